/* A small, strict JSON reader (RFC 8259) for the fleet summary: the whole
 * text must be one value with nothing but whitespace around it; no comments,
 * trailing commas, leading zeros, NaN, or duplicate keys; strings must be
 * valid UTF-8 with valid escapes (surrogates only as pairs), without raw
 * control characters. Nesting is limited to JREAD_MAX_DEPTH. Never prints. */
#ifndef ACSKIT_JSONREAD_H
#define ACSKIT_JSONREAD_H

#include <stddef.h>
#include <stdint.h>

#define JREAD_MAX_DEPTH 64

enum jtype { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

struct jnode {
	enum jtype type;
	const char *key;      /* the member name inside an object, else NULL */
	const char *str;      /* J_STRING: the decoded UTF-8 (NUL-terminated; may hold U+0000 as "\0") */
	size_t len;           /* J_STRING: its length; J_ARRAY/J_OBJECT: the number of children */
	int is_int;           /* J_NUMBER: written without fraction or exponent and fits int64 */
	int64_t i;            /* J_NUMBER with is_int */
	const struct jnode *child; /* J_ARRAY/J_OBJECT: the first child */
	const struct jnode *next;  /* the next sibling */
};

struct jdoc;

struct jread_error {
	size_t offset;   /* byte offset of the error */
	unsigned line;   /* its line, from 1 */
	char msg[120];
};

/* Parses text[0..n). Returns 0 and *out (free with jread_free), or -1 with
 * *err filled (msg "out of memory" when allocation failed). */
int jread_parse(const char *text, size_t n, struct jdoc **out, struct jread_error *err);
/* The top-level value. */
const struct jnode *jread_root(const struct jdoc *d);
void jread_free(struct jdoc *d);

/* The member key of object o, or NULL (also when o is NULL or not an object). */
const struct jnode *jread_get(const struct jnode *o, const char *key);
/* Follows dotted keys ("update.verdict"); NULL if any step is missing. */
const struct jnode *jread_path(const struct jnode *o, const char *path);
/* o's string if it is a J_STRING, else NULL. */
const char *jread_str(const struct jnode *o);

#endif
