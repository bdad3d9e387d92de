/* Applications and their state machine: case_workflow, a table of
 * (from, step, to, roles, condition, rule) rows run by the workflow engine
 * (workflow.h); every step is one transaction that updates the application
 * through store_update and appends a case_events row. */
#ifndef JZ_CASE_H
#define JZ_CASE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/domain/role.h"
#include "core/domain/workflow.h"
#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/base/date.h"
#include "core/store/store.h"

/* The states of an application in workflow order: indexes into
 * case_workflow.states (codes and labels are defined there, once). */
enum case_state {
	CASE_RECEIVED, CASE_MISSING, CASE_WITHDRAWN, CASE_ACCEPTED, CASE_INVESTIGATING,
	CASE_REVIEWED, CASE_PUBLICITY, CASE_COUNTY, CASE_APPROVED, CASE_REFUSED,
	CASE_ANNOUNCED, CASE_N_STATES
};

/* The fact the steps' conditions test (wf_head.facts): the township has
 * approval power (审批权限下放). */
enum { CASE_DELEGATED = 1 };

/* The application workflow of DOMAIN.md. */
extern const struct workflow case_workflow;

/* Chinese label of a state code ("received" → "已接收"), or the code. */
const char *case_state_label(const char *state);
/* The steps allowed from `state` for `roles` on a case whose approval is
 * (or is not) delegated: fills up to max pointers. */
size_t case_steps(const char *state, bool delegated, unsigned roles,
		  const struct transition **out, size_t max);
const struct transition *case_transition(const char *from, const char *step, bool delegated);

/* A new application, as the intake form gives it. */
struct case_new {
	int64_t household_id;
	int64_t applicant_id;	/* a member of the household */
	const char *kind;	/* catalogue code */
	const char *channel;	/* window, online, agent */
	int64_t agent_id;	/* when channel is agent, else 0 */
	date_t received_on;
	bool delegated;		/* approval delegated to the township */
	bool urgent;		/* 临时救助急难型 */
	const char *close_relative_note;	/* non-NULL: declared (近亲属) */
};

/* Registers an application in state `received`, its materials checklist
 * (from the kind's catalogue entry) and one authorisation row per adult
 * member (18 or older on the day received). One transaction. */
int case_create(struct store *s, const struct config *cfg, const struct catalogue *cat,
		const struct case_new *in,
		int64_t *id_out, struct err *e);

/* What a step carries; unused members stay zero/NULL. */
struct case_step_in {
	const char *step;
	date_t on;		/* the day it happened (DATE_NONE = today) */
	const char *note;
	const char *missing_items;	/* request_materials */
	const char *opinion;	/* initial_review: include / exclude */
	int64_t amount;		/* fen: initial_review (proposed), approve */
	const char *reason;	/* refuse: written reason; objection: content */
	bool special;		/* special case: extends the total limit */
	const char *special_reason;
};

/* Takes one step on application `id` if its version is still `version`.
 * Checks the state allows it, the role may take it, and the step's own
 * rules (a refusal needs a reason, an approval an amount, confirmation waits
 * for the end of publicity …). */
int case_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
	       unsigned roles, const struct case_step_in *in, struct err *e);
/* The same inside a transaction the caller has opened (store_begin) and
 * will commit or roll back: several steps taken all-or-nothing, e.g. the
 * publicity of a village's whole list. */
int case_apply_in_tx(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		     unsigned roles, const struct case_step_in *in, struct err *e);

/* Marks a material present/absent, or an adult's authorisation signed,
 * if the row's version is still `version` (the one the screen showed; a
 * row changed meanwhile is refused naming who changed it and when). */
int case_set_material(struct store *s, int64_t material_row, int64_t version, bool present,
		      struct err *e);
int case_sign_authorisation(struct store *s, int64_t auth_row, int64_t version, date_t on,
			    const char *method, struct err *e);

/* A deadline of a case: what, when, and working days left (negative when
 * overdue). */
struct deadline {
	const char *what;	/* Chinese */
	date_t due;
	int days_left;
	bool calendar_days;	/* publicity counts calendar days */
};

/* The dates of an application that its deadlines depend on. */
struct case_dates {
	const char *kind;
	const char *state;
	date_t received_on, missing_deadline, accepted_on, publicity_to,
	       county_submitted_on, decided_on, refusal_notified_on;
	bool delegated, special_extension;
};

/* Fills out[] with the deadlines that apply in d->state (at most 3). */
size_t case_deadlines_of(const struct config *cfg, const struct case_dates *d,
			 date_t today, struct deadline *out);
/* The earliest of them (DATE_NONE when none): kept in next_due_on. */
date_t case_next_due(const struct config *cfg, const struct case_dates *d,
		     const char **what);

/* The deadlines that apply to the application in its current state. */
int case_deadlines(struct store *s, const struct config *cfg, int64_t id, date_t today,
		   struct deadline *out, size_t max, size_t *n, struct err *e);

#endif
