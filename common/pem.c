#include "pem.h"

#include "plat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64val(char c)
{
	const char *p = c ? strchr(b64, c) : NULL;
	return p ? (int)(p - b64) : -1;
}

int base64_decode(const char *s, size_t n, uint8_t **der, size_t *len)
{
	uint8_t *out;
	size_t i, o = 0, pad = 0;
	*der = NULL;
	if (n == 0 || n % 4 != 0)
		return -1;
	if (s[n - 1] == '=')
		pad++;
	if (s[n - 2] == '=')
		pad++;
	out = malloc(n / 4 * 3);
	if (!out)
		return -1;
	for (i = 0; i < n; i += 4) {
		int v[4], k;
		for (k = 0; k < 4; k++) {
			if (s[i + k] == '=' && i + 4 == n && k >= 4 - (int)pad)
				v[k] = 0;
			else if ((v[k] = b64val(s[i + k])) < 0) {
				free(out);
				return -1;
			}
		}
		out[o++] = (uint8_t)(v[0] << 2 | v[1] >> 4);
		out[o++] = (uint8_t)((v[1] & 15) << 4 | v[2] >> 2);
		out[o++] = (uint8_t)((v[2] & 3) << 6 | v[3]);
	}
	*der = out;
	*len = o - pad;
	return 0;
}

int pem_decode(const char *text, size_t n, const char *label, uint8_t **der, size_t *len)
{
	char begin[80], end[80], *b64text;
	const char *p = text, *stop = text + n, *body, *tail;
	size_t bl, el, k = 0;
	int rc;
	*der = NULL;
	if (snprintf(begin, sizeof begin, "-----BEGIN %s-----", label) >= (int)sizeof begin ||
	    snprintf(end, sizeof end, "-----END %s-----", label) >= (int)sizeof end)
		return -1;
	bl = strlen(begin);
	el = strlen(end);
	while (p < stop && (*p == '\n' || *p == '\r'))
		p++;
	if ((size_t)(stop - p) < bl || memcmp(p, begin, bl) != 0)
		return -1;
	body = p + bl;
	for (tail = body; tail + el <= stop; tail++)
		if (memcmp(tail, end, el) == 0)
			break;
	if (tail + el > stop)
		return -1;
	for (p = tail + el; p < stop; p++)
		if (*p != '\n' && *p != '\r')
			return -1;
	b64text = malloc((size_t)(tail - body) + 1);
	if (!b64text)
		return -1;
	for (p = body; p < tail; p++) {
		if (*p == '\n' || *p == '\r')
			continue;
		b64text[k++] = *p;
	}
	rc = base64_decode(b64text, k, der, len);
	free(b64text);
	return rc;
}

int pem_encode(const uint8_t *der, size_t len, const char *label, char **text)
{
	size_t cap = (len + 2) / 3 * 4 + (len / 48 + 2) + 2 * strlen(label) + 40, o = 0, i, col = 0;
	char *t = malloc(cap);
	int w;
	*text = NULL;
	if (!t)
		return -1;
	w = snprintf(t, cap, "-----BEGIN %s-----\n", label);
	if (w < 0)
		goto fail;
	o = (size_t)w;
	for (i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)der[i] << 16 | (i + 1 < len ? (uint32_t)der[i + 1] << 8 : 0) |
		             (i + 2 < len ? der[i + 2] : 0);
		t[o++] = b64[v >> 18 & 63];
		t[o++] = b64[v >> 12 & 63];
		t[o++] = i + 1 < len ? b64[v >> 6 & 63] : '=';
		t[o++] = i + 2 < len ? b64[v & 63] : '=';
		col += 4;
		if (col == 64 && i + 3 < len) {
			t[o++] = '\n';
			col = 0;
		}
	}
	w = snprintf(t + o, cap - o, "\n-----END %s-----\n", label);
	if (w < 0 || (size_t)w >= cap - o)
		goto fail;
	*text = t;
	return 0;
fail:
	free(t);
	return -1;
}

int pem_read_file(const char *path, const char *label, uint8_t **der, size_t *len, int *io_error)
{
	plat_file *f;
	char buf[8192];
	volatile char *wipe = buf;
	size_t n = 0, i;
	long r;
	int rc;
	*der = NULL;
	*io_error = plat_open(path, PLAT_READ, &f);
	if (*io_error)
		return -1;
	while (n < sizeof buf && (r = plat_read(f, buf + n, sizeof buf - n)) > 0)
		n += (size_t)r;
	plat_close(f);
	rc = n == sizeof buf ? -1 : pem_decode(buf, n, label, der, len);
	for (i = 0; i < n; i++)
		wipe[i] = 0;
	return rc;
}
