-- Issue 13: what is known of the reviews a period of care had before the ones recorded here, for
-- a child already in care when first entered. earlier_reviews = how many were held before the
-- first one recorded (0: every review is recorded); history_unknown = 1 when the IRO does not
-- know yet (no date is counted from the start of care until they say).
ALTER TABLE care_periods ADD COLUMN earlier_reviews INTEGER NOT NULL DEFAULT 0
    CHECK (earlier_reviews >= 0);
ALTER TABLE care_periods ADD COLUMN history_unknown INTEGER NOT NULL DEFAULT 0
    CHECK (history_unknown IN (0, 1));
