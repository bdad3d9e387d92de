/* The office of tuiconfig.ini (county, township, villages) as store rows. */
#ifndef JZ_OFFICE_H
#define JZ_OFFICE_H

#include <stdint.h>

#include "core/office/config.h"
#include "core/store/store.h"

/* Makes sure the configured township and each of its villages exist in the
 * store (adds missing ones; never deletes). Runs its own transaction. */
int office_sync(struct store *s, const struct config *c, struct err *e);
/* The configured township's row id. */
int office_township_id(struct store *s, const struct config *c, int64_t *id,
		       struct err *e);
/* A village or township row: id and name; for a village, `ready` counts its
 * applications reviewed and waiting for publicity (publicity_villages). */
struct place {
	int64_t id;
	char name[64];
	int ready;
};

/* The villages of township_id (0: every village in the store), by id. */
int office_villages(struct store *s, int64_t township_id, struct place *out, int max,
		    int *n, struct err *e);
/* Every township in the store (a county store holds several), by id. */
int office_townships(struct store *s, struct place *out, int max, int *n, struct err *e);
/* A village of the configured township by name; fails with a message
 * naming the village when it is not one of them. */
int office_village_id(struct store *s, const struct config *c,
		      const char *village, int64_t *id, struct err *e);

#endif
