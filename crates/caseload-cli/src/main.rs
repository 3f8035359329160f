//! `caseload`: the command line of IRO Caseload.
//!
//! Parses arguments (clap), calls `caseload-api`, prints text or JSON. Errors become exit codes
//! in one place: 0 success, 2 bad input or usage (one line on stderr), 1 anything else.

mod args;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use caseload_api::core::calendar::Convention;
use caseload_api::core::ids::ChildId;
use caseload_api::demo::DemoOptions;
use caseload_api::{default_store_path, ApiError, App};
use chrono::NaiveDate;
use clap::Parser;

use args::{ChildCommand, Cli, Command, HolidaysCommand};

/// A failure, classified for the exit code.
enum Failure {
    /// Bad input or usage: exit 2.
    Input(String),
    /// Anything else: exit 1.
    Runtime(anyhow::Error),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        if e.is_user_error() {
            Failure::Input(e.to_string())
        } else {
            Failure::Runtime(e.into())
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Runtime(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("caseload: {}", message.replace('\n', "\ncaseload: "));
            ExitCode::from(2)
        }
        Err(Failure::Runtime(e)) => {
            eprintln!("caseload: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Today: `--as-of`, else `CASELOAD_TODAY`, else the local date.
fn today(as_of: Option<String>) -> Result<NaiveDate, Failure> {
    if let Some(d) = as_of {
        return args::parse_date(&d).map_err(|e| Failure::Input(format!("--as-of: {e}")));
    }
    match std::env::var("CASELOAD_TODAY") {
        Ok(v) if !v.is_empty() => {
            args::parse_date(&v).map_err(|e| Failure::Input(format!("CASELOAD_TODAY: {e}")))
        }
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

fn store_path(db: Option<PathBuf>) -> Result<PathBuf, Failure> {
    db.or_else(default_store_path).ok_or_else(|| {
        Failure::Input("no --db given and no per-user data folder could be found".to_string())
    })
}

fn open(db: Option<PathBuf>) -> Result<App, Failure> {
    let path = store_path(db)?;
    App::open(&path)
        .with_context(|| format!("opening the store {}", path.display()))
        .map_err(Failure::Runtime)
}

/// Appends a line to the output buffer (writing to a String cannot fail).
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

/// Writes the whole output at once. A reader that stops early (`caseload warnings | head`)
/// closes the pipe: that is not an error.
fn print(out: &str) -> Result<(), Failure> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Runtime(
            anyhow::Error::new(e).context("writing to standard output"),
        )),
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let mut out = String::new();
    run_into(cli, &mut out)?;
    print(&out)
}

fn run_into(cli: Cli, out: &mut String) -> Result<(), Failure> {
    match cli.command {
        Command::DueDate {
            rule,
            date,
            count_event_day,
            json,
        } => {
            let rule = rule
                .parse()
                .map_err(|e: caseload_api::core::rules::ParseRuleError| {
                    Failure::Input(format!("{e}; known rules: {}", args::rule_list()))
                })?;
            let date = args::parse_date(&date).map_err(Failure::Input)?;
            let convention = count_event_day.then_some(Convention::EventDayIsDayOne);
            // The calculator uses a store's holidays and local values when there is one, but
            // never creates a store just to answer.
            let path = cli.db.clone().or_else(default_store_path);
            let app = match path.filter(|p| p.exists()) {
                Some(p) => {
                    App::open(&p).with_context(|| format!("opening the store {}", p.display()))?
                }
                None => App::open_in_memory()?,
            };
            let view = app.due_date(rule, date, convention)?;
            if json {
                render::json(out, &view)?;
            } else {
                outln!(out, "{}", view.due);
                for line in &view.explanation.text {
                    outln!(out, "{line}");
                }
            }
        }
        Command::Demo {
            children,
            seed,
            as_of,
        } => {
            let path = store_path(cli.db)?;
            let mut app = App::open(&path)
                .with_context(|| format!("opening the store {}", path.display()))?;
            let as_of = today(as_of)?;
            let n = app.load_demo(&DemoOptions {
                children,
                seed,
                as_of,
            })?;
            outln!(
                out,
                "Loaded the synthetic demo caseload ({n} children, seed {seed}, as of {as_of}) into {}",
                path.display()
            );
        }
        Command::Warnings { as_of, iro, json } => {
            let app = open(cli.db)?;
            let iro = iro.map(|name| app.find_iro(&name)).transpose()?;
            let view = app.warnings(today(as_of)?, iro.map(|i| i.id))?;
            if json {
                render::json(out, &view)?;
            } else {
                render::warnings(out, &view);
            }
        }
        Command::Disputes {
            open: open_only,
            overdue,
            closed,
            as_of,
            iro,
            json,
        } => {
            let app = open(cli.db)?;
            let iro = iro.map(|name| app.find_iro(&name)).transpose()?;
            let filter = match (open_only, overdue, closed) {
                (true, _, _) => caseload_api::DisputeFilter::Open,
                (_, true, _) => caseload_api::DisputeFilter::Overdue,
                (_, _, true) => caseload_api::DisputeFilter::Closed,
                _ => caseload_api::DisputeFilter::All,
            };
            let view = app.disputes_where(today(as_of)?, filter, iro.map(|i| i.id))?;
            if json {
                render::json(out, &view)?;
            } else {
                render::disputes(out, &view);
            }
        }
        Command::Week { as_of, iro, json } => {
            let app = open(cli.db)?;
            let iro = iro.map(|name| app.find_iro(&name)).transpose()?;
            let view = app.week(today(as_of)?, iro.map(|i| i.id))?;
            if json {
                render::json(out, &view)?;
            } else {
                render::week(out, &view);
            }
        }
        Command::Child {
            command: ChildCommand::Show { id, as_of, json },
        } => {
            let app = open(cli.db)?;
            let view = app.child(ChildId(id), today(as_of)?)?;
            if json {
                render::json(out, &view)?;
            } else {
                render::child(out, &view);
            }
        }
        Command::Apply { file, iro, as_of } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
            let changes = App::parse_changes(&bytes)
                .map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
            let mut app = open(cli.db)?;
            let actor = iro.map(|name| app.find_iro(&name)).transpose()?;
            let applied = app.apply(&changes, today(as_of)?, actor.map(|i| i.id))?;
            outln!(
                out,
                "Applied {} change(s) in one transaction.",
                applied.len()
            );
            for a in &applied {
                match a.id {
                    Some(id) => outln!(out, "  {}. {} (id {id})", a.index + 1, a.op),
                    None => outln!(out, "  {}. {}", a.index + 1, a.op),
                }
            }
        }
        Command::ExportIcs {
            week,
            all_booked,
            iro,
            as_of,
            output,
        } => {
            let app = open(cli.db)?;
            let iro = iro.map(|name| app.find_iro(&name)).transpose()?;
            let as_of = today(as_of)?;
            let scope = if all_booked {
                caseload_api::IcsScope::AllBooked
            } else {
                let on = match week {
                    Some(d) => {
                        args::parse_date(&d).map_err(|e| Failure::Input(format!("--week: {e}")))?
                    }
                    None => as_of,
                };
                caseload_api::IcsScope::Week { on }
            };
            let export = app.export_ics(scope, as_of, iro.map(|i| i.id), chrono::Utc::now())?;
            match output {
                Some(path) => {
                    std::fs::write(&path, export.text.as_bytes())
                        .with_context(|| format!("writing {}", path.display()))?;
                    outln!(
                        out,
                        "Wrote {} meeting(s) and {} deadline(s) to {}",
                        export.meetings,
                        export.deadlines,
                        path.display()
                    );
                }
                None => out.push_str(&export.text),
            }
        }
        Command::Holidays { command } => match command {
            HolidaysCommand::Import { file } => {
                let bytes = std::fs::read(&file)
                    .map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
                let mut app = open(cli.db)?;
                let source = file.file_name().map_or_else(
                    || file.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let years =
                    app.import_holidays(&bytes, &source, today(None)?)
                        .map_err(|e| match e {
                            ApiError::BadInput(m) => {
                                Failure::Input(format!("{}: {m}", file.display()))
                            }
                            other => other.into(),
                        })?;
                let years: Vec<String> = years.iter().map(|y| y.to_string()).collect();
                outln!(
                    out,
                    "Imported England and Wales bank holidays for {} from {}.",
                    years.join(", "),
                    file.display()
                );
            }
            HolidaysCommand::List { year, json } => {
                let app = open(cli.db)?;
                let year = match year {
                    Some(y) => y,
                    None => chrono::Datelike::year(&today(None)?),
                };
                let holidays = app.holidays(year)?;
                if json {
                    render::json(out, &holidays)?;
                } else {
                    render::holidays(out, year, &holidays);
                }
            }
        },
        Command::Audit { child, limit, json } => {
            let app = open(cli.db)?;
            let entries = app.audit(&caseload_api::AuditFilter {
                child: child.map(ChildId),
                limit: Some(limit),
                ..caseload_api::AuditFilter::default()
            })?;
            if json {
                render::json(out, &entries)?;
            } else {
                render::audit(out, &entries);
            }
        }
        Command::Report {
            year,
            iro,
            count_event_day,
            ended_on_31_march_counts,
            pn4_not_participation,
            icpc_from,
            json,
            xlsx,
            csv,
        } => {
            use caseload_api::core::report::{IcpcBase, IroFilter};
            let app = open(cli.db)?;
            let icpc_base = match icpc_from.as_str() {
                "strategy" => IcpcBase::StrategyDiscussion,
                "s47" => IcpcBase::S47Start,
                other => {
                    return Err(Failure::Input(format!(
                        "--icpc-from: '{other}' is not one of strategy, s47"
                    )))
                }
            };
            let mut options = app.report_options()?;
            if count_event_day {
                options.convention = Convention::EventDayIsDayOne;
            }
            options.ended_on_31_march_counts = ended_on_31_march_counts;
            options.pn4_counts_as_participation = !pn4_not_participation;
            options.icpc_base = icpc_base;
            let filter = if iro.is_empty() {
                IroFilter::All
            } else {
                let mut iros = Vec::new();
                for name in &iro {
                    let id = app.find_iro(name)?.id;
                    if !iros.contains(&id) {
                        iros.push(id);
                    }
                }
                IroFilter::Only { iros }
            };
            let report = app.report(year, &filter, Some(options))?;
            if json {
                render::json(out, &report)?;
            } else {
                render::report(out, &report);
            }
            if let Some(path) = xlsx {
                let bytes = caseload_api::report_xlsx(&report).map_err(anyhow::Error::new)?;
                std::fs::write(&path, bytes)
                    .with_context(|| format!("writing {}", path.display()))?;
                if !json {
                    outln!(out, "\nWrote the report to {}", path.display());
                }
            }
            if let Some(path) = csv {
                let text = caseload_api::report_csv(&report).map_err(anyhow::Error::new)?;
                std::fs::write(&path, text)
                    .with_context(|| format!("writing {}", path.display()))?;
                if !json {
                    outln!(out, "\nWrote the report to {}", path.display());
                }
            }
        }
        Command::Rules { json } => {
            let app = open(cli.db)?;
            let rules = app.rules()?;
            if json {
                render::json(out, &rules)?;
            } else {
                render::rules(out, &rules);
            }
        }
    }
    Ok(())
}
