//! The import command: the files the user chose (or dropped) are read here and handed to the
//! API's one import use case, as a preview or for real. No rule lives here.

use caseload_api::{ImportFile, ImportOptions, ImportPreview};
use serde::Deserialize;
use tauri::State;

use crate::error::CommandError;
use crate::state::Session;

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

/// Previews or runs an import of the files.
#[tauri::command]
#[specta::specta]
pub fn import_files(
    session: State<'_, Session>,
    req: ImportRequest,
) -> Result<ImportPreview, CommandError> {
    let files = req
        .paths
        .iter()
        .map(|p| read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut app = session.app()?;
    Ok(app.import(&files, &req.options, session.today(), req.commit)?)
}
