/* Passwords on screen: the login of shared mode (a store on a network
 * share, PCs with no common accounts), the administrator's first password,
 * and an administrator setting someone's password. The password fields
 * show stars; the work is session_login, session_first_admin and
 * login_set_password in the core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/domain/login.h"
#include "tui/ui.h"
#include "tui/widgets/fieldbox.h"
#include "tui/xalloc.h"

enum login_mode { LOGIN_ENTER, LOGIN_FIRST, LOGIN_SET };

struct login {
	enum login_mode mode;
	char target[64];	/* LOGIN_SET: whose password */
	struct fieldbox fb[3];
	int n, cur;
	char msg[512];
};

static const struct hint login_hints[] = {
	{ "Tab/上下键", "换一项" }, { "Enter/F2", "确定" }, { "F10", "退出" }, { NULL, NULL },
};
static const struct hint set_hints[] = {
	{ "Tab/上下键", "换一项" }, { "Enter/F2", "确定" }, { "Esc", "返回" }, { NULL, NULL },
};

static void login_draw(struct ui *ui, struct screen *sc)
{
	struct login *l = sc->data;
	static const char *const intro[] = {
		[LOGIN_ENTER] = "数据库在网络共享上（shared 模式）：请用您的登录名和密码登录。",
		[LOGIN_FIRST] = "首次使用：请设置系统管理员的登录名和密码（至少 8 个字符，没有默认密码）。",
		[LOGIN_SET] = "为这位工作人员设置新密码（至少 8 个字符）。",
	};
	char line[160];
	int y = 3;
	ui_text(y++, 4, COLS - 8, sc->title, ui_attr(ui, PAIR_TITLE), false);
	ui_text(y++, 4, COLS - 8, intro[l->mode], A_NORMAL, false);
	if (l->mode == LOGIN_SET) {
		snprintf(line, sizeof line, "登录名：%s", l->target);
		ui_text(y, 4, COLS - 8, line, A_BOLD, false);
	}
	y += 2;
	for (int i = 0; i < l->n; i++, y += 2)
		fieldbox_draw(ui, sc, &l->fb[i], y, 20, i == l->cur, NULL);
	if (l->msg[0])
		ui_text(y + 1, 4, COLS - 8, l->msg, ui_attr(ui, PAIR_ERROR), false);
}

/* The values of the fields, copied (the caller frees). */
static void values(struct login *l, char *v[3])
{
	for (int i = 0; i < 3; i++)
		v[i] = i < l->n ? fieldbox_value(&l->fb[i]) : xstrdup("");
}

static int submit(struct ui *ui, struct login *l, char *v[3], struct err *e)
{
	struct session *s = ui->s;
	if (l->mode != LOGIN_ENTER && strcmp(v[l->n - 2], v[l->n - 1]) != 0)
		return err_set(e, "两次输入的新密码不一致");
	switch (l->mode) {
	case LOGIN_ENTER:
		return session_login(s, v[0], v[1], e);
	case LOGIN_FIRST:
		return session_first_admin(s, v[0], v[1], e);
	default:
		return login_set_password(s->store, l->target, NULL, v[0], login_now(), e);
	}
}

/* Done: the menu for whoever logged in, or back to the staff list. */
static void finish(struct ui *ui, struct screen *sc, struct login *l)
{
	if (l->mode == LOGIN_SET) {
		ui_flash(ui, false, "已设置 %s 的密码", l->target);
		ui_close(ui, sc);
		return;
	}
	ui_refresh_overdue(ui);
	ui_push(ui, screen_menu_new(ui));
	ui_close(ui, sc);
}

static void try_submit(struct ui *ui, struct screen *sc, struct login *l)
{
	char *v[3];
	struct err e;
	values(l, v);
	int rc = submit(ui, l, v, &e);
	for (int i = 0; i < 3; i++) {
		memset(v[i], 0, strlen(v[i]));
		free(v[i]);
	}
	if (rc == 0) {
		finish(ui, sc, l);
		return;
	}
	snprintf(l->msg, sizeof l->msg, "%s", e.msg);
	/* Passwords are typed again; the login stays. */
	for (int i = l->mode == LOGIN_SET ? 0 : 1; i < l->n; i++)
		lineedit_clear(&l->fb[i].ed);
	l->cur = l->mode == LOGIN_SET ? 0 : 1;
}

static int login_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct login *l = sc->data;
	bool enter = (!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER);
	if ((is_key && ch == KEY_F(2)) || (!is_key && ch == 4) || (enter && l->cur == l->n - 1)) {
		try_submit(ui, sc, l);
	} else if (enter || (!is_key && ch == '\t') || (is_key && ch == KEY_DOWN)) {
		l->cur = (l->cur + 1) % l->n;
	} else if ((is_key && (ch == KEY_UP || ch == KEY_BTAB))) {
		l->cur = (l->cur + l->n - 1) % l->n;
	} else if ((!is_key && ch == 27) && l->mode == LOGIN_SET) {
		ui_close(ui, sc);
	} else if (fieldbox_key(ui, &l->fb[l->cur], is_key, ch) == FIELDBOX_IGNORED) {
		return (!is_key && ch == 27) ? KEY_HANDLED : KEY_IGNORED;
	} else {
		l->msg[0] = '\0';
	}
	return KEY_HANDLED;
}

static void login_destroy(struct screen *sc)
{
	struct login *l = sc->data;
	for (int i = 0; i < l->n; i++)
		fieldbox_free(&l->fb[i]);
	free(l);
	free(sc);
}

static struct screen *login_screen(enum login_mode mode, const char *title, const char *login,
				   const char *const labels[3], int n)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct login *l = xcalloc(1, sizeof *l);
	struct err e;
	l->mode = mode;
	l->n = n;
	for (int i = 0; i < n; i++) {
		fieldbox_init(&l->fb[i], labels[i], true, 64);
		l->fb[i].secret = mode == LOGIN_SET || i > 0;
	}
	if (mode == LOGIN_SET)
		snprintf(l->target, sizeof l->target, "%s", login);
	else if (fieldbox_set(&l->fb[0], login, &e) == 0)
		l->cur = 1;
	snprintf(sc->title, sizeof sc->title, "%s", title);
	sc->data = l;
	sc->hints = mode == LOGIN_SET ? set_hints : login_hints;
	sc->help = "密码只显示为星号。连续输错后，下一次尝试须等待的时间会逐次加倍。\n"
		   "没有密码的工作人员请系统管理员在“人员管理”中或用 jiuzhu user passwd 设置。";
	sc->draw = login_draw;
	sc->key = login_key;
	sc->destroy = login_destroy;
	return sc;
}

struct screen *screen_login_new(struct ui *ui)
{
	static const char *const enter[3] = { "登录名", "密码" };
	static const char *const first[3] = { "管理员登录名", "新密码", "再输入一次" };
	if (ui->s->first_run)
		return login_screen(LOGIN_FIRST, "设置系统管理员密码", ui->s->login, first, 3);
	return login_screen(LOGIN_ENTER, "登录", ui->s->login, enter, 2);
}

struct screen *screen_password_new(struct ui *ui, const char *login)
{
	static const char *const labels[3] = { "新密码", "再输入一次" };
	(void)ui;
	return login_screen(LOGIN_SET, "设置密码", login, labels, 2);
}
