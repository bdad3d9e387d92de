/* 公示公布: posting moves exactly the reviewed cases of one village, with
 * the 7 calendar days; the batch and its entries; all-or-nothing; the lists
 * are written as .xlsx (read back cell by cell in tests/tui). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/domain/case.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/domain/publicity.h"

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
	int64_t village_a, village_b;
	int64_t zhang, wang, sun, zhou;		/* applicants */
	int64_t app_zhang, app_wang, app_sun, app_zhou;
};

static int64_t add_household(struct fx *f, int64_t village)
{
	struct err e;
	int64_t id;
	struct household_in h = { .village_id = village, .created_on = D("2025-01-02"),
				  .address = "太平村3组18号" };
	assert_int_equal(household_insert(f->s, &h, &id, &e), 0);
	return id;
}

static int64_t add_person(struct fx *f, int64_t household, const char *name, const char *id,
			  const char *rel)
{
	struct err e;
	struct idcard card;
	int64_t out;
	assert_int_equal(validate_id(f->v, id, date_today(), &card, &e), 0);
	struct person_in p = { .name = name, .id = &card, .relation = rel };
	assert_int_equal(person_insert(f->s, household, &p, &out, &e), 0);
	return out;
}

static int64_t q(struct fx *f, const char *sql, int64_t id)
{
	return office_int(f->s, sql, id);
}

static const char *state_of(struct fx *f, int64_t id)
{
	return office_state(f->s, id);
}

static void step(struct fx *f, int64_t id, const char *name, const char *on,
		 const char *opinion, int64_t amount)
{
	struct err e;
	struct case_step_in in = { .step = name, .on = D(on), .opinion = opinion, .amount = amount };
	assert_int_equal(case_apply(f->s, &f->cfg, id, -1, ROLE_CLERK | ROLE_LEADER, &in, &e), 0);
}

/* A 低保 case taken up to `initial_review` (opinion NULL: only investigating). */
static int64_t reviewed_case(struct fx *f, int64_t applicant, const char *opinion, int64_t amount)
{
	struct err e;
	int64_t id, hh = q(f, "SELECT household_id FROM persons WHERE id = ?", applicant);
	struct case_new in = { .household_id = hh, .applicant_id = applicant, .kind = "dibao",
			       .channel = "window", .received_on = D("2025-09-26"), .delegated = true };
	assert_int_equal(case_create(f->s, &f->cfg, &f->cat, &in, &id, &e), 0);
	office_case_complete(f->s, id);
	step(f, id, "accept", "2025-09-30", NULL, 0);
	step(f, id, "start_investigation", "2025-10-09", NULL, 0);
	if (opinion == NULL)
		return id;
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field r[] = { F_INT("application_id", id), F_TEXT("visited_on", "2025-10-10"),
			     F_TEXT("visitors", "李经办、王村干") };
	assert_int_equal(store_insert(f->s, "investigations", r, 3, NULL, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	step(f, id, "initial_review", "2025-10-13", opinion, amount);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->path, &f->s, &f->cfg, &f->cat, &f->v, "李经办");
	assert_true(f->cfg.n_villages >= 2);
	assert_int_equal(office_village_id(f->s, &f->cfg, f->cfg.villages[0], &f->village_a, &e), 0);
	assert_int_equal(office_village_id(f->s, &f->cfg, f->cfg.villages[1], &f->village_b, &e), 0);

	assert_int_equal(store_begin(f->s, &e), 0);
	int64_t h1 = add_household(f, f->village_a), h2 = add_household(f, f->village_a);
	int64_t h3 = add_household(f, f->village_a), h4 = add_household(f, f->village_b);
	f->zhang = add_person(f, h1, "张三", "500231198001010017", "户主");
	add_person(f, h1, "李四", "500231198212120021", "配偶");
	add_person(f, h1, "张小", "500231201005050037", "子");
	f->wang = add_person(f, h2, "王五", "500231197503030013", "户主");
	add_person(f, h2, "赵六", "500231197804040020", "配偶");
	f->sun = add_person(f, h3, "孙七", "500231196005050033", "户主");
	f->zhou = add_person(f, h4, "周八", "500231196506060045", "户主");
	assert_int_equal(store_commit(f->s, &e), 0);

	f->app_zhang = reviewed_case(f, f->zhang, "include", 52000);
	f->app_wang = reviewed_case(f, f->wang, "exclude", 0);
	f->app_sun = reviewed_case(f, f->sun, NULL, 0);		/* still investigating */
	f->app_zhou = reviewed_case(f, f->zhou, "include", 30000);	/* other village */
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

static void test_ready(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct pub_list l;
	assert_int_equal(publicity_ready(f->s, f->village_a, &l, &e), 0);
	assert_int_equal(l.n, 2);
	/* Include before exclude. */
	assert_int_equal(l.rows[0].app_id, f->app_zhang);
	assert_string_equal(l.rows[0].name, "张三");
	assert_int_equal(l.rows[0].members, 3);
	assert_string_equal(l.rows[0].opinion, "include");
	assert_int_equal(l.rows[0].amount, 52000);
	assert_int_equal(l.rows[1].app_id, f->app_wang);
	assert_int_equal(l.rows[1].members, 2);
	assert_string_equal(l.rows[1].opinion, "exclude");
	assert_int_equal(l.rows[1].amount, 0);
	pub_list_free(&l);
	assert_int_equal(publicity_ready(f->s, f->village_b, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.rows[0].name, "周八");
	pub_list_free(&l);
}

static void test_post(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct pub_list l;
	int64_t batch;
	assert_int_equal(publicity_ready(f->s, f->village_a, &l, &e), 0);
	assert_int_equal(publicity_post(f->s, &f->cfg, f->village_a, &l, D("2025-10-14"),
					ROLE_CLERK, &batch, &e), 0);
	pub_list_free(&l);
	/* Exactly the reviewed cases of that village moved. */
	assert_string_equal(state_of(f, f->app_zhang), "publicity");
	assert_string_equal(state_of(f, f->app_wang), "publicity");
	assert_string_equal(state_of(f, f->app_sun), "investigating");
	assert_string_equal(state_of(f, f->app_zhou), "reviewed");
	/* 7 calendar days from the day after posting (Tue 10-14): 10-15 … Tue 10-21. */
	assert_int_equal(q(f, "SELECT publicity_from = '2025-10-14' AND publicity_to = '2025-10-21' "
			   "FROM applications WHERE id = ?", f->app_zhang), 1);
	assert_int_equal(q(f, "SELECT publicity_to = '2025-10-21' FROM applications WHERE id = ?", f->app_wang), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM publicity_batches WHERE id = ? AND posted_on = '2025-10-14' "
			   "AND ends_on = '2025-10-21' AND posted_by = '李经办'", batch), 1);
	assert_int_equal(q(f, "SELECT village_id FROM publicity_batches WHERE id = ?", batch), f->village_a);
	assert_int_equal(q(f, "SELECT count(*) FROM publicity_entries WHERE batch_id = ?", batch), 2);
	assert_int_equal(q(f, "SELECT amount FROM publicity_entries WHERE application_id = ?", f->app_zhang), 52000);
	assert_int_equal(q(f, "SELECT proposal = 'exclude' AND amount IS NULL FROM publicity_entries "
			   "WHERE application_id = ?", f->app_wang), 1);
	/* The same step as the case screen's: a timeline row, an audited update. */
	assert_int_equal(q(f, "SELECT count(*) FROM case_events WHERE step = 'publicize' AND application_id = ?",
			   f->app_zhang), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM audit_log WHERE tbl = 'publicity_batches' AND row_id = ?",
			   batch), 1);
	/* Still posted on the last day, no longer the day after. */
	struct pub_batch b[4];
	size_t n;
	assert_int_equal(publicity_current(f->s, D("2025-10-21"), b, 4, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(b[0].id, batch);
	assert_int_equal(b[0].entries, 2);
	assert_int_equal(b[0].ends_on, D("2025-10-21"));
	assert_int_equal(publicity_current(f->s, D("2025-10-22"), b, 4, &n, &e), 0);
	assert_int_equal(n, 0);
	int64_t latest;
	assert_int_equal(publicity_latest(f->s, f->village_a, &latest, &e), 0);
	assert_int_equal(latest, batch);
	/* Nothing left to post in that village. */
	assert_int_equal(publicity_ready(f->s, f->village_a, &l, &e), 0);
	assert_int_equal(publicity_post(f->s, &f->cfg, f->village_a, &l, D("2025-10-15"), ROLE_CLERK, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "没有待公示"));
	pub_list_free(&l);
}

static void assert_nothing_posted(struct fx *f)
{
	assert_string_equal(state_of(f, f->app_zhang), "reviewed");
	assert_string_equal(state_of(f, f->app_wang), "reviewed");
	assert_int_equal(q(f, "SELECT count(*) + ? FROM publicity_batches", 0), 0);
	assert_int_equal(q(f, "SELECT count(*) + ? FROM publicity_entries", 0), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM case_events WHERE step = 'publicize' AND application_id > ?", 0), 0);
}

static void test_stale_version_rolls_back(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct pub_list l;
	assert_int_equal(publicity_ready(f->s, f->village_a, &l, &e), 0);
	/* Somebody changes the second case after the list was read. */
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field c[] = { F_TEXT("special_reason", "另一位经办人改过") };
	assert_int_equal(store_update(f->s, "applications", f->app_wang, -1, c, 1, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(publicity_post(f->s, &f->cfg, f->village_a, &l, D("2025-10-14"), ROLE_CLERK, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "王五"));
	assert_non_null(strstr(e.msg, "已被 李经办 于 20"));
	assert_false(store_in_transaction(f->s));
	assert_nothing_posted(f);
	pub_list_free(&l);
	/* Read again, it goes through. */
	assert_int_equal(publicity_ready(f->s, f->village_a, &l, &e), 0);
	assert_int_equal(publicity_post(f->s, &f->cfg, f->village_a, &l, D("2025-10-14"), ROLE_CLERK, NULL, &e), 0);
	assert_string_equal(state_of(f, f->app_wang), "publicity");
	pub_list_free(&l);
}

static void test_trigger_rolls_back(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct pub_list l;
	char sql[256];
	/* The second entry's insert fails after the first case has moved. */
	snprintf(sql, sizeof sql, "CREATE TEMP TRIGGER boom BEFORE INSERT ON publicity_entries "
		 "WHEN NEW.application_id = %lld BEGIN SELECT RAISE(ABORT, 'boom'); END",
		 (long long)f->app_wang);
	assert_int_equal(sqlite3_exec(store_db(f->s), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(publicity_ready(f->s, f->village_a, &l, &e), 0);
	assert_int_equal(publicity_post(f->s, &f->cfg, f->village_a, &l, D("2025-10-14"), ROLE_CLERK, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "未张贴"));
	assert_nothing_posted(f);
	pub_list_free(&l);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct pub_list l;
	/* Another village's case slipped into the list. */
	assert_int_equal(publicity_ready(f->s, f->village_b, &l, &e), 0);
	assert_int_equal(publicity_post(f->s, &f->cfg, f->village_a, &l, D("2025-10-14"), ROLE_CLERK, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "不属于"));
	assert_string_equal(state_of(f, f->app_zhou), "reviewed");
	/* A role that may not publicise. */
	assert_int_equal(publicity_post(f->s, &f->cfg, f->village_b, &l, D("2025-10-14"), ROLE_AGENT, NULL, &e), -1);
	assert_string_equal(state_of(f, f->app_zhou), "reviewed");
	assert_int_equal(q(f, "SELECT count(*) + ? FROM publicity_batches", 0), 0);
	pub_list_free(&l);
}

static off_t file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? sb.st_size : -1;
}

static void test_write_and_announce(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct pub_list l;
	int64_t batch;
	char path[64], ann[64];
	assert_int_equal(publicity_ready(f->s, f->village_a, &l, &e), 0);
	assert_int_equal(publicity_post(f->s, &f->cfg, f->village_a, &l, D("2025-10-14"), ROLE_CLERK, &batch, &e), 0);
	pub_list_free(&l);
	snprintf(path, sizeof path, "%s-公示.xlsx", f->path);
	assert_int_equal(publicity_write(f->s, &f->cfg, &f->cat, batch, path, &e), 0);
	assert_true(file_size(path) > 1000);
	unlink(path);
	assert_int_equal(publicity_write(f->s, &f->cfg, &f->cat, batch + 99, path, &e), -1);
	assert_true(file_size(path) < 0);

	/* Nothing approved yet: nothing to announce, no file. */
	snprintf(ann, sizeof ann, "%s-公布.xlsx", f->path);
	assert_int_equal(publicity_write_announcement(f->s, &f->cfg, &f->cat, f->village_a, D("2025-10-22"), ann, &e), -1);
	assert_non_null(strstr(e.msg, "没有已确认"));
	assert_true(file_size(ann) < 0);
	step(f, f->app_zhang, "approve", "2025-10-22", NULL, 52000);
	assert_int_equal(publicity_write_announcement(f->s, &f->cfg, &f->cat, f->village_a, D("2025-10-22"), ann, &e), 0);
	assert_true(file_size(ann) > 1000);
	unlink(ann);
	/* Registering the announcement takes the case step on the approved ones. */
	size_t n;
	assert_int_equal(publicity_approved(f->s, f->village_a, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.rows[0].amount, 52000);
	assert_int_equal(l.rows[0].members, 3);
	assert_int_equal(publicity_announce(f->s, &f->cfg, &f->cat, &l, D("2025-10-22"), ROLE_CLERK, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(state_of(f, f->app_zhang), "announced");
	assert_int_equal(q(f, "SELECT announced_on = '2025-10-22' FROM applications WHERE id = ?", f->app_zhang), 1);
	pub_list_free(&l);
	/* Announced cases stay on the list. */
	assert_int_equal(publicity_approved(f->s, f->village_a, &l, &e), 0);
	assert_int_equal(l.n, 1);
	pub_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ready, setup, teardown),
		cmocka_unit_test_setup_teardown(test_post, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_version_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trigger_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_and_announce, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
