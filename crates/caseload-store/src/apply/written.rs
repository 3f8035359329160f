//! What a write did, for its audit row, and the helpers every table's writes share.

use crate::error::StoreError;
use caseload_core::change::Change;
use caseload_core::ids::ChildId;
use serde::Serialize;

/// What a write did, for its audit row.
pub(super) struct Written {
    /// The child it concerned, when the write created it.
    pub(super) child: Option<ChildId>,
    /// The entity created or changed.
    pub(super) id: Option<i64>,
    /// The entity before and after, as JSON text; `after` is read back from the table.
    pub(super) before: Option<String>,
    pub(super) after: Option<String>,
}

impl Written {
    pub(super) fn new<B: Serialize, A: Serialize>(
        id: Option<i64>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<Written, StoreError> {
        Ok(Written {
            child: None,
            id,
            before: before.map(|b| to_json_text(b, "before")).transpose()?,
            after: after.map(|a| to_json_text(a, "after")).transpose()?,
        })
    }
}

/// The change as the audit row keeps it: whole, except a draft record, whose text the audit
/// leaves out (a draft is saved at every change the chair makes; the finalised record is kept
/// whole by `finalise_record`'s row).
pub(super) fn audited_change(change: &Change) -> Result<String, StoreError> {
    match change {
        Change::SaveRecordDraft { meeting, .. } => Ok(serde_json::json!({
            "op": change.op(),
            "meeting": meeting,
        })
        .to_string()),
        // A received record is in the child's record, and its history in the rows before this
        // one: the audit row keeps where it went and how much came (the `after` counts).
        Change::ReceiveChild { id, merge, .. } => Ok(serde_json::json!({
            "op": change.op(),
            "id": id,
            "merge": merge,
        })
        .to_string()),
        _ => to_json_text(change, "change"),
    }
}

fn to_json_text<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
        what: format!("serialize the {what} for the audit log: {e}"),
    })
}

/// The row a validated change refers to; its absence is a bug in validation, not user error.
pub(super) fn existing<T>(row: Option<T>, entity: &'static str, id: i64) -> Result<T, StoreError> {
    row.ok_or(StoreError::NotFound { entity, id })
}

/// "No entity" on one side of an audit row (a creation has no before, a removal no after).
pub(super) const NONE: Option<&()> = None;

/// A change handed to the writes of another table: `write` dispatches by variant, so this is a
/// bug in the dispatch, never user data.
pub(super) fn misrouted(change: &Change, module: &str) -> ! {
    unreachable!("`write` handed {} to the {module} writes", change.op())
}
