//! The checks of a child's child-protection episodes: started or changed.
//!
//! Not here: the conferences of an episode (`meeting`, `outcome`).

use super::{need_record, overlaps, Context, ErrorCode, Errors};
use crate::change::Change;
use crate::domain::{ChildRecord, CpEpisode, CpEpisodeDetails, Meeting, MeetingKind};
use crate::explain::uk_date;
use crate::ids::CpEpisodeId;
use chrono::NaiveDate;

/// The checks of a change to a child-protection episode, one function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::StartCpEpisode { details, .. } => start_cp_episode(v, ctx, details),
        Change::UpdateCpEpisode { id, details } => update_cp_episode(v, ctx, *id, details),
        // Every other change is checked in its own module (see `check_change`).
        _ => {}
    }
}

fn start_cp_episode(v: &mut Errors, ctx: &Context<'_>, details: &CpEpisodeDetails) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    check_cp(v, record, None, details, ctx.as_of);
}

fn update_cp_episode(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: CpEpisodeId,
    details: &CpEpisodeDetails,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    check_cp(v, record, Some(id), details, ctx.as_of);
}

/// The CP episode a meeting on `on` belongs to (the one open that day).
pub fn episode_of(record: &ChildRecord, on: NaiveDate) -> Option<&CpEpisode> {
    record.cp_episodes.iter().find(|e| e.is_open_on(on))
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
    check_s47_after_strategy(v, d);
    check_plan_span(v, d);
    check_closed_after_start(v, d);
    check_plan_start(v, d);
    check_overlaps(v, record, id, d);
    if let Some(id) = id {
        check_icpc_after_strategy(v, record, id, d);
    }
}

fn check_s47_after_strategy(v: &mut Errors, d: &CpEpisodeDetails) {
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
}

/// A plan that ended started, and ended after the day it started; an episode with a plan
/// ends with it.
fn check_plan_span(v: &mut Errors, d: &CpEpisodeDetails) {
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
}

fn check_closed_after_start(v: &mut Errors, d: &CpEpisodeDetails) {
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
}

/// A plan starts on or after the strategy discussion; a category of abuse needs a plan.
fn check_plan_start(v: &mut Errors, d: &CpEpisodeDetails) {
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
}

/// An episode overlaps no other episode of the child.
fn check_overlaps(
    v: &mut Errors,
    record: &ChildRecord,
    id: Option<CpEpisodeId>,
    d: &CpEpisodeDetails,
) {
    let start = d.started_on().expect("check_cp required a start");
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
}

/// A held initial conference of the episode is not before its (corrected) strategy discussion.
fn check_icpc_after_strategy(
    v: &mut Errors,
    record: &ChildRecord,
    id: CpEpisodeId,
    d: &CpEpisodeDetails,
) {
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
