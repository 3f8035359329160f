//! The checks of a child's periods of care: started, corrected, ended, and the reviews held
//! before the first one recorded.
//!
//! Not here: the LAC reviews themselves (`meeting`, `outcome`).

use super::{need_record, overlaps, Context, ErrorCode, Errors};
use crate::change::Change;
use crate::domain::{ChildRecord, LegalStatus, MeetingKind, Regime, ReviewHistory};
use crate::explain::uk_date;
use crate::ids::CarePeriodId;
use chrono::NaiveDate;

/// The checks of a change to a period of care, one function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::StartCare {
            started_on,
            legal_status,
            regime,
            ..
        } => start_care(v, ctx, *started_on, *legal_status, *regime),
        Change::UpdateCare {
            id,
            started_on,
            ended_on,
            legal_status,
            regime,
        } => update_care(v, ctx, *id, *started_on, *ended_on, *legal_status, *regime),
        Change::EndCare { id, ended_on } => end_care(v, ctx, *id, *ended_on),
        Change::SetReviewHistory { history, .. } => set_review_history(v, ctx, *history),
        // Every other change is checked in its own module (see `check_change`).
        _ => {}
    }
}

fn start_care(
    v: &mut Errors,
    ctx: &Context<'_>,
    started_on: NaiveDate,
    legal_status: LegalStatus,
    regime: Regime,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    check_care(v, record, None, started_on, None, ctx.as_of);
    check_regime(v, legal_status.is_short_break(), regime);
}

fn update_care(
    v: &mut Errors,
    ctx: &Context<'_>,
    id: CarePeriodId,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    legal_status: LegalStatus,
    regime: Regime,
) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    check_care(v, record, Some(id), started_on, ended_on, ctx.as_of);
    check_regime(v, legal_status.is_short_break(), regime);
}

fn set_review_history(v: &mut Errors, ctx: &Context<'_>, history: ReviewHistory) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    check_review_history(v, record, history, ctx.as_of);
}

fn end_care(v: &mut Errors, ctx: &Context<'_>, id: CarePeriodId, ended_on: NaiveDate) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    let Some(period) = record.care_periods.iter().find(|p| p.id == id) else {
        v.push(
            "id",
            ErrorCode::NotFound,
            format!("There is no period of care {id}."),
        );
        return;
    };
    if let Some(end) = period.ended_on {
        v.push(
            "ended_on",
            ErrorCode::Conflict,
            format!("This period of care already ended on {}.", uk_date(end)),
        );
    }
    check_care(
        v,
        record,
        Some(id),
        period.started_on,
        Some(ended_on),
        ctx.as_of,
    );
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
