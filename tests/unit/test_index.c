/* index.c: the index grammar of docs/kit-format.md section 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit.h"
#include "t.h"

#define H64 "5367f20c7ade0e2bca790915056d086b720c33c1fa2a2661acf787e3292e1270"
#define HEAD "# acskit-index 1\n# label: test kit\n# created: 2026-01-01T00:00:00Z\n# builder: acskit-build 0.1.0\n"
#define E1 "# entry: 1488 payload/root.cer\n" H64 "  payload/root.cer\n"
#define E2 "# entry: 0 manifests/a.manifest\n" H64 "  manifests/a.manifest\n"

static const char good[] = HEAD "# entries: 2\n" E2 E1;

static void parse_good(void)
{
	struct kit_index ix;
	struct kit_error err;
	char *text;
	size_t len;
	CHECK(kit_index_parse(good, strlen(good), &ix, &err) == 0, "good index parses: %s", err.msg);
	if (t_fail)
		return;
	CHECK(ix.count == 2, "two entries");
	CHECK(!strcmp(ix.label, "test kit") && !strcmp(ix.created_text, "2026-01-01T00:00:00Z") &&
	          ix.created == 1767225600 && !strcmp(ix.builder, "acskit-build 0.1.0"),
	      "header fields");
	CHECK(!strcmp(ix.entries[0].name, "manifests/a.manifest") && ix.entries[0].size == 0, "first entry");
	CHECK(ix.entries[1].size == 1488 && ix.entries[1].sha256[0] == 0x53 && ix.entries[1].sha256[31] == 0x70,
	      "second entry size and hash");
	CHECK(kit_index_find(&ix, "payload/root.cer") == &ix.entries[1], "find");
	CHECK(kit_index_find(&ix, "payload/none") == NULL, "find missing");
	CHECK(kit_index_format(&ix, &text, &len) == 0 && len == strlen(good) && !memcmp(text, good, len),
	      "format gives the same bytes back");
	free(text);
	kit_index_free(&ix);
}

static void parse_dates(void)
{
	static const char text[] = HEAD "# expires: 2027-01-01T00:00:00Z\n# sequence: 42\n# entries: 1\n" E1;
	struct kit_index ix;
	struct kit_error err;
	char *out;
	size_t len;
	CHECK(kit_index_parse(text, strlen(text), &ix, &err) == 0, "expires and sequence parse: %s", err.msg);
	if (t_fail)
		return;
	CHECK(ix.expires == 1798761600 && ix.has_sequence && ix.sequence == 42, "expires and sequence values");
	CHECK(kit_index_format(&ix, &out, &len) == 0 && len == strlen(text) && !memcmp(out, text, len),
	      "format writes them back in place");
	free(out);
	kit_index_free(&ix);
}

/* Issue 13: the packages the builder packed under --allow-package. */
#define E3 "# entry: 5 payload/x.msu\n" H64 "  payload/x.msu\n"
static void parse_allowed(void)
{
	static const char text[] = HEAD "# allowed-package: payload/a.cab signed by CN=x, O=y, not Microsoft Corporation\n"
	                                "# allowed-package: payload/x.msu unsigned\n# entries: 2\n"
	                                "# entry: 5 payload/a.cab\n" H64 "  payload/a.cab\n" E3;
	struct kit_index ix;
	struct kit_error err;
	char *out;
	size_t len;
	CHECK(kit_index_parse(text, strlen(text), &ix, &err) == 0, "allowed-package lines parse: %s", err.msg);
	if (t_fail)
		return;
	CHECK(ix.nallowed == 2 && !strcmp(ix.allowed[0].name, "payload/a.cab") &&
	          !strcmp(ix.allowed[0].why, "signed by CN=x, O=y, not Microsoft Corporation") &&
	          !strcmp(ix.allowed[1].name, "payload/x.msu") && !strcmp(ix.allowed[1].why, "unsigned"),
	      "allowed-package values");
	CHECK(kit_index_format(&ix, &out, &len) == 0 && len == strlen(text) && !memcmp(out, text, len),
	      "format writes them back in place");
	free(out);
	kit_index_free(&ix);
}

static void parse_bad(void)
{
	static const struct {
		const char *text;
		enum kit_reason reason;
		const char *line; /* "line N:" expected in the message, or NULL */
	} cases[] = {
		{"", KIT_R_BAD_INDEX, "line 1:"},
		{"# acskit-index 2\n", KIT_R_BAD_INDEX, "line 1:"},
		{"# acskit-index 1\r\n", KIT_R_BAD_INDEX, "line 1:"},
		{HEAD "# entries: 0\n", KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# entries: 01\n" E1, KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# entries: 10001\n", KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# entries: 1\n" E1 E2, KIT_R_BAD_INDEX, "line 8:"},
		{HEAD "# entries: 2\n" E1, KIT_R_BAD_INDEX, "line 8:"},
		{HEAD "# entries: 2\n" E1 E2, KIT_R_BAD_INDEX, "line 9:"}, /* order */
		{HEAD "# entries: 2\n" E1 E1, KIT_R_BAD_INDEX, "line 9:"}, /* duplicate */
		{HEAD "# entries: 1\n# entry: 1488 payload/root.cer\n" H64 "  payload/other.cer\n", KIT_R_BAD_INDEX,
		 "line 7:"},
		{HEAD "# entries: 1\n# entry: 1488 payload/root.cer\n" H64 " payload/root.cer\n", KIT_R_BAD_INDEX,
		 "line 7:"},
		/* The hash line's name must be the entry's name exactly, not one that
		 * starts with it, nor one that it starts with. */
		{HEAD "# entries: 1\n# entry: 1488 payload/root.cer\n" H64 "  payload/root.cer.exe\n", KIT_R_BAD_INDEX,
		 "line 7:"},
		{HEAD "# entries: 1\n# entry: 1488 payload/root.cer\n" H64 "  payload/root.ce\n", KIT_R_BAD_INDEX,
		 "line 7:"},
		{HEAD "# entries: 1\n# entry: 1488 payload/root.cer\n"
		      "5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270  payload/root.cer\n",
		 KIT_R_BAD_INDEX, "line 7:"},
		{HEAD "# entries: 1\n# entry: 01488 payload/root.cer\n" H64 "  payload/root.cer\n", KIT_R_BAD_INDEX,
		 "line 6:"},
		{HEAD "# entries: 1\n# entry: 9223372036854775808 payload/root.cer\n" H64 "  payload/root.cer\n",
		 KIT_R_BAD_INDEX, "line 6:"},
		{HEAD "# entries: 1\n# entry: 1 ../x\n" H64 "  ../x\n", KIT_R_UNSAFE_NAME, "line 6:"},
		{HEAD "# entries: 1\n# entry: 1 index.sha256\n" H64 "  index.sha256\n", KIT_R_BAD_INDEX, "line 6:"},
		{HEAD "# entries: 1\n" E1 "\n", KIT_R_BAD_INDEX, "line 8:"},
		{HEAD "# entries: 1\n# entry: 1488 payload/root.cer\n" H64 "  payload/root.cer", KIT_R_BAD_INDEX,
		 "line 7:"},
		{"# acskit-index 1\n# label: \n", KIT_R_BAD_INDEX, "line 2:"},
		{"# acskit-index 1\n# label:  x\n", KIT_R_BAD_INDEX, "line 2:"},
		{"# acskit-index 1\n# label: a\tb\n", KIT_R_BAD_INDEX, "line 2:"},
		{"# acskit-index 1\n# label: \xc3\n", KIT_R_BAD_INDEX, "line 2:"},
		{"# acskit-index 1\n# label: x\n# created: 1979-12-31T23:59:59Z\n", KIT_R_BAD_INDEX, "line 3:"},
		{"# acskit-index 1\n# label: x\n# created: 2026-13-01T00:00:00Z\n", KIT_R_BAD_INDEX, "line 3:"},
		{"# acskit-index 1\n# label: x\n# created: 2026-01-01T00:00:00Z\n# builder: \xc3\xa9\n", KIT_R_BAD_INDEX,
		 "line 4:"},
		{"# acskit-index 1\n# label: x\n# created: 2026-01-01T00:00:00Z\n# builder: \n", KIT_R_BAD_INDEX, "line 4:"},
		{"# acskit-index 1\n# label: x\n# created: 2026-01-01T00:00:00Z\n# builder: b \n", KIT_R_BAD_INDEX, "line 4:"},
		{HEAD "# expires: 2026-01-01T00:00:00Z\n", KIT_R_BAD_INDEX, "line 5:"}, /* not after created */
		{HEAD "# expires: 2026-13-01T00:00:00Z\n", KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# sequence: 07\n", KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# sequence: 1\n# expires: 2027-01-01T00:00:00Z\n# entries: 1\n" E1, KIT_R_BAD_INDEX, "line 6:"},
		{"# acskit-index 1\n# label: evil\xe2\x80\xae" "kit\n", KIT_R_BAD_INDEX, "line 2:"},
		/* allowed-package: a name the index does not list, outside payload/,
		 * out of order, no reason, a control character, after entries: */
		{HEAD "# allowed-package: payload/y.msu unsigned\n# entries: 1\n" E3, KIT_R_BAD_INDEX, "payload/y.msu is not an entry"},
		{HEAD "# allowed-package: manifests/a.manifest unsigned\n# entries: 1\n" E2, KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# allowed-package: payload/x.msu unsigned\n# allowed-package: payload/a.cab unsigned\n", KIT_R_BAD_INDEX,
		 "line 6:"},
		{HEAD "# allowed-package: payload/x.msu unsigned\n# allowed-package: payload/x.msu unsigned\n", KIT_R_BAD_INDEX,
		 "line 6:"},
		{HEAD "# allowed-package: payload/x.msu\n", KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# allowed-package: payload/x.msu \n", KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# allowed-package: payload/x.msu un\x1bsigned\n", KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# allowed-package: payload/x.msu un\xc3\xa9signed\n", KIT_R_BAD_INDEX, "line 5:"},
		{HEAD "# entries: 1\n# allowed-package: payload/x.msu unsigned\n" E3, KIT_R_BAD_INDEX, "line 6:"},
		{HEAD "# sequence: 1\n# allowed-package: payload/x.msu unsigned\n# expires: 2027-01-01T00:00:00Z\n", KIT_R_BAD_INDEX,
		 "line 7:"},
		{"# acskit-index 1\n# label: a\xc2\x9b" "b\n", KIT_R_BAD_INDEX, "line 2:"},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct kit_index ix;
		struct kit_error err;
		int rc = kit_index_parse(cases[i].text, strlen(cases[i].text), &ix, &err);
		CHECK(rc != 0 && err.reason == cases[i].reason && (!cases[i].line || strstr(err.msg, cases[i].line)),
		      "bad index %u refused: %s", (unsigned)i, rc ? err.msg : "(accepted)");
		if (rc == 0)
			kit_index_free(&ix);
	}
	{
		/* A label of 201 bytes; an index over 1 MiB, refused before it is read. */
		char label[240], *big;
		struct kit_index ix;
		struct kit_error err;
		size_t n = (1u << 20) + 1;
		(void)snprintf(label, sizeof label, "# acskit-index 1\n# label: %0201d\n", 0);
		CHECK(kit_index_parse(label, strlen(label), &ix, &err) != 0 && strstr(err.msg, "line 2:"),
		      "a 201-byte label refused: %s", err.msg);
		label[26 + 201] = '\0';
		CHECK(kit_label_invalid("x") == NULL && kit_label_invalid(label + 26) &&
		          strstr(kit_label_invalid(label + 26), "200 bytes"),
		      "kit_label_invalid: one byte, and 201: %s", kit_label_invalid(label + 26));
		big = malloc(n);
		memset(big, '#', n);
		CHECK(big && kit_index_parse(big, n, &ix, &err) != 0 && err.reason == KIT_R_BAD_INDEX &&
		          strstr(err.msg, "larger than"),
		      "an index over 1 MiB refused: %s", err.msg);
		free(big);
		memset(&ix, 0, sizeof ix);
		CHECK(kit_index_find(&ix, "payload/root.cer") == NULL, "find in an empty index");
	}
	{
		/* A NUL inside the buffer is not the end of the text. */
		static const char nul[] = "# acskit-index 1\n# label: a\0b\n";
		struct kit_index ix;
		struct kit_error err;
		CHECK(kit_index_parse(nul, sizeof nul - 1, &ix, &err) != 0, "NUL in the label refused: %s", err.msg);
	}
}

int main(void)
{
	parse_good();
	parse_dates();
	parse_allowed();
	parse_bad();
	return t_done();
}
