/* user list|add|role|passwd|disable: the staff who use the program, for
 * administrators (the core refuses anyone else). Every change is written
 * through the store's one write path, so every change is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/base/utf8.h"
#include "core/domain/login.h"
#include "core/domain/role.h"
#include "core/domain/staff.h"

#define USER_USAGE "用法：jiuzhu user list | add LOGIN --name 姓名 --role 角色[,角色] [--village 村] | " \
	"role LOGIN 角色[,角色] [--village 村] | passwd [LOGIN] [--new-password-fd N] | disable LOGIN"

static int usage(const char *why)
{
	cli_error("user：%s。" USER_USAGE, why);
	return EXIT_USAGE;
}

/* A cell padded to `cols` display columns. */
static void cell(const char *text, int cols)
{
	int w = utf8_width(text);
	printf("%s%*s", text, w < cols ? cols - w : 0, "");
}

static int list(struct cli *c)
{
	struct staff_row rows[512];
	int n;
	struct err e;
	if (staff_users(c->s.store, rows, 512, &n, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	cell("登录名", 16), cell("姓名", 12), cell("角色", 30), cell("村（社区）", 14);
	printf("状态  密码\n");
	for (int i = 0; i < n; i++) {
		char label[96];
		role_codes_label(rows[i].role, label, sizeof label);
		cell(rows[i].login, 16), cell(rows[i].name, 12), cell(label, 30);
		cell(rows[i].village[0] ? rows[i].village : "-", 14);
		printf("%s  %s\n", rows[i].active ? "在用" : "停用", rows[i].has_password ? "已设" : "未设");
	}
	return EXIT_OK;
}

/* The options after LOGIN [ROLES]: --name, --role, --village. */
static int options(int argc, char **argv, int from, struct staff_in *in, const char **new_fd)
{
	for (int i = from; i < argc; i++) {
		const char **slot = strcmp(argv[i], "--name") == 0 ? &in->name
				  : strcmp(argv[i], "--role") == 0 ? &in->roles
				  : strcmp(argv[i], "--village") == 0 ? &in->village
				  : strcmp(argv[i], "--new-password-fd") == 0 ? new_fd : NULL;
		if (slot == NULL || i + 1 == argc)
			return usage(slot == NULL ? "无法识别的参数" : "选项缺少值");
		*slot = argv[++i];
	}
	return EXIT_OK;
}

static int done(int rc, const struct err *e, const char *fmt, const char *a, const char *b)
{
	if (rc != 0) {
		cli_error("%s", e->msg);
		return EXIT_FAIL;
	}
	printf(fmt, a, b);
	return EXIT_OK;
}

static int new_password(struct cli *c, const char *fd_text, char *out, size_t n, struct err *e)
{
	char again[257];
	int fd = fd_text != NULL ? cli_fd_arg(fd_text) : 0;
	if (fd_text != NULL && fd == 0)
		return err_set(e, "--new-password-fd 的值 “%s” 应为打开的文件描述符编号", fd_text);
	(void)c;
	if (cli_read_password(fd, "新密码：", out, n, e) != 0)
		return -1;
	if (fd == 0 && (cli_read_password(0, "再输入一次：", again, sizeof again, e) != 0 ||
			strcmp(again, out) != 0))
		return err_set(e, "两次输入的密码不一致");
	return 0;
}

static int passwd(struct cli *c, const char *login, const char *fd_text)
{
	char pw[257], old[257] = "";
	struct err e;
	bool own = strcmp(login, c->s.login) == 0;
	/* Your own: the password you logged in with, or asked for now. */
	if (own && !(c->s.roles & ROLE_ADMIN)) {
		if (c->password[0] != '\0')
			snprintf(old, sizeof old, "%s", c->password);
		else if (cli_read_password(c->password_fd, "原密码：", old, sizeof old, &e) != 0)
			return done(-1, &e, "", "", "");
	}
	int rc = new_password(c, fd_text, pw, sizeof pw, &e) != 0 ? -1
		: login_set_password(c->s.store, login, old, pw, login_now(), &e);
	memset(pw, 0, sizeof pw);
	memset(old, 0, sizeof old);
	return done(rc, &e, "已设置 %s 的密码。%s\n", login, "");
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	struct staff_in in = { 0 };
	const char *new_fd = NULL, *what = argc > 1 ? argv[1] : "";
	struct err e;
	int64_t id;
	bool is_list = strcmp(what, "list") == 0, is_passwd = strcmp(what, "passwd") == 0;
	if (!is_list && !is_passwd && strcmp(what, "add") != 0 && strcmp(what, "role") != 0 &&
	    strcmp(what, "disable") != 0)
		return usage("缺少或无法识别的子命令");
	if ((is_list && argc != 2) || (!is_list && !is_passwd && argc < 3))
		return usage(is_list ? "list 不带参数" : "缺少登录名");
	in.login = argc > 2 && argv[2][0] != '-' ? argv[2] : NULL;
	int first = in.login != NULL ? 3 : 2;
	if (strcmp(what, "role") == 0 && (argc < 4 || (in.roles = argv[3])[0] == '-'))
		return usage("role 需要登录名和角色");
	if (strcmp(what, "role") == 0)
		first = 4;
	if (options(argc, argv, first, &in, &new_fd) != EXIT_OK)
		return EXIT_USAGE;
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;
	if (is_list)
		return list(c);
	if (is_passwd)
		return passwd(c, in.login != NULL ? in.login : c->s.login, new_fd);
	if (strcmp(what, "add") == 0)
		return done(staff_add(c->s.store, &c->s.cfg, &in, &id, &e), &e,
			    "已添加工作人员 %s（%s）。\n", in.login, in.roles);
	if (strcmp(what, "role") == 0)
		return done(staff_set_roles(c->s.store, &c->s.cfg, &in, &e), &e,
			    "已把 %s 的角色改为 %s。\n", in.login, in.roles);
	return done(staff_disable(c->s.store, in.login, &e), &e, "已停用 %s。%s\n", in.login, "");
}
