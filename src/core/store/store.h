/* The store: one SQLite file. Schema created and migrated by version
 * (PRAGMA user_version), foreign keys on, prepared statements only.
 *
 * Writes: every insert and update of a record goes through store_insert /
 * store_update, which bump the record's version and append the audit row in
 * the same transaction. They must be called between store_begin and
 * store_commit. No other code writes to the tables. */
#ifndef JZ_STORE_H
#define JZ_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/office/config.h"
#include "core/base/err.h"

struct store;

enum field_type { VAL_NULL, VAL_INT, VAL_TEXT };

/* One column value of a write. */
struct field {
	const char *col;
	enum field_type type;
	int64_t i;
	const char *s;		/* VAL_TEXT; NULL is written as NULL */
};

#define F_INT(c, v)  ((struct field){ .col = (c), .type = VAL_INT, .i = (v) })
#define F_TEXT(c, v) ((struct field){ .col = (c), .type = VAL_TEXT, .s = (v) })
#define F_NULL(c)    ((struct field){ .col = (c), .type = VAL_NULL })

/* Opens (creating if needed, 0660 whatever the umask) the file. The journal
 * mode is the store's own: `mode` sets it only when the file is new
 * (`local`: WAL; `shared`, a file on a network share: a rollback journal,
 * because WAL needs shared memory that network filesystems do not give);
 * an existing store keeps its own, whatever `mode` says. Defines the
 * audit functions (store/audit.h). Does not migrate. */
int store_open(const char *path, enum store_mode mode, int busy_timeout_ms,
	       struct store **out, struct err *e);
void store_close(struct store *s);
int store_busy_timeout(const struct store *s);	/* ms */
/* The journal the store really uses: STORE_LOCAL for WAL. */
enum store_mode store_journal(const struct store *s);
/* Protecting triggers that were missing from an up-to-date store (dropped
 * behind the program's back) and were put back by store_migrate. */
int store_guards_restored(const struct store *s);
/* Creates an empty file 0660 whatever the umask (the office's group shares
 * it, no one else reads it); an existing file is left alone. */
int store_create_file(const char *path, struct err *e);

/* The schema version this program writes, and the file's. */
int store_latest_version(void);
int store_version(struct store *s, int *version, struct err *e);
/* Brings the file to store_latest_version(), each step in its own
 * transaction. Refuses a file newer than this program. */
int store_migrate(struct store *s, struct err *e);
/* Migrates only up to `version` (tests of migrations from each version). */
int store_migrate_to(struct store *s, int version, struct err *e);

/* Who is writing, for the audit log (a staff name or login). Copied. */
void store_set_user(struct store *s, const char *who);
const char *store_user(const struct store *s);

/* Who acts, beside the name: the role bits (domain/role.h) and the area
 * that the domain's checks and the lists read (domain/access.h), and
 * whether the write path takes their writes at all. A store opened
 * without a session acts for the program itself (migrations, tools,
 * tests): every role, everywhere, writing. */
struct store_actor {
	unsigned roles;
	int64_t township_id;	/* 0: every township */
	int64_t village_id;	/* 0: every village of the township; -1: none */
	bool read_only;		/* refused by store_insert/update/delete */
};
void store_set_actor(struct store *s, const struct store_actor *a);
const struct store_actor *store_actor(const struct store *s);
/* Records the program keeps on its own behalf, whoever is at the keyboard
 * (a failed login, a reader's own password, the log of an export): begin
 * returns the actor to put back with store_program_end. The audit row
 * still names the store's user. */
struct store_actor store_program_begin(struct store *s);
void store_program_end(struct store *s, const struct store_actor *saved);

/* A save refused by the version check: says who changed record `id` of
 * `table` last and when (its last audit row), calling the record `noun`
 * ("申请"). Always returns -1. */
int store_conflict(struct store *s, const char *table, int64_t id, const char *noun,
		   struct err *e);

/* Write transactions: BEGIN IMMEDIATE, retried while the file is busy up to
 * the busy timeout; then a clear message, never a raw SQLite error. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);
bool store_in_transaction(const struct store *s);

/* The one query helper. Returns a cached prepared statement for sql, reset
 * and bound from `types` and the arguments that follow:
 *   'i' int64_t, 'd' int, 's' const char * (NULL binds NULL), 'n' nothing (NULL).
 * Who owns it: the store. The caller borrows it from store_query until its
 * sqlite3_reset: it steps it, checks the last step (SQLITE_DONE, else
 * store_step_error), resets it, and never finalizes it. While borrowed it
 * is not evicted, but a store_query of the same SQL text resets it: a loop
 * must not run its own query again inside itself. */
int store_query(struct store *s, sqlite3_stmt **out, struct err *e,
		const char *sql, const char *types, ...);
/* Runs sql to completion expecting at most one row; the first column is
 * stored in *out (0 when no row or NULL). */
int store_query_int(struct store *s, int64_t *out, struct err *e,
		    const char *sql, const char *types, ...);
/* Column i of the current row as text copied into out ("" for NULL), or
 * as a date (DATE_NONE for NULL or not a date). */
void store_col_text(sqlite3_stmt *st, int i, char *out, size_t n);
date_t store_col_date(sqlite3_stmt *st, int i);
/* Steps st to its row. 0: the row is there (read it, then sqlite3_reset);
 * -1: reset, and e says `missing` (a format with one %lld, given id) when
 * there is no row, or what went wrong. */
int store_row(struct store *s, sqlite3_stmt *st, const char *missing, int64_t id, struct err *e);
/* Translates a failed step into a message (BUSY, constraint …). */
int store_step_error(struct store *s, int rc, struct err *e);
/* Ends a loop over st's rows, given the last step's code: resets st and
 * returns 0 for SQLITE_DONE, or SQLITE_ROW when the caller stopped early on
 * purpose (its buffer is full); any other code is a failed read: -1 with
 * store_step_error's message, so a half-read list is never taken for all. */
int store_rows_end(struct store *s, sqlite3_stmt *st, int rc, struct err *e);

/* Inserts a row; `version` is set to 1. Writes an audit row. */
int store_insert(struct store *s, const char *table, const struct field *f,
		 int n, int64_t *id_out, struct err *e);
/* The same as a transaction of its own: one new record, all or nothing. */
int store_insert_tx(struct store *s, const char *table, const struct field *f,
		    int n, int64_t *id_out, struct err *e);
/* Updates row `id` if its version is still `expect_version` (optimistic
 * locking; pass -1 to skip the check), bumps the version, writes an audit
 * row with the old and new values of the changed columns. A row changed by
 * somebody else meanwhile fails with a message saying so. */
int store_update(struct store *s, const char *table, int64_t id,
		 int64_t expect_version, const struct field *f, int n,
		 struct err *e);

/* Deletes row `id`, keeping its old values in the audit row. Only for
 * records that are work in progress (drafts); case records are never
 * deleted, they change state. */
int store_delete(struct store *s, const char *table, int64_t id, struct err *e);

/* The columns of one update, gathered step by step (a workflow step sets
 * different columns depending on its rules). Values are copied in. */
#define CHANGES_MAX 16
struct changes {
	struct field f[CHANGES_MAX];
	int n;
	char arena[8192];
	size_t used;
	bool overflow;		/* too many columns or too much text: refused */
};
void changes_text(struct changes *c, const char *col, const char *v);	/* NULL = NULL */
void changes_date(struct changes *c, const char *col, date_t d);	/* DATE_NONE = NULL */
void changes_int(struct changes *c, const char *col, int64_t v);
/* store_update with the gathered columns. */
int store_update_changes(struct store *s, const char *table, int64_t id, int64_t expect_version,
			 const struct changes *c, struct err *e);

/* Bulk loads, one big transaction between store_bulk(on) and store_bulk(off).
 * BULK_SHARED: into a store others may be using (import): a bigger page
 * cache, so the random inserts into the ID number index stay in memory,
 * and the guard triggers lifted inside each transaction and put back
 * before it commits (no other connection sees them gone). BULK_ALONE: into a store nobody else has open (init --demo):
 * besides, the guard triggers lifted and the audit index built once at the
 * end; the journal mode stays the store's, except on a store this
 * connection has just made, filled under a rollback journal and an
 * exclusive lock, which keeps the lock until it is closed (store.c,
 * fill_alone). Either way derived indexes (the
 * search keys) are then built once at the end by the loader, not row by
 * row: see store_bulk_active. */
enum store_bulk { BULK_OFF, BULK_SHARED, BULK_ALONE };
int store_bulk(struct store *s, enum store_bulk mode, struct err *e);
/* True between store_bulk(on) and store_bulk(off). */
bool store_bulk_active(const struct store *s);

/* Runs a CREATE INDEX statement with a small page cache, which SQLite's
 * sorter builds an index faster with (the cache size is put back). */
int store_build_index(struct store *s, const char *create_index, struct err *e);

/* True the first time it is asked for `bit` on this connection: for work
 * done once per connection, such as registering SQL functions (registering
 * one again would expire every prepared statement). */
bool store_first_time(struct store *s, unsigned bit);
enum { STORE_ONCE_SEARCH = 1, STORE_ONCE_REPORT = 2 };

sqlite3 *store_db(struct store *s);	/* for the backup API and tests */
const char *store_path(const struct store *s);

#endif
