//! The desktop's service figures (issue 17, part 3): export this store's figures for the
//! service, and the service manager's service store (beside the user's store), opened with the
//! service passphrase and kept open only while the caseload is (locking closes it: its key
//! leaves memory too).

use std::path::PathBuf;

use caseload_core::report::ReportOptions;
use serde::{Deserialize, Serialize};

use super::{plain, ReportFormat, Session};
use crate::service::{
    default_service_store_path, import_figures, open_service_store, service_files, service_report,
    FiguresExportRequest, FiguresExported, ServiceImportRow, ServiceReportView,
};
use crate::{storage, ApiError, PeriodRequest};
use caseload_store::{Passphrase, ServiceStore};

/// A service report to compute: the period and how to count.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
pub struct ServiceReportRequest {
    /// The period.
    pub period: PeriodRequest,
    /// How to count; `None` for the defaults.
    #[serde(default)]
    pub options: Option<ReportOptions>,
}

/// Where the service store stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ServiceStatus {
    /// The service store's file.
    pub path: String,
    /// Open (its passphrase given since the caseload was last unlocked).
    pub open: bool,
    /// How many IROs' files it holds (when open).
    pub files: u32,
}

/// The service store while open, with the passphrase that opened it (for the files imported
/// into it; zeroed when dropped, as the caseload locks).
pub(crate) struct OpenService {
    store: ServiceStore,
    passphrase: Passphrase,
}

fn needs_passphrase() -> ApiError {
    ApiError::BadInput(
        "service_passphrase: give the service passphrase to open the service figures".to_string(),
    )
}

impl Session {
    fn service_path(&self) -> PathBuf {
        default_service_store_path(&self.store_path)
    }

    /// Writes this store's figures for the period to the path chosen (or the export folder),
    /// under the service passphrase typed twice.
    pub fn export_figures(
        &self,
        req: &FiguresExportRequest,
        passphrase: String,
        again: String,
        chosen: Option<PathBuf>,
    ) -> Result<FiguresExported, ApiError> {
        let passphrase = storage::confirmed_new_passphrase(passphrase, &again)?;
        let period = req.period.period()?;
        let name = format!(
            "figures-{}.iro-figures",
            period.label.replace(['/', ' ', '–'], "-")
        );
        let path = self.export_path(chosen, &name, "the figures file")?;
        let today = self.today();
        self.app()?
            .export_figures(&period, req.made_by, &passphrase, &path, today)
    }

    /// The service store's standing.
    pub fn service_status(&self) -> Result<ServiceStatus, ApiError> {
        let held = plain(&self.service);
        let files = match held.as_ref() {
            Some(open) => service_files(&open.store)?.len() as u32,
            None => 0,
        };
        Ok(ServiceStatus {
            path: self.service_path().display().to_string(),
            open: held.is_some(),
            files,
        })
    }

    /// Opens the service store with the service passphrase (making it if there is none); a
    /// wrong one is refused and the store stays as it was.
    pub fn open_service(&self, passphrase: String) -> Result<ServiceStatus, ApiError> {
        self.app()?; // only while the caseload is open
        let passphrase = storage::passphrase(passphrase)?;
        let store = open_service_store(&self.service_path(), &passphrase)?;
        *plain(&self.service) = Some(OpenService { store, passphrase });
        self.service_status()
    }

    /// Imports figures files into the open service store, read with its passphrase (a file
    /// made under another is refused, naming it, before anything changes), each IRO's newer
    /// file replacing their older one.
    pub fn import_service_figures(
        &self,
        paths: &[PathBuf],
    ) -> Result<Vec<ServiceImportRow>, ApiError> {
        self.app()?;
        let mut held = plain(&self.service);
        let open = held.as_mut().ok_or_else(needs_passphrase)?;
        import_figures(&mut open.store, paths, &open.passphrase, self.today())
    }

    /// The service report over the files the service store holds.
    pub fn service_report(
        &self,
        req: &ServiceReportRequest,
    ) -> Result<ServiceReportView, ApiError> {
        self.app()?;
        let today = self.today();
        let report = self.service_report_of(req)?;
        Ok(ServiceReportView::new(report, today))
    }

    fn service_report_of(
        &self,
        req: &ServiceReportRequest,
    ) -> Result<crate::ServiceReport, ApiError> {
        let held = plain(&self.service);
        let open = held.as_ref().ok_or_else(needs_passphrase)?;
        let files = service_files(&open.store)?;
        service_report(&files, &req.period.period()?, req.options, self.today())
    }

    /// Writes the service report as XLSX, CSV, PDF or Word.
    pub fn export_service_report(
        &self,
        req: &ServiceReportRequest,
        format: ReportFormat,
        chosen: Option<PathBuf>,
    ) -> Result<PathBuf, ApiError> {
        self.app()?;
        let today = self.today();
        let service = self.service_report_of(req)?;
        let files = figures_files_line(&service.files);
        let report = service.report;
        let name = format!("service-{}", format.file_name(&report.period.label));
        let bytes = self.report_bytes(report, format, today, &[files])?;
        self.write_export(chosen, &name, "the report", &bytes)
    }
}

/// The files a service report was made from, in one line for the panel's pages: each IRO's
/// file with the day it was made, and its flag where it has one.
pub fn figures_files_line(files: &[caseload_core::figures::Coverage]) -> String {
    use caseload_core::explain::uk_date;
    use caseload_core::figures::FileStanding;
    let each: Vec<String> = files
        .iter()
        .map(|f| match (&f.file, f.standing) {
            (Some(m), FileStanding::Included) => format!("{} (made {})", f.iro, uk_date(m.made_on)),
            (Some(m), _) => format!("{} (made {}, stale)", f.iro, uk_date(m.made_on)),
            (None, _) => format!("{} (missing)", f.iro),
        })
        .collect();
    format!("Figures files: {}", each.join("; "))
}

#[cfg(test)]
mod tests {
    use super::figures_files_line;
    use caseload_core::figures::{Coverage, FiguresMeta, FileStanding};

    #[test]
    fn the_pages_name_each_iros_file_with_the_day_it_was_made_and_its_flag() {
        let meta = |made_by: &str, made_on: &str| FiguresMeta {
            made_by: made_by.into(),
            made_on: made_on.parse().unwrap(),
            from: "2025-04-01".parse().unwrap(),
            to: "2026-03-31".parse().unwrap(),
            app_version: "0.0.0".into(),
            format_version: 1,
            children: 3,
            children_without_la_id: 0,
        };
        let row = |iro: &str, file: Option<FiguresMeta>, standing| Coverage {
            iro: iro.into(),
            file,
            standing,
            why: Vec::new(),
        };
        let line = figures_files_line(&[
            row(
                "Ada",
                Some(meta("Ada", "2026-04-20")),
                FileStanding::Included,
            ),
            row("Ben", Some(meta("Ben", "2026-02-10")), FileStanding::Stale),
            row("Cara", None, FileStanding::Missing),
        ]);
        assert_eq!(
            line,
            "Figures files: Ada (made Mon 20 Apr 2026); Ben (made Tue 10 Feb 2026, stale); Cara (missing)"
        );
    }
}
