//! The writes of the `meeting_records` and `decisions` tables: a meeting's draft record, its
//! finalised record (the meeting held and its decisions tracked in the same change), and a
//! decision carried out or dropped.

use super::cp::conference_effect;
use super::written::{existing, misrouted, Written};
use crate::error::StoreError;
use crate::tables::{decisions, meeting_records, meetings};
use caseload_core::change::Change;
use caseload_core::domain::{DecisionState, MeetingRecord, RecordStatus};
use caseload_core::ids::{DecisionId, MeetingId};
use rusqlite::Connection;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::SaveRecordDraft { meeting, record } => draft(conn, *meeting, record),
        Change::FinaliseRecord { meeting, record } => finalise(conn, *meeting, record),
        Change::DecisionDone { id, on, note } => close_decision(
            conn,
            *id,
            &DecisionState::Done {
                on: *on,
                note: note.clone().filter(|n| !n.trim().is_empty()),
            },
        ),
        Change::DecisionDropped { id, on, reason } => close_decision(
            conn,
            *id,
            &DecisionState::Dropped {
                on: *on,
                reason: reason.trim().to_string(),
            },
        ),
        _ => misrouted(change, "records"),
    }
}

/// A draft record replaces the one before. Its audit row holds the draft's size and the
/// meeting, not its text: a draft is saved at every change the chair makes, and the finalised
/// record's audit row holds the whole record.
fn draft(conn: &Connection, id: MeetingId, record: &MeetingRecord) -> Result<Written, StoreError> {
    let meeting = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    let existed = meeting_records::get(conn, id)?.is_some();
    meeting_records::put(conn, meeting.child, id, RecordStatus::Draft, record)?;
    let summary = serde_json::json!({
        "meeting": id,
        "status": "draft",
        "decisions": record.decisions.len(),
        "attendees": record.attendance.len(),
    });
    Written::new(Some(id.0), existed.then_some(&summary), Some(&summary))
}

/// Finalising: the meeting is held with the record's outcome (its plan decision written into
/// the episode), the record is final, and its decisions are tracked.
fn finalise(
    conn: &Connection,
    id: MeetingId,
    record: &MeetingRecord,
) -> Result<Written, StoreError> {
    let before = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    let outcome = record.outcome_over(&before.outcome);
    meetings::set_outcome(conn, id, &outcome)?;
    let effect = conference_effect(conn, before.child, &outcome)?;
    meeting_records::put(conn, before.child, id, RecordStatus::Final, record)?;
    let decision_ids = decisions::insert_all(conn, before.child, id, &record.decisions)?;
    let after = meetings::get(conn, id)?;
    let mut after_json = serde_json::json!({
        "meeting": after,
        "record": record,
        "decisions": decision_ids,
    });
    let mut before_json = serde_json::json!({ "meeting": before });
    if let Some((episode_before, episode_after)) = effect {
        before_json["episode"] = serde_json::to_value(&episode_before).unwrap_or_default();
        after_json["episode"] = serde_json::to_value(&episode_after).unwrap_or_default();
    }
    Written::new(Some(id.0), Some(&before_json), Some(&after_json))
}

fn close_decision(
    conn: &Connection,
    id: DecisionId,
    state: &DecisionState,
) -> Result<Written, StoreError> {
    let before = existing(decisions::get(conn, id)?, "decision", id.0)?;
    decisions::close(conn, id, state)?;
    Written::new(
        Some(id.0),
        Some(&before),
        decisions::get(conn, id)?.as_ref(),
    )
}
