use std::path::PathBuf;

use caseload_api::core::rules::RuleId;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute a statutory due date and explain it. First line: the due date (YYYY-MM-DD).
    DueDate {
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
    },
    /// Fill an empty store with a synthetic demo caseload (obviously fake names).
    Demo {
        /// How many children (the default is the desktop demo's: about 60 looked after per IRO).
        #[arg(long, default_value_t = caseload_api::demo::DEFAULT_CHILDREN)]
        children: usize,
        /// Random seed: the same seed gives the same caseload.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The demo's "today" (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// What is overdue, due soon, booked late or not booked.
    Warnings {
        /// Today (default: CASELOAD_TODAY, else the real date).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Only this IRO's children (exact name or a unique part of it).
        #[arg(long)]
        iro: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Disputes (DRP) and multi-agency challenges: each stage, its response clock, the formal
    /// total and the last activity.
    Disputes {
        /// Only open disputes.
        #[arg(long, conflicts_with_all = ["overdue", "closed"])]
        open: bool,
        /// Only open disputes with an overdue response or formal process.
        #[arg(long, conflicts_with = "closed")]
        overdue: bool,
        /// Only closed disputes (resolved, withdrawn or referred to Cafcass).
        #[arg(long)]
        closed: bool,
        /// Today (default: CASELOAD_TODAY, else the real date).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Only this IRO's children (exact name or a unique part of it).
        #[arg(long)]
        iro: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The week's booked meetings and deadlines (Monday to Sunday).
    Week {
        /// A day in the week (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Only this IRO's children.
        #[arg(long)]
        iro: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
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
    Decisions {
        /// Only decisions not yet carried out (overdue ones included).
        #[arg(long, conflicts_with = "overdue")]
        open: bool,
        /// Only decisions past their due date and not carried out.
        #[arg(long)]
        overdue: bool,
        /// Only this IRO's children (exact name or a unique part of it).
        #[arg(long)]
        iro: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Today (default: CASELOAD_TODAY, else the real date).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// Import children from the statutory files (SSDA903 CSV tables or XML, CIN census XML,
    /// Ofsted's Annex A xlsx, or an LA's own CSV with a column mapping):
    /// a preview of what changes (new, updated, unchanged, skipped, every unusable row, every
    /// disagreement), then the import in one transaction, each child whole or not at all, after
    /// a backup. Re-importing the same files changes nothing.
    Import {
        /// The files (the CSV tables of one 903 return together).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The format of every file: `903`, `cin`, `annex-a` or `csv` (an LA's own CSV, with
        /// --mapping) (default: recognised from each file).
        #[arg(long, value_name = "903|cin|annex-a|csv")]
        format: Option<String>,
        /// For an LA's own CSV: which column holds what, as JSON (`{"columns": {"child_id":
        /// "Child ID", ...}}`); without it, the error suggests one from the file's header.
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// The IRO who receives the new children (exact name or a unique part of it).
        #[arg(long)]
        iro: Option<String>,
        /// Print the preview and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Import a child with unusable rows without those rows (else the child is left out).
        #[arg(long)]
        include_partial: bool,
        /// Today (default: CASELOAD_TODAY, else the real date).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// Apply a JSON file of changes (one object or an array), all or nothing.
    Apply {
        /// The file.
        file: PathBuf,
        /// The file holds one batch per line (JSON Lines: a change or an array of changes).
        /// Each batch is applied in its own transaction and `committed N` is printed as soon as
        /// batch N is on disk; the first refused batch stops the run, earlier ones are kept.
        #[arg(long)]
        batches: bool,
        /// The IRO profile making the changes (recorded in the audit trail).
        #[arg(long)]
        iro: Option<String>,
        /// Today, for validation (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// A calendar file (.ics, for Outlook) of a week's meetings and deadlines, or of every
    /// booked meeting from today on. Written to stdout unless --output is given.
    ExportIcs {
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
    },
    /// England and Wales bank holidays.
    Holidays {
        #[command(subcommand)]
        command: HolidaysCommand,
    },
    /// The audit trail of changes, newest first (it cannot be edited).
    Audit {
        /// Only changes about this child.
        #[arg(long)]
        child: Option<i64>,
        /// At most this many rows.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The IRO service's report for a reporting year (2025 = 1 April 2025 – 31 March 2026) or any
    /// period (--from/--to: a quarter, a month…), each figure beside the period before of the
    /// same length: looked-after children, child protection, disputes, caseloads.
    Report {
        /// The year of the reporting year's 1 April.
        #[arg(long, required_unless_present = "from", conflicts_with_all = ["from", "to"])]
        year: Option<i32>,
        /// The period's first day (YYYY-MM-DD), with --to.
        #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
        from: Option<String>,
        /// The period's last day, included (YYYY-MM-DD), with --from.
        #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
        to: Option<String>,
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
        /// What the ICPC's 15 working days count from: `strategy` (default) or `s47`.
        #[arg(long, value_name = "strategy|s47", default_value = "strategy")]
        icpc_from: String,
        /// The day the report is made (default: today): a period not over yet is taken as it
        /// stands that day (where each decision stood).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also write the report as an XLSX workbook to this file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write the report as CSV to this file.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// The timescale rules in force: defaults, sources and local values.
    Rules {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Back up the store now (encrypted when the store is), then keep 7 daily and 4 weekly
    /// backups. A backup is also taken automatically the first time a store is opened each day.
    Backup {
        /// Back up into this folder instead of the backups folder.
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// List the backups instead, newest first.
        #[arg(long, conflicts_with = "to")]
        list: bool,
    },
    /// Replace the store with a backup file. The backup must open with its passphrase
    /// (CASELOAD_PASSPHRASE, else asked) and pass the integrity check before anything is
    /// replaced; the replaced store is kept in the backups folder. Close the desktop app first.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// The store's passphrase.
    Passphrase {
        #[command(subcommand)]
        command: PassphraseCommand,
    },
    /// Encrypt a plaintext store under a new passphrase (CASELOAD_PASSPHRASE, else asked). No
    /// plaintext copy is kept: the old file and plaintext backups are overwritten and removed.
    Encrypt,
    /// Run SQLite's full integrity check on the store.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Change the passphrase: the current one (CASELOAD_PASSPHRASE, else asked), then the new
    /// one (CASELOAD_NEW_PASSPHRASE, else asked twice). Backups made before keep the old one.
    Change,
}

#[derive(Debug, Subcommand)]
pub enum ChildCommand {
    /// Show one child: details, care, protection, meetings, next due dates and warnings.
    Show {
        /// The child's id.
        id: i64,
        /// Today (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// The preparation pack of a booked (or held) meeting: the child in brief, what to do
    /// before it, who to invite, the agenda, the last decisions, disputes, the chronology.
    Prep {
        /// The meeting's id (see `caseload child show`).
        id: i64,
        /// Today (default: CASELOAD_TODAY, else the real date).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also write the pack as a Word document to this file.
        #[arg(long, value_name = "FILE")]
        docx: Option<PathBuf>,
        /// Also write the pack as a PDF to this file.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
    /// Write a meeting's finalised record (.docx, PDF) and the letter to the child.
    Export {
        /// The meeting's id.
        id: i64,
        /// Write the record as a Word document to this file.
        #[arg(long, value_name = "FILE")]
        docx: Option<PathBuf>,
        /// Write the record as a PDF to this file.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// Write the letter to the child to this file (.docx or .pdf, by its extension).
        #[arg(long, value_name = "FILE")]
        letter: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HolidaysCommand {
    /// Import a GOV.UK bank-holidays.json file (only the england-and-wales division is read).
    Import {
        /// The file.
        file: PathBuf,
    },
    /// List a year's bank holidays and where they come from.
    List {
        /// Year (default: this year).
        #[arg(long)]
        year: Option<i32>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
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
