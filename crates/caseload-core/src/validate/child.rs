//! The checks of a child: added, details changed, an IRO allocated.
//!
//! Not here: the child's periods of care (`care`) and child-protection episodes (`cp`).

use super::{check_iro, need_record, Context, ErrorCode, Errors};
use crate::change::Change;
use crate::domain::{ChildDetails, ChildRecord, Meeting, MeetingKind};
use crate::explain::uk_date;
use crate::ids::IroId;
use chrono::NaiveDate;

/// The checks of a change to a child, one function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::AddChild {
            details,
            iro,
            allocated_on,
            ..
        } => add_child(v, ctx, details, *iro, *allocated_on),
        Change::UpdateChild { details, .. } => update_child(v, ctx, details),
        Change::AllocateIro { iro, from_on, .. } => allocate_iro(v, ctx, *iro, *from_on),
        // Every other change is checked in its own module (see `check_change`).
        _ => {}
    }
}

fn add_child(
    v: &mut Errors,
    ctx: &Context<'_>,
    details: &ChildDetails,
    iro: Option<IroId>,
    allocated_on: Option<NaiveDate>,
) {
    check_child_details(v, details, ctx.as_of);
    if let Some(on) = allocated_on {
        v.not_future("allocated_on", "Allocated on", on, ctx.as_of);
    }
    if let Some(iro) = iro {
        check_iro(v, "iro", iro, ctx);
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

fn update_child(v: &mut Errors, ctx: &Context<'_>, details: &ChildDetails) {
    check_child_details(v, details, ctx.as_of);
    if let (Some(record), Some(born)) = (ctx.record, details.born_on) {
        check_born_before_record(v, record, born);
    }
}

/// A corrected date of birth comes before every LAC review held and every period of care.
fn check_born_before_record(v: &mut Errors, record: &ChildRecord, born: NaiveDate) {
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

fn allocate_iro(v: &mut Errors, ctx: &Context<'_>, iro: IroId, from_on: NaiveDate) {
    let Some(record) = need_record(v, ctx) else {
        return;
    };
    check_iro(v, "iro", iro, ctx);
    v.not_future("from_on", "Allocated from", from_on, ctx.as_of);
    if let Some(last) = record.allocations.iter().map(|a| a.from_on).max() {
        if from_on < last {
            v.push(
                "from_on",
                ErrorCode::Order,
                format!(
                    "Allocated from ({}) is before the current allocation ({}).",
                    uk_date(from_on),
                    uk_date(last)
                ),
            );
        }
    }
}

pub(super) fn check_child_details(v: &mut Errors, d: &ChildDetails, as_of: NaiveDate) {
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
