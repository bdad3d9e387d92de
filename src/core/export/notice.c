#include "core/export/notice.h"

#include <stdio.h>
#include <string.h>

#include "core/export/xlsx.h"

struct notice {
	char name[64], village[64], kind[32], items[512], on[11], deadline[11];
};

static int load(struct store *s, int64_t id, struct notice *n, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e,
			"SELECT p.name, v.name, a.kind, a.missing_items, a.missing_notice_on, a.missing_deadline "
			"FROM applications a JOIN persons p ON p.id = a.applicant_id "
			"JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id "
			"WHERE a.id = ?", "i", id) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *cols[6];
		for (int i = 0; i < 6; i++)
			cols[i] = (const char *)sqlite3_column_text(st, i);
		snprintf(n->name, sizeof n->name, "%s", cols[0] ? cols[0] : "");
		snprintf(n->village, sizeof n->village, "%s", cols[1] ? cols[1] : "");
		snprintf(n->kind, sizeof n->kind, "%s", cols[2] ? cols[2] : "");
		snprintf(n->items, sizeof n->items, "%s", cols[3] ? cols[3] : "");
		snprintf(n->on, sizeof n->on, "%s", cols[4] ? cols[4] : "");
		snprintf(n->deadline, sizeof n->deadline, "%s", cols[5] ? cols[5] : "");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? err_set(e, "申请（编号 %lld）不存在", (long long)id)
					 : store_step_error(s, rc, e);
	if (n->items[0] == '\0')
		return err_set(e, "这件申请没有一次性告知（没有登记缺少的材料）");
	return 0;
}

/* Splits the list of materials on the separators a clerk types. */
static int split_items(char *items, char *out[], int max)
{
	int n = 0;
	char *p = items;
	while (*p && n < max) {
		static const char *const seps[] = { "、", "，", "；", ",", ";", "\n" };
		char *cut = NULL;
		size_t len = 0;
		for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
			char *q = strstr(p, seps[i]);
			if (q != NULL && (cut == NULL || q < cut))
				cut = q, len = strlen(seps[i]);
		}
		if (cut != NULL)
			*cut = '\0';
		if (*p)
			out[n++] = p;
		if (cut == NULL)
			break;
		p = cut + len;
	}
	return n;
}

int notice_write(struct store *s, const struct config *cfg, int64_t id, const char *path,
		 struct err *e)
{
	struct notice n;
	if (load(s, id, &n, e) != 0)
		return -1;
	char subtitle[256], line[512];
	snprintf(subtitle, sizeof subtitle, "申请人：%s    村（社区）：%s    告知日期：%s",
		 n.name, n.village, n.on);
	static const struct xlsx_col cols[] = {
		{ "序号", XLSX_INT, 8 }, { "须补齐的材料", XLSX_TEXT, 70 },
	};
	struct xlsx_table t = { .title = "社会救助申请材料一次性告知书", .subtitle = subtitle,
				.cols = cols, .n_cols = 2, .portrait = true };
	struct xlsx *x;
	if (xlsx_open(&x, path, false, e) != 0)
		return -1;
	if (xlsx_table_begin(x, &t, e) != 0) {
		xlsx_abort(x);
		return -1;
	}
	char *items[64];
	int k = split_items(n.items, items, 64);
	for (int i = 0; i < k; i++) {
		xlsx_int(x, 0, i + 1);
		xlsx_text(x, 1, items[i]);
		xlsx_row_end(x);
	}
	snprintf(line, sizeof line, "请于 %s 前补齐以上全部材料；逾期未补齐的，视为自动放弃申请。", n.deadline);
	xlsx_line(x, line);
	snprintf(line, sizeof line, "%s%s人民政府（社会事务办公室）    监督举报电话：%s", cfg->county,
		 cfg->township, cfg->complaint_phone);
	xlsx_line(x, line);
	return xlsx_commit(x, e);
}
