use super::PlanDecision;
use crate::ids::{ChildId, CpEpisodeId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// CIN census category of abuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "UPPERCASE")]
pub enum AbuseCategory {
    /// Neglect.
    Neg,
    /// Physical abuse.
    Phy,
    /// Sexual abuse.
    Sab,
    /// Emotional abuse.
    Emo,
    /// Multiple / not recommended.
    Mul,
}

impl AbuseCategory {
    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            AbuseCategory::Neg => "Neglect",
            AbuseCategory::Phy => "Physical abuse",
            AbuseCategory::Sab => "Sexual abuse",
            AbuseCategory::Emo => "Emotional abuse",
            AbuseCategory::Mul => "Multiple",
        }
    }
}

/// What is recorded about a child-protection episode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CpEpisodeDetails {
    /// The strategy discussion at which s47 enquiries were initiated (the ICPC clock starts here).
    #[serde(default)]
    pub strategy_on: Option<NaiveDate>,
    /// Start of the s47 enquiry (CIN S47ActualStartDate; the DfE timeliness basis).
    #[serde(default)]
    pub s47_started_on: Option<NaiveDate>,
    /// Transfer-in: the date this authority was notified that a child on a plan moved in.
    #[serde(default)]
    pub transfer_in_notified_on: Option<NaiveDate>,
    /// The date the plan started (the date of the conference that made it).
    #[serde(default)]
    pub plan_started_on: Option<NaiveDate>,
    /// The date the plan ended.
    #[serde(default)]
    pub plan_ended_on: Option<NaiveDate>,
    /// Category at the start of the plan.
    #[serde(default)]
    pub initial_category: Option<AbuseCategory>,
    /// Category at the latest review.
    #[serde(default)]
    pub latest_category: Option<AbuseCategory>,
    /// The date an episode without a plan closed (the initial conference decided no plan was
    /// needed, or a transfer-in did not go ahead). An episode with a plan ends with the plan.
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    /// How many plans the child had before this one, as a return states it (CIN
    /// `NumberOfPreviousCPP`) for plans not in this store.
    #[serde(default)]
    pub previous_plans: Option<u32>,
}

/// A child-protection episode: from the initiating strategy discussion (or transfer-in
/// notification) to the end of the plan, or to a decision that no plan is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CpEpisode {
    /// Id.
    pub id: CpEpisodeId,
    /// Whose.
    pub child: ChildId,
    /// Details.
    #[serde(flatten)]
    pub details: CpEpisodeDetails,
}

impl CpEpisodeDetails {
    /// The first date of an episode with these details.
    pub fn started_on(&self) -> Option<NaiveDate> {
        [
            self.strategy_on,
            self.s47_started_on,
            self.transfer_in_notified_on,
            self.plan_started_on,
        ]
        .into_iter()
        .flatten()
        .min()
    }
}

impl CpEpisode {
    /// The first date of the episode.
    pub fn started_on(&self) -> Option<NaiveDate> {
        self.details.started_on()
    }

    /// Open on a date: started on or before it and the plan not ended before it.
    pub fn is_open_on(&self, on: NaiveDate) -> bool {
        self.started_on().is_some_and(|s| s <= on) && self.ended_on().is_none_or(|end| end >= on)
    }

    /// The last date of the episode: the end of the plan, or the date it closed without one.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.details.plan_ended_on.or(self.details.closed_on)
    }
}

impl CpEpisodeDetails {
    /// The episode's facts after a conference of `kind` held on `held_on` decided `decision`
    /// (with `category`, if confirmed), or `None` when the decision changes nothing.
    ///
    /// - A plan made at an initial or transfer-in conference starts that day, unless the
    ///   episode already records a start (§3 C5: "the date of the conference that made it");
    ///   the category is the plan's initial one if none was recorded, and its latest.
    /// - No plan closes the episode that day; a plan started before (the originating
    ///   authority's, at a transfer-in conference) ends that day.
    /// - A review conference's category becomes the latest; ending the plan ends it that day.
    pub fn after_conference(
        &self,
        decision: PlanDecision,
        category: Option<AbuseCategory>,
        held_on: NaiveDate,
    ) -> Option<CpEpisodeDetails> {
        let mut after = self.clone();
        match decision {
            PlanDecision::PlanStarts => {
                after.plan_started_on = after.plan_started_on.or(Some(held_on));
                after.closed_on = None;
                after.initial_category = after.initial_category.or(category);
                after.latest_category = category.or(after.latest_category);
            }
            PlanDecision::NoPlan => match after.plan_started_on {
                // A plan from before (the originating authority's, at a transfer-in) ends.
                Some(start) if start < held_on => {
                    after.plan_ended_on = after.plan_ended_on.or(Some(held_on));
                }
                Some(_) => {}
                None => after.closed_on = after.closed_on.or(Some(held_on)),
            },
            PlanDecision::PlanContinues => {
                after.latest_category = category.or(after.latest_category);
            }
            PlanDecision::PlanEnds => {
                after.plan_ended_on = after.plan_ended_on.or(Some(held_on));
                after.latest_category = category.or(after.latest_category);
            }
        }
        (after != *self).then_some(after)
    }
}
