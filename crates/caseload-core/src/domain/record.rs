//! The record of a meeting, written by the chair while it happens (issue 11), and the decisions
//! it made, tracked until they are carried out.
//!
//! A record is a draft until it is finalised; there is at most one per meeting. Finalising
//! records the meeting as held (its date, participation, outcome) and turns each decision of
//! the record into a tracked [`Decision`]. Only facts are stored: a decision due "by the next
//! review" keeps that wording, and its date is computed when asked ([`crate::decisions`]).

use super::{AbuseCategory, MeetingOutcome, Participation, PlanDecision};
use crate::ids::{ChildId, DecisionId, MeetingId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How an invitee took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Came to the meeting.
    Present,
    /// Sent apologies.
    Apologies,
    /// Did not come, but sent a report.
    ReportOnly,
}

impl Attendance {
    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            Attendance::Present => "Present",
            Attendance::Apologies => "Apologies",
            Attendance::ReportOnly => "Report only",
        }
    }
}

/// One person invited, with their role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Attendee {
    /// Their name.
    pub name: String,
    /// Their role ("Social worker", "Mother", "School designated teacher").
    pub role: String,
    /// How they took part.
    pub attendance: Attendance,
}

/// How the child's views reached the meeting (the basis of the participation code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ViewsConveyed {
    /// Attended and spoke for themself.
    SpokeForThemself,
    /// Attended; an advocate or the IRO spoke for them.
    AdvocateSpokeForThem,
    /// Attended and conveyed their view without words.
    NonVerbally,
    /// Attended but did not convey a view.
    AttendedWithoutAView,
    /// Did not attend; briefed an advocate or the IRO to speak for them.
    BriefedSomeone,
    /// Did not attend; conveyed their view another way (written, text, video, Viewpoint).
    AnotherWay,
    /// Did not attend and their view was not conveyed.
    NotConveyed,
}

impl ViewsConveyed {
    /// Every way, in the order of the participation codes.
    pub const ALL: [ViewsConveyed; 7] = [
        ViewsConveyed::SpokeForThemself,
        ViewsConveyed::AdvocateSpokeForThem,
        ViewsConveyed::NonVerbally,
        ViewsConveyed::AttendedWithoutAView,
        ViewsConveyed::BriefedSomeone,
        ViewsConveyed::AnotherWay,
        ViewsConveyed::NotConveyed,
    ];

    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            ViewsConveyed::SpokeForThemself => "Attended and spoke for themself",
            ViewsConveyed::AdvocateSpokeForThem => {
                "Attended; an advocate or the IRO spoke for them"
            }
            ViewsConveyed::NonVerbally => "Attended and conveyed their view without words",
            ViewsConveyed::AttendedWithoutAView => "Attended but did not convey a view",
            ViewsConveyed::BriefedSomeone => "Did not attend; briefed an advocate or the IRO",
            ViewsConveyed::AnotherWay => "Did not attend; conveyed their view another way",
            ViewsConveyed::NotConveyed => "Did not attend; views not conveyed",
        }
    }

    /// The participation code this way of taking part describes for a child aged 4 or over
    /// (a child under 4 is PN0 whatever happened: [`crate::validate::suggested_participation`]).
    pub fn code(self) -> Participation {
        match self {
            ViewsConveyed::SpokeForThemself => Participation::Pn1,
            ViewsConveyed::AdvocateSpokeForThem => Participation::Pn2,
            ViewsConveyed::NonVerbally => Participation::Pn3,
            ViewsConveyed::AttendedWithoutAView => Participation::Pn4,
            ViewsConveyed::BriefedSomeone => Participation::Pn5,
            ViewsConveyed::AnotherWay => Participation::Pn6,
            ViewsConveyed::NotConveyed => Participation::Pn7,
        }
    }
}

/// One participant's judgement on the safety scale (0: the child will be harmed; 10: enough
/// safety to close the case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Scaling {
    /// Who.
    pub participant: String,
    /// Their role.
    pub role: String,
    /// 0 to 10.
    pub score: u8,
}

/// The Signs of Safety mapping of a child-protection conference (domain.md §6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct SignsOfSafety {
    /// What we are worried about: the harm that has happened.
    pub harm: String,
    /// What we are worried about: the danger statements.
    pub danger_statements: String,
    /// What we are worried about: complicating factors.
    pub complicating_factors: String,
    /// What is working well.
    pub working_well: String,
    /// What needs to happen: the safety goals.
    pub safety_goals: String,
    /// What needs to happen: next steps.
    pub next_steps: String,
    /// Each participant's judgement, 0–10.
    pub scaling: Vec<Scaling>,
}

/// When a decision is to be carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DecisionDue {
    /// By a date.
    On {
        /// The date.
        on: NaiveDate,
    },
    /// By the next review or conference (its due date, computed when asked).
    ByNextReview,
}

/// A decision as written in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DecisionDraft {
    /// What is to be done.
    pub text: String,
    /// Who is to do it.
    pub owner: String,
    /// By when.
    pub due: Option<DecisionDue>,
}

/// What the chair writes during a review or conference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct MeetingRecord {
    /// The day it was held.
    pub held_on: Option<NaiveDate>,
    /// Who was invited and how they took part.
    pub attendance: Vec<Attendee>,
    /// How the child's views reached the meeting.
    pub views_conveyed: Option<ViewsConveyed>,
    /// The child's views, in their words where possible.
    pub child_views: String,
    /// The participation code (LAC reviews; suggested from `views_conveyed` and the age rule).
    pub participation: Option<Participation>,
    /// Did the child or young person attend (child-protection conferences)?
    pub child_attended: Option<bool>,
    /// Was an advocate offered?
    pub advocate_offered: Option<bool>,
    /// Was an advocate used?
    pub advocate_used: Option<bool>,
    /// The Signs of Safety mapping (child-protection conferences).
    pub signs_of_safety: Option<SignsOfSafety>,
    /// A conference's decision about the plan.
    pub plan_decision: Option<PlanDecision>,
    /// The category of abuse the conference confirmed.
    pub category: Option<AbuseCategory>,
    /// A LAC review: was the care plan endorsed?
    pub care_plan_endorsed: Option<bool>,
    /// The chair's concerns (a LAC review's, where the plan was not endorsed; any meeting's).
    pub concerns: String,
    /// The decisions, each with an owner and a due date.
    pub decisions: Vec<DecisionDraft>,
    /// The date the next meeting is planned for.
    pub next_meeting_on: Option<NaiveDate>,
}

impl MeetingRecord {
    /// The outcome of the meeting this record makes, over what was recorded before (the
    /// preparation dates and the sent dates are kept).
    pub fn outcome_over(&self, before: &MeetingOutcome) -> MeetingOutcome {
        MeetingOutcome {
            held_on: self.held_on,
            participation: self.participation,
            advocate_offered: self.advocate_offered,
            advocate_used: self.advocate_used,
            child_attended: self.child_attended,
            plan_decision: self.plan_decision,
            category: self.category,
            ..before.clone()
        }
    }
}

/// Where a record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Being written; saved as the chair types.
    Draft,
    /// Finalised: the meeting is recorded as held and its decisions are tracked.
    Final,
}

/// The record of one meeting, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StoredRecord {
    /// The meeting.
    pub meeting: MeetingId,
    /// Draft or final.
    pub status: RecordStatus,
    /// What was written.
    pub record: MeetingRecord,
}

/// Where a tracked decision stands (its lateness is computed: [`crate::decisions`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DecisionState {
    /// Not yet carried out.
    Open,
    /// Carried out.
    Done {
        /// The day.
        on: NaiveDate,
        /// How, in a line.
        note: Option<String>,
    },
    /// No longer to be done.
    Dropped {
        /// The day.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
}

/// A decision of a finalised record, tracked between meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Decision {
    /// Id.
    pub id: DecisionId,
    /// The meeting that made it.
    pub meeting: MeetingId,
    /// Whose.
    pub child: ChildId,
    /// Its number in the record (1 = first).
    pub number: u32,
    /// What is to be done.
    pub text: String,
    /// Who is to do it.
    pub owner: String,
    /// By when.
    pub due: DecisionDue,
    /// Where it stands.
    pub state: DecisionState,
}
