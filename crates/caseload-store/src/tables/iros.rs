//! `iros`: IRO (and CP chair) profiles.

use crate::error::{SqlResultExt, StoreError};
use caseload_core::domain::{Iro, IroDetails};
use caseload_core::ids::IroId;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, name, fte, active";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Iro> {
    Ok(Iro {
        id: IroId(row.get(0)?),
        details: IroDetails {
            name: row.get(1)?,
            fte: row.get(2)?,
            active: row.get(3)?,
        },
    })
}

/// Inserts a profile with the given id, or the next free one.
pub(crate) fn insert(
    conn: &Connection,
    id: Option<IroId>,
    details: &IroDetails,
) -> Result<IroId, StoreError> {
    conn.prepare_cached("INSERT INTO iros (id, name, fte, active) VALUES (?1, ?2, ?3, ?4)")
        .and_then(|mut stmt| {
            stmt.execute(params![
                id.map(|i| i.0),
                details.name,
                details.fte,
                details.active
            ])
        })
        .op("insert iro")?;
    Ok(IroId(conn.last_insert_rowid()))
}

pub(crate) fn update(conn: &Connection, id: IroId, details: &IroDetails) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached("UPDATE iros SET name = ?2, fte = ?3, active = ?4 WHERE id = ?1")
        .and_then(|mut stmt| stmt.execute(params![id.0, details.name, details.fte, details.active]))
        .op("update iro")?;
    if n == 0 {
        return Err(StoreError::NotFound {
            entity: "iro",
            id: id.0,
        });
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: IroId) -> Result<Option<Iro>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM iros WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id.0], from_row).optional())
        .op("load iro")
}

/// Every profile, by id.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Iro>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM iros ORDER BY id"))
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load iros")
}
