/* The report of check, apply and remove, shared by runner/machine.c (which
 * fills it), runner/report_text.c (which prints it) and runner/report_json.c
 * (which writes it as JSON, docs/report.md). Split from machine.c by concern. Internal to the runner. */
#ifndef ACSKIT_REPORT_H
#define ACSKIT_REPORT_H

#include <stddef.h>

#include "assess.h"
#include "distrust.h"
#include "kit.h"
#include "msg.h"
#include "plat.h"

struct json;

#define REPORT_SCHEMA "acskit-report/2"

/* present: the pinned bytes, usable for code signing; restricted: the pinned
 * bytes, but its EKU property leaves out code signing (or cannot be read);
 * different: other bytes under the thumbprint; unreadable: the store could
 * not be read. */
enum store_state { STORE_ABSENT, STORE_PRESENT, STORE_RESTRICTED, STORE_DIFFERENT, STORE_UNREADABLE };

struct action {
	const char *action;  /* "add-root", "write-receipt", "remove-root", "install-package", "restart" */
	const char *result;  /* "done", "unchanged", "failed" */
	char detail[600];       /* English: the JSON report */
	char detail_text[1200]; /* the text report's language (runner/msg.h) */
};

/* One update package apply chose for this machine (runner/install.c). */
struct install_item {
	const struct manifest_package *pkg;
	const char *role;           /* "prerequisite" or "update" */
	int pending;                /* CBS shows it install pending: installed, waiting for a restart */
	const char *status;         /* what became of it, for the text report; NULL: not reached */
	char path[600];             /* the extracted file, "" until extracted */
	uint64_t size;
	uint8_t sha256[32];
};

/* What apply does with the packages the kit carries (docs/runbook.md,
 * "Installing the update"). */
enum install_status {
	INSTALL_NOTHING,        /* no package chosen (or --no-updates) */
	INSTALL_DONE,           /* every chosen package installed or already there */
	INSTALL_RESTART_MORE,   /* stopped: a restart is needed before the next package */
	INSTALL_RESTART_END,    /* all installed; the last needs a restart */
	INSTALL_FAILED,         /* an installer failed or the package was not applicable */
	INSTALL_BUSY            /* another installation was in progress (1618) */
};

#define INSTALL_MAX (ASSESS_MAX_PREREQS + 1)
struct install_plan {
	size_t n;
	struct install_item v[INSTALL_MAX];
	char dir[400];              /* the admin-only extraction directory, "" if none */
	char unused[600];           /* packages the kit carries for this row but not for this machine, and why */
	enum install_status status;
	size_t installed;           /* packages this run's installers installed */
};

struct report {
	const char *verb;
	char now[21];
	const char *kit_path;
	struct kit *k;
	struct kit_reader *rd;   /* apply: the open kit, for extracting packages */
	int have_facts;
	struct machine_facts f;
	char os_name[80];
	int have_update;
	struct update_assessment ua;
	int have_ua_text;
	struct update_assessment ua_text; /* ua in the text report's language, when not English */
	int have_root;
	struct plat_root_state rs;
	enum store_state st[PLAT_NSTORES];
	int trusted;
	int have_dis;
	struct distrust dis;    /* the Disallowed stores (runner/distrust.c) */
	int root_unknown;       /* not trusted, and some store could not be read or holds other bytes */
	int have_proof;
	struct plat_proof proof;
	int proof_yes;
	const char *proof_before; /* apply: the proof's result before the root went in, or NULL */
	size_t nactions;
	struct action actions[16];
	struct install_plan plan;
	int have_receipt;
	struct plat_receipt receipt;
	int exit;
	const char *outcome;
	char summary[1200];     /* English: the JSON report and the event */
	char summary_text[2400]; /* the text report's language */
	char error[512];
};

extern const char *const report_store_state_names[];

/* Actions (runner/action.c). The next free action, named and with its
 * result, detail empty; NULL when the list is full (the action is dropped). */
struct action *report_action_slot(struct report *r, const char *name, const char *result);
/* Adds an action whose detail is the catalog entry id with the arguments
 * after it, in English and in the text's language. */
void report_action(struct report *r, const char *name, const char *result, enum msg_id id, ...);
/* Adds a failed action whose detail, id, takes the error code's text: each
 * language its own. */
void report_action_err(struct report *r, const char *name, enum msg_id id, int e);
/* complain()s the last action's detail as a refusal ("refused: ..."); the
 * JSON report's error keeps the English. */
void report_refuse_last(const struct report *r);
/* complain()s the last action's detail as it is, then suffix (M_COUNT: none). */
void report_complain_last(const struct report *r, enum msg_id suffix);

/* The update assessment whose texts are in L (runner/machine.c): the
 * English one feeds the JSON report, the other the text report. */
const struct update_assessment *report_ua_in(const struct report *r, enum msg_lang L);
/* The chain proof's reason in L (runner/machine.c); buf holds it when made. */
const char *report_proof_reason_in(const struct report *r, enum msg_lang L, char *buf, size_t n);
/* Prints the text report of check and apply (runner/report_text.c). */
void report_say(const struct report *r);
/* Prints remove's text report: the receipt rec it acted by, the stores, the
 * actions and the result. */
void report_say_remove(const struct report *r, const struct plat_receipt *rec);

/* Adds the kit object's entries_read and entries_total to j
 * (runner/report_json.c; check, apply and check-file). */
void report_json_entries_read(struct json *j, const struct kit *k);
/* Writes r as JSON to path (a temp file renamed into place). Returns EXIT_OK,
 * or an exit code with the reason printed (complain). */
int report_write_json(const char *path, const struct report *r);

#endif
