/* How tall a printed row must be: lines of text in a wrapping cell. The
 * expected counts are worked from the page, not from the code: a column
 * of width w is 7w + 5 pixels (Excel's units); an 11-point Chinese
 * character is 11 * 4/3 = 14.7 pixels wide, a Latin one half of that. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/export/xlsx.h"

static void short_text_one_line(void **state)
{
	(void)state;
	assert_int_equal(xlsx_lines("已办结", 24, 11), 1);
	assert_int_equal(xlsx_lines("2026-07-01", 12, 11), 1);
	assert_int_equal(xlsx_lines("", 10, 11), 1);
}

/* Width 24 is 173 pixels: 11 Chinese characters (161 px) fit, 12 do not. */
static void chinese_wraps_by_width(void **state)
{
	(void)state;
	assert_int_equal(xlsx_lines("一二三四五六七八九十一", 24, 11), 1);
	assert_int_equal(xlsx_lines("一二三四五六七八九十一二", 24, 11), 2);
	/* The demo's long 办理结果, 20 characters: two lines. */
	assert_int_equal(xlsx_lines("材料已送乡镇窗口，正在审核，已告知委托人", 24, 11), 2);
	/* Latin text counts half: 22 digits fit where 11 characters do. */
	assert_int_equal(xlsx_lines("1234567890123456789012", 24, 11), 1);
	/* A bigger font takes more lines. */
	assert_true(xlsx_lines("社会救助申请事项帮办代办工作台账", 24, 16) >
		    xlsx_lines("社会救助申请事项帮办代办工作台账", 24, 11));
}

/* Seed 004's headers break their lines: 「乡镇\n（街道）」 is two lines
 * even in a column wide enough for both. */
static void line_breaks_kept(void **state)
{
	(void)state;
	assert_int_equal(xlsx_lines("乡镇\n（街道）", 30, 11), 2);
	assert_int_equal(xlsx_lines("村\n（社区）", 10, 11), 2);
	assert_int_equal(xlsx_lines("a\n\nb", 10, 11), 3);
}

/* 53 characters in width 30 (215 px, 14 characters a line): 4 lines. */
static void long_header(void **state)
{
	(void)state;
	assert_int_equal(xlsx_lines("帮办代办事项内容（最低生活保障、特困人员供养、临时救助、"
				    "医疗救助、就业救助、住房救助、教育救助、灾害救助）", 30, 11), 4);
}

/* A row holds its lines: taller with each, and one line of 11-point
 * Chinese needs more than the 11 points of the glyphs. */
static void heights(void **state)
{
	(void)state;
	assert_true(xlsx_height(1, 11) >= 15);
	assert_true(xlsx_height(2, 11) >= 2 * 11 * 1.3);
	assert_true(xlsx_height(3, 11) > xlsx_height(2, 11));
	assert_true(xlsx_height(1, 16) > xlsx_height(1, 11));
}

/* The size of a 3,000-row register written at zlib level `level`. */
static long written_at(int level, const char *path)
{
	static const struct xlsx_col cols[] = {
		{ "姓名", XLSX_TEXT, 10 }, { "事项", XLSX_TEXT, 24 },
		{ "受理日期", XLSX_DATE, 12 }, { "金额", XLSX_MONEY, 10 },
	};
	const struct xlsx_table t = { NULL, "登记簿", NULL, cols, 4, false, 0 };
	struct xlsx *x;
	struct err e = { "" };
	struct stat st;
	char name[32];
	xlsx_set_compression(level);
	if (xlsx_open(&x, path, true, &e) != 0 || xlsx_table_begin(x, &t, &e) != 0)
		fail_msg("%s", e.msg);
	for (int r = 0; r < 3000; r++) {
		snprintf(name, sizeof name, "申请人%d", r * 7919 % 10007);
		xlsx_text(x, 0, name);
		xlsx_text(x, 1, r % 3 ? "最低生活保障" : "临时救助（急难型）");
		xlsx_date(x, 2, 20454 + r % 300);
		xlsx_money(x, 3, 150000 + r * 37 % 90000);
		xlsx_row_end(x);
	}
	if (xlsx_commit(x, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(stat(path, &st), 0);
	return (long)st.st_size;
}

/* [export] compression reaches zlib through libxlsxwriter, which has no
 * option for it: the fastest level makes a bigger file than the smallest,
 * and a level out of range falls back to zlib's default, in between. */
static void compression_level(void **state)
{
	(void)state;
	char dir[] = "/tmp/jz-xlsx-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.xlsx", dir);
	long fast = written_at(1, path), small = written_at(9, path), dflt = written_at(0, path);
	xlsx_set_compression(1);
	unlink(path);
	rmdir(dir);
	assert_true(fast > small + small / 10);
	assert_true(dflt < fast);
	assert_true(dflt >= small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_text_one_line),
		cmocka_unit_test(chinese_wraps_by_width),
		cmocka_unit_test(line_breaks_kept),
		cmocka_unit_test(long_header),
		cmocka_unit_test(heights),
		cmocka_unit_test(compression_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
