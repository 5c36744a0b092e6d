/* The strict JSON reader: what it accepts, what it reads, and each refusal. */
#include <string.h>

#include "jsonread.h"
#include "t.h"

static int ok_parse(const char *s)
{
	struct jdoc *d;
	struct jread_error e;
	if (jread_parse(s, strlen(s), &d, &e) != 0)
		return 0;
	jread_free(d);
	jread_free(NULL); /* like free(NULL): the summary frees unconditionally */
	return 1;
}

/* Refused, with msg containing want. */
static int refused(const char *s, size_t n, const char *want)
{
	struct jdoc *d;
	struct jread_error e;
	if (jread_parse(s, n, &d, &e) == 0) {
		jread_free(d);
		return 0;
	}
	if (!strstr(e.msg, want)) {
		printf("# '%s': got '%s'\n", s, e.msg);
		return 0;
	}
	return 1;
}

#define REFUSED(s, want) CHECK(refused(s, strlen(s), want), "refused: %s (%s)", #s, want)

int main(void)
{
	const char *txt = "{\n  \"schema\": \"acskit-report/2\",\n  \"n\": -42,\n  \"f\": 1.5e3,\n"
	                  "  \"a\": [true, false, null, \"x\\u00e9\\ud83d\\ude00\\n\"],\n  \"o\": {\"k\": {}}\n}\n";
	struct jdoc *d;
	struct jread_error e;
	const struct jnode *r, *a;

	CHECK(jread_parse(txt, strlen(txt), &d, &e) == 0, "a report-shaped document parses (%s)", e.msg);
	r = jread_root(d);
	CHECK(r && r->type == J_OBJECT && r->len == 5, "the root is an object of 5 members");
	CHECK(jread_str(jread_get(r, "schema")) && !strcmp(jread_str(jread_get(r, "schema")), "acskit-report/2"),
	      "a string member reads back");
	CHECK(jread_get(r, "n")->is_int && jread_get(r, "n")->i == -42, "an integer reads back as -42");
	CHECK(jread_get(r, "f")->type == J_NUMBER && !jread_get(r, "f")->is_int, "1.5e3 is a number, not an integer");
	a = jread_get(r, "a");
	CHECK(a && a->type == J_ARRAY && a->len == 4 && a->child->type == J_TRUE && a->child->next->type == J_FALSE &&
	          a->child->next->next->type == J_NULL,
	      "an array keeps its order and literals");
	CHECK(!strcmp(a->child->next->next->next->str, "x\xc3\xa9\xf0\x9f\x98\x80\n"),
	      "escapes decode to UTF-8, a surrogate pair to one code point");
	CHECK(jread_path(r, "o.k") && jread_path(r, "o.k")->type == J_OBJECT, "a dotted path finds a nested object");
	CHECK(!jread_path(r, "o.x") && !jread_get(a, "k"), "a missing key and a key in an array give NULL");
	CHECK(!jread_path(r, "o.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"),
	      "a path step longer than any key the summary reads gives NULL, not a truncated match");
	jread_free(d);

	CHECK(ok_parse(" 0 ") && ok_parse("\"\"") && ok_parse("[]") && ok_parse("-0.0e+1"), "scalars at the top level");
	CHECK(ok_parse("9223372036854775807") && ok_parse("18446744073709551616"), "big integers parse");

	REFUSED("", "unexpected end");
	REFUSED("{\"a\":1,}", "member name");
	REFUSED("[1,]", "unexpected character");
	REFUSED("{\"a\":1 \"b\":2}", "expected ','");
	REFUSED("[1 2]", "expected ','");
	REFUSED("{\"a\":1,\"a\":2}", "duplicate");
	REFUSED("01", "leading zero");
	REFUSED("1.", "bad number");
	REFUSED("1e", "bad number");
	REFUSED("-", "bad number");
	REFUSED("NaN", "unexpected character");
	REFUSED("// c\n{}", "unexpected character");
	REFUSED("{} {}", "text after");
	REFUSED("\"abc", "unterminated");
	REFUSED("\"a\tb\"", "control character");
	REFUSED("\"\\x\"", "bad escape");
	REFUSED("\"\\u12G4\"", "bad escape");
	REFUSED("\"\\ud800\"", "high surrogate");
	REFUSED("\"\\udc00\"", "lone low surrogate");
	REFUSED("\"\xc3\x28\"", "UTF-8");
	REFUSED("\"\xed\xa0\x80\"", "UTF-8");
	REFUSED("{\"a\\u0000\":1}", "U+0000");
	REFUSED("tru", "unexpected character");
	REFUSED("{\"a\" 1}", "expected ':'");
	CHECK(refused("[1,\0]", 5, "unexpected character"), "a NUL byte outside a string is refused");
	{
		char deep[200];
		memset(deep, '[', 65);
		memset(deep + 65, ']', 65);
		CHECK(refused(deep, 130, "too deep"), "65 levels of nesting are refused");
		CHECK(ok_parse("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
		      "64 levels parse");
	}
	{
		struct jread_error e2;
		const char *t = "{\n\"a\": 1,\n\"b\": x}";
		struct jdoc *d2;
		CHECK(jread_parse(t, strlen(t), &d2, &e2) != 0 && e2.line == 3 && e2.offset == 15,
		      "an error names its line and offset (line %u, offset %lu)", e2.line, (unsigned long)e2.offset);
	}
	return t_done();
}
