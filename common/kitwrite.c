/* Building a kit: the packing half, linked into acskit-build only (the runner
 * verifies and never packs, as signify's VERIFYONLY build). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <zip.h>

#include "crypto.h"
#include "kit.h"
#include "kitio.h"
#include "plat.h"
#include "timeutil.h"

#define CHUNK (1024 * 1024)

struct input {
	char *path;     /* file on disk */
	char *name;     /* entry name in the kit */
	enum kit_kind kind;
	int package;    /* a manifest's package line names it */
	char *note;     /* why it was packed against the signature rule, or NULL */
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct input *)a)->name, ((const struct input *)b)->name);
}

static int by_fold(const void *a, const void *b)
{
	return kit_name_cmp_fold(((const struct input *)a)->name, ((const struct input *)b)->name);
}

static char *join(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s = malloc(la + lb + lc + 1);
	if (s) {
		memcpy(s, a, la);
		memcpy(s + la, b, lb);
		memcpy(s + la + lb, c, lc + 1);
	}
	return s;
}

/* Reads a whole small file (at most max bytes). */
static int slurp(const char *path, size_t max, uint8_t **out, size_t *len, struct kit_error *err)
{
	plat_file *f;
	uint8_t *buf;
	size_t n = 0;
	int e = plat_open(path, PLAT_READ, &f);
	*out = NULL;
	if (e)
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read %s: %s", path, plat_strerror(e));
	buf = malloc(max + 1);
	if (!buf) {
		plat_close(f);
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	}
	for (;;) {
		long r = plat_read(f, buf + n, max + 1 - n);
		if (r < 0) {
			free(buf);
			e = plat_close(f);
			return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read %s: %s", path, plat_strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			free(buf);
			plat_close(f);
			return kit_fail(err, KIT_E_REFUSED, KIT_R_TOO_LARGE, "too large: %s is over %lu bytes", path,
			                (unsigned long)max);
		}
	}
	plat_close(f);
	*out = buf;
	*len = n;
	return 0;
}

/* Collects the regular files of dir as entries prefix + file name. With
 * chain_dir (the payload directory only), a directory acs-chain in it is
 * collected too, as payload/acs-chain/<file name>: the reference chain. */
static int collect(const char *dir, const char *prefix, int chain_dir, struct input **v, size_t *n,
                   struct kit_error *err)
{
	struct plat_dirlist l;
	size_t i;
	int e = plat_list_dir(dir, &l);
	if (e)
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot list %s: %s", dir, plat_strerror(e));
	for (i = 0; i < l.count; i++) {
		const char *name = l.names[i];
		struct input *nv, *in;
		const char *why;
		char *entry;
		if (!l.is_regular[i] && chain_dir && !strcmp(name, "acs-chain")) {
			char *sub = join(dir, "/", name);
			int rc;
			if (!sub)
				goto nomem;
			rc = plat_is_dir(sub) ? collect(sub, KIT_CHAIN_DIR, 0, v, n, err) : 1;
			free(sub);
			if (rc == 0)
				continue;
			if (rc < 0)
				goto fail;
		}
		if (!l.is_regular[i]) {
			kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT,
			         "bad input: %s/%s is not a regular file (links and directories are not packed)", dir,
			         name);
			goto fail;
		}
		entry = join(prefix, name, "");
		if (!entry)
			goto nomem;
		if ((why = kit_name_unsafe(entry, strlen(entry))) != NULL) {
			kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT, "bad input: %s/%s: file name not allowed in a kit: %s",
			         dir, name, why);
			free(entry);
			goto fail;
		}
		nv = realloc(*v, (*n + 1) * sizeof *nv);
		if (!nv) {
			free(entry);
			goto nomem;
		}
		*v = nv;
		in = &nv[*n];
		memset(in, 0, sizeof *in);
		in->name = entry;
		in->kind = kit_name_kind(entry);
		in->path = join(dir, "/", name);
		(*n)++;
		if (!in->path)
			goto nomem;
		if (in->kind == KIT_KIND_OTHER) {
			kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT, "bad input: %s: only *.manifest files belong in %s",
			         in->path, dir);
			goto fail;
		}
		/* A .pem or a note among the chain would travel as a plain payload
		 * file and silently not be part of the chain. */
		if (!strcmp(prefix, KIT_CHAIN_DIR) && in->kind != KIT_KIND_CHAIN) {
			kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT,
			         "bad input: %s: only *.cer, *.crt and *.der files belong in %s", in->path, dir);
			goto fail;
		}
	}
	plat_dirlist_free(&l);
	return 0;
nomem:
	kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
fail:
	plat_dirlist_free(&l);
	return -1;
}

/* Adds one --add path: a directory's regular files, or one file, as
 * payload/<file name>. The name in the kit is the file's own name, checked like
 * every other entry name. */
static int collect_add(const char *path, struct input **v, size_t *n, struct kit_error *err)
{
	const char *base = plat_basename(path), *why;
	struct input *nv, *in;
	plat_file *f;
	int e;
	if (plat_is_dir(path))
		return collect(path, "payload/", 0, v, n, err);
	e = plat_open(path, PLAT_READ, &f);
	if (e == PLAT_E_NOT_REGULAR)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT, "bad input: %s is not a regular file", path);
	if (e)
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read %s: %s", path, plat_strerror(e));
	plat_close(f);
	nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	*v = nv;
	in = &nv[*n];
	memset(in, 0, sizeof *in);
	in->name = join("payload/", base, "");
	in->path = join(path, "", "");
	(*n)++;
	if (!in->name || !in->path)
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	if ((why = kit_name_unsafe(in->name, strlen(in->name))) != NULL)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT, "bad input: %s: file name not allowed in a kit: %s",
		                path, why);
	in->kind = kit_name_kind(in->name);
	return 0;
}

/* Checks the inputs as the runner will: one certificate, the pinned root, valid
 * now; the reference chain, if any, is at most KIT_CHAIN_MAX certificates other
 * than the root (their dates are not checked: an ACS leaf lives 72 hours);
 * every manifest parses, is named by its id, and none overlap. */
static int check_inputs(const struct kit_build_options *o, struct input *in, size_t n,
                        struct kit_build_result *res, struct kit_error *err)
{
	struct manifest_set set;
	size_t i, certs = 0, chain = 0;
	char msg[300];
	memset(&set, 0, sizeof set);
	for (i = 0; i < n; i++) {
		uint8_t *buf;
		size_t len;
		if (in[i].kind == KIT_KIND_CERT) {
			int rc;
			if (++certs > 1) {
				manifest_set_free(&set);
				return kit_fail(err, KIT_E_REFUSED, KIT_R_TWO_CERTS,
				                "more than one certificate (%s is another): a kit carries the root only", in[i].path);
			}
			if (slurp(in[i].path, KIT_CERT_MAX, &buf, &len, err))
				goto fail;
			rc = kit_check_root(buf, len, o->now, res->root_cn, err);
			free(buf);
			if (rc) {
				char why[sizeof err->msg];
				memcpy(why, err->msg, sizeof why);
				kit_fail(err, err->code, err->reason, "%s (%s)", why, in[i].path);
				goto fail;
			}
		} else if (in[i].kind == KIT_KIND_CHAIN) {
			struct kit_cert c;
			int rc;
			if (++chain > KIT_CHAIN_MAX) {
				kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: more than %d certificates in %s",
				         kit_reason_text(KIT_R_BAD_CHAIN), KIT_CHAIN_MAX, KIT_CHAIN_DIR);
				goto fail;
			}
			if (slurp(in[i].path, KIT_CERT_MAX, &buf, &len, err)) {
				if (err->reason == KIT_R_TOO_LARGE)
					kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_CHAIN, "%s: %s is larger than %d bytes",
					         kit_reason_text(KIT_R_BAD_CHAIN), in[i].path, KIT_CERT_MAX);
				goto fail;
			}
			rc = kit_check_chain_cert(in[i].path, buf, len, &c, err);
			free(buf);
			if (rc)
				goto fail;
		} else if (in[i].kind == KIT_KIND_MANIFEST) {
			struct manifest *m;
			struct manifest_error me;
			const char *base = in[i].name + 10;
			size_t idlen = strlen(base) - 9;
			if (slurp(in[i].path, MANIFEST_MAX_BYTES, &buf, &len, err)) {
				if (err->reason == KIT_R_TOO_LARGE)
					kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST, "bad manifest: %s: larger than %d bytes",
					         in[i].path, MANIFEST_MAX_BYTES);
				goto fail;
			}
			if (manifest_parse((const char *)buf, len, &m, &me)) {
				free(buf);
				kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST, "bad manifest: %s:%u: %s", in[i].path, me.line,
				         me.msg);
				goto fail;
			}
			free(buf);
			if (strlen(m->id) != idlen || memcmp(m->id, base, idlen) != 0) {
				manifest_free(m);
				kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST, "bad manifest: %s: its id differs from its file name",
				         in[i].path);
				goto fail;
			}
			if (manifest_set_add(&set, m)) {
				kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
				goto fail;
			}
		}
	}
	if (certs == 0) {
		kit_fail(err, KIT_E_REFUSED, KIT_R_NO_ROOT, "no root certificate: %s holds no *.cer, *.crt or *.der",
		         o->payload_dir);
		goto fail;
	}
	if (set.n == 0) {
		kit_fail(err, KIT_E_REFUSED, KIT_R_NO_MANIFESTS, "no manifests: %s holds no *.manifest", o->manifests_dir);
		goto fail;
	}
	if (manifest_set_check(&set, msg, sizeof msg)) {
		kit_fail(err, KIT_E_REFUSED, KIT_R_MANIFEST_OVERLAP, "manifests overlap: %s", msg);
		goto fail;
	}
	/* Every package a manifest names travels in the same kit. */
	for (i = 0; i < set.n; i++) {
		size_t j;
		for (j = 0; j < set.v[i]->npackages; j++) {
			struct input key, *found;
			key.name = set.v[i]->packages[j].entry;
			if (!(found = bsearch(&key, in, n, sizeof *in, by_name))) {
				kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_MANIFEST,
				         "bad manifest: %s names %s, which is not among the files packed (see --add)",
				         set.v[i]->id, key.name);
				goto fail;
			}
			found->package = 1;
		}
	}
	/* Each package once, in name order: the caller checks its signature
	 * (acskit-build runs osslsigncode) before a byte is written. */
	if (o->check_package) {
		char note[KIT_ALLOWED_WHY_MAX + 1];
		for (i = 0; i < n; i++) {
			if (!in[i].package)
				continue;
			note[0] = '\0';
			if (o->check_package(o->check_package_ctx, in[i].name, in[i].path, note, err))
				goto fail;
			if (note[0] && !(in[i].note = join(note, "", ""))) {
				kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
				goto fail;
			}
		}
		if (o->check_package(o->check_package_ctx, NULL, NULL, note, err))
			goto fail;
	}
	res->manifests = set.n;
	manifest_set_free(&set);
	return 0;
fail:
	manifest_set_free(&set);
	return -1;
}

static void dos_time(int64_t t, zip_fileinfo *zi)
{
	int y, mo, d, h, mi, s;
	time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
	memset(zi, 0, sizeof *zi);
	zi->tmz_date.tm_year = (uInt)y;
	zi->tmz_date.tm_mon = (uInt)(mo - 1);
	zi->tmz_date.tm_mday = (uInt)d;
	zi->tmz_date.tm_hour = (uInt)h;
	zi->tmz_date.tm_min = (uInt)mi;
	zi->tmz_date.tm_sec = (uInt)s;
	/* Unix "made by" with mode 0644: unzip restores plain readable files. */
	zi->external_fa = (uLong)0100644 << 16;
}

/* Opens a new entry with fixed attributes, so the same inputs give the same
 * bytes. A file of 4 GiB or more gets ZIP64 sizes (minizip adds the ZIP64
 * fields for offsets past 4 GiB and the ZIP64 end records by itself). */
static int open_entry(zipFile zf, const char *name, const zip_fileinfo *zi, uint64_t size)
{
	int stored = kit_name_stored(name);
	return zipOpenNewFileInZip4_64(zf, name, zi, NULL, 0, NULL, 0, NULL, stored ? 0 : Z_DEFLATED,
	                               stored ? 0 : 9, 0, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, NULL, 0,
	                               (3 << 8) | (size >= 0xFFFFFFFFu ? 45 : 20), 0, size >= 0xFFFFFFFFu);
}

/* Microsoft's Update Catalog names a file after its SHA-1:
 * windows6.1-kb5006743-x64_<40 hex digits>.msu. Returns 1 and the digest if
 * the entry's file name ends so (an underscore and 40 hex digits right before
 * its last dot), else 0. */
static int catalog_sha1(const char *name, uint8_t sha1[20])
{
	const char *base = strrchr(name, '/'), *dot;
	char hex[41];
	base = base ? base + 1 : name;
	dot = strrchr(base, '.');
	if (!dot || dot - base < 41 || dot[-41] != '_')
		return 0;
	memcpy(hex, dot - 40, 40);
	hex[40] = '\0';
	return kit_unhex(hex, sha1, 20) == 0;
}

/* Streams one file into the open zip, hashing what it writes. */
static int add_file(zipFile zf, const struct input *in, const zip_fileinfo *zi, struct kit_entry *ie,
                    unsigned char *buf, struct kit_build_result *res, struct kit_error *err)
{
	plat_file *f;
	crypto_sha256 *h = NULL;
	crypto_sha1 *h1 = NULL;
	uint8_t named_sha1[20];
	struct kit_cert_sniff sn;
	int64_t size;
	int e = plat_open(in->path, PLAT_READ, &f), rc = -1;
	if (e)
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read %s: %s", in->path, plat_strerror(e));
	if (crypto_sha256_new(&h) != CRYPTO_OK) {
		kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 is not available");
		goto out;
	}
	/* Hashed in the same pass as SHA-256: a package is read once. */
	if (in->kind == KIT_KIND_PAYLOAD && catalog_sha1(in->name, named_sha1) && crypto_sha1_new(&h1) != CRYPTO_OK) {
		kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-1 is not available");
		goto out;
	}
	/* The size decides ZIP64 before the first byte is written. */
	if (plat_seek(f, 0, 2) != 0 || (size = plat_tell(f)) < 0 || plat_seek(f, 0, 0) != 0) {
		kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read %s", in->path);
		goto out;
	}
	if (open_entry(zf, in->name, zi, (uint64_t)size) != ZIP_OK) {
		kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot write the entry %s", in->name);
		goto out;
	}
	ie->size = 0;
	memset(&sn, 0, sizeof sn);
	for (;;) {
		long r = plat_read(f, buf, CHUNK);
		if (r < 0) {
			kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot read %s", in->path);
			zipCloseFileInZip(zf);
			goto out;
		}
		if (r == 0)
			break;
		if (crypto_sha256_update(h, buf, (size_t)r) != CRYPTO_OK ||
		    (h1 && crypto_sha1_update(h1, buf, (size_t)r) != CRYPTO_OK)) {
			kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
			zipCloseFileInZip(zf);
			goto out;
		}
		/* What a runner would refuse, refused here, by content. */
		if (in->kind == KIT_KIND_PAYLOAD && kit_cert_sniff(&sn, buf, (size_t)r, (uint64_t)size)) {
			kit_fail(err, KIT_E_REFUSED, KIT_R_TWO_CERTS, "%s: \"%s\" (%s): " KIT_CERT_FILE_TEXT,
			         kit_reason_text(KIT_R_TWO_CERTS), in->name, in->path);
			zipCloseFileInZip(zf);
			goto out;
		}
		if (zipWriteInFileInZip(zf, buf, (unsigned)r) != ZIP_OK) {
			kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot write the kit");
			zipCloseFileInZip(zf);
			goto out;
		}
		ie->size += (uint64_t)r;
	}
	if (zipCloseFileInZip(zf) != ZIP_OK) {
		kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot write the kit");
		goto out;
	}
	if (ie->size != (uint64_t)size) {
		kit_fail(err, KIT_E_IO, KIT_R_NONE, "%s changed size while it was packed", in->path);
		goto out;
	}
	if (crypto_sha256_final(h, ie->sha256) != CRYPTO_OK) {
		kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
		goto out;
	}
	if (h1) {
		uint8_t got[20];
		char want_hex[41], got_hex[41];
		if (crypto_sha1_final(h1, got) != CRYPTO_OK) {
			kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-1 failed");
			goto out;
		}
		if (memcmp(got, named_sha1, 20) != 0) {
			kit_hex(named_sha1, 20, want_hex);
			kit_hex(got, 20, got_hex);
			kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT,
			         "bad input: %s: its name carries the Update Catalog SHA-1 %s, its bytes have %s "
			         "(a damaged or different download)",
			         in->path, want_hex, got_hex);
			goto out;
		}
		res->sha1_named++;
	}
	rc = 0;
out:
	crypto_sha1_free(h1);
	crypto_sha256_free(h);
	plat_close(f);
	return rc;
}

static int write_kit(const struct kit_build_options *o, const char *tmp, struct input *in, size_t n,
                     struct kit_build_result *res, struct kit_error *err)
{
	zlib_filefunc64_def io;
	zip_fileinfo zi;
	zipFile zf;
	struct kit_index ix;
	unsigned char *buf = malloc(CHUNK);
	char *text = NULL;
	size_t textlen, i;
	int rc = -1;

	memset(&ix, 0, sizeof ix);
	if (!buf)
		return kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
	kitio_file(&io);
	zf = zipOpen2_64(tmp, APPEND_STATUS_CREATE, NULL, &io);
	if (!zf) {
		free(buf);
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot create %s", tmp);
	}
	dos_time(o->created, &zi);
	ix.count = n;
	ix.entries = calloc(n ? n : 1, sizeof *ix.entries);
	if (!ix.entries) {
		kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		ix.entries[i].name = in[i].name;
		if (add_file(zf, &in[i], &zi, &ix.entries[i], buf, res, err))
			goto out;
		res->payload_bytes += ix.entries[i].size;
	}
	/* The packages packed against the signature rule, recorded in the index
	 * (so under the kit's identity and signature), in name order as in[]. */
	for (i = 0; i < n; i++)
		ix.nallowed += in[i].note != NULL;
	if (ix.nallowed && !(ix.allowed = calloc(ix.nallowed, sizeof *ix.allowed))) {
		kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		goto out;
	}
	ix.nallowed = 0;
	for (i = 0; i < n; i++)
		if (in[i].note) {
			ix.allowed[ix.nallowed].name = in[i].name;
			ix.allowed[ix.nallowed++].why = in[i].note;
		}
	memcpy(ix.label, o->label, strlen(o->label) + 1);
	time_format_iso(o->created, ix.created_text);
	ix.created = o->created;
	ix.expires = o->expires;
	if (o->expires)
		time_format_iso(o->expires, ix.expires_text);
	ix.has_sequence = o->has_sequence;
	ix.sequence = o->sequence;
	memcpy(ix.builder, o->builder, strlen(o->builder) + 1);
	if (kit_index_format(&ix, &text, &textlen)) {
		kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		goto out;
	}
	{
		uint8_t id[32];
		if (crypto_sha256_oneshot(text, textlen, id) != CRYPTO_OK) {
			kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "SHA-256 failed");
			goto out;
		}
		kit_hex(id, 32, res->identity_hex);
	}
	if (open_entry(zf, KIT_INDEX_NAME, &zi, textlen) != ZIP_OK || zipWriteInFileInZip(zf, text, (unsigned)textlen) != ZIP_OK ||
	    zipCloseFileInZip(zf) != ZIP_OK) {
		kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot write the kit");
		goto out;
	}
	if (o->sign_key) {
		/* The signature covers the index's SHA-256, the kit identity; it sits
		 * outside the index, as the last entry. */
		uint8_t id[32], *sig = NULL, *spki = NULL;
		size_t sig_len = 0, spki_len = 0;
		int crc;
		(void)kit_unhex(res->identity_hex, id, 32);
		crc = crypto_p256_sign(o->sign_key, o->sign_key_len, id, &sig, &sig_len, &spki, &spki_len);
		if (crc != CRYPTO_OK) {
			kit_fail(err, crc == CRYPTO_E_PARSE ? KIT_E_REFUSED : KIT_E_INTERNAL,
			         crc == CRYPTO_E_PARSE ? KIT_R_BAD_INPUT : KIT_R_NONE,
			         crc == CRYPTO_E_PARSE ? "bad input: the signing key is not a P-256 private key (PKCS#8)"
			                               : crc == CRYPTO_E_UNSUPPORTED ? "signing is not available in this build"
			                                                             : "signing failed");
			goto out;
		}
		if (kit_key_fingerprint(spki, spki_len, res->signer) != 0 || open_entry(zf, KIT_SIG_NAME, &zi, sig_len) != ZIP_OK ||
		    zipWriteInFileInZip(zf, sig, (unsigned)sig_len) != ZIP_OK || zipCloseFileInZip(zf) != ZIP_OK) {
			free(sig);
			free(spki);
			kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot write the signature");
			goto out;
		}
		free(sig);
		free(spki);
	}
	rc = 0;
out:
	/* zipClose writes the central directory; it must succeed for a usable kit. */
	if (zipClose(zf, NULL) != ZIP_OK && rc == 0)
		rc = kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot write %s", tmp);
	free(ix.entries);
	free(ix.allowed);
	free(text);
	free(buf);
	return rc;
}

int kit_build(const struct kit_build_options *o, struct kit_build_result *res, struct kit_error *err)
{
	struct input *in = NULL;
	size_t n = 0, i;
	char *tmp = NULL, suffix[64];
	const char *why;
	int rc = -1, e;

	memset(res, 0, sizeof *res);
	memset(err, 0, sizeof *err);
	if ((why = kit_label_invalid(o->label)) != NULL)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT, "bad input: %s", why);
	if (o->created < 315532800LL || o->created > 4354819198LL)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT,
		                "bad input: the creation time must lie from 1980 to 2107 (zip's DOS time)");
	if (o->expires && (o->expires <= o->created || o->expires > 4354819198LL))
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT,
		                "bad input: the expiry time must lie after the creation time and before 2108");
	if (!plat_is_dir(o->payload_dir))
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot open the payload directory %s", o->payload_dir);
	if (!plat_is_dir(o->manifests_dir))
		return kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot open the manifests directory %s", o->manifests_dir);
	if (collect(o->payload_dir, "payload/", 1, &in, &n, err) ||
	    collect(o->manifests_dir, "manifests/", 0, &in, &n, err))
		goto out;
	for (i = 0; i < o->nadds; i++)
		if (collect_add(o->adds[i], &in, &n, err))
			goto out;
	if (n > KIT_MAX_ENTRIES) {
		kit_fail(err, KIT_E_REFUSED, KIT_R_TOO_LARGE, "too large: %lu files (at most %d)", (unsigned long)n,
		         KIT_MAX_ENTRIES);
		goto out;
	}
	/* Names that differ only in case are one file on Windows: refuse them
	 * here, as the runner would. */
	qsort(in, n, sizeof *in, by_fold);
	for (i = 0; i + 1 < n; i++)
		if (kit_name_collide(in[i].name, in[i + 1].name)) {
			if (!strcmp(in[i].name, in[i + 1].name))
				kit_fail(err, KIT_E_REFUSED, KIT_R_DUPLICATE, "duplicate entry name: %s comes from both %s and %s",
				         in[i].name, in[i].path, in[i + 1].path);
			else
				kit_fail(err, KIT_E_REFUSED, KIT_R_DUPLICATE,
				         "duplicate entry name: %s and %s are one file on Windows", in[i].name, in[i + 1].name);
			goto out;
		}
	qsort(in, n, sizeof *in, by_name);
	if (check_inputs(o, in, n, res, err))
		goto out;

	/* Write beside the output, so the final rename stays on one file system, and
	 * under a name no other run uses. */
	(void)snprintf(suffix, sizeof suffix, ".partial-%lu", plat_pid());
	tmp = join(o->output, suffix, "");
	if (!tmp) {
		kit_fail(err, KIT_E_NOMEM, KIT_R_NONE, "out of memory");
		goto out;
	}
	/* A file of this name is left from a crashed run that had our process
	 * number; no live process owns it. */
	(void)plat_remove(tmp);
	if (write_kit(o, tmp, in, n, res, err)) {
		plat_remove(tmp);
		goto out;
	}
	res->entries = n;
	/* Read the kit back through the verifier: what we hand out is what a runner
	 * will accept. Its structure, index, root and manifests are checked again
	 * from the file; the payload bytes were hashed as they were written, and a
	 * second pass over gigabytes would only double the time. */
	{
		struct kit *k;
		struct kit_reader *r;
		plat_file *f;
		if (kit_open(tmp, 0, &r, &k, err) == 0)
			kit_close(r);
		else {
			char why2[sizeof err->msg];
			memcpy(why2, err->msg, sizeof why2);
			/* A refusal here means the inputs break a rule only the whole kit
			 * shows (a compression bomb among the payload, say): bad input. */
			kit_fail(err, err->code == KIT_E_REFUSED ? KIT_E_REFUSED : KIT_E_INTERNAL, err->reason,
			         "the kit just written does not verify: %s", why2);
			plat_remove(tmp);
			goto out;
		}
		if (strcmp(k->identity_hex, res->identity_hex) != 0) {
			kit_free(k);
			kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "the kit just written has another identity");
			plat_remove(tmp);
			goto out;
		}
		kit_free(k);
		if (plat_open(tmp, PLAT_READ, &f) == 0) {
			res->zip_bytes = (uint64_t)(plat_seek(f, 0, 2) == 0 ? plat_tell(f) : 0);
			plat_close(f);
		}
	}
	e = plat_rename_replace(tmp, o->output);
	if (e) {
		kit_fail(err, KIT_E_IO, KIT_R_NONE, "cannot rename %s to %s: %s", tmp, o->output, plat_strerror(e));
		plat_remove(tmp);
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		free(in[i].path);
		free(in[i].name);
		free(in[i].note);
	}
	free(in);
	free(tmp);
	return rc;
}
