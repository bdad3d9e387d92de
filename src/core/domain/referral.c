#include "core/domain/referral.h"
#include "core/domain/access.h"

#include <stdio.h>
#include <string.h>

#include "core/base/text.h"

/* In workflow order; the CHECKs of migration 0011 list the same codes
 * (tests/unit/test_states.c compares them). */
static const struct wf_state request_states[REQUEST_N_STATES] = {
	[REQUEST_REGISTERED] = { "registered", "已登记" },
	[REQUEST_REFERRED] = { "referred", "已转办" },
	[REQUEST_CLOSED] = { "closed", "已办结" },
};

static const struct wf_state referral_states[REFERRAL_N_STATES] = {
	[REFERRAL_REFERRED] = { "referred", "待反馈" },
	[REFERRAL_REPLIED] = { "replied", "已反馈" },
	[REFERRAL_WITHDRAWN] = { "withdrawn", "已撤回" },
};

const char *const request_channels[REQUEST_N_CHANNELS][2] = {
	{ "window", "窗口" }, { "phone", "电话" }, { "informant", "三级信息员" },
	{ "department", "部门转来" },
};

static const char *const step_labels[][2] = {
	{ "refer", "转办" }, { "close", "办结" }, { "reply", "登记反馈" }, { "withdraw", "撤回转办" },
};

const char *request_state_label(const char *state)
{
	return workflow_state_label(&request_workflow, state);
}

const char *referral_state_label(const char *state)
{
	return workflow_state_label(&referral_workflow, state);
}

const char *request_channel_label(const char *code)
{
	for (size_t i = 0; i < REQUEST_N_CHANNELS; i++)
		if (strcmp(request_channels[i][0], code) == 0)
			return request_channels[i][1];
	return code;
}

const char *request_channel_code(const char *text)
{
	for (size_t i = 0; text != NULL && i < REQUEST_N_CHANNELS; i++)
		if (strcmp(request_channels[i][0], text) == 0 ||
		    strcmp(request_channels[i][1], text) == 0)
			return request_channels[i][0];
	return NULL;
}

static const char *step_label(const char *step)
{
	for (size_t i = 0; i < sizeof step_labels / sizeof step_labels[0]; i++)
		if (strcmp(step_labels[i][0], step) == 0)
			return step_labels[i][1];
	return step;
}

/* ---- registering ---- */

static int check_request(struct store *s, const struct request_new *in, const char **channel,
			 struct err *e)
{
	int64_t n;
	if (text_blank(in->name))
		return err_set(e, "请填写求助人姓名");
	if (text_blank(in->need))
		return err_set(e, "请填写求助事项（需要什么帮助）");
	*channel = request_channel_code(in->channel);
	if (*channel == NULL)
		return err_set(e, "求助来源必须是窗口、电话、三级信息员或部门转来");
	if (strcmp(*channel, "window") != 0 && strcmp(*channel, "phone") != 0 &&
	    text_blank(in->source))
		return err_set(e, "经信息员或部门转来的求助，请填写转来的人或部门");
	if (store_query_int(s, &n, e, "SELECT count(*) FROM villages WHERE id = ?", "i",
			    in->village_id) != 0)
		return -1;
	if (!n)
		return err_set(e, "请选择村（社区）");
	if (in->household_id != 0) {
		if (store_query_int(s, &n, e, "SELECT village_id FROM households WHERE id = ?", "i",
				    in->household_id) != 0)
			return -1;
		if (n == 0)
			return err_set(e, "家庭（编号 %lld）未登记", (long long)in->household_id);
		if (n != in->village_id)
			return err_set(e, "所选家庭不在所选村（社区）");
	}
	if (in->received_on != DATE_NONE && in->received_on > date_today())
		return err_set(e, "求助日期不能晚于今天");
	return 0;
}

int request_create(struct store *s, const struct request_new *in, int64_t *id_out,
		   struct err *e)
{
	const char *channel = NULL;
	if (access_check(s, ACT_REFERRAL, in->village_id, e) != 0 ||
	    check_request(s, in, &channel, e) != 0)
		return -1;
	char received[11];
	date_format(in->received_on == DATE_NONE ? date_today() : in->received_on, received);
	struct field f[] = {
		F_INT("village_id", in->village_id),
		in->household_id ? F_INT("household_id", in->household_id) : F_NULL("household_id"),
		F_TEXT("name", in->name), F_TEXT("phone", text_blank(in->phone) ? NULL : in->phone),
		F_TEXT("need", in->need), F_TEXT("channel", channel),
		F_TEXT("source", text_blank(in->source) ? NULL : in->source),
		F_TEXT("received_on", received),
		F_TEXT("state", request_states[REQUEST_REGISTERED].code),
		F_TEXT("note", text_blank(in->note) ? NULL : in->note),
	};
	return store_insert_tx(s, "help_requests", f, (int)(sizeof f / sizeof f[0]), id_out, e);
}

/* ---- the request's steps ---- */

struct req {
	struct wf_head h;
	int64_t household;
};

/* The engine's head of a record: version, state, start, village, and an
 * optional fifth column into *extra. */
static int load_head(struct store *s, const char *sql, const char *missing, int64_t id,
		     struct wf_head *h, int64_t *extra, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, sql, "i", id) != 0 || store_row(s, st, missing, id, e) != 0)
		return -1;
	h->version = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, h->state, sizeof h->state);
	h->start = store_col_date(st, 2);
	h->village_id = sqlite3_column_int64(st, 3);
	h->facts = 0;
	if (extra != NULL)
		*extra = sqlite3_column_int64(st, 4);
	sqlite3_reset(st);
	return 0;
}

static int load_req(struct store *s, int64_t id, void *rec, struct err *e)
{
	struct req *r = rec;
	return load_head(s, "SELECT version, state, received_on, village_id, coalesce(household_id, 0) "
			 "FROM help_requests WHERE id = ?", "求助登记（编号 %lld）不存在", id, &r->h,
			 &r->household, e);
}

/* What the refer step carries. */
struct refer_in {
	const struct catalogue *cat;
	const struct referral_pick *picks;
	size_t n;
};

int referral_reply_days(const struct config *cfg, const struct catalogue *cat,
			const char *department)
{
	const struct department *d = catalogue_department(cat, department);
	return d != NULL && d->reply_days > 0 ? d->reply_days : cfg->limits.referral_reply;
}

static bool in_catalogue(const struct department *d, const char *item)
{
	for (size_t i = 0; d != NULL && item != NULL && i < d->n_items; i++)
		if (strcmp(d->items[i], item) == 0)
			return true;
	return false;
}

static int check_pick(struct wf_step *w, const struct refer_in *in, size_t k, struct err *e)
{
	const struct referral_pick *p = &in->picks[k];
	int64_t open;
	if (!in_catalogue(catalogue_department(in->cat, p->department), p->item))
		return err_set(e, "“%s：%s”不是协同办理事项目录中的事项",
			       p->department ? p->department : "", p->item ? p->item : "");
	for (size_t j = 0; j < k; j++)
		if (strcmp(in->picks[j].department, p->department) == 0 &&
		    strcmp(in->picks[j].item, p->item) == 0)
			return err_set(e, "“%s：%s”选了两次", p->department, p->item);
	if (store_query_int(w->s, &open, e, "SELECT count(*) FROM referrals WHERE request_id = ? "
			    "AND department = ? AND item = ? AND state = 'referred'", "iss", w->id,
			    p->department, p->item) != 0)
		return -1;
	if (open)
		return err_set(e, "“%s：%s”已转办，尚未反馈", p->department, p->item);
	return 0;
}

static int rule_refer(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct refer_in *in = w->in;
	(void)c;
	if (in->n == 0)
		return err_set(e, "请至少选择一个转办事项");
	for (size_t k = 0; k < in->n; k++)
		if (check_pick(w, in, k, e) != 0)
			return -1;
	return 0;
}

/* One referral row per item, after the request is written. */
static int then_refer(struct wf_step *w, struct err *e)
{
	const struct refer_in *in = w->in;
	const struct req *r = w->rec;
	char on[11], due[11];
	date_format(w->on, on);
	for (size_t k = 0; k < in->n; k++) {
		const struct referral_pick *p = &in->picks[k];
		int days = referral_reply_days(w->cfg, in->cat, p->department);
		date_format(calendar_add_workdays(&w->cfg->cal, w->on, days), due);
		struct field f[] = {
			F_INT("request_id", w->id), F_INT("village_id", r->h.village_id),
			r->household ? F_INT("household_id", r->household) : F_NULL("household_id"),
			F_TEXT("department", p->department), F_TEXT("item", p->item),
			F_TEXT("referred_on", on), F_TEXT("due_on", due),
			F_TEXT("state", referral_states[REFERRAL_REFERRED].code),
		};
		if (store_insert(w->s, "referrals", f, (int)(sizeof f / sizeof f[0]), NULL, e) != 0)
			return -1;
	}
	return 0;
}

static int rule_close(struct wf_step *w, struct changes *c, struct err *e)
{
	const char *result = w->in;
	int64_t waiting;
	if (text_blank(result))
		return err_set(e, "请填写办结情况（告知求助人的结果）");
	if (store_query_int(w->s, &waiting, e, "SELECT count(*) FROM referrals WHERE request_id = ? "
			    "AND state = 'referred'", "i", w->id) != 0)
		return -1;
	if (waiting)
		return err_set(e, "还有 %lld 项转办未反馈，不能办结", (long long)waiting);
	changes_text(c, "result", result);
	changes_date(c, "closed_on", w->on);
	return 0;
}

/* The window and the village's 救助协理员 do all of it. */
#define WINDOW (ROLE_CLERK | ROLE_VILLAGE)

static const struct transition request_rows[] = {
	{ "registered", "refer", "referred", WINDOW, NULL, "转办到部门事项", rule_refer, then_refer },
	{ "referred", "refer", "referred", WINDOW, NULL, "再转办其他事项", rule_refer, then_refer },
	{ "registered", "close", "closed", WINDOW, NULL, "办结（窗口直接答复）", rule_close, NULL },
	{ "referred", "close", "closed", WINDOW, NULL, "办结（各部门均已反馈）", rule_close, NULL },
};

const struct workflow request_workflow = {
	.table = "help_requests", .noun = "求助登记",
	.states = request_states, .n_states = REQUEST_N_STATES,
	.rows = request_rows, .n_rows = sizeof request_rows / sizeof request_rows[0],
	.start_label = "求助日期", .not_allowed = "求助登记当前状态“%s”下不能“%s”",
	.load = load_req, .step_label = step_label,
};

int referral_refer(struct store *s, const struct config *cfg, const struct catalogue *cat,
		   int64_t id, int64_t version, const struct referral_pick *picks, size_t n,
		   date_t on, struct err *e)
{
	struct req r;
	struct refer_in in = { .cat = cat, .picks = picks, .n = n };
	struct wf_call call = { .id = id, .version = version, .roles = ROLES_ANY, .step = "refer",
				.on = on, .rec = &r, .in = &in };
	return workflow_apply(&request_workflow, s, cfg, &call, e);
}

int request_close(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		  date_t on, const char *result, struct err *e)
{
	struct req r;
	struct wf_call call = { .id = id, .version = version, .roles = ROLES_ANY, .step = "close",
				.on = on, .rec = &r, .in = result };
	return workflow_apply(&request_workflow, s, cfg, &call, e);
}

static int link_rows(struct store *s, int64_t id, int64_t version, int64_t app_id, struct err *e)
{
	struct req r;
	int64_t app_hh;
	if (load_req(s, id, &r, e) != 0 || access_check(s, ACT_REFERRAL, r.h.village_id, e) != 0)
		return -1;
	if (version >= 0 && r.h.version != version)
		return store_conflict(s, "help_requests", id, "求助登记", e);
	if (store_query_int(s, &app_hh, e, "SELECT household_id FROM applications WHERE id = ?", "i",
			    app_id) != 0)
		return -1;
	if (app_hh == 0)
		return err_set(e, "申请（编号 %lld）不存在", (long long)app_id);
	if (r.household != 0 && r.household != app_hh)
		return err_set(e, "申请 %lld 不是求助人家庭的申请", (long long)app_id);
	struct field f[] = { F_INT("application_id", app_id) };
	return store_update(s, "help_requests", id, r.h.version, f, 1, e);
}

int request_link_application(struct store *s, int64_t id, int64_t version, int64_t app_id,
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

static int apply_rows(struct store *s, const struct config *cfg, const struct catalogue *cat,
		      int64_t id, int64_t version, const struct case_new *in, int64_t *app_id,
		      struct err *e)
{
	struct req r;
	int64_t linked;
	if (load_req(s, id, &r, e) != 0 || access_check(s, ACT_REFERRAL, r.h.village_id, e) != 0)
		return -1;
	if (r.household == 0)
		return err_set(e, "求助人未登记为家庭成员，不能登记申请：请先在“1 受理登记”中登记其家庭");
	if (in->household_id != r.household)
		return err_set(e, "申请的家庭不是求助人的家庭（户号 %lld）", (long long)r.household);
	if (store_query_int(s, &linked, e, "SELECT coalesce(application_id, 0) FROM help_requests "
			    "WHERE id = ?", "i", id) != 0)
		return -1;
	if (linked != 0)
		return err_set(e, "求助 %lld 已关联申请 %lld，不能再登记", (long long)id, (long long)linked);
	if (case_create_in_tx(s, cfg, cat, in, app_id, e) != 0)
		return -1;
	return link_rows(s, id, version, *app_id, e);
}

int request_apply(struct store *s, const struct config *cfg, const struct catalogue *cat,
		  int64_t id, int64_t version, const struct case_new *in, int64_t *app_id,
		  struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (apply_rows(s, cfg, cat, id, version, in, app_id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

/* ---- a referral's steps ---- */

struct ref {
	struct wf_head h;
};

static int load_ref(struct store *s, int64_t id, void *rec, struct err *e)
{
	struct ref *r = rec;
	return load_head(s, "SELECT version, state, referred_on, coalesce(village_id, 0) "
			 "FROM referrals WHERE id = ?", "转办（编号 %lld）不存在", id, &r->h, NULL, e);
}

static int rule_reply(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct referral_step_in *in = w->in;
	if (text_blank(in->result))
		return err_set(e, "请填写部门反馈的办理结果");
	if (text_blank(in->by))
		return err_set(e, "请填写反馈人（部门经办人）");
	changes_text(c, "result", in->result);
	changes_text(c, "replied_by", in->by);
	changes_date(c, "result_on", w->on);
	return 0;
}

static int rule_withdraw(struct wf_step *w, struct changes *c, struct err *e)
{
	const struct referral_step_in *in = w->in;
	char result[600];
	if (text_blank(in->reason))
		return err_set(e, "请写明撤回转办的原因");
	snprintf(result, sizeof result, "撤回：%s", in->reason);
	changes_text(c, "result", result);
	changes_date(c, "result_on", w->on);
	return 0;
}

static const struct transition referral_rows[] = {
	{ "referred", "reply", "replied", WINDOW, NULL, "登记部门反馈结果", rule_reply, NULL },
	{ "referred", "withdraw", "withdrawn", WINDOW, NULL, "撤回转办", rule_withdraw, NULL },
};

const struct workflow referral_workflow = {
	.table = "referrals", .noun = "转办",
	.states = referral_states, .n_states = REFERRAL_N_STATES,
	.rows = referral_rows, .n_rows = sizeof referral_rows / sizeof referral_rows[0],
	.start_label = "转办日期", .not_allowed = "转办当前状态“%s”下不能“%s”",
	.load = load_ref, .step_label = step_label,
};

int referral_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		   const struct referral_step_in *in, struct err *e)
{
	struct ref r;
	struct wf_call call = { .id = id, .version = version, .roles = ROLES_ANY, .step = in->step,
				.on = in->on, .rec = &r, .in = in };
	return workflow_apply(&referral_workflow, s, cfg, &call, e);
}

int referral_request_of(struct store *s, int64_t referral_id, int64_t *request_id,
			struct err *e)
{
	return store_query_int(s, request_id, e, "SELECT coalesce(request_id, 0) FROM referrals "
			       "WHERE id = ?", "i", referral_id);
}
