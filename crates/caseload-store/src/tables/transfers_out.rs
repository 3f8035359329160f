//! `transfers_out`: the children handed over to another IRO's store (migration 0012), each
//! with the receiving IRO's name and the day of the handover.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{date, iso};
use caseload_core::domain::TransferredOut;
use caseload_core::ids::ChildId;
use rusqlite::{params, Connection, OptionalExtension, Row};

fn from_row(row: &Row<'_>) -> rusqlite::Result<(ChildId, TransferredOut)> {
    Ok((
        ChildId(row.get(0)?),
        TransferredOut {
            to: row.get(1)?,
            on: date(row, 2)?,
        },
    ))
}

/// Marks a child transferred out.
pub(crate) fn insert(
    conn: &Connection,
    child: ChildId,
    out: &TransferredOut,
) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO transfers_out (child_id, to_iro, on_day) VALUES (?1, ?2, ?3)")
        .and_then(|mut stmt| stmt.execute(params![child.0, out.to, iso(out.on)]))
        .op("mark a child transferred out")?;
    Ok(())
}

/// Ends a transfer out: the child's record came back.
pub(crate) fn remove(conn: &Connection, child: ChildId) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM transfers_out WHERE child_id = ?1")
        .and_then(|mut stmt| stmt.execute([child.0]))
        .op("end a transfer out")?;
    Ok(())
}

pub(crate) fn get(conn: &Connection, child: ChildId) -> Result<Option<TransferredOut>, StoreError> {
    conn.prepare_cached("SELECT child_id, to_iro, on_day FROM transfers_out WHERE child_id = ?1")
        .and_then(|mut stmt| stmt.query_row([child.0], from_row).optional())
        .map(|row| row.map(|(_, out)| out))
        .op("load transfer out")
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<(ChildId, TransferredOut)>, StoreError> {
    conn.prepare_cached("SELECT child_id, to_iro, on_day FROM transfers_out ORDER BY child_id")
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load transfers out")
}
