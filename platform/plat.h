/* The platform cut: everything acskit needs from the operating system, declared
 * once. plat_posix.c implements it over POSIX, plat_win32.c over Win32 (UTF-16 at
 * every call; paths are UTF-8 everywhere else). The Makefile picks the file. */
#ifndef ACSKIT_PLAT_H
#define ACSKIT_PLAT_H

#include <stddef.h>
#include <stdint.h>

typedef struct plat_file plat_file;

enum plat_open_mode {
	PLAT_READ = 0,       /* existing file, read only */
	PLAT_CREATE_NEW = 1,    /* new file, write only; fails if it exists */
	PLAT_CREATE_PRIVATE = 2 /* the same, readable by its owner only (POSIX mode 0600) */
};

/* Opens path (UTF-8). Returns 0 and sets *out, or an errno-style code >0. */
int plat_open(const char *path, enum plat_open_mode mode, plat_file **out);
/* Reads up to n bytes. Returns bytes read (0 at end), or -1 on error. */
long plat_read(plat_file *f, void *buf, size_t n);
/* Writes all n bytes. Returns 0, or an errno-style code. */
int plat_write(plat_file *f, const void *buf, size_t n);
/* Seeks like fseek (whence 0 set, 1 current, 2 end). Returns 0 or an error code. */
int plat_seek(plat_file *f, int64_t off, int whence);
/* Returns the current offset, or -1. */
int64_t plat_tell(plat_file *f);
/* Flushes written data to stable storage (fsync / FlushFileBuffers). 0 or code. */
int plat_sync(plat_file *f);
/* Closes and frees f (NULL is a no-op); a file opened PLAT_CREATE_NEW is first
 * flushed to stable storage. Returns 0 or the first error seen. */
int plat_close(plat_file *f);

/* Renames from to to, replacing to if it exists. Returns 0 or an error code. */
int plat_rename_replace(const char *from, const char *to);
/* Removes a file. Returns 0 or an error code. */
int plat_remove(const char *path);
/* Returns 1 if path is an existing directory, else 0. */
int plat_is_dir(const char *path);

/* The entries of a directory (not . or ..), unsorted: UTF-8 names, and for each
 * whether it is a regular file (links, directories and devices are not). */
struct plat_dirlist {
	char **names;
	unsigned char *is_regular;
	size_t count, cap;
};

/* Lists dir into *out (zeroed first; free with plat_dirlist_free). Returns 0 or
 * an error code, with *out empty. */
int plat_list_dir(const char *dir, struct plat_dirlist *out);
/* Appends name (taking ownership; NULL means allocation failed) to l. Returns 0
 * or ENOMEM, freeing name. Used by the per-OS plat_list_dir. */
int plat_dirlist_add(struct plat_dirlist *l, char *name, int regular);
void plat_dirlist_free(struct plat_dirlist *l);

/* What the machine's policy says about kits: on Windows the values under
 * HKLM\\SOFTWARE\\Policies\\acskit (64-bit view), which Group Policy can push:
 * RequireSignature (REG_DWORD, 1 = refuse unsigned kits), RefuseExpired
 * (REG_DWORD, 1 = refuse kits past their expiry date) and TrustedKeys
 * (REG_MULTI_SZ, each the base64 of a DER SubjectPublicKeyInfo). Elsewhere
 * there is no such policy. */
struct plat_policy {
	int require_signature;  /* 1 if set to 1 */
	int refuse_expired;     /* RefuseExpired (REG_DWORD) set to 1 */
	struct plat_dirlist keys; /* names[] are the base64 strings */
};
/* Reads the policy into *p (free p->keys with plat_dirlist_free). Returns 0, or
 * an error code when the key exists but cannot be read (then nothing is
 * trusted from it and the caller should refuse rather than guess). */
int plat_policy_read(struct plat_policy *p);

/* The receipt the Windows apply verb leaves under HKLM\\SOFTWARE\\acskit
 * (64-bit view): KitSequence (REG_QWORD) and KitIdentity (REG_SZ) of the last
 * kit applied. Elsewhere there is none. */
struct plat_receipt {
	int has_sequence;
	uint64_t sequence;
	char identity[65]; /* "" if none */
};
/* Reads the receipt into *r. Returns 0 (also when there is none), or an error
 * code when the key exists but cannot be read. */
int plat_receipt_read(struct plat_receipt *r);

/* Seconds since 1970-01-01T00:00:00Z. */
int64_t plat_now(void);
/* A number that differs between concurrent processes (for temp names). */
unsigned long plat_pid(void);

/* plat_open's code for a path that is not a regular file (a directory gives
 * EISDIR): a device, a pipe, a socket. */
#define PLAT_E_NOT_REGULAR 1000

/* The file-name part of a path, as this platform separates them ('/' on POSIX;
 * '/', '\\' and a drive's ':' on Windows). Points into path. */
const char *plat_basename(const char *path);

/* A short English description of an error code from the functions above. */
const char *plat_strerror(int code);

/* Writes UTF-8 text to standard output (to_stderr 0) or standard error (1). On a
 * Windows console it goes through WriteConsoleW so non-ASCII text shows right. */
void plat_write_text(int to_stderr, const char *utf8);

#endif
