use caseload_core::ids::{ChildId, IroId};
use caseload_core::warnings::{Severity, Warning};
use chrono::NaiveDate;
use serde::Serialize;

/// An IRO by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct IroRef {
    /// Id.
    pub id: IroId,
    /// Name.
    pub name: String,
}

/// A child by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ChildSummary {
    /// Id.
    pub id: ChildId,
    /// Name as an IRO uses it.
    pub name: String,
}

/// Counts of warnings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct SeverityCounts {
    /// Overdue.
    pub overdue: usize,
    /// Red.
    pub red: usize,
    /// Amber.
    pub amber: usize,
    /// Info.
    pub info: usize,
}

impl SeverityCounts {
    /// Counts a list.
    pub fn of<'a>(warnings: impl IntoIterator<Item = &'a Warning>) -> SeverityCounts {
        let mut c = SeverityCounts::default();
        for w in warnings {
            match w.severity {
                Severity::Overdue => c.overdue += 1,
                Severity::Red => c.red += 1,
                Severity::Amber => c.amber += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }
}

/// The warnings for an as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct WarningsView {
    /// Today.
    pub as_of: NaiveDate,
    /// The IRO whose caseload this is, or None for everyone.
    pub iro: Option<IroRef>,
    /// Counts by severity.
    pub counts: SeverityCounts,
    /// The warnings, most urgent first.
    pub warnings: Vec<Warning>,
}
