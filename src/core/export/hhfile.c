#include "core/export/hhfile.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/domain/roll.h"
#include "core/export/xlsx.h"
#include "core/query/rolls.h"

#define MAX_ROLLS 16
#define MAX_EVENTS 2000

static const struct xlsx_col roll_cols[] = {
	{ "救助类别", XLSX_TEXT, 14 }, { "保障金额（元/月）", XLSX_MONEY, 12 },
	{ "在册起", XLSX_DATE, 12 }, { "状态", XLSX_TEXT, 12 },
	{ "下次复核", XLSX_DATE, 12 }, { "下次资格认证", XLSX_DATE, 12 },
	{ "变动说明", XLSX_TEXT, 40 },
};

static const struct xlsx_col event_cols[] = {
	{ "日期", XLSX_DATE, 12 }, { "事项", XLSX_TEXT, 10 }, { "内容", XLSX_TEXT, 70 },
	{ "经办人", XLSX_TEXT, 14 },
};

static void date_cell(struct xlsx *x, size_t col, const char *text)
{
	date_t d;
	if (text[0] != '\0' && date_parse(text, &d) == 0)
		xlsx_date(x, col, d);
	else
		xlsx_blank(x, col);
}

static void roll_row(struct xlsx *x, const struct catalogue *cat, const struct roll_view *r)
{
	const struct kind *k = catalogue_kind(cat, r->kind);
	char note[800] = "";
	if (r->ended_on[0])
		snprintf(note, sizeof note, "%s 终止：%s", r->ended_on, r->end_reason);
	else if (r->end_publicity_to[0])
		snprintf(note, sizeof note, "终止公示至 %s：%s", r->end_publicity_to, r->end_reason);
	else if (r->suspended_on[0])
		snprintf(note, sizeof note, "%s 暂停：%s", r->suspended_on, r->suspend_reason);
	else if (r->new_amount >= 0)
		snprintf(note, sizeof note, "拟调整为 %lld.%02lld 元，待分管领导确认：%s",
			 (long long)(r->new_amount / 100), (long long)(r->new_amount % 100),
			 r->change_reason);
	xlsx_text(x, 0, k != NULL ? k->name : r->kind);
	xlsx_money(x, 1, r->amount);
	date_cell(x, 2, r->since);
	xlsx_text(x, 3, roll_state_label(r->state));
	date_cell(x, 4, r->ended_on[0] ? "" : r->next_review);
	date_cell(x, 5, r->ended_on[0] ? "" : r->recert_due);
	xlsx_text(x, 6, note);
	xlsx_row_end(x);
}

static int write_sheets(struct xlsx *x, const struct config *cfg, const struct catalogue *cat,
			const struct roll_view *rolls, int n, const struct hh_event *ev, int m,
			struct err *e)
{
	char title[256], sub[512];
	snprintf(title, sizeof title, "%s%s社会救助户档案", cfg->county, cfg->township);
	snprintf(sub, sizeof sub, "户主（申请人）：%s    村（社区）：%s    住址：%s",
		 n > 0 ? rolls[0].name : "", n > 0 ? rolls[0].village : "", n > 0 ? rolls[0].address : "");
	struct xlsx_table t1 = { .sheet = "在册情况", .title = title, .subtitle = sub,
				 .cols = roll_cols, .n_cols = sizeof roll_cols / sizeof roll_cols[0] };
	if (xlsx_table_begin(x, &t1, e) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		roll_row(x, cat, &rolls[i]);
	struct xlsx_table t2 = { .sheet = "档案记录", .title = title, .subtitle = sub,
				 .cols = event_cols, .n_cols = sizeof event_cols / sizeof event_cols[0] };
	if (xlsx_table_begin(x, &t2, e) != 0)
		return -1;
	for (int i = 0; i < m; i++) {
		date_cell(x, 0, ev[i].on);
		const struct kind *k = ev[i].kind[0] ? catalogue_kind(cat, ev[i].kind) : NULL;
		char text[400];
		snprintf(text, sizeof text, "%s%s%s", k != NULL ? k->name : ev[i].kind,
			 ev[i].kind[0] ? "：" : "", ev[i].text);
		xlsx_text(x, 1, ev[i].what);
		xlsx_text(x, 2, text);
		xlsx_text(x, 3, ev[i].who);
		xlsx_row_end(x);
	}
	return 0;
}

int hhfile_write(struct store *s, const struct config *cfg, const struct catalogue *cat,
		 int64_t household_id, const char *path, struct err *e)
{
	struct roll_view *rolls = calloc(MAX_ROLLS, sizeof *rolls);
	struct hh_event *ev = calloc(MAX_EVENTS, sizeof *ev);
	struct xlsx *x = NULL;
	int n = 0, m = 0, rc = -1;
	if (rolls == NULL || ev == NULL)
		err_set(e, "内存不足，未能导出户档案");
	else if (rolls_of_household(s, household_id, rolls, MAX_ROLLS, &n, e) == 0 &&
		 rolls_history(s, household_id, ev, MAX_EVENTS, &m, e) == 0 &&
		 xlsx_open(&x, path, false, e) == 0) {
		if (write_sheets(x, cfg, cat, rolls, n, ev, m, e) == 0)
			rc = xlsx_commit(x, e);
		else
			xlsx_abort(x);
	}
	free(rolls);
	free(ev);
	return rc;
}
