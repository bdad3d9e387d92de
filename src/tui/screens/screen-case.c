/* One application: its facts, deadlines, timeline, materials checklist and
 * authorisations, and the steps the rules allow now (digits 1–9). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/query/caseview.h"
#include "core/base/utf8.h"
#include "tui/screens/stepform.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

enum pane { PANE_EVENTS, PANE_MATERIALS, PANE_AUTHS, PANE_COUNT };

struct casescr {
	int64_t id;
	struct case_view v;
	enum pane pane;
	struct list items[PANE_COUNT];	/* materials and authorisations */
	const struct transition *steps[9];
	size_t n_steps;
	char error[1024];
};

static const struct hint case_hints[] = {
	{ "1-9", "办理" }, { "Tab", "切换栏" }, { "空格", "勾选" }, { "i", "调查" }, { "m", "评议" },
	{ "r", "查看记录" }, { "p", "告知书" }, { "w", "不予确认书" }, { "Esc", "返回" }, { NULL, NULL },
};

static void load(struct ui *ui, struct casescr *c)
{
	struct err e;
	if (case_view_load(ui->s->store, &ui->s->cfg, c->id, ui->today, &c->v, &e) != 0) {
		snprintf(c->error, sizeof c->error, "%s", e.msg);
		return;
	}
	c->n_steps = case_steps(c->v.state, c->v.facts, ui->s->roles, c->steps, 9);
	snprintf(c->error, sizeof c->error, "%s", "");
	list_reload(&c->items[PANE_MATERIALS]);
	list_reload(&c->items[PANE_AUTHS]);
}

static void item_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		       struct list_cell *c)
{
	(void)ui, (void)selected;
	const struct case_item *it = &((const struct case_item *)ctx)[*(const int *)row];
	snprintf(c[0].buf, sizeof c[0].buf, "[%s] %s %s", it->done ? "x" : " ", it->label, it->extra);
}

/* Every running clock of the case from line 4 on, one more line each
 * time the next does not fit: what, due date, days left; red when overdue,
 * yellow when within the lead time. Returns the first free line. */
static int draw_clocks(struct ui *ui, const struct case_view *v)
{
	int y = 4, x = 0;
	x += ui_text(y, x, COLS, "期限：", A_BOLD, false);
	if (v->n_clocks == 0)
		ui_text(y, x, COLS - x, "无", A_NORMAL, false);
	for (size_t i = 0; i < v->n_clocks; i++) {
		const struct alert *d = &v->clocks[i];
		const char *what = d->rule->what != NULL ? d->rule->what : d->text;	/* case.c's name */
		char line[256], due[11], days[48];
		date_format(d->due, due);
		alert_days_text(d, false, days, sizeof days);
		snprintf(line, sizeof line, "%s %s%s %s%s%s  ", what, due,
			 d->provisional ? "（暂按周末计算）" : "", days,
			 d->days_left < 0 && d->note[0] ? "，" : "", d->days_left < 0 ? d->note : "");
		int w = utf8_width(line);
		if (x + w > COLS && x > 6) {
			y++;
			x = 6;
		}
		attr_t a = d->days_left < 0 ? ui_attr(ui, PAIR_ERROR)
			 : d->days_left <= ui->s->cfg.alert_lead_days ? ui_attr(ui, PAIR_WARN) : A_NORMAL;
		x += ui_text(y, x, COLS - x, line, a, false);
	}
	return y + 1;
}

/* The state as shown today (「待确认」 after publicity), a repeated
 * publicity marked. */
static void draw_state(const struct case_view *v)
{
	char line[512];
	const char *round = strcmp(v->state, "publicity") == 0 ? case_publicity_round_label(v->publicity_round) : "";
	char notified[40] = "";
	if (v->refusal_notified[0])
		snprintf(notified, sizeof notified, "（已书面告知 %s）", v->refusal_notified);
	snprintf(line, sizeof line, "状态：%s%s%s%s%s  接收 %s  受理 %s  %s%s%s",
		 v->state_label, round[0] ? "（" : "", round, round[0] ? "）" : "", notified, v->received,
		 v->accepted[0] ? v->accepted : "-", v->delegated ? "乡镇确认" : "报县审批",
		 v->close_relative ? "  近亲属已备案" : "", v->urgent ? "  急难" : "");
	ui_text(2, 0, COLS, line, A_BOLD, true);
}

/* The case's facts and clocks; returns the first free line. */
static int draw_head(struct ui *ui, struct casescr *c)
{
	const struct case_view *v = &c->v;
	char line[1600], money[32];
	snprintf(line, sizeof line, "申请 %lld  %s  %s  %s  %s  %s%s%s", (long long)v->id, v->applicant,
		 v->id_masked, v->village, catalogue_kind_short(&ui->s->cat, v->kind),
		 case_channel_label(v->channel), v->agent[0] ? "：" : "", v->agent);
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	draw_state(v);
	line[0] = '\0';
	if (v->amount > 0) {
		money_format(v->amount, money);
		snprintf(line, sizeof line, "保障金额 %s 元/月  ", money);
	} else if (v->proposed > 0) {
		money_format(v->proposed, money);
		snprintf(line, sizeof line, "初审：%s，拟 %s 元/月  ",
			 strcmp(v->opinion, "include") == 0 ? "拟纳入" : "拟不纳入", money);
	} else if (v->opinion[0]) {
		snprintf(line, sizeof line, "初审：%s  ", strcmp(v->opinion, "include") == 0 ? "拟纳入" : "拟不纳入");
	}
	if (v->prepaid > 0) {
		size_t len = strlen(line);
		money_format(v->prepaid, money);
		snprintf(line + len, sizeof line - len, "先行救助 %s 元（%s）  ", money, v->prepaid_on);
	}
	if (v->special) {
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, "特殊情况延期：%s%s%s%s  ", v->special_reason,
			 v->special_on[0] ? "（" : "", v->special_on, v->special_on[0] ? "）" : "");
	}
	if (strcmp(v->state, "missing") == 0) {
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, "待补：%s（%s 前）", v->missing_items, v->missing_deadline_text);
	}
	if (v->refusal_reason[0]) {
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, "不予确认理由：%s", v->refusal_reason);
	}
	ui_text(3, 0, COLS, line, A_NORMAL, true);
	return draw_clocks(ui, v);
}

static attr_t pane_title(struct ui *ui, struct casescr *c, enum pane p)
{
	return c->pane == p ? ui_attr(ui, PAIR_SELECT) : A_BOLD | A_UNDERLINE;
}

static void draw_events(struct ui *ui, struct casescr *c, int top, int rows, int width)
{
	const struct case_view *v = &c->v;
	ui_text(top, 0, width, "办理经过", pane_title(ui, c, PANE_EVENTS), true);
	int first = v->n_events > rows - 1 ? v->n_events - (rows - 1) : 0;
	for (int i = first, y = top + 1; i < v->n_events && y < top + rows; i++, y++) {
		const struct case_event *ev = &v->events[i];
		char line[512];
		snprintf(line, sizeof line, "%s %s %s%s%s", ev->on, ev->who, case_step_label(ev->step),
			 ev->note[0] ? "：" : "", ev->note);
		ui_text(y, 0, width, line, A_NORMAL, true);
	}
}

static void draw_items(struct ui *ui, struct screen *sc, struct casescr *c, enum pane p,
		       const char *title, int top, int rows, int x, int width)
{
	ui_text(top, x, width, title, pane_title(ui, c, p), true);
	c->items[p].focused = c->pane == p;
	list_draw(ui, sc, &c->items[p], top + 1, x, rows - 1, width);
}

static void draw_steps(struct ui *ui, struct casescr *c, int y)
{
	int x = 0;
	x += ui_text(y, x, COLS, "可办理：", A_BOLD, false);
	if (c->n_steps == 0)
		ui_text(y, x, COLS - x, strcmp(c->v.state, "announced") == 0 || strcmp(c->v.state, "withdrawn") == 0
			|| (c->v.facts & CASE_NOTIFIED) ? "已办结" : "（当前用户在此状态下没有可办理的步骤）",
			ui_attr(ui, PAIR_DIM), false);
	/* An urgent case still open and not yet paid: the pay-first key is
	 * offered beside the steps (urgent.c decides whether it may be). */
	bool prepay = c->v.urgent && c->v.prepaid == 0 && c->n_steps > 0;
	for (size_t i = 0; i < c->n_steps + (prepay ? 1 : 0); i++) {
		char line[128];
		if (i < c->n_steps)
			snprintf(line, sizeof line, "%zu %s  ", i + 1, c->steps[i]->label);
		else
			snprintf(line, sizeof line, "u 先行救助  ");
		int w = utf8_width(line);
		if (x + w > COLS) {
			y++;
			x = 8;
		}
		x += ui_text(y, x, COLS - x, line, A_NORMAL, false);
	}
}

static void case_draw(struct ui *ui, struct screen *sc)
{
	struct casescr *c = sc->data;
	if (c->v.id == 0) {
		ui_text(2, 2, COLS - 4, c->error, ui_attr(ui, PAIR_ERROR), false);
		return;
	}
	/* The clocks take lines 4 and 5; a case with three clocks past the
	 * holiday calendar takes one more, and the panes move down for it. */
	int top = draw_head(ui, c);
	if (top < 6)
		top = 6;
	int rows = LINES - 4 - top, left = COLS * 55 / 100, right = COLS - left - 1;
	draw_events(ui, c, top, rows, left - 1);
	int half = rows / 2 + 1;
	draw_items(ui, sc, c, PANE_MATERIALS, "材料清单", top, half, left + 1, right);
	draw_items(ui, sc, c, PANE_AUTHS, "核对授权书（成年成员）", top + half, rows - half, left + 1,
		   right);
	draw_steps(ui, c, LINES - 4);
	if (c->error[0])
		ui_text(LINES - 2, 0, COLS, c->error, ui_attr(ui, PAIR_ERROR), true);
	else {
		char line[160];
		snprintf(line, sizeof line, "入户调查记录 %d 条，附件 %d 个；家庭成员 %d 人",
			 c->v.investigations, c->v.attachments, c->v.members);
		ui_text(LINES - 2, 0, COLS, line, ui_attr(ui, PAIR_DIM), true);
	}
}

static void toggle_item(struct ui *ui, struct casescr *c)
{
	struct err e;
	int rc = 0;
	int i = c->pane != PANE_EVENTS ? list_selected_index(&c->items[c->pane]) : -1;
	if (c->pane == PANE_MATERIALS && i >= 0) {
		const struct case_item *it = &c->v.materials[i];
		rc = case_set_material(ui->s->store, it->id, it->version, !it->done, &e);
	} else if (c->pane == PANE_AUTHS && i >= 0) {
		const struct case_item *it = &c->v.auths[i];
		if (it->done) {
			ui_flash(ui, false, "%s 的授权书已签署（%s）", it->label, it->extra);
			return;
		}
		const char *methods[] = { "纸质签字", "电子签署" };
		int k = ui_pick(ui, "授权书签署方式", methods, 2, 0);
		if (k < 0)
			return;
		rc = case_sign_authorisation(ui->s->store, it->id, it->version, ui->today,
					     k == 0 ? "paper" : "electronic", &e);
	} else {
		return;
	}
	if (rc != 0)
		ui_flash(ui, true, "%s", e.msg);
	load(ui, c);
}

static int case_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct casescr *c = sc->data;
	if (c->v.id == 0)
		return KEY_IGNORED;
	if (!is_key && ch >= '1' && ch <= '9') {
		size_t k = (size_t)(ch - '1');
		if (k < c->n_steps) {
			c->error[0] = '\0';
			stepform_open(ui, &c->v, c->steps[k]);
		}
	} else if ((!is_key && ch == '\t') || (is_key && ch == KEY_RIGHT)) {
		c->pane = (c->pane + 1) % PANE_COUNT;
	} else if (is_key && (ch == KEY_BTAB || ch == KEY_LEFT)) {
		c->pane = (c->pane + PANE_COUNT - 1) % PANE_COUNT;
	} else if (c->pane != PANE_EVENTS && list_key(ui, &c->items[c->pane], is_key, ch) == KEY_HANDLED) {
		;
	} else if (!is_key && (ch == ' ' || ch == 'x')) {
		toggle_item(ui, c);
	} else if (!is_key && ch == 'i') {
		investigation_form_open(ui, c->id);
	} else if (!is_key && ch == 'm') {
		deliberation_form_open(ui, c->id);
	} else if (!is_key && ch == 'r') {
		ui_push(ui, screen_records_new(ui, c->id));
	} else if (!is_key && ch == 'p') {
		notice_export_run(ui, c->id);
	} else if (!is_key && ch == 'w') {
		refusal_export_run(ui, c->id);
	} else if (!is_key && ch == 'u') {
		prepay_form_open(ui, c->id);
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void case_resume(struct ui *ui, struct screen *sc)
{
	load(ui, sc->data);
}

static void case_destroy(struct screen *sc)
{
	struct casescr *c = sc->data;
	list_free(&c->items[PANE_MATERIALS]);
	list_free(&c->items[PANE_AUTHS]);
	free(c);
	free(sc);
}

/* The list of a pane over c->v's array of items. */
static void init_items(struct casescr *c, enum pane p, const int *n, const struct case_item *items)
{
	static const struct list_col col[] = { { .head = NULL, .width = 0 } };
	list_init_index(&c->items[p], n);
	list_columns(&c->items[p], col, 1, item_cells, (void *)items);
	c->items[p].header = false;
	c->items[p].empty = "（无）";
}

struct screen *screen_case_new(struct ui *ui, int64_t app_id)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct casescr *c = xcalloc(1, sizeof *c);
	c->id = app_id;
	snprintf(sc->title, sizeof sc->title, "案件办理");
	sc->data = c;
	sc->hints = case_hints;
	sc->help = "上方是申请的基本情况和正在计时的全部期限（剩余工作日或自然日；红色为已逾期，"
		   "黄色为即将到期；“暂按周末计算”表示节假日安排尚未公布）。\n"
		   "左栏是办理经过：谁在哪天做了什么。右栏是材料清单和成年成员的核对授权书：\n"
		   "Tab 或 左右键 切换栏，上下键 选择，空格勾选材料或登记授权书签署。\n"
		   "下方“可办理”列出当前状态下按规定可以办理的步骤，按数字键办理。\n"
		   "i 添加入户调查记录（含附件文件路径，自动计算 SHA-256），m 添加民主评议记录，"
		   "r 查看调查和评议记录；公示有异议后须有新的调查或评议记录才能再次初审。\n"
		   "p 把一次性告知书、w 把不予确认通知书导出为 Excel 以便打印。\n"
		   "u 急难型临时救助先行救助：登记发放金额和日期，审核审批手续须在 tuiconfig.ini 的\n"
		   "  urgent_paperwork 个工作日内补齐（时限预警“先行救助补手续”）。\n"
		   "公示期满后状态显示“待确认”（不算逾期），直到确认时限；"
		   "超出节假日安排年份的日期标“暂按周末计算”。";
	sc->draw = case_draw;
	sc->key = case_key;
	sc->resume = case_resume;
	sc->destroy = case_destroy;
	init_items(c, PANE_MATERIALS, &c->v.n_materials, c->v.materials);
	init_items(c, PANE_AUTHS, &c->v.n_auths, c->v.auths);
	load(ui, c);
	return sc;
}
