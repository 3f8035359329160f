//! The checks of a handover (issue 17): a child received from another IRO's store, and a child
//! marked transferred out, whose record is read-only from then on.

use super::{check_iro, need_record, Context, ErrorCode, Errors, FieldError};
use crate::change::Change;
use crate::domain::ChildRecord;
use crate::explain::uk_date;
use crate::ids::MeetingId;

/// The refusal of any change to a child transferred out: their record stays as it was. The one
/// change they take is their record handed back (`receive_child` merged into them), which ends
/// the transfer.
pub(super) fn read_only(change: &Change, ctx: &Context<'_>) -> Option<FieldError> {
    if matches!(change, Change::ReceiveChild { merge: true, .. }) {
        return None;
    }
    let record = ctx.record?;
    let out = record.transferred_out.as_ref()?;
    Some(FieldError::new(
        "child",
        ErrorCode::Conflict,
        format!(
            "{} was transferred out to {} on {}: their record here is read-only.",
            record.child.details.display_name(),
            out.to,
            uk_date(out.on)
        ),
    ))
}

/// The checks of a handover change, one function per change.
pub(super) fn check(v: &mut Errors, change: &Change, ctx: &Context<'_>) {
    match change {
        Change::ReceiveChild { merge, record, .. } => receive_child(v, ctx, *merge, record),
        Change::TransferOut { iro, on, .. } => transfer_out(v, ctx, *iro, *on),
        _ => {}
    }
}

/// The child must be here, and the receiving IRO a profile of this store.
fn transfer_out(v: &mut Errors, ctx: &Context<'_>, iro: crate::ids::IroId, on: chrono::NaiveDate) {
    if need_record(v, ctx).is_none() {
        return;
    }
    check_iro(v, "iro", iro, ctx);
    v.not_future("on", "The handover day", on, ctx.as_of);
}

/// A received record must hold together: a new child's details are checked as any new child's;
/// each record and decision belongs to a meeting received with it; each allocation names an IRO of this store.
fn receive_child(v: &mut Errors, ctx: &Context<'_>, merge: bool, record: &ChildRecord) {
    if merge {
        if need_record(v, ctx).is_none() {
            return;
        }
    } else {
        super::child::check_child_details(v, &record.child.details, ctx.as_of);
    }
    let known = |m: MeetingId| record.meetings.iter().any(|x| x.id == m);
    for r in &record.records {
        if !known(r.meeting) {
            v.push(
                "records",
                ErrorCode::NotFound,
                format!(
                    "The record of meeting {} comes without its meeting.",
                    r.meeting
                ),
            );
        }
    }
    for d in &record.decisions {
        if !known(d.meeting) {
            v.push(
                "decisions",
                ErrorCode::NotFound,
                format!("Decision {} comes without its meeting.", d.number),
            );
        }
    }
    for a in &record.allocations {
        if !ctx.iros.iter().any(|(id, _)| *id == a.iro) {
            v.push(
                "allocations",
                ErrorCode::NotFound,
                format!("There is no IRO {} in this store.", a.iro),
            );
        }
    }
}
