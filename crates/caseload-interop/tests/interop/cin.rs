//! The CIN census reader: each small fixture in `tests/data/cin/` pinned whole (children,
//! enquiries, plans, problems and notes), counts checked against an independent count of the
//! file's elements, and no panic on arbitrary bytes, on token soup, or on mutated files of
//! `tests/corpus/cin/` and `tests/data/cin/`.

use std::path::PathBuf;
use std::sync::OnceLock;

use caseload_interop::import::{read_cin_census, Extract};
use proptest::prelude::*;

fn folder(parts: &[&str]) -> PathBuf {
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    path.extend(["tests"].iter().chain(parts));
    path
}

fn data(name: &str) -> Vec<u8> {
    let path = folder(&["data", "cin", name]);
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// Every file of the corpus and of the fixtures, by name (read once).
fn corpus() -> &'static [(String, Vec<u8>)] {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(read_corpus)
}

fn read_corpus() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in [folder(&["corpus", "cin"]), folder(&["data", "cin"])] {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.push((name, std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    assert!(files.len() >= 7, "the corpus is missing: {files:?}");
    files
}

fn opt<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map_or("-".to_string(), T::to_string)
}

/// The extract as text: one line per child, enquiry, plan, problem and note.
fn render(extract: &Extract) -> String {
    let mut out = String::new();
    for child in &extract.children {
        let at = child.at.as_ref().unwrap();
        out += &format!(
            "child {} ({} line {}): born {}, expected {}, sex {}, ethnicity {}\n",
            child.la_id,
            opt(&at.element),
            opt(&at.line),
            opt(&child.born_on),
            opt(&child.expected_birth_on),
            opt(&child.sex),
            opt(&child.ethnicity),
        );
        for s47 in &child.enquiries {
            out += &format!(
                "  s47 (line {}): started {}, target {}, icpc {}{}\n",
                opt(&s47.at.line),
                opt(&s47.started_on),
                opt(&s47.icpc_target_on),
                opt(&s47.icpc_on),
                if s47.icpc_not_required {
                    ", not required"
                } else {
                    ""
                },
            );
        }
        for plan in &child.plans {
            let reviews: Vec<String> = plan.reviews_held_on.iter().map(|d| d.to_string()).collect();
            out += &format!(
                "  plan {} (line {}): {} to {}, {} then {}, {} previous, reviews [{}]\n",
                opt(&plan.id),
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

/// Reads a fixture and compares its rendering.
fn check(name: &str, expected: &str) {
    assert_rendered(&read_cin_census(name, &data(name)), expected, name);
}

/// Compares an extract's rendering with the expected lines (each trimmed at the start), line
/// by line for a readable failure.
fn assert_rendered(extract: &Extract, expected: &str, what: &str) {
    let actual = render(extract);
    let actual: Vec<&str> = actual.lines().map(str::trim_start).collect();
    let expected: Vec<&str> = expected.lines().map(str::trim_start).collect();
    assert_eq!(actual, expected, "{what}");
}

#[test]
fn a_clean_census_gives_s47_icpc_plans_with_their_reviews_and_an_unborn_child() {
    check(
        "clean_2025.xml",
        "child CLEAN001 (Child 1 line 19): born 2016-07-14, expected -, sex 2, ethnicity WBRI
           s47 (line 42): started 2024-04-29, target 2024-05-24, icpc 2024-05-20
           plan CPP-0001 (line 49): 2024-05-20 to -, NEG then EMO, 0 previous, reviews [2024-08-19 2025-02-17]
         child UNBORN02 (Child 2 line 62): born -, expected 2025-06-02, sex 0, ethnicity NOBT
           s47 (line 77): started 2025-01-27, target 2025-02-24, icpc 2025-02-24
           plan CPP-0002 (line 84): 2025-02-24 to -, PHY then PHY, 1 previous, reviews []
         child CLEAN003 (Child 3 line 93): born 2010-11-30, expected -, sex 1, ethnicity MWBC
           s47 (line 108): started 2024-09-03, target -, icpc -, not required
           plan CPP-0003 (line 121): 2023-02-13 to 2024-03-28, MUL then SAB, 2 previous, reviews [2023-05-12 2023-11-10 2024-03-27]
         note: clean_2025.xml: CIN census 2024–25, reference date 31 Mar 2025",
    );
}

#[test]
fn an_older_census_gives_gender_current_as_sex_and_counts_crlf_lines() {
    check(
        "older_2018.xml",
        "child OLD0001 (Child 1 line 10): born 2009-02-03, expected -, sex 1, ethnicity BAFR
           s47 (line 24): started -, target -, icpc 2017-06-23
           plan - (line 26): 2017-06-23 to -, EMO then EMO, 0 previous, reviews [2017-09-15 2018-03-09]
         child OLD0002 (Child 2 line 38): born 2014-10-20, expected -, sex 2, ethnicity WIRI
         note: older_2018.xml: CIN census 2017–18, reference date 31 Mar 2018",
    );
}

#[test]
fn dirty_values_are_refused_one_by_one_with_exact_messages() {
    check(
        "dirty.xml",
        r#"child DIRTY01 (Child 1 line 9): born -, expected -, sex 1, ethnicity -
             s47 (line 11): started 2023-06-02, target -, icpc -
             plan - (line 22): 2023-06-12 to -, - then -, - previous, reviews [2023-09-11 2024-03-04]
           child DIRTY03 (Child 3 line 49): born 2011-05-06, expected -, sex -, ethnicity WBRI
             s47 (line 59): started -, target -, icpc 2024-01-15
           problem: dirty.xml Header line 5: ReferenceDate "2024-03-32" is not a date (yyyy-mm-dd) [-]
           problem: dirty.xml Child 1 line 12: ICPCnotRequired "maybe" is not true or false (true, false, 1, 0) [DIRTY01]
           problem: dirty.xml Child 1 line 13: InitialCPCtarget "soon" is not a date (yyyy-mm-dd) [DIRTY01]
           problem: dirty.xml Child 1 line 16: CPPstartDate is missing: this plan is not read [DIRTY01]
           problem: dirty.xml Child 1 line 20: CPPstartDate "2023-02-30" is not a date (yyyy-mm-dd): this plan is not read [DIRTY01]
           problem: dirty.xml Child 1 line 25: CPPreviewDate "not a date" is not a date (yyyy-mm-dd) [DIRTY01]
           problem: dirty.xml Child 1 line 30: NumberOfPreviousCPP "two" is not a whole number [DIRTY01]
           problem: dirty.xml Child 1 line 31: LatestCategoryOfAbuse "neg" is not a category of abuse (NEG, PHY, SAB, EMO, MUL) [DIRTY01]
           problem: dirty.xml Child 1 line 32: InitialCategoryOfAbuse "XYZ" is not a category of abuse (NEG, PHY, SAB, EMO, MUL) [DIRTY01]
           problem: dirty.xml Child 1 line 38: PersonBirthDate "2015-02-29" is not a date (yyyy-mm-dd) [DIRTY01]
           problem: dirty.xml Child 2 line 43: LAchildID is missing: this child is not read [-]
           problem: dirty.xml Child 2 line 46: PersonBirthDate "2012-13-01" is not a date (yyyy-mm-dd) [-]
           problem: dirty.xml Child 4 line 62: Child is not read: the file ends before </Child> [DIRTY04]
           note: dirty.xml: CIN census, collection year 2024 (no reference date)"#,
    );
}

#[test]
fn an_unknown_block_is_noted_once_and_windows_1252_text_is_read() {
    check(
        "unknown_block_1252.xml",
        "child RENÉE-001 (Child 1 line 14): born 2019-04-01, expected -, sex 2, ethnicity WOTH
           plan - (line 29): 2025-10-06 to -, NEG then NEG, - previous, reviews [2026-01-05]
         child ZOË-002 (Child 2 line 39): born 2021-12-25, expected -, sex 1, ethnicity -
         note: unknown_block_1252.xml: CIN census 2025–26, reference date 31 Mar 2026
         note: unknown_block_1252.xml: <NewBlock> is not known to this reader: ignored (first in Child 1, line 23)
         note: unknown_block_1252.xml: <AllocatedTeam> is not known to this reader: ignored (first in Child 1, line 28)",
    );
}

#[test]
fn namespaces_cdata_references_and_a_repeated_child_are_read() {
    let text = "<cin:Message xmlns:cin='urn:x'><cin:Children>
        <cin:Child><cin:ChildIdentifiers><cin:LAchildID><![CDATA[A&B]]></cin:LAchildID>
          <cin:PersonBirthDate>2012-&#48;1-05</cin:PersonBirthDate></cin:ChildIdentifiers></cin:Child>
        <cin:Child><cin:ChildIdentifiers><cin:LAchildID>A&amp;B</cin:LAchildID></cin:ChildIdentifiers>
          <cin:CINdetails><cin:DateOfInitialCPC>2019-05-20</cin:DateOfInitialCPC></cin:CINdetails></cin:Child>
        </cin:Children></cin:Message>";
    assert_rendered(
        &read_cin_census("inline.xml", text.as_bytes()),
        "child A&B (Child 1 line 2): born 2012-01-05, expected -, sex -, ethnicity -
           s47 (line 5): started -, target -, icpc 2019-05-20
         note: inline.xml: CIN census, with no collection year or reference date",
        "inline",
    );
}

#[test]
fn a_collection_year_outside_2017_to_2026_is_noted_and_read() {
    let text = "<Message><Header><CollectionDetails><Year>2031</Year>
        <ReferenceDate>2031-03-31</ReferenceDate></CollectionDetails></Header>
        <Children><Child><ChildIdentifiers><LAchildID>F1</LAchildID></ChildIdentifiers></Child>
        </Children></Message>";
    let extract = read_cin_census("future.xml", text.as_bytes());
    assert_eq!(extract.children.len(), 1);
    assert_eq!(
        extract.notes,
        [
            "future.xml: CIN census 2030–31, reference date 31 Mar 2031",
            "future.xml: 2031 is not a collection year this reader knows (2017 to 2026): read as \
             the nearest it knows",
        ]
    );
}

#[test]
fn xml_that_cannot_be_read_stops_and_keeps_the_children_before_it() {
    let text = "<Message><Children>
        <Child><ChildIdentifiers><LAchildID>KEPT</LAchildID></ChildIdentifiers></Child>
        <Child><ChildIdentifiers><LAchildID>CUT</LAchildID></ChildIdentifiers>
        <!-- a comment that never ends
        </Child></Children></Message>";
    let extract = read_cin_census("broken.xml", text.as_bytes());
    let ids: Vec<&str> = extract.children.iter().map(|c| c.la_id.as_str()).collect();
    assert_eq!(ids, ["KEPT"]);
    let problems: Vec<String> = extract.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("broken.xml Child 2 line 4: XML cannot be read here ("),
        "{problems:?}"
    );
    assert_eq!(
        problems[1],
        "broken.xml Child 2 line 3: Child is not read: the file cannot be read past line 4"
    );
}

#[test]
fn a_file_that_is_not_a_census_says_so() {
    let extract = read_cin_census("episodes.csv", b"CHILD,DECOM\n1,01/04/2024\n");
    assert!(extract.children.is_empty());
    assert_eq!(
        extract
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>(),
        ["episodes.csv: Children is missing: this is not a CIN census file"]
    );
}

/// How many times `needle` occurs in `bytes`.
fn occurrences(bytes: &[u8], needle: &str) -> usize {
    bytes
        .windows(needle.len())
        .filter(|w| *w == needle.as_bytes())
        .count()
}

#[test]
fn children_plans_and_reviews_match_a_count_of_their_elements() {
    for name in ["clean_2025.xml", "older_2018.xml", "unknown_block_1252.xml"] {
        let bytes = data(name);
        let extract = read_cin_census(name, &bytes);
        assert!(
            extract.problems.is_empty(),
            "{name}: {:?}",
            extract.problems
        );
        let n_plans: usize = extract.children.iter().map(|c| c.plans.len()).sum();
        let n_reviews: usize = extract
            .children
            .iter()
            .flat_map(|c| &c.plans)
            .map(|p| p.reviews_held_on.len())
            .sum();
        let counted = (
            extract.children.len(),
            n_plans,
            n_reviews,
            extract
                .children
                .iter()
                .filter(|c| c.expected_birth_on.is_some())
                .count(),
        );
        let expected = (
            occurrences(&bytes, "<LAchildID>"),
            occurrences(&bytes, "<CPPstartDate>"),
            occurrences(&bytes, "<CPPreviewDate>"),
            occurrences(&bytes, "<ExpectedPersonBirthDate>"),
        );
        assert_eq!(
            counted, expected,
            "{name}: (children, plans, reviews, unborn)"
        );
    }
}

/// What must hold of any read, whatever the bytes: problems name the file, children have an
/// id, and there are no more children or plans than the file has elements for them.
fn check_invariants(name: &str, bytes: &[u8]) -> Extract {
    let extract = read_cin_census(name, bytes);
    for problem in &extract.problems {
        assert_eq!(problem.at.file, name);
        assert!(!problem.field.is_empty() && !problem.message.is_empty());
    }
    for child in &extract.children {
        assert!(!child.la_id.is_empty() && child.la_id.trim() == child.la_id);
    }
    let n_plans: usize = extract.children.iter().map(|c| c.plans.len()).sum();
    assert!(extract.children.len() <= occurrences(bytes, "LAchildID"));
    assert!(n_plans <= occurrences(bytes, "CPPstartDate"));
    assert!(!extract.notes.is_empty(), "the census note is always there");
    extract
}

#[test]
fn every_prefix_of_every_corpus_file_reads_a_subset_of_its_children() {
    for (name, bytes) in corpus() {
        let full = read_cin_census(name, bytes);
        let ids: Vec<&str> = full.children.iter().map(|c| c.la_id.as_str()).collect();
        for end in 0..bytes.len() {
            let prefix = check_invariants(name, &bytes[..end]);
            for child in &prefix.children {
                assert!(
                    ids.contains(&child.la_id.as_str()),
                    "{name}[..{end}]: {}",
                    child.la_id
                );
            }
        }
    }
}

/// A change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    /// The byte at this fraction of the file set to a value.
    Set(f64, u8),
    /// A line removed.
    DeleteLine(usize),
    /// The file cut at this fraction.
    Truncate(f64),
    /// A span copied to elsewhere (an element repeated or put inside another).
    Copy(f64, f64, f64),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0, any::<u8>()).prop_map(|(at, byte)| Mutation::Set(at, byte)),
        (
            0.0..1.0,
            prop::sample::select(b"<>/&;\n\"'![]-x0 ".to_vec())
        )
            .prop_map(|(at, byte)| Mutation::Set(at, byte)),
        (0..200usize).prop_map(Mutation::DeleteLine),
        (0.0..1.0).prop_map(Mutation::Truncate),
        (0.0..1.0, 0.0..0.1, 0.0..1.0).prop_map(|(from, len, to)| Mutation::Copy(from, len, to)),
    ]
}

fn apply(mut bytes: Vec<u8>, change: &Mutation) -> Vec<u8> {
    let at = |fraction: f64, len: usize| ((fraction * len as f64) as usize).min(len);
    match *change {
        Mutation::Set(fraction, byte) => {
            let i = at(fraction, bytes.len());
            if let Some(b) = bytes.get_mut(i) {
                *b = byte;
            }
        }
        Mutation::DeleteLine(line) => {
            let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            if line < lines.len() {
                lines.remove(line);
            }
            bytes = lines.join(&b'\n');
        }
        Mutation::Truncate(fraction) => bytes.truncate(at(fraction, bytes.len())),
        Mutation::Copy(from, len, to) => {
            let start = at(from, bytes.len());
            let end = (start + at(len, bytes.len())).min(bytes.len());
            let span = bytes[start..end].to_vec();
            let to = at(to, bytes.len());
            bytes.splice(to..to, span);
        }
    }
    bytes
}

/// The elements the reader looks for, opened and closed in any order and nesting.
const ELEMENTS: &str = "Message Header CollectionDetails Year ReferenceDate Children Child \
    ChildIdentifiers LAchildID PersonBirthDate CINdetails Section47 DateOfInitialCPC \
    ICPCnotRequired ChildProtectionPlans CPPstartDate Reviews CPPreviewDate \
    InitialCategoryOfAbuse NumberOfPreviousCPP NewBlock";

/// Values and markup to put between them.
#[rustfmt::skip]
const PIECES: [&str; 21] = [
    "<Sex/>", "2024-02-29", "2023-02-29", "2024", "X1", "true", "NEG", "4294967296", " ", "\n",
    "&amp;", "&#0;", "&bogus;", "&", "<![CDATA[", "]]>", "<!--", "-->", "<?pi?>", "é", "\u{FEFF}",
];

/// Pieces of a census, shuffled into any order and nesting.
fn token() -> impl Strategy<Value = String> {
    let tags = ELEMENTS
        .split_whitespace()
        .flat_map(|name| [format!("<{name}>"), format!("</{name}>")]);
    prop::sample::select(tags.chain(PIECES.map(String::from)).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_invariants("any.xml", &bytes);
    }

    #[test]
    fn any_arrangement_of_census_pieces_never_panics(tokens in prop::collection::vec(token(), 0..200)) {
        check_invariants("soup.xml", tokens.concat().as_bytes());
    }

    #[test]
    fn mutated_corpus_files_never_panic(
        file in any::<prop::sample::Index>(),
        changes in prop::collection::vec(mutation(), 1..6),
    ) {
        let (name, bytes) = file.get(corpus());
        let mutated = changes.iter().fold(bytes.clone(), apply);
        check_invariants(name, &mutated);
    }
}
