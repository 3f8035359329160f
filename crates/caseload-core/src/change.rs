//! The typed write API. Every write to a store is a [`Change`]; a batch of changes is applied
//! by the store in one transaction that also appends one audit row per change.
//!
//! `Change` is deliberately a wire contract: `caseload apply FILE.json` reads a JSON array of
//! changes, and the desktop app sends the same values. Tags and field names are snake_case.
//! An `id` on an `add_*`/`start_*`/`book_*`/`record_*`/`raise_*` change is optional: given, it
//! is used (so later changes in the same file can refer to it); absent, the store assigns one.

use crate::domain::{
    AgeBand, ChildDetails, ChildRecord, Concerns, CpEpisodeDetails, DisputeKind, DisputeOutcome,
    DisputeReason, HistoryRow, IroDetails, LegalStatus, MeetingKind, MeetingOutcome, MeetingRecord,
    Regime, ReviewHistory, Stage,
};
use crate::ids::{CarePeriodId, ChildId, CpEpisodeId, DecisionId, DisputeId, IroId, MeetingId};
use crate::rules::{LadderStep, ReasonCategory, RuleId};
use crate::settings::Settings;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// One bank holiday to load (from an imported GOV.UK file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HolidayRow {
    /// Date.
    pub date: NaiveDate,
    /// Name.
    pub name: String,
}

/// One write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// Add an IRO profile.
    AddIro {
        /// Explicit id, or assigned.
        #[serde(default)]
        id: Option<IroId>,
        /// Details.
        #[serde(flatten)]
        details: IroDetails,
    },
    /// Replace an IRO profile's details.
    UpdateIro {
        /// Which.
        id: IroId,
        /// New details.
        #[serde(flatten)]
        details: IroDetails,
    },
    /// Add a child (born or unborn), optionally allocating an IRO at once.
    AddChild {
        /// Explicit id, or assigned.
        #[serde(default)]
        id: Option<ChildId>,
        /// Details.
        #[serde(flatten)]
        details: ChildDetails,
        /// Allocate to this IRO…
        #[serde(default)]
        iro: Option<IroId>,
        /// …from this date.
        #[serde(default)]
        allocated_on: Option<NaiveDate>,
    },
    /// Replace a child's details (e.g. record the birth of an unborn child).
    UpdateChild {
        /// Which.
        id: ChildId,
        /// New details.
        #[serde(flatten)]
        details: ChildDetails,
    },
    /// Allocate (or transfer) a child to an IRO from a date; the history is kept.
    AllocateIro {
        /// Which child.
        child: ChildId,
        /// To which IRO.
        iro: IroId,
        /// From.
        from_on: NaiveDate,
        /// Why.
        #[serde(default)]
        reason: Option<String>,
    },
    /// The child became looked after: a new period of care.
    StartCare {
        /// Explicit id, or assigned.
        #[serde(default)]
        id: Option<CarePeriodId>,
        /// Which child.
        child: ChildId,
        /// Date became looked after.
        started_on: NaiveDate,
        /// Legal status.
        legal_status: LegalStatus,
        /// Review regime (short breaks or full care).
        regime: Regime,
    },
    /// Correct a period of care.
    UpdateCare {
        /// Which period.
        id: CarePeriodId,
        /// Date became looked after.
        started_on: NaiveDate,
        /// Date ceased, if it has ended.
        #[serde(default)]
        ended_on: Option<NaiveDate>,
        /// Legal status.
        legal_status: LegalStatus,
        /// Review regime.
        regime: Regime,
    },
    /// The child ceased to be looked after.
    EndCare {
        /// Which period.
        id: CarePeriodId,
        /// Date ceased.
        ended_on: NaiveDate,
    },
    /// Say what is known of the reviews held in the child's open period of care before the
    /// ones recorded (a child already in care when first entered). Sent after the last review
    /// held is recorded, in the same batch.
    SetReviewHistory {
        /// Which child (their open period of care).
        child: ChildId,
        /// What is known.
        history: ReviewHistory,
    },
    /// Start a child-protection episode (strategy discussion, s47, or transfer-in notification).
    StartCpEpisode {
        /// Explicit id, or assigned.
        #[serde(default)]
        id: Option<CpEpisodeId>,
        /// Which child.
        child: ChildId,
        /// Details.
        #[serde(flatten)]
        details: CpEpisodeDetails,
    },
    /// Replace a child-protection episode's details (plan start and end, categories, …).
    UpdateCpEpisode {
        /// Which episode.
        id: CpEpisodeId,
        /// New details.
        #[serde(flatten)]
        details: CpEpisodeDetails,
    },
    /// Put a meeting in the diary.
    BookMeeting {
        /// Explicit id, or assigned.
        #[serde(default)]
        id: Option<MeetingId>,
        /// Which child.
        child: ChildId,
        /// Kind of meeting.
        kind: MeetingKind,
        /// Date.
        on: NaiveDate,
        /// Time.
        #[serde(default)]
        at: Option<NaiveTime>,
        /// Venue.
        #[serde(default)]
        venue: Option<String>,
    },
    /// Move a booked meeting.
    MoveMeeting {
        /// Which meeting.
        id: MeetingId,
        /// New date.
        on: NaiveDate,
        /// New time.
        #[serde(default)]
        at: Option<NaiveTime>,
        /// New venue.
        #[serde(default)]
        venue: Option<String>,
    },
    /// Cancel a booked meeting (a cancelled meeting never resets a clock).
    CancelMeeting {
        /// Which meeting.
        id: MeetingId,
        /// Why.
        #[serde(default)]
        reason: Option<String>,
    },
    /// Record the date the IRO saw the child ahead of a booked review.
    RecordChildSeen {
        /// The booked meeting.
        id: MeetingId,
        /// The date of the visit.
        on: NaiveDate,
    },
    /// Record the date the social worker spoke with the IRO ahead of a booked review.
    RecordSocialWorkerContact {
        /// The booked meeting.
        id: MeetingId,
        /// The date of the contact.
        on: NaiveDate,
    },
    /// Record the date the reports for a booked meeting reached the chair.
    RecordReportsReceived {
        /// The booked meeting.
        id: MeetingId,
        /// The date they arrived.
        on: NaiveDate,
    },
    /// Record that a booked meeting was adjourned (does not reset a clock).
    AdjournMeeting {
        /// Which meeting.
        id: MeetingId,
        /// Why.
        #[serde(default)]
        reason: Option<String>,
    },
    /// Record a meeting as held: a booked one (`id` of the booking) or a new one.
    RecordMeeting {
        /// The booked meeting, or an explicit id for a new one, or assigned.
        #[serde(default)]
        id: Option<MeetingId>,
        /// Which child.
        child: ChildId,
        /// Kind of meeting.
        kind: MeetingKind,
        /// What happened.
        #[serde(flatten)]
        outcome: MeetingOutcome,
    },
    /// Correct or complete what happened at a held meeting (e.g. record sent later).
    UpdateMeetingOutcome {
        /// Which meeting.
        id: MeetingId,
        /// What happened.
        #[serde(flatten)]
        outcome: MeetingOutcome,
    },
    /// Save the draft record of a meeting, as the chair writes it (one draft per meeting; it
    /// replaces the one saved before).
    SaveRecordDraft {
        /// The meeting.
        meeting: MeetingId,
        /// What is written so far (the audit trail keeps only which meeting: a draft is saved
        /// at every change, and the finalised record is audited whole).
        #[serde(default)]
        record: MeetingRecord,
    },
    /// Finalise a meeting's record: the meeting is recorded as held with its participation and
    /// outcome, and each decision is tracked from now on.
    FinaliseRecord {
        /// The meeting.
        meeting: MeetingId,
        /// The record as finalised.
        record: MeetingRecord,
    },
    /// Record the date a held meeting's decisions were circulated.
    RecordDecisionsSent {
        /// The meeting.
        meeting: MeetingId,
        /// The date.
        on: NaiveDate,
    },
    /// Record the date a held meeting's full record was sent.
    RecordRecordSent {
        /// The meeting.
        meeting: MeetingId,
        /// The date.
        on: NaiveDate,
    },
    /// A tracked decision was carried out.
    DecisionDone {
        /// Which decision.
        id: DecisionId,
        /// The day.
        on: NaiveDate,
        /// How, in a line.
        #[serde(default)]
        note: Option<String>,
    },
    /// A tracked decision is no longer to be done.
    DecisionDropped {
        /// Which decision.
        id: DecisionId,
        /// The day.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
    /// Set a local value for a rule (the default and source stay visible).
    SetRuleOverride {
        /// Which rule.
        rule: RuleId,
        /// Local value.
        value: u32,
        /// Why.
        #[serde(default)]
        note: Option<String>,
    },
    /// Return a rule to its default.
    ClearRuleOverride {
        /// Which rule.
        rule: RuleId,
    },
    /// Load bank holidays; every year present replaces what was loaded for that year.
    ImportHolidays {
        /// The holidays.
        holidays: Vec<HolidayRow>,
        /// Where they came from (file name).
        #[serde(default)]
        source: Option<String>,
    },
    /// Replace the store-wide settings.
    SetSettings {
        /// Settings.
        settings: Settings,
    },
    /// Set the IRO's own wording of the letter to the child for an age band, or (`text` None)
    /// go back to the default wording.
    SetLetterTemplate {
        /// Which band.
        band: AgeBand,
        /// The template; None = the default.
        #[serde(default)]
        text: Option<String>,
    },
    /// Raise a dispute (DRP) or a multi-agency challenge about a child's plan, at its first
    /// stage: the informal challenge, or any stage (the IRO may bypass stages).
    RaiseDispute {
        /// Explicit id, or assigned.
        #[serde(default)]
        id: Option<DisputeId>,
        /// Whose plan.
        child: ChildId,
        /// `drp` or `macp`.
        kind: DisputeKind,
        /// `lac_plan` or `cp_plan`.
        concerns: Concerns,
        /// Reason category: a code on the store's list (`set_dispute_reasons`).
        reason: DisputeReason,
        /// The date raised (also the date the first stage was raised).
        raised_on: NaiveDate,
        /// The first stage (a rung of the store's ladder for `kind`).
        stage: Stage,
        /// To whom the first stage was sent.
        sent_to: String,
        /// Raised for the child's whole sibling group: its name (as on the child's record).
        #[serde(default)]
        sibling_group: Option<String>,
        /// The partner agency challenged (required for `macp`, refused for `drp`).
        #[serde(default)]
        partner_agency: Option<String>,
    },
    /// Escalate an open dispute to a higher stage (stages may be skipped, never gone back
    /// to); the new stage's response clock starts on `raised_on`.
    EscalateDispute {
        /// Which dispute.
        id: DisputeId,
        /// The new stage.
        stage: Stage,
        /// The date it was raised.
        raised_on: NaiveDate,
        /// To whom.
        sent_to: String,
    },
    /// Record the response to a stage of an open dispute.
    RecordDisputeResponse {
        /// Which dispute.
        id: DisputeId,
        /// Which stage was answered.
        stage: Stage,
        /// The date of the response.
        responded_on: NaiveDate,
        /// What it said.
        #[serde(default)]
        summary: Option<String>,
    },
    /// Close a dispute: resolved (at the stage it reached), withdrawn, or ended by a referral
    /// to Cafcass (which also records the referral, if not recorded before).
    ResolveDispute {
        /// Which dispute.
        id: DisputeId,
        /// `resolved`, `withdrawn` or `referred_to_cafcass`.
        outcome: DisputeOutcome,
        /// The date it ended.
        on: NaiveDate,
    },
    /// Record a referral to Cafcass alongside an open dispute: the dispute stays open and its
    /// clocks keep running (CPPCR 2010 reg 45: the IRO may refer at any point).
    ReferToCafcass {
        /// Which dispute.
        id: DisputeId,
        /// The date of the referral.
        on: NaiveDate,
    },
    /// Replace the store's ladder for one kind of dispute (stages, targets, response times).
    SetDisputeLadder {
        /// `drp` or `macp`.
        kind: DisputeKind,
        /// The rungs, lowest first.
        steps: Vec<LadderStep>,
    },
    /// Receive a child handed over from another IRO's store (issue 17): a new child with their
    /// whole record, or (`merge`) what is new of a child already here. The record's own ids are
    /// the sending store's; the store gives every row a new one. Its IRO allocations name this
    /// store's IROs.
    ReceiveChild {
        /// The child here: the one to merge into, or an explicit id for a new child, or
        /// assigned.
        #[serde(default)]
        id: Option<ChildId>,
        /// True: `id` is a child already in this store, and only what is new is in `record`.
        #[serde(default)]
        merge: bool,
        /// The record received.
        record: Box<ChildRecord>,
        /// The sending store's audit rows about the child, oldest first.
        #[serde(default)]
        history: Vec<HistoryRow>,
    },
    /// Mark a child handed over to another IRO as transferred out: allocated to that IRO from
    /// the day of the handover, and read-only here from then on (their history is kept).
    TransferOut {
        /// Which child.
        child: ChildId,
        /// The receiving IRO.
        iro: IroId,
        /// The day of the handover.
        on: NaiveDate,
    },
    /// Replace the store's list of dispute reason categories (codes and labels, in the order
    /// forms and reports list them). A code a recorded dispute uses must stay on the list.
    SetDisputeReasons {
        /// The categories, in order.
        reasons: Vec<ReasonCategory>,
    },
}

impl Change {
    /// The snake_case name of the operation (as in the JSON tag).
    pub fn op(&self) -> &'static str {
        match self {
            Change::AddIro { .. } => "add_iro",
            Change::UpdateIro { .. } => "update_iro",
            Change::AddChild { .. } => "add_child",
            Change::UpdateChild { .. } => "update_child",
            Change::AllocateIro { .. } => "allocate_iro",
            Change::StartCare { .. } => "start_care",
            Change::UpdateCare { .. } => "update_care",
            Change::EndCare { .. } => "end_care",
            Change::SetReviewHistory { .. } => "set_review_history",
            Change::StartCpEpisode { .. } => "start_cp_episode",
            Change::UpdateCpEpisode { .. } => "update_cp_episode",
            Change::BookMeeting { .. } => "book_meeting",
            Change::MoveMeeting { .. } => "move_meeting",
            Change::CancelMeeting { .. } => "cancel_meeting",
            Change::AdjournMeeting { .. } => "adjourn_meeting",
            Change::RecordChildSeen { .. } => "record_child_seen",
            Change::RecordSocialWorkerContact { .. } => "record_social_worker_contact",
            Change::RecordReportsReceived { .. } => "record_reports_received",
            Change::RecordMeeting { .. } => "record_meeting",
            Change::UpdateMeetingOutcome { .. } => "update_meeting_outcome",
            Change::SaveRecordDraft { .. } => "save_record_draft",
            Change::FinaliseRecord { .. } => "finalise_record",
            Change::RecordDecisionsSent { .. } => "record_decisions_sent",
            Change::RecordRecordSent { .. } => "record_record_sent",
            Change::DecisionDone { .. } => "decision_done",
            Change::DecisionDropped { .. } => "decision_dropped",
            Change::SetRuleOverride { .. } => "set_rule_override",
            Change::ClearRuleOverride { .. } => "clear_rule_override",
            Change::ImportHolidays { .. } => "import_holidays",
            Change::SetSettings { .. } => "set_settings",
            Change::SetLetterTemplate { .. } => "set_letter_template",
            Change::RaiseDispute { .. } => "raise_dispute",
            Change::EscalateDispute { .. } => "escalate_dispute",
            Change::RecordDisputeResponse { .. } => "record_dispute_response",
            Change::ResolveDispute { .. } => "resolve_dispute",
            Change::ReferToCafcass { .. } => "refer_to_cafcass",
            Change::SetDisputeLadder { .. } => "set_dispute_ladder",
            Change::SetDisputeReasons { .. } => "set_dispute_reasons",
            Change::ReceiveChild { .. } => "receive_child",
            Change::TransferOut { .. } => "transfer_out",
        }
    }

    /// What the change does, in words ("Recorded a meeting held"), for the audit trail.
    pub fn label(&self) -> &'static str {
        match self {
            Change::AddIro { .. } => "Added an IRO",
            Change::UpdateIro { .. } => "Changed an IRO profile",
            Change::AddChild { .. } => "Added a child",
            Change::UpdateChild { .. } => "Changed a child's details",
            Change::AllocateIro { .. } => "Allocated an IRO",
            Change::StartCare { .. } => "Started a period of care",
            Change::UpdateCare { .. } => "Corrected a period of care",
            Change::EndCare { .. } => "Ended a period of care",
            Change::SetReviewHistory { .. } => "Recorded the reviews held before",
            Change::StartCpEpisode { .. } => "Started a child-protection episode",
            Change::UpdateCpEpisode { .. } => "Changed a child-protection episode",
            Change::BookMeeting { .. } => "Booked a meeting",
            Change::MoveMeeting { .. } => "Moved a meeting",
            Change::CancelMeeting { .. } => "Cancelled a meeting",
            Change::AdjournMeeting { .. } => "Adjourned a meeting",
            Change::RecordChildSeen { .. } => "Recorded the child seen",
            Change::RecordSocialWorkerContact { .. } => "Recorded the social worker's contact",
            Change::RecordReportsReceived { .. } => "Recorded the reports received",
            Change::RecordMeeting { .. } => "Recorded a meeting held",
            Change::UpdateMeetingOutcome { .. } => "Corrected a meeting's outcome",
            Change::SaveRecordDraft { .. } => "Saved a meeting's draft record",
            Change::FinaliseRecord { .. } => "Finalised a meeting's record",
            Change::RecordDecisionsSent { .. } => "Recorded the decisions sent",
            Change::RecordRecordSent { .. } => "Recorded the record sent",
            Change::DecisionDone { .. } => "Marked a decision done",
            Change::DecisionDropped { .. } => "Dropped a decision",
            Change::SetRuleOverride { .. } => "Set a local rule value",
            Change::ClearRuleOverride { .. } => "Cleared a local rule value",
            Change::ImportHolidays { .. } => "Imported bank holidays",
            Change::SetSettings { .. } => "Changed the settings",
            Change::SetLetterTemplate { .. } => "Changed the letter to the child",
            Change::RaiseDispute { .. } => "Raised a dispute",
            Change::EscalateDispute { .. } => "Escalated a dispute",
            Change::RecordDisputeResponse { .. } => "Recorded a dispute response",
            Change::ResolveDispute { .. } => "Closed a dispute",
            Change::ReferToCafcass { .. } => "Referred to Cafcass",
            Change::SetDisputeLadder { .. } => "Changed a dispute ladder",
            Change::SetDisputeReasons { .. } => "Changed the dispute reasons",
            Change::ReceiveChild { .. } => "Received a child by handover",
            Change::TransferOut { .. } => "Transferred a child out",
        }
    }
}
