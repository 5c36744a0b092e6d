/* Out of memory, everywhere it can happen: the library's malloc, calloc and
 * realloc (and minizip's, compiled in) are wrapped at link time
 * (-Wl,--wrap=...), and each of kit_build, kit_verify_mem, kit_open +
 * kit_extract, manifest parsing and assess_update, PEM both ways, and the
 * JSON writer and reader runs
 * again and again with allocation number 1, 2, 3, ... failing, until a run
 * needs no more allocations than the one that failed. Every run must end cleanly: success
 * (an allocation whose failure is handled by a fallback) or KIT_E_NOMEM /
 * -1, never a crash or another error; make check-sanitize runs it with leak
 * detection, so every error path frees what it took. OpenSSL's and zlib's
 * own allocations (shared libraries) are not wrapped, and allocations inside
 * minizip's writer (zip.c, the builder only) never fail here: its
 * zipOpenNewFileInZip4_64 writes through an unchecked ALLOC (zlib 1.2.13
 * contrib/minizip), a crash this test found and acskit cannot fix in the
 * pinned source (docs/testing.md). minizip's reader (unzip.c, in the runner)
 * is failed like the rest. The kit carries an update package (a --add file
 * that a manifest's package line names, recorded as an allowed package by
 * the check callback), so the package and allowed-package paths of the
 * builder and of the index parser are failed too.
 *
 *   test_oom PAYLOAD_DIR MANIFESTS_DIR SCRATCH_DIR */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "assess.h"
#include "crypto.h"
#include "kit.h"
#include "manifest.h"
#include "json.h"
#include "jsonread.h"
#include "pem.h"
#include "t.h"
#include "zip.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);

static unsigned long calls, fail_at; /* fail_at 0: never */
static int in_zip_writer;

static int fail_now(void)
{
	return !in_zip_writer && fail_at && ++calls == fail_at;
}

/* libcrypto failing where only a broken library would: EVP_PKEY_CTX_new
 * returns NULL while fail_pkey_ctx is set. crypto_openssl.c must then say
 * CRYPTO_E_INTERNAL, never that a signature is valid. */
static int fail_pkey_ctx;
EVP_PKEY_CTX *__real_EVP_PKEY_CTX_new(EVP_PKEY *k, ENGINE *e);
EVP_PKEY_CTX *__wrap_EVP_PKEY_CTX_new(EVP_PKEY *k, ENGINE *e);
EVP_PKEY_CTX *__wrap_EVP_PKEY_CTX_new(EVP_PKEY *k, ENGINE *e)
{
	return fail_pkey_ctx ? NULL : __real_EVP_PKEY_CTX_new(k, e);
}

static void crypto_failing(void)
{
	uint8_t *pkcs8 = NULL, *spki = NULL, *sig = NULL, digest[32];
	size_t pkcs8_len = 0, spki_len = 0, sig_len = 0;
	struct kit k;
	struct kit_error err;
	int rc;
	memset(digest, 0x3c, sizeof digest);
	CHECK(crypto_p256_keygen(&pkcs8, &pkcs8_len, &spki, &spki_len) == CRYPTO_OK &&
	          crypto_p256_sign(pkcs8, pkcs8_len, digest, &sig, &sig_len, NULL, NULL) == CRYPTO_OK &&
	          crypto_p256_verify(spki, spki_len, digest, sig, sig_len) == CRYPTO_OK,
	      "a key, a signature, and it verifies");
	fail_pkey_ctx = 1;
	rc = crypto_p256_verify(spki, spki_len, digest, sig, sig_len);
	CHECK(rc == CRYPTO_E_INTERNAL, "libcrypto failing to make a context: CRYPTO_E_INTERNAL, not valid (rc %d)", rc);
	memset(&k, 0, sizeof k);
	memcpy(k.identity, digest, 32);
	k.signature = sig;
	k.sig_len = sig_len;
	CHECK(kit_signature_check(&k, spki, spki_len, &err) != 0 && err.code == KIT_E_INTERNAL,
	      "kit_signature_check says so: %s", err.msg);
	rc = crypto_p256_sign(pkcs8, pkcs8_len, digest, &sig, &sig_len, NULL, NULL);
	CHECK(rc == CRYPTO_E_INTERNAL && sig == NULL, "and signing fails the same way (rc %d)", rc);
	fail_pkey_ctx = 0;
	free(pkcs8);
	free(spki);
	free(k.signature);
}

/* kitwrite.c's calls into minizip's writer, marked (see above). */
zipFile __real_zipOpen2_64(const void *path, int append, zipcharpc *comment, zlib_filefunc64_def *io);
zipFile __wrap_zipOpen2_64(const void *path, int append, zipcharpc *comment, zlib_filefunc64_def *io);
int __real_zipOpenNewFileInZip4_64(zipFile f, const char *name, const zip_fileinfo *zi, const void *el, uInt nel,
                                   const void *eg, uInt neg, const char *comment, int method, int level, int raw,
                                   int wbits, int mlevel, int strategy, const char *pw, uLong crc, uLong made_by,
                                   uLong flags, int zip64);
int __wrap_zipOpenNewFileInZip4_64(zipFile f, const char *name, const zip_fileinfo *zi, const void *el, uInt nel,
                                   const void *eg, uInt neg, const char *comment, int method, int level, int raw,
                                   int wbits, int mlevel, int strategy, const char *pw, uLong crc, uLong made_by,
                                   uLong flags, int zip64);
int __real_zipWriteInFileInZip(zipFile f, const void *buf, unsigned len);
int __wrap_zipWriteInFileInZip(zipFile f, const void *buf, unsigned len);
int __real_zipCloseFileInZip(zipFile f);
int __wrap_zipCloseFileInZip(zipFile f);
int __real_zipClose(zipFile f, const char *comment);
int __wrap_zipClose(zipFile f, const char *comment);

zipFile __wrap_zipOpen2_64(const void *path, int append, zipcharpc *comment, zlib_filefunc64_def *io)
{
	zipFile z;
	in_zip_writer = 1;
	z = __real_zipOpen2_64(path, append, comment, io);
	in_zip_writer = 0;
	return z;
}

int __wrap_zipOpenNewFileInZip4_64(zipFile f, const char *name, const zip_fileinfo *zi, const void *el, uInt nel,
                                   const void *eg, uInt neg, const char *comment, int method, int level, int raw,
                                   int wbits, int mlevel, int strategy, const char *pw, uLong crc, uLong made_by,
                                   uLong flags, int zip64)
{
	int rc;
	in_zip_writer = 1;
	rc = __real_zipOpenNewFileInZip4_64(f, name, zi, el, nel, eg, neg, comment, method, level, raw, wbits, mlevel,
	                                    strategy, pw, crc, made_by, flags, zip64);
	in_zip_writer = 0;
	return rc;
}

int __wrap_zipWriteInFileInZip(zipFile f, const void *buf, unsigned len)
{
	int rc;
	in_zip_writer = 1;
	rc = __real_zipWriteInFileInZip(f, buf, len);
	in_zip_writer = 0;
	return rc;
}

int __wrap_zipCloseFileInZip(zipFile f)
{
	int rc;
	in_zip_writer = 1;
	rc = __real_zipCloseFileInZip(f);
	in_zip_writer = 0;
	return rc;
}

int __wrap_zipClose(zipFile f, const char *comment)
{
	int rc;
	in_zip_writer = 1;
	rc = __real_zipClose(f, comment);
	in_zip_writer = 0;
	return rc;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
	return fail_now() ? NULL : __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

/* Runs fn(ctx) with each allocation failing in turn. fn returns 0 (success,
 * checked by fn to be the same result as without failures), 1 (a clean
 * out-of-memory failure) or -1 (any other failure: fails closed, but under a
 * name other than "out of memory"; counted and printed, see docs/testing.md). */
static void every_allocation(const char *what, int (*fn)(void *), void *ctx)
{
	unsigned long n, failed = 0, other = 0, first_other = 0, bad = 0, total;
	int rc;
	fail_at = 0;
	calls = 0;
	rc = fn(ctx);
	CHECK(rc == 0, "%s runs with no failure", what);
	for (n = 1; n < 100000; n++) {
		calls = 0;
		fail_at = n;
		rc = fn(ctx);
		total = calls;
		fail_at = 0;
		if (rc == 1)
			failed++;
		else if (rc == 2)
			bad++;
		else if (rc != 0 && !other++)
			first_other = n;
		if (total < n)
			break; /* this run did not reach allocation n: all have been failed */
	}
	CHECK(failed > 0 && bad == 0, "%s: allocations 1 to %lu each failed in turn: no crash, no wrong success; "
	                              "%lu reported as out of memory, %lu as another error (first at %lu)",
	      what, n - 1, failed, other, first_other);
}

static const char *payload, *manifests, *scratch;
static char kit_path[1024], man_dir[1024], pkg_path[1024];
static const char *adds[1];

/* The builder's package check: every package is "unsigned", recorded in the
 * index as an allowed package. */
static int allow_all(void *ctx, const char *entry, const char *path, char note[KIT_ALLOWED_WHY_MAX + 1],
                     struct kit_error *err)
{
	(void)ctx, (void)path, (void)err;
	if (entry)
		(void)snprintf(note, KIT_ALLOWED_WHY_MAX + 1, "%s", "unsigned (test_oom)");
	return 0;
}

/* man_dir: the manifests, the Windows 7 one with a package line for
 * pkg_path, a file of its own. Returns 0 or -1. */
static int prepare_package_kit(void)
{
	DIR *d = opendir(manifests);
	struct dirent *de;
	FILE *f;
	int rc = 0;
	(void)snprintf(man_dir, sizeof man_dir, "%s/oom-manifests", scratch);
	(void)snprintf(pkg_path, sizeof pkg_path, "%s/windows6.1-kb4474419-v3-x64.cab", scratch);
	if (!d || (mkdir(man_dir, 0755) != 0 && errno != EEXIST))
		rc = -1;
	while (rc == 0 && d && (de = readdir(d)) != NULL) {
		char from[1400], to[1400];
		size_t len = strlen(de->d_name), n;
		uint8_t *text;
		if (len < 9 || strcmp(de->d_name + len - 9, ".manifest") != 0)
			continue;
		(void)snprintf(from, sizeof from, "%s/%s", manifests, de->d_name);
		(void)snprintf(to, sizeof to, "%s/%s", man_dir, de->d_name);
		if (!(text = t_slurp(from, &n)) || !(f = fopen(to, "wb"))) {
			free(text);
			rc = -1;
			break;
		}
		if (fwrite(text, 1, n, f) != n)
			rc = -1;
		if (!strcmp(de->d_name, "win7sp1-server2008r2.manifest"))
			fputs("package: x64 KB4474419 payload/windows6.1-kb4474419-v3-x64.cab\n", f);
		if (fclose(f) != 0)
			rc = -1;
		free(text);
	}
	if (d)
		closedir(d);
	if (rc == 0 && (f = fopen(pkg_path, "wb")) != NULL) {
		fputs("MSCF: a stand-in for an update cabinet\n", f);
		rc = fclose(f) == 0 ? 0 : -1;
	} else {
		rc = -1;
	}
	adds[0] = pkg_path;
	return rc;
}
static uint8_t *kit_bytes;
static size_t kit_len, kit_manifests;
static char kit_identity[65];

static int nomem(const struct kit_error *err)
{
	if (getenv("TEST_OOM_VERBOSE") && err->code != KIT_E_NOMEM)
		printf("# at %lu: code %d reason %d: %s\n", fail_at, (int)err->code, (int)err->reason, err->msg);
	return err->code == KIT_E_NOMEM ? 1 : -1;
}

static int build(void *unused)
{
	struct kit_build_options o;
	struct kit_build_result r;
	struct kit_error err;
	(void)unused;
	memset(&o, 0, sizeof o);
	o.payload_dir = payload;
	o.manifests_dir = man_dir;
	o.adds = adds;
	o.nadds = 1;
	o.check_package = allow_all;
	o.output = kit_path;
	o.label = "oom";
	o.created = 1767225600;
	o.builder = "test_oom";
	o.now = 1767225600;
	if (kit_build(&o, &r, &err) == 0)
		return !kit_identity[0] || !strcmp(r.identity_hex, kit_identity) ? 0 : 2;
	return nomem(&err);
}

static int verify(void *unused)
{
	struct kit *k = NULL;
	struct kit_error err;
	(void)unused;
	if (kit_verify_mem(kit_bytes, kit_len, &k, &err) == 0) {
		int same = !strcmp(k->identity_hex, kit_identity) && k->manifests.n == kit_manifests;
		kit_free(k);
		return same ? 0 : 2;
	}
	return nomem(&err);
}

static int discard(void *ctx, const void *p, size_t n)
{
	(void)ctx, (void)p, (void)n;
	return 0;
}

static int extract(void *unused)
{
	struct kit_reader *r = NULL;
	struct kit *k = NULL;
	struct kit_error err;
	int rc;
	(void)unused;
	if (kit_open(kit_path, 0, &r, &k, &err) != 0)
		return nomem(&err);
	rc = kit_extract(r, k, "payload/README.md", discard, NULL, &err) == 0 ? 0 : nomem(&err);
	kit_close(r);
	kit_free(k);
	return rc;
}

/* A 7601 rollup package with the KB its .mum gives ("" : none read). */
static int add_rollup(struct machine_facts *f, const char *ver, const char *kb)
{
	struct cbs_package p;
	char id[120];
	(void)snprintf(id, sizeof id, "Package_for_RollupFix~31bf3856ad364e35~amd64~~%s", ver);
	if (!cbs_classify(id, &p))
		return -1;
	(void)snprintf(p.kb, sizeof p.kb, "%s", kb);
	(void)snprintf(p.kb_source, sizeof p.kb_source, "%s", kb[0] ? ".mum" : "no .mum");
	p.has_state = 1, p.state = CBS_STATE_INSTALLED;
	return machine_add_package(f, &p);
}

static int add_lcu(struct machine_facts *f, const char *ver, uint32_t state)
{
	struct cbs_package p;
	char id[120];
	(void)snprintf(id, sizeof id, "Package_for_RollupFix~31bf3856ad364e35~amd64~~%s", ver);
	if (!cbs_classify(id, &p))
		return -1;
	p.has_state = 1, p.state = state;
	return machine_add_package(f, &p);
}

static int manifests_and_assess(void *unused)
{
	struct kit *k = NULL;
	struct kit_error err;
	struct machine_facts f;
	struct cbs_package p;
	struct update_assessment a;
	int rc = 0;
	(void)unused;
	/* The manifests come from the kit (the parser allocates each field). */
	if (kit_verify_mem(kit_bytes, kit_len, &k, &err) != 0)
		return nomem(&err);
	memset(&f, 0, sizeof f);
	f.have_version = 1, f.major = 6, f.minor = 1, f.build = 7601, f.product_type = 1;
	if (!cbs_classify("Package_for_RollupFix~31bf3856ad364e35~amd64~~7601.25740.1.4", &p)) {
		kit_free(k);
		return -1;
	}
	(void)snprintf(p.kb, sizeof p.kb, "KB5006743");
	p.has_state = 1, p.state = CBS_STATE_INSTALLED;
	if (machine_add_package(&f, &p) != 0)
		rc = 1;
	/* Every kind of evidence, so each place that records one runs out. */
	else if (add_rollup(&f, "7601.25800.1.4", "") || add_rollup(&f, "7601.24002.1.4", "KB4056894") ||
	         add_rollup(&f, "7601.27000.1.4", "KB5040000"))
		rc = 1;
	else if (assess_update(&k->manifests, &f, &a) != 0)
		rc = 1;
	else {
		rc = a.verdict == UPDATE_SATISFIED ? 0 : -1;
		update_assessment_free(&a);
	}
	machine_facts_free(&f);
	/* Windows 10 below the threshold, an install-pending and an installed
	 * cumulative update above it. */
	if (rc == 0) {
		memset(&f, 0, sizeof f);
		f.have_version = 1, f.major = 10, f.minor = 0, f.build = 17763, f.product_type = 1;
		f.have_ubr = 1, f.ubr = 1577;
		if (add_lcu(&f, "17763.2300.1.4", CBS_STATE_INSTALL_PENDING) || add_lcu(&f, "17763.2237.1.9", CBS_STATE_INSTALLED))
			rc = 1;
		else if (assess_update(&k->manifests, &f, &a) != 0)
			rc = 1;
		else {
			rc = a.verdict == UPDATE_UNDETERMINED ? 0 : -1;
			update_assessment_free(&a);
		}
		machine_facts_free(&f);
	}
	kit_free(k);
	return rc;
}

/* PEM both ways over a certificate's worth of bytes: encode, then decode and
 * compare; -1 from either is the only failure these functions have. */
static int pem_round_trip(void *unused)
{
	static uint8_t der[1488];
	char *text = NULL;
	uint8_t *back = NULL;
	size_t n = 0, i;
	int rc;
	(void)unused;
	for (i = 0; i < sizeof der; i++)
		der[i] = (uint8_t)(i * 7);
	if (pem_encode(der, sizeof der, "PUBLIC KEY", &text) != 0)
		return 1;
	rc = pem_decode(text, strlen(text), "PUBLIC KEY", &back, &n) != 0 ? 1
	     : n == sizeof der && !memcmp(back, der, n)                   ? 0
	                                                                  : 2;
	free(text);
	free(back);
	return rc;
}

/* The --json writer: a failed allocation is remembered and json_finish says
 * so; nothing is written half. */
static int json_writer(void *unused)
{
	struct json j;
	int i, rc;
	(void)unused;
	memset(&j, 0, sizeof j);
	json_array_begin(&j, NULL);
	for (i = 0; i < 3000; i++)
		json_string(&j, NULL, "a member of a long array");
	json_array_end(&j);
	rc = json_finish(&j) == 0 ? 0 : 1;
	json_free(&j);
	return rc;
}

/* The fleet summary's JSON reader over a report-sized document: more nodes
 * than its first node array holds, a string longer than its first string
 * buffer, escapes, a surrogate pair, numbers and literals. Out of memory is
 * "out of memory", never another refusal, a crash or a leak. */
static int json_reader(void *unused)
{
	static char text[40000];
	struct jdoc *d = NULL;
	struct jread_error e;
	const struct jnode *r;
	size_t n = 0, i;
	int rc;
	(void)unused;
	n += (size_t)snprintf(text + n, sizeof text - n, "{\"long\": \"");
	for (i = 0; i < 9000; i++)
		text[n++] = (char)('a' + i % 26);
	n += (size_t)snprintf(text + n, sizeof text - n, "\\n\\u00e9\\ud83d\\ude00\", \"a\": [");
	for (i = 0; i < 300; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%s{\"n\": %lu, \"t\": true, \"z\": null, \"s\": \"x\"}",
		                      i ? ", " : "", (unsigned long)i);
	n += (size_t)snprintf(text + n, sizeof text - n, "]}");
	if (jread_parse(text, n, &d, &e) != 0)
		return strcmp(e.msg, "out of memory") == 0 ? 1 : 2;
	r = jread_root(d);
	rc = r && jread_get(r, "a") && jread_get(r, "a")->len == 300 && jread_get(r, "long") &&
	             jread_get(r, "long")->len == 9000 + 1 + 2 + 4
	         ? 0
	         : 2;
	jread_free(d);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: test_oom PAYLOAD_DIR MANIFESTS_DIR SCRATCH_DIR\n");
		return 2;
	}
	payload = argv[1], manifests = argv[2], scratch = argv[3];
	(void)snprintf(kit_path, sizeof kit_path, "%s/oom-kit.zip", scratch);
	CHECK(prepare_package_kit() == 0, "manifests and a package in %s", scratch);
	CHECK(build(NULL) == 0, "build %s", kit_path);
	kit_bytes = t_slurp(kit_path, &kit_len);
	CHECK(kit_bytes != NULL, "read %s", kit_path);
	if (!kit_bytes)
		return t_done();
	{
		struct kit *k = NULL;
		struct kit_error err;
		CHECK(kit_verify_mem(kit_bytes, kit_len, &k, &err) == 0, "the kit verifies: %s", err.msg);
		if (!k)
			return t_done();
		memcpy(kit_identity, k->identity_hex, 65);
		kit_manifests = k->manifests.n;
		kit_free(k);
	}
	every_allocation("kit_build", build, NULL);
	every_allocation("kit_verify_mem", verify, NULL);
	every_allocation("kit_open and kit_extract", extract, NULL);
	every_allocation("manifests and assess_update", manifests_and_assess, NULL);
	every_allocation("pem_encode and pem_decode", pem_round_trip, NULL);
	every_allocation("the JSON writer", json_writer, NULL);
	every_allocation("the JSON reader", json_reader, NULL);
	crypto_failing();
	free(kit_bytes);
	return t_done();
}
