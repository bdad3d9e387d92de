/* Read models of 转办 for the screens: the requests for help (newest
 * first, by state and village), the referrals (newest first, by department
 * and state) and one request with its referrals. Only the user's area. */
#ifndef JZ_QUERY_REFERRALS_H
#define JZ_QUERY_REFERRALS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/base/date.h"
#include "core/store/page.h"
#include "core/store/store.h"

/* The keyset key of both lists: the day, then the id. */
struct refer_key {
	char day[11];
	int64_t id;
};

struct request_filter {
	int64_t village_id;	/* 0 = all */
	char state[16];		/* "" = all */
};

struct request_row {
	struct refer_key key;
	int64_t id;
	char received[11], village[64], name[64], need[128], channel[16], state[16];
	int n_referrals, n_waiting;	/* referrals, and those not yet answered */
	bool overdue;		/* one of them is past its reply date */
};

int request_page_dir(struct store *s, const struct request_filter *f, const struct refer_key *key,
		     enum page_dir dir, date_t today, struct request_row *out, int max, int *n,
		     struct err *e);

struct referral_filter {
	char department[64];	/* "" = all */
	char state[16];		/* "" = all */
};

struct referral_row {
	struct refer_key key;
	int64_t id, request_id;
	char referred[11], due[11], replied[11];
	char department[64], item[128], name[64], village[64], state[16], result[256];
	bool overdue;		/* waiting and past its reply date */
	bool late;		/* answered after its reply date */
};

int referral_page_dir(struct store *s, const struct referral_filter *f,
		      const struct refer_key *key, enum page_dir dir, date_t today,
		      struct referral_row *out, int max, int *n, struct err *e);

#define REQUEST_VIEW_MAX 32

/* One request and (up to REQUEST_VIEW_MAX of) its referrals, oldest first. */
struct request_view {
	int64_t id, version, village_id, household_id, application_id;
	char village[64], name[64], phone[32], need[512], channel[16], source[128];
	char received[11], state[16], result[512], closed[11], note[512], app_state[16];
	struct referral_row refs[REQUEST_VIEW_MAX];
	int64_t ref_version[REQUEST_VIEW_MAX];
	int n_refs;
};

int request_view_load(struct store *s, int64_t id, date_t today, struct request_view *v,
		      struct err *e);

#endif
