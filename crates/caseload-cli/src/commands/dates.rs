//! `caseload due-date`, `rules` and `holidays`: the calculator and what it counts with.

use std::path::PathBuf;

use caseload_api::core::calendar::Convention;
use caseload_api::{default_store_path, ApiError, App};

use super::show;
use crate::{args, open, open_failure, render, today, unlock, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct DueDateArgs {
    /// Rule id, e.g. lac-first-review (see `caseload rules`).
    rule: String,
    /// The date counted from (YYYY-MM-DD); for pre-birth-conference, the expected date of birth.
    date: String,
    /// Count the event day as day 1 when it is a working day (the alternative convention).
    #[arg(long)]
    count_event_day: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

pub(crate) fn due_date(
    store: &StoreArgs,
    args: &DueDateArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let rule = args
        .rule
        .parse()
        .map_err(|e: caseload_api::core::rules::ParseRuleError| {
            Failure::Input(format!("{e}; known rules: {}", args::rule_list()))
        })?;
    let date = args::parse_date(&args.date).map_err(Failure::Input)?;
    let convention = args.count_event_day.then_some(Convention::EventDayIsDayOne);
    let app = calculator(store)?;
    let view = app.due_date(rule, date, convention)?;
    show(out, args.json, &view, |out, view| {
        outln!(out, "{}", view.due);
        for line in &view.explanation.text {
            outln!(out, "{line}");
        }
    })
}

/// The calculator uses a store's holidays and local values when there is one, but never
/// creates a store just to answer.
fn calculator(store: &StoreArgs) -> Result<App, Failure> {
    let path = store.db.clone().or_else(default_store_path);
    Ok(match path.filter(|p| p.exists()) {
        Some(p) => {
            let key = unlock::key_for(&p, store.plaintext, false)?;
            App::open_with(&p, key, store.backup_dir.as_deref()).map_err(|e| open_failure(&p, e))?
        }
        None => App::open_in_memory()?,
    })
}

#[derive(Debug, clap::Args)]
pub(crate) struct RulesArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn rules(store: &StoreArgs, args: &RulesArgs, out: &mut String) -> Result<(), Failure> {
    let app = open(store)?;
    let rules = app.rules()?;
    show(out, args.json, &rules, |out, rules| {
        render::rules(out, rules)
    })
}

#[derive(Debug, clap::Args)]
pub(crate) struct HolidaysImportArgs {
    /// The file.
    file: PathBuf,
}

pub(crate) fn holidays_import(
    store: &StoreArgs,
    args: &HolidaysImportArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let file = &args.file;
    let bytes =
        std::fs::read(file).map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
    let mut app = open(store)?;
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let years = app
        .import_holidays(&bytes, &source, today(None)?)
        .map_err(|e| match e {
            ApiError::BadInput(m) => Failure::Input(format!("{}: {m}", file.display())),
            other => other.into(),
        })?;
    let years: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    outln!(
        out,
        "Imported England and Wales bank holidays for {} from {}.",
        years.join(", "),
        file.display()
    );
    Ok(())
}

#[derive(Debug, clap::Args)]
pub(crate) struct HolidaysListArgs {
    /// Year (default: this year).
    #[arg(long)]
    year: Option<i32>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn holidays_list(
    store: &StoreArgs,
    args: &HolidaysListArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let app = open(store)?;
    let year = match args.year {
        Some(y) => y,
        None => chrono::Datelike::year(&today(None)?),
    };
    let holidays = app.holidays(year)?;
    if args.json {
        render::json(out, &holidays)?;
    } else {
        render::holidays(out, year, &holidays);
    }
    Ok(())
}
