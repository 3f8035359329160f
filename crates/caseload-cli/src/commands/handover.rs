//! `caseload handover` and `caseload cover-pack`: a handover bundle of children for another
//! IRO (export, then `confirm` marks them transferred out; the receiver's `import` previews with
//! --dry-run), and a cover pack of the weeks ahead for a colleague (export, show, remove). The
//! one-time passphrase is printed once when a bundle is made, and read from
//! CASELOAD_BUNDLE_PASSPHRASE (else asked without echo) when one is opened.

use std::path::PathBuf;

use caseload_api::core::explain::uk_date;
use caseload_api::core::ids::ChildId;
use caseload_api::{
    open_cover_pack, remove_cover_pack, CoverItem, CoverPackRequest, CoverPackView, HandoverExport,
    HandoverOutcome, HandoverPreview, HandoverRequest,
};

use super::show;
use crate::unlock::bundle_passphrase;
use crate::{open, today, Failure, StoreArgs};

#[derive(Debug, clap::Subcommand)]
pub(crate) enum HandoverCommand {
    /// Write the chosen children's whole records (periods, episodes, meetings, records and
    /// decisions, disputes, audit rows) into one encrypted file for the receiving IRO, under a
    /// one-time passphrase printed once: give it to them by another channel. Nothing here
    /// changes until `handover confirm`.
    Export(ExportArgs),
    /// Mark the children transferred out once the receiver has the bundle: allocated to them
    /// from today, read-only here, history kept, nothing deleted.
    Confirm(ConfirmArgs),
    /// Import a handover bundle (its passphrase from CASELOAD_BUNDLE_PASSPHRASE, else asked):
    /// new children whole, children already here (same local reference) merged when their
    /// histories agree, otherwise left out with the conflicts; each child whole or not at all,
    /// after a backup, with the transfer to the receiving IRO recorded on the handover day.
    Import(ImportArgs),
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum CoverPackCommand {
    /// Write a read-only cover pack of the chosen children's next N weeks (due items, booked
    /// meetings, open disputes and decisions) under a one-time passphrase printed once.
    Export(CoverExportArgs),
    /// Show a cover pack (its passphrase from CASELOAD_BUNDLE_PASSPHRASE, else asked).
    Show(CoverFileArgs),
    /// Delete a cover pack once the cover is over (its passphrase proves it is one).
    Remove(CoverFileArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct Chosen {
    /// A child's id; repeat for several.
    #[arg(long = "child", value_name = "ID", required_unless_present = "all")]
    children: Vec<i64>,
    /// Every child of the caseload (not already transferred out).
    #[arg(long, conflicts_with = "children")]
    all: bool,
    /// The receiving IRO's name.
    #[arg(long = "to", value_name = "IRO")]
    to: String,
}

impl Chosen {
    fn request(&self) -> HandoverRequest {
        HandoverRequest {
            children: self.children.iter().copied().map(ChildId).collect(),
            all: self.all,
            to_iro: self.to.clone(),
        }
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    chosen: Chosen,
    /// The bundle file to write.
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
    /// Print JSON (the passphrase included).
    #[arg(long)]
    json: bool,
    /// The day of the handover (default: CASELOAD_TODAY, else the real date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ConfirmArgs {
    #[command(flatten)]
    chosen: Chosen,
    /// The day of the handover (default: CASELOAD_TODAY, else the real date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The bundle file.
    file: PathBuf,
    /// Print the preview and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Today (default: CASELOAD_TODAY, else the real date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CoverExportArgs {
    #[command(flatten)]
    chosen: Chosen,
    /// How many weeks ahead (1 to 26).
    #[arg(long, default_value_t = 4)]
    weeks: u32,
    /// The cover pack file to write.
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
    /// Print JSON (the passphrase included).
    #[arg(long)]
    json: bool,
    /// The day it is made (default: CASELOAD_TODAY, else the real date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CoverFileArgs {
    /// The cover pack file.
    file: PathBuf,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn handover(
    store: &StoreArgs,
    command: &HandoverCommand,
    out: &mut String,
) -> Result<(), Failure> {
    match command {
        HandoverCommand::Export(args) => {
            let made_on = today(args.as_of.as_deref())?;
            let view =
                open(store)?.export_handover(&args.chosen.request(), &args.output, made_on)?;
            show(out, args.json, &view, exported)
        }
        HandoverCommand::Confirm(args) => {
            let on = today(args.as_of.as_deref())?;
            let view = open(store)?.transfer_out(&args.chosen.request(), on)?;
            for c in &view.children {
                outln!(
                    out,
                    "{} is transferred out to {} from {}: read-only here, history kept.",
                    c.name,
                    view.to_iro,
                    uk_date(view.on)
                );
            }
            Ok(())
        }
        HandoverCommand::Import(args) => import(store, args, out),
    }
}

fn exported(out: &mut String, v: &HandoverExport) {
    outln!(
        out,
        "Wrote {}: {} {} for {}.",
        v.path,
        v.children.len(),
        if v.children.len() == 1 {
            "child"
        } else {
            "children"
        },
        v.to_iro
    );
    for c in &v.children {
        outln!(out, "  {:>5}  {}", c.id, c.name);
    }
    outln!(
        out,
        "One-time passphrase (shown once; give it to {} by another channel, never with the file):",
        v.to_iro
    );
    outln!(out, "{}", v.passphrase);
    outln!(
        out,
        "Once they have it: caseload handover confirm --to {:?} {}",
        v.to_iro,
        v.children
            .iter()
            .map(|c| format!("--child {}", c.id))
            .collect::<Vec<_>>()
            .join(" ")
    );
}

fn import(store: &StoreArgs, args: &ImportArgs, out: &mut String) -> Result<(), Failure> {
    let as_of = today(args.as_of.as_deref())?;
    let passphrase = bundle_passphrase(&args.file)?;
    let mut app = open(store)?;
    let preview = app.import_handover(&args.file, &passphrase, as_of, !args.dry_run)?;
    show(out, args.json, &preview, previewed)?;
    if preview.skipped > 0 && preview.new + preview.merged + preview.unchanged == 0 {
        print!("{out}");
        out.clear();
        return Err(Failure::Input(
            "nothing could be imported: every child was left out (see above)".to_string(),
        ));
    }
    Ok(())
}

fn previewed(out: &mut String, p: &HandoverPreview) {
    let verb = if p.committed {
        "Imported"
    } else {
        "Would import"
    };
    outln!(
        out,
        "{verb} the handover from {} to {} made {}:",
        if p.from_iro.is_empty() {
            "another IRO"
        } else {
            &p.from_iro
        },
        p.to_iro,
        uk_date(p.made_on)
    );
    outln!(
        out,
        "  {} new, {} merged, {} unchanged, {} left out",
        p.new,
        p.merged,
        p.unchanged,
        p.skipped
    );
    for c in &p.children {
        let what = match c.outcome {
            HandoverOutcome::New => "new",
            HandoverOutcome::Merged => "merged",
            HandoverOutcome::Unchanged => "unchanged",
            HandoverOutcome::Skipped => "left out",
        };
        outln!(
            out,
            "  {} ({}): {what}, {} facts, {} history rows",
            c.name,
            c.local_ref.as_deref().unwrap_or("no local reference"),
            c.facts,
            c.history
        );
        for reason in &c.reasons {
            outln!(out, "    - {reason}");
        }
    }
    if let Some(backup) = &p.backup {
        outln!(out, "Backup taken before the import: {backup}");
    }
}

pub(crate) fn cover_pack(
    store: &StoreArgs,
    command: &CoverPackCommand,
    out: &mut String,
) -> Result<(), Failure> {
    match command {
        CoverPackCommand::Export(args) => {
            let made_on = today(args.as_of.as_deref())?;
            let request = CoverPackRequest {
                children: args.chosen.children.iter().copied().map(ChildId).collect(),
                all: args.chosen.all,
                to_iro: args.chosen.to.clone(),
                weeks: args.weeks,
            };
            let view = open(store)?.export_cover_pack(&request, &args.output, made_on)?;
            show(out, args.json, &view, cover_text)
        }
        CoverPackCommand::Show(args) => {
            let passphrase = bundle_passphrase(&args.file)?;
            let view = open_cover_pack(&args.file, &passphrase)?;
            show(out, args.json, &view, cover_text)
        }
        CoverPackCommand::Remove(args) => {
            let passphrase = bundle_passphrase(&args.file)?;
            remove_cover_pack(&args.file, &passphrase)?;
            outln!(out, "Removed the cover pack {}.", args.file.display());
            Ok(())
        }
    }
}

fn cover_text(out: &mut String, v: &CoverPackView) {
    outln!(
        out,
        "Cover pack (read-only): {}'s children, covered by {}, {} to {}.",
        if v.from_iro.is_empty() {
            "another IRO"
        } else {
            &v.from_iro
        },
        v.to_iro,
        uk_date(v.made_on),
        uk_date(v.until_on)
    );
    for c in &v.children {
        outln!(
            out,
            "{} ({})",
            c.name,
            c.local_ref.as_deref().unwrap_or("no local reference")
        );
        items(out, "Due", &c.due);
        items(out, "Booked", &c.meetings);
        items(out, "Open disputes", &c.disputes);
        items(out, "Open decisions", &c.decisions);
    }
    if let Some(p) = &v.passphrase {
        outln!(out, "One-time passphrase (shown once; give it to {} by another channel, never with the file):", v.to_iro);
        outln!(out, "{p}");
    }
}

fn items(out: &mut String, label: &str, items: &[CoverItem]) {
    if items.is_empty() {
        return;
    }
    outln!(out, "  {label}:");
    for i in items {
        match i.on {
            Some(on) => outln!(out, "    {}  {}", uk_date(on), i.what),
            None => outln!(out, "    {}", i.what),
        }
    }
}
