//! `caseload disputes`: the disputes and multi-agency challenges, each with its clocks.

use caseload_api::DisputeFilter;

use super::{iro_id, show};
use crate::{open, render, today, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct DisputesArgs {
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
}

pub(crate) fn disputes(
    store: &StoreArgs,
    args: &DisputesArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let app = open(store)?;
    let iro = iro_id(&app, args.iro.as_deref())?;
    let filter = match (args.open, args.overdue, args.closed) {
        (true, _, _) => DisputeFilter::Open,
        (_, true, _) => DisputeFilter::Overdue,
        (_, _, true) => DisputeFilter::Closed,
        _ => DisputeFilter::All,
    };
    let mut view = app.disputes_where(today(args.as_of.as_deref())?, filter, iro)?;
    if args.json {
        app.explain_rows(view.disputes.iter_mut().flat_map(|d| &mut d.warnings))?;
    }
    show(out, args.json, &view, render::disputes)
}
