//! The checks of a meeting booked: booking it, moving it, cancelling or adjourning it, and
//! its preparation (the child seen, the social worker's contact, the reports received); and
//! the date of any meeting against the child's care or child-protection episode.
//!
//! Not here: a meeting recorded as held (`outcome`), or its record (`record`).

use super::cp::episode_of;
use super::{need_record, Context, ErrorCode, Errors};
use crate::change::Change;
use crate::domain::{ChildRecord, CpEpisode, Meeting, MeetingKind, MeetingStatus};
use crate::explain::uk_date;
use crate::ids::MeetingId;
use chrono::{NaiveDate, NaiveTime};

/// The checks of a change to a booked meeting, one function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::BookMeeting {
            kind, on, venue, ..
        } => book_meeting(v, ctx, *kind, *on, venue.as_deref()),
        Change::MoveMeeting { id, on, .. } => move_meeting(v, ctx, *id, *on),
        Change::CancelMeeting { id, .. } | Change::AdjournMeeting { id, .. } => {
            cancel_or_adjourn_meeting(v, ctx, *id)
        }
        Change::RecordChildSeen { id, on } => record_child_seen(v, ctx, *id, *on),
        Change::RecordSocialWorkerContact { id, on } => {
            record_social_worker_contact(v, ctx, *id, *on)
        }
        Change::RecordReportsReceived { id, on } => record_reports_received(v, ctx, *id, *on),
        // Every other change is checked in its own module (see `check_change`).
        _ => {}
    }
}

/// The time of a meeting booked or moved, in whole minutes.
pub(super) fn check_time(v: &mut Errors, at: NaiveTime) {
    if chrono::Timelike::second(&at) != 0 || chrono::Timelike::nanosecond(&at) != 0 {
        v.push(
            "at",
            ErrorCode::Invalid,
            "Give the time in hours and minutes (e.g. 14:30).",
        );
    }
}

fn book_meeting(
    v: &mut Errors,
    ctx: &Context<'_>,
    kind: MeetingKind,
    on: NaiveDate,
    venue: Option<&str>,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    check_meeting_date(v, record, kind, "on", "The meeting date", on);
    if let Some(venue) = venue {
        v.max_len("venue", venue, 200);
    }
}

fn move_meeting(v: &mut Errors, ctx: &Context<'_>, id: MeetingId, on: NaiveDate) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    if let Some(m) = booked_meeting(v, record, id) {
        check_meeting_date(v, record, m.kind, "on", "The meeting date", on);
    }
}

/// `cancel_meeting` and `adjourn_meeting`: the meeting is booked.
fn cancel_or_adjourn_meeting(v: &mut Errors, ctx: &Context<'_>, id: MeetingId) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    booked_meeting(v, record, id);
}

fn record_child_seen(v: &mut Errors, ctx: &Context<'_>, id: MeetingId, on: NaiveDate) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    if let Some(m) = booked_meeting(v, record, id) {
        v.not_future("on", "Child seen on", on, ctx.as_of);
        v.not_before_birth("on", "Child seen on", on, &record.child.details);
        if m.booked_on.is_some_and(|b| on > b) {
            v.push(
                "on",
                ErrorCode::Order,
                "Child seen on is after the booked review: record the visit ahead of it.",
            );
        }
    }
}

fn record_social_worker_contact(v: &mut Errors, ctx: &Context<'_>, id: MeetingId, on: NaiveDate) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    if let Some(m) = booked_meeting(v, record, id) {
        check_preparation_on(v, m, "Social worker contact on", on, ctx.as_of);
    }
}

fn record_reports_received(v: &mut Errors, ctx: &Context<'_>, id: MeetingId, on: NaiveDate) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    if let Some(m) = booked_meeting(v, record, id) {
        check_preparation_on(v, m, "Reports received on", on, ctx.as_of);
    }
}

fn booked_meeting<'r>(
    v: &mut Errors,
    record: &'r ChildRecord,
    id: MeetingId,
) -> Option<&'r Meeting> {
    match record.meetings.iter().find(|m| m.id == id) {
        None => {
            v.push(
                "id",
                ErrorCode::NotFound,
                format!("There is no meeting {id}."),
            );
            None
        }
        Some(m) if m.status != MeetingStatus::Booked => {
            v.push(
                "id",
                ErrorCode::Conflict,
                format!("This meeting is {:?}, not booked.", m.status).to_lowercase(),
            );
            None
        }
        Some(m) => Some(m),
    }
}

/// A preparation date (the social worker's contact, the reports' arrival): not in the future,
/// and not after the booked meeting.
fn check_preparation_on(v: &mut Errors, m: &Meeting, label: &str, on: NaiveDate, as_of: NaiveDate) {
    v.not_future("on", label, on, as_of);
    if m.booked_on.is_some_and(|b| on > b) {
        v.push(
            "on",
            ErrorCode::Order,
            format!("{label} is after the booked meeting: record it ahead of the meeting."),
        );
    }
}

/// A meeting's date fits the child: a LAC review while looked after, a conference in an open
/// child-protection episode and in order with it.
pub(super) fn check_meeting_date(
    v: &mut Errors,
    record: &ChildRecord,
    kind: MeetingKind,
    field: &str,
    label: &str,
    on: NaiveDate,
) {
    if kind == MeetingKind::LacReview {
        check_lac_review_date(v, record, field, label, on);
        return;
    }
    match episode_of(record, on) {
        None => v.push(
            field,
            ErrorCode::Conflict,
            format!(
                "There is no child-protection episode open on {}: start one first.",
                uk_date(on)
            ),
        ),
        Some(e) => check_conference_date(v, e, kind, field, label, on),
    }
}

/// A LAC review is of a born child, on a day the child was looked after.
fn check_lac_review_date(
    v: &mut Errors,
    record: &ChildRecord,
    field: &str,
    label: &str,
    on: NaiveDate,
) {
    let child = &record.child.details;
    v.not_before_birth(field, label, on, child);
    if child.is_unborn() {
        v.push(
            field,
            ErrorCode::Conflict,
            "An unborn child has no LAC review.",
        );
    } else if !record.care_periods.iter().any(|p| p.contains(on)) {
        v.push(
            field,
            ErrorCode::Conflict,
            format!("The child was not looked after on {}.", uk_date(on)),
        );
    }
}

/// An initial conference is not before the strategy discussion or the s47 start; a review
/// conference is after the plan started.
fn check_conference_date(
    v: &mut Errors,
    e: &CpEpisode,
    kind: MeetingKind,
    field: &str,
    label: &str,
    on: NaiveDate,
) {
    if kind == MeetingKind::Icpc {
        if let Some(strategy) = e.details.strategy_on {
            if on < strategy {
                v.push(
                    field,
                    ErrorCode::Order,
                    format!(
                        "{label} ({}) is before the strategy discussion ({}).",
                        uk_date(on),
                        uk_date(strategy)
                    ),
                );
            }
        }
        if let Some(s47) = e.details.s47_started_on {
            if on < s47 {
                v.push(
                    field,
                    ErrorCode::Order,
                    format!(
                        "{label} ({}) is before the s47 enquiry started ({}).",
                        uk_date(on),
                        uk_date(s47)
                    ),
                );
            }
        }
    }
    if kind == MeetingKind::CpReview {
        if let Some(start) = e.details.plan_started_on {
            if on <= start {
                v.push(
                    field,
                    ErrorCode::Order,
                    format!(
                        "{label} ({}) must be after the plan started ({}).",
                        uk_date(on),
                        uk_date(start)
                    ),
                );
            }
        }
    }
}
