//! `dispute_ladders`: the ladder of each kind of dispute that a store has set, as JSON (one row
//! per kind). A kind without a row uses the defaults bundled in `caseload-core`.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::code;
use caseload_core::domain::DisputeKind;
use caseload_core::rules::{DisputeLadders, LadderStep};
use rusqlite::{Connection, OptionalExtension};

/// The ladder a store has set for a kind, if it ever did.
pub(crate) fn get(
    conn: &Connection,
    kind: DisputeKind,
) -> Result<Option<Vec<LadderStep>>, StoreError> {
    let json: Option<String> = conn
        .prepare_cached("SELECT json FROM dispute_ladders WHERE kind = ?1")
        .and_then(|mut stmt| stmt.query_row([code(&kind)], |row| row.get(0)).optional())
        .op("load dispute ladder")?;
    json.map(|json| {
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            what: format!("load the {} dispute ladder: {e}", code(&kind)),
        })
    })
    .transpose()
}

/// The ladders in force: each kind's stored ladder, else its default.
pub(crate) fn in_force(conn: &Connection) -> Result<DisputeLadders, StoreError> {
    let mut ladders = DisputeLadders::default();
    for kind in DisputeKind::ALL {
        if let Some(steps) = get(conn, kind)? {
            ladders.set(kind, steps);
        }
    }
    Ok(ladders)
}

/// Sets (or replaces) a kind's ladder.
pub(crate) fn put(
    conn: &Connection,
    kind: DisputeKind,
    steps: &[LadderStep],
) -> Result<(), StoreError> {
    let json = serde_json::to_string(steps).map_err(|e| StoreError::Corrupt {
        what: format!("serialize the dispute ladder: {e}"),
    })?;
    conn.prepare_cached(
        "INSERT INTO dispute_ladders (kind, json) VALUES (?1, ?2) \
         ON CONFLICT (kind) DO UPDATE SET json = excluded.json",
    )
    .and_then(|mut stmt| stmt.execute([code(&kind), json]))
    .op("set dispute ladder")?;
    Ok(())
}
