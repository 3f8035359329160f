use crate::{caseload, data, stdout};

fn warnings_json(db: &std::path::Path, as_of: &str) -> serde_json::Value {
    serde_json::from_str(&stdout(
        caseload(db).args(["warnings", "--as-of", as_of, "--json"]),
    ))
    .unwrap()
}

#[test]
fn apply_a_new_child_then_see_the_first_review_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-11-23"])
            .arg(data("changes/new-child.json")),
    );
    assert!(
        out.starts_with("Applied 3 change(s) in one transaction."),
        "{out}"
    );
    let v = warnings_json(&db, "2026-11-23");
    let first = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "not_booked" && w["rule"] == "lac-first-review")
        .expect("a first-review warning");
    // Became looked after Mon 2 Nov 2026: first review due Mon 30 Nov 2026.
    assert_eq!(first["due"], "2026-11-30");
    assert_eq!(first["working_days_left"], 5);
    assert_eq!(first["severity"], "red");
}

#[test]
fn apply_is_all_or_nothing_and_names_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = caseload(&db)
        .args(["apply", "--as-of", "2026-11-23"])
        .arg(data("changes/meeting-before-birth.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("change 4 (record_meeting): held_on:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("before the child's date of birth"),
        "{stderr}"
    );
    // Nothing was written: the first three changes of the file are not there either.
    let v = warnings_json(&db, "2026-11-23");
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
    let child = caseload(&db).args(["child", "show", "1"]).output().unwrap();
    assert_eq!(child.status.code(), Some(2));
}

#[test]
fn malformed_change_file_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "[\n  {\"op\": \"add_iro\", \"name\": \"A\"},\n  {\"op\": \"add_iro\" \"name\": \"B\"}\n]",
    )
    .unwrap();
    let out = caseload(&dir.path().join("s.db"))
        .arg("apply")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad.json: line 3 column"), "{stderr}");
}

#[test]
fn unknown_code_in_a_change_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"[{"op":"add_child","id":1,"first_name":"A","last_name":"B","born_on":"2015-01-01","sex":"female","ethnicity":"XXXX"}]"#,
    )
    .unwrap();
    let out = caseload(&dir.path().join("s.db"))
        .arg("apply")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("change 1") && stderr.contains("XXXX"),
        "{stderr}"
    );
}

#[test]
fn audit_trail_records_each_change_and_the_iro_who_made_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-11-23"])
            .arg(data("changes/new-child.json")),
    );
    let file = dir.path().join("book.json");
    std::fs::write(
        &file,
        r#"{"op":"book_meeting","child":1,"kind":"lac_review","on":"2026-11-27","at":"10:00","venue":"Family Centre"}"#,
    )
    .unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-11-23", "--iro", "Test IRO One"])
            .arg(&file),
    );
    let audit: serde_json::Value =
        serde_json::from_str(&stdout(caseload(&db).args(["audit", "--json"]))).unwrap();
    let rows = audit.as_array().unwrap();
    assert_eq!(rows.len(), 4, "one row per change");
    assert_eq!(rows[0]["op"], "book_meeting");
    assert_eq!(rows[0]["actor"], 1);
    assert_eq!(rows[0]["child"], 1);
    assert_eq!(rows[0]["after"]["booked_on"], "2026-11-27");
    assert!(rows[0]["before"].is_null());
    assert!(rows[3]["actor"].is_null());
    assert_eq!(rows[3]["op"], "add_iro");
}

#[test]
fn an_initial_conference_that_made_no_plan_closes_the_episode_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let changes = dir.path().join("icpc.json");
    std::fs::write(
        &changes,
        r#"[
  {"op": "add_iro", "id": 1, "name": "Test Chair"},
  {"op": "add_child", "id": 1, "first_name": "Sample", "last_name": "Noplan",
   "born_on": "2018-04-02", "sex": "female", "iro": 1, "allocated_on": "2026-11-02"},
  {"op": "start_cp_episode", "id": 5, "child": 1, "strategy_on": "2026-11-02"},
  {"op": "record_meeting", "child": 1, "kind": "icpc", "held_on": "2026-11-20",
   "plan_decision": "no_plan"}
]"#,
    )
    .unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-11-23"])
            .arg(&changes),
    );
    let shown = stdout(caseload(&db).args(["child", "show", "1", "--as-of", "2026-11-23"]));
    assert!(
        shown.contains("closed without a plan Fri 20 Nov 2026"),
        "{shown}"
    );
    assert!(shown.contains("— No child protection plan"), "{shown}");
    assert!(!shown.contains("review conference"), "{shown}");
}
