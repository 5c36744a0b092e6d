/* The zip container's frame: the end records (split from kit.c by concern).
 * Writes and prints nothing. */
#include <stdlib.h>

#include "kitzip.h"

/* minizip reads a field cut off by the end of the file as zeros (its UNZ_EOF is
 * UNZ_OK) and quietly skips data before the archive. So check the end records
 * ourselves first: the last 22 bytes are the end-of-central-directory record,
 * with no comment and one disk; where a ZIP64 locator precedes it (minizip then
 * takes the ZIP64 record's values) the locator and the ZIP64 record must be
 * complete and consistent; and the central directory must end exactly where
 * the end records begin, which leaves no room for prepended or appended data.
 * Sets *cd_offset. */
int kitzip_check_end_record(zlib_filefunc64_def *io, voidpf f, uint64_t *cd_offset, uint64_t *cd_end,
                            uint64_t *count, struct kit_error *err)
{
	unsigned char r[22], loc[20], z[56], *tail;
	uint64_t size, cd_size, cd_off, end, back, locator = 0;
	int ok;

	ok = io->zseek64_file(io->opaque, f, 0, ZLIB_FILEFUNC_SEEK_END) == 0;
	size = ok ? io->ztell64_file(io->opaque, f) : 0;
	if (!ok || size < 22 || size == (uint64_t)-1 || !read_at(io, f, size - 22, r, 22) || le32(r) != 0x06054b50)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP,
		                "not a zip file: no end-of-central-directory record at the end of the file");
	if (r[20] || r[21])
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP, "not a zip file: a kit has no zip comment");
	if (r[4] || r[5] || r[6] || r[7] || r[8] != r[10] || r[9] != r[11])
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP, "not a zip file: split or spanned archive");
	cd_size = le32(r + 12);
	cd_off = le32(r + 16);
	end = size - 22;
	*count = le16(r + 10);
	/* minizip takes the ZIP64 locator signature nearest the end of the file
	 * within its last 64 KiB, wherever it stands. The only place a kit may hold
	 * one is right before the end record: anywhere else it would lead minizip
	 * to another central directory than the one checked here. */
	back = size < 0xffff ? size : 0xffff;
	tail = malloc((size_t)back);
	if (!tail)
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	if (!read_at(io, f, size - back, tail, (uLong)back)) {
		free(tail);
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read the end of the kit");
	}
	{
		uint64_t k;
		/* Every start from back-4 down to 0 inclusive, as minizip's loop
		 * (a window start missed here is one minizip may still take). */
		for (k = back >= 4 ? back - 4 + 1 : 0; k-- > 0;)
			if (tail[k] == 0x50 && tail[k + 1] == 0x4b && tail[k + 2] == 0x06 && tail[k + 3] == 0x07) {
				locator = size - back + k;
				break;
			}
	}
	free(tail);
	if (locator && locator != size - 42)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP,
		                "not a zip file: a ZIP64 locator signature where no end record belongs");
	if (locator && size >= 22 + 20 + 56 && read_at(io, f, size - 42, loc, 20) && le32(loc) == 0x07064b50) {
		uint64_t zoff = le64(loc + 8);
		if (le32(loc + 4) != 0 || le32(loc + 16) != 1 || zoff != size - 42 - 56 || !read_at(io, f, zoff, z, 56) ||
		    le32(z) != 0x06064b50 || le64(z + 4) != 44 || le32(z + 16) != 0 || le32(z + 20) != 0 ||
		    le64(z + 24) != le64(z + 32))
			return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP,
			                "not a zip file: a ZIP64 end record that is incomplete or inconsistent");
		/* The classic fields either agree or are the ZIP64 "see there" marks. */
		if ((le32(r + 8) & 0xFFFF) != 0xFFFF && (le32(r + 8) & 0xFFFF) != le64(z + 32))
			return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP, "not a zip file: the two end records disagree");
		if ((cd_size != 0xFFFFFFFFu && cd_size != le64(z + 40)) || (cd_off != 0xFFFFFFFFu && cd_off != le64(z + 48)))
			return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP, "not a zip file: the two end records disagree");
		cd_size = le64(z + 40);
		cd_off = le64(z + 48);
		end = zoff;
		*count = le64(z + 32);
	} else if (cd_off == 0xFFFFFFFFu || cd_size == 0xFFFFFFFFu) {
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP, "not a zip file: ZIP64 marks without a ZIP64 end record");
	}
	if (cd_off > end || cd_size != end - cd_off)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP,
		                "not a zip file: bytes before the archive or between its central directory and end record");
	*cd_offset = cd_off;
	*cd_end = end;
	return 0;
}
