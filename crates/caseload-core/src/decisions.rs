//! The decisions of finalised records, tracked between meetings (issue 11): when each is due
//! and whether it is overdue, for an as-of date.
//!
//! A decision due "by the next review" is due on the day the next review (or conference) of
//! the same chain was held, or, until then, on that review's due date as the schedule
//! computes it. This module computes; it stores nothing and formats nothing.

use crate::domain::{ChildRecord, Decision, DecisionDue, DecisionState, Meeting, MeetingKind};
use crate::schedule::{schedule, Ctx, DueItem, DueWhat};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A decision with its due date and standing on an as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TrackedDecision {
    /// The decision.
    pub decision: Decision,
    /// The kind of meeting that made it.
    pub meeting_kind: MeetingKind,
    /// The day that meeting was held.
    pub made_on: NaiveDate,
    /// The day it is due (none when "by the next review" and no review is due any more).
    pub due_on: Option<NaiveDate>,
    /// Open, and its due date has passed.
    pub overdue: bool,
}

/// The chain a decision's "next review" belongs to.
fn same_chain(kind: MeetingKind) -> &'static [MeetingKind] {
    match kind {
        MeetingKind::LacReview => &[MeetingKind::LacReview],
        MeetingKind::CoreGroup => &[MeetingKind::CoreGroup, MeetingKind::CpReview],
        _ => &[MeetingKind::CpReview],
    }
}

/// The day a decision is due.
pub fn decision_due_on(
    record: &ChildRecord,
    decision: &Decision,
    made_by: &Meeting,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Option<NaiveDate> {
    due_on(record, decision, made_by, &mut |wanted| {
        next_due(&schedule(record, ctx, as_of), wanted)
    })
}

/// The day a decision is due, the next review's due date asked of `next_review` only when the
/// decision waits for it and that review has not been held.
fn due_on(
    record: &ChildRecord,
    decision: &Decision,
    made_by: &Meeting,
    next_review: &mut dyn FnMut(DueWhat) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    match decision.due {
        DecisionDue::On { on } => Some(on),
        DecisionDue::ByNextReview => {
            let made_on = made_by.held_on()?;
            let chain = same_chain(made_by.kind);
            let next_held = record
                .meetings
                .iter()
                .filter(|m| chain.contains(&m.kind))
                .filter_map(|m| m.held_on())
                .filter(|on| *on > made_on)
                .min();
            next_held.or_else(|| {
                next_review(if made_by.kind == MeetingKind::LacReview {
                    DueWhat::LacReview
                } else {
                    DueWhat::CpReview
                })
            })
        }
    }
}

/// The due date of the schedule's item of a kind.
fn next_due(items: &[DueItem], wanted: DueWhat) -> Option<NaiveDate> {
    items.iter().find(|i| i.what == wanted).map(|i| i.due.due)
}

/// Every decision of a child, oldest first, with its due date and standing on `as_of` (the
/// schedule computed at most once, and only if a decision waits for a review not yet held).
pub fn tracked_decisions(
    record: &ChildRecord,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Vec<TrackedDecision> {
    let items = std::cell::OnceCell::new();
    let mut next_review =
        |wanted| next_due(items.get_or_init(|| schedule(record, ctx, as_of)), wanted);
    tracked(record, as_of, &mut next_review, Kept::All)
}

/// The decisions of [`tracked_decisions`] that are overdue, with the child's schedule on
/// `as_of` already computed: what the warnings make rows of.
pub(crate) fn overdue_decisions_in(
    record: &ChildRecord,
    items: &[DueItem],
    as_of: NaiveDate,
) -> Vec<TrackedDecision> {
    tracked(
        record,
        as_of,
        &mut |wanted| next_due(items, wanted),
        Kept::Overdue,
    )
}

/// Which tracked decisions are kept (each one kept is a copy of the decision).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kept {
    All,
    Overdue,
}

fn tracked(
    record: &ChildRecord,
    as_of: NaiveDate,
    next_review: &mut dyn FnMut(DueWhat) -> Option<NaiveDate>,
    kept: Kept,
) -> Vec<TrackedDecision> {
    record
        .decisions
        .iter()
        .filter_map(|d| {
            let made_by = record.meetings.iter().find(|m| m.id == d.meeting)?;
            let made_on = made_by.held_on()?;
            let due_on = due_on(record, d, made_by, next_review);
            let overdue = d.state == DecisionState::Open && due_on.is_some_and(|due| as_of > due);
            if kept == Kept::Overdue && !overdue {
                return None;
            }
            Some(TrackedDecision {
                decision: d.clone(),
                meeting_kind: made_by.kind,
                made_on,
                due_on,
                overdue,
            })
        })
        .collect()
}
