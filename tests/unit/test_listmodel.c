/* The list's window without a terminal: a fake fetch pages by key through
 * 1,000 rows held in memory (values 10, 20, … 10000; a row can be deleted
 * or the fetch made to fail). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tui/widgets/listmodel.h"

#define N 1000

static int rows[N];
static bool gone[N];
static int total;		/* rows in the fake table (N, or 0 for empty) */
static bool broken;
static int fetches;

static int value(int i)
{
	return (i + 1) * 10;
}

/* Keyset paging over the values, as applist_page does over a table. */
static int fake_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max, int *n,
		      struct err *e)
{
	(void)ctx;
	int key = anchor != NULL ? *(const int *)anchor : 0, *o = out;
	fetches++;
	*n = 0;
	if (broken)
		return err_set(e, "数据库忙");
	bool back = dir == LM_LAST || dir == LM_BEFORE;
	for (int k = 0; k < total && *n < max; k++) {
		int i = back ? total - 1 - k : k, v = rows[i];
		bool in = dir == LM_FIRST || dir == LM_LAST || (dir == LM_AFTER && v > key) ||
			  (dir == LM_BEFORE && v < key) || (dir == LM_AT && v >= key);
		if (in && !gone[i])
			o[(*n)++] = v;
	}
	for (int i = 0; back && i < *n / 2; i++) {
		int t = o[i];
		o[i] = o[*n - 1 - i];
		o[*n - 1 - i] = t;
	}
	return 0;
}

static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < N; i++) {
		rows[i] = value(i);
		gone[i] = false;
	}
	total = N;
	broken = false;
	fetches = 0;
	return 0;
}

static int row(const struct listmodel *m, int i)
{
	const int *r = lm_row(m, i);
	assert_non_null(r);
	return *r;
}

static int selected(const struct listmodel *m)
{
	const int *r = lm_selected(m);
	assert_non_null(r);
	return *r;
}

static void open_list(struct listmodel *m, int height)
{
	lm_init(m, sizeof(int), fake_fetch, NULL);
	lm_resize(m, height);
}

static void test_opens_at_the_top(void **state)
{
	(void)state;
	struct listmodel m;
	open_list(&m, 20);
	assert_int_equal(m.n, 20);
	assert_int_equal(row(&m, 0), 10);
	assert_int_equal(row(&m, 19), 200);
	assert_int_equal(selected(&m), 10);
	assert_int_equal(m.top, 0);
	lm_free(&m);
}

static void test_down_scrolls_one_row_at_the_edge(void **state)
{
	(void)state;
	struct listmodel m;
	open_list(&m, 20);
	for (int i = 0; i < 19; i++)
		lm_down(&m);
	assert_int_equal(m.sel, 19);
	assert_int_equal(row(&m, 0), 10);	/* no scrolling yet */
	fetches = 0;
	lm_down(&m);
	assert_int_equal(fetches, 1);		/* one row fetched */
	assert_int_equal(row(&m, 0), 20);
	assert_int_equal(selected(&m), 210);
	assert_int_equal(m.top, 1);
	lm_up(&m);
	assert_int_equal(m.sel, 18);
	for (int i = 0; i < 19; i++)
		lm_up(&m);
	assert_int_equal(row(&m, 0), 10);
	assert_int_equal(selected(&m), 10);
	lm_up(&m);				/* clamps: no wrapping */
	assert_int_equal(selected(&m), 10);
	assert_int_equal(m.top, 0);
	lm_free(&m);
}

static void test_pages_and_the_end(void **state)
{
	(void)state;
	struct listmodel m;
	open_list(&m, 20);
	lm_down(&m);
	lm_page_down(&m);			/* 19 rows on, the selection stays put */
	assert_int_equal(row(&m, 0), 200);
	assert_int_equal(m.sel, 1);
	assert_int_equal(m.top, 19);
	lm_page_up(&m);
	assert_int_equal(row(&m, 0), 10);
	assert_int_equal(m.sel, 1);
	lm_last(&m);
	assert_int_equal(row(&m, 0), 9810);
	assert_int_equal(selected(&m), 10000);
	assert_int_equal(m.top, -1);		/* End: the place is not counted */
	lm_down(&m);				/* clamps at the end */
	assert_int_equal(selected(&m), 10000);
	lm_up(&m);
	lm_up(&m);
	lm_page_down(&m);			/* PgDn at the end: to the last row */
	assert_int_equal(row(&m, 19), 10000);
	assert_int_equal(selected(&m), 10000);
	lm_first(&m);
	assert_int_equal(selected(&m), 10);
	lm_page_up(&m);				/* PgUp at the top: stays */
	assert_int_equal(selected(&m), 10);
	lm_free(&m);
}

static void test_page_up_reaches_the_start(void **state)
{
	(void)state;
	struct listmodel m;
	open_list(&m, 20);
	for (int i = 0; i < 25; i++)
		lm_down(&m);			/* 6 rows above the window */
	assert_int_equal(row(&m, 0), 70);
	lm_page_up(&m);				/* 6 of 19: the other 13 move the selection */
	assert_int_equal(row(&m, 0), 10);
	assert_int_equal(m.top, 0);
	assert_int_equal(m.sel, 19 - 13);
	assert_int_equal(selected(&m), 70);
	lm_free(&m);
}

static void test_resize_keeps_the_selection(void **state)
{
	(void)state;
	struct listmodel m;
	open_list(&m, 20);
	for (int i = 0; i < 30; i++)
		lm_down(&m);
	int sel = selected(&m), top = row(&m, 0);
	lm_resize(&m, 5);			/* smaller: the selected row stays in view */
	assert_int_equal(m.n, 5);
	assert_int_equal(selected(&m), sel);
	lm_resize(&m, 40);			/* larger: the window grows from its top */
	assert_int_equal(m.n, 40);
	assert_int_equal(selected(&m), sel);
	assert_true(row(&m, 0) >= top);
	lm_last(&m);
	lm_resize(&m, 60);			/* larger at the end: filled from above */
	assert_int_equal(m.n, 60);
	assert_int_equal(row(&m, 59), 10000);
	assert_int_equal(selected(&m), 10000);
	lm_free(&m);
}

static void test_reload_after_rows_disappear(void **state)
{
	(void)state;
	struct listmodel m;
	open_list(&m, 10);
	lm_page_down(&m);
	lm_down(&m);
	int top = row(&m, 0), sel = selected(&m);
	gone[top / 10 - 1] = true;		/* the top row is deleted elsewhere */
	lm_reload(&m);
	assert_int_equal(m.n, 10);
	assert_int_equal(row(&m, 0), top + 10);	/* the window starts at the next */
	assert_int_equal(selected(&m), sel + 10);
	lm_last(&m);
	for (int i = N - 5; i < N; i++)		/* the last rows go */
		gone[i] = true;
	lm_reload(&m);
	assert_int_equal(m.n, 10);		/* filled from above */
	assert_int_equal(row(&m, 9), 9950);
	assert_int_equal(selected(&m), 9950);
	for (int i = 0; i < N; i++)		/* everything goes */
		gone[i] = true;
	lm_reload(&m);
	assert_int_equal(m.n, 0);
	assert_null(lm_selected(&m));
	lm_free(&m);
}

static void test_empty_list(void **state)
{
	(void)state;
	struct listmodel m;
	total = 0;
	open_list(&m, 20);
	assert_int_equal(m.n, 0);
	assert_null(lm_selected(&m));
	lm_down(&m);
	lm_up(&m);
	lm_page_down(&m);
	lm_page_up(&m);
	lm_last(&m);
	lm_first(&m);
	assert_int_equal(m.n, 0);
	assert_false(m.failed);
	lm_free(&m);
}

static void test_short_list(void **state)
{
	(void)state;
	struct listmodel m;
	total = 3;
	open_list(&m, 20);
	assert_int_equal(m.n, 3);
	lm_page_down(&m);
	assert_int_equal(selected(&m), 30);
	lm_down(&m);
	assert_int_equal(selected(&m), 30);
	lm_page_up(&m);
	assert_int_equal(selected(&m), 10);
	lm_free(&m);
}

static void test_fetch_error(void **state)
{
	(void)state;
	struct listmodel m;
	open_list(&m, 10);
	broken = true;
	lm_down(&m);				/* within the window: no fetch */
	assert_false(m.failed);
	lm_page_down(&m);			/* the fetch fails: the rows stay */
	assert_true(m.failed);
	assert_string_equal(m.error.msg, "数据库忙");
	assert_int_equal(m.n, 10);
	lm_reload(&m);
	assert_true(m.failed);
	assert_int_equal(row(&m, 0), 10);
	lm_first(&m);				/* a new list that fails is empty */
	assert_int_equal(m.n, 0);
	broken = false;
	lm_first(&m);
	assert_false(m.failed);
	assert_int_equal(m.n, 10);
	lm_free(&m);
}

static void test_browse_mode_scrolls(void **state)
{
	(void)state;
	struct listmodel m;
	lm_init(&m, sizeof(int), fake_fetch, NULL);
	m.cursor = false;
	lm_resize(&m, 10);
	lm_down(&m);
	assert_int_equal(row(&m, 0), 20);
	lm_up(&m);
	lm_up(&m);
	assert_int_equal(row(&m, 0), 10);
	lm_free(&m);
}

static void test_index_lists_and_wrapping(void **state)
{
	(void)state;
	struct listmodel m;
	int count = 13, at = 11;
	lm_init(&m, sizeof(int), lm_index_fetch, &count);
	m.wrap = true;
	lm_resize(&m, 5);
	lm_goto(&m, &at);			/* near the end: filled from above */
	assert_int_equal(m.n, 5);
	assert_int_equal(selected(&m), 11);
	assert_int_equal(row(&m, 4), 12);
	lm_down(&m);
	lm_down(&m);				/* past the end: round to the first */
	assert_int_equal(selected(&m), 0);
	lm_up(&m);				/* and back to the last */
	assert_int_equal(selected(&m), 12);
	count = 2;				/* the array shrank */
	lm_reload(&m);
	assert_int_equal(m.n, 2);
	assert_int_equal(selected(&m), 1);
	lm_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_opens_at_the_top, setup),
		cmocka_unit_test_setup(test_down_scrolls_one_row_at_the_edge, setup),
		cmocka_unit_test_setup(test_pages_and_the_end, setup),
		cmocka_unit_test_setup(test_page_up_reaches_the_start, setup),
		cmocka_unit_test_setup(test_resize_keeps_the_selection, setup),
		cmocka_unit_test_setup(test_reload_after_rows_disappear, setup),
		cmocka_unit_test_setup(test_empty_list, setup),
		cmocka_unit_test_setup(test_short_list, setup),
		cmocka_unit_test_setup(test_fetch_error, setup),
		cmocka_unit_test_setup(test_browse_mode_scrolls, setup),
		cmocka_unit_test_setup(test_index_lists_and_wrapping, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
