/* The store: migrations from empty and from each earlier version, the one
 * write path (versions, audit rows, optimistic locking), transactions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store/check.h"
#include "core/store/checks.h"
#include "core/store/store.h"

struct fixture {
	char path[64];
	struct store *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct err e;
	strcpy(f->path, "/tmp/jz-store-XXXXXX");
	int fd = mkstemp(f->path);
	close(fd);
	unlink(f->path);	/* store_open must create it */
	assert_int_equal(store_open(f->path, STORE_LOCAL, 2000, &f->s, &e), 0);
	store_set_user(f->s, "张三");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	char side[80];
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
	free(f);
	return 0;
}

static int64_t count(struct store *s, const char *sql)
{
	int64_t n;
	struct err e;
	assert_int_equal(store_query_int(s, &n, &e, sql, ""), 0);
	return n;
}

static void test_migrate_from_empty(void **state)
{
	struct fixture *f = *state;
	struct err e;
	int v;
	assert_int_equal(store_version(f->s, &v, &e), 0);
	assert_int_equal(v, 0);
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(store_version(f->s, &v, &e), 0);
	assert_int_equal(v, store_latest_version());
	assert_true(store_latest_version() >= 2);
	/* Tables of both versions exist. */
	assert_int_equal(count(f->s, "SELECT count(*) FROM sqlite_master WHERE name IN "
			   "('applications','audit_log','entrustments','drafts','case_events')"), 5);
	/* Migrating again changes nothing. */
	assert_int_equal(store_migrate(f->s, &e), 0);
	int64_t fk;
	assert_int_equal(store_query_int(f->s, &fk, &e, "PRAGMA foreign_keys", ""), 0);
	assert_int_equal(fk, 1);
}

/* From each earlier version, with data in it, to the latest. */
static void test_migrate_from_each_version(void **state)
{
	struct err e;
	for (int from = 1; from < store_latest_version(); from++) {
		teardown(state);
		setup(state);
		struct fixture *f = *state;
		assert_int_equal(store_migrate_to(f->s, from, &e), 0);
		int v;
		assert_int_equal(store_version(f->s, &v, &e), 0);
		assert_int_equal(v, from);
		assert_int_equal(store_begin(f->s, &e), 0);
		struct field t[] = { F_TEXT("county", "垫江县"), F_TEXT("name", "澄溪镇") };
		assert_int_equal(store_insert(f->s, "townships", t, 2, NULL, &e), 0);
		assert_int_equal(store_commit(f->s, &e), 0);
		assert_int_equal(store_migrate(f->s, &e), 0);
		assert_int_equal(store_version(f->s, &v, &e), 0);
		assert_int_equal(v, store_latest_version());
		assert_int_equal(count(f->s, "SELECT count(*) FROM townships WHERE name = '澄溪镇'"), 1);
	}
}

static void test_newer_file_refused(void **state)
{
	struct fixture *f = *state;
	struct err e;
	assert_int_equal(sqlite3_exec(store_db(f->s), "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_migrate(f->s, &e), -1);
	assert_non_null(strstr(e.msg, "999"));
}

static void test_insert_update_audit(void **state)
{
	struct fixture *f = *state;
	struct err e;
	int64_t id;
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field t[] = { F_TEXT("county", "垫江县"), F_TEXT("name", "澄溪镇") };
	assert_int_equal(store_insert(f->s, "townships", t, 2, &id, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(count(f->s, "SELECT version FROM townships"), 1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'townships' "
			   "AND action = 'insert' AND who = '张三' AND json_extract(after, '$.name') = '澄溪镇'"), 1);

	assert_int_equal(store_begin(f->s, &e), 0);
	struct field u[] = { F_TEXT("name", "太平镇") };
	assert_int_equal(store_update(f->s, "townships", id, 1, u, 1, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(count(f->s, "SELECT version FROM townships"), 2);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE action = 'update' "
			   "AND json_extract(before, '$.name') = '澄溪镇' "
			   "AND json_extract(after, '$.name') = '太平镇' "
			   "AND json_extract(before, '$.version') = 1"), 1);

	/* A stale version is a conflict, and nothing changes. */
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field w[] = { F_TEXT("name", "错误镇") };
	assert_int_equal(store_update(f->s, "townships", id, 1, w, 1, &e), -1);
	assert_non_null(strstr(e.msg, "已被 张三 于 20"));	/* who and when */
	store_rollback(f->s);
	assert_int_equal(count(f->s, "SELECT count(*) FROM townships WHERE name = '太平镇' AND version = 2"), 1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log"), 2);

	/* A row that does not exist. */
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_update(f->s, "townships", 9999, -1, w, 1, &e), -1);
	assert_non_null(strstr(e.msg, "不存在"));
	store_rollback(f->s);
}

/* 澄溪镇, inside the caller's transaction. */
static int64_t add_township(struct fixture *f)
{
	struct err e;
	int64_t id;
	struct field t[] = { F_TEXT("county", "垫江县"), F_TEXT("name", "澄溪镇") };
	if (store_insert(f->s, "townships", t, 2, &id, &e) != 0)
		fail_msg("%s", e.msg);
	return id;
}

/* A delete logs the whole old row; a table that cannot be read is refused
 * before anything is deleted or logged. */
static void test_delete_audit(void **state)
{
	struct fixture *f = *state;
	struct err e;
	int64_t id;
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	id = add_township(f);
	assert_int_equal(store_delete(f->s, "townships", id, &e), 0);
	assert_int_equal(store_delete(f->s, "no_such_table", id, &e), -1);
	assert_non_null(strstr(e.msg, "no_such_table"));
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(count(f->s, "SELECT count(*) FROM townships"), 0);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE action = 'delete' "
			   "AND json_extract(before, '$.name') = '澄溪镇'"), 1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'no_such_table'"), 0);
}

/* A row loop that fails half way is an error, not a short list; stopping
 * early on purpose (SQLITE_ROW) is not. */
static void test_rows_end(void **state)
{
	struct fixture *f = *state;
	struct err e;
	sqlite3_stmt *st;
	int rc, n = 0;
	const char *sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5) "
			  "SELECT CASE WHEN x < 3 THEN x ELSE abs(-9223372036854775807 - 1) END FROM c";
	assert_int_equal(store_query(f->s, &st, &e, sql, ""), 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	assert_int_equal(n, 2);
	assert_int_equal(store_rows_end(f->s, st, rc, &e), -1);
	assert_non_null(strstr(e.msg, "数据库错误"));
	assert_int_equal(store_query(f->s, &st, &e, sql, ""), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(store_rows_end(f->s, st, SQLITE_ROW, &e), 0);
}

static void count_problem(void *ctx, const char *msg)
{
	(void)msg;
	(*(int *)ctx)++;
}

/* `jiuzhu check` on a healthy store: no problem, no broken reference, and
 * counts only of the tables it knows (the name goes into SQL text). */
static void test_check_healthy(void **state)
{
	struct fixture *f = *state;
	struct err e;
	int problems = 0;
	int64_t fk = -1, n = -1;
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	add_township(f);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(store_check(f->s, count_problem, &problems, &fk, &e), 0);
	assert_int_equal(problems, 0);
	assert_int_equal(fk, 0);
	for (int i = 0; store_counted_tables[i] != NULL; i++)
		assert_int_equal(store_count_rows(f->s, store_counted_tables[i], &n, &e), 0);
	assert_int_equal(store_count_rows(f->s, "townships", &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_count_rows(f->s, "audit_log", &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_count_rows(f->s, "sqlite_master; DROP TABLE staff", &n, &e), -1);
	assert_non_null(strstr(e.msg, "不统计表"));
	assert_int_equal(store_count_rows(f->s, "staff", &n, &e), 0);
}

static void test_writes_need_transaction(void **state)
{
	struct fixture *f = *state;
	struct err e;
	assert_int_equal(store_migrate(f->s, &e), 0);
	struct field t[] = { F_TEXT("county", "垫江县"), F_TEXT("name", "澄溪镇") };
	assert_int_equal(store_insert(f->s, "townships", t, 2, NULL, &e), -1);
	/* Columns that are not identifiers never reach SQL text. */
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field bad[] = { F_TEXT("name; DROP TABLE x", "a") };
	assert_int_equal(store_insert(f->s, "townships", bad, 1, NULL, &e), -1);
	struct field ver[] = { F_INT("version", 7) };
	assert_int_equal(store_update(f->s, "townships", 1, -1, ver, 1, &e), -1);
	store_rollback(f->s);
}

static void test_rollback_leaves_store_unchanged(void **state)
{
	struct fixture *f = *state;
	struct err e;
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field t[] = { F_TEXT("county", "垫江县"), F_TEXT("name", "澄溪镇") };
	assert_int_equal(store_insert(f->s, "townships", t, 2, NULL, &e), 0);
	/* A duplicate violates UNIQUE: a clear message, then roll back. */
	assert_int_equal(store_insert(f->s, "townships", t, 2, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "重复"));
	store_rollback(f->s);
	assert_int_equal(count(f->s, "SELECT count(*) FROM townships"), 0);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log"), 0);
	/* A foreign key that points nowhere is refused. */
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field v[] = { F_INT("township_id", 42), F_TEXT("name", "太平村") };
	assert_int_equal(store_insert(f->s, "villages", v, 2, NULL, &e), -1);
	store_rollback(f->s);
}

static void test_audit_append_only(void **state)
{
	struct fixture *f = *state;
	struct err e;
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field t[] = { F_TEXT("county", "垫江县"), F_TEXT("name", "澄溪镇") };
	assert_int_equal(store_insert(f->s, "townships", t, 2, NULL, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_not_equal(sqlite3_exec(store_db(f->s), "DELETE FROM audit_log", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(f->s), "UPDATE audit_log SET who = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE who = '张三'"), 1);
}

static void expect_rewrite(const char *in, const char *want)
{
	char *out = checks_in_as_or(in);
	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

/* The wording of IN lists (migration 0014), on text written here. */
static void test_checks_in_as_or(void **state)
{
	(void)state;
	expect_rewrite("CREATE TABLE t (a TEXT CHECK (a IN ('x','y','z')))",
		       "CREATE TABLE t (a TEXT CHECK ((a = 'x' OR a = 'y' OR a = 'z')))");
	/* Across lines, blanks anywhere, quotes doubled, Chinese. */
	expect_rewrite("b TEXT CHECK (b in (\n\t'满意' ,\n 'it''s', '不满意' ))",
		       "b TEXT CHECK ((b = '满意' OR b = 'it''s' OR b = '不满意'))");
	/* Left alone: two values, NOT IN, anything but literals, IN in a
	 * literal or a comment, an IN with no name before it. */
	const char *same[] = {
		"CHECK (sex IN ('M','F'))",
		"CHECK (a NOT IN ('x','y','z'))",
		"CHECK (a IN ('x','y', 3))",
		"CHECK (a IN (SELECT v FROM w))",
		"DEFAULT 'a IN (''x'',''y'',''z'')'",
		"-- the clerk's a IN ('x','y','z')\nCHECK (a > 0)",
		"CHECK ((a) IN ('x','y','z'))",
		"CHECK (t.a IN ('x','y','z'))",
		"CHECK (a COLLATE NOCASE IN ('x','y','z'))",
		"CHECK (b > 0 AND a IN ('x','y','z'))",
	};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		expect_rewrite(same[i], same[i]);
}

/* After the rewrite a new store has no IN list of three values or more,
 * and the constraints refuse what they refused. */
static void test_checks_still_refuse(void **state)
{
	struct fixture *f = *state;
	struct err e;
	sqlite3 *db = store_db(f->s);
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(checks_register(db), 0);
	assert_int_equal(count(f->s, "SELECT count(*) FROM sqlite_schema WHERE sql <> jz_checks_in_as_or(sql)"), 0);
	assert_true(count(f->s, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%CHECK%'") > 10);
	assert_int_equal(count(f->s, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE "
			       "'%(action = ''insert'' OR action = ''update'' OR action = ''delete'')%'"), 1);
	assert_int_equal(sqlite3_exec(db, "PRAGMA integrity_check", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field t[] = { F_TEXT("county", "垫江县"), F_TEXT("name", "澄溪镇") };
	assert_int_equal(store_insert(f->s, "townships", t, 2, NULL, &e), 0);
	struct field v[] = { F_INT("township_id", 1), F_TEXT("name", "太平村") };
	assert_int_equal(store_insert(f->s, "villages", v, 2, NULL, &e), 0);
	struct field h[] = { F_INT("village_id", 1), F_TEXT("created_on", "2026-01-01") };
	assert_int_equal(store_insert(f->s, "households", h, 2, NULL, &e), 0);
	struct field bad[] = {
		F_INT("household_id", 1), F_TEXT("name", "王五"),
		F_TEXT("id_number", "500231196505050013"), F_TEXT("sex", "M"),
		F_TEXT("birth_date", "1965-05-05"), F_TEXT("relation", "户主"),
		F_TEXT("left_reason", "eloped"),
	};
	assert_int_equal(store_insert(f->s, "persons", bad, 7, NULL, &e), -1);
	bad[6] = (struct field)F_TEXT("left_reason", "moved");
	assert_int_equal(store_insert(f->s, "persons", bad, 7, NULL, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
}

/* Two connections: the second writer waits, then gets a clear message. */
static void test_busy_is_clear(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct store *other;
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(store_open(f->path, STORE_LOCAL, 100, &other, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_begin(other, &e), -1);
	assert_non_null(strstr(e.msg, "占用"));
	store_rollback(f->s);
	assert_int_equal(store_begin(other, &e), 0);
	store_rollback(other);
	store_close(other);
}

static void test_not_a_database(void **state)
{
	(void)state;
	struct err e;
	struct store *s;
	char path[] = "/tmp/jz-junk-XXXXXX";
	int fd = mkstemp(path);
	const char junk[] = "this is certainly not an SQLite database file, only some text padding it out";
	assert_int_equal(write(fd, junk, sizeof junk), (ssize_t)sizeof junk);
	close(fd);
	assert_int_equal(store_open(path, STORE_LOCAL, 100, &s, &e), -1);
	assert_non_null(strstr(e.msg, "不是数据库"));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_from_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_each_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_insert_update_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_healthy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writes_need_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_leaves_store_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_is_clear, setup, teardown),
		cmocka_unit_test(test_not_a_database),
		cmocka_unit_test(test_checks_in_as_or),
		cmocka_unit_test_setup_teardown(test_checks_still_refuse, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
