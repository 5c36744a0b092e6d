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
#include "plat.h"

#define CHUNK 65536

struct zent {
	char *name;
	enum kit_kind kind;
	uint64_t csize, usize;
	uint32_t crc;
	int method;
	unz64_file_pos pos;
	uint64_t data_start, header_start;
};

struct verifier {
	unzFile z;
	struct zent *ents;
	size_t n;
	struct kit *kit;
	struct kit_error *err;
	unsigned char *inbuf, *outbuf;
	size_t ncerts;
};

static int zent_by_fold(const void *a, const void *b)
{
	return kit_name_cmp_fold(((const struct zent *)a)->name, ((const struct zent *)b)->name);
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

/* Pass 1: the central directory. Names, kinds, flags, methods, duplicates and
 * overlapping data, before a byte of content is read. */
static int scan_directory(struct verifier *v)
{
	unz_global_info64 gi;
	uint64_t i;
	int rc;

	if (unzGetGlobalInfo64(v->z, &gi) != UNZ_OK)
		return refuse(v, KIT_R_NOT_ZIP, "%scannot read the central directory%s", "", NULL);
	if (gi.number_entry > KIT_MAX_ENTRIES + 1)
		return kit_fail(v->err, KIT_E_REFUSED, KIT_R_TOO_LARGE, "too large: %llu entries (at most %d)",
		                (unsigned long long)gi.number_entry, KIT_MAX_ENTRIES + 1);
	if (gi.number_entry == 0)
		return refuse(v, KIT_R_NO_INDEX, "%sthe zip is empty%s", "", NULL);
	v->ents = calloc((size_t)gi.number_entry, sizeof *v->ents);
	if (!v->ents)
		return kit_fail(v->err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	rc = unzGoToFirstFile(v->z);
	for (i = 0; i < gi.number_entry; i++) {
		unz_file_info64 fi;
		char name[KIT_NAME_MAX + 2];
		const char *why;
		struct zent *e = &v->ents[i];
		int method = 0, level = 0;

		if (rc != UNZ_OK)
			return refuse(v, KIT_R_NOT_ZIP, "%scorrupt central directory%s", "", NULL);
		if (unzGetCurrentFileInfo64(v->z, &fi, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK)
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
			return refuse(v, KIT_R_UNEXPECTED, "\"%s\"%s: only index.sha256, payload/ and manifests/*.manifest",
			              name, NULL);
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
		if (unzGetFilePos64(v->z, &e->pos) != UNZ_OK)
			return refuse(v, KIT_R_NOT_ZIP, "%scorrupt central directory%s", "", NULL);
		/* Opening in raw mode reads and checks the local header against the
		 * central directory and tells where the data starts. */
		if (unzOpenCurrentFile2(v->z, &method, &level, 1) != UNZ_OK)
			return refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the local header disagrees with the central directory",
			              name, NULL);
		e->data_start = unzGetCurrentFileZStreamPos64(v->z);
		unzCloseCurrentFile(v->z);
		/* The local header is 30 bytes and the name before the (variable) extra
		 * field; this start lies inside the header, which is enough to see two
		 * entries share or cut into each other's bytes. */
		e->header_start = e->data_start >= 30 + fi.size_filename ? e->data_start - 30 - fi.size_filename : 0;
		rc = unzGoToNextFile(v->z);
	}
	if (rc != UNZ_END_OF_LIST_OF_FILE)
		return refuse(v, KIT_R_NOT_ZIP, "%sthe central directory holds more entries than it declares%s", "",
		              NULL);

	qsort(v->ents, v->n, sizeof *v->ents, zent_by_fold);
	for (i = 0; i + 1 < v->n; i++)
		if (kit_name_collide(v->ents[i].name, v->ents[i + 1].name))
			return refuse(v, KIT_R_DUPLICATE, "\"%s\"%s", v->ents[i + 1].name,
			              strcmp(v->ents[i].name, v->ents[i + 1].name) ? " (names differ only in case)" : "");
	qsort(v->ents, v->n, sizeof *v->ents, zent_by_start);
	for (i = 0; i + 1 < v->n; i++)
		if (v->ents[i].data_start + v->ents[i].csize > v->ents[i + 1].header_start)
			return refuse(v, KIT_R_OVERLAP, "\"%s\" and \"%s\" share bytes of the zip", v->ents[i].name,
			              v->ents[i + 1].name);
	/* Read in file order afterwards: sequential reads of the medium. */
	return 0;
}

struct sink {
	uint8_t *buf; /* collect up to cap bytes when not NULL */
	size_t cap;
	crypto_sha256 *sha;
	uint32_t crc;
	uint64_t total;
};

static int sink_put(struct verifier *v, const struct zent *e, struct sink *s, const unsigned char *p, size_t n)
{
	if (n > e->usize - s->total)
		return refuse(v, KIT_R_SIZE, "\"%s\"%s: the data is longer than the declared size", e->name, NULL);
	if (s->buf)
		memcpy(s->buf + s->total, p, n);
	if (crypto_sha256_update(s->sha, p, n) != CRYPTO_OK)
		return kit_fail(v->err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
	s->crc = (uint32_t)crc32(s->crc, p, (uInt)n);
	s->total += n;
	return 0;
}

/* Reads entry e completely: every compressed byte the zip declares, through zlib
 * where deflated, into the sink; checks size and CRC against the central
 * directory and fills sha256. If keep is not NULL the bytes are returned there
 * (malloc'd; e->usize must be at most keep_max). */
static int read_entry(struct verifier *v, const struct zent *e, uint8_t sha256[32], uint8_t **keep)
{
	struct sink s;
	z_stream zs;
	int zinit = 0, ended = 0, rc = -1, method = 0, level = 0;
	uint64_t raw_total = 0;

	memset(&s, 0, sizeof s);
	memset(&zs, 0, sizeof zs);
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
	if (unzGoToFilePos64(v->z, &e->pos) != UNZ_OK || unzOpenCurrentFile2(v->z, &method, &level, 1) != UNZ_OK) {
		refuse(v, KIT_R_CORRUPT, "\"%s\"%s: cannot open", e->name, NULL);
		goto out;
	}
	if (e->method == Z_DEFLATED) {
		if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
			kit_fail(v->err, KIT_E_INTERNAL, KIT_R_NONE, "zlib inflateInit2 failed");
			goto close;
		}
		zinit = 1;
	}
	for (;;) {
		int got = unzReadCurrentFile(v->z, v->inbuf, CHUNK);
		if (got < 0) {
			refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the zip ends inside the entry's data", e->name, NULL);
			goto close;
		}
		if (got == 0)
			break;
		raw_total += (uint64_t)got;
		if (e->method == 0) {
			if (sink_put(v, e, &s, v->inbuf, (size_t)got))
				goto close;
			continue;
		}
		if (ended) {
			refuse(v, KIT_R_CORRUPT, "\"%s\"%s: bytes follow the end of the deflate stream", e->name, NULL);
			goto close;
		}
		zs.next_in = v->inbuf;
		zs.avail_in = (uInt)got;
		do {
			int zr;
			zs.next_out = v->outbuf;
			zs.avail_out = CHUNK;
			zr = inflate(&zs, Z_NO_FLUSH);
			if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
				refuse(v, KIT_R_CORRUPT, "\"%s\"%s: invalid deflate data", e->name, NULL);
				goto close;
			}
			if (sink_put(v, e, &s, v->outbuf, CHUNK - zs.avail_out))
				goto close;
			if (zr == Z_STREAM_END) {
				ended = 1;
				if (zs.avail_in != 0) {
					refuse(v, KIT_R_CORRUPT, "\"%s\"%s: bytes follow the end of the deflate stream",
					       e->name, NULL);
					goto close;
				}
				break;
			}
			if (zr == Z_BUF_ERROR && zs.avail_in == 0)
				break;
		} while (zs.avail_in > 0 || zs.avail_out == 0);
	}
	if (raw_total != e->csize) {
		refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the zip ends inside the entry's data", e->name, NULL);
		goto close;
	}
	if (e->method == Z_DEFLATED && !ended) {
		refuse(v, KIT_R_CORRUPT, "\"%s\"%s: the deflate stream is cut short", e->name, NULL);
		goto close;
	}
	if (s.total != e->usize) {
		refuse(v, KIT_R_SIZE, "\"%s\"%s: the data is shorter than the declared size", e->name, NULL);
		goto close;
	}
	if (s.crc != e->crc) {
		refuse(v, KIT_R_CRC, "\"%s\"%s", e->name, NULL);
		goto close;
	}
	if (crypto_sha256_final(s.sha, sha256) != CRYPTO_OK) {
		kit_fail(v->err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
		goto close;
	}
	if (keep) {
		*keep = s.buf;
		s.buf = NULL;
	}
	rc = 0;
close:
	unzCloseCurrentFile(v->z);
out:
	if (zinit)
		inflateEnd(&zs);
	crypto_sha256_free(s.sha);
	free(s.buf);
	return rc;
}

int kit_check_root(const uint8_t *der, size_t len, int64_t now, char cn[256], struct kit_error *err)
{
	uint8_t sha[32];
	char hex[65];
	struct crypto_cert_info info;
	int rc;

	cn[0] = '\0';
	if (crypto_sha256_oneshot(der, len, sha) != CRYPTO_OK)
		return kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
	if (memcmp(sha, kit_pin_sha256, 32) != 0) {
		kit_hex(sha, 32, hex);
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_PINNED,
		                "not the pinned root: certificate SHA-256 %s, pinned %s", hex, kit_pin_sha256_hex);
	}
	rc = crypto_cert_check_self_signed(der, len, &info);
	if (rc == CRYPTO_E_NOMEM)
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	if (rc == CRYPTO_E_INTERNAL)
		return kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "the platform's certificate functions failed");
	if (rc != CRYPTO_OK)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CERT, "bad certificate: %s",
		                rc == CRYPTO_E_PARSE ? "does not parse as X.509"
		                                     : "its self-signature does not verify");
	memcpy(cn, info.common_name, 256);
	if (now >= 0 && (now < info.not_before || now > info.not_after))
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CERT,
		                "bad certificate: not valid now (check the clock)");
	return 0;
}

static int check_contents(struct verifier *v, const struct zent *e, uint8_t *bytes)
{
	struct kit *k = v->kit;
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

static int verify(struct verifier *v)
{
	struct kit *k = v->kit;
	struct zent *ix = NULL;
	uint8_t *ixbytes = NULL, sha[32];
	size_t i;
	char msg[300];

	if (scan_directory(v))
		return -1;
	for (i = 0; i < v->n; i++)
		if (v->ents[i].kind == KIT_KIND_INDEX)
			ix = &v->ents[i];
	if (!ix)
		return refuse(v, KIT_R_NO_INDEX, "%sthe kit has no %s", "", KIT_INDEX_NAME);
	if (ix->usize > KIT_INDEX_MAX)
		return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_INDEX, "bad index: larger than %d bytes",
		                KIT_INDEX_MAX);
	if (read_entry(v, ix, k->identity, &ixbytes))
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

	for (i = 0; i < v->n; i++) {
		const struct zent *e = &v->ents[i];
		const struct kit_entry *ie;
		uint8_t *bytes = NULL;
		int keep = e->kind == KIT_KIND_CERT || e->kind == KIT_KIND_MANIFEST;
		if (e->kind == KIT_KIND_INDEX)
			continue;
		if (e->kind == KIT_KIND_CERT && e->usize > KIT_CERT_MAX)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_CERT, "bad certificate: \"%s\" is larger than %d bytes",
			                e->name, KIT_CERT_MAX);
		if (e->kind == KIT_KIND_MANIFEST && e->usize > MANIFEST_MAX_BYTES)
			return kit_fail(v->err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST, "bad manifest: %s: larger than %d bytes",
			                e->name, MANIFEST_MAX_BYTES);
		if (read_entry(v, e, sha, keep ? &bytes : NULL))
			return -1;
		ie = kit_index_find(&k->index, e->name);
		if (memcmp(sha, ie->sha256, 32) != 0) {
			free(bytes);
			return refuse(v, KIT_R_HASH, "\"%s\"%s", e->name, NULL);
		}
		if (keep && check_contents(v, e, bytes))
			return -1;
	}

	if (v->ncerts == 0)
		return refuse(v, KIT_R_NO_ROOT, "%sthe kit carries no payload/*.cer, *.crt or *.der%s", "", NULL);
	if (kit_check_root(k->root_der, k->root_len, -1, k->root_cn, v->err))
		return -1;
	if (k->manifests.n == 0)
		return refuse(v, KIT_R_NO_MANIFESTS, "%sthe kit carries no manifests/*.manifest%s", "", NULL);
	if (manifest_set_check(&k->manifests, msg, sizeof msg))
		return kit_fail(v->err, KIT_E_REFUSED, KIT_R_MANIFEST_OVERLAP, "manifests overlap: %s", msg);
	return 0;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* minizip reads a field cut off by the end of the file as zeros (its UNZ_EOF is
 * UNZ_OK) and quietly skips data before the archive. So check the end record
 * ourselves first: the last 22 bytes are the end-of-central-directory record,
 * with no comment, one disk, and (without ZIP64) a central directory that ends
 * where the record starts, which leaves no room for prepended or appended data. */
static int check_end_record(zlib_filefunc64_def *io, const char *path, struct kit_error *err)
{
	unsigned char r[22];
	voidpf f = io->zopen64_file(io->opaque, path, ZLIB_FILEFUNC_MODE_READ | ZLIB_FILEFUNC_MODE_EXISTING);
	ZPOS64_T size;
	uint32_t cd_size, cd_off;
	int ok;
	if (!f)
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot open %s", path);
	ok = io->zseek64_file(io->opaque, f, 0, ZLIB_FILEFUNC_SEEK_END) == 0;
	size = ok ? io->ztell64_file(io->opaque, f) : 0;
	ok = ok && size >= 22 && size != (ZPOS64_T)-1 &&
	     io->zseek64_file(io->opaque, f, size - 22, ZLIB_FILEFUNC_SEEK_SET) == 0 &&
	     io->zread_file(io->opaque, f, r, 22) == 22;
	io->zclose_file(io->opaque, f);
	if (!ok || le32(r) != 0x06054b50)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP,
		                "not a zip file: no end-of-central-directory record at the end of the file");
	if (r[20] || r[21])
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP, "not a zip file: a kit has no zip comment");
	if (r[4] || r[5] || r[6] || r[7] || r[8] != r[10] || r[9] != r[11])
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP, "not a zip file: split or spanned archive");
	cd_size = le32(r + 12);
	cd_off = le32(r + 16);
	if (cd_off != 0xFFFFFFFFu && (uint64_t)cd_off + cd_size != size - 22)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_NOT_ZIP,
		                "not a zip file: bytes before the archive or between its central directory and end record");
	return 0;
}

static int verify_with(zlib_filefunc64_def *io, const char *path, struct kit **out, struct kit_error *err)
{
	struct verifier v;
	size_t i;
	int rc;

	*out = NULL;
	memset(err, 0, sizeof *err);
	memset(&v, 0, sizeof v);
	v.err = err;
	v.kit = calloc(1, sizeof *v.kit);
	v.inbuf = malloc(CHUNK);
	v.outbuf = malloc(CHUNK);
	if (!v.kit || !v.inbuf || !v.outbuf) {
		rc = kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		goto out;
	}
	if (check_end_record(io, path, err)) {
		rc = -1;
		goto out;
	}
	v.z = unzOpen2_64(path, io);
	if (!v.z) {
		rc = refuse(&v, KIT_R_NOT_ZIP, "%sno zip central directory found%s", "", NULL);
		goto out;
	}
	rc = verify(&v);
	unzClose(v.z);
out:
	for (i = 0; i < v.n; i++)
		free(v.ents[i].name);
	free(v.ents);
	free(v.inbuf);
	free(v.outbuf);
	if (rc == 0)
		*out = v.kit;
	else
		kit_free(v.kit);
	return rc;
}

int kit_verify_file(const char *path, struct kit **out, struct kit_error *err)
{
	zlib_filefunc64_def io;
	plat_file *f;
	int e;

	/* Tell an unreadable file (an I/O error) from one that is not a zip (a
	 * refused kit): minizip reports both as NULL. */
	*out = NULL;
	memset(err, 0, sizeof *err);
	e = plat_open(path, PLAT_READ, &f);
	if (e != 0)
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read %s: %s", path, plat_strerror(e));
	plat_close(f);
	kitio_file(&io);
	return verify_with(&io, path, out, err);
}

int kit_verify_mem(const void *buf, size_t len, struct kit **out, struct kit_error *err)
{
	zlib_filefunc64_def io;
	struct kitio_mem m;
	m.data = buf;
	m.len = len;
	m.pos = 0;
	kitio_memory(&io, &m);
	return verify_with(&io, "memory", out, err);
}

void kit_free(struct kit *k)
{
	if (!k)
		return;
	kit_index_free(&k->index);
	free(k->root_name);
	free(k->root_der);
	manifest_set_free(&k->manifests);
	free(k);
}
