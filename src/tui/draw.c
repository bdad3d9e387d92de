/* Drawing text by display columns, and small modal boxes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/base/utf8.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"

attr_t ui_attr(const struct ui *ui, int pair)
{
	if (ui->color)
		return COLOR_PAIR(pair) | (pair == PAIR_TITLE || pair == PAIR_ERROR ? A_BOLD : 0);
	switch (pair) {
	case PAIR_BAR:
	case PAIR_SELECT:
		return A_REVERSE;
	case PAIR_TITLE:
	case PAIR_ERROR:
	case PAIR_WARN:
		return A_BOLD;
	case PAIR_DIM:
		return A_DIM;
	default:
		return A_NORMAL;
	}
}

int ui_text(int y, int x, int cols, const char *utf8, attr_t attr, bool pad)
{
	wchar_t w[512];
	size_t n = utf8_to_wcs(utf8, w, sizeof w / sizeof w[0]);
	int used = 0;
	attr_set(attr, 0, NULL);
	move(y, x);
	for (size_t i = 0; i < n; i++) {
		wchar_t c = w[i] == L'\n' || w[i] == L'\t' ? L' ' : w[i];
		int cw = wc_cols(c);
		if (cw == 0 || c < 0x20)
			continue;
		if (used + cw > cols)
			break;
		cchar_t cc;
		wchar_t s[2] = { c, 0 };
		setcchar(&cc, s, attr, 0, NULL);
		add_wch(&cc);
		used += cw;
	}
	for (; pad && used < cols; used++)
		addch(' ' | attr);
	attr_set(A_NORMAL, 0, NULL);
	return used;
}

void ui_text_right(int y, int x, int cols, const char *utf8, attr_t attr)
{
	int w = utf8_width(utf8);
	if (w > cols)
		w = cols;
	ui_text(y, x + cols - w, w, utf8, attr, false);
}

void ui_flash(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->flash, sizeof ui->flash, fmt, ap);
	va_end(ap);
	ui->flash_error = error;
}

/* Splits text into lines of at most `cols` columns (at \n or width). */
int ui_wrap(const char *text, int cols, char lines[][256], int max)
{
	int n = 0;
	const char *p = text;
	while (*p && n < max) {
		int w = 0;
		size_t len = 0;
		while (p[len] && p[len] != '\n') {
			size_t k = 1;
			while ((p[len + k] & 0xC0) == 0x80)
				k++;
			char one[8] = { 0 };
			memcpy(one, p + len, k < 8 ? k : 7);
			int cw = utf8_width(one);
			if (w + cw > cols || len + k >= 255)
				break;
			w += cw;
			len += k;
		}
		memcpy(lines[n], p, len);
		lines[n][len] = '\0';
		n++;
		p += len;
		if (*p == '\n')
			p++;
	}
	return n;
}

/* A centred box with a title and text; returns its geometry. */
static void draw_box(struct ui *ui, const char *title, const char *text, const char *footer)
{
	char lines[40][256];
	int width = COLS - 8 < 72 ? COLS - 8 : 72;
	int n = ui_wrap(text, width - 4, lines, LINES - 8 > 40 ? 40 : LINES - 8);
	int h = n + 4, top = (LINES - h) / 2, left = (COLS - width) / 2;
	for (int y = 0; y < h; y++)
		ui_text(top + y, left, width, "", ui_attr(ui, PAIR_BAR), true);
	ui_text(top, left + 2, width - 4, title, ui_attr(ui, PAIR_BAR) | A_BOLD, false);
	for (int i = 0; i < n; i++)
		ui_text(top + 2 + i, left + 2, width - 4, lines[i], ui_attr(ui, PAIR_BAR), false);
	ui_text(top + h - 1, left + 2, width - 4, footer, ui_attr(ui, PAIR_BAR), false);
	refresh();
}

void ui_message(struct ui *ui, const char *title, const char *text)
{
	wint_t ch;
	int rc;
	draw_box(ui, title, text, "按任意键继续");
	do
		rc = get_wch(&ch);
	while (rc == ERR && !ui->quit && !ui_interrupted());
	if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
		clear();
}

bool ui_confirm(struct ui *ui, const char *question)
{
	wint_t ch;
	int rc;
	draw_box(ui, "请确认", question, "Enter 或 y 确定    Esc 或 n 取消");
	for (;;) {
		rc = get_wch(&ch);
		if (rc == ERR) {
			if (ui->quit || ui_interrupted())
				return false;
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			clear();
			draw_box(ui, "请确认", question, "Enter 或 y 确定    Esc 或 n 取消");
			continue;
		}
		if (rc == OK && (ch == 'y' || ch == 'Y' || ch == '\n' || ch == '\r'))
			return true;
		if (rc == OK && (ch == 'n' || ch == 'N' || ch == 27))
			return false;
	}
}

struct pick {
	const char *const *labels;
};

static void pick_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		       struct list_cell *c)
{
	(void)ui, (void)selected;
	const struct pick *p = ctx;
	snprintf(c[0].buf, sizeof c[0].buf, " %s", p->labels[*(const int *)row]);
}

/* The keys a pick list takes from the list: the arrows and pages (Home
 * and End are not pick keys). */
static bool pick_moves(bool key, wint_t ch)
{
	return key ? ch == KEY_UP || ch == KEY_DOWN || ch == KEY_PPAGE || ch == KEY_NPAGE
		   : ch == 14 || ch == 16;
}

static void pick_draw(struct ui *ui, struct list *l, const char *title, int n)
{
	int width = 40, rows = n < LINES - 8 ? n : LINES - 8;
	int top = (LINES - rows - 2) / 2, left = (COLS - width) / 2;
	struct screen none = { .cursor_y = -1 };
	ui_text(top, left, width, title, ui_attr(ui, PAIR_BAR) | A_BOLD, true);
	list_draw(ui, &none, l, top + 1, left, rows, width);
	ui_text(top + rows + 1, left, width, " 上下键 选择  Enter 确定  Esc 取消",
		ui_attr(ui, PAIR_BAR), true);
	refresh();
}

/* One key of a pick list: 1 chosen, -1 cancelled, 0 go on. */
static int pick_key(struct ui *ui, struct list *l, int rc, wint_t ch)
{
	bool key = rc == KEY_CODE_YES;
	if (rc == ERR)
		return ui->quit || ui_interrupted() ? -1 : 0;
	if (key && ch == KEY_RESIZE) {
		clear();
		return -1;
	}
	if (pick_moves(key, ch))
		list_key(ui, l, key, ch);
	else if ((!key && (ch == '\n' || ch == '\r')) || (key && ch == KEY_ENTER))
		return 1;
	else if (!key && ch == 27)
		return -1;
	return 0;
}

/* A modal list to pick one of n labels; returns the index or -1 (Esc).
 * Unlike the screens' lists it wraps round at the ends: it is short, and
 * the way back to an earlier choice is a few presses of Down. */
int ui_pick(struct ui *ui, const char *title, const char *const *labels, int n, int current)
{
	static const struct list_col col[] = { { .head = NULL, .width = 0 } };
	struct pick p = { labels };
	struct list l;
	int start = current >= 0 && current < n ? current : 0, k = 0;
	if (n <= 0)
		return -1;
	list_init_index(&l, &n);
	list_columns(&l, col, 1, pick_cells, &p);
	l.header = false;
	l.normal = ui_attr(ui, PAIR_BAR);
	l.m.wrap = true;
	lm_resize(&l.m, n < LINES - 8 ? n : LINES - 8);
	lm_goto(&l.m, &start);
	while (k == 0) {
		pick_draw(ui, &l, title, n);
		wint_t ch = 0;
		int rc = get_wch(&ch);
		k = pick_key(ui, &l, rc, ch);
	}
	int chosen = k > 0 ? list_selected_index(&l) : -1;
	list_free(&l);
	return chosen;
}
