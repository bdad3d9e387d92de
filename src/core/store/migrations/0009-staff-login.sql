-- needs: foreign_keys off
-- Staff log in (issue 10): the role column holds one role code or several
-- joined by commas ("clerk,leader" in a one-person office), administrators
-- (admin) among them; password_hash is libsodium's crypto_pwhash_str
-- (argon2id) for shared mode, NULL until one is set — there is no default.
-- login_attempts counts failed logins per login name typed (known or not)
-- and until when the next attempt must wait (the wait doubles).
--
-- The staff table is rebuilt for its new CHECK (see 0004 for the pattern);
-- every row keeps its id and version.

CREATE TABLE staff_new (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	login TEXT UNIQUE,
	id_number TEXT,
	phone TEXT,
	role TEXT NOT NULL CHECK (role GLOB '[a-z]*' AND role NOT GLOB '*[^a-z,]*'
		AND role NOT GLOB '*,' AND role NOT GLOB '*,,*'),
	agent_category TEXT,
	township_id INTEGER REFERENCES townships(id),
	village_id INTEGER REFERENCES villages(id),
	active INTEGER NOT NULL DEFAULT 1,
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	password_hash TEXT
);
INSERT INTO staff_new SELECT id, name, login, id_number, phone, role, agent_category,
	township_id, village_id, active, note, version, NULL FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;
CREATE INDEX staff_village ON staff(village_id, role);

CREATE TABLE login_attempts (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE,
	failures INTEGER NOT NULL DEFAULT 0,
	wait_until INTEGER NOT NULL DEFAULT 0,	-- Unix time in ms before which no attempt is tried
	version INTEGER NOT NULL DEFAULT 1
);
