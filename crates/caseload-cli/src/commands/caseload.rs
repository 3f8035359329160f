//! `caseload warnings`, `week`, `child show` and `export-ics`: the caseload as it stands today.

use std::path::PathBuf;

use anyhow::Context as _;
use caseload_api::core::ids::ChildId;
use caseload_api::IcsScope;

use super::{iro_id, show};
use crate::{args, open, render, today, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct WarningsArgs {
    /// Today (default: CASELOAD_TODAY, else the real date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Only this IRO's children (exact name or a unique part of it).
    #[arg(long)]
    iro: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn warnings(
    store: &StoreArgs,
    args: &WarningsArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let app = open(store)?;
    let iro = iro_id(&app, args.iro.as_deref())?;
    let mut view = app.warnings(today(args.as_of.as_deref())?, iro)?;
    if args.json {
        app.explain_rows(&mut view.warnings)?;
    }
    show(out, args.json, &view, render::warnings)
}

#[derive(Debug, clap::Args)]
pub(crate) struct WeekArgs {
    /// A day in the week (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Only this IRO's children.
    #[arg(long)]
    iro: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn week(store: &StoreArgs, args: &WeekArgs, out: &mut String) -> Result<(), Failure> {
    let app = open(store)?;
    let iro = iro_id(&app, args.iro.as_deref())?;
    let today = today(args.as_of.as_deref())?;
    let view = app.week(today, today, iro)?;
    show(out, args.json, &view, render::week)
}

#[derive(Debug, clap::Args)]
pub(crate) struct ChildShowArgs {
    /// The child's id.
    id: i64,
    /// Today (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn child_show(
    store: &StoreArgs,
    args: &ChildShowArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let app = open(store)?;
    let mut view = app.child(ChildId(args.id), today(args.as_of.as_deref())?)?;
    if args.json {
        app.explain_rows(&mut view.warnings)?;
    }
    show(out, args.json, &view, render::child)
}

#[derive(Debug, clap::Args)]
pub(crate) struct ExportIcsArgs {
    /// A day of the week to export (default: this week).
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "all_booked")]
    week: Option<String>,
    /// Every booked meeting from today on, instead of one week.
    #[arg(long)]
    all_booked: bool,
    /// Only this IRO's children.
    #[arg(long)]
    iro: Option<String>,
    /// Today (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Write to this file.
    #[arg(long)]
    output: Option<PathBuf>,
}

pub(crate) fn export_ics(
    store: &StoreArgs,
    args: &ExportIcsArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let app = open(store)?;
    let iro = iro_id(&app, args.iro.as_deref())?;
    let as_of = today(args.as_of.as_deref())?;
    let scope = if args.all_booked {
        IcsScope::AllBooked
    } else {
        let on = match &args.week {
            Some(d) => args::parse_date(d).map_err(|e| Failure::Input(format!("--week: {e}")))?,
            None => as_of,
        };
        IcsScope::Week { on }
    };
    let export = app.export_ics(scope, as_of, iro, chrono::Utc::now())?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, export.text.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            outln!(
                out,
                "Wrote {} meeting(s), {} cancelled, and {} deadline(s) to {}",
                export.meetings,
                export.cancelled,
                export.deadlines,
                path.display()
            );
            outln!(
                out,
                "Calendar events show {} (a setting: calendar_privacy).",
                export.privacy.describe()
            );
        }
        None => out.push_str(&export.text),
    }
    Ok(())
}
