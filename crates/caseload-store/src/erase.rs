//! Deleting children's records past retention: the one write that is not a
//! [`Change`](caseload_core::change::Change), because it removes audit rows.
//!
//! In one transaction, for each child: the marker of migration 0011 names the child, every row
//! of theirs is deleted (dependents first) with their audit rows, the marker is cleared, and
//! one tombstone audit row records what was deleted, when, by which IRO profile and under which
//! rule, with a random id and no personal data (no name, no date about the child, not even the
//! child's id). Any failure rolls back everything. Then `VACUUM`, outside the transaction, so
//! no freed page keeps the deleted rows, and a WAL checkpoint that truncates the WAL file.
//!
//! Which children may be deleted (past retention, confirmed by the IRO) is decided above this
//! crate; the store deletes what it is told, whole or not at all.

use crate::error::{SqlResultExt, StoreError};
use crate::open::Store;
use crate::tables::audit::{self, NewAuditRow};
use crate::tables::erasure;
use caseload_core::ids::{ChildId, IroId};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use std::collections::BTreeMap;

/// The op of a tombstone's audit row.
pub const ERASE_OP: &str = "erase_child";

/// What `erase_children` records besides what it deletes. The store reads no clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EraseContext<'a> {
    /// When, recorded on each tombstone.
    pub recorded_at: DateTime<Utc>,
    /// The IRO profile deleting, recorded on each tombstone.
    pub actor: Option<IroId>,
    /// The rule the records were deleted under (the retention in force), kept on each
    /// tombstone as given. It must hold no personal data.
    pub rule: &'a serde_json::Value,
}

/// What one child's erasure removed: a tombstone id and how many rows of each table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erased {
    /// The random id of the tombstone left in the audit trail.
    pub tombstone: String,
    /// Rows deleted, by table (`children`, `meetings`, …, `audit`), tables with none left out.
    pub deleted: BTreeMap<&'static str, usize>,
}

impl Store {
    /// Deletes the children's records, all or nothing, leaving one tombstone each in the audit
    /// trail, then rewrites the file so the freed pages are gone. An unknown child refuses the
    /// whole batch ([`StoreError::NotFound`]).
    pub fn erase_children(
        &mut self,
        children: &[ChildId],
        ctx: &EraseContext<'_>,
    ) -> Result<Vec<Erased>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .op("begin the transaction")?;
        let erased = children
            .iter()
            .map(|&child| erase_one(&tx, child, ctx))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit().op("commit the deletion")?;
        reclaim(&self.conn)?;
        Ok(erased)
    }
}

fn erase_one(
    tx: &Connection,
    child: ChildId,
    ctx: &EraseContext<'_>,
) -> Result<Erased, StoreError> {
    if !erasure::child_exists(tx, child)? {
        return Err(StoreError::NotFound {
            entity: "child",
            id: child.0,
        });
    }
    erasure::mark(tx, child)?;
    let deleted: BTreeMap<&'static str, usize> = erasure::delete_rows(tx, child)?
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect();
    erasure::unmark(tx)?;
    let tombstone = erasure::tombstone_id(tx)?;
    append_tombstone(tx, &tombstone, &deleted, ctx)?;
    Ok(Erased { tombstone, deleted })
}

/// The tombstone's audit row: no child id, no before or after.
fn append_tombstone(
    tx: &Connection,
    tombstone: &str,
    deleted: &BTreeMap<&'static str, usize>,
    ctx: &EraseContext<'_>,
) -> Result<(), StoreError> {
    let change = serde_json::json!({
        "op": ERASE_OP,
        "tombstone": tombstone,
        "deleted": deleted,
        "rule": ctx.rule,
    });
    audit::append(
        tx,
        &NewAuditRow {
            recorded_at: &ctx.recorded_at.to_rfc3339_opts(SecondsFormat::Micros, true),
            actor: ctx.actor,
            op: ERASE_OP,
            child: None,
            change_json: &change.to_string(),
            before_json: None,
            after_json: None,
            source: None,
        },
    )?;
    Ok(())
}

/// Rewrites the database without its free pages, then copies the WAL into it and truncates
/// the WAL file, so neither holds a deleted row.
fn reclaim(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("VACUUM")
        .op("rewrite the store after deleting (the records are deleted)")?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .op("checkpoint the journal after deleting (the records are deleted)")?;
    Ok(())
}

#[cfg(test)]
mod tests;
