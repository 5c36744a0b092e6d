/* acskit-run: verifies a kit and (on Windows, later verbs) acts on it.
 * main only parses, validates and dispatches, one function per verb. */
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "entry.h"
#include "exitcodes.h"
#include "kit.h"
#include "print.h"
#include "version.h"

static void usage(void)
{
	say("usage: acskit-run verify KIT.zip [--expect IDENTITY]\n"
	    "       acskit-run show KIT.zip [--expect IDENTITY]\n"
	    "       acskit-run --version | --help\n");
}

/* Verifies the kit and the expected identity; prints the refusal. Returns an
 * exit code; *out is set only on EXIT_OK. */
static int open_kit(const char *path, const char *expect, struct kit **out)
{
	struct kit_error err;
	uint8_t want[32];

	*out = NULL;
	if (expect && kit_unhex(expect, want, 32) != 0) {
		complain("--expect: a kit identity is 64 hex digits, got '%s'", expect);
		return EXIT_USAGE;
	}
	if (kit_verify_file(path, out, &err) != 0) {
		if (err.code == KIT_E_REFUSED)
			complain("refused: %s: %s", path, err.msg);
		else
			complain("%s", err.msg);
		return acskit_exit_for(err.code);
	}
	if (expect && memcmp(want, (*out)->identity, 32) != 0) {
		complain("refused: %s: identity mismatch: kit identity %s is not the expected %s", path,
		         (*out)->identity_hex, expect);
		kit_free(*out);
		*out = NULL;
		return EXIT_ID_MISMATCH;
	}
	return EXIT_OK;
}

static int cmd_verify(const char *path, const char *expect)
{
	struct kit *k;
	int rc = open_kit(path, expect, &k);
	if (rc != EXIT_OK)
		return rc;
	say("kit identity: %s\n", k->identity_hex);
	say("verified:     %s: %lu entries match the index (sizes and SHA-256)%s\n", path,
	    (unsigned long)k->index.count, expect ? "; identity as expected" : "");
	say("label:        %s\n", k->index.label);
	say("created:      %s by %s\n", k->index.created_text, k->index.builder);
	say("root:         %s (SHA-256 %s, the pin)\n", k->root_cn, kit_pin_sha256_hex);
	say("manifests:    %lu\n", (unsigned long)k->manifests.n);
	kit_free(k);
	return EXIT_OK;
}

/* The builds a manifest matches, e.g. "17763" or "22000 and later". */
static void say_builds(const struct manifest *m)
{
	size_t i;
	for (i = 0; i < m->nranges; i++) {
		const struct manifest_range *r = &m->ranges[i];
		say("%s", i ? ", " : "");
		if (r->hi == UINT32_MAX)
			say("%u and later", (unsigned)r->lo);
		else if (r->hi == r->lo)
			say("%u", (unsigned)r->lo);
		else
			say("%u to %u", (unsigned)r->lo, (unsigned)r->hi);
	}
}

static const char *product_text(enum manifest_product p)
{
	return p == MANIFEST_WORKSTATION ? "workstation" : p == MANIFEST_SERVER ? "server" : "workstation or server";
}

static void say_requirement(const struct manifest *m)
{
	size_t i;
	switch (m->requirement) {
	case MANIFEST_NATIVE:
		say("    needs      nothing: every build matched has ACS support\n");
		if (m->has_warn_below)
			say("    warning    below UBR %u one source names %s; reported as a warning, not as missing\n",
			    (unsigned)m->warn_below_ubr, m->warn_kb);
		break;
	case MANIFEST_BUILD_UBR:
		say("    needs      UBR %u or later: %s (%s) or any later cumulative update\n", (unsigned)m->min_ubr,
		    m->fix_kb, m->fix_date);
		for (i = 0; i < m->nalso; i++)
			say("    also       %s gives %u.%u (%s)\n", m->also[i].kb, (unsigned)m->also[i].build,
			    (unsigned)m->also[i].ubr, m->also[i].date);
		break;
	case MANIFEST_LEGACY_KB:
		say("    needs      %s (October 2021 monthly rollup), or %s (October 2021 security-only\n"
		    "               update), or any later monthly rollup\n",
		    m->rollup_oct2021, m->security_only_oct2021);
		if (m->nrollups)
			say("    rollups    %lu later rollups known, newest %s%s\n", (unsigned long)m->nrollups,
			    m->rollups[m->nrollups - 1].kb, m->rollups[m->nrollups - 1].unconfirmed ? " (unconfirmed)" : "");
		for (i = 0; i < m->nprereqs; i++)
			say("    first      %s %s\n", m->prereqs[i].kb, m->prereqs[i].text);
		break;
	case MANIFEST_NO_UPDATE:
		say("    needs      an upgrade: no update brings ACS support to this version\n");
		break;
	}
}

static int cmd_show(const char *path, const char *expect)
{
	struct kit *k;
	size_t i, j;
	char hex[65];
	int rc = open_kit(path, expect, &k);
	if (rc != EXIT_OK)
		return rc;
	say("kit identity: %s\n", k->identity_hex);
	say("verified:     every entry matches the index\n");
	say("label:        %s\n", k->index.label);
	say("created:      %s\n", k->index.created_text);
	say("builder:      %s\n", k->index.builder);
	say("root:         %s\n", k->root_name);
	say("              %s\n", k->root_cn);
	say("              SHA-256 %s (the pin)\n", kit_pin_sha256_hex);
	say("              SHA-1   %s (the Windows thumbprint)\n", kit_pin_sha1_hex);
	say("\nfiles (%lu, plus %s):\n", (unsigned long)k->index.count, KIT_INDEX_NAME);
	for (i = 0; i < k->index.count; i++) {
		kit_hex(k->index.entries[i].sha256, 32, hex);
		say("  %10llu  %s  %s\n", (unsigned long long)k->index.entries[i].size, hex, k->index.entries[i].name);
	}
	say("\nWindows versions (%lu manifests):\n", (unsigned long)k->manifests.n);
	for (i = 0; i < k->manifests.n; i++) {
		const struct manifest *m = k->manifests.v[i];
		say("\n  %s\n", m->title);
		say("    manifest   %s (checked %s)\n", m->id, m->checked);
		say("    matches    version %u.%u, build ", m->ver_major, m->ver_minor);
		say_builds(m);
		say(", %s\n", product_text(m->product));
		say_requirement(m);
		for (j = 0; j < m->advice.n; j++)
			say("    %s %s\n", j ? "          " : "advice    ", m->advice.v[j]);
		for (j = 0; j < m->notes.n; j++)
			say("    %s %s\n", j ? "          " : "note      ", m->notes.v[j]);
	}
	kit_free(k);
	return EXIT_OK;
}

int tool_main(int argc, char **argv)
{
	const char *verb, *path = NULL, *expect = NULL;
	int i;

	print_set_program("acskit-run");
	if (argc < 2) {
		usage();
		return EXIT_USAGE;
	}
	verb = argv[1];
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h") || !strcmp(verb, "help")) {
		usage();
		return EXIT_OK;
	}
	if (!strcmp(verb, "--version")) {
		say("acskit-run %s (crypto: %s)\n", ACSKIT_VERSION, crypto_backend_name());
		return EXIT_OK;
	}
	if (strcmp(verb, "verify") != 0 && strcmp(verb, "show") != 0) {
		complain("unknown verb '%s' (see --help)", verb);
		return EXIT_USAGE;
	}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--expect")) {
			if (i + 1 >= argc) {
				complain("--expect needs a kit identity");
				return EXIT_USAGE;
			}
			expect = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			complain("unknown option '%s' (see --help)", argv[i]);
			return EXIT_USAGE;
		} else if (!path) {
			path = argv[i];
		} else {
			complain("%s takes one kit", verb);
			return EXIT_USAGE;
		}
	}
	if (!path) {
		complain("%s needs a kit (see --help)", verb);
		return EXIT_USAGE;
	}
	return !strcmp(verb, "verify") ? cmd_verify(path, expect) : cmd_show(path, expect);
}
