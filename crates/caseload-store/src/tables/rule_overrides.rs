//! `rule_overrides`: local values of timescale rules, keyed by the kebab-case rule id.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::conversion;
use caseload_core::rules::{RuleId, RuleOverride};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn from_row(row: &Row<'_>) -> rusqlite::Result<RuleOverride> {
    let rule: String = row.get(0)?;
    Ok(RuleOverride {
        rule: rule
            .parse::<RuleId>()
            .map_err(|e| conversion(0, e.to_string()))?,
        value: row.get(1)?,
        note: row.get(2)?,
    })
}

pub(crate) fn get(conn: &Connection, rule: RuleId) -> Result<Option<RuleOverride>, StoreError> {
    conn.prepare_cached("SELECT rule, value, note FROM rule_overrides WHERE rule = ?1")
        .and_then(|mut stmt| stmt.query_row([rule.as_str()], from_row).optional())
        .op("load rule override")
}

/// Every override, by rule id.
pub(crate) fn all(conn: &Connection) -> Result<Vec<RuleOverride>, StoreError> {
    conn.prepare_cached("SELECT rule, value, note FROM rule_overrides ORDER BY rule")
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load rule overrides")
}

/// Sets (or replaces) the local value of a rule.
pub(crate) fn upsert(conn: &Connection, o: &RuleOverride) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO rule_overrides (rule, value, note) VALUES (?1, ?2, ?3) \
         ON CONFLICT (rule) DO UPDATE SET value = excluded.value, note = excluded.note",
    )
    .and_then(|mut stmt| stmt.execute(params![o.rule.as_str(), o.value, o.note]))
    .op("set rule override")?;
    Ok(())
}

/// Returns a rule to its default (no row: nothing to do).
pub(crate) fn delete(conn: &Connection, rule: RuleId) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM rule_overrides WHERE rule = ?1")
        .and_then(|mut stmt| stmt.execute([rule.as_str()]))
        .op("clear rule override")?;
    Ok(())
}
