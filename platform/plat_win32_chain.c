/* Win32 side of plat.h: the proof that this machine's user-mode chain engine
 * takes the kit's reference chain to the pinned root. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

static int64_t filetime_to_unix(const FILETIME *ft)
{
	ULARGE_INTEGER u;
	u.LowPart = ft->dwLowDateTime;
	u.HighPart = ft->dwHighDateTime;
	return (int64_t)(u.QuadPart / 10000000ull) - 11644473600ll;
}

static void subject_cn(PCCERT_CONTEXT c, char out[160])
{
	wchar_t w[160];
	out[0] = '\0';
	if (CertGetNameStringW(c, CERT_NAME_ATTR_TYPE, 0, (void *)szOID_COMMON_NAME, w, 160) > 1)
		(void)w32_report_text(w, out, 160);
}

int plat_chain_proof(const uint8_t *const *der, const size_t *len, size_t n, struct plat_proof *out)
{
	static LPSTR code_signing[] = {(LPSTR)szOID_PKIX_KP_CODE_SIGNING};
	HCERTSTORE extra;
	HCERTCHAINENGINE engine = NULL;
	CERT_CHAIN_ENGINE_CONFIG ec;
	PCCERT_CONTEXT ctx[8], leaf = NULL;
	PCCERT_CHAIN_CONTEXT chain = NULL;
	CERT_CHAIN_PARA cp;
	CERT_CHAIN_POLICY_PARA pp;
	CERT_CHAIN_POLICY_STATUS ps;
	ULARGE_INTEGER lo, hi, mid;
	FILETIME at;
	size_t i, j, nleaf = 0;

	memset(out, 0, sizeof *out);
	if (n == 0 || n > 8) {
		(void)snprintf(out->reason, sizeof out->reason,
		               n ? "the kit's reference chain has more than 8 certificates"
		                 : "the kit carries no reference chain (payload/acs-chain/)");
		return 0;
	}
	extra = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, CERT_STORE_CREATE_NEW_FLAG, NULL);
	if (!extra)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		if (!CertAddEncodedCertificateToStore(extra, X509_ASN_ENCODING, der[i], (DWORD)len[i],
		                                      CERT_STORE_ADD_ALWAYS, &ctx[i])) {
			while (i--)
				CertFreeCertificateContext(ctx[i]);
			CertCloseStore(extra, 0);
			(void)snprintf(out->reason, sizeof out->reason, "a reference certificate does not parse");
			return 0;
		}
	}
	/* The leaf is the one certificate that issued none of the others. */
	for (i = 0; i < n; i++) {
		int issuer = 0;
		for (j = 0; j < n && !issuer; j++)
			if (j != i && CertCompareCertificateName(X509_ASN_ENCODING, &ctx[j]->pCertInfo->Issuer,
			                                          &ctx[i]->pCertInfo->Subject))
				issuer = 1;
		if (!issuer) {
			leaf = ctx[i];
			nleaf++;
		}
	}
	if (nleaf != 1) {
		(void)snprintf(out->reason, sizeof out->reason,
		               "the kit's reference chain has %u end certificates, not one", (unsigned)nleaf);
		goto done;
	}
	/* Halfway through the leaf's validity: ACS leaves live 72 hours. */
	lo.LowPart = leaf->pCertInfo->NotBefore.dwLowDateTime;
	lo.HighPart = leaf->pCertInfo->NotBefore.dwHighDateTime;
	hi.LowPart = leaf->pCertInfo->NotAfter.dwLowDateTime;
	hi.HighPart = leaf->pCertInfo->NotAfter.dwHighDateTime;
	mid.QuadPart = lo.QuadPart + (hi.QuadPart - lo.QuadPart) / 2;
	at.dwLowDateTime = mid.LowPart;
	at.dwHighDateTime = mid.HighPart;
	out->at = filetime_to_unix(&at);
	memset(&cp, 0, sizeof cp);
	cp.cbSize = sizeof cp;
	/* Valid for code signing, as an ACS signature needs. */
	cp.RequestedUsage.dwType = USAGE_MATCH_TYPE_AND;
	cp.RequestedUsage.Usage.cUsageIdentifier = 1;
	cp.RequestedUsage.Usage.rgpszUsageIdentifier = code_signing;
	/* The LocalMachine engine (what a service sees); no URL retrieval and no
	 * automatic root update, so the proof neither waits on a network nor
	 * changes the machine. */
	/* A chain engine of our own for each proof, so that the proof after apply
	 * sees the store as it is now (the shared engines cache it). The config
	 * ends where Vista's does, so Server 2008 accepts its size. */
	memset(&ec, 0, sizeof ec);
	ec.cbSize = (DWORD)offsetof(CERT_CHAIN_ENGINE_CONFIG, CycleDetectionModulus) + sizeof(DWORD);
	ec.dwFlags = CERT_CHAIN_USE_LOCAL_MACHINE_STORE | CERT_CHAIN_CACHE_ONLY_URL_RETRIEVAL |
	             CERT_CHAIN_DISABLE_AUTH_ROOT_AUTO_UPDATE;
	if (!CertCreateCertificateChainEngine(&ec, &engine)) {
		(void)snprintf(out->reason, sizeof out->reason, "CertCreateCertificateChainEngine failed (error 0x%08lX)",
		               (unsigned long)GetLastError());
		goto done;
	}
	if (!CertGetCertificateChain(engine, leaf, &at, extra, &cp,
	                             CERT_CHAIN_CACHE_ONLY_URL_RETRIEVAL | CERT_CHAIN_DISABLE_AUTH_ROOT_AUTO_UPDATE, NULL,
	                             &chain)) {
		(void)snprintf(out->reason, sizeof out->reason, "CertGetCertificateChain failed (error 0x%08lX)",
		               (unsigned long)GetLastError());
		goto done;
	}
	out->ran = 1;
	out->chain_status = chain->TrustStatus.dwErrorStatus;
	if (chain->cChain > 0) {
		const CERT_SIMPLE_CHAIN *sc = chain->rgpChain[0];
		for (i = 0; i < sc->cElement && i < 8; i++)
			subject_cn(sc->rgpElement[i]->pCertContext, out->subjects[i]);
		out->nchain = i;
		if (sc->cElement > 0) {
			PCCERT_CONTEXT top = sc->rgpElement[sc->cElement - 1]->pCertContext;
			out->top_der = malloc(top->cbCertEncoded);
			if (out->top_der) {
				memcpy(out->top_der, top->pbCertEncoded, top->cbCertEncoded);
				out->top_len = top->cbCertEncoded;
			}
		}
	}
	memset(&pp, 0, sizeof pp);
	pp.cbSize = sizeof pp;
	memset(&ps, 0, sizeof ps);
	ps.cbSize = sizeof ps;
	if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_AUTHENTICODE, chain, &pp, &ps)) {
		out->ran = 0;
		(void)snprintf(out->reason, sizeof out->reason, "CertVerifyCertificateChainPolicy failed (error 0x%08lX)",
		               (unsigned long)GetLastError());
		goto done;
	}
	out->policy_error = ps.dwError;
	out->policy_ok = ps.dwError == 0;
	if (ps.dwError == (DWORD)CERT_E_UNTRUSTEDROOT)
		(void)snprintf(out->reason, sizeof out->reason, "the chain ends in a root this machine does not trust "
		                                                "(CERT_E_UNTRUSTEDROOT, 0x800B0109)");
	else if (ps.dwError)
		(void)snprintf(out->reason, sizeof out->reason, "the Authenticode chain policy failed (error 0x%08lX)",
		               (unsigned long)ps.dwError);
done:
	if (chain)
		CertFreeCertificateChain(chain);
	if (engine)
		CertFreeCertificateChainEngine(engine);
	for (i = 0; i < n; i++)
		CertFreeCertificateContext(ctx[i]);
	CertCloseStore(extra, 0);
	return 0;
}

void plat_proof_free(struct plat_proof *p)
{
	free(p->top_der);
	p->top_der = NULL;
}
