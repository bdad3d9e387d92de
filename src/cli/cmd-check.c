#include <stdio.h>

#include <string.h>

#include "cli/cli.h"
#include "core/store/search.h"
#include "core/store/check.h"
#include "core/store/backup.h"
#include "core/store/verify.h"

static void print_audit_problem(void *ctx, const char *msg)
{
	int *problems = ctx;
	cli_say(stdout, "审计问题：%s", msg);
	(*problems)++;
}

static void print_problem(void *ctx, const char *msg)
{
	int *problems = ctx;
	cli_say(stdout, "完整性问题：%s", msg);
	(*problems)++;
}

/* The audit log: its chain, the rows against it, and triggers someone
 * dropped (put back when the store was opened). */
static int check_audit(struct cli *c)
{
	struct store *st = c->s.store;
	struct audit_head head;
	struct err e;
	int problems = 0;
	if (store_guards_restored(st) > 0) {
		printf("审计问题：有 %d 个保护触发器在程序之外被删除过（已恢复）\n",
		       store_guards_restored(st));
		problems++;
	}
	if (verify_chain(st, print_audit_problem, &problems, &head, &e) != 0 ||
	    verify_rows(st, print_audit_problem, &problems, &e) != 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	/* The newest good backup's head: the log up to it must be unchanged,
	 * or history was rewritten (chain and all) since. */
	char dir[PATH_MAX], good[PATH_MAX], what[PATH_MAX + 16];
	struct audit_head older;
	session_backup_dir(&c->s, dir, sizeof dir);
	if (backup_newest_good(dir, store_path(st), good, sizeof good) &&
	    backup_check(good, &older, &e) == 0) {
		snprintf(what, sizeof what, "备份 %s", good);
		if (verify_against(st, &older, what, print_audit_problem, &problems, &e) != 0) {
			cli_error("%s", e.msg);
			return -1;
		}
		cli_say(stdout, "与备份核对：%s（第 %lld 条）", good, (long long)older.id);
	}
	cli_say(stdout, "审计日志：%s（%lld 条，链头 %s）", problems == 0 ? "完整" : "有问题",
		(long long)head.id, head.hex);
	return problems == 0 ? 0 : -1;
}

/* check: integrity, foreign keys, schema version and counts. */
int cmd_check(struct cli *c, int argc, char **argv)
{
	bool reindex = argc == 2 && strcmp(argv[1], "--reindex") == 0;
	if (argc > 1 && !reindex) {
		cli_error("check：用法：jiuzhu check [--reindex]");
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;
	struct err e;
	if (reindex) {
		/* The search keys are derived from persons: rebuild them whole. */
		if (store_begin(c->s.store, &e) != 0 || search_reindex(c->s.store, &e) != 0 ||
		    store_commit(c->s.store, &e) != 0) {
			store_rollback(c->s.store);
			cli_error("重建查询索引失败：%s", e.msg);
			return EXIT_FAIL;
		}
		printf("已重建查询索引（姓名、拼音首字母、身份证号码）。\n");
	}
	int rc = EXIT_OK, version;

	if (store_version(c->s.store, &version, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	printf("数据库：%s\n", store_path(c->s.store));
	printf("结构版本：%d（本程序：%d）\n", version, store_latest_version());
	printf("模式：%s\n", store_journal(c->s.store) == STORE_LOCAL ? "local（WAL）" : "shared（回滚日志）");

	int problems = 0;
	int64_t fk;
	if (store_check(c->s.store, print_problem, &problems, &fk, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	if (fk > 0) {
		printf("外键问题：%lld 条记录引用了不存在的记录\n", (long long)fk);
		problems++;
	}
	printf("完整性：%s\n", problems == 0 ? "正常" : "有问题");
	if (problems) {
		char dir[PATH_MAX], good[PATH_MAX];
		session_backup_dir(&c->s, dir, sizeof dir);
		if (backup_newest_good(dir, store_path(c->s.store), good, sizeof good))
			cli_say(stdout, "最近的完好备份：%s（恢复：jiuzhu restore %s）", good, good);
		rc = EXIT_FAIL;
	}
	if (check_audit(c) != 0)
		rc = EXIT_FAIL;

	printf("记录数：\n");
	for (int i = 0; store_counted_tables[i] != NULL; i++) {
		int64_t n;
		if (store_count_rows(c->s.store, store_counted_tables[i], &n, &e) != 0) {
			cli_error("%s", e.msg);
			return EXIT_FAIL;
		}
		printf("  %-18s %lld\n", store_counted_tables[i], (long long)n);
	}
	return rc;
}
