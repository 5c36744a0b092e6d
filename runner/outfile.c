/* The runner's output files (--json, --csv, --html): written whole through a
 * temporary file beside the target and renamed over it, so a fleet tool or a
 * browser never reads half a file. */
#include <stdio.h>
#include <string.h>

#include "exitcodes.h"
#include "json.h"
#include "msg.h"
#include "plat.h"
#include "print.h"
#include "runner.h"

int runner_write_file(const char *path, const void *data, size_t len, const char *option, const char *what)
{
	char tmp[4200];
	plat_file *f;
	int e;
	if (snprintf(tmp, sizeof tmp, "%s.acskit-partial-%lu", path, plat_pid()) >= (int)sizeof tmp) {
		msg_complain(M_OUT_TOO_LONG, option, path);
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
		{
			char en[600], local[1200];
			const char *w = !strcmp(what, "report") ? T(M_OUT_REPORT) : what;
			(void)snprintf(en, sizeof en, msg_in(MSG_EN, M_OUT_CANNOT_WRITE), what, path, plat_strerror(e));
			(void)snprintf(local, sizeof local, T(M_OUT_CANNOT_WRITE), w, path, msg_strerror(e));
			msg_complain_texts(en, local);
		}
		return EXIT_IO;
	}
	return EXIT_OK;
}

int runner_write_report(const char *path, struct json *j, const char *outcome, const char *summary,
                        const char *error, int exit_code)
{
	int e;
	json_string(j, "outcome", outcome);
	json_string(j, "summary", summary[0] ? summary : NULL);
	json_string(j, "error", error[0] ? error : NULL);
	json_int(j, "exit_code", exit_code);
	json_object_end(j);
	if (json_finish(j)) {
		json_free(j);
		msg_complain(M_JSON_OOM);
		return EXIT_INTERNAL;
	}
	/* Through a temporary file: a fleet tool never reads half a report. */
	e = runner_write_file(path, j->buf, j->len, "json", "report");
	json_free(j);
	return e;
}
