/* The manifest lint: rules across the fields of one manifest that make its
 * facts traceable and keep an update that is not known to be a cumulative
 * rollup from satisfying the requirement (docs/kit-format.md, "Lint").
 * manifest_parse applies it, so the builder, the runner and make check all
 * refuse a manifest that breaks one. */
#include "manifest.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "timeutil.h"

static int lint_fail(struct manifest_error *err, unsigned line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int lint_fail(struct manifest_error *err, unsigned line, const char *fmt, ...)
{
	va_list ap;
	err->line = line;
	va_start(ap, fmt);
	(void)vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

const char *manifest_confidence_name(enum manifest_confidence c)
{
	return c == MANIFEST_CONFIRMED ? "confirmed" : c == MANIFEST_SINGLE_SOURCE ? "single-source" : "inferred";
}

const char *manifest_source_kind_name(enum manifest_source_kind k)
{
	return k == MANIFEST_SRC_MICROSOFT ? "microsoft" : k == MANIFEST_SRC_OTHER ? "other" : "inference";
}

const char *manifest_fact_name(enum manifest_fact f)
{
	static const char *const names[MANIFEST_FACT_COUNT] = {
		"row", "threshold", "also-fixed-by", "warn-below", "oct2021", "rollups", "prerequisites"};
	return (unsigned)f < MANIFEST_FACT_COUNT ? names[f] : "?";
}

const struct manifest_basis *manifest_rollup_basis(const struct manifest *m, const struct manifest_rollup *r)
{
	return r->basis.set ? &r->basis : &m->basis[MANIFEST_FACT_ROLLUPS];
}

/* Day of the week of a proleptic Gregorian date, 0 = Sunday (Sakamoto). */
static int weekday(int y, int mo, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (mo < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[mo - 1] + d) % 7;
}

/* Monthly rollups are released on the second Tuesday of the month ("Patch
 * Tuesday", update Tuesday); anything else is out of band. */
static int patch_tuesday(const char *date)
{
	int y, mo, d;
	if (time_parse_date(date, &y, &mo, &d) != 0)
		return 0;
	return weekday(y, mo, d) == 2 && d >= 8 && d <= 14;
}

/* The confidence a basis claims must be one its sources can carry. */
static int basis_supported(const struct manifest *m, const struct manifest_basis *b, const char *what,
                           struct manifest_error *err)
{
	size_t i;
	int ms = 0, other = 0, inference = 0;
	for (i = 0; i < b->nsrc; i++) {
		enum manifest_source_kind k = m->srcs[b->src[i]].kind;
		ms |= k == MANIFEST_SRC_MICROSOFT;
		other |= k == MANIFEST_SRC_OTHER;
		inference |= k == MANIFEST_SRC_INFERENCE;
	}
	if (b->confidence == MANIFEST_CONFIRMED && !ms)
		return lint_fail(err, b->line, "%s: 'confirmed' needs a source of kind microsoft", what);
	if (b->confidence == MANIFEST_SINGLE_SOURCE && !ms && !other)
		return lint_fail(err, b->line, "%s: 'single-source' needs a source of kind microsoft or other", what);
	if (b->confidence == MANIFEST_INFERRED && !inference)
		return lint_fail(err, b->line, "%s: 'inferred' needs a source of kind inference saying how", what);
	return 0;
}

struct kb_seen {
	const char *kb[400];
	size_t n;
};

static int kb_once(struct kb_seen *s, const char *kb, unsigned line, struct manifest_error *err)
{
	size_t i;
	if (!kb[0])
		return 0;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->kb[i], kb))
			return lint_fail(err, line, "%s appears twice in this row", kb);
	if (s->n == sizeof s->kb / sizeof s->kb[0])
		return lint_fail(err, line, "more KB numbers than a row may hold");
	s->kb[s->n++] = kb;
	return 0;
}

int manifest_lint(const struct manifest *m, struct manifest_error *err)
{
	int legacy = m->requirement == MANIFEST_LEGACY_KB, ubr = m->requirement == MANIFEST_BUILD_UBR;
	int need[MANIFEST_FACT_COUNT], used[64];
	struct kb_seen seen;
	const char *prev = "2021-10-12"; /* the October 2021 rollups' Patch Tuesday */
	size_t i, j, f;

	memset(used, 0, sizeof used);
	memset(&seen, 0, sizeof seen);
	if (m->nsrcs > sizeof used / sizeof used[0])
		return lint_fail(err, 0, "more than %u sources", (unsigned)(sizeof used / sizeof used[0]));

	/* Every fact group the manifest has is vouched for, and no basis vouches
	 * for a group it lacks. */
	need[MANIFEST_FACT_ROW] = 1;
	need[MANIFEST_FACT_THRESHOLD] = ubr;
	need[MANIFEST_FACT_ALSO] = m->nalso > 0;
	need[MANIFEST_FACT_WARN] = m->has_warn_below;
	need[MANIFEST_FACT_OCT2021] = legacy;
	need[MANIFEST_FACT_ROLLUPS] = 0;
	for (i = 0; i < m->nrollups; i++)
		if (!m->rollups[i].basis.set)
			need[MANIFEST_FACT_ROLLUPS] = 1;
	need[MANIFEST_FACT_PREREQS] = m->nprereqs > 0;
	for (f = 0; f < MANIFEST_FACT_COUNT; f++) {
		const struct manifest_basis *b = &m->basis[f];
		char what[40];
		if (need[f] && !b->set)
			return lint_fail(err, 0, "no 'basis: %s' line: say what the %s rest%s on", manifest_fact_name(f),
			                 manifest_fact_name(f), f == MANIFEST_FACT_ROLLUPS || f == MANIFEST_FACT_PREREQS ? "" : "s");
		if (!need[f] && b->set)
			return lint_fail(err, b->line, "basis: this manifest has no %s fact to vouch for",
			                 manifest_fact_name(f));
		if (!b->set)
			continue;
		(void)snprintf(what, sizeof what, "basis %s", manifest_fact_name(f));
		if (basis_supported(m, b, what, err))
			return -1;
		for (j = 0; j < b->nsrc; j++)
			used[b->src[j]] = 1;
	}
	/* The requirement itself (the threshold, the October 2021 updates) must
	 * rest on Microsoft: a weaker fact may widen what satisfies it, never
	 * define it. */
	if (ubr && m->basis[MANIFEST_FACT_THRESHOLD].confidence != MANIFEST_CONFIRMED)
		return lint_fail(err, m->basis[MANIFEST_FACT_THRESHOLD].line,
		                 "basis threshold: the requirement must be confirmed by Microsoft");
	if (legacy && m->basis[MANIFEST_FACT_OCT2021].confidence != MANIFEST_CONFIRMED)
		return lint_fail(err, m->basis[MANIFEST_FACT_OCT2021].line,
		                 "basis oct2021: the requirement must be confirmed by Microsoft");

	/* KB numbers once per row: a KB listed twice is a copy-and-paste slip. */
	if (kb_once(&seen, m->fix_kb, 0, err) || kb_once(&seen, m->warn_kb, 0, err) ||
	    kb_once(&seen, m->rollup_oct2021, 0, err) || kb_once(&seen, m->security_only_oct2021, 0, err))
		return -1;
	for (i = 0; i < m->nalso; i++)
		if (kb_once(&seen, m->also[i].kb, 0, err))
			return -1;
	for (i = 0; i < m->nprereqs; i++)
		if (kb_once(&seen, m->prereqs[i].kb, m->prereqs[i].line, err))
			return -1;

	/* Rollups: in release order after October 2021; a monthly one on a
	 * Patch Tuesday, so that an out-of-band update cannot pass for one. */
	for (i = 0; i < m->nrollups; i++) {
		const struct manifest_rollup *r = &m->rollups[i];
		if (kb_once(&seen, r->kb, r->line, err))
			return -1;
		if (strcmp(r->date, prev) <= 0)
			return lint_fail(err, r->line, "rollup %s (%s): not after the previous one (%s): list in release order",
			                 r->kb, r->date, prev);
		prev = r->date;
		if (!r->oob && !patch_tuesday(r->date))
			return lint_fail(err, r->line,
			                 "rollup %s: %s is not a second Tuesday, so it is not a monthly rollup: mark it oob "
			                 "or correct the date",
			                 r->kb, r->date);
		if (r->basis.set) {
			char what[40];
			(void)snprintf(what, sizeof what, "rollup %s", r->kb);
			if (basis_supported(m, &r->basis, what, err))
				return -1;
			for (j = 0; j < r->basis.nsrc; j++)
				used[r->basis.src[j]] = 1;
		}
	}
	for (i = 0; i < m->nsrcs; i++)
		if (!used[i])
			return lint_fail(err, m->srcs[i].line, "source '%s' is cited by no basis", m->srcs[i].tag);
	return 0;
}
