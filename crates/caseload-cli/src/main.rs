//! `caseload`: the command line of IRO Caseload.
//!
//! Parses arguments (clap), calls `caseload-api`, prints text or JSON. Errors become exit codes
//! in one place: 0 success, 2 bad input or usage (one line on stderr), 1 anything else.

/// Appends a line to the output buffer (writing to a String cannot fail).
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

mod args;
mod commands;
mod render;
mod unlock;

use std::path::PathBuf;
use std::process::ExitCode;

use caseload_api::{default_store_path, ApiError, App, Key};
use chrono::NaiveDate;
use clap::Parser;

use args::{
    ChildCommand, Cli, Command, FiguresCommand, HolidaysCommand, MeetingCommand, PassphraseCommand,
    RecoveryKeyCommand, ServiceCommand,
};

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
fn today(as_of: Option<&str>) -> Result<NaiveDate, Failure> {
    if let Some(d) = as_of {
        return args::parse_date(d).map_err(|e| Failure::Input(format!("--as-of: {e}")));
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
    let mut app =
        App::open_with(path, key, args.backup_dir.as_deref()).map_err(|e| open_failure(path, e))?;
    if let Some(made) = app.take_new_recovery_key() {
        // A new store, or one from before recovery keys: the key is shown this once.
        eprintln!("{}", unlock::recovery_key_notice(&made));
    }
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

/// One function per command (in `commands/`).
fn run_into(cli: Cli, out: &mut String) -> Result<(), Failure> {
    use commands::{
        caseload, changes, dates, disputes, governance, handover, import, meeting, report,
        retention, service, storage,
    };
    let store = &StoreArgs::of(&cli);
    match &cli.command {
        Command::DueDate(args) => dates::due_date(store, args, out),
        Command::Rules(args) => dates::rules(store, args, out),
        Command::Holidays { command } => match command {
            HolidaysCommand::Import(args) => dates::holidays_import(store, args, out),
            HolidaysCommand::List(args) => dates::holidays_list(store, args, out),
        },
        Command::Warnings(args) => caseload::warnings(store, args, out),
        Command::Week(args) => caseload::week(store, args, out),
        Command::Child {
            command: ChildCommand::Show(args),
        } => caseload::child_show(store, args, out),
        Command::ExportIcs(args) => caseload::export_ics(store, args, out),
        Command::Disputes(args) => disputes::disputes(store, args, out),
        Command::Meeting { command } => match command {
            MeetingCommand::Prep(args) => meeting::prep(store, args, out),
            MeetingCommand::Export(args) => meeting::export(store, args, out),
        },
        Command::Decisions(args) => meeting::decisions(store, args, out),
        Command::Import(args) => import::import(store, args, out),
        Command::Handover { command } => handover::handover(store, command, out),
        Command::CoverPack { command } => handover::cover_pack(store, command, out),
        Command::Apply(args) => changes::apply(store, args, out),
        Command::SubjectAccess(args) => governance::subject_access(store, args, out),
        Command::Retention(args) => retention::retention(store, args, out),
        Command::Audit(args) => changes::audit(store, args, out),
        Command::Report(args) => report::report(store, args, out),
        Command::Figures {
            command: FiguresCommand::Export(args),
        } => service::figures_export(store, args, out),
        Command::Service {
            command: ServiceCommand::Report(args),
        } => service::service_report_command(args, out),
        Command::Demo(args) => storage::demo(store, args, out),
        Command::Backup(args) => storage::backup(store, args, out),
        Command::Restore(args) => storage::restore(store, args, out),
        Command::Passphrase {
            command: PassphraseCommand::Change,
        } => storage::passphrase_change(store, out),
        Command::Passphrase {
            command: PassphraseCommand::Reset,
        } => storage::passphrase_reset(store, out),
        Command::RecoveryKey {
            command: RecoveryKeyCommand::New,
        } => storage::recovery_key_new(store, out),
        Command::Encrypt => storage::encrypt(store, out),
        Command::Check => storage::check(store, out),
    }
}
