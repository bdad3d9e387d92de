#include "tui/screens/referforms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/referral.h"
#include "tui/widgets/formview.h"
#include "tui/xalloc.h"

static const struct list_col referral_cols[] = {
	{ .head = "编号", .width = 5 }, { .head = "转办日期", .width = 11 },
	{ .head = "部门", .width = 11 }, { .head = "事项", .width = 13 },
	{ .head = "求助人", .width = 7 }, { .head = "状态", .width = 7 },
	{ .head = "答复时限", .width = 11 }, { .head = "反馈日期", .width = 0 },
};

/* One referral as list cells. */
void referral_row_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			struct list_cell *c)
{
	(void)ctx;
	const struct referral_row *r = row;
	snprintf(c[0].buf, sizeof c[0].buf, "%lld", (long long)r->id);
	c[1].text = r->referred;
	c[2].text = r->department;
	c[3].text = r->item;
	c[4].text = r->name;
	c[5].text = referral_state_label(r->state);
	c[6].text = r->due;
	c[6].own_attr = r->overdue && !selected;
	c[6].attr = ui_attr(ui, PAIR_ERROR);
	snprintf(c[7].buf, sizeof c[7].buf, "%s%s", r->replied[0] ? r->replied : "-",
		 r->late ? " 逾期" : "");
	c[7].own_attr = r->late && !selected;
	c[7].attr = ui_attr(ui, PAIR_WARN);
}

void referral_list_columns(struct list *l, list_cells_fn cells, void *ctx)
{
	list_columns(l, referral_cols, 8, cells != NULL ? cells : referral_row_cells, ctx);
	l->gap = 1;
}


struct step_ctx {
	int64_t id, version;
	const char *step;	/* static */
	const struct form_def *fd;
};

static int on_of(const struct form_def *fd, char **values, date_t *on, struct err *e)
{
	const char *text = form_value(fd, values, "on");
	*on = DATE_NONE;
	if (text != NULL && date_parse(text, on) != 0)
		return err_set(e, "日期无效");
	return 0;
}

static int step_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct step_ctx *c = ctx;
	struct referral_step_in in = {
		.step = c->step, .result = form_value(c->fd, values, "result"),
		.by = form_value(c->fd, values, "by"), .reason = form_value(c->fd, values, "reason"),
	};
	if (on_of(c->fd, values, &in.on, e) != 0 ||
	    referral_apply(ui->s->store, &ui->s->cfg, c->id, c->version, &in, e) != 0)
		return -1;
	ui_flash(ui, false, strcmp(c->step, "reply") == 0 ? "已登记转办 %lld 的反馈"
		 : "已撤回转办 %lld", (long long)c->id);
	return 0;
}

void referform_step(struct ui *ui, const struct referral_row *r, int64_t version, const char *step)
{
	bool reply = strcmp(step, "reply") == 0;
	if (strcmp(r->state, "referred") != 0) {
		ui_flash(ui, true, "转办 %lld 已%s，不能再%s", (long long)r->id,
			 referral_state_label(r->state), reply ? "登记反馈" : "撤回");
		return;
	}
	const char *form = reply ? "referral_reply" : "referral_withdraw";
	struct step_ctx *c = xcalloc(1, sizeof *c);
	c->id = r->id;
	c->version = version;
	c->step = reply ? "reply" : "withdraw";
	c->fd = forms_find(&ui->forms, form);
	char intro[320], key[64];
	snprintf(intro, sizeof intro, "转办 %lld：%s %s：%s（答复时限 %s）", (long long)r->id, r->name,
		 r->department, r->item, r->due);
	snprintf(key, sizeof key, "referral:%s", c->step);
	struct form_opts o = { .intro = intro, .draft_key = key, .draft_target = r->id,
			       .submit = step_submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, form, &o));
}

static int close_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct step_ctx *c = ctx;
	date_t on;
	if (on_of(c->fd, values, &on, e) != 0 ||
	    request_close(ui->s->store, &ui->s->cfg, c->id, c->version, on,
			  form_value(c->fd, values, "result"), e) != 0)
		return -1;
	ui_flash(ui, false, "求助 %lld 已办结", (long long)c->id);
	return 0;
}

void referform_close(struct ui *ui, int64_t request_id, int64_t version, const char *name)
{
	struct step_ctx *c = xcalloc(1, sizeof *c);
	c->id = request_id;
	c->version = version;
	c->step = "close";
	c->fd = forms_find(&ui->forms, "request_close");
	char intro[160];
	snprintf(intro, sizeof intro, "求助 %lld（%s）：办结", (long long)request_id, name);
	struct form_opts o = { .intro = intro, .draft_key = "request:close", .draft_target = request_id,
			       .submit = close_submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, "request_close", &o));
}
