/* Passwords for shared mode (issue 10): argon2id hashes, no default,
 * failures counted per login typed and each one doubling the wait before
 * the next attempt (at a time the test gives), the first administrator,
 * and who may set whose password. Tests run from the source root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/access.h"
#include "core/domain/login.h"
#include "core/domain/staff.h"

static struct office o;
#define T0 1750000000000LL	/* a moment, in ms */

static int setup(void **state)
{
	(void)state;
	struct err e;
	office_open(o.path, &o.s, &o.cfg, &o.cat, &o.v, "root");
	/* As in shared mode before anyone logs in: nobody. */
	struct store_actor nobody = access_nobody();
	store_set_actor(o.s, &nobody);
	if (login_first_admin(o.s, &o.cfg, "boss", "boss-pass-1", &e) != 0)
		fail_msg("%s", e.msg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	office_close(o.path, o.s, &o.cfg, &o.cat, o.v);
	return 0;
}

/* A new staff row, added by an administrator. */
static void add_as_admin(const char *login, const char *name, const char *roles)
{
	struct err e;
	int64_t id;
	struct store_actor admin = access_actor(ROLE_ADMIN, 0, 0);
	store_set_actor(o.s, &admin);
	struct staff_in in = { .login = login, .name = name, .roles = roles };
	if (staff_add(o.s, &o.cfg, &in, &id, &e) != 0)
		fail_msg("%s", e.msg);
}

static void first_admin_once(void **state)
{
	(void)state;
	struct err e;
	struct staff_row r;
	bool found;
	assert_int_equal(staff_by_login(o.s, "boss", &r, &found, &e), 0);
	assert_true(found);
	assert_true(r.has_password);
	assert_non_null(strstr(r.role, "admin"));
	assert_int_equal(office_int(o.s, "SELECT count(*) FROM staff WHERE password_hash LIKE "
				    "'$argon2id$%' AND id = ?", r.id), 1);
	assert_int_equal(office_int(o.s, "SELECT count(*) FROM audit_log WHERE ? AND "
				    "instr(coalesce(after, ''), 'boss-pass-1') > 0", 1), 0);
	assert_int_equal(login_first_admin(o.s, &o.cfg, "mallory", "mallory-pass", &e), -1);
	assert_non_null(strstr(e.msg, "已经设置过"));
}

static void failures_double_the_wait(void **state)
{
	(void)state;
	struct err e;
	struct staff_row who;
	assert_int_equal(login_check(o.s, "boss", "boss-pass-1", T0, &who, &e), 0);
	assert_string_equal(who.login, "boss");
	assert_int_equal(login_check(o.s, "boss", "wrong", T0, &who, &e), -1);
	assert_non_null(strstr(e.msg, "登录名或密码不正确"));
	assert_non_null(strstr(e.msg, "2 秒后"));
	/* Within the wait even the right password is not tried. */
	assert_int_equal(login_check(o.s, "boss", "boss-pass-1", T0 + 1500, &who, &e), -1);
	assert_non_null(strstr(e.msg, "1 秒后再试"));
	assert_int_equal(login_check(o.s, "boss", "wrong", T0 + 2000, &who, &e), -1);
	assert_non_null(strstr(e.msg, "4 秒后"));
	assert_int_equal(login_check(o.s, "boss", "wrong", T0 + 6000, &who, &e), -1);
	assert_non_null(strstr(e.msg, "8 秒后"));
	assert_int_equal(login_check(o.s, "boss", "boss-pass-1", T0 + 13999, &who, &e), -1);
	/* After it, the right one logs in and the count starts again. */
	assert_int_equal(login_check(o.s, "boss", "boss-pass-1", T0 + 14000, &who, &e), 0);
	assert_int_equal(login_check(o.s, "boss", "wrong", T0 + 14000, &who, &e), -1);
	assert_non_null(strstr(e.msg, "失败 1 次"));
	/* Recorded in the store, through the write path (audited). */
	assert_int_equal(office_int(o.s, "SELECT failures FROM login_attempts WHERE login = 'boss' "
				    "AND ?", 1), 1);
	assert_true(office_int(o.s, "SELECT count(*) FROM audit_log WHERE tbl = 'login_attempts' "
			       "AND ?", 1) >= 5);
}

static void unknown_and_passwordless_fail_alike(void **state)
{
	(void)state;
	struct err e;
	struct staff_row who;
	add_as_admin("liwen", "李文", "clerk");
	assert_int_equal(login_check(o.s, "nosuch", "whatever-1", T0, &who, &e), -1);
	char unknown[256];
	snprintf(unknown, sizeof unknown, "%s", e.msg);
	assert_int_equal(login_check(o.s, "liwen", "whatever-1", T0, &who, &e), -1);
	assert_string_equal(e.msg, unknown);	/* the same words: which does not exist is not said */
	assert_int_equal(office_int(o.s, "SELECT failures FROM login_attempts WHERE login = 'nosuch' "
				    "AND ?", 1), 1);
	/* There is no default password: an empty one is no password. */
	assert_int_equal(login_check(o.s, "liwen", "", T0 + 60000, &who, &e), -1);
}

static void who_sets_whose_password(void **state)
{
	(void)state;
	struct err e;
	struct staff_row who;
	add_as_admin("zhao", "赵县", "supervisor");
	store_set_user(o.s, "boss");
	assert_int_equal(login_set_password(o.s, "zhao", NULL, "short", T0, &e), -1);
	assert_int_equal(login_set_password(o.s, "zhao", NULL, "zhao-pass-1", T0, &e), 0);
	assert_int_equal(login_check(o.s, "zhao", "zhao-pass-1", T0, &who, &e), 0);
	/* A supervisor (who may write nothing else) changes only their own,
	 * giving the old one. */
	struct store_actor sup = access_actor(ROLE_SUPERVISOR, 0, 0);
	store_set_actor(o.s, &sup);
	store_set_user(o.s, "zhao");
	assert_int_equal(login_set_password(o.s, "boss", NULL, "taken-over-1", T0, &e), -1);
	assert_non_null(strstr(e.msg, "只有系统管理员"));
	assert_int_equal(login_set_password(o.s, "zhao", "not-it-1", "zhao-pass-2", T0, &e), -1);
	assert_non_null(strstr(e.msg, "原密码"));
	assert_int_equal(login_set_password(o.s, "zhao", "zhao-pass-1", "zhao-pass-2", T0 + 60000, &e), 0);
	assert_int_equal(login_check(o.s, "zhao", "zhao-pass-2", T0 + 60000, &who, &e), 0);
	assert_true(store_actor(o.s)->read_only);	/* still the supervisor */
	/* A disabled login does not log in, even with its password. */
	struct store_actor admin = access_actor(ROLE_ADMIN, 0, 0);
	store_set_actor(o.s, &admin);
	assert_int_equal(staff_disable(o.s, "zhao", &e), 0);
	assert_int_equal(login_check(o.s, "zhao", "zhao-pass-2", T0 + 60000, &who, &e), -1);
	assert_non_null(strstr(e.msg, "已停用"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(first_admin_once, setup, teardown),
		cmocka_unit_test_setup_teardown(failures_double_the_wait, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_and_passwordless_fail_alike, setup, teardown),
		cmocka_unit_test_setup_teardown(who_sets_whose_password, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
