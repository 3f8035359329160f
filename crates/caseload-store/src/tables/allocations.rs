//! `allocations`: the history of which IRO a child is allocated to, from which date.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{date, iso};
use caseload_core::domain::Allocation;
use caseload_core::ids::{ChildId, IroId};
use rusqlite::{params, Connection, Row};

fn from_row(row: &Row<'_>) -> rusqlite::Result<(ChildId, Allocation)> {
    Ok((
        ChildId(row.get(0)?),
        Allocation {
            iro: IroId(row.get(1)?),
            from_on: date(row, 2)?,
            reason: row.get(3)?,
        },
    ))
}

/// Appends an allocation; returns its row id.
pub(crate) fn insert(
    conn: &Connection,
    child: ChildId,
    allocation: &Allocation,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO allocations (child_id, iro_id, from_on, reason) VALUES (?1, ?2, ?3, ?4)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            child.0,
            allocation.iro.0,
            iso(allocation.from_on),
            allocation.reason
        ])
    })
    .op("insert allocation")?;
    Ok(conn.last_insert_rowid())
}

/// A child's allocations, oldest first.
pub(crate) fn for_child(conn: &Connection, child: ChildId) -> Result<Vec<Allocation>, StoreError> {
    conn.prepare_cached(
        "SELECT child_id, iro_id, from_on, reason FROM allocations \
         WHERE child_id = ?1 ORDER BY from_on, id",
    )
    .and_then(|mut stmt| {
        stmt.query_map([child.0], |row| from_row(row).map(|(_, a)| a))?
            .collect()
    })
    .op("load allocations")
}

/// Every allocation with its child, oldest first within a child.
pub(crate) fn all(conn: &Connection) -> Result<Vec<(ChildId, Allocation)>, StoreError> {
    conn.prepare_cached(
        "SELECT child_id, iro_id, from_on, reason FROM allocations ORDER BY child_id, from_on, id",
    )
    .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
    .op("load allocations")
}
