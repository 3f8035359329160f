//! The writes of the `meetings` table: booking, moving, cancelling and adjourning a meeting,
//! recording it held (a conference's plan decision written into its episode), its outcome
//! corrected, its preparation, and the dates its decisions and record were sent.

use super::cp::conference_effect;
use super::written::{existing, misrouted, Written, NONE};
use crate::error::StoreError;
use crate::tables::meetings::{self, PreparationColumn};
use caseload_core::change::Change;
use caseload_core::domain::{CpEpisode, Meeting, MeetingKind, MeetingOutcome, MeetingStatus};
use caseload_core::ids::{ChildId, MeetingId};
use chrono::NaiveDate;
use rusqlite::Connection;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::BookMeeting {
            id,
            child,
            kind,
            on,
            at,
            venue,
        } => {
            let id = meetings::insert_booked(conn, *id, *child, *kind, *on, *at, venue.as_deref())?;
            Written::new(Some(id.0), NONE, meetings::get(conn, id)?.as_ref())
        }
        Change::MoveMeeting { id, on, at, venue } => update(conn, *id, |conn| {
            meetings::reschedule(conn, *id, *on, *at, venue.as_deref())
        }),
        Change::CancelMeeting { id, reason } => update(conn, *id, |conn| {
            meetings::set_status(conn, *id, MeetingStatus::Cancelled, reason.as_deref())
        }),
        Change::AdjournMeeting { id, reason } => update(conn, *id, |conn| {
            meetings::set_status(conn, *id, MeetingStatus::Adjourned, reason.as_deref())
        }),
        Change::RecordMeeting {
            id,
            child,
            kind,
            outcome,
        } => record_held(conn, *id, *child, *kind, outcome),
        Change::UpdateMeetingOutcome { id, outcome } => update_outcome(conn, *id, outcome),
        Change::RecordChildSeen { id, on } => {
            prepared(conn, *id, PreparationColumn::ChildSeen, *on)
        }
        Change::RecordSocialWorkerContact { id, on } => {
            prepared(conn, *id, PreparationColumn::SocialWorkerContact, *on)
        }
        Change::RecordReportsReceived { id, on } => {
            prepared(conn, *id, PreparationColumn::ReportsReceived, *on)
        }
        Change::RecordDecisionsSent { meeting, on } => sent(conn, *meeting, Sent::Decisions, *on),
        Change::RecordRecordSent { meeting, on } => sent(conn, *meeting, Sent::Record, *on),
        _ => misrouted(change, "meetings"),
    }
}

/// A meeting changed by `update`: its audit row holds the meeting before and after.
fn update(
    conn: &Connection,
    id: MeetingId,
    update: impl FnOnce(&Connection) -> Result<(), StoreError>,
) -> Result<Written, StoreError> {
    let before = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    update(conn)?;
    Written::new(Some(id.0), Some(&before), meetings::get(conn, id)?.as_ref())
}

/// A meeting held: the booking it names turned held, or a new held meeting.
fn record_held(
    conn: &Connection,
    id: Option<MeetingId>,
    child: ChildId,
    kind: MeetingKind,
    outcome: &MeetingOutcome,
) -> Result<Written, StoreError> {
    // Validation has made sure a meeting with this id is this child's booking.
    let booked = match id {
        Some(id) => meetings::get(conn, id)?,
        None => None,
    };
    let (id, before) = match booked {
        Some(before) => {
            meetings::set_outcome(conn, before.id, outcome)?;
            (before.id, Some(before))
        }
        None => (meetings::insert_held(conn, id, child, kind, outcome)?, None),
    };
    let effect = conference_effect(conn, child, outcome)?;
    written_with_effect(conn, id, before.as_ref(), effect)
}

fn update_outcome(
    conn: &Connection,
    id: MeetingId,
    outcome: &MeetingOutcome,
) -> Result<Written, StoreError> {
    let before = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    meetings::set_outcome(conn, id, outcome)?;
    let effect = conference_effect(conn, before.child, outcome)?;
    written_with_effect(conn, id, Some(&before), effect)
}

/// The audit row of a meeting written: the meeting before and after, and, when its decision
/// changed the child-protection episode, the episode too (`{"meeting": …, "episode": …}`).
fn written_with_effect(
    conn: &Connection,
    id: MeetingId,
    before: Option<&Meeting>,
    effect: Option<(CpEpisode, CpEpisode)>,
) -> Result<Written, StoreError> {
    let after = meetings::get(conn, id)?;
    match effect {
        None => Written::new(Some(id.0), before, after.as_ref()),
        Some((episode_before, episode_after)) => Written::new(
            Some(id.0),
            Some(&serde_json::json!({ "meeting": before, "episode": episode_before })),
            Some(&serde_json::json!({ "meeting": after, "episode": episode_after })),
        ),
    }
}

fn prepared(
    conn: &Connection,
    id: MeetingId,
    column: PreparationColumn,
    on: NaiveDate,
) -> Result<Written, StoreError> {
    update(conn, id, |conn| {
        meetings::set_preparation(conn, id, column, on)
    })
}

/// Which clock a "sent" date stops.
enum Sent {
    Decisions,
    Record,
}

fn sent(
    conn: &Connection,
    id: MeetingId,
    which: Sent,
    on: NaiveDate,
) -> Result<Written, StoreError> {
    let before = existing(meetings::get(conn, id)?, "meeting", id.0)?;
    let mut outcome = before.outcome.clone();
    match which {
        Sent::Decisions => outcome.decisions_sent_on = Some(on),
        Sent::Record => outcome.record_sent_on = Some(on),
    }
    meetings::set_outcome(conn, id, &outcome)?;
    Written::new(Some(id.0), Some(&before), meetings::get(conn, id)?.as_ref())
}
