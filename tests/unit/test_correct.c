/* Correcting records through the one write path: a household saved with
 * its head or not at all; a member's ID number corrected (birth date and
 * sex derived again, a duplicate refused naming the other record, the
 * search keys following); the relation/sex warning; the household's
 * village; a member leaving (kept, out of the current members and of new
 * authorisations); deleting a household registered by mistake; an
 * application's facts corrected until a decision. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/case.h"
#include "core/query/hhview.h"
#include "core/store/search.h"

#define HEAD_ID "500231197001010119"	/* male, 1970-01-01 */
#define WIFE_ID "500231197202020225"	/* female, 1972-02-02 */
#define SON_ID "500231199503030311"	/* male, 1995-03-03 */
#define DAUGHTER_ID "500231199604040420"	/* female, 1996-04-04 */
#define CHILD_ID "500231201005050539"	/* male, 2010-05-05 */

struct fx {
	struct office o;	/* first: office_teardown frees the whole */
	int64_t village, village2, household, head;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct office *o = &f->o;
	struct err e;
	office_open(o->path, &o->s, &o->cfg, &o->cat, &o->v, "王经办");
	assert_int_equal(office_village_id(o->s, &o->cfg, o->cfg.villages[0], &f->village, &e), 0);
	assert_int_equal(office_village_id(o->s, &o->cfg, o->cfg.villages[1], &f->village2, &e), 0);
	struct household_text h = { .village_id = f->village, .address = "1组2号", .phone = "13812345678" };
	struct person_text head = { .name = "张大山", .id_number = HEAD_ID, .relation = "户主" };
	if (household_register(o->s, o->v, &h, &head, date_today(), &f->household, &f->head, &e) != 0)
		fail_msg("%s", e.msg);
	*state = f;
	return 0;
}

static int64_t n(struct fx *f, const char *sql, int64_t id)
{
	return office_int(f->o.s, sql, id);
}

static const char *text(struct fx *f, const char *sql, int64_t id)
{
	static char buf[512];
	sqlite3_stmt *st;
	struct err e;
	if (store_query(f->o.s, &st, &e, sql, "i", id) != 0 || store_row(f->o.s, st, "无 %lld", id, &e) != 0)
		fail_msg("%s", e.msg);
	store_col_text(st, 0, buf, sizeof buf);
	sqlite3_reset(st);
	return buf;
}

static int64_t member(struct fx *f, const char *name, const char *id, const char *relation)
{
	struct err e;
	int64_t pid;
	struct person_text p = { .name = name, .id_number = id, .relation = relation };
	if (person_register(f->o.s, f->o.v, f->household, &p, date_today(), &pid, &e) != 0)
		fail_msg("%s", e.msg);
	return pid;
}

static int64_t version(struct fx *f, const char *table, int64_t id)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT version FROM %s WHERE id = ?", table);
	return n(f, sql, id);
}

static void test_household_with_head(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t hh, head;
	assert_int_equal(n(f, "SELECT count(*) FROM persons WHERE household_id = ? AND is_head", f->household), 1);
	/* A bad head leaves nothing behind: no household without a head. */
	int64_t before = n(f, "SELECT count(*) FROM households WHERE id > ?", 0);
	struct household_text h = { .village_id = f->village, .address = "3组", .phone = "13812345678" };
	struct person_text bad = { .name = "李四", .id_number = "500231197001010118", .relation = "户主" };
	assert_int_equal(household_register(f->o.s, f->o.v, &h, &bad, date_today(), &hh, &head, &e), -1);
	assert_non_null(strstr(e.msg, "户主"));
	assert_non_null(strstr(e.msg, "校验位"));
	struct person_text taken = { .name = "李四", .id_number = HEAD_ID, .relation = "户主" };
	assert_int_equal(household_register(f->o.s, f->o.v, &h, &taken, date_today(), &hh, &head, &e), -1);
	assert_non_null(strstr(e.msg, "张大山"));
	struct person_text not_head = { .name = "李四", .id_number = WIFE_ID, .relation = "配偶" };
	assert_int_equal(household_register(f->o.s, f->o.v, &h, &not_head, date_today(), &hh, &head, &e), -1);
	assert_int_equal(n(f, "SELECT count(*) FROM households WHERE id > ?", 0), before);
	/* A second head in one household is refused. */
	struct person_text second = { .name = "张二山", .id_number = SON_ID, .relation = "户主" };
	assert_int_equal(person_register(f->o.s, f->o.v, f->household, &second, date_today(), &head, &e), -1);
	assert_non_null(strstr(e.msg, "已有户主 张大山"));
}

static void test_member_id_corrected(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t other_hh, other_head;
	int64_t son = member(f, "张小山", DAUGHTER_ID, "子");	/* the daughter's number by mistake */
	assert_string_equal(text(f, "SELECT sex FROM persons WHERE id = ?", son), "F");
	struct household_text h = { .village_id = f->village2, .address = "5组" };
	struct person_text head2 = { .name = "刘红", .id_number = WIFE_ID, .relation = "户主" };
	assert_int_equal(household_register(f->o.s, f->o.v, &h, &head2, date_today(), &other_hh, &other_head, &e), 0);

	int64_t v = version(f, "persons", son);
	struct person_text dup = { .name = "张小山", .id_number = WIFE_ID, .relation = "子" };
	assert_int_equal(person_update(f->o.s, f->o.v, son, v, &dup, date_today(), &e), -1);
	assert_non_null(strstr(e.msg, "刘红"));	/* the other record named */
	assert_non_null(strstr(e.msg, f->o.cfg.villages[1]));
	assert_string_equal(text(f, "SELECT id_number FROM persons WHERE id = ?", son), DAUGHTER_ID);

	struct person_text ok = { .name = "张晓山", .id_number = SON_ID, .relation = "子",
				  .phone = "13900001111" };
	assert_int_equal(person_update(f->o.s, f->o.v, son, v + 3, &ok, date_today(), &e), -1);
	assert_non_null(strstr(e.msg, "修改，请查看最新内容"));	/* names who and when */
	assert_int_equal(person_update(f->o.s, f->o.v, son, v, &ok, date_today(), &e), 0);
	assert_string_equal(text(f, "SELECT id_number || sex || birth_date || name || phone FROM persons "
				 "WHERE id = ?", son), SON_ID "M1995-03-03张晓山13900001111");
	assert_int_equal(version(f, "persons", son), v + 1);
	/* The audit row keeps the old and new values. */
	const char *a = text(f, "SELECT before || '|' || after || '|' || who FROM audit_log WHERE tbl = "
			     "'persons' AND row_id = ? AND action = 'update' ORDER BY id DESC LIMIT 1", son);
	assert_non_null(strstr(a, DAUGHTER_ID));
	assert_non_null(strstr(a, SON_ID));
	assert_non_null(strstr(a, "王经办"));
	/* The search keys follow: the old number's tail finds nobody now. */
	assert_int_equal(n(f, "SELECT count(*) FROM person_keys WHERE person_id = ? AND key LIKE '02404%'", son), 0);
	assert_int_equal(n(f, "SELECT count(*) FROM person_keys WHERE person_id = ? AND key LIKE '11303%'", son), 1);
	assert_int_equal(n(f, "SELECT count(*) FROM person_keys WHERE person_id = ? AND key = '小山'", son), 0);
	assert_int_equal(n(f, "SELECT count(*) FROM person_keys WHERE person_id = ? AND key = '晓山'", son), 1);
	/* The registration's checks: a bad number, a bad name. */
	ok.id_number = "500231199503030312";
	assert_int_equal(person_update(f->o.s, f->o.v, son, -1, &ok, date_today(), &e), -1);
	assert_non_null(strstr(e.msg, "身份证号码"));
	ok.id_number = SON_ID;
	ok.name = "Bob";
	assert_int_equal(person_update(f->o.s, f->o.v, son, -1, &ok, date_today(), &e), -1);
	assert_non_null(strstr(e.msg, "姓名"));
}

static void test_relation_sex_warning(void **state)
{
	struct fx *f = *state;
	struct err w;
	struct person_text p = { .name = "张小", .id_number = DAUGHTER_ID, .relation = "子" };
	assert_true(person_relation_conflict(f->o.v, &p, date_today(), &w));
	assert_non_null(strstr(w.msg, "“子”应为男性"));
	assert_non_null(strstr(w.msg, "女性"));
	p.relation = "女";
	assert_false(person_relation_conflict(f->o.v, &p, date_today(), &w));
	p.relation = "配偶";
	assert_false(person_relation_conflict(f->o.v, &p, date_today(), &w));
	p.id_number = SON_ID;
	p.relation = "母亲";
	assert_true(person_relation_conflict(f->o.v, &p, date_today(), &w));
	p.relation = "妻子";
	assert_true(person_relation_conflict(f->o.v, &p, date_today(), &w));
	p.id_number = "12345";	/* not valid: the checks speak, not the warning */
	assert_false(person_relation_conflict(f->o.v, &p, date_today(), &w));
}

static void test_household_corrected(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t v = version(f, "households", f->household);
	struct household_text h = { .village_id = f->village2, .address = "新址8号", .phone = "023-74512345" };
	assert_int_equal(household_update(f->o.s, f->o.v, f->household, v + 1, &h, &e), -1);
	assert_int_equal(household_update(f->o.s, f->o.v, f->household, v, &h, &e), 0);
	assert_int_equal(n(f, "SELECT village_id FROM households WHERE id = ?", f->household), f->village2);
	assert_string_equal(text(f, "SELECT address || phone FROM households WHERE id = ?", f->household),
			    "新址8号023-74512345");
	assert_int_equal(n(f, "SELECT count(*) FROM audit_log WHERE tbl = 'households' AND row_id = ? "
			   "AND action = 'update'", f->household), 1);
	h.phone = "12345";
	assert_int_equal(household_update(f->o.s, f->o.v, f->household, -1, &h, &e), -1);
	assert_non_null(strstr(e.msg, "电话"));
	assert_string_equal(text(f, "SELECT phone FROM households WHERE id = ?", f->household), "023-74512345");
}

static void test_member_leaves(void **state)
{
	struct fx *f = *state;
	struct err e;
	date_t today = date_today();
	int64_t wife = member(f, "李秀", WIFE_ID, "配偶");
	int64_t son = member(f, "张小山", SON_ID, "子");
	assert_int_equal(person_leave(f->o.s, son, -1, today, "死了", NULL, today, &e), -1);
	assert_int_equal(person_leave(f->o.s, son, -1, today + 1, "迁出", NULL, today, &e), -1);
	assert_non_null(strstr(e.msg, "晚于今天"));
	assert_int_equal(person_leave(f->o.s, son, -1, today, "其他", "", today, &e), -1);
	assert_int_equal(person_leave(f->o.s, son, version(f, "persons", son) + 1, today - 3, "迁出",
				      "迁往渝北区", today, &e), -1);
	assert_int_equal(person_leave(f->o.s, son, version(f, "persons", son), today - 3, "迁出",
				      "迁往渝北区", today, &e), 0);
	assert_int_equal(person_leave(f->o.s, son, -1, today, "死亡", NULL, today, &e), -1);
	assert_non_null(strstr(e.msg, "已于"));
	/* Kept in the store, marked. */
	assert_string_equal(text(f, "SELECT left_reason || left_on || left_note FROM persons WHERE id = ?", son),
			    "moved2025-12-28迁往渝北区");
	struct hh_view v;
	assert_int_equal(hh_view_load(f->o.s, f->household, &v, &e), 0);
	assert_int_equal(v.n_members, 3);
	assert_int_equal(v.n_current, 2);
	assert_string_equal(v.members[2].name, "张小山");
	assert_string_equal(v.members[2].left_reason, "迁出");
	/* Not in a new application's authorisations. */
	struct case_new in = { .household_id = f->household, .applicant_id = f->head, .kind = "dibao",
			       .channel = "window", .received_on = today, .delegated = true };
	int64_t app;
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &in, &app, &e), 0);
	assert_int_equal(n(f, "SELECT count(*) FROM authorisations WHERE application_id = ?", app), 2);
	assert_int_equal(n(f, "SELECT count(*) FROM authorisations WHERE person_id = ?", son), 0);
	in.applicant_id = son;
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &in, &app, &e), -1);
	assert_non_null(strstr(e.msg, "现有成员"));
	/* The head who dies is no longer head; another member can become it. */
	assert_int_equal(person_leave(f->o.s, f->head, -1, today, "死亡", NULL, today, &e), 0);
	assert_int_equal(n(f, "SELECT is_head FROM persons WHERE id = ?", f->head), 0);
	struct person_text p = { .name = "李秀", .id_number = WIFE_ID, .relation = "户主" };
	assert_int_equal(person_update(f->o.s, f->o.v, wife, -1, &p, today, &e), 0);
	assert_int_equal(n(f, "SELECT is_head FROM persons WHERE id = ?", wife), 1);
}

static void test_household_deleted(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t hh, head;
	struct household_text h = { .village_id = f->village, .address = "错登" };
	struct person_text p = { .name = "错登记", .id_number = CHILD_ID, .relation = "户主" };
	assert_int_equal(household_register(f->o.s, f->o.v, &h, &p, date_today(), &hh, &head, &e), 0);
	assert_int_equal(household_delete(f->o.s, hh, version(f, "households", hh) + 1, &e), -1);
	assert_int_equal(household_delete(f->o.s, hh, version(f, "households", hh), &e), 0);
	assert_int_equal(n(f, "SELECT count(*) FROM households WHERE id = ?", hh), 0);
	assert_int_equal(n(f, "SELECT count(*) FROM persons WHERE id = ?", head), 0);
	assert_int_equal(n(f, "SELECT count(*) FROM person_keys WHERE person_id = ?", head), 0);
	/* The audit log keeps what was deleted. */
	assert_non_null(strstr(text(f, "SELECT before FROM audit_log WHERE tbl = 'persons' AND row_id = ? "
				    "AND action = 'delete'", head), CHILD_ID));
	assert_non_null(strstr(text(f, "SELECT before FROM audit_log WHERE tbl = 'households' AND row_id = ? "
				    "AND action = 'delete'", hh), "错登"));
	/* The number is free again. */
	assert_int_equal(household_register(f->o.s, f->o.v, &h, &p, date_today(), &hh, &head, &e), 0);

	/* A household with an application is not deleted. */
	struct case_new in = { .household_id = f->household, .applicant_id = f->head, .kind = "dibao",
			       .channel = "window", .received_on = date_today(), .delegated = true };
	int64_t app;
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &in, &app, &e), 0);
	assert_int_equal(household_delete(f->o.s, f->household, -1, &e), -1);
	assert_non_null(strstr(e.msg, "1 件救助申请"));
	assert_int_equal(n(f, "SELECT count(*) FROM persons WHERE household_id = ?", f->household), 1);
}

static void test_application_facts(void **state)
{
	struct fx *f = *state;
	struct err e;
	date_t today = date_today();
	int64_t child = member(f, "张小", CHILD_ID, "子");
	(void)child;
	struct case_new in = { .household_id = f->household, .applicant_id = f->head, .kind = "dibao",
			       .channel = "window", .received_on = today, .delegated = true };
	int64_t app, ver;
	char state_code[16];
	assert_int_equal(case_create(f->o.s, &f->o.cfg, &f->o.cat, &in, &app, &e), 0);
	struct case_facts was, facts;
	assert_int_equal(case_facts_load(f->o.s, app, &was, &ver, state_code, &e), 0);
	assert_string_equal(was.kind, "dibao");
	assert_string_equal(state_code, "received");
	const struct kind *tekun = catalogue_kind(&f->o.cat, "tekun");
	assert_non_null(tekun);

	facts = was;
	assert_int_equal(case_correct(f->o.s, &f->o.cfg, &f->o.cat, app, ver, &facts, today, &e), -1);
	assert_non_null(strstr(e.msg, "没有改动"));
	facts.received_on = today + 1;
	assert_int_equal(case_correct(f->o.s, &f->o.cfg, &f->o.cat, app, ver, &facts, today, &e), -1);
	assert_non_null(strstr(e.msg, "晚于今天"));
	facts = was;
	snprintf(facts.channel, sizeof facts.channel, "agent");
	assert_int_equal(case_correct(f->o.s, &f->o.cfg, &f->o.cat, app, ver, &facts, today, &e), -1);
	assert_non_null(strstr(e.msg, "帮办代办员"));

	facts = was;
	snprintf(facts.kind, sizeof facts.kind, "tekun");
	facts.received_on = today - 7;
	facts.urgent = true;
	snprintf(facts.close_relative_note, sizeof facts.close_relative_note, "户主系村委会委员王某之弟");
	assert_int_equal(case_correct(f->o.s, &f->o.cfg, &f->o.cat, app, ver + 1, &facts, today, &e), -1);
	assert_non_null(strstr(e.msg, "修改，请查看最新内容"));	/* names who and when */
	assert_int_equal(case_correct(f->o.s, &f->o.cfg, &f->o.cat, app, ver, &facts, today, &e), 0);
	assert_string_equal(text(f, "SELECT kind || received_on || urgent || close_relative || close_relative_note "
				 "FROM applications WHERE id = ?", app), "tekun2025-12-2411户主系村委会委员王某之弟");
	/* The checklist is the new kind's; the deadline is counted again. */
	assert_int_equal(n(f, "SELECT count(*) FROM application_materials WHERE application_id = ?", app),
			 (int64_t)tekun->n_materials);
	struct case_dates d = { .kind = "tekun", .state = "received", .received_on = today - 7,
				.missing_deadline = DATE_NONE, .accepted_on = DATE_NONE };
	const char *what;
	char due[11];
	date_format(case_next_due(&f->o.cfg, &d, &what), due);
	assert_string_equal(text(f, "SELECT next_due_on FROM applications WHERE id = ?", app), due);
	/* The timeline says what was corrected and by whom. */
	assert_non_null(strstr(text(f, "SELECT step || note || who FROM case_events WHERE application_id = ? "
				    "ORDER BY id DESC LIMIT 1", app), "correct更正救助种类"));
	assert_int_equal(n(f, "SELECT count(*) FROM audit_log WHERE tbl = 'applications' AND row_id = ? "
			   "AND action = 'update'", app), 1);

	/* Once decided: refused, nothing changed. */
	assert_int_equal(sqlite3_exec(store_db(f->o.s), "UPDATE applications SET state = 'approved'", NULL,
				      NULL, NULL), SQLITE_OK);
	assert_int_equal(case_facts_load(f->o.s, app, &was, &ver, state_code, &e), 0);
	facts = was;
	facts.urgent = false;
	assert_int_equal(case_correct(f->o.s, &f->o.cfg, &f->o.cat, app, ver, &facts, today, &e), -1);
	assert_non_null(strstr(e.msg, "已确认"));
	assert_int_equal(n(f, "SELECT urgent FROM applications WHERE id = ?", app), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_household_with_head, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_member_id_corrected, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_relation_sex_warning, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_household_corrected, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_member_leaves, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_household_deleted, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_application_facts, setup, office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
