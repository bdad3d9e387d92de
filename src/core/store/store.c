#include "core/store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store/audit.h"
#include "core/store/checks.h"

/* Generated from src/core/store/migrations/NNNN-*.sql: element i brings the schema
 * from version i to version i + 1. */
extern const char *const store_migrations[];
extern const size_t store_n_migrations;

#define STMT_CACHE 64

struct cached_stmt {
	char *sql;		/* owned */
	uint32_t hash;		/* of sql: most lookups never reach strcmp */
	sqlite3_stmt *stmt;
	unsigned long last_use;
};

/* Prepared INSERT + audit statements of one (table, columns) shape, so a
 * bulk load does not build and look up SQL text for every row. */
#define INSERT_CACHE 32
#define INSERT_MAX_COLS 48

struct insert_shape {
	char table[32];
	char cols[INSERT_MAX_COLS][32];
	int n;
	sqlite3_stmt *insert, *audit;
};

struct store {
	sqlite3 *db;
	enum store_mode mode;	/* the store's own journal, not the configuration's */
	struct audit_chain chain;
	bool chained;		/* audit_log has its hash column */
	int guards_restored;	/* protecting triggers found missing and put back */
	enum store_bulk bulk;
	bool fresh;		/* this connection made the file */
	bool filling;		/* a fresh store filled under a rollback journal */
	unsigned once;		/* store_first_time bits */
	struct insert_shape shapes[INSERT_CACHE];
	int n_shapes;
	char now[32];		/* audit timestamp, rebuilt once a second */
	time_t now_at;
	char *path;
	char user[64];
	struct store_actor actor;
	int busy_timeout_ms;
	bool in_tx;
	struct cached_stmt cache[STMT_CACHE];
	unsigned long clock;
	char *json;		/* an inserted row as JSON (row_json); owned */
	size_t json_len, json_cap;
};

int store_latest_version(void)
{
	return (int)store_n_migrations;
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

void store_set_user(struct store *s, const char *who)
{
	snprintf(s->user, sizeof s->user, "%s", who != NULL && *who ? who : "system");
}

const char *store_user(const struct store *s)
{
	return s->user;
}

void store_set_actor(struct store *s, const struct store_actor *a)
{
	s->actor = *a;
}

const struct store_actor *store_actor(const struct store *s)
{
	return &s->actor;
}

struct store_actor store_program_begin(struct store *s)
{
	struct store_actor saved = s->actor;
	s->actor = (struct store_actor){ .roles = 0 };
	return saved;
}

void store_program_end(struct store *s, const struct store_actor *saved)
{
	s->actor = *saved;
}

/* The one write path refuses whoever may only read (supervisors, and
 * anyone without a role), whatever screen or command asked. */
static int refuse_reader(const struct store *s, const char *table, struct err *e)
{
	if (!s->actor.read_only)
		return 0;
	return err_set(e, "当前用户（%s）只能查阅，不能修改数据（%s）", s->user, table);
}

bool store_in_transaction(const struct store *s)
{
	return s->in_tx;
}

/* Turns a SQLite result code into a message a clerk can act on. */
int store_step_error(struct store *s, int rc, struct err *e)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, "数据库正被其他用户占用，请稍后再试（%s）", s->path);
	case SQLITE_CONSTRAINT:
		if (strstr(sqlite3_errmsg(s->db), "UNIQUE") != NULL)
			return err_set(e, "记录重复：%s", sqlite3_errmsg(s->db));
		if (strstr(sqlite3_errmsg(s->db), "FOREIGN KEY") != NULL)
			return err_set(e, "引用的记录不存在（外键约束）");
		return err_set(e, "数据不符合约束：%s", sqlite3_errmsg(s->db));
	case SQLITE_FULL:
		return err_set(e, "磁盘已满，无法写入数据库 %s", s->path);
	case SQLITE_READONLY:
		return err_set(e, "数据库 %s 是只读的，无法写入", s->path);
	case SQLITE_CANTOPEN:
		return err_set(e, "无法打开数据库 %s", s->path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, "数据库文件 %s 已损坏或不是数据库", s->path);
	case SQLITE_IOERR:
		return err_set(e, "读写数据库 %s 时出错（磁盘或网络共享故障）", s->path);
	default:
		return err_set(e, "数据库错误：%s", sqlite3_errmsg(s->db));
	}
}

int store_rows_end(struct store *s, sqlite3_stmt *st, int rc, struct err *e)
{
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	store_step_error(s, rc, e);	/* before the reset: it reads the message */
	sqlite3_reset(st);
	return -1;
}

int store_row(struct store *s, sqlite3_stmt *st, const char *missing, int64_t id, struct err *e)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 0;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_step_error(s, rc, e);
	return err_set(e, missing, (long long)id);
}

static int exec_sql(struct store *s, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_step_error(s, rc, e);
}

int store_create_file(const char *path, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0660);
	if (fd < 0)
		return errno == EEXIST ? 0 : err_set(e, "无法创建文件 %s：%s", path, strerror(errno));
	int rc = fchmod(fd, 0660);	/* whatever the umask took away */
	int err = errno;
	close(fd);
	if (rc != 0) {
		unlink(path);
		return err_set(e, "无法设置文件 %s 的权限：%s", path, strerror(err));
	}
	return 0;
}

/* One value of a pragma, as text; "" when there is none. */
static int pragma_text(struct store *s, const char *sql, char *out, size_t n, struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	*out = '\0';
	if (rc == SQLITE_ROW)
		store_col_text(st, 0, out, n);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

/* The header's application_id while a new store is being filled
 * ("JZfl"). */
#define FILLING_ID "1247438444"

/* The journal mode belongs to the store: SQLite records WAL in the file's
 * header, so it is chosen once, when the store is new (by init, or a test),
 * and every later connection only reads it. A mode switched per connection
 * made one PC's configuration fail another's commands at once: a switch
 * does not wait for the busy timeout. WAL keeps readers and one writer
 * apart on one host; over a network share its shared-memory index is
 * unsafe, so `shared` stores use a rollback journal. */
static int journal_setup(struct store *s, enum store_mode wanted, struct err *e)
{
	char v[32];
	if (pragma_text(s, "PRAGMA page_count", v, sizeof v, e) != 0)
		return -1;
	if (strcmp(v, "0") == 0) {
		/* 16 KiB pages make a county-sized store's b-trees shallower
		 * (measured: demo load 17% faster). */
		if (exec_sql(s, wanted == STORE_LOCAL ? "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;"
			     : "PRAGMA page_size = 16384; PRAGMA journal_mode = DELETE;", e) != 0)
			return -1;
		s->fresh = true;
	}
	/* A new local store whose first load was cut short (see fill_alone):
	 * the load rolled back, and the store gets its WAL now. */
	if (pragma_text(s, "PRAGMA application_id", v, sizeof v, e) != 0)
		return -1;
	if (strcmp(v, FILLING_ID) == 0 &&
	    exec_sql(s, "PRAGMA journal_mode = WAL; PRAGMA application_id = 0;", e) != 0)
		return -1;
	if (pragma_text(s, "PRAGMA journal_mode", v, sizeof v, e) != 0)
		return -1;
	s->mode = strcmp(v, "wal") == 0 ? STORE_LOCAL : STORE_SHARED;
	return exec_sql(s, s->mode == STORE_LOCAL ? "PRAGMA synchronous = NORMAL;"
			: "PRAGMA synchronous = FULL;", e);
}

int store_open(const char *path, enum store_mode mode, int busy_timeout_ms,
	       struct store **out, struct err *e)
{
	static bool configured;
	if (!configured) {
		/* Before SQLite's first use: no global allocation statistics
		 * (a mutex on every malloc; SQLite's sorting threads allocate
		 * through malloc, which has its own). */
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = true;
	}
	struct store *s = calloc(1, sizeof *s);
	if (s == NULL)
		return err_set(e, "内存不足");
	s->path = strdup(path);
	s->busy_timeout_ms = busy_timeout_ms;
	s->mode = mode;
	store_set_user(s, NULL);
	if (s->path == NULL || store_create_file(path, e) != 0) {
		if (s->path == NULL)
			err_set(e, "内存不足");
		free(s->path);
		free(s);
		return -1;
	}
	s->actor = (struct store_actor){ .roles = ~0u };
	int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, "无法打开数据库 %s：%s", path, s->db ? sqlite3_errmsg(s->db) : "内存不足");
		store_close(s);
		return -1;
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, busy_timeout_ms);
	/* No extension is ever loaded, whatever a query asks. */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	if (audit_register(s->db, &s->chain, e) != 0 ||
	    exec_sql(s, "PRAGMA foreign_keys = ON;", e) != 0 || journal_setup(s, mode, e) != 0) {
		err_prefix(e, "打开数据库 %s：", path);
		store_close(s);
		return -1;
	}
	/* Fail now, not at the first write, if the file is not a database. */
	int v;
	if (store_version(s, &v, e) != 0) {
		store_close(s);
		return -1;
	}
	s->chained = audit_chained(s->db);
	*out = s;
	return 0;
}

int store_busy_timeout(const struct store *s)
{
	return s->busy_timeout_ms;
}

enum store_mode store_journal(const struct store *s)
{
	return s->mode;
}

int store_guards_restored(const struct store *s)
{
	return s->guards_restored;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < STMT_CACHE; i++) {
		sqlite3_finalize(s->cache[i].stmt);
		free(s->cache[i].sql);
	}
	for (int i = 0; i < s->n_shapes; i++) {
		sqlite3_finalize(s->shapes[i].insert);
		sqlite3_finalize(s->shapes[i].audit);
	}
	if (s->in_tx)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(s->db);
	free(s->json);
	free(s->path);
	free(s);
}

/* The audit log's index is dropped for a bulk load and built once after
 * it (one sort instead of a random insert per row). */
#define AUDIT_INDEX "CREATE INDEX IF NOT EXISTS audit_row ON audit_log(tbl, row_id);"

/* SQLite's sorter sorts runs as large as the page cache before merging
 * them: runs of a few MiB stay in the processor's cache. A county demo
 * store's 1.7 million search keys: 2.5 s with a bulk load's 64 MiB cache,
 * 1.5 s with 2 MiB. A second thread sorts runs too: 0.7x the time, for a
 * few MiB more (so only here: an export must stay under 16 MB). The cache
 * size is put back afterwards. */
int store_build_index(struct store *s, const char *create_index, struct err *e)
{
	int64_t cache;
	char restore[64];
	if (store_query_int(s, &cache, e, "PRAGMA cache_size", "") != 0)
		return -1;
	snprintf(restore, sizeof restore, "PRAGMA cache_size = %lld; PRAGMA threads = 0;",
		 (long long)cache);
	if (exec_sql(s, "PRAGMA cache_size = -2048; PRAGMA threads = 2;", e) != 0)
		return -1;
	int rc = exec_sql(s, create_index, e);
	struct err ignore;
	if (exec_sql(s, restore, rc == 0 ? e : &ignore) != 0)
		return -1;
	return rc;
}

static int protect(struct store *s, bool was_latest, struct err *e);

/* A store this connection has just made, and nobody else has opened, is
 * filled (init --demo) under an exclusive lock with a rollback journal:
 * SQLite journals no page that is new to the file, so each page is written
 * once, not to the WAL and then again into the file at the checkpoint
 * (a county's demo store 0.77x the time, paired runs). Nobody else can be
 * running commands on it, whom a switch would fail. The marker in the
 * header tells the next opening, should the load be cut short, to give
 * the store its WAL back (journal_setup); the load itself rolls back. */
static int fill_alone(struct store *s, struct err *e)
{
	char v[32];
	struct err busy;
	if (!s->fresh || s->mode != STORE_LOCAL)
		return 0;
	if (exec_sql(s, "PRAGMA locking_mode = EXCLUSIVE;", e) != 0)
		return -1;
	if (pragma_text(s, "PRAGMA journal_mode = DELETE", v, sizeof v, &busy) != 0 ||
	    strcmp(v, "delete") != 0)	/* opened meanwhile: the WAL stays */
		return exec_sql(s, "PRAGMA journal_mode = WAL; PRAGMA locking_mode = NORMAL;", e);
	s->filling = true;
	return exec_sql(s, "PRAGMA application_id = " FILLING_ID ";", e);
}

/* The end of fill_alone: the store's WAL, then the marker cleared. A WAL
 * entered under an exclusive lock keeps it until the connection closes,
 * which init does at once. */
static int filled(struct store *s, struct err *e)
{
	char v[32];
	if (!s->filling)
		return 0;
	s->filling = false;
	if (pragma_text(s, "PRAGMA journal_mode = WAL", v, sizeof v, e) != 0)
		return -1;
	if (strcmp(v, "wal") != 0)
		return err_set(e, "无法把新数据库 %s 设为 WAL 日志方式（%s）", s->path, v);
	return exec_sql(s, "PRAGMA application_id = 0;", e);
}

/* The page cache of a shared bulk load, in KiB: enough for the ID number
 * index of 300,000 persons (about 30 bytes each) and the append points of
 * the other tables. SQLite's sorter (building the search keys) takes as
 * much again, and importing 300,000 persons must stay under 64 MB. */
#define BULK_CACHE_KIB "16384"

int store_bulk(struct store *s, enum store_bulk mode, struct err *e)
{
	if (s->in_tx)
		return err_set(e, "内部错误：事务中不能切换批量模式");
	enum store_bulk was = s->bulk;
	s->bulk = mode;
	/* The journal mode stays the store's (but see fill_alone): switching
	 * it here failed other users' commands at once while init --demo ran.
	 * Either way the load's own transaction lifts the guard triggers
	 * (store_begin) and puts them back before it commits; the audit chain
	 * is computed all along. Alone, the foreign keys are lifted too, each
	 * a lookup of the parent row (0.82x the time, paired): the generator's
	 * rows are checked by `jiuzhu check` (foreign_key_check) in its tests.
	 * The CHECK constraints stay: worded without IN lists (migration 0014)
	 * they cost nothing measurable. */
	if (mode == BULK_SHARED)
		return exec_sql(s, "PRAGMA cache_size = -" BULK_CACHE_KIB ";", e);
	if (mode == BULK_ALONE)
		return fill_alone(s, e) != 0 ||
		       exec_sql(s, "PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF; "
				"DROP INDEX IF EXISTS audit_row;", e) != 0 ? -1 : 0;
	if (was != BULK_ALONE)
		return exec_sql(s, "PRAGMA cache_size = -2000;", e);
	if (exec_sql(s, "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON;", e) != 0 ||
	    store_build_index(s, AUDIT_INDEX, e) != 0)
		return -1;
	return filled(s, e);
}

bool store_first_time(struct store *s, unsigned bit)
{
	bool first = !(s->once & bit);
	s->once |= bit;
	return first;
}

bool store_bulk_active(const struct store *s)
{
	return s->bulk != BULK_OFF;
}

int store_version(struct store *s, int *version, struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_step_error(s, rc, e);
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/* A migration that rebuilds a table (SQLite cannot add a CHECK with ALTER
 * TABLE) starts with this line. Foreign keys are then switched off around
 * it: dropping a parent table with them on deletes the table's rows one by
 * one through its children's constraints, and the pragma is a no-op inside
 * the migration's transaction, so it must be set before BEGIN. */
#define FK_OFF_MARK "-- needs: foreign_keys off\n"

static bool needs_fk_off(const char *sql)
{
	return strncmp(sql, FK_OFF_MARK, strlen(FK_OFF_MARK)) == 0;
}

/* A migration that edits the text of the stored CREATE statements (only
 * in ways SQLite documents as safe: a CHECK's wording) runs with
 * writable_schema on, and the schema version bumped after it so that
 * every connection reads the schema again. */
#define WRITABLE_MARK "-- needs: writable schema\n"

static int writable_begin(struct store *s, const char *sql, int64_t *version, struct err *e)
{
	if (strncmp(sql, WRITABLE_MARK, strlen(WRITABLE_MARK)) != 0)
		return 0;
	if (checks_register(s->db) != 0)
		return err_set(e, "内部错误：无法注册结构升级函数");
	if (store_query_int(s, version, e, "PRAGMA schema_version", "") != 0)
		return -1;
	return exec_sql(s, "PRAGMA writable_schema = ON;", e);
}

static int writable_end(struct store *s, int64_t version, struct err *e)
{
	char sql[96];
	if (version < 0)
		return 0;
	snprintf(sql, sizeof sql, "PRAGMA schema_version = %lld; PRAGMA writable_schema = OFF;",
		 (long long)version + 1);
	/* The new text is parsed before the commit (a bad one is "malformed
	 * database schema", and the migration rolls back). */
	return exec_sql(s, sql, e) != 0 ? -1 : exec_sql(s, "SELECT count(*) FROM sqlite_schema;", e);
}

/* With foreign keys off nothing stopped a dangling reference: look for one
 * before committing. */
static int check_foreign_keys(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		err_set(e, "表 %s 第 %lld 行引用的 %s 记录不存在（外键检查未通过）",
			(const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
			(const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return -1;
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

/* Brings the file from version v to v + 1 in one transaction. */
static int migrate_one(struct store *s, int v, struct err *e)
{
	char pragma[64];
	const char *sql = store_migrations[v];
	bool fk_off = needs_fk_off(sql);
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
	int64_t schema = -1;
	if (store_begin(s, e) != 0)
		return -1;
	s->chain.armed = true;	/* a migration may hash the audit rows */
	int rc = writable_begin(s, sql, &schema, e);
	if (rc == 0)
		rc = exec_sql(s, sql, e);
	if (rc == 0)
		rc = writable_end(s, schema, e);
	s->chain.armed = false;
	if (rc != 0 || exec_sql(s, pragma, e) != 0 ||
	    (fk_off && check_foreign_keys(s, e) != 0)) {
		if (schema >= 0)
			exec_sql(s, "PRAGMA writable_schema = OFF;", &(struct err){ 0 });
		store_rollback(s);
		return err_prefix(e, "升级数据库结构到版本 %d 失败：", v + 1);
	}
	return store_commit(s, e);
}

/* The statements of a schema before a migration may not fit the one after
 * it (the audit log's hash column): prepare them again. */
static void forget_statements(struct store *s)
{
	for (int i = 0; i < s->n_shapes; i++) {
		sqlite3_finalize(s->shapes[i].insert);
		sqlite3_finalize(s->shapes[i].audit);
	}
	s->n_shapes = 0;
	s->chained = audit_chained(s->db);
}

int store_migrate_to(struct store *s, int target, struct err *e)
{
	int v;
	if (store_version(s, &v, e) != 0)
		return -1;
	if (v > store_latest_version())
		return err_set(e, "数据库 %s 的结构版本为 %d，比本程序支持的 %d 新，请升级 jiuzhu",
			       s->path, v, store_latest_version());
	for (; v < target; v++) {
		bool fk_off = needs_fk_off(store_migrations[v]);
		if (fk_off && exec_sql(s, "PRAGMA foreign_keys = OFF", e) != 0)
			return -1;
		int rc = migrate_one(s, v, e);
		/* Back on whatever happened: the connection stays in use. */
		if (fk_off && sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK &&
		    rc == 0)
			return err_set(e, "无法重新打开外键检查：%s", sqlite3_errmsg(s->db));
		forget_statements(s);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Puts back any protecting trigger that is missing: on a new or migrated
 * store all of them; on one already up to date, only those dropped behind
 * the program's back, which `check` then reports. */
static int protect(struct store *s, bool was_latest, struct err *e)
{
	int missing, created;
	if (audit_missing(s->db, &missing, e) != 0)
		return -1;
	if (missing == 0)
		return 0;
	/* Someone holds the store (a bulk load running): the next opening
	 * puts them back. */
	if (store_begin(s, e) != 0)
		return was_latest ? 0 : -1;
	if (audit_protect(s->db, &created, e) != 0) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, e) != 0)
		return -1;
	if (was_latest)
		s->guards_restored += created;
	return 0;
}

int store_migrate(struct store *s, struct err *e)
{
	int v;
	if (store_version(s, &v, e) != 0 || store_migrate_to(s, store_latest_version(), e) != 0 ||
	    protect(s, v == store_latest_version(), e) != 0)
		return -1;
	/* A bulk load that was cut short may have left it dropped. */
	return exec_sql(s, AUDIT_INDEX, e);
}

/* A bulk load's transaction lifts the guard triggers and store_commit
 * puts them back before it commits: DDL is part of the transaction, so no
 * other connection ever sees the store without them, and a load cut short
 * (killed, power lost) rolls back with them in place.
 * A write to a table with a trigger takes a statement journal, a copy of
 * every page it touches: with them, importing 100,000 persons copied
 * 10 GB. */
static int unguard_in_tx(struct store *s, struct err *e)
{
	if (audit_unguard(s->db, e) == 0)
		return 0;
	store_rollback(s);
	return -1;
}

/* BEGIN IMMEDIATE takes the write lock at once, so two writers never both
 * read and then deadlock on upgrade. On a network share it can itself report
 * BUSY after the busy timeout: retry until the timeout has really passed. */
int store_begin(struct store *s, struct err *e)
{
	if (s->in_tx)
		return err_set(e, "内部错误：事务已开始");
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			s->in_tx = true;
			audit_forget(&s->chain);	/* others may have written */
			return s->bulk != BULK_OFF ? unguard_in_tx(s, e) : 0;
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		long ms = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || ms >= s->busy_timeout_ms)
			return store_step_error(s, rc, e);
		usleep(20000);
	}
}

int store_commit(struct store *s, struct err *e)
{
	if (!s->in_tx)
		return err_set(e, "内部错误：没有进行中的事务");
	int created;
	if (s->bulk != BULK_OFF && audit_protect(s->db, &created, e) != 0) {
		store_rollback(s);
		return -1;
	}
	int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		store_step_error(s, rc, e);
		store_rollback(s);
		return -1;
	}
	s->in_tx = false;
	return 0;
}

void store_rollback(struct store *s)
{
	if (s->in_tx)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = false;
	audit_forget(&s->chain);
}

/* Prepared statements are cached by their SQL text; when the cache is
 * full the least recently used one that no caller is stepping is
 * finalized (a loop's statement is never taken from under it). */
static uint32_t sql_hash(const char *sql)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static int prepare_cached(struct store *s, const char *sql, sqlite3_stmt **out,
			  struct err *e)
{
	int victim = -1;
	uint32_t h = sql_hash(sql);
	s->clock++;
	for (int i = 0; i < STMT_CACHE; i++) {
		struct cached_stmt *c = &s->cache[i];
		if (c->sql != NULL && c->hash == h && strcmp(c->sql, sql) == 0) {
			c->last_use = s->clock;
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			*out = c->stmt;
			return 0;
		}
		if (!sqlite3_stmt_busy(c->stmt) &&
		    (victim < 0 || c->last_use < s->cache[victim].last_use))
			victim = i;
	}
	if (victim < 0)
		return err_set(e, "内部错误：同时使用的查询超过 %d 个", STMT_CACHE);
	struct cached_stmt *c = &s->cache[victim];
	sqlite3_stmt *st;
	char *copy = strdup(sql);
	if (copy == NULL)
		return err_set(e, "内存不足");
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		free(copy);
		return err_set(e, "内部错误：SQL 语句无效（%s）：%s", sqlite3_errmsg(s->db), sql);
	}
	sqlite3_finalize(c->stmt);
	free(c->sql);
	c->sql = copy;
	c->hash = h;
	c->stmt = st;
	c->last_use = s->clock;
	*out = st;
	return 0;
}

static int bind_args(struct store *s, sqlite3_stmt *st, const char *types,
		     va_list ap, struct err *e)
{
	int rc = SQLITE_OK;
	for (int i = 0; types != NULL && types[i] != '\0' && rc == SQLITE_OK; i++) {
		const char *str;
		switch (types[i]) {
		case 'i':
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			break;
		case 'd':
			rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 's':
			str = va_arg(ap, const char *);
			rc = str != NULL ? sqlite3_bind_text(st, i + 1, str, -1, SQLITE_TRANSIENT)
					 : sqlite3_bind_null(st, i + 1);
			break;
		case 'n':
			rc = sqlite3_bind_null(st, i + 1);
			break;
		default:
			return err_set(e, "内部错误：未知的参数类型 %c", types[i]);
		}
	}
	return rc == SQLITE_OK ? 0 : store_step_error(s, rc, e);
}

int store_query(struct store *s, sqlite3_stmt **out, struct err *e,
		const char *sql, const char *types, ...)
{
	if (prepare_cached(s, sql, out, e) != 0)
		return -1;
	va_list ap;
	va_start(ap, types);
	int rc = bind_args(s, *out, types, ap, e);
	va_end(ap);
	return rc;
}

int store_query_int(struct store *s, int64_t *out, struct err *e,
		    const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	if (prepare_cached(s, sql, &st, e) != 0)
		return -1;
	va_list ap;
	va_start(ap, types);
	int rc = bind_args(s, st, types, ap, e);
	va_end(ap);
	if (rc != 0)
		return -1;
	*out = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

void store_col_text(sqlite3_stmt *st, int i, char *out, size_t n)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	snprintf(out, n, "%s", t != NULL ? t : "");
}

date_t store_col_date(sqlite3_stmt *st, int i)
{
	date_t d;
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t != NULL && date_parse(t, &d) == 0 ? d : DATE_NONE;
}

/* Column names are program constants, never user input; still, refuse
 * anything that is not a plain identifier before it reaches SQL text. */
static bool is_identifier(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static int bind_field(sqlite3_stmt *st, int idx, const struct field *f)
{
	switch (f->type) {
	case VAL_INT:
		return sqlite3_bind_int64(st, idx, f->i);
	case VAL_TEXT:
		if (f->s != NULL)
			return sqlite3_bind_text(st, idx, f->s, -1, SQLITE_STATIC);
		return sqlite3_bind_null(st, idx);
	default:
		return sqlite3_bind_null(st, idx);
	}
}

struct sqlbuf {
	char buf[4096];
	size_t len;
	bool overflow;
};

static void sb_add(struct sqlbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void sb_add(struct sqlbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->buf + b->len, sizeof b->buf - b->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof b->buf - b->len)
		b->overflow = true;
	else
		b->len += (size_t)n;
}

static int check_write(struct store *s, const char *table, const struct field *f,
		       int n, struct err *e)
{
	if (refuse_reader(s, table, e) != 0)
		return -1;
	if (!s->in_tx)
		return err_set(e, "内部错误：写入 %s 必须在事务中进行", table);
	if (!is_identifier(table))
		return err_set(e, "内部错误：表名 %s 无效", table);
	for (int i = 0; i < n; i++)
		if (!is_identifier(f[i].col) || strcmp(f[i].col, "version") == 0 ||
		    strcmp(f[i].col, "id") == 0)
			return err_set(e, "内部错误：列名 %s 无效", f[i].col);
	return 0;
}

static const char *now_text(struct store *s)
{
	time_t t = time(NULL);
	if (t != s->now_at) {
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(s->now, sizeof s->now, "%Y-%m-%d %H:%M:%S", &tm);
		s->now_at = t;
	}
	return s->now;
}

/* json_object('col', ?N, …) with the fields' values bound from ?first. */
static void sb_json_params(struct sqlbuf *b, const struct field *f, int n, int first)
{
	sb_add(b, "json_object(");
	for (int i = 0; i < n; i++)
		sb_add(b, "%s'%s', ?%d", i ? ", " : "", f[i].col, first + i);
	sb_add(b, ")");
}

/* json_object('col', col, …, 'version', version): a row's values now. */
static void sb_json_cols(struct sqlbuf *b, const struct field *f, int n)
{
	sb_add(b, "json_object(");
	for (int i = 0; i < n; i++)
		sb_add(b, "%s'%s', %s", i ? ", " : "", f[i].col, f[i].col);
	sb_add(b, ", 'version', version)");
}

static bool json_room(struct store *s, size_t more)
{
	if (s->json_len + more < s->json_cap)
		return true;
	size_t cap = s->json_cap ? s->json_cap : 1024;
	while (cap <= s->json_len + more)
		cap *= 2;
	char *p = realloc(s->json, cap);
	if (p == NULL)
		return false;
	s->json = p;
	s->json_cap = cap;
	return true;
}

/* A string as json_object() quotes it (SQLite's jsonAppendString). */
static void json_string(struct store *s, const char *v)
{
	static const char special[32] = { ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n',
					  ['\f'] = 'f', ['\r'] = 'r' };
	char *o = s->json + s->json_len;
	*o++ = '"';
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			*o++ = '\\';
		} else if (c <= 0x1f && special[c]) {
			*o++ = '\\';
			c = (unsigned char)special[c];
		} else if (c <= 0x1f) {
			memcpy(o, "\\u00", 4);
			o += 4;
			*o++ = (char)('0' + (c >> 4));
			c = (unsigned char)"0123456789abcdef"[c & 0xf];
		}
		*o++ = (char)c;
	}
	*o++ = '"';
	s->json_len = (size_t)(o - s->json);
}

/* The inserted row's values as json_object('col', value, …) writes them,
 * made here once: the audit statement needs them twice (the after text and
 * its hash), and SQL would build the object twice. NULL if out of memory. */
static const char *row_json(struct store *s, const struct field *f, int n)
{
	s->json_len = 0;
	for (int i = 0; i < n; i++) {
		/* The worst case: every byte of the value escaped as \u00XX. */
		size_t need = strlen(f[i].col) + 32 +
			      (f[i].type == VAL_TEXT && f[i].s != NULL ? 6 * strlen(f[i].s) : 0);
		if (!json_room(s, need))
			return NULL;
		s->json[s->json_len++] = i ? ',' : '{';
		json_string(s, f[i].col);
		s->json[s->json_len++] = ':';
		if (f[i].type == VAL_INT)
			s->json_len += (size_t)sprintf(s->json + s->json_len, "%lld", (long long)f[i].i);
		else if (f[i].type == VAL_TEXT && f[i].s != NULL)
			json_string(s, f[i].s);
		else
			s->json_len += (size_t)sprintf(s->json + s->json_len, "null");
	}
	if (!json_room(s, 2))
		return NULL;
	if (n == 0)
		s->json[s->json_len++] = '{';
	s->json[s->json_len++] = '}';
	s->json[s->json_len] = '\0';
	return s->json;
}

/* The audit row of one write: ?1 the time, ?2 who, ?`id` its id; row_id,
 * before and after are SQL expressions, `from` what they are read from.
 * Its hash (jz_chain) links it to the row before. A store not yet migrated
 * to the chain has no id and hash to give. */
static void sb_audit(struct sqlbuf *b, const struct store *s, const char *table,
		     const char *action, const char *row_id, const char *before,
		     const char *after, int id, const char *from)
{
	/* Without a FROM, one row of VALUES: SQLite opens a statement journal
	 * for INSERT … SELECT (it may write many rows), copying the audit
	 * log's last page for each row of a bulk load. */
	sb_add(b, "INSERT INTO audit_log(at, who, tbl, row_id, action, before, after%s) "
	       "%s ?1, ?2, '%s', %s, '%s', %s, %s", s->chained ? ", id, hash" : "",
	       *from ? "SELECT" : "VALUES (", table, row_id, action, before, after);
	if (s->chained)
		sb_add(b, ", ?%d, jz_chain(?%d, ?1, ?2, '%s', %s, '%s', %s, %s)", id, id, table,
		       row_id, action, before, after);
	sb_add(b, "%s", *from ? " " : ")");
	sb_add(b, "%s", from);
}

/* Steps an audit statement whose id is bound at ?id_param: the chain's
 * head is read if this transaction has not read it, and forgotten if the
 * step fails (jz_chain may have moved it). */
static int run_audit(struct store *s, sqlite3_stmt *st, int id_param, struct err *e)
{
	if (s->chained) {
		int64_t id;
		if (audit_next_id(s->db, &s->chain, &id, e) != 0)
			return -1;
		sqlite3_bind_int64(st, id_param, id);
	}
	s->chain.armed = true;
	int rc = sqlite3_step(st);
	s->chain.armed = false;
	if (rc != SQLITE_DONE)
		audit_forget(&s->chain);
	int rc2 = rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
	sqlite3_reset(st);
	return rc2;
}

static int run_stmt(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

static struct insert_shape *find_shape(struct store *s, const char *table,
				       const struct field *f, int n)
{
	for (int i = 0; i < s->n_shapes; i++) {
		struct insert_shape *sh = &s->shapes[i];
		if (sh->n != n || strcmp(sh->table, table) != 0)
			continue;
		int k = 0;
		while (k < n && strcmp(sh->cols[k], f[k].col) == 0)
			k++;
		if (k == n)
			return sh;
	}
	return NULL;
}

static int prepare_shape(struct store *s, const char *table, const struct field *f, int n,
			 struct insert_shape **out, struct err *e)
{
	if (n > INSERT_MAX_COLS || strlen(table) >= 32)
		return err_set(e, "内部错误：写入 %s 的列太多", table);
	struct insert_shape *sh;
	if (s->n_shapes < INSERT_CACHE) {
		sh = &s->shapes[s->n_shapes++];
	} else {	/* full: reuse the last slot */
		sh = &s->shapes[INSERT_CACHE - 1];
		sqlite3_finalize(sh->insert);
		sqlite3_finalize(sh->audit);
	}
	memset(sh, 0, sizeof *sh);
	struct sqlbuf b = { .len = 0 };
	sb_add(&b, "INSERT INTO %s(", table);
	for (int i = 0; i < n; i++)
		sb_add(&b, "%s, ", f[i].col);
	sb_add(&b, "version) VALUES (");
	for (int i = 0; i < n; i++)
		sb_add(&b, "?, ");
	sb_add(&b, "1)");
	int rc = b.overflow ? SQLITE_TOOBIG : sqlite3_prepare_v2(s->db, b.buf, -1, &sh->insert, NULL);
	b.len = 0;
	sb_audit(&b, s, table, "insert", "?3", "NULL", "?4", 5, "");
	if (rc == SQLITE_OK)
		rc = b.overflow ? SQLITE_TOOBIG : sqlite3_prepare_v2(s->db, b.buf, -1, &sh->audit, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, "内部错误：无法写入 %s（%s）", table, sqlite3_errmsg(s->db));
		sqlite3_finalize(sh->insert);
		sqlite3_finalize(sh->audit);
		s->n_shapes--;
		return -1;
	}
	snprintf(sh->table, sizeof sh->table, "%s", table);
	for (int i = 0; i < n; i++)
		snprintf(sh->cols[i], sizeof sh->cols[i], "%s", f[i].col);
	sh->n = n;
	*out = sh;
	return 0;
}

int store_insert(struct store *s, const char *table, const struct field *f,
		 int n, int64_t *id_out, struct err *e)
{
	if (refuse_reader(s, table, e) != 0)
		return -1;
	struct insert_shape *sh = find_shape(s, table, f, n);
	if (sh == NULL && (check_write(s, table, f, n, e) != 0 ||
			   prepare_shape(s, table, f, n, &sh, e) != 0))
		return -1;
	if (!s->in_tx)
		return err_set(e, "内部错误：写入 %s 必须在事务中进行", table);
	for (int i = 0; i < n; i++)
		bind_field(sh->insert, i + 1, &f[i]);
	if (run_stmt(s, sh->insert, e) != 0)
		return err_prefix(e, "保存到 %s 失败：", table);
	int64_t id = sqlite3_last_insert_rowid(s->db);

	const char *after = row_json(s, f, n);
	if (after == NULL)
		return err_set(e, "内存不足，无法写审计日志（%s）", table);
	sqlite3_bind_text(sh->audit, 1, now_text(s), -1, SQLITE_STATIC);
	sqlite3_bind_text(sh->audit, 2, s->user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(sh->audit, 3, id);
	sqlite3_bind_text(sh->audit, 4, after, (int)s->json_len, SQLITE_STATIC);
	if (run_audit(s, sh->audit, 5, e) != 0)
		return err_prefix(e, "写审计日志失败：");
	if (id_out != NULL)
		*id_out = id;
	return 0;
}

int store_insert_tx(struct store *s, const char *table, const struct field *f,
		    int n, int64_t *id_out, struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (store_insert(s, table, f, n, id_out, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

int store_update(struct store *s, const char *table, int64_t id,
		 int64_t expect_version, const struct field *f, int n,
		 struct err *e)
{
	if (check_write(s, table, f, n, e) != 0)
		return -1;
	/* The audit row first: it reads the old values before they change. */
	struct sqlbuf b = { .len = 0 }, before = { .len = 0 }, after = { .len = 0 };
	char from[160];
	sb_json_cols(&before, f, n);
	sb_json_params(&after, f, n, 3);
	snprintf(from, sizeof from, "FROM %s WHERE id = ?%d AND (?%d < 0 OR version = ?%d)",
		 table, n + 3, n + 4, n + 4);
	sb_audit(&b, s, table, "update", "id", before.buf, after.buf, n + 5, from);
	if (b.overflow || before.overflow || after.overflow)
		return err_set(e, "内部错误：更新 %s 的列太多", table);
	sqlite3_stmt *st;
	if (prepare_cached(s, b.buf, &st, e) != 0)
		return -1;
	sqlite3_bind_text(st, 1, now_text(s), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->user, -1, SQLITE_STATIC);
	for (int i = 0; i < n; i++)
		bind_field(st, 3 + i, &f[i]);
	sqlite3_bind_int64(st, 3 + n, id);
	sqlite3_bind_int64(st, 4 + n, expect_version);
	if (run_audit(s, st, 5 + n, e) != 0)
		return err_prefix(e, "写审计日志失败：");
	if (sqlite3_changes(s->db) == 0) {
		int64_t exists;
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE id = ?", table);
		if (store_query_int(s, &exists, e, sql, "i", id) != 0)
			return -1;
		if (!exists)
			return err_set(e, "记录不存在（%s 第 %lld 条），可能已被删除", table, (long long)id);
		return store_conflict(s, table, id, "记录", e);
	}

	b.len = 0;
	sb_add(&b, "UPDATE %s SET ", table);
	for (int i = 0; i < n; i++)
		sb_add(&b, "%s = ?, ", f[i].col);
	sb_add(&b, "version = version + 1 WHERE id = ?");
	if (b.overflow || prepare_cached(s, b.buf, &st, e) != 0)
		return err_set(e, "内部错误：无法更新 %s", table);
	for (int i = 0; i < n; i++)
		bind_field(st, i + 1, &f[i]);
	sqlite3_bind_int64(st, n + 1, id);
	if (run_stmt(s, st, e) != 0)
		return err_prefix(e, "更新 %s 失败：", table);
	return 0;
}

int store_delete(struct store *s, const char *table, int64_t id, struct err *e)
{
	if (check_write(s, table, NULL, 0, e) != 0)
		return -1;
	/* The whole old row goes into the audit log: json_object over the
	 * table's own columns, read from its schema. */
	struct sqlbuf b = { .len = 0 }, before = { .len = 0 };
	char sql[160], from[96];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')", table);
	if (prepare_cached(s, sql, &st, e) != 0)
		return -1;
	sb_add(&before, "json_object(");
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0);
		if (col == NULL || !is_identifier(col))
			continue;
		sb_add(&before, "%s'%s', %s", n++ ? ", " : "", col, col);
	}
	/* A failed or empty read of the columns would log an empty before-image
	 * and still delete: the row would be gone with no trace. Refuse. */
	if (store_rows_end(s, st, rc, e) != 0)
		return err_prefix(e, "删除 %s 的记录前读取表结构失败：", table);
	if (n == 0)
		return err_set(e, "内部错误：没有表 %s，不能删除其中的记录", table);
	sb_add(&before, ")");
	snprintf(from, sizeof from, "FROM %s WHERE id = ?3", table);
	sb_audit(&b, s, table, "delete", "id", before.buf, "NULL", 4, from);
	if (b.overflow || before.overflow || prepare_cached(s, b.buf, &st, e) != 0)
		return err_set(e, "内部错误：无法删除 %s 的记录", table);
	sqlite3_bind_text(st, 1, now_text(s), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	if (run_audit(s, st, 4, e) != 0)
		return -1;
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", table);
	if (prepare_cached(s, sql, &st, e) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return run_stmt(s, st, e);
}

static const char *changes_copy(struct changes *c, const char *v, size_t len)
{
	if (c->used + len + 1 > sizeof c->arena) {
		c->overflow = true;
		return NULL;
	}
	char *p = c->arena + c->used;
	memcpy(p, v, len);
	p[len] = '\0';
	c->used += len + 1;
	return p;
}

static struct field *changes_slot(struct changes *c)
{
	if (c->n == CHANGES_MAX) {
		c->overflow = true;
		return NULL;
	}
	return &c->f[c->n++];
}

void changes_text(struct changes *c, const char *col, const char *v)
{
	struct field *f = changes_slot(c);
	if (f != NULL)
		*f = v != NULL ? F_TEXT(col, changes_copy(c, v, strlen(v))) : F_NULL(col);
}

void changes_date(struct changes *c, const char *col, date_t d)
{
	char day[11];
	if (d == DATE_NONE) {
		changes_text(c, col, NULL);
		return;
	}
	date_format(d, day);
	changes_text(c, col, day);
}

void changes_int(struct changes *c, const char *col, int64_t v)
{
	struct field *f = changes_slot(c);
	if (f != NULL)
		*f = F_INT(col, v);
}

int store_update_changes(struct store *s, const char *table, int64_t id, int64_t expect_version,
			 const struct changes *c, struct err *e)
{
	if (c->overflow)
		return err_set(e, "内部错误：更新 %s 的内容太多", table);
	return store_update(s, table, id, expect_version, c->f, c->n, e);
}
