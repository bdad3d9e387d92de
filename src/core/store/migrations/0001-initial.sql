-- Version 1: the whole first schema. Every record table has `version`
-- (bumped by store_update) and is written only through store.c, which also
-- appends to audit_log. Dates are TEXT 'YYYY-MM-DD'; money is INTEGER fen (分).

CREATE TABLE townships (
	id INTEGER PRIMARY KEY,
	county TEXT NOT NULL,
	name TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (county, name)
);

CREATE TABLE villages (
	id INTEGER PRIMARY KEY,
	township_id INTEGER NOT NULL REFERENCES townships(id),
	name TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (township_id, name)
);

-- Staff of the office and of the villages, helper agents included.
-- role: clerk 经办人, leader 分管领导, village 村干部, agent 帮办代办员,
-- supervisor 县民政局, support 技术支持.
CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	login TEXT UNIQUE,
	id_number TEXT,
	phone TEXT,
	role TEXT NOT NULL CHECK (role IN ('clerk','leader','village','agent','supervisor','support')),
	agent_category TEXT,		-- 附件3 人员类别, for helper agents
	township_id INTEGER REFERENCES townships(id),
	village_id INTEGER REFERENCES villages(id),
	active INTEGER NOT NULL DEFAULT 1,
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX staff_village ON staff(village_id, role);

-- household_class: the class used for periodic review intervals.
CREATE TABLE households (
	id INTEGER PRIMARY KEY,
	village_id INTEGER NOT NULL REFERENCES villages(id),
	address TEXT,
	phone TEXT,
	household_class TEXT NOT NULL DEFAULT 'stable',
	next_review_on TEXT,
	created_on TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX households_village ON households(village_id);

CREATE TABLE persons (
	id INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES households(id),
	name TEXT NOT NULL,
	id_number TEXT NOT NULL UNIQUE,
	sex TEXT NOT NULL CHECK (sex IN ('M','F')),
	birth_date TEXT NOT NULL,
	relation TEXT NOT NULL,		-- 与户主关系: 户主, 配偶, 子 …
	is_head INTEGER NOT NULL DEFAULT 0,
	phone TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX persons_household ON persons(household_id);

-- One application of one kind by one household.
-- state: received, missing, withdrawn, accepted, investigating, reviewed,
-- publicity, county, approved, refused, announced.
CREATE TABLE applications (
	id INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES households(id),
	applicant_id INTEGER NOT NULL REFERENCES persons(id),
	kind TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('window','online','agent')),
	agent_id INTEGER REFERENCES staff(id),
	state TEXT NOT NULL,
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
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX applications_household ON applications(household_id);
CREATE INDEX applications_state ON applications(state, kind);
CREATE INDEX applications_received ON applications(received_on);

-- The materials checklist of an application (from the kind's catalogue).
CREATE TABLE application_materials (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id),
	material TEXT NOT NULL,
	present INTEGER NOT NULL DEFAULT 0,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (application_id, material)
);

-- 核对授权书, one per adult member of the household.
CREATE TABLE authorisations (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	signed INTEGER NOT NULL DEFAULT 0,
	signed_on TEXT,
	method TEXT CHECK (method IN ('paper','electronic')),
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (application_id, person_id)
);

CREATE TABLE investigations (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id),
	visited_on TEXT NOT NULL,
	visitors TEXT NOT NULL,
	findings TEXT,
	monthly_income INTEGER,
	assets TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX investigations_application ON investigations(application_id);

CREATE TABLE attachments (
	id INTEGER PRIMARY KEY,
	application_id INTEGER REFERENCES applications(id),
	investigation_id INTEGER REFERENCES investigations(id),
	path TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	added_on TEXT NOT NULL,
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX attachments_application ON attachments(application_id);

-- A publicity list posted in one village for 7 calendar days.
CREATE TABLE publicity_batches (
	id INTEGER PRIMARY KEY,
	village_id INTEGER NOT NULL REFERENCES villages(id),
	posted_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	posted_by TEXT,
	version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE publicity_entries (
	id INTEGER PRIMARY KEY,
	batch_id INTEGER NOT NULL REFERENCES publicity_batches(id),
	application_id INTEGER NOT NULL REFERENCES applications(id),
	proposal TEXT NOT NULL CHECK (proposal IN ('include','exclude')),
	amount INTEGER,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (batch_id, application_id)
);

CREATE TABLE objections (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id),
	batch_id INTEGER REFERENCES publicity_batches(id),
	received_on TEXT NOT NULL,
	content TEXT NOT NULL,
	outcome TEXT,
	version INTEGER NOT NULL DEFAULT 1
);

-- 帮办代办 entrustments (seed 004).
-- state: registered, missing, out_of_scope, handling, feedback, terminated, rated, filed.
CREATE TABLE entrustments (
	id INTEGER PRIMARY KEY,
	village_id INTEGER NOT NULL REFERENCES villages(id),
	agent_id INTEGER NOT NULL REFERENCES staff(id),
	client_name TEXT NOT NULL,
	client_person_id INTEGER REFERENCES persons(id),
	client_phone TEXT,
	matter TEXT NOT NULL,		-- kind code
	channel TEXT NOT NULL CHECK (channel IN ('phone','network','paper')),
	state TEXT NOT NULL,
	received_on TEXT NOT NULL,
	due_on TEXT,			-- 办理时限
	missing_items TEXT,
	result TEXT,			-- 办理结果
	replied_on TEXT,		-- 回复时间
	terminated_reason TEXT,
	papers_returned INTEGER NOT NULL DEFAULT 0,
	rating TEXT,
	filed_on TEXT,
	application_id INTEGER REFERENCES applications(id),
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX entrustments_village ON entrustments(village_id, received_on);
CREATE INDEX entrustments_received ON entrustments(received_on);

-- Referrals to the items of seed 003 (一门受理、协同办理).
CREATE TABLE referrals (
	id INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES households(id),
	application_id INTEGER REFERENCES applications(id),
	department TEXT NOT NULL,
	item TEXT NOT NULL,
	referred_on TEXT NOT NULL,
	result TEXT,
	result_on TEXT,
	version INTEGER NOT NULL DEFAULT 1
);

-- 待遇资格认证: last check of a beneficiary and when the next is due.
CREATE TABLE recertifications (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id),
	person_id INTEGER REFERENCES persons(id),
	checked_on TEXT NOT NULL,
	method TEXT NOT NULL,
	next_due_on TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX recertifications_due ON recertifications(next_due_on);

-- Append-only: triggers refuse UPDATE and DELETE.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	who TEXT NOT NULL,
	tbl TEXT NOT NULL,
	row_id INTEGER NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('insert','update','delete')),
	before TEXT,
	after TEXT
);
CREATE INDEX audit_row ON audit_log(tbl, row_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
