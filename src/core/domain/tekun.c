#include "core/domain/tekun.h"

#include <string.h>

#include "core/domain/access.h"

static int check(struct store *s, int64_t id, date_t posted, int64_t *version, struct err *e)
{
	sqlite3_stmt *st;
	char kind[32], state[24], day[11];
	if (store_query(s, &st, e, "SELECT a.version, a.kind, a.state, a.decided_on, "
			"a.end_publicity_from, h.village_id FROM applications a "
			"JOIN households h ON h.id = a.household_id WHERE a.id = ?", "i", id) != 0)
		return -1;
	if (store_row(s, st, "申请（编号 %lld）不存在", id, e) != 0)
		return -1;
	*version = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, kind, sizeof kind);
	store_col_text(st, 2, state, sizeof state);
	date_t decided = store_col_date(st, 3), already = store_col_date(st, 4);
	int64_t village = sqlite3_column_int64(st, 5);
	sqlite3_reset(st);
	if (access_check(s, ACT_CASE_PAPERS, village, e) != 0)
		return -1;
	if (strcmp(kind, "tekun") != 0)
		return err_set(e, "只有特困人员供养在终止时须公示");
	if (strcmp(state, "approved") != 0 && strcmp(state, "announced") != 0)
		return err_set(e, "申请 %lld 不在供养中，不能公示终止", (long long)id);
	if (already != DATE_NONE) {
		date_format(already, day);
		return err_set(e, "申请 %lld 已于 %s 公示终止供养", (long long)id, day);
	}
	if (posted > date_today())
		return err_set(e, "公示日期不能晚于今天");
	if (decided != DATE_NONE && posted < decided) {
		date_format(decided, day);
		return err_set(e, "公示日期不能早于批准日期 %s", day);
	}
	return 0;
}

int tekun_end_publicity_in_tx(struct store *s, const struct config *cfg, int64_t id,
			      date_t posted, date_t *until, struct err *e)
{
	int64_t version;
	char from[11], to[11];
	if (!store_in_transaction(s))
		return err_set(e, "内部错误：公示终止须在事务中进行");
	if (posted == DATE_NONE)
		posted = date_today();
	if (check(s, id, posted, &version, e) != 0)
		return -1;
	date_t end = config_publicity_end(cfg, posted, config_limits(cfg, "tekun")->publicity_days);
	date_format(posted, from);
	date_format(end, to);
	struct field f[] = { F_TEXT("end_publicity_from", from), F_TEXT("end_publicity_to", to) };
	if (store_update(s, "applications", id, version, f, 2, e) != 0)
		return -1;
	if (until != NULL)
		*until = end;
	return 0;
}

int tekun_end_publicity(struct store *s, const struct config *cfg, int64_t id, date_t posted,
			date_t *until, struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (tekun_end_publicity_in_tx(s, cfg, id, posted, until, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}
