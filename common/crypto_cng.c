/* crypto.h over Windows' own crypto: CNG (bcrypt.dll, Vista and later) for
 * SHA-256, CryptoAPI (crypt32.dll) for certificates. */
#include "crypto.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <bcrypt.h>
#include <wincrypt.h>

#ifndef NT_SUCCESS
#define NT_SUCCESS(s) (((NTSTATUS)(s)) >= 0)
#endif

struct crypto_sha256 {
	BCRYPT_ALG_HANDLE alg;
	BCRYPT_HASH_HANDLE hash;
	unsigned char *object;
};

/* Opens alg into h: the provider, the hash object's memory and the hash. */
static int hash_open(crypto_sha256 *h, LPCWSTR alg)
{
	DWORD objlen = 0, got = 0;
	if (!NT_SUCCESS(BCryptOpenAlgorithmProvider(&h->alg, alg, NULL, 0)))
		return CRYPTO_E_INTERNAL;
	/* Vista's CNG has no BCRYPT_HASH_REUSABLE_FLAG and wants the caller to own the
	 * hash object's memory, so ask for its size. */
	if (!NT_SUCCESS(BCryptGetProperty(h->alg, BCRYPT_OBJECT_LENGTH, (PUCHAR)&objlen,
	                                  sizeof objlen, &got, 0)))
		return CRYPTO_E_INTERNAL;
	h->object = malloc(objlen ? objlen : 1);
	if (!h->object)
		return CRYPTO_E_INTERNAL;
	if (!NT_SUCCESS(BCryptCreateHash(h->alg, &h->hash, h->object, objlen, NULL, 0, 0)))
		return CRYPTO_E_INTERNAL;
	return CRYPTO_OK;
}

/* Releases what hash_open took (any part of it), not h itself. */
static void hash_close(crypto_sha256 *h)
{
	if (h->hash)
		BCryptDestroyHash(h->hash);
	if (h->alg)
		BCryptCloseAlgorithmProvider(h->alg, 0);
	free(h->object);
}

int crypto_sha256_new(crypto_sha256 **out)
{
	crypto_sha256 *h = calloc(1, sizeof *h);

	*out = NULL;
	if (!h)
		return CRYPTO_E_NOMEM;
	if (hash_open(h, BCRYPT_SHA256_ALGORITHM) != CRYPTO_OK) {
		crypto_sha256_free(h);
		return CRYPTO_E_INTERNAL;
	}
	*out = h;
	return CRYPTO_OK;
}

int crypto_sha256_update(crypto_sha256 *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	while (n > 0) {
		ULONG chunk = n > (1u << 30) ? (1u << 30) : (ULONG)n;
		if (!NT_SUCCESS(BCryptHashData(h->hash, (PUCHAR)p, chunk, 0)))
			return CRYPTO_E_INTERNAL;
		p += chunk;
		n -= chunk;
	}
	return CRYPTO_OK;
}

int crypto_sha256_final(crypto_sha256 *h, uint8_t out[32])
{
	return NT_SUCCESS(BCryptFinishHash(h->hash, out, 32, 0)) ? CRYPTO_OK : CRYPTO_E_INTERNAL;
}

void crypto_sha256_free(crypto_sha256 *h)
{
	if (!h)
		return;
	hash_close(h);
	free(h);
}

/* SHA-1 the same way as SHA-256 above: CNG's BCRYPT_SHA1_ALGORITHM. */
struct crypto_sha1 {
	crypto_sha256 h; /* the same handles; only the algorithm differs */
};

int crypto_sha1_new(crypto_sha1 **out)
{
	crypto_sha1 *s = calloc(1, sizeof *s);

	*out = NULL;
	if (!s)
		return CRYPTO_E_NOMEM;
	if (hash_open(&s->h, BCRYPT_SHA1_ALGORITHM) != CRYPTO_OK) {
		crypto_sha1_free(s);
		return CRYPTO_E_INTERNAL;
	}
	*out = s;
	return CRYPTO_OK;
}

int crypto_sha1_update(crypto_sha1 *s, const void *data, size_t n)
{
	return crypto_sha256_update(&s->h, data, n);
}

int crypto_sha1_final(crypto_sha1 *s, uint8_t out[20])
{
	return NT_SUCCESS(BCryptFinishHash(s->h.hash, out, 20, 0)) ? CRYPTO_OK : CRYPTO_E_INTERNAL;
}

void crypto_sha1_free(crypto_sha1 *s)
{
	if (!s)
		return;
	hash_close(&s->h);
	free(s);
}

int crypto_sha256_oneshot(const void *data, size_t n, uint8_t out[32])
{
	crypto_sha256 *h;
	int rc = crypto_sha256_new(&h);
	if (rc != CRYPTO_OK)
		return rc;
	rc = crypto_sha256_update(h, data, n);
	if (rc == CRYPTO_OK)
		rc = crypto_sha256_final(h, out);
	crypto_sha256_free(h);
	return rc;
}

static int64_t filetime_to_unix(const FILETIME *ft)
{
	ULARGE_INTEGER u;
	u.LowPart = ft->dwLowDateTime;
	u.HighPart = ft->dwHighDateTime;
	return (int64_t)(u.QuadPart / 10000000ULL) - 11644473600LL;
}

/* Length in bytes of the DER element at the start of der (tag, length, content),
 * or 0 if the header is malformed. Used only to refuse trailing bytes, which
 * CertCreateCertificateContext would otherwise ignore. */
static size_t der_element_length(const uint8_t *der, size_t len)
{
	size_t n, i, body = 0;
	if (len < 2 || der[0] != 0x30)
		return 0;
	if (der[1] < 0x80)
		return 2 + (size_t)der[1];
	n = der[1] & 0x7f;
	if (n == 0 || n > 4 || len < 2 + n)
		return 0;
	for (i = 0; i < n; i++)
		body = (body << 8) | der[2 + i];
	return 2 + n + body;
}

/* The parser both certificate functions share: one DER certificate, exactly
 * len bytes, into *out (CertFreeCertificateContext it) and *info. */
static int parse_cert(const uint8_t *der, size_t len, struct crypto_cert_info *info, PCCERT_CONTEXT *out)
{
	PCCERT_CONTEXT c;
	/* One more than fits: a name of 256 UTF-16 units or more cannot fit in
	 * 255 bytes of UTF-8 either, so it is never silently cut short. */
	WCHAR cn[257];
	DWORD n;

	*out = NULL;
	memset(info, 0, sizeof *info);
	if (len == 0 || len > 65536 || der_element_length(der, len) != len)
		return CRYPTO_E_PARSE;
	c = CertCreateCertificateContext(X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, der, (DWORD)len);
	if (!c)
		return CRYPTO_E_PARSE;
	n = CertGetNameStringW(c, CERT_NAME_ATTR_TYPE, 0, (void *)szOID_COMMON_NAME, cn, 257);
	if (n > 1 && n < 257 &&
	    WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, cn, -1, info->common_name, (int)sizeof info->common_name, NULL, NULL) <= 0)
		info->common_name[0] = '\0'; /* too long, or unpaired surrogates: no name rather than a cut or mended one */
	info->self_issued =
	    CertCompareCertificateName(X509_ASN_ENCODING, &c->pCertInfo->Subject, &c->pCertInfo->Issuer) ? 1 : 0;
	if (crypto_sha256_oneshot(c->pCertInfo->Subject.pbData, c->pCertInfo->Subject.cbData, info->subject_sha256) !=
	    CRYPTO_OK) {
		CertFreeCertificateContext(c);
		memset(info, 0, sizeof *info);
		return CRYPTO_E_INTERNAL;
	}
	info->not_before = filetime_to_unix(&c->pCertInfo->NotBefore);
	info->not_after = filetime_to_unix(&c->pCertInfo->NotAfter);
	*out = c;
	return CRYPTO_OK;
}

int crypto_cert_parse(const uint8_t *der, size_t len, struct crypto_cert_info *info)
{
	PCCERT_CONTEXT c;
	int rc = parse_cert(der, len, info, &c);
	if (c)
		CertFreeCertificateContext(c);
	return rc;
}

int crypto_cert_check_self_signed(const uint8_t *der, size_t len, struct crypto_cert_info *info)
{
	PCCERT_CONTEXT c;
	int rc = parse_cert(der, len, info, &c);

	if (rc != CRYPTO_OK)
		return rc;
	if (!CertCompareCertificateName(X509_ASN_ENCODING, &c->pCertInfo->Subject, &c->pCertInfo->Issuer))
		rc = CRYPTO_E_SIGNATURE;
	else if (!CryptVerifyCertificateSignatureEx(0, X509_ASN_ENCODING, CRYPT_VERIFY_CERT_SIGN_SUBJECT_CERT,
	                                            (void *)c, CRYPT_VERIFY_CERT_SIGN_ISSUER_CERT,
	                                            (void *)c, 0, NULL))
		rc = CRYPTO_E_SIGNATURE;
	CertFreeCertificateContext(c);
	return rc;
}

/* The DER prefix of every P-256 SubjectPublicKeyInfo (id-ecPublicKey,
 * prime256v1, uncompressed point): 26 bytes, then 04, X, Y. */
static const unsigned char p256_spki_prefix[26] = {
	0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
};

/* Reads one DER INTEGER (positive, minimal, at most 32 significant bytes) at
 * *p into out[32], big-endian, left-padded. Returns 0 or -1. */
static int der_int32(const unsigned char **p, const unsigned char *end, unsigned char out[32])
{
	const unsigned char *q = *p;
	size_t len;
	if (end - q < 2 || q[0] != 0x02)
		return -1;
	len = q[1];
	q += 2;
	if (len == 0 || len > 33 || (size_t)(end - q) < len || (q[0] & 0x80))
		return -1;
	if (len > 1 && q[0] == 0x00 && !(q[1] & 0x80))
		return -1; /* not minimal */
	if (q[0] == 0x00 && len > 1) {
		q++;
		len--;
	}
	if (len > 32)
		return -1;
	memset(out, 0, 32);
	memcpy(out + 32 - len, q, len);
	*p = q + len;
	return 0;
}

int crypto_p256_verify(const uint8_t *spki, size_t spki_len, const uint8_t digest[32], const uint8_t *sig,
                       size_t sig_len)
{
	struct {
		BCRYPT_ECCKEY_BLOB h;
		unsigned char xy[64];
	} blob;
	unsigned char rs[64];
	const unsigned char *p = sig, *end = sig + sig_len;
	BCRYPT_ALG_HANDLE alg = NULL;
	BCRYPT_KEY_HANDLE key = NULL;
	NTSTATUS st;
	int rc;

	if (spki_len != 91 || memcmp(spki, p256_spki_prefix, sizeof p256_spki_prefix) != 0 || spki[26] != 0x04)
		return CRYPTO_E_PARSE;
	/* ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, short form only
	 * (it is at most 72 bytes), nothing after it. */
	if (sig_len < 8 || sig_len > 72 || p[0] != 0x30 || p[1] != sig_len - 2)
		return CRYPTO_E_PARSE;
	p += 2;
	if (der_int32(&p, end, rs) != 0 || der_int32(&p, end, rs + 32) != 0 || p != end)
		return CRYPTO_E_PARSE;
	blob.h.dwMagic = BCRYPT_ECDSA_PUBLIC_P256_MAGIC;
	blob.h.cbKey = 32;
	memcpy(blob.xy, spki + 27, 64);
	if (!NT_SUCCESS(BCryptOpenAlgorithmProvider(&alg, BCRYPT_ECDSA_P256_ALGORITHM, NULL, 0)))
		return CRYPTO_E_INTERNAL;
	if (!NT_SUCCESS(BCryptImportKeyPair(alg, NULL, BCRYPT_ECCPUBLIC_BLOB, &key, (PUCHAR)&blob, sizeof blob, 0))) {
		BCryptCloseAlgorithmProvider(alg, 0);
		return CRYPTO_E_PARSE; /* not a point on the curve */
	}
	st = BCryptVerifySignature(key, NULL, (PUCHAR)digest, 32, rs, 64, 0);
	rc = NT_SUCCESS(st) ? CRYPTO_OK : CRYPTO_E_SIGNATURE;
	BCryptDestroyKey(key);
	BCryptCloseAlgorithmProvider(alg, 0);
	return rc;
}

/* The PKCS#8 form of a P-256 key that OpenSSL and acskit-build write (with the
 * public key): this prefix, d, then a1 44 03 42 00 04, X, Y: 138 bytes. */
static const unsigned char p256_pkcs8_prefix[36] = {
	0x30, 0x81, 0x87, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
	0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x6d, 0x30, 0x6b, 0x02, 0x01, 0x01, 0x04, 0x20,
};
static const unsigned char p256_pkcs8_mid[6] = {0xa1, 0x44, 0x03, 0x42, 0x00, 0x04};

struct ecc_private_blob {
	BCRYPT_ECCKEY_BLOB h;
	unsigned char xyd[96]; /* X, Y, d */
};

static int spki_from_xy(const unsigned char xy[64], uint8_t **spki, size_t *len)
{
	*spki = malloc(91);
	if (!*spki)
		return CRYPTO_E_NOMEM;
	memcpy(*spki, p256_spki_prefix, sizeof p256_spki_prefix);
	(*spki)[26] = 0x04;
	memcpy(*spki + 27, xy, 64);
	*len = 91;
	return CRYPTO_OK;
}

int crypto_p256_keygen(uint8_t **pkcs8, size_t *pkcs8_len, uint8_t **spki, size_t *spki_len)
{
	BCRYPT_ALG_HANDLE alg = NULL;
	BCRYPT_KEY_HANDLE key = NULL;
	struct ecc_private_blob blob;
	ULONG n = 0;
	int rc = CRYPTO_E_INTERNAL;

	*pkcs8 = *spki = NULL;
	if (!NT_SUCCESS(BCryptOpenAlgorithmProvider(&alg, BCRYPT_ECDSA_P256_ALGORITHM, NULL, 0)))
		return CRYPTO_E_INTERNAL;
	if (NT_SUCCESS(BCryptGenerateKeyPair(alg, &key, 256, 0)) && NT_SUCCESS(BCryptFinalizeKeyPair(key, 0)) &&
	    NT_SUCCESS(BCryptExportKey(key, NULL, BCRYPT_ECCPRIVATE_BLOB, (PUCHAR)&blob, sizeof blob, &n, 0)) &&
	    n == sizeof blob && blob.h.cbKey == 32) {
		*pkcs8 = malloc(138);
		if (!*pkcs8) {
			rc = CRYPTO_E_NOMEM;
		} else {
			memcpy(*pkcs8, p256_pkcs8_prefix, 36);
			memcpy(*pkcs8 + 36, blob.xyd + 64, 32);
			memcpy(*pkcs8 + 68, p256_pkcs8_mid, 6);
			memcpy(*pkcs8 + 74, blob.xyd, 64);
			*pkcs8_len = 138;
			rc = spki_from_xy(blob.xyd, spki, spki_len);
		}
	}
	SecureZeroMemory(&blob, sizeof blob);
	if (key)
		BCryptDestroyKey(key);
	BCryptCloseAlgorithmProvider(alg, 0);
	if (rc != CRYPTO_OK) {
		if (*pkcs8)
			SecureZeroMemory(*pkcs8, 138);
		free(*pkcs8);
		*pkcs8 = NULL;
	}
	return rc;
}

/* Appends the DER INTEGER of a 32-byte big-endian unsigned number. */
static size_t der_put_int(unsigned char *out, const unsigned char v[32])
{
	size_t skip = 0, n;
	while (skip < 31 && v[skip] == 0)
		skip++;
	n = 32 - skip;
	out[0] = 0x02;
	if (v[skip] & 0x80) {
		out[1] = (unsigned char)(n + 1);
		out[2] = 0x00;
		memcpy(out + 3, v + skip, n);
		return n + 3;
	}
	out[1] = (unsigned char)n;
	memcpy(out + 2, v + skip, n);
	return n + 2;
}

int crypto_p256_sign(const uint8_t *pkcs8, size_t pkcs8_len, const uint8_t digest[32], uint8_t **sig,
                     size_t *sig_len, uint8_t **spki, size_t *spki_len)
{
	BCRYPT_ALG_HANDLE alg = NULL;
	BCRYPT_KEY_HANDLE key = NULL;
	struct ecc_private_blob blob;
	unsigned char rs[64], der[72];
	ULONG n = 0;
	size_t len;
	int rc = CRYPTO_E_INTERNAL;

	*sig = NULL;
	if (spki)
		*spki = NULL;
	if (pkcs8_len != 138 || memcmp(pkcs8, p256_pkcs8_prefix, 36) != 0 || memcmp(pkcs8 + 68, p256_pkcs8_mid, 6) != 0)
		return CRYPTO_E_PARSE;
	blob.h.dwMagic = BCRYPT_ECDSA_PRIVATE_P256_MAGIC;
	blob.h.cbKey = 32;
	memcpy(blob.xyd, pkcs8 + 74, 64);
	memcpy(blob.xyd + 64, pkcs8 + 36, 32);
	if (!NT_SUCCESS(BCryptOpenAlgorithmProvider(&alg, BCRYPT_ECDSA_P256_ALGORITHM, NULL, 0))) {
		SecureZeroMemory(&blob, sizeof blob);
		return CRYPTO_E_INTERNAL;
	}
	if (!NT_SUCCESS(BCryptImportKeyPair(alg, NULL, BCRYPT_ECCPRIVATE_BLOB, &key, (PUCHAR)&blob, sizeof blob, 0)))
		rc = CRYPTO_E_PARSE;
	else if (NT_SUCCESS(BCryptSignHash(key, NULL, (PUCHAR)digest, 32, rs, 64, &n, 0)) && n == 64) {
		der[0] = 0x30;
		len = 2;
		len += der_put_int(der + len, rs);
		len += der_put_int(der + len, rs + 32);
		der[1] = (unsigned char)(len - 2);
		*sig = malloc(len);
		if (!*sig) {
			rc = CRYPTO_E_NOMEM;
		} else {
			memcpy(*sig, der, len);
			*sig_len = len;
			rc = spki ? spki_from_xy(pkcs8 + 74, spki, spki_len) : CRYPTO_OK;
		}
	}
	SecureZeroMemory(&blob, sizeof blob);
	if (key)
		BCryptDestroyKey(key);
	BCryptCloseAlgorithmProvider(alg, 0);
	if (rc != CRYPTO_OK) {
		free(*sig);
		*sig = NULL;
	}
	return rc;
}

const char *crypto_backend_name(void)
{
	return "Windows CNG and CryptoAPI";
}
