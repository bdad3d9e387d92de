#include "core/base/pinyin.h"

#include <stdlib.h>

#define KEY_LETTERS 15

static int entry_cmp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct pinyin_entry *e = elem;
	return cp < e->cp ? -1 : cp > e->cp;
}

uint32_t pinyin_initials(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return 1u << (cp - 'A');
	if (cp >= 'a' && cp <= 'z')
		return 1u << (cp - 'a');
	if (cp < 0x80)
		return 0;
	const struct pinyin_entry *e = bsearch(&cp, pinyin_table, pinyin_table_len,
					       sizeof pinyin_table[0], entry_cmp);
	return e != NULL ? e->mask : 0;
}

/* Decodes the character at *p and moves past it; a bad byte is U+FFFD. */
static uint32_t next_cp(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t v;
	int n;
	if (s[0] < 0x80)
		n = 1, v = s[0];
	else if ((s[0] & 0xE0) == 0xC0)
		n = 2, v = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3, v = s[0] & 0x0F;
	else if ((s[0] & 0xF8) == 0xF0)
		n = 4, v = s[0] & 0x07;
	else
		n = 0, v = 0xFFFD;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*p += i;
			return 0xFFFD;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*p += n > 0 ? n : 1;
	return v;
}

/* Marks between the parts of a name (阿依古丽·买买提), typed many ways. */
static bool is_separator(uint32_t cp)
{
	switch (cp) {
	case ' ': case '.': case 0x00B7: case 0x2022: case 0x2027:
	case 0x2E31: case 0x3000: case 0x30FB: case 0xFF0E: case 0xFF65:
		return true;
	default:
		return false;
	}
}

/* The initials of the next character that is not a separator; *end is
 * set at the end of the name. */
static uint32_t next_initials(const char **p, bool *end)
{
	while (**p != '\0') {
		uint32_t cp = next_cp(p);
		if (!is_separator(cp)) {
			*end = false;
			return pinyin_initials(cp);
		}
	}
	*end = true;
	return 0;
}

bool pinyin_match_prefix(const char *utf8_name, const char *query)
{
	const char *p = utf8_name != NULL ? utf8_name : "";
	for (const char *q = query; q != NULL && *q != '\0'; q++) {
		bool end;
		uint32_t want = pinyin_initials((unsigned char)*q);
		uint32_t have = next_initials(&p, &end);
		if (end || want == 0 || (have & want) == 0)
			return false;
	}
	return true;
}

int pinyin_keys(const char *utf8_name, char out[][16], int max)
{
	char letters[KEY_LETTERS][26];
	int count[KEY_LETTERS], idx[KEY_LETTERS] = { 0 };
	int n = 0;
	const char *p = utf8_name != NULL ? utf8_name : "";
	while (n < KEY_LETTERS) {
		bool end;
		uint32_t m = next_initials(&p, &end);
		if (end || m == 0)
			break;
		count[n] = 0;
		for (int b = 0; b < 26; b++)
			if (m & (1u << b))
				letters[n][count[n]++] = (char)('a' + b);
		n++;
	}
	if (n == 0)
		return 0;
	/* Odometer with the first character turning fastest: the first
	 * `max` turns hold every combination of the longest leading run. */
	int k = 0;
	while (k < max) {
		for (int i = 0; i < n; i++)
			out[k][i] = letters[i][idx[i]];
		out[k++][n] = '\0';
		int i = 0;
		while (i < n && ++idx[i] == count[i])
			idx[i++] = 0;
		if (i == n)
			break;
	}
	return k;
}
