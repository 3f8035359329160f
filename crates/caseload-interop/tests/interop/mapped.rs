//! The CSV read through a column mapping: a clean file of several rows per child, a dirty one
//! whose every message is pinned, Windows-1252 with CRLF, a mapping naming columns the header
//! lacks, the date hints, `suggest_mapping` on a realistic header, the mapping's JSON, and no
//! panic on arbitrary bytes or on mutations of `tests/corpus/mapped/` (read through the mapping
//! suggested from each file's own header).

use std::path::PathBuf;

use caseload_interop::import::mapped::{DateHint, MappedField};
use caseload_interop::import::{read_mapped_csv, suggest_mapping, ColumnMapping};
use proptest::prelude::*;

use crate::annex_a::{assert_rendered, check_invariants, mutate, mutation};

fn corpus_file(name: &str) -> Vec<u8> {
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    path.extend(["tests", "corpus", "mapped", name]);
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// A mapping from (field, column) pairs.
fn mapping(columns: &[(MappedField, &str)]) -> ColumnMapping {
    ColumnMapping {
        columns: columns
            .iter()
            .map(|(field, column)| (*field, column.to_string()))
            .collect(),
        date_format: None,
    }
}

/// The mapping of `lac_and_cp.csv`, written out by hand.
fn lac_and_cp_mapping() -> ColumnMapping {
    use MappedField as F;
    mapping(&[
        (F::ChildId, "Child ID"),
        (F::BornOn, "Date of birth"),
        (F::Sex, "Gender"),
        (F::Ethnicity, "Ethnicity"),
        (F::Iro, "Allocated IRO"),
        (F::CareStartedOn, "Date started to be looked after"),
        (F::LegalStatus, "Legal status"),
        (F::CareEndedOn, "Date ceased to be looked after"),
        (F::ReviewOn, "Review date"),
        (F::ReviewCode, "Participation code"),
        (F::CpPlanStartedOn, "CP plan start date"),
        (F::CpPlanEndedOn, "CP plan end date"),
        (F::Category, "Latest category of abuse"),
        (F::CpReviewOn, "Date of latest review conference"),
    ])
}

#[test]
fn a_clean_file_gives_each_childs_period_reviews_and_plan_from_several_rows() {
    let extract = read_mapped_csv(
        "lac_and_cp.csv",
        &corpus_file("lac_and_cp.csv"),
        &lac_and_cp_mapping(),
    );
    assert_rendered(
        &extract,
        "child A1 (lac_and_cp.csv line 2): born 2016-07-14, expected -, sex F, ethnicity WBRI, iro Jo Bloggs
           episode (line 2): 2023-01-06 S C2, ended - -
           review (line 3): 2023-02-06 PN1
           review (line 4): 2023-07-21 PN3
         child B2 (lac_and_cp.csv line 5): born 2010-11-30, expected -, sex M, ethnicity MWBC, iro Sam Chair
           plan (line 5): 2024-02-13 to -, - then NEG, - previous, reviews [2024-05-10]
         child C3 (lac_and_cp.csv line 7): born 2009-02-01, expected -, sex M, ethnicity WIRI, iro -
           episode (line 7): 2024-09-01 S V3, ended 2025-01-31 -
         note: lac_and_cp.csv: 'Child ID' → child id, 'Date of birth' → date of birth, 'Gender' → gender, 'Ethnicity' → ethnicity, 'Allocated IRO' → IRO, 'Date started to be looked after' → looked-after start, 'Legal status' → legal status, 'Date ceased to be looked after' → ceased to be looked after, 'Review date' → latest review, 'Participation code' → participation code, 'CP plan start date' → plan start, 'CP plan end date' → plan end, 'Latest category of abuse' → latest category, 'Date of latest review conference' → latest review conference
         note: lac_and_cp.csv: not in the mapping, ignored: 'Team'
         note: lac_and_cp.csv: 6 rows read, 6 without a problem",
    );
}

#[test]
fn a_dirty_file_is_refused_value_by_value_with_exact_messages() {
    use MappedField as F;
    let mapping = mapping(&[
        (F::ChildId, "CHILD"),
        (F::BornOn, "DOB"),
        (F::CareStartedOn, "Start"),
        (F::LegalStatus, "LS"),
        (F::ReviewOn, "Review"),
        (F::ReviewCode, "Code"),
        (F::CpPlanStartedOn, "Plan start"),
        (F::CpReviewOn, "Conference"),
    ]);
    let extract = read_mapped_csv("dirty.csv", &corpus_file("dirty_crlf.csv"), &mapping);
    assert_rendered(
        &extract,
        r#"child D1 (dirty.csv line 2): born -, expected -, sex -, ethnicity -, iro -
             episode (line 2): 2024-01-01 S C2, ended - -
           child D2,x (dirty.csv line 4): born 2015-01-01, expected -, sex -, ethnicity -, iro -
           child D4 (dirty.csv line 5): born 2015-01-01, expected -, sex -, ethnicity -, iro -
             review (line 5): 2024-05-05 -
           child D5 (dirty.csv line 6): born -, expected -, sex -, ethnicity -, iro -
           problem: dirty.csv line 2: DOB "31/02/2015" is not a date (dd/mm/yyyy) [D1]
           problem: dirty.csv line 3: CHILD is missing: this row is not read [-]
           problem: dirty.csv line 4: Start "2024/01/01" is not a date (dd/mm/yyyy): this period of care is not read [D2,x]
           problem: dirty.csv line 5: LS "XX" is not a known code (C1, C2, D1, E1, J1, J2, J3, L1, L2, L3, V2, V3, V4): this period of care is not read [D4]
           problem: dirty.csv line 5: Code "PN8" is not a known code (PN0, PN1, PN2, PN3, PN4, PN5, PN6, PN7) [D4]
           problem: dirty.csv line 6: Conference is given without the plan's start date: this review is not read [D5]
           note: dirty.csv: 'CHILD' → child id, 'DOB' → date of birth, 'Start' → looked-after start, 'LS' → legal status, 'Review' → latest review, 'Code' → participation code, 'Plan start' → plan start, 'Conference' → latest review conference
           note: dirty.csv: 5 rows read, 0 without a problem"#,
    );
}

#[test]
fn windows_1252_with_crlf_is_read_with_its_lines() {
    use MappedField as F;
    let mapping = mapping(&[
        (F::ChildId, "Child ID"),
        (F::BornOn, "Date of birth"),
        (F::ReviewOn, "Review"),
        (F::ReviewCode, "PN"),
    ]);
    let extract = read_mapped_csv("1252.csv", &corpus_file("windows1252.csv"), &mapping);
    assert_rendered(
        &extract,
        "child RÉNÉE1 (1252.csv line 2): born 2019-04-01, expected -, sex -, ethnicity -, iro -
           review (line 2): 2024-05-02 PN0
         child ZOË2 (1252.csv line 3): born 2021-12-25, expected -, sex -, ethnicity -, iro -
         note: 1252.csv: 'Child ID' → child id, 'Date of birth' → date of birth, 'Review' → latest review, 'PN' → participation code
         note: 1252.csv: not in the mapping, ignored: 'Nom'
         note: 1252.csv: read as Windows-1252 (not UTF-8)
         note: 1252.csv: 2 rows read, 2 without a problem",
    );
}

#[test]
fn a_mapped_column_missing_from_the_header_is_one_problem_naming_it() {
    use MappedField as F;
    let text = "Child ID,Review date\nA1,02/05/2024\n";
    let with_id = mapping(&[
        (F::ChildId, "child id"),
        (F::ReviewOn, "Review date"),
        (F::ReviewCode, "PN code"),
        (F::CareStartedOn, "Start"),
    ]);
    assert_rendered(
        &read_mapped_csv("m.csv", text.as_bytes(), &with_id),
        "child A1 (m.csv line 2): born -, expected -, sex -, ethnicity -, iro -
           review (line 2): 2024-05-02 -
         problem: m.csv line 1: Start is not in the header row: care_started_on is not read [-]
         problem: m.csv line 1: PN code is not in the header row: review_code is not read [-]
         note: m.csv: 'Child ID' → child id, 'Review date' → latest review
         note: m.csv: 1 row read, 1 without a problem",
    );
    let without_id = mapping(&[(F::ChildId, "CHILD"), (F::ReviewOn, "Review date")]);
    assert_rendered(
        &read_mapped_csv("m.csv", text.as_bytes(), &without_id),
        "problem: m.csv line 1: CHILD is not in the header row: child_id is not read [-]
         problem: m.csv line 1: mapping has no column for child_id: nothing is read [-]",
    );
    let no_status = mapping(&[(F::ChildId, "Child ID"), (F::CareStartedOn, "Review date")]);
    let extract = read_mapped_csv("m.csv", text.as_bytes(), &no_status);
    let problems: Vec<String> = extract.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["m.csv line 1: mapping has no column for the legal status: periods of care are not read"]
    );
    assert!(extract.children.iter().all(|c| c.episodes.is_empty()));
    let empty = read_mapped_csv("e.csv", b"", &with_id);
    assert_eq!(empty.problems.len(), 1);
    assert_eq!(empty.problems[0].to_string(), "e.csv: file is empty");
}

#[test]
fn the_date_hint_reads_us_and_iso_dates_and_names_the_form_refused() {
    use MappedField as F;
    let text = "id,dob\nA,03/31/2024\nB,2024-03-31\nC,31/03/2024\n";
    let mut us = mapping(&[(F::ChildId, "id"), (F::BornOn, "dob")]);
    us.date_format = Some(DateHint::MonthDayYear);
    let extract = read_mapped_csv("us.csv", text.as_bytes(), &us);
    let born: Vec<String> = extract
        .children
        .iter()
        .map(|c| format!("{} {:?}", c.la_id, c.born_on.map(|d| d.to_string())))
        .collect();
    assert_eq!(
        born,
        ["A Some(\"2024-03-31\")", "B Some(\"2024-03-31\")", "C None"]
    );
    let problems: Vec<String> = extract.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["us.csv line 4: dob \"31/03/2024\" is not a date (mm/dd/yyyy)"]
    );
    let mut iso = us.clone();
    iso.date_format = Some(DateHint::Iso);
    let extract = read_mapped_csv("iso.csv", text.as_bytes(), &iso);
    let problems: Vec<String> = extract.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["iso.csv line 2: dob \"03/31/2024\" is not a date (yyyy-mm-dd)"]
    );
}

#[test]
fn suggest_mapping_recognises_a_realistic_header() {
    let header = [
        "Person ID",
        "Forename",
        "Date of Birth",
        "Gender",
        "Ethnicity",
        "Allocated IRO",
        "Date Started to be Looked After",
        "Child's Legal Status",
        "Date Ceased to be Looked After",
        "Reason ceased",
        "Review Date",
        "Participation Code (PN)",
        "Team",
        "CP Plan Start Date",
        "CP Plan End Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Number of previous CP plans",
        "Date of latest review conference",
    ];
    let suggested = suggest_mapping(&header);
    let json = serde_json::to_string_pretty(&suggested).unwrap();
    assert_eq!(
        json,
        r#"{
  "columns": {
    "child_id": "Person ID",
    "born_on": "Date of Birth",
    "sex": "Gender",
    "ethnicity": "Ethnicity",
    "iro": "Allocated IRO",
    "care_started_on": "Date Started to be Looked After",
    "legal_status": "Child's Legal Status",
    "care_ended_on": "Date Ceased to be Looked After",
    "care_end_reason": "Reason ceased",
    "review_on": "Review Date",
    "review_code": "Participation Code (PN)",
    "cp_plan_started_on": "CP Plan Start Date",
    "cp_plan_ended_on": "CP Plan End Date",
    "initial_category": "Initial Category of Abuse",
    "category": "Latest Category of Abuse",
    "previous_plans": "Number of previous CP plans",
    "cp_review_on": "Date of latest review conference"
  },
  "date_format": null
}"#
    );
    let back: ColumnMapping = serde_json::from_str(&json).unwrap();
    assert_eq!(back, suggested);
    assert!(suggest_mapping(&["Name", "Team"]).columns.is_empty());
}

#[test]
fn a_saved_mapping_with_an_unknown_field_is_refused() {
    let saved = r#"{"columns": {"child_id": "ID", "favourite_colour": "Colour"}}"#;
    assert!(serde_json::from_str::<ColumnMapping>(saved).is_err());
    let saved = r#"{"columns": {"child_id": "ID"}, "date_format": "iso"}"#;
    let mapping: ColumnMapping = serde_json::from_str(saved).unwrap();
    assert_eq!(mapping.date_format, Some(DateHint::Iso));
}

const CORPUS: [&str; 3] = ["lac_and_cp.csv", "dirty_crlf.csv", "windows1252.csv"];

/// The mapping suggested from a file's own header row.
fn own_mapping(bytes: &[u8]) -> ColumnMapping {
    let text = String::from_utf8_lossy(bytes);
    let first = text.lines().next().unwrap_or("");
    let header: Vec<&str> = first.split(',').map(str::trim).collect();
    suggest_mapping(&header)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let extract = read_mapped_csv("x.csv", &bytes, &lac_and_cp_mapping());
        check_invariants(&extract, "x.csv");
        let extract = read_mapped_csv("x.csv", &bytes, &own_mapping(&bytes));
        check_invariants(&extract, "x.csv");
    }

    #[test]
    fn mutated_files_never_panic(
        file in prop::sample::select(CORPUS.to_vec()),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = corpus_file(file);
        let mapping = own_mapping(&bytes);
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        check_invariants(&read_mapped_csv(file, &bytes, &mapping), file);
    }
}
