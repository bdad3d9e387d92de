/* Two clerks, one record (issue 10): two connections to one store, the
 * second saving against the version it read. Every save a screen makes —
 * a step, a material ticked, an authorisation signed — is refused when the
 * record changed meanwhile, naming who changed it and when (its last audit
 * row), and changes nothing. Tests run from the source root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/case.h"
#include "core/domain/staff.h"
#include "core/query/caseview.h"

struct fx {
	struct office o;
	struct store *second;	/* the other clerk's connection */
	int64_t app;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	int64_t village, head, id;
	office_open(f->o.path, &f->o.s, &f->o.cfg, &f->o.cat, &f->o.v, "liwen");
	assert_int_equal(office_village_id(f->o.s, &f->o.cfg, f->o.cfg.villages[0], &village, &e), 0);
	int64_t hh = office_household(&f->o, village, "张三", "500231198001010017", &head);
	struct staff_in a = { .login = "liwen", .name = "李文", .roles = "clerk" };
	struct staff_in b = { .login = "wangfang", .name = "王芳", .roles = "clerk" };
	assert_int_equal(staff_add(f->o.s, &f->o.cfg, &a, &id, &e), 0);
	assert_int_equal(staff_add(f->o.s, &f->o.cfg, &b, &id, &e), 0);
	struct case_new c = { .household_id = hh, .applicant_id = head, .kind = "dibao",
			      .channel = "window", .received_on = date_from_ymd(2025, 11, 3),
			      .delegated = true };
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &c, &f->app, &e), 0);
	assert_int_equal(store_open(f->o.path, STORE_LOCAL, 1000, &f->second, &e), 0);
	store_set_user(f->second, "wangfang");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->second);
	office_close(f->o.path, f->o.s, &f->o.cfg, &f->o.cat, f->o.v);
	free(f);
	return 0;
}

static void view(struct fx *f, struct store *s, struct case_view *v)
{
	struct err e;
	if (case_view_load(s, &f->o.cfg, f->app, date_today(), v, &e) != 0)
		fail_msg("%s", e.msg);
}

/* Both clerks opened the case; 王芳 saves first. */
static void stale_step_names_who_and_when(void **state)
{
	struct fx *f = *state;
	struct err e;
	static struct case_view mine, theirs;
	office_case_complete(f->o.s, f->app);	/* what 受理 needs (issue 8) */
	view(f, f->o.s, &mine);
	view(f, f->second, &theirs);
	struct case_step_in accept = { .step = "accept", .on = date_from_ymd(2025, 11, 4) };
	assert_int_equal(case_apply(f->second, &f->o.cfg, f->app, theirs.version, ROLE_CLERK,
				    &accept, &e), 0);
	static const char *const items[] = { "收入证明" };
	struct case_step_in missing = { .step = "request_materials", .on = date_from_ymd(2025, 11, 4),
					.missing = items, .n_missing = 1 };
	assert_int_equal(case_apply(f->o.s, &f->o.cfg, f->app, mine.version, ROLE_CLERK, &missing,
				    &e), -1);
	assert_non_null(strstr(e.msg, "该申请已被 王芳（wangfang）于 20"));
	assert_non_null(strstr(e.msg, "修改"));
	assert_string_equal(office_state(f->o.s, f->app), "accepted");
}

static void stale_material_and_authorisation(void **state)
{
	struct fx *f = *state;
	struct err e;
	static struct case_view mine, theirs;
	view(f, f->o.s, &mine);
	view(f, f->second, &theirs);
	assert_true(mine.n_materials > 0 && mine.n_auths > 0);
	/* 王芳 ticks the first material and signs the first authorisation. */
	assert_int_equal(case_set_material(f->second, theirs.materials[0].id,
					   theirs.materials[0].version, true, &e), 0);
	assert_int_equal(case_sign_authorisation(f->second, theirs.auths[0].id, theirs.auths[0].version,
						 date_from_ymd(2025, 11, 4), "paper", &e), 0);
	/* 李文, on the screen read before, unticks and signs electronically:
	 * both refused, both naming 王芳, nothing overwritten. */
	assert_int_equal(case_set_material(f->o.s, mine.materials[0].id, mine.materials[0].version,
					   false, &e), -1);
	assert_non_null(strstr(e.msg, "王芳（wangfang）于 20"));
	assert_int_equal(case_sign_authorisation(f->o.s, mine.auths[0].id, mine.auths[0].version,
						 date_from_ymd(2025, 11, 5), "electronic", &e), -1);
	assert_non_null(strstr(e.msg, "王芳"));
	assert_int_equal(office_int(f->o.s, "SELECT present FROM application_materials WHERE id = ?",
				    mine.materials[0].id), 1);
	assert_int_equal(office_int(f->o.s, "SELECT method = 'paper' FROM authorisations WHERE id = ?",
				    mine.auths[0].id), 1);
	/* Read again, the save goes through. */
	view(f, f->o.s, &mine);
	assert_int_equal(case_set_material(f->o.s, mine.materials[0].id, mine.materials[0].version,
					   false, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(stale_step_names_who_and_when, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_material_and_authorisation, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
