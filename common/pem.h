/* PEM (RFC 7468) text around DER, for keys: strict decoding, plain encoding.
 * Base64 is an encoding, not crypto; the DER goes to the platform's crypto. */
#ifndef ACSKIT_PEM_H
#define ACSKIT_PEM_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the one block "-----BEGIN <label>-----" ... "-----END <label>-----"
 * in text (LF or CRLF line ends, nothing else but blank lines around it).
 * Returns 0 with *der malloc'd, or -1. */
int pem_decode(const char *text, size_t n, const char *label, uint8_t **der, size_t *len);
/* Encodes der as a PEM block with 64-character lines and LF ends. Returns 0
 * with *text malloc'd and NUL-terminated, or -1. */
int pem_encode(const uint8_t *der, size_t len, const char *label, char **text);
/* Reads the file at path (at most 8 KiB) and decodes its PEM block of the given
 * label. Returns 0 with *der malloc'd; else -1 with *io_error set to the
 * plat.h error code when the file could not be read, or to 0 when it is not
 * such a PEM file. The text buffer is cleared before return (private keys). */
int pem_read_file(const char *path, const char *label, uint8_t **der, size_t *len, int *io_error);
/* Plain base64 of s[0..n) (no line breaks, '=' padding) into *der. 0 or -1. */
int base64_decode(const char *s, size_t n, uint8_t **der, size_t *len);

#endif
