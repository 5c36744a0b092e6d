/* crypto.h over OpenSSL libcrypto (EVP for SHA-256, X509 for certificates). */
#include "crypto.h"

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/opensslv.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"

struct crypto_sha256 {
	EVP_MD_CTX *ctx;
};

/* SHA-1 is the same EVP context with another digest. */
struct crypto_sha1 {
	crypto_sha256 h;
};

/* The EVP context of h, started for md. */
static int digest_init(crypto_sha256 *h, const EVP_MD *md)
{
	h->ctx = EVP_MD_CTX_new();
	return h->ctx && EVP_DigestInit_ex(h->ctx, md, NULL) == 1 ? CRYPTO_OK : CRYPTO_E_INTERNAL;
}

/* The digest of h, which must be want bytes long. */
static int digest_final(crypto_sha256 *h, uint8_t *out, unsigned int want)
{
	unsigned int len = 0;
	if (EVP_DigestFinal_ex(h->ctx, out, &len) != 1 || len != want)
		return CRYPTO_E_INTERNAL;
	return CRYPTO_OK;
}

int crypto_sha256_new(crypto_sha256 **out)
{
	crypto_sha256 *h = OPENSSL_zalloc(sizeof *h);
	*out = NULL;
	if (!h)
		return CRYPTO_E_NOMEM;
	if (digest_init(h, EVP_sha256()) != CRYPTO_OK) {
		crypto_sha256_free(h);
		return CRYPTO_E_INTERNAL;
	}
	*out = h;
	return CRYPTO_OK;
}

int crypto_sha256_update(crypto_sha256 *h, const void *data, size_t n)
{
	return EVP_DigestUpdate(h->ctx, data, n) == 1 ? CRYPTO_OK : CRYPTO_E_INTERNAL;
}

int crypto_sha256_final(crypto_sha256 *h, uint8_t out[32])
{
	return digest_final(h, out, 32);
}

void crypto_sha256_free(crypto_sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	OPENSSL_free(h);
}

int crypto_sha1_new(crypto_sha1 **out)
{
	crypto_sha1 *s = OPENSSL_zalloc(sizeof *s);
	*out = NULL;
	if (!s)
		return CRYPTO_E_NOMEM;
	if (digest_init(&s->h, EVP_sha1()) != CRYPTO_OK) {
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
	return digest_final(&s->h, out, 20);
}

void crypto_sha1_free(crypto_sha1 *s)
{
	if (!s)
		return;
	EVP_MD_CTX_free(s->h.ctx);
	OPENSSL_free(s);
}

int crypto_sha256_oneshot(const void *data, size_t n, uint8_t out[32])
{
	unsigned int len = 0;
	if (EVP_Digest(data, n, out, &len, EVP_sha256(), NULL) != 1 || len != 32)
		return CRYPTO_E_INTERNAL;
	return CRYPTO_OK;
}

static int asn1_to_unix(const ASN1_TIME *t, int64_t *out)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
		return -1;
	*out = time_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	                       tm.tm_min, tm.tm_sec);
	return 0;
}

/* The subject's first common name as UTF-8, whatever string type it is
 * stored as; "" if there is none or it would not fit (as the CNG backend). */
static void common_name(X509 *x, char out[256])
{
	X509_NAME *nm = X509_get_subject_name(x);
	int i = X509_NAME_get_index_by_NID(nm, NID_commonName, -1), n;
	unsigned char *u = NULL;

	out[0] = '\0';
	if (i < 0)
		return;
	n = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i)));
	if (n >= 0 && n < 256) {
		memcpy(out, u, (size_t)n);
		out[n] = '\0';
	}
	OPENSSL_free(u);
}

/* The parser both certificate functions share: one DER certificate, exactly
 * len bytes, into *out (X509_free it) and *info. */
static int parse_cert(const uint8_t *der, size_t len, struct crypto_cert_info *info, X509 **out)
{
	const unsigned char *p = der;
	X509 *x;

	*out = NULL;
	memset(info, 0, sizeof *info);
	if (len == 0 || len > 65536)
		return CRYPTO_E_PARSE;
	x = d2i_X509(NULL, &p, (long)len);
	/* The whole buffer must be the certificate: trailing bytes would be data
	 * that no certificate store keeps but that the kit's hash covers. */
	if (!x || p != der + len) {
		X509_free(x);
		return CRYPTO_E_PARSE;
	}
	common_name(x, info->common_name);
	info->self_issued = X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) == 0;
	{
		const unsigned char *nd;
		size_t nl;
		if (X509_NAME_get0_der(X509_get_subject_name(x), &nd, &nl) != 1 ||
		    crypto_sha256_oneshot(nd, nl, info->subject_sha256) != CRYPTO_OK) {
			X509_free(x);
			memset(info, 0, sizeof *info);
			return CRYPTO_E_INTERNAL;
		}
	}
	if (asn1_to_unix(X509_get0_notBefore(x), &info->not_before) != 0 ||
	    asn1_to_unix(X509_get0_notAfter(x), &info->not_after) != 0) {
		X509_free(x);
		memset(info, 0, sizeof *info);
		return CRYPTO_E_PARSE;
	}
	*out = x;
	return CRYPTO_OK;
}

int crypto_cert_parse(const uint8_t *der, size_t len, struct crypto_cert_info *info)
{
	X509 *x;
	int rc = parse_cert(der, len, info, &x);
	X509_free(x);
	return rc;
}

int crypto_cert_check_self_signed(const uint8_t *der, size_t len, struct crypto_cert_info *info)
{
	X509 *x;
	EVP_PKEY *key;
	int rc = parse_cert(der, len, info, &x);

	if (rc != CRYPTO_OK)
		return rc;
	key = X509_get0_pubkey(x);
	if (X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) != 0 || !key)
		rc = CRYPTO_E_SIGNATURE;
	else if (X509_verify(x, key) != 1)
		rc = CRYPTO_E_SIGNATURE;
	X509_free(x);
	return rc;
}

/* Returns k if it is a P-256 key (public or private), else frees it and
 * returns NULL. */
static EVP_PKEY *p256_key(EVP_PKEY *k)
{
	char group[32];
	if (!k)
		return NULL;
	if (!EVP_PKEY_is_a(k, "EC") || EVP_PKEY_get_group_name(k, group, sizeof group, NULL) != 1 ||
	    (strcmp(group, "prime256v1") != 0 && strcmp(group, "P-256") != 0)) {
		EVP_PKEY_free(k);
		return NULL;
	}
	return k;
}

int crypto_p256_verify(const uint8_t *spki, size_t spki_len, const uint8_t digest[32], const uint8_t *sig,
                       size_t sig_len)
{
	const unsigned char *p = spki;
	EVP_PKEY *k = p256_key(d2i_PUBKEY(NULL, &p, (long)spki_len));
	EVP_PKEY_CTX *ctx;
	const unsigned char *sp = sig;
	ECDSA_SIG *es;
	int rc, v;
	if (!k || p != spki + spki_len)
		rc = CRYPTO_E_PARSE;
	else if (!(es = d2i_ECDSA_SIG(NULL, &sp, (long)sig_len)) || sp != sig + sig_len) {
		/* Not one ECDSA-Sig-Value, or bytes after it. d2i is a BER decoder: it
		 * takes a long-form length (30 81 44 ...) as readily as DER. */
		ECDSA_SIG_free(es);
		rc = CRYPTO_E_PARSE;
	} else {
		ECDSA_SIG_free(es);
		ctx = EVP_PKEY_CTX_new(k, NULL);
		if (!ctx || EVP_PKEY_verify_init(ctx) != 1 || EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) != 1) {
			rc = CRYPTO_E_INTERNAL;
		} else {
			/* 1: valid; 0: a well-formed signature that does not verify. OpenSSL
			 * re-encodes the signature and returns -1 where that is not the
			 * bytes given (BER, as above): malformed, as the CNG backend's own
			 * DER parser says. Only 1 is ever taken as valid. */
			v = EVP_PKEY_verify(ctx, sig, sig_len, digest, 32);
			rc = v == 1 ? CRYPTO_OK : v == 0 ? CRYPTO_E_SIGNATURE : CRYPTO_E_PARSE;
		}
		EVP_PKEY_CTX_free(ctx);
	}
	EVP_PKEY_free(k);
	return rc;
}

static int der_out(EVP_PKEY *k, int pub, uint8_t **out, size_t *len)
{
	unsigned char *buf = NULL;
	int n = pub ? i2d_PUBKEY(k, &buf) : -1;
	if (!pub) {
		/* PKCS#8, the encoding "openssl pkey" writes. */
		PKCS8_PRIV_KEY_INFO *p8 = EVP_PKEY2PKCS8(k);
		n = p8 ? i2d_PKCS8_PRIV_KEY_INFO(p8, &buf) : -1;
		PKCS8_PRIV_KEY_INFO_free(p8);
	}
	if (n <= 0)
		return CRYPTO_E_INTERNAL;
	*out = malloc((size_t)n);
	if (!*out) {
		OPENSSL_clear_free(buf, (size_t)n);
		return CRYPTO_E_NOMEM;
	}
	memcpy(*out, buf, (size_t)n);
	*len = (size_t)n;
	OPENSSL_clear_free(buf, (size_t)n);
	return CRYPTO_OK;
}

int crypto_p256_keygen(uint8_t **pkcs8, size_t *pkcs8_len, uint8_t **spki, size_t *spki_len)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");
	int rc;
	*pkcs8 = *spki = NULL;
	if (!k)
		return CRYPTO_E_INTERNAL;
	rc = der_out(k, 0, pkcs8, pkcs8_len);
	if (rc == CRYPTO_OK)
		rc = der_out(k, 1, spki, spki_len);
	EVP_PKEY_free(k);
	return rc;
}

int crypto_p256_sign(const uint8_t *pkcs8, size_t pkcs8_len, const uint8_t digest[32], uint8_t **sig,
                     size_t *sig_len, uint8_t **spki, size_t *spki_len)
{
	const unsigned char *p = pkcs8;
	PKCS8_PRIV_KEY_INFO *p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)pkcs8_len);
	EVP_PKEY *k = p8 && p == pkcs8 + pkcs8_len ? p256_key(EVP_PKCS82PKEY(p8)) : NULL;
	EVP_PKEY_CTX *ctx = NULL;
	size_t n = 0;
	int rc = CRYPTO_E_PARSE;
	PKCS8_PRIV_KEY_INFO_free(p8);
	*sig = NULL;
	if (!k)
		return rc;
	ctx = EVP_PKEY_CTX_new(k, NULL);
	rc = CRYPTO_E_INTERNAL;
	if (ctx && EVP_PKEY_sign_init(ctx) == 1 && EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) == 1 &&
	    EVP_PKEY_sign(ctx, NULL, &n, digest, 32) == 1 && (*sig = malloc(n)) != NULL &&
	    EVP_PKEY_sign(ctx, *sig, &n, digest, 32) == 1) {
		*sig_len = n;
		rc = spki ? der_out(k, 1, spki, spki_len) : CRYPTO_OK;
	}
	if (rc != CRYPTO_OK) {
		free(*sig);
		*sig = NULL;
	}
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(k);
	return rc;
}

const char *crypto_backend_name(void)
{
	return OpenSSL_version(OPENSSL_VERSION);
}
