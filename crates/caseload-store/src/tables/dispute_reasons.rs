//! `dispute_reasons`: the reason categories a store has set, in order (one row per category).
//! An empty table means the defaults bundled in `caseload-core` (domain.md §5.3).

use crate::error::{SqlResultExt, StoreError};
use caseload_core::domain::DisputeReason;
use caseload_core::rules::{DisputeReasons, ReasonCategory};
use rusqlite::Connection;

/// The list a store has set, if it ever did.
pub(crate) fn get(conn: &Connection) -> Result<Option<Vec<ReasonCategory>>, StoreError> {
    let rows: Vec<ReasonCategory> = conn
        .prepare_cached("SELECT code, label FROM dispute_reasons ORDER BY position")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| {
                Ok(ReasonCategory {
                    code: DisputeReason::new(row.get::<_, String>(0)?),
                    label: row.get(1)?,
                })
            })?
            .collect()
        })
        .op("load dispute reasons")?;
    Ok((!rows.is_empty()).then_some(rows))
}

/// The list in force: the store's, else the defaults.
pub(crate) fn in_force(conn: &Connection) -> Result<DisputeReasons, StoreError> {
    Ok(get(conn)?.map_or_else(DisputeReasons::default, DisputeReasons::new))
}

/// Replaces the list (validated by the core before).
pub(crate) fn put(conn: &Connection, reasons: &[ReasonCategory]) -> Result<(), StoreError> {
    conn.execute("DELETE FROM dispute_reasons", [])
        .op("clear dispute reasons")?;
    let mut insert = conn
        .prepare_cached("INSERT INTO dispute_reasons (position, code, label) VALUES (?1, ?2, ?3)")
        .op("set dispute reasons")?;
    for (position, category) in reasons.iter().enumerate() {
        insert
            .execute((position, category.code.as_str(), category.label.trim()))
            .op("set dispute reasons")?;
    }
    Ok(())
}
