#include "core/base/utf8.h"

/* Decodes one character; returns bytes used (>= 1). */
static size_t decode(const unsigned char *s, wchar_t *out)
{
	unsigned c = s[0];
	size_t n;
	unsigned v;
	if (c < 0x80) {
		*out = (wchar_t)c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 2, v = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3, v = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4, v = c & 0x07;
	} else {
		*out = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*out = 0xFFFD;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*out = (wchar_t)v;
	return n;
}

size_t utf8_to_wcs(const char *s, wchar_t *out, size_t max)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	while (*p && n + 1 < max)
		p += decode(p, &out[n++]);
	if (max > 0)
		out[n] = 0;
	return n;
}

size_t wcs_to_utf8(const wchar_t *w, size_t n, char *out, size_t max)
{
	size_t len = 0;
	for (size_t i = 0; i < n && w[i]; i++) {
		unsigned c = (unsigned)w[i];
		char b[4];
		size_t k;
		if (c < 0x80) {
			b[0] = (char)c, k = 1;
		} else if (c < 0x800) {
			b[0] = (char)(0xC0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3F)), k = 2;
		} else if (c < 0x10000) {
			b[0] = (char)(0xE0 | c >> 12), b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
			b[2] = (char)(0x80 | (c & 0x3F)), k = 3;
		} else {
			b[0] = (char)(0xF0 | c >> 18), b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
			b[2] = (char)(0x80 | ((c >> 6) & 0x3F)), b[3] = (char)(0x80 | (c & 0x3F)), k = 4;
		}
		if (len + k + 1 > max)
			break;
		for (size_t j = 0; j < k; j++)
			out[len++] = b[j];
	}
	if (max > 0)
		out[len] = '\0';
	return len;
}

int wc_cols(wchar_t c)
{
	/* wcwidth depends on the locale; CJK ranges are wide everywhere. */
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
		return c == 0x303F ? 1 : 2;
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	int cols = 0;
	while (*p) {
		wchar_t c;
		p += decode(p, &c);
		cols += wc_cols(c);
	}
	return cols;
}
