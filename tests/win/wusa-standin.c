/* Test helper (Windows only, not shipped): a recording stand-in for wusa.exe
 * and dism.exe, copied over them at C:\windows\system32 in a throwaway Wine
 * prefix by tests/install.sh. Wine's own wusa.exe cannot install a test .msu
 * (it returns 1 on packages it cannot handle) and Wine has no DISM, so this
 * plays the installer at its real path, where the runner looks for it.
 *
 * For each run it
 *  - appends one line to C:\acskit-standin\log.txt:
 *      <its own file name> TAB <the command line it got> TAB <SHA-256 of the
 *      package file it got, or "unreadable"> TAB <KB> TAB <exit code, hex>
 *      TAB <its TEMP> TAB <its TMP> TAB <its PATH> TAB <its current directory>
 *      TAB <its SystemRoot> TAB <its windir> TAB <the package file's owner SID>
 *      TAB <the owner SID of a file it creates in its TEMP> TAB <its ComSpec>
 *      TAB <its SystemDrive> TAB <its __COMPAT_LAYER, "-" if none>
 *  - leaves, like DISM, a file and a folder with a file in its TEMP;
 *  - takes its exit code from C:\acskit-standin\codes.txt, lines
 *      "KBnnnnnnn CODE" (CODE decimal or 0x hex); no line: 0;
 *  - writes the CBS state a real install leaves: exit 0 gives
 *      ...\Component Based Servicing\Packages\Package_for_KBn~31bf3856ad364e35~amd64~~6.1.1.0
 *    CurrentState 0x70; 3010 gives 0x60 (install pending) and the
 *    ...\Component Based Servicing\RebootPending key; other codes write nothing.
 * When C:\acskit-standin\tamper exists, it also appends a byte to every other
 * file in the package's directory (the runner's extraction directory): what a
 * process with administrator rights could do between extraction and the
 * next installer, which the runner's check just before use must catch.
 * The KB is the first "kb" followed by digits in the package file's name, as
 * in Microsoft's names (windows6.1-kb4474419-v3-x64.msu). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <aclapi.h>
#include <bcrypt.h>
#include <sddl.h>

#define DIR L"C:\\acskit-standin"
#define CBS L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing"

static void sha256_file(const wchar_t *path, char hex[65])
{
	BCRYPT_ALG_HANDLE alg;
	BCRYPT_HASH_HANDLE h;
	unsigned char buf[65536], out[32];
	DWORD n;
	HANDLE f = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	int i;
	(void)snprintf(hex, 65, "%s", "unreadable");
	if (f == INVALID_HANDLE_VALUE)
		return;
	if (BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0) != 0) {
		CloseHandle(f);
		return;
	}
	if (BCryptCreateHash(alg, &h, NULL, 0, NULL, 0, 0) == 0) {
		while (ReadFile(f, buf, sizeof buf, &n, NULL) && n > 0)
			BCryptHashData(h, buf, n, 0);
		if (BCryptFinishHash(h, out, 32, 0) == 0)
			for (i = 0; i < 32; i++)
				snprintf(hex + 2 * i, 3, "%02x", out[i]);
		BCryptDestroyHash(h);
	}
	BCryptCloseAlgorithmProvider(alg, 0);
	CloseHandle(f);
}

/* The owner of path as a SID string ("S-1-5-32-544"), or "?". */
static void owner_of(const wchar_t *path, wchar_t *out, size_t n)
{
	PSID owner = NULL;
	PSECURITY_DESCRIPTOR sd = NULL;
	wchar_t *s = NULL;
	_snwprintf(out, n - 1, L"?");
	out[n - 1] = 0;
	if (GetNamedSecurityInfoW(path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner, NULL, NULL, NULL, &sd) ==
	        ERROR_SUCCESS &&
	    owner && ConvertSidToStringSidW(owner, &s)) {
		_snwprintf(out, n - 1, L"%ls", s);
		LocalFree(s);
	}
	if (sd)
		LocalFree(sd);
}

/* What DISM leaves in its scratch directory: a file, and a folder with a
 * file in it. Returns the first file's path in made. */
static void leave_scratch(const wchar_t *temp, wchar_t *made, size_t n)
{
	wchar_t sub[MAX_PATH];
	FILE *f;
	_snwprintf(made, n - 1, L"%ls\\standin-%lu.tmp", temp, (unsigned long)GetCurrentProcessId());
	made[n - 1] = 0;
	if ((f = _wfopen(made, L"wb")) != NULL) {
		fputs("scratch", f);
		fclose(f);
	}
	_snwprintf(sub, MAX_PATH - 1, L"%ls\\{standin-%lu}", temp, (unsigned long)GetCurrentProcessId());
	sub[MAX_PATH - 1] = 0;
	if (CreateDirectoryW(sub, NULL)) {
		wcsncat(sub, L"\\DismHost.exe", MAX_PATH - 1 - wcslen(sub));
		if ((f = _wfopen(sub, L"wb")) != NULL) {
			fputs("scratch", f);
			fclose(f);
		}
	}
}

/* "KB" and the digits after the first "kb" in the file name, or "KB?". */
static void kb_of(const wchar_t *path, char kb[16])
{
	const wchar_t *base = wcsrchr(path, L'\\'), *p;
	size_t n = 2;
	base = base ? base + 1 : path;
	(void)snprintf(kb, 16, "%s", "KB?");
	for (p = base; *p; p++)
		if ((p[0] == L'k' || p[0] == L'K') && (p[1] == L'b' || p[1] == L'B') && p[2] >= L'0' && p[2] <= L'9') {
			kb[0] = 'K', kb[1] = 'B';
			for (p += 2; *p >= L'0' && *p <= L'9' && n < 14; p++)
				kb[n++] = (char)*p;
			kb[n] = 0;
			return;
		}
}

static DWORD code_for(const char *kb)
{
	char line[200], k[32], c[32];
	FILE *f = _wfopen(DIR L"\\codes.txt", L"rb");
	DWORD code = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "%31s %31s", k, c) == 2 && !_stricmp(k, kb))
			code = (DWORD)strtoul(c, NULL, 0);
	fclose(f);
	return code;
}

static void cbs_state(const char *kb, DWORD state, int reboot)
{
	wchar_t path[512];
	HKEY key;
	_snwprintf(path, 511, CBS L"\\Packages\\Package_for_%hs~31bf3856ad364e35~amd64~~6.1.1.0", kb);
	path[511] = 0;
	if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL) ==
	    ERROR_SUCCESS) {
		RegSetValueExW(key, L"CurrentState", 0, REG_DWORD, (const BYTE *)&state, sizeof state);
		RegCloseKey(key);
	}
	if (reboot && RegCreateKeyExW(HKEY_LOCAL_MACHINE, CBS L"\\RebootPending", 0, NULL, 0,
	                              KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL) == ERROR_SUCCESS)
		RegCloseKey(key);
}

/* Appends one byte to each file beside path but path itself. */
static void tamper_siblings(const wchar_t *path)
{
	wchar_t dir[MAX_PATH], pat[MAX_PATH + 4], other[2 * MAX_PATH];
	const wchar_t *slash = wcsrchr(path, L'\\');
	WIN32_FIND_DATAW fd;
	HANDLE h;
	size_t n = slash ? (size_t)(slash - path) : 0;
	if (!n || n >= MAX_PATH)
		return;
	wmemcpy(dir, path, n);
	dir[n] = 0;
	_snwprintf(pat, MAX_PATH + 3, L"%ls\\*", dir);
	pat[MAX_PATH + 3] = 0;
	if ((h = FindFirstFileW(pat, &fd)) == INVALID_HANDLE_VALUE)
		return;
	do {
		FILE *f;
		if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY || !_wcsicmp(fd.cFileName, slash + 1))
			continue;
		_snwprintf(other, 2 * MAX_PATH - 1, L"%ls\\%ls", dir, fd.cFileName);
		other[2 * MAX_PATH - 1] = 0;
		if ((f = _wfopen(other, L"ab")) != NULL) {
			fputc('x', f);
			fclose(f);
		}
	} while (FindNextFileW(h, &fd));
	FindClose(h);
}

int wmain(int argc, wchar_t **argv);
int wmain(int argc, wchar_t **argv)
{
	wchar_t self[MAX_PATH];
	const wchar_t *file = NULL, *name;
	char hex[65], kb[16];
	DWORD code;
	FILE *log;
	int i;
	GetModuleFileNameW(NULL, self, MAX_PATH);
	name = wcsrchr(self, L'\\');
	name = name ? name + 1 : self;
	for (i = 1; i < argc && !file; i++) {
		if (!_wcsnicmp(argv[i], L"/PackagePath:", 13))
			file = argv[i] + 13;
		else if (argv[i][0] != L'/')
			file = argv[i];
	}
	if (!file)
		file = L"";
	sha256_file(file, hex);
	kb_of(file, kb);
	code = code_for(kb);
	CreateDirectoryW(DIR, NULL);
	log = _wfopen(DIR L"\\log.txt", L"ab");
	if (log) {
		wchar_t temp[MAX_PATH] = L"", tmp[MAX_PATH] = L"", path[4096] = L"", cwd[MAX_PATH] = L"";
		wchar_t root[MAX_PATH] = L"", windir[MAX_PATH] = L"", pkg_owner[200], made[MAX_PATH], made_owner[200];
		wchar_t comspec[MAX_PATH] = L"", drive[MAX_PATH] = L"", compat[MAX_PATH] = L"-";
		GetEnvironmentVariableW(L"TEMP", temp, MAX_PATH);
		GetEnvironmentVariableW(L"TMP", tmp, MAX_PATH);
		GetEnvironmentVariableW(L"PATH", path, 4096);
		GetEnvironmentVariableW(L"SystemRoot", root, MAX_PATH);
		GetEnvironmentVariableW(L"windir", windir, MAX_PATH);
		GetEnvironmentVariableW(L"ComSpec", comspec, MAX_PATH);
		GetEnvironmentVariableW(L"SystemDrive", drive, MAX_PATH);
		GetEnvironmentVariableW(L"__COMPAT_LAYER", compat, MAX_PATH);
		GetCurrentDirectoryW(MAX_PATH, cwd);
		owner_of(file, pkg_owner, 200);
		leave_scratch(temp, made, MAX_PATH);
		owner_of(made, made_owner, 200);
		fprintf(log, "%ls\t%ls\t%s\t%s\t0x%08lX\t%ls\t%ls\t%ls\t%ls\t%ls\t%ls\t%ls\t%ls\t%ls\t%ls\t%ls\n", name,
		        GetCommandLineW(), hex, kb, (unsigned long)code, temp, tmp, path, cwd, root, windir, pkg_owner,
		        made_owner, comspec, drive, compat);
		fclose(log);
	}
	if (GetFileAttributesW(DIR L"\\tamper") != INVALID_FILE_ATTRIBUTES)
		tamper_siblings(file);
	if (code == 0)
		cbs_state(kb, 0x70, 0);
	else if (code == 3010)
		cbs_state(kb, 0x60, 1);
	return (int)code;
}
