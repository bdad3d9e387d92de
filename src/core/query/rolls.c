#include "core/query/rolls.h"

#include <stdio.h>
#include <string.h>

#include "core/domain/access.h"
#include "core/domain/review.h"
#include "core/domain/roll.h"
#include "core/office/validate.h"
#include "core/query/caseview.h"
#include "core/store/search.h"

static void read_roll(sqlite3_stmt *st, void *row)
{
	struct roll_row *r = row;
	char idnum[32];
	store_col_text(st, 0, r->key.name, sizeof r->key.name);
	r->id = r->key.id = sqlite3_column_int64(st, 1);
	snprintf(r->name, sizeof r->name, "%s", r->key.name);
	store_col_text(st, 2, idnum, sizeof idnum);
	idcard_mask(idnum, r->id_masked);
	store_col_text(st, 3, r->village, sizeof r->village);
	store_col_text(st, 4, r->kind, sizeof r->kind);
	store_col_text(st, 5, r->state, sizeof r->state);
	store_col_text(st, 6, r->since, sizeof r->since);
	r->amount = sqlite3_column_int64(st, 7);
	r->members = sqlite3_column_int(st, 8);
	store_col_text(st, 9, r->next_review, sizeof r->next_review);
	store_col_text(st, 10, r->recert_due, sizeof r->recert_due);
	r->version = sqlite3_column_int64(st, 11);
	r->household_id = sqlite3_column_int64(st, 12);
	r->application_id = sqlite3_column_int64(st, 13);
}

/* When the next re-certification is due: the roll stores it (roll.c at
 * enrolment, review.c at each check). */
#define RECERT_DUE "coalesce(r.recert_due_on, '')"

int rolls_page_dir(struct store *s, const struct roll_filter *f, const struct roll_key *after,
		   enum page_dir dir, struct roll_row *rows, int max, int *n, struct err *e)
{
	struct search_bind q;
	char sql[2400], month_end[11] = "";
	if (search_bind(s, f->search, &q, e) != 0)
		return -1;
	if (f->recert_month[0] != '\0')
		snprintf(month_end, sizeof month_end, "%.7s-31", f->recert_month);
	/* ?1 village ?2 kind ?3 state ?4 ?5 key range ?6 like ?7 name ?8 id
	 * ?9 limit ?10 broad ?11 ?12 area ?13 end of the re-certification month */
	snprintf(sql, sizeof sql,
		 "SELECT r.name, r.id, p.id_number, v.name, r.kind, r.state, r.since_on, "
		 "CASE WHEN r.state = 'change_pending' THEN r.new_amount ELSE r.amount END, "
		 "(SELECT count(*) FROM persons m WHERE m.household_id = r.household_id "
		 "  AND m.left_on IS NULL), coalesce(h.next_review_on, ''), " RECERT_DUE ", "
		 "r.version, r.household_id, r.application_id "
		 "FROM rolls r JOIN applications a ON a.id = r.application_id "
		 "JOIN persons p ON p.id = a.applicant_id JOIN households h ON h.id = r.household_id "
		 "JOIN villages v ON v.id = r.village_id "
		 "WHERE (?1 = 0 OR r.village_id = ?1) AND (?2 = '' OR r.kind = ?2) "
		 "AND (?3 = 'all' OR r.state = ?3 OR (?3 = '' AND r.state <> 'ended')) "
		 "AND (?10 IS NULL OR EXISTS (SELECT 1 FROM persons m WHERE m.household_id = r.household_id "
		 "  AND search_match(m.name, m.id_number, ?10))) "
		 "AND (?4 IS NULL OR r.household_id IN (SELECT m.household_id FROM persons m "
		 "  WHERE m.id IN (SELECT person_id FROM person_keys WHERE key >= ?4 AND key < ?5) "
		 "  AND (?6 IS NULL OR m.name LIKE ?6))) "
		 "AND (?11 = 0 OR v.township_id = ?11) AND (?12 = 0 OR r.village_id = ?12) "
		 "AND (?13 = '' OR (r.state <> 'ended' AND " RECERT_DUE " <= ?13)) "
		 "AND (?7 IS NULL OR (r.name, r.id) %s (?7, ?8)) "
		 "ORDER BY r.name %s, r.id %s LIMIT ?9",
		 page_cmp(dir, false), page_order(dir, false), page_order(dir, false));
	sqlite3_stmt *st;
	int64_t township, village;
	access_area(s, &township, &village);
	if (store_query(s, &st, e, sql, "issssssidsiis", f->village_id, f->kind, f->state, q.lo, q.hi,
			q.like, after ? after->name : NULL, after ? after->id : (int64_t)0, max,
			q.broad, township, village, month_end) != 0)
		return -1;
	return page_read(s, st, dir, read_roll, rows, sizeof *rows, max, n, e);
}

/* ---- one roll row ---- */

static const char view_sql[] =
	"SELECT r.id, r.version, r.household_id, r.application_id, r.amount, "
	"coalesce(r.new_amount, -1), p.name, v.name, coalesce(h.address, ''), r.kind, r.state, "
	"r.since_on, h.household_class, coalesce(h.next_review_on, ''), " RECERT_DUE ", "
	"r.change_reason, r.suspended_on, r.suspend_reason, r.end_reason, r.end_publicity_to, "
	"r.ended_on FROM rolls r JOIN applications a ON a.id = r.application_id "
	"JOIN persons p ON p.id = a.applicant_id JOIN households h ON h.id = r.household_id "
	"JOIN villages v ON v.id = r.village_id ";

static void read_view(sqlite3_stmt *st, struct roll_view *v)
{
	int64_t *ints[] = { &v->id, &v->version, &v->household_id, &v->application_id, &v->amount,
			    &v->new_amount };
	for (int i = 0; i < 6; i++)
		*ints[i] = sqlite3_column_int64(st, i);
	struct { char *p; size_t n; } t[] = {
		{ v->name, sizeof v->name }, { v->village, sizeof v->village },
		{ v->address, sizeof v->address }, { v->kind, sizeof v->kind },
		{ v->state, sizeof v->state }, { v->since, sizeof v->since }, { v->cls, sizeof v->cls },
		{ v->next_review, sizeof v->next_review }, { v->recert_due, sizeof v->recert_due },
		{ v->change_reason, sizeof v->change_reason }, { v->suspended_on, sizeof v->suspended_on },
		{ v->suspend_reason, sizeof v->suspend_reason }, { v->end_reason, sizeof v->end_reason },
		{ v->end_publicity_to, sizeof v->end_publicity_to }, { v->ended_on, sizeof v->ended_on },
	};
	for (int i = 0; i < 15; i++)
		store_col_text(st, 6 + i, t[i].p, t[i].n);
}

int rolls_load(struct store *s, int64_t id, struct roll_view *v, struct err *e)
{
	sqlite3_stmt *st;
	char sql[sizeof view_sql + 32];
	memset(v, 0, sizeof *v);
	snprintf(sql, sizeof sql, "%sWHERE r.id = ?", view_sql);
	if (store_query(s, &st, e, sql, "i", id) != 0)
		return -1;
	if (store_row(s, st, "在册记录（编号 %lld）不存在", id, e) != 0)
		return -1;
	read_view(st, v);
	sqlite3_reset(st);
	if (access_household(s, v->household_id, e) != 0) {
		memset(v, 0, sizeof *v);
		return -1;
	}
	return 0;
}

int rolls_of_household(struct store *s, int64_t household_id, struct roll_view *out, int max,
		       int *n, struct err *e)
{
	sqlite3_stmt *st;
	char sql[sizeof view_sql + 64];
	int rc;
	*n = 0;
	if (access_household(s, household_id, e) != 0)
		return -1;
	snprintf(sql, sizeof sql, "%sWHERE r.household_id = ? ORDER BY r.id LIMIT ?", view_sql);
	if (store_query(s, &st, e, sql, "id", household_id, max) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_view(st, &out[(*n)++]);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

/* ---- a household's history ---- */

static void money(int64_t fen, char *out, size_t n)
{
	snprintf(out, n, "%lld.%02lld 元", (long long)(fen / 100), (long long)(fen % 100));
}

/* Every dated thing of the household, in one order: (on, source, a, b, c,
 * who, amount, id, state). Sources: 0 case step, 1 review, 2 roll step,
 * 3 re-certification (a review before the step it led to). A roll step's
 * amount is the one it left in force (roll_events.amount); steps recorded
 * before that column have none, but an enrolment's is its application's. */
static const char history_sql[] =
	"SELECT ce.on_date, 0, a.kind, ce.step, coalesce(ce.note, ''), ce.who, "
	"  coalesce(a.amount, 0), ce.id, '' FROM case_events ce "
	"  JOIN applications a ON a.id = ce.application_id WHERE a.household_id = ?1 "
	"UNION ALL SELECT rv.visited_on, 1, rv.outcome, rv.findings, rv.next_review_on, rv.visitors, "
	"  0, rv.id, '' FROM reviews rv WHERE rv.household_id = ?1 "
	"UNION ALL SELECT re.on_date, 2, r.kind, re.step, coalesce(re.note, ''), re.who, "
	"  coalesce(re.amount, CASE re.step WHEN 'enrol' THEN (SELECT ra.amount FROM applications ra "
	"  WHERE ra.id = r.application_id) END), re.id, re.to_state "
	"  FROM roll_events re JOIN rolls r ON r.id = re.roll_id WHERE r.household_id = ?1 "
	"UNION ALL SELECT rc.checked_on, 3, rc.method, '', rc.next_due_on, '', 0, rc.id, '' "
	"  FROM recertifications rc JOIN applications a ON a.id = rc.application_id "
	"  WHERE a.household_id = ?1 "
	"ORDER BY 1, 2, 8 LIMIT ?2";

static const char *or_code(const char *label, const char *code)
{
	return label != NULL ? label : code;
}

static void history_line(sqlite3_stmt *st, struct hh_event *ev)
{
	char a[64], b[256], c[256], m[48], to[24];
	int src = sqlite3_column_int(st, 1);
	store_col_text(st, 0, ev->on, sizeof ev->on);
	store_col_text(st, 2, a, sizeof a);
	store_col_text(st, 3, b, sizeof b);
	store_col_text(st, 4, c, sizeof c);
	store_col_text(st, 5, ev->who, sizeof ev->who);
	m[0] = '\0';
	if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
		char yuan[32];
		money(sqlite3_column_int64(st, 6), yuan, sizeof yuan);
		snprintf(m, sizeof m, "（%s）", yuan);
	}
	store_col_text(st, 8, to, sizeof to);
	static const char *const what[] = { "申请", "复核", "在册", "资格认证" };
	snprintf(ev->what, sizeof ev->what, "%s", what[src]);
	ev->kind[0] = '\0';
	if (src == 0 || src == 2)
		snprintf(ev->kind, sizeof ev->kind, "%s", a);
	if (src == 0)
		snprintf(ev->text, sizeof ev->text, "%s%s%s", case_step_label(b), c[0] ? "，" : "", c);
	else if (src == 2 && strcmp(b, "enrol") == 0)
		snprintf(ev->text, sizeof ev->text, "%s%s%s%s", roll_step_label(b), m,
			 c[0] ? "，" : "", c);
	else if (src == 2)
		snprintf(ev->text, sizeof ev->text, "%s → %s%s%s%s", roll_step_label(b),
			 roll_state_label(to), m, c[0] ? "，" : "", c);
	else if (src == 1)
		snprintf(ev->text, sizeof ev->text, "%s：%s；下次复核 %s", or_code(review_outcome_label(a), a),
			 b, c);
	else
		snprintf(ev->text, sizeof ev->text, "%s；下次认证 %s", or_code(recert_method_label(a), a), c);
}

int rolls_history(struct store *s, int64_t household_id, struct hh_event *out, int max, int *n,
		  struct err *e)
{
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (access_household(s, household_id, e) != 0)
		return -1;
	if (store_query(s, &st, e, history_sql, "id", household_id, max) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		history_line(st, &out[(*n)++]);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}
