#include <stdio.h>

#include <string.h>

#include "cli/cli.h"
#include "core/query/search.h"

static const char *const counted[] = {
	"townships", "villages", "staff", "households", "persons", "applications",
	"investigations", "attachments", "publicity_batches", "objections",
	"entrustments", "referrals", "recertifications", "drafts", "audit_log",
};

/* check: integrity, foreign keys, schema version and counts. */
int cmd_check(struct cli *c, int argc, char **argv)
{
	bool reindex = argc == 2 && strcmp(argv[1], "--reindex") == 0;
	if (argc > 1 && !reindex) {
		cli_error("check：用法：jiuzhu check [--reindex]");
		return EXIT_USAGE;
	}
	if (cli_open(c, NEED_STORE) != 0)
		return EXIT_FAIL;
	struct err e;
	if (reindex) {
		/* The search keys are derived from persons: rebuild them whole. */
		if (store_begin(c->store, &e) != 0 || search_reindex(c->store, &e) != 0 ||
		    store_commit(c->store, &e) != 0) {
			store_rollback(c->store);
			cli_error("重建查询索引失败：%s", e.msg);
			return EXIT_FAIL;
		}
		printf("已重建查询索引（姓名、拼音首字母、身份证号码）。\n");
	}
	sqlite3_stmt *st;
	int rc = EXIT_OK, version;

	if (store_version(c->store, &version, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	printf("数据库：%s\n", store_path(c->store));
	printf("结构版本：%d（本程序：%d）\n", version, store_latest_version());
	printf("模式：%s\n", c->cfg.mode == STORE_LOCAL ? "local（WAL）" : "shared（回滚日志）");

	if (store_query(c->store, &st, &e, "PRAGMA integrity_check", "") != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	int step, problems = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (msg != NULL && sqlite3_stricmp(msg, "ok") != 0) {
			printf("完整性问题：%s\n", msg);
			problems++;
		}
	}
	if (step != SQLITE_DONE) {
		store_step_error(c->store, step, &e);
		cli_error("完整性检查失败：%s", e.msg);
		return EXIT_FAIL;
	}
	int64_t fk;
	if (store_query_int(c->store, &fk, &e, "SELECT count(*) FROM pragma_foreign_key_check", "") != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	if (fk > 0) {
		printf("外键问题：%lld 条记录引用了不存在的记录\n", (long long)fk);
		problems++;
	}
	printf("完整性：%s\n", problems == 0 ? "正常" : "有问题");
	if (problems)
		rc = EXIT_FAIL;

	printf("记录数：\n");
	for (size_t i = 0; i < sizeof counted / sizeof counted[0]; i++) {
		char sql[96];
		int64_t n;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", counted[i]);
		if (store_query_int(c->store, &n, &e, sql, "") != 0) {
			cli_error("%s", e.msg);
			return EXIT_FAIL;
		}
		printf("  %-18s %lld\n", counted[i], (long long)n);
	}
	return rc;
}
