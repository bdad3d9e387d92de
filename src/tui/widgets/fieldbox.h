/* One labelled field on a screen: the label (with * when required), a line
 * editor shown through its visible window, the cursor, and under it the
 * field's problem or help. Forms (formview.c) and report parameters
 * (screen-reports.c) are both columns of these. What a field means, how it
 * is checked and what picks a choice stay with the screen that owns it. */
#ifndef JZ_FIELDBOX_H
#define JZ_FIELDBOX_H

#include "tui/ui.h"
#include "tui/widgets/lineedit.h"

struct fieldbox {
	const char *label;	/* not owned: outlives the field */
	bool required;		/* "*" before the label */
	const char *pick_hint;	/* non-NULL: a choice, picked by the screen from a
				 * list; this is shown at the right when active,
				 * and typing does not edit it. Not owned. */
	struct lineedit ed;
	char *msg;		/* the problem shown under the field; owned, or NULL */
	bool secret;		/* a password: drawn as one * per character */
};

/* An empty field of at most max_chars characters (0: no limit). Out of
 * memory ends the program through ui_fatal, as xalloc does. */
void fieldbox_init(struct fieldbox *f, const char *label, bool required, size_t max_chars);
void fieldbox_free(struct fieldbox *f);

/* The text as UTF-8, malloc'd: the caller frees it. Never NULL. */
char *fieldbox_value(const struct fieldbox *f);
/* Replaces the text (NULL: empty). Text over max_chars is cut, kept, and
 * -1 returned with a message. */
int fieldbox_set(struct fieldbox *f, const char *utf8, struct err *e);
/* The problem under the field (copied); NULL clears it. */
void fieldbox_set_msg(struct fieldbox *f, const char *msg);

/* Draws the field on row y, its label right-aligned in the first
 * label_cols - 1 columns, its text to the right edge less two. The active
 * field is highlighted, and its text field (not a choice) gets the cursor.
 * Row y + 1 says the problem, or for the active field `help` (may be NULL). */
void fieldbox_draw(struct ui *ui, struct screen *sc, struct fieldbox *f, int y, int label_cols,
		   bool active, const char *help);

/* The editing keys of a text field: arrows, Home/End (^A ^E), Backspace,
 * Delete, ^W, ^K, ^U and typed characters (a refused one is flashed). A
 * choice takes none of them. IGNORED: not an editing key (the screen's);
 * HANDLED: taken, the text is as it was; CHANGED: the text changed. */
enum fieldbox_result { FIELDBOX_IGNORED, FIELDBOX_HANDLED, FIELDBOX_CHANGED };
enum fieldbox_result fieldbox_key(struct ui *ui, struct fieldbox *f, bool is_key, wint_t ch);

#endif
