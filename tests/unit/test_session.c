/* The session (configuration, catalogues, validator, store, user) opened in
 * one place, failing with a message rather than a print; who is at the
 * keyboard and in which role; the forms' program-supplied lists; and the
 * queries the screens gave to the core with it: villages, townships, the
 * villages ready for publicity, a household's applications, a client's ID
 * check (the top line's counts are test_alerts.c's). Tests run from the
 * source root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/domain/household.h"
#include "core/domain/publicity.h"
#include "core/domain/role.h"
#include "core/domain/staff.h"
#include "core/query/applist.h"
#include "core/session.h"

/* ---- a new store path, and what a call prints ---- */

struct quiet {
	int saved_out, saved_err, fd;
	char path[64];
};

/* stdout and stderr go to a file until quiet_end says how much came. */
static void quiet_begin(struct quiet *q)
{
	snprintf(q->path, sizeof q->path, "/tmp/jz-quiet-XXXXXX");
	q->fd = mkstemp(q->path);
	assert_true(q->fd >= 0);
	fflush(stdout);
	fflush(stderr);
	q->saved_out = dup(1);
	q->saved_err = dup(2);
	dup2(q->fd, 1);
	dup2(q->fd, 2);
}

static long quiet_end(struct quiet *q)
{
	struct stat st;
	fflush(stdout);
	fflush(stderr);
	dup2(q->saved_out, 1);
	dup2(q->saved_err, 2);
	close(q->saved_out);
	close(q->saved_err);
	fstat(q->fd, &st);
	close(q->fd);
	unlink(q->path);
	return (long)st.st_size;
}

static void new_path(char path[64])
{
	snprintf(path, 64, "/tmp/jz-session-XXXXXX");
	close(mkstemp(path));
	unlink(path);
}

/* ---- opening ---- */

static void config_found(void **state)
{
	(void)state;
	struct session s = { 0 };
	struct err e;
	setenv("JIUZHU_CONFIG", "tuiconfig.ini", 1);
	assert_int_equal(session_open(&s, NULL, NULL, SESSION_CONFIG, &e), 0);
	assert_string_equal(s.config_path, "tuiconfig.ini");
	assert_string_equal(s.cfg.township, "澄溪镇");
	assert_true(s.cat.n_kinds > 0);
	assert_non_null(s.v);
	assert_null(s.store);	/* only what was asked for */
	session_close(&s);
	unsetenv("JIUZHU_CONFIG");
}

static void config_missing_or_broken(void **state)
{
	(void)state;
	struct session s = { 0 };
	struct err e = { "" };
	struct quiet q;
	quiet_begin(&q);
	int rc = session_open(&s, "/nonexistent/tuiconfig.ini", NULL, SESSION_CONFIG, &e);
	assert_int_equal(quiet_end(&q), 0);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(e.msg, "/nonexistent/tuiconfig.ini"));
	session_close(&s);

	char path[64] = "/tmp/jz-badcfg-XXXXXX";
	int fd = mkstemp(path);
	assert_true(write(fd, "[office]\nbogus = 1\n", 19) == 19);
	close(fd);
	memset(&s, 0, sizeof s);
	e.msg[0] = '\0';
	quiet_begin(&q);
	rc = session_open(&s, path, NULL, SESSION_CONFIG, &e);
	assert_int_equal(quiet_end(&q), 0);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "bogus"));
	session_close(&s);
	unlink(path);
}

static void store_missing_says_init(void **state)
{
	(void)state;
	struct session s = { 0 };
	struct err e;
	char db[64];
	struct stat st;
	new_path(db);
	assert_int_equal(session_open(&s, "tuiconfig.ini", db, SESSION_STORE, &e), -1);
	assert_non_null(strstr(e.msg, db));
	assert_non_null(strstr(e.msg, "请先运行：jiuzhu init"));
	assert_null(s.store);
	assert_int_not_equal(stat(db, &st), 0);	/* nothing created */
	session_close(&s);
}

static void store_create_migrates(void **state)
{
	(void)state;
	struct session s = { 0 };
	struct err e;
	char db[64];
	int version;
	struct place v[16];
	int n;
	new_path(db);
	setenv("JIUZHU_USER", "nobody-here", 1);
	assert_int_equal(session_open(&s, "tuiconfig.ini", db, SESSION_STORE_CREATE, &e), 0);
	assert_int_equal(store_version(s.store, &version, &e), 0);
	assert_int_equal(version, store_latest_version());
	assert_int_equal(office_villages(s.store, 0, v, 16, &n, &e), 0);
	assert_int_equal(n, (int)s.cfg.n_villages);
	session_close(&s);
	/* Now it exists: SESSION_STORE opens it. */
	memset(&s, 0, sizeof s);
	assert_int_equal(session_open(&s, "tuiconfig.ini", db, SESSION_STORE, &e), 0);
	session_close(&s);
	office_remove_store(db);
}

/* ---- who is at the keyboard ---- */

static void add_staff(struct store *st, const char *name, const char *login, const char *role,
		      int64_t village)
{
	struct err e;
	struct field f[] = { F_TEXT("name", name), F_TEXT("login", login), F_TEXT("role", role),
			     village ? F_INT("village_id", village) : F_NULL("village_id") };
	assert_int_equal(store_begin(st, &e), 0);
	if (store_insert(st, "staff", f, 4, NULL, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(store_commit(st, &e), 0);
}

static void open_as(struct session *s, const char *db, const char *who)
{
	struct err e;
	memset(s, 0, sizeof *s);
	setenv("JIUZHU_USER", who, 1);
	if (session_open(s, "tuiconfig.ini", db, SESSION_STORE_CREATE, &e) != 0)
		fail_msg("%s", e.msg);
}

/* Who is at the keyboard (identity, roles, shared-mode login) is tested in
 * test_identity.c. */

/* ---- the forms' lists ---- */

static const struct field_def *field_of(const struct form_set *set, const char *form,
					const char *field)
{
	const struct field_def *fd = form_field(forms_find(set, form), field);
	assert_non_null(fd);
	return fd;
}

static void load_forms_fills_lists(void **state)
{
	(void)state;
	struct session s;
	struct form_set forms = { 0 };
	struct err e;
	char db[64];
	new_path(db);
	open_as(&s, db, "someone");
	if (session_load_forms(&s, &forms, &e) != 0)
		fail_msg("%s", e.msg);
	const struct field_def *v = field_of(&forms, "household", "village");
	assert_int_equal(v->n_choices, s.cfg.n_villages);
	assert_string_equal(v->choices[0], s.cfg.villages[0]);
	const struct field_def *k = field_of(&forms, "application", "kind");
	assert_int_equal(k->n_choices, s.cat.n_kinds);
	assert_string_equal(k->choices[0], s.cat.kinds[0].name);
	/* No agent yet: the list says so rather than being empty. */
	const struct field_def *a = field_of(&forms, "application", "agent");
	assert_int_equal(a->n_choices, 1);
	assert_string_equal(a->choices[0], "（尚无帮办代办员）");
	forms_free(&forms);

	int64_t village;
	assert_int_equal(office_village_id(s.store, &s.cfg, s.cfg.villages[1], &village, &e), 0);
	add_staff(s.store, "钱帮", "qianbang", "agent", village);
	memset(&forms, 0, sizeof forms);
	if (session_load_forms(&s, &forms, &e) != 0)
		fail_msg("%s", e.msg);
	a = field_of(&forms, "entrust", "agent");
	assert_int_equal(a->n_choices, 1);
	char want[128];
	snprintf(want, sizeof want, "钱帮（%s）", s.cfg.villages[1]);
	assert_string_equal(a->choices[0], want);	/* the village named with the agent */
	forms_free(&forms);
	session_close(&s);
	office_remove_store(db);
}

/* ---- the queries ---- */

struct fx {
	struct office o;
	int64_t village_a, village_b, house_a, house_b, zhang, wang;
};

/* An application row as the workflow would leave it (written directly,
 * so these tests do not depend on the steps that lead there). */
static int64_t add_app(struct fx *f, int64_t household, int64_t applicant, const char *state,
		       const char *received, const char *due)
{
	struct err e;
	int64_t id;
	struct field r[] = { F_INT("household_id", household), F_INT("applicant_id", applicant),
			     F_TEXT("kind", "dibao"), F_TEXT("channel", "window"),
			     F_TEXT("state", state), F_TEXT("received_on", received),
			     due != NULL ? F_TEXT("next_due_on", due) : F_NULL("next_due_on") };
	assert_int_equal(store_begin(f->o.s, &e), 0);
	if (store_insert(f->o.s, "applications", r, 7, &id, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct office *o = &f->o;
	struct err e;
	office_open(o->path, &o->s, &o->cfg, &o->cat, &o->v, "测试员");
	assert_int_equal(office_village_id(o->s, &o->cfg, "太平村", &f->village_a, &e), 0);
	assert_int_equal(office_village_id(o->s, &o->cfg, "大路村", &f->village_b, &e), 0);
	f->house_a = office_household(o, f->village_a, "张三", "500231198001010017", &f->zhang);
	f->house_b = office_household(o, f->village_b, "王五", "500231197503030013", &f->wang);
	*state = f;
	return 0;
}

static void villages_and_townships(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct place p[16];
	int n;
	int64_t township;
	assert_int_equal(office_township_id(f->o.s, &f->o.cfg, &township, &e), 0);
	assert_int_equal(office_villages(f->o.s, township, p, 16, &n, &e), 0);
	assert_int_equal(n, (int)f->o.cfg.n_villages);
	for (int i = 0; i < n; i++)
		assert_string_equal(p[i].name, f->o.cfg.villages[i]);	/* by id: config order */
	/* A full buffer stops the list without an error. */
	assert_int_equal(office_villages(f->o.s, township, p, 3, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(office_villages(f->o.s, township + 99, p, 16, &n, &e), 0);
	assert_int_equal(n, 0);

	/* A county store holds several townships. */
	struct field t[] = { F_TEXT("county", "垫江县"), F_TEXT("name", "太平镇") };
	assert_int_equal(store_begin(f->o.s, &e), 0);
	assert_int_equal(store_insert(f->o.s, "townships", t, 2, NULL, &e), 0);
	assert_int_equal(store_commit(f->o.s, &e), 0);
	assert_int_equal(office_townships(f->o.s, p, 16, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "澄溪镇");
	assert_string_equal(p[1].name, "太平镇");
}

static void publicity_ready_counts(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct place p[16];
	int n;
	add_app(f, f->house_a, f->zhang, "reviewed", "2025-11-03", NULL);
	add_app(f, f->house_a, f->zhang, "reviewed", "2025-11-04", NULL);
	add_app(f, f->house_a, f->zhang, "accepted", "2025-11-05", NULL);
	add_app(f, f->house_b, f->wang, "reviewed", "2025-11-06", NULL);
	assert_int_equal(publicity_villages(f->o.s, p, 16, &n, &e), 0);
	assert_int_equal(n, (int)f->o.cfg.n_villages);
	for (int i = 0; i < n; i++) {
		int want = p[i].id == f->village_a ? 2 : p[i].id == f->village_b ? 1 : 0;
		assert_int_equal(p[i].ready, want);
	}
}

static void household_applications(void **state)
{
	struct fx *f = *state;
	struct err e;
	struct app_brief b[4];
	int n;
	int64_t a1 = add_app(f, f->house_a, f->zhang, "accepted", "2025-10-01", NULL);
	int64_t a2 = add_app(f, f->house_a, f->zhang, "approved", "2025-11-01", NULL);
	int64_t a3 = add_app(f, f->house_a, f->zhang, "received", "2025-12-01", NULL);
	add_app(f, f->house_b, f->wang, "received", "2025-12-02", NULL);
	assert_int_equal(applist_of_household(f->o.s, f->house_a, b, 4, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(b[0].id, a3);	/* newest first */
	assert_int_equal(b[1].id, a2);
	assert_int_equal(b[2].id, a1);
	assert_string_equal(b[1].state, "approved");
	assert_string_equal(b[1].kind, "dibao");
	assert_string_equal(b[1].received, "2025-11-01");
	assert_int_equal(applist_of_household(f->o.s, f->house_a, b, 2, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(applist_of_household(f->o.s, 9999, b, 4, &n, &e), 0);
	assert_int_equal(n, 0);
}

static void client_id_and_name(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t id = -1;
	assert_int_equal(person_check_id_name(f->o.s, "500231198001010017", "张三", &id, &e), 0);
	assert_int_equal(id, f->zhang);
	assert_int_equal(person_check_id_name(f->o.s, "500231198001010017", "张四", &id, &e), -1);
	assert_non_null(strstr(e.msg, "张三"));
	assert_non_null(strstr(e.msg, "不符"));
	assert_int_equal(person_check_id_name(f->o.s, "500231196005050033", "孙七", &id, &e), -1);
	assert_non_null(strstr(e.msg, "尚未登记"));
	assert_int_equal(id, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config_found),
		cmocka_unit_test(config_missing_or_broken),
		cmocka_unit_test(store_missing_says_init),
		cmocka_unit_test(store_create_migrates),
		cmocka_unit_test(load_forms_fills_lists),
		cmocka_unit_test_setup_teardown(villages_and_townships, setup, office_teardown),
		cmocka_unit_test_setup_teardown(publicity_ready_counts, setup, office_teardown),
		cmocka_unit_test_setup_teardown(household_applications, setup, office_teardown),
		cmocka_unit_test_setup_teardown(client_id_and_name, setup, office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
