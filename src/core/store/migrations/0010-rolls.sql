-- The rolls (在册, issue 11): one row per application in force of a kind
-- paid monthly, from its announcement (公布) until assistance ends. Its
-- state is a workflow of its own (domain/roll.c): active, an amount change
-- waiting for the leader (change_pending), suspended, an end being
-- publicised (end_pending, 特困: 7 days) and ended. An ended row stays: the
-- household's file shows it, and the household may apply again.
CREATE TABLE rolls (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL UNIQUE REFERENCES applications(id),
	household_id INTEGER NOT NULL REFERENCES households(id),
	village_id INTEGER NOT NULL REFERENCES villages(id),
	kind TEXT NOT NULL,
	amount INTEGER NOT NULL CHECK (amount >= 0),
	since_on TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'active'
		CHECK (state IN ('active', 'change_pending', 'suspended', 'end_pending', 'ended')),
	new_amount INTEGER CHECK (new_amount >= 0),	-- waiting for the leader
	change_reason TEXT,
	suspended_on TEXT,
	suspend_reason TEXT,
	end_reason TEXT,
	end_publicity_to TEXT,		-- last day of an end's publicity
	ended_on TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX rolls_village ON rolls(village_id, state, kind);
CREATE INDEX rolls_household ON rolls(household_id);

-- Every step of a roll row, like case_events: the household's history.
CREATE TABLE roll_events (
	id INTEGER PRIMARY KEY,
	roll_id INTEGER NOT NULL REFERENCES rolls(id),
	at TEXT NOT NULL,
	on_date TEXT NOT NULL,
	who TEXT NOT NULL,
	step TEXT NOT NULL,
	from_state TEXT,
	to_state TEXT NOT NULL,
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX roll_events_roll ON roll_events(roll_id, id);

-- 动态管理: one visit of a household on the rolls and what came of it.
-- The household's class and next review date live on households (the
-- deadline engine reads households.next_review_on).
CREATE TABLE reviews (
	id INTEGER PRIMARY KEY,
	roll_id INTEGER NOT NULL REFERENCES rolls(id),
	household_id INTEGER NOT NULL REFERENCES households(id),
	visited_on TEXT NOT NULL,
	visitors TEXT NOT NULL,
	findings TEXT NOT NULL,
	outcome TEXT NOT NULL CHECK (outcome IN ('unchanged', 'change', 'suspend', 'end')),
	household_class TEXT NOT NULL,
	next_review_on TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX reviews_household ON reviews(household_id, visited_on);
CREATE INDEX recertifications_application ON recertifications(application_id, id);
