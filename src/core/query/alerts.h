/* The deadline engine: every legal time limit of every kind of record,
 * computed for a given day. One table of rules (alerts.c): each row names
 * the object it watches, the rule in words, the limit it reads from
 * tuiconfig.ini and how the due date is counted (working days, calendar
 * days, or a date the record stores). Applications take their dates from
 * case.c (case_deadlines_of); the other rows read their candidates with
 * one query each. A new rule is a new row.
 *
 * Used by 4 时限预警, the top line's counts, the case screen's clocks and
 * `jiuzhu alerts`. */
#ifndef JZ_ALERTS_H
#define JZ_ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/date.h"
#include "core/office/config.h"
#include "core/store/store.h"

enum alert_object {
	ALERT_APPLICATION, ALERT_ENTRUSTMENT,
	ALERT_ROLL,		/* a row of the rolls: opens its 户档案 */
	ALERT_REPORT, ALERT_REFERRAL,
	ALERT_N_OBJECTS
};

/* Most urgent first: the screen's groups. */
enum alert_urgency { URGENCY_OVERDUE, URGENCY_TODAY, URGENCY_WEEK, URGENCY_LATER, URGENCY_N };

/* How a rule's due date is counted. */
enum alert_count {
	COUNT_CASE,	/* case.c computes it (working or calendar days) */
	COUNT_WORKDAYS,	/* base date + limit working days */
	COUNT_STORED,	/* the record stores the due date itself */
	COUNT_QUARTERLY,	/* [quarterly] due dates of the 附件2 ledger */
};

struct alert_rule {
	const char *code;	/* stable, for filters: "accept" */
	enum alert_object object;
	const char *name;	/* short, for a list column: 「受理」 */
	const char *text;	/* in words; %d is the limit: 「受理：接收后 %d 个工作日」 */
	const char *text0;	/* when the limit is 0 (NULL: not allowed) */
	size_t limit;		/* offsetof(struct limits, …), or a LIMIT_* below */
	enum alert_count count;
	const char *what;	/* COUNT_CASE: case.c's deadline name */
	/* Other counts: the candidates, columns id, number, name, village,
	 * village id, kind, base date, note; ?1 the latest base date worth
	 * reading, ?2 village id (0 all), ?3 township id (0 all). */
	const char *sql;
	const char *late_note;	/* said of an overdue item */
	bool recert_lead;	/* warned [alerts] recert_lead_days calendar days ahead */
	bool clock;		/* a period running out: shown on the case, not alerted */
	bool at_once;		/* alerted as soon as it exists, whatever its date */
};

#define LIMIT_NONE ((size_t)-1)
#define LIMIT_TOTAL ((size_t)-2)	/* total, total_delegated or total_special */

/* The rules, in the order a filter offers them. */
const struct alert_rule *alert_rules(size_t *n);
const struct alert_rule *alert_rule_find(const char *code);
/* 申请, 委托, 家庭, 报表, 转办. */
const char *alert_object_label(enum alert_object o);
/* 已逾期, 今天到期, 本周到期, 稍后到期. */
const char *alert_urgency_label(enum alert_urgency u);

/* One obligation due or overdue. */
struct alert {
	const struct alert_rule *rule;
	int64_t id;		/* the record's id (0 for a report) */
	char number[24];	/* what the office calls it: the id, or 2026Q4 */
	char name[64];		/* the person, or the report */
	char village[64];
	int64_t village_id;
	char text[160];		/* the rule in words, with this record's limit */
	char note[96];		/* e.g. 「逾期未补齐，可视为自动放弃」, 「已导出 2026-12-20」 */
	date_t due;
	int days_left;		/* negative: overdue by so many */
	bool calendar_days;	/* days_left counts calendar days */
	bool provisional;	/* due past the holiday calendar: weekends only */
	bool done;		/* met already (a ledger exported): not counted */
	enum alert_urgency urgency;
};

/* Days left in words: "已逾期 3 个工作日", "今天到期", "剩 2 个自然日";
 * brief, for a list column: "逾3工日", "今天", "剩2天". */
void alert_days_text(const struct alert *a, bool brief, char *out, size_t size);

struct alert_filter {
	int64_t village_id;	/* 0 = all */
	int64_t township_id;	/* 0 = all */
	int object;		/* an alert_object, or -1 = all */
	const char *rule;	/* a rule code, or NULL = all */
};

/* Owned array, freed by alerts_free. */
struct alert_list {
	struct alert *v;
	size_t n, cap;
};
void alerts_free(struct alert_list *l);

/* The last day alerted on `today`: lead_days working days ahead, and at
 * least the end of this week (Sunday). */
date_t alerts_horizon(const struct config *cfg, date_t today);

/* Every obligation due by the horizon or overdue on `today` that passes
 * f (NULL: all), sorted by due date. */
int alerts_collect(struct store *s, const struct config *cfg, date_t today,
		   const struct alert_filter *f, struct alert_list *out, struct err *e);

/* The top line: items overdue and items due today (done ones left out). */
int alerts_count(struct store *s, const struct config *cfg, date_t today,
		 int64_t *overdue, int64_t *due_today, struct err *e);

/* Every running clock of one application, however far its date. */
int alerts_of_case(struct store *s, const struct config *cfg, int64_t app_id, date_t today,
		   struct alert_list *out, struct err *e);

#endif
