//! The writes of the rules in force: the `rule_overrides`, `dispute_ladders` and
//! `dispute_reasons` tables.

use super::written::{misrouted, Written, NONE};
use crate::error::StoreError;
use crate::tables::{dispute_ladders, dispute_reasons, rule_overrides};
use caseload_core::change::Change;
use caseload_core::rules::RuleOverride;
use rusqlite::Connection;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::SetRuleOverride { rule, value, note } => {
            let before = rule_overrides::get(conn, *rule)?;
            let row = RuleOverride {
                rule: *rule,
                value: *value,
                note: note.clone(),
            };
            rule_overrides::upsert(conn, &row)?;
            Written::new(
                None,
                before.as_ref(),
                rule_overrides::get(conn, *rule)?.as_ref(),
            )
        }
        Change::ClearRuleOverride { rule } => {
            let before = rule_overrides::get(conn, *rule)?;
            rule_overrides::delete(conn, *rule)?;
            Written::new(None, before.as_ref(), NONE)
        }
        Change::SetDisputeLadder { kind, steps } => {
            // Before is the ladder in force (the default until one was set), so the audit row
            // shows what changed even the first time.
            let before = dispute_ladders::in_force(conn)?.of(*kind).to_vec();
            dispute_ladders::put(conn, *kind, steps)?;
            let after = dispute_ladders::get(conn, *kind)?;
            Written::new(None, Some(&before), after.as_ref())
        }
        Change::SetDisputeReasons { reasons } => {
            // As for a ladder: before is the list in force, defaults included.
            let before = dispute_reasons::in_force(conn)?;
            dispute_reasons::put(conn, reasons)?;
            let after = dispute_reasons::get(conn)?;
            Written::new(None, Some(&before), after.as_ref())
        }
        _ => misrouted(change, "rules"),
    }
}
