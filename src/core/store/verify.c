#include "core/store/verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/base/text.h"

static const char *action_label(const char *a)
{
	return strcmp(a, "insert") == 0 ? "新增" : strcmp(a, "update") == 0 ? "修改" :
	       strcmp(a, "delete") == 0 ? "删除" : a;
}

int verify_head(struct store *s, struct audit_head *h, struct err *e)
{
	sqlite3_stmt *st;
	memset(h, 0, sizeof *h);
	if (store_query(s, &st, e, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", "") != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		h->id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == AUDIT_HASH_LEN)
			memcpy(h->hash, sqlite3_column_blob(st, 1), AUDIT_HASH_LEN);
		rc = SQLITE_DONE;
	}
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	sodium_bin2hex(h->hex, sizeof h->hex, h->hash, AUDIT_HASH_LEN);
	return 0;
}

/* ---- the chain ---- */

static void chain_problem(sqlite3_stmt *st, const char *why, verify_problem problem, void *ctx)
{
	char msg[768], tbl[64], who[96], at[32], action[16];
	store_col_text(st, 1, at, sizeof at);
	store_col_text(st, 2, who, sizeof who);
	store_col_text(st, 3, tbl, sizeof tbl);
	store_col_text(st, 5, action, sizeof action);
	snprintf(msg, sizeof msg, "审计日志第 %lld 条（%s %s %s了 %s 第 %lld 行）%s：这一条或它之前的"
		 "审计记录在程序之外被改动、删除或插入过",
		 (long long)sqlite3_column_int64(st, 0), at, who, action_label(action), tbl,
		 (long long)sqlite3_column_int64(st, 4), why);
	problem(ctx, msg);
}

int verify_chain(struct store *s, verify_problem problem, void *ctx,
		 struct audit_head *head, struct err *e)
{
	sqlite3_stmt *st;
	memset(head, 0, sizeof *head);
	if (store_query(s, &st, e, "SELECT id, at, who, tbl, row_id, action, before, after, hash "
			"FROM audit_log ORDER BY id", "") != 0)
		return -1;
	int rc;
	bool broken = false;
	while (!broken && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_row r;
		unsigned char want[AUDIT_HASH_LEN];
		for (int i = 0; i < 8; i++) {
			r.v[i] = sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : sqlite3_column_text(st, i);
			r.len[i] = sqlite3_column_bytes(st, i);
		}
		audit_hash(head->hash, &r, want);
		head->id = sqlite3_column_int64(st, 0);
		memcpy(head->hash, want, sizeof want);
		if (sqlite3_column_bytes(st, 8) != AUDIT_HASH_LEN) {
			chain_problem(st, "没有校验值", problem, ctx);
			broken = true;
		} else if (sodium_memcmp(sqlite3_column_blob(st, 8), want, AUDIT_HASH_LEN) != 0) {
			chain_problem(st, "的校验值不符", problem, ctx);
			broken = true;
		}
	}
	if (broken)
		rc = SQLITE_ROW;	/* stopped on purpose */
	if (store_rows_end(s, st, rc, e) != 0)
		return err_prefix(e, "核对审计日志失败：");
	sodium_bin2hex(head->hex, sizeof head->hex, head->hash, AUDIT_HASH_LEN);
	return 0;
}

int verify_against(struct store *s, const struct audit_head *older, const char *what,
		   verify_problem problem, void *ctx, struct err *e)
{
	sqlite3_stmt *st;
	char msg[768];
	if (older->id == 0)
		return 0;
	if (store_query(s, &st, e, "SELECT hash FROM audit_log WHERE id = ?", "i", older->id) != 0)
		return -1;
	int rc = sqlite3_step(st);
	bool same = rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == AUDIT_HASH_LEN &&
		    sodium_memcmp(sqlite3_column_blob(st, 0), older->hash, AUDIT_HASH_LEN) == 0;
	if (store_rows_end(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, e) != 0)
		return -1;
	if (!same) {
		snprintf(msg, sizeof msg, "审计日志第 %lld 条与%s中的不同（或已不存在）：备份之前的审计记录"
			 "在程序之外被改写过", (long long)older->id, what);
		problem(ctx, msg);
	}
	return 0;
}

/* ---- the rows ---- */

#define MAX_COLS 96

/* One audited table: its columns, their defaults, and the audited row
 * being put together from its audit rows. */
struct table {
	sqlite3 *db;
	const char *name;
	int n;
	char *col[MAX_COLS];
	char *dflt[MAX_COLS];		/* owned text; NULL for NULL */
	sqlite3_stmt *row;		/* SELECT * FROM name WHERE id = ? */
	/* The row as the audit log says it is. */
	int64_t row_id;
	bool exists;
	int64_t version;
	sqlite3_value *val[MAX_COLS];	/* owned; set[i] says whether given */
	bool set[MAX_COLS];
	/* What disagrees. */
	int64_t bad;
	char first[640];
};

/* A column's declared default as the text it gives ('x' → x). */
static char *default_text(const char *d)
{
	if (d == NULL || strcmp(d, "NULL") == 0)
		return NULL;
	size_t n = strlen(d);
	if (n >= 2 && d[0] == '\'' && d[n - 1] == '\'') {
		char *out = malloc(n), *o = out;
		for (size_t i = 1; out != NULL && i + 1 < n; i++) {
			*o++ = d[i];
			if (d[i] == '\'' && d[i + 1] == '\'')
				i++;
		}
		if (out != NULL)
			*o = '\0';
		return out;
	}
	return strdup(d);
}

static void clear_values(struct table *t)
{
	for (int i = 0; i < t->n; i++) {
		sqlite3_value_free(t->val[i]);
		t->val[i] = NULL;
		t->set[i] = false;
	}
}

static void table_free(struct table *t)
{
	clear_values(t);
	for (int i = 0; i < t->n; i++) {
		free(t->col[i]);
		free(t->dflt[i]);
	}
	sqlite3_finalize(t->row);
}

static int table_open(struct table *t, sqlite3 *db, const char *name, struct err *e)
{
	sqlite3_stmt *st;
	char sql[160];
	memset(t, 0, sizeof *t);
	t->db = db;
	t->name = name;
	int rc = sqlite3_prepare_v2(db, "SELECT name, dflt_value FROM pragma_table_info(?) ORDER BY cid",
				    -1, &st, NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW && t->n < MAX_COLS) {
		const char *d = (const char *)sqlite3_column_text(st, 1);
		t->col[t->n] = strdup((const char *)sqlite3_column_text(st, 0));
		t->dflt[t->n] = default_text(d);
		if (t->col[t->n] == NULL || (d != NULL && strcmp(d, "NULL") != 0 && t->dflt[t->n] == NULL))
			rc = SQLITE_NOMEM;
		t->n++;
	}
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?", name);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, sql, -1, &t->row, NULL);
	if (rc != SQLITE_OK || sqlite3_column_count(t->row) != t->n)
		return err_set(e, "读取表 %s 的结构失败：%s", name, sqlite3_errmsg(db));
	return 0;
}

static void disagree(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void disagree(struct table *t, const char *fmt, ...)
{
	if (t->bad++ == 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(t->first, sizeof t->first, fmt, ap);
		va_end(ap);
	}
}

static const char *shown(const unsigned char *v, char *buf, size_t n)
{
	if (v == NULL)
		return "（空）";
	text_safe((const char *)v, buf, n);
	return buf;
}

/* Compares the audited row now put together with the table's row. */
static int compare_row(struct table *t, struct err *e)
{
	sqlite3_bind_int64(t->row, 1, t->row_id);
	int rc = sqlite3_step(t->row);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		err_set(e, "读取表 %s 第 %lld 行失败：%s", t->name, (long long)t->row_id,
			sqlite3_errmsg(t->db));
		sqlite3_reset(t->row);
		return -1;
	}
	if (rc == SQLITE_DONE && t->exists)
		disagree(t, "第 %lld 行在审计日志中没有删除记录，但已不存在", (long long)t->row_id);
	if (rc == SQLITE_ROW && !t->exists)
		disagree(t, "第 %lld 行在审计日志中已删除，但还在", (long long)t->row_id);
	for (int i = 0; rc == SQLITE_ROW && t->exists && i < t->n; i++) {
		char vnum[32], a[64], b[64];
		const unsigned char *want, *got = sqlite3_column_text(t->row, i);
		if (strcmp(t->col[i], "id") == 0)
			continue;
		if (strcmp(t->col[i], "version") == 0) {
			snprintf(vnum, sizeof vnum, "%lld", (long long)t->version);
			want = (const unsigned char *)vnum;
		} else if (t->set[i]) {
			want = sqlite3_value_text(t->val[i]);
		} else {
			want = (const unsigned char *)t->dflt[i];
		}
		if ((want == NULL) != (got == NULL) ||
		    (want != NULL && strcmp((const char *)want, (const char *)got) != 0)) {
			disagree(t, "第 %lld 行的 %s 与审计日志不符（审计记录为“%s”，现在是“%s”）",
				 (long long)t->row_id, t->col[i], shown(want, a, sizeof a),
				 shown(got, b, sizeof b));
			break;
		}
	}
	sqlite3_reset(t->row);
	return 0;
}

static int column_of(const struct table *t, const char *key)
{
	for (int i = 0; key != NULL && i < t->n; i++)
		if (strcmp(t->col[i], key) == 0)
			return i;
	return -1;
}

/* One audit row (or one key of its after-image) folded into the row. */
static int fold(struct table *t, sqlite3_stmt *st, bool new_audit_row)
{
	const char *action = (const char *)sqlite3_column_text(st, 1);
	if (new_audit_row) {
		if (strcmp(action, "insert") == 0) {
			clear_values(t);
			t->exists = true;
			t->version = 1;
		} else if (strcmp(action, "update") == 0) {
			t->version++;
		} else {
			clear_values(t);
			t->exists = false;
		}
	}
	int c = column_of(t, (const char *)sqlite3_column_text(st, 2));
	if (c < 0)
		return 0;
	sqlite3_value_free(t->val[c]);
	t->val[c] = sqlite3_value_dup(sqlite3_column_value(st, 3));
	t->set[c] = true;
	return t->val[c] == NULL ? -1 : 0;
}

/* Every audit row of the table, by row then in order, folded; each row
 * compared when its audit rows end. */
static int replay(struct table *t, struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(t->db, "SELECT a.row_id, a.action, j.key, j.value, a.id "
				    "FROM audit_log a LEFT JOIN json_each(CASE WHEN a.action = 'delete' "
				    "THEN NULL ELSE a.after END) j WHERE a.tbl = ? ORDER BY a.row_id, a.id",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return err_set(e, "读取审计日志失败：%s", sqlite3_errmsg(t->db));
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	int64_t last_audit = -1;
	bool any = false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t row = sqlite3_column_int64(st, 0), audit = sqlite3_column_int64(st, 4);
		if (any && row != t->row_id && compare_row(t, e) != 0)
			break;
		if (!any || row != t->row_id) {
			t->row_id = row;
			t->exists = false;
			t->version = 0;
			clear_values(t);
		}
		any = true;
		if (fold(t, st, audit != last_audit) != 0) {
			err_set(e, "内存不足");
			break;
		}
		last_audit = audit;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return -1;	/* e is set */
	if (rc != SQLITE_DONE)
		return err_set(e, "读取审计日志失败：%s", sqlite3_errmsg(t->db));
	return any ? compare_row(t, e) : 0;
}

/* Rows with no audit row at all: written behind the program's back, or
 * their audit rows removed. */
static int unaudited(struct table *t, struct err *e)
{
	sqlite3_stmt *st;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT t.id FROM %s t WHERE NOT EXISTS (SELECT 1 FROM audit_log a "
		 "WHERE a.tbl = ? AND a.row_id = t.id) ORDER BY t.id", t->name);
	int rc = sqlite3_prepare_v2(t->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return err_set(e, "读取表 %s 失败：%s", t->name, sqlite3_errmsg(t->db));
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		disagree(t, "第 %lld 行没有任何审计记录（在程序之外写入，或它的审计记录被删除）",
			 (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : err_set(e, "读取表 %s 失败：%s", t->name, sqlite3_errmsg(t->db));
}

int verify_rows(struct store *s, verify_problem problem, void *ctx, struct err *e)
{
	char names[AUDIT_MAX_TABLES][64];
	int n;
	if (audit_tables(store_db(s), names, AUDIT_MAX_TABLES, &n, e) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct table *t = calloc(1, sizeof *t);
		if (t == NULL)
			return err_set(e, "内存不足");
		int rc = table_open(t, store_db(s), names[i], e);
		if (rc == 0)
			rc = replay(t, e);
		if (rc == 0)
			rc = unaudited(t, e);
		if (rc == 0 && t->bad > 0) {
			char msg[896];
			snprintf(msg, sizeof msg, "表 %s %s（共 %lld 行与审计日志不符）", t->name,
				 t->first, (long long)t->bad);
			problem(ctx, msg);
		}
		table_free(t);
		free(t);
		if (rc != 0)
			return -1;
	}
	return 0;
}
