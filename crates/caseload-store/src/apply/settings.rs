//! The writes of the store's own settings: the `settings`, `holidays` (the calendar) and
//! `letter_templates` tables.

use super::written::{misrouted, Written};
use crate::error::StoreError;
use crate::tables::holidays::{self, HolidayRecord};
use crate::tables::{letter_templates, settings};
use caseload_core::change::{Change, HolidayRow};
use chrono::Datelike;
use rusqlite::Connection;
use std::collections::BTreeSet;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::ImportHolidays {
            holidays: rows,
            source,
        } => import_holidays(conn, rows, source.as_deref()),
        Change::SetSettings { settings: new } => {
            let before = settings::get(conn)?;
            settings::put(conn, new)?;
            Written::new(None, before.as_ref(), settings::get(conn)?.as_ref())
        }
        Change::SetLetterTemplate { band, text } => {
            let before = letter_templates::get(conn, *band)?;
            letter_templates::put(conn, *band, text.as_deref())?;
            Written::new(None, before.as_ref(), text.as_ref())
        }
        _ => misrouted(change, "settings"),
    }
}

/// Every year present in `rows` replaces what was loaded for that year; the audit row holds
/// those years' holidays before and after.
fn import_holidays(
    conn: &Connection,
    rows: &[HolidayRow],
    source: Option<&str>,
) -> Result<Written, StoreError> {
    let years: BTreeSet<i32> = rows.iter().map(|h| h.date.year()).collect();
    let in_years = |conn: &Connection| -> Result<Vec<HolidayRecord>, StoreError> {
        let mut all = Vec::new();
        for &year in &years {
            all.extend(holidays::in_year(conn, year)?);
        }
        Ok(all)
    };
    let before = in_years(conn)?;
    for &year in &years {
        holidays::delete_year(conn, year)?;
    }
    let source = source.unwrap_or("imported file");
    for row in rows {
        holidays::insert(
            conn,
            &HolidayRecord {
                date: row.date,
                name: row.name.clone(),
                source: source.to_string(),
            },
        )?;
    }
    Written::new(None, Some(&before), Some(&in_years(conn)?))
}
