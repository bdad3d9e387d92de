#include "core/query/records.h"

int records_of_case(struct store *s, int64_t app_id, struct case_record *out, int max, int *n,
		    struct err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;
	*n = 0;
	if (store_query(s, &st, e,
			"SELECT id, 0, visited_on, visitors, coalesce(findings, ''), coalesce(monthly_income, 0), "
			"coalesce(assets, ''), (SELECT count(*) FROM attachments t WHERE t.investigation_id = i.id) "
			"FROM investigations i WHERE application_id = ?1 "
			"UNION ALL SELECT id, 1, held_on, participants, outcome, 0, '', 0 "
			"FROM deliberations WHERE application_id = ?1 ORDER BY 3, 2, 1", "i", app_id) != 0)
		return -1;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_record *r = &out[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->deliberation = sqlite3_column_int(st, 1);
		store_col_text(st, 2, r->on, sizeof r->on);
		store_col_text(st, 3, r->who, sizeof r->who);
		store_col_text(st, 4, r->text, sizeof r->text);
		r->income = sqlite3_column_int64(st, 5);
		store_col_text(st, 6, r->assets, sizeof r->assets);
		r->attachments = sqlite3_column_int(st, 7);
	}
	return store_rows_end(s, st, rc, e);
}

int records_attachments(struct store *s, int64_t inv_id, struct case_attachment *out, int max,
			int *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;
	*n = 0;
	if (store_query(s, &st, e, "SELECT path, sha256, added_on FROM attachments "
			"WHERE investigation_id = ? ORDER BY id", "i", inv_id) != 0)
		return -1;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_attachment *a = &out[(*n)++];
		store_col_text(st, 0, a->path, sizeof a->path);
		store_col_text(st, 1, a->sha256, sizeof a->sha256);
		store_col_text(st, 2, a->added, sizeof a->added);
	}
	return store_rows_end(s, st, rc, e);
}
