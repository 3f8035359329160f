//! Retention: the closed cases with the day each record is kept until, and the deletion of
//! those past it after the IRO confirmed in the window. Wiring only: which records may go is
//! `caseload-api`'s (and the core's) to say.

use caseload_api::core::ids::ChildId;
use caseload_api::{ErasureView, RetentionView, Session};
use serde::Deserialize;
use tauri::State;

use crate::error::CommandError;

/// The retention list as of today: every closed case, those past retention marked.
#[tauri::command]
#[specta::specta]
pub fn get_retention(session: State<'_, Session>) -> Result<RetentionView, CommandError> {
    Ok(session.app()?.retention(session.today(), false)?)
}

/// The children whose records the IRO confirmed deleting.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ErasureRequest {
    /// The children, each past retention today.
    pub children: Vec<ChildId>,
}

/// Deletes the records the IRO confirmed, by the store's owner, leaving a tombstone each.
#[tauri::command]
#[specta::specta]
pub fn erase_children(
    session: State<'_, Session>,
    req: ErasureRequest,
) -> Result<ErasureView, CommandError> {
    Ok(session.erase_children(&req.children)?)
}
