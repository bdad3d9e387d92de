/* Pinyin initials of Chinese characters, for finding names by the first
 * letters of their readings (zs → 张三). The table is generated at build
 * time from Unihan (src/core/base/gen-pinyin.sh) with every reading of each
 * character, so surnames read unusually are found both ways (单: d, s, c). */
#ifndef JZ_PINYIN_H
#define JZ_PINYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bit i set: some reading begins with 'a' + i (zh/ch/sh count as z/c/s). */
struct pinyin_entry {
	uint32_t cp;
	uint32_t mask;
};

/* build/gen/pinyin_table.c: sorted by cp, masks never 0. */
extern const struct pinyin_entry pinyin_table[];
extern const size_t pinyin_table_len;

/* The initials of one character: a Han character's mask from the table;
 * an ASCII letter its own (lower-case) bit; anything else, digits
 * included (the mask has no bit for them), 0. */
uint32_t pinyin_initials(uint32_t cp);

/* True when the ASCII letters of query (any case) match, one for one, the
 * first strlen(query) characters of the name, each letter among that
 * character's initials: "sw" and "dw" both match 单伟. Separators in the
 * name (middle dot ·, spaces) are skipped. An empty query matches. */
bool pinyin_match_prefix(const char *utf8_name, const char *query);

/* The distinct initials strings of a name (one letter per character, the
 * product of each character's initials; separators skipped), at most 15
 * letters each, for an index where prefix search is a range scan:
 * 单伟 → "cw", "dw", "sw". The strings stop before the first character
 * without initials. When the product exceeds max, every combination of
 * the longest leading run of characters that fits is kept, each followed
 * by one reading of the rest, so short queries always find the name.
 * Returns the count (0 when the name starts with no initials). */
int pinyin_keys(const char *utf8_name, char out[][16], int max);

#endif
