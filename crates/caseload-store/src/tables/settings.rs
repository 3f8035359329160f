//! `settings`: the single row of store-wide settings, as JSON (so a new setting with a serde
//! default needs no migration).

use crate::error::{SqlResultExt, StoreError};
use caseload_core::settings::Settings;
use rusqlite::{Connection, OptionalExtension};

/// The stored settings, if they were ever set.
pub(crate) fn get(conn: &Connection) -> Result<Option<Settings>, StoreError> {
    let json: Option<String> = conn
        .prepare_cached("SELECT json FROM settings WHERE id = 1")
        .and_then(|mut stmt| stmt.query_row([], |row| row.get(0)).optional())
        .op("load settings")?;
    json.map(|json| {
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            what: format!("load settings: {e}"),
        })
    })
    .transpose()
}

/// Sets (or replaces) the settings.
pub(crate) fn put(conn: &Connection, settings: &Settings) -> Result<(), StoreError> {
    let json = serde_json::to_string(settings).map_err(|e| StoreError::Corrupt {
        what: format!("serialize settings: {e}"),
    })?;
    conn.prepare_cached(
        "INSERT INTO settings (id, json) VALUES (1, ?1) \
         ON CONFLICT (id) DO UPDATE SET json = excluded.json",
    )
    .and_then(|mut stmt| stmt.execute([json]))
    .op("set settings")?;
    Ok(())
}
