//! Reading the audit log: who changed what, when, with the entity before and after.
//!
//! Writing it is `apply`'s job alone, in the same transaction as the change.

use crate::error::StoreError;
use crate::open::Store;
use crate::tables;
use caseload_core::ids::{ChildId, IroId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Which audit rows to read. Every `None` means "no restriction", so the default is every row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only rows about this child.
    pub child: Option<ChildId>,
    /// Only rows recorded on or after this date (UTC).
    pub from_on: Option<NaiveDate>,
    /// Only rows recorded on or before this date (UTC).
    pub to_on: Option<NaiveDate>,
    /// At most this many rows (the newest).
    pub limit: Option<u32>,
}

/// One applied change, as the audit log recorded it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Row id: increases with every change applied.
    pub id: i64,
    /// When it was applied (the caller's clock, passed to `apply`).
    pub recorded_at: DateTime<Utc>,
    /// Who applied it, if the caller said.
    pub actor: Option<IroId>,
    /// The change's op ("record_meeting").
    pub op: String,
    /// The child it concerned, if any.
    pub child: Option<ChildId>,
    /// The change as applied (the wire JSON of `Change`).
    pub change: serde_json::Value,
    /// The affected entity before (absent for a creation).
    pub before: Option<serde_json::Value>,
    /// The affected entity after (absent for a removal, e.g. a cleared rule override).
    pub after: Option<serde_json::Value>,
    /// Where the change came from ("imported from episodes.csv"), if not a person.
    pub source: Option<String>,
}

impl Store {
    /// The audit rows that match, newest first.
    pub fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        tables::audit::query(&self.conn, filter)
    }
}
