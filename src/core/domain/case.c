#include "core/domain/case.h"
#include "core/domain/access.h"
#include "core/domain/roll.h"

#include <stdio.h>
#include <string.h>

#include "core/base/text.h"

/* In workflow order; the migrations' CHECK on applications.state lists
 * the same codes (tests/unit/test_states.c compares them). */
static const struct wf_state states[CASE_N_STATES] = {
	[CASE_RECEIVED] = { "received", "已接收" },
	[CASE_MISSING] = { "missing", "待补材料" },
	[CASE_WITHDRAWN] = { "withdrawn", "视为放弃" },
	[CASE_ACCEPTED] = { "accepted", "已受理" },
	[CASE_INVESTIGATING] = { "investigating", "调查中" },
	[CASE_REVIEWED] = { "reviewed", "已初审" },
	[CASE_PUBLICITY] = { "publicity", "公示中" },
	[CASE_COUNTY] = { "county", "报县审批" },
	[CASE_APPROVED] = { "approved", "已确认" },
	[CASE_REFUSED] = { "refused", "不予确认" },
	[CASE_ANNOUNCED] = { "announced", "已公布" },
};

const char *case_state_label(const char *state)
{
	return workflow_state_label(&case_workflow, state);
}

const char *case_state_label_on(const char *state, date_t publicity_to, date_t today)
{
	if (strcmp(state, states[CASE_PUBLICITY].code) == 0 && publicity_to != DATE_NONE &&
	    today > publicity_to)
		return "待确认";
	return case_state_label(state);
}

const char *case_publicity_round_label(int round)
{
	static const char *const label[] = { "第二次公示", "第三次公示", "第四次公示", "第五次公示" };
	if (round < 2)
		return "";
	return round - 2 < 4 ? label[round - 2] : "多次公示";
}

unsigned case_facts(bool delegated, bool notified, bool extended, bool filed)
{
	return (delegated ? CASE_DELEGATED : 0) | (notified ? CASE_NOTIFIED : 0) |
	       (extended ? CASE_EXTENDED : 0) | (delegated && !filed ? CASE_TO_FILE : 0);
}

size_t case_steps(const char *state, unsigned facts, unsigned roles,
		  const struct transition **out, size_t max)
{
	return workflow_steps(&case_workflow, state, facts, roles, out, max);
}

const struct transition *case_transition(const char *from, const char *step, bool delegated)
{
	return workflow_find(&case_workflow, from, step, case_facts(delegated, false, false, false));
}

/* ---- deadlines ---- */

static void add_deadline(struct deadline *out, size_t *n, const struct calendar *cal,
			 const char *what, date_t due, date_t today, bool calendar_days)
{
	out[*n] = (struct deadline){
		.what = what, .due = due, .calendar_days = calendar_days,
		.days_left = calendar_days ? due - today : calendar_workdays_between(cal, today, due),
		.provisional = !calendar_days && !calendar_covers(cal, due),
	};
	(*n)++;
}

static bool state_is(const char *st, const char *const *codes)
{
	for (; *codes != NULL; codes++)
		if (strcmp(st, *codes) == 0)
			return true;
	return false;
}

/* The last day of d's month. */
static date_t month_end(date_t d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
}

/* A delegated approval is filed with the county: within county_filing
 * working days, or (0) by the end of the decision's month (seed 001). */
static void add_filing(struct deadline *out, size_t *n, const struct config *cfg,
		       const struct case_dates *d, date_t today)
{
	static const char *const decided[] = { "approved", "announced", NULL };
	int days = config_limits(cfg, d->kind)->county_filing;
	if (!d->delegated || d->decided_on == DATE_NONE || d->county_filed_on != DATE_NONE ||
	    !state_is(d->state, decided))
		return;
	if (days > 0)
		add_deadline(out, n, &cfg->cal, "报县备案", calendar_add_workdays(&cfg->cal, d->decided_on, days), today, false);
	else
		add_deadline(out, n, &cfg->cal, "报县备案", month_end(d->decided_on), today, true);
}

size_t case_deadlines_of(const struct config *cfg, const struct case_dates *d,
			 date_t today, struct deadline *out)
{
	const struct limits *l = config_limits(cfg, d->kind);
	const struct calendar *cal = &cfg->cal;
	const char *st = d->state;
	size_t n = 0;

	if (strcmp(st, "received") == 0)
		add_deadline(out, &n, cal, "受理", calendar_add_workdays(cal, d->received_on, l->accept), today, false);
	if (strcmp(st, "missing") == 0 && d->missing_deadline != DATE_NONE)
		add_deadline(out, &n, cal, "补齐材料", d->missing_deadline, today, false);
	if (strcmp(st, "accepted") == 0)
		add_deadline(out, &n, cal, "启动调查", calendar_add_workdays(cal, d->accepted_on, l->investigate), today, false);
	static const char *const before_review[] = { "accepted", "investigating", NULL };
	if (l->initial_review > 0 && state_is(st, before_review) && d->accepted_on != DATE_NONE)
		add_deadline(out, &n, cal, "初审意见", calendar_add_workdays(cal, d->accepted_on, l->initial_review), today, false);
	/* [alerts hook, issue 9; issue 8 owns this rule] publicity running is
	 * a clock; once ended, the total limit below reads 「待确认」. */
	bool publicity = strcmp(st, "publicity") == 0 && d->publicity_to != DATE_NONE;
	bool ended = publicity && today > d->publicity_to;
	if (publicity && !ended) {
		add_deadline(out, &n, cal, "公示期满", d->publicity_to, today, true);
		out[n - 1].clock = true;
	}
	if (strcmp(st, "county") == 0 && d->county_submitted_on != DATE_NONE)
		add_deadline(out, &n, cal, "县级审核确认", calendar_add_workdays(cal, d->county_submitted_on, l->county), today, false);
	bool open = strcmp(st, "accepted") == 0 || strcmp(st, "investigating") == 0 ||
		    strcmp(st, "reviewed") == 0 || strcmp(st, "publicity") == 0 ||
		    strcmp(st, "county") == 0;
	if (open && d->accepted_on != DATE_NONE) {
		int total = d->special_extension ? l->total_special
			  : d->delegated ? l->total_delegated : l->total;
		add_deadline(out, &n, cal, ended ? "待确认" : "审核确认办结",
			     calendar_add_workdays(cal, d->accepted_on, total), today, false);
	}
	if (strcmp(st, "refused") == 0 && d->refusal_notified_on == DATE_NONE && d->decided_on != DATE_NONE)
		add_deadline(out, &n, cal, "书面告知不予确认", calendar_add_workdays(cal, d->decided_on, l->refusal_notice), today, false);
	add_filing(out, &n, cfg, d, today);
	return n;
}

/* The end of publicity is not due from the office: it is never the next
 * deadline, so a case waiting for its decision is not counted overdue. */
date_t case_next_due(const struct config *cfg, const struct case_dates *d, const char **what)
{
	struct deadline dl[4];
	size_t n = case_deadlines_of(cfg, d, d->received_on, dl);
	date_t best = DATE_NONE;
	*what = NULL;
	for (size_t i = 0; i < n; i++)
		if (!dl[i].clock && (best == DATE_NONE || dl[i].due < best)) {
			best = dl[i].due;
			*what = dl[i].what;
		}
	return best;
}

/* ---- reading an application ---- */

/* An application as its steps see it; begins with the engine's head. */
struct app {
	struct wf_head h;
	int64_t household_id;
	char kind[32], opinion[16];
	date_t received_on, missing_deadline, accepted_on, publicity_to,
	       county_submitted_on, decided_on, refusal_notified_on, county_filed_on;
	bool delegated, special_extension;
	int64_t investigations;
	date_t objection_on;	/* the latest objection, DATE_NONE when none */
	/* investigations and 民主评议 made after that objection */
	int64_t since_objection;
};

/* The latest objection: its day, and its audit row (the order in which
 * records were made, for a record of the same day). A record answers it
 * when it is dated on or after that day and was recorded after it. */
#define LAST_OBJECTION "(SELECT max(received_on) FROM objections WHERE application_id = a.id)"
#define LAST_OBJECTION_AT \
	"(SELECT max(l.id) FROM objections o JOIN audit_log l ON l.tbl = 'objections' " \
	"AND l.row_id = o.id AND l.action = 'insert' WHERE o.application_id = a.id)"
#define RECORDS_SINCE(table, day) \
	"(SELECT count(*) FROM " table " r JOIN audit_log l ON l.tbl = '" table "' " \
	"AND l.row_id = r.id AND l.action = 'insert' WHERE r.application_id = a.id " \
	"AND r." day " >= " LAST_OBJECTION " AND l.id > " LAST_OBJECTION_AT ")"

static int load_app(struct store *s, int64_t id, void *rec, struct err *e)
{
	struct app *a = rec;
	sqlite3_stmt *st;
	if (store_query(s, &st, e,
			"SELECT version, household_id, kind, state, coalesce(initial_opinion, ''), "
			"received_on, missing_deadline, accepted_on, publicity_to, "
			"county_submitted_on, decided_on, refusal_notified_on, delegated, "
			"special_extension, (SELECT count(*) FROM investigations WHERE application_id = a.id), "
			"county_filed_on, "
			LAST_OBJECTION ", "
			RECORDS_SINCE("investigations", "visited_on") " + "
			RECORDS_SINCE("deliberations", "held_on") ", "
			"(SELECT village_id FROM households WHERE id = a.household_id) "
			"FROM applications a WHERE id = ?", "i", id) != 0)
		return -1;
	if (store_row(s, st, "申请（编号 %lld）不存在", id, e) != 0)
		return -1;
	a->h.version = sqlite3_column_int64(st, 0);
	a->household_id = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, a->kind, sizeof a->kind);
	store_col_text(st, 3, a->h.state, sizeof a->h.state);
	store_col_text(st, 4, a->opinion, sizeof a->opinion);
	a->received_on = store_col_date(st, 5);
	a->missing_deadline = store_col_date(st, 6);
	a->accepted_on = store_col_date(st, 7);
	a->publicity_to = store_col_date(st, 8);
	a->county_submitted_on = store_col_date(st, 9);
	a->decided_on = store_col_date(st, 10);
	a->refusal_notified_on = store_col_date(st, 11);
	a->delegated = sqlite3_column_int(st, 12);
	a->special_extension = sqlite3_column_int(st, 13);
	a->investigations = sqlite3_column_int64(st, 14);
	a->county_filed_on = store_col_date(st, 15);
	a->objection_on = store_col_date(st, 16);
	a->since_objection = sqlite3_column_int64(st, 17);
	a->h.village_id = sqlite3_column_int64(st, 18);
	sqlite3_reset(st);
	a->h.facts = case_facts(a->delegated, a->refusal_notified_on != DATE_NONE, a->special_extension,
				a->county_filed_on != DATE_NONE);
	a->h.start = a->received_on;
	return 0;
}

static void app_dates(const struct app *a, struct case_dates *d)
{
	*d = (struct case_dates){
		.kind = a->kind, .state = a->h.state, .received_on = a->received_on,
		.missing_deadline = a->missing_deadline, .accepted_on = a->accepted_on,
		.publicity_to = a->publicity_to, .county_submitted_on = a->county_submitted_on,
		.decided_on = a->decided_on, .refusal_notified_on = a->refusal_notified_on,
		.county_filed_on = a->county_filed_on,
		.delegated = a->delegated, .special_extension = a->special_extension,
	};
}

int case_deadlines(struct store *s, const struct config *cfg, int64_t id, date_t today,
		   struct deadline *out, size_t max, size_t *n, struct err *e)
{
	struct app a;
	struct case_dates d;
	struct deadline tmp[4];
	if (load_app(s, id, &a, e) != 0)
		return -1;
	app_dates(&a, &d);
	size_t k = case_deadlines_of(cfg, &d, today, tmp);
	*n = k < max ? k : max;
	memcpy(out, tmp, *n * sizeof *out);
	return 0;
}

/* ---- creating ---- */

static int add_checklist(struct store *s, const struct kind *k, int64_t app, struct err *e)
{
	for (size_t i = 0; i < k->n_materials; i++) {
		struct field f[] = { F_INT("application_id", app), F_TEXT("material", k->materials[i]),
				     F_INT("present", 0) };
		if (store_insert(s, "application_materials", f, 3, NULL, e) != 0)
			return -1;
	}
	return 0;
}

/* One authorisation row per current member who is an adult on the day
 * received and has none yet (a corrected received date adds the missing). */
static int add_authorisations(struct store *s, int64_t household, int64_t app,
			      date_t received, struct err *e)
{
	char day[11];
	int y, m, d;
	date_to_ymd(received, &y, &m, &d);
	date_format(date_from_ymd(y - 18, m, m == 2 && d == 29 ? 28 : d), day);
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT id FROM persons WHERE household_id = ? AND birth_date <= ? "
			"AND left_on IS NULL AND id NOT IN (SELECT person_id FROM authorisations "
			"WHERE application_id = ?) ORDER BY id", "isi", household, day, app) != 0)
		return -1;
	int64_t ids[64];
	int n = 0, rc = SQLITE_DONE;
	while (n < 64 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_step_error(s, rc, e);
	for (int i = 0; i < n; i++) {
		struct field f[] = { F_INT("application_id", app), F_INT("person_id", ids[i]),
				     F_INT("signed", 0) };
		if (store_insert(s, "authorisations", f, 3, NULL, e) != 0)
			return -1;
	}
	return 0;
}

/* One household, one application of a kind at a time: refused while
 * another is open, or while one is in force (approved or announced)
 * unless the kind is paid once per need (one_off). One whose assistance
 * has ended (rolls) bars nothing: the household may apply again. */
static int check_repeat(struct store *s, const struct kind *k, int64_t household, int64_t self,
			struct err *e)
{
	sqlite3_stmt *st;
	char state[16], received[11];
	if (store_query(s, &st, e,
			"SELECT id, state, received_on FROM applications WHERE household_id = ? AND kind = ? "
			"AND state NOT IN ('withdrawn', 'refused') AND (? = 0 OR state NOT IN ('approved', 'announced')) "
			"AND id <> ? AND NOT EXISTS (SELECT 1 FROM rolls r WHERE r.application_id = "
			"applications.id AND r.state = 'ended') ORDER BY id DESC LIMIT 1", "isdi", household, k->code, (int)k->one_off,
			self) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
	}
	long long other = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, state, sizeof state);
	store_col_text(st, 2, received, sizeof received);
	sqlite3_reset(st);
	bool in_force = strcmp(state, "approved") == 0 || strcmp(state, "announced") == 0;
	return err_set(e, "该户已有一件%s申请（编号 %lld，%s 接收，%s%s），不能重复申请同一类救助",
		       k->name, other, received, case_state_label(state), in_force ? "，正在享受" : "，尚未办结");
}

/* `self`: the application being corrected (0 for a new one), not a repeat of
 * itself; `kept_agent`: the agent already on it, accepted even if no longer
 * active (a correction of other facts). */
static int check_new(struct store *s, const struct catalogue *cat, const struct case_new *in,
		     int64_t self, int64_t kept_agent, const struct kind **k, struct err *e)
{
	*k = catalogue_kind(cat, in->kind);
	if (*k == NULL)
		return err_set(e, "救助类别 “%s” 不在目录中", in->kind);
	if (strcmp(in->channel, "window") != 0 && strcmp(in->channel, "online") != 0 &&
	    strcmp(in->channel, "agent") != 0)
		return err_set(e, "申请渠道 “%s” 无效（窗口、网上或帮办代办）", in->channel);
	if (strcmp(in->channel, "agent") == 0 && in->agent_id == 0)
		return err_set(e, "经帮办代办提交的申请必须选择帮办代办员");
	if (in->received_on == DATE_NONE)
		return err_set(e, "缺少接收日期");
	int64_t hh;
	if (store_query_int(s, &hh, e, "SELECT household_id FROM persons WHERE id = ? "
			    "AND left_on IS NULL", "i", in->applicant_id) != 0)
		return -1;
	if (hh != in->household_id)
		return err_set(e, "申请人不是该户的现有成员");
	int64_t village;
	if (store_query_int(s, &village, e, "SELECT village_id FROM households WHERE id = ?", "i",
			    in->household_id) != 0 || access_check(s, ACT_CASE_NEW, village, e) != 0)
		return -1;
	if (in->agent_id != 0 && in->agent_id != kept_agent) {
		int64_t ok;
		if (store_query_int(s, &ok, e, "SELECT count(*) FROM staff WHERE id = ? AND role = 'agent' AND active",
				    "i", in->agent_id) != 0)
			return -1;
		if (!ok)
			return err_set(e, "所选人员不是在岗的帮办代办员");
	}
	return check_repeat(s, *k, in->household_id, self, e);
}

static int create_rows(struct store *s, const struct config *cfg, const struct catalogue *cat,
		       const struct case_new *in, int64_t *id, struct err *e)
{
	const struct kind *k;
	if (check_new(s, cat, in, 0, 0, &k, e) != 0)
		return -1;
	char received[11], due[11];
	date_format(in->received_on, received);
	struct case_dates d = { .kind = in->kind, .state = states[CASE_RECEIVED].code,
				.received_on = in->received_on, .missing_deadline = DATE_NONE,
				.accepted_on = DATE_NONE, .decided_on = DATE_NONE,
				.county_filed_on = DATE_NONE };
	const char *what;
	date_format(case_next_due(cfg, &d, &what), due);
	struct field f[] = {
		F_INT("household_id", in->household_id), F_INT("applicant_id", in->applicant_id),
		F_TEXT("kind", in->kind), F_TEXT("channel", in->channel),
		in->agent_id ? F_INT("agent_id", in->agent_id) : F_NULL("agent_id"),
		F_TEXT("state", d.state), F_TEXT("received_on", received),
		F_INT("delegated", in->delegated), F_INT("urgent", in->urgent),
		F_INT("close_relative", in->close_relative_note != NULL),
		F_TEXT("close_relative_note", in->close_relative_note),
		F_TEXT("created_by", store_user(s)),
		F_TEXT("next_due_on", due), F_TEXT("next_due_what", what),
	};
	if (store_insert(s, "applications", f, sizeof f / sizeof f[0], id, e) != 0)
		return -1;
	if (add_checklist(s, k, *id, e) != 0 ||
	    add_authorisations(s, in->household_id, *id, in->received_on, e) != 0)
		return -1;
	struct wf_event ev = { .id = *id, .on = in->received_on, .step = "receive", .to = d.state,
			       .note = in->close_relative_note != NULL ? "申报近亲属关系" : NULL };
	return workflow_event(&case_workflow, s, &ev, e);
}

int case_create_in_tx(struct store *s, const struct config *cfg, const struct catalogue *cat,
		      const struct case_new *in, int64_t *id_out, struct err *e)
{
	if (!store_in_transaction(s))
		return err_set(e, "内部错误：登记申请须在事务中进行");
	return create_rows(s, cfg, cat, in, id_out, e);
}

int case_create(struct store *s, const struct config *cfg, const struct catalogue *cat,
		const struct case_new *in, int64_t *id_out, struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (create_rows(s, cfg, cat, in, id_out, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

/* ---- steps ---- */

static bool in_state(const struct app *a, enum case_state st)
{
	return strcmp(a->h.state, states[st].code) == 0;
}

/* What acceptance still waits for. */
int case_unmet(struct store *s, int64_t id, struct case_unmet *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;
	out->n = 0;
	if (store_query(s, &st, e,
			"SELECT material FROM (SELECT 0 AS k, id, material FROM application_materials "
			"  WHERE application_id = ?1 AND NOT present "
			"UNION ALL SELECT 1, au.id, '家庭经济状况核对授权书（' || p.name || '签字）' "
			"  FROM authorisations au JOIN persons p ON p.id = au.person_id "
			"  WHERE au.application_id = ?1 AND NOT au.signed) ORDER BY k, id", "i", id) != 0)
		return -1;
	while (out->n < CASE_UNMET_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_col_text(st, 0, out->item[out->n], sizeof out->item[0]);
		out->n++;
	}
	return store_rows_end(s, st, rc, e);
}

/* Each step's rule: its checks and the columns it sets. The record is
 * updated to the new dates so the next deadline is computed from them. */

/* 受理 only with the checklist complete and every adult's authorisation
 * signed; otherwise the one-time notice is the way. */
static int rule_accept(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	struct case_unmet u;
	char list[700] = "";
	if (case_unmet(w->s, w->id, &u, e) != 0)
		return -1;
	if (u.n > 0) {
		size_t used = 0;
		for (int i = 0; i < u.n && i < 3 && used < sizeof list; i++)
			used += (size_t)snprintf(list + used, sizeof list - used, "「%s」", u.item[i]);
		return err_set(e, "材料不齐，不能受理（请办理一次性告知）：尚缺 %d 项，如 %s%s；"
			       "已交的请在材料清单中勾选，授权书请登记签署", u.n, list, u.n > 3 ? " 等" : "");
	}
	changes_date(c, "accepted_on", w->on);
	a->accepted_on = w->on;
	return 0;
}

/* The items as a JSON array, built by SQLite from bound values (no text is
 * split or escaped by hand). Blank items are left out; *n counts the rest. */
static int json_items(struct store *s, const struct case_step_in *in, char *out, size_t size,
		      int *n, struct err *e)
{
	snprintf(out, size, "[]");
	*n = 0;
	for (size_t i = 0; i < in->n_missing; i++) {
		if (text_blank(in->missing[i]))
			continue;
		sqlite3_stmt *st;
		if (store_query(s, &st, e, "SELECT json_insert(?, '$[#]', trim(?, ' 　' || char(9, 10, 13)))", "ss", out,
				in->missing[i]) != 0 ||
		    store_row(s, st, "%lld", 0, e) != 0)
			return -1;
		const char *j = (const char *)sqlite3_column_text(st, 0);
		bool fits = j != NULL && strlen(j) < size;
		if (fits)
			memcpy(out, j, strlen(j) + 1);
		sqlite3_reset(st);
		if (!fits)
			return err_set(e, "缺少的材料写得太长");
		(*n)++;
	}
	return 0;
}

static int rule_request_materials(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	const struct case_step_in *in = w->in;
	char items[4096];
	int n;
	if (json_items(w->s, in, items, sizeof items, &n, e) != 0)
		return -1;
	if (n == 0)
		return err_set(e, "一次性告知必须列出缺少的材料");
	a->missing_deadline = calendar_add_workdays(&w->cfg->cal, w->on,
						    config_limits(w->cfg, a->kind)->missing_materials);
	changes_date(c, "missing_notice_on", w->on);
	changes_text(c, "missing_items", items);
	changes_date(c, "missing_deadline", a->missing_deadline);
	return 0;
}

/* Needs a reason unless the deadline of a one-time notice has passed
 * (视为自动放弃). */
static int rule_withdraw(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct app *a = w->rec;
	const struct case_step_in *in = w->in;
	bool missing = in_state(a, CASE_MISSING);
	char day[11];
	if (!(missing && w->on > a->missing_deadline) && text_blank(in->reason)) {
		if (!missing)
			return err_set(e, "申请人撤回申请时请填写原因");
		date_format(a->missing_deadline, day);
		return err_set(e, "补齐材料的期限 %s 尚未届满；申请人主动撤回时请填写原因", day);
	}
	changes_date(c, "withdrawn_on", w->on);
	return 0;
}

static int rule_start_investigation(struct wf_step *w, struct changes *c, struct err *e)
{
	(void)e;
	changes_date(c, "investigation_started_on", w->on);
	return 0;
}

static int rule_initial_review(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct app *a = w->rec;
	const struct case_step_in *in = w->in;
	char day[11];
	if (a->investigations == 0)
		return err_set(e, "尚无入户调查记录，不能提出初审意见");
	if (a->objection_on != DATE_NONE && a->since_objection == 0) {
		date_format(a->objection_on, day);
		return err_set(e, "%s 公示有异议：须在异议之后重新入户调查（i）或召开民主评议（m）并登记记录，"
			       "才能提出新的初审意见", day);
	}
	if (in->opinion == NULL || (strcmp(in->opinion, "include") != 0 && strcmp(in->opinion, "exclude") != 0))
		return err_set(e, "初审意见必须是“拟纳入”或“拟不纳入”");
	if (strcmp(in->opinion, "include") == 0 && in->amount <= 0)
		return err_set(e, "拟纳入时必须填写拟保障金额");
	changes_date(c, "initial_review_on", w->on);
	changes_text(c, "initial_opinion", in->opinion);
	changes_int(c, "proposed_amount", in->amount > 0 ? in->amount : 0);
	return 0;
}

/* Posted on `on` for N calendar days, counted from the next day (民法典
 * 第二百零一条) unless the county counts the posting day. */
static int rule_publicize(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	(void)e;
	a->publicity_to = config_publicity_end(w->cfg, w->on, config_limits(w->cfg, a->kind)->publicity_days);
	changes_date(c, "publicity_from", w->on);
	changes_date(c, "publicity_to", a->publicity_to);
	return 0;
}

/* The special case that extends the total limit: its reason and day. */
static void extend(struct wf_step *w, struct changes *c, const char *reason)
{
	struct app *a = w->rec;
	changes_int(c, "special_extension", 1);
	changes_text(c, "special_reason", reason);
	changes_date(c, "special_on", w->on);
	a->special_extension = true;
}

static int rule_objection(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	const struct case_step_in *in = w->in;
	if (text_blank(in->objector))
		return err_set(e, "请填写异议人（姓名或单位；匿名反映的写“匿名”）");
	if (text_blank(in->reason))
		return err_set(e, "请填写异议内容");
	if (!a->special_extension)
		extend(w, c, w->cfg->special_reasons[0]);
	return 0;
}

static int rule_extend(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct case_step_in *in = w->in;
	if (!config_special_reason(w->cfg, in->reason)) {
		char list[512] = "";
		size_t used = 0;
		for (size_t i = 0; i < w->cfg->n_special_reasons && used < sizeof list; i++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? "、" : "",
						 w->cfg->special_reasons[i]);
		return err_set(e, "特殊情况“%s”不在配置的特殊情况中（%s）", in->reason ? in->reason : "", list);
	}
	extend(w, c, in->reason);
	return 0;
}

/* The objection's own row, after the application's update: who, when,
 * what, and the list it was made against. */
static int add_objection(struct wf_step *w, struct err *e)
{
	const struct case_step_in *in = w->in;
	char day[11];
	int64_t batch;
	if (store_query_int(w->s, &batch, e, "SELECT max(batch_id) FROM publicity_entries WHERE application_id = ?",
			    "i", w->id) != 0)
		return -1;
	date_format(w->on, day);
	struct field f[] = { F_INT("application_id", w->id),
			     batch ? F_INT("batch_id", batch) : F_NULL("batch_id"),
			     F_TEXT("received_on", day), F_TEXT("objector", in->objector),
			     F_TEXT("content", in->reason) };
	return store_insert(w->s, "objections", f, 5, NULL, e);
}

/* Confirmation and the county's file wait for the end of publicity. */
static int publicity_over(const struct wf_step *w, struct err *e)
{
	const struct app *a = w->rec;
	char day[11];
	if (!in_state(a, CASE_PUBLICITY) || w->on > a->publicity_to)
		return 0;
	date_format(a->publicity_to, day);
	return err_set(e, "公示期到 %s 才结束，期满后才能确认或报县", day);
}

static int rule_send_county(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	if (publicity_over(w, e) != 0)
		return -1;
	changes_date(c, "county_submitted_on", w->on);
	a->county_submitted_on = w->on;
	return 0;
}

static int rule_approve(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct case_step_in *in = w->in;
	if (publicity_over(w, e) != 0)
		return -1;
	if (in->amount <= 0)
		return err_set(e, "确认同意时必须填写保障金额");
	changes_date(c, "decided_on", w->on);
	changes_text(c, "decision", "approved");
	changes_int(c, "amount", in->amount);
	return 0;
}

static int rule_refuse(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	const struct case_step_in *in = w->in;
	if (publicity_over(w, e) != 0)
		return -1;
	if (text_blank(in->reason))
		return err_set(e, "不予确认必须写明理由（将书面告知申请人）");
	changes_date(c, "decided_on", w->on);
	changes_text(c, "decision", "refused");
	changes_text(c, "refusal_reason", in->reason);
	a->decided_on = w->on;
	return 0;
}

static int rule_notify_refusal(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	(void)e;
	changes_date(c, "refusal_notified_on", w->on);
	a->refusal_notified_on = w->on;
	return 0;
}

/* A delegated approval filed with the county (备案). */
static int rule_file_county(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	if (a->county_filed_on != DATE_NONE)
		return err_set(e, "已报县民政局备案");
	changes_date(c, "county_filed_on", w->on);
	a->county_filed_on = w->on;
	return 0;
}

static int rule_announce(struct wf_step *w, struct changes *c, struct err *e)
{
	(void)e;
	changes_date(c, "announced_on", w->on);
	return 0;
}

/* Once announced, a monthly kind is on the rolls (在册). */
static int enrol_announced(struct wf_step *w, struct err *e)
{
	const struct case_step_in *in = w->in;
	return in->cat != NULL ? roll_enrol(w->s, w->cfg, in->cat, w->id, w->on, e) : 0;
}

/* The next deadline in the new state, kept for the overdue counter. */
static int next_due(struct wf_step *w, struct changes *c, struct err *e)
{
	struct case_dates d;
	const char *what;
	(void)e;
	app_dates(w->rec, &d);
	date_t due = case_next_due(w->cfg, &d, &what);
	if (due == DATE_NONE) {
		changes_text(c, "next_due_on", NULL);
		changes_text(c, "next_due_what", NULL);
	} else {
		changes_date(c, "next_due_on", due);
		changes_text(c, "next_due_what", what);
	}
	return 0;
}

#define CLERKS (ROLE_CLERK | ROLE_LEADER)
/* Only a leader confirms, refuses or sends the file to the county; the
 * county's own decision is recorded by the leader too. */
#define LEADER ROLE_LEADER

/* Confirmation by the township needs approval power; the county's file
 * needs its absence. */
static const struct wf_cond delegated = {
	CASE_DELEGATED, true, "该乡镇审批权限未下放，应报送县民政局审核确认",
};
static const struct wf_cond not_delegated = {
	CASE_DELEGATED, false, "审批权限已下放到乡镇，由分管领导确认，无需报县",
};
static const struct wf_cond to_file = {
	CASE_TO_FILE, true, "已报县民政局备案，或由县民政局确认（无需备案）",
};
/* The written refusal is notified once; a limit is extended once. */
static const struct wf_cond not_notified = {
	CASE_NOTIFIED, false, "不予确认已书面告知申请人，无需再次告知",
};
static const struct wf_cond not_extended = {
	CASE_EXTENDED, false, "已按特殊情况延长过办理时限",
};

#define EXTEND(from) { from, "extend", from, CLERKS, &not_extended, "登记特殊情况（延长办理时限）", \
		       rule_extend, NULL }

/* The whole workflow of DOMAIN.md, one row per allowed step. */
static const struct transition rows[] = {
	{ "received", "accept", "accepted", CLERKS, NULL, "受理（材料齐全）", rule_accept, NULL },
	{ "received", "request_materials", "missing", CLERKS, NULL, "一次性告知补齐材料",
	  rule_request_materials, NULL },
	{ "received", "withdraw", "withdrawn", CLERKS, NULL, "申请人撤回", rule_withdraw, NULL },
	{ "missing", "accept", "accepted", CLERKS, NULL, "材料已补齐，受理", rule_accept, NULL },
	{ "missing", "withdraw", "withdrawn", CLERKS, NULL, "逾期未补齐，视为放弃", rule_withdraw, NULL },
	{ "accepted", "start_investigation", "investigating", CLERKS, NULL, "启动家庭经济状况调查",
	  rule_start_investigation, NULL },
	{ "investigating", "initial_review", "reviewed", CLERKS, NULL, "提出初审意见",
	  rule_initial_review, NULL },
	{ "reviewed", "publicize", "publicity", CLERKS, NULL, "在村（社区）公示", rule_publicize, NULL },
	{ "publicity", "objection", "investigating", CLERKS, NULL, "公示有异议，重新调查",
	  rule_objection, add_objection },
	{ "publicity", "approve", "approved", LEADER, &delegated, "确认同意（审批权限已下放）",
	  rule_approve, NULL },
	{ "publicity", "refuse", "refused", LEADER, &delegated, "不予确认（审批权限已下放）",
	  rule_refuse, NULL },
	{ "publicity", "send_county", "county", LEADER, &not_delegated, "报送县民政局审核确认",
	  rule_send_county, NULL },
	{ "county", "approve", "approved", LEADER, NULL, "县民政局确认同意",
	  rule_approve, NULL },
	{ "county", "refuse", "refused", LEADER, NULL, "县民政局不予确认",
	  rule_refuse, NULL },
	{ "refused", "notify_refusal", "refused", CLERKS, &not_notified, "书面告知申请人及理由",
	  rule_notify_refusal, NULL },
	{ "approved", "announce", "announced", CLERKS, NULL, "在村（社区）公布", rule_announce,
	  enrol_announced },
	{ "approved", "file_county", "approved", CLERKS, &to_file, "报县民政局备案",
	  rule_file_county, NULL },
	{ "announced", "file_county", "announced", CLERKS, &to_file, "报县民政局备案",
	  rule_file_county, NULL },
	EXTEND("accepted"), EXTEND("investigating"), EXTEND("reviewed"), EXTEND("publicity"),
	EXTEND("county"),
};

const struct workflow case_workflow = {
	.table = "applications", .noun = "申请",
	.states = states, .n_states = CASE_N_STATES,
	.rows = rows, .n_rows = sizeof rows / sizeof rows[0],
	.start_label = "接收日期", .not_allowed = "当前状态“%s”下不能进行此操作",
	.events = "case_events", .event_key = "application_id",
	.load = load_app, .after = next_due,
};

/* The timeline's note: what the clerk wrote, else what the step carries
 * (the objector and the objection, the reason, the missing items). */
static const char *event_note(const struct case_step_in *in, char *buf, size_t size)
{
	size_t used = 0;
	if (in->note != NULL)
		return in->note;
	if (in->objector != NULL) {
		snprintf(buf, size, "异议人 %s：%s", in->objector, in->reason != NULL ? in->reason : "");
		return buf;
	}
	if (in->n_missing == 0)
		return in->reason;
	buf[0] = '\0';
	for (size_t i = 0; i < in->n_missing && used < size; i++)
		if (!text_blank(in->missing[i]))
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "；" : "", in->missing[i]);
	return buf;
}

static struct wf_call call_of(int64_t id, int64_t version, unsigned roles,
			      const struct case_step_in *in, struct app *a, char *note, size_t size)
{
	return (struct wf_call){
		.id = id, .version = version, .roles = roles, .step = in->step, .on = in->on,
		.rec = a, .in = in, .note = event_note(in, note, size),
	};
}

int case_apply_in_tx(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		     unsigned roles, const struct case_step_in *in, struct err *e)
{
	struct app a;
	char note[1024];
	struct wf_call call = call_of(id, version, roles, in, &a, note, sizeof note);
	return workflow_apply_in_tx(&case_workflow, s, cfg, &call, e);
}

int case_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
	       unsigned roles, const struct case_step_in *in, struct err *e)
{
	struct app a;
	char note[1024];
	struct wf_call call = call_of(id, version, roles, in, &a, note, sizeof note);
	return workflow_apply(&case_workflow, s, cfg, &call, e);
}

/* A material or authorisation row of a case, saved against its version by
 * a clerk whose area covers the case. */
static int update_paper(struct store *s, const char *table, int64_t row, int64_t version,
			const struct field *f, int n, struct err *e)
{
	int64_t village;
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT h.village_id FROM %s x JOIN applications a ON a.id = "
		 "x.application_id JOIN households h ON h.id = a.household_id WHERE x.id = ?", table);
	if (store_query_int(s, &village, e, sql, "i", row) != 0 ||
	    access_check(s, ACT_CASE_PAPERS, village, e) != 0)
		return -1;
	if (store_begin(s, e) != 0)
		return -1;
	if (store_update(s, table, row, version, f, n, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

int case_set_material(struct store *s, int64_t row, int64_t version, bool present, struct err *e)
{
	struct field f[] = { F_INT("present", present) };
	return update_paper(s, "application_materials", row, version, f, 1, e);
}

int case_sign_authorisation(struct store *s, int64_t row, int64_t version, date_t on,
			    const char *method, struct err *e)
{
	char day[11];
	date_format(on, day);
	if (strcmp(method, "paper") != 0 && strcmp(method, "electronic") != 0)
		return err_set(e, "签署方式必须是纸质或电子");
	struct field f[] = { F_INT("signed", 1), F_TEXT("signed_on", day), F_TEXT("method", method) };
	return update_paper(s, "authorisations", row, version, f, 3, e);
}

/* ---- correcting the facts ---- */

int case_facts_load(struct store *s, int64_t id, struct case_facts *f, int64_t *version,
		    char state[16], struct err *e)
{
	sqlite3_stmt *st;
	memset(f, 0, sizeof *f);
	if (store_query(s, &st, e, "SELECT version, state, kind, channel, coalesce(agent_id, 0), "
			"received_on, delegated, urgent, close_relative, coalesce(close_relative_note, '') "
			"FROM applications WHERE id = ?", "i", id) != 0 ||
	    store_row(s, st, "申请（编号 %lld）不存在", id, e) != 0)
		return -1;
	*version = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, state, 16);
	store_col_text(st, 2, f->kind, sizeof f->kind);
	store_col_text(st, 3, f->channel, sizeof f->channel);
	f->agent_id = sqlite3_column_int64(st, 4);
	f->received_on = store_col_date(st, 5);
	f->delegated = sqlite3_column_int(st, 6);
	f->urgent = sqlite3_column_int(st, 7);
	store_col_text(st, 9, f->close_relative_note, sizeof f->close_relative_note);
	if (sqlite3_column_int(st, 8) && f->close_relative_note[0] == '\0')
		snprintf(f->close_relative_note, sizeof f->close_relative_note, "已申报");
	sqlite3_reset(st);
	return 0;
}

/* Until a decision: not once decided (or announced), nor withdrawn. */
static int facts_open(const struct app *a, struct err *e)
{
	static const enum case_state closed[] = { CASE_WITHDRAWN, CASE_APPROVED, CASE_REFUSED,
						  CASE_ANNOUNCED };
	for (size_t i = 0; i < sizeof closed / sizeof closed[0]; i++)
		if (in_state(a, closed[i]))
			return err_set(e, "申请已是“%s”，申请信息不能再更改", states[closed[i]].label);
	return 0;
}

/* A received date after today or after a later step's date is refused. */
static int check_received(struct store *s, int64_t id, date_t received, date_t today,
			  struct err *e)
{
	sqlite3_stmt *st;
	char first[11] = "", day[11];
	if (received > today)
		return err_set(e, "接收日期不能晚于今天");
	if (store_query(s, &st, e, "SELECT min(on_date) FROM case_events WHERE application_id = ? "
			"AND step NOT IN ('receive', 'correct')", "i", id) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_col_text(st, 0, first, sizeof first);
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	date_format(received, day);
	if (first[0] && strcmp(day, first) > 0)
		return err_set(e, "接收日期 %s 晚于已办理步骤的日期 %s", day, first);
	return 0;
}

/* The checklist of the new kind: rows of materials it does not ask for go
 * (audited), its own are added; a material both ask for keeps its tick. */
static int swap_checklist(struct store *s, const struct kind *k, int64_t app, struct err *e)
{
	sqlite3_stmt *st;
	int64_t gone[64];
	int n = 0, rc = SQLITE_DONE;
	if (store_query(s, &st, e, "SELECT id, material FROM application_materials "
			"WHERE application_id = ? ORDER BY id", "i", app) != 0)
		return -1;
	while (n < 64 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 1);
		bool keep = false;
		for (size_t i = 0; i < k->n_materials && m != NULL; i++)
			keep = keep || strcmp(k->materials[i], m) == 0;
		if (!keep)
			gone[n++] = sqlite3_column_int64(st, 0);
	}
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (store_delete(s, "application_materials", gone[i], e) != 0)
			return -1;
	for (size_t i = 0; i < k->n_materials; i++) {
		int64_t have;
		if (store_query_int(s, &have, e, "SELECT count(*) FROM application_materials "
				    "WHERE application_id = ? AND material = ?", "is", app,
				    k->materials[i]) != 0)
			return -1;
		struct field f[] = { F_INT("application_id", app), F_TEXT("material", k->materials[i]),
				     F_INT("present", 0) };
		if (!have && store_insert(s, "application_materials", f, 3, NULL, e) != 0)
			return -1;
	}
	return 0;
}

static void note_add(char *note, size_t n, const char *what, const char *was, const char *now)
{
	size_t len = strlen(note);
	snprintf(note + len, n - len, "%s%s %s→%s", len ? "；" : "更正", what, was, now);
}

/* The changed columns, and the timeline's note naming them. */
static void facts_changes(const struct catalogue *cat, const struct case_facts *was,
			  const struct case_facts *f, struct changes *c, char *note, size_t n)
{
	char a[11], b[11];
	if (strcmp(was->kind, f->kind) != 0) {
		changes_text(c, "kind", f->kind);
		note_add(note, n, "救助种类", catalogue_kind_short(cat, was->kind),
			 catalogue_kind_short(cat, f->kind));
	}
	if (strcmp(was->channel, f->channel) != 0 || was->agent_id != f->agent_id) {
		changes_text(c, "channel", f->channel);
		if (f->agent_id != 0)
			changes_int(c, "agent_id", f->agent_id);
		else
			changes_text(c, "agent_id", NULL);
		size_t len = strlen(note);
		snprintf(note + len, n - len, "%s申请渠道或帮办代办员", len ? "；" : "更正");
	}
	if (was->received_on != f->received_on) {
		date_format(was->received_on, a);
		date_format(f->received_on, b);
		changes_date(c, "received_on", f->received_on);
		note_add(note, n, "接收日期", a, b);
	}
	if (was->delegated != f->delegated) {
		changes_int(c, "delegated", f->delegated);
		note_add(note, n, "审批权限", was->delegated ? "已下放" : "报县", f->delegated ? "已下放" : "报县");
	}
	if (was->urgent != f->urgent) {
		changes_int(c, "urgent", f->urgent);
		note_add(note, n, "急难", was->urgent ? "是" : "否", f->urgent ? "是" : "否");
	}
	if (strcmp(was->close_relative_note, f->close_relative_note) != 0) {
		changes_int(c, "close_relative", f->close_relative_note[0] != '\0');
		changes_text(c, "close_relative_note", f->close_relative_note[0] ? f->close_relative_note : NULL);
		note_add(note, n, "近亲属声明", was->close_relative_note[0] ? "有" : "无",
			 f->close_relative_note[0] ? "有" : "无");
	}
}

static int check_correction(struct store *s, const struct catalogue *cat, int64_t id,
			    const struct app *a, const struct case_facts *was,
			    const struct case_facts *f, date_t today, const struct kind **k,
			    struct err *e)
{
	int64_t applicant;
	if (facts_open(a, e) != 0)
		return -1;
	if (store_query_int(s, &applicant, e, "SELECT applicant_id FROM applications WHERE id = ?",
			    "i", id) != 0)
		return -1;
	struct case_new in = { .household_id = a->household_id, .applicant_id = applicant,
			       .kind = f->kind, .channel = f->channel, .agent_id = f->agent_id,
			       .received_on = f->received_on };
	if (check_new(s, cat, &in, id, was->agent_id, k, e) != 0)
		return -1;
	if (was->delegated != f->delegated && in_state(a, CASE_COUNTY))
		return err_set(e, "申请已报县审批，审批权限不能再更改");
	return check_received(s, id, f->received_on, today, e);
}

static int write_correction(struct store *s, const struct config *cfg, const struct catalogue *cat,
			    int64_t id, int64_t version, struct app *a, const struct case_facts *was,
			    const struct case_facts *f, const struct kind *k, struct err *e)
{
	struct changes c = { .n = 0 };
	char note[512] = "";
	facts_changes(cat, was, f, &c, note, sizeof note);
	if (c.n == 0)
		return err_set(e, "申请信息没有改动");
	snprintf(a->kind, sizeof a->kind, "%s", f->kind);
	a->received_on = f->received_on;
	a->delegated = f->delegated;
	struct case_dates d;
	const char *what;
	app_dates(a, &d);
	date_t due = case_next_due(cfg, &d, &what);
	changes_date(&c, "next_due_on", due);
	changes_text(&c, "next_due_what", due != DATE_NONE ? what : NULL);
	if (store_update_changes(s, "applications", id, version, &c, e) != 0)
		return -1;
	if (strcmp(was->kind, f->kind) != 0 && swap_checklist(s, k, id, e) != 0)
		return -1;
	if (f->received_on < was->received_on &&
	    add_authorisations(s, a->household_id, id, f->received_on, e) != 0)
		return -1;
	struct wf_event ev = { .id = id, .on = date_today(), .step = "correct", .from = a->h.state,
			       .to = a->h.state, .note = note };
	return workflow_event(&case_workflow, s, &ev, e);
}

int case_correct(struct store *s, const struct config *cfg, const struct catalogue *cat,
		 int64_t id, int64_t version, const struct case_facts *f, date_t today,
		 struct err *e)
{
	struct app a;
	struct case_facts was;
	int64_t now_version;
	char state[16];
	const struct kind *k;
	if (store_begin(s, e) != 0)
		return -1;
	if (load_app(s, id, &a, e) != 0 || case_facts_load(s, id, &was, &now_version, state, e) != 0 ||
	    check_correction(s, cat, id, &a, &was, f, today, &k, e) != 0 ||
	    write_correction(s, cfg, cat, id, version, &a, &was, f, k, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}
