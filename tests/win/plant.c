/* A planted DLL for the DLL-planting test (tests/wine.sh): built as bcrypt.dll
 * and crypt32.dll and put beside an exe. When a process loads it, it leaves
 * "planted-<its name>.txt" beside itself, which the test looks for. It exports
 * nothing, so a process that binds to it cannot go on as if nothing happened. */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved);

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	wchar_t path[MAX_PATH + 32];
	DWORD n, i, slash = 0;
	(void)reserved;
	if (reason != DLL_PROCESS_ATTACH)
		return TRUE;
	n = GetModuleFileNameW(inst, path, MAX_PATH);
	if (n == 0 || n >= MAX_PATH)
		return TRUE;
	for (i = 0; i < n; i++)
		if (path[i] == L'\\' || path[i] == L'/')
			slash = i + 1;
	{
		wchar_t name[MAX_PATH + 32];
		static const wchar_t pre[] = L"planted-";
		DWORD k = 0, j;
		for (j = 0; j < slash; j++)
			name[k++] = path[j];
		for (j = 0; pre[j]; j++)
			name[k++] = pre[j];
		for (j = slash; j < n; j++)
			name[k++] = path[j];
		name[k++] = L'.';
		name[k++] = L't';
		name[k++] = L'x';
		name[k++] = L't';
		name[k] = 0;
		CloseHandle(CreateFileW(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL));
	}
	return TRUE;
}
