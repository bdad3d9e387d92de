/* inifile.h: the scan (lines, duplicates, encoding), the getters' messages
 * and the name check, on small temporary files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/base/inifile.h"

static const struct ini_opts plain = { .what = "测试文件" };
static const struct ini_opts cont = { .what = "", .continuation = true,
				      .inline_comments = true, .list_dunhao = true };
static char path[64];

static const char *write_text(const char *text)
{
	strcpy(path, "/tmp/jz-ini-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void has(const char *msg, const char *want)
{
	if (strstr(msg, want) == NULL)
		fail_msg("message “%s” lacks “%s”", msg, want);
}

/* Opening fails; the message holds the path and each piece. */
static void open_fails(const struct ini_opts *o, const char *text, ...)
{
	struct ini f;
	struct err e = { "" };
	const char *want;
	va_list ap;
	write_text(text);
	assert_int_equal(ini_open(&f, path, o, &e), -1);
	assert_null(f.v);
	assert_null(f.d);
	has(e.msg, path);
	va_start(ap, text);
	while ((want = va_arg(ap, const char *)) != NULL)
		has(e.msg, want);
	va_end(ap);
	unlink(path);
}

static const char good[] =
	"; comment\n"			/* 1 */
	"[Office]\n"			/* 2 */
	"name = 　澄溪镇　\n"		/* 3 */
	"count = 12\n"			/* 4 */
	"flag = 是\n"			/* 5 */
	"list = 甲，乙, 丙\n"		/* 6 */
	"empty =\n"			/* 7 */
	"[b]\n"				/* 8 */
	"x = 1\n";			/* 9 */

static void test_lines_and_order(void **state)
{
	struct ini f;
	struct err e = { "" };
	(void)state;
	write_text(good);
	assert_int_equal(ini_open(&f, path, &plain, &e), 0);
	assert_int_equal(ini_line(&f, "office", NULL), 2);
	assert_int_equal(ini_line(&f, "office", "count"), 4);
	assert_int_equal(ini_line(&f, "b", "x"), 9);
	assert_int_equal(ini_line(&f, "b", "y"), 0);
	size_t pos = 0;
	assert_string_equal(ini_next_section(&f, &pos), "office");
	assert_string_equal(ini_next_section(&f, &pos), "b");
	assert_null(ini_next_section(&f, &pos));
	pos = 0;
	assert_string_equal(ini_next_key(&f, "office", &pos), "name");
	assert_string_equal(ini_next_key(&f, "office", &pos), "count");
	ini_close(&f);
	ini_close(&f);	/* twice is harmless */
	unlink(path);
}

static void test_getters(void **state)
{
	struct ini f;
	struct err e = { "" };
	char buf[64];
	int n;
	bool b;
	char **list = NULL;
	size_t nl = 0;
	(void)state;
	write_text(good);
	assert_int_equal(ini_open(&f, path, &plain, &e), 0);
	assert_int_equal(ini_str(&f, "office", "name", true, buf, sizeof buf), 0);
	assert_string_equal(buf, "澄溪镇");	/* full-width spaces trimmed */
	assert_int_equal(ini_int(&f, "office", "count", true, 0, 1, 99, &n), 0);
	assert_int_equal(n, 12);
	assert_int_equal(ini_int(&f, "office", "nope", false, 7, 1, 99, &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(ini_bool(&f, "office", "flag", false, &b), 0);
	assert_true(b);
	assert_int_equal(ini_list(&f, "office", "list", true, &list, &nl), 0);
	assert_int_equal(nl, 3);
	assert_string_equal(list[2], "丙");
	ini_list_free(list, nl);

	/* messages: file, line, [section] key */
	assert_int_equal(ini_int(&f, "office", "count", true, 0, 1, 10, &n), -1);
	has(e.msg, "测试文件 ");
	has(e.msg, "第 4 行：[office] count 的值 “12” 超出范围（应为 1 到 10）");
	assert_int_equal(ini_int(&f, "office", "name", true, 0, 1, 10, &n), -1);
	has(e.msg, "第 3 行：[office] name 的值 “澄溪镇” 不是整数");
	assert_int_equal(ini_str(&f, "office", "empty", false, buf, sizeof buf), -1);
	has(e.msg, "第 7 行：[office] empty 的值为空");
	assert_int_equal(ini_str(&f, "office", "missing", true, buf, sizeof buf), -1);
	has(e.msg, "第 2 行：[office] 缺少 missing（必填）");
	assert_int_equal(ini_str(&f, "office", "name", true, buf, 4), -1);
	has(e.msg, "[office] name 的值 “澄溪镇” 太长");
	assert_int_equal(ini_bool(&f, "office", "name", false, &b), -1);
	has(e.msg, "第 3 行：[office] name 的值 “澄溪镇” 不是 yes 或 no");
	assert_int_equal(ini_list(&f, "office", "empty", true, &list, &nl), -1);
	has(e.msg, "[office] empty 的清单为空");
	ini_close(&f);
	unlink(path);

	write_text("[a]\nl = x,,y\nd = x，x\n");
	assert_int_equal(ini_open(&f, path, &plain, &e), 0);
	list = NULL;
	nl = 0;
	assert_int_equal(ini_list(&f, "a", "l", true, &list, &nl), -1);
	has(e.msg, "第 2 行：[a] l 的第 2 项为空");
	ini_list_free(list, nl);
	list = NULL;
	nl = 0;
	assert_int_equal(ini_list(&f, "a", "d", true, &list, &nl), -1);
	has(e.msg, "第 3 行：[a] d 中 “x” 重复");
	ini_list_free(list, nl);
	ini_close(&f);
	unlink(path);
}

static void test_file_checks(void **state)
{
	(void)state;
	open_fails(&plain, "\xEF\xBB\xBF[a]\n", "第 1 行", "BOM", NULL);
	open_fails(&plain, "[a]\nx = \xB5\xCD\n", "第 2 行", "UTF-8", NULL);
	open_fails(&plain, "[a]\nx = 1\n\n[A]\n", "第 4 行", "节 [A] 重复（第 1 行已有）",
		   NULL);
	open_fails(&plain, "[a]\nx = 1\nX = 2\n", "第 3 行", "[a] x 重复（第 2 行已有）",
		   NULL);
	open_fails(&plain, "x = 1\n[a]\n", "第 1 行", "不在任何节内", NULL);
	open_fails(&plain, "[a]\nwhat is this\n", "第 2 行", "“what is this” 无法识别",
		   NULL);
	open_fails(&plain, "[a\n", "第 1 行", "右方括号", NULL);
	open_fails(&plain, "[a]\nx = 1; 2\n", "第 2 行", "英文的 ; 或 #", NULL);
	open_fails(&plain, "[a]\nq = SELECT \\\n 1\n", "第 2 行", "续行符", NULL);
	char long_line[1200];
	snprintf(long_line, sizeof long_line, "[a]\nx = %01100d\n", 0);
	open_fails(&plain, long_line, "第 2 行", "超过 1000 字节", NULL);

	struct ini f;
	struct err e = { "" };
	assert_int_equal(ini_open(&f, "/tmp/jz-no-such/x.ini", &plain, &e), -1);
	has(e.msg, "无法读取测试文件 /tmp/jz-no-such/x.ini：文件不存在");
}

static void test_continuation(void **state)
{
	struct ini f;
	struct err e = { "" };
	char **list = NULL;
	size_t n = 0;
	(void)state;
	write_text("[r]\nq = SELECT a, \\\n  b FROM t ; note\nl = 甲、乙\nafter = 1\n");
	assert_int_equal(ini_open(&f, path, &cont, &e), 0);
	assert_non_null(strstr(ini_get(&f, "r", "q"), "b FROM t"));
	assert_int_equal(ini_line(&f, "r", "q"), 2);
	assert_int_equal(ini_line(&f, "r", "after"), 5);
	assert_int_equal(ini_list(&f, "r", "l", true, &list, &n), 0);
	assert_int_equal(n, 2);
	ini_list_free(list, n);
	ini_close(&f);
	unlink(path);
}

static bool is_limits_kind(const char *sec)
{
	return strncmp(sec, "limits.", 7) == 0 && sec[7] != '\0';
}

static bool is_year(const char *key)
{
	return key[0] == 'y' && strlen(key) == 5;
}

static void test_names(void **state)
{
	static const char *const limit_keys[] = { "total", "accept", NULL };
	static const struct ini_rule rules[] = {
		{ "limits", NULL, limit_keys, NULL, NULL },
		{ NULL, is_limits_kind, limit_keys, NULL, NULL },
		{ "holidays", NULL, NULL, is_year, "y2025 …" },
		{ NULL, NULL, NULL, NULL, NULL },
	};
	struct ini f;
	struct err e = { "" };
	(void)state;
	write_text("[limits]\ntotal = 1\n[limits.tekun]\naccept = 2\n[holidays]\ny2025 = x\n");
	assert_int_equal(ini_open(&f, path, &plain, &e), 0);
	assert_int_equal(ini_check_names(&f, rules, "[limits]"), 0);
	ini_close(&f);
	write_text("[limits]\ntotl = 1\n");
	assert_int_equal(ini_open(&f, path, &plain, &e), 0);
	assert_int_equal(ini_check_names(&f, rules, "[limits]"), -1);
	has(e.msg, "第 2 行：[limits] 中有未知的键 totl（可用：total、accept）");
	ini_close(&f);
	write_text("[holidays]\ny25 = 1\n");
	assert_int_equal(ini_open(&f, path, &plain, &e), 0);
	assert_int_equal(ini_check_names(&f, rules, "[limits]"), -1);
	has(e.msg, "未知的键 y25（可用：y2025 …）");
	ini_close(&f);
	write_text("; x\n[Colours]\n");
	assert_int_equal(ini_open(&f, path, &plain, &e), 0);
	assert_int_equal(ini_check_names(&f, rules, "[limits]、[holidays]"), -1);
	has(e.msg, "第 2 行：未知的节 [Colours]（可用：[limits]、[holidays]）");
	ini_close(&f);
	unlink(path);
}

/* iniparser's own complaints must not reach the terminal. */
static void test_silent(void **state)
{
	struct ini f;
	struct err e = { "" };
	FILE *saved = tmpfile();
	int fd = dup(2);
	(void)state;
	assert_non_null(saved);
	/* passes the scan (continuation) but is too long for iniparser */
	char text[3000] = "[r]\nq = x";
	for (int i = 0; i < 3; i++)
		strcat(text, " \\\n  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	strcat(text, "\n");
	write_text(text);
	dup2(fileno(saved), 2);
	int rc = ini_open(&f, path, &cont, &e);
	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	if (rc == 0)
		ini_close(&f);
	assert_int_equal(fseek(saved, 0, SEEK_END), 0);
	assert_int_equal(ftell(saved), 0);
	fclose(saved);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_and_order),
		cmocka_unit_test(test_getters),
		cmocka_unit_test(test_file_checks),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_silent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
