//! SSDA903, CSV and XML: our fixtures in `tests/data/903/` (a clean return, a dirty one whose
//! every message is pinned, encodings, XML shapes and broken XML), the counts of children,
//! episodes and reviews checked against a plain split of the files, and no panic (nor a broken
//! invariant) on arbitrary bytes, generated tables or mutations of `tests/corpus/903/`.

use std::collections::HashSet;
use std::path::PathBuf;

use caseload_interop::import::ssda903::codes::{self, PARTICIPATION};
use caseload_interop::import::ssda903::{read_903_csv, read_903_xml};
use caseload_interop::import::{Extract, ExtractChild};
use proptest::prelude::*;

fn dir(parts: &[&str]) -> PathBuf {
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    path.extend(["tests"].iter().chain(parts));
    path
}

/// Every file of a folder, by name, sorted.
fn files_in(parts: &[&str]) -> Vec<(String, Vec<u8>)> {
    let path = dir(parts);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn file(parts: &[&str]) -> Vec<u8> {
    std::fs::read(dir(parts)).unwrap()
}

fn csv(files: &[(String, Vec<u8>)]) -> Extract {
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    read_903_csv(&refs)
}

fn xml(name: &str) -> Extract {
    read_903_xml(name, &file(&["data", "903", "xml", name]))
}

fn problems(extract: &Extract) -> Vec<String> {
    extract.problems.iter().map(ToString::to_string).collect()
}

/// A child in one line per fact: identity, then each episode and review with where it is.
fn render(child: &ExtractChild) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
    let at = child
        .at
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut out = format!(
        "{} born {} sex {} ethnic {} ({at})\n",
        child.la_id,
        child.born_on.map_or("-".to_string(), |d| d.to_string()),
        opt(&child.sex),
        opt(&child.ethnicity),
    );
    for e in &child.episodes {
        out.push_str(&format!(
            "  episode {} {} {} {} to {} {} ({})\n",
            e.started_on,
            e.reason_new,
            e.legal_status,
            opt(&e.placement),
            e.ended_on.map_or("-".to_string(), |d| d.to_string()),
            opt(&e.reason_end),
            e.at,
        ));
    }
    for r in &child.reviews {
        let code = opt(&r.participation);
        out.push_str(&format!("  review {} {code} ({})\n", r.held_on, r.at));
    }
    out
}

fn rendered(extract: &Extract) -> String {
    extract.children.iter().map(render).collect()
}

#[test]
fn clean_csv_return_maps_each_column_to_the_contract() {
    let extract = csv(&files_in(&["data", "903", "clean"]));
    assert_eq!(problems(&extract), Vec::<String>::new());
    assert_eq!(
        rendered(&extract),
        "\
C1001 born 2008-03-27 sex 2 ethnic WBRI (header.csv line 2)
  episode 2016-02-15 S C2 U4 to 2017-08-14 X1 (episodes.csv line 2)
  episode 2017-08-14 P C2 U1 to - - (episodes.csv line 3)
  review 2016-03-14 PN1 (reviews.csv line 2)
  review 2016-09-01 PN5 (reviews.csv line 3)
C1002 born 2011-09-09 sex 1 ethnic MWBC (header.csv line 3)
  episode 2020-04-01 S V3 R5 to 2020-04-03 E13 (episodes.csv line 4)
  review 2020-04-20 PN6 (reviews.csv line 4)
C1003 born 2015-01-20 sex 1 ethnic ABAN (header.csv line 4)
  episode 2021-01-20 S J2 - to - - (episodes.csv line 5)
  review 2021-02-17 PN0 (reviews.csv line 5)
C1004 born 2012-05-05 sex - ethnic - (reviews.csv line 6)
  review 2020-10-10 PN3 (reviews.csv line 6)
"
    );
    assert_eq!(
        extract.notes,
        [
            "oc2.csv: outcomes (OC2) — not used",
            "header.csv: 3 children",
            "episodes.csv: 4 episodes",
            "reviews.csv: 5 reviews",
        ]
    );
}

#[test]
fn tables_are_known_by_their_header_row_not_their_name_nor_their_order() {
    let clean = files_in(&["data", "903", "clean"]);
    let renamed: Vec<(String, Vec<u8>)> = clean
        .iter()
        .rev()
        .enumerate()
        .map(|(i, (_, bytes))| (format!("export{i}.txt"), bytes.clone()))
        .collect();
    let forward = csv(&clean);
    let backward = csv(&renamed);
    let ids = |e: &Extract| {
        e.children
            .iter()
            .map(|c| c.la_id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&forward), ids(&backward));
    let facts = |e: &Extract| {
        e.children
            .iter()
            .map(|c| (c.born_on, c.episodes.len(), c.reviews.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(facts(&forward), facts(&backward));
    assert!(backward.problems.is_empty(), "{:?}", problems(&backward));
}

#[test]
fn dirty_csv_rows_are_refused_one_by_one_with_file_line_field_and_reason() {
    let extract = csv(&files_in(&["data", "903", "dirty"]));
    let rec_codes = codes::REASONS_ENDED.join(", ");
    let expected = [
        "empty.csv: file is empty".to_string(),
        "notes.txt line 1: header row \"NAME,ADDRESS\" is not one of the SSDA903 tables".into(),
        "short_episodes.csv line 1: header row is a 903 episodes table missing DEC, REC".into(),
        "header.csv line 2: DOB \"31/02/2010\" is not a date (dd/mm/yyyy)".into(),
        "header.csv line 3: CHILD is missing".into(),
        "header.csv line 4: DOB is missing".into(),
        "header.csv line 6: CHILD \"D2004\" already has a header row (header.csv line 5)".into(),
        "episodes.csv line 3: DECOM \"notadate\" is not a date (dd/mm/yyyy)".into(),
        "episodes.csv line 4: RNE \"Q\" is not a known code (S, L, P, T, B, U)".into(),
        "episodes.csv line 4: LS \"C9\" is not a known code \
         (C1, C2, D1, E1, J1, J2, J3, L1, L2, L3, V2, V3, V4)"
            .into(),
        "episodes.csv line 5: DEC \"01/10/2020\" is before DECOM \"10/10/2020\"".into(),
        "episodes.csv line 6: DECOM is missing".into(),
        "episodes.csv line 6: RNE is missing".into(),
        "episodes.csv line 6: LS is missing".into(),
        format!("episodes.csv line 7: REC \"E99\" is not a known code ({rec_codes})"),
        "episodes.csv line 8: CHILD is missing".into(),
        // Lines 9 and 10 are one record (a quoted cell over two lines).
        "episodes.csv line 11: DEC \"31/04/2020\" is not a date (dd/mm/yyyy)".into(),
        "reviews.csv line 3: REVIEW_CODE is missing (required when REVIEW is given)".into(),
        "reviews.csv line 4: DOB \"05/04/2014\" is not the date of birth read before \
         (04/04/2014, header.csv line 5)"
            .into(),
        "reviews.csv line 5: REVIEW \"32/01/2021\" is not a date (dd/mm/yyyy)".into(),
        "reviews.csv line 5: REVIEW_CODE \"PN8\" is not a known code \
         (PN0, PN1, PN2, PN3, PN4, PN5, PN6, PN7)"
            .into(),
        "reviews.csv line 6: REVIEW is missing".into(),
        "reviews.csv line 7: DOB \"99/99/9999\" is not a date (dd/mm/yyyy)".into(),
    ];
    assert_eq!(problems(&extract), expected);
    // Each problem names its child when the row has one.
    let named: Vec<Option<&str>> = extract
        .problems
        .iter()
        .map(|p| p.child.as_deref())
        .collect();
    assert_eq!(
        named[3..7],
        [Some("D2001"), None, Some("D2003"), Some("D2004")]
    );
    // Rows with a problem are left out; their children are still there to be named.
    assert_eq!(
        rendered(&extract),
        "\
D2001 born - sex - ethnic - (header.csv line 2)
D2003 born - sex - ethnic - (header.csv line 4)
D2004 born 2014-04-04 sex 1 ethnic WBRI (header.csv line 5)
  episode 2020-01-01 S C2 U1 to 2020-02-01 X1 (episodes.csv line 2)
  episode 2020-04-01 P C2 U1 to - - (episodes.csv line 9)
  review 2020-01-15 PN1 (reviews.csv line 2)
D2005 born 2015-05-05 sex 2 ethnic ABAN (header.csv line 7)
D2007 born - sex - ethnic - (reviews.csv line 7)
"
    );
    assert_eq!(
        extract.notes,
        [
            "header.csv: 2 children, 4 rows not used",
            "episodes.csv: 2 episodes, 7 rows not used",
            "reviews.csv: 1 review, 5 rows not used",
        ]
    );
}

#[test]
fn windows_1252_bom_and_crlf_files_read_the_same() {
    let read = |name: &str| {
        let bytes = file(&["data", "903", "encoding", name]);
        read_903_csv(&[("header.csv", bytes.as_slice())])
    };
    let plain = read("header_lf.csv");
    let windows = read("header_1252.csv");
    let bom = read("header_bom.csv");
    let expected = "\
ZOË7 born 2010-02-01 sex 2 ethnic WBRI (header.csv line 2)
E5002 born 2011-03-02 sex 1 ethnic WIRI (header.csv line 3)
";
    for extract in [&plain, &windows, &bom] {
        assert_eq!(rendered(extract), expected);
        assert!(extract.problems.is_empty());
    }
    assert_eq!(
        windows.notes,
        ["header.csv: 2 children (read as Windows-1252)"]
    );
    assert_eq!(bom.notes, ["header.csv: 2 children"]);
}

#[test]
fn crlf_lines_are_counted_like_lf_lines_and_a_missing_final_newline_is_fine() {
    let encoding = files_in(&["data", "903", "encoding"]);
    let tables: Vec<(String, Vec<u8>)> = encoding
        .into_iter()
        .filter(|(name, _)| name == "header_1252.csv" || !name.starts_with("header"))
        .collect();
    let extract = csv(&tables);
    assert_eq!(
        problems(&extract),
        ["episodes_crlf.csv line 3: DECOM \"1/1/2020\" is not a date (dd/mm/yyyy)"]
    );
    assert_eq!(
        rendered(&extract),
        "\
ZOË7 born 2010-02-01 sex 2 ethnic WBRI (header_1252.csv line 2)
  episode 2020-01-01 S C2 U1 to - - (episodes_crlf.csv line 2)
  review 2020-03-03 PN2 (reviews_1252_no_final_newline.csv line 2)
E5002 born 2011-03-02 sex 1 ethnic WIRI (header_1252.csv line 3)
"
    );
}

#[test]
fn xml_return_maps_each_element_to_the_contract() {
    let extract = xml("return.xml");
    assert_eq!(problems(&extract), Vec::<String>::new());
    assert_eq!(
        rendered(&extract),
        "\
X3001 born 2012-02-14 sex 1 ethnic WBRI (return.xml CHILD 1 line 4)
  episode 2020-04-01 S C2 U1 to - - (return.xml CHILD 1 EPISODE 1 line 18)
  review 2020-05-10 PN1 (return.xml CHILD 1 AREVIEW 1 line 11)
  review 2020-11-09 PN5 (return.xml CHILD 1 AREVIEW 2 line 15)
X3002 born 2019-07-30 sex 2 ethnic MWBC (return.xml CHILD 2 line 24)
  episode 2021-01-02 S V3 R&1 to 2021-01-04 E13 (return.xml CHILD 2 EPISODE 1 line 35)
  episode 2021-02-05 S V4 R1 to 2021-02-06 E13 (return.xml CHILD 2 EPISODE 2 line 39)
  review 2021-01-12 PN0 (return.xml CHILD 2 AREVIEW 1 line 29)
X3003 born 2006-12-01 sex 1 ethnic BAFR (return.xml CHILD 3 line 45)
  episode 2020-10-20 S J2 K2 to 2021-10-20 X1 (return.xml CHILD 3 EPISODE 1 line 51)
  episode 2021-10-20 L C2 K2 to - - (return.xml CHILD 3 EPISODE 2 line 55)
"
    );
    assert_eq!(
        extract.notes,
        [
            "return.xml: 3 children, 5 episodes, 3 reviews",
            "return.xml: not read: OC2, UASC, UPN",
        ]
    );
}

#[test]
fn xml_in_the_message_shape_with_a_namespace_and_any_case_reads_too() {
    let extract = xml("message.xml");
    assert_eq!(problems(&extract), Vec::<String>::new());
    assert_eq!(
        rendered(&extract),
        "\
M4001 born 2013-03-03 sex 2 ethnic WOTH (message.xml CHILD 1 line 6)
  episode 2021-03-01 S C1 U3 to - - (message.xml CHILD 1 EPISODE 1 line 10)
  review 2021-06-01 PN2 (message.xml CHILD 1 AREVIEW 1 line 8)
"
    );
}

#[test]
fn dirty_xml_is_refused_by_element_and_line() {
    let extract = xml("dirty.xml");
    assert_eq!(
        problems(&extract),
        [
            "dirty.xml CHILD 1 AREVIEW 1 line 9: REVIEW_CODE is missing \
             (required when REVIEW is given)",
            "dirty.xml CHILD 1 EPISODE 1 line 15: DECOM \"notadate\" is not a date (dd/mm/yyyy)",
            "dirty.xml CHILD 2 line 23: CHILDID is missing",
            "dirty.xml CHILD 3 line 30: DOB \"30/02/2016\" is not a date (dd/mm/yyyy)",
            "dirty.xml CHILD 3 EPISODE 1 line 34: LS \"V9\" is not a known code \
             (C1, C2, D1, E1, J1, J2, J3, L1, L2, L3, V2, V3, V4)",
            "dirty.xml CHILD 3 EPISODE 1 line 34: DEC \"01/05/2020\" is before DECOM \"01/06/2020\"",
        ]
    );
    assert_eq!(
        rendered(&extract),
        "\
Y5001 born 2012-02-14 sex 1 ethnic WBRI (dirty.xml CHILD 1 line 4)
  episode 2020-06-01 P C2 U1 to - - (dirty.xml CHILD 1 EPISODE 2 line 18)
  review 2020-11-11 PN3 (dirty.xml CHILD 1 AREVIEW 2 line 13)
Y5003 born - sex - ethnic - (dirty.xml CHILD 3 line 30)
"
    );
    assert_eq!(
        extract.notes,
        ["dirty.xml: 3 children, 1 episode, 1 review, 5 elements not used"]
    );
}

#[test]
fn broken_xml_is_one_problem_and_the_child_it_cuts_is_named_not_used() {
    let truncated = xml("truncated.xml");
    assert_eq!(
        problems(&truncated),
        [
            "truncated.xml CHILD 1 line 16: XML ends before every element is closed \
          (the file is cut short)"
        ]
    );
    assert_eq!(
        rendered(&truncated),
        "X3001 born - sex - ethnic - (truncated.xml CHILD 1 line 3)\n"
    );

    let mismatched = xml("mismatched.xml");
    assert_eq!(
        problems(&mismatched),
        [
            "mismatched.xml CHILD 1 line 4: XML is not well-formed: ill-formed document: \
          expected `</CHILD>`, but `</EPISODE>` was found"
        ]
    );
    assert_eq!(mismatched.children.len(), 1);
    assert!(mismatched.children[0].born_on.is_none());

    let cin = xml("not_903.xml");
    assert_eq!(
        problems(&cin),
        ["not_903.xml: XML has no <CHILD> element: it is not an SSDA903 return"]
    );
    assert!(cin.children.is_empty());
}

/// Data rows of a CSV table by a plain split: lines after the first that are not blank.
fn data_lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .skip(1)
        .filter(|line| !line.trim().trim_matches(',').is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn counts_agree_with_a_plain_split_of_the_files() {
    let clean = files_in(&["data", "903", "clean"]);
    let extract = csv(&clean);
    let table = |name: &str| &clean.iter().find(|(n, _)| n == name).unwrap().1;
    // Every table's first column is CHILD: a child is any id in any of them.
    let all_ids: HashSet<String> = ["header.csv", "episodes.csv", "reviews.csv"]
        .iter()
        .flat_map(|name| data_lines(table(name)))
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(extract.children.len(), all_ids.len());
    let episodes: usize = extract.children.iter().map(|c| c.episodes.len()).sum();
    let reviews: usize = extract.children.iter().map(|c| c.reviews.len()).sum();
    assert_eq!(episodes, data_lines(table("episodes.csv")).len());
    assert_eq!(reviews, data_lines(table("reviews.csv")).len());

    let bytes = file(&["data", "903", "xml", "return.xml"]);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let extract = read_903_xml("return.xml", &bytes);
    let episodes: usize = extract.children.iter().map(|c| c.episodes.len()).sum();
    let reviews: usize = extract.children.iter().map(|c| c.reviews.len()).sum();
    assert_eq!(extract.children.len(), text.matches("<CHILD>").count());
    assert_eq!(episodes, text.matches("<EPISODE>").count());
    assert_eq!(reviews, text.matches("<AREVIEW>").count());
}

/// What holds of any extract, whatever the input: ids unique and non-empty, every place in a
/// given file and on a line that exists, episodes not ending before they start, codes known.
fn check_invariants(extract: &Extract, inputs: &[(&str, &[u8])]) {
    let names: HashSet<&str> = inputs.iter().map(|(name, _)| *name).collect();
    let max_line = 1 + inputs
        .iter()
        .map(|(_, b)| b.iter().filter(|&&c| c == b'\n' || c == b'\r').count())
        .sum::<usize>();
    let check_at = |at: &caseload_interop::import::SourceRef| {
        assert!(names.contains(at.file.as_str()), "{at}");
        if let Some(line) = at.line {
            assert!(line >= 1 && line as usize <= max_line, "{at}");
        }
    };
    let mut ids = HashSet::new();
    for child in &extract.children {
        assert!(!child.la_id.trim().is_empty());
        assert!(ids.insert(child.la_id.clone()), "{} twice", child.la_id);
        child.at.iter().for_each(check_at);
        for e in &child.episodes {
            check_at(&e.at);
            assert!(e.ended_on.is_none_or(|end| end >= e.started_on));
            assert!(codes::known(&e.reason_new, codes::REASONS_NEW).is_some());
            assert!(codes::known(&e.legal_status, codes::LEGAL_STATUSES).is_some());
        }
        for r in &child.reviews {
            check_at(&r.at);
            let code = r.participation.as_deref().unwrap_or("");
            assert!(PARTICIPATION.contains(&code), "{code}");
        }
    }
    for problem in &extract.problems {
        check_at(&problem.at);
        assert!(!problem.field.is_empty());
    }
}

/// The corpus: small files of each kind, mutated by the property below.
fn corpus() -> Vec<(String, Vec<u8>)> {
    files_in(&["corpus", "903"])
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    Insert(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    Just(b','),
                    Just(b'"'),
                    Just(b'\n'),
                    Just(b'\r'),
                    Just(b'<'),
                    Just(b'>'),
                    Just(b'/'),
                    Just(b'&'),
                    any::<u8>()
                ],
                1..6
            )
        )
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|&i| i < len)
        .collect();
    let line = |n: usize| {
        let start = line_starts[n % line_starts.len()];
        let end = line_starts
            .iter()
            .find(|&&s| s > start)
            .copied()
            .unwrap_or(len);
        start..end
    };
    match mutation {
        _ if len == 0 => {}
        Mutation::Flip(at, b) => bytes[at % len] ^= b | 1,
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::DeleteLine(n) => {
            bytes.drain(line(*n));
        }
        Mutation::DuplicateLine(n) => {
            let range = line(*n);
            let copy = bytes[range.clone()].to_vec();
            bytes.splice(range.start..range.start, copy);
        }
        Mutation::Insert(at, new) => {
            let at = at % (len + 1);
            bytes.splice(at..at, new.iter().copied());
        }
    }
}

/// A 903-looking CSV table: one of the header rows, then rows of likely and unlikely cells.
fn generated_table() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::select(vec![
        "CHILD,SEX,DOB,ETHNIC",
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC",
        "REC,DEC,LS,RNE,DECOM,CHILD",
        "CHILD,DOB,REVIEW,REVIEW_CODE",
        "CHILD,DOB,SDQ_SCORE",
        "A,B",
    ]);
    let cell = prop::sample::select(vec![
        "",
        "C1",
        "C2",
        "S",
        "P",
        "X1",
        "E13",
        "PN0",
        "PN7",
        "PN9",
        "1",
        "2",
        "WBRI",
        "01/01/2020",
        "31/12/2019",
        "2020-02-29",
        "29/02/2021",
        "notadate",
        "\"q,\"\"x\"\"\"",
        "\"two\nlines\"",
        "é",
        "\u{feff}",
    ]);
    let row = prop::collection::vec(cell, 0..9).prop_map(|cells| cells.join(","));
    (header, prop::collection::vec(row, 0..12), any::<bool>()).prop_map(|(header, rows, crlf)| {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = header.to_string();
        for row in rows {
            text.push_str(end);
            text.push_str(&row);
        }
        text.into_bytes()
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_either_reader(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let csv_inputs: [(&str, &[u8]); 1] = [("any.csv", &bytes)];
        check_invariants(&read_903_csv(&csv_inputs), &csv_inputs);
        let xml_inputs: [(&str, &[u8]); 1] = [("any.xml", &bytes)];
        check_invariants(&read_903_xml("any.xml", &bytes), &xml_inputs);
    }

    #[test]
    fn generated_tables_keep_the_invariants(tables in prop::collection::vec(generated_table(), 1..4)) {
        let names: Vec<String> = (0..tables.len()).map(|i| format!("t{i}.csv")).collect();
        let inputs: Vec<(&str, &[u8])> = names
            .iter()
            .zip(&tables)
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
            .collect();
        check_invariants(&read_903_csv(&inputs), &inputs);
    }

    #[test]
    fn mutated_corpus_files_never_panic(
        pick in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut files = corpus();
        let idx = pick % files.len();
        for m in &mutations {
            mutate(&mut files[idx].1, m);
        }
        let (name, bytes) = &files[idx];
        if name.ends_with(".xml") {
            let inputs: [(&str, &[u8]); 1] = [(name.as_str(), bytes.as_slice())];
            check_invariants(&read_903_xml(name, bytes), &inputs);
        } else {
            let inputs: Vec<(&str, &[u8])> = files
                .iter()
                .filter(|(n, _)| n.ends_with(".csv"))
                .map(|(n, b)| (n.as_str(), b.as_slice()))
                .collect();
            check_invariants(&read_903_csv(&inputs), &inputs);
        }
    }
}

#[test]
fn the_corpus_itself_reads_cleanly() {
    let files = corpus();
    let csv_files: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| n.ends_with(".csv"))
        .cloned()
        .collect();
    let extract = csv(&csv_files);
    assert_eq!(problems(&extract), Vec::<String>::new());
    assert_eq!(
        extract.notes,
        [
            "oc3.csv: care leavers (OC3) — not used",
            "header.csv: 3 children",
            "episodes.csv: 4 episodes",
            "reviews.csv: 4 reviews",
        ]
    );
    let extract = read_903_xml("return.xml", &file(&["corpus", "903", "return.xml"]));
    assert_eq!(problems(&extract), Vec::<String>::new());
    assert_eq!(
        rendered(&extract),
        "\
K1 born 2010-02-01 sex 1 ethnic WBRI (return.xml CHILD 1 line 6)
  episode 2019-04-01 S C2 U1& to 2019-05-01 X1 (return.xml CHILD 1 EPISODE 1 line 12)
  episode 2019-05-01 P C2 U4 to - - (return.xml CHILD 1 EPISODE 2 line 13)
  review 2019-04-28 PN1 (return.xml CHILD 1 AREVIEW 1 line 8)
  review 2019-10-20 PN4 (return.xml CHILD 1 AREVIEW 2 line 9)
K2 born 2012-03-04 sex - ethnic - (return.xml CHILD 2 line 16)
  episode 2020-10-10 S V3 - to 2020-10-12 E13 (return.xml CHILD 2 EPISODE 1 line 17)
"
    );
}
