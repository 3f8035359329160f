//! `caseload retention`: the closed cases with the day each record is kept until, and
//! `caseload retention delete`, which deletes records past it only once confirmed (`--yes`, or
//! typed on a terminal). Which records are past retention is the core's rule; nothing is
//! computed here.

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use anyhow::Context as _;
use caseload_api::core::explain::uk_date;
use caseload_api::core::ids::ChildId;
use caseload_api::{RetentionRow, RetentionView};
use chrono::NaiveDate;

use super::{iro_id, show};
use crate::{open, today, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct RetentionArgs {
    #[command(subcommand)]
    command: Option<RetentionCommand>,
    /// Only the records past retention, due for review and deletion.
    #[arg(long)]
    due: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Today (default: CASELOAD_TODAY, else the real date).
    #[arg(long, value_name = "YYYY-MM-DD", global = true)]
    as_of: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
enum RetentionCommand {
    /// Delete the records of children past retention: every row of theirs and their audit
    /// rows, leaving a tombstone without personal data in the audit trail; then the store is
    /// rewritten (VACUUM). Without --yes, lists what would be deleted and asks for DELETE to be
    /// typed on a terminal (refused when standard input is not one).
    Delete(DeleteArgs),
}

#[derive(Debug, clap::Args)]
struct DeleteArgs {
    /// A child's id (`caseload retention` lists them); repeat for several.
    #[arg(long = "child", value_name = "ID", required = true)]
    children: Vec<i64>,
    /// Delete without asking.
    #[arg(long)]
    yes: bool,
    /// The IRO profile deleting (recorded on the tombstone; default: the store's owner).
    #[arg(long)]
    iro: Option<String>,
}

pub(crate) fn retention(
    store: &StoreArgs,
    args: &RetentionArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let as_of = today(args.as_of.as_deref())?;
    match &args.command {
        Some(RetentionCommand::Delete(delete)) => erase(store, delete, as_of, out),
        None => {
            let view = open(store)?.retention(as_of, args.due)?;
            show(out, args.json, &view, list)
        }
    }
}

fn list(out: &mut String, view: &RetentionView) {
    outln!(
        out,
        "Records are kept {}. On {}, {} of the closed cases {} past that.",
        view.rule,
        uk_date(view.as_of),
        view.n_due,
        if view.n_due == 1 { "is" } else { "are" }
    );
    if view.rows.is_empty() {
        outln!(out, "No closed case to list.");
        return;
    }
    rows(out, &view.rows);
}

fn rows(out: &mut String, rows: &[RetentionRow]) {
    outln!(
        out,
        "{:>5}  {:<28} {:<16} {:<48} {:<16} {}",
        "ID",
        "Name",
        "Closed on",
        "Why",
        "Kept until",
        "Past it"
    );
    for r in rows {
        outln!(
            out,
            "{:>5}  {:<28} {:<16} {:<48} {:<16} {}",
            r.child.id,
            r.child.name,
            uk_date(r.closed_on),
            r.why_closed,
            uk_date(r.retain_until),
            if r.past_retention { "yes" } else { "no" }
        );
    }
}

fn erase(
    store: &StoreArgs,
    args: &DeleteArgs,
    as_of: NaiveDate,
    out: &mut String,
) -> Result<(), Failure> {
    let mut app = open(store)?;
    let children: Vec<ChildId> = args.children.iter().copied().map(ChildId).collect();
    let preview = app.erasure_preview(&children, as_of)?;
    if !args.yes {
        confirm(&preview)?;
    }
    let actor = match iro_id(&app, args.iro.as_deref())? {
        Some(id) => Some(id),
        None => app.owner()?,
    };
    let done = app.erase_children(&children, as_of, actor)?;
    for erased in &done.erased {
        outln!(
            out,
            "Deleted the record of {}: {}. Tombstone {} in the audit trail.",
            erased.name,
            erased.deleted,
            erased.tombstone
        );
    }
    outln!(out, "{}", done.backups_note);
    Ok(())
}

/// Lists what would be deleted and asks for DELETE on the terminal; refuses without one.
fn confirm(preview: &[RetentionRow]) -> Result<(), Failure> {
    let names = names(preview);
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Input(format!(
            "this would delete the records of {names}: add --yes to delete them, or run in a \
             terminal to confirm"
        )));
    }
    let mut listing = String::new();
    rows(&mut listing, preview);
    eprint!("{listing}Type DELETE to delete the records of {names} for good: ");
    std::io::stderr()
        .flush()
        .context("asking for confirmation")?;
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .context("reading the confirmation")?;
    if answer.trim() == "DELETE" {
        Ok(())
    } else {
        Err(Failure::Input("Nothing was deleted.".to_string()))
    }
}

/// "Alex Leftcare (child 1) and Sam Example (child 2)".
fn names(rows: &[RetentionRow]) -> String {
    let each: Vec<String> = rows
        .iter()
        .map(|r| format!("{} (child {})", r.child.name, r.child.id))
        .collect();
    match each.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => each.join(""),
    }
}
