#include "core/domain/roll.h"

#include <stdio.h>
#include <string.h>

#include "core/base/text.h"
#include "core/domain/access.h"

/* The migrations' CHECK on rolls.state lists the same codes. */
static const struct wf_state states[ROLL_N_STATES] = {
	[ROLL_ACTIVE] = { "active", "在册" },
	[ROLL_CHANGE_PENDING] = { "change_pending", "调整待确认" },
	[ROLL_SUSPENDED] = { "suspended", "暂停" },
	[ROLL_END_PENDING] = { "end_pending", "终止公示中" },
	[ROLL_ENDED] = { "ended", "已终止" },
};

static const char *const step_labels[][2] = {
	{ "enrol", "纳入在册" }, { "change", "调整金额" }, { "confirm_change", "确认调整" },
	{ "reject_change", "不同意调整" }, { "suspend", "暂停" }, { "resume", "恢复" },
	{ "end", "终止（停保）" }, { "confirm_end", "确认终止" }, { "keep", "继续保障" },
};

const char *roll_state_label(const char *state)
{
	return workflow_state_label(&roll_workflow, state);
}

const char *roll_step_label(const char *step)
{
	for (size_t i = 0; i < sizeof step_labels / sizeof step_labels[0]; i++)
		if (strcmp(step_labels[i][0], step) == 0)
			return step_labels[i][1];
	return step;
}

/* The one fact conditions test: 特困 support ends only after publicity. */
#define FACT_TEKUN 1u

static unsigned kind_facts(const char *kind)
{
	return strcmp(kind, "tekun") == 0 ? FACT_TEKUN : 0;
}

int roll_enrol(struct store *s, const struct config *cfg, const struct catalogue *cat,
	       int64_t app, date_t on, struct err *e)
{
	sqlite3_stmt *st;
	char kind[32];
	char name[64];
	if (store_query(s, &st, e, "SELECT a.kind, coalesce(a.amount, 0), a.household_id, h.village_id, "
			"(SELECT count(*) FROM rolls WHERE application_id = a.id), p.name "
			"FROM applications a JOIN households h ON h.id = a.household_id "
			"JOIN persons p ON p.id = a.applicant_id WHERE a.id = ?", "i", app) != 0)
		return -1;
	if (store_row(s, st, "申请（编号 %lld）不存在", app, e) != 0)
		return -1;
	store_col_text(st, 0, kind, sizeof kind);
	store_col_text(st, 5, name, sizeof name);
	int64_t amount = sqlite3_column_int64(st, 1), hh = sqlite3_column_int64(st, 2);
	int64_t village = sqlite3_column_int64(st, 3), there = sqlite3_column_int64(st, 4);
	sqlite3_reset(st);
	const struct kind *k = catalogue_kind(cat, kind);
	if (there || k == NULL || k->one_off)
		return 0;
	char since[11], recert[11];
	date_format(on, since);
	date_format(date_add_months(on, cfg->recert_months), recert);
	struct field f[] = {
		F_INT("application_id", app), F_INT("household_id", hh), F_INT("village_id", village),
		F_TEXT("kind", kind), F_INT("amount", amount), F_TEXT("since_on", since),
		F_TEXT("state", states[ROLL_ACTIVE].code), F_TEXT("recert_due_on", recert),
		F_TEXT("name", name),
	};
	int64_t id;
	if (store_insert(s, "rolls", f, (int)(sizeof f / sizeof f[0]), &id, e) != 0)
		return -1;
	struct wf_event ev = { .id = id, .on = on, .step = "enrol", .to = states[ROLL_ACTIVE].code,
			       .note = "公布后纳入在册", .value = &amount };
	return workflow_event(&roll_workflow, s, &ev, e);
}

int roll_rename_applicant(struct store *s, int64_t person, const char *name, struct err *e)
{
	sqlite3_stmt *st;
	int64_t ids[64], versions[64];
	int n = 0, rc;
	if (store_query(s, &st, e, "SELECT r.id, r.version FROM rolls r JOIN applications a "
			"ON a.id = r.application_id WHERE a.applicant_id = ?", "i", person) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == 64) {	/* one roll per application: never this many */
			sqlite3_reset(st);
			return err_set(e, "人员（编号 %lld）名下的在册记录超过 64 条", (long long)person);
		}
		ids[n] = sqlite3_column_int64(st, 0);
		versions[n++] = sqlite3_column_int64(st, 1);
	}
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	struct field f[] = { F_TEXT("name", name) };
	for (int i = 0; i < n; i++)
		if (store_update(s, "rolls", ids[i], versions[i], f, 1, e) != 0)
			return -1;
	return 0;
}

/* A batch of announced applications with no roll row, after id `after`. */
static int missing_batch(struct store *s, int64_t after, int64_t *ids, date_t *on, int max,
			 int *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (store_query(s, &st, e, "SELECT a.id, coalesce(a.announced_on, a.decided_on) FROM applications a "
			"WHERE a.state = 'announced' AND a.id > ? AND NOT EXISTS (SELECT 1 FROM rolls r "
			"WHERE r.application_id = a.id) ORDER BY a.id LIMIT ?", "id", after, max) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids[*n] = sqlite3_column_int64(st, 0);
		on[(*n)++] = store_col_date(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

static int enrol_missing_rows(struct store *s, const struct config *cfg,
			      const struct catalogue *cat, int64_t *n, struct err *e)
{
	int64_t ids[256], after = 0, before, now;
	date_t on[256];
	int got;
	if (store_query_int(s, &before, e, "SELECT count(*) FROM rolls", "") != 0)
		return -1;
	do {
		if (missing_batch(s, after, ids, on, 256, &got, e) != 0)
			return -1;
		for (int i = 0; i < got; i++)
			if (roll_enrol(s, cfg, cat, ids[i], on[i] != DATE_NONE ? on[i] : date_today(), e) != 0)
				return -1;
		after = got > 0 ? ids[got - 1] : after;
	} while (got == 256);
	if (store_query_int(s, &now, e, "SELECT count(*) FROM rolls", "") != 0)
		return -1;
	*n = now - before;
	return 0;
}

int roll_enrol_missing(struct store *s, const struct config *cfg, const struct catalogue *cat,
		       int64_t *n, struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (enrol_missing_rows(s, cfg, cat, n, e) != 0) {
		store_rollback(s);
		return err_prefix(e, "未能把已公布的申请纳入在册（数据库未作改动）：");
	}
	return store_commit(s, e);
}

/* A roll row as its steps see it; begins with the engine's head. */
struct roll {
	struct wf_head h;
	char kind[32];
	int64_t amount, new_amount;
	date_t end_publicity_to;
};

static int load_roll(struct store *s, int64_t id, void *rec, struct err *e)
{
	struct roll *r = rec;
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT version, state, kind, amount, coalesce(new_amount, -1), "
			"since_on, village_id, end_publicity_to FROM rolls WHERE id = ?", "i", id) != 0)
		return -1;
	if (store_row(s, st, "在册记录（编号 %lld）不存在", id, e) != 0)
		return -1;
	r->h.version = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, r->h.state, sizeof r->h.state);
	store_col_text(st, 2, r->kind, sizeof r->kind);
	r->amount = sqlite3_column_int64(st, 3);
	r->new_amount = sqlite3_column_int64(st, 4);
	r->h.start = store_col_date(st, 5);
	r->h.village_id = sqlite3_column_int64(st, 6);
	r->end_publicity_to = store_col_date(st, 7);
	sqlite3_reset(st);
	r->h.facts = kind_facts(r->kind);
	return 0;
}

static int need_reason(const struct roll_step_in *in, const char *what, struct err *e)
{
	if (text_blank(in->reason))
		return err_set(e, "请写明%s的原因", what);
	return 0;
}

static int rule_change(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct roll *r = w->rec;
	const struct roll_step_in *in = w->in;
	if (in->new_amount < 0)
		return err_set(e, "调整后的金额不能为负数");
	if (in->new_amount == r->amount)
		return err_set(e, "调整后的金额与现在的相同（%lld.%02lld 元）",
			       (long long)(r->amount / 100), (long long)(r->amount % 100));
	if (need_reason(in, "调整金额", e) != 0)
		return -1;
	changes_int(c, "new_amount", in->new_amount);
	changes_text(c, "change_reason", in->reason);
	return 0;
}

/* The leader's confirmation makes the new amount the amount. */
static int rule_confirm_change(struct wf_step *w, struct changes *c, struct err *e)
{
	struct roll *r = w->rec;
	(void)e;
	changes_int(c, "amount", r->new_amount);
	changes_text(c, "new_amount", NULL);
	r->amount = r->new_amount;
	return 0;
}

static int rule_reject_change(struct wf_step *w, struct changes *c, struct err *e)
{
	(void)w;
	(void)e;
	changes_text(c, "new_amount", NULL);
	return 0;
}

static int rule_suspend(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct roll_step_in *in = w->in;
	if (need_reason(in, "暂停", e) != 0)
		return -1;
	changes_date(c, "suspended_on", w->on);
	changes_text(c, "suspend_reason", in->reason);
	return 0;
}

static int rule_resume(struct wf_step *w, struct changes *c, struct err *e)
{
	(void)w;
	(void)e;
	changes_date(c, "suspended_on", DATE_NONE);
	changes_text(c, "suspend_reason", NULL);
	return 0;
}

static int rule_end(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct roll_step_in *in = w->in;
	if (need_reason(in, "终止", e) != 0)
		return -1;
	changes_text(c, "end_reason", in->reason);
	changes_date(c, "ended_on", w->on);
	return 0;
}

/* 特困 (《特困人员认定办法》): the end is publicised from the day of the
 * step for [limits.tekun] publicity_days, counted as [periods] says. */
static int rule_end_publicise(struct wf_step *w, struct changes *c, struct err *e)
{
	struct roll *r = w->rec;
	const struct roll_step_in *in = w->in;
	if (need_reason(in, "终止", e) != 0)
		return -1;
	changes_text(c, "end_reason", in->reason);
	r->end_publicity_to = config_publicity_end(w->cfg, w->on,
						   config_limits(w->cfg, r->kind)->publicity_days);
	changes_date(c, "end_publicity_from", w->on);
	changes_date(c, "end_publicity_to", r->end_publicity_to);
	return 0;
}

static int rule_confirm_end(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct roll *r = w->rec;
	char to[11];
	if (r->end_publicity_to != DATE_NONE && w->on <= r->end_publicity_to) {
		date_format(r->end_publicity_to, to);
		return err_set(e, "终止公示到 %s 才结束，公示期满后才能确认终止", to);
	}
	changes_date(c, "ended_on", w->on);
	return 0;
}

static int rule_keep(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct roll_step_in *in = w->in;
	(void)w;
	if (need_reason(in, "继续保障", e) != 0)
		return -1;
	changes_text(c, "end_reason", NULL);
	changes_date(c, "end_publicity_from", DATE_NONE);
	changes_date(c, "end_publicity_to", DATE_NONE);
	return 0;
}

#define CLERKS (ROLE_CLERK | ROLE_LEADER)
#define LEADER ROLE_LEADER

static const struct wf_cond tekun = { FACT_TEKUN, true, NULL };
static const struct wf_cond not_tekun = { FACT_TEKUN, false, NULL };

static const struct transition rows[] = {
	{ "active", "change", "change_pending", CLERKS, NULL, "调整保障金额（报分管领导确认）",
	  rule_change, NULL },
	{ "change_pending", "confirm_change", "active", LEADER, NULL, "确认调整金额",
	  rule_confirm_change, NULL },
	{ "change_pending", "reject_change", "active", LEADER, NULL, "不同意调整，维持原金额",
	  rule_reject_change, NULL },
	{ "active", "suspend", "suspended", CLERKS, NULL, "暂停发放", rule_suspend, NULL },
	{ "suspended", "resume", "active", CLERKS, NULL, "恢复发放", rule_resume, NULL },
	{ "active", "end", "ended", CLERKS, &not_tekun, "终止（停保）", rule_end, NULL },
	{ "suspended", "end", "ended", CLERKS, &not_tekun, "终止（停保）", rule_end, NULL },
	{ "active", "end", "end_pending", CLERKS, &tekun, "终止供养，先行公示", rule_end_publicise,
	  NULL },
	{ "suspended", "end", "end_pending", CLERKS, &tekun, "终止供养，先行公示",
	  rule_end_publicise, NULL },
	{ "end_pending", "confirm_end", "ended", LEADER, NULL, "公示期满，确认终止",
	  rule_confirm_end, NULL },
	{ "end_pending", "keep", "active", CLERKS, NULL, "公示有异议，继续保障", rule_keep, NULL },
};

const struct workflow roll_workflow = {
	.table = "rolls", .noun = "在册记录",
	.states = states, .n_states = ROLL_N_STATES,
	.rows = rows, .n_rows = sizeof rows / sizeof rows[0],
	.start_label = "纳入在册日期", .not_allowed = "在册状态“%s”下不能“%s”",
	.events = "roll_events", .event_key = "roll_id",
	/* The amount in force after the step, or the one proposed. */
	.event_col = "amount", .event_expr = "coalesce(new_amount, amount)",
	.load = load_roll, .step_label = roll_step_label,
};

size_t roll_steps(const char *state, const char *kind, unsigned roles,
		  const struct transition **out, size_t max)
{
	return workflow_steps(&roll_workflow, state, kind_facts(kind), roles, out, max);
}

static void call_of(int64_t id, int64_t version, const struct roll_step_in *in, struct roll *r,
		    struct wf_call *call)
{
	*call = (struct wf_call){ .id = id, .version = version, .roles = in->roles ? in->roles : ROLES_ANY,
				  .step = in->step, .on = in->on, .rec = r, .in = in,
				  .note = !text_blank(in->note) ? in->note : in->reason };
}

int roll_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
	       const struct roll_step_in *in, struct err *e)
{
	struct roll r;
	struct wf_call call;
	call_of(id, version, in, &r, &call);
	return workflow_apply(&roll_workflow, s, cfg, &call, e);
}

int roll_apply_in_tx(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		     const struct roll_step_in *in, struct err *e)
{
	struct roll r;
	struct wf_call call;
	call_of(id, version, in, &r, &call);
	return workflow_apply_in_tx(&roll_workflow, s, cfg, &call, e);
}
