/* Assessing a Windows machine against a kit's manifests (docs/runbook.md and
 * docs/report.md): which manifest matches the machine, and whether the OS
 * update of KB5022661 is satisfied, missing, pending a reboot, or
 * undetermined. Portable and pure: the platform gathers the facts
 * (plat_machine_read on Windows), this file only reasons about them, so every
 * verdict is unit-tested on any host. It never prints. */
#ifndef ACSKIT_ASSESS_H
#define ACSKIT_ASSESS_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

/* CBS CurrentState values (../shared/facts, section 4). */
#define CBS_STATE_ABSENT 0x00
#define CBS_STATE_STAGED 0x40
#define CBS_STATE_SUPERSEDED 0x50
#define CBS_STATE_INSTALL_PENDING 0x60
#define CBS_STATE_INSTALLED 0x70
#define CBS_STATE_PERMANENT 0x80

/* One Component Based Servicing package that names a KB or is a rollup. */
struct cbs_package {
	char identity[256];  /* the key name under ...\Component Based Servicing\Packages */
	int rollup;          /* 1: Package_for_RollupFix~... (KB only in its .mum) */
	char kb[12];         /* "KB5006743"; "" when unknown (a rollup whose .mum was unreadable) */
	char kb_source[24];  /* "package name", ".mum", or why unknown: "no .mum", "unreadable .mum", ... */
	uint32_t version_build, version_rev; /* a rollup's <build>.<rev> from its identity, or 0 */
	int has_state;
	uint32_t state;      /* CurrentState */
};

/* Why a reboot is pending, as bits. */
#define REBOOT_CBS 1u          /* ...\Component Based Servicing\RebootPending */
#define REBOOT_WU 2u           /* ...\WindowsUpdate\Auto Update\RebootRequired */
#define REBOOT_RENAMES 4u      /* Session Manager PendingFileRenameOperations */

/* What the platform found. A field it could not read is marked so; the
 * verdicts never fill a gap with a guess. */
struct machine_facts {
	int have_version;
	unsigned major, minor, build;
	unsigned product_type;      /* 1 workstation, 2 domain controller, 3 server */
	unsigned sp_major;          /* service pack, from RtlGetVersion */
	int have_ubr;
	uint32_t ubr;
	char product_name[128];     /* registry strings, "" when absent */
	char edition_id[64];
	char installation_type[32];
	char display_version[32];
	char csd_version[64];
	char arch[8];               /* native: "x64", "x86", "arm64", "unknown" */
	char process_arch[8];       /* this exe's */
	/* Installed updates: cbs_error is 0 when the CBS registry was read, else
	 * an error code and cbs_error_text says what failed. */
	int cbs_error;
	char cbs_error_text[160];
	size_t npackages, cap;
	struct cbs_package *packages;
	unsigned reboot;            /* REBOOT_* bits */
	int reboot_error;           /* the markers could not all be read */
};

void machine_facts_free(struct machine_facts *m);
/* Appends a package (copied). Returns 0 or -1 when memory ran out. */
int machine_add_package(struct machine_facts *m, const struct cbs_package *p);
/* Fills kb/rollup/version fields of p from its identity (the key name).
 * Returns 1 if the identity is one acskit reads (Package_for_KB..., Package_N_for_KB...,
 * Package_for_RollupFix...) and holds only A-Z a-z 0-9 _ . ~ - (it is printed
 * and becomes part of a file name), else 0. */
int cbs_classify(const char *identity, struct cbs_package *p);
/* Finds the KB in a rollup's .mum text: the identifier of its <package>
 * element. Returns 0 and kb ("KBnnnnnnn"), or -1 if there is none. */
int mum_find_kb(const char *text, size_t len, char kb[12]);

/* The product type as a word: "workstation", "domain controller", "server". */
const char *machine_product_text(unsigned product_type);
/* A person's name for the OS, e.g. "Windows 7 SP1" or "Windows Server 2019";
 * from the facts, not from the registry's ProductName. */
void machine_os_name(const struct machine_facts *m, char *out, size_t n);

enum update_verdict {
	UPDATE_SATISFIED,
	UPDATE_MISSING,
	UPDATE_PENDING_REBOOT,
	UPDATE_UNDETERMINED,
	UPDATE_NO_UPDATE,   /* no update exists for this version: upgrade */
	UPDATE_NOT_COVERED  /* no manifest in the kit matches this machine */
};
/* "satisfied", "missing", "pending-reboot", "undetermined", "no-update", "not-covered". */
const char *update_verdict_name(enum update_verdict v);

/* What one package counted for. */
enum evidence_meets { MEETS_YES, MEETS_NO, MEETS_PENDING, MEETS_UNKNOWN };
const char *evidence_meets_name(enum evidence_meets e);

struct evidence {
	const struct cbs_package *pkg;
	enum evidence_meets meets;
	char why[600];     /* e.g. "the October 2021 monthly rollup", "a later security-only update";
	                    * room for a translation (assess_text_fn, assess.h): Japanese takes 3 bytes a character */
};

/* One fact group a verdict rests on, with its basis in the manifest. */
struct assessment_basis {
	char fact[40];                    /* "row", "threshold", "oct2021", "rollup KB5022338", ... */
	const struct manifest_basis *b;
};
#define ASSESS_MAX_BASIS 4
#define ASSESS_MAX_PREREQS MANIFEST_MAX_PREREQS

/* A translator for the texts an assessment writes: given one English text
 * of common/assess.c (a format or a phrase, each inside TX()), it returns
 * the text to use instead, which for a format must take the same arguments
 * (tests/unit/test_messages.c checks). The runner's text report in another
 * language uses one (runner/msg.c, msg_assess_text). */
typedef const char *(*assess_text_fn)(const char *english);

struct update_assessment {
	enum update_verdict verdict;
	const struct manifest *m;   /* the matching manifest, or NULL */
	char by[360];               /* what satisfies (or would, after a reboot): "KB5006743 (installed)" */
	char reason[1200];          /* one sentence a person reads (sized for a translation, assess_text_fn) */
	char minimum[12];           /* the minimum KB (build-ubr) or the Oct 2021 rollup (legacy) */
	char newest_rollup[12];     /* legacy: the newest rollup the kit knows */
	char warning[900];          /* e.g. the 21H2 source disagreement; "" if none */
	char hint[900];             /* a labelled inference, never the verdict itself; "" if none */
	size_t nevidence;
	struct evidence *evidence;  /* the packages that bear on the verdict */
	/* The manifest facts the verdict rests on, and the weakest confidence
	 * among them (only when nbasis > 0: a verdict the manifest decided). */
	size_t nbasis;
	struct assessment_basis basis[ASSESS_MAX_BASIS];
	enum manifest_confidence confidence;
	/* Prerequisites the machine lacks, checked ones only (a service pack by
	 * build, a KB by its CBS package), in manifest order. */
	size_t nprereq_missing;
	const struct manifest_prereq *prereq_missing[ASSESS_MAX_PREREQS];
	/* The translator every text above went through; NULL: English. */
	assess_text_fn text;
};

/* Assesses facts against the kit's manifests, with the texts in English
 * (what the JSON report uses). Returns 0 (free *out with
 * update_assessment_free), or -1 if memory ran out (nothing left to free). */
int assess_update(const struct manifest_set *set, const struct machine_facts *m, struct update_assessment *out);
/* The same, with every text through text (NULL: English). */
int assess_update_in(const struct manifest_set *set, const struct machine_facts *m, assess_text_fn text,
                     struct update_assessment *out);
void update_assessment_free(struct update_assessment *a);

/* The state word of a CBS CurrentState: "installed", "permanent", "superseded",
 * "install pending", "staged", "absent", or "state 0xNN" (buf, 16 bytes). */
const char *cbs_state_text(uint32_t state, char buf[16]);

#endif
