/* Zip round trip through the library: kit_build writes a kit with minizip,
 * kit_verify_file and kit_verify_mem read it back; building twice gives the same
 * bytes; every truncation is refused; no corruption makes the verifier accept
 * content other than the index says. The reference chain: kept sorted with its
 * names, CNs and dates, optional, and each rule refused by the builder and by
 * kit_check_chain_cert.
 *
 *   test_zip PAYLOAD_DIR MANIFESTS_DIR SCRATCH_DIR   (PAYLOAD_DIR with acs-chain/) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kit.h"
#include "plat.h"
#include "t.h"

static int put(const char *dir, const char *name, const uint8_t *p, size_t n)
{
	char path[1024];
	FILE *f;
	int ok;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		return 0;
	ok = fwrite(p, 1, n, f) == n;
	return fclose(f) == 0 && ok;
}

static int copy(const char *from_dir, const char *name, const char *to_dir, const char *to_name)
{
	char path[1024];
	size_t n;
	uint8_t *p;
	int ok;
	snprintf(path, sizeof path, "%s/%s", from_dir, name);
	p = t_slurp(path, &n);
	ok = p && put(to_dir, to_name ? to_name : name, p, n);
	free(p);
	return ok;
}

#define ROOT "microsoft-identity-verification-root-ca-2020.cer"
#define PCA "microsoft-id-verified-code-signing-pca-2021.cer"
#define EOC "microsoft-id-verified-cs-eoc-ca-04.cer"
#define LEAF "leaf-openjs-foundation.cer"

/* The chain as the verifier keeps it, a kit without one, and every refusal. */
static void chain_tests(struct kit_build_options *o, const char *payload, const char *scratch)
{
	char src[512], p[512], c[600], out[700];
	struct kit_build_result r;
	struct kit_error err;
	struct kit_cert kc;
	struct kit *k = NULL;
	uint8_t *der, *longer;
	size_t n, i;

	snprintf(src, sizeof src, "%s/acs-chain", payload);
	snprintf(p, sizeof p, "%s/chain-payload", scratch);
	snprintf(c, sizeof c, "%s/acs-chain", p);
	snprintf(out, sizeof out, "%s/chain.zip", scratch);
	o->payload_dir = payload;
	o->output = out;
	CHECK(kit_build(o, &r, &err) == 0 && kit_verify_file(out, &k, &err) == 0, "build and verify: %s", err.msg);
	if (k) {
		CHECK(k->nchain == 3, "the kit keeps 3 chain certificates (%lu)", (unsigned long)k->nchain);
		CHECK(k->nchain == 3 && !strcmp(k->chain[0].name, "payload/acs-chain/" LEAF) &&
		          !strcmp(k->chain[1].name, "payload/acs-chain/" PCA) && !strcmp(k->chain[2].name, "payload/acs-chain/" EOC),
		      "sorted by entry name");
		CHECK(k->nchain == 3 && !strcmp(k->chain[0].cn, "OpenJS Foundation") && k->chain[0].not_before == 1789864458 &&
		          k->chain[0].not_after == 1790123658 && k->chain[0].len == 1716,
		      "the leaf: CN, 72-hour validity, size");
		CHECK(k->nchain == 3 && !strcmp(k->chain[1].cn, "Microsoft ID Verified Code Signing PCA 2021") &&
		          !strcmp(k->chain[2].cn, "Microsoft ID Verified CS EOC CA 04") && k->chain[2].not_before == 1774548691,
		      "the intermediates' CNs and dates");
		if (k->nchain == 3) {
			snprintf(c, sizeof c, "%s/%s", src, PCA);
			der = t_slurp(c, &n);
			CHECK(der && n == k->chain[1].len && !memcmp(der, k->chain[1].der, n), "chain bytes are the file's");
			free(der);
		}
		kit_free(k);
		k = NULL;
	}

	/* kit_check_chain_cert, rule by rule. */
	snprintf(c, sizeof c, "%s/%s", src, PCA);
	der = t_slurp(c, &n);
	CHECK(der && kit_check_chain_cert("pca", der, n, &kc, &err) == 0 &&
	          !strcmp(kc.cn, "Microsoft ID Verified Code Signing PCA 2021"),
	      "kit_check_chain_cert accepts PCA 2021: %s", err.msg);
	if (der) {
		longer = malloc(KIT_CERT_MAX + 1);
		memcpy(longer, der, n);
		memset(longer + n, 0, KIT_CERT_MAX + 1 - n);
		CHECK(kit_check_chain_cert("x", longer, n + 1, &kc, &err) != 0 && err.reason == KIT_R_BAD_CHAIN,
		      "a trailing byte: %s", err.msg);
		CHECK(kit_check_chain_cert("x", longer, KIT_CERT_MAX + 1, &kc, &err) != 0 && err.reason == KIT_R_BAD_CHAIN &&
		          strstr(err.msg, "larger than"),
		      "over 64 KiB: %s", err.msg);
		CHECK(kit_check_chain_cert("x", der, n - 1, &kc, &err) != 0 && err.reason == KIT_R_BAD_CHAIN, "cut short: %s",
		      err.msg);
		CHECK(kit_check_chain_cert("x", (const uint8_t *)"", 0, &kc, &err) != 0 && err.reason == KIT_R_BAD_CHAIN,
		      "empty: %s", err.msg);
		CHECK(!strncmp(err.msg, "bad reference chain: ", 21), "the message starts with the reason phrase");
		free(longer);
		free(der);
	}
	snprintf(c, sizeof c, "%s/%s", payload, ROOT);
	der = t_slurp(c, &n);
	CHECK(der && kit_check_chain_cert("root", der, n, &kc, &err) != 0 && err.reason == KIT_R_BAD_CHAIN &&
	          strstr(err.msg, "pinned root"),
	      "the root is refused in the chain: %s", err.msg);
	free(der);

	/* A payload without acs-chain/: optional. */
	snprintf(c, sizeof c, "%s/acs-chain", p);
	CHECK((mkdir(p, 0755) == 0 || plat_is_dir(p)) && copy(payload, ROOT, p, NULL), "scratch payload without a chain");
	o->payload_dir = p;
	CHECK(kit_build(o, &r, &err) == 0 && kit_verify_file(out, &k, &err) == 0, "a kit without a chain: %s", err.msg);
	if (k) {
		CHECK(k->nchain == 0, "no chain, nchain 0");
		kit_free(k);
		k = NULL;
	}
	/* The builder refuses each break of the rules, as the verifier would. */
	CHECK(mkdir(c, 0755) == 0 && copy(payload, ROOT, c, "root.cer"), "the root in acs-chain/");
	CHECK(kit_build(o, &r, &err) != 0 && err.reason == KIT_R_BAD_CHAIN, "builder refuses it: %s", err.msg);
	snprintf(out, sizeof out, "%s/root.cer", c);
	remove(out);
	CHECK(put(c, "x.der", (const uint8_t *)"x\n", 2), "a chain file that is not a certificate");
	snprintf(out, sizeof out, "%s/chain.zip", scratch);
	CHECK(kit_build(o, &r, &err) != 0 && err.reason == KIT_R_BAD_CHAIN, "builder refuses it: %s", err.msg);
	snprintf(out, sizeof out, "%s/x.der", c);
	remove(out);
	snprintf(out, sizeof out, "%s/chain.zip", scratch);
	for (i = 0; i < KIT_CHAIN_MAX; i++) {
		char name[32];
		snprintf(name, sizeof name, "c%lu.cer", (unsigned long)i);
		copy(src, LEAF, c, name);
	}
	CHECK(kit_build(o, &r, &err) == 0 && kit_verify_file(out, &k, &err) == 0 && k->nchain == KIT_CHAIN_MAX,
	      "8 chain certificates are accepted: %s", err.msg);
	kit_free(k);
	k = NULL;
	copy(src, LEAF, c, "c9.cer");
	CHECK(kit_build(o, &r, &err) != 0 && err.reason == KIT_R_BAD_CHAIN, "9 are refused: %s", err.msg);
	o->payload_dir = payload;
}

/* The builder's input checks that only kit_build itself can be asked:
 * times, label, directories, and the size limits of a chain certificate and
 * a manifest. Each refusal writes nothing. */
static int discard_bytes(void *ctx, const void *p, size_t n)
{
	(void)ctx, (void)p, (void)n;
	return 0;
}

static void build_refusals(struct kit_build_options base, const char *payload, const char *manifests,
                           const char *scratch)
{
	struct kit_build_options o = base;
	struct kit_build_result r;
	struct kit_error err;
	char out[700], pdir[600], mdir[600], path[700];
	static uint8_t big[65537];
	FILE *f;

	snprintf(out, sizeof out, "%s/refused.zip", scratch);
	o.output = out;
	o.created = 315532799LL;
	CHECK(kit_build(&o, &r, &err) != 0 && err.reason == KIT_R_BAD_INPUT && strstr(err.msg, "1980 to 2107"),
	      "a creation time before 1980: %s", err.msg);
	o = base, o.output = out, o.expires = o.created;
	CHECK(kit_build(&o, &r, &err) != 0 && err.reason == KIT_R_BAD_INPUT && strstr(err.msg, "expiry"),
	      "an expiry not after the creation time: %s", err.msg);
	o = base, o.output = out, o.label = "";
	CHECK(kit_build(&o, &r, &err) != 0 && err.reason == KIT_R_BAD_INPUT, "an empty label: %s", err.msg);
	o = base, o.output = out, o.manifests_dir = "/nonexistent/manifests";
	CHECK(kit_build(&o, &r, &err) != 0 && err.code == KIT_E_IO && strstr(err.msg, "manifests directory"),
	      "a manifests directory that does not exist: %s", err.msg);

	/* A chain certificate over 64 KiB. */
	snprintf(pdir, sizeof pdir, "%s/big-chain", scratch);
	snprintf(path, sizeof path, "%s/acs-chain", pdir);
	(void)mkdir(pdir, 0755);
	(void)mkdir(path, 0755);
	CHECK(copy(payload, ROOT, pdir, NULL) && put(path, "big.cer", big, sizeof big), "make %s", pdir);
	o = base, o.output = out, o.payload_dir = pdir;
	CHECK(kit_build(&o, &r, &err) != 0 && err.reason == KIT_R_BAD_CHAIN && strstr(err.msg, "larger than 65536"),
	      "a chain certificate over 64 KiB: %s", err.msg);

	/* A manifest over 64 KiB. */
	snprintf(mdir, sizeof mdir, "%s/big-manifests", scratch);
	(void)mkdir(mdir, 0755);
	memset(big, '#', sizeof big);
	CHECK(copy(manifests, "win11.manifest", mdir, NULL) && put(mdir, "big.manifest", big, sizeof big), "make %s", mdir);
	o = base, o.output = out, o.manifests_dir = mdir;
	CHECK(kit_build(&o, &r, &err) != 0 && err.reason == KIT_R_BAD_MANIFEST && strstr(err.msg, "larger than 65536"),
	      "a manifest over 64 KiB: %s", err.msg);
	f = fopen(out, "rb");
	CHECK(f == NULL, "no refused build wrote %s", out);
	if (f)
		fclose(f);
}

int main(int argc, char **argv)
{
	struct kit_build_options o;
	struct kit_build_result r1, r2;
	struct kit_error err;
	struct kit *k = NULL;
	char out1[1024], out2[1024], id1[65];
	uint8_t *a, *b;
	size_t alen, blen, cut, off, refused = 0, accepted_same = 0, accepted_other = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: test_zip PAYLOAD_DIR MANIFESTS_DIR SCRATCH_DIR\n");
		return 2;
	}
	snprintf(out1, sizeof out1, "%s/one.zip", argv[3]);
	snprintf(out2, sizeof out2, "%s/two.zip", argv[3]);
	memset(&o, 0, sizeof o);
	o.payload_dir = argv[1];
	o.manifests_dir = argv[2];
	o.label = "round trip";
	o.created = 1767225600; /* 2026-01-01T00:00:00Z */
	o.builder = "test_zip";
	o.now = 1767225600;
	o.output = out1;
	CHECK(kit_build(&o, &r1, &err) == 0, "build: %s", err.msg);
	o.output = out2;
	CHECK(kit_build(&o, &r2, &err) == 0, "build again: %s", err.msg);
	CHECK(!strcmp(r1.identity_hex, r2.identity_hex), "same inputs, same identity");
	a = t_slurp(out1, &alen);
	b = t_slurp(out2, &blen);
	CHECK(a && b && alen == blen && !memcmp(a, b, alen), "same inputs, byte-identical zips (%lu bytes)",
	      (unsigned long)alen);
	if (!a)
		return t_done();

	CHECK(kit_verify_file(out1, &k, &err) == 0, "verify the file: %s", err.msg);
	if (k) {
		CHECK(!strcmp(k->identity_hex, r1.identity_hex), "verified identity equals the built one");
		CHECK(!strcmp(k->index.label, "round trip") && k->index.created == 1767225600 &&
		          !strcmp(k->index.builder, "test_zip"),
		      "label, creation time and builder survive");
		CHECK(k->index.count == r1.entries && k->manifests.n == r1.manifests && k->root_len == 1488,
		      "entries, manifests and root survive");
		memcpy(id1, k->identity_hex, 65);
		kit_free(k);
	}
	CHECK(kit_verify_mem(a, alen, &k, &err) == 0 && !strcmp(k->identity_hex, r1.identity_hex),
	      "verify from memory: %s", err.msg);
	kit_free(k);

	o.label = "another label";
	o.output = out2;
	CHECK(kit_build(&o, &r2, &err) == 0 && strcmp(r2.identity_hex, r1.identity_hex) != 0,
	      "another label, another identity");
	o.label = "round trip";
	o.created += 2;
	CHECK(kit_build(&o, &r2, &err) == 0 && strcmp(r2.identity_hex, r1.identity_hex) != 0,
	      "another creation time, another identity");

	for (cut = 0; cut < alen; cut++) {
		if (kit_verify_mem(a, cut, &k, &err) == 0) {
			kit_free(k);
			break;
		}
	}
	CHECK(cut == alen, "cut at %lu; every truncation", (unsigned long)cut);
	CHECK(cut == alen, "every truncation (0 to %lu bytes) is refused", (unsigned long)alen - 1);

	/* Flip one byte at a time. Some bytes (DOS times, "made by", attributes)
	 * carry nothing the runner acts on; a flip there may pass, but only with the
	 * same identity. Everything else must be refused. */
	for (off = 0; off < alen; off++) {
		a[off] ^= 0x5a;
		if (kit_verify_mem(a, alen, &k, &err) == 0) {
			if (!strcmp(k->identity_hex, id1))
				accepted_same++;
			else
				accepted_other++;
			kit_free(k);
		} else {
			refused++;
		}
		a[off] ^= 0x5a;
	}
	CHECK(accepted_other == 0, "no flipped byte yields another identity (%lu refused, %lu harmless)",
	      (unsigned long)refused, (unsigned long)accepted_same);
	CHECK(refused > alen * 9 / 10, "at least 90%% of single-byte flips are refused (%lu of %lu)",
	      (unsigned long)refused, (unsigned long)alen);
	free(a);
	free(b);
	chain_tests(&o, argv[1], argv[3]);
	build_refusals(o, argv[1], argv[2], argv[3]);
	{
		struct kit_reader *rd = NULL;
		struct kit *kk = NULL;
		CHECK(kit_open(out1, 0, &rd, &kk, &err) == 0, "open for extraction: %s", err.msg);
		if (rd) {
			CHECK(kit_extract(rd, kk, "payload/none.txt", NULL, NULL, &err) != 0 && err.reason == KIT_R_MISSING,
			      "extracting a name the kit does not carry: %s", err.msg);
			kit_close(rd);
			kit_free(kk);
		}
		CHECK(kit_open("/nonexistent/kit.zip", 1, &rd, &kk, &err) != 0 && err.code == KIT_E_IO,
		      "opening a kit that does not exist: %s", err.msg);
	}
	{
		/* The kit changes on disk between kit_open and kit_extract (a byte of
		 * the stored root): extract checks the bytes it reads, not the open. */
		char changed[600];
		struct kit_reader *rd = NULL;
		struct kit *kk = NULL;
		size_t at;
		uint8_t *root = NULL;
		size_t rlen = 0;
		char rpath[600];
		size_t zlen = 0;
		uint8_t *z = t_slurp(out1, &zlen);
		FILE *f;
		snprintf(changed, sizeof changed, "%s/changed.zip", argv[3]);
		snprintf(rpath, sizeof rpath, "%s/" ROOT, argv[1]);
		root = t_slurp(rpath, &rlen);
		for (at = 0; z && root && at + rlen <= zlen && memcmp(z + at, root, rlen) != 0; at++)
			;
		CHECK(z && root && at + rlen <= zlen && put(argv[3], "changed.zip", z, zlen),
		      "the root's bytes at %lu of the kit", (unsigned long)at);
		if (z && root && at + rlen <= zlen && kit_open(changed, 0, &rd, &kk, &err) == 0) {
			f = fopen(changed, "r+b");
			if (f && fseek(f, (long)(at + rlen / 2), SEEK_SET) == 0)
				(void)fputc(z[at + rlen / 2] ^ 1, f);
			if (f)
				fclose(f);
			CHECK(kit_extract(rd, kk, "payload/" ROOT, discard_bytes, NULL, &err) != 0 && err.reason == KIT_R_CRC,
			      "a byte changed after kit_open: extract refuses it: %s", err.msg);
			kit_close(rd);
			kit_free(kk);
		}
		free(root);
		free(z);
	}
	return t_done();
}
