#include "core/store/search.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/base/pinyin.h"

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

/* search_match(name, id_number, query): the keys' test on one person —
 * the ID number ends with the digits, the initials start with the letters,
 * or the name contains the fragment. */
static void sql_search_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *id = (const char *)sqlite3_value_text(argv[1]);
	const char *q = (const char *)sqlite3_value_text(argv[2]);
	if (name == NULL || id == NULL || q == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	struct search_q p;
	search_parse(q, &p);
	size_t n = strlen(p.text), len = strlen(id);
	bool digits = n > 0 && strspn(p.text, "0123456789Xx") == n && isdigit((unsigned char)p.text[0]);
	bool letters = true;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)p.text[i]) || (unsigned char)p.text[i] >= 0x80)
			letters = false;
	int match;
	if (digits)
		match = n <= len && strncasecmp(id + len - n, p.text, n) == 0;
	else if (letters)
		match = pinyin_match_prefix(name, p.text);
	else
		match = strstr(name, p.text) != NULL;
	sqlite3_result_int(ctx, match);
}

int search_register(struct store *s, struct err *e)
{
	if (!store_first_time(s, STORE_ONCE_SEARCH))
		return 0;
	if (sqlite3_create_function(store_db(s), "search_keys", 2,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_search_keys,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(store_db(s), "search_match", 3,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_search_match,
				    NULL, NULL) != SQLITE_OK)
		return err_set(e, "内部错误：无法注册查询函数");
	return 0;
}

int search_is_broad(struct store *s, const struct search_q *q, bool *broad, struct err *e)
{
	int64_t n = 0;
	*broad = false;
	/* The list's SQL names search_match whether or not it is used. */
	if (search_register(s, e) != 0)
		return -1;
	if (q->empty)
		return 0;
	/* Counting stops at the threshold: at most that many index entries. */
	if (store_query_int(s, &n, e, "SELECT count(*) FROM (SELECT 1 FROM person_keys "
			    "WHERE key >= ? AND key < ? LIMIT 2000)", "ss", q->lo, q->hi) != 0)
		return -1;
	*broad = n >= 2000;
	return 0;
}

static int exec(struct store *s, const char *sql, const char *types, int64_t id,
		const char *a, const char *b, struct err *e)
{
	sqlite3_stmt *st;
	if (search_register(s, e) != 0 ||
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
	memcpy(q->text, t, n + 1);
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

#define KEYS_OF_PERSONS_FROM \
	"INSERT INTO person_keys(person_id, key) SELECT p.id, j.value " \
	"FROM persons p, json_each(search_keys(p.name, p.id_number)) j WHERE p.id >= ?1"

/* When the persons added are at least as many as those before, the index
 * is dropped and made again after the keys are in: SQLite then builds it by
 * one sort instead of a random insert per key. Otherwise only the new keys
 * are sorted, and go into the index in its order. */
int search_index_from(struct store *s, int64_t first, struct err *e)
{
	int64_t before, added;
	if (store_query_int(s, &before, e, "SELECT count(*) FROM persons WHERE id < ?", "i",
			    first) != 0 ||
	    store_query_int(s, &added, e, "SELECT count(*) FROM persons WHERE id >= ?", "i",
			    first) != 0)
		return -1;
	if (added < before)
		return exec(s, KEYS_OF_PERSONS_FROM " ORDER BY j.value, p.id", "i", first, NULL,
			    NULL, e);
	if (exec(s, "DROP INDEX IF EXISTS person_keys_key", "", 0, NULL, NULL, e) != 0 ||
	    exec(s, KEYS_OF_PERSONS_FROM, "i", first, NULL, NULL, e) != 0)
		return -1;
	return store_build_index(s, "CREATE INDEX person_keys_key ON person_keys(key, person_id)", e);
}

int search_reindex(struct store *s, struct err *e)
{
	if (exec(s, "DELETE FROM person_keys", "", 0, NULL, NULL, e) != 0)
		return -1;
	return search_index_from(s, 1, e);
}

int search_bind(struct store *s, const char *text, struct search_bind *b, struct err *e)
{
	bool broad;
	memset(b, 0, sizeof *b);
	search_parse(text != NULL ? text : "", &b->q);
	if (search_is_broad(s, &b->q, &broad, e) != 0)
		return -1;
	b->narrow = !b->q.empty && !broad;
	b->lo = b->narrow ? b->q.lo : NULL;
	b->hi = b->narrow ? b->q.hi : NULL;
	b->like = b->q.like[0] ? b->q.like : NULL;
	b->broad = broad ? b->q.text : NULL;
	return 0;
}
