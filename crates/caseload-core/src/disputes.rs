//! The clocks of a dispute (domain.md §5), counted from the facts recorded and the store's
//! ladder:
//! - each stage's response is due its ladder time after the date *that stage* was raised, so an
//!   escalation starts a new clock, and a skipped stage has no clock at all;
//! - only the stage the dispute has reached is awaited: an earlier stage escalated before it
//!   was answered is superseded;
//! - the formal process (DRP only, IRO Handbook ch. 6) runs from the first formal stage raised
//!   (not the informal challenge) to the outcome, and should take at most `drp-formal-total`
//!   (20) working days; a multi-agency challenge has no such total;
//! - an activity is any stage raised, response recorded, Cafcass referral or outcome; an open
//!   dispute is followed up `dispute-inactivity` (10) working days after its last activity.
//!
//! A referral to Cafcass may run alongside the process: it is an activity, and while the
//! dispute awaits Cafcass (referred, still open, and no stage raised after the referral) its
//! own clocks stop: no response is awaited, the formal process stops counting on the
//! referral's date, and no follow-up falls due. A stage raised after the referral starts them
//! again.
//!
//! This module decides *which* event each clock counts from; the arithmetic and the
//! explanation are [`crate::rules`]'s, and what to warn about is [`crate::warnings`]'s.

use crate::domain::{Activity, Dispute, DisputeKind, DisputeOutcome, Stage};
use crate::explain::Written;
use crate::rules::{
    compute_due_as_written, compute_due_written, BaseEvent, DisputeLadders, Due, RuleId, Timescale,
};
use crate::schedule::Ctx;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One stage of a dispute with its response clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StageStatus {
    /// Which rung.
    pub stage: Stage,
    /// Its name on the ladder ("Stage 2").
    pub label: String,
    /// Whom the ladder sends it to by default.
    pub target: String,
    /// False for an informal stage.
    pub formal: bool,
    /// Raised on.
    pub raised_on: NaiveDate,
    /// Sent to.
    pub sent_to: String,
    /// When the response is due, with its explanation; `None` when the stage has no clock.
    pub response_due: Option<Due>,
    /// When the response came.
    pub responded_on: Option<NaiveDate>,
    /// What it said.
    pub response_summary: Option<String>,
    /// Escalated before any response came: its clock no longer runs.
    pub superseded: bool,
}

/// The formal-process clock of a DRP dispute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FormalClock {
    /// The first formal stage raised.
    pub stage: Stage,
    /// The date it was raised: the formal process starts here.
    pub started_on: NaiveDate,
    /// Working days from the start to the outcome (or to as-of while open).
    pub elapsed_working_days: i64,
    /// The working days allowed (`drp-formal-total`, default 20).
    pub limit: u32,
    /// The date the formal process should be complete by, with its explanation.
    pub due: Due,
}

/// Every clock of one dispute as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DisputeClocks {
    /// The stages raised, lowest first, with their clocks.
    pub stages: Vec<StageStatus>,
    /// The response awaited now: the current stage's, while the dispute is open, that stage
    /// has a clock and no response is recorded.
    pub awaiting: Option<Due>,
    /// The formal-process clock (DRP disputes that reached a formal stage).
    pub formal: Option<FormalClock>,
    /// The date of the last activity.
    pub last_activity_on: NaiveDate,
    /// What it was, in words ("response to Stage 1 recorded").
    pub last_activity: String,
    /// Working days from the last activity to as-of.
    pub working_days_since_activity: i64,
    /// While open: when the dispute should next see activity, with its explanation.
    pub follow_up: Option<Due>,
    /// The date of the referral to Cafcass while the dispute awaits it (its clocks stopped).
    pub awaiting_cafcass_since: Option<NaiveDate>,
}

/// The referral's date while an open dispute awaits Cafcass: referred, and no stage raised
/// after the referral.
pub fn awaiting_cafcass_since(dispute: &Dispute) -> Option<NaiveDate> {
    let on = dispute.cafcass_referred_on.filter(|_| dispute.is_open())?;
    let escalated_after = dispute.stages.iter().any(|s| s.raised_on > on);
    (!escalated_after).then_some(on)
}

/// The name of a stage on a kind's ladder ("Stage 2"), or a plain one if the ladder has no
/// such stage.
pub fn stage_label(ladders: &DisputeLadders, kind: DisputeKind, stage: Stage) -> String {
    match ladders.step(kind, stage) {
        Some(step) => step.label.clone(),
        None => match kind {
            DisputeKind::Drp => format!("Stage {stage}"),
            DisputeKind::Macp => format!("Step {stage}"),
        },
    }
}

/// The response due to one stage of a dispute, or `None` when its ladder rung has no clock (or
/// the stage is not on the ladder).
pub fn stage_response_due(
    kind: DisputeKind,
    stage: Stage,
    raised_on: NaiveDate,
    ctx: &Ctx<'_>,
) -> Option<Due> {
    response_due(kind, stage, raised_on, ctx, Written::Now)
}

fn response_due(
    kind: DisputeKind,
    stage: Stage,
    raised_on: NaiveDate,
    ctx: &Ctx<'_>,
    written: Written,
) -> Option<Due> {
    let ladders = ctx.rules.ladders();
    let step = ladders.step(kind, stage)?;
    let t = DisputeLadders::timescale(kind, step, ctx.rules)?;
    compute_due_as_written(
        t.rule,
        &Timescale {
            title: format!("Response to {}", step.label),
            value: t.value,
            default: t.default,
        },
        BaseEvent::new(format!("{} was raised", step.label), raised_on),
        ctx.calendar,
        ctx.settings.convention,
        written,
    )
    .ok()
}

/// The clocks of a dispute as of a date.
pub fn dispute_clocks(dispute: &Dispute, ctx: &Ctx<'_>, as_of: NaiveDate) -> DisputeClocks {
    dispute_clocks_written(dispute, ctx, as_of, Written::Now)
}

/// [`dispute_clocks`], the explanations' sentences written now or only when shown
/// (`Explanation::ensure_text`): the warnings show one clock of a dispute at most.
pub(crate) fn dispute_clocks_written(
    dispute: &Dispute,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    written: Written,
) -> DisputeClocks {
    let ladders = ctx.rules.ladders();
    let kind = dispute.kind;
    let current = dispute.current().map(|s| s.stage);
    let mut stages: Vec<StageStatus> = dispute
        .stages
        .iter()
        .map(|s| {
            let step = ladders.step(kind, s.stage);
            StageStatus {
                stage: s.stage,
                label: stage_label(ladders, kind, s.stage),
                target: step.map_or_else(String::new, |st| st.target.clone()),
                formal: step.is_none_or(|st| st.formal),
                raised_on: s.raised_on,
                sent_to: s.sent_to.clone(),
                response_due: response_due(kind, s.stage, s.raised_on, ctx, written),
                responded_on: s.responded_on,
                response_summary: s.response_summary.clone(),
                superseded: s.responded_on.is_none() && Some(s.stage) != current,
            }
        })
        .collect();
    stages.sort_by_key(|s| s.stage);

    let paused_on = awaiting_cafcass_since(dispute);
    let awaiting = if dispute.is_open() && paused_on.is_none() {
        stages
            .iter()
            .find(|s| Some(s.stage) == current && s.responded_on.is_none())
            .and_then(|s| s.response_due.clone())
    } else {
        None
    };

    let formal = if kind == DisputeKind::Drp {
        stages.iter().find(|s| s.formal).and_then(|first| {
            let due = compute_due_written(
                RuleId::DrpFormalTotal,
                BaseEvent::new(
                    format!("the first formal stage ({}) was raised", first.label),
                    first.raised_on,
                ),
                ctx.rules,
                ctx.calendar,
                ctx.settings.convention,
                written,
            )
            .ok()?;
            let end = dispute.closed_on.or(paused_on).unwrap_or(as_of);
            Some(FormalClock {
                stage: first.stage,
                started_on: first.raised_on,
                elapsed_working_days: ctx
                    .calendar
                    .working_days_between(first.raised_on, end)
                    .max(0),
                limit: ctx.rules.value(RuleId::DrpFormalTotal),
                due,
            })
        })
    } else {
        None
    };

    let (last_on, last) = dispute.last_activity();
    let last_activity = match last {
        Activity::StageRaised(s) => format!("{} raised", stage_label(ladders, kind, s)),
        Activity::ResponseRecorded(s) => {
            format!("response to {} recorded", stage_label(ladders, kind, s))
        }
        Activity::CafcassReferral => "referral to Cafcass".to_string(),
        Activity::Closed(outcome) => match outcome {
            DisputeOutcome::Resolved => "resolved".to_string(),
            DisputeOutcome::Withdrawn => "withdrawn".to_string(),
            DisputeOutcome::ReferredToCafcass => "referred to Cafcass".to_string(),
        },
    };
    let follow_up = if dispute.is_open() && paused_on.is_none() {
        compute_due_written(
            RuleId::DisputeInactivity,
            BaseEvent::new(format!("the last activity, {last_activity}"), last_on),
            ctx.rules,
            ctx.calendar,
            ctx.settings.convention,
            written,
        )
        .ok()
    } else {
        None
    };
    DisputeClocks {
        stages,
        awaiting,
        formal,
        last_activity_on: last_on,
        last_activity,
        working_days_since_activity: ctx.calendar.working_days_between(last_on, as_of).max(0),
        follow_up,
        awaiting_cafcass_since: paused_on,
    }
}
