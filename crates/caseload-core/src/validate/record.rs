//! The checks of a meeting's record and its decisions: a draft saved, the record finalised,
//! the decisions and the record sent, a decision done or dropped.
//!
//! Not here: the outcome a finalised record must pass (`outcome`).

use super::outcome::check_outcome;
use super::{need_record, Context, ErrorCode, Errors};
use crate::change::Change;
use crate::domain::{
    ChildRecord, DecisionDue, DecisionState, Meeting, MeetingRecord, MeetingStatus, RecordStatus,
};
use crate::explain::uk_date;
use crate::ids::{DecisionId, MeetingId};
use chrono::NaiveDate;

/// The checks of a change to a meeting's record or its decisions, one function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::SaveRecordDraft { meeting, record } => save_record_draft(v, ctx, *meeting, record),
        Change::FinaliseRecord { meeting, record } => finalise_record(v, ctx, *meeting, record),
        Change::RecordDecisionsSent { meeting, on } | Change::RecordRecordSent { meeting, on } => {
            record_sent(v, ctx, *meeting, *on)
        }
        Change::DecisionDone { id, on, note } => decision_done(v, ctx, *id, *on, note.as_deref()),
        Change::DecisionDropped { id, on, reason } => decision_dropped(v, ctx, *id, *on, reason),
        // Every other change is checked in its own module (see `check_change`).
        _ => {}
    }
}

fn save_record_draft(
    v: &mut Errors,
    ctx: &Context<'_>,
    meeting: MeetingId,
    record: &MeetingRecord,
) {
    let Some(child) = need_record(v, ctx) else {
        return;
    };
    if let Some(m) = meeting_open_to_record(v, child, meeting) {
        check_record_draft(v, m, record);
    }
}

fn finalise_record(v: &mut Errors, ctx: &Context<'_>, meeting: MeetingId, record: &MeetingRecord) {
    let Some(child) = need_record(v, ctx) else {
        return;
    };
    if let Some(m) = meeting_open_to_record(v, child, meeting) {
        check_record_draft(v, m, record);
        check_record_final(v, child, m, record, ctx.as_of);
    }
}

/// `record_decisions_sent` and `record_record_sent`.
fn record_sent(v: &mut Errors, ctx: &Context<'_>, meeting: MeetingId, on: NaiveDate) {
    let Some(child) = need_record(v, ctx) else {
        return;
    };
    check_sent(v, child, meeting, on, ctx.as_of);
}

fn decision_done(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: DecisionId,
    on: NaiveDate,
    note: Option<&str>,
) {
    let Some(child) = need_record(v, ctx) else {
        return;
    };
    if let Some(note) = note {
        v.max_len("note", note, 500);
    }
    check_decision_closing(v, child, id, on, ctx.as_of);
}

fn decision_dropped(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: DecisionId,
    on: NaiveDate,
    reason: &str,
) {
    let Some(child) = need_record(v, ctx) else {
        return;
    };
    v.required_text("reason", reason, "Why the decision is dropped");
    v.max_len("reason", reason, 500);
    check_decision_closing(v, child, id, on, ctx.as_of);
}

/// A meeting whose record can still be written: it exists, was not cancelled, and its record
/// is not final.
fn meeting_open_to_record<'r>(
    v: &mut Errors,
    record: &'r ChildRecord,
    id: MeetingId,
) -> Option<&'r Meeting> {
    let Some(m) = record.meetings.iter().find(|m| m.id == id) else {
        v.push(
            "meeting",
            ErrorCode::NotFound,
            format!("There is no meeting {id}."),
        );
        return None;
    };
    if m.status == MeetingStatus::Cancelled {
        v.push(
            "meeting",
            ErrorCode::Conflict,
            "This meeting was cancelled: it has no record to write.",
        );
        return None;
    }
    let finalised = record
        .records
        .iter()
        .any(|r| r.meeting == id && r.status == RecordStatus::Final);
    if finalised {
        v.push(
            "meeting",
            ErrorCode::Conflict,
            "This meeting's record is already finalised.",
        );
        return None;
    }
    Some(m)
}

/// What a draft may hold: scaling scores 0–10, texts of a sensible length.
fn check_record_draft(v: &mut Errors, m: &Meeting, record: &MeetingRecord) {
    if let Some(sos) = &record.signs_of_safety {
        if !m.kind.is_child_protection() {
            v.push(
                "signs_of_safety",
                ErrorCode::Conflict,
                "The Signs of Safety mapping belongs to a child-protection meeting.",
            );
        }
        for s in &sos.scaling {
            if s.score > 10 {
                v.push(
                    "scaling",
                    ErrorCode::Invalid,
                    format!(
                        "{}'s scaling is {}: a scaling is from 0 to 10.",
                        if s.participant.trim().is_empty() {
                            "A participant"
                        } else {
                            s.participant.trim()
                        },
                        s.score
                    ),
                );
            }
        }
    }
    for d in &record.decisions {
        v.max_len("decisions", &d.text, 2000);
        v.max_len("decisions", &d.owner, 200);
    }
    v.max_len("child_views", &record.child_views, 20_000);
    v.max_len("concerns", &record.concerns, 20_000);
}

/// What a record needs to be finalised: a held date that has come, every decision with an
/// owner and a due date, every scaling with a participant, and an outcome that passes the
/// checks of a meeting recorded as held (participation and age, the plan decision).
fn check_record_final(
    v: &mut Errors,
    child: &ChildRecord,
    m: &Meeting,
    record: &MeetingRecord,
    as_of: NaiveDate,
) {
    for (n, d) in record.decisions.iter().enumerate() {
        let n = n + 1;
        if d.text.trim().is_empty() {
            v.push(
                "decisions",
                ErrorCode::Required,
                format!("Decision {n} says nothing to do."),
            );
        }
        if d.owner.trim().is_empty() {
            v.push(
                "decisions",
                ErrorCode::Required,
                format!("Decision {n} needs an owner."),
            );
        }
        match d.due {
            None => v.push(
                "decisions",
                ErrorCode::Required,
                format!("Decision {n} needs a due date, or \"by the next review\"."),
            ),
            Some(DecisionDue::On { on }) if record.held_on.is_some_and(|h| on < h) => v.push(
                "decisions",
                ErrorCode::Order,
                format!(
                    "Decision {n} is due ({}) before the meeting was held.",
                    uk_date(on)
                ),
            ),
            Some(_) => {}
        }
    }
    if let Some(sos) = &record.signs_of_safety {
        if sos.scaling.iter().any(|s| s.participant.trim().is_empty()) {
            v.push(
                "scaling",
                ErrorCode::Required,
                "Each scaling needs the participant's name.",
            );
        }
    }
    let outcome = record.outcome_over(&m.outcome);
    check_outcome(v, child, m.kind, &outcome, as_of);
}

/// "Decisions sent" and "record sent": the meeting was held, the date came after it.
fn check_sent(v: &mut Errors, child: &ChildRecord, id: MeetingId, on: NaiveDate, as_of: NaiveDate) {
    let Some(m) = child.meetings.iter().find(|m| m.id == id) else {
        v.push(
            "meeting",
            ErrorCode::NotFound,
            format!("There is no meeting {id}."),
        );
        return;
    };
    let Some(held) = m.held_on() else {
        v.push(
            "meeting",
            ErrorCode::Conflict,
            "This meeting has not been held.",
        );
        return;
    };
    v.not_future("on", "Sent on", on, as_of);
    if on < held {
        v.push(
            "on",
            ErrorCode::Order,
            format!(
                "Sent on ({}) is before the meeting was held ({}).",
                uk_date(on),
                uk_date(held)
            ),
        );
    }
}

/// A decision is closed (done or dropped) once, on a day not before it was made.
fn check_decision_closing(
    v: &mut Errors,
    child: &ChildRecord,
    id: DecisionId,
    on: NaiveDate,
    as_of: NaiveDate,
) {
    let Some(d) = child.decisions.iter().find(|d| d.id == id) else {
        v.push(
            "id",
            ErrorCode::NotFound,
            format!("There is no decision {id}."),
        );
        return;
    };
    if d.state != DecisionState::Open {
        v.push(
            "id",
            ErrorCode::Conflict,
            "This decision is already closed.",
        );
    }
    v.not_future("on", "On", on, as_of);
    let made_on = child
        .meetings
        .iter()
        .find(|m| m.id == d.meeting)
        .and_then(|m| m.held_on());
    if let Some(made_on) = made_on.filter(|made| on < *made) {
        v.push(
            "on",
            ErrorCode::Order,
            format!(
                "{} is before the meeting that made the decision ({}).",
                uk_date(on),
                uk_date(made_on)
            ),
        );
    }
}
