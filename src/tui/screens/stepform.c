/* The forms of a case: one per workflow step, the investigation record,
 * and the one-time notice printed as an .xlsx. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/investigation.h"
#include "core/export/notice.h"
#include "tui/widgets/formview.h"
#include "tui/screens/stepform.h"
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
	{ "approve", "step_approve" }, { "refuse", "step_refuse" },
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
	struct case_step_in in = {
		.step = c->t->step, .on = DATE_NONE,
		.note = form_value(c->fd, values, "note"),
		.missing_items = form_value(c->fd, values, "missing_items"),
		.reason = form_value(c->fd, values, "reason"),
		.amount = amount != NULL ? strtoll(amount, NULL, 10) : 0,
		.opinion = opinion == NULL ? NULL : strcmp(opinion, "拟纳入") == 0 ? "include" : "exclude",
	};
	if (on != NULL && date_parse(on, &in.on) != 0)
		return err_set(e, "日期无效");
	if (case_apply(ui->s->store, &ui->s->cfg, c->app_id, c->version, ui->s->roles, &in, e) != 0)
		return -1;
	ui_flash(ui, false, "已办理：%s", c->t->label);
	return 0;
}

void stepform_open(struct ui *ui, int64_t app_id, int64_t version, const struct transition *t)
{
	struct step_ctx *c = xcalloc(1, sizeof *c);
	c->app_id = app_id;
	c->version = version;
	c->t = t;
	c->fd = forms_find(&ui->forms, form_for(t->step));
	char intro[160], key[64];
	snprintf(intro, sizeof intro, "申请 %lld：%s", (long long)app_id, t->label);
	/* From-state too: the township's and the county's approval differ. */
	snprintf(key, sizeof key, "step:%s:%s", t->from, t->step);
	struct form_opts o = { .intro = intro, .draft_key = key, .draft_target = app_id,
			       .submit = step_submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, form_for(t->step), &o));
}

struct inv_ctx {
	int64_t app_id;
	const struct form_def *fd;
};

static int inv_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct inv_ctx *c = ctx;
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
	struct inv_ctx *c = xcalloc(1, sizeof *c);
	c->app_id = app_id;
	c->fd = forms_find(&ui->forms, "investigation");
	char intro[96];
	snprintf(intro, sizeof intro, "申请 %lld：入户调查记录", (long long)app_id);
	struct form_opts o = { .intro = intro, .draft_key = "investigation", .draft_target = app_id,
			       .submit = inv_submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, "investigation", &o));
}

void notice_export_run(struct ui *ui, int64_t app_id)
{
	char path[PATH_MAX + 64];
	struct err e;
	/* Next to the store, where the office keeps its files. */
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", store_path(ui->s->store));
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	snprintf(path, sizeof path, "%s/一次性告知书-%lld.xlsx", dir, (long long)app_id);
	if (notice_write(ui->s->store, &ui->s->cfg, app_id, path, &e) != 0)
		ui_flash(ui, true, "未能导出一次性告知书：%s", e.msg);
	else
		ui_flash(ui, false, "已导出一次性告知书：%s", path);
}
