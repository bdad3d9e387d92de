-- Indexes for the reports (issue 12: exports with a margin).
--
-- The roll, the review plan, the publicity list and a case's view count a
-- household's members still in it (left_on IS NULL), the reports for every
-- row: with left_on in the index the count reads the index alone, not each
-- member's row (on 100,000 rolls: a fifth of the roll's query). It takes the place of
-- persons_household, whose column it begins with, so registering and
-- importing persons keep the same number of indexes to write.
CREATE INDEX persons_household_left ON persons(household_id, left_on);
DROP INDEX persons_household;
