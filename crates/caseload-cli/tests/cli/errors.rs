use crate::caseload;

/// On an existing caseload (a new one's first command also prints its recovery key), the error
/// is the one line said.
fn fails_with_2(args: &[&str], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert!(caseload(&db)
        .arg("check")
        .output()
        .unwrap()
        .status
        .success());
    let out = caseload(&db).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn unknown_rule_exits_2_with_one_line() {
    fails_with_2(
        &["due-date", "lac-third-review", "2026-01-01"],
        "unknown rule 'lac-third-review'",
    );
}

#[test]
fn malformed_dates_exit_2_with_one_line() {
    fails_with_2(
        &["due-date", "icpc", "2026-13-01"],
        "'2026-13-01' is not a real date",
    );
    fails_with_2(
        &["due-date", "icpc", "2026-02-30"],
        "'2026-02-30' is not a real date",
    );
    fails_with_2(
        &["due-date", "icpc", "30/03/2026"],
        "not a date in the form YYYY-MM-DD",
    );
    fails_with_2(
        &["warnings", "--as-of", "tomorrow"],
        "not a date in the form YYYY-MM-DD",
    );
}

#[test]
fn not_a_date_rule_exits_2() {
    fails_with_2(
        &["due-date", "caseload-band", "2026-01-01"],
        "not a date rule",
    );
}

#[test]
fn unknown_iro_exits_2_and_names_the_iros() {
    fails_with_2(
        &["warnings", "--iro", "Nobody", "--as-of", "2026-11-23"],
        "no IRO named 'Nobody'",
    );
}

#[test]
fn bad_holidays_file_names_the_file_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"scotland\": {\"division\": \"scotland\", \"events\": []}}",
    )
    .unwrap();
    let out = caseload(&dir.path().join("s.db"))
        .args(["holidays", "import"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad.json"), "{stderr}");
    assert!(stderr.contains("england-and-wales"), "{stderr}");
}
