/* Verification of a whole kit (docs/kit-format.md, "Verification"). Reads the
 * zip through minizip, decompresses with zlib itself (minizip's raw mode) so that
 * it can insist that every deflate stream ends exactly where the zip says, and
 * hashes through crypto.h. Writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <unzip.h>

#include "crypto.h"
#include "kit.h"
#include "kitio.h"
#include "kitzip.h"
#include "plat.h"
#include "text.h"

/* One read of entry data, and one inflate output buffer: large enough that
 * the hash, not the call overhead, sets the pace; small enough for 16 MB. */
#define CHUNK (1024 * 1024)
/* Entries up to this size also get their zip CRC-32 checked. Larger ones are
 * covered by SHA-256 alone: a second pass over gigabytes buys nothing. */
#define KIT_CRC_MAX (1024 * 1024)

struct zent {
	char *name;
	enum kit_kind kind;
	uint64_t csize, usize;
	uint32_t crc;
	int method;
	unz64_file_pos pos;
	uint64_t data_start, header_start;
	uint16_t flags;     /* general-purpose flags, from the central directory */
	size_t local_extra; /* length of the local header's extra field */
};

struct verifier {
	zlib_filefunc64_def *io;
	const char *path;
	voidpf data;        /* a second handle, for reading entry data directly */
	uint64_t cd_offset; /* where the central directory starts: data ends before */
	uint64_t cd_end;    /* where it ends: the (ZIP64) end record starts */
	uint64_t count;     /* records the end record counts */
	unzFile z;
	struct zent *ents;
	size_t n;
	struct kit *kit;
	struct kit_error *err;
	unsigned char *inbuf, *outbuf;
	size_t outsize; /* inbuf holds min(CHUNK, largest csize), outbuf outsize */
	size_t ncerts;
};

static int zent_by_fold(const void *a, const void *b)
{
	return kit_name_cmp_fold(((const struct zent *)a)->name, ((const struct zent *)b)->name);
}

/* For bsearch over entries sorted by zent_by_fold: 0 for names equal
 * case-folded, else their order. */
static int zent_fold_equal(const void *a, const void *b)
{
	const char *x = ((const struct zent *)a)->name, *y = ((const struct zent *)b)->name;
	return kit_name_collide(x, y) ? 0 : kit_name_cmp_fold(x, y);
}

static int zent_by_start(const void *a, const void *b)
{
	const struct zent *x = a, *y = b;
	if (x->header_start != y->header_start)
		return x->header_start < y->header_start ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int zent_by_name(const void *a, const void *b)
{
	return strcmp(((const struct zent *)a)->name, ((const struct zent *)b)->name);
}

static int refuse(struct verifier *v, enum kit_reason r, const char *fmt, const char *name, const char *detail)
{
	char msg[400];
	(void)snprintf(msg, sizeof msg, fmt, name, detail ? detail : "");
	return kit_fail(v->err, KIT_E_REFUSED, r, "%s: %s", kit_reason_text(r), msg);
}

/* Returns 1 if an extra field of n bytes is empty or exactly one well-formed
 * ZIP64 field (tag 1), else 0. Two ZIP64 fields would be read differently by
 * different readers (minizip and acskit take the last, libarchive's streaming
 * reader the first), so a second one is refused like any other field. */
static int extra_only_zip64(const unsigned char *x, size_t n)
{
	size_t len;
	if (n == 0)
		return 1;
	if (n < 4)
		return 0;
	len = le16(x + 2);
	return le16(x) == 0x0001 && len == n - 4 && len % 8 == 0;
}

/* APPNOTE 4.5.3: a ZIP64 field holds exactly the 8-byte values whose 32-bit
 * header fields are 0xFFFFFFFF, in a fixed order, and is present only when
 * one is. Returns 1 if the extra field of n bytes (extra_only_zip64 already
 * held) has exactly `marks` values, else 0. */
static int zip64_fields_exact(size_t n, unsigned marks)
{
	return marks == 0 ? n == 0 : n == 4 + 8 * (size_t)marks;
}

/* Reads the local header of e at e->header_start and checks it says what the
 * central directory says: name bytes, flags, method, CRC and sizes. A local
 * header either marks both sizes 0xFFFFFFFF and carries one ZIP64 field with
 * exactly both (APPNOTE 4.5.3), or marks neither and carries no extra field:
 * a streaming reader takes the sizes from here, and with only one mark it
 * would read other 8 bytes than acskit. Both 64-bit sizes are compared with
 * the central directory whatever the marks say. */
static int check_local_header(struct verifier *v, const struct zent *e, uint16_t flags, size_t extra_len)
{
	unsigned char h[30], x[KIT_LOCAL_EXTRA_MAX], nm[KIT_NAME_MAX];
	size_t nlen = strlen(e->name);
	uint32_t c32, u32;
	unsigned marks;

	if (extra_len > sizeof x || !read_at(v->io, v->data, e->header_start, h, 30) || le32(h) != 0x04034b50 ||
	    le16(h + 26) != nlen || le16(h + 28) != extra_len ||
	    !read_at(v->io, v->data, e->header_start + 30, nm, (uLong)nlen) || memcmp(nm, e->name, nlen) != 0 ||
	    (extra_len && !read_at(v->io, v->data, e->header_start + 30 + nlen, x, (uLong)extra_len)))
		return refuse(v, KIT_R_CORRUPT, "\"%s\"%s: its local header is not the one the central directory names",
		              e->name, NULL);
	if (!extra_only_zip64(x, extra_len))
		return refuse(v, KIT_R_UNSUPPORTED, "\"%s\"%s: a local extra field other than ZIP64, or two of them", e->name,
		              NULL);
	if (le16(h + 6) != flags || le16(h + 8) != e->method || le32(h + 14) != e->crc)
		return refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the local header disagrees with the central directory",
		              e->name, NULL);
	c32 = le32(h + 18);
	u32 = le32(h + 22);
	marks = (c32 == 0xFFFFFFFFu) + (u32 == 0xFFFFFFFFu);
	if (marks == 1 || !zip64_fields_exact(extra_len, marks ? 2 : 0))
		return refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the local header's ZIP64 marks and fields do not match (APPNOTE 4.5.3)",
		              e->name, NULL);
	if (marks ? le64(x + 4) != e->usize || le64(x + 12) != e->csize : c32 != e->csize || u32 != e->usize)
		return refuse(v, KIT_R_SIZE, "\"%s\"%s: the local header gives other sizes than the central directory",
		              e->name, NULL);
	return 0;
}

/* The central record at pos, read raw: the ZIP64 field must hold exactly the
 * values whose 32-bit fields are marked (uncompressed size, compressed size,
 * local header offset), and the disk number is 0: minizip reads by the marks
 * too, but a reader that takes a fixed layout must not find other values. */
static int check_central_zip64(struct verifier *v, uint64_t pos, const char *name, size_t extra_len)
{
	unsigned char c[46];
	unsigned marks;

	if (!read_at(v->io, v->data, pos, c, 46) || le32(c) != 0x02014b50)
		return refuse(v, KIT_R_NOT_ZIP, "%scorrupt central directory%s", "", NULL);
	marks = (le32(c + 20) == 0xFFFFFFFFu) + (le32(c + 24) == 0xFFFFFFFFu) + (le32(c + 42) == 0xFFFFFFFFu);
	if (le16(c + 34) != 0 || !zip64_fields_exact(extra_len, marks))
		return refuse(v, KIT_R_NOT_ZIP,
		              "\"%s\"%s: the central directory's ZIP64 marks and fields do not match (APPNOTE 4.5.3)", name,
		              NULL);
	return 0;
}

/* Pass 1: the central directory. Names, kinds, flags, methods, duplicates and
 * overlapping data, before a byte of content is read. */
static int scan_directory(struct verifier *v)
{
	unz_global_info64 gi;
	uint64_t i, cd_pos;
	int rc;

	if (unzGetGlobalInfo64(v->z, &gi) != UNZ_OK)
		return refuse(v, KIT_R_NOT_ZIP, "%scannot read the central directory%s", "", NULL);
	/* minizip's count must be the one checked (its ZIP64 path could differ). */
	if (gi.number_entry != v->count)
		return refuse(v, KIT_R_NOT_ZIP, "%sminizip and the end record disagree on the number of entries%s", "", NULL);
	if (gi.number_entry > KIT_MAX_ENTRIES + 1)
		return kit_fail(v->err, KIT_E_REFUSED, KIT_R_TOO_LARGE, "too large: %llu entries (at most %d)",
		                (unsigned long long)gi.number_entry, KIT_MAX_ENTRIES + 1);
	if (gi.number_entry == 0)
		return refuse(v, KIT_R_NO_INDEX, "%sthe zip is empty%s", "", NULL);
	v->ents = calloc((size_t)gi.number_entry, sizeof *v->ents);
	if (!v->ents)
		return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	rc = unzGoToFirstFile(v->z);
	cd_pos = v->cd_offset;
	for (i = 0; i < gi.number_entry; i++) {
		unz_file_info64 fi;
		char name[KIT_NAME_MAX + 2];
		const char *why;
		struct zent *e = &v->ents[i];
		unsigned char cdx[KIT_LOCAL_EXTRA_MAX];
		int method = 0, level = 0, extra;

		if (rc != UNZ_OK)
			return refuse(v, KIT_R_NOT_ZIP, "%scorrupt central directory%s", "", NULL);
		if (unzGetCurrentFileInfo64(v->z, &fi, name, sizeof name, cdx, sizeof cdx, NULL, 0) != UNZ_OK)
			return refuse(v, KIT_R_NOT_ZIP, "%scorrupt central directory%s", "", NULL);
		if (fi.size_filename > KIT_NAME_MAX) {
			name[40] = '\0';
			return refuse(v, KIT_R_UNSAFE_NAME, "\"%s...\": %s", name, "longer than 255 bytes");
		}
		name[fi.size_filename] = '\0';
		if ((why = kit_name_unsafe(name, fi.size_filename)) != NULL)
			return refuse(v, KIT_R_UNSAFE_NAME, "\"%s\": %s", name, why);
		e->name = malloc(fi.size_filename + 1);
		if (!e->name)
			return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		memcpy(e->name, name, fi.size_filename + 1);
		v->n = (size_t)i + 1;
		e->kind = kit_name_kind(name);
		if (e->kind == KIT_KIND_OTHER)
			return refuse(v, KIT_R_UNEXPECTED, "\"%s\"%s: only index.sha256, index.sha256.sig, payload/ and manifests/*.manifest",
			              name, NULL);
		/* Nothing rides along in the central directory: no comments, and no
		 * extra field but a ZIP64 one (which minizip reads). */
		if (fi.size_file_comment != 0 || fi.size_file_extra > sizeof cdx ||
		    !extra_only_zip64(cdx, fi.size_file_extra))
			return refuse(v, KIT_R_UNSUPPORTED, "%sa central-directory comment or extra field other than ZIP64%s", "",
			              NULL);
		/* Version needed up to 4.5 (ZIP64); a regular file, not a link or a
		 * directory, by the Unix mode or the DOS attributes. */
		if ((fi.version_needed & 0xFF) > 45)
			return refuse(v, KIT_R_UNSUPPORTED, "%sversion needed above 4.5%s", "", NULL);
		if ((fi.external_fa & 0x10) ||
		    ((fi.version >> 8) == 3 && ((fi.external_fa >> 28) & 0xF) != 0 && ((fi.external_fa >> 28) & 0xF) != 0x8))
			return refuse(v, KIT_R_UNSUPPORTED, "%san entry that is not a regular file (link or directory attributes)%s",
			              "", NULL);
		/* Bit 0: traditional or AES encryption; bit 6: strong encryption. */
		if (fi.flag & 0x41)
			return refuse(v, KIT_R_ENCRYPTED, "\"%s\"%s", name, NULL);
		if (fi.compression_method != 0 && fi.compression_method != Z_DEFLATED) {
			char m[32];
			(void)snprintf(m, sizeof m, " (method %lu)", (unsigned long)fi.compression_method);
			return refuse(v, KIT_R_METHOD, "\"%s\"%s", name, m);
		}
		if (fi.uncompressed_size > (uint64_t)INT64_MAX || fi.compressed_size > (uint64_t)INT64_MAX)
			return refuse(v, KIT_R_SIZE, "\"%s\"%s: impossible size", name, NULL);
		/* Deflate can reach about 1032:1; text kits see 3:1 to 10:1. Anything
		 * past 200:1 (beyond a 1 MiB allowance) is a bomb, not a payload. */
		if (fi.compression_method == Z_DEFLATED &&
		    fi.uncompressed_size > KIT_RATIO_ALLOWANCE + (uint64_t)KIT_MAX_RATIO * fi.compressed_size)
			return refuse(v, KIT_R_RATIO, "\"%s\"%s", name, NULL);
		if (fi.compression_method == 0 && fi.compressed_size != fi.uncompressed_size)
			return refuse(v, KIT_R_SIZE, "\"%s\"%s: stored entry with different compressed and real sizes",
			              name, NULL);
		e->csize = fi.compressed_size;
		e->usize = fi.uncompressed_size;
		e->crc = (uint32_t)fi.crc;
		e->method = (int)fi.compression_method;
		/* Bit 3: sizes after the data. A kit's writer knows them before. */
		if (fi.flag & 0x08)
			return refuse(v, KIT_R_UNSUPPORTED, "\"%s\"%s: data descriptor (general-purpose flag bit 3)", name,
			              NULL);
		if (unzGetFilePos64(v->z, &e->pos) != UNZ_OK)
			return refuse(v, KIT_R_NOT_ZIP, "%scorrupt central directory%s", "", NULL);
		/* The records lie end to end from the offset the end record gives: the
		 * directory minizip walks is the one check_end_record checked, and no
		 * record hides beyond the count. */
		if (e->pos.pos_in_zip_directory != cd_pos)
			return refuse(v, KIT_R_NOT_ZIP, "%sthe central directory records do not lie end to end%s", "", NULL);
		if (check_central_zip64(v, cd_pos, name, fi.size_file_extra))
			return -1;
		cd_pos += 46 + (uint64_t)fi.size_filename + fi.size_file_extra + fi.size_file_comment;
		/* Opening in raw mode makes minizip check the local header's method and
		 * name length and tells where the data starts; the local extra field's
		 * length then gives where the header starts. */
		if (unzOpenCurrentFile2(v->z, &method, &level, 1) != UNZ_OK)
			return refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the local header disagrees with the central directory",
			              name, NULL);
		e->data_start = unzGetCurrentFileZStreamPos64(v->z);
		extra = unzGetLocalExtrafield(v->z, NULL, 0);
		unzCloseCurrentFile(v->z);
		if (extra < 0 || e->data_start < 30 + (uint64_t)fi.size_filename + (uint64_t)extra)
			return refuse(v, KIT_R_CORRUPT, "\"%s\"%s: impossible local header position", name, NULL);
		e->header_start = e->data_start - 30 - fi.size_filename - (uint64_t)extra;
		e->flags = (uint16_t)fi.flag;
		e->local_extra = (size_t)extra;
		rc = unzGoToNextFile(v->z);
	}
	if (rc != UNZ_END_OF_LIST_OF_FILE)
		return refuse(v, KIT_R_NOT_ZIP, "%sthe central directory holds more entries than it declares%s", "",
		              NULL);
	if (cd_pos != v->cd_end)
		return refuse(v, KIT_R_NOT_ZIP, "%sthe central directory holds more records than the end record counts%s",
		              "", NULL);

	qsort(v->ents, v->n, sizeof *v->ents, zent_by_fold);
	for (i = 0; i + 1 < v->n; i++)
		if (kit_name_collide(v->ents[i].name, v->ents[i + 1].name))
			return refuse(v, KIT_R_DUPLICATE, "\"%s\"%s", v->ents[i + 1].name,
			              strcmp(v->ents[i].name, v->ents[i + 1].name) ? " (names differ only in case)" : "");
	/* No name is, case-folded, a folder of another ("payload/sub" and
	 * "payload/SUB/x.txt"): unzip and Windows cannot make both. */
	for (i = 0; i < v->n; i++) {
		const char *nm = v->ents[i].name, *sl;
		for (sl = strchr(nm, '/'); sl; sl = strchr(sl + 1, '/')) {
			char prefix[KIT_NAME_MAX + 1];
			struct zent key, *hit;
			memcpy(prefix, nm, (size_t)(sl - nm));
			prefix[sl - nm] = '\0';
			key.name = prefix;
			hit = bsearch(&key, v->ents, v->n, sizeof *v->ents, zent_fold_equal);
			if (hit) {
				char d[KIT_NAME_MAX + 64];
				(void)snprintf(d, sizeof d, ": a file, and (case-folded) a folder of \"%s\"", nm);
				return refuse(v, KIT_R_UNSAFE_NAME, "\"%s\"%s", hit->name, d);
			}
		}
	}
	/* The entries lie end to end from byte 0 to the central directory: no two
	 * share bytes, and no byte belongs to none (a second archive could hide
	 * there). data_start + csize cannot wrap: both are below 2^63. */
	qsort(v->ents, v->n, sizeof *v->ents, zent_by_start);
	for (i = 0; i + 1 < v->n; i++)
		if (v->ents[i].data_start + v->ents[i].csize > v->ents[i + 1].header_start)
			return refuse(v, KIT_R_OVERLAP, "\"%s\" and \"%s\" share bytes of the zip", v->ents[i].name,
			              v->ents[i + 1].name);
	if (v->n && v->ents[v->n - 1].data_start + v->ents[v->n - 1].csize > v->cd_offset)
		return refuse(v, KIT_R_OVERLAP, "\"%s\"%s: its data runs into the central directory",
		              v->ents[v->n - 1].name, NULL);
	for (i = 0; i + 1 < v->n; i++)
		if (v->ents[i].data_start + v->ents[i].csize != v->ents[i + 1].header_start)
			return refuse(v, KIT_R_NOT_ZIP, "%sbytes between entries that belong to none%s", "", NULL);
	if (v->n && (v->ents[0].header_start != 0 || v->ents[v->n - 1].data_start + v->ents[v->n - 1].csize != v->cd_offset))
		return refuse(v, KIT_R_NOT_ZIP, "%sbytes before the first entry or after the last that belong to none%s", "",
		              NULL);
	for (i = 0; i < v->n; i++)
		if (check_local_header(v, &v->ents[i], v->ents[i].flags, v->ents[i].local_extra))
			return -1;
	/* Read in file order afterwards: sequential reads of the medium. */
	return 0;
}

struct sink {
	int sniff;    /* a payload file: watch for certificates inside */
	struct kit_cert_sniff sn;
	uint8_t *buf; /* collect the bytes here when not NULL (usize bytes) */
	crypto_sha256 *sha;
	uint32_t crc;
	uint64_t total;
	int (*write)(void *ctx, const void *p, size_t n); /* extraction, or NULL */
	void *ctx;
};

static int sniff(struct verifier *v, const struct zent *e, struct sink *s, const unsigned char *p, size_t n)
{
	if (!kit_cert_sniff(&s->sn, p, n, e->usize))
		return 0;
	return refuse(v, KIT_R_TWO_CERTS, "\"%s\"%s: " KIT_CERT_FILE_TEXT, e->name, NULL);
}

static int sink_put(struct verifier *v, const struct zent *e, struct sink *s, const unsigned char *p, size_t n)
{
	if (n > e->usize - s->total)
		return refuse(v, KIT_R_SIZE, "\"%s\"%s: the data is longer than the declared size", e->name, NULL);
	if (s->sniff && sniff(v, e, s, p, n))
		return -1;
	if (s->buf)
		memcpy(s->buf + s->total, p, n);
	if (crypto_sha256_update(s->sha, p, n) != CRYPTO_OK)
		return kit_fail(v->err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
	if (e->usize <= KIT_CRC_MAX)
		s->crc = (uint32_t)crc32(s->crc, p, (uInt)n);
	if (s->write && s->write(s->ctx, p, n) != 0)
		return kit_fail(v->err, KIT_E_IO, KIT_R_NONE, "cannot write \"%s\"", e->name);
	s->total += n;
	return 0;
}

/* Reads entry e completely: exactly the compressed bytes the central directory
 * declares, read straight from the file (minizip already checked the local
 * header in scan_directory), inflated with zlib where deflated, into the sink.
 * Checks the size, the CRC-32 of small entries, and that a deflate stream ends
 * exactly with its data; fills sha256. With keep, the bytes are returned there
 * (malloc'd); with write, they are also handed to it as they come. */
static int read_entry(struct verifier *v, const struct zent *e, uint8_t sha256[32], uint8_t **keep,
                      int (*write)(void *, const void *, size_t), void *ctx)
{
	struct sink s;
	z_stream zs;
	int zinit = 0, ended = 0, rc = -1;
	uint64_t left = e->csize;

	memset(&s, 0, sizeof s);
	memset(&zs, 0, sizeof zs);
	s.write = write;
	s.ctx = ctx;
	s.sniff = e->kind == KIT_KIND_PAYLOAD;
	if (keep) {
		*keep = NULL;
		s.buf = malloc(e->usize ? (size_t)e->usize : 1);
		if (!s.buf)
			return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	}
	if (crypto_sha256_new(&s.sha) != CRYPTO_OK) {
		kit_fail(v->err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 is not available");
		goto out;
	}
	s.crc = (uint32_t)crc32(0, NULL, 0);
	if (v->io->zseek64_file(v->io->opaque, v->data, e->data_start, ZLIB_FILEFUNC_SEEK_SET) != 0) {
		refuse(v, KIT_R_CORRUPT, "\"%s\"%s: cannot reach its data", e->name, NULL);
		goto out;
	}
	if (e->method == Z_DEFLATED) {
		if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
			kit_fail(v->err, KIT_E_INTERNAL, KIT_R_NONE, "zlib inflateInit2 failed");
			goto out;
		}
		zinit = 1;
	}
	while (left > 0) {
		uLong want = left > CHUNK ? CHUNK : (uLong)left;
		uLong got = v->io->zread_file(v->io->opaque, v->data, v->inbuf, want);
		if (got != want) {
			refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the zip ends inside the entry's data", e->name, NULL);
			goto out;
		}
		left -= got;
		if (e->method == 0) {
			if (sink_put(v, e, &s, v->inbuf, got))
				goto out;
			continue;
		}
		if (ended) {
			refuse(v, KIT_R_CORRUPT, "\"%s\"%s: bytes follow the end of the deflate stream", e->name, NULL);
			goto out;
		}
		zs.next_in = v->inbuf;
		zs.avail_in = (uInt)got;
		do {
			int zr;
			zs.next_out = v->outbuf;
			zs.avail_out = (uInt)v->outsize;
			zr = inflate(&zs, Z_NO_FLUSH);
			if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
				refuse(v, KIT_R_CORRUPT, "\"%s\"%s: invalid deflate data", e->name, NULL);
				goto out;
			}
			if (sink_put(v, e, &s, v->outbuf, v->outsize - zs.avail_out))
				goto out;
			if (zr == Z_STREAM_END) {
				ended = 1;
				if (zs.avail_in != 0) {
					refuse(v, KIT_R_CORRUPT, "\"%s\"%s: bytes follow the end of the deflate stream",
					       e->name, NULL);
					goto out;
				}
				break;
			}
			if (zr == Z_BUF_ERROR && zs.avail_in == 0)
				break;
		} while (zs.avail_in > 0 || zs.avail_out == 0);
	}
	if (e->method == Z_DEFLATED && !ended) {
		refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the deflate stream is cut short", e->name, NULL);
		goto out;
	}
	if (s.total != e->usize) {
		refuse(v, KIT_R_SIZE, "\"%s\"%s: the data is shorter than the declared size", e->name, NULL);
		goto out;
	}
	if (e->usize <= KIT_CRC_MAX && s.crc != e->crc) {
		refuse(v, KIT_R_CRC, "\"%s\"%s", e->name, NULL);
		goto out;
	}
	if (crypto_sha256_final(s.sha, sha256) != CRYPTO_OK) {
		kit_fail(v->err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
		goto out;
	}
	if (keep) {
		*keep = s.buf;
		s.buf = NULL;
	}
	rc = 0;
out:
	if (zinit)
		inflateEnd(&zs);
	crypto_sha256_free(s.sha);
	free(s.buf);
	return rc;
}

static int chain_by_name(const void *a, const void *b)
{
	return strcmp(((const struct kit_cert *)a)->name, ((const struct kit_cert *)b)->name);
}

static int check_contents(struct verifier *v, const struct zent *e, uint8_t *bytes)
{
	struct kit *k = v->kit;
	if (e->kind == KIT_KIND_CHAIN) {
		/* verify() made room for every chain entry before reading any. */
		struct kit_cert *c = &k->chain[k->nchain];
		if (kit_check_chain_cert(e->name, bytes, (size_t)e->usize, c, v->err)) {
			free(bytes);
			return -1;
		}
		c->der = bytes;
		c->len = (size_t)e->usize;
		c->name = malloc(strlen(e->name) + 1);
		k->nchain++;
		if (!c->name)
			return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		memcpy(c->name, e->name, strlen(e->name) + 1);
		return 0;
	}
	if (e->kind == KIT_KIND_CERT) {
		if (++v->ncerts > 1) {
			free(bytes);
			return refuse(v, KIT_R_TWO_CERTS, "\"%s\" and \"%s\": a kit carries the root only", k->root_name,
			              e->name);
		}
		k->root_der = bytes;
		k->root_len = (size_t)e->usize;
		k->root_name = malloc(strlen(e->name) + 1);
		if (!k->root_name)
			return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		memcpy(k->root_name, e->name, strlen(e->name) + 1);
		return 0;
	}
	if (e->kind == KIT_KIND_MANIFEST) {
		struct manifest *m;
		struct manifest_error me;
		const char *base = e->name + 10;
		size_t idlen = strlen(base) - 9;
		int rc = manifest_parse((const char *)bytes, (size_t)e->usize, &m, &me);
		free(bytes);
		if (rc != 0)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST, "bad manifest: %s:%u: %s", e->name,
			                me.line, me.msg);
		if (strlen(m->id) != idlen || memcmp(m->id, base, idlen) != 0) {
			manifest_free(m);
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST,
			                "bad manifest: %s: its id differs from its file name", e->name);
		}
		if (manifest_set_add(&k->manifests, m))
			return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		return 0;
	}
	free(bytes);
	return 0;
}

/* Checks the kit. With full, every entry is read and hashed (verify, show);
 * without, only the index, the root and the manifests are (extract reads the
 * entries it writes, and checks those as it goes). */
static int verify(struct verifier *v, int full)
{
	struct kit *k = v->kit;
	struct zent *ix = NULL;
	uint8_t *ixbytes = NULL, sha[32];
	size_t i;
	char msg[300];

	if (scan_directory(v))
		return -1;
	/* Buffers no larger than the largest entry needs: a small kit (and each
	 * fuzz input) costs kilobytes, a large one CHUNK. */
	{
		uint64_t in = 1, out = 1;
		for (i = 0; i < v->n; i++) {
			if (v->ents[i].csize > in)
				in = v->ents[i].csize;
			if (v->ents[i].usize > out)
				out = v->ents[i].usize;
		}
		v->inbuf = malloc(in < CHUNK ? (size_t)in : CHUNK);
		v->outbuf = malloc(out < CHUNK ? (size_t)out : CHUNK);
		v->outsize = out < CHUNK ? (size_t)out : CHUNK;
		if (!v->inbuf || !v->outbuf)
			return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	}
	for (i = 0; i < v->n; i++)
		if (v->ents[i].kind == KIT_KIND_INDEX)
			ix = &v->ents[i];
	if (!ix)
		return refuse(v, KIT_R_NO_INDEX, "%sthe kit has no %s", "", KIT_INDEX_NAME);
	if (ix->usize > KIT_INDEX_MAX)
		return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_INDEX, "bad index: larger than %d bytes",
		                KIT_INDEX_MAX);
	if (read_entry(v, ix, k->identity, &ixbytes, NULL, NULL))
		return -1;
	kit_hex(k->identity, 32, k->identity_hex);
	if (kit_index_parse((const char *)ixbytes, (size_t)ix->usize, &k->index, v->err)) {
		free(ixbytes);
		return -1;
	}
	free(ixbytes);

	/* Every entry is in the index and every index entry is in the zip, with the
	 * same size, before any content is read. */
	for (i = 0; i < v->n; i++) {
		const struct zent *e = &v->ents[i];
		const struct kit_entry *ie;
		if (e->kind == KIT_KIND_INDEX)
			continue;
		if (e->kind == KIT_KIND_SIG) {
			/* Outside the index (it signs the index): read it whole, bounded. */
			if (e->usize > KIT_SIG_MAX)
				return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_SIGNATURE, "bad signature: larger than %d bytes",
				                KIT_SIG_MAX);
			if (read_entry(v, e, sha, &k->signature, NULL, NULL))
				return -1;
			k->sig_len = (size_t)e->usize;
			continue;
		}
		ie = kit_index_find(&k->index, e->name);
		if (!ie)
			return refuse(v, KIT_R_NOT_INDEXED, "\"%s\"%s", e->name, NULL);
		if (ie->size != e->usize) {
			(void)snprintf(msg, sizeof msg, ": the index says %llu bytes, the zip %llu",
			               (unsigned long long)ie->size, (unsigned long long)e->usize);
			return refuse(v, KIT_R_SIZE, "\"%s\"%s", e->name, msg);
		}
	}
	qsort(v->ents, v->n, sizeof *v->ents, zent_by_name);
	for (i = 0; i < k->index.count; i++) {
		struct zent key;
		key.name = k->index.entries[i].name;
		if (!bsearch(&key, v->ents, v->n, sizeof *v->ents, zent_by_name))
			return refuse(v, KIT_R_MISSING, "\"%s\"%s", key.name, NULL);
	}
	qsort(v->ents, v->n, sizeof *v->ents, zent_by_start);

	/* The reference chain is optional and small: count it before reading it.
	 * The manifests are held in memory, parsed: bound their count and their
	 * total size too, so many small deflated manifests cannot multiply into
	 * hundreds of megabytes within every per-entry limit. */
	{
		size_t nchain = 0, nman = 0;
		uint64_t man_bytes = 0;
		for (i = 0; i < v->n; i++) {
			if (v->ents[i].kind == KIT_KIND_CHAIN)
				nchain++;
			if (v->ents[i].kind == KIT_KIND_MANIFEST) {
				nman++;
				man_bytes += v->ents[i].usize;
			}
		}
		if (nman > KIT_MANIFESTS_MAX)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_TOO_LARGE, "too large: %lu manifests (at most %d)",
			                (unsigned long)nman, KIT_MANIFESTS_MAX);
		if (man_bytes > KIT_MANIFEST_TOTAL_MAX)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_TOO_LARGE,
			                "too large: the manifests hold %llu bytes in all (at most %d)",
			                (unsigned long long)man_bytes, KIT_MANIFEST_TOTAL_MAX);
		if (nchain > KIT_CHAIN_MAX)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: %lu certificates in %s (at most %d)",
			                kit_reason_text(KIT_R_BAD_CHAIN), (unsigned long)nchain, KIT_CHAIN_DIR, KIT_CHAIN_MAX);
		k->chain = calloc(nchain ? nchain : 1, sizeof *k->chain);
		if (!k->chain)
			return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	}

	for (i = 0; i < v->n; i++) {
		const struct zent *e = &v->ents[i];
		const struct kit_entry *ie;
		uint8_t *bytes = NULL;
		int keep = e->kind == KIT_KIND_CERT || e->kind == KIT_KIND_MANIFEST || e->kind == KIT_KIND_CHAIN;
		if (e->kind == KIT_KIND_INDEX || e->kind == KIT_KIND_SIG || (!full && !keep))
			continue;
		if (e->kind == KIT_KIND_CERT && e->usize > KIT_CERT_MAX)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_CERT, "bad certificate: \"%s\" is larger than %d bytes",
			                e->name, KIT_CERT_MAX);
		if (e->kind == KIT_KIND_CHAIN && e->usize > KIT_CERT_MAX)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: \"%s\" is larger than %d bytes",
			                kit_reason_text(KIT_R_BAD_CHAIN), e->name, KIT_CERT_MAX);
		if (e->kind == KIT_KIND_MANIFEST && e->usize > MANIFEST_MAX_BYTES)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST, "bad manifest: %s: larger than %d bytes",
			                e->name, MANIFEST_MAX_BYTES);
		if (read_entry(v, e, sha, keep ? &bytes : NULL, NULL, NULL))
			return -1;
		ie = kit_index_find(&k->index, e->name);
		if (memcmp(sha, ie->sha256, 32) != 0) {
			free(bytes);
			return refuse(v, KIT_R_HASH, "\"%s\"%s", e->name, NULL);
		}
		/* What a report says was read (check: "kit entries checked"). */
		k->index.entries[ie - k->index.entries].checked = 1;
		if (keep && check_contents(v, e, bytes))
			return -1;
	}

	if (v->ncerts == 0)
		return refuse(v, KIT_R_NO_ROOT, "%sthe kit carries no payload/*.cer, *.crt or *.der%s", "", NULL);
	if (kit_check_root(k->root_der, k->root_len, -1, k->root_cn, v->err))
		return -1;
	qsort(k->chain, k->nchain, sizeof *k->chain, chain_by_name);
	if (k->manifests.n == 0)
		return refuse(v, KIT_R_NO_MANIFESTS, "%sthe kit carries no manifests/*.manifest%s", "", NULL);
	if (manifest_set_check(&k->manifests, msg, sizeof msg))
		return kit_fail(v->err, KIT_E_REFUSED, KIT_R_MANIFEST_OVERLAP, "manifests overlap: %s", msg);
	for (i = 0; i < k->manifests.n; i++) {
		size_t j;
		for (j = 0; j < k->manifests.v[i]->npackages; j++)
			if (!kit_index_find(&k->index, k->manifests.v[i]->packages[j].entry))
				return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST,
				                "bad manifest: %s names %s, which the kit does not carry",
				                k->manifests.v[i]->id, k->manifests.v[i]->packages[j].entry);
	}
	return 0;
}

struct kit_reader {
	struct verifier v;
	plat_file *file; /* the one handle every read goes through (NULL: memory) */
	zlib_filefunc64_def io;
	struct kitio_mem mem;
	struct kit_error *err;
};

void kit_close(struct kit_reader *r)
{
	size_t i;
	if (!r)
		return;
	if (r->v.z)
		unzClose(r->v.z);
	if (r->v.data)
		r->io.zclose_file(r->io.opaque, r->v.data);
	plat_close(r->file);
	for (i = 0; i < r->v.n; i++)
		free(r->v.ents[i].name);
	free(r->v.ents);
	free(r->v.inbuf);
	free(r->v.outbuf);
	free(r);
}

/* Opens and checks a kit whose io is already set in r. */
static int open_with(struct kit_reader *r, const char *path, int full, struct kit **out, struct kit_error *err)
{
	struct verifier *v = &r->v;
	int rc;

	*out = NULL;
	memset(err, 0, sizeof *err);
	v->io = &r->io;
	v->path = path;
	v->err = err;
	v->kit = calloc(1, sizeof *v->kit);
	if (!v->kit) {
		kit_free(v->kit);
		v->kit = NULL;
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	}
	v->data = r->io.zopen64_file(r->io.opaque, path, ZLIB_FILEFUNC_MODE_READ | ZLIB_FILEFUNC_MODE_EXISTING);
	if (!v->data)
		rc = kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot open %s", path);
	else if ((rc = kitzip_check_end_record(&r->io, v->data, &v->cd_offset, &v->cd_end, &v->count, err)) == 0) {
		v->z = unzOpen2_64(path, &r->io);
		if (!v->z)
			rc = refuse(v, KIT_R_NOT_ZIP, "%sminizip cannot read the central directory%s", "", NULL);
		else
			rc = verify(v, full);
	}
	if (rc == 0)
		*out = v->kit;
	else
		kit_free(v->kit);
	v->kit = NULL;
	return rc;
}

int kit_open(const char *path, int full, struct kit_reader **reader, struct kit **out, struct kit_error *err)
{
	struct kit_reader *r;
	plat_file *f;
	int e;

	*reader = NULL;
	*out = NULL;
	memset(err, 0, sizeof *err);
	/* One open: an unreadable file is an I/O error, not a refused kit; and
	 * every check and every read uses this handle. */
	e = plat_open(path, PLAT_READ, &f);
	if (e != 0)
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read %s: %s", path, plat_strerror(e));
	r = calloc(1, sizeof *r);
	if (!r) {
		plat_close(f);
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	}
	r->file = f;
	kitio_file_shared(&r->io, f);
	if (open_with(r, path, full, out, err) != 0) {
		kit_close(r);
		return -1;
	}
	*reader = r;
	return 0;
}

int kit_extract(struct kit_reader *r, struct kit *k, const char *name,
                int (*write)(void *ctx, const void *p, size_t n), void *ctx, struct kit_error *err)
{
	struct verifier *v = &r->v;
	const struct kit_entry *ie = kit_index_find(&k->index, name);
	uint8_t sha[32];
	size_t i;

	memset(err, 0, sizeof *err);
	v->err = err;
	if (!ie)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_MISSING, "not in the kit: %s", name);
	for (i = 0; i < v->n; i++)
		if (!strcmp(v->ents[i].name, name))
			break;
	if (i == v->n)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_MISSING, "not in the kit: %s", name);
	if (read_entry(v, &v->ents[i], sha, NULL, write, ctx))
		return -1;
	if (memcmp(sha, ie->sha256, 32) != 0)
		return refuse(v, KIT_R_HASH, "\"%s\"%s", name, NULL);
	/* Read and hashed now: the report's entries_read names it (apply's packages). */
	k->index.entries[ie - k->index.entries].checked = 1;
	return 0;
}

int kit_verify_file(const char *path, struct kit **out, struct kit_error *err)
{
	struct kit_reader *r;
	if (kit_open(path, 1, &r, out, err) != 0)
		return -1;
	kit_close(r);
	return 0;
}

int kit_verify_mem(const void *buf, size_t len, struct kit **out, struct kit_error *err)
{
	struct kit_reader *r = calloc(1, sizeof *r);
	int rc;
	*out = NULL;
	if (!r) {
		memset(err, 0, sizeof *err);
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	}
	r->mem.data = buf;
	r->mem.len = len;
	kitio_memory(&r->io, &r->mem);
	rc = open_with(r, "memory", 1, out, err);
	kit_close(r);
	return rc;
}

void kit_free(struct kit *k)
{
	size_t i;
	if (!k)
		return;
	free(k->signature);
	kit_index_free(&k->index);
	free(k->root_name);
	free(k->root_der);
	for (i = 0; i < k->nchain; i++) {
		free(k->chain[i].name);
		free(k->chain[i].der);
	}
	free(k->chain);
	manifest_set_free(&k->manifests);
	free(k);
}
