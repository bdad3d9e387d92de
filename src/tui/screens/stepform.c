/* The forms of a case: one per workflow step (prefilled with what the
 * case already knows), the investigation record, the 民主评议 record, and
 * the notices printed as .xlsx. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/investigation.h"
#include "core/base/text.h"
#include "core/export/notice.h"
#include "core/query/caseview.h"
#include "tui/widgets/formview.h"
#include "tui/screens/stepform.h"

#include "core/domain/urgent.h"
#include "tui/xalloc.h"

struct step_ctx {
	int64_t app_id, version;
	const struct transition *t;
	const struct form_def *fd;
};

/* Which form each step asks for; steps not listed take forms/step.ini. */
static const char *const step_forms[][2] = {
	{ "request_materials", "step_materials" }, { "withdraw", "step_withdraw" },
	{ "initial_review", "review" }, { "objection", "step_objection" },
	{ "approve", "step_approve" }, { "refuse", "step_refuse" }, { "extend", "step_extend" },
};

static const char *form_for(const char *step)
{
	for (size_t i = 0; i < sizeof step_forms / sizeof step_forms[0]; i++)
		if (strcmp(step_forms[i][0], step) == 0)
			return step_forms[i][1];
	return "step";
}

static int step_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct step_ctx *c = ctx;
	const char *on = form_value(c->fd, values, "on"), *amount = form_value(c->fd, values, "amount");
	const char *opinion = form_value(c->fd, values, "opinion");
	const char *typed = form_value(c->fd, values, "missing_items");
	char *items[CASE_UNMET_MAX * 2], *list = xstrdup(typed != NULL ? typed : "");
	struct case_step_in in = {
		.step = c->t->step, .on = DATE_NONE,
		.note = form_value(c->fd, values, "note"),
		.missing = (const char *const *)items,
		.n_missing = text_split_items(list, items, sizeof items / sizeof items[0]),
		.reason = form_value(c->fd, values, "reason"),
		.objector = form_value(c->fd, values, "objector"),
		.amount = amount != NULL ? strtoll(amount, NULL, 10) : 0,
		.opinion = opinion == NULL ? NULL : strcmp(opinion, "拟纳入") == 0 ? "include" : "exclude",
	};
	int rc = -1;
	if (on != NULL && date_parse(on, &in.on) != 0)
		err_set(e, "日期无效");
	else
		rc = case_apply(ui->s->store, &ui->s->cfg, c->app_id, c->version, ui->s->roles, &in, e);
	free(list);
	if (rc != 0)
		return -1;
	ui_flash(ui, false, "已办理：%s", c->t->label);
	return 0;
}

/* The one-time notice starts with what the checklist knows is missing,
 * one item after another, separated by "；". */
static void prefill_missing(struct ui *ui, int64_t app_id, char *out, size_t size)
{
	struct case_unmet u;
	struct err e;
	size_t used = 0;
	out[0] = '\0';
	if (case_unmet(ui->s->store, app_id, &u, &e) != 0)
		return;
	for (int i = 0; i < u.n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? "；" : "", u.item[i]);
}

/* Initial values by field: the missing materials, or the amount proposed
 * at the initial review for the leader to accept or change. */
static void prefill(struct ui *ui, const struct case_view *v, const struct form_def *fd,
		    const char *step, const char **initial, char *buf, size_t size)
{
	for (size_t i = 0; fd != NULL && i < fd->n_fields; i++) {
		const char *name = fd->fields[i].name;
		if (strcmp(step, "request_materials") == 0 && strcmp(name, "missing_items") == 0) {
			prefill_missing(ui, v->id, buf, size);
			initial[i] = buf;
		} else if (strcmp(step, "approve") == 0 && strcmp(name, "amount") == 0 && v->proposed > 0) {
			money_format(v->proposed, buf);
			initial[i] = buf;
		}
	}
}

void stepform_open(struct ui *ui, const struct case_view *v, const struct transition *t)
{
	struct step_ctx *c = xcalloc(1, sizeof *c);
	c->app_id = v->id;
	c->version = v->version;
	c->t = t;
	c->fd = forms_find(&ui->forms, form_for(t->step));
	char intro[160], key[64], buf[4096];
	const char *initial[64] = { NULL };
	if (c->fd != NULL && c->fd->n_fields <= 64)
		prefill(ui, v, c->fd, t->step, initial, buf, sizeof buf);
	snprintf(intro, sizeof intro, "申请 %lld：%s", (long long)v->id, t->label);
	/* From-state too: the township's and the county's approval differ. */
	snprintf(key, sizeof key, "step:%s:%s", t->from, t->step);
	struct form_opts o = { .intro = intro, .draft_key = key, .draft_target = v->id,
			       .initial = initial, .submit = step_submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, form_for(t->step), &o));
}

/* The records of a case (an investigation, a 民主评议): a form whose
 * values become one record of application app_id. */
struct record_ctx {
	int64_t app_id;
	const struct form_def *fd;
};

static void record_form_open(struct ui *ui, int64_t app_id, const char *form, const char *what,
			     form_submit_fn submit)
{
	struct record_ctx *c = xcalloc(1, sizeof *c);
	c->app_id = app_id;
	c->fd = forms_find(&ui->forms, form);
	char intro[96];
	snprintf(intro, sizeof intro, "申请 %lld：%s", (long long)app_id, what);
	struct form_opts o = { .intro = intro, .draft_key = form, .draft_target = app_id,
			       .submit = submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, form, &o));
}

static int inv_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct record_ctx *c = ctx;
	const char *visited = form_value(c->fd, values, "visited"), *income = form_value(c->fd, values, "monthly_income");
	struct investigation_in in = {
		.visitors = form_value(c->fd, values, "visitors"), .findings = form_value(c->fd, values, "findings"),
		.monthly_income = income != NULL ? strtoll(income, NULL, 10) : 0,
		.assets = form_value(c->fd, values, "assets"), .attachments = form_value(c->fd, values, "attachments"),
	};
	if (visited == NULL || date_parse(visited, &in.visited_on) != 0)
		return err_set(e, "入户日期无效");
	if (investigation_add(ui->s->store, c->app_id, &in, NULL, e) != 0)
		return -1;
	ui_flash(ui, false, "已保存入户调查记录");
	return 0;
}

void investigation_form_open(struct ui *ui, int64_t app_id)
{
	record_form_open(ui, app_id, "investigation", "入户调查记录", inv_submit);
}

static int delib_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct record_ctx *c = ctx;
	const char *held = form_value(c->fd, values, "held");
	struct deliberation_in in = { .participants = form_value(c->fd, values, "participants"),
				      .outcome = form_value(c->fd, values, "outcome") };
	if (held == NULL || date_parse(held, &in.held_on) != 0)
		return err_set(e, "评议日期无效");
	if (deliberation_add(ui->s->store, c->app_id, &in, NULL, e) != 0)
		return -1;
	ui_flash(ui, false, "已保存民主评议记录");
	return 0;
}

void deliberation_form_open(struct ui *ui, int64_t app_id)
{
	record_form_open(ui, app_id, "deliberation", "民主评议记录", delib_submit);
}

static int prepay_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct record_ctx *c = ctx;
	const char *on = form_value(c->fd, values, "on"), *amount = form_value(c->fd, values, "amount");
	date_t day = DATE_NONE;
	if (on != NULL && date_parse(on, &day) != 0)
		return err_set(e, "发放日期无效");
	if (urgent_prepay(ui->s->store, c->app_id, -1, amount != NULL ? strtoll(amount, NULL, 10) : 0,
			  day, e) != 0)
		return -1;
	ui_flash(ui, false, "已登记先行救助；请在 %d 个工作日内补齐审核审批手续",
		 config_limits(&ui->s->cfg, "linshi")->urgent_paperwork);
	return 0;
}

void prepay_form_open(struct ui *ui, int64_t app_id)
{
	record_form_open(ui, app_id, "prepay", "急难型临时救助先行救助", prepay_submit);
}

void notice_path(struct ui *ui, const char *what, int64_t app_id, char *out, size_t size)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", store_path(ui->s->store));
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	snprintf(out, size, "%s/%s-%lld.xlsx", dir, what, (long long)app_id);
}

void notice_export_run(struct ui *ui, int64_t app_id)
{
	char path[PATH_MAX + 64];
	struct err e;
	notice_path(ui, "一次性告知书", app_id, path, sizeof path);
	if (notice_write(ui->s->store, &ui->s->cfg, &ui->s->cat, app_id, path, &e) != 0)
		ui_flash(ui, true, "未能导出一次性告知书：%s", e.msg);
	else
		ui_flash(ui, false, "已导出一次性告知书：%s", path);
}

void refusal_export_run(struct ui *ui, int64_t app_id)
{
	char path[PATH_MAX + 64];
	struct err e;
	notice_path(ui, "不予确认通知书", app_id, path, sizeof path);
	if (notice_refusal_write(ui->s->store, &ui->s->cfg, &ui->s->cat, app_id, ui->today, path, &e) != 0)
		ui_flash(ui, true, "未能导出不予确认通知书：%s", e.msg);
	else
		ui_flash(ui, false, "已导出不予确认通知书：%s", path);
}
