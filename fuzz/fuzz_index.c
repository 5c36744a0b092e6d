/* libFuzzer target: the index parser, and format(parse(x)) == x for every
 * index it accepts (the grammar has one spelling for each index). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kit_index ix;
	struct kit_error err;
	char *text;
	size_t len;
	if (kit_index_parse((const char *)data, size, &ix, &err) != 0)
		return 0;
	if (kit_index_format(&ix, &text, &len) == 0) {
		if (len != size || memcmp(text, data, size) != 0)
			abort();
		free(text);
	}
	kit_index_free(&ix);
	return 0;
}
