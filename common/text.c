#include "text.h"

#include <stdlib.h>
#include <string.h>

int text_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i], need, cp, min;
		size_t k;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1; cp = c & 0x1F; min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return 0;
		}
		if (n - i <= need)
			return 0;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

int text_has_control(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			return 1;
	}
	return 0;
}

/* Code points that make printed text read other than it is: C1 controls,
 * every format character (Unicode category Cf: bidirectional controls, zero
 * width characters, the soft hyphen, the byte order mark, tags), the line and
 * paragraph separators (Zl, Zp) and every space but U+0020 (Zs). Unicode 15. */
static const uint32_t hidden_ranges[][2] = {
	{0x0080, 0x00A0},   {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},
	{0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x1680, 0x1680},   {0x180E, 0x180E},
	{0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x2064},   {0x2066, 0x206F},   {0x3000, 0x3000},
	{0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F},
	{0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

int text_has_unicode_control(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;
	while (i < n) {
		uint32_t c;
		size_t len;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		/* The input is valid UTF-8 (callers check that first); a cut-off
		 * sequence ends the scan. */
		len = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
		if (len > n - i)
			break;
		c = len == 2 ? (uint32_t)(s[i] & 0x1F) : len == 3 ? (uint32_t)(s[i] & 0x0F) : (uint32_t)(s[i] & 0x07);
		for (k = 1; k < len; k++)
			c = c << 6 | (uint32_t)(s[i + k] & 0x3F);
		for (k = 0; k < sizeof hidden_ranges / sizeof hidden_ranges[0]; k++)
			if (c >= hidden_ranges[k][0] && c <= hidden_ranges[k][1])
				return 1;
		i += len;
	}
	return 0;
}

int text_parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;
	if (n == 0 || n > 20 || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++) {
		unsigned d;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = (unsigned)(s[i] - '0');
		if (d > max || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int text_is_kb(const char *s, size_t n)
{
	size_t i;
	if ((n != 8 && n != 9) || s[0] != 'K' || s[1] != 'B')
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int text_reserve(char **buf, size_t *cap, size_t need, size_t first_cap)
{
	size_t n = *cap ? *cap : first_cap;
	char *b;
	if (need <= *cap)
		return 0;
	while (need > n)
		n *= 2;
	b = realloc(*buf, n);
	if (!b)
		return -1;
	*buf = b;
	*cap = n;
	return 0;
}

int text_ends_with_nocase(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix), i;
	if (n < m)
		return 0;
	for (i = 0; i < m; i++) {
		char c = s[n - m + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != suffix[i])
			return 0;
	}
	return 1;
}
