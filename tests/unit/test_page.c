/* Keyset paging (src/core/store/page.c): the comparison and order of each
 * direction over ascending and descending lists, and page_read putting a
 * backward page in display order, stopping at max and reporting a failed
 * read. Expected pages were worked out by hand over the keys 1..10. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store/page.h"

static char path[64];
static struct store *s;

static int setup(void **state)
{
	struct err e;
	(void)state;
	strcpy(path, "/tmp/jz-page-XXXXXX");
	close(mkstemp(path));
	unlink(path);
	if (store_open(path, STORE_LOCAL, 2000, &s, &e) != 0)
		return -1;
	return sqlite3_exec(store_db(s), "CREATE TABLE t(k INTEGER PRIMARY KEY);"
			    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10) "
			    "INSERT INTO t SELECT x FROM c;", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int teardown(void **state)
{
	char side[80];
	(void)state;
	store_close(s);
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return 0;
}

static void read_k(sqlite3_stmt *st, void *row)
{
	*(int64_t *)row = sqlite3_column_int64(st, 0);
}

/* Up to 3 keys of the list (ascending or descending) read in dir from key. */
static int page(enum page_dir dir, bool desc, int64_t key, int64_t out[3])
{
	char sql[128];
	sqlite3_stmt *st;
	struct err e;
	int n = -1;
	snprintf(sql, sizeof sql, "SELECT k FROM t WHERE k %s ? ORDER BY k %s LIMIT 3",
		 page_cmp(dir, desc), page_order(dir, desc));
	assert_int_equal(store_query(s, &st, &e, sql, "i", key), 0);
	assert_int_equal(page_read(s, st, dir, read_k, out, sizeof *out, 3, &n, &e), 0);
	return n;
}

static void ascending(void **state)
{
	int64_t r[3];
	(void)state;
	assert_int_equal(page(PAGE_AFTER, false, 5, r), 3);
	assert_true(r[0] == 6 && r[1] == 7 && r[2] == 8);
	assert_int_equal(page(PAGE_BEFORE, false, 5, r), 3);
	assert_true(r[0] == 2 && r[1] == 3 && r[2] == 4);
	assert_int_equal(page(PAGE_FROM, false, 5, r), 3);
	assert_true(r[0] == 5 && r[1] == 6 && r[2] == 7);
	assert_int_equal(page(PAGE_UPTO, false, 5, r), 3);
	assert_true(r[0] == 3 && r[1] == 4 && r[2] == 5);
	assert_int_equal(page(PAGE_AFTER, false, 9, r), 1);
	assert_true(r[0] == 10);
	assert_int_equal(page(PAGE_BEFORE, false, 1, r), 0);
}

static void descending(void **state)
{
	int64_t r[3];
	(void)state;
	assert_int_equal(page(PAGE_AFTER, true, 5, r), 3);
	assert_true(r[0] == 4 && r[1] == 3 && r[2] == 2);
	assert_int_equal(page(PAGE_BEFORE, true, 5, r), 3);
	assert_true(r[0] == 8 && r[1] == 7 && r[2] == 6);
	assert_int_equal(page(PAGE_FROM, true, 5, r), 3);
	assert_true(r[0] == 5 && r[1] == 4 && r[2] == 3);
	assert_int_equal(page(PAGE_BEFORE, true, 9, r), 1);
	assert_true(r[0] == 10);
}

/* A read that fails half-way is an error, never a short page. */
static void failed_read(void **state)
{
	sqlite3_stmt *st;
	struct err e = { "" };
	int64_t r[3];
	int n;
	(void)state;
	assert_int_equal(store_query(s, &st, &e, "SELECT CASE WHEN k < 3 THEN k ELSE abs(-9223372036854775807 - 1) END "
				     "FROM t ORDER BY k", ""), 0);
	assert_int_equal(page_read(s, st, PAGE_AFTER, read_k, r, sizeof *r, 3, &n, &e), -1);
	assert_true(e.msg[0] != '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ascending),
		cmocka_unit_test(descending),
		cmocka_unit_test(failed_read),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
