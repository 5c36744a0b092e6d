/* libFuzzer target: the strict JSON reader (fleet summary input). Every node
 * of an accepted document is walked, so a bad link or length shows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(const struct jnode *n, int depth)
{
	size_t count = 1, k = 0;
	const struct jnode *c;
	if (depth > JREAD_MAX_DEPTH + 1)
		abort();
	if (n->type == J_STRING && strlen(n->str) > n->len)
		abort();
	for (c = n->child; c; c = c->next, k++) {
		if ((n->type == J_OBJECT) != (c->key != NULL))
			abort();
		count += walk(c, depth + 1);
	}
	if ((n->type == J_ARRAY || n->type == J_OBJECT) && k != n->len)
		abort();
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jdoc *d;
	struct jread_error err;
	if (jread_parse((const char *)data, size, &d, &err) != 0) {
		if (err.offset > size)
			abort();
		return 0;
	}
	(void)walk(jread_root(d), 0);
	(void)jread_path(jread_root(d), "update.verdict");
	jread_free(d);
	return 0;
}
