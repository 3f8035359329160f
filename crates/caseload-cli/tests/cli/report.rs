//! `caseload report`: the annual report on the demo store as a text table, as JSON, for one or
//! several IROs, for a quarter (`--from`/`--to`), for child protection only, and written to
//! XLSX, CSV, PDF and Word.

use crate::documents::{docx_text, pdf_text};
use crate::{caseload, stdout};
use std::path::Path;

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.sqlite3");
    stdout(caseload(&db).args(["demo", "--as-of", "2026-11-23"]));
    db
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(caseload(db).args(&all))).unwrap()
}

/// A figure's (this year, last year) as JSON values.
fn figure<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["figures"].as_array().unwrap())
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
}

#[test]
fn the_text_report_reads_like_the_annual_report_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let text = stdout(caseload(&db).args(["report", "--year", "2025"]));
    assert!(
        text.starts_with(
            "IRO annual report 2025–26 (1 April 2025 – 31 March 2026) beside 2024–25, for all IROs\n"
        ),
        "{text}"
    );
    for heading in [
        "\nLOOKED-AFTER CHILDREN\n",
        "\nCHILD PROTECTION\n",
        "\nDISPUTES AND MULTI-AGENCY CHALLENGES\n",
        "\nCASELOADS\n",
        "\nLOOKED-AFTER CHILDREN AT EACH MONTH END (band 50–70 per full-time IRO)\n",
    ] {
        assert!(text.contains(heading), "{heading:?} in\n{text}");
    }
    // The text shows each figure as the JSON's value renders it.
    let v = json(&db, &["--year", "2025"]);
    let f = figure(&v, "lac.reviews_in_timescale");
    let (n, of) = (
        f["this_period"]["numerator"].as_u64().unwrap(),
        f["this_period"]["denominator"].as_u64().unwrap(),
    );
    assert!(of > 0 && n <= of);
    let line = text
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("LAC reviews held within timescale")
        })
        .unwrap();
    assert!(line.contains(&format!("{n} of {of} (")), "{line}");
}

#[test]
fn json_has_both_years_and_every_section_with_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let v = json(&db, &["--year", "2025"]);
    assert_eq!(v["period"]["kind"], "year");
    assert_eq!(v["period"]["label"], "2025–26");
    assert_eq!(v["period"]["starts_on"], "2025-04-01");
    assert_eq!(v["period"]["ends_on"], "2026-03-31");
    assert_eq!(v["previous_period"]["label"], "2024–25");
    assert_eq!(v["all_iros"], true);
    let sections: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["lac", "cp", "disputes", "caseload"]);
    let held = figure(&v, "lac.reviews_held");
    assert_eq!(held["this_period"]["kind"], "count");
    assert!(held["this_period"]["n"].as_u64().unwrap() > 0);
    assert!(held["previous_period"]["n"].as_u64().unwrap() > 0);
    assert!(held["definition"].as_str().unwrap().contains("held"));
    assert_eq!(v["options"]["icpc_base"], "strategy_discussion");
    assert_eq!(v["options"]["pn4_counts_as_participation"], true);
    let charts: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["charts"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in [
        "lac.timeliness_by_month",
        "lac.participation_by_code",
        "cp.icpc_timeliness_by_month",
        "disputes.reasons",
        "disputes.resolution_stages",
    ] {
        assert!(charts.contains(&id), "{id} in {charts:?}");
    }

    // The options change the statement and the figures they concern, nothing else.
    let s47 = json(
        &db,
        &[
            "--year",
            "2025",
            "--icpc-from",
            "s47",
            "--pn4-not-participation",
        ],
    );
    assert_eq!(s47["options"]["icpc_base"], "s47_start");
    assert_eq!(s47["options"]["pn4_counts_as_participation"], false);
    assert_eq!(figure(&s47, "lac.reviews_held"), held);
    let rate =
        |v: &serde_json::Value| figure(v, "lac.participation_aged_4_plus")["this_period"].clone();
    assert_eq!(rate(&s47)["denominator"], rate(&v)["denominator"]);
    assert!(rate(&s47)["numerator"].as_u64() <= rate(&v)["numerator"].as_u64());
}

#[test]
fn one_or_several_iros_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let all = json(&db, &["--year", "2025"]);
    let names: Vec<String> = all["iros"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 4);
    let n = |v: &serde_json::Value| {
        figure(v, "lac.children_during_year")["this_period"]["n"]
            .as_u64()
            .unwrap()
    };
    let one = json(&db, &["--year", "2025", "--iro", &names[0]]);
    assert_eq!(one["all_iros"], false);
    assert_eq!(one["iros"].as_array().unwrap().len(), 1);
    assert_eq!(one["caseloads"].as_array().unwrap().len(), 1);
    let two = json(
        &db,
        &["--year", "2025", "--iro", &names[0], "--iro", &names[1]],
    );
    assert_eq!(two["iros"].as_array().unwrap().len(), 2);
    // A child moved between them counts once for both: never more than the two apart.
    assert!(n(&one) > 0 && n(&one) <= n(&two));
    assert!(n(&two) <= n(&all));

    let unknown = caseload(&db)
        .args(["report", "--year", "2025", "--iro", "Nobody Atall"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    let bad = caseload(&db)
        .args(["report", "--year", "2025", "--icpc-from", "referral"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("strategy, s47"));
}

#[test]
fn xlsx_and_csv_are_written_with_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let xlsx = dir.path().join("report.xlsx");
    let csv = dir.path().join("report.csv");
    let text = stdout(
        caseload(&db)
            .args(["report", "--year", "2025", "--xlsx"])
            .arg(&xlsx)
            .arg("--csv")
            .arg(&csv),
    );
    assert!(text.contains(&format!("Wrote the report to {}", xlsx.display())));
    // An XLSX is a zip archive.
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"));
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with(
        "section,id,figure,this_period,previous_period,this_period_text,previous_period_text,definition\n"
    ));
    let v = json(&db, &["--year", "2025"]);
    let held = figure(&v, "lac.reviews_held");
    let row = csv
        .lines()
        .find(|l| l.starts_with("Looked-after children,lac.reviews_held,"))
        .unwrap();
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(cells[3], held["this_period"]["n"].to_string());
    assert_eq!(cells[4], held["previous_period"]["n"].to_string());
}

#[test]
fn pdf_and_docx_hold_the_report_pages_with_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let pdf = dir.path().join("report.pdf");
    let docx = dir.path().join("report.docx");
    let args = ["report", "--year", "2025", "--as-of", "2026-11-23"];
    let text = stdout(
        caseload(&db)
            .args(args)
            .arg("--pdf")
            .arg(&pdf)
            .arg("--docx")
            .arg(&docx),
    );
    assert!(text.contains(&format!("Wrote the report to {}", pdf.display())));
    assert!(text.contains(&format!("Wrote the report to {}", docx.display())));
    let v = json(&db, &["--year", "2025", "--as-of", "2026-11-23"]);
    let held = figure(&v, "lac.reviews_held");
    let row = format!(
        "LAC reviews held {} {}",
        held["this_period"]["n"], held["previous_period"]["n"]
    );
    let (pages, pdf_text) = pdf_text(&pdf);
    for words in [
        "IRO annual report 2025–26",
        "Figures as at Mon 23 Nov 2026",
        &row,
    ] {
        assert!(
            pdf_text.contains(words),
            "{words:?} not in the PDF:\n{pdf_text}"
        );
    }
    assert!(pages > 1, "{pages} page(s)");
    let docx_text = docx_text(&docx);
    assert!(
        docx_text.contains("IRO annual report 2025–26"),
        "{docx_text}"
    );
    assert!(
        docx_text.contains(&row),
        "{row:?} not in the .docx:\n{docx_text}"
    );
}

/// Every figure id of a report, in order.
fn ids(v: &serde_json::Value) -> Vec<String> {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["figures"].as_array().unwrap())
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn from_and_to_give_a_quarter_beside_the_quarter_before_with_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let q = json(&db, &["--from", "2025-10-01", "--to", "2025-12-31"]);
    assert_eq!(q["period"]["kind"], "quarter");
    assert_eq!(q["period"]["label"], "October–December 2025");
    assert_eq!(q["period"]["starts_on"], "2025-10-01");
    assert_eq!(q["period"]["ends_on"], "2025-12-31");
    assert_eq!(q["previous_period"]["starts_on"], "2025-07-01");
    assert_eq!(q["previous_period"]["ends_on"], "2025-09-30");
    assert_eq!(
        q["month_ends"],
        serde_json::json!(["2025-10-31", "2025-11-30", "2025-12-31"])
    );
    let year = json(&db, &["--year", "2025"]);
    assert_eq!(ids(&q), ids(&year), "the same figures as the year");
    let held = |v: &serde_json::Value| {
        figure(v, "lac.reviews_held")["this_period"]["n"]
            .as_u64()
            .unwrap()
    };
    assert!(held(&q) > 0 && held(&q) < held(&year));
    // The trend charts end with the quarter's last month.
    let chart = q["sections"][0]["charts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "lac.timeliness_by_month")
        .unwrap();
    let labels: Vec<&str> = chart["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.first(), Some(&"Jan"));
    assert_eq!(labels.last(), Some(&"Dec"));

    let text = stdout(caseload(&db).args(["report", "--from", "2025-10-01", "--to", "2025-12-31"]));
    assert!(
        text.starts_with("IRO report October–December 2025 (1 October 2025 – 31 December 2025) beside July–September 2025, for all IROs\n"),
        "{text}"
    );
    assert!(
        text.contains("Children looked after at 31 December 2025"),
        "{text}"
    );

    for (args, says) in [
        (
            &["report", "--from", "2025-12-31", "--to", "2025-10-01"][..],
            "before --from",
        ),
        (&["report", "--from", "2025-10-01"][..], "--to"),
        (
            &[
                "report",
                "--year",
                "2025",
                "--from",
                "2025-10-01",
                "--to",
                "2025-12-31",
            ][..],
            "--from",
        ),
        (
            &["report", "--from", "2025-10-01", "--to", "31/12/2025"][..],
            "YYYY-MM-DD",
        ),
    ] {
        let out = caseload(&db).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn plans_disputes_and_short_breaks_are_choices_the_report_states() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let cp = json(
        &db,
        &["--year", "2025", "--plans", "cp", "--disputes", "drp"],
    );
    let sections: Vec<&str> = cp["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["cp", "disputes"]);
    assert_eq!(cp["options"]["scope"], "cp");
    assert_eq!(cp["options"]["dispute_kind"], "drp");
    let ids = ids(&cp);
    assert!(ids.contains(&"disputes.about_cp_plans".to_string()));
    assert!(!ids.contains(&"disputes.about_care_plans".to_string()));
    assert!(!ids.contains(&"disputes.macp_raised".to_string()));
    let choices = cp["choices"].to_string();
    assert!(choices.contains("child protection only"), "{choices}");
    assert!(
        choices.contains("under the Dispute Resolution Process only"),
        "{choices}"
    );

    let apart = json(&db, &["--year", "2025"]);
    assert_eq!(apart["options"]["short_breaks"], "apart");
    let included = json(&db, &["--year", "2025", "--short-breaks", "included"]);
    assert_eq!(included["options"]["short_breaks"], "included");
    let during =
        |v: &serde_json::Value, id: &str| figure(v, id)["this_period"]["n"].as_u64().unwrap();
    assert!(
        during(&included, "lac.children_during_year") >= during(&apart, "lac.children_during_year")
    );
    assert_eq!(
        during(&included, "lac.short_breaks.children_during_year"),
        during(&apart, "lac.short_breaks.children_during_year")
    );
    let bad = caseload(&db)
        .args(["report", "--year", "2025", "--plans", "fostering"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("both, lac, cp"));
}

/// Robin, looked after since Mon 17 Mar 2025. The review of Thu 10 Apr 2025 decides three
/// things: one done before its due date, one done after it, one "by the next review" never
/// done (the next review was held Tue 8 Jul 2025). The review of 8 Jul decides two: one due in
/// June 2026, open, and one dropped.
const DECISIONS: &str = r#"[
  {"op":"add_iro","id":1,"name":"Jordan Sample"},
  {"op":"add_child","id":1,"first_name":"Robin","last_name":"Example","born_on":"2013-02-14",
   "sex":"female","iro":1,"allocated_on":"2025-03-17"},
  {"op":"start_care","id":1,"child":1,"started_on":"2025-03-17","legal_status":"C2","regime":"full_care"},
  {"op":"book_meeting","id":1,"child":1,"kind":"lac_review","on":"2025-04-10"},
  {"op":"finalise_record","meeting":1,"record":{"held_on":"2025-04-10","participation":"PN1",
    "decisions":[
      {"text":"Life-story work starts","owner":"Social worker","due":{"kind":"on","on":"2025-06-01"}},
      {"text":"A dentist is found","owner":"Foster carer","due":{"kind":"on","on":"2025-06-01"}},
      {"text":"Family time is reviewed with Robin","owner":"Social worker","due":{"kind":"by_next_review"}}]}},
  {"op":"decision_done","id":1,"on":"2025-05-20"},
  {"op":"decision_done","id":2,"on":"2025-06-10"},
  {"op":"book_meeting","id":2,"child":1,"kind":"lac_review","on":"2025-07-08"},
  {"op":"finalise_record","meeting":2,"record":{"held_on":"2025-07-08","participation":"PN1",
    "decisions":[
      {"text":"A college place is applied for","owner":"Social worker","due":{"kind":"on","on":"2026-06-01"}},
      {"text":"Respite is arranged","owner":"Social worker","due":{"kind":"on","on":"2025-09-01"}}]}},
  {"op":"decision_dropped","id":5,"on":"2025-08-15","reason":"Carers no longer need it"}
]"#;

#[test]
fn the_decisions_made_in_the_year_and_the_share_carried_out_by_their_due_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.sqlite3");
    let file = dir.path().join("changes.json");
    std::fs::write(&file, DECISIONS).unwrap();
    stdout(
        caseload(&db)
            .args(["apply", "--as-of", "2026-04-15"])
            .arg(&file),
    );

    let v = json(&db, &["--year", "2025"]);
    let this = |id: &str| figure(&v, id)["this_period"].clone();
    assert_eq!(this("lac.decisions.made")["n"], 5);
    let share = this("lac.decisions.carried_out_by_due_date");
    assert_eq!(
        (&share["numerator"], &share["denominator"]),
        (&1.into(), &3.into())
    );
    for (id, n) in [
        ("done_on_time", 1),
        ("done_late", 1),
        ("open_past_due", 1),
        ("open_not_yet_due", 1),
        ("dropped", 1),
    ] {
        assert_eq!(this(&format!("lac.decisions.{id}"))["n"], n, "{id}");
    }
    assert_eq!(this("cp.decisions.made")["n"], 0);

    // The text and the CSV say the same.
    let text = stdout(caseload(&db).args(["report", "--year", "2025"]));
    let line = text
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("Decisions due by 31 March: carried out by their due date")
        })
        .unwrap();
    assert!(line.contains("1 of 3 (33%)"), "{line}");
    let csv = dir.path().join("report.csv");
    stdout(
        caseload(&db)
            .args(["report", "--year", "2025", "--csv"])
            .arg(&csv),
    );
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(
        csv.lines().any(|l| l.starts_with(
            "Looked-after children,lac.decisions.made,Decisions made at LAC reviews,5,0,"
        )),
        "{csv}"
    );
}
