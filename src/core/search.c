#include "search.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "pinyin.h"

#define MAX_KEYS 64

/* Byte length of the UTF-8 character at p. */
static size_t char_len(const char *p)
{
	size_t k = 1;
	while ((p[k] & 0xC0) == 0x80)
		k++;
	return k;
}

/* Every character, every adjacent pair, each pinyin-initials string, and
 * the ID number reversed. */
static int person_keys(const char *name, const char *id_number, char keys[][40], int max)
{
	int n = 0;
	const char *p = name;
	while (*p && n < max - 2) {
		size_t a = char_len(p);
		if (a > 4)
			break;
		if (memcmp(p, "\xc2\xb7", 2) != 0) {	/* not the middle dot */
			memcpy(keys[n], p, a);
			keys[n++][a] = '\0';
			size_t b = p[a] ? char_len(p + a) : 0;
			if (b > 0 && b <= 4 && memcmp(p + a, "\xc2\xb7", 2) != 0) {
				memcpy(keys[n], p, a + b);
				keys[n++][a + b] = '\0';
			}
		}
		p += a;
	}
	char initials[16][16];
	int k = pinyin_keys(name, initials, 16);
	for (int i = 0; i < k && n < max - 1; i++) {
		size_t len = strnlen(initials[i], 15);
		memcpy(keys[n], initials[i], len);
		keys[n++][len] = '\0';
	}
	size_t len = strlen(id_number);
	if (len < 40 && n < max) {
		for (size_t i = 0; i < len; i++)
			keys[n][i] = id_number[len - 1 - i];
		keys[n++][len] = '\0';
	}
	return n;
}

int search_index_person(struct store *s, int64_t person_id, const char *name,
			const char *id_number, struct err *e)
{
	char keys[MAX_KEYS][40];
	int n = person_keys(name, id_number, keys, MAX_KEYS);
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *st;
		if (store_query(s, &st, e, "INSERT OR IGNORE INTO person_keys(key, person_id) VALUES (?, ?)",
				"si", keys[i], person_id) != 0)
			return -1;
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_step_error(s, rc, e);
	}
	return 0;
}

int search_unindex_person(struct store *s, int64_t person_id, const char *name,
			  const char *id_number, struct err *e)
{
	char keys[MAX_KEYS][40];
	int n = person_keys(name, id_number, keys, MAX_KEYS);
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *st;
		if (store_query(s, &st, e, "DELETE FROM person_keys WHERE key = ? AND person_id = ?",
				"si", keys[i], person_id) != 0)
			return -1;
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_step_error(s, rc, e);
	}
	return 0;
}

void search_parse(const char *text, struct search_q *q)
{
	char t[96];
	size_t n = 0;
	memset(q, 0, sizeof *q);
	/* Drop blanks; letters to lower case, x in an ID to upper case. */
	for (const char *p = text; *p && n < sizeof t - 1; p++)
		if (*p != ' ' && *p != '\t')
			t[n++] = *p;
	t[n] = '\0';
	q->empty = n == 0;
	if (q->empty)
		return;
	bool digits = true, letters = true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (!isdigit(c) && !((c == 'x' || c == 'X') && i == n - 1 && n > 1))
			digits = false;
		if (!isalpha(c) || c >= 0x80)
			letters = false;
	}
	if (digits) {
		/* The last digits of an ID number: a prefix of the reversed number. */
		for (size_t i = 0; i < n; i++)
			q->lo[i] = (char)toupper((unsigned char)t[n - 1 - i]);
		q->lo[n] = '\0';
	} else if (letters) {
		for (size_t i = 0; i < n; i++)
			q->lo[i] = (char)tolower((unsigned char)t[i]);
		q->lo[n] = '\0';
	} else {
		/* A name fragment: its first one or two characters are a key. */
		size_t a = char_len(t), b = t[a] ? char_len(t + a) : 0;
		size_t keylen = a + b;
		memcpy(q->lo, t, keylen);
		q->lo[keylen] = '\0';
		if (t[keylen] != '\0')
			snprintf(q->like, sizeof q->like, "%%%s%%", t);
	}
	/* Every key that starts with lo: UTF-8 never contains the byte 0xFF. */
	snprintf(q->hi, sizeof q->hi, "%s\xff", q->lo);
}
