#include "print.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "plat.h"

static const char *program = "acskit";
static char last[512];

const char *print_last_complaint(void)
{
	return last;
}

void print_set_last_complaint(const char *text)
{
	(void)snprintf(last, sizeof last, "%s", text);
}

void print_set_program(const char *name)
{
	program = name;
}

static void vput(int to_stderr, const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char small[2048], *buf = small;
	va_list copy;
	int n;
	va_copy(copy, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0) {
		va_end(copy);
		return;
	}
	/* Long listings (show) do not fit the stack buffer: format again on the heap. */
	if ((size_t)n >= sizeof small) {
		buf = malloc((size_t)n + 1);
		if (!buf || vsnprintf(buf, (size_t)n + 1, fmt, copy) < 0) {
			free(buf);
			va_end(copy);
			return;
		}
	}
	va_end(copy);
	if (prefix)
		plat_write_text(to_stderr, prefix);
	plat_write_text(to_stderr, buf);
	if (suffix)
		plat_write_text(to_stderr, suffix);
	if (buf != small)
		free(buf);
}

void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vput(0, NULL, fmt, ap, NULL);
	va_end(ap);
}

void complain(const char *fmt, ...)
{
	va_list ap;
	char prefix[64];
	(void)snprintf(prefix, sizeof prefix, "%s: ", program);
	va_start(ap, fmt);
	(void)vsnprintf(last, sizeof last, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vput(1, prefix, fmt, ap, "\n");
	va_end(ap);
}
