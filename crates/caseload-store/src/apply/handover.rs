//! The writes of a handover (issue 17): a child received from another IRO's store, written row
//! by row under new ids with the sending store's audit rows as their history (a child handed
//! back is no longer transferred out); and a child marked transferred out.

use super::written::{misrouted, Written, NONE};
use crate::error::StoreError;
use crate::tables::audit::{self, NewAuditRow};
use crate::tables::{
    allocations, care_periods, children, cp_episodes, decisions, disputes, iros, meeting_records,
    meetings, transfers_out,
};
use caseload_core::change::Change;
use caseload_core::domain::{Allocation, ChildRecord, HistoryRow, TransferredOut};
use caseload_core::ids::{ChildId, IroId, MeetingId};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::ReceiveChild {
            id,
            merge,
            record,
            history,
        } => receive(conn, *id, *merge, record, history),
        Change::TransferOut { child, iro, on } => transfer_out(conn, *child, *iro, *on),
        _ => misrouted(change, "handover"),
    }
}

/// What a received record added, for the audit row (the rows themselves are in the child's
/// record; the audit keeps how many of each).
#[derive(serde::Serialize)]
struct Received {
    allocations: usize,
    care_periods: usize,
    cp_episodes: usize,
    meetings: usize,
    records: usize,
    decisions: usize,
    disputes: usize,
    history: usize,
}

fn receive(
    conn: &Connection,
    id: Option<ChildId>,
    merge: bool,
    record: &ChildRecord,
    history: &[HistoryRow],
) -> Result<Written, StoreError> {
    let child = match (merge, id) {
        // A child handed back to this store is no longer transferred out.
        (true, Some(id)) => {
            transfers_out::remove(conn, id)?;
            id
        }
        _ => children::insert(conn, id, &record.child.details)?,
    };
    for a in &record.allocations {
        allocations::insert(conn, child, a)?;
    }
    for p in &record.care_periods {
        care_periods::insert_received(conn, child, p)?;
    }
    for e in &record.cp_episodes {
        cp_episodes::insert(conn, None, child, &e.details)?;
    }
    let mut meeting_ids: HashMap<MeetingId, MeetingId> = HashMap::new();
    for m in &record.meetings {
        meeting_ids.insert(m.id, meetings::insert_received(conn, child, m)?);
    }
    // Validation has checked that every record and decision comes with its meeting.
    let new_meeting = |m: MeetingId| {
        meeting_ids.get(&m).copied().ok_or(StoreError::NotFound {
            entity: "received meeting",
            id: m.0,
        })
    };
    for r in &record.records {
        meeting_records::put(conn, child, new_meeting(r.meeting)?, r.status, &r.record)?;
    }
    for d in &record.decisions {
        decisions::insert_received(conn, child, new_meeting(d.meeting)?, d)?;
    }
    for d in &record.disputes {
        disputes::insert_received(conn, child, d)?;
    }
    for row in history {
        audit::append(
            conn,
            &NewAuditRow {
                recorded_at: &row.recorded_at,
                actor: None,
                op: &row.op,
                child: Some(child),
                change_json: &row.change_json,
                before_json: row.before_json.as_deref(),
                after_json: row.after_json.as_deref(),
                source: Some(&row.source),
            },
        )?;
    }
    let received = Received {
        allocations: record.allocations.len(),
        care_periods: record.care_periods.len(),
        cp_episodes: record.cp_episodes.len(),
        meetings: record.meetings.len(),
        records: record.records.len(),
        decisions: record.decisions.len(),
        disputes: record.disputes.len(),
        history: history.len(),
    };
    let mut written = Written::new(Some(child.0), NONE, Some(&received))?;
    written.child = Some(child);
    Ok(written)
}

/// The child allocated to the receiving IRO from the handover day, and marked transferred out.
fn transfer_out(
    conn: &Connection,
    child: ChildId,
    iro: IroId,
    on: NaiveDate,
) -> Result<Written, StoreError> {
    let to = iros::get(conn, iro)?
        .ok_or(StoreError::NotFound {
            entity: "IRO",
            id: iro.0,
        })?
        .details
        .name;
    allocations::insert(
        conn,
        child,
        &Allocation {
            iro,
            from_on: on,
            reason: Some(format!("Handed over to {to}")),
        },
    )?;
    let out = TransferredOut { to, on };
    transfers_out::insert(conn, child, &out)?;
    Written::new(Some(child.0), NONE, Some(&out))
}
