//! The disputes list: every dispute (DRP) and multi-agency challenge of a caseload, with its
//! stage timeline and clocks, for the CLI (`caseload disputes`) and the desktop.
//!
//! Every date and clock comes from the core ([`caseload_core::disputes`]) and every warning
//! from [`caseload_core::warnings`]; this module only selects, orders and labels.

use caseload_core::disputes::{dispute_clocks, stage_label, FormalClock, StageStatus};
use caseload_core::domain::{
    ChildRecord, Concerns, Dispute, DisputeKind, DisputeOutcome, DisputeReason, Stage,
};
use caseload_core::ids::{DisputeId, IroId};
use caseload_core::rules::{DisputeLadders, DisputeReasons, Due};
use caseload_core::warnings::{dispute_warnings, Severity, Warning};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::snapshot::Snapshot;
use crate::views::{ChildSummary, IroRef};

/// Which disputes to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DisputeFilter {
    /// Every dispute, open and closed.
    All,
    /// Open disputes.
    Open,
    /// Open disputes with an overdue response or formal process.
    Overdue,
    /// Closed disputes (resolved, withdrawn or referred to Cafcass).
    Closed,
}

/// One dispute with its timeline and clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DisputeRow {
    /// Id.
    pub id: DisputeId,
    /// Whose plan.
    pub child: ChildSummary,
    /// The IRO the child is allocated to.
    pub iro: Option<IroRef>,
    /// DRP or multi-agency challenge.
    pub kind: DisputeKind,
    /// The kind in words.
    pub kind_label: String,
    /// Which plan.
    pub concerns: Concerns,
    /// The plan in words.
    pub concerns_label: String,
    /// Reason category.
    pub reason: DisputeReason,
    /// The reason in words.
    pub reason_label: String,
    /// Raised for this sibling group.
    pub sibling_group: Option<String>,
    /// The partner agency challenged (multi-agency challenge).
    pub partner_agency: Option<String>,
    /// The date raised.
    pub raised_on: NaiveDate,
    /// No outcome yet.
    pub open: bool,
    /// The stage reached.
    pub current_stage: Option<Stage>,
    /// Its name on the ladder.
    pub current_stage_label: Option<String>,
    /// Every stage raised, lowest first, with its response clock.
    pub stages: Vec<StageStatus>,
    /// The response awaited now, with its explanation.
    pub response_due: Option<Due>,
    /// Working days from as-of to that date (negative when overdue).
    pub response_working_days_left: Option<i64>,
    /// The formal-process clock (DRP): elapsed working days against the limit.
    pub formal: Option<FormalClock>,
    /// The date of the last activity.
    pub last_activity_on: NaiveDate,
    /// What it was.
    pub last_activity: String,
    /// Working days since then.
    pub working_days_since_activity: i64,
    /// The date of a referral to Cafcass, if any.
    pub cafcass_referred_on: Option<NaiveDate>,
    /// While it awaits Cafcass (referred, open, nothing raised since): the referral's date.
    /// Its clocks are stopped.
    pub awaiting_cafcass_since: Option<NaiveDate>,
    /// How it ended.
    pub outcome: Option<DisputeOutcome>,
    /// How it ended, in words: "Resolved at Stage 2".
    pub outcome_label: Option<String>,
    /// When it ended.
    pub closed_on: Option<NaiveDate>,
    /// Open with an overdue response or formal process.
    pub overdue: bool,
    /// This dispute's warnings, most urgent first.
    pub warnings: Vec<Warning>,
}

/// Counts over the caseload's disputes (whatever the filter).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct DisputeCounts {
    /// Open.
    pub open: usize,
    /// Open and overdue.
    pub overdue: usize,
    /// Closed.
    pub closed: usize,
}

/// The disputes screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DisputesView {
    /// Today.
    pub as_of: NaiveDate,
    /// The IRO whose caseload this is, or None for everyone.
    pub iro: Option<IroRef>,
    /// Which disputes are listed.
    pub filter: DisputeFilter,
    /// Counts before filtering.
    pub counts: DisputeCounts,
    /// The disputes: open ones first (overdue, then by the response due), then closed ones,
    /// most recently closed first.
    pub disputes: Vec<DisputeRow>,
    /// The ladders in force (stage names and targets for forms).
    pub ladders: DisputeLadders,
    /// The reason categories in force (for the filter and the forms), in order.
    pub reasons: DisputeReasons,
}

pub(crate) fn disputes_view(
    snap: &Snapshot,
    as_of: NaiveDate,
    filter: DisputeFilter,
    iro: Option<IroId>,
) -> DisputesView {
    let ctx = snap.ctx();
    let ladders = snap.rules.ladders();
    let mut rows = Vec::new();
    for (record, allocated) in snap.children_of(iro, as_of) {
        let warnings = dispute_warnings(record, &ctx, as_of);
        for d in &record.disputes {
            rows.push(dispute_row(snap, record, d, allocated, &warnings, as_of));
        }
    }
    let counts = DisputeCounts {
        open: rows.iter().filter(|r| r.open).count(),
        overdue: rows.iter().filter(|r| r.overdue).count(),
        closed: rows.iter().filter(|r| !r.open).count(),
    };
    rows.retain(|r| match filter {
        DisputeFilter::All => true,
        DisputeFilter::Open => r.open,
        DisputeFilter::Overdue => r.overdue,
        DisputeFilter::Closed => !r.open,
    });
    rows.sort_by(|a, b| {
        let key = |r: &DisputeRow| {
            (
                !r.open,
                !r.overdue,
                r.response_due.as_ref().map_or(NaiveDate::MAX, |d| d.due),
                std::cmp::Reverse(r.closed_on),
                r.raised_on,
                r.id,
            )
        };
        key(a).cmp(&key(b))
    });
    DisputesView {
        as_of,
        iro: iro.map(|id| snap.iro_ref(id)),
        filter,
        counts,
        disputes: rows,
        ladders: ladders.clone(),
        reasons: snap.rules.reasons().clone(),
    }
}

/// One dispute's record, with what its forms offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DisputeView {
    /// Today.
    pub as_of: NaiveDate,
    /// The dispute, its timeline and clocks.
    pub dispute: DisputeRow,
    /// The ladders in force (the stages an escalation may go to).
    pub ladders: DisputeLadders,
    /// The reason categories in force.
    pub reasons: DisputeReasons,
}

pub(crate) fn dispute_view(
    snap: &Snapshot,
    id: DisputeId,
    as_of: NaiveDate,
) -> Option<DisputeView> {
    let record = snap
        .caseload
        .children
        .iter()
        .find(|r| r.disputes.iter().any(|d| d.id == id))?;
    let d = record.disputes.iter().find(|d| d.id == id)?;
    let allocated = record.iro_for(as_of);
    let warnings = dispute_warnings(record, &snap.ctx(), as_of);
    Some(DisputeView {
        as_of,
        dispute: dispute_row(snap, record, d, allocated, &warnings, as_of),
        ladders: snap.rules.ladders().clone(),
        reasons: snap.rules.reasons().clone(),
    })
}

/// One dispute of a child, with its clocks and the warnings (from `warnings`) about it.
pub(crate) fn dispute_row(
    snap: &Snapshot,
    record: &ChildRecord,
    d: &Dispute,
    allocated: Option<IroId>,
    warnings: &[Warning],
    as_of: NaiveDate,
) -> DisputeRow {
    let ctx = snap.ctx();
    let ladders = snap.rules.ladders();
    let clocks = dispute_clocks(d, &ctx, as_of);
    let current = d.current().map(|s| s.stage);
    let own: Vec<Warning> = warnings
        .iter()
        .filter(|w| w.dispute == Some(d.id))
        .cloned()
        .collect();
    let outcome_label = d.outcome.map(|o| match current {
        Some(stage) => format!("{} at {}", o.label(), stage_label(ladders, d.kind, stage)),
        None => o.label().to_string(),
    });
    DisputeRow {
        id: d.id,
        child: ChildSummary {
            id: record.child.id,
            name: record.child.details.display_name(),
        },
        iro: allocated.map(|id| snap.iro_ref(id)),
        kind: d.kind,
        kind_label: d.kind.label().to_string(),
        concerns: d.concerns,
        concerns_label: d.concerns.label().to_string(),
        reason: d.reason.clone(),
        reason_label: snap.rules.reasons().label(&d.reason).to_string(),
        sibling_group: d.sibling_group.clone(),
        partner_agency: d.partner_agency.clone(),
        raised_on: d.raised_on,
        open: d.is_open(),
        current_stage: current,
        current_stage_label: current.map(|s| stage_label(ladders, d.kind, s)),
        response_working_days_left: clocks
            .awaiting
            .as_ref()
            .map(|due| snap.calendar.working_days_between(as_of, due.due)),
        response_due: clocks.awaiting,
        stages: clocks.stages,
        formal: clocks.formal,
        last_activity_on: clocks.last_activity_on,
        last_activity: clocks.last_activity,
        working_days_since_activity: clocks.working_days_since_activity,
        cafcass_referred_on: d.cafcass_referred_on,
        awaiting_cafcass_since: clocks.awaiting_cafcass_since,
        outcome: d.outcome,
        outcome_label,
        closed_on: d.closed_on,
        overdue: own.iter().any(|w| w.severity == Severity::Overdue),
        warnings: own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::today::TodayGroupKey;
    use crate::App;
    use caseload_core::rules::ReasonCategory;
    use caseload_core::warnings::WarningKind;
    use caseload_demo::DemoOptions;

    fn demo() -> (App, NaiveDate) {
        let as_of: NaiveDate = "2026-11-23".parse().unwrap();
        let mut app = App::open_in_memory().unwrap();
        app.load_demo(&DemoOptions::new(as_of)).unwrap();
        (app, as_of)
    }

    #[test]
    fn filters_select_open_overdue_and_closed_and_counts_ignore_the_filter() {
        let (app, as_of) = demo();
        let all = app.disputes(as_of, false, None).unwrap();
        // The ten disputes of the demo Monday (7 open, 3 closed), and the 32 closed ones of
        // earlier years that the annual report counts (about one per ten children).
        assert_eq!(
            all.counts,
            DisputeCounts {
                open: 7,
                overdue: 2,
                closed: 35
            }
        );
        assert_eq!(all.disputes.len(), 42);
        // Open first, overdue at the top; closed last, most recently closed first.
        let order: Vec<(bool, bool)> = all.disputes.iter().map(|d| (d.open, d.overdue)).collect();
        assert_eq!(&order[..2], [(true, true), (true, true)]);
        assert!(order[7..].iter().all(|(open, _)| !open));
        let closed: Vec<NaiveDate> = all.disputes[7..]
            .iter()
            .filter_map(|d| d.closed_on)
            .collect();
        assert!(closed.windows(2).all(|w| w[0] >= w[1]), "{closed:?}");

        let open = app.disputes(as_of, true, None).unwrap();
        assert_eq!(open.filter, DisputeFilter::Open);
        assert!(open.disputes.iter().all(|d| d.open && d.outcome.is_none()));
        assert_eq!(open.counts, all.counts);
        let overdue = app
            .disputes_where(as_of, DisputeFilter::Overdue, None)
            .unwrap();
        assert_eq!(overdue.disputes.len(), 2);
        assert!(overdue.disputes.iter().all(|d| !d.warnings.is_empty()));
        let closed = app
            .disputes_where(as_of, DisputeFilter::Closed, None)
            .unwrap();
        let labels: Vec<&str> = closed
            .disputes
            .iter()
            .filter_map(|d| d.outcome_label.as_deref())
            .collect();
        // Most recently closed first: the three of the demo Monday, then the history.
        assert_eq!(labels.len(), 35);
        assert_eq!(
            labels[..3],
            [
                "Resolved at Informal challenge",
                "Resolved at Stage 1",
                "Referred to Cafcass at Stage 3"
            ]
        );
    }

    #[test]
    fn reason_labels_and_the_settings_list_follow_the_stores_categories() {
        let (mut app, as_of) = demo();
        let settings = app.settings(2026).unwrap();
        assert!(settings.dispute_reasons_default);
        let in_use: u32 = settings.dispute_reasons.iter().map(|r| r.disputes).sum();
        assert_eq!(in_use, 42, "every demo dispute counted under its reason");
        let contact = settings
            .dispute_reasons
            .iter()
            .find(|r| r.code.as_str() == "contact")
            .unwrap();
        let demo_contact = app
            .disputes(as_of, false, None)
            .unwrap()
            .disputes
            .iter()
            .filter(|d| d.reason.as_str() == "contact")
            .count();
        assert_eq!(contact.disputes as usize, demo_contact);

        // Relabel every category in use, drop the unused ones, add one.
        let mut reasons: Vec<ReasonCategory> = settings
            .dispute_reasons
            .iter()
            .filter(|r| r.disputes > 0)
            .map(|r| ReasonCategory {
                code: r.code.clone(),
                label: format!("Local: {}", r.label),
            })
            .collect();
        reasons.push(ReasonCategory {
            code: DisputeReason::new("education"),
            label: "Education (PEP)".into(),
        });
        app.apply(
            &[caseload_core::change::Change::SetDisputeReasons {
                reasons: reasons.clone(),
            }],
            as_of,
            None,
        )
        .unwrap();
        let view = app.disputes(as_of, false, None).unwrap();
        assert_eq!(view.reasons.categories(), reasons.as_slice());
        assert!(view
            .disputes
            .iter()
            .all(|d| d.reason_label.starts_with("Local: ")));
        let settings = app.settings(2026).unwrap();
        assert!(!settings.dispute_reasons_default);
        assert_eq!(
            settings
                .dispute_reasons
                .last()
                .map(|r| (r.label.as_str(), r.disputes)),
            Some(("Education (PEP)", 0))
        );
    }

    #[test]
    fn one_dispute_is_the_row_the_list_gives_and_an_unknown_one_is_not_found() {
        let (app, as_of) = demo();
        let all = app.disputes(as_of, false, None).unwrap();
        for row in &all.disputes {
            let one = app.dispute(row.id, as_of).unwrap();
            assert_eq!(&one.dispute, row);
            assert_eq!(one.ladders, all.ladders);
        }
        assert!(matches!(
            app.dispute(DisputeId(9999), as_of),
            Err(crate::ApiError::NotFound { .. })
        ));
    }

    #[test]
    fn one_iros_disputes_are_their_childrens() {
        let (app, as_of) = demo();
        let all = app.disputes(as_of, false, None).unwrap();
        let mut total = 0;
        for iro in app.iros().unwrap() {
            let view = app.disputes(as_of, false, Some(iro.id)).unwrap();
            assert!(view
                .disputes
                .iter()
                .all(|d| d.iro.as_ref().map(|i| i.id) == Some(iro.id)));
            total += view.disputes.len();
        }
        assert_eq!(total, all.disputes.len());
    }

    #[test]
    fn today_has_one_row_per_open_dispute_waiting_on_others() {
        let (app, as_of) = demo();
        let today = app.today(as_of, None).unwrap();
        let rows: Vec<(TodayGroupKey, &Warning)> = today
            .groups
            .iter()
            .flat_map(|g| g.rows.iter().map(move |w| (g.key, w)))
            .filter(|(_, w)| w.dispute.is_some())
            .collect();
        assert!(rows.iter().all(|(key, _)| *key == TodayGroupKey::Others));
        let mut ids: Vec<_> = rows.iter().map(|(_, w)| w.dispute).collect();
        let n = ids.len();
        ids.dedup();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "a dispute has one row");
        let kinds: Vec<WarningKind> = rows.iter().map(|(_, w)| w.kind).collect();
        for kind in [
            WarningKind::DisputeResponseOverdue,
            WarningKind::DisputeResponseDueSoon,
            WarningKind::DisputeResponseReceived,
        ] {
            assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
        }
        // The formal process past its 20 working days is a flag on its dispute's row.
        assert!(rows
            .iter()
            .any(|(_, w)| w.has_flag(WarningKind::DisputeFormalOverdue)));
    }
}
