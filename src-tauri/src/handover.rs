//! Handover and cover packs (issue 17): the sender's bundle and its confirmation, the
//! receiver's preview and import, and a colleague's cover pack made, opened read-only and
//! removed. Wiring only: what goes in a bundle and how a child is merged are `caseload-api`'s.
//!
//! The cover pack opened is shown apart from the caseload: its view goes to the window and its
//! file is remembered here (never its passphrase) so "Remove cover pack" deletes it in one click.
//! No command writes to it. The commands that open or write a bundle (SQLCipher's key
//! derivation, a copy of the children's rows) run off the window's main thread (`async`).

use std::path::PathBuf;
use std::sync::Mutex;

use caseload_api::{
    CoverPackRequest, CoverPackView, HandoverCandidate, HandoverExport, HandoverPreview,
    HandoverRequest, Session, TransferOutView,
};
use serde::Deserialize;
use tauri::State;

use crate::error::CommandError;

/// The cover pack opened in this window, if any.
#[derive(Default)]
pub struct OpenCoverPack(pub Mutex<Option<PathBuf>>);

/// A bundle to write: to the path the save dialog chose, or (None) the launch's export folder.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct HandoverExportRequest {
    /// Which children, to whom.
    pub handover: HandoverRequest,
    /// Where; None = the launch's export folder.
    pub path: Option<String>,
}

/// A cover pack to write.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct CoverPackExportRequest {
    /// Which children, for whom, how many weeks.
    pub cover: CoverPackRequest,
    /// Where; None = the launch's export folder.
    pub path: Option<String>,
}

/// A bundle or cover pack to open, with its one-time passphrase.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct BundleFileRequest {
    /// The file.
    pub path: String,
    /// The one-time passphrase the sender gave.
    pub passphrase: String,
}

fn file_stem(what: &str, to: &str, on: chrono::NaiveDate) -> String {
    let to: String = to
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{what}-{}-{on}", to.trim_matches('-'))
}

/// Writes the handover bundle; its one-time passphrase comes back to be shown once.
#[tauri::command(async)]
#[specta::specta]
pub fn export_handover(
    session: State<'_, Session>,
    req: HandoverExportRequest,
) -> Result<HandoverExport, CommandError> {
    let today = session.today();
    let name = format!(
        "{}.caseload-handover",
        file_stem("handover-to", &req.handover.to_iro, today)
    );
    let path = session.export_path(req.path.map(PathBuf::from), &name, "the handover file")?;
    Ok(session
        .app()?
        .export_handover(&req.handover, &path, today)?)
}

/// Marks the children transferred out, once the sender confirms the receiver has the bundle.
#[tauri::command]
#[specta::specta]
pub fn transfer_out(
    session: State<'_, Session>,
    req: HandoverRequest,
) -> Result<TransferOutView, CommandError> {
    Ok(session.app()?.transfer_out(&req, session.today())?)
}

/// What importing the bundle would do; nothing is kept.
#[tauri::command(async)]
#[specta::specta]
pub fn preview_handover(
    session: State<'_, Session>,
    req: BundleFileRequest,
) -> Result<HandoverPreview, CommandError> {
    let today = session.today();
    Ok(session.app()?.import_handover(
        std::path::Path::new(&req.path),
        &req.passphrase,
        today,
        false,
    )?)
}

/// Imports the bundle: each child whole or not at all, after a backup.
#[tauri::command(async)]
#[specta::specta]
pub fn import_handover(
    session: State<'_, Session>,
    req: BundleFileRequest,
) -> Result<HandoverPreview, CommandError> {
    let today = session.today();
    Ok(session.app()?.import_handover(
        std::path::Path::new(&req.path),
        &req.passphrase,
        today,
        true,
    )?)
}

/// Writes a cover pack; its one-time passphrase comes back to be shown once.
#[tauri::command(async)]
#[specta::specta]
pub fn export_cover_pack(
    session: State<'_, Session>,
    req: CoverPackExportRequest,
) -> Result<CoverPackView, CommandError> {
    let today = session.today();
    let name = format!(
        "{}.caseload-cover",
        file_stem("cover-pack-for", &req.cover.to_iro, today)
    );
    let path = session.export_path(req.path.map(PathBuf::from), &name, "the cover pack")?;
    Ok(session.app()?.export_cover_pack(&req.cover, &path, today)?)
}

/// Opens a cover pack read-only (the caseload must be open, as for every screen).
#[tauri::command(async)]
#[specta::specta]
pub fn open_cover_pack(
    session: State<'_, Session>,
    opened: State<'_, OpenCoverPack>,
    req: BundleFileRequest,
) -> Result<CoverPackView, CommandError> {
    drop(session.app()?);
    let path = PathBuf::from(&req.path);
    let view = caseload_api::open_cover_pack(&path, &req.passphrase)?;
    *opened.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(path);
    Ok(view)
}

/// Deletes the cover pack opened in this window.
#[tauri::command]
#[specta::specta]
pub fn remove_cover_pack(opened: State<'_, OpenCoverPack>) -> Result<(), CommandError> {
    let path = opened.0.lock().unwrap_or_else(|e| e.into_inner()).take();
    match path {
        Some(path) => Ok(caseload_api::delete_cover_pack(&path)?),
        None => Err(CommandError::BadInput {
            message: "No cover pack is open.".to_string(),
        }),
    }
}

/// Every child, for choosing whom to hand over or cover.
#[tauri::command]
#[specta::specta]
pub fn get_handover_children(
    session: State<'_, Session>,
) -> Result<Vec<HandoverCandidate>, CommandError> {
    Ok(session.app()?.handover_candidates(session.today())?)
}
