//! `caseload subject-access`: the JSON, PDF and Word files of everything held about one child,
//! read back; another child's records and (unless chosen) a sibling's name are not in them.

use crate::{caseload, stdout};
use std::path::{Path, PathBuf};

/// Alex and Sam are siblings; Jordan is another IRO's child, unrelated. Each has a record.
const CHANGES: &str = r#"[
  {"op":"add_iro","id":1,"name":"Jordan Sample"},
  {"op":"add_child","id":1,"first_name":"Alexandra","last_name":"Example","born_on":"2014-02-14",
   "sex":"female","sibling_group":"Example","local_ref":"LR-0001","iro":1,"allocated_on":"2025-03-17"},
  {"op":"add_child","id":2,"first_name":"Samuel","last_name":"Example","born_on":"2017-06-01","sex":"male",
   "sibling_group":"Example","iro":1,"allocated_on":"2025-03-17"},
  {"op":"add_child","id":3,"first_name":"Jordan","last_name":"Otherfamily","born_on":"2012-09-09","sex":"male",
   "local_ref":"LR-0003","iro":1,"allocated_on":"2025-03-17"},
  {"op":"start_care","id":1,"child":1,"started_on":"2025-03-17","legal_status":"C2","regime":"full_care"},
  {"op":"start_care","id":2,"child":3,"started_on":"2025-03-17","legal_status":"C2","regime":"full_care"},
  {"op":"book_meeting","id":1,"child":1,"kind":"lac_review","on":"2025-04-10"},
  {"op":"finalise_record","meeting":1,"record":{
    "held_on":"2025-04-10","participation":"PN1","views_conveyed":"spoke_for_themself",
    "child_views":"Alex wants to stay with her carers.","care_plan_endorsed":true,
    "attendance":[{"name":"Chris Placeholder","role":"Social worker","attendance":"present"}],
    "decisions":[{"text":"Life-story work starts","owner":"Social worker","due":{"kind":"on","on":"2025-06-01"}}]}},
  {"op":"book_meeting","id":2,"child":3,"kind":"lac_review","on":"2025-04-11"},
  {"op":"finalise_record","meeting":2,"record":{
    "held_on":"2025-04-11","participation":"PN1","views_conveyed":"spoke_for_themself",
    "child_views":"Jordan wants more football.","care_plan_endorsed":true,
    "attendance":[{"name":"Pat Demo","role":"Social worker","attendance":"present"}],
    "decisions":[]}}
]"#;

fn store(dir: &Path) -> PathBuf {
    let db = dir.join("caseload.sqlite3");
    let file = dir.join("changes.json");
    std::fs::write(&file, CHANGES).unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2025-12-15"])
            .arg(&file),
    );
    db
}

fn export(db: &Path, out: &Path, extra: &[&str]) -> (String, Vec<u8>, Vec<u8>) {
    stdout(
        caseload(db)
            .args(["subject-access", "1", "--as-of", "2025-12-15", "--output"])
            .arg(out)
            .args(extra),
    );
    let stem = out.join("Alexandra Example - subject access - 2025-12-15");
    let read = |ext: &str| std::fs::read(stem.with_extension(ext)).unwrap();
    (
        String::from_utf8(read("json")).unwrap(),
        read("pdf"),
        read("docx"),
    )
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

#[test]
fn the_export_holds_the_childs_records_and_none_of_another_childs() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let (json, pdf, docx) = export(&db, &dir.path().join("out"), &[]);
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["child"]["first_name"], "Alexandra");
    assert_eq!(data["records"].as_array().unwrap().len(), 1);
    assert_eq!(
        data["records"][0]["record"]["child_views"],
        "Alex wants to stay with her carers."
    );
    assert!(!data["audit"].as_array().unwrap().is_empty());
    assert!(data["siblings"].is_null());
    for other in ["Otherfamily", "LR-0003", "football", "Samuel", "2017-06-01"] {
        assert!(!json.contains(other), "{other} in the JSON");
    }
    let text = pdf_text(&pdf);
    assert!(text.contains("Alexandra Example"));
    assert!(text.contains("Alex wants to stay with her carers."));
    for other in ["Otherfamily", "football", "Samuel"] {
        assert!(!text.contains(other), "{other} in the PDF");
    }
    assert!(docx.starts_with(b"PK"), "a Word file");
}

#[test]
fn a_sibling_is_named_only_when_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let (json, pdf, _) = export(&db, &dir.path().join("out"), &["--with-siblings"]);
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["siblings"][0]["name"], "Samuel Example");
    assert!(pdf_text(&pdf).contains("Samuel Example"));
    assert!(!json.contains("Otherfamily"));
}

#[test]
fn an_unknown_child_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let out = dir.path().join("out");
    caseload(&db)
        .args(["subject-access", "99", "--output"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(!out.exists());
}
