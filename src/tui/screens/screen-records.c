/* The investigation records and 民主评议 of one case: a list (date, kind,
 * who, attachments); Enter shows the selected record in full with its
 * attachments (path and SHA-256), Up/Down scroll it, Esc or Enter back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/query/caseview.h"
#include "core/query/records.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

#define MAX_RECORDS 64
#define MAX_ATTACH 32
#define MAX_LINES 160

struct records {
	int64_t app_id;
	struct case_record *rec;	/* MAX_RECORDS, owned */
	int n;
	struct list list;
	bool reading;			/* one record shown in full */
	char (*lines)[256];		/* its text, wrapped; MAX_LINES, owned */
	int n_lines, top;
	char error[1024];
};

static const struct hint list_hints_own[] = {
	{ "Enter", "查看" }, { "Esc", "返回" }, { NULL, NULL },
};
static const struct hint read_hints[] = {
	{ "上下键", "翻动" }, { "Enter/Esc", "返回列表" }, { NULL, NULL },
};

static const struct list_col cols[] = {
	{ .head = "日期", .width = 11 }, { .head = "记录", .width = 9 },
	{ .head = "人员", .width = 30 }, { .head = "附件", .width = 5, .right = true },
	{ .head = "内容", .width = 0 },
};

static void cells(struct ui *ui, void *ctx, const void *row, bool selected, struct list_cell *c)
{
	(void)ui, (void)selected;
	const struct case_record *r = &((struct records *)ctx)->rec[*(const int *)row];
	c[0].text = r->on;
	c[1].text = r->deliberation ? "民主评议" : "入户调查";
	c[2].text = r->who;
	snprintf(c[3].buf, sizeof c[3].buf, "%d", r->attachments);
	c[4].text = r->text;
}

static void add(struct records *r, int cols, const char *text)
{
	r->n_lines += ui_wrap(text, cols, r->lines + r->n_lines, MAX_LINES - r->n_lines);
}

/* The selected record as lines of text: heading, who, findings, assets,
 * attachments. */
static void open_record(struct ui *ui, struct records *r)
{
	int i = list_selected_index(&r->list);
	if (i < 0)
		return;
	const struct case_record *c = &r->rec[i];
	char line[2400], money[32];
	int w = COLS - 2;
	r->n_lines = r->top = 0;
	snprintf(line, sizeof line, "%s  %s", c->on, c->deliberation ? "民主评议" : "入户调查");
	add(r, w, line);
	snprintf(line, sizeof line, "%s：%s", c->deliberation ? "参加人员" : "调查人员", c->who);
	add(r, w, line);
	if (!c->deliberation) {
		money_format(c->income, money);
		snprintf(line, sizeof line, "家庭月收入：%s 元", money);
		add(r, w, line);
	}
	snprintf(line, sizeof line, "%s：%s", c->deliberation ? "评议结果" : "调查情况", c->text);
	add(r, w, line);
	if (c->assets[0]) {
		snprintf(line, sizeof line, "家庭财产：%s", c->assets);
		add(r, w, line);
	}
	if (!c->deliberation) {
		struct case_attachment *a = xcalloc(MAX_ATTACH, sizeof *a);
		int n = 0;
		struct err e;
		if (records_attachments(ui->s->store, c->id, a, MAX_ATTACH, &n, &e) != 0)
			add(r, w, e.msg);
		snprintf(line, sizeof line, "附件 %d 个%s", n, n ? "：" : "");
		add(r, w, line);
		for (int k = 0; k < n; k++) {
			snprintf(line, sizeof line, "  %s（%s 登记，SHA-256 %.16s…）", a[k].path, a[k].added,
				 a[k].sha256);
			add(r, w, line);
		}
		free(a);
	}
	r->reading = true;
}

static void records_draw(struct ui *ui, struct screen *sc)
{
	struct records *r = sc->data;
	char line[128];
	snprintf(line, sizeof line, "申请 %lld：入户调查和民主评议记录 %d 条", (long long)r->app_id, r->n);
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	sc->hints = r->reading ? read_hints : list_hints_own;
	if (!r->reading) {
		list_draw(ui, sc, &r->list, 2, 0, LINES - 4, COLS);
		list_status(ui, &r->list, r->error[0] ? r->error : NULL);
		return;
	}
	for (int y = 2, i = r->top; y < LINES - 2 && i < r->n_lines; y++, i++)
		ui_text(y, 1, COLS - 2, r->lines[i], i == 0 ? A_BOLD : A_NORMAL, true);
}

static int records_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct records *r = sc->data;
	if (r->reading) {
		if (is_key && ch == KEY_DOWN && r->top + (LINES - 4) < r->n_lines)
			r->top++;
		else if (is_key && ch == KEY_UP && r->top > 0)
			r->top--;
		else if (!is_key && (ch == '\n' || ch == '\r' || ch == 27))
			r->reading = false;
		else
			return KEY_IGNORED;
		return KEY_HANDLED;
	}
	if (list_key(ui, &r->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if (!is_key && (ch == '\n' || ch == '\r')) {
		open_record(ui, r);
		return KEY_HANDLED;
	}
	return KEY_IGNORED;
}

static void records_destroy(struct screen *sc)
{
	struct records *r = sc->data;
	list_free(&r->list);
	free(r->rec);
	free(r->lines);
	free(r);
	free(sc);
}

struct screen *screen_records_new(struct ui *ui, int64_t app_id)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct records *r = xcalloc(1, sizeof *r);
	struct err e;
	r->app_id = app_id;
	r->rec = xcalloc(MAX_RECORDS, sizeof *r->rec);
	r->lines = xcalloc(MAX_LINES, sizeof *r->lines);
	if (records_of_case(ui->s->store, app_id, r->rec, MAX_RECORDS, &r->n, &e) != 0)
		snprintf(r->error, sizeof r->error, "%s", e.msg);
	list_init_index(&r->list, &r->n);
	list_columns(&r->list, cols, 5, cells, r);
	r->list.empty = "（还没有入户调查或民主评议记录：在案件中按 i 或 m 添加）";
	snprintf(sc->title, sizeof sc->title, "调查和评议记录");
	sc->data = r;
	sc->hints = list_hints_own;
	sc->help = "上下键选择一条记录，Enter 查看全文和附件（文件路径及登记时的 SHA-256）。\n"
		   "查看时上下键翻动，Enter 或 Esc 回到列表；再按 Esc 回到案件。";
	sc->draw = records_draw;
	sc->key = records_key;
	sc->destroy = records_destroy;
	sc->cursor_y = -1;
	return sc;
}
