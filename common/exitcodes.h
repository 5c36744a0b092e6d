/* Exit codes of both programs, documented in their man pages (EXIT STATUS) and
 * in docs/. Distinct, stable, below 256, for fleet tools that act on them. */
#ifndef ACSKIT_EXITCODES_H
#define ACSKIT_EXITCODES_H

#include "kit.h"

enum acskit_exit {
	EXIT_OK = 0,            /* done: kit verified / built; check/apply: the machine is ready */
	EXIT_ACTION_NEEDED = 1, /* check/apply: the machine still needs the root or the update */
	EXIT_USAGE = 2,         /* bad command line */
	EXIT_KIT_INVALID = 3,   /* the kit (or the builder's input) failed a check; nothing changed */
	EXIT_ID_MISMATCH = 4,   /* verify --expect: a valid kit, but not the expected one */
	EXIT_IO = 5,            /* a file could not be read or written */
	EXIT_NOT_ELEVATED = 6,  /* apply/remove: not run by an elevated administrator; nothing changed */
	EXIT_NOT_FIXABLE = 7,   /* check/apply: no update exists for this Windows, or the kit does not cover it */
	EXIT_UNDETERMINED = 8,  /* check/apply: the update state could not be determined */
	EXIT_INTERNAL = 9,      /* out of memory, or the platform's crypto failed */
	EXIT_PENDING_REBOOT = 10, /* check/apply: ready once the machine restarts */
	EXIT_DISTRUSTED = 11,     /* check/apply: the root is in a Disallowed store; apply will not add it over that */
	EXIT_BAD_POLICY = 12,     /* a value under HKLM\SOFTWARE\Policies\acskit is malformed; nothing done */
	EXIT_INSTALL_FAILED = 13, /* apply: an update package's installer failed, or the package does not apply */
	EXIT_INSTALL_BUSY = 14    /* apply: another installation was in progress (1618); run apply again later */
};

/* The exit code for a library error: refused input, I/O, or anything else. */
static inline int acskit_exit_for(enum kit_code code)
{
	return code == KIT_E_REFUSED ? EXIT_KIT_INVALID : code == KIT_E_IO ? EXIT_IO : EXIT_INTERNAL;
}

#endif
