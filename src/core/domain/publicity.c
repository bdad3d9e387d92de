#include "core/domain/publicity.h"
#include "core/domain/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/case.h"
#include "core/export/xlsx.h"

void pub_list_free(struct pub_list *l)
{
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
}

/* How many times a case was posted up to a day: its publicize steps (from
 * the list here or from the case screen). 2 and more: 「第二次公示」. */
#define PUBLICIZED(app, day) \
	"(SELECT count(*) FROM case_events ev WHERE ev.application_id = " app " " \
	"AND ev.step = 'publicize' AND ev.on_date <= " day ")"

/* Columns: id, version, name, kind, members, opinion, amount, state, round. */
#define LIST_COLS \
	"SELECT a.id, a.version, p.name, a.kind, " \
	"(SELECT count(*) FROM persons m WHERE m.household_id = a.household_id AND m.left_on IS NULL), "

#define LIST_FROM \
	"FROM applications a JOIN persons p ON p.id = a.applicant_id " \
	"JOIN households h ON h.id = a.household_id WHERE h.village_id = ? AND "

static int load_list(struct store *s, const char *sql, int64_t village, struct pub_list *out,
		     struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;
	out->rows = NULL;
	out->n = 0;
	if (access_area_check(s, village, "村（社区）的名单", e) != 0 ||
	    store_query(s, &st, e, sql, "i", village) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			struct pub_row *r = realloc(out->rows, cap * sizeof *r);
			if (r == NULL) {
				sqlite3_reset(st);
				pub_list_free(out);
				return err_set(e, "内存不足");
			}
			out->rows = r;
		}
		struct pub_row *r = &out->rows[out->n++];
		r->app_id = sqlite3_column_int64(st, 0);
		r->version = sqlite3_column_int64(st, 1);
		store_col_text(st, 2, r->name, sizeof r->name);
		store_col_text(st, 3, r->kind, sizeof r->kind);
		r->members = sqlite3_column_int(st, 4);
		store_col_text(st, 5, r->opinion, sizeof r->opinion);
		r->amount = sqlite3_column_int64(st, 6);
		store_col_text(st, 7, r->state, sizeof r->state);
		r->round = sqlite3_column_int(st, 8);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		pub_list_free(out);
		return store_step_error(s, rc, e);
	}
	return 0;
}

int publicity_ready(struct store *s, int64_t village_id, struct pub_list *out, struct err *e)
{
	return load_list(s, LIST_COLS "coalesce(a.initial_opinion, ''), coalesce(a.proposed_amount, 0), a.state, "
			 "1 + " PUBLICIZED("a.id", "'9999-12-31'") " "
			 LIST_FROM "a.state = 'reviewed' ORDER BY a.kind, a.initial_opinion DESC, p.name, a.id",
			 village_id, out, e);
}

int publicity_approved(struct store *s, int64_t village_id, struct pub_list *out,
		       struct err *e)
{
	return load_list(s, LIST_COLS "'', coalesce(a.amount, 0), a.state, "
			 PUBLICIZED("a.id", "'9999-12-31'") " "
			 LIST_FROM "a.state IN ('approved', 'announced') ORDER BY a.kind, p.name, a.id",
			 village_id, out, e);
}

/* ---- posting ---- */

static int post_one(struct store *s, const struct config *cfg, int64_t village,
		    const struct pub_row *r, int64_t batch, date_t on, unsigned roles,
		    struct err *e)
{
	int64_t v;
	if (store_query_int(s, &v, e, "SELECT h.village_id FROM applications a "
			    "JOIN households h ON h.id = a.household_id WHERE a.id = ?", "i", r->app_id) != 0)
		return -1;
	if (v != village)
		return err_set(e, "申请（编号 %lld）不属于这个村（社区）", (long long)r->app_id);
	struct case_step_in in = { .step = "publicize", .on = on };
	if (case_apply_in_tx(s, cfg, r->app_id, r->version, roles, &in, e) != 0)
		return -1;
	bool include = strcmp(r->opinion, "include") == 0;
	struct field f[] = {
		F_INT("batch_id", batch), F_INT("application_id", r->app_id),
		F_TEXT("proposal", r->opinion),
		include && r->amount > 0 ? F_INT("amount", r->amount) : F_NULL("amount"),
	};
	return store_insert(s, "publicity_entries", f, 4, NULL, e);
}

static int post_rows(struct store *s, const struct config *cfg, int64_t village,
		     const struct pub_list *list, date_t on, unsigned roles, int64_t *batch,
		     struct err *e)
{
	int days = 1;
	for (size_t i = 0; i < list->n; i++) {
		int d = config_limits(cfg, list->rows[i].kind)->publicity_days;
		if (d > days)
			days = d;
	}
	char from[11], to[11];
	date_format(on, from);
	date_format(config_publicity_end(cfg, on, days), to);
	struct field f[] = {
		F_INT("village_id", village), F_TEXT("posted_on", from), F_TEXT("ends_on", to),
		F_TEXT("posted_by", store_user(s)),
	};
	if (store_insert(s, "publicity_batches", f, 4, batch, e) != 0)
		return -1;
	for (size_t i = 0; i < list->n; i++)
		if (post_one(s, cfg, village, &list->rows[i], *batch, on, roles, e) != 0)
			return err_prefix(e, "%s：", list->rows[i].name);
	return 0;
}

int publicity_post(struct store *s, const struct config *cfg, int64_t village_id,
		   const struct pub_list *list, date_t on, unsigned roles,
		   int64_t *batch_id, struct err *e)
{
	int64_t batch = 0;
	if (list->n == 0)
		return err_set(e, "这个村（社区）没有待公示（已初审）的申请");
	if (on == DATE_NONE)
		on = date_today();
	if (store_begin(s, e) != 0)
		return -1;
	if (post_rows(s, cfg, village_id, list, on, roles, &batch, e) != 0) {
		store_rollback(s);
		return err_prefix(e, "公示名单未张贴（没有改动任何申请）：");
	}
	if (store_commit(s, e) != 0)
		return -1;
	if (batch_id != NULL)
		*batch_id = batch;
	return 0;
}

int publicity_announce(struct store *s, const struct config *cfg, const struct catalogue *cat,
		       const struct pub_list *list,
		       date_t on, unsigned roles, size_t *n_out, struct err *e)
{
	size_t n = 0;
	if (store_begin(s, e) != 0)
		return -1;
	for (size_t i = 0; i < list->n; i++) {
		const struct pub_row *r = &list->rows[i];
		if (strcmp(r->state, "approved") != 0)
			continue;
		struct case_step_in in = { .step = "announce", .on = on, .cat = cat };
		if (case_apply_in_tx(s, cfg, r->app_id, r->version, roles, &in, e) != 0) {
			store_rollback(s);
			return err_prefix(e, "未登记公布（没有改动任何申请）：%s：", r->name);
		}
		n++;
	}
	if (store_commit(s, e) != 0)
		return -1;
	*n_out = n;
	return 0;
}

/* ---- reading batches ---- */

int publicity_current(struct store *s, date_t today, struct pub_batch *out, size_t max,
		      size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	char day[11];
	int rc = SQLITE_DONE;
	date_format(today, day);
	*n = 0;
	if (store_query(s, &st, e,
			"SELECT b.id, b.village_id, v.name, b.posted_on, b.ends_on, coalesce(b.posted_by, ''), "
			"(SELECT count(*) FROM publicity_entries p WHERE p.batch_id = b.id) "
			"FROM publicity_batches b JOIN villages v ON v.id = b.village_id "
			"WHERE b.ends_on >= ? ORDER BY b.posted_on DESC, b.id DESC", "s", day) != 0)
		return -1;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pub_batch *b = &out[(*n)++];
		b->id = sqlite3_column_int64(st, 0);
		b->village_id = sqlite3_column_int64(st, 1);
		store_col_text(st, 2, b->village, sizeof b->village);
		b->posted_on = store_col_date(st, 3);
		b->ends_on = store_col_date(st, 4);
		store_col_text(st, 5, b->posted_by, sizeof b->posted_by);
		b->entries = sqlite3_column_int(st, 6);
	}
	return store_rows_end(s, st, rc, e);
}

int publicity_latest(struct store *s, int64_t village_id, int64_t *id, struct err *e)
{
	return store_query_int(s, id, e, "SELECT id FROM publicity_batches WHERE village_id = ? "
			       "ORDER BY posted_on DESC, id DESC LIMIT 1", "i", village_id);
}

/* ---- the printed lists ---- */

static int village_name(struct store *s, int64_t id, char *out, size_t n, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT name FROM villages WHERE id = ?", "i", id) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_col_text(st, 0, out, n);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? err_set(e, "村（社区）（编号 %lld）不存在", (long long)id)
					 : store_step_error(s, rc, e);
	return 0;
}

static const char *kind_name(const struct catalogue *cat, const char *code, bool short_name)
{
	const struct kind *k = catalogue_kind(cat, code);
	return k == NULL ? code : short_name ? k->short_name : k->name;
}

static void sign_lines(struct xlsx *x, const struct config *cfg, date_t on)
{
	char line[512], day[11];
	date_format(on, day);
	snprintf(line, sizeof line, "监督举报电话：%s", cfg->complaint_phone);
	xlsx_line(x, line);
	snprintf(line, sizeof line, "%s%s人民政府（社会事务办公室）    %s", cfg->county, cfg->township, day);
	xlsx_line(x, line);
}

/* The publicity list of one kind ends with its period and where to object. */
static void publicity_footer(struct xlsx *x, const struct config *cfg, const char *kind,
			     date_t from)
{
	char line[512], a[11], b[11];
	int days = config_limits(cfg, kind)->publicity_days;
	date_t end = config_publicity_end(cfg, from, days);
	date_format(end - days + 1, a);
	date_format(end, b);
	snprintf(line, sizeof line, "公示期：%s 至 %s（%d 天）。对以上名单有异议的，请在公示期内向%s人民政府（社会事务办公室）反映。",
		 a, b, days, cfg->township);
	xlsx_line(x, line);
	sign_lines(x, cfg, from);
}

/* A money column's header in cols is a prefix ("拟" or ""): the kind's
 * amount header follows it (「保障金额（元/月）」, 「救助金额（元）」 for a
 * one-off payment such as 临时救助). */
static int begin_sheet(struct xlsx *x, const struct config *cfg, const struct catalogue *cat,
		       const char *kind, const char *what, const char *subtitle,
		       const struct xlsx_col *cols, size_t n_cols, struct err *e)
{
	char title[256], amount[96];
	struct xlsx_col c[8];
	const struct kind *k = catalogue_kind(cat, kind);
	snprintf(title, sizeof title, "%s%s%s", cfg->township, kind_name(cat, kind, false), what);
	for (size_t i = 0; i < n_cols && i < 8; i++) {
		c[i] = cols[i];
		if (c[i].type == XLSX_MONEY) {
			snprintf(amount, sizeof amount, "%s%s", cols[i].header,
				 k != NULL ? k->amount : "金额（元）");
			c[i].header = amount;
		}
	}
	struct xlsx_table t = { .sheet = kind_name(cat, kind, true), .title = title,
				.subtitle = subtitle, .cols = c, .n_cols = n_cols < 8 ? n_cols : 8,
				.portrait = true };
	return xlsx_table_begin(x, &t, e);
}

struct batch_head {
	int64_t village_id;
	date_t posted_on;
};

static int load_batch(struct store *s, int64_t id, struct batch_head *b, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT village_id, posted_on FROM publicity_batches WHERE id = ?",
			"i", id) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		b->village_id = sqlite3_column_int64(st, 0);
		b->posted_on = store_col_date(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? err_set(e, "公示批次（编号 %lld）不存在", (long long)id)
					 : store_step_error(s, rc, e);
	return 0;
}

int publicity_batch_village(struct store *s, int64_t batch_id, int64_t *village_id,
			    struct err *e)
{
	struct batch_head b = { 0, DATE_NONE };
	if (load_batch(s, batch_id, &b, e) != 0)
		return -1;
	*village_id = b.village_id;
	return 0;
}

static const struct xlsx_col pub_cols[] = {
	{ "序号", XLSX_INT, 8 }, { "姓名", XLSX_TEXT, 16 }, { "家庭人口", XLSX_INT, 10 },
	{ "初审意见", XLSX_TEXT, 14 }, { "拟", XLSX_MONEY, 22 },
	{ "备注", XLSX_TEXT, 14 },
};

/* Rows of the batch by kind; a new sheet at each kind. Names only. */
static int write_entries(struct store *s, const struct config *cfg, const struct catalogue *cat,
			 struct xlsx *x, int64_t batch, const struct batch_head *b,
			 const char *subtitle, struct err *e)
{
	sqlite3_stmt *st;
	char kind[32] = "";
	int rc, seq = 0;
	if (store_query(s, &st, e,
			"SELECT a.kind, p.name, (SELECT count(*) FROM persons m WHERE m.household_id = a.household_id "
			"AND m.left_on IS NULL), "
			"pe.proposal, coalesce(pe.amount, 0), "
			PUBLICIZED("a.id", "(SELECT posted_on FROM publicity_batches WHERE id = pe.batch_id)") " "
			"FROM publicity_entries pe "
			"JOIN applications a ON a.id = pe.application_id JOIN persons p ON p.id = a.applicant_id "
			"WHERE pe.batch_id = ? ORDER BY a.kind, pe.proposal DESC, p.name, a.id", "i", batch) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(k, kind) != 0) {
			if (kind[0])
				publicity_footer(x, cfg, kind, b->posted_on);
			snprintf(kind, sizeof kind, "%s", k);
			seq = 0;
			if (begin_sheet(x, cfg, cat, kind, "审核确认公示", subtitle, pub_cols, 6, e) != 0) {
				sqlite3_reset(st);
				return -1;
			}
		}
		bool include = strcmp((const char *)sqlite3_column_text(st, 3), "include") == 0;
		xlsx_int(x, 0, ++seq);
		xlsx_text(x, 1, (const char *)sqlite3_column_text(st, 1));
		xlsx_int(x, 2, sqlite3_column_int64(st, 2));
		xlsx_text(x, 3, include ? "拟纳入" : "拟不纳入");
		if (include && sqlite3_column_int64(st, 4) > 0)
			xlsx_money(x, 4, sqlite3_column_int64(st, 4));
		else
			xlsx_blank(x, 4);
		xlsx_text(x, 5, case_publicity_round_label(sqlite3_column_int(st, 5)));
		xlsx_row_end(x);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_step_error(s, rc, e);
	if (!kind[0])
		return err_set(e, "这批公示名单中没有申请");
	publicity_footer(x, cfg, kind, b->posted_on);
	return 0;
}

int publicity_write(struct store *s, const struct config *cfg, const struct catalogue *cat,
		    int64_t batch_id, const char *path, struct err *e)
{
	struct batch_head b = { 0, DATE_NONE };
	char village[64], subtitle[256], day[11];
	if (load_batch(s, batch_id, &b, e) != 0 || village_name(s, b.village_id, village, sizeof village, e) != 0)
		return -1;
	date_format(b.posted_on, day);
	snprintf(subtitle, sizeof subtitle, "村（社区）：%s    张贴日期：%s", village, day);
	struct xlsx *x;
	if (xlsx_open(&x, path, false, e) != 0)
		return -1;
	if (write_entries(s, cfg, cat, x, batch_id, &b, subtitle, e) != 0) {
		xlsx_abort(x);
		return -1;
	}
	return xlsx_commit(x, e);
}

static const struct xlsx_col ann_cols[] = {
	{ "序号", XLSX_INT, 8 }, { "姓名", XLSX_TEXT, 18 }, { "家庭人口", XLSX_INT, 12 },
	{ "", XLSX_MONEY, 22 },
};

static void announcement_footer(struct xlsx *x, const struct config *cfg, date_t on)
{
	xlsx_line(x, "以上为经审核确认的救助对象；按规定仅公布姓名、家庭人口和保障金额。");
	sign_lines(x, cfg, on);
}

static int write_announcement(struct xlsx *x, const struct config *cfg, const struct catalogue *cat,
			      const struct pub_list *l, date_t on, const char *subtitle, struct err *e)
{
	const char *kind = NULL;
	int seq = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct pub_row *r = &l->rows[i];
		if (kind == NULL || strcmp(kind, r->kind) != 0) {
			if (kind != NULL)
				announcement_footer(x, cfg, on);
			kind = r->kind;
			seq = 0;
			if (begin_sheet(x, cfg, cat, kind, "对象公布名单", subtitle, ann_cols, 4, e) != 0)
				return -1;
		}
		xlsx_int(x, 0, ++seq);
		xlsx_text(x, 1, r->name);
		xlsx_int(x, 2, r->members);
		if (r->amount > 0)
			xlsx_money(x, 3, r->amount);
		else
			xlsx_blank(x, 3);
		xlsx_row_end(x);
	}
	announcement_footer(x, cfg, on);
	return 0;
}

int publicity_write_announcement(struct store *s, const struct config *cfg,
				 const struct catalogue *cat, int64_t village_id, date_t on,
				 const char *path, struct err *e)
{
	char village[64], subtitle[256], day[11];
	struct pub_list l;
	if (village_name(s, village_id, village, sizeof village, e) != 0 ||
	    publicity_approved(s, village_id, &l, e) != 0)
		return -1;
	if (l.n == 0) {
		pub_list_free(&l);
		return err_set(e, "%s没有已确认的救助对象，无需公布", village);
	}
	if (on == DATE_NONE)
		on = date_today();
	date_format(on, day);
	snprintf(subtitle, sizeof subtitle, "村（社区）：%s    公布日期：%s", village, day);
	struct xlsx *x;
	if (xlsx_open(&x, path, false, e) != 0) {
		pub_list_free(&l);
		return -1;
	}
	int rc = write_announcement(x, cfg, cat, &l, on, subtitle, e);
	pub_list_free(&l);
	if (rc != 0) {
		xlsx_abort(x);
		return -1;
	}
	return xlsx_commit(x, e);
}

int publicity_villages(struct store *s, struct place *out, int max, int *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;
	*n = 0;
	if (store_query(s, &st, e,
			"SELECT v.id, v.name, (SELECT count(*) FROM applications a JOIN households h "
			"ON h.id = a.household_id WHERE a.state = 'reviewed' AND h.village_id = v.id) "
			"FROM villages v ORDER BY v.id", "") != 0)
		return -1;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[*n].id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, out[*n].name, sizeof out[*n].name);
		out[*n].ready = sqlite3_column_int(st, 2);
		(*n)++;
	}
	return store_rows_end(s, st, rc, e);
}
