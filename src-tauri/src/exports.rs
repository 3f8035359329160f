//! The commands that write a file: a calendar (.ics), the annual report (.xlsx, .csv) and a
//! meeting's documents (.docx, PDF). Rust renders the bytes and writes them where the user chose
//! in the save dialog, or into the launch's export folder; nothing else is kept, no temporary
//! copy and no second file. An exported file is plaintext by nature: the front end says so the
//! first time (`acknowledge_plaintext_exports` remembers that it did).

use std::path::{Path, PathBuf};

use caseload_api::core::ids::{IroId, MeetingId};
use caseload_api::{
    document_docx, document_pdf, report_csv, report_xlsx, IcsScope, MeetingDocument, ReportRequest,
};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::CommandError;
use crate::state::Session;

/// The path to write: the one chosen in the save dialog, else `name` in the export folder.
fn export_path(
    chosen: Option<String>,
    session: &Session,
    name: &str,
    what: &str,
) -> Result<PathBuf, CommandError> {
    match (chosen, &session.export_dir) {
        (Some(path), _) => Ok(PathBuf::from(path)),
        (None, Some(dir)) => Ok(dir.join(name)),
        (None, None) => Err(CommandError::BadInput {
            message: format!("Choose where to save {what}."),
        }),
    }
}

/// Writes the bytes, naming the file in the error.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    std::fs::write(path, bytes).map_err(|e| CommandError::BadInput {
        message: format!("{} could not be written: {e}.", path.display()),
    })
}
/// A calendar export to a file the user chose.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ExportIcsRequest {
    /// Where to write the .ics file; None = the launch's export folder.
    pub path: Option<String>,
    /// The week, or every booked meeting.
    pub scope: IcsScope,
    /// The IRO, or None for all.
    pub iro: Option<IroId>,
}

/// What was written.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IcsWritten {
    /// The file.
    pub path: String,
    /// Meetings in it.
    pub meetings: u32,
    /// Deadlines in it.
    pub deadlines: u32,
}

/// A file name to suggest in the save dialog.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct IcsNameRequest {
    /// The week, or every booked meeting.
    pub scope: IcsScope,
}

#[tauri::command]
#[specta::specta]
pub fn suggest_ics_name(
    session: State<'_, Session>,
    req: IcsNameRequest,
) -> Result<String, CommandError> {
    let export = session
        .app()?
        .export_ics(req.scope, session.today(), None, chrono::Utc::now())?;
    Ok(export.suggested_name)
}

#[tauri::command]
#[specta::specta]
pub fn export_ics(
    session: State<'_, Session>,
    req: ExportIcsRequest,
) -> Result<IcsWritten, CommandError> {
    let export =
        session
            .app()?
            .export_ics(req.scope, session.today(), req.iro, chrono::Utc::now())?;
    let path = export_path(
        req.path,
        &session,
        &export.suggested_name,
        "the calendar file",
    )?;
    write_file(&path, export.text.as_bytes())?;
    Ok(IcsWritten {
        path: path.display().to_string(),
        meetings: export.meetings,
        deadlines: export.deadlines,
    })
}

/// Which file to write a report to.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// A workbook: one sheet per section, figures and definitions.
    Xlsx,
    /// One row per figure.
    Csv,
}

/// A report to save.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ExportReportRequest {
    /// Which report.
    pub report: ReportRequest,
    /// As what.
    pub format: ReportFormat,
    /// Where; None = the launch's export folder.
    pub path: Option<String>,
}

/// Writes the report to a file the user chose.
#[tauri::command]
#[specta::specta]
pub fn export_report(
    session: State<'_, Session>,
    req: ExportReportRequest,
) -> Result<String, CommandError> {
    let r = &req.report;
    let report = session
        .app()?
        .report(&r.period()?, &r.iros, r.options, session.today())?;
    let bytes = match req.format {
        ReportFormat::Xlsx => report_xlsx(&report),
        ReportFormat::Csv => report_csv(&report).map(String::into_bytes),
    }
    .map_err(|e| CommandError::Storage {
        message: format!("The report file could not be made: {e}."),
    })?;
    let name = format!(
        "iro-annual-report-{}.{}",
        report.period.label.replace(['/', ' ', '–'], "-"),
        match req.format {
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Csv => "csv",
        }
    );
    let path = export_path(req.path, &session, &name, "the report")?;
    write_file(&path, &bytes)?;
    Ok(path.display().to_string())
}

/// A document's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    /// Word (.docx), to edit before sending.
    Docx,
    /// PDF (A4), to send as it is.
    Pdf,
}

impl DocumentFormat {
    /// The file name of a document in this format.
    fn file_name(self, stem: &str) -> String {
        let extension = match self {
            DocumentFormat::Docx => "docx",
            DocumentFormat::Pdf => "pdf",
        };
        format!("{stem}.{extension}")
    }
}

/// One of a meeting's documents, as a file.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct MeetingDocumentRequest {
    /// The meeting.
    pub meeting: MeetingId,
    /// The pack, the record or the letter.
    pub document: MeetingDocument,
    /// Word or PDF.
    pub format: DocumentFormat,
    /// Where; None = the launch's export folder.
    pub path: Option<String>,
}

/// The file name to suggest in the save dialog ("Alex Example - LAC review record - 2025-07-08.pdf").
#[tauri::command]
#[specta::specta]
pub fn suggest_document_name(
    session: State<'_, Session>,
    req: MeetingDocumentRequest,
) -> Result<String, CommandError> {
    let named = session
        .app()?
        .meeting_document(req.meeting, req.document, session.today())?;
    Ok(req.format.file_name(&named.file_stem))
}

/// Writes a meeting's document as .docx or PDF; the path written.
#[tauri::command]
#[specta::specta]
pub fn export_meeting_document(
    session: State<'_, Session>,
    req: MeetingDocumentRequest,
) -> Result<String, CommandError> {
    let named = session
        .app()?
        .meeting_document(req.meeting, req.document, session.today())?;
    let bytes = match req.format {
        DocumentFormat::Docx => document_docx(&named.document),
        DocumentFormat::Pdf => document_pdf(&named.document),
    }
    .map_err(|e| CommandError::Storage {
        message: format!("The document could not be made: {e}."),
    })?;
    let name = req.format.file_name(&named.file_stem);
    let path = export_path(req.path, &session, &name, "the document")?;
    write_file(&path, &bytes)?;
    Ok(path.display().to_string())
}

/// The user has read that exported files are not encrypted: not said again.
#[tauri::command]
#[specta::specta]
pub fn acknowledge_plaintext_exports(session: State<'_, Session>) -> Result<(), CommandError> {
    session.acknowledge_plaintext_exports()
}
