use caseload_core::domain::{Child, CpEpisode, Meeting, MeetingKind, Participation, PeriodOfCare};
use caseload_core::ids::{ChildId, IroId, MeetingId};
use caseload_core::schedule::DueItem;
use caseload_core::warnings::{child_due, ChildDue, Warning};
use chrono::NaiveDate;
use serde::Serialize;

use crate::disputes::dispute_row;
use crate::snapshot::Snapshot;
use crate::views::IroRef;

/// One allocation in the child's IRO history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AllocationView {
    /// IRO.
    pub iro: IroRef,
    /// From.
    pub from_on: NaiveDate,
    /// Why.
    pub reason: Option<String>,
}

/// One row of the child's participation history (held LAC reviews).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ParticipationRow {
    /// The review.
    pub meeting: MeetingId,
    /// Held on.
    pub held_on: NaiveDate,
    /// Code.
    pub code: Option<Participation>,
    /// Meaning of the code.
    pub meaning: Option<String>,
    /// Advocate offered.
    pub advocate_offered: Option<bool>,
    /// Advocate used.
    pub advocate_used: Option<bool>,
}

/// A child's record: details, IRO history, care, protection, meetings, next due, warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ChildView {
    /// As of.
    pub as_of: NaiveDate,
    /// The child.
    pub child: Child,
    /// Name as an IRO uses it.
    pub name: String,
    /// Age in years on `as_of` (None if unborn).
    pub age: Option<u32>,
    /// The IRO now.
    pub iro: Option<IroRef>,
    /// IRO history, oldest first.
    pub allocations: Vec<AllocationView>,
    /// Other children in the same sibling group.
    pub siblings: Vec<crate::views::ChildSummary>,
    /// Periods of care, oldest first.
    pub care_periods: Vec<PeriodOfCare>,
    /// Child-protection episodes, oldest first.
    pub cp_episodes: Vec<CpEpisode>,
    /// Meetings in date order.
    pub meetings: Vec<Meeting>,
    /// What is outstanding, with explanations (done items are in the meetings).
    pub due: Vec<DueItem>,
    /// The child's disputes, open ones first.
    pub disputes: Vec<crate::DisputeRow>,
    /// Warnings for this child.
    pub warnings: Vec<Warning>,
    /// Participation in LAC reviews, oldest first.
    pub participation: Vec<ParticipationRow>,
    /// The meetings with a written record (draft or final).
    pub recorded_meetings: Vec<caseload_core::ids::MeetingId>,
    /// Set when the child was handed over to another IRO: the record is read-only here.
    pub transferred_out: Option<caseload_core::domain::TransferredOut>,
}

pub(crate) fn child_view(snap: &Snapshot, id: ChildId, as_of: NaiveDate) -> Option<ChildView> {
    let record = snap.child(id)?;
    let iro_ref = |iro: IroId| snap.iro_ref(iro);
    let siblings = match &record.child.details.sibling_group {
        Some(group) => snap
            .caseload
            .children
            .iter()
            .filter(|r| r.child.id != id && r.child.details.sibling_group.as_ref() == Some(group))
            .map(|r| crate::views::ChildSummary {
                id: r.child.id,
                name: r.child.details.display_name(),
            })
            .collect(),
        None => Vec::new(),
    };
    let ChildDue { items, warnings } = child_due(record, &snap.ctx(), as_of);
    Some(ChildView {
        transferred_out: record.transferred_out.clone(),
        as_of,
        name: record.child.details.display_name(),
        age: record.child.details.age_on(as_of),
        child: record.child.clone(),
        iro: record.current_iro().map(iro_ref),
        allocations: record
            .allocations
            .iter()
            .map(|a| AllocationView {
                iro: iro_ref(a.iro),
                from_on: a.from_on,
                reason: a.reason.clone(),
            })
            .collect(),
        siblings,
        care_periods: record.care_periods.clone(),
        cp_episodes: record.cp_episodes.clone(),
        meetings: record.meetings.clone(),
        due: items
            .into_iter()
            .filter(|item| item.done_on.is_none())
            .collect(),
        disputes: {
            let allocated = record.iro_for(as_of);
            let mut rows: Vec<crate::DisputeRow> = record
                .disputes
                .iter()
                .map(|d| dispute_row(snap, record, d, allocated, &warnings, as_of))
                .collect();
            rows.sort_by_key(|r| (!r.open, std::cmp::Reverse(r.raised_on)));
            rows
        },
        warnings,
        participation: record
            .meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::LacReview)
            .filter_map(|m| {
                m.held_on().map(|held_on| ParticipationRow {
                    meeting: m.id,
                    held_on,
                    code: m.outcome.participation,
                    meaning: m.outcome.participation.map(|p| p.meaning().to_string()),
                    advocate_offered: m.outcome.advocate_offered,
                    advocate_used: m.outcome.advocate_used,
                })
            })
            .collect(),
        recorded_meetings: record.records.iter().map(|r| r.meeting).collect(),
    })
}
