/* One household: its members and applications; add a member, register an
 * application. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/agent.h"
#include "core/domain/case.h"
#include "core/query/hhview.h"
#include "core/domain/household.h"
#include "tui/widgets/formview.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

struct hhscr {
	int64_t id;
	struct hh_view v;
	struct list members, apps;	/* the apps have the keys */
	char error[1024];
};

static const struct hint hh_hints[] = {
	{ "a", "添加成员" }, { "n", "新申请" }, { "Enter", "打开申请" }, { "Esc", "返回" },
	{ NULL, NULL },
};

static void load(struct ui *ui, struct hhscr *h)
{
	struct err e;
	if (hh_view_load(ui->s->store, h->id, &h->v, &e) != 0)
		snprintf(h->error, sizeof h->error, "%s", e.msg);
	list_reload(&h->members);
	list_reload(&h->apps);
}

static const struct list_col member_cols[] = {
	{ .head = "姓名", .width = 11 }, { .head = "身份证号码", .width = 19 },
	{ .head = "性别", .width = 5 }, { .head = "出生日期", .width = 11 },
	{ .head = "与户主关系", .width = 11 }, { .head = "电话", .width = 0 },
};

static const struct list_col app_cols[] = { { .head = NULL, .width = 0 } };

static void member_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			 struct list_cell *c)
{
	(void)ui, (void)selected;
	const struct hh_member *m = &((struct hhscr *)ctx)->v.members[*(const int *)row];
	c[0].text = m->name;
	c[1].text = m->id_masked;
	c[2].text = m->sex;
	c[3].text = m->birth;
	c[4].text = m->relation;
	c[5].text = m->phone;
}

static void app_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		      struct list_cell *c)
{
	(void)selected;
	const struct hh_app *a = &((struct hhscr *)ctx)->v.apps[*(const int *)row];
	const struct kind *k = catalogue_kind(&ui->s->cat, a->kind);
	snprintf(c[0].buf, sizeof c[0].buf, "申请 %lld  %s  %s  接收 %s", (long long)a->id,
		 k != NULL ? k->name : a->kind, case_state_label(a->state), a->received);
}

static void hh_draw(struct ui *ui, struct screen *sc)
{
	struct hhscr *h = sc->data;
	char line[512];
	snprintf(line, sizeof line, "户号 %lld  %s  %s  电话 %s  登记于 %s", (long long)h->v.id,
		 h->v.village, h->v.address, h->v.phone, h->v.created);
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	int y = 3, rows = h->v.n_members < LINES - 14 ? h->v.n_members : LINES - 14;
	ui_text(y++, 0, COLS, "家庭成员", A_BOLD, true);
	list_draw(ui, sc, &h->members, y, 0, 1 + (rows > 0 ? rows : 1), COLS);
	if (h->v.n_members == 0)
		ui_text(y + 1, 2, COLS - 2, "还没有成员。按 a 登记，第一位是户主。", ui_attr(ui, PAIR_WARN), true);
	y += 2 + (rows > 0 ? rows : 1);
	ui_text(y++, 0, COLS, "救助申请", A_BOLD, true);
	list_draw(ui, sc, &h->apps, y, 0, LINES - 2 - y, COLS);
	if (h->error[0])
		ui_text(LINES - 2, 0, COLS, h->error, ui_attr(ui, PAIR_ERROR), true);
}

struct member_ctx {
	int64_t household;
};

static int member_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct member_ctx *c = ctx;
	int64_t id;
	/* person.ini: name, id_number, relation, phone */
	if (person_register(ui->s->store, ui->s->v, c->household, values[0], values[1], values[2],
			    values[3], ui->today, &id, e) != 0)
		return -1;
	ui_flash(ui, false, "已登记成员 %s。按 a 继续添加，或按 n 登记救助申请", values[0]);
	return 0;
}

struct app_ctx {
	int64_t household, applicant, village;
};

static int app_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct app_ctx *c = ctx;
	/* application.ini: kind, channel, agent, received, delegated, urgent, close_relative */
	const struct kind *k = catalogue_kind_by_name(&ui->s->cat, values[0]);
	if (k == NULL)
		return err_set(e, "救助种类 “%s” 不在目录中", values[0]);
	const char *channel = strcmp(values[1], "网上") == 0 ? "online"
			    : strcmp(values[1], "帮办代办") == 0 ? "agent" : "window";
	struct case_new in = {
		.household_id = c->household, .applicant_id = c->applicant, .kind = k->code,
		.channel = channel,
		.delegated = strcmp(values[4], "报县审批") != 0, .urgent = strcmp(values[5], "是") == 0,
		.close_relative_note = values[6][0] ? values[6] : NULL,
	};
	/* The household's village's agent, else the only one of that name. */
	if (strcmp(channel, "agent") == 0 &&
	    agent_find(ui->s->store, c->village, values[2], &in.agent_id, e) != 0)
		return -1;
	if (date_parse(values[3], &in.received_on) != 0)
		return err_set(e, "收到日期无效");
	if (in.received_on > ui->today)
		return err_set(e, "收到日期不能晚于今天");
	int64_t id;
	if (case_create(ui->s->store, &ui->s->cfg, &ui->s->cat, &in, &id, e) != 0)
		return -1;
	ui_flash(ui, false, "已登记申请 %lld。请核对材料清单，登记授权书签署，然后受理或一次性告知", (long long)id);
	ui_push(ui, screen_case_new(ui, id));
	return 0;
}

static int hh_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct hhscr *h = sc->data;
	if (!is_key && ch == 'a') {
		struct member_ctx *c = xcalloc(1, sizeof *c);
		c->household = h->id;
		const char *initial[4] = { NULL, NULL, h->v.n_members == 0 ? "户主" : NULL, NULL };
		char intro[160];
		snprintf(intro, sizeof intro, "户号 %lld（%s）的家庭成员", (long long)h->id, h->v.village);
		struct form_opts o = { .intro = intro, .draft_key = "person", .draft_target = h->id,
				       .initial = initial, .submit = member_submit, .ctx = c, .ctx_free = free };
		ui_push(ui, screen_form_new(ui, "person", &o));
	} else if (!is_key && ch == 'n') {
		if (h->v.n_members == 0) {
			ui_flash(ui, true, "请先登记家庭成员（按 a），第一位是户主");
			return KEY_HANDLED;
		}
		struct app_ctx *c = xcalloc(1, sizeof *c);
		c->household = h->id;
		c->applicant = h->v.members[0].id;
		c->village = h->v.village_id;
		char intro[160];
		snprintf(intro, sizeof intro, "申请人：%s（户号 %lld，%s）", h->v.members[0].name,
			 (long long)h->id, h->v.village);
		struct form_opts o = { .intro = intro, .draft_key = "application", .draft_target = h->id,
				       .submit = app_submit, .ctx = c, .ctx_free = free };
		ui_push(ui, screen_form_new(ui, "application", &o));
	} else if (list_key(ui, &h->apps, is_key, ch) == KEY_HANDLED) {
		;
	} else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (list_selected_index(&h->apps) >= 0)
			ui_push(ui, screen_case_new(ui, h->v.apps[list_selected_index(&h->apps)].id));
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void hh_resume(struct ui *ui, struct screen *sc)
{
	load(ui, sc->data);
}

static void hh_destroy(struct screen *sc)
{
	struct hhscr *h = sc->data;
	list_free(&h->members);
	list_free(&h->apps);
	free(h);
	free(sc);
}

struct screen *screen_household_new(struct ui *ui, int64_t id)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct hhscr *h = xcalloc(1, sizeof *h);
	h->id = id;
	snprintf(sc->title, sizeof sc->title, "家庭");
	sc->data = h;
	sc->hints = hh_hints;
	sc->help = "a 添加家庭成员：出生日期和性别由身份证号码得出；身份证号码已登记在别的家庭时会拒绝并显示那条记录。\n"
		   "n 为这一户登记救助申请（申请人为户主）。上下键 选择申请，Enter 打开办理。";
	sc->draw = hh_draw;
	sc->key = hh_key;
	sc->resume = hh_resume;
	sc->destroy = hh_destroy;
	list_init_index(&h->members, &h->v.n_members);
	list_columns(&h->members, member_cols, 6, member_cells, h);
	h->members.m.cursor = false;
	list_init_index(&h->apps, &h->v.n_apps);
	list_columns(&h->apps, app_cols, 1, app_cells, h);
	h->apps.header = false;
	h->apps.empty = "还没有申请。成员登记完后按 n 登记救助申请。";
	load(ui, h);
	return sc;
}
