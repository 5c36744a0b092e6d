/* The text report of check, apply and remove (docs/runbook.md, "Reading the
 * report"): every line in the text's language through the message catalog
 * (runner/msg.h), from the report runner/machine.c filled. Split from
 * machine.c by concern, beside runner/report_json.c. */
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "distrust.h"
#include "install.h"
#include "kit.h"
#include "msg.h"
#include "plat.h"
#include "print.h"
#include "report.h"
#include "runner.h"
#include "timeutil.h"

/* ---- the text report ---------------------------------------------------- */

static const char *upper_verdict(enum update_verdict v)
{
	static const enum msg_id w[] = {M_V_SATISFIED, M_V_MISSING, M_V_PENDING, M_V_UNDETERMINED, M_V_NO_UPDATE,
	                                M_V_NOT_COVERED};
	return T(w[v]);
}

/* report_store_state_names (the JSON words) for the text report. */
static const char *store_state_text(enum store_state s)
{
	static const enum msg_id w[] = {M_S_ABSENT, M_S_PRESENT, M_S_RESTRICTED, M_S_DIFFERENT, M_S_UNREADABLE};
	return T(w[s]);
}

/* "not-run", "yes", "no" (the JSON's proof.before_apply) for the text. */
static const char *proof_before_text(const char *w)
{
	return T(!strcmp(w, "yes") ? M_PROOF_BEFORE_YES : !strcmp(w, "no") ? M_PROOF_BEFORE_NO : M_PROOF_BEFORE_NOT_RUN);
}

/* cbs_state_text (common/assess.c, the JSON's words) for the text report. */
static const char *cbs_state_text_in(uint32_t state, char buf[16])
{
	switch (state) {
	case CBS_STATE_INSTALLED: return T(M_AS_INSTALLED);
	case CBS_STATE_PERMANENT: return T(M_AS_PERMANENT);
	case CBS_STATE_SUPERSEDED: return T(M_AS_SUPERSEDED);
	case CBS_STATE_INSTALL_PENDING: return T(M_AS_INSTALL_PENDING);
	case CBS_STATE_STAGED: return T(M_AS_STAGED);
	case CBS_STATE_ABSENT: return T(M_AS_ABSENT);
	default: return cbs_state_text(state, buf);
	}
}

/* An action's result word ("done", ...) for the text report. */
static const char *action_result_text(const char *result)
{
	return !strcmp(result, "done") ? T(M_A_DONE) : !strcmp(result, "unchanged") ? T(M_A_UNCHANGED) : T(M_A_FAILED);
}

static const char *product_text(int product_type)
{
	/* machine_product_text's words (common/assess.c), which the JSON keeps. */
	return product_type == 1 ? T(M_AS_WORKSTATION)
	       : product_type == 2 ? T(M_AS_DC)
	       : product_type == 3 ? T(M_AS_SERVER)
	                           : T(M_AS_UNKNOWN_PRODUCT);
}

static void say_machine(const struct report *r)
{
	const struct machine_facts *f = &r->f;
	if (f->have_version) {
		say(T(M_R_MACHINE), r->os_name, f->major, f->minor, f->build);
		if (f->have_ubr)
			say(".%u", (unsigned)f->ubr);
		say(T(M_R_MACHINE_TAIL), product_text(f->product_type), f->arch);
	} else {
		say("%s", T(M_R_MACHINE_UNREAD));
	}
	if (f->product_name[0] || f->edition_id[0] || f->installation_type[0])
		say(T(M_R_REGISTRY), f->product_name, f->edition_id[0] ? T(M_R_EDITION) : "", f->edition_id,
		    f->installation_type[0] ? T(M_R_COMMA) : "", f->installation_type, f->display_version[0] ? T(M_R_COMMA) : "",
		    f->display_version);
	if (r->ua.m)
		say(T(M_R_MANIFEST), r->ua.m->id, r->ua.m->title);
	else
		say("%s", T(M_R_MANIFEST_NONE));
}

static void say_update(const struct report *r)
{
	const struct update_assessment *a = report_ua_in(r, msg_lang());
	size_t i;
	char st[16];
	say(T(M_R_UPDATE), upper_verdict(a->verdict), a->reason);
	/* A verdict resting on a fact Microsoft has not confirmed says so, and
	 * on what (docs/runbook.md, "How sure a verdict is"). */
	if (a->nbasis && a->confidence != MANIFEST_CONFIRMED)
		for (i = 0; i < a->nbasis; i++) {
			const struct manifest_basis *b = a->basis[i].b;
			size_t s;
			if (b->confidence == MANIFEST_CONFIRMED)
				continue;
			say(T(M_R_CONFIDENCE), T(b->confidence == MANIFEST_INFERRED ? M_R_CONF_INFERRED : M_R_CONF_SINGLE),
			    a->basis[i].fact);
			for (s = 0; s < b->nsrc; s++)
				say("%s%s", s ? T(M_R_SRC_SEP) : "", a->m->srcs[b->src[s]].text);
			say("\n");
		}
	for (i = 0; i < a->nprereq_missing; i++)
		say(T(M_R_FIRST), a->prereq_missing[i]->kb, a->prereq_missing[i]->text,
		    T(a->prereq_missing[i]->check == MANIFEST_PREREQ_BUILD ? M_R_FIRST_BUILD : M_R_FIRST_NOT_INSTALLED));
	if (a->warning[0])
		say(T(M_R_WARNING), a->warning);
	if (a->hint[0])
		say(T(M_R_CONT), a->hint);
	if (a->verdict == UPDATE_MISSING && a->m && a->m->requirement == MANIFEST_LEGACY_KB)
		say(T(M_R_MINIMUM), a->minimum, a->newest_rollup);
	for (i = 0; i < a->nevidence; i++) {
		const struct cbs_package *p = a->evidence[i].pkg;
		say(T(M_R_EVIDENCE), p->kb[0] ? p->kb : "KB?",
		    p->has_state ? cbs_state_text_in(p->state, st) : T(M_R_STATE_UNREADABLE), a->evidence[i].why, p->identity);
	}
	if (r->f.reboot)
		say(T(M_R_REBOOT), r->f.reboot & REBOOT_CBS ? "Component Based Servicing" : "",
		    (r->f.reboot & REBOOT_CBS) && (r->f.reboot & (REBOOT_WU | REBOOT_RENAMES)) ? T(M_R_COMMA) : "",
		    r->f.reboot & REBOOT_WU ? "Windows Update" : "",
		    (r->f.reboot & REBOOT_WU) && (r->f.reboot & REBOOT_RENAMES) ? T(M_R_COMMA) : "",
		    r->f.reboot & REBOOT_RENAMES ? T(M_R_REBOOT_RENAMES) : "");
	if (r->f.reboot_error)
		say(T(M_R_REBOOT_UNREAD), T(M_R_REBOOT_UNREAD_TEXT));
}

static void say_root(const struct report *r)
{
	int s;
	say(T(M_R_ROOT), T(r->trusted            ? M_R_ROOT_TRUSTED
	                   : r->dis.distrusted ? M_R_ROOT_DISTRUSTED
	                   : r->root_unknown   ? M_R_ROOT_UNKNOWN
	                                       : M_R_ROOT_NOT_TRUSTED));
	for (s = 0; s < PLAT_NSTORES; s++) {
		say(T(M_R_STORE_LINE), plat_store_name((enum plat_store)s), store_state_text(r->st[s]));
		if (r->st[s] == STORE_UNREADABLE)
			say(T(M_R_COLON_TEXT), msg_strerror(r->rs.error[s]));
		if (r->st[s] == STORE_DIFFERENT)
			say(T(M_R_STORE_DIFFERENT), kit_pin_sha1_hex);
		if ((r->st[s] == STORE_PRESENT || r->st[s] == STORE_RESTRICTED) && s == PLAT_STORE_ROOT)
			say(T(M_R_STORE_PROPS), r->rs.friendly_name[s],
			    r->rs.eku_state[s] == PLAT_EKU_NONE         ? T(M_R_EKU_NONE)
			    : r->rs.eku_state[s] == PLAT_EKU_UNREADABLE ? T(M_R_EKU_UNREADABLE)
			    : r->rs.eku[s][0]                           ? r->rs.eku[s]
			                                                : T(M_R_EKU_EMPTY));
		say("\n");
	}
	if (r->have_dis)
		distrust_say(&r->dis, &r->rs);
	say(T(M_R_ROOT_UPDATE), T(r->rs.auto_update_disabled ? M_R_AUTO_DISABLED : M_R_AUTO_ENABLED),
	    r->rs.root_dir_url[0] ? r->rs.root_dir_url : T(M_R_NOT_SET));
}

static void say_proof(const struct report *r)
{
	char at[21], pr[600];
	size_t i;
	if (!r->proof.ran) {
		say(T(M_R_PROOF_NOT_RUN), report_proof_reason_in(r, msg_lang(), pr, sizeof pr));
		return;
	}
	time_format_iso(r->proof.at, at);
	say(T(M_R_PROOF), T(r->proof_yes ? M_YES : M_NO));
	if (r->proof_before)
		say(T(M_R_PROOF_BEFORE), proof_before_text(r->proof_before));
	say("%s", T(M_R_PROOF_NOTE));
	if (!r->proof_yes)
		say(T(M_R_CONT), report_proof_reason_in(r, msg_lang(), pr, sizeof pr));
	say(T(M_R_CHAIN_AT), at);
	for (i = 0; i < r->proof.nchain; i++)
		say("%s %s", i ? " <-" : "", r->proof.subjects[i]);
	say("\n");
}

void report_say(const struct report *r)
{
	/* Counted as the JSON report's kit.entries_read: the index, the
	 * signature, and what kit_open hashed. */
	size_t i, nread = 1 + (r->k->signature != NULL), ntotal = nread + r->k->index.count;
	say(T(M_L_KIT_IDENTITY), r->k->identity_hex);
	for (i = 0; i < r->k->index.count; i++)
		nread += r->k->index.entries[i].checked != 0;
	/* check and apply hash only what they read (the root, the chain, the
	 * manifests); a package is hashed when it is extracted. Say so, so no
	 * one takes this for verify's "every entry". */
	say(r->k->signature ? T(M_R_VERIFIED_SIG) : T(M_R_VERIFIED), r->kit_path, r->verb);
	say(T(M_R_ENTRIES_CHECKED), (unsigned long)nread, (unsigned long)ntotal);
	say(T(M_L_SIGNATURE), signature_line_text);
	say_machine(r);
	say_update(r);
	say_root(r);
	say_proof(r);
	install_say(r);
	for (i = 0; i < r->nactions; i++)
		say(T(M_R_ACTION), i ? T(M_R_ACTION_CONT) : T(M_R_ACTION_FIRST), action_result_text(r->actions[i].result),
		    r->actions[i].detail_text);
	/* The kit's advice is the manifests' English, with its sources: labelled
	 * so in other languages rather than translated here. */
	if ((r->ua.verdict == UPDATE_MISSING || r->ua.verdict == UPDATE_NO_UPDATE) && r->ua.m)
		for (i = 0; i < r->ua.m->advice.n; i++)
			say(T(M_R_ADVICE), i ? T(M_R_ACTION_CONT) : T(M_R_ADVICE_FIRST), r->ua.m->advice.v[i]);
	say(T(M_R_RESULT), r->outcome, r->summary_text, r->exit);
}

void report_say_remove(const struct report *r, const struct plat_receipt *rec)
{
	size_t i;
	int s;
	say(T(M_RM_RECEIPT), rec->identity[0] ? "HKLM\\SOFTWARE\\acskit" : T(M_RM_NONE));
	if (rec->identity[0])
		say(T(M_RM_RECEIPT_KIT), rec->identity, rec->applied_at);
	for (s = 0; s < PLAT_NSTORES; s++)
		say(T(M_RM_ROOT_LINE), s ? T(M_R_ACTION_CONT) : T(M_RM_ROOT_FIRST), plat_store_name((enum plat_store)s),
		    store_state_text(r->st[s]));
	for (i = 0; i < r->nactions; i++)
		say(T(M_R_ACTION), i ? T(M_R_ACTION_CONT) : T(M_R_ACTION_FIRST), action_result_text(r->actions[i].result),
		    r->actions[i].detail_text);
	say(T(M_RM_RESULT), r->summary_text);
}
