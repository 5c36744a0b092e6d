#include "kitio.h"

#include <string.h>

#include "plat.h"

static voidpf ZCALLBACK file_open(voidpf opaque, const void *filename, int mode)
{
	plat_file *f = NULL;
	enum plat_open_mode m;
	(void)opaque;
	if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) == ZLIB_FILEFUNC_MODE_READ)
		m = PLAT_READ;
	else if (mode & ZLIB_FILEFUNC_MODE_CREATE)
		m = PLAT_CREATE_NEW; /* the builder writes a fresh temp file only */
	else
		return NULL;
	if (!filename || plat_open((const char *)filename, m, &f) != 0)
		return NULL;
	return f;
}

static uLong ZCALLBACK file_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	long r;
	unsigned char *p = buf;
	uLong done = 0;
	(void)opaque;
	/* minizip treats a short read as an error, so fill the request unless the
	 * file really ends. */
	while (done < size) {
		r = plat_read((plat_file *)stream, p + done, size - done);
		if (r <= 0)
			break;
		done += (uLong)r;
	}
	return done;
}

static uLong ZCALLBACK file_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	return plat_write((plat_file *)stream, buf, size) == 0 ? size : 0;
}

static ZPOS64_T ZCALLBACK file_tell(voidpf opaque, voidpf stream)
{
	int64_t t = plat_tell((plat_file *)stream);
	(void)opaque;
	return t < 0 ? (ZPOS64_T)-1 : (ZPOS64_T)t;
}

static long ZCALLBACK file_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	int whence;
	(void)opaque;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET: whence = 0; break;
	case ZLIB_FILEFUNC_SEEK_CUR: whence = 1; break;
	case ZLIB_FILEFUNC_SEEK_END: whence = 2; break;
	default: return -1;
	}
	return plat_seek((plat_file *)stream, (int64_t)offset, whence) == 0 ? 0 : -1;
}

static int ZCALLBACK file_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return plat_close((plat_file *)stream) == 0 ? 0 : -1;
}

static int ZCALLBACK file_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0; /* errors are reported by the calls themselves and by close */
}

void kitio_file(zlib_filefunc64_def *def)
{
	memset(def, 0, sizeof *def);
	def->zopen64_file = file_open;
	def->zread_file = file_read;
	def->zwrite_file = file_write;
	def->ztell64_file = file_tell;
	def->zseek64_file = file_seek;
	def->zclose_file = file_close;
	def->zerror_file = file_error;
}

static voidpf ZCALLBACK shared_open(voidpf opaque, const void *filename, int mode)
{
	(void)filename;
	if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ)
		return NULL;
	return opaque;
}

static int ZCALLBACK shared_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0; /* the owner closes it */
}

void kitio_file_shared(zlib_filefunc64_def *def, plat_file *f)
{
	kitio_file(def);
	def->zopen64_file = shared_open;
	def->zclose_file = shared_close;
	def->opaque = f;
}

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *filename, int mode)
{
	struct kitio_mem *m = opaque;
	(void)filename;
	if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ)
		return NULL;
	m->pos = 0;
	return m;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct kitio_mem *m = stream;
	size_t left = m->pos < m->len ? m->len - m->pos : 0;
	(void)opaque;
	if (size > left)
		size = (uLong)left;
	memcpy(buf, m->data + m->pos, size);
	m->pos += size;
	return size;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct kitio_mem *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	struct kitio_mem *m = stream;
	ZPOS64_T base;
	(void)opaque;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
	case ZLIB_FILEFUNC_SEEK_CUR: base = m->pos; break;
	case ZLIB_FILEFUNC_SEEK_END: base = m->len; break;
	default: return -1;
	}
	/* Offsets are unsigned; minizip seeks backwards from the end by passing the
	 * distance through SEEK_SET, so any result past the end is an error. */
	if (offset > m->len || base + offset > m->len)
		return -1;
	m->pos = (size_t)(base + offset);
	return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

void kitio_memory(zlib_filefunc64_def *def, struct kitio_mem *m)
{
	kitio_file(def);
	def->zopen64_file = mem_open;
	def->zread_file = mem_read;
	def->zwrite_file = mem_write;
	def->ztell64_file = mem_tell;
	def->zseek64_file = mem_seek;
	def->zclose_file = mem_close;
	def->opaque = m;
}
