/* check, apply and remove: the report as JSON (docs/report.md,
 * docs/report.schema.json). Split from machine.c by concern. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"
#include "runner.h"
#include "timeutil.h"
#include "version.h"

/* The kit's entries_read and entries_total: the index always, then the
 * entries kit_open and kit_extract read and hashed (what this verb used). */
void report_json_entries_read(struct json *j, const struct kit *k)
{
	size_t i;
	json_array_begin(j, "entries_read");
	json_string(j, NULL, KIT_INDEX_NAME);
	if (k->signature)
		json_string(j, NULL, KIT_SIG_NAME);
	for (i = 0; i < k->index.count; i++)
		if (k->index.entries[i].checked)
			json_string(j, NULL, k->index.entries[i].name);
	json_array_end(j);
	json_int(j, "entries_total", (int64_t)k->index.count + 1 + (k->signature != NULL));
}

static const char *const eku_state_names[] = {"none", "list", "unreadable"};

static void json_root(struct json *j, const struct report *r)
{
	int s;
	json_object_begin(j, "root");
	json_string(j, "subject", r->k ? r->k->root_cn : NULL);
	json_string(j, "sha1", kit_pin_sha1_hex);
	json_string(j, "sha256", kit_pin_sha256_hex);
	if (r->have_root) {
		if (r->root_unknown)
			json_null(j, "trusted");
		else
			json_bool(j, "trusted", r->trusted);
		json_array_begin(j, "stores");
		for (s = 0; s < PLAT_NSTORES; s++) {
			json_object_begin(j, NULL);
			json_string(j, "store", plat_store_name((enum plat_store)s));
			json_string(j, "registry", plat_store_key((enum plat_store)s));
			json_string(j, "state", report_store_state_names[r->st[s]]);
			json_string(j, "error", r->st[s] == STORE_UNREADABLE ? plat_strerror(r->rs.error[s]) : NULL);
			json_string(j, "friendly_name", r->rs.der[s] ? r->rs.friendly_name[s] : NULL);
			json_string(j, "eku_property", r->rs.der[s] ? eku_state_names[r->rs.eku_state[s]] : NULL);
			json_string(j, "eku", r->rs.der[s] && r->rs.eku_state[s] == PLAT_EKU_LIST ? r->rs.eku[s] : NULL);
			json_object_end(j);
		}
		json_array_end(j);
		json_bool(j, "auto_update_disabled", r->rs.auto_update_disabled);
		json_string(j, "root_dir_url", r->rs.root_dir_url[0] ? r->rs.root_dir_url : NULL);
		distrust_json(j, &r->dis, &r->rs, r->have_dis);
	} else {
		json_null(j, "trusted");
		json_array_begin(j, "stores");
		json_array_end(j);
		json_null(j, "auto_update_disabled");
		json_null(j, "root_dir_url");
		distrust_json(j, &r->dis, &r->rs, 0);
	}
	json_object_end(j);
}

static void json_machine(struct json *j, const struct report *r)
{
	const struct machine_facts *f = &r->f;
	char v[40];
	if (!r->have_facts) {
		json_null(j, "machine");
		return;
	}
	json_object_begin(j, "machine");
	json_string(j, "name", r->os_name);
	if (f->have_version) {
		(void)snprintf(v, sizeof v, "%u.%u.%u", f->major, f->minor, f->build);
		json_string(j, "version", v);
		json_int(j, "major", f->major);
		json_int(j, "minor", f->minor);
		json_int(j, "build", f->build);
		json_string(j, "product_type", machine_product_text(f->product_type));
		json_int(j, "service_pack", f->sp_major);
	} else {
		json_null(j, "version");
	}
	if (f->have_ubr)
		json_int(j, "ubr", f->ubr);
	else
		json_null(j, "ubr");
	json_string(j, "product_name", f->product_name[0] ? f->product_name : NULL);
	json_string(j, "edition_id", f->edition_id[0] ? f->edition_id : NULL);
	json_string(j, "installation_type", f->installation_type[0] ? f->installation_type : NULL);
	json_string(j, "display_version", f->display_version[0] ? f->display_version : NULL);
	json_string(j, "csd_version", f->csd_version[0] ? f->csd_version : NULL);
	json_string(j, "architecture", f->arch);
	json_string(j, "process_architecture", f->process_arch);
	json_bool(j, "reboot_markers_unreadable", f->reboot_error);
	json_array_begin(j, "reboot_pending");
	if (f->reboot & REBOOT_CBS)
		json_string(j, NULL, "component-based-servicing");
	if (f->reboot & REBOOT_WU)
		json_string(j, NULL, "windows-update");
	if (f->reboot & REBOOT_RENAMES)
		json_string(j, NULL, "pending-file-renames");
	json_array_end(j);
	json_object_end(j);
}

static void json_update(struct json *j, const struct report *r)
{
	const struct update_assessment *a = &r->ua;
	size_t i;
	char st[16];
	if (!r->have_update) {
		json_null(j, "update");
		return;
	}
	json_object_begin(j, "update");
	json_string(j, "verdict", update_verdict_name(a->verdict));
	json_string(j, "manifest", a->m ? a->m->id : NULL);
	json_string(j, "requirement", a->m ? manifest_requirement_name(a->m->requirement) : NULL);
	json_string(j, "reason", a->reason);
	json_string(j, "by", a->by[0] ? a->by : NULL);
	json_string(j, "minimum", a->minimum[0] ? a->minimum : NULL);
	json_string(j, "newest_known_rollup", a->newest_rollup[0] ? a->newest_rollup : NULL);
	json_string(j, "warning", a->warning[0] ? a->warning : NULL);
	json_string(j, "hint", a->hint[0] ? a->hint : NULL);
	json_string(j, "cbs_error", r->f.cbs_error ? r->f.cbs_error_text : NULL);
	json_string(j, "confidence", a->nbasis ? manifest_confidence_name(a->confidence) : NULL);
	json_array_begin(j, "basis");
	for (i = 0; i < a->nbasis; i++) {
		const struct manifest_basis *b = a->basis[i].b;
		size_t s;
		json_object_begin(j, NULL);
		json_string(j, "fact", a->basis[i].fact);
		json_string(j, "confidence", manifest_confidence_name(b->confidence));
		json_array_begin(j, "sources");
		for (s = 0; s < b->nsrc; s++) {
			const struct manifest_source *src = &a->m->srcs[b->src[s]];
			json_object_begin(j, NULL);
			json_string(j, "tag", src->tag);
			json_string(j, "kind", manifest_source_kind_name(src->kind));
			json_string(j, "text", src->text);
			json_object_end(j);
		}
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
	json_array_begin(j, "prerequisites_missing");
	for (i = 0; i < a->nprereq_missing; i++) {
		const struct manifest_prereq *q = a->prereq_missing[i];
		json_object_begin(j, NULL);
		json_string(j, "kb", q->kb);
		json_string(j, "what", q->text);
		json_string(j, "checked_by", q->check == MANIFEST_PREREQ_BUILD ? "build" : "installed-updates");
		json_object_end(j);
	}
	json_array_end(j);
	json_array_begin(j, "evidence");
	for (i = 0; i < a->nevidence; i++) {
		const struct cbs_package *p = a->evidence[i].pkg;
		json_object_begin(j, NULL);
		json_string(j, "package", p->identity);
		json_string(j, "kb", p->kb[0] ? p->kb : NULL);
		json_string(j, "kb_source", p->kb_source);
		json_string(j, "kind", p->rollup ? "rollup" : "update");
		if (p->has_state) {
			json_string(j, "state", cbs_state_text(p->state, st));
			json_int(j, "state_code", p->state);
		} else {
			json_null(j, "state");
			json_null(j, "state_code");
		}
		json_string(j, "meets", evidence_meets_name(a->evidence[i].meets));
		json_string(j, "why", a->evidence[i].why);
		json_object_end(j);
	}
	json_array_end(j);
	json_array_begin(j, "advice");
	if (a->m && (a->verdict == UPDATE_MISSING || a->verdict == UPDATE_NO_UPDATE))
		for (i = 0; i < a->m->advice.n; i++)
			json_string(j, NULL, a->m->advice.v[i]);
	json_array_end(j);
	json_object_end(j);
}

static void json_proof(struct json *j, const struct report *r)
{
	char at[21], code[12];
	size_t i;
	/* acskit-report/2 renamed proof.result, which read as a claim that the
	 * machine accepts ACS signatures, to say what was shown and no more. */
	if (!r->have_proof) {
		json_null(j, "chain_proof");
		return;
	}
	json_object_begin(j, "chain_proof");
	json_string(j, "reaches_pinned_root", !r->proof.ran ? "not-run" : r->proof_yes ? "yes" : "no");
	json_string(j, "engine", "user-mode");
	json_bool(j, "revocation_checked", 0);
	json_bool(j, "network_used", 0);
	json_string(j, "kernel_code_integrity", "not-tested");
	if (r->proof.ran) {
		time_format_iso(r->proof.at, at);
		json_string(j, "time", at);
		(void)snprintf(code, sizeof code, "0x%08lX", (unsigned long)r->proof.policy_error);
		json_string(j, "policy_error", code);
		json_bool(j, "ends_at_pinned_root", r->proof.top_der && r->proof.top_len == r->k->root_len &&
		                                        !memcmp(r->proof.top_der, r->k->root_der, r->k->root_len));
	} else {
		json_null(j, "time");
		json_null(j, "policy_error");
		json_null(j, "ends_at_pinned_root");
	}
	json_string(j, "reason", r->proof.reason[0] ? r->proof.reason : NULL);
	json_string(j, "before_apply", r->proof_before);
	json_array_begin(j, "chain");
	for (i = 0; i < r->proof.nchain; i++)
		json_string(j, NULL, r->proof.subjects[i]);
	json_array_end(j);
	json_object_end(j);
}

int report_write_json(const char *path, const struct report *r)
{
	struct json j;
	char tmp[64];
	size_t i;
	memset(&j, 0, sizeof j);
	json_object_begin(&j, NULL);
	json_string(&j, "schema", REPORT_SCHEMA);
	(void)snprintf(tmp, sizeof tmp, "acskit-run %s", ACSKIT_VERSION);
	json_string(&j, "tool", tmp);
	report_identity_json(&j);
	json_string(&j, "verb", r->verb);
	json_string(&j, "time", r->now);
	if (r->k) {
		json_object_begin(&j, "kit");
		json_string(&j, "path", r->kit_path);
		json_string(&j, "identity", r->k->identity_hex);
		json_string(&j, "label", r->k->index.label);
		json_string(&j, "created", r->k->index.created_text);
		json_string(&j, "signature", signature_line);
		if (r->k->index.has_sequence)
			json_int(&j, "sequence", (int64_t)r->k->index.sequence);
		else
			json_null(&j, "sequence");
		json_string(&j, "expires", r->k->index.expires ? r->k->index.expires_text : NULL);
		report_json_entries_read(&j, r->k);
		json_object_end(&j);
	} else {
		json_null(&j, "kit");
	}
	json_machine(&j, r);
	json_update(&j, r);
	json_root(&j, r);
	json_proof(&j, r);
	json_array_begin(&j, "actions");
	for (i = 0; i < r->nactions; i++) {
		json_object_begin(&j, NULL);
		json_string(&j, "action", r->actions[i].action);
		json_string(&j, "result", r->actions[i].result);
		json_string(&j, "detail", r->actions[i].detail);
		json_object_end(&j);
	}
	json_array_end(&j);
	if (r->have_receipt) {
		json_object_begin(&j, "receipt");
		json_string(&j, "key", "HKLM\\SOFTWARE\\acskit");
		json_string(&j, "kit_identity", r->receipt.identity[0] ? r->receipt.identity : NULL);
		if (r->receipt.has_sequence)
			json_int(&j, "kit_sequence", (int64_t)r->receipt.sequence);
		else
			json_null(&j, "kit_sequence");
		json_string(&j, "applied_at", r->receipt.applied_at[0] ? r->receipt.applied_at : NULL);
		json_bool(&j, "root_added", r->receipt.root_added);
		json_string(&j, "root_thumbprint", r->receipt.root_sha1[0] ? r->receipt.root_sha1 : NULL);
		json_string(&j, "removed_at", r->receipt.removed_at[0] ? r->receipt.removed_at : NULL);
		json_object_end(&j);
	} else {
		json_null(&j, "receipt");
	}
	return runner_write_report(path, &j, r->outcome, r->summary, r->error, r->exit);
}

/* ---- the verbs ---------------------------------------------------------- */
