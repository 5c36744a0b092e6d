/* The runner's message catalog (runner/messages.h): every entry has its
 * Japanese, and each language's text takes the same arguments (count, order,
 * types) so the same say()/complain() call is right in both; common/assess.c's
 * TX() texts all have an entry; no say()/complain() in the runner's sources
 * still carries English of its own.
 *
 *   test_messages common/assess.c common/filetrust.c runner/FILE.c... */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "t.h"

/* The argument types a format takes, one letter each ('i' int, 'u' unsigned,
 * 'l' long, 'L' unsigned long, 'q' long long, 'Q' unsigned long long, 'z'
 * size_t, 'd' double, 's' string, 'c' char, 'p' pointer, 'n' count, '*' a
 * width or precision), into sig. Returns 0, or -1 for a conversion C11
 * printf does not have or a positional one ("%1$s"). */
static int signature(const char *f, char *sig, size_t n)
{
	size_t k = 0;
	while (*f) {
		char len[3] = "";
		size_t ln = 0;
		char t;
		if (*f++ != '%')
			continue;
		if (*f == '%') {
			f++;
			continue;
		}
		while (*f && strchr("-+ #0", *f))
			f++;
		if (*f == '*') {
			if (k + 1 < n)
				sig[k++] = '*';
			f++;
		}
		while (isdigit((unsigned char)*f))
			f++;
		if (*f == '$')
			return -1;
		if (*f == '.') {
			f++;
			if (*f == '*') {
				if (k + 1 < n)
					sig[k++] = '*';
				f++;
			}
			while (isdigit((unsigned char)*f))
				f++;
		}
		while (*f && strchr("hlLjzt", *f) && ln < 2)
			len[ln++] = *f++;
		len[ln] = '\0';
		switch (*f) {
		case 'd': case 'i': t = !strcmp(len, "l") ? 'l' : !strcmp(len, "ll") ? 'q' : !strcmp(len, "z") ? 'z' : 'i'; break;
		case 'u': case 'x': case 'X': case 'o':
			t = !strcmp(len, "l") ? 'L' : !strcmp(len, "ll") ? 'Q' : !strcmp(len, "z") ? 'z' : 'u';
			break;
		case 'f': case 'e': case 'g': case 'E': case 'G': case 'a': case 'A': t = 'd'; break;
		case 's': t = 's'; break;
		case 'c': t = 'c'; break;
		case 'p': t = 'p'; break;
		case 'n': t = 'n'; break;
		default: return -1;
		}
		f++;
		if (k + 1 < n)
			sig[k++] = t;
	}
	sig[k] = '\0';
	return 0;
}

/* Whether s has a letter outside its conversion specifications. */
static int has_words(const char *s)
{
	while (*s) {
		if (*s == '%') {
			s++;
			while (*s && !isalpha((unsigned char)*s) && *s != '%')
				s++;
			while (*s && strchr("hlLjzt", *s))
				s++;
			if (*s)
				s++;
			continue;
		}
		/* An option's name ("--trust-key") is the same in every language. */
		if (s[0] == '-' && s[1] == '-') {
			for (s += 2; isalnum((unsigned char)*s) || *s == '-'; s++)
				;
			continue;
		}
		if (isalpha((unsigned char)*s))
			return 1;
		s++;
	}
	return 0;
}

/* Reads the C string literal (adjacent ones joined) at *p into out;
 * advances *p past it. Returns 0, or -1 when *p is not at a literal. */
static int read_literal(const char **p, char *out, size_t n)
{
	const char *s = *p;
	size_t k = 0;
	int any = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (*s != '"')
			break;
		any = 1;
		for (s++; *s && *s != '"'; s++) {
			char c = *s;
			if (c == '\\') {
				s++;
				c = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
			}
			if (k + 1 < n)
				out[k++] = c;
		}
		if (*s == '"')
			s++;
	}
	out[k] = '\0';
	*p = s;
	return any ? 0 : -1;
}

static char *slurp(const char *path)
{
	size_t len;
	unsigned char *p = t_slurp(path, &len);
	if (p)
		p[len] = '\0';
	return (char *)p;
}

static void check_catalog(void)
{
	int i, missing = 0, bad = 0;
	for (i = 0; i < M_COUNT; i++) {
		const char *en = msg_in(MSG_EN, (enum msg_id)i), *ja = msg_in(MSG_JA, (enum msg_id)i);
		char se[64], sj[64];
		if (!en || !en[0]) {
			CHECK(0, "%s: no English text", msg_name((enum msg_id)i));
			bad++;
			continue;
		}
		if (!ja) {
			CHECK(0, "%s: no Japanese translation (JA_MISSING in runner/messages.h): \"%.60s\"",
			      msg_name((enum msg_id)i), en);
			missing++;
			continue;
		}
		if (signature(en, se, sizeof se) != 0 || signature(ja, sj, sizeof sj) != 0) {
			CHECK(0, "%s: a conversion C11 printf does not take, or a positional one", msg_name((enum msg_id)i));
			bad++;
			continue;
		}
		if (strcmp(se, sj) != 0) {
			CHECK(0, "%s: the arguments differ between languages: English takes \"%s\", Japanese \"%s\"",
			      msg_name((enum msg_id)i), se, sj);
			bad++;
		}
		if (!strcmp(en, ja) && has_words(en)) {
			CHECK(0, "%s: the Japanese is the English text: \"%.60s\"", msg_name((enum msg_id)i), en);
			bad++;
		}
	}
	CHECK(missing == 0, "every one of the %d messages has its Japanese (%d missing)", (int)M_COUNT, missing);
	CHECK(bad == 0, "every message takes the same arguments in the same order in English and Japanese (%d differ)", bad);
}

/* Every marker("...") text of path (TX( in common/assess.c, TXT( in
 * common/filetrust.c, ->status = in runner/install.c) has one entry named
 * prefix... with that English. */
static void check_marked(const char *path, const char *marker, const char *prefix, int at_least)
{
	char *src = slurp(path), lit[1024];
	const char *p;
	int n = 0, bad = 0, i, j;
	if (!src) {
		CHECK(0, "cannot read %s", path);
		return;
	}
	for (p = src; (p = strstr(p, marker)) != NULL;) {
		int found = 0;
		p += strlen(marker);
		if (read_literal(&p, lit, sizeof lit) != 0)
			continue; /* TX(expression): a word from a table, looked up as is */
		n++;
		for (i = 0; i < M_COUNT; i++)
			if (!strncmp(msg_name((enum msg_id)i), prefix, strlen(prefix)) && !strcmp(msg_in(MSG_EN, (enum msg_id)i), lit))
				found++;
		if (found != 1) {
			CHECK(0, "%s: %s\"%.70s\") has %d %s entries in runner/messages.h, not 1", path, marker, lit, found, prefix);
			bad++;
		}
	}
	free(src);
	CHECK(n >= at_least && bad == 0, "%s: each of its %d %s) texts has one %s entry (%d lack one)", path, n, marker, prefix,
	      bad);
	for (i = 0, bad = 0; i < M_COUNT; i++)
		for (j = i + 1; j < M_COUNT; j++)
			if (!strncmp(msg_name((enum msg_id)i), prefix, strlen(prefix)) &&
			    !strncmp(msg_name((enum msg_id)j), prefix, strlen(prefix)) &&
			    !strcmp(msg_in(MSG_EN, (enum msg_id)i), msg_in(MSG_EN, (enum msg_id)j)))
				bad++;
	CHECK(bad == 0, "no two %s entries share their English (%d do)", prefix, bad);
}

/* No say("...")/complain("...") with words of its own in a runner source:
 * such a line would print English whatever the language. */
static void check_sources(const char *path)
{
	static const char *const calls[] = {"say(\"", "complain(\""};
	char *src = slurp(path), lit[4096];
	size_t c;
	int bad = 0;
	if (!src) {
		CHECK(0, "cannot read %s", path);
		return;
	}
	for (c = 0; c < 2; c++) {
		const char *p;
		for (p = src; (p = strstr(p, calls[c])) != NULL;) {
			const char *at = p;
			if (p > src && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) {
				p++;
				continue;
			}
			p += strlen(calls[c]) - 1;
			if (read_literal(&p, lit, sizeof lit) == 0 && has_words(lit)) {
				int line = 1;
				const char *q;
				for (q = src; q < at; q++)
					line += *q == '\n';
				CHECK(0, "%s:%d: %.*s\"%.50s\": a text outside the catalog (runner/messages.h)", path, line,
				      (int)strlen(calls[c]) - 1, calls[c], lit);
				bad++;
			}
		}
	}
	free(src);
	CHECK(bad == 0, "%s: every say()/complain() text comes from the catalog (%d do not)", path, bad);
}

int main(int argc, char **argv)
{
	int i;
	check_catalog();
	/* Language choice and fallback. */
	msg_set_lang(MSG_JA);
	CHECK(strcmp(T(M_R_ROOT_TRUSTED), msg_in(MSG_EN, M_R_ROOT_TRUSTED)) != 0, "T() gives Japanese after msg_set_lang(MSG_JA)");
	CHECK(!strcmp(msg_assess_text("state unreadable"), msg_in(MSG_JA, M_AS_STATE_UNREADABLE)),
	      "assess.c's English finds its Japanese");
	CHECK(!strcmp(msg_assess_text("no such text"), "no such text"), "an unknown assess.c text stays as it is");
	msg_set_lang(MSG_EN);
	CHECK(!strcmp(msg_assess_text("state unreadable"), "state unreadable"), "English: assess.c's texts unchanged");
	{
		enum msg_lang l = MSG_EN;
		CHECK(msg_parse_lang("ja", &l) == 0 && l == MSG_JA && msg_parse_lang("en", &l) == 0 && l == MSG_EN &&
		          msg_parse_lang("jp", &l) != 0 && msg_parse_lang("", &l) != 0,
		      "--lang takes ja and en only");
	}
	if (argc > 2) {
		check_marked(argv[1], "TX(", "M_AS_", 40);
		check_marked(argv[2], "TXT(", "M_FT_", 14);
	}
	for (i = 3; i < argc; i++) {
		size_t len = strlen(argv[i]);
		check_sources(argv[i]);
		/* A package's status is shown through msg_by_english("M_IS_"). */
		if (len >= 9 && !strcmp(argv[i] + len - 9, "install.c"))
			check_marked(argv[i], "->status = ", "M_IS_", 9);
	}
	return t_done();
}
