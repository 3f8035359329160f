//! `caseload subject-access`: everything held about one child, for a subject-access request,
//! written as JSON (the data), PDF and Word (to read). Other children's names are left out unless
//! `--with-siblings`. Nothing is computed here.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use caseload_api::core::ids::ChildId;
use caseload_api::{document_docx, document_pdf};

use crate::{open, today, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct SubjectAccessArgs {
    /// The child's id (`caseload child show` and the caseload list give it).
    child: i64,
    /// The folder to write the three files into (made if missing).
    #[arg(long, value_name = "DIR")]
    output: PathBuf,
    /// Name the child's brothers and sisters in the caseload too.
    #[arg(long)]
    with_siblings: bool,
    /// The day the export is made on (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

pub(crate) fn subject_access(
    store: &StoreArgs,
    args: &SubjectAccessArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let app = open(store)?;
    let (access, document) = app.subject_access_export(
        ChildId(args.child),
        today(args.as_of.as_deref())?,
        args.with_siblings,
    )?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("making {}", args.output.display()))?;
    let stem = access.file_stem();
    let json = serde_json::to_vec_pretty(&access).map_err(anyhow::Error::new)?;
    let pdf = document_pdf(&document).map_err(anyhow::Error::new)?;
    let docx = document_docx(&document).map_err(anyhow::Error::new)?;
    for (extension, bytes) in [("json", json), ("pdf", pdf), ("docx", docx)] {
        let path = args.output.join(format!("{stem}.{extension}"));
        write(&path, &bytes)?;
        outln!(out, "Wrote {}", path.display());
    }
    eprintln!("caseload: note: these files are not encrypted: send them securely and delete them once sent.");
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
