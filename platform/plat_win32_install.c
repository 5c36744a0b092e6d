/* Win32 side of plat.h: installing update packages. The admin-only directory
 * the packages are extracted into, the system installers run by full path,
 * the console test for progress lines, and the restart apply does only when
 * asked (--restart). */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <sddl.h>

/* D: the DACL; P: protected (nothing inherited from %SystemRoot%\Temp, where
 * BUILTIN\Users may create files); OICI: files and folders created inside get
 * the same two entries; FA: full access; BA: Administrators; SY: SYSTEM. No
 * entry for Users, Authenticated Users, CREATOR OWNER or the interactive user. */
static const wchar_t admin_only_sddl[] = L"D:P(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)";

int plat_admin_dir_create(char *out, size_t n)
{
	wchar_t win[MAX_PATH], path[MAX_PATH + 64];
	SECURITY_ATTRIBUTES sa;
	PSECURITY_DESCRIPTOR sd = NULL;
	UINT len = GetSystemWindowsDirectoryW(win, MAX_PATH);
	unsigned i;
	int e = EEXIST;
	char *u;
	if (len == 0 || len >= MAX_PATH)
		return EIO;
	if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(admin_only_sddl, SDDL_REVISION_1, &sd, NULL))
		return w32_map_error(GetLastError());
	sa.nLength = sizeof sa;
	sa.lpSecurityDescriptor = sd;
	sa.bInheritHandle = FALSE;
	/* A name that exists is never reused: whoever made it chose its DACL.
	 * CreateDirectoryW fails on an existing name (and on a link planted
	 * there), so the directory used is always the one made here, with the
	 * DACL above from its first instant. */
	for (i = 0; i < 100 && e == EEXIST; i++) {
		if (_snwprintf(path, sizeof path / sizeof path[0], L"%ls\\Temp\\acskit-%lu-%lu-%u", win,
		               (unsigned long)GetCurrentProcessId(), (unsigned long)GetTickCount(), i) < 0)
			break;
		e = CreateDirectoryW(path, &sa) ? 0 : w32_map_error(GetLastError());
	}
	LocalFree(sd);
	if (e)
		return e;
	u = w32_narrow(path);
	if (!u || strlen(u) >= n) {
		(void)RemoveDirectoryW(path);
		free(u);
		return u ? ENAMETOOLONG : ENOMEM;
	}
	memcpy(out, u, strlen(u) + 1);
	free(u);
	return 0;
}

int plat_dir_remove(const char *path)
{
	wchar_t *w = w32_widen(path);
	int e;
	if (!w)
		return ENOMEM;
	e = RemoveDirectoryW(w) ? 0 : w32_map_error(GetLastError());
	free(w);
	return e;
}

/* %SystemRoot%\System32, or %SystemRoot%\Sysnative for a 32-bit process on
 * 64-bit Windows: File System Redirection would otherwise send it to the
 * 32-bit SysWOW64 copies, and wusa and DISM must be the native ones to
 * service the 64-bit OS. Sysnative is a virtual name only a WOW64 process
 * sees. */
static int system_tools_dir(wchar_t *out, size_t n)
{
	wchar_t win[MAX_PATH];
	BOOL wow = FALSE;
	UINT len = GetSystemWindowsDirectoryW(win, MAX_PATH);
	if (len == 0 || len >= MAX_PATH)
		return EIO;
	if (!IsWow64Process(GetCurrentProcess(), &wow))
		return w32_map_error(GetLastError());
	if (_snwprintf(out, n, L"%ls\\%ls", win, wow ? L"Sysnative" : L"System32") < 0)
		return ENAMETOOLONG;
	return 0;
}

int plat_run_installer(enum plat_installer kind, const char *file, uint32_t *exit_code, char *cmd, size_t n)
{
	static wchar_t line[4096];
	wchar_t dir[MAX_PATH + 16], exe[MAX_PATH + 32];
	wchar_t *wfile;
	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	DWORD code = 0;
	char *u;
	int e, k;
	cmd[0] = '\0';
	if ((e = system_tools_dir(dir, sizeof dir / sizeof dir[0])) != 0)
		return e;
	if (_snwprintf(exe, sizeof exe / sizeof exe[0], L"%ls\\%ls", dir,
	               kind == PLAT_INSTALLER_DISM ? L"dism.exe" : L"wusa.exe") < 0)
		return ENAMETOOLONG;
	/* The file name is the runner's own (a directory it made, an entry name
	 * of [A-Za-z0-9._-]), so it holds no quote to escape. */
	if (!(wfile = w32_widen(file)))
		return ENOMEM;
	if (wcschr(wfile, L'"')) {
		free(wfile);
		return EINVAL;
	}
	k = kind == PLAT_INSTALLER_DISM
	        ? _snwprintf(line, sizeof line / sizeof line[0],
	                     L"\"%ls\" /Online /Add-Package \"/PackagePath:%ls\" /Quiet /NoRestart", exe, wfile)
	        : _snwprintf(line, sizeof line / sizeof line[0], L"\"%ls\" \"%ls\" /quiet /norestart", exe, wfile);
	free(wfile);
	if (k < 0)
		return ENAMETOOLONG;
	if ((u = w32_narrow(line)) != NULL) {
		(void)snprintf(cmd, n, "%s", u);
		free(u);
	}
	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	/* lpApplicationName is the full path: CreateProcessW then searches
	 * nothing (no current directory, no PATH). The current directory is the
	 * system directory, never the medium the kit came from. */
	if (!CreateProcessW(exe, line, NULL, NULL, FALSE, 0, NULL, dir, &si, &pi))
		return w32_map_error(GetLastError());
	CloseHandle(pi.hThread);
	e = WaitForSingleObject(pi.hProcess, INFINITE) == WAIT_OBJECT_0 && GetExitCodeProcess(pi.hProcess, &code)
	        ? 0
	        : w32_map_error(GetLastError());
	CloseHandle(pi.hProcess);
	*exit_code = code;
	return e;
}

int plat_stdout_is_console(void)
{
	DWORD mode;
	HANDLE h = GetStdHandle(STD_OUTPUT_HANDLE);
	return h != NULL && h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode);
}

int plat_restart(void)
{
	HANDLE t;
	TOKEN_PRIVILEGES tp;
	/* SHTDN_REASON_MAJOR_OPERATINGSYSTEM | SHTDN_REASON_MINOR_SECURITYFIX |
	 * SHTDN_REASON_FLAG_PLANNED, as numbers: mingw's reason.h is not in
	 * every header set. */
	const DWORD reason = 0x00020000u | 0x00000012u | 0x80000000u;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &t))
		return w32_map_error(GetLastError());
	memset(&tp, 0, sizeof tp);
	tp.PrivilegeCount = 1;
	tp.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
	if (!LookupPrivilegeValueW(NULL, L"SeShutdownPrivilege", &tp.Privileges[0].Luid) ||
	    !AdjustTokenPrivileges(t, FALSE, &tp, 0, NULL, NULL) || GetLastError() == ERROR_NOT_ALL_ASSIGNED) {
		DWORD e = GetLastError();
		CloseHandle(t);
		return w32_map_error(e);
	}
	CloseHandle(t);
	if (!InitiateSystemShutdownExW(NULL, L"acskit-run apply --restart: update packages need a restart", 60, FALSE,
	                               TRUE, reason))
		return w32_map_error(GetLastError());
	return 0;
}
