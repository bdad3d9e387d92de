/* The rules of two kinds (item 5 of issue 11).
 * 临时救助急难型 paid first (先行救助): the amount and day recorded on an
 * urgent application, the paperwork alerted urgent_paperwork working days
 * later and overdue after, gone once the decision is made; refused for a
 * case that is not urgent 临时救助, twice, with no amount, before receipt,
 * or by village staff, each leaving the store as it was.
 * 特困: the end of support goes through the rolls' workflow (roll.c), the
 * one path: publicised for [limits.tekun] publicity_days counted as
 * [periods] says (from the day after posting by default, 民法典 第二百零一
 * 条), alerted on the roll for the leader's confirmation from the day after
 * the period, and no longer once confirmed or kept; another kind ends at
 * once with no alert. (The 15 + 15 working days of [limits.tekun] are
 * test_alerts.c's; the review that ends support is test_rolls.c's.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/access.h"
#include "core/domain/roll.h"
#include "core/domain/urgent.h"
#include "core/query/alerts.h"

struct fx {
	struct office o;
	int64_t village, house, head;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->o.path, &f->o.s, &f->o.cfg, &f->o.cat, &f->o.v, "经办人");
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, f->o.cfg.villages[0], &f->village, &e), 0);
	f->house = office_household(&f->o, f->village, "张三", "500231198001010017", &f->head);
	*state = f;
	return 0;
}

/* Each application in a household of its own (one open 临时救助 each). */
static int64_t add_app(struct fx *f, const char *kind, bool urgent)
{
	static const char *const ids[] = { "500231198212120021", "440524188001010014",
					   "11010519491231002X", "500231197001010119" };
	static int next;
	struct err e = { "" };
	int64_t id, head, house = next == 0 ? f->house : office_household(&f->o, f->village, "李四",
									 ids[(next - 1) % 4], &head);
	if (next++ == 0)
		head = f->head;
	struct case_new c = { .household_id = house, .applicant_id = head, .kind = kind,
			      .channel = "window", .received_on = D("2025-12-01"), .delegated = true,
			      .urgent = urgent };
	if (case_create(f->o.s, &f->o.cfg, &f->o.cat, &c, &id, &e) != 0)
		fail_msg("%s", e.msg);
	return id;
}

static const struct alert *find_rule(const struct alert_list *l, const char *code, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].rule->code, code) == 0 && l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

static const struct alert *find(const struct alert_list *l, int64_t id)
{
	return find_rule(l, "urgent_paperwork", id);
}

/* Paid Tue 2025-12-02: 5 working days → Tue 2025-12-09. */
static void test_prepay_alerted_until_decided(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t app = add_app(f, "linshi", true);
	assert_int_equal(urgent_prepay(f->o.s, app, 1, 150000, D("2025-12-02"), &e), 0);
	assert_int_equal(office_int(f->o.s, "SELECT prepaid_amount FROM applications WHERE id = ?", app), 150000);
	assert_int_equal(urgent_paperwork_due(&f->o.cfg, "linshi", D("2025-12-02")), D("2025-12-09"));
	struct alert_list l;
	struct alert_filter af = { .object = -1 };
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, D("2025-12-10"), &af, &l, &e), 0);
	const struct alert *a = find(&l, app);
	assert_non_null(a);
	assert_int_equal(a->due, D("2025-12-09"));
	assert_int_equal(a->days_left, -1);
	assert_string_equal(a->name, "张三");
	assert_non_null(strstr(a->note, "1500.00 元"));
	assert_non_null(strstr(a->text, "5 个工作日"));
	alerts_free(&l);
	/* The decision completes the paperwork. */
	struct field done[] = { F_TEXT("decided_on", "2025-12-10"), F_TEXT("decision", "approved"),
				F_TEXT("state", "approved") };
	if (store_begin(f->o.s, &e) != 0 || store_update(f->o.s, "applications", app, -1, done, 3, &e) != 0 ||
	    store_commit(f->o.s, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, D("2025-12-10"), &af, &l, &e), 0);
	assert_null(find(&l, app));
	alerts_free(&l);
	/* Decided: no second payment first. */
	assert_int_equal(urgent_prepay(f->o.s, app, -1, 100, D("2025-12-10"), &e), -1);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	add_app(f, "dibao", false);	/* the first household's */
	int64_t plain = add_app(f, "linshi", false);
	assert_int_equal(urgent_prepay(f->o.s, plain, -1, 100, DATE_NONE, &e), -1);
	assert_non_null(strstr(e.msg, "急难型"));
	int64_t app = add_app(f, "yiliao", true);
	assert_int_equal(urgent_prepay(f->o.s, app, -1, 100, DATE_NONE, &e), -1);
	assert_non_null(strstr(e.msg, "急难型临时救助"));
	app = add_app(f, "linshi", true);
	assert_int_equal(urgent_prepay(f->o.s, app, -1, 0, DATE_NONE, &e), -1);
	assert_non_null(strstr(e.msg, "大于 0"));
	assert_int_equal(urgent_prepay(f->o.s, app, -1, 100, D("2025-11-30"), &e), -1);
	assert_non_null(strstr(e.msg, "接收日期"));
	assert_int_equal(urgent_prepay(f->o.s, app, 7, 100, DATE_NONE, &e), -1);	/* stale */
	struct store_actor village = access_actor(ROLE_VILLAGE, 0, f->village);
	store_set_actor(f->o.s, &village);
	assert_int_equal(urgent_prepay(f->o.s, app, -1, 100, DATE_NONE, &e), -1);
	assert_int_equal(office_int(f->o.s, "SELECT count(*) FROM applications WHERE prepaid_on IS NOT NULL "
				    "AND id >= ?", plain), 0);
	struct store_actor clerk = access_actor(ROLE_CLERK, 0, 0);
	store_set_actor(f->o.s, &clerk);
	assert_int_equal(urgent_prepay(f->o.s, app, -1, 80000, DATE_NONE, &e), 0);
	assert_int_equal(urgent_prepay(f->o.s, app, -1, 80000, DATE_NONE, &e), -1);
	assert_non_null(strstr(e.msg, "已于"));
}

/* A case of `kind` in `state`, decided on 2025-11-20 when in force. */
static int64_t add_case(struct fx *f, const char *idn, const char *kind, const char *state)
{
	struct err e = { "" };
	int64_t head, id;
	int64_t house = office_household(&f->o, f->village, "王五", idn, &head);
	struct case_new c = { .household_id = house, .applicant_id = head, .kind = kind,
			      .channel = "window", .received_on = D("2025-10-09"), .delegated = true };
	struct field done[] = { F_TEXT("state", state), F_TEXT("decided_on", "2025-11-20"),
				F_TEXT("decision", "approved") };
	if (case_create(f->o.s, &f->o.cfg, &f->o.cat, &c, &id, &e) != 0 || store_begin(f->o.s, &e) != 0 ||
	    store_update(f->o.s, "applications", id, -1, done, strcmp(state, "received") ? 3 : 1, &e) != 0 ||
	    store_commit(f->o.s, &e) != 0)
		fail_msg("%s", e.msg);
	return id;
}

/* Application `app` on the rolls from 2025-11-25; the roll's id. */
static int64_t enrol(struct fx *f, int64_t app)
{
	struct err e = { "" };
	if (store_begin(f->o.s, &e) != 0 || roll_enrol(f->o.s, &f->o.cfg, &f->o.cat, app, D("2025-11-25"), &e) != 0 ||
	    store_commit(f->o.s, &e) != 0)
		fail_msg("%s", e.msg);
	return office_int(f->o.s, "SELECT id FROM rolls WHERE application_id = ?", app);
}

static int end_step(struct fx *f, int64_t roll, const char *step, const char *on, struct err *e)
{
	struct roll_step_in in = { .step = step, .on = D(on), .reason = "不再符合特困人员认定条件",
				   .roles = strcmp(step, "confirm_end") == 0 ? ROLE_LEADER : ROLE_CLERK };
	return roll_apply(f->o.s, &f->o.cfg, roll, -1, &in, e);
}

static const struct alert *tekun_alert(struct fx *f, const char *day, int64_t roll)
{
	static struct alert_list l;
	static struct alert a;
	struct err e = { "" };
	struct alert_filter af = { .object = -1 };
	if (alerts_collect(f->o.s, &f->o.cfg, D(day), &af, &l, &e) != 0)
		fail_msg("%s", e.msg);
	const struct alert *found = find_rule(&l, "tekun_end", roll);
	if (found != NULL)
		a = *found;
	alerts_free(&l);
	return found != NULL ? &a : NULL;
}

static void test_tekun_end_publicised_then_alerted(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t roll = enrol(f, add_case(f, "500231197001010119", "tekun", "announced"));
	assert_int_equal(end_step(f, roll, "end", "2025-12-01", &e), 0);
	assert_int_equal(office_int(f->o.s, "SELECT end_publicity_from = '2025-12-01' AND "
				    "end_publicity_to = '2025-12-08' AND state = 'end_pending' "
				    "FROM rolls WHERE id = ?", roll), 1);
	/* Seen on the roll (its 户档案 opens from the alert) from the day after. */
	const struct alert *a = tekun_alert(f, "2025-12-08", roll);
	assert_non_null(a);
	assert_int_equal(a->rule->object, ALERT_ROLL);
	assert_int_equal(a->due, D("2025-12-09"));
	assert_non_null(strstr(a->note, "2025-12-01 至 2025-12-08"));
	assert_int_equal(end_step(f, roll, "confirm_end", "2025-12-08", &e), -1);
	assert_non_null(strstr(e.msg, "2025-12-08"));
	assert_int_equal(end_step(f, roll, "confirm_end", "2025-12-09", &e), 0);
	assert_null(tekun_alert(f, "2025-12-09", roll));
	/* An objection upheld: the publicity goes, and with it the alert. */
	int64_t kept = enrol(f, add_case(f, "11010519491231002X", "tekun", "announced"));
	assert_int_equal(end_step(f, kept, "end", "2025-12-01", &e), 0);
	assert_non_null(tekun_alert(f, "2025-12-09", kept));
	assert_int_equal(end_step(f, kept, "keep", "2025-12-03", &e), 0);
	assert_null(tekun_alert(f, "2025-12-09", kept));
	assert_int_equal(office_int(f->o.s, "SELECT end_publicity_from IS NULL AND end_publicity_to IS NULL "
				    "FROM rolls WHERE id = ?", kept), 1);
}

static void test_tekun_end_counts_as_periods_say(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	/* [periods] publicity_starts counting the posting day: 12-01 … 12-07. */
	f->o.cfg.publicity_counts_posting_day = 1;
	int64_t roll = enrol(f, add_case(f, "500231197001010119", "tekun", "approved"));
	assert_int_equal(end_step(f, roll, "end", "2025-12-01", &e), 0);
	assert_int_equal(office_int(f->o.s, "SELECT end_publicity_to = '2025-12-07' FROM rolls "
				    "WHERE id = ?", roll), 1);
	/* 低保 ends at once: no publicity and no alert. */
	int64_t dibao = enrol(f, add_case(f, "500231198212120021", "dibao", "announced"));
	assert_int_equal(end_step(f, dibao, "end", "2025-12-01", &e), 0);
	assert_int_equal(office_int(f->o.s, "SELECT state = 'ended' AND end_publicity_to IS NULL "
				    "FROM rolls WHERE id = ?", dibao), 1);
	assert_null(tekun_alert(f, "2025-12-31", dibao));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prepay_alerted_until_decided, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_tekun_end_publicised_then_alerted, setup,
						office_teardown),
		cmocka_unit_test_setup_teardown(test_tekun_end_counts_as_periods_say, setup,
						office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
