-- needs: writable schema
-- Version 14: every CHECK (x IN ('a', 'b', 'c')) of three values or more
-- written as (x = 'a' OR x = 'b' OR x = 'c'), which means the same (NULL
-- included): SQLite 3.40 builds a temporary table of the values for each
-- row a statement writes, a third of an import's time (checks.h). Only the
-- text of the constraints changes, as SQLite documents for such changes
-- (ALTER TABLE, "other kinds of table schema changes"); store.c turns on
-- writable_schema around this migration and bumps the schema version.
UPDATE sqlite_schema SET sql = jz_checks_in_as_or(sql)
 WHERE type = 'table' AND sql LIKE '%CHECK%' AND sql <> jz_checks_in_as_or(sql);
