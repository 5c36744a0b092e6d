/* The acskit kit format (docs/kit-format.md) as a library: entry names, the
 * index, verification of a whole kit, and (kitwrite.c) building one. It returns
 * error codes and messages; it never prints or exits. */
#ifndef ACSKIT_KIT_H
#define ACSKIT_KIT_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

#define KIT_INDEX_NAME "index.sha256"
#define KIT_SIG_NAME "index.sha256.sig" /* optional: ECDSA P-256 over the index */
#define KIT_SIG_MAX 256
#define KIT_INDEX_MAX (1024 * 1024)
#define KIT_MAX_ENTRIES 10000
#define KIT_NAME_MAX 255
#define KIT_LABEL_MAX 200
#define KIT_BUILDER_MAX 64
#define KIT_CERT_MAX 65536
#define KIT_CHAIN_DIR "payload/acs-chain/" /* the reference chain's entries */
#define KIT_CHAIN_MAX 8                     /* certificates in it, at most */
#define KIT_MANIFESTS_MAX 256        /* manifests in a kit, at most (23 today) */
#define KIT_MANIFEST_TOTAL_MAX 2097152 /* their bytes in all, at most (~60 KB today) */
#define KIT_LOCAL_EXTRA_MAX 1024      /* bytes of a local header's extra field */
#define KIT_MAX_RATIO 200            /* deflated entries: real size / compressed size */
#define KIT_RATIO_ALLOWANCE 1048576  /* bytes a small entry may have beyond the ratio */

/* What went wrong, in classes a program maps to exit codes. */
enum kit_code {
	KIT_OK = 0,
	KIT_E_REFUSED,  /* the kit (or builder input) breaks a rule: see reason */
	KIT_E_IO,       /* a file could not be read or written */
	KIT_E_NOMEM,
	KIT_E_INTERNAL  /* the platform's crypto or zlib failed unexpectedly */
};

/* Why a kit or an input was refused. Each has a fixed phrase (kit_reason_text)
 * that starts the message, so scripts and tests can match it. */
enum kit_reason {
	KIT_R_NONE = 0,
	KIT_R_NOT_ZIP,
	KIT_R_UNSAFE_NAME,
	KIT_R_DUPLICATE,
	KIT_R_UNEXPECTED,
	KIT_R_ENCRYPTED,
	KIT_R_METHOD,
	KIT_R_NOT_INDEXED,
	KIT_R_MISSING,
	KIT_R_SIZE,
	KIT_R_HASH,
	KIT_R_CRC,
	KIT_R_CORRUPT,
	KIT_R_OVERLAP,
	KIT_R_NO_INDEX,
	KIT_R_BAD_INDEX,
	KIT_R_NOT_PINNED,
	KIT_R_NO_ROOT,
	KIT_R_TWO_CERTS,
	KIT_R_BAD_CERT,
	KIT_R_BAD_MANIFEST,
	KIT_R_NO_MANIFESTS,
	KIT_R_MANIFEST_OVERLAP,
	KIT_R_TOO_LARGE,
	KIT_R_RATIO,
	KIT_R_UNSUPPORTED,
	KIT_R_BAD_SIGNATURE,
	KIT_R_UNSIGNED,
	KIT_R_EXPIRED,
	KIT_R_OLDER,
	KIT_R_BAD_INPUT,
	KIT_R_BAD_CHAIN
};

struct kit_error {
	enum kit_code code;
	enum kit_reason reason;
	char msg[512]; /* one line, no trailing newline */
};

/* Watching a payload file's bytes, as they stream, for a certificate or a
 * certificate container (PEM, DER, PKCS#7, PKCS#12, a serialized store): the
 * reader and the builder refuse such payload files (KIT_R_TWO_CERTS). Zero
 * the struct, then feed every chunk in order with the file's whole size;
 * returns 1 as soon as the bytes so far are one, else 0. */
struct kit_cert_sniff {
	uint64_t total;
	int pem; /* characters of "\n-----BEGIN " matched so far */
	unsigned char head[32];
};
int kit_cert_sniff(struct kit_cert_sniff *s, const void *data, size_t n, uint64_t size);
#define KIT_CERT_FILE_TEXT \
	"a payload file that holds certificates (PEM, PKCS#7, PKCS#12, a serialized store or DER): a kit carries the root only"

/* The fixed phrase for a reason, e.g. "unsafe entry name". */
const char *kit_reason_text(enum kit_reason r);

/* Checks an entry name (len bytes, not NUL-terminated, may hold NULs) against the
 * name rules. Returns NULL if safe, else a static string saying why not. */
const char *kit_name_unsafe(const char *name, size_t len);

/* Compares names as Windows file systems do (ASCII case folded); ties are
 * broken by the bytes, so sorting is the same on every platform. Returns <0, 0
 * (the same bytes), >0; kit_name_collide tells whether two names are one file. */
int kit_name_cmp_fold(const char *a, const char *b);
int kit_name_collide(const char *a, const char *b);

/* What a kit entry is, from its name: the index, its signature, a
 * certificate of the reference chain (payload/acs-chain/<file>.cer, .crt or
 * .der, nothing deeper), the root certificate (any other payload/ *.cer, .crt,
 * .der), another payload file, a manifest, or none of these. */
enum kit_kind {
	KIT_KIND_OTHER,
	KIT_KIND_INDEX,
	KIT_KIND_SIG,
	KIT_KIND_CERT,
	KIT_KIND_PAYLOAD,
	KIT_KIND_MANIFEST,
	KIT_KIND_CHAIN
};
enum kit_kind kit_name_kind(const char *name);

/* Returns 1 if a file of this name is stored rather than deflated. */
int kit_name_stored(const char *name);

struct kit_entry {
	char *name;
	uint64_t size;
	uint8_t sha256[32];
	int checked; /* read and hashed against the index: by kit_open (every entry when full) or kit_extract */
};

/* A package the builder packed although its signature did not pass the
 * Microsoft rule (docs/kit-format.md, "Packages"), because an option allowed
 * it: the index records it as "# allowed-package: <name> <why>". */
struct kit_allowed {
	char *name; /* a payload entry of the index */
	char *why;  /* printable ASCII, 1 to KIT_ALLOWED_WHY_MAX bytes */
};
#define KIT_ALLOWED_WHY_MAX 200

struct kit_index {
	char label[KIT_LABEL_MAX + 1];
	char created_text[21];
	int64_t created;
	char builder[KIT_BUILDER_MAX + 1];
	int64_t expires;          /* 0: no expiry date */
	char expires_text[21];
	int has_sequence;
	uint64_t sequence;        /* the organisation's kit number, rising */
	size_t nallowed;          /* "# allowed-package:" lines, ascending by name */
	struct kit_allowed *allowed;
	size_t count;
	struct kit_entry *entries; /* ascending byte order of name */
};

/* Parses index bytes under the grammar of docs/kit-format.md section 2. Returns
 * 0, or -1 with err (reason KIT_R_BAD_INDEX, message naming the line). */
int kit_index_parse(const char *buf, size_t len, struct kit_index *out, struct kit_error *err);
/* Writes the index text for ix into a malloc'd buffer. Returns 0 or -1 (memory). */
int kit_index_format(const struct kit_index *ix, char **out, size_t *len);
/* Finds name in ix (binary search). Returns the entry or NULL. */
const struct kit_entry *kit_index_find(const struct kit_index *ix, const char *name);
void kit_index_free(struct kit_index *ix);
/* Checks a label against the index rules. Returns NULL if good, else why not. */
const char *kit_label_invalid(const char *label);

/* A certificate of the reference chain (docs/kit-format.md, "The reference
 * chain"): its entry name, verified bytes, and what parsing it gave. */
struct kit_cert {
	char *name;
	uint8_t *der;
	size_t len;
	char cn[256];       /* UTF-8, printable: no control or bidi characters */
	int64_t not_before; /* seconds since the epoch, UTC */
	int64_t not_after;
};

/* A verified kit: everything in it has been checked against the index, the pin
 * and the manifest grammar. */
struct kit {
	uint8_t identity[32];
	char identity_hex[65];
	struct kit_index index;
	char *root_name;     /* entry name of the root certificate */
	uint8_t *root_der;   /* its verified bytes */
	size_t root_len;
	char root_cn[256];
	struct manifest_set manifests;
	uint8_t *signature;  /* DER ECDSA signature of the index, or NULL (unsigned) */
	size_t sig_len;
	size_t nchain;           /* the reference chain: 0 to KIT_CHAIN_MAX */
	struct kit_cert *chain;  /* ascending byte order of name */
};

/* Checks the kit's signature with one P-256 public key (DER SPKI). Returns 0 if
 * it verifies; -1 with err: KIT_R_UNSIGNED (no signature), KIT_R_BAD_SIGNATURE
 * (a malformed one, or one this key did not make), or KIT_E_INTERNAL. */
int kit_signature_check(const struct kit *k, const uint8_t *spki, size_t spki_len, struct kit_error *err);
/* err.msg of kit_signature_check where the signature itself is malformed (not
 * one DER ECDSA-Sig-Value: BER lengths, trailing bytes): the same for any key. */
#define KIT_SIG_MALFORMED "bad signature: malformed signature (not one DER-encoded ECDSA signature)"
/* Returns 1 if spki is a DER SubjectPublicKeyInfo of a P-256 key (the only
 * kind kits are signed with), else 0. */
int kit_key_is_p256(const uint8_t *spki, size_t len);
/* The fingerprint of a public key: SHA-256 of its DER SPKI, 64 hex digits. */
int kit_key_fingerprint(const uint8_t *spki, size_t spki_len, char out[65]);

/* The pinned root: SHA-256 and SHA-1 of its DER, and its common name. */
extern const uint8_t kit_pin_sha256[32];
extern const char kit_pin_sha256_hex[65];
extern const char kit_pin_sha1_hex[41];

/* Checks a certificate for a kit: it must be the pinned root (by SHA-256), parse,
 * and carry a valid self-signature; with now >= 0 it must also be within its
 * validity. Fills cn (256 bytes) with its common name. Returns 0 or -1 with err. */
int kit_check_root(const uint8_t *der, size_t len, int64_t now, char cn[256], struct kit_error *err);

/* Checks one certificate of the reference chain, named name (for the
 * message): at most KIT_CERT_MAX bytes, exactly one DER X.509 certificate, a
 * common name of printable text, and not the pinned root. Its signature and
 * dates are not checked. Fills cn, not_before and not_after of *c. Returns 0,
 * or -1 with err (KIT_R_BAD_CHAIN, or KIT_E_NOMEM / KIT_E_INTERNAL). */
int kit_check_chain_cert(const char *name, const uint8_t *der, size_t len, struct kit_cert *c, struct kit_error *err);

/* Opens and verifies the kit at path (UTF-8). Returns 0 and *out (free with
 * kit_free), or -1 with err. Reads only; writes nothing anywhere. */
int kit_verify_file(const char *path, struct kit **out, struct kit_error *err);
/* The same for a kit held in memory (tests, fuzzing). */
int kit_verify_mem(const void *buf, size_t len, struct kit **out, struct kit_error *err);

/* An open, checked kit, for reading entries one by one. */
struct kit_reader;
/* Opens and checks the kit at path. With full, every entry is read and checked
 * as kit_verify_file does; without, the structure, the index, the root and the
 * manifests are, and kit_extract checks each entry it reads. Returns 0 with
 * *reader (kit_close) and *out (kit_free), or -1 with err. */
int kit_open(const char *path, int full, struct kit_reader **reader, struct kit **out, struct kit_error *err);
/* Streams entry name of k through write (which returns 0, or non-zero to stop
 * with an I/O error) while hashing it. Returns 0 only if the size, and the
 * SHA-256 against the index, matched once the last byte was written: a caller
 * that writes a file keeps it only then. */
int kit_extract(struct kit_reader *r, struct kit *k, const char *name,
                int (*write)(void *ctx, const void *p, size_t n), void *ctx, struct kit_error *err);
void kit_close(struct kit_reader *r);
void kit_free(struct kit *k);

/* Hex helpers: 32 bytes to 64 lowercase digits, and back (either case). */
void kit_hex(const uint8_t *in, size_t n, char *out);
int kit_unhex(const char *in, uint8_t *out, size_t n);

/* Sets err: code, reason and a formatted message. Returns -1. */
int kit_fail(struct kit_error *err, enum kit_code code, enum kit_reason reason, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* Building a kit (kitwrite.c; not linked into the runner). */
struct kit_build_options {
	const char *payload_dir;
	const char *manifests_dir;
	const char *const *adds; /* --add: files or directories packed into payload/ */
	size_t nadds;
	const char *output;      /* the zip to write; replaced only on success */
	const char *label;
	int64_t created;         /* seconds since the epoch, UTC */
	const char *builder;     /* e.g. "acskit-build 0.1.0" */
	int64_t now;             /* for the certificate's validity check */
	int64_t expires;         /* 0: none; else after created */
	int has_sequence;
	uint64_t sequence;
	const uint8_t *sign_key; /* PKCS#8 DER of a P-256 key to sign with, or NULL */
	size_t sign_key_len;
	/* Called once for each file a manifest's package line names (entry,
	 * the file on disk), in name order, before anything is written; then
	 * once with entry and path NULL. Returns 0 to go on, or -1 with err set
	 * to refuse the build. A non-empty note (KIT_ALLOWED_WHY_MAX bytes,
	 * printable ASCII) is recorded in the index as an allowed package. May
	 * be NULL: packages are then packed unchecked. */
	int (*check_package)(void *ctx, const char *entry, const char *path, char note[KIT_ALLOWED_WHY_MAX + 1],
	                     struct kit_error *err);
	void *check_package_ctx;
};

struct kit_build_result {
	char identity_hex[65];
	size_t entries;          /* not counting the index */
	size_t manifests;
	uint64_t payload_bytes;
	uint64_t zip_bytes;
	char root_cn[256];
	char signer[65];         /* fingerprint of the signing key, "" if unsigned */
	size_t sha1_named;       /* payload files whose name carries a catalog SHA-1, each checked */
};

/* Builds a kit: checks the root against the pin, parses every manifest, writes a
 * temporary file beside the output and renames it over the output only when all
 * is well. Returns 0 or -1 with err; on failure no output file is left. */
int kit_build(const struct kit_build_options *o, struct kit_build_result *res, struct kit_error *err);

#endif
