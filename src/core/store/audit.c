#include "core/store/audit.h"

#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

/* Refuses nothing: that it exists at all is the guard. */
static void fn_guard(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_null(ctx);
}

void audit_forget(struct audit_chain *c)
{
	c->valid = false;
}

/* The last row below `below`: the previous link of a row with that id. */
static int load_head(sqlite3 *db, struct audit_chain *c, int64_t below, struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT id, hash FROM audit_log WHERE id < ? "
				    "ORDER BY id DESC LIMIT 1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return err_set(e, "读取审计日志失败：%s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, below);
	rc = sqlite3_step(st);
	c->id = 0;
	memset(c->hash, 0, sizeof c->hash);
	if (rc == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) != AUDIT_HASH_LEN) {
			sqlite3_finalize(st);
			return err_set(e, "审计日志第 %lld 条没有校验值（审计日志被改动过，请运行 jiuzhu check）",
				       (long long)c->id);
		}
		memcpy(c->hash, sqlite3_column_blob(st, 1), AUDIT_HASH_LEN);
	} else if (rc != SQLITE_DONE) {
		err_set(e, "读取审计日志失败：%s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	c->valid = true;
	return 0;
}

int audit_next_id(sqlite3 *db, struct audit_chain *c, int64_t *id, struct err *e)
{
	if (!c->valid && load_head(db, c, INT64_MAX, e) != 0)
		return -1;
	*id = c->id + 1;
	return 0;
}

/* Each column as its length (4 bytes, big-endian; all ones for NULL) and
 * its bytes, so no two different rows hash the same text. Nettle's
 * SHA-256 uses the processor's SHA instructions where it has them (six
 * times libsodium's portable one here): every write hashes its audit row. */
void audit_hash(const unsigned char prev[AUDIT_HASH_LEN], const struct audit_row *r,
		unsigned char out[AUDIT_HASH_LEN])
{
	struct sha256_ctx st;
	sha256_init(&st);
	sha256_update(&st, AUDIT_HASH_LEN, prev);
	for (int i = 0; i < 8; i++) {
		uint32_t n = r->v[i] == NULL ? 0xFFFFFFFFu : (uint32_t)r->len[i];
		unsigned char len[4] = { n >> 24, (n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF };
		sha256_update(&st, sizeof len, len);
		if (r->v[i] != NULL)
			sha256_update(&st, (size_t)r->len[i], r->v[i]);
	}
	sha256_digest(&st, AUDIT_HASH_LEN, out);
}

/* jz_chain(id, at, who, tbl, row_id, action, before, after): the row's
 * link, advancing the head. Only while the program writes an audit row
 * (or a migration hashes the old ones, in id order): a report's query
 * cannot move the head. */
static void fn_chain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct audit_chain *c = sqlite3_user_data(ctx);
	struct err e;
	int64_t id = sqlite3_value_int64(argv[0]);
	if (argc != 8 || !c->armed) {
		sqlite3_result_error(ctx, "jz_chain: only the program's audit writes may use it", -1);
		return;
	}
	if (!c->valid && load_head(sqlite3_context_db_handle(ctx), c, id, &e) != 0) {
		sqlite3_result_error(ctx, e.msg, -1);
		return;
	}
	if (id <= c->id) {
		sqlite3_result_error(ctx, "jz_chain: audit ids must rise", -1);
		return;
	}
	struct audit_row r;
	for (int i = 0; i < 8; i++) {
		r.v[i] = sqlite3_value_type(argv[i]) == SQLITE_NULL ? NULL : sqlite3_value_text(argv[i]);
		r.len[i] = sqlite3_value_bytes(argv[i]);
	}
	audit_hash(c->hash, &r, c->hash);
	c->id = id;
	sqlite3_result_blob(ctx, c->hash, AUDIT_HASH_LEN, SQLITE_TRANSIENT);
}

int audit_register(sqlite3 *db, struct audit_chain *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	/* jz_guard is called from triggers; jz_chain only from the program's
	 * own statements, never from a trigger or view someone planted. */
	if (sqlite3_create_function(db, "jz_guard", 0, SQLITE_UTF8, NULL, fn_guard, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "jz_chain", 8, SQLITE_UTF8 | SQLITE_DIRECTONLY, c,
				    fn_chain, NULL, NULL) != SQLITE_OK)
		return err_set(e, "无法注册审计函数：%s", sqlite3_errmsg(db));
	return 0;
}

bool audit_chained(sqlite3 *db)
{
	sqlite3_stmt *st;
	bool yes = false;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'hash'",
			       -1, &st, NULL) == SQLITE_OK)
		yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/* ---- the triggers ---- */

static const char *const audit_log_triggers[][2] = {
	{ "audit_log_no_update", "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
	  "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END" },
	{ "audit_log_no_delete", "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
	  "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END" },
	{ "audit_log_append", "CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log "
	  "WHEN NEW.id IS NULL OR NEW.hash IS NULL OR NEW.id <= (SELECT max(id) FROM audit_log) "
	  "BEGIN SELECT RAISE(ABORT, 'audit_log: only new rows above the last, with their hash'); END" },
};

static const char *const guarded_ops[] = { "insert", "update", "delete" };

static bool plain_name(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool has_trigger(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st;
	bool yes = false;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		yes = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return yes;
}

static int create(sqlite3 *db, const char *name, const char *sql, int *created, struct err *e)
{
	if (has_trigger(db, name))
		return 0;
	(*created)++;
	if (sql == NULL)
		return 0;	/* only counting */
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return err_set(e, "无法建立审计保护触发器 %s：%s", name, sqlite3_errmsg(db));
	return 0;
}

/* The three guard triggers of one table. */
static int guard_table(sqlite3 *db, const char *table, bool count_only, int *created,
		       struct err *e)
{
	for (int i = 0; i < 3; i++) {
		char name[128], sql[384];
		snprintf(name, sizeof name, "jz_guard_%s_%s", table, guarded_ops[i]);
		snprintf(sql, sizeof sql, "CREATE TRIGGER %s BEFORE %s ON %s BEGIN SELECT jz_guard(); END",
			 name, guarded_ops[i], table);
		if (create(db, name, count_only ? NULL : sql, created, e) != 0)
			return -1;
	}
	return 0;
}

int audit_tables(sqlite3 *db, char names[][64], int max, int *n, struct err *e)
{
	sqlite3_stmt *st;
	*n = 0;
	int rc = sqlite3_prepare_v2(db, "SELECT m.name FROM sqlite_schema m WHERE m.type = 'table' "
				    "AND m.name NOT LIKE 'sqlite_%' AND EXISTS (SELECT 1 FROM "
				    "pragma_table_info(m.name) WHERE name = 'version') ORDER BY m.name",
				    -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		rc = SQLITE_OK;
		if (*n == max) {
			sqlite3_finalize(st);
			return err_set(e, "数据库中的表太多（超过 %d 个）", max);
		}
		if (t != NULL && strlen(t) < 64 && plain_name(t))
			snprintf(names[(*n)++], 64, "%s", t);
	}
	if (rc != SQLITE_DONE) {
		err_set(e, "读取数据库结构失败：%s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* count_only: counts what is missing, creates nothing. */
static int protect(sqlite3 *db, bool count_only, int *created, struct err *e)
{
	char tables[AUDIT_MAX_TABLES][64];
	int n;
	*created = 0;
	if (audit_tables(db, tables, AUDIT_MAX_TABLES, &n, e) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (guard_table(db, tables[i], count_only, created, e) != 0)
			return -1;
	if (guard_table(db, "audit_log", count_only, created, e) != 0)
		return -1;
	for (size_t i = 0; i < sizeof audit_log_triggers / sizeof audit_log_triggers[0]; i++)
		if (create(db, audit_log_triggers[i][0], count_only ? NULL : audit_log_triggers[i][1],
			   created, e) != 0)
			return -1;
	return 0;
}

int audit_unguard(sqlite3 *db, struct err *e)
{
	char tables[AUDIT_MAX_TABLES + 1][64], sql[256];
	int n;
	if (audit_tables(db, tables, AUDIT_MAX_TABLES, &n, e) != 0)
		return -1;
	snprintf(tables[n++], 64, "audit_log");
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 3; k++) {
			snprintf(sql, sizeof sql, "DROP TRIGGER IF EXISTS jz_guard_%s_%s", tables[i],
				 guarded_ops[k]);
			if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
				return err_set(e, "无法暂停审计保护触发器：%s", sqlite3_errmsg(db));
		}
	if (sqlite3_exec(db, "DROP TRIGGER IF EXISTS audit_log_append", NULL, NULL, NULL) != SQLITE_OK)
		return err_set(e, "无法暂停审计保护触发器：%s", sqlite3_errmsg(db));
	return 0;
}

int audit_missing(sqlite3 *db, int *missing, struct err *e)
{
	return protect(db, true, missing, e);
}

int audit_protect(sqlite3 *db, int *created, struct err *e)
{
	return protect(db, false, created, e);
}
