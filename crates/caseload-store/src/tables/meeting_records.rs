//! `meeting_records`: the record of a meeting, draft or final, one per meeting, kept whole as
//! the JSON of the core's `MeetingRecord`.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{code, col_code, conversion};
use caseload_core::domain::{MeetingRecord, RecordStatus, StoredRecord};
use caseload_core::ids::{ChildId, MeetingId};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "meeting_id, child_id, status, record_json";

fn from_row(row: &Row<'_>) -> rusqlite::Result<(ChildId, StoredRecord)> {
    let json: String = row.get(3)?;
    let record: MeetingRecord = serde_json::from_str(&json)
        .map_err(|e| conversion(3, format!("not a meeting record: {e}")))?;
    Ok((
        ChildId(row.get(1)?),
        StoredRecord {
            meeting: MeetingId(row.get(0)?),
            status: col_code(row, 2)?,
            record,
        },
    ))
}

/// Writes the record of a meeting (replacing the one before: one per meeting).
pub(crate) fn put(
    conn: &Connection,
    child: ChildId,
    meeting: MeetingId,
    status: RecordStatus,
    record: &MeetingRecord,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(record).map_err(|e| StoreError::Corrupt {
        what: format!("serialize the record of meeting {meeting}: {e}"),
    })?;
    conn.prepare_cached(
        "INSERT INTO meeting_records (meeting_id, child_id, status, record_json) \
         VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (meeting_id) DO UPDATE SET status = ?3, record_json = ?4",
    )
    .and_then(|mut stmt| stmt.execute(params![meeting.0, child.0, code(&status), json]))
    .op("save meeting record")?;
    Ok(())
}

pub(crate) fn get(
    conn: &Connection,
    meeting: MeetingId,
) -> Result<Option<StoredRecord>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM meeting_records WHERE meeting_id = ?1"
    ))
    .and_then(|mut stmt| stmt.query_row([meeting.0], from_row).optional())
    .map(|row| row.map(|(_, r)| r))
    .op("load meeting record")
}

pub(crate) fn for_child(
    conn: &Connection,
    child: ChildId,
) -> Result<Vec<StoredRecord>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM meeting_records WHERE child_id = ?1"
    ))
    .and_then(|mut stmt| {
        stmt.query_map([child.0], from_row)?
            .map(|r| r.map(|(_, rec)| rec))
            .collect()
    })
    .op("load meeting records")
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<(ChildId, StoredRecord)>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM meeting_records"))
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load meeting records")
}
