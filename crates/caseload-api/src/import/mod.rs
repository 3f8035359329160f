//! Bringing a caseload in (issue 12): the statutory files read by `caseload-interop`'s
//! importers, turned into the changes that bring the store to what they say ([`plan`]), applied
//! one child to a group by the store's `apply_groups`, so a preview is the import run and
//! rolled back. Work in progress: the planner of 903 children is here; the preview, the CIN
//! census's plans and the front ends follow.

pub(crate) mod plan;

use caseload_core::ids::IroId;
use caseload_interop::import::Extract;
use chrono::NaiveDate;
use serde::Serialize;

use crate::{ApiError, App};

/// How many children of an extract an import would add, update or leave as they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// Not in the store yet.
    pub new: u32,
    /// In the store (matched by the LA child id), with something new in the files.
    pub updated: u32,
    /// In the store, nothing new.
    pub unchanged: u32,
}

impl App {
    /// What importing `extract` would do to the store, child by child, counted (nothing is
    /// written). A child is matched by the LA child id kept as their local reference.
    pub fn import_counts(
        &self,
        extract: &Extract,
        iro: Option<IroId>,
        as_of: NaiveDate,
    ) -> Result<ImportCounts, ApiError> {
        let snap = self.snapshot()?;
        let mut ids = plan::NextIds::after(&snap.caseload);
        let mut counts = ImportCounts::default();
        for x in &extract.children {
            let existing = snap.caseload.children.iter().find(|r| {
                r.child.details.local_ref.as_deref().map(str::trim) == Some(x.la_id.trim())
            });
            let p = plan::plan_child(x, existing, iro, as_of, &mut ids);
            match (p.existing, p.changes.is_empty()) {
                (None, _) => counts.new += 1,
                (Some(_), false) => counts.updated += 1,
                (Some(_), true) => counts.unchanged += 1,
            }
        }
        Ok(counts)
    }
}
