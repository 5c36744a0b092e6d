/* Windows entry point: wmain receives UTF-16 arguments; convert them to UTF-8
 * once (as git's compat/mingw.c does) and run the portable tool_main. */
#include "entry.h"

#include <stdlib.h>
#include <windows.h>

int wmain(int argc, wchar_t **wargv);

int wmain(int argc, wchar_t **wargv)
{
	char **argv = calloc((size_t)argc + 1, sizeof *argv);
	int i;
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
