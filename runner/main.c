/* acskit-run: verifies a kit and (on Windows, later verbs) acts on it.
 * main only parses, validates and dispatches, one function per verb. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "entry.h"
#include "exitcodes.h"
#include "kit.h"
#include "pem.h"
#include "plat.h"
#include "print.h"
#include "runner.h"
#include "timeutil.h"
#include "version.h"

/* Who may sign kits, from --trust-key files and the machine's policy. */
struct trust {
	int require;            /* --require-signature or policy RequireSignature */
	int refuse_expired;     /* --refuse-expired or policy RefuseExpired */
	int allow_older;        /* --allow-older: accept a kit older than the receipt's */
	size_t n;
	uint8_t *key[64];       /* DER SubjectPublicKeyInfo */
	size_t len[64];
	char source[64][300];   /* the file, or "policy TrustedKeys #N" */
};
static struct trust trust;

/* What the signature check found, for the report. */
char signature_line[400];
int signature_trusted;

static void usage(void)
{
	say("usage: acskit-run check KIT.zip [REPORT OPTIONS] [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
	    "       acskit-run apply KIT.zip [REPORT OPTIONS] [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
	    "       acskit-run remove [REPORT OPTIONS]\n"
	    "       acskit-run check-file KIT.zip FILE... [REPORT OPTIONS] [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
	    "       acskit-run verify KIT.zip [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
	    "       acskit-run show KIT.zip [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
	    "       acskit-run extract KIT.zip NAME... --to DIR [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
	    "       acskit-run summary DIR|REPORT.json... [--expect IDENTITY] [--csv FILE] [--html FILE] [--quiet]\n"
	    "report options: --json FILE (the report as JSON, docs/report.md) --quiet (no text report)\n"
	    "                --no-event (no Application event on Windows)\n"
	    "  check, apply, remove and check-file act on a Windows machine; apply and remove need an elevated\n"
	    "  administrator\n"
	    "signature options: --trust-key KEY.pub (repeatable) --require-signature --refuse-expired\n"
	    "                   --allow-older\n"
	    "  (on Windows also HKLM\\SOFTWARE\\Policies\\acskit: TrustedKeys, RequireSignature)\n"
	    "       acskit-run --version | --help\n");
}

/* Applies the trust settings to a verified kit: a signature by a trusted key
 * is reported with the key; a signature no trusted key made is refused; an
 * unsigned kit, or one with no key to check it against, is refused only where
 * a signature is required. Returns EXIT_OK or EXIT_KIT_INVALID (printed). */
static int check_signature(const char *path, const struct kit *k)
{
	struct kit_error err;
	char fp[65];
	size_t i;
	if (!k->signature) {
		if (trust.require) {
			complain("refused: %s: unsigned kit: a signature is required (--require-signature or policy)", path);
			return EXIT_KIT_INVALID;
		}
		(void)snprintf(signature_line, sizeof signature_line, "none: the kit is unsigned");
		return EXIT_OK;
	}
	if (trust.n == 0) {
		if (trust.require) {
			complain("refused: %s: bad signature: a signature is required and no trusted key is given "
			         "(--trust-key or policy TrustedKeys)", path);
			return EXIT_KIT_INVALID;
		}
		(void)snprintf(signature_line, sizeof signature_line, "present, not checked: no trusted key given");
		return EXIT_OK;
	}
	for (i = 0; i < trust.n; i++) {
		if (kit_signature_check(k, trust.key[i], trust.len[i], &err) != 0) {
			if (err.code == KIT_E_INTERNAL) {
				complain("%s", err.msg);
				return EXIT_INTERNAL;
			}
			/* A malformed signature is malformed for every key: say that,
			 * not that no trusted key made it. */
			if (strcmp(err.msg, KIT_SIG_MALFORMED) == 0) {
				complain("refused: %s: %s", path, err.msg);
				return EXIT_KIT_INVALID;
			}
			continue;
		}
			(void)kit_key_fingerprint(trust.key[i], trust.len[i], fp);
		(void)snprintf(signature_line, sizeof signature_line, "valid, by key %s (%s)", fp, trust.source[i]);
		signature_trusted = 1;
		return EXIT_OK;
	}
	complain("refused: %s: bad signature: not made by any of the %lu trusted key%s", path, (unsigned long)trust.n,
	         trust.n == 1 ? "" : "s");
	return EXIT_KIT_INVALID;
}

/* What the expiry check found, for the report. */
char expiry_line[200];

/* An expired kit is reported, and refused only where --refuse-expired or the
 * policy says so: an air-gapped machine's clock may be wrong, and the operator
 * can see both dates. */
static int check_expiry(const char *path, const struct kit *k)
{
	char now_text[21];
	int64_t now = plat_now();
	expiry_line[0] = '\0';
	if (!k->index.expires)
		return EXIT_OK;
	time_format_iso(now, now_text);
	if (now <= k->index.expires) {
		(void)snprintf(expiry_line, sizeof expiry_line, "%s", k->index.expires_text);
		return EXIT_OK;
	}
	if (trust.refuse_expired) {
		complain("refused: %s: expired kit: it expired %s and this machine's clock says %s", path,
		         k->index.expires_text, now_text);
		return EXIT_KIT_INVALID;
	}
	(void)snprintf(expiry_line, sizeof expiry_line, "%s, EXPIRED: this machine's clock says %s (check the clock)",
	               k->index.expires_text, now_text);
	return EXIT_OK;
}

/* What the sequence check found, for the report. */
char sequence_line[200];

/* A kit older than the last one applied on this machine (by the receipt's
 * sequence number) is refused unless --allow-older: a replayed old kit could
 * carry withdrawn manifests. A kit without a number cannot be compared and is
 * reported as such. */
static int check_sequence(const char *path, const struct kit *k)
{
	struct plat_receipt rec;
	int e = plat_receipt_read(&rec);
	sequence_line[0] = '\0';
	if (e) {
		complain("cannot read the acskit receipt: %s", plat_strerror(e));
		return EXIT_IO;
	}
	if (!rec.has_sequence) {
		if (k->index.has_sequence)
			(void)snprintf(sequence_line, sizeof sequence_line, "%llu", (unsigned long long)k->index.sequence);
		return EXIT_OK;
	}
	if (!k->index.has_sequence) {
		(void)snprintf(sequence_line, sizeof sequence_line, "none (the last kit applied here was number %llu)",
		               (unsigned long long)rec.sequence);
		return EXIT_OK;
	}
	if (k->index.sequence < rec.sequence && !trust.allow_older) {
		complain("refused: %s: older kit: number %llu, but number %llu%s%s was applied here (--allow-older to use it)",
		         path, (unsigned long long)k->index.sequence, (unsigned long long)rec.sequence,
		         rec.identity[0] ? ", kit " : "", rec.identity);
		return EXIT_KIT_INVALID;
	}
	(void)snprintf(sequence_line, sizeof sequence_line, "%llu (the last kit applied here was number %llu)%s",
	               (unsigned long long)k->index.sequence, (unsigned long long)rec.sequence,
	               k->index.sequence < rec.sequence ? ", OLDER: allowed by --allow-older" : "");
	return EXIT_OK;
}

/* Adds a trusted key (DER) with where it came from. Returns an exit code. */
static int trust_add(uint8_t *der, size_t len, const char *source)
{
	if (!kit_key_is_p256(der, len)) {
		free(der);
		complain("%s: not a P-256 public key", source);
		return EXIT_USAGE;
	}
	if (trust.n == sizeof trust.key / sizeof trust.key[0]) {
		free(der);
		complain("%s: too many trusted keys", source);
		return EXIT_USAGE;
	}
	trust.key[trust.n] = der;
	trust.len[trust.n] = len;
	(void)snprintf(trust.source[trust.n], sizeof trust.source[0], "%s", source);
	trust.n++;
	return EXIT_OK;
}

static int trust_add_file(const char *path)
{
	uint8_t *der;
	size_t len;
	int e;
	if (pem_read_file(path, "PUBLIC KEY", &der, &len, &e) == 0) {
		if (!kit_key_is_p256(der, len)) {
			free(der);
			complain("--trust-key %s: not a P-256 public key", path);
			return EXIT_USAGE;
		}
		return trust_add(der, len, path);
	}
	if (e) {
		complain("--trust-key %s: %s", path, plat_strerror(e));
		return EXIT_IO;
	}
	complain("--trust-key %s: not a PEM public key", path);
	return EXIT_USAGE;
}

/* The machine's policy: on Windows, what Group Policy set. A value that is
 * present but malformed refuses, with its own exit code: it is never read as
 * "not set" (a REG_SZ "1" for RequireSignature would let unsigned kits in). */
static int trust_add_policy(void)
{
	struct policy_raw raw;
	struct policy pol;
	char why[300];
	size_t i;
	int rc = EXIT_OK, e = plat_policy_read(&raw);
	if (e) {
		complain("cannot read the acskit policy key: %s", plat_strerror(e));
		return EXIT_IO;
	}
	if (policy_parse(&raw, &pol, why, sizeof why) != 0) {
		policy_raw_free(&raw);
		complain("refused: malformed policy value HKLM\\SOFTWARE\\Policies\\acskit\\%s; nothing was done", why);
		return EXIT_BAD_POLICY;
	}
	policy_raw_free(&raw);
	if (pol.require_signature)
		trust.require = 1;
	if (pol.refuse_expired)
		trust.refuse_expired = 1;
	for (i = 0; i < pol.nkeys && rc == EXIT_OK; i++) {
		char source[64];
		(void)snprintf(source, sizeof source, "policy TrustedKeys #%lu", (unsigned long)i + 1);
		rc = trust_add(pol.key[i], pol.key_len[i], source);
		pol.key[i] = NULL; /* trust_add owns it now, or freed it */
	}
	policy_free(&pol);
	return rc;
}

/* Verifies the kit and the expected identity; prints the refusal. Returns an
 * exit code; *out is set only on EXIT_OK. */
int open_kit(const char *path, const char *expect, int full, struct kit_reader **reader, struct kit **out)
{
	struct kit_error err;
	struct kit_reader *r;
	uint8_t want[32];

	*out = NULL;
	if (reader)
		*reader = NULL;
	if (expect && kit_unhex(expect, want, 32) != 0) {
		complain("--expect: a kit identity is 64 hex digits, got '%s'", expect);
		return EXIT_USAGE;
	}
	if (kit_open(path, full, &r, out, &err) != 0) {
		if (err.code == KIT_E_REFUSED)
			complain("refused: %s: %s", path, err.msg);
		else
			complain("%s", err.msg);
		return acskit_exit_for(err.code);
	}
	if (expect && memcmp(want, (*out)->identity, 32) != 0) {
		complain("refused: %s: identity mismatch: kit identity %s is not the expected %s", path,
		         (*out)->identity_hex, expect);
		kit_free(*out);
		*out = NULL;
		kit_close(r);
		return EXIT_ID_MISMATCH;
	}
	{
		/* Each check prints its own refusal and gives its own code: a receipt
		 * that cannot be read is an I/O error, not a refused kit. */
		int rc = check_signature(path, *out);
		if (rc == EXIT_OK)
			rc = check_expiry(path, *out);
		if (rc == EXIT_OK)
			rc = check_sequence(path, *out);
		if (rc != EXIT_OK) {
			kit_free(*out);
			*out = NULL;
			kit_close(r);
			return rc;
		}
	}
	if (reader)
		*reader = r;
	else
		kit_close(r);
	return EXIT_OK;
}

static void say_kit_dates(const struct kit *k)
{
	if (k->index.expires)
		say("expires:      %s\n", expiry_line);
	if (sequence_line[0])
		say("sequence:     %s\n", sequence_line);
}

static int cmd_verify(const char *path, const char *expect)
{
	struct kit *k;
	int rc = open_kit(path, expect, 1, NULL, &k);
	if (rc != EXIT_OK)
		return rc;
	say("kit identity: %s\n", k->identity_hex);
	say("verified:     %s: %lu entries match the index (sizes and SHA-256)%s\n", path,
	    (unsigned long)k->index.count, expect ? "; identity as expected" : "");
	say("label:        %s\n", k->index.label);
	say("created:      %s by %s\n", k->index.created_text, k->index.builder);
	say("root:         %s (SHA-256 %s, the pin)\n", k->root_cn, kit_pin_sha256_hex);
	say("manifests:    %lu\n", (unsigned long)k->manifests.n);
	say_kit_dates(k);
	say("signature:    %s\n", signature_line);
	kit_free(k);
	return EXIT_OK;
}

/* The builds a manifest matches, e.g. "17763" or "22000 and later". */
static void say_builds(const struct manifest *m)
{
	size_t i;
	for (i = 0; i < m->nranges; i++) {
		const struct manifest_range *r = &m->ranges[i];
		say("%s", i ? ", " : "");
		if (r->hi == UINT32_MAX)
			say("%u and later", (unsigned)r->lo);
		else if (r->hi == r->lo)
			say("%u", (unsigned)r->lo);
		else
			say("%u to %u", (unsigned)r->lo, (unsigned)r->hi);
	}
}

static const char *product_text(enum manifest_product p)
{
	return p == MANIFEST_WORKSTATION ? "workstation" : p == MANIFEST_SERVER ? "server" : "workstation or server";
}

static void say_requirement(const struct manifest *m)
{
	size_t i;
	switch (m->requirement) {
	case MANIFEST_NATIVE:
		say("    needs      nothing: every build matched has ACS support\n");
		if (m->has_warn_below)
			say("    warning    below UBR %u one source names %s; reported as a warning, not as missing\n",
			    (unsigned)m->warn_below_ubr, m->warn_kb);
		break;
	case MANIFEST_BUILD_UBR:
		say("    needs      UBR %u or later: %s (%s) or any later cumulative update\n", (unsigned)m->min_ubr,
		    m->fix_kb, m->fix_date);
		for (i = 0; i < m->nalso; i++)
			say("    also       %s gives %u.%u (%s)\n", m->also[i].kb, (unsigned)m->also[i].build,
			    (unsigned)m->also[i].ubr, m->also[i].date);
		break;
	case MANIFEST_LEGACY_KB:
		say("    needs      %s (October 2021 monthly rollup), or %s (October 2021 security-only\n"
		    "               update), or any later monthly rollup\n",
		    m->rollup_oct2021, m->security_only_oct2021);
		if (m->nrollups) {
			size_t oob = 0, weak = 0;
			const struct manifest_rollup *last = &m->rollups[m->nrollups - 1];
			for (i = 0; i < m->nrollups; i++) {
				oob += m->rollups[i].oob != 0;
				weak += !m->rollups[i].oob &&
				        manifest_rollup_basis(m, &m->rollups[i])->confidence != MANIFEST_CONFIRMED;
			}
			say("    rollups    %lu later rollups known, newest %s (%s, %s)\n", (unsigned long)(m->nrollups - oob),
			    last->kb, last->date, manifest_confidence_name(manifest_rollup_basis(m, last)->confidence));
			if (weak)
				say("               %lu of them not confirmed by Microsoft: a verdict resting on one says so\n",
				    (unsigned long)weak);
			if (oob)
				say("               %lu out-of-band updates listed, which never meet the requirement on their own\n",
				    (unsigned long)oob);
		}
		for (i = 0; i < m->nprereqs; i++)
			say("    first      %s %s (%s)\n", m->prereqs[i].kb, m->prereqs[i].text,
			    m->prereqs[i].check == MANIFEST_PREREQ_UNCHECKED ? "not checked" : "checked");
		break;
	case MANIFEST_NO_UPDATE:
		say("    needs      an upgrade: no update brings ACS support to this version\n");
		break;
	}
	for (i = 0; i < m->npackages; i++)
		say("    package    %s %s in %s\n", m->packages[i].kb, m->packages[i].arch, m->packages[i].entry);
}

static int cmd_show(const char *path, const char *expect)
{
	struct kit *k;
	size_t i, j;
	char hex[65];
	int rc = open_kit(path, expect, 1, NULL, &k);
	if (rc != EXIT_OK)
		return rc;
	say("kit identity: %s\n", k->identity_hex);
	say("verified:     every entry matches the index\n");
	say("label:        %s\n", k->index.label);
	say("created:      %s\n", k->index.created_text);
	say("builder:      %s\n", k->index.builder);
	say_kit_dates(k);
	say("signature:    %s\n", signature_line);
	say("root:         %s\n", k->root_name);
	say("              %s\n", k->root_cn);
	say("              SHA-256 %s (the pin)\n", kit_pin_sha256_hex);
	say("              SHA-1   %s (the Windows thumbprint)\n", kit_pin_sha1_hex);
	for (i = 0; i < k->nchain; i++) {
		char nb[21], na[21];
		time_format_iso(k->chain[i].not_before, nb);
		time_format_iso(k->chain[i].not_after, na);
		say("chain:        %s (%s to %s)\n", k->chain[i].cn, nb, na);
	}
	say("\nfiles (%lu, plus %s%s):\n", (unsigned long)k->index.count, KIT_INDEX_NAME,
	    k->signature ? " and " KIT_SIG_NAME : "");
	for (i = 0; i < k->index.count; i++) {
		kit_hex(k->index.entries[i].sha256, 32, hex);
		say("  %10llu  %s  %s\n", (unsigned long long)k->index.entries[i].size, hex, k->index.entries[i].name);
	}
	say("\nWindows versions (%lu manifests):\n", (unsigned long)k->manifests.n);
	for (i = 0; i < k->manifests.n; i++) {
		const struct manifest *m = k->manifests.v[i];
		say("\n  %s\n", m->title);
		say("    manifest   %s (checked %s)\n", m->id, m->checked);
		say("    matches    version %u.%u, build ", m->ver_major, m->ver_minor);
		say_builds(m);
		say(", %s", product_text(m->product));
		if (m->product_name)
			say(", ProductName \"%s...\"", m->product_name);
		say("\n");
		say_requirement(m);
		for (j = 0; j < MANIFEST_FACT_COUNT; j++) {
			size_t s;
			if (!m->basis[j].set)
				continue;
			say("    basis      %s: %s (", manifest_fact_name((enum manifest_fact)j),
			    manifest_confidence_name(m->basis[j].confidence));
			for (s = 0; s < m->basis[j].nsrc; s++)
				say("%s%s", s ? ", " : "", m->srcs[m->basis[j].src[s]].tag);
			say(")\n");
		}
		for (j = 0; j < m->nsrcs; j++)
			say("    source     %s (%s): %s\n", m->srcs[j].tag, manifest_source_kind_name(m->srcs[j].kind),
			    m->srcs[j].text);
		for (j = 0; j < m->advice.n; j++)
			say("    %s %s\n", j ? "          " : "advice    ", m->advice.v[j]);
		for (j = 0; j < m->notes.n; j++)
			say("    %s %s\n", j ? "          " : "note      ", m->notes.v[j]);
	}
	kit_free(k);
	return EXIT_OK;
}

struct out_file {
	plat_file *f;
};

static int write_out(void *ctx, const void *p, size_t n)
{
	return plat_write(((struct out_file *)ctx)->f, p, n);
}

/* SHA-256 of an existing file; 0, or an error code. */
int hash_file(const char *path, uint8_t out[32], uint64_t *size)
{
	plat_file *f;
	crypto_sha256 *h;
	/* On the heap: a static 1 MiB buffer lands in mingw's .data and would
	 * add 1 MiB to the exe. */
	const size_t bufsize = (size_t)1 << 20;
	unsigned char *buf;
	int e = plat_open(path, PLAT_READ, &f);
	*size = 0;
	if (e)
		return e;
	buf = malloc(bufsize);
	if (!buf || crypto_sha256_new(&h) != CRYPTO_OK) {
		free(buf);
		plat_close(f);
		return ENOMEM;
	}
	for (;;) {
		long r = plat_read(f, buf, bufsize);
		if (r < 0) {
			e = plat_close(f);
			crypto_sha256_free(h);
			free(buf);
			return e ? e : EIO;
		}
		if (r == 0)
			break;
		crypto_sha256_update(h, buf, (size_t)r);
		*size += (uint64_t)r;
	}
	plat_close(f);
	free(buf);
	e = crypto_sha256_final(h, out) == CRYPTO_OK ? 0 : EIO;
	crypto_sha256_free(h);
	return e;
}

/* The index entry a NAME argument means: the exact entry name, or the file
 * name (after the last '/') of exactly one entry, payload or manifest. */
static const struct kit_entry *resolve(const struct kit *k, const char *name)
{
	const struct kit_entry *hit = kit_index_find(&k->index, name), *e;
	size_t i, n = 0;
	if (hit)
		return hit;
	for (i = 0; i < k->index.count; i++) {
		const char *base = strrchr(k->index.entries[i].name, '/');
		base = base ? base + 1 : k->index.entries[i].name;
		if (!strcmp(base, name)) {
			hit = &k->index.entries[i];
			n++;
		}
	}
	e = n == 1 ? hit : NULL;
	return e;
}

/* Writes the verified bytes of each named entry into dir, under the entry's
 * own file name (which passed the kit's name rules), through a temporary file
 * that is renamed only when size and SHA-256 matched. */
static int cmd_extract(const char *path, const char *expect, char **names, int nnames, const char *dir)
{
	struct kit_reader *r;
	struct kit *k;
	const struct kit_entry **want;
	int i, rc = open_kit(path, expect, 0, &r, &k);
	if (rc != EXIT_OK)
		return rc;
	want = calloc((size_t)nnames, sizeof *want);
	if (!want) {
		complain("out of memory");
		rc = EXIT_INTERNAL;
		goto out;
	}
	/* Resolve every name before writing anything. */
	for (i = 0; i < nnames; i++) {
		want[i] = resolve(k, names[i]);
		if (!want[i]) {
			complain("%s: no entry '%s' in the kit (give its name as 'acskit-run show' lists it)", path, names[i]);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (!plat_is_dir(dir)) {
		complain("--to %s: not a directory", dir);
		rc = EXIT_IO;
		goto out;
	}
	for (i = 0; i < nnames && rc == EXIT_OK; i++) {
		const struct kit_entry *ie = want[i];
		const char *base = strrchr(ie->name, '/');
		char target[4096], tmp[4200], hex[65];
		struct kit_error err;
		struct out_file of;
		uint8_t have[32];
		uint64_t have_size;
		int e, n;
		base = base ? base + 1 : ie->name;
		n = snprintf(target, sizeof target, "%s/%s", dir, base);
		if (n < 0 || (size_t)n >= sizeof target ||
		    /* A short temp name: a name near the 255-byte limit must fit. */
		    snprintf(tmp, sizeof tmp, "%s/.acskit-%lu-%d.partial", dir, plat_pid(), i) >= (int)sizeof tmp) {
			complain("--to %s: path too long", dir);
			rc = EXIT_USAGE;
			break;
		}
		kit_hex(ie->sha256, 32, hex);
		/* Running twice is safe: a file already there with the verified bytes is
		 * left as it is; one with other bytes is not overwritten. */
		e = hash_file(target, have, &have_size);
		if (e != 0 && e != ENOENT) {
			/* There, but not readable: never replace what we cannot compare. */
			complain("cannot read %s: %s; nothing written for %s", target, plat_strerror(e), ie->name);
			rc = EXIT_IO;
			break;
		}
		if (e == 0) {
			if (have_size == ie->size && !memcmp(have, ie->sha256, 32)) {
				say("present:   %s -> %s (%llu bytes, SHA-256 %s, unchanged)\n", ie->name, target,
				    (unsigned long long)ie->size, hex);
				continue;
			}
			complain("%s exists with other content; nothing written for %s (remove it first)", target, ie->name);
			rc = EXIT_IO;
			break;
		}
		(void)plat_remove(tmp);
		memset(&of, 0, sizeof of);
		e = plat_open(tmp, PLAT_CREATE_NEW, &of.f);
		if (e) {
			complain("cannot create %s: %s", tmp, plat_strerror(e));
			rc = EXIT_IO;
			break;
		}
		if (kit_extract(r, k, ie->name, write_out, &of, &err) != 0) {
			plat_close(of.f);
			plat_remove(tmp);
			if (err.code == KIT_E_REFUSED)
				complain("refused: %s: %s", path, err.msg);
			else
				complain("%s", err.msg);
			rc = acskit_exit_for(err.code);
			break;
		}
		e = plat_close(of.f);
		if (e == 0)
			e = plat_rename_noreplace(tmp, target);
		if (e == EEXIST) {
			/* Something appeared at the target since it was checked (a file,
			 * a dangling link): never replace it. */
			plat_remove(tmp);
			complain("%s is there now (a file that appeared meanwhile, or a link); nothing written for %s (remove it first)",
			         target, ie->name);
			rc = EXIT_IO;
			break;
		}
		if (e) {
			plat_remove(tmp);
			complain("cannot write %s: %s", target, plat_strerror(e));
			rc = EXIT_IO;
			break;
		}
		say("extracted: %s -> %s (%llu bytes, SHA-256 %s)\n", ie->name, target, (unsigned long long)ie->size, hex);
	}
out:
	free(want);
	kit_free(k);
	kit_close(r);
	return rc;
}

int tool_main(int argc, char **argv)
{
	const char *verb, *path = NULL, *expect = NULL, *to = NULL;
	char **names;
	int i, nnames = 0, machine_verb;
	struct machine_options mo = {NULL, 0, 0};

	print_set_program("acskit-run");
	if (argc < 2) {
		usage();
		return EXIT_USAGE;
	}
	verb = argv[1];
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h") || !strcmp(verb, "help")) {
		usage();
		return EXIT_OK;
	}
	if (!strcmp(verb, "--version")) {
		say("acskit-run %s (crypto: %s)\n", ACSKIT_VERSION, crypto_backend_name());
		return EXIT_OK;
	}
	if (!strcmp(verb, "summary"))
		return cmd_summary(argc - 2, argv + 2);
	machine_verb = !strcmp(verb, "check") || !strcmp(verb, "apply") || !strcmp(verb, "remove") ||
	               !strcmp(verb, "check-file");
	if (strcmp(verb, "verify") != 0 && strcmp(verb, "show") != 0 && strcmp(verb, "extract") != 0 && !machine_verb) {
		complain("unknown verb '%s' (see --help)", verb);
		return EXIT_USAGE;
	}
	names = calloc((size_t)argc, sizeof *names);
	if (!names) {
		complain("out of memory");
		return EXIT_INTERNAL;
	}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--expect") || !strcmp(argv[i], "--to")) {
			if (i + 1 >= argc) {
				complain("%s needs a value", argv[i]);
				free(names);
				return EXIT_USAGE;
			}
			if (argv[i][2] == 'e')
				expect = argv[++i];
			else
				to = argv[++i];
		} else if (!strcmp(argv[i], "--trust-key")) {
			int rc;
			if (i + 1 >= argc) {
				complain("--trust-key needs a public key file");
				free(names);
				return EXIT_USAGE;
			}
			if ((rc = trust_add_file(argv[++i])) != EXIT_OK) {
				free(names);
				return rc;
			}
		} else if (machine_verb && !strcmp(argv[i], "--json")) {
			if (i + 1 >= argc) {
				complain("--json needs a file name");
				free(names);
				return EXIT_USAGE;
			}
			mo.json = argv[++i];
		} else if (machine_verb && !strcmp(argv[i], "--quiet")) {
			mo.quiet = 1;
		} else if (machine_verb && !strcmp(argv[i], "--no-event")) {
			mo.no_event = 1;
		} else if (!strcmp(argv[i], "--require-signature")) {
			trust.require = 1;
		} else if (!strcmp(argv[i], "--refuse-expired")) {
			trust.refuse_expired = 1;
		} else if (!strcmp(argv[i], "--allow-older")) {
			trust.allow_older = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			complain("unknown option '%s' (see --help)", argv[i]);
			free(names);
			return EXIT_USAGE;
		} else if (!path) {
			path = argv[i];
		} else {
			names[nnames++] = argv[i];
		}
	}
	if (!strcmp(verb, "remove")) {
		free(names);
		if (path || expect || to) {
			complain("remove takes no kit: it acts by the receipt (see --help)");
			return EXIT_USAGE;
		}
		return cmd_remove(&mo);
	}
	if (!path) {
		complain("%s needs a kit (see --help)", verb);
		free(names);
		return EXIT_USAGE;
	}
	{
		int rc = trust_add_policy();
		if (rc != EXIT_OK) {
			free(names);
			return rc;
		}
	}
	if (!strcmp(verb, "check-file")) {
		int rc;
		if (!nnames || to) {
			complain("check-file needs a kit and the files to check, and no --to (see --help)");
			free(names);
			return EXIT_USAGE;
		}
		rc = cmd_check_file(path, expect, names, nnames, &mo);
		free(names);
		return rc;
	}
	if (!strcmp(verb, "extract")) {
		int rc;
		if (!nnames || !to) {
			complain("extract needs the names of entries and --to DIR (see --help)");
			free(names);
			return EXIT_USAGE;
		}
		rc = cmd_extract(path, expect, names, nnames, to);
		free(names);
		return rc;
	}
	free(names);
	if (nnames || to) {
		complain("%s takes one kit%s", verb, to ? " and no --to" : "");
		return EXIT_USAGE;
	}
	if (machine_verb)
		return cmd_assess(!strcmp(verb, "apply"), path, expect, &mo);
	return !strcmp(verb, "verify") ? cmd_verify(path, expect) : cmd_show(path, expect);
}
