//! `erasure_in_progress` (the one-row marker that lets a child's audit rows be deleted while it
//! names them: migration 0011) and the deletes of every row of one child, dependents first,
//! because every foreign key is `ON DELETE RESTRICT`.
//!
//! Only `erase` calls these, inside its transaction.

use crate::error::{SqlResultExt, StoreError};
use caseload_core::ids::ChildId;
use rusqlite::{params, Connection, OptionalExtension};

/// Every table that holds rows of a child, with the delete of that child's rows, in an order
/// no foreign key refuses: the rows that point at others first, the child last. The audit rows
/// go while the marker names the child.
pub(crate) const DELETES: &[(&str, &str)] = &[
    ("decisions", "DELETE FROM decisions WHERE child_id = ?1"),
    (
        "meeting_records",
        "DELETE FROM meeting_records WHERE child_id = ?1",
    ),
    (
        "dispute_stages",
        "DELETE FROM dispute_stages WHERE dispute_id IN (SELECT id FROM disputes WHERE child_id = ?1)",
    ),
    ("disputes", "DELETE FROM disputes WHERE child_id = ?1"),
    ("meetings", "DELETE FROM meetings WHERE child_id = ?1"),
    ("cp_episodes", "DELETE FROM cp_episodes WHERE child_id = ?1"),
    ("care_periods", "DELETE FROM care_periods WHERE child_id = ?1"),
    ("allocations", "DELETE FROM allocations WHERE child_id = ?1"),
    (
        "transfers_out",
        "DELETE FROM transfers_out WHERE child_id = ?1",
    ),
    ("audit", "DELETE FROM audit WHERE child_id = ?1"),
    ("children", "DELETE FROM children WHERE id = ?1"),
];

/// True when the child is in the store.
pub(crate) fn child_exists(conn: &Connection, child: ChildId) -> Result<bool, StoreError> {
    conn.prepare_cached("SELECT 1 FROM children WHERE id = ?1")
        .and_then(|mut stmt| {
            stmt.query_row([child.0], |_| Ok(()))
                .optional()
                .map(|found| found.is_some())
        })
        .op("look up the child to delete")
}

/// Names the child whose audit rows may be deleted until [`unmark`].
pub(crate) fn mark(conn: &Connection, child: ChildId) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO erasure_in_progress (id, child_id) VALUES (1, ?1)",
        params![child.0],
    )
    .op("mark the child being deleted")?;
    Ok(())
}

/// Ends the erasure: no audit row may be deleted again.
pub(crate) fn unmark(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM erasure_in_progress", [])
        .op("clear the mark of the child deleted")?;
    Ok(())
}

/// Deletes every row of the child, table by table: how many rows each table lost.
pub(crate) fn delete_rows(
    conn: &Connection,
    child: ChildId,
) -> Result<Vec<(&'static str, usize)>, StoreError> {
    DELETES
        .iter()
        .map(|(table, sql)| {
            conn.execute(sql, [child.0])
                .op("delete a child's rows")
                .map(|n| (*table, n))
        })
        .collect()
}

/// A new random id for a tombstone: 32 hex digits, unrelated to anything about the child.
pub(crate) fn tombstone_id(conn: &Connection) -> Result<String, StoreError> {
    conn.query_row("SELECT lower(hex(randomblob(16)))", [], |row| row.get(0))
        .op("make a tombstone id")
}
