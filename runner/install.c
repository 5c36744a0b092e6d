/* apply installs the update packages a kit carries for this machine
 * (issue 13; docs/runbook.md, "Installing the update"; docs/threat-model.md,
 * "Installing packages"). Three steps, so that a refusal changes nothing:
 * install_prepare chooses and extracts (before the root or any installer),
 * install_run checks each file again and runs the system's installer,
 * install_cleanup removes what was extracted. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "exitcodes.h"
#include "install.h"
#include "kit.h"
#include "msg.h"
#include "plat.h"
#include "print.h"
#include "report.h"
#include "runner.h"
#include "text.h"
#include "timeutil.h"

/* Installer exit codes (docs/runbook.md lists them with their sources). */
#define INST_REBOOT_REQUIRED 3010u          /* ERROR_SUCCESS_REBOOT_REQUIRED, winerror.h */
#define INST_REBOOT_INITIATED 1641u         /* ERROR_SUCCESS_REBOOT_INITIATED, winerror.h */
#define INST_BUSY 1618u                     /* ERROR_INSTALL_ALREADY_RUNNING, winerror.h */
#define WU_S_REBOOT_REQUIRED 0x00240005u    /* wuerror.h */
#define WU_S_ALREADY_INSTALLED 0x00240006u  /* wuerror.h */
#define WU_E_NOT_APPLICABLE 0x80240017u     /* wuerror.h */
#define CBS_E_NOT_APPLICABLE 0x800F081Eu    /* DISM on a .cab that does not apply */

/* A failed action whose detail takes kb, arch, what and then the error
 * code's text, each language its own. */
static void action_err(struct report *r, const char *name, enum msg_id id, const char *kb, const char *arch,
                       const char *what, int e)
{
	struct action *a = report_action_slot(r, name, "failed");
	if (!a)
		return;
	(void)snprintf(a->detail, sizeof a->detail, msg_in(MSG_EN, id), kb, arch, what, plat_strerror(e));
	(void)snprintf(a->detail_text, sizeof a->detail_text, T(id), kb, arch, what, msg_strerror(e));
}

/* complain()s id with two strings and an error code's text (or the text of
 * the id why when e is 0), each language its own. */
static void complain_err(enum msg_id id, const char *a, const char *b, int e, enum msg_id why)
{
	char en[700], local[1400];
	(void)snprintf(en, sizeof en, msg_in(MSG_EN, id), a, b, e ? plat_strerror(e) : msg_in(MSG_EN, why));
	(void)snprintf(local, sizeof local, T(id), a, b, e ? msg_strerror(e) : T(why));
	msg_complain_texts(en, local);
}

/* Adds "KB (arch): why" to the text report's list of packages not used, in
 * the text's language. */
static void note_unused(struct install_plan *p, const char *kb, const char *arch, enum msg_id why, const char *arg)
{
	size_t used = strlen(p->unused);
	(void)snprintf(p->unused + used, sizeof p->unused - used, "%s", used ? "; " : "");
	used = strlen(p->unused);
	if (kb)
		(void)snprintf(p->unused + used, sizeof p->unused - used, "%s (%s): ", kb, arch);
	used = strlen(p->unused);
	(void)snprintf(p->unused + used, sizeof p->unused - used, T(why), arg);
}

/* A CBS package of kb: 2 present (installed, permanent, superseded), 1
 * install pending, 0 none. */
static int cbs_kb_state(const struct machine_facts *f, const char *kb)
{
	size_t i;
	int st = 0;
	for (i = 0; i < f->npackages; i++) {
		const struct cbs_package *c = &f->packages[i];
		if (strcmp(c->kb, kb) != 0 || !c->has_state)
			continue;
		if (c->state == CBS_STATE_INSTALLED || c->state == CBS_STATE_PERMANENT || c->state == CBS_STATE_SUPERSEDED)
			return 2;
		if (c->state == CBS_STATE_INSTALL_PENDING)
			st = 1;
	}
	return st;
}

static const struct manifest_package *carried(const struct manifest *m, const char *kb, const char *arch)
{
	size_t i;
	for (i = 0; i < m->npackages; i++)
		if (!strcmp(m->packages[i].kb, kb) && !strcmp(m->packages[i].arch, arch))
			return &m->packages[i];
	return NULL;
}

/* 1 if kb is a prerequisite of m that acskit cannot check (unchecked). */
static int is_unchecked_prereq(const struct manifest *m, const char *kb)
{
	size_t i;
	for (i = 0; i < m->nprereqs; i++)
		if (!strcmp(m->prereqs[i].kb, kb))
			return m->prereqs[i].check == MANIFEST_PREREQ_UNCHECKED;
	return 0;
}

static int is_prereq(const struct manifest *m, const char *kb)
{
	size_t i;
	for (i = 0; i < m->nprereqs; i++)
		if (!strcmp(m->prereqs[i].kb, kb))
			return 1;
	return 0;
}

static void add_item(struct install_plan *p, const struct manifest_package *pkg, const char *role, int pending)
{
	if (p->n == INSTALL_MAX)
		return;
	memset(&p->v[p->n], 0, sizeof p->v[p->n]);
	p->v[p->n].pkg = pkg;
	p->v[p->n].role = role;
	p->v[p->n].pending = pending;
	p->n++;
}

/* Which packages, in which order (docs/runbook.md): only when the verdict
 * says the update is missing (a machine that has it, waits for its restart,
 * or cannot be judged is not changed), the row's prerequisites in manifest
 * order, each only when the kit carries it for this architecture and its own
 * detection says it is missing; then the update. */
static void choose(struct report *r)
{
	const struct manifest *m = r->ua.m;
	const struct machine_facts *f = &r->f;
	struct install_plan *p = &r->plan;
	const struct manifest_package *update = NULL;
	size_t i;
	for (i = 0; i < m->npackages; i++)
		if (strcmp(m->packages[i].arch, f->arch) != 0)
			note_unused(p, m->packages[i].kb, m->packages[i].arch, M_IN_UNUSED_ARCH, NULL);
	for (i = 0; i < m->nprereqs; i++) {
		const struct manifest_prereq *q = &m->prereqs[i];
		const struct manifest_package *pkg = carried(m, q->kb, f->arch);
		int st;
		if (!pkg)
			continue;
		if (r->ua.verdict != UPDATE_MISSING) {
			note_unused(p, q->kb, pkg->arch, M_IN_UNUSED_VERDICT, update_verdict_name(r->ua.verdict));
			continue;
		}
		if (q->check == MANIFEST_PREREQ_BUILD) {
			if (f->build >= q->min_build)
				note_unused(p, q->kb, pkg->arch, M_IN_UNUSED_BUILD, NULL);
			else
				add_item(p, pkg, "prerequisite", 0);
			continue;
		}
		/* installed and unchecked alike: a KB whose CBS package is there is
		 * not installed again. An unchecked one that is absent from CBS is
		 * installed (the kit maker put it there; a later package that
		 * supersedes it makes wusa answer 0x240006, already installed). */
		st = cbs_kb_state(f, q->kb);
		if (st == 2)
			note_unused(p, q->kb, pkg->arch, M_IN_UNUSED_INSTALLED, NULL);
		else
			add_item(p, pkg, "prerequisite", st == 1);
	}
	for (i = 0; i < m->npackages && !update; i++)
		if (!strcmp(m->packages[i].arch, f->arch) && !is_prereq(m, m->packages[i].kb))
			update = &m->packages[i];
	for (i = 0; i < m->npackages; i++)
		if (update && &m->packages[i] != update && !strcmp(m->packages[i].arch, f->arch) &&
		    !is_prereq(m, m->packages[i].kb))
			note_unused(p, m->packages[i].kb, m->packages[i].arch, M_IN_UNUSED_SECOND, NULL);
	if (update && r->ua.verdict == UPDATE_MISSING)
		add_item(p, update, "update", 0);
	else if (update)
		note_unused(p, update->kb, update->arch, M_IN_UNUSED_VERDICT, update_verdict_name(r->ua.verdict));
}

static int write_file(void *ctx, const void *buf, size_t n)
{
	return plat_write((plat_file *)ctx, buf, n);
}

static void remove_files(struct install_plan *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		if (p->v[i].path[0]) {
			(void)plat_remove(p->v[i].path);
			p->v[i].path[0] = '\0';
		}
}

void install_choose(struct report *r)
{
	struct install_plan *p = &r->plan;
	memset(p, 0, sizeof *p);
	if (!r->ua.m || !r->ua.m->npackages)
		return;
	if (r->f.cbs_error) {
		note_unused(p, NULL, NULL, M_IN_UNUSED_CBS, NULL);
		return;
	}
	choose(r);
}

/* The system installer a package file goes to: DISM for a .cab, wusa for a
 * .msu (install_prepare refuses any other name). */
static enum plat_installer installer_for(const char *name)
{
	return text_ends_with_nocase(name, ".cab") ? PLAT_INSTALLER_DISM : PLAT_INSTALLER_WUSA;
}

int install_prepare(struct report *r, struct kit_reader *rd)
{
	struct install_plan *p = &r->plan;
	size_t i;
	int e;
	install_choose(r);
	for (i = 0; i < p->n; i++) {
		const char *e_name = p->v[i].pkg->entry;
		if (!text_ends_with_nocase(e_name, ".msu") && !text_ends_with_nocase(e_name, ".cab")) {
			msg_complain(M_IN_NOT_MSU_CAB, e_name, p->v[i].pkg->kb);
			p->n = 0;
			return EXIT_KIT_INVALID;
		}
		/* Before anything changes, not after the root and earlier packages:
		 * the tool each package needs is there (no DISM before Windows 7). */
		if (!p->v[i].pending && !plat_installer_present(installer_for(e_name))) {
			msg_complain(M_IN_NO_INSTALLER, p->v[i].pkg->kb, e_name,
			             installer_for(e_name) == PLAT_INSTALLER_DISM ? "dism.exe" : "wusa.exe");
			p->n = 0;
			return EXIT_INSTALL_FAILED;
		}
	}
	for (i = 0; i < p->n && p->v[i].pending; i++)
		;
	if (i == p->n)
		return EXIT_OK; /* nothing to extract */
	if ((e = plat_admin_dir_create(p->dir, sizeof p->dir)) != 0) {
		msg_complain_err(M_IN_DIR_FAILED, e);
		p->n = 0;
		p->dir[0] = '\0';
		return EXIT_IO;
	}
	for (i = 0; i < p->n; i++) {
		struct install_item *it = &p->v[i];
		const struct kit_entry *ie = kit_index_find(&r->k->index, it->pkg->entry);
		const char *base = plat_basename(it->pkg->entry);
		struct kit_error err;
		plat_file *f;
		int n;
		if (it->pending)
			continue;
		if (!ie) {
			msg_complain(M_IN_NOT_IN_KIT, r->ua.m->id, it->pkg->entry);
			install_cleanup(r);
			p->n = 0;
			return EXIT_KIT_INVALID;
		}
		n = snprintf(it->path, sizeof it->path, "%s\\%s", p->dir, base);
		if (n < 0 || (size_t)n >= sizeof it->path || (e = plat_open(it->path, PLAT_CREATE_ADMIN, &f)) != 0) {
			complain_err(M_IN_CREATE_FAILED, it->path, it->pkg->kb, n < 0 || (size_t)n >= sizeof it->path ? 0 : e,
			             M_IN_PATH_TOO_LONG);
			it->path[0] = '\0';
			install_cleanup(r);
			p->n = 0;
			return EXIT_IO;
		}
		/* kit_extract hashes while it streams and says 0 only when size
		 * and SHA-256 match the index: a tampered package stops here,
		 * before the root or any installer. */
		e = kit_extract(rd, r->k, ie->name, write_file, f, &err);
		if (plat_close(f) != 0 && e == 0) {
			e = -1;
			err.code = KIT_E_IO;
			(void)snprintf(err.msg, sizeof err.msg, "writing %s failed", it->path);
		}
		if (e != 0) {
			msg_complain(M_IN_EXTRACT_REFUSED, ie->name, it->pkg->kb, err.msg);
			install_cleanup(r);
			p->n = 0;
			return acskit_exit_for(err.code);
		}
		it->size = ie->size;
		memcpy(it->sha256, ie->sha256, 32);
	}
	return EXIT_OK;
}

/* The KBs from item i on, comma-separated, into out. */
static void left_from(const struct install_plan *p, size_t i, char *out, size_t n)
{
	size_t used = 0;
	out[0] = '\0';
	for (; i < p->n && used < n; i++)
		used += (size_t)snprintf(out + used, n - used, "%s%s", used ? "," : "", p->v[i].pkg->kb);
}

/* What may be missing when a package does not apply: the row's
 * prerequisites that are not confirmed on the machine. */
static void not_applicable_hint(const struct report *r, const struct install_item *it, char *out, size_t n)
{
	const struct manifest *m = r->ua.m;
	size_t i, used = 0;
	out[0] = '\0';
	for (i = 0; i < m->nprereqs && used < n; i++) {
		const struct manifest_prereq *q = &m->prereqs[i];
		size_t j;
		int done = 0;
		/* Installed by this run (the facts were read before it); not one
		 * this run skipped as not applicable, the likeliest cause then. */
		for (j = 0; j < r->plan.n && &r->plan.v[j] != it; j++)
			if (!strcmp(r->plan.v[j].pkg->kb, q->kb) && r->plan.v[j].status &&
			    strcmp(r->plan.v[j].status, "skipped: not applicable") != 0)
				done = 1;
		if (done || !strcmp(q->kb, it->pkg->kb) || (q->check == MANIFEST_PREREQ_BUILD && r->f.build >= q->min_build) ||
		    cbs_kb_state(&r->f, q->kb) == 2)
			continue;
		used += (size_t)snprintf(out + used, n - used, "%s%s", used ? ", " : "", q->kb);
	}
}

void install_run(struct report *r, int quiet)
{
	struct install_plan *p = &r->plan;
	int progress = !quiet && plat_stdout_is_console();
	size_t i, total = p->n;
	char left[200], at[21], hex[65];
	const char *word = "done";
	struct plat_receipt rc;
	int64_t boot = plat_boot_time(), last = 0;
	char boot_text[21] = "";
	/* The last apply ended asking for a restart and Windows has not
	 * restarted since: no installer runs, whatever CBS says of each package
	 * (a package can read as installed while its restart is still owed). */
	int restart_first = plat_receipt_read(&rc) == 0 && !strcmp(rc.updates_status, "restart-needed") && boot > 0 &&
	                    time_parse_iso(rc.updates_at, &last) == 0 && last >= boot;
	if (restart_first)
		time_format_iso(boot, boot_text);
	p->status = p->n ? INSTALL_DONE : INSTALL_NOTHING;
	for (i = 0; i < p->n; i++) {
		struct install_item *it = &p->v[i];
		struct plat_receipt_package rec;
		uint8_t have[32];
		uint64_t have_size;
		uint32_t code = 0;
		int64_t start;
		int e, more = i + 1 < p->n;
		char cmd[700], hint[120];
		if (it->pending) {
			it->status = "installed before, waiting for a restart";
			report_action(r, "install-package", "unchanged", more ? M_IN_ACT_PENDING_MORE : M_IN_ACT_PENDING, it->pkg->kb,
			       it->pkg->arch, it->role);
			if (more) {
				p->status = INSTALL_RESTART_MORE;
				left_from(p, i + 1, left, sizeof left);
				word = "restart-needed";
				break;
			}
			p->status = INSTALL_RESTART_END;
			continue;
		}
		if (restart_first) {
			it->status = "not installed: waiting for a restart";
			report_action(r, "install-package", "unchanged", M_IN_ACT_RESTART_FIRST, it->pkg->kb, it->pkg->arch,
			              it->role, rc.updates_at, boot_text);
			p->status = INSTALL_RESTART_MORE;
			left_from(p, i, left, sizeof left);
			word = "restart-needed";
			break;
		}
		kit_hex(it->sha256, 32, hex);
		/* Again just before use: the file the installer gets is the file
		 * the index vouches for, whatever happened to it since extraction. */
		e = hash_file(it->path, have, &have_size);
		if (e != 0 || have_size != it->size || memcmp(have, it->sha256, 32) != 0) {
			it->status = "not installed: the extracted file changed";
			if (e)
				action_err(r, "install-package", M_IN_ACT_RECHECK_ERR, it->pkg->kb, it->pkg->arch, it->path, e);
			else
				report_action(r, "install-package", "failed", M_IN_ACT_CHANGED, it->pkg->kb, it->pkg->arch, it->path);
			report_refuse_last(r);
			p->status = INSTALL_FAILED;
			left_from(p, i, left, sizeof left);
			word = "failed";
			break;
		}
		/* On a console only: say() writes there unbuffered (WriteConsoleW). */
		if (progress)
			say(T(M_IN_PROGRESS), (unsigned long)(i + 1), (unsigned long)total, it->pkg->kb, it->pkg->arch);
		start = plat_now();
		e = plat_run_installer(installer_for(it->path), it->path, &code, cmd, sizeof cmd);
		if (progress)
			say(T(M_IN_PROGRESS_SECONDS), (long)(plat_now() - start));
		if (e != 0) {
			it->status = "not installed: the installer did not start";
			action_err(r, "install-package", M_IN_ACT_NOT_STARTED, it->pkg->kb, it->pkg->arch, cmd, e);
			report_complain_last(r, M_COUNT);
			p->status = INSTALL_FAILED;
			left_from(p, i, left, sizeof left);
			word = "failed";
			break;
		}
		if (code == 0 || code == INST_REBOOT_REQUIRED || code == WU_S_REBOOT_REQUIRED ||
		    code == INST_REBOOT_INITIATED) {
			int restart = code != 0;
			memset(&rec, 0, sizeof rec);
			(void)snprintf(rec.kb, sizeof rec.kb, "%s", it->pkg->kb);
			(void)snprintf(rec.arch, sizeof rec.arch, "%s", it->pkg->arch);
			(void)snprintf(rec.file, sizeof rec.file, "%s", it->pkg->entry);
			(void)snprintf(rec.sha256, sizeof rec.sha256, "%s", hex);
			(void)snprintf(rec.installer, sizeof rec.installer, "%s", cmd);
			rec.exit_code = code;
			rec.result = restart ? "restart-needed" : "installed";
			time_format_iso(plat_now(), rec.at);
			p->installed++;
			it->status = restart ? "installed, restart needed" : "installed";
			report_action(r, "install-package", "done", restart ? M_IN_ACT_INSTALLED_RESTART : M_IN_ACT_INSTALLED,
			       it->pkg->kb, it->pkg->arch, it->role, hex, cmd, (unsigned long)code, (unsigned long)code);
			if ((e = plat_receipt_package_write(&rec)) != 0) {
				action_err(r, "write-receipt", M_IN_ACT_RECEIPT_FAILED, it->pkg->kb, it->pkg->arch, it->pkg->entry, e);
				report_complain_last(r, M_COUNT);
			}
			if (restart && more) {
				p->status = INSTALL_RESTART_MORE;
				left_from(p, i + 1, left, sizeof left);
				word = "restart-needed";
				break;
			}
			if (restart)
				p->status = INSTALL_RESTART_END;
			continue;
		}
		if (code == WU_S_ALREADY_INSTALLED) {
			it->status = "already installed";
			report_action(r, "install-package", "unchanged", M_IN_ACT_ALREADY, it->pkg->kb, it->pkg->arch, it->role, cmd,
			       (unsigned long)code);
			continue;
		}
		/* A prerequisite acskit cannot check that the installer finds not
		 * applicable has most often been superseded by a later update
		 * (an old servicing stack update): not a failure of the run. If the
		 * machine really lacks it, the update's installer answers not
		 * applicable in turn, and that stops the run with the hint. */
		if ((code == WU_E_NOT_APPLICABLE || code == CBS_E_NOT_APPLICABLE) && !strcmp(it->role, "prerequisite") &&
		    is_unchecked_prereq(r->ua.m, it->pkg->kb)) {
			it->status = "skipped: not applicable";
			report_action(r, "install-package", "unchanged", M_IN_ACT_NA_UNCHECKED, it->pkg->kb, it->pkg->arch,
			              it->role, cmd, (unsigned long)code);
			continue;
		}
		left_from(p, i, left, sizeof left);
		word = "failed";
		p->status = INSTALL_FAILED;
		if (code == WU_E_NOT_APPLICABLE || code == CBS_E_NOT_APPLICABLE) {
			not_applicable_hint(r, it, hint, sizeof hint);
			it->status = "not applicable";
			report_action(r, "install-package", "failed", hint[0] ? M_IN_ACT_NOT_APPLICABLE_HINT : M_IN_ACT_NOT_APPLICABLE,
			       it->pkg->kb, it->pkg->arch, cmd, (unsigned long)code, hint);
		} else if (code == INST_BUSY) {
			it->status = "not installed: another installation is in progress";
			report_action(r, "install-package", "failed", M_IN_ACT_BUSY, it->pkg->kb, it->pkg->arch, cmd);
			p->status = INSTALL_BUSY;
			word = "busy";
		} else {
			it->status = "failed";
			report_action(r, "install-package", "failed", M_IN_ACT_FAILED, it->pkg->kb, it->pkg->arch, cmd,
			       (unsigned long)code);
		}
		report_complain_last(r, M_COUNT);
		break;
	}
	if (p->status == INSTALL_NOTHING)
		return;
	if (i >= p->n)
		left[0] = '\0';
	if (p->status == INSTALL_RESTART_END)
		word = "restart-needed";
	/* A run the owed restart stopped changed nothing: the receipt keeps
	 * the time of the run that asked for the restart. */
	if (restart_first)
		return;
	time_format_iso(plat_now(), at);
	if (plat_receipt_progress_write(word, left, at) != 0)
		msg_complain(M_IN_PROGRESS_RECEIPT_FAILED);
}

void install_cleanup(struct report *r)
{
	struct install_plan *p = &r->plan;
	int e;
	if (!p->dir[0])
		return;
	remove_files(p);
	if ((e = plat_dir_remove(p->dir)) != 0)
		complain_err(M_IN_DIR_REMOVE_FAILED, p->dir, "", e, M_IN_DIR_REMOVE_FAILED);
	p->dir[0] = '\0';
}

void install_say(const struct report *r)
{
	const struct install_plan *p = &r->plan;
	size_t i;
	for (i = 0; i < p->n; i++)
		say(T(M_IN_SAY_PACKAGE), i ? T(M_IN_SAY_CONT) : T(M_IN_SAY_FIRST), p->v[i].pkg->kb, p->v[i].role,
		    p->v[i].pkg->arch, p->v[i].pkg->entry,
		    /* status is English (machine.c reads it); shown in the text's language */
		    p->v[i].status     ? msg_by_english("M_IS_", p->v[i].status)
		    : p->v[i].pending  ? T(M_IS_PENDING)
		    : !r->rd           ? T(M_IS_MISSING)
		                       : T(M_IS_NOT_REACHED));
	if (p->unused[0])
		say(T(M_IN_SAY_UNUSED), p->n ? T(M_IN_SAY_CONT) : T(M_IN_SAY_FIRST), p->unused);
}
