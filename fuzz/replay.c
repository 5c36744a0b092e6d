/* Replays a corpus through a fuzz target without libFuzzer, so every
 * `make check` runs the seeds and every crash ever found:
 *
 *   replay-TARGET FILE_OR_DIR...
 *
 * Prints "ok - TARGET FILE" per input and "N passed, N failed"; an input that
 * crashes the target ends the run with the crash, which the test runner counts. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;
	if (!f)
		return -1;
	for (;;) {
		size_t got;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap ? cap * 2 : 65536);
			if (!nb)
				break;
			buf = nb;
			cap = cap ? cap * 2 : 65536;
		}
		got = fread(buf + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	/* An exact-size copy, so ASan sees reads past the input's end. */
	{
		uint8_t *exact = malloc(n ? n : 1);
		if (!exact) {
			free(buf);
			return -1;
		}
		if (n)
			memcpy(exact, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int i, pass = 0, fail = 0;
	for (i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *de;
			char **names = NULL;
			size_t n = 0, k;
			while (d && (de = readdir(d)) != NULL) {
				char **nn;
				if (de->d_name[0] == '.')
					continue;
				nn = realloc(names, (n + 1) * sizeof *nn);
				if (!nn)
					break;
				names = nn;
				names[n++] = strdup(de->d_name);
			}
			if (d)
				closedir(d);
			qsort(names, n, sizeof *names, cmp);
			for (k = 0; k < n; k++) {
				char path[4096];
				(void)snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
				if (replay_file(path) == 0) {
					pass++;
					printf("ok - replay %s\n", path);
				} else {
					fail++;
					printf("not ok - cannot read %s\n", path);
				}
				free(names[k]);
			}
			free(names);
		} else if (replay_file(argv[i]) == 0) {
			pass++;
			printf("ok - replay %s\n", argv[i]);
		} else {
			fail++;
			printf("not ok - cannot read %s\n", argv[i]);
		}
	}
	printf("%d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}
