/* The machine's acskit policy (HKLM\SOFTWARE\Policies\acskit on Windows),
 * parsed from the raw registry values the platform layer read: type, size and
 * bytes, exactly as the registry holds them. A value that is present must be
 * well formed; nothing present is ever read as "not set" (issue 12, item 3:
 * Group Policy Preferences easily write a REG_SZ "1" where a REG_DWORD is
 * documented). Portable, so it is unit-tested and fuzzed natively. */
#ifndef ACSKIT_POLICY_H
#define ACSKIT_POLICY_H

#include <stddef.h>
#include <stdint.h>

/* Registry value types as Windows numbers them (winnt.h). */
#define POLICY_REG_SZ 1
#define POLICY_REG_DWORD 4
#define POLICY_REG_MULTI_SZ 7
#define POLICY_KEYS_MAX 64          /* TrustedKeys strings, at most */
#define POLICY_VALUE_MAX (64 * 1024) /* bytes of one value, at most */

/* One registry value as read: present or not, its type, its bytes (malloc'd
 * by whoever read it; policy_raw_free frees them). */
struct policy_value {
	int present;
	uint32_t type;
	uint8_t *data;
	size_t size;
};

/* The three documented values. */
struct policy_raw {
	struct policy_value require_signature; /* REG_DWORD 0 or 1 */
	struct policy_value refuse_expired;    /* REG_DWORD 0 or 1 */
	struct policy_value trusted_keys;      /* REG_MULTI_SZ of base64 P-256 SPKIs */
};

/* What the policy says. */
struct policy {
	int require_signature;
	int refuse_expired;
	size_t nkeys;
	uint8_t *key[POLICY_KEYS_MAX]; /* DER SubjectPublicKeyInfo, P-256 */
	size_t key_len[POLICY_KEYS_MAX];
};

/* Parses raw into *out. Returns 0 (free out with policy_free); -1 when a
 * present value is malformed, with why set to one line naming the value
 * ("RequireSignature: a REG_SZ, where a REG_DWORD of 0 or 1 is documented");
 * an allocation failure refuses too. On failure *out holds nothing to free. */
int policy_parse(const struct policy_raw *raw, struct policy *out, char *why, size_t whylen);
void policy_free(struct policy *p);
void policy_raw_free(struct policy_raw *raw);
/* "REG_SZ", "REG_DWORD", ... or "type N" (into buf when not a known name). */
const char *policy_type_name(uint32_t type, char buf[24]);

#endif
