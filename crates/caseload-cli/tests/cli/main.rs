//! Black-box tests of the `caseload` binary: exit codes, the first-line contract, `--json`
//! shapes, and all-or-nothing `apply`. Every test uses its own temporary store.

mod apply;
mod crash;
mod demo;
mod disputes;
mod documents;
mod due_date;
mod errors;
mod governance;
mod handover;
mod import;
mod meeting;
mod report;
mod retention;
mod security;
mod service;
mod tidy;
mod upgrade;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The shared test data folder (tests/data at the workspace root).
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(rel)
}

/// The passphrase every test store is encrypted under (what users run: a new store is
/// encrypted; `caseload demo` alone creates a plaintext one).
pub const PASSPHRASE: &str = "correct horse battery";

/// `caseload` with a private store, its passphrase, and no ambient "today", data or backups
/// folder.
pub fn caseload(db: &Path) -> Command {
    Command::from_std(caseload_process(db))
}

/// The same, as a plain process (to spawn it and kill it).
pub fn caseload_process(db: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("caseload"));
    cmd.env_remove("CASELOAD_TODAY")
        .env_remove("CASELOAD_BACKUP_DIR")
        .env_remove("CASELOAD_NEW_PASSPHRASE")
        .env_remove("CASELOAD_RECOVERY_KEY")
        .env("CASELOAD_PASSPHRASE", PASSPHRASE)
        .env("XDG_DATA_HOME", db.parent().unwrap().join("xdg"))
        .arg("--db")
        .arg(db);
    cmd
}

/// Runs and returns stdout, asserting success.
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
