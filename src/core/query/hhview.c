#include "core/query/hhview.h"

#include <stdio.h>
#include <string.h>

#include "core/domain/household.h"
#include "core/domain/access.h"
#include "core/store/page.h"
#include "core/store/search.h"
#include "core/office/validate.h"

/* The user's area (?7 township, ?8 village) over households h and villages v. */
#define AREA_SQL "AND (?7 = 0 OR v.township_id = ?7) AND (?8 = 0 OR h.village_id = ?8) "

static void masked(sqlite3_stmt *st, int i, char out[20])
{
	char idnum[32];
	store_col_text(st, i, idnum, sizeof idnum);
	idcard_mask(idnum, out);
}

static void read_hh(sqlite3_stmt *st, void *row)
{
	struct hh_row *r = row;
	r->id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, r->head, sizeof r->head);
	masked(st, 2, r->id_masked);
	store_col_text(st, 3, r->village, sizeof r->village);
	store_col_text(st, 4, r->address, sizeof r->address);
	r->members = sqlite3_column_int(st, 5);
}

static void read_person(sqlite3_stmt *st, void *row)
{
	struct person_row *r = row;
	char sex[4];
	r->id = sqlite3_column_int64(st, 0);
	r->household_id = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, r->name, sizeof r->name);
	masked(st, 3, r->id_masked);
	store_col_text(st, 4, sex, sizeof sex);
	snprintf(r->sex, sizeof r->sex, "%s", strcmp(sex, "F") == 0 ? "女" : "男");
	store_col_text(st, 5, r->birth, sizeof r->birth);
	store_col_text(st, 6, r->relation, sizeof r->relation);
	store_col_text(st, 7, r->village, sizeof r->village);
}

int hh_page(struct store *s, const char *search, int64_t after, struct hh_row *rows, int max,
	    int *n, struct err *e)
{
	return hh_page_dir(s, search, after, PAGE_AFTER, rows, max, n, e);
}

int hh_page_dir(struct store *s, const char *search, int64_t key, enum page_dir dir,
		struct hh_row *rows, int max, int *n, struct err *e)
{
	struct search_bind q;
	char sql[2048];
	if (search_bind(s, search, &q, e) != 0)
		return -1;
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql,
			"SELECT h.id, coalesce(p.name, ''), coalesce(p.id_number, ''), v.name, "
			"coalesce(h.address, ''), (SELECT count(*) FROM persons m WHERE m.household_id = h.id "
			"  AND m.left_on IS NULL) "
			"FROM households h JOIN villages v ON v.id = h.village_id "
			"LEFT JOIN persons p ON p.household_id = h.id AND p.is_head "
			"WHERE h.id %s ?1 AND (?2 IS NULL OR h.id IN (SELECT m.household_id FROM persons m "
			"  WHERE m.id IN (SELECT person_id FROM person_keys WHERE key >= ?2 AND key < ?3) "
			"  AND (?4 IS NULL OR m.name LIKE ?4))) "
			"AND (?6 IS NULL OR EXISTS (SELECT 1 FROM persons m WHERE m.household_id = h.id "
			"  AND search_match(m.name, m.id_number, ?6))) " AREA_SQL
			"ORDER BY h.id %s LIMIT ?5", page_cmp(dir, false), page_order(dir, false));
	int64_t township, village;
	access_area(s, &township, &village);	/* only the user's area */
	if (store_query(s, &st, e, sql, "isssdsii", key, q.lo, q.hi, q.like, max, q.broad,
			township, village) != 0)
		return -1;
	return page_read(s, st, dir, read_hh, rows, sizeof *rows, max, n, e);
}

int person_page(struct store *s, const char *search, int64_t after, struct person_row *rows,
		int max, int *n, struct err *e)
{
	return person_page_dir(s, search, after, PAGE_AFTER, rows, max, n, e);
}

int person_page_dir(struct store *s, const char *search, int64_t key, enum page_dir dir,
		    struct person_row *rows, int max, int *n, struct err *e)
{
	struct search_bind q;
	char sql[2048];
	if (search_bind(s, search, &q, e) != 0)
		return -1;
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql,
			"SELECT p.id, p.household_id, p.name, p.id_number, p.sex, p.birth_date, "
			"CASE p.left_reason WHEN 'moved' THEN '已迁出' WHEN 'died' THEN '已死亡' "
			"WHEN 'other' THEN '已离户' ELSE p.relation END, v.name "
			"FROM persons p JOIN households h ON h.id = p.household_id "
			"JOIN villages v ON v.id = h.village_id "
			"WHERE p.id %s ?1 AND (?2 IS NULL OR p.id IN (SELECT person_id FROM person_keys "
			"  WHERE key >= ?2 AND key < ?3)) AND (?4 IS NULL OR p.name LIKE ?4) "
			"AND (?6 IS NULL OR search_match(p.name, p.id_number, ?6)) " AREA_SQL
			"ORDER BY p.id %s LIMIT ?5", page_cmp(dir, false), page_order(dir, false));
	int64_t township, village;
	access_area(s, &township, &village);
	if (store_query(s, &st, e, sql, "isssdsii", key, q.lo, q.hi, q.like, max, q.broad,
			township, village) != 0)
		return -1;
	return page_read(s, st, dir, read_person, rows, sizeof *rows, max, n, e);
}

static void read_member(sqlite3_stmt *st, struct hh_member *m, int *n_current)
{
	char sex[4], reason[16];
	m->id = sqlite3_column_int64(st, 0);
	m->version = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, m->name, sizeof m->name);
	store_col_text(st, 3, m->id_number, sizeof m->id_number);
	idcard_mask(m->id_number, m->id_masked);
	store_col_text(st, 4, sex, sizeof sex);
	snprintf(m->sex, sizeof m->sex, "%s", strcmp(sex, "F") == 0 ? "女" : "男");
	store_col_text(st, 5, m->birth, sizeof m->birth);
	store_col_text(st, 6, m->relation, sizeof m->relation);
	store_col_text(st, 7, m->phone, sizeof m->phone);
	store_col_text(st, 8, m->left_on, sizeof m->left_on);
	store_col_text(st, 9, reason, sizeof reason);
	snprintf(m->left_reason, sizeof m->left_reason, "%s", person_leave_label(reason));
	if (m->left_on[0] == '\0')
		(*n_current)++;
}

int hh_view_load(struct store *s, int64_t id, struct hh_view *v, struct err *e)
{
	sqlite3_stmt *st;
	int rc;
	memset(v, 0, sizeof *v);
	if (store_query(s, &st, e, "SELECT h.village_id, v.name, coalesce(h.address, ''), "
			"coalesce(h.phone, ''), h.created_on, h.version FROM households h "
			"JOIN villages v ON v.id = h.village_id WHERE h.id = ?", "i", id) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		v->id = id;
		v->village_id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, v->village, sizeof v->village);
		store_col_text(st, 2, v->address, sizeof v->address);
		store_col_text(st, 3, v->phone, sizeof v->phone);
		store_col_text(st, 4, v->created, sizeof v->created);
		v->version = sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? err_set(e, "家庭（户号 %lld）不存在", (long long)id)
					 : store_step_error(s, rc, e);
	if (access_area_check(s, v->village_id, "家庭", e) != 0) {
		memset(v, 0, sizeof *v);
		return -1;
	}
	if (store_query(s, &st, e, "SELECT id, version, name, id_number, sex, birth_date, relation, "
			"coalesce(phone, ''), coalesce(left_on, ''), coalesce(left_reason, '') FROM persons "
			"WHERE household_id = ? ORDER BY left_on IS NOT NULL, is_head DESC, id",
			"i", id) != 0)
		return -1;
	rc = SQLITE_DONE;
	while (v->n_members < HH_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_member(st, &v->members[v->n_members++], &v->n_current);
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	if (store_query(s, &st, e, "SELECT id, kind, state, received_on, publicity_to FROM applications "
			"WHERE household_id = ? ORDER BY id", "i", id) != 0)
		return -1;
	rc = SQLITE_DONE;
	while (v->n_apps < HH_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hh_app *a = &v->apps[v->n_apps++];
		a->id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, a->kind, sizeof a->kind);
		store_col_text(st, 2, a->state, sizeof a->state);
		store_col_text(st, 3, a->received, sizeof a->received);
		a->publicity_to = store_col_date(st, 4);
	}
	return store_rows_end(s, st, rc, e);
}
