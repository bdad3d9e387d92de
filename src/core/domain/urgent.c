#include "core/domain/urgent.h"

#include <stdio.h>
#include <string.h>

#include "core/domain/access.h"

/* The kind whose urgent cases are paid first. */
#define URGENT_KIND "linshi"

struct app {
	int64_t version, village;
	char kind[32], state[24];
	int urgent;
	date_t received, decided, prepaid;
};

static int load(struct store *s, int64_t id, struct app *a, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT a.version, h.village_id, a.kind, a.state, a.urgent, "
			"a.received_on, a.decided_on, a.prepaid_on FROM applications a "
			"JOIN households h ON h.id = a.household_id WHERE a.id = ?", "i", id) != 0)
		return -1;
	if (store_row(s, st, "申请（编号 %lld）不存在", id, e) != 0)
		return -1;
	a->version = sqlite3_column_int64(st, 0);
	a->village = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, a->kind, sizeof a->kind);
	store_col_text(st, 3, a->state, sizeof a->state);
	a->urgent = sqlite3_column_int(st, 4);
	a->received = store_col_date(st, 5);
	a->decided = store_col_date(st, 6);
	a->prepaid = store_col_date(st, 7);
	sqlite3_reset(st);
	return 0;
}

static int check(const struct app *a, int64_t amount, date_t on, struct err *e)
{
	char day[11];
	if (strcmp(a->kind, URGENT_KIND) != 0 || !a->urgent)
		return err_set(e, "只有急难型临时救助申请可以先行救助");
	if (a->prepaid != DATE_NONE) {
		date_format(a->prepaid, day);
		return err_set(e, "该申请已于 %s 先行救助", day);
	}
	if (a->decided != DATE_NONE || strcmp(a->state, "withdrawn") == 0)
		return err_set(e, "申请已%s，不能再登记先行救助",
			       a->decided != DATE_NONE ? "作出决定" : "撤回");
	if (amount <= 0)
		return err_set(e, "先行救助金额必须大于 0");
	if (on > date_today())
		return err_set(e, "发放日期不能晚于今天");
	if (on < a->received) {
		date_format(a->received, day);
		return err_set(e, "发放日期不能早于接收日期 %s", day);
	}
	return 0;
}

static int prepay_rows(struct store *s, int64_t id, int64_t version, int64_t amount, date_t on,
		       struct err *e)
{
	struct app a;
	char day[11];
	if (load(s, id, &a, e) != 0 || access_check(s, ACT_CASE_PAPERS, a.village, e) != 0)
		return -1;
	if (version >= 0 && a.version != version)
		return store_conflict(s, "applications", id, "申请", e);
	if (check(&a, amount, on, e) != 0)
		return -1;
	date_format(on, day);
	struct field f[] = { F_TEXT("prepaid_on", day), F_INT("prepaid_amount", amount) };
	return store_update(s, "applications", id, a.version, f, 2, e);
}

int urgent_prepay(struct store *s, int64_t id, int64_t version, int64_t amount_fen, date_t on,
		  struct err *e)
{
	if (on == DATE_NONE)
		on = date_today();
	if (store_begin(s, e) != 0)
		return -1;
	if (prepay_rows(s, id, version, amount_fen, on, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

date_t urgent_paperwork_due(const struct config *cfg, const char *kind, date_t paid_on)
{
	return calendar_add_workdays(&cfg->cal, paid_on, config_limits(cfg, kind)->urgent_paperwork);
}
