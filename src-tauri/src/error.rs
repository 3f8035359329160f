//! The one error a command returns, tagged by `kind` so the UI switches on it (never on text).

use caseload_api::core::validate::FieldError;
use caseload_api::ApiError;
use serde::Serialize;

/// The problems of one refused change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ChangeProblems {
    /// Position of the change in the batch (from 0).
    pub index: u32,
    /// The change's op.
    pub op: String,
    /// Every problem, by wire field name.
    pub fields: Vec<FieldError>,
}

/// What went wrong, for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandError {
    /// Changes were refused; nothing was saved. Forms show `fields` beside their inputs.
    #[error("the changes were refused")]
    Validation {
        /// Per refused change.
        changes: Vec<ChangeProblems>,
    },
    /// The request was malformed (a bad file, an unknown name).
    #[error("{message}")]
    BadInput {
        /// A sentence for the IRO.
        message: String,
    },
    /// Something named does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What.
        what: String,
    },
    /// The caseload is locked (or not yet opened): the UI shows the unlock screen.
    #[error("{message}")]
    Locked {
        /// A sentence for the IRO.
        message: String,
    },
    /// The passphrase (or recovery key) given is not this caseload's. Nothing was changed.
    #[error("{message}")]
    WrongPassphrase {
        /// A sentence for the IRO.
        message: String,
    },
    /// The store file is damaged; the app will not work on it.
    #[error("{message}")]
    Damaged {
        /// A sentence for the IRO, naming the file and the latest good backup.
        message: String,
        /// The newest backup that opens and passes the check, if any.
        latest_backup: Option<String>,
    },
    /// The store failed. Details go to the log, not the screen.
    #[error("{message}")]
    Storage {
        /// A sentence for the IRO.
        message: String,
    },
}

impl From<ApiError> for CommandError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Invalid(changes) => CommandError::Validation {
                changes: changes
                    .into_iter()
                    .map(|c| ChangeProblems {
                        index: c.index as u32,
                        op: c.op,
                        fields: c.errors,
                    })
                    .collect(),
            },
            ApiError::BadInput(message) => CommandError::BadInput { message },
            ApiError::NotFound { what } => CommandError::NotFound { what },
            ApiError::PassphraseNeeded | ApiError::Locked => CommandError::Locked {
                message: e.to_string(),
            },
            ApiError::WrongPassphrase | ApiError::WrongRecoveryKey | ApiError::NoRecoveryKey => {
                CommandError::WrongPassphrase {
                    message: e.to_string(),
                }
            }
            ApiError::Damaged {
                ref latest_backup, ..
            } => CommandError::Damaged {
                latest_backup: latest_backup.as_ref().map(|p| p.display().to_string()),
                message: e.to_string(),
            },
            ApiError::NotEncrypted
            | ApiError::AlreadyEncrypted
            | ApiError::InUse
            | ApiError::NotABackup { .. } => CommandError::BadInput {
                message: e.to_string(),
            },
            ApiError::NotWritten(message) => CommandError::Storage { message },
            ApiError::Unavailable => CommandError::Storage {
                message: e.to_string(),
            },
            ApiError::Store(e) => {
                // Logs carry the technical cause (never child data: store errors name tables
                // and operations, not values).
                eprintln!("caseload-desktop: storage error: {e}");
                CommandError::Storage {
                    message: "The store could not be read or written. Nothing was changed."
                        .to_string(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caseload_api::core::validate::ErrorCode;

    #[test]
    fn wire_shape_is_tagged_by_kind_with_snake_case_fields() {
        let e = CommandError::Validation {
            changes: vec![ChangeProblems {
                index: 0,
                op: "record_meeting".into(),
                fields: vec![FieldError::new(
                    "held_on",
                    ErrorCode::BeforeBirth,
                    "Held on is before birth.",
                )],
            }],
        };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "kind": "validation",
                "changes": [{
                    "index": 0,
                    "op": "record_meeting",
                    "fields": [{"field": "held_on", "code": "before_birth", "message": "Held on is before birth."}]
                }]
            })
        );
        assert_eq!(
            serde_json::to_value(CommandError::NotFound {
                what: "child 7".into()
            })
            .unwrap(),
            serde_json::json!({"kind": "not_found", "what": "child 7"})
        );
    }

    #[test]
    fn the_session_s_errors_keep_their_kinds() {
        assert_eq!(
            serde_json::to_value(CommandError::from(ApiError::Locked)).unwrap(),
            serde_json::json!({
                "kind": "locked",
                "message": "The caseload is locked. Enter the passphrase to open it."
            })
        );
        assert_eq!(
            serde_json::to_value(CommandError::from(ApiError::NotWritten(
                "The preference could not be saved: disk full.".into()
            )))
            .unwrap(),
            serde_json::json!({
                "kind": "storage",
                "message": "The preference could not be saved: disk full."
            })
        );
    }
}
