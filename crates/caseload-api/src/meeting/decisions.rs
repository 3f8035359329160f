//! The decisions of finalised records across a caseload (`caseload decisions`): each with its
//! child, the meeting that made it, its due date and where it stands. The due dates and the
//! lateness are [`caseload_core::decisions`]'s; this module filters, orders and words.

use caseload_core::decisions::{tracked_decisions, TrackedDecision};
use caseload_core::domain::{DecisionDue, DecisionState, MeetingKind};
use caseload_core::ids::{DecisionId, IroId, MeetingId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::snapshot::Snapshot;
use crate::views::{ChildSummary, IroRef};

/// Where a decision stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    /// Not yet carried out, and not yet due (or no due date any more).
    Open,
    /// Not carried out, and its due date has passed.
    Overdue,
    /// Carried out.
    Done,
    /// No longer to be done.
    Dropped,
}

impl DecisionStatus {
    /// The standing of a tracked decision.
    pub fn of(t: &TrackedDecision) -> DecisionStatus {
        match t.decision.state {
            DecisionState::Done { .. } => DecisionStatus::Done,
            DecisionState::Dropped { .. } => DecisionStatus::Dropped,
            DecisionState::Open if t.overdue => DecisionStatus::Overdue,
            DecisionState::Open => DecisionStatus::Open,
        }
    }

    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            DecisionStatus::Open => "Open",
            DecisionStatus::Overdue => "Overdue",
            DecisionStatus::Done => "Done",
            DecisionStatus::Dropped => "Dropped",
        }
    }
}

/// Which decisions to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DecisionFilter {
    /// Every decision.
    All,
    /// Not carried out yet (overdue ones included).
    Open,
    /// Not carried out and past their due date.
    Overdue,
}

/// One decision with its child and meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DecisionRow {
    /// Id.
    pub id: DecisionId,
    /// Whose.
    pub child: ChildSummary,
    /// The child's IRO on the as-of date.
    pub iro: Option<IroRef>,
    /// The meeting that made it.
    pub meeting: MeetingId,
    /// Its kind.
    pub meeting_kind: MeetingKind,
    /// Held on.
    pub made_on: NaiveDate,
    /// Its number in the record.
    pub number: u32,
    /// What is to be done.
    pub text: String,
    /// Who.
    pub owner: String,
    /// By when, as written.
    pub due: DecisionDue,
    /// The day it is due.
    pub due_on: Option<NaiveDate>,
    /// Working days from as-of to the due date (negative when late), while open.
    pub working_days_left: Option<i64>,
    /// Where it stands.
    pub status: DecisionStatus,
    /// Done or dropped, with the day and the note or reason.
    pub state: DecisionState,
}

/// Counts over the decisions (whatever the filter).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct DecisionCounts {
    /// Open and not yet due.
    pub open: usize,
    /// Open and past their due date.
    pub overdue: usize,
    /// Done.
    pub done: usize,
    /// Dropped.
    pub dropped: usize,
}

/// The decisions screen and `caseload decisions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DecisionsView {
    /// Today.
    pub as_of: NaiveDate,
    /// The IRO whose caseload this is, or None for everyone.
    pub iro: Option<IroRef>,
    /// Which decisions are listed.
    pub filter: DecisionFilter,
    /// Counts before filtering.
    pub counts: DecisionCounts,
    /// Overdue first (most overdue first), then open by due date, then done and dropped.
    pub decisions: Vec<DecisionRow>,
}

pub(crate) fn decisions_view(
    snap: &Snapshot,
    as_of: NaiveDate,
    filter: DecisionFilter,
    iro: Option<IroId>,
) -> DecisionsView {
    let ctx = snap.ctx();
    let mut rows = Vec::new();
    for (record, allocated) in snap.children_of(iro, as_of) {
        for t in tracked_decisions(record, &ctx, as_of) {
            let status = DecisionStatus::of(&t);
            rows.push(DecisionRow {
                id: t.decision.id,
                child: ChildSummary {
                    id: record.child.id,
                    name: record.child.details.display_name(),
                },
                iro: allocated.map(|id| snap.iro_ref(id)),
                meeting: t.decision.meeting,
                meeting_kind: t.meeting_kind,
                made_on: t.made_on,
                number: t.decision.number,
                working_days_left: t
                    .due_on
                    .filter(|_| t.decision.state == DecisionState::Open)
                    .map(|due| ctx.calendar.working_days_between(as_of, due)),
                text: t.decision.text,
                owner: t.decision.owner,
                due: t.decision.due,
                due_on: t.due_on,
                status,
                state: t.decision.state,
            });
        }
    }
    let mut counts = DecisionCounts::default();
    for r in &rows {
        match r.status {
            DecisionStatus::Open => counts.open += 1,
            DecisionStatus::Overdue => counts.overdue += 1,
            DecisionStatus::Done => counts.done += 1,
            DecisionStatus::Dropped => counts.dropped += 1,
        }
    }
    rows.retain(|r| match filter {
        DecisionFilter::All => true,
        DecisionFilter::Open => matches!(r.status, DecisionStatus::Open | DecisionStatus::Overdue),
        DecisionFilter::Overdue => r.status == DecisionStatus::Overdue,
    });
    rows.sort_by_key(|r| {
        let rank = match r.status {
            DecisionStatus::Overdue => 0,
            DecisionStatus::Open => 1,
            DecisionStatus::Done | DecisionStatus::Dropped => 2,
        };
        (
            rank,
            r.due_on.unwrap_or(NaiveDate::MAX),
            r.child.name.clone(),
            r.number,
        )
    });
    DecisionsView {
        as_of,
        iro: iro.map(|id| snap.iro_ref(id)),
        filter,
        counts,
        decisions: rows,
    }
}
