//! Store-wide settings an authority may choose: the counting convention and the warning
//! thresholds. Rule values live in [`crate::rules`]; these are how the rules are applied.

use crate::calendar::Convention;
use crate::ids::IroId;
use serde::{Deserialize, Serialize};

/// Settings in force for a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct Settings {
    /// Counting convention for working-day rules (domain.md §1.2).
    pub convention: Convention,
    /// A due date within this many working days is red.
    pub red_within_working_days: u32,
    /// A due date within this many working days is amber.
    pub amber_within_working_days: u32,
    /// The IRO profile this store belongs to: the desktop's default selection and the
    /// profile its changes are recorded under in the audit trail.
    pub owner: Option<IroId>,
    /// The desktop locks itself (the key leaves memory) after this many minutes without use.
    pub auto_lock_minutes: u32,
}

impl Default for Settings {
    /// Missing fields of a saved settings row take the defaults, so a setting added later
    /// does not make an older store unreadable.
    fn default() -> Self {
        Settings::DEFAULTS
    }
}

impl Settings {
    /// The shortest and longest idle time before the desktop locks itself.
    pub const AUTO_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

    /// The defaults of domain.md §8: day 0 convention, red ≤ 5, amber ≤ 20 working days; and a
    /// lock after 10 idle minutes.
    pub const DEFAULTS: Settings = Settings {
        convention: Convention::EventDayIsDayZero,
        red_within_working_days: 5,
        amber_within_working_days: 20,
        owner: None,
        auto_lock_minutes: 10,
    };
}
