-- Alerts (query/alerts.c): what the deadline rules need that the store
-- did not keep.
--
-- The filing of a delegated confirmation with the county (seed 001: 「将当月
-- 审批函和相关审核确认表报区民政局备案」): the day it was filed. Confirmations
-- made before this version were filed on paper without being recorded;
-- they are taken as filed on the day decided, so an upgrade does not raise
-- an alert for every approval ever made.
ALTER TABLE applications ADD COLUMN county_filed_on TEXT;
UPDATE applications SET county_filed_on = decided_on
	WHERE delegated AND decision = 'approved' AND decided_on IS NOT NULL;

-- Every file exported from reports/ (who, when, which period): the
-- quarterly 附件2 alert says whether this quarter's ledger was exported.
CREATE TABLE exports (
	id INTEGER PRIMARY KEY,
	report TEXT NOT NULL,		-- the report's id, e.g. helper-quarterly
	period TEXT,			-- 2026Q4, or from..to, or NULL
	township TEXT,
	village TEXT,
	path TEXT NOT NULL,
	rows INTEGER NOT NULL,
	exported_on TEXT NOT NULL,
	exported_by TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX exports_report ON exports(report, period);

-- The alerts read entrustments by due date and open state.
CREATE INDEX entrustments_due ON entrustments(due_on, state);
CREATE INDEX entrustments_replied ON entrustments(state, replied_on);
