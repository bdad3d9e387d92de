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

/* Every pair of adjacent characters and the last character of the name
 * (so any one character is a prefix of some key: 张三丰 → 张三, 三丰, 丰),
 * each string of pinyin initials, and the ID number reversed. */
static int person_keys(const char *name, const char *id_number, char keys[][40], int max)
{
	int n = 0;
	const char *p = name;
	while (*p && n < max - 2) {
		size_t a = char_len(p);
		if (a > 4)
			break;
		size_t b = p[a] ? char_len(p + a) : 0;
		bool dot_a = memcmp(p, "\xc2\xb7", 2) == 0;
		bool dot_b = b > 0 && memcmp(p + a, "\xc2\xb7", 2) == 0;
		if (!dot_a && (b == 0 || dot_b)) {	/* the last character of a part */
			memcpy(keys[n], p, a);
			keys[n++][a] = '\0';
		} else if (!dot_a && b <= 4) {
			memcpy(keys[n], p, a + b);
			keys[n++][a + b] = '\0';
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

/* search_keys(name, id_number): the keys as a JSON array, so one SQL
 * statement writes all of a person's keys (json_each), and a reindex is a
 * single INSERT … SELECT that SQLite sorts itself. */
static void sql_search_keys(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *id = (const char *)sqlite3_value_text(argv[1]);
	char keys[MAX_KEYS][40], json[MAX_KEYS * 44 + 4];
	int n = person_keys(name != NULL ? name : "", id != NULL ? id : "", keys, MAX_KEYS);
	size_t len = 0;
	json[len++] = '[';
	for (int i = 0; i < n; i++) {
		/* Keys are CJK, letters or digits: nothing to escape but quotes. */
		json[len++] = i ? ',' : ' ';
		json[len++] = '"';
		for (const char *p = keys[i]; *p; p++)
			if (*p != '"' && *p != '\\')
				json[len++] = *p;
		json[len++] = '"';
	}
	json[len++] = ']';
	sqlite3_result_text(ctx, json, (int)len, SQLITE_TRANSIENT);
}

static int register_function(struct store *s, struct err *e)
{
	if (sqlite3_create_function(store_db(s), "search_keys", 2,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_search_keys,
				    NULL, NULL) != SQLITE_OK)
		return err_set(e, "内部错误：无法注册 search_keys");
	return 0;
}

static int exec(struct store *s, const char *sql, const char *types, int64_t id,
		const char *a, const char *b, struct err *e)
{
	sqlite3_stmt *st;
	if (register_function(s, e) != 0 ||
	    store_query(s, &st, e, sql, types, id, a, b) != 0)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

int search_index_person(struct store *s, int64_t person_id, const char *name,
			const char *id_number, struct err *e)
{
	return exec(s, "INSERT INTO person_keys(person_id, key) "
		       "SELECT ?1, value FROM json_each(search_keys(?2, ?3))", "iss",
		    person_id, name, id_number, e);
}

int search_unindex_person(struct store *s, int64_t person_id, const char *name,
			  const char *id_number, struct err *e)
{
	return exec(s, "DELETE FROM person_keys WHERE person_id = ?1 AND key IN "
		       "(SELECT value FROM json_each(search_keys(?2, ?3)))", "iss",
		    person_id, name, id_number, e);
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

/* The index is dropped and made again after the rows are in: SQLite then
 * builds it by one sort instead of a million random inserts. */
int search_reindex(struct store *s, struct err *e)
{
	static const char *const steps[] = {
		"DROP INDEX IF EXISTS person_keys_key",
		"DELETE FROM person_keys",
		"INSERT INTO person_keys(person_id, key) SELECT p.id, j.value "
		"FROM persons p, json_each(search_keys(p.name, p.id_number)) j",
		"CREATE INDEX person_keys_key ON person_keys(key, person_id)",
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (exec(s, steps[i], "", 0, NULL, NULL, e) != 0)
			return -1;
	return 0;
}
