/* A tiny test header: CHECK records a result and prints "ok - ..." or
 * "not ok - ..."; t_done prints "N passed, N failed" and gives the exit code.
 * tests/run.sh adds the counts of every suite. */
#ifndef ACSKIT_T_H
#define ACSKIT_T_H

#include <stdio.h>

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

static int t_done(void)
{
	printf("%d passed, %d failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}

#endif
