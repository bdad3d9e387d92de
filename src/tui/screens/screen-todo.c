/* A part of the program that is not built yet says so plainly. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "tui/ui.h"
#include "tui/xalloc.h"

static const struct hint todo_hints[] = { { "Esc", "返回" }, { NULL, NULL } };

static void todo_draw(struct ui *ui, struct screen *sc)
{
	ui_text(3, 4, COLS - 8, sc->title, ui_attr(ui, PAIR_TITLE), false);
	ui_text(5, 4, COLS - 8, "这一部分尚未完成，暂时不能使用。", ui_attr(ui, PAIR_WARN), false);
	ui_text(7, 4, COLS - 8, sc->data, A_NORMAL, false);
	ui_text(9, 4, COLS - 8, "按 Esc 返回主菜单。", A_NORMAL, false);
}

static int todo_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	(void)ui, (void)sc, (void)is_key, (void)ch;
	return KEY_IGNORED;
}

static void todo_destroy(struct screen *sc)
{
	free(sc->data);
	free(sc);
}

struct screen *screen_todo_new(const char *title, const char *what)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	snprintf(sc->title, sizeof sc->title, "%s", title);
	sc->data = xstrdup(what);
	sc->hints = todo_hints;
	sc->help = "这一部分尚未完成。按 Esc 返回。";
	sc->draw = todo_draw;
	sc->key = todo_key;
	sc->destroy = todo_destroy;
	sc->cursor_y = -1;
	return sc;
}
