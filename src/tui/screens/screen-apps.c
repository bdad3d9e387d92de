/* 审核审批: the application list. Pages through the store by key
 * (core/applist.c); filters by village, kind and state; sorts; searches
 * incrementally by name fragment, pinyin initials or ID digits. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "core/domain/office.h"
#include "core/query/applist.h"
#include "core/domain/case.h"
#include "core/base/utf8.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/widgets/picker.h"
#include "tui/xalloc.h"

struct apps {
	struct ui *ui;
	struct app_filter f;
	struct list list;
	struct list_col cols[7];
	struct villages villages;
};

static const struct hint apps_hints[] = {
	{ "Enter", "打开" }, { "/", "搜索" }, { "v", "村" }, { "k", "类别" },
	{ "t", "状态" }, { "o", "排序" }, { "Esc", "返回" }, { NULL, NULL },
};

static const struct list_col apps_cols[7] = {
	{ .head = "申请人", .width = 9 }, { .head = "身份证号码", .width = 19 },
	{ .head = "村（社区）", .width = 11 }, { .head = "类别", .width = 9 },
	{ .head = "状态", .width = 9 }, { .head = "接收日期", .width = 11 },
	{ .head = "到期", .width = 0 },
};

/* A page of the list by key: forwards, backwards, or in place. */
static int apps_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max,
		      int *n, struct err *e)
{
	struct apps *a = ctx;
	const struct app_row *r = anchor;
	return applist_page_dir(a->ui->s->store, &a->f, r != NULL ? &r->key : NULL, lm_page_dir(dir),
				out, max, n, e);
}

static void apps_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		       struct list_cell *c)
{
	(void)ctx;
	const struct app_row *r = row;
	date_t due;
	c[0].text = r->name;
	c[1].text = r->id_masked;
	c[2].text = r->village;
	c[3].text = catalogue_kind_short(&ui->s->cat, r->kind);
	c[4].text = case_state_label_on(r->state, r->publicity_to, ui->today);
	c[5].text = r->received;
	c[6].text = r->due;
	/* A due date past the holiday calendar is provisional: 「暂」 here
	 * (the case screen says 「暂按周末计算」 in full). */
	if (r->due[0] && date_parse(r->due, &due) == 0 && !calendar_covers(&ui->s->cfg.cal, due)) {
		snprintf(c[6].buf, sizeof c[6].buf, "%s暂", r->due);
		c[6].text = NULL;
	}
	if (!selected && r->due[0] && date_parse(r->due, &due) == 0 && due < ui->today) {
		c[6].attr = ui_attr(ui, PAIR_ERROR);
		c[6].own_attr = true;
	}
}

static void apps_draw(struct ui *ui, struct screen *sc)
{
	struct apps *a = sc->data;
	char line[512];
	snprintf(line, sizeof line, "%s村：%s  类别：%s  状态：%s  %s",
		 a->f.close_relative ? "【近亲属备案】" : "", villages_name(&a->villages, a->f.village_id, "全部"),
		 a->f.kind[0] ? catalogue_kind_short(&ui->s->cat, a->f.kind) : "全部",
		 a->f.state[0] == '\0' ? "全部" : strcmp(a->f.state, "open") == 0 ? "未办结"
		 : case_state_label(a->f.state), applist_sort_label(a->f.sort));
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	a->cols[2].width = 11 + COLS - 80;	/* a wider terminal: longer village names */
	list_draw(ui, sc, &a->list, 2, 0, LINES - 4, COLS);
	list_status(ui, &a->list, a->list.m.n > 0 ? "上下键 PgUp PgDn Home End 翻动；红色到期日已逾期，带“暂”的暂按周末计算" : NULL);
	sc->hints = list_hints(&a->list, apps_hints);
}

static void pick_village(struct ui *ui, struct apps *a)
{
	static const struct village_pick o = { .title = "按村（社区）筛选", .all = true };
	village_pick(ui, &a->villages, &o, &a->f.village_id);
}

static void pick_kind(struct ui *ui, struct apps *a)
{
	const struct catalogue *cat = &ui->s->cat;
	const char *labels[64];
	int n = 0, cur = 0;
	labels[n++] = "全部";
	for (size_t i = 0; i < cat->n_kinds && n < 64; i++) {
		if (strcmp(a->f.kind, cat->kinds[i].code) == 0)
			cur = n;
		labels[n++] = cat->kinds[i].name;
	}
	int k = ui_pick(ui, "按救助类别筛选", labels, n, cur);
	if (k >= 0)
		snprintf(a->f.kind, sizeof a->f.kind, "%s", k == 0 ? "" : cat->kinds[k - 1].code);
}

static void pick_state(struct ui *ui, struct apps *a)
{
	const char *labels[16];
	const char *codes[16];
	int n = 0, cur = 0;
	labels[n] = "全部", codes[n++] = "";
	labels[n] = "未办结", codes[n++] = "open";
	for (size_t i = 0; i < case_workflow.n_states; i++)
		labels[n] = case_workflow.states[i].label, codes[n++] = case_workflow.states[i].code;
	for (int i = 0; i < n; i++)
		if (strcmp(codes[i], a->f.state) == 0)
			cur = i;
	int k = ui_pick(ui, "按状态筛选", labels, n, cur);
	if (k >= 0)
		snprintf(a->f.state, sizeof a->f.state, "%s", codes[k]);
}

static int apps_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct apps *a = sc->data;
	const struct app_row *r = list_selected(&a->list);
	if (list_key(ui, &a->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (r != NULL)
			ui_push(ui, screen_case_new(ui, r->id));
		return KEY_HANDLED;
	}
	if (!is_key && ch == 'v')
		pick_village(ui, a);
	else if (!is_key && ch == 'k')
		pick_kind(ui, a);
	else if (!is_key && ch == 't')
		pick_state(ui, a);
	else if (!is_key && ch == 'r')	/* the register of 近亲属 declarations */
		a->f.close_relative = !a->f.close_relative;
	else if (!is_key && ch == 'o')
		a->f.sort = (a->f.sort + 1) % SORT_COUNT;
	else
		return KEY_IGNORED;
	list_restart(&a->list);
	return KEY_HANDLED;
}

static void apps_destroy(struct screen *sc)
{
	struct apps *a = sc->data;
	list_free(&a->list);
	free(a);
	free(sc);
}

/* Back from a case: show its new state in place. */
static void apps_resume(struct ui *ui, struct screen *sc)
{
	(void)ui;
	list_reload(&((struct apps *)sc->data)->list);
}

struct screen *screen_apps_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct apps *a = xcalloc(1, sizeof *a);
	snprintf(sc->title, sizeof sc->title, "审核审批");
	snprintf(a->f.state, sizeof a->f.state, "open");
	sc->data = a;
	sc->hints = apps_hints;
	sc->help = "申请列表，默认显示未办结的申请，按到期日排序。\n"
		   "/ 或 s 或 F3：搜索：输入姓名中的字（如“三丰”）、拼音首字母（如 zs）"
		   "或身份证号码（整个号码或末几位）。Enter 完成，Esc 清除。\n"
		   "v 按村筛选，k 按类别，t 按状态，o 切换排序；r 只看申报了近亲属关系的申请（近亲属备案登记）。"
		   "Enter 打开案件。";
	sc->draw = apps_draw;
	sc->resume = apps_resume;
	sc->key = apps_key;
	sc->destroy = apps_destroy;
	struct err e;
	a->ui = ui;
	memcpy(a->cols, apps_cols, sizeof a->cols);
	list_init(&a->list, sizeof(struct app_row), apps_fetch, a);
	list_columns(&a->list, a->cols, 7, apps_cells, NULL);
	list_search(&a->list, "搜索：", a->f.search, sizeof a->f.search);
	a->list.empty = "没有符合条件的申请。";
	if (villages_load(ui, VILLAGES_STORE, &a->villages, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	return sc;
}
