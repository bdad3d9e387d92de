#include "core/domain/staff.h"

int staff_lookup(struct store *s, const char *who, char name[64], char role[16],
		 bool *found, struct err *e)
{
	sqlite3_stmt *st;
	*found = false;
	if (store_query(s, &st, e, "SELECT name, role FROM staff WHERE login = ?1 OR name = ?1 "
			"ORDER BY id LIMIT 1", "s", who) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_col_text(st, 0, name, 64);
		store_col_text(st, 1, role, 16);
		*found = true;
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}
