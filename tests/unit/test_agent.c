/* Helper agents in forms and when they leave: the choice list puts the
 * client's village's agents first and names each one's village; an agent
 * of another village is found and warned about; deactivating an agent
 * with open entrustments passes them to another (audited, one
 * transaction), and is refused when nobody can take them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include "core/domain/agent.h"
#include "core/domain/entrust.h"

struct fx {
	struct office o;	/* first: office_teardown frees the whole */
	int64_t v1, v2, a1, a2;	/* 王芳 of village 1, 李强 of village 2 */
};

static int64_t add_agent(struct fx *f, int village, const char *name, const char *id_number)
{
	struct err e;
	int64_t id;
	struct agent_in a = { .village = f->o.cfg.villages[village], .name = name,
			      .id_number = id_number, .phone = "13800001111", .category = "网格员" };
	if (agent_add(f->o.s, &f->o.cfg, &f->o.cat, f->o.v, &a, &id, &e) != 0)
		fail_msg("%s", e.msg);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct office *o = &f->o;
	struct err e;
	office_open(o->path, &o->s, &o->cfg, &o->cat, &o->v, "周经办");
	assert_int_equal(office_village_id(o->s, &o->cfg, o->cfg.villages[0], &f->v1, &e), 0);
	assert_int_equal(office_village_id(o->s, &o->cfg, o->cfg.villages[1], &f->v2, &e), 0);
	f->a1 = add_agent(f, 0, "王芳", "11010519491231002X");
	f->a2 = add_agent(f, 1, "李强", "440524188001010014");
	*state = f;
	return 0;
}

static void label(struct fx *f, const char *name, int village, char out[128])
{
	agent_label(name, f->o.cfg.villages[village], out);
}

static void test_choices_village_first(void **state)
{
	struct fx *f = *state;
	struct err e;
	char labels[8][128], want[128];
	int n;
	assert_int_equal(agent_choices(f->o.s, f->v2, labels, 8, &n, &e), 0);
	assert_int_equal(n, 2);
	label(f, "李强", 1, want);
	assert_string_equal(labels[0], want);	/* the client's village first */
	label(f, "王芳", 0, want);
	assert_string_equal(labels[1], want);
	assert_int_equal(agent_choices(f->o.s, f->v1, labels, 8, &n, &e), 0);
	assert_string_equal(labels[0], want);
	/* A label names one agent, whatever the client's village. */
	int64_t id;
	assert_int_equal(agent_find(f->o.s, f->v2, want, &id, &e), 0);
	assert_int_equal(id, f->a1);
	assert_int_equal(agent_find(f->o.s, f->v2, "王芳（没有这个村）", &id, &e), -1);
	assert_non_null(strstr(e.msg, "不是在岗"));
	/* Plain names (older drafts) still work. */
	assert_int_equal(agent_find(f->o.s, f->v2, "李强", &id, &e), 0);
	assert_int_equal(id, f->a2);
}

static void test_other_village_warning(void **state)
{
	struct fx *f = *state;
	struct err e;
	char warn[256];
	assert_int_equal(agent_village_warning(f->o.s, f->a1, f->v1, warn, sizeof warn, &e), 0);
	assert_string_equal(warn, "");
	assert_int_equal(agent_village_warning(f->o.s, f->a1, f->v2, warn, sizeof warn, &e), 0);
	assert_non_null(strstr(warn, "王芳"));
	assert_non_null(strstr(warn, f->o.cfg.villages[0]));
	assert_non_null(strstr(warn, f->o.cfg.villages[1]));
}

static int64_t entrustment(struct fx *f, int64_t agent, const char *step)
{
	struct err e;
	int64_t id;
	struct entrust_new in = { .village_id = f->v1, .agent_id = agent, .client_name = "欧阳秀英",
				  .matter = "linshi", .channel = "电话", .received_on = DATE_NONE };
	if (entrust_create(f->o.s, &f->o.cfg, &f->o.cat, &in, &id, &e) != 0)
		fail_msg("%s", e.msg);
	struct entrust_step_in s = { .step = step, .on = DATE_NONE, .reason = "不属于帮办代办范围" };
	if (step != NULL && entrust_apply(f->o.s, &f->o.cfg, id, -1, &s, &e) != 0)
		fail_msg("%s", e.msg);
	return id;
}

static int64_t agent_of(struct fx *f, int64_t entrust)
{
	return office_int(f->o.s, "SELECT agent_id FROM entrustments WHERE id = ?", entrust);
}

static void test_deactivate_passes_entrustments(void **state)
{
	struct fx *f = *state;
	struct err e;
	int open;
	int64_t e1 = entrustment(f, f->a1, NULL);
	int64_t e2 = entrustment(f, f->a1, "handle");
	int64_t closed = entrustment(f, f->a1, "out_of_scope");
	int64_t a3 = add_agent(f, 0, "赵敏", "500231197001010119");	/* same village as 王芳 */
	assert_int_equal(agent_open_entrustments(f->o.s, f->a1, &open, &e), 0);
	assert_int_equal(open, 2);

	/* Who may take over: the same village's first. */
	struct agent_row rows[8];
	int n;
	assert_int_equal(agent_successors(f->o.s, f->a1, rows, 8, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, a3);
	assert_int_equal(rows[1].id, f->a2);

	assert_int_equal(agent_deactivate(f->o.s, f->a1, -1, 0, &e), -1);
	assert_non_null(strstr(e.msg, "2 件委托未办结"));
	assert_int_equal(agent_deactivate(f->o.s, f->a1, -1, f->a1, &e), -1);
	assert_int_equal(office_int(f->o.s, "SELECT active FROM staff WHERE id = ?", f->a1), 1);

	assert_int_equal(agent_deactivate(f->o.s, f->a1, -1, a3, &e), 0);
	assert_int_equal(office_int(f->o.s, "SELECT active FROM staff WHERE id = ?", f->a1), 0);
	assert_int_equal(agent_of(f, e1), a3);
	assert_int_equal(agent_of(f, e2), a3);
	assert_int_equal(agent_of(f, closed), f->a1);	/* finished work keeps its agent */
	assert_int_equal(office_int(f->o.s, "SELECT count(*) FROM audit_log WHERE tbl = 'entrustments' "
				    "AND action = 'update' AND after LIKE '%agent_id%' AND row_id = ?", e1), 1);
}

static void test_deactivate_refused_without_others(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t ent = entrustment(f, f->a1, NULL);
	/* 李强 has nothing open: deactivated at once. */
	assert_int_equal(agent_deactivate(f->o.s, f->a2, -1, 0, &e), 0);
	/* 王芳 is now the only agent and has work open. */
	assert_int_equal(agent_deactivate(f->o.s, f->a1, -1, 0, &e), -1);
	assert_non_null(strstr(e.msg, "没有其他在岗的帮办代办员"));
	assert_int_equal(agent_deactivate(f->o.s, f->a1, -1, f->a2, &e), -1);
	assert_int_equal(office_int(f->o.s, "SELECT active FROM staff WHERE id = ?", f->a1), 1);
	assert_int_equal(agent_of(f, ent), f->a1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_choices_village_first, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_other_village_warning, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_deactivate_passes_entrustments, setup, office_teardown),
		cmocka_unit_test_setup_teardown(test_deactivate_refused_without_others, setup, office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
