/* What the runner's files share: runner/main.c parses the command line and
 * dispatches to the verbs (verify/show/extract there, check/apply/remove in
 * runner/machine.c, ...); every verb opens its kit through runner/openkit.c,
 * which calls nothing back. */
#ifndef ACSKIT_RUNNER_H
#define ACSKIT_RUNNER_H

#include "json.h"
#include "kit.h"

/* Verifies the kit (every entry when full), the expected identity, the
 * signature, expiry and sequence rules; prints the refusal. Returns an exit
 * code; *out is set only on EXIT_OK. */
int open_kit(const char *path, const char *expect, int full, struct kit_reader **reader, struct kit **out);

/* Who may sign kits (runner/openkit.c): a --trust-key file, the machine's
 * policy (HKLM\SOFTWARE\Policies\acskit on Windows), and the signature
 * options. Each returns an exit code, or sets a flag. */
int trust_add_file(const char *path);
int trust_add_policy(void);
void trust_require_signature(void);
void trust_refuse_expired(void);
void trust_allow_older(void);

/* What open_kit's signature, expiry and sequence checks found, for reports. */
extern char signature_line[400];
/* The same in the text report's language (runner/msg.h). */
extern char signature_line_text[800];
/* 1 when the kit's signature verified against a trusted key (--trust-key or
 * policy TrustedKeys): only such a kit may raise the receipt's KitSequence. */
extern int signature_trusted;
extern char expiry_line[200];
extern char sequence_line[200];

struct machine_options {
	const char *json; /* --json FILE, or NULL */
	int quiet;        /* --quiet: no report on standard output */
	int no_event;     /* --no-event: no Application event (runner/event.c) */
	int no_updates;   /* apply --no-updates: the root only, no update package */
	int restart;      /* apply --restart: restart Windows when an installed package needs it */
};

/* check (apply 0) and apply (apply 1) of the kit at path. */
int cmd_assess(int apply, const char *path, const char *expect, const struct machine_options *o);
/* remove: takes out the root acskit added, by the receipt. */
int cmd_remove(const struct machine_options *o);
/* check-file (runner/checkfile.c): this machine's trust provider on each of
 * the n files, judged against the kit's pinned root and update verdict. */
int cmd_check_file(const char *kit_path, const char *expect, char **paths, int n, const struct machine_options *o);

/* SHA-256 and size of an existing file. Returns 0 or an error code. */
int hash_file(const char *path, uint8_t out[32], uint64_t *size);

/* summary: the fleet's reports (argv: everything after the verb). Returns an
 * exit code (docs/acskit-run.1). */
int cmd_summary(int argc, char **argv);

/* Writes len bytes of data to path through a temporary file renamed over it
 * (runner/outfile.c). On failure prints one line naming --option or the
 * what ("report", "csv", ...) and returns EXIT_USAGE (path too long) or
 * EXIT_IO; else EXIT_OK. */
int runner_write_file(const char *path, const void *data, size_t len, const char *option, const char *what);

/* Ends a --json report begun as an object in j: the members every report
 * ends with (outcome, summary, error, exit_code; an empty summary or error
 * is null), then writes it with runner_write_file and frees j. Returns
 * EXIT_OK or an exit code with the reason printed (EXIT_INTERNAL when j ran
 * out of memory). */
int runner_write_report(const char *path, struct json *j, const char *outcome, const char *summary,
                        const char *error, int exit_code);

/* Writes the run's Application event (Windows; runner/event.c): the ID by
 * outcome, the verb, outcome, exit code, text and kit identity as insertion
 * strings; registers the source first when register_source. A failure is a
 * warning on standard error, never an exit code. Nothing when off. */
void runner_event(const char *verb, const char *outcome, int exit_code, const char *text, const char *kit_identity,
                  int register_source, int off);

/* Writes the report's "host" and "runner" objects (runner/identity.c). */
void report_identity_json(struct json *j);

#endif
