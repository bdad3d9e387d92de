/* One labelled field; see fieldbox.h. */
#include "tui/widgets/fieldbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/utf8.h"
#include "tui/xalloc.h"

void fieldbox_init(struct fieldbox *f, const char *label, bool required, size_t max_chars)
{
	struct err e;
	f->label = label;
	f->required = required;
	f->pick_hint = NULL;
	f->msg = NULL;
	f->secret = false;
	if (lineedit_init(&f->ed, max_chars, false, &e) != 0)
		ui_fatal(e.msg);
}

void fieldbox_free(struct fieldbox *f)
{
	lineedit_free(&f->ed);
	free(f->msg);
	f->msg = NULL;
}

char *fieldbox_value(const struct fieldbox *f)
{
	struct err e;
	char *s = lineedit_get_utf8(&f->ed, &e);
	if (s == NULL)
		ui_fatal(e.msg);
	return s;
}

int fieldbox_set(struct fieldbox *f, const char *utf8, struct err *e)
{
	return lineedit_set_utf8(&f->ed, utf8, e);
}

void fieldbox_set_msg(struct fieldbox *f, const char *msg)
{
	free(f->msg);
	f->msg = msg != NULL ? xstrdup(msg) : NULL;
}

/* A password shows only how many characters it has, never which. */
static void secret_view(const struct fieldbox *f, int width, char *text, int *ccol)
{
	size_t n = f->ed.len < (size_t)width - 1 ? f->ed.len : (size_t)width - 1;
	memset(text, '*', n);
	text[n] = '\0';
	*ccol = (int)(f->ed.cursor < n ? f->ed.cursor : n);
}

void fieldbox_draw(struct ui *ui, struct screen *sc, struct fieldbox *f, int y, int label_cols,
		   bool active, const char *help)
{
	int width = COLS - label_cols - 2;
	char label[96];
	snprintf(label, sizeof label, "%s%s", f->required ? "*" : " ", f->label);
	ui_text_right(y, 0, label_cols - 1, label, active ? A_BOLD : A_NORMAL);
	/* Only the active field scrolls to its cursor; the others show their start. */
	size_t first = 0;
	int ccol = 0, cols = 0;
	if (active)
		lineedit_view(&f->ed, width, &first, &ccol);
	size_t k = lineedit_fit(&f->ed, first, width, &cols);
	char text[4096];
	if (f->secret)
		secret_view(f, width, text, &ccol);
	else
		wcs_to_utf8(f->ed.buf + first, k, text, sizeof text);
	attr_t box = active ? ui_attr(ui, PAIR_SELECT) : A_UNDERLINE;
	ui_text(y, label_cols, width, text, box, true);
	if (active && f->pick_hint != NULL)
		ui_text_right(y, label_cols, width, f->pick_hint, box);
	if (active && f->pick_hint == NULL) {
		sc->cursor_y = y;
		sc->cursor_x = label_cols + ccol;
	}
	if (f->msg != NULL)
		ui_text(y + 1, label_cols, width, f->msg, ui_attr(ui, PAIR_ERROR), true);
	else if (active && help != NULL)
		ui_text(y + 1, label_cols, width, help, ui_attr(ui, PAIR_DIM), true);
}

/* Cursor moves: handled whether or not the cursor could move. */
static bool move_key(struct lineedit *le, bool is_key, wint_t ch)
{
	if (is_key && ch == KEY_LEFT)
		lineedit_left(le);
	else if (is_key && ch == KEY_RIGHT)
		lineedit_right(le);
	else if ((is_key && ch == KEY_HOME) || (!is_key && ch == 1))
		lineedit_home(le);
	else if ((is_key && ch == KEY_END) || (!is_key && ch == 5))
		lineedit_end(le);
	else
		return false;
	return true;
}

/* Deleting keys; *changed says whether any text went. */
static bool delete_key(struct lineedit *le, bool is_key, wint_t ch, bool *changed)
{
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8)))
		*changed = lineedit_delete_before(le);
	else if (is_key && ch == KEY_DC)
		*changed = lineedit_delete_at(le);
	else if (!is_key && ch == 23)
		*changed = lineedit_delete_word_before(le);
	else if (!is_key && ch == 11)
		*changed = lineedit_kill_to_end(le);
	else if (!is_key && ch == 21) {
		lineedit_clear(le);
		*changed = true;
	} else
		return false;
	return true;
}

enum fieldbox_result fieldbox_key(struct ui *ui, struct fieldbox *f, bool is_key, wint_t ch)
{
	struct err e;
	bool changed = false;
	if (f->pick_hint != NULL)
		return FIELDBOX_IGNORED;
	if (move_key(&f->ed, is_key, ch))
		return FIELDBOX_HANDLED;
	if (delete_key(&f->ed, is_key, ch, &changed))
		return changed ? FIELDBOX_CHANGED : FIELDBOX_HANDLED;
	if (is_key || ch < 0x20 || ch == 127)
		return FIELDBOX_IGNORED;	/* Esc, Enter, F-keys: the screen's */
	if (lineedit_insert(&f->ed, (wchar_t)ch, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return FIELDBOX_HANDLED;
	}
	return FIELDBOX_CHANGED;
}
