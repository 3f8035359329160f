//! `caseload handover` between two encrypted stores, and `caseload cover-pack`: a round trip
//! with the transfer recorded, a conflict refused naming the child and the fact (exit 2, nothing
//! written), a wrong bundle passphrase refused (exit 2, nothing written), the sender's children
//! read-only once confirmed, and a cover pack shown and removed.

use crate::{caseload, stdout};
use std::path::{Path, PathBuf};

const SENDER: &str = r#"[
  {"op":"add_iro","id":1,"name":"Test IRO Sending"},
  {"op":"set_settings","settings":{"owner":1}},
  {"op":"add_child","id":1,"first_name":"Quillon","last_name":"Handoverby","born_on":"2012-05-01",
   "sex":"male","local_ref":"LR-7001","iro":1,"allocated_on":"2026-01-05"},
  {"op":"start_care","id":1,"child":1,"started_on":"2026-01-05","legal_status":"C2","regime":"full_care"},
  {"op":"record_meeting","id":1,"child":1,"kind":"lac_review","held_on":"2026-01-30","participation":"PN1"},
  {"op":"record_meeting","id":2,"child":1,"kind":"lac_review","held_on":"2026-04-24","participation":"PN3"},
  {"op":"book_meeting","id":3,"child":1,"kind":"lac_review","on":"2026-12-01","venue":"Room 2"}
]"#;

/// The receiver holds the same child with the second review recorded otherwise.
const RECEIVER_CONFLICTING: &str = r#"[
  {"op":"add_iro","id":1,"name":"Test IRO Receiving"},
  {"op":"add_child","id":1,"first_name":"Quillon","last_name":"Handoverby","born_on":"2012-05-01",
   "sex":"male","local_ref":"LR-7001","iro":1,"allocated_on":"2026-01-05"},
  {"op":"start_care","id":1,"child":1,"started_on":"2026-01-05","legal_status":"C2","regime":"full_care"},
  {"op":"record_meeting","id":1,"child":1,"kind":"lac_review","held_on":"2026-01-30","participation":"PN1"},
  {"op":"record_meeting","id":2,"child":1,"kind":"lac_review","held_on":"2026-04-24","participation":"PN7"}
]"#;

const TODAY: &str = "2026-11-23";

fn store(dir: &Path, name: &str, changes: &str) -> PathBuf {
    let db = dir.join(format!("{name}.sqlite3"));
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, changes).unwrap();
    stdout(caseload(&db).args(["apply", "--as-of", TODAY]).arg(&file));
    db
}

/// Exports child 1 to the receiving IRO; the bundle and its passphrase.
fn export(dir: &Path, sender: &Path) -> (PathBuf, String) {
    let bundle = dir.join("handover.caseload-handover");
    let out = stdout(
        caseload(sender)
            .args([
                "handover",
                "export",
                "--child",
                "1",
                "--to",
                "Test IRO Receiving",
                "--json",
            ])
            .args(["--as-of", TODAY, "--output"])
            .arg(&bundle),
    );
    let view: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(view["children"][0]["name"], "Quillon Handoverby");
    (bundle, view["passphrase"].as_str().unwrap().to_string())
}

fn child_json(db: &Path) -> serde_json::Value {
    serde_json::from_str(&stdout(
        caseload(db).args(["child", "show", "1", "--json", "--as-of", TODAY]),
    ))
    .unwrap()
}

#[test]
fn a_handover_round_trip_between_two_stores_records_the_transfer() {
    let dir = tempfile::tempdir().unwrap();
    let sender = store(dir.path(), "sender", SENDER);
    let (bundle, passphrase) = export(dir.path(), &sender);
    let receiver = dir.path().join("receiver.sqlite3");

    let preview = stdout(
        caseload(&receiver)
            .env("CASELOAD_BUNDLE_PASSPHRASE", &passphrase)
            .args(["handover", "import", "--dry-run", "--as-of", TODAY])
            .arg(&bundle),
    );
    assert!(
        preview
            .starts_with("Would import the handover from Test IRO Sending to Test IRO Receiving"),
        "{preview}"
    );
    assert!(
        preview.contains("1 new, 0 merged, 0 unchanged, 0 left out"),
        "{preview}"
    );

    let done: serde_json::Value = serde_json::from_str(&stdout(
        caseload(&receiver)
            .env("CASELOAD_BUNDLE_PASSPHRASE", &passphrase)
            .args(["handover", "import", "--json", "--as-of", TODAY])
            .arg(&bundle),
    ))
    .unwrap();
    assert_eq!(done["new"], 1);
    assert_eq!(done["committed"], true);

    let sent = child_json(&sender);
    let got = child_json(&receiver);
    assert_eq!(got["name"], sent["name"]);
    assert_eq!(
        got["meetings"].as_array().map(Vec::len),
        sent["meetings"].as_array().map(Vec::len)
    );
    // The transfer: the receiving IRO from the handover day.
    assert_eq!(got["iro"]["name"], "Test IRO Receiving");
    let audit: serde_json::Value = serde_json::from_str(&stdout(
        caseload(&receiver).args(["audit", "--child", "1", "--json"]),
    ))
    .unwrap();
    let from_handover = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["source"]
                .as_str()
                .is_some_and(|s| s.starts_with("handover from Test IRO Sending made 2026-11-23"))
        })
        .count();
    assert!(
        from_handover >= 5,
        "the sender's rows and the receipt: {audit}"
    );

    // The sender confirms: the child is read-only there, their history kept.
    let confirmed = stdout(
        caseload(&sender)
            .args([
                "handover",
                "confirm",
                "--child",
                "1",
                "--to",
                "Test IRO Receiving",
            ])
            .args(["--as-of", TODAY]),
    );
    assert!(
        confirmed.contains("Quillon Handoverby is transferred out to Test IRO Receiving"),
        "{confirmed}"
    );
    let change = dir.path().join("cancel.json");
    std::fs::write(&change, r#"{"op":"cancel_meeting","id":3}"#).unwrap();
    let refused = caseload(&sender)
        .args(["apply", "--as-of", TODAY])
        .arg(&change)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("Quillon Handoverby was transferred out to Test IRO Receiving on Mon 23 Nov 2026: their record here is read-only."),
        "{stderr}"
    );
    assert_eq!(
        child_json(&sender)["meetings"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn a_conflict_is_refused_naming_the_child_and_the_fact_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let sender = store(dir.path(), "sender", SENDER);
    let receiver = store(dir.path(), "receiver", RECEIVER_CONFLICTING);
    let (bundle, passphrase) = export(dir.path(), &sender);
    let before = std::fs::read(&receiver).unwrap();

    let out = caseload(&receiver)
        .env("CASELOAD_BUNDLE_PASSPHRASE", &passphrase)
        .args(["handover", "import", "--as-of", TODAY])
        .arg(&bundle)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Quillon Handoverby (LR-7001): left out"),
        "{text}"
    );
    assert!(
        text.contains("the LAC review of Fri 24 Apr 2026 is recorded differently"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing could be imported"));
    assert_eq!(std::fs::read(&receiver).unwrap(), before, "nothing written");
}

#[test]
fn a_wrong_bundle_passphrase_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let sender = store(dir.path(), "sender", SENDER);
    let receiver = store(dir.path(), "receiver", RECEIVER_CONFLICTING);
    let (bundle, _) = export(dir.path(), &sender);
    // A passphrase of the right form, made for another bundle.
    let (_, other) = export(
        &{
            let d = dir.path().join("other");
            std::fs::create_dir_all(&d).unwrap();
            d
        },
        &sender,
    );
    let before = (
        std::fs::read(&receiver).unwrap(),
        std::fs::read(&bundle).unwrap(),
    );

    let out = caseload(&receiver)
        .env("CASELOAD_BUNDLE_PASSPHRASE", &other)
        .args(["handover", "import", "--as-of", TODAY])
        .arg(&bundle)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("The passphrase is wrong. Nothing was changed."),
        "{stderr}"
    );
    assert_eq!(
        (
            std::fs::read(&receiver).unwrap(),
            std::fs::read(&bundle).unwrap()
        ),
        before
    );
}

#[test]
fn a_cover_pack_is_shown_read_only_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let sender = store(dir.path(), "sender", SENDER);
    let pack = dir.path().join("cover.caseload-cover");
    let made: serde_json::Value = serde_json::from_str(&stdout(
        caseload(&sender)
            .args([
                "cover-pack",
                "export",
                "--all",
                "--to",
                "Test IRO Covering",
                "--weeks",
                "2",
            ])
            .args(["--json", "--as-of", TODAY, "--output"])
            .arg(&pack),
    ))
    .unwrap();
    let passphrase = made["passphrase"].as_str().unwrap();
    assert_eq!(made["until_on"], "2026-12-06");

    let shown = stdout(
        caseload(&sender)
            .env("CASELOAD_BUNDLE_PASSPHRASE", passphrase)
            .args(["cover-pack", "show"])
            .arg(&pack),
    );
    assert!(
        shown.starts_with(
            "Cover pack (read-only): Test IRO Sending's children, covered by Test IRO Covering"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("Tue 1 Dec 2026  LAC review booked, Room 2"),
        "{shown}"
    );
    assert!(
        !shown.contains("passphrase"),
        "the passphrase is shown only when made"
    );

    stdout(
        caseload(&sender)
            .env("CASELOAD_BUNDLE_PASSPHRASE", passphrase)
            .args(["cover-pack", "remove"])
            .arg(&pack),
    );
    assert!(!pack.exists());
}
