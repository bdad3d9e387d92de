/* The statistics read model: counts by village × state and kind × state,
 * with their 合计 row and column, and the monthly amounts by kind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/domain/case.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/query/stats.h"

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
	int64_t hh[3], head[3];
};

static void add_household(struct fx *f, int k, const char *village, const char *name,
			  const char *id)
{
	struct err e;
	struct idcard card;
	int64_t vid;
	assert_int_equal(office_village_id(f->s, &f->cfg, village, &vid, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	struct household_in h = { .village_id = vid, .created_on = D("2025-01-02") };
	assert_int_equal(household_insert(f->s, &h, &f->hh[k], &e), 0);
	assert_int_equal(validate_id(f->v, id, date_today(), &card, &e), 0);
	struct person_in p = { .name = name, .id = &card, .relation = "户主" };
	assert_int_equal(person_insert(f->s, f->hh[k], &p, &f->head[k], &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
}

static int64_t new_case(struct fx *f, int k, const char *kind)
{
	struct err e;
	int64_t id;
	struct case_new in = { .household_id = f->hh[k], .applicant_id = f->head[k],
			       .kind = kind, .channel = "window", .received_on = D("2025-12-01"),
			       .delegated = true };
	assert_int_equal(case_create(f->s, &f->cfg, &f->cat, &in, &id, &e), 0);
	return id;
}

/* Puts a case straight into a final state with an amount (the steps
 * themselves are test_case.c's business). */
static void set_state(struct fx *f, int64_t id, const char *state, int64_t amount)
{
	struct err e;
	struct field fl[] = { F_TEXT("state", state), F_INT("amount", amount) };
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_update(f->s, "applications", id, -1, fl, 2, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	office_open(f->path, &f->s, &f->cfg, &f->cat, &f->v, "李经办");
	assert_true(f->cfg.n_villages >= 2);
	add_household(f, 0, f->cfg.villages[0], "张三", "500231198001010017");
	add_household(f, 1, f->cfg.villages[1], "李四", "500231198212120021");
	add_household(f, 2, f->cfg.villages[0], "王五", "500231197503030013");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	office_close(f->path, f->s, &f->cfg, &f->cat, f->v);
	free(f);
	return 0;
}

static size_t row_of(const struct stats_table *t, const char *label)
{
	for (size_t r = 0; r < t->n_rows; r++)
		if (strcmp(t->row[r], label) == 0)
			return r;
	fail_msg("no row %s", label);
	return 0;
}

static size_t col_of(const struct stats_table *t, const char *label)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (strcmp(t->col[c], label) == 0)
			return c;
	fail_msg("no column %s", label);
	return 0;
}

/* Three cases in the first village, one in the second (one application
 * of a kind per household: the second 低保 is another household's). */
static void four_cases(struct fx *f)
{
	struct err e;
	int64_t a = new_case(f, 0, "dibao");
	new_case(f, 2, "dibao");
	int64_t c = new_case(f, 0, "linshi");
	int64_t d = new_case(f, 1, "dibao");
	struct case_step_in in = { .step = "accept", .on = D("2025-12-02") };
	office_case_complete(f->s, a);
	assert_int_equal(case_apply(f->s, &f->cfg, a, 1, ROLE_CLERK, &in, &e), 0);
	set_state(f, c, "approved", 150000);
	set_state(f, d, "announced", 62050);
}

static void test_empty_store(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct err e;
	assert_int_equal(stats_village_state(f->s, &t, &e), 0);
	assert_int_equal(t.n_rows, f->cfg.n_villages + 1);	/* every village, zeros */
	assert_string_equal(t.row[t.n_rows - 1], "合计");
	assert_string_equal(t.col[t.n_cols - 1], "合计");
	assert_int_equal(stats_at(&t, t.n_rows - 1, t.n_cols - 1), 0);
	stats_free(&t);
}

static void test_village_state(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct err e;
	four_cases(f);
	assert_int_equal(stats_village_state(f->s, &t, &e), 0);
	size_t v0 = row_of(&t, f->cfg.villages[0]), v1 = row_of(&t, f->cfg.villages[1]);
	size_t tot = t.n_cols - 1, sum = t.n_rows - 1;
	assert_int_equal(stats_at(&t, v0, col_of(&t, case_state_label("received"))), 1);
	assert_int_equal(stats_at(&t, v0, col_of(&t, case_state_label("accepted"))), 1);
	assert_int_equal(stats_at(&t, v0, col_of(&t, case_state_label("approved"))), 1);
	assert_int_equal(stats_at(&t, v0, tot), 3);
	assert_int_equal(stats_at(&t, v1, col_of(&t, case_state_label("announced"))), 1);
	assert_int_equal(stats_at(&t, v1, tot), 1);
	assert_int_equal(stats_at(&t, sum, col_of(&t, case_state_label("received"))), 1);
	assert_int_equal(stats_at(&t, sum, tot), 4);
	stats_free(&t);
}

static void test_kind_state(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct err e;
	four_cases(f);
	assert_int_equal(stats_kind_state(f->s, &f->cat, &t, &e), 0);
	assert_int_equal(t.n_rows, f->cat.n_kinds + 1);
	size_t dibao = row_of(&t, catalogue_kind(&f->cat, "dibao")->name);
	size_t linshi = row_of(&t, catalogue_kind(&f->cat, "linshi")->name);
	assert_int_equal(stats_at(&t, dibao, t.n_cols - 1), 3);
	assert_int_equal(stats_at(&t, dibao, col_of(&t, case_state_label("announced"))), 1);
	assert_int_equal(stats_at(&t, linshi, col_of(&t, case_state_label("approved"))), 1);
	assert_int_equal(stats_at(&t, t.n_rows - 1, t.n_cols - 1), 4);
	stats_free(&t);
}

static void test_paid(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct err e;
	four_cases(f);
	assert_int_equal(stats_paid_by_kind(f->s, &f->cat, &t, &e), 0);
	assert_int_equal(t.n_cols, 2);
	assert_int_equal(t.money_col, 1);
	size_t dibao = row_of(&t, catalogue_kind(&f->cat, "dibao")->name);
	size_t linshi = row_of(&t, catalogue_kind(&f->cat, "linshi")->name);
	assert_int_equal(stats_at(&t, dibao, 0), 1);
	assert_int_equal(stats_at(&t, dibao, 1), 62050);
	assert_int_equal(stats_at(&t, linshi, 1), 150000);
	assert_int_equal(stats_at(&t, t.n_rows - 1, 0), 2);
	assert_int_equal(stats_at(&t, t.n_rows - 1, 1), 212050);
	stats_free(&t);
}

/* The grouped counts use the indexes the schema has. */
static void test_query_plan(void **state)
{
	struct fx *f = *state;
	sqlite3_stmt *st;
	char plan[1024] = "";
	assert_int_equal(sqlite3_prepare_v2(store_db(f->s), "EXPLAIN QUERY PLAN SELECT kind, state, "
					    "count(*) FROM applications GROUP BY state, kind", -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s\n", sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	assert_non_null(strstr(plan, "COVERING INDEX applications_state"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_village_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kind_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_plan, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
