/* Errors, hex, and the pin. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kit.h"

/* SHA-256 and SHA-1 of the DER of "Microsoft Identity Verification Root
 * Certificate Authority 2020" (payload/README.md says where the copy came from
 * and how to check it; tests/ compares the pin with payload/ on every run). */
const uint8_t kit_pin_sha256[32] = {
	0x53, 0x67, 0xf2, 0x0c, 0x7a, 0xde, 0x0e, 0x2b, 0xca, 0x79, 0x09, 0x15, 0x05, 0x6d, 0x08, 0x6b,
	0x72, 0x0c, 0x33, 0xc1, 0xfa, 0x2a, 0x26, 0x61, 0xac, 0xf7, 0x87, 0xe3, 0x29, 0x2e, 0x12, 0x70,
};
const char kit_pin_sha256_hex[65] = "5367f20c7ade0e2bca790915056d086b720c33c1fa2a2661acf787e3292e1270";
const char kit_pin_sha1_hex[41] = "F40042E2E5F7E8EF8189FED15519AECE42C3BFA2";

const char *kit_reason_text(enum kit_reason r)
{
	switch (r) {
	case KIT_R_NONE: return "error";
	case KIT_R_NOT_ZIP: return "not a zip file";
	case KIT_R_UNSAFE_NAME: return "unsafe entry name";
	case KIT_R_DUPLICATE: return "duplicate entry name";
	case KIT_R_UNEXPECTED: return "unexpected entry";
	case KIT_R_ENCRYPTED: return "encrypted entry";
	case KIT_R_METHOD: return "unsupported compression method";
	case KIT_R_NOT_INDEXED: return "not listed in the index";
	case KIT_R_MISSING: return "listed in the index but missing";
	case KIT_R_SIZE: return "size mismatch";
	case KIT_R_HASH: return "SHA-256 mismatch";
	case KIT_R_CRC: return "CRC mismatch";
	case KIT_R_CORRUPT: return "corrupt entry data";
	case KIT_R_OVERLAP: return "overlapping entry data";
	case KIT_R_NO_INDEX: return "no index";
	case KIT_R_BAD_INDEX: return "bad index";
	case KIT_R_NOT_PINNED: return "not the pinned root";
	case KIT_R_NO_ROOT: return "no root certificate";
	case KIT_R_TWO_CERTS: return "more than one certificate";
	case KIT_R_BAD_CERT: return "bad certificate";
	case KIT_R_BAD_MANIFEST: return "bad manifest";
	case KIT_R_NO_MANIFESTS: return "no manifests";
	case KIT_R_MANIFEST_OVERLAP: return "manifests overlap";
	case KIT_R_TOO_LARGE: return "too large";
	case KIT_R_RATIO: return "compression ratio too high";
	case KIT_R_UNSUPPORTED: return "unsupported zip feature";
	case KIT_R_BAD_SIGNATURE: return "bad signature";
	case KIT_R_UNSIGNED: return "unsigned kit";
	case KIT_R_EXPIRED: return "expired kit";
	case KIT_R_OLDER: return "older kit";
	case KIT_R_BAD_INPUT: return "bad input";
	case KIT_R_BAD_CHAIN: return "bad reference chain";
	}
	return "error";
}

int kit_fail(struct kit_error *err, enum kit_code code, enum kit_reason reason, const char *fmt, ...)
{
	static const char hex[] = "0123456789ABCDEF";
	char raw[sizeof err->msg];
	va_list ap;
	size_t i, o = 0;
	err->code = code;
	err->reason = reason;
	va_start(ap, fmt);
	(void)vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* One line of printable ASCII, whatever a file name or a zip entry held:
	 * every other byte as \xHH. Not only C0 and DEL: an 8-bit CSI (0x9B), a
	 * UTF-8 C1 control or a bidirectional override (U+202E) would reach the
	 * terminal and the JSON report as they are. */
	for (i = 0; raw[i] && o + 1 < sizeof err->msg; i++) {
		unsigned char c = (unsigned char)raw[i];
		if (c >= 0x20 && c < 0x7F) {
			err->msg[o++] = (char)c;
			continue;
		}
		if (o + 5 > sizeof err->msg)
			break;
		err->msg[o++] = '\\';
		err->msg[o++] = 'x';
		err->msg[o++] = hex[c >> 4];
		err->msg[o++] = hex[c & 15];
	}
	err->msg[o] = '\0';
	return -1;
}

void kit_hex(const uint8_t *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;
	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int kit_unhex(const char *in, uint8_t *out, size_t n)
{
	size_t i;
	if (strlen(in) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		int hi = hexval(in[2 * i]), lo = hexval(in[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}
