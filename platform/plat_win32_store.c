/* Win32 side of plat.h: the LocalMachine root stores: reading each physical
 * store on its own, adding the pinned root to Root, removing it again. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

static const struct {
	const char *name, *key;
	const wchar_t *subkey; /* under HKLM */
} stores[PLAT_NSTORES] = {
	{"Root", "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\Root", L"SOFTWARE\\Microsoft\\SystemCertificates\\Root"},
	{"AuthRoot", "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot",
	 L"SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot"},
	{"Group Policy Root", "HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root",
	 L"SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root"},
	{"Enterprise Root", "HKLM\\SOFTWARE\\Microsoft\\EnterpriseCertificates\\Root",
	 L"SOFTWARE\\Microsoft\\EnterpriseCertificates\\Root"},
};

static const struct {
	const char *name, *key;
	const wchar_t *subkey; /* under HKLM */
} dstores[PLAT_NDIS] = {
	{"Disallowed", "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\Disallowed",
	 L"SOFTWARE\\Microsoft\\SystemCertificates\\Disallowed"},
	{"Group Policy Disallowed", "HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Disallowed",
	 L"SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Disallowed"},
	{"Enterprise Disallowed", "HKLM\\SOFTWARE\\Microsoft\\EnterpriseCertificates\\Disallowed",
	 L"SOFTWARE\\Microsoft\\EnterpriseCertificates\\Disallowed"},
};

const char *plat_dstore_name(enum plat_dstore s)
{
	return dstores[s].name;
}

const char *plat_dstore_key(enum plat_dstore s)
{
	return dstores[s].key;
}

const char *plat_store_name(enum plat_store s)
{
	return stores[s].name;
}

const char *plat_store_key(enum plat_store s)
{
	return stores[s].key;
}

/* Reading: one physical store on its own, through the registry-key provider
 * over its key (64-bit view), so that each is seen apart (the "Root" system
 * store merges them) and the same way everywhere (Wine 8 has no system-store
 * provider for the Enterprise location). A key that does not exist is an
 * empty store: *err is -1. */
static HCERTSTORE open_key_read(const wchar_t *subkey, HKEY *key, int *err)
{
	HCERTSTORE h;
	int e = w32_open_hklm64(subkey, key);
	*err = e;
	if (e)
		return NULL;
	h = CertOpenStore(CERT_STORE_PROV_REG, 0, 0, CERT_STORE_READONLY_FLAG, *key);
	if (!h) {
		*err = w32_map_error(GetLastError());
		RegCloseKey(*key);
	}
	return h;
}

static HCERTSTORE open_store_read(enum plat_store s, HKEY *key, int *err)
{
	return open_key_read(stores[s].subkey, key, err);
}

/* Closes a store from open_store_read, then its key. */
static void close_store_read(HCERTSTORE h, HKEY key)
{
	CertCloseStore(h, 0);
	RegCloseKey(key);
}

/* Writing: only LocalMachine Root, through the system-registry provider, as
 * certutil -addstore does. */
static HCERTSTORE open_root_write(int *err)
{
	HCERTSTORE h = CertOpenStore(CERT_STORE_PROV_SYSTEM_REGISTRY_W, 0, 0, CERT_SYSTEM_STORE_LOCAL_MACHINE, L"Root");
	*err = h ? 0 : w32_map_error(GetLastError());
	return h;
}

static PCCERT_CONTEXT find_sha1(HCERTSTORE h, const uint8_t sha1[20])
{
	CRYPT_HASH_BLOB b;
	b.cbData = 20;
	b.pbData = (BYTE *)sha1;
	return CertFindCertificateInStore(h, X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, 0, CERT_FIND_SHA1_HASH, &b, NULL);
}

/* The friendly name and the EKU property of a stored certificate. *eku_state:
 * PLAT_EKU_NONE (no property: every purpose its chain allows), PLAT_EKU_LIST
 * (eku holds "oid,oid", "" for an empty list, which disables it), or
 * PLAT_EKU_UNREADABLE. */
static void read_props(PCCERT_CONTEXT c, char fname[128], char eku[PLAT_EKU_TEXT], int *eku_state)
{
	wchar_t w[128];
	DWORD n = sizeof w - sizeof w[0];
	BYTE buf[1024];
	fname[0] = eku[0] = '\0';
	if (CertGetCertificateContextProperty(c, CERT_FRIENDLY_NAME_PROP_ID, w, &n)) {
		w[n / sizeof w[0]] = 0;
		(void)w32_report_text(w, fname, 128);
	}
	n = sizeof buf;
	*eku_state = PLAT_EKU_NONE;
	if (!CertGetCertificateContextProperty(c, CERT_ENHKEY_USAGE_PROP_ID, buf, &n)) {
		if (GetLastError() != (DWORD)CRYPT_E_NOT_FOUND)
			*eku_state = PLAT_EKU_UNREADABLE;
		return;
	}
	{
		CERT_ENHKEY_USAGE *u = NULL;
		DWORD dn = 0, i;
		size_t used = 0;
		*eku_state = PLAT_EKU_UNREADABLE;
		if (!CryptDecodeObjectEx(X509_ASN_ENCODING, X509_ENHANCED_KEY_USAGE, buf, n, CRYPT_DECODE_ALLOC_FLAG, NULL,
		                         &u, &dn))
			return;
		for (i = 0; i < u->cUsageIdentifier; i++) {
			int w2 = snprintf(eku + used, PLAT_EKU_TEXT - used, "%s%s", i ? "," : "", u->rgpszUsageIdentifier[i]);
			if (w2 < 0 || (size_t)w2 >= PLAT_EKU_TEXT - used) {
				LocalFree(u);
				eku[0] = '\0';
				return;
			}
			used += (size_t)w2;
		}
		LocalFree(u);
		*eku_state = PLAT_EKU_LIST;
	}
}

int plat_root_state(const uint8_t sha1[20], struct plat_root_state *out)
{
	HKEY key;
	DWORD v;
	int s;
	memset(out, 0, sizeof *out);
	for (s = 0; s < PLAT_NSTORES; s++) {
		int e;
		HKEY sk;
		HCERTSTORE h = open_store_read((enum plat_store)s, &sk, &e);
		PCCERT_CONTEXT c;
		if (!h) {
			out->error[s] = e < 0 ? 0 : e;
			continue;
		}
		c = find_sha1(h, sha1);
		if (c) {
			out->der[s] = malloc(c->cbCertEncoded);
			if (!out->der[s]) {
				CertFreeCertificateContext(c);
				close_store_read(h, sk);
				plat_root_state_free(out);
				return ENOMEM;
			}
			memcpy(out->der[s], c->pbCertEncoded, c->cbCertEncoded);
			out->len[s] = c->cbCertEncoded;
			read_props(c, out->friendly_name[s], out->eku[s], &out->eku_state[s]);
			CertFreeCertificateContext(c);
		}
		close_store_read(h, sk);
	}
	/* Disallowed: by thumbprint here, by bytes in the caller. */
	for (s = 0; s < PLAT_NDIS; s++) {
		int e;
		HKEY sk;
		HCERTSTORE h = open_key_read(dstores[s].subkey, &sk, &e);
		PCCERT_CONTEXT c;
		int found = 0;
		if (!h) {
			out->dis_error[s] = e < 0 ? 0 : e;
			continue;
		}
		if ((c = find_sha1(h, sha1)) != NULL) {
			found = 1;
			out->dis_der[s] = malloc(c->cbCertEncoded);
			if (out->dis_der[s]) {
				memcpy(out->dis_der[s], c->pbCertEncoded, c->cbCertEncoded);
				out->dis_len[s] = c->cbCertEncoded;
			}
			CertFreeCertificateContext(c);
		}
		close_store_read(h, sk);
		if (found && !out->dis_der[s]) {
			plat_root_state_free(out);
			return ENOMEM;
		}
	}
	if (w32_open_hklm64(L"SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot", &key) == 0) {
		out->auto_update_disabled = w32_reg_dword(key, L"DisableRootAutoUpdate", &v) && v == 1;
		RegCloseKey(key);
	}
	if (w32_open_hklm64(L"SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\AutoUpdate", &key) == 0) {
		(void)w32_reg_text(key, L"RootDirURL", out->root_dir_url, sizeof out->root_dir_url);
		RegCloseKey(key);
	}
	return 0;
}

void plat_root_state_free(struct plat_root_state *s)
{
	int i;
	for (i = 0; i < PLAT_NSTORES; i++) {
		free(s->der[i]);
		s->der[i] = NULL;
	}
	for (i = 0; i < PLAT_NDIS; i++) {
		free(s->dis_der[i]);
		s->dis_der[i] = NULL;
	}
}

/* Wine writes a store to the registry only on this call (or the last
 * release); on Windows it is a harmless no-op. */
static int commit(HCERTSTORE h)
{
	return CertControlStore(h, CERT_STORE_CTRL_COMMIT_FORCE_FLAG, CERT_STORE_CTRL_COMMIT, NULL) ? 0
	       : w32_map_error(GetLastError());
}

static int sha1_of(const uint8_t *der, size_t len, uint8_t sha1[20])
{
	DWORD n = 20;
	return CryptHashCertificate(0, CALG_SHA1, 0, der, (DWORD)len, sha1, &n) && n == 20 ? 0 : EIO;
}

int plat_root_add(const uint8_t *der, size_t len, const char *friendly_name, const char *const *eku_oids,
                  size_t neku)
{
	HCERTSTORE mem, h;
	HKEY rk;
	PCCERT_CONTEXT c = NULL, staged = NULL;
	CRYPT_DATA_BLOB fb, eb;
	CERT_ENHKEY_USAGE u;
	BYTE enc[512];
	DWORD enclen = sizeof enc;
	uint8_t sha1[20];
	wchar_t *wname;
	char got_name[128], got_eku[PLAT_EKU_TEXT], want_eku[PLAT_EKU_TEXT] = "";
	size_t i, used = 0;
	int e, eku_state;

	if (neku == 0 || neku > 8 || sha1_of(der, len, sha1))
		return EINVAL;
	for (i = 0; i < neku; i++) {
		int w = snprintf(want_eku + used, sizeof want_eku - used, "%s%s", i ? "," : "", eku_oids[i]);
		if (w < 0 || (size_t)w >= sizeof want_eku - used)
			return EINVAL;
		used += (size_t)w;
	}
	u.cUsageIdentifier = (DWORD)neku;
	u.rgpszUsageIdentifier = (LPSTR *)(uintptr_t)eku_oids;
	if (!CryptEncodeObject(X509_ASN_ENCODING, X509_ENHANCED_KEY_USAGE, &u, enc, &enclen))
		return EIO;
	if (!(wname = w32_widen(friendly_name)))
		return ENOMEM;
	/* The certificate gets its friendly name and EKU restriction in a memory
	 * store first, and goes into Root with them in one add: it is never in
	 * Root without its restriction. */
	mem = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, CERT_STORE_CREATE_NEW_FLAG, NULL);
	fb.cbData = (DWORD)((wcslen(wname) + 1) * sizeof(wchar_t));
	fb.pbData = (BYTE *)wname;
	eb.cbData = enclen;
	eb.pbData = enc;
	if (!mem || !CertAddEncodedCertificateToStore(mem, X509_ASN_ENCODING, der, (DWORD)len, CERT_STORE_ADD_NEW, &staged) ||
	    !CertSetCertificateContextProperty(staged, CERT_FRIENDLY_NAME_PROP_ID, 0, &fb) ||
	    !CertSetCertificateContextProperty(staged, CERT_ENHKEY_USAGE_PROP_ID, 0, &eb)) {
		e = w32_map_error(GetLastError());
		if (staged)
			CertFreeCertificateContext(staged);
		if (mem)
			CertCloseStore(mem, 0);
		free(wname);
		return e ? e : EIO;
	}
	free(wname);
	h = open_root_write(&e);
	if (!h) {
		CertFreeCertificateContext(staged);
		CertCloseStore(mem, 0);
		return e;
	}
	if (!CertAddCertificateContextToStore(h, staged, CERT_STORE_ADD_NEW, &c)) {
		DWORD le = GetLastError();
		CertFreeCertificateContext(staged);
		CertCloseStore(mem, 0);
		CertCloseStore(h, 0);
		return le == (DWORD)CRYPT_E_EXISTS ? EEXIST : w32_map_error(le);
	}
	CertFreeCertificateContext(staged);
	CertCloseStore(mem, 0);
	CertFreeCertificateContext(c);
	e = commit(h);
	CertCloseStore(h, 0);
	/* Re-open and confirm what is there now; anything else is taken out
	 * again, so that a failed add leaves the store as it was. */
	if (e == 0) {
		h = open_store_read(PLAT_STORE_ROOT, &rk, &e);
		if (h) {
			c = find_sha1(h, sha1);
			if (!c) {
				e = ENOENT;
			} else {
				read_props(c, got_name, got_eku, &eku_state);
				if (c->cbCertEncoded != len || memcmp(c->pbCertEncoded, der, len) != 0 ||
				    strcmp(got_name, friendly_name) != 0 || eku_state != PLAT_EKU_LIST || strcmp(got_eku, want_eku) != 0)
					e = EIO;
				CertFreeCertificateContext(c);
			}
			close_store_read(h, rk);
		} else if (e < 0) {
			e = ENOENT;
		}
	}
	if (e && plat_root_delete(der, len) != 0 && plat_root_delete(der, len) != ENOENT)
		return PLAT_E_ROLLBACK;
	return e;
}

int plat_root_delete(const uint8_t *der, size_t len)
{
	HCERTSTORE h;
	HKEY rk;
	PCCERT_CONTEXT c;
	uint8_t sha1[20];
	int e;
	if (sha1_of(der, len, sha1))
		return EIO;
	h = open_root_write(&e);
	if (!h)
		return e;
	c = find_sha1(h, sha1);
	if (!c || c->cbCertEncoded != len || memcmp(c->pbCertEncoded, der, len) != 0) {
		if (c)
			CertFreeCertificateContext(c);
		CertCloseStore(h, 0);
		return ENOENT;
	}
	if (!CertDeleteCertificateFromStore(c)) { /* frees c either way */
		e = w32_map_error(GetLastError());
		CertCloseStore(h, 0);
		return e;
	}
	e = commit(h);
	CertCloseStore(h, 0);
	if (e)
		return e;
	h = open_store_read(PLAT_STORE_ROOT, &rk, &e);
	if (!h)
		return e < 0 ? 0 : e;
	c = find_sha1(h, sha1);
	if (c) {
		CertFreeCertificateContext(c);
		e = EIO;
	}
	close_store_read(h, rk);
	return e;
}
