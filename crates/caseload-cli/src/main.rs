//! `caseload`: the command line of IRO Caseload.
//!
//! Parses arguments (clap), calls `caseload-api`, prints text or JSON. Errors become exit codes
//! in one place: 0 success, 2 bad input or usage (one line on stderr), 1 anything else.

mod args;
mod import;
mod meeting;
mod render;
mod unlock;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use caseload_api::core::calendar::Convention;
use caseload_api::core::ids::ChildId;
use caseload_api::demo::DemoOptions;
use caseload_api::{default_store_path, ApiError, App, FileKind, Key};
use chrono::NaiveDate;
use clap::Parser;

use args::{ChildCommand, Cli, Command, HolidaysCommand, PassphraseCommand};

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

/// The store options shared by every command.
struct StoreArgs {
    db: Option<PathBuf>,
    plaintext: bool,
    backup_dir: Option<PathBuf>,
}

impl StoreArgs {
    fn of(cli: &Cli) -> StoreArgs {
        StoreArgs {
            db: cli.db.clone(),
            plaintext: cli.plaintext,
            backup_dir: cli.backup_dir.clone().or_else(|| {
                std::env::var_os("CASELOAD_BACKUP_DIR")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }),
        }
    }

    fn path(&self) -> Result<PathBuf, Failure> {
        store_path(self.db.clone())
    }
}

/// A failure to open names the store when the cause is technical; the rest (a wrong
/// passphrase, damage) are sentences of their own.
fn open_failure(path: &std::path::Path, e: ApiError) -> Failure {
    match e {
        ApiError::Store(_) => Failure::Runtime(
            anyhow::Error::new(e).context(format!("opening the store {}", path.display())),
        ),
        other => other.into(),
    }
}

/// Opens the store at `path` with `key`, then takes the day's automatic backup if it is due
/// (a failed automatic backup is reported and does not stop the command).
fn open_at(path: &std::path::Path, key: Key, args: &StoreArgs) -> Result<App, Failure> {
    let app =
        App::open_with(path, key, args.backup_dir.as_deref()).map_err(|e| open_failure(path, e))?;
    if let Err(e) = app.backup_if_due() {
        eprintln!("caseload: the automatic daily backup failed: {e}");
    }
    if !app.is_encrypted() && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        eprintln!(
            "caseload: note: {} is not encrypted (`caseload encrypt` protects it with a passphrase)",
            path.display()
        );
    }
    Ok(app)
}

fn open(args: &StoreArgs) -> Result<App, Failure> {
    let path = args.path()?;
    let key = unlock::key_for(&path, args.plaintext, false)?;
    open_at(&path, key, args)
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
    let store = StoreArgs::of(&cli);
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
                    let key = unlock::key_for(&p, store.plaintext, false)?;
                    App::open_with(&p, key, store.backup_dir.as_deref())
                        .map_err(|e| open_failure(&p, e))?
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
            // The demo is synthetic: a new demo store is created without encryption, and says so.
            let path = store.path()?;
            let key = unlock::key_for(&path, store.plaintext, true)?;
            let mut app = App::open_with(&path, key, store.backup_dir.as_deref())
                .map_err(|e| open_failure(&path, e))?;
            let as_of = today(as_of)?;
            let n = app.load_demo(&DemoOptions {
                children,
                seed,
                as_of,
            })?;
            outln!(
                out,
                "Loaded the synthetic demo caseload ({n} children, seed {seed}, as of {as_of}) into {} ({})",
                path.display(),
                if app.is_encrypted() {
                    "encrypted"
                } else {
                    "not encrypted: synthetic data only"
                }
            );
        }
        Command::Warnings { as_of, iro, json } => {
            let app = open(&store)?;
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
            let app = open(&store)?;
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
            let app = open(&store)?;
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
            let app = open(&store)?;
            let view = app.child(ChildId(id), today(as_of)?)?;
            if json {
                render::json(out, &view)?;
            } else {
                render::child(out, &view);
            }
        }
        Command::Meeting { command } => meeting::run(command, &store, out)?,
        Command::Import {
            files,
            format,
            mapping,
            iro,
            dry_run,
            json,
            include_partial,
            as_of,
        } => import::run(
            &store,
            import::Args {
                files,
                format,
                mapping,
                iro,
                dry_run,
                json,
                include_partial,
                as_of,
            },
            out,
        )?,
        Command::Decisions {
            open: open_only,
            overdue,
            iro,
            json,
            as_of,
        } => meeting::decisions(&store, open_only, overdue, iro, json, as_of, out)?,
        Command::Apply {
            file,
            batches: true,
            iro,
            as_of,
        } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
            let batches = App::parse_batches(&bytes)
                .map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
            let mut app = open(&store)?;
            let actor = iro.map(|name| app.find_iro(&name)).transpose()?;
            let as_of = today(as_of)?;
            for (i, batch) in batches.iter().enumerate() {
                app.apply(batch, as_of, actor.as_ref().map(|a| a.id))
                    .map_err(|e| match e {
                        ApiError::Invalid(_) => Failure::Input(format!(
                            "batch {} was refused (the {i} before it were kept):\n{e}",
                            i + 1
                        )),
                        other => other.into(),
                    })?;
                // Printed only once the batch's transaction has committed (synchronous=FULL:
                // it is on disk), and flushed at once: a reader may rely on every line.
                print(&format!("committed {}\n", i + 1))?;
            }
            outln!(
                out,
                "Applied {} batch(es), each in its own transaction.",
                batches.len()
            );
        }
        Command::Apply {
            file,
            batches: false,
            iro,
            as_of,
        } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
            let changes = App::parse_changes(&bytes)
                .map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
            let mut app = open(&store)?;
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
            let app = open(&store)?;
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
                let mut app = open(&store)?;
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
                let app = open(&store)?;
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
            let app = open(&store)?;
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
            from,
            to,
            plans,
            disputes,
            short_breaks,
            iro,
            count_event_day,
            ended_on_31_march_counts,
            pn4_not_participation,
            icpc_from,
            as_of,
            json,
            xlsx,
            csv,
        } => {
            use caseload_api::core::report::IroFilter;
            let period = report_period(year, from.as_deref(), to.as_deref())?;
            let as_of = today(as_of)?;
            let app = open(&store)?;
            let mut options = app.report_options()?;
            if count_event_day {
                options.convention = Convention::EventDayIsDayOne;
            }
            options.ended_on_31_march_counts = ended_on_31_march_counts;
            options.pn4_counts_as_participation = !pn4_not_participation;
            report_choices(&mut options, &icpc_from, &plans, &disputes, &short_breaks)?;
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
            let report = app.report(&period, &filter, Some(options), as_of)?;
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
            let app = open(&store)?;
            let rules = app.rules()?;
            if json {
                render::json(out, &rules)?;
            } else {
                render::rules(out, &rules);
            }
        }
        Command::Backup { to, list } => {
            let args = StoreArgs {
                backup_dir: to.or(store.backup_dir.clone()),
                ..store
            };
            let path = args.path()?;
            let key = unlock::key_for(&path, args.plaintext, false)?;
            // Not `open`: its automatic backup would only be replaced a moment later.
            let app = App::open_with(&path, key, args.backup_dir.as_deref())
                .map_err(|e| open_failure(&path, e))?;
            if list {
                for row in app.backups()? {
                    outln!(
                        out,
                        "{}  {:<16}  {}",
                        row.taken_at.format("%Y-%m-%d %H:%M"),
                        row.kind,
                        row.path.display()
                    );
                }
            } else {
                let made = app.backup_now()?;
                outln!(
                    out,
                    "Backed up {} to {} ({}).",
                    path.display(),
                    made.path.display(),
                    if made.encrypted {
                        "encrypted"
                    } else {
                        "NOT encrypted: the store is not"
                    }
                );
                if !made.removed.is_empty() {
                    outln!(
                        out,
                        "Removed {} older backup(s), keeping one a day for 7 days and one a week for 4 weeks.",
                        made.removed.len()
                    );
                }
            }
        }
        Command::Restore { file, yes } => {
            let path = store.path()?;
            let key = unlock::key_for_backup(&file)?;
            if !yes {
                let question = format!(
                    "Replace the caseload {} with the backup {}? The current caseload is kept in the backups folder.",
                    path.display(),
                    file.display()
                );
                match unlock::confirm(&question)? {
                    Some(true) => {}
                    Some(false) => return Err(Failure::Input("Nothing was restored.".to_string())),
                    None => {
                        return Err(Failure::Input(format!(
                            "restoring replaces the caseload {}: add --yes to confirm",
                            path.display()
                        )))
                    }
                }
            }
            let restored = App::restore_file(&path, &file, key, store.backup_dir.as_deref())?;
            outln!(
                out,
                "Restored {} from {}.",
                path.display(),
                restored.restored_from.display()
            );
            if let Some(kept) = restored.kept {
                outln!(
                    out,
                    "The caseload it replaced was kept as {}.",
                    kept.display()
                );
            }
        }
        Command::Passphrase {
            command: PassphraseCommand::Change,
        } => {
            let path = store.path()?;
            if caseload_api::storage::store_kind(&path)? != FileKind::Encrypted {
                return Err(ApiError::NotEncrypted.into());
            }
            let current = unlock::unlock_passphrase(&path)?;
            let mut app = open_at(&path, Key::Passphrase(current.clone()), &store)?;
            let new = unlock::choose_passphrase(unlock::NEW_PASSPHRASE_VAR, "the new passphrase")?;
            let backup = app.change_passphrase(&current, new)?;
            outln!(out, "Changed the passphrase of {}.", path.display());
            outln!(
                out,
                "A backup under the new passphrase: {}. Older backups still open with the old one.",
                backup.path.display()
            );
        }
        Command::Encrypt => {
            let path = store.path()?;
            match caseload_api::storage::store_kind(&path)? {
                FileKind::Plaintext => {}
                FileKind::Encrypted => return Err(ApiError::AlreadyEncrypted.into()),
                FileKind::Missing | FileKind::Empty => {
                    return Err(Failure::Input(format!(
                        "there is no caseload at {} to encrypt",
                        path.display()
                    )))
                }
            }
            let mut app = App::open_with(&path, Key::Unencrypted, store.backup_dir.as_deref())
                .map_err(|e| open_failure(&path, e))?;
            let passphrase = unlock::choose_passphrase(
                unlock::PASSPHRASE_VAR,
                &format!("to encrypt {}", path.display()),
            )?;
            let done = app.encrypt_existing(passphrase)?;
            outln!(
                out,
                "Encrypted {}. No plaintext copy was kept.",
                path.display()
            );
            if !done.wiped_backups.is_empty() {
                outln!(
                    out,
                    "Overwrote and removed {} plaintext backup(s).",
                    done.wiped_backups.len()
                );
            }
            outln!(out, "First encrypted backup: {}.", done.backup.display());
        }
        Command::Check => {
            let app = open(&store)?;
            let problems = app.integrity_check()?;
            if !problems.is_empty() {
                return Err(Failure::Runtime(anyhow::anyhow!(
                    "the integrity check found problems:\n{}",
                    problems.join("\n")
                )));
            }
            outln!(
                out,
                "ok: {} passed the integrity check ({}).",
                app.store_path()
                    .map_or_else(String::new, |p| p.display().to_string()),
                if app.is_encrypted() {
                    "encrypted"
                } else {
                    "not encrypted"
                }
            );
        }
    }
    Ok(())
}

/// The report's period: `--year` (a reporting year), else `--from`/`--to`.
fn report_period(
    year: Option<i32>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<caseload_api::core::report::ReportPeriod, Failure> {
    use caseload_api::core::report::ReportPeriod;
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

/// The report's choices given by name: the ICPC's base, the plans, the disputes, short breaks.
fn report_choices(
    options: &mut caseload_api::core::report::ReportOptions,
    icpc_from: &str,
    plans: &str,
    disputes: &str,
    short_breaks: &str,
) -> Result<(), Failure> {
    use caseload_api::core::domain::DisputeKind;
    use caseload_api::core::report::{IcpcBase, ReportScope, ShortBreaks};
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
