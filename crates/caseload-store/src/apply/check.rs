//! The checks of one change before it is written: the child it concerns, the core's
//! validation against that child's record (through the batch's cache), and what only the store
//! can know (a target that must exist, an explicit id already taken, what a recorded dispute
//! still uses).

use super::cache::{BatchCache, Snapshot};
use crate::error::StoreError;
use crate::tables::{care_periods, children, cp_episodes, decisions, disputes, iros, meetings};
use caseload_core::change::Change;
use caseload_core::ids::ChildId;
use caseload_core::validate::{self, Context, ErrorCode, FieldError, Subject};
use chrono::NaiveDate;
use rusqlite::Connection;

/// Validates one change against the store as it stands; returns the child it concerns.
pub(super) fn check(
    conn: &Connection,
    cache: &mut BatchCache,
    change: &Change,
    as_of: NaiveDate,
) -> Result<(Option<ChildId>, Vec<FieldError>), StoreError> {
    let child = match child_of(conn, change)? {
        Ok(child) => child,
        Err(missing) => return Ok((None, vec![missing])),
    };
    let snapshot = cache.snapshot(conn, child)?;
    let mut errors = must_exist(change, &snapshot);
    errors.extend(validate::validate(
        change,
        &Context {
            as_of,
            record: snapshot.record,
            iros: snapshot.iros,
            ladders: snapshot.ladders,
            reasons: snapshot.reasons,
        },
    ));
    errors.extend(keeps_what_disputes_use(conn, change, &snapshot)?);
    errors.extend(check_explicit_id(conn, change)?);
    Ok((child, errors))
}

/// The child a change concerns (none for an IRO, the rules or the settings), or, when the
/// period, episode, meeting, dispute or decision it names does not exist, that problem.
fn child_of(
    conn: &Connection,
    change: &Change,
) -> Result<Result<Option<ChildId>, FieldError>, StoreError> {
    let (found, missing) = match validate::subject(change) {
        Subject::None => return Ok(Ok(None)),
        Subject::Child(id) => return Ok(Ok(Some(id))),
        Subject::CarePeriod(id) => (
            care_periods::get(conn, id)?.map(|p| p.child),
            format!("There is no period of care {id}."),
        ),
        Subject::CpEpisode(id) => (
            cp_episodes::get(conn, id)?.map(|e| e.child),
            format!("There is no child-protection episode {id}."),
        ),
        Subject::Meeting(id) => (
            meetings::get(conn, id)?.map(|m| m.child),
            format!("There is no meeting {id}."),
        ),
        Subject::Dispute(id) => (
            disputes::get(conn, id)?.map(|d| d.child),
            format!("There is no dispute {id}."),
        ),
        Subject::Decision(id) => (
            decisions::get(conn, id)?.map(|d| d.child),
            format!("There is no decision {id}."),
        ),
    };
    Ok(found.map(Some).ok_or_else(|| not_found(missing)))
}

/// What the core's validation leaves to the store: the target of an update must exist.
fn must_exist(change: &Change, snapshot: &Snapshot<'_>) -> Vec<FieldError> {
    match change {
        Change::UpdateChild { id, .. } if snapshot.record.is_none() => {
            vec![not_found(format!("There is no child {id} in this store."))]
        }
        Change::UpdateIro { id, .. } if !snapshot.iros.iter().any(|(iro, _)| iro == id) => {
            vec![not_found(format!("There is no IRO {id} in this store."))]
        }
        _ => Vec::new(),
    }
}

/// A list of reasons must keep every code a recorded dispute uses, and a ladder every stage a
/// recorded dispute has reached (across all children).
fn keeps_what_disputes_use(
    conn: &Connection,
    change: &Change,
    snapshot: &Snapshot<'_>,
) -> Result<Vec<FieldError>, StoreError> {
    Ok(match change {
        Change::SetDisputeReasons { reasons: new } => validate::check_reasons_keep_codes(
            new,
            &disputes::reasons_in_use(conn)?,
            snapshot.reasons,
        ),
        Change::SetDisputeLadder { kind, steps } => validate::check_ladder_keeps_stages(
            *kind,
            steps,
            &disputes::stages_in_use(conn, *kind)?,
            snapshot.ladders,
        ),
        _ => Vec::new(),
    })
}

fn not_found(message: String) -> FieldError {
    FieldError::new("id", ErrorCode::NotFound, message)
}

/// An explicit id on a creating change must be positive and free; on `record_meeting` it may
/// name a booking, which must then be this child's.
fn check_explicit_id(conn: &Connection, change: &Change) -> Result<Vec<FieldError>, StoreError> {
    let Some((id, taken_by)) = explicit_id(conn, change)? else {
        return Ok(Vec::new());
    };
    let mut errors = Vec::new();
    if id <= 0 {
        errors.push(FieldError::new(
            "id",
            ErrorCode::Invalid,
            "An id must be a positive whole number.",
        ));
    }
    if let Some(what) = taken_by {
        errors.push(FieldError::new(
            "id",
            ErrorCode::Conflict,
            format!("The id {id} is already used by {what}."),
        ));
    }
    Ok(errors)
}

/// The explicit id a change gives, and what already uses it, if anything.
fn explicit_id(
    conn: &Connection,
    change: &Change,
) -> Result<Option<(i64, Option<&'static str>)>, StoreError> {
    Ok(Some(match change {
        Change::AddIro { id: Some(id), .. } => (id.0, iros::get(conn, *id)?.map(|_| "an IRO")),
        Change::AddChild { id: Some(id), .. } => {
            (id.0, children::get(conn, *id)?.map(|_| "a child"))
        }
        Change::ReceiveChild {
            id: Some(id),
            merge: false,
            ..
        } => (id.0, children::get(conn, *id)?.map(|_| "a child")),
        Change::StartCare { id: Some(id), .. } => (
            id.0,
            care_periods::get(conn, *id)?.map(|_| "a period of care"),
        ),
        Change::StartCpEpisode { id: Some(id), .. } => (
            id.0,
            cp_episodes::get(conn, *id)?.map(|_| "a child-protection episode"),
        ),
        Change::BookMeeting { id: Some(id), .. } => {
            (id.0, meetings::get(conn, *id)?.map(|_| "a meeting"))
        }
        Change::RaiseDispute { id: Some(id), .. } => {
            (id.0, disputes::get(conn, *id)?.map(|_| "a dispute"))
        }
        Change::RecordMeeting {
            id: Some(id),
            child,
            ..
        } => {
            let other_child = meetings::get(conn, *id)?.filter(|m| m.child != *child);
            (id.0, other_child.map(|_| "a meeting of another child"))
        }
        _ => return Ok(None),
    }))
}
