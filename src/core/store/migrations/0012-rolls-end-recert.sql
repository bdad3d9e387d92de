-- The end of 特困 support has one path: the rolls' workflow (roll.c: end
-- → end_pending, publicised for [limits.tekun] publicity_days, then the
-- leader's confirm_end). 0011's columns on applications, which no screen
-- reached, go; the roll keeps the first day of the publicity beside the
-- last, for the printed notice (reports/tekun-end.ini).
ALTER TABLE rolls ADD COLUMN end_publicity_from TEXT;
UPDATE rolls SET end_publicity_from = date(end_publicity_to, '-7 days')
 WHERE end_publicity_to IS NOT NULL;
ALTER TABLE applications DROP COLUMN end_publicity_from;
ALTER TABLE applications DROP COLUMN end_publicity_to;

-- The next re-certification is stored on the roll, as the next review is
-- on the household: set at enrolment ([alerts] recert_months later) and by
-- each check (review.c), so the lists, the alert and the report read one
-- column. Rows from before take the rule they were shown under (a year).
ALTER TABLE rolls ADD COLUMN recert_due_on TEXT;
UPDATE rolls SET recert_due_on = coalesce((SELECT c.next_due_on FROM recertifications c
  WHERE c.application_id = rolls.application_id ORDER BY c.id DESC LIMIT 1),
  date(since_on, '+12 months'));
CREATE INDEX rolls_recert_due ON rolls(recert_due_on) WHERE state <> 'ended';
-- The alert "tekun_end" reads the few rolls whose end is being publicised.
CREATE INDEX rolls_end_pending ON rolls(end_publicity_to) WHERE state = 'end_pending';
