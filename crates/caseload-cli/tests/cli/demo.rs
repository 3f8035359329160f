use crate::{caseload, stdout};

#[test]
fn demo_then_warnings_gives_a_believable_monday() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = stdout(caseload(&db).args(["demo", "--as-of", "2026-11-23"]));
    assert!(out.contains("320 children"), "{out}");
    let json = stdout(caseload(&db).args(["warnings", "--as-of", "2026-11-23", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["as_of"], "2026-11-23");
    let warnings = v["warnings"].as_array().unwrap();
    let count = |kind: &str| warnings.iter().filter(|w| w["kind"] == kind).count();
    assert!(count("overdue") >= 1, "some overdue");
    assert!(count("booked_in_time") >= 3, "several on track");
    assert!(count("booked_after_due") >= 1, "a breach in the diary");
    assert!(
        count("not_booked") + count("icpc_at_risk") >= 1,
        "something not booked"
    );
    // Busy, not a wall of red: a few late decisions or records, one conference awaiting its
    // outcome, one IRO just above the band and nobody below it.
    assert!(count("decisions_late") + count("record_late") <= 8);
    assert_eq!(count("conference_outcome_missing"), 1);
    assert_eq!(count("caseload_above_band"), 1);
    assert_eq!(count("caseload_below_band"), 0);
    let overdue = warnings
        .iter()
        .filter(|w| w["severity"] == "overdue")
        .count();
    assert!(overdue <= 20, "{overdue} overdue");
    for w in warnings {
        for field in ["kind", "severity", "title", "message"] {
            assert!(w[field].is_string(), "{field} in {w}");
        }
        if w["child"].is_number() {
            assert!(w["child_name"].is_string());
        }
        assert!(w["flags"].is_array(), "flags in {w}");
        // The JSON writes each dated row's explanation in (the desktop asks for it).
        if w["why"].is_object() {
            let e = &w["explanation"];
            assert_eq!((&e["rule"], &e["due"]), (&w["rule"], &w["due"]), "{w}");
            assert!(e["text"][0].as_str().unwrap().contains(" due "), "{w}");
        } else {
            assert!(w["explanation"].is_null(), "{w}");
        }
    }
    // One row per child and deadline: a meeting's booking state is a flag on its row.
    let mut deadlines: Vec<String> = warnings
        .iter()
        .map(|w| format!("{} {} {} {}", w["child"], w["rule"], w["due"], w["dispute"]))
        .collect();
    let rows = deadlines.len();
    deadlines.sort();
    deadlines.dedup();
    assert_eq!(deadlines.len(), rows, "a deadline on more than one row");
    assert!(warnings
        .iter()
        .filter(|w| w["kind"] == "not_booked")
        .all(|w| w["flags"][0]["kind"] == "not_booked"));
    // The text form groups as the Today screen does, in the order an IRO acts.
    let text = stdout(caseload(&db).args(["warnings", "--as-of", "2026-11-23"]));
    assert!(
        text.starts_with("Warnings as of Mon 23 Nov 2026 for all IROs:"),
        "{text}"
    );
    let at = |heading: &str| {
        text.find(heading)
            .unwrap_or_else(|| panic!("{heading}: {text}"))
    };
    assert!(at("\nOVERDUE (") < at("\nNOT BOOKED ("));
    assert!(at("\nNOT BOOKED (") < at("\nBOOKED AFTER THE DUE DATE ("));
    assert!(at("\nWAITING ON OTHERS (") < at("\nON TRACK: BOOKED IN TIME ("));
    assert!(text.contains("[Not booked]"), "flags shown: {text}");
}

#[test]
fn demo_is_reproducible_and_refuses_a_store_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    stdout(caseload(&a).args([
        "demo",
        "--seed",
        "7",
        "--children",
        "40",
        "--as-of",
        "2026-11-23",
    ]));
    stdout(caseload(&b).args([
        "demo",
        "--seed",
        "7",
        "--children",
        "40",
        "--as-of",
        "2026-11-23",
    ]));
    let wa = stdout(caseload(&a).args(["warnings", "--as-of", "2026-11-23", "--json"]));
    let wb = stdout(caseload(&b).args(["warnings", "--as-of", "2026-11-23", "--json"]));
    assert_eq!(wa, wb);
    let again = caseload(&a)
        .args(["demo", "--as-of", "2026-11-23"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn week_and_child_show_work_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    stdout(caseload(&db).args(["demo", "--as-of", "2026-11-23"]));
    let week = stdout(caseload(&db).args(["week", "--as-of", "2026-11-23", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&week).unwrap();
    assert_eq!(v["monday"], "2026-11-23");
    assert_eq!(v["days"].as_array().unwrap().len(), 7);
    let text = stdout(caseload(&db).args(["week", "--as-of", "2026-11-25"]));
    assert!(
        text.starts_with("Week of Mon 23 Nov 2026 to Sun 29 Nov 2026"),
        "{text}"
    );
    let child =
        stdout(caseload(&db).args(["child", "show", "1", "--as-of", "2026-11-23", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&child).unwrap();
    assert_eq!(v["child"]["id"], 1);
    let missing = caseload(&db)
        .args(["child", "show", "999999"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn export_ics_holds_the_weeks_meetings_and_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    stdout(caseload(&db).args(["demo", "--as-of", "2026-11-23"]));
    let week: serde_json::Value = serde_json::from_str(&stdout(caseload(&db).args([
        "week",
        "--as-of",
        "2026-11-23",
        "--json",
    ])))
    .unwrap();
    let count = |key: &str| -> usize {
        week["days"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d[key].as_array().unwrap().len())
            .sum()
    };
    let (meetings, deadlines) = (count("meetings"), count("deadlines"));
    assert!(
        meetings + deadlines > 0,
        "the demo week has something in it"
    );
    let ics = stdout(caseload(&db).args(["export-ics", "--as-of", "2026-11-23"]));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    let cancelled = ics.matches("STATUS:CANCELLED").count();
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        meetings + cancelled + deadlines
    );
    assert_eq!(ics.matches("STATUS:CONFIRMED").count(), meetings);
    assert_eq!(ics.matches("CATEGORIES:Deadline").count(), deadlines);
    let file = dir.path().join("week.ics");
    let out = stdout(
        caseload(&db)
            .args(["export-ics", "--as-of", "2026-11-23", "--output"])
            .arg(&file),
    );
    assert!(
        out.starts_with(&format!(
            "Wrote {meetings} meeting(s), {cancelled} cancelled, and {deadlines} deadline(s)"
        )),
        "{out}"
    );
    assert!(
        out.contains("Calendar events show initials and local reference"),
        "{out}"
    );
    let all = stdout(caseload(&db).args(["export-ics", "--all-booked", "--as-of", "2026-11-23"]));
    assert!(all.matches("BEGIN:VEVENT").count() >= meetings);
    assert_eq!(all.matches("CATEGORIES:Deadline").count(), 0);
}

/// The names of the children with something in the demo week, as the week view shows them.
fn week_names(db: &std::path::Path) -> Vec<String> {
    let week: serde_json::Value = serde_json::from_str(&stdout(caseload(db).args([
        "week",
        "--as-of",
        "2026-11-23",
        "--json",
    ])))
    .unwrap();
    let mut names: Vec<String> = week["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            let m = d["meetings"].as_array().unwrap().iter();
            m.chain(d["deadlines"].as_array().unwrap().iter())
        })
        .map(|item| item["child_name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn export_ics_names_no_child_by_default_and_the_full_name_once_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    stdout(caseload(&db).args(["demo", "--as-of", "2026-11-23"]));
    let names = week_names(&db);
    assert!(!names.is_empty());
    let export =
        |db: &std::path::Path| stdout(caseload(db).args(["export-ics", "--as-of", "2026-11-23"]));
    let ics = export(&db);
    for name in &names {
        let surname = name.rsplit(' ').next().unwrap();
        assert!(!ics.contains(surname), "{surname} is in the file:\n{ics}");
    }
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"op": "set_settings", "settings": {"calendar_privacy": "surname"}}"#,
    )
    .unwrap();
    let refused = caseload(&db)
        .args(["apply", "--as-of", "2026-11-23"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("calendar_privacy: \"surname\" is not a choice"),
        "{stderr}"
    );
    let settings = dir.path().join("full-name.json");
    std::fs::write(
        &settings,
        r#"{"op": "set_settings", "settings": {"calendar_privacy": "full_name"}}"#,
    )
    .unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-11-23"])
            .arg(&settings),
    );
    let ics = export(&db);
    for name in &names {
        assert!(ics.contains(name.as_str()), "{name} is not in the file");
    }
}
