/* The certificates and keys a kit carries: the pinned root, the reference
 * chain's members, and the ECDSA key that may sign the index. Split from
 * kit.c (the zip and its entries) by concern. Writes and prints nothing. */
#include <string.h>

#include "crypto.h"
#include "kit.h"
#include "text.h"

int kit_check_root(const uint8_t *der, size_t len, int64_t now, char cn[256], struct kit_error *err)
{
	uint8_t sha[32];
	char hex[65];
	struct crypto_cert_info info;
	int rc;

	cn[0] = '\0';
	if (crypto_sha256_oneshot(der, len, sha) != CRYPTO_OK)
		return kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
	if (memcmp(sha, kit_pin_sha256, 32) != 0) {
		kit_hex(sha, 32, hex);
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_PINNED,
		                "not the pinned root: certificate SHA-256 %s, pinned %s", hex, kit_pin_sha256_hex);
	}
	rc = crypto_cert_check_self_signed(der, len, &info);
	if (rc == CRYPTO_E_NOMEM)
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	if (rc == CRYPTO_E_INTERNAL)
		return kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "the platform's certificate functions failed");
	if (rc != CRYPTO_OK)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CERT, "bad certificate: %s",
		                rc == CRYPTO_E_PARSE ? "does not parse as X.509"
		                                     : "its self-signature does not verify");
	memcpy(cn, info.common_name, 256);
	if (now >= 0 && (now < info.not_before || now > info.not_after))
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CERT,
		                "bad certificate: not valid now (check the clock)");
	return 0;
}

/* SHA-256 of the pinned root's subject name (DER), and its common name. */
static const uint8_t kit_root_subject_sha256[32] = {
	0x29, 0x68, 0x0b, 0x23, 0x1c, 0x19, 0x93, 0xf0, 0x5c, 0x10, 0xfa, 0xf7, 0xa0, 0x01, 0x3c, 0xf0,
	0x96, 0x6c, 0xb3, 0x5b, 0x07, 0xdc, 0xe9, 0x1a, 0x88, 0x79, 0xd7, 0xa2, 0xd3, 0x9d, 0x84, 0x45,
};
#define KIT_ROOT_CN "Microsoft Identity Verification Root Certificate Authority 2020"

static int kit_ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y || !x)
			return x - y;
	}
}

int kit_check_chain_cert(const char *name, const uint8_t *der, size_t len, struct kit_cert *c, struct kit_error *err)
{
	struct crypto_cert_info info;
	uint8_t sha[32];
	size_t n;
	int rc;

	if (len > KIT_CERT_MAX)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: \"%s\" is larger than %d bytes",
		                kit_reason_text(KIT_R_BAD_CHAIN), name, KIT_CERT_MAX);
	/* The root travels once, as the root: a copy in the chain would be a
	 * second way for it to reach a store, and says nothing about the chain. */
	if (crypto_sha256_oneshot(der, len, sha) != CRYPTO_OK)
		return kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
	if (memcmp(sha, kit_pin_sha256, 32) == 0)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: \"%s\" is the pinned root, which is not part of it",
		                kit_reason_text(KIT_R_BAD_CHAIN), name);
	rc = crypto_cert_parse(der, len, &info);
	if (rc == CRYPTO_E_NOMEM)
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	if (rc == CRYPTO_E_INTERNAL)
		return kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "the platform's certificate functions failed");
	if (rc != CRYPTO_OK)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: \"%s\" is not one DER X.509 certificate",
		                kit_reason_text(KIT_R_BAD_CHAIN), name);
	/* A chain member sits below the root: a self-issued one would be a second
	 * root (show would print it as one), and one that carries the root's
	 * subject, by its DER or its common name, would pass for the root. */
	if (info.self_issued)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: \"%s\" is self-issued (a root), not a chain member",
		                kit_reason_text(KIT_R_BAD_CHAIN), name);
	if (memcmp(info.subject_sha256, kit_root_subject_sha256, 32) == 0 ||
	    kit_ascii_casecmp(info.common_name, KIT_ROOT_CN) == 0)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: \"%s\" carries the root's subject",
		                kit_reason_text(KIT_R_BAD_CHAIN), name);
	/* show prints the name: it must be text that reads as it is. */
	n = strlen(info.common_name);
	if (n == 0 || !text_utf8_valid(info.common_name, n) || text_has_control(info.common_name, n) ||
	    text_has_unicode_control(info.common_name, n))
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CHAIN,
		                "%s: \"%s\": its common name is missing or not printable text",
		                kit_reason_text(KIT_R_BAD_CHAIN), name);
	memcpy(c->cn, info.common_name, n + 1);
	c->not_before = info.not_before;
	c->not_after = info.not_after;
	return 0;
}

int kit_signature_check(const struct kit *k, const uint8_t *spki, size_t spki_len, struct kit_error *err)
{
	int rc;
	if (!k->signature)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_UNSIGNED, "unsigned kit: it carries no %s", KIT_SIG_NAME);
	/* The signature is over the SHA-256 of the index: the kit identity. */
	rc = crypto_p256_verify(spki, spki_len, k->identity, k->signature, k->sig_len);
	if (rc == CRYPTO_OK)
		return 0;
	if (rc == CRYPTO_E_INTERNAL)
		return kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "the platform's ECDSA functions failed");
	if (rc == CRYPTO_E_PARSE && kit_key_is_p256(spki, spki_len))
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_SIGNATURE, "%s", KIT_SIG_MALFORMED);
	return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_SIGNATURE,
	                rc == CRYPTO_E_PARSE ? "bad signature: the key is malformed"
	                                     : "bad signature: not made by this key over this kit's index");
}

int kit_key_is_p256(const uint8_t *spki, size_t len)
{
	/* id-ecPublicKey with prime256v1 and an uncompressed point: 91 bytes. */
	static const uint8_t prefix[27] = {
		0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
		0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
	};
	return len == 91 && memcmp(spki, prefix, sizeof prefix) == 0;
}

int kit_key_fingerprint(const uint8_t *spki, size_t spki_len, char out[65])
{
	uint8_t d[32];
	if (crypto_sha256_oneshot(spki, spki_len, d) != CRYPTO_OK)
		return -1;
	kit_hex(d, 32, out);
	return 0;
}

/* Certificates travel only as the root and the reference chain. A payload
 * file is refused when its content is a certificate or a container of them,
 * whatever its name: PEM ("-----BEGIN " at a line start), PKCS#7 signedData
 * (.p7b, .p7c, .spc), PKCS#12 (.pfx, .p12), a serialized store (.sst: 0,
 * "CERT"), or a DER certificate (a SEQUENCE whose first element is a
 * SEQUENCE starting with the [0] version tag). A recognition of leading bytes,
 * not a parse: nothing is decoded. Returns 1 when the head looks like one. */
static int head_is_cert_container(const unsigned char *h, size_t n)
{
	static const unsigned char p7[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07};
	size_t i, hl;
	if (n >= 8 && !memcmp(h, "\0\0\0\0CERT", 8))
		return 1;
	if (n < 2 || h[0] != 0x30)
		return 0;
	/* PKCS#7 ContentInfo or PKCS#12 PFX: a pkcs7-* content type OID near the start. */
	for (i = 0; i + sizeof p7 <= n && i < 24; i++)
		if (!memcmp(h + i, p7, sizeof p7))
			return 1;
	/* X.509: SEQUENCE { SEQUENCE { [0] { INTEGER } ... */
	hl = h[1] < 0x80 ? 2 : 2 + (size_t)(h[1] & 0x7F);
	if (hl + 2 > n || h[hl] != 0x30)
		return 0;
	hl += h[hl + 1] < 0x80 ? 2 : 2 + (size_t)(h[hl + 1] & 0x7F);
	return hl + 2 <= n && h[hl] == 0xA0 && h[hl + 1] == 0x03;
}

int kit_cert_sniff(struct kit_cert_sniff *s, const void *data, size_t n, uint64_t size)
{
	static const char pat[] = "\n-----BEGIN ";
	const unsigned char *p = data;
	size_t i;
	if (s->total < sizeof s->head) {
		size_t k = n < sizeof s->head - s->total ? n : sizeof s->head - (size_t)s->total;
		memcpy(s->head + s->total, p, k);
		if ((s->total + k == sizeof s->head || s->total + k == size) &&
		    head_is_cert_container(s->head, (size_t)s->total + k))
			return 1;
	}
	if (s->total == 0)
		s->pem = 1; /* the file's start counts as a line start */
	s->total += n;
	for (i = 0; i < n; i++) {
		if (p[i] == (unsigned char)pat[s->pem])
			s->pem++;
		else
			s->pem = p[i] == '\n' ? 1 : 0;
		if (s->pem == (int)sizeof pat - 1)
			return 1;
	}
	return 0;
}
