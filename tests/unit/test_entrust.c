/* 帮办代办: the roster (a village without an agent flagged), adding and
 * deactivating agents, every step of an entrustment, steps refused in the
 * wrong state, the step rules, the time limit across a holiday, linking
 * the application it produced, the newest-first list. */
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

#include "core/domain/agent.h"
#include "core/domain/case.h"
#include "core/domain/entrust.h"
#include "core/domain/household.h"
#include "core/domain/office.h"

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
	int64_t household, head, village, agent, other_household, other_app;
};

static int64_t add_household(struct fx *f, const char *name, const char *id, int64_t *person)
{
	struct err e;
	struct idcard card;
	int64_t hh;
	assert_int_equal(store_begin(f->s, &e), 0);
	struct household_in h = { .village_id = f->village, .created_on = D("2025-01-02") };
	assert_int_equal(household_insert(f->s, &h, &hh, &e), 0);
	assert_int_equal(validate_id(f->v, id, date_today(), &card, &e), 0);
	struct person_in p = { .name = name, .id = &card, .relation = "户主" };
	assert_int_equal(person_insert(f->s, hh, &p, person, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	return hh;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->path, &f->s, &f->cfg, &f->cat, &f->v, "王帮办");
	assert_int_equal(office_village_id(f->s, &f->cfg, f->cfg.villages[0], &f->village, &e), 0);
	f->household = add_household(f, "张三", "500231198001010017", &f->head);
	int64_t other_person;
	f->other_household = add_household(f, "李四", "500231198212120021", &other_person);
	struct case_new c = { .household_id = f->other_household, .applicant_id = other_person,
			      .kind = "dibao", .channel = "window", .received_on = D("2025-09-01"),
			      .delegated = true };
	assert_int_equal(case_create(f->s, &f->cfg, &f->cat, &c, &f->other_app, &e), 0);
	struct agent_in a = { .village = f->cfg.villages[0], .name = "王帮办",
			      .id_number = "11010519491231002X", .phone = "13800001111",
			      .category = "网格员" };
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &a, &f->agent, &e), 0);
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

/* One text column of entrustment id. */
static const char *col(struct fx *f, const char *column, int64_t id)
{
	static char buf[600];
	char sql[128];
	sqlite3_stmt *st;
	struct err e;
	snprintf(sql, sizeof sql, "SELECT coalesce(%s, '') FROM entrustments WHERE id = ?", column);
	assert_int_equal(store_query(f->s, &st, &e, sql, "i", id), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	store_col_text(st, 0, buf, sizeof buf);
	sqlite3_reset(st);
	return buf;
}

static int64_t new_ent(struct fx *f, const char *received, const char *matter)
{
	struct err e;
	int64_t id;
	struct entrust_new in = { .village_id = f->village, .agent_id = f->agent,
				  .client_name = "张三", .client_person_id = f->head,
				  .client_phone = "13900002222", .matter = matter,
				  .channel = "电话", .received_on = D(received) };
	assert_int_equal(entrust_create(f->s, &f->cfg, &f->cat, &in, &id, &e), 0);
	return id;
}

/* A step on any version; an unset date (0 in a compound literal) is today. */
static int step(struct fx *f, int64_t id, struct entrust_step_in in, struct err *e)
{
	if (in.on == 0)
		in.on = DATE_NONE;
	return entrust_apply(f->s, &f->cfg, id, -1, &in, e);
}

static void test_roster(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct agent_row rows[64];
	int n, without;
	assert_int_equal(agent_roster(f->s, &f->cfg, rows, 64, &n, &e), 0);
	assert_int_equal(n, (int)f->cfg.n_villages);	/* one agent, the rest flagged */
	assert_false(rows[0].none);
	assert_string_equal(rows[0].name, "王帮办");
	assert_string_equal(rows[0].category, "网格员");
	assert_string_equal(rows[0].id_number, "11010519491231002X");
	assert_string_equal(rows[0].township, f->cfg.township);
	assert_true(rows[1].none);
	assert_string_equal(rows[1].village, f->cfg.villages[1]);
	assert_string_equal(rows[1].name, "");
	assert_int_equal(agent_villages_without(f->s, &f->cfg, &without, &e), 0);
	assert_int_equal(without, (int)f->cfg.n_villages - 1);

	/* A second agent in village 2: it is no longer flagged. */
	int64_t id2;
	struct agent_in a = { .village = f->cfg.villages[1], .name = "阿依·木呷",
			      .id_number = "440524188001010014", .phone = "023-74512345",
			      .category = "社会救助购买服务人员", .note = "兼职" };
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &a, &id2, &e), 0);
	assert_int_equal(agent_roster(f->s, &f->cfg, rows, 64, &n, &e), 0);
	assert_false(rows[1].none);
	assert_string_equal(rows[1].note, "兼职");
	assert_int_equal(agent_villages_without(f->s, &f->cfg, &without, &e), 0);
	assert_int_equal(without, (int)f->cfg.n_villages - 2);

	/* Deactivated (with a stale version refused): flagged again. */
	assert_int_equal(agent_deactivate(f->s, id2, rows[1].version + 5, 0, &e), -1);
	assert_int_equal(agent_deactivate(f->s, id2, rows[1].version, 0, &e), 0);
	assert_int_equal(agent_deactivate(f->s, id2, -1, 0, &e), -1);
	assert_int_equal(agent_roster(f->s, &f->cfg, rows, 64, &n, &e), 0);
	assert_true(rows[1].none);

	char labels[8][128], want[128];
	assert_int_equal(agent_choices(f->s, 0, labels, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	snprintf(want, sizeof want, "王帮办（%s）", f->cfg.villages[0]);
	assert_string_equal(labels[0], want);
	int64_t found;
	assert_int_equal(agent_find(f->s, f->village, "王帮办", &found, &e), 0);
	assert_int_equal(found, f->agent);
	assert_int_equal(agent_find(f->s, f->village, "阿依·木呷", &found, &e), -1);
}

static void test_agent_rules(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id;
	struct agent_in ok = { .village = f->cfg.villages[2], .name = "刘红",
			       .id_number = "440524188001010014", .phone = "13700003333",
			       .category = "社区工作者" };
	struct agent_in in = ok;
	in.name = "Bob";
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "姓名"));
	in = ok;
	in.id_number = "440524188001010015";
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "身份证"));
	in = ok;
	in.phone = "12345";
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "电话"));
	in = ok;
	in.category = "志愿者";
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "人员类别"));
	in = ok;
	in.village = "不存在村";
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "不存在村"));
	in = ok;
	in.id_number = "11010519491231002X";	/* already the active agent 王帮办 */
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "已是在岗"));
	assert_int_equal(agent_add(f->s, &f->cfg, &f->cat, f->v, &ok, &id, &e), 0);
}

static void test_full_path(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = new_ent(f, "2025-11-03", "dibao");
	assert_string_equal(col(f, "state", id), "registered");
	assert_string_equal(col(f, "channel", id), "phone");
	assert_string_equal(col(f, "due_on", id), "2025-11-10");	/* 5 working days */
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "handle", .on = D("2025-11-03") }, &e), 0);
	assert_string_equal(col(f, "state", id), "handling");
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "feedback", .on = D("2025-11-07"),
			      .result = "材料已送乡镇窗口，已受理" }, &e), 0);
	assert_string_equal(col(f, "state", id), "feedback");
	assert_string_equal(col(f, "replied_on", id), "2025-11-07");
	assert_string_equal(col(f, "result", id), "材料已送乡镇窗口，已受理");
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "rate", .rating = "基本满意" }, &e), 0);
	assert_string_equal(col(f, "rating", id), "基本满意");
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "file", .on = D("2025-11-20") }, &e), 0);
	assert_string_equal(col(f, "state", id), "filed");
	assert_string_equal(col(f, "filed_on", id), "2025-11-20");
	/* Every step is one audited update, the version bumped each time. */
	int64_t n;
	assert_int_equal(store_query_int(f->s, &n, &e, "SELECT count(*) FROM audit_log WHERE "
					 "tbl = 'entrustments' AND row_id = ? AND action = 'update' "
					 "AND who = '王帮办'", "i", id), 0);
	assert_int_equal(n, 4);
	assert_string_equal(col(f, "version", id), "5");
	/* Filed is the end. */
	const struct entrust_transition *t[8];
	assert_int_equal(entrust_steps("filed", ROLES_ANY, t, 8), 0);
}

static void test_missing_out_of_scope_terminate(void **state)
{
	struct fx *f = *state;
	struct err e;
	/* One-time notice, then complete: the limit runs from that day. */
	int64_t a = new_ent(f, "2025-09-22", "linshi");
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "notify_missing", .on = D("2025-09-22") }, &e), -1);
	assert_non_null(strstr(e.msg, "材料"));
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "notify_missing", .on = D("2025-09-22"),
			      .missing_items = "户口簿复印件、医疗费用票据" }, &e), 0);
	assert_string_equal(col(f, "state", a), "missing");
	assert_string_equal(col(f, "missing_items", a), "户口簿复印件、医疗费用票据");
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "handle", .on = D("2025-09-30") }, &e), 0);
	assert_string_equal(col(f, "state", a), "handling");
	/* 2025-09-30 + 5 working days across the National Day holiday
	 * (10-01…10-08 off, Saturday 10-11 worked). */
	assert_string_equal(col(f, "due_on", a), "2025-10-14");
	/* Termination needs a reason and the papers handed back. */
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "terminate", .papers_returned = true }, &e), -1);
	assert_non_null(strstr(e.msg, "原因"));
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "terminate", .reason = "申请人要求终止" }, &e), -1);
	assert_non_null(strstr(e.msg, "移交"));
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "terminate", .on = D("2025-10-09"),
			      .reason = "申请人要求终止", .papers_returned = true }, &e), 0);
	assert_string_equal(col(f, "state", a), "terminated");
	assert_string_equal(col(f, "terminated_reason", a), "申请人要求终止");
	assert_string_equal(col(f, "papers_returned", a), "1");
	assert_string_equal(col(f, "replied_on", a), "2025-10-09");
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "rate", .rating = "很好" }, &e), -1);
	assert_non_null(strstr(e.msg, "满意"));
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "rate", .rating = "不满意" }, &e), 0);
	assert_int_equal(step(f, a, (struct entrust_step_in){ .step = "file" }, &e), 0);
	assert_string_equal(col(f, "filed_on", a), "2025-12-31");	/* today */

	/* Out of scope: the reason is told to the applicant, then filed. */
	int64_t b = new_ent(f, "2025-12-01", "yiliao");
	assert_int_equal(step(f, b, (struct entrust_step_in){ .step = "out_of_scope" }, &e), -1);
	assert_non_null(strstr(e.msg, "原因"));
	assert_int_equal(step(f, b, (struct entrust_step_in){ .step = "out_of_scope", .on = D("2025-12-01"),
			      .reason = "属于不动产登记事项，已引导至相关部门" }, &e), 0);
	assert_string_equal(col(f, "state", b), "out_of_scope");
	assert_string_equal(col(f, "replied_on", b), "2025-12-01");
	assert_int_equal(step(f, b, (struct entrust_step_in){ .step = "handle" }, &e), -1);
	assert_int_equal(step(f, b, (struct entrust_step_in){ .step = "file" }, &e), 0);
	assert_string_equal(col(f, "state", b), "filed");

	/* Terminated from feedback keeps the feedback result. */
	int64_t c = new_ent(f, "2025-12-01", "jiaoyu");
	assert_int_equal(step(f, c, (struct entrust_step_in){ .step = "handle" }, &e), 0);
	assert_int_equal(step(f, c, (struct entrust_step_in){ .step = "feedback", .result = "审核中" }, &e), 0);
	assert_int_equal(step(f, c, (struct entrust_step_in){ .step = "terminate", .reason = "事项已由其他渠道办理",
			      .papers_returned = true }, &e), 0);
	assert_string_equal(col(f, "result", c), "审核中");
}

static void test_wrong_state_and_rules(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = new_ent(f, "2025-12-01", "dibao");
	const char *wrong[] = { "feedback", "rate", "file", "terminate" };
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(step(f, id, (struct entrust_step_in){ .step = wrong[i], .result = "x",
				      .reason = "x", .rating = "满意", .papers_returned = true }, &e), -1);
		assert_non_null(strstr(e.msg, "已登记"));
	}
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "nonsense" }, &e), -1);
	/* Dates: not before received, not after today. */
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "handle", .on = D("2025-11-30") }, &e), -1);
	assert_non_null(strstr(e.msg, "受理日期"));
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "handle", .on = D("2026-01-05") }, &e), -1);
	assert_non_null(strstr(e.msg, "晚于今天"));
	/* A stale version is refused. */
	struct entrust_step_in h = { .step = "handle", .on = DATE_NONE };
	assert_int_equal(entrust_apply(f->s, &f->cfg, id, 7, &h, &e), -1);
	assert_non_null(strstr(e.msg, "已被 王帮办 于 20"));
	assert_int_equal(entrust_apply(f->s, &f->cfg, id, 1, &h, &e), 0);
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "feedback" }, &e), -1);
	assert_non_null(strstr(e.msg, "办理结果"));
	assert_int_equal(step(f, id, (struct entrust_step_in){ .step = "rate", .rating = "满意" }, &e), -1);
	assert_string_equal(col(f, "state", id), "handling");	/* refusals change nothing */

	/* Registration rules. */
	struct entrust_new in = { .village_id = f->village, .agent_id = f->agent, .client_name = "张三",
				  .matter = "gaoling", .channel = "电话", .received_on = DATE_NONE };
	int64_t x;
	assert_int_equal(entrust_create(f->s, &f->cfg, &f->cat, &in, &x, &e), -1);
	assert_non_null(strstr(e.msg, "八类"));
	in.matter = "dibao";
	in.channel = "传真";
	assert_int_equal(entrust_create(f->s, &f->cfg, &f->cat, &in, &x, &e), -1);
	assert_non_null(strstr(e.msg, "委托方式"));
	in.channel = "network";
	in.client_name = " ";
	assert_int_equal(entrust_create(f->s, &f->cfg, &f->cat, &in, &x, &e), -1);
	in.client_name = "赵六";
	in.agent_id = f->agent + 100;	/* no such agent */
	assert_int_equal(entrust_create(f->s, &f->cfg, &f->cat, &in, &x, &e), -1);
	assert_non_null(strstr(e.msg, "帮办代办员"));
	in.agent_id = f->agent;
	assert_int_equal(entrust_create(f->s, &f->cfg, &f->cat, &in, &x, &e), 0);
	assert_string_equal(col(f, "channel", x), "network");
	assert_string_equal(col(f, "received_on", x), "2025-12-31");
	assert_string_equal(col(f, "client_person_id", x), "");
}

static void test_link_and_list(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = new_ent(f, "2025-12-01", "dibao");
	/* An application of another household is refused. */
	assert_int_equal(entrust_link_application(f->s, id, -1, f->other_app, &e), -1);
	assert_non_null(strstr(e.msg, "不是委托人家庭"));
	assert_int_equal(entrust_link_application(f->s, id, -1, 999999, &e), -1);
	struct case_new c = { .household_id = f->household, .applicant_id = f->head, .kind = "dibao",
			      .channel = "agent", .agent_id = f->agent, .received_on = D("2025-12-02"),
			      .delegated = true };
	int64_t app;
	assert_int_equal(case_create(f->s, &f->cfg, &f->cat, &c, &app, &e), 0);
	assert_int_equal(entrust_link_application(f->s, id, 1, app, &e), 0);
	struct entrust_view v;
	assert_int_equal(entrust_load(f->s, &f->cfg, id, D("2025-12-31"), &v, &e), 0);
	assert_int_equal(v.application_id, app);
	assert_string_equal(v.app_state, "received");
	assert_int_equal(v.household_id, f->household);
	assert_string_equal(v.agent, "王帮办");
	assert_string_equal(v.village, f->cfg.villages[0]);
	assert_string_equal(v.due, "2025-12-08");
	assert_true(v.open);
	assert_true(v.days_left < 0);	/* overdue on 12-31 */

	/* The list: newest first, paged by key, filtered. */
	new_ent(f, "2025-12-05", "linshi");
	int64_t newest = new_ent(f, "2025-12-10", "yiliao");
	struct entrust_row rows[8];
	int n;
	struct entrust_filter flt = { .village_id = 0 };
	assert_int_equal(entrust_page(f->s, &flt, NULL, D("2025-12-31"), rows, 2, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, newest);
	assert_true(rows[0].overdue);
	assert_int_equal(entrust_page(f->s, &flt, &rows[1].key, D("2025-12-31"), rows, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id);
	snprintf(flt.state, sizeof flt.state, "handling");
	assert_int_equal(entrust_page(f->s, &flt, NULL, D("2025-12-31"), rows, 8, &n, &e), 0);
	assert_int_equal(n, 0);
	flt.state[0] = '\0';
	flt.village_id = f->village + 1;
	assert_int_equal(entrust_page(f->s, &flt, NULL, D("2025-12-31"), rows, 8, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_string_equal(entrust_state_label("out_of_scope"), "不属于范围");
	assert_string_equal(entrust_channel_label("paper"), "纸质");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roster, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agent_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_out_of_scope_terminate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_state_and_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_and_list, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
