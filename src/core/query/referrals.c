#include "core/query/referrals.h"

#include <stdio.h>
#include <string.h>

#include "core/domain/access.h"

static void read_request(sqlite3_stmt *st, void *row)
{
	struct request_row *r = row;
	store_col_text(st, 0, r->key.day, sizeof r->key.day);
	r->key.id = r->id = sqlite3_column_int64(st, 1);
	snprintf(r->received, sizeof r->received, "%s", r->key.day);
	store_col_text(st, 2, r->village, sizeof r->village);
	store_col_text(st, 3, r->name, sizeof r->name);
	store_col_text(st, 4, r->need, sizeof r->need);
	store_col_text(st, 5, r->channel, sizeof r->channel);
	store_col_text(st, 6, r->state, sizeof r->state);
	r->n_referrals = sqlite3_column_int(st, 7);
	r->n_waiting = sqlite3_column_int(st, 8);
	r->overdue = sqlite3_column_int(st, 9);
}

/* Newest first: the list is shown in descending key order. */
int request_page_dir(struct store *s, const struct request_filter *f, const struct refer_key *key,
		     enum page_dir dir, date_t today, struct request_row *out, int max, int *n,
		     struct err *e)
{
	sqlite3_stmt *st;
	char day[11], sql[1400];
	int64_t township, village;
	date_format(today, day);
	*n = 0;
	snprintf(sql, sizeof sql,
		 "SELECT q.received_on, q.id, v.name, q.name, q.need, q.channel, q.state, "
		 "(SELECT count(*) FROM referrals r WHERE r.request_id = q.id), "
		 "(SELECT count(*) FROM referrals r WHERE r.request_id = q.id AND r.state = 'referred'), "
		 "EXISTS (SELECT 1 FROM referrals r WHERE r.request_id = q.id "
		 "AND r.state = 'referred' AND r.due_on < ?5) "
		 "FROM help_requests q JOIN villages v ON v.id = q.village_id "
		 "WHERE (?1 = 0 OR q.village_id = ?1) AND (?2 = '' OR q.state = ?2) "
		 "AND (?3 IS NULL OR (q.received_on, q.id) %s (?3, ?4)) "
		 "AND (?7 = 0 OR v.township_id = ?7) AND (?8 = 0 OR q.village_id = ?8) "
		 "ORDER BY q.received_on %s, q.id %s LIMIT ?6",
		 page_cmp(dir, true), page_order(dir, true), page_order(dir, true));
	access_area(s, &township, &village);	/* only the user's area */
	if (store_query(s, &st, e, sql, "issisdii", f->village_id, f->state, key ? key->day : NULL,
			key ? key->id : (int64_t)0, day, max, township, village) != 0)
		return -1;
	return page_read(s, st, dir, read_request, out, sizeof *out, max, n, e);
}

/* The columns of a referral row, for the list and the view. */
#define REFERRAL_COLS \
	"r.referred_on, r.id, coalesce(r.request_id, 0), r.due_on, coalesce(r.result_on, ''), " \
	"r.department, r.item, coalesce(q.name, p.name, ''), coalesce(v.name, ''), r.state, " \
	"coalesce(r.result, ''), r.state = 'referred' AND r.due_on < ?5, " \
	"r.result_on IS NOT NULL AND r.state = 'replied' AND r.result_on > r.due_on "
#define REFERRAL_FROM \
	"FROM referrals r LEFT JOIN villages v ON v.id = r.village_id " \
	"LEFT JOIN help_requests q ON q.id = r.request_id " \
	"LEFT JOIN persons p ON p.household_id = r.household_id AND p.is_head "

static void read_referral(sqlite3_stmt *st, void *row)
{
	struct referral_row *r = row;
	store_col_text(st, 0, r->key.day, sizeof r->key.day);
	snprintf(r->referred, sizeof r->referred, "%s", r->key.day);
	r->key.id = r->id = sqlite3_column_int64(st, 1);
	r->request_id = sqlite3_column_int64(st, 2);
	store_col_text(st, 3, r->due, sizeof r->due);
	store_col_text(st, 4, r->replied, sizeof r->replied);
	store_col_text(st, 5, r->department, sizeof r->department);
	store_col_text(st, 6, r->item, sizeof r->item);
	store_col_text(st, 7, r->name, sizeof r->name);
	store_col_text(st, 8, r->village, sizeof r->village);
	store_col_text(st, 9, r->state, sizeof r->state);
	store_col_text(st, 10, r->result, sizeof r->result);
	r->overdue = sqlite3_column_int(st, 11);
	r->late = sqlite3_column_int(st, 12);
}

int referral_page_dir(struct store *s, const struct referral_filter *f,
		      const struct refer_key *key, enum page_dir dir, date_t today,
		      struct referral_row *out, int max, int *n, struct err *e)
{
	sqlite3_stmt *st;
	char day[11], sql[1600];
	int64_t township, village;
	date_format(today, day);
	*n = 0;
	snprintf(sql, sizeof sql,
		 "SELECT " REFERRAL_COLS REFERRAL_FROM
		 "WHERE (?1 = '' OR r.department = ?1) AND (?2 = '' OR r.state = ?2) "
		 "AND (?3 IS NULL OR (r.referred_on, r.id) %s (?3, ?4)) "
		 "AND (?7 = 0 OR v.township_id = ?7) AND (?8 = 0 OR r.village_id = ?8) "
		 "ORDER BY r.referred_on %s, r.id %s LIMIT ?6",
		 page_cmp(dir, true), page_order(dir, true), page_order(dir, true));
	access_area(s, &township, &village);
	if (store_query(s, &st, e, sql, "sssisdii", f->department, f->state, key ? key->day : NULL,
			key ? key->id : (int64_t)0, day, max, township, village) != 0)
		return -1;
	return page_read(s, st, dir, read_referral, out, sizeof *out, max, n, e);
}

static int load_refs(struct store *s, int64_t id, date_t today, struct request_view *v,
		     struct err *e)
{
	sqlite3_stmt *st;
	char day[11];
	int rc;
	date_format(today, day);
	if (store_query(s, &st, e, "SELECT " REFERRAL_COLS ", r.version " REFERRAL_FROM
			"WHERE r.request_id = ?1 AND ?5 IS NOT NULL ORDER BY r.id LIMIT ?2",
			"iinns", id, (int64_t)REQUEST_VIEW_MAX, day) != 0)
		return -1;
	v->n_refs = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_referral(st, &v->refs[v->n_refs]);
		v->ref_version[v->n_refs++] = sqlite3_column_int64(st, 13);
	}
	return store_rows_end(s, st, rc, e);
}

int request_view_load(struct store *s, int64_t id, date_t today, struct request_view *v,
		      struct err *e)
{
	sqlite3_stmt *st;
	memset(v, 0, sizeof *v);
	if (store_query(s, &st, e,
			"SELECT q.id, q.version, q.village_id, coalesce(q.household_id, 0), "
			"coalesce(q.application_id, 0), v.name, q.name, q.phone, q.need, q.channel, "
			"q.source, q.received_on, q.state, q.result, q.closed_on, q.note, a.state "
			"FROM help_requests q JOIN villages v ON v.id = q.village_id "
			"LEFT JOIN applications a ON a.id = q.application_id WHERE q.id = ?", "i", id) != 0)
		return -1;
	if (store_row(s, st, "求助登记（编号 %lld）不存在", id, e) != 0)
		return -1;
	int64_t *ints[] = { &v->id, &v->version, &v->village_id, &v->household_id,
			    &v->application_id };
	for (int i = 0; i < 5; i++)
		*ints[i] = sqlite3_column_int64(st, i);
	struct { char *p; size_t n; } txt[] = {
		{ v->village, sizeof v->village }, { v->name, sizeof v->name },
		{ v->phone, sizeof v->phone }, { v->need, sizeof v->need },
		{ v->channel, sizeof v->channel }, { v->source, sizeof v->source },
		{ v->received, sizeof v->received }, { v->state, sizeof v->state },
		{ v->result, sizeof v->result }, { v->closed, sizeof v->closed },
		{ v->note, sizeof v->note }, { v->app_state, sizeof v->app_state },
	};
	for (int i = 0; i < 12; i++)
		store_col_text(st, 5 + i, txt[i].p, txt[i].n);
	sqlite3_reset(st);
	if (access_area_check(s, v->village_id, "求助登记", e) != 0) {
		memset(v, 0, sizeof *v);
		return -1;
	}
	return load_refs(s, id, today, v, e);
}
