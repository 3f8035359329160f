//! Schema migrations: append-only SQL files, embedded at build time, tracked by SQLite's
//! `user_version` (rusqlite_migration).
//!
//! Rules: never edit a released migration; add `NNNN_verb_noun.sql` with the next number and
//! list it below. A test checks that the files on disk and this list agree and that the
//! numbers are contiguous from 0001, so two branches that both add the same number collide
//! loudly. Pragmas do not belong here (see `open.rs`).

use crate::error::{SqlResultExt, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// Every migration, in order: (file name, SQL).
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial.sql",
        include_str!("migrations/0001_initial.sql"),
    ),
    (
        "0002_add_disputes.sql",
        include_str!("migrations/0002_add_disputes.sql"),
    ),
    (
        "0003_configure_dispute_reasons.sql",
        include_str!("migrations/0003_configure_dispute_reasons.sql"),
    ),
    (
        "0004_add_conference_outcomes.sql",
        include_str!("migrations/0004_add_conference_outcomes.sql"),
    ),
    (
        "0005_add_meeting_records.sql",
        include_str!("migrations/0005_add_meeting_records.sql"),
    ),
    (
        "0006_add_letter_templates.sql",
        include_str!("migrations/0006_add_letter_templates.sql"),
    ),
    (
        "0007_add_audit_source.sql",
        include_str!("migrations/0007_add_audit_source.sql"),
    ),
    (
        "0008_add_previous_plans.sql",
        include_str!("migrations/0008_add_previous_plans.sql"),
    ),
    (
        "0009_add_review_history.sql",
        include_str!("migrations/0009_add_review_history.sql"),
    ),
    (
        "0010_add_meeting_revision.sql",
        include_str!("migrations/0010_add_meeting_revision.sql"),
    ),
    (
        "0011_add_erasure.sql",
        include_str!("migrations/0011_add_erasure.sql"),
    ),
    (
        "0012_add_transfers_out.sql",
        include_str!("migrations/0012_add_transfers_out.sql"),
    ),
];

/// The schema version of a store brought up to date by this build (its `user_version`).
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// The file names of the embedded migrations, in order (for the contiguity test).
pub fn migration_files() -> impl Iterator<Item = &'static str> {
    MIGRATIONS.iter().map(|(name, _)| *name)
}

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .map(|(name, sql)| M::up(sql).comment(name).foreign_key_check())
            .collect(),
    )
}

/// Brings the schema up to date, in one transaction per migration. A store written by a newer
/// build (a higher `user_version`) is refused rather than guessed at.
///
/// Foreign keys are off while migrations run, because rebuilding a table (the only way to drop
/// a CHECK in SQLite) would otherwise cascade into or be refused by the tables that refer to
/// it; `PRAGMA foreign_keys` cannot change inside a transaction, hence here. Each migration
/// then runs `PRAGMA foreign_key_check` before it commits, so none can leave a dangling row.
pub(crate) fn to_latest(conn: &mut Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "foreign_keys", false)
        .op("turn foreign keys off to migrate")?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", true)
        .op("turn foreign keys back on")?;
    migrated?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
