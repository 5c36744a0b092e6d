/* The runner's output files (--json, --csv, --html): written whole through a
 * temporary file beside the target and renamed over it, so a fleet tool or a
 * browser never reads half a file. */
#include <stdio.h>

#include "exitcodes.h"
#include "plat.h"
#include "print.h"
#include "runner.h"

int runner_write_file(const char *path, const void *data, size_t len, const char *option, const char *what)
{
	char tmp[4200];
	plat_file *f;
	int e;
	if (snprintf(tmp, sizeof tmp, "%s.acskit-partial-%lu", path, plat_pid()) >= (int)sizeof tmp) {
		complain("--%s %s: path too long", option, path);
		return EXIT_USAGE;
	}
	(void)plat_remove(tmp);
	e = plat_open(tmp, PLAT_CREATE_NEW, &f);
	if (!e) {
		e = plat_write(f, data ? data : "", len);
		if (e)
			plat_close(f);
		else
			e = plat_close(f);
		if (!e)
			e = plat_rename_replace(tmp, path);
		if (e)
			(void)plat_remove(tmp);
	}
	if (e) {
		complain("cannot write the %s %s: %s", what, path, plat_strerror(e));
		return EXIT_IO;
	}
	return EXIT_OK;
}
