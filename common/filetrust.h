/* The verdict of check-file from what the trust provider said about one file:
 * WinVerifyTrust's return code and the signer's chain (its status bits, its
 * top, whether it runs through the pinned root), plus what the machine's
 * stores say about the root. Portable and printing nothing, so that every
 * rule is unit-tested (tests/unit/test_filetrust.c). Wine 8's WinVerifyTrust
 * returns 0 for a chain whose root is untrusted, so the chain decides as well
 * as the return code, and "verified" needs both. */
#ifndef ACSKIT_FILETRUST_H
#define ACSKIT_FILETRUST_H

#include <stdint.h>

/* HRESULTs of WinVerifyTrust (winerror.h), spelled out for the portable side. */
#define FT_TRUST_E_NOSIGNATURE 0x800B0100u
#define FT_TRUST_E_SUBJECT_FORM_UNKNOWN 0x800B0003u
#define FT_TRUST_E_PROVIDER_UNKNOWN 0x800B0001u
#define FT_TRUST_E_BAD_DIGEST 0x80096010u
#define FT_TRUST_E_EXPLICIT_DISTRUST 0x800B0111u
#define FT_TRUST_E_TIME_STAMP 0x80096005u
#define FT_CERT_E_UNTRUSTEDROOT 0x800B0109u
#define FT_CERT_E_CHAINING 0x800B010Au
#define FT_CERT_E_EXPIRED 0x800B0101u
#define FT_CERT_E_REVOKED 0x800B010Cu
#define FT_CERT_E_WRONG_USAGE 0x800B0110u
#define FT_CRYPT_E_SECURITY_SETTINGS 0x80092026u

/* CERT_TRUST_STATUS.dwErrorStatus bits (wincrypt.h). */
#define FT_CHAIN_NOT_TIME_VALID 0x00000001u
#define FT_CHAIN_REVOKED 0x00000004u
#define FT_CHAIN_NOT_SIGNATURE_VALID 0x00000008u
#define FT_CHAIN_NOT_VALID_FOR_USAGE 0x00000010u
#define FT_CHAIN_UNTRUSTED_ROOT 0x00000020u
#define FT_CHAIN_PARTIAL 0x00010000u
#define FT_CHAIN_EXPLICIT_DISTRUST 0x04000000u

struct file_trust_facts {
	uint32_t result;        /* WinVerifyTrust's return, as an unsigned HRESULT */
	int have_chain;         /* the provider gave the signer's chain */
	uint32_t chain_status;  /* its TrustStatus.dwErrorStatus */
	int through_pinned;     /* the chain holds the pinned root, or its top was issued by it */
	int root_distrusted;    /* a Disallowed store holds the pinned root (check's distrust:) */
	int root_restricted;    /* a root store holds it with code signing left out */
	int have_timestamp;     /* the provider reported a countersigner */
};

enum file_verdict {
	FV_VERIFIED,            /* the provider passed and the chain has no error */
	FV_NOT_SIGNED,          /* no Authenticode signature */
	FV_MODIFIED,            /* the file's hash does not match its signature */
	FV_ROOT_MISSING,        /* an ACS chain, and this machine does not trust the pinned root */
	FV_ROOT_DISTRUSTED,     /* the root (or a certificate of the chain) is explicitly distrusted */
	FV_ROOT_RESTRICTED,     /* the chain is not valid for code signing (an EKU restriction) */
	FV_OTHER_ROOT_UNTRUSTED,/* another root, which this machine does not trust */
	FV_NOT_TIME_VALID,      /* the chain is outside its validity, and no timestamp carries it */
	FV_FAILED,              /* the provider failed for another reason (the code says which) */
	FV_UNDETERMINED         /* the provider passed but gave no chain: never called verified */
};

/* The verdict for f; *why gets a sentence for the operator (static text). */
enum file_verdict file_trust_verdict(const struct file_trust_facts *f, const char **why);
/* "verified", "not-signed", "modified", "root-missing", "root-distrusted",
 * "root-restricted", "other-root-untrusted", "not-time-valid", "failed",
 * "undetermined". */
const char *file_verdict_name(enum file_verdict v);
/* The name of a WinVerifyTrust code ("TRUST_E_BAD_DIGEST"), or NULL. */
const char *file_trust_code_name(uint32_t result);

#endif
