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

static void add_action(struct report *r, const char *action, const char *result, const char *fmt, const char *arg)
{
	struct action *a;
	if (r->nactions == sizeof r->actions / sizeof r->actions[0])
		return;
	a = &r->actions[r->nactions++];
	a->action = action;
	a->result = result;
	(void)snprintf(a->detail, sizeof a->detail, fmt, arg);
}

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
		complain("cannot read the certificate stores: %s", plat_strerror(e));
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
		complain("the chain proof failed: %s", plat_strerror(e));
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

static void decide(struct report *r)
{
	enum update_verdict v = r->ua.verdict;
	int proof_missing = r->have_proof && !r->proof.ran && r->k->nchain > 0;
	char need[700] = "";
	size_t used = 0;
	if (v == UPDATE_NO_UPDATE || v == UPDATE_NOT_COVERED) {
		r->exit = EXIT_NOT_FIXABLE;
		r->outcome = v == UPDATE_NO_UPDATE ? "not-fixable" : "not-covered";
		(void)snprintf(r->summary, sizeof r->summary, "%s", r->ua.reason);
		return;
	}
	if (r->dis.distrusted) {
		r->exit = EXIT_DISTRUSTED;
		r->outcome = "distrusted";
		(void)snprintf(r->summary, sizeof r->summary,
		               "the root is explicitly distrusted (see distrust:), and acskit does not add it over that: "
		               "%s%s%s",
		               distrust_way_out(&r->dis), v == UPDATE_MISSING ? "; the update is also missing: " : "",
		               v == UPDATE_MISSING ? r->ua.reason : "");
		return;
	}
	if (!r->trusted && !r->root_unknown)
		used += (size_t)snprintf(need + used, sizeof need - used, "%s",
		                         r->st[PLAT_STORE_ROOT] == STORE_RESTRICTED
		                             ? "the root enabled for code signing (LocalMachine\\Root holds it with an EKU "
		                               "restriction that leaves code signing out; acskit does not change a "
		                               "certificate it did not add)"
		                             : "the root (run 'acskit-run apply' as an administrator)");
	if (v == UPDATE_MISSING)
		(void)snprintf(need + used, sizeof need - used, "%sthe update: %s", used ? "; " : "", r->ua.reason);
	if (need[0] || (r->have_proof && r->proof.ran && !r->proof_yes)) {
		r->exit = EXIT_ACTION_NEEDED;
		r->outcome = "action-needed";
		if (need[0])
			(void)snprintf(r->summary, sizeof r->summary, "this machine still needs %s", need);
		else
			(void)snprintf(r->summary, sizeof r->summary,
			               "the root is in the store, but the ACS reference chain does not reach it in this "
			               "machine's user-mode chain engine: %s",
			               r->proof.reason);
		return;
	}
	if (v == UPDATE_PENDING_REBOOT) {
		r->exit = EXIT_PENDING_REBOOT;
		r->outcome = "pending-reboot";
		(void)snprintf(r->summary, sizeof r->summary, "ready after a restart: %s", r->ua.reason);
		return;
	}
	if (r->root_unknown) {
		r->exit = EXIT_UNDETERMINED;
		r->outcome = "undetermined";
		(void)snprintf(r->summary, sizeof r->summary,
		               "whether the root is trusted cannot be told: a LocalMachine root store could not be read "
		               "or holds other bytes under the root's thumbprint (see root:)");
		return;
	}
	if (v == UPDATE_UNDETERMINED || proof_missing) {
		r->exit = EXIT_UNDETERMINED;
		r->outcome = "undetermined";
		(void)snprintf(r->summary, sizeof r->summary, "the root is trusted, but %s",
		               v == UPDATE_UNDETERMINED ? r->ua.reason : r->proof.reason);
		return;
	}
	r->exit = EXIT_OK;
	r->outcome = "ready";
	(void)snprintf(r->summary, sizeof r->summary,
	               "the root is trusted, the OS supports ACS (%s)%s", r->ua.by,
	               r->proof_yes ? ", and the ACS reference chain reaches the pinned root in this machine's "
	                              "user-mode chain engine" : "");
}

/* ---- apply -------------------------------------------------------------- */

static int install_root(struct report *r)
{
	int e, s;
	if (r->dis.distrusted) {
		for (s = 0; s < PLAT_NDIS && r->dis.st[s] != DIS_DISTRUSTED; s++)
			;
		add_action(r, "add-root", "failed",
		           "the root is in %s: an explicit distrust, which acskit does not override; nothing written",
		           plat_dstore_key((enum plat_dstore)s));
		complain("refused: %s", r->actions[r->nactions - 1].detail);
		return EXIT_DISTRUSTED;
	}
	if (r->trusted) {
		add_action(r, "add-root", "unchanged", "the root is already trusted; no store was written%s", "");
		return EXIT_OK;
	}
	/* All four stores must have been read before anything is written. */
	if (r->root_unknown) {
		add_action(r, "add-root", "failed", "%s",
		           "a LocalMachine root store could not be read or holds other bytes under the root's "
		           "thumbprint, so whether the root is already trusted cannot be told; nothing written");
		complain("refused: %s", r->actions[r->nactions - 1].detail);
		return EXIT_UNDETERMINED;
	}
	if (r->st[PLAT_STORE_ROOT] == STORE_RESTRICTED) {
		add_action(r, "add-root", "failed", "%s",
		           "LocalMachine\\Root already holds the root with an EKU restriction that leaves code signing "
		           "out; acskit does not change a certificate it did not add; nothing written");
		complain("refused: %s", r->actions[r->nactions - 1].detail);
		return EXIT_ACTION_NEEDED;
	}
	e = plat_root_add(r->k->root_der, r->k->root_len, r->k->root_cn, root_ekus, 2);
	if (e) {
		add_action(r, "add-root", "failed", "adding the root to LocalMachine\\Root failed: %s", plat_strerror(e));
		complain("%s%s", r->actions[r->nactions - 1].detail,
		         e == PLAT_E_ROLLBACK ? "" : "; the store is as it was");
		return EXIT_IO;
	}
	add_action(r, "add-root", "done",
	           "added to LocalMachine\\Root with friendly name \"%s\" and EKU code signing, time stamping; "
	           "re-read and confirmed",
	           r->k->root_cn);
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
		add_action(r, "write-receipt", "failed", "%s",
		           "the receipt records that acskit added the root, and LocalMachine\\Root cannot tell whether it "
		           "is still there (unreadable, or other bytes under the thumbprint); the receipt left as it is");
		complain("refused: %s", r->actions[r->nactions - 1].detail);
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
		add_action(r, "write-receipt", "unchanged", "the receipt already records this kit (applied %s)",
		           old.applied_at);
		return EXIT_OK;
	}
	(void)snprintf(rec.applied_at, sizeof rec.applied_at, "%s", r->now);
	e = plat_receipt_write(&rec);
	if (e) {
		add_action(r, "write-receipt", "failed", "writing HKLM\\SOFTWARE\\acskit failed: %s", plat_strerror(e));
		complain("%s", r->actions[r->nactions - 1].detail);
		return EXIT_IO;
	}
	r->receipt = rec;
	r->have_receipt = 1;
	add_action(r, "write-receipt", "done", "%s", "HKLM\\SOFTWARE\\acskit: kit identity, time, what was added");
	return EXIT_OK;
}

/* Takes out a root this run added when a later step failed, so that a failed
 * apply leaves the machine as it was; says so either way. */
static void rollback(struct report *r)
{
	int e = plat_root_delete(r->k->root_der, r->k->root_len);
	if (e == 0 || e == ENOENT)
		add_action(r, "remove-root", "done", "%s",
		           "a later step failed, so the root this run added was taken out again");
	else
		add_action(r, "remove-root", "failed", "a later step failed, and taking the root out again failed too: %s",
		           plat_strerror(e));
	if (e != 0 && e != ENOENT)
		complain("%s", r->actions[r->nactions - 1].detail);
}

/* ---- the text report ---------------------------------------------------- */

static const char *upper_verdict(enum update_verdict v)
{
	static const char *const w[] = {"satisfied", "MISSING", "PENDING REBOOT", "UNDETERMINED", "NO UPDATE EXISTS",
	                                "NOT COVERED"};
	return w[v];
}

static void say_machine(const struct report *r)
{
	const struct machine_facts *f = &r->f;
	if (f->have_version) {
		say("machine:      %s, version %u.%u.%u", r->os_name, f->major, f->minor, f->build);
		if (f->have_ubr)
			say(".%u", (unsigned)f->ubr);
		say(" (%s), %s\n", machine_product_text(f->product_type), f->arch);
	} else {
		say("machine:      the Windows version could not be read\n");
	}
	if (f->product_name[0] || f->edition_id[0] || f->installation_type[0])
		say("              registry: \"%s\"%s%s%s%s%s%s\n", f->product_name, f->edition_id[0] ? ", edition " : "",
		    f->edition_id, f->installation_type[0] ? ", " : "", f->installation_type,
		    f->display_version[0] ? ", " : "", f->display_version);
	if (r->ua.m)
		say("manifest:     %s (%s)\n", r->ua.m->id, r->ua.m->title);
	else
		say("manifest:     none in this kit matches\n");
}

static void say_update(const struct report *r)
{
	const struct update_assessment *a = &r->ua;
	size_t i;
	char st[16];
	say("update:       %s: %s\n", upper_verdict(a->verdict), a->reason);
	/* A verdict resting on a fact Microsoft has not confirmed says so, and
	 * on what (docs/runbook.md, "How sure a verdict is"). */
	if (a->nbasis && a->confidence != MANIFEST_CONFIRMED)
		for (i = 0; i < a->nbasis; i++) {
			const struct manifest_basis *b = a->basis[i].b;
			size_t s;
			if (b->confidence == MANIFEST_CONFIRMED)
				continue;
			say("              confidence: %s: the %s rests on ",
			    b->confidence == MANIFEST_INFERRED ? "INFERRED, not confirmed by Microsoft"
			                                       : "SINGLE SOURCE, not confirmed by Microsoft",
			    a->basis[i].fact);
			for (s = 0; s < b->nsrc; s++)
				say("%s%s", s ? "; " : "", a->m->srcs[b->src[s]].text);
			say("\n");
		}
	for (i = 0; i < a->nprereq_missing; i++)
		say("              first:     %s %s (%s)\n", a->prereq_missing[i]->kb, a->prereq_missing[i]->text,
		    a->prereq_missing[i]->check == MANIFEST_PREREQ_BUILD ? "the build shows it is missing"
		                                                          : "not among the installed updates");
	if (a->warning[0])
		say("              warning: %s\n", a->warning);
	if (a->hint[0])
		say("              %s\n", a->hint);
	if (a->verdict == UPDATE_MISSING && a->m && a->m->requirement == MANIFEST_LEGACY_KB)
		say("              minimum %s; newest rollup this kit knows %s\n", a->minimum, a->newest_rollup);
	for (i = 0; i < a->nevidence; i++) {
		const struct cbs_package *p = a->evidence[i].pkg;
		say("              %-9s %-16s %s: %s\n", p->kb[0] ? p->kb : "KB?",
		    p->has_state ? cbs_state_text(p->state, st) : "state unreadable", a->evidence[i].why, p->identity);
	}
	if (r->f.reboot)
		say("reboot:       pending (%s%s%s%s%s)\n", r->f.reboot & REBOOT_CBS ? "Component Based Servicing" : "",
		    (r->f.reboot & REBOOT_CBS) && (r->f.reboot & (REBOOT_WU | REBOOT_RENAMES)) ? ", " : "",
		    r->f.reboot & REBOOT_WU ? "Windows Update" : "",
		    (r->f.reboot & REBOOT_WU) && (r->f.reboot & REBOOT_RENAMES) ? ", " : "",
		    r->f.reboot & REBOOT_RENAMES ? "file renames" : "");
	if (r->f.reboot_error)
		say("reboot:       %s\n", "some pending-reboot markers could not be read");
}

static void say_root(const struct report *r)
{
	int s;
	say("root:         %s\n", r->trusted        ? "trusted"
	                        : r->dis.distrusted ? "DISTRUSTED: explicitly, in a Disallowed store (see distrust:)"
	                        : r->root_unknown ? "UNDETERMINED: a store could not be read or holds other bytes"
	                                          : "NOT TRUSTED: in no LocalMachine root store for code signing");
	for (s = 0; s < PLAT_NSTORES; s++) {
		say("              %-18s %s", plat_store_name((enum plat_store)s), report_store_state_names[r->st[s]]);
		if (r->st[s] == STORE_UNREADABLE)
			say(": %s", plat_strerror(r->rs.error[s]));
		if (r->st[s] == STORE_DIFFERENT)
			say(": other bytes under the thumbprint %s", kit_pin_sha1_hex);
		if ((r->st[s] == STORE_PRESENT || r->st[s] == STORE_RESTRICTED) && s == PLAT_STORE_ROOT)
			say(" (friendly name \"%s\", EKU %s)", r->rs.friendly_name[s],
			    r->rs.eku_state[s] == PLAT_EKU_NONE       ? "not restricted"
			    : r->rs.eku_state[s] == PLAT_EKU_UNREADABLE ? "unreadable"
			    : r->rs.eku[s][0]                         ? r->rs.eku[s]
			                                              : "an empty list (disabled)");
		say("\n");
	}
	if (r->have_dis)
		distrust_say(&r->dis, &r->rs);
	say("root update:  automatic root update %s; RootDirURL %s\n",
	    r->rs.auto_update_disabled ? "DISABLED by policy (DisableRootAutoUpdate=1)" : "not disabled by policy",
	    r->rs.root_dir_url[0] ? r->rs.root_dir_url : "not set");
}

static void say_proof(const struct report *r)
{
	char at[21];
	size_t i;
	if (!r->proof.ran) {
		say("proof:        not run: %s\n", r->proof.reason);
		return;
	}
	time_format_iso(r->proof.at, at);
	say("proof:        ACS chain reaches the pinned root in this machine's user-mode chain engine: %s",
	    r->proof_yes ? "yes" : "NO");
	if (r->proof_before)
		say(" (before apply: %s)", r->proof_before);
	say("\n              (no revocation check, no network; kernel code integrity is not tested here and "
	    "depends on the update: see update:)\n");
	if (!r->proof_yes)
		say("              %s\n", r->proof.reason);
	say("              chain built at %s:", at);
	for (i = 0; i < r->proof.nchain; i++)
		say("%s %s", i ? " <-" : "", r->proof.subjects[i]);
	say("\n");
}

static void say_report(const struct report *r)
{
	/* Counted as the JSON report's kit.entries_read: the index, the
	 * signature, and what kit_open hashed. */
	size_t i, nread = 1 + (r->k->signature != NULL), ntotal = nread + r->k->index.count;
	say("kit identity: %s\n", r->k->identity_hex);
	for (i = 0; i < r->k->index.count; i++)
		nread += r->k->index.entries[i].checked != 0;
	/* check and apply hash only what they read (the root, the chain, the
	 * manifests); a package is hashed when it is extracted. Say so, so no
	 * one takes this for verify's "every entry". */
	say("verified:     %s: the index%s, and the entries %s reads\n", r->kit_path,
	    r->k->signature ? " and its signature" : "", r->verb);
	say("              kit entries checked: %lu of %lu (verify reads all)\n", (unsigned long)nread,
	    (unsigned long)ntotal);
	say("signature:    %s\n", signature_line);
	say_machine(r);
	say_update(r);
	say_root(r);
	say_proof(r);
	install_say(r);
	for (i = 0; i < r->nactions; i++)
		say("%s %s: %s\n", i ? "             " : "action:      ", r->actions[i].result, r->actions[i].detail);
	if ((r->ua.verdict == UPDATE_MISSING || r->ua.verdict == UPDATE_NO_UPDATE) && r->ua.m)
		for (i = 0; i < r->ua.m->advice.n; i++)
			say("%s %s\n", i ? "             " : "advice:      ", r->ua.m->advice.v[i]);
	say("result:       %s: %s (exit %d)\n", r->outcome, r->summary, r->exit);
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
		say_report(r);
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
	complain("refused: %s needs an elevated administrator: %s; nothing was changed", verb,
	         e == 0 ? "this process is not elevated (use \"Run as administrator\")"
	                : "the process token could not be read");
	r->exit = EXIT_NOT_ELEVATED;
	return -1;
}

static int not_here(struct report *r, const char *verb)
{
	complain("%s assesses a Windows machine and runs only on Windows; on this system use verify or show", verb);
	r->exit = EXIT_USAGE;
	return -1;
}

/* apply with update packages: runs them, reads the machine again (what the
 * installers changed is what the report says), then the outcome: a stop for
 * a restart, a failure or a busy installer win over the verdict. */
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
		complain("out of memory reading the machine's state again");
		r->exit = EXIT_INTERNAL;
		return finish(r, o, 0);
	}
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
		(void)snprintf(r->summary, sizeof r->summary,
		               "restart, then run apply again: %lu update package(s) installed; left to install: %s",
		               (unsigned long)r->plan.installed, left);
		break;
	case INSTALL_FAILED:
	case INSTALL_BUSY:
		r->exit = r->plan.status == INSTALL_BUSY ? EXIT_INSTALL_BUSY : EXIT_INSTALL_FAILED;
		r->outcome = r->plan.status == INSTALL_BUSY ? "installer-busy" : "install-failed";
		for (i = r->nactions; i > 0 && strcmp(r->actions[i - 1].action, "install-package") != 0; i--)
			;
		(void)snprintf(r->summary, sizeof r->summary, "%s; left to install: %s",
		               i ? r->actions[i - 1].detail : "an update package was not installed", left);
		(void)snprintf(r->error, sizeof r->error, "%s", print_last_complaint());
		break;
	default:
		break;
	}
	if (o->restart && r->exit == EXIT_PENDING_REBOOT && r->plan.installed) {
		int e = plat_restart();
		if (e)
			add_action(r, "restart", "failed", "restarting Windows failed: %s; restart it by hand", plat_strerror(e));
		else
			add_action(r, "restart", "done", "%s", "Windows restarts in 60 seconds (--restart)");
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
		complain("out of memory reading the machine's state");
		r.exit = EXIT_INTERNAL;
		return finish(&r, o, 0);
	}
	r.have_facts = 1;
	machine_os_name(&r.f, r.os_name, sizeof r.os_name);
	/* The receipt as it is (apply replaces it with what it wrote). */
	if (plat_receipt_read(&r.receipt) == 0 && r.receipt.identity[0])
		r.have_receipt = 1;
	if (assess_update(&r.k->manifests, &r.f, &r.ua) != 0) {
		complain("out of memory assessing the machine");
		r.exit = EXIT_INTERNAL;
		return finish(&r, o, 0);
	}
	r.have_update = 1;
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
			complain("cannot read the receipt HKLM\\SOFTWARE\\acskit: %s; nothing written", plat_strerror(e));
			r.exit = EXIT_IO;
			return finish(&r, o, 0);
		}
		/* The packages are chosen and extracted (each hash checked) before
		 * the first write: a tampered or unreadable package refuses the
		 * run with nothing changed. */
		if (!o->no_updates && (rc = install_prepare(&r, r.rd)) != EXIT_OK) {
			r.exit = rc;
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
		complain("cannot read the receipt HKLM\\SOFTWARE\\acskit: %s", plat_strerror(e));
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
			complain("cannot read the certificate stores");
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
		add_action(&r, "remove-root", "unchanged", "%s",
		           rec.identity[0] ? "the receipt does not record that acskit added the root; nothing removed"
		                           : "no acskit receipt on this machine; nothing removed");
	} else if (r.st[PLAT_STORE_ROOT] == STORE_UNREADABLE || r.st[PLAT_STORE_ROOT] == STORE_DIFFERENT) {
		/* The receipt says acskit added the root, and Root cannot tell
		 * whether it is still there: forgetting now would leave it for good.
		 * Exit 8, as apply does when it cannot tell: "acskit could not
		 * tell", not 5 (a file or the receipt could not be read or written). */
		add_action(&r, "remove-root", "failed", "%s",
		           r.st[PLAT_STORE_ROOT] == STORE_UNREADABLE
		               ? "LocalMachine\\Root could not be read, so whether the root acskit added is still there "
		                 "cannot be told; nothing removed, the receipt left as it is"
		               : "LocalMachine\\Root holds other bytes under the root's thumbprint, so whether the root "
		                 "acskit added is still there cannot be told; nothing removed, the receipt left as it is");
		complain("refused: %s", r.actions[0].detail);
		(void)snprintf(r.error, sizeof r.error, "%s", print_last_complaint());
		r.exit = EXIT_UNDETERMINED;
		r.outcome = "undetermined";
		(void)snprintf(r.summary, sizeof r.summary, "%s", r.actions[0].detail);
		return finish(&r, o, 0);
	} else if (r.st[PLAT_STORE_ROOT] != STORE_PRESENT && r.st[PLAT_STORE_ROOT] != STORE_RESTRICTED) {
		add_action(&r, "remove-root", "unchanged", "%s",
		           "the root acskit added is no longer in LocalMachine\\Root; nothing removed");
	} else if (r.rs.eku_state[PLAT_STORE_ROOT] != PLAT_EKU_LIST ||
	           strcmp(r.rs.eku[PLAT_STORE_ROOT], "1.3.6.1.5.5.7.3.3,1.3.6.1.5.5.7.3.8") != 0) {
		/* Not the copy acskit wrote (its EKU restriction is gone or other):
		 * someone changed or replaced it since. */
		add_action(&r, "remove-root", "failed", "%s",
		           "the root in LocalMachine\\Root no longer carries the EKU restriction acskit gave it, so it "
		           "may not be the copy acskit added; nothing removed");
		complain("refused: %s", r.actions[0].detail);
		r.exit = EXIT_ACTION_NEEDED;
		r.outcome = "action-needed";
		(void)snprintf(r.summary, sizeof r.summary, "%s", r.actions[0].detail);
		return finish(&r, o, 0);
	} else if ((e = plat_root_delete(r.rs.der[PLAT_STORE_ROOT], r.rs.len[PLAT_STORE_ROOT])) != 0) {
		add_action(&r, "remove-root", "failed", "removing the root from LocalMachine\\Root failed: %s",
		           plat_strerror(e));
		complain("%s", r.actions[0].detail);
		r.exit = EXIT_IO;
		return finish(&r, o, 0);
	} else {
		add_action(&r, "remove-root", "done", "%s",
		           "removed the root acskit added from LocalMachine\\Root; re-read and confirmed");
		r.st[PLAT_STORE_ROOT] = STORE_ABSENT;
		free(r.rs.der[PLAT_STORE_ROOT]);
		r.rs.der[PLAT_STORE_ROOT] = NULL;
	}
	if (rec.root_added) {
		rec.root_added = 0;
		(void)snprintf(rec.removed_at, sizeof rec.removed_at, "%s", r.now);
		if ((e = plat_receipt_write(&rec)) != 0) {
			complain("the receipt HKLM\\SOFTWARE\\acskit could not be updated: %s", plat_strerror(e));
			r.exit = EXIT_IO;
			return finish(&r, o, 0);
		}
		r.receipt = rec;
		add_action(&r, "write-receipt", "done", "%s", "HKLM\\SOFTWARE\\acskit: RootAdded 0, RemovedAt");
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
		(void)snprintf(r.summary, sizeof r.summary, "%s%s%s%s%s%s", r.actions[0].detail,
		               other[0] ? "; the root is still trusted through " : "", other,
		               other[0] ? ", which acskit never changes" : "",
		               unread[0] ? "; could not be read: " : "", unread);
	}
	if (!o->quiet) {
		size_t i;
		say("receipt:      %s\n", rec.identity[0] ? "HKLM\\SOFTWARE\\acskit" : "none");
		if (rec.identity[0])
			say("              kit %s, applied %s\n", rec.identity, rec.applied_at);
		for (s = 0; s < PLAT_NSTORES; s++)
			say("%s %-18s %s\n", s ? "             " : "root:        ", plat_store_name((enum plat_store)s),
			    report_store_state_names[r.st[s]]);
		for (i = 0; i < r.nactions; i++)
			say("%s %s: %s\n", i ? "             " : "action:      ", r.actions[i].result, r.actions[i].detail);
		say("result:       done: %s (exit 0)\n", r.summary);
	}
	return finish(&r, o, 0);
}
