/* Manifests: what one Windows version needs to trust ACS-signed code
 * (docs/kit-format.md section 3). A strict parser over a buffer; the first
 * error is reported with its line number. */
#ifndef ACSKIT_MANIFEST_H
#define ACSKIT_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#define MANIFEST_MAX_BYTES 65536
#define MANIFEST_MAX_LINE 512
#define MANIFEST_ID_MAX 40
#define MANIFEST_MAX_RANGES 16
/* Prerequisite lines in one manifest: apply plans them and the update in a
 * fixed list (runner/report.h, INSTALL_MAX), and no row needs more than 4. */
#define MANIFEST_MAX_PREREQS 8
#define MANIFEST_BUILD_MAX 99999u

enum manifest_product { MANIFEST_WORKSTATION, MANIFEST_SERVER, MANIFEST_ANY };
enum manifest_requirement { MANIFEST_NATIVE, MANIFEST_BUILD_UBR, MANIFEST_LEGACY_KB, MANIFEST_NO_UPDATE };

struct manifest_range {
	uint32_t lo, hi; /* inclusive; hi is UINT32_MAX for "N+" */
};

struct manifest_strings {
	char **v;
	size_t n;
};

struct manifest_also {
	char kb[10];
	uint32_t build, ubr;
	char date[11];
};

/* How well a fact is established (docs/kit-format.md, "Sources and confidence"),
 * strongest first: the enum order is the order of strength. */
enum manifest_confidence { MANIFEST_CONFIRMED, MANIFEST_SINGLE_SOURCE, MANIFEST_INFERRED };
/* What a source is: a Microsoft document, another party's, or our reasoning. */
enum manifest_source_kind { MANIFEST_SRC_MICROSOFT, MANIFEST_SRC_OTHER, MANIFEST_SRC_INFERENCE };
/* The fact groups a 'basis' line vouches for. */
enum manifest_fact {
	MANIFEST_FACT_ROW,       /* which Windows the row covers and its requirement kind */
	MANIFEST_FACT_THRESHOLD, /* min-ubr and fix */
	MANIFEST_FACT_ALSO,      /* also-fixed-by */
	MANIFEST_FACT_WARN,      /* warn-below-ubr */
	MANIFEST_FACT_OCT2021,   /* rollup-oct2021 and security-only-oct2021 */
	MANIFEST_FACT_ROLLUPS,   /* rollup lines without their own basis */
	MANIFEST_FACT_PREREQS,   /* prerequisite lines */
	MANIFEST_FACT_COUNT
};
#define MANIFEST_TAG_MAX 24
#define MANIFEST_BASIS_MAX 4

struct manifest_source {
	char tag[MANIFEST_TAG_MAX + 1];
	enum manifest_source_kind kind;
	char *text;     /* title, address and date of the document, or the reasoning */
	unsigned line;
};

struct manifest_basis {
	int set;
	enum manifest_confidence confidence;
	size_t nsrc;
	size_t src[MANIFEST_BASIS_MAX]; /* indexes into manifest.srcs */
	unsigned line;
};

struct manifest_rollup {
	char kb[10];
	char date[11];
	int oob;                      /* out-of-band: never satisfies the requirement on its own */
	struct manifest_basis basis;  /* its own, or unset: the manifest's rollups basis */
	unsigned line;
};

struct manifest_package {
	char arch[6];   /* "x64", "x86" or "arm64" */
	char kb[10];
	char *entry;    /* "payload/<file>": an entry of the same kit */
};

/* How the runner tells whether a prerequisite is on the machine. */
enum manifest_prereq_check {
	MANIFEST_PREREQ_BUILD,     /* the build is at least min_build (a service pack) */
	MANIFEST_PREREQ_INSTALLED, /* a CBS package of the KB is installed */
	MANIFEST_PREREQ_UNCHECKED  /* not checked; named in the advice only */
};

struct manifest_prereq {
	char kb[10];
	enum manifest_prereq_check check;
	uint32_t min_build;   /* MANIFEST_PREREQ_BUILD */
	char *text;
	unsigned line;
};

struct manifest {
	char id[MANIFEST_ID_MAX + 1];
	char *title;
	unsigned ver_major, ver_minor;
	size_t nranges;
	struct manifest_range ranges[MANIFEST_MAX_RANGES];
	enum manifest_product product;
	char *product_name;     /* match-product-name: a ProductName prefix, or NULL */
	enum manifest_requirement requirement;
	int has_min_ubr;
	uint32_t min_ubr;
	char fix_kb[10];        /* "" if none */
	char fix_date[11];
	size_t nalso;
	struct manifest_also *also;
	int has_warn_below;
	uint32_t warn_below_ubr;
	char warn_kb[10];
	char rollup_oct2021[10];
	char security_only_oct2021[10];
	size_t nrollups;
	struct manifest_rollup *rollups;
	size_t nprereqs;
	struct manifest_prereq *prereqs;
	size_t npackages;
	struct manifest_package *packages;
	size_t nsrcs;
	struct manifest_source *srcs;
	struct manifest_basis basis[MANIFEST_FACT_COUNT];
	char checked[11];
	struct manifest_strings notes;
	struct manifest_strings advice;
};

struct manifest_error {
	unsigned line; /* 1-based; 0 for an error of the whole file */
	char msg[200];
};

/* Parses len bytes. Returns 0 and *out (free with manifest_free), or -1 with err. */
int manifest_parse(const char *buf, size_t len, struct manifest **out, struct manifest_error *err);
void manifest_free(struct manifest *m);

/* Returns 1 if the manifest matches version major.minor, build, product type
 * (1 workstation, 2 domain controller, 3 server), else 0. A manifest with a
 * match-product-name matches only when product_name (the registry's
 * ProductName, NULL or "" when unread) starts with it. */
int manifest_matches(const struct manifest *m, unsigned major, unsigned minor, uint32_t build,
                     unsigned product_type, const char *product_name);

/* The rules across fields (docs/kit-format.md, "Lint"): KB numbers unique in
 * the row, rollups dated in release order after October 2021, monthly rollups
 * on a Patch Tuesday, every fact group vouched for by a basis whose sources
 * support its confidence, every source used. manifest_parse applies it;
 * returns 0, or -1 with err (line 0 or the offending field's line). */
int manifest_lint(const struct manifest *m, struct manifest_error *err);

/* The basis a rollup rests on: its own, else the manifest's rollups basis. */
const struct manifest_basis *manifest_rollup_basis(const struct manifest *m, const struct manifest_rollup *r);
/* "confirmed", "single-source", "inferred". */
const char *manifest_confidence_name(enum manifest_confidence c);
/* "microsoft", "other", "inference". */
const char *manifest_source_kind_name(enum manifest_source_kind k);
/* "row", "threshold", "also-fixed-by", "warn-below", "oct2021", "rollups", "prerequisites". */
const char *manifest_fact_name(enum manifest_fact f);

/* Product names as in the grammar: "workstation", "server", "any". */
const char *manifest_product_name(enum manifest_product p);
/* Requirement names as in the grammar: "native", "build-ubr", ... */
const char *manifest_requirement_name(enum manifest_requirement r);

struct manifest_set {
	size_t n;
	struct manifest **v; /* sorted by id */
};

/* Adds m (taking ownership) to the set. Returns 0, or -1 if memory ran out (m is
 * then freed). */
int manifest_set_add(struct manifest_set *s, struct manifest *m);
/* Sorts by id and checks that no two manifests share an id or match the same
 * version, build and product type. Returns 0, or -1 with a message naming both
 * manifests in msg (size n). */
int manifest_set_check(struct manifest_set *s, char *msg, size_t n);
void manifest_set_free(struct manifest_set *s);

#endif
