//! A warning row's "Why?": the explanation of its due date, worked out by the core only when it
//! is asked for (`caseload_core::warnings::explain_warning`): for one row, when the desktop's
//! disclosure is opened, or for every row of a view, for the CLI's JSON.

use std::collections::HashMap;

use caseload_core::explain::Explanation;
use caseload_core::ids::ChildId;
use caseload_core::warnings::{explain_warning, Warning, WhyKey};

use crate::snapshot::Snapshot;

/// The explanation `key` names, or `None` if the snapshot no longer gives that date.
pub(crate) fn explanation(snap: &Snapshot, key: &WhyKey) -> Option<Explanation> {
    explain_warning(snap.child(key.child)?, &snap.ctx(), key)
}

/// Writes into each row that has a "Why?" its explanation ([`Warning::explanation`]).
pub(crate) fn explain_rows<'w>(snap: &Snapshot, rows: impl IntoIterator<Item = &'w mut Warning>) {
    let records: HashMap<ChildId, _> = snap
        .caseload
        .children
        .iter()
        .map(|r| (r.child.id, r))
        .collect();
    let ctx = snap.ctx();
    for row in rows {
        row.explanation = row
            .why
            .and_then(|key| explain_warning(records.get(&key.child)?, &ctx, &key))
            .map(Box::new);
    }
}
