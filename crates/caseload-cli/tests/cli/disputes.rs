//! `caseload disputes` and dispute changes through `caseload apply`.

use crate::{caseload, data, stdout};
use std::path::Path;

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(caseload(db).args(args))).unwrap()
}

#[test]
fn apply_a_dispute_file_then_follow_its_clock_over_christmas() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-12-22"])
            .arg(data("changes/dispute.json")),
    );
    assert!(
        out.starts_with("Applied 6 change(s) in one transaction."),
        "{out}"
    );
    assert!(out.contains("4. raise_dispute (id 1)"), "{out}");

    // Stage 2 raised Tue 22 Dec 2026: its answer is due Thu 31 Dec (Christmas Day and the
    // Boxing Day substitute skipped).
    let v = json(&db, &["disputes", "--as-of", "2026-12-30", "--json"]);
    assert_eq!(
        v["counts"],
        serde_json::json!({"open": 1, "overdue": 0, "closed": 0})
    );
    let d = &v["disputes"][0];
    assert_eq!(d["kind"], "drp");
    assert_eq!(d["current_stage"], 2);
    assert_eq!(d["current_stage_label"], "Stage 2");
    assert_eq!(d["sibling_group"], "SG-T1");
    assert_eq!(d["response_due"]["due"], "2026-12-31");
    assert_eq!(d["response_due"]["rule"], "drp-stage-response");
    assert_eq!(d["response_working_days_left"], 1);
    assert_eq!(d["stages"][0]["label"], "Informal challenge");
    assert_eq!(d["stages"][0]["responded_on"], "2026-12-16");
    assert_eq!(d["stages"][1]["response_due"]["due"], "2026-12-31");
    // The formal process starts at Stage 2 (the informal challenge does not count).
    assert_eq!(d["formal"]["started_on"], "2026-12-22");
    assert_eq!(d["formal"]["elapsed_working_days"], 4);
    assert_eq!(d["formal"]["limit"], 20);
    let text = d["response_due"]["explanation"]["text"][3]
        .as_str()
        .unwrap();
    assert!(text.contains("Fri 25 Dec 2026 (Christmas Day)"), "{text}");
    assert_eq!(d["warnings"][0]["kind"], "dispute_response_due_soon");

    // Mon 4 Jan 2027 (New Year's Day skipped): one working day overdue, in `caseload warnings`.
    let v = json(&db, &["warnings", "--as-of", "2027-01-04", "--json"]);
    let w = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "dispute_response_overdue")
        .expect("the overdue response");
    assert_eq!(w["severity"], "overdue");
    assert_eq!(w["due"], "2026-12-31");
    assert_eq!(w["working_days_left"], -1);
    assert_eq!(w["dispute"], 1);
    assert_eq!(w["child"], 1);

    // Answer it, then resolve: the list shows it closed, --open no longer does.
    let file = dir.path().join("close.json");
    std::fs::write(
        &file,
        r#"[{"op":"record_dispute_response","id":1,"stage":2,"responded_on":"2027-01-05","summary":"Panel date set."},
            {"op":"resolve_dispute","id":1,"outcome":"resolved","on":"2027-01-06"}]"#,
    )
    .unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2027-01-06", "--iro", "Test IRO One"])
            .arg(&file),
    );
    let text = stdout(caseload(&db).args(["disputes", "--as-of", "2027-01-06"]));
    assert!(
        text.contains("Resolved at Stage 2 on Wed 6 Jan 2027"),
        "{text}"
    );
    assert!(
        text.contains("answered Tue 5 Jan 2027: \"Panel date set.\""),
        "{text}"
    );
    let open = stdout(caseload(&db).args(["disputes", "--open", "--as-of", "2027-01-06"]));
    assert!(open.contains("No open disputes."), "{open}");

    // Every change is in the audit trail, under the child.
    let audit = stdout(caseload(&db).args(["audit", "--child", "1"]));
    for op in [
        "raise_dispute",
        "record_dispute_response",
        "escalate_dispute",
        "resolve_dispute",
    ] {
        assert!(audit.contains(op), "{op} in {audit}");
    }
}

#[test]
fn a_dispute_cannot_go_back_a_stage_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = caseload(&db)
        .args(["apply", "--as-of", "2026-12-22"])
        .arg(data("changes/dispute-back-a-stage.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "change 5 (escalate_dispute): stage: Stage 1 is not above Stage 2, which this dispute has reached"
        ),
        "{stderr}"
    );
    let v = json(&db, &["disputes", "--as-of", "2026-12-22", "--json"]);
    assert_eq!(v["disputes"].as_array().unwrap().len(), 0);
}

#[test]
fn disputes_on_the_demo_monday() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    stdout(caseload(&db).args(["demo", "--as-of", "2026-11-23"]));
    let text = stdout(caseload(&db).args(["disputes", "--as-of", "2026-11-23"]));
    // The demo's ten scenarios raised in the last 60 working days (3 of them closed), and 32
    // closed of earlier years (the annual report's).
    assert!(
        text.starts_with(
            "Disputes as of Mon 23 Nov 2026 for all IROs: 7 open (2 overdue), 35 closed\n"
        ),
        "{text}"
    );
    for expected in [
        "OPEN at Stage 2 — OVERDUE",
        "Open at Informal challenge",
        "Open at Stage 3",
        "Multi-agency challenge with Police",
        "Cafcass referral",
        "no answer (escalated)",
        "Resolved at Stage 1",
        "Referred to Cafcass at Stage 3",
        "Awaiting Cafcass since Mon 16 Nov 2026 (at Stage 4; its clocks stopped)",
        "formal process 25 of 20 working days",
        "! [Overdue] The response to Stage 2",
        "! [Overdue] Response received: accept or escalate by Thu 19 Nov 2026 (overdue by 2 working days)",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    // Each block: a heading, a status line, a line per stage.
    let first_block: Vec<&str> = text.split("\n\n").nth(1).unwrap().lines().collect();
    assert!(
        first_block[0].starts_with("#3 Dispute resolution (DRP): "),
        "{first_block:?}"
    );
    assert!(
        first_block[2].trim_start().starts_with("Stage 1 "),
        "{first_block:?}"
    );

    let overdue = json(
        &db,
        &["disputes", "--overdue", "--as-of", "2026-11-23", "--json"],
    );
    assert_eq!(overdue["filter"], "overdue");
    assert_eq!(overdue["disputes"].as_array().unwrap().len(), 2);
    let closed = json(
        &db,
        &["disputes", "--closed", "--as-of", "2026-11-23", "--json"],
    );
    assert!(closed["disputes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["open"] == false && d["outcome"].is_string()));
    assert_eq!(closed["ladders"]["drp"][0]["label"], "Informal challenge");

    // One IRO's disputes only.
    let quill = json(
        &db,
        &[
            "disputes",
            "--iro",
            "Quill",
            "--as-of",
            "2026-11-23",
            "--json",
        ],
    );
    assert_eq!(quill["iro"]["name"], "Demo IRO Ada Quill");
    for d in quill["disputes"].as_array().unwrap() {
        assert_eq!(d["iro"]["name"], "Demo IRO Ada Quill");
    }
}

#[test]
fn open_and_closed_together_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = caseload(&dir.path().join("s.db"))
        .args(["disputes", "--open", "--closed"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_ladder_set_from_a_file_renames_the_stages_shown() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-12-22"])
            .arg(data("changes/dispute.json")),
    );
    let file = dir.path().join("ladder.json");
    std::fs::write(
        &file,
        r#"{"op":"set_dispute_ladder","kind":"drp","steps":[
            {"stage":0,"label":"IRO alert","target":"Team Manager","response":{"working_days":10},"formal":false},
            {"stage":1,"label":"Stage 1","target":"Service Manager","response":"rule","formal":true},
            {"stage":2,"label":"Head of Service","target":"Head of Service","response":{"working_days":3},"formal":true}]}"#,
    )
    .unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-12-22"])
            .arg(&file),
    );
    let v = json(&db, &["disputes", "--as-of", "2026-12-22", "--json"]);
    let d = &v["disputes"][0];
    assert_eq!(d["current_stage_label"], "Head of Service");
    assert_eq!(d["stages"][0]["label"], "IRO alert");
    // 3 working days from Tue 22 Dec 2026: 23, 24, 29 Dec.
    assert_eq!(d["response_due"]["due"], "2026-12-29");
    let text = d["response_due"]["explanation"]["text"][1]
        .as_str()
        .unwrap();
    assert!(
        text.contains("Local setting: 3 working days (the default is 5)."),
        "{text}"
    );
}

#[test]
fn a_store_sets_its_own_reason_categories_through_apply() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-12-22"])
            .arg(data("changes/dispute.json")),
    );
    // The dispute of the file gives a default reason; a list without it is refused, whole.
    let file = dir.path().join("reasons.json");
    std::fs::write(
        &file,
        r#"[{"op":"set_dispute_reasons","reasons":[{"code":"education","label":"Education (PEP)"}]}]"#,
    )
    .unwrap();
    let out = caseload(&db)
        .args(["apply", "--as-of", "2026-12-22"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("change 1 (set_dispute_reasons): reasons:")
            && stderr.contains("is the reason of a dispute already recorded"),
        "{stderr}"
    );
    // Keeping it (relabelled) and adding one is accepted, and the list shows the new label.
    let v = json(&db, &["disputes", "--as-of", "2026-12-22", "--json"]);
    let code = v["disputes"][0]["reason"].as_str().unwrap().to_string();
    std::fs::write(
        &file,
        format!(
            r#"[{{"op":"set_dispute_reasons","reasons":[{{"code":"{code}","label":"Our own words"}},{{"code":"education","label":"Education (PEP)"}}]}}]"#
        ),
    )
    .unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-12-22"])
            .arg(&file),
    );
    let v = json(&db, &["disputes", "--as-of", "2026-12-22", "--json"]);
    assert_eq!(v["disputes"][0]["reason_label"], "Our own words");
    assert_eq!(v["reasons"][1]["label"], "Education (PEP)");
}
