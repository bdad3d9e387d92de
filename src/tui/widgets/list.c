/* The list widget: drawing and keys around a listmodel (see list.h). */
#include <stdio.h>
#include <string.h>

#include "core/base/utf8.h"
#include "tui/widgets/list.h"

static const struct hint search_hints[] = {
	{ "输入", "姓名/拼音首字母/身份证号" }, { "Enter", "完成" }, { "Esc", "清除" },
	{ NULL, NULL },
};

void list_init(struct list *l, size_t row_size, lm_fetch_fn fetch, void *fetch_ctx)
{
	memset(l, 0, sizeof *l);
	lm_init(&l->m, row_size, fetch, fetch_ctx);
	l->pitch = 1;
	l->normal = A_NORMAL;
	l->focused = true;
	l->header = true;
}

void list_init_index(struct list *l, const int *count)
{
	list_init(l, sizeof(int), lm_index_fetch, (void *)count);
}

void list_columns(struct list *l, const struct list_col *cols, int n, list_cells_fn cells,
		  void *ctx)
{
	l->cols = cols;
	l->n_cols = n < LIST_MAX_COLS ? n : LIST_MAX_COLS;
	l->cells = cells;
	l->ctx = ctx;
}

void list_search(struct list *l, const char *label, char *buf, size_t size)
{
	l->search_label = label;
	l->search = buf;
	l->search_size = size;
}

void list_free(struct list *l)
{
	lm_free(&l->m);
}

/* Cells across one line: each cut and padded to its width; a column that
 * does not fit whole is left out. */
static void draw_cells(struct list *l, int y, int x, int w, const struct list_cell *c,
		       attr_t attr)
{
	int cur = x;
	ui_text(y, x, w, "", attr, true);
	for (int i = 0; i < l->n_cols && cur < x + w; i++) {
		int cw = l->cols[i].width == 0 || c[i].span ? x + w - cur : l->cols[i].width;
		if (cur + cw > x + w)
			break;
		int tw = cw - (cw > l->gap ? l->gap : 0);
		const char *text = c[i].text != NULL ? c[i].text : c[i].buf;
		attr_t a = c[i].own_attr ? c[i].attr : attr;
		if (c[i].right)
			ui_text_right(y, cur, tw, text, a);
		else
			ui_text(y, cur, tw, text, a, true);
		cur += cw;
		if (c[i].span)
			break;
	}
}

static void draw_heads(struct list *l, int y, int x, int w)
{
	struct list_cell c[LIST_MAX_COLS];
	memset(c, 0, sizeof c);
	for (int i = 0; i < l->n_cols; i++) {
		c[i].text = l->cols[i].head;
		c[i].right = l->cols[i].head_right;
	}
	draw_cells(l, y, x, w, c, A_BOLD | A_UNDERLINE);
}

void list_draw_row(struct ui *ui, struct list *l, int y, int x, int w, const void *row,
		   attr_t attr)
{
	struct list_cell c[LIST_MAX_COLS];
	memset(c, 0, sizeof c);
	l->cells(ui, l->ctx, row, false, c);
	for (int i = 0; i < l->n_cols; i++)
		c[i].right = c[i].right || l->cols[i].right;
	draw_cells(l, y, x, w, c, attr);
}

static void draw_row(struct ui *ui, struct list *l, int i, int y, int x, int w)
{
	struct list_cell c[LIST_MAX_COLS];
	bool sel = l->m.cursor && l->focused && i == l->m.sel;
	memset(c, 0, sizeof c);
	l->cells(ui, l->ctx, lm_row(&l->m, i), sel, c);
	for (int k = 0; k < l->n_cols; k++)
		c[k].right = c[k].right || l->cols[k].right;
	draw_cells(l, y, x, w, c, sel ? ui_attr(ui, PAIR_SELECT) : l->normal);
}

static int draw_search(struct ui *ui, struct screen *sc, struct list *l, int y, int x, int w)
{
	char line[256];
	snprintf(line, sizeof line, "%s%s", l->search_label, l->search);
	ui_text(y, x, w, line, l->searching ? ui_attr(ui, PAIR_SELECT) : A_NORMAL, true);
	if (l->searching) {
		sc->cursor_y = y;
		sc->cursor_x = x + utf8_width(line);
	}
	return y + 1;
}

void list_draw(struct ui *ui, struct screen *sc, struct list *l, int y, int x, int h, int w)
{
	int bottom = y + h;
	if (l->search != NULL)
		y = draw_search(ui, sc, l, y, x, w);
	if (l->header && l->n_cols > 0)
		draw_heads(l, y++, x, w);
	int rows = (bottom - y) / (l->pitch > 0 ? l->pitch : 1);
	if (rows != l->m.height || l->stale)
		lm_resize(&l->m, rows);
	l->stale = false;
	for (int i = 0; i < l->m.n; i++)
		draw_row(ui, l, i, y + i * l->pitch, x, w);
	if (l->m.n == 0 && !l->m.failed && l->empty != NULL)
		ui_text(rows > 1 ? y + 1 : y, x + 2, w - 2, l->empty, ui_attr(ui, PAIR_DIM), false);
}

void list_status(struct ui *ui, const struct list *l, const char *note)
{
	if (l->m.failed)
		ui_text(LINES - 2, 0, COLS, l->m.error.msg, ui_attr(ui, PAIR_ERROR), true);
	else if (note != NULL)
		ui_text(LINES - 2, 0, COLS, note, ui_attr(ui, PAIR_DIM), true);
}

const struct hint *list_hints(const struct list *l, const struct hint *own)
{
	return l->searching ? search_hints : own;
}

void list_reload(struct list *l)
{
	lm_reload(&l->m);
}

void list_restart(struct list *l)
{
	lm_first(&l->m);
}

const void *list_selected(const struct list *l)
{
	return lm_selected(&l->m);
}

int list_selected_index(const struct list *l)
{
	const int *i = lm_selected(&l->m);
	return i != NULL ? *i : -1;
}

static bool is_enter(bool is_key, wint_t ch)
{
	return (!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER);
}

/* Takes the last character (UTF-8) off the search text. */
static void search_backspace(char *s)
{
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] & 0xC0) == 0x80)
		len--;
	s[len > 0 ? len - 1 : 0] = '\0';
}

/* Typing into the search text: each change re-runs the fetch. */
static int search_key(struct list *l, bool is_key, wint_t ch)
{
	size_t len = strlen(l->search);
	if (!is_key && ch == 27) {
		l->search[0] = '\0';
		l->searching = false;
	} else if (is_enter(is_key, ch) || (is_key && ch == KEY_DOWN)) {
		l->searching = false;
		return KEY_HANDLED;
	} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		search_backspace(l->search);
	} else if (!is_key && ch >= 0x20) {
		char buf[8];
		wchar_t w = (wchar_t)ch;
		size_t k = wcs_to_utf8(&w, 1, buf, sizeof buf);
		if (len + k >= l->search_size)
			return KEY_HANDLED;
		memcpy(l->search + len, buf, k + 1);
	} else {
		return KEY_HANDLED;
	}
	list_restart(l);
	return KEY_HANDLED;
}

/* The moving keys, as a table. */
static const struct {
	bool is_key;
	wint_t ch;
	void (*go)(struct listmodel *m);
} moves[] = {
	{ true, KEY_DOWN, lm_down }, { false, 14, lm_down },	/* Ctrl-N */
	{ true, KEY_UP, lm_up }, { false, 16, lm_up },		/* Ctrl-P */
	{ true, KEY_NPAGE, lm_page_down }, { true, KEY_PPAGE, lm_page_up },
	{ true, KEY_HOME, lm_first }, { true, KEY_END, lm_last },
};

int list_key(struct ui *ui, struct list *l, bool is_key, wint_t ch)
{
	(void)ui;
	if (l->searching)
		return search_key(l, is_key, ch);
	if (is_key && ch == KEY_RESIZE) {
		l->stale = true;
		return KEY_HANDLED;
	}
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].is_key == is_key && moves[i].ch == ch) {
			moves[i].go(&l->m);
			return KEY_HANDLED;
		}
	if (l->search != NULL && ((!is_key && (ch == '/' || ch == 's')) || (is_key && ch == KEY_F(3)))) {
		l->searching = true;
		return KEY_HANDLED;
	}
	return KEY_IGNORED;
}
