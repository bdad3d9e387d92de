/* Tests for src/core/office/validate.c. Check characters were worked out from
 * GB 11643-1999 (MOD 11-2) apart from the code, and the two standard
 * examples come from the standard itself. Run from the source root: the
 * region table is read from forms/catalogue/regions.txt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/office/validate.h"

#define REGIONS "forms/catalogue/regions.txt"

static date_t today;	/* 2024-06-01, fixed */

static int setup(void **state)
{
	struct err e = { "" };
	struct validator *v = validator_new(REGIONS, &e);
	if (v == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	today = date_from_ymd(2024, 6, 1);
	*state = v;
	return 0;
}

static int teardown(void **state)
{
	validator_free(*state);
	return 0;
}

/* Asserts that validation failed with a message containing want. */
#define assert_fails(call, e, want) do { \
	(e).msg[0] = '\0'; \
	assert_int_equal((call), -1); \
	if (strstr((e).msg, (want)) == NULL) \
		fail_msg("message “%s” lacks “%s”", (e).msg, (want)); \
} while (0)

static void assert_id(struct validator *v, const char *text, const char *number,
		      char sex, int y, int m, int d, bool known, bool upgraded)
{
	struct err e = { "" };
	struct idcard id;
	memset(&id, 0x55, sizeof id);
	if (validate_id(v, text, today, &id, &e) != 0)
		fail_msg("“%s” refused: %s", text, e.msg);
	assert_string_equal(id.number, number);
	assert_int_equal(id.sex, sex);
	assert_int_equal(id.birth, date_from_ymd(y, m, d));
	assert_int_equal(id.region_known, known);
	assert_int_equal(id.upgraded, upgraded);
}

static void test_id_standard_examples(void **state)
{
	assert_id(*state, "11010519491231002X", "11010519491231002X", 'F', 1949, 12, 31, true, false);
	assert_id(*state, "440524188001010014", "440524188001010014", 'M', 1880, 1, 1, true, false);
}

static void test_id_more_good(void **state)
{
	struct validator *v = *state;
	assert_id(v, "500231199001011233", "500231199001011233", 'M', 1990, 1, 1, true, false);
	assert_id(v, "500233198506150026", "500233198506150026", 'F', 1985, 6, 15, true, false);
	/* 2000 is a leap year. */
	assert_id(v, "511703200002290043", "511703200002290043", 'F', 2000, 2, 29, true, false);
	/* Abolished 达县 (now 达川区): still listed, still valid. */
	assert_id(v, "511721196510203579", "511721196510203579", 'M', 1965, 10, 20, true, false);
	assert_id(v, "500101201808088879", "500101201808088879", 'M', 2018, 8, 8, true, false);
	/* Born today is fine. */
	assert_id(v, "500231202406010014", "500231202406010014", 'M', 2024, 6, 1, true, false);
}

static void test_id_lower_x_and_blanks(void **state)
{
	struct validator *v = *state;
	assert_id(v, "11010519491231002x", "11010519491231002X", 'F', 1949, 12, 31, true, false);
	assert_id(v, "  440524188001010014\t\n", "440524188001010014", 'M', 1880, 1, 1, true, false);
	/* U+3000, the ideographic space of Chinese input methods. */
	assert_id(v, "\xE3\x80\x80" "11010519491231002X" "\xE3\x80\x80",
		  "11010519491231002X", 'F', 1949, 12, 31, true, false);
}

static void test_id_legacy_15(void **state)
{
	struct validator *v = *state;
	assert_id(v, "110105491231002", "11010519491231002X", 'F', 1949, 12, 31, true, true);
	assert_id(v, " 440524800101001 ", "440524198001010013", 'M', 1980, 1, 1, true, true);

	struct err e;
	assert_fails(validate_id(v, "110105490230002", today, NULL, &e), e, "1949-02-30 不存在");
	assert_fails(validate_id(v, "990105491231002", today, NULL, &e), e, "省份代码 99 不存在");
}

static void test_id_unknown_region_is_warning(void **state)
{
	struct validator *v = *state;
	assert_id(v, "500199199001011235", "500199199001011235", 'M', 1990, 1, 1, false, false);

	/* Without a table every code is unknown, but still valid. */
	struct err e = { "" };
	struct validator *bare = validator_new(NULL, &e);
	assert_non_null(bare);
	assert_id(bare, "11010519491231002X", "11010519491231002X", 'F', 1949, 12, 31, false, false);
	assert_null(validator_region(bare, "110105"));
	validator_free(bare);
}

static void test_id_bad_check(void **state)
{
	struct err e;
	assert_fails(validate_id(*state, "110105194912310021", today, NULL, &e), e,
		     "身份证号码校验位错误：应为 X，实为 1");
	assert_fails(validate_id(*state, "500231199001011234", today, NULL, &e), e,
		     "应为 3，实为 4");
	assert_fails(validate_id(*state, "44052418800101001X", today, NULL, &e), e,
		     "应为 4，实为 X");
}

static void test_id_bad_dates(void **state)
{
	struct validator *v = *state;
	struct err e;
	/* Each has a correct check character, so only the date is wrong. */
	assert_fails(validate_id(v, "500231199002301232", today, NULL, &e), e,
		     "身份证号码中的出生日期 1990-02-30 不存在");
	assert_fails(validate_id(v, "500102190002291232", today, NULL, &e), e,
		     "1900-02-29 不存在");
	assert_fails(validate_id(v, "500231203001011232", today, NULL, &e), e,
		     "出生日期 2030-01-01 晚于今天");
	assert_fails(validate_id(v, "50023120240602001X", today, NULL, &e), e,
		     "2024-06-02 晚于今天");
	assert_fails(validate_id(v, "500231187912311239", today, NULL, &e), e,
		     "1879-12-31 早于 1880 年");
	assert_fails(validate_id(v, "500231199013011233", today, NULL, &e), e,
		     "1990-13-01 不存在");
}

static void test_id_bad_province(void **state)
{
	struct err e;
	assert_fails(validate_id(*state, "990101199001011230", today, NULL, &e), e,
		     "身份证号码的省份代码 99 不存在");
	assert_fails(validate_id(*state, "160101199001011230", today, NULL, &e), e,
		     "省份代码 16 不存在");
	assert_fails(validate_id(*state, "000000199001011230", today, NULL, &e), e,
		     "省份代码 00 不存在");
}

static void test_id_bad_shape(void **state)
{
	struct validator *v = *state;
	struct err e;
	assert_fails(validate_id(v, "11010519491231002", today, NULL, &e), e,
		     "身份证号码应为18位（或15位旧号码），现为 17 位");
	assert_fails(validate_id(v, "11010519491231002X1", today, NULL, &e), e, "现为 19 位");
	assert_fails(validate_id(v, "", today, NULL, &e), e, "身份证号码为空");
	assert_fails(validate_id(v, "   ", today, NULL, &e), e, "身份证号码为空");
	assert_fails(validate_id(v, "11010519491231002A", today, NULL, &e), e,
		     "第 18 位（校验位）应为数字或 X，实为“A”");
	assert_fails(validate_id(v, "1101051949123100X2", today, NULL, &e), e,
		     "第 17 位应为数字，实为“X”");
	assert_fails(validate_id(v, "11010549123100X", today, NULL, &e), e,
		     "第 15 位应为数字");
	assert_fails(validate_id(v, "1101 0519491231002X", today, NULL, &e), e,
		     "现为 19 位");
	/* Full-width digits count as characters, not bytes. */
	assert_fails(validate_id(v, "\xEF\xBC\x91" "1010519491231002X", today, NULL, &e), e,
		     "第 1 位“１”是全角数字");
	assert_fails(validate_id(v, "\xFF" "1010519491231002X", today, NULL, &e), e,
		     "不是 UTF-8");
}

static void test_regions(void **state)
{
	struct validator *v = *state;
	assert_string_equal(validator_region(v, "110105"), "朝阳区");
	assert_string_equal(validator_region(v, "500231"), "垫江县");
	assert_string_equal(validator_region(v, "500233"), "忠县");
	assert_string_equal(validator_region(v, "500102"), "涪陵区");
	assert_string_equal(validator_region(v, "500101"), "万州区");
	assert_string_equal(validator_region(v, "500243"), "彭水苗族土家族自治县");
	assert_string_equal(validator_region(v, "511700"), "达州市");
	assert_string_equal(validator_region(v, "511703"), "达川区");
	assert_string_equal(validator_region(v, "500000"), "重庆市");
	assert_string_equal(validator_region(v, "650000"), "新疆维吾尔自治区");
	assert_string_equal(validator_region(v, "820000"), "澳门特别行政区");
	assert_null(validator_region(v, "500199"));
	assert_null(validator_region(v, "5002"));
	assert_null(validator_region(v, "50023a"));
	assert_null(validator_region(v, NULL));
}

/* Writes text to a fresh temporary file; the caller unlinks path. */
static void write_temp(char path[64], const char *text)
{
	strcpy(path, "/tmp/jz-regions-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_regions_file(void **state)
{
	(void)state;
	char path[64];
	struct err e = { "" };
	struct validator *v;

	/* A BOM, CRLF line ends, comments and blank lines are all fine. */
	write_temp(path, "\xEF\xBB\xBF# 注释\r\n\r\n500231 垫江县\r\n  500233\t忠县  \r\n");
	v = validator_new(path, &e);
	if (v == NULL)
		fail_msg("%s", e.msg);
	assert_string_equal(validator_region(v, "500231"), "垫江县");
	assert_string_equal(validator_region(v, "500233"), "忠县");
	validator_free(v);
	unlink(path);

	write_temp(path, "# 注释\n500231 垫江县\n50023 忠县\n");
	e.msg[0] = '\0';
	assert_null(validator_new(path, &e));
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "第 3 行"));
	unlink(path);

	write_temp(path, "500231 垫江县\n500233\n");
	assert_null(validator_new(path, &e));
	assert_non_null(strstr(e.msg, "第 2 行"));
	assert_non_null(strstr(e.msg, "地区名称"));
	unlink(path);

	write_temp(path, "500231 垫江县\n500233 忠县\n500231 垫江\n");
	assert_null(validator_new(path, &e));
	assert_non_null(strstr(e.msg, "第 3 行"));
	assert_non_null(strstr(e.msg, "500231 重复"));
	unlink(path);

	write_temp(path, "990101 某地\n");
	assert_null(validator_new(path, &e));
	assert_non_null(strstr(e.msg, "第 1 行"));
	assert_non_null(strstr(e.msg, "省份代码 99 不存在"));
	unlink(path);

	assert_null(validator_new("/nonexistent/regions.txt", &e));
	assert_non_null(strstr(e.msg, "/nonexistent/regions.txt"));
}

static void test_phones_good(void **state)
{
	struct validator *v = *state;
	struct err e = { "" };
	const char *good[] = {
		"13812345678", "19912345678", "15023456789", " 17700001111 ",
		"023-12345678", "02312345678", "0818-1234567", "08181234567",
		"023-12345678-123", "010-87654321",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		if (validate_phone(v, good[i], &e) != 0)
			fail_msg("“%s” refused: %s", good[i], e.msg);
	assert_int_equal(validate_phone(v, "\t19912345678", &e), 0);
}

static void test_phones_bad(void **state)
{
	struct validator *v = *state;
	struct err e;
	/* A number starting with 1 is read as a mobile one. */
	assert_fails(validate_phone(v, "12345678901", &e), e, "手机号码第二位应为 3–9，实为 2");
	assert_fails(validate_phone(v, "1381234567", &e), e, "手机号码应为11位，现为 10 位");
	assert_fails(validate_phone(v, "138123456789", &e), e, "现为 12 位");
	assert_fails(validate_phone(v, "138-1234-5678", &e), e, "只能包含数字");
	assert_fails(validate_phone(v, "12812345678", &e), e, "第二位应为 3–9");
	assert_fails(validate_phone(v, "12345678", &e), e, "固定电话要带区号");
	assert_fails(validate_phone(v, "6123456", &e), e, "固定电话要带区号");
	assert_fails(validate_phone(v, "6123-45678", &e), e, "以 0 开头带区号");
	assert_fails(validate_phone(v, "023-1234567890", &e), e, "固定电话格式不正确");
	assert_fails(validate_phone(v, "023-123456", &e), e, "固定电话格式不正确");
	assert_fails(validate_phone(v, "0-12345678", &e), e, "固定电话格式不正确");
	assert_fails(validate_phone(v, "023-12345678-", &e), e, "固定电话格式不正确");
	assert_fails(validate_phone(v, "电话", &e), e, "以 0 开头带区号");
	assert_fails(validate_phone(v, " ", &e), e, "电话号码为空");
}

static void test_names_good(void **state)
{
	struct validator *v = *state;
	struct err e = { "" };
	const char *good[] = {
		"张三", "欧阳娜娜", "阿依古丽·买买提", " 李四 ",
		"爱新觉罗·溥仪", "阿卜杜·热合曼·艾买提",
		"一二三四五六七八九十一二三四五六七八九十",	/* 20 */
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		if (validate_name(v, good[i], &e) != 0)
			fail_msg("“%s” refused: %s", good[i], e.msg);
}

static void test_names_bad(void **state)
{
	struct validator *v = *state;
	struct err e;
	assert_fails(validate_name(v, "Zhang San", &e), e,
		     "姓名只能包含汉字和间隔号“·”，不能有“Z”");
	assert_fails(validate_name(v, "张San", &e), e, "不能有“S”");
	assert_fails(validate_name(v, "王5", &e), e, "不能有“5”");
	assert_fails(validate_name(v, "张", &e), e, "姓名应为 2–20 个字符，现为 1 个");
	assert_fails(validate_name(v, "一二三四五六七八九十一二三四五六七八九十一", &e), e,
		     "现为 21 个");
	assert_fails(validate_name(v, "·张三", &e), e, "不能以间隔号“·”开头或结尾");
	assert_fails(validate_name(v, "张三·", &e), e, "不能以间隔号“·”开头或结尾");
	assert_fails(validate_name(v, "阿依古丽··买买提", &e), e, "连续的间隔号");
	assert_fails(validate_name(v, "阿依古丽.买买提", &e), e, "间隔号应为“·”，不是“.”");
	assert_fails(validate_name(v, "阿依古丽•买买提", &e), e, "不是“•”");
	assert_fails(validate_name(v, "阿依古丽・买买提", &e), e, "不是“・”");
	/* Punctuation that PCRE2 counts among Han's script extensions. */
	assert_fails(validate_name(v, "张。三", &e), e, "不是“。”");
	assert_fails(validate_name(v, "张、三", &e), e, "不能有“、”");
	assert_fails(validate_name(v, "「张三」", &e), e, "不能有“「”");
	assert_fails(validate_name(v, "张 三", &e), e, "姓名中不能有空格");
	assert_fails(validate_name(v, "", &e), e, "姓名为空");
	assert_fails(validate_name(v, "\xE5\xBC\xA0\xFF", &e), e, "不是 UTF-8");
}

static void test_patterns(void **state)
{
	(void)state;
	struct err e = { "" };
	struct pattern *p = pattern_compile("低保|特困", &e);
	assert_non_null(p);
	assert_true(pattern_match(p, "低保"));
	assert_true(pattern_match(p, "特困"));
	assert_false(pattern_match(p, "低保边缘"));	/* whole string only */
	assert_false(pattern_match(p, "非低保"));
	assert_false(pattern_match(p, ""));
	pattern_free(p);

	/* . is one character, not one byte. */
	p = pattern_compile("..村", &e);
	assert_non_null(p);
	assert_true(pattern_match(p, "石桥村"));
	assert_false(pattern_match(p, "石村"));
	assert_false(pattern_match(p, "\xFF\xFE村"));
	pattern_free(p);

	p = pattern_compile("\\p{Han}{2,4}(村|社区)", &e);
	assert_non_null(p);
	assert_true(pattern_match(p, "石桥村"));
	assert_true(pattern_match(p, "桂溪社区"));
	assert_false(pattern_match(p, "石桥村委会"));
	assert_false(pattern_match(p, "Shiqiao村"));
	pattern_free(p);

	p = pattern_compile("\\d{4}年", &e);
	assert_non_null(p);
	assert_true(pattern_match(p, "2024年"));
	assert_false(pattern_match(p, "2024年度"));
	assert_false(pattern_match(p, "公元2024年"));
	assert_false(pattern_match(p, NULL));
	pattern_free(p);

	e.msg[0] = '\0';
	assert_null(pattern_compile("(低保", &e));
	if (strstr(e.msg, "missing closing parenthesis") == NULL ||
	    strstr(e.msg, "第 4 个字符处") == NULL || strstr(e.msg, "(低保") == NULL)
		fail_msg("unexpected message: %s", e.msg);
	assert_null(pattern_compile("低保[", &e));
	assert_non_null(strstr(e.msg, "正则表达式"));
	pattern_free(NULL);
}

static void test_mask(void **state)
{
	(void)state;
	char out[19];
	idcard_mask("11010519491231002X", out);
	assert_string_equal(out, "1101**********002X");
	idcard_mask("440524188001010014", out);
	assert_string_equal(out, "4405**********0014");
	idcard_mask("110105491231002", out);
	assert_string_equal(out, "1101*******1002");
	idcard_mask("12345678", out);	/* too short to show anything */
	assert_string_equal(out, "********");
	idcard_mask("", out);
	assert_string_equal(out, "");
	idcard_mask(NULL, out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_standard_examples),
		cmocka_unit_test(test_id_more_good),
		cmocka_unit_test(test_id_lower_x_and_blanks),
		cmocka_unit_test(test_id_legacy_15),
		cmocka_unit_test(test_id_unknown_region_is_warning),
		cmocka_unit_test(test_id_bad_check),
		cmocka_unit_test(test_id_bad_dates),
		cmocka_unit_test(test_id_bad_province),
		cmocka_unit_test(test_id_bad_shape),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_regions_file),
		cmocka_unit_test(test_phones_good),
		cmocka_unit_test(test_phones_bad),
		cmocka_unit_test(test_names_good),
		cmocka_unit_test(test_names_bad),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_mask),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
