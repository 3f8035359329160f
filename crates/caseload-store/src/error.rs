//! The store's one error type. Every variant says which operation failed; nothing is a `String`
//! to be matched on.

use caseload_core::validate::FieldError;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused or failed an operation.
    #[error("could not {op}")]
    Sqlite {
        /// What the store was doing, e.g. "insert meeting".
        op: &'static str,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// The store file or its folder could not be created.
    #[error("could not {op} {}", path.display())]
    Io {
        /// What the store was doing, e.g. "create the folder".
        op: &'static str,
        /// Which path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The schema could not be brought up to date (including a store written by a newer
    /// version of the app).
    #[error("could not migrate the store schema")]
    Migration(#[from] rusqlite_migration::Error),
    /// One or more changes of a batch were refused; nothing of the batch was written.
    #[error("{}", render_invalid(.0))]
    Invalid(Vec<ChangeErrors>),
    /// A row the operation needs does not exist.
    #[error("no {entity} with id {id}")]
    NotFound {
        /// Which kind of row ("child", "meeting", ...).
        entity: &'static str,
        /// The id looked for.
        id: i64,
    },
    /// A row holds something the core types cannot represent (an unknown code, a bad date).
    #[error("corrupt row: {what}")]
    Corrupt {
        /// What could not be read, and where.
        what: String,
    },
    /// The passphrase does not open this encrypted file (or the file is not a store at all).
    /// Nothing was written.
    #[error("the passphrase does not open {}", path.display())]
    WrongPassphrase {
        /// The store or backup file.
        path: PathBuf,
    },
    /// The recovery key does not open this file (a slot's tag fails). Nothing was written.
    #[error("the recovery key does not open {}", path.display())]
    WrongRecoveryKey {
        /// The store or backup file.
        path: PathBuf,
    },
    /// A recovery key was given for a file that has none: it is missing, or was made before
    /// recovery keys (its passphrase opens it, and then it gets one).
    #[error("{} has no recovery key", path.display())]
    NoRecoveryKey {
        /// The store or backup file.
        path: PathBuf,
    },
    /// A passphrase was given but the file is a plaintext store (it can be encrypted).
    #[error("{} is not encrypted", path.display())]
    NotEncrypted {
        /// The store or backup file.
        path: PathBuf,
    },
    /// No passphrase was given but the file is encrypted (or is not a store at all).
    #[error("{} is encrypted: a passphrase is needed", path.display())]
    NeedsPassphrase {
        /// The store or backup file.
        path: PathBuf,
    },
    /// The file fails SQLite's integrity check: the app refuses to work on it.
    #[error("{} is damaged ({detail})", path.display())]
    Damaged {
        /// The damaged file.
        path: PathBuf,
        /// The newest backup of the store that opens with the same key and passes the check.
        latest_backup: Option<PathBuf>,
        /// SQLite's first finding, for the log (page numbers, never row contents).
        detail: String,
    },
    /// The store is encrypted already.
    #[error("{} is already encrypted", path.display())]
    AlreadyEncrypted {
        /// The store file.
        path: PathBuf,
    },
    /// A file given as a backup (or a store to encrypt) cannot serve.
    #[error("{} cannot be used: {why}", path.display())]
    NotABackup {
        /// The file.
        path: PathBuf,
        /// Why not.
        why: &'static str,
    },
    /// A file given as a handover bundle or cover pack is not one this build can read.
    #[error("{} is not a bundle this version can read: {why}", path.display())]
    NotABundle {
        /// The file.
        path: PathBuf,
        /// Why not.
        why: &'static str,
    },
    /// A file given as a figures file (or a service store) that cannot be used as one: not a
    /// figures file, a newer format, or older than the IRO's file already held.
    #[error("{}: {why}", path.display())]
    NotFigures {
        /// The file.
        path: PathBuf,
        /// Why not.
        why: String,
    },
    /// Another program (or window) has the store open, so it cannot be re-keyed, encrypted or
    /// replaced now.
    #[error("{} is in use by another program", path.display())]
    InUse {
        /// The store file.
        path: PathBuf,
    },
}

/// The problems of one change of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeErrors {
    /// The position of the change in the batch, counted from 0.
    pub index: usize,
    /// The change's op ("record_meeting").
    pub op: String,
    /// Every problem found, never only the first.
    pub errors: Vec<FieldError>,
}

/// One line per problem: `change 4 (record_meeting): held_on: Held on (…) is before …`.
/// The number shown is counted from 1, as a person counts the changes of a file.
fn render_invalid(changes: &[ChangeErrors]) -> String {
    let mut out = String::new();
    for change in changes {
        for error in &change.errors {
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = write!(
                out,
                "change {} ({}): {}: {}",
                change.index + 1,
                change.op,
                error.field,
                error.message
            );
        }
    }
    out
}

/// Turns a rusqlite result into a store result that names the operation. A value that could
/// not be converted to a core type (see `sql::conversion`) becomes [`StoreError::Corrupt`].
pub(crate) trait SqlResultExt<T> {
    fn op(self, op: &'static str) -> Result<T, StoreError>;
}

impl<T> SqlResultExt<T> for rusqlite::Result<T> {
    fn op(self, op: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| sqlite_error(op, source))
    }
}

pub(crate) fn sqlite_error(op: &'static str, source: rusqlite::Error) -> StoreError {
    match source {
        rusqlite::Error::FromSqlConversionFailure(column, _, error) => StoreError::Corrupt {
            what: format!("{op}: column {column}: {error}"),
        },
        rusqlite::Error::InvalidColumnType(column, name, ty) => StoreError::Corrupt {
            what: format!("{op}: column {column} ({name}) holds {ty}"),
        },
        source => StoreError::Sqlite { op, source },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caseload_core::validate::ErrorCode;

    #[test]
    fn invalid_renders_one_line_per_problem_counting_changes_from_one() {
        let err = StoreError::Invalid(vec![
            ChangeErrors {
                index: 3,
                op: "record_meeting".into(),
                errors: vec![
                    FieldError::new(
                        "held_on",
                        ErrorCode::BeforeBirth,
                        "Held on is before birth.",
                    ),
                    FieldError::new("participation", ErrorCode::Required, "Choose a code."),
                ],
            },
            ChangeErrors {
                index: 4,
                op: "add_iro".into(),
                errors: vec![FieldError::new(
                    "name",
                    ErrorCode::Required,
                    "Name is required.",
                )],
            },
        ]);
        assert_eq!(
            err.to_string(),
            "change 4 (record_meeting): held_on: Held on is before birth.\n\
             change 4 (record_meeting): participation: Choose a code.\n\
             change 5 (add_iro): name: Name is required."
        );
    }

    #[test]
    fn conversion_failures_are_corrupt_rows_not_sqlite_errors() {
        let err = sqlite_error(
            "load meetings",
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                "unknown code \"XX\"".into(),
            ),
        );
        assert_eq!(
            err.to_string(),
            "corrupt row: load meetings: column 3: unknown code \"XX\""
        );
    }
}
