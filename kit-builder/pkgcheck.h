/* acskit-build's checks of the packages a kit carries (issue 13): the
 * Authenticode signature of each file a manifest's package line names, as
 * Debian's osslsigncode reports it, against the Microsoft rule of
 * docs/kit-format.md ("Packages"). The builder's own; not in the library,
 * which never runs programs. */
#ifndef ACSKIT_PKGCHECK_H
#define ACSKIT_PKGCHECK_H

#include <stddef.h>

#include "kit.h"

#define PKGRUN_NOT_FOUND 1

/* Finds prog on PATH and runs it with argv (argv[0] is prog), standard
 * output and error captured together (at most 1 MiB kept). Returns 0 with
 * *out (malloc'd, NUL-terminated; free it) and *status (the exit code, -1 if
 * a signal ended it); PKGRUN_NOT_FOUND when PATH holds no such program (always
 * on Windows, where the builder does not look for it); -1 on any other
 * failure. pkgrun_posix.c and pkgrun_win32.c implement it. */
int pkgrun_capture(const char *prog, const char *const *argv, char **out, int *status);

/* What osslsigncode said about one file. */
enum pkgsig_verdict {
	PKGSIG_MICROSOFT,  /* verifies, and the signer's subject has O=Microsoft Corporation */
	PKGSIG_OTHER,      /* verifies, signed by someone else */
	PKGSIG_UNVERIFIED, /* signed, but the signature or its chain does not verify */
	PKGSIG_UNSIGNED    /* no signature */
};
/* Reads osslsigncode verify's output and exit status: the verdict, and the
 * primary signer's subject CN and O (printable ASCII, cut to fit; "" if
 * none). Parses osslsigncode's text only, never the signature itself. */
enum pkgsig_verdict pkgsig_classify(const char *out, int status, char cn[128], char org[128]);

struct pkgcheck_line;
struct pkgcheck {
	const char *cafile;       /* --package-ca, or NULL: osslsigncode's default CA bundle */
	const char *const *allow; /* --allow-package entries */
	size_t nallow;
	unsigned char *seen;      /* per allow: a package of that name was packed */
	int tool_missing;         /* osslsigncode is not on PATH */
	int bad_allow;            /* an --allow-package named no package: a usage error */
	char **lines;             /* the summary's package lines */
	size_t nlines;
};

/* The kit_build_options.check_package callback; ctx is a struct pkgcheck
 * zeroed but for cafile, allow, nallow and seen (nallow bytes, zeroed). */
int pkgcheck_package(void *ctx, const char *entry, const char *path, char note[KIT_ALLOWED_WHY_MAX + 1],
                     struct kit_error *err);
/* Prints the package lines of the build summary. */
void pkgcheck_print(const struct pkgcheck *pc);
/* Frees the lines. */
void pkgcheck_free(struct pkgcheck *pc);

#endif
