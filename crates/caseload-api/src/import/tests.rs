//! The import end to end over small files of our own: the preview writes nothing and says
//! what the import then does; the audit trail names the files; a re-import changes nothing;
//! a child with an unusable row is left out unless asked for; a stated ICPC target that
//! differs from the one counted here is a disagreement with its Why.

use super::*;
use crate::App;
use caseload_store::AuditFilter;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn file(name: &str, text: &str) -> ImportFile {
    ImportFile {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// Two children in care, one review each; the second child's episode has a bad date when
/// `dirty`.
fn return_903(dirty: bool) -> Vec<ImportFile> {
    let decom = if dirty { "notadate" } else { "01/06/2025" };
    vec![
        file(
            "header.csv",
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n111,1,05/05/2012,WBRI,,,\n222,2,09/09/2015,MWBC,,,\n",
        ),
        file(
            "episodes.csv",
            &format!(
                "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n\
                 111,15/02/2025,S,C2,N1,U1,PR1,,,,,,\n\
                 222,{decom},S,C1,N1,U1,PR1,,,,,,\n"
            ),
        ),
        file(
            "reviews.csv",
            "CHILD,DOB,REVIEW,REVIEW_CODE\n111,05/05/2012,10/03/2025,PN1\n",
        ),
    ]
}

const AS_OF: &str = "2026-11-23";

#[test]
fn a_preview_writes_nothing_and_the_import_then_does_what_it_said() {
    let mut app = App::open_in_memory().unwrap();
    let options = ImportOptions::default();
    let preview = app
        .import(&return_903(false), &options, d(AS_OF), false)
        .unwrap();
    assert_eq!((preview.new, preview.updated, preview.skipped), (2, 0, 0));
    assert!(!preview.committed);
    assert!(
        app.snapshot().unwrap().caseload.children.is_empty(),
        "nothing written"
    );

    let done = app
        .import(&return_903(false), &options, d(AS_OF), true)
        .unwrap();
    assert_eq!(done.children, preview.children);
    let names: Vec<String> = app
        .snapshot()
        .unwrap()
        .caseload
        .children
        .iter()
        .map(|r| r.child.details.display_name())
        .collect();
    assert_eq!(names, ["Child 111", "Child 222"]);
    let audit = app.audit(&AuditFilter::default()).unwrap();
    assert!(audit.iter().all(
        |a| a.source.as_deref() == Some("imported from header.csv, episodes.csv, reviews.csv")
    ));

    // The same files again: nothing changes, not even the audit trail.
    let again = app
        .import(&return_903(false), &options, d(AS_OF), true)
        .unwrap();
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 2));
    assert_eq!(
        app.audit(&AuditFilter::default()).unwrap().len(),
        audit.len()
    );
}

#[test]
fn a_child_with_an_unusable_row_is_left_out_unless_asked_for() {
    let mut app = App::open_in_memory().unwrap();
    let preview = app
        .import(
            &return_903(true),
            &ImportOptions::default(),
            d(AS_OF),
            false,
        )
        .unwrap();
    assert_eq!((preview.new, preview.skipped), (1, 1));
    let skipped = preview.children.iter().find(|c| c.la_id == "222").unwrap();
    assert_eq!(skipped.outcome, ChildOutcome::Skipped);
    assert!(preview
        .problems
        .iter()
        .any(|p| p.at == "episodes.csv line 3"
            && p.field == "DECOM"
            && p.message.contains("\"notadate\" is not a date")));

    let partial = ImportOptions {
        include_partial: true,
        ..ImportOptions::default()
    };
    let done = app
        .import(&return_903(true), &partial, d(AS_OF), true)
        .unwrap();
    assert_eq!((done.new, done.skipped), (2, 0));
    let record = app.snapshot().unwrap().caseload.children[1].clone();
    assert!(
        record.care_periods.is_empty(),
        "the unusable episode is left out"
    );
}

#[test]
fn a_stated_icpc_target_that_differs_from_the_one_counted_here_is_shown_with_its_why() {
    let mut app = App::open_in_memory().unwrap();
    let census = file(
        "cin.xml",
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year>\
         <ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails></Header><Children><Child>\
         <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2019-01-01</PersonBirthDate>\
         <Sex>F</Sex></ChildIdentifiers><CINdetails><CINreferralDate>2026-01-05</CINreferralDate>\
         <Section47><S47ActualStartDate>2026-01-05</S47ActualStartDate>\
         <InitialCPCtarget>2026-01-20</InitialCPCtarget><ICPCnotRequired>false</ICPCnotRequired>\
         </Section47></CINdetails></Child></Children></Message>",
    );
    let preview = app
        .import(&[census], &ImportOptions::default(), d(AS_OF), false)
        .unwrap();
    assert_eq!(preview.new, 1);
    let disagreement = &preview.disagreements[0];
    assert_eq!(disagreement.child, "C1");
    // 15 working days from Mon 5 Jan 2026 is Mon 26 Jan 2026.
    assert!(
        disagreement
            .what
            .contains("the file says Tue 20 Jan 2026, counted here Mon 26 Jan 2026"),
        "{}",
        disagreement.what
    );
    assert_eq!(disagreement.why.as_ref().unwrap().due, d("2026-01-26"));
}

#[test]
fn an_annex_a_workbook_is_recognised_and_a_child_without_a_date_of_birth_left_out() {
    let mut app = App::open_in_memory().unwrap();
    let book = ImportFile {
        name: "annex_a.xlsx".to_string(),
        bytes: include_bytes!("../../../caseload-interop/tests/corpus/annex_a/cp_and_cla.xlsx")
            .to_vec(),
    };
    let preview = app
        .import(&[book], &ImportOptions::default(), d(AS_OF), false)
        .unwrap();
    // Both lists read; this workbook gives no date of birth, which the store requires.
    assert!(preview
        .notes
        .iter()
        .any(|n| n.contains("(child protection list)")));
    assert!(preview
        .notes
        .iter()
        .any(|n| n.contains("(looked after list)")));
    assert_eq!((preview.new, preview.skipped), (0, 1));
    let refused: Vec<(&str, &str)> = preview
        .problems
        .iter()
        .map(|p| (p.at.as_str(), p.field.as_str()))
        .collect();
    assert_eq!(
        refused,
        [("annex_a.xlsx sheet Child protection line 2", "born_on")],
        "only the refusal, not what follows from it"
    );
}

#[test]
fn a_column_naming_an_iro_allocates_the_child_to_that_profile_and_an_unknown_name_is_said() {
    let mut app = App::open_in_memory().unwrap();
    let changes = App::parse_changes(
        br#"[{"op":"add_iro","id":1,"name":"Jo Bloggs"},{"op":"add_iro","id":2,"name":"Sam Chair"}]"#,
    )
    .unwrap();
    app.apply(&changes, d(AS_OF), None).unwrap();
    let report = file(
        "la.csv",
        "Child ID,Date of birth,Allocated IRO,Date started to be looked after,Legal status\n\
         A1,14/07/2016,jo bloggs,06/01/2025,C2\n\
         A2,02/02/2010,Pat Unknown,10/03/2024,C1\n",
    );
    let mapping: ColumnMapping = serde_json::from_str(
        r#"{"columns": {"child_id": "Child ID", "born_on": "Date of birth", "iro": "Allocated IRO",
            "care_started_on": "Date started to be looked after", "legal_status": "Legal status"}}"#,
    )
    .unwrap();
    let options = ImportOptions {
        format: Some(ImportFormat::Csv),
        iro: Some(caseload_core::ids::IroId(2)),
        include_partial: false,
    };
    let done = app
        .import_mapped(&[report], &options, Some(&mapping), d(AS_OF), true)
        .unwrap();
    assert_eq!(done.new, 2);
    let snap = app.snapshot().unwrap();
    let iros: Vec<Option<i64>> = snap
        .caseload
        .children
        .iter()
        .map(|r| r.current_iro().map(|i| i.0))
        .collect();
    assert_eq!(iros, [Some(1), Some(2)]);
    assert!(done
        .notes
        .iter()
        .any(|n| n.contains("names the IRO \"Pat Unknown\", who has no profile here")));
}

#[test]
fn progress_is_told_by_rows_read_then_children_checked_and_written() {
    let mut app = App::open_in_memory().unwrap();
    let mut heard: Vec<ImportProgress> = Vec::new();
    app.import_with_progress(
        &return_903(false),
        &ImportOptions::default(),
        None,
        d(AS_OF),
        true,
        &mut |p| heard.push(p),
    )
    .unwrap();
    // Three files of 3, 3 and 2 lines.
    assert_eq!(
        heard[0],
        ImportProgress {
            stage: ImportStage::Read,
            done: 8,
            total: 8
        }
    );
    assert!(heard.iter().any(|p| p.stage == ImportStage::Check));
    assert_eq!(
        heard.last(),
        Some(&ImportProgress {
            stage: ImportStage::Write,
            done: 2,
            total: 2
        })
    );
}
