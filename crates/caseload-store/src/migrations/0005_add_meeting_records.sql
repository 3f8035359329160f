-- Issue 11: the record a chair writes during a meeting (a draft, then final; at most one per
-- meeting: the primary key), and the decisions of finalised records, tracked until carried out.
-- The record is kept whole as JSON (its shape is the core's `MeetingRecord`); decisions are rows,
-- because Today, the annual report and the next pack ask about them one by one.
CREATE TABLE meeting_records (
    meeting_id  INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE RESTRICT,
    child_id    INTEGER NOT NULL REFERENCES children (id) ON DELETE RESTRICT,
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'final')),
    record_json TEXT    NOT NULL CHECK (json_valid(record_json))
);
CREATE INDEX meeting_records_child_id ON meeting_records (child_id);

CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE RESTRICT,
    child_id       INTEGER NOT NULL REFERENCES children (id) ON DELETE RESTRICT,
    number         INTEGER NOT NULL CHECK (number >= 1),
    text           TEXT    NOT NULL,
    owner          TEXT    NOT NULL,
    due_on         TEXT    CHECK (due_on IS NULL OR date(due_on) IS due_on),
    by_next_review INTEGER NOT NULL CHECK (by_next_review IN (0, 1)),
    state          TEXT    NOT NULL CHECK (state IN ('open', 'done', 'dropped')),
    closed_on      TEXT    CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
    note           TEXT,
    UNIQUE (meeting_id, number),
    -- A decision is due by a date, or by the next review: exactly one.
    CHECK ((by_next_review = 1) = (due_on IS NULL)),
    -- Open exactly when it has no closing date; a dropped decision says why.
    CHECK ((state = 'open') = (closed_on IS NULL)),
    CHECK (state <> 'dropped' OR note IS NOT NULL)
);
CREATE INDEX decisions_child_id ON decisions (child_id);
