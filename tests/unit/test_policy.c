/* policy.c: the machine's acskit policy values, as the registry holds them.
 * Every present value that is not exactly the documented type, size and
 * range is refused with a line naming it; absent values are "not set". */
#include <string.h>

#include "policy.h"
#include "t.h"

#define KEY_A "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEhenJd5NVrIzMZJCnxQ5ocvdOI6E+9tjNX3FuOsAh88W3VYo/6Sh8Q+yQ+Qkcv6mppG5Fd3H6kY3Vu/pxbTjRLg=="
#define KEY_P384 "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEpWVtruYMhVEHItGFcUeZy0QlQuTOxsT9hOhlW+BXoVacyLF+9Y56cJPSPyY3XVBOvVcOlJyc2kP2ZTgWTuuVWYP0EUBlB1MQtBnD9FP05ImD5aRWGwz4jBCnSYP9fRXQ"

static uint8_t buf[3][16384];

/* A value of type t whose bytes are the n bytes of s. */
static void set(struct policy_value *v, int slot, uint32_t t, const void *s, size_t n)
{
	memcpy(buf[slot], s, n);
	v->present = 1;
	v->type = t;
	v->data = buf[slot];
	v->size = n;
}

static void dword(struct policy_value *v, int slot, uint32_t d)
{
	uint8_t b[4] = {(uint8_t)d, (uint8_t)(d >> 8), (uint8_t)(d >> 16), (uint8_t)(d >> 24)};
	set(v, slot, POLICY_REG_DWORD, b, 4);
}

/* A REG_MULTI_SZ from "a|b|" style text: '|' stands for the UTF-16 NUL. */
static void multi(struct policy_value *v, int slot, uint32_t t, const char *s)
{
	size_t i, n = strlen(s);
	uint8_t w[16384];
	for (i = 0; i < n; i++) {
		w[2 * i] = s[i] == '|' ? 0 : (uint8_t)s[i];
		w[2 * i + 1] = 0;
	}
	set(v, slot, t, w, 2 * n);
}

static int parse(struct policy_raw *r, struct policy *p, char *why, const char *want_why)
{
	int rc = policy_parse(r, p, why, 300);
	if (rc == 0)
		return 0;
	return want_why && strstr(why, want_why) ? 1 : 2;
}

static void flags(void)
{
	struct policy_raw r;
	struct policy p;
	char why[300];
	memset(&r, 0, sizeof r);
	CHECK(parse(&r, &p, why, NULL) == 0 && !p.require_signature && !p.refuse_expired && p.nkeys == 0,
	      "no values: nothing required, no keys");
	dword(&r.require_signature, 0, 1);
	dword(&r.refuse_expired, 1, 1);
	CHECK(parse(&r, &p, why, NULL) == 0 && p.require_signature && p.refuse_expired, "REG_DWORD 1: set");
	dword(&r.require_signature, 0, 0);
	CHECK(parse(&r, &p, why, NULL) == 0 && !p.require_signature, "REG_DWORD 0: not set");
	set(&r.require_signature, 0, POLICY_REG_SZ, "1\0\0", 4);
	CHECK(parse(&r, &p, why, "RequireSignature: a REG_SZ, where a REG_DWORD") == 1,
	      "RequireSignature as REG_SZ \"1\" is refused, naming the value: %s", why);
	dword(&r.require_signature, 0, 1);
	set(&r.refuse_expired, 1, POLICY_REG_SZ, "1\0\0", 4);
	CHECK(parse(&r, &p, why, "RefuseExpired: a REG_SZ") == 1, "RefuseExpired as REG_SZ is refused: %s", why);
	set(&r.refuse_expired, 1, 11, "\1\0\0\0\0\0\0\0", 8);
	CHECK(parse(&r, &p, why, "RefuseExpired: a REG_QWORD") == 1, "RefuseExpired as REG_QWORD is refused: %s", why);
	set(&r.refuse_expired, 1, POLICY_REG_DWORD, "\1\0", 2);
	CHECK(parse(&r, &p, why, "RefuseExpired: a REG_DWORD of 2 bytes") == 1, "a 2-byte REG_DWORD is refused: %s",
	      why);
	set(&r.refuse_expired, 1, POLICY_REG_DWORD, "\1\0\0\0\0", 5);
	CHECK(parse(&r, &p, why, "of 5 bytes") == 1, "a 5-byte REG_DWORD is refused: %s", why);
	dword(&r.refuse_expired, 1, 2);
	CHECK(parse(&r, &p, why, "RefuseExpired: 2, where 0 or 1") == 1, "RefuseExpired 2 is refused: %s", why);
	dword(&r.refuse_expired, 1, 0xFFFFFFFFu);
	CHECK(parse(&r, &p, why, "RefuseExpired: 4294967295") == 1, "RefuseExpired 0xFFFFFFFF is refused: %s", why);
	set(&r.require_signature, 0, 5, "\0\0\0\1", 4);
	CHECK(parse(&r, &p, why, "REG_DWORD_BIG_ENDIAN") == 1, "a big-endian DWORD is refused: %s", why);
	set(&r.require_signature, 0, 99, "", 0);
	CHECK(parse(&r, &p, why, "RequireSignature: a type 99") == 1, "an unknown type is refused: %s", why);
}

static void keys(void)
{
	struct policy_raw r;
	struct policy p;
	char why[300];
	memset(&r, 0, sizeof r);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, KEY_A "||");
	CHECK(parse(&r, &p, why, NULL) == 0 && p.nkeys == 1 && p.key_len[0] == 91, "one key, canonical list");
	policy_free(&p);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, KEY_A "|" KEY_A "||");
	CHECK(parse(&r, &p, why, NULL) == 0 && p.nkeys == 2, "two keys");
	policy_free(&p);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, KEY_A);
	CHECK(parse(&r, &p, why, NULL) == 0 && p.nkeys == 1, "one key without terminators");
	policy_free(&p);
	multi(&r.trusted_keys, 2, POLICY_REG_SZ, KEY_A "|");
	CHECK(parse(&r, &p, why, "TrustedKeys: a REG_SZ, where a REG_MULTI_SZ") == 1,
	      "TrustedKeys as REG_SZ is refused, naming the value: %s", why);
	multi(&r.trusted_keys, 2, 2, KEY_A "|");
	CHECK(parse(&r, &p, why, "TrustedKeys: a REG_EXPAND_SZ") == 1, "TrustedKeys as REG_EXPAND_SZ is refused: %s",
	      why);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, "|" KEY_A "||");
	CHECK(parse(&r, &p, why, "TrustedKeys: string 1 is empty") == 1,
	      "an empty first string (hiding the rest) is refused: %s", why);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, KEY_A "||" KEY_A "||");
	CHECK(parse(&r, &p, why, "TrustedKeys: string 2 is empty") == 1, "an empty string in the middle is refused: %s",
	      why);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, KEY_A "|||");
	CHECK(parse(&r, &p, why, "is empty") == 1, "an empty string at the end is refused: %s", why);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, "||");
	CHECK(parse(&r, &p, why, "TrustedKeys: present but holds no key") == 1, "an empty list is refused: %s", why);
	set(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, "", 0);
	CHECK(parse(&r, &p, why, "holds no key") == 1, "a zero-byte list is refused: %s", why);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, KEY_A "|not base64!||");
	CHECK(parse(&r, &p, why, "TrustedKeys: string 2 is not base64") == 1, "bad base64 is refused: %s", why);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, " " KEY_A "||");
	CHECK(parse(&r, &p, why, "string 1 is not base64") == 1, "a leading space is refused: %s", why);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, KEY_P384 "||");
	CHECK(parse(&r, &p, why, "string 1 is not a P-256 public key") == 1, "a P-384 key is refused: %s", why);
	set(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, "M\0F\0k", 5);
	CHECK(parse(&r, &p, why, "odd") == 1, "an odd byte count is refused: %s", why);
	{
		uint8_t w[8];
		memcpy(w, "M\0\xe9\x00\0\0\0\0", 8); /* "Mé" */
		set(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, w, 8);
		CHECK(parse(&r, &p, why, "string 1 is not base64") == 1, "a non-ASCII character is refused: %s", why);
	}
	{
		static char many[65 * sizeof KEY_A + 1];
		size_t i, k = sizeof KEY_A - 1;
		for (i = 0; i < 65; i++) {
			memcpy(many + i * (k + 1), KEY_A "|", k + 1);
		}
		many[65 * (k + 1)] = '\0';
		multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, many);
		CHECK(parse(&r, &p, why, "more than 64") == 1, "65 keys are refused: %s", why);
	}
	dword(&r.require_signature, 0, 1);
	multi(&r.trusted_keys, 2, POLICY_REG_MULTI_SZ, KEY_A "||");
	CHECK(parse(&r, &p, why, NULL) == 0 && p.require_signature && p.nkeys == 1, "flag and key together");
	policy_free(&p);
}

int main(void)
{
	flags();
	keys();
	return t_done();
}
