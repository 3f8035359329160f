//! The nouns of the domain, named as the statute and the data returns name them.
//!
//! Plain data with serde: no behaviour beyond small, obvious helpers. Codes (legal status,
//! ethnicity, category of abuse, participation) are enums whose serde names are the DfE codes,
//! so an unknown code is refused when a change is read.

mod care;
mod child;
mod dispute;
mod handover;
mod iro;
mod letter;
mod meeting;
mod protection;
mod record;

pub use care::{LegalStatus, PeriodOfCare, Regime, ReviewHistory};
pub use child::{Allocation, Child, ChildDetails, ChildRecord, Ethnicity, Sex, TransferredOut};
pub use dispute::{
    Activity, Concerns, Dispute, DisputeKind, DisputeOutcome, DisputeReason, Stage, StageEvent,
};
pub use handover::HistoryRow;
pub use iro::{Iro, IroDetails};
pub use letter::{
    unknown_placeholders, AgeBand, LetterTemplate, LETTER_PLACEHOLDERS, LETTER_TEMPLATE_MAX_CHARS,
};
pub use meeting::{
    Meeting, MeetingKind, MeetingOutcome, MeetingStatus, Participation, PlanDecision,
};
pub use protection::{AbuseCategory, CpEpisode, CpEpisodeDetails};
pub use record::{
    Attendance, Attendee, Decision, DecisionDraft, DecisionDue, DecisionState, MeetingRecord,
    RecordStatus, Scaling, SignsOfSafety, StoredRecord, ViewsConveyed,
};

/// Everything in a store that the core computes over: its IROs and every child's record.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Caseload {
    /// IRO profiles.
    pub iros: Vec<Iro>,
    /// Every child, with their care, protection and meetings.
    pub children: Vec<ChildRecord>,
}
