/* CHECK constraints that SQLite tests cheaply. SQLite 3.40 tests
 * `x IN ('a', 'b', 'c')` (three values or more) by building a temporary
 * table of the values every time a statement writes a row: importing
 * 100,000 persons spent a third of its time on them (audit_log.action,
 * persons.left_reason). The same test written `x = 'a' OR x = 'b' OR …`
 * is a few comparisons, and means the same, NULL included. */
#ifndef JIUZHU_CORE_STORE_CHECKS_H
#define JIUZHU_CORE_STORE_CHECKS_H

#include <sqlite3.h>

/* Returns a copy of the CREATE statement sql (malloc'd; NULL when out of
 * memory) with every `name IN (string, …)` of three values or more
 * written as comparisons joined by OR. `NOT IN`, lists with anything but
 * string literals, and everything else are copied as they are. */
char *checks_in_as_or(const char *sql);

/* Registers checks_in_as_or(sql) as an SQL function for the migration
 * that rewrites the stored schema. */
int checks_register(sqlite3 *db);

#endif
