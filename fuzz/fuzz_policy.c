/* libFuzzer target: the acskit policy values (policy_parse), as a hostile or
 * mistaken Group Policy could write them. The first three bytes are the types
 * of RequireSignature, RefuseExpired and TrustedKeys (0xFF: the value is
 * absent), the next two cut the rest into the three values' bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy_raw raw;
	struct policy_value *v[3];
	struct policy p;
	char why[300];
	size_t cut[4], rest, i;

	if (size < 5)
		return 0;
	memset(&raw, 0, sizeof raw);
	v[0] = &raw.require_signature;
	v[1] = &raw.refuse_expired;
	v[2] = &raw.trusted_keys;
	rest = size - 5;
	cut[0] = 0;
	cut[1] = data[3] < rest ? data[3] : rest;
	cut[2] = cut[1] + ((size_t)data[4] < rest - cut[1] ? data[4] : rest - cut[1]);
	cut[3] = rest;
	for (i = 0; i < 3; i++) {
		size_t n = cut[i + 1] - cut[i];
		if (data[i] == 0xFF)
			continue;
		v[i]->present = 1;
		v[i]->type = data[i];
		v[i]->size = n;
		/* An exact-size copy, so ASan sees reads past the value's end. */
		v[i]->data = malloc(n ? n : 1);
		if (!v[i]->data) {
			policy_raw_free(&raw);
			return 0;
		}
		memcpy(v[i]->data, data + 5 + cut[i], n);
	}
	if (policy_parse(&raw, &p, why, sizeof why) == 0) {
		/* Every key accepted is a P-256 key, and none beyond the limit. */
		if (p.nkeys > POLICY_KEYS_MAX || p.require_signature > 1 || p.refuse_expired > 1)
			abort();
		for (i = 0; i < p.nkeys; i++)
			if (p.key_len[i] != 91)
				abort();
		policy_free(&p);
	} else if (why[0] == '\0' || strchr(why, '\n')) {
		abort(); /* a refusal always says which value, on one line */
	}
	policy_raw_free(&raw);
	return 0;
}
