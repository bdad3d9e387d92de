/* Tests for src/core/office/calendar.c. Expected dates were counted by hand on
 * a paper calendar from the State Council's 2025 and 2026 arrangements
 * (2025 Spring Festival off 01-28…02-04, worked Sun 01-26 and Sat 02-08;
 * National Day off 10-01…10-08, worked Sun 09-28 and Sat 10-11).
 * Run from the source root: one calendar comes from tuiconfig.ini. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/office/calendar.h"
#include "core/office/config.h"

static date_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void add_range(struct calendar *c, bool work, date_t from, date_t to)
{
	for (; from <= to; from++)
		assert_int_equal(work ? calendar_add_work(c, from)
				      : calendar_add_off(c, from), 0);
}

/* 2025 only, typed in by hand; duplicates and disorder on purpose. */
static void build_2025(struct calendar *c)
{
	memset(c, 0, sizeof *c);
	add_range(c, false, D(2025, 10, 1), D(2025, 10, 8));
	add_range(c, false, D(2025, 1, 28), D(2025, 2, 4));
	add_range(c, false, D(2025, 1, 1), D(2025, 1, 1));
	add_range(c, false, D(2025, 4, 4), D(2025, 4, 6));
	add_range(c, false, D(2025, 5, 1), D(2025, 5, 5));
	add_range(c, false, D(2025, 5, 31), D(2025, 6, 2));
	add_range(c, false, D(2025, 2, 1), D(2025, 2, 2));	/* again */
	add_range(c, true, D(2025, 10, 11), D(2025, 10, 11));
	add_range(c, true, D(2025, 1, 26), D(2025, 1, 26));
	add_range(c, true, D(2025, 2, 8), D(2025, 2, 8));
	add_range(c, true, D(2025, 4, 27), D(2025, 4, 27));
	add_range(c, true, D(2025, 9, 28), D(2025, 9, 28));
	add_range(c, true, D(2025, 1, 26), D(2025, 1, 26));	/* again */
	calendar_finish(c);
	c->first_year = c->last_year = 2025;
}

static int setup(void **state)
{
	static struct config cfg;
	struct err e = { "" };
	if (config_load("tuiconfig.ini", &cfg, &e) != 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	*state = &cfg;
	return 0;
}

static int teardown(void **state)
{
	config_free(*state);
	return 0;
}

#define CAL(state) (&((struct config *)*(state))->cal)

static void check_2025(const struct calendar *c)
{
	/* Spring Festival */
	assert_int_equal(calendar_add_workdays(c, D(2025, 1, 24), 1), D(2025, 1, 26));
	assert_int_equal(calendar_add_workdays(c, D(2025, 1, 26), 1), D(2025, 1, 27));
	assert_int_equal(calendar_add_workdays(c, D(2025, 1, 27), 1), D(2025, 2, 5));
	assert_int_equal(calendar_add_workdays(c, D(2025, 2, 5), 3), D(2025, 2, 8));
	assert_int_equal(calendar_add_workdays(c, D(2025, 2, 8), 1), D(2025, 2, 10));
	/* from a holiday: the next working day is day 1 */
	assert_int_equal(calendar_add_workdays(c, D(2025, 1, 30), 1), D(2025, 2, 5));
	/* a 25-working-day limit from Mon 2025-01-20, counted on paper */
	assert_int_equal(calendar_add_workdays(c, D(2025, 1, 20), 25), D(2025, 2, 28));

	/* National Day */
	assert_int_equal(calendar_add_workdays(c, D(2025, 9, 26), 1), D(2025, 9, 28));
	assert_int_equal(calendar_add_workdays(c, D(2025, 9, 30), 1), D(2025, 10, 9));
	assert_int_equal(calendar_add_workdays(c, D(2025, 10, 9), 2), D(2025, 10, 11));
	assert_int_equal(calendar_add_workdays(c, D(2025, 10, 11), 1), D(2025, 10, 13));

	/* backwards */
	assert_int_equal(calendar_add_workdays(c, D(2025, 2, 5), -1), D(2025, 1, 27));
	assert_int_equal(calendar_add_workdays(c, D(2025, 1, 27), -1), D(2025, 1, 26));
	assert_int_equal(calendar_add_workdays(c, D(2025, 1, 26), -1), D(2025, 1, 24));
	assert_int_equal(calendar_add_workdays(c, D(2025, 10, 9), -2), D(2025, 9, 29));

	/* n == 0 is the day itself, working or not */
	assert_int_equal(calendar_add_workdays(c, D(2025, 10, 1), 0), D(2025, 10, 1));
	assert_int_equal(calendar_add_workdays(c, D(2025, 3, 3), 0), D(2025, 3, 3));

	/* between: working days in (a, b] */
	assert_int_equal(calendar_workdays_between(c, D(2025, 1, 24), D(2025, 2, 5)), 3);
	assert_int_equal(calendar_workdays_between(c, D(2025, 2, 5), D(2025, 1, 24)), -3);
	assert_int_equal(calendar_workdays_between(c, D(2025, 9, 26), D(2025, 10, 12)), 6);
	assert_int_equal(calendar_workdays_between(c, D(2025, 10, 1), D(2025, 10, 8)), 0);
	assert_int_equal(calendar_workdays_between(c, D(2025, 3, 3), D(2025, 3, 3)), 0);
	assert_int_equal(calendar_workdays_between(c, D(2025, 1, 20), D(2025, 2, 28)), 25);
	/* the whole of 2025: 261 weekdays − 18 holidays on weekdays + 5 */
	assert_int_equal(calendar_workdays_between(c, D(2024, 12, 31), D(2025, 12, 31)), 248);

	assert_true(calendar_is_workday(c, D(2025, 1, 26)));
	assert_false(calendar_is_workday(c, D(2025, 1, 25)));
	assert_false(calendar_is_workday(c, D(2025, 10, 8)));
	assert_true(calendar_is_workday(c, D(2025, 10, 11)));
	assert_true(calendar_is_workday(c, D(2025, 10, 10)));
}

static void test_hand_built(void **state)
{
	struct calendar c;
	(void)state;
	build_2025(&c);
	assert_int_equal(c.n_off, 28);	/* duplicates removed */
	assert_int_equal(c.n_work, 5);
	check_2025(&c);
	assert_true(calendar_covers(&c, D(2025, 6, 1)));
	assert_false(calendar_covers(&c, D(2026, 1, 1)));
	calendar_free(&c);
	assert_null(c.off);
}

static void test_from_config(void **state)
{
	check_2025(CAL(state));
}

/* Both calendars agree on every day of 2025. */
static void test_same_as_hand(void **state)
{
	struct calendar c;
	date_t d;
	build_2025(&c);
	for (d = D(2025, 1, 1); d <= D(2025, 12, 31); d++)
		assert_int_equal(calendar_is_workday(&c, d),
				 calendar_is_workday(CAL(state), d));
	calendar_free(&c);
}

static void test_2026(void **state)
{
	const struct calendar *c = CAL(state);
	/* New Year: off Thu 01-01 … Sat 01-03, worked Sun 01-04 */
	assert_int_equal(calendar_add_workdays(c, D(2025, 12, 31), 1), D(2026, 1, 4));
	assert_int_equal(calendar_add_workdays(c, D(2026, 1, 4), 1), D(2026, 1, 5));
	/* an ordinary weekend */
	assert_int_equal(calendar_add_workdays(c, D(2026, 3, 6), 1), D(2026, 3, 9));
	assert_int_equal(calendar_add_workdays(c, D(2026, 3, 9), -1), D(2026, 3, 6));
	assert_int_equal(calendar_add_workdays(c, D(2026, 3, 7), 0), D(2026, 3, 7));
	assert_false(calendar_is_workday(c, D(2026, 3, 7)));
	assert_false(calendar_is_workday(c, D(2026, 3, 8)));
	/* Spring Festival: off Sun 02-15 … Mon 02-23, worked Sat 02-14, 02-28 */
	assert_int_equal(calendar_add_workdays(c, D(2026, 2, 13), 1), D(2026, 2, 14));
	assert_int_equal(calendar_add_workdays(c, D(2026, 2, 14), 1), D(2026, 2, 24));
	assert_int_equal(calendar_workdays_between(c, D(2026, 2, 13), D(2026, 2, 28)), 6);
	/* the whole of 2026: 261 weekdays − 19 holidays on weekdays + 6 */
	assert_int_equal(calendar_workdays_between(c, D(2025, 12, 31), D(2026, 12, 31)), 248);
	/* beyond the data: weekends only */
	assert_int_equal(calendar_add_workdays(c, D(2027, 1, 1), 1), D(2027, 1, 4));
	assert_true(calendar_covers(c, D(2023, 1, 1)));
	assert_true(calendar_covers(c, D(2026, 12, 31)));
	assert_false(calendar_covers(c, D(2022, 12, 31)));
	assert_false(calendar_covers(c, D(2027, 1, 1)));
}

/* between agrees with counting day by day, and add_workdays inverts it
 * whenever the target is a working day (forward; backward too when the
 * start is a working day). */
static void test_against_walk(void **state)
{
	const struct calendar *c = CAL(state);
	date_t a, b, start = D(2022, 12, 1), end = D(2027, 1, 31);
	for (a = start; a <= end; a += 5) {
		int walk = 0;
		for (b = a; b <= a + 120 && b <= end; b++) {
			if (b > a && calendar_is_workday(c, b))
				walk++;
			assert_int_equal(calendar_workdays_between(c, a, b), walk);
			assert_int_equal(calendar_workdays_between(c, b, a), -walk);
			if (calendar_is_workday(c, b))
				assert_int_equal(calendar_add_workdays(c, a, walk), b);
			if (calendar_is_workday(c, b) && calendar_is_workday(c, a))
				assert_int_equal(calendar_add_workdays(c, b, -walk), a);
		}
	}
}

/* 100,000 deadline computations must take well under a second. */
static void test_speed(void **state)
{
	const struct calendar *c = CAL(state);
	clock_t t0 = clock();
	long sum = 0;
	int i;
	for (i = 0; i < 100000; i++) {
		date_t from = D(2023, 1, 1) + i % 1400;
		sum += calendar_add_workdays(c, from, 40) - from;
		sum += calendar_workdays_between(c, from, from + 700);
	}
	assert_true(sum > 0);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_built),
		cmocka_unit_test(test_from_config),
		cmocka_unit_test(test_same_as_hand),
		cmocka_unit_test(test_2026),
		cmocka_unit_test(test_against_walk),
		cmocka_unit_test(test_speed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
