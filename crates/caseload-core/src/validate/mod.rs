//! Field-level checks of a [`Change`] against the record it touches, before anything is written.
//!
//! Pure: the store loads the child's record as it stands, calls [`validate`], and writes only if
//! the result is empty. Every problem is reported (never only the first), each naming the wire
//! field and saying, as a full sentence, what is wrong.
//!
//! This module holds the public types, the checks every change goes through (its dates in
//! range, a time of day in whole minutes) and the dispatch of each [`Change`] to one function in
//! the module of what it changes: `iro`, `child`, `care` (periods of care and the reviews held
//! before them), `cp` (child-protection episodes), `meeting` (booking, moving, cancelling,
//! preparing), `outcome` (a meeting held), `record` (a meeting's record and its decisions),
//! `dispute` (disputes, and each store's ladders and reasons), `settings` (settings, rules,
//! holidays, the letter to the child); `participation` holds the age rule of the PN codes.
//!
//! Not here: anything that needs more than the child's record and the [`Context`] (the store
//! checks what only it knows, e.g. with [`check_reasons_keep_codes`]).

mod care;
pub(crate) mod child;
mod cp;
mod dispute;
mod handover;
mod iro;
mod meeting;
mod outcome;
mod participation;
pub(crate) use participation::fits_age;
mod record;
mod settings;

pub use cp::episode_of;
pub use dispute::{check_ladder_keeps_stages, check_reasons_keep_codes};
pub use participation::{
    allowed_participation, allowed_participation_born, fourth_birthday, participation_from_views,
    suggested_participation, suggested_participation_born,
};

use crate::change::Change;
use crate::domain::{
    ChildDetails, ChildRecord, CpEpisodeDetails, DecisionDue, MeetingOutcome, MeetingRecord,
};
use crate::explain::uk_date;
use crate::ids::{CarePeriodId, ChildId, CpEpisodeId, DecisionId, DisputeId, IroId, MeetingId};
use crate::rules::{DisputeLadders, DisputeReasons};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of problem a field has (stable codes a front end may switch on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A value is required.
    Required,
    /// The value is not acceptable.
    Invalid,
    /// The date is in the future.
    InFuture,
    /// The date is before the child's birth.
    BeforeBirth,
    /// Dates in the wrong order.
    Order,
    /// Overlaps another period or episode.
    Overlap,
    /// The participation code does not fit the child's age.
    AgeMismatch,
    /// Refers to something that does not exist.
    NotFound,
    /// The thing is not in a state that allows this change.
    Conflict,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, specta::Type)]
#[error("{message}")]
pub struct FieldError {
    /// The wire name of the field (e.g. "held_on").
    pub field: String,
    /// What kind of problem.
    pub code: ErrorCode,
    /// A sentence an IRO can read.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: &str, code: ErrorCode, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            code,
            message: message.into(),
        }
    }
}

/// Which child a change concerns, as far as the change itself says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// Not about a child (IROs, rules, holidays, settings), or a new child.
    None,
    /// A child by id.
    Child(ChildId),
    /// The child of a period of care.
    CarePeriod(CarePeriodId),
    /// The child of a CP episode.
    CpEpisode(CpEpisodeId),
    /// The child of a meeting.
    Meeting(MeetingId),
    /// The child of a dispute.
    Dispute(DisputeId),
    /// The child of a tracked decision.
    Decision(DecisionId),
}

/// The subject of a change: the store resolves it to a child and loads that child's record.
pub fn subject(change: &Change) -> Subject {
    match change {
        Change::AddIro { .. }
        | Change::UpdateIro { .. }
        | Change::AddChild { .. }
        | Change::SetRuleOverride { .. }
        | Change::ClearRuleOverride { .. }
        | Change::ImportHolidays { .. }
        | Change::SetSettings { .. }
        | Change::SetLetterTemplate { .. }
        | Change::SetDisputeLadder { .. }
        | Change::SetDisputeReasons { .. } => Subject::None,
        Change::UpdateChild { id, .. } => Subject::Child(*id),
        Change::ReceiveChild {
            id: Some(id),
            merge: true,
            ..
        } => Subject::Child(*id),
        Change::ReceiveChild { .. } => Subject::None,
        Change::TransferOut { child, .. } => Subject::Child(*child),
        Change::AllocateIro { child, .. }
        | Change::StartCare { child, .. }
        | Change::StartCpEpisode { child, .. }
        | Change::BookMeeting { child, .. }
        | Change::RecordMeeting { child, .. }
        | Change::SetReviewHistory { child, .. }
        | Change::RaiseDispute { child, .. } => Subject::Child(*child),
        Change::UpdateCare { id, .. } | Change::EndCare { id, .. } => Subject::CarePeriod(*id),
        Change::UpdateCpEpisode { id, .. } => Subject::CpEpisode(*id),
        Change::MoveMeeting { id, .. }
        | Change::CancelMeeting { id, .. }
        | Change::AdjournMeeting { id, .. }
        | Change::RecordChildSeen { id, .. }
        | Change::RecordSocialWorkerContact { id, .. }
        | Change::RecordReportsReceived { id, .. }
        | Change::UpdateMeetingOutcome { id, .. } => Subject::Meeting(*id),
        Change::SaveRecordDraft { meeting, .. }
        | Change::FinaliseRecord { meeting, .. }
        | Change::RecordDecisionsSent { meeting, .. }
        | Change::RecordRecordSent { meeting, .. } => Subject::Meeting(*meeting),
        Change::DecisionDone { id, .. } | Change::DecisionDropped { id, .. } => {
            Subject::Decision(*id)
        }
        Change::EscalateDispute { id, .. }
        | Change::RecordDisputeResponse { id, .. }
        | Change::ResolveDispute { id, .. }
        | Change::ReferToCafcass { id, .. } => Subject::Dispute(*id),
    }
}

/// What validation may consult besides the change.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Today.
    pub as_of: NaiveDate,
    /// The record of the child the change concerns, as it stands before the change.
    pub record: Option<&'a ChildRecord>,
    /// The IROs in the store (id, active).
    pub iros: &'a [(IroId, bool)],
    /// The dispute ladders in force (before the change).
    pub ladders: &'a DisputeLadders,
    /// The dispute reason categories in force (before the change).
    pub reasons: &'a DisputeReasons,
}

fn record_dates(record: &MeetingRecord) -> Vec<(&'static str, Option<NaiveDate>)> {
    let mut out = vec![
        ("held_on", record.held_on),
        ("next_meeting_on", record.next_meeting_on),
    ];
    for d in &record.decisions {
        if let Some(DecisionDue::On { on }) = d.due {
            out.push(("decisions", Some(on)));
        }
    }
    out
}

fn child_dates(details: &ChildDetails) -> Vec<(&'static str, Option<NaiveDate>)> {
    vec![
        ("born_on", details.born_on),
        ("expected_birth_on", details.expected_birth_on),
    ]
}

fn outcome_dates(o: &MeetingOutcome) -> Vec<(&'static str, Option<NaiveDate>)> {
    vec![
        ("held_on", o.held_on),
        ("child_seen_on", o.child_seen_on),
        ("decisions_sent_on", o.decisions_sent_on),
        ("record_sent_on", o.record_sent_on),
        ("social_worker_contact_on", o.social_worker_contact_on),
        ("reports_received_on", o.reports_received_on),
    ]
}

fn cp_dates(details: &CpEpisodeDetails) -> Vec<(&'static str, Option<NaiveDate>)> {
    vec![
        ("strategy_on", details.strategy_on),
        ("s47_started_on", details.s47_started_on),
        ("transfer_in_notified_on", details.transfer_in_notified_on),
        ("plan_started_on", details.plan_started_on),
        ("plan_ended_on", details.plan_ended_on),
        ("closed_on", details.closed_on),
    ]
}

/// Every date a change carries, with its wire field name.
pub fn dates_of(change: &Change) -> Vec<(&'static str, NaiveDate)> {
    let dates: Vec<(&'static str, Option<NaiveDate>)> = match change {
        Change::AddChild {
            details,
            allocated_on,
            ..
        } => [child_dates(details), vec![("allocated_on", *allocated_on)]].concat(),
        Change::UpdateChild { details, .. } => child_dates(details),
        Change::ReceiveChild {
            merge: false,
            record,
            ..
        } => child_dates(&record.child.details),
        Change::ReceiveChild { merge: true, .. } => Vec::new(),
        Change::TransferOut { on, .. } => vec![("on", Some(*on))],
        Change::AllocateIro { from_on, .. } => vec![("from_on", Some(*from_on))],
        Change::StartCare { started_on, .. } => vec![("started_on", Some(*started_on))],
        Change::UpdateCare {
            started_on,
            ended_on,
            ..
        } => vec![("started_on", Some(*started_on)), ("ended_on", *ended_on)],
        Change::EndCare { ended_on, .. } => vec![("ended_on", Some(*ended_on))],
        Change::StartCpEpisode { details, .. } | Change::UpdateCpEpisode { details, .. } => {
            cp_dates(details)
        }
        Change::RecordMeeting { outcome: o, .. }
        | Change::UpdateMeetingOutcome { outcome: o, .. } => outcome_dates(o),
        Change::ImportHolidays { holidays, .. } => holidays
            .iter()
            .map(|h| ("holidays", Some(h.date)))
            .collect(),
        Change::SaveRecordDraft { record, .. } | Change::FinaliseRecord { record, .. } => {
            record_dates(record)
        }
        Change::RaiseDispute { raised_on, .. } | Change::EscalateDispute { raised_on, .. } => {
            vec![("raised_on", Some(*raised_on))]
        }
        Change::RecordDisputeResponse { responded_on, .. } => {
            vec![("responded_on", Some(*responded_on))]
        }
        Change::BookMeeting { on, .. }
        | Change::MoveMeeting { on, .. }
        | Change::RecordChildSeen { on, .. }
        | Change::RecordSocialWorkerContact { on, .. }
        | Change::RecordReportsReceived { on, .. }
        | Change::RecordDecisionsSent { on, .. }
        | Change::RecordRecordSent { on, .. }
        | Change::DecisionDone { on, .. }
        | Change::DecisionDropped { on, .. }
        | Change::ResolveDispute { on, .. }
        | Change::ReferToCafcass { on, .. } => vec![("on", Some(*on))],
        Change::AddIro { .. }
        | Change::UpdateIro { .. }
        | Change::CancelMeeting { .. }
        | Change::AdjournMeeting { .. }
        | Change::SetRuleOverride { .. }
        | Change::ClearRuleOverride { .. }
        | Change::SetSettings { .. }
        | Change::SetLetterTemplate { .. }
        | Change::SetReviewHistory { .. }
        | Change::SetDisputeLadder { .. }
        | Change::SetDisputeReasons { .. } => Vec::new(),
    };
    dates
        .into_iter()
        .filter_map(|(field, on)| on.map(|on| (field, on)))
        .collect()
}

/// The earliest date the store accepts.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Checks a change; an empty vector means it may be written.
pub fn validate(change: &Change, ctx: &Context<'_>) -> Vec<FieldError> {
    let mut v = Errors::default();
    let implausible = implausible_dates(change, ctx.as_of);
    if let Change::BookMeeting { at: Some(at), .. } | Change::MoveMeeting { at: Some(at), .. } =
        change
    {
        meeting::check_time(&mut v, *at);
    }
    if !implausible.is_empty() {
        for field in implausible {
            v.push(
                field,
                ErrorCode::Invalid,
                "This date is out of range (it must be between 1900 and two years from today).",
            );
        }
        return v.0;
    }
    if let Some(refused) = handover::read_only(change, ctx) {
        return vec![refused];
    }
    check_change(&mut v, change, ctx);
    v.0
}

/// The fields of the dates a change carries that are before 1900 or more than two years after
/// `as_of`.
fn implausible_dates(change: &Change, as_of: NaiveDate) -> Vec<&'static str> {
    let latest = as_of
        .checked_add_months(chrono::Months::new(24))
        .unwrap_or(NaiveDate::MAX);
    // Bank holidays are proclaimed years ahead; everything else is at most two years ahead.
    let latest_holiday = as_of
        .checked_add_months(chrono::Months::new(12 * 30))
        .unwrap_or(NaiveDate::MAX);
    dates_of(change)
        .into_iter()
        .filter(|(field, on)| {
            let last = if *field == "holidays" {
                latest_holiday
            } else {
                latest
            };
            *on < EARLIEST || *on > last
        })
        .map(|(field, _)| field)
        .collect()
}

/// The checks of one change, in the module of what it changes (one function there per change).
fn check_change(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::AddIro { details, .. } | Change::UpdateIro { details, .. } => {
            iro::add_or_update_iro(v, details)
        }
        Change::AddChild { .. } | Change::UpdateChild { .. } | Change::AllocateIro { .. } => {
            child::check(v, change, ctx)
        }
        Change::StartCare { .. }
        | Change::UpdateCare { .. }
        | Change::EndCare { .. }
        | Change::SetReviewHistory { .. } => care::check(v, change, ctx),
        Change::StartCpEpisode { .. } | Change::UpdateCpEpisode { .. } => cp::check(v, change, ctx),
        Change::BookMeeting { .. }
        | Change::MoveMeeting { .. }
        | Change::CancelMeeting { .. }
        | Change::AdjournMeeting { .. }
        | Change::RecordChildSeen { .. }
        | Change::RecordSocialWorkerContact { .. }
        | Change::RecordReportsReceived { .. } => meeting::check(v, change, ctx),
        Change::RecordMeeting { .. } | Change::UpdateMeetingOutcome { .. } => {
            outcome::check(v, change, ctx)
        }
        Change::SaveRecordDraft { .. }
        | Change::FinaliseRecord { .. }
        | Change::RecordDecisionsSent { .. }
        | Change::RecordRecordSent { .. }
        | Change::DecisionDone { .. }
        | Change::DecisionDropped { .. } => record::check(v, change, ctx),
        Change::SetRuleOverride { .. }
        | Change::ClearRuleOverride { .. }
        | Change::ImportHolidays { .. }
        | Change::SetSettings { .. }
        | Change::SetLetterTemplate { .. } => settings::check(v, change, ctx),
        Change::RaiseDispute { .. }
        | Change::EscalateDispute { .. }
        | Change::RecordDisputeResponse { .. }
        | Change::ResolveDispute { .. }
        | Change::ReferToCafcass { .. }
        | Change::SetDisputeLadder { .. }
        | Change::SetDisputeReasons { .. } => dispute::check(v, change, ctx),
        Change::ReceiveChild { .. } | Change::TransferOut { .. } => handover::check(v, change, ctx),
    }
}

#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, field: &str, code: ErrorCode, message: impl Into<String>) {
        self.0.push(FieldError::new(field, code, message));
    }

    fn required_text(&mut self, field: &str, value: &str, label: &str) {
        if value.trim().is_empty() {
            self.push(field, ErrorCode::Required, format!("{label} is required."));
        }
        self.max_len(field, value, 100);
    }

    fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.push(
                field,
                ErrorCode::Invalid,
                format!("This is too long (at most {max} characters)."),
            );
        }
    }

    fn not_future(&mut self, field: &str, label: &str, on: NaiveDate, as_of: NaiveDate) {
        if on > as_of {
            self.push(
                field,
                ErrorCode::InFuture,
                format!("{label} ({}) is in the future.", uk_date(on)),
            );
        }
    }

    fn not_before_birth(
        &mut self,
        field: &str,
        label: &str,
        on: NaiveDate,
        details: &ChildDetails,
    ) {
        if let Some(born) = details.born_on {
            if on < born {
                self.push(
                    field,
                    ErrorCode::BeforeBirth,
                    format!(
                        "{label} ({}) is before the child's date of birth ({}).",
                        uk_date(on),
                        uk_date(born)
                    ),
                );
            }
        }
    }
}

fn need_record<'a>(v: &mut Errors, ctx: &Context<'a>) -> Option<&'a ChildRecord> {
    if ctx.record.is_none() {
        v.push(
            "child",
            ErrorCode::NotFound,
            "There is no such child in this store.",
        );
    }
    ctx.record
}

fn check_iro(v: &mut Errors, field: &str, iro: IroId, ctx: &Context<'_>) {
    match ctx.iros.iter().find(|(id, _)| *id == iro) {
        None => v.push(
            field,
            ErrorCode::NotFound,
            format!("There is no IRO {iro} in this store."),
        ),
        Some((_, false)) => v.push(
            field,
            ErrorCode::Conflict,
            "This IRO profile is no longer active.",
        ),
        Some(_) => {}
    }
}

/// Whether two spans of dates (an open end: still open) share a day.
fn overlaps(a: (NaiveDate, Option<NaiveDate>), b: (NaiveDate, Option<NaiveDate>)) -> bool {
    let a_end = a.1.unwrap_or(NaiveDate::MAX);
    let b_end = b.1.unwrap_or(NaiveDate::MAX);
    a.0 <= b_end && b.0 <= a_end
}
