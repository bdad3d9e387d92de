/* Tests for src/core/office/config.c: the shipped tuiconfig.ini loads with the
 * seed's (Chongqing) values, and every kind of mistake in a file is an
 * error naming the file and the key or line. Run from the source root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/office/config.h"

/* A small valid file: every required key, nothing optional. */
static const char base[] =
	"; test\n"
	"[office]\n"
	"county = 垫江县\n"
	"township = 澄溪镇\n"
	"villages = 太平村，大路村、高峰村, 澄溪社区\n"
	"complaint_phone = 023-74512345\n"
	"\n"
	"[store]\n"
	"path = jiuzhu.db\n"
	"mode = shared\n"
	"busy_timeout_ms = 5000\n"
	"\n"
	"[limits]\n"
	"accept = 2\n"
	"investigate = 2\n"
	"total = 25\n"
	"total_delegated = 20\n"
	"total_special = 40\n"
	"county = 10\n"
	"publicity_days = 7\n"
	"refusal_notice = 3\n"
	"missing_materials = 10\n"
	"helper_handle = 5\n"
	"\n"
	"[holidays]\n"
	"y2025 = 01-01, 01-28..02-04\n"
	"[workdays]\n"
	"y2025 = 01-26, 02-08\n";

static char tmp_path[64];

/* base with the first `from` replaced by `to`, written to a temp file. */
static const char *write_variant(const char *from, const char *to)
{
	const char *at = strstr(base, from);
	FILE *f;
	int fd;
	assert_non_null(at);
	strcpy(tmp_path, "/tmp/jz-config-XXXXXX");
	fd = mkstemp(tmp_path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fprintf(f, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
	assert_int_equal(fclose(f), 0);
	return tmp_path;
}

static void assert_has(const char *msg, const char *want)
{
	if (strstr(msg, want) == NULL)
		fail_msg("message “%s” lacks “%s”", msg, want);
}

/* Loading fails, *c is left empty, and the message holds the file name
 * and each of the wanted fragments (NULL-terminated). */
static void expect_error(const char *from, const char *to, ...)
{
	struct config c;
	struct err e = { "" };
	const char *path = write_variant(from, to), *want;
	va_list ap;
	memset(&c, 0x5a, sizeof c);
	assert_int_equal(config_load(path, &c, &e), -1);
	assert_has(e.msg, path);
	va_start(ap, to);
	while ((want = va_arg(ap, const char *)) != NULL)
		assert_has(e.msg, want);
	va_end(ap);
	assert_null(c.villages);
	assert_int_equal(c.n_villages, 0);
	assert_null(c.cal.off);
	unlink(path);
}

static void test_shipped(void **state)
{
	struct config c;
	struct err e = { "" };
	char cwd[PATH_MAX], want[PATH_MAX + 32];
	const struct limits *l;
	(void)state;
	if (config_load("tuiconfig.ini", &c, &e) != 0)
		fail_msg("%s", e.msg);
	assert_non_null(getcwd(cwd, sizeof cwd));

	assert_string_equal(c.county, "垫江县");
	assert_string_equal(c.township, "澄溪镇");
	assert_int_equal(c.n_villages, 8);
	assert_string_equal(c.villages[0], "澄溪社区");
	assert_string_equal(c.villages[1], "太平村");
	assert_string_equal(c.complaint_phone, "023-74512345");

	snprintf(want, sizeof want, "%s/jiuzhu.db", cwd);
	assert_string_equal(c.store_path, want);
	snprintf(want, sizeof want, "%s/forms", cwd);
	assert_string_equal(c.forms_dir, want);
	snprintf(want, sizeof want, "%s/reports", cwd);
	assert_string_equal(c.reports_dir, want);
	snprintf(want, sizeof want, "%s/tuiconfig.ini", cwd);
	assert_string_equal(c.path, want);
	assert_string_equal(c.dir, cwd);
	assert_int_equal(c.mode, STORE_LOCAL);
	assert_int_equal(c.busy_timeout_ms, 5000);

	/* the seed's figures (seed 001, Chongqing) */
	assert_int_equal(c.limits.accept, 2);
	assert_int_equal(c.limits.investigate, 2);
	assert_int_equal(c.limits.total, 25);
	assert_int_equal(c.limits.total_delegated, 20);
	assert_int_equal(c.limits.total_special, 40);
	assert_int_equal(c.limits.county, 10);
	assert_int_equal(c.limits.publicity_days, 7);
	assert_int_equal(c.limits.refusal_notice, 3);
	assert_int_equal(c.limits.missing_materials, 10);
	assert_int_equal(c.limits.helper_handle, 5);

	/* 特困 overrides total and county, inherits the rest */
	l = config_limits(&c, "tekun");
	assert_ptr_not_equal(l, &c.limits);
	assert_int_equal(l->total, 30);
	assert_int_equal(l->county, 15);
	assert_int_equal(l->accept, 2);
	assert_int_equal(l->publicity_days, 7);
	/* 特困: initial opinion within 15 working days, 30 in all, delegated or not */
	assert_int_equal(l->initial_review, 15);
	assert_int_equal(l->total_delegated, 30);
	assert_int_equal(c.limits.initial_review, 0);
	assert_ptr_equal(config_limits(&c, "dibao"), &c.limits);
	assert_ptr_equal(config_limits(&c, "nosuchkind"), &c.limits);

	assert_int_equal(c.n_quarterly_due, 3);
	assert_int_equal(c.quarterly_due[0][0], 6);
	assert_int_equal(c.quarterly_due[0][1], 25);
	assert_int_equal(c.quarterly_due[2][0], 12);
	assert_int_equal(c.quarterly_due[2][1], 25);

	assert_int_equal(c.n_reviews, 3);
	assert_int_equal(config_review(&c, "stable")->months, 12);
	assert_string_equal(config_review(&c, "stable")->label, "收入基本稳定");
	assert_int_equal(config_review(&c, "irregular")->months, 6);
	assert_int_equal(config_review(&c, "tekun")->months, 12);
	assert_null(config_review(&c, "weekly"));

	assert_int_equal(c.alert_lead_days, 2);
	assert_int_equal(c.recert_lead_days, 30);
	assert_int_equal(c.recert_months, 12);

	/* 2023–2026 as published: off days and make-up days counted by hand */
	assert_int_equal(c.cal.first_year, 2023);
	assert_int_equal(c.cal.last_year, 2026);
	assert_int_equal(c.cal.n_off, 26 + 28 + 28 + 33);
	assert_int_equal(c.cal.n_work, 7 + 8 + 5 + 6);
	assert_false(calendar_is_workday(&c.cal, date_from_ymd(2024, 2, 16)));
	assert_true(calendar_is_workday(&c.cal, date_from_ymd(2024, 2, 18)));

	assert_int_equal(c.use_color, 1);
	assert_int_equal(c.xlsx_compression, 1);
	assert_string_equal(c.color_fg, "default");
	assert_string_equal(c.color_bg, "default");
	assert_string_equal(c.color_accent, "cyan");
	assert_string_equal(c.color_alert, "red");

	config_free(&c);
	assert_null(c.villages);
}

/* Optional sections missing: their documented defaults. */
static void test_minimal_defaults(void **state)
{
	struct config c;
	struct err e = { "" };
	const char *path = write_variant("; test\n", "");
	(void)state;
	if (config_load(path, &c, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(c.n_villages, 4);
	assert_string_equal(c.villages[1], "大路村");
	assert_string_equal(c.villages[2], "高峰村");
	assert_string_equal(c.store_path, "/tmp/jiuzhu.db");
	assert_string_equal(c.forms_dir, "/tmp/forms");
	assert_string_equal(c.reports_dir, "/tmp/reports");
	assert_int_equal(c.mode, STORE_SHARED);
	assert_int_equal(c.n_kind_limits, 0);
	assert_int_equal(c.n_quarterly_due, 3);
	assert_int_equal(c.quarterly_due[1][0], 9);
	assert_int_equal(c.n_reviews, 3);
	assert_int_equal(config_review(&c, "irregular")->months, 6);
	assert_int_equal(c.alert_lead_days, 2);
	assert_int_equal(c.recert_lead_days, 30);
	assert_int_equal(c.recert_months, 12);	/* the national rule when absent */
	/* the optional limits the alerts read (issue 9) */
	assert_int_equal(c.limits.initial_review, 0);
	assert_int_equal(c.limits.county_filing, 0);
	assert_int_equal(c.limits.helper_close, 5);
	assert_int_equal(c.limits.referral_reply, 10);
	assert_int_equal(c.use_color, 1);
	assert_string_equal(c.color_accent, "cyan");
	assert_int_equal(c.xlsx_compression, 1);	/* [export] absent: fastest */
	assert_int_equal(c.cal.first_year, 2025);
	assert_int_equal(c.cal.last_year, 2025);
	assert_int_equal(c.cal.n_off, 9);
	assert_int_equal(c.cal.n_work, 2);
	config_free(&c);
	unlink(path);
}

static void test_absolute_store(void **state)
{
	struct config c;
	struct err e = { "" };
	const char *path = write_variant("path = jiuzhu.db", "path = /srv/jz/county.db");
	(void)state;
	if (config_load(path, &c, &e) != 0)
		fail_msg("%s", e.msg);
	assert_string_equal(c.store_path, "/srv/jz/county.db");
	config_free(&c);
	unlink(path);
}

static void test_missing_file(void **state)
{
	struct config c;
	struct err e = { "" };
	(void)state;
	assert_int_equal(config_load("/tmp/jz-no-such-dir/tuiconfig.ini", &c, &e), -1);
	assert_has(e.msg, "无法读取配置文件 /tmp/jz-no-such-dir/tuiconfig.ini");
	assert_has(e.msg, "不存在");
}

static void test_missing_key(void **state)
{
	(void)state;
	expect_error("total = 25\n", "", "[limits] 缺少 total", NULL);
	expect_error("county = 垫江县\n", "", "[office] 缺少 county", NULL);
	expect_error("mode = shared\n", "", "[store] 缺少 mode", NULL);
	expect_error("[store]\npath = jiuzhu.db\nmode = shared\nbusy_timeout_ms = 5000\n",
		     "", "[store] 缺少 path", NULL);
}

static void test_bad_integers(void **state)
{
	(void)state;
	expect_error("total = 25", "total = abc", "[limits] total", "“abc”", "不是整数",
		     NULL);
	expect_error("total = 25", "total = 25天", "[limits] total", "不是整数", NULL);
	expect_error("total = 25", "total = 2.5", "[limits] total", "不是整数", NULL);
	expect_error("total = 25", "total =", "[limits] total", "为空", NULL);
	expect_error("accept = 2", "accept = -1", "[limits] accept", "负数", NULL);
	expect_error("accept = 2", "accept = 0", "[limits] accept", "超出范围", NULL);
	expect_error("accept = 2", "accept = 99999999999999999999", "[limits] accept",
		     "超出范围", NULL);
	expect_error("busy_timeout_ms = 5000", "busy_timeout_ms = 9000000",
		     "[store] busy_timeout_ms", NULL);
	/* an override section is checked the same way */
	expect_error("helper_handle = 5\n", "helper_handle = 5\ninitial_review = -1\n",
		     "[limits] initial_review", "负数", NULL);
	expect_error("helper_handle = 5\n", "helper_handle = 5\nhelper_close = 0\n",
		     "[limits] helper_close", "超出范围", NULL);
	expect_error("[holidays]", "[limits.tekun]\ntotal = x\n[holidays]",
		     "[limits.tekun] total", "“x”", NULL);
	expect_error("[holidays]", "[alerts]\nrecert_months = 0\n[holidays]", "[alerts] recert_months",
		     "超出范围", NULL);
	/* zlib's levels are 1 … 9 (0 would store the parts uncompressed) */
	expect_error("[holidays]", "[export]\ncompression = 0\n[holidays]",
		     "[export] compression", "超出范围", NULL);
	expect_error("[holidays]", "[export]\ncompression = 10\n[holidays]",
		     "[export] compression", "超出范围", NULL);
	expect_error("[holidays]", "[export]\ncompression = fast\n[holidays]",
		     "[export] compression", "“fast”", NULL);
	expect_error("[holidays]", "[export]\nlevel = 1\n[holidays]", "[export]", "level", NULL);
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_error("mode = shared", "mode = nfs", "[store] mode", "“nfs”", NULL);
	expect_error("villages = 太平村，", "villages = 太平村,,",
		     "[office] villages", NULL);
	expect_error("villages = 太平村，", "villages = 大路村,", "[office] villages",
		     "重复", NULL);
	expect_error("complaint_phone = 023-74512345", "complaint_phone = 找张三",
		     "[office] complaint_phone", NULL);
	expect_error("[holidays]", "[display]\ncolor = maybe\n[holidays]",
		     "[display] color", "“maybe”", NULL);
	expect_error("[holidays]", "[display]\naccent = orange\n[holidays]",
		     "[display] accent", "“orange”", NULL);
	expect_error("[holidays]", "[review]\nstable = 12\n[holidays]",
		     "[review] stable", NULL);
	expect_error("[holidays]", "[review]\nstable = 0, 稳定\n[holidays]",
		     "[review] stable", NULL);
	expect_error("[holidays]", "[quarterly]\ndue = 06-31\n[holidays]",
		     "[quarterly] due", "06-31", NULL);
}

/* [periods]: publicity from the next day by default, the posting day when
 * the county says so; the special cases from the file, else the law's. */
static void test_periods(void **state)
{
	struct config c;
	struct err e;
	(void)state;
	assert_int_equal(config_load(write_variant("[holidays]", "[holidays]"), &c, &e), 0);
	unlink(tmp_path);
	assert_int_equal(c.publicity_counts_posting_day, 0);
	assert_int_equal(config_publicity_end(&c, date_from_ymd(2025, 9, 29), 7), date_from_ymd(2025, 10, 6));
	assert_int_equal(c.n_special_reasons, 4);
	assert_string_equal(c.special_reasons[0], "公示有异议");
	assert_true(config_special_reason(&c, "人户分离") && config_special_reason(&c, "异地申办") &&
		    config_special_reason(&c, "调查困难"));
	assert_false(config_special_reason(&c, "工作太忙"));
	config_free(&c);
	assert_int_equal(config_load(write_variant("[holidays]", "[periods]\npublicity_starts = posting_day\n"
						   "special_reasons = 公示有异议, 重大疾病\n[holidays]"), &c, &e), 0);
	unlink(tmp_path);
	assert_int_equal(config_publicity_end(&c, date_from_ymd(2025, 9, 29), 7), date_from_ymd(2025, 10, 5));
	assert_int_equal(c.n_special_reasons, 2);
	assert_true(config_special_reason(&c, "重大疾病"));
	assert_false(config_special_reason(&c, "人户分离"));
	config_free(&c);
	expect_error("[holidays]", "[periods]\npublicity_starts = tomorrow\n[holidays]",
		     "[periods] publicity_starts", "“tomorrow”", NULL);
	expect_error("[holidays]", "[periods]\nspecial_reasons =\n[holidays]",
		     "[periods] special_reasons", NULL);
}

static void test_bad_calendar(void **state)
{
	(void)state;
	expect_error("01-28..02-04", "01-28..02-04, 02-30", "[holidays] y2025", "02-30",
		     NULL);
	expect_error("01-28..02-04", "1-28..02-04", "[holidays] y2025", "1-28", NULL);
	expect_error("01-28..02-04", "02-04..01-28", "[holidays] y2025", NULL);
	/* a make-up workday must fall on a weekend: 2025-01-27 is a Monday */
	expect_error("y2025 = 01-26, 02-08", "y2025 = 01-27", "[workdays] y2025",
		     "01-27", NULL);
	/* Sat 2025-02-01 both off and worked */
	expect_error("y2025 = 01-26, 02-08", "y2025 = 02-01", "[workdays] y2025",
		     "02-01", NULL);
	expect_error("[workdays]\ny2025", "y2027 = 01-01\n[workdays]\ny2025",
		     "[holidays]", "y2026", NULL);
	expect_error("[workdays]\ny2025 = 01-26, 02-08",
		     "[workdays]\ny2025 = 01-26, 02-08\ny2024 = 02-04",
		     "[workdays] y2024", NULL);
	expect_error("y2025 = 01-01,", "y25 = 01-01,", "[holidays]", "y25", NULL);
}

static void test_unknown_names(void **state)
{
	(void)state;
	expect_error("total = 25", "totl = 25", "[limits]", "totl", NULL);
	expect_error("[holidays]", "[limit]\naccept = 2\n[holidays]", "[limit]", "未知",
		     NULL);
	expect_error("[holidays]", "[colours]\n[holidays]", "[colours]", NULL);
	expect_error("[holidays]", "[limits.di-bao]\ntotal = 30\n[holidays]",
		     "[limits.di-bao]", NULL);
	expect_error("; test\n", "debug = 1\n", "debug", NULL);
}

static void test_bad_lines(void **state)
{
	struct config c;
	struct err e = { "" };
	const char *path;
	FILE *saved = tmpfile();
	int fd = dup(2);
	(void)state;

	/* line 3 of base is county = … */
	expect_error("county = 垫江县\n", "county: 垫江县\n", "第 3 行", "county", NULL);
	expect_error("[store]\n", "[store\n", "第 8 行", NULL);
	expect_error("total = 25\n", "total = 25\ntotal = 30\n", "第 17 行",
		     "[limits] total", "重复", NULL);
	expect_error("; test\n", "\xEF\xBB\xBF; test\n", "BOM", NULL);
	expect_error("township = 澄溪镇", "township = \xB3\xCE\xCF\xAA", "第 4 行",
		     "UTF-8", NULL);

	/* iniparser must not print: the core never writes to the terminal */
	assert_non_null(saved);
	dup2(fileno(saved), 2);
	path = write_variant("[office]\n", "[office]\nno equals sign here\n");
	assert_int_equal(config_load(path, &c, &e), -1);
	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	assert_int_equal(fseek(saved, 0, SEEK_END), 0);
	assert_int_equal(ftell(saved), 0);
	fclose(saved);
	assert_has(e.msg, "第 3 行");
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_minimal_defaults),
		cmocka_unit_test(test_absolute_store),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_bad_integers),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_bad_calendar),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_bad_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
