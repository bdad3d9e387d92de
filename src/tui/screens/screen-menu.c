/* The main menu: arrows + Enter, or the item's digit (a list of the
 * items held here). */
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

struct menu_item {
	const char *label;
	const char *what;	/* one line under the label */
	struct screen *(*open)(struct ui *ui);
};

static const struct menu_item items[] = {
	{ "受理登记", "登记家庭和成员，接收救助申请", screen_intake_new },
	{ "审核审批", "受理、调查、初审、公示、确认或报县审批", screen_apps_new },
	{ "公示公布", "村（社区）公示名单和公布", screen_publicity_new },
	{ "时限预警", "即将到期和已逾期的办理时限", screen_alerts_new },
	{ "帮办代办", "帮办代办员和委托事项", screen_helper_new },
	{ "台账报表", "导出 Excel 台账和报表", screen_reports_new },
	{ "统计查询", "按村、类别、状态统计", screen_stats_new },
	{ "系统设置", "配置与数据库信息", screen_settings_new },
};
#define N_ITEMS (int)(sizeof items / sizeof items[0])

static const struct hint menu_hints[] = {
	{ "上下键", "选择" }, { "Enter/1-8", "打开" }, { "F10/q", "退出" }, { NULL, NULL },
};

struct menu {
	int n;
	struct list list;
};

static const struct list_col menu_cols[] = {
	{ .head = NULL, .width = 16 }, { .head = NULL, .width = 2 }, { .head = NULL, .width = 42 },
};

static void menu_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		       struct list_cell *c)
{
	(void)ctx;
	int i = *(const int *)row;
	snprintf(c[0].buf, sizeof c[0].buf, " %d  %s", i + 1, items[i].label);
	c[1].own_attr = true;
	c[2].text = items[i].what;
	c[2].own_attr = true;
	c[2].attr = selected ? A_NORMAL : ui_attr(ui, PAIR_DIM);
}

static void menu_draw(struct ui *ui, struct screen *sc)
{
	struct menu *m = sc->data;
	int top = 3, left = (COLS - 60) / 2;
	ui_text(2, left, 60, "主菜单", ui_attr(ui, PAIR_TITLE), false);
	list_draw(ui, sc, &m->list, top + 1, left, N_ITEMS * 2, 60);
	if (ui->overdue > 0) {
		char line[128];
		snprintf(line, sizeof line, "有 %lld 件申请已超过办理时限，请在“4 时限预警”中查看。",
			 (long long)ui->overdue);
		ui_text(top + 2 + N_ITEMS * 2, left, 60, line, ui_attr(ui, PAIR_ERROR), false);
	}
}

static int menu_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct menu *m = sc->data;
	if (list_key(ui, &m->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if (!is_key && ch >= '1' && ch < '1' + N_ITEMS)
		lm_select(&m->list.m, (int)(ch - '1'));
	else if (!((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)))
		return KEY_IGNORED;
	int i = list_selected_index(&m->list);
	if (i >= 0)
		ui_push(ui, items[i].open(ui));
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
	(void)ui;
	struct screen *sc = xcalloc(1, sizeof *sc);
	snprintf(sc->title, sizeof sc->title, "主菜单");
	struct menu *m = xcalloc(1, sizeof *m);
	m->n = N_ITEMS;
	list_init_index(&m->list, &m->n);
	list_columns(&m->list, menu_cols, 3, menu_cells, NULL);
	m->list.header = false;
	m->list.pitch = 2;
	sc->data = m;
	sc->hints = menu_hints;
	sc->help = "用 上下键 选择，Enter 打开；也可以直接按数字 1-8。\n"
		   "顶行显示乡镇、当前用户、日期和逾期件数。";
	sc->draw = menu_draw;
	sc->key = menu_key;
	sc->destroy = menu_destroy;
	return sc;
}
