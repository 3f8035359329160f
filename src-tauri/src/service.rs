//! Service-wide figures (issue 17, part 3): an IRO exports this store's figures for the
//! service; the service manager opens the service store with the service passphrase, adds the
//! IROs' figures files, and sees (and saves) the service report. Wiring only: the use cases are
//! `caseload-api`'s (`Session`'s service methods).

use std::path::PathBuf;

use caseload_api::{
    FiguresExportRequest, FiguresExported, ReportFormat, ServiceImportRow, ServiceReportRequest,
    ServiceReportView, ServiceStatus, Session,
};
use serde::Deserialize;
use tauri::State;

use crate::error::CommandError;

/// The figures to export, the service passphrase typed twice, and where to write the file.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ExportFiguresRequest {
    /// The period and whose figures.
    pub figures: FiguresExportRequest,
    /// The service passphrase.
    pub passphrase: String,
    /// Typed again.
    pub again: String,
    /// Where; None = the launch's export folder.
    pub path: Option<String>,
}

/// Writes this store's figures for the service, encrypted under the service passphrase.
#[tauri::command]
#[specta::specta]
pub fn export_figures(
    session: State<'_, Session>,
    req: ExportFiguresRequest,
) -> Result<FiguresExported, CommandError> {
    Ok(session.export_figures(
        &req.figures,
        req.passphrase,
        req.again,
        req.path.map(PathBuf::from),
    )?)
}

/// Whether the service store is open, and how many IROs' files it holds.
#[tauri::command]
#[specta::specta]
pub fn get_service_status(session: State<'_, Session>) -> Result<ServiceStatus, CommandError> {
    Ok(session.service_status()?)
}

/// The service passphrase that opens the service store.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct OpenServiceRequest {
    /// The service passphrase.
    pub passphrase: String,
}

/// Opens (or makes) the service store with the service passphrase.
#[tauri::command]
#[specta::specta]
pub fn open_service(
    session: State<'_, Session>,
    req: OpenServiceRequest,
) -> Result<ServiceStatus, CommandError> {
    Ok(session.open_service(req.passphrase)?)
}

/// The figures files to add.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ServiceImportRequest {
    /// Their paths.
    pub paths: Vec<String>,
}

/// Adds IROs' figures files to the open service store (a newer file replaces the IRO's older).
#[tauri::command]
#[specta::specta]
pub fn import_service_figures(
    session: State<'_, Session>,
    req: ServiceImportRequest,
) -> Result<Vec<ServiceImportRow>, CommandError> {
    let paths: Vec<PathBuf> = req.paths.iter().map(PathBuf::from).collect();
    Ok(session.import_service_figures(&paths)?)
}

/// The service report over the files held, with each IRO's file and its standing.
#[tauri::command]
#[specta::specta]
pub fn get_service_report(
    session: State<'_, Session>,
    req: ServiceReportRequest,
) -> Result<ServiceReportView, CommandError> {
    Ok(session.service_report(&req)?)
}

/// A service report to save.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ExportServiceReportRequest {
    /// Which report.
    pub report: ServiceReportRequest,
    /// As what.
    pub format: ReportFormat,
    /// Where; None = the launch's export folder.
    pub path: Option<String>,
}

/// Writes the service report as XLSX, CSV, PDF or Word.
#[tauri::command]
#[specta::specta]
pub fn export_service_report(
    session: State<'_, Session>,
    req: ExportServiceReportRequest,
) -> Result<String, CommandError> {
    let path =
        session.export_service_report(&req.report, req.format, req.path.map(PathBuf::from))?;
    Ok(path.display().to_string())
}
