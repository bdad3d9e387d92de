/* The deadline engine (query/alerts.c): each rule on its own, with dates
 * across the 2026 Spring Festival and National Day (make-up workdays on
 * Saturdays 02-14, 02-28 and 10-10), a case extended to 40 days, a 特困
 * case, an overdue entrustment, the quarterly ledger before and after its
 * export, a date past the holiday calendar, the filters, the top line's
 * counts and one case's clocks.
 *
 * Expected dates are counted by hand from DOMAIN.md's 2026 calendar (the
 * working days are listed beside each). Applications are written as the
 * workflow leaves them, next_due_on by case.c, so each rule is tested
 * without walking the whole workflow to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/agent.h"
#include "core/domain/case.h"
#include "core/domain/entrust.h"
#include "core/query/alerts.h"

struct fx {
	struct office o;
	int64_t village, other_village, house, head, house2, head2;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->o.path, &f->o.s, &f->o.cfg, &f->o.cat, &f->o.v, "李经办");
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, "太平村", &f->village, &e), 0);
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, "大路村", &f->other_village, &e), 0);
	f->house = office_household(&f->o, f->village, "张三", "500231198001010017", &f->head);
	f->house2 = office_household(&f->o, f->other_village, "李四", "500231198212120021", &f->head2);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	office_close(f->o.path, f->o.s, &f->o.cfg, &f->o.cat, f->o.v);
	free(f);
	return 0;
}

/* The dates of an application; DATE_NONE unless given. */
struct app_in {
	const char *kind, *state;
	const char *received, *missing_deadline, *accepted, *publicity_to, *county, *decided,
		   *decision;
	bool delegated, special;
	int64_t household, applicant;
};

static date_t opt(const char *t)
{
	return t != NULL ? D(t) : DATE_NONE;
}

static int64_t add_app(struct fx *f, struct app_in in)
{
	struct err e;
	char due[11];
	const char *what;
	int64_t id;
	struct case_dates d = {
		.kind = in.kind ? in.kind : "dibao", .state = in.state, .received_on = D(in.received),
		.missing_deadline = opt(in.missing_deadline), .accepted_on = opt(in.accepted),
		.publicity_to = opt(in.publicity_to), .county_submitted_on = opt(in.county),
		.decided_on = opt(in.decided), .refusal_notified_on = DATE_NONE,
		.county_filed_on = DATE_NONE, .delegated = in.delegated, .special_extension = in.special,
	};
	date_t next = case_next_due(&f->o.cfg, &d, &what);
	date_format(next, due);
	struct field r[] = {
		F_INT("household_id", in.household ? in.household : f->house),
		F_INT("applicant_id", in.applicant ? in.applicant : f->head),
		F_TEXT("kind", d.kind), F_TEXT("channel", "window"), F_TEXT("state", in.state),
		F_TEXT("received_on", in.received), F_TEXT("missing_deadline", in.missing_deadline),
		F_TEXT("accepted_on", in.accepted), F_TEXT("publicity_to", in.publicity_to),
		F_TEXT("county_submitted_on", in.county), F_TEXT("decided_on", in.decided),
		F_TEXT("decision", in.decision), F_INT("delegated", in.delegated),
		F_INT("special_extension", in.special),
		next != DATE_NONE ? F_TEXT("next_due_on", due) : F_NULL("next_due_on"),
	};
	assert_int_equal(store_begin(f->o.s, &e), 0);
	if (store_insert(f->o.s, "applications", r, (int)(sizeof r / sizeof r[0]), &id, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	return id;
}

static void collect(struct fx *f, const char *today, const struct alert_filter *flt,
		    struct alert_list *l)
{
	struct err e;
	if (alerts_collect(f->o.s, &f->o.cfg, D(today), flt, l, &e) != 0)
		fail_msg("%s", e.msg);
}

/* The alert of rule `code` about record `id`, or NULL. */
static const struct alert *find(const struct alert_list *l, const char *code, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].rule->code, code) == 0 && l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

static void record_export(struct fx *f, const char *quarter, const char *on)
{
	struct err e;
	struct field r[] = { F_TEXT("report", "helper-quarterly"), F_TEXT("period", quarter),
			     F_TEXT("path", "/tmp/q.xlsx"), F_INT("rows", 3),
			     F_TEXT("exported_on", on), F_TEXT("exported_by", "李经办") };
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(store_insert(f->o.s, "exports", r, 6, NULL, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
}

static void test_accept_across_spring_festival(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	/* Received Thu 02-12: 02-13 (1), Sat 02-14 make-up (2). */
	int64_t id = add_app(f, (struct app_in){ .state = "received", .received = "2026-02-12" });
	collect(f, "2026-02-13", NULL, &l);
	const struct alert *a = find(&l, "accept", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-02-14"));
	assert_int_equal(a->days_left, 1);
	assert_int_equal(a->urgency, URGENCY_WEEK);
	assert_string_equal(a->text, "受理：接收后 2 个工作日内");
	assert_string_equal(a->name, "张三");
	assert_string_equal(a->village, "太平村");
	assert_false(a->provisional);
	alerts_free(&l);
	/* Mon 02-16 is a holiday: late all the same, by at least a day. */
	collect(f, "2026-02-16", NULL, &l);
	a = find(&l, "accept", id);
	assert_non_null(a);
	assert_int_equal(a->urgency, URGENCY_OVERDUE);
	assert_true(a->days_left < 0);
	alerts_free(&l);
	/* Tue 02-24, the first working day after the festival: 1 day late. */
	collect(f, "2026-02-24", NULL, &l);
	assert_int_equal(find(&l, "accept", id)->days_left, -1);
	alerts_free(&l);
}

static void test_materials_offer_withdrawal(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	/* Notice on Mon 02-09, 10 working days: 02-10..13 (4), Sat 02-14 (5),
	 * 02-24..27 (9), Sat 02-28 make-up (10). */
	int64_t id = add_app(f, (struct app_in){ .state = "missing", .received = "2026-02-06",
						 .missing_deadline = "2026-02-28" });
	collect(f, "2026-02-27", NULL, &l);
	const struct alert *a = find(&l, "materials", id);
	assert_non_null(a);
	assert_int_equal(a->days_left, 1);
	assert_string_equal(a->note, "");
	alerts_free(&l);
	collect(f, "2026-03-02", NULL, &l);
	a = find(&l, "materials", id);
	assert_non_null(a);
	assert_int_equal(a->days_left, -1);
	assert_non_null(strstr(a->note, "视为自动放弃"));
	assert_non_null(strstr(a->text, "10 个工作日"));
	alerts_free(&l);
}

static void test_investigation_across_national_day(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	/* Accepted Tue 09-29: 09-30 (1), 10-01..07 off, Thu 10-08 (2). */
	int64_t id = add_app(f, (struct app_in){ .state = "accepted", .received = "2026-09-28",
						 .accepted = "2026-09-29", .delegated = true });
	collect(f, "2026-09-30", NULL, &l);
	const struct alert *a = find(&l, "investigate", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-10-08"));
	assert_int_equal(a->days_left, 1);
	assert_int_equal(a->urgency, URGENCY_LATER);	/* next week, within the lead days */
	/* The total limit is far off: not alerted yet. */
	assert_null(find(&l, "total", id));
	alerts_free(&l);
	/* Sat 10-10 is a make-up workday: two working days late. */
	collect(f, "2026-10-10", NULL, &l);
	assert_int_equal(find(&l, "investigate", id)->days_left, -2);
	alerts_free(&l);
}

static void test_total_extended_to_40(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	/* Accepted Mon 11-02, special: 40 working days → Mon 12-28. */
	int64_t id = add_app(f, (struct app_in){ .state = "investigating", .received = "2026-10-30",
						 .accepted = "2026-11-02", .delegated = true,
						 .special = true });
	collect(f, "2026-12-24", NULL, &l);
	const struct alert *a = find(&l, "total", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-12-28"));
	assert_string_equal(a->text, "办结：受理后 40 个工作日内");
	assert_int_equal(a->days_left, 2);	/* 12-25, 12-28 */
	alerts_free(&l);
	/* Without the extension, delegated: 20 → 11-30, long overdue. */
	int64_t plain = add_app(f, (struct app_in){ .state = "investigating", .received = "2026-10-30",
						    .accepted = "2026-11-02", .delegated = true });
	collect(f, "2026-12-24", NULL, &l);
	a = find(&l, "total", plain);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-11-30"));
	assert_int_equal(a->urgency, URGENCY_OVERDUE);
	alerts_free(&l);
}

static void test_tekun_15_and_15(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	/* 特困, accepted Mon 11-02: initial opinion +15 → Mon 11-23; the whole
	 * +30 → Mon 12-14. */
	int64_t id = add_app(f, (struct app_in){ .kind = "tekun", .state = "investigating",
						 .received = "2026-10-30", .accepted = "2026-11-02" });
	collect(f, "2026-11-20", NULL, &l);
	const struct alert *a = find(&l, "initial_review", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-11-23"));
	assert_string_equal(a->text, "初审：受理后 15 个工作日内提出意见");
	alerts_free(&l);
	collect(f, "2026-12-11", NULL, &l);
	a = find(&l, "total", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-12-14"));
	assert_string_equal(a->text, "办结：受理后 30 个工作日内");
	alerts_free(&l);
	/* County confirmation of a 特困 case: 15 working days from Mon 11-23 → Mon 12-14. */
	int64_t c = add_app(f, (struct app_in){ .kind = "tekun", .state = "county",
						.received = "2026-10-30", .accepted = "2026-11-02",
						.publicity_to = "2026-11-19", .county = "2026-11-23" });
	collect(f, "2026-12-14", NULL, &l);
	a = find(&l, "county", c);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-12-14"));
	assert_int_equal(a->urgency, URGENCY_TODAY);
	assert_string_equal(a->text, "县级确认：报县后 15 个工作日内");
	alerts_free(&l);
	/* A 低保 case has no separate initial-review limit. */
	int64_t dibao = add_app(f, (struct app_in){ .state = "investigating", .received = "2026-10-30",
						    .accepted = "2026-11-02" });
	collect(f, "2026-11-20", NULL, &l);
	assert_null(find(&l, "initial_review", dibao));
	alerts_free(&l);
}

/* [issue 9 ⇄ issue 8: reconcile at merge] The end of publicity is not a
 * deadline missed: the case is 「待确认」, due (not overdue) until the
 * confirmation limit, and alerted at once. */
static void test_publicity_ended_awaits_confirmation(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	struct err e;
	int64_t od, dt;
	record_export(f, "2026Q3", "2026-09-20");	/* no ledger in the counts */
	record_export(f, "2026Q4", "2026-09-20");
	/* Accepted Mon 11-02, delegated: confirmation limit +20 → Mon 11-30;
	 * publicity to 11-19. */
	int64_t id = add_app(f, (struct app_in){ .state = "publicity", .received = "2026-10-30",
						 .accepted = "2026-11-02", .publicity_to = "2026-11-19",
						 .delegated = true });
	collect(f, "2026-11-18", NULL, &l);
	assert_null(find(&l, "publicity", id));	/* a running clock, not an alert */
	assert_null(find(&l, "confirm", id));
	alerts_free(&l);
	collect(f, "2026-11-20", NULL, &l);
	const struct alert *a = find(&l, "confirm", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-11-30"));
	assert_int_equal(a->days_left, 6);	/* 11-23..27, 11-30 */
	assert_int_not_equal(a->urgency, URGENCY_OVERDUE);
	assert_non_null(strstr(a->text, "待确认"));
	assert_null(find(&l, "publicity", id));
	alerts_free(&l);
	assert_int_equal(alerts_count(f->o.s, &f->o.cfg, D("2026-11-20"), &od, &dt, &e), 0);
	assert_int_equal(od, 0);
	assert_int_equal(dt, 0);
	/* Past the confirmation limit it is late. */
	assert_int_equal(alerts_count(f->o.s, &f->o.cfg, D("2026-12-01"), &od, &dt, &e), 0);
	assert_int_equal(od, 1);
}

static void test_refusal_and_filing(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	struct err e;
	/* Refused Fri 12-04: written notice within 3 → Wed 12-09. */
	int64_t r = add_app(f, (struct app_in){ .state = "refused", .received = "2026-10-30",
						.accepted = "2026-11-02", .decided = "2026-12-04",
						.decision = "refused", .delegated = true });
	/* Approved by the township on 12-04: filed with the county by 12-31. */
	int64_t a = add_app(f, (struct app_in){ .state = "approved", .received = "2026-10-30",
						.accepted = "2026-11-02", .decided = "2026-12-04",
						.decision = "approved", .delegated = true });
	/* Approved by the county: nothing to file. */
	int64_t c = add_app(f, (struct app_in){ .state = "approved", .received = "2026-10-30",
						.accepted = "2026-11-02", .decided = "2026-12-04",
						.decision = "approved" });
	collect(f, "2026-12-28", NULL, &l);
	const struct alert *x = find(&l, "refusal", r);
	assert_non_null(x);
	assert_int_equal(x->due, D("2026-12-09"));
	assert_int_equal(x->urgency, URGENCY_OVERDUE);
	x = find(&l, "filing", a);
	assert_non_null(x);
	assert_int_equal(x->due, D("2026-12-31"));
	assert_true(x->calendar_days);
	assert_int_equal(x->days_left, 3);
	assert_string_equal(x->text, "备案：确认当月报县民政局");
	assert_null(find(&l, "filing", c));
	alerts_free(&l);
	/* Filing it (the workflow's step) ends the alert. */
	struct case_step_in in = { .step = "file_county", .on = D("2026-12-28") };
	setenv("JIUZHU_TODAY", "2026-12-28", 1);
	if (case_apply(f->o.s, &f->o.cfg, a, -1, ROLE_CLERK, &in, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(case_apply(f->o.s, &f->o.cfg, a, -1, ROLE_CLERK, &in, &e), -1);
	assert_non_null(strstr(e.msg, "已报县"));
	setenv("JIUZHU_TODAY", "2025-12-31", 1);
	collect(f, "2026-12-28", NULL, &l);
	assert_null(find(&l, "filing", a));
	assert_non_null(find(&l, "refusal", r));
	alerts_free(&l);
}

static void test_overdue_entrustment(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	struct err e;
	int64_t agent, id;
	struct agent_in ag = { .village = "太平村", .name = "王帮办", .id_number = "11010519491231002X",
			       .phone = "13800001111", .category = "网格员" };
	assert_int_equal(agent_add(f->o.s, &f->o.cfg, &f->o.cat, f->o.v, &ag, &agent, &e), 0);
	/* Received Thu 10-22: 5 working days → Thu 10-29. */
	struct entrust_new en = { .village_id = f->village, .agent_id = agent, .client_name = "赵老汉",
				  .matter = "dibao", .channel = "phone", .received_on = D("2026-10-22") };
	setenv("JIUZHU_TODAY", "2026-10-22", 1);
	if (entrust_create(f->o.s, &f->o.cfg, &f->o.cat, &en, &id, &e) != 0)
		fail_msg("%s", e.msg);
	collect(f, "2026-12-21", NULL, &l);
	const struct alert *a = find(&l, "entrust_handle", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-10-29"));
	assert_int_equal(a->rule->object, ALERT_ENTRUSTMENT);
	assert_int_equal(a->urgency, URGENCY_OVERDUE);
	assert_string_equal(a->name, "赵老汉");
	assert_string_equal(a->text, "帮办代办：受理后 5 个工作日内办理");
	alerts_free(&l);
	/* Handled and answered on Mon 12-14: rated and filed within 5 → Mon 12-21. */
	struct entrust_step_in st = { .step = "handle", .on = D("2026-12-14") };
	setenv("JIUZHU_TODAY", "2026-12-21", 1);
	assert_int_equal(entrust_apply(f->o.s, &f->o.cfg, id, -1, &st, &e), 0);
	st = (struct entrust_step_in){ .step = "feedback", .on = D("2026-12-14"), .result = "已送窗口" };
	assert_int_equal(entrust_apply(f->o.s, &f->o.cfg, id, -1, &st, &e), 0);
	collect(f, "2026-12-21", NULL, &l);
	assert_null(find(&l, "entrust_handle", id));
	a = find(&l, "entrust_close", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-12-21"));
	assert_int_equal(a->urgency, URGENCY_TODAY);
	assert_string_equal(a->note, "待评价");
	alerts_free(&l);
	st = (struct entrust_step_in){ .step = "rate", .on = D("2026-12-21"), .rating = "满意" };
	assert_int_equal(entrust_apply(f->o.s, &f->o.cfg, id, -1, &st, &e), 0);
	st = (struct entrust_step_in){ .step = "file", .on = D("2026-12-21") };
	assert_int_equal(entrust_apply(f->o.s, &f->o.cfg, id, -1, &st, &e), 0);
	setenv("JIUZHU_TODAY", "2025-12-31", 1);
	collect(f, "2026-12-21", NULL, &l);
	assert_null(find(&l, "entrust_close", id));
	alerts_free(&l);
}

static const struct alert *ledger(const struct alert_list *l, const char *quarter)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].rule->code, "ledger") == 0 && strcmp(l->v[i].number, quarter) == 0)
			return &l->v[i];
	return NULL;
}

static void test_quarterly_ledger(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	struct err e;
	int64_t od, dt;
	/* Mon 12-21: due Fri 12-25, this week; not yet exported. */
	collect(f, "2026-12-21", NULL, &l);
	const struct alert *a = ledger(&l, "2026Q4");
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-12-25"));
	assert_int_equal(a->urgency, URGENCY_WEEK);
	assert_false(a->done);
	assert_non_null(strstr(a->note, "尚未导出"));
	assert_non_null(strstr(a->text, "12月25日"));
	/* Q3's, due 09-25, never exported: still overdue. */
	assert_non_null(ledger(&l, "2026Q3"));
	assert_int_equal(ledger(&l, "2026Q3")->urgency, URGENCY_OVERDUE);
	alerts_free(&l);
	/* Not a village's report. */
	struct alert_filter byv = { .village_id = f->village, .object = -1 };
	collect(f, "2026-12-21", &byv, &l);
	assert_null(ledger(&l, "2026Q4"));
	alerts_free(&l);
	/* On the day Q4 is due, Q3's place is taken: one late ledger at a time. */
	assert_int_equal(alerts_count(f->o.s, &f->o.cfg, D("2026-12-25"), &od, &dt, &e), 0);
	assert_int_equal(od, 0);
	assert_int_equal(dt, 1);
	assert_int_equal(alerts_count(f->o.s, &f->o.cfg, D("2026-12-28"), &od, &dt, &e), 0);
	assert_int_equal(od, 1);
	/* Exported on 12-22: shown as done until its date, then gone. */
	record_export(f, "2026Q4", "2026-12-22");
	collect(f, "2026-12-22", NULL, &l);
	a = ledger(&l, "2026Q4");
	assert_non_null(a);
	assert_true(a->done);
	assert_non_null(strstr(a->note, "2026-12-22"));
	alerts_free(&l);
	collect(f, "2026-12-28", NULL, &l);
	assert_null(ledger(&l, "2026Q4"));
	alerts_free(&l);
	assert_int_equal(alerts_count(f->o.s, &f->o.cfg, D("2026-12-28"), &od, &dt, &e), 0);
	assert_int_equal(od, 0);
	/* Months later neither is alerted. */
	collect(f, "2027-05-04", NULL, &l);
	assert_null(ledger(&l, "2026Q3"));
	assert_null(ledger(&l, "2026Q4"));
	alerts_free(&l);
}

static void test_provisional_past_calendar(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	/* Accepted Mon 12-21, delegated: 20 working days reach into 2027,
	 * which the calendar does not cover: weekends only → Mon 01-18. */
	int64_t id = add_app(f, (struct app_in){ .state = "investigating", .received = "2026-12-18",
						 .accepted = "2026-12-21", .delegated = true });
	collect(f, "2027-01-14", NULL, &l);
	const struct alert *a = find(&l, "total", id);
	assert_non_null(a);
	assert_int_equal(a->due, D("2027-01-18"));
	assert_true(a->provisional);
	alerts_free(&l);
	/* One due inside 2026 is not. */
	collect(f, "2026-12-22", NULL, &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].due <= D("2026-12-31"))
			assert_false(l.v[i].provisional);
	alerts_free(&l);
}

/* The after-approval records: rows of the table, alerted once they exist. */
static void test_review_recert_referral_rows(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	struct err e;
	int64_t app = add_app(f, (struct app_in){ .state = "announced", .received = "2025-10-30",
						  .accepted = "2025-11-03", .decided = "2025-11-20",
						  .decision = "approved" });
	collect(f, "2026-12-21", NULL, &l);
	assert_null(find(&l, "review", f->house));
	assert_null(find(&l, "recert", app));
	alerts_free(&l);
	struct field hh[] = { F_TEXT("next_review_on", "2026-12-23") };
	struct field rc[] = { F_INT("application_id", app), F_TEXT("checked_on", "2025-12-20"),
			      F_TEXT("method", "video"), F_TEXT("next_due_on", "2027-01-15") };
	/* Referred Mon 12-07: the referral stores its reply date, Mon 12-21
	 * (referral.c counts it; test_referral.c checks that). */
	int64_t village2;
	assert_int_equal(store_query_int(f->o.s, &village2, &e, "SELECT village_id FROM households "
					 "WHERE id = ?", "i", f->house2), 0);
	struct field rf[] = { F_INT("household_id", f->house2), F_INT("village_id", village2),
			      F_TEXT("department", "县医保局"), F_TEXT("item", "医疗救助"),
			      F_TEXT("referred_on", "2026-12-07"), F_TEXT("due_on", "2026-12-21"),
			      F_TEXT("state", "referred") };
	int64_t ref;
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(store_update(f->o.s, "households", f->house, -1, hh, 1, &e), 0);
	assert_int_equal(store_insert(f->o.s, "recertifications", rc, 4, NULL, &e), 0);
	assert_int_equal(store_insert(f->o.s, "referrals", rf, 7, &ref, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	/* Only a household on the rolls is reviewed (issue 11). */
	collect(f, "2026-12-21", NULL, &l);
	assert_null(find(&l, "review", f->house));
	alerts_free(&l);
	struct field ro[] = { F_INT("application_id", app), F_INT("household_id", f->house),
			      F_INT("village_id", f->village), F_TEXT("kind", "dibao"),
			      F_INT("amount", 50000), F_TEXT("since_on", "2025-11-25"),
			      F_TEXT("recert_due_on", "2027-01-15") };
	int64_t roll;
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(store_insert(f->o.s, "rolls", ro, 7, &roll, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	collect(f, "2026-12-21", NULL, &l);
	/* Both on the roll: its 户档案 is where they are recorded. */
	const struct alert *a = find(&l, "review", roll);
	assert_non_null(a);
	assert_int_equal(a->rule->object, ALERT_ROLL);
	assert_int_equal(a->due, D("2026-12-23"));
	/* Re-certification is warned recert_lead_days (30) calendar days ahead;
	 * the note says when the last check was made (how: in the 户档案). */
	a = find(&l, "recert", roll);
	assert_non_null(a);
	assert_int_equal(a->due, D("2027-01-15"));
	assert_non_null(strstr(a->note, "上次认证 2025-12-20"));
	a = find(&l, "referral", ref);
	assert_non_null(a);
	assert_int_equal(a->due, D("2026-12-21"));
	assert_string_equal(a->village, "大路村");
	assert_string_equal(a->name, "李四");
	assert_non_null(strstr(a->note, "县医保局"));
	alerts_free(&l);
}

static void test_filters_and_order(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	int64_t a1 = add_app(f, (struct app_in){ .state = "received", .received = "2026-12-17" });
	int64_t a2 = add_app(f, (struct app_in){ .state = "received", .received = "2026-12-10",
						 .household = f->house2, .applicant = f->head2 });
	collect(f, "2026-12-21", NULL, &l);
	assert_non_null(find(&l, "accept", a1));
	assert_non_null(find(&l, "accept", a2));
	for (size_t i = 1; i < l.n; i++)
		assert_true(l.v[i - 1].due <= l.v[i].due);
	alerts_free(&l);
	struct alert_filter byv = { .village_id = f->other_village, .object = -1 };
	collect(f, "2026-12-21", &byv, &l);
	assert_null(find(&l, "accept", a1));
	assert_non_null(find(&l, "accept", a2));
	alerts_free(&l);
	struct alert_filter byo = { .object = ALERT_REPORT };
	collect(f, "2026-12-21", &byo, &l);
	assert_true(l.n > 0);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].rule->object, ALERT_REPORT);
	alerts_free(&l);
	struct alert_filter byr = { .object = -1, .rule = "accept" };
	collect(f, "2026-12-21", &byr, &l);
	assert_int_equal(l.n, 2);
	alerts_free(&l);
}

static void test_case_clocks(void **state)
{
	struct fx *f = *state;
	struct alert_list l;
	struct err e;
	int64_t id = add_app(f, (struct app_in){ .state = "publicity", .received = "2026-10-30",
						 .accepted = "2026-11-02", .publicity_to = "2026-11-19",
						 .delegated = true });
	/* While posted: the publicity clock and the total limit, both shown. */
	assert_int_equal(alerts_of_case(f->o.s, &f->o.cfg, id, D("2026-11-16"), &l, &e), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].rule->code, "publicity");
	assert_int_equal(l.v[0].days_left, 3);
	assert_true(l.v[0].calendar_days);
	assert_string_equal(l.v[1].rule->code, "total");
	assert_int_equal(l.v[1].due, D("2026-11-30"));
	alerts_free(&l);
	assert_int_equal(alerts_of_case(f->o.s, &f->o.cfg, 999999, D("2026-11-16"), &l, &e), 0);
	assert_int_equal(l.n, 0);
	alerts_free(&l);
}

static void test_horizon(void **state)
{
	struct fx *f = *state;
	/* Mon 12-21, lead 2 working days → Wed; the week runs to Sun 12-27. */
	assert_int_equal(alerts_horizon(&f->o.cfg, D("2026-12-21")), D("2026-12-27"));
	/* Fri 12-25 → lead reaches Tue 12-29, past Sunday. */
	assert_int_equal(alerts_horizon(&f->o.cfg, D("2026-12-25")), D("2026-12-29"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_accept_across_spring_festival, setup, teardown),
		cmocka_unit_test_setup_teardown(test_materials_offer_withdrawal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_investigation_across_national_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_total_extended_to_40, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tekun_15_and_15, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publicity_ended_awaits_confirmation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusal_and_filing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overdue_entrustment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quarterly_ledger, setup, teardown),
		cmocka_unit_test_setup_teardown(test_provisional_past_calendar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_recert_referral_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_and_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_clocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_horizon, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
