#include "core/query/alerts.h"

#include "core/domain/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/case.h"

#define LIM(f) offsetof(struct limits, f)

/* The candidates of a record kind: the village filter, written once. */
#define IN_AREA(v) " AND (?2 = 0 OR " v ".id = ?2) AND (?3 = 0 OR " v ".township_id = ?3)"

static const struct alert_rule rules[] = {
	/* Applications: the dates come from case.c, matched by name. */
	{ .code = "accept", .object = ALERT_APPLICATION, .name = "受理",
	  .text = "受理：接收后 %d 个工作日内", .limit = LIM(accept), .count = COUNT_CASE,
	  .what = "受理" },
	{ .code = "materials", .object = ALERT_APPLICATION, .name = "补齐材料",
	  .text = "补正：一次性告知后 %d 个工作日内补齐", .limit = LIM(missing_materials),
	  .count = COUNT_CASE, .what = "补齐材料", .late_note = "逾期未补齐，可视为自动放弃" },
	{ .code = "investigate", .object = ALERT_APPLICATION, .name = "启动调查",
	  .text = "调查：受理后 %d 个工作日内启动", .limit = LIM(investigate), .count = COUNT_CASE,
	  .what = "启动调查" },
	{ .code = "initial_review", .object = ALERT_APPLICATION, .name = "初审意见",
	  .text = "初审：受理后 %d 个工作日内提出意见", .limit = LIM(initial_review),
	  .count = COUNT_CASE, .what = "初审意见" },
	{ .code = "total", .object = ALERT_APPLICATION, .name = "审核确认办结",
	  .text = "办结：受理后 %d 个工作日内", .limit = LIMIT_TOTAL, .count = COUNT_CASE,
	  .what = "审核确认办结" },
	{ .code = "publicity", .object = ALERT_APPLICATION, .name = "公示期",
	  .text = "公示：%d 个自然日", .limit = LIM(publicity_days), .count = COUNT_CASE,
	  .what = "公示期满", .clock = true },
	{ .code = "confirm", .object = ALERT_APPLICATION, .name = "待确认",
	  .text = "待确认：公示期满，受理后 %d 个工作日内确认", .limit = LIMIT_TOTAL,
	  .count = COUNT_CASE, .what = "待确认", .at_once = true },
	{ .code = "county", .object = ALERT_APPLICATION, .name = "县级审核确认",
	  .text = "县级确认：报县后 %d 个工作日内", .limit = LIM(county), .count = COUNT_CASE,
	  .what = "县级审核确认" },
	{ .code = "refusal", .object = ALERT_APPLICATION, .name = "书面告知",
	  .text = "不予确认：决定后 %d 个工作日内书面告知", .limit = LIM(refusal_notice),
	  .count = COUNT_CASE, .what = "书面告知不予确认" },
	{ .code = "filing", .object = ALERT_APPLICATION, .name = "报县备案",
	  .text = "备案：确认后 %d 个工作日内报县民政局", .text0 = "备案：确认当月报县民政局",
	  .limit = LIM(county_filing), .count = COUNT_CASE, .what = "报县备案" },
	/* 帮办代办 (seed 004). */
	{ .code = "entrust_handle", .object = ALERT_ENTRUSTMENT, .name = "帮办代办办理",
	  .text = "帮办代办：受理后 %d 个工作日内办理", .limit = LIM(helper_handle),
	  .count = COUNT_STORED,
	  .sql = "SELECT en.id, en.id, en.client_name, v.name, v.id, en.matter, en.due_on, NULL "
		 "FROM entrustments en JOIN villages v ON v.id = en.village_id "
		 "WHERE en.due_on <= ?1 AND en.state IN ('registered','handling')" IN_AREA("v") },
	{ .code = "entrust_close", .object = ALERT_ENTRUSTMENT, .name = "评价归档",
	  .text = "帮办代办：答复后 %d 个工作日内评价、归档", .limit = LIM(helper_close),
	  .count = COUNT_WORKDAYS,
	  .sql = "SELECT en.id, en.id, en.client_name, v.name, v.id, en.matter, en.replied_on, "
		 "CASE WHEN en.state IN ('rated','out_of_scope') THEN '待归档' ELSE '待评价' END "
		 "FROM entrustments en JOIN villages v ON v.id = en.village_id "
		 "WHERE en.state IN ('feedback','terminated','rated','out_of_scope') "
		 "AND en.replied_on <= ?1" IN_AREA("v") },
	/* 临时救助急难型: paid first, the decision within urgent_paperwork. */
	{ .code = "urgent_paperwork", .object = ALERT_APPLICATION, .name = "先行救助补手续",
	  .text = "先行救助：发放后 %d 个工作日内补齐审核审批手续", .limit = LIM(urgent_paperwork),
	  .count = COUNT_WORKDAYS,
	  .sql = "SELECT a.id, a.id, p.name, v.name, v.id, a.kind, a.prepaid_on, "
		 "'已先行发放 ' || printf('%.2f', a.prepaid_amount / 100.0) || ' 元' "
		 "FROM applications a JOIN persons p ON p.id = a.applicant_id "
		 "JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id "
		 "WHERE a.prepaid_on IS NOT NULL AND a.prepaid_on <= ?1 AND a.decided_on IS NULL "
		 "AND a.state <> 'withdrawn'" IN_AREA("v") },
	/* 特困: the end of support publicised (roll.c); the leader confirms the
	 * end from the day after the publicity. */
	{ .code = "tekun_end", .object = ALERT_ROLL, .name = "特困终止公示",
	  .text = "特困终止：公示期满后由分管领导确认终止供养", .limit = LIMIT_NONE, .count = COUNT_STORED,
	  .sql = "SELECT r.id, r.id, p.name, v.name, v.id, r.kind, date(r.end_publicity_to, '+1 day'), "
		 "'终止供养公示 ' || coalesce(r.end_publicity_from, '') || ' 至 ' || r.end_publicity_to "
		 "FROM rolls r JOIN applications a ON a.id = r.application_id "
		 "JOIN persons p ON p.id = a.applicant_id JOIN villages v ON v.id = r.village_id "
		 "WHERE r.state = 'end_pending' AND r.end_publicity_to < ?1" IN_AREA("v") },
	/* Reports. */
	{ .code = "ledger", .object = ALERT_REPORT, .name = "附件2季度台账",
	  .text = "附件2 季度台账：%s前报送县民政局", .limit = LIMIT_NONE,
	  .count = COUNT_QUARTERLY },
	/* After approval: rows for records the after-approval work creates
	 * (动态管理, 待遇资格认证, 转办); nothing is alerted until they exist. */
	{ .code = "review", .object = ALERT_ROLL, .name = "动态管理复核",
	  .text = "动态管理：按户类定期复核", .limit = LIMIT_NONE, .count = COUNT_STORED,
	  .sql = "SELECT ro.id, ro.id, coalesce(p.name, ''), v.name, v.id, NULL, h.next_review_on, "
		 "h.household_class FROM households h JOIN villages v ON v.id = h.village_id "
		 "JOIN rolls ro ON ro.id = (SELECT min(x.id) FROM rolls x "
		 "WHERE x.household_id = h.id AND x.state <> 'ended') "
		 "LEFT JOIN persons p ON p.household_id = h.id AND p.is_head "
		 "WHERE h.next_review_on <= ?1" IN_AREA("v") },
	/* Every beneficiary on the rolls: the roll stores when the next check
	 * is due ([alerts] recert_months after enrolment or the last one). */
	{ .code = "recert", .object = ALERT_ROLL, .name = "待遇资格认证",
	  .text = "资格认证：按期确认待遇资格", .limit = LIMIT_NONE, .count = COUNT_STORED,
	  .recert_lead = true,
	  .sql = "SELECT r.id, r.id, p.name, v.name, v.id, r.kind, r.recert_due_on, "
		 "coalesce((SELECT '上次认证 ' || c.checked_on FROM recertifications c "
		 "WHERE c.application_id = r.application_id ORDER BY c.id DESC LIMIT 1), '未认证') "
		 "FROM rolls r JOIN applications a ON a.id = r.application_id "
		 "JOIN persons p ON p.id = a.applicant_id JOIN villages v ON v.id = r.village_id "
		 "WHERE r.state <> 'ended' AND r.recert_due_on <= ?1" IN_AREA("v") },
	/* 转办 (seed 003): each referral stores its due date (the department's
	 * reply_days, else referral_reply); a reply or a withdrawal ends it. */
	{ .code = "referral", .object = ALERT_REFERRAL, .name = "转办反馈",
	  .text = "转办：转办后 %d 个工作日内反馈结果（部门可另定）", .limit = LIM(referral_reply),
	  .count = COUNT_STORED,
	  .sql = "SELECT r.id, r.id, coalesce(q.name, p.name, ''), v.name, v.id, NULL, r.due_on, "
		 "r.department || '：' || r.item FROM referrals r "
		 "JOIN villages v ON v.id = r.village_id "
		 "LEFT JOIN help_requests q ON q.id = r.request_id "
		 "LEFT JOIN persons p ON p.household_id = r.household_id AND p.is_head "
		 "WHERE r.state = 'referred' AND r.due_on <= ?1" IN_AREA("v") },
};

#define N_RULES (sizeof rules / sizeof rules[0])

/* A deadline case.c names but no row knows (a rule added there first). */
static const struct alert_rule other_case_rule = {
	.code = "case_other", .object = ALERT_APPLICATION, .name = "其他期限",
	.text = "%s", .limit = LIMIT_NONE, .count = COUNT_CASE,
};

const struct alert_rule *alert_rules(size_t *n)
{
	*n = N_RULES;
	return rules;
}

const struct alert_rule *alert_rule_find(const char *code)
{
	for (size_t i = 0; i < N_RULES; i++)
		if (strcmp(rules[i].code, code) == 0)
			return &rules[i];
	return NULL;
}

const char *alert_object_label(enum alert_object o)
{
	static const char *const labels[ALERT_N_OBJECTS] = { "申请", "委托", "在册", "报表", "转办" };
	return o < ALERT_N_OBJECTS ? labels[o] : "";
}

const char *alert_urgency_label(enum alert_urgency u)
{
	static const char *const labels[URGENCY_N] = { "已逾期", "今天到期", "本周到期", "稍后到期" };
	return u < URGENCY_N ? labels[u] : "";
}

void alert_days_text(const struct alert *a, bool brief, char *out, size_t size)
{
	const char *unit = brief ? (a->calendar_days ? "天" : "工日")
				 : (a->calendar_days ? "个自然日" : "个工作日");
	const char *gap = brief ? "" : " ";
	if (a->days_left < 0)
		snprintf(out, size, "%s%s%d%s%s", brief ? "逾" : "已逾期", gap, -a->days_left, gap, unit);
	else if (a->days_left == 0)
		snprintf(out, size, "%s", brief ? "今天" : "今天到期");
	else
		snprintf(out, size, "剩%s%d%s%s", gap, a->days_left, gap, unit);
}

void alerts_free(struct alert_list *l)
{
	free(l->v);
	*l = (struct alert_list){ 0 };
}

/* ---- the day's frame ---- */

struct frame {
	const struct config *cfg;
	date_t today, sunday, horizon, recert_horizon;
	const struct alert_filter *f;	/* &area: the caller's filter within the user's area */
	struct alert_filter area;
	bool all_dates;		/* one case's clocks: no horizon */
	bool counting;		/* the top line: no names needed */
	struct alert_list *out;
	struct err *e;
};

date_t alerts_horizon(const struct config *cfg, date_t today)
{
	date_t sunday = today + (6 - date_weekday(today));
	date_t lead = calendar_add_workdays(&cfg->cal, today, cfg->alert_lead_days);
	return lead > sunday ? lead : sunday;
}

/* One place narrows every alert to the user's area (village staff see
 * their village's only): a filter for another village then matches nothing. */
static void narrow(int64_t *want, int64_t area)
{
	if (area != 0)
		*want = *want == 0 || *want == area ? area : -1;
}

static void frame_init(struct frame *fr, struct store *s, const struct config *cfg, date_t today,
		       const struct alert_filter *f, struct alert_list *out, struct err *e)
{
	int64_t township, village;
	*fr = (struct frame){ .cfg = cfg, .today = today, .out = out, .e = e };
	fr->area = f != NULL ? *f : (struct alert_filter){ .object = -1 };
	access_area(s, &township, &village);
	narrow(&fr->area.township_id, township);
	narrow(&fr->area.village_id, village);
	fr->f = &fr->area;
	fr->sunday = today + (6 - date_weekday(today));
	fr->horizon = alerts_horizon(cfg, today);
	fr->recert_horizon = today + cfg->recert_lead_days;
	if (fr->recert_horizon < fr->sunday)
		fr->recert_horizon = fr->sunday;
}

static bool wanted(const struct frame *fr, const struct alert_rule *r)
{
	const struct alert_filter *f = fr->f;
	return f == NULL || ((f->object < 0 || (int)r->object == f->object) &&
			     (f->rule == NULL || strcmp(f->rule, r->code) == 0));
}

static int push(struct frame *fr, const struct alert *a)
{
	struct alert_list *l = fr->out;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct alert *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return err_set(fr->e, "内存不足：时限预警的条目太多");
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *a;
	return 0;
}

/* The limit a rule reads for a kind (and, for the total, the case's facts). */
static int limit_of(const struct frame *fr, const struct alert_rule *r, const char *kind,
		    bool delegated, bool special)
{
	const struct limits *l = config_limits(fr->cfg, kind);
	if (r->limit == LIMIT_TOTAL)
		return special ? l->total_special : delegated ? l->total_delegated : l->total;
	if (r->limit == LIMIT_NONE)
		return 0;
	return *(const int *)((const char *)l + r->limit);
}

static void describe(struct alert *a, int limit)
{
	const struct alert_rule *r = a->rule;
	if (limit == 0 && r->text0 != NULL)
		snprintf(a->text, sizeof a->text, "%s", r->text0);
	else if (r->limit == LIMIT_NONE)
		snprintf(a->text, sizeof a->text, "%s", r->text);
	else
		snprintf(a->text, sizeof a->text, r->text, limit);
}

/* Days left, urgency, provisional; false when the item is not alerted. */
static bool place(const struct frame *fr, struct alert *a)
{
	const struct calendar *cal = &fr->cfg->cal;
	date_t today = fr->today;
	a->days_left = a->calendar_days ? a->due - today : calendar_workdays_between(cal, today, a->due);
	if (a->due < today && a->days_left == 0)
		a->days_left = -1;	/* passed over a holiday: late all the same */
	a->provisional = !a->calendar_days && !calendar_covers(cal, a->due);
	a->urgency = a->due < today ? URGENCY_OVERDUE : a->due == today ? URGENCY_TODAY
		   : a->due <= fr->sunday ? URGENCY_WEEK : URGENCY_LATER;
	if (a->due < today && a->rule->late_note != NULL && a->note[0] == '\0')
		snprintf(a->note, sizeof a->note, "%s", a->rule->late_note);
	if (fr->all_dates)
		return true;
	if (a->rule->clock)
		return false;
	return a->rule->at_once || a->due <= (a->rule->recert_lead ? fr->recert_horizon : fr->horizon);
}

/* ---- applications, through case.c ---- */

#define CASE_DATES "a.kind, a.state, a.received_on, a.missing_deadline, a.accepted_on, " \
	"a.publicity_to, a.county_submitted_on, a.decided_on, a.refusal_notified_on, " \
	"a.county_filed_on, a.delegated, a.special_extension FROM applications a "
#define CASE_COLS "SELECT a.id, p.name, v.name, v.id, " CASE_DATES \
	"JOIN persons p ON p.id = a.applicant_id " \
	"JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id "
/* Cases with a task due by the horizon (next_due_on, kept by case.c) and
 * cases whose publicity has ended (待确认 is alerted at once). */
#define CASE_WHERE(area) "WHERE a.next_due_on <= ?1" area " UNION ALL "

static const char case_sql[] = CASE_COLS CASE_WHERE(IN_AREA("v")) CASE_COLS
	"WHERE a.state = 'publicity' AND a.publicity_to < ?4 AND a.next_due_on > ?1" IN_AREA("v");
/* The top line's count needs no names: the same cases, no joins. */
static const char count_sql[] = "SELECT a.id, '', '', ?2 + ?3, " CASE_DATES
	CASE_WHERE("") "SELECT a.id, '', '', 0, " CASE_DATES
	"WHERE a.state = 'publicity' AND a.publicity_to < ?4 AND a.next_due_on > ?1";
static const char one_case_sql[] = CASE_COLS "WHERE a.id = ?1";

static const struct alert_rule *case_rule(const char *what)
{
	for (size_t i = 0; i < N_RULES; i++)
		if (rules[i].what != NULL && strcmp(rules[i].what, what) == 0)
			return &rules[i];
	return &other_case_rule;
}

static void read_dates(sqlite3_stmt *st, char kind[32], char state[16], struct case_dates *d)
{
	store_col_text(st, 4, kind, 32);
	store_col_text(st, 5, state, 16);
	*d = (struct case_dates){
		.kind = kind, .state = state, .received_on = store_col_date(st, 6),
		.missing_deadline = store_col_date(st, 7), .accepted_on = store_col_date(st, 8),
		.publicity_to = store_col_date(st, 9), .county_submitted_on = store_col_date(st, 10),
		.decided_on = store_col_date(st, 11), .refusal_notified_on = store_col_date(st, 12),
		.county_filed_on = store_col_date(st, 13), .delegated = sqlite3_column_int(st, 14),
		.special_extension = sqlite3_column_int(st, 15),
	};
}

/* The alerts of the application on st's current row. */
static int case_row(struct frame *fr, sqlite3_stmt *st)
{
	char kind[32], state[16];
	struct case_dates d;
	struct deadline dl[8];
	read_dates(st, kind, state, &d);
	size_t n = case_deadlines_of(fr->cfg, &d, fr->today, dl);
	for (size_t i = 0; i < n; i++) {
		struct alert a = { .rule = case_rule(dl[i].what), .id = sqlite3_column_int64(st, 0),
				   .village_id = sqlite3_column_int64(st, 3), .due = dl[i].due,
				   .calendar_days = dl[i].calendar_days };
		if (!wanted(fr, a.rule))
			continue;
		snprintf(a.number, sizeof a.number, "%lld", (long long)a.id);
		store_col_text(st, 1, a.name, sizeof a.name);
		store_col_text(st, 2, a.village, sizeof a.village);
		if (a.rule == &other_case_rule)
			snprintf(a.text, sizeof a.text, "%s", dl[i].what);
		else
			describe(&a, limit_of(fr, a.rule, kind, d.delegated, d.special_extension));
		if (place(fr, &a) && push(fr, &a) != 0)
			return -1;
	}
	return 0;
}

static int scan_cases(struct store *s, struct frame *fr, const char *sql, const char *types,
		      int64_t one)
{
	char h[11], t[11];
	sqlite3_stmt *st;
	int rc;
	date_format(fr->horizon, h);
	date_format(fr->today, t);
	int64_t village = fr->f ? fr->f->village_id : 0, township = fr->f ? fr->f->township_id : 0;
	if ((one != 0 ? store_query(s, &st, fr->e, sql, types, one)
		      : store_query(s, &st, fr->e, sql, types, h, village, township, t)) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (case_row(fr, st) != 0) {
			sqlite3_reset(st);
			return -1;
		}
	return store_rows_end(s, st, rc, fr->e);
}

/* ---- rows read by their own query ---- */

/* The latest base date whose due date can fall within the horizon. */
static date_t cutoff(const struct frame *fr, const struct alert_rule *r)
{
	date_t h = r->recert_lead ? fr->recert_horizon : fr->horizon;
	if (r->count != COUNT_WORKDAYS)
		return h;
	/* The smallest limit of any kind reaches furthest back. */
	int least = limit_of(fr, r, NULL, false, false);
	for (size_t i = 0; i < fr->cfg->n_kind_limits; i++) {
		int k = limit_of(fr, r, fr->cfg->kind_limits[i].kind, false, false);
		if (k < least)
			least = k;
	}
	return least > 0 ? calendar_add_workdays(&fr->cfg->cal, h, -(least - 1)) : h;
}

static int sql_row(struct frame *fr, const struct alert_rule *r, sqlite3_stmt *st)
{
	char kind[32];
	struct alert a = { .rule = r, .id = sqlite3_column_int64(st, 0),
			   .village_id = sqlite3_column_int64(st, 4) };
	store_col_text(st, 1, a.number, sizeof a.number);
	store_col_text(st, 2, a.name, sizeof a.name);
	store_col_text(st, 3, a.village, sizeof a.village);
	store_col_text(st, 5, kind, sizeof kind);
	store_col_text(st, 7, a.note, sizeof a.note);
	date_t base = store_col_date(st, 6);
	if (base == DATE_NONE)
		return 0;
	int limit = limit_of(fr, r, kind[0] ? kind : NULL, false, false);
	a.due = r->count == COUNT_WORKDAYS ? calendar_add_workdays(&fr->cfg->cal, base, limit) : base;
	describe(&a, limit);
	if (place(fr, &a) && push(fr, &a) != 0)
		return -1;
	return 0;
}

static int scan_sql(struct store *s, struct frame *fr, const struct alert_rule *r)
{
	char cut[11];
	sqlite3_stmt *st;
	int rc;
	date_format(cutoff(fr, r), cut);
	if (store_query(s, &st, fr->e, r->sql, "sii", cut, fr->f ? fr->f->village_id : 0,
			fr->f ? fr->f->township_id : 0) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sql_row(fr, r, st) != 0) {
			sqlite3_reset(st);
			return -1;
		}
	return store_rows_end(s, st, rc, fr->e);
}

/* ---- the quarterly 附件2 ledger ---- */

/* When this quarter's ledger was exported (*on = "" when not). */
static int ledger_exported(struct store *s, const char *period, char on[11], struct err *e)
{
	sqlite3_stmt *st;
	on[0] = '\0';
	if (store_query(s, &st, e, "SELECT max(exported_on) FROM exports "
			"WHERE report = 'helper-quarterly' AND period = ?", "s", period) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_col_text(st, 0, on, 11);
	return store_rows_end(s, st, rc == SQLITE_ROW ? sqlite3_step(st) : rc, e);
}

/* One due date, up to the horizon: done once exported, else due (or
 * late) until the next due date comes. */
static int ledger_due(struct store *s, struct frame *fr, const struct alert_rule *r, date_t due)
{
	int y, m, d;
	char on[11], day[16];
	date_to_ymd(due, &y, &m, &d);
	struct alert a = { .rule = r, .due = due, .calendar_days = true };
	snprintf(a.number, sizeof a.number, "%dQ%d", y, (m - 1) / 3 + 1);
	snprintf(a.name, sizeof a.name, "帮办代办季度台账");
	snprintf(a.village, sizeof a.village, "%s", fr->cfg->township);
	snprintf(day, sizeof day, "%d月%d日", m, d);
	snprintf(a.text, sizeof a.text, r->text, day);
	if (ledger_exported(s, a.number, on, fr->e) != 0)
		return -1;
	if (on[0] != '\0') {
		if (due < fr->today)
			return 0;
		a.done = true;
		snprintf(a.note, sizeof a.note, "本季度台账已导出（%s）", on);
	} else {
		snprintf(a.note, sizeof a.note, "本季度台账尚未导出");
	}
	if (place(fr, &a) && push(fr, &a) != 0)
		return -1;
	return 0;
}

static int scan_ledger(struct store *s, struct frame *fr, const struct alert_rule *r)
{
	date_t dates[3 * 4];
	size_t n = 0;
	int y, m, d;
	if (fr->f != NULL && fr->f->village_id != 0)
		return 0;	/* a township's report, not a village's */
	date_to_ymd(fr->today, &y, &m, &d);
	for (int year = y - 1; year <= y + 1; year++)
		for (size_t i = 0; i < fr->cfg->n_quarterly_due; i++)
			dates[n++] = date_from_ymd(year, fr->cfg->quarterly_due[i][0],
						   fr->cfg->quarterly_due[i][1]);
	date_t last = DATE_NONE;	/* the latest due date already come */
	for (size_t i = 0; i < n; i++)
		if (dates[i] <= fr->today && (last == DATE_NONE || dates[i] > last))
			last = dates[i];
	for (size_t i = 0; i < n; i++)
		if (dates[i] >= last && dates[i] <= fr->horizon && ledger_due(s, fr, r, dates[i]) != 0)
			return -1;
	return 0;
}

/* ---- together ---- */

static int cmp_alert(const void *x, const void *y)
{
	const struct alert *a = x, *b = y;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->rule->object != b->rule->object)
		return a->rule->object < b->rule->object ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static int scan_all(struct store *s, struct frame *fr)
{
	bool cases = false;
	for (size_t i = 0; i < N_RULES; i++) {
		const struct alert_rule *r = &rules[i];
		if (!wanted(fr, r))
			continue;
		int rc = 0;
		if (r->count == COUNT_CASE && !cases) {
			cases = true;
			rc = scan_cases(s, fr, fr->counting ? count_sql : case_sql, "siis", 0);
		} else if (r->count == COUNT_QUARTERLY) {
			rc = scan_ledger(s, fr, r);
		} else if (r->sql != NULL) {
			rc = scan_sql(s, fr, r);
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

int alerts_collect(struct store *s, const struct config *cfg, date_t today,
		   const struct alert_filter *f, struct alert_list *out, struct err *e)
{
	struct frame fr;
	*out = (struct alert_list){ 0 };
	frame_init(&fr, s, cfg, today, f, out, e);
	if (scan_all(s, &fr) != 0) {
		alerts_free(out);
		return -1;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_alert);
	return 0;
}

int alerts_count(struct store *s, const struct config *cfg, date_t today,
		 int64_t *overdue, int64_t *due_today, struct err *e)
{
	struct frame fr;
	struct alert_list l = { 0 };
	frame_init(&fr, s, cfg, today, NULL, &l, e);
	/* Only what is due by today is counted: read no further. */
	fr.horizon = fr.recert_horizon = today;
	fr.counting = true;
	*overdue = *due_today = 0;
	if (scan_all(s, &fr) != 0) {
		alerts_free(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++)
		if (!l.v[i].done) {
			*overdue += l.v[i].urgency == URGENCY_OVERDUE;
			*due_today += l.v[i].urgency == URGENCY_TODAY;
		}
	alerts_free(&l);
	return 0;
}

int alerts_of_case(struct store *s, const struct config *cfg, int64_t app_id, date_t today,
		   struct alert_list *out, struct err *e)
{
	struct frame fr;
	*out = (struct alert_list){ 0 };
	frame_init(&fr, s, cfg, today, NULL, out, e);
	fr.all_dates = true;
	if (scan_cases(s, &fr, one_case_sql, "i", app_id) != 0) {
		alerts_free(out);
		return -1;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_alert);
	return 0;
}
