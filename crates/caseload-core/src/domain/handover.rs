//! What a handover brings besides a child's record: the sending store's audit rows about the
//! child, kept as text (the receiving store keeps them as the child's history, marked with
//! where they came from).

use serde::{Deserialize, Serialize};

/// One audit row of the sending store, as it was written there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HistoryRow {
    /// When it was recorded there (RFC 3339, UTC).
    pub recorded_at: String,
    /// Its operation ("book_meeting").
    pub op: String,
    /// The change as the sending store kept it (JSON text; its ids are the sender's).
    pub change_json: String,
    /// Before, as JSON text.
    #[serde(default)]
    pub before_json: Option<String>,
    /// After, as JSON text.
    #[serde(default)]
    pub after_json: Option<String>,
    /// Where it came from: the handover, and where the sender's row came from, if anywhere.
    pub source: String,
}
