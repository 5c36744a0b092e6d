/* libFuzzer target: what check reads from a machine it does not trust — a
 * CBS package identity (the first line) and a rollup's .mum text (the rest),
 * then the verdict over a package built from them, against the Windows 7
 * manifest. The identity and .mum come from the registry and disk of the
 * machine being assessed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char win7[] =
	"format: acskit-manifest 2\n"
	"id: win7\n"
	"title: Windows 7 SP1\n"
	"match-version: 6.1\n"
	"match-build: 7600-7601\n"
	"match-product: any\n"
	"requirement: legacy-kb\n"
	"rollup-oct2021: KB5006743\n"
	"security-only-oct2021: KB5006728\n"
	"source: ms microsoft fuzz\n"
	"source: guess inference fuzz\n"
	"basis: row confirmed ms\n"
	"basis: oct2021 confirmed ms\n"
	"basis: rollups confirmed ms\n"
	"basis: prerequisites confirmed ms\n"
	"rollup: KB5007236 2021-11-09\n"
	"rollup: KB5010798 2022-01-17 oob\n"
	"rollup: KB5034169 2024-01-09 inferred guess\n"
	"prerequisite: KB976932 build-7601 Service Pack 1\n"
	"prerequisite: KB4474419 installed SHA-2 code signing support\n"
	"checked: 2026-11-30\n"
	"advice: fuzz\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct manifest_set set;
	struct machine_facts f;
	struct cbs_package p;
	struct update_assessment a;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t idlen = nl ? (size_t)(nl - data) : size;
	char id[300];
	if (!set.n) {
		struct manifest *m;
		struct manifest_error err;
		if (manifest_parse(win7, sizeof win7 - 1, &m, &err) != 0 || manifest_set_add(&set, m) != 0)
			abort();
	}
	if (idlen >= sizeof id)
		idlen = sizeof id - 1;
	memcpy(id, data, idlen);
	id[idlen] = '\0';
	memset(&f, 0, sizeof f);
	f.have_version = 1;
	f.major = 6, f.minor = 1, f.build = 7601, f.product_type = 1;
	if (cbs_classify(id, &p)) {
		if (p.rollup && nl) {
			char kb[12];
			if (mum_find_kb((const char *)nl + 1, size - (size_t)(nl + 1 - data), kb) == 0) {
				if (strlen(kb) < 8 || strlen(kb) > 9 || kb[0] != 'K' || kb[1] != 'B')
					abort();
				memcpy(p.kb, kb, sizeof kb);
			}
		}
		p.has_state = 1;
		p.state = size > 0 ? data[size - 1] : 0;
		if (machine_add_package(&f, &p) != 0)
			return 0;
	}
	if (assess_update(&set, &f, &a) == 0) {
		if (strlen(a.reason) >= sizeof a.reason || !a.reason[0])
			abort();
		update_assessment_free(&a);
	}
	machine_facts_free(&f);
	return 0;
}
