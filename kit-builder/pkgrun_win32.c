/* pkgrun_capture on Windows: the builder does not run osslsigncode there
 * (Debian's package is the one documented; a Windows port's output and exit
 * codes are not tested), so every package is "signature not checked". */
#include "pkgcheck.h"

int pkgrun_capture(const char *prog, const char *const *argv, char **out, int *status)
{
	(void)prog;
	(void)argv;
	*out = NULL;
	*status = -1;
	return PKGRUN_NOT_FOUND;
}
