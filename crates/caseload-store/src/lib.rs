//! # caseload-store
//!
//! The SQLite store of IRO Caseload, and the only crate that speaks SQL.
//!
//! | module | what it holds |
//! |---|---|
//! | `key` | [`Key`]: a [`Passphrase`], a [`RecoveryKey`] or deliberately unencrypted; what SQLCipher is keyed with; [`file_kind`] tells a plaintext file from an encrypted one |
//! | `keyslots` | private: the random data key wrapped under the passphrase and under the recovery key (Argon2id, XChaCha20-Poly1305), in `….keys` beside the store and each backup |
//! | `recovery_key` | [`RecoveryKey`]: 120 random bits written as six checked groups |
//! | `unlock` | private: a typed secret to an open connection (slots, a pending slots file, a store from before slots); on an open store: [`Store::rekey`], [`Store::renew_recovery_key`], [`Store::check_passphrase`], the conversion to key slots |
//! | `open` | [`Store::open`] / [`Store::open_in_memory`]: the one place that keys the connection, checks the file (wrong passphrase, damage), sets pragmas (WAL, `synchronous = FULL`, foreign keys, busy timeout), backs up before a migration, then migrates; [`Store::rekey`] |
//! | `backup` | [`Store::backup_to`], [`Store::backup_now`] with rotation ([`backups_to_keep`]), [`latest_good_backup`], [`restore`], [`encrypt_plaintext`] |
//! | `bundle` | [`Store::write_bundle`], [`Bundle::open`]: a handover bundle or cover pack, one SQLCipher file keyed by a one-time passphrase, the store's schema with a few children's rows (or a cover pack's view) and `bundle_meta` |
//! | `fsutil` | private: durable renames, copies and wiping |
//! | `migrate` | embedded, append-only `migrations/NNNN_verb_noun.sql`, tracked by `user_version` |
//! | `apply` | [`Store::apply`]: a batch of [`Change`](caseload_core::change::Change)s validated by the core and written in one transaction, one audit row per change; one module per table's writes, and what validation reads kept for the batch |
//! | `load` | snapshots for the core: [`Store::load_caseload`], [`Store::load_child`], rules, settings, calendar |
//! | `audit` | reading the append-only audit log: [`Store::audit`] |
//! | `erase` | [`Store::erase_children`]: a child's every row and audit row deleted in one transaction, a tombstone without personal data left in the audit log, then `VACUUM` |
//! | `figures` | the figures file of issue 17: [`write_figures_file`], [`read_figures_file`] (one SQLCipher file keyed by the service passphrase, written beside its target and renamed), [`pseudonym`] |
//! | `service` | [`ServiceStore`]: the service manager's file of the IROs' figures files, one per IRO, a newer one replacing the older in one transaction |
//! | `tables` | private: one module per table, SQL and row mapping only |
//! | `error` | [`StoreError`] |
//!
//! What this crate deliberately does not do:
//! - no file formats (903, CIN, GOV.UK JSON and ICS live in `caseload-interop`);
//! - no clock: `as_of` and the audit timestamp are passed in ([`ApplyContext`]);
//! - no Tauri, no command line, no view models (that is `caseload-api` and above);
//! - no business rule: validation is the core's [`validate`](caseload_core::validate::validate);
//!   the store adds only what needs the database (an id already taken, what a column can hold).
//!
//! Invariant: every write goes through [`Store::apply`], in one transaction that also appends the
//! audit row; the one other public way to change a store is [`Store::erase_children`], the
//! deletion of records past retention, in one transaction that also appends its tombstone. The
//! audit table refuses UPDATE always, and DELETE except of the rows of the one child a deletion
//! names while it runs (triggers in the schema).

mod apply;
mod audit;
mod backup;
mod bundle;
mod erase;
mod error;
mod figures;
mod fsutil;
mod key;
mod keyslots;
mod load;
mod migrate;
mod open;
mod recovery_key;
mod service;
mod sql;
mod tables;
mod unlock;

pub use apply::{Applied, ApplyContext, GroupOutcome};
pub use audit::{AuditEntry, AuditFilter};
pub use backup::{
    backups_to_keep, encrypt_plaintext, latest_good_backup, list_backups, restore, verify_backup,
    BackupFile, BackupKind, BackupMade, EncryptedStore, Restored,
};
pub use bundle::{Bundle, BundleContent, BundleKind, BundleMeta, BUNDLE_FORMAT};
pub use erase::{EraseContext, Erased, ERASE_OP};
pub use error::{ChangeErrors, StoreError};
pub use figures::{pseudonym, read_figures_file, write_figures_file};
pub use key::{file_kind, FileKind, Key, Passphrase};
pub use load::{Setup, Snapshot};
pub use migrate::{migration_files, SCHEMA_VERSION};
pub use open::{default_backup_dir, OpenOptions, Pragmas, Store};
pub use recovery_key::{RecoveryKey, RecoveryKeyError};
pub use service::{ServiceImported, ServiceStore};
pub use unlock::{has_key_slots, key_slots_path, sqlcipher_key};
