-- Each step of a roll keeps the amount in force after it (or the one
-- proposed, for a change awaiting the leader): the household's file showed
-- every step with today's amount, so an enrolment at 1,936 yuan read 1,500
-- once the amount was lowered. Steps recorded before have none: the file
-- gives the enrolment the approved amount of its application, and no
-- amount for the others, rather than a wrong one.
ALTER TABLE roll_events ADD COLUMN amount INTEGER;
