/* The application list, a page at a time: filtered by village, kind, state
 * and search text, sorted by due date, receipt date or village, paged by
 * key (never OFFSET, never the whole table). Used by the screens and tests. */
#ifndef JZ_APPLIST_H
#define JZ_APPLIST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/store/page.h"
#include "core/store/store.h"

enum app_sort { SORT_DUE, SORT_RECEIVED, SORT_VILLAGE, SORT_COUNT };

struct app_filter {
	int64_t village_id;	/* 0 = all */
	char kind[32];		/* "" = all */
	char state[16];		/* "" = all; "open" = not finished */
	char search[96];	/* name fragment, pinyin initials, ID digits */
	char due_before[11];	/* "" = any; else next deadline on or before */
	bool close_relative;	/* only those with a 近亲属 declaration */
	enum app_sort sort;
};

/* Where a page starts or ends: the sort value and the id. */
struct app_key {
	char sortval[80];
	int64_t id;
};

struct app_row {
	struct app_key key;
	int64_t id;
	char name[64];
	char id_masked[20];
	char village[64];
	char kind[32];
	char state[16];
	char received[11];
	char due[11];
	char due_what[32];
	date_t publicity_to;	/* after it: 「待确认」 (case_state_label_on) */
};

/* Up to max rows after `after` (NULL = from the start), or before it when
 * backward (rows still returned in display order); `inclusive` includes the
 * row at `after` itself (to reload a page in place). */
int applist_page(struct store *s, const struct app_filter *f, const struct app_key *after,
		 bool backward, bool inclusive, struct app_row *rows, int max, int *n,
		 struct err *e);
/* The same, read in `dir` from the row keyed `after` (NULL: from either end). */
int applist_page_dir(struct store *s, const struct app_filter *f, const struct app_key *after,
		     enum page_dir dir, struct app_row *rows, int max, int *n, struct err *e);
const char *applist_sort_label(enum app_sort s);

/* One application of a household, briefly (for a pick list). */
struct app_brief {
	int64_t id;
	char kind[32], state[16], received[11];
	date_t publicity_to;	/* shown 待确认 once past (case_state_label_on) */
};

/* The household's applications, newest first: up to max. */
int applist_of_household(struct store *s, int64_t household_id, struct app_brief *out,
			 int max, int *n, struct err *e);

#endif
