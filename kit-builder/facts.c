/* acskit-build lint and acskit-build facts: the manifests as an auditor reads
 * them. lint parses every manifest (the parser applies the lint of
 * common/manifest_lint.c) and checks the set, reporting every bad file, not
 * only the first; facts writes docs/facts.md, every row and every KB with its
 * sources and confidence, from the manifests alone, so the document cannot
 * drift from what kits carry (make check compares them). */
#include "facts.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "manifest.h"
#include "plat.h"
#include "print.h"

/* A growing text buffer; a failed allocation is remembered, not fatal. */
struct text {
	char *p;
	size_t n, cap;
	int oom;
};

static void put(struct text *t, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int w;
	for (;;) {
		size_t room = t->cap - t->n;
		va_start(ap, fmt);
		w = vsnprintf(t->p ? t->p + t->n : NULL, t->p ? room : 0, fmt, ap);
		va_end(ap);
		if (w < 0) {
			t->oom = 1;
			return;
		}
		if (t->p && (size_t)w < room)
			break;
		{
			size_t cap = t->cap * 2 + (size_t)w + 256;
			char *np = realloc(t->p, cap);
			if (!np) {
				t->oom = 1;
				return;
			}
			t->p = np;
			t->cap = cap;
		}
	}
	t->n += (size_t)w;
}

/* Markdown table cell text: '|' would end the cell. */
static void cell(struct text *t, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			put(t, "\\|");
		else
			put(t, "%c", *s);
	}
}

/* Reads every *.manifest of dir into set (sorted by id). Prints one line per
 * bad file; returns the number of bad files, or -1 if dir cannot be read. */
static int load(const char *dir, struct manifest_set *set)
{
	struct plat_dirlist l;
	size_t i;
	int bad = 0, e = plat_list_dir(dir, &l);
	char msg[300];
	memset(set, 0, sizeof *set);
	if (e) {
		complain("cannot list %s: %s", dir, plat_strerror(e));
		return -1;
	}
	for (i = 0; i < l.count; i++) {
		const char *name = l.names[i];
		size_t nl = strlen(name), len = 0;
		char path[4096], *buf;
		plat_file *f;
		struct manifest *m;
		struct manifest_error err;
		if (nl <= 9 || strcmp(name + nl - 9, ".manifest") != 0)
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
			complain("%s/%s: path too long", dir, name);
			bad++;
			continue;
		}
		buf = malloc(MANIFEST_MAX_BYTES + 1);
		if (!buf || plat_open(path, PLAT_READ, &f) != 0) {
			complain("cannot read %s", path);
			free(buf);
			bad++;
			continue;
		}
		for (;;) {
			long r = plat_read(f, buf + len, MANIFEST_MAX_BYTES + 1 - len);
			if (r <= 0)
				break;
			len += (size_t)r;
			if (len > MANIFEST_MAX_BYTES)
				break;
		}
		(void)plat_close(f);
		if (manifest_parse(buf, len, &m, &err) != 0) {
			complain("bad manifest: %s:%u: %s", path, err.line, err.msg);
			bad++;
		} else if (strlen(m->id) != nl - 9 || strncmp(m->id, name, nl - 9) != 0) {
			complain("bad manifest: %s: its id '%s' differs from its file name", path, m->id);
			manifest_free(m);
			bad++;
		} else if (manifest_set_add(set, m) != 0) {
			complain("out of memory");
			bad++;
		}
		free(buf);
	}
	plat_dirlist_free(&l);
	if (!bad && manifest_set_check(set, msg, sizeof msg) != 0) {
		complain("manifests overlap: %s", msg);
		bad++;
	}
	if (!bad && set->n == 0) {
		complain("no manifests: %s holds no *.manifest", dir);
		bad++;
	}
	return bad;
}

static int parse_args(int argc, char **argv, const char **dir, const char **out, int allow_out)
{
	int i;
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--manifests") && i + 1 < argc)
			*dir = argv[++i];
		else if (allow_out && !strcmp(argv[i], "-o") && i + 1 < argc)
			*out = argv[++i];
		else {
			complain("usage: acskit-build %s [--manifests DIR]%s", argv[1], allow_out ? " [-o FILE]" : "");
			return -1;
		}
	}
	return 0;
}

int cmd_lint(int argc, char **argv)
{
	struct manifest_set set;
	const char *dir = "manifests", *out = NULL;
	int bad;
	if (parse_args(argc, argv, &dir, &out, 0))
		return EXIT_USAGE;
	bad = load(dir, &set);
	if (bad < 0)
		return EXIT_IO;
	if (!bad)
		say("lint:         %lu manifests in %s pass\n", (unsigned long)set.n, dir);
	manifest_set_free(&set);
	return bad ? EXIT_KIT_INVALID : EXIT_OK;
}

static void sources_of(struct text *t, const struct manifest *m, const struct manifest_basis *b)
{
	size_t i;
	put(t, " | %s | ", manifest_confidence_name(b->confidence));
	for (i = 0; i < b->nsrc; i++)
		put(t, "%s`%s`", i ? ", " : "", m->srcs[b->src[i]].tag);
	put(t, " |\n");
}

static void builds(struct text *t, const struct manifest *m)
{
	size_t i;
	for (i = 0; i < m->nranges; i++) {
		const struct manifest_range *r = &m->ranges[i];
		put(t, "%s", i ? ", " : "");
		if (r->hi == UINT32_MAX)
			put(t, "%u+", (unsigned)r->lo);
		else if (r->hi == r->lo)
			put(t, "%u", (unsigned)r->lo);
		else
			put(t, "%u-%u", (unsigned)r->lo, (unsigned)r->hi);
	}
}

static void one(struct text *t, const struct manifest *m)
{
	size_t i;
	put(t, "\n## %s (`%s`)\n\n", m->title, m->id);
	put(t, "Matches version %u.%u, builds ", m->ver_major, m->ver_minor);
	builds(t, m);
	put(t, ", product type %s", manifest_product_name(m->product));
	if (m->product_name)
		put(t, ", ProductName starting \"%s\"", m->product_name);
	put(t, ". Requirement `%s`. Checked against the sources on %s.\n\n", manifest_requirement_name(m->requirement),
	    m->checked);
	put(t, "| fact | value | confidence | sources |\n|---|---|---|---|\n");
	put(t, "| row | %s", m->requirement == MANIFEST_NATIVE      ? "every build matched supports ACS"
	                     : m->requirement == MANIFEST_NO_UPDATE ? "no update exists; only an upgrade fixes it"
	                     : m->requirement == MANIFEST_BUILD_UBR ? "needs a build at or above a UBR"
	                                                            : "needs one of a set of KB updates");
	sources_of(t, m, &m->basis[MANIFEST_FACT_ROW]);
	if (m->requirement == MANIFEST_BUILD_UBR) {
		put(t, "| threshold | UBR %u: %s (%s) or any later cumulative update", (unsigned)m->min_ubr, m->fix_kb,
		    m->fix_date);
		sources_of(t, m, &m->basis[MANIFEST_FACT_THRESHOLD]);
	}
	for (i = 0; i < m->nalso; i++) {
		put(t, "| also-fixed-by | %s gives %u.%u (%s)", m->also[i].kb, (unsigned)m->also[i].build,
		    (unsigned)m->also[i].ubr, m->also[i].date);
		sources_of(t, m, &m->basis[MANIFEST_FACT_ALSO]);
	}
	if (m->has_warn_below) {
		put(t, "| warn-below | below UBR %u a warning names %s, never \"missing\"", (unsigned)m->warn_below_ubr,
		    m->warn_kb);
		sources_of(t, m, &m->basis[MANIFEST_FACT_WARN]);
	}
	if (m->requirement == MANIFEST_LEGACY_KB) {
		put(t, "| oct2021 | %s (monthly rollup), %s (security-only update), 2021-10-12", m->rollup_oct2021,
		    m->security_only_oct2021);
		sources_of(t, m, &m->basis[MANIFEST_FACT_OCT2021]);
	}
	for (i = 0; i < m->nrollups; i++) {
		const struct manifest_rollup *r = &m->rollups[i];
		put(t, "| rollup | %s %s%s", r->kb, r->date,
		    r->oob ? ": out-of-band, listed to be named, never meets the requirement alone" : "");
		sources_of(t, m, manifest_rollup_basis(m, r));
	}
	for (i = 0; i < m->nprereqs; i++) {
		const struct manifest_prereq *q = &m->prereqs[i];
		put(t, "| prerequisite | %s ", q->kb);
		cell(t, q->text);
		if (q->check == MANIFEST_PREREQ_BUILD)
			put(t, " (checked: build %u or later)", (unsigned)q->min_build);
		else
			put(t, " (%s)", q->check == MANIFEST_PREREQ_INSTALLED ? "checked: installed" : "not checked");
		sources_of(t, m, &m->basis[MANIFEST_FACT_PREREQS]);
	}
	put(t, "\nSources:\n\n");
	for (i = 0; i < m->nsrcs; i++) {
		put(t, "- `%s` (%s): ", m->srcs[i].tag, manifest_source_kind_name(m->srcs[i].kind));
		cell(t, m->srcs[i].text);
		put(t, "\n");
	}
	if (m->notes.n) {
		put(t, "\nNotes:\n\n");
		for (i = 0; i < m->notes.n; i++)
			put(t, "- %s\n", m->notes.v[i]);
	}
}

int cmd_facts(int argc, char **argv)
{
	struct manifest_set set;
	struct text t;
	const char *dir = "manifests", *out = NULL;
	size_t i;
	int bad, rc = EXIT_OK;
	if (parse_args(argc, argv, &dir, &out, 1))
		return EXIT_USAGE;
	bad = load(dir, &set);
	if (bad)
		return bad < 0 ? EXIT_IO : EXIT_KIT_INVALID;
	memset(&t, 0, sizeof t);
	put(&t, "# The facts behind the manifests\n\n"
	        "<!-- Generated by `acskit-build facts -o docs/facts.md` from manifests/; do not edit. "
	        "make check fails when this file differs from what the manifests say. -->\n\n"
	        "Every row of the readiness table that a kit carries, every KB it names, and for each\n"
	        "fact the sources it rests on and how sure they make it (docs/kit-format.md, section 3):\n\n"
	        "- **confirmed**: a Microsoft document says it;\n"
	        "- **single-source**: one other party says it (a vendor's notice), Microsoft does not;\n"
	        "- **inferred**: no document says it; the `inference` source says how it was reasoned.\n\n"
	        "A check verdict that rests on a fact below confirmed says so in its text and JSON\n"
	        "(`update.confidence`, `update.basis`). Out-of-band updates are listed so that a report\n"
	        "can name them; they never meet the requirement on their own.\n\n"
	        "| manifest | Windows | version | builds | product | requirement | row |\n"
	        "|---|---|---|---|---|---|---|\n");
	for (i = 0; i < set.n; i++) {
		const struct manifest *m = set.v[i];
		put(&t, "| [`%s`](#", m->id);
		/* GitHub's anchor for "## <title> (`id`)" is hard to predict; link by id instead. */
		put(&t, "%s) | %s | %u.%u | ", m->id, m->title, m->ver_major, m->ver_minor);
		builds(&t, m);
		put(&t, " | %s%s | %s | %s |\n", manifest_product_name(m->product), m->product_name ? " (by name)" : "",
		    manifest_requirement_name(m->requirement), manifest_confidence_name(m->basis[MANIFEST_FACT_ROW].confidence));
	}
	for (i = 0; i < set.n; i++) {
		put(&t, "\n<a id=\"%s\"></a>\n", set.v[i]->id);
		one(&t, set.v[i]);
	}
	manifest_set_free(&set);
	if (t.oom) {
		complain("out of memory");
		free(t.p);
		return EXIT_INTERNAL;
	}
	if (!out) {
		say("%s", t.p);
	} else {
		/* Write beside the target, then rename: a reader never sees half a file. */
		char tmp[4096];
		plat_file *f;
		int e;
		if (snprintf(tmp, sizeof tmp, "%s.tmp", out) >= (int)sizeof tmp) {
			complain("-o: path too long");
			free(t.p);
			return EXIT_USAGE;
		}
		(void)plat_remove(tmp);
		e = plat_open(tmp, PLAT_CREATE_NEW, &f);
		if (!e) {
			int c;
			e = plat_write(f, t.p, t.n);
			c = plat_close(f);
			if (!e)
				e = c;
			if (!e)
				e = plat_rename_replace(tmp, out);
		}
		if (e) {
			(void)plat_remove(tmp);
			complain("cannot write %s: %s", out, plat_strerror(e));
			rc = EXIT_IO;
		}
	}
	free(t.p);
	return rc;
}
