/* One household: its members and applications, Tab between the two lists.
 * Add, correct or mark a member as left; correct the household; delete it
 * when registered by mistake; register an application or correct its facts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/case.h"
#include "core/domain/household.h"
#include "core/query/hhview.h"
#include "tui/screens/hhforms.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

struct hhscr {
	int64_t id;
	struct hh_view v;
	struct list members, apps;
	bool on_apps;		/* the applications list has the keys */
	char error[1024];
};

static const struct hint hh_hints[] = {
	{ "a", "加成员" }, { "n", "新申请" }, { "e", "更正" }, { "h", "户信息" }, { "l", "离户" },
	{ "x", "删户" }, { "Enter", "打开" }, { NULL, NULL },
};

static void load(struct ui *ui, struct hhscr *h)
{
	struct err e;
	h->error[0] = '\0';
	if (hh_view_load(ui->s->store, h->id, &h->v, &e) != 0)
		snprintf(h->error, sizeof h->error, "%s", e.msg);
	list_reload(&h->members);
	list_reload(&h->apps);
}

static const struct list_col member_cols[] = {
	{ .head = "姓名", .width = 11 }, { .head = "身份证号码", .width = 19 },
	{ .head = "性别", .width = 5 }, { .head = "出生日期", .width = 11 },
	{ .head = "与户主关系", .width = 11 }, { .head = "电话", .width = 0 },
};

static const struct list_col app_cols[] = { { .head = NULL, .width = 0 } };

static void member_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			 struct list_cell *c)
{
	const struct hh_member *m = &((struct hhscr *)ctx)->v.members[*(const int *)row];
	c[0].text = m->name;
	c[1].text = m->id_masked;
	c[2].text = m->sex;
	c[3].text = m->birth;
	c[4].text = m->relation;
	c[5].text = m->phone;
	if (m->left_on[0]) {	/* kept, shown dim, with when and why */
		snprintf(c[5].buf, sizeof c[5].buf, "已%s %s", m->left_reason, m->left_on);
		c[5].text = NULL;
		for (int i = 0; i < 6 && !selected; i++) {
			c[i].own_attr = true;
			c[i].attr = ui_attr(ui, PAIR_DIM);
		}
	}
}

static void app_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		      struct list_cell *c)
{
	(void)selected;
	const struct hh_app *a = &((struct hhscr *)ctx)->v.apps[*(const int *)row];
	const struct kind *k = catalogue_kind(&ui->s->cat, a->kind);
	snprintf(c[0].buf, sizeof c[0].buf, "申请 %lld  %s  %s  接收 %s", (long long)a->id,
		 k != NULL ? k->name : a->kind, case_state_label_on(a->state, a->publicity_to, ui->today), a->received);
}

static void hh_draw(struct ui *ui, struct screen *sc)
{
	struct hhscr *h = sc->data;
	char line[512];
	snprintf(line, sizeof line, "户号 %lld  %s  %s  电话 %s  登记于 %s", (long long)h->v.id,
		 h->v.village, h->v.address, h->v.phone, h->v.created);
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	int y = 3, rows = h->v.n_members < LINES - 14 ? h->v.n_members : LINES - 14;
	h->members.focused = !h->on_apps;
	h->apps.focused = h->on_apps;
	ui_text(y++, 0, COLS, h->on_apps ? "家庭成员（Tab 切换）" : "家庭成员：e 更正  l 迁出/死亡（Tab 切换到申请）",
		A_BOLD, true);
	list_draw(ui, sc, &h->members, y, 0, 1 + (rows > 0 ? rows : 1), COLS);
	if (h->v.n_members == 0)
		ui_text(y + 1, 2, COLS - 2, "还没有成员。按 a 登记，第一位是户主。", ui_attr(ui, PAIR_WARN), true);
	y += 2 + (rows > 0 ? rows : 1);
	ui_text(y++, 0, COLS, h->on_apps ? "救助申请：Enter 打开  e 更正申请信息（Tab 切换到成员）"
					 : "救助申请（Tab 切换）", A_BOLD, true);
	list_draw(ui, sc, &h->apps, y, 0, LINES - 2 - y, COLS);
	if (h->error[0])
		ui_text(LINES - 2, 0, COLS, h->error, ui_attr(ui, PAIR_ERROR), true);
}

static const struct hh_member *member_selected(struct hhscr *h)
{
	int i = list_selected_index(&h->members);
	return i >= 0 && i < h->v.n_members ? &h->v.members[i] : NULL;
}

/* x: only a household registered by mistake, after asking. */
static void delete_household(struct ui *ui, struct screen *sc, struct hhscr *h)
{
	char q[512];
	struct err e;
	if (h->v.n_apps > 0) {
		ui_flash(ui, true, "这一户已有 %d 件申请，不能删除；登记有误的请按 e、h 更正", h->v.n_apps);
		return;
	}
	snprintf(q, sizeof q, "删除户号 %lld（%s %s，成员 %d 人）？\n仅用于登记错误的家庭；"
		 "删除的内容保留在审计日志中。", (long long)h->id, h->v.village, h->v.address,
		 h->v.n_members);
	if (!ui_confirm(ui, q))
		return;
	if (household_delete(ui->s->store, h->id, h->v.version, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	ui_flash(ui, false, "已删除户号 %lld", (long long)h->id);
	ui_close(ui, sc);
}

/* e: the member or the application under the cursor. */
static void correct(struct ui *ui, struct hhscr *h)
{
	const struct hh_member *m = member_selected(h);
	int a = list_selected_index(&h->apps);
	if (h->on_apps && a >= 0)
		hhform_correct_application(ui, &h->v, h->v.apps[a].id);
	else if (!h->on_apps && m != NULL)
		hhform_correct_member(ui, &h->v, m);
	else
		ui_flash(ui, true, "请先选择要更正的成员或申请（Tab 切换）");
}

static void leaves(struct ui *ui, struct hhscr *h)
{
	const struct hh_member *m = member_selected(h);
	if (h->on_apps || m == NULL)
		ui_flash(ui, true, "请先在家庭成员中选择离开的成员（Tab 切换）");
	else if (m->left_on[0])
		ui_flash(ui, true, "%s 已于 %s %s", m->name, m->left_on, m->left_reason);
	else
		hhform_member_leaves(ui, &h->v, m);
}

static void new_application(struct ui *ui, struct hhscr *h)
{
	if (h->v.n_current == 0)
		ui_flash(ui, true, "请先登记家庭成员（按 a），第一位是户主");
	else
		hhform_new_application(ui, &h->v);
}

static int hh_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct hhscr *h = sc->data;
	if (list_key(ui, h->on_apps ? &h->apps : &h->members, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if (!is_key && ch == '\t') {
		h->on_apps = !h->on_apps;
	} else if (!is_key && ch == 'a') {
		hhform_add_member(ui, &h->v);
	} else if (!is_key && ch == 'n') {
		new_application(ui, h);
	} else if (!is_key && ch == 'e') {
		correct(ui, h);
	} else if (!is_key && ch == 'h') {
		hhform_correct_household(ui, &h->v);
	} else if (!is_key && ch == 'l') {
		leaves(ui, h);
	} else if (!is_key && ch == 'x') {
		delete_household(ui, sc, h);
	} else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (h->on_apps && list_selected_index(&h->apps) >= 0)
			ui_push(ui, screen_case_new(ui, h->v.apps[list_selected_index(&h->apps)].id));
		else if (!h->on_apps)
			h->on_apps = h->v.n_apps > 0;
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void hh_resume(struct ui *ui, struct screen *sc)
{
	load(ui, sc->data);
}

static void hh_destroy(struct screen *sc)
{
	struct hhscr *h = sc->data;
	list_free(&h->members);
	list_free(&h->apps);
	free(h);
	free(sc);
}

struct screen *screen_household_new(struct ui *ui, int64_t id)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct hhscr *h = xcalloc(1, sizeof *h);
	h->id = id;
	snprintf(sc->title, sizeof sc->title, "家庭");
	sc->data = h;
	sc->hints = hh_hints;
	sc->help = "Tab 在家庭成员和救助申请之间切换，上下键 选择。\n"
		   "a 添加家庭成员：出生日期和性别由身份证号码得出；身份证号码已登记在别处时会拒绝并显示那条记录。\n"
		   "e 更正光标所在的成员（姓名、身份证号码、关系、电话），或申请的申请信息（作出决定前）。\n"
		   "h 更正这一户的村（社区）、住址和电话。\n"
		   "l 成员迁出、死亡或因其他原因离开本户：登记日期和原因，记录保留。\n"
		   "x 删除登记错误的家庭（没有申请时才可以，须确认）。\n"
		   "n 为这一户登记救助申请（申请人为户主）。Enter 打开申请办理。";
	sc->draw = hh_draw;
	sc->key = hh_key;
	sc->resume = hh_resume;
	sc->destroy = hh_destroy;
	list_init_index(&h->members, &h->v.n_members);
	list_columns(&h->members, member_cols, 6, member_cells, h);
	list_init_index(&h->apps, &h->v.n_apps);
	list_columns(&h->apps, app_cols, 1, app_cells, h);
	h->apps.header = false;
	h->apps.empty = "还没有申请。成员登记完后按 n 登记救助申请。";
	load(ui, h);
	return sc;
}
