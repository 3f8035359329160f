//! One module per table: its SQL and the row ↔ core-type mapping, nothing else.
//!
//! Deliberately `pub(crate)`: callers outside the store use the use-case API (`apply`, `load_*`,
//! `audit`). These functions take a `&Connection`, which a `Transaction` derefs to, so the same
//! code serves reads inside `apply`'s transaction and plain loads.

pub(crate) mod allocations;
pub(crate) mod audit;
pub(crate) mod care_periods;
pub(crate) mod children;
pub(crate) mod cp_episodes;
pub(crate) mod decisions;
pub(crate) mod dispute_ladders;
pub(crate) mod dispute_reasons;
pub(crate) mod disputes;
pub(crate) mod erasure;
pub(crate) mod holidays;
pub(crate) mod iros;
pub(crate) mod letter_templates;
pub(crate) mod meeting_records;
pub(crate) mod meetings;
pub(crate) mod rule_overrides;
pub(crate) mod settings;
pub(crate) mod transfers_out;

/// Every table, in the order rows are created (parents first).
pub(crate) const TABLES: &[&str] = &[
    "iros",
    "children",
    "allocations",
    "care_periods",
    "cp_episodes",
    "meetings",
    "rule_overrides",
    "holidays",
    "settings",
    "audit",
    "disputes",
    "dispute_stages",
    "dispute_ladders",
    "dispute_reasons",
    "meeting_records",
    "decisions",
    "letter_templates",
    "transfers_out",
];
