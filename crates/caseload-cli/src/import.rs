//! `caseload import`: reads the files, asks the API for the preview (or the import), and prints
//! it as text or JSON. Exit 2 when nothing could be imported or the input is refused; nothing
//! is written then.

use std::path::PathBuf;

use anyhow::Context as _;
use caseload_api::{
    ChildOutcome, ColumnMapping, ImportFile, ImportFormat, ImportOptions, ImportPreview,
};

use crate::{open, today, Failure, StoreArgs};

/// Appends a line to the output buffer (writing to a String cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

/// The command's arguments.
pub(crate) struct Args {
    pub files: Vec<PathBuf>,
    pub format: Option<String>,
    pub mapping: Option<PathBuf>,
    pub iro: Option<String>,
    pub dry_run: bool,
    pub json: bool,
    pub include_partial: bool,
    pub as_of: Option<String>,
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

pub(crate) fn run(store: &StoreArgs, args: Args, out: &mut String) -> Result<(), Failure> {
    let format = match args.format.as_deref() {
        None => None,
        Some(text) => Some(
            ImportFormat::parse(text)
                .ok_or_else(|| Failure::Input(format!("--format: {text:?} is not 903 or cin")))?,
        ),
    };
    let as_of = today(args.as_of)?;
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
    w!(out, "{verb} from {}:", p.files.join(", "));
    w!(
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
        w!(
            out,
            "  left out: child {}: {}",
            c.la_id,
            c.reason.as_deref().unwrap_or("")
        );
    }
    if !p.problems.is_empty() {
        w!(out, "Rows not used ({}):", p.problems.len());
        for problem in &p.problems {
            w!(
                out,
                "  {}: {} {}",
                problem.at,
                problem.field,
                problem.message
            );
        }
    }
    if !p.disagreements.is_empty() {
        w!(out, "Disagreements ({}):", p.disagreements.len());
        for d in &p.disagreements {
            w!(out, "  child {}: {}", d.child, d.what);
        }
    }
    for note in &p.notes {
        w!(out, "Note: {note}");
    }
    if p.committed || p.new + p.updated > 0 {
        w!(out, "{}", p.undo);
    }
}
