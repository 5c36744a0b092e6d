/* crypto.h (whichever backend is linked: OpenSSL natively, CNG/CryptoAPI in the
 * Windows build under Wine) against published SHA-256 vectors, and the root
 * certificate checks against real certificates.
 *
 *   test_hash ROOT.cer OTHER.cer    (OTHER: tests/data/acs-chain's PCA 2021,
 *                                     issued by ROOT, so not self-signed)
 *
 * And crypto_p256_verify with a key made here: a signature verifies only as
 * the DER its signer wrote; the same r and s re-encoded with a BER long-form
 * length are malformed (CRYPTO_E_PARSE), not "another key's" signature. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "kit.h"
#include "t.h"

static void digest_is(const void *data, size_t n, const char *want, const char *what)
{
	uint8_t d[32];
	char hex[65];
	int rc = crypto_sha256_oneshot(data, n, d);
	kit_hex(d, 32, hex);
	CHECK(rc == CRYPTO_OK && !strcmp(hex, want), "SHA-256 %s", what);
}

static void vectors(void)
{
	/* FIPS 180-2 appendix B and the NIST example values. */
	static const char m448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char m896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	crypto_sha256 *h;
	uint8_t d[32];
	char hex[65], *block;
	int i, ok = 1;

	digest_is("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "of the empty string");
	digest_is("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "of abc");
	digest_is(m448, strlen(m448), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "448-bit message");
	digest_is(m896, strlen(m896), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", "896-bit message");

	/* One million 'a', streamed in uneven pieces through update. */
	block = malloc(1001);
	memset(block, 'a', 1001);
	ok = crypto_sha256_new(&h) == CRYPTO_OK;
	for (i = 0; ok && i < 1000; i++)
		ok = crypto_sha256_update(h, block, i % 2 ? 999 : 1001) == CRYPTO_OK;
	ok = ok && crypto_sha256_final(h, d) == CRYPTO_OK;
	crypto_sha256_free(h);
	free(block);
	kit_hex(d, 32, hex);
	CHECK(ok && !strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	      "SHA-256 of a million 'a', streamed: %s", hex);
}

/* SHA-1 (issue 13: the hash in an Update Catalog file name) against FIPS
 * 180-2's vectors, the million 'a' streamed in uneven pieces. */
static void sha1_is(const char *data, size_t n, int reps, const char *want, const char *what)
{
	crypto_sha1 *h;
	uint8_t d[20];
	char hex[41];
	int i, ok = crypto_sha1_new(&h) == CRYPTO_OK;
	for (i = 0; ok && i < reps; i++)
		ok = crypto_sha1_update(h, data, n - (reps > 1 && i % 2 ? 2 : 0)) == CRYPTO_OK;
	ok = ok && crypto_sha1_final(h, d) == CRYPTO_OK;
	crypto_sha1_free(h);
	kit_hex(d, 20, hex);
	CHECK(ok && !strcmp(hex, want), "SHA-1 %s: %s", what, hex);
}

static void sha1_vectors(void)
{
	char *block = malloc(1001);
	sha1_is("", 0, 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "of the empty string");
	sha1_is("abc", 3, 1, "a9993e364706816aba3e25717850c26c9cd0d89d", "of abc");
	sha1_is("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, 1,
	        "84983e441c3bd26ebaae4aa1f95129e5e54670f1", "448-bit message");
	CHECK(block != NULL, "memory");
	if (!block)
		return;
	memset(block, 'a', 1001);
	sha1_is(block, 1001, 1000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", "of a million 'a', streamed");
	free(block);
}

static void certificates(const char *root_path, const char *other_path)
{
	size_t len, olen;
	uint8_t *root = t_slurp(root_path, &len), *other = t_slurp(other_path, &olen), *longer;
	struct crypto_cert_info info;
	struct kit_error err;
	char cn[256];
	uint8_t d[32];

	CHECK(root && other, "read %s and %s", root_path, other_path);
	if (!root || !other)
		return;
	CHECK(crypto_sha256_oneshot(root, len, d) == CRYPTO_OK && !memcmp(d, kit_pin_sha256, 32),
	      "the pin is the SHA-256 of %s", root_path);
	CHECK(crypto_cert_check_self_signed(root, len, &info) == CRYPTO_OK, "the root is self-signed and verifies");
	CHECK(!strcmp(info.common_name, "Microsoft Identity Verification Root Certificate Authority 2020"),
	      "root CN: %s", info.common_name);
	CHECK(info.not_before == 1587062176 && info.not_after == 2375981080LL, "root validity %lld to %lld",
	      (long long)info.not_before, (long long)info.not_after);
	CHECK(kit_check_root(root, len, 1767225600, cn, &err) == 0, "kit_check_root accepts the root in 2026");
	CHECK(kit_check_root(root, len, 2375981081LL, cn, &err) != 0 && err.reason == KIT_R_BAD_CERT,
	      "kit_check_root refuses it after 2045: %s", err.msg);
	CHECK(crypto_cert_check_self_signed(other, olen, &info) == CRYPTO_E_SIGNATURE,
	      "a certificate issued by another CA is not self-signed");
	CHECK(kit_check_root(other, olen, -1, cn, &err) != 0 && err.reason == KIT_R_NOT_PINNED,
	      "kit_check_root refuses another certificate: %s", err.msg);
	CHECK(crypto_cert_check_self_signed(root, len - 1, &info) == CRYPTO_E_PARSE, "a truncated certificate does not parse");
	longer = malloc(len + 1);
	memcpy(longer, root, len);
	longer[len] = 0;
	CHECK(crypto_cert_check_self_signed(longer, len + 1, &info) == CRYPTO_E_PARSE, "trailing bytes are refused");
	root[len / 2] ^= 1;
	CHECK(crypto_cert_check_self_signed(root, len, &info) != CRYPTO_OK, "a flipped bit breaks the certificate");
	root[len - 10] ^= 1;
	root[len / 2] ^= 1;
	CHECK(crypto_cert_check_self_signed(root, len, &info) == CRYPTO_E_SIGNATURE,
	      "a flipped bit in the signature fails the self-signature");
	CHECK(crypto_cert_check_self_signed((const uint8_t *)"garbage", 7, &info) == CRYPTO_E_PARSE, "garbage");
	CHECK(crypto_backend_name() && crypto_backend_name()[0], "backend: %s", crypto_backend_name());

	/* Parsing alone, as for the reference chain: no signature is checked, so a
	 * certificate issued by another CA parses, with the same CN and dates on
	 * both backends; the bytes must still be one certificate exactly. */
	CHECK(crypto_cert_parse(other, olen, &info) == CRYPTO_OK, "crypto_cert_parse accepts %s", other_path);
	CHECK(!strcmp(info.common_name, "Microsoft ID Verified Code Signing PCA 2021"), "parsed CN: %s", info.common_name);
	CHECK(info.not_before == 1617307520 && info.not_after == 2090693720LL, "parsed validity %lld to %lld",
	      (long long)info.not_before, (long long)info.not_after);
	CHECK(crypto_cert_parse(root, len, &info) == CRYPTO_OK &&
	          !strcmp(info.common_name, "Microsoft Identity Verification Root Certificate Authority 2020"),
	      "crypto_cert_parse reads the root too (with one bit of its signature flipped)");
	CHECK(crypto_cert_parse(other, olen - 1, &info) == CRYPTO_E_PARSE && info.common_name[0] == '\0',
	      "crypto_cert_parse: a truncated certificate does not parse, and info is cleared");
	free(longer);
	longer = malloc(olen + 1);
	memcpy(longer, other, olen);
	longer[olen] = 0;
	CHECK(crypto_cert_parse(longer, olen + 1, &info) == CRYPTO_E_PARSE, "crypto_cert_parse: a trailing byte is refused");
	CHECK(crypto_cert_parse((const uint8_t *)"garbage", 7, &info) == CRYPTO_E_PARSE, "crypto_cert_parse: garbage");
	CHECK(crypto_cert_parse(other, 0, &info) == CRYPTO_E_PARSE, "crypto_cert_parse: zero bytes");
	free(longer);
	free(root);
	free(other);
}

/* sig (DER, short-form lengths) with the length at byte at re-encoded in BER
 * long form (0x81 L): the same r and s, one byte longer. */
static uint8_t *long_form(const uint8_t *sig, size_t len, size_t at, size_t *out_len)
{
	uint8_t *b = malloc(len + 1);
	memcpy(b, sig, at);
	b[at] = 0x81;
	memcpy(b + at + 1, sig + at, len - at);
	if (at > 1)
		b[1]++; /* the outer SEQUENCE grew by one byte */
	*out_len = len + 1;
	return b;
}

static void signatures(void)
{
	uint8_t *pkcs8 = NULL, *spki = NULL, *sig = NULL, *ber, digest[32], other[32];
	size_t pkcs8_len = 0, spki_len = 0, sig_len = 0, ber_len;
	struct kit k;
	struct kit_error err;
	int rc;

	memset(digest, 0xA5, sizeof digest);
	memset(other, 0x5A, sizeof other);
	rc = crypto_p256_keygen(&pkcs8, &pkcs8_len, &spki, &spki_len);
	CHECK(rc == CRYPTO_OK, "a P-256 key pair is made (rc %d)", rc);
	if (rc != CRYPTO_OK)
		return;
	rc = crypto_p256_sign(pkcs8, pkcs8_len, digest, &sig, &sig_len, NULL, NULL);
	CHECK(rc == CRYPTO_OK && sig_len >= 8 && sig_len <= 72 && sig[0] == 0x30 && sig[1] == sig_len - 2,
	      "a DER signature with a short-form length (%lu bytes)", (unsigned long)sig_len);
	if (rc != CRYPTO_OK || sig_len < 8 || sig_len > 72)
		return;
	CHECK(crypto_p256_verify(spki, spki_len, digest, sig, sig_len) == CRYPTO_OK, "the signature verifies");
	CHECK(crypto_p256_verify(spki, spki_len, other, sig, sig_len) == CRYPTO_E_SIGNATURE,
	      "over another digest it does not verify (CRYPTO_E_SIGNATURE)");

	ber = long_form(sig, sig_len, 1, &ber_len);
	rc = crypto_p256_verify(spki, spki_len, digest, ber, ber_len);
	CHECK(rc == CRYPTO_E_PARSE, "the same signature with a long-form SEQUENCE length is malformed (rc %d)", rc);
	free(ber);
	ber = long_form(sig, sig_len, 3, &ber_len);
	rc = crypto_p256_verify(spki, spki_len, digest, ber, ber_len);
	CHECK(rc == CRYPTO_E_PARSE, "the same signature with a long-form INTEGER length is malformed (rc %d)", rc);

	/* Through the kit API, as the runner calls it: the message says malformed. */
	memset(&k, 0, sizeof k);
	memcpy(k.identity, digest, 32);
	k.signature = ber;
	k.sig_len = ber_len;
	CHECK(kit_signature_check(&k, spki, spki_len, &err) != 0 && err.reason == KIT_R_BAD_SIGNATURE &&
	          !strcmp(err.msg, KIT_SIG_MALFORMED),
	      "kit_signature_check: %s", err.msg);
	free(ber);
	k.signature = sig;
	k.sig_len = sig_len;
	CHECK(kit_signature_check(&k, spki, spki_len, &err) == 0, "kit_signature_check accepts the DER signature");
	memcpy(k.identity, other, 32);
	CHECK(kit_signature_check(&k, spki, spki_len, &err) != 0 && strstr(err.msg, "not made by this key"),
	      "and refuses it over another index: %s", err.msg);
	k.signature = NULL;
	CHECK(kit_signature_check(&k, spki, spki_len, &err) != 0 && err.reason == KIT_R_UNSIGNED,
	      "an unsigned kit: %s", err.msg);
	{
		/* A P-384 public key (generated once with openssl ecparam): not a key
		 * kits are signed with, on either backend. */
		static const uint8_t p384[120] = {
		0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b,
		0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00, 0x04, 0x00, 0xa8, 0x63, 0x62, 0x39, 0xd5, 0xc0, 0xa1,
		0x16, 0x4f, 0x2d, 0x8f, 0xd6, 0x4a, 0x8d, 0x79, 0x0e, 0xb9, 0x43, 0x3e, 0x82, 0x39, 0xf4, 0x6d,
		0x85, 0x0e, 0xbb, 0x62, 0x8d, 0xfe, 0x1b, 0x39, 0xdc, 0x4a, 0x86, 0x61, 0x1b, 0xb4, 0x45, 0x37,
		0x44, 0xb3, 0x0c, 0x3b, 0xa8, 0x89, 0x49, 0x3e, 0xcc, 0x2f, 0x8f, 0x9e, 0x6d, 0xc5, 0x75, 0xb4,
		0x99, 0xa3, 0xa5, 0xc7, 0x85, 0xcf, 0x49, 0xc8, 0xe7, 0x78, 0x39, 0xae, 0xc1, 0x81, 0xea, 0x1e,
		0x2b, 0x59, 0x94, 0x19, 0xfd, 0xd9, 0x1a, 0xcf, 0x2d, 0x05, 0x66, 0x93, 0xfe, 0xda, 0x03, 0x88,
		0xe5, 0x0d, 0x62, 0xda, 0x81, 0x8a, 0x79, 0x51
		};
		CHECK(crypto_p256_verify(p384, sizeof p384, digest, sig, sig_len) == CRYPTO_E_PARSE,
		      "a P-384 key is refused as not P-256");
		CHECK(crypto_p256_verify(spki, spki_len - 1, digest, sig, sig_len) == CRYPTO_E_PARSE,
		      "a truncated P-256 key is refused");
	}
	free(pkcs8);
	free(spki);
	free(sig);
}

int main(int argc, char **argv)
{
	vectors();
	sha1_vectors();
	signatures();
	if (argc > 2)
		certificates(argv[1], argv[2]);
	else
		CHECK(0, "usage: test_hash ROOT.cer OTHER.cer");
	return t_done();
}
