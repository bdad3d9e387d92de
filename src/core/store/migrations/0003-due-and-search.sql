-- Version 3: the next deadline of each application, kept by case.c on every
-- step, so the overdue counter and "sort by due date" are index lookups;
-- and search keys of persons for incremental search.

ALTER TABLE applications ADD COLUMN next_due_on TEXT;
ALTER TABLE applications ADD COLUMN next_due_what TEXT;
CREATE INDEX applications_due ON applications(next_due_on, state);

-- A derived index of persons.name and persons.id_number, not a record of
-- its own (so it has no version and no audit rows): every pair of adjacent
-- characters of the name and its last character (so a 1- or 2-character
-- fragment is a prefix of some key: an index lookup — FTS5 trigram finds nothing for those on
-- SQLite 3.40), each string of pinyin initials (单伟 → dw, sw), and the ID
-- number reversed (its last digits become a prefix). search.c writes it
-- in the same transaction as the person.
CREATE TABLE person_keys (
	person_id INTEGER NOT NULL REFERENCES persons(id),
	key TEXT NOT NULL
);
CREATE INDEX person_keys_key ON person_keys(key, person_id);

-- The list's sort orders (applist.c) are index scans.
CREATE INDEX applications_due_sort ON applications(coalesce(next_due_on, '9999-12-31'), id);
CREATE INDEX applications_received_sort ON applications(received_on, id);
