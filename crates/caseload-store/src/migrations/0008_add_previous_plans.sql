-- Issue 12: how many child protection plans a child had before this one, as a return states it
-- (CIN NumberOfPreviousCPP), for plans the store does not hold. A fact from a file, not a count.
ALTER TABLE cp_episodes ADD COLUMN previous_plans INTEGER
    CHECK (previous_plans IS NULL OR previous_plans >= 0);
