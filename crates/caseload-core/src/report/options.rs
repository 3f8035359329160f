//! The choices an annual report depends on (domain.md §7, §11): each has a default and the
//! report states which was used.

use crate::calendar::Convention;
use crate::domain::{Concerns, DisputeKind, Participation};
use crate::ids::IroId;
use serde::{Deserialize, Serialize};

/// Which event an initial conference's 15 working days count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IcpcBase {
    /// The strategy discussion at which s47 enquiries were initiated (Working Together;
    /// Durham's reports). The default.
    StrategyDiscussion,
    /// The start of the s47 enquiry (DfE CIN table C4).
    S47Start,
}

impl IcpcBase {
    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            IcpcBase::StrategyDiscussion => {
                "the strategy discussion at which s47 enquiries were initiated"
            }
            IcpcBase::S47Start => "the start of the s47 enquiry",
        }
    }
}

/// Which plans a report is about: Durham's service publishes a looked-after children's report
/// and a child protection report; each shows only its own disputes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportScope {
    /// Looked-after children and child protection (the default).
    Both,
    /// Looked-after children only: care-plan disputes, caseloads.
    Lac,
    /// Child protection only: child-protection-plan disputes.
    Cp,
}

impl ReportScope {
    /// Does the report take disputes about this plan?
    pub fn takes(self, concerns: Concerns) -> bool {
        match self {
            ReportScope::Both => true,
            ReportScope::Lac => concerns == Concerns::LacPlan,
            ReportScope::Cp => concerns == Concerns::CpPlan,
        }
    }
}

/// Where children looked after only under a series of short breaks (CPPCR reg 48) count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ShortBreaks {
    /// Left out of the looked-after headline counts and timeliness and shown apart, as the DfE
    /// does (the default).
    Apart,
    /// Counted in the headline figures too (still also shown apart).
    Included,
}

/// How an annual report counts where a choice exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct ReportOptions {
    /// Counting convention for working-day figures (the ICPC's 15 working days, the first
    /// review's 20, days to resolve a dispute).
    pub convention: Convention,
    /// Does a period of care or plan that ended on 31 March count as "at 31 March" (and as
    /// open at each month end it ended on)? Default no (domain.md §11.10).
    pub ended_on_31_march_counts: bool,
    /// Does PN4 (attends but does not convey their view) count as participation? Default yes:
    /// the §7 set is PN1–PN6.
    pub pn4_counts_as_participation: bool,
    /// What the ICPC's 15 working days count from.
    pub icpc_base: IcpcBase,
    /// Which plans the report is about (both, looked-after children only, child protection
    /// only); the dispute figures follow it.
    pub scope: ReportScope,
    /// Only disputes of this kind (DRP or multi-agency challenge); `None` for both.
    pub dispute_kind: Option<DisputeKind>,
    /// Where short-break children count. Default: apart from the headline.
    pub short_breaks: ShortBreaks,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions::DEFAULTS
    }
}

impl ReportOptions {
    /// The defaults of domain.md §7: day-0 convention, a plan ending on 31 March is not open
    /// on it, PN1–PN6 participate, ICPC from the strategy discussion; both plans, both kinds of
    /// dispute, short-break children apart from the headline (as the DfE counts).
    pub const DEFAULTS: ReportOptions = ReportOptions {
        convention: Convention::EventDayIsDayZero,
        ended_on_31_march_counts: false,
        pn4_counts_as_participation: true,
        icpc_base: IcpcBase::StrategyDiscussion,
        scope: ReportScope::Both,
        dispute_kind: None,
        short_breaks: ShortBreaks::Apart,
    };

    /// Does the report take this dispute (its plan in scope, its kind chosen)?
    pub fn takes_dispute(&self, concerns: Concerns, kind: DisputeKind) -> bool {
        self.scope.takes(concerns) && self.dispute_kind.is_none_or(|k| k == kind)
    }

    /// Does a review coded `code` count as the child participating?
    pub fn participates(&self, code: Participation) -> bool {
        match code {
            Participation::Pn1
            | Participation::Pn2
            | Participation::Pn3
            | Participation::Pn5
            | Participation::Pn6 => true,
            Participation::Pn4 => self.pn4_counts_as_participation,
            Participation::Pn0 | Participation::Pn7 => false,
        }
    }

    /// The participating codes, e.g. "PN1–PN6" or "PN1–PN3, PN5, PN6".
    pub fn participating_codes(&self) -> &'static str {
        if self.pn4_counts_as_participation {
            "PN1–PN6"
        } else {
            "PN1–PN3, PN5 and PN6"
        }
    }
}

/// Whose children and events a report counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IroFilter {
    /// Everything in the store.
    All,
    /// These IROs (one or several).
    Only {
        /// The IROs.
        iros: Vec<IroId>,
    },
}

impl IroFilter {
    /// Does the filter take this IRO (`None`: no IRO allocated)?
    pub fn takes(&self, iro: Option<IroId>) -> bool {
        match self {
            IroFilter::All => true,
            IroFilter::Only { iros } => iro.is_some_and(|id| iros.contains(&id)),
        }
    }
}
