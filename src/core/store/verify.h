/* Whether the audit log still tells the truth, for `jiuzhu check`:
 *  - the chain: every audit row's hash recomputed from the row and the one
 *    before (store/audit.h), from the first row to the last;
 *  - the rows: every audited row equal to what its audit rows say it became
 *    (the inserted values, each update's new values, the defaults for the
 *    rest, the version counted), and no row without an audit row.
 * A row changed, added or removed behind the program's back shows in one of
 * the two. Each finding names the first row that does not agree. */
#ifndef JZ_VERIFY_H
#define JZ_VERIFY_H

#include <stdint.h>

#include "core/store/audit.h"
#include "core/store/store.h"

typedef void (*verify_problem)(void *ctx, const char *msg);

/* The chain's head: the last audit row's id and hash (0 and zeros when the
 * log is empty), hex-encoded for people (65 bytes). */
struct audit_head {
	int64_t id;
	unsigned char hash[AUDIT_HASH_LEN];
	char hex[2 * AUDIT_HASH_LEN + 1];
};

/* Reads the head as stored (no checking). */
int verify_head(struct store *s, struct audit_head *h, struct err *e);

/* Walks the chain; problem() is called at most once, for the first row
 * whose hash is wrong. *head is the head recomputed. */
int verify_chain(struct store *s, verify_problem problem, void *ctx,
		 struct audit_head *head, struct err *e);

/* Compares every audited table with its audit rows; problem() is called
 * once per table that disagrees, naming its first such row and how many. */
int verify_rows(struct store *s, verify_problem problem, void *ctx, struct err *e);

/* The row `id` of another copy of the log (a backup) agrees with this one:
 * the same hash at the same id, so the history up to it was not rewritten.
 * problem() is called when it does not. */
int verify_against(struct store *s, const struct audit_head *older, const char *what,
		   verify_problem problem, void *ctx, struct err *e);

#endif
