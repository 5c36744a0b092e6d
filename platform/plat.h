/* The platform cut: everything acskit needs from the operating system, declared
 * once. plat_posix.c implements it over POSIX, plat_win32.c over Win32 (UTF-16 at
 * every call; paths are UTF-8 everywhere else). The Makefile picks the file. */
#ifndef ACSKIT_PLAT_H
#define ACSKIT_PLAT_H

#include <stddef.h>
#include <stdint.h>

#include "policy.h"

#include "assess.h"

typedef struct plat_file plat_file;

enum plat_open_mode {
	PLAT_READ = 0,       /* existing file, read only */
	PLAT_CREATE_NEW = 1,    /* new file, write only; fails if it exists */
	PLAT_CREATE_PRIVATE = 2, /* the same, readable by its owner only (POSIX mode 0600) */
	PLAT_CREATE_ADMIN = 3    /* new file, write only, owned by Administrators (Windows; elsewhere as CREATE_NEW) */
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
/* Renames from to to only if nothing is at to (not even a dangling link).
 * Returns 0, EEXIST when something is there, or another error code. */
int plat_rename_noreplace(const char *from, const char *to);
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

/* The machine's policy about kits, as raw values: on Windows the values under
 * HKLM\\SOFTWARE\\Policies\\acskit (64-bit view), which Group Policy can push:
 * RequireSignature and RefuseExpired (REG_DWORD 0 or 1) and TrustedKeys
 * (REG_MULTI_SZ, each the base64 of a DER SubjectPublicKeyInfo), each with
 * its type, size and bytes exactly as the registry holds them; common/policy.c
 * judges them. Elsewhere there is no such policy (nothing present). Returns 0
 * (free raw with policy_raw_free), or an error code when the key exists but a
 * value cannot be read (then the caller refuses rather than guess). */
int plat_policy_read(struct policy_raw *raw);

/* The receipt the Windows apply verb leaves under HKLM\\SOFTWARE\\acskit
 * (64-bit view): KitSequence (REG_QWORD) and KitIdentity (REG_SZ) of the last
 * kit applied. Elsewhere there is none. */
struct plat_receipt {
	int has_sequence;
	uint64_t sequence;
	char identity[65];    /* KitIdentity, "" if none */
	char applied_at[21];  /* AppliedAt (REG_SZ, ISO 8601 UTC), "" if none */
	int root_added;       /* RootAdded (REG_DWORD): 1 = acskit put the root in the store and it is there */
	char root_sha1[41];   /* RootThumbprint (REG_SZ), "" if none */
	char root_store[64];  /* RootStore (REG_SZ), e.g. "LocalMachine\\Root" */
	char removed_at[21];  /* RemovedAt (REG_SZ): when remove took the root out, "" if never */
	char runner[64];      /* Runner (REG_SZ): the acskit-run version that wrote the receipt */
	/* Read only (plat_receipt_progress_write writes them): UpdatesStatus and
	 * UpdatesAt, "" if none. */
	char updates_status[16];
	char updates_at[21];
};
/* Reads the receipt into *r. Returns 0 (also when there is none), or an error
 * code when the key exists but cannot be read. */
int plat_receipt_read(struct plat_receipt *r);
/* Writes every field of *r into the receipt key (creating it), then flushes
 * it. KitSequence is deleted when has_sequence is 0. Returns 0 or a code. */
int plat_receipt_write(const struct plat_receipt *r);

/* One update package apply installed, recorded under
 * HKLM\\SOFTWARE\\acskit\\Packages\\<kb> (64-bit view): Architecture, File
 * (the kit entry), Sha256 (of the file the installer got), Installer (the
 * command line), ExitCode (REG_DWORD, the installer's), Result ("installed",
 * "restart-needed") and InstalledAt (ISO 8601 UTC). */
struct plat_receipt_package {
	char kb[12];
	char arch[8];
	char file[256];
	char sha256[65];
	char installer[700];
	uint32_t exit_code;
	const char *result;
	char at[21];
};
/* Writes (replaces) one package's subkey, then flushes. Returns 0 or a code. */
int plat_receipt_package_write(const struct plat_receipt_package *p);
/* Records where apply's package installs stand, on the receipt key:
 * UpdatesStatus (REG_SZ: "done", "restart-needed", "failed", "busy"),
 * UpdatesLeft (REG_SZ: the KBs not yet installed, comma-separated, "" when
 * none) and UpdatesAt. Returns 0 or a code. */
int plat_receipt_progress_write(const char *status, const char *left, const char *at);

/* ---- Assessing and changing a Windows machine (check, apply, remove) ----
 * Implemented on Windows; elsewhere plat_machine_supported() is 0 and the
 * others return ENOSYS. */
int plat_machine_supported(void);

/* The OS version (RtlGetVersion), the registry's names and UBR (64-bit view),
 * the native architecture, the CBS packages that name a KB or are rollups
 * (with the KB from each rollup's .mum), and the pending-reboot markers. What
 * cannot be read is marked so in *m (see assess.h). Returns 0, or ENOMEM. */
int plat_machine_read(struct machine_facts *m);

/* 1 if this process runs elevated (TokenElevation), 0 if not, -1 if the
 * token cannot be read. */
int plat_is_elevated(void);

/* The physical stores of LocalMachine Root that make a root trusted. */
enum plat_store { PLAT_STORE_ROOT, PLAT_STORE_AUTHROOT, PLAT_STORE_GROUP_POLICY, PLAT_STORE_ENTERPRISE, PLAT_NSTORES };
/* "Root", "AuthRoot", "Group Policy Root", "Enterprise Root". */
const char *plat_store_name(enum plat_store s);
/* Its registry key, e.g. "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot". */
const char *plat_store_key(enum plat_store s);

/* The physical stores of LocalMachine Disallowed (Microsoft Learn, "System
 * Store Locations": the LocalMachine, Group Policy and Enterprise locations).
 * A certificate in any of them is explicitly distrusted: Windows refuses
 * chains through it whatever the root stores hold. */
enum plat_dstore { PLAT_DIS_LOCAL, PLAT_DIS_GROUP_POLICY, PLAT_DIS_ENTERPRISE, PLAT_NDIS };
/* "Disallowed", "Group Policy Disallowed", "Enterprise Disallowed". */
const char *plat_dstore_name(enum plat_dstore s);
/* Its registry key, e.g. "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\Disallowed". */
const char *plat_dstore_key(enum plat_dstore s);

/* A stored certificate's EKU property: none (every purpose its chain allows),
 * a list, or unreadable. */
enum { PLAT_EKU_NONE, PLAT_EKU_LIST, PLAT_EKU_UNREADABLE };
#define PLAT_EKU_TEXT 256

/* What each store holds under one thumbprint, read through CryptoAPI. */
struct plat_root_state {
	int error[PLAT_NSTORES];     /* 0, or why the store could not be read (absent key is not an error) */
	uint8_t *der[PLAT_NSTORES];  /* the stored certificate's bytes (malloc'd), NULL if not there */
	size_t len[PLAT_NSTORES];
	char friendly_name[PLAT_NSTORES][128]; /* its CERT_FRIENDLY_NAME_PROP_ID, "" if none */
	int eku_state[PLAT_NSTORES];  /* its CERT_ENHKEY_USAGE_PROP_ID: PLAT_EKU_* */
	char eku[PLAT_NSTORES][PLAT_EKU_TEXT]; /* PLAT_EKU_LIST: "oid,oid" ("" = an empty list: disabled) */
	int dis_error[PLAT_NDIS];    /* the Disallowed stores: 0, or why one could not be read */
	uint8_t *dis_der[PLAT_NDIS]; /* what each holds under the thumbprint (malloc'd), NULL if nothing */
	size_t dis_len[PLAT_NDIS];
	int auto_update_disabled;    /* policy DisableRootAutoUpdate = 1 */
	char root_dir_url[512];      /* AuthRoot\\AutoUpdate RootDirURL, "" if none */
};
/* Looks for the certificate with SHA-1 thumbprint sha1 in every root store and
 * every Disallowed store.
 * Returns 0 (per-store errors are in *out), or ENOMEM. */
int plat_root_state(const uint8_t sha1[20], struct plat_root_state *out);
void plat_root_state_free(struct plat_root_state *s);

/* Adds der to LocalMachine Root (the .Default physical store) with the
 * friendly name and the EKU restriction (eku_oids, e.g. {"1.3.6.1.5.5.7.3.3",
 * ...}), commits, re-opens the store and confirms bytes and properties.
 * Fails with EEXIST if a certificate with that thumbprint is already there.
 * The certificate enters the store with its properties in one add; if the
 * commit or the confirmation fails, it is deleted again. Returns 0, a code
 * (nothing left in the store), or PLAT_E_ROLLBACK (it could not be taken out
 * again: the caller must say so). */
int plat_root_add(const uint8_t *der, size_t len, const char *friendly_name, const char *const *eku_oids,
                  size_t neku);
/* Deletes the certificate with exactly these bytes from LocalMachine Root
 * (.Default only), commits, re-opens the store and confirms it is gone.
 * Returns 0, ENOENT if it is not there, or a code. */
int plat_root_delete(const uint8_t *der, size_t len);

/* The proof: builds the chain of a reference leaf with the machine's own
 * chain engine (LocalMachine, no network, no automatic root update) and checks
 * the Authenticode chain policy, at a time inside the leaf's validity. */
struct plat_proof {
	int ran;                 /* 0: not run, reason says why */
	int policy_ok;           /* the Authenticode policy passed */
	uint32_t policy_error;   /* its dwError (0x800B0109 for an untrusted root) */
	uint32_t chain_status;   /* the chain's TrustStatus.dwErrorStatus */
	int64_t at;              /* the check time (seconds since 1970) */
	size_t nchain;
	char subjects[8][160];   /* the chain from leaf to top, by subject CN */
	uint8_t *top_der;        /* the chain's last certificate (malloc'd), for a byte compare */
	size_t top_len;
	char reason[300];
};
/* certs: the kit's reference chain (DER); exactly one of them must be a leaf
 * (issuer of no other). Never adds anything to any store. Returns 0 (see
 * out->ran), or ENOMEM. */
int plat_chain_proof(const uint8_t *const *der, const size_t *len, size_t n, struct plat_proof *out);
void plat_proof_free(struct plat_proof *p);

/* check-file: what this machine's trust provider says about one file.
 * WinVerifyTrust with WINTRUST_ACTION_GENERIC_VERIFY_V2, no UI, no revocation
 * check, cache-only URL retrieval (the machine is offline), on the file as
 * opened here; then the signer's chain it built (WTHelperProvDataFromStateData,
 * WTHelperGetProvSignerFromChain) and its countersigner. Changes nothing. */
struct plat_file_trust {
	int opened;              /* 0: the file could not be opened; error says why */
	int error;
	uint32_t result;         /* WinVerifyTrust's return (an HRESULT, as unsigned) */
	int have_chain;          /* the provider gave the signer's chain context */
	uint32_t chain_status;   /* its TrustStatus.dwErrorStatus */
	size_t nchain;
	char subjects[8][160];   /* the chain from the signer up, by subject CN */
	int top_is_pinned;       /* the chain's top is byte-identical to root_der */
	int through_pinned;      /* that, or the top was issued by root_der (signature checked) */
	char signer[160];        /* the signing certificate's subject CN, "" if none */
	int64_t checked_at;      /* the signer's verify-as-of time (seconds), 0 if none */
	int have_timestamp;      /* the provider reported a countersigner */
	char tsa[160];           /* the countersigner's subject CN */
	int64_t timestamp;       /* its verify-as-of time, 0 if none */
};
/* Fills *out for the file at path (UTF-8); root_der is the pinned root.
 * Returns 0 (see out->opened), ENOMEM, or ENOSYS off Windows. */
int plat_file_trust(const char *path, const uint8_t *root_der, size_t root_len, struct plat_file_trust *out);
/* Who this machine is, for reports: on Windows the NetBIOS computer name
 * (GetComputerNameExW), its DNS host name, the DNS domain of a domain member
 * or the workgroup name (NetGetJoinInformation), and MachineGuid
 * (HKLM\\SOFTWARE\\Microsoft\\Cryptography, 64-bit view); elsewhere the host
 * name and /etc/machine-id. What cannot be read is "" (kinds NULL). */
struct plat_identity {
	char computer_name[64];
	char dns_hostname[256];
	char domain[256];
	const char *domain_kind;       /* "domain", "workgroup", or NULL if unknown */
	char machine_id[64];
	const char *machine_id_source; /* where machine_id is read from */
};
/* Fills *id. Returns 0 (fields that cannot be read are left ""). */
int plat_identity_read(struct plat_identity *id);
/* The path of the running executable (UTF-8) into out[n]. Returns 0 or a code. */
int plat_self_path(char *out, size_t n);

/* The Application event log (Windows; elsewhere both return ENOSYS).
 * plat_event_register keeps a copy of the running exe (its message table) as
 * %ProgramFiles%\\acskit\\acskit-run.exe, replaced only when it differs, and
 * registers the source "acskit" with that EventMessageFile and
 * TypesSupported 7. Returns 0 with the message file's path in out[n], or a
 * code. */
enum plat_event_type { PLAT_EVENT_INFORMATION, PLAT_EVENT_WARNING, PLAT_EVENT_ERROR };
int plat_event_register(char *out, size_t n);
/* Writes one event of source "acskit" with at most 8 UTF-8 insertion
 * strings. Returns 0 or a code. */
int plat_event_write(unsigned id, enum plat_event_type type, const char *const *strings, size_t nstrings);

/* ---- Installing update packages (apply; platform/plat_win32_install.c) ----
 * Elsewhere each returns ENOSYS (plat_stdout_is_console returns 0). */

/* Creates a fresh directory %SystemRoot%\\Temp\\acskit-<pid>-<tick>-<random>
 * owned by Administrators, with an explicit, protected DACL: full control for Administrators and SYSTEM,
 * inherited by what is created inside, nothing inherited from above (so no
 * user can write, replace or add a file in it). Fails rather than reuse a
 * directory that exists. Returns 0 with its UTF-8 path in out[n], or a code. */
int plat_admin_dir_create(char *out, size_t n);
/* Removes a directory plat_admin_dir_create made and everything in it
 * (what the installers left there too), never following a link: a
 * junction or symbolic link inside is removed as a link. Returns 0 or a
 * code. */
int plat_dir_remove(const char *path);

enum plat_installer { PLAT_INSTALLER_WUSA, PLAT_INSTALLER_DISM };
/* Runs the system's own installer on file (a full path): wusa.exe FILE /quiet
 * /norestart, or dism.exe /Online /Add-Package /PackagePath:FILE
 * /ScratchDir:DIR /Quiet /NoRestart, by full path from
 * GetSystemWindowsDirectoryW (System32, or Sysnative for a 32-bit process on
 * 64-bit Windows), never through PATH, in System32, with TEMP and TMP set to
 * DIR (a directory tmp it makes beside file, inside plat_admin_dir_create's)
 * and PATH, SystemRoot, windir, ComSpec and SystemDrive to the system's (no
 * __COMPAT_LAYER), and with Administrators
 * as the default owner of what it creates; waits for it. Returns 0 with
 * *exit_code and the command line (UTF-8) in cmd[n], or a code (the installer
 * did not start). */
int plat_run_installer(enum plat_installer kind, const char *file, uint32_t *exit_code, char *cmd, size_t n);
/* 1 if the installer plat_run_installer would run for kind is there (a
 * file at its full path), else 0: dism.exe comes with Windows 7 / Server
 * 2008 R2, so Vista and Server 2008 have no DISM for a .cab. */
int plat_installer_present(enum plat_installer kind);
/* 1 if standard output is a console (not redirected to a file or pipe). */
int plat_stdout_is_console(void);
/* Asks Windows to restart in 60 seconds (InitiateSystemShutdownExW, planned,
 * reason "operating system: security fix"), after enabling the shutdown
 * privilege. Returns 0 or a code. */
int plat_restart(void);

/* Seconds since 1970-01-01T00:00:00Z. */
int64_t plat_now(void);
/* When Windows last started, in the same seconds: now minus the time since
 * the start (GetTickCount64). -1 where not known (elsewhere). */
int64_t plat_boot_time(void);
/* A number that differs between concurrent processes (for temp names). */
unsigned long plat_pid(void);

/* plat_open's code for a path that is not a regular file (a directory gives
 * EISDIR): a device, a pipe, a socket. */
#define PLAT_E_NOT_REGULAR 1000
/* plat_root_add's code for a failed add it could not undo. */
#define PLAT_E_ROLLBACK 1001

/* The file-name part of a path, as this platform separates them ('/' on POSIX;
 * '/', '\\' and a drive's ':' on Windows). Points into path. */
const char *plat_basename(const char *path);

/* A short English description of an error code from the functions above. */
const char *plat_strerror(int code);

/* Writes UTF-8 text to standard output (to_stderr 0) or standard error (1). On a
 * Windows console it goes through WriteConsoleW so non-ASCII text shows right. */
void plat_write_text(int to_stderr, const char *utf8);

/* 1 when the user's language is Japanese, else 0: on Windows the user's UI
 * language (GetUserDefaultUILanguage, primary language LANG_JAPANESE);
 * elsewhere the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty
 * starts with "ja" (POSIX precedence). The runner's --lang overrides it. */
int plat_ui_language_japanese(void);

#endif
