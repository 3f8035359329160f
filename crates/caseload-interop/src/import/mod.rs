//! The statutory files a case system produces, read into one neutral shape for the importer
//! (issue 12): SSDA903 (CSV and XML) for looked-after children, the CIN census XML for child
//! protection, Ofsted's Annex A lists (xlsx), and a generic CSV with a column mapping.
//!
//! Sans-io like the rest of the crate: every reader takes the bytes of one file (or the files of
//! one return) and gives an [`Extract`]: the children found, keyed by the LA's child id, with
//! their facts *as the file states them* (codes kept as codes, dates as dates) and every row it
//! could not use ([`RowProblem`], naming the file, the line or element, the field and why).
//! Nothing here decides what a fact means for the store (which episode starts a period of care,
//! what an unchanged re-import is): that is the importer's (`caseload-api`'s `import`).
//!
//! No reader panics on any input: each is fuzzed over arbitrary bytes and mutated real files.
//! Shared pieces: [`text`] (a BOM, Windows-1252, CRLF) and [`dates`] (dd/mm/yyyy, ISO dates,
//! Excel serial numbers).

pub mod annex_a;
pub mod cin;
pub mod dates;
pub mod mapped;
pub mod ssda903;
pub mod text;
pub use annex_a::read_annex_a;
pub use cin::read_cin_census;
pub use mapped::{read_mapped_csv, suggest_mapping, ColumnMapping};

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// SSDA903 CSV tables (header, episodes, reviews; the others are noted and ignored).
    Ssda903Csv,
    /// SSDA903 XML.
    Ssda903Xml,
    /// CIN census XML.
    CinCensus,
    /// Ofsted's Annex A lists (xlsx).
    AnnexA,
    /// A CSV with a column mapping.
    MappedCsv,
}

/// Where a fact or a problem is in its file: `episodes.csv line 7`, `cin.xml <Child> 12`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// The file's name, as given to the reader.
    pub file: String,
    /// The line (CSV: 1 is the header row), or the row of a sheet.
    pub line: Option<u32>,
    /// The XML element or sheet, e.g. `Child 12` (the 12th `<Child>`) or `sheet List 3`.
    pub element: Option<String>,
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(element) = &self.element {
            write!(f, " {element}")?;
        }
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        Ok(())
    }
}

/// A row, element or value the reader could not use, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// Where.
    pub at: SourceRef,
    /// The LA child id of the row, when it could be read.
    pub child: Option<String>,
    /// The field (column or element name as the file names it), e.g. `DECOM`.
    pub field: String,
    /// Why, for a person: `"notadate" is not a date (dd/mm/yyyy)`.
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    /// `episodes.csv line 7: DECOM "notadate" is not a date (dd/mm/yyyy)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} {}", self.at, self.field, self.message)
    }
}

/// What one read gives: the children and what could not be used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extract {
    /// The children, in the order first met.
    pub children: Vec<ExtractChild>,
    /// Every unusable row or value.
    pub problems: Vec<RowProblem>,
    /// What was read or ignored on purpose, for the preview: "oc2.csv: not used (outcomes)",
    /// "CIN census 2023–24 (ReferenceDate 31 Mar 2024)", "column 'Child id' used for the child id".
    pub notes: Vec<String>,
}

/// One child as a file describes them. Every fact keeps where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractChild {
    /// The LA's child id (903 `CHILD`, CIN `LAchildID`, Annex A's child id column).
    pub la_id: String,
    /// Where the child's identifying row is.
    pub at: Option<SourceRef>,
    /// Date of birth.
    pub born_on: Option<NaiveDate>,
    /// Expected date of birth (an unborn child).
    pub expected_birth_on: Option<NaiveDate>,
    /// Sex as coded (903 `SEX` 1/2; CIN `Sex` / `GenderCurrent` codes), kept as written.
    pub sex: Option<String>,
    /// Ethnicity code (e.g. `WBRI`).
    pub ethnicity: Option<String>,
    /// An IRO named by the file (Annex A or a mapped column), if any.
    pub iro: Option<String>,
    /// 903 episodes, in file order.
    pub episodes: Vec<Episode>,
    /// 903 reviews, in file order.
    pub reviews: Vec<LacReview>,
    /// CIN census child-protection modules: each s47 enquiry and each plan, in file order.
    pub enquiries: Vec<Section47>,
    /// CIN census plans.
    pub plans: Vec<CpPlan>,
}

/// A 903 episode: a change of legal status or placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    /// `DECOM`: the day the episode started.
    pub started_on: NaiveDate,
    /// `RNE`: why it started (`S` = started to be looked after; `L`, `P`, `T`, `B`, `U` = a
    /// change within the period).
    pub reason_new: String,
    /// `LS`: legal status code (`C1`, `C2`, `V2`, `V3`, `V4`, `E1`, …).
    pub legal_status: String,
    /// `PLACE` (XML: `PL`): placement type, if given.
    pub placement: Option<String>,
    /// `DEC`: the day it ended, if it has.
    pub ended_on: Option<NaiveDate>,
    /// `REC`: why it ended (`X1` = episode ends and a new one follows; anything else ends the
    /// period of care).
    pub reason_end: Option<String>,
    /// Where.
    pub at: SourceRef,
}

/// A 903 review: a LAC review held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LacReview {
    /// `REVIEW`: the day it was held.
    pub held_on: NaiveDate,
    /// `REVIEW_CODE`: `PN0`–`PN7`, as written (checked by the importer against the age rule).
    pub participation: Option<String>,
    /// Where.
    pub at: SourceRef,
}

/// A CIN census `Section47` module (or an ICPC recorded on `CINdetails`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section47 {
    /// `S47ActualStartDate`.
    pub started_on: Option<NaiveDate>,
    /// `InitialCPCtarget`: the date the LA computed for the ICPC.
    pub icpc_target_on: Option<NaiveDate>,
    /// `DateOfInitialCPC`.
    pub icpc_on: Option<NaiveDate>,
    /// `ICPCnotRequired`.
    pub icpc_not_required: bool,
    /// Where.
    pub at: SourceRef,
}

/// A CIN census `ChildProtectionPlans` module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpPlan {
    /// `CPPID`, if given.
    pub id: Option<String>,
    /// `CPPstartDate`.
    pub started_on: NaiveDate,
    /// `CPPendDate`.
    pub ended_on: Option<NaiveDate>,
    /// `InitialCategoryOfAbuse` (`NEG`, `PHY`, `SAB`, `EMO`, `MUL`), as written.
    pub initial_category: Option<String>,
    /// `LatestCategoryOfAbuse`.
    pub latest_category: Option<String>,
    /// `NumberOfPreviousCPP`.
    pub previous_plans: Option<u32>,
    /// `CPPreviewDate`s: review conferences held.
    pub reviews_held_on: Vec<NaiveDate>,
    /// Where.
    pub at: SourceRef,
}

impl Extract {
    /// The child with this id, added (in order) if not yet met.
    pub fn child_mut(&mut self, la_id: &str) -> &mut ExtractChild {
        let i = match self.children.iter().position(|c| c.la_id == la_id) {
            Some(i) => i,
            None => {
                self.children.push(ExtractChild {
                    la_id: la_id.to_string(),
                    ..ExtractChild::default()
                });
                self.children.len() - 1
            }
        };
        &mut self.children[i]
    }

    /// Records a problem.
    pub fn problem(
        &mut self,
        at: SourceRef,
        child: Option<&str>,
        field: &str,
        message: impl Into<String>,
    ) {
        self.problems.push(RowProblem {
            at,
            child: child.map(str::to_string),
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// Another file's extract merged in: its children joined to the same ids, its problems and
    /// notes after these.
    pub fn merge(&mut self, other: Extract) {
        for child in other.children {
            let into = self.child_mut(&child.la_id.clone());
            merge_child(into, child);
        }
        self.problems.extend(other.problems);
        self.notes.extend(other.notes);
    }
}

/// The children of an extract being read, indexed by LA child id: a return holds thousands, so
/// a row finds its child without a search. Shared by the readers of long files.
#[derive(Debug, Default)]
pub(crate) struct ChildIndex(HashMap<String, usize>);

impl ChildIndex {
    /// The position in `extract` of the child with this id, added (first met at `at`) if new.
    pub(crate) fn child(&mut self, extract: &mut Extract, la_id: &str, at: &SourceRef) -> usize {
        if let Some(&idx) = self.0.get(la_id) {
            return idx;
        }
        let idx = extract.children.len();
        extract.children.push(ExtractChild {
            la_id: la_id.to_string(),
            at: Some(at.clone()),
            ..ExtractChild::default()
        });
        self.0.insert(la_id.to_string(), idx);
        idx
    }
}

/// Facts of the same child from another file: identity fills what is missing; lists append.
fn merge_child(into: &mut ExtractChild, from: ExtractChild) {
    into.at = into.at.take().or(from.at);
    into.born_on = into.born_on.or(from.born_on);
    into.expected_birth_on = into.expected_birth_on.or(from.expected_birth_on);
    into.sex = into.sex.take().or(from.sex);
    into.ethnicity = into.ethnicity.take().or(from.ethnicity);
    into.iro = into.iro.take().or(from.iro);
    into.episodes.extend(from.episodes);
    into.reviews.extend(from.reviews);
    into.enquiries.extend(from.enquiries);
    into.plans.extend(from.plans);
}
