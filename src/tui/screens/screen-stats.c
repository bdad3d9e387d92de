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
#include "tui/xalloc.h"

#define N_TABLES 3
#define RELOAD_SECONDS 10

static const char *const tab_names[N_TABLES] = {
	"1 按村（社区）和状态", "2 按救助类别和状态", "3 每月金额",
};

struct stats {
	struct stats_table t[N_TABLES];
	int cur;
	size_t top, left;	/* first data row and column shown */
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

static void draw_row(const struct stats_table *t, size_t r, int y, int lw, size_t left,
		     attr_t at)
{
	int x = ui_text(y, 0, lw, t->row[r], at, true);
	for (size_t c = left; c < t->n_cols; c++) {
		int w = col_width(t, c);
		char buf[32];
		if (x + w > COLS)
			break;
		format_value(t, r, c, buf, sizeof buf);
		ui_text_right(y, x, w, buf, at);
		x += w;
	}
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
	int lw = label_width(t), x = ui_text(3, 0, lw, t->corner, A_BOLD | A_UNDERLINE, true);
	for (size_t c = s->left; c < t->n_cols; c++) {
		int w = col_width(t, c);
		if (x + w > COLS)
			break;
		ui_text_right(3, x, w, t->col[c], A_BOLD | A_UNDERLINE);
		x += w;
	}
	size_t data_rows = t->n_rows - 1;
	int h = body_rows();
	for (int i = 0; i < h && s->top + (size_t)i < data_rows; i++)
		draw_row(t, s->top + (size_t)i, 4 + i, lw, s->left, A_NORMAL);
	draw_row(t, t->n_rows - 1, 4 + h, lw, s->left, A_BOLD | A_REVERSE);
	bool more_right = false;
	for (size_t c = s->left, w = (size_t)lw; c < t->n_cols; c++) {
		w += (size_t)col_width(t, c);
		more_right = more_right || w > (size_t)COLS;
	}
	snprintf(line, sizeof line, "第 %zu-%zu 行，共 %zu 行%s%s", data_rows ? s->top + 1 : 0,
		 s->top + (size_t)h < data_rows ? s->top + (size_t)h : data_rows, data_rows,
		 s->left > 0 ? "；左键 左边还有列" : "", more_right ? "；右键 右边还有列" : "");
	ui_text(LINES - 2, 0, COLS, line, ui_attr(ui, PAIR_DIM), true);
}

static void clamp(struct stats *s)
{
	const struct stats_table *t = &s->t[s->cur];
	size_t data_rows = t->n_rows > 0 ? t->n_rows - 1 : 0, h = (size_t)body_rows();
	size_t max_top = data_rows > h ? data_rows - h : 0;
	if (s->top > max_top)
		s->top = max_top;
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

static int stats_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct stats *s = sc->data;
	const struct stats_table *t = &s->t[s->cur];
	size_t h = (size_t)body_rows();
	if ((!is_key && ch == '\t') || (is_key && ch == KEY_BTAB)) {
		s->cur = (s->cur + (is_key ? N_TABLES - 1 : 1)) % N_TABLES;
		s->top = s->left = 0;
	} else if (!is_key && ch >= '1' && ch < '1' + N_TABLES) {
		s->cur = (int)(ch - '1');
		s->top = s->left = 0;
	} else if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		s->top = s->top > 0 ? s->top - 1 : 0;
	} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		s->top++;
	} else if (is_key && ch == KEY_PPAGE) {
		s->top = s->top > h ? s->top - h : 0;
	} else if ((is_key && ch == KEY_NPAGE) || (!is_key && ch == ' ')) {
		s->top += h;
	} else if ((is_key && ch == KEY_LEFT) || (!is_key && ch == 'h')) {
		s->left = s->left > 0 ? s->left - 1 : 0;
	} else if ((is_key && ch == KEY_RIGHT) || (!is_key && ch == 'l')) {
		if (s->left < max_left(t))
			s->left++;
	} else if ((is_key && ch == KEY_HOME) || (!is_key && ch == 'g')) {
		s->top = s->left = 0;
	} else if ((is_key && ch == KEY_END) || (!is_key && ch == 'G')) {
		s->top = t->n_rows;
		s->left = max_left(t);
	} else if (!is_key && (ch == 'r' || ch == 'R')) {
		load(ui, s);
		ui_flash(ui, false, "已刷新");
	} else if (is_key && ch == KEY_RESIZE) {
		;
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
		   "Tab（或数字 1-3）切换；上下键 j k 上下滚动，PgUp PgDn 翻页，左右键 h l 左右滚动，"
		   "Home/g 回到左上，End/G 到右下；r 刷新。数字每 10 秒自动刷新。";
	sc->draw = stats_draw;
	sc->key = stats_key;
	sc->idle = stats_idle;
	sc->resume = stats_resume;
	sc->destroy = stats_destroy;
	sc->cursor_y = -1;
	load(ui, s);
	return sc;
}
