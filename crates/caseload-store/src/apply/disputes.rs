//! The writes of the `disputes` and `dispute_stages` tables: raising a dispute (with its first
//! stage), escalating it, a response, its close and a referral to Cafcass.

use super::written::{existing, misrouted, Written, NONE};
use crate::error::StoreError;
use crate::tables::disputes::{self, NewDispute};
use caseload_core::change::Change;
use caseload_core::domain::DisputeOutcome;
use caseload_core::ids::DisputeId;
use chrono::NaiveDate;
use rusqlite::Connection;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::RaiseDispute {
            id,
            child,
            kind,
            concerns,
            reason,
            raised_on,
            stage,
            sent_to,
            sibling_group,
            partner_agency,
        } => {
            let dispute = NewDispute {
                id: *id,
                child: *child,
                kind: *kind,
                concerns: *concerns,
                reason: reason.clone(),
                raised_on: *raised_on,
                sibling_group: sibling_group.as_deref(),
                partner_agency: partner_agency.as_deref().map(str::trim),
            };
            let id = disputes::insert(conn, &dispute)?;
            disputes::insert_stage(conn, id, *stage, *raised_on, sent_to.trim())?;
            Written::new(Some(id.0), NONE, disputes::get(conn, id)?.as_ref())
        }
        Change::EscalateDispute {
            id,
            stage,
            raised_on,
            sent_to,
        } => update(conn, *id, |conn, _| {
            disputes::insert_stage(conn, *id, *stage, *raised_on, sent_to.trim())
        }),
        Change::RecordDisputeResponse {
            id,
            stage,
            responded_on,
            summary,
        } => update(conn, *id, |conn, _| {
            disputes::set_response(conn, *id, *stage, *responded_on, summary.as_deref())
        }),
        Change::ResolveDispute { id, outcome, on } => resolve(conn, *id, *outcome, *on),
        Change::ReferToCafcass { id, on } => {
            update(conn, *id, |conn, _| disputes::set_cafcass(conn, *id, *on))
        }
        _ => misrouted(change, "disputes"),
    }
}

/// A dispute changed by `update` (which sees it as it stood): its audit row holds the dispute
/// before and after.
fn update(
    conn: &Connection,
    id: DisputeId,
    update: impl FnOnce(&Connection, &caseload_core::domain::Dispute) -> Result<(), StoreError>,
) -> Result<Written, StoreError> {
    let before = existing(disputes::get(conn, id)?, "dispute", id.0)?;
    update(conn, &before)?;
    Written::new(Some(id.0), Some(&before), disputes::get(conn, id)?.as_ref())
}

fn resolve(
    conn: &Connection,
    id: DisputeId,
    outcome: DisputeOutcome,
    on: NaiveDate,
) -> Result<Written, StoreError> {
    update(conn, id, |conn, before| {
        // Ended by a referral to Cafcass: the referral is recorded too, unless it was
        // recorded before (alongside the process).
        if outcome == DisputeOutcome::ReferredToCafcass && before.cafcass_referred_on.is_none() {
            disputes::set_cafcass(conn, id, on)?;
        }
        disputes::close(conn, id, outcome, on)
    })
}
