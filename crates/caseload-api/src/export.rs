use caseload_core::calendar::week_of;
use caseload_core::domain::MeetingStatus;
use caseload_core::explain::uk_date;
use caseload_core::ids::IroId;
use caseload_interop::ics::{
    render_ics, IcsCalendar, IcsDeadline, IcsMeeting, DEFAULT_MEETING_MINUTES,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::snapshot::Snapshot;
use crate::week::week_view;

/// What to put in a calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IcsScope {
    /// The week containing a date: its booked meetings and its deadlines (all-day events).
    Week {
        /// Any day of the week.
        on: NaiveDate,
    },
    /// Every booked meeting from today on.
    AllBooked,
}

/// A rendered calendar file and what is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct IcsExport {
    /// The iCalendar text (RFC 5545), ready to write to a `.ics` file.
    pub text: String,
    /// Number of meetings.
    pub meetings: u32,
    /// Number of deadlines.
    pub deadlines: u32,
    /// A file name to suggest.
    pub suggested_name: String,
}

pub(crate) fn export_ics(
    snap: &Snapshot,
    scope: IcsScope,
    as_of: NaiveDate,
    iro: Option<IroId>,
    stamp: DateTime<Utc>,
) -> IcsExport {
    let mut calendar = IcsCalendar {
        name: "IRO Caseload".to_string(),
        meetings: Vec::new(),
        deadlines: Vec::new(),
    };
    let suggested_name = match scope {
        IcsScope::Week { on } => {
            let week = week_view(snap, as_of, week_of(on), iro);
            for day in &week.days {
                for m in &day.meetings {
                    calendar.meetings.push(IcsMeeting {
                        uid: format!("meeting-{}@irocaseload", m.meeting),
                        on: m.on,
                        at: m.at,
                        duration_minutes: DEFAULT_MEETING_MINUTES,
                        summary: format!("{} – {}", m.kind_label, m.child_name),
                        location: m.venue.clone(),
                        description: Some(format!("Child #{} in IRO Caseload.", m.child)),
                    });
                }
                for d in &day.deadlines {
                    let booked = d.booked_on.map_or("Not booked.".to_string(), |b| {
                        format!("Booked for {}.", uk_date(b))
                    });
                    calendar.deadlines.push(IcsDeadline {
                        uid: format!("deadline-{}-{}-{}@irocaseload", d.child, d.rule, d.due),
                        on: d.due,
                        summary: format!("Due: {} – {}", d.title, d.child_name),
                        description: Some(format!(
                            "Statutory due date {} (plan by {}). {booked} Rule {}.",
                            uk_date(d.due),
                            uk_date(d.plan_by),
                            d.rule
                        )),
                    });
                }
            }
            format!("iro-caseload-week-{}.ics", week.monday)
        }
        IcsScope::AllBooked => {
            for (record, _) in snap.children_of(iro, as_of) {
                let name = record.child.details.display_name();
                for m in record
                    .meetings
                    .iter()
                    .filter(|m| m.status == MeetingStatus::Booked)
                {
                    let Some(on) = m.booked_on.filter(|on| *on >= as_of) else {
                        continue;
                    };
                    calendar.meetings.push(IcsMeeting {
                        uid: format!("meeting-{}@irocaseload", m.id),
                        on,
                        at: m.booked_at,
                        duration_minutes: DEFAULT_MEETING_MINUTES,
                        summary: format!("{} – {}", m.kind.label(), name),
                        location: m.venue.clone(),
                        description: Some(format!("Child #{} in IRO Caseload.", record.child.id)),
                    });
                }
            }
            calendar
                .meetings
                .sort_by(|a, b| (a.on, a.at, &a.uid).cmp(&(b.on, b.at, &b.uid)));
            format!("iro-caseload-booked-from-{as_of}.ics")
        }
    };
    IcsExport {
        meetings: calendar.meetings.len() as u32,
        deadlines: calendar.deadlines.len() as u32,
        text: render_ics(&calendar, stamp),
        suggested_name,
    }
}
