/* Win32 side of plat.h: the Application event log. The source "acskit" is
 * registered under HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application
 * with EventMessageFile naming a copy of acskit-run.exe (which carries the
 * message table, platform/win32res/events.mc) in %ProgramFiles%\acskit: the
 * exe that runs apply often sits on a USB stick or a network share that is
 * gone when Event Viewer later reads the message file. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define SOURCE_KEY L"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\acskit"

/* Whether two files have the same bytes (both readable). */
static int same_file(const wchar_t *a, const wchar_t *b)
{
	HANDLE ha, hb;
	char ba[65536], bb[65536];
	int same = 0;
	ha = CreateFileW(a, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
	if (ha == INVALID_HANDLE_VALUE)
		return 0;
	hb = CreateFileW(b, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
	if (hb != INVALID_HANDLE_VALUE) {
		for (;;) {
			DWORD na = 0, nb = 0;
			if (!ReadFile(ha, ba, sizeof ba, &na, NULL) || !ReadFile(hb, bb, sizeof bb, &nb, NULL) || na != nb ||
			    memcmp(ba, bb, na) != 0)
				break;
			if (na == 0) {
				same = 1;
				break;
			}
		}
		CloseHandle(hb);
	}
	CloseHandle(ha);
	return same;
}

int plat_event_register(char *message_file, size_t n)
{
	wchar_t self[MAX_PATH + 1], dir[MAX_PATH + 1], target[MAX_PATH + 32];
	DWORD len, types = EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE;
	HKEY key;
	LONG r;
	char *u;

	message_file[0] = '\0';
	len = GetModuleFileNameW(NULL, self, MAX_PATH + 1);
	if (len == 0 || len > MAX_PATH)
		return len ? ENAMETOOLONG : w32_map_error(GetLastError());
	self[len] = L'\0';
	/* %ProgramFiles% is writable by administrators only, so no user can
	 * swap the message file Event Viewer loads. */
	len = GetEnvironmentVariableW(L"ProgramFiles", dir, MAX_PATH + 1);
	if (len == 0 || len > MAX_PATH - 8)
		return ENOENT;
	(void)_snwprintf(target, sizeof target / sizeof target[0], L"%ls\\acskit", dir);
	target[sizeof target / sizeof target[0] - 1] = L'\0';
	if (!CreateDirectoryW(target, NULL) && GetLastError() != ERROR_ALREADY_EXISTS)
		return w32_map_error(GetLastError());
	(void)_snwprintf(target, sizeof target / sizeof target[0], L"%ls\\acskit\\acskit-run.exe", dir);
	target[sizeof target / sizeof target[0] - 1] = L'\0';
	/* The copy is replaced only when it differs: a second apply writes nothing. */
	if (_wcsicmp(self, target) != 0 && !same_file(self, target) && !CopyFileW(self, target, FALSE))
		return w32_map_error(GetLastError());
	r = RegCreateKeyExW(HKEY_LOCAL_MACHINE, SOURCE_KEY, 0, NULL, 0, KEY_SET_VALUE | KEY_QUERY_VALUE | KEY_WOW64_64KEY,
	                    NULL, &key, NULL);
	if (r != ERROR_SUCCESS)
		return w32_map_error((DWORD)r);
	{
		wchar_t old[MAX_PATH + 32];
		DWORD type, size = sizeof old - sizeof old[0], t = 0, ts = sizeof t;
		int have = RegQueryValueExW(key, L"EventMessageFile", NULL, &type, (LPBYTE)old, &size) == ERROR_SUCCESS &&
		           (type == REG_SZ || type == REG_EXPAND_SZ);
		if (have)
			old[size / sizeof old[0]] = L'\0';
		if (!have || wcscmp(old, target) != 0)
			r = RegSetValueExW(key, L"EventMessageFile", 0, REG_EXPAND_SZ, (const BYTE *)target,
			                   (DWORD)((wcslen(target) + 1) * sizeof target[0]));
		if (r == ERROR_SUCCESS &&
		    (RegQueryValueExW(key, L"TypesSupported", NULL, &type, (LPBYTE)&t, &ts) != ERROR_SUCCESS ||
		     type != REG_DWORD || t != types))
			r = RegSetValueExW(key, L"TypesSupported", 0, REG_DWORD, (const BYTE *)&types, sizeof types);
	}
	RegCloseKey(key);
	if (r != ERROR_SUCCESS)
		return w32_map_error((DWORD)r);
	u = w32_narrow(target);
	if (u) {
		(void)snprintf(message_file, n, "%s", u);
		free(u);
	}
	return 0;
}

int plat_event_write(unsigned id, enum plat_event_type type, const char *const *strings, size_t nstrings)
{
	static const WORD types[] = {EVENTLOG_INFORMATION_TYPE, EVENTLOG_WARNING_TYPE, EVENTLOG_ERROR_TYPE};
	const wchar_t *w[8];
	HANDLE h;
	size_t i;
	int e = 0;
	if (nstrings > 8)
		return EINVAL;
	for (i = 0; i < nstrings; i++) {
		w[i] = w32_widen(strings[i]);
		if (!w[i]) {
			while (i > 0)
				free((void *)w[--i]);
			return ENOMEM;
		}
	}
	/* Without a registered source Windows still logs the event, with the
	 * insertion strings but without the message text. */
	h = RegisterEventSourceW(NULL, L"acskit");
	if (!h)
		e = w32_map_error(GetLastError());
	else if (!ReportEventW(h, types[type], 0, id, NULL, (WORD)nstrings, 0, w, NULL))
		e = w32_map_error(GetLastError());
	if (h)
		DeregisterEventSource(h);
	for (i = 0; i < nstrings; i++)
		free((void *)w[i]);
	return e;
}
