use caseload_core::domain::{MeetingKind, MeetingStatus};
use caseload_core::ids::{ChildId, IroId, MeetingId};
use caseload_core::rules::RuleId;
use caseload_core::schedule::{schedule, DueWhat};
use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use serde::Serialize;

use crate::app::Snapshot;

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
    /// Today.
    pub as_of: NaiveDate,
    /// Monday.
    pub monday: NaiveDate,
    /// Sunday.
    pub sunday: NaiveDate,
    /// Monday of the week before (for navigation).
    pub previous_monday: NaiveDate,
    /// Monday of the week after (for navigation).
    pub next_monday: NaiveDate,
    /// Seven days.
    pub days: Vec<WeekDay>,
}

pub(crate) fn week_view(snap: &Snapshot, as_of: NaiveDate, iro: Option<IroId>) -> WeekView {
    let monday = as_of - Days::new(u64::from(as_of.weekday().num_days_from_monday()));
    let sunday = monday + Days::new(6);
    let in_week = |d: NaiveDate| monday <= d && d <= sunday;
    let ctx = snap.ctx();
    let mut days: Vec<WeekDay> = (0..7)
        .map(|i| {
            let date = monday + Days::new(i);
            WeekDay {
                date,
                non_working: snap.calendar.non_working_reason(date).map(|r| match r {
                    caseload_core::calendar::NonWorking::Weekend { weekday } => weekday,
                    caseload_core::calendar::NonWorking::BankHoliday { name, .. } => name,
                }),
                meetings: Vec::new(),
                deadlines: Vec::new(),
            }
        })
        .collect();
    for record in &snap.caseload.children {
        let allocated = record.iro_on(as_of).or_else(|| record.current_iro());
        if iro.is_some() && allocated != iro {
            continue;
        }
        let name = record.child.details.display_name();
        for m in &record.meetings {
            let Some(on) = m.booked_on.filter(|d| in_week(*d)) else {
                continue;
            };
            if m.status != MeetingStatus::Booked {
                continue;
            }
            days[on.weekday().num_days_from_monday() as usize]
                .meetings
                .push(WeekMeeting {
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
            if item.done_on.is_some() || !in_week(item.due.due) {
                continue;
            }
            days[item.due.due.weekday().num_days_from_monday() as usize]
                .deadlines
                .push(WeekDeadline {
                    child: record.child.id,
                    child_name: name.clone(),
                    what: item.what,
                    title: item.title,
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
        monday,
        sunday,
        previous_monday: monday - Days::new(7),
        next_monday: monday + Days::new(7),
        days,
    }
}
