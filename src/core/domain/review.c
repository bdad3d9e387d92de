#include "core/domain/review.h"

#include <string.h>

#include "core/base/text.h"
#include "core/domain/access.h"
#include "core/domain/roll.h"

static const char *const outcomes[][2] = {
	{ "unchanged", "维持不变" }, { "change", "调整金额" }, { "suspend", "暂停" },
	{ "end", "终止" },
};

const char *review_outcome_label(const char *outcome)
{
	for (size_t i = 0; outcome != NULL && i < 4; i++)
		if (strcmp(outcomes[i][0], outcome) == 0)
			return outcomes[i][1];
	return NULL;
}

/* The roll row's household, village and state. */
static int roll_of(struct store *s, int64_t roll, int64_t *hh, int64_t *village, char *state,
		   size_t n, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT household_id, village_id, state FROM rolls WHERE id = ?",
			"i", roll) != 0)
		return -1;
	if (store_row(s, st, "在册记录（编号 %lld）不存在", roll, e) != 0)
		return -1;
	*hh = sqlite3_column_int64(st, 0);
	*village = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, state, n);
	sqlite3_reset(st);
	return 0;
}

static int check_review(const struct config *cfg, const struct review_in *in, date_t on,
			const struct review_interval **iv, struct err *e)
{
	if (review_outcome_label(in->outcome) == NULL)
		return err_set(e, "复核结果必须是维持不变、调整金额、暂停或终止");
	if (text_blank(in->visitors))
		return err_set(e, "请填写入户复核人员");
	if (text_blank(in->findings))
		return err_set(e, "请填写复核发现的情况");
	if (on > date_today())
		return err_set(e, "复核日期不能晚于今天");
	*iv = config_review(cfg, in->household_class);
	if (*iv == NULL)
		return err_set(e, "户类 “%s” 不在 tuiconfig.ini 的 [review] 中",
			       in->household_class ? in->household_class : "");
	return 0;
}

static int write_review(struct store *s, const struct config *cfg, const struct review_in *in,
			int64_t *id_out, struct err *e)
{
	const struct review_interval *iv;
	int64_t hh, village, hv;
	char state[24], visited[11], next[11];
	date_t on = in->visited_on == DATE_NONE ? date_today() : in->visited_on;
	if (check_review(cfg, in, on, &iv, e) != 0 ||
	    roll_of(s, in->roll_id, &hh, &village, state, sizeof state, e) != 0 ||
	    access_check(s, ACT_ROLLS, village, e) != 0)
		return -1;
	if (strcmp(state, "ended") == 0)
		return err_set(e, "该户的救助已终止，不再复核");
	date_format(on, visited);
	date_format(date_add_months(on, iv->months), next);
	struct field f[] = {
		F_INT("roll_id", in->roll_id), F_INT("household_id", hh), F_TEXT("visited_on", visited),
		F_TEXT("visitors", in->visitors), F_TEXT("findings", in->findings),
		F_TEXT("outcome", in->outcome), F_TEXT("household_class", iv->cls),
		F_TEXT("next_review_on", next),
	};
	if (store_insert(s, "reviews", f, (int)(sizeof f / sizeof f[0]), id_out, e) != 0)
		return -1;
	if (store_query_int(s, &hv, e, "SELECT version FROM households WHERE id = ?", "i", hh) != 0)
		return -1;
	struct field h[] = { F_TEXT("household_class", iv->cls), F_TEXT("next_review_on", next) };
	if (store_update(s, "households", hh, hv, h, 2, e) != 0)
		return -1;
	if (strcmp(in->outcome, "unchanged") == 0)
		return 0;
	struct roll_step_in step = { .step = in->outcome, .on = on, .new_amount = in->new_amount,
				     .reason = in->reason, .note = in->findings };
	if (roll_apply_in_tx(s, cfg, in->roll_id, in->version, &step, e) != 0)
		return err_prefix(e, "复核结果未能办理：");
	return 0;
}

int review_record(struct store *s, const struct config *cfg, const struct review_in *in,
		  int64_t *id_out, struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (write_review(s, cfg, in, id_out, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

/* ---- re-certification ---- */

static const char *const methods[][2] = {
	{ "in_person", "本人到场" }, { "video", "视频认证" }, { "home", "入户认证" },
	{ "village", "村（社区）代为认证" },
};

const char *recert_method_label(const char *code)
{
	for (size_t i = 0; code != NULL && i < 4; i++)
		if (strcmp(methods[i][0], code) == 0)
			return methods[i][1];
	return NULL;
}

const char *recert_method_code(const char *text)
{
	for (size_t i = 0; text != NULL && i < 4; i++)
		if (strcmp(methods[i][0], text) == 0 || strcmp(methods[i][1], text) == 0)
			return methods[i][0];
	return NULL;
}

static int write_recert(struct store *s, const struct config *cfg, int64_t roll, date_t on,
			const char *method, int64_t *id_out, struct err *e)
{
	sqlite3_stmt *st;
	char checked[11], next[11], state[24];
	const char *code = recert_method_code(method);
	if (code == NULL)
		return err_set(e, "认证方式必须是本人到场、视频认证、入户认证或村（社区）代为认证");
	if (on > date_today())
		return err_set(e, "认证日期不能晚于今天");
	if (store_query(s, &st, e, "SELECT r.application_id, a.applicant_id, r.village_id, r.state "
			"FROM rolls r JOIN applications a ON a.id = r.application_id WHERE r.id = ?",
			"i", roll) != 0)
		return -1;
	if (store_row(s, st, "在册记录（编号 %lld）不存在", roll, e) != 0)
		return -1;
	int64_t app = sqlite3_column_int64(st, 0), person = sqlite3_column_int64(st, 1);
	int64_t village = sqlite3_column_int64(st, 2);
	store_col_text(st, 3, state, sizeof state);
	sqlite3_reset(st);
	if (access_check(s, ACT_ROLLS, village, e) != 0)
		return -1;
	if (strcmp(state, "ended") == 0)
		return err_set(e, "该户的救助已终止，无需资格认证");
	date_format(on, checked);
	date_format(date_add_months(on, cfg->recert_months), next);
	struct field f[] = {
		F_INT("application_id", app), F_INT("person_id", person), F_TEXT("checked_on", checked),
		F_TEXT("method", code), F_TEXT("next_due_on", next),
	};
	struct field due[] = { F_TEXT("recert_due_on", next) };
	if (store_insert(s, "recertifications", f, 5, id_out, e) != 0)
		return -1;
	return store_update(s, "rolls", roll, -1, due, 1, e);
}

int recert_record(struct store *s, const struct config *cfg, int64_t roll, date_t on,
		  const char *method, int64_t *id_out, struct err *e)
{
	if (on == DATE_NONE)
		on = date_today();
	if (store_begin(s, e) != 0)
		return -1;
	if (write_recert(s, cfg, roll, on, method, id_out, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}
