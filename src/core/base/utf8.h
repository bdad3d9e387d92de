/* UTF-8 ⇄ wchar_t (UCS-4 on glibc), independent of the locale: the store is
 * UTF-8 even when the terminal's locale is GB18030. */
#ifndef JZ_UTF8_H
#define JZ_UTF8_H

#include <stddef.h>
#include <wchar.h>

/* Decodes up to max-1 characters into out (NUL-terminated); invalid bytes
 * become U+FFFD. Returns the number of characters written. */
size_t utf8_to_wcs(const char *s, wchar_t *out, size_t max);
/* Encodes into out (NUL-terminated, cut at a character boundary). Returns
 * the bytes written. */
size_t wcs_to_utf8(const wchar_t *w, size_t n, char *out, size_t max);
/* Display columns of a UTF-8 string (wcwidth; unknown = 1). */
int utf8_width(const char *s);
/* Columns of one character: 0, 1 or 2. */
int wc_cols(wchar_t c);

#endif
