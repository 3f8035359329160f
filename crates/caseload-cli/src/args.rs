use std::path::PathBuf;

use caseload_api::core::rules::RuleId;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::commands::caseload::{ChildShowArgs, ExportIcsArgs, WarningsArgs, WeekArgs};
use crate::commands::changes::{ApplyArgs, AuditArgs};
use crate::commands::dates::{DueDateArgs, HolidaysImportArgs, HolidaysListArgs, RulesArgs};
use crate::commands::disputes::DisputesArgs;
use crate::commands::governance::SubjectAccessArgs;
use crate::commands::handover::{CoverPackCommand, HandoverCommand};
use crate::commands::import::ImportArgs;
use crate::commands::meeting::{DecisionsArgs, ExportArgs, PrepArgs};
use crate::commands::report::ReportArgs;
use crate::commands::retention::RetentionArgs;
use crate::commands::service::{FiguresExportArgs, ServiceReportArgs};
use crate::commands::storage::{BackupArgs, DemoArgs, RestoreArgs};

/// IRO Caseload: statutory review and conference deadlines for Independent Reviewing Officers.
#[derive(Debug, Parser)]
#[command(name = "caseload", version, about, long_about = None)]
pub struct Cli {
    /// The store to use (default: the desktop app's per-user data file).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open or create the store without encryption (synthetic demo data only). Otherwise a new
    /// store is encrypted under a passphrase: CASELOAD_PASSPHRASE, else asked on the terminal.
    /// An existing plaintext store opens as it is (`caseload encrypt` protects it).
    #[arg(long, global = true)]
    pub plaintext: bool,
    /// Where backups go (default: CASELOAD_BACKUP_DIR, else `backups/` beside the store).
    #[arg(long, global = true, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands. Each command's options are its own struct, beside the function that runs it
/// in `commands/`; this enum is the tree, with each command's help.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute a statutory due date and explain it. First line: the due date (YYYY-MM-DD).
    DueDate(DueDateArgs),
    /// Fill an empty store with a synthetic demo caseload (obviously fake names).
    Demo(DemoArgs),
    /// What is overdue, due soon, booked late or not booked.
    Warnings(WarningsArgs),
    /// Disputes (DRP) and multi-agency challenges: each stage, its response clock, the formal
    /// total and the last activity.
    Disputes(DisputesArgs),
    /// The week's booked meetings and deadlines (Monday to Sunday).
    Week(WeekArgs),
    /// A child's record.
    Child {
        #[command(subcommand)]
        command: ChildCommand,
    },
    /// A review or conference: its preparation pack, and the documents of its finalised record.
    Meeting {
        #[command(subcommand)]
        command: MeetingCommand,
    },
    /// The decisions of finalised records, tracked until they are carried out: overdue first.
    Decisions(DecisionsArgs),
    /// Import children from the statutory files (SSDA903 CSV tables or XML, CIN census XML,
    /// Ofsted's Annex A xlsx, or an LA's own CSV with a column mapping):
    /// a preview of what changes (new, updated, unchanged, skipped, every unusable row, every
    /// disagreement), then the import in one transaction, each child whole or not at all, after
    /// a backup. Re-importing the same files changes nothing.
    Import(ImportArgs),
    /// Hand children over to another IRO without a network: `handover export` writes their
    /// whole records into one encrypted file under a one-time passphrase; `handover confirm`
    /// marks them transferred out (read-only, kept); the receiver runs `handover import FILE`.
    Handover {
        #[command(subcommand)]
        command: HandoverCommand,
    },
    /// A read-only cover pack of the weeks ahead for a colleague covering: export, show, remove.
    CoverPack {
        #[command(subcommand)]
        command: CoverPackCommand,
    },
    /// Everything held about one child, for a subject-access request: JSON, PDF and Word
    /// files in --output, other children's names left out unless --with-siblings.
    SubjectAccess(SubjectAccessArgs),
    /// Retention: the closed cases (care ended, plan ended, moved to another IRO) with the day
    /// each record is kept until (the store's retention_months setting, 12 by default);
    /// `retention delete --child ID` deletes records past it, once confirmed.
    Retention(RetentionArgs),
    /// Apply a JSON file of changes (one object or an array), all or nothing.
    Apply(ApplyArgs),
    /// A calendar file (.ics, for Outlook) of a week's meetings and deadlines, or of every
    /// booked meeting from today on (cancelled ones as cancelled). Each event names the child
    /// as the store's calendar_privacy setting says (initials and local reference by default).
    /// Written to stdout unless --output is given.
    ExportIcs(ExportIcsArgs),
    /// England and Wales bank holidays.
    Holidays {
        #[command(subcommand)]
        command: HolidaysCommand,
    },
    /// The audit trail of changes, newest first (it cannot be edited).
    Audit(AuditArgs),
    /// The IRO service's report for a reporting year (2025 = 1 April 2025 – 31 March 2026) or any
    /// period (--from/--to: a quarter, a month…), each figure beside the period before of the
    /// same length: looked-after children, child protection, disputes, caseloads.
    Report(ReportArgs),
    /// Service-wide figures: an IRO's figures file for the service's report.
    Figures {
        #[command(subcommand)]
        command: FiguresCommand,
    },
    /// The service manager's commands over the IROs' figures files.
    Service {
        #[command(subcommand)]
        command: ServiceCommand,
    },
    /// The timescale rules in force: defaults, sources and local values.
    Rules(RulesArgs),
    /// Back up the store now (encrypted when the store is), then keep 7 daily and 4 weekly
    /// backups. A backup is also taken automatically the first time a store is opened each day.
    Backup(BackupArgs),
    /// Replace the store with a backup file. The backup must open with its passphrase
    /// (CASELOAD_PASSPHRASE, else asked) and pass the integrity check before anything is
    /// replaced; the replaced store is kept in the backups folder. Close the desktop app first.
    Restore(RestoreArgs),
    /// The store's passphrase.
    Passphrase {
        #[command(subcommand)]
        command: PassphraseCommand,
    },
    /// The store's recovery key, which opens it when the passphrase is forgotten.
    RecoveryKey {
        #[command(subcommand)]
        command: RecoveryKeyCommand,
    },
    /// Encrypt a plaintext store under a new passphrase (CASELOAD_PASSPHRASE, else asked), and
    /// print its recovery key. No plaintext copy is kept: the old file and plaintext backups are
    /// overwritten and removed.
    Encrypt,
    /// Run SQLite's full integrity check on the store.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Change the passphrase: the current one (CASELOAD_PASSPHRASE, else asked), then the new
    /// one (CASELOAD_NEW_PASSPHRASE, else asked twice). Backups made before keep the old one.
    Change,
    /// The passphrase is forgotten: open with the recovery key (CASELOAD_RECOVERY_KEY, else
    /// asked), then set a new passphrase (CASELOAD_NEW_PASSPHRASE, else asked twice).
    Reset,
}

#[derive(Debug, Subcommand)]
pub enum RecoveryKeyCommand {
    /// Make a new recovery key (the passphrase, CASELOAD_PASSPHRASE, else asked) and print it
    /// once. The old key stops opening the store and the backups in its backups folder.
    New,
}

#[derive(Debug, Subcommand)]
pub enum ChildCommand {
    /// Show one child: details, care, protection, meetings, next due dates and warnings.
    Show(ChildShowArgs),
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// The preparation pack of a booked (or held) meeting: the child in brief, what to do
    /// before it, who to invite, the agenda, the last decisions, disputes, the chronology.
    Prep(PrepArgs),
    /// Write a meeting's finalised record (.docx, PDF) and the letter to the child.
    Export(ExportArgs),
}

#[derive(Debug, Subcommand)]
pub enum FiguresCommand {
    /// Write this store's figures for a period (the facts the report counts, no child's name:
    /// LA child ids, dates, codes, outcomes) to one file encrypted under the service passphrase
    /// (CASELOAD_SERVICE_PASSPHRASE, else asked twice), for the service manager.
    Export(FiguresExportArgs),
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// The service's report for a period over the IROs' figures files (the service passphrase:
    /// CASELOAD_SERVICE_PASSPHRASE, else asked): the same figures as one store holding every
    /// caseload, a child transferred between IROs counted once; which IROs' files are in, with
    /// the day each was made, and which are stale or missing (with --json: `files` and `report`).
    Report(ServiceReportArgs),
}

#[derive(Debug, Subcommand)]
pub enum HolidaysCommand {
    /// Import a GOV.UK bank-holidays.json file (only the england-and-wales division is read).
    Import(HolidaysImportArgs),
    /// List a year's bank holidays and where they come from.
    List(HolidaysListArgs),
}

/// A civil date, strictly YYYY-MM-DD.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let ok_shape = s.len() == 10
        && s.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok_shape {
        return Err(format!("'{s}' is not a date in the form YYYY-MM-DD"));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("'{s}' is not a real date"))
}

/// The rule ids, for error messages.
pub fn rule_list() -> String {
    RuleId::ALL
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
