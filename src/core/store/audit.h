/* The audit log kept honest, in two ways.
 *
 * Writes only through the program: every audited table (each table with a
 * `version` column) and audit_log itself have triggers that call
 * jz_guard(), an SQL function only this program's connections define. A
 * write with a plain sqlite3 shell fails ("no such function: jz_guard").
 *
 * A hash chain: each audit row carries hash = SHA-256(previous row's hash,
 * the row's id, at, who, tbl, row_id, action, before, after), computed by
 * jz_chain() as the row is written, and a trigger refuses a row whose id is
 * not above the last. A row changed, removed or slipped in behind the
 * program's back breaks the chain; store/verify.c finds where. */
#ifndef JZ_AUDIT_H
#define JZ_AUDIT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/base/err.h"

#define AUDIT_HASH_LEN 32

/* The chain's head as this connection knows it. Valid only inside one
 * write transaction (another connection may have written since). */
struct audit_chain {
	bool valid;
	bool armed;		/* jz_chain answers only while the program writes */
	int64_t id;
	unsigned char hash[AUDIT_HASH_LEN];
};

/* Defines jz_guard() and jz_chain() on db; c lives as long as db. */
int audit_register(sqlite3 *db, struct audit_chain *c, struct err *e);

/* Forgets the head (at BEGIN and ROLLBACK). */
void audit_forget(struct audit_chain *c);

/* The id the next audit row must take: one above the last. */
int audit_next_id(sqlite3 *db, struct audit_chain *c, int64_t *id, struct err *e);

/* One audit row as the hash sees it: the eight columns' texts (NULL is
 * not the same as ""). */
struct audit_row {
	const unsigned char *v[8];
	int len[8];
};
void audit_hash(const unsigned char prev[AUDIT_HASH_LEN], const struct audit_row *r,
		unsigned char out[AUDIT_HASH_LEN]);

/* Creates whichever protecting triggers are missing (a new table, a new
 * store, or one dropped behind the program's back); *created says how
 * many. Needs the audit log's hash column (after the migrations). */
int audit_protect(sqlite3 *db, int *created, struct err *e);
/* Drops the guard triggers and the append check for a bulk load into a
 * new store (they doubled init --demo's time); audit_protect puts them
 * back at its end. jz_chain still refuses ids that do not rise. */
int audit_unguard(sqlite3 *db, struct err *e);
/* How many protecting triggers are missing; creates nothing. */
int audit_missing(sqlite3 *db, int *missing, struct err *e);

/* The audited tables: those with a `version` column, by name. */
#define AUDIT_MAX_TABLES 64
int audit_tables(sqlite3 *db, char names[][64], int max, int *n, struct err *e);

/* True when the audit log has its hash column (an older store before its
 * migration does not). */
bool audit_chained(sqlite3 *db);

#endif
