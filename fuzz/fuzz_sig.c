/* libFuzzer target: signature and key parsing. The input is split at its first
 * byte into a public key and a signature for crypto_p256_verify (the platform's
 * DER parsers), and is also fed whole to the PEM and base64 decoders. */
#include <stdint.h>
#include <stdlib.h>

#include "crypto.h"
#include "pem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t digest[32] = {1, 2, 3};
	uint8_t *der = NULL;
	size_t len, cut;
	if (size == 0)
		return 0;
	cut = data[0] < size - 1 ? data[0] : size - 1;
	(void)crypto_p256_verify(data + 1, cut, digest, data + 1 + cut, size - 1 - cut);
	if (pem_decode((const char *)data, size, "PUBLIC KEY", &der, &len) == 0)
		free(der);
	if (base64_decode((const char *)data, size, &der, &len) == 0)
		free(der);
	return 0;
}
