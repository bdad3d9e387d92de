/* The main menu: arrows + Enter, or the item's digit (a list of the
 * items held here). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

struct menu_item {
	const char *label;
	const char *what;	/* one line under the label */
	struct screen *(*open)(struct ui *ui);
	unsigned roles;		/* who sees it (the core refuses the rest anyway) */
	char key;		/* what opens it: 1–9, then 0 and z */
};

/* Casework: everyone who works on cases, in their own area. */
#define CASEWORK (ROLE_CLERK | ROLE_LEADER | ROLE_SUPERVISOR | ROLE_VILLAGE | ROLE_AGENT)

static const struct menu_item items[] = {
	{ "受理登记", "登记家庭和成员，接收救助申请", screen_intake_new,
	  ROLE_CLERK | ROLE_VILLAGE | ROLE_AGENT, '1' },
	{ "审核审批", "受理、调查、初审、公示、确认或报县审批", screen_apps_new, CASEWORK, '2' },
	{ "公示公布", "村（社区）公示名单和公布", screen_publicity_new,
	  ROLE_CLERK | ROLE_SUPERVISOR, '3' },
	{ "时限预警", "即将到期和已逾期的办理时限", screen_alerts_new, CASEWORK, '4' },
	{ "帮办代办", "帮办代办员和委托事项", screen_helper_new, CASEWORK | ROLE_ADMIN, '5' },
	{ "台账报表", "导出 Excel 台账和报表", screen_reports_new, ROLE_CLERK | ROLE_SUPERVISOR, '6' },
	/* Counts of the whole township: not for one village's staff. */
	{ "统计查询", "按村、类别、状态统计", screen_stats_new, ROLE_CLERK | ROLE_SUPERVISOR, '7' },
	{ "系统设置", "配置与数据库信息", screen_settings_new, ~0u, '8' },
	{ "人员管理", "工作人员、角色、所在村和密码", screen_staff_new, ROLE_ADMIN, '9' },
	/* After the first nine, keys of their own (0, z); every item keeps
	 * its key whatever the roles show, so the manual's keys stay true. */
	{ "在册管理", "在册家庭、复核、资格认证、变动、户档案", screen_rolls_new, CASEWORK, '0' },
	{ "求助转办", "求助登记，转办到部门事项，部门反馈", screen_referral_new,
	  ROLE_CLERK | ROLE_SUPERVISOR | ROLE_VILLAGE, 'z' },
};
#define N_ITEMS (int)(sizeof items / sizeof items[0])

static const struct hint menu_hints[] = {
	{ "上下键", "选择" }, { "Enter/数字", "打开" }, { "F10/q", "退出" }, { NULL, NULL },
};

struct menu {
	int n;
	int shown[N_ITEMS];	/* the items the user's roles see, in order */
	struct list list;
};

static const struct list_col menu_cols[] = {
	{ .head = NULL, .width = 16 }, { .head = NULL, .width = 2 }, { .head = NULL, .width = 42 },
};

static void menu_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		       struct list_cell *c)
{
	const struct menu *m = ctx;
	int k = *(const int *)row, i = m->shown[k];
	snprintf(c[0].buf, sizeof c[0].buf, " %c  %s", items[i].key, items[i].label);
	c[1].own_attr = true;
	c[2].text = items[i].what;
	c[2].own_attr = true;
	c[2].attr = selected ? A_NORMAL : ui_attr(ui, PAIR_DIM);
}

/* Somebody the staff list does not know (or a disabled login): who they
 * are, that they have no role, and nothing to open. */
static void draw_nobody(struct ui *ui, int y, int left)
{
	char line[256];
	snprintf(line, sizeof line, "您的登录名是 %s，%s。", ui->s->login,
		 strcmp(ui->s->role_label, "已停用") == 0 ? "已被停用" : "不在工作人员名单中");
	ui_text(y++, left, 60, line, A_BOLD, false);
	ui_text(y++, left, 60, "没有任何角色：不能查看或办理业务。", ui_attr(ui, PAIR_ERROR), false);
	ui_text(++y, left, 60, "请系统管理员在“人员管理”中添加您，或运行：", A_NORMAL, false);
	snprintf(line, sizeof line, "  jiuzhu user add %s --name 姓名 --role 角色", ui->s->login);
	ui_text(++y, left, 60, line, A_NORMAL, false);
	ui_text(y + 2, left, 60, "按 q 退出。", A_NORMAL, false);
}

static void menu_draw(struct ui *ui, struct screen *sc)
{
	struct menu *m = sc->data;
	/* Items of two lines each while they fit with the title, else one. */
	m->list.pitch = m->n * 2 + 4 > LINES - 2 ? 1 : 2;
	int top = m->n * m->list.pitch + 5 > LINES - 2 ? 2 : 3, left = (COLS - 60) / 2;
	ui_text(top - 1, left, 60, "主菜单", ui_attr(ui, PAIR_TITLE), false);
	if (ui->s->roles == 0) {
		draw_nobody(ui, top + 1, left);
		return;
	}
	list_draw(ui, sc, &m->list, top + 1, left, m->n * m->list.pitch, 60);
	/* With every item shown at 80x24 the overdue count is on the top line only. */
	if (ui->overdue > 0 && top + 2 + m->n * m->list.pitch < LINES - 1) {
		char line[128];
		snprintf(line, sizeof line, "有 %lld 件申请已超过办理时限，请在“4 时限预警”中查看。",
			 (long long)ui->overdue);
		ui_text(top + 2 + m->n * m->list.pitch, left, 60, line, ui_attr(ui, PAIR_ERROR), false);
	}
}

static int menu_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct menu *m = sc->data;
	if (m->n == 0)
		return KEY_IGNORED;
	if (list_key(ui, &m->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	int hit = -1;
	for (int k = 0; !is_key && k < m->n; k++)
		if ((wint_t)items[m->shown[k]].key == ch)
			hit = k;
	if (hit >= 0)
		lm_select(&m->list.m, hit);
	else if (!((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)))
		return KEY_IGNORED;
	int k = list_selected_index(&m->list);
	if (k >= 0)
		ui_push(ui, items[m->shown[k]].open(ui));
	return KEY_HANDLED;
}

static void menu_destroy(struct screen *sc)
{
	struct menu *m = sc->data;
	list_free(&m->list);
	free(m);
	free(sc);
}

struct screen *screen_menu_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	snprintf(sc->title, sizeof sc->title, "主菜单");
	struct menu *m = xcalloc(1, sizeof *m);
	for (int i = 0; i < N_ITEMS; i++)
		if (items[i].roles & ui->s->roles)
			m->shown[m->n++] = i;
	list_init_index(&m->list, &m->n);
	list_columns(&m->list, menu_cols, 3, menu_cells, m);
	m->list.header = false;
	m->list.pitch = 2;
	sc->data = m;
	sc->hints = menu_hints;
	sc->help = "用 上下键 选择，Enter 打开；也可以直接按项目前的数字。\n"
		   "菜单只列出您的角色能用的项目。顶行显示乡镇、当前用户和角色、日期和逾期件数。";
	sc->draw = menu_draw;
	sc->key = menu_key;
	sc->destroy = menu_destroy;
	return sc;
}
