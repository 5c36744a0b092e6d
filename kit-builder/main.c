/* acskit-build: packs the pinned root and the manifests into a kit.
 * main only parses, validates and dispatches; common/kitwrite.c does the work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "entry.h"
#include "exitcodes.h"
#include "facts.h"
#include "kit.h"
#include "pem.h"
#include "pkgcheck.h"
#include "plat.h"
#include "print.h"
#include "text.h"
#include "timeutil.h"
#include "version.h"

#define DEFAULT_LABEL "ACS root and Windows readiness manifests"

/* Where `make install` put the bundled payload and manifests: the Makefile
 * passes ACSKIT_DATADIR ($(PREFIX)/share/acskit) to the native build. Builds
 * without it (the Windows exe) have no installed copy: "" then. */
static const char *installed_data_dir(void)
{
#ifdef ACSKIT_DATADIR
	return ACSKIT_DATADIR;
#else
	return "";
#endif
}

/* The payload and manifests directories packed when the command line names
 * neither or one of them: the current directory's payload/ and manifests/
 * when it has both (a source checkout, as before), else the installed
 * copies, so an installed builder works from any directory. Returns 0, or
 * EXIT_INTERNAL if a path does not fit. */
static int default_dirs(const char **payload, const char **manifests, int named_payload, int named_manifests)
{
	static char p[4096], m[4096];
	const char *dd = installed_data_dir();
	int n;
	if ((named_payload && named_manifests) || (plat_is_dir("payload") && plat_is_dir("manifests")) || !dd[0] ||
	    !plat_is_dir(dd))
		return 0;
	n = snprintf(p, sizeof p, "%s/payload", dd);
	if (n < 0 || (size_t)n >= sizeof p)
		return EXIT_INTERNAL;
	n = snprintf(m, sizeof m, "%s/manifests", dd);
	if (n < 0 || (size_t)n >= sizeof m)
		return EXIT_INTERNAL;
	if (!named_payload)
		*payload = p;
	if (!named_manifests)
		*manifests = m;
	return 0;
}

static void usage(void)
{
	say("usage: acskit-build [-o KIT.zip] [--payload DIR] [--manifests DIR] [--add PATH]...\n"
	    "                    [--label TEXT] [--created YYYY-MM-DDTHH:MM:SSZ] [--sign KEY.pem]\n"
	    "                    [--expires YYYY-MM-DDTHH:MM:SSZ] [--sequence N]\n"
	    "                    [--package-ca CAFILE] [--allow-package payload/FILE]...\n"
	    "       acskit-build keygen -o NAME      (writes NAME.key and NAME.pub)\n"
	    "       acskit-build lint [--manifests DIR]    (checks the manifests, every file)\n"
	    "       acskit-build facts [--manifests DIR] [-o FILE]   (docs/facts.md from them)\n"
	    "       acskit-build --version | --help\n"
	    "Defaults: -o kit.zip; --payload payload --manifests manifests when the current\n"
	    "          directory has both (a source checkout), else the installed copies%s%s\n"
	    "          --created $SOURCE_DATE_EPOCH if set, else now.\n",
	    installed_data_dir()[0] ? " in " : "", installed_data_dir());
}

/* Shell-quotes s for the "rebuild:" line (single quotes, ' as '\''). */
static void say_quoted(const char *s)
{
	say("'");
	for (; *s; s++) {
		if (*s == '\'')
			say("'\\''");
		else
			say("%c", *s);
	}
	say("'");
}

/* Clears and frees a private key buffer. */
static void wipe(uint8_t *p, size_t n)
{
	volatile uint8_t *v = p;
	size_t i;
	if (!p)
		return;
	for (i = 0; i < n; i++)
		v[i] = 0;
	free(p);
}

/* Reads a PEM file of the given label into DER. Returns an exit code. */
static int read_pem(const char *path, const char *label, uint8_t **der, size_t *len)
{
	int e;
	if (pem_read_file(path, label, der, len, &e) == 0)
		return EXIT_OK;
	if (e) {
		complain("cannot read %s: %s", path, plat_strerror(e));
		return EXIT_IO;
	}
	complain("%s: not a PEM \"%s\" (see acskit-build keygen)", path, label);
	return EXIT_USAGE;
}

/* Writes text to a new file (never over an existing one). Returns an exit code. */
static int write_new(const char *path, const char *text, int private)
{
	plat_file *f;
	int e = plat_open(path, private ? PLAT_CREATE_PRIVATE : PLAT_CREATE_NEW, &f);
	if (e) {
		complain("cannot create %s: %s", path, plat_strerror(e));
		return EXIT_IO;
	}
	e = plat_write(f, text, strlen(text));
	if (plat_close(f) != 0 || e) {
		complain("cannot write %s", path);
		(void)plat_remove(path);
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* acskit-build keygen -o NAME: a P-256 key pair as NAME.key (PKCS#8 PEM) and
 * NAME.pub (SubjectPublicKeyInfo PEM), the encodings openssl reads. */
static int cmd_keygen(int argc, char **argv)
{
	uint8_t *priv = NULL, *pub = NULL;
	size_t priv_len = 0, pub_len = 0;
	char *priv_pem = NULL, *pub_pem = NULL, keypath[4096], pubpath[4096], fp[65];
	int rc;
	if (argc != 4 || strcmp(argv[2], "-o") != 0) {
		complain("usage: acskit-build keygen -o NAME");
		return EXIT_USAGE;
	}
	if (snprintf(keypath, sizeof keypath, "%s.key", argv[3]) >= (int)sizeof keypath ||
	    snprintf(pubpath, sizeof pubpath, "%s.pub", argv[3]) >= (int)sizeof pubpath) {
		complain("keygen: name too long");
		return EXIT_USAGE;
	}
	rc = crypto_p256_keygen(&priv, &priv_len, &pub, &pub_len);
	if (rc == CRYPTO_E_UNSUPPORTED) {
		complain("keygen: not available in this build (use the Linux build, or openssl: see docs/signing.md)");
		return EXIT_USAGE;
	}
	if (rc != CRYPTO_OK || pem_encode(priv, priv_len, "PRIVATE KEY", &priv_pem) != 0 ||
	    pem_encode(pub, pub_len, "PUBLIC KEY", &pub_pem) != 0 || kit_key_fingerprint(pub, pub_len, fp) != 0) {
		complain("keygen failed");
		rc = EXIT_INTERNAL;
		goto out;
	}
	rc = write_new(keypath, priv_pem, 1);
	if (rc == EXIT_OK) {
		rc = write_new(pubpath, pub_pem, 0);
		if (rc != EXIT_OK)
			(void)plat_remove(keypath);
	}
	if (rc == EXIT_OK)
		say("private key:  %s (keep it off the machines that run kits)\npublic key:   %s\nfingerprint:  %s\n",
		    keypath, pubpath, fp);
out:
	wipe(priv, priv_len);
	if (priv_pem)
		wipe((uint8_t *)priv_pem, strlen(priv_pem));
	free(pub);
	free(pub_pem);
	return rc;
}

/* Parses, validates and builds; adds and allows have room for argc paths. */
static int run(int argc, char **argv, const char **adds, const char **allows)
{
	struct pkgcheck pc;
	struct kit_build_options o;
	struct kit_build_result res;
	struct kit_error err;
	char builder[64], created[21];
	const char *created_arg = NULL, *sde, *sign_path = NULL, *expires_arg = NULL, *sequence_arg = NULL;
	uint8_t *key = NULL;
	size_t nadds = 0, nallows = 0;
	int i, rc, named_payload = 0, named_manifests = 0;
	const char *package_ca = NULL;

	memset(&o, 0, sizeof o);
	o.payload_dir = "payload";
	o.manifests_dir = "manifests";
	o.output = "kit.zip";
	o.label = DEFAULT_LABEL;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage();
			return EXIT_OK;
		}
		if (!strcmp(a, "--version")) {
			say("acskit-build %s (crypto: %s)\n", ACSKIT_VERSION, crypto_backend_name());
			return EXIT_OK;
		}
		if (!strcmp(a, "-o") || !strcmp(a, "--output"))
			dst = &o.output;
		else if (!strcmp(a, "--payload"))
			dst = &o.payload_dir;
		else if (!strcmp(a, "--manifests"))
			dst = &o.manifests_dir;
		else if (!strcmp(a, "--label"))
			dst = &o.label;
		else if (!strcmp(a, "--created"))
			dst = &created_arg;
		else if (!strcmp(a, "--add"))
			dst = &adds[nadds++];
		else if (!strcmp(a, "--sign"))
			dst = &sign_path;
		else if (!strcmp(a, "--expires"))
			dst = &expires_arg;
		else if (!strcmp(a, "--sequence"))
			dst = &sequence_arg;
		else if (!strcmp(a, "--allow-package"))
			dst = &allows[nallows++];
		else if (!strcmp(a, "--package-ca"))
			dst = &package_ca;
		if (!dst) {
			complain("unknown argument '%s' (see --help)", a);
			return EXIT_USAGE;
		}
		if (i + 1 >= argc) {
			complain("%s needs a value (see --help)", a);
			return EXIT_USAGE;
		}
		*dst = argv[++i];
		if (dst == &o.payload_dir)
			named_payload = 1;
		else if (dst == &o.manifests_dir)
			named_manifests = 1;
	}
	if (default_dirs(&o.payload_dir, &o.manifests_dir, named_payload, named_manifests) != 0) {
		complain("the installed data directory path is too long");
		return EXIT_INTERNAL;
	}
	if (kit_label_invalid(o.label)) {
		complain("--label: %s", kit_label_invalid(o.label));
		return EXIT_USAGE;
	}
	if (created_arg) {
		if (time_parse_iso(created_arg, &o.created) != 0) {
			complain("--created: expected a UTC time YYYY-MM-DDTHH:MM:SSZ, got '%s'", created_arg);
			return EXIT_USAGE;
		}
	} else if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde) {
		uint64_t v;
		if (text_parse_u64(sde, strlen(sde), (uint64_t)INT64_MAX, &v) != 0) {
			complain("SOURCE_DATE_EPOCH: expected seconds since 1970, got '%s'", sde);
			return EXIT_USAGE;
		}
		o.created = (int64_t)v;
	} else {
		o.created = plat_now();
	}
	/* The zip's DOS time holds 1980 to 2107: a time outside is a usage error. */
	if (o.created < 315532800LL || o.created > 4354819198LL) {
		complain("the creation time must lie from 1980-01-01T00:00:00Z to 2107-12-31T23:59:58Z");
		return EXIT_USAGE;
	}
	if (expires_arg && (time_parse_iso(expires_arg, &o.expires) != 0 || o.expires <= o.created)) {
		complain("--expires: expected a UTC time YYYY-MM-DDTHH:MM:SSZ after the creation time, got '%s'", expires_arg);
		return EXIT_USAGE;
	}
	if (sequence_arg) {
		if (text_parse_u64(sequence_arg, strlen(sequence_arg), (uint64_t)INT64_MAX, &o.sequence) != 0) {
			complain("--sequence: expected a number without leading zeros, got '%s'", sequence_arg);
			return EXIT_USAGE;
		}
		o.has_sequence = 1;
	}
	(void)snprintf(builder, sizeof builder, "acskit-build %s", ACSKIT_VERSION);
	o.builder = builder;
	o.now = plat_now();
	o.adds = adds;
	o.nadds = nadds;
	if (sign_path) {
		static const uint8_t probe[32];
		uint8_t *sig = NULL;
		size_t sig_len;
		int prc = read_pem(sign_path, "PRIVATE KEY", &key, &o.sign_key_len), crc;
		if (prc != EXIT_OK)
			return prc;
		/* Try the key before building anything: a wrong key, or a build that
		 * cannot sign, is told at once. */
		crc = crypto_p256_sign(key, o.sign_key_len, probe, &sig, &sig_len, NULL, NULL);
		free(sig);
		if (crc != CRYPTO_OK) {
			wipe(key, o.sign_key_len);
			if (crc == CRYPTO_E_UNSUPPORTED) {
				complain("--sign: signing is not available in this build (sign with the Linux build; see docs/signing.md)");
				return EXIT_USAGE;
			}
			complain("--sign %s: not a P-256 private key", sign_path);
			return crc == CRYPTO_E_PARSE ? EXIT_KIT_INVALID : EXIT_INTERNAL;
		}
		o.sign_key = key;
	}

	for (i = 0; (size_t)i < nallows; i++)
		if (kit_name_kind(allows[i]) != KIT_KIND_PAYLOAD) {
			complain("--allow-package: expected a payload entry name as a manifest's package line gives it "
			         "(payload/FILE), got '%s'", allows[i]);
			wipe(key, o.sign_key_len);
			return EXIT_USAGE;
		}
	memset(&pc, 0, sizeof pc);
	pc.cafile = package_ca;
	pc.allow = allows;
	pc.nallow = nallows;
	pc.seen = calloc(nallows + 1, 1);
	if (!pc.seen) {
		complain("out of memory");
		wipe(key, o.sign_key_len);
		return EXIT_INTERNAL;
	}
	o.check_package = pkgcheck_package;
	o.check_package_ctx = &pc;
	rc = kit_build(&o, &res, &err);
	wipe(key, o.sign_key_len);
	if (rc != 0) {
		complain("%s", err.msg);
		rc = pc.bad_allow ? EXIT_USAGE : acskit_exit_for(err.code);
		pkgcheck_free(&pc);
		free(pc.seen);
		return rc;
	}
	time_format_iso(o.created, created);
	say("kit identity: %s\n", res.identity_hex);
	say("wrote:        %s (%llu bytes)\n", o.output, (unsigned long long)res.zip_bytes);
	say("label:        %s\n", o.label);
	say("created:      %s\n", created);
	say("builder:      %s\n", builder);
	if (expires_arg)
		say("expires:      %s\n", expires_arg);
	if (sequence_arg)
		say("sequence:     %s\n", sequence_arg);
	say("root:         %s (SHA-256 %s, the pin)\n", res.root_cn, kit_pin_sha256_hex);
	if (res.signer[0])
		say("signed by:    key %s\n", res.signer);
	else
		say("signed by:    nobody (unsigned; see --sign)\n");
	say("entries:      %lu files, %lu of them manifests, %llu bytes, plus %s%s\n", (unsigned long)res.entries,
	    (unsigned long)res.manifests, (unsigned long long)res.payload_bytes, KIT_INDEX_NAME,
	    res.signer[0] ? " and " KIT_SIG_NAME : "");
	if (res.sha1_named)
		say("catalog SHA-1: %lu payload file name(s) carry an Update Catalog SHA-1; the bytes match\n",
		    (unsigned long)res.sha1_named);
	pkgcheck_print(&pc);
	pkgcheck_free(&pc);
	free(pc.seen);
	say("rebuild:      acskit-build");
	if (strcmp(o.payload_dir, "payload") != 0) {
		say(" --payload ");
		say_quoted(o.payload_dir);
	}
	if (strcmp(o.manifests_dir, "manifests") != 0) {
		say(" --manifests ");
		say_quoted(o.manifests_dir);
	}
	if (sign_path) {
		say(" --sign ");
		say_quoted(sign_path);
	}
	for (i = 0; (size_t)i < nadds; i++) {
		say(" --add ");
		say_quoted(adds[i]);
	}
	for (i = 0; (size_t)i < nallows; i++) {
		say(" --allow-package ");
		say_quoted(allows[i]);
	}
	say(" --label ");
	say_quoted(o.label);
	say(" --created %s", created);
	if (expires_arg)
		say(" --expires %s", expires_arg);
	if (sequence_arg)
		say(" --sequence %s", sequence_arg);
	say("\n");
	return EXIT_OK;
}

int tool_main(int argc, char **argv)
{
	/* At most one --add per argument: argc bounds the list. */
	const char **adds = calloc((size_t)argc + 1, sizeof *adds);
	const char **allows = calloc((size_t)argc + 1, sizeof *allows);
	int rc;
	print_set_program("acskit-build");
	if (!adds || !allows) {
		free(adds);
		free(allows);
		complain("out of memory");
		return EXIT_INTERNAL;
	}
	if (argc > 1 && !strcmp(argv[1], "keygen"))
		rc = cmd_keygen(argc, argv);
	else if (argc > 1 && !strcmp(argv[1], "lint"))
		rc = cmd_lint(argc, argv);
	else if (argc > 1 && !strcmp(argv[1], "facts"))
		rc = cmd_facts(argc, argv);
	else
		rc = run(argc, argv, adds, allows);
	free(adds);
	free(allows);
	return rc;
}
