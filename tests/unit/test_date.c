/* Dates as the store keeps them, YYYY-MM-DD (src/core/base/date.c). Day
 * numbers are checked against known ones: 1970-01-01 is day 0, and Excel's
 * 46204 (the number an export writes for 2026-07-01) less 25569. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/base/date.h"

static void parse_known_days(void **state)
{
	(void)state;
	date_t d;
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("2026-07-01", &d), 0);
	assert_int_equal(d, 46204 - 25569);
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(date_parse("1999-12-31", &d), 0);
	assert_int_equal(d, 10956);
}

static void parse_and_format_agree(void **state)
{
	(void)state;
	const char *days[] = { "1900-03-01", "1949-10-01", "2000-02-29", "2025-12-31", "9999-12-31" };
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		date_t d;
		char back[11];
		assert_int_equal(date_parse(days[i], &d), 0);
		date_format(d, back);
		assert_string_equal(back, days[i]);
	}
}

static void refused(void **state)
{
	(void)state;
	const char *bad[] = { "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-01-00",
			      "2024-1-01", "2024-01-0a", "2024/01/01", "2024-01-01 ", "", "24-01-01" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		date_t d = 7;
		assert_int_equal(date_parse(bad[i], &d), -1);
		assert_int_equal(d, 7);
	}
	assert_int_equal(date_parse(NULL, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_known_days),
		cmocka_unit_test(parse_and_format_agree),
		cmocka_unit_test(refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
