#include "manifest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "timeutil.h"

/* A value as it sits in the buffer: not NUL-terminated. */
struct span {
	const char *p;
	size_t n;
};

struct parser {
	struct manifest *m;
	struct manifest_error *err;
	unsigned line;
	/* Line of each single-valued field seen (0 = not seen), for duplicate and
	 * cross-field errors. */
	unsigned seen[32];
};

static int fail(struct parser *ps, unsigned line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int fail(struct parser *ps, unsigned line, const char *fmt, ...)
{
	va_list ap;
	ps->err->line = line;
	va_start(ap, fmt);
	(void)vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

static char *dup_span(struct span v)
{
	char *s = malloc(v.n + 1);
	if (s) {
		memcpy(s, v.p, v.n);
		s[v.n] = '\0';
	}
	return s;
}

static int eq(struct span v, const char *lit)
{
	size_t n = strlen(lit);
	return v.n == n && memcmp(v.p, lit, n) == 0;
}

/* Splits v at the first space: head gets the part before, v the rest (or empty). */
static struct span next_word(struct span *v)
{
	struct span w = *v;
	const char *sp = memchr(v->p, ' ', v->n);
	if (sp) {
		w.n = (size_t)(sp - v->p);
		v->p = sp + 1;
		v->n -= w.n + 1;
	} else {
		v->p += v->n;
		v->n = 0;
	}
	return w;
}

static int push_string(struct manifest_strings *s, struct span v)
{
	char **nv = realloc(s->v, (s->n + 1) * sizeof *nv);
	if (!nv)
		return -1;
	s->v = nv;
	s->v[s->n] = dup_span(v);
	if (!s->v[s->n])
		return -1;
	s->n++;
	return 0;
}

static int parse_kb(struct parser *ps, struct span v, char out[10], const char *what)
{
	if (!text_is_kb(v.p, v.n))
		return fail(ps, ps->line, "%s: expected KB and 6 or 7 digits", what);
	memcpy(out, v.p, v.n);
	out[v.n] = '\0';
	return 0;
}

static int parse_date(struct parser *ps, struct span v, char out[11], const char *what)
{
	int y, m, d;
	char tmp[11];
	if (v.n != 10)
		return fail(ps, ps->line, "%s: expected a date YYYY-MM-DD", what);
	memcpy(tmp, v.p, 10);
	tmp[10] = '\0';
	if (time_parse_date(tmp, &y, &m, &d) != 0)
		return fail(ps, ps->line, "%s: '%s' is not a real date YYYY-MM-DD", what, tmp);
	memcpy(out, tmp, 11);
	return 0;
}

static int parse_num(struct parser *ps, struct span v, uint64_t max, uint64_t *out, const char *what)
{
	if (text_parse_u64(v.p, v.n, max, out) != 0)
		return fail(ps, ps->line, "%s: expected a number from 0 to %llu without leading zeros",
		            what, (unsigned long long)max);
	return 0;
}

static int parse_version(struct parser *ps, struct span v)
{
	const char *dot = memchr(v.p, '.', v.n);
	uint64_t a, b;
	struct span l, r;
	if (!dot)
		return fail(ps, ps->line, "match-version: expected major.minor, e.g. 10.0");
	l.p = v.p;
	l.n = (size_t)(dot - v.p);
	r.p = dot + 1;
	r.n = v.n - l.n - 1;
	if (text_parse_u64(l.p, l.n, 99, &a) || text_parse_u64(r.p, r.n, 99, &b))
		return fail(ps, ps->line, "match-version: expected major.minor, e.g. 10.0");
	ps->m->ver_major = (unsigned)a;
	ps->m->ver_minor = (unsigned)b;
	return 0;
}

static int parse_builds(struct parser *ps, struct span v)
{
	struct manifest *m = ps->m;
	while (v.n > 0) {
		const char *comma = memchr(v.p, ',', v.n);
		struct span item = v;
		uint64_t lo, hi;
		const char *dash;
		if (comma) {
			item.n = (size_t)(comma - v.p);
			if (v.n - item.n < 3 || comma[1] != ' ')
				return fail(ps, ps->line, "match-build: items are separated by a comma and one space");
			v.p = comma + 2;
			v.n -= item.n + 2;
		} else {
			v.n = 0;
		}
		if (m->nranges == MANIFEST_MAX_RANGES)
			return fail(ps, ps->line, "match-build: more than %d items", MANIFEST_MAX_RANGES);
		dash = memchr(item.p, '-', item.n);
		if (item.n > 1 && item.p[item.n - 1] == '+') {
			if (text_parse_u64(item.p, item.n - 1, MANIFEST_BUILD_MAX, &lo))
				return fail(ps, ps->line, "match-build: bad build in '%.*s'", (int)item.n, item.p);
			hi = UINT32_MAX;
		} else if (dash) {
			size_t ln = (size_t)(dash - item.p);
			if (text_parse_u64(item.p, ln, MANIFEST_BUILD_MAX, &lo) ||
			    text_parse_u64(dash + 1, item.n - ln - 1, MANIFEST_BUILD_MAX, &hi))
				return fail(ps, ps->line, "match-build: bad range '%.*s'", (int)item.n, item.p);
			if (hi <= lo)
				return fail(ps, ps->line, "match-build: range '%.*s' does not ascend", (int)item.n, item.p);
		} else {
			if (text_parse_u64(item.p, item.n, MANIFEST_BUILD_MAX, &lo))
				return fail(ps, ps->line, "match-build: bad build '%.*s' (0 to 99999)", (int)item.n,
				            item.p);
			hi = lo;
		}
		/* Ascending and disjoint, so that the list reads one way only. */
		if (m->nranges > 0 && lo <= m->ranges[m->nranges - 1].hi)
			return fail(ps, ps->line, "match-build: items must ascend without overlap");
		m->ranges[m->nranges].lo = (uint32_t)lo;
		m->ranges[m->nranges].hi = (uint32_t)hi;
		m->nranges++;
	}
	return 0;
}

enum field {
	F_FORMAT, F_ID, F_TITLE, F_VERSION, F_BUILD, F_PRODUCT, F_REQUIREMENT, F_MIN_UBR, F_FIX,
	F_ALSO, F_WARN, F_ROLLUP_OCT, F_SECONLY_OCT, F_ROLLUP, F_PREREQ, F_SOURCE, F_CHECKED,
	F_NOTE, F_ADVICE, F_PACKAGE, F_PRODUCT_NAME, F_BASIS, F_COUNT
};

static const struct {
	const char *key;
	int repeat;
} fields[F_COUNT] = {
	{"format", 0}, {"id", 0}, {"title", 0}, {"match-version", 0}, {"match-build", 0},
	{"match-product", 0}, {"requirement", 0}, {"min-ubr", 0}, {"fix", 0},
	{"also-fixed-by", 1}, {"warn-below-ubr", 0}, {"rollup-oct2021", 0},
	{"security-only-oct2021", 0}, {"rollup", 1}, {"prerequisite", 1}, {"source", 1},
	{"checked", 0}, {"note", 1}, {"advice", 1}, {"package", 1}, {"match-product-name", 0},
	{"basis", 1},
};

/* A source tag: [a-z0-9-]+, at most MANIFEST_TAG_MAX characters. */
static int is_tag(struct span v)
{
	size_t i;
	if (v.n == 0 || v.n > MANIFEST_TAG_MAX)
		return 0;
	for (i = 0; i < v.n; i++)
		if (!((v.p[i] >= 'a' && v.p[i] <= 'z') || (v.p[i] >= '0' && v.p[i] <= '9') || v.p[i] == '-'))
			return 0;
	return 1;
}

/* "<confidence> <tag>[,<tag>]...": the tags must be sources already given
 * (sources come first, so that a reader meets what a basis cites). */
static int parse_basis(struct parser *ps, struct span v, struct manifest_basis *b, const char *what)
{
	struct manifest *m = ps->m;
	struct span c = next_word(&v);
	memset(b, 0, sizeof *b);
	if (eq(c, "confirmed"))
		b->confidence = MANIFEST_CONFIRMED;
	else if (eq(c, "single-source"))
		b->confidence = MANIFEST_SINGLE_SOURCE;
	else if (eq(c, "inferred"))
		b->confidence = MANIFEST_INFERRED;
	else
		return fail(ps, ps->line, "%s: expected confirmed, single-source or inferred, then source tags", what);
	if (v.n == 0)
		return fail(ps, ps->line, "%s: expected source tags after the confidence", what);
	while (v.n > 0) {
		const char *comma = memchr(v.p, ',', v.n);
		struct span t = v;
		size_t i;
		if (comma) {
			t.n = (size_t)(comma - v.p);
			v.p = comma + 1;
			v.n -= t.n + 1;
			if (v.n == 0)
				return fail(ps, ps->line, "%s: a tag list ends with a comma", what);
		} else {
			v.n = 0;
		}
		if (!is_tag(t))
			return fail(ps, ps->line, "%s: bad source tag '%.*s'", what, (int)t.n, t.p);
		for (i = 0; i < m->nsrcs; i++)
			if (strlen(m->srcs[i].tag) == t.n && !memcmp(m->srcs[i].tag, t.p, t.n))
				break;
		if (i == m->nsrcs)
			return fail(ps, ps->line, "%s: source '%.*s' is not given above", what, (int)t.n, t.p);
		if (b->nsrc == MANIFEST_BASIS_MAX)
			return fail(ps, ps->line, "%s: more than %d sources", what, MANIFEST_BASIS_MAX);
		b->src[b->nsrc++] = i;
	}
	b->set = 1;
	b->line = ps->line;
	return 0;
}

static int field_value(struct parser *ps, enum field f, struct span v)
{
	struct manifest *m = ps->m;
	uint64_t n;
	switch (f) {
	case F_FORMAT:
		if (eq(v, "acskit-manifest 1"))
			return fail(ps, ps->line, "format: acskit-manifest 1 is the older format without a source and "
			            "confidence per fact; rebuild the kit with a current acskit-build");
		if (!eq(v, "acskit-manifest 2"))
			return fail(ps, ps->line, "format: expected 'acskit-manifest 2'");
		return 0;
	case F_ID: {
		size_t i;
		if (v.n > MANIFEST_ID_MAX)
			return fail(ps, ps->line, "id: longer than %d characters", MANIFEST_ID_MAX);
		for (i = 0; i < v.n; i++) {
			char c = v.p[i];
			int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
			if (!ok)
				return fail(ps, ps->line, "id: only a-z, 0-9 and '-' (not first) are allowed");
		}
		memcpy(m->id, v.p, v.n);
		m->id[v.n] = '\0';
		return 0;
	}
	case F_TITLE:
		m->title = dup_span(v);
		return m->title ? 0 : fail(ps, ps->line, "out of memory");
	case F_VERSION:
		return parse_version(ps, v);
	case F_BUILD:
		return parse_builds(ps, v);
	case F_PRODUCT:
		if (eq(v, "workstation"))
			m->product = MANIFEST_WORKSTATION;
		else if (eq(v, "server"))
			m->product = MANIFEST_SERVER;
		else if (eq(v, "any"))
			m->product = MANIFEST_ANY;
		else
			return fail(ps, ps->line, "match-product: expected workstation, server or any");
		return 0;
	case F_REQUIREMENT:
		if (eq(v, "native"))
			m->requirement = MANIFEST_NATIVE;
		else if (eq(v, "build-ubr"))
			m->requirement = MANIFEST_BUILD_UBR;
		else if (eq(v, "legacy-kb"))
			m->requirement = MANIFEST_LEGACY_KB;
		else if (eq(v, "no-update"))
			m->requirement = MANIFEST_NO_UPDATE;
		else
			return fail(ps, ps->line, "requirement: expected native, build-ubr, legacy-kb or no-update");
		return 0;
	case F_MIN_UBR:
		if (parse_num(ps, v, 999999, &n, "min-ubr"))
			return -1;
		m->has_min_ubr = 1;
		m->min_ubr = (uint32_t)n;
		return 0;
	case F_FIX: {
		struct span kb = next_word(&v);
		if (parse_kb(ps, kb, m->fix_kb, "fix"))
			return -1;
		return parse_date(ps, v, m->fix_date, "fix");
	}
	case F_ALSO: {
		struct span kb = next_word(&v), bu = next_word(&v);
		struct manifest_also a, *na;
		const char *dot = memchr(bu.p, '.', bu.n);
		uint64_t b, u;
		memset(&a, 0, sizeof a);
		if (parse_kb(ps, kb, a.kb, "also-fixed-by"))
			return -1;
		if (!dot || text_parse_u64(bu.p, (size_t)(dot - bu.p), MANIFEST_BUILD_MAX, &b) ||
		    text_parse_u64(dot + 1, bu.n - (size_t)(dot - bu.p) - 1, 999999, &u))
			return fail(ps, ps->line, "also-fixed-by: expected KB, build.ubr and date");
		if (parse_date(ps, v, a.date, "also-fixed-by"))
			return -1;
		a.build = (uint32_t)b;
		a.ubr = (uint32_t)u;
		na = realloc(m->also, (m->nalso + 1) * sizeof *na);
		if (!na)
			return fail(ps, ps->line, "out of memory");
		m->also = na;
		m->also[m->nalso++] = a;
		return 0;
	}
	case F_WARN: {
		struct span num = next_word(&v);
		if (parse_num(ps, num, 999999, &n, "warn-below-ubr"))
			return -1;
		if (parse_kb(ps, v, m->warn_kb, "warn-below-ubr"))
			return -1;
		m->has_warn_below = 1;
		m->warn_below_ubr = (uint32_t)n;
		return 0;
	}
	case F_ROLLUP_OCT:
		return parse_kb(ps, v, m->rollup_oct2021, "rollup-oct2021");
	case F_SECONLY_OCT:
		return parse_kb(ps, v, m->security_only_oct2021, "security-only-oct2021");
	case F_ROLLUP: {
		/* KBnnnnnnn YYYY-MM-DD [oob] [<confidence> <tags>] */
		struct span kb = next_word(&v), date = next_word(&v), rest = v, w = next_word(&v);
		struct manifest_rollup r, *nr;
		memset(&r, 0, sizeof r);
		r.line = ps->line;
		if (parse_kb(ps, kb, r.kb, "rollup"))
			return -1;
		if (parse_date(ps, date, r.date, "rollup"))
			return -1;
		if (eq(w, "oob")) {
			r.oob = 1;
			rest = v;
		}
		if (rest.n > 0 && parse_basis(ps, rest, &r.basis, "rollup"))
			return -1;
		nr = realloc(m->rollups, (m->nrollups + 1) * sizeof *nr);
		if (!nr)
			return fail(ps, ps->line, "out of memory");
		m->rollups = nr;
		m->rollups[m->nrollups++] = r;
		return 0;
	}
	case F_PREREQ: {
		/* KBnnnnnnn <check> <text>: check is build-N, installed or unchecked. */
		struct span kb = next_word(&v), check = next_word(&v);
		struct manifest_prereq p, *np;
		memset(&p, 0, sizeof p);
		p.line = ps->line;
		if (parse_kb(ps, kb, p.kb, "prerequisite"))
			return -1;
		if (eq(check, "installed")) {
			p.check = MANIFEST_PREREQ_INSTALLED;
		} else if (eq(check, "unchecked")) {
			p.check = MANIFEST_PREREQ_UNCHECKED;
		} else if (check.n > 6 && !memcmp(check.p, "build-", 6)) {
			if (text_parse_u64(check.p + 6, check.n - 6, MANIFEST_BUILD_MAX, &n))
				return fail(ps, ps->line, "prerequisite: bad build in '%.*s'", (int)check.n, check.p);
			p.check = MANIFEST_PREREQ_BUILD;
			p.min_build = (uint32_t)n;
		} else {
			return fail(ps, ps->line, "prerequisite: expected KB, then build-N, installed or unchecked, "
			            "then a description");
		}
		if (v.n == 0)
			return fail(ps, ps->line, "prerequisite: expected KB, how it is checked, and a description");
		if (m->nprereqs == MANIFEST_MAX_PREREQS)
			return fail(ps, ps->line, "prerequisite: more than %d in one manifest", MANIFEST_MAX_PREREQS);
		p.text = dup_span(v);
		if (!p.text)
			return fail(ps, ps->line, "out of memory");
		np = realloc(m->prereqs, (m->nprereqs + 1) * sizeof *np);
		if (!np) {
			free(p.text);
			return fail(ps, ps->line, "out of memory");
		}
		m->prereqs = np;
		m->prereqs[m->nprereqs++] = p;
		return 0;
	}
	case F_PACKAGE: {
		struct span arch = next_word(&v), kb = next_word(&v);
		struct manifest_package p, *np;
		size_t i;
		memset(&p, 0, sizeof p);
		if (!eq(arch, "x64") && !eq(arch, "x86") && !eq(arch, "arm64"))
			return fail(ps, ps->line, "package: expected x64, x86 or arm64, then a KB and an entry name");
		memcpy(p.arch, arch.p, arch.n);
		if (parse_kb(ps, kb, p.kb, "package"))
			return -1;
		if (v.n <= 8 || memcmp(v.p, "payload/", 8) != 0 || memchr(v.p, ' ', v.n))
			return fail(ps, ps->line, "package: the file is named as payload/<name>");
		for (i = 0; i < v.n; i++)
			if (!((v.p[i] >= 'a' && v.p[i] <= 'z') || (v.p[i] >= 'A' && v.p[i] <= 'Z') ||
			      (v.p[i] >= '0' && v.p[i] <= '9') || v.p[i] == '.' || v.p[i] == '_' || v.p[i] == '-' ||
			      v.p[i] == '/'))
				return fail(ps, ps->line, "package: the entry name holds a character a kit does not allow");
		p.entry = dup_span(v);
		if (!p.entry)
			return fail(ps, ps->line, "out of memory");
		np = realloc(m->packages, (m->npackages + 1) * sizeof *np);
		if (!np) {
			free(p.entry);
			return fail(ps, ps->line, "out of memory");
		}
		m->packages = np;
		m->packages[m->npackages++] = p;
		return 0;
	}
	case F_SOURCE: {
		/* <tag> microsoft|other|inference <text> */
		struct span tag = next_word(&v), kind = next_word(&v);
		struct manifest_source src, *ns;
		size_t i;
		memset(&src, 0, sizeof src);
		if (!is_tag(tag))
			return fail(ps, ps->line, "source: expected a tag ([a-z0-9-], at most %d), a kind and a text",
			            MANIFEST_TAG_MAX);
		for (i = 0; i < m->nsrcs; i++)
			if (strlen(m->srcs[i].tag) == tag.n && !memcmp(m->srcs[i].tag, tag.p, tag.n))
				return fail(ps, ps->line, "source: tag '%.*s' given twice", (int)tag.n, tag.p);
		if (eq(kind, "microsoft"))
			src.kind = MANIFEST_SRC_MICROSOFT;
		else if (eq(kind, "other"))
			src.kind = MANIFEST_SRC_OTHER;
		else if (eq(kind, "inference"))
			src.kind = MANIFEST_SRC_INFERENCE;
		else
			return fail(ps, ps->line, "source: the kind is microsoft, other or inference");
		if (v.n == 0)
			return fail(ps, ps->line, "source: expected a text after the kind");
		memcpy(src.tag, tag.p, tag.n);
		src.line = ps->line;
		src.text = dup_span(v);
		if (!src.text)
			return fail(ps, ps->line, "out of memory");
		ns = realloc(m->srcs, (m->nsrcs + 1) * sizeof *ns);
		if (!ns) {
			free(src.text);
			return fail(ps, ps->line, "out of memory");
		}
		m->srcs = ns;
		m->srcs[m->nsrcs++] = src;
		return 0;
	}
	case F_PRODUCT_NAME:
		m->product_name = dup_span(v);
		return m->product_name ? 0 : fail(ps, ps->line, "out of memory");
	case F_BASIS: {
		struct span fact = next_word(&v);
		size_t i;
		for (i = 0; i < MANIFEST_FACT_COUNT; i++)
			if (eq(fact, manifest_fact_name((enum manifest_fact)i)))
				break;
		if (i == MANIFEST_FACT_COUNT)
			return fail(ps, ps->line, "basis: expected row, threshold, also-fixed-by, warn-below, oct2021, "
			            "rollups or prerequisites");
		if (m->basis[i].set)
			return fail(ps, ps->line, "basis: '%s' given twice", manifest_fact_name((enum manifest_fact)i));
		return parse_basis(ps, v, &m->basis[i], "basis");
	}
	case F_CHECKED:
		return parse_date(ps, v, m->checked, "checked");
	case F_NOTE:
		return push_string(&m->notes, v) ? fail(ps, ps->line, "out of memory") : 0;
	case F_ADVICE:
		return push_string(&m->advice, v) ? fail(ps, ps->line, "out of memory") : 0;
	case F_COUNT:
		break;
	}
	return fail(ps, ps->line, "internal error");
}

static int parse_line(struct parser *ps, struct span line, int *seen_field)
{
	size_t i, klen;
	struct span v;
	int f;

	if (line.n > MANIFEST_MAX_LINE)
		return fail(ps, ps->line, "line longer than %d bytes", MANIFEST_MAX_LINE);
	for (i = 0; i < line.n; i++) {
		unsigned char c = (unsigned char)line.p[i];
		if (c == '\r')
			return fail(ps, ps->line, "carriage return (CR): use LF line ends only");
		if (c == '\t')
			return fail(ps, ps->line, "tab character");
		if (c < 0x20 || c == 0x7F)
			return fail(ps, ps->line, "control character 0x%02X", c);
	}
	if (!text_utf8_valid(line.p, line.n))
		return fail(ps, ps->line, "invalid UTF-8");
	if (text_has_unicode_control(line.p, line.n))
		return fail(ps, ps->line, "a C1 control or bidirectional formatting character");
	if (line.n == 0 || line.p[0] == '#')
		return 0;
	for (klen = 0; klen < line.n; klen++) {
		char c = line.p[klen];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			break;
	}
	if (klen == 0 || klen + 2 > line.n || line.p[klen] != ':' || line.p[klen + 1] != ' ')
		return fail(ps, ps->line, "expected 'key: value'");
	v.p = line.p + klen + 2;
	v.n = line.n - klen - 2;
	if (v.n == 0)
		return fail(ps, ps->line, "empty value");
	if (v.p[0] == ' ' || v.p[v.n - 1] == ' ')
		return fail(ps, ps->line, "leading or trailing space in the value");
	for (f = 0; f < F_COUNT; f++)
		if (strlen(fields[f].key) == klen && memcmp(fields[f].key, line.p, klen) == 0)
			break;
	if (f == F_COUNT)
		return fail(ps, ps->line, "unknown key '%.*s'", (int)klen, line.p);
	if (!*seen_field && f != F_FORMAT)
		return fail(ps, ps->line, "the first field must be 'format: acskit-manifest 2'");
	if (*seen_field && f == F_FORMAT)
		return fail(ps, ps->line, "'format' given twice (first on line %u)", ps->seen[F_FORMAT]);
	if (!fields[f].repeat && ps->seen[f])
		return fail(ps, ps->line, "'%s' given twice (first on line %u)", fields[f].key, ps->seen[f]);
	if (!ps->seen[f])
		ps->seen[f] = ps->line;
	*seen_field = 1;
	return field_value(ps, (enum field)f, v);
}

/* Rules that tie fields together, checked once the whole file is read. */
static int check_whole(struct parser *ps, unsigned last_line)
{
	static const enum field required[] = {F_ID, F_TITLE, F_VERSION, F_BUILD, F_PRODUCT,
	                                      F_REQUIREMENT, F_SOURCE, F_CHECKED, F_ADVICE};
	struct manifest *m = ps->m;
	size_t i;
	int legacy = m->requirement == MANIFEST_LEGACY_KB, ubr = m->requirement == MANIFEST_BUILD_UBR;

	(void)last_line;
	if (!ps->seen[F_FORMAT])
		return fail(ps, 0, "no 'format: acskit-manifest 2' line");
	for (i = 0; i < sizeof required / sizeof required[0]; i++)
		if (!ps->seen[required[i]])
			return fail(ps, 0, "required field '%s' is missing", fields[required[i]].key);
	if (ubr && !ps->seen[F_MIN_UBR])
		return fail(ps, 0, "requirement build-ubr needs 'min-ubr'");
	if (ubr && !ps->seen[F_FIX])
		return fail(ps, 0, "requirement build-ubr needs 'fix'");
	if (legacy && !ps->seen[F_ROLLUP_OCT])
		return fail(ps, 0, "requirement legacy-kb needs 'rollup-oct2021'");
	if (legacy && !ps->seen[F_SECONLY_OCT])
		return fail(ps, 0, "requirement legacy-kb needs 'security-only-oct2021'");
	if (!ubr) {
		if (ps->seen[F_MIN_UBR])
			return fail(ps, ps->seen[F_MIN_UBR], "'min-ubr' goes only with requirement build-ubr");
		if (ps->seen[F_FIX])
			return fail(ps, ps->seen[F_FIX], "'fix' goes only with requirement build-ubr");
		if (ps->seen[F_ALSO])
			return fail(ps, ps->seen[F_ALSO], "'also-fixed-by' goes only with requirement build-ubr");
	}
	if (!legacy) {
		static const enum field lk[] = {F_ROLLUP_OCT, F_SECONLY_OCT, F_ROLLUP, F_PREREQ};
		for (i = 0; i < sizeof lk / sizeof lk[0]; i++)
			if (ps->seen[lk[i]])
				return fail(ps, ps->seen[lk[i]], "'%s' goes only with requirement legacy-kb",
				            fields[lk[i]].key);
	}
	if (ps->seen[F_PACKAGE] && (m->requirement == MANIFEST_NATIVE || m->requirement == MANIFEST_NO_UPDATE))
		return fail(ps, ps->seen[F_PACKAGE], "'package' goes only with requirement build-ubr or legacy-kb");
	if (ps->seen[F_WARN] && m->requirement != MANIFEST_NATIVE)
		return fail(ps, ps->seen[F_WARN], "'warn-below-ubr' goes only with requirement native");
	for (i = 0; i < m->nalso; i++) {
		if (!manifest_matches(m, m->ver_major, m->ver_minor, m->also[i].build,
		                      m->product == MANIFEST_SERVER ? 3 : 1, m->product_name))
			return fail(ps, ps->seen[F_ALSO], "also-fixed-by: build %u is not one this manifest matches",
			            (unsigned)m->also[i].build);
		if (m->also[i].ubr < m->min_ubr)
			return fail(ps, ps->seen[F_ALSO], "also-fixed-by: UBR %u is below min-ubr %u",
			            (unsigned)m->also[i].ubr, (unsigned)m->min_ubr);
	}
	return manifest_lint(m, ps->err);
}

int manifest_parse(const char *buf, size_t len, struct manifest **out, struct manifest_error *err)
{
	struct parser ps;
	size_t pos = 0;
	int seen_field = 0;

	*out = NULL;
	memset(err, 0, sizeof *err);
	memset(&ps, 0, sizeof ps);
	ps.err = err;
	if (len > MANIFEST_MAX_BYTES)
		return fail(&ps, 0, "larger than %d bytes", MANIFEST_MAX_BYTES);
	ps.m = calloc(1, sizeof *ps.m);
	if (!ps.m)
		return fail(&ps, 0, "out of memory");
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		struct span line;
		ps.line++;
		line.p = buf + pos;
		line.n = nl ? (size_t)(nl - line.p) : len - pos;
		if (parse_line(&ps, line, &seen_field) != 0)
			goto bad;
		if (!nl) {
			fail(&ps, ps.line, "no newline at the end of the file");
			goto bad;
		}
		pos += line.n + 1;
	}
	if (check_whole(&ps, ps.line) != 0)
		goto bad;
	*out = ps.m;
	return 0;
bad:
	manifest_free(ps.m);
	return -1;
}

static void free_strings(struct manifest_strings *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

void manifest_free(struct manifest *m)
{
	size_t i;
	if (!m)
		return;
	free(m->title);
	free(m->product_name);
	free(m->also);
	free(m->rollups);
	for (i = 0; i < m->nprereqs; i++)
		free(m->prereqs[i].text);
	free(m->prereqs);
	for (i = 0; i < m->npackages; i++)
		free(m->packages[i].entry);
	free(m->packages);
	for (i = 0; i < m->nsrcs; i++)
		free(m->srcs[i].text);
	free(m->srcs);
	free_strings(&m->notes);
	free_strings(&m->advice);
	free(m);
}

static int product_covers(enum manifest_product p, unsigned product_type)
{
	if (p == MANIFEST_ANY)
		return 1;
	if (p == MANIFEST_WORKSTATION)
		return product_type == 1;
	return product_type == 2 || product_type == 3;
}

int manifest_matches(const struct manifest *m, unsigned major, unsigned minor, uint32_t build,
                     unsigned product_type, const char *product_name)
{
	size_t i;
	if (m->ver_major != major || m->ver_minor != minor || !product_covers(m->product, product_type))
		return 0;
	if (m->product_name && (!product_name || strncmp(product_name, m->product_name, strlen(m->product_name)) != 0))
		return 0;
	for (i = 0; i < m->nranges; i++)
		if (build >= m->ranges[i].lo && build <= m->ranges[i].hi)
			return 1;
	return 0;
}

const char *manifest_product_name(enum manifest_product p)
{
	return p == MANIFEST_WORKSTATION ? "workstation" : p == MANIFEST_SERVER ? "server" : "any";
}

const char *manifest_requirement_name(enum manifest_requirement r)
{
	switch (r) {
	case MANIFEST_NATIVE: return "native";
	case MANIFEST_BUILD_UBR: return "build-ubr";
	case MANIFEST_LEGACY_KB: return "legacy-kb";
	case MANIFEST_NO_UPDATE: return "no-update";
	}
	return "?";
}

int manifest_set_add(struct manifest_set *s, struct manifest *m)
{
	struct manifest **nv = realloc(s->v, (s->n + 1) * sizeof *nv);
	if (!nv) {
		manifest_free(m);
		return -1;
	}
	s->v = nv;
	s->v[s->n++] = m;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(struct manifest *const *)a)->id, (*(struct manifest *const *)b)->id);
}

static int products_meet(enum manifest_product a, enum manifest_product b)
{
	return a == MANIFEST_ANY || b == MANIFEST_ANY || a == b;
}

int manifest_set_check(struct manifest_set *s, char *msg, size_t n)
{
	size_t i, j, x, y;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, by_id);
	for (i = 0; i + 1 < s->n; i++)
		if (!strcmp(s->v[i]->id, s->v[i + 1]->id)) {
			(void)snprintf(msg, n, "two manifests have the id '%s'", s->v[i]->id);
			return -1;
		}
	for (i = 0; i < s->n; i++)
		for (j = i + 1; j < s->n; j++) {
			const struct manifest *a = s->v[i], *b = s->v[j];
			/* A manifest narrowed by a product name (Windows Embedded 8
			 * Standard) may lie inside a broader one (Windows 8): the
			 * narrower wins (assess.c), and no two narrow ones share a name. */
			if (a->ver_major != b->ver_major || a->ver_minor != b->ver_minor ||
			    !products_meet(a->product, b->product) ||
			    (!a->product_name) != (!b->product_name) ||
			    (a->product_name && strcmp(a->product_name, b->product_name) != 0))
				continue;
			for (x = 0; x < a->nranges; x++)
				for (y = 0; y < b->nranges; y++)
					if (a->ranges[x].lo <= b->ranges[y].hi && b->ranges[y].lo <= a->ranges[x].hi) {
						uint32_t at = a->ranges[x].lo > b->ranges[y].lo ? a->ranges[x].lo
						                                                : b->ranges[y].lo;
						(void)snprintf(msg, n, "'%s' and '%s' both match version %u.%u build %u",
						               a->id, b->id, a->ver_major, a->ver_minor, (unsigned)at);
						return -1;
					}
		}
	return 0;
}

void manifest_set_free(struct manifest_set *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		manifest_free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}
