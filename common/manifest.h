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

struct manifest_rollup {
	char kb[10];
	int oob;
	int unconfirmed;
};

struct manifest_package {
	char arch[6];   /* "x64", "x86" or "arm64" */
	char kb[10];
	char *entry;    /* "payload/<file>": an entry of the same kit */
};

struct manifest_prereq {
	char kb[10];
	char *text;
};

struct manifest {
	char id[MANIFEST_ID_MAX + 1];
	char *title;
	unsigned ver_major, ver_minor;
	size_t nranges;
	struct manifest_range ranges[MANIFEST_MAX_RANGES];
	enum manifest_product product;
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
	struct manifest_strings sources;
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
 * (1 workstation, 2 domain controller, 3 server), else 0. */
int manifest_matches(const struct manifest *m, unsigned major, unsigned minor, uint32_t build,
                     unsigned product_type);

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
