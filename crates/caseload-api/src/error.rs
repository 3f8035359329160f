use caseload_store::{ChangeErrors, StoreError};

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
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl ApiError {
    /// True when the problem lies in what the user gave (exit status 2), not in the machine.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, ApiError::Store(_))
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(errors) => ApiError::Invalid(errors),
            StoreError::NotFound { entity, id } => ApiError::NotFound {
                what: format!("{entity} {id}"),
            },
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
