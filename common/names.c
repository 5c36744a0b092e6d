/* Entry names and what they mean (docs/kit-format.md section 1). */
#include <string.h>

#include "kit.h"
#include "text.h"

static int ieq(const char *a, size_t an, const char *b)
{
	size_t i, bn = strlen(b);
	if (an != bn)
		return 0;
	for (i = 0; i < an; i++) {
		char x = a[i], y = b[i];
		if (x >= 'a' && x <= 'z')
			x = (char)(x - 32);
		if (x != y)
			return 0;
	}
	return 1;
}

/* Windows reserves these device names in every directory, with any extension:
 * "payload/con.txt" opens the console, not a file. */
static int reserved_device(const char *seg, size_t n)
{
	static const char *const names[] = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"};
	const char *dot = memchr(seg, '.', n);
	size_t stem = dot ? (size_t)(dot - seg) : n, i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (ieq(seg, stem, names[i]))
			return 1;
	if (stem == 4 && seg[3] >= '0' && seg[3] <= '9' && (ieq(seg, 3, "COM") || ieq(seg, 3, "LPT")))
		return 1;
	return 0;
}

const char *kit_name_unsafe(const char *name, size_t len)
{
	size_t i, start = 0, segments = 0;

	if (len == 0)
		return "empty name";
	if (len > KIT_NAME_MAX)
		return "longer than 255 bytes";
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7F)
			return "control character";
		if (c > 0x7F)
			return "non-ASCII byte";
	}
	if (name[0] == '/')
		return "absolute path";
	if (memchr(name, '\\', len))
		return "backslash";
	if (len >= 2 && name[1] == ':' &&
	    ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
		return "drive letter";
	if (memchr(name, ':', len))
		return "colon (alternate data stream)";
	for (i = 0; i <= len; i++) {
		const char *seg;
		size_t n;
		if (i < len && name[i] != '/')
			continue;
		seg = name + start;
		n = i - start;
		segments++;
		if (n == 0)
			return "empty path segment";
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return n == 1 ? "'.' segment" : "'..' segment";
		if (seg[n - 1] == '.' || seg[n - 1] == ' ')
			return "segment ends in a dot or space";
		if (reserved_device(seg, n))
			return "reserved device name";
		start = i + 1;
	}
	if (segments > 8)
		return "more than 8 path segments";
	for (i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == '-' || c == '/'))
			return "character outside A-Z a-z 0-9 . _ - /";
	}
	return NULL;
}

enum kit_kind kit_name_kind(const char *name)
{
	if (!strcmp(name, KIT_INDEX_NAME))
		return KIT_KIND_INDEX;
	if (!strcmp(name, KIT_SIG_NAME))
		return KIT_KIND_SIG;
	if (!strncmp(name, "payload/", 8) && name[8]) {
		int cert = text_ends_with_nocase(name, ".cer") || text_ends_with_nocase(name, ".crt") ||
		           text_ends_with_nocase(name, ".der");
		/* The reference chain first: its certificates are not a second root.
		 * Only files directly in payload/acs-chain/; anything deeper stays a
		 * root candidate, and so is refused as one more certificate. */
		if (cert && !strncmp(name, KIT_CHAIN_DIR, sizeof KIT_CHAIN_DIR - 1) &&
		    name[sizeof KIT_CHAIN_DIR - 1] && !strchr(name + sizeof KIT_CHAIN_DIR - 1, '/'))
			return KIT_KIND_CHAIN;
		if (cert)
			return KIT_KIND_CERT;
		return KIT_KIND_PAYLOAD;
	}
	/* Manifests sit directly under manifests/, named <id>.manifest. */
	if (!strncmp(name, "manifests/", 10) && !strchr(name + 10, '/') && strlen(name) > 19 &&
	    !strcmp(name + strlen(name) - 9, ".manifest"))
		return KIT_KIND_MANIFEST;
	return KIT_KIND_OTHER;
}

int kit_name_stored(const char *name)
{
	static const char *const stored[] = {".cer", ".crt", ".der", ".msu", ".cab", ".zip", ".exe", ".7z", ".sig"};
	size_t i;
	for (i = 0; i < sizeof stored / sizeof stored[0]; i++)
		if (text_ends_with_nocase(name, stored[i]))
			return 1;
	return 0;
}

static int fold_cmp(const char *x, const char *y)
{
	for (;; x++, y++) {
		int cx = (unsigned char)*x, cy = (unsigned char)*y;
		if (cx >= 'A' && cx <= 'Z')
			cx += 32;
		if (cy >= 'A' && cy <= 'Z')
			cy += 32;
		if (cx != cy || !cx)
			return cx - cy;
	}
}

int kit_name_cmp_fold(const char *a, const char *b)
{
	int c = fold_cmp(a, b);
	return c ? c : strcmp(a, b);
}

int kit_name_collide(const char *a, const char *b)
{
	return fold_cmp(a, b) == 0;
}
