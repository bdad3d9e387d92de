/* tuiconfig.ini → one struct. Every key is checked: a key that is present
 * but wrong is an error, never silently replaced by a default. */
#ifndef JZ_CONFIG_H
#define JZ_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/office/calendar.h"
#include "core/base/err.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

enum store_mode { STORE_LOCAL, STORE_SHARED };

/* Time limits of one kind of assistance, in working days unless named. */
struct limits {
	int accept;		/* receipt → acceptance (受理) */
	int investigate;	/* acceptance → start of investigation */
	int total;		/* acceptance → decision */
	int total_delegated;	/* … when approval is delegated to the township */
	int total_special;	/* … in special cases */
	int county;		/* county review of a case sent to it */
	int publicity_days;	/* calendar days */
	int refusal_notice;	/* decision → written refusal */
	int missing_materials;	/* deadline of the one-time notice */
	int helper_handle;	/* helper-agent entrustment: time limit */
	/* Optional keys: */
	int initial_review;	/* acceptance → initial opinion (特困 15); 0 = none */
	int county_filing;	/* delegated approval → filed with the county;
				 * 0 = by the end of the decision's month */
	int helper_close;	/* entrustment answered → rated and filed */
	int referral_reply;	/* referral → the handling unit's reply */
	int urgent_paperwork;	/* 急难型 paid first (先行救助) → paperwork completed */
};

struct kind_limits {
	char kind[32];		/* kind code, e.g. "dibao" */
	struct limits l;
};

/* Periodic review interval of one class of household. */
struct review_interval {
	char cls[32];		/* e.g. "stable", "irregular" */
	char label[64];		/* e.g. "收入稳定" */
	int months;
};

struct config {
	char path[PATH_MAX];	/* the file read */
	char dir[PATH_MAX];	/* its directory; relative paths start here */

	char county[64];
	char township[64];
	char **villages;	/* owned */
	size_t n_villages;

	char store_path[PATH_MAX];	/* absolute */
	enum store_mode mode;
	int busy_timeout_ms;

	/* [backup]: a daily backup, keeping the last backup_keep; in
	 * backup_dir, or (when "") in backups/ beside the store. */
	int backup_daily;
	int backup_keep;
	char backup_dir[PATH_MAX];

	char forms_dir[PATH_MAX];	/* absolute */
	char reports_dir[PATH_MAX];	/* absolute */

	struct limits limits;	/* defaults for every kind */
	struct kind_limits *kind_limits;	/* overrides, owned */
	size_t n_kind_limits;

	/* When the quarterly helper ledger is due: {due} in report texts. */
	int quarterly_due[4][2];	/* month, day; n_quarterly_due used */
	size_t n_quarterly_due;

	/* Periodic review by class of household. Read now, used by the next
	 * issue (periodic review and re-certification): see config_review. */
	struct review_interval *reviews;	/* owned */
	size_t n_reviews;

	/* [periods]: how periods are counted. Publicity runs publicity_days
	 * calendar days from the day after posting (民法典 第二百零一条)
	 * unless the county counts the posting day as the first. */
	int publicity_counts_posting_day;
	/* The special cases that extend the total limit to total_special
	 * (公示有异议, 人户分离 …): owned. The first is the objection's. */
	char **special_reasons;
	size_t n_special_reasons;

	int alert_lead_days;	/* warn this many working days before a deadline */
	/* 待遇资格认证: warn this many calendar days before a check is due;
	 * a check is due this many months after enrolment or the last one. */
	int recert_lead_days;
	int recert_months;

	struct calendar cal;

	int use_color;		/* 0 = monochrome */
	char color_fg[16], color_bg[16], color_accent[16], color_alert[16];

	char complaint_phone[32];

	int xlsx_compression;	/* [export]: zlib level of every .xlsx, 1 … 9 */
};

/* Reads and checks the whole file. On error the message names the file,
 * the key (or line) and the problem; *c is left empty. */
int config_load(const char *path, struct config *c, struct err *e);
void config_free(struct config *c);

/* The limits for a kind code: its override section if any, else defaults. */
const struct limits *config_limits(const struct config *c, const char *kind);
/* The last day of a publicity posted on `posted` for `days` calendar days. */
date_t config_publicity_end(const struct config *c, date_t posted, int days);
/* True when `reason` is one of [periods] special_reasons. */
bool config_special_reason(const struct config *c, const char *reason);
/* The interval for a class of household, or NULL. For the periodic
 * review issue (only the tests call it until then). */
const struct review_interval *config_review(const struct config *c, const char *cls);

#endif
