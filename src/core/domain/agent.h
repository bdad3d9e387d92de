/* 帮办代办员 (helper agents, seed 004): the roster of 附件3 by village, with
 * the villages that have no agent flagged, and adding and deactivating an
 * agent. Agents are `staff` rows with role 'agent'. */
#ifndef JZ_AGENT_H
#define JZ_AGENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/store/store.h"
#include "core/office/validate.h"

/* One line of the roster: an active agent, or (none == true) a village of
 * the office that has no active agent (the other fields then empty). */
struct agent_row {
	int64_t id, version, village_id;
	bool none;
	char township[64], village[64], name[64];
	char id_number[19], phone[32], category[64], note[128];
};

/* The roster of the configured township: every village in store order,
 * each with its active agents (by id), or one `none` row. Fills up to max
 * rows; *n is the number filled. */
int agent_roster(struct store *s, const struct config *cfg, struct agent_row *out,
		 int max, int *n, struct err *e);

/* Number of villages of the configured township without an active agent. */
int agent_villages_without(struct store *s, const struct config *cfg, int *n, struct err *e);

/* A new agent, as the form gives it (texts; note may be NULL or ""). */
struct agent_in {
	const char *village;	/* a village of the configured township, by name */
	const char *name;
	const char *id_number;	/* 18 (or 15) characters */
	const char *phone;
	const char *category;	/* one of forms/catalogue/helper-categories.ini */
	const char *note;
};

/* Checks every field (name, ID number, phone, category, village) and adds
 * the agent; an ID number already held by an active agent is refused. One
 * transaction. */
int agent_add(struct store *s, const struct config *cfg, const struct catalogue *cat,
	      const struct validator *v, const struct agent_in *in, int64_t *id_out,
	      struct err *e);

/* Entrustments of agent `id` still open (not filed, not out of scope):
 * they pass to another agent when it is deactivated. */
int agent_open_entrustments(struct store *s, int64_t id, int *n, struct err *e);

/* The active agents who may take over from agent `id`: those of its
 * village first, then the others by village. */
int agent_successors(struct store *s, int64_t id, struct agent_row *out, int max, int *n,
		     struct err *e);

/* Marks agent `id` inactive (kept for the ledgers) if its version is still
 * `version` (-1: no check). Its open entrustments pass to `successor`, an
 * other active agent, in the same transaction (each audited); with open
 * entrustments and no successor it is refused, saying whether another agent
 * exists to take them. */
int agent_deactivate(struct store *s, int64_t id, int64_t version, int64_t successor,
		     struct err *e);

/* An agent as choice lists show and forms keep it: 王芳（大路村）. */
void agent_label(const char *name, const char *village, char out[128]);

/* The label of agent `id` (active or not). */
int agent_label_of(struct store *s, int64_t id, char out[128], struct err *e);

/* An active agent by label (王芳（大路村）) or by name: the one of
 * village_id when there is one, else the only one of that name. */
int agent_find(struct store *s, int64_t village_id, const char *text, int64_t *id,
	       struct err *e);

/* Labels of every active agent for the @agents choice list: those of
 * village_id first (0: none first), then by village and name. Up to max. */
int agent_choices(struct store *s, int64_t village_id, char (*labels)[128], int max, int *n,
		  struct err *e);

/* An agent of another village than the client's: warn (up to n bytes)
 * says so, naming both; "" when the villages agree. */
int agent_village_warning(struct store *s, int64_t agent_id, int64_t village_id, char *warn,
			  size_t n, struct err *e);

#endif
