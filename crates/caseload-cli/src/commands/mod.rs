//! One function per command, as ripgrep does: each takes the store options and its own
//! arguments (a clap `Args` struct kept beside it), calls `caseload-api` and appends what it
//! prints to `out`. `main` dispatches to them and decides the exit code.

pub(crate) mod caseload;
pub(crate) mod changes;
pub(crate) mod dates;
pub(crate) mod disputes;
pub(crate) mod governance;
pub(crate) mod handover;
pub(crate) mod import;
pub(crate) mod meeting;
pub(crate) mod report;
pub(crate) mod retention;
pub(crate) mod service;
pub(crate) mod storage;

use caseload_api::core::ids::IroId;
use caseload_api::App;
use serde::Serialize;

use crate::Failure;

/// Appends `view` as JSON when `json`, else as text by `text`.
fn show<T: Serialize>(
    out: &mut String,
    json: bool,
    view: &T,
    text: impl FnOnce(&mut String, &T),
) -> Result<(), Failure> {
    if json {
        crate::render::json(out, view)?;
    } else {
        text(out, view);
    }
    Ok(())
}

/// The IRO named by `--iro` (exact name or a unique part of it), if one was.
fn iro_id(app: &App, name: Option<&str>) -> Result<Option<IroId>, Failure> {
    Ok(name
        .map(|name| app.find_iro(name))
        .transpose()?
        .map(|i| i.id))
}
