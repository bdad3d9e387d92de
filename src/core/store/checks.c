#include "core/store/checks.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct out {
	char *p;
	size_t len, cap;
	bool oom;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *p = realloc(o->p, cap);
		if (p == NULL) {
			o->oom = true;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The end (one past) of what starts at i and is copied as it is: a string
 * literal ('' inside is a quote) or a comment. 0 when nothing starts. */
static size_t verbatim_end(const char *s, size_t i)
{
	size_t j = i;
	if (s[i] == '\'') {
		for (j = i + 1; s[j]; j++)
			if (s[j] == '\'' && s[j + 1] != '\'')
				return j + 1;
			else if (s[j] == '\'')
				j++;
		return j;
	}
	if (s[i] == '-' && s[i + 1] == '-') {
		while (s[j] && s[j] != '\n')
			j++;
		return j;
	}
	if (s[i] == '/' && s[i + 1] == '*') {
		const char *end = strstr(s + i + 2, "*/");
		return end != NULL ? (size_t)(end - s) + 2 : strlen(s);
	}
	return 0;
}

static size_t skip_space(const char *s, size_t i)
{
	while (isspace((unsigned char)s[i]))
		i++;
	return i;
}

/* After `name IN` at j: a list of three or more string literals becomes
 * (name = 'a' OR name = 'b' OR …), replacing the name already written at
 * out position at. Returns one past the list, or 0 to leave it be. */
static size_t rewrite_list(struct out *o, const char *s, size_t j, const char *name,
			   size_t name_len, size_t at)
{
	size_t i = skip_space(s, j), start[64], len[64];
	int n = 0;
	if (s[i] != '(')
		return 0;
	for (i++;; i++) {
		i = skip_space(s, i);
		if (s[i] != '\'' || n == 64)
			return 0;
		size_t end = verbatim_end(s, i);
		if (end == 0 || s[end - 1] != '\'' || end - i < 2)
			return 0;
		start[n] = i;
		len[n++] = end - i;
		i = skip_space(s, end);
		if (s[i] == ')')
			break;
		if (s[i] != ',')
			return 0;
	}
	if (n < 3)
		return 0;
	o->len = at;
	put(o, "(", 1);
	for (int k = 0; k < n; k++) {
		if (k > 0)
			put(o, " OR ", 4);
		put(o, name, name_len);
		put(o, " = ", 3);
		put(o, s + start[k], len[k]);
	}
	put(o, ")", 1);
	return i + 1;
}

char *checks_in_as_or(const char *sql)
{
	struct out o = { 0 };
	size_t i = 0, prev = 0, prev_len = 0, prev_at = 0;
	bool have_prev = false;	/* `( name`, then only blanks */
	char last = '\0';	/* the last character outside blanks */
	put(&o, "", 0);
	while (sql[i] && !o.oom) {
		size_t end = verbatim_end(sql, i);
		if (end > 0) {
			put(&o, sql + i, end - i);
			last = sql[i] == '\'' ? '\'' : last;
			i = end;
			have_prev = false;
			continue;
		}
		if (ident_char(sql[i]) && !isdigit((unsigned char)sql[i])) {
			size_t j = i;
			while (ident_char(sql[j]))
				j++;
			if (j - i == 2 && strncasecmp(sql + i, "IN", 2) == 0 && have_prev &&
			    !(prev_len == 3 && strncasecmp(sql + prev, "NOT", 3) == 0)) {
				size_t after = rewrite_list(&o, sql, j, sql + prev, prev_len, prev_at);
				if (after > 0) {
					i = after;
					have_prev = false;
					continue;
				}
			}
			/* Only `(name IN (…`: not `t.name`, `x COLLATE y`, `a AND b`. */
			prev = i;
			prev_len = j - i;
			prev_at = o.len;
			have_prev = last == '(';
			last = 'a';
			put(&o, sql + i, j - i);
			i = j;
			continue;
		}
		if (!isspace((unsigned char)sql[i])) {
			have_prev = false;
			last = sql[i];
		}
		put(&o, sql + i, 1);
		i++;
	}
	if (o.oom) {
		free(o.p);
		return NULL;
	}
	return o.p;
}

static void sql_in_as_or(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *sql = (const char *)sqlite3_value_text(argv[0]);
	if (sql == NULL) {
		sqlite3_result_null(cx);
		return;
	}
	char *out = checks_in_as_or(sql);
	if (out == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	sqlite3_result_text(cx, out, -1, free);
}

int checks_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "jz_checks_in_as_or", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
				       sql_in_as_or, NULL, NULL) == SQLITE_OK ? 0 : -1;
}
