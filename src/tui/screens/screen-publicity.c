/* 公示公布: per village, the cases whose initial review is done (ready to
 * post) with their opinions; P posts them as one list (core/publicity.c)
 * and writes it as .xlsx next to the store; A writes the announcement of the
 * approved cases. Below, the lists still in their publicity period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/publicity.h"
#include "tui/ui.h"
#include "tui/xalloc.h"

#define MAX_VILLAGES 128
#define MAX_BATCHES 32

struct pub {
	int n_villages, vi;
	struct place villages[MAX_VILLAGES];
	char labels[MAX_VILLAGES][96];
	struct pub_list ready;
	struct pub_batch cur[MAX_BATCHES];
	size_t n_cur, top;
	char error[512];
};

static const struct hint pub_hints[] = {
	{ "v", "选村" }, { "P", "张贴公示" }, { "A", "公布名单" }, { "w", "重出公示表" },
	{ "Esc", "返回" }, { NULL, NULL },
};

static int list_rows(void)
{
	return LINES - 13;	/* village, header; batches (title, header, 6); note; bars */
}

static void load_villages(struct ui *ui, struct pub *p)
{
	struct err e;
	if (publicity_villages(ui->s->store, p->villages, MAX_VILLAGES, &p->n_villages, &e) != 0) {
		snprintf(p->error, sizeof p->error, "%s", e.msg);
		return;
	}
	for (int i = 0; i < p->n_villages; i++) {
		struct place v = p->villages[i];	/* a copy: labels and villages share *p */
		snprintf(p->labels[i], sizeof p->labels[i], "%s（待公示 %d 件）", v.name, v.ready);
	}
}

static void reload(struct ui *ui, struct pub *p)
{
	struct err e;
	int64_t vid = p->n_villages > 0 ? p->villages[p->vi].id : 0;
	p->error[0] = '\0';
	load_villages(ui, p);
	p->vi = 0;
	for (int i = 0; i < p->n_villages; i++)
		if (p->villages[i].id == vid)
			p->vi = i;
	pub_list_free(&p->ready);
	if (p->n_villages > 0 && publicity_ready(ui->s->store, p->villages[p->vi].id, &p->ready, &e) != 0)
		snprintf(p->error, sizeof p->error, "%s", e.msg);
	if (publicity_current(ui->s->store, ui->today, p->cur, MAX_BATCHES, &p->n_cur, &e) != 0)
		snprintf(p->error, sizeof p->error, "%s", e.msg);
	size_t h = (size_t)list_rows();
	if (p->top + h > p->ready.n)
		p->top = p->ready.n > h ? p->ready.n - h : 0;
}

static void money(int64_t fen, char out[32])
{
	if (fen <= 0)
		snprintf(out, 32, "-");
	else
		snprintf(out, 32, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

static void draw_ready(struct ui *ui, struct pub *p)
{
	char line[256], amt[32];
	int h = list_rows();
	snprintf(line, sizeof line, "村（社区）：%s    待公示（已初审）%zu 件",
		 p->n_villages ? p->villages[p->vi].name : "-", p->ready.n);
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	ui_text(2, 0, COLS, "序号  姓名          类别        家庭人口  初审意见    拟保障金额（元/月）",
		A_BOLD | A_UNDERLINE, true);
	if (p->ready.n == 0)
		ui_text(3, 2, COLS - 4, "这个村（社区）没有待公示的申请。按 v 换一个村（社区）。",
			ui_attr(ui, PAIR_DIM), false);
	for (int i = 0; i < h && p->top + (size_t)i < p->ready.n; i++) {
		const struct pub_row *r = &p->ready.rows[p->top + (size_t)i];
		const struct kind *k = catalogue_kind(&ui->s->cat, r->kind);
		bool include = strcmp(r->opinion, "include") == 0;
		int y = 3 + i, x = 0;
		snprintf(line, sizeof line, "%zu", p->top + (size_t)i + 1);
		x += ui_text(y, x, 6, line, A_NORMAL, true);
		x += ui_text(y, x, 14, r->name, A_NORMAL, true);
		x += ui_text(y, x, 12, k ? k->short_name : r->kind, A_NORMAL, true);
		snprintf(line, sizeof line, "%d", r->members);
		x += ui_text(y, x, 10, line, A_NORMAL, true);
		x += ui_text(y, x, 12, include ? "拟纳入" : "拟不纳入",
			     include ? A_NORMAL : ui_attr(ui, PAIR_WARN), true);
		money(include ? r->amount : 0, amt);
		ui_text_right(y, x, 19, amt, A_NORMAL);
	}
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
	draw_ready(ui, p);
	draw_batches(ui, p);
	if (p->error[0])
		ui_text(LINES - 2, 0, COLS, p->error, ui_attr(ui, PAIR_ERROR), true);
	else {
		size_t h = (size_t)list_rows(), last = p->top + h < p->ready.n ? p->top + h : p->ready.n;
		snprintf(line, sizeof line, "第 %zu-%zu 件，共 %zu 件；公示表只列姓名、家庭人口、初审意见和金额",
			 p->ready.n ? p->top + 1 : 0, last, p->ready.n);
		ui_text(LINES - 2, 0, COLS, line, ui_attr(ui, PAIR_DIM), true);
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
	snprintf(name, sizeof name, "公示名单-%s-%s-%lld.xlsx", p->villages[p->vi].name, day,
		 (long long)batch);
	out_path(ui, path, sizeof path, name);
	if (publicity_write(ui->s->store, &ui->s->cfg, &ui->s->cat, batch, path, &e) != 0) {
		snprintf(text, sizeof text, "未能生成公示表：%s\n可按 w 重新生成。", e.msg);
		ui_message(ui, title, text);
		ui_flash(ui, true, "未能生成公示表：%s", e.msg);
		return;
	}
	snprintf(text, sizeof text, "公示表已写入：\n%s\n请打印后在%s张贴。", path, p->villages[p->vi].name);
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
	date_format(ui->today + days - 1, to);
	snprintf(q, sizeof q, "在%s张贴 %zu 件申请的公示名单（拟纳入和拟不纳入），公示期自今天起至 %s（%d 天）？\n"
		 "这些申请将转为“公示中”。", p->villages[p->vi].name, p->ready.n, to, days);
	if (!ui_confirm(ui, q))
		return;
	if (publicity_post(ui->s->store, &ui->s->cfg, p->villages[p->vi].id, &p->ready, ui->today,
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
	if (publicity_latest(ui->s->store, p->villages[p->vi].id, &batch, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	if (batch == 0) {
		ui_flash(ui, true, "%s还没有张贴过公示名单", p->villages[p->vi].name);
		return;
	}
	write_batch(ui, p, batch, "公示表已重新生成");
}

static void announce(struct ui *ui, struct pub *p)
{
	char path[PATH_MAX + 128], name[256], day[11], text[PATH_MAX + 512];
	struct err e;
	struct pub_list l;
	const char *village = p->villages[p->vi].name;
	date_format(ui->today, day);
	snprintf(name, sizeof name, "公布名单-%s-%s.xlsx", village, day);
	out_path(ui, path, sizeof path, name);
	if (publicity_write_announcement(ui->s->store, &ui->s->cfg, &ui->s->cat, p->villages[p->vi].id,
					 ui->today, path, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	if (publicity_approved(ui->s->store, p->villages[p->vi].id, &l, &e) != 0) {
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
			if (publicity_announce(ui->s->store, &ui->s->cfg, &l, ui->today, ui->s->roles, &n, &e) != 0) {
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

static void pick_village(struct ui *ui, struct pub *p)
{
	const char *labels[MAX_VILLAGES];
	if (p->n_villages == 0)
		return;
	for (int i = 0; i < p->n_villages; i++)
		labels[i] = p->labels[i];
	int k = ui_pick(ui, "选择村（社区）", labels, p->n_villages, p->vi);
	if (k >= 0) {
		p->vi = k;
		p->top = 0;
		reload(ui, p);
	}
}

static int pub_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct pub *p = sc->data;
	size_t h = (size_t)list_rows();
	if (!is_key && (ch == 'v' || ch == 'V')) {
		pick_village(ui, p);
	} else if (!is_key && (ch == 'P' || ch == 'p') && p->n_villages > 0) {
		post(ui, p);
	} else if (!is_key && (ch == 'A' || ch == 'a') && p->n_villages > 0) {
		announce(ui, p);
	} else if (!is_key && (ch == 'w' || ch == 'W') && p->n_villages > 0) {
		rewrite(ui, p);
	} else if (!is_key && (ch == 'r' || ch == 'R')) {
		reload(ui, p);
		ui_flash(ui, false, "已刷新");
	} else if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		p->top = p->top > 0 ? p->top - 1 : 0;
	} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		if (p->top + h < p->ready.n)
			p->top++;
	} else if (is_key && ch == KEY_PPAGE) {
		p->top = p->top > h ? p->top - h : 0;
	} else if ((is_key && ch == KEY_NPAGE) || (!is_key && ch == ' ')) {
		p->top = p->top + 2 * h <= p->ready.n ? p->top + h : p->ready.n > h ? p->ready.n - h : 0;
	} else if (is_key && ch == KEY_RESIZE) {
		reload(ui, p);
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
		   "下方：仍在公示期内的名单及其期满日期。上下键 j k PgUp PgDn 翻动；r 刷新。";
	sc->draw = pub_draw;
	sc->key = pub_key;
	sc->resume = pub_resume;
	sc->destroy = pub_destroy;
	sc->cursor_y = -1;
	load_villages(ui, p);
	/* Start at the first village with something to post. */
	for (int i = 0; i < p->n_villages; i++)
		if (p->villages[i].ready > 0) {
			p->vi = i;
			break;
		}
	reload(ui, p);
	return sc;
}
