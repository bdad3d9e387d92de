-- Version 5: a member leaves a household with a date and a reason instead
-- of being deleted (the person stays in the store, out of the household's
-- current members and of new authorisation rows).
-- left_reason: moved 迁出, died 死亡, other 其他.

ALTER TABLE persons ADD COLUMN left_on TEXT;
ALTER TABLE persons ADD COLUMN left_reason TEXT CHECK (left_reason IN ('moved','died','other'));
ALTER TABLE persons ADD COLUMN left_note TEXT;
