//! `caseload figures export` and `caseload service report`: three IROs' stores, each with its
//! own ids and IRO profiles (a child transferred from Ada to Ben in both, each store holding
//! only part of the child's reviews), and one store holding all three caseloads. The service
//! report over the three figures files equals the report of the one store, figure for figure.

use crate::documents::pdf_text;
use crate::{caseload, stdout, PASSPHRASE};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const SERVICE: &str = "service passphrase 2026";

/// Writes `changes` to a file and applies them to a new store at `db`.
fn store(dir: &Path, name: &str, changes: Vec<Value>) -> PathBuf {
    let db = dir.join(format!("{name}.sqlite3"));
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, serde_json::to_vec(&changes).unwrap()).unwrap();
    stdout(
        caseload(&db)
            .arg("apply")
            .arg(&file)
            .args(["--as-of", "2026-04-20"]),
    );
    db
}

fn iro(id: i64, name: &str) -> Value {
    json!({ "op": "add_iro", "id": id, "name": name })
}

fn child(id: i64, la: Option<&str>, name: (&str, &str), born: &str, iro: i64, from: &str) -> Value {
    json!({ "op": "add_child", "id": id, "first_name": name.0, "last_name": name.1,
            "born_on": born, "sex": "female", "local_ref": la, "iro": iro, "allocated_on": from,
            "social_worker": "Sam Caseworker" })
}

fn care(child: i64, on: &str) -> Value {
    json!({ "op": "start_care", "child": child, "started_on": on, "legal_status": "C2", "regime": "full_care" })
}

fn review(child: i64, on: &str, pn: &str) -> Value {
    json!({ "op": "record_meeting", "child": child, "kind": "lac_review", "held_on": on,
            "participation": pn })
}

fn transfer(child: i64, to: i64, on: &str) -> Value {
    json!({ "op": "allocate_iro", "child": child, "iro": to, "from_on": on, "reason": "Transfer" })
}

/// The transferred child (LA-200): in Ada's care from September 2024, Ben's from October 2025.
const T_NAME: (&str, &str) = ("Tamsin", "Fictionley");

/// Ada's children: a looked-after child, a child on a plan, and the transferred child's first
/// three reviews.
fn ada(ada: i64, ben: i64, base: i64) -> Vec<Value> {
    let (a, c, t) = (base + 1, base + 2, base + 3);
    vec![
        child(
            a,
            Some("LA-101"),
            ("Alfie", "Testbrook"),
            "2012-03-04",
            ada,
            "2024-05-01",
        ),
        care(a, "2024-05-01"),
        review(a, "2024-05-28", "PN1"),
        review(a, "2024-08-20", "PN1"),
        review(a, "2025-02-10", "PN5"),
        review(a, "2025-08-05", "PN1"),
        review(a, "2026-01-20", "PN7"),
        child(
            c,
            Some("LA-102"),
            ("Cora", "Samplewick"),
            "2019-07-08",
            ada,
            "2025-06-02",
        ),
        json!({ "op": "start_cp_episode", "child": c, "strategy_on": "2025-06-02" }),
        json!({ "op": "record_meeting", "child": c, "kind": "icpc", "held_on": "2025-06-20",
                "plan_decision": "plan_starts", "category": "NEG", "child_attended": false }),
        json!({ "op": "record_meeting", "child": c, "kind": "cp_review", "held_on": "2025-09-15",
                "plan_decision": "plan_continues", "category": "NEG" }),
        child(t, Some("LA-200"), T_NAME, "2010-01-15", ada, "2024-09-02"),
        care(t, "2024-09-02"),
        review(t, "2024-09-27", "PN1"),
        review(t, "2024-12-10", "PN2"),
        review(t, "2025-06-05", "PN1"),
        transfer(t, ben, "2025-10-01"),
    ]
}

/// Ben's children: a looked-after child with a dispute, and the transferred child with the last
/// review Ada held (from the handover) and Ben's own.
fn ben(ada: i64, ben: i64, base: i64) -> Vec<Value> {
    let (b, t) = (base + 1, base + 2);
    vec![
        child(
            b,
            Some("LA-301"),
            ("Bryn", "Exampleton"),
            "2015-11-30",
            ben,
            "2025-07-01",
        ),
        care(b, "2025-07-01"),
        review(b, "2025-07-25", "PN1"),
        review(b, "2025-10-20", "PN6"),
        review(b, "2026-03-30", "PN1"),
        json!({ "op": "raise_dispute", "child": b, "kind": "drp", "concerns": "lac_plan",
                "reason": "planning", "raised_on": "2025-11-03", "stage": 1,
                "sent_to": "Team manager Pat Placeholder" }),
        child(t, Some("LA-200"), T_NAME, "2010-01-15", ada, "2024-09-02"),
        transfer(t, ben, "2025-10-01"),
        care(t, "2024-09-02"),
        review(t, "2025-06-05", "PN1"),
        review(t, "2025-12-01", "PN5"),
    ]
}

/// Cara's children: one looked-after child, and one without an LA child id.
fn cara(cara: i64, base: i64) -> Vec<Value> {
    let (c, n) = (base + 1, base + 2);
    vec![
        child(
            c,
            Some("LA-401"),
            ("Cai", "Mockford"),
            "2011-05-05",
            cara,
            "2025-04-15",
        ),
        care(c, "2025-04-15"),
        review(c, "2025-05-12", "PN1"),
        review(c, "2025-07-10", "PN3"),
        child(
            n,
            None,
            ("Nia", "Unreffed"),
            "2014-02-02",
            cara,
            "2025-09-01",
        ),
        care(n, "2025-09-01"),
        review(n, "2025-09-26", "PN1"),
    ]
}

/// The same children in one store: Ada 1, Ben 2, Cara 3; the transferred child whole.
fn everyone() -> Vec<Value> {
    let mut all = vec![
        iro(1, "Ada Quill"),
        iro(2, "Ben Ledger"),
        iro(3, "Cara Stone"),
    ];
    all.extend(ada(1, 2, 0));
    all.extend(ben(1, 2, 10).into_iter().take(6)); // Bryn and the dispute
    all.push(review(3, "2025-12-01", "PN5")); // Ben's review of the transferred child
    all.extend(cara(3, 20));
    all
}

fn export(db: &Path, out: &Path, iro: &str) -> Value {
    let text = stdout(
        caseload(db)
            .env("CASELOAD_SERVICE_PASSPHRASE", SERVICE)
            .args([
                "figures",
                "export",
                "--from",
                "2025-04-01",
                "--to",
                "2026-03-31",
            ])
            .args(["--iro", iro, "--as-of", "2026-04-20", "--json", "--output"])
            .arg(out),
    );
    serde_json::from_str(&text).unwrap()
}

fn service_report(dir: &Path, files: &[PathBuf], extra: &[&str]) -> std::process::Output {
    caseload(&dir.join("unused.sqlite3"))
        .env("CASELOAD_SERVICE_PASSPHRASE", SERVICE)
        .args([
            "service",
            "report",
            "--from",
            "2025-04-01",
            "--to",
            "2026-03-31",
        ])
        .args(["--as-of", "2026-04-20"])
        .args(extra)
        .args(files)
        .output()
        .unwrap()
}

/// Three IRO stores, their figures files, and the store holding all three.
fn three_iros(dir: &Path) -> (Vec<PathBuf>, PathBuf) {
    let a = store(
        dir,
        "ada",
        [
            vec![iro(1, "Ada Quill"), iro(2, "Ben Ledger")],
            ada(1, 2, 0),
        ]
        .concat(),
    );
    let b = store(
        dir,
        "ben",
        [
            vec![iro(1, "Ben Ledger"), iro(2, "Ada Quill")],
            ben(2, 1, 40),
        ]
        .concat(),
    );
    let c = store(
        dir,
        "cara",
        [vec![iro(1, "Cara Stone")], cara(1, 70)].concat(),
    );
    let files: Vec<PathBuf> = ["ada", "ben", "cara"]
        .iter()
        .map(|n| dir.join(format!("{n}.figures")))
        .collect();
    export(&a, &files[0], "Ada");
    export(&b, &files[1], "Ben");
    let made = export(&c, &files[2], "Cara");
    assert_eq!(made["meta"]["children_without_la_id"], 1, "{made}");
    assert_eq!(made["meta"]["children"], 2, "{made}");
    (files, store(dir, "everyone", everyone()))
}

#[test]
fn the_service_report_of_three_iros_files_equals_the_report_of_one_store_holding_all_three() {
    let dir = tempfile::tempdir().unwrap();
    let (files, all) = three_iros(dir.path());
    let out = service_report(dir.path(), &files, &["--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let service: Value = serde_json::from_slice(&out.stdout).unwrap();
    let one: Value = serde_json::from_str(&stdout(caseload(&all).args([
        "report",
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
        "--as-of",
        "2026-04-20",
        "--json",
    ])))
    .unwrap();
    let report = &service["report"];
    for part in [
        "sections",
        "caseloads",
        "iros",
        "choices",
        "period",
        "previous_period",
    ] {
        assert_eq!(report[part], one[part], "{part}");
    }
    let figure = |id: &str| {
        report["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["figures"].as_array().unwrap())
            .find(|f| f["id"] == id)
            .unwrap()["this_period"]
            .clone()
    };
    // Alfie, Bryn, Cai, Nia and the transferred child, once.
    assert_eq!(figure("lac.children_during_year")["n"], 5);
    assert_eq!(figure("cp.children_during_year")["n"], 1);
    assert_eq!(figure("disputes.raised")["n"], 1);
    let files = service["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert!(
        files.iter().all(|f| f["standing"] == "included"),
        "{files:?}"
    );
    assert_eq!(files[0]["file"]["made_on"], "2026-04-20");
}

#[test]
fn the_text_lists_each_iros_file_and_flags_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _) = three_iros(dir.path());
    // Without Ben's file: Ben is missing (the transferred child is his in Ada's file).
    let out = service_report(dir.path(), &[files[0].clone(), files[2].clone()], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Figures files\n"), "{text}");
    assert!(
        text.lines().any(|l| l.contains("Ada Quill")
            && l.contains("made 2026-04-20")
            && l.ends_with("included")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("Ben Ledger") && l.ends_with("MISSING")),
        "{text}"
    );
    assert!(text.contains("IRO annual report"), "{text}");
}

#[test]
fn a_wrong_service_passphrase_is_refused_with_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _) = three_iros(dir.path());
    let out = caseload(&dir.path().join("unused.sqlite3"))
        .env("CASELOAD_SERVICE_PASSPHRASE", "the wrong passphrase")
        .args(["service", "report", "--year", "2025"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ada.figures") && err.contains("passphrase"),
        "{err}"
    );
    // A caseload store is not a figures file, even under its own passphrase: refused, named.
    let out = caseload(&dir.path().join("unused.sqlite3"))
        .env("CASELOAD_SERVICE_PASSPHRASE", PASSPHRASE)
        .args(["service", "report", "--year", "2025"])
        .arg(dir.path().join("ada.sqlite3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ada.sqlite3") && err.contains("not a figures file"),
        "{err}"
    );
}

#[test]
fn the_service_report_writes_xlsx_csv_and_pages_naming_each_iros_file() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _) = three_iros(dir.path());
    let path = |name: &str| dir.path().join(name);
    let (xlsx, csv, pdf) = (
        path("service.xlsx"),
        path("service.csv"),
        path("service.pdf"),
    );
    let out = service_report(
        dir.path(),
        &files,
        &[
            "--xlsx",
            xlsx.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.contains("lac.children_during_year"), "{csv}");
    assert!(!csv.contains("Tamsin") && !csv.contains("Fictionley"));
    let (_, pages) = pdf_text(&pdf);
    assert!(
        pages.contains("Figures files: Ada Quill (made Mon 20 Apr 2026)"),
        "{pages}"
    );
    assert!(!pages.contains("Tamsin") && !pages.contains("Fictionley"));
}
