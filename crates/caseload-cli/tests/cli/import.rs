//! `caseload import` (issue 12): the preview writes nothing, the import writes what the preview
//! said, a re-import changes nothing, dirty rows are named by file, line and field, and the
//! counts match the files counted another way: our own small files always, and the public fake
//! SSDA903 and CIN sets of `../shared/fixtures` when they are beside the repository.

use crate::{caseload, data, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn files(dir: &str, names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|n| data(&format!("import/{dir}/{n}")))
        .collect()
}

const RETURN: [&str; 3] = ["header.csv", "episodes.csv", "reviews.csv"];

fn import(db: &Path, files: &[PathBuf], extra: &[&str]) -> Value {
    let mut cmd = caseload(db);
    cmd.args(["import", "--json", "--as-of", "2026-11-23"])
        .args(extra)
        .args(files);
    serde_json::from_str(&stdout(&mut cmd)).unwrap()
}

/// The same, when nothing may be importable (exit 2, the preview still printed).
fn import_any(db: &Path, files: &[PathBuf], extra: &[&str]) -> Value {
    let mut cmd = caseload(db);
    cmd.args(["import", "--json", "--as-of", "2026-11-23"])
        .args(extra)
        .args(files);
    let out = cmd.output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 2)), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn counts(v: &Value) -> [u64; 4] {
    ["new", "updated", "unchanged", "skipped"].map(|k| v[k].as_u64().unwrap())
}

/// The audit rows of one op, as `caseload audit --json` lists them.
fn audited(db: &Path, op: &str) -> Vec<Value> {
    let mut cmd = caseload(db);
    cmd.args(["audit", "--json", "--limit", "100000"]);
    let v: Value = serde_json::from_str(&stdout(&mut cmd)).unwrap();
    let rows = v
        .as_array()
        .or_else(|| v["rows"].as_array())
        .unwrap()
        .clone();
    rows.into_iter().filter(|r| r["op"] == op).collect()
}

#[test]
fn a_dry_run_writes_nothing_and_the_import_does_what_it_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let set = files("903", &RETURN);
    let preview = import(&db, &set, &["--dry-run"]);
    assert_eq!(counts(&preview), [3, 0, 0, 0]);
    assert_eq!(preview["committed"], false);
    assert!(
        audited(&db, "add_child").is_empty(),
        "the dry run wrote nothing"
    );

    let done = import(&db, &set, &[]);
    assert_eq!(counts(&done), [3, 0, 0, 0]);
    assert_eq!(done["children"], preview["children"]);
    // Three children, three periods of care (child 1003 left care once and came back), five
    // reviews; every audit row names the files.
    assert_eq!(audited(&db, "add_child").len(), 3);
    assert_eq!(audited(&db, "start_care").len(), 4);
    assert_eq!(audited(&db, "record_meeting").len(), 5);
    assert!(audited(&db, "start_care")
        .iter()
        .all(|r| r["source"] == "imported from header.csv, episodes.csv, reviews.csv"));

    let again = import(&db, &set, &[]);
    assert_eq!(counts(&again), [0, 0, 3, 0]);
    assert_eq!(
        audited(&db, "record_meeting").len(),
        5,
        "nothing written twice"
    );
}

#[test]
fn dirty_rows_are_refused_one_by_one_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let set = files("dirty", &RETURN);
    let mut cmd = caseload(&db);
    cmd.args(["import", "--dry-run", "--as-of", "2026-11-23"])
        .args(&set);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2), "nothing importable");
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "  0 new, 0 updated, 0 unchanged, 3 left out",
        "  episodes.csv line 3: DECOM \"notadate\" is not a date (dd/mm/yyyy)",
        "  reviews.csv line 2: REVIEW_CODE PN0 is only for a child under 4; the child was 4 or over on Tue 12 Mar 2024.",
        "  reviews.csv line 3: REVIEW The child was not looked after on Sun 1 Jan 2023.",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in:\n{text}");
    }
    assert!(text.contains("episodes.csv line 4: LS"), "{text}");

    // Nothing importable: exit 2, nothing written.
    let mut cmd = caseload(&db);
    cmd.args(["import", "--as-of", "2026-11-23"]).args(&set);
    cmd.assert().code(2);
    assert!(audited(&db, "add_child").is_empty());

    // Without the unusable rows, the children come in with what is left.
    let partial = import(&db, &set, &["--include-partial"]);
    assert_eq!(counts(&partial), [3, 0, 0, 0]);
    assert_eq!(
        audited(&db, "start_care").len(),
        1,
        "only 1001's episode was usable"
    );
    assert!(audited(&db, "record_meeting").is_empty());
}

#[test]
fn a_cin_census_brings_plans_and_conferences_and_a_pending_icpc_is_on_today() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let done = import(&db, &[data("import/cin.xml")], &[]);
    assert_eq!(counts(&done), [2, 0, 0, 0]);
    let disagreement = &done["disagreements"][0];
    assert_eq!(disagreement["child"], "C2001");
    assert!(disagreement["what"]
        .as_str()
        .unwrap()
        .contains("the file says Thu 25 Sep 2025, counted here Wed 24 Sep 2025"));
    assert_eq!(audited(&db, "start_cp_episode").len(), 2);
    assert_eq!(
        audited(&db, "record_meeting").len(),
        2,
        "the ICPC and one review"
    );
    let mut cmd = caseload(&db);
    cmd.args(["warnings", "--as-of", "2026-11-23"]);
    let warnings = stdout(&mut cmd);
    assert!(warnings.contains("Child C2002"), "{warnings}");
}

/// The public fake sets, when they are beside the repository: children, periods and reviews
/// counted by splitting the files' lines, against what the import wrote and what it refused.
#[test]
fn the_shared_fake_903_set_imports_with_every_row_accounted_for() {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/ssda903_fake");
    let sets = [data("import/903"), shared];
    for set in sets.iter().filter(|s| s.join("header.csv").exists()) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        let paths: Vec<PathBuf> = RETURN.iter().map(|n| set.join(n)).collect();
        let rows = |name: &str| -> Vec<Vec<String>> {
            std::fs::read_to_string(set.join(name))
                .unwrap()
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.split(',').map(|c| c.trim().to_string()).collect())
                .collect()
        };
        let mut ids: Vec<String> = rows("header.csv")
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        ids.sort();
        ids.dedup();
        let starts = rows("episodes.csv").iter().filter(|r| r[2] == "S").count();
        let reviews = rows("reviews.csv").len();

        let done = import(&db, &paths, &["--include-partial"]);
        assert_eq!(counts(&done)[0] as usize, ids.len(), "{}", set.display());
        let refused = |file: &str, ops: &[&str]| {
            done["problems"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| {
                    p["at"].as_str().unwrap().starts_with(file)
                        && ops.contains(&p["field"].as_str().unwrap())
                })
                .map(|p| p["at"].as_str().unwrap().to_string())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        let reviews_refused = refused("reviews.csv", &["REVIEW", "REVIEW_CODE", "held_on"]);
        assert_eq!(
            audited(&db, "record_meeting").len(),
            reviews - reviews_refused,
            "{}",
            set.display()
        );
        // Periods counted here by walking each child's episodes in date order: a period opens
        // at the first episode or at one whose RNE is S, and closes at an end whose REC is not
        // X1. Each is imported unless a row named says why not.
        let mut by_child: std::collections::BTreeMap<String, Vec<Vec<String>>> =
            std::collections::BTreeMap::new();
        for row in rows("episodes.csv") {
            by_child.entry(row[0].clone()).or_default().push(row);
        }
        let ymd = |d: &str| -> String {
            let p: Vec<&str> = d.split('/').collect();
            format!("{}{}{}", p[2], p[1], p[0])
        };
        let mut periods = 0;
        for eps in by_child.values_mut() {
            eps.sort_by_key(|e| ymd(&e[1]));
            let mut open = false;
            for e in eps.iter() {
                if !open || e[2] == "S" {
                    periods += 1;
                    open = true;
                }
                if !e[7].is_empty() && !e[8].is_empty() && e[8] != "X1" {
                    open = false;
                }
            }
        }
        let started = audited(&db, "start_care").len();
        let named = done["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["at"].as_str().unwrap().starts_with("episodes.csv"))
            .count();
        assert!(
            started <= periods && started + named >= periods,
            "{}: {started} periods imported, {named} episode rows named, {periods} counted",
            set.display()
        );
        assert!(starts <= periods);
    }
}

#[test]
fn an_las_own_csv_comes_in_with_its_mapping_and_without_one_the_error_suggests_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let report = data("import/la-report.csv");
    let mut cmd = caseload(&db);
    cmd.args([
        "import",
        "--format",
        "csv",
        "--dry-run",
        "--as-of",
        "2026-11-23",
    ])
    .arg(&report);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("needs a column mapping (--mapping FILE)"),
        "{err}"
    );
    assert!(err.contains("\"child_id\": \"Child ID\""), "{err}");

    let mapping = data("import/la-report.mapping.json");
    let done = import(
        &db,
        &[report],
        &["--format", "csv", "--mapping", mapping.to_str().unwrap()],
    );
    assert_eq!(counts(&done), [2, 0, 0, 0]);
    assert_eq!(audited(&db, "start_care").len(), 2);
    assert_eq!(
        audited(&db, "record_meeting").len(),
        3,
        "two reviews of LA-01, one of LA-02"
    );
}

/// Our census and the public fake ones, when beside the repository: children and plans counted
/// by their elements, against what the import wrote and the rows it named as not used.
#[test]
fn census_files_import_with_every_child_and_plan_accounted_for() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/cin_census");
    let mut census = vec![data("import/cin.xml")];
    for name in [
        "CIN2rows.xml",
        "CIN_Census_2024.xml",
        "fake_CIN_data.xml",
        "liia_cin-2022.xml",
    ] {
        if shared.join(name).exists() {
            census.push(shared.join(name));
        }
    }
    for file in census {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        let text = std::fs::read_to_string(&file).unwrap();
        let mut ids: Vec<&str> = text
            .split("<LAchildID>")
            .skip(1)
            .filter_map(|t| t.split('<').next())
            .map(str::trim)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let plans: std::collections::BTreeSet<(String, &str)> = text
            .split("<Child>")
            .skip(1)
            .flat_map(|child| {
                let id = child
                    .split("<LAchildID>")
                    .nth(1)
                    .and_then(|t| t.split('<').next())
                    .unwrap_or("")
                    .trim()
                    .to_string();
                child
                    .split("<CPPstartDate>")
                    .skip(1)
                    .filter_map(|t| t.split('<').next())
                    .map(move |start| (id.clone(), start.trim()))
            })
            .collect();

        let done = import_any(&db, std::slice::from_ref(&file), &["--include-partial"]);
        let c = counts(&done);
        assert_eq!((c[0] + c[3]) as usize, ids.len(), "{}", file.display());
        // Each distinct plan (child, start) is an episode unless a row says why not.
        let icpcs_with_plan = audited(&db, "record_meeting")
            .iter()
            .filter(|r| {
                r["change"]["kind"] == "icpc" && r["change"]["plan_decision"] == "plan_starts"
            })
            .count();
        // A child left out whole takes their plans with them (their refusal is the row named).
        let left_out: Vec<&str> = done["children"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["outcome"] == "skipped")
            .filter_map(|c| c["la_id"].as_str())
            .collect();
        let plans: Vec<_> = plans
            .iter()
            .filter(|(id, _)| !left_out.contains(&id.as_str()))
            .collect();
        let plan_refusals = done["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["field"] == "CategoryOfAbuse" || p["field"] == "CPPstartDate")
            .count();
        assert!(
            icpcs_with_plan <= plans.len() && icpcs_with_plan + plan_refusals >= plans.len(),
            "{}: {icpcs_with_plan} plans imported, {plan_refusals} named, {} in the file",
            file.display(),
            plans.len()
        );
    }
}
