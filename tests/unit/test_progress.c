/* The progress line's text (src/core/base/progress.c): what a clerk reads
 * while a long import or export runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/base/progress.h"

static const struct {
	const char *label;
	long done, total;
	double seconds;
	const char *want;
} cases[] = {
	/* 40960 of 100000 rows in 2 s: 20480 rows/s, 59040 left = 2.9 s. */
	{ "已写", 40960, 100000, 2.0, "已写 40960 / 100000 行（40%），20480 行/秒，约剩 3 秒" },
	/* Too early for a rate. */
	{ "已核对", 4096, 100000, 0.05, "已核对 4096 / 100000 行（4%）" },
	/* Finished: no time left. */
	{ "已核对", 100000, 100000, 2.5, "已核对 100000 / 100000 行（100%），40000 行/秒" },
	/* An estimated total the job has passed is not shown below it. */
	{ "已核对", 12288, 12000, 1.0, "已核对 12288 / 12288 行（100%），12288 行/秒" },
	/* No total. */
	{ "已写", 8192, -1, 4.0, "已写 8192 行，2048 行/秒" },
};

static void texts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char s[160];
		progress_text(s, sizeof s, cases[i].label, cases[i].done, cases[i].total,
			      cases[i].seconds);
		assert_string_equal(s, cases[i].want);
	}
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
		cmocka_unit_test(texts),
		cmocka_unit_test(cut_to_the_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
