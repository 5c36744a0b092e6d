/* Zip round trip through the library: kit_build writes a kit with minizip,
 * kit_verify_file and kit_verify_mem read it back; building twice gives the same
 * bytes; every truncation is refused; no corruption makes the verifier accept
 * content other than the index says.
 *
 *   test_zip PAYLOAD_DIR MANIFESTS_DIR SCRATCH_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit.h"
#include "t.h"

int main(int argc, char **argv)
{
	struct kit_build_options o;
	struct kit_build_result r1, r2;
	struct kit_error err;
	struct kit *k = NULL;
	char out1[1024], out2[1024], id1[65];
	uint8_t *a, *b;
	size_t alen, blen, cut, off, refused = 0, accepted_same = 0, accepted_other = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: test_zip PAYLOAD_DIR MANIFESTS_DIR SCRATCH_DIR\n");
		return 2;
	}
	snprintf(out1, sizeof out1, "%s/one.zip", argv[3]);
	snprintf(out2, sizeof out2, "%s/two.zip", argv[3]);
	memset(&o, 0, sizeof o);
	o.payload_dir = argv[1];
	o.manifests_dir = argv[2];
	o.label = "round trip";
	o.created = 1767225600; /* 2026-01-01T00:00:00Z */
	o.builder = "test_zip";
	o.now = 1767225600;
	o.output = out1;
	CHECK(kit_build(&o, &r1, &err) == 0, "build: %s", err.msg);
	o.output = out2;
	CHECK(kit_build(&o, &r2, &err) == 0, "build again: %s", err.msg);
	CHECK(!strcmp(r1.identity_hex, r2.identity_hex), "same inputs, same identity");
	a = t_slurp(out1, &alen);
	b = t_slurp(out2, &blen);
	CHECK(a && b && alen == blen && !memcmp(a, b, alen), "same inputs, byte-identical zips (%lu bytes)",
	      (unsigned long)alen);
	if (!a)
		return t_done();

	CHECK(kit_verify_file(out1, &k, &err) == 0, "verify the file: %s", err.msg);
	if (k) {
		CHECK(!strcmp(k->identity_hex, r1.identity_hex), "verified identity equals the built one");
		CHECK(!strcmp(k->index.label, "round trip") && k->index.created == 1767225600 &&
		          !strcmp(k->index.builder, "test_zip"),
		      "label, creation time and builder survive");
		CHECK(k->index.count == r1.entries && k->manifests.n == r1.manifests && k->root_len == 1488,
		      "entries, manifests and root survive");
		memcpy(id1, k->identity_hex, 65);
		kit_free(k);
	}
	CHECK(kit_verify_mem(a, alen, &k, &err) == 0 && !strcmp(k->identity_hex, r1.identity_hex),
	      "verify from memory: %s", err.msg);
	kit_free(k);

	o.label = "another label";
	o.output = out2;
	CHECK(kit_build(&o, &r2, &err) == 0 && strcmp(r2.identity_hex, r1.identity_hex) != 0,
	      "another label, another identity");
	o.label = "round trip";
	o.created += 2;
	CHECK(kit_build(&o, &r2, &err) == 0 && strcmp(r2.identity_hex, r1.identity_hex) != 0,
	      "another creation time, another identity");

	for (cut = 0; cut < alen; cut++) {
		if (kit_verify_mem(a, cut, &k, &err) == 0) {
			kit_free(k);
			break;
		}
	}
	CHECK(cut == alen, "cut at %lu; every truncation", (unsigned long)cut);
	CHECK(cut == alen, "every truncation (0 to %lu bytes) is refused", (unsigned long)alen - 1);

	/* Flip one byte at a time. Some bytes (DOS times, "made by", attributes)
	 * carry nothing the runner acts on; a flip there may pass, but only with the
	 * same identity. Everything else must be refused. */
	for (off = 0; off < alen; off++) {
		a[off] ^= 0x5a;
		if (kit_verify_mem(a, alen, &k, &err) == 0) {
			if (!strcmp(k->identity_hex, id1))
				accepted_same++;
			else
				accepted_other++;
			kit_free(k);
		} else {
			refused++;
		}
		a[off] ^= 0x5a;
	}
	CHECK(accepted_other == 0, "no flipped byte yields another identity (%lu refused, %lu harmless)",
	      (unsigned long)refused, (unsigned long)accepted_same);
	CHECK(refused > alen * 9 / 10, "at least 90%% of single-byte flips are refused (%lu of %lu)",
	      (unsigned long)refused, (unsigned long)alen);
	free(a);
	free(b);
	return t_done();
}
