/* Who may do what, and where. Workflow steps carry their roles in their
 * rows (workflow.h); the other acts are listed here with the roles that may
 * do them. The area is the store's actor's (store_actor): a village's staff
 * and helper agents their village, township staff their township, a county
 * supervisor everything; nobody without a role sees anything. Core
 * functions check here, so no screen or command can forget to. */
#ifndef JZ_ACCESS_H
#define JZ_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/domain/role.h"
#include "core/store/store.h"

enum act {
	ACT_HOUSEHOLD,		/* register households and their members */
	ACT_CASE_NEW,		/* register an application */
	ACT_CASE_PAPERS,	/* materials, authorisations, investigation records */
	ACT_ENTRUST,		/* register entrustments, link their applications */
	ACT_AGENTS,		/* the helper-agent roster */
	ACT_STAFF,		/* staff: roles, area, logins, passwords */
	ACT_EXPORT,		/* reports and ledgers written as Excel files */
	ACT_ROLLS,		/* reviews and re-certifications of the rolls */
	ACT_REFERRAL,		/* requests for help and their referrals (转办) */
	ACT_N
};

/* Whether the actor's roles allow `act` at all (screens hide what is not). */
bool access_may(const struct store *s, enum act act);
/* -1 with a message naming the act when the actor's roles do not allow it,
 * or when village_id (0: a record of no village) lies outside their area. */
int access_check(struct store *s, enum act act, int64_t village_id, struct err *e);
/* -1 when a record (called `noun`) of village village_id lies outside the
 * actor's area. */
int access_area_check(struct store *s, int64_t village_id, const char *noun, struct err *e);
/* The same for household `household_id` (a missing one is not refused
 * here: the caller says it is missing). */
int access_household(struct store *s, int64_t household_id, struct err *e);
/* The actor's area, for the lists' queries: township 0 = every township,
 * village 0 = every village in it, village -1 = nowhere. */
void access_area(const struct store *s, int64_t *township, int64_t *village);

/* The actor of a staff row: its roles, area, and whether it only reads. */
struct store_actor access_actor(unsigned roles, int64_t township_id, int64_t village_id);
/* Nobody: no role, sees nothing, writes nothing. */
struct store_actor access_nobody(void);
/* The actor with the same roles over the whole store (nowhere stays
 * nowhere), for a bulk load whose villages were each checked once. */
struct store_actor access_whole_area(const struct store_actor *a);

#endif
