/* apply installs the update packages a kit carries for this machine
 * (issue 13; docs/runbook.md, "Installing the update"; docs/threat-model.md,
 * "Installing packages"). Three steps, so that a refusal changes nothing:
 * install_prepare chooses and extracts (before the root or any installer),
 * install_run checks each file again and runs the system's installer,
 * install_cleanup removes what was extracted. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "exitcodes.h"
#include "install.h"
#include "kit.h"
#include "plat.h"
#include "print.h"
#include "report.h"
#include "runner.h"
#include "timeutil.h"

/* Installer exit codes (docs/runbook.md lists them with their sources). */
#define INST_REBOOT_REQUIRED 3010u          /* ERROR_SUCCESS_REBOOT_REQUIRED, winerror.h */
#define INST_REBOOT_INITIATED 1641u         /* ERROR_SUCCESS_REBOOT_INITIATED, winerror.h */
#define INST_BUSY 1618u                     /* ERROR_INSTALL_ALREADY_RUNNING, winerror.h */
#define WU_S_REBOOT_REQUIRED 0x00240005u    /* wuerror.h */
#define WU_S_ALREADY_INSTALLED 0x00240006u  /* wuerror.h */
#define WU_E_NOT_APPLICABLE 0x80240017u     /* wuerror.h */
#define CBS_E_NOT_APPLICABLE 0x800F081Eu    /* DISM on a .cab that does not apply */

static void action(struct report *r, const char *name, const char *result, const char *fmt, ...) PRINT_FMT(4, 5);
static void action(struct report *r, const char *name, const char *result, const char *fmt, ...)
{
	struct action *a;
	va_list ap;
	if (r->nactions == sizeof r->actions / sizeof r->actions[0])
		return;
	a = &r->actions[r->nactions++];
	a->action = name;
	a->result = result;
	va_start(ap, fmt);
	(void)vsnprintf(a->detail, sizeof a->detail, fmt, ap);
	va_end(ap);
}

static void note_unused(struct install_plan *p, const char *fmt, const char *kb, const char *arch, const char *why)
{
	size_t used = strlen(p->unused);
	(void)snprintf(p->unused + used, sizeof p->unused - used, "%s", used ? "; " : "");
	used = strlen(p->unused);
	(void)snprintf(p->unused + used, sizeof p->unused - used, fmt, kb, arch, why);
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

static int is_prereq(const struct manifest *m, const char *kb)
{
	size_t i;
	for (i = 0; i < m->nprereqs; i++)
		if (!strcmp(m->prereqs[i].kb, kb))
			return 1;
	return 0;
}

/* The file name ends in .msu or .cab (either case). */
static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), i;
	if (n < 4)
		return 0;
	for (i = 0; i < 4; i++) {
		char c = name[n - 4 + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != ext[i])
			return 0;
	}
	return 1;
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

/* Which packages, in which order (docs/runbook.md): the row's prerequisites
 * in manifest order, each only when the kit carries it for this architecture
 * and its own detection says it is missing; then the update, only when the
 * verdict says it is missing. */
static void choose(struct report *r)
{
	const struct manifest *m = r->ua.m;
	const struct machine_facts *f = &r->f;
	struct install_plan *p = &r->plan;
	const struct manifest_package *update = NULL;
	size_t i;
	for (i = 0; i < m->npackages; i++)
		if (strcmp(m->packages[i].arch, f->arch) != 0)
			note_unused(p, "%s (%s): %s", m->packages[i].kb, m->packages[i].arch,
			            "for another architecture than this machine's");
	for (i = 0; i < m->nprereqs; i++) {
		const struct manifest_prereq *q = &m->prereqs[i];
		const struct manifest_package *pkg = carried(m, q->kb, f->arch);
		int st;
		if (!pkg)
			continue;
		if (q->check == MANIFEST_PREREQ_BUILD) {
			if (f->build >= q->min_build)
				note_unused(p, "%s (%s): %s", q->kb, pkg->arch, "not needed: the build shows it is installed");
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
			note_unused(p, "%s (%s): %s", q->kb, pkg->arch, "not needed: already installed");
		else
			add_item(p, pkg, "prerequisite", st == 1);
	}
	for (i = 0; i < m->npackages && !update; i++)
		if (!strcmp(m->packages[i].arch, f->arch) && !is_prereq(m, m->packages[i].kb))
			update = &m->packages[i];
	for (i = 0; i < m->npackages; i++)
		if (update && &m->packages[i] != update && !strcmp(m->packages[i].arch, f->arch) &&
		    !is_prereq(m, m->packages[i].kb))
			note_unused(p, "%s (%s): %s", m->packages[i].kb, m->packages[i].arch,
			            "not used: the row's first update package for this architecture is the one installed");
	if (update && r->ua.verdict == UPDATE_MISSING)
		add_item(p, update, "update", 0);
	else if (update)
		note_unused(p, "%s (%s): not needed: the update is %s", update->kb, update->arch,
		            update_verdict_name(r->ua.verdict));
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
		note_unused(p, "%s%s%s", "every package: the installed updates could not be read, so none is installed", "",
		            "");
		return;
	}
	choose(r);
}

int install_prepare(struct report *r, struct kit_reader *rd)
{
	struct install_plan *p = &r->plan;
	size_t i;
	int e;
	install_choose(r);
	for (i = 0; i < p->n; i++) {
		const char *e_name = p->v[i].pkg->entry;
		if (!has_ext(e_name, ".msu") && !has_ext(e_name, ".cab")) {
			complain("refused: %s (%s) is neither a .msu nor a .cab, the two kinds acskit hands to the system's "
			         "installer; no installer ran, nothing changed",
			         e_name, p->v[i].pkg->kb);
			p->n = 0;
			return EXIT_KIT_INVALID;
		}
	}
	for (i = 0; i < p->n && p->v[i].pending; i++)
		;
	if (i == p->n)
		return EXIT_OK; /* nothing to extract */
	if ((e = plat_admin_dir_create(p->dir, sizeof p->dir)) != 0) {
		complain("cannot create an admin-only directory under %%SystemRoot%%\\Temp for the update packages: %s; "
		         "nothing changed",
		         plat_strerror(e));
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
			complain("refused: %s names %s, which is not in the kit; no installer ran, nothing changed",
			         r->ua.m->id, it->pkg->entry);
			install_cleanup(r);
			p->n = 0;
			return EXIT_KIT_INVALID;
		}
		n = snprintf(it->path, sizeof it->path, "%s\\%s", p->dir, base);
		if (n < 0 || (size_t)n >= sizeof it->path || (e = plat_open(it->path, PLAT_CREATE_NEW, &f)) != 0) {
			complain("cannot create %s for %s: %s; no installer ran, nothing changed", it->path, it->pkg->kb,
			         n < 0 || (size_t)n >= sizeof it->path ? "path too long" : plat_strerror(e));
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
			complain("refused: %s (%s): %s; no installer ran, nothing changed", ie->name, it->pkg->kb, err.msg);
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
		/* Installed by this run (the facts were read before it). */
		for (j = 0; j < r->plan.n && &r->plan.v[j] != it; j++)
			if (!strcmp(r->plan.v[j].pkg->kb, q->kb))
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
			action(r, "install-package", "unchanged",
			       "%s (%s, %s): installed by an earlier run and waiting for a restart (CBS: install pending)%s",
			       it->pkg->kb, it->pkg->arch, it->role,
			       more ? "; the next package needs it complete: restart, then run apply again" : "");
			if (more) {
				p->status = INSTALL_RESTART_MORE;
				left_from(p, i + 1, left, sizeof left);
				word = "restart-needed";
				break;
			}
			p->status = INSTALL_RESTART_END;
			continue;
		}
		kit_hex(it->sha256, 32, hex);
		/* Again just before use: the file the installer gets is the file
		 * the index vouches for, whatever happened to it since extraction. */
		e = hash_file(it->path, have, &have_size);
		if (e != 0 || have_size != it->size || memcmp(have, it->sha256, 32) != 0) {
			it->status = "not installed: the extracted file changed";
			action(r, "install-package", "failed",
			       "%s (%s): the extracted file %s %s; its installer was not run", it->pkg->kb, it->pkg->arch,
			       it->path, e ? plat_strerror(e) : "no longer has the size and SHA-256 of the kit's index");
			complain("refused: %s", r->actions[r->nactions - 1].detail);
			p->status = INSTALL_FAILED;
			left_from(p, i, left, sizeof left);
			word = "failed";
			break;
		}
		/* On a console only: say() writes there unbuffered (WriteConsoleW). */
		if (progress)
			say("installing %lu of %lu: %s (%s) ...", (unsigned long)(i + 1), (unsigned long)total, it->pkg->kb,
			    it->pkg->arch);
		start = plat_now();
		e = plat_run_installer(has_ext(it->path, ".cab") ? PLAT_INSTALLER_DISM : PLAT_INSTALLER_WUSA, it->path, &code,
		                       cmd, sizeof cmd);
		if (progress)
			say(" %ld s\n", (long)(plat_now() - start));
		if (e != 0) {
			it->status = "not installed: the installer did not start";
			action(r, "install-package", "failed", "%s (%s): %s did not start: %s", it->pkg->kb, it->pkg->arch,
			       cmd, plat_strerror(e));
			complain("%s", r->actions[r->nactions - 1].detail);
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
			action(r, "install-package", "done", "%s (%s, %s, SHA-256 %s): %s exit %lu (0x%08lX): %s", it->pkg->kb,
			       it->pkg->arch, it->role, hex, cmd, (unsigned long)code, (unsigned long)code,
			       restart ? "installed, a restart is needed" : "installed");
			if ((e = plat_receipt_package_write(&rec)) != 0) {
				action(r, "write-receipt", "failed", "HKLM\\SOFTWARE\\acskit\\Packages\\%s could not be written: %s",
				       it->pkg->kb, plat_strerror(e));
				complain("%s", r->actions[r->nactions - 1].detail);
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
			action(r, "install-package", "unchanged", "%s (%s, %s): %s exit 0x%08lX: already installed",
			       it->pkg->kb, it->pkg->arch, it->role, cmd, (unsigned long)code);
			continue;
		}
		left_from(p, i, left, sizeof left);
		word = "failed";
		p->status = INSTALL_FAILED;
		if (code == WU_E_NOT_APPLICABLE || code == CBS_E_NOT_APPLICABLE) {
			not_applicable_hint(r, it, hint, sizeof hint);
			it->status = "not applicable";
			action(r, "install-package", "failed",
			       "%s (%s): %s exit 0x%08lX: not applicable to this machine: %s%s%s, or an update that "
			       "supersedes it is already installed",
			       it->pkg->kb, it->pkg->arch, cmd, (unsigned long)code,
			       hint[0] ? "a prerequisite may be missing (" : "a prerequisite may be missing", hint,
			       hint[0] ? " not confirmed on this machine)" : "");
		} else if (code == INST_BUSY) {
			it->status = "not installed: another installation is in progress";
			action(r, "install-package", "failed",
			       "%s (%s): %s exit 1618: another installation is in progress; let it finish (or restart), "
			       "then run apply again",
			       it->pkg->kb, it->pkg->arch, cmd);
			p->status = INSTALL_BUSY;
			word = "busy";
		} else {
			it->status = "failed";
			action(r, "install-package", "failed", "%s (%s): %s failed: exit 0x%08lX", it->pkg->kb, it->pkg->arch,
			       cmd, (unsigned long)code);
		}
		complain("%s", r->actions[r->nactions - 1].detail);
		break;
	}
	if (p->status == INSTALL_NOTHING)
		return;
	if (i >= p->n)
		left[0] = '\0';
	if (p->status == INSTALL_RESTART_END)
		word = "restart-needed";
	time_format_iso(plat_now(), at);
	if (plat_receipt_progress_write(word, left, at) != 0)
		complain("warning: the receipt's UpdatesStatus could not be written");
}

void install_cleanup(struct report *r)
{
	struct install_plan *p = &r->plan;
	int e;
	if (!p->dir[0])
		return;
	remove_files(p);
	if ((e = plat_dir_remove(p->dir)) != 0)
		complain("warning: %s could not be removed: %s", p->dir, plat_strerror(e));
	p->dir[0] = '\0';
}

void install_say(const struct report *r)
{
	const struct install_plan *p = &r->plan;
	size_t i;
	for (i = 0; i < p->n; i++)
		say("%s %s %-12s %-4s %s: %s\n", i ? "             " : "packages:    ", p->v[i].pkg->kb, p->v[i].role,
		    p->v[i].pkg->arch, p->v[i].pkg->entry,
		    p->v[i].status     ? p->v[i].status
		    : p->v[i].pending  ? "installed, waiting for a restart"
		    : !r->rd           ? "missing: apply installs it"
		                       : "not reached");
	if (p->unused[0])
		say("%s not used: %s\n", p->n ? "             " : "packages:    ", p->unused);
}
