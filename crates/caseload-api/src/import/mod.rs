//! Bringing a caseload in (issue 12): the statutory files read by `caseload-interop`'s
//! importers ([`read`]), turned into the changes that bring the store to what they say
//! ([`plan`]), applied one child to a group by the store's `apply_groups`. A preview is the very
//! same run, rolled back: what it says will happen is what the import does.
//!
//! A child goes in whole or not at all: a child with an unusable row is left out unless the
//! person importing asks for it without those rows (`include_partial`), and a child whose
//! changes the store refuses is left out with the store's reason. Before an import writes
//! anything, a backup is taken; the preview says how to undo.

mod mapping;
pub(crate) mod plan;
mod preview;
mod read;

pub use mapping::{
    mapping_source, DateFormatChoice, ImportRun, MappedFieldView, MappingForm, MappingView,
    SavedMapping, SavedMappings,
};
pub use preview::{
    ChildOutcome, ImportChild, ImportDisagreement, ImportOptions, ImportPreview, ImportProblem,
    ImportProgress, ImportStage,
};
pub use read::{ImportFile, ImportFormat};

/// An LA's own CSV: which column holds what (saved per source as JSON).
pub use caseload_interop::import::{suggest_mapping, ColumnMapping};

#[cfg(test)]
mod tests;
