/* Running a report: its query under a read-only authorizer, streamed row
 * by row into xlsx.c. */
#include "core/export/report.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/date.h"
#include "core/domain/access.h"
#include "core/domain/case.h"
#include "core/export/xlsx.h"
#include "core/store/verify.h"

/* ---- SQL functions for report queries ---- */

static const char *const channel_labels[][2] = {
	{ "window", "窗口" }, { "online", "网上" }, { "agent", "帮办代办" },
	{ "phone", "电话" }, { "network", "网络" }, { "paper", "书面" },
};

static void label(sqlite3_context *cx, sqlite3_value *v, const char *const (*t)[2], size_t n)
{
	const char *code = (const char *)sqlite3_value_text(v);
	if (code == NULL) {
		sqlite3_result_null(cx);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i][0], code) == 0) {
			sqlite3_result_text(cx, t[i][1], -1, SQLITE_STATIC);
			return;
		}
	sqlite3_result_value(cx, v);
}

/* An application state's label, from the workflow's own table. */
static void fn_state_name(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const struct wf_state *st = workflow_state(&case_workflow, (const char *)sqlite3_value_text(argv[0]));
	(void)argc;
	if (st != NULL)
		sqlite3_result_text(cx, st->label, -1, SQLITE_STATIC);
	else
		sqlite3_result_value(cx, argv[0]);
}

static void fn_channel_name(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	label(cx, argv[0], channel_labels, sizeof channel_labels / sizeof channel_labels[0]);
}

static void fn_kind_name(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const struct catalogue *cat = sqlite3_user_data(cx);
	const char *code = (const char *)sqlite3_value_text(argv[0]);
	const struct kind *k = code && cat ? catalogue_kind(cat, code) : NULL;
	(void)argc;
	/* The catalogue outlives every statement: no copy per row. */
	if (k != NULL)
		sqlite3_result_text(cx, k->name, -1, SQLITE_STATIC);
	else
		sqlite3_result_value(cx, argv[0]);
}

/* 500102199001011234 → 5001**********1234: keeps 4 + 4. */
static void mask_id(const char *s, char *out, size_t size)
{
	size_t n = strlen(s);
	if (n < 9 || n + 1 > size) {
		snprintf(out, size, "%s", s);
		return;
	}
	memcpy(out, s, n + 1);
	memset(out + 4, '*', n - 8);
}

static void fn_mask_id(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char buf[64];
	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(cx);
		return;
	}
	mask_id(s, buf, sizeof buf);
	sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
}

/* due_text(date): a due date as printed, 「2027-01-18（暂按周末计算）」 when
 * it lies past the holiday calendar (a date cell then becomes text). */
static void fn_due_text(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const struct calendar *cal = sqlite3_user_data(cx);
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char out[CALENDAR_DAY_TEXT];
	date_t d;
	(void)argc;
	if (s == NULL || date_parse(s, &d) != 0) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	calendar_due_text(cal, d, out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

int report_register_functions(struct store *s, const struct config *cfg,
			      const struct catalogue *cat, struct err *e)
{
	sqlite3 *db = store_db(s);
	if (!store_first_time(s, STORE_ONCE_REPORT))
		return 0;
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	if (sqlite3_create_function(db, "kind_name", 1, flags, (void *)cat, fn_kind_name, NULL, NULL) ||
	    sqlite3_create_function(db, "state_name", 1, flags, NULL, fn_state_name, NULL, NULL) ||
	    sqlite3_create_function(db, "channel_name", 1, flags, NULL, fn_channel_name, NULL, NULL) ||
	    sqlite3_create_function(db, "mask_id", 1, flags, NULL, fn_mask_id, NULL, NULL) ||
	    sqlite3_create_function(db, "due_text", 1, flags, (void *)&cfg->cal, fn_due_text, NULL, NULL))
		return err_set(e, "无法登记报表用的 SQL 函数：%s", sqlite3_errmsg(db));
	return 0;
}

/* ---- preparing a query, read-only ---- */

/* A report's SQL is editable by the office: while it is prepared, only
 * reading is authorised (no INSERT/UPDATE/DELETE, DDL, ATTACH, PRAGMA). */
static int read_only(void *ctx, int action, const char *a, const char *b,
		     const char *c, const char *d)
{
	(void)ctx, (void)a, (void)b, (void)c, (void)d;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	default:
		return SQLITE_DENY;
	}
}

static const char *const bind_names[] = {
	":village", ":township", ":county", ":from", ":to", ":quarter_from", ":quarter_to",
};

static int prepare(sqlite3 *db, const char *file, int line, const char *sql,
		   size_t n_cols, sqlite3_stmt **out, struct err *e)
{
	const char *tail = NULL;
	*out = NULL;
	sqlite3_set_authorizer(db, read_only, NULL);
	int rc = sqlite3_prepare_v2(db, sql, -1, out, &tail);
	sqlite3_set_authorizer(db, NULL, NULL);
	if (rc != SQLITE_OK) {
		const char *msg = sqlite3_errmsg(db);
		if (rc == SQLITE_AUTH)
			msg = "查询试图修改数据（报表只能读）";
		return err_set(e, "报表文件 %s 第 %d 行：query 有错：%s", file, line, msg);
	}
	while (tail && (isspace((unsigned char)*tail) || *tail == ';'))
		tail++;
	const char *why = NULL;
	if (*out == NULL)
		why = "是空的";
	else if (tail && *tail)
		why = "只能有一条语句";
	else if (!sqlite3_stmt_readonly(*out))
		why = "不是只读的 SELECT（报表不能修改数据）";
	else if ((size_t)sqlite3_column_count(*out) != n_cols)
		why = "的列数与报表的列数不符";
	for (int i = 1; why == NULL && i <= sqlite3_bind_parameter_count(*out); i++) {
		const char *name = sqlite3_bind_parameter_name(*out, i);
		bool known = false;
		for (size_t k = 0; name && k < sizeof bind_names / sizeof bind_names[0]; k++)
			known = known || strcmp(name, bind_names[k]) == 0;
		if (!known)
			why = "用了不认识的参数（可用 :village :township :county :from :to "
			      ":quarter_from :quarter_to）";
	}
	if (why != NULL) {
		if (*out != NULL && (size_t)sqlite3_column_count(*out) != n_cols &&
		    strstr(why, "列数") != NULL)
			err_set(e, "报表文件 %s 第 %d 行：query 有 %d 列，报表定义了 %zu 列（序号列除外）",
				file, line, sqlite3_column_count(*out), n_cols);
		else
			err_set(e, "报表文件 %s 第 %d 行：query %s", file, line, why);
		sqlite3_finalize(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int reports_check(const struct report_set *set, sqlite3 *db, struct err *e)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct report_def *r = &set->defs[i];
		sqlite3_stmt *st;
		if (prepare(db, r->file, r->query_line, r->query, r->n_query_cols, &st, e) != 0)
			return -1;
		sqlite3_finalize(st);
		if (r->has_chart) {
			if (prepare(db, r->file, r->chart_query_line, r->chart_query, 2, &st, e) != 0)
				return -1;
			sqlite3_finalize(st);
		}
	}
	return 0;
}

/* ---- parameters ---- */

int report_quarter(const char *q, date_t *from, date_t *to)
{
	if (strlen(q) != 6 || (q[4] != 'Q' && q[4] != 'q') || q[5] < '1' || q[5] > '4')
		return -1;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)q[i]))
			return -1;
	int y = atoi(q), n = q[5] - '0';
	if (y < 1900)
		return -1;
	*from = date_from_ymd(y, 3 * n - 2, 1);
	*to = n == 4 ? date_from_ymd(y, 12, 31) : date_from_ymd(y, 3 * n + 1, 1) - 1;
	return 0;
}

static const struct { unsigned bit; const char *opt; } options[] = {
	{ RP_VILLAGE, "--village 村（社区）名" }, { RP_QUARTER, "--quarter YYYYQn" },
	{ RP_TOWNSHIP, "--township 乡镇（街道）名" },
	{ RP_FROM, "--from YYYY-MM-DD" }, { RP_TO, "--to YYYY-MM-DD" },
};

void report_params_usage(const struct report_def *r, char *out, size_t size)
{
	size_t len = 0;
	*out = '\0';
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
		if (!(r->params & options[i].bit))
			continue;
		bool opt = !(r->required & options[i].bit);
		int n = snprintf(out + len, size - len, "%s%s%s%s", len ? " " : "", opt ? "[" : "",
				 options[i].opt, opt ? "]" : "");
		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
}

static const char *given(const struct report_params *p, unsigned bit)
{
	switch (bit) {
	case RP_VILLAGE: return p->village;
	case RP_TOWNSHIP: return p->township;
	case RP_FROM: return p->from;
	case RP_TO: return p->to;
	default: return p->quarter;
	}
}

static int exists(struct store *s, const char *sql, const char *name, bool *yes, struct err *e)
{
	int64_t n;
	if (store_query_int(s, &n, e, sql, "s", name) != 0)
		return -1;
	*yes = n > 0;
	return 0;
}

int report_params_check(struct store *s, const struct report_def *r,
			const struct report_params *p, struct err *e)
{
	char usage[256];
	report_params_usage(r, usage, sizeof usage);
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
		unsigned bit = options[i].bit;
		const char *v = given(p, bit);
		int len = (int)strcspn(options[i].opt, " ");
		if ((r->required & bit) && v == NULL)
			return err_set(e, "报表 %s 需要 %s（用法：jiuzhu export %s %s -o 文件）",
				       r->id, options[i].opt, r->id, usage);
		if (!(r->params & bit) && v != NULL)
			return err_set(e, "报表 %s 不用 %.*s（用法：jiuzhu export %s %s%s-o 文件）",
				       r->id, len, options[i].opt, r->id, usage, *usage ? " " : "");
	}
	date_t from = 0, to = 0;
	if (p->from && date_parse(p->from, &from) != 0)
		return err_set(e, "--from 的值 “%s” 不是有效日期（格式 YYYY-MM-DD）", p->from);
	if (p->to && date_parse(p->to, &to) != 0)
		return err_set(e, "--to 的值 “%s” 不是有效日期（格式 YYYY-MM-DD）", p->to);
	if (p->from && p->to && from > to)
		return err_set(e, "--from %s 晚于 --to %s", p->from, p->to);
	if (p->quarter && report_quarter(p->quarter, &from, &to) != 0)
		return err_set(e, "--quarter 的值 “%s” 不对（应为 年份Q季度，如 2026Q3，季度 1 到 4）",
			       p->quarter);
	bool ok;
	if (p->village) {
		if (exists(s, "SELECT count(*) FROM villages WHERE name = ?", p->village, &ok, e) != 0)
			return -1;
		if (!ok)
			return err_set(e, "--village：数据库中没有村（社区）“%s”", p->village);
	}
	if (p->township) {
		if (exists(s, "SELECT count(*) FROM townships WHERE name = ?", p->township, &ok, e) != 0)
			return -1;
		if (!ok)
			return err_set(e, "--township：数据库中没有乡镇（街道）“%s”", p->township);
	}
	return 0;
}

/* ---- the export ---- */

/* The township of the report's village: a village's ledger (附件1) names
 * it where seed 004 has the placeholder 「乡镇（街道）」. */
static int village_township(struct store *s, const char *village, char *out, size_t n,
			    struct err *e)
{
	sqlite3_stmt *st;
	*out = '\0';
	if (store_query(s, &st, e, "SELECT t.name FROM villages v JOIN townships t "
			"ON t.id = v.township_id WHERE v.name = ? ORDER BY t.id LIMIT 1",
			"s", village) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_col_text(st, 0, out, n);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

/* The values of the placeholders and :parameters of one run. */
struct values {
	const char *village, *township, *county, *phone;
	char from[11], to[11], quarter[32];
	char due[96];		/* the quarterly ledger's due dates, from [quarterly] */
	char audit_head[96];	/* the audit chain's head as the ledger is made */
	bool has_from, has_to;
};

/* "6月25日、9月25日、12月25日": the office's [quarterly] due dates as the
 * printed note says them. */
static void due_text(const struct config *cfg, char *out, size_t n)
{
	size_t len = 0;
	*out = '\0';
	for (size_t i = 0; i < cfg->n_quarterly_due && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%d月%d日", i ? "、" : "",
					cfg->quarterly_due[i][0], cfg->quarterly_due[i][1]);
}

static void resolve(const struct config *cfg, const struct report_params *p, struct values *v)
{
	memset(v, 0, sizeof *v);
	v->village = p->village;
	v->township = p->township;
	v->county = cfg->county;
	v->phone = cfg->complaint_phone;
	due_text(cfg, v->due, sizeof v->due);
	if (p->quarter) {
		date_t a, b;
		report_quarter(p->quarter, &a, &b);
		date_format(a, v->from);
		date_format(b, v->to);
		v->has_from = v->has_to = true;
		snprintf(v->quarter, sizeof v->quarter, "%.4s年第%c季度", p->quarter, p->quarter[5]);
	}
	if (p->from) {
		snprintf(v->from, sizeof v->from, "%s", p->from);
		v->has_from = true;
	}
	if (p->to) {
		snprintf(v->to, sizeof v->to, "%s", p->to);
		v->has_to = true;
	}
}

static const char *placeholder(const struct values *v, const char *name, size_t n)
{
	static const char *const names[] = { "village", "township", "county", "from", "to", "quarter",
					     "due", "audit_head", "phone" };
	const char *vals[] = { v->village, v->township, v->county,
			       v->has_from ? v->from : NULL, v->has_to ? v->to : NULL,
			       *v->quarter ? v->quarter : NULL, v->due, v->audit_head, v->phone };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && strncmp(names[i], name, n) == 0)
			return vals[i] ? vals[i] : "";
	return NULL;
}

/* Fills {village} … in a title line; an unknown {x} is kept as written. */
static void expand(const char *in, const struct values *v, char *out, size_t size)
{
	size_t len = 0;
	while (*in && len + 1 < size) {
		const char *close = *in == '{' ? strchr(in, '}') : NULL;
		const char *val = close ? placeholder(v, in + 1, (size_t)(close - in - 1)) : NULL;
		if (val != NULL) {
			len += (size_t)snprintf(out + len, size - len, "%s", val);
			if (len >= size)
				len = size - 1;
			in = close + 1;
		} else {
			out[len++] = *in++;
		}
	}
	out[len] = '\0';
	/* An empty last placeholder leaves a trailing (full-width) space. */
	for (;;) {
		if (len > 0 && out[len - 1] == ' ')
			out[--len] = '\0';
		else if (len >= 3 && memcmp(out + len - 3, "\xE3\x80\x80", 3) == 0)
			out[len -= 3] = '\0';
		else
			break;
	}
}

static void bind_all(sqlite3_stmt *st, const struct values *v)
{
	for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
		const char *n = sqlite3_bind_parameter_name(st, i), *val = NULL;
		if (n == NULL)
			continue;
		if (strcmp(n, ":village") == 0)
			val = v->village;
		else if (strcmp(n, ":township") == 0)
			val = v->township;
		else if (strcmp(n, ":county") == 0)
			val = v->county;
		else if (strcmp(n, ":from") == 0 || strcmp(n, ":quarter_from") == 0)
			val = v->has_from ? v->from : NULL;
		else if (strcmp(n, ":to") == 0 || strcmp(n, ":quarter_to") == 0)
			val = v->has_to ? v->to : NULL;
		if (val != NULL)
			sqlite3_bind_text(st, i, val, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, i);
	}
}

/* The row count for progress, from a count(*) wrapper around the query.
 * -1 (no count, deliberately not an error) when it fails: the bar then
 * shows rows without a total, and the export's own query reports why. */
static long count_rows(sqlite3 *db, const char *sql, const struct values *v)
{
	size_t n = strlen(sql) + 40;
	char *wrap = malloc(n);
	sqlite3_stmt *st = NULL;
	long total = -1;
	if (wrap == NULL)
		return -1;
	snprintf(wrap, n, "SELECT count(*) FROM (%s)", sql);
	sqlite3_set_authorizer(db, read_only, NULL);
	if (sqlite3_prepare_v2(db, wrap, -1, &st, NULL) == SQLITE_OK && sqlite3_stmt_readonly(st)) {
		bind_all(st, v);
		if (sqlite3_step(st) == SQLITE_ROW)
			total = (long)sqlite3_column_int64(st, 0);
	}
	sqlite3_set_authorizer(db, NULL, NULL);
	sqlite3_finalize(st);
	free(wrap);
	return total;
}

static void write_cell(struct xlsx *x, size_t col, const struct report_col *c,
		       sqlite3_stmt *st, int qi)
{
	int t = sqlite3_column_type(st, qi);
	if (t == SQLITE_NULL) {
		xlsx_blank(x, col);
		return;
	}
	const char *s;
	date_t d;
	char masked[64];
	switch (c->type) {
	case RCOL_DATE:
		s = (const char *)sqlite3_column_text(st, qi);
		if (s && date_parse(s, &d) == 0)
			xlsx_date(x, col, d);
		else
			xlsx_text(x, col, s);
		break;
	case RCOL_INT:
		xlsx_int(x, col, sqlite3_column_int64(st, qi));
		break;
	case RCOL_MONEY:
		xlsx_money(x, col, sqlite3_column_int64(st, qi));
		break;
	default:
		s = (const char *)sqlite3_column_text(st, qi);
		if (c->mask_id && s != NULL) {
			mask_id(s, masked, sizeof masked);
			s = masked;
		}
		xlsx_text(x, col, s);
	}
}

static int stream_rows(struct store *s, const struct report_def *r, sqlite3_stmt *st,
		       struct xlsx *x, progress_fn progress, void *ctx, long total,
		       struct err *e)
{
	long row = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row++;
		int qi = 0;
		for (size_t c = 0; c < r->n_cols; c++) {
			if (r->cols[c].type == RCOL_SEQ)
				xlsx_int(x, c, row);
			else
				write_cell(x, c, &r->cols[c], st, qi++);
		}
		xlsx_row_end(x);
		if (progress != NULL && row % 4096 == 0)
			progress(ctx, row, total);
	}
	if (rc != SQLITE_DONE) {
		store_step_error(s, rc, e);
		return err_prefix(e, "报表 %s（%s）的查询出错：", r->id, r->file);
	}
	if (progress != NULL)
		progress(ctx, row, total < 0 ? row : total);
	return 0;
}

static int write_main(struct store *s, const struct report_def *r, const struct values *v,
		      struct xlsx *x, progress_fn progress, void *ctx, struct err *e)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st;
	struct xlsx_col cols[64];
	char title[512], subtitle[512];
	if (r->n_cols > 64)
		return err_set(e, "报表文件 %s：列太多（最多 64 列）", r->file);
	for (size_t i = 0; i < r->n_cols; i++)
		cols[i] = (struct xlsx_col){
			.header = r->cols[i].header,
			.width = r->cols[i].width,
			.type = r->cols[i].type == RCOL_DATE ? XLSX_DATE
			      : r->cols[i].type == RCOL_MONEY ? XLSX_MONEY
			      : r->cols[i].type == RCOL_TEXT ? XLSX_TEXT : XLSX_INT,
		};
	expand(r->title, v, title, sizeof title);
	expand(r->subtitle, v, subtitle, sizeof subtitle);
	struct xlsx_table t = {
		.sheet = NULL, .title = title, .subtitle = subtitle, .cols = cols,
		.n_cols = r->n_cols, .portrait = r->portrait, .paper = r->paper,
	};
	if (prepare(db, r->file, r->query_line, r->query, r->n_query_cols, &st, e) != 0)
		return -1;
	bind_all(st, v);
	long total = progress ? count_rows(db, r->query, v) : -1;
	int rc = xlsx_table_begin(x, &t, e);
	if (rc == 0)
		rc = stream_rows(s, r, st, x, progress, ctx, total, e);
	sqlite3_finalize(st);
	if (rc != 0)
		return -1;
	if (*r->footer) {
		expand(r->footer, v, title, sizeof title);
		xlsx_line(x, title);
	}
	if (*r->note) {
		expand(r->note, v, title, sizeof title);
		xlsx_line(x, title);
	}
	return 0;
}

/* The chart's data go on a sheet of their own, with the chart beside. */
static int write_chart(struct store *s, const struct report_def *r, const struct values *v,
		       struct xlsx *x, struct err *e)
{
	sqlite3_stmt *st;
	char title[256];
	struct xlsx_col cols[2] = {
		/* Wide enough for a kind's full name on one line. */
		{ .header = r->chart_category, .type = XLSX_TEXT, .width = 16 },
		{ .header = r->chart_value, .type = XLSX_INT, .width = 10 },
	};
	expand(*r->chart_title ? r->chart_title : r->title, v, title, sizeof title);
	struct xlsx_table t = {
		.sheet = "图表", .title = title, .cols = cols, .n_cols = 2,
		.portrait = r->portrait, .paper = r->paper,
	};
	if (prepare(store_db(s), r->file, r->chart_query_line, r->chart_query, 2, &st, e) != 0)
		return -1;
	bind_all(st, v);
	int rc = xlsx_table_begin(x, &t, e), step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		xlsx_text(x, 0, (const char *)sqlite3_column_text(st, 0));
		xlsx_int(x, 1, sqlite3_column_int64(st, 1));
		xlsx_row_end(x);
	}
	if (rc == 0 && step != SQLITE_DONE) {
		store_step_error(s, step, e);
		rc = err_prefix(e, "报表 %s（%s）的图表查询出错：", r->id, r->file);
	}
	sqlite3_finalize(st);
	if (rc == 0)
		rc = xlsx_column_chart(x, title, 0, 1, e);
	return rc;
}

/* Every export is recorded (who, when, which period): the quarterly
 * ledger's alert asks whether this quarter's file was made. */
static int record_export(struct store *s, const struct report_def *r,
			 const struct report_params *p, const char *path, long rows, struct err *e)
{
	char period[32] = "", today[11];
	if (p->quarter != NULL)
		snprintf(period, sizeof period, "%s", p->quarter);
	else if (p->from != NULL || p->to != NULL)
		snprintf(period, sizeof period, "%s..%s", p->from ? p->from : "", p->to ? p->to : "");
	date_format(date_today(), today);
	struct field f[] = {
		F_TEXT("report", r->id), F_TEXT("period", period[0] ? period : NULL),
		F_TEXT("township", p->township), F_TEXT("village", p->village),
		F_TEXT("path", path), F_INT("rows", rows), F_TEXT("exported_on", today),
		F_TEXT("exported_by", store_user(s)),
	};
	/* A supervisor, who changes nothing, still leaves this trace. */
	struct store_actor saved = store_program_begin(s);
	int rc = store_begin(s, e);
	if (rc == 0 && store_insert(s, "exports", f, (int)(sizeof f / sizeof f[0]), NULL, e) != 0) {
		store_rollback(s);
		rc = -1;
	} else if (rc == 0) {
		rc = store_commit(s, e);
	}
	store_program_end(s, &saved);
	return rc;
}

int report_export(struct store *s, const struct config *cfg,
		  const struct catalogue *cat, const struct report_def *r,
		  const struct report_params *p, const char *out_path,
		  progress_fn progress, void *ctx, long *rows_out,
		  struct err *e)
{
	struct values v;
	struct xlsx *x;
	char township[64] = "";
	/* Reports read the whole store: only roles that may see it all. */
	if (access_check(s, ACT_EXPORT, 0, e) != 0 || report_params_check(s, r, p, e) != 0 ||
	    report_register_functions(s, cfg, cat, e) != 0)
		return -1;
	if (p->village != NULL && p->township == NULL &&
	    village_township(s, p->village, township, sizeof township, e) != 0)
		return -1;
	resolve(cfg, p, &v);
	/* {audit_head}: printed and signed, the ledger anchors the audit log
	 * as it was; a later rewrite of the log no longer matches it. */
	struct audit_head head;
	if (verify_head(s, &head, e) != 0)
		return -1;
	snprintf(v.audit_head, sizeof v.audit_head, "（数据库审计链头：第 %lld 条 %.16s）",
		 (long long)head.id, head.hex);
	if (*township)
		v.township = township;
	/* A chart reads its cached values back from the cells, which
	 * constant_memory has already flushed; such reports are small. */
	if (xlsx_open(&x, out_path, !r->has_chart, e) != 0)
		return -1;
	if (write_main(s, r, &v, x, progress, ctx, e) != 0)
		goto fail;
	long rows = xlsx_rows(x) - (*r->footer != 0) - (*r->note != 0);
	if (r->has_chart && write_chart(s, r, &v, x, e) != 0)
		goto fail;
	if (rows_out != NULL)
		*rows_out = rows;
	if (xlsx_commit(x, e) != 0)
		return -1;
	if (record_export(s, r, p, out_path, rows, e) != 0)
		return err_prefix(e, "文件 %s 已写好，但没能记入导出记录：", out_path);
	return 0;
fail:
	xlsx_abort(x);
	return -1;
}
