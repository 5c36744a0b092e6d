/* A small JSON writer into a growing buffer, for the --json report
 * (docs/report.md). Strings must be UTF-8; control characters are escaped.
 * An allocation failure is remembered and reported by json_finish. */
#ifndef ACSKIT_JSON_H
#define ACSKIT_JSON_H

#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 16

struct json {
	char *buf;
	size_t len, cap;
	int failed;
	int depth;
	int count[JSON_MAX_DEPTH]; /* members written at each level, for commas */
};

/* key is NULL inside arrays and for the top level. */
void json_object_begin(struct json *j, const char *key);
void json_object_end(struct json *j);
void json_array_begin(struct json *j, const char *key);
void json_array_end(struct json *j);
void json_string(struct json *j, const char *key, const char *value); /* NULL value writes null */
void json_int(struct json *j, const char *key, int64_t value);
void json_bool(struct json *j, const char *key, int value);
void json_null(struct json *j, const char *key);
/* Ends the text with a newline. Returns 0 and leaves buf/len, or -1 (memory). */
int json_finish(struct json *j);
void json_free(struct json *j);

#endif
