/* Hashing and certificate checks, declared once. Backends: crypto_openssl.c
 * (OpenSSL libcrypto, Linux) and crypto_cng.c (CNG and CryptoAPI, Windows).
 * No crypto is implemented in acskit itself. */
#ifndef ACSKIT_CRYPTO_H
#define ACSKIT_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

enum crypto_result {
	CRYPTO_OK = 0,
	CRYPTO_E_PARSE,     /* not a single well-formed DER X.509 certificate */
	CRYPTO_E_SIGNATURE, /* not self-issued, or its self-signature does not verify */
	CRYPTO_E_NOMEM,
	CRYPTO_E_INTERNAL,  /* the platform's crypto failed */
	CRYPTO_E_UNSUPPORTED /* not available with this backend */
};

typedef struct crypto_sha256 crypto_sha256;

/* Starts a SHA-256 computation. Returns CRYPTO_OK and *out (free with
 * crypto_sha256_free), or an error. */
int crypto_sha256_new(crypto_sha256 **out);
/* Adds n bytes. Returns CRYPTO_OK or CRYPTO_E_INTERNAL. */
int crypto_sha256_update(crypto_sha256 *h, const void *data, size_t n);
/* Writes the digest of everything added; h is finished and must be freed. */
int crypto_sha256_final(crypto_sha256 *h, uint8_t out[32]);
/* Frees h (NULL is a no-op). */
void crypto_sha256_free(crypto_sha256 *h);
/* One-shot SHA-256 of a buffer. Returns CRYPTO_OK or an error. */
int crypto_sha256_oneshot(const void *data, size_t n, uint8_t out[32]);

typedef struct crypto_sha1 crypto_sha1;

/* SHA-1, only to check a file against the hash Microsoft's Update Catalog
 * puts in a package's file name (never for a security decision of acskit's
 * own: that is SHA-256). The same contract as the SHA-256 functions above. */
int crypto_sha1_new(crypto_sha1 **out);
int crypto_sha1_update(crypto_sha1 *h, const void *data, size_t n);
int crypto_sha1_final(crypto_sha1 *h, uint8_t out[20]);
void crypto_sha1_free(crypto_sha1 *h);

struct crypto_cert_info {
	char common_name[256]; /* subject CN in UTF-8, "" if none */
	int64_t not_before;    /* seconds since 1970-01-01T00:00:00Z */
	int64_t not_after;
	int self_issued;            /* subject and issuer names match */
	uint8_t subject_sha256[32]; /* SHA-256 of the subject name's DER */
};

/* Parses der (exactly len bytes, nothing after the certificate) as one X.509
 * certificate and fills *info; checks no signature. A common name whose UTF-8
 * would not fit in common_name comes back as "" (no name rather than a cut
 * one). Returns CRYPTO_OK, CRYPTO_E_PARSE, CRYPTO_E_NOMEM or
 * CRYPTO_E_INTERNAL. */
int crypto_cert_parse(const uint8_t *der, size_t len, struct crypto_cert_info *info);

/* Parses der as crypto_cert_parse does, fills *info, and checks that it is
 * self-issued with a signature that verifies under its own key. Returns
 * CRYPTO_OK or the first failure. */
int crypto_cert_check_self_signed(const uint8_t *der, size_t len, struct crypto_cert_info *info);

/* ECDSA P-256 with SHA-256, for signed kits. Keys travel as DER
 * SubjectPublicKeyInfo (public) and PKCS#8 (private); signatures as DER
 * ECDSA-Sig-Value: the encodings openssl reads. */

/* Verifies sig over the SHA-256 digest with the P-256 public key spki.
 * Returns CRYPTO_OK, CRYPTO_E_SIGNATURE (does not verify), CRYPTO_E_PARSE (not
 * a P-256 key or not a DER signature), or CRYPTO_E_INTERNAL. */
int crypto_p256_verify(const uint8_t *spki, size_t spki_len, const uint8_t digest[32], const uint8_t *sig,
                       size_t sig_len);
/* Makes a key pair: *pkcs8 and *spki are malloc'd DER (free them; the caller
 * should clear the private key before freeing). Returns CRYPTO_OK or an error.
 * (The CNG backend reads and writes P-256 PKCS#8 only in the form OpenSSL
 * writes, with the public key inside: 138 bytes.) */
int crypto_p256_keygen(uint8_t **pkcs8, size_t *pkcs8_len, uint8_t **spki, size_t *spki_len);
/* Signs the digest with the PKCS#8 private key; *sig is malloc'd DER. Fills
 * spki (if not NULL, malloc'd) with the matching public key. */
int crypto_p256_sign(const uint8_t *pkcs8, size_t pkcs8_len, const uint8_t digest[32], uint8_t **sig,
                     size_t *sig_len, uint8_t **spki, size_t *spki_len);

/* The name of the backend, e.g. "OpenSSL 3.0.19" or "Windows CNG". */
const char *crypto_backend_name(void);

#endif
