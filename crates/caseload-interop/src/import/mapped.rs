//! A CSV an LA's own report writes (one row per fact: a period of care, a LAC review, a plan, a
//! review conference; a child may have several rows), read through a [`ColumnMapping`] that
//! says which of its columns holds which of our fields. The app keeps one mapping per source
//! (it is JSON), and [`suggest_mapping`] proposes one from a header row with the loose header
//! matcher that Annex A also uses ([`match_columns`]).
//!
//! Also here, shared with the Annex A reader: the fields ([`MappedField`]) and the checks that
//! turn one row of named values into facts of its child ([`Facts::add_row`]), so a value is
//! refused in the same words whichever file it came in.
//!
//! What it deliberately is not: a guesser. A mapped column missing from the header is a problem
//! naming it; a column the mapping does not name is ignored (one note lists them); codes are
//! checked against the 903 and CIN lists and never translated beyond a code's leading token
//! (`C2 - Full care order` is `C2`) and the plain names of the categories of abuse.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use csv::{ReaderBuilder, StringRecord};
use serde::{Deserialize, Serialize};

use super::dates::{parse_date, DateForm};
use super::ssda903::codes;
use super::text::{decode, Encoding};
use super::{ChildIndex, CpPlan, Episode, Extract, ExtractChild, LacReview, SourceRef};

/// One of our fields a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MappedField {
    /// The LA's child id (required).
    ChildId,
    /// Date of birth.
    BornOn,
    /// Expected date of birth (an unborn child).
    ExpectedBirthOn,
    /// Age in years: only read to tell an unborn child (a negative age, or `unborn`), whose
    /// date of birth is then an expected one.
    Age,
    /// Sex or gender, as written.
    Sex,
    /// Ethnicity, as written.
    Ethnicity,
    /// The IRO (or CP chair) named by the file.
    Iro,
    /// The day the child started to be looked after (a period of care starts).
    CareStartedOn,
    /// The legal status code (`C2`, `V3`, …).
    LegalStatus,
    /// The day the child ceased to be looked after.
    CareEndedOn,
    /// Why they ceased (a 903 `REC` code, `E11`…).
    CareEndReason,
    /// A LAC review held.
    ReviewOn,
    /// Its participation code (`PN0`–`PN7`).
    ReviewCode,
    /// A child-protection plan's start.
    CpPlanStartedOn,
    /// Its end.
    CpPlanEndedOn,
    /// Its initial category of abuse.
    InitialCategory,
    /// Its latest category of abuse.
    Category,
    /// The number of previous plans.
    PreviousPlans,
    /// A review conference held on the plan.
    CpReviewOn,
}

impl MappedField {
    /// Every field, in the order the matcher gives them columns.
    pub const ALL: [MappedField; 19] = [
        MappedField::ChildId,
        MappedField::BornOn,
        MappedField::ExpectedBirthOn,
        MappedField::Age,
        MappedField::Sex,
        MappedField::Ethnicity,
        MappedField::Iro,
        MappedField::CareStartedOn,
        MappedField::LegalStatus,
        MappedField::CareEndedOn,
        MappedField::CareEndReason,
        MappedField::ReviewOn,
        MappedField::ReviewCode,
        MappedField::CpPlanStartedOn,
        MappedField::CpPlanEndedOn,
        MappedField::InitialCategory,
        MappedField::Category,
        MappedField::PreviousPlans,
        MappedField::CpReviewOn,
    ];

    /// Its name in a saved mapping: `child_id`, `care_started_on`, ….
    pub fn name(self) -> &'static str {
        self.words().0
    }

    /// What it is, for a note: `child id`, `looked-after start`, ….
    pub fn label(self) -> &'static str {
        self.words().1
    }

    fn words(self) -> (&'static str, &'static str) {
        use MappedField as F;
        match self {
            F::ChildId => ("child_id", "child id"),
            F::BornOn => ("born_on", "date of birth"),
            F::ExpectedBirthOn => ("expected_birth_on", "expected date of birth"),
            F::Age => ("age", "age"),
            F::Sex => ("sex", "gender"),
            F::Ethnicity => ("ethnicity", "ethnicity"),
            F::Iro => ("iro", "IRO"),
            F::CareStartedOn => ("care_started_on", "looked-after start"),
            F::LegalStatus => ("legal_status", "legal status"),
            F::CareEndedOn => ("care_ended_on", "ceased to be looked after"),
            F::CareEndReason => ("care_end_reason", "reason ceased"),
            F::ReviewOn => ("review_on", "latest review"),
            F::ReviewCode => ("review_code", "participation code"),
            F::CpPlanStartedOn => ("cp_plan_started_on", "plan start"),
            F::CpPlanEndedOn => ("cp_plan_ended_on", "plan end"),
            F::InitialCategory => ("initial_category", "initial category"),
            F::Category => ("category", "latest category"),
            F::PreviousPlans => ("previous_plans", "previous plans"),
            F::CpReviewOn => ("cp_review_on", "latest review conference"),
        }
    }

    /// The headers that name it, as [`normalise`] writes them, best first.
    fn synonyms(self) -> &'static [&'static str] {
        use MappedField as F;
        match self {
            F::ChildId => &[
                "childuniqueid",
                "childid",
                "uniquechildid",
                "lachildid",
                "child",
                "childidentifier",
                "childref",
                "childreference",
                "childno",
                "childnumber",
                "personid",
                "clientid",
                "uniqueid",
                "id",
            ],
            F::BornOn => &["dateofbirth", "dob", "birthdate", "personbirthdate", "born"],
            F::ExpectedBirthOn => &[
                "expecteddateofbirth",
                "expecteddob",
                "expectedbirthdate",
                "expectedpersonbirthdate",
                "edd",
            ],
            F::Age => &[
                "age",
                "ageofchild",
                "ageofchildyears",
                "ageyears",
                "ageinyears",
            ],
            F::Sex => &["gender", "sex", "gendercurrent", "legalsex"],
            F::Ethnicity => &["ethnicity", "ethnic", "ethnicorigin", "ethnicitycode"],
            F::Iro => &[
                "iro",
                "allocatediro",
                "namediro",
                "ironame",
                "independentreviewingofficer",
                "reviewingofficer",
                "cpchair",
                "conferencechair",
                "allocatedcpchair",
                "chair",
            ],
            F::CareStartedOn => &[
                "datestartedtobelookedafter",
                "startedtobelookedafter",
                "datebecamelookedafter",
                "lookedafterstartdate",
                "lookedafterfrom",
                "startdateoflatestperiodofcare",
                "latestperiodofcarestart",
                "periodofcarestartdate",
                "periodofcarestart",
                "periodstart",
                "lacstartdate",
                "clastartdate",
                "carestartdate",
                "dateenteredcare",
            ],
            F::LegalStatus => &[
                "legalstatus",
                "childslegalstatus",
                "currentlegalstatus",
                "legalstatuscode",
                "ls",
            ],
            F::CareEndedOn => &[
                "dateceasedtobelookedafter",
                "ceasedtobelookedafter",
                "lookedafterenddate",
                "periodofcareenddate",
                "periodofcareend",
                "periodend",
                "lacenddate",
                "claenddate",
                "careenddate",
                "dateleftcare",
            ],
            F::CareEndReason => &[
                "reasonceasedtobelookedafter",
                "reasonceased",
                "reasonforceasing",
                "reasonepisodeceased",
                "reasonleftcare",
                "rec",
            ],
            F::ReviewOn => &[
                "dateoflateststatutoryreview",
                "lateststatutoryreview",
                "dateoflatestreview",
                "latestreviewdate",
                "dateoflastreview",
                "lastreviewdate",
                "dateoflastlacreview",
                "lacreviewdate",
                "clareviewdate",
                "statutoryreviewdate",
                "reviewdate",
                "review",
            ],
            F::ReviewCode => &[
                "participationcode",
                "reviewcode",
                "pncode",
                "participation",
                "childsparticipation",
                "participationinlatestreview",
                "participationinreview",
                "latestreviewparticipation",
                "reviewparticipationcode",
            ],
            F::CpPlanStartedOn => &[
                "childprotectionplanstartdate",
                "childprotectionplanstart",
                "cpplanstartdate",
                "cpplanstart",
                "cppstartdate",
                "cpstartdate",
                "planstartdate",
                "startdateofcpplan",
            ],
            F::CpPlanEndedOn => &[
                "childprotectionplanenddate",
                "childprotectionplanend",
                "cpplanenddate",
                "cpplanend",
                "cppenddate",
                "cpenddate",
                "planenddate",
            ],
            F::InitialCategory => &[
                "initialcategoryofabuse",
                "initialcategory",
                "initialcpcategory",
            ],
            F::Category => &[
                "latestcategoryofabuse",
                "latestcategory",
                "currentcategoryofabuse",
                "categoryofabuse",
                "cpcategory",
                "category",
            ],
            F::PreviousPlans => &[
                "numberofpreviouschildprotectionplans",
                "sumofnumberofpreviouschildprotectionplans",
                "previouschildprotectionplans",
                "numberofpreviouscpplans",
                "numberofpreviouscpp",
                "previouscpplans",
                "previousplans",
            ],
            F::CpReviewOn => &[
                "dateoflatestreviewconference",
                "latestreviewconference",
                "dateoflastreviewconference",
                "lastreviewconference",
                "reviewconferencedate",
                "dateoflatestrcpc",
                "rcpcdate",
                "cppreviewdate",
                "cpreviewdate",
                "reviewdate",
            ],
        }
    }
}

/// How a mapped CSV writes its dates, when it is not dd/mm/yyyy (or ISO).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateHint {
    /// dd/mm/yyyy, ISO also accepted (the default).
    DayMonthYear,
    /// yyyy-mm-dd, dd/mm/yyyy also accepted (they cannot be confused).
    Iso,
    /// mm/dd/yyyy (a report exported with US settings), ISO also accepted.
    MonthDayYear,
}

/// Which column of an LA's CSV holds which of our fields, saved per source as JSON:
/// `{"columns": {"child_id": "Child ID", "review_on": "Review date"}, "date_format": "iso"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// Our field → the LA's column header, as written in its header row.
    pub columns: BTreeMap<MappedField, String>,
    /// How its dates are written, if not dd/mm/yyyy.
    #[serde(default)]
    pub date_format: Option<DateHint>,
}

/// A mapping proposed from a header row: each field the loose matcher recognises (case, spaces
/// and punctuation ignored, a few synonyms per field), each column used once.
pub fn suggest_mapping(header: &[&str]) -> ColumnMapping {
    let columns = match_columns(header, &MappedField::ALL)
        .into_iter()
        .filter_map(|(field, idx)| Some((field, header.get(idx)?.trim().to_string())))
        .collect();
    ColumnMapping {
        columns,
        date_format: None,
    }
}

/// A header as the matcher compares it: lower case, letters and digits only.
pub(super) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A header without its bracketed parts: `Date of Birth (dd/mm/yyyy)` is `Date of Birth`.
fn without_brackets(header: &str) -> String {
    let mut depth = 0u32;
    let mut kept = String::new();
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    kept
}

/// The loose matcher: for each of `fields` in turn, the first of its synonyms that a header not
/// yet taken matches (as written or without its bracketed parts), and that header's index.
pub(super) fn match_columns(headers: &[&str], fields: &[MappedField]) -> Vec<(MappedField, usize)> {
    let forms: Vec<(String, String)> = headers
        .iter()
        .map(|h| (normalise(h), normalise(&without_brackets(h))))
        .collect();
    let mut taken = BTreeSet::new();
    let mut found = Vec::new();
    for &field in fields {
        let column = field.synonyms().iter().find_map(|synonym| {
            forms.iter().enumerate().position(|(idx, (whole, bare))| {
                !taken.contains(&idx) && !whole.is_empty() && (whole == synonym || bare == synonym)
            })
        });
        if let Some(idx) = column {
            taken.insert(idx);
            found.push((field, idx));
        }
    }
    found
}

/// A cell's value: text, a number (a spreadsheet's numbers and date serials) or a date cell.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Value {
    /// Whether there is nothing in it.
    fn is_empty(&self) -> bool {
        matches!(self, Value::Text(text) if text.trim().is_empty())
    }

    /// The value as text: a whole number without a decimal point, a date as dd/mm/yyyy.
    pub(super) fn text(&self) -> String {
        match self {
            Value::Text(text) => text.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(date) => date.format("%d/%m/%Y").to_string(),
        }
    }
}

/// One row of values, each with the field it is for and the header that named it.
pub(super) struct Row {
    /// Where the row is.
    pub at: SourceRef,
    /// Its non-empty values.
    pub cells: Vec<(MappedField, String, Value)>,
}

impl Row {
    /// The header and value of a field, if the row has one.
    fn get(&self, field: MappedField) -> Option<(&str, &Value)> {
        self.cells
            .iter()
            .find(|(f, _, value)| *f == field && !value.is_empty())
            .map(|(_, header, value)| (header.as_str(), value))
    }
}

/// What a row must hold for its fact (Annex A: each list's start date), or nothing (a mapped
/// CSV, where a row holds whichever facts its cells give).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Required {
    Nothing,
    /// A plan start: a row without one is a problem.
    CpPlan,
    /// A looked-after start: a row without one is a problem.
    Care,
}

/// The problems of one row, collected as it is read: the header and why.
#[derive(Default)]
struct RowCheck {
    problems: Vec<(String, String)>,
    date_format: Option<DateHint>,
}

impl RowCheck {
    fn problem(&mut self, header: &str, message: String) {
        self.problems.push((header.to_string(), message));
    }

    /// The date of a field, or None (absent, or a problem recorded with `then` after it).
    fn date(&mut self, row: &Row, field: MappedField, then: &str) -> Option<NaiveDate> {
        let (header, value) = row.get(field)?;
        match read_date(value, self.date_format) {
            Ok(date) => Some(date),
            Err(message) => {
                self.problem(header, format!("{message}{then}"));
                None
            }
        }
    }

    /// The code of `list` a field's value starts with, or None (absent, or a problem).
    fn code(
        &mut self,
        row: &Row,
        field: MappedField,
        list: &[&'static str],
        then: &str,
    ) -> Option<&'static str> {
        let (header, value) = row.get(field)?;
        let text = value.text();
        let code = leading_code(&text, list);
        if code.is_none() {
            let message = format!("{text:?} is not a known code ({}){then}", list.join(", "));
            self.problem(header, message);
        }
        code
    }

    /// A category of abuse, as a code or its plain name, or None.
    fn category(&mut self, row: &Row, field: MappedField) -> Option<String> {
        let (header, value) = row.get(field)?;
        let text = value.text();
        let code = category_code(&text);
        if code.is_none() {
            let message = format!(
                "{text:?} is not a category of abuse (NEG, PHY, SAB, EMO, MUL, or their names)"
            );
            self.problem(header, message);
        }
        code.map(str::to_string)
    }

    /// A whole number, or None.
    fn whole_number(&mut self, row: &Row, field: MappedField) -> Option<u32> {
        let (header, value) = row.get(field)?;
        let number = match value {
            Value::Number(n) if n.fract() == 0.0 && (0.0..=1e6).contains(n) => Some(*n as u32),
            Value::Text(text) => text.trim().parse().ok(),
            _ => None,
        };
        if number.is_none() {
            self.problem(header, format!("{:?} is not a whole number", value.text()));
        }
        number
    }
}

/// A date from a cell: a date cell, an Excel serial number, or text in the hinted form.
fn read_date(value: &Value, hint: Option<DateHint>) -> Result<NaiveDate, String> {
    match value {
        Value::Date(date) => Ok(*date),
        Value::Number(n) => super::dates::excel_serial_date(*n)
            .ok_or_else(|| format!("{n} is not a date (an Excel date number from 1900 to 2199)")),
        Value::Text(text) => read_text_date(text, hint),
    }
}

/// A date written as text, a time after it (`2024-03-01 00:00:00`) ignored.
fn read_text_date(text: &str, hint: Option<DateHint>) -> Result<NaiveDate, String> {
    let trimmed = text.trim();
    let date = match trimmed.split_once(' ') {
        Some((date, time)) if is_time(time) => date,
        _ => trimmed,
    };
    let (parsed, form) = match hint {
        None | Some(DateHint::DayMonthYear) => {
            (parse_date(date, DateForm::DayMonthYear).ok(), "dd/mm/yyyy")
        }
        Some(DateHint::Iso) => (parse_date(date, DateForm::Iso).ok(), "yyyy-mm-dd"),
        Some(DateHint::MonthDayYear) => (month_day_year(date), "mm/dd/yyyy"),
    };
    parsed.ok_or_else(|| format!("{text:?} is not a date ({form})"))
}

/// A date written mm/dd/yyyy, or yyyy-mm-dd.
fn month_day_year(date: &str) -> Option<NaiveDate> {
    let exact = |format| {
        NaiveDate::parse_from_str(date, format)
            .ok()
            .filter(|_| date.len() == 10)
    };
    exact("%m/%d/%Y").or_else(|| exact("%Y-%m-%d"))
}

/// Whether text is a time of day as reports write one after a date (`00:00`, `00:00:00.000`).
fn is_time(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.contains(':')
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
}

/// The code of `list` that a value is, or starts with (`C2 - Full care order`, `PN1: attends`).
fn leading_code(text: &str, list: &[&'static str]) -> Option<&'static str> {
    codes::known(text, list).or_else(|| {
        let first = text.split(|c: char| !c.is_ascii_alphanumeric()).next()?;
        codes::known(first, list)
    })
}

/// The category of abuse a value names: a code, or the category's name.
fn category_code(text: &str) -> Option<&'static str> {
    const NAMES: [(&str, &[&str]); 5] = [
        ("NEG", &["neg", "neglect"]),
        ("PHY", &["phy", "physical", "physicalabuse"]),
        ("SAB", &["sab", "sexual", "sexualabuse"]),
        ("EMO", &["emo", "emotional", "emotionalabuse"]),
        ("MUL", &["mul", "multiple", "mixed", "multiplecategories"]),
    ];
    let whole = normalise(text);
    let first = normalise(
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or(""),
    );
    NAMES
        .iter()
        .find(|(code, names)| {
            names.contains(&whole.as_str())
                || (first.len() == 3 && first == code.to_ascii_lowercase())
        })
        .map(|(code, _)| *code)
}

/// Whether an age says the child is not born yet: below zero, or `unborn`.
fn unborn(value: &Value) -> bool {
    match value {
        Value::Number(n) => *n < 0.0,
        Value::Text(text) => {
            let text = text.trim();
            text.to_ascii_lowercase().contains("unborn")
                || text.parse::<f64>().is_ok_and(|n| n < 0.0)
        }
        Value::Date(_) => false,
    }
}

/// The extract being read, its children indexed by LA id (an LA's report may be long).
#[derive(Default)]
pub(super) struct Facts {
    pub extract: Extract,
    index: ChildIndex,
}

impl Facts {
    /// The child with this id, added (first met here) if new.
    fn child(&mut self, la_id: &str, at: &SourceRef) -> Option<&mut ExtractChild> {
        let idx = self.index.child(&mut self.extract, la_id, at);
        self.extract.children.get_mut(idx)
    }

    /// Records a problem that is not a row's value (a header, a sheet, a file).
    pub fn problem(&mut self, at: SourceRef, field: &str, message: impl Into<String>) {
        self.extract.problem(at, None, field, message);
    }

    /// Adds a note for the preview.
    pub fn note(&mut self, note: String) {
        self.extract.notes.push(note);
    }

    /// One row: its child (created if new) and whatever facts its values give; every value it
    /// cannot use is a problem. True when the row had no problem.
    pub fn add_row(
        &mut self,
        row: &Row,
        required: Required,
        date_format: Option<DateHint>,
    ) -> bool {
        let child_header = row.cells.iter().find(|(f, ..)| *f == MappedField::ChildId);
        let Some((.., value)) = child_header.filter(|(.., v)| !v.is_empty()) else {
            let header = child_header.map_or(MappedField::ChildId.name(), |(_, h, _)| h.as_str());
            let message = "is missing: this row is not read";
            self.extract.problem(row.at.clone(), None, header, message);
            return false;
        };
        let la_id = value.text();
        let mut check = RowCheck {
            problems: Vec::new(),
            date_format,
        };
        let facts = RowFacts::read(row, required, &mut check);
        let ok = check.problems.is_empty();
        for (field, message) in check.problems {
            self.extract
                .problem(row.at.clone(), Some(&la_id), &field, message);
        }
        if let Some(child) = self.child(&la_id, &row.at) {
            facts.add_to(child);
        }
        ok
    }
}

/// What one row says, checked.
struct RowFacts {
    born_on: Option<NaiveDate>,
    expected_birth_on: Option<NaiveDate>,
    sex: Option<String>,
    ethnicity: Option<String>,
    iro: Option<String>,
    episode: Option<Episode>,
    review: Option<LacReview>,
    plan: Option<CpPlan>,
}

/// A field's value as text, if the row has one.
fn text_of(row: &Row, field: MappedField) -> Option<String> {
    row.get(field).map(|(_, value)| value.text())
}

impl RowFacts {
    fn read(row: &Row, required: Required, check: &mut RowCheck) -> RowFacts {
        let born = check.date(row, MappedField::BornOn, "");
        let is_unborn = row.get(MappedField::Age).is_some_and(|(_, v)| unborn(v));
        let expected = check.date(row, MappedField::ExpectedBirthOn, "");
        RowFacts {
            born_on: born.filter(|_| !is_unborn),
            expected_birth_on: expected.or(born.filter(|_| is_unborn)),
            sex: text_of(row, MappedField::Sex),
            ethnicity: text_of(row, MappedField::Ethnicity),
            iro: text_of(row, MappedField::Iro),
            episode: episode(row, required, check),
            review: review(row, check),
            plan: plan(row, required, check),
        }
    }

    /// The row's facts added to its child: identity fills what is not known yet; a period,
    /// review or plan already there (the same start or day) is completed, not repeated.
    fn add_to(self, child: &mut ExtractChild) {
        child.born_on = child.born_on.or(self.born_on);
        child.expected_birth_on = child.expected_birth_on.or(self.expected_birth_on);
        child.sex = child.sex.take().or(self.sex);
        child.ethnicity = child.ethnicity.take().or(self.ethnicity);
        child.iro = child.iro.take().or(self.iro);
        if let Some(episode) = self.episode {
            add_episode(child, episode);
        }
        if let Some(review) = self.review {
            add_review(child, review);
        }
        if let Some(plan) = self.plan {
            add_plan(child, plan);
        }
    }
}

/// A missing required start: a problem, unless the row names neither the column nor anything
/// of the fact (a mapped CSV's row for another fact).
fn require(row: &Row, field: MappedField, what: &str, check: &mut RowCheck) {
    let header = row.cells.iter().find(|(f, ..)| *f == field);
    if let Some((_, header, _)) = header {
        check.problem(header, format!("is missing: this {what} is not read"));
    }
}

/// The period of care a row gives: a looked-after start and a legal status.
fn episode(row: &Row, required: Required, check: &mut RowCheck) -> Option<Episode> {
    const NOT_READ: &str = ": this period of care is not read";
    if row.get(MappedField::CareStartedOn).is_none() {
        if required == Required::Care {
            require(row, MappedField::CareStartedOn, "period of care", check);
        }
        return None;
    }
    let started_on = check.date(row, MappedField::CareStartedOn, NOT_READ);
    let legal_status = match row.get(MappedField::LegalStatus) {
        Some(_) => check.code(
            row,
            MappedField::LegalStatus,
            codes::LEGAL_STATUSES,
            NOT_READ,
        ),
        None => {
            require(row, MappedField::LegalStatus, "period of care", check);
            None
        }
    };
    let ended_on = check.date(row, MappedField::CareEndedOn, "");
    let reason_end = check.code(row, MappedField::CareEndReason, codes::REASONS_ENDED, "");
    Some(Episode {
        started_on: started_on?,
        reason_new: "S".to_string(),
        legal_status: legal_status?.to_string(),
        placement: None,
        ended_on,
        reason_end: reason_end.map(str::to_string),
        at: row.at.clone(),
    })
}

/// The LAC review a row gives, with its participation code.
fn review(row: &Row, check: &mut RowCheck) -> Option<LacReview> {
    let held_on = check.date(row, MappedField::ReviewOn, "")?;
    let participation = check.code(row, MappedField::ReviewCode, codes::PARTICIPATION, "");
    Some(LacReview {
        held_on,
        participation: participation.map(str::to_string),
        at: row.at.clone(),
    })
}

/// The child-protection plan a row gives: its start, end, categories, previous plans and a
/// review conference held.
fn plan(row: &Row, required: Required, check: &mut RowCheck) -> Option<CpPlan> {
    if row.get(MappedField::CpPlanStartedOn).is_none() {
        if required == Required::CpPlan {
            require(row, MappedField::CpPlanStartedOn, "plan", check);
        } else if let Some((header, _)) = row.get(MappedField::CpReviewOn) {
            let message = "is given without the plan's start date: this review is not read";
            check.problem(header, message.to_string());
        }
        return None;
    }
    let started_on = check.date(row, MappedField::CpPlanStartedOn, ": this plan is not read");
    let ended_on = check.date(row, MappedField::CpPlanEndedOn, "");
    let initial_category = check.category(row, MappedField::InitialCategory);
    let latest_category = check.category(row, MappedField::Category);
    let previous_plans = check.whole_number(row, MappedField::PreviousPlans);
    let reviewed = check.date(row, MappedField::CpReviewOn, "");
    Some(CpPlan {
        id: None,
        started_on: started_on?,
        ended_on,
        initial_category,
        latest_category,
        previous_plans,
        reviews_held_on: reviewed.into_iter().collect(),
        at: row.at.clone(),
    })
}

/// A period of care: one with the same start is completed, not repeated.
fn add_episode(child: &mut ExtractChild, episode: Episode) {
    match child
        .episodes
        .iter_mut()
        .find(|e| e.started_on == episode.started_on)
    {
        Some(known) => {
            known.ended_on = known.ended_on.or(episode.ended_on);
            known.reason_end = known.reason_end.take().or(episode.reason_end);
        }
        None => child.episodes.push(episode),
    }
}

/// A review: one held the same day is completed, not repeated.
fn add_review(child: &mut ExtractChild, review: LacReview) {
    match child
        .reviews
        .iter_mut()
        .find(|r| r.held_on == review.held_on)
    {
        Some(known) => known.participation = known.participation.take().or(review.participation),
        None => child.reviews.push(review),
    }
}

/// A plan: one with the same start is completed (its reviews gathered), not repeated.
fn add_plan(child: &mut ExtractChild, plan: CpPlan) {
    match child
        .plans
        .iter_mut()
        .find(|p| p.started_on == plan.started_on)
    {
        Some(known) => {
            known.ended_on = known.ended_on.or(plan.ended_on);
            known.initial_category = known.initial_category.take().or(plan.initial_category);
            known.latest_category = known.latest_category.take().or(plan.latest_category);
            known.previous_plans = known.previous_plans.or(plan.previous_plans);
            for day in plan.reviews_held_on {
                if !known.reviews_held_on.contains(&day) {
                    known.reviews_held_on.push(day);
                }
            }
        }
        None => child.plans.push(plan),
    }
}

/// "3 rows read, 2 without a problem".
pub(super) fn rows_read(read: usize, used: usize) -> String {
    let rows = if read == 1 { "row" } else { "rows" };
    format!("{read} {rows} read, {used} without a problem")
}

/// `'Child ID' → child id, 'DOB' → date of birth`: which column was used for what.
pub(super) fn columns_used(used: &[(MappedField, String)]) -> String {
    let parts: Vec<String> = used
        .iter()
        .map(|(field, header)| format!("'{header}' → {}", field.label()))
        .collect();
    parts.join(", ")
}

/// For the fields a file has columns for, the facts that cannot be read for want of another
/// column (a period of care needs its legal status; a plan's details need its start).
pub(super) fn missing_partners(fields: &[MappedField]) -> Vec<String> {
    let has = |field| fields.contains(&field);
    let mut problems = Vec::new();
    if has(MappedField::CareStartedOn) && !has(MappedField::LegalStatus) {
        problems.push("has no column for the legal status: periods of care are not read".into());
    }
    let plan_fields = [
        MappedField::CpPlanEndedOn,
        MappedField::InitialCategory,
        MappedField::Category,
        MappedField::PreviousPlans,
        MappedField::CpReviewOn,
    ];
    if !has(MappedField::CpPlanStartedOn) && plan_fields.iter().any(|&f| has(f)) {
        problems.push("has no column for the plan start: plans are not read".into());
    }
    problems
}

/// A mapped column: the field, its index in the header and the header as written.
struct Column {
    field: MappedField,
    idx: usize,
    header: String,
}

/// The CSV in `bytes` (UTF-8 with or without a BOM, or Windows-1252; CRLF or LF), from the
/// file `name`, read through `mapping`: one row per fact, several rows per child allowed.
pub fn read_mapped_csv(name: &str, bytes: &[u8], mapping: &ColumnMapping) -> Extract {
    let mut facts = Facts::default();
    let (text, encoding) = decode(bytes);
    let text = unix_line_ends(text);
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = StringRecord::new();
    let header = match reader.read_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|h| h.trim().to_string())
            .collect::<Vec<_>>(),
        Ok(false) | Err(_) => {
            facts.problem(at_line(name, None), "file", "is empty");
            return facts.extract;
        }
    };
    let Some(columns) = mapped_columns(&mut facts, name, &header, mapping) else {
        return facts.extract;
    };
    note_header(&mut facts, name, &header, &columns, encoding);
    let (read, used) = read_records(&mut facts, name, &mut reader, &columns, mapping.date_format);
    facts.note(format!("{name}: {}", rows_read(read, used)));
    facts.extract
}

/// Where in the CSV.
fn at_line(name: &str, line: Option<u32>) -> SourceRef {
    SourceRef {
        file: name.to_string(),
        line,
        element: None,
    }
}

/// The text with every line end a `\n` (the csv crate reports a record after a `\r\n` a line
/// early: BurntSushi/rust-csv#395).
fn unix_line_ends(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    }
}

/// Each mapped field's column in the header; a mapped column not in it, or a fact that cannot
/// be read without a column the mapping lacks, is a problem; without the child id column
/// nothing is read (None).
fn mapped_columns(
    facts: &mut Facts,
    name: &str,
    header: &[String],
    mapping: &ColumnMapping,
) -> Option<Vec<Column>> {
    let mut columns = Vec::new();
    for (&field, column) in &mapping.columns {
        let column = column.trim();
        let idx = header
            .iter()
            .position(|h| h == column)
            .or_else(|| header.iter().position(|h| h.eq_ignore_ascii_case(column)));
        match idx {
            Some(idx) => columns.push(Column {
                field,
                idx,
                header: header.get(idx).map_or(column, String::as_str).to_string(),
            }),
            None => facts.problem(
                at_line(name, Some(1)),
                column,
                format!("is not in the header row: {} is not read", field.name()),
            ),
        }
    }
    if !columns.iter().any(|c| c.field == MappedField::ChildId) {
        let message = "has no column for child_id: nothing is read";
        facts.problem(at_line(name, Some(1)), "mapping", message);
        return None;
    }
    let fields: Vec<MappedField> = columns.iter().map(|c| c.field).collect();
    for message in missing_partners(&fields) {
        facts.problem(at_line(name, Some(1)), "mapping", message);
    }
    Some(columns)
}

/// The notes on the header: which column is used for what, the columns ignored, the encoding.
fn note_header(
    facts: &mut Facts,
    name: &str,
    header: &[String],
    columns: &[Column],
    encoding: Encoding,
) {
    let used: Vec<(MappedField, String)> = columns
        .iter()
        .map(|c| (c.field, c.header.clone()))
        .collect();
    facts.note(format!("{name}: {}", columns_used(&used)));
    let ignored: Vec<String> = header
        .iter()
        .enumerate()
        .filter(|(idx, h)| !h.is_empty() && !columns.iter().any(|c| c.idx == *idx))
        .map(|(_, h)| format!("'{h}'"))
        .collect();
    if !ignored.is_empty() {
        let list = ignored.join(", ");
        facts.note(format!("{name}: not in the mapping, ignored: {list}"));
    }
    if encoding == Encoding::Windows1252 {
        facts.note(format!("{name}: read as Windows-1252 (not UTF-8)"));
    }
}

/// Reads every data row; how many were read, and how many had no problem.
fn read_records(
    facts: &mut Facts,
    name: &str,
    reader: &mut csv::Reader<&[u8]>,
    columns: &[Column],
    date_format: Option<DateHint>,
) -> (usize, usize) {
    let mut record = StringRecord::new();
    let (mut read, mut used) = (0, 0);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let line = err.position().and_then(|p| u32::try_from(p.line()).ok());
                let message = format!("cannot be read further: {err}");
                facts.problem(at_line(name, line), "file", message);
                break;
            }
        }
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let line = record.position().and_then(|p| u32::try_from(p.line()).ok());
        let cells = columns
            .iter()
            .map(|c| {
                let value = Value::Text(record.get(c.idx).unwrap_or("").to_string());
                (c.field, c.header.clone(), value)
            })
            .collect();
        let row = Row {
            at: at_line(name, line),
            cells,
        };
        read += 1;
        if facts.add_row(&row, Required::Nothing, date_format) {
            used += 1;
        }
    }
    (read, used)
}
