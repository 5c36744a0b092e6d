/* Parsing of the acskit policy values (policy.h). Strict: the documented type,
 * the exact size, the documented range; for TrustedKeys every string base64 of
 * a P-256 key, none empty (an empty first string would hide the rest from a
 * reader that stops at the first empty string). Writes and prints nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit.h"
#include "pem.h"
#include "policy.h"

const char *policy_type_name(uint32_t type, char buf[24])
{
	static const char *const names[] = {"REG_NONE",  "REG_SZ",   "REG_EXPAND_SZ", "REG_BINARY",
	                                    "REG_DWORD", "REG_DWORD_BIG_ENDIAN", "REG_LINK", "REG_MULTI_SZ",
	                                    "REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTOR",
	                                    "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD"};
	if (type < sizeof names / sizeof names[0])
		return names[type];
	(void)snprintf(buf, 24, "type %lu", (unsigned long)type);
	return buf;
}

/* A REG_DWORD flag: absent is 0; present must be a 4-byte REG_DWORD, 0 or 1. */
static int parse_flag(const struct policy_value *v, const char *name, int *out, char *why, size_t whylen)
{
	char tb[24];
	uint32_t d;
	*out = 0;
	if (!v->present)
		return 0;
	if (v->type != POLICY_REG_DWORD) {
		(void)snprintf(why, whylen, "%s: a %s, where a REG_DWORD of 0 or 1 is documented", name,
		               policy_type_name(v->type, tb));
		return -1;
	}
	if (v->size != 4 || !v->data) {
		(void)snprintf(why, whylen, "%s: a REG_DWORD of %lu bytes, not 4", name, (unsigned long)v->size);
		return -1;
	}
	d = (uint32_t)v->data[0] | (uint32_t)v->data[1] << 8 | (uint32_t)v->data[2] << 16 | (uint32_t)v->data[3] << 24;
	if (d > 1) {
		(void)snprintf(why, whylen, "%s: %lu, where 0 or 1 is documented", name, (unsigned long)d);
		return -1;
	}
	*out = (int)d;
	return 0;
}

/* One TrustedKeys string (UTF-16LE units u[0..n), no NUL) into out->key. */
static int parse_key(const uint8_t *u, size_t n, size_t no, struct policy *out, char *why, size_t whylen)
{
	char text[1024];
	uint8_t *der;
	size_t i, len;
	if (n == 0) {
		(void)snprintf(why, whylen, "TrustedKeys: string %lu is empty", (unsigned long)no);
		return -1;
	}
	if (out->nkeys == POLICY_KEYS_MAX) {
		(void)snprintf(why, whylen, "TrustedKeys: more than %d strings", POLICY_KEYS_MAX);
		return -1;
	}
	if (n >= sizeof text) {
		(void)snprintf(why, whylen, "TrustedKeys: string %lu is too long for a P-256 key", (unsigned long)no);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned c = (unsigned)u[2 * i] | (unsigned)u[2 * i + 1] << 8;
		if (c >= 0x80) {
			(void)snprintf(why, whylen, "TrustedKeys: string %lu is not base64", (unsigned long)no);
			return -1;
		}
		text[i] = (char)c;
	}
	text[n] = '\0';
	if (base64_decode(text, n, &der, &len) != 0) {
		(void)snprintf(why, whylen, "TrustedKeys: string %lu is not base64", (unsigned long)no);
		return -1;
	}
	if (!kit_key_is_p256(der, len)) {
		free(der);
		(void)snprintf(why, whylen, "TrustedKeys: string %lu is not a P-256 public key", (unsigned long)no);
		return -1;
	}
	out->key[out->nkeys] = der;
	out->key_len[out->nkeys] = len;
	out->nkeys++;
	return 0;
}

/* TrustedKeys: a REG_MULTI_SZ, an even number of bytes, each string NUL
 * terminated and the list ended by one more NUL (a missing final terminator
 * or two is tolerated, as RegQueryValueEx documents writers that omit them);
 * at least one string, none empty. */
static int parse_keys(const struct policy_value *v, struct policy *out, char *why, size_t whylen)
{
	char tb[24];
	size_t n, i, start, no = 0;
	if (!v->present)
		return 0;
	if (v->type != POLICY_REG_MULTI_SZ) {
		(void)snprintf(why, whylen, "TrustedKeys: a %s, where a REG_MULTI_SZ is documented",
		               policy_type_name(v->type, tb));
		return -1;
	}
	if (v->size % 2 != 0 || v->size > POLICY_VALUE_MAX || (v->size && !v->data)) {
		(void)snprintf(why, whylen, "TrustedKeys: a REG_MULTI_SZ of %lu bytes (odd, or over %d)",
		               (unsigned long)v->size, POLICY_VALUE_MAX);
		return -1;
	}
	n = v->size / 2;
	/* Drop the list terminator and the last string's, where present. */
	for (i = 0; i < 2 && n > 0 && v->data[2 * (n - 1)] == 0 && v->data[2 * (n - 1) + 1] == 0; i++)
		n--;
	if (n == 0) {
		(void)snprintf(why, whylen, "TrustedKeys: present but holds no key");
		return -1;
	}
	for (start = 0, i = 0; i <= n; i++) {
		if (i < n && (v->data[2 * i] || v->data[2 * i + 1]))
			continue;
		if (parse_key(v->data + 2 * start, i - start, ++no, out, why, whylen) != 0)
			return -1;
		start = i + 1;
	}
	return 0;
}

int policy_parse(const struct policy_raw *raw, struct policy *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	why[0] = '\0';
	if (parse_flag(&raw->require_signature, "RequireSignature", &out->require_signature, why, whylen) != 0 ||
	    parse_flag(&raw->refuse_expired, "RefuseExpired", &out->refuse_expired, why, whylen) != 0 ||
	    parse_keys(&raw->trusted_keys, out, why, whylen) != 0) {
		policy_free(out);
		return -1;
	}
	return 0;
}

void policy_free(struct policy *p)
{
	size_t i;
	for (i = 0; i < p->nkeys; i++)
		free(p->key[i]);
	memset(p, 0, sizeof *p);
}

void policy_raw_free(struct policy_raw *raw)
{
	free(raw->require_signature.data);
	free(raw->refuse_expired.data);
	free(raw->trusted_keys.data);
	memset(raw, 0, sizeof *raw);
}
