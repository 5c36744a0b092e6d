/* acskit-build: packs the pinned root and the manifests into a kit.
 * main only parses, validates and dispatches; common/kitwrite.c does the work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "entry.h"
#include "exitcodes.h"
#include "kit.h"
#include "plat.h"
#include "print.h"
#include "text.h"
#include "timeutil.h"
#include "version.h"

#define DEFAULT_LABEL "ACS root and Windows readiness manifests"

static void usage(void)
{
	say("usage: acskit-build [-o KIT.zip] [--payload DIR] [--manifests DIR] [--add PATH]...\n"
	    "                    [--label TEXT] [--created YYYY-MM-DDTHH:MM:SSZ]\n"
	    "       acskit-build --version | --help\n"
	    "Defaults: -o kit.zip --payload payload --manifests manifests\n"
	    "          --created $SOURCE_DATE_EPOCH if set, else now.\n");
}

/* Shell-quotes s for the "rebuild:" line (single quotes, ' as '\''). */
static void say_quoted(const char *s)
{
	say("'");
	for (; *s; s++) {
		if (*s == '\'')
			say("'\\''");
		else
			say("%c", *s);
	}
	say("'");
}

/* Parses, validates and builds; adds has room for argc --add paths. */
static int run(int argc, char **argv, const char **adds)
{
	struct kit_build_options o;
	struct kit_build_result res;
	struct kit_error err;
	char builder[64], created[21];
	const char *created_arg = NULL, *sde;
	size_t nadds = 0;
	int i;

	memset(&o, 0, sizeof o);
	o.payload_dir = "payload";
	o.manifests_dir = "manifests";
	o.output = "kit.zip";
	o.label = DEFAULT_LABEL;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage();
			return EXIT_OK;
		}
		if (!strcmp(a, "--version")) {
			say("acskit-build %s (crypto: %s)\n", ACSKIT_VERSION, crypto_backend_name());
			return EXIT_OK;
		}
		if (!strcmp(a, "-o") || !strcmp(a, "--output"))
			dst = &o.output;
		else if (!strcmp(a, "--payload"))
			dst = &o.payload_dir;
		else if (!strcmp(a, "--manifests"))
			dst = &o.manifests_dir;
		else if (!strcmp(a, "--label"))
			dst = &o.label;
		else if (!strcmp(a, "--created"))
			dst = &created_arg;
		else if (!strcmp(a, "--add"))
			dst = &adds[nadds++];
		if (!dst) {
			complain("unknown argument '%s' (see --help)", a);
			return EXIT_USAGE;
		}
		if (i + 1 >= argc) {
			complain("%s needs a value (see --help)", a);
			return EXIT_USAGE;
		}
		*dst = argv[++i];
	}
	if (kit_label_invalid(o.label)) {
		complain("--label: %s", kit_label_invalid(o.label));
		return EXIT_USAGE;
	}
	if (created_arg) {
		if (time_parse_iso(created_arg, &o.created) != 0) {
			complain("--created: expected a UTC time YYYY-MM-DDTHH:MM:SSZ, got '%s'", created_arg);
			return EXIT_USAGE;
		}
	} else if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde) {
		uint64_t v;
		if (text_parse_u64(sde, strlen(sde), (uint64_t)INT64_MAX, &v) != 0) {
			complain("SOURCE_DATE_EPOCH: expected seconds since 1970, got '%s'", sde);
			return EXIT_USAGE;
		}
		o.created = (int64_t)v;
	} else {
		o.created = plat_now();
	}
	/* The zip's DOS time holds 1980 to 2107: a time outside is a usage error. */
	if (o.created < 315532800LL || o.created > 4354819198LL) {
		complain("the creation time must lie from 1980-01-01T00:00:00Z to 2107-12-31T23:59:58Z");
		return EXIT_USAGE;
	}
	(void)snprintf(builder, sizeof builder, "acskit-build %s", ACSKIT_VERSION);
	o.builder = builder;
	o.now = plat_now();
	o.adds = adds;
	o.nadds = nadds;

	if (kit_build(&o, &res, &err) != 0) {
		complain("%s", err.msg);
		return acskit_exit_for(err.code);
	}
	time_format_iso(o.created, created);
	say("kit identity: %s\n", res.identity_hex);
	say("wrote:        %s (%llu bytes)\n", o.output, (unsigned long long)res.zip_bytes);
	say("label:        %s\n", o.label);
	say("created:      %s\n", created);
	say("builder:      %s\n", builder);
	say("root:         %s (SHA-256 %s, the pin)\n", res.root_cn, kit_pin_sha256_hex);
	say("entries:      %lu files, %lu of them manifests, %llu bytes, plus %s\n", (unsigned long)res.entries,
	    (unsigned long)res.manifests, (unsigned long long)res.payload_bytes, KIT_INDEX_NAME);
	say("rebuild:      acskit-build");
	if (strcmp(o.payload_dir, "payload") != 0) {
		say(" --payload ");
		say_quoted(o.payload_dir);
	}
	if (strcmp(o.manifests_dir, "manifests") != 0) {
		say(" --manifests ");
		say_quoted(o.manifests_dir);
	}
	for (i = 0; (size_t)i < nadds; i++) {
		say(" --add ");
		say_quoted(adds[i]);
	}
	say(" --label ");
	say_quoted(o.label);
	say(" --created %s\n", created);
	return EXIT_OK;
}

int tool_main(int argc, char **argv)
{
	/* At most one --add per argument: argc bounds the list. */
	const char **adds = calloc((size_t)argc + 1, sizeof *adds);
	int rc;
	print_set_program("acskit-build");
	if (!adds) {
		complain("out of memory");
		return EXIT_INTERNAL;
	}
	rc = run(argc, argv, adds);
	free(adds);
	return rc;
}
