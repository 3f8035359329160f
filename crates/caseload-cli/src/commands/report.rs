//! `caseload report`: the IRO service's report for a period, as text, JSON, XLSX or CSV.

use std::path::PathBuf;

use anyhow::Context as _;
use caseload_api::core::calendar::Convention;
use caseload_api::core::domain::DisputeKind;
use caseload_api::core::report::AnnualReport;
use caseload_api::core::report::{
    IcpcBase, IroFilter, ReportOptions, ReportPeriod, ReportScope, ShortBreaks,
};
use caseload_api::{report_file, App, ReportFormat};
use chrono::NaiveDate;

use super::show;
use crate::{args, open, render, today, Failure, StoreArgs};

/// A report's period: `--year`, or `--from` and `--to` (shared by `report`, `figures export`
/// and `service report`).
#[derive(Debug, clap::Args)]
pub(crate) struct PeriodArgs {
    /// The year of the reporting year's 1 April.
    #[arg(long, required_unless_present = "from", conflicts_with_all = ["from", "to"])]
    year: Option<i32>,
    /// The period's first day (YYYY-MM-DD), with --to.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    from: Option<String>,
    /// The period's last day, included (YYYY-MM-DD), with --from.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    to: Option<String>,
}

impl PeriodArgs {
    /// The period asked for.
    pub(crate) fn period(&self) -> Result<ReportPeriod, Failure> {
        report_period(self.year, self.from.as_deref(), self.to.as_deref())
    }
}

/// The choices a report is counted with that have names (shared by `report` and
/// `service report`).
#[derive(Debug, clap::Args)]
pub(crate) struct ChoiceArgs {
    /// Which plans the report is about: `both` (default), `lac` (looked-after children, care
    /// plan disputes, caseloads) or `cp` (child protection, CP plan disputes).
    #[arg(long, value_name = "both|lac|cp", default_value = "both")]
    plans: String,
    /// Which disputes: `both` (default), `drp` (Dispute Resolution Process) or `macp`
    /// (multi-agency challenges).
    #[arg(long, value_name = "both|drp|macp", default_value = "both")]
    disputes: String,
    /// Children on short breaks only: `apart` from the looked-after headline (default, as
    /// the DfE counts) or `included` in it.
    #[arg(long, value_name = "apart|included", default_value = "apart")]
    short_breaks: String,
    /// What the ICPC's 15 working days count from: `strategy` (default) or `s47`.
    #[arg(long, value_name = "strategy|s47", default_value = "strategy")]
    icpc_from: String,
}

impl ChoiceArgs {
    /// Sets these choices on `options`.
    pub(crate) fn apply(&self, options: &mut ReportOptions) -> Result<(), Failure> {
        report_choices(
            options,
            &self.icpc_from,
            &self.plans,
            &self.disputes,
            &self.short_breaks,
        )
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    choices: ChoiceArgs,
    /// Only these IROs' children (exact name or a unique part of it); repeat for several.
    #[arg(long)]
    iro: Vec<String>,
    /// Count the event day as day 1 when it is a working day (default: the store's setting).
    #[arg(long)]
    count_event_day: bool,
    /// A period of care or plan that ended on 31 March counts as open at 31 March.
    #[arg(long)]
    ended_on_31_march_counts: bool,
    /// PN4 (attends without conveying a view) does not count as participation.
    #[arg(long)]
    pn4_not_participation: bool,
    /// The day the report is made (default: today): a period not over yet is taken as it
    /// stands that day (where each decision stood).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// How a report is given: text or JSON, and the files to write (shared by `report` and
/// `service report`).
#[derive(Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// Also write the report as an XLSX workbook to this file.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Also write the report as CSV to this file.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Also write the report as A4 pages (PDF) to this file.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// Also write the report as a Word document (.docx) to this file.
    #[arg(long, value_name = "FILE")]
    docx: Option<PathBuf>,
}

impl OutputArgs {
    /// Writes the files asked for, the pages made on `today` with `meta` lines under their
    /// title; says so unless the output is JSON.
    pub(crate) fn write_files(
        &self,
        report: &AnnualReport,
        today: NaiveDate,
        meta: &[String],
        out: &mut String,
    ) -> Result<(), Failure> {
        let asked = [
            (&self.xlsx, ReportFormat::Xlsx),
            (&self.csv, ReportFormat::Csv),
            (&self.pdf, ReportFormat::Pdf),
            (&self.docx, ReportFormat::Docx),
        ];
        for (path, format) in asked {
            if let Some(path) = path {
                let bytes = report_file(report.clone(), format, today, meta, |d| d)?;
                write_report(path, bytes, self.json, out)?;
            }
        }
        Ok(())
    }
}

pub(crate) fn report(
    store: &StoreArgs,
    args: &ReportArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let period = args.period.period()?;
    let as_of = today(args.as_of.as_deref())?;
    let app = open(store)?;
    let options = report_options(&app, args)?;
    let filter = report_iros(&app, &args.iro)?;
    let report = app.report(&period, &filter, Some(options), as_of)?;
    show(out, args.output.json, &report, render::report)?;
    args.output.write_files(&report, as_of, &[], out)
}

/// Writes the report's file; says so unless the output is JSON.
fn write_report(
    path: &std::path::Path,
    contents: impl AsRef<[u8]>,
    json: bool,
    out: &mut String,
) -> Result<(), Failure> {
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))?;
    if !json {
        outln!(out, "\nWrote the report to {}", path.display());
    }
    Ok(())
}

/// The report's period: `--year` (a reporting year), else `--from`/`--to`.
fn report_period(
    year: Option<i32>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<ReportPeriod, Failure> {
    if let Some(year) = year {
        return ReportPeriod::reporting_year(year).ok_or_else(|| {
            Failure::Input(format!(
                "--year: {year} is not a reporting year the calendar can hold"
            ))
        });
    }
    let date = |flag: &str, s: Option<&str>| {
        args::parse_date(s.unwrap_or_default()).map_err(|e| Failure::Input(format!("{flag}: {e}")))
    };
    let (from, to) = (date("--from", from)?, date("--to", to)?);
    ReportPeriod::new(from, to)
        .ok_or_else(|| Failure::Input(format!("--to: {to} is before --from {from}")))
}

/// The store's report options with the choices given on the command line.
fn report_options(app: &App, args: &ReportArgs) -> Result<ReportOptions, Failure> {
    let mut options = app.report_options()?;
    if args.count_event_day {
        options.convention = Convention::EventDayIsDayOne;
    }
    options.ended_on_31_march_counts = args.ended_on_31_march_counts;
    options.pn4_counts_as_participation = !args.pn4_not_participation;
    args.choices.apply(&mut options)?;
    Ok(options)
}

/// Only the IROs named by `--iro` (each once), or all of them.
fn report_iros(app: &App, names: &[String]) -> Result<IroFilter, Failure> {
    if names.is_empty() {
        return Ok(IroFilter::All);
    }
    let mut iros = Vec::new();
    for name in names {
        let id = app.find_iro(name)?.id;
        if !iros.contains(&id) {
            iros.push(id);
        }
    }
    Ok(IroFilter::Only { iros })
}

/// The report's choices given by name: the ICPC's base, the plans, the disputes, short breaks.
fn report_choices(
    options: &mut ReportOptions,
    icpc_from: &str,
    plans: &str,
    disputes: &str,
    short_breaks: &str,
) -> Result<(), Failure> {
    let bad = |flag: &str, value: &str, allowed: &str| {
        Failure::Input(format!("--{flag}: '{value}' is not one of {allowed}"))
    };
    options.icpc_base = match icpc_from {
        "strategy" => IcpcBase::StrategyDiscussion,
        "s47" => IcpcBase::S47Start,
        other => return Err(bad("icpc-from", other, "strategy, s47")),
    };
    options.scope = match plans {
        "both" => ReportScope::Both,
        "lac" => ReportScope::Lac,
        "cp" => ReportScope::Cp,
        other => return Err(bad("plans", other, "both, lac, cp")),
    };
    options.dispute_kind = match disputes {
        "both" => None,
        "drp" => Some(DisputeKind::Drp),
        "macp" => Some(DisputeKind::Macp),
        other => return Err(bad("disputes", other, "both, drp, macp")),
    };
    options.short_breaks = match short_breaks {
        "apart" => ShortBreaks::Apart,
        "included" => ShortBreaks::Included,
        other => return Err(bad("short-breaks", other, "apart, included")),
    };
    Ok(())
}
