/* 统计查询: live counts of applications by village × state and by kind ×
 * state, and the monthly amounts by kind (core/stats.c). Tab switches the
 * table; the label column and the 合计 row stay while the rest scrolls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/query/stats.h"
#include "core/base/utf8.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

#define N_TABLES 3
#define RELOAD_SECONDS 10

static const char *const tab_names[N_TABLES] = {
	"1 按村（社区）和状态", "2 按救助类别和状态", "3 每月金额",
};

struct stats {
	struct stats_table t[N_TABLES];
	int cur;
	size_t left;		/* the first column shown */
	int n_data;		/* rows of the table less 合计 */
	struct list list;
	struct list_col cols[LIST_MAX_COLS];	/* the label and the columns that fit */
	int width;		/* of those columns */
	time_t loaded;
	char error[512];
};

static const struct hint stats_hints[] = {
	{ "Tab", "切换" }, { "上下键左右键", "滚动" }, { "r", "刷新" }, { "Esc", "返回" },
	{ NULL, NULL },
};

static void load(struct ui *ui, struct stats *s)
{
	struct err e;
	struct store *st = ui->s->store;
	for (int i = 0; i < N_TABLES; i++)
		stats_free(&s->t[i]);
	s->error[0] = '\0';
	if (stats_village_state(st, &s->t[0], &e) != 0 ||
	    stats_kind_state(st, &ui->s->cat, &s->t[1], &e) != 0 ||
	    stats_paid_by_kind(st, &ui->s->cat, &s->t[2], &e) != 0)
		snprintf(s->error, sizeof s->error, "统计失败：%s", e.msg);
	s->loaded = time(NULL);
	s->n_data = s->t[s->cur].n_rows > 0 ? (int)s->t[s->cur].n_rows - 1 : 0;
	list_reload(&s->list);
}

static void format_value(const struct stats_table *t, size_t r, size_t c, char *out, size_t n)
{
	int64_t v = stats_at(t, r, c);
	if ((int)c == t->money_col)
		snprintf(out, n, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
	else
		snprintf(out, n, "%lld", (long long)v);
}

/* A column is as wide as its header or its widest value, plus a gap. */
static int col_width(const struct stats_table *t, size_t c)
{
	int w = utf8_width(t->col[c]);
	for (size_t r = 0; r < t->n_rows; r++) {
		char buf[32];
		format_value(t, r, c, buf, sizeof buf);
		if ((int)strlen(buf) > w)
			w = (int)strlen(buf);
	}
	return w + 2;
}

static int label_width(const struct stats_table *t)
{
	int w = utf8_width(t->corner);
	for (size_t r = 0; r < t->n_rows; r++)
		if (utf8_width(t->row[r]) > w)
			w = utf8_width(t->row[r]);
	return w > 24 ? 24 : w + 1;
}

static int body_rows(void)
{
	return LINES - 7;	/* tabs, note, header, 合计, message, two bars */
}

static void stats_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			struct list_cell *c)
{
	(void)ui, (void)selected;
	const struct stats *s = ctx;
	const struct stats_table *t = &s->t[s->cur];
	size_t r = (size_t)*(const int *)row;
	c[0].text = t->row[r];
	for (size_t k = 0; k + s->left < t->n_cols && k + 1 < LIST_MAX_COLS; k++)
		format_value(t, r, k + s->left, c[k + 1].buf, sizeof c[k + 1].buf);
}

/* The label column, then the columns from `left` that fit whole. */
static int fit_columns(struct stats *s)
{
	const struct stats_table *t = &s->t[s->cur];
	int n = 0;
	s->cols[n++] = (struct list_col){ .head = t->corner, .width = label_width(t) };
	s->width = s->cols[0].width;
	for (size_t c = s->left; c < t->n_cols && n < LIST_MAX_COLS; c++) {
		int w = col_width(t, c);
		if (s->width + w > COLS)
			break;
		s->cols[n++] = (struct list_col){ .head = t->col[c], .width = w, .right = true,
						  .head_right = true };
		s->width += w;
	}
	return n;
}

static void draw_tabs(struct ui *ui, struct stats *s)
{
	int x = 0;
	for (int i = 0; i < N_TABLES; i++) {
		char label[64];
		snprintf(label, sizeof label, " %s ", tab_names[i]);
		x += ui_text(1, x, COLS - x, label, i == s->cur ? ui_attr(ui, PAIR_SELECT) : A_NORMAL,
			     false) + 1;
	}
}

static void stats_draw(struct ui *ui, struct screen *sc)
{
	struct stats *s = sc->data;
	const struct stats_table *t = &s->t[s->cur];
	char line[256];
	struct tm tm;
	draw_tabs(ui, s);
	localtime_r(&s->loaded, &tm);
	snprintf(line, sizeof line, "%02d:%02d:%02d 的实时数据%s", tm.tm_hour, tm.tm_min, tm.tm_sec,
		 s->cur == 2 ? "；金额为已确认、已公布申请的核定金额" : "；单位：件");
	ui_text(2, 0, COLS, line, ui_attr(ui, PAIR_DIM), true);
	if (s->error[0] || t->n_rows == 0) {
		ui_text(4, 2, COLS - 4, s->error[0] ? s->error : "没有数据。", ui_attr(ui, PAIR_ERROR), false);
		return;
	}
	int lw = label_width(t), h = body_rows(), total = (int)t->n_rows - 1;
	const int *first = lm_row(&s->list.m, 0);
	size_t data_rows = t->n_rows - 1, top = first != NULL ? (size_t)*first : 0;
	list_columns(&s->list, s->cols, fit_columns(s), stats_cells, s);
	list_draw(ui, sc, &s->list, 3, 0, 1 + h, COLS);
	list_draw_row(ui, &s->list, 4 + h, 0, s->width, &total, A_BOLD | A_REVERSE);
	bool more_right = false;
	for (size_t c = s->left, w = (size_t)lw; c < t->n_cols; c++) {
		w += (size_t)col_width(t, c);
		more_right = more_right || w > (size_t)COLS;
	}
	snprintf(line, sizeof line, "第 %zu-%zu 行，共 %zu 行%s%s", data_rows ? top + 1 : 0,
		 top + (size_t)s->list.m.n, data_rows,
		 s->left > 0 ? "；左键 左边还有列" : "", more_right ? "；右键 右边还有列" : "");
	ui_text(LINES - 2, 0, COLS, line, ui_attr(ui, PAIR_DIM), true);
}

static void clamp(struct stats *s)
{
	const struct stats_table *t = &s->t[s->cur];
	if (t->n_cols == 0 || s->left >= t->n_cols)
		s->left = t->n_cols > 0 ? t->n_cols - 1 : 0;
}

/* The leftmost column that still shows the last one (End, →). */
static size_t max_left(const struct stats_table *t)
{
	int w = label_width(t);
	size_t c = t->n_cols;
	while (c > 0 && w + col_width(t, c - 1) <= COLS)
		w += col_width(t, --c);
	return c;
}

static void switch_table(struct ui *ui, struct stats *s, int cur)
{
	(void)ui;
	s->cur = cur;
	s->left = 0;
	s->n_data = s->t[cur].n_rows > 0 ? (int)s->t[cur].n_rows - 1 : 0;
	list_restart(&s->list);
}

static int stats_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct stats *s = sc->data;
	const struct stats_table *t = &s->t[s->cur];
	if (is_key && (ch == KEY_HOME || ch == KEY_END))	/* the corners: columns too */
		s->left = ch == KEY_HOME ? 0 : max_left(t);
	if (list_key(ui, &s->list, is_key, ch) == KEY_HANDLED) {
		;
	} else if ((!is_key && ch == '\t') || (is_key && ch == KEY_BTAB)) {
		switch_table(ui, s, (s->cur + (is_key ? N_TABLES - 1 : 1)) % N_TABLES);
	} else if (!is_key && ch >= '1' && ch < '1' + N_TABLES) {
		switch_table(ui, s, (int)(ch - '1'));
	} else if (is_key && ch == KEY_LEFT) {
		s->left = s->left > 0 ? s->left - 1 : 0;
	} else if (is_key && ch == KEY_RIGHT) {
		if (s->left < max_left(t))
			s->left++;
	} else if (!is_key && (ch == 'r' || ch == 'R')) {
		load(ui, s);
		ui_flash(ui, false, "已刷新");
	} else {
		return KEY_IGNORED;
	}
	clamp(s);
	return KEY_HANDLED;
}

/* Counts stay live: reloaded after a screen above closes and every few
 * seconds while nobody types. */
static void stats_idle(struct ui *ui, struct screen *sc)
{
	struct stats *s = sc->data;
	if (time(NULL) - s->loaded >= RELOAD_SECONDS) {
		load(ui, s);
		clamp(s);
	}
}

static void stats_resume(struct ui *ui, struct screen *sc)
{
	load(ui, sc->data);
	clamp(sc->data);
}

static void stats_destroy(struct screen *sc)
{
	struct stats *s = sc->data;
	for (int i = 0; i < N_TABLES; i++)
		stats_free(&s->t[i]);
	list_free(&s->list);
	free(s);
	free(sc);
}

struct screen *screen_stats_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct stats *s = xcalloc(1, sizeof *s);
	snprintf(sc->title, sizeof sc->title, "统计查询");
	sc->data = s;
	sc->hints = stats_hints;
	sc->help = "三张表：1 按村（社区）和状态的申请件数，2 按救助类别和状态的申请件数，"
		   "3 各类别已确认、已公布的件数和每月金额合计。\n"
		   "Tab（或数字 1-3）切换；上下键 上下滚动，PgUp PgDn 翻页，左右键 左右滚动，"
		   "Home 回到左上，End 到右下；r 刷新。数字每 10 秒自动刷新。";
	sc->draw = stats_draw;
	sc->key = stats_key;
	sc->idle = stats_idle;
	sc->resume = stats_resume;
	sc->destroy = stats_destroy;
	sc->cursor_y = -1;
	list_init_index(&s->list, &s->n_data);
	s->list.m.cursor = false;
	load(ui, s);
	return sc;
}
