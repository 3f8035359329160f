use crate::{caseload, data, stdout};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    rule: String,
    from: String,
    due: String,
    due_day_one: String,
    plan_by: Option<String>,
    #[serde(default)]
    provisional: bool,
}

fn vectors() -> Vec<Case> {
    let text = std::fs::read_to_string(data("due_dates.toml")).unwrap();
    toml::from_str::<Vectors>(&text).unwrap().case
}

#[test]
fn first_line_is_the_due_date_for_every_vector_in_both_conventions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite3");
    for case in vectors() {
        let out = stdout(caseload(&db).args(["due-date", &case.rule, &case.from]));
        assert_eq!(out.lines().next(), Some(case.due.as_str()), "{}", case.id);
        assert!(
            out.lines().count() > 2,
            "{}: an explanation follows",
            case.id
        );
        let out =
            stdout(caseload(&db).args(["due-date", &case.rule, &case.from, "--count-event-day"]));
        assert_eq!(
            out.lines().next(),
            Some(case.due_day_one.as_str()),
            "{} (day one)",
            case.id
        );
    }
    assert!(!db.exists(), "the calculator must not create a store");
}

#[test]
fn json_has_due_plan_by_provisional_and_explanation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite3");
    for case in vectors() {
        let out = stdout(caseload(&db).args(["due-date", &case.rule, &case.from, "--json"]));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["due"], case.due.as_str(), "{}", case.id);
        assert_eq!(
            v["plan_by"],
            case.plan_by.as_deref().unwrap_or(&case.due),
            "{}",
            case.id
        );
        assert_eq!(v["provisional"], case.provisional, "{}", case.id);
        assert!(v["explanation"]["text"]
            .as_array()
            .is_some_and(|t| !t.is_empty()));
        assert_eq!(v["explanation"]["rule"], case.rule.as_str());
    }
}

#[test]
fn explanation_names_the_bank_holidays_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(caseload(&dir.path().join("x.db")).args(["due-date", "icpc", "2026-03-30"]));
    assert!(out.contains("Fri 3 Apr 2026 (Good Friday)"), "{out}");
    assert!(out.contains("Mon 6 Apr 2026 (Easter Monday)"), "{out}");
    assert!(out.contains("Working Together"), "{out}");
}

#[test]
fn imported_holidays_change_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.sqlite3");
    // 2028-12-20 + 20 working days crosses into 2029, which has no bundled data.
    let before =
        stdout(caseload(&db).args(["due-date", "lac-first-review", "2028-12-20", "--json"]));
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    assert_eq!(before["provisional"], true);
    stdout(
        caseload(&db)
            .args(["holidays", "import"])
            .arg(data("holidays/govuk-2029.json")),
    );
    let after =
        stdout(caseload(&db).args(["due-date", "lac-first-review", "2028-12-20", "--json"]));
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["provisional"], false);
    assert_eq!(after["due"], before["due"]);
}
