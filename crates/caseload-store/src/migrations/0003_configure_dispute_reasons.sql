-- 0003_configure_dispute_reasons: each store keeps its own list of dispute reason categories.
--
-- domain.md §5.3 gives a default list (bundled in caseload-core); an authority that counts by
-- other categories sets its own with `set_dispute_reasons`. An empty table means the defaults,
-- as for the ladders. A code a recorded dispute uses is kept on the list (checked on write).
CREATE TABLE dispute_reasons (
    -- The order forms and reports list the categories in, from 0.
    position INTEGER PRIMARY KEY CHECK (position >= 0),
    code     TEXT    NOT NULL UNIQUE CHECK (
                 length(code) BETWEEN 1 AND 40
                 AND code GLOB '[a-z]*'
                 AND code NOT GLOB '*[^a-z0-9_]*'),
    label    TEXT    NOT NULL CHECK (trim(label) <> '')
);

-- `disputes.reason` was limited to the default codes by a CHECK; SQLite cannot drop a CHECK, so
-- the table is rebuilt (https://sqlite.org/lang_altertable.html#otheralter). Foreign keys are
-- off while migrations run and `PRAGMA foreign_key_check` runs after this one (migrate.rs), so
-- `dispute_stages` keeps pointing at `disputes` by name.
CREATE TABLE disputes_rebuilt (
    id                  INTEGER PRIMARY KEY,
    child_id            INTEGER NOT NULL REFERENCES children (id) ON DELETE RESTRICT,
    kind                TEXT    NOT NULL CHECK (kind IN ('drp', 'macp')),
    concerns            TEXT    NOT NULL CHECK (concerns IN ('lac_plan', 'cp_plan')),
    reason              TEXT    NOT NULL CHECK (
                            length(reason) BETWEEN 1 AND 40
                            AND reason GLOB '[a-z]*'
                            AND reason NOT GLOB '*[^a-z0-9_]*'),
    raised_on           TEXT    NOT NULL CHECK (date(raised_on) IS raised_on),
    sibling_group       TEXT,
    partner_agency      TEXT,
    cafcass_referred_on TEXT    CHECK (cafcass_referred_on IS NULL
                                       OR date(cafcass_referred_on) IS cafcass_referred_on),
    outcome             TEXT    CHECK (outcome IS NULL
                                       OR outcome IN ('resolved', 'withdrawn', 'referred_to_cafcass')),
    closed_on           TEXT    CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
    CHECK ((outcome IS NULL) = (closed_on IS NULL)),
    CHECK ((kind = 'macp') = (partner_agency IS NOT NULL))
);
INSERT INTO disputes_rebuilt (id, child_id, kind, concerns, reason, raised_on, sibling_group,
                              partner_agency, cafcass_referred_on, outcome, closed_on)
    SELECT id, child_id, kind, concerns, reason, raised_on, sibling_group,
           partner_agency, cafcass_referred_on, outcome, closed_on
    FROM disputes;
DROP TABLE disputes;
ALTER TABLE disputes_rebuilt RENAME TO disputes;
CREATE INDEX disputes_child_id ON disputes (child_id);
