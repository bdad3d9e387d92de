#include "core/domain/entrust.h"
#include "core/domain/access.h"

#include <stdio.h>
#include <string.h>

#include "core/base/text.h"

/* In workflow order; the migrations' CHECK on entrustments.state lists
 * the same codes (tests/unit/test_states.c compares them). */
static const struct wf_state states[ENTRUST_N_STATES] = {
	[ENTRUST_REGISTERED] = { "registered", "已登记" },
	[ENTRUST_MISSING] = { "missing", "待补材料" },
	[ENTRUST_OUT_OF_SCOPE] = { "out_of_scope", "不属于范围" },
	[ENTRUST_HANDLING] = { "handling", "办理中" },
	[ENTRUST_FEEDBACK] = { "feedback", "已反馈" },
	[ENTRUST_TERMINATED] = { "terminated", "已终止" },
	[ENTRUST_RATED] = { "rated", "已评价" },
	[ENTRUST_FILED] = { "filed", "已归档" },
};

const char *const entrust_ratings[] = { "满意", "基本满意", "不满意", NULL };

static const char *const channels[][2] = {
	{ "phone", "电话" }, { "network", "网络" }, { "paper", "纸质" },
};

static const char *const step_labels[][2] = {
	{ "handle", "开始办理" }, { "notify_missing", "一次性告知" },
	{ "out_of_scope", "告知不属于范围" }, { "feedback", "反馈结果" },
	{ "terminate", "终止" }, { "rate", "评价" }, { "file", "归档" },
};

const char *entrust_state_label(const char *state)
{
	return workflow_state_label(&entrust_workflow, state);
}

const char *entrust_channel_label(const char *code)
{
	for (size_t i = 0; i < 3; i++)
		if (strcmp(channels[i][0], code) == 0)
			return channels[i][1];
	return code;
}

const char *entrust_channel_code(const char *text)
{
	for (size_t i = 0; text != NULL && i < 3; i++)
		if (strcmp(channels[i][0], text) == 0 || strcmp(channels[i][1], text) == 0)
			return channels[i][0];
	return NULL;
}

const char *entrust_step_label(const char *step)
{
	for (size_t i = 0; i < sizeof step_labels / sizeof step_labels[0]; i++)
		if (strcmp(step_labels[i][0], step) == 0)
			return step_labels[i][1];
	return step;
}

size_t entrust_steps(const char *state, unsigned roles, const struct entrust_transition **out,
		     size_t max)
{
	return workflow_steps(&entrust_workflow, state, 0, roles, out, max);
}

/* ---- registering ---- */

static int check_new(struct store *s, const struct catalogue *cat, const struct entrust_new *in,
		     const char **channel, struct err *e)
{
	int64_t n;
	if (text_blank(in->client_name))
		return err_set(e, "请填写委托人姓名");
	const struct kind *k = catalogue_kind(cat, in->matter ? in->matter : "");
	if (k == NULL || !k->helper_service)
		return err_set(e, "帮办代办事项必须是八类社会救助之一（低保、特困、临时、医疗、就业、"
			       "住房、教育、灾害救助）");
	*channel = entrust_channel_code(in->channel);
	if (*channel == NULL)
		return err_set(e, "委托方式必须是电话、网络或纸质");
	if (store_query_int(s, &n, e, "SELECT count(*) FROM villages WHERE id = ?", "i",
			    in->village_id) != 0)
		return -1;
	if (!n)
		return err_set(e, "请选择村（社区）");
	if (store_query_int(s, &n, e, "SELECT count(*) FROM staff WHERE id = ? AND role = 'agent' "
			    "AND active = 1", "i", in->agent_id) != 0)
		return -1;
	if (!n)
		return err_set(e, "所选人员不是在岗的帮办代办员");
	if (in->client_person_id != 0) {
		if (store_query_int(s, &n, e, "SELECT count(*) FROM persons WHERE id = ?", "i",
				    in->client_person_id) != 0)
			return -1;
		if (!n)
			return err_set(e, "委托人（编号 %lld）未登记", (long long)in->client_person_id);
	}
	if (in->received_on != DATE_NONE && in->received_on > date_today())
		return err_set(e, "受理日期不能晚于今天");
	return 0;
}

int entrust_create(struct store *s, const struct config *cfg, const struct catalogue *cat,
		   const struct entrust_new *in, int64_t *id_out, struct err *e)
{
	const char *channel = NULL;
	if (access_check(s, ACT_ENTRUST, in->village_id, e) != 0 ||
	    check_new(s, cat, in, &channel, e) != 0)
		return -1;
	date_t rec = in->received_on == DATE_NONE ? date_today() : in->received_on;
	char received[11], due[11];
	date_format(rec, received);
	date_format(calendar_add_workdays(&cfg->cal, rec, config_limits(cfg, in->matter)->helper_handle), due);
	struct field f[] = {
		F_INT("village_id", in->village_id), F_INT("agent_id", in->agent_id),
		F_TEXT("client_name", in->client_name),
		in->client_person_id ? F_INT("client_person_id", in->client_person_id)
				     : F_NULL("client_person_id"),
		F_TEXT("client_phone", text_blank(in->client_phone) ? NULL : in->client_phone),
		F_TEXT("matter", in->matter), F_TEXT("channel", channel),
		F_TEXT("state", states[ENTRUST_REGISTERED].code), F_TEXT("received_on", received), F_TEXT("due_on", due),
		F_TEXT("note", text_blank(in->note) ? NULL : in->note),
	};
	return store_insert_tx(s, "entrustments", f, (int)(sizeof f / sizeof f[0]), id_out, e);
}

/* ---- steps ---- */

/* An entrustment as its steps see it; begins with the engine's head. */
struct ent {
	struct wf_head h;
	int64_t person;
	char matter[32], result[512];
	date_t replied_on;
};

static int load_ent(struct store *s, int64_t id, void *rec, struct err *e)
{
	struct ent *a = rec;
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT version, state, matter, received_on, replied_on, "
			"coalesce(client_person_id, 0), result, village_id FROM entrustments WHERE id = ?",
			"i", id) != 0)
		return -1;
	if (store_row(s, st, "委托（编号 %lld）不存在", id, e) != 0)
		return -1;
	a->h.version = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, a->h.state, sizeof a->h.state);
	store_col_text(st, 2, a->matter, sizeof a->matter);
	a->h.start = store_col_date(st, 3);
	a->replied_on = store_col_date(st, 4);
	a->person = sqlite3_column_int64(st, 5);
	store_col_text(st, 6, a->result, sizeof a->result);
	a->h.village_id = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);
	a->h.facts = 0;
	return 0;
}

static bool in_state(const struct ent *a, enum entrust_state st)
{
	return strcmp(a->h.state, states[st].code) == 0;
}

static bool is_rating(const char *r)
{
	for (int i = 0; r != NULL && entrust_ratings[i] != NULL; i++)
		if (strcmp(entrust_ratings[i], r) == 0)
			return true;
	return false;
}

/* Each step's rule: its checks and the columns it sets. */

/* After a one-time notice the time limit runs from the day the papers are
 * complete. */
static int rule_handle(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct ent *a = w->rec;
	(void)e;
	if (in_state(a, ENTRUST_MISSING))
		changes_date(c, "due_on", calendar_add_workdays(&w->cfg->cal, w->on,
				config_limits(w->cfg, a->matter)->helper_handle));
	return 0;
}

static int rule_notify_missing(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct entrust_step_in *in = w->in;
	if (text_blank(in->missing_items))
		return err_set(e, "一次性告知必须列出需补正的全部材料");
	changes_text(c, "missing_items", in->missing_items);
	return 0;
}

static int rule_out_of_scope(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct entrust_step_in *in = w->in;
	if (text_blank(in->reason))
		return err_set(e, "请写明不属于帮办代办范围的原因（将告知申请人）");
	changes_text(c, "result", in->reason);
	changes_date(c, "replied_on", w->on);
	return 0;
}

static int rule_feedback(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct entrust_step_in *in = w->in;
	if (text_blank(in->result))
		return err_set(e, "请填写办理结果");
	changes_text(c, "result", in->result);
	changes_date(c, "replied_on", w->on);
	return 0;
}

/* The papers go back to the client; a termination before any result is
 * itself the result. */
static int rule_terminate(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct ent *a = w->rec;
	const struct entrust_step_in *in = w->in;
	if (text_blank(in->reason))
		return err_set(e, "终止帮办代办须写明原因（事项原因或申请人要求）");
	if (!in->papers_returned)
		return err_set(e, "终止时须把委托材料移交（退还）申请人");
	changes_text(c, "terminated_reason", in->reason);
	changes_int(c, "papers_returned", 1);
	if (a->result[0] == '\0') {
		char result[1200];
		snprintf(result, sizeof result, "终止帮办代办：%s", in->reason);
		changes_text(c, "result", result);
	}
	if (a->replied_on == DATE_NONE)
		changes_date(c, "replied_on", w->on);
	return 0;
}

static int rule_rate(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct entrust_step_in *in = w->in;
	if (!is_rating(in->rating))
		return err_set(e, "评价必须是满意、基本满意或不满意");
	changes_text(c, "rating", in->rating);
	return 0;
}

static int rule_file(struct wf_step *w, struct changes *c, struct err *e)
{
	(void)e;
	changes_date(c, "filed_on", w->on);
	return 0;
}

/* Any step may carry a note. */
static int rule_note(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct entrust_step_in *in = w->in;
	(void)e;
	if (!text_blank(in->note))
		changes_text(c, "note", in->note);
	return 0;
}

/* The whole of seed 004's procedure, one row per allowed step. */
/* The agents take the steps; the village's staff and the township's
 * window may record them too. */
#define HELPERS (ROLE_AGENT | ROLE_VILLAGE | ROLE_CLERK)

static const struct transition rows[] = {
	{ "registered", "handle", "handling", HELPERS, NULL, "材料齐全，开始办理", rule_handle, NULL },
	{ "registered", "notify_missing", "missing", HELPERS, NULL, "一次性告知补正材料",
	  rule_notify_missing, NULL },
	{ "registered", "out_of_scope", "out_of_scope", HELPERS, NULL, "不属于帮办代办范围，告知申请人",
	  rule_out_of_scope, NULL },
	{ "missing", "handle", "handling", HELPERS, NULL, "材料已补齐，开始办理", rule_handle, NULL },
	{ "missing", "terminate", "terminated", HELPERS, NULL, "终止，退还材料", rule_terminate, NULL },
	{ "handling", "feedback", "feedback", HELPERS, NULL, "反馈办理结果", rule_feedback, NULL },
	{ "handling", "terminate", "terminated", HELPERS, NULL, "终止，移交材料", rule_terminate, NULL },
	{ "feedback", "terminate", "terminated", HELPERS, NULL, "终止，移交材料", rule_terminate, NULL },
	{ "feedback", "rate", "rated", HELPERS, NULL, "征询委托人评价", rule_rate, NULL },
	{ "terminated", "rate", "rated", HELPERS, NULL, "征询委托人评价", rule_rate, NULL },
	{ "rated", "file", "filed", HELPERS, NULL, "办结归档", rule_file, NULL },
	{ "out_of_scope", "file", "filed", HELPERS, NULL, "归档", rule_file, NULL },
};

const struct workflow entrust_workflow = {
	.table = "entrustments", .noun = "委托",
	.states = states, .n_states = ENTRUST_N_STATES,
	.rows = rows, .n_rows = sizeof rows / sizeof rows[0],
	.start_label = "受理日期", .not_allowed = "委托当前状态“%s”下不能“%s”",
	.load = load_ent, .step_label = entrust_step_label, .each = rule_note,
};

int entrust_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		  const struct entrust_step_in *in, struct err *e)
{
	struct ent a;
	struct wf_call call = { .id = id, .version = version, .roles = ROLES_ANY, .step = in->step,
				.on = in->on, .rec = &a, .in = in };
	return workflow_apply(&entrust_workflow, s, cfg, &call, e);
}

static int link_rows(struct store *s, int64_t id, int64_t version, int64_t app_id, struct err *e)
{
	struct ent a;
	int64_t app_hh, client_hh;
	if (load_ent(s, id, &a, e) != 0)
		return -1;
	if (access_check(s, ACT_ENTRUST, a.h.village_id, e) != 0)
		return -1;
	if (version >= 0 && a.h.version != version)
		return store_conflict(s, "entrustments", id, "委托", e);
	if (in_state(&a, ENTRUST_OUT_OF_SCOPE) || in_state(&a, ENTRUST_FILED))
		return err_set(e, "委托已%s，不能再关联申请", entrust_state_label(a.h.state));
	if (store_query_int(s, &app_hh, e, "SELECT household_id FROM applications WHERE id = ?", "i",
			    app_id) != 0)
		return -1;
	if (app_hh == 0)
		return err_set(e, "申请（编号 %lld）不存在", (long long)app_id);
	if (a.person != 0) {
		if (store_query_int(s, &client_hh, e, "SELECT household_id FROM persons WHERE id = ?",
				    "i", a.person) != 0)
			return -1;
		if (client_hh != app_hh)
			return err_set(e, "申请 %lld 不是委托人家庭的申请", (long long)app_id);
	}
	struct field f[] = { F_INT("application_id", app_id) };
	return store_update(s, "entrustments", id, a.h.version, f, 1, e);
}

int entrust_link_application(struct store *s, int64_t id, int64_t version, int64_t app_id,
			     struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (link_rows(s, id, version, app_id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

/* ---- reading ---- */

/* The states in which the time limit runs. */
static bool open_state(const char *st)
{
	return strcmp(st, states[ENTRUST_REGISTERED].code) == 0 ||
	       strcmp(st, states[ENTRUST_HANDLING].code) == 0;
}

int entrust_load(struct store *s, const struct config *cfg, int64_t id, date_t today,
		 struct entrust_view *v, struct err *e)
{
	sqlite3_stmt *st;
	memset(v, 0, sizeof *v);
	if (store_query(s, &st, e,
			"SELECT en.id, en.version, en.village_id, en.agent_id, "
			"coalesce(en.client_person_id, 0), coalesce(en.application_id, 0), "
			"coalesce(p.household_id, 0), vi.name, sf.name, sf.phone, en.client_name, "
			"en.client_phone, en.matter, en.channel, en.state, en.received_on, en.due_on, "
			"en.replied_on, en.filed_on, en.missing_items, en.result, en.terminated_reason, "
			"en.rating, en.note, en.papers_returned, ap.state, ap.kind, ap.publicity_to "
			"FROM entrustments en JOIN villages vi ON vi.id = en.village_id "
			"JOIN staff sf ON sf.id = en.agent_id "
			"LEFT JOIN persons p ON p.id = en.client_person_id "
			"LEFT JOIN applications ap ON ap.id = en.application_id WHERE en.id = ?",
			"i", id) != 0)
		return -1;
	if (store_row(s, st, "委托（编号 %lld）不存在", id, e) != 0)
		return -1;
	int64_t *ints[] = { &v->id, &v->version, &v->village_id, &v->agent_id, &v->client_person_id,
			    &v->application_id, &v->household_id };
	for (int i = 0; i < 7; i++)
		*ints[i] = sqlite3_column_int64(st, i);
	struct { char *p; size_t n; } txt[] = {
		{ v->village, sizeof v->village }, { v->agent, sizeof v->agent },
		{ v->agent_phone, sizeof v->agent_phone }, { v->client_name, sizeof v->client_name },
		{ v->client_phone, sizeof v->client_phone }, { v->matter, sizeof v->matter },
		{ v->channel, sizeof v->channel }, { v->state, sizeof v->state },
		{ v->received, sizeof v->received }, { v->due, sizeof v->due },
		{ v->replied, sizeof v->replied }, { v->filed, sizeof v->filed },
		{ v->missing_items, sizeof v->missing_items }, { v->result, sizeof v->result },
		{ v->terminated_reason, sizeof v->terminated_reason }, { v->rating, sizeof v->rating },
		{ v->note, sizeof v->note },
	};
	for (int i = 0; i < 17; i++)
		store_col_text(st, 7 + i, txt[i].p, txt[i].n);
	v->papers_returned = sqlite3_column_int(st, 24);
	store_col_text(st, 25, v->app_state, sizeof v->app_state);
	store_col_text(st, 26, v->app_kind, sizeof v->app_kind);
	v->app_publicity_to = store_col_date(st, 27);
	date_t due = store_col_date(st, 16);
	sqlite3_reset(st);
	if (access_area_check(s, v->village_id, "委托", e) != 0) {
		memset(v, 0, sizeof *v);
		return -1;
	}
	v->open = open_state(v->state) && due != DATE_NONE;
	if (v->open)
		v->days_left = calendar_workdays_between(&cfg->cal, today, due);
	return 0;
}

int entrust_page(struct store *s, const struct entrust_filter *f, const struct entrust_key *after,
		 date_t today, struct entrust_row *out, int max, int *n, struct err *e)
{
	return entrust_page_dir(s, f, after, PAGE_AFTER, today, out, max, n, e);
}

static void read_entrust(sqlite3_stmt *st, void *row)
{
	struct entrust_row *r = row;
	store_col_text(st, 0, r->key.received, sizeof r->key.received);
	r->key.id = r->id = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, r->village, sizeof r->village);
	store_col_text(st, 3, r->client, sizeof r->client);
	store_col_text(st, 4, r->agent, sizeof r->agent);
	store_col_text(st, 5, r->matter, sizeof r->matter);
	store_col_text(st, 6, r->state, sizeof r->state);
	store_col_text(st, 7, r->due, sizeof r->due);
	r->overdue = sqlite3_column_int(st, 8);
}

/* Newest first: the list is shown in descending key order. */
int entrust_page_dir(struct store *s, const struct entrust_filter *f,
		     const struct entrust_key *key, enum page_dir dir, date_t today,
		     struct entrust_row *out, int max, int *n, struct err *e)
{
	sqlite3_stmt *st;
	char day[11], sql[1024];
	date_format(today, day);
	*n = 0;
	snprintf(sql, sizeof sql,
		 "SELECT en.received_on, en.id, vi.name, en.client_name, sf.name, en.matter, "
		 "en.state, coalesce(en.due_on, ''), "
		 "en.state IN ('registered','handling') AND en.due_on < ?5 "
		 "FROM entrustments en JOIN villages vi ON vi.id = en.village_id "
		 "JOIN staff sf ON sf.id = en.agent_id "
		 "WHERE (?1 = 0 OR en.village_id = ?1) AND (?2 = '' OR en.state = ?2) "
		 "AND (?3 IS NULL OR (en.received_on, en.id) %s (?3, ?4)) "
		 "AND (?7 = 0 OR vi.township_id = ?7) AND (?8 = 0 OR en.village_id = ?8) "
		 "ORDER BY en.received_on %s, en.id %s LIMIT ?6",
		 page_cmp(dir, true), page_order(dir, true), page_order(dir, true));
	int64_t township, village;
	access_area(s, &township, &village);	/* only the user's area */
	if (store_query(s, &st, e, sql, "issisdii", f->village_id, f->state, key ? key->received : NULL,
			key ? key->id : (int64_t)0, day, max, township, village) != 0)
		return -1;
	return page_read(s, st, dir, read_entrust, out, sizeof *out, max, n, e);
}
