/* 转办 (seed 003): a request for help registered and referred to catalogue
 * items, each with its reply date (working days across a holiday, a
 * department's own limit), a reply recorded late and alerted until then,
 * withdrawal, closing only when every referral is answered, an item outside
 * the catalogue refused with the store unchanged, the lists by department
 * and state, a helper agent refused, linking the application it became,
 * and registering it from the request (application and link together, or
 * neither). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/access.h"
#include "core/domain/referral.h"
#include "core/query/alerts.h"
#include "core/query/referrals.h"

struct fx {
	struct office o;
	int64_t village, house, head;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->o.path, &f->o.s, &f->o.cfg, &f->o.cat, &f->o.v, "窗口");
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, f->o.cfg.villages[0], &f->village, &e), 0);
	f->house = office_household(&f->o, f->village, "张三", "500231198001010017", &f->head);
	*state = f;
	return 0;
}

static int64_t add_request(struct fx *f, int64_t house, const char *day)
{
	struct err e = { "" };
	int64_t id;
	struct request_new in = { .village_id = f->village, .household_id = house, .name = "张三",
				  .need = "住院费用高，需要医疗救助", .channel = "三级信息员",
				  .source = "网格员 李梅", .received_on = D(day) };
	if (request_create(f->o.s, &in, &id, &e) != 0)
		fail_msg("%s", e.msg);
	return id;
}

static const char *ref_text(struct fx *f, const char *col, int64_t id)
{
	static char buf[256];
	char sql[128];
	sqlite3_stmt *st;
	struct err e;
	snprintf(sql, sizeof sql, "SELECT %s FROM referrals WHERE id = ?", col);
	if (store_query(f->o.s, &st, &e, sql, "i", id) != 0 ||
	    store_row(f->o.s, st, "转办 %lld 不存在", id, &e) != 0)
		fail_msg("%s", e.msg);
	store_col_text(st, 0, buf, sizeof buf);
	sqlite3_reset(st);
	return buf;
}

static const struct alert *find_alert(const struct alert_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].rule->code, "referral") == 0 && l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

/* Referred on Fri 2025-09-26: 10 working days are 09-28 (a make-up
 * Sunday), 09-29, 09-30, then after the National Day week (10-01…08 off)
 * 10-09, 10-10, 10-11 (make-up Saturday), 10-13…16 → 2025-10-16. */
static void test_refer_reply_late_alerted(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t req = add_request(f, f->house, "2025-09-25");
	struct referral_pick picks[] = { { "县医保局", "医疗救助" }, { "县民政局", "临时救助" } };
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, 1, picks, 2,
					D("2025-09-26"), &e), 0);
	assert_int_equal(office_int(f->o.s, "SELECT count(*) FROM referrals WHERE request_id = ?", req), 2);
	int64_t ref = office_int(f->o.s, "SELECT min(id) FROM referrals WHERE request_id = ?", req);
	assert_string_equal(ref_text(f, "department", ref), "县医保局");
	assert_string_equal(ref_text(f, "due_on", ref), "2025-10-16");
	assert_string_equal(ref_text(f, "state", ref), "referred");

	/* Not answered by the due date: alerted, overdue. */
	struct alert_list l;
	struct alert_filter af = { .object = -1 };
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, D("2025-10-20"), &af, &l, &e), 0);
	const struct alert *a = find_alert(&l, ref);
	assert_non_null(a);
	assert_int_equal(a->due, D("2025-10-16"));
	assert_true(a->days_left < 0);
	assert_string_equal(a->name, "张三");
	assert_non_null(strstr(a->note, "医疗救助"));
	alerts_free(&l);

	/* A reply without who answered is refused and changes nothing. */
	struct referral_step_in in = { .step = "reply", .on = D("2025-10-20"),
				       .result = "已纳入医疗救助，报销 3200 元" };
	assert_int_equal(referral_apply(f->o.s, &f->o.cfg, ref, -1, &in, &e), -1);
	assert_non_null(strstr(e.msg, "反馈人"));
	assert_string_equal(ref_text(f, "state", ref), "referred");
	in.by = "县医保局 陈静";
	assert_int_equal(referral_apply(f->o.s, &f->o.cfg, ref, -1, &in, &e), 0);
	assert_string_equal(ref_text(f, "result_on", ref), "2025-10-20");
	assert_string_equal(ref_text(f, "replied_by", ref), "县医保局 陈静");
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, D("2025-10-20"), &af, &l, &e), 0);
	assert_null(find_alert(&l, ref));
	alerts_free(&l);

	/* The list by department shows it answered late. */
	struct referral_filter rf = { .department = "县医保局" };
	struct referral_row rows[8];
	int n;
	assert_int_equal(referral_page_dir(f->o.s, &rf, NULL, PAGE_AFTER, D("2025-10-20"), rows, 8,
					   &n, &e), 0);
	assert_int_equal(n, 1);
	assert_true(rows[0].late);
	assert_string_equal(rows[0].replied, "2025-10-20");
	snprintf(rf.department, sizeof rf.department, "%s", "");
	snprintf(rf.state, sizeof rf.state, "referred");
	assert_int_equal(referral_page_dir(f->o.s, &rf, NULL, PAGE_AFTER, D("2025-10-20"), rows, 8,
					   &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].department, "县民政局");
	assert_true(rows[0].overdue);

	/* Closing waits for the other referral; withdrawing it lets it close. */
	assert_int_equal(request_close(f->o.s, &f->o.cfg, req, -1, D("2025-10-20"), "已告知", &e), -1);
	assert_non_null(strstr(e.msg, "未反馈"));
	struct referral_step_in w = { .step = "withdraw", .on = D("2025-10-20"),
				      .reason = "医疗救助已解决" };
	assert_int_equal(referral_apply(f->o.s, &f->o.cfg, rows[0].id, -1, &w, &e), 0);
	assert_int_equal(referral_apply(f->o.s, &f->o.cfg, rows[0].id, -1, &w, &e), -1);
	assert_int_equal(request_close(f->o.s, &f->o.cfg, req, -1, D("2025-10-21"), "已电话告知", &e), 0);
	struct request_view v;
	assert_int_equal(request_view_load(f->o.s, req, D("2025-10-21"), &v, &e), 0);
	assert_string_equal(v.state, "closed");
	assert_int_equal(v.n_refs, 2);
	assert_string_equal(v.refs[1].state, "withdrawn");
	assert_string_equal(v.source, "网格员 李梅");
	assert_string_equal(v.channel, "informant");
}

/* A department's reply_days wins over [limits] referral_reply. */
static void test_department_limit(void **state)
{
	struct fx *f = *state;
	struct department *d = (struct department *)catalogue_department(&f->o.cat, "县医保局");
	assert_non_null(d);
	assert_int_equal(referral_reply_days(&f->o.cfg, &f->o.cat, "县医保局"), f->o.cfg.limits.referral_reply);
	d->reply_days = 3;
	assert_int_equal(referral_reply_days(&f->o.cfg, &f->o.cat, "县医保局"), 3);
	struct err e = { "" };
	int64_t req = add_request(f, 0, "2025-12-01");
	struct referral_pick p = { "县医保局", "医疗救助" };
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, -1, &p, 1, D("2025-12-01"), &e), 0);
	int64_t ref = office_int(f->o.s, "SELECT max(id) FROM referrals WHERE request_id = ?", req);
	assert_string_equal(ref_text(f, "due_on", ref), "2025-12-04");
	/* Without a household, the referral still belongs to the village. */
	assert_int_equal(office_int(f->o.s, "SELECT village_id FROM referrals WHERE id = ?", ref), f->village);
}

static void test_refusals_leave_store(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t req = add_request(f, f->house, "2025-12-01");
	struct referral_pick bad[] = { { "县医保局", "医疗救助" }, { "县医保局", "不存在的事项" } };
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, -1, bad, 2, D("2025-12-02"), &e), -1);
	assert_non_null(strstr(e.msg, "不存在的事项"));
	assert_int_equal(office_int(f->o.s, "SELECT count(*) FROM referrals WHERE request_id = ?", req), 0);
	assert_int_equal(office_int(f->o.s, "SELECT version FROM help_requests WHERE id = ?", req), 1);
	/* Dated before the request, or twice the same item while unanswered. */
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, -1, bad, 1, D("2025-11-28"), &e), -1);
	assert_non_null(strstr(e.msg, "求助日期"));
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, -1, bad, 1, D("2025-12-02"), &e), 0);
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, -1, bad, 1, D("2025-12-03"), &e), -1);
	assert_non_null(strstr(e.msg, "尚未反馈"));
	/* A stale version is refused with who changed it. */
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, 1, NULL, 0, D("2025-12-03"), &e), -1);
	/* The request's form checks. */
	struct request_new in = { .village_id = f->village, .name = "王五", .need = "房屋倒塌",
				  .channel = "部门转来" };
	int64_t id;
	assert_int_equal(request_create(f->o.s, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "转来的人或部门"));
	in.channel = "信鸽";
	assert_int_equal(request_create(f->o.s, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "求助来源"));
}

/* Helper agents register entrustments, not requests for help. */
static void test_roles(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t req = add_request(f, f->house, "2025-12-01");
	struct store_actor agent = access_actor(ROLE_AGENT, 0, f->village);
	store_set_actor(f->o.s, &agent);
	struct referral_pick p = { "县医保局", "医疗救助" };
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, -1, &p, 1, DATE_NONE, &e), -1);
	struct request_new in = { .village_id = f->village, .name = "王五", .need = "x", .channel = "窗口" };
	int64_t id;
	assert_int_equal(request_create(f->o.s, &in, &id, &e), -1);
	assert_non_null(strstr(e.msg, "登记求助和转办"));
	struct store_actor village = access_actor(ROLE_VILLAGE, 0, f->village);
	store_set_actor(f->o.s, &village);
	assert_int_equal(referral_refer(f->o.s, &f->o.cfg, &f->o.cat, req, -1, &p, 1, DATE_NONE, &e), 0);
}

static void test_link_application(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t req = add_request(f, f->house, "2025-12-01"), app, other_head;
	struct case_new c = { .household_id = f->house, .applicant_id = f->head, .kind = "yiliao",
			      .channel = "window", .received_on = D("2025-12-02"), .delegated = true };
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &c, &app, &e), 0);
	int64_t other = office_household(&f->o, f->village, "李四", "500231198212120021", &other_head);
	struct case_new c2 = { .household_id = other, .applicant_id = other_head, .kind = "yiliao",
			       .channel = "window", .received_on = D("2025-12-02"), .delegated = true };
	int64_t app2;
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &c2, &app2, &e), 0);
	assert_int_equal(request_link_application(f->o.s, req, -1, app2, &e), -1);
	assert_non_null(strstr(e.msg, "不是求助人家庭"));
	assert_int_equal(request_link_application(f->o.s, req, -1, app, &e), 0);
	assert_int_equal(office_int(f->o.s, "SELECT application_id FROM help_requests WHERE id = ?", req), app);
}

/* At the window the request becomes its application: both rows or none. */
static void test_request_becomes_application(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t req = add_request(f, f->house, "2025-12-01"), app = 0, other_head;
	int64_t other = office_household(&f->o, f->village, "李四", "500231198212120021", &other_head);
	struct case_new c = { .household_id = other, .applicant_id = other_head, .kind = "yiliao",
			      .channel = "window", .received_on = D("2025-12-02"), .delegated = true };
	int64_t before = office_int(f->o.s, "SELECT count(*) FROM applications WHERE id > ?", 0);
	assert_int_equal(request_apply(f->o.s, &f->o.cfg, &f->o.cat, req, -1, &c, &app, &e), -1);
	assert_non_null(strstr(e.msg, "不是求助人的家庭"));
	/* A rule of case_create refusing (an unknown kind). */
	c.household_id = f->house;
	c.applicant_id = f->head;
	c.kind = "nosuch";
	assert_int_equal(request_apply(f->o.s, &f->o.cfg, &f->o.cat, req, -1, &c, &app, &e), -1);
	assert_int_equal(office_int(f->o.s, "SELECT count(*) FROM applications WHERE id > ?", 0), before);
	/* A stale version: nothing is written, not even the application. */
	c.kind = "yiliao";
	assert_int_equal(request_apply(f->o.s, &f->o.cfg, &f->o.cat, req, 7, &c, &app, &e), -1);
	assert_int_equal(office_int(f->o.s, "SELECT count(*) FROM applications WHERE id > ?", 0), before);
	assert_int_equal(request_apply(f->o.s, &f->o.cfg, &f->o.cat, req, 1, &c, &app, &e), 0);
	assert_int_equal(office_int(f->o.s, "SELECT application_id FROM help_requests WHERE id = ?", req), app);
	assert_int_equal(office_int(f->o.s, "SELECT household_id FROM applications WHERE id = ?", app),
			 f->house);
	assert_int_equal(request_apply(f->o.s, &f->o.cfg, &f->o.cat, req, -1, &c, &app, &e), -1);
	assert_non_null(strstr(e.msg, "已关联申请"));
	/* A request with no household cannot become one. */
	int64_t loose = add_request(f, 0, "2025-12-01");
	assert_int_equal(request_apply(f->o.s, &f->o.cfg, &f->o.cat, loose, -1, &c, &app, &e), -1);
	assert_non_null(strstr(e.msg, "未登记为家庭成员"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_refer_reply_late_alerted, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_department_limit, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_refusals_leave_store, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_roles, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_link_application, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_request_becomes_application, setup, office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
