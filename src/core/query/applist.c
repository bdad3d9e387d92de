#include "core/query/applist.h"

#include <stdio.h>
#include <string.h>

#include "core/domain/access.h"
#include "core/store/search.h"
#include "core/office/validate.h"

/* The sort expression of each order; each has an index (migrations). */
static const char *const sort_expr[SORT_COUNT] = {
	[SORT_DUE] = "coalesce(a.next_due_on, '9999-12-31')",
	[SORT_RECEIVED] = "a.received_on",
	[SORT_VILLAGE] = "printf('%08d', h.village_id)",
};

const char *applist_sort_label(enum app_sort s)
{
	static const char *const labels[SORT_COUNT] = { "按到期日", "按接收日期", "按村（社区）" };
	return s < SORT_COUNT ? labels[s] : "";
}

static void read_app(sqlite3_stmt *st, void *row)
{
	struct app_row *r = row;
	char idnum[32];
	r->id = r->key.id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, r->key.sortval, sizeof r->key.sortval);
	store_col_text(st, 2, r->name, sizeof r->name);
	store_col_text(st, 3, idnum, sizeof idnum);
	idcard_mask(idnum, r->id_masked);
	store_col_text(st, 4, r->village, sizeof r->village);
	store_col_text(st, 5, r->kind, sizeof r->kind);
	store_col_text(st, 6, r->state, sizeof r->state);
	store_col_text(st, 7, r->received, sizeof r->received);
	store_col_text(st, 8, r->due, sizeof r->due);
	store_col_text(st, 9, r->due_what, sizeof r->due_what);
	r->publicity_to = store_col_date(st, 10);
}

int applist_page(struct store *s, const struct app_filter *f, const struct app_key *after,
		 bool backward, bool inclusive, struct app_row *rows, int max, int *n,
		 struct err *e)
{
	enum page_dir dir = backward ? (inclusive ? PAGE_UPTO : PAGE_BEFORE)
			  : (inclusive ? PAGE_FROM : PAGE_AFTER);
	return applist_page_dir(s, f, after, dir, rows, max, n, e);
}

int applist_page_dir(struct store *s, const struct app_filter *f, const struct app_key *after,
		     enum page_dir dir, struct app_row *rows, int max, int *n, struct err *e)
{
	struct search_bind q;
	const char *expr = sort_expr[f->sort < SORT_COUNT ? f->sort : SORT_DUE];
	if (search_bind(s, f->search, &q, e) != 0)
		return -1;
	char sql[2048];
	/* ?1 village ?2 kind ?3 state ?4 key lo ?5 key hi ?6 like ?7 sortval ?8 id ?9 limit
	 * ?10 due ?11 close relative ?12 broad search ?13 ?14 the user's area */
	snprintf(sql, sizeof sql,
		 "SELECT a.id, %s, p.name, p.id_number, v.name, a.kind, a.state, a.received_on, "
		 "coalesce(a.next_due_on, ''), coalesce(a.next_due_what, ''), a.publicity_to "
		 "FROM applications a JOIN persons p ON p.id = a.applicant_id "
		 "JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id "
		 "WHERE (?1 = 0 OR h.village_id = ?1) AND (?2 = '' OR a.kind = ?2) "
		 "AND (?3 = '' OR a.state = ?3 OR (?3 = 'open' AND a.state NOT IN "
		 "('withdrawn','refused','announced','approved'))) "
		 "AND (?12 IS NULL OR EXISTS (SELECT 1 FROM persons m WHERE m.household_id = a.household_id "
		 "  AND search_match(m.name, m.id_number, ?12))) "
		 "AND (?4 IS NULL OR a.household_id IN (SELECT m.household_id FROM persons m "
		 "  WHERE m.id IN (SELECT person_id FROM person_keys WHERE key >= ?4 AND key < ?5) "
		 "  AND (?6 IS NULL OR m.name LIKE ?6))) "
		 "AND (?10 = '' OR a.next_due_on <= ?10) AND (?11 = 0 OR a.close_relative = 1) "
		 "AND (?13 = 0 OR v.township_id = ?13) AND (?14 = 0 OR h.village_id = ?14) "
		 "AND (?7 IS NULL OR (%s, a.id) %s (?7, ?8)) "
		 "ORDER BY %s%s %s, a.id %s LIMIT ?9",
		 expr, expr, page_cmp(dir, false), expr,
		 /* A few matches: start from them and sort them, rather than
		  * walk the whole list in order looking for them. */
		 q.narrow ? " || ''" : "", page_order(dir, false), page_order(dir, false));
	sqlite3_stmt *st;
	int64_t township, village;
	access_area(s, &township, &village);	/* only the user's area */
	if (store_query(s, &st, e, sql, "issssssidsdsii",
			f->village_id, f->kind, f->state,
			q.lo, q.hi, q.like,
			after != NULL ? after->sortval : NULL,
			after != NULL ? after->id : (int64_t)0, max, f->due_before, (int)f->close_relative,
			q.broad, township, village) != 0)
		return -1;
	return page_read(s, st, dir, read_app, rows, sizeof *rows, max, n, e);
}

int applist_of_household(struct store *s, int64_t household_id, struct app_brief *out,
			 int max, int *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (access_household(s, household_id, e) != 0)
		return -1;
	if (store_query(s, &st, e, "SELECT id, kind, state, received_on, publicity_to FROM applications "
			"WHERE household_id = ? ORDER BY id DESC LIMIT ?", "id", household_id, max) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct app_brief *b = &out[(*n)++];
		b->id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, b->kind, sizeof b->kind);
		store_col_text(st, 2, b->state, sizeof b->state);
		store_col_text(st, 3, b->received, sizeof b->received);
		b->publicity_to = store_col_date(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}
