/* pkgrun_capture on POSIX: PATH searched here (so "not found" is told apart
 * from "failed"), then fork and execv with one pipe for stdout and stderr. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pkgcheck.h"

#define OUT_MAX (1024 * 1024)

/* The first PATH directory holding an executable regular file prog, into
 * buf. Empty PATH elements are skipped: a build must not run a program from
 * the current directory by accident. */
static int find_on_path(const char *prog, char *buf, size_t n)
{
	const char *p = getenv("PATH"), *end;
	if (!p)
		return -1;
	for (; *p; p = *end ? end + 1 : end) {
		struct stat st;
		size_t len;
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - p);
		if (len == 0 || len + 1 + strlen(prog) + 1 > n)
			continue;
		memcpy(buf, p, len);
		buf[len] = '/';
		memcpy(buf + len + 1, prog, strlen(prog) + 1);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0)
			return 0;
	}
	return -1;
}

int pkgrun_capture(const char *prog, const char *const *argv, char **out, int *status)
{
	char path[4096], *buf;
	size_t len = 0;
	int fd[2], ws;
	pid_t pid;

	*out = NULL;
	*status = -1;
	if (find_on_path(prog, path, sizeof path) != 0)
		return PKGRUN_NOT_FOUND;
	buf = malloc(OUT_MAX + 1);
	if (!buf)
		return -1;
	if (pipe(fd) != 0) {
		free(buf);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		free(buf);
		return -1;
	}
	if (pid == 0) {
		/* The child: its output into the pipe, no input. */
		close(fd[0]);
		if (dup2(fd[1], 1) < 0 || dup2(fd[1], 2) < 0)
			_exit(127);
		close(fd[1]);
		close(0);
		execv(path, (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	for (;;) {
		char tmp[65536];
		ssize_t r = read(fd[0], tmp, sizeof tmp);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		/* Past OUT_MAX the output is read and dropped, so the child never
		 * blocks on a full pipe. */
		if (len < OUT_MAX) {
			size_t k = (size_t)r < OUT_MAX - len ? (size_t)r : OUT_MAX - len;
			memcpy(buf + len, tmp, k);
			len += k;
		}
	}
	close(fd[0]);
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			free(buf);
			return -1;
		}
	buf[len] = '\0';
	*out = buf;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	return 0;
}
