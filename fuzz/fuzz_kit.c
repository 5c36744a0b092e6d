/* libFuzzer target: verification of a whole kit from a buffer (zip reading
 * through minizip, the index, manifests, the root check). */
#include <stddef.h>
#include <stdint.h>

#include "kit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kit *k;
	struct kit_error err;
	if (kit_verify_mem(data, size, &k, &err) == 0)
		kit_free(k);
	return 0;
}
