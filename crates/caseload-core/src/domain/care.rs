use crate::ids::{CarePeriodId, ChildId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// SSDA903 legal status (LS) codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[allow(missing_docs)]
pub enum LegalStatus {
    C1,
    C2,
    D1,
    E1,
    J1,
    J2,
    J3,
    L1,
    L2,
    L3,
    V2,
    V3,
    V4,
}

impl LegalStatus {
    /// V3/V4: the child is looked after only under a series of short breaks (CPPCR reg 48).
    pub fn is_short_break(self) -> bool {
        matches!(self, LegalStatus::V3 | LegalStatus::V4)
    }
}

/// Which review regime applies to a period of care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// CPPCR reg 33: first review in 20 working days, second in 3 months, then 6-monthly.
    FullCare,
    /// CPPCR reg 48 short breaks: first review in 3 months of the first break, then 6-monthly.
    ShortBreaks,
}

/// A period of care: from the day the child became looked after to the day they ceased.
///
/// Changes of placement or legal status inside a period do not reset the review clock; a new
/// period (re-entry to care, or a move from short breaks to full-time care) does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PeriodOfCare {
    /// Id.
    pub id: CarePeriodId,
    /// Whose.
    pub child: ChildId,
    /// The date the child became looked after (903 DECOM with RNE = S).
    pub started_on: NaiveDate,
    /// The date the child ceased to be looked after.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    /// Legal status at the start.
    pub legal_status: LegalStatus,
    /// Review regime.
    pub regime: Regime,
    /// What is known of the reviews held before the ones recorded here.
    #[serde(default)]
    pub history: ReviewHistory,
}

/// What is known of the reviews of a period of care held before those recorded in the store:
/// for a child already in care when the IRO first enters them (issue 13). Only the last review
/// held is recorded as a meeting; this says where it stands in the chain.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, specta::Type,
)]
#[serde(tag = "known", rename_all = "snake_case")]
pub enum ReviewHistory {
    /// Every review of the period is recorded here (a new period, or one imported whole).
    #[default]
    Recorded,
    /// This many reviews were held before the first one recorded here (at least one: "two
    /// or more reviews in all" with the last recorded is one earlier).
    Earlier {
        /// How many.
        count: u32,
    },
    /// Not known yet: no due date is counted from the start of care, and the child's
    /// warnings say the history is incomplete until the IRO records it.
    Unknown,
}

impl ReviewHistory {
    /// The reviews held before the first one recorded (0 when all are, or not known).
    pub fn earlier(self) -> u32 {
        match self {
            ReviewHistory::Earlier { count } => count,
            ReviewHistory::Recorded | ReviewHistory::Unknown => 0,
        }
    }
}

impl PeriodOfCare {
    /// Open on a date: started on or before it, and not ended before it.
    pub fn is_open_on(&self, on: NaiveDate) -> bool {
        self.started_on <= on && self.ended_on.is_none_or(|end| end >= on)
    }

    /// Does a date fall inside the period (for assigning a review to its period)?
    pub fn contains(&self, on: NaiveDate) -> bool {
        self.is_open_on(on)
    }
}
