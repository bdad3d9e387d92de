/* Who is at the keyboard (issue 10): the Unix account, $JIUZHU_USER only
 * where it grants nothing more (never setgid, never in shared mode, only on
 * a store the account owns); the first account to create a store is its
 * administrator; anybody else gets no role, sees nothing and writes
 * nothing; shared mode logs in with a password, the first run setting the
 * administrator's; and the roles' labels and codes. Tests run from the
 * source root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/domain/access.h"
#include "core/domain/role.h"
#include "core/domain/staff.h"
#include "core/query/hhview.h"
#include "core/session.h"

static void new_path(char db[64])
{
	snprintf(db, 64, "/tmp/jz-id-XXXXXX");
	close(mkstemp(db));
	unlink(db);
}

/* A session as `who` (through $JIUZHU_USER), on config `cfg`. */
static void open_as(struct session *s, const char *cfg, const char *db, const char *who,
		    const struct session_os *os)
{
	struct err e;
	memset(s, 0, sizeof *s);
	s->os = os;
	setenv("JIUZHU_USER", who, 1);
	if (session_open(s, cfg, db, SESSION_STORE_CREATE, &e) != 0)
		fail_msg("%s", e.msg);
}

static void add_user(struct session *s, const char *login, const char *name, const char *roles,
		     const char *village)
{
	struct err e;
	int64_t id;
	struct staff_in in = { .login = login, .name = name, .roles = roles, .village = village };
	if (staff_add(s->store, &s->cfg, &in, &id, &e) != 0)
		fail_msg("%s", e.msg);
}

static const char *account(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_name : "";
}

/* ---- local mode ---- */

static void first_account_is_administrator(void **state)
{
	(void)state;
	struct session s;
	char db[64];
	new_path(db);
	open_as(&s, "tuiconfig.ini", db, "zhangsan", NULL);
	assert_string_equal(s.login, "zhangsan");
	assert_int_equal(s.roles, ROLE_ADMIN | ROLE_CLERK | ROLE_LEADER);
	assert_string_equal(s.role_label, "分管领导等");
	assert_string_equal(store_user(s.store), "zhangsan");
	add_user(&s, "liwen", "李文", "leader", NULL);
	add_user(&s, "wangcun", "王村", "village", s.cfg.villages[1]);
	add_user(&s, "county", "赵县", "supervisor", NULL);
	session_close(&s);

	/* A staff row by login: its name, label, roles and area. */
	open_as(&s, "tuiconfig.ini", db, "liwen", NULL);
	assert_string_equal(s.user, "李文");
	assert_string_equal(s.role_label, "分管领导");
	assert_int_equal(s.roles, ROLE_LEADER | ROLE_CLERK);
	assert_string_equal(store_user(s.store), "liwen");
	assert_false(store_actor(s.store)->read_only);
	session_close(&s);
	open_as(&s, "tuiconfig.ini", db, "wangcun", NULL);
	assert_string_equal(s.role_label, "村干部");
	assert_int_equal(s.roles, ROLE_VILLAGE);
	assert_true(store_actor(s.store)->village_id > 0);
	session_close(&s);
	open_as(&s, "tuiconfig.ini", db, "county", NULL);
	assert_int_equal(s.roles, ROLE_SUPERVISOR);
	assert_true(store_actor(s.store)->read_only);
	assert_int_equal(store_actor(s.store)->township_id, 0);	/* the whole county */
	session_close(&s);
	office_remove_store(db);
}

/* Before issue 10 an unknown name worked as clerk and leader. */
static void unknown_person_has_no_role(void **state)
{
	(void)state;
	struct session s;
	struct err e;
	char db[64];
	int64_t hh;
	new_path(db);
	open_as(&s, "tuiconfig.ini", db, "zhangsan", NULL);
	int64_t village;
	assert_int_equal(office_village_id(s.store, &s.cfg, s.cfg.villages[0], &village, &e), 0);
	int64_t head;
	struct household_text h = { .village_id = village, .address = "太平村1组" };
	struct person_text p = { .name = "王大", .id_number = "500231199003030016", .relation = "户主" };
	assert_int_equal(household_register(s.store, s.v, &h, &p, date_today(), &hh, &head, &e), 0);
	add_user(&s, "liwen", "李文", "leader", NULL);
	session_close(&s);

	/* A name is not a login; an unknown login is nobody. */
	const char *const strangers[] = { "outsider", "李文" };
	for (int i = 0; i < 2; i++) {
		open_as(&s, "tuiconfig.ini", db, strangers[i], NULL);
		assert_int_equal(s.roles, 0);
		assert_string_equal(s.role_label, "无角色");
		assert_true(store_actor(s.store)->read_only);
		/* Sees nothing … */
		struct hh_row rows[8];
		int n = -1;
		assert_int_equal(hh_page(s.store, NULL, 0, rows, 8, &n, &e), 0);
		assert_int_equal(n, 0);
		struct hh_view v;
		assert_int_equal(hh_view_load(s.store, hh, &v, &e), -1);
		assert_non_null(strstr(e.msg, "没有任何角色"));
		/* … and writes nothing, whatever function is called. */
		struct household_text hx = { .village_id = village, .address = "x" };
		struct person_text px = { .name = "李小", .id_number = "500231201005050037", .relation = "户主" };
		assert_int_equal(household_register(s.store, s.v, &hx, &px, date_today(), &hh, &head, &e), -1);
		assert_int_equal(store_begin(s.store, &e), 0);
		struct field f[] = { F_TEXT("address", "改过") };
		assert_int_equal(store_update(s.store, "households", hh, -1, f, 1, &e), -1);
		assert_non_null(strstr(e.msg, "只能查阅"));
		store_rollback(s.store);
		session_close(&s);
	}
	office_remove_store(db);
}

/* ---- where $JIUZHU_USER is not believed ---- */

static uid_t real_uid(void) { return getuid(); }
static gid_t real_gid(void) { return getgid(); }
static gid_t other_gid(void) { return getgid() + 1; }
static uid_t other_uid(void) { return getuid() + 4242; }

static void env_ignored_when_setgid_or_not_owner(void **state)
{
	(void)state;
	static const struct session_os setgid_os = { real_uid, real_gid, other_gid };
	static const struct session_os stranger_os = { other_uid, real_gid, real_gid };
	struct session s;
	char db[64], want[64];
	new_path(db);
	open_as(&s, "tuiconfig.ini", db, "zhangsan", NULL);
	add_user(&s, "liwen", "李文", "leader", NULL);
	session_close(&s);

	/* Running setgid: the account, never the environment. */
	open_as(&s, "tuiconfig.ini", db, "liwen", &setgid_os);
	assert_string_equal(s.login, account());
	assert_int_not_equal(s.roles, ROLE_LEADER | ROLE_CLERK);
	session_close(&s);
	/* A store the account does not own: the same. */
	open_as(&s, "tuiconfig.ini", db, "liwen", &stranger_os);
	struct passwd *pw = getpwuid(other_uid());
	snprintf(want, sizeof want, "%s", pw != NULL ? pw->pw_name : "");
	if (pw == NULL)
		snprintf(want, sizeof want, "#%lu", (unsigned long)other_uid());
	assert_string_equal(s.login, want);
	assert_int_equal(s.roles, 0);
	session_close(&s);
	office_remove_store(db);
}

/* tuiconfig.ini in shared mode, with absolute forms and reports. */
static void shared_config(char path[64])
{
	char cwd[512], line[1024];
	snprintf(path, 64, "/tmp/jz-shared-XXXXXX");
	FILE *out = fdopen(mkstemp(path), "w"), *in = fopen("tuiconfig.ini", "r");
	assert_non_null(out);
	assert_non_null(in);
	assert_non_null(getcwd(cwd, sizeof cwd));
	while (fgets(line, sizeof line, in) != NULL) {
		if (strncmp(line, "mode", 4) == 0 && strstr(line, "local") != NULL)
			fputs("mode = shared\n", out);
		else if (strncmp(line, "forms ", 6) == 0 || strncmp(line, "forms=", 6) == 0)
			fprintf(out, "forms = %s/forms\n", cwd);
		else if (strncmp(line, "reports ", 8) == 0 || strncmp(line, "reports=", 8) == 0)
			fprintf(out, "reports = %s/reports\n", cwd);
		else
			fputs(line, out);
	}
	fclose(in);
	fclose(out);
}

static void shared_mode_logs_in(void **state)
{
	(void)state;
	struct session s;
	struct err e;
	char db[64], cfg[64];
	new_path(db);
	shared_config(cfg);
	/* The first run: nobody until the administrator sets a password. */
	open_as(&s, cfg, db, "boss", NULL);
	assert_int_equal(s.cfg.mode, STORE_SHARED);
	assert_true(s.need_login);
	assert_true(s.first_run);
	assert_int_equal(s.roles, 0);
	assert_string_equal(s.login, account());	/* not $JIUZHU_USER */
	assert_int_equal(session_first_admin(&s, "boss", "short", &e), -1);
	assert_non_null(strstr(e.msg, "至少"));
	assert_int_equal(session_first_admin(&s, "boss", "boss-password-1", &e), 0);
	assert_int_equal(s.roles, ROLE_ADMIN | ROLE_CLERK | ROLE_LEADER);
	assert_string_equal(store_user(s.store), "boss");
	add_user(&s, "liwen", "李文", "leader", NULL);
	session_close(&s);

	/* No second first run; a login without a password cannot log in. */
	open_as(&s, cfg, db, "boss", NULL);
	assert_false(s.first_run);
	assert_int_equal(session_first_admin(&s, "mallory", "mallory-pass", &e), -1);
	assert_int_equal(session_login(&s, "liwen", "", &e), -1);
	assert_int_equal(s.roles, 0);
	assert_int_equal(session_login(&s, "boss", "boss-password-1", &e), 0);
	assert_string_equal(s.user, "boss");
	assert_true(s.roles & ROLE_ADMIN);
	session_close(&s);
	office_remove_store(db);
	unlink(cfg);
}

static void role_codes_and_labels(void **state)
{
	(void)state;
	struct err e;
	unsigned bits;
	char out[96];
	assert_int_equal(role_by_code("leader")->roles, ROLE_LEADER | ROLE_CLERK);
	assert_string_equal(role_by_code("admin")->label, "系统管理员");
	assert_null(role_by_code("boss"));
	assert_int_equal(role_parse("clerk,village", &bits, &e), 0);
	assert_int_equal(bits, ROLE_CLERK | ROLE_VILLAGE);
	assert_int_equal(role_parse("clerk,boss", &bits, &e), -1);
	assert_non_null(strstr(e.msg, "boss"));
	assert_int_equal(role_parse("clerk,", &bits, &e), -1);
	assert_int_equal(role_parse("", &bits, &e), -1);
	role_codes_label("admin,leader", out, sizeof out);
	assert_string_equal(out, "系统管理员/分管领导");
	role_codes_short("admin,clerk,leader", out, sizeof out);
	assert_string_equal(out, "分管领导等");
	role_codes_short("village", out, sizeof out);
	assert_string_equal(out, "村干部");
	role_codes_label("", out, sizeof out);
	assert_string_equal(out, "无角色");
	assert_int_equal(role_codes_of_labels("系统管理员/经办人", out, sizeof out, &e), 0);
	assert_string_equal(out, "admin,clerk");
	assert_int_equal(role_codes_of_labels("老板", out, sizeof out, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_account_is_administrator),
		cmocka_unit_test(unknown_person_has_no_role),
		cmocka_unit_test(env_ignored_when_setgid_or_not_owner),
		cmocka_unit_test(shared_mode_logs_in),
		cmocka_unit_test(role_codes_and_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
