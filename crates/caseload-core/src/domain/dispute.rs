//! Disputes (domain.md §5): an IRO's challenge under the local authority's Dispute Resolution
//! Process (DRP), or a multi-agency challenge (MACP) to a partner agency.
//!
//! Only facts are stored: when the dispute and each stage were raised, to whom, when a response
//! came, whether Cafcass was referred to, and how it ended. Response due dates are never stored:
//! they are computed from the store's ladder ([`crate::rules::DisputeLadders`]) and the calendar
//! by [`crate::disputes`], so a change of the ladder or of the bank holidays applies at once.

use crate::ids::{ChildId, DisputeId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which process a dispute follows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum DisputeKind {
    /// The IRO Dispute Resolution Process (IRO Handbook ch. 6): escalation through the local
    /// authority's managers.
    Drp,
    /// A multi-agency challenge to a partner agency, following the safeguarding partnership's
    /// escalation policy.
    Macp,
}

impl DisputeKind {
    /// Both kinds.
    pub const ALL: [DisputeKind; 2] = [DisputeKind::Drp, DisputeKind::Macp];

    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            DisputeKind::Drp => "Dispute resolution (DRP)",
            DisputeKind::Macp => "Multi-agency challenge",
        }
    }

    /// What one rung of its ladder is called.
    pub fn rung(self) -> &'static str {
        match self {
            DisputeKind::Drp => "stage",
            DisputeKind::Macp => "step",
        }
    }
}

/// Which plan a dispute is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Concerns {
    /// The looked-after child's care plan.
    LacPlan,
    /// The child-protection plan.
    CpPlan,
}

impl Concerns {
    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            Concerns::LacPlan => "the care plan",
            Concerns::CpPlan => "the child protection plan",
        }
    }
}

/// The reason category of a dispute, by its code (`planning`, `contact`, …).
///
/// The categories are local practice: each store keeps its own list with labels
/// ([`crate::rules::DisputeReasons`]), whose default is the list of domain.md §5.3 that the
/// annual reports count by. A code is lower case letters, digits and `_`, so it reads well in a
/// change file and never changes when a label is reworded.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct DisputeReason(String);

impl DisputeReason {
    /// The longest code.
    pub const MAX_LEN: usize = 40;

    /// A reason code as given (whether it is well formed and on the store's list is
    /// validation's business: [`DisputeReason::is_well_formed`]).
    pub fn new(code: impl Into<String>) -> DisputeReason {
        DisputeReason(code.into())
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A lower-case letter, then lower-case letters, digits or `_`, at most
    /// [`DisputeReason::MAX_LEN`] in all.
    pub fn is_well_formed(&self) -> bool {
        let mut chars = self.0.chars();
        chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && self.0.len() <= DisputeReason::MAX_LEN
    }
}

impl fmt::Display for DisputeReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A rung of a dispute ladder, by number: 0 is the informal challenge of the default DRP
/// ladder, 1–8 its formal stages; a multi-agency challenge has steps 1–4. Higher is more
/// senior: a dispute only ever moves up (stages may be skipped).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct Stage(pub u8);

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How a dispute ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DisputeOutcome {
    /// Resolved, at the stage the dispute had reached (its last stage).
    Resolved,
    /// Withdrawn by the IRO.
    Withdrawn,
    /// Ended by a referral to Cafcass (CPPCR 2010 reg 45).
    ReferredToCafcass,
}

impl DisputeOutcome {
    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            DisputeOutcome::Resolved => "Resolved",
            DisputeOutcome::Withdrawn => "Withdrawn",
            DisputeOutcome::ReferredToCafcass => "Referred to Cafcass",
        }
    }
}

/// One stage (or step) of a dispute: raised on a date to someone, perhaps answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StageEvent {
    /// Which rung of the ladder.
    pub stage: Stage,
    /// The date it was raised: its response clock starts here.
    pub raised_on: NaiveDate,
    /// To whom it was sent (a name or a role).
    pub sent_to: String,
    /// The date the response came, if it has.
    #[serde(default)]
    pub responded_on: Option<NaiveDate>,
    /// What the response said, in a line or two.
    #[serde(default)]
    pub response_summary: Option<String>,
}

/// A dispute about one child's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Dispute {
    /// Id.
    pub id: DisputeId,
    /// Whose plan.
    pub child: ChildId,
    /// DRP or multi-agency challenge.
    pub kind: DisputeKind,
    /// Which plan.
    pub concerns: Concerns,
    /// Reason category.
    pub reason: DisputeReason,
    /// The date the dispute was raised (the date its first stage was raised).
    pub raised_on: NaiveDate,
    /// Raised for the child's whole sibling group (its name), if so.
    #[serde(default)]
    pub sibling_group: Option<String>,
    /// The partner agency challenged (multi-agency challenge only).
    #[serde(default)]
    pub partner_agency: Option<String>,
    /// The stages raised, lowest (earliest) first.
    pub stages: Vec<StageEvent>,
    /// The date the IRO referred the child's case to Cafcass, if so. A referral may run
    /// alongside the process (the dispute stays open) or end it (the outcome).
    #[serde(default)]
    pub cafcass_referred_on: Option<NaiveDate>,
    /// How it ended; `None` while open.
    #[serde(default)]
    pub outcome: Option<DisputeOutcome>,
    /// The date it ended; set exactly when `outcome` is.
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
}

impl Dispute {
    /// True until an outcome is recorded.
    pub fn is_open(&self) -> bool {
        self.outcome.is_none()
    }

    /// The stage the dispute has reached (the highest raised); for a closed dispute, the stage
    /// at which it was resolved, withdrawn or referred.
    pub fn current(&self) -> Option<&StageEvent> {
        self.stages.iter().max_by_key(|s| s.stage)
    }

    /// The event of a stage, if it was raised on this dispute.
    pub fn stage(&self, stage: Stage) -> Option<&StageEvent> {
        self.stages.iter().find(|s| s.stage == stage)
    }

    /// Every dated fact of the dispute, latest last: each stage raised, each response, the
    /// Cafcass referral and the outcome. An activity is any of these.
    pub fn activities(&self) -> Vec<(NaiveDate, Activity)> {
        let mut out = Vec::new();
        for s in &self.stages {
            out.push((s.raised_on, Activity::StageRaised(s.stage)));
            if let Some(on) = s.responded_on {
                out.push((on, Activity::ResponseRecorded(s.stage)));
            }
        }
        if let Some(on) = self.cafcass_referred_on {
            out.push((on, Activity::CafcassReferral));
        }
        if let (Some(outcome), Some(on)) = (self.outcome, self.closed_on) {
            out.push((on, Activity::Closed(outcome)));
        }
        out.sort_by_key(|(on, _)| *on);
        out
    }

    /// The latest activity: its date and what it was.
    pub fn last_activity(&self) -> (NaiveDate, Activity) {
        self.activities()
            .pop()
            .unwrap_or((self.raised_on, Activity::StageRaised(Stage(0))))
    }
}

/// Something that happened on a dispute (for "no activity for N working days").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// A stage was raised (the first, or an escalation).
    StageRaised(Stage),
    /// A response to a stage was recorded.
    ResponseRecorded(Stage),
    /// The case was referred to Cafcass.
    CafcassReferral,
    /// The dispute ended.
    Closed(DisputeOutcome),
}
