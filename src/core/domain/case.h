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

/* The facts the steps' conditions test (wf_head.facts): the township has
 * approval power (审批权限下放); the refusal has been notified in writing;
 * the total limit has been extended for a special case; a delegated case
 * is not yet filed with the county (备案). */
enum { CASE_DELEGATED = 1, CASE_NOTIFIED = 2, CASE_EXTENDED = 4, CASE_TO_FILE = 8 };
unsigned case_facts(bool delegated, bool notified, bool extended, bool filed);

/* The application workflow of DOMAIN.md. */
extern const struct workflow case_workflow;

/* Chinese label of a state code ("received" → "已接收"), or the code. */
const char *case_state_label(const char *state);
/* The label as shown on `today`: a case whose publicity ended on
 * publicity_to is 「待确认」 (waiting for its decision, not late). */
const char *case_state_label_on(const char *state, date_t publicity_to, date_t today);
/* A repeated publicity (after an objection) says so on screen and on
 * paper: 「第二次公示」 for round 2, … ; "" for the first. */
const char *case_publicity_round_label(int round);
/* The steps allowed from `state` for `roles` on a case with `facts`
 * (case_facts): fills up to max pointers. */
size_t case_steps(const char *state, unsigned facts, unsigned roles,
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
/* The same inside the caller's transaction (a request for help becoming
 * an application, referral.c). */
int case_create_in_tx(struct store *s, const struct config *cfg, const struct catalogue *cat,
		      const struct case_new *in, int64_t *id_out, struct err *e);

/* What a step carries; unused members stay zero/NULL. */
struct case_step_in {
	const char *step;
	date_t on;		/* the day it happened (DATE_NONE = today) */
	const char *note;
	/* request_materials: the missing materials, one item each (kept as a
	 * list; an item may itself contain 、 or ，). */
	const char *const *missing;
	size_t n_missing;
	const char *opinion;	/* initial_review: include / exclude */
	int64_t amount;		/* fen: initial_review (proposed), approve */
	/* refuse: written reason; objection: content; withdraw: why;
	 * extend: one of the configured special cases */
	const char *reason;
	const char *objector;	/* objection: who objected */
	/* announce: the catalogue, to put a monthly kind on the rolls
	 * (roll.h); NULL: the case is announced but not enrolled. */
	const struct catalogue *cat;
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

/* What acceptance still waits for: each unticked material, then each adult
 * whose authorisation is unsigned ("家庭经济状况核对授权书（李四签字）").
 * 受理 is refused while any is left; they prefill the one-time notice. */
#define CASE_UNMET_MAX 32
struct case_unmet {
	char item[CASE_UNMET_MAX][192];
	int n;
};
int case_unmet(struct store *s, int64_t id, struct case_unmet *out, struct err *e);

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
	bool clock;		/* a period running out (publicity), not a task */
	/* A working-day date past the holiday calendar's last year: counted
	 * with weekends only until that year's holidays are published. */
	bool provisional;
};

/* The dates of an application that its deadlines depend on. */
struct case_dates {
	const char *kind;
	const char *state;
	date_t received_on, missing_deadline, accepted_on, publicity_to,
	       county_submitted_on, decided_on, refusal_notified_on, county_filed_on;
	bool delegated, special_extension;
};

/* Fills out[] with the deadlines that apply in d->state on `today` (at
 * most 4). Once publicity has ended the case is 「待确认」: due, not
 * overdue, until the confirmation limit (the total limit). */
size_t case_deadlines_of(const struct config *cfg, const struct case_dates *d,
			 date_t today, struct deadline *out);
/* The earliest of them that is a task, not a clock (DATE_NONE when
 * none): kept in next_due_on, which the overdue count reads. */
date_t case_next_due(const struct config *cfg, const struct case_dates *d,
		     const char **what);

/* The deadlines that apply to the application in its current state. */
int case_deadlines(struct store *s, const struct config *cfg, int64_t id, date_t today,
		   struct deadline *out, size_t max, size_t *n, struct err *e);

/* ---- correcting an application's facts (not a step) ---- */

/* The facts typed at registration, as they stand. */
struct case_facts {
	char kind[32];		/* catalogue code */
	char channel[16];	/* window, online, agent */
	int64_t agent_id;	/* 0: none */
	date_t received_on;
	bool delegated, urgent;
	char close_relative_note[256];	/* "": nothing declared */
};

int case_facts_load(struct store *s, int64_t id, struct case_facts *f, int64_t *version,
		    char state[16], struct err *e);
/* Corrects the facts of application `id` (version check, audit row, a
 * timeline row naming what changed) until a decision is made; refused with
 * a message once it is decided or withdrawn. A new kind brings its
 * materials checklist (ticks of the materials both kinds ask kept); a new
 * received date adds authorisation rows for members then adult; the next
 * deadline is computed again. One transaction. */
int case_correct(struct store *s, const struct config *cfg, const struct catalogue *cat,
		 int64_t id, int64_t version, const struct case_facts *f, date_t today,
		 struct err *e);

#endif
