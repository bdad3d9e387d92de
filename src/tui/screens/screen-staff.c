/* 人员管理: the staff who use the program — login, name, roles, village,
 * whether active and whether a password is set — for administrators.
 * n adds one (forms/staff.ini), r changes roles and village, p sets a
 * password, d disables. The core checks who may (staff.c, login.c) and
 * audits every change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/role.h"
#include "core/domain/staff.h"
#include "tui/ui.h"
#include "tui/widgets/formview.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

#define STAFF_MAX 512

struct staffscr {
	struct staff_row *rows;	/* STAFF_MAX */
	int n;
	struct list list;
	char error[512];
};

static const struct hint staff_hints[] = {
	{ "n", "新增" }, { "r", "改角色" }, { "p", "设密码" }, { "d", "停用" }, { "Esc", "返回" },
	{ NULL, NULL },
};

static const struct list_col staff_cols[] = {
	{ .head = "登录名", .width = 14 }, { .head = "姓名", .width = 10 },
	{ .head = "角色", .width = 26 }, { .head = "村（社区）", .width = 12 },
	{ .head = "状态", .width = 6 }, { .head = "密码", .width = 0 },
};

static void load(struct ui *ui, struct staffscr *c)
{
	struct err e;
	c->error[0] = '\0';
	if (staff_users(ui->s->store, c->rows, STAFF_MAX, &c->n, &e) != 0) {
		c->n = 0;
		snprintf(c->error, sizeof c->error, "%s", e.msg);
	}
	list_reload(&c->list);
}

static void staff_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			struct list_cell *cell)
{
	(void)ui, (void)selected;
	const struct staff_row *r = &((const struct staffscr *)ctx)->rows[*(const int *)row];
	cell[0].text = r->login;
	cell[1].text = r->name;
	role_codes_label(r->role, cell[2].buf, sizeof cell[2].buf);
	cell[3].text = r->village[0] ? r->village : "-";
	cell[4].text = r->active ? "在用" : "停用";
	cell[5].text = r->has_password ? "已设" : "未设";
}

static void staff_draw(struct ui *ui, struct screen *sc)
{
	struct staffscr *c = sc->data;
	list_draw(ui, sc, &c->list, 1, 0, LINES - 4, COLS);
	if (c->error[0])
		ui_text(LINES - 2, 0, COLS, c->error, ui_attr(ui, PAIR_ERROR), true);
	else
		ui_text(LINES - 2, 0, COLS, "密码只在 shared 模式（网络共享）登录时使用；local 模式以系统账号识别。",
			ui_attr(ui, PAIR_DIM), true);
}

static const struct staff_row *selected(struct staffscr *c)
{
	int i = list_selected_index(&c->list);
	return i >= 0 && i < c->n ? &c->rows[i] : NULL;
}

/* The form's values as a staff change: roles from their labels. */
static int staff_of(const struct form_def *fd, char **values, struct staff_in *in, char *codes,
		    size_t n, struct err *e)
{
	in->login = form_value(fd, values, "login");
	in->name = form_value(fd, values, "name");
	in->village = form_value(fd, values, "village");
	in->roles = codes;
	return role_codes_of_labels(form_value(fd, values, "role"), codes, n, e);
}

static int add_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct staff_in in;
	char codes[64];
	int64_t id;
	if (staff_of(ctx, values, &in, codes, sizeof codes, e) != 0 ||
	    staff_add(ui->s->store, &ui->s->cfg, &in, &id, e) != 0)
		return -1;
	ui_flash(ui, false, "已添加 %s（%s）；shared 模式下请按 p 为其设置密码", in.name, in.login);
	return 0;
}

static int role_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct staff_in in;
	char codes[64];
	if (staff_of(ctx, values, &in, codes, sizeof codes, e) != 0 ||
	    staff_set_roles(ui->s->store, &ui->s->cfg, &in, e) != 0)
		return -1;
	ui_flash(ui, false, "已修改 %s 的角色", in.login);
	return 0;
}

static void open_form(struct ui *ui, const struct staff_row *r)
{
	const struct form_def *fd = forms_find(&ui->forms, "staff");
	char label[96];
	const char *initial[4] = { NULL };
	if (r != NULL) {
		role_codes_label(r->role, label, sizeof label);
		initial[0] = r->login, initial[1] = r->name, initial[2] = label, initial[3] = r->village;
	}
	struct form_opts o = {
		.intro = r != NULL ? "修改角色和所在村（登录名和姓名不变）" : "添加使用本程序的工作人员",
		.draft_key = r != NULL ? NULL : "staff",
		.initial = fd != NULL && fd->n_fields == 4 ? initial : NULL,
		.submit = r != NULL ? role_submit : add_submit, .ctx = (void *)fd,
	};
	ui_push(ui, screen_form_new(ui, "staff", &o));
}

static void disable(struct ui *ui, struct staffscr *c, const struct staff_row *r)
{
	char q[256];
	struct err e;
	snprintf(q, sizeof q, "停用 %s（%s）？停用后此登录名没有任何角色（记录保留）", r->name, r->login);
	if (!ui_confirm(ui, q))
		return;
	if (staff_disable(ui->s->store, r->login, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	else
		ui_flash(ui, false, "已停用 %s", r->name);
	load(ui, c);
}

static int staff_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct staffscr *c = sc->data;
	if (list_key(ui, &c->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	const struct staff_row *r = selected(c);
	if (is_key || (ch != 'n' && ch != 'r' && ch != 'p' && ch != 'd'))
		return KEY_IGNORED;
	if (ch == 'n')
		open_form(ui, NULL);
	else if (r == NULL)
		ui_flash(ui, true, "请先选择一位工作人员");
	else if (ch == 'r')
		open_form(ui, r);
	else if (ch == 'p')
		ui_push(ui, screen_password_new(ui, r->login));
	else
		disable(ui, c, r);
	return KEY_HANDLED;
}

static void staff_resume(struct ui *ui, struct screen *sc)
{
	load(ui, sc->data);
}

static void staff_destroy(struct screen *sc)
{
	struct staffscr *c = sc->data;
	list_free(&c->list);
	free(c->rows);
	free(c);
	free(sc);
}

struct screen *screen_staff_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct staffscr *c = xcalloc(1, sizeof *c);
	c->rows = xcalloc(STAFF_MAX, sizeof *c->rows);
	snprintf(sc->title, sizeof sc->title, "人员管理");
	list_init_index(&c->list, &c->n);
	list_columns(&c->list, staff_cols, 6, staff_cells, c);
	c->list.empty = "（尚无工作人员）";
	sc->data = c;
	sc->hints = staff_hints;
	sc->help = "使用本程序的工作人员：登录名（系统账号）、姓名、角色、所在村（社区）。\n"
		   "n 新增，r 修改角色和所在村，p 设置密码（shared 模式登录用），d 停用。\n"
		   "村干部和帮办代办员只能看到和登记本村的家庭；县民政局只能查阅和导出；\n"
		   "只有分管领导能确认、不予确认或报县审批。每项修改都记入审计日志。";
	sc->draw = staff_draw;
	sc->key = staff_key;
	sc->resume = staff_resume;
	sc->destroy = staff_destroy;
	load(ui, c);
	return sc;
}
