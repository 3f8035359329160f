//! Warnings for a 5,000-child demo store: the whole use case (load the store, compute), and the
//! pure computation over a loaded snapshot. Run: `cargo bench -p caseload-api`.

use caseload_api::demo::DemoOptions;
use caseload_api::App;
use caseload_core::schedule::Ctx;
use caseload_core::warnings::compute_warnings;
use caseload_store::{Key, OpenOptions, Store};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn warnings_for_5000_children(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.sqlite3");
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut app = App::open(&path).unwrap();
    let n = app
        .load_demo(&DemoOptions {
            children: 5_000,
            seed: 1,
            as_of,
        })
        .unwrap();
    assert_eq!(n, 5_000);

    let mut group = c.benchmark_group("warnings_5000_children");
    group.sample_size(10);
    group.bench_function("load_store_and_compute", |b| {
        b.iter(|| app.warnings(as_of, None).unwrap().warnings.len())
    });

    let options = OpenOptions::new(&path, Key::Unencrypted, as_of.and_hms_opt(9, 0, 0).unwrap());
    let store = Store::open(&path, &options).unwrap();
    let caseload = store.load_caseload().unwrap();
    let calendar = store.load_calendar().unwrap();
    let rules = store.load_rules().unwrap();
    let settings = store.load_settings().unwrap();
    let ctx = Ctx {
        calendar: &calendar,
        rules: &rules,
        settings: &settings,
    };
    group.bench_function("compute_only", |b| {
        b.iter(|| compute_warnings(&caseload, &ctx, as_of, None).len())
    });
    group.finish();
}

criterion_group!(benches, warnings_for_5000_children);
criterion_main!(benches);
