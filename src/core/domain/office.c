#include "core/domain/office.h"

int office_township_id(struct store *s, const struct config *c, int64_t *id,
		       struct err *e)
{
	if (store_query_int(s, id, e, "SELECT id FROM townships WHERE county = ? AND name = ?",
			    "ss", c->county, c->township) != 0)
		return -1;
	if (*id == 0)
		return err_set(e, "数据库中没有乡镇 %s（%s），请先运行 jiuzhu init",
			       c->township, c->county);
	return 0;
}

int office_village_id(struct store *s, const struct config *c,
		      const char *village, int64_t *id, struct err *e)
{
	int64_t township;
	if (office_township_id(s, c, &township, e) != 0)
		return -1;
	if (store_query_int(s, id, e, "SELECT id FROM villages WHERE township_id = ? AND name = ?",
			    "is", township, village) != 0)
		return -1;
	if (*id == 0)
		return err_set(e, "村（社区）“%s”不是%s的村（社区）", village, c->township);
	return 0;
}

static int sync_rows(struct store *s, const struct config *c, struct err *e)
{
	int64_t township;
	if (store_query_int(s, &township, e, "SELECT id FROM townships WHERE county = ? AND name = ?",
			    "ss", c->county, c->township) != 0)
		return -1;
	if (township == 0) {
		struct field f[] = { F_TEXT("county", c->county), F_TEXT("name", c->township) };
		if (store_insert(s, "townships", f, 2, &township, e) != 0)
			return -1;
	}
	for (size_t i = 0; i < c->n_villages; i++) {
		int64_t v;
		if (store_query_int(s, &v, e, "SELECT id FROM villages WHERE township_id = ? AND name = ?",
				    "is", township, c->villages[i]) != 0)
			return -1;
		if (v != 0)
			continue;
		struct field f[] = { F_INT("township_id", township), F_TEXT("name", c->villages[i]) };
		if (store_insert(s, "villages", f, 2, NULL, e) != 0)
			return -1;
	}
	return 0;
}

int office_sync(struct store *s, const struct config *c, struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (sync_rows(s, c, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

/* Reads (id, name) rows of a query already bound into out. */
static int read_places(struct store *s, sqlite3_stmt *st, struct place *out, int max,
		       int *n, struct err *e)
{
	int rc = SQLITE_DONE;
	*n = 0;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[*n].id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, out[*n].name, sizeof out[*n].name);
		out[*n].ready = 0;
		(*n)++;
	}
	return store_rows_end(s, st, rc, e);
}

int office_villages(struct store *s, int64_t township_id, struct place *out, int max,
		    int *n, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT id, name FROM villages WHERE ?1 = 0 OR township_id = ?1 "
			"ORDER BY id", "i", township_id) != 0)
		return -1;
	return read_places(s, st, out, max, n, e);
}

int office_townships(struct store *s, struct place *out, int max, int *n, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT id, name FROM townships ORDER BY id", "") != 0)
		return -1;
	return read_places(s, st, out, max, n, e);
}
