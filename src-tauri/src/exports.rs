//! The commands that write a file: a calendar (.ics), the annual report (.xlsx, .csv, PDF, .docx) and a
//! meeting's documents (.docx, PDF). Rust renders the bytes and writes them where the user chose
//! in the save dialog, or into the launch's export folder; nothing else is kept, no temporary
//! copy and no second file. An exported file is plaintext by nature: the front end says so the
//! first time (`acknowledge_plaintext_exports` remembers that it did).

use std::path::PathBuf;

use caseload_api::core::ids::{ChildId, IroId, MeetingId};
use caseload_api::{
    child_document, child_document_stem, document_docx, document_pdf, Document, DocumentFormat,
    IcsScope, MeetingDocument, ReportFormat, ReportRequest, Session,
};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::CommandError;

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
    /// Booked meetings in it.
    pub meetings: u32,
    /// Cancelled meetings in it, exported as cancelled.
    pub cancelled: u32,
    /// Deadlines in it.
    pub deadlines: u32,
    /// What its events say about each child, in words ("initials and local reference").
    pub shows: String,
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
    let path = session.write_export(
        req.path.map(PathBuf::from),
        &export.suggested_name,
        "the calendar file",
        export.text.as_bytes(),
    )?;
    Ok(IcsWritten {
        path: path.display().to_string(),
        meetings: export.meetings,
        cancelled: export.cancelled,
        deadlines: export.deadlines,
        shows: export.privacy.describe().to_string(),
    })
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

/// Writes the report to a file the user chose: a workbook, CSV, PDF or Word.
#[tauri::command]
#[specta::specta]
pub fn export_report(
    session: State<'_, Session>,
    req: ExportReportRequest,
) -> Result<String, CommandError> {
    let path = session.export_report(&req.report, req.format, req.path.map(PathBuf::from))?;
    Ok(path.display().to_string())
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
    let bytes = render(&session.marked(named.document), req.format)?;
    let name = req.format.file_name(&named.file_stem);
    let path = session.write_export(req.path.map(PathBuf::from), &name, "the document", &bytes)?;
    Ok(path.display().to_string())
}

/// A child's record as a file, to print for a conference.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ChildDocumentRequest {
    /// The child.
    pub child: ChildId,
    /// Word or PDF.
    pub format: DocumentFormat,
    /// Where; None = the launch's export folder.
    pub path: Option<String>,
}

/// The file name to suggest for a child's record ("Alex Example - child record - 2026-11-23.pdf").
#[tauri::command]
#[specta::specta]
pub fn suggest_child_document_name(
    session: State<'_, Session>,
    req: ChildDocumentRequest,
) -> Result<String, CommandError> {
    let view = session.app()?.child(req.child, session.today())?;
    Ok(req.format.file_name(&child_document_stem(&view)))
}

/// Writes a child's record as .docx or PDF (A4, page numbers, the marking; the DEMO mark on
/// the demo); the path written.
#[tauri::command]
#[specta::specta]
pub fn export_child_document(
    session: State<'_, Session>,
    req: ChildDocumentRequest,
) -> Result<String, CommandError> {
    let view = session.app()?.child(req.child, session.today())?;
    let bytes = render(&session.marked(child_document(&view)), req.format)?;
    let name = req.format.file_name(&child_document_stem(&view));
    let path = session.write_export(req.path.map(PathBuf::from), &name, "the record", &bytes)?;
    Ok(path.display().to_string())
}

/// A subject-access export of one child, into a folder.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct SubjectAccessRequest {
    /// The child.
    pub child: ChildId,
    /// Name their brothers and sisters in the caseload too.
    pub with_siblings: bool,
    /// The folder; None = the launch's export folder.
    pub dir: Option<String>,
}

/// Writes everything held about a child as JSON, PDF and Word into a folder; the paths written.
#[tauri::command]
#[specta::specta]
pub fn export_subject_access(
    session: State<'_, Session>,
    req: SubjectAccessRequest,
) -> Result<Vec<String>, CommandError> {
    let (stem, files) = {
        let app = session.app()?;
        let (access, document) =
            app.subject_access_export(req.child, session.today(), req.with_siblings)?;
        let document = session.marked(document);
        let json = serde_json::to_vec_pretty(&access).map_err(|e| CommandError::Storage {
            message: format!("The export could not be made: {e}."),
        })?;
        let pdf = render(&document, DocumentFormat::Pdf)?;
        let docx = render(&document, DocumentFormat::Docx)?;
        (
            access.file_stem(),
            [("json", json), ("pdf", pdf), ("docx", docx)],
        )
    };
    let mut written = Vec::new();
    for (extension, bytes) in files {
        let name = format!("{stem}.{extension}");
        let chosen = req.dir.as_ref().map(|d| PathBuf::from(d).join(&name));
        let path = session.write_export(chosen, &name, "the subject-access export", &bytes)?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// A document's bytes in the chosen format.
fn render(document: &Document, format: DocumentFormat) -> Result<Vec<u8>, CommandError> {
    match format {
        DocumentFormat::Docx => document_docx(document),
        DocumentFormat::Pdf => document_pdf(document),
    }
    .map_err(|e| CommandError::Storage {
        message: format!("The document could not be made: {e}."),
    })
}

/// The user has read that exported files are not encrypted: not said again.
#[tauri::command]
#[specta::specta]
pub fn acknowledge_plaintext_exports(session: State<'_, Session>) -> Result<(), CommandError> {
    Ok(session.acknowledge_plaintext_exports()?)
}
