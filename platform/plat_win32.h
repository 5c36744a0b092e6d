/* Helpers shared by the Win32 files of the platform layer (plat_win32_*.c);
 * nothing outside platform/ includes this. plat.h is the public interface. */
#ifndef ACSKIT_PLAT_WIN32_H
#define ACSKIT_PLAT_WIN32_H

#include <stddef.h>
#include <windows.h>

/* A Win32 error code as the errno value plat_strerror knows (EIO if none fits). */
int w32_map_error(DWORD e);
/* A malloc'd UTF-16 copy of s, or NULL (invalid UTF-8 or no memory); caller frees. */
wchar_t *w32_widen(const char *s);
/* A malloc'd UTF-8 copy of w, or NULL (no memory); caller frees. */
char *w32_narrow(const wchar_t *w);
/* w as UTF-8 into out[n], control and bidi characters replaced by '?' in w
 * first (text for a report). Returns 1, or 0 with out "". */
int w32_report_text(wchar_t *w, char *out, size_t n);

/* Opens an HKLM key for reading in the 64-bit view. Returns 0 with *key, -1
 * if the key does not exist, or an errno value. */
int w32_open_hklm64(const wchar_t *path, HKEY *key);
/* A REG_SZ / REG_EXPAND_SZ value as report text. Returns 1, or 0 with out "". */
int w32_reg_text(HKEY key, const wchar_t *name, char *out, size_t n);
/* Returns 1 with *out if the value is a REG_DWORD of 4 bytes, else 0. */
int w32_reg_dword(HKEY key, const wchar_t *name, DWORD *out);
/* 1 if the HKLM key exists, 0 if not, -1 if it cannot be opened. */
int w32_key_exists(const wchar_t *path);

#endif
