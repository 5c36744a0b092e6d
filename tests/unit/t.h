/* A tiny test header: CHECK records a result and prints "ok - ..." or
 * "not ok - ..."; t_done prints "N passed, N failed" and gives the exit code.
 * tests/run.sh adds the counts of every suite. */
#ifndef ACSKIT_T_H
#define ACSKIT_T_H

#include <stdio.h>
#include <stdlib.h>

static int t_pass, t_fail;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (cond) {                                                    \
			t_pass++;                                              \
			printf("ok - ");                                       \
		} else {                                                       \
			t_fail++;                                              \
			printf("not ok - %s:%d: ", __FILE__, __LINE__);        \
		}                                                              \
		printf(__VA_ARGS__);                                           \
		printf("\n");                                                  \
	} while (0)

/* Reads a whole file into a malloc'd buffer (one spare byte). NULL on error. */
static inline unsigned char *t_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long n;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

static int t_done(void)
{
	printf("%d passed, %d failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}

#endif
