-- needs: foreign_keys off
-- Version 4: the state columns accept only their workflow's codes (the
-- tables of case.c and entrust.c, defined there once; test_states.c checks
-- these lists agree with them), and so do the timeline's states and the
-- client's rating of an entrustment.
--
-- SQLite cannot add a CHECK with ALTER TABLE, so each table is rebuilt:
-- create the new one, copy every row with its id and version, drop the old
-- one, rename the new one, re-create its indexes. The first line asks the
-- migration runner (store.c) to switch foreign keys off around this file:
-- dropping a parent table with them on would delete its rows through the
-- child tables' constraints. The runner checks every foreign key before it
-- commits. The audit log is not touched.

CREATE TABLE applications_new (
	id INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES households(id),
	applicant_id INTEGER NOT NULL REFERENCES persons(id),
	kind TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('window','online','agent')),
	agent_id INTEGER REFERENCES staff(id),
	state TEXT NOT NULL CHECK (state IN ('received','missing','withdrawn','accepted',
		'investigating','reviewed','publicity','county','approved','refused','announced')),
	received_on TEXT NOT NULL,
	accepted_on TEXT,
	missing_notice_on TEXT,		-- 一次性告知
	missing_items TEXT,
	missing_deadline TEXT,
	withdrawn_on TEXT,
	investigation_started_on TEXT,
	initial_review_on TEXT,
	initial_opinion TEXT CHECK (initial_opinion IN ('include','exclude')),
	proposed_amount INTEGER,
	publicity_from TEXT,
	publicity_to TEXT,
	county_submitted_on TEXT,
	decided_on TEXT,
	decision TEXT CHECK (decision IN ('approved','refused')),
	amount INTEGER,
	refusal_reason TEXT,
	refusal_notified_on TEXT,
	announced_on TEXT,
	delegated INTEGER NOT NULL DEFAULT 1,	-- approval delegated to the township
	special_extension INTEGER NOT NULL DEFAULT 0,
	special_reason TEXT,
	close_relative INTEGER NOT NULL DEFAULT 0,	-- 近亲属 declared
	close_relative_note TEXT,
	urgent INTEGER NOT NULL DEFAULT 0,	-- 临时救助急难型, paid first
	next_recert_on TEXT,
	created_by TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	next_due_on TEXT,
	next_due_what TEXT
);
INSERT INTO applications_new SELECT id, household_id, applicant_id, kind, channel, agent_id,
	state, received_on, accepted_on, missing_notice_on, missing_items, missing_deadline,
	withdrawn_on, investigation_started_on, initial_review_on, initial_opinion,
	proposed_amount, publicity_from, publicity_to, county_submitted_on, decided_on,
	decision, amount, refusal_reason, refusal_notified_on, announced_on, delegated,
	special_extension, special_reason, close_relative, close_relative_note, urgent,
	next_recert_on, created_by, version, next_due_on, next_due_what
	FROM applications;
DROP TABLE applications;
ALTER TABLE applications_new RENAME TO applications;
CREATE INDEX applications_household ON applications(household_id);
CREATE INDEX applications_state ON applications(state, kind);
CREATE INDEX applications_received ON applications(received_on);
CREATE INDEX applications_due ON applications(next_due_on, state);
CREATE INDEX applications_due_sort ON applications(coalesce(next_due_on, '9999-12-31'), id);
CREATE INDEX applications_received_sort ON applications(received_on, id);

CREATE TABLE entrustments_new (
	id INTEGER PRIMARY KEY,
	village_id INTEGER NOT NULL REFERENCES villages(id),
	agent_id INTEGER NOT NULL REFERENCES staff(id),
	client_name TEXT NOT NULL,
	client_person_id INTEGER REFERENCES persons(id),
	client_phone TEXT,
	matter TEXT NOT NULL,		-- kind code
	channel TEXT NOT NULL CHECK (channel IN ('phone','network','paper')),
	state TEXT NOT NULL CHECK (state IN ('registered','missing','out_of_scope','handling',
		'feedback','terminated','rated','filed')),
	received_on TEXT NOT NULL,
	due_on TEXT,			-- 办理时限
	missing_items TEXT,
	result TEXT,			-- 办理结果
	replied_on TEXT,		-- 回复时间
	terminated_reason TEXT,
	papers_returned INTEGER NOT NULL DEFAULT 0,
	rating TEXT CHECK (rating IN ('满意','基本满意','不满意')),
	filed_on TEXT,
	application_id INTEGER REFERENCES applications(id),
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO entrustments_new SELECT id, village_id, agent_id, client_name, client_person_id,
	client_phone, matter, channel, state, received_on, due_on, missing_items, result,
	replied_on, terminated_reason, papers_returned, rating, filed_on, application_id, note,
	version
	FROM entrustments;
DROP TABLE entrustments;
ALTER TABLE entrustments_new RENAME TO entrustments;
CREATE INDEX entrustments_village ON entrustments(village_id, received_on);
CREATE INDEX entrustments_received ON entrustments(received_on);

-- The timeline's states are the application's (from_state is NULL on the
-- first event).
CREATE TABLE case_events_new (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id),
	at TEXT NOT NULL,
	on_date TEXT NOT NULL,
	who TEXT NOT NULL,
	step TEXT NOT NULL,
	from_state TEXT CHECK (from_state IN ('received','missing','withdrawn','accepted',
		'investigating','reviewed','publicity','county','approved','refused','announced')),
	to_state TEXT NOT NULL CHECK (to_state IN ('received','missing','withdrawn','accepted',
		'investigating','reviewed','publicity','county','approved','refused','announced')),
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO case_events_new SELECT id, application_id, at, on_date, who, step, from_state,
	to_state, note, version
	FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_new RENAME TO case_events;
CREATE INDEX case_events_application ON case_events(application_id, id);
