-- The end of 特困 support has one path: the rolls' workflow (roll.c: end
-- → end_pending, publicised for [limits.tekun] publicity_days, then the
-- leader's confirm_end). 0011's columns on applications, which no screen
-- reached, go; the roll keeps the first day of the publicity beside the
-- last, for the printed notice (reports/tekun-end.ini).
ALTER TABLE rolls ADD COLUMN end_publicity_from TEXT;
ALTER TABLE applications DROP COLUMN end_publicity_from;
ALTER TABLE applications DROP COLUMN end_publicity_to;

-- The next re-certification is stored on the roll, as the next review is
-- on the household: set at enrolment ([alerts] recert_months later) and by
-- each check (review.c), so the lists, the alert and the report read one
-- column. Rows from before take the rule they were shown under (a year).
ALTER TABLE rolls ADD COLUMN recert_due_on TEXT;
CREATE INDEX rolls_recert_due ON rolls(recert_due_on) WHERE state <> 'ended';
-- The rolls' list is in the applicant's name order, read by an index of
-- the roll's own (a sort of every roll through applications and persons
-- took 10 ms a page on a county's store); the name follows the person's
-- (roll.c, member.c).
ALTER TABLE rolls ADD COLUMN name TEXT;
CREATE INDEX rolls_name ON rolls(name, id);
-- The alert "tekun_end" reads the few rolls whose end is being publicised.
CREATE INDEX rolls_end_pending ON rolls(end_publicity_to) WHERE state = 'end_pending';

-- The rows already there are filled in as any write is: the version bumped
-- and an audit row each (who: this migration), chained in id order, so
-- `jiuzhu check` finds every row as its audit rows say.
CREATE TEMP TABLE m12 AS
SELECT r.id AS row_id,
       (SELECT p.name FROM applications a JOIN persons p ON p.id = a.applicant_id
        WHERE a.id = r.application_id) AS name,
       coalesce((SELECT c.next_due_on FROM recertifications c
                 WHERE c.application_id = r.application_id ORDER BY c.id DESC LIMIT 1),
                date(r.since_on, '+12 months')) AS due,
       CASE WHEN r.end_publicity_to IS NOT NULL THEN date(r.end_publicity_to, '-7 days') END AS pub_from,
       r.version AS version
FROM rolls r ORDER BY r.id;
UPDATE rolls SET name = (SELECT name FROM m12 WHERE row_id = rolls.id),
                 recert_due_on = (SELECT due FROM m12 WHERE row_id = rolls.id),
                 end_publicity_from = (SELECT pub_from FROM m12 WHERE row_id = rolls.id),
                 version = version + 1;
INSERT INTO audit_log(id, at, who, tbl, row_id, action, before, after, hash)
SELECT n.id, n.at, n.who, 'rolls', n.row_id, 'update', n.before, n.after,
       jz_chain(n.id, n.at, n.who, 'rolls', n.row_id, 'update', n.before, n.after)
FROM (SELECT (SELECT coalesce(max(id), 0) FROM audit_log) + m.rowid AS id,
             strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, '结构升级 0012' AS who,
             m.row_id,
             CASE WHEN m.pub_from IS NULL
                  THEN json_object('name', NULL, 'recert_due_on', NULL, 'version', m.version)
                  ELSE json_object('name', NULL, 'end_publicity_from', NULL, 'recert_due_on', NULL,
                                   'version', m.version) END AS before,
             CASE WHEN m.pub_from IS NULL THEN json_object('name', m.name, 'recert_due_on', m.due)
                  ELSE json_object('name', m.name, 'end_publicity_from', m.pub_from,
                                   'recert_due_on', m.due)
             END AS after
      FROM m12 m ORDER BY m.rowid) n
ORDER BY n.id;
DROP TABLE m12;
