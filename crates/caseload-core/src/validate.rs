//! Field-level checks of a [`Change`] against the record it touches, before anything is written.
//!
//! Pure: the store loads the child's record as it stands, calls [`validate`], and writes only if
//! the result is empty. Every problem is reported (never only the first), each naming the wire
//! field and saying, as a full sentence, what is wrong.

use crate::change::Change;
use crate::disputes::stage_label;
use crate::domain::{
    unknown_placeholders, ChildDetails, ChildRecord, Concerns, CpEpisode, CpEpisodeDetails,
    DecisionDue, DecisionState, Dispute, DisputeKind, DisputeOutcome, DisputeReason, Meeting,
    MeetingKind, MeetingOutcome, MeetingRecord, MeetingStatus, Participation, PlanDecision,
    RecordStatus, Regime, ReviewHistory, Stage, LETTER_TEMPLATE_MAX_CHARS,
};
use crate::explain::uk_date;
use crate::ids::{CarePeriodId, ChildId, CpEpisodeId, DecisionId, DisputeId, IroId, MeetingId};
use crate::rules::{DisputeLadders, DisputeReasons, LadderStep, ReasonCategory, StageClock};
use crate::settings::{MeetingMinutes, Settings};
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

/// Every date a change carries, with its wire field name.
pub fn dates_of(change: &Change) -> Vec<(&'static str, NaiveDate)> {
    fn outcome(o: &MeetingOutcome) -> [(&'static str, Option<NaiveDate>); 6] {
        [
            ("held_on", o.held_on),
            ("child_seen_on", o.child_seen_on),
            ("decisions_sent_on", o.decisions_sent_on),
            ("record_sent_on", o.record_sent_on),
            ("social_worker_contact_on", o.social_worker_contact_on),
            ("reports_received_on", o.reports_received_on),
        ]
    }
    let dates: Vec<(&'static str, Option<NaiveDate>)> = match change {
        Change::AddChild {
            details,
            allocated_on,
            ..
        } => vec![
            ("born_on", details.born_on),
            ("expected_birth_on", details.expected_birth_on),
            ("allocated_on", *allocated_on),
        ],
        Change::UpdateChild { details, .. } => vec![
            ("born_on", details.born_on),
            ("expected_birth_on", details.expected_birth_on),
        ],
        Change::AllocateIro { from_on, .. } => vec![("from_on", Some(*from_on))],
        Change::StartCare { started_on, .. } => vec![("started_on", Some(*started_on))],
        Change::UpdateCare {
            started_on,
            ended_on,
            ..
        } => vec![("started_on", Some(*started_on)), ("ended_on", *ended_on)],
        Change::EndCare { ended_on, .. } => vec![("ended_on", Some(*ended_on))],
        Change::StartCpEpisode { details, .. } | Change::UpdateCpEpisode { details, .. } => vec![
            ("strategy_on", details.strategy_on),
            ("s47_started_on", details.s47_started_on),
            ("transfer_in_notified_on", details.transfer_in_notified_on),
            ("plan_started_on", details.plan_started_on),
            ("plan_ended_on", details.plan_ended_on),
            ("closed_on", details.closed_on),
        ],
        Change::BookMeeting { on, .. }
        | Change::MoveMeeting { on, .. }
        | Change::RecordChildSeen { on, .. }
        | Change::RecordSocialWorkerContact { on, .. }
        | Change::RecordReportsReceived { on, .. } => vec![("on", Some(*on))],
        Change::RecordMeeting { outcome: o, .. }
        | Change::UpdateMeetingOutcome { outcome: o, .. } => outcome(o).to_vec(),
        Change::ImportHolidays { holidays, .. } => holidays
            .iter()
            .map(|h| ("holidays", Some(h.date)))
            .collect(),
        Change::SaveRecordDraft { record, .. } | Change::FinaliseRecord { record, .. } => {
            record_dates(record)
        }
        Change::RecordDecisionsSent { on, .. }
        | Change::RecordRecordSent { on, .. }
        | Change::DecisionDone { on, .. }
        | Change::DecisionDropped { on, .. } => vec![("on", Some(*on))],
        Change::RaiseDispute { raised_on, .. } | Change::EscalateDispute { raised_on, .. } => {
            vec![("raised_on", Some(*raised_on))]
        }
        Change::RecordDisputeResponse { responded_on, .. } => {
            vec![("responded_on", Some(*responded_on))]
        }
        Change::ResolveDispute { on, .. } | Change::ReferToCafcass { on, .. } => {
            vec![("on", Some(*on))]
        }
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
    let latest = ctx
        .as_of
        .checked_add_months(chrono::Months::new(24))
        .unwrap_or(NaiveDate::MAX);
    // Bank holidays are proclaimed years ahead; everything else is at most two years ahead.
    let latest_holiday = ctx
        .as_of
        .checked_add_months(chrono::Months::new(12 * 30))
        .unwrap_or(NaiveDate::MAX);
    let implausible: Vec<&str> = dates_of(change)
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
        .collect();
    if let Change::BookMeeting { at: Some(at), .. } | Change::MoveMeeting { at: Some(at), .. } =
        change
    {
        if chrono::Timelike::second(at) != 0 || chrono::Timelike::nanosecond(at) != 0 {
            v.push(
                "at",
                ErrorCode::Invalid,
                "Give the time in hours and minutes (e.g. 14:30).",
            );
        }
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
    match change {
        Change::AddIro { details, .. } | Change::UpdateIro { details, .. } => {
            v.required_text("name", &details.name, "The IRO's name");
            if !(details.fte > 0.0 && details.fte <= 1.0) {
                v.push(
                    "fte",
                    ErrorCode::Invalid,
                    "FTE must be more than 0 and at most 1 (e.g. 0.8 for four days a week).",
                );
            }
        }
        Change::AddChild {
            details,
            iro,
            allocated_on,
            ..
        } => {
            check_child_details(&mut v, details, ctx.as_of);
            if let Some(on) = allocated_on {
                v.not_future("allocated_on", "Allocated on", *on, ctx.as_of);
            }
            if let Some(iro) = iro {
                check_iro(&mut v, "iro", *iro, ctx);
                if allocated_on.is_none() {
                    v.push(
                        "allocated_on",
                        ErrorCode::Required,
                        "Allocated on is required when an IRO is chosen.",
                    );
                }
            } else if allocated_on.is_some() {
                v.push(
                    "iro",
                    ErrorCode::Required,
                    "Choose the IRO the child is allocated to.",
                );
            }
        }
        Change::UpdateChild { details, .. } => {
            check_child_details(&mut v, details, ctx.as_of);
            if let (Some(record), Some(born)) = (ctx.record, details.born_on) {
                if let Some(first) = record
                    .meetings
                    .iter()
                    .filter(|m| m.kind == MeetingKind::LacReview)
                    .filter_map(Meeting::held_on)
                    .filter(|d| *d < born)
                    .min()
                {
                    v.push(
                        "born_on",
                        ErrorCode::Order,
                        format!(
                            "Date of birth ({}) is after a LAC review already held on {}.",
                            uk_date(born),
                            uk_date(first)
                        ),
                    );
                }
                if let Some(p) = record.care_periods.iter().find(|p| p.started_on < born) {
                    v.push(
                        "born_on",
                        ErrorCode::Order,
                        format!(
                            "Date of birth ({}) is after the start of a period of care ({}).",
                            uk_date(born),
                            uk_date(p.started_on)
                        ),
                    );
                }
            }
        }
        Change::AllocateIro { iro, from_on, .. } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_iro(&mut v, "iro", *iro, ctx);
            v.not_future("from_on", "Allocated from", *from_on, ctx.as_of);
            if let Some(last) = record.allocations.iter().map(|a| a.from_on).max() {
                if *from_on < last {
                    v.push(
                        "from_on",
                        ErrorCode::Order,
                        format!(
                            "Allocated from ({}) is before the current allocation ({}).",
                            uk_date(*from_on),
                            uk_date(last)
                        ),
                    );
                }
            }
        }
        Change::StartCare {
            started_on,
            legal_status,
            regime,
            ..
        } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_care(&mut v, record, None, *started_on, None, ctx.as_of);
            check_regime(&mut v, legal_status.is_short_break(), *regime);
        }
        Change::UpdateCare {
            id,
            started_on,
            ended_on,
            legal_status,
            regime,
        } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_care(&mut v, record, Some(*id), *started_on, *ended_on, ctx.as_of);
            check_regime(&mut v, legal_status.is_short_break(), *regime);
        }
        Change::SetReviewHistory { history, .. } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_review_history(&mut v, record, *history, ctx.as_of);
        }
        Change::EndCare { id, ended_on } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            let Some(period) = record.care_periods.iter().find(|p| p.id == *id) else {
                v.push(
                    "id",
                    ErrorCode::NotFound,
                    format!("There is no period of care {id}."),
                );
                return v.0;
            };
            if let Some(end) = period.ended_on {
                v.push(
                    "ended_on",
                    ErrorCode::Conflict,
                    format!("This period of care already ended on {}.", uk_date(end)),
                );
            }
            check_care(
                &mut v,
                record,
                Some(*id),
                period.started_on,
                Some(*ended_on),
                ctx.as_of,
            );
        }
        Change::StartCpEpisode { details, .. } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_cp(&mut v, record, None, details, ctx.as_of);
        }
        Change::UpdateCpEpisode { id, details } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_cp(&mut v, record, Some(*id), details, ctx.as_of);
        }
        Change::BookMeeting {
            kind, on, venue, ..
        } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_meeting_date(&mut v, record, *kind, "on", "The meeting date", *on);
            if let Some(venue) = venue {
                v.max_len("venue", venue, 200);
            }
        }
        Change::MoveMeeting { id, on, .. } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            if let Some(m) = booked_meeting(&mut v, record, *id) {
                check_meeting_date(&mut v, record, m.kind, "on", "The meeting date", *on);
            }
        }
        Change::CancelMeeting { id, .. } | Change::AdjournMeeting { id, .. } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            booked_meeting(&mut v, record, *id);
        }
        Change::RecordChildSeen { id, on } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            if let Some(m) = booked_meeting(&mut v, record, *id) {
                v.not_future("on", "Child seen on", *on, ctx.as_of);
                v.not_before_birth("on", "Child seen on", *on, &record.child.details);
                if m.booked_on.is_some_and(|b| *on > b) {
                    v.push(
                        "on",
                        ErrorCode::Order,
                        "Child seen on is after the booked review: record the visit ahead of it.",
                    );
                }
            }
        }
        Change::RecordSocialWorkerContact { id, on } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            if let Some(m) = booked_meeting(&mut v, record, *id) {
                check_preparation_on(&mut v, m, "Social worker contact on", *on, ctx.as_of);
            }
        }
        Change::RecordReportsReceived { id, on } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            if let Some(m) = booked_meeting(&mut v, record, *id) {
                check_preparation_on(&mut v, m, "Reports received on", *on, ctx.as_of);
            }
        }
        Change::RecordMeeting {
            id, kind, outcome, ..
        } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            if let Some(existing) = id.and_then(|id| record.meetings.iter().find(|m| m.id == id)) {
                if existing.status != MeetingStatus::Booked {
                    v.push(
                        "id",
                        ErrorCode::Conflict,
                        "Only a booked meeting can be recorded as held; correct a held meeting instead.",
                    );
                }
                if existing.kind != *kind {
                    v.push(
                        "kind",
                        ErrorCode::Conflict,
                        format!("This meeting was booked as a {}.", existing.kind.label()),
                    );
                }
            }
            check_outcome(&mut v, record, *kind, outcome, ctx.as_of);
        }
        Change::UpdateMeetingOutcome { id, outcome } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            match record.meetings.iter().find(|m| m.id == *id) {
                None => v.push(
                    "id",
                    ErrorCode::NotFound,
                    format!("There is no meeting {id}."),
                ),
                Some(m) if m.status != MeetingStatus::Held => v.push(
                    "id",
                    ErrorCode::Conflict,
                    "Only a held meeting has an outcome to correct.",
                ),
                Some(m) => check_outcome(&mut v, record, m.kind, outcome, ctx.as_of),
            }
        }
        Change::SaveRecordDraft { meeting, record } => {
            let Some(child) = need_record(&mut v, ctx) else {
                return v.0;
            };
            if let Some(m) = meeting_open_to_record(&mut v, child, *meeting) {
                check_record_draft(&mut v, m, record);
            }
        }
        Change::FinaliseRecord { meeting, record } => {
            let Some(child) = need_record(&mut v, ctx) else {
                return v.0;
            };
            if let Some(m) = meeting_open_to_record(&mut v, child, *meeting) {
                check_record_draft(&mut v, m, record);
                check_record_final(&mut v, child, m, record, ctx.as_of);
            }
        }
        Change::RecordDecisionsSent { meeting, on } | Change::RecordRecordSent { meeting, on } => {
            let Some(child) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_sent(&mut v, child, *meeting, *on, ctx.as_of);
        }
        Change::DecisionDone { id, on, note } => {
            let Some(child) = need_record(&mut v, ctx) else {
                return v.0;
            };
            if let Some(note) = note {
                v.max_len("note", note, 500);
            }
            check_decision_closing(&mut v, child, *id, *on, ctx.as_of);
        }
        Change::DecisionDropped { id, on, reason } => {
            let Some(child) = need_record(&mut v, ctx) else {
                return v.0;
            };
            v.required_text("reason", reason, "Why the decision is dropped");
            v.max_len("reason", reason, 500);
            check_decision_closing(&mut v, child, *id, *on, ctx.as_of);
        }
        Change::SetRuleOverride { rule, value, .. } => {
            if *value == 0 || *value > 400 {
                v.push(
                    "value",
                    ErrorCode::Invalid,
                    format!("The local value for {rule} must be between 1 and 400."),
                );
            }
        }
        Change::ClearRuleOverride { .. } => {}
        Change::ImportHolidays { holidays, .. } => {
            if holidays.is_empty() {
                v.push(
                    "holidays",
                    ErrorCode::Required,
                    "The file lists no bank holidays.",
                );
            }
            let mut dates: Vec<NaiveDate> = holidays.iter().map(|h| h.date).collect();
            dates.sort();
            if let Some(w) = dates.windows(2).find(|w| w[0] == w[1]) {
                v.push(
                    "holidays",
                    ErrorCode::Invalid,
                    format!("{} is listed twice.", uk_date(w[0])),
                );
            }
        }
        Change::SetSettings { settings } => {
            if let Some(owner) = settings.owner {
                check_iro(&mut v, "owner", owner, ctx);
            }
            if settings.red_within_working_days > settings.amber_within_working_days {
                v.push(
                    "red_within_working_days",
                    ErrorCode::Order,
                    "The red threshold must not be longer than the amber threshold.",
                );
            }
            if settings.amber_within_working_days > 120 {
                v.push(
                    "amber_within_working_days",
                    ErrorCode::Invalid,
                    "The amber threshold must be at most 120 working days.",
                );
            }
            for (kind, field, minutes) in settings.meeting_minutes.each() {
                if !MeetingMinutes::RANGE.contains(&minutes) {
                    v.push(
                        &format!("meeting_minutes.{field}"),
                        ErrorCode::Invalid,
                        format!(
                            "A {} lasts between {} and {} minutes.",
                            kind.label().to_lowercase(),
                            MeetingMinutes::RANGE.start(),
                            MeetingMinutes::RANGE.end()
                        ),
                    );
                }
            }
            if !Settings::AUTO_LOCK_MINUTES.contains(&settings.auto_lock_minutes) {
                v.push(
                    "auto_lock_minutes",
                    ErrorCode::Invalid,
                    format!(
                        "Lock after between {} and {} minutes without use.",
                        Settings::AUTO_LOCK_MINUTES.start(),
                        Settings::AUTO_LOCK_MINUTES.end()
                    ),
                );
            }
        }
        Change::SetLetterTemplate {
            text: Some(text), ..
        } => check_letter_template(&mut v, text),
        Change::SetLetterTemplate { text: None, .. } => {}
        Change::RaiseDispute {
            kind,
            concerns,
            raised_on,
            stage,
            sent_to,
            sibling_group,
            partner_agency,
            reason,
            ..
        } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            check_reason_on_list(&mut v, ctx.reasons, reason);
            check_raise(
                &mut v,
                record,
                ctx,
                Raise {
                    kind: *kind,
                    concerns: *concerns,
                    raised_on: *raised_on,
                    stage: *stage,
                    sibling_group: sibling_group.as_deref(),
                    partner_agency: partner_agency.as_deref(),
                },
            );
            v.required_text("sent_to", sent_to, "Sent to");
        }
        Change::EscalateDispute {
            id,
            stage,
            raised_on,
            sent_to,
        } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            let Some(d) = open_dispute(&mut v, record, *id) else {
                return v.0;
            };
            v.not_future("raised_on", "Raised on", *raised_on, ctx.as_of);
            check_stage_on_ladder(&mut v, ctx.ladders, d.kind, *stage);
            if let Some(current) = d.current() {
                let label = stage_label(ctx.ladders, d.kind, current.stage);
                if *stage <= current.stage {
                    v.push(
                        "stage",
                        ErrorCode::Order,
                        format!(
                            "{} is not above {label}, which this dispute has reached: a dispute moves up (stages may be skipped), never back.",
                            stage_label(ctx.ladders, d.kind, *stage)
                        ),
                    );
                }
                if *raised_on < current.raised_on {
                    v.push(
                        "raised_on",
                        ErrorCode::Order,
                        format!(
                            "Raised on ({}) is before {label} was raised ({}).",
                            uk_date(*raised_on),
                            uk_date(current.raised_on)
                        ),
                    );
                }
            }
            v.required_text("sent_to", sent_to, "Sent to");
        }
        Change::RecordDisputeResponse {
            id,
            stage,
            responded_on,
            summary,
        } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            let Some(d) = open_dispute(&mut v, record, *id) else {
                return v.0;
            };
            v.not_future("responded_on", "Responded on", *responded_on, ctx.as_of);
            if let Some(summary) = summary {
                v.max_len("summary", summary, 1000);
            }
            let label = stage_label(ctx.ladders, d.kind, *stage);
            match d.stage(*stage) {
                None => v.push(
                    "stage",
                    ErrorCode::NotFound,
                    format!("{label} was not raised on this dispute."),
                ),
                Some(event) => {
                    if let Some(on) = event.responded_on {
                        v.push(
                            "stage",
                            ErrorCode::Conflict,
                            format!(
                                "A response to {label} is already recorded ({}).",
                                uk_date(on)
                            ),
                        );
                    }
                    if *responded_on < event.raised_on {
                        v.push(
                            "responded_on",
                            ErrorCode::Order,
                            format!(
                                "Responded on ({}) is before {label} was raised ({}).",
                                uk_date(*responded_on),
                                uk_date(event.raised_on)
                            ),
                        );
                    }
                }
            }
        }
        Change::ResolveDispute { id, on, outcome } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            let Some(d) = open_dispute(&mut v, record, *id) else {
                return v.0;
            };
            if *outcome == DisputeOutcome::ReferredToCafcass {
                check_cafcass_concerns(&mut v, d, "outcome");
            }
            v.not_future("on", "Closed on", *on, ctx.as_of);
            let (last, _) = d.last_activity();
            if *on < last {
                v.push(
                    "on",
                    ErrorCode::Order,
                    format!(
                        "Closed on ({}) is before the last thing recorded on this dispute ({}).",
                        uk_date(*on),
                        uk_date(last)
                    ),
                );
            }
        }
        Change::ReferToCafcass { id, on } => {
            let Some(record) = need_record(&mut v, ctx) else {
                return v.0;
            };
            let Some(d) = open_dispute(&mut v, record, *id) else {
                return v.0;
            };
            check_cafcass_concerns(&mut v, d, "id");
            v.not_future("on", "Referred to Cafcass on", *on, ctx.as_of);
            if let Some(before) = d.cafcass_referred_on {
                v.push(
                    "on",
                    ErrorCode::Conflict,
                    format!(
                        "A referral to Cafcass is already recorded ({}).",
                        uk_date(before)
                    ),
                );
            }
            if *on < d.raised_on {
                v.push(
                    "on",
                    ErrorCode::Order,
                    format!(
                        "Referred to Cafcass on ({}) is before the dispute was raised ({}).",
                        uk_date(*on),
                        uk_date(d.raised_on)
                    ),
                );
            }
        }
        Change::SetDisputeLadder { steps, .. } => check_ladder(&mut v, steps),
        Change::SetDisputeReasons { reasons } => check_reasons(&mut v, reasons),
    }
    v.0
}

/// Cafcass is referred to about a looked-after child's care plan (CPPCR 2010 reg 45), never
/// about a child protection plan.
fn check_cafcass_concerns(v: &mut Errors, d: &Dispute, field: &str) {
    if d.concerns != Concerns::LacPlan {
        v.push(
            field,
            ErrorCode::Conflict,
            "Cafcass is referred to only about a looked-after child's care plan (CPPCR 2010 reg 45); this dispute is about the child protection plan.",
        );
    }
}

/// What a new dispute says about itself.
struct Raise<'c> {
    kind: DisputeKind,
    concerns: Concerns,
    raised_on: NaiveDate,
    stage: Stage,
    sibling_group: Option<&'c str>,
    partner_agency: Option<&'c str>,
}

fn check_raise(v: &mut Errors, record: &ChildRecord, ctx: &Context<'_>, r: Raise<'_>) {
    let child = &record.child.details;
    v.not_future("raised_on", "Raised on", r.raised_on, ctx.as_of);
    v.not_before_birth("raised_on", "Raised on", r.raised_on, child);
    check_stage_on_ladder(v, ctx.ladders, r.kind, r.stage);
    match r.concerns {
        Concerns::LacPlan => {
            if !record.care_periods.iter().any(|p| p.contains(r.raised_on)) {
                v.push(
                    "concerns",
                    ErrorCode::Conflict,
                    format!(
                        "The child was not looked after on {}: a dispute about the care plan needs a period of care open that day.",
                        uk_date(r.raised_on)
                    ),
                );
            }
        }
        Concerns::CpPlan => {
            if episode_of(record, r.raised_on).is_none() {
                v.push(
                    "concerns",
                    ErrorCode::Conflict,
                    format!(
                        "There is no child-protection episode open on {}: a dispute about the child protection plan needs one.",
                        uk_date(r.raised_on)
                    ),
                );
            }
        }
    }
    match (r.kind, r.partner_agency.map(str::trim)) {
        (DisputeKind::Macp, None | Some("")) => v.push(
            "partner_agency",
            ErrorCode::Required,
            "A multi-agency challenge needs the partner agency (e.g. police, health, a school).",
        ),
        (DisputeKind::Macp, Some(agency)) => v.max_len("partner_agency", agency, 100),
        (DisputeKind::Drp, Some(_)) => v.push(
            "partner_agency",
            ErrorCode::Invalid,
            "Only a multi-agency challenge has a partner agency; the DRP is raised within the local authority.",
        ),
        (DisputeKind::Drp, None) => {}
    }
    if let Some(group) = r.sibling_group {
        match child.sibling_group.as_deref() {
            Some(own) if own == group => {}
            Some(own) => v.push(
                "sibling_group",
                ErrorCode::Conflict,
                format!("The child's sibling group is {own}, not {group}."),
            ),
            None => v.push(
                "sibling_group",
                ErrorCode::Conflict,
                "The child's record names no sibling group.",
            ),
        }
    }
}

/// The dispute a change names, if it exists and is still open.
fn open_dispute<'r>(v: &mut Errors, record: &'r ChildRecord, id: DisputeId) -> Option<&'r Dispute> {
    match record.disputes.iter().find(|d| d.id == id) {
        None => {
            v.push(
                "id",
                ErrorCode::NotFound,
                format!("There is no dispute {id}."),
            );
            None
        }
        Some(d) if !d.is_open() => {
            let how = d.outcome.map_or("closed", |o| o.label());
            let on = d
                .closed_on
                .map_or(String::new(), |on| format!(" on {}", uk_date(on)));
            v.push(
                "id",
                ErrorCode::Conflict,
                format!("This dispute is closed ({how}{on}): it can no longer change."),
            );
            None
        }
        Some(d) => Some(d),
    }
}

fn check_stage_on_ladder(
    v: &mut Errors,
    ladders: &DisputeLadders,
    kind: DisputeKind,
    stage: Stage,
) {
    if ladders.step(kind, stage).is_none() {
        let known: Vec<String> = ladders
            .of(kind)
            .iter()
            .map(|s| format!("{} ({})", s.stage, s.label))
            .collect();
        v.push(
            "stage",
            ErrorCode::NotFound,
            format!(
                "There is no {} {stage} on this store's ladder; it has {}.",
                kind.rung(),
                known.join(", ")
            ),
        );
    }
}

/// The most working days a ladder may give a stage.
const MAX_STAGE_WORKING_DAYS: u32 = 60;

fn check_ladder(v: &mut Errors, steps: &[LadderStep]) {
    if steps.is_empty() {
        v.push(
            "steps",
            ErrorCode::Required,
            "A ladder needs at least one stage.",
        );
        return;
    }
    if steps.len() > 12 {
        v.push(
            "steps",
            ErrorCode::Invalid,
            "A ladder has at most 12 stages.",
        );
    }
    if let Some(w) = steps.windows(2).find(|w| w[1].stage <= w[0].stage) {
        v.push(
            "steps",
            ErrorCode::Order,
            format!(
                "List the stages lowest first, each once: {} comes after {}.",
                w[1].stage, w[0].stage
            ),
        );
    }
    if let Some(w) = steps.windows(2).find(|w| w[0].formal && !w[1].formal) {
        v.push(
            "steps",
            ErrorCode::Order,
            format!(
                "{} is informal but comes after a formal stage: informal stages come first.",
                w[1].label
            ),
        );
    }
    if !steps.iter().any(|s| s.formal) {
        v.push(
            "steps",
            ErrorCode::Required,
            "A ladder needs at least one formal stage.",
        );
    }
    for step in steps {
        if step.label.trim().is_empty() {
            v.push(
                "steps",
                ErrorCode::Required,
                format!("Stage {} needs a label.", step.stage),
            );
        }
        v.max_len("steps", &step.label, 100);
        v.max_len("steps", &step.target, 100);
        if let StageClock::RuleOf(rule) = step.response {
            if crate::rules::RuleDef::of(rule).measure != crate::rules::Measure::WorkingDaysAfter {
                v.push(
                    "steps",
                    ErrorCode::Invalid,
                    format!(
                        "{}: the rule '{rule}' is not a number of working days after an event.",
                        step.label
                    ),
                );
            }
        }
        if let StageClock::WorkingDays(n) = step.response {
            if n == 0 || n > MAX_STAGE_WORKING_DAYS {
                v.push(
                    "steps",
                    ErrorCode::Invalid,
                    format!(
                        "{}: the response time must be between 1 and {MAX_STAGE_WORKING_DAYS} working days.",
                        step.label
                    ),
                );
            }
        }
    }
}

/// A dispute's reason must be one of the store's categories.
fn check_reason_on_list(v: &mut Errors, reasons: &DisputeReasons, reason: &DisputeReason) {
    if reasons.get(reason).is_none() {
        let codes: Vec<&str> = reasons
            .categories()
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        v.push(
            "reason",
            ErrorCode::Invalid,
            format!(
                "'{reason}' is not one of this store's reason categories: {}.",
                codes.join(", ")
            ),
        );
    }
}

/// The longest reason label.
const MAX_REASON_LABEL: usize = 100;
/// The most reason categories a store may list.
const MAX_REASONS: usize = 30;

fn check_reasons(v: &mut Errors, reasons: &[ReasonCategory]) {
    if reasons.is_empty() {
        v.push(
            "reasons",
            ErrorCode::Required,
            "List at least one reason category.",
        );
        return;
    }
    if reasons.len() > MAX_REASONS {
        v.push(
            "reasons",
            ErrorCode::Invalid,
            format!("List at most {MAX_REASONS} reason categories."),
        );
    }
    for (i, category) in reasons.iter().enumerate() {
        if !category.code.is_well_formed() {
            v.push(
                "reasons",
                ErrorCode::Invalid,
                format!(
                    "'{}' is not a usable code: start with a lower-case letter, then use lower-case letters, digits or _, at most {} characters.",
                    category.code,
                    DisputeReason::MAX_LEN
                ),
            );
        }
        if category.label.trim().is_empty() {
            v.push(
                "reasons",
                ErrorCode::Required,
                format!("The category '{}' needs a label.", category.code),
            );
        }
        v.max_len("reasons", &category.label, MAX_REASON_LABEL);
        let earlier = &reasons[..i];
        if earlier.iter().any(|c| c.code == category.code) {
            v.push(
                "reasons",
                ErrorCode::Conflict,
                format!("The code '{}' is listed twice.", category.code),
            );
        }
        let label = category.label.trim();
        if !label.is_empty()
            && earlier
                .iter()
                .any(|c| c.label.trim().eq_ignore_ascii_case(label))
        {
            v.push(
                "reasons",
                ErrorCode::Conflict,
                format!("The label '{label}' is listed twice."),
            );
        }
    }
}

/// A new list of reason categories must keep every code a recorded dispute uses (`in_use`,
/// which the store knows): checked by the store after [`validate`].
pub fn check_reasons_keep_codes(
    reasons: &[ReasonCategory],
    in_use: &[DisputeReason],
    current: &DisputeReasons,
) -> Vec<FieldError> {
    let mut v = Errors::default();
    for code in in_use {
        if !reasons.iter().any(|c| &c.code == code) {
            v.push(
                "reasons",
                ErrorCode::Conflict,
                format!(
                    "'{}' is the reason of a dispute already recorded: keep it on the list (its label may change).",
                    current.label(code)
                ),
            );
        }
    }
    v.0
}

/// A new ladder must keep every stage that a recorded dispute of its kind has reached
/// (`in_use`, which the store knows): checked by the store after [`validate`].
pub fn check_ladder_keeps_stages(
    kind: DisputeKind,
    steps: &[LadderStep],
    in_use: &[Stage],
    current: &DisputeLadders,
) -> Vec<FieldError> {
    let mut v = Errors::default();
    for stage in in_use {
        if !steps.iter().any(|s| s.stage == *stage) {
            v.push(
                "steps",
                ErrorCode::Conflict,
                format!(
                    "{} is used by a dispute already recorded: keep it on the ladder.",
                    stage_label(current, kind, *stage)
                ),
            );
        }
    }
    v.0
}

/// The participation codes that fit the child's age on the review date (domain.md §4.1):
/// under 4 → PN0 only; over 4 → PN1–PN7; on the 4th birthday itself, all of them.
pub fn allowed_participation(details: &ChildDetails, review_on: NaiveDate) -> Vec<Participation> {
    allowed_participation_born(details.born_on, review_on)
}

/// [`allowed_participation`] from the date of birth alone (a child not yet in the store).
pub fn allowed_participation_born(
    born_on: Option<NaiveDate>,
    review_on: NaiveDate,
) -> Vec<Participation> {
    let Some(fourth) = fourth_birthday(born_on) else {
        return Participation::ALL.to_vec();
    };
    Participation::ALL
        .into_iter()
        .filter(|p| {
            if review_on < fourth {
                *p == Participation::Pn0
            } else if review_on > fourth {
                *p != Participation::Pn0
            } else {
                true
            }
        })
        .collect()
}

/// The participation code for how the child's views reached a review held on `on`: PN0 under
/// 4 (the age rule), otherwise the code that way of taking part describes.
pub fn participation_from_views(
    details: &ChildDetails,
    on: NaiveDate,
    views: crate::domain::ViewsConveyed,
) -> Participation {
    suggested_participation(details, on).unwrap_or(views.code())
}

/// The code to suggest: PN0 if and only if the review is before the 4th birthday.
pub fn suggested_participation(
    details: &ChildDetails,
    review_on: NaiveDate,
) -> Option<Participation> {
    suggested_participation_born(details.born_on, review_on)
}

/// [`suggested_participation`] from the date of birth alone.
pub fn suggested_participation_born(
    born_on: Option<NaiveDate>,
    review_on: NaiveDate,
) -> Option<Participation> {
    let fourth = fourth_birthday(born_on)?;
    (review_on < fourth).then_some(Participation::Pn0)
}

fn fourth_birthday(born_on: Option<NaiveDate>) -> Option<NaiveDate> {
    born_on.and_then(|b| b.checked_add_months(chrono::Months::new(48)))
}

#[derive(Default)]
struct Errors(Vec<FieldError>);

/// A letter template the letter can fill: not blank, not too long, no unknown placeholder.
fn check_letter_template(v: &mut Errors, text: &str) {
    if text.trim().is_empty() {
        v.push(
            "text",
            ErrorCode::Required,
            "Write the letter, or go back to the default wording.",
        );
    } else if text.chars().count() > LETTER_TEMPLATE_MAX_CHARS {
        v.push(
            "text",
            ErrorCode::Invalid,
            format!("A letter is at most {LETTER_TEMPLATE_MAX_CHARS} characters."),
        );
    }
    let unknown = unknown_placeholders(text);
    if !unknown.is_empty() {
        let words: Vec<String> = unknown.iter().map(|w| format!("{{{w}}}")).collect();
        v.push(
            "text",
            ErrorCode::Invalid,
            format!(
                "{} {} not something the letter can fill in.",
                words.join(", "),
                if words.len() == 1 { "is" } else { "are" }
            ),
        );
    }
}

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

fn check_child_details(v: &mut Errors, d: &ChildDetails, as_of: NaiveDate) {
    v.required_text("first_name", &d.first_name, "First name");
    v.required_text("last_name", &d.last_name, "Last name");
    for (field, value) in [
        ("preferred_name", &d.preferred_name),
        ("local_ref", &d.local_ref),
        ("sibling_group", &d.sibling_group),
        ("social_worker", &d.social_worker),
        ("team", &d.team),
    ] {
        if let Some(value) = value {
            v.max_len(field, value, 100);
        }
    }
    match (d.born_on, d.expected_birth_on) {
        (None, None) => v.push(
            "born_on",
            ErrorCode::Required,
            "Give a date of birth, or an expected date of birth for an unborn child.",
        ),
        (Some(born), _) => {
            v.not_future("born_on", "Date of birth", born, as_of);
            if as_of.signed_duration_since(born).num_days() > 366 * 26 {
                v.push(
                    "born_on",
                    ErrorCode::Invalid,
                    "Date of birth is more than 25 years ago.",
                );
            }
        }
        (None, Some(expected)) => {
            if expected.signed_duration_since(as_of).num_days() > 300 {
                v.push(
                    "expected_birth_on",
                    ErrorCode::Invalid,
                    "Expected date of birth is more than 10 months away.",
                );
            }
        }
    }
}

/// A history names the child's open period of care; "earlier reviews" needs the last of them
/// recorded (the chain counts from it), and a believable number of them.
fn check_review_history(
    v: &mut Errors,
    record: &ChildRecord,
    history: ReviewHistory,
    as_of: NaiveDate,
) {
    let Some(period) = record.open_care_period(as_of) else {
        v.push(
            "history",
            ErrorCode::Conflict,
            "The child is not looked after: there is no period of care to add reviews to."
                .to_string(),
        );
        return;
    };
    let ReviewHistory::Earlier { count } = history else {
        return;
    };
    let recorded = record.meetings.iter().any(|m| {
        m.kind == MeetingKind::LacReview && m.held_on().is_some_and(|d| period.contains(d))
    });
    if !recorded {
        v.push(
            "history",
            ErrorCode::Required,
            "Record the last review held first: the next review is counted from it.".to_string(),
        );
    }
    if count == 0 || count > MAX_EARLIER_REVIEWS {
        v.push(
            "history",
            ErrorCode::Invalid,
            format!("Earlier reviews must be between 1 and {MAX_EARLIER_REVIEWS}."),
        );
    }
}

/// More reviews than two a year for 18 years is a typing mistake.
const MAX_EARLIER_REVIEWS: u32 = 40;

fn check_regime(v: &mut Errors, short_break_status: bool, regime: Regime) {
    match (short_break_status, regime) {
        (true, Regime::FullCare) => v.push(
            "regime",
            ErrorCode::Conflict,
            "Legal status V3/V4 means short breaks: choose the short-breaks regime.",
        ),
        (false, Regime::ShortBreaks) => v.push(
            "legal_status",
            ErrorCode::Conflict,
            "The short-breaks regime needs legal status V3 or V4.",
        ),
        _ => {}
    }
}

fn check_care(
    v: &mut Errors,
    record: &ChildRecord,
    id: Option<CarePeriodId>,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    as_of: NaiveDate,
) {
    let d = &record.child.details;
    if d.born_on.is_none() {
        v.push(
            "started_on",
            ErrorCode::Conflict,
            "An unborn child cannot become looked after: record the birth first.",
        );
    }
    v.not_future("started_on", "Became looked after", started_on, as_of);
    v.not_before_birth("started_on", "Became looked after", started_on, d);
    if let Some(end) = ended_on {
        v.not_future("ended_on", "Ceased to be looked after", end, as_of);
        if end < started_on {
            v.push(
                "ended_on",
                ErrorCode::Order,
                format!(
                    "Ceased to be looked after ({}) is before the period started ({}).",
                    uk_date(end),
                    uk_date(started_on)
                ),
            );
            return;
        }
    }
    for other in record.care_periods.iter().filter(|p| Some(p.id) != id) {
        if overlaps((started_on, ended_on), (other.started_on, other.ended_on)) {
            v.push(
                "started_on",
                ErrorCode::Overlap,
                format!(
                    "This overlaps the period of care from {}{}.",
                    uk_date(other.started_on),
                    other
                        .ended_on
                        .map_or(" (still open)".to_string(), |e| format!(
                            " to {}",
                            uk_date(e)
                        ))
                ),
            );
        }
    }
}

fn overlaps(a: (NaiveDate, Option<NaiveDate>), b: (NaiveDate, Option<NaiveDate>)) -> bool {
    let a_end = a.1.unwrap_or(NaiveDate::MAX);
    let b_end = b.1.unwrap_or(NaiveDate::MAX);
    a.0 <= b_end && b.0 <= a_end
}

fn check_cp(
    v: &mut Errors,
    record: &ChildRecord,
    id: Option<CpEpisodeId>,
    d: &CpEpisodeDetails,
    as_of: NaiveDate,
) {
    let dates = [
        ("strategy_on", "Strategy discussion", d.strategy_on),
        ("s47_started_on", "Section 47 start", d.s47_started_on),
        (
            "transfer_in_notified_on",
            "Transfer-in notification",
            d.transfer_in_notified_on,
        ),
        ("plan_started_on", "Plan start", d.plan_started_on),
        ("plan_ended_on", "Plan end", d.plan_ended_on),
        ("closed_on", "Closed on", d.closed_on),
    ];
    for (field, label, on) in dates {
        if let Some(on) = on {
            v.not_future(field, label, on, as_of);
        }
    }
    if d.strategy_on.is_none()
        && d.s47_started_on.is_none()
        && d.transfer_in_notified_on.is_none()
        && d.plan_started_on.is_none()
    {
        v.push(
            "strategy_on",
            ErrorCode::Required,
            "Give the strategy discussion date (or the s47 start, transfer-in notification or plan start).",
        );
        return;
    }
    if let (Some(strategy), Some(s47)) = (d.strategy_on, d.s47_started_on) {
        if s47 < strategy {
            v.push(
                "s47_started_on",
                ErrorCode::Order,
                format!(
                    "Section 47 start ({}) is before the strategy discussion ({}).",
                    uk_date(s47),
                    uk_date(strategy)
                ),
            );
        }
    }
    match (d.plan_started_on, d.plan_ended_on) {
        (None, Some(_)) => v.push("plan_started_on", ErrorCode::Required, "A plan that ended needs its start date."),
        (Some(start), Some(end)) if end <= start => v.push(
            "plan_ended_on",
            ErrorCode::Order,
            format!(
                "Plan end ({}) must be after the plan start ({}); a plan cannot end the day it starts.",
                uk_date(end),
                uk_date(start)
            ),
        ),
        _ => {}
    }
    if d.plan_started_on.is_some() && d.closed_on.is_some() {
        v.push(
            "closed_on",
            ErrorCode::Conflict,
            "An episode with a plan ends when the plan ends: give the plan end date instead.",
        );
    }
    if let (Some(closed), Some(start)) = (d.closed_on, d.started_on()) {
        if closed < start {
            v.push(
                "closed_on",
                ErrorCode::Order,
                format!(
                    "Closed on ({}) is before the episode started ({}).",
                    uk_date(closed),
                    uk_date(start)
                ),
            );
        }
    }
    if let Some(start) = d.plan_started_on {
        if let Some(strategy) = d.strategy_on {
            if start < strategy {
                v.push(
                    "plan_started_on",
                    ErrorCode::Order,
                    format!(
                        "Plan start ({}) is before the strategy discussion ({}).",
                        uk_date(start),
                        uk_date(strategy)
                    ),
                );
            }
        }
    } else if d.latest_category.is_some() || d.initial_category.is_some() {
        v.push(
            "initial_category",
            ErrorCode::Conflict,
            "A category of abuse belongs to a plan: give the plan start date.",
        );
    }
    let start = d.started_on().expect("checked above");
    for other in record.cp_episodes.iter().filter(|e| Some(e.id) != id) {
        let Some(other_start) = other.started_on() else {
            continue;
        };
        if overlaps(
            (start, d.plan_ended_on.or(d.closed_on)),
            (other_start, other.ended_on()),
        ) {
            v.push(
                "strategy_on",
                ErrorCode::Overlap,
                format!(
                    "This overlaps the child-protection episode from {}{}.",
                    uk_date(other_start),
                    other
                        .ended_on()
                        .map_or(" (still open)".to_string(), |e| format!(
                            " to {}",
                            uk_date(e)
                        ))
                ),
            );
        }
    }
    if let Some(id) = id {
        // Held ICPCs must not come before the (corrected) strategy discussion.
        if let Some(strategy) = d.strategy_on {
            if let Some(icpc) = record
                .meetings
                .iter()
                .filter(|m| m.kind == MeetingKind::Icpc)
                .filter_map(Meeting::held_on)
                .filter(|h| episode_of(record, *h).map(|e| e.id) == Some(id))
                .find(|h| *h < strategy)
            {
                v.push(
                    "strategy_on",
                    ErrorCode::Order,
                    format!(
                        "The initial conference was held on {}, before this strategy discussion date.",
                        uk_date(icpc)
                    ),
                );
            }
        }
    }
}

/// The CP episode a meeting on `on` belongs to (the one open that day).
pub fn episode_of(record: &ChildRecord, on: NaiveDate) -> Option<&CpEpisode> {
    record.cp_episodes.iter().find(|e| e.is_open_on(on))
}

fn booked_meeting<'r>(
    v: &mut Errors,
    record: &'r ChildRecord,
    id: MeetingId,
) -> Option<&'r Meeting> {
    match record.meetings.iter().find(|m| m.id == id) {
        None => {
            v.push(
                "id",
                ErrorCode::NotFound,
                format!("There is no meeting {id}."),
            );
            None
        }
        Some(m) if m.status != MeetingStatus::Booked => {
            v.push(
                "id",
                ErrorCode::Conflict,
                format!("This meeting is {:?}, not booked.", m.status).to_lowercase(),
            );
            None
        }
        Some(m) => Some(m),
    }
}

/// A preparation date (the social worker's contact, the reports' arrival): not in the future,
/// and not after the booked meeting.
fn check_preparation_on(v: &mut Errors, m: &Meeting, label: &str, on: NaiveDate, as_of: NaiveDate) {
    v.not_future("on", label, on, as_of);
    if m.booked_on.is_some_and(|b| on > b) {
        v.push(
            "on",
            ErrorCode::Order,
            format!("{label} is after the booked meeting: record it ahead of the meeting."),
        );
    }
}

fn check_meeting_date(
    v: &mut Errors,
    record: &ChildRecord,
    kind: MeetingKind,
    field: &str,
    label: &str,
    on: NaiveDate,
) {
    let child = &record.child.details;
    if kind == MeetingKind::LacReview {
        v.not_before_birth(field, label, on, child);
        if child.is_unborn() {
            v.push(
                field,
                ErrorCode::Conflict,
                "An unborn child has no LAC review.",
            );
        } else if !record.care_periods.iter().any(|p| p.contains(on)) {
            v.push(
                field,
                ErrorCode::Conflict,
                format!("The child was not looked after on {}.", uk_date(on)),
            );
        }
        return;
    }
    match episode_of(record, on) {
        None => v.push(
            field,
            ErrorCode::Conflict,
            format!(
                "There is no child-protection episode open on {}: start one first.",
                uk_date(on)
            ),
        ),
        Some(e) => {
            if kind == MeetingKind::Icpc {
                if let Some(strategy) = e.details.strategy_on {
                    if on < strategy {
                        v.push(
                            field,
                            ErrorCode::Order,
                            format!(
                                "{label} ({}) is before the strategy discussion ({}).",
                                uk_date(on),
                                uk_date(strategy)
                            ),
                        );
                    }
                }
                if let Some(s47) = e.details.s47_started_on {
                    if on < s47 {
                        v.push(
                            field,
                            ErrorCode::Order,
                            format!(
                                "{label} ({}) is before the s47 enquiry started ({}).",
                                uk_date(on),
                                uk_date(s47)
                            ),
                        );
                    }
                }
            }
            if kind == MeetingKind::CpReview {
                if let Some(start) = e.details.plan_started_on {
                    if on <= start {
                        v.push(
                            field,
                            ErrorCode::Order,
                            format!(
                                "{label} ({}) must be after the plan started ({}).",
                                uk_date(on),
                                uk_date(start)
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// A meeting whose record can still be written: it exists, was not cancelled, and its record
/// is not final.
fn meeting_open_to_record<'r>(
    v: &mut Errors,
    record: &'r ChildRecord,
    id: MeetingId,
) -> Option<&'r Meeting> {
    let Some(m) = record.meetings.iter().find(|m| m.id == id) else {
        v.push(
            "meeting",
            ErrorCode::NotFound,
            format!("There is no meeting {id}."),
        );
        return None;
    };
    if m.status == MeetingStatus::Cancelled {
        v.push(
            "meeting",
            ErrorCode::Conflict,
            "This meeting was cancelled: it has no record to write.",
        );
        return None;
    }
    let finalised = record
        .records
        .iter()
        .any(|r| r.meeting == id && r.status == RecordStatus::Final);
    if finalised {
        v.push(
            "meeting",
            ErrorCode::Conflict,
            "This meeting's record is already finalised.",
        );
        return None;
    }
    Some(m)
}

/// What a draft may hold: scaling scores 0–10, texts of a sensible length.
fn check_record_draft(v: &mut Errors, m: &Meeting, record: &MeetingRecord) {
    if let Some(sos) = &record.signs_of_safety {
        if !m.kind.is_child_protection() {
            v.push(
                "signs_of_safety",
                ErrorCode::Conflict,
                "The Signs of Safety mapping belongs to a child-protection meeting.",
            );
        }
        for s in &sos.scaling {
            if s.score > 10 {
                v.push(
                    "scaling",
                    ErrorCode::Invalid,
                    format!(
                        "{}'s scaling is {}: a scaling is from 0 to 10.",
                        if s.participant.trim().is_empty() {
                            "A participant"
                        } else {
                            s.participant.trim()
                        },
                        s.score
                    ),
                );
            }
        }
    }
    for d in &record.decisions {
        v.max_len("decisions", &d.text, 2000);
        v.max_len("decisions", &d.owner, 200);
    }
    v.max_len("child_views", &record.child_views, 20_000);
    v.max_len("concerns", &record.concerns, 20_000);
}

/// What a record needs to be finalised: a held date that has come, every decision with an
/// owner and a due date, every scaling with a participant, and an outcome that passes the
/// checks of a meeting recorded as held (participation and age, the plan decision).
fn check_record_final(
    v: &mut Errors,
    child: &ChildRecord,
    m: &Meeting,
    record: &MeetingRecord,
    as_of: NaiveDate,
) {
    for (n, d) in record.decisions.iter().enumerate() {
        let n = n + 1;
        if d.text.trim().is_empty() {
            v.push(
                "decisions",
                ErrorCode::Required,
                format!("Decision {n} says nothing to do."),
            );
        }
        if d.owner.trim().is_empty() {
            v.push(
                "decisions",
                ErrorCode::Required,
                format!("Decision {n} needs an owner."),
            );
        }
        match d.due {
            None => v.push(
                "decisions",
                ErrorCode::Required,
                format!("Decision {n} needs a due date, or \"by the next review\"."),
            ),
            Some(DecisionDue::On { on }) if record.held_on.is_some_and(|h| on < h) => v.push(
                "decisions",
                ErrorCode::Order,
                format!(
                    "Decision {n} is due ({}) before the meeting was held.",
                    uk_date(on)
                ),
            ),
            Some(_) => {}
        }
    }
    if let Some(sos) = &record.signs_of_safety {
        if sos.scaling.iter().any(|s| s.participant.trim().is_empty()) {
            v.push(
                "scaling",
                ErrorCode::Required,
                "Each scaling needs the participant's name.",
            );
        }
    }
    let outcome = record.outcome_over(&m.outcome);
    check_outcome(v, child, m.kind, &outcome, as_of);
}

/// "Decisions sent" and "record sent": the meeting was held, the date came after it.
fn check_sent(v: &mut Errors, child: &ChildRecord, id: MeetingId, on: NaiveDate, as_of: NaiveDate) {
    let Some(m) = child.meetings.iter().find(|m| m.id == id) else {
        v.push(
            "meeting",
            ErrorCode::NotFound,
            format!("There is no meeting {id}."),
        );
        return;
    };
    let Some(held) = m.held_on() else {
        v.push(
            "meeting",
            ErrorCode::Conflict,
            "This meeting has not been held.",
        );
        return;
    };
    v.not_future("on", "Sent on", on, as_of);
    if on < held {
        v.push(
            "on",
            ErrorCode::Order,
            format!(
                "Sent on ({}) is before the meeting was held ({}).",
                uk_date(on),
                uk_date(held)
            ),
        );
    }
}

/// A decision is closed (done or dropped) once, on a day not before it was made.
fn check_decision_closing(
    v: &mut Errors,
    child: &ChildRecord,
    id: DecisionId,
    on: NaiveDate,
    as_of: NaiveDate,
) {
    let Some(d) = child.decisions.iter().find(|d| d.id == id) else {
        v.push(
            "id",
            ErrorCode::NotFound,
            format!("There is no decision {id}."),
        );
        return;
    };
    if d.state != DecisionState::Open {
        v.push(
            "id",
            ErrorCode::Conflict,
            "This decision is already closed.",
        );
    }
    v.not_future("on", "On", on, as_of);
    let made_on = child
        .meetings
        .iter()
        .find(|m| m.id == d.meeting)
        .and_then(|m| m.held_on());
    if let Some(made_on) = made_on.filter(|made| on < *made) {
        v.push(
            "on",
            ErrorCode::Order,
            format!(
                "{} is before the meeting that made the decision ({}).",
                uk_date(on),
                uk_date(made_on)
            ),
        );
    }
}

/// A conference's decision about the plan fits its kind; a plan made names its category; no
/// plan cannot be decided for an episode whose plan started that day or later.
fn check_plan_decision(
    v: &mut Errors,
    record: &ChildRecord,
    kind: MeetingKind,
    o: &MeetingOutcome,
    held: NaiveDate,
) {
    let allowed = PlanDecision::allowed_for(kind);
    let Some(decision) = o.plan_decision else {
        if o.category.is_some() {
            v.push(
                "category",
                ErrorCode::Conflict,
                "A category of abuse goes with a decision about the plan.",
            );
        }
        return;
    };
    if !allowed.contains(&decision) {
        let message = match kind {
            MeetingKind::Icpc | MeetingKind::TransferInConference => {
                "An initial or transfer-in conference decides whether a plan is made: plan made, or no plan."
            }
            MeetingKind::CpReview => {
                "A review conference decides whether the plan continues or ends."
            }
            MeetingKind::LacReview | MeetingKind::CoreGroup => {
                "A LAC review or a core group makes no decision about a child protection plan."
            }
        };
        v.push("plan_decision", ErrorCode::Invalid, message);
        return;
    }
    if decision == PlanDecision::PlanStarts && o.category.is_none() {
        v.push(
            "category",
            ErrorCode::Required,
            "Choose the category of abuse of the plan.",
        );
    }
    if decision == PlanDecision::NoPlan && o.category.is_some() {
        v.push(
            "category",
            ErrorCode::Conflict,
            "No plan was made, so there is no category of abuse.",
        );
    }
    if decision == PlanDecision::NoPlan {
        let started = episode_of(record, held).and_then(|e| e.details.plan_started_on);
        if let Some(start) = started.filter(|s| *s >= held) {
            v.push(
                "plan_decision",
                ErrorCode::Conflict,
                format!(
                    "The episode records a plan started on {}: correct the episode before recording no plan.",
                    uk_date(start)
                ),
            );
        }
    }
}

fn check_outcome(
    v: &mut Errors,
    record: &ChildRecord,
    kind: MeetingKind,
    o: &MeetingOutcome,
    as_of: NaiveDate,
) {
    let Some(held) = o.held_on else {
        v.push("held_on", ErrorCode::Required, "Held on is required.");
        return;
    };
    let child = &record.child.details;
    v.not_future("held_on", "Held on", held, as_of);
    check_meeting_date(v, record, kind, "held_on", "Held on", held);
    match (kind, o.participation) {
        (MeetingKind::LacReview, None) => v.push(
            "participation",
            ErrorCode::Required,
            "Choose the child's participation code (PN0–PN7).",
        ),
        (_, Some(code))
            if child.born_on.is_some() && !allowed_participation(child, held).contains(&code) =>
        {
            let message = if code == Participation::Pn0 {
                format!(
                    "PN0 is only for a child under 4; the child was 4 or over on {}.",
                    uk_date(held)
                )
            } else {
                format!(
                    "The child was under 4 on {}: the code must be PN0.",
                    uk_date(held)
                )
            };
            v.push("participation", ErrorCode::AgeMismatch, message);
        }
        _ => {}
    }
    if let Some(seen) = o.child_seen_on {
        v.not_future("child_seen_on", "Child seen on", seen, as_of);
        v.not_before_birth("child_seen_on", "Child seen on", seen, child);
        if seen > held {
            v.push(
                "child_seen_on",
                ErrorCode::Order,
                format!(
                    "Child seen on ({}) is after the review ({}); record the visit before it.",
                    uk_date(seen),
                    uk_date(held)
                ),
            );
        }
    }
    for (field, label, on) in [
        ("decisions_sent_on", "Decisions sent", o.decisions_sent_on),
        ("record_sent_on", "Record sent", o.record_sent_on),
    ] {
        if let Some(on) = on {
            v.not_future(field, label, on, as_of);
            if on < held {
                v.push(
                    field,
                    ErrorCode::Order,
                    format!(
                        "{label} ({}) is before the meeting was held ({}).",
                        uk_date(on),
                        uk_date(held)
                    ),
                );
            }
        }
    }
    check_plan_decision(v, record, kind, o, held);
    if o.child_attended.is_some() && !kind.is_child_protection() {
        v.push(
            "child_attended",
            ErrorCode::Conflict,
            "Attendance at a LAC review is recorded by its participation code.",
        );
    }
    for (field, label, on) in [
        (
            "social_worker_contact_on",
            "Social worker contact on",
            o.social_worker_contact_on,
        ),
        (
            "reports_received_on",
            "Reports received on",
            o.reports_received_on,
        ),
    ] {
        if let Some(on) = on {
            v.not_future(field, label, on, as_of);
            if on > held {
                v.push(
                    field,
                    ErrorCode::Order,
                    format!(
                        "{label} ({}) is after the meeting ({}).",
                        uk_date(on),
                        uk_date(held)
                    ),
                );
            }
        }
    }
    if o.advocate_used == Some(true) && o.advocate_offered == Some(false) {
        v.push(
            "advocate_offered",
            ErrorCode::Conflict,
            "An advocate was used, so one was offered.",
        );
    }
}
