//! The checks of a dispute: raised, escalated, a response recorded, closed, referred to
//! Cafcass; and of each store's dispute ladders and reason categories.
//!
//! Not here: a dispute's clocks (`crate::disputes`).

use super::cp::episode_of;
use super::{need_record, Context, ErrorCode, Errors, FieldError};
use crate::change::Change;
use crate::disputes::stage_label;
use crate::domain::{
    ChildRecord, Concerns, Dispute, DisputeKind, DisputeOutcome, DisputeReason, Stage,
};
use crate::explain::uk_date;
use crate::ids::DisputeId;
use crate::rules::{DisputeLadders, DisputeReasons, LadderStep, ReasonCategory, StageClock};
use chrono::NaiveDate;

/// The checks of a change to a dispute, or to the ladders and reasons of disputes, one
/// function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
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
        } => raise_dispute(
            v,
            ctx,
            reason,
            sent_to,
            Raise {
                kind: *kind,
                concerns: *concerns,
                raised_on: *raised_on,
                stage: *stage,
                sibling_group: sibling_group.as_deref(),
                partner_agency: partner_agency.as_deref(),
            },
        ),
        Change::EscalateDispute {
            id,
            stage,
            raised_on,
            sent_to,
        } => escalate_dispute(v, ctx, *id, *stage, *raised_on, sent_to),
        Change::RecordDisputeResponse {
            id,
            stage,
            responded_on,
            summary,
        } => record_dispute_response(v, ctx, *id, *stage, *responded_on, summary.as_deref()),
        Change::ResolveDispute { id, on, outcome } => resolve_dispute(v, ctx, *id, *on, *outcome),
        Change::ReferToCafcass { id, on } => refer_to_cafcass(v, ctx, *id, *on),
        Change::SetDisputeLadder { steps, .. } => set_dispute_ladder(v, steps),
        Change::SetDisputeReasons { reasons } => set_dispute_reasons(v, reasons),
        // Every other change is checked in its own module (see `check_change`).
        _ => {}
    }
}

fn raise_dispute(
    v: &mut Errors,
    ctx: &Context<'_>,
    reason: &DisputeReason,
    sent_to: &str,
    raise: Raise<'_>,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    check_reason_on_list(v, ctx.reasons, reason);
    check_raise(v, record, ctx, raise);
    v.required_text("sent_to", sent_to, "Sent to");
}

fn escalate_dispute(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: DisputeId,
    stage: Stage,
    raised_on: NaiveDate,
    sent_to: &str,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    let Some(d) = open_dispute(v, record, id) else {
        return;
    };
    v.not_future("raised_on", "Raised on", raised_on, ctx.as_of);
    check_stage_on_ladder(v, ctx.ladders, d.kind, stage);
    if let Some(current) = d.current() {
        let label = stage_label(ctx.ladders, d.kind, current.stage);
        if stage <= current.stage {
            v.push(
                "stage",
                ErrorCode::Order,
                format!(
                    "{} is not above {label}, which this dispute has reached: a dispute moves up (stages may be skipped), never back.",
                    stage_label(ctx.ladders, d.kind, stage)
                ),
            );
        }
        if raised_on < current.raised_on {
            v.push(
                "raised_on",
                ErrorCode::Order,
                format!(
                    "Raised on ({}) is before {label} was raised ({}).",
                    uk_date(raised_on),
                    uk_date(current.raised_on)
                ),
            );
        }
    }
    v.required_text("sent_to", sent_to, "Sent to");
}

fn record_dispute_response(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: DisputeId,
    stage: Stage,
    responded_on: NaiveDate,
    summary: Option<&str>,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    let Some(d) = open_dispute(v, record, id) else {
        return;
    };
    v.not_future("responded_on", "Responded on", responded_on, ctx.as_of);
    if let Some(summary) = summary {
        v.max_len("summary", summary, 1000);
    }
    let label = stage_label(ctx.ladders, d.kind, stage);
    match d.stage(stage) {
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
            if responded_on < event.raised_on {
                v.push(
                    "responded_on",
                    ErrorCode::Order,
                    format!(
                        "Responded on ({}) is before {label} was raised ({}).",
                        uk_date(responded_on),
                        uk_date(event.raised_on)
                    ),
                );
            }
        }
    }
}

fn resolve_dispute(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: DisputeId,
    on: NaiveDate,
    outcome: DisputeOutcome,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    let Some(d) = open_dispute(v, record, id) else {
        return;
    };
    if outcome == DisputeOutcome::ReferredToCafcass {
        check_cafcass_concerns(v, d, "outcome");
    }
    v.not_future("on", "Closed on", on, ctx.as_of);
    let (last, _) = d.last_activity();
    if on < last {
        v.push(
            "on",
            ErrorCode::Order,
            format!(
                "Closed on ({}) is before the last thing recorded on this dispute ({}).",
                uk_date(on),
                uk_date(last)
            ),
        );
    }
}

fn refer_to_cafcass(v: &mut Errors, ctx: &Context<'_>, id: DisputeId, on: NaiveDate) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    let Some(d) = open_dispute(v, record, id) else {
        return;
    };
    check_cafcass_concerns(v, d, "id");
    v.not_future("on", "Referred to Cafcass on", on, ctx.as_of);
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
    if on < d.raised_on {
        v.push(
            "on",
            ErrorCode::Order,
            format!(
                "Referred to Cafcass on ({}) is before the dispute was raised ({}).",
                uk_date(on),
                uk_date(d.raised_on)
            ),
        );
    }
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
    check_concerns_open(v, record, r.concerns, r.raised_on);
    check_partner_agency(v, r.kind, r.partner_agency);
    if let Some(group) = r.sibling_group {
        check_sibling_group(v, child.sibling_group.as_deref(), group);
    }
}

/// What a dispute is about is open on the day it is raised: a period of care for the care
/// plan, a child-protection episode for the child protection plan.
fn check_concerns_open(
    v: &mut Errors,
    record: &ChildRecord,
    concerns: Concerns,
    raised_on: NaiveDate,
) {
    match concerns {
        Concerns::LacPlan => {
            if !record.care_periods.iter().any(|p| p.contains(raised_on)) {
                v.push(
                    "concerns",
                    ErrorCode::Conflict,
                    format!(
                        "The child was not looked after on {}: a dispute about the care plan needs a period of care open that day.",
                        uk_date(raised_on)
                    ),
                );
            }
        }
        Concerns::CpPlan => {
            if episode_of(record, raised_on).is_none() {
                v.push(
                    "concerns",
                    ErrorCode::Conflict,
                    format!(
                        "There is no child-protection episode open on {}: a dispute about the child protection plan needs one.",
                        uk_date(raised_on)
                    ),
                );
            }
        }
    }
}

/// A multi-agency challenge names its partner agency; a DRP has none.
fn check_partner_agency(v: &mut Errors, kind: DisputeKind, partner_agency: Option<&str>) {
    match (kind, partner_agency.map(str::trim)) {
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
}

/// A dispute raised for a sibling group names the child's own group.
fn check_sibling_group(v: &mut Errors, own: Option<&str>, group: &str) {
    match own {
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

/// A ladder: one to 12 stages, lowest first, informal before formal, at least one formal,
/// each stage labelled and with a response clock that counts working days.
fn set_dispute_ladder(v: &mut Errors, steps: &[LadderStep]) {
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
        check_step(v, step);
    }
}

/// One stage of a ladder: labelled, with a response clock that counts working days.
fn check_step(v: &mut Errors, step: &LadderStep) {
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

/// A list of reason categories: one to 30, each with a usable code and a label, none twice.
fn set_dispute_reasons(v: &mut Errors, reasons: &[ReasonCategory]) {
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
        check_category(v, category, &reasons[..i]);
    }
}

/// One reason category, after the `earlier` ones of its list.
fn check_category(v: &mut Errors, category: &ReasonCategory, earlier: &[ReasonCategory]) {
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

/// A new list of reason categories must keep every code a recorded dispute uses (`in_use`,
/// which the store knows): checked by the store after
/// [`validate`](super::validate()).
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
/// (`in_use`, which the store knows): checked by the store after
/// [`validate`](super::validate()).
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
