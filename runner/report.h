/* The report of check, apply and remove, shared by runner/machine.c (which
 * fills and prints it) and runner/report_json.c (which writes it as JSON,
 * docs/report.md). Split from machine.c by concern. Internal to the runner. */
#ifndef ACSKIT_REPORT_H
#define ACSKIT_REPORT_H

#include <stddef.h>

#include "assess.h"
#include "distrust.h"
#include "kit.h"
#include "plat.h"

#define REPORT_SCHEMA "acskit-report/2"

/* present: the pinned bytes, usable for code signing; restricted: the pinned
 * bytes, but its EKU property leaves out code signing (or cannot be read);
 * different: other bytes under the thumbprint; unreadable: the store could
 * not be read. */
enum store_state { STORE_ABSENT, STORE_PRESENT, STORE_RESTRICTED, STORE_DIFFERENT, STORE_UNREADABLE };

struct action {
	const char *action;  /* "add-root", "write-receipt", "remove-root" */
	const char *result;  /* "done", "unchanged", "failed" */
	char detail[400];       /* English: the JSON report */
	char detail_text[800];  /* the text report's language (runner/msg.h) */
};

struct report {
	const char *verb;
	char now[21];
	const char *kit_path;
	struct kit *k;
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
	struct action actions[4];
	int have_receipt;
	struct plat_receipt receipt;
	int exit;
	const char *outcome;
	char summary[1200];     /* English: the JSON report and the event */
	char summary_text[2400]; /* the text report's language */
	char error[512];
};

extern const char *const report_store_state_names[];

/* Writes r as JSON to path (a temp file renamed into place). Returns EXIT_OK,
 * or an exit code with the reason printed (complain). */
int report_write_json(const char *path, const struct report *r);

#endif
