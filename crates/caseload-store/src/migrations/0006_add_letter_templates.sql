-- Issue 11: the IRO's own wording of the letter to the child after a review, one per age band.
-- A band without a row uses the default wording; going back to the default deletes the row.
CREATE TABLE letter_templates (
    band TEXT PRIMARY KEY NOT NULL CHECK (band IN ('under8', 'from8_to12', 'from13')),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0)
);
