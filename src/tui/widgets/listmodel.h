/* The window of a list, without curses: which rows are on the screen,
 * which one is selected, and how the window moves. Rows come from a fetch
 * callback a screen supplies, a few at a time by key (keyset paging, as
 * applist_page does): never OFFSET, never the whole table. Only the rows
 * that fit are held. Tested alone (tests/unit/test_listmodel.c); drawn and
 * given keys by list.c. */
#ifndef JZ_LISTMODEL_H
#define JZ_LISTMODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store/page.h"
#include "core/base/err.h"

/* Which rows a fetch asks for. */
enum lm_dir {
	LM_FIRST,	/* the first max rows (anchor NULL) */
	LM_LAST,	/* the last max rows (anchor NULL) */
	LM_AFTER,	/* up to max rows just after the anchor row */
	LM_BEFORE,	/* up to max rows just before the anchor row */
	LM_AT,		/* up to max rows from the anchor row on, itself included */
};

/* Fills out[0..*n) (row_size bytes each) in display order, whatever the
 * direction. `anchor` is a row the model holds (the screen reads its key
 * from it). Returns 0, or -1 with a message in e. */
typedef int (*lm_fetch_fn)(void *ctx, enum lm_dir dir, const void *anchor, void *out,
			   int max, int *n, struct err *e);

struct listmodel {
	lm_fetch_fn fetch;
	void *ctx;		/* not owned */
	size_t row_size;
	char *rows;		/* cap rows, owned; the first n are the window */
	char *spare;		/* cap rows, owned: where fetches land */
	int cap, n, height, sel;
	long top;		/* the window's first row counted from the start; -1 unknown (after End) */
	bool cursor;		/* a selected row; false: arrows scroll the view */
	bool wrap;		/* past either end goes round (pick lists only) */
	bool failed;		/* the last fetch failed: error says why */
	struct err error;
};

void lm_init(struct listmodel *m, size_t row_size, lm_fetch_fn fetch, void *ctx);
void lm_free(struct listmodel *m);

/* The number of visible rows; the window is re-fetched in place, keeping
 * the selected row on the screen. */
void lm_resize(struct listmodel *m, int height);
/* Re-fetches the window from its top row (rows changed underneath). */
void lm_reload(struct listmodel *m);
void lm_first(struct listmodel *m);	/* Home; also after a filter changes */
void lm_last(struct listmodel *m);	/* End */
void lm_down(struct listmodel *m);	/* scrolls one row at the bottom edge */
void lm_up(struct listmodel *m);
void lm_page_down(struct listmodel *m);
void lm_page_up(struct listmodel *m);
/* Selects the window's row i (clamped). */
void lm_select(struct listmodel *m, int i);
/* Opens the window at the anchor row (selected), filled from above when
 * it is near the end. */
void lm_goto(struct listmodel *m, const void *anchor);

const void *lm_row(const struct listmodel *m, int i);
/* The selected row, NULL when the list is empty. */
const void *lm_selected(const struct listmodel *m);

/* A small list held in memory: its rows are the indexes 0..*count-1
 * (ints); ctx is a `const int *count`. */
/* The store's paging direction for a list's request (core/store/page.h):
 * the last rows and the rows before the anchor are read backwards. */
enum page_dir lm_page_dir(enum lm_dir dir);

int lm_index_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max, int *n,
		   struct err *e);

#endif
