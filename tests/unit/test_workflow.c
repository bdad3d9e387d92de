/* The workflow engine on a toy workflow of its own: labels, lookup by
 * state, role and condition, the refusals (state, condition, role, date,
 * rule, version), a step's update, audit and event rows, the follow-up
 * effect, and the transaction contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/text.h"
#include "core/domain/workflow.h"
#include "office_fixture.h"

#define TODAY "2025-06-30"
#define D(s) day_of(s)

enum { TOY_NEW, TOY_OPEN, TOY_DONE, TOY_N };
enum { TOY_BIG = 1 };

struct toy {
	struct wf_head h;
	int64_t size;
};

struct toy_in {
	const char *reason;
};

static const struct wf_state toy_states[TOY_N] = {
	[TOY_NEW] = { "new", "新建" },
	[TOY_OPEN] = { "open", "进行中" },
	[TOY_DONE] = { "done", "已完成" },
};

static int load_toy(struct store *s, int64_t id, void *rec, struct err *e)
{
	struct toy *t = rec;
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT version, state, size, started_on FROM toys WHERE id = ?",
			"i", id) != 0)
		return -1;
	if (store_row(s, st, "玩具 %lld 不存在", id, e) != 0)
		return -1;
	t->h.version = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, t->h.state, sizeof t->h.state);
	t->size = sqlite3_column_int64(st, 2);
	t->h.start = store_col_date(st, 3);
	t->h.facts = t->size > 10 ? TOY_BIG : 0;
	sqlite3_reset(st);
	return 0;
}

static int rule_reason(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct toy_in *in = w->in;
	if (text_blank(in->reason))
		return err_set(e, "请写明原因");
	changes_text(c, "reason", in->reason);
	return 0;
}

static int effects;

static int count_effect(struct wf_step *w, struct err *e)
{
	(void)w;
	(void)e;
	effects++;
	return 0;
}

static int rule_mark(struct wf_step *w, struct changes *c, struct err *e)
{
	(void)e;
	changes_date(c, "touched_on", w->on);
	return 0;
}

static const struct wf_cond big = { TOY_BIG, true, "小件不能直接完成" };
static const struct wf_cond small = { TOY_BIG, false, "大件须由领导完成" };

static const struct transition toy_rows[] = {
	{ "new", "open", "open", ROLE_CLERK, NULL, "开始", NULL, NULL },
	{ "open", "finish", "done", ROLE_LEADER, &big, "领导完成", rule_reason, count_effect },
	{ "open", "finish", "done", ROLE_CLERK, &small, "完成", rule_reason, count_effect },
	{ "open", "back", "new", ROLE_CLERK | ROLE_LEADER, NULL, "退回", NULL, NULL },
};

static const struct workflow toy = {
	.table = "toys", .noun = "玩具", .states = toy_states, .n_states = TOY_N,
	.rows = toy_rows, .n_rows = sizeof toy_rows / sizeof toy_rows[0],
	.start_label = "登记日期", .not_allowed = "玩具“%s”时不能“%s”",
	.events = "toy_events", .event_key = "toy_id", .load = load_toy, .after = rule_mark,
};

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
};

static date_t day_of(const char *s)
{
	date_t d;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static int64_t q(struct fx *f, const char *sql, int64_t id)
{
	int64_t n = -1;
	struct err e;
	if (store_query_int(f->s, &n, &e, sql, "i", id) != 0)
		fail_msg("%s: %s", sql, e.msg);
	return n;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	office_open(f->path, &f->s, &f->cfg, &f->cat, &f->v, "李经办");
	setenv("JIUZHU_TODAY", TODAY, 1);
	assert_int_equal(sqlite3_exec(store_db(f->s),
		"CREATE TABLE toys (id INTEGER PRIMARY KEY, state TEXT NOT NULL, size INTEGER, "
		"started_on TEXT, reason TEXT, touched_on TEXT, version INTEGER NOT NULL DEFAULT 1);"
		"CREATE TABLE toy_events (id INTEGER PRIMARY KEY, toy_id INTEGER NOT NULL, at TEXT, "
		"on_date TEXT, who TEXT, step TEXT, from_state TEXT, to_state TEXT, note TEXT, "
		"version INTEGER NOT NULL DEFAULT 1);"
		"INSERT INTO toys(id, state, size, started_on) VALUES (1, 'open', 5, '2025-06-10'), "
		"(2, 'open', 50, '2025-06-10'), (3, 'new', 1, '2025-06-10');",
		NULL, NULL, NULL), SQLITE_OK);
	effects = 0;
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

static int step(struct fx *f, int64_t id, int64_t version, unsigned roles, const char *code,
		const char *on, const char *reason, struct err *e)
{
	struct toy t;
	struct toy_in in = { .reason = reason };
	struct wf_call call = { .id = id, .version = version, .roles = roles, .step = code,
				.on = on != NULL ? D(on) : DATE_NONE, .rec = &t, .in = &in,
				.note = reason };
	return workflow_apply(&toy, f->s, &f->cfg, &call, e);
}

static void test_labels(void **state)
{
	(void)state;
	assert_string_equal(workflow_state_label(&toy, "open"), "进行中");
	assert_string_equal(workflow_state_label(&toy, "lost"), "lost");
	assert_ptr_equal(workflow_state(&toy, "done"), &toy_states[TOY_DONE]);
	assert_null(workflow_state(&toy, NULL));
	assert_string_equal(role_label(ROLE_LEADER), "分管领导");
	assert_string_equal(role_label(ROLE_CLERK), "经办人");
	assert_null(role_label(ROLE_CLERK | ROLE_LEADER));
}

static void test_lookup(void **state)
{
	const struct transition *t[4];
	(void)state;
	/* The condition picks one of the two "finish" rows. */
	assert_ptr_equal(workflow_find(&toy, "open", "finish", TOY_BIG), &toy_rows[1]);
	assert_ptr_equal(workflow_find(&toy, "open", "finish", 0), &toy_rows[2]);
	assert_null(workflow_find(&toy, "done", "finish", 0));
	/* Steps offered: by state, condition and role. */
	assert_int_equal(workflow_steps(&toy, "open", 0, ROLE_CLERK, t, 4), 2);
	assert_string_equal(t[0]->label, "完成");
	assert_string_equal(t[1]->step, "back");
	assert_int_equal(workflow_steps(&toy, "open", TOY_BIG, ROLE_CLERK, t, 4), 1);
	assert_int_equal(workflow_steps(&toy, "open", TOY_BIG, ROLE_LEADER, t, 4), 2);
	assert_int_equal(workflow_steps(&toy, "open", TOY_BIG, ROLES_ANY, t, 1), 1);
	assert_int_equal(workflow_steps(&toy, "done", 0, ROLES_ANY, t, 4), 0);
}

static void test_step_written(void **state)
{
	struct fx *f = *state;
	struct err e;
	assert_int_equal(step(f, 1, 1, ROLE_CLERK, "finish", "2025-06-20", "修好了", &e), 0);
	assert_int_equal(q(f, "SELECT state = 'done' AND reason = '修好了' AND "
			   "touched_on = '2025-06-20' AND version = 2 FROM toys WHERE id = ?", 1), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM audit_log WHERE tbl = 'toys' AND row_id = ? "
			   "AND action = 'update' AND json_extract(after, '$.state') = 'done'", 1), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM toy_events WHERE toy_id = ? AND step = 'finish' "
			   "AND from_state = 'open' AND to_state = 'done' AND on_date = '2025-06-20' "
			   "AND who = '李经办' AND note = '修好了'", 1), 1);
	assert_int_equal(effects, 1);
	/* A step without a rule; the date defaults to today. */
	assert_int_equal(step(f, 3, -1, ROLE_CLERK, "open", NULL, NULL, &e), 0);
	assert_int_equal(q(f, "SELECT touched_on = '" TODAY "' FROM toys WHERE id = ?", 3), 1);
}

/* Every refusal leaves the record, the audit log and the events as they were. */
static void test_refusals(void **state)
{
	struct fx *f = *state;
	struct err e;
	assert_int_equal(step(f, 1, 1, ROLE_CLERK, "open", NULL, NULL, &e), -1);
	assert_string_equal(e.msg, "玩具“进行中”时不能“open”");
	assert_int_equal(step(f, 2, 1, ROLE_CLERK, "finish", NULL, "好了", &e), -1);
	assert_string_equal(e.msg, "“领导完成”须由分管领导办理");
	assert_int_equal(step(f, 3, 1, ROLE_LEADER, "open", NULL, NULL, &e), -1);
	assert_string_equal(e.msg, "“开始”须由经办人办理");
	assert_int_equal(step(f, 1, 1, ROLE_CLERK, "finish", NULL, " ", &e), -1);
	assert_string_equal(e.msg, "请写明原因");
	assert_int_equal(step(f, 1, 1, ROLE_CLERK, "finish", "2025-06-09", "好了", &e), -1);
	assert_string_equal(e.msg, "日期不能早于登记日期 2025-06-10");
	assert_int_equal(step(f, 1, 1, ROLE_CLERK, "finish", "2025-07-01", "好了", &e), -1);
	assert_string_equal(e.msg, "日期不能晚于今天");
	assert_int_equal(step(f, 1, 7, ROLE_CLERK, "finish", NULL, "好了", &e), -1);
	/* The toys were written behind the write path: no audit row says who. */
	assert_string_equal(e.msg, "该玩具已被其他用户修改，请重新打开后再操作");
	assert_int_equal(step(f, 1, 1, ROLE_CLERK, NULL, NULL, NULL, &e), -1);
	assert_string_equal(e.msg, "缺少办理步骤");
	assert_int_equal(step(f, 9, -1, ROLE_CLERK, "finish", NULL, "好了", &e), -1);
	assert_string_equal(e.msg, "玩具 9 不存在");
	assert_int_equal(q(f, "SELECT count(*) FROM toys WHERE version != ?", 1), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM audit_log WHERE tbl = 'toys' AND row_id > ?", 0), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM toy_events WHERE id > ?", 0), 0);
	assert_int_equal(effects, 0);
	assert_false(store_in_transaction(f->s));
}

/* The condition's own message when the step exists for the other kind. */
static void test_condition_refusal(void **state)
{
	static const struct transition rows[] = {
		{ "open", "close", "done", ROLES_ANY, &big, "关闭", NULL, NULL },
	};
	struct workflow w = toy;
	struct fx *f = *state;
	struct err e;
	struct toy t;
	struct toy_in in = { 0 };
	w.rows = rows;
	w.n_rows = 1;
	struct wf_call call = { .id = 1, .version = -1, .roles = ROLES_ANY, .step = "close",
				.on = DATE_NONE, .rec = &t, .in = &in };
	assert_int_equal(workflow_apply(&w, f->s, &f->cfg, &call, &e), -1);
	assert_string_equal(e.msg, "小件不能直接完成");
	call.id = 2;
	assert_int_equal(workflow_apply(&w, f->s, &f->cfg, &call, &e), 0);
}

/* Inside the caller's transaction: all or nothing with other work. */
static void test_in_tx(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct toy t;
	struct toy_in in = { .reason = "好了" };
	struct wf_call call = { .id = 1, .version = 1, .roles = ROLE_CLERK, .step = "finish",
				.on = DATE_NONE, .rec = &t, .in = &in };
	assert_int_equal(workflow_apply_in_tx(&toy, f->s, &f->cfg, &call, &e), -1);
	assert_non_null(strstr(e.msg, "事务"));
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(workflow_apply_in_tx(&toy, f->s, &f->cfg, &call, &e), 0);
	store_rollback(f->s);
	assert_int_equal(q(f, "SELECT version FROM toys WHERE id = ?", 1), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM toy_events WHERE toy_id = ?", 1), 0);
}

static void test_event_defaults(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct wf_event ev = { .id = 3, .on = D("2025-06-10"), .step = "make", .to = "new" };
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(workflow_event(&toy, f->s, &ev, &e), 0);
	ev.at = "2025-06-10 09:00:00";
	ev.who = "王帮办";
	assert_int_equal(workflow_event(&toy, f->s, &ev, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM toy_events WHERE toy_id = ? AND from_state IS NULL "
			   "AND length(at) = 19", 3), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM toy_events WHERE toy_id = ? AND who = '李经办'", 3), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM toy_events WHERE toy_id = ? AND who = '王帮办' "
			   "AND at = '2025-06-10 09:00:00'", 3), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test_setup_teardown(test_step_written, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_condition_refusal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_tx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_event_defaults, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
