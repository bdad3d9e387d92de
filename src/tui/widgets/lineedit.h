/* The line editor behind every form field: a wchar_t buffer with a cursor,
 * no curses. Keys arrive from get_wch as whole characters (an IME commits
 * whole characters too); tui/ draws what lineedit_view says is visible. */
#ifndef JZ_LINEEDIT_H
#define JZ_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "core/base/err.h"

struct lineedit {
	wchar_t *buf;		/* owned; always NUL-terminated at buf[len] */
	size_t len, cap, cursor;	/* in characters; 0 <= cursor <= len */
	size_t scroll;		/* first char shown (kept by lineedit_view) */
	size_t max_chars;	/* 0: no limit */
	bool multiline;		/* keeps '\n' (view/line moves are for later) */
};

/* An empty editor. Returns -1 only when memory runs out. */
int lineedit_init(struct lineedit *le, size_t max_chars, bool multiline,
		  struct err *e);
void lineedit_free(struct lineedit *le);

/* Replaces the text with UTF-8 s (NULL = empty); the cursor goes to the end.
 * Text is cleaned as a paste is; over max_chars it is cut and -1 returned
 * (the cut text stays in the editor). Invalid bytes become U+FFFD. */
int lineedit_set_utf8(struct lineedit *le, const char *s, struct err *e);
/* The text as UTF-8, malloc'd (caller frees); NULL when memory runs out. */
char *lineedit_get_utf8(const struct lineedit *le, struct err *e);

/* Inserts one character at the cursor. A tab becomes a space; other
 * control characters (and '\n' in a single-line editor) are refused. At
 * max_chars nothing is inserted. Returns 0, or -1 with a message. */
int lineedit_insert(struct lineedit *le, wchar_t c, struct err *e);
/* Inserts a pasted string: control characters other than tab (a space)
 * are dropped, as are newlines in a single-line editor. What does not fit
 * under max_chars is dropped and -1 returned (the rest stays inserted). */
int lineedit_insert_str(struct lineedit *le, const wchar_t *s, struct err *e);
int lineedit_insert_utf8(struct lineedit *le, const char *s, struct err *e);

/* Deleting and moving return true when something changed. */
bool lineedit_delete_before(struct lineedit *le);	/* Backspace */
bool lineedit_delete_at(struct lineedit *le);		/* Delete */
/* Ctrl-W. Words are runs of letters, digits and wide (Chinese) characters. */
bool lineedit_delete_word_before(struct lineedit *le);
bool lineedit_kill_to_end(struct lineedit *le);		/* Ctrl-K */
void lineedit_clear(struct lineedit *le);
bool lineedit_left(struct lineedit *le);
bool lineedit_right(struct lineedit *le);
bool lineedit_home(struct lineedit *le);
bool lineedit_end(struct lineedit *le);

/* Adjusts le->scroll so that the cursor is visible in width_cols display
 * columns (the cursor at the end needs one column), and pulls the text
 * back right when there is room. *first = le->scroll; *cursor_col = the
 * cursor's column from the left edge. */
void lineedit_view(struct lineedit *le, int width_cols, size_t *first,
		   int *cursor_col);
/* How many characters from `first` fit wholly in width_cols columns: a
 * double-width character that would straddle the edge is not counted.
 * *cols (may be NULL) gets the columns they use. */
size_t lineedit_fit(const struct lineedit *le, size_t first, int width_cols,
		    int *cols);

#endif
