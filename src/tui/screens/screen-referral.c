/* 求助转办 (seed 003's one door): two panes, switched by Tab. The requests
 * for help, newest first, by village and state ('n' registers one, Enter
 * opens it to refer, record replies and close); and the referrals, newest
 * first, by department and state, the reply date red when past and a late
 * reply marked ('f' records a department's reply, 'w' withdraws). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/domain/referral.h"
#include "core/query/referrals.h"
#include "tui/screens/referforms.h"
#include "tui/widgets/formview.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/widgets/picker.h"
#include "tui/xalloc.h"

enum { PANE_REQUESTS, PANE_REFERRALS };

struct refscr {
	struct ui *ui;
	int pane;
	struct list qlist, rlist;
	struct request_filter qf;
	struct referral_filter rf;
	struct villages villages;
};

static const struct hint request_hints[] = {
	{ "Tab", "转办事项" }, { "Enter", "打开" }, { "n", "求助登记" }, { "v", "村" },
	{ "t", "状态" }, { "Esc", "返回" }, { NULL, NULL },
};
static const struct hint referral_hints[] = {
	{ "Tab", "求助" }, { "Enter", "打开" }, { "f", "反馈" }, { "w", "撤回" },
	{ "b", "部门" }, { "t", "状态" }, { "Esc", "返回" }, { NULL, NULL },
};

static const struct list_col request_cols[] = {
	{ .head = "编号", .width = 5 }, { .head = "求助日期", .width = 11 },
	{ .head = "村（社区）", .width = 11 }, { .head = "求助人", .width = 9 },
	{ .head = "状态", .width = 7 }, { .head = "待反馈", .width = 7 },
	{ .head = "求助事项", .width = 0 },
};

static int request_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max,
			 int *n, struct err *e)
{
	struct refscr *r = ctx;
	const struct request_row *a = anchor;
	return request_page_dir(r->ui->s->store, &r->qf, a != NULL ? &a->key : NULL, lm_page_dir(dir),
				r->ui->today, out, max, n, e);
}

static int referral_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max,
			  int *n, struct err *e)
{
	struct refscr *r = ctx;
	const struct referral_row *a = anchor;
	return referral_page_dir(r->ui->s->store, &r->rf, a != NULL ? &a->key : NULL,
				 lm_page_dir(dir), r->ui->today, out, max, n, e);
}

static void request_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			  struct list_cell *c)
{
	(void)ctx;
	const struct request_row *r = row;
	snprintf(c[0].buf, sizeof c[0].buf, "%lld", (long long)r->id);
	c[1].text = r->received;
	c[2].text = r->village;
	c[3].text = r->name;
	c[4].text = request_state_label(r->state);
	if (r->n_referrals > 0)
		snprintf(c[5].buf, sizeof c[5].buf, "%d/%d", r->n_waiting, r->n_referrals);
	else
		c[5].text = "-";
	c[5].own_attr = r->overdue && !selected;
	c[5].attr = ui_attr(ui, PAIR_ERROR);
	c[6].text = r->need;
}

static void draw_tabs(struct ui *ui, struct refscr *r)
{
	int x = 0;
	x += ui_text(1, x, COLS, " 求助登记 ", r->pane == PANE_REQUESTS ? ui_attr(ui, PAIR_SELECT)
		     : A_BOLD, false);
	x += ui_text(1, x, COLS - x, "  ", A_NORMAL, false);
	x += ui_text(1, x, COLS - x, " 转办事项 ", r->pane == PANE_REFERRALS ? ui_attr(ui, PAIR_SELECT)
		     : A_BOLD, false);
	ui_text(1, x, COLS - x, "", A_NORMAL, true);
}

static void referral_draw(struct ui *ui, struct screen *sc)
{
	struct refscr *r = sc->data;
	struct list *l = r->pane == PANE_REQUESTS ? &r->qlist : &r->rlist;
	char line[256];
	draw_tabs(ui, r);
	list_draw(ui, sc, l, 2, 0, LINES - 4, COLS);
	if (r->pane == PANE_REQUESTS)
		snprintf(line, sizeof line, "筛选 村：%s  状态：%s",
			 villages_name(&r->villages, r->qf.village_id, "全部"),
			 r->qf.state[0] ? request_state_label(r->qf.state) : "全部");
	else
		snprintf(line, sizeof line, "筛选 部门：%s  状态：%s",
			 r->rf.department[0] ? r->rf.department : "全部",
			 r->rf.state[0] ? referral_state_label(r->rf.state) : "全部");
	list_status(ui, l, line);
}

/* ---- registering ---- */

static int request_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	const struct form_def *fd = ctx;
	const char *village = form_value(fd, values, "village"), *id_number = form_value(fd, values, "id_number");
	const char *received = form_value(fd, values, "received");
	struct request_new in = {
		.name = form_value(fd, values, "name"), .phone = form_value(fd, values, "phone"),
		.need = form_value(fd, values, "need"), .channel = form_value(fd, values, "channel"),
		.source = form_value(fd, values, "source"), .note = form_value(fd, values, "note"),
		.received_on = DATE_NONE,
	};
	if (village == NULL || office_village_id(ui->s->store, &ui->s->cfg, village, &in.village_id, e) != 0)
		return village == NULL ? err_set(e, "请选择村（社区）") : -1;
	if (id_number != NULL) {
		int64_t person;
		if (person_check_id_name(ui->s->store, id_number, in.name, &person, e) != 0 ||
		    person_find_by_id_number(ui->s->store, id_number, &person, &in.household_id, e) != 0)
			return -1;
	}
	if (received != NULL && date_parse(received, &in.received_on) != 0)
		return err_set(e, "求助日期无效");
	int64_t id;
	if (request_create(ui->s->store, &in, &id, e) != 0)
		return -1;
	ui_flash(ui, false, "已登记求助 %lld：%s；按 r 转办", (long long)id, in.name);
	ui_push(ui, screen_request_new(ui, id));
	return 0;
}

static void new_request(struct ui *ui, struct refscr *r)
{
	const struct form_def *fd = forms_find(&ui->forms, "help_request");
	const char *initial[16] = { NULL };
	if (r->qf.village_id != 0)
		initial[0] = villages_name(&r->villages, r->qf.village_id, "");
	struct form_opts o = { .intro = "求助信息登记（一门受理）", .draft_key = "help_request",
			       .initial = fd != NULL && fd->n_fields <= 16 ? initial : NULL,
			       .submit = request_submit, .ctx = (void *)fd };
	ui_push(ui, screen_form_new(ui, "help_request", &o));
}

/* ---- filters ---- */

static bool pick_state(struct ui *ui, const struct workflow *wf, char *state, size_t size)
{
	const char *labels[8];
	int n = 0, cur = 0;
	labels[n++] = "全部";
	for (size_t i = 0; i < wf->n_states && n < 8; i++) {
		if (strcmp(wf->states[i].code, state) == 0)
			cur = n;
		labels[n++] = wf->states[i].label;
	}
	int k = ui_pick(ui, "按状态筛选", labels, n, cur);
	if (k < 0)
		return false;
	snprintf(state, size, "%s", k == 0 ? "" : wf->states[k - 1].code);
	return true;
}

static void pick_department(struct ui *ui, struct refscr *r)
{
	const struct catalogue *cat = &ui->s->cat;
	const char *labels[64];
	int n = 0, cur = 0;
	labels[n++] = "全部";
	for (size_t i = 0; i < cat->n_departments && n < 64; i++) {
		if (strcmp(cat->departments[i].name, r->rf.department) == 0)
			cur = n;
		labels[n++] = cat->departments[i].name;
	}
	int k = ui_pick(ui, "按部门筛选", labels, n, cur);
	if (k < 0)
		return;
	snprintf(r->rf.department, sizeof r->rf.department, "%s", k == 0 ? "" : labels[k]);
	list_restart(&r->rlist);
}

static int request_keys(struct ui *ui, struct refscr *r, bool is_key, wint_t ch)
{
	static const struct village_pick vo = { .title = "按村（社区）筛选", .all = true };
	const struct request_row *q = list_selected(&r->qlist);
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (q != NULL)
			ui_push(ui, screen_request_new(ui, q->id));
	} else if (!is_key && ch == 'n') {
		new_request(ui, r);
	} else if (!is_key && ch == 'v') {
		if (village_pick(ui, &r->villages, &vo, &r->qf.village_id))
			list_restart(&r->qlist);
	} else if (!is_key && ch == 't') {
		if (pick_state(ui, &request_workflow, r->qf.state, sizeof r->qf.state))
			list_restart(&r->qlist);
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static int referral_keys(struct ui *ui, struct refscr *r, bool is_key, wint_t ch)
{
	const struct referral_row *f = list_selected(&r->rlist);
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (f != NULL && f->request_id != 0)
			ui_push(ui, screen_request_new(ui, f->request_id));
	} else if (!is_key && (ch == 'f' || ch == 'w')) {
		if (f != NULL)
			referform_step(ui, f, -1, ch == 'f' ? "reply" : "withdraw");
	} else if (!is_key && ch == 'b') {
		pick_department(ui, r);
	} else if (!is_key && ch == 't') {
		if (pick_state(ui, &referral_workflow, r->rf.state, sizeof r->rf.state))
			list_restart(&r->rlist);
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static int referral_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct refscr *r = sc->data;
	if (list_key(ui, r->pane == PANE_REQUESTS ? &r->qlist : &r->rlist, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if ((!is_key && ch == '\t') || (is_key && (ch == KEY_BTAB || ch == KEY_LEFT || ch == KEY_RIGHT))) {
		r->pane = r->pane == PANE_REQUESTS ? PANE_REFERRALS : PANE_REQUESTS;
		sc->hints = r->pane == PANE_REQUESTS ? request_hints : referral_hints;
		return KEY_HANDLED;
	}
	return r->pane == PANE_REQUESTS ? request_keys(ui, r, is_key, ch)
					: referral_keys(ui, r, is_key, ch);
}

static void referral_resume(struct ui *ui, struct screen *sc)
{
	struct refscr *r = sc->data;
	(void)ui;
	list_reload(&r->qlist);
	list_reload(&r->rlist);
}

static void referral_destroy(struct screen *sc)
{
	struct refscr *r = sc->data;
	list_free(&r->qlist);
	list_free(&r->rlist);
	free(r);
	free(sc);
}

struct screen *screen_referral_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct refscr *r = xcalloc(1, sizeof *r);
	struct err e;
	r->ui = ui;
	snprintf(sc->title, sizeof sc->title, "求助转办");
	list_init(&r->qlist, sizeof(struct request_row), request_fetch, r);
	list_columns(&r->qlist, request_cols, 7, request_cells, NULL);
	r->qlist.gap = 1;
	r->qlist.empty = "（没有符合条件的求助登记；按 n 登记）";
	list_init(&r->rlist, sizeof(struct referral_row), referral_fetch, r);
	referral_list_columns(&r->rlist, NULL, NULL);
	r->rlist.empty = "（没有符合条件的转办事项）";
	if (villages_load(ui, VILLAGES_TOWNSHIP, &r->villages, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	sc->data = r;
	sc->hints = request_hints;
	sc->help = "Tab 在“求助登记”和“转办事项”之间切换。\n"
		   "求助登记：窗口登记的每一件求助（本人、电话、三级信息员、部门转来），从新到旧。\n"
		   "  n 登记求助，Enter 打开（转办、登记反馈、办结、关联申请），v 按村、t 按状态筛选；\n"
		   "  “待反馈”为尚未反馈的转办数/转办总数，红色表示有转办已超过答复时限。\n"
		   "转办事项：转到各部门的每一项，从新到旧；b 按部门、t 按状态筛选；\n"
		   "  f 登记部门反馈（结果、日期、反馈人），w 撤回；答复时限红色为已逾期，\n"
		   "  反馈日期后的“逾期”表示部门超过时限才反馈。时限见 tuiconfig.ini 的\n"
		   "  [limits] referral_reply，某部门另定的见 referral-items.ini 的 reply_days。";
	sc->draw = referral_draw;
	sc->key = referral_key;
	sc->resume = referral_resume;
	sc->destroy = referral_destroy;
	return sc;
}
