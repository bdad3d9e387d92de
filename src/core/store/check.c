#include "core/store/check.h"

#include <stdio.h>
#include <string.h>

const char *const store_counted_tables[] = {
	"townships", "villages", "staff", "households", "persons", "applications",
	"investigations", "attachments", "publicity_batches", "objections",
	"entrustments", "referrals", "recertifications", "drafts", "audit_log", NULL,
};

int store_check(struct store *s, void (*problem)(void *ctx, const char *msg), void *ctx,
		int64_t *fk_violations, struct err *e)
{
	sqlite3_stmt *st;
	int rc;
	if (store_query(s, &st, e, "PRAGMA integrity_check", "") != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (msg != NULL && sqlite3_stricmp(msg, "ok") != 0)
			problem(ctx, msg);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_step_error(s, rc, e);
		return err_prefix(e, "完整性检查失败：");
	}
	return store_query_int(s, fk_violations, e, "SELECT count(*) FROM pragma_foreign_key_check", "");
}

int store_count_rows(struct store *s, const char *table, int64_t *n, struct err *e)
{
	char sql[96];
	for (int i = 0; store_counted_tables[i] != NULL; i++)
		if (strcmp(store_counted_tables[i], table) == 0) {
			snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
			return store_query_int(s, n, e, sql, "");
		}
	return err_set(e, "内部错误：不统计表 %s", table);
}
