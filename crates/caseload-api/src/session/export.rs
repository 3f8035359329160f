//! Where an exported file goes and what it is called: the path chosen in the save dialog, else
//! a name of the app's own in the launch's export folder; and the report as a file in each of
//! its formats. The bytes are rendered elsewhere (`caseload-interop`); the dialog is the front
//! end's.

use std::fmt::Display;
use std::path::{Path, PathBuf};

use caseload_core::report::AnnualReport;
use caseload_interop::document::{document_docx, document_pdf, Document};
use caseload_interop::report::{report_csv, report_xlsx};
use chrono::NaiveDate;
use serde::Deserialize;

use super::Session;
use crate::report::report_document;
use crate::{ApiError, ReportRequest, ReportView};

/// Which file to write a report to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// A workbook: one sheet per section, figures and definitions.
    Xlsx,
    /// One row per figure.
    Csv,
    /// A4 pages to print or send: page numbers, the marking (and the demo's mark) on each.
    Pdf,
    /// The same pages as a Word document, to edit before sending.
    Docx,
}

impl ReportFormat {
    /// The file name of the report of a period labelled `period_label` in this format:
    /// `iro-annual-report-2025-26.xlsx`.
    pub fn file_name(self, period_label: &str) -> String {
        let extension = match self {
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Csv => "csv",
            ReportFormat::Pdf => "pdf",
            ReportFormat::Docx => "docx",
        };
        format!(
            "iro-annual-report-{}.{extension}",
            period_label.replace(['/', ' ', '–'], "-")
        )
    }
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

/// A file name's stem with nothing a file system refuses: `\ / : * ? " < > |` and control
/// characters become `-` ("Sam O'Brien/Smith - record" → "Sam O'Brien-Smith - record").
pub(crate) fn file_safe(stem: &str) -> String {
    stem.chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect()
}

impl DocumentFormat {
    /// The file name of a document in this format.
    pub fn file_name(self, stem: &str) -> String {
        let extension = match self {
            DocumentFormat::Docx => "docx",
            DocumentFormat::Pdf => "pdf",
        };
        format!("{stem}.{extension}")
    }
}

impl Session {
    /// Writes the report asked for, made today, as `format` where [`Session::export_path`]
    /// says (`iro-annual-report-2025-26.pdf` in the export folder); the path written. The
    /// demo's PDF and Word pages carry its mark.
    pub fn export_report(
        &self,
        req: &ReportRequest,
        format: ReportFormat,
        chosen: Option<PathBuf>,
    ) -> Result<PathBuf, ApiError> {
        let today = self.today();
        let report = self
            .app()?
            .report(&req.period()?, &req.iros, req.options, today)?;
        let name = format.file_name(&report.period.label);
        let bytes = self.report_bytes(report, format, today, &[])?;
        self.write_export(chosen, &name, "the report", &bytes)
    }

    /// A report made on `today` as the bytes of `format`; a page document carries `meta` lines
    /// under its title, and the demo's mark.
    pub(crate) fn report_bytes(
        &self,
        report: AnnualReport,
        format: ReportFormat,
        today: NaiveDate,
        meta: &[String],
    ) -> Result<Vec<u8>, ApiError> {
        report_file(report, format, today, meta, |document| {
            self.marked(document)
        })
    }
}

/// A report made on `today` as the bytes of `format` (what the desktop's export and the CLI's
/// `--xlsx`, `--csv`, `--pdf` and `--docx` write); a page document carries `meta` lines under
/// its title and goes through `mark` (the demo's mark, or none) before it is rendered.
pub fn report_file(
    report: AnnualReport,
    format: ReportFormat,
    today: NaiveDate,
    meta: &[String],
    mark: impl FnOnce(Document) -> Document,
) -> Result<Vec<u8>, ApiError> {
    Ok(match format {
        ReportFormat::Xlsx => report_xlsx(&report).map_err(not_made)?,
        ReportFormat::Csv => report_csv(&report).map_err(not_made)?.into_bytes(),
        ReportFormat::Pdf | ReportFormat::Docx => {
            let mut document = report_document(&ReportView::new(report, today));
            document.meta.extend_from_slice(meta);
            let document = mark(document);
            match format {
                ReportFormat::Pdf => document_pdf(&document),
                _ => document_docx(&document),
            }
            .map_err(not_made)?
        }
    })
}

fn not_made(e: impl Display) -> ApiError {
    ApiError::NotWritten(format!("The report file could not be made: {e}."))
}

/// The path to write: the one chosen in the save dialog, else `name` in the export folder;
/// with neither, the front end is asked to choose ("Choose where to save `what`.").
pub(crate) fn export_path(
    chosen: Option<PathBuf>,
    export_dir: Option<&Path>,
    name: &str,
    what: &str,
) -> Result<PathBuf, ApiError> {
    match (chosen, export_dir) {
        (Some(path), _) => Ok(path),
        (None, Some(dir)) => Ok(dir.join(name)),
        (None, None) => Err(ApiError::BadInput(format!("Choose where to save {what}."))),
    }
}

/// Writes the bytes, naming the file in the error.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    std::fs::write(path, bytes)
        .map_err(|e| ApiError::BadInput(format!("{} could not be written: {e}.", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_named_after_its_period_and_a_document_after_its_stem() {
        assert_eq!(
            ReportFormat::Xlsx.file_name("2025/26"),
            "iro-annual-report-2025-26.xlsx"
        );
        assert_eq!(
            ReportFormat::Csv.file_name("April – June 2025"),
            "iro-annual-report-April---June-2025.csv"
        );
        assert_eq!(
            ReportFormat::Pdf.file_name("2025–26"),
            "iro-annual-report-2025-26.pdf"
        );
        assert_eq!(
            ReportFormat::Docx.file_name("2025–26"),
            "iro-annual-report-2025-26.docx"
        );
        assert_eq!(
            DocumentFormat::Pdf.file_name("Alex Example - LAC review record - 2025-07-08"),
            "Alex Example - LAC review record - 2025-07-08.pdf"
        );
        assert_eq!(DocumentFormat::Docx.file_name("pack"), "pack.docx");
    }

    #[test]
    fn the_dialog_s_path_wins_then_the_export_folder_else_the_user_is_asked() {
        let chosen = PathBuf::from("/home/iro/chosen.ics");
        let dir = Path::new("/exports");
        assert_eq!(
            export_path(
                Some(chosen.clone()),
                Some(dir),
                "week.ics",
                "the calendar file"
            )
            .unwrap(),
            chosen
        );
        assert_eq!(
            export_path(None, Some(dir), "week.ics", "the calendar file").unwrap(),
            dir.join("week.ics")
        );
        let asked = export_path(None, None, "week.ics", "the calendar file").unwrap_err();
        assert_eq!(asked.to_string(), "Choose where to save the calendar file.");
    }
}
