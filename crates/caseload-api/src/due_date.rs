use caseload_core::calendar::{Calendar, Convention};
use caseload_core::explain::Explanation;
use caseload_core::rules::{compute_due, BaseEvent, RuleDef, RuleId, Rules};
use chrono::NaiveDate;
use serde::Serialize;

use crate::ApiError;

/// The calculator's answer: `due` and `plan_by` (the CLI's `--json` contract), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DueDateView {
    /// The rule.
    pub rule: RuleId,
    /// The date counted from.
    pub from: NaiveDate,
    /// The counting convention used.
    pub convention: Convention,
    /// The due date.
    pub due: NaiveDate,
    /// The last working day on or before it.
    pub plan_by: NaiveDate,
    /// True if the calendar was provisional for any year counted across.
    pub provisional: bool,
    /// The derivation.
    pub explanation: Explanation,
}

/// Computes a rule's due date from a date with a given calendar and rules.
pub fn due_date(
    rule: RuleId,
    from: NaiveDate,
    convention: Convention,
    calendar: &Calendar,
    rules: &Rules,
) -> Result<DueDateView, ApiError> {
    let label = RuleDef::of(rule).base_event;
    let due = compute_due(
        rule,
        BaseEvent::new(label, from),
        rules,
        calendar,
        convention,
    )
    .map_err(|e| ApiError::BadInput(e.to_string()))?;
    Ok(DueDateView {
        rule,
        from,
        convention,
        due: due.due,
        plan_by: due.plan_by,
        provisional: due.provisional,
        explanation: due.explanation,
    })
}
