/* JSON writer (json.h). */
#include "json.h"

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(struct json *j, const char *s, size_t n)
{
	if (j->failed)
		return;
	if (text_reserve(&j->buf, &j->cap, j->len + n + 1, 4096)) {
		j->failed = 1;
		return;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static void puts_(struct json *j, const char *s)
{
	put(j, s, strlen(s));
}

static void quoted(struct json *j, const char *s)
{
	/* Text from the machine is converted from UTF-16 and is valid UTF-8; if a
	 * string is not, its high bytes are written as \u00XX so the report stays
	 * valid JSON. */
	int utf8 = text_utf8_valid(s, strlen(s));
	put(j, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\', esc[1] = (char)c;
			put(j, esc, 2);
		} else if (c < 0x20 || c == 0x7F || (c >= 0x80 && !utf8)) {
			(void)snprintf(esc, sizeof esc, "\\u%04x", c);
			put(j, esc, 6);
		} else {
			put(j, s, 1);
		}
	}
	put(j, "\"", 1);
}

/* The comma, newline, indent and key before a member. */
static void member(struct json *j, const char *key)
{
	int i;
	if (j->depth > 0) {
		if (j->count[j->depth - 1]++)
			put(j, ",", 1);
		put(j, "\n", 1);
		for (i = 0; i < j->depth; i++)
			put(j, "  ", 2);
	}
	if (key) {
		quoted(j, key);
		put(j, ": ", 2);
	}
}

static void open_(struct json *j, const char *key, const char *bracket)
{
	member(j, key);
	puts_(j, bracket);
	if (j->depth >= JSON_MAX_DEPTH) {
		j->failed = 1;
		return;
	}
	j->count[j->depth++] = 0;
}

static void close_(struct json *j, const char *bracket)
{
	int i, had;
	if (j->depth == 0) {
		j->failed = 1;
		return;
	}
	had = j->count[--j->depth];
	if (had) {
		put(j, "\n", 1);
		for (i = 0; i < j->depth; i++)
			put(j, "  ", 2);
	}
	puts_(j, bracket);
}

void json_object_begin(struct json *j, const char *key) { open_(j, key, "{"); }
void json_object_end(struct json *j) { close_(j, "}"); }
void json_array_begin(struct json *j, const char *key) { open_(j, key, "["); }
void json_array_end(struct json *j) { close_(j, "]"); }

void json_string(struct json *j, const char *key, const char *value)
{
	member(j, key);
	if (value)
		quoted(j, value);
	else
		puts_(j, "null");
}

void json_int(struct json *j, const char *key, int64_t value)
{
	char b[32];
	member(j, key);
	(void)snprintf(b, sizeof b, "%lld", (long long)value);
	puts_(j, b);
}

void json_bool(struct json *j, const char *key, int value)
{
	member(j, key);
	puts_(j, value ? "true" : "false");
}

void json_null(struct json *j, const char *key)
{
	member(j, key);
	puts_(j, "null");
}

int json_finish(struct json *j)
{
	if (j->depth != 0)
		j->failed = 1;
	put(j, "\n", 1);
	return j->failed ? -1 : 0;
}

void json_free(struct json *j)
{
	free(j->buf);
	memset(j, 0, sizeof *j);
}
