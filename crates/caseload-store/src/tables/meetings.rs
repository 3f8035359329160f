//! `meetings`: reviews, conferences and core groups, booked or held.
//!
//! A booked meeting keeps its booked date when it is recorded as held; a meeting recorded as
//! held without a booking has no booked date.
//!
//! Every `UPDATE` here adds one to the meeting's `revision` (the SEQUENCE of its calendar
//! event), so it rises with each change and never goes down.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{code, col_code, hh_mm, iso, opt_code, opt_col_code, opt_date, opt_iso, opt_time};
use caseload_core::domain::{Meeting, MeetingKind, MeetingOutcome, MeetingStatus};
use caseload_core::ids::{ChildId, MeetingId};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, child_id, kind, status, booked_on, booked_at, venue, status_reason, \
                       held_on, participation, advocate_offered, advocate_used, child_seen_on, \
                       decisions_sent_on, record_sent_on, quorate, early_reason, plan_decision, \
                       category, child_attended, social_worker_contact_on, reports_received_on, \
                       revision";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: MeetingId(row.get(0)?),
        child: ChildId(row.get(1)?),
        kind: col_code(row, 2)?,
        status: col_code(row, 3)?,
        booked_on: opt_date(row, 4)?,
        booked_at: opt_time(row, 5)?,
        venue: row.get(6)?,
        status_reason: row.get(7)?,
        outcome: MeetingOutcome {
            held_on: opt_date(row, 8)?,
            participation: opt_col_code(row, 9)?,
            advocate_offered: row.get(10)?,
            advocate_used: row.get(11)?,
            child_seen_on: opt_date(row, 12)?,
            decisions_sent_on: opt_date(row, 13)?,
            record_sent_on: opt_date(row, 14)?,
            quorate: row.get(15)?,
            early_reason: row.get(16)?,
            plan_decision: opt_col_code(row, 17)?,
            category: opt_col_code(row, 18)?,
            child_attended: row.get(19)?,
            social_worker_contact_on: opt_date(row, 20)?,
            reports_received_on: opt_date(row, 21)?,
        },
        revision: row.get(22)?,
    })
}

/// Books a meeting with the given id, or the next free one.
pub(crate) fn insert_booked(
    conn: &Connection,
    id: Option<MeetingId>,
    child: ChildId,
    kind: MeetingKind,
    on: NaiveDate,
    at: Option<NaiveTime>,
    venue: Option<&str>,
) -> Result<MeetingId, StoreError> {
    conn.prepare_cached(
        "INSERT INTO meetings (id, child_id, kind, status, booked_on, booked_at, venue) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            id.map(|i| i.0),
            child.0,
            code(&kind),
            code(&MeetingStatus::Booked),
            iso(on),
            at.map(hh_mm),
            venue
        ])
    })
    .op("insert meeting")?;
    Ok(MeetingId(conn.last_insert_rowid()))
}

/// Records a meeting that was never booked here, as held, with the given id or the next free one.
pub(crate) fn insert_held(
    conn: &Connection,
    id: Option<MeetingId>,
    child: ChildId,
    kind: MeetingKind,
    o: &MeetingOutcome,
) -> Result<MeetingId, StoreError> {
    conn.prepare_cached(
        "INSERT INTO meetings (id, child_id, kind, status, held_on, participation, \
         advocate_offered, advocate_used, child_seen_on, decisions_sent_on, record_sent_on, \
         quorate, early_reason, plan_decision, category, child_attended, \
         social_worker_contact_on, reports_received_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            id.map(|i| i.0),
            child.0,
            code(&kind),
            code(&MeetingStatus::Held),
            opt_iso(o.held_on),
            opt_code(o.participation.as_ref()),
            o.advocate_offered,
            o.advocate_used,
            opt_iso(o.child_seen_on),
            opt_iso(o.decisions_sent_on),
            opt_iso(o.record_sent_on),
            o.quorate,
            o.early_reason,
            opt_code(o.plan_decision.as_ref()),
            opt_code(o.category.as_ref()),
            o.child_attended,
            opt_iso(o.social_worker_contact_on),
            opt_iso(o.reports_received_on),
        ])
    })
    .op("insert meeting")?;
    Ok(MeetingId(conn.last_insert_rowid()))
}

/// Moves a booking: replaces its date, time and venue.
pub(crate) fn reschedule(
    conn: &Connection,
    id: MeetingId,
    on: NaiveDate,
    at: Option<NaiveTime>,
    venue: Option<&str>,
) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE meetings SET booked_on = ?2, booked_at = ?3, venue = ?4, \
             revision = revision + 1 WHERE id = ?1",
        )
        .and_then(|mut stmt| stmt.execute(params![id.0, iso(on), at.map(hh_mm), venue]))
        .op("move meeting")?;
    found(n, id)
}

/// Sets the status and its reason (cancelled, adjourned).
pub(crate) fn set_status(
    conn: &Connection,
    id: MeetingId,
    status: MeetingStatus,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE meetings SET status = ?2, status_reason = ?3, revision = revision + 1 \
             WHERE id = ?1",
        )
        .and_then(|mut stmt| stmt.execute(params![id.0, code(&status), reason]))
        .op("set meeting status")?;
    found(n, id)
}

/// Records one fact of the preparation for a booked meeting: the IRO's visit to the child, the
/// social worker's contact, or the reports received.
pub(crate) fn set_preparation(
    conn: &Connection,
    id: MeetingId,
    column: PreparationColumn,
    on: NaiveDate,
) -> Result<(), StoreError> {
    let sql = match column {
        PreparationColumn::ChildSeen => "UPDATE meetings SET child_seen_on = ?2, revision = revision + 1 WHERE id = ?1",
        PreparationColumn::SocialWorkerContact => {
            "UPDATE meetings SET social_worker_contact_on = ?2, revision = revision + 1 WHERE id = ?1"
        }
        PreparationColumn::ReportsReceived => {
            "UPDATE meetings SET reports_received_on = ?2, revision = revision + 1 WHERE id = ?1"
        }
    };
    let n = conn
        .prepare_cached(sql)
        .and_then(|mut stmt| stmt.execute(params![id.0, iso(on)]))
        .op("record preparation")?;
    found(n, id)
}

/// Which preparation date [`set_preparation`] writes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PreparationColumn {
    ChildSeen,
    SocialWorkerContact,
    ReportsReceived,
}

/// Marks a meeting held and replaces its whole outcome (booked date, time and venue are kept).
pub(crate) fn set_outcome(
    conn: &Connection,
    id: MeetingId,
    o: &MeetingOutcome,
) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE meetings SET status = ?2, held_on = ?3, participation = ?4, \
             advocate_offered = ?5, advocate_used = ?6, child_seen_on = ?7, \
             decisions_sent_on = ?8, record_sent_on = ?9, quorate = ?10, early_reason = ?11, \
             plan_decision = ?12, category = ?13, child_attended = ?14, \
             social_worker_contact_on = ?15, reports_received_on = ?16, \
             revision = revision + 1 WHERE id = ?1",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                id.0,
                code(&MeetingStatus::Held),
                opt_iso(o.held_on),
                opt_code(o.participation.as_ref()),
                o.advocate_offered,
                o.advocate_used,
                opt_iso(o.child_seen_on),
                opt_iso(o.decisions_sent_on),
                opt_iso(o.record_sent_on),
                o.quorate,
                o.early_reason,
                opt_code(o.plan_decision.as_ref()),
                opt_code(o.category.as_ref()),
                o.child_attended,
                opt_iso(o.social_worker_contact_on),
                opt_iso(o.reports_received_on),
            ])
        })
        .op("record meeting outcome")?;
    found(n, id)
}

fn found(n: usize, id: MeetingId) -> Result<(), StoreError> {
    if n == 0 {
        return Err(StoreError::NotFound {
            entity: "meeting",
            id: id.0,
        });
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: MeetingId) -> Result<Option<Meeting>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM meetings WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id.0], from_row).optional())
        .op("load meeting")
}

/// A child's meetings (unordered: the caller orders them by date).
pub(crate) fn for_child(conn: &Connection, child: ChildId) -> Result<Vec<Meeting>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM meetings WHERE child_id = ?1"
    ))
    .and_then(|mut stmt| stmt.query_map([child.0], from_row)?.collect())
    .op("load meetings")
}

/// Every meeting (unordered).
pub(crate) fn all(conn: &Connection) -> Result<Vec<Meeting>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM meetings"))
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load meetings")
}

/// Writes a meeting received by handover as it stood in the sending store (status, booking,
/// outcome and revision), under a new id; returns it.
pub(crate) fn insert_received(
    conn: &Connection,
    child: ChildId,
    m: &Meeting,
) -> Result<MeetingId, StoreError> {
    let o = &m.outcome;
    conn.prepare_cached(&format!(
        "INSERT INTO meetings ({COLUMNS}) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, \
         ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
    ))
    .and_then(|mut stmt| {
        stmt.execute(params![
            child.0,
            code(&m.kind),
            code(&m.status),
            opt_iso(m.booked_on),
            m.booked_at.map(hh_mm),
            m.venue,
            m.status_reason,
            opt_iso(o.held_on),
            opt_code(o.participation.as_ref()),
            o.advocate_offered,
            o.advocate_used,
            opt_iso(o.child_seen_on),
            opt_iso(o.decisions_sent_on),
            opt_iso(o.record_sent_on),
            o.quorate,
            o.early_reason,
            opt_code(o.plan_decision.as_ref()),
            opt_code(o.category.as_ref()),
            o.child_attended,
            opt_iso(o.social_worker_contact_on),
            opt_iso(o.reports_received_on),
            m.revision,
        ])
    })
    .op("insert received meeting")?;
    Ok(MeetingId(conn.last_insert_rowid()))
}
