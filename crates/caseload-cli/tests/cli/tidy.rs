//! Tidy checks: the architecture invariants of ARCHITECTURE.md, enforced.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("target") && !path.ends_with("node_modules") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files_of(crate_dir: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&root().join(crate_dir), &mut files);
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// Every Rust file of the repository: the crates, the desktop shell and the benchmarks.
fn every_rust_file() -> Vec<(PathBuf, String)> {
    ["crates", "src-tauri/src", "benches"]
        .iter()
        .flat_map(|dir| files_of(dir))
        .collect()
}

/// Every Rust file that is compiled into a crate (its `src/`), not its tests.
fn every_source_file() -> Vec<(PathBuf, String)> {
    every_rust_file()
        .into_iter()
        .filter(|(path, _)| path.components().any(|c| c.as_os_str() == "src"))
        .collect()
}

#[test]
fn core_depends_only_on_pure_crates() {
    let manifest: toml::Table =
        std::fs::read_to_string(root().join("crates/caseload-core/Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let deps: Vec<&String> = manifest["dependencies"]
        .as_table()
        .unwrap()
        .keys()
        .collect();
    for dep in deps {
        assert!(
            ["chrono", "serde", "thiserror", "specta"].contains(&dep.as_str()),
            "caseload-core must not depend on {dep}"
        );
    }
}

#[test]
fn core_never_reads_the_clock() {
    for (path, text) in files_of("crates/caseload-core/src") {
        for banned in ["now()", "today()", "SystemTime", "Local::", "Utc::"] {
            assert!(!text.contains(banned), "{} uses {banned}", path.display());
        }
    }
}

#[test]
fn only_the_store_speaks_sql() {
    let store = root().join("crates/caseload-store");
    for (path, text) in every_source_file() {
        if path.starts_with(&store) {
            continue;
        }
        assert!(
            !text.contains("rusqlite"),
            "{} mentions rusqlite",
            path.display()
        );
    }
}

#[test]
fn only_the_cli_knows_clap() {
    let cli = root().join("crates/caseload-cli");
    for (path, text) in every_source_file() {
        if !path.starts_with(&cli) {
            assert!(!text.contains("clap"), "{} mentions clap", path.display());
        }
    }
}

#[test]
fn only_the_desktop_shell_knows_tauri() {
    // Every crate under crates/ and the benchmark's measuring tool; the shell and the bare
    // window of benches/window are Tauri apps.
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").exists())
        .collect();
    dirs.push(root().join("benches/measure"));
    assert!(dirs.len() >= 6, "{dirs:?}");
    for dir in dirs {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(
            !manifest.contains("tauri"),
            "{} depends on tauri",
            dir.display()
        );
        for (path, text) in files_of(dir.join("src").to_str().unwrap()) {
            assert!(!text.contains("tauri::"), "{} uses tauri", path.display());
        }
    }
}

#[test]
fn no_network_client_in_the_dependency_tree() {
    // The graph that is actually built here (every member, normal
    // dependencies): Cargo.lock also lists optional dependencies that no feature enables.
    let out = std::process::Command::new(env!("CARGO"))
        .current_dir(root())
        .args([
            "tree",
            "--workspace",
            "--edges",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"rusqlite"), "the tree was read");
    for banned in [
        "reqwest",
        "hyper",
        "ureq",
        "isahc",
        "curl",
        "surf",
        "attohttpc",
    ] {
        assert!(
            !names.contains(&banned),
            "the build graph contains the network crate {banned}"
        );
    }
}

#[test]
fn no_ignored_or_panicking_tests_and_no_todo() {
    let ignore = ["#[", "ignore]"].concat();
    let should_panic = ["#[", "should_panic"].concat();
    let todo = ["todo", "!("].concat();
    let unimplemented = ["unimplemented", "!("].concat();
    for (path, text) in every_rust_file() {
        for banned in [&ignore, &should_panic, &todo, &unimplemented] {
            assert!(
                !text.contains(banned.as_str()),
                "{} contains {banned}",
                path.display()
            );
        }
    }
}
