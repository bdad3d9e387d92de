/* Staff rows: who works in the office, in which roles and area, and with
 * which login. Adding, changing and disabling them is for administrators
 * (access.h, ACT_STAFF); each change goes through the store's write path,
 * so each is audited. */
#ifndef JZ_STAFF_H
#define JZ_STAFF_H

#include <stdbool.h>
#include <stdint.h>

#include "core/office/config.h"
#include "core/store/store.h"

struct staff_row {
	int64_t id, version;
	int64_t township_id, village_id;	/* 0: not limited to one */
	char name[64], login[64], role[64];	/* role: codes, "clerk,leader" */
	char village[64];	/* "" when the whole township */
	bool active, has_password;
};

/* The staff row whose login is exactly `login` (a name is no login).
 * *found is false (and out untouched) when there is none. */
int staff_by_login(struct store *s, const char *login, struct staff_row *out, bool *found,
		   struct err *e);

/* Staff who use the program (those with a login), by login: up to max.
 * For administrators only. */
int staff_users(struct store *s, struct staff_row *out, int max, int *n, struct err *e);

/* Whether any active administrator exists, and whether one has a password. */
int staff_admins(struct store *s, int64_t *admins, int64_t *with_password, struct err *e);

/* A new user, or new roles and area for one. roles: codes joined by
 * commas; village: a village of the configured township by name, required
 * for village staff and helper agents and refused for the others; NULL or
 * "" otherwise. A county supervisor covers every township in the store;
 * everybody else the configured township. */
struct staff_in {
	const char *login, *name, *roles, *village;
};
int staff_add(struct store *s, const struct config *cfg, const struct staff_in *in, int64_t *id,
	      struct err *e);
int staff_set_roles(struct store *s, const struct config *cfg, const struct staff_in *in,
		    struct err *e);
/* Disables a login: it no longer gives any role. The last active
 * administrator is never disabled or stripped of the role. */
int staff_disable(struct store *s, const char *login, struct err *e);

/* The first administrator, when the store has none: login and name (name
 * NULL: the login), as clerk and leader too (a one-person office; narrowed
 * later with staff_set_roles). Not checked against ACT_STAFF: nobody holds
 * it yet. */
int staff_bootstrap_admin(struct store *s, const struct config *cfg, const char *login,
			  const char *name, struct err *e);

#endif
