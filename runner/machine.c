/* acskit-run check, apply and remove: assess a Windows machine against a
 * verified kit, install the pinned root, report (text, --json), and roll back
 * by the receipt. The platform gathers facts and changes the store
 * (platform/plat.h); common/assess.c gives the update verdict; this file
 * decides, prints and writes the report. Every verb, verdict and exit code is
 * in docs/runbook.md and docs/acskit-run.1; the JSON schema in docs/report.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "crypto.h"
#include "distrust.h"
#include "exitcodes.h"
#include "install.h"
#include "json.h"
#include "kit.h"
#include "msg.h"
#include "plat.h"
#include "print.h"
#include "report.h"
#include "runner.h"
#include "timeutil.h"
#include "version.h"

#define ROOT_STORE_NAME "LocalMachine\\Root"

/* The EKU restriction Microsoft's trust list gives this root. */
static const char *const root_ekus[] = {"1.3.6.1.5.5.7.3.3", "1.3.6.1.5.5.7.3.8"};

/* "absent", "present", ...: enum store_state as the report writes it. */
const char *const report_store_state_names[] = {"absent", "present", "restricted", "different", "unreadable"};

/* ---- gathering ---------------------------------------------------------- */

/* Whether an EKU list ("oid,oid") names code signing. */
static int eku_has_code_signing(const char *list)
{
	const char *p = list;
	size_t n = strlen(root_ekus[0]);
	while ((p = strstr(p, root_ekus[0])) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static int read_root(struct report *r, const uint8_t *der, size_t len)
{
	uint8_t sha1[20];
	int s, e;
	if (r->have_root)
		plat_root_state_free(&r->rs);
	r->have_root = 0;
	if (kit_unhex(kit_pin_sha1_hex, sha1, 20) != 0)
		return EXIT_INTERNAL;
	e = plat_root_state(sha1, &r->rs);
	if (e) {
		msg_complain_err(M_CANNOT_READ_STORES, e);
		return EXIT_INTERNAL;
	}
	r->have_root = 1;
	r->trusted = r->root_unknown = 0;
	for (s = 0; s < PLAT_NSTORES; s++) {
		if (r->rs.error[s])
			r->st[s] = STORE_UNREADABLE;
		else if (!r->rs.der[s])
			r->st[s] = STORE_ABSENT;
		else if (r->rs.len[s] != len || memcmp(r->rs.der[s], der, len) != 0)
			r->st[s] = STORE_DIFFERENT;
		else if (r->rs.eku_state[s] == PLAT_EKU_UNREADABLE ||
		         (r->rs.eku_state[s] == PLAT_EKU_LIST && !eku_has_code_signing(r->rs.eku[s])))
			r->st[s] = STORE_RESTRICTED;
		else
			r->st[s] = STORE_PRESENT;
		if (r->st[s] == STORE_PRESENT)
			r->trusted = 1;
		if (r->st[s] == STORE_UNREADABLE || r->st[s] == STORE_DIFFERENT)
			r->root_unknown = 1;
	}
	if (r->trusted)
		r->root_unknown = 0;
	/* An explicit distrust wins over every root store, as on Windows. */
	distrust_assess(&r->rs, der, len, &r->dis);
	r->have_dis = 1;
	if (r->dis.distrusted || r->dis.unknown)
		r->trusted = 0;
	r->root_unknown = !r->dis.distrusted && (r->root_unknown || r->dis.unknown);
	return EXIT_OK;
}

static int run_proof(struct report *r)
{
	const uint8_t *der[8];
	size_t len[8], i, n = r->k->nchain;
	int e;
	if (r->have_proof)
		plat_proof_free(&r->proof);
	for (i = 0; i < n && i < 8; i++) {
		der[i] = r->k->chain[i].der;
		len[i] = r->k->chain[i].len;
	}
	e = plat_chain_proof(der, len, n, &r->proof);
	if (e) {
		msg_complain_err(M_PROOF_FAILED, e);
		return EXIT_INTERNAL;
	}
	r->have_proof = 1;
	r->proof_yes = r->proof.ran && r->proof.policy_ok && r->proof.top_der && r->proof.top_len == r->k->root_len &&
	               !memcmp(r->proof.top_der, r->k->root_der, r->k->root_len);
	/* Wine's Authenticode policy passes a chain that stops short of any root,
	 * so the chain's own status and its top certificate decide as well. */
	if (r->proof.ran && r->proof.chain_status != 0)
		r->proof_yes = 0;
	if (r->proof.ran && r->proof.policy_ok && !r->proof_yes)
		(void)snprintf(r->proof.reason, sizeof r->proof.reason,
		               "the chain stops at \"%.150s\" (chain status 0x%08lX): this machine's chain engine does not "
		               "reach the pinned root",
		               r->proof.nchain ? r->proof.subjects[r->proof.nchain - 1] : "?",
		               (unsigned long)r->proof.chain_status);
	return EXIT_OK;
}

/* ---- deciding ----------------------------------------------------------- */

/* The text of id in L (English when L has none). */
static const char *tr(enum msg_lang L, enum msg_id id)
{
	const char *t = msg_in(L, id);
	return t ? t : msg_in(MSG_EN, id);
}

/* The update assessment whose texts are in L: the English one feeds the
 * JSON report, the other the text report (runner/msg.h). */
const struct update_assessment *report_ua_in(const struct report *r, enum msg_lang L)
{
	return L != MSG_EN && r->have_ua_text ? &r->ua_text : &r->ua;
}

/* The proof's reason in L: the platform's text is English; the cases a
 * person meets (an untrusted root, no reference chain, the chain stopping
 * short) are said from the proof's codes. */
const char *report_proof_reason_in(const struct report *r, enum msg_lang L, char *buf, size_t n)
{
	if (L == MSG_EN)
		return r->proof.reason;
	if (r->proof.ran && r->proof.policy_ok && !r->proof_yes) {
		(void)snprintf(buf, n, tr(L, M_PROOF_STOPS),
		               r->proof.nchain ? r->proof.subjects[r->proof.nchain - 1] : "?",
		               (unsigned long)r->proof.chain_status);
		return buf;
	}
	if (r->proof.ran && r->proof.policy_error == 0x800B0109UL)
		return tr(L, M_PROOF_UNTRUSTEDROOT);
	if (!r->proof.ran && r->k && r->k->nchain == 0)
		return tr(L, M_PROOF_NO_CHAIN);
	return r->proof.reason;
}

/* Sets the exit code and outcome, and writes the summary in L into out. */
static void decide_in(struct report *r, enum msg_lang L, char *out, size_t outn)
{
	const struct update_assessment *ua = report_ua_in(r, L);
	enum update_verdict v = r->ua.verdict;
	int proof_missing = r->have_proof && !r->proof.ran && r->k->nchain > 0;
	char need[1400] = "", pr[600];
	/* English keeps the size it always had (its text is byte for byte as before). */
	size_t used = 0, needn = L == MSG_EN ? 700 : sizeof need;
	if (v == UPDATE_NO_UPDATE || v == UPDATE_NOT_COVERED) {
		r->exit = EXIT_NOT_FIXABLE;
		r->outcome = v == UPDATE_NO_UPDATE ? "not-fixable" : "not-covered";
		(void)snprintf(out, outn, tr(L, M_SUM_NOT_FIXABLE), ua->reason);
		return;
	}
	if (r->dis.distrusted) {
		r->exit = EXIT_DISTRUSTED;
		r->outcome = "distrusted";
		(void)snprintf(out, outn, tr(L, M_SUM_DISTRUSTED), distrust_way_out_in(&r->dis, L),
		               v == UPDATE_MISSING ? tr(L, M_SUM_ALSO_MISSING) : "", v == UPDATE_MISSING ? ua->reason : "");
		return;
	}
	if (!r->trusted && !r->root_unknown)
		used += (size_t)snprintf(need + used, needn - used, "%s",
		                         tr(L, r->st[PLAT_STORE_ROOT] == STORE_RESTRICTED ? M_NEED_ROOT_RESTRICTED
		                                                                          : M_NEED_ROOT));
	if (v == UPDATE_MISSING && used < needn)
		(void)snprintf(need + used, needn - used, tr(L, M_NEED_UPDATE), used ? tr(L, M_NEED_SEP) : "",
		               ua->reason);
	if (need[0] || (r->have_proof && r->proof.ran && !r->proof_yes)) {
		r->exit = EXIT_ACTION_NEEDED;
		r->outcome = "action-needed";
		if (need[0])
			(void)snprintf(out, outn, tr(L, M_SUM_STILL_NEEDS), need);
		else
			(void)snprintf(out, outn, tr(L, M_SUM_PROOF_NO), report_proof_reason_in(r, L, pr, sizeof pr));
		return;
	}
	if (v == UPDATE_PENDING_REBOOT) {
		r->exit = EXIT_PENDING_REBOOT;
		r->outcome = "pending-reboot";
		(void)snprintf(out, outn, tr(L, M_SUM_AFTER_RESTART), ua->reason);
		return;
	}
	if (r->root_unknown) {
		r->exit = EXIT_UNDETERMINED;
		r->outcome = "undetermined";
		(void)snprintf(out, outn, "%s", tr(L, M_SUM_ROOT_UNKNOWN));
		return;
	}
	if (v == UPDATE_UNDETERMINED || proof_missing) {
		r->exit = EXIT_UNDETERMINED;
		r->outcome = "undetermined";
		(void)snprintf(out, outn, tr(L, M_SUM_TRUSTED_BUT),
		               v == UPDATE_UNDETERMINED ? ua->reason : report_proof_reason_in(r, L, pr, sizeof pr));
		return;
	}
	r->exit = EXIT_OK;
	r->outcome = "ready";
	(void)snprintf(out, outn, tr(L, M_SUM_READY), ua->by, r->proof_yes ? tr(L, M_SUM_READY_PROOF) : "");
}

/* The summary in English (the JSON report) and in the text's language. */
static void decide(struct report *r)
{
	decide_in(r, MSG_EN, r->summary, sizeof r->summary);
	if (msg_lang() == MSG_EN)
		(void)snprintf(r->summary_text, sizeof r->summary_text, "%s", r->summary);
	else
		decide_in(r, msg_lang(), r->summary_text, sizeof r->summary_text);
}

/* ---- apply -------------------------------------------------------------- */

static int install_root(struct report *r)
{
	int e, s;
	if (r->dis.distrusted) {
		for (s = 0; s < PLAT_NDIS && r->dis.st[s] != DIS_DISTRUSTED; s++)
			;
		report_action(r, "add-root", "failed", M_ACT_DISTRUSTED, plat_dstore_key((enum plat_dstore)s));
		report_refuse_last(r);
		return EXIT_DISTRUSTED;
	}
	if (r->trusted) {
		report_action(r, "add-root", "unchanged", M_ACT_ALREADY_TRUSTED, "");
		return EXIT_OK;
	}
	/* All four stores must have been read before anything is written. */
	if (r->root_unknown) {
		report_action(r, "add-root", "failed", M_ACT_ROOT_UNKNOWN, NULL);
		report_refuse_last(r);
		return EXIT_UNDETERMINED;
	}
	if (r->st[PLAT_STORE_ROOT] == STORE_RESTRICTED) {
		report_action(r, "add-root", "failed", M_ACT_RESTRICTED, NULL);
		report_refuse_last(r);
		return EXIT_ACTION_NEEDED;
	}
	e = plat_root_add(r->k->root_der, r->k->root_len, r->k->root_cn, root_ekus, 2);
	if (e) {
		report_action_err(r, "add-root", M_ACT_ADD_FAILED, e);
		report_complain_last(r, e == PLAT_E_ROLLBACK ? M_COUNT : M_STORE_AS_WAS);
		return EXIT_IO;
	}
	report_action(r, "add-root", "done", M_ACT_ADDED, r->k->root_cn);
	return EXIT_OK;
}

/* old: the receipt as read before anything was written. */
static int write_receipt(struct report *r, const struct plat_receipt *oldp, int added_now)
{
	struct plat_receipt old = *oldp, rec;
	int e;
	memset(&rec, 0, sizeof rec);
	/* The receipt says acskit added the root, but Root cannot be read or
	 * holds other bytes under the thumbprint: whether that root is still
	 * there cannot be told, so the receipt stays as it is (exit 8). */
	if (!added_now && old.root_added &&
	    (r->st[PLAT_STORE_ROOT] == STORE_UNREADABLE || r->st[PLAT_STORE_ROOT] == STORE_DIFFERENT)) {
		r->receipt = old;
		r->have_receipt = 1;
		report_action(r, "write-receipt", "failed", M_ACT_RECEIPT_UNKNOWN, NULL);
		report_refuse_last(r);
		return EXIT_UNDETERMINED;
	}
	/* The root counts as acskit's while the receipt said so and it is still
	 * in LocalMachine\Root, or when this run added it. */
	rec.root_added = added_now || (old.root_added && r->st[PLAT_STORE_ROOT] == STORE_PRESENT);
	/* The replay floor rises only with a kit whose signature verified
	 * against a trusted key: anyone can build an unsigned kit numbered
	 * 2^63-1, which would make every genuine kit "older". */
	rec.has_sequence = old.has_sequence;
	rec.sequence = old.sequence;
	if (signature_trusted && r->k->index.has_sequence &&
	    (!old.has_sequence || r->k->index.sequence > old.sequence)) {
		rec.has_sequence = 1;
		rec.sequence = r->k->index.sequence;
	}
	(void)snprintf(rec.identity, sizeof rec.identity, "%s", r->k->identity_hex);
	(void)snprintf(rec.root_sha1, sizeof rec.root_sha1, "%s", kit_pin_sha1_hex);
	(void)snprintf(rec.root_store, sizeof rec.root_store, "%s", ROOT_STORE_NAME);
	(void)snprintf(rec.runner, sizeof rec.runner, "acskit-run %s", ACSKIT_VERSION);
	if (!added_now && !strcmp(old.identity, rec.identity) && old.root_added == rec.root_added &&
	    old.has_sequence == rec.has_sequence && old.sequence == rec.sequence && !strcmp(old.root_sha1, rec.root_sha1)) {
		r->receipt = old;
		r->have_receipt = 1;
		report_action(r, "write-receipt", "unchanged", M_ACT_RECEIPT_SAME, old.applied_at);
		return EXIT_OK;
	}
	(void)snprintf(rec.applied_at, sizeof rec.applied_at, "%s", r->now);
	e = plat_receipt_write(&rec);
	if (e) {
		report_action_err(r, "write-receipt", M_ACT_RECEIPT_FAILED, e);
		report_complain_last(r, M_COUNT);
		return EXIT_IO;
	}
	r->receipt = rec;
	r->have_receipt = 1;
	report_action(r, "write-receipt", "done", M_ACT_RECEIPT_DONE, NULL);
	return EXIT_OK;
}

/* Takes out a root this run added when a later step failed, so that a failed
 * apply leaves the machine as it was; says so either way. */
static void rollback(struct report *r)
{
	int e = plat_root_delete(r->k->root_der, r->k->root_len);
	if (e == 0 || e == ENOENT)
		report_action(r, "remove-root", "done", M_ACT_ROLLED_BACK, NULL);
	else
		report_action_err(r, "remove-root", M_ACT_ROLLBACK_FAILED, e);
	if (e != 0 && e != ENOENT)
		report_complain_last(r, M_COUNT);
}

/* ---- the JSON report (docs/report.md) ----------------------------------- */

static void report_free(struct report *r)
{
	install_cleanup(r);
	if (r->rd)
		kit_close(r->rd);
	if (r->have_root)
		plat_root_state_free(&r->rs);
	if (r->have_proof)
		plat_proof_free(&r->proof);
	if (r->have_update)
		update_assessment_free(&r->ua);
	if (r->have_ua_text)
		update_assessment_free(&r->ua_text);
	if (r->have_facts)
		machine_facts_free(&r->f);
	kit_free(r->k);
}

/* Ends a run: the report (unless --quiet), the JSON file, the exit code. */
static int finish(struct report *r, const struct machine_options *o, int print)
{
	int rc = r->exit;
	if (!r->outcome) {
		r->outcome = "error";
		(void)snprintf(r->error, sizeof r->error, "%s", print_last_complaint());
	}
	if (print && !o->quiet)
		report_say(r);
	/* A fleet tool that asked for a report and gets none must not read the
	 * exit code as the machine's state: the failure to write wins. */
	if (o->json) {
		int e = report_write_json(o->json, r);
		if (e != EXIT_OK)
			rc = e;
	}
	runner_event(r->verb, r->outcome, r->exit, r->summary[0] ? r->summary : r->error, r->k ? r->k->identity_hex : NULL,
	             !strcmp(r->verb, "apply") && r->k, o->no_event);
	report_free(r);
	return rc;
}

static int refuse_unless_elevated(struct report *r, const char *verb)
{
	int e = plat_is_elevated();
	if (e == 1)
		return 0;
	{
		char en[512], local[1024];
		(void)snprintf(en, sizeof en, msg_in(MSG_EN, M_NOT_ELEVATED), verb,
		               msg_in(MSG_EN, e == 0 ? M_NOT_ELEVATED_WHY : M_TOKEN_UNREADABLE));
		(void)snprintf(local, sizeof local, T(M_NOT_ELEVATED), verb, T(e == 0 ? M_NOT_ELEVATED_WHY : M_TOKEN_UNREADABLE));
		msg_complain_texts(en, local);
	}
	r->exit = EXIT_NOT_ELEVATED;
	return -1;
}

static int not_here(struct report *r, const char *verb)
{
	msg_complain(M_NOT_HERE, verb);
	r->exit = EXIT_USAGE;
	return -1;
}

/* apply with update packages: runs them, reads the machine again (what the
 * installers changed is what the report says), then the outcome: a stop for
 * a restart, a failure or a busy installer win over the verdict. */
/* The update verdict once more with its texts in the report's language
 * (the JSON keeps the English one, r->ua), from the same facts; again after
 * the installers changed them. */
static void assess_in_text_language(struct report *r)
{
	if (r->have_ua_text) {
		update_assessment_free(&r->ua_text);
		r->have_ua_text = 0;
	}
	if (msg_lang() == MSG_EN)
		return;
	if (assess_update_in(&r->k->manifests, &r->f, msg_assess_text, &r->ua_text) == 0)
		r->have_ua_text = 1;
}

static int finish_updates(struct report *r, const struct machine_options *o)
{
	char left[300] = "";
	size_t i, used = 0;
	install_run(r, o->quiet);
	install_cleanup(r);
	update_assessment_free(&r->ua);
	r->have_update = 0;
	machine_facts_free(&r->f);
	r->have_facts = 0;
	memset(&r->f, 0, sizeof r->f);
	if (plat_machine_read(&r->f) != 0 || (r->have_facts = 1, assess_update(&r->k->manifests, &r->f, &r->ua) != 0)) {
		msg_complain(M_IN_REREAD_OOM);
		r->exit = EXIT_INTERNAL;
		return finish(r, o, 0);
	}
	assess_in_text_language(r);
	r->have_update = 1;
	decide(r);
	for (i = 0; i < r->plan.n; i++)
		if (!r->plan.v[i].status || !strncmp(r->plan.v[i].status, "not", 3) || !strcmp(r->plan.v[i].status, "failed"))
			used += (size_t)snprintf(left + used, used < sizeof left ? sizeof left - used : 0, "%s%s",
			                         used ? ", " : "", r->plan.v[i].pkg->kb);
	switch (r->plan.status) {
	case INSTALL_RESTART_MORE:
		r->exit = EXIT_PENDING_REBOOT;
		r->outcome = "pending-reboot";
		msg_format2(r->summary, sizeof r->summary, r->summary_text, sizeof r->summary_text, M_SUM_RESTART_MORE,
		            (unsigned long)r->plan.installed, left);
		break;
	case INSTALL_FAILED:
	case INSTALL_BUSY:
		r->exit = r->plan.status == INSTALL_BUSY ? EXIT_INSTALL_BUSY : EXIT_INSTALL_FAILED;
		r->outcome = r->plan.status == INSTALL_BUSY ? "installer-busy" : "install-failed";
		for (i = r->nactions; i > 0 && strcmp(r->actions[i - 1].action, "install-package") != 0; i--)
			;
		(void)snprintf(r->summary, sizeof r->summary, msg_in(MSG_EN, M_SUM_INSTALL_FAILED),
		               i ? r->actions[i - 1].detail : msg_in(MSG_EN, M_SUM_NOT_INSTALLED), left);
		(void)snprintf(r->summary_text, sizeof r->summary_text, T(M_SUM_INSTALL_FAILED),
		               i ? r->actions[i - 1].detail_text : T(M_SUM_NOT_INSTALLED), left);
		(void)snprintf(r->error, sizeof r->error, "%s", print_last_complaint());
		break;
	case INSTALL_RESTART_END:
		/* The last package's installer asked for a restart: that is the
		 * answer, whatever the machine read again says before it (the
		 * update still missing when the kit carried only prerequisites, or
		 * undetermined while the new build waits for the restart). */
		if (r->exit == EXIT_OK || r->exit == EXIT_ACTION_NEEDED || r->exit == EXIT_UNDETERMINED) {
			char kbs[120] = "", en[sizeof r->summary], local[sizeof r->summary_text];
			size_t k = 0;
			for (i = 0; i < r->plan.n; i++)
				if (r->plan.v[i].status && (!strcmp(r->plan.v[i].status, "installed, restart needed") ||
				                            r->plan.v[i].pending))
					k += (size_t)snprintf(kbs + k, k < sizeof kbs ? sizeof kbs - k : 0, "%s%s", k ? ", " : "",
					                      r->plan.v[i].pkg->kb);
			(void)snprintf(en, sizeof en, msg_in(MSG_EN, M_SUM_RESTART_END), kbs, r->summary);
			(void)snprintf(local, sizeof local, T(M_SUM_RESTART_END), kbs, r->summary_text);
			(void)snprintf(r->summary, sizeof r->summary, "%s", en);
			(void)snprintf(r->summary_text, sizeof r->summary_text, "%s", local);
			r->exit = EXIT_PENDING_REBOOT;
			r->outcome = "pending-reboot";
		}
		break;
	default:
		break;
	}
	if (o->restart && r->exit == EXIT_PENDING_REBOOT && r->plan.installed) {
		int e = plat_restart();
		if (e)
			report_action_err(r, "restart", M_ACT_RESTART_FAILED, e);
		else
			report_action(r, "restart", "done", M_ACT_RESTART_DONE, NULL);
	}
	return finish(r, o, 1);
}

int cmd_assess(int apply, const char *path, const char *expect, const struct machine_options *o)
{
	struct report r;
	int rc;
	memset(&r, 0, sizeof r);
	r.verb = apply ? "apply" : "check";
	r.kit_path = path;
	time_format_iso(plat_now(), r.now);
	if (!plat_machine_supported() && not_here(&r, r.verb))
		return finish(&r, o, 0);
	if (apply && refuse_unless_elevated(&r, "apply"))
		return finish(&r, o, 0);
	/* Structure, index, signature, root, chain and manifests: what assess
	 * reads. The payload (gigabytes of packages on a USB stick) is hashed
	 * only when extracted (apply keeps the reader for that, and extracts
	 * every package it will install before it changes anything); verify
	 * reads every byte. */
	rc = open_kit(path, expect, 0, apply ? &r.rd : NULL, &r.k);
	if (rc != EXIT_OK) {
		r.exit = rc;
		return finish(&r, o, 0);
	}
	if (plat_machine_read(&r.f) != 0) {
		msg_complain(M_MACHINE_OOM);
		r.exit = EXIT_INTERNAL;
		return finish(&r, o, 0);
	}
	r.have_facts = 1;
	machine_os_name(&r.f, r.os_name, sizeof r.os_name);
	/* The receipt as it is (apply replaces it with what it wrote). */
	if (plat_receipt_read(&r.receipt) == 0 && r.receipt.identity[0])
		r.have_receipt = 1;
	if (assess_update(&r.k->manifests, &r.f, &r.ua) != 0) {
		msg_complain(M_ASSESS_OOM);
		r.exit = EXIT_INTERNAL;
		return finish(&r, o, 0);
	}
	r.have_update = 1;
	assess_in_text_language(&r);
	if ((rc = read_root(&r, r.k->root_der, r.k->root_len)) != EXIT_OK ||
	    (rc = run_proof(&r)) != EXIT_OK) {
		r.exit = rc;
		return finish(&r, o, 0);
	}
	/* check says which of the kit's packages apply would install. */
	if (!apply)
		install_choose(&r);
	if (apply) {
		struct plat_receipt old;
		int added = 0, e;
		r.proof_before = !r.proof.ran ? "not-run" : r.proof_yes ? "yes" : "no";
		/* Read what is needed before the first write. */
		if ((e = plat_receipt_read(&old)) != 0) {
			msg_complain_err(M_RECEIPT_READ_FAILED_APPLY, e);
			r.exit = EXIT_IO;
			return finish(&r, o, 0);
		}
		/* The packages are chosen and extracted (each hash checked) before
		 * the first write: a tampered or unreadable package refuses the
		 * run with nothing changed. */
		if (!o->no_updates && (rc = install_prepare(&r, r.rd)) != EXIT_OK) {
			r.exit = rc;
			/* Exit 13 keeps its outcome word (a package this Windows cannot
			 * install), with the refusal as the report's error. */
			if (rc == EXIT_INSTALL_FAILED) {
				r.outcome = "install-failed";
				(void)snprintf(r.error, sizeof r.error, "%s", print_last_complaint());
			}
			return finish(&r, o, 0);
		}
		rc = install_root(&r);
		added = rc == EXIT_OK && r.nactions && !strcmp(r.actions[r.nactions - 1].result, "done");
		if (added && ((rc = read_root(&r, r.k->root_der, r.k->root_len)) != EXIT_OK || (rc = run_proof(&r)) != EXIT_OK))
			rollback(&r);
		if (rc == EXIT_OK && (rc = write_receipt(&r, &old, added)) != EXIT_OK && added)
			rollback(&r);
		if (rc != EXIT_OK) {
			/* A machine condition apply will not act on keeps its outcome
			 * word; anything else is an error. */
			decide(&r);
			r.exit = rc;
			r.outcome = rc == EXIT_ACTION_NEEDED ? "action-needed"
			            : rc == EXIT_UNDETERMINED ? "undetermined"
			            : rc == EXIT_DISTRUSTED   ? "distrusted"
			                                      : "error";
			(void)snprintf(r.error, sizeof r.error, "%s", print_last_complaint());
			return finish(&r, o, 1);
		}
		if (r.plan.n)
			return finish_updates(&r, o);
	}
	decide(&r);
	return finish(&r, o, 1);
}

int cmd_remove(const struct machine_options *o)
{
	struct report r;
	struct plat_receipt rec;
	uint8_t sha[32];
	int e, s;
	memset(&r, 0, sizeof r);
	r.verb = "remove";
	time_format_iso(plat_now(), r.now);
	if (!plat_machine_supported() && not_here(&r, "remove"))
		return finish(&r, o, 0);
	if (refuse_unless_elevated(&r, "remove"))
		return finish(&r, o, 0);
	if ((e = plat_receipt_read(&rec)) != 0) {
		msg_complain_err(M_RECEIPT_READ_FAILED, e);
		r.exit = EXIT_IO;
		return finish(&r, o, 0);
	}
	r.receipt = rec;
	r.have_receipt = rec.identity[0] != '\0';
	{
		/* The stored copy is compared with the pin (SHA-256), since remove
		 * has no kit: only the pinned root is ever taken out. */
		uint8_t sha1[20];
		if (kit_unhex(kit_pin_sha1_hex, sha1, 20) != 0 || plat_root_state(sha1, &r.rs) != 0) {
			msg_complain(M_CANNOT_READ_STORES_PLAIN);
			r.exit = EXIT_INTERNAL;
			return finish(&r, o, 0);
		}
		r.have_root = 1;
	}
	for (s = 0; s < PLAT_NSTORES; s++) {
		r.st[s] = r.rs.error[s] ? STORE_UNREADABLE : !r.rs.der[s] ? STORE_ABSENT : STORE_DIFFERENT;
		if (r.rs.der[s] && crypto_sha256_oneshot(r.rs.der[s], r.rs.len[s], sha) == CRYPTO_OK &&
		    !memcmp(sha, kit_pin_sha256, 32))
			r.st[s] = r.rs.eku_state[s] == PLAT_EKU_UNREADABLE ||
			                  (r.rs.eku_state[s] == PLAT_EKU_LIST && !eku_has_code_signing(r.rs.eku[s]))
			              ? STORE_RESTRICTED
			              : STORE_PRESENT;
	}
	if (!rec.root_added) {
		report_action(&r, "remove-root", "unchanged", rec.identity[0] ? M_RM_NOT_RECORDED : M_RM_NO_RECEIPT, NULL);
	} else if (r.st[PLAT_STORE_ROOT] == STORE_UNREADABLE || r.st[PLAT_STORE_ROOT] == STORE_DIFFERENT) {
		/* The receipt says acskit added the root, and Root cannot tell
		 * whether it is still there: forgetting now would leave it for good.
		 * Exit 8, as apply does when it cannot tell: "acskit could not
		 * tell", not 5 (a file or the receipt could not be read or written). */
		report_action(&r, "remove-root", "failed",
		           r.st[PLAT_STORE_ROOT] == STORE_UNREADABLE ? M_RM_ROOT_UNREADABLE : M_RM_ROOT_DIFFERENT, NULL);
		report_refuse_last(&r);
		(void)snprintf(r.error, sizeof r.error, "%s", print_last_complaint());
		r.exit = EXIT_UNDETERMINED;
		r.outcome = "undetermined";
		(void)snprintf(r.summary, sizeof r.summary, "%s", r.actions[0].detail);
		(void)snprintf(r.summary_text, sizeof r.summary_text, "%s", r.actions[0].detail_text);
		return finish(&r, o, 0);
	} else if (r.st[PLAT_STORE_ROOT] != STORE_PRESENT && r.st[PLAT_STORE_ROOT] != STORE_RESTRICTED) {
		report_action(&r, "remove-root", "unchanged", M_RM_GONE, NULL);
	} else if (r.rs.eku_state[PLAT_STORE_ROOT] != PLAT_EKU_LIST ||
	           strcmp(r.rs.eku[PLAT_STORE_ROOT], "1.3.6.1.5.5.7.3.3,1.3.6.1.5.5.7.3.8") != 0) {
		/* Not the copy acskit wrote (its EKU restriction is gone or other):
		 * someone changed or replaced it since. */
		report_action(&r, "remove-root", "failed", M_RM_CHANGED, NULL);
		report_refuse_last(&r);
		r.exit = EXIT_ACTION_NEEDED;
		r.outcome = "action-needed";
		(void)snprintf(r.summary, sizeof r.summary, "%s", r.actions[0].detail);
		(void)snprintf(r.summary_text, sizeof r.summary_text, "%s", r.actions[0].detail_text);
		return finish(&r, o, 0);
	} else if ((e = plat_root_delete(r.rs.der[PLAT_STORE_ROOT], r.rs.len[PLAT_STORE_ROOT])) != 0) {
		report_action_err(&r, "remove-root", M_RM_FAILED, e);
		report_complain_last(&r, M_COUNT);
		r.exit = EXIT_IO;
		return finish(&r, o, 0);
	} else {
		report_action(&r, "remove-root", "done", M_RM_DONE, NULL);
		r.st[PLAT_STORE_ROOT] = STORE_ABSENT;
		free(r.rs.der[PLAT_STORE_ROOT]);
		r.rs.der[PLAT_STORE_ROOT] = NULL;
	}
	if (rec.root_added) {
		rec.root_added = 0;
		(void)snprintf(rec.removed_at, sizeof rec.removed_at, "%s", r.now);
		if ((e = plat_receipt_write(&rec)) != 0) {
			msg_complain_err(M_RM_RECEIPT_FAILED, e);
			r.exit = EXIT_IO;
			return finish(&r, o, 0);
		}
		r.receipt = rec;
		report_action(&r, "write-receipt", "done", M_RM_RECEIPT_DONE, NULL);
	}
	{
		/* "Still trusted through another store" only when another store is
		 * read and holds the root; an unreadable one is said as such. */
		char other[200] = "", unread[200] = "";
		for (s = 0; s < PLAT_NSTORES; s++) {
			char *to = r.st[s] == STORE_PRESENT ? other : r.st[s] == STORE_UNREADABLE ? unread : NULL;
			if (r.st[s] == STORE_PRESENT)
				r.trusted = 1;
			if (s == PLAT_STORE_ROOT || !to)
				continue;
			(void)snprintf(to + strlen(to), 200 - strlen(to), "%s%s", to[0] ? ", " : "",
			               plat_store_name((enum plat_store)s));
		}
		r.exit = EXIT_OK;
		r.outcome = "done";
		(void)snprintf(r.summary, sizeof r.summary, msg_in(MSG_EN, M_RM_SUMMARY), r.actions[0].detail,
		               other[0] ? msg_in(MSG_EN, M_RM_STILL_TRUSTED) : "", other,
		               other[0] ? msg_in(MSG_EN, M_RM_NEVER_CHANGES) : "",
		               unread[0] ? msg_in(MSG_EN, M_RM_UNREAD) : "", unread);
		(void)snprintf(r.summary_text, sizeof r.summary_text, T(M_RM_SUMMARY), r.actions[0].detail_text,
		               other[0] ? T(M_RM_STILL_TRUSTED) : "", other, other[0] ? T(M_RM_NEVER_CHANGES) : "",
		               unread[0] ? T(M_RM_UNREAD) : "", unread);
	}
	if (!o->quiet)
		report_say_remove(&r, &rec);
	return finish(&r, o, 0);
}
