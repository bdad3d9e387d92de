/* The rolls (在册) as the screens read them: a page at a time per village,
 * kind and state, searchable like the application list (name fragment,
 * pinyin initials, ID digits), paged by key; and a household's whole file
 * (户档案): its applications, roll rows, reviews, re-certifications and
 * every step, newest last. */
#ifndef JZ_ROLLS_H
#define JZ_ROLLS_H

#include <stdint.h>

#include "core/store/page.h"
#include "core/store/store.h"

struct roll_filter {
	int64_t village_id;	/* 0 = all */
	char kind[32];		/* "" = all */
	char state[16];		/* "" = all but ended; "all"; or a state */
	char search[96];
	char recert_month[8];	/* "YYYY-MM": only those due for re-certification
				 * in that month (or before, never checked) */
};

struct roll_key {
	char name[64];		/* the applicant's name: the list is by name */
	int64_t id;
};

struct roll_row {
	struct roll_key key;
	int64_t id, version, household_id, application_id;
	char name[64], id_masked[20], village[64], kind[32], state[16];
	char since[11], next_review[11], recert_due[11];
	int64_t amount;		/* fen */
	int members;
};

int rolls_page_dir(struct store *s, const struct roll_filter *f, const struct roll_key *after,
		   enum page_dir dir, struct roll_row *rows, int max, int *n, struct err *e);

/* One roll row in full (the household file's head). */
struct roll_view {
	int64_t id, version, household_id, application_id, amount, new_amount;
	char name[64], village[64], address[128], kind[32], state[16], since[11];
	char cls[32], next_review[11], recert_due[11];
	char change_reason[256], suspended_on[11], suspend_reason[256];
	char end_reason[256], end_publicity_to[11], ended_on[11];
};

int rolls_load(struct store *s, int64_t id, struct roll_view *v, struct err *e);

/* The household's roll rows (every kind, ended ones too), oldest first. */
int rolls_of_household(struct store *s, int64_t household_id, struct roll_view *out, int max,
		       int *n, struct err *e);

/* One line of a household's history. */
struct hh_event {
	char on[11];
	char what[32];		/* 申请, 在册, 复核, 资格认证 */
	char kind[32];		/* the kind's code, "" for a review or check */
	char text[256];
	char who[64];
};

/* The household's history in date order, up to max lines; *n the count. */
int rolls_history(struct store *s, int64_t household_id, struct hh_event *out, int max, int *n,
		  struct err *e);

#endif
