/* check-file's verdict rules (docs/runbook.md, "check-file"). The order
 * matters: what the file is (unsigned, modified) before what its chain is,
 * and a distrust before an untrusted root, since apply cannot fix it. */
#include "filetrust.h"

/* Marks a reason the runner's text report translates (runner/messages.h,
 * the M_FT_ entries, looked up by this English): the value is the English. */
#define TXT(s) (s)

#include <stddef.h>

static const struct {
	uint32_t code;
	const char *name;
} codes[] = {
	{FT_TRUST_E_NOSIGNATURE, "TRUST_E_NOSIGNATURE"},
	{FT_TRUST_E_SUBJECT_FORM_UNKNOWN, "TRUST_E_SUBJECT_FORM_UNKNOWN"},
	{FT_TRUST_E_PROVIDER_UNKNOWN, "TRUST_E_PROVIDER_UNKNOWN"},
	{FT_TRUST_E_BAD_DIGEST, "TRUST_E_BAD_DIGEST"},
	{FT_TRUST_E_EXPLICIT_DISTRUST, "TRUST_E_EXPLICIT_DISTRUST"},
	{FT_TRUST_E_TIME_STAMP, "TRUST_E_TIME_STAMP"},
	{FT_CERT_E_UNTRUSTEDROOT, "CERT_E_UNTRUSTEDROOT"},
	{FT_CERT_E_CHAINING, "CERT_E_CHAINING"},
	{FT_CERT_E_EXPIRED, "CERT_E_EXPIRED"},
	{FT_CERT_E_REVOKED, "CERT_E_REVOKED"},
	{FT_CERT_E_WRONG_USAGE, "CERT_E_WRONG_USAGE"},
	{FT_CRYPT_E_SECURITY_SETTINGS, "CRYPT_E_SECURITY_SETTINGS"},
};

const char *file_trust_code_name(uint32_t result)
{
	size_t i;
	if (result == 0)
		return "ERROR_SUCCESS";
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i].code == result)
			return codes[i].name;
	return NULL;
}

const char *file_verdict_name(enum file_verdict v)
{
	static const char *const n[] = {"verified",        "not-signed",          "modified",       "root-missing",
	                                "root-distrusted", "root-restricted",     "other-root-untrusted",
	                                "not-time-valid",  "failed",              "undetermined"};
	return n[v];
}

enum file_verdict file_trust_verdict(const struct file_trust_facts *f, const char **why)
{
	uint32_t r = f->result, st = f->have_chain ? f->chain_status : 0;
	if (r == FT_TRUST_E_NOSIGNATURE || r == FT_TRUST_E_SUBJECT_FORM_UNKNOWN || r == FT_TRUST_E_PROVIDER_UNKNOWN) {
		*why = TXT("the file carries no Authenticode signature this machine's trust provider can read");
		return FV_NOT_SIGNED;
	}
	if (r == FT_TRUST_E_BAD_DIGEST) {
		*why = TXT("the file's hash does not match its signature: the file was changed after it was signed");
		return FV_MODIFIED;
	}
	if (r == FT_TRUST_E_EXPLICIT_DISTRUST || r == FT_CERT_E_REVOKED ||
	    (st & (FT_CHAIN_EXPLICIT_DISTRUST | FT_CHAIN_REVOKED)) || (f->through_pinned && f->root_distrusted)) {
		*why = f->through_pinned && f->root_distrusted
		           ? TXT("the pinned ACS root is in a Disallowed store on this machine: explicitly distrusted (see "
		             "check's distrust: line)")
		           : TXT("a certificate of the chain is explicitly distrusted on this machine");
		return FV_ROOT_DISTRUSTED;
	}
	if (r == FT_CERT_E_UNTRUSTEDROOT || r == FT_CERT_E_CHAINING || (st & (FT_CHAIN_UNTRUSTED_ROOT | FT_CHAIN_PARTIAL))) {
		if (f->through_pinned) {
			*why = f->root_restricted ? TXT("an ACS signature, and this machine holds the pinned root only with code "
			                            "signing left out")
			                          : TXT("an ACS signature, and this machine does not trust the pinned root: run "
			                            "'acskit-run apply'");
			return f->root_restricted ? FV_ROOT_RESTRICTED : FV_ROOT_MISSING;
		}
		*why = TXT("the chain ends at another root, which this machine does not trust (not an ACS signature)");
		return FV_OTHER_ROOT_UNTRUSTED;
	}
	if (r == FT_CERT_E_WRONG_USAGE || (st & FT_CHAIN_NOT_VALID_FOR_USAGE)) {
		*why = TXT("the chain is not valid for code signing on this machine (an EKU restriction on a certificate of it)");
		return FV_ROOT_RESTRICTED;
	}
	if (r == FT_CERT_E_EXPIRED || r == FT_TRUST_E_TIME_STAMP || (st & FT_CHAIN_NOT_TIME_VALID)) {
		*why = f->have_timestamp ? TXT("the chain is outside its validity and the timestamp did not carry it (a broken "
		                           "or untrusted timestamp)")
		                         : TXT("the chain is outside its validity at the time the provider checked, and the "
		                           "provider found no timestamp to carry it");
		return FV_NOT_TIME_VALID;
	}
	if (r != 0 || (st & FT_CHAIN_NOT_SIGNATURE_VALID) || st) {
		*why = TXT("the trust provider refused the file (see its code)");
		return FV_FAILED;
	}
	if (!f->have_chain) {
		*why = TXT("the trust provider passed, but gave no signer chain to confirm it with; not called verified");
		return FV_UNDETERMINED;
	}
	*why = f->through_pinned ? TXT("verified by this machine's trust provider, through the pinned ACS root")
	                         : TXT("verified by this machine's trust provider, through another trusted root");
	return FV_VERIFIED;
}
