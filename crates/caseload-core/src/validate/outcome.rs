//! The checks of a meeting held: recorded as held, or its outcome corrected; the same checks
//! stand behind a record finalised (`record`).
//!
//! Not here: a meeting still booked (`meeting`).

use super::cp::episode_of;
use super::meeting::check_meeting_date;
use super::participation::allowed_participation;
use super::{need_record, Context, ErrorCode, Errors};
use crate::change::Change;
use crate::domain::{
    ChildDetails, ChildRecord, MeetingKind, MeetingOutcome, MeetingStatus, Participation,
    PlanDecision,
};
use crate::explain::uk_date;
use crate::ids::MeetingId;
use chrono::NaiveDate;

/// The checks of a meeting recorded as held, one function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::RecordMeeting {
            id, kind, outcome, ..
        } => record_meeting(v, ctx, *id, *kind, outcome),
        Change::UpdateMeetingOutcome { id, outcome } => {
            update_meeting_outcome(v, ctx, *id, outcome)
        }
        // Every other change is checked in its own module (see `check_change`).
        _ => {}
    }
}

fn record_meeting(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: Option<MeetingId>,
    kind: MeetingKind,
    outcome: &MeetingOutcome,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    if let Some(existing) = id.and_then(|id| record.meetings.iter().find(|m| m.id == id)) {
        if existing.status != MeetingStatus::Booked {
            v.push(
                "id",
                ErrorCode::Conflict,
                "Only a booked meeting can be recorded as held; correct a held meeting instead.",
            );
        }
        if existing.kind != kind {
            v.push(
                "kind",
                ErrorCode::Conflict,
                format!("This meeting was booked as a {}.", existing.kind.label()),
            );
        }
    }
    check_outcome(v, record, kind, outcome, ctx.as_of);
}

fn update_meeting_outcome(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: MeetingId,
    outcome: &MeetingOutcome,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    match record.meetings.iter().find(|m| m.id == id) {
        None => v.push(
            "id",
            ErrorCode::NotFound,
            format!("There is no meeting {id}."),
        ),
        Some(m) if m.status != MeetingStatus::Held => v.push(
            "id",
            ErrorCode::Conflict,
            "Only a held meeting has an outcome to correct.",
        ),
        Some(m) => check_outcome(v, record, m.kind, outcome, ctx.as_of),
    }
}

/// The outcome of a meeting held: its date, the child's participation, the dates around it
/// (child seen, preparation, decisions and record sent), the plan decision, attendance and
/// advocacy.
pub(super) fn check_outcome(
    v: &mut Errors,
    record: &ChildRecord,
    kind: MeetingKind,
    o: &MeetingOutcome,
    as_of: NaiveDate,
) {
    let Some(held) = o.held_on else {
        v.push("held_on", ErrorCode::Required, "Held on is required.");
        return;
    };
    let child = &record.child.details;
    v.not_future("held_on", "Held on", held, as_of);
    check_meeting_date(v, record, kind, "held_on", "Held on", held);
    check_participation(v, child, kind, o.participation, held);
    if let Some(seen) = o.child_seen_on {
        check_child_seen(v, child, seen, held, as_of);
    }
    check_sent_after(v, o, held, as_of);
    check_plan_decision(v, record, kind, o, held);
    if o.child_attended.is_some() && !kind.is_child_protection() {
        v.push(
            "child_attended",
            ErrorCode::Conflict,
            "Attendance at a LAC review is recorded by its participation code.",
        );
    }
    check_preparation_before(v, o, held, as_of);
    if o.advocate_used == Some(true) && o.advocate_offered == Some(false) {
        v.push(
            "advocate_offered",
            ErrorCode::Conflict,
            "An advocate was used, so one was offered.",
        );
    }
}

/// A LAC review has a participation code; any code fits the child's age on the day.
fn check_participation(
    v: &mut Errors,
    child: &ChildDetails,
    kind: MeetingKind,
    participation: Option<Participation>,
    held: NaiveDate,
) {
    match (kind, participation) {
        (MeetingKind::LacReview, None) => v.push(
            "participation",
            ErrorCode::Required,
            "Choose the child's participation code (PN0–PN7).",
        ),
        (_, Some(code))
            if child.born_on.is_some() && !allowed_participation(child, held).contains(&code) =>
        {
            let message = if code == Participation::Pn0 {
                format!(
                    "PN0 is only for a child under 4; the child was 4 or over on {}.",
                    uk_date(held)
                )
            } else {
                format!(
                    "The child was under 4 on {}: the code must be PN0.",
                    uk_date(held)
                )
            };
            v.push("participation", ErrorCode::AgeMismatch, message);
        }
        _ => {}
    }
}

/// The child was seen, not in the future, after birth and not after the meeting.
fn check_child_seen(
    v: &mut Errors,
    child: &ChildDetails,
    seen: NaiveDate,
    held: NaiveDate,
    as_of: NaiveDate,
) {
    v.not_future("child_seen_on", "Child seen on", seen, as_of);
    v.not_before_birth("child_seen_on", "Child seen on", seen, child);
    if seen > held {
        v.push(
            "child_seen_on",
            ErrorCode::Order,
            format!(
                "Child seen on ({}) is after the review ({}); record the visit before it.",
                uk_date(seen),
                uk_date(held)
            ),
        );
    }
}

/// The decisions and the record are sent after the meeting, not in the future.
fn check_sent_after(v: &mut Errors, o: &MeetingOutcome, held: NaiveDate, as_of: NaiveDate) {
    for (field, label, on) in [
        ("decisions_sent_on", "Decisions sent", o.decisions_sent_on),
        ("record_sent_on", "Record sent", o.record_sent_on),
    ] {
        if let Some(on) = on {
            v.not_future(field, label, on, as_of);
            if on < held {
                v.push(
                    field,
                    ErrorCode::Order,
                    format!(
                        "{label} ({}) is before the meeting was held ({}).",
                        uk_date(on),
                        uk_date(held)
                    ),
                );
            }
        }
    }
}

/// The social worker's contact and the reports come before the meeting, not in the future.
fn check_preparation_before(v: &mut Errors, o: &MeetingOutcome, held: NaiveDate, as_of: NaiveDate) {
    for (field, label, on) in [
        (
            "social_worker_contact_on",
            "Social worker contact on",
            o.social_worker_contact_on,
        ),
        (
            "reports_received_on",
            "Reports received on",
            o.reports_received_on,
        ),
    ] {
        if let Some(on) = on {
            v.not_future(field, label, on, as_of);
            if on > held {
                v.push(
                    field,
                    ErrorCode::Order,
                    format!(
                        "{label} ({}) is after the meeting ({}).",
                        uk_date(on),
                        uk_date(held)
                    ),
                );
            }
        }
    }
}

/// A conference's decision about the plan fits its kind; a plan made names its category; no
/// plan cannot be decided for an episode whose plan started that day or later.
fn check_plan_decision(
    v: &mut Errors,
    record: &ChildRecord,
    kind: MeetingKind,
    o: &MeetingOutcome,
    held: NaiveDate,
) {
    let allowed = PlanDecision::allowed_for(kind);
    let Some(decision) = o.plan_decision else {
        if o.category.is_some() {
            v.push(
                "category",
                ErrorCode::Conflict,
                "A category of abuse goes with a decision about the plan.",
            );
        }
        return;
    };
    if !allowed.contains(&decision) {
        v.push("plan_decision", ErrorCode::Invalid, plan_decisions_of(kind));
        return;
    }
    if decision == PlanDecision::PlanStarts && o.category.is_none() {
        v.push(
            "category",
            ErrorCode::Required,
            "Choose the category of abuse of the plan.",
        );
    }
    if decision == PlanDecision::NoPlan && o.category.is_some() {
        v.push(
            "category",
            ErrorCode::Conflict,
            "No plan was made, so there is no category of abuse.",
        );
    }
    if decision == PlanDecision::NoPlan {
        let started = episode_of(record, held).and_then(|e| e.details.plan_started_on);
        if let Some(start) = started.filter(|s| *s >= held) {
            v.push(
                "plan_decision",
                ErrorCode::Conflict,
                format!(
                    "The episode records a plan started on {}: correct the episode before recording no plan.",
                    uk_date(start)
                ),
            );
        }
    }
}

/// What a meeting of this kind decides about the plan, said when it decided something else.
fn plan_decisions_of(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Icpc | MeetingKind::TransferInConference => {
            "An initial or transfer-in conference decides whether a plan is made: plan made, or no plan."
        }
        MeetingKind::CpReview => {
            "A review conference decides whether the plan continues or ends."
        }
        MeetingKind::LacReview | MeetingKind::CoreGroup => {
            "A LAC review or a core group makes no decision about a child protection plan."
        }
    }
}
