#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/domain/office.h"

const struct command commands[] = {
	{ "init", "[--demo [--households N]]", "创建或升级数据库；--demo 同时生成演示数据", cmd_init },
	{ "import", "households FILE [--skip-bad]", "从 CSV（UTF-8 或 GB18030）导入家庭和成员", cmd_import },
	{ "calendar", "--from YYYY-MM-DD (--add N | --to YYYY-MM-DD)", "计算工作日：N 个工作日后的日期，或两日期间的工作日数", cmd_calendar },
	{ "check", "[--reindex]", "检查数据库完整性，显示结构版本和记录数；--reindex 重建查询索引", cmd_check },
	{ "export", "报表 [--village 村] [--township 乡镇] [--from D] [--to D] [--quarter YYYYQn] -o FILE", "把报表导出为 Excel 文件（.xlsx）", cmd_export },
	{ "report", "list", "列出报表（名称、标题、参数）", cmd_report },
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
		"  -h, --help         显示本帮助\n"
		"  -V, --version      显示版本\n"
		"\n"
		"退出码：0 成功，1 失败，2 用法错误。\n", JIUZHU_DATADIR);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("jiuzhu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* -c wins, then $JIUZHU_CONFIG, then the usual places. */
static const char *find_config(const char *given)
{
	static char buf[PATH_MAX];
	if (given != NULL)
		return given;
	const char *env = getenv("JIUZHU_CONFIG");
	if (env != NULL && *env)
		return env;
	if (is_file("tuiconfig.ini"))
		return "tuiconfig.ini";
	const char *home = getenv("HOME");
	if (home != NULL) {
		snprintf(buf, sizeof buf, "%s/.config/jiuzhu/tuiconfig.ini", home);
		if (is_file(buf))
			return buf;
	}
	return JIUZHU_DATADIR "/tuiconfig.ini";
}

/* A config copied away from the installed forms/ still finds them. */
static void fall_back_to_datadir(char *dir, const char *name)
{
	if (!is_dir(dir))
		snprintf(dir, PATH_MAX, "%s/%s", JIUZHU_DATADIR, name);
}

static int open_config(struct cli *c)
{
	struct err e;
	c->config_path = find_config(c->config_path);
	if (config_load(c->config_path, &c->cfg, &e) != 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	c->have_cfg = true;
	fall_back_to_datadir(c->cfg.forms_dir, "forms");
	fall_back_to_datadir(c->cfg.reports_dir, "reports");
	if (catalogue_load(c->cfg.forms_dir, &c->cat, &e) != 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	c->have_cat = true;
	char regions[PATH_MAX + 32];
	snprintf(regions, sizeof regions, "%s/catalogue/regions.txt", c->cfg.forms_dir);
	c->v = validator_new(regions, &e);
	if (c->v == NULL) {
		cli_error("%s", e.msg);
		return -1;
	}
	return 0;
}

static int open_store(struct cli *c, bool create)
{
	struct err e;
	const char *path = c->db_path != NULL ? c->db_path : c->cfg.store_path;
	if (!create && !is_file(path)) {
		cli_error("数据库 %s 不存在。请先运行：jiuzhu init（或 jiuzhu init --demo 生成演示数据）", path);
		return -1;
	}
	if (store_open(path, c->cfg.mode, c->cfg.busy_timeout_ms, &c->store, &e) != 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	const char *who = getenv("JIUZHU_USER");
	if (who == NULL)
		who = getenv("USER");
	store_set_user(c->store, who);
	int version;
	if (store_version(c->store, &version, &e) != 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	if (create || version < store_latest_version()) {
		/* Older files are brought up to date on open; each step is
		 * its own transaction, so a failure leaves a consistent file. */
		if (store_migrate(c->store, &e) != 0 || office_sync(c->store, &c->cfg, &e) != 0) {
			cli_error("%s", e.msg);
			return -1;
		}
	} else if (version > store_latest_version()) {
		cli_error("数据库 %s 的结构版本 %d 比本程序新（%d），请升级 jiuzhu", path,
			  version, store_latest_version());
		return -1;
	} else if (store_migrate(c->store, &e) != 0) {
		/* Up to date: this only restores an index a cut-short bulk
		 * load may have dropped. */
		cli_error("%s", e.msg);
		return -1;
	}
	return 0;
}

int cli_open(struct cli *c, int need)
{
	if (!c->have_cfg && open_config(c) != 0)
		return -1;
	if ((need & (NEED_STORE | NEED_STORE_CREATE)) && c->store == NULL)
		return open_store(c, need & NEED_STORE_CREATE);
	return 0;
}

void cli_close(struct cli *c)
{
	store_close(c->store);
	c->store = NULL;
	validator_free(c->v);
	c->v = NULL;
	if (c->have_cat)
		catalogue_free(&c->cat);
	if (c->have_cfg)
		config_free(&c->cfg);
	c->have_cat = c->have_cfg = false;
}
