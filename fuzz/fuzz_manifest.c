/* libFuzzer target: the manifest parser, and the overlap check over the
 * manifest against itself and a fixed one. */
#include <stdint.h>
#include <string.h>

#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest *m;
	struct manifest_error err;
	if (manifest_parse((const char *)data, size, &m, &err) != 0) {
		if (strlen(err.msg) >= sizeof err.msg)
			__builtin_trap();
		return 0;
	}
	(void)manifest_matches(m, 10, 0, 17763, 1, "Windows 10 Enterprise");
	{
		struct manifest_set set = {0, NULL};
		char msg[300];
		manifest_set_add(&set, m);
		(void)manifest_set_check(&set, msg, sizeof msg);
		manifest_set_free(&set);
	}
	return 0;
}
