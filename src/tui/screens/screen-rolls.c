/* 在册管理: the households on the rolls, a page at a time by key
 * (core/query/rolls.c); filtered by village, kind and state; `m` narrows
 * to those due for re-certification this month; searched incrementally
 * like 审核审批. Enter opens the household's file (screen-rollfile.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/roll.h"
#include "core/query/caseview.h"
#include "core/query/rolls.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/widgets/picker.h"
#include "tui/xalloc.h"

struct rolls {
	struct ui *ui;
	struct roll_filter f;
	struct list list;
	struct villages villages;
};

static const struct hint rolls_hints[] = {
	{ "Enter", "户档案" }, { "/", "搜索" }, { "v", "村" }, { "k", "类别" }, { "t", "状态" },
	{ "m", "本月待认证" }, { "p", "打印" }, { "Esc", "返回" }, { NULL, NULL },
};

static const struct list_col rolls_cols[] = {
	{ .head = "姓名", .width = 9 }, { .head = "村（社区）", .width = 10 },
	{ .head = "类别", .width = 8 }, { .head = "人数", .width = 4, .right = true },
	{ .head = "月金额 ", .width = 10, .right = true, .head_right = true },
	{ .head = " 状态", .width = 12 },
	{ .head = "在册起", .width = 11 }, { .head = "复核/认证", .width = 0 },
};

static int rolls_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max,
		       int *n, struct err *e)
{
	struct rolls *r = ctx;
	const struct roll_row *a = anchor;
	return rolls_page_dir(r->ui->s->store, &r->f, a != NULL ? &a->key : NULL, lm_page_dir(dir),
			      out, max, n, e);
}

static void rolls_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			struct list_cell *c)
{
	const struct rolls *r = ctx;
	const struct roll_row *w = row;
	char due[11];
	(void)selected;
	c[0].text = w->name;
	c[1].text = w->village;
	c[2].text = catalogue_kind_short(&ui->s->cat, w->kind);
	snprintf(c[3].buf, sizeof c[3].buf, "%d", w->members);
	money_format(w->amount, c[4].buf);
	strcat(c[4].buf, " ");
	snprintf(c[5].buf, sizeof c[5].buf, " %s", roll_state_label(w->state));
	c[6].text = w->since;
	/* The re-certification list shows that date; otherwise the review's. */
	snprintf(due, sizeof due, "%s", r->f.recert_month[0] ? w->recert_due : w->next_review);
	snprintf(c[7].buf, sizeof c[7].buf, "%s%s", r->f.recert_month[0] ? "认证 " : "复核 ", due);
}

static const char *state_text(const char *state)
{
	return state[0] == '\0' ? "在册（未终止）" : strcmp(state, "all") == 0 ? "全部"
	       : roll_state_label(state);
}

static void rolls_draw(struct ui *ui, struct screen *sc)
{
	struct rolls *r = sc->data;
	char line[512];
	snprintf(line, sizeof line, "村：%s  类别：%s  状态：%s%s%s",
		 villages_name(&r->villages, r->f.village_id, "全部"),
		 r->f.kind[0] ? catalogue_kind_short(&ui->s->cat, r->f.kind) : "全部",
		 state_text(r->f.state), r->f.recert_month[0] ? "  本月待资格认证：" : "",
		 r->f.recert_month);
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	list_draw(ui, sc, &r->list, 2, 0, LINES - 4, COLS);
	list_status(ui, &r->list, r->list.m.n > 0 ? "金额为每月保障金额；调整待确认的显示调整后的金额" : NULL);
	sc->hints = list_hints(&r->list, rolls_hints);
}

static void pick_kind(struct ui *ui, struct rolls *r)
{
	const struct catalogue *cat = &ui->s->cat;
	const char *labels[64];
	const char *codes[64];
	int n = 0, cur = 0;
	labels[n] = "全部", codes[n++] = "";
	for (size_t i = 0; i < cat->n_kinds && n < 64; i++) {
		if (cat->kinds[i].one_off)
			continue;	/* paid once: never on the rolls */
		if (strcmp(r->f.kind, cat->kinds[i].code) == 0)
			cur = n;
		labels[n] = cat->kinds[i].name, codes[n++] = cat->kinds[i].code;
	}
	int k = ui_pick(ui, "按救助类别筛选", labels, n, cur);
	if (k >= 0)
		snprintf(r->f.kind, sizeof r->f.kind, "%s", codes[k]);
}

static void pick_state(struct ui *ui, struct rolls *r)
{
	const char *labels[ROLL_N_STATES + 2], *codes[ROLL_N_STATES + 2];
	int n = 0, cur = 0;
	labels[n] = "在册（未终止）", codes[n++] = "";
	labels[n] = "全部（含已终止）", codes[n++] = "all";
	for (size_t i = 0; i < roll_workflow.n_states; i++)
		labels[n] = roll_workflow.states[i].label, codes[n++] = roll_workflow.states[i].code;
	for (int i = 0; i < n; i++)
		if (strcmp(codes[i], r->f.state) == 0)
			cur = i;
	int k = ui_pick(ui, "按在册状态筛选", labels, n, cur);
	if (k >= 0)
		snprintf(r->f.state, sizeof r->f.state, "%s", codes[k]);
}

/* p prints what the list shows: the month's re-certification list when m
 * is on, else the 花名册 as of today; of the village chosen, or all. */
static void print_list(struct ui *ui, struct rolls *r)
{
	char today[11], first[11], last[11];
	int y, m, d;
	date_to_ymd(ui->today, &y, &m, &d);
	date_t start = date_from_ymd(y, m, 1);
	date_format(ui->today, today);
	date_format(start, first);
	date_format(date_add_months(start, 1) - 1, last);
	const char *village = r->f.village_id ? villages_name(&r->villages, r->f.village_id, NULL) : NULL;
	if (r->f.recert_month[0])
		ui_push(ui, screen_reports_for(ui, "recert-due", &(struct report_preset){
			.village = village, .from = first, .to = last }));
	else
		ui_push(ui, screen_reports_for(ui, "rolls", &(struct report_preset){
			.village = village, .to = today }));
}

static int rolls_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct rolls *r = sc->data;
	const struct roll_row *w = list_selected(&r->list);
	if (list_key(ui, &r->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (w != NULL)
			ui_push(ui, screen_rollfile_new(ui, w->id));
		return KEY_HANDLED;
	}
	static const struct village_pick vp = { .title = "按村（社区）筛选", .all = true };
	if (!is_key && ch == 'v')
		village_pick(ui, &r->villages, &vp, &r->f.village_id);
	else if (!is_key && ch == 'k')
		pick_kind(ui, r);
	else if (!is_key && ch == 't')
		pick_state(ui, r);
	else if (!is_key && ch == 'p') {
		print_list(ui, r);
		return KEY_HANDLED;
	} else if (!is_key && ch == 'm') {
		char day[11];
		date_format(ui->today, day);
		if (r->f.recert_month[0])
			r->f.recert_month[0] = '\0';
		else
			snprintf(r->f.recert_month, sizeof r->f.recert_month, "%.7s", day);
	} else
		return KEY_IGNORED;
	list_restart(&r->list);
	return KEY_HANDLED;
}

static void rolls_destroy(struct screen *sc)
{
	struct rolls *r = sc->data;
	list_free(&r->list);
	free(r);
	free(sc);
}

static void rolls_resume(struct ui *ui, struct screen *sc)
{
	(void)ui;
	list_reload(&((struct rolls *)sc->data)->list);
}

struct screen *screen_rolls_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct rolls *r = xcalloc(1, sizeof *r);
	struct err e;
	snprintf(sc->title, sizeof sc->title, "在册管理");
	sc->data = r;
	sc->hints = rolls_hints;
	sc->help = "在册（正在享受按月救助）的家庭，按申请人姓名排列；默认不含已终止的。\n"
		   "/ 搜索：姓名中的字、拼音首字母或身份证号码。v 按村，k 按类别，t 按状态；"
		   "m 只看本月到期（含已过期）待资格认证的。p 打印：在 m 下打印本月待资格认证名单，"
		   "否则打印在册花名册（按所选的村）。\n"
		   "Enter 打开户档案：全部申请、在册变动、复核和资格认证记录，在那里复核、调整、暂停、"
		   "终止，打印户档案。";
	sc->draw = rolls_draw;
	sc->resume = rolls_resume;
	sc->key = rolls_key;
	sc->destroy = rolls_destroy;
	r->ui = ui;
	list_init(&r->list, sizeof(struct roll_row), rolls_fetch, r);
	list_columns(&r->list, rolls_cols, 8, rolls_cells, r);
	list_search(&r->list, "搜索：", r->f.search, sizeof r->f.search);
	r->list.empty = "没有符合条件的在册家庭。";
	if (villages_load(ui, VILLAGES_STORE, &r->villages, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	return sc;
}
