/* acskit-run: verifies a kit and (on Windows, later verbs) acts on it.
 * main only parses, validates and dispatches, one function per verb. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "entry.h"
#include "exitcodes.h"
#include "kit.h"
#include "plat.h"
#include "msg.h"
#include "print.h"
#include "runner.h"
#include "timeutil.h"
#include "version.h"

static void usage(void)
{
	say("%s", T(M_USAGE));
}


static void say_kit_dates(const struct kit *k)
{
	if (k->index.expires)
		say(T(M_L_EXPIRES), expiry_line);
	if (sequence_line[0])
		say(T(M_L_SEQUENCE), sequence_line);
}

static int cmd_verify(const char *path, const char *expect)
{
	struct kit *k;
	int rc = open_kit(path, expect, 1, NULL, &k);
	if (rc != EXIT_OK)
		return rc;
	say(T(M_L_KIT_IDENTITY), k->identity_hex);
	say(T(M_VERIFIED_ENTRIES), path, (unsigned long)k->index.count, expect ? T(M_VERIFIED_AS_EXPECTED) : "");
	say(T(M_L_LABEL), k->index.label);
	say(T(M_CREATED_BY), k->index.created_text, k->index.builder);
	say(T(M_ROOT_PIN), k->root_cn, kit_pin_sha256_hex);
	say(T(M_L_MANIFESTS), (unsigned long)k->manifests.n);
	say_kit_dates(k);
	say(T(M_L_SIGNATURE), signature_line_text);
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
			say(T(M_BUILDS_AND_LATER), (unsigned)r->lo);
		else if (r->hi == r->lo)
			say("%u", (unsigned)r->lo);
		else
			say(T(M_BUILDS_TO), (unsigned)r->lo, (unsigned)r->hi);
	}
}

static const char *product_text(enum manifest_product p)
{
	return T(p == MANIFEST_WORKSTATION ? M_PRODUCT_WORKSTATION : p == MANIFEST_SERVER ? M_PRODUCT_SERVER : M_PRODUCT_EITHER);
}

static void say_requirement(const struct manifest *m)
{
	size_t i;
	switch (m->requirement) {
	case MANIFEST_NATIVE:
		say("%s", T(M_SHOW_NEEDS_NOTHING));
		if (m->has_warn_below)
			say(T(M_SHOW_WARN_BELOW), (unsigned)m->warn_below_ubr, m->warn_kb);
		break;
	case MANIFEST_BUILD_UBR:
		say(T(M_SHOW_NEEDS_UBR), (unsigned)m->min_ubr,
		    m->fix_kb, m->fix_date);
		for (i = 0; i < m->nalso; i++)
			say(T(M_SHOW_ALSO), m->also[i].kb, (unsigned)m->also[i].build,
			    (unsigned)m->also[i].ubr, m->also[i].date);
		break;
	case MANIFEST_LEGACY_KB:
		say(T(M_SHOW_NEEDS_LEGACY), m->rollup_oct2021, m->security_only_oct2021);
		if (m->nrollups) {
			size_t oob = 0, weak = 0;
			const struct manifest_rollup *last = &m->rollups[m->nrollups - 1];
			for (i = 0; i < m->nrollups; i++) {
				oob += m->rollups[i].oob != 0;
				weak += !m->rollups[i].oob &&
				        manifest_rollup_basis(m, &m->rollups[i])->confidence != MANIFEST_CONFIRMED;
			}
			say(T(M_SHOW_ROLLUPS), (unsigned long)(m->nrollups - oob),
			    last->kb, last->date, manifest_confidence_name(manifest_rollup_basis(m, last)->confidence));
			if (weak)
				say(T(M_SHOW_ROLLUPS_WEAK),
				    (unsigned long)weak);
			if (oob)
				say(T(M_SHOW_ROLLUPS_OOB),
				    (unsigned long)oob);
		}
		for (i = 0; i < m->nprereqs; i++)
			say(T(M_SHOW_FIRST), m->prereqs[i].kb, m->prereqs[i].text,
			    T(m->prereqs[i].check == MANIFEST_PREREQ_UNCHECKED ? M_SHOW_NOT_CHECKED : M_SHOW_CHECKED));
		break;
	case MANIFEST_NO_UPDATE:
		say("%s", T(M_SHOW_NEEDS_UPGRADE));
		break;
	}
	for (i = 0; i < m->npackages; i++)
		say(T(M_SHOW_PACKAGE), m->packages[i].kb, m->packages[i].arch, m->packages[i].entry);
}

static int cmd_show(const char *path, const char *expect)
{
	struct kit *k;
	size_t i, j;
	char hex[65];
	int rc = open_kit(path, expect, 1, NULL, &k);
	if (rc != EXIT_OK)
		return rc;
	say(T(M_L_KIT_IDENTITY), k->identity_hex);
	say("%s", T(M_SHOW_VERIFIED));
	say(T(M_L_LABEL), k->index.label);
	say(T(M_SHOW_CREATED), k->index.created_text);
	say(T(M_SHOW_BUILDER), k->index.builder);
	say_kit_dates(k);
	say(T(M_L_SIGNATURE), signature_line_text);
	say(T(M_SHOW_ROOT), k->root_name);
	say(T(M_SHOW_CONT), k->root_cn);
	say(T(M_SHOW_SHA256_PIN), kit_pin_sha256_hex);
	say(T(M_SHOW_SHA1_THUMB), kit_pin_sha1_hex);
	for (i = 0; i < k->nchain; i++) {
		char nb[21], na[21];
		time_format_iso(k->chain[i].not_before, nb);
		time_format_iso(k->chain[i].not_after, na);
		say(T(M_SHOW_CHAIN), k->chain[i].cn, nb, na);
	}
	/* Packages the builder packed although their signature failed its
	 * Microsoft rule, because its operator said so (--allow-package). */
	for (i = 0; i < k->index.nallowed; i++)
		say(T(M_SHOW_ALLOWED), i ? T(M_SHOW_ALLOWED_CONT) : T(M_SHOW_ALLOWED_FIRST), k->index.allowed[i].name,
		    k->index.allowed[i].why);
	say(T(M_SHOW_FILES), (unsigned long)k->index.count, KIT_INDEX_NAME, k->signature ? T(M_SHOW_FILES_AND) : "");
	if (k->signature)
		say("%s", KIT_SIG_NAME);
	say("):\n");
	for (i = 0; i < k->index.count; i++) {
		kit_hex(k->index.entries[i].sha256, 32, hex);
		say("  %10llu  %s  %s\n", (unsigned long long)k->index.entries[i].size, hex, k->index.entries[i].name);
	}
	say(T(M_SHOW_VERSIONS), (unsigned long)k->manifests.n);
	for (i = 0; i < k->manifests.n; i++) {
		const struct manifest *m = k->manifests.v[i];
		say("\n  %s\n", m->title);
		say(T(M_SHOW_MANIFEST), m->id, m->checked);
		say(T(M_SHOW_MATCHES), m->ver_major, m->ver_minor);
		say_builds(m);
		say(", %s", product_text(m->product));
		if (m->product_name)
			say(T(M_SHOW_PRODUCT_NAME), m->product_name);
		say("\n");
		say_requirement(m);
		for (j = 0; j < MANIFEST_FACT_COUNT; j++) {
			size_t s;
			if (!m->basis[j].set)
				continue;
			say(T(M_SHOW_BASIS), manifest_fact_name((enum manifest_fact)j),
			    manifest_confidence_name(m->basis[j].confidence));
			for (s = 0; s < m->basis[j].nsrc; s++)
				say("%s%s", s ? ", " : "", m->srcs[m->basis[j].src[s]].tag);
			say(")\n");
		}
		for (j = 0; j < m->nsrcs; j++)
			say(T(M_SHOW_SOURCE), m->srcs[j].tag, manifest_source_kind_name(m->srcs[j].kind),
			    m->srcs[j].text);
		for (j = 0; j < m->advice.n; j++)
			say(T(M_SHOW_ADVICE), j ? T(M_SHOW_NOTE_CONT) : T(M_SHOW_ADVICE_FIRST), m->advice.v[j]);
		for (j = 0; j < m->notes.n; j++)
			say(T(M_SHOW_ADVICE), j ? T(M_SHOW_NOTE_CONT) : T(M_SHOW_NOTE_FIRST), m->notes.v[j]);
	}
	kit_free(k);
	return EXIT_OK;
}

struct out_file {
	plat_file *f;
};

static int write_out(void *ctx, const void *p, size_t n)
{
	return plat_write(((struct out_file *)ctx)->f, p, n);
}

/* SHA-256 of an existing file; 0, or an error code. */
int hash_file(const char *path, uint8_t out[32], uint64_t *size)
{
	plat_file *f;
	crypto_sha256 *h;
	/* On the heap: a static 1 MiB buffer lands in mingw's .data and would
	 * add 1 MiB to the exe. */
	const size_t bufsize = (size_t)1 << 20;
	unsigned char *buf;
	int e = plat_open(path, PLAT_READ, &f);
	*size = 0;
	if (e)
		return e;
	buf = malloc(bufsize);
	if (!buf || crypto_sha256_new(&h) != CRYPTO_OK) {
		free(buf);
		plat_close(f);
		return ENOMEM;
	}
	for (;;) {
		long r = plat_read(f, buf, bufsize);
		if (r < 0) {
			e = plat_close(f);
			crypto_sha256_free(h);
			free(buf);
			return e ? e : EIO;
		}
		if (r == 0)
			break;
		crypto_sha256_update(h, buf, (size_t)r);
		*size += (uint64_t)r;
	}
	plat_close(f);
	free(buf);
	e = crypto_sha256_final(h, out) == CRYPTO_OK ? 0 : EIO;
	crypto_sha256_free(h);
	return e;
}

/* The index entry a NAME argument means: the exact entry name, or the file
 * name (after the last '/') of exactly one entry, payload or manifest. */
static const struct kit_entry *resolve(const struct kit *k, const char *name)
{
	const struct kit_entry *hit = kit_index_find(&k->index, name), *e;
	size_t i, n = 0;
	if (hit)
		return hit;
	for (i = 0; i < k->index.count; i++) {
		const char *base = strrchr(k->index.entries[i].name, '/');
		base = base ? base + 1 : k->index.entries[i].name;
		if (!strcmp(base, name)) {
			hit = &k->index.entries[i];
			n++;
		}
	}
	e = n == 1 ? hit : NULL;
	return e;
}

/* Writes the verified bytes of each named entry into dir, under the entry's
 * own file name (which passed the kit's name rules), through a temporary file
 * that is renamed only when size and SHA-256 matched. */
static int cmd_extract(const char *path, const char *expect, char **names, int nnames, const char *dir)
{
	struct kit_reader *r;
	struct kit *k;
	const struct kit_entry **want;
	int i, rc = open_kit(path, expect, 0, &r, &k);
	if (rc != EXIT_OK)
		return rc;
	want = calloc((size_t)nnames, sizeof *want);
	if (!want) {
		complain("%s", T(M_OUT_OF_MEMORY));
		rc = EXIT_INTERNAL;
		goto out;
	}
	/* Resolve every name before writing anything. */
	for (i = 0; i < nnames; i++) {
		want[i] = resolve(k, names[i]);
		if (!want[i]) {
			complain(T(M_EXTRACT_NO_ENTRY), path, names[i]);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (!plat_is_dir(dir)) {
		complain(T(M_EXTRACT_NOT_DIR), dir);
		rc = EXIT_IO;
		goto out;
	}
	for (i = 0; i < nnames && rc == EXIT_OK; i++) {
		const struct kit_entry *ie = want[i];
		const char *base = strrchr(ie->name, '/');
		char target[4096], tmp[4200], hex[65];
		struct kit_error err;
		struct out_file of;
		uint8_t have[32];
		uint64_t have_size;
		int e, n;
		base = base ? base + 1 : ie->name;
		n = snprintf(target, sizeof target, "%s/%s", dir, base);
		if (n < 0 || (size_t)n >= sizeof target ||
		    /* A short temp name: a name near the 255-byte limit must fit. */
		    snprintf(tmp, sizeof tmp, "%s/.acskit-%lu-%d.partial", dir, plat_pid(), i) >= (int)sizeof tmp) {
			complain(T(M_EXTRACT_TOO_LONG), dir);
			rc = EXIT_USAGE;
			break;
		}
		kit_hex(ie->sha256, 32, hex);
		/* Running twice is safe: a file already there with the verified bytes is
		 * left as it is; one with other bytes is not overwritten. */
		e = hash_file(target, have, &have_size);
		if (e != 0 && e != ENOENT) {
			/* There, but not readable: never replace what we cannot compare. */
			complain(T(M_EXTRACT_CANNOT_READ), target, msg_strerror(e), ie->name);
			rc = EXIT_IO;
			break;
		}
		if (e == 0) {
			if (have_size == ie->size && !memcmp(have, ie->sha256, 32)) {
				say(T(M_EXTRACT_PRESENT), ie->name, target,
				    (unsigned long long)ie->size, hex);
				continue;
			}
			complain(T(M_EXTRACT_OTHER_CONTENT), target, ie->name);
			rc = EXIT_IO;
			break;
		}
		(void)plat_remove(tmp);
		memset(&of, 0, sizeof of);
		e = plat_open(tmp, PLAT_CREATE_NEW, &of.f);
		if (e) {
			complain(T(M_CANNOT_CREATE), tmp, msg_strerror(e));
			rc = EXIT_IO;
			break;
		}
		if (kit_extract(r, k, ie->name, write_out, &of, &err) != 0) {
			plat_close(of.f);
			plat_remove(tmp);
			if (err.code == KIT_E_REFUSED)
				complain(T(M_REFUSED_PATH), path, err.msg);
			else
				complain("%s", err.msg);
			rc = acskit_exit_for(err.code);
			break;
		}
		e = plat_close(of.f);
		if (e == 0)
			e = plat_rename_noreplace(tmp, target);
		if (e == EEXIST) {
			/* Something appeared at the target since it was checked (a file,
			 * a dangling link): never replace it. */
			plat_remove(tmp);
			complain(T(M_EXTRACT_APPEARED),
			         target, ie->name);
			rc = EXIT_IO;
			break;
		}
		if (e) {
			plat_remove(tmp);
			complain(T(M_CANNOT_WRITE), target, msg_strerror(e));
			rc = EXIT_IO;
			break;
		}
		say(T(M_EXTRACTED), ie->name, target, (unsigned long long)ie->size, hex);
	}
out:
	free(want);
	kit_free(k);
	kit_close(r);
	return rc;
}

int tool_main(int argc, char **argv)
{
	const char *verb, *path = NULL, *expect = NULL, *to = NULL;
	char **names;
	int i, nnames = 0, machine_verb;
	struct machine_options mo = {NULL, 0, 0, 0, 0};

	print_set_program("acskit-run");
	msg_set_lang(msg_default_lang());
	/* --lang ja|en may stand anywhere, before the verb too: taken out here,
	 * so every verb (summary included) parses the rest as before. */
	for (i = 1; i < argc; i++) {
		enum msg_lang lang;
		if (strcmp(argv[i], "--lang") != 0)
			continue;
		if (i + 1 >= argc) {
			complain("%s", T(M_LANG_NEEDS_VALUE));
			return EXIT_USAGE;
		}
		if (msg_parse_lang(argv[i + 1], &lang) != 0) {
			complain(T(M_LANG_BAD), argv[i + 1]);
			return EXIT_USAGE;
		}
		msg_set_lang(lang);
		memmove(&argv[i], &argv[i + 2], (size_t)(argc - i - 2) * sizeof *argv);
		argc -= 2;
		argv[argc] = NULL;
		i--;
	}
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
		say(T(M_VERSION), ACSKIT_VERSION, crypto_backend_name());
		return EXIT_OK;
	}
	if (!strcmp(verb, "summary"))
		return cmd_summary(argc - 2, argv + 2);
	machine_verb = !strcmp(verb, "check") || !strcmp(verb, "apply") || !strcmp(verb, "remove") ||
	               !strcmp(verb, "check-file");
	if (strcmp(verb, "verify") != 0 && strcmp(verb, "show") != 0 && strcmp(verb, "extract") != 0 && !machine_verb) {
		complain(T(M_UNKNOWN_VERB), verb);
		return EXIT_USAGE;
	}
	names = calloc((size_t)argc, sizeof *names);
	if (!names) {
		complain("%s", T(M_OUT_OF_MEMORY));
		return EXIT_INTERNAL;
	}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--expect") || !strcmp(argv[i], "--to")) {
			if (i + 1 >= argc) {
				complain(T(M_NEEDS_VALUE), argv[i]);
				free(names);
				return EXIT_USAGE;
			}
			if (argv[i][2] == 'e')
				expect = argv[++i];
			else
				to = argv[++i];
		} else if (!strcmp(argv[i], "--trust-key")) {
			int rc;
			if (i + 1 >= argc) {
				complain("%s", T(M_TRUST_KEY_NEEDS_FILE));
				free(names);
				return EXIT_USAGE;
			}
			if ((rc = trust_add_file(argv[++i])) != EXIT_OK) {
				free(names);
				return rc;
			}
		} else if (machine_verb && !strcmp(argv[i], "--json")) {
			if (i + 1 >= argc) {
				complain("%s", T(M_JSON_NEEDS_FILE));
				free(names);
				return EXIT_USAGE;
			}
			mo.json = argv[++i];
		} else if (machine_verb && !strcmp(argv[i], "--quiet")) {
			mo.quiet = 1;
		} else if (machine_verb && !strcmp(argv[i], "--no-event")) {
			mo.no_event = 1;
		} else if (!strcmp(verb, "apply") && !strcmp(argv[i], "--no-updates")) {
			mo.no_updates = 1;
		} else if (!strcmp(verb, "apply") && !strcmp(argv[i], "--restart")) {
			mo.restart = 1;
		} else if (!strcmp(argv[i], "--require-signature")) {
			trust_require_signature();
		} else if (!strcmp(argv[i], "--refuse-expired")) {
			trust_refuse_expired();
		} else if (!strcmp(argv[i], "--allow-older")) {
			trust_allow_older();
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			complain(T(M_UNKNOWN_OPTION), argv[i]);
			free(names);
			return EXIT_USAGE;
		} else if (!path) {
			path = argv[i];
		} else {
			names[nnames++] = argv[i];
		}
	}
	if (!strcmp(verb, "remove")) {
		free(names);
		if (path || expect || to) {
			complain("%s", T(M_REMOVE_NO_KIT));
			return EXIT_USAGE;
		}
		return cmd_remove(&mo);
	}
	if (!path) {
		complain(T(M_VERB_NEEDS_KIT), verb);
		free(names);
		return EXIT_USAGE;
	}
	{
		int rc = trust_add_policy();
		if (rc != EXIT_OK) {
			free(names);
			return rc;
		}
	}
	if (!strcmp(verb, "check-file")) {
		int rc;
		if (!nnames || to) {
			complain("%s", T(M_CHECKFILE_ARGS));
			free(names);
			return EXIT_USAGE;
		}
		rc = cmd_check_file(path, expect, names, nnames, &mo);
		free(names);
		return rc;
	}
	if (!strcmp(verb, "extract")) {
		int rc;
		if (!nnames || !to) {
			complain("%s", T(M_EXTRACT_ARGS));
			free(names);
			return EXIT_USAGE;
		}
		rc = cmd_extract(path, expect, names, nnames, to);
		free(names);
		return rc;
	}
	free(names);
	if (nnames || to) {
		complain(T(M_ONE_KIT), verb, to ? T(M_ONE_KIT_NO_TO) : "");
		return EXIT_USAGE;
	}
	if (machine_verb)
		return cmd_assess(!strcmp(verb, "apply"), path, expect, &mo);
	return !strcmp(verb, "verify") ? cmd_verify(path, expect) : cmd_show(path, expect);
}
