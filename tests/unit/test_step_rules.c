/* The rules each step of an application checks (issue 8), through the core
 * API: 受理 waits for the checklist and the authorisations; the one-time
 * notice is a list; one application of a kind per household; after an
 * objection the next 初审 needs a record made after it; publicity counted
 * from the next day and 待确认 afterwards, never overdue; special cases
 * with their reason and day; dates past the holiday calendar provisional;
 * a notified refusal offers no step; the records of a case read back; the
 * migration keeps an old notice as one item. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/base/text.h"
#include "core/domain/case.h"
#include "core/domain/investigation.h"
#include "core/query/caseview.h"
#include "core/query/alerts.h"
#include "core/query/records.h"

struct fx {
	struct office o;
	int64_t village, household, head, wife;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	struct idcard card;
	office_open(f->o.path, &f->o.s, &f->o.cfg, &f->o.cat, &f->o.v, "李经办");
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, f->o.cfg.villages[0], &f->village, &e), 0);
	f->household = office_household(&f->o, f->village, "张三", "500231198001010017", &f->head);
	assert_int_equal(validate_id(f->o.v, "500231198212120021", date_today(), &card, &e), 0);
	struct person_in p = { .name = "李四", .id = &card, .relation = "配偶" };
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(person_insert(f->o.s, f->household, &p, &f->wife, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
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

static int64_t q(struct fx *f, const char *sql, int64_t id)
{
	return office_int(f->o.s, sql, id);
}

static const char *text_of(struct fx *f, const char *sql, int64_t id)
{
	static char buf[1024];
	sqlite3_stmt *st;
	struct err e;
	assert_int_equal(store_query(f->o.s, &st, &e, sql, "i", id), 0);
	assert_int_equal(store_row(f->o.s, st, "%lld", id, &e), 0);
	store_col_text(st, 0, buf, sizeof buf);
	sqlite3_reset(st);
	return buf;
}

static int64_t new_case(struct fx *f, const char *kind, const char *received, int64_t *out,
			struct err *e)
{
	struct case_new in = { .household_id = f->household, .applicant_id = f->head, .kind = kind,
			       .channel = "window", .received_on = D(received), .delegated = true };
	return case_create(f->o.s, &f->o.cfg, &f->o.cat, &in, out, e);
}

static int64_t dibao(struct fx *f, const char *received)
{
	struct err e;
	int64_t id;
	if (new_case(f, "dibao", received, &id, &e) != 0)
		fail_msg("%s", e.msg);
	return id;
}

static int step(struct fx *f, int64_t id, struct case_step_in in, struct err *e)
{
	return case_apply(f->o.s, &f->o.cfg, id, -1, ROLE_CLERK | ROLE_LEADER, &in, e);
}

static void ok_step(struct fx *f, int64_t id, struct case_step_in in)
{
	struct err e;
	if (step(f, id, in, &e) != 0)
		fail_msg("%s: %s", in.step, e.msg);
}

static int64_t add_investigation(struct fx *f, int64_t id, const char *day)
{
	struct err e;
	int64_t inv;
	struct investigation_in in = { .visited_on = D(day), .visitors = "李经办、王村干",
				       .findings = "务农，无固定收入", .monthly_income = 80000 };
	if (investigation_add(f->o.s, id, &in, &inv, &e) != 0)
		fail_msg("%s", e.msg);
	return inv;
}

/* Accepted on `on`, investigated, reviewed (include 500 元), posted on `posted`. */
static int64_t in_publicity(struct fx *f, const char *received, const char *posted)
{
	int64_t id = dibao(f, received);
	office_case_complete(f->o.s, id);
	ok_step(f, id, (struct case_step_in){ .step = "accept", .on = D(received) });
	ok_step(f, id, (struct case_step_in){ .step = "start_investigation", .on = D(received) });
	add_investigation(f, id, received);
	ok_step(f, id, (struct case_step_in){ .step = "initial_review", .on = D(received), .opinion = "include",
					      .amount = 50000 });
	ok_step(f, id, (struct case_step_in){ .step = "publicize", .on = D(posted) });
	return id;
}

static void test_accept_needs_checklist(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct case_unmet u;
	int64_t id = dibao(f, "2025-11-03");
	const struct kind *k = catalogue_kind(&f->o.cat, "dibao");
	assert_int_equal(step(f, id, (struct case_step_in){ .step = "accept", .on = D("2025-11-03") }, &e), -1);
	assert_non_null(strstr(e.msg, "材料不齐"));
	assert_non_null(strstr(e.msg, "一次性告知"));
	assert_non_null(strstr(e.msg, k->materials[0]));
	assert_string_equal(office_state(f->o.s, id), "received");
	/* What is missing: every material in checklist order, then each adult. */
	assert_int_equal(case_unmet(f->o.s, id, &u, &e), 0);
	assert_int_equal(u.n, (int)k->n_materials + 2);
	for (size_t i = 0; i < k->n_materials; i++)
		assert_string_equal(u.item[i], k->materials[i]);
	assert_string_equal(u.item[k->n_materials], "家庭经济状况核对授权书（张三签字）");
	assert_string_equal(u.item[k->n_materials + 1], "家庭经济状况核对授权书（李四签字）");
	/* Every material ticked, one adult unsigned: still refused. */
	for (int64_t row = q(f, "SELECT min(id) FROM application_materials WHERE application_id = ?", id);
	     row <= q(f, "SELECT max(id) FROM application_materials WHERE application_id = ?", id); row++)
		assert_int_equal(case_set_material(f->o.s, row, -1, true, &e), 0);
	assert_int_equal(case_sign_authorisation(f->o.s, q(f, "SELECT min(id) FROM authorisations "
							   "WHERE application_id = ?", id), -1,
						 D("2025-11-03"), "paper", &e), 0);
	assert_int_equal(case_unmet(f->o.s, id, &u, &e), 0);
	assert_int_equal(u.n, 1);
	assert_string_equal(u.item[0], "家庭经济状况核对授权书（李四签字）");
	assert_int_equal(step(f, id, (struct case_step_in){ .step = "accept", .on = D("2025-11-03") }, &e), -1);
	assert_non_null(strstr(e.msg, "李四"));
	office_case_complete(f->o.s, id);
	ok_step(f, id, (struct case_step_in){ .step = "accept", .on = D("2025-11-03") });
	assert_string_equal(office_state(f->o.s, id), "accepted");
}

static void test_missing_items_are_a_list(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = dibao(f, "2025-11-03");
	static const char *const blank[] = { " ", "" };
	assert_int_equal(step(f, id, (struct case_step_in){ .step = "request_materials", .on = D("2025-11-03"),
							    .missing = blank, .n_missing = 2 }, &e), -1);
	assert_non_null(strstr(e.msg, "缺少的材料"));
	/* Typed on one line, cut at ； only: the brackets' 、 stay inside. */
	char typed[] = "户口簿复印件；家庭收入证明（工资、经营、财产性收入等）；；身份证、户口簿复印件;\"引号\"项";
	char *items[8];
	size_t n = text_split_items(typed, items, 8);
	assert_int_equal(n, 4);
	assert_string_equal(items[1], "家庭收入证明（工资、经营、财产性收入等）");
	assert_string_equal(items[2], "身份证、户口簿复印件");
	ok_step(f, id, (struct case_step_in){ .step = "request_materials", .on = D("2025-11-03"),
					      .missing = (const char *const *)items, .n_missing = n });
	assert_string_equal(text_of(f, "SELECT missing_items FROM applications WHERE id = ?", id),
			    "[\"户口簿复印件\",\"家庭收入证明（工资、经营、财产性收入等）\","
			    "\"身份证、户口簿复印件\",\"\\\"引号\\\"项\"]");
	assert_int_equal(q(f, "SELECT json_array_length(missing_items) FROM applications WHERE id = ?", id), 4);
	/* The timeline says what was asked for. */
	assert_non_null(strstr(text_of(f, "SELECT note FROM case_events WHERE application_id = ? "
				       "ORDER BY id DESC LIMIT 1", id), "家庭收入证明（工资、经营、财产性收入等）；"));
	/* The case screen shows the list joined, the deadline of 10 working days. */
	struct case_view *v = calloc(1, sizeof *v);
	assert_int_equal(case_view_load(f->o.s, &f->o.cfg, id, D("2025-11-04"), v, &e), 0);
	assert_non_null(strstr(v->missing_items, "户口簿复印件；家庭收入证明（工资、经营、财产性收入等）；"));
	assert_string_equal(v->missing_deadline_text, "2025-11-17");
	free(v);
}

static void test_one_application_of_a_kind(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t first = dibao(f, "2025-11-03"), id;
	char want[32];
	snprintf(want, sizeof want, "编号 %lld", (long long)first);
	assert_int_equal(new_case(f, "dibao", "2025-11-05", &id, &e), -1);
	assert_non_null(strstr(e.msg, "已有一件最低生活保障申请"));
	assert_non_null(strstr(e.msg, want));
	assert_non_null(strstr(e.msg, "尚未办结"));
	assert_int_equal(q(f, "SELECT count(*) FROM applications WHERE household_id = ?", f->household), 1);
	/* Another kind is another matter. */
	assert_int_equal(new_case(f, "tekun", "2025-11-05", &id, &e), 0);
	/* Withdrawn: a new one may be made. */
	ok_step(f, first, (struct case_step_in){ .step = "withdraw", .on = D("2025-11-04"), .reason = "申请人撤回" });
	int64_t second = dibao(f, "2025-11-05");
	/* In force (approved): refused again, and said so. */
	struct field fl[] = { F_TEXT("state", "announced") };
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(store_update(f->o.s, "applications", second, -1, fl, 1, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	assert_int_equal(new_case(f, "dibao", "2025-11-10", &id, &e), -1);
	assert_non_null(strstr(e.msg, "正在享受"));
	/* 临时救助 is paid once per need: a finished one bars nothing, an open one does. */
	int64_t linshi;
	assert_int_equal(new_case(f, "linshi", "2025-11-05", &linshi, &e), 0);
	assert_int_equal(new_case(f, "linshi", "2025-11-06", &id, &e), -1);
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(store_update(f->o.s, "applications", linshi, -1, fl, 1, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	assert_int_equal(new_case(f, "linshi", "2025-11-20", &id, &e), 0);
}

static void test_objection_needs_a_new_record(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = in_publicity(f, "2025-11-03", "2025-11-05");
	int64_t batch_less = q(f, "SELECT count(*) FROM publicity_entries WHERE application_id = ?", id);
	assert_int_equal(step(f, id, (struct case_step_in){ .step = "objection", .on = D("2025-11-07"),
							    .reason = "家中有车" }, &e), -1);
	assert_non_null(strstr(e.msg, "异议人"));
	ok_step(f, id, (struct case_step_in){ .step = "objection", .on = D("2025-11-07"), .objector = "王五",
					      .reason = "家中有车" });
	/* Who objected, when, what. */
	assert_string_equal(text_of(f, "SELECT objector || '|' || received_on || '|' || content FROM objections "
				    "WHERE application_id = ?", id), "王五|2025-11-07|家中有车");
	assert_int_equal(batch_less, 0);	/* posted from the case screen: no list to name */
	assert_string_equal(text_of(f, "SELECT special_reason || '|' || special_on FROM applications WHERE id = ?", id),
			    "公示有异议|2025-11-07");
	/* The old investigation does not answer it. */
	struct case_step_in review = { .step = "initial_review", .on = D("2025-11-12"), .opinion = "exclude" };
	assert_int_equal(step(f, id, review, &e), -1);
	assert_non_null(strstr(e.msg, "2025-11-07 公示有异议"));
	assert_non_null(strstr(e.msg, "民主评议"));
	/* Nor one recorded now but dated before the objection. */
	add_investigation(f, id, "2025-11-06");
	assert_int_equal(step(f, id, review, &e), -1);
	/* A 民主评议 needs who took part and the outcome, and is dated sensibly. */
	struct deliberation_in d = { .held_on = D("2025-11-10"), .participants = "村民代表 7 人" };
	assert_int_equal(deliberation_add(f->o.s, id, &d, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "结果"));
	d.outcome = "异议不成立";
	d.held_on = D("2026-01-05");
	assert_int_equal(deliberation_add(f->o.s, id, &d, NULL, &e), -1);
	d.held_on = D("2025-10-01");
	assert_int_equal(deliberation_add(f->o.s, id, &d, NULL, &e), -1);
	d.held_on = D("2025-11-10");
	assert_int_equal(deliberation_add(f->o.s, id, &d, NULL, &e), 0);
	assert_string_equal(text_of(f, "SELECT step || '|' || from_state || '|' || to_state || '|' || note "
				    "FROM case_events WHERE application_id = ? ORDER BY id DESC LIMIT 1", id),
			    "deliberation|investigating|investigating|异议不成立");
	ok_step(f, id, review);
	/* The second publicity is marked so. */
	ok_step(f, id, (struct case_step_in){ .step = "publicize", .on = D("2025-11-13") });
	struct case_view *v = calloc(1, sizeof *v);
	assert_int_equal(case_view_load(f->o.s, &f->o.cfg, id, D("2025-11-14"), v, &e), 0);
	assert_int_equal(v->publicity_round, 2);
	assert_string_equal(case_publicity_round_label(v->publicity_round), "第二次公示");
	assert_string_equal(case_publicity_round_label(1), "");
	free(v);
	/* Both records can be read back. */
	struct case_record r[8];
	int n;
	assert_int_equal(records_of_case(f->o.s, id, r, 8, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_false(r[0].deliberation);
	assert_string_equal(r[0].on, "2025-11-03");
	assert_true(r[2].deliberation);
	assert_string_equal(r[2].who, "村民代表 7 人");
	assert_string_equal(r[2].text, "异议不成立");
}

static void test_records_with_attachments(void **state)
{
	struct fx *f = *state;
	struct err e;
	char path[80];
	int64_t id = dibao(f, "2025-11-03"), inv;
	snprintf(path, sizeof path, "%s-photo.jpg", f->o.path);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("abc", fp);
	fclose(fp);
	struct investigation_in in = { .visited_on = D("2025-11-04"), .visitors = "张明、李芳",
				       .findings = "危房一处", .monthly_income = 12345, .assets = "无车",
				       .attachments = path };
	assert_int_equal(investigation_add(f->o.s, id, &in, &inv, &e), 0);
	struct case_record r[4];
	struct case_attachment a[4];
	int n;
	assert_int_equal(records_of_case(f->o.s, id, r, 4, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].income, 12345);
	assert_int_equal(r[0].attachments, 1);
	assert_string_equal(r[0].assets, "无车");
	assert_int_equal(records_attachments(f->o.s, inv, a, 4, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].path, path);
	/* SHA-256 of "abc" (FIPS 180-2 example). */
	assert_string_equal(a[0].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unlink(path);
}

/* Overdue application items on `day` (the deadline engine, applications
 * only: the fixture's quarterly ledger is never exported). */
static int overdue_applications(struct fx *f, date_t day)
{
	struct alert_filter flt = { .object = ALERT_APPLICATION };
	struct alert_list l = { 0 };
	struct err e;
	int n = 0;
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, day, &flt, &l, &e), 0);
	for (size_t i = 0; i < l.n; i++)
		n += l.v[i].days_left < 0;
	alerts_free(&l);
	return n;
}

static void test_publicity_and_waiting(void **state)
{
	struct fx *f = *state;
	struct err e;
	/* Posted Mon 2025-09-29: 7 days from the next day, 09-30 … 10-06. */
	int64_t id = in_publicity(f, "2025-09-26", "2025-09-29");
	assert_string_equal(text_of(f, "SELECT publicity_to FROM applications WHERE id = ?", id), "2025-10-06");
	/* The end of publicity is never the next deadline: the total limit is. */
	assert_string_equal(text_of(f, "SELECT next_due_what FROM applications WHERE id = ?", id), "审核确认办结");
	struct deadline dl[4];
	size_t n;
	assert_int_equal(case_deadlines(f->o.s, &f->o.cfg, id, D("2025-10-09"), dl, 4, &n, &e), 0);
	/* Once the 7 days are over, one clock: the confirmation limit, read
	 * 「待确认」 and still running (not the publicity end, 3 days ago). */
	assert_int_equal(n, 1);
	assert_string_equal(dl[0].what, "待确认");
	assert_false(dl[0].clock);
	assert_true(dl[0].days_left > 0);
	assert_string_equal(case_state_label_on("publicity", D("2025-10-06"), D("2025-10-06")), "公示中");
	assert_string_equal(case_state_label_on("publicity", D("2025-10-06"), D("2025-10-07")), "待确认");
	assert_string_equal(case_state_label_on("county", D("2025-10-06"), D("2025-10-07")), "报县审批");
	/* Not counted overdue after the 7 days … */
	assert_int_equal(overdue_applications(f, D("2025-10-09")), 0);
	/* … until the confirmation limit itself has passed. */
	assert_int_equal(overdue_applications(f, D("2025-12-30")), 1);
	/* A county that counts the posting day as the first. */
	f->o.cfg.publicity_counts_posting_day = 1;
	struct office *o = &f->o;
	int64_t head2, hh2 = office_household(o, f->village, "王五", "500231197503030013", &head2);
	struct case_new in = { .household_id = hh2, .applicant_id = head2, .kind = "dibao",
			       .channel = "window", .received_on = D("2025-09-26"), .delegated = true };
	int64_t id2;
	assert_int_equal(case_create(o->s, &o->cfg, &o->cat, &in, &id2, &e), 0);
	office_case_complete(o->s, id2);
	ok_step(f, id2, (struct case_step_in){ .step = "accept", .on = D("2025-09-26") });
	ok_step(f, id2, (struct case_step_in){ .step = "start_investigation", .on = D("2025-09-26") });
	add_investigation(f, id2, "2025-09-26");
	ok_step(f, id2, (struct case_step_in){ .step = "initial_review", .on = D("2025-09-26"), .opinion = "exclude" });
	ok_step(f, id2, (struct case_step_in){ .step = "publicize", .on = D("2025-09-29") });
	assert_string_equal(text_of(f, "SELECT publicity_to FROM applications WHERE id = ?", id2), "2025-10-05");
}

static void test_special_cases(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = dibao(f, "2025-11-03");
	office_case_complete(f->o.s, id);
	ok_step(f, id, (struct case_step_in){ .step = "accept", .on = D("2025-11-03") });
	date_t before = D(text_of(f, "SELECT accepted_on FROM applications WHERE id = ?", id));
	assert_int_equal(step(f, id, (struct case_step_in){ .step = "extend", .on = D("2025-11-04"),
							    .reason = "工作太忙" }, &e), -1);
	assert_non_null(strstr(e.msg, "人户分离"));	/* the list is named */
	ok_step(f, id, (struct case_step_in){ .step = "extend", .on = D("2025-11-04"), .reason = "人户分离" });
	assert_string_equal(text_of(f, "SELECT special_extension || '|' || special_reason || '|' || special_on "
				    "FROM applications WHERE id = ?", id), "1|人户分离|2025-11-04");
	assert_string_equal(office_state(f->o.s, id), "accepted");
	/* The total limit is now 40 working days from acceptance. */
	struct deadline dl[4];
	size_t n;
	assert_int_equal(case_deadlines(f->o.s, &f->o.cfg, id, D("2025-11-04"), dl, 4, &n, &e), 0);
	assert_string_equal(dl[n - 1].what, "审核确认办结");
	assert_int_equal(dl[n - 1].due, calendar_add_workdays(&f->o.cfg.cal, before, 40));
	/* Once only: no longer offered, refused if asked. */
	assert_int_equal(step(f, id, (struct case_step_in){ .step = "extend", .on = D("2025-11-05"),
							    .reason = "调查困难" }, &e), -1);
	assert_non_null(strstr(e.msg, "已按特殊情况延长"));
	const struct transition *t[9];
	size_t k = case_steps("accepted", case_facts(true, false, true, false), ~0u, t, 9);
	for (size_t i = 0; i < k; i++)
		assert_string_not_equal(t[i]->step, "extend");
	k = case_steps("accepted", case_facts(true, false, false, false), ~0u, t, 9);
	assert_string_equal(t[k - 1]->step, "extend");
}

static void test_provisional_dates(void **state)
{
	struct fx *f = *state;
	char out[CALENDAR_DAY_TEXT];
	/* Accepted Mon 2026-12-21 with delegated approval: 20 working days.
	 * 2027's holidays are not in the calendar (its last year is 2026):
	 * counted with weekends only, 2027-01-01 included, so 2027-01-18. */
	struct case_dates d = { .kind = "dibao", .state = "accepted", .received_on = D("2026-12-18"),
				.accepted_on = D("2026-12-21"), .missing_deadline = DATE_NONE,
				.publicity_to = DATE_NONE, .county_submitted_on = DATE_NONE,
				.decided_on = DATE_NONE, .refusal_notified_on = DATE_NONE, .delegated = true };
	struct deadline dl[4];
	size_t n = case_deadlines_of(&f->o.cfg, &d, D("2026-12-21"), dl);
	assert_int_equal(n, 2);
	assert_string_equal(dl[0].what, "启动调查");
	assert_false(dl[0].provisional);
	assert_string_equal(dl[1].what, "审核确认办结");
	assert_int_equal(dl[1].due, D("2027-01-18"));
	assert_true(dl[1].provisional);
	calendar_due_text(&f->o.cfg.cal, dl[1].due, out);
	assert_string_equal(out, "2027-01-18（暂按周末计算）");
	calendar_due_text(&f->o.cfg.cal, D("2026-10-08"), out);
	assert_string_equal(out, "2026-10-08");
	/* A calendar-day period (publicity) is never provisional. */
	d.state = "publicity";
	d.publicity_to = D("2027-01-04");
	n = case_deadlines_of(&f->o.cfg, &d, D("2026-12-29"), dl);
	assert_string_equal(dl[0].what, "公示期满");
	assert_false(dl[0].provisional);
}

static void test_refusal_notified_once(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = in_publicity(f, "2025-11-03", "2025-11-05");
	ok_step(f, id, (struct case_step_in){ .step = "refuse", .on = D("2025-11-13"), .reason = "收入超标" });
	const struct transition *t[4];
	assert_int_equal(case_steps("refused", case_facts(true, false, false, false), ROLE_CLERK, t, 4), 1);
	ok_step(f, id, (struct case_step_in){ .step = "notify_refusal", .on = D("2025-11-14") });
	struct case_view *v = calloc(1, sizeof *v);
	assert_int_equal(case_view_load(f->o.s, &f->o.cfg, id, D("2025-11-14"), v, &e), 0);
	assert_string_equal(v->refusal_notified, "2025-11-14");
	assert_int_equal(case_steps(v->state, v->facts, ROLE_CLERK, t, 4), 0);
	free(v);
	assert_int_equal(step(f, id, (struct case_step_in){ .step = "notify_refusal", .on = D("2025-11-15") }, &e), -1);
	assert_non_null(strstr(e.msg, "已书面告知"));
}

/* The migration keeps a notice written before it as one item (never
 * split), and dates an objection's extension by the objection. */
static void test_migration(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct store *s;
	char path[64];
	snprintf(path, sizeof path, "%s-old", f->o.path);
	assert_int_equal(store_open(path, STORE_LOCAL, 1000, &s, &e), 0);
	/* Up to the version before the step rules (0007): the rows below are
	 * written as that version knew them. */
	assert_int_equal(store_migrate_to(s, 6, &e), 0);
	assert_int_equal(sqlite3_exec(store_db(s),
		"INSERT INTO townships VALUES (1, '垫江县', '澄溪镇', 1);"
		"INSERT INTO villages VALUES (1, 1, '太平村', 1);"
		"INSERT INTO households (id, village_id, created_on) VALUES (1, 1, '2025-01-02');"
		"INSERT INTO persons (id, household_id, name, id_number, sex, birth_date, relation) "
		"  VALUES (1, 1, '张三', '500231198001010017', 'M', '1980-01-01', '户主');"
		"INSERT INTO applications (id, household_id, applicant_id, kind, channel, state, received_on, "
		"  missing_items, special_extension) VALUES (1, 1, 1, 'dibao', 'window', 'missing', '2025-09-01', "
		"  '户口簿、收入证明（工资、经营）', 0);"
		"INSERT INTO applications (id, household_id, applicant_id, kind, channel, state, received_on, "
		"  special_extension, special_reason) VALUES (2, 1, 1, 'tekun', 'window', 'investigating', "
		"  '2025-09-01', 1, '公示有异议');"
		"INSERT INTO objections (application_id, received_on, content) VALUES (2, '2025-09-20', '有车');",
		NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_migrate(s, &e), 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT (SELECT missing_items FROM applications WHERE id = 1), "
					    "(SELECT special_on FROM applications WHERE id = 2)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "[\"户口簿、收入证明（工资、经营）\"]");
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "2025-09-20");
	sqlite3_finalize(st);
	store_close(s);
	office_remove_store(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_accept_needs_checklist, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_items_are_a_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_application_of_a_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_objection_needs_a_new_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_records_with_attachments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publicity_and_waiting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_special_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_provisional_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusal_notified_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
