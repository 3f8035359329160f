use caseload_core::calendar::{NonWorking, Week};
use caseload_core::domain::{MeetingKind, MeetingStatus};
use caseload_core::ids::{ChildId, IroId, MeetingId};
use caseload_core::rules::RuleId;
use caseload_core::schedule::{schedule, DueWhat};
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::snapshot::Snapshot;

/// A booked meeting in the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct WeekMeeting {
    /// The meeting.
    pub meeting: MeetingId,
    /// The child.
    pub child: ChildId,
    /// The child's name.
    pub child_name: String,
    /// Kind.
    pub kind: MeetingKind,
    /// Kind in words.
    pub kind_label: String,
    /// Date.
    pub on: NaiveDate,
    /// Time.
    pub at: Option<NaiveTime>,
    /// Venue.
    pub venue: Option<String>,
    /// The IRO the child is allocated to.
    pub iro: Option<IroId>,
}

/// A deadline falling in the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct WeekDeadline {
    /// The child.
    pub child: ChildId,
    /// The child's name.
    pub child_name: String,
    /// What is due.
    pub what: DueWhat,
    /// Title.
    pub title: String,
    /// The kind of meeting that meets it (None for decisions, record, appointment).
    pub meeting_kind: Option<MeetingKind>,
    /// Rule.
    pub rule: RuleId,
    /// Due date.
    pub due: NaiveDate,
    /// Plan-by date.
    pub plan_by: NaiveDate,
    /// Booked date, if booked.
    pub booked_on: Option<NaiveDate>,
    /// The IRO the child is allocated to.
    pub iro: Option<IroId>,
}

/// One day of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct WeekDay {
    /// Date.
    pub date: NaiveDate,
    /// Not a working day (weekend or bank holiday).
    pub non_working: Option<String>,
    /// Meetings booked that day, by time.
    pub meetings: Vec<WeekMeeting>,
    /// Deadlines due that day.
    pub deadlines: Vec<WeekDeadline>,
}

/// A week, Monday to Sunday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct WeekView {
    /// Today: what is due is as it stands today, whichever week is shown.
    pub as_of: NaiveDate,
    /// Monday of the week shown.
    pub monday: NaiveDate,
    /// Sunday of the week shown.
    pub sunday: NaiveDate,
    /// Monday of the week before (for navigation).
    pub previous_monday: NaiveDate,
    /// Monday of the week after (for navigation).
    pub next_monday: NaiveDate,
    /// Seven days.
    pub days: Vec<WeekDay>,
}

/// The week `shown`, as it stands on `as_of` (today): the meetings booked in it, and the
/// deadlines the schedule of today puts in it.
pub(crate) fn week_view(
    snap: &Snapshot,
    as_of: NaiveDate,
    shown: Week,
    iro: Option<IroId>,
) -> WeekView {
    let mut days: Vec<WeekDay> = shown.days().map(|date| week_day(snap, date)).collect();
    let ctx = snap.ctx();
    for (record, allocated) in snap.children_of(iro, as_of) {
        let name = record.child.details.display_name();
        for m in &record.meetings {
            let Some(on) = m.booked_on.filter(|_| m.status == MeetingStatus::Booked) else {
                continue;
            };
            let Some(day) = shown.day_index(on) else {
                continue;
            };
            days[day].meetings.push(WeekMeeting {
                meeting: m.id,
                child: record.child.id,
                child_name: name.clone(),
                kind: m.kind,
                kind_label: m.kind.label().to_string(),
                on,
                at: m.booked_at,
                venue: m.venue.clone(),
                iro: allocated,
            });
        }
        for item in schedule(record, &ctx, as_of) {
            let Some(day) = shown
                .day_index(item.due.due)
                .filter(|_| item.done_on.is_none())
            else {
                continue;
            };
            days[day].deadlines.push(WeekDeadline {
                child: record.child.id,
                child_name: name.clone(),
                what: item.what,
                title: item.title.into_owned(),
                meeting_kind: item.meeting_kind,
                rule: item.due.rule,
                due: item.due.due,
                plan_by: item.due.plan_by,
                booked_on: item.booked.map(|b| b.on),
                iro: allocated,
            });
        }
    }
    for day in &mut days {
        day.meetings
            .sort_by(|a, b| (a.at, &a.child_name).cmp(&(b.at, &b.child_name)));
        day.deadlines
            .sort_by(|a, b| (&a.child_name, a.what).cmp(&(&b.child_name, b.what)));
    }
    WeekView {
        as_of,
        monday: shown.monday(),
        sunday: shown.sunday(),
        previous_monday: shown.previous().monday(),
        next_monday: shown.next().monday(),
        days,
    }
}

/// A day with nothing in it yet, and why it is not a working day if it is not.
fn week_day(snap: &Snapshot, date: NaiveDate) -> WeekDay {
    WeekDay {
        date,
        non_working: snap.calendar.non_working_reason(date).map(|r| match r {
            NonWorking::Weekend { weekday } => weekday,
            NonWorking::BankHoliday { name, .. } => name,
        }),
        meetings: Vec::new(),
        deadlines: Vec::new(),
    }
}
