-- Version 2: drafts of forms left half-filled (Esc, a lost connection, a
-- power cut), so the clerk can resume them; and the case timeline.

CREATE TABLE drafts (
	id INTEGER PRIMARY KEY,
	form TEXT NOT NULL,
	owner TEXT NOT NULL,
	target_id INTEGER,		-- the record being edited, if any
	data TEXT NOT NULL,		-- JSON object of field → value
	saved_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX drafts_owner ON drafts(owner, form);

-- Each step taken on an application: the timeline on the case screen.
CREATE TABLE case_events (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id),
	at TEXT NOT NULL,
	on_date TEXT NOT NULL,
	who TEXT NOT NULL,
	step TEXT NOT NULL,
	from_state TEXT,
	to_state TEXT NOT NULL,
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX case_events_application ON case_events(application_id, id);
