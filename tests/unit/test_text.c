/* text.c and timeutil.c: UTF-8 validation, number and KB parsing, UTC dates. */
#include <string.h>

#include "t.h"
#include "text.h"
#include "timeutil.h"

static void utf8(void)
{
	static const struct {
		const char *s;
		int valid;
	} cases[] = {
		{"plain ASCII", 1},
		{"\xc3\xa9", 1},                 /* é */
		{"\xe3\x82\xb5\xe3\x83\x9d", 1}, /* サポ */
		{"\xf0\x9f\x98\x80", 1},         /* U+1F600 */
		{"\xc0\xaf", 0},                 /* overlong '/' */
		{"\xe0\x80\xaf", 0},             /* overlong, 3 bytes */
		{"\xed\xa0\x80", 0},             /* surrogate U+D800 */
		{"\xf4\x90\x80\x80", 0},         /* above U+10FFFF */
		{"\xc3", 0},                     /* truncated */
		{"\x80", 0},                     /* lone continuation */
		{"\xff", 0},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(text_utf8_valid(cases[i].s, strlen(cases[i].s)) == cases[i].valid, "utf8 case %u", (unsigned)i);
}

static void unicode_controls(void)
{
	static const struct {
		const char *s;
		int control;
	} cases[] = {
		{"plain", 0},
		{"\xc3\xa9t\xc3\xa9", 0},        /* été */
		{"\xe3\x82\xb5\xe3\x83\x9d", 0}, /* サポ */
		{"a\xc2\x85" "b", 1},               /* U+0085 NEL */
		{"a\xc2\x9b", 1},                /* U+009B CSI */
		{"\xc2\xa0", 1},                 /* U+00A0 no-break space */
		{"\xc2\xa1", 0},                 /* U+00A1 inverted exclamation mark */
		{"a\xc2\xad" "b", 1},             /* U+00AD soft hyphen */
		{"\xe2\x80\x8b", 1},             /* U+200B zero width space */
		{"\xe2\x80\xa8", 1},             /* U+2028 line separator */
		{"\xef\xbb\xbf" "x", 1},         /* U+FEFF byte order mark */
		{"\xe3\x80\x80", 1},             /* U+3000 ideographic space */
		{"\xf3\xa0\x80\x81", 1},         /* U+E0001 language tag */
		{"\xf0\x9f\x98\x80", 0},         /* U+1F600 */
		{"\xe2\x80\x90", 0},             /* U+2010 hyphen */
		{"\xd8\x9c", 1},                 /* U+061C */
		{"\xe2\x80\x8e", 1},             /* U+200E */
		{"\xe2\x80\xae", 1},             /* U+202E */
		{"\xe2\x80\xa9", 1},             /* U+2029 paragraph separator */
		{"\xe2\x81\xa6", 1},             /* U+2066 */
		{"\xe2\x81\xa9", 1},             /* U+2069 */
		{"\xe2\x81\xaa", 1},             /* U+206A inhibit symmetric swapping (Cf) */
		{"\xe2\x81\xb0", 0},             /* U+2070 superscript zero */
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(text_has_unicode_control(cases[i].s, strlen(cases[i].s)) == cases[i].control,
		      "unicode control case %u", (unsigned)i);
}

/* C0 controls and DEL are control characters; C1 and bidi are the other
 * function's (checked above). */
static void controls(void)
{
	CHECK(text_has_control("a\x01", 2) && text_has_control("a\x1f", 2) && text_has_control("a\x7f", 2),
	      "C0 controls and DEL are controls");
	CHECK(!text_has_control("a ~", 3) && !text_has_control("caf\xc3\xa9", 5), "space, tilde and UTF-8 are not");
}

static void numbers(void)
{
	uint64_t v;
	CHECK(text_parse_u64("0", 1, 10, &v) == 0 && v == 0, "0 parses");
	CHECK(text_parse_u64("10", 2, 10, &v) == 0 && v == 10, "max parses");
	CHECK(text_parse_u64("11", 2, 10, &v) != 0, "above max refused");
	CHECK(text_parse_u64("9", 1, 5, &v) != 0, "single digit above small max refused");
	CHECK(text_parse_u64("01", 2, 99, &v) != 0, "leading zero refused");
	CHECK(text_parse_u64("", 0, 99, &v) != 0, "empty refused");
	CHECK(text_parse_u64("1a", 2, 99, &v) != 0, "non-digit refused");
	CHECK(text_parse_u64("-1", 2, 99, &v) != 0, "sign refused");
	CHECK(text_parse_u64("18446744073709551615", 20, UINT64_MAX, &v) == 0 && v == UINT64_MAX, "2^64-1 parses");
	CHECK(text_parse_u64("18446744073709551616", 20, UINT64_MAX, &v) != 0, "2^64 overflows");
	CHECK(text_is_kb("KB5006743", 9), "KB 7 digits");
	CHECK(text_is_kb("KB401234", 8), "KB 6 digits");
	CHECK(!text_is_kb("KB12345", 7), "KB 5 digits refused");
	CHECK(!text_is_kb("kb5006743", 9), "lowercase kb refused");
	CHECK(!text_is_kb("KB500674x", 9), "KB with a letter refused");
	CHECK(text_ends_with_nocase("payload/x.CAB", ".cab") && text_ends_with_nocase("a.json", ".json") &&
	          text_ends_with_nocase(".msu", ".msu"),
	      "a suffix in any case");
	CHECK(!text_ends_with_nocase("x.cabx", ".cab") && !text_ends_with_nocase("cab", ".cab") &&
	          !text_ends_with_nocase("x.jsom", ".json"),
	      "no suffix: another ending, a shorter name");
}

static void times(void)
{
	int64_t t;
	char buf[21];
	int y, m, d, h, mi, s;
	CHECK(time_parse_iso("1970-01-01T00:00:00Z", &t) == 0 && t == 0, "epoch");
	CHECK(time_parse_iso("2020-04-16T18:36:16Z", &t) == 0 && t == 1587062176, "root notBefore");
	CHECK(time_parse_iso("2000-02-29T00:00:00Z", &t) == 0, "leap day 2000");
	CHECK(time_parse_iso("1900-02-29T00:00:00Z", &t) != 0, "no leap day 1900");
	CHECK(time_parse_iso("2026-02-30T00:00:00Z", &t) != 0, "Feb 30 refused");
	CHECK(time_parse_iso("2026-01-01T24:00:00Z", &t) != 0, "hour 24 refused");
	CHECK(time_parse_iso("2026-01-01T00:00:60Z", &t) != 0, "second 60 refused");
	CHECK(time_parse_iso("2026-01-01 00:00:00Z", &t) != 0, "space for T refused");
	CHECK(time_parse_iso("2026-01-01T00:00:00", &t) != 0, "no Z refused");
	CHECK(time_parse_iso("2026-01-01T00:00:00+", &t) != 0 && time_parse_iso("2026-01-01T00:00:00z", &t) != 0,
	      "another zone letter refused, not only a missing one");
	CHECK(time_parse_iso("2026-01-01T00:00:00Z ", &t) != 0, "trailing byte refused");
	time_format_iso(4354819198LL, buf);
	CHECK(!strcmp(buf, "2107-12-31T23:59:58Z"), "format DOS max: %s", buf);
	time_format_iso(253402300800LL, buf); /* 10000-01-01: the year no longer fits four digits */
	CHECK(strlen(buf) == 20 && !strncmp(buf, "0000-01-01T", 11), "a year past 9999 keeps the width: %s", buf);
	time_to_civil(-1, &y, &m, &d, &h, &mi, &s);
	CHECK(y == 1969 && m == 12 && d == 31 && h == 23 && mi == 59 && s == 59, "before the epoch");
	CHECK(time_parse_date("2021-10-12", &y, &m, &d) == 0 && y == 2021 && m == 10 && d == 12, "date");
	CHECK(time_parse_date("2021-10-1", &y, &m, &d) != 0, "short date refused");
	for (t = 0; t < 5000000000LL; t += 86399 * 37) {
		time_format_iso(t, buf);
		{
			int64_t back;
			if (time_parse_iso(buf, &back) != 0 || back != t) {
				CHECK(0, "round trip at %lld", (long long)t);
				return;
			}
		}
	}
	CHECK(1, "format/parse round trip 1970-2128");
}

int main(void)
{
	controls();
	utf8();
	unicode_controls();
	numbers();
	times();
	return t_done();
}
