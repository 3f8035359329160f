use caseload_core::warnings::{compute_warnings, Severity, Warning, WarningKind};
use chrono::NaiveDate;
use serde::Serialize;

use crate::snapshot::Snapshot;
use crate::views::{IroRef, SeverityCounts};
use caseload_core::ids::IroId;

/// The groups of the Today screen, in the order an IRO acts on them. Each row is in exactly
/// one group, and a group never holds a row more urgent than its kind allows: "for
/// information" and "on track" hold information only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TodayGroupKey {
    /// A review, conference or IRO appointment past its due date.
    Overdue,
    /// Due within the red or amber window and nothing booked (including ICPCs at risk, and an
    /// IRO still to appoint).
    NotBooked,
    /// Booked after the due date: a breach already in the diary.
    BookedAfterDue,
    /// The IRO's own work: decisions and records to send, a conference's outcome to record, a
    /// meeting to record as held, the child to see, a conference to move off a holiday.
    MyWork,
    /// What others owe the IRO: dispute responses, decisions of meetings not carried out, the
    /// social worker's contact and reports before a review.
    Others,
    /// Worth knowing, nothing to do today (codes, caseload band, a late appointment).
    Information,
    /// Meetings due soon and booked in time: one line, opened on request.
    OnTrack,
}

impl TodayGroupKey {
    /// Its heading.
    pub fn title(self) -> &'static str {
        match self {
            TodayGroupKey::Overdue => "Overdue",
            TodayGroupKey::NotBooked => "Not booked",
            TodayGroupKey::BookedAfterDue => "Booked after the due date",
            TodayGroupKey::MyWork => "Your write-ups and preparation",
            TodayGroupKey::Others => "Waiting on others",
            TodayGroupKey::Information => "For information",
            TodayGroupKey::OnTrack => "On track: booked in time",
        }
    }

    /// Every group, in the order shown.
    pub const ALL: [TodayGroupKey; 7] = [
        TodayGroupKey::Overdue,
        TodayGroupKey::NotBooked,
        TodayGroupKey::BookedAfterDue,
        TodayGroupKey::MyWork,
        TodayGroupKey::Others,
        TodayGroupKey::Information,
        TodayGroupKey::OnTrack,
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
    /// The IRO whose caseload this is, or None for everyone.
    pub iro: Option<IroRef>,
    /// Counts by severity over every group but the meetings on track.
    pub counts: SeverityCounts,
    /// True when anything is overdue or red: worth a desktop notification.
    pub needs_attention: bool,
    /// Every group, in order, even when empty.
    pub groups: Vec<TodayGroup>,
}

/// The group a row belongs to: by what it is about, then by what its flags ask for.
pub fn today_group(w: &Warning) -> TodayGroupKey {
    use WarningKind as K;
    let info = w.severity == Severity::Info;
    match w.kind {
        K::Overdue => TodayGroupKey::Overdue,
        K::IroAppointmentLate if w.severity == Severity::Overdue => TodayGroupKey::Overdue,
        K::NotBooked | K::IcpcAtRisk | K::IroAppointmentLate if !info => TodayGroupKey::NotBooked,
        K::BookedAfterDue => TodayGroupKey::BookedAfterDue,
        K::DecisionsLate
        | K::RecordLate
        | K::DecisionsDue
        | K::RecordDue
        | K::ConferenceOutcomeMissing
        | K::HistoryIncomplete => TodayGroupKey::MyWork,
        K::DisputeResponseOverdue
        | K::DisputeResponseDueSoon
        | K::DisputeResponseReceived
        | K::DisputeAwaitingCafcass
        | K::DisputeFormalOverdue
        | K::DisputeInactive
        | K::DecisionOverdue => TodayGroupKey::Others,
        K::BookedInTime if info => TodayGroupKey::OnTrack,
        K::BookedInTime => booked_in_time_group(w),
        _ if info => TodayGroupKey::Information,
        // Nothing else is made above information; should one be, it is the IRO's to look at.
        _ => TodayGroupKey::MyWork,
    }
}

/// A meeting booked in time that needs something: the IRO's own preparation (see the child,
/// record it as held, move it off a holiday) comes first, else what others owe for it.
fn booked_in_time_group(w: &Warning) -> TodayGroupKey {
    let others = [
        WarningKind::SocialWorkerContactLate,
        WarningKind::ReportsLate,
    ];
    let mine = w
        .flags
        .iter()
        .any(|f| f.severity != Severity::Info && !others.contains(&f.kind));
    if mine {
        TodayGroupKey::MyWork
    } else {
        TodayGroupKey::Others
    }
}

pub(crate) fn today_view(snap: &Snapshot, as_of: NaiveDate, iro: Option<IroId>) -> TodayView {
    let warnings = compute_warnings(&snap.caseload, &snap.ctx(), as_of, iro);
    // The meetings on track are counted on their own line, not as information to read.
    let counts = SeverityCounts::of(
        warnings
            .iter()
            .filter(|w| today_group(w) != TodayGroupKey::OnTrack),
    );
    let mut groups: Vec<TodayGroup> = TodayGroupKey::ALL
        .iter()
        .map(|&key| TodayGroup {
            key,
            title: key.title().to_string(),
            rows: Vec::new(),
        })
        .collect();
    for w in warnings {
        let key = today_group(&w);
        groups
            .iter_mut()
            .find(|g| g.key == key)
            .expect("every key has a group")
            .rows
            .push(w);
    }
    TodayView {
        as_of,
        iro: iro.map(|id| snap.iro_ref(id)),
        needs_attention: counts.overdue + counts.red > 0,
        counts,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::App;
    use caseload_demo::DemoOptions;
    use std::collections::HashSet;

    /// Today on the demo Monday, for everyone and for each IRO.
    fn demo_todays() -> Vec<TodayView> {
        let as_of: NaiveDate = "2026-11-23".parse().unwrap();
        let mut app = App::open_in_memory().unwrap();
        app.load_demo(&DemoOptions::new(as_of)).unwrap();
        let mut views = vec![app.today(as_of, None).unwrap()];
        for iro in app.iros().unwrap() {
            views.push(app.today(as_of, Some(iro.id)).unwrap());
        }
        views
    }

    /// What a row is about: the child and the deadline (its rule and date), or the dispute,
    /// decision or meeting it names.
    fn deadline(w: &Warning) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            w.child, w.iro, w.rule, w.due, w.dispute, w.decision, w.meeting_kind
        )
    }

    #[test]
    fn the_demo_monday_has_one_row_per_child_and_deadline() {
        for view in demo_todays() {
            let rows: Vec<&Warning> = view.groups.iter().flat_map(|g| &g.rows).collect();
            let distinct: HashSet<String> = rows.iter().map(|w| deadline(w)).collect();
            assert_eq!(distinct.len(), rows.len(), "a deadline repeated");
            assert!(rows.len() > 20, "{} rows", rows.len());
        }
    }

    #[test]
    fn severity_and_group_never_disagree() {
        for view in demo_todays() {
            for g in &view.groups {
                for w in &g.rows {
                    assert_eq!(today_group(w), g.key);
                    if matches!(g.key, TodayGroupKey::Information | TodayGroupKey::OnTrack) {
                        assert_eq!(w.severity, Severity::Info, "{w:?} under {:?}", g.key);
                    }
                    if g.key == TodayGroupKey::Overdue {
                        assert_eq!(w.severity, Severity::Overdue, "{w:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn groups_come_in_the_order_an_iro_acts() {
        let view = &demo_todays()[0];
        let keys: Vec<TodayGroupKey> = view.groups.iter().map(|g| g.key).collect();
        assert_eq!(keys, TodayGroupKey::ALL);
        // Every group has something on the demo Monday, and the meetings booked in time are
        // the on-track line, not rows among the ones to act on.
        for g in &view.groups {
            assert!(!g.rows.is_empty(), "{:?} empty", g.key);
        }
        // The header's counts are of the rows to read, not of the on-track line.
        let c = view.counts;
        let to_read: usize = view.groups[..6].iter().map(|g| g.rows.len()).sum();
        assert_eq!(c.overdue + c.red + c.amber + c.info, to_read);
        let on_track = &view.groups[6].rows;
        assert!(on_track
            .iter()
            .all(|w| w.kind == WarningKind::BookedInTime && w.booked_on.is_some()));
        let elsewhere = view.groups[..6].iter().flat_map(|g| &g.rows);
        assert!(elsewhere
            .filter(|w| w.kind == WarningKind::BookedInTime)
            .all(|w| w.flags.iter().any(|f| f.severity != Severity::Info)));
    }

    #[test]
    fn an_icpc_due_soon_and_not_booked_is_one_row_under_not_booked() {
        let view = &demo_todays()[0];
        let icpcs: Vec<(TodayGroupKey, &Warning)> = view
            .groups
            .iter()
            .flat_map(|g| g.rows.iter().map(move |w| (g.key, w)))
            .filter(|(_, w)| w.rule == Some(caseload_core::rules::RuleId::Icpc))
            .filter(|(_, w)| w.booked_on.is_none())
            .collect();
        assert!(!icpcs.is_empty());
        for (key, w) in icpcs {
            assert_eq!(w.kind, WarningKind::IcpcAtRisk, "{w:?}");
            assert_eq!(key, TodayGroupKey::NotBooked);
        }
    }
}
