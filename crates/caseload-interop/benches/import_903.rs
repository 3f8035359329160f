//! The SSDA903 readers over the shared fake return (`../shared/fixtures/ssda903_fake`: 2,675
//! children, 5,050 episodes, 12,582 reviews as CSV tables, and the same kind of data as 903 XML),
//! measured per review row: the goal is at least 100,000 review rows a second (issue 12).
//! Parsing and checking only; the importer's planning is measured in caseload-api.
//! Run: `cargo bench -p caseload-interop --bench import_903`. Skipped, with a message, when
//! the shared fixtures are not there (benches are not tests).

use std::path::{Path, PathBuf};

use caseload_interop::import::ssda903::{read_903_csv, read_903_xml};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The shared fixture folder (beside the repository), or `SSDA903_FAKE_DIR`.
fn fixture_dir() -> PathBuf {
    std::env::var_os("SSDA903_FAKE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/ssda903_fake"),
        PathBuf::from,
    )
}

/// Every file of the folder by name, or None if it cannot be read.
fn read_files(dir: &Path) -> Option<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let name = path.file_name()?.to_string_lossy().to_string();
        files.push((name, std::fs::read(&path).ok()?));
    }
    files.sort();
    Some(files)
}

fn review_rows(extract: &caseload_interop::import::Extract) -> u64 {
    extract
        .children
        .iter()
        .map(|c| c.reviews.len() as u64)
        .sum()
}

fn import_903(c: &mut Criterion) {
    let dir = fixture_dir();
    let Some(files) = read_files(&dir) else {
        println!("import_903: skipped, no fixtures at {}", dir.display());
        return;
    };
    let (xml, tables): (Vec<_>, Vec<_>) = files.iter().partition(|(n, _)| n.ends_with(".xml"));
    let tables: Vec<(&str, &[u8])> = tables
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();

    let extract = read_903_csv(&tables);
    let csv_reviews = review_rows(&extract);
    println!(
        "import_903: CSV {} children, {csv_reviews} reviews, {} problems",
        extract.children.len(),
        extract.problems.len()
    );
    let mut group = c.benchmark_group("import_903");
    group.throughput(Throughput::Elements(csv_reviews));
    group.bench_function("csv_return (per review row)", |b| {
        b.iter(|| read_903_csv(&tables).children.len())
    });
    let reviews_only: Vec<(&str, &[u8])> = tables
        .iter()
        .copied()
        .filter(|(n, _)| *n == "reviews.csv")
        .collect();
    group.bench_function("reviews_csv_alone (per review row)", |b| {
        b.iter(|| read_903_csv(&reviews_only).children.len())
    });
    for (name, bytes) in xml {
        let xml_reviews = review_rows(&read_903_xml(name, bytes));
        group.throughput(Throughput::Elements(xml_reviews));
        group.bench_function(format!("{name} (per review)"), |b| {
            b.iter(|| read_903_xml(name, bytes).children.len())
        });
    }
    group.finish();
}

criterion_group!(benches, import_903);
criterion_main!(benches);
