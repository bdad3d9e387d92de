/* The main menu: arrows + Enter, or the item's digit. */
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"
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
	int sel;
};

static void menu_draw(struct ui *ui, struct screen *sc)
{
	struct menu *m = sc->data;
	int top = 3, left = (COLS - 60) / 2;
	ui_text(2, left, 60, "主菜单", ui_attr(ui, PAIR_TITLE), false);
	for (int i = 0; i < N_ITEMS; i++) {
		char line[160];
		snprintf(line, sizeof line, " %d  %s", i + 1, items[i].label);
		attr_t a = i == m->sel ? ui_attr(ui, PAIR_SELECT) : A_NORMAL;
		ui_text(top + 1 + i * 2, left, 16, line, a, true);
		ui_text(top + 1 + i * 2, left + 18, 42, items[i].what,
			i == m->sel ? A_NORMAL : ui_attr(ui, PAIR_DIM), false);
	}
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
	if (is_key && ch == KEY_UP) {
		m->sel = (m->sel + N_ITEMS - 1) % N_ITEMS;
	} else if (is_key && ch == KEY_DOWN) {
		m->sel = (m->sel + 1) % N_ITEMS;
	} else if (is_key && (ch == KEY_HOME || ch == KEY_END)) {
		m->sel = ch == KEY_HOME ? 0 : N_ITEMS - 1;
	} else if (!is_key && (ch == 'k' || ch == 'j')) {
		m->sel = (m->sel + (ch == 'k' ? N_ITEMS - 1 : 1)) % N_ITEMS;
	} else if (!is_key && ch >= '1' && ch < '1' + N_ITEMS) {
		m->sel = (int)(ch - '1');
		ui_push(ui, items[m->sel].open(ui));
	} else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		ui_push(ui, items[m->sel].open(ui));
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void menu_destroy(struct screen *sc)
{
	free(sc->data);
	free(sc);
}

struct screen *screen_menu_new(struct ui *ui)
{
	(void)ui;
	struct screen *sc = xcalloc(1, sizeof *sc);
	snprintf(sc->title, sizeof sc->title, "主菜单");
	sc->data = xcalloc(1, sizeof(struct menu));
	sc->hints = menu_hints;
	sc->help = "用 上下键（或 j k）选择，Enter 打开；也可以直接按数字 1-8。\n"
		   "顶行显示乡镇、当前用户、日期和逾期件数。";
	sc->draw = menu_draw;
	sc->key = menu_key;
	sc->destroy = menu_destroy;
	return sc;
}
