//! A date checked before a meeting is booked or moved (issue 13): the due date the meeting has
//! to meet and its plan-by date, whether the date chosen is after it, and the IRO's other
//! meetings it would overlap, each lasting as long as the settings say its kind lasts.
//!
//! Siblings booked together (one time and venue, each child keeping their own meeting, record
//! and clock) do not clash with one another.

use crate::domain::{Caseload, ChildRecord, MeetingKind, MeetingStatus};
use crate::ids::{ChildId, MeetingId};
use crate::rules::Due;
use crate::schedule::{schedule, Ctx};
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The meeting about to be booked or moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ProposedMeeting {
    /// Whose meeting.
    pub child: ChildId,
    /// What kind.
    pub kind: MeetingKind,
    /// The date chosen (none yet: only the due date is checked).
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// The time chosen, if any (no time, no clash can be seen).
    #[serde(default)]
    pub at: Option<NaiveTime>,
    /// The booking being moved (it does not clash with itself).
    #[serde(default)]
    pub moving: Option<MeetingId>,
    /// Siblings booked into the same meeting.
    #[serde(default)]
    pub with: Vec<ChildId>,
}

/// What the date chosen means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct BookingCheck {
    /// The due date the meeting would meet, with its plan-by date and explanation (none for a
    /// meeting no chain is waiting for).
    pub due: Option<Due>,
    /// The date chosen is after the due date: the meeting would be late.
    pub late: bool,
    /// How long this kind of meeting lasts, in minutes.
    pub minutes: u32,
    /// The IRO's other meetings that overlap this one, earliest first.
    pub clashes: Vec<Clash>,
}

/// Another meeting of the same IRO overlapping the one proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Clash {
    /// The meeting.
    pub meeting: MeetingId,
    /// Whose.
    pub child: ChildId,
    /// The child's name as an IRO uses it.
    pub child_name: String,
    /// What kind.
    pub kind: MeetingKind,
    /// When it starts.
    pub at: NaiveTime,
    /// When it ends, by its kind's length.
    pub ends_at: NaiveTime,
    /// Where.
    pub venue: Option<String>,
}

/// Checks a proposed meeting against the child's due dates and the IRO's diary.
pub fn check_booking(
    caseload: &Caseload,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    proposed: &ProposedMeeting,
) -> Option<BookingCheck> {
    let record = caseload
        .children
        .iter()
        .find(|r| r.child.id == proposed.child)?;
    let due = due_for(record, ctx, as_of, proposed);
    Some(BookingCheck {
        late: match (&due, proposed.on) {
            (Some(d), Some(on)) => on > d.due,
            _ => false,
        },
        due,
        minutes: ctx.settings.meeting_minutes.of(proposed.kind),
        clashes: clashes(caseload, record, ctx, proposed),
    })
}

/// The due date the meeting would meet: the one its booking already meets when it is moved,
/// else the child's next due date for a meeting of its kind.
fn due_for(
    record: &ChildRecord,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    proposed: &ProposedMeeting,
) -> Option<Due> {
    let items = schedule(record, ctx, as_of);
    let moved = proposed.moving.and_then(|id| {
        items
            .iter()
            .find(|i| i.booked.as_ref().is_some_and(|b| b.meeting == id))
    });
    moved
        .or_else(|| {
            items
                .iter()
                .find(|i| i.what.meeting_kind() == Some(proposed.kind))
        })
        .map(|i| i.due.clone())
}

/// The IRO's booked meetings on that day whose time overlaps the proposed one.
fn clashes(
    caseload: &Caseload,
    record: &ChildRecord,
    ctx: &Ctx<'_>,
    proposed: &ProposedMeeting,
) -> Vec<Clash> {
    let (Some(on), Some(at)) = (proposed.on, proposed.at) else {
        return Vec::new();
    };
    let Some(iro) = record.iro_for(on) else {
        return Vec::new();
    };
    let minutes = &ctx.settings.meeting_minutes;
    let end = at + Duration::minutes(i64::from(minutes.of(proposed.kind)));
    let mut out: Vec<Clash> = caseload
        .children
        .iter()
        .filter(|r| r.iro_for(on) == Some(iro))
        .flat_map(|r| r.meetings.iter().map(move |m| (r, m)))
        .filter(|(_, m)| m.status == MeetingStatus::Booked && m.booked_on == Some(on))
        .filter(|(_, m)| Some(m.id) != proposed.moving)
        .filter_map(|(r, m)| {
            let start = m.booked_at?;
            let together = proposed.with.contains(&m.child) && start == at;
            if together {
                return None;
            }
            let ends_at = start + Duration::minutes(i64::from(minutes.of(m.kind)));
            (start < end && at < ends_at).then(|| Clash {
                meeting: m.id,
                child: m.child,
                child_name: r.child.details.display_name(),
                kind: m.kind,
                at: start,
                ends_at,
                venue: m.venue.clone(),
            })
        })
        .collect();
    out.sort_by_key(|c| (c.at, c.meeting));
    out
}
