/* 帮办代办 entrustments (seed 004): registered by a helper agent, then
 * 一次性告知 / out of scope / handled within the time limit → feedback or
 * termination (papers handed back) → the client's rating → filed. The
 * allowed steps are entrust_workflow, rows of the workflow engine like
 * case.c; every step is one transaction through store_update with a
 * version check. */
#ifndef JZ_ENTRUST_H
#define JZ_ENTRUST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/domain/workflow.h"
#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/base/date.h"
#include "core/store/page.h"
#include "core/store/store.h"

/* An entrustment's step is a row of the workflow engine; the old name
 * stays for the screens and tests that use it. */
#define entrust_transition transition

/* The states in workflow order: indexes into entrust_workflow.states
 * (codes and labels are defined there, once). */
enum entrust_state {
	ENTRUST_REGISTERED, ENTRUST_MISSING, ENTRUST_OUT_OF_SCOPE, ENTRUST_HANDLING,
	ENTRUST_FEEDBACK, ENTRUST_TERMINATED, ENTRUST_RATED, ENTRUST_FILED, ENTRUST_N_STATES
};

/* Seed 004's procedure. */
extern const struct workflow entrust_workflow;
const char *entrust_state_label(const char *state);
/* The client's ratings (评价), NULL-terminated: 满意, 基本满意, 不满意. */
extern const char *const entrust_ratings[];
/* phone/network/paper ⇄ 电话/网络/纸质. code_of accepts either; NULL when
 * neither. */
const char *entrust_channel_label(const char *code);
const char *entrust_channel_code(const char *text);
/* Chinese label of a step code ("feedback" → "反馈办理结果"), or the code. */
const char *entrust_step_label(const char *step);

/* The steps from `state` that `roles` may take (helper agents, village
 * staff and clerks). */
size_t entrust_steps(const char *state, unsigned roles, const struct entrust_transition **out,
		     size_t max);

/* A new entrustment, as the form gives it. */
struct entrust_new {
	int64_t village_id, agent_id;	/* agent: active, role 'agent' */
	const char *client_name;
	int64_t client_person_id;	/* 0 when the client is not registered */
	const char *client_phone;	/* may be NULL */
	const char *matter;		/* kind code, one of the eight helper kinds */
	const char *channel;		/* phone, network, paper (or 电话 …) */
	date_t received_on;		/* DATE_NONE = today */
	const char *note;
};

/* Registers an entrustment in state `registered` with its time limit:
 * due_on = received_on + helper_handle working days of the matter's kind. */
int entrust_create(struct store *s, const struct config *cfg, const struct catalogue *cat,
		   const struct entrust_new *in, int64_t *id_out, struct err *e);

/* What a step carries; unused members stay zero/NULL. */
struct entrust_step_in {
	const char *step;
	date_t on;		/* DATE_NONE = today */
	const char *missing_items;	/* notify_missing */
	const char *result;	/* feedback: 办理结果 */
	const char *reason;	/* out_of_scope, terminate */
	bool papers_returned;	/* terminate: papers handed back */
	const char *rating;	/* rate: one of entrust_ratings */
	const char *note;
};

/* Takes one step on entrustment `id` if its version is still `version`
 * (-1: no check). Checks the state allows it, the store's actor's role and
 * area, and the step's rules. */
int entrust_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		  const struct entrust_step_in *in, struct err *e);

/* Links the application the entrustment produced. When the client is a
 * registered person, the application must be of the client's household. */
int entrust_link_application(struct store *s, int64_t id, int64_t version, int64_t app_id,
			     struct err *e);

/* Everything about one entrustment, for its screen. */
struct entrust_view {
	int64_t id, version, village_id, agent_id, client_person_id, application_id;
	int64_t household_id;	/* of the client, 0 when not registered */
	char village[64], agent[64], agent_phone[32], client_name[64], client_phone[32];
	char matter[32], channel[16], state[16];
	char received[11], due[11], replied[11], filed[11];
	char missing_items[512], result[512], terminated_reason[512], rating[16], note[512];
	bool papers_returned;
	char app_state[16], app_kind[32];
	date_t app_publicity_to;	/* shown 待确认 once past (case_state_label_on) */
	int days_left;		/* working days to due_on, when open */
	bool open;		/* due date still running */
};

int entrust_load(struct store *s, const struct config *cfg, int64_t id, date_t today,
		 struct entrust_view *v, struct err *e);

/* The list: newest first (received_on, id descending), filtered. */
struct entrust_filter {
	int64_t village_id;	/* 0 = all */
	char state[16];		/* "" = all */
};

struct entrust_key {
	char received[11];
	int64_t id;
};

struct entrust_row {
	struct entrust_key key;
	int64_t id;
	char village[64], client[64], agent[64], matter[32], state[16], due[11];
	bool overdue;		/* open and past due_on */
};

/* Up to max rows after `after` (NULL: from the newest). */
int entrust_page(struct store *s, const struct entrust_filter *f, const struct entrust_key *after,
		 date_t today, struct entrust_row *out, int max, int *n, struct err *e);
/* The same both ways, for a list that scrolls: rows after the key (older),
 * before it (newer; still newest first), or from it on (itself included).
 * A NULL key: from the newest, or (before) back from the oldest. */
int entrust_page_dir(struct store *s, const struct entrust_filter *f,
		     const struct entrust_key *key, enum page_dir dir, date_t today,
		     struct entrust_row *out, int max, int *n, struct err *e);

#endif
