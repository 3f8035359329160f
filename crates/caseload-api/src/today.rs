use caseload_core::warnings::{compute_warnings, Severity, Warning, WarningKind};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::app::Snapshot;
use crate::views::{IroRef, SeverityCounts};
use caseload_core::ids::IroId;

/// The groups of the Today screen, in the order an IRO reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TodayGroupKey {
    /// Past the due date.
    Overdue,
    /// Due by the end of this week.
    DueThisWeek,
    /// Due within the amber window (default 20 working days), after this week.
    DueSoon,
    /// Booked after the due date: a breach already in the diary.
    BookedAfterDue,
    /// Due soon and nothing booked (including ICPCs at risk).
    NotBooked,
    /// Everything else worth knowing (visits, plan-by, codes, caseload, calendar).
    Other,
}

impl TodayGroupKey {
    fn title(self) -> &'static str {
        match self {
            TodayGroupKey::Overdue => "Overdue",
            TodayGroupKey::DueThisWeek => "Due this week",
            TodayGroupKey::DueSoon => "Due in the next 20 working days",
            TodayGroupKey::BookedAfterDue => "Booked after the due date",
            TodayGroupKey::NotBooked => "Not booked",
            TodayGroupKey::Other => "Also worth knowing",
        }
    }

    const ALL: [TodayGroupKey; 6] = [
        TodayGroupKey::Overdue,
        TodayGroupKey::DueThisWeek,
        TodayGroupKey::DueSoon,
        TodayGroupKey::BookedAfterDue,
        TodayGroupKey::NotBooked,
        TodayGroupKey::Other,
    ];
}

/// One group of the Today screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TodayGroup {
    /// Which group.
    pub key: TodayGroupKey,
    /// Its heading.
    pub title: String,
    /// Its warnings, most urgent first.
    pub rows: Vec<Warning>,
}

/// The start screen: the warnings for today, grouped by urgency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TodayView {
    /// Today.
    pub as_of: NaiveDate,
    /// Sunday of this week (the end of "due this week").
    pub week_ends_on: NaiveDate,
    /// The IRO whose caseload this is, or None for everyone.
    pub iro: Option<IroRef>,
    /// Counts by severity over every group.
    pub counts: SeverityCounts,
    /// True when anything is overdue or red: worth a desktop notification.
    pub needs_attention: bool,
    /// Every group, in order, even when empty.
    pub groups: Vec<TodayGroup>,
}

fn group_of(w: &Warning, week_ends_on: NaiveDate) -> TodayGroupKey {
    match w.kind {
        _ if w.severity == Severity::Overdue => TodayGroupKey::Overdue,
        WarningKind::DueSoon
        | WarningKind::DisputeResponseDueSoon
        | WarningKind::DecisionsDue
        | WarningKind::RecordDue
            if w.due.is_some_and(|d| d <= week_ends_on) =>
        {
            TodayGroupKey::DueThisWeek
        }
        WarningKind::DueSoon
        | WarningKind::DisputeResponseDueSoon
        | WarningKind::DecisionsDue
        | WarningKind::RecordDue => TodayGroupKey::DueSoon,
        WarningKind::BookedAfterDue => TodayGroupKey::BookedAfterDue,
        WarningKind::NotBooked | WarningKind::IcpcAtRisk => TodayGroupKey::NotBooked,
        _ => TodayGroupKey::Other,
    }
}

pub(crate) fn today_view(snap: &Snapshot, as_of: NaiveDate, iro: Option<IroId>) -> TodayView {
    let warnings = compute_warnings(&snap.caseload, &snap.ctx(), as_of, iro);
    let week_ends_on = as_of + Days::new(u64::from(6 - as_of.weekday().num_days_from_monday()));
    let counts = SeverityCounts::of(&warnings);
    let mut groups: Vec<TodayGroup> = TodayGroupKey::ALL
        .iter()
        .map(|&key| TodayGroup {
            key,
            title: key.title().to_string(),
            rows: Vec::new(),
        })
        .collect();
    for w in warnings {
        let key = group_of(&w, week_ends_on);
        groups
            .iter_mut()
            .find(|g| g.key == key)
            .expect("every key has a group")
            .rows
            .push(w);
    }
    TodayView {
        as_of,
        week_ends_on,
        iro: iro.map(|id| IroRef {
            id,
            name: snap.iro_name(id),
        }),
        needs_attention: counts.overdue + counts.red > 0,
        counts,
        groups,
    }
}
