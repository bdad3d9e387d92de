#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/base/text.h"

const struct command commands[] = {
	{ "init", "[--demo [--households N]]", "创建或升级数据库；--demo 同时生成演示数据", cmd_init },
	{ "import", "households FILE [--skip-bad]", "从 CSV（UTF-8 或 GB18030）导入家庭和成员", cmd_import },
	{ "calendar", "--from YYYY-MM-DD (--add N | --to YYYY-MM-DD)", "计算工作日：N 个工作日后的日期，或两日期间的工作日数", cmd_calendar },
	{ "check", "[--reindex]", "检查数据库完整性，显示结构版本和记录数；--reindex 重建查询索引", cmd_check },
	{ "export", "报表 [--village 村] [--township 乡镇] [--from D] [--to D] [--quarter YYYYQn] -o FILE", "把报表导出为 Excel 文件（.xlsx）；publicity --village 村 [--batch N]、announcement --village 村：公示、公布名单", cmd_export },
	{ "report", "list", "列出报表（名称、标题、参数）", cmd_report },
	{ "alerts", "[--today YYYY-MM-DD] [--village 村] [--format text|tsv]", "列出已逾期和即将到期的各项时限（无到期事项时不输出）", cmd_alerts },
	{ "notice", "(missing | refusal) ID -o FILE", "重出申请 ID 的一次性告知书或不予确认通知书（.xlsx）", cmd_notice },
	{ "backup", "FILE", "在别人使用时备份数据库到 FILE，并检查备份完整", cmd_backup },
	{ "restore", "FILE", "检查备份 FILE 后用它恢复数据库（先保存当前数据库）", cmd_restore },
	{ "user", "list | add LOGIN --name 姓名 --role 角色[,角色] [--village 村] | role LOGIN 角色 [--village 村] | passwd [LOGIN] | disable LOGIN",
	  "管理工作人员：登录名、姓名、角色、所在村（社区）、密码（系统管理员）", cmd_user },
	{ NULL, NULL, NULL, NULL },
};

const struct command *command_find(const char *name)
{
	for (const struct command *cmd = commands; cmd->name != NULL; cmd++)
		if (strcmp(cmd->name, name) == 0)
			return cmd;
	return NULL;
}

void cli_usage(FILE *out)
{
	fprintf(out,
		"用法：jiuzhu [-c 配置文件] [--db 数据库] [命令 参数…]\n"
		"\n"
		"不带命令时打开操作界面。命令：\n");
	for (const struct command *cmd = commands; cmd->name != NULL; cmd++)
		fprintf(out, "  %-9s %s\n            %s\n", cmd->name, cmd->usage, cmd->summary);
	fprintf(out,
		"\n"
		"选项：\n"
		"  -c, --config FILE  配置文件（默认：$JIUZHU_CONFIG，./tuiconfig.ini，\n"
		"                     ~/.config/jiuzhu/tuiconfig.ini，%s/tuiconfig.ini）\n"
		"  --db FILE          使用此数据库文件，而不是配置中的 [store] path\n"
		"  --user LOGIN       shared 模式的登录名（默认：当前系统账号）\n"
		"  --password-fd N    从文件描述符 N 读一行作为密码（供脚本使用；\n"
		"                     不给时在终端上询问）\n"
		"  -h, --help         显示本帮助\n"
		"  -V, --version      显示版本\n"
		"\n"
		"退出码：0 成功，1 失败，2 用法错误。\n", JIUZHU_DATADIR);
}

/* One line, formatted, then made safe (text_safe): what a command prints
 * often holds a file's or the store's text. */
static void say(FILE *out, const char *prefix, const char *fmt, va_list ap)
{
	char raw[4096], safe[4096];
	vsnprintf(raw, sizeof raw, fmt, ap);
	text_safe(raw, safe, sizeof safe);
	fprintf(out, "%s%s\n", prefix, safe);
}

void cli_say(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(out, "", fmt, ap);
	va_end(ap);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(stderr, "jiuzhu: ", fmt, ap);
	va_end(ap);
}

/* Shared mode: the login given (else the account's name) and its
 * password; on the first run, the administrator's new password, twice
 * when typed. */
static int log_in(struct cli *c, struct err *e)
{
	struct session *s = &c->s;
	const char *login = c->login != NULL ? c->login : s->login;
	char again[sizeof c->password];
	if (!s->first_run)
		return cli_read_password(c->password_fd, "密码：", c->password, sizeof c->password, e) != 0
			? -1 : session_login(s, login, c->password, e);
	fprintf(stderr, "首次使用：请为系统管理员“%s”设置密码（至少 8 个字符）。\n", login);
	if (cli_read_password(c->password_fd, "新密码：", c->password, sizeof c->password, e) != 0)
		return -1;
	if (c->password_fd == 0 &&
	    (cli_read_password(0, "再输入一次：", again, sizeof again, e) != 0 ||
	     strcmp(again, c->password) != 0))
		return err_set(e, "两次输入的密码不一致");
	return session_first_admin(s, login, c->password, e);
}

int cli_open(struct cli *c, enum session_need need)
{
	struct err e;
	if (session_open(&c->s, c->config_path, c->db_path, need, &e) != 0 ||
	    (c->s.need_login && log_in(c, &e) != 0)) {
		cli_error("%s", e.msg);
		return -1;
	}
	if (c->s.warning[0] != '\0') {
		cli_error("%s", c->s.warning);
		c->s.warning[0] = '\0';
	}
	return 0;
}

void cli_close(struct cli *c)
{
	memset(c->password, 0, sizeof c->password);
	session_close(&c->s);
}
