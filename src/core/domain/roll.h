/* The rolls (在册): the households receiving a kind paid monthly, from the
 * announcement (公布) of their application until assistance ends. Each row
 * is a record of roll_workflow, a table of the one workflow engine:
 * an amount change waits for the leader's confirmation, a suspension is
 * resumed, an end of 特困 support is publicised ([limits.tekun]
 * publicity_days, counted as [periods] says) before the leader confirms
 * it, any other end is at once. This is the one path that ends support:
 * the screens, the periodic review and the alert "tekun_end" all use it. Every step is one
 * transaction with a version check, an audit row and a roll_events row.
 * Amounts are in fen. */
#ifndef JZ_ROLL_H
#define JZ_ROLL_H

#include <stdint.h>

#include "core/domain/workflow.h"
#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/store/store.h"

enum roll_state {
	ROLL_ACTIVE, ROLL_CHANGE_PENDING, ROLL_SUSPENDED, ROLL_END_PENDING, ROLL_ENDED,
	ROLL_N_STATES
};

extern const struct workflow roll_workflow;

const char *roll_state_label(const char *state);
const char *roll_step_label(const char *step);

/* Puts application `app` (just announced, inside the caller's transaction)
 * on the rolls at its approved amount from day `on`, unless its kind is
 * paid once (one_off) or it is on them already; its first re-certification
 * is due [alerts] recert_months later. */
int roll_enrol(struct store *s, const struct config *cfg, const struct catalogue *cat,
	       int64_t app, date_t on, struct err *e);

/* The rolls of applications person `person` made take their new name (the
 * list's order), inside the caller's transaction: a correction of the name. */
int roll_rename_applicant(struct store *s, int64_t person, const char *name, struct err *e);

/* Puts every announced application of a monthly kind that is not on the
 * rolls yet on them (a store made before the rolls existed), from its
 * announcement day, all in one transaction; *n how many. */
int roll_enrol_missing(struct store *s, const struct config *cfg, const struct catalogue *cat,
		       int64_t *n, struct err *e);

/* What a step carries; unused members stay zero/NULL. */
struct roll_step_in {
	const char *step;	/* change, confirm_change, reject_change, suspend,
				 * resume, end, confirm_end, keep */
	date_t on;		/* DATE_NONE = today */
	int64_t new_amount;	/* change: fen */
	const char *reason;	/* change, suspend, end, reject_change, keep */
	const char *note;
	unsigned roles;		/* narrows the store's actor's; 0: theirs */
};

/* Takes one step on roll row `id` if its version is still `version` (-1:
 * no check), in its own transaction or (_in_tx) the caller's. */
int roll_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
	       const struct roll_step_in *in, struct err *e);
int roll_apply_in_tx(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		     const struct roll_step_in *in, struct err *e);

/* The steps from `state` the roles may take, for a row of kind `kind`. */
size_t roll_steps(const char *state, const char *kind, unsigned roles,
		  const struct transition **out, size_t max);

#endif
