//! The writes of the `children` and `allocations` tables: adding a child (with their first
//! allocation), changing their details, allocating an IRO.

use super::written::{existing, misrouted, Written, NONE};
use crate::error::StoreError;
use crate::tables::{allocations, children};
use caseload_core::change::Change;
use caseload_core::domain::{Allocation, ChildDetails};
use caseload_core::ids::{ChildId, IroId};
use chrono::NaiveDate;
use rusqlite::Connection;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::AddChild {
            id,
            details,
            iro,
            allocated_on,
        } => add(conn, *id, details, iro.zip(*allocated_on)),
        Change::UpdateChild { id, details } => update(conn, *id, details),
        Change::AllocateIro {
            child,
            iro,
            from_on,
            reason,
        } => allocate(
            conn,
            *child,
            &Allocation {
                iro: *iro,
                from_on: *from_on,
                reason: reason.clone(),
            },
        ),
        _ => misrouted(change, "children"),
    }
}

/// A new child, allocated from the start when the change names both the IRO and the date.
fn add(
    conn: &Connection,
    id: Option<ChildId>,
    details: &ChildDetails,
    allocated: Option<(IroId, NaiveDate)>,
) -> Result<Written, StoreError> {
    let id = children::insert(conn, id, details)?;
    if let Some((iro, from_on)) = allocated {
        let allocation = Allocation {
            iro,
            from_on,
            reason: None,
        };
        allocations::insert(conn, id, &allocation)?;
    }
    let mut written = Written::new(Some(id.0), NONE, children::get(conn, id)?.as_ref())?;
    written.child = Some(id);
    Ok(written)
}

fn update(conn: &Connection, id: ChildId, details: &ChildDetails) -> Result<Written, StoreError> {
    let before = existing(children::get(conn, id)?, "child", id.0)?;
    children::update(conn, id, details)?;
    Written::new(Some(id.0), Some(&before), children::get(conn, id)?.as_ref())
}

/// An allocation: its audit row holds the child's allocations before and after.
fn allocate(
    conn: &Connection,
    child: ChildId,
    allocation: &Allocation,
) -> Result<Written, StoreError> {
    let before = allocations::for_child(conn, child)?;
    let row_id = allocations::insert(conn, child, allocation)?;
    let after = allocations::for_child(conn, child)?;
    Written::new(Some(row_id), Some(&before), Some(&after))
}
