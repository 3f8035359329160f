-- Issue 10: what a child-protection conference decided (a plan made, none, continued or
-- ended) and the category it confirmed; whether the child attended a CP conference; and two
-- facts of the preparation for a review: the social worker's contact with the IRO and the
-- reports' arrival. Each is a fact: no due date is stored.
ALTER TABLE meetings ADD COLUMN plan_decision TEXT
    CHECK (plan_decision IS NULL OR plan_decision IN (
        'plan_starts', 'no_plan', 'plan_continues', 'plan_ends'));
ALTER TABLE meetings ADD COLUMN category TEXT
    CHECK (category IS NULL OR category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL'));
ALTER TABLE meetings ADD COLUMN child_attended INTEGER
    CHECK (child_attended IS NULL OR child_attended IN (0, 1));
ALTER TABLE meetings ADD COLUMN social_worker_contact_on TEXT
    CHECK (social_worker_contact_on IS NULL OR date(social_worker_contact_on) IS social_worker_contact_on);
ALTER TABLE meetings ADD COLUMN reports_received_on TEXT
    CHECK (reports_received_on IS NULL OR date(reports_received_on) IS reports_received_on);
