-- 0001_initial: the first schema of an IRO Caseload store.
--
-- Conventions: snake_case; civil dates are ISO TEXT 'YYYY-MM-DD' (checked with date(x) = x);
-- codes are the serde strings of the core enums ('lac_review', 'PN3', 'C2', 'NEG', ...);
-- booleans are INTEGER 0/1. Foreign keys are RESTRICT: the app never deletes a child, a
-- period, an episode or a meeting (corrections are updates, recorded in the audit log).
-- Pragmas (WAL, foreign_keys, synchronous, busy_timeout) are set in open.rs, not here.

CREATE TABLE iros (
    id     INTEGER PRIMARY KEY,
    name   TEXT    NOT NULL,
    fte    REAL    NOT NULL CHECK (fte > 0 AND fte <= 1),
    active INTEGER NOT NULL CHECK (active IN (0, 1))
);

CREATE TABLE children (
    id                INTEGER PRIMARY KEY,
    first_name        TEXT NOT NULL,
    last_name         TEXT NOT NULL,
    preferred_name    TEXT,
    born_on           TEXT CHECK (born_on IS NULL OR date(born_on) IS born_on),
    expected_birth_on TEXT CHECK (expected_birth_on IS NULL OR date(expected_birth_on) IS expected_birth_on),
    sex               TEXT NOT NULL CHECK (sex IN ('male', 'female', 'unknown')),
    ethnicity         TEXT CHECK (ethnicity IS NULL OR ethnicity IN (
                          'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND',
                          'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT')),
    local_ref         TEXT,
    sibling_group     TEXT,
    social_worker     TEXT,
    team              TEXT,
    CHECK (born_on IS NOT NULL OR expected_birth_on IS NOT NULL)
);

CREATE TABLE allocations (
    id       INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id) ON DELETE RESTRICT,
    iro_id   INTEGER NOT NULL REFERENCES iros (id) ON DELETE RESTRICT,
    from_on  TEXT    NOT NULL CHECK (date(from_on) IS from_on),
    reason   TEXT
);
CREATE INDEX allocations_child_id ON allocations (child_id);

CREATE TABLE care_periods (
    id           INTEGER PRIMARY KEY,
    child_id     INTEGER NOT NULL REFERENCES children (id) ON DELETE RESTRICT,
    started_on   TEXT    NOT NULL CHECK (date(started_on) IS started_on),
    ended_on     TEXT    CHECK (ended_on IS NULL OR (date(ended_on) IS ended_on AND ended_on >= started_on)),
    legal_status TEXT    NOT NULL CHECK (legal_status IN (
                     'C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4')),
    regime       TEXT    NOT NULL CHECK (regime IN ('full_care', 'short_breaks'))
);
CREATE INDEX care_periods_child_id ON care_periods (child_id);

CREATE TABLE cp_episodes (
    id                      INTEGER PRIMARY KEY,
    child_id                INTEGER NOT NULL REFERENCES children (id) ON DELETE RESTRICT,
    strategy_on             TEXT CHECK (strategy_on IS NULL OR date(strategy_on) IS strategy_on),
    s47_started_on          TEXT CHECK (s47_started_on IS NULL OR date(s47_started_on) IS s47_started_on),
    transfer_in_notified_on TEXT CHECK (transfer_in_notified_on IS NULL
                                        OR date(transfer_in_notified_on) IS transfer_in_notified_on),
    plan_started_on         TEXT CHECK (plan_started_on IS NULL OR date(plan_started_on) IS plan_started_on),
    plan_ended_on           TEXT CHECK (plan_ended_on IS NULL OR date(plan_ended_on) IS plan_ended_on),
    initial_category        TEXT CHECK (initial_category IS NULL
                                        OR initial_category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
    latest_category         TEXT CHECK (latest_category IS NULL
                                        OR latest_category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
    closed_on               TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on)
);
CREATE INDEX cp_episodes_child_id ON cp_episodes (child_id);

CREATE TABLE meetings (
    id                INTEGER PRIMARY KEY,
    child_id          INTEGER NOT NULL REFERENCES children (id) ON DELETE RESTRICT,
    kind              TEXT    NOT NULL CHECK (kind IN (
                          'lac_review', 'icpc', 'cp_review', 'transfer_in_conference', 'core_group')),
    status            TEXT    NOT NULL CHECK (status IN ('booked', 'held', 'cancelled', 'adjourned')),
    booked_on         TEXT    CHECK (booked_on IS NULL OR date(booked_on) IS booked_on),
    booked_at         TEXT    CHECK (booked_at IS NULL OR booked_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    venue             TEXT,
    status_reason     TEXT,
    held_on           TEXT    CHECK (held_on IS NULL OR date(held_on) IS held_on),
    participation     TEXT    CHECK (participation IS NULL OR participation IN (
                          'PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')),
    advocate_offered  INTEGER CHECK (advocate_offered IS NULL OR advocate_offered IN (0, 1)),
    advocate_used     INTEGER CHECK (advocate_used IS NULL OR advocate_used IN (0, 1)),
    child_seen_on     TEXT    CHECK (child_seen_on IS NULL OR date(child_seen_on) IS child_seen_on),
    decisions_sent_on TEXT    CHECK (decisions_sent_on IS NULL OR date(decisions_sent_on) IS decisions_sent_on),
    record_sent_on    TEXT    CHECK (record_sent_on IS NULL OR date(record_sent_on) IS record_sent_on),
    quorate           INTEGER CHECK (quorate IS NULL OR quorate IN (0, 1)),
    early_reason      TEXT,
    -- Only a meeting recorded as held without a booking has no booked date.
    CHECK (status = 'held' OR booked_on IS NOT NULL),
    -- A held meeting has its held date: the next due date chains from it.
    CHECK (status <> 'held' OR held_on IS NOT NULL)
);
CREATE INDEX meetings_child_id ON meetings (child_id);
CREATE INDEX meetings_status_booked_on ON meetings (status, booked_on);

-- The rule id is the kebab-case RuleId ('lac-first-review'); deliberately no CHECK on the
-- list, so adding a rule to the catalogue needs no table rebuild. Unknown ids are refused
-- when loaded (StoreError::Corrupt).
CREATE TABLE rule_overrides (
    rule  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 400),
    note  TEXT
);

-- Imported bank holidays (GOV.UK); the bundled table lives in caseload-core, not here.
CREATE TABLE holidays (
    date   TEXT PRIMARY KEY CHECK (date(date) IS date),
    name   TEXT NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT    NOT NULL CHECK (json_valid(json))
);

-- One row per applied change, written in the same transaction as the change.
-- No foreign keys: the log must be able to record any id it is given, and it is never the
-- reason a change fails.
CREATE TABLE audit (
    id           INTEGER PRIMARY KEY,
    recorded_at  TEXT    NOT NULL,
    actor_iro_id INTEGER,
    op           TEXT    NOT NULL,
    child_id     INTEGER,
    change_json  TEXT    NOT NULL CHECK (json_valid(change_json)),
    before_json  TEXT    CHECK (before_json IS NULL OR json_valid(before_json)),
    after_json   TEXT    CHECK (after_json IS NULL OR json_valid(after_json))
);
CREATE INDEX audit_child_id ON audit (child_id);

CREATE TRIGGER audit_refuses_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER audit_refuses_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;
