/* acskit-run check-file KIT.zip FILE...: asks this Windows machine's trust
 * provider about each file (platform/plat_win32_trust.c), judges the answer
 * with common/filetrust.c, and adds what the kit knows: the pinned root (to
 * tell an ACS chain from another root) and the update verdict (the kernel's
 * half, which no user-mode check shows). Changes nothing. Documented in
 * docs/runbook.md ("check-file"), docs/acskit-run.1 and docs/report.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "distrust.h"
#include "exitcodes.h"
#include "filetrust.h"
#include "json.h"
#include "report.h"
#include "kit.h"
#include "plat.h"
#include "msg.h"
#include "print.h"
#include "runner.h"
#include "timeutil.h"
#include "version.h"

#define FILE_REPORT_SCHEMA "acskit-file-report/1"

struct file_result {
	const char *path;
	struct plat_file_trust t;
	enum file_verdict v;
	const char *why;
	const char *reminder; /* the update's reminder for an ACS-signed file, or NULL */
	enum msg_id reminder_id; /* the same, in the catalog */
};

struct cf_run {
	char now[21];
	const char *kit_path;
	struct kit *k;
	int have_update;
	struct machine_facts f;
	int have_facts;
	struct update_assessment ua;
	int have_ua_text;
	struct update_assessment ua_text; /* ua in the text's language, when not English */
	int have_dis;
	struct distrust dis;
	struct file_result *files;
	int nfiles;
	int exit;
	const char *outcome;
	char summary[600];
	char error[512];
};

static void hex32(uint32_t v, char out[12])
{
	(void)snprintf(out, 12, "0x%08lX", (unsigned long)v);
}

/* The reminder for an ACS-signed file: user mode may accept it while kernel
 * code integrity, which the update brings, still refuses ACS-signed drivers. */
static const char *update_reminder(const struct cf_run *r, enum msg_id *id)
{
	if (!r->have_update)
		*id = M_CF_REMIND_UNASSESSED;
	else if (r->ua.verdict == UPDATE_SATISFIED)
		return NULL;
	else
		*id = M_CF_REMIND_NOT_SATISFIED;
	return msg_in(MSG_EN, *id);
}

/* The result line's summary in the text report's language. */
static const char *summary_text(const struct cf_run *r, int verified, int n, int reminders, int unreadable)
{
	static char buf[1200];
	if (msg_lang() == MSG_EN)
		return r->summary;
	(void)snprintf(buf, sizeof buf, T(M_CF_SUMMARY), verified, n, reminders ? T(M_CF_SUM_USER_MODE) : "",
	               unreadable ? T(M_CF_SUM_UNREAD) : "");
	return buf;
}

static void judge(struct cf_run *r, struct file_result *fr)
{
	struct file_trust_facts f;
	memset(&f, 0, sizeof f);
	f.result = fr->t.result;
	f.have_chain = fr->t.have_chain;
	f.chain_status = fr->t.chain_status;
	f.through_pinned = fr->t.through_pinned;
	f.root_distrusted = r->have_dis && r->dis.distrusted;
	f.have_timestamp = fr->t.have_timestamp;
	fr->v = file_trust_verdict(&f, &fr->why);
	fr->reminder = fr->t.through_pinned && fr->v != FV_NOT_SIGNED && fr->v != FV_MODIFIED ? update_reminder(r, &fr->reminder_id) : NULL;
}

static void say_file(const struct file_result *fr)
{
	char at[21], c1[12], c2[12];
	const char *code;
	size_t i;
	say(T(M_CF_FILE), fr->path);
	if (!fr->t.opened) {
		say(T(M_CF_CANNOT_READ), msg_strerror(fr->t.error));
		return;
	}
	if (fr->v == FV_NOT_SIGNED) {
		say("%s", T(M_CF_SIGNED_NO));
	} else {
		say(T(M_CF_SIGNED_YES), fr->t.signer[0] ? fr->t.signer : "?");
		say("%s", T(M_CF_CHAIN));
		for (i = 0; i < fr->t.nchain; i++)
			say("%s%s", i ? " <- " : "", fr->t.subjects[i]);
		say("%s\n", fr->t.nchain ? "" : T(M_CF_CHAIN_NONE));
		say(T(M_R_CONT), T(fr->t.through_pinned ? M_CF_THROUGH_PINNED : M_CF_NOT_THROUGH_PINNED));
		if (fr->t.have_timestamp) {
			if (fr->t.timestamp)
				time_format_iso(fr->t.timestamp, at);
			say(T(M_CF_TIMESTAMP), fr->t.timestamp ? T(M_CF_AT) : T(M_CF_TIME_NOT_GIVEN), fr->t.timestamp ? at : "",
			    fr->t.tsa[0] ? fr->t.tsa : "?");
		} else {
			say("%s", T(M_CF_TIMESTAMP_NONE));
		}
	}
	hex32(fr->t.result, c1);
	hex32(fr->t.chain_status, c2);
	code = file_trust_code_name(fr->t.result);
	say(T(M_CF_PROVIDER), c1, code ? " (" : "", code ? code : "", code ? ")" : "");
	if (fr->t.have_chain)
		say(T(M_CF_CHAIN_STATUS), c2);
	if (fr->t.checked_at) {
		time_format_iso(fr->t.checked_at, at);
		say(T(M_CF_CHECKED_AS_OF), at);
	}
	say("\n");
	say(T(M_CF_VERDICT), file_verdict_name(fr->v), msg_by_english("M_FT_", fr->why));
	if (fr->reminder)
		say(T(M_CF_KERNEL), T(fr->reminder_id));
}

static void json_file(struct json *j, const struct file_result *fr)
{
	char at[21], c[12];
	size_t i;
	json_object_begin(j, NULL);
	json_string(j, "path", fr->path);
	json_bool(j, "opened", fr->t.opened);
	json_string(j, "error", fr->t.opened ? NULL : plat_strerror(fr->t.error));
	if (!fr->t.opened) {
		json_null(j, "signed");
		json_null(j, "verdict");
		json_object_end(j);
		return;
	}
	json_bool(j, "signed", fr->v != FV_NOT_SIGNED);
	json_string(j, "signer", fr->t.signer[0] ? fr->t.signer : NULL);
	json_array_begin(j, "chain");
	for (i = 0; i < fr->t.nchain; i++)
		json_string(j, NULL, fr->t.subjects[i]);
	json_array_end(j);
	json_bool(j, "acs", fr->t.through_pinned);
	json_bool(j, "ends_at_pinned_root", fr->t.top_is_pinned);
	hex32(fr->t.result, c);
	json_string(j, "provider_result", c);
	json_string(j, "provider_code", file_trust_code_name(fr->t.result));
	if (fr->t.have_chain) {
		hex32(fr->t.chain_status, c);
		json_string(j, "chain_status", c);
	} else {
		json_null(j, "chain_status");
	}
	if (fr->t.checked_at) {
		time_format_iso(fr->t.checked_at, at);
		json_string(j, "checked_as_of", at);
	} else {
		json_null(j, "checked_as_of");
	}
	if (fr->t.have_timestamp) {
		json_object_begin(j, "timestamp");
		json_string(j, "authority", fr->t.tsa[0] ? fr->t.tsa : NULL);
		if (fr->t.timestamp)
			time_format_iso(fr->t.timestamp, at);
		json_string(j, "time", fr->t.timestamp ? at : NULL);
		json_object_end(j);
	} else {
		json_null(j, "timestamp");
	}
	json_string(j, "verdict", file_verdict_name(fr->v));
	json_string(j, "why", fr->why);
	json_string(j, "kernel_reminder", fr->reminder);
	json_object_end(j);
}

static int write_report(const char *path, const struct cf_run *r)
{
	struct json j;
	char tmp[64];
	int i;
	memset(&j, 0, sizeof j);
	json_object_begin(&j, NULL);
	json_string(&j, "schema", FILE_REPORT_SCHEMA);
	(void)snprintf(tmp, sizeof tmp, "acskit-run %s", ACSKIT_VERSION);
	json_string(&j, "tool", tmp);
	json_string(&j, "verb", "check-file");
	json_string(&j, "time", r->now);
	if (r->k) {
		json_object_begin(&j, "kit");
		json_string(&j, "path", r->kit_path);
		json_string(&j, "identity", r->k->identity_hex);
		report_json_entries_read(&j, r->k);
		json_object_end(&j);
	} else {
		json_null(&j, "kit");
	}
	if (r->have_update) {
		json_object_begin(&j, "update");
		json_string(&j, "verdict", update_verdict_name(r->ua.verdict));
		json_string(&j, "manifest", r->ua.m ? r->ua.m->id : NULL);
		json_string(&j, "reason", r->ua.reason);
		json_object_end(&j);
	} else {
		json_null(&j, "update");
	}
	if (r->have_dis && !r->dis.unknown)
		json_bool(&j, "root_distrusted", r->dis.distrusted);
	else
		json_null(&j, "root_distrusted");
	json_array_begin(&j, "files");
	for (i = 0; i < r->nfiles && r->files; i++)
		json_file(&j, &r->files[i]);
	json_array_end(&j);
	return runner_write_report(path, &j, r->outcome, r->summary, r->error, r->exit);
}

static int finish(struct cf_run *r, const struct machine_options *o)
{
	int rc = r->exit;
	if (!r->outcome) {
		r->outcome = "error";
		(void)snprintf(r->error, sizeof r->error, "%s", print_last_complaint());
	}
	if (o->json) {
		int e = write_report(o->json, r);
		if (e != EXIT_OK)
			rc = e;
	}
	free(r->files);
	if (r->have_update)
		update_assessment_free(&r->ua);
	if (r->have_ua_text)
		update_assessment_free(&r->ua_text);
	if (r->have_facts)
		machine_facts_free(&r->f);
	kit_free(r->k);
	return rc;
}

int cmd_check_file(const char *kit_path, const char *expect, char **paths, int n, const struct machine_options *o)
{
	struct cf_run r;
	struct plat_root_state rs;
	uint8_t sha1[20];
	int i, e, verified = 0, unreadable = 0, distrusted = 0, reminders = 0;
	memset(&r, 0, sizeof r);
	r.kit_path = kit_path;
	r.nfiles = n;
	time_format_iso(plat_now(), r.now);
	if (!plat_machine_supported()) {
		msg_complain(M_CF_NOT_HERE);
		r.exit = EXIT_USAGE;
		return finish(&r, o);
	}
	if ((r.exit = open_kit(kit_path, expect, 0, NULL, &r.k)) != EXIT_OK)
		return finish(&r, o);
	if (!(r.files = calloc((size_t)n, sizeof *r.files))) {
		msg_complain(M_OUT_OF_MEMORY);
		r.exit = EXIT_INTERNAL;
		return finish(&r, o);
	}
	/* The update verdict, for the kernel's half of an ACS signature. */
	if (plat_machine_read(&r.f) == 0) {
		r.have_facts = 1;
		r.have_update = assess_update(&r.k->manifests, &r.f, &r.ua) == 0;
		if (r.have_update && msg_lang() != MSG_EN) {
			r.have_ua_text = assess_update_in(&r.k->manifests, &r.f, msg_assess_text, &r.ua_text) == 0;
		}
	}
	/* A distrusted root, which the provider may report only as a failure. */
	if (kit_unhex(kit_pin_sha1_hex, sha1, 20) == 0 && plat_root_state(sha1, &rs) == 0) {
		distrust_assess(&rs, r.k->root_der, r.k->root_len, &r.dis);
		r.have_dis = 1;
		plat_root_state_free(&rs);
	}
	if (!o->quiet) {
		say(T(M_L_KIT_IDENTITY), r.k->identity_hex);
		if (r.have_update)
			say(T(M_R_UPDATE), update_verdict_name(r.ua.verdict), r.have_ua_text ? r.ua_text.reason : r.ua.reason);
		if (r.have_dis && r.dis.distrusted)
			say(T(M_CF_DISTRUST), distrust_way_out_in(&r.dis, msg_lang()));
	}
	for (i = 0; i < n; i++) {
		struct file_result *fr = &r.files[i];
		fr->path = paths[i];
		if ((e = plat_file_trust(paths[i], r.k->root_der, r.k->root_len, &fr->t)) != 0) {
			{
				char en[512], local[1024];
				(void)snprintf(en, sizeof en, msg_in(MSG_EN, M_CF_PROVIDER_FAILED), paths[i], plat_strerror(e));
				(void)snprintf(local, sizeof local, T(M_CF_PROVIDER_FAILED), paths[i], msg_strerror(e));
				msg_complain_texts(en, local);
			}
			r.exit = EXIT_INTERNAL;
			return finish(&r, o);
		}
		if (!fr->t.opened) {
			unreadable++;
		} else {
			judge(&r, fr);
			verified += fr->v == FV_VERIFIED;
			distrusted += fr->v == FV_ROOT_DISTRUSTED;
			reminders += fr->v == FV_VERIFIED && fr->reminder != NULL;
		}
		if (!o->quiet)
			say_file(fr);
	}
	/* A file that cannot be read wins (the answer is incomplete), then a
	 * distrust (apply cannot help), then anything short of verified, or an
	 * ACS file that verifies while the kernel's half is missing. */
	if (unreadable) {
		r.exit = EXIT_IO;
		r.outcome = "error";
		(void)snprintf(r.error, sizeof r.error, "%d of %d files could not be read", unreadable, n);
	} else if (distrusted) {
		r.exit = EXIT_DISTRUSTED;
		r.outcome = "distrusted";
	} else if (verified < n || reminders) {
		r.exit = EXIT_ACTION_NEEDED;
		r.outcome = "action-needed";
	} else {
		r.exit = EXIT_OK;
		r.outcome = "verified";
	}
	(void)snprintf(r.summary, sizeof r.summary, msg_in(MSG_EN, M_CF_SUMMARY), verified, n,
	               reminders ? msg_in(MSG_EN, M_CF_SUM_USER_MODE) : "", unreadable ? msg_in(MSG_EN, M_CF_SUM_UNREAD) : "");
	if (!o->quiet)
		say(T(M_R_RESULT), r.outcome, summary_text(&r, verified, n, reminders, unreadable), r.exit);
	return finish(&r, o);
}
