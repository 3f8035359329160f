//! `caseload retention`: the closed cases with the day each record is kept until, and
//! `retention delete`, which deletes only once confirmed and leaves a tombstone; on a plaintext
//! store, neither the file nor a new backup holds the name afterwards.

use crate::{caseload, stdout};
use std::path::{Path, PathBuf};

/// Quillon left care on 31 March 2025; Rae is still in care. IRO 1 is the store's own.
const CHANGES: &str = r#"[
  {"op":"add_iro","id":1,"name":"Jordan Sample"},
  {"op":"set_settings","settings":{"owner":1,"retention_months":12}},
  {"op":"add_child","id":1,"first_name":"Quillon","last_name":"Zephyrine","born_on":"2010-05-01",
   "sex":"male","iro":1,"allocated_on":"2023-01-09"},
  {"op":"start_care","id":1,"child":1,"started_on":"2023-01-09","legal_status":"C2","regime":"full_care"},
  {"op":"record_meeting","id":1,"child":1,"kind":"lac_review","held_on":"2023-02-01","participation":"PN1"},
  {"op":"end_care","id":1,"ended_on":"2025-03-31"},
  {"op":"add_child","id":2,"first_name":"Rae","last_name":"Staying","born_on":"2012-05-01",
   "sex":"female","iro":1,"allocated_on":"2023-01-09"},
  {"op":"start_care","id":2,"child":2,"started_on":"2023-01-09","legal_status":"C2","regime":"full_care"}
]"#;

fn store(dir: &Path, extra: &[&str]) -> PathBuf {
    let db = dir.join("caseload.sqlite3");
    let file = dir.join("changes.json");
    std::fs::write(&file, CHANGES).unwrap();
    stdout(
        caseload(&db)
            .args(extra)
            .args(["apply", "--as-of", "2025-04-01"])
            .arg(&file),
    );
    db
}

fn listed(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = stdout(caseload(db).args(["retention", "--json"]).args(args));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn the_list_shows_closed_cases_and_due_only_those_past_retention() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path(), &[]);
    let all = listed(&db, &["--as-of", "2026-03-31"]);
    assert_eq!(all["rows"][0]["child"]["name"], "Quillon Zephyrine");
    assert_eq!(all["rows"][0]["closed_on"], "2025-03-31");
    assert_eq!(all["rows"][0]["why_closed"], "Care ended");
    assert_eq!(all["rows"][0]["retain_until"], "2026-03-31");
    assert_eq!(
        all["rows"].as_array().unwrap().len(),
        1,
        "Rae's case is open"
    );
    assert_eq!(
        listed(&db, &["--due", "--as-of", "2026-03-31"])["rows"],
        serde_json::json!([])
    );
    let due = listed(&db, &["--due", "--as-of", "2026-04-01"]);
    assert_eq!(due["rows"][0]["child"]["id"], 1);
    assert_eq!(due["n_due"], 1);
    let text = stdout(caseload(&db).args(["retention", "--as-of", "2026-04-01"]));
    assert!(
        text.starts_with("Records are kept 12 months after the case closed."),
        "{text}"
    );
    assert!(text.contains("Quillon Zephyrine"), "{text}");
}

#[test]
fn without_yes_and_without_a_terminal_nothing_is_deleted_and_the_children_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path(), &[]);
    let out = caseload(&db)
        .args([
            "retention",
            "delete",
            "--child",
            "1",
            "--as-of",
            "2026-04-01",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Quillon Zephyrine (child 1)"), "{stderr}");
    assert!(stderr.contains("--yes"), "{stderr}");
    stdout(caseload(&db).args(["child", "show", "1", "--as-of", "2026-04-01"]));
}

#[test]
fn a_record_not_yet_past_retention_is_refused_even_with_yes() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path(), &[]);
    let out = caseload(&db)
        .args([
            "retention",
            "delete",
            "--yes",
            "--child",
            "1",
            "--child",
            "2",
        ])
        .args(["--as-of", "2026-03-31"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("children: Quillon Zephyrine's record is kept until"),
        "{stderr}"
    );
    assert!(stderr.contains("Rae Staying's case is open"), "{stderr}");
    stdout(caseload(&db).args(["child", "show", "1", "--as-of", "2026-03-31"]));
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

/// The store and its WAL, as read from the disk.
fn store_bytes(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    if let Ok(wal) = std::fs::read(db.with_extension("sqlite3-wal")) {
        bytes.extend(wal);
    }
    bytes
}

/// Issue 16's "done when": a retention run deletes a closed child; the raw bytes of the store
/// and of a new backup no longer hold their name, and the audit tombstone remains. On a
/// plaintext store, where a name in the bytes could be read at all.
#[test]
fn a_retention_run_leaves_no_name_in_the_store_or_a_new_backup_and_a_tombstone_in_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path(), &["--plaintext"]);
    assert!(
        holds(&store_bytes(&db), "Zephyrine"),
        "the name is on disk first"
    );

    let out = stdout(
        caseload(&db)
            .args([
                "--plaintext",
                "retention",
                "delete",
                "--yes",
                "--child",
                "1",
            ])
            .args(["--as-of", "2026-04-01"]),
    );
    assert!(
        out.starts_with("Deleted the record of Quillon Zephyrine: 1 child record"),
        "{out}"
    );

    let bytes = store_bytes(&db);
    assert!(
        !holds(&bytes, "Zephyrine") && !holds(&bytes, "Quillon"),
        "the name is still on disk"
    );
    assert!(holds(&bytes, "Staying"), "the other child is kept");
    let backups = dir.path().join("chosen");
    stdout(
        caseload(&db)
            .args(["--plaintext", "backup", "--to"])
            .arg(&backups),
    );
    let made: Vec<PathBuf> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(!holds(&std::fs::read(&made[0]).unwrap(), "Zephyrine"));

    let trail: serde_json::Value = serde_json::from_str(&stdout(caseload(&db).args([
        "--plaintext",
        "audit",
        "--json",
    ])))
    .unwrap();
    let tombstone = &trail.as_array().unwrap()[0];
    assert_eq!(tombstone["op"], "erase_child");
    assert_eq!(tombstone["child"], serde_json::Value::Null);
    assert_eq!(tombstone["actor"], 1);
    assert_eq!(tombstone["change"]["rule"]["retention_months"], 12);
    assert_eq!(tombstone["change"]["deleted"]["meetings"], 1);
    let err = caseload(&db)
        .args(["--plaintext", "child", "show", "1"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2), "the child is gone");
}
