//! The Annex A reader: workbooks built here with rust_xlsxwriter (renamed columns, title and
//! blank rows above the header, date cells, Excel serial numbers and text dates, an unknown
//! legal status, a missing child id) pinned whole (children, facts, notes saying which column
//! was used for what, problems); a file that is no workbook; and no panic on arbitrary bytes or
//! on mutations of the workbooks of `tests/corpus/annex_a/` (committed; `UPDATE_CORPUS=1`
//! rewrites them from [`corpus_books`]), mutated both as bytes and inside their XML parts.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

use caseload_interop::import::{read_annex_a, Extract};
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell of a fixture.
enum C<'a> {
    /// Text.
    S(&'a str),
    /// A number (an Excel serial date when the column is a date).
    N(f64),
    /// A date cell, formatted dd/mm/yyyy.
    D(u16, u8, u8),
    /// Nothing.
    E,
}

/// Adds a sheet whose rows are given by their spreadsheet row number (from 1).
fn sheet(book: &mut Workbook, name: &str, rows: &[(u32, Vec<C<'_>>)]) {
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let worksheet = book.add_worksheet().set_name(name).unwrap();
    for (row, cells) in rows {
        for (col, cell) in cells.iter().enumerate() {
            let (row, col) = (row - 1, u16::try_from(col).unwrap());
            match cell {
                C::S(text) => {
                    worksheet.write_string(row, col, *text).unwrap();
                }
                C::N(n) => {
                    worksheet.write_number(row, col, *n).unwrap();
                }
                C::D(y, m, d) => {
                    let day = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    worksheet
                        .write_datetime_with_format(row, col, &day, &date)
                        .unwrap();
                }
                C::E => {}
            }
        }
    }
}

fn save(book: &mut Workbook) -> Vec<u8> {
    book.save_to_buffer().unwrap()
}

/// Ofsted's lists as an LA sends them: a contacts list (not read), List 7 under a title and
/// blank rows, a looked-after list on a sheet named "Data extract" (found by its header), and a
/// sheet of something else.
fn inspection_book() -> Vec<u8> {
    use C::{D, E, N, S};
    let mut book = Workbook::new();
    sheet(
        &mut book,
        "List 1",
        &[
            (1, vec![S("Child Unique ID"), S("Date of Contact")]),
            (2, vec![S("X1"), D(2024, 1, 2)]),
        ],
    );
    sheet(
        &mut book,
        "List 7",
        &[
            (1, vec![S("List 7: Child protection")]),
            (
                4,
                vec![
                    S("Child Unique ID"),
                    S("Gender"),
                    S("Ethnicity"),
                    S("Date of Birth"),
                    S("Age of Child (Years)"),
                    S("Child Protection Plan Start Date"),
                    S("Initial Category of Abuse"),
                    S("Latest Category of Abuse"),
                    S("Date of latest review conference"),
                    S("Number of Previous Child Protection Plans"),
                    S("Allocated Team"),
                    S("Reviewing officer"),
                ],
            ),
            (
                5,
                vec![
                    S("CP001"),
                    S("b) Female"),
                    S("WBRI"),
                    D(2016, 7, 14),
                    N(7.0),
                    D(2024, 5, 20),
                    S("Neglect"),
                    S("EMO"),
                    D(2024, 8, 19),
                    N(0.0),
                    S("Team A"),
                    S("Jo Bloggs"),
                ],
            ),
            (
                6,
                vec![
                    N(566910.0),
                    S("a) Male"),
                    S("MWBC"),
                    N(40512.0),
                    N(13.0),
                    S("13/02/2024"),
                    S("MUL"),
                    S("Sexual abuse"),
                    S("2024-05-10"),
                    S("2"),
                    S("Team B"),
                    S("Sam Chair"),
                ],
            ),
            (
                7,
                vec![
                    S("UNB01"),
                    S("c) Not yet born"),
                    S("NOBT"),
                    S("02/06/2025"),
                    N(-1.0),
                    D(2025, 2, 24),
                    S("PHY"),
                    S("Physical abuse"),
                    E,
                    N(1.0),
                ],
            ),
            (
                8,
                vec![
                    E,
                    S("a) Male"),
                    S("WBRI"),
                    D(2015, 1, 1),
                    N(9.0),
                    S("01/01/2024"),
                ],
            ),
            (
                9,
                vec![
                    S("CP005"),
                    S("b) Female"),
                    S("WOTH"),
                    S("05/05/2012"),
                    N(11.0),
                    S("31/02/2024"),
                    S("NEG"),
                    S("Financial"),
                    S("soon"),
                    S("two"),
                ],
            ),
        ],
    );
    sheet(
        &mut book,
        "Data extract",
        &[
            (1, vec![S("Children looked after at 31 March 2025")]),
            (
                3,
                vec![
                    S("CHILD"),
                    S("DOB"),
                    S("Sex"),
                    S("Ethnic origin"),
                    S("Date started to be looked after"),
                    S("Child's Legal Status"),
                    S("Date of Latest Statutory Review"),
                    S("Participation code"),
                    S("Allocated IRO"),
                    S("Placement Type"),
                    S("Date Ceased to be Looked After"),
                    S("Reason Ceased"),
                ],
            ),
            (
                4,
                vec![
                    S("LA001"),
                    D(2010, 11, 30),
                    S("1"),
                    S("WBRI"),
                    D(2023, 1, 6),
                    S("C2 - Full care order"),
                    N(45373.0),
                    S("PN1"),
                    S("Jo Bloggs"),
                    S("U4"),
                ],
            ),
            (
                5,
                vec![
                    S("LA002"),
                    S("2012-03-05"),
                    S("2"),
                    S("BAFR"),
                    S("14/04/2024"),
                    S("V3"),
                    S("2024-06-10 00:00:00"),
                    S("pn7"),
                    E,
                    E,
                    D(2025, 1, 31),
                    S("E13"),
                ],
            ),
            (
                6,
                vec![
                    S("LA003"),
                    S("01/02/2009"),
                    S("1"),
                    S("WIRI"),
                    S("01/09/2024"),
                    S("Interim care order"),
                    S("15/10/2024"),
                    S("PN9"),
                ],
            ),
            (
                7,
                vec![
                    S("  "),
                    S("01/02/2009"),
                    S("1"),
                    S("WIRI"),
                    S("01/09/2024"),
                    S("C1"),
                ],
            ),
        ],
    );
    sheet(
        &mut book,
        "Notes",
        &[
            (1, vec![S("Prepared by the performance team")]),
            (2, vec![S("Not for circulation")]),
        ],
    );
    save(&mut book)
}

fn opt<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map_or("-".to_string(), T::to_string)
}

/// The extract as text: one line per child and fact, then problems and notes.
pub(crate) fn render(extract: &Extract) -> String {
    let mut out = String::new();
    for child in &extract.children {
        out += &format!(
            "child {} ({}): born {}, expected {}, sex {}, ethnicity {}, iro {}\n",
            child.la_id,
            child
                .at
                .as_ref()
                .map_or("-".to_string(), ToString::to_string),
            opt(&child.born_on),
            opt(&child.expected_birth_on),
            opt(&child.sex),
            opt(&child.ethnicity),
            opt(&child.iro),
        );
        for ep in &child.episodes {
            out += &format!(
                "  episode (line {}): {} {} {}, ended {} {}\n",
                opt(&ep.at.line),
                ep.started_on,
                ep.reason_new,
                ep.legal_status,
                opt(&ep.ended_on),
                opt(&ep.reason_end),
            );
        }
        for review in &child.reviews {
            out += &format!(
                "  review (line {}): {} {}\n",
                opt(&review.at.line),
                review.held_on,
                opt(&review.participation),
            );
        }
        for plan in &child.plans {
            let reviews: Vec<String> = plan.reviews_held_on.iter().map(|d| d.to_string()).collect();
            out += &format!(
                "  plan (line {}): {} to {}, {} then {}, {} previous, reviews [{}]\n",
                opt(&plan.at.line),
                plan.started_on,
                opt(&plan.ended_on),
                opt(&plan.initial_category),
                opt(&plan.latest_category),
                opt(&plan.previous_plans),
                reviews.join(" "),
            );
        }
    }
    for problem in &extract.problems {
        out += &format!("problem: {problem} [{}]\n", opt(&problem.child));
    }
    for note in &extract.notes {
        out += &format!("note: {note}\n");
    }
    out
}

/// Compares an extract's rendering with the expected lines (each trimmed at the start).
pub(crate) fn assert_rendered(extract: &Extract, expected: &str) {
    let actual = render(extract);
    let actual: Vec<&str> = actual.lines().map(str::trim_start).collect();
    let expected: Vec<&str> = expected.lines().map(str::trim_start).collect();
    assert_eq!(actual, expected);
}

#[test]
fn the_cp_and_looked_after_lists_are_read_with_renamed_columns_and_every_date_form() {
    assert_rendered(
        &read_annex_a("annex_a.xlsx", &inspection_book()),
        r#"child CP001 (annex_a.xlsx sheet List 7 line 5): born 2016-07-14, expected -, sex b) Female, ethnicity WBRI, iro Jo Bloggs
             plan (line 5): 2024-05-20 to -, NEG then EMO, 0 previous, reviews [2024-08-19]
           child 566910 (annex_a.xlsx sheet List 7 line 6): born 2010-11-30, expected -, sex a) Male, ethnicity MWBC, iro Sam Chair
             plan (line 6): 2024-02-13 to -, MUL then SAB, 2 previous, reviews [2024-05-10]
           child UNB01 (annex_a.xlsx sheet List 7 line 7): born -, expected 2025-06-02, sex c) Not yet born, ethnicity NOBT, iro -
             plan (line 7): 2025-02-24 to -, PHY then PHY, 1 previous, reviews []
           child CP005 (annex_a.xlsx sheet List 7 line 9): born 2012-05-05, expected -, sex b) Female, ethnicity WOTH, iro -
           child LA001 (annex_a.xlsx sheet Data extract line 4): born 2010-11-30, expected -, sex 1, ethnicity WBRI, iro Jo Bloggs
             episode (line 4): 2023-01-06 S C2, ended - -
             review (line 4): 2024-03-22 PN1
           child LA002 (annex_a.xlsx sheet Data extract line 5): born 2012-03-05, expected -, sex 2, ethnicity BAFR, iro -
             episode (line 5): 2024-04-14 S V3, ended 2025-01-31 E13
             review (line 5): 2024-06-10 PN7
           child LA003 (annex_a.xlsx sheet Data extract line 6): born 2009-02-01, expected -, sex 1, ethnicity WIRI, iro -
             review (line 6): 2024-10-15 -
           problem: annex_a.xlsx sheet List 7 line 8: Child Unique ID is missing: this row is not read [-]
           problem: annex_a.xlsx sheet List 7 line 9: Child Protection Plan Start Date "31/02/2024" is not a date (dd/mm/yyyy): this plan is not read [CP005]
           problem: annex_a.xlsx sheet List 7 line 9: Latest Category of Abuse "Financial" is not a category of abuse (NEG, PHY, SAB, EMO, MUL, or their names) [CP005]
           problem: annex_a.xlsx sheet List 7 line 9: Number of Previous Child Protection Plans "two" is not a whole number [CP005]
           problem: annex_a.xlsx sheet List 7 line 9: Date of latest review conference "soon" is not a date (dd/mm/yyyy) [CP005]
           problem: annex_a.xlsx sheet Data extract line 6: Child's Legal Status "Interim care order" is not a known code (C1, C2, D1, E1, J1, J2, J3, L1, L2, L3, V2, V3, V4): this period of care is not read [LA003]
           problem: annex_a.xlsx sheet Data extract line 6: Participation code "PN9" is not a known code (PN0, PN1, PN2, PN3, PN4, PN5, PN6, PN7) [LA003]
           problem: annex_a.xlsx sheet Data extract line 7: CHILD is missing: this row is not read [-]
           note: annex_a.xlsx: sheet 'List 1' is another Annex A list: not used
           note: annex_a.xlsx: sheet 'List 7' (child protection list), header on row 4: 'Child Unique ID' → child id, 'Date of Birth' → date of birth, 'Age of Child (Years)' → age, 'Gender' → gender, 'Ethnicity' → ethnicity, 'Reviewing officer' → IRO, 'Child Protection Plan Start Date' → plan start, 'Initial Category of Abuse' → initial category, 'Latest Category of Abuse' → latest category, 'Number of Previous Child Protection Plans' → previous plans, 'Date of latest review conference' → latest review conference; not found: expected date of birth, plan end
           note: annex_a.xlsx: sheet 'List 7': columns not used: 'Allocated Team'
           note: annex_a.xlsx: sheet 'List 7': 5 rows read, 3 without a problem
           note: annex_a.xlsx: sheet 'Data extract' (looked after list), header on row 3: 'CHILD' → child id, 'DOB' → date of birth, 'Sex' → gender, 'Ethnic origin' → ethnicity, 'Allocated IRO' → IRO, 'Date started to be looked after' → looked-after start, 'Child's Legal Status' → legal status, 'Date Ceased to be Looked After' → ceased to be looked after, 'Reason Ceased' → reason ceased, 'Date of Latest Statutory Review' → latest review, 'Participation code' → participation code; not found: expected date of birth, age
           note: annex_a.xlsx: sheet 'Data extract': columns not used: 'Placement Type'
           note: annex_a.xlsx: sheet 'Data extract': 4 rows read, 2 without a problem
           note: annex_a.xlsx: sheet 'Notes' has no header row with a child id column: not used"#,
    );
}

#[test]
fn a_list_named_but_without_its_start_column_keeps_its_children_and_says_so() {
    use C::{D, S};
    let mut book = Workbook::new();
    sheet(
        &mut book,
        "CP plans",
        &[
            (2, vec![S("child id"), S("D.O.B."), S("Category")]),
            (3, vec![S("K1"), D(2019, 4, 1), S("NEG")]),
        ],
    );
    assert_rendered(
        &read_annex_a("cp.xlsx", &save(&mut book)),
        "child K1 (cp.xlsx sheet CP plans line 3): born 2019-04-01, expected -, sex -, ethnicity -, iro -
         problem: cp.xlsx sheet CP plans line 2: header row has no plan start column: its facts are not read [-]
         problem: cp.xlsx sheet CP plans line 2: header row has no column for the plan start: plans are not read [-]
         note: cp.xlsx: sheet 'CP plans' (child protection list), header on row 2: 'child id' → child id, 'D.O.B.' → date of birth, 'Category' → latest category; not found: expected date of birth, age, gender, ethnicity, IRO, plan start, plan end, initial category, previous plans, latest review conference
         note: cp.xlsx: sheet 'CP plans': 1 row read, 1 without a problem",
    );
}

#[test]
fn a_workbook_without_either_list_is_one_problem() {
    use C::S;
    let mut book = Workbook::new();
    sheet(&mut book, "Sheet1", &[(1, vec![S("Name"), S("Team")])]);
    assert_rendered(
        &read_annex_a("other.xlsx", &save(&mut book)),
        "problem: other.xlsx: workbook has no child-protection or looked-after list (sheets: 'Sheet1') [-]
         note: other.xlsx: sheet 'Sheet1' has no header row with a child id column: not used",
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_one_problem() {
    let extract = read_annex_a("list7.csv", b"Child ID,DOB\r\nA1,01/02/2010\r\n");
    assert!(extract.children.is_empty() && extract.notes.is_empty());
    let problems: Vec<String> = extract.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["list7.csv: file is not an xlsx workbook (Zip error: invalid Zip archive: Could not find EOCD)"]
    );
}

#[test]
fn a_cell_reference_calamine_overflows_on_refuses_the_workbook_whole() {
    let (_, bytes) = &corpus()[1];
    let mut parts = unzip(bytes);
    let sheet = parts
        .iter_mut()
        .find(|(name, _)| name == "xl/worksheets/sheet1.xml")
        .unwrap();
    let xml = String::from_utf8(sheet.1.clone()).unwrap();
    assert!(xml.contains(r#"r="A3""#));
    sheet.1 = xml.replace(r#"r="A3""#, r#"r="AAAAAAAAA3""#).into_bytes();
    let extract = read_annex_a("damaged.xlsx", &rezip(&parts));
    if cfg!(debug_assertions) {
        // calamine's arithmetic overflows: caught, and the file refused whole.
        assert_rendered(
            &extract,
            "problem: damaged.xlsx: file cannot be read: the xlsx reader failed on its contents [-]",
        );
    } else {
        // Unchecked, it wraps: whatever is read, nothing panics.
        check_invariants(&extract, "damaged.xlsx");
    }
}

/// The corpus's workbooks, by file name.
fn corpus_books() -> Vec<(&'static str, Vec<u8>)> {
    use C::{D, E, N, S};
    let mut small = Workbook::new();
    sheet(
        &mut small,
        "List 8",
        &[
            (
                2,
                vec![
                    S("Child ID"),
                    S("Date of birth"),
                    S("Legal status"),
                    S("Period start"),
                    S("Review date"),
                    S("PN code"),
                ],
            ),
            (
                3,
                vec![
                    S("A1"),
                    D(2015, 3, 1),
                    S("C2"),
                    N(45000.0),
                    S("01/02/2024"),
                    S("PN3"),
                ],
            ),
            (
                4,
                vec![N(22.0), E, S("V4"), D(2024, 1, 1), N(45373.0), S("PN0")],
            ),
        ],
    );
    let mut both = Workbook::new();
    sheet(
        &mut both,
        "Child protection",
        &[
            (
                1,
                vec![
                    S("Child id"),
                    S("CP Plan Start Date"),
                    S("CP plan end date"),
                    S("Category"),
                    S("IRO"),
                ],
            ),
            (
                2,
                vec![
                    S("B1"),
                    S("2023-10-01"),
                    D(2024, 9, 1),
                    S("Emotional"),
                    S("A. Chair"),
                ],
            ),
        ],
    );
    sheet(
        &mut both,
        "Looked after",
        &[
            (
                1,
                vec![
                    S("Child id"),
                    S("Date started to be looked after"),
                    S("Legal status"),
                ],
            ),
            (2, vec![S("B1"), D(2024, 9, 2), S("C1")]),
        ],
    );
    vec![
        ("small_list8.xlsx", save(&mut small)),
        ("cp_and_cla.xlsx", save(&mut both)),
    ]
}

fn corpus_dir() -> PathBuf {
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    path.extend(["tests", "corpus", "annex_a"]);
    path
}

/// The committed corpus (read once); with `UPDATE_CORPUS=1`, rewritten first.
fn corpus() -> &'static [(String, Vec<u8>)] {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = corpus_dir();
        if std::env::var_os("UPDATE_CORPUS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            for (name, bytes) in corpus_books() {
                std::fs::write(dir.join(name), bytes).unwrap();
            }
        }
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
            .map(|entry| {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&path).unwrap())
            })
            .collect();
        files.sort();
        files
    })
}

#[test]
fn the_committed_corpus_reads_as_expected() {
    let files = corpus();
    assert_eq!(
        files.len(),
        2,
        "the corpus is missing: UPDATE_CORPUS=1 writes it"
    );
    let (_, both) = &files[0];
    assert_rendered(
        &read_annex_a("cp_and_cla.xlsx", both),
        "child B1 (cp_and_cla.xlsx sheet Child protection line 2): born -, expected -, sex -, ethnicity -, iro A. Chair
           episode (line 2): 2024-09-02 S C1, ended - -
           plan (line 2): 2023-10-01 to 2024-09-01, - then EMO, - previous, reviews []
         note: cp_and_cla.xlsx: sheet 'Child protection' (child protection list), header on row 1: 'Child id' → child id, 'IRO' → IRO, 'CP Plan Start Date' → plan start, 'CP plan end date' → plan end, 'Category' → latest category; not found: date of birth, expected date of birth, age, gender, ethnicity, initial category, previous plans, latest review conference
         note: cp_and_cla.xlsx: sheet 'Child protection': 1 row read, 1 without a problem
         note: cp_and_cla.xlsx: sheet 'Looked after' (looked after list), header on row 1: 'Child id' → child id, 'Date started to be looked after' → looked-after start, 'Legal status' → legal status; not found: date of birth, expected date of birth, age, gender, ethnicity, IRO, ceased to be looked after, reason ceased, latest review, participation code
         note: cp_and_cla.xlsx: sheet 'Looked after': 1 row read, 1 without a problem",
    );
    let (_, small) = &files[1];
    let extract = read_annex_a("small_list8.xlsx", small);
    let ids: Vec<&str> = extract.children.iter().map(|c| c.la_id.as_str()).collect();
    assert_eq!(ids, ["A1", "22"]);
    assert!(extract.problems.is_empty(), "{:?}", extract.problems);
}

/// A workbook's parts (name and bytes), in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            (part.name().to_string(), data)
        })
        .collect()
}

/// Parts zipped again (deflated), so a mutation inside one reaches calamine's XML reading.
fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A workbook's parts: each name and its bytes.
type Parts = Vec<(String, Vec<u8>)>;

/// Every part of every corpus workbook, unzipped once.
fn corpus_parts() -> &'static [Parts] {
    static PARTS: OnceLock<Vec<Parts>> = OnceLock::new();
    PARTS.get_or_init(|| corpus().iter().map(|(_, bytes)| unzip(bytes)).collect())
}

/// A mutation of bytes: overwrite, insert, delete or cut at a position.
#[derive(Debug, Clone)]
pub(crate) enum Mutation {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Cut(usize),
}

pub(crate) fn mutation() -> impl Strategy<Value = Mutation> {
    let pieces = prop::sample::select(vec![
        b"<".to_vec(),
        b"</row>".to_vec(),
        b"<c r=\"XFD1048576\"><v>1</v></c>".to_vec(),
        b"<row r=\"4294967295\">".to_vec(),
        b"t=\"s\"".to_vec(),
        b"<v>99999</v>".to_vec(),
        b"s=\"1\"".to_vec(),
        b"&#0;".to_vec(),
        b"\xff\xfe".to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Set(at, b)),
        (any::<usize>(), pieces).prop_map(|(at, p)| Mutation::Insert(at, p)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Cut),
    ]
}

pub(crate) fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len().max(1);
    match mutation {
        Mutation::Set(at, b) => {
            if let Some(slot) = bytes.get_mut(at % len) {
                *slot = *b;
            }
        }
        Mutation::Insert(at, piece) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, piece.iter().copied());
        }
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Cut(at) => bytes.truncate(at % len),
    }
}

/// What every extract keeps, whatever the input: children with ids, problems naming the file.
pub(crate) fn check_invariants(extract: &Extract, name: &str) {
    assert!(extract.children.iter().all(|c| !c.la_id.trim().is_empty()));
    assert!(extract.problems.iter().all(|p| p.at.file == name));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let extract = read_annex_a("x.xlsx", &bytes);
        check_invariants(&extract, "x.xlsx");
        prop_assert!(extract.children.is_empty());
    }

    #[test]
    fn zip_like_bytes_never_panic(tail in prop::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        check_invariants(&read_annex_a("x.xlsx", &bytes), "x.xlsx");
    }

    #[test]
    fn mutated_workbooks_never_panic(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let files = corpus();
        let (name, bytes) = &files[file.index(files.len())];
        let mut bytes = bytes.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        check_invariants(&read_annex_a(name, &bytes), name);
    }

    #[test]
    fn workbooks_mutated_inside_their_xml_never_panic(
        file in any::<prop::sample::Index>(),
        part in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let books = corpus_parts();
        let mut parts = books[file.index(books.len())].clone();
        let idx = part.index(parts.len());
        for m in &mutations {
            mutate(&mut parts[idx].1, m);
        }
        check_invariants(&read_annex_a("m.xlsx", &rezip(&parts)), "m.xlsx");
    }
}
