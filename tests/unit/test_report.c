/* Tests for src/core/export/report.c and report-export.c: loading and checking
 * report files (every mistake names the file and the line), the shipped
 * reports/ files, the read-only rule for queries, and quarters. Run from
 * the source root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/export/report.h"

static char dir[64];
static char path[128];

/* Line numbers below count from 1 in this text. */
static const char good[] =
	"; a test report\n"				/* 1 */
	"[report]\n"					/* 2 */
	"id = t1\n"					/* 3 */
	"title = 测试台账\n"				/* 4 */
	"subtitle = 村（社区）：{village}\n"		/* 5 */
	"params = village, from, to, township?\n"	/* 6 */
	"query = SELECT name, born, n \\\n"		/* 7 */
	"  FROM t WHERE name = :village\n"		/* 8 */
	"\n"						/* 9 */
	"[column.1]\n"					/* 10 */
	"header = 序号\n"				/* 11 */
	"type = seq\n"					/* 12 */
	"[column.2]\n"					/* 13 */
	"header = 姓名\n"				/* 14 */
	"mask = id\n"					/* 15 */
	"[column.3]\n"					/* 16 */
	"header = 出生日期\n"				/* 17 */
	"type = date\n"					/* 18 */
	"width = 12\n"					/* 19 */
	"[column.4]\n"					/* 20 */
	"header = 件数\n"				/* 21 */
	"type = int\n";					/* 22 */

static void write_file(const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* good with the line `from` (a whole line, with its \n) replaced by `to`. */
static void write_changed(const char *from, const char *to)
{
	char buf[4096];
	const char *at = strstr(good, from);
	assert_non_null(at);
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
	write_file(buf);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_report.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/t.ini", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	rmdir(dir);
	return 0;
}

/* The load fails and the message names the file, the line and `what`. */
static void expect_error(int line, const char *what)
{
	struct report_def r;
	struct err e = { "" };
	char at[64];
	assert_int_equal(report_load(path, &r, &e), -1);
	assert_non_null(strstr(e.msg, path));
	snprintf(at, sizeof at, "第 %d 行", line);
	if (strstr(e.msg, at) == NULL || strstr(e.msg, what) == NULL)
		fail_msg("message “%s” lacks “%s” or “%s”", e.msg, at, what);
}

static void loads_good_file(void **state)
{
	struct report_def r;
	struct err e = { "" };
	(void)state;
	write_file(good);
	assert_int_equal(report_load(path, &r, &e), 0);
	assert_string_equal(r.id, "t1");
	assert_string_equal(r.title, "测试台账");
	assert_string_equal(r.subtitle, "村（社区）：{village}");
	assert_int_equal(r.params, RP_VILLAGE | RP_FROM | RP_TO | RP_TOWNSHIP);
	assert_int_equal(r.required, RP_VILLAGE | RP_FROM | RP_TO);
	/* The continued line is one query. */
	assert_non_null(strstr(r.query, "SELECT name, born, n"));
	assert_non_null(strstr(r.query, "FROM t WHERE name = :village"));
	assert_int_equal(r.query_line, 7);
	assert_int_equal(r.n_cols, 4);
	assert_int_equal(r.n_query_cols, 3);
	assert_int_equal(r.cols[0].type, RCOL_SEQ);
	assert_string_equal(r.cols[1].header, "姓名");
	assert_true(r.cols[1].mask_id);
	assert_int_equal(r.cols[2].type, RCOL_DATE);
	assert_true(r.cols[2].width == 12.0);
	assert_int_equal(r.cols[3].type, RCOL_INT);
	assert_int_equal(r.paper, 9);
	assert_false(r.portrait);
	assert_false(r.has_chart);
	report_free(&r);
}

static void bad_type(void **state)
{
	(void)state;
	write_changed("type = date\n", "type = datum\n");
	expect_error(18, "datum");
}

static void unknown_key(void **state)
{
	(void)state;
	write_changed("width = 12\n", "widht = 12\n");
	expect_error(19, "widht");
}

static void unknown_section(void **state)
{
	(void)state;
	write_changed("[column.4]\n", "[colum.4]\n");
	expect_error(20, "colum.4");
}

static void non_select_query(void **state)
{
	(void)state;
	write_changed("query = SELECT name, born, n \\\n", "query = DELETE FROM t \\\n");
	expect_error(7, "SELECT");
}

static void missing_title(void **state)
{
	(void)state;
	write_changed("title = 测试台账\n", "");
	/* No title line: the message points at the [report] section. */
	expect_error(2, "title");
}

static void duplicate_key(void **state)
{
	(void)state;
	write_changed("header = 件数\n", "header = 件数\nheader = 次数\n");
	expect_error(22, "重复");
}

static void bad_param(void **state)
{
	(void)state;
	write_changed("params = village, from, to, township?\n", "params = village, week\n");
	expect_error(6, "week");
}

static void mask_on_date(void **state)
{
	(void)state;
	write_changed("width = 12\n", "mask = id\n");
	expect_error(19, "text");
}

/* The lexical check lets WITH through; preparing against a store refuses a
 * write hidden behind it, naming the file and the query's line. */
static void write_query_refused_when_checked(void **state)
{
	struct report_set set = { 0 };
	struct err e = { "" };
	sqlite3 *db;
	(void)state;
	write_changed("query = SELECT name, born, n \\\n",
		      "query = WITH x AS (SELECT 1) DELETE FROM t \\\n");
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (name TEXT, born TEXT, n INT);"
				      "INSERT INTO t VALUES ('a', '2000-01-01', 1);", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(reports_load_dir(dir, &set, &e), 0);
	assert_int_equal(reports_check(&set, db, &e), -1);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "第 7 行"));
	reports_free(&set);
	/* The row is still there. */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void column_count_checked(void **state)
{
	struct report_set set = { 0 };
	struct err e = { "" };
	sqlite3 *db;
	(void)state;
	write_changed("query = SELECT name, born, n \\\n", "query = SELECT name, born \\\n");
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (name TEXT, born TEXT, n INT)", NULL,
				      NULL, NULL), SQLITE_OK);
	assert_int_equal(reports_load_dir(dir, &set, &e), 0);
	assert_int_equal(reports_check(&set, db, &e), -1);
	assert_non_null(strstr(e.msg, "第 7 行"));
	assert_non_null(strstr(e.msg, "列"));
	reports_free(&set);
	sqlite3_close(db);
}

/* The shipped reports load, with the seed's titles. */
static void shipped_reports_load(void **state)
{
	struct report_set set;
	struct err e = { "" };
	(void)state;
	if (reports_load_dir("reports", &set, &e) != 0)
		fail_msg("%s", e.msg);
	const struct report_def *r = reports_find(&set, "helper-ledger");
	assert_non_null(r);
	/* The seed's 「乡镇（街道）」 is filled in when printed, and named so in lists. */
	assert_string_equal(r->title, "{township}社会救助申请事项帮办代办工作台账");
	assert_string_equal(r->name, "乡镇（街道）社会救助申请事项帮办代办工作台账");
	assert_int_equal(r->n_cols, 9);
	assert_string_equal(r->cols[3].header, "帮办代办事项内容（最低生活保障、特困人员供养、"
			    "临时救助、医疗救助、就业救助、住房救助、教育救助、灾害救助）");
	r = reports_find(&set, "helper-quarterly");
	assert_non_null(r);
	assert_string_equal(r->title, "社会救助申请事项帮办代办工作台账");
	assert_string_equal(r->note, "注：每季度（{due}前）各报送一次。{audit_head}");
	assert_int_equal(r->n_cols, 11);
	/* \n in the file is the seed's line break. */
	assert_string_equal(r->cols[1].header, "乡镇\n（街道）");
	assert_string_equal(r->cols[2].header, "村\n（社区）");
	r = reports_find(&set, "helper-roster");
	assert_non_null(r);
	assert_string_equal(r->title, "社会救助帮办代办工作人员名单");
	assert_int_equal(r->n_cols, 8);
	assert_non_null(reports_find(&set, "cases"));
	assert_non_null(reports_find(&set, "stats"));
	assert_null(reports_find(&set, "nope"));
	reports_free(&set);
}

static void quarters(void **state)
{
	date_t a, b;
	(void)state;
	assert_int_equal(report_quarter("2026Q3", &a, &b), 0);
	assert_int_equal(a, date_from_ymd(2026, 7, 1));
	assert_int_equal(b, date_from_ymd(2026, 9, 30));
	assert_int_equal(report_quarter("2024q1", &a, &b), 0);
	assert_int_equal(b, date_from_ymd(2024, 3, 31));
	assert_int_equal(report_quarter("2026Q4", &a, &b), 0);
	assert_int_equal(a, date_from_ymd(2026, 10, 1));
	assert_int_equal(b, date_from_ymd(2026, 12, 31));
	assert_int_equal(report_quarter("2026Q2", &a, &b), 0);
	assert_int_equal(b, date_from_ymd(2026, 6, 30));
	assert_int_equal(report_quarter("2026Q5", &a, &b), -1);
	assert_int_equal(report_quarter("2026Q0", &a, &b), -1);
	assert_int_equal(report_quarter("26Q3", &a, &b), -1);
	assert_int_equal(report_quarter("2026-3", &a, &b), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(loads_good_file, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_type, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_key, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_section, setup, teardown),
		cmocka_unit_test_setup_teardown(non_select_query, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_title, setup, teardown),
		cmocka_unit_test_setup_teardown(duplicate_key, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_param, setup, teardown),
		cmocka_unit_test_setup_teardown(mask_on_date, setup, teardown),
		cmocka_unit_test_setup_teardown(write_query_refused_when_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(column_count_checked, setup, teardown),
		cmocka_unit_test(shipped_reports_load),
		cmocka_unit_test(quarters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
