/* The screens' shared state and the screen stack. One thread; one loop in
 * app.c decides when to draw. Screens only draw and handle keys; all work
 * is done by core functions. */
#ifndef JZ_UI_H
#define JZ_UI_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "core/office/form.h"
#include "core/session.h"

#define MIN_ROWS 24
#define MIN_COLS 80

/* What a key handler returns. */
enum {
	KEY_IGNORED = 0,
	KEY_HANDLED = 1,
};

/* A hint on the bottom line: "Enter 打开". */
struct hint {
	const char *key;
	const char *label;
};

struct ui;

struct screen {
	char title[64];
	const struct hint *hints;	/* NULL-terminated by .key == NULL */
	const char *help;		/* F1 / ? text, lines separated by \n */
	/* Draws the body between the top and bottom lines (rows 1..LINES-2). */
	void (*draw)(struct ui *ui, struct screen *sc);
	/* A key: `is_key` for KEY_* codes from get_wch. */
	int (*key)(struct ui *ui, struct screen *sc, bool is_key, wint_t ch);
	/* Esc or lost connection: save what is typed (drafts). May be NULL. */
	void (*suspend)(struct ui *ui, struct screen *sc);
	void (*destroy)(struct screen *sc);	/* frees sc and its data */
	/* No key for a second: e.g. keep the draft of a form up to date. */
	void (*idle)(struct ui *ui, struct screen *sc);
	/* The screen above was closed: reload what it may have changed. */
	void (*resume)(struct ui *ui, struct screen *sc);
	void *data;
	int cursor_y, cursor_x;	/* where the terminal cursor goes, -1 hidden */
};

struct ui {
	struct session *s;	/* not owned */
	struct screen *stack[16];
	int depth;
	bool quit;
	bool too_small;
	bool color;
	int64_t overdue;	/* alerts overdue, of every kind (-1: unknown) */
	int64_t due_today;	/* alerts due today */
	bool counts_stale;	/* recount once no key waits (ui_recount_later) */
	char flash[256];	/* message on the bottom line until the next key */
	bool flash_error;
	date_t today;
	struct form_set forms;	/* the forms directory, checked at start-up */
};

/* Colour pairs (A_BOLD/A_REVERSE stand in when there is no colour). */
enum { PAIR_TITLE = 1, PAIR_BAR, PAIR_SELECT, PAIR_ERROR, PAIR_WARN, PAIR_OK, PAIR_DIM };
attr_t ui_attr(const struct ui *ui, int pair);

void ui_push(struct ui *ui, struct screen *sc);
void ui_pop(struct ui *ui);
/* Closes a screen wherever it is on the stack. */
void ui_close(struct ui *ui, struct screen *sc);
void ui_flash(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Recounts what is overdue and due today (query/alerts.c). */
void ui_refresh_overdue(struct ui *ui);
/* The same once the screen is drawn and no key waits: on a county's store
 * the count takes a tenth of a second, which a keystroke must not wait for. */
void ui_recount_later(struct ui *ui);
/* A signal (Ctrl-C, SIGHUP, SIGTERM) asks the program to leave: modal
 * loops return at once so the drafts are saved and the terminal restored. */
bool ui_interrupted(void);

/* Draws UTF-8 text at (y, x) within `cols` display columns, padding with
 * blanks when pad is true; a double-width character that would not fit is
 * left out, never cut in half. Returns the columns used. */
int ui_text(int y, int x, int cols, const char *utf8, attr_t attr, bool pad);
/* Same, right-aligned. */
void ui_text_right(int y, int x, int cols, const char *utf8, attr_t attr);
/* A modal message box; waits for a key. */
void ui_message(struct ui *ui, const char *title, const char *text);
/* Splits text into lines of at most `cols` display columns (at \n or at
 * the width); returns how many, at most max. */
int ui_wrap(const char *text, int cols, char lines[][256], int max);
/* Asks yes/no (y/Enter = yes). */
bool ui_confirm(struct ui *ui, const char *question);
/* A modal list; returns the chosen index, or -1 for Esc. */
int ui_pick(struct ui *ui, const char *title, const char *const *labels, int n, int current);

/* Screens. */
struct screen *screen_menu_new(struct ui *ui);
struct screen *screen_todo_new(const char *title, const char *what);
struct screen *screen_intake_new(struct ui *ui);
struct screen *screen_apps_new(struct ui *ui);
struct screen *screen_alerts_new(struct ui *ui);
struct screen *screen_case_new(struct ui *ui, int64_t app_id);
struct screen *screen_records_new(struct ui *ui, int64_t app_id);
struct screen *screen_household_new(struct ui *ui, int64_t id);
struct screen *screen_settings_new(struct ui *ui);
struct screen *screen_reports_new(struct ui *ui);
/* The reports screen on report `id` with some parameters filled in
 * (NULL: the report's defaults). */
struct report_preset {
	const char *quarter, *village, *from, *to;
};
struct screen *screen_reports_for(struct ui *ui, const char *id, const struct report_preset *p);
struct screen *screen_stats_new(struct ui *ui);
struct screen *screen_helper_new(struct ui *ui);
struct screen *screen_entrust_new(struct ui *ui, int64_t id);
struct screen *screen_referral_new(struct ui *ui);
struct screen *screen_request_new(struct ui *ui, int64_t id);
struct screen *screen_publicity_new(struct ui *ui);
struct screen *screen_staff_new(struct ui *ui);
struct screen *screen_rolls_new(struct ui *ui);
struct screen *screen_rollfile_new(struct ui *ui, int64_t roll_id);
/* Shared mode's login (or the first run's administrator password); on
 * success it gives way to the main menu. */
struct screen *screen_login_new(struct ui *ui);
/* An administrator sets the password of `login`. */
struct screen *screen_password_new(struct ui *ui, const char *login);

#endif
