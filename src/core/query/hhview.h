/* Households for the intake screens: a page of the household list (with
 * the same search as the application list) and one household's members and
 * applications. */
#ifndef JZ_HHVIEW_H
#define JZ_HHVIEW_H

#include <stdint.h>

#include "core/store/page.h"
#include "core/store/store.h"

struct hh_row {
	int64_t id;
	char head[64], id_masked[20], village[64], address[128];
	int members;
};

/* Households with id > after (0 = from the start), matching `search`. */
int hh_page(struct store *s, const char *search, int64_t after, struct hh_row *rows, int max,
	    int *n, struct err *e);

/* Which page by id: after the key, before it (rows still in id order), or
 * from it on (itself included), for lists that scroll both ways. */
int hh_page_dir(struct store *s, const char *search, int64_t key, enum page_dir dir,
		struct hh_row *rows, int max, int *n, struct err *e);

struct person_row {
	int64_t id, household_id;
	char name[64], id_masked[20], sex[4], birth[11], relation[32], village[64];
};

/* Persons with id > after, matching `search` (the persons list). */
int person_page(struct store *s, const char *search, int64_t after, struct person_row *rows,
		int max, int *n, struct err *e);
int person_page_dir(struct store *s, const char *search, int64_t key, enum page_dir dir,
		    struct person_row *rows, int max, int *n, struct err *e);

#define HH_MAX 32

struct hh_member {
	int64_t id, version;
	char name[64], id_number[19], id_masked[20], sex[4], birth[11], relation[32], phone[32];
	char left_on[11], left_reason[16];	/* "" while a current member; the reason's label */
};

struct hh_app {
	int64_t id;
	char kind[32], state[16], received[11];
	date_t publicity_to;	/* shown 待确认 once past (case_state_label_on) */
};

struct hh_view {
	int64_t id, version, village_id;
	char village[64], address[128], phone[32], created[11];
	/* The current members first (the head first), then those who left. */
	struct hh_member members[HH_MAX];
	int n_members, n_current;
	struct hh_app apps[HH_MAX];
	int n_apps;
};

int hh_view_load(struct store *s, int64_t id, struct hh_view *v, struct err *e);

#endif
