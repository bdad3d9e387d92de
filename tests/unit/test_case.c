/* The application state machine: every state reachable, steps refused in
 * the wrong state or by the wrong role, the step rules, deadlines. */
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

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
	int64_t household, head;
};

static void add_person(struct fx *f, const char *name, const char *id, const char *rel, int64_t *out)
{
	struct err e;
	struct idcard card;
	assert_int_equal(validate_id(f->v, id, date_today(), &card, &e), 0);
	struct person_in p = { .name = name, .id = &card, .relation = rel };
	assert_int_equal(person_insert(f->s, f->household, &p, out, &e), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->path, &f->s, &f->cfg, &f->cat, &f->v, "李经办");
	int64_t village, child;
	assert_int_equal(office_village_id(f->s, &f->cfg, f->cfg.villages[0], &village, &e), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	struct household_in h = { .village_id = village, .created_on = D("2025-01-02") };
	assert_int_equal(household_insert(f->s, &h, &f->household, &e), 0);
	add_person(f, "张三", "500231198001010017", "户主", &f->head);
	add_person(f, "李四", "500231198212120021", "配偶", &child);
	add_person(f, "张小", "500231201005050037", "子", &child);
	assert_int_equal(store_commit(f->s, &e), 0);
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

static int64_t q(struct fx *f, const char *sql, int64_t id)
{
	return office_int(f->s, sql, id);
}

static const char *state_of(struct fx *f, int64_t id)
{
	return office_state(f->s, id);
}

static int64_t new_case(struct fx *f, bool delegated, const char *received)
{
	struct err e;
	int64_t id;
	struct case_new in = { .household_id = f->household, .applicant_id = f->head,
			       .kind = "dibao", .channel = "window", .received_on = D(received),
			       .delegated = delegated };
	assert_int_equal(case_create(f->s, &f->cfg, &f->cat, &in, &id, &e), 0);
	return id;
}

static int step(struct fx *f, int64_t id, unsigned roles, struct case_step_in in, struct err *e)
{
	return case_apply(f->s, &f->cfg, id, -1, roles, &in, e);
}

static void add_investigation(struct fx *f, int64_t id)
{
	struct err e;
	assert_int_equal(store_begin(f->s, &e), 0);
	struct field r[] = { F_INT("application_id", id), F_TEXT("visited_on", "2025-10-10"),
			     F_TEXT("visitors", "李经办、王村干") };
	assert_int_equal(store_insert(f->s, "investigations", r, 3, NULL, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
}

static void complete(struct fx *f, int64_t id)
{
	office_case_complete(f->s, id);
}

static const char *const one_item[] = { "户口簿复印件" };

static void test_create(void **state)
{
	struct fx *f = *state;
	int64_t id = new_case(f, true, "2025-09-26");
	assert_string_equal(state_of(f, id), "received");
	/* The 低保 checklist from the catalogue, and two adults to sign. */
	assert_true(q(f, "SELECT count(*) FROM application_materials WHERE application_id = ?", id) > 0);
	assert_int_equal(q(f, "SELECT count(*) FROM authorisations WHERE application_id = ?", id), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM case_events WHERE application_id = ?", id), 1);
	/* Received Fri 2025-09-26: day 1 is the make-up Sunday 09-28, day 2 Mon 09-29. */
	assert_int_equal(q(f, "SELECT next_due_on = '2025-09-29' FROM applications WHERE id = ?", id), 1);
}

static void test_full_path_delegated(void **state)
{
	struct fx *f = *state;
	struct err e;
	unsigned clerk = ROLE_CLERK, leader = ROLE_LEADER;
	int64_t id = new_case(f, true, "2025-09-26");

	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "request_materials", .on = D("2025-09-28") }, &e), -1);
	assert_non_null(strstr(e.msg, "缺少的材料"));
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "request_materials", .on = D("2025-09-28"), .missing = one_item, .n_missing = 1 }, &e), 0);
	assert_string_equal(state_of(f, id), "missing");
	complete(f, id);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "accept", .on = D("2025-09-30") }, &e), 0);
	assert_string_equal(state_of(f, id), "accepted");
	/* Accepted Tue 09-30; 2 working days skip National Day: due 2025-10-10. */
	assert_int_equal(q(f, "SELECT next_due_on = '2025-10-10' FROM applications WHERE id = ?", id), 1);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "start_investigation", .on = D("2025-10-09") }, &e), 0);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "initial_review", .on = D("2025-10-13"), .opinion = "include", .amount = 50000 }, &e), -1);
	assert_non_null(strstr(e.msg, "入户调查"));
	add_investigation(f, id);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "initial_review", .on = D("2025-10-13"), .opinion = "include" }, &e), -1);
	assert_non_null(strstr(e.msg, "金额"));
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "initial_review", .on = D("2025-10-13"), .opinion = "include", .amount = 50000 }, &e), 0);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "publicize", .on = D("2025-10-14") }, &e), 0);
	/* 7 days from the day after posting (民法典 第二百零一条): 10-15 … 10-21. */
	assert_int_equal(q(f, "SELECT publicity_to = '2025-10-21' FROM applications WHERE id = ?", id), 1);
	/* Not before the 7 days are over, and not by a clerk. */
	assert_int_equal(step(f, id, leader, (struct case_step_in){ .step = "approve", .on = D("2025-10-21"), .amount = 50000 }, &e), -1);
	assert_non_null(strstr(e.msg, "公示期"));
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "approve", .on = D("2025-10-22"), .amount = 50000 }, &e), -1);
	assert_non_null(strstr(e.msg, "分管领导"));
	assert_int_equal(step(f, id, leader, (struct case_step_in){ .step = "send_county", .on = D("2025-10-22") }, &e), -1);
	assert_int_equal(step(f, id, leader, (struct case_step_in){ .step = "approve", .on = D("2025-10-22"), .amount = 50000 }, &e), 0);
	assert_string_equal(state_of(f, id), "approved");
	assert_int_equal(q(f, "SELECT amount FROM applications WHERE id = ?", id), 50000);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "announce", .on = D("2025-10-23") }, &e), 0);
	assert_string_equal(state_of(f, id), "announced");
	/* A delegated approval is still to be filed with the county, by the
	 * end of the decision's month (issue 9); once filed, nothing is due. */
	assert_int_equal(q(f, "SELECT next_due_on = '2025-10-31' AND next_due_what = '报县备案' "
			   "FROM applications WHERE id = ?", id), 1);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "file_county", .on = D("2025-10-23") }, &e), 0);
	assert_string_equal(state_of(f, id), "announced");
	assert_int_equal(q(f, "SELECT next_due_on IS NULL FROM applications WHERE id = ?", id), 1);
	/* The timeline: receive + 9 steps; the audit log has every update. */
	assert_int_equal(q(f, "SELECT count(*) FROM case_events WHERE application_id = ?", id), 9);
	assert_int_equal(q(f, "SELECT count(*) FROM audit_log WHERE tbl = 'applications' AND action = 'update' AND row_id = ?", id), 8);
	assert_int_equal(q(f, "SELECT version FROM applications WHERE id = ?", id), 9);
	/* From a final state only the county filing of a delegated approval. */
	const struct transition *t[8];
	assert_int_equal(case_steps("announced", case_facts(true, false, false, false), ~0u, t, 8), 1);
	assert_string_equal(t[0]->step, "file_county");
	assert_int_equal(case_steps("announced", 0, ~0u, t, 8), 0);
	assert_int_equal(case_steps("announced", case_facts(true, false, false, true), ~0u, t, 8), 0);
	/* Filing twice is refused, saying why. */
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "file_county", .on = D("2025-10-23") }, &e), -1);
	assert_non_null(strstr(e.msg, "已报县"));
	assert_int_equal(case_steps("withdrawn", 0, ~0u, t, 8), 0);
	/* In publicity a delegated case offers confirmation, a county case the
	 * submission to the county — never the other. */
	size_t n = case_steps("publicity", CASE_DELEGATED, ~0u, t, 8);
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(t[i]->step, "send_county");
	n = case_steps("publicity", 0, ~0u, t, 8);
	assert_int_equal(n, 3);	/* objection, send_county, extend */
	for (size_t i = 0; i < n; i++)
		assert_true(strcmp(t[i]->step, "approve") != 0 && strcmp(t[i]->step, "refuse") != 0);
}

static void test_county_objection_refusal(void **state)
{
	struct fx *f = *state;
	struct err e;
	unsigned clerk = ROLE_CLERK;
	int64_t id = new_case(f, false, "2025-11-03");
	complete(f, id);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "accept", .on = D("2025-11-03") }, &e), 0);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "start_investigation", .on = D("2025-11-04") }, &e), 0);
	add_investigation(f, id);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "initial_review", .on = D("2025-11-05"), .opinion = "exclude" }, &e), 0);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "publicize", .on = D("2025-11-06") }, &e), 0);
	/* An objection sends it back to investigation and extends the limit. */
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "objection", .on = D("2025-11-07"), .objector = "王五" }, &e), -1);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "objection", .on = D("2025-11-07"), .objector = "王五", .reason = "邻居反映家中有车" }, &e), 0);
	assert_string_equal(state_of(f, id), "investigating");
	assert_int_equal(q(f, "SELECT special_extension FROM applications WHERE id = ?", id), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM objections WHERE application_id = ?", id), 1);
	/* The next initial review needs a record made after the objection. */
	struct field r[] = { F_INT("application_id", id), F_TEXT("visited_on", "2025-11-10"),
			     F_TEXT("visitors", "李经办、王村干") };
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_insert(f->s, "investigations", r, 3, NULL, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "initial_review", .on = D("2025-11-10"), .opinion = "exclude" }, &e), 0);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "publicize", .on = D("2025-11-11") }, &e), 0);
	/* Not delegated: the leader may not confirm; it goes to the county
	 * once the second publicity (11-12 … 11-18) is over. */
	assert_int_equal(step(f, id, ROLE_LEADER, (struct case_step_in){ .step = "refuse", .on = D("2025-11-19"), .reason = "收入超标" }, &e), -1);
	assert_non_null(strstr(e.msg, "未下放"));
	/* Only a leader sends the file to the county (issue 10), once publicity is over. */
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "send_county", .on = D("2025-11-19") }, &e), -1);
	assert_non_null(strstr(e.msg, "分管领导"));
	assert_int_equal(step(f, id, ROLE_LEADER, (struct case_step_in){ .step = "send_county", .on = D("2025-11-18") }, &e), -1);
	assert_int_equal(step(f, id, ROLE_LEADER, (struct case_step_in){ .step = "send_county", .on = D("2025-11-19") }, &e), 0);
	assert_string_equal(state_of(f, id), "county");
	/* County 10 working days from Wed 11-19 → 2025-12-03. */
	assert_int_equal(q(f, "SELECT next_due_on = '2025-12-03' FROM applications WHERE id = ?", id), 1);
	/* The county's decision is recorded by the leader, not a clerk. */
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "refuse", .on = D("2025-11-25"), .reason = "x" }, &e), -1);
	assert_int_equal(step(f, id, ROLE_LEADER, (struct case_step_in){ .step = "refuse", .on = D("2025-11-25") }, &e), -1);
	assert_non_null(strstr(e.msg, "理由"));
	assert_int_equal(step(f, id, ROLE_LEADER, (struct case_step_in){ .step = "refuse", .on = D("2025-11-25"), .reason = "家庭人均收入高于当地低保标准" }, &e), 0);
	assert_string_equal(state_of(f, id), "refused");
	/* The written refusal is due within 3 working days. */
	assert_int_equal(q(f, "SELECT next_due_on = '2025-11-28' FROM applications WHERE id = ?", id), 1);
	assert_int_equal(step(f, id, clerk, (struct case_step_in){ .step = "notify_refusal", .on = D("2025-11-26") }, &e), 0);
	assert_int_equal(q(f, "SELECT next_due_on IS NULL FROM applications WHERE id = ?", id), 1);
}

static void test_wrong_state_and_withdraw(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = new_case(f, true, "2025-11-03");
	assert_int_equal(step(f, id, ROLE_CLERK, (struct case_step_in){ .step = "publicize", .on = D("2025-11-04") }, &e), -1);
	assert_non_null(strstr(e.msg, "已接收"));
	assert_int_equal(step(f, id, ROLE_CLERK, (struct case_step_in){ .step = "request_materials", .on = D("2025-11-04"), .missing = one_item, .n_missing = 1 }, &e), 0);
	/* Before the deadline a withdrawal needs a reason; after it, none. */
	assert_int_equal(step(f, id, ROLE_CLERK, (struct case_step_in){ .step = "withdraw", .on = D("2025-11-05") }, &e), -1);
	assert_non_null(strstr(e.msg, "尚未届满"));
	assert_int_equal(step(f, id, ROLE_CLERK, (struct case_step_in){ .step = "withdraw", .on = D("2025-12-30") }, &e), 0);
	assert_string_equal(state_of(f, id), "withdrawn");
	/* Dates in the future and before receipt are refused. */
	int64_t id2 = new_case(f, true, "2025-11-03");
	complete(f, id2);
	assert_int_equal(step(f, id2, ROLE_CLERK, (struct case_step_in){ .step = "accept", .on = D("2026-01-05") }, &e), -1);
	assert_int_equal(step(f, id2, ROLE_CLERK, (struct case_step_in){ .step = "accept", .on = D("2025-11-01") }, &e), -1);
	/* A stale version is a conflict. */
	struct case_step_in in = { .step = "accept", .on = D("2025-11-04") };
	assert_int_equal(case_apply(f->s, &f->cfg, id2, 7, ROLE_CLERK, &in, &e), -1);
	assert_non_null(strstr(e.msg, "已被 李经办 于 20"));
	assert_string_equal(state_of(f, id2), "received");
}

static void test_deadlines(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = new_case(f, true, "2025-12-22");
	complete(f, id);
	assert_int_equal(step(f, id, ROLE_CLERK, (struct case_step_in){ .step = "accept", .on = D("2025-12-23") }, &e), 0);
	struct deadline dl[4];
	size_t n;
	assert_int_equal(case_deadlines(f->s, &f->cfg, id, D("2025-12-31"), dl, 4, &n, &e), 0);
	assert_int_equal(n, 2);
	/* Start of investigation: Tue 12-23 + 2 = Thu 12-25, 4 working days ago. */
	assert_string_equal(dl[0].what, "启动调查");
	assert_int_equal(dl[0].due, D("2025-12-25"));
	assert_int_equal(dl[0].days_left, -4);
	/* Whole case, delegated: 20 working days across New Year 2026 (01-01…03
	 * off, Sun 01-04 worked): 6 in December, 01-04, then 13 more → 01-21. */
	assert_string_equal(dl[1].what, "审核确认办结");
	assert_int_equal(dl[1].due, D("2026-01-21"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_path_delegated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_county_objection_refusal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_state_and_withdraw, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deadlines, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
