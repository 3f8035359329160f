//! Retention: when a child's case closed for this store, until when the record is kept, and
//! whether it is past that on `as_of`.
//!
//! The store is the IRO's working copy, not the authority's record (the local authority's case
//! system keeps that, for looked-after children until their 75th birthday). A case closes on
//! the earliest of:
//! - the day the last of the child's periods of care and child-protection episodes ended, once
//!   every one of them has ended (care ended, the plan ended, or an enquiry closed without a
//!   plan);
//! - the day the child moved from the store's own IRO (`Settings::owner`) to another IRO.
//!
//! The record is kept for the retention setting's months after that day (month arithmetic by
//! the corresponding-date rule, as every month-based date here) and is past retention from the
//! day after. Nothing here deletes anything: the list is for the IRO to review.
//!
//! Not here: the deletion itself (`caseload-store`), and how the list is shown.

use crate::calendar::add_months;
use crate::domain::{Caseload, ChildRecord};
use crate::ids::{ChildId, IroId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a child's case closed for this store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ClosedBecause {
    /// The last period of care ended.
    CareEnded,
    /// The last child protection plan ended.
    CpPlanEnded,
    /// The last child protection enquiry closed without a plan.
    CpClosedWithoutPlan,
    /// The child was allocated from the store's own IRO to another IRO.
    MovedToAnotherIro,
}

impl ClosedBecause {
    /// The reason in words, as a list shows it.
    pub fn label(self) -> &'static str {
        match self {
            ClosedBecause::CareEnded => "Care ended",
            ClosedBecause::CpPlanEnded => "Child protection plan ended",
            ClosedBecause::CpClosedWithoutPlan => "Child protection enquiry closed without a plan",
            ClosedBecause::MovedToAnotherIro => "Moved to another IRO",
        }
    }
}

/// When and why a child's case closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CaseClosed {
    /// The day it closed.
    pub closed_on: NaiveDate,
    /// Why.
    pub because: ClosedBecause,
}

/// One closed case and its retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Retained {
    /// The child.
    pub child: ChildId,
    /// When and why the case closed.
    pub closed: CaseClosed,
    /// The last day the record is kept.
    pub retain_until: NaiveDate,
    /// True when `as_of` is after `retain_until`: the record is due for review and deletion.
    pub past_retention: bool,
}

/// When and why the child's case closed on or before `as_of`, for a store whose own IRO is
/// `owner`; `None` while it is open (or closes only after `as_of`).
pub fn case_closed(
    record: &ChildRecord,
    owner: Option<IroId>,
    as_of: NaiveDate,
) -> Option<CaseClosed> {
    [everything_ended(record), moved_away(record, owner)]
        .into_iter()
        .flatten()
        .filter(|closed| closed.closed_on <= as_of)
        .min_by_key(|closed| closed.closed_on)
}

/// The day the last period of care or episode ended, once every one has; `None` when one is
/// still open (or has no end recorded) or the child has neither.
fn everything_ended(record: &ChildRecord) -> Option<CaseClosed> {
    let care = record.care_periods.iter().map(|p| {
        p.ended_on.map(|on| CaseClosed {
            closed_on: on,
            because: ClosedBecause::CareEnded,
        })
    });
    let cp = record.cp_episodes.iter().map(|e| {
        let because = if e.details.plan_ended_on.is_some() {
            ClosedBecause::CpPlanEnded
        } else {
            ClosedBecause::CpClosedWithoutPlan
        };
        e.ended_on().map(|on| CaseClosed {
            closed_on: on,
            because,
        })
    });
    let ends: Option<Vec<CaseClosed>> = care.chain(cp).collect();
    ends?.into_iter().max_by_key(|closed| closed.closed_on)
}

/// The day the child was allocated away from `owner` for the last time, when no later
/// allocation brought them back.
fn moved_away(record: &ChildRecord, owner: Option<IroId>) -> Option<CaseClosed> {
    let owner = owner?;
    let mut allocations: Vec<_> = record.allocations.iter().collect();
    allocations.sort_by_key(|a| a.from_on);
    let last_owned = allocations.iter().rposition(|a| a.iro == owner)?;
    allocations.get(last_owned + 1).map(|next| CaseClosed {
        closed_on: next.from_on,
        because: ClosedBecause::MovedToAnotherIro,
    })
}

/// The last day a record whose case closed on `closed_on` is kept: `months` calendar months
/// later (31 January + 1 month = 28 or 29 February).
pub fn retain_until(closed_on: NaiveDate, months: u32) -> NaiveDate {
    add_months(closed_on, months).result
}

/// The retention of one child's record on `as_of`, if their case has closed.
pub fn retention_of(
    record: &ChildRecord,
    owner: Option<IroId>,
    months: u32,
    as_of: NaiveDate,
) -> Option<Retained> {
    let closed = case_closed(record, owner, as_of)?;
    let retain_until = retain_until(closed.closed_on, months);
    Some(Retained {
        child: record.child.id,
        closed,
        retain_until,
        past_retention: as_of > retain_until,
    })
}

/// Every closed case of the caseload with its retention on `as_of`, the earliest to be due
/// first.
pub fn retention_review(
    caseload: &Caseload,
    owner: Option<IroId>,
    months: u32,
    as_of: NaiveDate,
) -> Vec<Retained> {
    let mut rows: Vec<Retained> = caseload
        .children
        .iter()
        .filter_map(|record| retention_of(record, owner, months, as_of))
        .collect();
    rows.sort_by_key(|r| (r.retain_until, r.child));
    rows
}

#[cfg(test)]
mod tests;
