//! Service-wide figures (issue 17, part 3): an IRO's figures file for a period
//! ([`App::export_figures`]), and the service's report over many ([`service_report`]): the
//! same [`caseload_core::report`] over the union of the files' children
//! ([`caseload_core::figures::merge`]), with which IROs' files are in and which are stale or
//! missing ([`caseload_core::figures::coverage`]).
//!
//! The service report is counted with the default rules, the bundled bank holidays and the
//! default settings (no IRO's local values travel in a file), the same from the command line
//! and the desktop. The service manager's app keeps the imported files in a service store
//! ([`ServiceStore`], `service.sqlite3` beside the user's store by default); the command line
//! reads the files directly.

use std::path::{Path, PathBuf};

use caseload_core::calendar::Calendar;
use caseload_core::figures::{self, Coverage, FiguresFile, FiguresMeta, FORMAT_VERSION};
use caseload_core::ids::IroId;
use caseload_core::report::{AnnualReport, IroFilter, ReportOptions, ReportPeriod};
use caseload_core::rules::Rules;
use caseload_core::schedule::Ctx;
use caseload_core::settings::Settings;
use caseload_store::{Passphrase, ServiceStore, StoreError};
use chrono::NaiveDate;
use serde::Serialize;

use crate::report::ReportView;
use crate::{ApiError, App, PeriodRequest};

/// The file name of the service store beside the user's store.
pub const SERVICE_STORE_NAME: &str = "service.sqlite3";

/// The service store's default path: beside `store`.
pub fn default_service_store_path(store: &Path) -> PathBuf {
    store.with_file_name(SERVICE_STORE_NAME)
}

/// What an export of figures wrote.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct FiguresExported {
    /// The file written.
    pub path: String,
    /// What the file says about itself.
    pub meta: FiguresMeta,
    /// The period it was made for.
    pub period: ReportPeriod,
}

/// What the desktop asks to export.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, specta::Type)]
pub struct FiguresExportRequest {
    /// The period.
    pub period: PeriodRequest,
    /// Whose file it is: an IRO profile; `None` for the store's only active one.
    #[serde(default)]
    pub made_by: Option<IroId>,
}

/// A service report: the report, and each IRO's file and how it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceReport {
    /// Which IROs' files are in (with the day each was made), stale or missing.
    pub files: Vec<Coverage>,
    /// The report over the union of the files.
    pub report: AnnualReport,
}

/// The service report screen: the report as the Report screen shows it, and the files.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ServiceReportView {
    /// Which IROs' files are in, stale or missing.
    pub files: Vec<Coverage>,
    /// The report.
    pub report: ReportView,
}

/// One file imported into the service store.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ServiceImportRow {
    /// The file.
    pub path: String,
    /// Whose.
    pub made_by: String,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// The made-on day of the older file of the same IRO it replaced.
    pub replaced: Option<NaiveDate>,
}

/// A store error about a figures file (or the service store) in words naming the file.
fn file_error(e: StoreError) -> ApiError {
    match e {
        StoreError::WrongPassphrase { path } => ApiError::BadInput(format!(
            "{}: the service passphrase does not open this file (or it is not a figures file). Nothing was changed.",
            path.display()
        )),
        StoreError::NotFigures { path, why } => {
            ApiError::BadInput(format!("{}: {why}", path.display()))
        }
        other => other.into(),
    }
}

impl App {
    /// Writes the figures file of `period` to `path` under the service passphrase, for the
    /// IRO `made_by` (else the store's only active IRO), made on `made_on`: the name-free
    /// records of the children a report of the period reads ([`figures::selected`]). A child
    /// without an LA child id gets a pseudonym (a keyed hash of their name and date of birth
    /// under the service passphrase), and the file counts them.
    pub fn export_figures(
        &self,
        period: &ReportPeriod,
        made_by: Option<IroId>,
        passphrase: &Passphrase,
        path: &Path,
        made_on: NaiveDate,
    ) -> Result<FiguresExported, ApiError> {
        let snap = self.snapshot()?;
        let maker = export_maker(&snap.caseload.iros, made_by)?;
        let mut children = Vec::new();
        let mut without_id = 0;
        let mut seen = std::collections::HashSet::new();
        for record in figures::selected(&snap.caseload, period) {
            let details = &record.child.details;
            let la_id = match details.local_ref.as_deref().map(str::trim) {
                Some(id) if !id.is_empty() => id.to_string(),
                _ => {
                    without_id += 1;
                    let who = format!(
                        "{}\u{0}{}\u{0}{:?}\u{0}{:?}",
                        details.first_name.trim().to_lowercase(),
                        details.last_name.trim().to_lowercase(),
                        details.born_on,
                        details.expected_birth_on
                    );
                    format!(
                        "no-la-id-{}",
                        caseload_store::pseudonym(passphrase, "child", &who)
                    )
                }
            };
            if !seen.insert(la_id.clone()) {
                return Err(ApiError::BadInput(format!(
                    "local_ref: two children have the LA child id {la_id} (child {} is one): correct one before exporting figures",
                    record.child.id
                )));
            }
            let group = details
                .sibling_group
                .as_deref()
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(|g| caseload_store::pseudonym(passphrase, "sibling-group", &g.to_lowercase()));
            children.push(figures::name_free(record, la_id, group));
        }
        let meta = FiguresMeta {
            made_by: maker,
            made_on,
            from: period.starts_on,
            to: period.ends_on,
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            format_version: FORMAT_VERSION,
            children: children.len() as u32,
            children_without_la_id: without_id,
        };
        let file = FiguresFile {
            meta: meta.clone(),
            iros: snap.caseload.iros.clone(),
            children,
        };
        caseload_store::write_figures_file(path, passphrase, &file).map_err(file_error)?;
        Ok(FiguresExported {
            path: path.display().to_string(),
            meta,
            period: period.clone(),
        })
    }
}

/// The IRO a file is made for: the one asked for, else the store's only active IRO.
fn export_maker(
    iros: &[caseload_core::domain::Iro],
    made_by: Option<IroId>,
) -> Result<String, ApiError> {
    if let Some(id) = made_by {
        return iros
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.details.name.clone())
            .ok_or_else(|| ApiError::NotFound {
                what: format!("IRO {id}"),
            });
    }
    let active: Vec<&str> = iros
        .iter()
        .filter(|i| i.details.active)
        .map(|i| i.details.name.as_str())
        .collect();
    match active.as_slice() {
        [one] => Ok((*one).to_string()),
        [] => Err(ApiError::BadInput(
            "made_by: this caseload has no active IRO profile to make the figures for".to_string(),
        )),
        several => Err(ApiError::BadInput(format!(
            "made_by: this caseload has several IRO profiles ({}): say whose figures these are",
            several.join(", ")
        ))),
    }
}

/// Reads figures files with the service passphrase. Two files from the same IRO are refused
/// (give the newer one); a wrong passphrase or a file that is not a figures file is refused
/// naming the file.
pub fn read_figures_files(
    paths: &[PathBuf],
    passphrase: &Passphrase,
) -> Result<Vec<FiguresFile>, ApiError> {
    let mut files: Vec<(FiguresFile, &PathBuf)> = Vec::new();
    for path in paths {
        let file = caseload_store::read_figures_file(path, passphrase).map_err(file_error)?;
        if let Some((_, other)) = files.iter().find(|(f, _)| {
            figures::name_key(&f.meta.made_by) == figures::name_key(&file.meta.made_by)
        }) {
            return Err(ApiError::BadInput(format!(
                "{}: {} and {} are both from {}: give only the newer one",
                path.display(),
                other.display(),
                path.display(),
                file.meta.made_by
            )));
        }
        files.push((file, path));
    }
    Ok(files.into_iter().map(|(f, _)| f).collect())
}

/// The service's report for `period` over `files`, counted with `options` (else the
/// defaults), made on `as_of`: the same computation as a store's report, over the merged
/// caseload, and each IRO's standing.
pub fn service_report(
    files: &[FiguresFile],
    period: &ReportPeriod,
    options: Option<ReportOptions>,
    as_of: NaiveDate,
) -> Result<ServiceReport, ApiError> {
    if files.is_empty() {
        return Err(ApiError::BadInput(
            "files: no figures files were given".to_string(),
        ));
    }
    let caseload = figures::merge(files);
    let (calendar, rules, settings) = (Calendar::bundled(), Rules::defaults(), Settings::default());
    let ctx = Ctx {
        calendar: &calendar,
        rules: &rules,
        settings: &settings,
    };
    let options = options.unwrap_or(ReportOptions {
        convention: settings.convention,
        ..ReportOptions::DEFAULTS
    });
    let report = caseload_core::report::report_as_of(
        &caseload,
        &ctx,
        period,
        &options,
        &IroFilter::All,
        as_of,
    )
    .ok_or_else(|| {
        ApiError::BadInput(format!(
            "{} is not a period the calendar can hold",
            period.label
        ))
    })?;
    let metas: Vec<FiguresMeta> = files.iter().map(|f| f.meta.clone()).collect();
    Ok(ServiceReport {
        files: figures::coverage(&metas, &caseload, period),
        report,
    })
}

impl ServiceReportView {
    /// The screen's view of a service report made on `made_on`.
    pub fn new(r: ServiceReport, made_on: NaiveDate) -> ServiceReportView {
        ServiceReportView {
            files: r.files,
            report: ReportView::new(r.report, made_on),
        }
    }
}

/// Opens the service store at `path` with the service passphrase (making it if missing).
pub fn open_service_store(path: &Path, passphrase: &Passphrase) -> Result<ServiceStore, ApiError> {
    ServiceStore::open(path, passphrase).map_err(|e| match e {
        StoreError::WrongPassphrase { .. } => ApiError::BadInput(
            "That service passphrase does not open the service figures. Nothing was changed."
                .to_string(),
        ),
        other => file_error(other),
    })
}

/// Imports figures files into the service store, each read with the service passphrase and
/// imported in its own transaction, an IRO's newer file replacing their older one. Every file
/// is read first: one that cannot be read stops the import before anything changes.
pub fn import_figures(
    service: &mut ServiceStore,
    paths: &[PathBuf],
    passphrase: &Passphrase,
    imported_on: NaiveDate,
) -> Result<Vec<ServiceImportRow>, ApiError> {
    let files = read_figures_files(paths, passphrase)?;
    let mut out = Vec::new();
    for (file, path) in files.iter().zip(paths) {
        let done = service
            .import(file, path, imported_on)
            .map_err(file_error)?;
        out.push(ServiceImportRow {
            path: path.display().to_string(),
            made_by: done.made_by,
            made_on: file.meta.made_on,
            replaced: done.replaced,
        });
    }
    Ok(out)
}

/// Every file the service store holds.
pub fn service_files(service: &ServiceStore) -> Result<Vec<FiguresFile>, ApiError> {
    service.files().map_err(file_error)
}
