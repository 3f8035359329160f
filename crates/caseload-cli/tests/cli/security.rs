//! Encryption, passphrases, backups and restore through the command line.

use crate::{caseload, data, stdout};
use std::path::{Path, PathBuf};

fn is_plaintext_sqlite(path: &Path) -> bool {
    std::fs::read(path)
        .unwrap()
        .starts_with(b"SQLite format 3\0")
}

/// A store with the new-child change file applied.
fn store_with_a_child(dir: &Path) -> PathBuf {
    let db = dir.join("caseload.sqlite3");
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-11-23"])
            .arg(data("changes/new-child.json")),
    );
    db
}

fn fails(cmd: &mut assert_cmd::Command, code: i32) -> String {
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

fn child_count(db: &Path) -> usize {
    let v: serde_json::Value = serde_json::from_str(&stdout(caseload(db).args([
        "warnings",
        "--as-of",
        "2026-11-23",
        "--json",
    ])))
    .unwrap();
    v["warnings"].as_array().unwrap().len()
}

#[test]
fn a_new_store_is_encrypted_and_a_wrong_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_a_child(dir.path());
    assert!(!is_plaintext_sqlite(&db));
    let before = std::fs::read(&db).unwrap();

    let stderr = fails(
        caseload(&db)
            .env("CASELOAD_PASSPHRASE", "not the passphrase")
            .args(["warnings", "--as-of", "2026-11-23"]),
        2,
    );
    assert_eq!(
        stderr,
        "caseload: The passphrase is wrong. Nothing was changed.\n"
    );
    assert!(std::fs::read(&db).unwrap() == before);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with("-wal") || n.ends_with("-shm")),
        "{names:?}"
    );
}

#[test]
fn without_a_passphrase_or_a_terminal_nothing_is_created_or_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    let stderr = fails(
        caseload(&db)
            .env_remove("CASELOAD_PASSPHRASE")
            .args(["warnings", "--as-of", "2026-11-23"]),
        2,
    );
    assert!(stderr.contains("set CASELOAD_PASSPHRASE"), "{stderr}");
    assert!(!db.exists());

    let db = store_with_a_child(dir.path());
    let stderr = fails(
        caseload(&db)
            .env_remove("CASELOAD_PASSPHRASE")
            .args(["warnings", "--as-of", "2026-11-23"]),
        2,
    );
    assert!(stderr.contains("is encrypted"), "{stderr}");
    // --plaintext never opens an encrypted store.
    let stderr = fails(
        caseload(&db).args(["--plaintext", "warnings", "--as-of", "2026-11-23"]),
        2,
    );
    assert!(stderr.contains("its passphrase is needed"), "{stderr}");
}

#[test]
fn a_short_new_passphrase_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    let stderr = fails(
        caseload(&db).env("CASELOAD_PASSPHRASE", "short").args([
            "warnings",
            "--as-of",
            "2026-11-23",
        ]),
        2,
    );
    assert!(stderr.contains("at least 8 characters"), "{stderr}");
    assert!(!db.exists());
}

#[test]
fn the_demo_store_is_plaintext_and_says_so_and_encrypt_protects_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = stdout(caseload(&db).args(["demo", "--children", "10", "--as-of", "2026-11-23"]));
    assert!(
        out.contains("(not encrypted: synthetic data only)"),
        "{out}"
    );
    assert!(is_plaintext_sqlite(&db));
    let warnings = child_count(&db);

    let out = stdout(caseload(&db).arg("encrypt"));
    assert!(
        out.starts_with(&format!("Encrypted {}.", db.display())),
        "{out}"
    );
    assert!(out.contains("First encrypted backup:"), "{out}");
    assert!(!is_plaintext_sqlite(&db));
    assert_eq!(child_count(&db), warnings);
    let stderr = fails(caseload(&db).arg("encrypt"), 2);
    assert!(stderr.contains("already encrypted"), "{stderr}");
}

#[test]
fn backup_then_restore_brings_the_store_back_and_keeps_the_replaced_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_a_child(dir.path());
    let out = stdout(caseload(&db).arg("backup"));
    assert!(out.ends_with(".db (encrypted).\n"), "{out}");
    let backup = PathBuf::from(
        out.trim_end()
            .rsplit_once(" to ")
            .unwrap()
            .1
            .trim_end_matches(" (encrypted)."),
    );
    assert_eq!(backup.parent().unwrap(), dir.path().join("backups"));
    assert!(!is_plaintext_sqlite(&backup));
    let at_backup = child_count(&db);

    let file = dir.path().join("book.json");
    std::fs::write(
        &file,
        r#"{"op":"add_child","id":2,"first_name":"Bo","last_name":"Test","born_on":"2016-03-01","sex":"male","iro":1,"allocated_on":"2026-11-02"}"#,
    )
    .unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-11-23"])
            .arg(&file),
    );

    // Without a terminal to confirm on, restoring needs --yes.
    let stderr = fails(caseload(&db).arg("restore").arg(&backup), 2);
    assert!(stderr.contains("add --yes"), "{stderr}");

    let out = stdout(caseload(&db).arg("restore").arg(&backup).arg("--yes"));
    assert!(out.starts_with("Restored "), "{out}");
    assert!(out.contains("-replaced.db."), "{out}");
    assert_eq!(child_count(&db), at_backup);
    let child = caseload(&db).args(["child", "show", "2"]).output().unwrap();
    assert_eq!(
        child.status.code(),
        Some(2),
        "child 2 came after the backup"
    );

    let list = stdout(caseload(&db).args(["backup", "--list"]));
    assert!(list.contains("replaced"), "{list}");
    assert!(list.contains("regular"), "{list}");
}

#[test]
fn restore_with_the_wrong_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_a_child(dir.path());
    let chosen = dir.path().join("elsewhere");
    let out = stdout(caseload(&db).arg("backup").arg("--to").arg(&chosen));
    assert!(out.contains(&chosen.display().to_string()), "{out}");
    let backup = std::fs::read_dir(&chosen)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let before = std::fs::read(&db).unwrap();

    let stderr = fails(
        caseload(&db)
            .env("CASELOAD_PASSPHRASE", "not the passphrase")
            .arg("restore")
            .arg(&backup)
            .arg("--yes"),
        2,
    );
    assert!(stderr.contains("The passphrase is wrong"), "{stderr}");
    assert!(std::fs::read(&db).unwrap() == before);
}

#[test]
fn passphrase_change_then_only_the_new_one_opens_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_a_child(dir.path());
    let out = stdout(
        caseload(&db)
            .env("CASELOAD_NEW_PASSPHRASE", "a brand new passphrase")
            .args(["passphrase", "change"]),
    );
    assert!(out.starts_with("Changed the passphrase"), "{out}");
    let stderr = fails(caseload(&db).args(["warnings", "--as-of", "2026-11-23"]), 2);
    assert!(stderr.contains("The passphrase is wrong"), "{stderr}");
    stdout(
        caseload(&db)
            .env("CASELOAD_PASSPHRASE", "a brand new passphrase")
            .args(["warnings", "--as-of", "2026-11-23"]),
    );
}

#[test]
fn a_damaged_store_exits_1_and_names_the_latest_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_a_child(dir.path());
    stdout(caseload(&db).arg("backup"));
    let check = stdout(caseload(&db).arg("check"));
    assert!(check.starts_with("ok: "), "{check}");
    assert!(check.contains("(encrypted)"), "{check}");
    let mut bytes = std::fs::read(&db).unwrap();
    for byte in &mut bytes[2 * 4096..2 * 4096 + 200] {
        *byte = 0;
    }
    std::fs::write(&db, &bytes).unwrap();

    let stderr = fails(caseload(&db).args(["warnings", "--as-of", "2026-11-23"]), 1);
    assert!(stderr.contains("is damaged"), "{stderr}");
    assert!(
        stderr.contains(&dir.path().join("backups").display().to_string()),
        "{stderr}"
    );
    assert!(std::fs::read(&db).unwrap() == bytes, "nothing written");
}

#[test]
fn apply_batches_commits_each_line_and_stops_at_a_refused_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.sqlite3");
    let file = dir.path().join("batches.jsonl");
    std::fs::write(
        &file,
        [
            r#"{"op":"add_iro","id":1,"name":"Test IRO","fte":1.0}"#,
            "",
            r#"[{"op":"add_child","id":1,"first_name":"A","last_name":"One","born_on":"2016-03-01","sex":"male"}]"#,
            r#"{"op":"add_child","id":1,"first_name":"B","last_name":"Two","born_on":"2016-03-01","sex":"male"}"#,
            r#"{"op":"add_child","id":3,"first_name":"C","last_name":"Three","born_on":"2016-03-01","sex":"male"}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    stdout(caseload(&db).arg("check"));
    let out = caseload(&db)
        .args(["apply", "--batches", "--as-of", "2026-11-23"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "committed 1\ncommitted 2\n"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("caseload: batch 3 was refused (the 2 before it were kept):"),
        "{stderr}"
    );
    let audit: serde_json::Value =
        serde_json::from_str(&stdout(caseload(&db).args(["audit", "--json"]))).unwrap();
    assert_eq!(audit.as_array().unwrap().len(), 2);
}

/// The recovery key in what the command line printed: the indented line after the notice.
fn recovery_key_in(text: &str) -> String {
    assert!(text.contains("A recovery key was made for"), "{text}");
    text.lines()
        .find_map(|line| line.strip_prefix("    "))
        .unwrap_or_else(|| panic!("no key in {text}"))
        .to_string()
}

#[test]
fn a_new_store_prints_its_recovery_key_once_and_the_key_resets_a_forgotten_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.sqlite3");
    let made = caseload(&db)
        .args(["apply", "--as-of", "2026-11-23"])
        .arg(data("changes/new-child.json"))
        .output()
        .unwrap();
    assert!(made.status.success());
    let key = recovery_key_in(&String::from_utf8(made.stderr).unwrap());
    let again = caseload(&db)
        .args(["warnings", "--as-of", "2026-11-23"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("recovery key"));

    let warnings = child_count(&db);
    // A typo is caught by its group before anything opens.
    let mut typo = key.clone().into_bytes();
    typo[0] = if typo[0] == b'A' { b'B' } else { b'A' };
    let stderr = fails(
        caseload(&db)
            .env("CASELOAD_RECOVERY_KEY", String::from_utf8(typo).unwrap())
            .env("CASELOAD_NEW_PASSPHRASE", "a brand new passphrase")
            .args(["passphrase", "reset"]),
        2,
    );
    assert!(stderr.contains("Group 1 "), "{stderr}");

    let out = stdout(
        caseload(&db)
            .env_remove("CASELOAD_PASSPHRASE")
            .env("CASELOAD_RECOVERY_KEY", key.to_lowercase())
            .env("CASELOAD_NEW_PASSPHRASE", "a brand new passphrase")
            .args(["passphrase", "reset"]),
    );
    assert!(out.starts_with("Set a new passphrase"), "{out}");
    let stderr = fails(caseload(&db).args(["warnings", "--as-of", "2026-11-23"]), 2);
    assert!(stderr.contains("The passphrase is wrong"), "{stderr}");
    assert_eq!(child_count_with(&db, "a brand new passphrase"), warnings);

    // A new key retires the old one.
    let renewed = stdout(
        caseload(&db)
            .env("CASELOAD_PASSPHRASE", "a brand new passphrase")
            .args(["recovery-key", "new"]),
    );
    let new_key = recovery_key_in(&renewed);
    assert_ne!(new_key, key);
    let stderr = fails(
        caseload(&db)
            .env("CASELOAD_RECOVERY_KEY", &key)
            .env("CASELOAD_NEW_PASSPHRASE", "another new passphrase")
            .args(["passphrase", "reset"]),
        2,
    );
    assert!(stderr.contains("does not open this caseload"), "{stderr}");
    stdout(
        caseload(&db)
            .env("CASELOAD_RECOVERY_KEY", &new_key)
            .env("CASELOAD_NEW_PASSPHRASE", "another new passphrase")
            .args(["passphrase", "reset"]),
    );
    assert_eq!(child_count_with(&db, "another new passphrase"), warnings);
}

fn child_count_with(db: &Path, passphrase: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(&stdout(
        caseload(db).env("CASELOAD_PASSPHRASE", passphrase).args([
            "warnings",
            "--as-of",
            "2026-11-23",
            "--json",
        ]),
    ))
    .unwrap();
    v["warnings"].as_array().unwrap().len()
}
