/* Win32 side of plat.h, shared helpers: error-code mapping, UTF-8 <-> UTF-16
 * conversion (done once, here, at the Win32 edge), text for reports, the
 * clock, and console output. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

int w32_map_error(DWORD e)
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
wchar_t *w32_widen(const char *s)
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

char *w32_narrow(const wchar_t *w)
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

/* UTF-16 text bound for a report, as UTF-8, with control and
 * bidirectional-formatting characters replaced by '?' (the registry and
 * certificates are not trusted to be printable). Returns 1, or 0 with out "". */
int w32_report_text(wchar_t *w, char *out, size_t n)
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

int64_t plat_boot_time(void)
{
	return plat_now() - (int64_t)(GetTickCount64() / 1000ULL);
}

unsigned long plat_pid(void)
{
	return (unsigned long)GetCurrentProcessId();
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
		wchar_t *w = w32_widen(utf8);
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

int plat_ui_language_japanese(void)
{
	/* The user's display language (what Windows itself speaks to them), not
	 * the locale for formats or the system code page: a Japanese operator on
	 * an English-UI server reads English dialogs, and the notice's terms match
	 * the UI they see. Vista and later. */
	return PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_JAPANESE;
}
