/* One list for every list (htop's Panel, calcurse's listbox, tmux's
 * mode-tree): a screen supplies a fetch (listmodel.h: a few rows by key,
 * or lm_index_fetch for a small array) and says what goes in each cell of
 * a row; the list owns the visible rows, the selection, scrolling, the
 * search line, the column heads, the highlight, cutting and padding cells
 * by display width, the empty-list and error messages and the search
 * hints on the bottom line.
 *
 * The keys are the same in every list:
 *   Up/Down (or Ctrl-P/Ctrl-N)  one row; the window scrolls one row at the
 *                               edges and stops at the ends (no wrapping;
 *                               only ui_pick's short modal lists wrap)
 *   PgUp/PgDn                   a page less one row; at an end, the rest
 *   Home/End                    the first/last row
 *   / s F3                      the search line, when the list has one:
 *                               typing re-runs the fetch, Enter or Down
 *                               finishes, Esc clears
 * Letters are commands, never movement: no j/k anywhere (审核审批's k is
 * the kind filter). A screen passes its keys to list_key first and acts on
 * what the list leaves (KEY_IGNORED). */
#ifndef JZ_LIST_H
#define JZ_LIST_H

#include "tui/ui.h"
#include "tui/widgets/listmodel.h"

#define LIST_MAX_COLS 16

struct list_col {
	const char *head;
	int width;		/* display columns; 0 = the rest of the line */
	bool right;		/* cells right-aligned */
	bool head_right;	/* the head right-aligned */
};

/* One cell, filled by the screen's cells callback. */
struct list_cell {
	const char *text;	/* NULL: buf */
	char buf[128];
	attr_t attr;		/* used when own_attr */
	bool own_attr;		/* e.g. an overdue date in red */
	bool right;		/* right-aligned */
	bool span;		/* takes the rest of the row */
};

/* What goes in each cell of `row` (cells are zeroed before the call);
 * `selected` when the row shows the highlight. */
typedef void (*list_cells_fn)(struct ui *ui, void *ctx, const void *row, bool selected,
			      struct list_cell *cells);

struct list {
	struct listmodel m;
	const struct list_col *cols;	/* not owned */
	int n_cols;
	list_cells_fn cells;
	void *ctx;		/* not owned: the screen's */
	int gap;		/* blank columns kept at the right of each cell */
	int pitch;		/* screen lines per row: 1 (the menu: 2) */
	attr_t normal;		/* rows not selected */
	bool focused;		/* false: another pane has the keys, no highlight */
	bool header;		/* the column heads above the rows */
	const char *empty;	/* said when there are no rows */
	char *search;		/* the screen's search text, edited here; NULL: none */
	size_t search_size;
	const char *search_label;
	bool searching;		/* typing goes into the search text */
	bool stale;		/* re-fetch at the next draw (terminal resized) */
};

void list_init(struct list *l, size_t row_size, lm_fetch_fn fetch, void *fetch_ctx);
/* A small list held by the screen: rows are the indexes 0..*count-1. */
void list_init_index(struct list *l, const int *count);
void list_columns(struct list *l, const struct list_col *cols, int n, list_cells_fn cells,
		  void *ctx);
/* Gives the list a search line "label + text" editing buf. */
void list_search(struct list *l, const char *label, char *buf, size_t size);
void list_free(struct list *l);

/* Draws within h lines from (y, x), w columns wide: the search line, the
 * heads, the rows. Fetches first when the height changed or is stale. */
void list_draw(struct ui *ui, struct screen *sc, struct list *l, int y, int x, int h, int w);
/* One row of cells at line y in attr (e.g. a 合计 row under the list). */
void list_draw_row(struct ui *ui, struct list *l, int y, int x, int w, const void *row,
		   attr_t attr);
/* The line above the bottom bar: the fetch's error, else the note. */
void list_status(struct ui *ui, const struct list *l, const char *note);
/* The search hints while searching, else the screen's own. */
const struct hint *list_hints(const struct list *l, const struct hint *own);

int list_key(struct ui *ui, struct list *l, bool is_key, wint_t ch);
void list_reload(struct list *l);	/* back from a screen above */
void list_restart(struct list *l);	/* a filter changed: from the top */

const void *list_selected(const struct list *l);
/* For index lists: the selected index, -1 when empty. */
int list_selected_index(const struct list *l);

#endif
