/* manifest.c against golden files and a corpus of bad manifests.
 *
 *   test_manifest MANIFEST_DIR GOLDEN_DIR BAD_DIR [--update]
 *
 * Every MANIFEST_DIR/<id>.manifest is parsed and dumped in a canonical form (one
 * field a line, fixed order, nothing dropped); the dump must equal
 * GOLDEN_DIR/<id>.txt byte for byte (--update writes the golden files; review
 * the diff). Every file in BAD_DIR/cases.tsv must be refused at its line. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit.h"
#include "manifest.h"
#include "t.h"

struct buf {
	char *p;
	size_t n, cap;
};

static void put(struct buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#include <stdarg.h>
static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int w;
	for (;;) {
		va_start(ap, fmt);
		w = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
		if (w >= 0 && (size_t)w < b->cap - b->n)
			break;
		b->cap = b->cap * 2 + (size_t)w + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	b->n += (size_t)w;
}

static void dump_basis(struct buf *b, const struct manifest *m, const struct manifest_basis *ba)
{
	size_t i;
	put(b, " %s", manifest_confidence_name(ba->confidence));
	for (i = 0; i < ba->nsrc; i++)
		put(b, "%s%s", i ? "," : " ", m->srcs[ba->src[i]].tag);
}

static void dump(const struct manifest *m, struct buf *b)
{
	size_t i;
	put(b, "id=%s\ntitle=%s\nmatch=%u.%u", m->id, m->title, m->ver_major, m->ver_minor);
	for (i = 0; i < m->nranges; i++) {
		if (m->ranges[i].hi == UINT32_MAX)
			put(b, " %u+", (unsigned)m->ranges[i].lo);
		else
			put(b, " %u-%u", (unsigned)m->ranges[i].lo, (unsigned)m->ranges[i].hi);
	}
	put(b, " %s\n", manifest_product_name(m->product));
	if (m->product_name)
		put(b, "product-name=%s\n", m->product_name);
	put(b, "requirement=%s\n", manifest_requirement_name(m->requirement));
	if (m->has_min_ubr)
		put(b, "min-ubr=%u\n", (unsigned)m->min_ubr);
	if (m->fix_kb[0])
		put(b, "fix=%s %s\n", m->fix_kb, m->fix_date);
	for (i = 0; i < m->nalso; i++)
		put(b, "also=%s %u.%u %s\n", m->also[i].kb, (unsigned)m->also[i].build, (unsigned)m->also[i].ubr,
		    m->also[i].date);
	if (m->has_warn_below)
		put(b, "warn-below=%u %s\n", (unsigned)m->warn_below_ubr, m->warn_kb);
	if (m->rollup_oct2021[0])
		put(b, "rollup-oct2021=%s\nsecurity-only-oct2021=%s\n", m->rollup_oct2021, m->security_only_oct2021);
	for (i = 0; i < m->nrollups; i++) {
		put(b, "rollup[%u]=%s %s%s", (unsigned)i, m->rollups[i].kb, m->rollups[i].date,
		    m->rollups[i].oob ? " oob" : "");
		if (m->rollups[i].basis.set)
			dump_basis(b, m, &m->rollups[i].basis);
		put(b, "\n");
	}
	for (i = 0; i < m->nprereqs; i++) {
		const struct manifest_prereq *q = &m->prereqs[i];
		put(b, "prerequisite=%s ", q->kb);
		if (q->check == MANIFEST_PREREQ_BUILD)
			put(b, "build>=%u", (unsigned)q->min_build);
		else
			put(b, "%s", q->check == MANIFEST_PREREQ_INSTALLED ? "installed" : "unchecked");
		put(b, " %s\n", q->text);
	}
	for (i = 0; i < m->nsrcs; i++)
		put(b, "source=%s %s %s\n", m->srcs[i].tag, manifest_source_kind_name(m->srcs[i].kind), m->srcs[i].text);
	for (i = 0; i < MANIFEST_FACT_COUNT; i++)
		if (m->basis[i].set) {
			put(b, "basis=%s", manifest_fact_name((enum manifest_fact)i));
			dump_basis(b, m, &m->basis[i]);
			put(b, "\n");
		}
	put(b, "checked=%s\n", m->checked);
	for (i = 0; i < m->notes.n; i++)
		put(b, "note=%s\n", m->notes.v[i]);
	for (i = 0; i < m->advice.n; i++)
		put(b, "advice=%s\n", m->advice.v[i]);
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void golden(const char *dir, const char *gold, int update)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *names[256];
	size_t n = 0, i;
	struct manifest_set set;
	char msg[300];

	memset(&set, 0, sizeof set);
	CHECK(d != NULL, "open %s", dir);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL && n < 256)
		if (strlen(de->d_name) > 9 && !strcmp(de->d_name + strlen(de->d_name) - 9, ".manifest"))
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, cmpstr);
	CHECK(n >= 22, "%u manifests found (every row of the readiness table)", (unsigned)n);
	for (i = 0; i < n; i++) {
		char path[1024], gpath[1024];
		size_t len, glen;
		char *text, *want;
		struct manifest *m;
		struct manifest_error err;
		struct buf b = {NULL, 0, 0};
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		snprintf(gpath, sizeof gpath, "%s/%.*s.txt", gold, (int)(strlen(names[i]) - 9), names[i]);
		text = (char *)t_slurp(path, &len);
		if (!text || manifest_parse(text, len, &m, &err) != 0) {
			CHECK(0, "%s parses: line %u: %s", names[i], err.line, err.msg);
			free(text);
			continue;
		}
		free(text);
		CHECK(strlen(m->id) == strlen(names[i]) - 9 && !strncmp(m->id, names[i], strlen(m->id)),
		      "%s: id matches the file name", names[i]);
		dump(m, &b);
		if (update) {
			FILE *f = fopen(gpath, "wb");
			if (f) {
				fwrite(b.p, 1, b.n, f);
				fclose(f);
			}
		}
		want = (char *)t_slurp(gpath, &glen);
		CHECK(want && glen == b.n && !memcmp(want, b.p, b.n), "%s matches %s", names[i], gpath);
		free(want);
		free(b.p);
		manifest_set_add(&set, m);
	}
	CHECK(manifest_set_check(&set, msg, sizeof msg) == 0, "no two manifests overlap: %s",
	      set.n ? msg : "(none)");
	manifest_set_free(&set);
	for (i = 0; i < n; i++)
		free(names[i]);
}

static void bad(const char *dir)
{
	char path[1024], line[512];
	FILE *f;
	unsigned count = 0;
	snprintf(path, sizeof path, "%s/cases.tsv", dir);
	f = fopen(path, "rb");
	CHECK(f != NULL, "open %s", path);
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char *tab = strchr(line, '\t'), *text, *end;
		unsigned long want;
		size_t len;
		struct manifest *m;
		struct manifest_error err;
		if (!tab)
			continue;
		*tab = '\0';
		want = strtoul(tab + 1, &end, 10);
		snprintf(path, sizeof path, "%s/%s", dir, line);
		text = (char *)t_slurp(path, &len);
		if (!text) {
			CHECK(0, "read %s", path);
			continue;
		}
		count++;
		if (manifest_parse(text, len, &m, &err) == 0) {
			/* The id/file-name rule belongs to the kit (the parser sees no
			 * name): check it here as the builder and the runner do. */
			size_t stem = strlen(line) - 9;
			CHECK(strlen(m->id) != stem || strncmp(m->id, line, stem) != 0,
			      "%s is refused (parsed; refused only if its id differs from its name)", line);
			manifest_free(m);
		} else {
			CHECK(err.line == want, "%s refused at line %lu: line %u: %s", line, want, err.line, err.msg);
		}
		free(text);
	}
	fclose(f);
	CHECK(count >= 30, "%u bad manifests tried", count);
}

static void matching(void)
{
	static const char text[] =
		"format: acskit-manifest 2\nid: t\ntitle: T\nmatch-version: 10.0\nmatch-build: 100, 200-300, 400+\n"
		"match-product: server\nrequirement: native\nsource: s microsoft S\nbasis: row confirmed s\n"
		"checked: 2026-01-01\nadvice: a\n";
	struct manifest *m;
	struct manifest_error err;
	CHECK(manifest_parse(text, sizeof text - 1, &m, &err) == 0, "matching manifest parses: %s", err.msg);
	if (!m)
		return;
	CHECK(manifest_matches(m, 10, 0, 100, 3, NULL) && manifest_matches(m, 10, 0, 100, 2, NULL), "server and DC match");
	CHECK(!manifest_matches(m, 10, 0, 100, 1, NULL), "workstation does not match a server manifest");
	CHECK(manifest_matches(m, 10, 0, 250, 3, NULL) && manifest_matches(m, 10, 0, 300, 3, NULL), "range inclusive");
	CHECK(!manifest_matches(m, 10, 0, 301, 3, NULL) && !manifest_matches(m, 10, 0, 399, 3, NULL), "gap");
	CHECK(manifest_matches(m, 10, 0, 99999, 3, NULL), "N+ open");
	CHECK(!manifest_matches(m, 6, 3, 100, 3, NULL), "other version");
	manifest_free(m);
}

/* Two manifests with one id (a kit cannot carry them: the id is the file
 * name; the set refuses them anyway), and the words of the enums. */
static void set_and_words(void)
{
	static const char text[] =
		"format: acskit-manifest 2\nid: t\ntitle: T\nmatch-version: 10.0\nmatch-build: 100\n"
		"match-product: server\nrequirement: native\nsource: s microsoft S\nbasis: row confirmed s\n"
		"checked: 2026-01-01\nadvice: a\n";
	static const char other[] =
		"format: acskit-manifest 2\nid: t\ntitle: T\nmatch-version: 6.1\nmatch-build: 7601\n"
		"match-product: workstation\nrequirement: no-update\nsource: g inference G\nbasis: row inferred g\n"
		"checked: 2026-01-01\nadvice: a\n";
	struct manifest_set set;
	struct manifest *a = NULL, *b = NULL;
	struct manifest_error err;
	char msg[200] = "";
	memset(&set, 0, sizeof set);
	CHECK(manifest_parse(text, sizeof text - 1, &a, &err) == 0 && manifest_parse(other, sizeof other - 1, &b, &err) == 0,
	      "two manifests with the id t parse: %s", err.msg);
	if (!a || !b) {
		manifest_free(a);
		manifest_free(b);
		return;
	}
	CHECK(manifest_set_add(&set, a) == 0 && manifest_set_add(&set, b) == 0, "and go into one set");
	CHECK(manifest_set_check(&set, msg, sizeof msg) != 0 && strstr(msg, "two manifests have the id 't'"),
	      "the set refuses them: %s", msg);
	manifest_set_free(&set);
	{
		/* Each architecture a package line may name: x64, x86 and arm64. */
		static const char pk[] =
			"format: acskit-manifest 2\nid: p\ntitle: P\nmatch-version: 10.0\nmatch-build: 17763\n"
			"match-product: any\nrequirement: build-ubr\nmin-ubr: 2210\nfix: KB5005625 2021-09-21\n"
			"source: s microsoft S\nbasis: row confirmed s\nbasis: threshold confirmed s\n"
			"checked: 2026-01-01\nadvice: a\n"
			"package: x64 KB5005625 payload/a-x64.msu\npackage: x86 KB5005625 payload/a-x86.msu\n"
			"package: arm64 KB5005625 payload/a-arm64.msu\n";
		struct manifest *m = NULL;
		CHECK(manifest_parse(pk, sizeof pk - 1, &m, &err) == 0 && m && m->npackages == 3 &&
		          !strcmp(m->packages[2].arch, "arm64"),
		      "x64, x86 and arm64 packages parse: %s", err.msg);
		manifest_free(m);
	}
	CHECK(!strcmp(manifest_requirement_name(MANIFEST_NO_UPDATE), "no-update") &&
	          !strcmp(manifest_requirement_name((enum manifest_requirement)99), "?"),
	      "requirement words, and an unknown value");
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: test_manifest MANIFEST_DIR GOLDEN_DIR BAD_DIR [--update]\n");
		return 2;
	}
	golden(argv[1], argv[2], argc > 4 && !strcmp(argv[4], "--update"));
	bad(argv[3]);
	matching();
	set_and_words();
	return t_done();
}
