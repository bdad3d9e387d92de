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
#include "tui/widgets/formview.h"
#include "tui/ui.h"
#include "tui/xalloc.h"

#define MAX_ROSTER 512
#define MAX_ROWS 200
#define MAX_PAGES 1024
#define MAX_VILLAGES 128

enum { PANE_ROSTER, PANE_ENTRUST };

struct helper {
	int pane;
	struct agent_row roster[MAX_ROSTER];
	int n_roster, rsel, without;
	struct entrust_filter f;
	struct entrust_row rows[MAX_ROWS];
	int n, sel;
	struct entrust_key pages[MAX_PAGES];	/* pages[k]: key before page k */
	int page;
	struct place villages[MAX_VILLAGES];
	int n_villages;
	char error[1024];
};

static const struct hint roster_hints[] = {
	{ "Tab", "委托事项" }, { "a", "添加" }, { "d", "停用" }, { "Esc", "返回" }, { NULL, NULL },
};
static const struct hint entrust_hints[] = {
	{ "Tab", "名册" }, { "Enter", "打开" }, { "n", "登记委托" }, { "v", "村" }, { "t", "状态" },
	{ "PgDn/PgUp", "翻页" }, { "Esc", "返回" }, { NULL, NULL },
};

static int page_rows(void)
{
	int h = LINES - 6;
	return h < 1 ? 1 : h > MAX_ROWS ? MAX_ROWS : h;
}

static void load_roster(struct ui *ui, struct helper *h)
{
	struct err e;
	if (agent_roster(ui->s->store, &ui->s->cfg, h->roster, MAX_ROSTER, &h->n_roster, &e) != 0 ||
	    agent_villages_without(ui->s->store, &ui->s->cfg, &h->without, &e) != 0) {
		snprintf(h->error, sizeof h->error, "%s", e.msg);
		return;
	}
	if (h->rsel >= h->n_roster)
		h->rsel = h->n_roster > 0 ? h->n_roster - 1 : 0;
}

static int fetch(struct ui *ui, struct helper *h, const struct entrust_key *after,
		 struct entrust_row *out, int *n)
{
	struct err e;
	if (entrust_page(ui->s->store, &h->f, after, ui->today, out, page_rows(), n, &e) != 0) {
		snprintf(h->error, sizeof h->error, "%s", e.msg);
		*n = 0;
		return -1;
	}
	return 0;
}

static void load_page(struct ui *ui, struct helper *h)
{
	fetch(ui, h, h->page == 0 ? NULL : &h->pages[h->page], h->rows, &h->n);
	if (h->n == 0 && h->page > 0) {	/* the page emptied: back to the first */
		h->page = 0;
		fetch(ui, h, NULL, h->rows, &h->n);
	}
	if (h->sel >= h->n)
		h->sel = h->n > 0 ? h->n - 1 : 0;
}

static void next_page(struct ui *ui, struct helper *h)
{
	static struct entrust_row tmp[MAX_ROWS];
	int n;
	if (h->n < page_rows() || h->page + 1 >= MAX_PAGES)
		return;
	if (fetch(ui, h, &h->rows[h->n - 1].key, tmp, &n) != 0 || n == 0)
		return;
	h->pages[++h->page] = h->rows[h->n - 1].key;
	memcpy(h->rows, tmp, (size_t)n * sizeof tmp[0]);
	h->n = n;
	h->sel = 0;
}

static void prev_page(struct ui *ui, struct helper *h, bool to_last)
{
	if (h->page == 0)
		return;
	h->page--;
	load_page(ui, h);
	h->sel = to_last && h->n > 0 ? h->n - 1 : 0;
}

static void reload(struct ui *ui, struct helper *h)
{
	h->error[0] = '\0';
	load_roster(ui, h);
	load_page(ui, h);
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

static void draw_roster(struct ui *ui, struct helper *h)
{
	int rows = LINES - 5, top = h->rsel >= rows ? h->rsel - rows + 1 : 0;
	ui_text(2, 0, COLS, "村（社区）    姓名        身份证号码         电话          人员类别",
		A_BOLD | A_UNDERLINE, true);
	for (int i = top, y = 3; i < h->n_roster && y < 3 + rows; i++, y++) {
		const struct agent_row *r = &h->roster[i];
		attr_t a = i == h->rsel ? ui_attr(ui, PAIR_SELECT) : A_NORMAL;
		ui_text(y, 0, COLS, "", a, true);
		ui_text(y, 0, 13, r->village, a, true);
		if (r->none) {
			ui_text(y, 14, COLS - 14, "【未配备帮办代办员】", i == h->rsel ? a
				: ui_attr(ui, PAIR_ERROR), false);
			continue;
		}
		char masked[19];
		idcard_mask(r->id_number, masked);
		ui_text(y, 14, 11, r->name, a, true);
		ui_text(y, 26, 19, masked, a, true);
		ui_text(y, 45, 13, r->phone, a, true);
		ui_text(y, 59, COLS - 59, r->category, a, true);
	}
}

static const char *kind_short(const struct ui *ui, const char *code)
{
	const struct kind *k = catalogue_kind(&ui->s->cat, code);
	return k != NULL ? k->short_name : code;
}

static const char *village_name(const struct helper *h, int64_t id)
{
	for (int i = 0; i < h->n_villages; i++)
		if (h->villages[i].id == id)
			return h->villages[i].name;
	return "全部";
}

static void draw_entrust(struct ui *ui, struct helper *h)
{
	static const int x[] = { 0, 5, 16, 27, 36, 45, 54, 65 };
	static const char *const heads[] = { "编号", "受理日期", "村（社区）", "委托人", "代办员",
					     "事项", "状态", "办理时限" };
	ui_text(2, 0, COLS, "", A_BOLD | A_UNDERLINE, true);
	for (int c = 0; c < 8; c++)
		ui_text(2, x[c], (c < 7 ? x[c + 1] : COLS) - x[c], heads[c], A_BOLD | A_UNDERLINE, true);
	for (int i = 0; i < h->n && i < page_rows(); i++) {
		const struct entrust_row *r = &h->rows[i];
		int y = 3 + i;
		attr_t a = i == h->sel ? ui_attr(ui, PAIR_SELECT) : A_NORMAL;
		char id[16];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		ui_text(y, 0, COLS, "", a, true);
		const char *cells[] = { id, r->key.received, r->village, r->client, r->agent,
					kind_short(ui, r->matter), entrust_state_label(r->state), r->due };
		for (int c = 0; c < 8; c++) {
			int w = (c < 7 ? x[c + 1] : COLS) - x[c] - 1;
			attr_t ca = c == 7 && r->overdue && i != h->sel ? ui_attr(ui, PAIR_ERROR) : a;
			ui_text(y, x[c], w, cells[c], ca, true);
		}
	}
	if (h->n == 0)
		ui_text(3, 0, COLS, "（没有符合条件的委托）", ui_attr(ui, PAIR_DIM), true);
}

static void helper_draw(struct ui *ui, struct screen *sc)
{
	struct helper *h = sc->data;
	draw_tabs(ui, h);
	if (h->pane == PANE_ROSTER)
		draw_roster(ui, h);
	else
		draw_entrust(ui, h);
	char line[256];
	if (h->error[0]) {
		ui_text(LINES - 2, 0, COLS, h->error, ui_attr(ui, PAIR_ERROR), true);
	} else {
		if (h->pane == PANE_ROSTER)
			snprintf(line, sizeof line, "在岗帮办代办员 %d 人；每个村（社区）至少配备 1 名",
				 h->n_roster - h->without);
		else
			snprintf(line, sizeof line, "第 %d 页  筛选 村：%s  状态：%s", h->page + 1,
				 village_name(h, h->f.village_id),
				 h->f.state[0] ? entrust_state_label(h->f.state) : "全部");
		ui_text(LINES - 2, 0, COLS, line, ui_attr(ui, PAIR_DIM), true);
	}
}

/* ---- forms ---- */

static const char *val(const struct form_def *fd, char **values, const char *name)
{
	for (size_t i = 0; i < fd->n_fields; i++)
		if (strcmp(fd->fields[i].name, name) == 0)
			return values[i][0] ? values[i] : NULL;
	return NULL;
}

/* A new agent is at once a choice of the entrustment form. */
static void refresh_agent_choices(struct ui *ui)
{
	static char names[256][64];
	const char *list[256];
	int n;
	struct err e;
	if (agent_names(ui->s->store, names, 256, &n, &e) != 0)
		return;
	for (int i = 0; i < n; i++)
		list[i] = names[i];
	if (n == 0)
		list[n++] = "（尚无帮办代办员）";
	forms_set_choices(&ui->forms, "agents", list, (size_t)n, &e);
}

static int agent_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	const struct form_def *fd = ctx;
	struct agent_in in = {
		.village = val(fd, values, "village"), .name = val(fd, values, "name"),
		.id_number = val(fd, values, "id_number"), .phone = val(fd, values, "phone"),
		.category = val(fd, values, "category"), .note = val(fd, values, "note"),
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
	if (h->rsel < h->n_roster && fd != NULL && fd->n_fields > 0)
		initial[0] = h->roster[h->rsel].village;	/* the village under the cursor */
	struct form_opts o = { .intro = "添加帮办代办员（附件3名单）", .draft_key = "agent",
			       .initial = fd != NULL && fd->n_fields <= 8 ? initial : NULL,
			       .submit = agent_submit, .ctx = (void *)fd };
	ui_push(ui, screen_form_new(ui, "agent", &o));
}

static void deactivate_agent(struct ui *ui, struct helper *h)
{
	if (h->rsel >= h->n_roster || h->roster[h->rsel].none) {
		ui_flash(ui, true, "请先选择一名帮办代办员");
		return;
	}
	const struct agent_row *r = &h->roster[h->rsel];
	char q[256];
	struct err e;
	snprintf(q, sizeof q, "停用 %s 的帮办代办员 %s？（记录保留在台账中）", r->village, r->name);
	if (!ui_confirm(ui, q))
		return;
	if (agent_deactivate(ui->s->store, r->id, r->version, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
	} else {
		ui_flash(ui, false, "已停用 %s", r->name);
		refresh_agent_choices(ui);
	}
	load_roster(ui, h);
}


static int entrust_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	const struct form_def *fd = ctx;
	const char *village = val(fd, values, "village"), *matter = val(fd, values, "matter");
	const char *received = val(fd, values, "received");
	const struct kind *k = matter != NULL ? catalogue_kind_by_name(&ui->s->cat, matter) : NULL;
	struct entrust_new in = {
		.client_name = val(fd, values, "client_name"), .client_phone = val(fd, values, "phone"),
		.matter = k != NULL ? k->code : matter, .channel = val(fd, values, "channel"),
		.note = val(fd, values, "note"), .received_on = DATE_NONE,
	};
	if (village == NULL || office_village_id(ui->s->store, &ui->s->cfg, village, &in.village_id, e) != 0)
		return village == NULL ? err_set(e, "请选择村（社区）") : -1;
	if (agent_find(ui->s->store, in.village_id, val(fd, values, "agent"), &in.agent_id, e) != 0)
		return -1;
	if (val(fd, values, "client_id") != NULL &&
	    person_check_id_name(ui->s->store, val(fd, values, "client_id"), in.client_name,
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
	const struct form_def *fd = forms_find(&ui->forms, "entrust");
	const char *initial[16] = { NULL };
	if (h->f.village_id != 0)
		initial[0] = village_name(h, h->f.village_id);
	struct form_opts o = { .intro = "帮办代办委托登记", .draft_key = "entrust",
			       .initial = fd != NULL && fd->n_fields <= 16 ? initial : NULL,
			       .submit = entrust_submit, .ctx = (void *)fd };
	ui_push(ui, screen_form_new(ui, "entrust", &o));
}

/* ---- filters and keys ---- */

static void pick_village(struct ui *ui, struct helper *h)
{
	const char *labels[MAX_VILLAGES + 1];
	int cur = 0;
	labels[0] = "全部";
	for (int i = 0; i < h->n_villages; i++) {
		labels[i + 1] = h->villages[i].name;
		if (h->villages[i].id == h->f.village_id)
			cur = i + 1;
	}
	int k = ui_pick(ui, "按村（社区）筛选", labels, h->n_villages + 1, cur);
	if (k < 0)
		return;
	h->f.village_id = k == 0 ? 0 : h->villages[k - 1].id;
	h->page = h->sel = 0;
	load_page(ui, h);
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
	h->page = h->sel = 0;
	load_page(ui, h);
}

static void sel_move(struct ui *ui, struct helper *h, int d)
{
	if (h->pane == PANE_ROSTER) {
		h->rsel += d;
		if (h->rsel < 0)
			h->rsel = 0;
		if (h->rsel >= h->n_roster)
			h->rsel = h->n_roster > 0 ? h->n_roster - 1 : 0;
		return;
	}
	if (d > 0 && h->sel + 1 >= h->n)
		next_page(ui, h);
	else if (d < 0 && h->sel == 0)
		prev_page(ui, h, true);
	else
		h->sel += d;
}

static int entrust_keys(struct ui *ui, struct helper *h, bool is_key, wint_t ch)
{
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (h->n > 0)
			ui_push(ui, screen_entrust_new(ui, h->rows[h->sel].id));
	} else if (!is_key && ch == 'n') {
		new_entrust(ui, h);
	} else if (!is_key && ch == 'v') {
		pick_village(ui, h);
	} else if (!is_key && ch == 't') {
		pick_state(ui, h);
	} else if ((is_key && ch == KEY_NPAGE) || (!is_key && ch == 'f')) {
		next_page(ui, h);
	} else if ((is_key && ch == KEY_PPAGE) || (!is_key && ch == 'b')) {
		prev_page(ui, h, false);
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static int helper_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct helper *h = sc->data;
	if (is_key && ch == KEY_RESIZE) {
		load_page(ui, h);
		return KEY_HANDLED;
	}
	if ((!is_key && ch == '\t') || (is_key && (ch == KEY_BTAB || ch == KEY_LEFT || ch == KEY_RIGHT))) {
		h->pane = h->pane == PANE_ROSTER ? PANE_ENTRUST : PANE_ROSTER;
		sc->hints = h->pane == PANE_ROSTER ? roster_hints : entrust_hints;
	} else if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		sel_move(ui, h, -1);
	} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		sel_move(ui, h, 1);
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
	reload(ui, sc->data);
}

static void helper_destroy(struct screen *sc)
{
	free(sc->data);
	free(sc);
}

static void load_villages(struct ui *ui, struct helper *h)
{
	struct err e;
	int64_t township;
	if (office_township_id(ui->s->store, &ui->s->cfg, &township, &e) != 0 ||
	    office_villages(ui->s->store, township, h->villages, MAX_VILLAGES, &h->n_villages, &e) != 0)
		snprintf(h->error, sizeof h->error, "%s", e.msg);
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
		   "  a 添加帮办代办员，d 停用光标所在的帮办代办员（记录保留）。\n"
		   "委托事项按受理日期从新到旧列出；超过办理时限的时限显示为红色。\n"
		   "  Enter 打开委托并按数字键办理各步骤，n 登记新委托，v 按村、t 按状态筛选，\n"
		   "  PgDn/PgUp（或 f/b）翻页。";
	sc->draw = helper_draw;
	sc->key = helper_key;
	sc->resume = helper_resume;
	sc->destroy = helper_destroy;
	load_villages(ui, h);
	reload(ui, h);
	return sc;
}
