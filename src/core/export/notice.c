#include "core/export/notice.h"

#include <stdio.h>
#include <string.h>

#include "core/export/xlsx.h"
#include "core/office/validate.h"

/* What both notices print of an application. */
struct notice {
	char name[64], id_masked[20], village[64], kind[32], state[16], received[11];
	char on[11], deadline[11];	/* one-time notice: its day and deadline */
	char reason[1024], decided[11], notified[11];	/* refusal */
	bool delegated, has_items;
};

static int load(struct store *s, int64_t id, struct notice *n, struct err *e)
{
	sqlite3_stmt *st;
	char idnum[32];
	if (store_query(s, &st, e,
			"SELECT p.name, p.id_number, v.name, a.kind, a.state, a.received_on, "
			"a.missing_notice_on, a.missing_deadline, a.refusal_reason, a.decided_on, "
			"a.refusal_notified_on, a.delegated, json_array_length(a.missing_items) > 0 "
			"FROM applications a JOIN persons p ON p.id = a.applicant_id "
			"JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id "
			"WHERE a.id = ?", "i", id) != 0 ||
	    store_row(s, st, "申请（编号 %lld）不存在", id, e) != 0)
		return -1;
	store_col_text(st, 0, n->name, sizeof n->name);
	store_col_text(st, 1, idnum, sizeof idnum);
	idcard_mask(idnum, n->id_masked);
	store_col_text(st, 2, n->village, sizeof n->village);
	store_col_text(st, 3, n->kind, sizeof n->kind);
	store_col_text(st, 4, n->state, sizeof n->state);
	store_col_text(st, 5, n->received, sizeof n->received);
	store_col_text(st, 6, n->on, sizeof n->on);
	store_col_text(st, 7, n->deadline, sizeof n->deadline);
	store_col_text(st, 8, n->reason, sizeof n->reason);
	store_col_text(st, 9, n->decided, sizeof n->decided);
	store_col_text(st, 10, n->notified, sizeof n->notified);
	n->delegated = sqlite3_column_int(st, 11);
	n->has_items = sqlite3_column_int(st, 12);
	sqlite3_reset(st);
	return 0;
}

static const char *kind_name(const struct catalogue *cat, const char *code)
{
	const struct kind *k = catalogue_kind(cat, code);
	return k != NULL ? k->name : code;
}

static void office_line(struct xlsx *x, const struct config *cfg, const char *day)
{
	char line[512];
	snprintf(line, sizeof line, "%s%s人民政府（社会事务办公室）（盖章）    %s", cfg->county,
		 cfg->township, day);
	xlsx_line(x, line);
}

/* The applicant signs for the notice on the township's copy. */
static void receipt_line(struct xlsx *x)
{
	xlsx_line(x, "申请人签收：　　　　　　　　日期：");
}

/* One row per item, read from the stored list: never split again. */
static int write_items(struct store *s, struct xlsx *x, int64_t id, struct err *e)
{
	sqlite3_stmt *st;
	int rc, k = 0;
	if (store_query(s, &st, e, "SELECT j.value FROM applications a, json_each(a.missing_items) j "
			"WHERE a.id = ? ORDER BY j.key", "i", id) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xlsx_int(x, 0, ++k);
		xlsx_text(x, 1, (const char *)sqlite3_column_text(st, 0));
		xlsx_row_end(x);
	}
	return store_rows_end(s, st, rc, e);
}

int notice_write(struct store *s, const struct config *cfg, const struct catalogue *cat,
		 int64_t id, const char *path, struct err *e)
{
	struct notice n;
	if (load(s, id, &n, e) != 0)
		return -1;
	if (!n.has_items)
		return err_set(e, "这件申请没有一次性告知（没有登记缺少的材料）");
	char subtitle[512], line[512], due[CALENDAR_DAY_TEXT];
	date_t deadline;
	snprintf(subtitle, sizeof subtitle, "申请人：%s    村（社区）：%s    申请事项：%s    告知日期：%s",
		 n.name, n.village, kind_name(cat, n.kind), n.on);
	static const struct xlsx_col cols[] = {
		{ "序号", XLSX_INT, 8 }, { "须补齐的材料", XLSX_TEXT, 70 },
	};
	struct xlsx_table t = { .title = "社会救助申请材料一次性告知书", .subtitle = subtitle,
				.cols = cols, .n_cols = 2, .portrait = true };
	struct xlsx *x;
	if (xlsx_open(&x, path, false, e) != 0)
		return -1;
	if (xlsx_table_begin(x, &t, e) != 0 || write_items(s, x, id, e) != 0) {
		xlsx_abort(x);
		return -1;
	}
	if (date_parse(n.deadline, &deadline) == 0)
		calendar_due_text(&cfg->cal, deadline, due);
	else
		snprintf(due, sizeof due, "%s", n.deadline);
	snprintf(line, sizeof line, "请于 %s 前补齐以上全部材料；逾期未补齐的，视为自动放弃申请。", due);
	xlsx_line(x, line);
	snprintf(line, sizeof line, "监督举报电话：%s", cfg->complaint_phone);
	xlsx_line(x, line);
	office_line(x, cfg, n.on);
	receipt_line(x);
	return xlsx_commit(x, e);
}

/* The applicant's remedies: object to the office, or seek administrative
 * review (行政复议法: 60 days) or sue (行政诉讼法 第四十六条: 6 months). */
static void remedy_lines(struct xlsx *x, const struct config *cfg)
{
	char line[1024];
	snprintf(line, sizeof line, "如对本决定有异议，可自收到本通知书之日起向%s人民政府（社会事务办公室）"
		 "或%s民政局提出，并提供相关证明材料。", cfg->township, cfg->county);
	xlsx_line(x, line);
	snprintf(line, sizeof line, "如不服本决定，可自收到本通知书之日起六十日内向%s人民政府申请行政复议，"
		 "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。", cfg->county);
	xlsx_line(x, line);
}

static void refusal_rows(struct xlsx *x, const struct notice *n, const struct config *cfg,
			 const struct catalogue *cat)
{
	char who[160];
	/* The township decides where approval is delegated, else the county. */
	snprintf(who, sizeof who, n->delegated ? "%s人民政府" : "%s民政局",
		 n->delegated ? cfg->township : cfg->county);
	const char *rows[][2] = {
		{ "申请人", n->name }, { "身份证号码", n->id_masked }, { "村（社区）", n->village },
		{ "申请事项", kind_name(cat, n->kind) }, { "申请日期", n->received },
		{ "决定机关", who }, { "决定日期", n->decided }, { "决定", "不予确认" },
		{ "不予确认的理由", n->reason },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		xlsx_text(x, 0, rows[i][0]);
		xlsx_text(x, 1, rows[i][1]);
		xlsx_row_end(x);
	}
}

int notice_refusal_write(struct store *s, const struct config *cfg, const struct catalogue *cat,
			 int64_t id, date_t on, const char *path, struct err *e)
{
	struct notice n;
	char day[11], subtitle[256];
	if (load(s, id, &n, e) != 0)
		return -1;
	if (strcmp(n.state, "refused") != 0)
		return err_set(e, "申请（编号 %lld）未作出不予确认的决定，不能出具不予确认通知书", (long long)id);
	if (n.notified[0])
		snprintf(day, sizeof day, "%s", n.notified);
	else
		date_format(on == DATE_NONE ? date_today() : on, day);
	snprintf(subtitle, sizeof subtitle, "%s：", n.name);
	static const struct xlsx_col cols[] = {
		{ "项目", XLSX_TEXT, 18 }, { "内容", XLSX_TEXT, 64 },
	};
	struct xlsx_table t = { .title = "社会救助不予确认通知书", .subtitle = subtitle,
				.cols = cols, .n_cols = 2, .portrait = true };
	struct xlsx *x;
	if (xlsx_open(&x, path, false, e) != 0)
		return -1;
	if (xlsx_table_begin(x, &t, e) != 0) {
		xlsx_abort(x);
		return -1;
	}
	refusal_rows(x, &n, cfg, cat);
	remedy_lines(x, cfg);
	snprintf(subtitle, sizeof subtitle, "监督举报电话：%s", cfg->complaint_phone);
	xlsx_line(x, subtitle);
	office_line(x, cfg, day);
	receipt_line(x);
	return xlsx_commit(x, e);
}
