/* Win32 side of plat.h: the registry: acskit's policy key, the receipt, and
 * the typed value readers the other Win32 files use. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

/* Opens an HKLM key for reading. KEY_WOW64_64KEY: the x86 build on 64-bit
 * Windows reads the same key as Group Policy and apply write, not its
 * WOW6432Node copy. Returns 0 with *key, -1 if the key does not exist, or an
 * error code. */
int w32_open_hklm64(const wchar_t *path, HKEY *key)
{
	LONG r = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | KEY_WOW64_64KEY, key);
	if (r == ERROR_FILE_NOT_FOUND)
		return -1;
	return r == ERROR_SUCCESS ? 0 : w32_map_error((DWORD)r);
}

/* Reads one value raw: its type, size and bytes, whatever they are, so the
 * portable parser (common/policy.c) judges it. Returns 0 (absent: present 0),
 * or an error code. */
static int read_raw(HKEY key, const wchar_t *name, struct policy_value *v)
{
	DWORD type, size = 0;
	LONG r = RegQueryValueExW(key, name, NULL, &type, NULL, &size);
	memset(v, 0, sizeof *v);
	if (r == ERROR_FILE_NOT_FOUND)
		return 0;
	if (r != ERROR_SUCCESS)
		return w32_map_error((DWORD)r);
	v->present = 1;
	v->type = type;
	/* Larger than any documented value may be: report the size, read none. */
	if (size > POLICY_VALUE_MAX) {
		v->size = size;
		return 0;
	}
	v->data = malloc(size ? size : 1);
	if (!v->data)
		return ENOMEM;
	r = RegQueryValueExW(key, name, NULL, &type, v->data, &size);
	if (r != ERROR_SUCCESS)
		return w32_map_error((DWORD)r);
	v->type = type;
	v->size = size;
	return 0;
}

int plat_policy_read(struct policy_raw *raw)
{
	HKEY key;
	int e;

	memset(raw, 0, sizeof *raw);
	e = w32_open_hklm64(L"SOFTWARE\\Policies\\acskit", &key);
	if (e)
		return e < 0 ? 0 : e;
	if ((e = read_raw(key, L"RequireSignature", &raw->require_signature)) == 0 &&
	    (e = read_raw(key, L"RefuseExpired", &raw->refuse_expired)) == 0)
		e = read_raw(key, L"TrustedKeys", &raw->trusted_keys);
	RegCloseKey(key);
	if (e)
		policy_raw_free(raw);
	return e;
}

int plat_receipt_read(struct plat_receipt *r)
{
	HKEY key;
	DWORD type, size, d;
	unsigned long long q;
	int e;

	memset(r, 0, sizeof *r);
	e = w32_open_hklm64(L"SOFTWARE\\acskit", &key);
	if (e)
		return e < 0 ? 0 : e;
	size = sizeof q;
	if (RegQueryValueExW(key, L"KitSequence", NULL, &type, (LPBYTE)&q, &size) == ERROR_SUCCESS && type == REG_QWORD &&
	    size == sizeof q) {
		r->has_sequence = 1;
		r->sequence = q;
	}
	(void)w32_reg_text(key, L"KitIdentity", r->identity, sizeof r->identity);
	(void)w32_reg_text(key, L"AppliedAt", r->applied_at, sizeof r->applied_at);
	(void)w32_reg_text(key, L"RootThumbprint", r->root_sha1, sizeof r->root_sha1);
	(void)w32_reg_text(key, L"RootStore", r->root_store, sizeof r->root_store);
	(void)w32_reg_text(key, L"RemovedAt", r->removed_at, sizeof r->removed_at);
	(void)w32_reg_text(key, L"Runner", r->runner, sizeof r->runner);
	(void)w32_reg_text(key, L"UpdatesStatus", r->updates_status, sizeof r->updates_status);
	(void)w32_reg_text(key, L"UpdatesAt", r->updates_at, sizeof r->updates_at);
	size = sizeof d;
	if (RegQueryValueExW(key, L"RootAdded", NULL, &type, (LPBYTE)&d, &size) == ERROR_SUCCESS && type == REG_DWORD &&
	    size == sizeof d)
		r->root_added = d == 1;
	RegCloseKey(key);
	return 0;
}

static LONG set_text(HKEY key, const wchar_t *name, const char *value)
{
	wchar_t *w = w32_widen(value);
	LONG r;
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	r = RegSetValueExW(key, name, 0, REG_SZ, (const BYTE *)w, (DWORD)((wcslen(w) + 1) * sizeof *w));
	free(w);
	return r;
}

/* One REG_SZ value of a receipt key. */
struct text_value {
	const wchar_t *name;
	const char *value;
};

/* Sets the n values in order and stops at the first that fails. */
static LONG set_texts(HKEY key, const struct text_value *v, size_t n)
{
	LONG r = ERROR_SUCCESS;
	size_t i;
	for (i = 0; i < n && r == ERROR_SUCCESS; i++)
		r = set_text(key, v[i].name, v[i].value);
	return r;
}

int plat_receipt_write(const struct plat_receipt *rc)
{
	HKEY key;
	DWORD d = rc->root_added ? 1 : 0;
	unsigned long long q = rc->sequence;
	LONG r = RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\acskit", 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL,
	                         &key, NULL);
	if (r != ERROR_SUCCESS)
		return w32_map_error((DWORD)r);
	/* RootAdded first and KitSequence last: a write that fails midway never
	 * forgets a root acskit added, and never raises the replay floor. */
	r = RegSetValueExW(key, L"RootAdded", 0, REG_DWORD, (const BYTE *)&d, sizeof d);
	if (r == ERROR_SUCCESS) {
		const struct text_value v[] = {{L"KitIdentity", rc->identity},  {L"AppliedAt", rc->applied_at},
		                               {L"RootThumbprint", rc->root_sha1}, {L"RootStore", rc->root_store},
		                               {L"RemovedAt", rc->removed_at},  {L"Runner", rc->runner}};
		r = set_texts(key, v, sizeof v / sizeof v[0]);
	}
	if (r == ERROR_SUCCESS) {
		if (rc->has_sequence)
			r = RegSetValueExW(key, L"KitSequence", 0, REG_QWORD, (const BYTE *)&q, sizeof q);
		else if ((r = RegDeleteValueW(key, L"KitSequence")) == ERROR_FILE_NOT_FOUND)
			r = ERROR_SUCCESS;
	}
	if (r == ERROR_SUCCESS)
		r = RegFlushKey(key);
	RegCloseKey(key);
	return r == ERROR_SUCCESS ? 0 : w32_map_error((DWORD)r);
}

/* A registry string for a report (report_text). Returns 1 if the value
 * exists and is a string, else 0 (out is ""). */
int w32_reg_text(HKEY key, const wchar_t *name, char *out, size_t n)
{
	wchar_t w[512];
	DWORD type, size = sizeof w - sizeof w[0];
	out[0] = '\0';
	if (RegQueryValueExW(key, name, NULL, &type, (LPBYTE)w, &size) != ERROR_SUCCESS ||
	    (type != REG_SZ && type != REG_EXPAND_SZ))
		return 0;
	w[size / sizeof w[0]] = 0;
	return w32_report_text(w, out, n);
}

int w32_reg_dword(HKEY key, const wchar_t *name, DWORD *out)
{
	DWORD type, size = sizeof *out;
	return RegQueryValueExW(key, name, NULL, &type, (LPBYTE)out, &size) == ERROR_SUCCESS && type == REG_DWORD &&
	       size == sizeof *out;
}

int w32_key_exists(const wchar_t *path)
{
	HKEY k;
	int e = w32_open_hklm64(path, &k);
	if (e == 0)
		RegCloseKey(k);
	return e == 0 ? 1 : e < 0 ? 0 : -1;
}

int plat_receipt_package_write(const struct plat_receipt_package *p)
{
	wchar_t path[64];
	HKEY key;
	DWORD d = p->exit_code;
	LONG r;
	if (_snwprintf(path, sizeof path / sizeof path[0], L"SOFTWARE\\acskit\\Packages\\%hs", p->kb) < 0)
		return ENAMETOOLONG;
	r = RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL);
	if (r != ERROR_SUCCESS)
		return w32_map_error((DWORD)r);
	{
		const struct text_value v[] = {{L"Architecture", p->arch}, {L"File", p->file},       {L"Sha256", p->sha256},
		                               {L"Installer", p->installer}, {L"Result", p->result}, {L"InstalledAt", p->at}};
		r = set_texts(key, v, sizeof v / sizeof v[0]);
	}
	if (r == ERROR_SUCCESS)
		r = RegSetValueExW(key, L"ExitCode", 0, REG_DWORD, (const BYTE *)&d, sizeof d);
	if (r == ERROR_SUCCESS)
		r = RegFlushKey(key);
	RegCloseKey(key);
	return r == ERROR_SUCCESS ? 0 : w32_map_error((DWORD)r);
}

int plat_receipt_progress_write(const char *status, const char *left, const char *at)
{
	HKEY key;
	LONG r = RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\acskit", 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL,
	                         &key, NULL);
	if (r != ERROR_SUCCESS)
		return w32_map_error((DWORD)r);
	{
		const struct text_value v[] = {{L"UpdatesStatus", status}, {L"UpdatesLeft", left}, {L"UpdatesAt", at}};
		r = set_texts(key, v, sizeof v / sizeof v[0]);
	}
	if (r == ERROR_SUCCESS)
		r = RegFlushKey(key);
	RegCloseKey(key);
	return r == ERROR_SUCCESS ? 0 : w32_map_error((DWORD)r);
}
