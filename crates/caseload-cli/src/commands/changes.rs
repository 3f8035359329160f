//! `caseload apply` and `audit`: the one write path from a file, and the trail it leaves.

use std::path::PathBuf;

use caseload_api::core::ids::ChildId;
use caseload_api::{ApiError, App, AuditFilter};

use super::{iro_id, show};
use crate::{open, print, render, today, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct ApplyArgs {
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
}

pub(crate) fn apply(store: &StoreArgs, args: &ApplyArgs, out: &mut String) -> Result<(), Failure> {
    if args.batches {
        apply_batches(store, args, out)
    } else {
        apply_changes(store, args, out)
    }
}

/// The file's bytes; a file that cannot be read is bad input.
fn read_file(args: &ApplyArgs) -> Result<Vec<u8>, Failure> {
    std::fs::read(&args.file).map_err(|e| Failure::Input(format!("{}: {e}", args.file.display())))
}

/// One batch per line, each in its own transaction.
fn apply_batches(store: &StoreArgs, args: &ApplyArgs, out: &mut String) -> Result<(), Failure> {
    let bytes = read_file(args)?;
    let batches = App::parse_batches(&bytes)
        .map_err(|e| Failure::Input(format!("{}: {e}", args.file.display())))?;
    let mut app = open(store)?;
    let actor = iro_id(&app, args.iro.as_deref())?;
    let as_of = today(args.as_of.as_deref())?;
    for (i, batch) in batches.iter().enumerate() {
        app.apply(batch, as_of, actor).map_err(|e| match e {
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
    Ok(())
}

/// The whole file in one transaction.
fn apply_changes(store: &StoreArgs, args: &ApplyArgs, out: &mut String) -> Result<(), Failure> {
    let bytes = read_file(args)?;
    let changes = App::parse_changes(&bytes)
        .map_err(|e| Failure::Input(format!("{}: {e}", args.file.display())))?;
    let mut app = open(store)?;
    let actor = iro_id(&app, args.iro.as_deref())?;
    let applied = app.apply(&changes, today(args.as_of.as_deref())?, actor)?;
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
    Ok(())
}

#[derive(Debug, clap::Args)]
pub(crate) struct AuditArgs {
    /// Only changes about this child.
    #[arg(long)]
    child: Option<i64>,
    /// At most this many rows.
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn audit(store: &StoreArgs, args: &AuditArgs, out: &mut String) -> Result<(), Failure> {
    let app = open(store)?;
    let entries = app.audit(&AuditFilter {
        child: args.child.map(ChildId),
        limit: Some(args.limit),
        ..AuditFilter::default()
    })?;
    show(out, args.json, &entries, |out, entries| {
        render::audit(out, entries)
    })
}
