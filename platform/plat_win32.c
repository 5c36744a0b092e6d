/* Win32 implementation of plat.h. Paths arrive as UTF-8 and are converted to
 * UTF-16 once, here; every call is the W variant. Error codes are mapped to errno
 * values so that plat_strerror reads the same on both platforms. */
#include "plat.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

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

int plat_receipt_read(struct plat_receipt *r)
{
	HKEY key;
	DWORD type, size;
	unsigned long long q;
	wchar_t id[80];
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
	size = sizeof id - sizeof id[0];
	if (RegQueryValueExW(key, L"KitIdentity", NULL, &type, (LPBYTE)id, &size) == ERROR_SUCCESS && type == REG_SZ) {
		id[size / sizeof id[0]] = 0;
		if (WideCharToMultiByte(CP_UTF8, 0, id, -1, r->identity, (int)sizeof r->identity, NULL, NULL) <= 0)
			r->identity[0] = '\0';
	}
	RegCloseKey(key);
	return 0;
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
