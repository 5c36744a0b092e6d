/* Win32 side of plat.h: check-file's question to this machine's trust
 * provider. WinVerifyTrust alone is not enough: Wine 8 returns 0 for a
 * SHA-256 Authenticode file whose root is untrusted, so the signer's chain
 * and its status are read from the provider's state as well (the portable
 * rules are in common/filetrust.c). */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <softpub.h>
#include <wincrypt.h>
#include <wintrust.h>

static int64_t ft_unix(const FILETIME *ft)
{
	ULARGE_INTEGER u;
	u.LowPart = ft->dwLowDateTime;
	u.HighPart = ft->dwHighDateTime;
	if (u.QuadPart == 0)
		return 0;
	return (int64_t)(u.QuadPart / 10000000ull) - 11644473600ll;
}

static void cn_of(PCCERT_CONTEXT c, char out[160])
{
	wchar_t w[160];
	out[0] = '\0';
	if (c && CertGetNameStringW(c, CERT_NAME_ATTR_TYPE, 0, (void *)szOID_COMMON_NAME, w, 160) > 1)
		(void)w32_report_text(w, out, 160);
}

/* Whether issuer signed c: names match and the signature verifies with the
 * issuer's key (CryptoAPI does the check). */
static int issued_by(PCCERT_CONTEXT c, PCCERT_CONTEXT issuer)
{
	return CertCompareCertificateName(X509_ASN_ENCODING, &c->pCertInfo->Issuer, &issuer->pCertInfo->Subject) &&
	       CryptVerifyCertificateSignatureEx(0, X509_ASN_ENCODING, CRYPT_VERIFY_CERT_SIGN_SUBJECT_CERT, (void *)c,
	                                         CRYPT_VERIFY_CERT_SIGN_ISSUER_CERT, (void *)issuer, 0, NULL);
}

static void read_chain(CRYPT_PROVIDER_SGNR *sg, PCCERT_CONTEXT root, struct plat_file_trust *out)
{
	PCCERT_CONTEXT top = NULL;
	DWORD i;
	if (sg->pChainContext && sg->pChainContext->cChain > 0) {
		PCERT_SIMPLE_CHAIN ch = sg->pChainContext->rgpChain[0];
		out->have_chain = 1;
		out->chain_status = sg->pChainContext->TrustStatus.dwErrorStatus;
		for (i = 0; i < ch->cElement; i++) {
			PCCERT_CONTEXT c = ch->rgpElement[i]->pCertContext;
			if (i < 8)
				cn_of(c, out->subjects[out->nchain++]);
			top = c;
		}
	} else {
		/* No chain context: the names only; the status stays unknown. */
		for (i = 0; i < sg->csCertChain; i++) {
			PCCERT_CONTEXT c = sg->pasCertChain[i].pCert;
			if (i < 8)
				cn_of(c, out->subjects[out->nchain++]);
			top = c;
		}
	}
	if (top && root) {
		out->top_is_pinned = top->cbCertEncoded == root->cbCertEncoded &&
		                     !memcmp(top->pbCertEncoded, root->pbCertEncoded, root->cbCertEncoded);
		out->through_pinned = out->top_is_pinned || issued_by(top, root);
	}
}

int plat_file_trust(const char *path, const uint8_t *root_der, size_t root_len, struct plat_file_trust *out)
{
	GUID action = WINTRUST_ACTION_GENERIC_VERIFY_V2;
	WINTRUST_FILE_INFO fi;
	WINTRUST_DATA wd;
	CRYPT_PROVIDER_DATA *pd;
	CRYPT_PROVIDER_SGNR *sg;
	PCCERT_CONTEXT root;
	HANDLE h;
	wchar_t *wpath;

	memset(out, 0, sizeof *out);
	if (!(wpath = w32_widen(path))) {
		out->error = EINVAL;
		return 0;
	}
	/* The provider checks the file as opened here, so what is reported is
	 * what was read (and a missing file is told apart from an unsigned one). */
	h = CreateFileW(wpath, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		out->error = w32_map_error(GetLastError());
		free(wpath);
		return 0;
	}
	out->opened = 1;
	root = CertCreateCertificateContext(X509_ASN_ENCODING, root_der, (DWORD)root_len);
	memset(&fi, 0, sizeof fi);
	fi.cbStruct = sizeof fi;
	fi.pcwszFilePath = wpath;
	fi.hFile = h;
	memset(&wd, 0, sizeof wd);
	wd.cbStruct = sizeof wd;
	wd.dwUIChoice = WTD_UI_NONE;
	wd.fdwRevocationChecks = WTD_REVOKE_NONE;
	wd.dwUnionChoice = WTD_CHOICE_FILE;
	wd.pFile = &fi;
	wd.dwStateAction = WTD_STATEACTION_VERIFY;
	wd.dwProvFlags = WTD_REVOCATION_CHECK_NONE | WTD_CACHE_ONLY_URL_RETRIEVAL;
	out->result = (uint32_t)WinVerifyTrust((HWND)INVALID_HANDLE_VALUE, &action, &wd);
	if (wd.hWVTStateData && (pd = WTHelperProvDataFromStateData(wd.hWVTStateData)) != NULL) {
		if ((sg = WTHelperGetProvSignerFromChain(pd, 0, FALSE, 0)) != NULL) {
			if (sg->csCertChain > 0)
				cn_of(sg->pasCertChain[0].pCert, out->signer);
			out->checked_at = ft_unix(&sg->sftVerifyAsOf);
			read_chain(sg, root, out);
			if (sg->csCounterSigners > 0) {
				CRYPT_PROVIDER_SGNR *cs = WTHelperGetProvSignerFromChain(pd, 0, TRUE, 0);
				out->have_timestamp = 1;
				if (cs) {
					if (cs->csCertChain > 0)
						cn_of(cs->pasCertChain[0].pCert, out->tsa);
					out->timestamp = ft_unix(&cs->sftVerifyAsOf);
				}
			}
		}
	}
	/* Frees the provider's state; the result above stands. */
	wd.dwStateAction = WTD_STATEACTION_CLOSE;
	(void)WinVerifyTrust((HWND)INVALID_HANDLE_VALUE, &action, &wd);
	if (root)
		CertFreeCertificateContext(root);
	CloseHandle(h);
	free(wpath);
	return 0;
}
