#include "core/base/text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

bool text_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

size_t text_split_items(char *text, char *out[], size_t max)
{
	static const char *const seps[] = { "；", ";", "\n" };
	size_t n = 0;
	char *p = text;
	while (p != NULL && *p && n < max) {
		char *cut = NULL;
		size_t len = 0;
		for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
			char *q = strstr(p, seps[i]);
			if (q != NULL && (cut == NULL || q < cut))
				cut = q, len = strlen(seps[i]);
		}
		if (cut != NULL)
			*cut = '\0';
		if (!text_blank(p))
			out[n++] = p;
		p = cut != NULL ? cut + len : NULL;
	}
	return n;
}

/* The length of the UTF-8 character at p (1–4), its code point in *cp, or
 * 0 when p does not start a valid one. */
static size_t utf8_char(const unsigned char *p, uint32_t *cp)
{
	size_t len;
	uint32_t c = p[0], min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Characters a terminal acts on rather than shows. */
static bool is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool text_has_controls(const char *s, bool newline_ok)
{
	const unsigned char *p = (const unsigned char *)s;
	while (p != NULL && *p) {
		uint32_t c;
		size_t len = utf8_char(p, &c);
		if (len == 0)
			len = 1;	/* not UTF-8: other checks say so */
		else if (is_control(c) && !(newline_ok && (c == '\n' || c == '\r' || c == '\t')))
			return true;
		p += len;
	}
	return false;
}

void text_safe(const char *in, char *out, size_t n)
{
	static const char ellipsis[] = "…";
	const unsigned char *p = (const unsigned char *)(in != NULL ? in : "");
	size_t used = 0;
	if (n == 0)
		return;
	while (*p) {
		char piece[16];
		uint32_t c;
		size_t len = utf8_char(p, &c), plen;
		if (len == 0) {
			plen = (size_t)snprintf(piece, sizeof piece, "\\x%02x", *p);
			len = 1;
		} else if (c == '\n' || c == '\t' || c == '\r') {
			plen = (size_t)snprintf(piece, sizeof piece, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
		} else if (c < 0x80 && is_control(c)) {
			plen = (size_t)snprintf(piece, sizeof piece, "\\x%02x", (unsigned)c);
		} else if (is_control(c)) {
			plen = (size_t)snprintf(piece, sizeof piece, "\\u%04x", (unsigned)c);
		} else {
			memcpy(piece, p, len);
			plen = len;
		}
		/* Keep room for the ellipsis unless this is the last piece. */
		size_t room = n - 1 - used;
		bool last = p[len] == '\0';
		if (plen > room || (!last && plen + sizeof ellipsis - 1 > room)) {
			if (sizeof ellipsis - 1 <= room) {
				memcpy(out + used, ellipsis, sizeof ellipsis - 1);
				used += sizeof ellipsis - 1;
			}
			break;
		}
		memcpy(out + used, piece, plen);
		used += plen;
		p += len;
	}
	out[used] = '\0';
}
