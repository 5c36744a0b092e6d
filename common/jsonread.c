/* The strict JSON reader (jsonread.h). One pass builds the nodes in one
 * array and the decoded strings in one buffer; links become pointers at the
 * end, when neither array moves any more. */
#include "jsonread.h"

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rnode {
	enum jtype type;
	size_t key;  /* offset+1 into strs, 0 = none */
	size_t str;  /* offset into strs */
	size_t len;
	int is_int;
	int64_t i;
	size_t child, next, last; /* index+1, 0 = none */
};

struct jdoc {
	struct jnode *nodes;
	size_t n;
	char *strs;
};

struct parser {
	const char *p, *end, *start;
	struct rnode *nodes;
	size_t n, cap;
	char *strs;
	size_t slen, scap;
	int depth, oom;
	struct jread_error *err;
	int failed;
};

static void fail(struct parser *ps, const char *msg)
{
	const char *q;
	if (ps->failed)
		return;
	ps->failed = 1;
	ps->err->offset = (size_t)(ps->p - ps->start);
	ps->err->line = 1;
	for (q = ps->start; q < ps->p; q++)
		if (*q == '\n')
			ps->err->line++;
	(void)snprintf(ps->err->msg, sizeof ps->err->msg, "%s", ps->oom ? "out of memory" : msg);
}

static size_t new_node(struct parser *ps, enum jtype t)
{
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 256;
		struct rnode *nn = realloc(ps->nodes, cap * sizeof *nn);
		if (!nn) {
			ps->oom = 1;
			fail(ps, "out of memory");
			return 0;
		}
		ps->nodes = nn;
		ps->cap = cap;
	}
	memset(&ps->nodes[ps->n], 0, sizeof ps->nodes[0]);
	ps->nodes[ps->n].type = t;
	return ++ps->n;
}

static int sput(struct parser *ps, const char *s, size_t k)
{
	if (text_reserve(&ps->strs, &ps->scap, ps->slen + k + 1, 4096)) {
		ps->oom = 1;
		fail(ps, "out of memory");
		return -1;
	}
	memcpy(ps->strs + ps->slen, s, k);
	ps->slen += k;
	return 0;
}

static void ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int k;
	for (k = 0; k < 4; k++) {
		char c = s[k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Parses a string at ps->p (at the quote); appends it NUL-terminated to
 * strs. Returns its offset, with *len, or (size_t)-1. */
static size_t string(struct parser *ps, size_t *len)
{
	size_t at = ps->slen;
	const char *run;
	ps->p++;
	run = ps->p;
	for (;;) {
		unsigned char c;
		if (ps->p >= ps->end) {
			fail(ps, "unterminated string");
			return (size_t)-1;
		}
		c = (unsigned char)*ps->p;
		if (c == '"' || c == '\\') {
			/* The raw run before it: valid UTF-8, checked as a whole. */
			if (!text_utf8_valid(run, (size_t)(ps->p - run))) {
				fail(ps, "a string is not valid UTF-8");
				return (size_t)-1;
			}
			if (sput(ps, run, (size_t)(ps->p - run)))
				return (size_t)-1;
		}
		if (c == '"') {
			ps->p++;
			break;
		}
		if (c < 0x20) {
			fail(ps, "a control character inside a string");
			return (size_t)-1;
		}
		if (c != '\\') {
			ps->p++;
			continue;
		}
		if (ps->end - ps->p < 2) {
			fail(ps, "unterminated string");
			return (size_t)-1;
		}
		{
			char e = ps->p[1], b[4];
			const char *m = strchr("\"\\/bfnrt", e);
			unsigned u, lo;
			size_t k;
			if (e && m) {
				static const char rep[] = "\"\\/\b\f\n\r\t";
				if (sput(ps, &rep[m - "\"\\/bfnrt"], 1))
					return (size_t)-1;
				ps->p += 2;
				run = ps->p;
				continue;
			}
			if (e != 'u' || ps->end - ps->p < 6 || hex4(ps->p + 2, &u)) {
				fail(ps, "a bad escape in a string");
				return (size_t)-1;
			}
			ps->p += 6;
			if (u >= 0xDC00 && u <= 0xDFFF) {
				fail(ps, "a lone low surrogate escape");
				return (size_t)-1;
			}
			if (u >= 0xD800 && u <= 0xDBFF) {
				if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' || hex4(ps->p + 2, &lo) ||
				    lo < 0xDC00 || lo > 0xDFFF) {
					fail(ps, "a high surrogate escape without its low surrogate");
					return (size_t)-1;
				}
				ps->p += 6;
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			}
			if (u < 0x80) {
				b[0] = (char)u, k = 1;
			} else if (u < 0x800) {
				b[0] = (char)(0xC0 | (u >> 6)), b[1] = (char)(0x80 | (u & 0x3F)), k = 2;
			} else if (u < 0x10000) {
				b[0] = (char)(0xE0 | (u >> 12)), b[1] = (char)(0x80 | ((u >> 6) & 0x3F));
				b[2] = (char)(0x80 | (u & 0x3F)), k = 3;
			} else {
				b[0] = (char)(0xF0 | (u >> 18)), b[1] = (char)(0x80 | ((u >> 12) & 0x3F));
				b[2] = (char)(0x80 | ((u >> 6) & 0x3F)), b[3] = (char)(0x80 | (u & 0x3F)), k = 4;
			}
			if (sput(ps, b, k))
				return (size_t)-1;
			run = ps->p;
		}
	}
	*len = ps->slen - at;
	if (sput(ps, "", 1))
		return (size_t)-1;
	return at;
}

/* One or more digits, consumed; without one, "a bad number". */
static int digits(struct parser *ps)
{
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
		fail(ps, "a bad number");
		return -1;
	}
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return 0;
}

static void number(struct parser *ps, size_t node)
{
	int frac = 0, neg = 0;
	uint64_t v = 0;
	int over = 0;
	if (ps->p < ps->end && *ps->p == '-')
		ps->p++, neg = 1;
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
		fail(ps, "a bad number");
		return;
	}
	if (*ps->p == '0' && ps->p + 1 < ps->end && ps->p[1] >= '0' && ps->p[1] <= '9') {
		fail(ps, "a number with a leading zero");
		return;
	}
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
		unsigned d = (unsigned)(*ps->p - '0');
		if (v > (UINT64_MAX - d) / 10)
			over = 1;
		else
			v = v * 10 + d;
		ps->p++;
	}
	if (ps->p < ps->end && *ps->p == '.') {
		frac = 1;
		ps->p++;
		if (digits(ps))
			return;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		frac = 1;
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (digits(ps))
			return;
	}
	if (!frac && !over && v <= (uint64_t)INT64_MAX) {
		ps->nodes[node - 1].is_int = 1;
		ps->nodes[node - 1].i = neg ? -(int64_t)v : (int64_t)v;
	}
}

static int literal(struct parser *ps, const char *word)
{
	size_t k = strlen(word);
	if ((size_t)(ps->end - ps->p) < k || memcmp(ps->p, word, k) != 0) {
		fail(ps, "an unexpected character");
		return -1;
	}
	ps->p += k;
	return 0;
}

static void append_child(struct parser *ps, size_t parent, size_t child)
{
	struct rnode *p = &ps->nodes[parent - 1];
	if (p->last)
		ps->nodes[p->last - 1].next = child;
	else
		p->child = child;
	p->last = child;
	p->len++;
}

/* Whether object node already has a member named like strs[at], len bytes. */
static int has_key(struct parser *ps, size_t obj, size_t at, size_t len)
{
	size_t c;
	for (c = ps->nodes[obj - 1].child; c; c = ps->nodes[c - 1].next) {
		size_t k = ps->nodes[c - 1].key - 1;
		if (strlen(ps->strs + k) == len && !memcmp(ps->strs + k, ps->strs + at, len) &&
		    ps->strs[k + len] == '\0')
			return 1;
	}
	return 0;
}

static size_t value(struct parser *ps);

static size_t container(struct parser *ps, int object)
{
	size_t node = new_node(ps, object ? J_OBJECT : J_ARRAY);
	if (!node)
		return 0;
	if (++ps->depth > JREAD_MAX_DEPTH) {
		fail(ps, "nested too deep");
		return 0;
	}
	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
		ps->p++;
		ps->depth--;
		return node;
	}
	for (;;) {
		size_t key = 0, klen = 0, child;
		ws(ps);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"') {
				fail(ps, "expected a member name");
				return 0;
			}
			key = string(ps, &klen);
			if (key == (size_t)-1)
				return 0;
			if (memchr(ps->strs + key, '\0', klen)) {
				fail(ps, "a member name holds U+0000");
				return 0;
			}
			if (has_key(ps, node, key, klen)) {
				fail(ps, "a duplicate member name");
				return 0;
			}
			ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				fail(ps, "expected ':'");
				return 0;
			}
			ps->p++;
		}
		child = value(ps);
		if (!child)
			return 0;
		if (object)
			ps->nodes[child - 1].key = key + 1;
		append_child(ps, node, child);
		ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
			ps->p++;
			ps->depth--;
			return node;
		}
		fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
		return 0;
	}
}

static size_t value(struct parser *ps)
{
	size_t node;
	ws(ps);
	if (ps->p >= ps->end) {
		fail(ps, "unexpected end of text");
		return 0;
	}
	switch (*ps->p) {
	case '{':
		return container(ps, 1);
	case '[':
		return container(ps, 0);
	case '"': {
		size_t len, at;
		node = new_node(ps, J_STRING);
		if (!node)
			return 0;
		at = string(ps, &len);
		if (at == (size_t)-1)
			return 0;
		ps->nodes[node - 1].str = at;
		ps->nodes[node - 1].len = len;
		return node;
	}
	case 't':
		node = new_node(ps, J_TRUE);
		return node && !literal(ps, "true") ? node : 0;
	case 'f':
		node = new_node(ps, J_FALSE);
		return node && !literal(ps, "false") ? node : 0;
	case 'n':
		node = new_node(ps, J_NULL);
		return node && !literal(ps, "null") ? node : 0;
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) {
			node = new_node(ps, J_NUMBER);
			if (!node)
				return 0;
			number(ps, node);
			return ps->failed ? 0 : node;
		}
		fail(ps, "an unexpected character");
		return 0;
	}
}

int jread_parse(const char *text, size_t n, struct jdoc **out, struct jread_error *err)
{
	struct parser ps;
	struct jdoc *d;
	size_t root, i;
	memset(&ps, 0, sizeof ps);
	memset(err, 0, sizeof *err);
	ps.p = ps.start = text;
	ps.end = text + n;
	ps.err = err;
	*out = NULL;
	root = value(&ps);
	if (root) {
		ws(&ps);
		if (ps.p != ps.end)
			fail(&ps, "text after the value");
	}
	d = NULL;
	if (!ps.failed && (!(d = calloc(1, sizeof *d)) || !(d->nodes = calloc(ps.n, sizeof *d->nodes)))) {
		ps.oom = 1;
		fail(&ps, "out of memory");
	}
	if (ps.failed) {
		if (d)
			free(d);
		free(ps.nodes);
		free(ps.strs);
		return -1;
	}
	/* Node 1 is the root: value() makes the outermost node first. */
	d->n = ps.n;
	d->strs = ps.strs;
	for (i = 0; i < ps.n; i++) {
		const struct rnode *r = &ps.nodes[i];
		struct jnode *j = &d->nodes[i];
		j->type = r->type;
		j->key = r->key ? d->strs + r->key - 1 : NULL;
		j->str = r->type == J_STRING ? d->strs + r->str : NULL;
		j->len = r->len;
		j->is_int = r->is_int;
		j->i = r->i;
		j->child = r->child ? &d->nodes[r->child - 1] : NULL;
		j->next = r->next ? &d->nodes[r->next - 1] : NULL;
	}
	free(ps.nodes);
	*out = d;
	return 0;
}

const struct jnode *jread_root(const struct jdoc *d)
{
	return d && d->n ? &d->nodes[0] : NULL;
}

void jread_free(struct jdoc *d)
{
	if (!d)
		return;
	free(d->nodes);
	free(d->strs);
	free(d);
}

const struct jnode *jread_get(const struct jnode *o, const char *key)
{
	const struct jnode *c;
	if (!o || o->type != J_OBJECT)
		return NULL;
	for (c = o->child; c; c = c->next)
		if (!strcmp(c->key, key))
			return c;
	return NULL;
}

const struct jnode *jread_path(const struct jnode *o, const char *path)
{
	char part[64];
	while (o && *path) {
		size_t k = strcspn(path, ".");
		if (k >= sizeof part)
			return NULL;
		memcpy(part, path, k);
		part[k] = '\0';
		o = jread_get(o, part);
		path += k + (path[k] == '.');
	}
	return o;
}

const char *jread_str(const struct jnode *o)
{
	return o && o->type == J_STRING ? o->str : NULL;
}
