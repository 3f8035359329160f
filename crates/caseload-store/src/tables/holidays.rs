//! `holidays`: imported bank holidays, whole years at a time. The bundled table is in the core.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{date, iso};
use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use serde::Serialize;

/// One imported holiday as stored (also its shape in the audit log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct HolidayRecord {
    pub date: NaiveDate,
    pub name: String,
    pub source: String,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<HolidayRecord> {
    Ok(HolidayRecord {
        date: date(row, 0)?,
        name: row.get(1)?,
        source: row.get(2)?,
    })
}

fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{year:04}-12-31"))
}

/// Every imported holiday, by date.
pub(crate) fn all(conn: &Connection) -> Result<Vec<HolidayRecord>, StoreError> {
    conn.prepare_cached("SELECT date, name, source FROM holidays ORDER BY date")
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load holidays")
}

/// The imported holidays of one year, by date.
pub(crate) fn in_year(conn: &Connection, year: i32) -> Result<Vec<HolidayRecord>, StoreError> {
    let (first, last) = year_bounds(year);
    conn.prepare_cached(
        "SELECT date, name, source FROM holidays WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
    )
    .and_then(|mut stmt| stmt.query_map(params![first, last], from_row)?.collect())
    .op("load holidays")
}

/// Forgets what was imported for a year (before the year is imported again).
pub(crate) fn delete_year(conn: &Connection, year: i32) -> Result<(), StoreError> {
    let (first, last) = year_bounds(year);
    conn.prepare_cached("DELETE FROM holidays WHERE date BETWEEN ?1 AND ?2")
        .and_then(|mut stmt| stmt.execute(params![first, last]))
        .op("replace holidays")?;
    Ok(())
}

pub(crate) fn insert(conn: &Connection, h: &HolidayRecord) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO holidays (date, name, source) VALUES (?1, ?2, ?3)")
        .and_then(|mut stmt| stmt.execute(params![iso(h.date), h.name, h.source]))
        .op("insert holiday")?;
    Ok(())
}
