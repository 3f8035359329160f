//! Retention: the closed cases of the store with the day each record is kept until
//! (`caseload_core::retention`), for the IRO to review; and the deletion of those past it, on
//! the IRO's confirmation, through the store's erasure, which leaves a tombstone in the audit
//! trail. Nothing is deleted unless asked for by id, and only a record past retention.
//!
//! What it deliberately is not: a scheduler. Nothing here runs by itself.

use std::collections::BTreeMap;

use caseload_core::explain::uk_date;
use caseload_core::ids::ChildId;
use caseload_core::retention::{retention_review, ClosedBecause, Retained};
use caseload_core::validate::{ErrorCode, FieldError};
use caseload_store::ChangeErrors;
use chrono::NaiveDate;
use serde::Serialize;

use crate::snapshot::Snapshot;
use crate::views::ChildSummary;

/// The op of a deletion, in refusals and in the audit trail.
pub use caseload_store::ERASE_OP;

/// The retention list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RetentionView {
    /// Today.
    pub as_of: NaiveDate,
    /// The retention setting in force: months a record is kept after its case closed.
    pub retention_months: u32,
    /// The setting in words: "12 months after the case closed".
    pub rule: String,
    /// Closed cases, the earliest to be due first (only those past retention when asked).
    pub rows: Vec<RetentionRow>,
    /// How many of the closed cases are past retention.
    pub n_due: usize,
}

/// One closed case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RetentionRow {
    /// The child.
    pub child: ChildSummary,
    /// The day the case closed.
    pub closed_on: NaiveDate,
    /// Why it closed.
    pub because: ClosedBecause,
    /// Why, in words ("Care ended").
    pub why_closed: String,
    /// The last day the record is kept.
    pub retain_until: NaiveDate,
    /// True when today is after `retain_until`: due for review and deletion.
    pub past_retention: bool,
}

/// What a deletion did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ErasureView {
    /// One entry per child deleted, in the order asked.
    pub erased: Vec<ErasedRow>,
    /// What still holds the records: the backups taken before, until they rotate out.
    pub backups_note: String,
}

/// One child's record deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ErasedRow {
    /// Who it was (for the confirmation on screen; the audit trail keeps no name).
    pub name: String,
    /// The tombstone's id in the audit trail.
    pub tombstone: String,
    /// What was deleted, in words: "1 child record, 3 meetings, 12 audit rows".
    pub deleted: String,
}

/// The retention setting in words.
pub(crate) fn rule_words(months: u32) -> String {
    format!(
        "{} after the case closed",
        count(months as usize, "month", "months")
    )
}

/// The retention list from a snapshot, only those past retention when `due_only`.
pub(crate) fn retention_view(snap: &Snapshot, as_of: NaiveDate, due_only: bool) -> RetentionView {
    let months = snap.settings.retention_months;
    let all = retention_review(&snap.caseload, snap.settings.owner, months, as_of);
    let n_due = all.iter().filter(|r| r.past_retention).count();
    let rows = all
        .into_iter()
        .filter(|r| r.past_retention || !due_only)
        .map(|r| row(snap, &r))
        .collect();
    RetentionView {
        as_of,
        retention_months: months,
        rule: rule_words(months),
        rows,
        n_due,
    }
}

fn row(snap: &Snapshot, r: &Retained) -> RetentionRow {
    RetentionRow {
        child: child_summary(snap, r.child),
        closed_on: r.closed.closed_on,
        because: r.closed.because,
        why_closed: r.closed.because.label().to_string(),
        retain_until: r.retain_until,
        past_retention: r.past_retention,
    }
}

pub(crate) fn child_summary(snap: &Snapshot, id: ChildId) -> ChildSummary {
    ChildSummary {
        id,
        name: snap
            .child(id)
            .map_or_else(|| format!("Child {id}"), |r| r.child.details.display_name()),
    }
}

/// The children asked for, once each in the order asked, if every one is a record past
/// retention on `as_of`; else a refusal per child naming the `children` field.
pub(crate) fn check_erasable(
    snap: &Snapshot,
    children: &[ChildId],
    as_of: NaiveDate,
) -> Result<Vec<ChildId>, Vec<ChangeErrors>> {
    let view = retention_view(snap, as_of, false);
    let mut wanted: Vec<ChildId> = Vec::new();
    let mut refused = Vec::new();
    for (index, &id) in children.iter().enumerate() {
        if wanted.contains(&id) {
            continue;
        }
        let found = view.rows.iter().find(|r| r.child.id == id);
        match refusal(snap, id, found) {
            None => wanted.push(id),
            Some(message) => refused.push(ChangeErrors {
                index,
                op: ERASE_OP.to_string(),
                errors: vec![FieldError::new("children", ErrorCode::Conflict, message)],
            }),
        }
    }
    if children.is_empty() {
        refused.push(ChangeErrors {
            index: 0,
            op: ERASE_OP.to_string(),
            errors: vec![FieldError::new(
                "children",
                ErrorCode::Required,
                "Choose the children whose records to delete.",
            )],
        });
    }
    if refused.is_empty() {
        Ok(wanted)
    } else {
        Err(refused)
    }
}

/// Why a child's record may not be deleted today, if it may not.
fn refusal(snap: &Snapshot, id: ChildId, row: Option<&RetentionRow>) -> Option<String> {
    if snap.child(id).is_none() {
        return Some(format!("There is no child {id} in this caseload."));
    }
    let name = child_summary(snap, id).name;
    match row {
        None => Some(format!("{name}'s case is open, so their record is kept.")),
        Some(r) if !r.past_retention => Some(format!(
            "{name}'s record is kept until {}.",
            uk_date(r.retain_until)
        )),
        Some(_) => None,
    }
}

/// The rows deleted, in words, the child first: "1 child record, 2 meetings, 9 audit rows".
pub fn deleted_in_words<K: AsRef<str>>(deleted: &BTreeMap<K, usize>) -> String {
    const ORDER: [(&str, &str, &str); 10] = [
        ("children", "child record", "child records"),
        ("allocations", "IRO allocation", "IRO allocations"),
        ("care_periods", "period of care", "periods of care"),
        (
            "cp_episodes",
            "child protection episode",
            "child protection episodes",
        ),
        ("meetings", "meeting", "meetings"),
        ("meeting_records", "meeting record", "meeting records"),
        ("decisions", "decision", "decisions"),
        ("disputes", "dispute", "disputes"),
        ("dispute_stages", "dispute stage", "dispute stages"),
        ("audit", "audit row", "audit rows"),
    ];
    let mut parts: Vec<String> = ORDER
        .iter()
        .filter_map(|(table, one, many)| {
            let n = deleted.iter().find(|(k, _)| k.as_ref() == *table)?.1;
            Some(count(*n, one, many))
        })
        .collect();
    parts.extend(
        deleted
            .iter()
            .filter(|(k, _)| !ORDER.iter().any(|(t, _, _)| *t == k.as_ref()))
            .map(|(k, n)| format!("{n} rows of {}", k.as_ref())),
    );
    parts.join(", ")
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What still holds a deleted record, said after every deletion.
pub(crate) const BACKUPS_NOTE: &str = "Backups taken before today still hold these records \
until the rotation removes them (the last 7 daily and 4 weekly are kept, so within about five \
weeks). Backups taken before an upgrade or kept by a restore are never rotated: delete them by \
hand.";

#[cfg(test)]
mod tests;
