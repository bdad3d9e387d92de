-- needs: foreign_keys off
-- 一门受理、协同办理 (seed 003): a request for help registered at the window
-- (求助登记) and the referrals (转办) of its needs to catalogue items of the
-- county departments (forms/catalogue/referral-items.ini). The states are
-- the codes of referral.c's two workflows (test_states.c compares them).
--
-- A request names who asked, the household when known, what is needed and
-- how it came in; it can become an application (application_id).
CREATE TABLE help_requests (
	id INTEGER PRIMARY KEY,
	village_id INTEGER NOT NULL REFERENCES villages(id),
	household_id INTEGER REFERENCES households(id),
	name TEXT NOT NULL,
	phone TEXT,
	need TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('window','phone','informant','department')),
	source TEXT,
	received_on TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('registered','referred','closed')),
	result TEXT,
	closed_on TEXT,
	application_id INTEGER REFERENCES applications(id),
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX help_requests_list ON help_requests(received_on, id);
CREATE INDEX help_requests_state ON help_requests(state, received_on);

-- The referrals table is rebuilt: a referral belongs to a request (and to
-- its village, for the area and the alerts), the household is optional,
-- and each carries its own reply deadline (due_on: the department's
-- reply_days or [limits] referral_reply working days) and who replied.
-- Nothing wrote referrals before this version; a row there would be kept,
-- due at once.
CREATE TABLE referrals_new (
	id INTEGER PRIMARY KEY,
	request_id INTEGER REFERENCES help_requests(id),
	village_id INTEGER REFERENCES villages(id),
	household_id INTEGER REFERENCES households(id),
	application_id INTEGER REFERENCES applications(id),
	department TEXT NOT NULL,
	item TEXT NOT NULL,
	referred_on TEXT NOT NULL,
	due_on TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('referred','replied','withdrawn')),
	result TEXT,
	result_on TEXT,
	replied_by TEXT,
	version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO referrals_new (id, village_id, household_id, application_id, department, item,
	referred_on, due_on, state, result, result_on, version)
	SELECT r.id, h.village_id, r.household_id, r.application_id, r.department, r.item,
	r.referred_on, r.referred_on, CASE WHEN r.result_on IS NULL THEN 'referred' ELSE 'replied' END,
	r.result, r.result_on, r.version
	FROM referrals r LEFT JOIN households h ON h.id = r.household_id;
DROP TABLE referrals;
ALTER TABLE referrals_new RENAME TO referrals;
CREATE INDEX referrals_request ON referrals(request_id);
CREATE INDEX referrals_list ON referrals(referred_on, id);
CREATE INDEX referrals_department ON referrals(department, state, due_on);
CREATE INDEX referrals_due ON referrals(state, due_on);

-- 临时救助急难型 (urgent) is paid first (先行救助): the amount (fen) and
-- the day; the paperwork (the decision) follows within [limits]
-- urgent_paperwork working days (domain/urgent.c, the alert row).
ALTER TABLE applications ADD COLUMN prepaid_on TEXT;
ALTER TABLE applications ADD COLUMN prepaid_amount INTEGER CHECK (prepaid_amount > 0);
CREATE INDEX applications_prepaid ON applications(prepaid_on) WHERE prepaid_on IS NOT NULL;

-- 特困: when support ends it is publicised again for 7 days (《特困人员认定
-- 办法》); domain/tekun.c records the period, the alert row asks for the
-- end to be confirmed once it is over.
ALTER TABLE applications ADD COLUMN end_publicity_from TEXT;
ALTER TABLE applications ADD COLUMN end_publicity_to TEXT;
