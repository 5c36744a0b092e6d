/* Win32 implementation of plat.h. Paths arrive as UTF-8 and are converted to
 * UTF-16 once, here; every call is the W variant. Error codes are mapped to errno
 * values so that plat_strerror reads the same on both platforms. */
#include "plat.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

struct plat_file {
	HANDLE h;
	int writable;
	int err;
};

static int map_error(DWORD e)
{
	switch (e) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_NAME:
	case ERROR_BAD_NETPATH:
		return ENOENT;
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
		return EACCES;
	case ERROR_FILE_EXISTS:
	case ERROR_ALREADY_EXISTS:
		return EEXIST;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		return ENOMEM;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		return ENOSPC;
	case ERROR_DIRECTORY:
		return ENOTDIR;
	default:
		return EIO;
	}
}

/* Returns a malloc'd UTF-16 copy of s, or NULL (invalid UTF-8 or no memory). */
static wchar_t *widen(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	wchar_t *w;
	if (n <= 0)
		return NULL;
	w = malloc((size_t)n * sizeof *w);
	if (w && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) {
		free(w);
		return NULL;
	}
	return w;
}

static char *narrow(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	char *s;
	if (n <= 0)
		return NULL;
	s = malloc((size_t)n);
	if (s && WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n) {
		free(s);
		return NULL;
	}
	return s;
}

int plat_open(const char *path, enum plat_open_mode mode, plat_file **out)
{
	wchar_t *w = widen(path);
	HANDLE h;
	plat_file *f;
	DWORD type;

	*out = NULL;
	if (!w)
		return EINVAL;
	if (mode == PLAT_READ)
		h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
		                FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
	else
		h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return map_error(GetLastError());
	/* Only disk files: a named pipe or console handle would block or never end. */
	type = GetFileType(h);
	if (type != FILE_TYPE_DISK) {
		CloseHandle(h);
		return PLAT_E_NOT_REGULAR;
	}
	f = calloc(1, sizeof *f);
	if (!f) {
		CloseHandle(h);
		return ENOMEM;
	}
	f->h = h;
	f->writable = mode != PLAT_READ;
	*out = f;
	return 0;
}

long plat_read(plat_file *f, void *buf, size_t n)
{
	DWORD got = 0;
	if (n > (size_t)1 << 30)
		n = (size_t)1 << 30;
	if (!ReadFile(f->h, buf, (DWORD)n, &got, NULL)) {
		if (!f->err)
			f->err = map_error(GetLastError());
		return -1;
	}
	return (long)got;
}

int plat_write(plat_file *f, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	while (n > 0) {
		DWORD chunk = n > (1u << 30) ? (1u << 30) : (DWORD)n, put = 0;
		if (!WriteFile(f->h, p, chunk, &put, NULL) || put == 0) {
			int e = map_error(GetLastError());
			if (!f->err)
				f->err = e;
			return e;
		}
		p += put;
		n -= put;
	}
	return 0;
}

int plat_seek(plat_file *f, int64_t off, int whence)
{
	LARGE_INTEGER li;
	DWORD m = whence == 0 ? FILE_BEGIN : whence == 1 ? FILE_CURRENT : FILE_END;
	li.QuadPart = off;
	if (!SetFilePointerEx(f->h, li, NULL, m))
		return map_error(GetLastError());
	return 0;
}

int64_t plat_tell(plat_file *f)
{
	LARGE_INTEGER zero, pos;
	zero.QuadPart = 0;
	if (!SetFilePointerEx(f->h, zero, &pos, FILE_CURRENT))
		return -1;
	return pos.QuadPart;
}

int plat_sync(plat_file *f)
{
	if (!FlushFileBuffers(f->h)) {
		int e = map_error(GetLastError());
		if (!f->err)
			f->err = e;
		return e;
	}
	return 0;
}

int plat_close(plat_file *f)
{
	int e;
	if (!f)
		return 0;
	e = f->err;
	/* A new file is on stable storage before anyone renames it into place. */
	if (f->writable && !e && !FlushFileBuffers(f->h))
		e = map_error(GetLastError());
	if (!CloseHandle(f->h) && !e)
		e = map_error(GetLastError());
	free(f);
	return e;
}

int plat_rename_replace(const char *from, const char *to)
{
	wchar_t *a = widen(from), *b = widen(to);
	int e = 0;
	if (!a || !b)
		e = EINVAL;
	/* MOVEFILE_WRITE_THROUGH: the rename reaches the disk before we report success. */
	else if (!MoveFileExW(a, b, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
		e = map_error(GetLastError());
	free(a);
	free(b);
	return e;
}

int plat_remove(const char *path)
{
	wchar_t *w = widen(path);
	int e = 0;
	if (!w)
		return EINVAL;
	if (!DeleteFileW(w))
		e = map_error(GetLastError());
	free(w);
	return e;
}

int plat_is_dir(const char *path)
{
	wchar_t *w = widen(path);
	DWORD a;
	if (!w)
		return 0;
	a = GetFileAttributesW(w);
	free(w);
	return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

int plat_list_dir(const char *dir, struct plat_dirlist *out)
{
	size_t dl = strlen(dir);
	char *pattern = malloc(dl + 3);
	wchar_t *wp;
	WIN32_FIND_DATAW fd;
	HANDLE h;
	int e = 0;

	memset(out, 0, sizeof *out);
	if (!pattern)
		return ENOMEM;
	memcpy(pattern, dir, dl);
	memcpy(pattern + dl, "\\*", 3);
	wp = widen(pattern);
	free(pattern);
	if (!wp)
		return EINVAL;
	h = FindFirstFileW(wp, &fd);
	free(wp);
	if (h == INVALID_HANDLE_VALUE) {
		DWORD le = GetLastError();
		return le == ERROR_FILE_NOT_FOUND ? 0 : map_error(le);
	}
	do {
		/* Reparse points (links, junctions), directories and devices are not
		 * regular files. */
		int regular = !(fd.dwFileAttributes &
		                (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DEVICE));
		if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
			continue;
		if ((e = plat_dirlist_add(out, narrow(fd.cFileName), regular)) != 0)
			break;
	} while (FindNextFileW(h, &fd));
	if (!e && GetLastError() != ERROR_NO_MORE_FILES)
		e = map_error(GetLastError());
	FindClose(h);
	if (e)
		plat_dirlist_free(out);
	return e;
}

/* Opens an HKLM key for reading. KEY_WOW64_64KEY: the x86 build on 64-bit
 * Windows reads the same key as Group Policy and apply write, not its
 * WOW6432Node copy. Returns 0 with *key, -1 if the key does not exist, or an
 * error code. */
static int open_hklm64(const wchar_t *path, HKEY *key)
{
	LONG r = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | KEY_WOW64_64KEY, key);
	if (r == ERROR_FILE_NOT_FOUND)
		return -1;
	return r == ERROR_SUCCESS ? 0 : map_error((DWORD)r);
}

/* Returns 1 if the value is a REG_DWORD equal to 1, else 0. */
static int dword_is_one(HKEY key, const wchar_t *name)
{
	DWORD type, dw = 0, size = sizeof dw;
	return RegQueryValueExW(key, name, NULL, &type, (LPBYTE)&dw, &size) == ERROR_SUCCESS && type == REG_DWORD &&
	       size == sizeof dw && dw == 1;
}

int plat_policy_read(struct plat_policy *p)
{
	HKEY key;
	LONG r;
	DWORD type, size;
	wchar_t *multi, *w;
	int e;

	memset(p, 0, sizeof *p);
	e = open_hklm64(L"SOFTWARE\\Policies\\acskit", &key);
	if (e)
		return e < 0 ? 0 : e;
	p->require_signature = dword_is_one(key, L"RequireSignature");
	p->refuse_expired = dword_is_one(key, L"RefuseExpired");
	size = 0;
	r = RegQueryValueExW(key, L"TrustedKeys", NULL, &type, NULL, &size);
	if (r == ERROR_SUCCESS && type == REG_MULTI_SZ && size > 0 && size < (1u << 20)) {
		multi = calloc(size / sizeof(wchar_t) + 2, sizeof(wchar_t));
		if (!multi) {
			RegCloseKey(key);
			return ENOMEM;
		}
		if (RegQueryValueExW(key, L"TrustedKeys", NULL, &type, (LPBYTE)multi, &size) == ERROR_SUCCESS)
			for (w = multi; *w; w += wcslen(w) + 1)
				if (plat_dirlist_add(&p->keys, narrow(w), 0) != 0) {
					free(multi);
					plat_dirlist_free(&p->keys);
					RegCloseKey(key);
					return ENOMEM;
				}
		free(multi);
	}
	RegCloseKey(key);
	return 0;
}

static int reg_text(HKEY key, const wchar_t *name, char *out, size_t n);

int plat_receipt_read(struct plat_receipt *r)
{
	HKEY key;
	DWORD type, size, d;
	unsigned long long q;
	int e;

	memset(r, 0, sizeof *r);
	e = open_hklm64(L"SOFTWARE\\acskit", &key);
	if (e)
		return e < 0 ? 0 : e;
	size = sizeof q;
	if (RegQueryValueExW(key, L"KitSequence", NULL, &type, (LPBYTE)&q, &size) == ERROR_SUCCESS && type == REG_QWORD &&
	    size == sizeof q) {
		r->has_sequence = 1;
		r->sequence = q;
	}
	(void)reg_text(key, L"KitIdentity", r->identity, sizeof r->identity);
	(void)reg_text(key, L"AppliedAt", r->applied_at, sizeof r->applied_at);
	(void)reg_text(key, L"RootThumbprint", r->root_sha1, sizeof r->root_sha1);
	(void)reg_text(key, L"RootStore", r->root_store, sizeof r->root_store);
	(void)reg_text(key, L"RemovedAt", r->removed_at, sizeof r->removed_at);
	(void)reg_text(key, L"Runner", r->runner, sizeof r->runner);
	size = sizeof d;
	if (RegQueryValueExW(key, L"RootAdded", NULL, &type, (LPBYTE)&d, &size) == ERROR_SUCCESS && type == REG_DWORD &&
	    size == sizeof d)
		r->root_added = d == 1;
	RegCloseKey(key);
	return 0;
}

static LONG set_text(HKEY key, const wchar_t *name, const char *value)
{
	wchar_t *w = widen(value);
	LONG r;
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	r = RegSetValueExW(key, name, 0, REG_SZ, (const BYTE *)w, (DWORD)((wcslen(w) + 1) * sizeof *w));
	free(w);
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
		return map_error((DWORD)r);
	/* RootAdded first and KitSequence last: a write that fails midway never
	 * forgets a root acskit added, and never raises the replay floor. */
	r = RegSetValueExW(key, L"RootAdded", 0, REG_DWORD, (const BYTE *)&d, sizeof d);
	if (r == ERROR_SUCCESS)
		r = set_text(key, L"KitIdentity", rc->identity);
	if (r == ERROR_SUCCESS)
		r = set_text(key, L"AppliedAt", rc->applied_at);
	if (r == ERROR_SUCCESS)
		r = set_text(key, L"RootThumbprint", rc->root_sha1);
	if (r == ERROR_SUCCESS)
		r = set_text(key, L"RootStore", rc->root_store);
	if (r == ERROR_SUCCESS)
		r = set_text(key, L"RemovedAt", rc->removed_at);
	if (r == ERROR_SUCCESS)
		r = set_text(key, L"Runner", rc->runner);
	if (r == ERROR_SUCCESS) {
		if (rc->has_sequence)
			r = RegSetValueExW(key, L"KitSequence", 0, REG_QWORD, (const BYTE *)&q, sizeof q);
		else if ((r = RegDeleteValueW(key, L"KitSequence")) == ERROR_FILE_NOT_FOUND)
			r = ERROR_SUCCESS;
	}
	if (r == ERROR_SUCCESS)
		r = RegFlushKey(key);
	RegCloseKey(key);
	return r == ERROR_SUCCESS ? 0 : map_error((DWORD)r);
}

int64_t plat_now(void)
{
	FILETIME ft;
	ULARGE_INTEGER u;
	GetSystemTimeAsFileTime(&ft);
	u.LowPart = ft.dwLowDateTime;
	u.HighPart = ft.dwHighDateTime;
	/* FILETIME counts 100 ns from 1601-01-01; 11644473600 s lie between the epochs. */
	return (int64_t)(u.QuadPart / 10000000ULL) - 11644473600LL;
}

unsigned long plat_pid(void)
{
	return (unsigned long)GetCurrentProcessId();
}

const char *plat_basename(const char *path)
{
	const char *p, *base = path;
	for (p = path; *p; p++)
		if (*p == '/' || *p == '\\' || (p == path + 1 && *p == ':'))
			base = p + 1;
	return base;
}

const char *plat_strerror(int code)
{
	switch (code) {
	case PLAT_E_NOT_REGULAR: return "not a regular file";
	case PLAT_E_ROLLBACK: return "the change failed and could not be undone: check the store by hand";
	case ENOENT: return "No such file or directory";
	case EACCES: return "Permission denied";
	case EEXIST: return "File exists";
	case ENOMEM: return "Out of memory";
	case ENOSPC: return "No space left on device";
	case ENOTDIR: return "Not a directory";
	case EISDIR: return "Is a directory";
	case EINVAL: return "Invalid argument or not a regular file";
	default: return "Input/output error";
	}
}

void plat_write_text(int to_stderr, const char *utf8)
{
	HANDLE h = GetStdHandle(to_stderr ? STD_ERROR_HANDLE : STD_OUTPUT_HANDLE);
	DWORD mode, done;
	size_t n = strlen(utf8);
	if (h == NULL || h == INVALID_HANDLE_VALUE)
		return;
	if (GetConsoleMode(h, &mode)) {
		/* A console shows UTF-16; bytes would be read in the OEM code page. */
		wchar_t *w = widen(utf8);
		if (w) {
			WriteConsoleW(h, w, (DWORD)wcslen(w), &done, NULL);
			free(w);
			return;
		}
	}
	/* A pipe or file gets the UTF-8 bytes as they are, LF line ends included, so
	 * scripts read the same output on every platform. */
	while (n > 0) {
		if (!WriteFile(h, utf8, (DWORD)n, &done, NULL) || done == 0)
			return;
		utf8 += done;
		n -= done;
	}
}

/* ==== Assessing and changing the machine (plat.h, "check, apply, remove") ==== */

int plat_machine_supported(void)
{
	return 1;
}

/* A registry string as UTF-8, with control and bidirectional-formatting
 * characters replaced by '?', since it ends up in a report a person reads.
 * Returns 1 if the value exists and is a string, else 0 (out is ""). */
/* UTF-16 text bound for a report, as UTF-8, with control and
 * bidirectional-formatting characters replaced by '?' (the registry and
 * certificates are not trusted to be printable). Returns 1, or 0 with out "". */
static int report_text(wchar_t *w, char *out, size_t n)
{
	size_t i;
	for (i = 0; w[i]; i++)
		if (w[i] < 0x20 || (w[i] >= 0x7F && w[i] <= 0x9F) || w[i] == 0x061C || w[i] == 0x200E || w[i] == 0x200F ||
		    (w[i] >= 0x202A && w[i] <= 0x202E) || (w[i] >= 0x2066 && w[i] <= 0x2069))
			w[i] = L'?';
	if (WideCharToMultiByte(CP_UTF8, 0, w, -1, out, (int)n, NULL, NULL) <= 0) {
		out[0] = '\0';
		return 0;
	}
	return 1;
}

/* A registry string for a report (report_text). Returns 1 if the value
 * exists and is a string, else 0 (out is ""). */
static int reg_text(HKEY key, const wchar_t *name, char *out, size_t n)
{
	wchar_t w[512];
	DWORD type, size = sizeof w - sizeof w[0];
	out[0] = '\0';
	if (RegQueryValueExW(key, name, NULL, &type, (LPBYTE)w, &size) != ERROR_SUCCESS ||
	    (type != REG_SZ && type != REG_EXPAND_SZ))
		return 0;
	w[size / sizeof w[0]] = 0;
	return report_text(w, out, n);
}

static int reg_dword(HKEY key, const wchar_t *name, DWORD *out)
{
	DWORD type, size = sizeof *out;
	return RegQueryValueExW(key, name, NULL, &type, (LPBYTE)out, &size) == ERROR_SUCCESS && type == REG_DWORD &&
	       size == sizeof *out;
}

static int key_exists(const wchar_t *path)
{
	HKEY k;
	int e = open_hklm64(path, &k);
	if (e == 0)
		RegCloseKey(k);
	return e == 0 ? 1 : e < 0 ? 0 : -1;
}

typedef LONG(WINAPI *rtl_get_version_fn)(PRTL_OSVERSIONINFOW);

static void read_version(struct machine_facts *m)
{
	RTL_OSVERSIONINFOEXW vi;
	HMODULE nt = GetModuleHandleW(L"ntdll.dll");
	/* Through void(*)(void): GetProcAddress's type is a generic function pointer. */
	rtl_get_version_fn fn = nt ? (rtl_get_version_fn)(void (*)(void))GetProcAddress(nt, "RtlGetVersion") : NULL;
	memset(&vi, 0, sizeof vi);
	vi.dwOSVersionInfoSize = sizeof vi;
	if (fn && fn((PRTL_OSVERSIONINFOW)&vi) == 0) {
		m->have_version = 1;
		m->major = vi.dwMajorVersion;
		m->minor = vi.dwMinorVersion;
		m->build = vi.dwBuildNumber;
		m->product_type = vi.wProductType;
		m->sp_major = vi.wServicePackMajor;
	}
}

static const char *arch_name(WORD a)
{
	return a == PROCESSOR_ARCHITECTURE_AMD64 ? "x64" : a == PROCESSOR_ARCHITECTURE_INTEL ? "x86"
	       : a == 12 /* PROCESSOR_ARCHITECTURE_ARM64 */ ? "arm64" : "unknown";
}

/* The KB of a rollup from %windir%\servicing\Packages\<identity>.mum. */
static void read_mum(struct cbs_package *p)
{
	wchar_t dir[MAX_PATH], path[MAX_PATH + 300];
	wchar_t *wid = widen(p->identity);
	HANDLE h;
	char *buf;
	DWORD got = 0, size;
	UINT n = GetSystemWindowsDirectoryW(dir, MAX_PATH);
	(void)snprintf(p->kb_source, sizeof p->kb_source, "unreadable .mum");
	if (!wid || n == 0 || n >= MAX_PATH || wcslen(wid) > 250) {
		free(wid);
		return;
	}
	wcscpy(path, dir);
	wcscat(path, L"\\servicing\\Packages\\");
	wcscat(path, wid);
	wcscat(path, L".mum");
	free(wid);
	h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		if (GetLastError() == ERROR_FILE_NOT_FOUND || GetLastError() == ERROR_PATH_NOT_FOUND)
			(void)snprintf(p->kb_source, sizeof p->kb_source, "no .mum");
		return;
	}
	size = GetFileSize(h, NULL);
	if (size == INVALID_FILE_SIZE || size > (1u << 20) || !(buf = malloc(size + 2))) {
		CloseHandle(h);
		return;
	}
	if (!ReadFile(h, buf, size, &got, NULL) || got != size) {
		free(buf);
		CloseHandle(h);
		return;
	}
	CloseHandle(h);
	buf[size] = buf[size + 1] = 0;
	if (size >= 2 && (unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) {
		/* UTF-16: the identifier is ASCII, so drop every high byte. */
		DWORD i, j = 0;
		for (i = 2; i + 1 < size; i += 2)
			buf[j++] = buf[i + 1] ? '?' : buf[i];
		size = j;
	}
	if (mum_find_kb(buf, size, p->kb) == 0)
		(void)snprintf(p->kb_source, sizeof p->kb_source, ".mum");
	else
		(void)snprintf(p->kb_source, sizeof p->kb_source, "no KB in its .mum");
	free(buf);
}

#define CBS_KEY L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing"

static int read_cbs(struct machine_facts *m)
{
	HKEY key;
	DWORD i;
	int e = open_hklm64(CBS_KEY L"\\Packages", &key);
	if (e) {
		m->cbs_error = e < 0 ? ENOENT : e;
		(void)snprintf(m->cbs_error_text, sizeof m->cbs_error_text, "HKLM\\%s\\Packages: %s",
		               "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing",
		               e < 0 ? "the key does not exist" : plat_strerror(e));
		return 0;
	}
	for (i = 0;; i++) {
		wchar_t name[256];
		char ascii[256];
		DWORD n = 256, state, j;
		struct cbs_package p;
		HKEY sub;
		LONG r = RegEnumKeyExW(key, i, name, &n, NULL, NULL, NULL, NULL);
		if (r == ERROR_NO_MORE_ITEMS)
			break;
		if (r == ERROR_MORE_DATA)
			continue; /* longer than any identity acskit reads */
		if (r != ERROR_SUCCESS) {
			m->cbs_error = map_error((DWORD)r);
			(void)snprintf(m->cbs_error_text, sizeof m->cbs_error_text, "listing the CBS packages: %s",
			               plat_strerror(m->cbs_error));
			break;
		}
		for (j = 0; j < n && name[j] < 0x80; j++)
			ascii[j] = (char)name[j];
		if (j < n)
			continue; /* not ASCII: not a package name acskit reads */
		ascii[n] = '\0';
		if (!cbs_classify(ascii, &p))
			continue;
		if (RegOpenKeyExW(key, name, 0, KEY_READ | KEY_WOW64_64KEY, &sub) == ERROR_SUCCESS) {
			if (reg_dword(sub, L"CurrentState", &state)) {
				p.has_state = 1;
				p.state = state;
			}
			RegCloseKey(sub);
		}
		if (p.rollup)
			read_mum(&p);
		if (machine_add_package(m, &p)) {
			RegCloseKey(key);
			return ENOMEM;
		}
	}
	RegCloseKey(key);
	return 0;
}

int plat_machine_read(struct machine_facts *m)
{
	SYSTEM_INFO si;
	HKEY key;
	DWORD ubr;
	int e;
	memset(m, 0, sizeof *m);
	read_version(m);
	GetNativeSystemInfo(&si);
	(void)snprintf(m->arch, sizeof m->arch, "%s", arch_name(si.wProcessorArchitecture));
	GetSystemInfo(&si);
	(void)snprintf(m->process_arch, sizeof m->process_arch, "%s", arch_name(si.wProcessorArchitecture));
	if (open_hklm64(L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", &key) == 0) {
		if (reg_dword(key, L"UBR", &ubr)) {
			m->have_ubr = 1;
			m->ubr = ubr;
		}
		(void)reg_text(key, L"ProductName", m->product_name, sizeof m->product_name);
		(void)reg_text(key, L"EditionID", m->edition_id, sizeof m->edition_id);
		(void)reg_text(key, L"InstallationType", m->installation_type, sizeof m->installation_type);
		(void)reg_text(key, L"DisplayVersion", m->display_version, sizeof m->display_version);
		(void)reg_text(key, L"CSDVersion", m->csd_version, sizeof m->csd_version);
		RegCloseKey(key);
	}
	if ((e = read_cbs(m)) != 0)
		return e;
	e = key_exists(CBS_KEY L"\\RebootPending");
	if (e > 0)
		m->reboot |= REBOOT_CBS;
	if (e < 0)
		m->reboot_error = 1;
	e = key_exists(L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired");
	if (e > 0)
		m->reboot |= REBOOT_WU;
	if (e < 0)
		m->reboot_error = 1;
	if (open_hklm64(L"SYSTEM\\CurrentControlSet\\Control\\Session Manager", &key) == 0) {
		DWORD type, size = 0;
		if (RegQueryValueExW(key, L"PendingFileRenameOperations", NULL, &type, NULL, &size) == ERROR_SUCCESS &&
		    size > 2 * sizeof(wchar_t))
			m->reboot |= REBOOT_RENAMES;
		RegCloseKey(key);
	}
	return 0;
}

int plat_is_elevated(void)
{
	HANDLE t;
	TOKEN_ELEVATION te;
	DWORD n = 0;
	int rc = -1;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &t))
		return -1;
	if (GetTokenInformation(t, TokenElevation, &te, sizeof te, &n) && n == sizeof te)
		rc = te.TokenIsElevated ? 1 : 0;
	CloseHandle(t);
	return rc;
}

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
static HCERTSTORE open_store_read(enum plat_store s, HKEY *key, int *err)
{
	HCERTSTORE h;
	int e = open_hklm64(stores[s].subkey, key);
	*err = e;
	if (e)
		return NULL;
	h = CertOpenStore(CERT_STORE_PROV_REG, 0, 0, CERT_STORE_READONLY_FLAG, *key);
	if (!h) {
		*err = map_error(GetLastError());
		RegCloseKey(*key);
	}
	return h;
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
	*err = h ? 0 : map_error(GetLastError());
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
		(void)report_text(w, fname, 128);
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
	if (open_hklm64(L"SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot", &key) == 0) {
		out->auto_update_disabled = reg_dword(key, L"DisableRootAutoUpdate", &v) && v == 1;
		RegCloseKey(key);
	}
	if (open_hklm64(L"SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\AutoUpdate", &key) == 0) {
		(void)reg_text(key, L"RootDirURL", out->root_dir_url, sizeof out->root_dir_url);
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
}

/* Wine writes a store to the registry only on this call (or the last
 * release); on Windows it is a harmless no-op. */
static int commit(HCERTSTORE h)
{
	return CertControlStore(h, CERT_STORE_CTRL_COMMIT_FORCE_FLAG, CERT_STORE_CTRL_COMMIT, NULL) ? 0
	       : map_error(GetLastError());
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
	if (!(wname = widen(friendly_name)))
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
		e = map_error(GetLastError());
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
		return le == (DWORD)CRYPT_E_EXISTS ? EEXIST : map_error(le);
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
		e = map_error(GetLastError());
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
		(void)report_text(w, out, 160);
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
