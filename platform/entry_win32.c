/* Windows entry point: wmain receives UTF-16 arguments; convert them to UTF-8
 * once (as git's compat/mingw.c does) and run the portable tool_main.
 *
 * Before anything else it closes the DLL search to System32 (issue 12, item
 * 2). The runbook has operators run acskit-run.exe from the medium, elevated
 * for apply: a bcrypt.dll, crypt32.dll or wintrust.dll beside it would
 * otherwise load into that process, since none is a KnownDLL and the
 * application directory comes first in the default search order. So:
 *  - the exe imports them through delay-load thunks (scripts/delaylib.sh; GNU
 *    ld has no /DELAYLOAD), so the loader maps none of them at start;
 *  - SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32) restricts every
 *    later load (theirs, their dependencies', the CSPs CryptoAPI loads) to
 *    System32. It is resolved by GetProcAddress: Windows 7 without KB2533623
 *    lacks it, and the import list keeps the Windows 7 floor;
 *  - SetDllDirectoryW(L"") takes the current directory out of the search;
 *  - the delay-load hook loads each DLL by its full System32 path, with
 *    LOAD_LIBRARY_SEARCH_SYSTEM32 where available, else with
 *    LOAD_WITH_ALTERED_SEARCH_PATH, so that on an unpatched Windows 7 its
 *    dependencies are searched from System32 and not the application
 *    directory.
 * Chosen over LoadLibraryExW and function pointers: the 39 functions stay
 * ordinary calls in the platform files, and the import check still sees them. */
#include "entry.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <delayimp.h>

#ifndef LOAD_LIBRARY_SEARCH_SYSTEM32
#define LOAD_LIBRARY_SEARCH_SYSTEM32 0x00000800
#endif

int wmain(int argc, wchar_t **wargv);

typedef BOOL(WINAPI *set_default_dll_directories_fn)(DWORD);

static DWORD system32_flags = LOAD_WITH_ALTERED_SEARCH_PATH;

/* Loads a delay-loaded DLL from System32 by its full path; NULL (the helper
 * then fails the call) for any name that is not a plain file name. */
static FARPROC WINAPI load_from_system32(unsigned note, PDelayLoadInfo info)
{
	wchar_t path[MAX_PATH + 1];
	UINT n;
	size_t i;
	if (note != dliNotePreLoadLibrary)
		return NULL;
	n = GetSystemDirectoryW(path, MAX_PATH);
	if (n == 0 || n >= MAX_PATH - 2)
		return NULL;
	path[n++] = L'\\';
	for (i = 0; info->szDll[i]; i++) {
		unsigned char c = (unsigned char)info->szDll[i];
		if (n + 1 >= MAX_PATH || c == '\\' || c == '/' || c == ':' || c < 0x20 || c >= 0x7F)
			return NULL;
		path[n++] = (wchar_t)c;
	}
	path[n] = L'\0';
	/* The helper wants the HMODULE back as a FARPROC (its documented use);
	 * ISO C has no cast between object and function pointers, so copy. */
	{
		HMODULE h = LoadLibraryExW(path, NULL, system32_flags);
		FARPROC f = NULL;
		_Static_assert(sizeof h == sizeof f, "HMODULE and FARPROC differ in size");
		memcpy(&f, &h, sizeof f);
		return f;
	}
}

static void restrict_dll_search(void)
{
	HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
	set_default_dll_directories_fn set_dirs =
	    k32 ? (set_default_dll_directories_fn)(void (*)(void))GetProcAddress(k32, "SetDefaultDllDirectories") : NULL;
	if (set_dirs && set_dirs(LOAD_LIBRARY_SEARCH_SYSTEM32))
		system32_flags = LOAD_LIBRARY_SEARCH_SYSTEM32;
	(void)SetDllDirectoryW(L"");
	__pfnDliNotifyHook2 = load_from_system32;
}

int wmain(int argc, wchar_t **wargv)
{
	char **argv;
	int i;
	restrict_dll_search();
	argv = calloc((size_t)argc + 1, sizeof *argv);
	if (!argv)
		return 9;
	for (i = 0; i < argc; i++) {
		int n = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0, NULL, NULL);
		argv[i] = n > 0 ? malloc((size_t)n) : NULL;
		if (!argv[i] || WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, argv[i], n, NULL, NULL) != n)
			return 9;
	}
	return tool_main(argc, argv);
}
