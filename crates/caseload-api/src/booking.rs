//! The Book and Move forms' live check (issue 13, point 5): the due date and plan-by date of the
//! meeting, a warning before saving when the date chosen is after it, the IRO's meetings it
//! would clash with, and the child's siblings who could be booked into the same meeting.
//!
//! Every date comes from [`caseload_core::booking`] and the schedule; this module only picks
//! the siblings and words the result.

use caseload_core::booking::{check_booking, BookingCheck, ProposedMeeting};
use caseload_core::domain::ChildRecord;
use caseload_core::explain::uk_date;
use caseload_core::rules::Due;
use caseload_core::schedule::schedule;
use chrono::NaiveDate;
use serde::Serialize;

use crate::snapshot::Snapshot;
use crate::views::ChildSummary;

/// What the date chosen means, for the form to show before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct BookingCheckView {
    /// The due date, lateness and clashes.
    pub check: BookingCheck,
    /// When late: a sentence saying so, with the date to book by.
    pub late_warning: Option<String>,
    /// One sentence per clash: "Amelia Testwood's LAC review, 10:00–11:30 at Family Centre".
    pub clash_warnings: Vec<String>,
    /// The child's siblings (same sibling group) who have a meeting of this kind due and none
    /// booked: they may be booked into the same meeting, each keeping their own record.
    pub siblings: Vec<SiblingDue>,
}

/// A sibling who could join the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct SiblingDue {
    /// Who.
    pub child: ChildSummary,
    /// Their own due date for a meeting of this kind.
    pub due: Due,
    /// The date chosen is after their due date.
    pub late: bool,
}

pub(crate) fn booking_check(
    snap: &Snapshot,
    as_of: NaiveDate,
    proposed: &ProposedMeeting,
) -> Option<BookingCheckView> {
    let ctx = snap.ctx();
    let check = check_booking(&snap.caseload, &ctx, as_of, proposed)?;
    let late_warning = check.due.as_ref().filter(|_| check.late).map(|due| {
        format!(
            "{} is after the due date, {}: the meeting would be late. Book it on or before {}.",
            proposed.on.map_or_else(String::new, uk_date),
            uk_date(due.due),
            uk_date(due.plan_by)
        )
    });
    let clash_warnings = check
        .clashes
        .iter()
        .map(|c| {
            let venue = c
                .venue
                .as_ref()
                .map_or(String::new(), |v| format!(" at {v}"));
            format!(
                "You already have {}'s {}, {}–{}{venue}.",
                c.child_name,
                c.kind.label(),
                c.at.format("%H:%M"),
                c.ends_at.format("%H:%M")
            )
        })
        .collect();
    let record = snap.child(proposed.child)?;
    Some(BookingCheckView {
        siblings: siblings_due(snap, record, as_of, proposed),
        late_warning,
        clash_warnings,
        check,
    })
}

/// The siblings with a meeting of the same kind due and not booked.
fn siblings_due(
    snap: &Snapshot,
    record: &ChildRecord,
    as_of: NaiveDate,
    proposed: &ProposedMeeting,
) -> Vec<SiblingDue> {
    let Some(group) = record.child.details.sibling_group.as_deref() else {
        return Vec::new();
    };
    let ctx = snap.ctx();
    snap.caseload
        .children
        .iter()
        .filter(|r| r.child.id != record.child.id)
        .filter(|r| r.child.details.sibling_group.as_deref() == Some(group))
        .filter_map(|r| {
            let item = schedule(r, &ctx, as_of)
                .into_iter()
                .find(|i| i.what.meeting_kind() == Some(proposed.kind) && i.booked.is_none())?;
            Some(SiblingDue {
                child: ChildSummary {
                    id: r.child.id,
                    name: r.child.details.display_name(),
                },
                late: proposed.on.is_some_and(|on| on > item.due.due),
                due: item.due,
            })
        })
        .collect()
}
