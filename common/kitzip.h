/* Byte-level helpers of the zip reader, and the check of the end records,
 * split from kit.c by concern (kit.c: the entries; this: the container's
 * frame). Internal to common/. */
#ifndef ACSKIT_KITZIP_H
#define ACSKIT_KITZIP_H

#include <stdint.h>

#include <ioapi.h>

#include "kit.h"

static inline uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Reads n bytes at off through io. Returns 1 when all were read, else 0. */
static inline int read_at(zlib_filefunc64_def *io, voidpf f, uint64_t off, unsigned char *buf, uLong n)
{
	return io->zseek64_file(io->opaque, f, off, ZLIB_FILEFUNC_SEEK_SET) == 0 &&
	       io->zread_file(io->opaque, f, buf, n) == n;
}

/* Checks the end records of the zip read through io/f (see kitzip.c) and sets
 * *cd_offset, *cd_end (where the end records start) and *count. Returns 0, or
 * -1 with err. */
int kitzip_check_end_record(zlib_filefunc64_def *io, voidpf f, uint64_t *cd_offset, uint64_t *cd_end,
                            uint64_t *count, struct kit_error *err);

#endif
