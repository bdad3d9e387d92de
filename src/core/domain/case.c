#include "core/domain/case.h"
#include "core/domain/access.h"

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

size_t case_steps(const char *state, bool delegated, unsigned roles,
		  const struct transition **out, size_t max)
{
	return workflow_steps(&case_workflow, state, delegated ? CASE_DELEGATED : 0, roles, out, max);
}

const struct transition *case_transition(const char *from, const char *step, bool delegated)
{
	return workflow_find(&case_workflow, from, step, delegated ? CASE_DELEGATED : 0);
}

/* ---- deadlines ---- */

static void add_deadline(struct deadline *out, size_t *n, const struct calendar *cal,
			 const char *what, date_t due, date_t today, bool calendar_days)
{
	out[*n].what = what;
	out[*n].due = due;
	out[*n].calendar_days = calendar_days;
	out[*n].days_left = calendar_days ? due - today : calendar_workdays_between(cal, today, due);
	(*n)++;
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
	if (strcmp(st, "publicity") == 0 && d->publicity_to != DATE_NONE)
		add_deadline(out, &n, cal, "公示期满", d->publicity_to, today, true);
	if (strcmp(st, "county") == 0 && d->county_submitted_on != DATE_NONE)
		add_deadline(out, &n, cal, "县级审核确认", calendar_add_workdays(cal, d->county_submitted_on, l->county), today, false);
	bool open = strcmp(st, "accepted") == 0 || strcmp(st, "investigating") == 0 ||
		    strcmp(st, "reviewed") == 0 || strcmp(st, "publicity") == 0 ||
		    strcmp(st, "county") == 0;
	if (open && d->accepted_on != DATE_NONE) {
		int total = d->special_extension ? l->total_special
			  : d->delegated ? l->total_delegated : l->total;
		add_deadline(out, &n, cal, "审核确认办结", calendar_add_workdays(cal, d->accepted_on, total), today, false);
	}
	if (strcmp(st, "refused") == 0 && d->refusal_notified_on == DATE_NONE && d->decided_on != DATE_NONE)
		add_deadline(out, &n, cal, "书面告知不予确认", calendar_add_workdays(cal, d->decided_on, l->refusal_notice), today, false);
	return n;
}

date_t case_next_due(const struct config *cfg, const struct case_dates *d, const char **what)
{
	struct deadline dl[4];
	size_t n = case_deadlines_of(cfg, d, d->received_on, dl);
	date_t best = DATE_NONE;
	*what = NULL;
	for (size_t i = 0; i < n; i++)
		if (best == DATE_NONE || dl[i].due < best) {
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
	       county_submitted_on, decided_on, refusal_notified_on;
	bool delegated, special_extension;
	int64_t investigations;
};

static int load_app(struct store *s, int64_t id, void *rec, struct err *e)
{
	struct app *a = rec;
	sqlite3_stmt *st;
	if (store_query(s, &st, e,
			"SELECT version, household_id, kind, state, coalesce(initial_opinion, ''), "
			"received_on, missing_deadline, accepted_on, publicity_to, "
			"county_submitted_on, decided_on, refusal_notified_on, delegated, "
			"special_extension, (SELECT count(*) FROM investigations WHERE application_id = a.id), "
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
	a->h.village_id = sqlite3_column_int64(st, 15);
	sqlite3_reset(st);
	a->h.facts = a->delegated ? CASE_DELEGATED : 0;
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

/* One authorisation row per member who is an adult on the day received. */
static int add_authorisations(struct store *s, int64_t household, int64_t app,
			      date_t received, struct err *e)
{
	char day[11];
	int y, m, d;
	date_to_ymd(received, &y, &m, &d);
	date_format(date_from_ymd(y - 18, m, m == 2 && d == 29 ? 28 : d), day);
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT id FROM persons WHERE household_id = ? AND birth_date <= ? ORDER BY id",
			"is", household, day) != 0)
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

static int check_new(struct store *s, const struct catalogue *cat, const struct case_new *in,
		     const struct kind **k, struct err *e)
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
	if (store_query_int(s, &hh, e, "SELECT household_id FROM persons WHERE id = ?", "i",
			    in->applicant_id) != 0)
		return -1;
	if (hh != in->household_id)
		return err_set(e, "申请人不是该户的成员");
	int64_t village;
	if (store_query_int(s, &village, e, "SELECT village_id FROM households WHERE id = ?", "i",
			    in->household_id) != 0 || access_check(s, ACT_CASE_NEW, village, e) != 0)
		return -1;
	if (in->agent_id != 0) {
		int64_t ok;
		if (store_query_int(s, &ok, e, "SELECT count(*) FROM staff WHERE id = ? AND role = 'agent' AND active",
				    "i", in->agent_id) != 0)
			return -1;
		if (!ok)
			return err_set(e, "所选人员不是在岗的帮办代办员");
	}
	return 0;
}

static int create_rows(struct store *s, const struct config *cfg, const struct catalogue *cat,
		       const struct case_new *in, int64_t *id, struct err *e)
{
	const struct kind *k;
	if (check_new(s, cat, in, &k, e) != 0)
		return -1;
	char received[11], due[11];
	date_format(in->received_on, received);
	struct case_dates d = { .kind = in->kind, .state = states[CASE_RECEIVED].code,
				.received_on = in->received_on, .missing_deadline = DATE_NONE,
				.accepted_on = DATE_NONE };
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

/* Each step's rule: its checks and the columns it sets. The record is
 * updated to the new dates so the next deadline is computed from them. */

static int rule_accept(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	(void)e;
	changes_date(c, "accepted_on", w->on);
	a->accepted_on = w->on;
	return 0;
}

static int rule_request_materials(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	const struct case_step_in *in = w->in;
	if (text_blank(in->missing_items))
		return err_set(e, "一次性告知必须列出缺少的材料");
	a->missing_deadline = calendar_add_workdays(&w->cfg->cal, w->on,
						    config_limits(w->cfg, a->kind)->missing_materials);
	changes_date(c, "missing_notice_on", w->on);
	changes_text(c, "missing_items", in->missing_items);
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
	if (a->investigations == 0)
		return err_set(e, "尚无入户调查记录，不能提出初审意见");
	if (in->opinion == NULL || (strcmp(in->opinion, "include") != 0 && strcmp(in->opinion, "exclude") != 0))
		return err_set(e, "初审意见必须是“拟纳入”或“拟不纳入”");
	if (strcmp(in->opinion, "include") == 0 && in->amount <= 0)
		return err_set(e, "拟纳入时必须填写拟保障金额");
	changes_date(c, "initial_review_on", w->on);
	changes_text(c, "initial_opinion", in->opinion);
	if (in->amount > 0)
		changes_int(c, "proposed_amount", in->amount);
	return 0;
}

static int rule_publicize(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	(void)e;
	/* Posted on `on` for N calendar days: the last day is on + N - 1. */
	a->publicity_to = w->on + config_limits(w->cfg, a->kind)->publicity_days - 1;
	changes_date(c, "publicity_from", w->on);
	changes_date(c, "publicity_to", a->publicity_to);
	return 0;
}

static int rule_objection(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	const struct case_step_in *in = w->in;
	if (text_blank(in->reason))
		return err_set(e, "请填写异议内容");
	changes_int(c, "special_extension", 1);
	changes_text(c, "special_reason", "公示有异议");
	a->special_extension = true;
	return 0;
}

/* The objection's own row, after the application's update. */
static int add_objection(struct wf_step *w, struct err *e)
{
	const struct case_step_in *in = w->in;
	char day[11];
	date_format(w->on, day);
	struct field f[] = { F_INT("application_id", w->id), F_TEXT("received_on", day),
			     F_TEXT("content", in->reason) };
	return store_insert(w->s, "objections", f, 3, NULL, e);
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
	if (a->refusal_notified_on != DATE_NONE)
		return err_set(e, "已书面告知过");
	changes_date(c, "refusal_notified_on", w->on);
	a->refusal_notified_on = w->on;
	return 0;
}

static int rule_announce(struct wf_step *w, struct changes *c, struct err *e)
{
	(void)e;
	changes_date(c, "announced_on", w->on);
	return 0;
}

/* Any step may declare a special case, which extends the total limit. */
static int rule_special(struct wf_step *w, struct changes *c, struct err *e)
{
	struct app *a = w->rec;
	const struct case_step_in *in = w->in;
	if (!in->special || a->special_extension)
		return 0;
	if (text_blank(in->special_reason))
		return err_set(e, "延长办理时限须写明特殊情况");
	changes_int(c, "special_extension", 1);
	changes_text(c, "special_reason", in->special_reason);
	a->special_extension = true;
	return 0;
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
	{ "refused", "notify_refusal", "refused", CLERKS, NULL, "书面告知申请人及理由",
	  rule_notify_refusal, NULL },
	{ "approved", "announce", "announced", CLERKS, NULL, "在村（社区）公布", rule_announce, NULL },
};

const struct workflow case_workflow = {
	.table = "applications", .noun = "申请",
	.states = states, .n_states = CASE_N_STATES,
	.rows = rows, .n_rows = sizeof rows / sizeof rows[0],
	.start_label = "接收日期", .not_allowed = "当前状态“%s”下不能进行此操作",
	.events = "case_events", .event_key = "application_id",
	.load = load_app, .each = rule_special, .after = next_due,
};

static struct wf_call call_of(int64_t id, int64_t version, unsigned roles,
			      const struct case_step_in *in, struct app *a)
{
	return (struct wf_call){
		.id = id, .version = version, .roles = roles, .step = in->step, .on = in->on,
		.rec = a, .in = in,
		.note = in->note != NULL ? in->note : in->reason != NULL ? in->reason : in->missing_items,
	};
}

int case_apply_in_tx(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		     unsigned roles, const struct case_step_in *in, struct err *e)
{
	struct app a;
	struct wf_call call = call_of(id, version, roles, in, &a);
	return workflow_apply_in_tx(&case_workflow, s, cfg, &call, e);
}

int case_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
	       unsigned roles, const struct case_step_in *in, struct err *e)
{
	struct app a;
	struct wf_call call = call_of(id, version, roles, in, &a);
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
