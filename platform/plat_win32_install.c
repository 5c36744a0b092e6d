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
#include <wchar.h>
#include <wctype.h>
#include <windows.h>
#include <bcrypt.h>
#include <sddl.h>

/* O:BA: owned by Administrators, not by the token's default owner (which
 * the policy "Default owner for objects created by members of the
 * Administrators group" can make the administrator's own account, whose
 * non-elevated processes would then hold the owner's implicit WRITE_DAC).
 * D: the DACL; P: protected (nothing inherited from %SystemRoot%\Temp, where
 * BUILTIN\Users may create files); OICI: files and folders created inside get
 * the same two entries; FA: full access; BA: Administrators; SY: SYSTEM. No
 * entry for Users, Authenticated Users, CREATOR OWNER or the interactive user. */
static const wchar_t admin_only_sddl[] = L"O:BAD:P(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)";

/* Creates path with the descriptor above. Returns 0, EEXIST when the name
 * exists (a directory, a file or a link), or a code. */
static int make_admin_dir(const wchar_t *path)
{
	SECURITY_ATTRIBUTES sa;
	PSECURITY_DESCRIPTOR sd = NULL;
	int e;
	if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(admin_only_sddl, SDDL_REVISION_1, &sd, NULL))
		return w32_map_error(GetLastError());
	sa.nLength = sizeof sa;
	sa.lpSecurityDescriptor = sd;
	sa.bInheritHandle = FALSE;
	e = CreateDirectoryW(path, &sa) ? 0 : w32_map_error(GetLastError());
	LocalFree(sd);
	return e;
}

int plat_admin_dir_create(char *out, size_t n)
{
	wchar_t win[MAX_PATH], path[MAX_PATH + 64];
	BCRYPT_ALG_HANDLE rng;
	UINT len = GetSystemWindowsDirectoryW(win, MAX_PATH);
	unsigned i;
	int e = EEXIST;
	char *u;
	if (len == 0 || len >= MAX_PATH)
		return EIO;
	/* A name that exists is never reused: whoever made it chose its DACL.
	 * CreateDirectoryW fails on an existing name (and on a link planted
	 * there), so the directory used is always the one made here, with the
	 * DACL above from its first instant. The name ends in 32 random bits,
	 * so a user who creates folders in %SystemRoot%\Temp cannot take every
	 * name the next run would try. */
	if (BCryptOpenAlgorithmProvider(&rng, BCRYPT_RNG_ALGORITHM, NULL, 0) != 0)
		rng = NULL;
	for (i = 0; i < 100 && e == EEXIST; i++) {
		ULONG rnd = 0;
		if (rng)
			(void)BCryptGenRandom(rng, (PUCHAR)&rnd, sizeof rnd, 0);
		if (_snwprintf(path, sizeof path / sizeof path[0], L"%ls\\Temp\\acskit-%lu-%lu-%08lx", win,
		               (unsigned long)GetCurrentProcessId(), (unsigned long)GetTickCount(),
		               (unsigned long)(rnd ^ i)) < 0)
			break;
		e = make_admin_dir(path);
	}
	if (rng)
		BCryptCloseAlgorithmProvider(rng, 0);
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

/* Removes dir and what it holds, depth first. An entry that is a reparse
 * point (a junction, a symbolic link) is removed as the link, never
 * entered: what it points to is not touched. */
static int remove_tree(const wchar_t *dir, int depth)
{
	wchar_t pat[MAX_PATH * 2], sub[MAX_PATH * 2];
	WIN32_FIND_DATAW fd;
	HANDLE h;
	int e = 0;
	if (depth > 32 || _snwprintf(pat, sizeof pat / sizeof pat[0], L"%ls\\*", dir) < 0)
		return ENAMETOOLONG;
	pat[sizeof pat / sizeof pat[0] - 1] = 0;
	if ((h = FindFirstFileW(pat, &fd)) != INVALID_HANDLE_VALUE) {
		do {
			int isdir = (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
			int link = (fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
			int r;
			if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
				continue;
			if (_snwprintf(sub, sizeof sub / sizeof sub[0], L"%ls\\%ls", dir, fd.cFileName) < 0) {
				e = ENAMETOOLONG;
				continue;
			}
			sub[sizeof sub / sizeof sub[0] - 1] = 0;
			if (fd.dwFileAttributes & FILE_ATTRIBUTE_READONLY)
				(void)SetFileAttributesW(sub, fd.dwFileAttributes & ~(DWORD)FILE_ATTRIBUTE_READONLY);
			if (isdir && !link)
				r = remove_tree(sub, depth + 1);
			else
				r = (isdir ? RemoveDirectoryW(sub) : DeleteFileW(sub)) ? 0 : w32_map_error(GetLastError());
			if (r && !e)
				e = r;
		} while (FindNextFileW(h, &fd));
		FindClose(h);
	}
	if (!RemoveDirectoryW(dir) && !e)
		e = w32_map_error(GetLastError());
	return e;
}

int plat_dir_remove(const char *path)
{
	wchar_t *w = w32_widen(path);
	int e;
	if (!w)
		return ENOMEM;
	e = remove_tree(w, 0);
	free(w);
	return e;
}

/* The process token's default owner becomes Administrators, once: the
 * installers get a copy of the token, so what they create (DISM's scratch
 * files) is owned by Administrators too, not by the administrator's own
 * account under the "Default owner ...: Object creator" policy. Best
 * effort: where it fails, those files have the token's default owner, as
 * before, inside the admin-only directory. */
static void default_owner_admins(void)
{
	static int done;
	HANDLE tok;
	union {
		SID sid;
		BYTE b[SECURITY_MAX_SID_SIZE];
	} ba;
	DWORD n = sizeof ba;
	TOKEN_OWNER owner;
	if (done)
		return;
	done = 1;
	if (!CreateWellKnownSid(WinBuiltinAdministratorsSid, NULL, &ba.sid, &n))
		return;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_DEFAULT | TOKEN_QUERY, &tok))
		return;
	owner.Owner = &ba.sid;
	(void)SetTokenInformation(tok, TokenOwner, &owner, sizeof owner);
	CloseHandle(tok);
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

static int installer_path(enum plat_installer kind, wchar_t *exe, size_t n)
{
	wchar_t tools[MAX_PATH + 16];
	int e = system_tools_dir(tools, sizeof tools / sizeof tools[0]);
	if (e != 0)
		return e;
	if (_snwprintf(exe, n, L"%ls\\%ls", tools, kind == PLAT_INSTALLER_DISM ? L"dism.exe" : L"wusa.exe") < 0)
		return ENAMETOOLONG;
	return 0;
}

int plat_installer_present(enum plat_installer kind)
{
	wchar_t exe[MAX_PATH + 32];
	DWORD a;
	if (installer_path(kind, exe, sizeof exe / sizeof exe[0]) != 0)
		return 0;
	a = GetFileAttributesW(exe);
	return a != INVALID_FILE_ATTRIBUTES && !(a & FILE_ATTRIBUTE_DIRECTORY);
}

/* Environment entries by name, case-insensitively ("=C:=..." first). */
static int env_name_cmp(const void *a, const void *b)
{
	const wchar_t *x = *(const wchar_t *const *)a, *y = *(const wchar_t *const *)b;
	for (;; x++, y++) {
		wchar_t cx = *x == L'=' ? 0 : towupper(*x), cy = *y == L'=' ? 0 : towupper(*y);
		if (cx != cy || !cx)
			return cx < cy ? -1 : cx > cy;
	}
}

static int env_overridden(const wchar_t *entry)
{
	static const wchar_t *const names[] = {L"TEMP",   L"TMP",         L"SystemRoot",    L"windir",
	                                       L"PATH",   L"ComSpec",     L"SystemDrive",   L"__COMPAT_LAYER"};
	size_t i, n;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		n = wcslen(names[i]);
		if (!_wcsnicmp(entry, names[i], n) && entry[n] == L'=')
			return 1;
	}
	return 0;
}

/* The installer's environment: the runner's own, but for the variables
 * that name places, which come from the system, not from the user who
 * elevated (HKCU\Environment, which that user's non-elevated processes can
 * change): TEMP and TMP are tmpdir, inside the package's admin-only
 * directory (DISM and the CBS code it loads would otherwise expand packages
 * in the user's %TEMP%), SystemRoot and windir the Windows directory, PATH
 * the system directories, ComSpec the system's cmd.exe, SystemDrive the
 * Windows drive; and no __COMPAT_LAYER (compatibility shims the user chose
 * for the programs they start). Sorted by name, case-insensitively, as
 * Windows keeps an environment block. Returns a block to free, or NULL. */
static wchar_t *installer_env(const wchar_t *win, const wchar_t *tmpdir)
{
	enum { MINE = 7 };
	wchar_t mine[MINE][MAX_PATH * 4];
	wchar_t *cur = GetEnvironmentStringsW(), *p, *block = NULL, *o;
	const wchar_t **v = NULL;
	size_t n = 0, i, chars = 1;
	if (!cur)
		return NULL;
	(void)_snwprintf(mine[0], MAX_PATH * 4 - 1, L"TEMP=%ls", tmpdir);
	(void)_snwprintf(mine[1], MAX_PATH * 4 - 1, L"TMP=%ls", tmpdir);
	(void)_snwprintf(mine[2], MAX_PATH * 4 - 1, L"SystemRoot=%ls", win);
	(void)_snwprintf(mine[3], MAX_PATH * 4 - 1, L"windir=%ls", win);
	(void)_snwprintf(mine[4], MAX_PATH * 4 - 1, L"PATH=%ls\\System32;%ls;%ls\\System32\\Wbem", win, win, win);
	(void)_snwprintf(mine[5], MAX_PATH * 4 - 1, L"ComSpec=%ls\\System32\\cmd.exe", win);
	(void)_snwprintf(mine[6], MAX_PATH * 4 - 1, L"SystemDrive=%.2ls", win);
	for (i = 0; i < MINE; i++)
		mine[i][MAX_PATH * 4 - 1] = 0;
	for (p = cur; *p; p += wcslen(p) + 1)
		n++;
	if (!(v = malloc((n + MINE) * sizeof *v)))
		goto done;
	n = 0;
	for (p = cur; *p; p += wcslen(p) + 1)
		if (!env_overridden(p))
			v[n++] = p;
	for (i = 0; i < MINE; i++)
		v[n++] = mine[i];
	qsort(v, n, sizeof *v, env_name_cmp);
	for (i = 0; i < n; i++)
		chars += wcslen(v[i]) + 1;
	if (!(block = malloc(chars * sizeof *block)))
		goto done;
	for (o = block, i = 0; i < n; i++) {
		size_t len = wcslen(v[i]) + 1;
		wmemcpy(o, v[i], len);
		o += len;
	}
	*o = 0;
done:
	free(v);
	FreeEnvironmentStringsW(cur);
	return block;
}

int plat_run_installer(enum plat_installer kind, const char *file, uint32_t *exit_code, char *cmd, size_t n)
{
	static wchar_t line[4096];
	wchar_t exe[MAX_PATH + 32], win[MAX_PATH], sys32[MAX_PATH + 16], pkgdir[MAX_PATH * 2], tmpdir[MAX_PATH * 2 + 8];
	wchar_t *wfile, *env, *slash;
	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	DWORD code = 0;
	UINT len = GetSystemWindowsDirectoryW(win, MAX_PATH);
	char *u;
	int e, k;
	cmd[0] = '\0';
	if (len == 0 || len >= MAX_PATH)
		return EIO;
	if ((e = installer_path(kind, exe, sizeof exe / sizeof exe[0])) != 0)
		return e;
	if (_snwprintf(sys32, sizeof sys32 / sizeof sys32[0], L"%ls\\System32", win) < 0)
		return ENAMETOOLONG;
	/* The file name is the runner's own (a directory it made, an entry name
	 * of [A-Za-z0-9._-]), so it holds no quote to escape. */
	if (!(wfile = w32_widen(file)))
		return ENOMEM;
	slash = wcsrchr(wfile, L'\\');
	if (wcschr(wfile, L'"') || !slash || (size_t)(slash - wfile) >= sizeof pkgdir / sizeof pkgdir[0]) {
		free(wfile);
		return EINVAL;
	}
	wmemcpy(pkgdir, wfile, (size_t)(slash - wfile));
	pkgdir[slash - wfile] = 0;
	/* The installers' temporary files go to a tmp directory inside the
	 * package's admin-only one (made the same way; plat_dir_remove takes
	 * it and whatever they leave there). */
	if (_snwprintf(tmpdir, sizeof tmpdir / sizeof tmpdir[0], L"%ls\\tmp", pkgdir) < 0) {
		free(wfile);
		return ENAMETOOLONG;
	}
	if ((e = make_admin_dir(tmpdir)) != 0 && e != EEXIST) {
		free(wfile);
		return e;
	}
	default_owner_admins();
	/* DISM's scratch directory is that tmp directory too: by default it
	 * expands into %TEMP%. */
	k = kind == PLAT_INSTALLER_DISM
	        ? _snwprintf(line, sizeof line / sizeof line[0],
	                     L"\"%ls\" /Online /Add-Package \"/PackagePath:%ls\" \"/ScratchDir:%ls\" /Quiet /NoRestart", exe,
	                     wfile, tmpdir)
	        : _snwprintf(line, sizeof line / sizeof line[0], L"\"%ls\" \"%ls\" /quiet /norestart", exe, wfile);
	free(wfile);
	if (k < 0)
		return ENAMETOOLONG;
	if (!(env = installer_env(win, tmpdir)))
		return ENOMEM;
	if ((u = w32_narrow(line)) != NULL) {
		(void)snprintf(cmd, n, "%s", u);
		free(u);
	}
	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	/* lpApplicationName is the full path: CreateProcessW then searches
	 * nothing (no current directory, no PATH). The current directory is
	 * %SystemRoot%\System32, never the medium the kit came from; named so
	 * even for a 32-bit runner (the installer is 64-bit and sees the real
	 * System32; Sysnative exists only for 32-bit processes). */
	if (!CreateProcessW(exe, line, NULL, NULL, FALSE, CREATE_UNICODE_ENVIRONMENT, env, sys32, &si, &pi)) {
		e = w32_map_error(GetLastError());
		free(env);
		return e;
	}
	free(env);
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
