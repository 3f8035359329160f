-- Issue 17: a child handed over to another IRO's store stays here, read-only, with its history.
-- One row per child transferred out: to whom (the receiving IRO's name as this store has it)
-- and the day of the handover. Validation refuses every later change to the child.
CREATE TABLE transfers_out (
    child_id INTEGER PRIMARY KEY REFERENCES children (id) ON DELETE RESTRICT,
    to_iro   TEXT    NOT NULL,
    on_day   TEXT    NOT NULL CHECK (date(on_day) IS on_day)
);
