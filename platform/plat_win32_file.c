/* Win32 side of plat.h: files, paths and directories. Paths arrive as UTF-8
 * and are converted to UTF-16 once; every call is the W variant. Error codes
 * are mapped to errno values so plat_strerror reads the same on both platforms. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <sddl.h>
#include <wincrypt.h>

struct plat_file {
	HANDLE h;
	int writable;
	int err;
};

int plat_open(const char *path, enum plat_open_mode mode, plat_file **out)
{
	wchar_t *w = w32_widen(path);
	HANDLE h;
	plat_file *f;
	DWORD type, err = 0;

	*out = NULL;
	if (!w)
		return EINVAL;
	if (mode == PLAT_READ) {
		h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
		                FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
	} else if (mode == PLAT_CREATE_ADMIN) {
		/* Owned by Administrators from its first instant, not by the
		 * token's default owner (see plat_win32_install.c); no DACL in the
		 * descriptor, so the file inherits its directory's. */
		SECURITY_ATTRIBUTES sa;
		PSECURITY_DESCRIPTOR sd = NULL;
		if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(L"O:BA", SDDL_REVISION_1, &sd, NULL)) {
			err = GetLastError();
			free(w);
			return w32_map_error(err);
		}
		sa.nLength = sizeof sa;
		sa.lpSecurityDescriptor = sd;
		sa.bInheritHandle = FALSE;
		h = CreateFileW(w, GENERIC_WRITE, 0, &sa, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
		err = GetLastError(); /* before LocalFree, which may change it */
		LocalFree(sd);
	} else {
		h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
	}
	if (h == INVALID_HANDLE_VALUE && !err)
		err = GetLastError();
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return w32_map_error(err ? err : ERROR_GEN_FAILURE);
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
			f->err = w32_map_error(GetLastError());
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
			int e = w32_map_error(GetLastError());
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
		return w32_map_error(GetLastError());
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
		int e = w32_map_error(GetLastError());
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
		e = w32_map_error(GetLastError());
	if (!CloseHandle(f->h) && !e)
		e = w32_map_error(GetLastError());
	free(f);
	return e;
}

int plat_rename_replace(const char *from, const char *to)
{
	wchar_t *a = w32_widen(from), *b = w32_widen(to);
	int e = 0;
	if (!a || !b)
		e = EINVAL;
	/* MOVEFILE_WRITE_THROUGH: the rename reaches the disk before we report success. */
	else if (!MoveFileExW(a, b, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
		e = w32_map_error(GetLastError());
	free(a);
	free(b);
	return e;
}

int plat_rename_noreplace(const char *from, const char *to)
{
	wchar_t *a = w32_widen(from), *b = w32_widen(to);
	int e = 0;
	if (!a || !b)
		e = EINVAL;
	/* Without MOVEFILE_REPLACE_EXISTING the move fails (ERROR_ALREADY_EXISTS)
	 * when anything is at the target, whatever appeared since the check. */
	else if (!MoveFileExW(a, b, MOVEFILE_WRITE_THROUGH))
		e = w32_map_error(GetLastError());
	free(a);
	free(b);
	return e;
}

int plat_remove(const char *path)
{
	wchar_t *w = w32_widen(path);
	int e = 0;
	if (!w)
		return EINVAL;
	if (!DeleteFileW(w))
		e = w32_map_error(GetLastError());
	free(w);
	return e;
}

int plat_is_dir(const char *path)
{
	wchar_t *w = w32_widen(path);
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
	wp = w32_widen(pattern);
	free(pattern);
	if (!wp)
		return EINVAL;
	h = FindFirstFileW(wp, &fd);
	free(wp);
	if (h == INVALID_HANDLE_VALUE) {
		DWORD le = GetLastError();
		return le == ERROR_FILE_NOT_FOUND ? 0 : w32_map_error(le);
	}
	do {
		/* Reparse points (links, junctions), directories and devices are not
		 * regular files. */
		int regular = !(fd.dwFileAttributes &
		                (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DEVICE));
		if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
			continue;
		if ((e = plat_dirlist_add(out, w32_narrow(fd.cFileName), regular)) != 0)
			break;
	} while (FindNextFileW(h, &fd));
	if (!e && GetLastError() != ERROR_NO_MORE_FILES)
		e = w32_map_error(GetLastError());
	FindClose(h);
	if (e)
		plat_dirlist_free(out);
	return e;
}

const char *plat_basename(const char *path)
{
	const char *p, *base = path;
	for (p = path; *p; p++)
		if (*p == '/' || *p == '\\' || (p == path + 1 && *p == ':'))
			base = p + 1;
	return base;
}
