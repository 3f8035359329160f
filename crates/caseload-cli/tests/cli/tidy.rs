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
    for krate in [
        "caseload-core",
        "caseload-interop",
        "caseload-api",
        "caseload-cli",
    ] {
        for (path, text) in files_of(&format!("crates/{krate}/src")) {
            assert!(
                !text.contains("rusqlite"),
                "{} mentions rusqlite",
                path.display()
            );
        }
    }
}

#[test]
fn only_the_cli_knows_clap() {
    for krate in [
        "caseload-core",
        "caseload-store",
        "caseload-interop",
        "caseload-api",
    ] {
        for (path, text) in files_of(&format!("crates/{krate}/src")) {
            assert!(!text.contains("clap"), "{} mentions clap", path.display());
        }
    }
}

#[test]
fn only_the_desktop_shell_knows_tauri() {
    for krate in [
        "caseload-core",
        "caseload-store",
        "caseload-interop",
        "caseload-api",
        "caseload-cli",
    ] {
        let manifest =
            std::fs::read_to_string(root().join(format!("crates/{krate}/Cargo.toml"))).unwrap();
        assert!(
            !manifest.contains("tauri"),
            "crates/{krate}/Cargo.toml depends on tauri"
        );
        for (path, text) in files_of(&format!("crates/{krate}/src")) {
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
    for (path, text) in files_of("crates") {
        for banned in [&ignore, &should_panic, &todo, &unimplemented] {
            assert!(
                !text.contains(banned.as_str()),
                "{} contains {banned}",
                path.display()
            );
        }
    }
}
