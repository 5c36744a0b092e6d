/* assess.c: the update verdict for every row of the readiness table, against
 * the real manifests, from facts built here (the Wine suite gathers the same
 * facts from an emulated registry and checks the whole path).
 *
 *   test_assess MANIFEST_DIR */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "manifest.h"
#include "t.h"

static struct manifest_set set;

static void load(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096], msg[300];
	if (!d) {
		printf("not ok - cannot open %s\n", dir);
		exit(1);
	}
	while ((e = readdir(d)) != NULL) {
		struct manifest *m;
		struct manifest_error err;
		unsigned char *buf;
		size_t len;
		if (!strstr(e->d_name, ".manifest"))
			continue;
		(void)snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		buf = t_slurp(path, &len);
		if (!buf || manifest_parse((const char *)buf, len, &m, &err) != 0 || manifest_set_add(&set, m) != 0) {
			printf("not ok - %s does not load\n", path);
			exit(1);
		}
		free(buf);
	}
	closedir(d);
	if (manifest_set_check(&set, msg, sizeof msg) != 0) {
		printf("not ok - manifests: %s\n", msg);
		exit(1);
	}
}

static struct machine_facts facts(unsigned major, unsigned minor, unsigned build, unsigned type, long ubr)
{
	struct machine_facts f;
	memset(&f, 0, sizeof f);
	f.have_version = 1;
	f.major = major, f.minor = minor, f.build = build, f.product_type = type;
	if (ubr >= 0)
		f.have_ubr = 1, f.ubr = (uint32_t)ubr;
	return f;
}

static void pkg(struct machine_facts *f, const char *identity, const char *mum_kb, uint32_t state)
{
	struct cbs_package p;
	if (!cbs_classify(identity, &p)) {
		printf("not ok - cbs_classify refused %s\n", identity);
		exit(1);
	}
	if (p.rollup && mum_kb) {
		(void)snprintf(p.kb, sizeof p.kb, "%s", mum_kb);
		(void)snprintf(p.kb_source, sizeof p.kb_source, ".mum");
	} else if (p.rollup) {
		(void)snprintf(p.kb_source, sizeof p.kb_source, "no .mum");
	}
	p.has_state = 1;
	p.state = state;
	(void)machine_add_package(f, &p);
}

/* Runs the assessment and checks verdict, manifest and a phrase of the reason. */
static void expect(const char *what, struct machine_facts *f, enum update_verdict v, const char *id,
                   const char *phrase)
{
	struct update_assessment a;
	int rc = assess_update(&set, f, &a);
	const char *got_id = a.m ? a.m->id : "-";
	CHECK(rc == 0 && a.verdict == v && !strcmp(got_id, id) &&
	          (!phrase || strstr(a.reason, phrase) || strstr(a.by, phrase) || strstr(a.warning, phrase) ||
	           strstr(a.hint, phrase)),
	      "%s: %s by %s (%s; %s)", what, update_verdict_name(a.verdict), got_id, a.reason, a.hint);
	update_assessment_free(&a);
	machine_facts_free(f);
}

static void windows10_and_later(void)
{
	struct machine_facts f;
	f = facts(10, 0, 22631, 1, 4000);
	expect("Windows 11 23H2", &f, UPDATE_SATISFIED, "win11", "without an update");
	f = facts(10, 0, 26100, 1, 1);
	expect("Windows 11 24H2", &f, UPDATE_SATISFIED, "win11", NULL);
	f = facts(10, 0, 26100, 3, 1000);
	expect("Server 2025", &f, UPDATE_SATISFIED, "server2025-23h2", NULL);
	f = facts(10, 0, 25398, 3, 1000);
	expect("Server 23H2", &f, UPDATE_SATISFIED, "server2025-23h2", NULL);
	f = facts(10, 0, 20348, 3, 261);
	expect("Server 2022 at 261", &f, UPDATE_SATISFIED, "server2022", "20348.261");
	f = facts(10, 0, 20348, 3, 260);
	expect("Server 2022 at 260", &f, UPDATE_MISSING, "server2022", "KB5005619");
	f = facts(10, 0, 20348, 2, 100);
	expect("Server 2022 domain controller at 100", &f, UPDATE_MISSING, "server2022", NULL);
	f = facts(10, 0, 19045, 1, 2006);
	expect("Windows 10 22H2", &f, UPDATE_SATISFIED, "win10-22h2", NULL);
	f = facts(10, 0, 19044, 1, 1500);
	expect("21H2 at 1500: satisfied with a warning", &f, UPDATE_SATISFIED, "win10-21h2", "KB5011487");
	f = facts(10, 0, 19044, 1, 2000);
	expect("21H2 at 2000", &f, UPDATE_SATISFIED, "win10-21h2", NULL);
	f = facts(10, 0, 19041, 1, 1266);
	expect("2004 at 1266", &f, UPDATE_SATISFIED, "win10-2004-21h1", NULL);
	f = facts(10, 0, 19042, 1, 1265);
	expect("20H2 at 1265", &f, UPDATE_MISSING, "win10-2004-21h1", "KB5005611");
	f = facts(10, 0, 19043, 1, 1000);
	expect("21H1 at 1000", &f, UPDATE_MISSING, "win10-2004-21h1", NULL);
	f = facts(10, 0, 18363, 1, 1830);
	expect("1909 at 1830", &f, UPDATE_SATISFIED, "win10-1909", NULL);
	f = facts(10, 0, 18363, 1, 1500);
	expect("1909 at 1500", &f, UPDATE_MISSING, "win10-1909", "KB5005624");
	f = facts(10, 0, 17763, 1, 1577);
	expect("1809 at 1577", &f, UPDATE_MISSING, "win10-1809-server2019", "17763.2210");
	f = facts(10, 0, 17763, 1, 2210);
	expect("1809 at 2210", &f, UPDATE_SATISFIED, "win10-1809-server2019", NULL);
	f = facts(10, 0, 17763, 3, 2237);
	expect("Server 2019 at 2237", &f, UPDATE_SATISFIED, "win10-1809-server2019", NULL);
	f = facts(10, 0, 14393, 3, 4704);
	expect("Server 2016 at 4704", &f, UPDATE_SATISFIED, "win10-1607-server2016", NULL);
	f = facts(10, 0, 14393, 1, 4000);
	expect("1607 at 4000", &f, UPDATE_MISSING, "win10-1607-server2016", "KB5006669");
	f = facts(10, 0, 10240, 1, 19086);
	expect("1507 at 19086", &f, UPDATE_SATISFIED, "win10-1507", NULL);
	f = facts(10, 0, 10240, 1, 18000);
	expect("1507 at 18000", &f, UPDATE_MISSING, "win10-1507", "KB5006675");
	f = facts(10, 0, 17763, 1, -1);
	expect("1809 without a readable UBR", &f, UPDATE_UNDETERMINED, "win10-1809-server2019", "could not be read");

	f = facts(10, 0, 17763, 1, 1577);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.1577.1.5", NULL, CBS_STATE_SUPERSEDED);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.2237.1.9", NULL, CBS_STATE_INSTALL_PENDING);
	f.reboot = REBOOT_CBS;
	expect("1809 at 1577 with 2237 install pending", &f, UPDATE_PENDING_REBOOT, "win10-1809-server2019",
	       "17763.2237");
	f = facts(10, 0, 17763, 1, 1577);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.2237.1.9", NULL, CBS_STATE_INSTALLED);
	expect("1809: UBR 1577 but 2237 recorded installed", &f, UPDATE_UNDETERMINED, "win10-1809-server2019",
	       "restart");
	f = facts(10, 0, 19042, 1, 1200);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.1288.1.7", NULL, CBS_STATE_INSTALL_PENDING);
	expect("20H2 at 1200, its LCU (named 19041.1288) install pending", &f, UPDATE_PENDING_REBOOT, "win10-2004-21h1",
	       "19041.1288");
	f = facts(10, 0, 18363, 1, 1500);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~18362.1854.1.3", NULL, CBS_STATE_INSTALL_PENDING);
	expect("1909 at 1500, its LCU (named 18362.1854) install pending", &f, UPDATE_PENDING_REBOOT, "win10-1909", NULL);
	/* An installed and an install-pending cumulative update, both above the
	 * threshold: the inconsistency wins in either order of the CBS keys. */
	f = facts(10, 0, 17763, 1, 1577);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.2237.1.9", NULL, CBS_STATE_INSTALLED);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.2300.1.4", NULL, CBS_STATE_INSTALL_PENDING);
	f.reboot = REBOOT_CBS;
	expect("1809 at 1577: 2237 installed, then 2300 pending", &f, UPDATE_UNDETERMINED, "win10-1809-server2019",
	       "restart");
	f = facts(10, 0, 17763, 1, 1577);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.2300.1.4", NULL, CBS_STATE_INSTALL_PENDING);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.2237.1.9", NULL, CBS_STATE_INSTALLED);
	f.reboot = REBOOT_CBS;
	expect("1809 at 1577: 2300 pending, then 2237 installed", &f, UPDATE_UNDETERMINED, "win10-1809-server2019",
	       "restart");
	f = facts(10, 0, 17763, 1, 1577);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17134.2300.1.4", NULL, CBS_STATE_INSTALL_PENDING);
	expect("1809 at 1577: a pending update for another build (17134) does not count", &f, UPDATE_MISSING,
	       "win10-1809-server2019", NULL);
	f = facts(10, 0, 17763, 1, 1577);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.2237.1.9", NULL, CBS_STATE_STAGED);
	expect("1809: 2237 only staged", &f, UPDATE_MISSING, "win10-1809-server2019", NULL);
}

static void no_update_and_not_covered(void)
{
	static const struct {
		unsigned major, minor, build, type;
		const char *id;
	} v[] = {
		{10, 0, 10586, 1, "win10-1511"}, {10, 0, 15063, 1, "win10-1703"}, {10, 0, 16299, 1, "win10-1709"},
		{10, 0, 17134, 1, "win10-1803"}, {10, 0, 18362, 1, "win10-1903"}, {6, 2, 9200, 1, "win8"},
		{6, 0, 6002, 1, "vista"},        {5, 2, 3790, 3, "server2003-xp64"}, {5, 1, 2600, 1, "xp"},
	};
	struct machine_facts f;
	size_t i;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		char what[64];
		f = facts(v[i].major, v[i].minor, v[i].build, v[i].type, v[i].major == 10 ? 100 : -1);
		(void)snprintf(what, sizeof what, "%u.%u.%u", v[i].major, v[i].minor, v[i].build);
		expect(what, &f, UPDATE_NO_UPDATE, v[i].id, "upgrade");
	}
	f = facts(10, 0, 18000, 1, 1);
	expect("a preview build", &f, UPDATE_NOT_COVERED, "-", "no manifest");
	f = facts(6, 4, 9841, 1, -1);
	expect("6.4 (technical preview)", &f, UPDATE_NOT_COVERED, "-", NULL);
	memset(&f, 0, sizeof f);
	expect("no version", &f, UPDATE_UNDETERMINED, "-", "could not be read");
}

#define R7 "Package_for_RollupFix~31bf3856ad364e35~amd64~~7601."
static void legacy(void)
{
	struct machine_facts f;
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, "Package_for_KB4474419~31bf3856ad364e35~amd64~~6.1.3.2", NULL, CBS_STATE_INSTALLED);
	pkg(&f, R7 "24002.1.4", "KB4056894", CBS_STATE_SUPERSEDED);
	pkg(&f, R7 "25740.1.4", "KB5006743", CBS_STATE_INSTALLED);
	expect("7 SP1 with the October 2021 rollup", &f, UPDATE_SATISFIED, "win7sp1-server2008r2", "KB5006743");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, "Package_for_KB5006728~31bf3856ad364e35~amd64~~6.1.1.3", NULL, CBS_STATE_INSTALLED);
	pkg(&f, "Package_1_for_KB5006728~31bf3856ad364e35~amd64~~6.1.1.3", NULL, CBS_STATE_INSTALLED);
	expect("7 SP1 with the security-only update", &f, UPDATE_SATISFIED, "win7sp1-server2008r2", "KB5006728");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "26321.1.6", "KB5022338", CBS_STATE_INSTALLED);
	expect("7 SP1 with a later rollup", &f, UPDATE_SATISFIED, "win7sp1-server2008r2", "KB5022338");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "25740.1.4", "KB5006743", CBS_STATE_SUPERSEDED);
	pkg(&f, R7 "26321.1.6", "KB5022338", CBS_STATE_PERMANENT);
	expect("7 SP1: superseded and permanent", &f, UPDATE_SATISFIED, "win7sp1-server2008r2", "KB5006743");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, "Package_for_KB5022339~31bf3856ad364e35~amd64~~6.1.1.0", NULL, CBS_STATE_INSTALLED);
	expect("7 SP1 with only a later security-only update", &f, UPDATE_MISSING, "win7sp1-server2008r2",
	       "security-only track");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "25740.1.4", "KB5006743", CBS_STATE_INSTALL_PENDING);
	f.reboot = REBOOT_CBS;
	expect("7 SP1 with the rollup pending a reboot", &f, UPDATE_PENDING_REBOOT, "win7sp1-server2008r2",
	       "KB5006743");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "25740.1.4", "KB5006743", CBS_STATE_STAGED);
	expect("7 SP1 with the rollup only staged", &f, UPDATE_MISSING, "win7sp1-server2008r2", NULL);
	f = facts(6, 1, 7601, 1, -1);
	expect("7 SP1 with nothing", &f, UPDATE_MISSING, "win7sp1-server2008r2", "KB5006728");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "25800.1.4", NULL, CBS_STATE_INSTALLED);
	expect("7 SP1 with a rollup without .mum", &f, UPDATE_UNDETERMINED, "win7sp1-server2008r2", "could not be read");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "24002.1.4", "KB4056894", CBS_STATE_SUPERSEDED);
	expect("7 SP1 with only a 2018 rollup: missing, the inference labelled", &f, UPDATE_MISSING,
	       "win7sp1-server2008r2", "hint: KB4056894 was counted as older");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "25740.1.4", "KB5006743", CBS_STATE_INSTALLED);
	f.packages[0].has_state = 0;
	expect("7 SP1 with the October 2021 rollup whose state is unreadable", &f, UPDATE_UNDETERMINED,
	       "win7sp1-server2008r2", "state could not be read");
	f = facts(6, 1, 7601, 3, -1);
	pkg(&f, R7 "26900.1.4", "KB5034169", CBS_STATE_INSTALLED);
	expect("2008 R2 SP1 with KB5034169", &f, UPDATE_SATISFIED, "win7sp1-server2008r2", NULL);
	f = facts(6, 1, 7601, 3, -1);
	pkg(&f, R7 "27000.1.4", "KB5040000", CBS_STATE_INSTALLED);
	expect("2008 R2 with an unknown newer rollup", &f, UPDATE_UNDETERMINED, "win7sp1-server2008r2",
	       "hint, not a fact");
	f = facts(6, 1, 7601, 3, -1);
	pkg(&f, R7 "27000.1.4", "KB5040000", CBS_STATE_INSTALLED);
	pkg(&f, R7 "25740.1.4", "KB5006743", CBS_STATE_SUPERSEDED);
	expect("a known rollup outweighs an unknown one", &f, UPDATE_SATISFIED, "win7sp1-server2008r2",
	       "KB5006743 (superseded)");
	f = facts(6, 1, 7601, 1, -1);
	f.cbs_error = 5;
	(void)snprintf(f.cbs_error_text, sizeof f.cbs_error_text, "access denied");
	expect("7 SP1, CBS unreadable", &f, UPDATE_UNDETERMINED, "win7sp1-server2008r2", "access denied");

	f = facts(6, 0, 6002, 3, -1);
	pkg(&f, "Package_for_KB5006715~31bf3856ad364e35~amd64~~6.0.1.0", NULL, CBS_STATE_INSTALLED);
	expect("2008 SP2 with the security-only update", &f, UPDATE_SATISFIED, "server2008sp2", NULL);
	f = facts(6, 0, 6003, 3, -1);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~6003.21251.1.2", "KB5006736", CBS_STATE_INSTALLED);
	expect("2008 SP2 (6003) with the rollup", &f, UPDATE_SATISFIED, "server2008sp2", NULL);
	f = facts(6, 2, 9200, 3, -1);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9200.23490.1.2", "KB5006739", CBS_STATE_INSTALLED);
	expect("2012 with the rollup", &f, UPDATE_SATISFIED, "server2012", NULL);
	f = facts(6, 2, 9200, 3, -1);
	expect("2012 with nothing", &f, UPDATE_MISSING, "server2012", "KB5006739");
	f = facts(6, 3, 9600, 1, -1);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9600.20144.1.2", "KB5006714", CBS_STATE_INSTALLED);
	expect("8.1 with the rollup", &f, UPDATE_SATISFIED, "win81-server2012r2", NULL);
	f = facts(6, 3, 9600, 3, -1);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9600.23400.1.2", "KB5130000", CBS_STATE_INSTALLED);
	expect("2012 R2 with an unknown rollup", &f, UPDATE_UNDETERMINED, "win81-server2012r2", "KB5130000");
}

/* Runs the assessment and checks verdict, manifest and the confidence the
 * verdict rests on (and, if given, a phrase). */
static void expect_conf(const char *what, struct machine_facts *f, enum update_verdict v, const char *id,
                        enum manifest_confidence c, const char *phrase)
{
	struct update_assessment a;
	int rc = assess_update(&set, f, &a);
	const char *got_id = a.m ? a.m->id : "-";
	CHECK(rc == 0 && a.verdict == v && !strcmp(got_id, id) && a.nbasis > 0 && a.confidence == c &&
	          (!phrase || strstr(a.reason, phrase) || strstr(a.by, phrase) || strstr(a.warning, phrase) ||
	           strstr(a.hint, phrase)),
	      "%s: %s by %s, %s (%s; %s)", what, update_verdict_name(a.verdict), got_id,
	      a.nbasis ? manifest_confidence_name(a.confidence) : "no basis", a.reason, a.hint);
	update_assessment_free(&a);
	machine_facts_free(f);
}

static const struct manifest *find(const char *id)
{
	size_t i;
	for (i = 0; i < set.n; i++)
		if (!strcmp(set.v[i]->id, id))
			return set.v[i];
	return NULL;
}

static int has_prereq(const char *id, const char *kb)
{
	const struct manifest *m = find(id);
	size_t i;
	for (i = 0; m && i < m->nprereqs; i++)
		if (!strcmp(m->prereqs[i].kb, kb))
			return 1;
	return 0;
}

/* Issue 10: each fault found in the review of the manifests, as a case that
 * failed before the fix. */
static void review_faults(void)
{
	struct machine_facts f;
	struct update_assessment a;

	/* 1. An out-of-band update never satisfies on its own. */
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, "Package_for_KB5010798~31bf3856ad364e35~amd64~~6.1.1.0", NULL, CBS_STATE_INSTALLED);
	expect("fault 1: 7 SP1 security-only track with only the OOB KB5010798", &f, UPDATE_MISSING,
	       "win7sp1-server2008r2", "KB5010798 is an out-of-band update");
	f = facts(6, 1, 7601, 3, -1);
	pkg(&f, R7 "26200.1.4", "KB5021651", CBS_STATE_INSTALLED);
	expect("fault 1: 2008 R2 with only the November 2022 OOB as a rollup package", &f, UPDATE_MISSING,
	       "win7sp1-server2008r2", "out-of-band");
	f = facts(6, 2, 9200, 3, -1);
	pkg(&f, "Package_for_KB5070887~31bf3856ad364e35~amd64~~6.2.1.0", NULL, CBS_STATE_INSTALLED);
	expect("fault 1: 2012 with only the October 2025 OOB", &f, UPDATE_MISSING, "server2012", "KB5070887");
	f = facts(6, 3, 9600, 3, -1);
	pkg(&f, "Package_for_KB2919355~31bf3856ad364e35~amd64~~6.3.1.14", NULL, CBS_STATE_INSTALLED);
	pkg(&f, "Package_for_KB5010794~31bf3856ad364e35~amd64~~6.3.1.0", NULL, CBS_STATE_INSTALLED);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9600.20245.1.2", "KB5009624", CBS_STATE_INSTALLED);
	expect_conf("fault 1: 2012 R2 with the January 2022 rollup and its OOB: the rollup counts", &f,
	            UPDATE_SATISFIED, "win81-server2012r2", MANIFEST_CONFIRMED, "KB5009624");

	/* 2. A verdict resting on a fact that is not confirmed says so. */
	f = facts(6, 3, 9600, 3, -1);
	pkg(&f, "Package_for_KB2919355~31bf3856ad364e35~amd64~~6.3.1.14", NULL, CBS_STATE_INSTALLED);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9600.23338.1.2", "KB5120385", CBS_STATE_INSTALLED);
	expect_conf("fault 2: 2012 R2 satisfied only by the unconfirmed KB5120385", &f, UPDATE_SATISFIED,
	            "win81-server2012r2", MANIFEST_INFERRED, "KB5120385");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "25740.1.4", "KB5006743", CBS_STATE_INSTALLED);
	expect_conf("fault 2: 7 SP1 with the October 2021 rollup rests on Microsoft", &f, UPDATE_SATISFIED,
	            "win7sp1-server2008r2", MANIFEST_CONFIRMED, NULL);
	f = facts(6, 3, 9600, 3, -1);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9600.23338.1.2", "KB5120385", CBS_STATE_INSTALLED);
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9600.20144.1.2", "KB5006714", CBS_STATE_SUPERSEDED);
	expect_conf("fault 2: a confirmed rollup outweighs an unconfirmed one", &f, UPDATE_SATISFIED,
	            "win81-server2012r2", MANIFEST_CONFIRMED, "KB5006714");

	/* 3. Windows Embedded 8 Standard is checked like Server 2012. */
	f = facts(6, 2, 9200, 1, -1);
	(void)snprintf(f.product_name, sizeof f.product_name, "Windows Embedded 8 Standard");
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9200.23490.1.2", "KB5006739", CBS_STATE_INSTALLED);
	/* Inferred, not confirmed: KB5022661 has no Embedded 8 Standard row; that
	 * the edition is checked like Server 2012 rests on the catalog and the
	 * shared servicing (the fact check of the manifests). */
	expect_conf("fault 3: Embedded 8 Standard with KB5006739", &f, UPDATE_SATISFIED, "embedded8-standard",
	            MANIFEST_INFERRED, "KB5006739");
	f = facts(6, 2, 9200, 1, -1);
	(void)snprintf(f.product_name, sizeof f.product_name, "Windows Embedded 8 Standard");
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9200.24400.1.2", "KB5028232", CBS_STATE_INSTALLED);
	expect_conf("fault 3: Embedded 8 Standard with the July 2023 rollup: inferred", &f, UPDATE_SATISFIED,
	            "embedded8-standard", MANIFEST_INFERRED, NULL);
	f = facts(6, 2, 9200, 1, -1);
	(void)snprintf(f.product_name, sizeof f.product_name, "Windows Embedded 8 Standard");
	expect("fault 3: Embedded 8 Standard with nothing", &f, UPDATE_MISSING, "embedded8-standard", "KB5006739");
	f = facts(6, 2, 9200, 1, -1);
	(void)snprintf(f.product_name, sizeof f.product_name, "Windows 8 Pro");
	pkg(&f, "Package_for_RollupFix~31bf3856ad364e35~amd64~~9200.23490.1.2", "KB5006739", CBS_STATE_INSTALLED);
	expect("fault 3: Windows 8 Pro stays without an update", &f, UPDATE_NO_UPDATE, "win8", "upgrade");

	/* 4. Windows Server 2004 / 20H2 are covered; Server 1909 has no update. */
	f = facts(10, 0, 19042, 3, 1266);
	expect_conf("fault 4: Server 20H2 at 19042.1266", &f, UPDATE_SATISFIED, "win10-2004-21h1", MANIFEST_CONFIRMED,
	            NULL);
	f = facts(10, 0, 19041, 3, 1000);
	expect("fault 4: Server 2004 at 19041.1000", &f, UPDATE_MISSING, "win10-2004-21h1", "KB5005611");
	f = facts(10, 0, 18363, 3, 1900);
	expect_conf("fault 4: Server 1909", &f, UPDATE_NO_UPDATE, "server-1909", MANIFEST_INFERRED, "servicing ended");

	/* 5. A missing service pack or KB2919355 is named first. */
	f = facts(6, 1, 7600, 1, -1);
	CHECK(assess_update(&set, &f, &a) == 0 && a.verdict == UPDATE_MISSING && a.nprereq_missing >= 1 &&
	          !strcmp(a.prereq_missing[0]->kb, "KB976932") && strstr(a.reason, "install KB976932"),
	      "fault 5: Windows 7 RTM is told to install SP1 first: %s", a.reason);
	update_assessment_free(&a);
	machine_facts_free(&f);
	f = facts(6, 0, 6001, 3, -1);
	expect("fault 5: Server 2008 without SP2", &f, UPDATE_MISSING, "server2008sp2", "install KB948465");
	f = facts(6, 3, 9600, 1, -1);
	pkg(&f, "Package_for_KB5006729~31bf3856ad364e35~amd64~~6.3.1.0", NULL, CBS_STATE_STAGED);
	expect("fault 5: 8.1 without KB2919355", &f, UPDATE_MISSING, "win81-server2012r2", "install KB2919355");
	f = facts(6, 3, 9600, 1, -1);
	pkg(&f, "Package_for_KB2919355~31bf3856ad364e35~amd64~~6.3.1.14", NULL, CBS_STATE_INSTALLED);
	expect("fault 5: 8.1 with KB2919355 and nothing else", &f, UPDATE_MISSING, "win81-server2012r2",
	       "none of KB5006714");
	f = facts(6, 1, 7601, 1, -1);
	expect("fault 5: 7 SP1 is not told to install SP1", &f, UPDATE_MISSING, "win7sp1-server2008r2", "none of");

	/* 6. Server 2008 SP2's ESU preparation package. */
	CHECK(has_prereq("server2008sp2", "KB4538484") && !has_prereq("server2008sp2", "KB4538483") &&
	          has_prereq("win7sp1-server2008r2", "KB4538483"),
	      "fault 6: Server 2008 SP2 names KB4538484, Windows 7 / 2008 R2 KB4538483");
	/* 8. 8.1 / 2012 R2 name KB2919355 as a checked prerequisite. */
	CHECK(has_prereq("win81-server2012r2", "KB2919355"), "fault 8: 8.1 / 2012 R2 name KB2919355");

	/* 9. 21H2 is native by inference, with the warning below .1586. */
	f = facts(10, 0, 19044, 1, 1288);
	expect_conf("fault 9: 21H2 at 1288", &f, UPDATE_SATISFIED, "win10-21h2", MANIFEST_INFERRED, "KB5011487");
	f = facts(10, 0, 19044, 1, 1586);
	expect_conf("fault 9: 21H2 at 1586", &f, UPDATE_SATISFIED, "win10-21h2", MANIFEST_INFERRED, NULL);

	/* 10. The "no update exists" rows are labelled inferences. */
	f = facts(10, 0, 17134, 1, 100);
	expect_conf("fault 10: 1803", &f, UPDATE_NO_UPDATE, "win10-1803", MANIFEST_INFERRED, NULL);
	f = facts(6, 0, 6002, 1, -1);
	expect_conf("fault 10: Vista", &f, UPDATE_NO_UPDATE, "vista", MANIFEST_INFERRED, NULL);
}

static void parsing(void)
{
	struct cbs_package p;
	char kb[12];
	static const char mum[] = "<?xml version=\"1.0\"?>\r\n<assembly xmlns=\"urn:schemas-microsoft-com:asm.v3\">"
	                          "<assemblyIdentity name=\"Package_for_RollupFix\" version=\"7601.25740.1.4\"/>"
	                          "<package identifier=\"KB5006743\" releaseType=\"Security Update\">";
	CHECK(cbs_classify("Package_for_KB5006728~31bf3856ad364e35~amd64~~6.1.1.3", &p) && !strcmp(p.kb, "KB5006728") &&
	          !p.rollup,
	      "a security-only package's KB comes from its name");
	CHECK(cbs_classify("Package_12_for_KB5006728~31bf3856ad364e35~x86~~6.1.1.3", &p) && !strcmp(p.kb, "KB5006728"),
	      "a numbered sub-package counts too");
	CHECK(cbs_classify(R7 "25740.1.4", &p) && p.rollup && !p.kb[0] && p.version_build == 7601 &&
	          p.version_rev == 25740,
	      "a rollup's build and revision come from its identity");
	CHECK(!cbs_classify("Package_for_KB5006728~31bf3856ad364e35~amd64~~6.1.1.3\x1b[2J", &p) &&
	          !cbs_classify("Package_for_RollupFix~31bf3856ad364e35~amd64~~7601.1/../../x", &p),
	      "identities with control characters or path separators are not read");
	CHECK(!cbs_classify("Microsoft-Windows-Foo-Package~31bf3856ad364e35~amd64~~6.1.7601.17514", &p),
	      "other packages are not read");
	CHECK(!cbs_classify("Package_for_KB12~x", &p) && !cbs_classify("Package_for_KB50067281~x", &p) &&
	          !cbs_classify("Package_x_for_KB5006728~x", &p),
	      "malformed KB names are not read");
	CHECK(mum_find_kb(mum, sizeof mum - 1, kb) == 0 && !strcmp(kb, "KB5006743"), "the .mum's package identifier");
	CHECK(mum_find_kb("<package identifier=\"KB50\">", 27, kb) != 0, "a malformed identifier is refused");
	CHECK(mum_find_kb("<packages identifier=\"KB5006743\">", 33, kb) != 0, "only the <package element counts");
	CHECK(mum_find_kb("<package identifier=\"KB5006743", 30, kb) != 0, "a cut-off .mum gives no KB");
}

static void names(void)
{
	struct machine_facts f;
	char s[80];
	f = facts(6, 1, 7601, 1, -1);
	f.sp_major = 1;
	machine_os_name(&f, s, sizeof s);
	CHECK(!strcmp(s, "Windows 7 SP1"), "name: %s", s);
	f = facts(10, 0, 17763, 3, 1);
	machine_os_name(&f, s, sizeof s);
	CHECK(!strcmp(s, "Windows Server 2019"), "name: %s", s);
	f = facts(10, 0, 22631, 1, 1);
	machine_os_name(&f, s, sizeof s);
	CHECK(!strcmp(s, "Windows 11"), "name: %s", s);
	f = facts(10, 0, 19044, 1, 1);
	machine_os_name(&f, s, sizeof s);
	CHECK(!strcmp(s, "Windows 10 21H2"), "name: %s", s);
}

/* The names and warnings that only the report (under Wine) showed: every OS
 * name branch, the evidence and state words, and each reboot marker's text. */
static void names_and_warnings(void)
{
	static const struct {
		unsigned major, minor, build, type;
		const char *want;
	} os[] = {
		{6, 3, 9600, 1, "Windows 8.1"},           {6, 3, 9600, 3, "Windows Server 2012 R2"},
		{6, 2, 9200, 1, "Windows 8"},             {6, 2, 9200, 3, "Windows Server 2012"},
		{6, 1, 7601, 2, "Windows Server 2008 R2"}, {6, 0, 6002, 1, "Windows Vista"},
		{6, 0, 6003, 3, "Windows Server 2008"},   {5, 2, 3790, 3, "Windows Server 2003"},
		{5, 2, 3790, 1, "Windows XP x64 Edition"}, {5, 1, 2600, 1, "Windows XP"},
		{4, 0, 1381, 1, "Windows 4.0 (build 1381)"}, {10, 0, 30000, 3, "Windows Server (build 30000)"},
		{10, 0, 12345, 1, "Windows 10 (build 12345)"},
	};
	struct machine_facts f;
	char s[80], buf[16];
	size_t i;
	for (i = 0; i < sizeof os / sizeof os[0]; i++) {
		f = facts(os[i].major, os[i].minor, os[i].build, os[i].type, -1);
		machine_os_name(&f, s, sizeof s);
		CHECK(!strcmp(s, os[i].want), "name of %u.%u.%u type %u: %s", os[i].major, os[i].minor, os[i].build,
		      os[i].type, s);
	}
	memset(&f, 0, sizeof f);
	machine_os_name(&f, s, sizeof s);
	CHECK(!strcmp(s, "undetermined Windows version"), "no version read: %s", s);
	CHECK(!strcmp(evidence_meets_name(MEETS_YES), "yes") && !strcmp(evidence_meets_name(MEETS_NO), "no") &&
	          !strcmp(evidence_meets_name(MEETS_PENDING), "after-reboot") &&
	          !strcmp(evidence_meets_name(MEETS_UNKNOWN), "unknown"),
	      "the evidence words of the report");
	CHECK(!strcmp(cbs_state_text(CBS_STATE_ABSENT, buf), "absent") && !strcmp(cbs_state_text(0x33, buf), "state 0x33"),
	      "CBS state words, and an unknown state by number");

	f = facts(10, 0, 19044, 1, -1);
	expect("21H2 without a readable UBR: satisfied, with the source's minimum named", &f, UPDATE_SATISFIED,
	       "win10-21h2", "the UBR could not be read; one source lists KB5011487");
	f = facts(10, 0, 17763, 1, 1577);
	f.reboot = REBOOT_RENAMES;
	expect("1809 below the threshold, file renames pending", &f, UPDATE_MISSING, "win10-1809-server2019",
	       "a reboot is also pending (file renames are pending a reboot)");
	f = facts(6, 1, 7601, 1, -1);
	pkg(&f, R7 "25740.1.4", "KB5006743", CBS_STATE_INSTALLED);
	f.reboot = REBOOT_WU;
	expect("7 SP1 with the rollup, Windows Update wants a reboot", &f, UPDATE_SATISFIED, "win7sp1-server2008r2",
	       "a reboot is pending (Windows Update reports a required reboot)");
	f = facts(6, 1, 7601, 1, -1);
	f.reboot = REBOOT_CBS | REBOOT_WU;
	expect("7 SP1 with nothing, CBS wants a reboot", &f, UPDATE_MISSING, "win7sp1-server2008r2",
	       "a reboot is also pending (Component Based Servicing reports a pending reboot)");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_assess MANIFEST_DIR\n");
		return 2;
	}
	load(argv[1]);
	windows10_and_later();
	no_update_and_not_covered();
	legacy();
	review_faults();
	parsing();
	names();
	names_and_warnings();
	manifest_set_free(&set);
	return t_done();
}
