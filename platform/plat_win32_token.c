/* Win32 side of plat.h: the process and its token. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

int plat_is_elevated(void)
{
	HANDLE t;
	TOKEN_ELEVATION te;
	DWORD n = 0;
	int rc = -1;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &t))
		return -1;
	if (GetTokenInformation(t, TokenElevation, &te, sizeof te, &n) && n == sizeof te)
		rc = te.TokenIsElevated ? 1 : 0;
	CloseHandle(t);
	return rc;
}
