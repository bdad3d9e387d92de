/* Roles and area enforced in the core (issue 10): every role tried on
 * every step of both workflows through the core API, with the actor set on
 * the store as a session sets it; village staff see and register only
 * their village; a supervisor reads and exports but changes nothing; only
 * administrators manage staff. Tests run from the source root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/access.h"
#include "core/domain/agent.h"
#include "core/domain/case.h"
#include "core/domain/entrust.h"
#include "core/domain/role.h"
#include "core/domain/staff.h"
#include "core/query/applist.h"
#include "core/query/caseview.h"
#include "core/query/hhview.h"
#include "core/query/alerts.h"

#define D(s) date_parse_or_none(s)

static date_t date_parse_or_none(const char *s)
{
	date_t d;
	return date_parse(s, &d) == 0 ? d : DATE_NONE;
}

struct fx {
	struct office o;
	int64_t village_a, village_b, hh_a, head_a, hh_b, head_b, agent;
};

static const struct store_actor program = { .roles = ~0u };

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->o.path, &f->o.s, &f->o.cfg, &f->o.cat, &f->o.v, "系统");
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, f->o.cfg.villages[0], &f->village_a, &e), 0);
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, f->o.cfg.villages[1], &f->village_b, &e), 0);
	f->hh_a = office_household(&f->o, f->village_a, "张三", "500231198001010017", &f->head_a);
	f->hh_b = office_household(&f->o, f->village_b, "李四", "500231198212120021", &f->head_b);
	struct agent_in a = { .village = f->o.cfg.villages[0], .name = "王帮办",
			      .id_number = "11010519491231002X", .phone = "13800001111",
			      .category = "网格员" };
	assert_int_equal(agent_add(f->o.s, &f->o.cfg, &f->o.cat, f->o.v, &a, &f->agent, &e), 0);
	*state = f;
	return 0;
}

/* The roles a staff row may hold, each acting alone, in village A when
 * the role is tied to a village. */
static const char *const role_codes[] = {
	"clerk", "leader", "village", "agent", "supervisor", "support", "admin",
};
#define N_ROLES (sizeof role_codes / sizeof role_codes[0])

static void act_as(struct fx *f, const char *code)
{
	struct err e;
	unsigned bits;
	assert_int_equal(role_parse(code, &bits, &e), 0);
	bool in_village = strcmp(code, "village") == 0 || strcmp(code, "agent") == 0;
	struct store_actor a = access_actor(bits, 0, in_village ? f->village_a : 0);
	store_set_actor(f->o.s, &a);
}

/* ---- the application workflow ---- */

/* Who may take each step, said here independently of case.c's table:
 * only a leader confirms, refuses or sends to the county (and records the
 * county's decision); a clerk (or a leader, who is also one) takes the
 * rest; nobody else takes any. */
static bool case_may(const char *role, const char *step)
{
	bool decision = strcmp(step, "approve") == 0 || strcmp(step, "refuse") == 0 ||
			strcmp(step, "send_county") == 0;
	if (strcmp(role, "leader") == 0)
		return true;
	return strcmp(role, "clerk") == 0 && !decision;
}

/* A complete input for the step, dated after the steps before it. */
static struct case_step_in case_input(const char *step, const char *from)
{
	static const char *const missing[] = { "收入证明" };
	struct case_step_in in = { .step = step, .reason = "理由", .missing = missing, .n_missing = 1,
				   .objector = "村民", .opinion = "include", .amount = 50000 };
	static const char *const dates[][2] = {
		{ "accept", "2025-11-04" }, { "request_materials", "2025-11-04" },
		{ "withdraw", "2025-11-05" }, { "start_investigation", "2025-11-05" },
		{ "initial_review", "2025-11-06" }, { "publicize", "2025-11-07" },
		{ "objection", "2025-11-10" }, { "send_county", "2025-11-20" },
		{ "approve", "2025-11-20" }, { "refuse", "2025-11-20" },
		{ "notify_refusal", "2025-12-01" }, { "announce", "2025-12-01" },
		{ "file_county", "2025-12-02" }, { "extend", "2025-11-21" },
	};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
		if (strcmp(dates[i][0], step) == 0)
			in.on = D(dates[i][1]);
	if (strcmp(from, "county") == 0)
		in.on = D("2025-11-25");
	if (strcmp(step, "extend") == 0)
		in.reason = "人户分离";	/* one of [periods] special_reasons */
	return in;
}

/* The steps that bring a new application to `state`. */
static const char *const *path_to(const char *state)
{
	static const char *const received[] = { NULL };
	static const char *const missing[] = { "request_materials", NULL };
	static const char *const accepted[] = { "accept", NULL };
	static const char *const investigating[] = { "accept", "start_investigation", NULL };
	static const char *const reviewed[] = { "accept", "start_investigation", "initial_review", NULL };
	static const char *const publicity[] = { "accept", "start_investigation", "initial_review",
						 "publicize", NULL };
	static const char *const county[] = { "accept", "start_investigation", "initial_review",
					      "publicize", "send_county", NULL };
	static const char *const approved[] = { "accept", "start_investigation", "initial_review",
						"publicize", "approve", NULL };
	static const char *const refused[] = { "accept", "start_investigation", "initial_review",
					       "publicize", "refuse", NULL };
	static const char *const announced[] = { "accept", "start_investigation", "initial_review",
						 "publicize", "approve", "announce", NULL };
	static const struct { const char *state; const char *const *path; } paths[] = {
		{ "received", received }, { "missing", missing }, { "accepted", accepted },
		{ "investigating", investigating }, { "reviewed", reviewed },
		{ "publicity", publicity }, { "county", county }, { "approved", approved },
		{ "refused", refused }, { "announced", announced },
	};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		if (strcmp(paths[i].state, state) == 0)
			return paths[i].path;
	fail_msg("no path to %s", state);
	return NULL;
}

/* A valid ID number (GB 11643 check digit) of someone born k days after
 * 1970-01-01: a new head for each further household. */
static void make_id(int k, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int y, m, d, sum = 0;
	date_to_ymd(date_from_ymd(1970, 1, 1) + k, &y, &m, &d);
	snprintf(out, 19, "500231%04d%02d%02d001", y, m, d);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

static int64_t case_in_state(struct fx *f, const char *state, bool delegated)
{
	struct err e;
	int64_t id, hh = f->hh_a, head = f->head_a;
	static int born;
	store_set_actor(f->o.s, &program);
	/* One 低保 application open per household (issue 8): a case after the
	 * first belongs to a new household of the same village. */
	if (office_int(f->o.s, "SELECT count(*) FROM applications WHERE household_id = ?", hh) > 0) {
		char idn[19];
		make_id(++born, idn);
		hh = office_household(&f->o, f->village_a, "赵一", idn, &head);
	}
	struct case_new c = { .household_id = hh, .applicant_id = head, .kind = "dibao",
			      .channel = "window", .received_on = D("2025-11-03"),
			      .delegated = delegated };
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &c, &id, &e), 0);
	office_case_complete(f->o.s, id);	/* what 受理 needs (issue 8) */
	/* The household visit an initial review needs. */
	struct field r[] = { F_INT("application_id", id), F_TEXT("visited_on", "2025-11-05"),
			     F_TEXT("visitors", "李经办") };
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(store_insert(f->o.s, "investigations", r, 3, NULL, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	const char *at = "received";
	for (const char *const *p = path_to(state); *p != NULL; p++) {
		struct case_step_in in = case_input(*p, at);
		if (case_apply(f->o.s, &f->o.cfg, id, -1, ROLES_ANY, &in, &e) != 0)
			fail_msg("%s → %s: %s", at, *p, e.msg);
		at = office_state(f->o.s, id);
	}
	assert_string_equal(office_state(f->o.s, id), state);
	return id;
}

static void every_role_on_every_case_step(void **state)
{
	struct fx *f = *state;
	struct err e;
	int allowed = 0, refused = 0;
	for (size_t r = 0; r < case_workflow.n_rows; r++) {
		const struct transition *t = &case_workflow.rows[r];
		/* The row's delegation condition, or the county's file for its rows. */
		bool delegated = t->when != NULL && t->when->fact == CASE_DELEGATED ? t->when->set
				 : strcmp(t->from, "county") != 0;
		for (size_t k = 0; k < N_ROLES; k++) {
			int64_t id = case_in_state(f, t->from, delegated);
			char before[32];
			snprintf(before, sizeof before, "%s", office_state(f->o.s, id));
			act_as(f, role_codes[k]);
			struct case_step_in in = case_input(t->step, t->from);
			/* The screens' roles only narrow: pass every role. */
			int rc = case_apply(f->o.s, &f->o.cfg, id, -1, ROLES_ANY, &in, &e);
			bool may = case_may(role_codes[k], t->step);
			if ((rc == 0) != may)
				fail_msg("%s on %s → %s: %s (%s)", role_codes[k], t->from, t->step,
					 rc == 0 ? "allowed" : "refused", rc == 0 ? "" : e.msg);
			assert_string_equal(office_state(f->o.s, id), may ? t->to : before);
			may ? allowed++ : refused++;
		}
	}
	assert_true(allowed > 0 && refused > allowed);
}

/* ---- the entrustment workflow ---- */

/* Helper agents take the steps; village staff and the township's clerks
 * (leaders too) may record them; supervisors, support and administrators
 * may not. */
static bool entrust_may(const char *role)
{
	return strcmp(role, "agent") == 0 || strcmp(role, "village") == 0 ||
	       strcmp(role, "clerk") == 0 || strcmp(role, "leader") == 0;
}

static struct entrust_step_in entrust_input(const char *step)
{
	return (struct entrust_step_in){ .step = step, .on = DATE_NONE, .missing_items = "户口簿",
					 .result = "已送达乡镇窗口", .reason = "申请人要求",
					 .papers_returned = true, .rating = "满意" };
}

static int64_t entrust_in_state(struct fx *f, const char *state)
{
	static const struct { const char *state; const char *path[4]; } paths[] = {
		{ "registered", { NULL } }, { "missing", { "notify_missing", NULL } },
		{ "handling", { "handle", NULL } }, { "feedback", { "handle", "feedback", NULL } },
		{ "terminated", { "handle", "terminate", NULL } },
		{ "rated", { "handle", "feedback", "rate", NULL } },
		{ "out_of_scope", { "out_of_scope", NULL } },
	};
	struct err e;
	int64_t id;
	store_set_actor(f->o.s, &program);
	struct entrust_new in = { .village_id = f->village_a, .agent_id = f->agent,
				  .client_name = "张三", .client_person_id = f->head_a,
				  .matter = "dibao", .channel = "电话", .received_on = DATE_NONE };
	assert_int_equal(entrust_create(f->o.s, &f->o.cfg, &f->o.cat, &in, &id, &e), 0);
	size_t i = 0;
	while (strcmp(paths[i].state, state) != 0)
		i++;
	for (const char *const *p = paths[i].path; *p != NULL; p++) {
		struct entrust_step_in s = entrust_input(*p);
		if (entrust_apply(f->o.s, &f->o.cfg, id, -1, &s, &e) != 0)
			fail_msg("%s: %s", *p, e.msg);
	}
	return id;
}

static const char *entrust_state(struct fx *f, int64_t id)
{
	static char buf[32];
	sqlite3_stmt *st;
	struct err e;
	assert_int_equal(store_query(f->o.s, &st, &e, "SELECT state FROM entrustments WHERE id = ?",
				     "i", id), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	store_col_text(st, 0, buf, sizeof buf);
	sqlite3_reset(st);
	return buf;
}

static void every_role_on_every_entrust_step(void **state)
{
	struct fx *f = *state;
	struct err e;
	for (size_t r = 0; r < entrust_workflow.n_rows; r++) {
		const struct transition *t = &entrust_workflow.rows[r];
		for (size_t k = 0; k < N_ROLES; k++) {
			int64_t id = entrust_in_state(f, t->from);
			act_as(f, role_codes[k]);
			struct entrust_step_in in = entrust_input(t->step);
			int rc = entrust_apply(f->o.s, &f->o.cfg, id, -1, &in, &e);
			bool may = entrust_may(role_codes[k]);
			if ((rc == 0) != may)
				fail_msg("%s on %s → %s: %s (%s)", role_codes[k], t->from, t->step,
					 rc == 0 ? "allowed" : "refused", rc == 0 ? "" : e.msg);
			store_set_actor(f->o.s, &program);
			assert_string_equal(entrust_state(f, id), may ? t->to : t->from);
		}
	}
	/* A helper agent of another village may not touch this one. */
	int64_t id = entrust_in_state(f, "registered");
	struct store_actor other = access_actor(ROLE_AGENT, 0, f->village_b);
	store_set_actor(f->o.s, &other);
	struct entrust_step_in in = entrust_input("handle");
	assert_int_equal(entrust_apply(f->o.s, &f->o.cfg, id, -1, &in, &e), -1);
	assert_non_null(strstr(e.msg, "村（社区）"));
}

/* ---- area ---- */

static void village_staff_see_and_register_their_village_only(void **state)
{
	struct fx *f = *state;
	struct err e;
	int n;
	int64_t id, app_b;
	/* An application in each village, made by the office. */
	store_set_actor(f->o.s, &program);
	struct case_new cb = { .household_id = f->hh_b, .applicant_id = f->head_b, .kind = "dibao",
			       .channel = "window", .received_on = D("2025-11-03"), .delegated = true };
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &cb, &app_b, &e), 0);
	int64_t app_a = case_in_state(f, "received", true);

	struct store_actor a = access_actor(ROLE_VILLAGE, 0, f->village_a);
	store_set_actor(f->o.s, &a);
	struct hh_row hh[8];
	assert_int_equal(hh_page(f->o.s, NULL, 0, hh, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(hh[0].id, f->hh_a);
	struct person_row p[8];
	assert_int_equal(person_page(f->o.s, NULL, 0, p, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].name, "张三");
	struct app_filter af = { .sort = SORT_RECEIVED };
	struct app_row rows[8];
	assert_int_equal(applist_page(f->o.s, &af, NULL, false, false, rows, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, app_a);
	/* Searching by the other village's name finds nothing either. */
	snprintf(af.search, sizeof af.search, "李四");
	assert_int_equal(applist_page(f->o.s, &af, NULL, false, false, rows, 8, &n, &e), 0);
	assert_int_equal(n, 0);
	/* The helper-agent roster: their village's line only. */
	struct agent_row ag[16];
	assert_int_equal(agent_roster(f->o.s, &f->o.cfg, ag, 16, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ag[0].name, "王帮办");
	struct hh_view v;
	assert_int_equal(hh_view_load(f->o.s, f->hh_b, &v, &e), -1);
	assert_non_null(strstr(e.msg, "不属于您负责的村"));
	static struct case_view cv;
	assert_int_equal(case_view_load(f->o.s, &f->o.cfg, app_b, date_today(), &cv, &e), -1);
	assert_int_equal(case_view_load(f->o.s, &f->o.cfg, app_a, date_today(), &cv, &e), 0);
	/* Registers in their village, not in another. */
	int64_t head;
	struct household_text ha = { .village_id = f->village_a, .address = "太平村2组" };
	struct household_text hb = { .village_id = f->village_b, .address = "大路村1组" };
	char other[19];
	make_id(9000, other);
	struct person_text ph = { .name = "王大", .id_number = "500231199003030016", .relation = "户主" };
	struct person_text pb = { .name = "王二", .id_number = other, .relation = "户主" };
	struct person_text pc = { .name = "李小", .id_number = "500231201005050037", .relation = "子" };
	assert_int_equal(household_register(f->o.s, f->o.v, &ha, &ph, date_today(), &id, &head, &e), 0);
	assert_int_equal(household_register(f->o.s, f->o.v, &hb, &pb, date_today(), &id, &head, &e), -1);
	assert_non_null(strstr(e.msg, "不属于您负责的村"));
	assert_int_equal(person_register(f->o.s, f->o.v, f->hh_b, &pc, date_today(), &id, &e), -1);
	struct case_new c = cb;
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &c, &id, &e), -1);
	/* Nor the office's papers, nor exports of the whole township. */
	assert_int_equal(case_set_material(f->o.s, 1, -1, true, &e), -1);
	assert_int_equal(access_check(f->o.s, ACT_EXPORT, 0, &e), -1);
	/* The overdue count on the top line counts their village only. */
	int64_t all, mine, today;
	struct alert_filter apps = { .object = ALERT_APPLICATION };
	struct alert_list l;
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, D("2026-12-31"), &apps, &l, &e), 0);
	mine = (int64_t)l.n;
	alerts_free(&l);
	assert_int_equal(alerts_count(f->o.s, &f->o.cfg, D("2026-12-31"), &all, &today, &e), 0);
	store_set_actor(f->o.s, &program);
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, D("2026-12-31"), &apps, &l, &e), 0);
	all = (int64_t)l.n;
	alerts_free(&l);
	assert_int_equal(all, 2);
	assert_int_equal(mine, 1);
}

static void supervisor_reads_and_exports_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct err e;
	int n;
	int64_t app = case_in_state(f, "received", true), id;
	struct store_actor sup = access_actor(ROLE_SUPERVISOR, 0, 0);
	store_set_actor(f->o.s, &sup);
	struct hh_row hh[8];
	assert_int_equal(hh_page(f->o.s, NULL, 0, hh, 8, &n, &e), 0);
	assert_int_equal(n, 2);	/* reads everything in the county */
	assert_int_equal(access_check(f->o.s, ACT_EXPORT, 0, &e), 0);
	/* Every write is refused by the one write path, whoever calls it. */
	int64_t head;
	struct household_text ha = { .village_id = f->village_a, .address = "x" };
	struct person_text ph = { .name = "王大", .id_number = "500231199003030016", .relation = "户主" };
	assert_int_equal(household_register(f->o.s, f->o.v, &ha, &ph, date_today(), &id, &head, &e), -1);
	int64_t mat = office_int(f->o.s, "SELECT min(id) FROM application_materials WHERE application_id = ?", app);
	int64_t ver = office_int(f->o.s, "SELECT version FROM application_materials WHERE id = ?", mat);
	store_set_actor(f->o.s, &(struct store_actor){ .roles = ROLE_SUPERVISOR | ROLE_CLERK,
						       .read_only = true });
	/* (ticked when the case was made complete: unticking is refused) */
	assert_int_equal(case_set_material(f->o.s, mat, ver, false, &e), -1);
	assert_non_null(strstr(e.msg, "只能查阅"));
	assert_int_equal(store_begin(f->o.s, &e), 0);
	struct field fl[] = { F_TEXT("name", "改名") };
	assert_int_equal(store_insert(f->o.s, "townships", fl, 1, NULL, &e), -1);
	assert_int_equal(store_delete(f->o.s, "households", f->hh_a, &e), -1);
	store_rollback(f->o.s);
	store_set_actor(f->o.s, &program);
	assert_int_equal(office_int(f->o.s, "SELECT present FROM application_materials WHERE id = ?", mat), 1);
}

static void only_administrators_manage_staff(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id;
	struct staff_in in = { .login = "liwen", .name = "李文", .roles = "leader" };
	for (size_t k = 0; k < N_ROLES; k++) {
		act_as(f, role_codes[k]);
		bool admin = strcmp(role_codes[k], "admin") == 0;
		assert_int_equal(staff_add(f->o.s, &f->o.cfg, &in, &id, &e), admin ? 0 : -1);
		if (!admin)
			assert_non_null(strstr(e.msg, "管理工作人员"));
	}
	act_as(f, "admin");
	/* Village staff need their village; a helper agent is only that. */
	struct staff_in bad = { .login = "wang", .name = "王", .roles = "village" };
	assert_int_equal(staff_add(f->o.s, &f->o.cfg, &bad, &id, &e), -1);
	bad.roles = "agent,clerk";
	assert_int_equal(staff_add(f->o.s, &f->o.cfg, &bad, &id, &e), -1);
	bad.roles = "clerk";
	bad.login = "has space";
	assert_int_equal(staff_add(f->o.s, &f->o.cfg, &bad, &id, &e), -1);
	assert_int_equal(staff_add(f->o.s, &f->o.cfg, &in, &id, &e), -1);	/* taken */
	assert_non_null(strstr(e.msg, "李文"));
	/* The last administrator stays one. */
	struct staff_in boss = { .login = "boss", .name = "管理员", .roles = "admin" };
	assert_int_equal(staff_add(f->o.s, &f->o.cfg, &boss, &id, &e), 0);
	boss.roles = "clerk";
	assert_int_equal(staff_set_roles(f->o.s, &f->o.cfg, &boss, &e), -1);
	assert_non_null(strstr(e.msg, "唯一的系统管理员"));
	assert_int_equal(staff_disable(f->o.s, "boss", &e), -1);
	assert_int_equal(staff_disable(f->o.s, "liwen", &e), 0);
	/* Every change is in the audit log. */
	assert_int_equal(office_int(f->o.s, "SELECT count(*) FROM audit_log WHERE tbl = 'staff' "
				    "AND row_id = ?", office_int(f->o.s, "SELECT id FROM staff WHERE login = 'liwen' "
								 "AND ? > 0", 1)), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_role_on_every_case_step, setup, office_teardown),
		cmocka_unit_test_setup_teardown(every_role_on_every_entrust_step, setup, office_teardown),
		cmocka_unit_test_setup_teardown(village_staff_see_and_register_their_village_only,
						setup, office_teardown),
		cmocka_unit_test_setup_teardown(supervisor_reads_and_exports_changes_nothing, setup,
						office_teardown),
		cmocka_unit_test_setup_teardown(only_administrators_manage_staff, setup, office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
