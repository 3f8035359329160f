//! Warnings for a large caseload: the core's computation alone, and the whole use case with
//! the store's load beside a plain SQLite scan of the same rows.

use std::hint::black_box;
use std::time::{Duration, Instant};

use caseload_api::demo::DemoOptions;
use caseload_api::App;
use caseload_core::schedule::Ctx;
use caseload_core::warnings::compute_warnings;
use caseload_store::{Key, OpenOptions, Store};
use chrono::NaiveDate;

use crate::row::{median, ms, Row};
use crate::{Failure, Flags};

/// The demo Monday every figure is taken on.
pub fn demo_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

pub fn run(flags: &Flags) -> Result<Vec<Row>, Failure> {
    let children = flags.number("children", 5_000)?;
    let runs = flags.number("runs", 15)?.max(1);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.sqlite3");
    let as_of = demo_monday();
    let mut app = App::open(&path)?;
    app.load_demo(&DemoOptions {
        children,
        seed: 1,
        as_of,
    })?;
    let meetings = app.row_counts()?.get("meetings").copied().unwrap_or(0);
    let size = format!("{children} children, {meetings} meetings");

    let store = Store::open(
        &path,
        &OpenOptions::new(
            &path,
            Key::Unencrypted,
            as_of.and_hms_opt(9, 0, 0).expect("a time"),
        ),
    )?;
    let snap = store.load_snapshot()?;
    let ctx = Ctx {
        calendar: &snap.calendar,
        rules: &snap.rules,
        settings: &snap.settings,
    };
    let core = time(runs, || {
        black_box(compute_warnings(&snap.caseload, &ctx, as_of, None).len());
    });
    let whole = time(runs, || {
        black_box(app.warnings(as_of, None).map(|v| v.warnings.len()).ok());
    });
    let scan = time(runs, || {
        black_box(store.scan_snapshot_tables().ok());
    });
    let load = time(runs, || {
        black_box(
            store
                .load_snapshot()
                .map(|s| s.caseload.children.len())
                .ok(),
        );
    });
    Ok(vec![
        Row::time_within(
            format!("warnings, core computation ({size})"),
            core,
            Duration::from_millis(5),
        ),
        Row::ratio(
            format!("warnings, App::warnings with the load ({size})"),
            (whole.as_secs_f64(), ms(whole)),
            (scan.as_secs_f64(), format!("{} SQLite scan", ms(scan))),
            3.0,
        ),
        Row::ratio(
            "  of which: the store's load".to_string(),
            (load.as_secs_f64(), ms(load)),
            (scan.as_secs_f64(), format!("{} SQLite scan", ms(scan))),
            3.0,
        ),
    ])
}

/// The median of `runs` timings, after one run to warm up.
fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}
