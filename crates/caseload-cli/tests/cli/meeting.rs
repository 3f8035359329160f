//! `caseload meeting prep|export` and `caseload decisions`: the pack as text, JSON, .docx and
//! PDF; the finalised record and the letter as files, read back (the .docx's
//! `word/document.xml`, the PDF's text through lopdf); the decisions list; refusals with
//! exit status 2.

use crate::documents::{docx_text, pdf_text, zip_part};
use crate::{caseload, stdout};
use std::path::{Path, PathBuf};

/// Alex (11, looked after since March 2025, two reviews held with records, the third booked)
/// and Jay (6, on a plan since an ICPC with a Signs of Safety mapping; a review conference
/// booked). Decision 2 is done; the others are open or overdue on 15 December 2025.
const CHANGES: &str = r#"[
  {"op":"add_iro","id":1,"name":"Jordan Sample"},
  {"op":"add_iro","id":2,"name":"Riley Example"},
  {"op":"add_child","id":1,"first_name":"Alexandra","last_name":"Example","preferred_name":"Alex",
   "born_on":"2014-02-14","sex":"female","sibling_group":"Example","social_worker":"Chris Placeholder",
   "iro":1,"allocated_on":"2025-03-17"},
  {"op":"add_child","id":2,"first_name":"Sam","last_name":"Example","born_on":"2017-06-01","sex":"male",
   "sibling_group":"Example","iro":2,"allocated_on":"2025-03-17"},
  {"op":"start_care","id":1,"child":1,"started_on":"2025-03-17","legal_status":"C2","regime":"full_care"},
  {"op":"book_meeting","id":1,"child":1,"kind":"lac_review","on":"2025-04-10"},
  {"op":"finalise_record","meeting":1,"record":{
    "held_on":"2025-04-10","participation":"PN1","views_conveyed":"spoke_for_themself",
    "child_views":"Alex wants to stay with her carers.","care_plan_endorsed":true,
    "attendance":[{"name":"Chris Placeholder","role":"Social worker","attendance":"present"}],
    "decisions":[{"text":"Life-story work starts","owner":"Social worker","due":{"kind":"on","on":"2025-06-01"}}]}},
  {"op":"book_meeting","id":2,"child":1,"kind":"lac_review","on":"2025-07-08"},
  {"op":"finalise_record","meeting":2,"record":{
    "held_on":"2025-07-08","participation":"PN5","views_conveyed":"briefed_someone","care_plan_endorsed":true,
    "child_views":"Alex told her advocate she likes her school.",
    "attendance":[{"name":"Chris Placeholder","role":"Social worker","attendance":"present"},
                  {"name":"Pat Demo","role":"Foster carer","attendance":"present"},
                  {"name":"Morgan Test","role":"Designated teacher","attendance":"report_only"}],
    "decisions":[
      {"text":"A referral to CAMHS is made","owner":"Social worker","due":{"kind":"on","on":"2025-08-01"}},
      {"text":"The personal education plan is updated","owner":"Designated teacher","due":{"kind":"on","on":"2025-09-01"}},
      {"text":"Family time with Sam is reviewed with Alex","owner":"Social worker","due":{"kind":"by_next_review"}}],
    "next_meeting_on":"2026-01-06"}},
  {"op":"book_meeting","id":3,"child":1,"kind":"lac_review","on":"2026-01-06","at":"10:00:00","venue":"Carers' home"},
  {"op":"decision_done","id":2,"on":"2025-07-30","note":"Referral accepted"},
  {"op":"add_child","id":3,"first_name":"Jayden","last_name":"Test","preferred_name":"Jay","born_on":"2019-05-05",
   "sex":"male","iro":1,"allocated_on":"2025-09-01"},
  {"op":"start_cp_episode","id":1,"child":3,"strategy_on":"2025-09-01"},
  {"op":"book_meeting","id":10,"child":3,"kind":"icpc","on":"2025-09-19"},
  {"op":"finalise_record","meeting":10,"record":{
    "held_on":"2025-09-19","child_attended":false,"plan_decision":"plan_starts","category":"NEG",
    "attendance":[{"name":"Kim Parent","role":"Mother","attendance":"present"},
                  {"name":"Chris Placeholder","role":"Social worker","attendance":"present"}],
    "signs_of_safety":{"harm":"Jay was found alone at home at night.",
      "danger_statements":"Everyone is worried Jay will be hurt if he is left alone again.",
      "working_well":"Jay's grandmother visits every day.",
      "safety_goals":"Jay is always looked after by a safe adult.",
      "scaling":[{"participant":"Kim Parent","role":"Mother","score":6},
                 {"participant":"Jordan Sample","role":"Chair","score":3}]},
    "decisions":[{"text":"A safety plan is written with the family","owner":"Social worker","due":{"kind":"on","on":"2025-10-03"}}],
    "next_meeting_on":"2025-12-15"}},
  {"op":"book_meeting","id":11,"child":3,"kind":"cp_review","on":"2025-12-15"}
]"#;

const AS_OF: &str = "2025-12-15";

fn store(dir: &Path) -> PathBuf {
    let db = dir.join("caseload.sqlite3");
    let file = dir.join("changes.json");
    std::fs::write(&file, CHANGES).unwrap();
    stdout(caseload(&db).args(["apply", "--as-of", AS_OF]).arg(&file));
    db
}

/// The .docx's heading paragraphs' style ids, in order ("Heading1", …).
fn docx_heading_styles(path: &Path) -> usize {
    let xml = zip_part(&std::fs::read(path).unwrap(), "word/document.xml");
    xml.matches("w:val=\"Heading1\"").count()
}

fn assert_all(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "{e:?} not in:\n{text}");
    }
}

#[test]
fn prep_prints_the_pack_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let text = stdout(caseload(&db).args(["meeting", "prep", "3", "--as-of", AS_OF]));
    assert!(
        text.starts_with("Preparation pack: Third LAC review for Alex Example (meeting 3)\n"),
        "{text}"
    );
    assert_all(
        &text,
        &[
            "Booked for Tue 6 Jan 2026 at 10:00, Carers' home. Due by Thu 8 Jan 2026: in time.",
            "Reports with the IRO                     by Wed 31 Dec 2025",
            "Sibling          Sam Example (IRO Riley Example)",
            "\nAGENDA\n   1. Welcome and introductions\n",
            "2. OVERDUE  due Mon 1 Sep 2025   The personal education plan is updated (Designated teacher)",
            "1. DONE     Wed 30 Jul 2025      A referral to CAMHS is made (Social worker)",
            "Still open from earlier meetings:",
            "Second LAC review",
            "LAC review due by Mon 6 Jul 2026 if this review is held on Tue 6 Jan 2026.",
        ],
    );
}

#[test]
fn prep_json_is_the_pack_view() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let out = stdout(caseload(&db).args(["meeting", "prep", "11", "--json", "--as-of", AS_OF]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meeting"]["id"], 11);
    assert_eq!(v["meeting"]["kind"], "cp_review");
    assert_eq!(v["meeting"]["due"]["due"], "2025-12-19");
    assert_eq!(v["child"]["name"], "Jay Test");
    assert_eq!(v["child"]["category"], "NEG");
    assert_eq!(v["last_mapping"]["meeting"], 10);
    assert_eq!(v["last_mapping"]["mapping"]["scaling"][0]["score"], 6);
    assert_eq!(v["decisions"][0]["status"], "overdue");
    assert_eq!(v["chronology"][0]["due_on"], "2025-09-22");
    assert_eq!(v["next_meeting"]["due"]["due"], "2026-06-15");
    assert!(v["agenda"].as_array().unwrap().len() > 5);
}

#[test]
fn the_pack_is_written_as_docx_and_pdf_that_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let (docx, pdf) = (dir.path().join("pack.docx"), dir.path().join("pack.pdf"));
    let out = caseload(&db)
        .args(["meeting", "prep", "11", "--as-of", AS_OF, "--docx"])
        .arg(&docx)
        .arg("--pdf")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(&format!("Wrote the pack to {}", pdf.display())));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not encrypted"));

    let expected = [
        "Preparation pack: First CP review conference",
        "The child in brief",
        "Jayden Test",
        "Before the meeting",
        "Agenda",
        "Decisions of the last meeting",
        "A safety plan is written with the family",
        "Overdue",
        "The last conference's mapping",
        "Everyone is worried Jay will be hurt if he is left alone again.",
        "Jay is always looked after by a safe adult.",
        "Scaling",
        "Kim Parent",
        "Open disputes",
        "Chronology",
        "Initial child protection conference",
        "The next meeting",
    ];
    let words = docx_text(&docx);
    assert_all(&words, &expected);
    assert!(docx_heading_styles(&docx) >= 8, "real Word headings");
    let docx_bytes = std::fs::read(&docx).unwrap();
    assert!(zip_part(&docx_bytes, "word/header1.xml").contains("OFFICIAL-SENSITIVE: PERSONAL"));
    let (pages, text) = pdf_text(&pdf);
    assert_all(&text, &expected);
    assert_all(
        &text,
        &[
            &format!("Page 1 of {pages}"),
            "OFFICIAL-SENSITIVE: PERSONAL",
        ],
    );
    // The scaling table: participant, role and score side by side.
    assert!(text.contains("Kim Parent Mother 6"), "{text}");
    assert!(words.contains("Kim Parent Mother 6"), "{words}");
}

#[test]
fn export_writes_the_finalised_record_and_the_letter() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let p = |name: &str| dir.path().join(name);
    let out = stdout(
        caseload(&db)
            .args(["meeting", "export", "10", "--docx"])
            .arg(p("record.docx"))
            .arg("--pdf")
            .arg(p("record.pdf")),
    );
    assert!(out.contains("Wrote the record to"), "{out}");
    let expected = [
        "Initial child protection conference: record",
        "Jay Test",
        "Attendance",
        "Kim Parent",
        "The child's views",
        "Signs of Safety",
        "What are we worried about?",
        "Danger statements",
        "Jay was found alone at home at night.",
        "Safety goals",
        "Scaling",
        "Outcome",
        "Child protection plan made",
        "Neglect",
        "Decisions",
        "A safety plan is written with the family",
        "The next meeting",
    ];
    assert_all(&docx_text(&p("record.docx")), &expected);
    let (_, text) = pdf_text(&p("record.pdf"));
    assert_all(&text, &expected);
    assert!(text.contains("Jordan Sample Chair 3"), "{text}");

    // The LAC review's record and letter: no mapping, the care plan, Alex's name.
    stdout(
        caseload(&db)
            .args(["meeting", "export", "2", "--pdf"])
            .arg(p("review.pdf"))
            .arg("--letter")
            .arg(p("letter.docx")),
    );
    let (_, review) = pdf_text(&p("review.pdf"));
    assert_all(
        &review,
        &[
            "LAC review: record",
            "PN5",
            "The care plan is endorsed Yes",
            "The personal education plan is updated",
            "By the next review",
        ],
    );
    assert!(!review.contains("Signs of Safety"));
    let letter = docx_text(&p("letter.docx"));
    assert_all(
        &letter,
        &[
            "After your review",
            "Dear Alex,",
            "Tuesday 8 July 2025",
            "A referral to CAMHS is made (Social worker).",
            "Your next review will be on or before 6 January 2026.",
            "From Jordan Sample",
        ],
    );
    assert!(
        !letter.contains("Alexandra"),
        "the preferred name only: {letter}"
    );

    stdout(
        caseload(&db)
            .args(["meeting", "export", "2", "--letter"])
            .arg(p("letter.pdf")),
    );
    let (pages, letter) = pdf_text(&p("letter.pdf"));
    assert_eq!(pages, 1);
    assert!(letter.contains("Dear Alex,"));
}

#[test]
fn export_without_a_final_record_or_a_known_meeting_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let pdf = dir.path().join("record.pdf");
    caseload(&db)
        .args(["meeting", "export", "3", "--pdf"])
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr(
            "caseload: meeting 3 (LAC review) has no record: write and finalise it before exporting\n",
        );
    assert!(!pdf.exists(), "nothing written");
    caseload(&db)
        .args(["meeting", "export", "99", "--pdf"])
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr("caseload: meeting 99 not found\n");
    caseload(&db)
        .args(["meeting", "prep", "99", "--as-of", AS_OF])
        .assert()
        .code(2)
        .stderr("caseload: meeting 99 not found\n");
    caseload(&db)
        .args(["meeting", "export", "2"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "give --docx FILE, --pdf FILE or --letter FILE",
        ));
    caseload(&db)
        .args(["meeting", "export", "2", "--letter"])
        .arg(dir.path().join("letter.txt"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("must end in .docx or .pdf"));
}

#[test]
fn decisions_lists_overdue_first_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let text = stdout(caseload(&db).args(["decisions", "--as-of", AS_OF]));
    assert!(
        text.starts_with(
            "Decisions as of Mon 15 Dec 2025 for all IROs: 3 overdue, 1 open, 1 done, 0 dropped\n"
        ),
        "{text}"
    );
    let first = text.lines().nth(2).unwrap();
    assert!(first.starts_with("OVERDUE  due Sun 1 Jun 2025"), "{first}");
    assert!(first.contains("Alex Example — LAC review of Thu 10 Apr 2025, decision 1 (meeting 1)"));
    assert!(text.contains("Done: Referral accepted"));

    let overdue: serde_json::Value = serde_json::from_str(&stdout(caseload(&db).args([
        "decisions",
        "--overdue",
        "--json",
        "--as-of",
        AS_OF,
    ])))
    .unwrap();
    assert_eq!(overdue["filter"], "overdue");
    let rows = overdue["decisions"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["status"] == "overdue"));

    let open: serde_json::Value = serde_json::from_str(&stdout(caseload(&db).args([
        "decisions",
        "--open",
        "--iro",
        "Jordan",
        "--json",
        "--as-of",
        AS_OF,
    ])))
    .unwrap();
    assert_eq!(open["iro"]["name"], "Jordan Sample");
    assert_eq!(open["decisions"].as_array().unwrap().len(), 4);

    caseload(&db)
        .args(["decisions", "--open", "--overdue"])
        .assert()
        .code(2);
}

#[test]
fn a_demo_review_conference_has_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    stdout(caseload(&db).args(["demo", "--as-of", "2026-11-23"]));
    let week: serde_json::Value = serde_json::from_str(&stdout(caseload(&db).args([
        "week",
        "--json",
        "--as-of",
        "2026-11-23",
    ])))
    .unwrap();
    let meeting = week["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["meetings"].as_array().unwrap())
        .find(|m| m["kind"] == "cp_review")
        .expect("a review conference in the demo week");
    let id = meeting["meeting"].as_i64().unwrap().to_string();
    let pdf = dir.path().join("pack.pdf");
    let text = stdout(
        caseload(&db)
            .args(["meeting", "prep", &id, "--as-of", "2026-11-23", "--pdf"])
            .arg(&pdf),
    );
    assert!(text.starts_with("Preparation pack: "), "{text}");
    assert!(text.contains("CP review conference"), "{text}");
    let (_, words) = pdf_text(&pdf);
    assert_all(&words, &["Chronology", "Agenda", "The next meeting"]);
}
