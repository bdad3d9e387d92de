/* One request for help (求助登记): who, the household, what is needed and
 * how it came in, then its referrals on the list widget. 'r' refers it to
 * catalogue items (a department, then its item, as often as needed), 'f'
 * records the selected referral's reply, 'w' withdraws it, 'c' closes the
 * request, 'n' registers the application it becomes (with the link), 'l'
 * links one registered before, 'h' opens the household. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/case.h"
#include "core/domain/referral.h"
#include "core/query/applist.h"
#include "core/query/hhview.h"
#include "core/query/referrals.h"
#include "tui/screens/hhforms.h"
#include "tui/screens/referforms.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

#define MAX_PICKS 16

struct reqscr {
	int64_t id;
	struct request_view v;
	int n_refs;		/* the list's count */
	struct list list;
	char error[1024];
};

static const struct hint req_hints[] = {
	{ "r", "转办" }, { "f", "反馈" }, { "w", "撤回" }, { "c", "办结" }, { "n", "登记申请" },
	{ "l", "关联申请" }, { "h", "家庭" }, { "Esc", "返回" }, { NULL, NULL },
};

static void load(struct ui *ui, struct reqscr *c)
{
	struct err e;
	if (request_view_load(ui->s->store, c->id, ui->today, &c->v, &e) != 0) {
		snprintf(c->error, sizeof c->error, "%s", e.msg);
		c->n_refs = 0;
		return;
	}
	c->n_refs = c->v.n_refs;
	c->error[0] = '\0';
	list_reload(&c->list);
}

static int field_line(int y, const char *label, const char *value)
{
	int x = ui_text(y, 0, COLS, label, A_BOLD, false);
	ui_text(y, x, COLS - x, value[0] ? value : "-", A_NORMAL, true);
	return y + 1;
}

static void draw_fields(struct ui *ui, struct reqscr *c)
{
	const struct request_view *v = &c->v;
	char line[1200];
	snprintf(line, sizeof line, "求助 %lld  %s  %s  %s", (long long)v->id, v->name, v->village,
		 request_state_label(v->state));
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	int y = 2;
	snprintf(line, sizeof line, "%s    来源：%s%s%s    电话：%s", v->received,
		 request_channel_label(v->channel), v->source[0] ? " " : "", v->source,
		 v->phone[0] ? v->phone : "-");
	y = field_line(y, "求助日期：", line);
	y = field_line(y, "求助事项：", v->need);
	if (v->application_id)
		snprintf(line, sizeof line, "申请 %lld  %s", (long long)v->application_id,
			 case_state_label(v->app_state));
	else
		snprintf(line, sizeof line, "%s", v->household_id ? "未关联（n 登记为救助申请，l 关联已有的申请）"
			 : "求助人未登记为家庭成员");
	y = field_line(y, "关联申请：", line);
	if (v->closed[0]) {
		snprintf(line, sizeof line, "%s  %s", v->closed, v->result);
		field_line(y, "办结：", line);
	}
}

static void req_draw(struct ui *ui, struct screen *sc)
{
	struct reqscr *c = sc->data;
	if (c->v.id == 0) {
		ui_text(2, 2, COLS - 4, c->error, ui_attr(ui, PAIR_ERROR), false);
		return;
	}
	draw_fields(ui, c);
	ui_text(7, 0, COLS, "转办事项", A_BOLD, true);
	list_draw(ui, sc, &c->list, 8, 0, LINES - 10, COLS);
	const struct referral_row *r = list_selected(&c->list);
	if (c->error[0])
		ui_text(LINES - 2, 0, COLS, c->error, ui_attr(ui, PAIR_ERROR), true);
	else
		list_status(ui, &c->list, r != NULL && r->result[0] ? r->result : "");
}

static const struct referral_row *selected_ref(struct reqscr *c, int64_t *version)
{
	int i = list_selected_index(&c->list);
	if (i < 0)
		return NULL;
	*version = c->v.ref_version[i];
	return &c->v.refs[i];
}

/* ---- referring ---- */

/* One catalogue item: a department, then its item; false when Esc. */
static bool pick_item(struct ui *ui, int n_picked, struct referral_pick *p)
{
	const struct catalogue *cat = &ui->s->cat;
	const char *labels[64];
	char done[64], title[96];
	int n = 0;
	snprintf(done, sizeof done, "【选好了，转办这 %d 项】", n_picked);
	if (n_picked > 0)
		labels[n++] = done;
	for (size_t i = 0; i < cat->n_departments && n < 64; i++)
		labels[n++] = cat->departments[i].name;
	int k = ui_pick(ui, n_picked ? "再选一个部门，或选好了" : "转办到哪个部门", labels, n, 0);
	if (k < 0 || (n_picked > 0 && k == 0))
		return false;
	const struct department *d = &cat->departments[k - (n_picked > 0)];
	snprintf(title, sizeof title, "%s 的事项", d->name);
	int m = ui_pick(ui, title, (const char *const *)d->items, (int)d->n_items, 0);
	if (m < 0)
		return pick_item(ui, n_picked, p);
	p->department = d->name;
	p->item = d->items[m];
	return true;
}

static void refer(struct ui *ui, struct reqscr *c)
{
	struct referral_pick picks[MAX_PICKS];
	int n = 0;
	struct err e;
	if (strcmp(c->v.state, "closed") == 0) {
		ui_flash(ui, true, "求助已办结，不能再转办");
		return;
	}
	while (n < MAX_PICKS && pick_item(ui, n, &picks[n]))
		n++;
	if (n == 0)
		return;
	if (referral_refer(ui->s->store, &ui->s->cfg, &ui->s->cat, c->id, c->v.version, picks,
			   (size_t)n, DATE_NONE, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	else
		ui_flash(ui, false, "已转办 %d 项；答复时限见列表", n);
	load(ui, c);
}

/* ---- the application it became ---- */

#define MAX_APPS 32

/* The request becomes an application here: the form of the household's
 * applications, its applicant the member who asked (else the head). */
static void new_application(struct ui *ui, struct reqscr *c)
{
	struct err e;
	if (c->v.household_id == 0) {
		ui_flash(ui, true, "求助人未登记为家庭成员：请先在“1 受理登记”中登记其家庭");
		return;
	}
	if (c->v.application_id != 0) {
		ui_flash(ui, true, "求助已关联申请 %lld", (long long)c->v.application_id);
		return;
	}
	struct hh_view *v = xcalloc(1, sizeof *v);
	if (hh_view_load(ui->s->store, c->v.household_id, v, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		free(v);
		return;
	}
	int64_t applicant = 0;
	for (int i = 0; i < v->n_current; i++)
		if (strcmp(v->members[i].name, c->v.name) == 0)
			applicant = v->members[i].id;
	hhform_request_application(ui, v, c->id, c->v.version, applicant);
	free(v);
}

static void link_application(struct ui *ui, struct reqscr *c)
{
	struct err e;
	if (c->v.household_id == 0) {
		ui_flash(ui, true, "求助人未登记为家庭成员：请先在“1 受理登记”中登记其家庭");
		return;
	}
	static char text[MAX_APPS][128];
	const char *labels[MAX_APPS];
	struct app_brief apps[MAX_APPS];
	int n;
	if (applist_of_household(ui->s->store, c->v.household_id, apps, MAX_APPS, &n, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	if (n == 0) {
		ui_flash(ui, true, "该家庭还没有申请：按 n 把求助登记为救助申请");
		return;
	}
	for (int i = 0; i < n; i++) {
		snprintf(text[i], sizeof text[i], "申请 %lld  %s  %s  %s", (long long)apps[i].id,
			 catalogue_kind_short(&ui->s->cat, apps[i].kind), case_state_label(apps[i].state),
			 apps[i].received);
		labels[i] = text[i];
	}
	int k = ui_pick(ui, "关联求助人家庭的申请", labels, n, 0);
	if (k < 0)
		return;
	if (request_link_application(ui->s->store, c->id, c->v.version, apps[k].id, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	else
		ui_flash(ui, false, "已关联申请 %lld", (long long)apps[k].id);
	load(ui, c);
}

static int req_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct reqscr *c = sc->data;
	int64_t version = -1;
	if (c->v.id == 0)
		return KEY_IGNORED;
	if (list_key(ui, &c->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	const struct referral_row *r = selected_ref(c, &version);
	if (is_key)
		return KEY_IGNORED;
	if (ch == 'r') {
		refer(ui, c);
	} else if (ch == 'f' || ch == 'w') {
		if (r == NULL)
			ui_flash(ui, true, "还没有转办事项：按 r 转办");
		else
			referform_step(ui, r, version, ch == 'f' ? "reply" : "withdraw");
	} else if (ch == 'c') {
		referform_close(ui, c->id, c->v.version, c->v.name);
	} else if (ch == 'n') {
		new_application(ui, c);
	} else if (ch == 'l') {
		link_application(ui, c);
	} else if (ch == 'h') {
		if (c->v.household_id)
			ui_push(ui, screen_household_new(ui, c->v.household_id));
		else
			ui_flash(ui, true, "求助人未登记为家庭成员");
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

/* The index list's row i is the view's referral i. */
static void ref_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		      struct list_cell *cells)
{
	struct reqscr *c = ctx;
	referral_row_cells(ui, NULL, &c->v.refs[*(const int *)row], selected, cells);
}

static void req_resume(struct ui *ui, struct screen *sc)
{
	load(ui, sc->data);
}

static void req_destroy(struct screen *sc)
{
	struct reqscr *c = sc->data;
	list_free(&c->list);
	free(c);
	free(sc);
}

struct screen *screen_request_new(struct ui *ui, int64_t id)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct reqscr *c = xcalloc(1, sizeof *c);
	c->id = id;
	list_init_index(&c->list, &c->n_refs);
	referral_list_columns(&c->list, ref_cells, c);
	c->list.empty = "（尚未转办：按 r 选择部门和事项）";
	snprintf(sc->title, sizeof sc->title, "求助登记");
	sc->data = c;
	sc->hints = req_hints;
	sc->help = "上方是求助的内容：求助人、村、来源、求助事项和关联的申请。\n"
		   "下方列出它的转办事项：部门、事项、答复时限（红色为已逾期）和反馈日期。\n"
		   "  r 转办：先选部门，再选该部门的事项，可连续选多项，最后选“选好了”；\n"
		   "  f 登记光标所在事项的部门反馈（结果、日期、反馈人），w 撤回该事项；\n"
		   "  c 办结（各部门都反馈或撤回后），n 把求助登记为救助申请（申请人默认是求助人），\n"
		   "  l 关联求助人家庭已登记的申请，h 打开求助人的家庭。";
	sc->draw = req_draw;
	sc->key = req_key;
	sc->resume = req_resume;
	sc->destroy = req_destroy;
	load(ui, c);
	return sc;
}
