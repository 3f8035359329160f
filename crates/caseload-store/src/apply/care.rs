//! The writes of the `care_periods` table: starting, correcting and ending a period of care,
//! and the reviews held before those recorded.

use super::written::{existing, misrouted, Written, NONE};
use crate::error::StoreError;
use crate::tables::care_periods;
use caseload_core::change::Change;
use caseload_core::domain::{PeriodOfCare, ReviewHistory};
use caseload_core::ids::{CarePeriodId, ChildId};
use chrono::NaiveDate;
use rusqlite::Connection;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::StartCare {
            id,
            child,
            started_on,
            legal_status,
            regime,
        } => {
            let id = care_periods::insert(conn, *id, *child, *started_on, *legal_status, *regime)?;
            Written::new(Some(id.0), NONE, care_periods::get(conn, id)?.as_ref())
        }
        Change::UpdateCare {
            id,
            started_on,
            ended_on,
            legal_status,
            regime,
        } => update(conn, *id, |before| PeriodOfCare {
            id: *id,
            child: before.child,
            started_on: *started_on,
            ended_on: *ended_on,
            legal_status: *legal_status,
            regime: *regime,
            history: before.history,
        }),
        Change::EndCare { id, ended_on } => end(conn, *id, *ended_on),
        Change::SetReviewHistory { child, history } => set_history(conn, *child, *history),
        _ => misrouted(change, "care periods"),
    }
}

/// A period of care replaced by what `after` makes of it as it stood.
fn update(
    conn: &Connection,
    id: CarePeriodId,
    after: impl FnOnce(&PeriodOfCare) -> PeriodOfCare,
) -> Result<Written, StoreError> {
    let before = existing(care_periods::get(conn, id)?, "care period", id.0)?;
    care_periods::update(conn, &after(&before))?;
    Written::new(
        Some(id.0),
        Some(&before),
        care_periods::get(conn, id)?.as_ref(),
    )
}

fn end(conn: &Connection, id: CarePeriodId, ended_on: NaiveDate) -> Result<Written, StoreError> {
    update(conn, id, |before| PeriodOfCare {
        ended_on: Some(ended_on),
        ..before.clone()
    })
}

/// The reviews held before those recorded, kept on the child's open period of care.
fn set_history(
    conn: &Connection,
    child: ChildId,
    history: ReviewHistory,
) -> Result<Written, StoreError> {
    let periods = care_periods::for_child(conn, child)?;
    let before =
        periods
            .into_iter()
            .rfind(|p| p.ended_on.is_none())
            .ok_or(StoreError::NotFound {
                entity: "open period of care of child",
                id: child.0,
            })?;
    care_periods::set_history(conn, before.id, history)?;
    Written::new(
        Some(before.id.0),
        Some(&before),
        care_periods::get(conn, before.id)?.as_ref(),
    )
}
