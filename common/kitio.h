/* minizip I/O callback tables (zlib's ioapi): one over plat.h files, so the same
 * zip code reads and writes UTF-8 paths on every platform, and one over a memory
 * buffer, for tests and fuzzing. */
#ifndef ACSKIT_KITIO_H
#define ACSKIT_KITIO_H

#include <stddef.h>
#include <stdint.h>

#include <ioapi.h>

#include "plat.h"

struct kitio_mem {
	const uint8_t *data;
	size_t len;
	size_t pos;
};

/* Fills def with callbacks over plat_open; the "filename" minizip passes is a
 * UTF-8 path. */
void kitio_file(zlib_filefunc64_def *def);
/* Fills def with read-only callbacks over one file the caller opened: every
 * "open" returns f and "close" leaves it open, so minizip and acskit read the
 * same handle (a kit swapped on the medium between two opens cannot show each
 * reader other bytes). */
void kitio_file_shared(zlib_filefunc64_def *def, plat_file *f);
/* Fills def with read-only callbacks over m (its pos is reset at each open). */
void kitio_memory(zlib_filefunc64_def *def, struct kitio_mem *m);

#endif
