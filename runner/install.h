/* apply's second half (runner/install.c): the update packages a kit carries
 * for this machine, chosen, extracted into an admin-only directory, checked
 * again and handed to the system's installer (docs/runbook.md, "Installing
 * the update"). Internal to the runner. */
#ifndef ACSKIT_INSTALL_H
#define ACSKIT_INSTALL_H

#include "kit.h"
#include "report.h"
#include "runner.h"

/* Chooses the packages for this machine into r->plan, as install_prepare
 * does, without extracting anything (check shows what apply would install). */
void install_choose(struct report *r);

/* Chooses the packages for this machine into r->plan (the matched row's, this
 * architecture's: the prerequisites its detection says are missing, then the
 * update when the verdict says it is missing) and extracts each through the
 * reader into a fresh admin-only directory, hash checked while streaming.
 * Changes nothing else. Returns EXIT_OK (also when nothing is chosen), or an
 * exit code with the refusal printed and the directory removed. */
int install_prepare(struct report *r, struct kit_reader *rd);

/* Installs r->plan in order: checks each file's size and SHA-256 again just
 * before its installer runs, runs it, maps its exit code, records it in the
 * receipt and as an action; stops at a failure or at the first package that
 * needs a restart while more remain. Sets r->plan.status. Shows progress on
 * a console unless quiet. */
void install_run(struct report *r, int quiet);

/* Removes the extracted files and their directory (always; says so when it
 * cannot). */
void install_cleanup(struct report *r);

/* The text report's "packages:" lines. */
void install_say(const struct report *r);

#endif
