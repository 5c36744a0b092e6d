/* index.sha256: parse and write (docs/kit-format.md section 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit.h"
#include "text.h"
#include "timeutil.h"

/* The earliest and latest times a zip's DOS date can hold (2-second steps). */
#define DOS_TIME_MIN 315532800LL  /* 1980-01-01T00:00:00Z */
#define DOS_TIME_MAX 4354819198LL /* 2107-12-31T23:59:58Z */

const char *kit_label_invalid(const char *label)
{
	size_t n = strlen(label);
	if (n == 0)
		return "the label is empty";
	if (n > KIT_LABEL_MAX)
		return "the label is longer than 200 bytes";
	if (!text_utf8_valid(label, n))
		return "the label is not valid UTF-8";
	if (text_has_control(label, n) || text_has_unicode_control(label, n))
		return "the label holds a control or bidirectional formatting character";
	if (label[0] == ' ' || label[n - 1] == ' ')
		return "the label starts or ends with a space";
	return NULL;
}

struct cursor {
	const char *p, *end;
	unsigned line;
	struct kit_error *err;
};

static int bad(struct cursor *c, const char *what)
{
	return kit_fail(c->err, KIT_E_REFUSED, KIT_R_BAD_INDEX, "bad index: line %u: %s", c->line, what);
}

/* Takes the next line (without its LF) into *s / *n. */
static int take_line(struct cursor *c, const char **s, size_t *n)
{
	const char *nl;
	c->line++;
	if (c->p >= c->end)
		return bad(c, "unexpected end of the index");
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	if (!nl)
		return bad(c, "no newline at the end");
	*s = c->p;
	*n = (size_t)(nl - c->p);
	c->p = nl + 1;
	if (memchr(*s, '\r', *n))
		return bad(c, "carriage return (CR): the index uses LF line ends");
	return 0;
}

/* Takes a line "<prefix><value>", value into out (NUL-terminated, at most max). */
static int take_field(struct cursor *c, const char *prefix, char *out, size_t max)
{
	const char *s;
	size_t n, pl = strlen(prefix);
	char msg[96];
	if (take_line(c, &s, &n))
		return -1;
	if (n < pl || memcmp(s, prefix, pl) != 0) {
		(void)snprintf(msg, sizeof msg, "expected '%s...'", prefix);
		return bad(c, msg);
	}
	if (n - pl > max) {
		(void)snprintf(msg, sizeof msg, "value after '%s' is too long", prefix);
		return bad(c, msg);
	}
	memcpy(out, s + pl, n - pl);
	out[n - pl] = '\0';
	if (memchr(out, '\0', n - pl))
		return bad(c, "NUL byte");
	return 0;
}

int kit_index_parse(const char *buf, size_t len, struct kit_index *ix, struct kit_error *err)
{
	struct cursor c;
	char num[32], line_name[KIT_NAME_MAX + 1];
	const char *why;
	uint64_t count, i;
	size_t n;

	memset(ix, 0, sizeof *ix);
	c.p = buf;
	c.end = buf + len;
	c.line = 0;
	c.err = err;
	if (len > KIT_INDEX_MAX)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INDEX, "bad index: larger than %d bytes",
		                KIT_INDEX_MAX);
	if (take_field(&c, "# acskit-index ", num, 8))
		return -1;
	if (strcmp(num, "1") != 0)
		return bad(&c, "unknown index format (this program reads format 1)");
	if (take_field(&c, "# label: ", ix->label, KIT_LABEL_MAX))
		return -1;
	if ((why = kit_label_invalid(ix->label)) != NULL)
		return bad(&c, why);
	if (take_field(&c, "# created: ", ix->created_text, 20))
		return -1;
	if (time_parse_iso(ix->created_text, &ix->created) != 0 || ix->created < DOS_TIME_MIN ||
	    ix->created > DOS_TIME_MAX)
		return bad(&c, "created: expected a real time YYYY-MM-DDTHH:MM:SSZ from 1980 to 2107");
	if (take_field(&c, "# builder: ", ix->builder, KIT_BUILDER_MAX))
		return -1;
	n = strlen(ix->builder);
	for (i = 0; i < n; i++)
		if ((unsigned char)ix->builder[i] < 0x20 || (unsigned char)ix->builder[i] > 0x7E)
			return bad(&c, "builder: printable ASCII only");
	if (n == 0 || ix->builder[0] == ' ' || ix->builder[n - 1] == ' ')
		return bad(&c, "builder: empty, or a leading or trailing space");
	/* Optional, in this order: "# expires: <time>", "# sequence: <n>". */
	if (c.end - c.p > 11 && memcmp(c.p, "# expires: ", 11) == 0) {
		if (take_field(&c, "# expires: ", ix->expires_text, 20))
			return -1;
		if (time_parse_iso(ix->expires_text, &ix->expires) != 0 || ix->expires <= ix->created ||
		    ix->expires > DOS_TIME_MAX)
			return bad(&c, "expires: expected a real time YYYY-MM-DDTHH:MM:SSZ after the creation time");
	}
	if (c.end - c.p > 12 && memcmp(c.p, "# sequence: ", 12) == 0) {
		if (take_field(&c, "# sequence: ", num, 20))
			return -1;
		if (text_parse_u64(num, strlen(num), (uint64_t)INT64_MAX, &ix->sequence) != 0)
			return bad(&c, "sequence: expected a number without leading zeros");
		ix->has_sequence = 1;
	}
	/* Optional, then: "# allowed-package: <name> <why>", ascending by name,
	 * each naming a payload entry listed below (checked at the end). */
	while (c.end - c.p > 20 && memcmp(c.p, "# allowed-package: ", 19) == 0) {
		char line[KIT_NAME_MAX + KIT_ALLOWED_WHY_MAX + 2], *sp;
		struct kit_allowed *na;
		size_t k, wl;
		if (take_field(&c, "# allowed-package: ", line, sizeof line - 1))
			goto fail;
		sp = strchr(line, ' ');
		if (!sp || sp == line || (size_t)(sp - line) > KIT_NAME_MAX) {
			bad(&c, "allowed-package: expected '<entry name> <why>'");
			goto fail;
		}
		*sp = '\0';
		wl = strlen(sp + 1);
		if (kit_name_unsafe(line, strlen(line)) || kit_name_kind(line) != KIT_KIND_PAYLOAD) {
			bad(&c, "allowed-package: not a payload entry name");
			goto fail;
		}
		if (wl == 0 || wl > KIT_ALLOWED_WHY_MAX || sp[1] == ' ' || sp[wl] == ' ') {
			bad(&c, "allowed-package: the reason is empty, too long, or has a leading or trailing space");
			goto fail;
		}
		for (k = 1; k <= wl; k++)
			if ((unsigned char)sp[k] < 0x20 || (unsigned char)sp[k] > 0x7E) {
				bad(&c, "allowed-package: printable ASCII only");
				goto fail;
			}
		if (ix->nallowed && strcmp(ix->allowed[ix->nallowed - 1].name, line) >= 0) {
			bad(&c, "allowed-package: lines must be in strictly ascending byte order of name");
			goto fail;
		}
		if (ix->nallowed >= KIT_MAX_ENTRIES) {
			bad(&c, "allowed-package: more lines than entries a kit may hold");
			goto fail;
		}
		na = realloc(ix->allowed, (ix->nallowed + 1) * sizeof *na);
		if (!na) {
			kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
			goto fail;
		}
		ix->allowed = na;
		na[ix->nallowed].name = malloc(strlen(line) + 1);
		na[ix->nallowed].why = malloc(wl + 1);
		ix->nallowed++;
		if (!na[ix->nallowed - 1].name || !na[ix->nallowed - 1].why) {
			kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
			goto fail;
		}
		memcpy(na[ix->nallowed - 1].name, line, strlen(line) + 1);
		memcpy(na[ix->nallowed - 1].why, sp + 1, wl + 1);
	}
	if (take_field(&c, "# entries: ", num, 6))
		goto fail;
	if (text_parse_u64(num, strlen(num), KIT_MAX_ENTRIES, &count) != 0 || count == 0) {
		bad(&c, "entries: expected a number from 1 to 10000");
		goto fail;
	}
	ix->entries = calloc((size_t)count, sizeof *ix->entries);
	if (!ix->entries) {
		kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		goto fail;
	}
	for (i = 0; i < count; i++) {
		struct kit_entry *e = &ix->entries[i];
		const char *s, *sp;
		size_t ln, k;
		char hdr[KIT_NAME_MAX + 40];
		/* "# entry: <size> <name>" */
		if (take_field(&c, "# entry: ", hdr, sizeof hdr - 1))
			goto fail;
		sp = strchr(hdr, ' ');
		if (!sp || text_parse_u64(hdr, (size_t)(sp - hdr), (uint64_t)INT64_MAX, &e->size) != 0) {
			bad(&c, "entry: expected '<size> <name>' with a decimal size");
			goto fail;
		}
		n = strlen(sp + 1);
		if ((why = kit_name_unsafe(sp + 1, n)) != NULL) {
			kit_fail(err, KIT_E_REFUSED, KIT_R_UNSAFE_NAME, "unsafe entry name in the index, line %u: %s",
			         c.line, why);
			goto fail;
		}
		if (!strcmp(sp + 1, KIT_INDEX_NAME)) {
			bad(&c, "the index may not list itself");
			goto fail;
		}
		/* The signature signs the index, so the index cannot list it: verify
		 * would skip the line, and sha256sum -c --strict would fail on it. */
		if (!strcmp(sp + 1, KIT_SIG_NAME)) {
			bad(&c, "the index may not list its own signature");
			goto fail;
		}
		memcpy(line_name, sp + 1, n + 1);
		/* "<64 hex>  <name>" */
		if (take_line(&c, &s, &ln))
			goto fail;
		if (ln < 67 || s[64] != ' ' || s[65] != ' ') {
			bad(&c, "expected '<sha256 in 64 lowercase hex digits>  <name>'");
			goto fail;
		}
		for (k = 0; k < 64; k++)
			if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'f'))) {
				bad(&c, "the SHA-256 must be 64 lowercase hex digits");
				goto fail;
			}
		if (ln - 66 != n || memcmp(s + 66, line_name, n) != 0) {
			bad(&c, "the hash line names another entry than the '# entry:' line above it");
			goto fail;
		}
		for (k = 0; k < 32; k++) {
			char two[3];
			two[0] = s[2 * k];
			two[1] = s[2 * k + 1];
			two[2] = '\0';
			(void)kit_unhex(two, &e->sha256[k], 1);
		}
		e->name = malloc(n + 1);
		if (!e->name) {
			kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
			goto fail;
		}
		memcpy(e->name, line_name, n + 1);
		ix->count = (size_t)i + 1;
		if (i > 0 && strcmp(ix->entries[i - 1].name, e->name) >= 0) {
			bad(&c, "entries must be in strictly ascending byte order of name");
			goto fail;
		}
	}
	if (c.p != c.end) {
		c.line++;
		bad(&c, "more lines than '# entries:' announced");
		goto fail;
	}
	for (i = 0; i < ix->nallowed; i++)
		if (!kit_index_find(ix, ix->allowed[i].name)) {
			kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INDEX, "bad index: allowed-package %s is not an entry of the index",
			         ix->allowed[i].name);
			goto fail;
		}
	return 0;
fail:
	kit_index_free(ix);
	return -1;
}

int kit_index_format(const struct kit_index *ix, char **out, size_t *len)
{
	size_t cap = 256 + ix->count * (KIT_NAME_MAX * 2 + 120) + ix->nallowed * (KIT_NAME_MAX + KIT_ALLOWED_WHY_MAX + 24), n;
	char *buf = malloc(cap), hex[65];
	size_t i;
	int w;

	*out = NULL;
	if (!buf)
		return -1;
	w = snprintf(buf, cap, "# acskit-index 1\n# label: %s\n# created: %s\n# builder: %s\n", ix->label, ix->created_text,
	             ix->builder);
	if (w < 0 || (size_t)w >= cap)
		goto fail;
	n = (size_t)w;
	if (ix->expires)
		w = snprintf(buf + n, cap - n, "# expires: %s\n", ix->expires_text);
	else
		w = 0;
	if (w < 0 || (size_t)w >= cap - n)
		goto fail;
	n += (size_t)w;
	if (ix->has_sequence)
		w = snprintf(buf + n, cap - n, "# sequence: %llu\n", (unsigned long long)ix->sequence);
	else
		w = 0;
	if (w < 0 || (size_t)w >= cap - n)
		goto fail;
	n += (size_t)w;
	for (i = 0; i < ix->nallowed; i++) {
		w = snprintf(buf + n, cap - n, "# allowed-package: %s %s\n", ix->allowed[i].name, ix->allowed[i].why);
		if (w < 0 || (size_t)w >= cap - n)
			goto fail;
		n += (size_t)w;
	}
	w = snprintf(buf + n, cap - n, "# entries: %lu\n", (unsigned long)ix->count);
	if (w < 0 || (size_t)w >= cap - n)
		goto fail;
	n += (size_t)w;
	for (i = 0; i < ix->count; i++) {
		kit_hex(ix->entries[i].sha256, 32, hex);
		w = snprintf(buf + n, cap - n, "# entry: %llu %s\n%s  %s\n",
		             (unsigned long long)ix->entries[i].size, ix->entries[i].name, hex,
		             ix->entries[i].name);
		if (w < 0 || (size_t)w >= cap - n)
			goto fail;
		n += (size_t)w;
	}
	*out = buf;
	*len = n;
	return 0;
fail:
	free(buf);
	return -1;
}

static int entry_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct kit_entry *)elem)->name);
}

const struct kit_entry *kit_index_find(const struct kit_index *ix, const char *name)
{
	if (!ix->count)
		return NULL;
	return bsearch(name, ix->entries, ix->count, sizeof *ix->entries, entry_cmp);
}

void kit_index_free(struct kit_index *ix)
{
	size_t i;
	for (i = 0; i < ix->count; i++)
		free(ix->entries[i].name);
	free(ix->entries);
	ix->entries = NULL;
	ix->count = 0;
	for (i = 0; i < ix->nallowed; i++) {
		free(ix->allowed[i].name);
		free(ix->allowed[i].why);
	}
	free(ix->allowed);
	ix->allowed = NULL;
	ix->nallowed = 0;
}
