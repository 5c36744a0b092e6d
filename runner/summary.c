/* acskit-run summary DIR|FILE... [--expect ID] [--csv FILE] [--html FILE]:
 * reads the JSON reports a fleet sent back, checks each against the report
 * format's rules (docs/report.md), keeps the latest report per machine, and
 * prints one table and the counts. A bad or foreign file is listed with its
 * reason and never stops the run. Portable: the same on Linux and Windows. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "jsonread.h"
#include "kit.h"
#include "plat.h"
#include "msg.h"
#include "print.h"
#include "runner.h"
#include "summary.h"
#include "text.h"
#include "timeutil.h"

/* A report is a few kilobytes; a bigger file is not one (and the reader's
 * duplicate-key check is quadratic in the members of one object). */
#define MAX_REPORT_BYTES ((size_t)1 << 20)
#define MAX_DEPTH 8

const char *const sum_outcome_names[SO_N + 1] = {"ready",       "action-needed", "pending-reboot", "undetermined",
                                                 "not-fixable", "not-covered",   "distrusted",     "done",
                                                 "error",       "install-failed", "installer-busy", NULL};

/* ---- small helpers ------------------------------------------------------ */

/* A copy of s for printing: control characters, C1 controls and
 * bidirectional formatting characters become '?', and at most max bytes are
 * kept (cut at a character boundary). NULL on no memory. */
static char *clean(const char *s, size_t max)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *out = malloc((n < max ? n : max) + 1);
	if (!out)
		return NULL;
	while (i < n) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t k = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
		int bad = u[0] < 0x20 || u[0] == 0x7F || (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F) ||
		          (u[0] == 0xD8 && u[1] == 0x9C) ||
		          (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x8E || u[2] == 0x8F || (u[2] >= 0xAA && u[2] <= 0xAE))) ||
		          (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9);
		if (i + k > n)
			k = n - i;
		if (o + (bad ? 1 : k) > max)
			break;
		if (bad)
			out[o++] = '?';
		else
			memcpy(out + o, s + i, k), o += k;
		i += k;
	}
	out[o] = '\0';
	return out;
}

static int is_hex64(const char *s)
{
	size_t i;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

static int is_time(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;
	for (i = 0; pat[i]; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
			return 0;
	return s[i] == '\0';
}

static int is_tool(const char *s)
{
	int dots = 0, digits = 0;
	if (strncmp(s, "acskit-run ", 11) != 0)
		return 0;
	for (s += 11; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && digits && dots < 2)
			dots++, digits = 0;
		else
			return 0;
	}
	return dots == 2 && digits;
}

static int one_of(const char *s, const char *const *words)
{
	int i;
	for (i = 0; words[i]; i++)
		if (!strcmp(s, words[i]))
			return i;
	return -1;
}

/* Whether node is a string, or also null when nullable. */
static int str_or_null(const struct jnode *n, int nullable)
{
	return n && (n->type == J_STRING || (nullable && n->type == J_NULL));
}

/* ---- checking one report -------------------------------------------------- */

/* The rules of docs/report.md that the summary relies on, for both schema
 * versions. Unknown members are ignored (a newer runner may add some).
 * Returns NULL if the report passes, else why not. */
static const char *check_report(const struct jnode *r, int *schema)
{
	static const char *const verbs[] = {"check", "apply", "remove", NULL};
	static const char *const verdicts[] = {"satisfied", "missing",   "pending-reboot", "undetermined",
	                                       "no-update", "not-covered", NULL};
	static const char *const outcomes[] = {"ready",       "action-needed", "pending-reboot", "undetermined", "not-fixable",
	                                       "not-covered", "distrusted",    "done",           "error",
	                                       "install-failed", "installer-busy", NULL};
	static const int outcome_exit[] = {0, 1, 10, 8, 7, 7, 11, 0, -1, 13, 14};
	const struct jnode *n, *k;
	const char *s;
	int o;
	if (r->type != J_OBJECT)
		return "not a JSON object";
	s = jread_str(jread_get(r, "schema"));
	if (!s)
		return "not an acskit report: no \"schema\" string";
	if (!strcmp(s, "acskit-report/1"))
		*schema = 1;
	else if (!strcmp(s, "acskit-report/2"))
		*schema = 2;
	else
		return strncmp(s, "acskit-report/", 14) ? "foreign: \"schema\" is not acskit-report/N"
		                                         : "an acskit report version this acskit-run does not know";
	if (!(s = jread_str(jread_get(r, "tool"))) || !is_tool(s))
		return "\"tool\" is not \"acskit-run X.Y.Z\"";
	if (!(s = jread_str(jread_get(r, "verb"))) || one_of(s, verbs) < 0)
		return "\"verb\" is not check, apply or remove";
	if (!(s = jread_str(jread_get(r, "time"))) || !is_time(s))
		return "\"time\" is not YYYY-MM-DDTHH:MM:SSZ";
	if (!(s = jread_str(jread_get(r, "outcome"))) || (o = one_of(s, outcomes)) < 0)
		return "\"outcome\" is not one of the documented words";
	n = jread_get(r, "exit_code");
	if (!n || n->type != J_NUMBER || !n->is_int || n->i < 0 || n->i > 14 || n->i == 12)
		return "\"exit_code\" is not an integer from 0 to 11, 13 or 14";
	if (outcome_exit[o] >= 0 ? n->i != outcome_exit[o] : (n->i < 2 || n->i > 9 || n->i == 7 || n->i == 8))
		return "\"exit_code\" does not go with \"outcome\"";
	if (!str_or_null(jread_get(r, "summary"), 1) || !str_or_null(jread_get(r, "error"), 1))
		return "\"summary\" or \"error\" is not a string or null";
	if (!(n = jread_get(r, "actions")) || n->type != J_ARRAY)
		return "\"actions\" is not an array";
	if (!(n = jread_get(r, "receipt")) || (n->type != J_OBJECT && n->type != J_NULL))
		return "\"receipt\" is not an object or null";
	if (!(n = jread_get(r, "root")) || n->type != J_OBJECT)
		return "\"root\" is not an object";
	k = jread_get(n, "trusted");
	if (!k || (k->type != J_TRUE && k->type != J_FALSE && k->type != J_NULL))
		return "\"root.trusted\" is not true, false or null";
	if (!(n = jread_get(r, "kit")) || (n->type != J_OBJECT && n->type != J_NULL))
		return "\"kit\" is not an object or null";
	if (n->type == J_OBJECT && (!(s = jread_str(jread_get(n, "identity"))) || !is_hex64(s)))
		return "\"kit.identity\" is not 64 lowercase hex digits";
	if (!(n = jread_get(r, "machine")) || (n->type != J_OBJECT && n->type != J_NULL))
		return "\"machine\" is not an object or null";
	if (n->type == J_OBJECT && (!jread_str(jread_get(n, "name")) || !str_or_null(jread_get(n, "version"), 1)))
		return "\"machine.name\" or \"machine.version\" is missing";
	if (!(n = jread_get(r, "update")) || (n->type != J_OBJECT && n->type != J_NULL))
		return "\"update\" is not an object or null";
	if (n->type == J_OBJECT) {
		if (!(s = jread_str(jread_get(n, "verdict"))) || one_of(s, verdicts) < 0)
			return "\"update.verdict\" is not one of the documented words";
		if (!str_or_null(jread_get(n, "manifest"), 1) || !str_or_null(jread_get(n, "minimum"), 1))
			return "\"update.manifest\" or \"update.minimum\" is not a string or null";
		s = jread_str(jread_get(n, "minimum"));
		if (s && !text_is_kb(s, strlen(s)))
			return "\"update.minimum\" is not a KB number";
	}
	if (*schema == 2) {
		static const char *const hk[] = {"computer_name", "dns_hostname", "domain", "machine_id", NULL};
		int i;
		if (!(n = jread_get(r, "host")) || n->type != J_OBJECT)
			return "\"host\" is not an object (acskit-report/2 has one)";
		for (i = 0; hk[i]; i++)
			if (!str_or_null(jread_get(n, hk[i]), 1))
				return "a \"host\" member is missing or not a string or null";
		if (!(n = jread_get(r, "runner")) || n->type != J_OBJECT)
			return "\"runner\" is not an object (acskit-report/2 has one)";
		k = jread_get(n, "sha256");
		if (!str_or_null(k, 1) || (k->type == J_STRING && !is_hex64(k->str)))
			return "\"runner.sha256\" is not 64 lowercase hex digits or null";
	}
	return NULL;
}

/* ---- reading files ------------------------------------------------------ */

static int add_bad(struct fleet *f, const char *file, const char *reason)
{
	if (f->nbad == f->capbad) {
		size_t cap = f->capbad ? f->capbad * 2 : 64;
		struct sum_bad *b = realloc(f->bad, cap * sizeof *b);
		if (!b)
			return -1;
		f->bad = b;
		f->capbad = cap;
	}
	f->bad[f->nbad].file = clean(file, 4096);
	f->bad[f->nbad].reason = clean(reason, 400);
	if (!f->bad[f->nbad].file || !f->bad[f->nbad].reason)
		return -1;
	f->nbad++;
	return 0;
}

/* Reads a whole file of at most max bytes. Returns 0 with *buf (malloc'd)
 * and *len, EFBIG when it is larger, or an error code. */
static int slurp(const char *path, size_t max, char **buf, size_t *len)
{
	plat_file *pf;
	char *b;
	size_t n = 0;
	int e = plat_open(path, PLAT_READ, &pf);
	*buf = NULL;
	if (e)
		return e;
	b = malloc(max + 1);
	if (!b) {
		plat_close(pf);
		return ENOMEM;
	}
	for (;;) {
		long r = plat_read(pf, b + n, max + 1 - n);
		if (r < 0) {
			plat_close(pf);
			free(b);
			return EIO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			plat_close(pf);
			free(b);
			return EFBIG;
		}
	}
	plat_close(pf);
	*buf = b;
	*len = n;
	return 0;
}

static char *dup_or_empty(const char *s, size_t max)
{
	return clean(s ? s : "", max);
}

/* Takes what the summary shows from a checked report. Returns 0 or -1 (memory). */
static int take(struct fleet *f, const char *file, const struct jnode *r, int schema)
{
	struct sum_report *p;
	const char *id = jread_str(jread_path(r, "host.machine_id"));
	const char *cn = jread_str(jread_path(r, "host.computer_name"));
	const char *verdict = jread_str(jread_path(r, "update.verdict"));
	const char *minimum = jread_str(jread_path(r, "update.minimum"));
	const struct jnode *trusted = jread_path(r, "root.trusted");
	const char *base = plat_basename(file);
	char key[600], missing[200];
	size_t used = 0;
	if (f->nreps == f->capreps) {
		size_t cap = f->capreps ? f->capreps * 2 : 256;
		struct sum_report *nr = realloc(f->reps, cap * sizeof *nr);
		if (!nr)
			return -1;
		f->reps = nr;
		f->capreps = cap;
	}
	p = &f->reps[f->nreps];
	memset(p, 0, sizeof *p);
	p->schema = schema;
	/* The machine: MachineGuid, else the computer name; a report without
	 * either (schema /1) stands for itself. */
	if (id && id[0])
		(void)snprintf(key, sizeof key, "id:%.500s", id);
	else if (cn && cn[0])
		(void)snprintf(key, sizeof key, "name:%.500s", cn);
	else
		(void)snprintf(key, sizeof key, "file:%.500s", file);
	p->outcome = (enum sum_outcome)one_of(jread_str(jread_get(r, "outcome")), sum_outcome_names);
	p->exit_code = (int)jread_get(r, "exit_code")->i;
	p->root_missing = trusted && trusted->type == J_FALSE && p->outcome != SO_DONE;
	missing[0] = '\0';
	if (p->root_missing)
		used += (size_t)snprintf(missing + used, sizeof missing - used, "%s",
		                         p->outcome == SO_DISTRUSTED ? "root (distrusted: Disallowed)" : "root");
	if (verdict && !strcmp(verdict, "missing"))
		used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s", used ? ", " : "",
		                         minimum ? minimum : "the update");
	else if (verdict && !strcmp(verdict, "no-update"))
		used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s", used ? ", " : "", "an upgrade");
	else if (verdict && !strcmp(verdict, "not-covered"))
		(void)snprintf(missing + used, sizeof missing - used, "%s%s", used ? ", " : "", "a kit that covers it");
	p->file = clean(file, 4096);
	p->key = clean(key, 600);
	p->name = dup_or_empty(cn && cn[0] ? cn : base, 200);
	p->machine_id = dup_or_empty(id, 100);
	p->os = dup_or_empty(jread_str(jread_path(r, "machine.name")), 100);
	p->os_row = dup_or_empty(jread_str(jread_path(r, "update.manifest")), 100);
	p->missing = clean(missing, 200);
	p->kb = dup_or_empty(verdict && !strcmp(verdict, "missing") ? minimum : NULL, 20);
	p->time = dup_or_empty(jread_str(jread_get(r, "time")), 21);
	p->kit = dup_or_empty(jread_str(jread_path(r, "kit.identity")), 65);
	p->verb = dup_or_empty(jread_str(jread_get(r, "verb")), 10);
	p->summary = dup_or_empty(jread_str(jread_get(r, "summary")), 600);
	f->nreps++;
	if (!p->file || !p->key || !p->name || !p->machine_id || !p->os || !p->os_row || !p->missing || !p->kb ||
	    !p->time || !p->kit || !p->verb || !p->summary)
		return -1;
	return 0;
}

/* Reads one file: accepted, or listed as bad. Returns 0, or -1 (memory). */
static int read_report(struct fleet *f, const char *path)
{
	char *buf, why[300];
	size_t len;
	struct jdoc *d;
	struct jread_error je;
	const char *reason;
	int schema = 0, e = slurp(path, MAX_REPORT_BYTES, &buf, &len), rc;
	f->files++;
	if (e == ENOMEM)
		return -1;
	if (e) {
		(void)snprintf(why, sizeof why, "%s", e == EFBIG ? "larger than 1 MiB: not a report" : plat_strerror(e));
		return add_bad(f, path, why);
	}
	if (jread_parse(buf, len, &d, &je) != 0) {
		free(buf);
		if (!strcmp(je.msg, "out of memory"))
			return -1;
		(void)snprintf(why, sizeof why, "not JSON: line %u: %s", je.line, je.msg);
		return add_bad(f, path, why);
	}
	free(buf);
	reason = check_report(jread_root(d), &schema);
	rc = reason ? add_bad(f, path, reason) : take(f, path, jread_root(d), schema);
	jread_free(d);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.json file below dir (subdirectories too, MAX_DEPTH deep), in name
 * order. Returns 0, -1 (memory), or an error code for dir itself. */
static int read_dir(struct fleet *f, const char *dir, int depth)
{
	struct plat_dirlist l;
	size_t i;
	int e = plat_list_dir(dir, &l), rc = 0;
	if (e)
		return e == ENOMEM ? -1 : e;
	if (l.count)
		qsort(l.names, l.count, sizeof l.names[0], by_name);
	for (i = 0; i < l.count && rc == 0; i++) {
		size_t n = strlen(dir) + strlen(l.names[i]) + 2;
		char *p = malloc(n);
		if (!p) {
			rc = -1;
			break;
		}
		(void)snprintf(p, n, "%s/%s", dir, l.names[i]);
		/* Links to directories are followed, MAX_DEPTH deep at most; a
		 * device or pipe named *.json is listed as unreadable. */
		if (plat_is_dir(p)) {
			if (depth < MAX_DEPTH) {
				e = read_dir(f, p, depth + 1);
				if (e > 0)
					rc = add_bad(f, p, plat_strerror(e));
				else
					rc = e;
			}
		} else if (text_ends_with_nocase(l.names[i], ".json")) {
			rc = read_report(f, p);
		}
		free(p);
	}
	plat_dirlist_free(&l);
	return rc;
}

/* ---- grouping and counting -------------------------------------------- */

/* Same machine together, then oldest first; equal times by file name. */
static int by_key_time(const void *a, const void *b)
{
	const struct sum_report *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (!c)
		c = strcmp(x->time, y->time);
	return c ? c : strcmp(x->file, y->file);
}

static int by_machine_name(const void *a, const void *b)
{
	const struct sum_report *x = *(const struct sum_report *const *)a, *y = *(const struct sum_report *const *)b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->key, y->key);
}

static int by_label(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_count(const void *a, const void *b)
{
	const struct sum_count *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->label, y->label);
}

/* Counts equal labels: out is malloc'd, labels point into the reports. */
static int count_labels(const char **labels, size_t n, struct sum_count **out, size_t *nout)
{
	size_t i, k = 0;
	*out = NULL;
	*nout = 0;
	if (!n)
		return 0;
	qsort(labels, n, sizeof *labels, by_label);
	if (!(*out = calloc(n, sizeof **out)))
		return -1;
	for (i = 0; i < n; i++) {
		if (k && !strcmp((*out)[k - 1].label, labels[i]))
			(*out)[k - 1].n++;
		else
			(*out)[k].label = (char *)labels[i], (*out)[k++].n = 1;
	}
	qsort(*out, k, sizeof **out, by_count);
	*nout = k;
	return 0;
}

static int group(struct fleet *f)
{
	size_t i, start;
	const char **rows, **kbs;
	size_t nk = 0;
	/* qsort wants a valid pointer even for no elements. */
	if (f->nreps)
		qsort(f->reps, f->nreps, sizeof *f->reps, by_key_time);
	f->machines = calloc(f->nreps ? f->nreps : 1, sizeof *f->machines);
	rows = calloc(f->nreps ? f->nreps : 1, sizeof *rows);
	kbs = calloc(f->nreps ? f->nreps : 1, sizeof *kbs);
	if (!f->machines || !rows || !kbs) {
		free(rows);
		free(kbs);
		return -1;
	}
	for (start = 0; start < f->nreps; start = i) {
		struct sum_report *latest;
		size_t j;
		for (i = start + 1; i < f->nreps && !strcmp(f->reps[i].key, f->reps[start].key); i++)
			;
		latest = &f->reps[i - 1];
		latest->superseded = i - 1 - start;
		f->superseded += latest->superseded;
		for (j = start; j < i; j++)
			if (strcmp(f->reps[j].name, latest->name) != 0)
				latest->names_differ = 1;
		if (f->expect && latest->kit[0] && strcmp(latest->kit, f->expect) != 0) {
			latest->other_kit = 1;
			f->other_kit++;
		}
		if (latest->schema == 1 && !strncmp(latest->key, "file:", 5))
			f->unidentified++;
		f->outcome[latest->outcome]++;
		if (latest->root_missing)
			f->root_missing++;
		rows[f->nmachines] = latest->os_row[0] ? latest->os_row : latest->os[0] ? latest->os : "(not read)";
		if (latest->kb[0])
			kbs[nk++] = latest->kb;
		f->machines[f->nmachines++] = latest;
	}
	if (f->nmachines)
		qsort(f->machines, f->nmachines, sizeof *f->machines, by_machine_name);
	i = count_labels(rows, f->nmachines, &f->rows, &f->nrows) || count_labels(kbs, nk, &f->kbs, &f->nkbs);
	/* rows and kbs hold pointers into the reports; the counts keep them. */
	free(rows);
	free(kbs);
	return i ? -1 : 0;
}

/* ---- output ------------------------------------------------------------- */

static void say_table(const struct fleet *f)
{
	size_t i, s;
	/* The header is one catalog line, padded by display width (a kanji is two
	 * columns wide, three bytes long): printf's widths count bytes. */
	say("%s", T(M_SUM_HEADER));
	for (i = 0; i < f->nmachines; i++) {
		const struct sum_report *m = f->machines[i];
		char notes[160];
		size_t used = 0;
		notes[0] = '\0';
		if (m->superseded)
			used += (size_t)snprintf(notes + used, sizeof notes - used, T(M_SUM_OLDER), (unsigned long)m->superseded);
		if (m->other_kit && used < sizeof notes)
			used += (size_t)snprintf(notes + used, sizeof notes - used, T(M_SUM_OTHER_KIT), used ? "; " : "");
		if (m->names_differ && used < sizeof notes)
			used += (size_t)snprintf(notes + used, sizeof notes - used, T(M_SUM_NAMES_DIFFER), used ? "; " : "");
		if (m->schema == 1 && used < sizeof notes)
			(void)snprintf(notes + used, sizeof notes - used, T(M_SUM_SCHEMA1), used ? "; " : "");
		say("%-16s %-26s %-15s %-28s %-20s %-12.12s %s\n", m->name, m->os[0] ? m->os : "-",
		    sum_outcome_names[m->outcome], m->missing[0] ? m->missing : "-", m->time, m->kit[0] ? m->kit : "-",
		    notes);
	}
	say("%s", T(M_SUM_OUTCOMES));
	for (s = 0; s < SO_N; s++)
		if (f->outcome[s])
			say(" %s %lu", sum_outcome_names[s], (unsigned long)f->outcome[s]);
	say("%s", T(M_SUM_OS_ROWS));
	for (i = 0; i < f->nrows; i++)
		say(" %s %lu%s", f->rows[i].label, (unsigned long)f->rows[i].n, i + 1 < f->nrows ? "," : "");
	say(T(M_SUM_MISSING), (unsigned long)f->root_missing);
	for (i = 0; i < f->nkbs; i++)
		say(", %s %lu", f->kbs[i].label, (unsigned long)f->kbs[i].n);
	say("\n");
	if (f->expect)
		say(T(f->other_kit == 1 ? M_SUM_OTHER_KIT_ONE : M_SUM_OTHER_KIT_N), (unsigned long)f->other_kit, f->expect);
	say(T(M_SUM_MACHINES), (unsigned long)f->nmachines,
	    (unsigned long)f->nreps, (unsigned long)f->superseded);
	if (f->unidentified)
		say(T(M_SUM_UNIDENTIFIED),
		    (unsigned long)f->unidentified);
	say(T(M_SUM_FILES), (unsigned long)f->files, (unsigned long)f->nbad);
	for (i = 0; i < f->nbad; i++)
		say(T(M_SUM_REFUSED), f->bad[i].file, f->bad[i].reason);
}

/* The fleet's exit code (docs/acskit-run.1): 1 some machine needs action, 4
 * some used another kit than --expect, 7 some cannot be fixed by an update,
 * 11 some have the root in a Disallowed store (apply cannot help there),
 * 8 some gave no answer (undetermined, an error, or only a remove report),
 * 10 some wait for a restart, 0 every machine is ready. */
static int fleet_exit(const struct fleet *f)
{
	/* A failed or blocked package install needs someone, as a missing
	 * update does. */
	if (f->outcome[SO_ACTION] || f->outcome[SO_INSTALL_FAILED] || f->outcome[SO_INSTALL_BUSY])
		return EXIT_ACTION_NEEDED;
	if (f->other_kit)
		return EXIT_ID_MISMATCH;
	if (f->outcome[SO_NOT_FIXABLE] || f->outcome[SO_NOT_COVERED])
		return EXIT_NOT_FIXABLE;
	if (f->outcome[SO_DISTRUSTED])
		return EXIT_DISTRUSTED;
	if (f->outcome[SO_UNDETERMINED] || f->outcome[SO_ERROR] || f->outcome[SO_DONE])
		return EXIT_UNDETERMINED;
	if (f->outcome[SO_REBOOT])
		return EXIT_PENDING_REBOOT;
	return EXIT_OK;
}

static void fleet_free(struct fleet *f)
{
	size_t i;
	for (i = 0; i < f->nreps; i++) {
		struct sum_report *p = &f->reps[i];
		free(p->file), free(p->key), free(p->name), free(p->machine_id), free(p->os), free(p->os_row);
		free(p->missing), free(p->kb), free(p->time), free(p->kit), free(p->verb), free(p->summary);
	}
	for (i = 0; i < f->nbad; i++)
		free(f->bad[i].file), free(f->bad[i].reason);
	free(f->reps);
	free(f->bad);
	free(f->machines);
	free(f->rows);
	free(f->kbs);
}

int cmd_summary(int argc, char **argv)
{
	struct fleet f;
	const char *csv = NULL, *html = NULL;
	int i, rc = EXIT_OK, quiet = 0, npaths = 0;
	memset(&f, 0, sizeof f);
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--expect") || !strcmp(a, "--csv") || !strcmp(a, "--html")) {
			if (i + 1 >= argc) {
				complain(T(M_NEEDS_VALUE), a);
				return EXIT_USAGE;
			}
			if (a[2] == 'e')
				f.expect = argv[++i];
			else if (a[2] == 'c')
				csv = argv[++i];
			else
				html = argv[++i];
		} else if (!strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (a[0] == '-' && a[1] != '\0') {
			complain(T(M_UNKNOWN_OPTION), a);
			return EXIT_USAGE;
		} else {
			npaths++;
		}
	}
	if (!npaths) {
		complain("%s", T(M_SUM_NEEDS_FILES));
		return EXIT_USAGE;
	}
	if (f.expect && (strlen(f.expect) != 64 || !is_hex64(f.expect))) {
		complain(T(M_SUM_EXPECT_BAD), f.expect);
		return EXIT_USAGE;
	}
	time_format_iso(plat_now(), f.generated);
	for (i = 0; i < argc && rc == EXIT_OK; i++) {
		int e;
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			if (strcmp(argv[i], "--quiet") != 0)
				i++;
			continue;
		}
		/* What the operator named must be there: a missing directory is a
		 * mistake on the command line, not a bad report. */
		if (plat_is_dir(argv[i])) {
			e = read_dir(&f, argv[i], 0);
			if (e > 0) {
				complain(T(M_SUM_CANNOT_READ_DIR), argv[i], msg_strerror(e));
				rc = EXIT_IO;
			}
		} else {
			plat_file *pf;
			e = plat_open(argv[i], PLAT_READ, &pf);
			if (e && e != PLAT_E_NOT_REGULAR && e != EISDIR) {
				complain(T(M_CANNOT_READ), argv[i], msg_strerror(e));
				rc = EXIT_IO;
				continue;
			}
			if (!e)
				plat_close(pf);
			e = read_report(&f, argv[i]);
		}
		if (e < 0) {
			complain("%s", T(M_SUM_OOM));
			rc = EXIT_INTERNAL;
		}
	}
	if (rc == EXIT_OK && group(&f) != 0) {
		complain("%s", T(M_OUT_OF_MEMORY));
		rc = EXIT_INTERNAL;
	}
	if (rc == EXIT_OK) {
		if (!quiet)
			say_table(&f);
		if (csv)
			rc = summary_write_csv(&f, csv);
		if (rc == EXIT_OK && html)
			rc = summary_write_html(&f, html);
	}
	if (rc == EXIT_OK && !f.nmachines) {
		complain(T(f.files == 1 ? M_SUM_NONE_VALID_ONE : M_SUM_NONE_VALID_N), (unsigned long)f.files);
		rc = EXIT_KIT_INVALID;
	}
	if (rc == EXIT_OK)
		rc = fleet_exit(&f);
	fleet_free(&f);
	return rc;
}
