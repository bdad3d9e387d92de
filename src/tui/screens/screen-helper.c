/* 5 帮办代办: two panes, switched by Tab. The roster of helper agents by
 * village (附件3), villages without one in red, 'a' adds and 'd'
 * deactivates; and the entrustments, newest first, paged by key, filtered
 * by village and state, Enter opening one, 'n' registering a new one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/agent.h"
#include "core/domain/entrust.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "tui/widgets/agentpick.h"
#include "tui/widgets/formview.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/widgets/picker.h"
#include "tui/xalloc.h"

#define MAX_ROSTER 512

enum { PANE_ROSTER, PANE_ENTRUST };

struct helper {
	struct ui *ui;
	int pane;
	struct agent_row roster[MAX_ROSTER];
	int n_roster, without;
	struct list rlist, elist;
	struct entrust_filter f;
	struct villages villages;
	char error[1024];
};

static const struct hint roster_hints[] = {
	{ "Tab", "委托事项" }, { "a", "添加" }, { "d", "停用" }, { "Esc", "返回" }, { NULL, NULL },
};
static const struct hint entrust_hints[] = {
	{ "Tab", "名册" }, { "Enter", "打开" }, { "n", "登记委托" }, { "v", "村" }, { "t", "状态" },
	{ "PgDn/PgUp", "翻页" }, { "Esc", "返回" }, { NULL, NULL },
};

static const struct list_col roster_cols[] = {
	{ .head = "村（社区）", .width = 14 }, { .head = "姓名", .width = 12 },
	{ .head = "身份证号码", .width = 19 }, { .head = "电话", .width = 14 },
	{ .head = "人员类别", .width = 0 },
};

static const struct list_col entrust_cols[] = {
	{ .head = "编号", .width = 5 }, { .head = "受理日期", .width = 11 },
	{ .head = "村（社区）", .width = 11 }, { .head = "委托人", .width = 9 },
	{ .head = "代办员", .width = 9 }, { .head = "事项", .width = 9 },
	{ .head = "状态", .width = 11 }, { .head = "办理时限", .width = 0 },
};

static void load_roster(struct ui *ui, struct helper *h)
{
	struct err e;
	h->error[0] = '\0';
	if (agent_roster(ui->s->store, &ui->s->cfg, h->roster, MAX_ROSTER, &h->n_roster, &e) != 0 ||
	    agent_villages_without(ui->s->store, &ui->s->cfg, &h->without, &e) != 0)
		snprintf(h->error, sizeof h->error, "%s", e.msg);
	list_reload(&h->rlist);
}

/* The entrustments, newest first, by key both ways. */
static int entrust_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max,
			 int *n, struct err *e)
{
	struct helper *h = ctx;
	const struct entrust_row *r = anchor;
	return entrust_page_dir(h->ui->s->store, &h->f, r != NULL ? &r->key : NULL, lm_page_dir(dir),
				h->ui->today, out, max, n, e);
}

static const struct agent_row *roster_selected(struct helper *h)
{
	int i = list_selected_index(&h->rlist);
	return i >= 0 ? &h->roster[i] : NULL;
}

/* ---- drawing ---- */

static void draw_tabs(struct ui *ui, struct helper *h)
{
	char line[256];
	int x = 0;
	x += ui_text(1, x, COLS, " 帮办代办员名册 ", h->pane == PANE_ROSTER ? ui_attr(ui, PAIR_SELECT)
		     : A_BOLD, false);
	x += ui_text(1, x, COLS - x, "  ", A_NORMAL, false);
	x += ui_text(1, x, COLS - x, " 委托事项 ", h->pane == PANE_ENTRUST ? ui_attr(ui, PAIR_SELECT)
		     : A_BOLD, false);
	if (h->without > 0) {
		snprintf(line, sizeof line, "  %d 个村（社区）未配备帮办代办员", h->without);
		x += ui_text(1, x, COLS - x, line, ui_attr(ui, PAIR_ERROR), false);
	}
	ui_text(1, x, COLS - x, "", A_NORMAL, true);
}

static void roster_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			 struct list_cell *c)
{
	struct helper *h = ctx;
	const struct agent_row *r = &h->roster[*(const int *)row];
	c[0].text = r->village;
	if (r->none) {
		c[1].text = "【未配备帮办代办员】";
		c[1].span = true;
		c[1].own_attr = !selected;
		c[1].attr = ui_attr(ui, PAIR_ERROR);
		return;
	}
	c[1].text = r->name;
	idcard_mask(r->id_number, c[2].buf);
	c[3].text = r->phone;
	c[4].text = r->category;
}

static void entrust_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			  struct list_cell *c)
{
	(void)ctx;
	const struct entrust_row *r = row;
	snprintf(c[0].buf, sizeof c[0].buf, "%lld", (long long)r->id);
	c[1].text = r->key.received;
	c[2].text = r->village;
	c[3].text = r->client;
	c[4].text = r->agent;
	c[5].text = catalogue_kind_short(&ui->s->cat, r->matter);
	c[6].text = entrust_state_label(r->state);
	c[7].text = r->due;
	c[7].own_attr = r->overdue && !selected;
	c[7].attr = ui_attr(ui, PAIR_ERROR);
}

/* "第 N 页  " while the window's place is known (not after End). */
static const char *page_of(const struct list *l)
{
	static char text[32];
	text[0] = '\0';
	if (l->m.top >= 0 && l->m.height > 0)
		snprintf(text, sizeof text, "第 %ld 页  ", l->m.top / l->m.height + 1);
	return text;
}

static void helper_draw(struct ui *ui, struct screen *sc)
{
	struct helper *h = sc->data;
	struct list *l = h->pane == PANE_ROSTER ? &h->rlist : &h->elist;
	char line[256];
	draw_tabs(ui, h);
	list_draw(ui, sc, l, 2, 0, LINES - 4, COLS);
	if (h->pane == PANE_ROSTER)
		snprintf(line, sizeof line, "在岗帮办代办员 %d 人；每个村（社区）至少配备 1 名",
			 h->n_roster - h->without);
	else
		snprintf(line, sizeof line, "%s筛选 村：%s  状态：%s", page_of(&h->elist),
			 villages_name(&h->villages, h->f.village_id, "全部"),
			 h->f.state[0] ? entrust_state_label(h->f.state) : "全部");
	if (h->error[0])
		ui_text(LINES - 2, 0, COLS, h->error, ui_attr(ui, PAIR_ERROR), true);
	else
		list_status(ui, l, line);
}

/* ---- forms ---- */

/* A new or deactivated agent is at once in or out of the forms' lists. */
static void refresh_agent_choices(struct ui *ui)
{
	struct err e;
	if (session_agent_choices(ui->s, &ui->forms, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
}

static int agent_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	const struct form_def *fd = ctx;
	struct agent_in in = {
		.village = form_value(fd, values, "village"), .name = form_value(fd, values, "name"),
		.id_number = form_value(fd, values, "id_number"), .phone = form_value(fd, values, "phone"),
		.category = form_value(fd, values, "category"), .note = form_value(fd, values, "note"),
	};
	int64_t id;
	if (agent_add(ui->s->store, &ui->s->cfg, &ui->s->cat, ui->s->v, &in, &id, e) != 0)
		return -1;
	refresh_agent_choices(ui);
	ui_flash(ui, false, "已添加帮办代办员 %s（%s）", in.name, in.village);
	return 0;
}

static void add_agent(struct ui *ui, struct helper *h)
{
	const struct form_def *fd = forms_find(&ui->forms, "agent");
	const char *initial[8] = { NULL };
	const struct agent_row *r = roster_selected(h);
	if (r != NULL && fd != NULL && fd->n_fields > 0)
		initial[0] = r->village;	/* the village under the cursor */
	struct form_opts o = { .intro = "添加帮办代办员（附件3名单）", .draft_key = "agent",
			       .initial = fd != NULL && fd->n_fields <= 8 ? initial : NULL,
			       .submit = agent_submit, .ctx = (void *)fd };
	ui_push(ui, screen_form_new(ui, "agent", &o));
}

/* Whom the agent's open entrustments pass to: 0 when none are open, -1
 * when the clerk cancels or nobody can take them (said on the bottom line). */
static int64_t pick_successor(struct ui *ui, const struct agent_row *r)
{
	struct agent_row others[64];
	const char *labels[64];
	char text[64][160], title[160];
	int open, n;
	struct err e;
	if (agent_open_entrustments(ui->s->store, r->id, &open, &e) != 0 ||
	    agent_successors(ui->s->store, r->id, others, 64, &n, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return -1;
	}
	if (open == 0)
		return 0;
	if (n == 0) {
		ui_flash(ui, true, "%s 还有 %d 件委托未办结，没有其他在岗的帮办代办员可以接手；请先按 a 添加",
			 r->name, open);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		snprintf(text[i], sizeof text[i], "%s（%s）%s", others[i].name, others[i].village,
			 others[i].village_id == r->village_id ? "  同村" : "");
		labels[i] = text[i];
	}
	snprintf(title, sizeof title, "%s 的 %d 件未办结委托移交给", r->name, open);
	int k = ui_pick(ui, title, labels, n, 0);
	return k < 0 ? -1 : others[k].id;
}

static void deactivate_agent(struct ui *ui, struct helper *h)
{
	const struct agent_row *r = roster_selected(h);
	if (r == NULL || r->none) {
		ui_flash(ui, true, "请先选择一名帮办代办员");
		return;
	}
	char q[512];
	struct err e;
	int64_t to = pick_successor(ui, r);
	if (to < 0)
		return;
	if (to == 0)
		snprintf(q, sizeof q, "停用 %s 的帮办代办员 %s？（记录保留在台账中）", r->village, r->name);
	else
		snprintf(q, sizeof q, "停用 %s 的帮办代办员 %s，并把未办结的委托移交给所选的人？"
			 "（记录保留在台账中）", r->village, r->name);
	if (!ui_confirm(ui, q))
		return;
	if (agent_deactivate(ui->s->store, r->id, r->version, to, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
	} else {
		ui_flash(ui, false, to ? "已停用 %s，未办结的委托已移交" : "已停用 %s", r->name);
		refresh_agent_choices(ui);
	}
	load_roster(ui, h);
	list_reload(&h->elist);
}

/* The entrustment form's own: its definition and the agents' list. */
struct entrust_ctx {
	const struct form_def *fd;
	struct agent_pick agents;
};

/* The village typed so far, 0 when none yet. */
static int64_t village_of(struct ui *ui, const struct form_def *fd, char **values)
{
	const char *village = form_value(fd, values, "village");
	int64_t id = 0;
	struct err e;
	if (village != NULL && office_village_id(ui->s->store, &ui->s->cfg, village, &id, &e) != 0)
		id = 0;
	return id;
}

/* The client's village's agents first. */
static int entrust_agents(struct ui *ui, void *ctx, const char *field, char **values,
			  const char **out, int max)
{
	struct entrust_ctx *c = ctx;
	if (strcmp(field, "agent") != 0)
		return 0;
	return agent_pick_list(ui, &c->agents, village_of(ui, c->fd, values), out, max);
}

static int entrust_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	const struct form_def *fd = ((struct entrust_ctx *)ctx)->fd;
	const char *village = form_value(fd, values, "village"), *matter = form_value(fd, values, "matter");
	const char *received = form_value(fd, values, "received");
	const struct kind *k = matter != NULL ? catalogue_kind_by_name(&ui->s->cat, matter) : NULL;
	struct entrust_new in = {
		.client_name = form_value(fd, values, "client_name"), .client_phone = form_value(fd, values, "phone"),
		.matter = k != NULL ? k->code : matter, .channel = form_value(fd, values, "channel"),
		.note = form_value(fd, values, "note"), .received_on = DATE_NONE,
	};
	if (village == NULL || office_village_id(ui->s->store, &ui->s->cfg, village, &in.village_id, e) != 0)
		return village == NULL ? err_set(e, "请选择村（社区）") : -1;
	if (agent_pick_resolve(ui, in.village_id, form_value(fd, values, "agent"), &in.agent_id, e) != 0)
		return -1;
	if (form_value(fd, values, "client_id") != NULL &&
	    person_check_id_name(ui->s->store, form_value(fd, values, "client_id"), in.client_name,
				 &in.client_person_id, e) != 0)
		return -1;
	if (received != NULL && date_parse(received, &in.received_on) != 0)
		return err_set(e, "受理日期无效");
	int64_t id;
	if (entrust_create(ui->s->store, &ui->s->cfg, &ui->s->cat, &in, &id, e) != 0)
		return -1;
	ui_flash(ui, false, "已登记委托 %lld：%s", (long long)id, in.client_name);
	ui_push(ui, screen_entrust_new(ui, id));
	return 0;
}

static void new_entrust(struct ui *ui, struct helper *h)
{
	struct entrust_ctx *c = xcalloc(1, sizeof *c);
	const char *initial[16] = { NULL };
	c->fd = forms_find(&ui->forms, "entrust");
	if (h->f.village_id != 0)
		initial[0] = villages_name(&h->villages, h->f.village_id, "");
	struct form_opts o = { .intro = "帮办代办委托登记", .draft_key = "entrust",
			       .initial = c->fd != NULL && c->fd->n_fields <= 16 ? initial : NULL,
			       .submit = entrust_submit, .ctx = c, .ctx_free = free,
			       .choices = entrust_agents };
	ui_push(ui, screen_form_new(ui, "entrust", &o));
}

/* ---- filters and keys ---- */

static void pick_village(struct ui *ui, struct helper *h)
{
	static const struct village_pick o = { .title = "按村（社区）筛选", .all = true };
	if (village_pick(ui, &h->villages, &o, &h->f.village_id))
		list_restart(&h->elist);
}

static void pick_state(struct ui *ui, struct helper *h)
{
	const char *labels[16];
	int n = 0, cur = 0;
	labels[n++] = "全部";
	for (size_t i = 0; i < entrust_workflow.n_states; i++) {
		if (strcmp(entrust_workflow.states[i].code, h->f.state) == 0)
			cur = n;
		labels[n++] = entrust_workflow.states[i].label;
	}
	int k = ui_pick(ui, "按状态筛选", labels, n, cur);
	if (k < 0)
		return;
	snprintf(h->f.state, sizeof h->f.state, "%s", k == 0 ? "" : entrust_workflow.states[k - 1].code);
	list_restart(&h->elist);
}

static int entrust_keys(struct ui *ui, struct helper *h, bool is_key, wint_t ch)
{
	const struct entrust_row *r = list_selected(&h->elist);
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (r != NULL)
			ui_push(ui, screen_entrust_new(ui, r->id));
	} else if (!is_key && ch == 'n') {
		new_entrust(ui, h);
	} else if (!is_key && ch == 'v') {
		pick_village(ui, h);
	} else if (!is_key && ch == 't') {
		pick_state(ui, h);
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static int helper_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct helper *h = sc->data;
	if (list_key(ui, h->pane == PANE_ROSTER ? &h->rlist : &h->elist, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if ((!is_key && ch == '\t') || (is_key && (ch == KEY_BTAB || ch == KEY_LEFT || ch == KEY_RIGHT))) {
		h->pane = h->pane == PANE_ROSTER ? PANE_ENTRUST : PANE_ROSTER;
		sc->hints = h->pane == PANE_ROSTER ? roster_hints : entrust_hints;
	} else if (h->pane == PANE_ROSTER && !is_key && ch == 'a') {
		add_agent(ui, h);
	} else if (h->pane == PANE_ROSTER && !is_key && ch == 'd') {
		deactivate_agent(ui, h);
	} else if (h->pane == PANE_ENTRUST) {
		return entrust_keys(ui, h, is_key, ch);
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void helper_resume(struct ui *ui, struct screen *sc)
{
	struct helper *h = sc->data;
	load_roster(ui, h);
	list_reload(&h->elist);
}

static void helper_destroy(struct screen *sc)
{
	struct helper *h = sc->data;
	list_free(&h->rlist);
	list_free(&h->elist);
	free(h);
	free(sc);
}

/* The two lists: the roster held here, the entrustments by key. */
static void init_lists(struct ui *ui, struct helper *h)
{
	struct err e;
	h->ui = ui;
	list_init_index(&h->rlist, &h->n_roster);
	list_columns(&h->rlist, roster_cols, 5, roster_cells, h);
	h->rlist.gap = 1;
	list_init(&h->elist, sizeof(struct entrust_row), entrust_fetch, h);
	list_columns(&h->elist, entrust_cols, 8, entrust_cells, NULL);
	h->elist.gap = 1;
	h->elist.empty = "（没有符合条件的委托）";
	if (villages_load(ui, VILLAGES_TOWNSHIP, &h->villages, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
}

struct screen *screen_helper_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct helper *h = xcalloc(1, sizeof *h);
	snprintf(sc->title, sizeof sc->title, "帮办代办");
	sc->data = h;
	sc->hints = roster_hints;
	sc->help = "Tab 在“帮办代办员名册”和“委托事项”之间切换。\n"
		   "名册按村（社区）列出在岗的帮办代办员（附件3）；红色标出尚未配备的村（社区）。\n"
		   "  a 添加帮办代办员，d 停用光标所在的帮办代办员（记录保留）；\n"
		   "  其未办结的委托须移交给另一名在岗的帮办代办员（同村的排在前面）。\n"
		   "委托事项按受理日期从新到旧列出；超过办理时限的时限显示为红色。\n"
		   "  Enter 打开委托并按数字键办理各步骤，n 登记新委托，v 按村、t 按状态筛选，\n"
		   "  上下键 PgUp PgDn Home End 翻动。";
	sc->draw = helper_draw;
	sc->key = helper_key;
	sc->resume = helper_resume;
	sc->destroy = helper_destroy;
	init_lists(ui, h);
	load_roster(ui, h);
	return sc;
}
