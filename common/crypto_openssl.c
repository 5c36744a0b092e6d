/* crypto.h over OpenSSL libcrypto (EVP for SHA-256, X509 for certificates). */
#include "crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/opensslv.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "timeutil.h"

struct crypto_sha256 {
	EVP_MD_CTX *ctx;
};

int crypto_sha256_new(crypto_sha256 **out)
{
	crypto_sha256 *h = OPENSSL_zalloc(sizeof *h);
	*out = NULL;
	if (!h)
		return CRYPTO_E_NOMEM;
	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
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
	unsigned int len = 0;
	if (EVP_DigestFinal_ex(h->ctx, out, &len) != 1 || len != 32)
		return CRYPTO_E_INTERNAL;
	return CRYPTO_OK;
}

void crypto_sha256_free(crypto_sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	OPENSSL_free(h);
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

int crypto_cert_check_self_signed(const uint8_t *der, size_t len, struct crypto_cert_info *info)
{
	const unsigned char *p = der;
	X509 *x;
	EVP_PKEY *key;
	int rc = CRYPTO_OK;

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
	if (X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, info->common_name,
	                              (int)sizeof info->common_name) < 0)
		info->common_name[0] = '\0';
	if (asn1_to_unix(X509_get0_notBefore(x), &info->not_before) != 0 ||
	    asn1_to_unix(X509_get0_notAfter(x), &info->not_after) != 0) {
		X509_free(x);
		return CRYPTO_E_PARSE;
	}
	key = X509_get0_pubkey(x);
	if (X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) != 0 || !key)
		rc = CRYPTO_E_SIGNATURE;
	else if (X509_verify(x, key) != 1)
		rc = CRYPTO_E_SIGNATURE;
	X509_free(x);
	return rc;
}

const char *crypto_backend_name(void)
{
	return OpenSSL_version(OPENSSL_VERSION);
}
