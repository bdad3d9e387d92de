/* The store's health, for `jiuzhu check`: SQLite's integrity check, the
 * foreign keys, and how many records each table holds. */
#ifndef JZ_CHECK_H
#define JZ_CHECK_H

#include <stdint.h>

#include "core/store/store.h"

/* Runs PRAGMA integrity_check, calling problem() with each message that is
 * not "ok", and counts rows that refer to a missing row. */
int store_check(struct store *s, void (*problem)(void *ctx, const char *msg), void *ctx,
		int64_t *fk_violations, struct err *e);

/* The tables `check` counts, NULL-terminated, and one table's count. */
extern const char *const store_counted_tables[];
int store_count_rows(struct store *s, const char *table, int64_t *n, struct err *e);

#endif
