/* Test helper (Windows only, not shipped): runs a command line with this
 * process's linked token, the filtered one UAC gives an administrator who has
 * not elevated, so that the child sees TokenIsElevated = 0.
 *
 *   unelevated.exe PROGRAM [ARGS...]    exit code: the child's, or 120+ on failure
 *   unelevated.exe --unreadable-token PROGRAM [ARGS...]
 *
 * Under Wine every process starts elevated; this is how tests/machine.sh
 * checks that apply and remove refuse a non-elevated caller. With
 * --unreadable-token the child keeps this process's token, but before it runs
 * the token's DACL is made empty, so the child cannot open its own token for
 * TOKEN_QUERY: the runner's "token could not be read" branch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <aclapi.h>

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

/* The child's command line from argv[1..] into cmd, and its start-up
 * information: this process's standard handles, inherited. */
static void child(wchar_t *cmd, size_t cap, int argc, wchar_t **argv, STARTUPINFOW *si)
{
	int i;
	cmd[0] = 0;
	for (i = 1; i < argc; i++)
		append(cmd, cap, argv[i]);
	memset(si, 0, sizeof *si);
	si->cb = sizeof *si;
	si->dwFlags = STARTF_USESTDHANDLES;
	si->hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si->hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
	si->hStdError = GetStdHandle(STD_ERROR_HANDLE);
}

/* Runs argv[1..] with this process's token, its DACL emptied before the
 * child's first instruction. */
static int unreadable_token(int argc, wchar_t **argv)
{
	static wchar_t cmd[32768];
	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	HANDLE tok, probe;
	ACL empty;
	DWORD code, e;
	if (argc < 2) {
		fprintf(stderr, "unelevated: --unreadable-token needs a program\n");
		return 120;
	}
	child(cmd, sizeof cmd / sizeof cmd[0], argc, argv, &si);
	if (!CreateProcessW(NULL, cmd, NULL, NULL, TRUE, CREATE_SUSPENDED, NULL, NULL, &si, &pi)) {
		fprintf(stderr, "unelevated: CreateProcessW failed (error %lu)\n", (unsigned long)GetLastError());
		return 124;
	}
	if (!InitializeAcl(&empty, sizeof empty, ACL_REVISION) ||
	    !OpenProcessToken(pi.hProcess, WRITE_DAC | READ_CONTROL, &tok) ||
	    (e = SetSecurityInfo(tok, SE_KERNEL_OBJECT, DACL_SECURITY_INFORMATION, NULL, NULL, &empty, NULL)) !=
	        ERROR_SUCCESS) {
		fprintf(stderr, "unelevated: cannot empty the child's token DACL (error %lu)\n",
		        (unsigned long)GetLastError());
		TerminateProcess(pi.hProcess, 126);
		return 126;
	}
	CloseHandle(tok);
	/* The child opens its own token the same way: it must fail here too. */
	if (OpenProcessToken(pi.hProcess, TOKEN_QUERY, &probe)) {
		CloseHandle(probe);
		fprintf(stderr, "unelevated: the child's token is still readable after emptying its DACL\n");
		TerminateProcess(pi.hProcess, 127);
		return 127;
	}
	ResumeThread(pi.hThread);
	WaitForSingleObject(pi.hProcess, INFINITE);
	if (!GetExitCodeProcess(pi.hProcess, &code))
		code = 125;
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return (int)code;
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
	if (argc < 2) {
		fprintf(stderr, "usage: unelevated [--unreadable-token] PROGRAM [ARGS...]\n");
		return 120;
	}
	if (!wcscmp(argv[1], L"--unreadable-token"))
		return unreadable_token(argc - 1, argv + 1);
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
	child(cmd, sizeof cmd / sizeof cmd[0], argc, argv, &si);
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
