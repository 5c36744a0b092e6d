/* filetrust.c: check-file's verdict from WinVerifyTrust's code and the signer's
 * chain, including what Wine 8 reports (0 with an untrusted or time-invalid
 * chain), which must never read as verified. */
#include <string.h>

#include "filetrust.h"
#include "t.h"

int main(void)
{
	static const struct {
		const char *what;
		struct file_trust_facts f;
		enum file_verdict want;
	} cases[] = {
		{"Windows: an ACS file, root trusted, timestamped", {0, 1, 0, 1, 0, 0, 1}, FV_VERIFIED},
		{"another root, trusted", {0, 1, 0, 0, 0, 0, 0}, FV_VERIFIED},
		{"unsigned (TRUST_E_NOSIGNATURE)", {FT_TRUST_E_NOSIGNATURE, 0, 0, 0, 0, 0, 0}, FV_NOT_SIGNED},
		{"a format the provider does not know", {FT_TRUST_E_SUBJECT_FORM_UNKNOWN, 0, 0, 0, 0, 0, 0}, FV_NOT_SIGNED},
		{"one byte changed (TRUST_E_BAD_DIGEST)", {FT_TRUST_E_BAD_DIGEST, 1, 0x21, 1, 0, 0, 0}, FV_MODIFIED},
		{"Wine: ACS file, root missing, provider says 0, chain 0x21", {0, 1, 0x21, 1, 0, 0, 0}, FV_ROOT_MISSING},
		{"Windows: ACS file, root missing (CERT_E_UNTRUSTEDROOT, partial chain)",
		 {FT_CERT_E_UNTRUSTEDROOT, 1, 0x10020, 1, 0, 0, 1}, FV_ROOT_MISSING},
		{"Windows: ACS file, CERT_E_CHAINING without a chain", {FT_CERT_E_CHAINING, 0, 0, 1, 0, 0, 0}, FV_ROOT_MISSING},
		{"ACS file, root in a Disallowed store", {0, 1, 0x21, 1, 1, 0, 0}, FV_ROOT_DISTRUSTED},
		{"TRUST_E_EXPLICIT_DISTRUST", {FT_TRUST_E_EXPLICIT_DISTRUST, 1, 0, 0, 0, 0, 0}, FV_ROOT_DISTRUSTED},
		{"chain status explicit distrust", {0, 1, FT_CHAIN_EXPLICIT_DISTRUST, 0, 0, 0, 0}, FV_ROOT_DISTRUSTED},
		{"ACS file, root held with code signing left out", {FT_CERT_E_UNTRUSTEDROOT, 1, 0x20, 1, 0, 1, 0},
		 FV_ROOT_RESTRICTED},
		{"chain not valid for code signing", {FT_CERT_E_WRONG_USAGE, 1, FT_CHAIN_NOT_VALID_FOR_USAGE, 1, 0, 0, 0},
		 FV_ROOT_RESTRICTED},
		{"test CA, root untrusted (Wine: 0 and 0x20)", {0, 1, 0x20, 0, 0, 0, 0}, FV_OTHER_ROOT_UNTRUSTED},
		{"Wine: ACS file after apply, no timestamp read, chain 0x01", {0, 1, 0x01, 1, 0, 0, 0}, FV_NOT_TIME_VALID},
		{"expired, timestamp broken", {FT_CERT_E_EXPIRED, 1, 0x01, 1, 0, 0, 1}, FV_NOT_TIME_VALID},
		{"TRUST_E_TIME_STAMP", {FT_TRUST_E_TIME_STAMP, 1, 0, 1, 0, 0, 1}, FV_NOT_TIME_VALID},
		{"some other failure code", {0x80004005u, 1, 0, 1, 0, 0, 0}, FV_FAILED},
		{"provider 0 but a signature error in the chain", {0, 1, FT_CHAIN_NOT_SIGNATURE_VALID, 1, 0, 0, 0}, FV_FAILED},
		{"provider 0 and no chain: never verified", {0, 0, 0, 1, 0, 0, 0}, FV_UNDETERMINED},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *why = NULL;
		enum file_verdict v = file_trust_verdict(&cases[i].f, &why);
		CHECK(v == cases[i].want && why && why[0], "%s: %s (want %s)", cases[i].what, file_verdict_name(v),
		      file_verdict_name(cases[i].want));
	}
	/* "verified" only ever with a clean chain and a zero code. */
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *why;
		if (file_trust_verdict(&cases[i].f, &why) == FV_VERIFIED)
			CHECK(cases[i].f.result == 0 && cases[i].f.have_chain && cases[i].f.chain_status == 0,
			      "verified only with code 0 and a clean chain: %s", cases[i].what);
	}
	CHECK(!strcmp(file_trust_code_name(FT_TRUST_E_BAD_DIGEST), "TRUST_E_BAD_DIGEST"), "code names");
	CHECK(file_trust_code_name(0x80004005u) == NULL, "an unknown code has no name");
	CHECK(!strcmp(file_verdict_name(FV_OTHER_ROOT_UNTRUSTED), "other-root-untrusted"), "verdict names");
	return t_done();
}
