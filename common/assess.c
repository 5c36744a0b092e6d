/* The update verdict: facts in, verdict out (assess.h). The rules, in the
 * order they are applied, are written out in docs/runbook.md ("Update
 * verdicts"); each has a unit test in tests/unit/test_assess.c. */
#include "assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* A text of the reasons, in the language of the assessment a's translator
 * (assess.h; NULL: English). The English literal stays a literal in the
 * conditional, so the compiler still checks each format against its
 * arguments. */
#define TX(s) (a->text ? a->text(s) : (s))

void machine_facts_free(struct machine_facts *m)
{
	free(m->packages);
	m->packages = NULL;
	m->npackages = m->cap = 0;
}

int machine_add_package(struct machine_facts *m, const struct cbs_package *p)
{
	struct cbs_package *v;
	/* Grow by doubling: a real machine lists thousands of packages, of
	 * which a few hundred name a KB. */
	if (m->npackages == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		v = realloc(m->packages, cap * sizeof *v);
		if (!v)
			return -1;
		m->packages = v;
		m->cap = cap;
	}
	m->packages[m->npackages++] = *p;
	return 0;
}

/* Reads "KB" and 6 or 7 digits at s; returns the length (8 or 9) or 0. */
static size_t kb_at(const char *s)
{
	size_t n = 2;
	if (s[0] != 'K' || s[1] != 'B')
		return 0;
	while (s[n] >= '0' && s[n] <= '9' && n < 10)
		n++;
	return text_is_kb(s, n) ? n : 0;
}

int cbs_classify(const char *identity, struct cbs_package *p)
{
	static const char rollup[] = "Package_for_RollupFix~";
	const char *s = identity, *v;
	size_t n;
	memset(p, 0, sizeof *p);
	if (strlen(identity) >= sizeof p->identity)
		return 0;
	for (v = identity; *v; v++)
		if (!((*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') || *v == '_' ||
		      *v == '.' || *v == '~' || *v == '-'))
			return 0;
	memcpy(p->identity, identity, strlen(identity) + 1);
	if (!strncmp(s, rollup, sizeof rollup - 1)) {
		unsigned long b, r;
		char *end;
		p->rollup = 1;
		/* ...~<arch>~~<build>.<rev>.<n>.<m> */
		v = strstr(s, "~~");
		if (v) {
			b = strtoul(v + 2, &end, 10);
			if (*end == '.' && b <= 99999) {
				r = strtoul(end + 1, &end, 10);
				if ((*end == '.' || *end == '\0') && r <= 0xFFFFFFul) {
					p->version_build = (uint32_t)b;
					p->version_rev = (uint32_t)r;
				}
			}
		}
		return 1;
	}
	/* Package_for_KBnnnnnnn~... or Package_<n>_for_KBnnnnnnn~... */
	if (strncmp(s, "Package_", 8) != 0)
		return 0;
	s += 8;
	if (*s >= '0' && *s <= '9') {
		while (*s >= '0' && *s <= '9')
			s++;
		if (*s++ != '_')
			return 0;
	}
	if (strncmp(s, "for_", 4) != 0)
		return 0;
	s += 4;
	n = kb_at(s);
	if (!n || (s[n] != '~' && s[n] != '\0'))
		return 0;
	memcpy(p->kb, s, n);
	p->kb[n] = '\0';
	(void)snprintf(p->kb_source, sizeof p->kb_source, "package name");
	return 1;
}

int mum_find_kb(const char *text, size_t len, char kb[12])
{
	/* The first <package element's identifier attribute. A .mum is a small
	 * XML file written by Microsoft; this reads only that one attribute and
	 * refuses anything that does not look exactly like a KB. */
	size_t i;
	for (i = 0; i + 9 < len; i++) {
		size_t j, n;
		if (memcmp(text + i, "<package", 8) != 0 || (text[i + 8] != ' ' && text[i + 8] != '\t' &&
		                                               text[i + 8] != '\r' && text[i + 8] != '\n'))
			continue;
		for (j = i + 8; j < len && text[j] != '>'; j++) {
			if (j + 12 <= len && !memcmp(text + j, "identifier=", 11) &&
			    (text[j - 1] == ' ' || text[j - 1] == '\t' || text[j - 1] == '\r' || text[j - 1] == '\n')) {
				char q = text[j + 11], buf[12];
				size_t k = j + 12;
				if (q != '"' && q != '\'')
					return -1;
				for (n = 0; k + n < len && text[k + n] != q && n < 10; n++)
					buf[n] = text[k + n];
				if (k + n >= len || text[k + n] != q || !text_is_kb(buf, n))
					return -1;
				memcpy(kb, buf, n);
				kb[n] = '\0';
				return 0;
			}
		}
		return -1;
	}
	return -1;
}

const char *machine_product_text(unsigned t)
{
	return t == 1 ? "workstation" : t == 2 ? "domain controller" : t == 3 ? "server" : "unknown product type";
}

struct named_build {
	unsigned build;
	const char *name;
};

static const struct named_build win10[] = {
	{10240, "1507"}, {10586, "1511"}, {14393, "1607"}, {15063, "1703"}, {16299, "1709"},
	{17134, "1803"}, {17763, "1809"}, {18362, "1903"}, {18363, "1909"}, {19041, "2004"},
	{19042, "20H2"}, {19043, "21H1"}, {19044, "21H2"}, {19045, "22H2"},
};
static const struct named_build server10[] = {
	{14393, "Windows Server 2016"}, {17763, "Windows Server 2019"}, {20348, "Windows Server 2022"},
	{25398, "Windows Server, version 23H2"}, {26100, "Windows Server 2025"},
};

static const char *lookup(const struct named_build *t, size_t n, unsigned build)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (t[i].build == build)
			return t[i].name;
	return NULL;
}

void machine_os_name(const struct machine_facts *m, char *out, size_t n)
{
	int server = m->product_type == 2 || m->product_type == 3;
	const char *name = NULL;
	char sp[16] = "";
	if (!m->have_version) {
		(void)snprintf(out, n, "undetermined Windows version");
		return;
	}
	if (m->sp_major && m->major < 10)
		(void)snprintf(sp, sizeof sp, " SP%u", m->sp_major);
	if (m->major == 10 && m->minor == 0) {
		if (server) {
			name = lookup(server10, sizeof server10 / sizeof server10[0], m->build);
			if (name)
				(void)snprintf(out, n, "%s", name);
			else
				(void)snprintf(out, n, "Windows Server (build %u)", m->build);
		} else if (m->build >= 22000) {
			(void)snprintf(out, n, "Windows 11");
		} else {
			name = lookup(win10, sizeof win10 / sizeof win10[0], m->build);
			if (name)
				(void)snprintf(out, n, "Windows 10 %s", name);
			else
				(void)snprintf(out, n, "Windows 10 (build %u)", m->build);
		}
		return;
	}
	if (m->major == 6 && m->minor == 3)
		name = server ? "Windows Server 2012 R2" : "Windows 8.1";
	else if (m->major == 6 && m->minor == 2)
		name = server ? "Windows Server 2012" : "Windows 8";
	else if (m->major == 6 && m->minor == 1)
		name = server ? "Windows Server 2008 R2" : "Windows 7";
	else if (m->major == 6 && m->minor == 0)
		name = server ? "Windows Server 2008" : "Windows Vista";
	else if (m->major == 5 && m->minor == 2)
		name = server ? "Windows Server 2003" : "Windows XP x64 Edition";
	else if (m->major == 5 && m->minor == 1)
		name = "Windows XP";
	if (name)
		(void)snprintf(out, n, "%s%s", name, sp);
	else
		(void)snprintf(out, n, "Windows %u.%u (build %u)", m->major, m->minor, m->build);
}

const char *update_verdict_name(enum update_verdict v)
{
	static const char *const names[] = {"satisfied",    "missing",   "pending-reboot",
	                                    "undetermined", "no-update", "not-covered"};
	return names[v];
}

const char *evidence_meets_name(enum evidence_meets e)
{
	static const char *const names[] = {"yes", "no", "after-reboot", "unknown"};
	return names[e];
}

const char *cbs_state_text(uint32_t state, char buf[16])
{
	switch (state) {
	case CBS_STATE_INSTALLED: return "installed";
	case CBS_STATE_PERMANENT: return "permanent";
	case CBS_STATE_SUPERSEDED: return "superseded";
	case CBS_STATE_INSTALL_PENDING: return "install pending";
	case CBS_STATE_STAGED: return "staged";
	case CBS_STATE_ABSENT: return "absent";
	default: (void)snprintf(buf, 16, "state 0x%02X", (unsigned)state); return buf;
	}
}

/* Installed, permanent, or superseded (a newer package replaced its files with
 * newer ones, which carry the fix too). */
static int state_present(const struct cbs_package *p)
{
	return p->has_state && (p->state == CBS_STATE_INSTALLED || p->state == CBS_STATE_PERMANENT ||
	                        p->state == CBS_STATE_SUPERSEDED);
}

static int state_pending(const struct cbs_package *p)
{
	return p->has_state && p->state == CBS_STATE_INSTALL_PENDING;
}

static unsigned long kb_number(const char *kb)
{
	return strtoul(kb + 2, NULL, 10);
}

/* The package's state for a reason or evidence line. */
static const char *state_text(const struct update_assessment *a, const struct cbs_package *p, char st[16])
{
	return p->has_state ? TX(cbs_state_text(p->state, st)) : TX("state unreadable");
}

static int add_evidence(struct update_assessment *a, const struct cbs_package *p, enum evidence_meets meets,
                        const char *why)
{
	struct evidence *v = realloc(a->evidence, (a->nevidence + 1) * sizeof *v);
	if (!v)
		return -1;
	a->evidence = v;
	v[a->nevidence].pkg = p;
	v[a->nevidence].meets = meets;
	(void)snprintf(v[a->nevidence].why, sizeof v[0].why, "%s", why);
	a->nevidence++;
	return 0;
}

/* Records a fact group the verdict rests on; the verdict's confidence is the
 * weakest of them. */
static void add_basis(struct update_assessment *a, const char *fact, const struct manifest_basis *b)
{
	if (!b->set || a->nbasis == ASSESS_MAX_BASIS)
		return;
	(void)snprintf(a->basis[a->nbasis].fact, sizeof a->basis[0].fact, "%s", fact);
	a->basis[a->nbasis].b = b;
	if (!a->nbasis || b->confidence > a->confidence)
		a->confidence = b->confidence;
	a->nbasis++;
}

static const char *reboot_text(const struct update_assessment *a, unsigned bits)
{
	return bits & REBOOT_CBS ? TX("Component Based Servicing reports a pending reboot")
	       : bits & REBOOT_WU ? TX("Windows Update reports a required reboot")
	                          : TX("file renames are pending a reboot");
}

/* Releases delivered as an enablement package on top of an earlier build are
 * serviced by that build's cumulative updates, whose package identities carry
 * the base build (20H2 to 22H2 take 19041.x, 1909 takes 18362.x). */
static int same_servicing(uint32_t package_build, unsigned machine_build)
{
	if (package_build == machine_build)
		return 1;
	if (machine_build >= 19042 && machine_build <= 19045)
		return package_build == 19041;
	if (machine_build == 18363)
		return package_build == 18362;
	return 0;
}

/* Windows 10 and later: the running build's UBR against the threshold. */
static int assess_build_ubr(const struct machine_facts *f, struct update_assessment *a)
{
	const struct manifest *m = a->m;
	size_t i;
	(void)snprintf(a->minimum, sizeof a->minimum, "%s", m->fix_kb);
	add_basis(a, "threshold", &m->basis[MANIFEST_FACT_THRESHOLD]);
	if (!f->have_ubr) {
		a->verdict = UPDATE_UNDETERMINED;
		(void)snprintf(a->reason, sizeof a->reason,
		               TX("the update build revision (UBR) could not be read from the registry, so the "
		               "build cannot be compared with %u.%u"),
		               f->build, (unsigned)m->min_ubr);
		return 0;
	}
	if (f->ubr >= m->min_ubr) {
		a->verdict = UPDATE_SATISFIED;
		(void)snprintf(a->by, sizeof a->by, TX("build %u.%u"), f->build, (unsigned)f->ubr);
		(void)snprintf(a->reason, sizeof a->reason, TX("build %u.%u is at or above %u.%u (%s or any later cumulative update)"),
		               f->build, (unsigned)f->ubr, f->build, (unsigned)m->min_ubr, m->fix_kb);
		return 0;
	}
	/* Below the threshold: a cumulative update at or above it may be staged
	 * and waiting for a reboot, or (inconsistently) recorded as installed. */
	for (i = 0; f->cbs_error == 0 && i < f->npackages; i++) {
		const struct cbs_package *p = &f->packages[i];
		char why[600];
		if (!p->rollup || !same_servicing(p->version_build, f->build) || p->version_rev < m->min_ubr)
			continue;
		(void)snprintf(why, sizeof why, TX("a cumulative update for build %u.%u"), (unsigned)p->version_build,
		               (unsigned)p->version_rev);
		if (state_pending(p)) {
			if (add_evidence(a, p, MEETS_PENDING, why))
				return -1;
			if (a->verdict != UPDATE_UNDETERMINED) {
				a->verdict = UPDATE_PENDING_REBOOT;
				(void)snprintf(a->by, sizeof a->by, TX("build %u.%u (install pending)"), (unsigned)p->version_build,
				               (unsigned)p->version_rev);
				(void)snprintf(a->reason, sizeof a->reason,
				               TX("the running build is %u.%u, below %u.%u; a cumulative update for %u.%u is "
				               "installed pending a reboot: restart, then check again"),
				               f->build, (unsigned)f->ubr, f->build, (unsigned)m->min_ubr,
				               (unsigned)p->version_build, (unsigned)p->version_rev);
			}
		} else if (state_present(p)) {
			if (add_evidence(a, p, MEETS_UNKNOWN, why))
				return -1;
			a->verdict = UPDATE_UNDETERMINED;
			(void)snprintf(a->reason, sizeof a->reason,
			               TX("the registry's UBR says build %u.%u, below %u.%u, but the package %s is recorded "
			               "as installed: restart, then check again"),
			               f->build, (unsigned)f->ubr, f->build, (unsigned)m->min_ubr, p->identity);
		}
	}
	if (a->nevidence)
		return 0;
	a->verdict = UPDATE_MISSING;
	(void)snprintf(a->reason, sizeof a->reason,
	               TX("build %u.%u is below %u.%u: install %s (%s) or any later cumulative update"), f->build,
	               (unsigned)f->ubr, f->build, (unsigned)m->min_ubr, m->fix_kb, m->fix_date);
	if (f->reboot)
		(void)snprintf(a->warning, sizeof a->warning, TX("a reboot is also pending (%s)"), reboot_text(a, f->reboot));
	return 0;
}

/* Legacy Windows: the CBS packages against the October 2021 updates and the
 * rollups the kit knows. */
static int assess_legacy(const struct machine_facts *f, struct update_assessment *a)
{
	const struct manifest *m = a->m;
	const struct cbs_package *yes = NULL, *pending = NULL, *unknown = NULL, *earlier = NULL;
	const struct manifest_rollup *yes_rollup = NULL, *oob = NULL;
	unsigned long oct = kb_number(m->rollup_oct2021), newest = oct;
	size_t i, j;
	char st[16];

	(void)snprintf(a->minimum, sizeof a->minimum, "%s", m->rollup_oct2021);
	if (m->nrollups) {
		(void)snprintf(a->newest_rollup, sizeof a->newest_rollup, "%s", m->rollups[m->nrollups - 1].kb);
		for (j = 0; j < m->nrollups; j++)
			if (kb_number(m->rollups[j].kb) > newest)
				newest = kb_number(m->rollups[j].kb);
	} else {
		(void)snprintf(a->newest_rollup, sizeof a->newest_rollup, "%s", m->rollup_oct2021);
	}
	/* Prerequisites the runner can check: a service pack by the build, a KB
	 * by its package (only when the packages could be read). */
	for (j = 0; j < m->nprereqs && a->nprereq_missing < ASSESS_MAX_PREREQS; j++) {
		const struct manifest_prereq *q = &m->prereqs[j];
		int have = 1;
		if (q->check == MANIFEST_PREREQ_BUILD)
			have = f->build >= q->min_build;
		else if (q->check == MANIFEST_PREREQ_INSTALLED && !f->cbs_error) {
			have = 0;
			for (i = 0; i < f->npackages; i++)
				if (!strcmp(f->packages[i].kb, q->kb) && state_present(&f->packages[i]))
					have = 1;
		}
		if (!have)
			a->prereq_missing[a->nprereq_missing++] = q;
	}
	if (f->cbs_error) {
		a->verdict = UPDATE_UNDETERMINED;
		(void)snprintf(a->reason, sizeof a->reason, TX("the installed updates could not be read: %s"),
		               f->cbs_error_text);
		return 0;
	}
	for (i = 0; i < f->npackages; i++) {
		const struct cbs_package *p = &f->packages[i];
		const struct manifest_rollup *r = NULL;
		const char *what = NULL;
		char why[600];
		int known = 0;
		if (p->kb[0] && !strcmp(p->kb, m->rollup_oct2021))
			what = TX("the October 2021 monthly rollup"), known = 1;
		else if (p->kb[0] && !strcmp(p->kb, m->security_only_oct2021))
			what = TX("the October 2021 security-only update"), known = 1;
		for (j = 0; !known && p->kb[0] && j < m->nrollups; j++)
			if (!strcmp(p->kb, m->rollups[j].kb))
				r = &m->rollups[j], what = TX("a later monthly rollup"), known = 1;
		if (r && r->oob) {
			/* An out-of-band update is not known to be a cumulative
			 * rollup: on the security-only track it proves nothing, on the
			 * monthly track the month's rollup is there anyway. Named in
			 * the evidence, never counted. */
			(void)snprintf(why, sizeof why,
			               TX("an out-of-band update of %s, not known to be a cumulative rollup: it does not meet "
			               "the requirement on its own (%s)"),
			               r->date, state_text(a, p, st));
			if (add_evidence(a, p, MEETS_NO, why))
				return -1;
			if (!oob && p->has_state && (state_present(p) || state_pending(p)))
				oob = r;
			continue;
		}
		if (known) {
			/* A state that cannot be read proves neither way. */
			enum evidence_meets e = !p->has_state     ? MEETS_UNKNOWN
			                        : state_present(p) ? MEETS_YES
			                        : state_pending(p) ? MEETS_PENDING
			                                           : MEETS_NO;
			const struct manifest_basis *b = r ? manifest_rollup_basis(m, r) : NULL;
			(void)snprintf(why, sizeof why, "%s%s%s%s, %s", what, r ? TX(" of ") : "", r ? r->date : "",
			               b && b->confidence != MANIFEST_CONFIRMED ? (b->confidence == MANIFEST_INFERRED
			                                                                ? TX(" (inferred, not confirmed)")
			                                                                : TX(" (single source, not confirmed)"))
			                                                      : "",
			               state_text(a, p, st));
			if (add_evidence(a, p, e, why))
				return -1;
			/* A confirmed fact outweighs a weaker one for the verdict. */
			if (e == MEETS_YES &&
			    (!yes || (yes_rollup && manifest_rollup_basis(m, yes_rollup)->confidence >
			                                (b ? b->confidence : MANIFEST_CONFIRMED))))
				yes = p, yes_rollup = r;
			if (e == MEETS_PENDING && !pending)
				pending = p;
			if (e == MEETS_UNKNOWN && !unknown)
				unknown = p;
			continue;
		}
		if (!p->rollup)
			continue; /* an update the requirement does not name: not evidence */
		if (p->has_state && !state_present(p) && !state_pending(p))
			continue; /* a rollup staged or absent is not on the machine */
		if (!p->kb[0]) {
			(void)snprintf(why, sizeof why, TX("a monthly rollup whose KB could not be read (%s)"), p->kb_source);
			if (add_evidence(a, p, MEETS_UNKNOWN, why))
				return -1;
			unknown = p;
		} else if (kb_number(p->kb) < oct) {
			/* The kit lists every rollup from October 2021 to its newest, so
			 * one it does not list is older or newer; the KB number says
			 * which. That is an inference, and the report labels it. */
			(void)snprintf(why, sizeof why, TX("taken as an earlier monthly rollup: its KB number is below %s's "
			               "(an inference)"), m->rollup_oct2021);
			if (add_evidence(a, p, MEETS_NO, why))
				return -1;
			earlier = p;
		} else {
			(void)snprintf(why, sizeof why, TX("a monthly rollup the kit does not know%s"),
			               kb_number(p->kb) > newest ? TX(", newer by KB number than every rollup it knows") : "");
			if (add_evidence(a, p, MEETS_UNKNOWN, why))
				return -1;
			if (!unknown || kb_number(p->kb) > newest)
				unknown = p;
		}
	}
	if (yes) {
		if (yes_rollup) {
			char fact[40];
			(void)snprintf(fact, sizeof fact, "rollup %s", yes_rollup->kb);
			add_basis(a, fact, manifest_rollup_basis(m, yes_rollup));
		} else {
			add_basis(a, "oct2021", &m->basis[MANIFEST_FACT_OCT2021]);
		}
		a->verdict = UPDATE_SATISFIED;
		(void)snprintf(a->by, sizeof a->by, "%s (%s)", yes->kb, state_text(a, yes, st));
		(void)snprintf(a->reason, sizeof a->reason, TX("%s is on the machine (%s)"), yes->kb,
		               state_text(a, yes, st));
		if (f->reboot)
			(void)snprintf(a->warning, sizeof a->warning, TX("a reboot is pending (%s)"), reboot_text(a, f->reboot));
		return 0;
	}
	if (pending) {
		a->verdict = UPDATE_PENDING_REBOOT;
		(void)snprintf(a->by, sizeof a->by, TX("%s (install pending)"), pending->kb);
		(void)snprintf(a->reason, sizeof a->reason, TX("%s is installed pending a reboot: restart, then check again"),
		               pending->kb);
		return 0;
	}
	if (unknown) {
		a->verdict = UPDATE_UNDETERMINED;
		if (!unknown->has_state) {
			(void)snprintf(a->reason, sizeof a->reason,
			               TX("the package %s (%s) is on the machine, but its state could not be read, so whether it "
			               "is installed is not known"),
			               unknown->identity, unknown->kb[0] ? unknown->kb : TX("KB unknown"));
		} else if (!unknown->kb[0]) {
			(void)snprintf(a->reason, sizeof a->reason,
			               TX("a monthly rollup (%s) is on the machine, but its KB could not be read (%s), so whether "
			               "it meets the requirement is not known"),
			               unknown->identity, unknown->kb_source);
		} else {
			(void)snprintf(a->reason, sizeof a->reason,
			               TX("the monthly rollup %s is on the machine, but this kit's list (up to %s) does not "
			               "include it"),
			               unknown->kb, a->newest_rollup);
			if (kb_number(unknown->kb) > newest)
				(void)snprintf(a->hint, sizeof a->hint,
				               TX("hint, not a fact: %s's KB number is above every rollup the kit knows, and "
				               "rollup numbers have grown with release date since 2021, so it is probably "
				               "a later rollup, which would meet the requirement; a newer kit can tell"),
				               unknown->kb);
		}
		return 0;
	}
	a->verdict = UPDATE_MISSING;
	add_basis(a, "oct2021", &m->basis[MANIFEST_FACT_OCT2021]);
	if (a->nprereq_missing) {
		/* Say what to install first: the update cannot go on before it. */
		const struct manifest_prereq *q = a->prereq_missing[0];
		add_basis(a, "prerequisites", &m->basis[MANIFEST_FACT_PREREQS]);
		(void)snprintf(a->reason, sizeof a->reason,
		               TX("install %s (%s) first: %s; then %s (October 2021 monthly rollup), %s (October 2021 "
		               "security-only update) or a later monthly rollup"),
		               q->kb, q->text,
		               q->check == MANIFEST_PREREQ_BUILD ? TX("the build shows it is not installed")
		                                                 : TX("it is not among the installed updates"),
		               m->rollup_oct2021, m->security_only_oct2021);
	} else {
		(void)snprintf(a->reason, sizeof a->reason,
		               TX("none of %s (October 2021 monthly rollup), %s (October 2021 security-only update) or a "
		               "later monthly rollup is installed; on the security-only track only the October 2021 "
		               "security-only update or a monthly rollup meets it"),
		               m->rollup_oct2021, m->security_only_oct2021);
	}
	if (oob && !a->hint[0])
		(void)snprintf(a->hint, sizeof a->hint,
		               TX("%s is an out-of-band update (%s): it is not known to be a cumulative rollup, so it "
		               "does not count; install the month's rollup or a later one"),
		               oob->kb, oob->date);
	if (f->reboot)
		(void)snprintf(a->warning, sizeof a->warning, TX("a reboot is also pending (%s)"), reboot_text(a, f->reboot));
	if (earlier && !a->hint[0])
		(void)snprintf(a->hint, sizeof a->hint,
		               TX("hint: %s was counted as older than October 2021 because its KB number is below %s's; "
		               "monthly rollup numbers have grown with release date"),
		               earlier->kb, m->rollup_oct2021);
	return 0;
}

/* Out of memory part-way, the evidence gathered so far is freed here: the
 * runner frees only an assessment that succeeded (test_oom found the leak). */
static int freed_on_error(struct update_assessment *a, int rc)
{
	if (rc)
		update_assessment_free(a);
	return rc;
}

int assess_update(const struct manifest_set *set, const struct machine_facts *f, struct update_assessment *a)
{
	return assess_update_in(set, f, NULL, a);
}

int assess_update_in(const struct manifest_set *set, const struct machine_facts *f, assess_text_fn text,
                     struct update_assessment *a)
{
	size_t i;
	memset(a, 0, sizeof *a);
	a->text = text;
	if (!f->have_version) {
		a->verdict = UPDATE_UNDETERMINED;
		(void)snprintf(a->reason, sizeof a->reason, "%s", TX("the Windows version could not be read"));
		return 0;
	}
	/* A manifest narrowed by a product name (Windows Embedded 8 Standard)
	 * wins over the broad one for its version (Windows 8). */
	for (i = 0; i < set->n && !a->m; i++)
		if (set->v[i]->product_name &&
		    manifest_matches(set->v[i], f->major, f->minor, f->build, f->product_type, f->product_name))
			a->m = set->v[i];
	for (i = 0; i < set->n && !a->m; i++)
		if (manifest_matches(set->v[i], f->major, f->minor, f->build, f->product_type, f->product_name))
			a->m = set->v[i];
	if (!a->m) {
		a->verdict = UPDATE_NOT_COVERED;
		(void)snprintf(a->reason, sizeof a->reason,
		               TX("this kit has no manifest for Windows %u.%u build %u (%s): use a kit that covers it, or "
		               "check KB5022661 for this version by hand"),
		               f->major, f->minor, f->build, TX(machine_product_text(f->product_type)));
		return 0;
	}
	add_basis(a, "row", &a->m->basis[MANIFEST_FACT_ROW]);
	switch (a->m->requirement) {
	case MANIFEST_NATIVE:
		a->verdict = UPDATE_SATISFIED;
		(void)snprintf(a->by, sizeof a->by, "%s", TX("the release itself"));
		(void)snprintf(a->reason, sizeof a->reason, "%s", TX("this release supports ACS-signed code without an update"));
		if (a->m->has_warn_below) {
			if (!f->have_ubr)
				(void)snprintf(a->warning, sizeof a->warning,
				               TX("the UBR could not be read; one source lists %s (%u.%u) as the minimum"),
				               a->m->warn_kb, f->build, (unsigned)a->m->warn_below_ubr);
			else if (f->ubr < a->m->warn_below_ubr)
				(void)snprintf(a->warning, sizeof a->warning,
				               TX("build %u.%u is below %u.%u, which one source (not Microsoft) lists as the "
				               "minimum, with %s: consider installing it or any later cumulative update"),
				               f->build, (unsigned)f->ubr, f->build, (unsigned)a->m->warn_below_ubr,
				               a->m->warn_kb);
		}
		return 0;
	case MANIFEST_NO_UPDATE:
		a->verdict = UPDATE_NO_UPDATE;
		if (a->m->advice.n)
			(void)snprintf(a->reason, sizeof a->reason, "%s", a->m->advice.v[0]);
		else
			(void)snprintf(a->reason, sizeof a->reason,
			               TX("%s: no update brings ACS support; upgrade to a supported release"), a->m->title);
		return 0;
	case MANIFEST_BUILD_UBR:
		return freed_on_error(a, assess_build_ubr(f, a));
	case MANIFEST_LEGACY_KB:
		return freed_on_error(a, assess_legacy(f, a));
	}
	return 0;
}

void update_assessment_free(struct update_assessment *a)
{
	free(a->evidence);
	a->evidence = NULL;
	a->nevidence = 0;
}
