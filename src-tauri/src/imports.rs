//! The import commands: the files the user chose (or dropped) are read here and handed to the
//! API's one import use case, as a preview or for real, with the column mappings saved per
//! source of an LA's own CSV (in the preferences); and the mapping form of a file, and saving
//! it. No rule lives here.

use caseload_api::{
    ImportFile, ImportOptions, ImportPreview, ImportProgress, ImportRun, MappingForm, MappingView,
    Session,
};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::CommandError;

/// Files to import, and how.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ImportRequest {
    /// The files' paths.
    pub paths: Vec<String>,
    /// The format, the IRO who receives the new children, partial children.
    pub options: ImportOptions,
    /// False: a preview (nothing is kept); true: the import.
    pub commit: bool,
}

fn read(path: &str) -> Result<ImportFile, CommandError> {
    let p = std::path::Path::new(path);
    let bytes = std::fs::read(p).map_err(|e| CommandError::BadInput {
        message: format!("{path} could not be read: {e}."),
    })?;
    let name = p
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
    Ok(ImportFile { name, bytes })
}

/// How often progress is sent: every this many children (and at the end).
const PROGRESS_EVERY: u32 = 100;

/// Previews or runs an import of the files, telling `on_progress` how far it has gone. Async, so
/// it runs off the window's thread and the window can show the progress.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    session: State<'_, Session>,
    req: ImportRequest,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportPreview, CommandError> {
    let files = req
        .paths
        .iter()
        .map(|p| read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let saved = session.import_mappings();
    let run = ImportRun {
        as_of: session.today(),
        commit: req.commit,
    };
    let mut app = session.app()?;
    let mut tell = |p: ImportProgress| {
        if p.done == p.total || p.done.is_multiple_of(PROGRESS_EVERY) {
            // A window that went away does not stop the import.
            let _ = on_progress.send(p);
        }
    };
    Ok(app.import_with_mappings(&files, &req.options, &saved, run, &mut tell)?)
}

/// The column mapping form of a file: None when it needs none (not an LA's own CSV).
#[tauri::command]
#[specta::specta]
pub fn get_import_mapping(
    session: State<'_, Session>,
    path: String,
) -> Result<Option<MappingForm>, CommandError> {
    let file = read(&path)?;
    let saved = session.import_mappings();
    let app = session.app()?;
    Ok(app.import_mapping_for(&file, &saved))
}

/// Checks a file's column mapping and keeps it for the file's source (its header row).
#[tauri::command]
#[specta::specta]
pub fn save_import_mapping(
    session: State<'_, Session>,
    path: String,
    mapping: MappingView,
) -> Result<(), CommandError> {
    let file = read(&path)?;
    let saved = session.app()?.import_mapping_to_save(&file, &mapping)?;
    Ok(session.save_import_mapping(&saved)?)
}
