//! The import of the public fake SSDA903 set (`../shared/fixtures/ssda903_fake`: header,
//! episodes and reviews of 2,675 children, 12,582 review rows), measured two ways:
//! - the preview: read, plan every child and have the store validate every change (the same
//!   run as the import, rolled back), into an empty in-memory store; the figure to read is
//!   review rows per second;
//! - the whole import into a new encrypted store (SQLCipher, a file in a temporary folder).
//!
//! Not a test: without the fixtures beside the repository it says so and measures nothing.
//! Run: `cargo bench -p caseload-api --bench import_903`.

use std::path::Path;

use caseload_api::storage::new_passphrase;
use caseload_api::{App, ImportFile, ImportOptions, Key};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SET: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/ssda903_fake"
);

fn files() -> Option<Vec<ImportFile>> {
    ["header.csv", "episodes.csv", "reviews.csv"]
        .iter()
        .map(|name| {
            let bytes = std::fs::read(Path::new(SET).join(name)).ok()?;
            Some(ImportFile {
                name: (*name).to_string(),
                bytes,
            })
        })
        .collect()
}

fn options() -> ImportOptions {
    ImportOptions {
        include_partial: true,
        ..ImportOptions::default()
    }
}

fn bench(c: &mut Criterion) {
    let Some(files) = files() else {
        eprintln!("import_903: skipped, no fixtures at {SET}");
        return;
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let reviews = files[2].bytes.iter().filter(|b| **b == b'\n').count() as u64 - 1;
    let mut group = c.benchmark_group("import_903");
    group.sample_size(10);
    group.throughput(Throughput::Elements(reviews));
    group.bench_function("preview (read, plan, validate)", |b| {
        let mut app = App::open_in_memory().unwrap();
        b.iter(|| app.import(&files, &options(), as_of, false).unwrap());
    });
    group.bench_function("import into a new encrypted store", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let key =
                    Key::Passphrase(new_passphrase("correct horse battery".to_string()).unwrap());
                let mut app = App::open_with(&dir.path().join("store.db"), key, None).unwrap();
                let done = app.import(&files, &options(), as_of, true).unwrap();
                assert_eq!(done.new, 2675);
            },
        );
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
