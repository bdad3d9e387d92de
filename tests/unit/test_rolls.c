/* The rolls (在册): an announced monthly case is enrolled, a one-off is
 * not; the roll workflow (amount change confirmed by the leader, suspend
 * and resume, end; 特困's end publicised 7 days); a review records its
 * visit, sets the next date from [review] and takes its outcome's step; a
 * re-certification sets the next due date; the list per village and the
 * due-this-month filter; the household's history; an ended household may
 * apply again; a store from before 0012 gets each roll's next
 * re-certification and publicity start, audited so that check agrees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/access.h"
#include "core/domain/case.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/domain/review.h"
#include "core/domain/roll.h"
#include "core/query/rolls.h"
#include "core/store/verify.h"

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
	int64_t village;
	int64_t hh_zhang, hh_sun;
	int64_t app_zhang, app_sun;	/* 低保, 特困 */
	bool no_catalogue;	/* announce as a store before the rolls did */
};

static int64_t q(struct fx *f, const char *sql, int64_t id)
{
	return office_int(f->s, sql, id);
}

static void step(struct fx *f, int64_t id, const char *name, const char *on, int64_t amount)
{
	struct err e;
	struct case_step_in in = { .step = name, .on = D(on), .opinion = "include", .amount = amount,
				   .cat = f->no_catalogue ? NULL : &f->cat };
	if (case_apply(f->s, &f->cfg, id, -1, ROLE_CLERK | ROLE_LEADER, &in, &e) != 0)
		fail_msg("%s: %s", name, e.msg);
}

static int64_t person(struct fx *f, int64_t hh, const char *name, const char *id)
{
	struct err e;
	struct idcard card;
	int64_t out;
	assert_int_equal(validate_id(f->v, id, date_today(), &card, &e), 0);
	struct person_in p = { .name = name, .id = &card, .relation = "户主" };
	assert_int_equal(person_insert(f->s, hh, &p, &out, &e), 0);
	return out;
}

/* A case of `kind` taken to 公布 on 2025-10-23 at `amount` fen. */
static int64_t announced(struct fx *f, int64_t hh, int64_t applicant, const char *kind,
			 int64_t amount)
{
	struct err e;
	int64_t id;
	struct case_new in = { .household_id = hh, .applicant_id = applicant, .kind = kind,
			       .channel = "window", .received_on = D("2025-09-26"), .delegated = true };
	if (case_create(f->s, &f->cfg, &f->cat, &in, &id, &e) != 0)
		fail_msg("%s", e.msg);
	office_case_complete(f->s, id);
	step(f, id, "accept", "2025-09-30", 0);
	step(f, id, "start_investigation", "2025-10-09", 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field r[] = { F_INT("application_id", id), F_TEXT("visited_on", "2025-10-10"),
			     F_TEXT("visitors", "李经办、王村干") };
	assert_int_equal(store_insert(f->s, "investigations", r, 3, NULL, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	step(f, id, "initial_review", "2025-10-13", amount);
	step(f, id, "publicize", "2025-10-14", 0);
	step(f, id, "approve", "2025-10-22", amount);
	step(f, id, "announce", "2025-10-23", 0);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->path, &f->s, &f->cfg, &f->cat, &f->v, "李经办");
	assert_int_equal(office_village_id(f->s, &f->cfg, f->cfg.villages[0], &f->village, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	struct household_in h = { .village_id = f->village, .created_on = D("2025-01-02"),
				  .address = "太平村3组18号" };
	assert_int_equal(household_insert(f->s, &h, &f->hh_zhang, &e), 0);
	assert_int_equal(household_insert(f->s, &h, &f->hh_sun, &e), 0);
	int64_t zhang = person(f, f->hh_zhang, "张三", "500231198001010017");
	int64_t sun = person(f, f->hh_sun, "孙七", "500231196005050033");
	assert_int_equal(store_commit(f->s, &e), 0);
	f->app_zhang = announced(f, f->hh_zhang, zhang, "dibao", 52000);
	f->app_sun = announced(f, f->hh_sun, sun, "tekun", 80000);
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

static int64_t roll_of(struct fx *f, int64_t app)
{
	return q(f, "SELECT id FROM rolls WHERE application_id = ?", app);
}

static const char *roll_state(struct fx *f, int64_t roll)
{
	static char buf[24];
	struct err e;
	sqlite3_stmt *st;
	assert_int_equal(store_query(f->s, &st, &e, "SELECT state FROM rolls WHERE id = ?", "i", roll), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	store_col_text(st, 0, buf, sizeof buf);
	sqlite3_reset(st);
	return buf;
}

static int roll_step(struct fx *f, int64_t roll, struct roll_step_in in, struct err *e)
{
	return roll_apply(f->s, &f->cfg, roll, -1, &in, e);
}

static void test_enrolled_at_announcement(void **state)
{
	struct fx *f = *state;
	int64_t r = roll_of(f, f->app_zhang);
	assert_true(r > 0);
	assert_int_equal(q(f, "SELECT amount FROM rolls WHERE id = ?", r), 52000);
	assert_int_equal(q(f, "SELECT since_on = '2025-10-23' FROM rolls WHERE id = ?", r), 1);
	assert_string_equal(roll_state(f, r), "active");
	assert_int_equal(q(f, "SELECT count(*) FROM roll_events WHERE roll_id = ? AND step = 'enrol'", r), 1);
	/* Each write went through the audited path. */
	assert_int_equal(q(f, "SELECT count(*) FROM audit_log WHERE tbl = 'rolls' AND row_id = ?", r), 1);
}

static void test_amount_change_needs_leader(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t r = roll_of(f, f->app_zhang);
	struct roll_step_in ch = { .step = "change", .on = D("2025-11-05"), .new_amount = 60000 };
	assert_int_equal(roll_step(f, r, ch, &e), -1);
	assert_non_null(strstr(e.msg, "原因"));
	ch.reason = "家庭成员患病，支出增加";
	ch.new_amount = 52000;
	assert_int_equal(roll_step(f, r, ch, &e), -1);
	assert_non_null(strstr(e.msg, "相同"));
	ch.new_amount = 60000;
	assert_int_equal(roll_step(f, r, ch, &e), 0);
	assert_string_equal(roll_state(f, r), "change_pending");
	assert_int_equal(q(f, "SELECT amount FROM rolls WHERE id = ?", r), 52000);
	struct roll_step_in ok = { .step = "confirm_change", .on = D("2025-11-06"), .roles = ROLE_CLERK };
	assert_int_equal(roll_step(f, r, ok, &e), -1);
	assert_non_null(strstr(e.msg, "分管领导"));
	ok.roles = ROLE_LEADER;
	assert_int_equal(roll_step(f, r, ok, &e), 0);
	assert_string_equal(roll_state(f, r), "active");
	assert_int_equal(q(f, "SELECT amount FROM rolls WHERE id = ?", r), 60000);
	assert_int_equal(q(f, "SELECT new_amount IS NULL FROM rolls WHERE id = ?", r), 1);
}

static void test_suspend_resume_end_apply_again(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t r = roll_of(f, f->app_zhang), id;
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "resume", .on = D("2025-11-05") }, &e), -1);
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "suspend", .on = D("2025-11-05"),
				.reason = "外出务工，联系不上" }, &e), 0);
	assert_string_equal(roll_state(f, r), "suspended");
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "resume", .on = D("2025-12-05") }, &e), 0);
	assert_string_equal(roll_state(f, r), "active");
	/* While in force a second 低保 application is refused … */
	struct case_new again = { .household_id = f->hh_zhang,
				  .applicant_id = q(f, "SELECT applicant_id FROM applications WHERE id = ?", f->app_zhang),
				  .kind = "dibao", .channel = "window", .received_on = D("2025-12-20") };
	assert_int_equal(case_create(f->s, &f->cfg, &f->cat, &again, &id, &e), -1);
	assert_non_null(strstr(e.msg, "正在享受"));
	/* … once ended (低保: at once) the household may apply again. */
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "end", .on = D("2025-12-10") }, &e), -1);
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "end", .on = D("2025-12-10"),
				.reason = "家庭收入超过低保标准" }, &e), 0);
	assert_string_equal(roll_state(f, r), "ended");
	assert_int_equal(q(f, "SELECT ended_on = '2025-12-10' FROM rolls WHERE id = ?", r), 1);
	assert_int_equal(case_create(f->s, &f->cfg, &f->cat, &again, &id, &e), 0);
}

static void test_review_ends_tekun_with_publicity(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t r = roll_of(f, f->app_sun), rid;
	struct review_in in = { .roll_id = r, .version = -1, .visited_on = D("2025-11-08"),
				.visitors = "李经办、王村干", .findings = "本人已由子女赡养",
				.outcome = "end", .household_class = "tekun", .reason = "有赡养人且具备赡养能力" };
	in.household_class = "nosuch";
	assert_int_equal(review_record(f->s, &f->cfg, &in, &rid, &e), -1);
	assert_non_null(strstr(e.msg, "[review]"));
	in.household_class = "tekun";
	assert_int_equal(review_record(f->s, &f->cfg, &in, &rid, &e), 0);
	assert_string_equal(roll_state(f, r), "end_pending");
	/* Publicity: 7 calendar days from the day after: 11-09 … 11-15. */
	assert_int_equal(q(f, "SELECT end_publicity_to = '2025-11-15' FROM rolls WHERE id = ?", r), 1);
	/* tekun = 12 months in the shipped tuiconfig.ini. */
	assert_int_equal(q(f, "SELECT next_review_on = '2026-11-08' FROM households WHERE id = ?", f->hh_sun), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM reviews WHERE roll_id = ?", r), 1);
	struct roll_step_in ok = { .step = "confirm_end", .on = D("2025-11-15"), .roles = ROLE_LEADER };
	assert_int_equal(roll_step(f, r, ok, &e), -1);
	assert_non_null(strstr(e.msg, "2025-11-15"));
	ok.on = D("2025-11-16");
	assert_int_equal(roll_step(f, r, ok, &e), 0);
	assert_string_equal(roll_state(f, r), "ended");
	/* A review of an ended household is refused and leaves nothing. */
	in.outcome = "unchanged";
	assert_int_equal(review_record(f->s, &f->cfg, &in, &rid, &e), -1);
	assert_int_equal(q(f, "SELECT count(*) FROM reviews WHERE roll_id = ?", r), 1);
}

static void test_review_change_waits_for_leader(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t r = roll_of(f, f->app_zhang), rid;
	struct review_in in = { .roll_id = r, .version = -1, .visited_on = D("2025-11-08"),
				.visitors = "李经办", .findings = "儿子务工收入不稳定",
				.outcome = "change", .household_class = "irregular", .new_amount = 40000,
				.reason = "收入增加" };
	assert_int_equal(review_record(f->s, &f->cfg, &in, &rid, &e), 0);
	assert_string_equal(roll_state(f, r), "change_pending");
	assert_int_equal(q(f, "SELECT next_review_on = '2026-05-08' FROM households WHERE id = ?", f->hh_zhang), 1);
	assert_int_equal(q(f, "SELECT household_class = 'irregular' FROM households WHERE id = ?", f->hh_zhang), 1);
	/* A refused outcome leaves neither the review nor the household's dates. */
	in.outcome = "suspend";
	in.visited_on = D("2025-12-08");
	assert_int_equal(review_record(f->s, &f->cfg, &in, &rid, &e), -1);
	assert_int_equal(q(f, "SELECT count(*) FROM reviews WHERE roll_id = ?", r), 1);
	assert_int_equal(q(f, "SELECT next_review_on = '2026-05-08' FROM households WHERE id = ?", f->hh_zhang), 1);
}

static void test_recert_and_due_list(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct roll_row rows[8];
	int n;
	int64_t rz = roll_of(f, f->app_zhang), id;
	struct roll_filter fl = { .village_id = f->village };
	assert_int_equal(rolls_page_dir(f->s, &fl, NULL, PAGE_AFTER, rows, 8, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].name, "孙七");	/* by name, in code-point order */
	/* Never checked: due a year after enrolment. */
	snprintf(fl.recert_month, sizeof fl.recert_month, "2026-10");
	assert_int_equal(rolls_page_dir(f->s, &fl, NULL, PAGE_AFTER, rows, 8, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].recert_due, "2026-10-23");
	assert_int_equal(recert_record(f->s, &f->cfg, rz, D("2025-12-01"), "視頻", &id, &e), -1);
	assert_non_null(strstr(e.msg, "认证方式"));
	assert_int_equal(recert_record(f->s, &f->cfg, rz, D("2025-12-01"), "视频认证", &id, &e), 0);
	assert_int_equal(q(f, "SELECT next_due_on = '2026-12-01' FROM recertifications WHERE id = ?", id), 1);
	assert_int_equal(q(f, "SELECT recert_due_on = '2026-12-01' FROM rolls WHERE id = ?", rz), 1);
	assert_int_equal(rolls_page_dir(f->s, &fl, NULL, PAGE_AFTER, rows, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "孙七");
	/* An office checking every half year ([alerts] recert_months = 6). */
	f->cfg.recert_months = 6;
	assert_int_equal(recert_record(f->s, &f->cfg, rz, D("2025-12-02"), "本人到场", &id, &e), 0);
	assert_int_equal(q(f, "SELECT next_due_on = '2026-06-02' FROM recertifications WHERE id = ?", id), 1);
	assert_int_equal(q(f, "SELECT recert_due_on = '2026-06-02' FROM rolls WHERE id = ?", rz), 1);
	/* Search by name fragment. */
	struct roll_filter byname = { .village_id = f->village };
	snprintf(byname.search, sizeof byname.search, "张");
	assert_int_equal(rolls_page_dir(f->s, &byname, NULL, PAGE_AFTER, rows, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "张三");
	assert_int_equal(rows[0].amount, 52000);
	assert_int_equal(rows[0].members, 1);
}

static void test_history(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct hh_event ev[64];
	int n;
	int64_t r = roll_of(f, f->app_zhang), id;
	assert_int_equal(recert_record(f->s, &f->cfg, r, D("2025-11-01"), "入户认证", &id, &e), 0);
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "suspend", .on = D("2025-11-05"),
				.reason = "外出务工" }, &e), 0);
	assert_int_equal(rolls_history(f->s, f->hh_zhang, ev, 64, &n, &e), 0);
	assert_true(n >= 8);
	assert_string_equal(ev[n - 1].what, "在册");
	assert_string_equal(ev[n - 1].on, "2025-11-05");
	assert_non_null(strstr(ev[n - 1].text, "暂停"));
	assert_non_null(strstr(ev[n - 1].text, "外出务工"));
	assert_string_equal(ev[n - 2].what, "资格认证");
	assert_non_null(strstr(ev[n - 2].text, "入户认证"));
	assert_non_null(strstr(ev[n - 2].text, "2026-11-01"));
	assert_string_equal(ev[0].what, "申请");
	/* Each roll step with the amount it left in force, not today's. */
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "resume", .on = D("2025-11-06") },
				   &e), 0);
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "change", .on = D("2025-11-07"),
				.new_amount = 48000, .reason = "家庭收入增加" }, &e), 0);
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "confirm_change",
				.on = D("2025-11-08"), .roles = ROLE_LEADER }, &e), 0);
	assert_int_equal(rolls_history(f->s, f->hh_zhang, ev, 64, &n, &e), 0);
	const char *want[][2] = {
		{ "纳入在册", "（520.00 元）" }, { "暂停", "（520.00 元）" }, { "恢复", "（520.00 元）" },
		{ "调整待确认", "（480.00 元）" }, { "确认调整", "（480.00 元）" },
	};
	int k = 0;
	for (int i = 0; i < n && k < 5; i++)
		if (strcmp(ev[i].what, "在册") == 0) {
			if (strstr(ev[i].text, want[k][0]) == NULL || strstr(ev[i].text, want[k][1]) == NULL)
				fail_msg("roll step %d: %s (want %s %s)", k, ev[i].text, want[k][0], want[k][1]);
			k++;
		}
	assert_int_equal(k, 5);
}

static void test_one_off_not_enrolled(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t hh, p;
	assert_int_equal(store_begin(f->s, &e), 0);
	struct household_in h = { .village_id = f->village, .created_on = D("2025-01-02"), .address = "x" };
	assert_int_equal(household_insert(f->s, &h, &hh, &e), 0);
	p = person(f, hh, "周八", "500231196506060045");
	assert_int_equal(store_commit(f->s, &e), 0);
	int64_t app = announced(f, hh, p, "linshi", 100000);
	assert_int_equal(q(f, "SELECT count(*) FROM rolls WHERE application_id = ?", app), 0);
}

/* A store whose cases were announced before the rolls existed: init puts
 * them on the rolls once, from their announcement day; one-off kinds not. */
static void test_enrol_missing(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t hh, p, n;
	f->no_catalogue = true;
	assert_int_equal(store_begin(f->s, &e), 0);
	struct household_in h = { .village_id = f->village, .created_on = D("2025-01-02"), .address = "x" };
	assert_int_equal(household_insert(f->s, &h, &hh, &e), 0);
	p = person(f, hh, "周八", "500231196506060045");
	assert_int_equal(store_commit(f->s, &e), 0);
	int64_t app = announced(f, hh, p, "dibao", 45000);
	int64_t hh2, p2;
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(household_insert(f->s, &h, &hh2, &e), 0);
	p2 = person(f, hh2, "王五", "500231197503030013");
	assert_int_equal(store_commit(f->s, &e), 0);
	int64_t once = announced(f, hh2, p2, "linshi", 100000);
	assert_int_equal(q(f, "SELECT count(*) FROM rolls WHERE application_id = ?", app), 0);
	assert_int_equal(roll_enrol_missing(f->s, &f->cfg, &f->cat, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(q(f, "SELECT since_on = '2025-10-23' AND amount = 45000 FROM rolls "
			   "WHERE application_id = ?", app), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM rolls WHERE application_id = ?", once), 0);
	assert_int_equal(roll_enrol_missing(f->s, &f->cfg, &f->cat, &n, &e), 0);
	assert_int_equal(n, 0);
}

/* Who may: a supervisor changes nothing, village staff are not clerks;
 * a refused review or check leaves nothing behind. */
static void test_roles(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t r = roll_of(f, f->app_zhang), id;
	struct review_in in = { .roll_id = r, .version = -1, .visited_on = D("2025-11-08"),
				.visitors = "县局", .findings = "抽查", .outcome = "unchanged",
				.household_class = "stable" };
	struct store_actor sup = access_actor(ROLE_SUPERVISOR, 0, 0);
	store_set_actor(f->s, &sup);
	assert_int_equal(review_record(f->s, &f->cfg, &in, &id, &e), -1);
	assert_int_equal(recert_record(f->s, &f->cfg, r, D("2025-11-08"), "视频认证", &id, &e), -1);
	assert_int_equal(roll_step(f, r, (struct roll_step_in){ .step = "suspend", .on = D("2025-11-08"),
				.reason = "x" }, &e), -1);
	struct store_actor vil = access_actor(ROLE_VILLAGE, 0, f->village);
	store_set_actor(f->s, &vil);
	assert_int_equal(review_record(f->s, &f->cfg, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "复核"));
	assert_int_equal(q(f, "SELECT count(*) FROM reviews WHERE roll_id = ?", r), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM recertifications WHERE application_id = ?",
			   f->app_zhang), 0);
	assert_string_equal(roll_state(f, r), "active");
}

static void count_problem(void *ctx, const char *msg)
{
	(void)msg;
	++*(int *)ctx;
}

static int64_t put(struct store *s, const char *table, const struct field *f, int n)
{
	struct err e = { "" };
	int64_t id;
	if (store_insert(s, table, f, n, &id, &e) != 0)
		fail_msg("%s: %s", table, e.msg);
	return id;
}

/* The list is in the applicant's name order, and a corrected name moves
 * the household there (the roll keeps the name it sorts by). */
static void test_renamed_applicant_moves(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	struct roll_row rows[8];
	int n;
	struct roll_filter fl = { .village_id = f->village };
	assert_int_equal(rolls_page_dir(f->s, &fl, NULL, PAGE_AFTER, rows, 8, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].name, "孙七");	/* U+5B59 before U+5F20 */
	int64_t zhang = office_int(f->s, "SELECT applicant_id FROM applications WHERE id = ?", f->app_zhang);
	int64_t version = office_int(f->s, "SELECT version FROM persons WHERE id = ?", zhang);
	struct person_text p = { .name = "丁三", .id_number = "500231198001010017", .relation = "户主" };
	assert_int_equal(person_update(f->s, f->v, zhang, version, &p, D("2025-12-01"), &e), 0);
	assert_int_equal(rolls_page_dir(f->s, &fl, NULL, PAGE_AFTER, rows, 8, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].name, "丁三");	/* U+4E01 first now */
	assert_string_equal(rows[1].name, "孙七");
	/* The page after the first row, by the new key. */
	struct roll_key after = { .id = rows[0].id };
	snprintf(after.name, sizeof after.name, "%s", rows[0].name);
	assert_int_equal(rolls_page_dir(f->s, &fl, &after, PAGE_AFTER, rows, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "孙七");
	/* The rename is the roll's change too, audited as the clerk's. */
	assert_int_equal(office_int(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'rolls' AND "
				    "action = 'update' AND after LIKE '%丁三%' AND row_id = ?",
				    roll_of(f, f->app_zhang)), 1);
}

/* Rows written by the version before (11), then migrated. */
static void test_migration_12(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	struct store *s;
	char path[80];
	snprintf(path, sizeof path, "%s-old", f->path);
	assert_int_equal(store_open(path, STORE_LOCAL, 1000, &s, &e), 0);
	assert_int_equal(store_migrate_to(s, 11, &e), 0);
	store_set_user(s, "老版本经办");
	assert_int_equal(store_begin(s, &e), 0);
	int64_t t = put(s, "townships", (struct field[]){ F_TEXT("county", "垫江县"), F_TEXT("name", "澄溪镇") }, 2);
	int64_t v = put(s, "villages", (struct field[]){ F_INT("township_id", t), F_TEXT("name", "太平村") }, 2);
	int64_t h = put(s, "households", (struct field[]){ F_INT("village_id", v), F_TEXT("created_on", "2025-01-02") }, 2);
	int64_t p = put(s, "persons", (struct field[]){ F_INT("household_id", h), F_TEXT("name", "孙七"),
			F_TEXT("id_number", "500231196005050033"), F_TEXT("sex", "M"),
			F_TEXT("birth_date", "1960-05-05"), F_TEXT("relation", "户主") }, 6);
	struct field app[] = { F_INT("household_id", h), F_INT("applicant_id", p), F_TEXT("kind", "tekun"),
			       F_TEXT("channel", "window"), F_TEXT("state", "announced"),
			       F_TEXT("received_on", "2025-09-26") };
	int64_t a1 = put(s, "applications", app, 6);
	app[2] = F_TEXT("kind", "dibao");
	int64_t a2 = put(s, "applications", app, 6);
	int64_t ended = put(s, "rolls", (struct field[]){ F_INT("application_id", a1), F_INT("household_id", h),
			F_INT("village_id", v), F_TEXT("kind", "tekun"), F_INT("amount", 80000),
			F_TEXT("since_on", "2025-10-23"), F_TEXT("state", "end_pending"),
			F_TEXT("end_reason", "有赡养人"), F_TEXT("end_publicity_to", "2025-12-08") }, 9);
	int64_t kept = put(s, "rolls", (struct field[]){ F_INT("application_id", a2), F_INT("household_id", h),
			F_INT("village_id", v), F_TEXT("kind", "dibao"), F_INT("amount", 52000),
			F_TEXT("since_on", "2025-10-23"), F_TEXT("state", "active") }, 7);
	put(s, "recertifications", (struct field[]){ F_INT("application_id", a2), F_INT("person_id", p),
			F_TEXT("checked_on", "2025-12-01"), F_TEXT("method", "video"),
			F_TEXT("next_due_on", "2026-12-01") }, 5);
	assert_int_equal(store_commit(s, &e), 0);

	assert_int_equal(store_migrate(s, &e), 0);
	int problems = 0;
	struct audit_head head;
	assert_int_equal(verify_chain(s, count_problem, &problems, &head, &e), 0);
	assert_int_equal(verify_rows(s, count_problem, &problems, &e), 0);
	assert_int_equal(problems, 0);
	/* Never checked: a year after enrolment, as shown before; checked: the
	 * check's own next date. The publicity began 7 days before its end. */
	assert_int_equal(office_int(s, "SELECT recert_due_on = '2026-10-23' AND end_publicity_from = "
				    "'2025-12-01' AND name = '孙七' AND version = 2 FROM rolls WHERE id = ?", ended), 1);
	assert_int_equal(office_int(s, "SELECT recert_due_on = '2026-12-01' AND end_publicity_from IS NULL "
				    "FROM rolls WHERE id = ?", kept), 1);
	assert_int_equal(office_int(s, "SELECT count(*) FROM audit_log WHERE who = '结构升级 0012' "
				    "AND tbl = 'rolls' AND row_id >= ?", 0), 2);
	store_close(s);
	office_remove_store(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enrolled_at_announcement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_amount_change_needs_leader, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspend_resume_end_apply_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_ends_tekun_with_publicity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_change_waits_for_leader, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recert_and_due_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_off_not_enrolled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enrol_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renamed_applicant_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_12, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
