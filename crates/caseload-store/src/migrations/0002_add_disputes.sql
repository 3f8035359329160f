-- 0002_add_disputes: disputes (the IRO Dispute Resolution Process and multi-agency challenge,
-- domain.md §5), their stages, and each store's dispute ladders.
--
-- Only facts are stored. Response due dates are computed from the ladder and the calendar, so
-- they are never columns here. A dispute is never deleted (foreign keys RESTRICT); it ends with
-- an outcome. Stage numbers are the ladder's (0 = informal challenge on the default DRP ladder);
-- which numbers exist is the ladder's business, checked by validation, not by a CHECK here.

CREATE TABLE disputes (
    id                  INTEGER PRIMARY KEY,
    child_id            INTEGER NOT NULL REFERENCES children (id) ON DELETE RESTRICT,
    kind                TEXT    NOT NULL CHECK (kind IN ('drp', 'macp')),
    concerns            TEXT    NOT NULL CHECK (concerns IN ('lac_plan', 'cp_plan')),
    reason              TEXT    NOT NULL CHECK (reason IN (
                            'assessments', 'planning', 'practice', 'progress_of_plan',
                            'placement_or_resources', 'contact', 'permanence', 'other')),
    raised_on           TEXT    NOT NULL CHECK (date(raised_on) IS raised_on),
    sibling_group       TEXT,
    partner_agency      TEXT,
    cafcass_referred_on TEXT    CHECK (cafcass_referred_on IS NULL
                                       OR date(cafcass_referred_on) IS cafcass_referred_on),
    outcome             TEXT    CHECK (outcome IS NULL
                                       OR outcome IN ('resolved', 'withdrawn', 'referred_to_cafcass')),
    closed_on           TEXT    CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
    -- An outcome has its date, and only an outcome has one.
    CHECK ((outcome IS NULL) = (closed_on IS NULL)),
    -- A multi-agency challenge names the partner agency; the DRP has none.
    CHECK ((kind = 'macp') = (partner_agency IS NOT NULL))
);
CREATE INDEX disputes_child_id ON disputes (child_id);

CREATE TABLE dispute_stages (
    id               INTEGER PRIMARY KEY,
    dispute_id       INTEGER NOT NULL REFERENCES disputes (id) ON DELETE RESTRICT,
    stage            INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 255),
    raised_on        TEXT    NOT NULL CHECK (date(raised_on) IS raised_on),
    sent_to          TEXT    NOT NULL,
    responded_on     TEXT    CHECK (responded_on IS NULL
                                    OR (date(responded_on) IS responded_on AND responded_on >= raised_on)),
    response_summary TEXT,
    -- Each stage is raised at most once on a dispute.
    UNIQUE (dispute_id, stage)
);

-- One row per kind whose ladder was set; a kind with no row uses the defaults of domain.md §5.3
-- (bundled in caseload-core). JSON, so a new ladder field with a serde default needs no migration.
CREATE TABLE dispute_ladders (
    kind TEXT PRIMARY KEY CHECK (kind IN ('drp', 'macp')),
    json TEXT NOT NULL CHECK (json_valid(json))
);
