/* 特困: the end of support publicised for 7 calendar days (from the day
 * after posting, 民法典 第二百零一条), the end alerted once the period is
 * over while the case is still in force; refused for another kind, a case
 * not in force, twice, before the decision or outside a transaction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/tekun.h"
#include "core/query/alerts.h"

struct fx {
	struct office o;
	int64_t village;
};

static date_t D(const char *t)
{
	date_t d;
	assert_int_equal(date_parse(t, &d), 0);
	return d;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->o.path, &f->o.s, &f->o.cfg, &f->o.cat, &f->o.v, "经办人");
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, f->o.cfg.villages[0], &f->village, &e), 0);
	*state = f;
	return 0;
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

static const struct alert *find(const struct alert_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].rule->code, "tekun_end") == 0 && l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

static void test_end_publicised_then_alerted(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t app = add_case(f, "500231198001010017", "tekun", "announced");
	date_t until;
	assert_int_equal(tekun_end_publicity(f->o.s, &f->o.cfg, app, D("2025-12-01"), &until, &e), 0);
	assert_int_equal(until, D("2025-12-08"));
	struct alert_list l;
	struct alert_filter af = { .object = -1 };
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, D("2025-12-08"), &af, &l, &e), 0);
	const struct alert *a = find(&l, app);
	assert_non_null(a);
	assert_int_equal(a->due, D("2025-12-08"));
	assert_non_null(strstr(a->note, "2025-12-01 至 2025-12-08"));
	alerts_free(&l);
	assert_int_equal(tekun_end_publicity(f->o.s, &f->o.cfg, app, D("2025-12-02"), NULL, &e), -1);
	assert_non_null(strstr(e.msg, "已于 2025-12-01"));
	/* No longer in force (the end taken by the review's step): no alert. */
	struct field ended[] = { F_TEXT("state", "withdrawn") };
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(store_update(f->o.s, "applications", app, -1, ended, 1, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	assert_int_equal(alerts_collect(f->o.s, &f->o.cfg, D("2025-12-09"), &af, &l, &e), 0);
	assert_null(find(&l, app));
	alerts_free(&l);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	int64_t dibao = add_case(f, "500231198212120021", "dibao", "approved");
	assert_int_equal(tekun_end_publicity(f->o.s, &f->o.cfg, dibao, DATE_NONE, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "特困"));
	int64_t open = add_case(f, "440524188001010014", "tekun", "received");
	assert_int_equal(tekun_end_publicity(f->o.s, &f->o.cfg, open, DATE_NONE, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "不在供养中"));
	int64_t app = add_case(f, "11010519491231002X", "tekun", "approved");
	assert_int_equal(tekun_end_publicity(f->o.s, &f->o.cfg, app, D("2025-11-19"), NULL, &e), -1);
	assert_non_null(strstr(e.msg, "批准日期"));
	assert_int_equal(tekun_end_publicity_in_tx(f->o.s, &f->o.cfg, app, DATE_NONE, NULL, &e), -1);
	assert_int_equal(office_int(f->o.s, "SELECT count(*) FROM applications WHERE end_publicity_from "
				    "IS NOT NULL AND id >= ?", dibao), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_end_publicised_then_alerted, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
