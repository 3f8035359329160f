use caseload_store::{ChangeErrors, StoreError};
use std::path::PathBuf;

/// The only error a front end sees, classified so the front end can react by kind.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// One or more changes were refused; nothing was written.
    #[error("{}", render_invalid(.0))]
    Invalid(Vec<ChangeErrors>),
    /// The request itself is malformed (a bad file, an unknown name, a bad option).
    #[error("{0}")]
    BadInput(String),
    /// Something named does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for.
        what: String,
    },
    /// The passphrase does not open the store (or the backup). Nothing was changed.
    #[error("The passphrase is wrong. Nothing was changed.")]
    WrongPassphrase,
    /// The recovery key does not open the store (or the backup). Nothing was changed.
    #[error("That recovery key does not open this caseload. Nothing was changed.")]
    WrongRecoveryKey,
    /// A recovery key was given for a store that has none yet.
    #[error("This caseload has no recovery key yet: it was made before recovery keys. Open it once with its passphrase and the app makes one.")]
    NoRecoveryKey,
    /// The store is encrypted and no passphrase was given.
    #[error("This caseload is encrypted: its passphrase is needed to open it.")]
    PassphraseNeeded,
    /// A passphrase was given for a store (or backup) that is not encrypted.
    #[error("This caseload is not encrypted, so it has no passphrase. Encrypt it to protect it.")]
    NotEncrypted,
    /// Encrypting a store that is encrypted already.
    #[error("This caseload is already encrypted.")]
    AlreadyEncrypted,
    /// The store fails its integrity check; the app refuses to work on it.
    #[error("{}", render_damaged(path, latest_backup.as_deref()))]
    Damaged {
        /// The damaged file.
        path: PathBuf,
        /// The newest backup that opens and passes the check, to restore.
        latest_backup: Option<PathBuf>,
    },
    /// Another window or program has the store open.
    #[error("The caseload is open in another window or program. Close it and try again.")]
    InUse,
    /// A file given to restore from cannot serve.
    #[error("{} cannot be restored: {why}.", path.display())]
    NotABackup {
        /// The file.
        path: PathBuf,
        /// Why not.
        why: &'static str,
    },
    /// The caseload is locked (or not yet opened): its passphrase opens it.
    #[error("The caseload is locked. Enter the passphrase to open it.")]
    Locked,
    /// A file or folder of the app's own outside the store (the preferences, the store's
    /// folder) could not be written; the sentence names it.
    #[error("{0}")]
    NotWritten(String),
    /// The store is out of reach after an earlier failure in this process.
    #[error("The caseload is unavailable after an earlier failure. Restart the app.")]
    Unavailable,
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl ApiError {
    /// True when the problem lies in what the user gave (exit status 2), not in the machine.
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            ApiError::Store(_)
                | ApiError::Damaged { .. }
                | ApiError::InUse
                | ApiError::NotWritten(_)
                | ApiError::Unavailable
        )
    }
}

fn render_damaged(path: &std::path::Path, latest_backup: Option<&std::path::Path>) -> String {
    let head = format!(
        "The caseload file {} is damaged, so the app will not work on it. Nothing was changed.",
        path.display()
    );
    match latest_backup {
        Some(backup) => format!(
            "{head} The latest good backup is {}: restore it.",
            backup.display()
        ),
        None => format!("{head} No good backup of it was found."),
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(errors) => ApiError::Invalid(errors),
            StoreError::NotFound { entity, id } => ApiError::NotFound {
                what: format!("{entity} {id}"),
            },
            StoreError::WrongPassphrase { .. } => ApiError::WrongPassphrase,
            StoreError::NeedsPassphrase { .. } => ApiError::PassphraseNeeded,
            StoreError::WrongRecoveryKey { .. } => ApiError::WrongRecoveryKey,
            StoreError::NoRecoveryKey { .. } => ApiError::NoRecoveryKey,
            StoreError::NotEncrypted { .. } => ApiError::NotEncrypted,
            StoreError::AlreadyEncrypted { .. } => ApiError::AlreadyEncrypted,
            StoreError::Damaged {
                path,
                latest_backup,
                ..
            } => ApiError::Damaged {
                path,
                latest_backup,
            },
            StoreError::InUse { .. } => ApiError::InUse,
            StoreError::NotABackup { path, why } => ApiError::NotABackup { path, why },
            StoreError::NotABundle { path, why } => {
                ApiError::BadInput(format!("{} cannot be opened: {why}.", path.display()))
            }
            other => ApiError::Store(other),
        }
    }
}

fn render_invalid(errors: &[ChangeErrors]) -> String {
    let mut lines = Vec::new();
    for change in errors {
        for e in &change.errors {
            lines.push(format!(
                "change {} ({}): {}: {}",
                change.index + 1,
                change.op,
                e.field,
                e.message
            ));
        }
    }
    lines.join("\n")
}
