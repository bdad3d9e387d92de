/* 户档案: one household on the rolls — the roll row's facts, the steps
 * its state allows (by digit, each a form), 复核 (r), 资格认证 (a), and
 * its whole history on the list widget; p prints it as one .xlsx. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/review.h"
#include "core/domain/roll.h"
#include "core/export/hhfile.h"
#include "core/query/caseview.h"
#include "core/query/rolls.h"
#include "tui/screens/stepform.h"
#include "tui/ui.h"
#include "tui/widgets/formview.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

#define MAX_EVENTS 500
#define MAX_STEPS 8

struct rollfile {
	int64_t id;
	struct roll_view v;
	struct hh_event *ev;	/* MAX_EVENTS, owned */
	int n;
	struct list list;
	const struct transition *steps[MAX_STEPS];
	size_t n_steps;
	struct hint hints[MAX_STEPS + 7];
	char labels[MAX_STEPS][4];
	char error[512];
};

static const struct list_col cols[] = {
	{ .head = "日期", .width = 11 }, { .head = "事项", .width = 9 },
	{ .head = "内容", .width = 0 },
};

static void cells(struct ui *ui, void *ctx, const void *row, bool selected, struct list_cell *c)
{
	(void)selected;
	const struct hh_event *ev = &((struct rollfile *)ctx)->ev[*(const int *)row];
	c[0].text = ev->on;
	c[1].text = ev->what;
	if (ev->kind[0])
		snprintf(c[2].buf, sizeof c[2].buf, "%s：%s", catalogue_kind_short(&ui->s->cat, ev->kind),
			 ev->text);
	else
		c[2].text = ev->text;
}

/* The roll row, its steps for the user's roles and its history again. */
static void load(struct ui *ui, struct rollfile *f)
{
	struct err e;
	f->error[0] = '\0';
	f->n = 0;
	f->n_steps = 0;
	if (rolls_load(ui->s->store, f->id, &f->v, &e) != 0 ||
	    rolls_history(ui->s->store, f->v.household_id, f->ev, MAX_EVENTS, &f->n, &e) != 0) {
		snprintf(f->error, sizeof f->error, "%s", e.msg);
		return;
	}
	f->n_steps = roll_steps(f->v.state, f->v.kind, ui->s->roles, f->steps, MAX_STEPS);
	size_t h = 0;
	for (size_t i = 0; i < f->n_steps; i++) {
		snprintf(f->labels[i], sizeof f->labels[i], "%zu", i + 1);
		f->hints[h++] = (struct hint){ f->labels[i], roll_step_label(f->steps[i]->step) };
	}
	if (strcmp(f->v.state, "ended") != 0) {
		f->hints[h++] = (struct hint){ "r", "复核" };
		f->hints[h++] = (struct hint){ "a", "资格认证" };
	}
	if (strcmp(f->v.state, "end_pending") == 0)
		f->hints[h++] = (struct hint){ "g", "打印公示" };
	f->hints[h++] = (struct hint){ "p", "打印户档案" };
	f->hints[h++] = (struct hint){ "Esc", "返回" };
	f->hints[h] = (struct hint){ NULL, NULL };
	list_reload(&f->list);
}

static void facts(struct ui *ui, const struct rollfile *f)
{
	char line[768], money[32];
	const struct roll_view *v = &f->v;
	const struct review_interval *iv = config_review(&ui->s->cfg, v->cls);
	money_format(v->amount, money);
	snprintf(line, sizeof line, "%s  %s  %s  %s 元/月  在册起 %s  【%s】", v->name, v->village,
		 catalogue_kind_short(&ui->s->cat, v->kind), money, v->since, roll_state_label(v->state));
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	if (v->ended_on[0])
		snprintf(line, sizeof line, "%s 终止：%s", v->ended_on, v->end_reason);
	else if (v->end_publicity_to[0])
		snprintf(line, sizeof line, "终止公示至 %s，期满后由分管领导确认：%s", v->end_publicity_to,
			 v->end_reason);
	else if (v->new_amount >= 0) {
		money_format(v->new_amount, money);
		snprintf(line, sizeof line, "拟调整为 %s 元，待分管领导确认：%s", money, v->change_reason);
	} else if (v->suspended_on[0])
		snprintf(line, sizeof line, "%s 暂停：%s", v->suspended_on, v->suspend_reason);
	else
		snprintf(line, sizeof line, "户类：%s  下次复核 %s  下次资格认证 %s",
			 iv != NULL ? iv->label : v->cls, v->next_review, v->recert_due);
	ui_text(2, 0, COLS, line, A_NORMAL, true);
}

static void rollfile_draw(struct ui *ui, struct screen *sc)
{
	struct rollfile *f = sc->data;
	sc->hints = f->hints;
	if (f->error[0] && f->v.id == 0) {
		ui_text(2, 1, COLS - 2, f->error, ui_attr(ui, PAIR_ERROR), true);
		return;
	}
	facts(ui, f);
	list_draw(ui, sc, &f->list, 3, 0, LINES - 5, COLS);
	list_status(ui, &f->list, f->error[0] ? f->error : NULL);
}

/* ---- the forms ---- */

struct step_ctx {
	int64_t id, version;
	const char *step;
	const struct form_def *fd;
};

static int step_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct step_ctx *c = ctx;
	const char *on = form_value(c->fd, values, "on"), *amount = form_value(c->fd, values, "amount");
	struct roll_step_in in = { .step = c->step, .reason = form_value(c->fd, values, "reason"),
				   .note = form_value(c->fd, values, "note"),
				   .new_amount = amount != NULL ? strtoll(amount, NULL, 10) : 0,
				   .roles = ui->s->roles };
	if (on == NULL || date_parse(on, &in.on) != 0)
		return err_set(e, "日期无效");
	if (roll_apply(ui->s->store, &ui->s->cfg, c->id, c->version, &in, e) != 0)
		return -1;
	ui_flash(ui, false, "已办理：%s", roll_step_label(c->step));
	return 0;
}

static void open_step(struct ui *ui, struct rollfile *f, const struct transition *t)
{
	struct step_ctx *c = xcalloc(1, sizeof *c);
	const char *form = strcmp(t->step, "change") == 0 ? "roll_change" : "roll_step";
	char intro[160], key[64];
	c->id = f->id;
	c->version = f->v.version;
	c->step = t->step;
	c->fd = forms_find(&ui->forms, form);
	snprintf(intro, sizeof intro, "%s：%s", f->v.name, t->label);
	snprintf(key, sizeof key, "roll:%s", t->step);
	struct form_opts o = { .intro = intro, .draft_key = key, .draft_target = f->id,
			       .submit = step_submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, form, &o));
}

static const char *class_code(const struct config *cfg, const char *label)
{
	for (size_t i = 0; label != NULL && i < cfg->n_reviews; i++)
		if (strcmp(cfg->reviews[i].label, label) == 0)
			return cfg->reviews[i].cls;
	return label;
}

static const char *outcome_code(const char *label)
{
	static const char *const codes[] = { "unchanged", "change", "suspend", "end" };
	for (int i = 0; label != NULL && i < 4; i++)
		if (strcmp(review_outcome_label(codes[i]), label) == 0)
			return codes[i];
	return label;
}

static int review_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct step_ctx *c = ctx;
	const char *on = form_value(c->fd, values, "visited"), *amount = form_value(c->fd, values, "amount");
	struct review_in in = {
		.roll_id = c->id, .version = c->version,
		.visitors = form_value(c->fd, values, "visitors"),
		.findings = form_value(c->fd, values, "findings"),
		.outcome = outcome_code(form_value(c->fd, values, "outcome")),
		.household_class = class_code(&ui->s->cfg, form_value(c->fd, values, "household_class")),
		.new_amount = amount != NULL ? strtoll(amount, NULL, 10) : 0,
		.reason = form_value(c->fd, values, "reason"),
	};
	if (on == NULL || date_parse(on, &in.visited_on) != 0)
		return err_set(e, "复核日期无效");
	if (review_record(ui->s->store, &ui->s->cfg, &in, NULL, e) != 0)
		return -1;
	ui_flash(ui, false, "已记录复核：%s", review_outcome_label(in.outcome));
	return 0;
}

static int recert_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct step_ctx *c = ctx;
	const char *on = form_value(c->fd, values, "checked");
	date_t d;
	if (on == NULL || date_parse(on, &d) != 0)
		return err_set(e, "认证日期无效");
	if (recert_record(ui->s->store, &ui->s->cfg, c->id, d, form_value(c->fd, values, "method"), NULL, e) != 0)
		return -1;
	ui_flash(ui, false, "已记录资格认证");
	return 0;
}

static void open_record(struct ui *ui, struct rollfile *f, const char *form, const char *what,
			form_submit_fn submit)
{
	struct step_ctx *c = xcalloc(1, sizeof *c);
	char intro[160];
	c->id = f->id;
	c->version = f->v.version;
	c->fd = forms_find(&ui->forms, form);
	snprintf(intro, sizeof intro, "%s（%s）：%s", f->v.name, f->v.village, what);
	struct form_opts o = { .intro = intro, .draft_key = form, .draft_target = f->id,
			       .submit = submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, form, &o));
}

static void print_file(struct ui *ui, struct rollfile *f)
{
	char what[128], path[PATH_MAX + 192];
	struct err e;
	snprintf(what, sizeof what, "户档案-%s", f->v.name);
	notice_path(ui, what, f->v.household_id, path, sizeof path);
	if (hhfile_write(ui->s->store, &ui->s->cfg, &ui->s->cat, f->v.household_id, path, &e) != 0)
		ui_flash(ui, true, "未能导出户档案：%s", e.msg);
	else
		ui_flash(ui, false, "已导出户档案：%s", path);
}

static int rollfile_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct rollfile *f = sc->data;
	if (list_key(ui, &f->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if (is_key || f->v.id == 0)
		return KEY_IGNORED;
	bool open = strcmp(f->v.state, "ended") != 0;
	if (ch >= '1' && ch < (wint_t)('1' + f->n_steps))
		open_step(ui, f, f->steps[ch - '1']);
	else if (ch == 'r' && open)
		open_record(ui, f, "roll_review", "动态管理复核", review_submit);
	else if (ch == 'a' && open)
		open_record(ui, f, "recert", "待遇资格认证", recert_submit);
	else if (ch == 'p')
		print_file(ui, f);
	else if (ch == 'g' && strcmp(f->v.state, "end_pending") == 0)
		/* The village's notice lists everyone whose end is publicised. */
		ui_push(ui, screen_reports_for(ui, "tekun-end", &(struct report_preset){ .village = f->v.village }));
	else
		return KEY_IGNORED;
	return KEY_HANDLED;
}

static void rollfile_resume(struct ui *ui, struct screen *sc)
{
	load(ui, sc->data);
}

static void rollfile_destroy(struct screen *sc)
{
	struct rollfile *f = sc->data;
	list_free(&f->list);
	free(f->ev);
	free(f);
	free(sc);
}

struct screen *screen_rollfile_new(struct ui *ui, int64_t roll_id)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct rollfile *f = xcalloc(1, sizeof *f);
	f->id = roll_id;
	f->ev = xcalloc(MAX_EVENTS, sizeof *f->ev);
	list_init_index(&f->list, &f->n);
	list_columns(&f->list, cols, 3, cells, f);
	f->list.empty = "（没有记录）";
	snprintf(sc->title, sizeof sc->title, "户档案");
	sc->data = f;
	sc->help = "户档案：上面是在册情况，下面是这一户全部的申请办理步骤、在册变动、复核和资格认证记录。\n"
		   "数字键办理在册变动（调整金额须分管领导确认；特困终止供养先公示（天数见 tuiconfig.ini [limits.tekun]），期满由分管领导确认）；"
		   "r 动态管理复核，a 待遇资格认证，p 把户档案导出为 Excel 文件（放在数据库所在目录）；\n"
		   "终止公示中的，g 打印本村（社区）的特困人员终止供养公示，张贴在村务公开栏。";
	sc->draw = rollfile_draw;
	sc->key = rollfile_key;
	sc->resume = rollfile_resume;
	sc->destroy = rollfile_destroy;
	sc->cursor_y = -1;
	load(ui, f);
	return sc;
}
