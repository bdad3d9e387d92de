/* Drafts: a form's typed values kept in the store while it is being
 * filled, so Esc, a lost connection or a power cut loses nothing. One draft
 * per (form, owner, target). Each call is its own transaction. */
#ifndef JZ_DRAFT_H
#define JZ_DRAFT_H

#include <stdint.h>

#include "core/store/store.h"

struct draft_field {
	char name[32];
	char *value;		/* owned, UTF-8 */
};

struct draft {
	int64_t id;		/* 0 = none saved */
	char saved_at[32];
	struct draft_field *fields;	/* owned */
	int n;
};

/* Saves (inserts or replaces) the draft of form/owner/target. */
int draft_save(struct store *s, const char *form, const char *owner, int64_t target,
	       const struct draft_field *fields, int n, int64_t *id, struct err *e);
/* Loads it; d->id is 0 when there is none. */
int draft_load(struct store *s, const char *form, const char *owner, int64_t target,
	       struct draft *d, struct err *e);
/* The value of one field, or NULL. */
const char *draft_value(const struct draft *d, const char *name);
void draft_free(struct draft *d);
/* Removes it once the form is saved for real. */
int draft_discard(struct store *s, int64_t id, struct err *e);

#endif
