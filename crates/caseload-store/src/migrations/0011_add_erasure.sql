-- Issue 16: deleting a child's record past its retention (the IRO reviews the list and confirms).
-- The audit rows stay append-only (0001's triggers) with one narrow exception: while a row of
-- `erasure_in_progress` names a child, that child's audit rows, and only theirs, may be
-- deleted. The store sets the row, deletes the child's rows and audit rows, clears the row and
-- writes a tombstone audit row without personal data, all in one transaction (erase.rs), so
-- the row is never seen set outside it. Updates of audit rows stay refused always, and a row
-- without a child (a tombstone, a setting) can never be deleted.
CREATE TABLE erasure_in_progress (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    child_id INTEGER NOT NULL
);

DROP TRIGGER audit_refuses_delete;

CREATE TRIGGER audit_refuses_delete BEFORE DELETE ON audit
WHEN OLD.child_id IS NULL
  OR NOT EXISTS (SELECT 1 FROM erasure_in_progress WHERE child_id = OLD.child_id)
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;
