#include "core/store/draft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* json_object(name, value, …) built by SQLite itself from bound values. */
static int to_json(struct store *s, const struct draft_field *f, int n, char **out, struct err *e)
{
	char *json = strdup("{}");
	for (int i = 0; i < n && json != NULL; i++) {
		sqlite3_stmt *st;
		if (store_query(s, &st, e, "SELECT json_set(?, '$.' || json_quote(?), ?)", "sss",
				json, f[i].name, f[i].value != NULL ? f[i].value : "") != 0) {
			free(json);
			return -1;
		}
		/* A failed step would leave this field out of the draft unseen. */
		int rc = sqlite3_step(st);
		const char *j = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
		char *next = j != NULL ? strdup(j) : NULL;
		free(json);
		json = next;
		if (store_rows_end(s, st, rc, e) != 0) {
			free(json);
			return -1;
		}
	}
	if (json == NULL)
		return err_set(e, "内存不足");
	*out = json;
	return 0;
}

static int find(struct store *s, const char *form, const char *owner, int64_t target,
		int64_t *id, struct err *e)
{
	return store_query_int(s, id, e, "SELECT id FROM drafts WHERE form = ? AND owner = ? "
			       "AND coalesce(target_id, 0) = ? ORDER BY id DESC LIMIT 1",
			       "ssi", form, owner, target);
}

static int save_rows(struct store *s, const char *form, const char *owner, int64_t target,
		     const char *json, int64_t *id, struct err *e)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", &tm);
	if (find(s, form, owner, target, id, e) != 0)
		return -1;
	if (*id != 0) {
		struct field f[] = { F_TEXT("data", json), F_TEXT("saved_at", now) };
		return store_update(s, "drafts", *id, -1, f, 2, e);
	}
	struct field f[] = { F_TEXT("form", form), F_TEXT("owner", owner),
			     target ? F_INT("target_id", target) : F_NULL("target_id"),
			     F_TEXT("data", json), F_TEXT("saved_at", now) };
	return store_insert(s, "drafts", f, 5, id, e);
}

int draft_save(struct store *s, const char *form, const char *owner, int64_t target,
	       const struct draft_field *fields, int n, int64_t *id, struct err *e)
{
	char *json = NULL;
	int64_t dummy;
	if (to_json(s, fields, n, &json, e) != 0)
		return -1;
	int rc = store_begin(s, e);
	if (rc == 0 && (rc = save_rows(s, form, owner, target, json, id != NULL ? id : &dummy, e)) != 0)
		store_rollback(s);
	else if (rc == 0)
		rc = store_commit(s, e);
	free(json);
	return rc;
}

int draft_load(struct store *s, const char *form, const char *owner, int64_t target,
	       struct draft *d, struct err *e)
{
	memset(d, 0, sizeof *d);
	if (find(s, form, owner, target, &d->id, e) != 0)
		return -1;
	if (d->id == 0)
		return 0;
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT j.key, j.value, d.saved_at FROM drafts d, json_each(d.data) j "
			"WHERE d.id = ?", "i", d->id) != 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct draft_field *f = realloc(d->fields, (size_t)(d->n + 1) * sizeof *f);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		char *copy = f != NULL ? strdup(v != NULL ? v : "") : NULL;
		if (f != NULL)
			d->fields = f;
		if (copy == NULL) {
			sqlite3_reset(st);
			draft_free(d);
			return err_set(e, "内存不足，无法读取草稿");
		}
		snprintf(f[d->n].name, sizeof f[d->n].name, "%s", sqlite3_column_text(st, 0));
		f[d->n].value = copy;
		snprintf(d->saved_at, sizeof d->saved_at, "%s", sqlite3_column_text(st, 2));
		d->n++;
	}
	if (store_rows_end(s, st, rc, e) != 0) {
		draft_free(d);
		return -1;
	}
	return 0;
}

const char *draft_value(const struct draft *d, const char *name)
{
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return d->fields[i].value;
	return NULL;
}

void draft_free(struct draft *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->fields[i].value);
	free(d->fields);
	memset(d, 0, sizeof *d);
}

int draft_discard(struct store *s, int64_t id, struct err *e)
{
	if (id == 0)
		return 0;
	if (store_begin(s, e) != 0)
		return -1;
	if (store_delete(s, "drafts", id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}
