-- Version 7: what the step rules of case.c need recorded.
--
-- The one-time notice's missing materials are a list: a JSON array of
-- items, never text split again at its commas (「家庭收入证明（工资、经营、
-- 财产性收入等）」 is one item). A notice written before this version keeps
-- its text as one item.
UPDATE applications SET missing_items = json_array(missing_items)
	WHERE missing_items IS NOT NULL
	AND CASE WHEN json_valid(missing_items) THEN json_type(missing_items) <> 'array' ELSE 1 END;

-- The day the total limit was extended to total_special (with special_reason).
ALTER TABLE applications ADD COLUMN special_on TEXT;
UPDATE applications SET special_on = (SELECT min(o.received_on) FROM objections o
	WHERE o.application_id = applications.id)
	WHERE special_extension = 1;

-- Who objected during publicity (异议人).
ALTER TABLE objections ADD COLUMN objector TEXT;

-- 民主评议: after an objection, the township re-investigates or holds a
-- community review; the next initial review needs one of them.
CREATE TABLE deliberations (
	id INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id),
	held_on TEXT NOT NULL,
	participants TEXT NOT NULL,	-- who took part
	outcome TEXT NOT NULL,		-- 评议结果
	version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX deliberations_application ON deliberations(application_id);
