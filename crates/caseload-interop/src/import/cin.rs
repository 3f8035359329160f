//! The CIN census XML (the DfE's children in need census, collection years 2017 to 2026), read
//! as a stream into an [`Extract`]: each `<Child>` with its identity (`LAchildID`, the birth or
//! expected birth date, `Sex` or the older `GenderCurrent`, `Ethnicity`), its s47 enquiries and
//! initial conferences (`Section47`, and a `DateOfInitialCPC` recorded on `CINdetails`), and its
//! child-protection plans with the review conferences held (`CPPreviewDate`). The header's
//! collection year and reference date become a note.
//!
//! What it deliberately is not: a validator of the census (the DfE's rules are not checked here;
//! the importer compares the file's dates with the ones it computes), nor a reader of the modules
//! an IRO's caseload does not need (referrals, assessments, CIN plans, disabilities), which are
//! skipped unread. An element it does not know at all in a module it reads (a newer year's
//! block) is skipped with one note per name, so it never stops an import.
//!
//! Lenient where case systems differ: whitespace, element order, stray text between elements,
//! namespace prefixes, an end tag that closes more than its own element. Every value it cannot
//! use is a [`RowProblem`] naming the element, the child (`Child 12`, the 12th `<Child>`) and
//! the XML line; a plan without a usable start date is left out, its child is not.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::dates::{parse_date, DateForm};
use super::text::decode;
use super::{CpPlan, Extract, ExtractChild, RowProblem, Section47, SourceRef};

/// The collection years whose census this reader knows.
const KNOWN_YEARS: std::ops::RangeInclusive<i32> = 2017..=2026;

/// The categories of abuse a plan can be under.
const CATEGORIES: [&str; 5] = ["NEG", "PHY", "SAB", "EMO", "MUL"];

/// The CIN census in `bytes` (UTF-8 with or without a BOM, or Windows-1252), from the file
/// `name`: its children, every value that could not be used, and notes for the preview.
pub fn read_cin_census(name: &str, bytes: &[u8]) -> Extract {
    let (text, _) = decode(bytes);
    let mut census = Census::new(name, &text);
    census.read(&text);
    census.finish()
}

/// Declares the elements the reader knows, as [`Tag`]s with their names in the file.
macro_rules! tags {
    ($($tag:ident = $name:literal,)*) => {
        /// An element the reader knows by name; any other is `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Tag {
            $($tag,)*
            Other,
        }

        impl Tag {
            /// The tag of a local (unprefixed) element name.
            fn of(name: &[u8]) -> Tag {
                match name {
                    $(n if n == $name.as_bytes() => Tag::$tag,)*
                    _ => Tag::Other,
                }
            }

            /// The element's name as the census writes it.
            fn name(self) -> &'static str {
                match self {
                    $(Tag::$tag => $name,)*
                    Tag::Other => "",
                }
            }
        }
    };
}

tags! {
    Header = "Header",
    CollectionDetails = "CollectionDetails",
    Year = "Year",
    ReferenceDate = "ReferenceDate",
    Children = "Children",
    Child = "Child",
    ChildIdentifiers = "ChildIdentifiers",
    LaChildId = "LAchildID",
    Upn = "UPN",
    FormerUpn = "FormerUPN",
    UpnUnknown = "UPNunknown",
    PersonBirthDate = "PersonBirthDate",
    ExpectedPersonBirthDate = "ExpectedPersonBirthDate",
    Sex = "Sex",
    GenderCurrent = "GenderCurrent",
    PersonDeathDate = "PersonDeathDate",
    ChildCharacteristics = "ChildCharacteristics",
    Ethnicity = "Ethnicity",
    Disabilities = "Disabilities",
    CinDetails = "CINdetails",
    CinReferralDate = "CINreferralDate",
    ReferralSource = "ReferralSource",
    PrimaryNeedCode = "PrimaryNeedCode",
    CinClosureDate = "CINclosureDate",
    ReasonForClosure = "ReasonForClosure",
    DateOfInitialCpc = "DateOfInitialCPC",
    ReferralNfa = "ReferralNFA",
    Assessments = "Assessments",
    CinPlanDates = "CINPlanDates",
    Section47 = "Section47",
    S47ActualStartDate = "S47ActualStartDate",
    InitialCpcTarget = "InitialCPCtarget",
    IcpcNotRequired = "ICPCnotRequired",
    ChildProtectionPlans = "ChildProtectionPlans",
    CppId = "CPPID",
    CppStartDate = "CPPstartDate",
    CppEndDate = "CPPendDate",
    InitialCategoryOfAbuse = "InitialCategoryOfAbuse",
    LatestCategoryOfAbuse = "LatestCategoryOfAbuse",
    NumberOfPreviousCpp = "NumberOfPreviousCPP",
    Reviews = "Reviews",
    CppReviewDate = "CPPreviewDate",
}

/// The elements a module of a child may hold in any year 2017 to 2026, for the modules the
/// reader looks into (`None`: a module it skips whole, or one outside a child).
fn known_in(module: Tag) -> Option<&'static [Tag]> {
    use Tag as T;
    Some(match module {
        T::Child => &[T::ChildIdentifiers, T::ChildCharacteristics, T::CinDetails],
        T::ChildIdentifiers => &[
            T::LaChildId,
            T::Upn,
            T::FormerUpn,
            T::UpnUnknown,
            T::PersonBirthDate,
            T::ExpectedPersonBirthDate,
            T::Sex,
            T::GenderCurrent,
            T::PersonDeathDate,
        ],
        T::ChildCharacteristics => &[T::Ethnicity, T::Disabilities],
        T::CinDetails => &[
            T::CinReferralDate,
            T::ReferralSource,
            T::PrimaryNeedCode,
            T::CinClosureDate,
            T::ReasonForClosure,
            T::DateOfInitialCpc,
            T::ReferralNfa,
            T::Assessments,
            T::CinPlanDates,
            T::Section47,
            T::ChildProtectionPlans,
        ],
        T::Section47 => &[
            T::S47ActualStartDate,
            T::InitialCpcTarget,
            T::DateOfInitialCpc,
            T::IcpcNotRequired,
        ],
        T::ChildProtectionPlans => &[
            T::CppId,
            T::CppStartDate,
            T::CppEndDate,
            T::InitialCategoryOfAbuse,
            T::LatestCategoryOfAbuse,
            T::NumberOfPreviousCpp,
            T::Reviews,
        ],
        T::Reviews => &[T::CppReviewDate],
        _ => return None,
    })
}

/// Line numbers of byte offsets, counted forward as the reader moves on (so the whole file is
/// scanned once).
struct Lines<'t> {
    bytes: &'t [u8],
    offset: usize,
    line: u32,
}

impl Lines<'_> {
    /// The 1-based line of the byte at `offset`.
    fn at(&mut self, offset: u64) -> u32 {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let newlines = self
            .bytes
            .get(self.offset..offset)
            .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
        self.line = self
            .line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.offset = offset;
        self.line
    }
}

/// The header's `CollectionDetails`.
#[derive(Default)]
struct Header {
    /// `Year`, as written.
    year: Option<String>,
    /// `ReferenceDate`.
    reference_on: Option<NaiveDate>,
}

/// A `<Child>` being read.
struct ChildDraft {
    /// Its place among the file's `<Child>` elements, from 1.
    number: u32,
    /// The line of `<Child>`.
    line: u32,
    /// How deep `<Child>` is (the path's length with it open).
    depth: usize,
    /// What was read so far (`la_id` empty until `LAchildID`).
    child: ExtractChild,
    /// Its problems, given the child's id when the child ends (the id may come last).
    problems: Vec<RowProblem>,
}

/// A `<CINdetails>` being read: its initial conferences, with whether each was recorded on
/// `CINdetails` itself rather than in a `Section47`.
struct CinDraft {
    depth: usize,
    enquiries: Vec<(Section47, bool)>,
}

/// A `<Section47>` being read.
struct Section47Draft {
    depth: usize,
    enquiry: Section47,
}

/// A `<ChildProtectionPlans>` being read.
struct PlanDraft {
    depth: usize,
    line: u32,
    id: Option<String>,
    started_on: Option<NaiveDate>,
    /// A `CPPstartDate` that was not a date: its line and why (a problem when the plan ends).
    start_refused: Option<(u32, String)>,
    ended_on: Option<NaiveDate>,
    initial_category: Option<String>,
    latest_category: Option<String>,
    previous_plans: Option<u32>,
    reviews_held_on: Vec<NaiveDate>,
}

/// The reader's state while it streams one file.
struct Census<'t> {
    file: &'t str,
    extract: Extract,
    lines: Lines<'t>,
    /// The open elements, outermost first.
    path: Vec<Tag>,
    /// The names of the open `Tag::Other` elements (`None` for known ones), beside `path`.
    other_names: Vec<Option<String>>,
    /// The text of the innermost element opened last, while no other has opened in it.
    text: String,
    /// The path's length while that element is open (0: none).
    text_depth: usize,
    /// Its line.
    text_line: u32,
    header: Header,
    saw_children: bool,
    n_children: u32,
    child: Option<ChildDraft>,
    cin: Option<CinDraft>,
    section47: Option<Section47Draft>,
    plan: Option<PlanDraft>,
    /// The unknown or misplaced elements already noted, and their notes in file order.
    unknown: BTreeSet<String>,
    unknown_notes: Vec<String>,
    /// The line where the XML could not be read further, if it could not.
    stopped_at: Option<u32>,
}

impl<'t> Census<'t> {
    fn new(file: &'t str, text: &'t str) -> Self {
        Census {
            file,
            extract: Extract::default(),
            lines: Lines {
                bytes: text.as_bytes(),
                offset: 0,
                line: 1,
            },
            path: Vec::new(),
            other_names: Vec::new(),
            text: String::new(),
            text_depth: 0,
            text_line: 0,
            header: Header::default(),
            saw_children: false,
            n_children: 0,
            child: None,
            cin: None,
            section47: None,
            plan: None,
            unknown: BTreeSet::new(),
            unknown_notes: Vec::new(),
            stopped_at: None,
        }
    }

    /// Streams the events of `text` until its end or the first XML it cannot read.
    fn read(&mut self, text: &'t str) {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        loop {
            let event = reader.read_event();
            let offset = reader.buffer_position();
            match event {
                Ok(Event::Eof) => return,
                Ok(event) => self.on_event(event, offset),
                Err(err) => {
                    let line = self.lines.at(reader.error_position());
                    self.stop(line, &err.to_string());
                    return;
                }
            }
        }
    }

    /// One event; `offset` is where it ends.
    fn on_event(&mut self, event: Event<'_>, offset: u64) {
        match event {
            Event::Start(start) => self.open(start.local_name().as_ref(), offset),
            Event::Empty(start) => {
                self.open(start.local_name().as_ref(), offset);
                self.close_innermost();
            }
            Event::End(end) => self.close(end.local_name().as_ref()),
            Event::Text(text) if self.collecting() => {
                self.text.push_str(&String::from_utf8_lossy(&text));
            }
            Event::CData(data) if self.collecting() => {
                self.text.push_str(&String::from_utf8_lossy(&data));
            }
            Event::GeneralRef(reference) if self.collecting() => {
                self.text.push_str(&resolve(&reference));
            }
            _ => {}
        }
    }

    /// An element opens.
    fn open(&mut self, name: &[u8], offset: u64) {
        let line = self.lines.at(offset);
        let tag = Tag::of(name);
        self.note_if_unknown(tag, name, line);
        self.path.push(tag);
        self.other_names
            .push((tag == Tag::Other).then(|| String::from_utf8_lossy(name).into_owned()));
        self.text.clear();
        self.text_depth = self.path.len();
        self.text_line = line;
        self.start_module(line);
    }

    /// An end tag: closes its element and any left open inside it; an end tag with no open
    /// element of its name is ignored.
    fn close(&mut self, name: &[u8]) {
        let tag = Tag::of(name);
        let open = self
            .path
            .iter()
            .zip(&self.other_names)
            .rposition(|(&t, other)| {
                t == tag && (tag != Tag::Other || other.as_deref().map(str::as_bytes) == Some(name))
            });
        if let Some(depth) = open {
            while self.path.len() > depth {
                self.close_innermost();
            }
        }
    }

    /// The innermost open element ends: its value, if it is a leaf, then its module.
    fn close_innermost(&mut self) {
        if self.path.len() == self.text_depth {
            let text = std::mem::take(&mut self.text);
            self.on_value(text.trim(), self.text_line);
            self.text = text;
            self.text.clear();
            self.text_depth = 0;
        }
        self.end_module();
        self.path.pop();
        self.other_names.pop();
    }

    /// Whether text now belongs to the innermost element opened last (no other has opened
    /// in it, and it has not closed).
    fn collecting(&self) -> bool {
        self.text_depth != 0 && self.path.len() == self.text_depth
    }

    /// The last three open tags, innermost last (`Other` where there are fewer).
    fn last3(&self) -> [Tag; 3] {
        let mut open = self.path.iter().rev().copied();
        let c = open.next().unwrap_or(Tag::Other);
        let b = open.next().unwrap_or(Tag::Other);
        let a = open.next().unwrap_or(Tag::Other);
        [a, b, c]
    }

    /// Whether the open child is `gap` elements out from the innermost.
    fn child_at(&self, gap: usize) -> bool {
        self.child
            .as_ref()
            .is_some_and(|c| c.depth + gap == self.path.len())
    }

    /// Whether the open `CINdetails` is `gap` elements out from the innermost.
    fn cin_at(&self, gap: usize) -> bool {
        self.cin
            .as_ref()
            .is_some_and(|c| c.depth + gap == self.path.len())
    }

    /// Whether the open `Section47` is `gap` elements out from the innermost.
    fn section47_at(&self, gap: usize) -> bool {
        self.section47
            .as_ref()
            .is_some_and(|s| s.depth + gap == self.path.len())
    }

    /// Whether the open plan is `gap` elements out from the innermost.
    fn plan_at(&self, gap: usize) -> bool {
        self.plan
            .as_ref()
            .is_some_and(|p| p.depth + gap == self.path.len())
    }

    /// Where a fact or problem of the open child is.
    fn source(&self, line: u32) -> SourceRef {
        SourceRef {
            file: self.file.to_string(),
            line: Some(line),
            element: Some(match &self.child {
                Some(child) => format!("Child {}", child.number),
                None => "Header".to_string(),
            }),
        }
    }

    /// A problem of the open child (or of the header, outside a child).
    fn problem(&mut self, line: u32, field: Tag, message: String) {
        let problem = RowProblem {
            at: self.source(line),
            child: None,
            field: field.name().to_string(),
            message,
        };
        match &mut self.child {
            Some(child) => child.problems.push(problem),
            None => self.extract.problems.push(problem),
        }
    }

    /// Notes, once per name, an element a module the reader looks into does not hold in any
    /// year it knows: one unknown to the reader, or a known one out of its place.
    fn note_if_unknown(&mut self, tag: Tag, name: &[u8], line: u32) {
        let parent = self.path.last().copied().unwrap_or(Tag::Other);
        let Some(known) = known_in(parent) else {
            return;
        };
        if self.child.is_none() || known.contains(&tag) {
            return;
        }
        let name = String::from_utf8_lossy(name).into_owned();
        let what = match tag {
            Tag::Other => "is not known to this reader",
            _ => "is out of its place",
        };
        let key = format!("{name} {what}");
        let at = self.source(line);
        let element = at.element.unwrap_or_default();
        if self.unknown.insert(key) {
            self.unknown_notes.push(format!(
                "{}: <{name}> {what}: ignored (first in {element}, line {line})",
                self.file
            ));
        }
    }

    /// A module the reader reads opens: a child, its `CINdetails`, a `Section47`, a plan.
    fn start_module(&mut self, line: u32) {
        let depth = self.path.len();
        match self.last3() {
            [_, _, Tag::Children] => self.saw_children = true,
            [_, Tag::Children, Tag::Child] if self.child.is_none() => {
                self.n_children = self.n_children.saturating_add(1);
                self.child = Some(ChildDraft {
                    number: self.n_children,
                    line,
                    depth,
                    child: ExtractChild::default(),
                    problems: Vec::new(),
                });
            }
            [_, Tag::Child, Tag::CinDetails] if self.child_at(1) && self.cin.is_none() => {
                self.cin = Some(CinDraft {
                    depth,
                    enquiries: Vec::new(),
                });
            }
            [_, Tag::CinDetails, Tag::Section47] if self.cin_at(1) && self.section47.is_none() => {
                self.section47 = Some(Section47Draft {
                    depth,
                    enquiry: Section47 {
                        started_on: None,
                        icpc_target_on: None,
                        icpc_on: None,
                        icpc_not_required: false,
                        at: self.source(line),
                    },
                });
            }
            [_, Tag::CinDetails, Tag::ChildProtectionPlans]
                if self.cin_at(1) && self.plan.is_none() =>
            {
                self.plan = Some(PlanDraft {
                    depth,
                    line,
                    id: None,
                    started_on: None,
                    start_refused: None,
                    ended_on: None,
                    initial_category: None,
                    latest_category: None,
                    previous_plans: None,
                    reviews_held_on: Vec::new(),
                });
            }
            _ => {}
        }
    }

    /// The innermost open element ends: the module it closes, if it is one.
    fn end_module(&mut self) {
        match self.last3() {
            [_, Tag::Children, Tag::Child] if self.child_at(0) => self.end_child(),
            [_, Tag::Child, Tag::CinDetails] if self.cin_at(0) => self.end_cin(),
            [_, Tag::CinDetails, Tag::Section47] if self.section47_at(0) => self.end_section47(),
            [_, Tag::CinDetails, Tag::ChildProtectionPlans] if self.plan_at(0) => self.end_plan(),
            _ => {}
        }
    }

    /// The value of a leaf element, trimmed, routed to the module it belongs to.
    fn on_value(&mut self, value: &str, line: u32) {
        match self.last3() {
            [Tag::Header, Tag::CollectionDetails, leaf] if self.child.is_none() => {
                self.header_value(leaf, value, line);
            }
            [_, Tag::ChildIdentifiers, leaf] if self.child_at(2) => {
                self.identity_value(leaf, value, line);
            }
            [_, Tag::ChildCharacteristics, Tag::Ethnicity] if self.child_at(2) => {
                if let Some(child) = &mut self.child {
                    child.child.ethnicity = child.child.ethnicity.take().or(text(value));
                }
            }
            [_, Tag::CinDetails, Tag::DateOfInitialCpc] if self.cin_at(1) => {
                self.cin_icpc_value(value, line);
            }
            [_, Tag::Section47, leaf] if self.section47_at(1) => {
                self.section47_value(leaf, value, line);
            }
            [_, Tag::ChildProtectionPlans, leaf] if self.plan_at(1) => {
                self.plan_value(leaf, value, line);
            }
            [Tag::ChildProtectionPlans, Tag::Reviews, Tag::CppReviewDate] if self.plan_at(2) => {
                if let Some(held_on) = self.date(Tag::CppReviewDate, value, line) {
                    if let Some(plan) = &mut self.plan {
                        plan.reviews_held_on.push(held_on);
                    }
                }
            }
            _ => {}
        }
    }

    /// A date, or None with a problem (an empty element is no date, and no problem).
    fn date(&mut self, field: Tag, value: &str, line: u32) -> Option<NaiveDate> {
        if value.is_empty() {
            return None;
        }
        match parse_date(value, DateForm::Iso) {
            Ok(date) => Some(date),
            Err(message) => {
                self.problem(line, field, message);
                None
            }
        }
    }

    /// `CollectionDetails`: `Year` and `ReferenceDate`.
    fn header_value(&mut self, leaf: Tag, value: &str, line: u32) {
        match leaf {
            Tag::Year => self.header.year = text(value),
            Tag::ReferenceDate => self.header.reference_on = self.date(leaf, value, line),
            _ => {}
        }
    }

    /// `ChildIdentifiers`: the id, birth or expected birth date, and sex as written (`Sex`, or
    /// `GenderCurrent` before it); the first of each is kept.
    fn identity_value(&mut self, leaf: Tag, value: &str, line: u32) {
        let date = match leaf {
            Tag::PersonBirthDate | Tag::ExpectedPersonBirthDate => self.date(leaf, value, line),
            _ => None,
        };
        let Some(draft) = &mut self.child else {
            return;
        };
        let child = &mut draft.child;
        match leaf {
            Tag::LaChildId if child.la_id.is_empty() => child.la_id = value.to_string(),
            Tag::PersonBirthDate => child.born_on = child.born_on.or(date),
            Tag::ExpectedPersonBirthDate => {
                child.expected_birth_on = child.expected_birth_on.or(date);
            }
            Tag::Sex | Tag::GenderCurrent => child.sex = child.sex.take().or(text(value)),
            _ => {}
        }
    }

    /// A `DateOfInitialCPC` on `CINdetails` itself: an initial conference with no s47 module.
    fn cin_icpc_value(&mut self, value: &str, line: u32) {
        let Some(icpc_on) = self.date(Tag::DateOfInitialCpc, value, line) else {
            return;
        };
        let enquiry = Section47 {
            started_on: None,
            icpc_target_on: None,
            icpc_on: Some(icpc_on),
            icpc_not_required: false,
            at: self.source(line),
        };
        if let Some(cin) = &mut self.cin {
            cin.enquiries.push((enquiry, true));
        }
    }

    /// `Section47`: the enquiry's start, the ICPC's target and date, and whether none was
    /// needed.
    fn section47_value(&mut self, leaf: Tag, value: &str, line: u32) {
        let date = match leaf {
            Tag::S47ActualStartDate | Tag::InitialCpcTarget | Tag::DateOfInitialCpc => {
                self.date(leaf, value, line)
            }
            _ => None,
        };
        let not_required = match leaf {
            Tag::IcpcNotRequired => self.boolean(leaf, value, line),
            _ => None,
        };
        let Some(draft) = &mut self.section47 else {
            return;
        };
        let enquiry = &mut draft.enquiry;
        match leaf {
            Tag::S47ActualStartDate => enquiry.started_on = enquiry.started_on.or(date),
            Tag::InitialCpcTarget => enquiry.icpc_target_on = enquiry.icpc_target_on.or(date),
            Tag::DateOfInitialCpc => enquiry.icpc_on = enquiry.icpc_on.or(date),
            Tag::IcpcNotRequired => {
                enquiry.icpc_not_required = not_required.unwrap_or(enquiry.icpc_not_required);
            }
            _ => {}
        }
    }

    /// `ChildProtectionPlans`: id, start (required), end, categories and previous plans.
    fn plan_value(&mut self, leaf: Tag, value: &str, line: u32) {
        match leaf {
            Tag::CppStartDate if !value.is_empty() => {
                let started_on = parse_date(value, DateForm::Iso);
                if let Some(plan) = &mut self.plan {
                    match started_on {
                        Ok(on) => plan.started_on = plan.started_on.or(Some(on)),
                        Err(why) => plan.start_refused = Some((line, why)),
                    }
                }
            }
            Tag::CppEndDate => {
                let ended_on = self.date(leaf, value, line);
                if let Some(plan) = &mut self.plan {
                    plan.ended_on = plan.ended_on.or(ended_on);
                }
            }
            Tag::InitialCategoryOfAbuse | Tag::LatestCategoryOfAbuse => {
                let category = self.category(leaf, value, line);
                if let Some(plan) = &mut self.plan {
                    let into = match leaf {
                        Tag::InitialCategoryOfAbuse => &mut plan.initial_category,
                        _ => &mut plan.latest_category,
                    };
                    *into = into.take().or(category);
                }
            }
            Tag::NumberOfPreviousCpp => {
                let previous = self.count(leaf, value, line);
                if let Some(plan) = &mut self.plan {
                    plan.previous_plans = plan.previous_plans.or(previous);
                }
            }
            Tag::CppId => {
                if let Some(plan) = &mut self.plan {
                    plan.id = plan.id.take().or(text(value));
                }
            }
            _ => {}
        }
    }

    /// `true`/`false`/`1`/`0`, or None with a problem.
    fn boolean(&mut self, field: Tag, value: &str, line: u32) -> Option<bool> {
        match value.to_ascii_lowercase().as_str() {
            "" => None,
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => {
                let message = format!("{value:?} is not true or false (true, false, 1, 0)");
                self.problem(line, field, message);
                None
            }
        }
    }

    /// A category of abuse as written, or None with a problem.
    fn category(&mut self, field: Tag, value: &str, line: u32) -> Option<String> {
        if value.is_empty() {
            return None;
        }
        if CATEGORIES.contains(&value) {
            return Some(value.to_string());
        }
        let message = format!(
            "{value:?} is not a category of abuse ({})",
            CATEGORIES.join(", ")
        );
        self.problem(line, field, message);
        None
    }

    /// A whole number, or None with a problem.
    fn count(&mut self, field: Tag, value: &str, line: u32) -> Option<u32> {
        if value.is_empty() {
            return None;
        }
        match value.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                self.problem(line, field, format!("{value:?} is not a whole number"));
                None
            }
        }
    }

    /// The end of a `Section47`: it joins its `CINdetails`.
    fn end_section47(&mut self) {
        if let (Some(draft), Some(cin)) = (self.section47.take(), &mut self.cin) {
            cin.enquiries.push((draft.enquiry, false));
        }
    }

    /// The end of a `CINdetails`: its enquiries go to the child in file order. A
    /// `DateOfInitialCPC` on `CINdetails` that a `Section47` of the same `CINdetails` also
    /// records is the same conference, and is kept once.
    fn end_cin(&mut self) {
        let (Some(cin), Some(child)) = (self.cin.take(), &mut self.child) else {
            return;
        };
        let in_modules: Vec<Option<NaiveDate>> = cin
            .enquiries
            .iter()
            .filter(|(_, on_cin)| !on_cin)
            .map(|(enquiry, _)| enquiry.icpc_on)
            .collect();
        let mut enquiries: Vec<Section47> = cin
            .enquiries
            .into_iter()
            .filter(|(enquiry, on_cin)| !on_cin || !in_modules.contains(&enquiry.icpc_on))
            .map(|(enquiry, _)| enquiry)
            .collect();
        enquiries.sort_by_key(|enquiry| enquiry.at.line);
        child.child.enquiries.extend(enquiries);
    }

    /// The end of a plan: kept if it has a start date, else a problem (one, whether the date
    /// is missing or refused).
    fn end_plan(&mut self) {
        let Some(plan) = self.plan.take() else {
            return;
        };
        let field = Tag::CppStartDate;
        let Some(started_on) = plan.started_on else {
            let (line, message) = match plan.start_refused {
                Some((line, why)) => (line, format!("{why}: this plan is not read")),
                None => (plan.line, "is missing: this plan is not read".to_string()),
            };
            self.problem(line, field, message);
            return;
        };
        if let Some((line, why)) = plan.start_refused {
            self.problem(line, field, why);
        }
        let at = self.source(plan.line);
        if let Some(child) = &mut self.child {
            child.child.plans.push(CpPlan {
                id: plan.id,
                started_on,
                ended_on: plan.ended_on,
                initial_category: plan.initial_category,
                latest_category: plan.latest_category,
                previous_plans: plan.previous_plans,
                reviews_held_on: plan.reviews_held_on,
                at,
            });
        }
    }

    /// The end of a `<Child>`: added (or joined to an earlier `<Child>` with the same id) if it
    /// has an `LAchildID`, else a problem; its problems are given its id.
    fn end_child(&mut self) {
        let Some(draft) = self.child.take() else {
            return;
        };
        let at = SourceRef {
            file: self.file.to_string(),
            line: Some(draft.line),
            element: Some(format!("Child {}", draft.number)),
        };
        let la_id = draft.child.la_id.clone();
        if la_id.is_empty() {
            self.extract.problems.push(RowProblem {
                at: at.clone(),
                child: None,
                field: Tag::LaChildId.name().to_string(),
                message: "is missing: this child is not read".to_string(),
            });
        }
        let id = (!la_id.is_empty()).then_some(la_id.as_str());
        self.extract
            .problems
            .extend(draft.problems.into_iter().map(|problem| RowProblem {
                child: id.map(str::to_string),
                ..problem
            }));
        if la_id.is_empty() {
            return;
        }
        let from = draft.child;
        let into = self.extract.child_mut(&la_id);
        into.at = into.at.take().or(Some(at));
        into.born_on = into.born_on.or(from.born_on);
        into.expected_birth_on = into.expected_birth_on.or(from.expected_birth_on);
        into.sex = into.sex.take().or(from.sex);
        into.ethnicity = into.ethnicity.take().or(from.ethnicity);
        into.enquiries.extend(from.enquiries);
        into.plans.extend(from.plans);
    }

    /// The XML cannot be read past `line`: a problem, and what was read so far stands.
    fn stop(&mut self, line: u32, reason: &str) {
        self.stopped_at = Some(line);
        self.extract.problems.push(RowProblem {
            at: SourceRef {
                file: self.file.to_string(),
                line: Some(line),
                element: self.child.as_ref().map(|c| format!("Child {}", c.number)),
            },
            child: None,
            field: "XML".to_string(),
            message: format!("cannot be read here ({reason}): reading stopped"),
        });
    }

    /// The extract, with a child cut off by the end of the file (or of what could be read)
    /// refused whole, and the notes: the census year first.
    fn finish(mut self) -> Extract {
        if let Some(draft) = self.child.take() {
            let message = match self.stopped_at {
                Some(line) => format!("is not read: the file cannot be read past line {line}"),
                None => "is not read: the file ends before </Child>".to_string(),
            };
            self.extract.problems.push(RowProblem {
                at: SourceRef {
                    file: self.file.to_string(),
                    line: Some(draft.line),
                    element: Some(format!("Child {}", draft.number)),
                },
                child: (!draft.child.la_id.is_empty()).then(|| draft.child.la_id.clone()),
                field: Tag::Child.name().to_string(),
                message,
            });
        }
        if !self.saw_children && self.stopped_at.is_none() {
            self.extract.problems.push(RowProblem {
                at: SourceRef {
                    file: self.file.to_string(),
                    line: None,
                    element: None,
                },
                child: None,
                field: Tag::Children.name().to_string(),
                message: "is missing: this is not a CIN census file".to_string(),
            });
        }
        let census = self.census_notes();
        self.extract.notes.extend(census);
        self.extract.notes.append(&mut self.unknown_notes);
        self.extract
    }

    /// "CIN census 2023–24, reference date 31 Mar 2024", and a note when the collection year
    /// is not one this reader knows.
    fn census_notes(&mut self) -> Vec<String> {
        let file = self.file;
        let year = self.header.year.clone();
        let parsed_year = year.as_deref().and_then(|y| y.parse::<i32>().ok());
        if let (Some(written), None) = (&year, parsed_year) {
            self.extract.problems.push(RowProblem {
                at: SourceRef {
                    file: file.to_string(),
                    line: None,
                    element: Some("Header".to_string()),
                },
                child: None,
                field: Tag::Year.name().to_string(),
                message: format!("{written:?} is not a year"),
            });
        }
        let (census, collection_year) = match (self.header.reference_on, parsed_year) {
            (Some(on), _) => {
                let ends = if on.month() > 3 {
                    on.year() + 1
                } else {
                    on.year()
                };
                let years = format!("{}–{:02}", ends - 1, ends.rem_euclid(100));
                let date = on.format("%-d %b %Y");
                (
                    format!("{file}: CIN census {years}, reference date {date}"),
                    Some(ends),
                )
            }
            (None, Some(y)) => (
                format!("{file}: CIN census, collection year {y} (no reference date)"),
                Some(y),
            ),
            (None, None) => (
                format!("{file}: CIN census, with no collection year or reference date"),
                None,
            ),
        };
        let mut notes = vec![census];
        if let Some(y) = collection_year.filter(|y| !KNOWN_YEARS.contains(y)) {
            notes.push(format!(
                "{file}: {y} is not a collection year this reader knows ({} to {}): read as \
                 the nearest it knows",
                KNOWN_YEARS.start(),
                KNOWN_YEARS.end()
            ));
        }
        notes
    }
}

/// A value kept as written, or None when the element is empty.
fn text(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

/// The text of `&name;` or `&#n;`: a character reference, one of XML's five entities, or, for
/// any other, the reference as written.
fn resolve(reference: &BytesRef<'_>) -> String {
    if let Ok(Some(ch)) = reference.resolve_char_ref() {
        return ch.to_string();
    }
    let name = String::from_utf8_lossy(&reference[..]);
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(text) => text.to_string(),
        None => format!("&{name};"),
    }
}
