use super::AbuseCategory;
use crate::ids::{ChildId, MeetingId};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// What kind of meeting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// Looked-after child review (CPPCR Part 6).
    LacReview,
    /// Initial child protection conference (a pre-birth conference for an unborn child).
    Icpc,
    /// Child protection review conference.
    CpReview,
    /// Transfer-in conference (child on a plan moved into the area).
    TransferInConference,
    /// Core group meeting.
    CoreGroup,
}

impl MeetingKind {
    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::LacReview => "LAC review",
            MeetingKind::Icpc => "Initial child protection conference",
            MeetingKind::CpReview => "Child protection review conference",
            MeetingKind::TransferInConference => "Transfer-in conference",
            MeetingKind::CoreGroup => "Core group",
        }
    }

    /// True for the kinds that belong to a child-protection episode.
    pub fn is_child_protection(self) -> bool {
        !matches!(self, MeetingKind::LacReview)
    }
}

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// In the diary.
    Booked,
    /// Took place: the next due date chains from its held date.
    Held,
    /// Did not take place; never resets a clock.
    Cancelled,
    /// Started but did not complete; never resets a clock.
    Adjourned,
}

/// SSDA903 participation codes (REVIEW_CODE).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Participation {
    /// Child aged under 4 at the time of the review.
    Pn0,
    /// Attends and speaks for themself.
    Pn1,
    /// Attends; an advocate (or the IRO) speaks for them.
    Pn2,
    /// Attends and conveys their view symbolically (non-verbally).
    Pn3,
    /// Attends but does not speak or convey their view.
    Pn4,
    /// Does not attend; briefs an advocate to speak for them.
    Pn5,
    /// Does not attend; conveys their feelings by a facilitative medium.
    Pn6,
    /// Does not attend; views not conveyed.
    Pn7,
}

impl Participation {
    /// All codes in order.
    pub const ALL: [Participation; 8] = [
        Participation::Pn0,
        Participation::Pn1,
        Participation::Pn2,
        Participation::Pn3,
        Participation::Pn4,
        Participation::Pn5,
        Participation::Pn6,
        Participation::Pn7,
    ];

    /// The code, e.g. "PN3".
    pub fn code(self) -> &'static str {
        ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"][self as usize]
    }

    /// The meaning (DfE code set, paraphrased).
    pub fn meaning(self) -> &'static str {
        match self {
            Participation::Pn0 => "Child aged under 4 at the time of the review",
            Participation::Pn1 => "Attends and speaks for themself",
            Participation::Pn2 => "Attends; an advocate or the IRO speaks for them",
            Participation::Pn3 => "Attends and conveys their view non-verbally",
            Participation::Pn4 => "Attends but does not convey their view",
            Participation::Pn5 => "Does not attend; briefs an advocate to speak for them",
            Participation::Pn6 => "Does not attend; conveys their view another way",
            Participation::Pn7 => "Does not attend; views not conveyed",
        }
    }
}

/// What a child-protection conference decided about the plan (CIN census; WT 2023 ch. 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PlanDecision {
    /// An initial (or transfer-in) conference made a child protection plan: it starts on the
    /// day of the conference unless the episode already records another start (§3 C5).
    PlanStarts,
    /// An initial (or transfer-in) conference decided no plan is needed: the episode closes.
    NoPlan,
    /// A review conference kept the plan.
    PlanContinues,
    /// A review conference ended the plan: it ends on the day of the conference (§3 C9).
    PlanEnds,
}

impl PlanDecision {
    /// Every decision.
    pub const ALL: [PlanDecision; 4] = [
        PlanDecision::PlanStarts,
        PlanDecision::NoPlan,
        PlanDecision::PlanContinues,
        PlanDecision::PlanEnds,
    ];

    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            PlanDecision::PlanStarts => "Child protection plan made",
            PlanDecision::NoPlan => "No child protection plan",
            PlanDecision::PlanContinues => "Plan continues",
            PlanDecision::PlanEnds => "Plan ended",
        }
    }

    /// The decisions a conference of this kind can make (none for a LAC review or core group).
    pub fn allowed_for(kind: MeetingKind) -> &'static [PlanDecision] {
        match kind {
            MeetingKind::Icpc | MeetingKind::TransferInConference => {
                &[PlanDecision::PlanStarts, PlanDecision::NoPlan]
            }
            MeetingKind::CpReview => &[PlanDecision::PlanContinues, PlanDecision::PlanEnds],
            MeetingKind::LacReview | MeetingKind::CoreGroup => &[],
        }
    }

    /// True when the child is on a plan after the conference.
    pub fn keeps_a_plan(self) -> bool {
        matches!(self, PlanDecision::PlanStarts | PlanDecision::PlanContinues)
    }
}

/// What happened at a meeting that was held.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MeetingOutcome {
    /// The date it was held.
    pub held_on: Option<NaiveDate>,
    /// Participation code (LAC reviews).
    #[serde(default)]
    pub participation: Option<Participation>,
    /// Was an advocate offered?
    #[serde(default)]
    pub advocate_offered: Option<bool>,
    /// Was an advocate used?
    #[serde(default)]
    pub advocate_used: Option<bool>,
    /// The date the IRO saw the child before the review.
    #[serde(default)]
    pub child_seen_on: Option<NaiveDate>,
    /// The date the review decisions were sent.
    #[serde(default)]
    pub decisions_sent_on: Option<NaiveDate>,
    /// The date the full record was sent.
    #[serde(default)]
    pub record_sent_on: Option<NaiveDate>,
    /// Was the conference quorate?
    #[serde(default)]
    pub quorate: Option<bool>,
    /// Why the review was brought forward (CPPCR reg 33(3)), if it was an early review.
    #[serde(default)]
    pub early_reason: Option<String>,
    /// What a child-protection conference decided about the plan.
    #[serde(default)]
    pub plan_decision: Option<PlanDecision>,
    /// The category of abuse the conference confirmed (with a plan).
    #[serde(default)]
    pub category: Option<AbuseCategory>,
    /// Did the child or young person attend (child-protection conferences)?
    #[serde(default)]
    pub child_attended: Option<bool>,
    /// The date the social worker spoke with the IRO ahead of the review (IROH: at least
    /// 15 working days before it).
    #[serde(default)]
    pub social_worker_contact_on: Option<NaiveDate>,
    /// The date the reports for the review (care plan, PEP, health plan; the social worker's
    /// report to conference) reached the chair.
    #[serde(default)]
    pub reports_received_on: Option<NaiveDate>,
}

/// A review, conference or core group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Meeting {
    /// Id.
    pub id: MeetingId,
    /// Whose.
    pub child: ChildId,
    /// Kind.
    pub kind: MeetingKind,
    /// Status.
    pub status: MeetingStatus,
    /// The date in the diary.
    #[serde(default)]
    pub booked_on: Option<NaiveDate>,
    /// The time in the diary.
    #[serde(default)]
    pub booked_at: Option<NaiveTime>,
    /// Where.
    #[serde(default)]
    pub venue: Option<String>,
    /// Why it was cancelled or adjourned.
    #[serde(default)]
    pub status_reason: Option<String>,
    /// What happened, once held.
    #[serde(flatten)]
    pub outcome: MeetingOutcome,
    /// How many times the meeting has been changed since it was written: the store adds one
    /// with every change to it (moved, cancelled, held…), so it only ever rises. A calendar
    /// export gives it as the event's `SEQUENCE`, so Outlook takes the newer version.
    #[serde(default)]
    pub revision: u32,
}

impl Meeting {
    /// The date that counts: held date once held, else the booked date.
    pub fn date(&self) -> Option<NaiveDate> {
        match self.status {
            MeetingStatus::Held => self.outcome.held_on,
            _ => self.booked_on,
        }
    }

    /// Held on, if held.
    pub fn held_on(&self) -> Option<NaiveDate> {
        (self.status == MeetingStatus::Held)
            .then_some(self.outcome.held_on)
            .flatten()
    }
}
