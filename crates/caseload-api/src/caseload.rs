use caseload_core::domain::{ChildRecord, Iro};
use caseload_core::ids::{ChildId, IroId};
use caseload_core::rules::RuleId;
use caseload_core::schedule::DueItem;
use caseload_core::warnings::{child_due, lac_count, Severity};
use chrono::NaiveDate;
use serde::Serialize;

use crate::snapshot::Snapshot;
use crate::views::IroRef;

/// Whether a child is looked after, on a child-protection plan (or episode), both, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Looked after.
    Lac,
    /// In a child-protection episode.
    Cp,
    /// Both.
    Both,
    /// Neither, on the as-of date.
    Closed,
}

/// The next meeting due for a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct NextDue {
    /// What is due.
    pub title: String,
    /// Due date.
    pub due: NaiveDate,
    /// Plan-by date.
    pub plan_by: NaiveDate,
    /// Working days from as-of (negative when overdue).
    pub working_days_left: i64,
    /// Booked date, if booked.
    pub booked_on: Option<NaiveDate>,
}

/// One child in the caseload list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CaseloadRow {
    /// Id.
    pub id: ChildId,
    /// Name as an IRO uses it.
    pub name: String,
    /// Age in years (None if unborn).
    pub age: Option<u32>,
    /// Expected date of birth of an unborn child.
    pub expected_birth_on: Option<NaiveDate>,
    /// LAC, CP, both or closed.
    pub status: CaseStatus,
    /// Local reference.
    pub local_ref: Option<String>,
    /// Sibling group.
    pub sibling_group: Option<String>,
    /// Allocated IRO.
    pub iro: Option<IroRef>,
    /// The next meeting due.
    pub next_due: Option<NextDue>,
    /// The most urgent warning for the child, if any.
    pub worst: Option<Severity>,
    /// Number of warnings.
    pub warning_count: usize,
}

/// One IRO's load against the caseload band.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct IroLoad {
    /// IRO.
    pub iro: IroRef,
    /// Full-time equivalent.
    pub fte: f64,
    /// Looked-after children allocated.
    pub lac: u32,
    /// Children in a child-protection episode allocated.
    pub cp: u32,
    /// Looked-after children per full-time post.
    pub lac_per_fte: f64,
    /// Band, lower end.
    pub band_lower: u32,
    /// Band, upper end.
    pub band_upper: u32,
}

/// The caseload screen: children (for one IRO or all) and each IRO's load.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct CaseloadView {
    /// Today.
    pub as_of: NaiveDate,
    /// Selected IRO, or None for all.
    pub iro: Option<IroRef>,
    /// The children, by next due date (those with nothing due last).
    pub rows: Vec<CaseloadRow>,
    /// Every active IRO's load.
    pub loads: Vec<IroLoad>,
}

/// The soonest meeting due of a child's schedule.
fn next_due(items: Vec<DueItem>) -> Option<NextDue> {
    items
        .into_iter()
        .filter(|i| i.what.meeting_kind().is_some())
        .min_by_key(|i| i.due.due)
        .map(|i| NextDue {
            working_days_left: i.working_days_left,
            title: i.title.into_owned(),
            due: i.due.due,
            plan_by: i.due.plan_by,
            booked_on: i.booked.map(|b| b.on),
        })
}

fn status(record: &ChildRecord, as_of: NaiveDate) -> CaseStatus {
    match (
        record.open_care_period(as_of).is_some(),
        record.open_cp_episode(as_of).is_some(),
    ) {
        (true, true) => CaseStatus::Both,
        (true, false) => CaseStatus::Lac,
        (false, true) => CaseStatus::Cp,
        (false, false) => CaseStatus::Closed,
    }
}

pub(crate) fn caseload_view(snap: &Snapshot, as_of: NaiveDate, iro: Option<IroId>) -> CaseloadView {
    let ctx = snap.ctx();
    let mut rows: Vec<CaseloadRow> = snap
        .children_of(iro, as_of)
        .map(|(record, allocated)| {
            let due = child_due(record, &ctx, as_of);
            let d = &record.child.details;
            CaseloadRow {
                id: record.child.id,
                name: d.display_name(),
                age: d.age_on(as_of),
                expected_birth_on: d.born_on.is_none().then_some(d.expected_birth_on).flatten(),
                status: status(record, as_of),
                local_ref: d.local_ref.clone(),
                sibling_group: d.sibling_group.clone(),
                iro: allocated.map(|id| snap.iro_ref(id)),
                next_due: next_due(due.items),
                worst: due.warnings.iter().map(|w| w.severity).min(),
                warning_count: due.warnings.len(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &CaseloadRow| {
            (
                r.next_due.as_ref().map_or(NaiveDate::MAX, |n| n.due),
                r.name.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let upper = snap.rules.value(RuleId::CaseloadBand);
    let lower = snap.rules.value(RuleId::CaseloadBandLower);
    let loads = snap
        .caseload
        .iros
        .iter()
        .filter(|i: &&Iro| i.details.active)
        .map(|i| {
            let lac = lac_count(&snap.caseload, i.id, as_of) as u32;
            let cp = snap
                .caseload
                .children
                .iter()
                .filter(|r| r.iro_on(as_of) == Some(i.id) && r.open_cp_episode(as_of).is_some())
                .count() as u32;
            IroLoad {
                iro: snap.iro_ref(i.id),
                fte: i.details.fte,
                lac,
                cp,
                lac_per_fte: f64::from(lac) / i.details.fte.max(0.1),
                band_lower: lower,
                band_upper: upper,
            }
        })
        .collect();
    CaseloadView {
        as_of,
        iro: iro.map(|id| snap.iro_ref(id)),
        rows,
        loads,
    }
}
