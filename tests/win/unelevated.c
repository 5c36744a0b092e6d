/* Test helper (Windows only, not shipped): runs a command line with this
 * process's linked token, the filtered one UAC gives an administrator who has
 * not elevated, so that the child sees TokenIsElevated = 0.
 *
 *   unelevated.exe PROGRAM [ARGS...]    exit code: the child's, or 120+ on failure
 *
 * Under Wine every process starts elevated; this is how tests/machine.sh
 * checks that apply and remove refuse a non-elevated caller. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

/* Appends arg to cmd, quoted as CommandLineToArgvW reads it. */
static void append(wchar_t *cmd, size_t cap, const wchar_t *arg)
{
	size_t n = wcslen(cmd), i, slashes = 0;
	if (n && n < cap - 1)
		cmd[n++] = L' ';
	if (n < cap - 1)
		cmd[n++] = L'"';
	for (i = 0; arg[i] && n < cap - 4; i++) {
		if (arg[i] == L'\\') {
			slashes++;
		} else {
			if (arg[i] == L'"') {
				while (slashes-- > 0 && n < cap - 4)
					cmd[n++] = L'\\';
				cmd[n++] = L'\\';
			}
			slashes = 0;
		}
		cmd[n++] = arg[i];
	}
	while (slashes-- > 0 && n < cap - 3)
		cmd[n++] = L'\\';
	cmd[n++] = L'"';
	cmd[n] = 0;
}

int wmain(int argc, wchar_t **argv);
int wmain(int argc, wchar_t **argv)
{
	HANDLE tok, primary;
	TOKEN_LINKED_TOKEN lt;
	TOKEN_ELEVATION te;
	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	DWORD n, code;
	static wchar_t cmd[32768];
	int i;
	if (argc < 2) {
		fprintf(stderr, "usage: unelevated PROGRAM [ARGS...]\n");
		return 120;
	}
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_DUPLICATE, &tok) ||
	    !GetTokenInformation(tok, TokenLinkedToken, &lt, sizeof lt, &n)) {
		fprintf(stderr, "unelevated: no linked token (error %lu)\n", (unsigned long)GetLastError());
		return 121;
	}
	if (!DuplicateTokenEx(lt.LinkedToken, TOKEN_ALL_ACCESS, NULL, SecurityImpersonation, TokenPrimary, &primary)) {
		fprintf(stderr, "unelevated: DuplicateTokenEx failed (error %lu)\n", (unsigned long)GetLastError());
		return 122;
	}
	if (GetTokenInformation(primary, TokenElevation, &te, sizeof te, &n) && te.TokenIsElevated) {
		fprintf(stderr, "unelevated: the linked token is elevated too\n");
		return 123;
	}
	cmd[0] = 0;
	for (i = 1; i < argc; i++)
		append(cmd, sizeof cmd / sizeof cmd[0], argv[i]);
	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	if (!CreateProcessAsUserW(primary, NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
		fprintf(stderr, "unelevated: CreateProcessAsUserW failed (error %lu)\n", (unsigned long)GetLastError());
		return 124;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	if (!GetExitCodeProcess(pi.hProcess, &code))
		code = 125;
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return (int)code;
}
