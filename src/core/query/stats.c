/* Statistics tables: rows and columns are declared first (so a village or
 * a kind without applications still shows its zeros), then one grouped
 * query fills the cells, then the 合计 row and column are summed. */
#include "core/query/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/case.h"

/* One value of the query, placed by row and column index. */
struct cell {
	size_t r, c;
	int64_t n;
};

/* A table being built; keys are what the query returns (id, code). */
struct build {
	struct stats_table *t;
	char (*row_key)[64];
	char (*col_key)[64];
	struct cell *cells;
	size_t n_cells;
};

static int add_label(char (**labels)[96], char (**keys)[64], size_t *n, const char *key,
		     const char *label, struct err *e)
{
	char (*l)[96] = realloc(*labels, (*n + 1) * sizeof *l);
	if (l != NULL)
		*labels = l;
	char (*k)[64] = realloc(*keys, (*n + 1) * sizeof *k);
	if (k != NULL)
		*keys = k;
	if (l == NULL || k == NULL)
		return err_set(e, "内存不足");
	snprintf(l[*n], sizeof l[*n], "%s", label);
	snprintf(k[*n], sizeof k[*n], "%s", key);
	(*n)++;
	return 0;
}

static int add_row(struct build *b, const char *key, const char *label, struct err *e)
{
	return add_label(&b->t->row, &b->row_key, &b->t->n_rows, key, label, e);
}

static int add_col(struct build *b, const char *key, const char *label, struct err *e)
{
	char (*l)[48] = realloc(b->t->col, (b->t->n_cols + 1) * sizeof *l);
	char (*k)[64];
	if (l == NULL)
		return err_set(e, "内存不足");
	b->t->col = l;
	k = realloc(b->col_key, (b->t->n_cols + 1) * sizeof *k);
	if (k == NULL)
		return err_set(e, "内存不足");
	b->col_key = k;
	snprintf(l[b->t->n_cols], sizeof l[0], "%s", label);
	snprintf(k[b->t->n_cols], sizeof k[0], "%s", key);
	b->t->n_cols++;
	return 0;
}

/* The index of key among n keys, or n when absent. */
static size_t find(char (*keys)[64], size_t n, const char *key)
{
	size_t i;
	for (i = 0; i < n && strcmp(keys[i], key) != 0; i++)
		;
	return i;
}

/* Adds a value; an unknown row or column key (a state or kind code the
 * program does not know) gets a row or column of its own. */
static int put(struct build *b, const char *rkey, const char *ckey, int64_t n, struct err *e)
{
	size_t r = find(b->row_key, b->t->n_rows, rkey);
	size_t c = find(b->col_key, b->t->n_cols, ckey);
	if (r == b->t->n_rows && add_row(b, rkey, rkey, e) != 0)
		return -1;
	if (c == b->t->n_cols && add_col(b, ckey, ckey, e) != 0)
		return -1;
	struct cell *v = realloc(b->cells, (b->n_cells + 1) * sizeof *v);
	if (v == NULL)
		return err_set(e, "内存不足");
	b->cells = v;
	v[b->n_cells++] = (struct cell){ r, c, n };
	return 0;
}

/* Lays the cells into the matrix and adds the 合计 row (and column). */
static int finish(struct build *b, bool total_col, struct err *e)
{
	struct stats_table *t = b->t;
	if ((total_col && add_col(b, "", "合计", e) != 0) || add_row(b, "", "合计", e) != 0)
		return -1;
	t->v = calloc(t->n_rows * t->n_cols, sizeof *t->v);
	if (t->v == NULL)
		return err_set(e, "内存不足");
	size_t last_r = t->n_rows - 1, last_c = t->n_cols - 1;
	for (size_t i = 0; i < b->n_cells; i++) {
		const struct cell *x = &b->cells[i];
		t->v[x->r * t->n_cols + x->c] += x->n;
		t->v[last_r * t->n_cols + x->c] += x->n;
		if (total_col) {
			t->v[x->r * t->n_cols + last_c] += x->n;
			t->v[last_r * t->n_cols + last_c] += x->n;
		}
	}
	return 0;
}

static void build_done(struct build *b)
{
	free(b->row_key);
	free(b->col_key);
	free(b->cells);
}

static void begin(struct build *b, struct stats_table *t, const char *corner)
{
	memset(b, 0, sizeof *b);
	memset(t, 0, sizeof *t);
	b->t = t;
	t->money_col = -1;
	snprintf(t->corner, sizeof t->corner, "%s", corner);
}

static int state_cols(struct build *b, struct err *e)
{
	for (size_t i = 0; i < case_workflow.n_states; i++)
		if (add_col(b, case_workflow.states[i].code, case_workflow.states[i].label, e) != 0)
			return -1;
	return 0;
}

static int kind_rows(struct build *b, const struct catalogue *cat, struct err *e)
{
	for (size_t i = 0; i < cat->n_kinds; i++)
		if (add_row(b, cat->kinds[i].code, cat->kinds[i].name, e) != 0)
			return -1;
	return 0;
}

/* Runs a grouped query whose rows are (row key, column key, value). */
static int fill(struct build *b, struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st;
	int rc;
	if (store_query(s, &st, e, sql, "") != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rk = (const char *)sqlite3_column_text(st, 0);
		const char *ck = (const char *)sqlite3_column_text(st, 1);
		if (put(b, rk ? rk : "", ck ? ck : "", sqlite3_column_int64(st, 2), e) != 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_step_error(s, rc, e);
	return 0;
}

static int village_rows(struct build *b, struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int64_t townships;
	int rc;
	if (store_query_int(s, &townships, e, "SELECT count(*) FROM townships", "") != 0 ||
	    store_query(s, &st, e, "SELECT v.id, t.name, v.name FROM villages v "
			"JOIN townships t ON t.id = v.township_id ORDER BY t.id, v.id", "") != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char label[96];
		snprintf(label, sizeof label, "%s%s", townships > 1 ? (const char *)sqlite3_column_text(st, 1) : "",
			 sqlite3_column_text(st, 2));
		if (add_row(b, (const char *)sqlite3_column_text(st, 0), label, e) != 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

/* One scan of applications, each joined to its household by rowid (6 ms
 * for 10,000 applications). An index on applications(household_id, state)
 * made the planner walk the households instead and was slower, so none. */
int stats_village_state(struct store *s, struct stats_table *t, struct err *e)
{
	struct build b;
	begin(&b, t, "村（社区）");
	int rc = village_rows(&b, s, e) != 0 || state_cols(&b, e) != 0 ||
		 fill(&b, s, "SELECT h.village_id, a.state, count(*) FROM applications a "
		      "JOIN households h ON h.id = a.household_id GROUP BY h.village_id, a.state", e) != 0 ||
		 finish(&b, true, e) != 0 ? -1 : 0;
	build_done(&b);
	if (rc != 0)
		stats_free(t);
	return rc;
}

/* A scan of the covering index applications_state(state, kind). */
int stats_kind_state(struct store *s, const struct catalogue *cat, struct stats_table *t,
		     struct err *e)
{
	struct build b;
	begin(&b, t, "救助类别");
	int rc = kind_rows(&b, cat, e) != 0 || state_cols(&b, e) != 0 ||
		 fill(&b, s, "SELECT kind, state, count(*) FROM applications GROUP BY state, kind", e) != 0 ||
		 finish(&b, true, e) != 0 ? -1 : 0;
	build_done(&b);
	if (rc != 0)
		stats_free(t);
	return rc;
}

/* Only the approved and announced rows are read (applications_state). */
int stats_paid_by_kind(struct store *s, const struct catalogue *cat, struct stats_table *t,
		       struct err *e)
{
	struct build b;
	begin(&b, t, "救助类别");
	int rc = kind_rows(&b, cat, e) != 0 || add_col(&b, "n", "在保件数", e) != 0 ||
		 add_col(&b, "sum", "每月金额（元）", e) != 0 ||
		 fill(&b, s, "SELECT kind, 'n', count(*) FROM applications "
		      "WHERE state IN ('approved', 'announced') GROUP BY kind "
		      "UNION ALL SELECT kind, 'sum', coalesce(sum(amount), 0) FROM applications "
		      "WHERE state IN ('approved', 'announced') GROUP BY kind", e) != 0 ||
		 finish(&b, false, e) != 0 ? -1 : 0;
	build_done(&b);
	t->money_col = 1;
	if (rc != 0)
		stats_free(t);
	return rc;
}

void stats_free(struct stats_table *t)
{
	free(t->row);
	free(t->col);
	free(t->v);
	t->row = NULL;
	t->col = NULL;
	t->v = NULL;
	t->n_rows = t->n_cols = 0;
}
