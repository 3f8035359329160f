//! `caseload figures export` (an IRO's figures file for a period, encrypted under the service
//! passphrase) and `caseload service report` (the service's report over many figures files,
//! read directly: no service store is needed on the command line).

use std::path::PathBuf;

use caseload_api::core::figures::FileStanding;
use caseload_api::core::report::ReportOptions;
use caseload_api::{figures_files_line, read_figures_files, service_report, ServiceReport};

use super::report::{ChoiceArgs, OutputArgs, PeriodArgs};
use super::{iro_id, show};
use crate::{open, render, today, unlock, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct FiguresExportArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// The file to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
    /// Whose figures these are (an IRO profile, exact name or a unique part); needed when the
    /// store has more than one active IRO profile.
    #[arg(long)]
    iro: Option<String>,
    /// The day the file is made (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `caseload figures export`.
pub(crate) fn figures_export(
    store: &StoreArgs,
    args: &FiguresExportArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let period = args.period.period()?;
    let made_on = today(args.as_of.as_deref())?;
    let app = open(store)?;
    let made_by = iro_id(&app, args.iro.as_deref())?;
    let passphrase =
        unlock::choose_passphrase(unlock::SERVICE_PASSPHRASE_VAR, "the service passphrase")?;
    let made = app.export_figures(&period, made_by, &passphrase, &args.output, made_on)?;
    show(out, args.json, &made, |out, made| {
        outln!(
            out,
            "Wrote the figures of {} for {} ({} to {}) to {}: {} children, {} without an LA child id. \
             It is encrypted under the service passphrase; it holds no child's name.",
            made.meta.made_by,
            made.period.label,
            made.meta.from,
            made.meta.to,
            made.path,
            made.meta.children,
            made.meta.children_without_la_id
        );
    })
}

#[derive(Debug, clap::Args)]
pub(crate) struct ServiceReportArgs {
    /// The IROs' figures files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    choices: ChoiceArgs,
    /// The day the report is made (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// `caseload service report`.
pub(crate) fn service_report_command(
    args: &ServiceReportArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let period = args.period.period()?;
    let as_of = today(args.as_of.as_deref())?;
    let mut options = ReportOptions::DEFAULTS;
    args.choices.apply(&mut options)?;
    let first = args.files.first().cloned().unwrap_or_default();
    let passphrase = unlock::service_passphrase(&first)?;
    let files = read_figures_files(&args.files, &passphrase)?;
    let report = service_report(&files, &period, Some(options), as_of)?;
    show(out, args.output.json, &report, render_service_report)?;
    let files = [figures_files_line(&report.files)];
    args.output.write_files(&report.report, as_of, &files, out)
}

/// The files, one line each with its flag and why, then the report.
fn render_service_report(out: &mut String, report: &ServiceReport) {
    outln!(out, "Figures files");
    for f in &report.files {
        let flag = match f.standing {
            FileStanding::Included => "included",
            FileStanding::Stale => "STALE",
            FileStanding::Missing => "MISSING",
        };
        match &f.file {
            Some(m) => outln!(
                out,
                "  {:<28} made {}  for {} to {}  {:>4} children  {flag}",
                m.made_by,
                m.made_on,
                m.from,
                m.to,
                m.children
            ),
            None => outln!(out, "  {:<28} no file  {flag}", f.iro),
        }
        for why in &f.why {
            outln!(out, "      {why}");
        }
    }
    outln!(out, "");
    render::report(out, &report.report);
}
