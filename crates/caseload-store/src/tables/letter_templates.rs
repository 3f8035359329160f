//! `letter_templates`: the IRO's own wording of the letter to the child, one row per age band
//! that has one.

use crate::error::{SqlResultExt, StoreError};
use caseload_core::domain::{AgeBand, LetterTemplate};
use rusqlite::{Connection, OptionalExtension};

fn band_of(code: &str) -> Result<AgeBand, StoreError> {
    AgeBand::ALL
        .into_iter()
        .find(|b| b.code() == code)
        .ok_or_else(|| StoreError::Corrupt {
            what: format!("letter template for an unknown age band {code:?}"),
        })
}

/// Every band's own wording, youngest first.
pub(crate) fn all(conn: &Connection) -> Result<Vec<LetterTemplate>, StoreError> {
    let rows: Vec<(String, String)> = conn
        .prepare_cached("SELECT band, text FROM letter_templates")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect()
        })
        .op("load letter templates")?;
    let mut all = rows
        .into_iter()
        .map(|(band, text)| {
            Ok(LetterTemplate {
                band: band_of(&band)?,
                text,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    all.sort_by_key(|t| t.band);
    Ok(all)
}

/// One band's own wording, if it has one.
pub(crate) fn get(conn: &Connection, band: AgeBand) -> Result<Option<String>, StoreError> {
    conn.prepare_cached("SELECT text FROM letter_templates WHERE band = ?1")
        .and_then(|mut stmt| stmt.query_row([band.code()], |row| row.get(0)).optional())
        .op("load a letter template")
}

/// Sets a band's wording, or (None) deletes it so the default is used.
pub(crate) fn put(conn: &Connection, band: AgeBand, text: Option<&str>) -> Result<(), StoreError> {
    match text {
        Some(text) => conn
            .prepare_cached(
                "INSERT INTO letter_templates (band, text) VALUES (?1, ?2) \
                 ON CONFLICT (band) DO UPDATE SET text = excluded.text",
            )
            .and_then(|mut stmt| stmt.execute((band.code(), text)))
            .op("set a letter template")?,
        None => conn
            .prepare_cached("DELETE FROM letter_templates WHERE band = ?1")
            .and_then(|mut stmt| stmt.execute([band.code()]))
            .op("reset a letter template")?,
    };
    Ok(())
}
