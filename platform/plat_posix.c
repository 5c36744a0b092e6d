/* POSIX implementation of plat.h (Linux; any POSIX with 64-bit off_t). */
#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64
#include "plat.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

struct plat_file {
	int fd;
	int writable;
	int err; /* first error seen, reported by plat_close */
};

int plat_open(const char *path, enum plat_open_mode mode, plat_file **out)
{
	int flags = mode == PLAT_READ ? O_RDONLY : (O_WRONLY | O_CREAT | O_EXCL);
	mode_t perm = mode == PLAT_CREATE_PRIVATE ? 0600 : 0644;
	int fd;
	struct stat st;
	plat_file *f;

	*out = NULL;
	/* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
	 * before the regular-file check below could refuse it. */
	fd = open(path, flags | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, perm);
	if (fd < 0)
		return errno;
	/* A kit or payload must be a regular file: reading a FIFO or a device would
	 * block or never end. */
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return e;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? EISDIR : PLAT_E_NOT_REGULAR;
	}
	/* Back to blocking reads and writes for the regular file. */
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	f = calloc(1, sizeof *f);
	if (!f) {
		close(fd);
		return ENOMEM;
	}
	f->fd = fd;
	f->writable = mode != PLAT_READ;
	*out = f;
	return 0;
}

long plat_read(plat_file *f, void *buf, size_t n)
{
	ssize_t r;
	if (n > (size_t)1 << 30)
		n = (size_t)1 << 30;
	do
		r = read(f->fd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		if (!f->err)
			f->err = errno;
		return -1;
	}
	return (long)r;
}

int plat_write(plat_file *f, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	while (n > 0) {
		ssize_t w = write(f->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : EIO;
			if (!f->err)
				f->err = e;
			return e;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int plat_seek(plat_file *f, int64_t off, int whence)
{
	int w = whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END;
	if (lseek(f->fd, (off_t)off, w) < 0)
		return errno;
	return 0;
}

int64_t plat_tell(plat_file *f)
{
	off_t o = lseek(f->fd, 0, SEEK_CUR);
	return o < 0 ? -1 : (int64_t)o;
}

int plat_sync(plat_file *f)
{
	if (fsync(f->fd) != 0) {
		if (!f->err)
			f->err = errno;
		return errno;
	}
	return 0;
}

int plat_close(plat_file *f)
{
	int e;
	if (!f)
		return 0;
	e = f->err;
	/* A new file is on stable storage before anyone renames it into place. */
	if (f->writable && !e && fsync(f->fd) != 0)
		e = errno;
	if (close(f->fd) != 0 && !e)
		e = errno;
	free(f);
	return e;
}

int plat_rename_replace(const char *from, const char *to)
{
	return rename(from, to) == 0 ? 0 : errno;
}

int plat_rename_noreplace(const char *from, const char *to)
{
	/* link() never replaces: it fails with EEXIST when anything is at `to`,
	 * a file that appeared since the caller looked or a dangling symlink
	 * (renameat2's RENAME_NOREPLACE would need _GNU_SOURCE; link is POSIX).
	 * Then the temp name goes. A file system without hard links (FAT) says
	 * EPERM or ENOTSUP: then the caller's earlier check stands alone, and a
	 * rename that would replace something is still refused by a last look. */
	struct stat st;
	if (link(from, to) == 0) {
		(void)unlink(from);
		return 0;
	}
	if (errno == EEXIST)
		return EEXIST;
	if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
		return errno;
	if (lstat(to, &st) == 0)
		return EEXIST;
	return rename(from, to) == 0 ? 0 : errno;
}

int plat_remove(const char *path)
{
	return unlink(path) == 0 ? 0 : errno;
}

int plat_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int plat_list_dir(const char *dir, struct plat_dirlist *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t dl = strlen(dir);
	int e = 0;

	memset(out, 0, sizeof *out);
	if (!d)
		return errno;
	while ((errno = 0, de = readdir(d)) != NULL) {
		struct stat st;
		size_t nl = strlen(de->d_name);
		char *full;
		int regular;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		full = malloc(dl + nl + 2);
		if (!full) {
			e = ENOMEM;
			break;
		}
		memcpy(full, dir, dl);
		full[dl] = '/';
		memcpy(full + dl + 1, de->d_name, nl + 1);
		/* lstat: a symbolic link is not a regular file; the builder refuses it
		 * rather than packing whatever it points at. */
		regular = lstat(full, &st) == 0 && S_ISREG(st.st_mode);
		free(full);
		if ((e = plat_dirlist_add(out, strdup(de->d_name), regular)) != 0)
			break;
	}
	if (!e && errno)
		e = errno;
	closedir(d);
	if (e)
		plat_dirlist_free(out);
	return e;
}

int plat_policy_read(struct policy_raw *raw)
{
	memset(raw, 0, sizeof *raw);
	return 0; /* no machine policy store here: command-line options only */
}

int plat_receipt_read(struct plat_receipt *r)
{
	memset(r, 0, sizeof *r);
	return 0; /* kits are applied on Windows only */
}

/* check, apply and remove act on a Windows machine; here they are refused
 * before anything is read (runner/main.c says so). */
int plat_receipt_write(const struct plat_receipt *r)
{
	(void)r;
	return ENOSYS;
}

int plat_machine_supported(void)
{
	return 0;
}

int plat_machine_read(struct machine_facts *m)
{
	memset(m, 0, sizeof *m);
	return ENOSYS;
}

int plat_is_elevated(void)
{
	return -1;
}

const char *plat_store_name(enum plat_store s)
{
	static const char *const names[] = {"Root", "AuthRoot", "Group Policy Root", "Enterprise Root"};
	return names[s];
}

const char *plat_store_key(enum plat_store s)
{
	(void)s;
	return "";
}

const char *plat_dstore_name(enum plat_dstore s)
{
	static const char *const names[] = {"Disallowed", "Group Policy Disallowed", "Enterprise Disallowed"};
	return names[s];
}

const char *plat_dstore_key(enum plat_dstore s)
{
	(void)s;
	return "";
}

int plat_root_state(const uint8_t sha1[20], struct plat_root_state *out)
{
	(void)sha1;
	memset(out, 0, sizeof *out);
	return ENOSYS;
}

void plat_root_state_free(struct plat_root_state *s)
{
	(void)s;
}

int plat_root_add(const uint8_t *der, size_t len, const char *friendly_name, const char *const *eku_oids,
                  size_t neku)
{
	(void)der, (void)len, (void)friendly_name, (void)eku_oids, (void)neku;
	return ENOSYS;
}

int plat_root_delete(const uint8_t *der, size_t len)
{
	(void)der, (void)len;
	return ENOSYS;
}

int plat_chain_proof(const uint8_t *const *der, const size_t *len, size_t n, struct plat_proof *out)
{
	(void)der, (void)len, (void)n;
	memset(out, 0, sizeof *out);
	return ENOSYS;
}

void plat_proof_free(struct plat_proof *p)
{
	(void)p;
}

int plat_file_trust(const char *path, const uint8_t *root_der, size_t root_len, struct plat_file_trust *out)
{
	(void)path, (void)root_der, (void)root_len;
	memset(out, 0, sizeof *out);
	return ENOSYS;
}

int plat_identity_read(struct plat_identity *id)
{
	struct utsname u;
	FILE *f;
	char line[80];
	size_t n;
	memset(id, 0, sizeof *id);
	if (uname(&u) == 0) {
		(void)snprintf(id->computer_name, sizeof id->computer_name, "%.63s", u.nodename);
		(void)snprintf(id->dns_hostname, sizeof id->dns_hostname, "%s", u.nodename);
	}
	/* systemd's machine-id(5): 32 lowercase hex digits and a newline. */
	id->machine_id_source = "/etc/machine-id";
	f = fopen("/etc/machine-id", "rb");
	if (f) {
		n = fread(line, 1, sizeof line - 1, f);
		fclose(f);
		line[n] = '\0';
		if (n >= 32 && strspn(line, "0123456789abcdef") == 32)
			(void)snprintf(id->machine_id, sizeof id->machine_id, "%.32s", line);
	}
	return 0;
}

int plat_self_path(char *out, size_t n)
{
	ssize_t len;
	out[0] = '\0';
	if (n < 2)
		return ENAMETOOLONG;
	len = readlink("/proc/self/exe", out, n - 1);
	if (len < 0)
		return errno;
	if ((size_t)len >= n - 1) {
		out[0] = '\0';
		return ENAMETOOLONG;
	}
	out[len] = '\0';
	return 0;
}

int plat_event_register(char *out, size_t n)
{
	if (n)
		out[0] = '\0';
	return ENOSYS;
}

int plat_event_write(unsigned id, enum plat_event_type type, const char *const *strings, size_t nstrings)
{
	(void)id, (void)type, (void)strings, (void)nstrings;
	return ENOSYS;
}

int64_t plat_now(void)
{
	return (int64_t)time(NULL);
}

int64_t plat_boot_time(void)
{
	return -1;
}

unsigned long plat_pid(void)
{
	return (unsigned long)getpid();
}

const char *plat_strerror(int code)
{
	if (code == PLAT_E_NOT_REGULAR)
		return "not a regular file";
	if (code == PLAT_E_ROLLBACK)
		return "the change failed and could not be undone: check the store by hand";
	return strerror(code);
}

const char *plat_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

void plat_write_text(int to_stderr, const char *utf8)
{
	int fd = to_stderr ? 2 : 1;
	size_t n = strlen(utf8);
	while (n > 0) {
		ssize_t w = write(fd, utf8, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		utf8 += w;
		n -= (size_t)w;
	}
}

int plat_receipt_package_write(const struct plat_receipt_package *p)
{
	(void)p;
	return ENOSYS;
}

int plat_receipt_progress_write(const char *status, const char *left, const char *at)
{
	(void)status;
	(void)left;
	(void)at;
	return ENOSYS;
}

/* Installing update packages is Windows-only (plat_win32_install.c). */
int plat_admin_dir_create(char *out, size_t n)
{
	if (n)
		out[0] = '\0';
	return ENOSYS;
}

int plat_dir_remove(const char *path)
{
	(void)path;
	return ENOSYS;
}

int plat_run_installer(enum plat_installer kind, const char *file, uint32_t *exit_code, char *cmd, size_t n)
{
	(void)kind;
	(void)file;
	*exit_code = 0;
	if (n)
		cmd[0] = '\0';
	return ENOSYS;
}

int plat_installer_present(enum plat_installer kind)
{
	(void)kind;
	return 0;
}

int plat_stdout_is_console(void)
{
	return 0;
}

int plat_restart(void)
{
	return ENOSYS;
}

int plat_ui_language_japanese(void)
{
	/* POSIX precedence for message catalogs: LC_ALL, then LC_MESSAGES, then
	 * LANG; the first set and non-empty one decides ("ja", "ja_JP.UTF-8"). */
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	size_t i;
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && v[0])
			return v[0] == 'j' && v[1] == 'a' && (v[2] == '\0' || v[2] == '_' || v[2] == '.' || v[2] == '@');
	}
	return 0;
}
