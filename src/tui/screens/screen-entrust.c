/* One entrustment (帮办代办): all its fields, the steps the rules allow now
 * by digit (each opens a small forms/entrust_*.ini form), and 'l' to link
 * the application it produced. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/case.h"
#include "core/domain/entrust.h"
#include "core/query/applist.h"
#include "core/base/utf8.h"
#include "tui/widgets/formview.h"
#include "tui/ui.h"
#include "tui/xalloc.h"

struct entscr {
	int64_t id;
	struct entrust_view v;
	const struct entrust_transition *steps[9];
	size_t n_steps;
	char error[1024];
};

static const struct hint ent_hints[] = {
	{ "1-9", "办理" }, { "l", "关联申请" }, { "Esc", "返回" }, { NULL, NULL },
};

/* Which form each step asks for. */
static const char *const step_forms[][2] = {
	{ "handle", "entrust_step" }, { "notify_missing", "entrust_missing" },
	{ "out_of_scope", "entrust_out_of_scope" }, { "feedback", "entrust_feedback" },
	{ "terminate", "entrust_terminate" }, { "rate", "entrust_rate" }, { "file", "entrust_step" },
};

static const char *form_for(const char *step)
{
	for (size_t i = 0; i < sizeof step_forms / sizeof step_forms[0]; i++)
		if (strcmp(step_forms[i][0], step) == 0)
			return step_forms[i][1];
	return "entrust_step";
}

static void load(struct ui *ui, struct entscr *c)
{
	struct err e;
	if (entrust_load(ui->s->store, &ui->s->cfg, c->id, ui->today, &c->v, &e) != 0) {
		snprintf(c->error, sizeof c->error, "%s", e.msg);
		return;
	}
	c->n_steps = entrust_steps(c->v.state, ui->s->roles, c->steps, 9);
	c->error[0] = '\0';
}

static const char *dash(const char *s)
{
	return s[0] ? s : "-";
}

/* "label：value" on row y; returns the next row. */
static int field_line(int y, const char *label, const char *value, attr_t a)
{
	int x = ui_text(y, 0, COLS, label, A_BOLD, false);
	ui_text(y, x, COLS - x, value, a, true);
	return y + 1;
}

static void draw_fields(struct ui *ui, struct entscr *c)
{
	const struct entrust_view *v = &c->v;
	const struct kind *k = catalogue_kind(&ui->s->cat, v->matter);
	char line[1200];
	snprintf(line, sizeof line, "委托 %lld  %s  %s  %s  %s委托", (long long)v->id, v->client_name,
		 v->village, k != NULL ? k->name : v->matter, entrust_channel_label(v->channel));
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	int y = 3;
	snprintf(line, sizeof line, "%s    受理时间：%s    办理时限：%s", entrust_state_label(v->state),
		 v->received, dash(v->due));
	y = field_line(y, "状态：", line, A_NORMAL);
	if (v->open) {
		snprintf(line, sizeof line, v->days_left < 0 ? "已超过办理时限 %d 个工作日"
			 : "距办理时限还有 %d 个工作日", v->days_left < 0 ? -v->days_left : v->days_left);
		ui_text(y++, 6, COLS - 6, line, v->days_left < 0 ? ui_attr(ui, PAIR_ERROR)
			: v->days_left <= ui->s->cfg.alert_lead_days ? ui_attr(ui, PAIR_WARN) : A_NORMAL, true);
	}
	snprintf(line, sizeof line, "%s  %s", v->agent, v->agent_phone);
	y = field_line(y, "帮办代办员：", line, A_NORMAL);
	snprintf(line, sizeof line, "%s%s", dash(v->client_phone),
		 v->client_person_id ? "  （已登记为家庭成员）" : "");
	y = field_line(y, "委托人电话：", line, A_NORMAL);
	if (v->application_id) {
		snprintf(line, sizeof line, "申请 %lld  %s  %s", (long long)v->application_id,
			 catalogue_kind_short(&ui->s->cat, v->app_kind),
			 case_state_label_on(v->app_state, v->app_publicity_to, ui->today));
	} else {
		snprintf(line, sizeof line, "未关联（按 l 关联或新建）");
	}
	y = field_line(y, "关联申请：", line, A_NORMAL);
	y = field_line(y, "须补正材料：", dash(v->missing_items), A_NORMAL);
	y = field_line(y, "办理结果：", dash(v->result), A_NORMAL);
	y = field_line(y, "回复时间：", dash(v->replied), A_NORMAL);
	snprintf(line, sizeof line, "%s%s", dash(v->terminated_reason),
		 v->terminated_reason[0] ? (v->papers_returned ? "  （材料已移交）" : "  （材料未移交）") : "");
	y = field_line(y, "终止原因：", line, A_NORMAL);
	y = field_line(y, "评价：", dash(v->rating), A_NORMAL);
	y = field_line(y, "归档日期：", dash(v->filed), A_NORMAL);
	field_line(y, "备注：", dash(v->note), A_NORMAL);
}

static void draw_steps(struct ui *ui, struct entscr *c, int y)
{
	int x = ui_text(y, 0, COLS, "可办理：", A_BOLD, false);
	if (c->n_steps == 0)
		ui_text(y, x, COLS - x, "已办结归档", ui_attr(ui, PAIR_DIM), false);
	for (size_t i = 0; i < c->n_steps; i++) {
		char line[128];
		snprintf(line, sizeof line, "%zu %s  ", i + 1, c->steps[i]->label);
		if (x + utf8_width(line) > COLS) {
			y++;
			x = 8;
		}
		x += ui_text(y, x, COLS - x, line, A_NORMAL, false);
	}
}

static void ent_draw(struct ui *ui, struct screen *sc)
{
	struct entscr *c = sc->data;
	if (c->v.id == 0) {
		ui_text(2, 2, COLS - 4, c->error, ui_attr(ui, PAIR_ERROR), false);
		return;
	}
	draw_fields(ui, c);
	draw_steps(ui, c, LINES - 4);
	if (c->error[0])
		ui_text(LINES - 2, 0, COLS, c->error, ui_attr(ui, PAIR_ERROR), true);
}

/* ---- steps ---- */

struct step_ctx {
	int64_t id, version;
	const struct entrust_transition *t;
	const struct form_def *fd;
};

static int step_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct step_ctx *c = ctx;
	const char *on = form_value(c->fd, values, "on"), *papers = form_value(c->fd, values, "papers_returned");
	struct entrust_step_in in = {
		.step = c->t->step, .on = DATE_NONE,
		.missing_items = form_value(c->fd, values, "missing_items"),
		.result = form_value(c->fd, values, "result"), .reason = form_value(c->fd, values, "reason"),
		.papers_returned = papers != NULL && strcmp(papers, "是") == 0,
		.rating = form_value(c->fd, values, "rating"), .note = form_value(c->fd, values, "note"),
	};
	if (on != NULL && date_parse(on, &in.on) != 0)
		return err_set(e, "日期无效");
	if (entrust_apply(ui->s->store, &ui->s->cfg, c->id, c->version, &in, e) != 0)
		return -1;
	ui_flash(ui, false, "已办理：%s", c->t->label);
	return 0;
}

static void step_open(struct ui *ui, struct entscr *s, const struct entrust_transition *t)
{
	struct step_ctx *c = xcalloc(1, sizeof *c);
	c->id = s->id;
	c->version = s->v.version;
	c->t = t;
	c->fd = forms_find(&ui->forms, form_for(t->step));
	char intro[160], key[64];
	snprintf(intro, sizeof intro, "委托 %lld（%s）：%s", (long long)s->id, s->v.client_name, t->label);
	snprintf(key, sizeof key, "entrust:%s:%s", t->from, t->step);
	struct form_opts o = { .intro = intro, .draft_key = key, .draft_target = s->id,
			       .submit = step_submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, form_for(t->step), &o));
}

/* ---- linking the application ---- */

#define MAX_APPS 32

static int new_application(struct ui *ui, struct entscr *c, int64_t *app, struct err *e)
{
	struct case_new in = {
		.household_id = c->v.household_id, .applicant_id = c->v.client_person_id,
		.kind = c->v.matter, .channel = "agent", .agent_id = c->v.agent_id,
		.received_on = ui->today, .delegated = true,
	};
	return case_create(ui->s->store, &ui->s->cfg, &ui->s->cat, &in, app, e);
}

static void link_application(struct ui *ui, struct entscr *c)
{
	struct err e;
	if (strcmp(c->v.state, "out_of_scope") == 0 || strcmp(c->v.state, "filed") == 0) {
		ui_flash(ui, true, "委托已%s，不能再关联申请", entrust_state_label(c->v.state));
		return;
	}
	if (c->v.household_id == 0) {
		ui_flash(ui, true, "委托人未登记为家庭成员：请先在“1 受理登记”中登记其家庭，"
			 "登记委托时填写身份证号码");
		return;
	}
	static char text[MAX_APPS][128];
	const char *labels[MAX_APPS];
	int64_t ids[MAX_APPS];
	struct app_brief apps[MAX_APPS - 1];
	int n;
	if (applist_of_household(ui->s->store, c->v.household_id, apps, MAX_APPS - 1, &n, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	for (int i = 0; i < n; i++) {
		ids[i] = apps[i].id;
		snprintf(text[i], sizeof text[i], "申请 %lld  %s  %s  %s", (long long)apps[i].id,
			 catalogue_kind_short(&ui->s->cat, apps[i].kind),
			 case_state_label_on(apps[i].state, apps[i].publicity_to, ui->today),
			 apps[i].received);
		labels[i] = text[i];
	}
	const struct kind *mk = catalogue_kind(&ui->s->cat, c->v.matter);
	snprintf(text[n], sizeof text[n], "新建申请：%s（经帮办代办）", mk != NULL ? mk->name : c->v.matter);
	labels[n] = text[n];
	ids[n++] = 0;
	int k = ui_pick(ui, "关联委托人家庭的申请", labels, n, 0);
	if (k < 0)
		return;
	int64_t app = ids[k];
	if (app == 0 && new_application(ui, c, &app, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	if (entrust_link_application(ui->s->store, c->id, c->v.version, app, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	else
		ui_flash(ui, false, "已关联申请 %lld", (long long)app);
	load(ui, c);
}

static int ent_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct entscr *c = sc->data;
	if (c->v.id == 0)
		return KEY_IGNORED;
	if (!is_key && ch >= '1' && ch <= '9') {
		size_t k = (size_t)(ch - '1');
		if (k < c->n_steps)
			step_open(ui, c, c->steps[k]);
	} else if (!is_key && ch == 'l') {
		link_application(ui, c);
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void ent_resume(struct ui *ui, struct screen *sc)
{
	load(ui, sc->data);
}

static void ent_destroy(struct screen *sc)
{
	free(sc->data);
	free(sc);
}

struct screen *screen_entrust_new(struct ui *ui, int64_t id)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct entscr *c = xcalloc(1, sizeof *c);
	c->id = id;
	snprintf(sc->title, sizeof sc->title, "帮办代办委托");
	sc->data = c;
	sc->hints = ent_hints;
	sc->help = "上方是委托的全部内容：委托人、事项、帮办代办员、受理时间和办理时限（红色为已超时）。\n"
		   "下方“可办理”列出按流程现在可以办理的步骤，按数字键办理：\n"
		   "  受理后材料齐全即开始办理；手续不全的一次性告知须补正的材料；\n"
		   "  不属于帮办代办范围的告知申请人；办理后反馈结果或终止（移交材料）；\n"
		   "  征询委托人评价，最后办结归档。\n"
		   "l 关联委托人家庭的申请，或以委托事项新建一份经帮办代办的申请。";
	sc->draw = ent_draw;
	sc->key = ent_key;
	sc->resume = ent_resume;
	sc->destroy = ent_destroy;
	load(ui, c);
	return sc;
}
