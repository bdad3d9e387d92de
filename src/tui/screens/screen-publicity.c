/* 公示公布: per village, the cases whose initial review is done (ready to
 * post) with their opinions; P posts them as one list (core/publicity.c)
 * and writes it as .xlsx next to the store; A writes the announcement of the
 * approved cases. Below, the lists still in their publicity period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/case.h"
#include "core/domain/publicity.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/widgets/picker.h"
#include "tui/xalloc.h"

#define MAX_BATCHES 32

struct pub {
	struct villages vs;
	int vi;
	struct pub_list ready;
	int n_ready;		/* ready.n, for the list */
	struct list list;
	struct pub_batch cur[MAX_BATCHES];
	size_t n_cur;
	char error[512];
};

static const struct list_col ready_cols[] = {
	{ .head = "序号", .width = 6 }, { .head = "姓名", .width = 14 },
	{ .head = "类别", .width = 12 }, { .head = "家庭人口", .width = 10 },
	{ .head = "初审意见", .width = 10 }, { .head = "拟金额（元/月）", .width = 15, .right = true },
	{ .head = "备注", .width = 0 },
};

static const struct hint pub_hints[] = {
	{ "v", "选村" }, { "P", "张贴公示" }, { "A", "公布名单" }, { "w", "重出公示表" },
	{ "Esc", "返回" }, { NULL, NULL },
};

static int list_rows(void)
{
	return LINES - 13;	/* village, header; batches (title, header, 6); note; bars */
}

static void reload(struct ui *ui, struct pub *p)
{
	struct err e;
	int64_t vid = p->vs.n > 0 ? p->vs.v[p->vi].id : 0;
	p->error[0] = '\0';
	if (villages_load(ui, VILLAGES_READY, &p->vs, &e) != 0)
		snprintf(p->error, sizeof p->error, "%s", e.msg);
	p->vi = villages_index(&p->vs, vid) >= 0 ? villages_index(&p->vs, vid) : 0;
	pub_list_free(&p->ready);
	if (p->vs.n > 0 && publicity_ready(ui->s->store, p->vs.v[p->vi].id, &p->ready, &e) != 0)
		snprintf(p->error, sizeof p->error, "%s", e.msg);
	if (publicity_current(ui->s->store, ui->today, p->cur, MAX_BATCHES, &p->n_cur, &e) != 0)
		snprintf(p->error, sizeof p->error, "%s", e.msg);
	p->n_ready = (int)p->ready.n;
	list_reload(&p->list);
}

static void money(int64_t fen, char out[32])
{
	if (fen <= 0)
		snprintf(out, 32, "-");
	else
		snprintf(out, 32, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

static void ready_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			struct list_cell *c)
{
	(void)selected;
	int i = *(const int *)row;
	const struct pub_row *r = &((struct pub *)ctx)->ready.rows[i];
	bool include = strcmp(r->opinion, "include") == 0;
	snprintf(c[0].buf, sizeof c[0].buf, "%d", i + 1);
	c[1].text = r->name;
	c[2].text = catalogue_kind_short(&ui->s->cat, r->kind);
	snprintf(c[3].buf, sizeof c[3].buf, "%d", r->members);
	c[4].text = include ? "拟纳入" : "拟不纳入";
	c[4].own_attr = !include;
	c[4].attr = ui_attr(ui, PAIR_WARN);
	money(include ? r->amount : 0, c[5].buf);
	c[6].text = case_publicity_round_label(r->round);
}

static void draw_ready(struct ui *ui, struct screen *sc, struct pub *p)
{
	char line[256];
	snprintf(line, sizeof line, "村（社区）：%s    待公示（已初审）%zu 件",
		 p->vs.n ? p->vs.v[p->vi].name : "-", p->ready.n);
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	list_draw(ui, sc, &p->list, 2, 0, 1 + list_rows(), COLS);
}

static void draw_batches(struct ui *ui, struct pub *p)
{
	char line[256], a[11], b[11];
	int y = LINES - 10;
	snprintf(line, sizeof line, "公示中的名单（%zu 批）", p->n_cur);
	ui_text(y++, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	ui_text(y++, 0, COLS, "村（社区）        张贴日期      公示期至      件数   张贴人",
		A_BOLD | A_UNDERLINE, true);
	if (p->n_cur == 0)
		ui_text(y, 2, COLS - 4, "目前没有处在公示期内的名单。", ui_attr(ui, PAIR_DIM), false);
	for (size_t i = 0; i < p->n_cur && y < LINES - 2; i++, y++) {
		const struct pub_batch *bt = &p->cur[i];
		int x = 0;
		date_format(bt->posted_on, a);
		date_format(bt->ends_on, b);
		x += ui_text(y, x, 18, bt->village, A_NORMAL, true);
		x += ui_text(y, x, 14, a, A_NORMAL, true);
		x += ui_text(y, x, 14, b, bt->ends_on == ui->today ? ui_attr(ui, PAIR_WARN) : A_NORMAL, true);
		snprintf(line, sizeof line, "%d", bt->entries);
		x += ui_text(y, x, 7, line, A_NORMAL, true);
		ui_text(y, x, COLS - x, bt->posted_by, A_NORMAL, true);
	}
}

static void pub_draw(struct ui *ui, struct screen *sc)
{
	struct pub *p = sc->data;
	char line[256];
	const int *first = lm_row(&p->list.m, 0);
	draw_ready(ui, sc, p);
	draw_batches(ui, p);
	if (p->error[0])
		ui_text(LINES - 2, 0, COLS, p->error, ui_attr(ui, PAIR_ERROR), true);
	else {
		snprintf(line, sizeof line, "第 %d-%d 件，共 %zu 件；公示表只列姓名、家庭人口、初审意见和金额",
			 first ? *first + 1 : 0, first ? *first + p->list.m.n : 0, p->ready.n);
		list_status(ui, &p->list, line);
	}
}

/* Files go next to the store, where the office keeps them. */
static void out_path(struct ui *ui, char *out, size_t n, const char *name)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", store_path(ui->s->store));
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	snprintf(out, n, "%s/%s", dir, name);
}

static void write_batch(struct ui *ui, struct pub *p, int64_t batch, const char *title)
{
	char path[PATH_MAX + 128], name[256], day[11], text[PATH_MAX + 512];
	struct err e;
	date_format(ui->today, day);
	snprintf(name, sizeof name, "公示名单-%s-%s-%lld.xlsx", p->vs.v[p->vi].name, day,
		 (long long)batch);
	out_path(ui, path, sizeof path, name);
	if (publicity_write(ui->s->store, &ui->s->cfg, &ui->s->cat, batch, path, &e) != 0) {
		snprintf(text, sizeof text, "未能生成公示表：%s\n可按 w 重新生成。", e.msg);
		ui_message(ui, title, text);
		ui_flash(ui, true, "未能生成公示表：%s", e.msg);
		return;
	}
	snprintf(text, sizeof text, "公示表已写入：\n%s\n请打印后在%s张贴。", path, p->vs.v[p->vi].name);
	ui_message(ui, title, text);
	ui_flash(ui, false, "公示表：%s", path);
}

static void post(struct ui *ui, struct pub *p)
{
	char q[512], to[11];
	struct err e;
	int64_t batch;
	if (p->ready.n == 0) {
		ui_flash(ui, true, "这个村（社区）没有待公示（已初审）的申请");
		return;
	}
	int days = 1;
	for (size_t i = 0; i < p->ready.n; i++) {
		int d = config_limits(&ui->s->cfg, p->ready.rows[i].kind)->publicity_days;
		days = d > days ? d : days;
	}
	date_format(config_publicity_end(&ui->s->cfg, ui->today, days), to);
	snprintf(q, sizeof q, "在%s张贴 %zu 件申请的公示名单（拟纳入和拟不纳入），公示期至 %s（%d 天）？\n"
		 "这些申请将转为“公示中”。", p->vs.v[p->vi].name, p->ready.n, to, days);
	if (!ui_confirm(ui, q))
		return;
	if (publicity_post(ui->s->store, &ui->s->cfg, p->vs.v[p->vi].id, &p->ready, ui->today,
			   ui->s->roles, &batch, &e) != 0) {
		reload(ui, p);
		ui_message(ui, "未能张贴", e.msg);
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	reload(ui, p);
	ui_refresh_overdue(ui);
	write_batch(ui, p, batch, "公示名单已张贴");
}

static void rewrite(struct ui *ui, struct pub *p)
{
	struct err e;
	int64_t batch;
	if (publicity_latest(ui->s->store, p->vs.v[p->vi].id, &batch, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	if (batch == 0) {
		ui_flash(ui, true, "%s还没有张贴过公示名单", p->vs.v[p->vi].name);
		return;
	}
	write_batch(ui, p, batch, "公示表已重新生成");
}

static void announce(struct ui *ui, struct pub *p)
{
	char path[PATH_MAX + 128], name[256], day[11], text[PATH_MAX + 512];
	struct err e;
	struct pub_list l;
	const char *village = p->vs.v[p->vi].name;
	date_format(ui->today, day);
	snprintf(name, sizeof name, "公布名单-%s-%s.xlsx", village, day);
	out_path(ui, path, sizeof path, name);
	if (publicity_write_announcement(ui->s->store, &ui->s->cfg, &ui->s->cat, p->vs.v[p->vi].id,
					 ui->today, path, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	if (publicity_approved(ui->s->store, p->vs.v[p->vi].id, &l, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	size_t k = 0, n = 0;
	for (size_t i = 0; i < l.n; i++)
		k += strcmp(l.rows[i].state, "approved") == 0;
	snprintf(text, sizeof text, "公布名单（%zu 人）已写入：\n%s", l.n, path);
	if (k == 0) {
		ui_message(ui, "公布名单", text);
	} else {
		snprintf(text + strlen(text), sizeof text - strlen(text),
			 "\n\n其中 %zu 件“已确认”的申请尚未登记公布。张贴后登记为“已公布”？", k);
		if (ui_confirm(ui, text)) {
			if (publicity_announce(ui->s->store, &ui->s->cfg, &ui->s->cat, &l, ui->today, ui->s->roles, &n, &e) != 0) {
				pub_list_free(&l);
				ui_message(ui, "未能登记公布", e.msg);
				ui_flash(ui, true, "%s", e.msg);
				return;
			}
		}
	}
	pub_list_free(&l);
	reload(ui, p);
	ui_flash(ui, false, "公布名单：%s%s", path, n ? "（已登记公布）" : "");
}

static void ready_label(const struct place *v, char *out, size_t n)
{
	snprintf(out, n, "%s（待公示 %d 件）", v->name, v->ready);
}

static void pick_village(struct ui *ui, struct pub *p)
{
	static const struct village_pick o = { .title = "选择村（社区）", .label = ready_label };
	int64_t id = p->vs.n > 0 ? p->vs.v[p->vi].id : 0;
	if (village_pick(ui, &p->vs, &o, &id)) {
		p->vi = villages_index(&p->vs, id);
		reload(ui, p);
		list_restart(&p->list);
	}
}

static int pub_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct pub *p = sc->data;
	if (list_key(ui, &p->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if (!is_key && (ch == 'v' || ch == 'V')) {
		pick_village(ui, p);
	} else if (!is_key && (ch == 'P' || ch == 'p') && p->vs.n > 0) {
		post(ui, p);
	} else if (!is_key && (ch == 'A' || ch == 'a') && p->vs.n > 0) {
		announce(ui, p);
	} else if (!is_key && (ch == 'w' || ch == 'W') && p->vs.n > 0) {
		rewrite(ui, p);
	} else if (!is_key && (ch == 'r' || ch == 'R')) {
		reload(ui, p);
		ui_flash(ui, false, "已刷新");
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void pub_resume(struct ui *ui, struct screen *sc)
{
	reload(ui, sc->data);
}

static void pub_destroy(struct screen *sc)
{
	struct pub *p = sc->data;
	pub_list_free(&p->ready);
	list_free(&p->list);
	free(p);
	free(sc);
}

struct screen *screen_publicity_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct pub *p = xcalloc(1, sizeof *p);
	snprintf(sc->title, sizeof sc->title, "公示公布");
	sc->data = p;
	sc->hints = pub_hints;
	sc->help = "上方：所选村（社区）中已提出初审意见、等待公示的申请，拟纳入和拟不纳入都要公示。\n"
		   "v 选择村（社区）；P（或 p）在该村张贴公示名单：确认后这些申请一起转为“公示中”，"
		   "公示期为 7 个自然日（按救助类别的配置），并在数据库旁生成公示表（.xlsx）；"
		   "任何一件被他人改动过，整批都不张贴。w 重新生成该村最近一批的公示表。\n"
		   "A（或 a）生成该村已确认救助对象的公布名单（.xlsx），可同时把“已确认”的申请登记为“已公布”。\n"
		   "公示表和公布名单只列姓名、家庭人口、意见和金额，不列身份证号码、住址和病情；"
		   "表下注明公示期、监督举报电话和乡镇。\n"
		   "下方：仍在公示期内的名单及其期满日期。上下键 PgUp PgDn Home End 翻动；r 刷新。";
	sc->draw = pub_draw;
	sc->key = pub_key;
	sc->resume = pub_resume;
	sc->destroy = pub_destroy;
	sc->cursor_y = -1;
	list_init_index(&p->list, &p->n_ready);
	list_columns(&p->list, ready_cols, 7, ready_cells, p);
	p->list.m.cursor = false;
	p->list.empty = "这个村（社区）没有待公示的申请。按 v 换一个村（社区）。";
	reload(ui, p);
	/* Start at the first village with something to post. */
	for (int i = 0; i < p->vs.n; i++)
		if (p->vs.v[i].ready > 0) {
			p->vi = i;
			reload(ui, p);
			break;
		}
	return sc;
}
