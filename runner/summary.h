/* acskit-run summary: what runner/summary.c (reading, checking, grouping,
 * the text table) and runner/summary_out.c (CSV and HTML) share. */
#ifndef ACSKIT_SUMMARY_H
#define ACSKIT_SUMMARY_H

#include <stddef.h>

/* The outcomes a report can carry, in the order the summary counts them. */
enum sum_outcome {
	SO_READY, SO_ACTION, SO_REBOOT, SO_UNDETERMINED, SO_NOT_FIXABLE, SO_NOT_COVERED, SO_DISTRUSTED, SO_DONE, SO_ERROR, SO_INSTALL_FAILED,
	SO_INSTALL_BUSY, SO_N
};
extern const char *const sum_outcome_names[SO_N + 1]; /* NULL-terminated */

/* One accepted report: only what the summary shows, cleaned for printing. */
struct sum_report {
	char *file;
	char *key;        /* "id:MachineGuid", "name:COMPUTER", or "file:PATH" (schema /1) */
	char *name;       /* computer name, or the file name for an unidentified report */
	char *machine_id; /* "" if none */
	char *os;         /* machine.name, "" if none */
	char *os_row;     /* update.manifest (the readiness row), "" if none */
	char *missing;    /* "root, KB5006743", "" if nothing */
	char *kb;         /* the missing update's KB, "" if none */
	char *time;
	char *kit;        /* kit identity, "" if none */
	char *verb;
	char *summary;
	int schema;       /* 1 or 2 */
	enum sum_outcome outcome;
	int exit_code;
	int root_missing; /* root.trusted is false */
	/* set on the latest report of each machine */
	size_t superseded;
	int other_kit;    /* --expect given and kit differs */
	int names_differ; /* other reports under this machine ID name another computer */
};

struct sum_bad {
	char *file;
	char *reason;
};

struct sum_count {
	char *label;
	size_t n;
};

struct fleet {
	struct sum_report *reps;
	size_t nreps, capreps;
	struct sum_report **machines; /* the latest report of each machine, sorted by name */
	size_t nmachines;
	struct sum_bad *bad;
	size_t nbad, capbad;
	size_t files;           /* files read */
	size_t superseded;      /* reports replaced by a later one of the same machine */
	size_t unidentified;    /* schema /1 reports among the machines */
	size_t other_kit;       /* machines checked with another kit than --expect */
	size_t outcome[SO_N];
	struct sum_count *rows, *kbs;
	size_t nrows, nkbs;
	size_t root_missing;
	const char *expect;
	char generated[21];
};

/* Writes the fleet as CSV (one row per machine) to path. Returns an exit code. */
int summary_write_csv(const struct fleet *f, const char *path);
/* Writes the fleet as one self-contained HTML page to path. Returns an exit code. */
int summary_write_html(const struct fleet *f, const char *path);

#endif
