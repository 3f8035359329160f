//! The calendar export: a week's meetings and deadlines, or every meeting booked from today,
//! as one `.ics` file for Outlook (rendered by `caseload_interop::ics`).
//!
//! What an event says about the child is the store's [`CalendarPrivacy`] setting and nothing
//! more: the summary names the child that way, the description gives only the app's own number,
//! and no free text about the child (a cancellation's reason) is written. The venue is written as
//! the IRO typed it.
//!
//! Each meeting keeps its UID for life (`meeting-{id}@irocaseload`) and its `SEQUENCE` is the
//! meeting's revision, which the store raises with every change, so a moved meeting exported
//! again replaces the event Outlook has, and a cancelled one is exported `STATUS:CANCELLED` where
//! it would have been (its week, or from today on). A meeting lasts as long as the settings say
//! for its kind.
//!
//! What it deliberately does not do: read the clock (the caller passes `stamp`), or remember what
//! was exported before.

use caseload_core::calendar::{week_of, Week};
use caseload_core::domain::{ChildRecord, Meeting, MeetingStatus};
use caseload_core::explain::uk_date;
use caseload_core::ids::{ChildId, IroId};
use caseload_core::settings::CalendarPrivacy;
use caseload_interop::ics::{render_ics, IcsCalendar, IcsDeadline, IcsMeeting};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::snapshot::Snapshot;
use crate::week::{week_view, WeekDeadline};

#[cfg(test)]
mod tests;

/// What to put in a calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IcsScope {
    /// The week containing a date: its booked meetings (and those cancelled), and its
    /// deadlines (all-day events).
    Week {
        /// Any day of the week.
        on: NaiveDate,
    },
    /// Every meeting booked from today on (and those cancelled that were booked from today on).
    AllBooked,
}

/// A rendered calendar file and what is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct IcsExport {
    /// The iCalendar text (RFC 5545), ready to write to a `.ics` file.
    pub text: String,
    /// Number of booked meetings.
    pub meetings: u32,
    /// Number of cancelled meetings, exported as cancelled.
    pub cancelled: u32,
    /// Number of deadlines.
    pub deadlines: u32,
    /// A file name to suggest.
    pub suggested_name: String,
    /// What the events say about each child.
    pub privacy: CalendarPrivacy,
}

pub(crate) fn export_ics(
    snap: &Snapshot,
    scope: IcsScope,
    as_of: NaiveDate,
    iro: Option<IroId>,
    stamp: DateTime<Utc>,
) -> IcsExport {
    let (meetings, deadlines, suggested_name) = match scope {
        IcsScope::Week { on } => {
            let week = week_of(on);
            (
                meetings_booked(snap, as_of, iro, |d| week.day_index(d).is_some()),
                deadlines_in(snap, as_of, week, iro),
                format!("iro-caseload-week-{}.ics", week.monday()),
            )
        }
        IcsScope::AllBooked => (
            meetings_booked(snap, as_of, iro, |d| d >= as_of),
            Vec::new(),
            format!("iro-caseload-booked-from-{as_of}.ics"),
        ),
    };
    let n_cancelled = meetings.iter().filter(|m| m.cancelled).count();
    let calendar = IcsCalendar {
        name: "IRO Caseload".to_string(),
        meetings,
        deadlines,
    };
    IcsExport {
        meetings: (calendar.meetings.len() - n_cancelled) as u32,
        cancelled: n_cancelled as u32,
        deadlines: calendar.deadlines.len() as u32,
        text: render_ics(&calendar, stamp),
        suggested_name,
        privacy: snap.settings.calendar_privacy,
    }
}

/// The meetings booked, or booked and then cancelled, on a day `wanted`, in date and time order.
fn meetings_booked(
    snap: &Snapshot,
    as_of: NaiveDate,
    iro: Option<IroId>,
    wanted: impl Fn(NaiveDate) -> bool,
) -> Vec<IcsMeeting> {
    let mut meetings: Vec<IcsMeeting> = snap
        .children_of(iro, as_of)
        .flat_map(|(record, _)| record.meetings.iter().map(move |m| (record, m)))
        .filter(|(_, m)| matches!(m.status, MeetingStatus::Booked | MeetingStatus::Cancelled))
        .filter_map(|(record, m)| {
            let on = m.booked_on.filter(|on| wanted(*on))?;
            Some(ics_meeting(snap, record, m, on))
        })
        .collect();
    meetings.sort_by(|a, b| (a.on, a.at, &a.uid).cmp(&(b.on, b.at, &b.uid)));
    meetings
}

fn ics_meeting(snap: &Snapshot, record: &ChildRecord, m: &Meeting, on: NaiveDate) -> IcsMeeting {
    let cancelled = m.status == MeetingStatus::Cancelled;
    let kind = snap.settings.terminology.say(m.kind.label());
    let child = child_named(snap, record.child.id);
    IcsMeeting {
        uid: format!("meeting-{}@irocaseload", m.id),
        on,
        at: m.booked_at,
        duration_minutes: snap.settings.meeting_minutes.of(m.kind),
        sequence: m.revision,
        cancelled,
        summary: if cancelled {
            format!("Cancelled: {kind} – {child}")
        } else {
            format!("{kind} – {child}")
        },
        location: m.venue.clone(),
        description: Some(format!("Child #{} in IRO Caseload.", record.child.id)),
    }
}

/// The deadlines the schedule of today puts in `week`, each an all-day event.
fn deadlines_in(
    snap: &Snapshot,
    as_of: NaiveDate,
    week: Week,
    iro: Option<IroId>,
) -> Vec<IcsDeadline> {
    week_view(snap, as_of, week, iro)
        .days
        .iter()
        .flat_map(|day| &day.deadlines)
        .map(|d| ics_deadline(snap, d))
        .collect()
}

fn ics_deadline(snap: &Snapshot, d: &WeekDeadline) -> IcsDeadline {
    let booked = d.booked_on.map_or("Not booked.".to_string(), |b| {
        format!("Booked for {}.", uk_date(b))
    });
    IcsDeadline {
        uid: format!("deadline-{}-{}-{}@irocaseload", d.child, d.rule, d.due),
        on: d.due,
        summary: format!("Due: {} – {}", d.title, child_named(snap, d.child)),
        description: Some(format!(
            "Statutory due date {} (plan by {}). {booked} Rule {}.",
            uk_date(d.due),
            uk_date(d.plan_by),
            d.rule
        )),
    }
}

/// The child as the calendar privacy setting names them.
fn child_named(snap: &Snapshot, id: ChildId) -> String {
    let privacy = snap.settings.calendar_privacy;
    snap.child(id).map_or_else(
        || format!("Child {}", id.0),
        |record| privacy.name_child(&record.child.details, id),
    )
}
