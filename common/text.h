/* Small text checks shared by the index and manifest parsers, and the
 * growth of the text buffers the JSON writer, reader and summary share. */
#ifndef ACSKIT_TEXT_H
#define ACSKIT_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Returns 1 if s[0..n) is valid UTF-8 (no overlong forms, surrogates or code
 * points above U+10FFFF), else 0. */
int text_utf8_valid(const char *s, size_t n);
/* Returns 1 if s[0..n) holds a byte below 0x20 or 0x7F, else 0. */
int text_has_control(const char *s, size_t n);
/* Returns 1 if valid UTF-8 s[0..n) holds a C1 control (U+0080-U+009F), a
 * format character (Unicode category Cf: bidirectional controls, zero-width
 * characters, U+00AD, U+FEFF, ...), a line or paragraph separator (U+2028,
 * U+2029) or a space other than U+0020 (U+00A0, U+2000-U+200A, U+3000, ...),
 * which could make printed text read other than it is. */
int text_has_unicode_control(const char *s, size_t n);
/* Parses s[0..n) as a decimal number without sign or leading zeros (except "0")
 * and at most max. Returns 0 and *out, or -1. */
int text_parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out);
/* Returns 1 if s is "KB" followed by 6 or 7 digits, else 0. */
int text_is_kb(const char *s, size_t n);

/* 1 if s ends with suffix (lower case, ASCII), in any case: ".CAB" ends
 * with ".cab". */
int text_ends_with_nocase(const char *s, const char *suffix);

/* Makes *buf (capacity *cap, NULL/0 at first) hold at least need bytes:
 * first_cap, then doubled, by one realloc. Returns 0, or -1 with *buf and
 * *cap unchanged when the allocation fails. */
int text_reserve(char **buf, size_t *cap, size_t need, size_t first_cap);

#endif
