/* The progress line's text (src/core/base/progress.c): what a clerk reads
 * while a long import or export runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/base/progress.h"

static void rate_and_time_left(void **state)
{
	(void)state;
	char s[160];
	/* 40960 of 100000 rows in 2 s: 20480 rows/s, 59040 rows left = 2.9 s. */
	progress_text(s, sizeof s, "已写", 40960, 100000, 2.0);
	assert_string_equal(s, "已写 40960 / 100000 行（40%），20480 行/秒，约剩 3 秒");
}

static void too_early_for_a_rate(void **state)
{
	(void)state;
	char s[160];
	progress_text(s, sizeof s, "已核对", 4096, 100000, 0.05);
	assert_string_equal(s, "已核对 4096 / 100000 行（4%）");
}

static void finished_has_no_time_left(void **state)
{
	(void)state;
	char s[160];
	progress_text(s, sizeof s, "已核对", 100000, 100000, 2.5);
	assert_string_equal(s, "已核对 100000 / 100000 行（100%），40000 行/秒");
}

/* An estimated total the job has already passed is not shown below it. */
static void estimate_passed(void **state)
{
	(void)state;
	char s[160];
	progress_text(s, sizeof s, "已核对", 12288, 12000, 1.0);
	assert_string_equal(s, "已核对 12288 / 12288 行（100%），12288 行/秒");
}

static void no_total(void **state)
{
	(void)state;
	char s[160];
	progress_text(s, sizeof s, "已写", 8192, -1, 4.0);
	assert_string_equal(s, "已写 8192 行，2048 行/秒");
}

static void cut_to_the_buffer(void **state)
{
	(void)state;
	char s[12];
	progress_text(s, sizeof s, "已写", 8192, 100000, 4.0);
	assert_true(strlen(s) < sizeof s);
	assert_int_equal(strncmp(s, "已写 8192", 11), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rate_and_time_left),
		cmocka_unit_test(too_early_for_a_rate),
		cmocka_unit_test(finished_has_no_time_left),
		cmocka_unit_test(estimate_passed),
		cmocka_unit_test(no_total),
		cmocka_unit_test(cut_to_the_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
