/* The one workflow engine. A workflow is a const value: the table its
 * records live in, its states (code + Chinese label, in workflow order) and
 * its transitions, one row per allowed step: (from, step, to, roles,
 * condition, label, rule). Applications (case.c) and entrustments
 * (entrust.c) are two such values; a new workflow is a new table, not a new
 * engine.
 *
 * Taking a step, all in one transaction: load the record's state and
 * version, find the row (refusing with a plain message when the state, the
 * condition, the role or the area does not allow it: the roles are the
 * store's actor's, narrowed by the call's), run the row's rule, which
 * checks what the step carries and gathers the columns it sets, write them
 * with the new state through store_update_changes (version check, audit
 * row), then the row's follow-up and the workflow's event row. */
#ifndef JZ_WORKFLOW_H
#define JZ_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/date.h"
#include "core/domain/role.h"
#include "core/office/config.h"
#include "core/store/store.h"

/* Any role may take the step. */
#define ROLES_ANY (~0u)

struct wf_state {
	const char *code;	/* the state column */
	const char *label;	/* Chinese */
};

/* A condition on one fact of the record (a bit of wf_head.facts, e.g. "the
 * township has approval power"). */
struct wf_cond {
	unsigned fact;
	bool set;		/* the step needs the fact set (true) or clear */
	const char *refusal;	/* said when the step exists but the fact is wrong */
};

struct wf_step;
/* A step's rule: checks what the step carries (w->in) and adds the columns
 * it sets to c; may update the record (w->rec) so that later hooks see the
 * new values. -1 with a message refuses the step. */
typedef int (*wf_rule)(struct wf_step *w, struct changes *c, struct err *e);
/* Work after the record is written, in the same transaction: rows of other
 * tables (an objection's own row). */
typedef int (*wf_effect)(struct wf_step *w, struct err *e);

/* One allowed step. */
struct transition {
	const char *from;
	const char *step;
	const char *to;
	unsigned roles;		/* who may take it (role.h bits) */
	const struct wf_cond *when;	/* NULL: always */
	const char *label;	/* Chinese, for menus */
	wf_rule rule;		/* NULL: no rule and no columns of its own */
	wf_effect then;		/* NULL: nothing after the write */
};

/* What the engine reads of every record. A workflow's record struct
 * begins with it, so the engine can read the head of any record. */
struct wf_head {
	int64_t version;
	char state[24];		/* the old state in rules; the new one in `after` */
	unsigned facts;		/* the bits conditions test */
	date_t start;		/* no step may be dated before it */
	int64_t village_id;	/* where the record belongs: the actor's area
				 * must cover it (access.h); 0: anywhere */
};

struct workflow {
	const char *table;	/* where the records live */
	const char *noun;	/* "申请": in messages */
	const struct wf_state *states;	/* in workflow order */
	size_t n_states;
	const struct transition *rows;
	size_t n_rows;
	const char *start_label;	/* "接收日期": of wf_head.start, in messages */
	/* The refusal when no row leads from the state: a format given the
	 * state's label and the step (it may use only the first). */
	const char *not_allowed;
	const char *events;	/* the event table, or NULL: no events */
	const char *event_key;	/* its column naming the record */
	/* Reads record id into rec (which begins with struct wf_head). */
	int (*load)(struct store *s, int64_t id, void *rec, struct err *e);
	const char *(*step_label)(const char *step);	/* for not_allowed */
	wf_rule each;		/* after every row's rule (NULL: none) */
	wf_rule after;		/* after the new state is set: derived columns */
	/* A number the record has after each step, kept on the event row so
	 * that a history shows what was in force then, not now: the event
	 * table's column, and its value as an expression over the record's
	 * row (NULL: none). */
	const char *event_col, *event_expr;
};

/* One step being taken: what rules and hooks see. */
struct wf_step {
	struct store *s;
	const struct config *cfg;
	const struct transition *t;
	int64_t id;
	void *rec;		/* the workflow's record, as its load filled it */
	const void *in;		/* the workflow's own step input */
	date_t on;		/* the day the step happened */
};

/* A request to take a step. */
struct wf_call {
	int64_t id;
	int64_t version;	/* -1: no version check */
	unsigned roles;		/* of the user; only narrows the store's actor's */
	const char *step;
	date_t on;		/* DATE_NONE = today */
	void *rec;		/* storage for the record (the workflow's struct) */
	const void *in;		/* handed to the rules */
	const char *note;	/* for the event row */
};

/* The state of a code, or NULL. */
const struct wf_state *workflow_state(const struct workflow *wf, const char *code);
/* Its Chinese label, or the code itself when unknown. */
const char *workflow_state_label(const struct workflow *wf, const char *code);

/* The steps from `state` that `roles` may take on a record with `facts`:
 * fills up to max pointers into wf->rows. */
size_t workflow_steps(const struct workflow *wf, const char *state, unsigned facts,
		      unsigned roles, const struct transition **out, size_t max);
/* The row (from, step) whose condition holds for `facts`, or NULL. */
const struct transition *workflow_find(const struct workflow *wf, const char *from,
				       const char *step, unsigned facts);

/* Takes one step in its own transaction, or inside one the caller has
 * opened (store_begin) and will commit or roll back. */
int workflow_apply(const struct workflow *wf, struct store *s, const struct config *cfg,
		   const struct wf_call *call, struct err *e);
int workflow_apply_in_tx(const struct workflow *wf, struct store *s, const struct config *cfg,
			 const struct wf_call *call, struct err *e);

/* One row of the workflow's event table (the case timeline). */
struct wf_event {
	int64_t id;		/* the record */
	const char *at;		/* "YYYY-MM-DD HH:MM:SS"; NULL = now */
	const char *who;	/* NULL = the store's user */
	date_t on;
	const char *step, *from, *to;	/* from: NULL for the first event */
	const char *note;
	const int64_t *value;	/* the workflow's event_col; NULL: none */
};
int workflow_event(const struct workflow *wf, struct store *s, const struct wf_event *ev,
		   struct err *e);

#endif
