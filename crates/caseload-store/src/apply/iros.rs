//! The writes of the `iros` table: adding an IRO and changing their profile.

use super::written::{existing, misrouted, Written, NONE};
use crate::error::StoreError;
use crate::tables::iros;
use caseload_core::change::Change;
use caseload_core::domain::IroDetails;
use caseload_core::ids::IroId;
use rusqlite::Connection;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::AddIro { id, details } => add(conn, *id, details),
        Change::UpdateIro { id, details } => update(conn, *id, details),
        _ => misrouted(change, "iros"),
    }
}

fn add(conn: &Connection, id: Option<IroId>, details: &IroDetails) -> Result<Written, StoreError> {
    let id = iros::insert(conn, id, details)?;
    Written::new(Some(id.0), NONE, iros::get(conn, id)?.as_ref())
}

fn update(conn: &Connection, id: IroId, details: &IroDetails) -> Result<Written, StoreError> {
    let before = existing(iros::get(conn, id)?, "iro", id.0)?;
    iros::update(conn, id, details)?;
    Written::new(Some(id.0), Some(&before), iros::get(conn, id)?.as_ref())
}
