/* The message of a save refused by the version check: who changed the
 * record last and when, read from its last audit row, so the second clerk
 * knows whom to ask and what to look at before applying their own work. */
#include "core/store/store.h"

#include <stdio.h>

int store_conflict(struct store *s, const char *table, int64_t id, const char *noun,
		   struct err *e)
{
	sqlite3_stmt *st;
	char who[64] = "", name[64] = "", at[32] = "";
	if (store_query(s, &st, e,
			"SELECT a.who, coalesce((SELECT name FROM staff WHERE login = a.who), ''), a.at "
			"FROM audit_log a WHERE a.tbl = ? AND a.row_id = ? ORDER BY a.id DESC LIMIT 1",
			"si", table, id) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_col_text(st, 0, who, sizeof who);
		store_col_text(st, 1, name, sizeof name);
		store_col_text(st, 2, at, sizeof at);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return err_set(e, "该%s已被其他用户修改，请重新打开后再操作", noun);
	if (name[0] != '\0')
		return err_set(e, "该%s已被 %s（%s）于 %s 修改，请查看最新内容后再操作", noun, name,
			       who, at);
	return err_set(e, "该%s已被 %s 于 %s 修改，请查看最新内容后再操作", noun, who, at);
}
