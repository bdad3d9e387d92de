/* 动态管理 periodic review and 待遇资格认证 re-certification of the
 * households on the rolls (roll.h). A review records the visit, what was
 * found and the outcome, sets the household's class and next review date
 * (`[review]` in tuiconfig.ini gives the months per class), and takes the
 * outcome's step on the roll row through the workflow engine — an amount
 * change waits for the leader, an end of 特困 support is publicised — all
 * in one transaction. A re-certification records the date and method of a
 * beneficiary's check and when the next is due. */
#ifndef JZ_REVIEW_H
#define JZ_REVIEW_H

#include <stdint.h>

#include "core/office/config.h"
#include "core/store/store.h"

struct review_in {
	int64_t roll_id;
	int64_t version;	/* of the roll row; -1: no check */
	date_t visited_on;	/* DATE_NONE = today */
	const char *visitors;	/* who visited */
	const char *findings;
	const char *outcome;	/* unchanged, change, suspend, end */
	const char *household_class;	/* a class of [review] */
	int64_t new_amount;	/* change: fen */
	const char *reason;	/* change, suspend, end */
};

/* The Chinese label of an outcome ("end" → "终止"), or NULL if unknown. */
const char *review_outcome_label(const char *outcome);

int review_record(struct store *s, const struct config *cfg, const struct review_in *in,
		  int64_t *id_out, struct err *e);

/* Re-certification methods: in_person 本人到场, video 视频, home 入户,
 * village 村（社区）代为认证. */
const char *recert_method_label(const char *code);
const char *recert_method_code(const char *text);

/* Records a check of the beneficiary of roll row `roll_id` on `on` by
 * `method`; the next is due [alerts] recert_months later, and the roll row
 * says so (its recert_due_on). One transaction. */
int recert_record(struct store *s, const struct config *cfg, int64_t roll_id, date_t on,
		  const char *method, int64_t *id_out, struct err *e);

#endif
