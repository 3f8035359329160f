//! `caseload import`: reads the files, asks the API for the preview (or the import), and prints
//! it as text or JSON. Exit 2 when nothing could be imported or the input is refused; nothing
//! is written then.

use std::path::PathBuf;

use anyhow::Context as _;
use caseload_api::{
    ChildOutcome, ColumnMapping, ImportFile, ImportFormat, ImportOptions, ImportPreview,
};

use crate::{open, today, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
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
}

fn read(paths: &[PathBuf]) -> Result<Vec<ImportFile>, Failure> {
    paths
        .iter()
        .map(|path| {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ok(ImportFile { name, bytes })
        })
        .collect()
}

/// A saved column mapping; a field name it does not know is refused, naming the file.
fn read_mapping(path: &std::path::Path) -> Result<ColumnMapping, Failure> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| Failure::Input(format!("--mapping {}: {e}", path.display())))
}

pub(crate) fn import(
    store: &StoreArgs,
    args: &ImportArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let format = match args.format.as_deref() {
        None => None,
        Some(text) => Some(
            ImportFormat::parse(text)
                .ok_or_else(|| Failure::Input(format!("--format: {text:?} is not 903 or cin")))?,
        ),
    };
    let as_of = today(args.as_of.as_deref())?;
    let files = read(&args.files)?;
    let mapping = args.mapping.as_deref().map(read_mapping).transpose()?;
    let mut app = open(store)?;
    let iro = match args.iro.as_deref() {
        Some(name) => Some(app.find_iro(name)?.id),
        None => None,
    };
    let options = ImportOptions {
        format,
        iro,
        include_partial: args.include_partial,
    };
    let preview = app.import_mapped(&files, &options, mapping.as_ref(), as_of, !args.dry_run)?;
    if args.json {
        crate::render::json(out, &preview)?;
    } else {
        text(out, &preview);
    }
    if preview.new + preview.updated + preview.unchanged == 0 {
        // The preview says why; it is printed before the refusal.
        print!("{out}");
        out.clear();
        return Err(Failure::Input(
            "nothing could be imported: every child was left out (see above)".to_string(),
        ));
    }
    Ok(())
}

fn text(out: &mut String, p: &ImportPreview) {
    let verb = if p.committed {
        "Imported"
    } else {
        "Would import"
    };
    outln!(out, "{verb} from {}:", p.files.join(", "));
    outln!(
        out,
        "  {} new, {} updated, {} unchanged, {} left out",
        p.new,
        p.updated,
        p.unchanged,
        p.skipped
    );
    for c in p
        .children
        .iter()
        .filter(|c| c.outcome == ChildOutcome::Skipped)
    {
        outln!(
            out,
            "  left out: child {}: {}",
            c.la_id,
            c.reason.as_deref().unwrap_or("")
        );
    }
    if !p.problems.is_empty() {
        outln!(out, "Rows not used ({}):", p.problems.len());
        for problem in &p.problems {
            outln!(
                out,
                "  {}: {} {}",
                problem.at,
                problem.field,
                problem.message
            );
        }
    }
    if !p.disagreements.is_empty() {
        outln!(out, "Disagreements ({}):", p.disagreements.len());
        for d in &p.disagreements {
            outln!(out, "  child {}: {}", d.child, d.what);
        }
    }
    for note in &p.notes {
        outln!(out, "Note: {note}");
    }
    if p.committed || p.new + p.updated > 0 {
        outln!(out, "{}", p.undo);
    }
}
