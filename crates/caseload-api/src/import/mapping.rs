//! An LA's own CSV on the Import screen: which of its columns holds which of our fields. The
//! form's view of a [`ColumnMapping`] ([`MappingView`], with each field's words and whether it
//! is required), the form for a file ([`App::import_mapping_for`]: its header's columns and the
//! mapping saved for its source, else the one its header suggests), the check of a mapping
//! before it is saved ([`App::import_mapping_to_save`]), and the import with the mappings saved
//! per source ([`App::import_with_mappings`]).
//!
//! A source is a CSV's header row, normalised ([`mapping_source`]): a report run again next
//! month has the same columns and finds its mapping. Only column names are kept, never a row.
//!
//! What it deliberately is not: storage. The caller keeps the mappings (the desktop in its
//! preferences) and passes them in.

use std::collections::BTreeMap;

use caseload_interop::import::mapped::{DateHint, MappedField};
use caseload_interop::import::text::decode;
use caseload_interop::import::{suggest_mapping, ColumnMapping};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ImportFile, ImportFormat, ImportOptions, ImportPreview, ImportProgress};
use crate::{ApiError, App};

/// The mappings saved by the caller: a source ([`mapping_source`]) → its mapping.
pub type SavedMappings = BTreeMap<String, ColumnMapping>;

/// One of our fields in the mapping form, and the file's column chosen for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MappedFieldView {
    /// Our field's id, as a saved mapping names it: `child_id`, `care_started_on`, ….
    pub field: String,
    /// What it is, in plain words.
    pub label: String,
    /// The part of the form it is in: the child, looked after, child protection.
    pub group: String,
    /// True when nothing can be read without it.
    pub required: bool,
    /// The file's column that holds it (None: not in this file).
    pub column: Option<String>,
}

/// A column mapping as the form shows and sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MappingView {
    /// Every field we read, in the form's order.
    pub fields: Vec<MappedFieldView>,
    /// How the file writes its dates: one of the form's `date_formats` ids.
    pub date_format: String,
}

/// A way of writing dates the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DateFormatChoice {
    /// Its id in a [`MappingView`].
    pub id: String,
    /// In plain words.
    pub label: String,
}

/// The mapping form for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct MappingForm {
    /// The file's name.
    pub file: String,
    /// Its header row's columns, as written (empty ones left out).
    pub header: Vec<String>,
    /// The mapping saved for its source, else the one its header suggests.
    pub mapping: MappingView,
    /// True when a mapping is saved for its source (the import uses it).
    pub saved: bool,
    /// The ways of writing dates.
    pub date_formats: Vec<DateFormatChoice>,
}

/// When an import runs, and whether it is kept (false: a preview).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportRun {
    /// Today.
    pub as_of: NaiveDate,
    /// True: the import; false: the preview (nothing kept).
    pub commit: bool,
}

/// A mapping checked against its file, to be kept under its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedMapping {
    /// The file's source ([`mapping_source`]).
    pub source: String,
    /// Which column holds what.
    pub mapping: ColumnMapping,
}

/// A CSV's header row: its columns as written, trimmed (None: not a CSV, or no header).
fn csv_header(file: &ImportFile) -> Option<Vec<String>> {
    let name = file.name.to_ascii_lowercase();
    let (text, _) = decode(&file.bytes);
    let first = text.lines().next().unwrap_or("").trim_end_matches('\r');
    let binary_or_xml = file.bytes.starts_with(b"PK\x03\x04") || text.trim_start().starts_with('<');
    let other = name.ends_with(".xml") || name.ends_with(".xlsx") || binary_or_xml;
    let looks_csv = name.ends_with(".csv") || first.contains(',');
    let cells = split_csv_line(first);
    (!other && looks_csv && cells.iter().any(|c| !c.is_empty())).then_some(cells)
}

/// One CSV line's cells, quotes honoured (`"a, b"` is one cell, `""` a quote), each trimmed.
fn split_csv_line(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

/// Whether a header is an LA's own report's: no `CHILD` column, which every SSDA903 table has.
fn is_own_report(header: &[String]) -> bool {
    !header.iter().any(|c| c.eq_ignore_ascii_case("CHILD"))
}

/// The source a CSV's mapping is saved under: its header row, each column in lower case with
/// its spaces collapsed, joined by commas. None when the file is not a CSV.
pub fn mapping_source(file: &ImportFile) -> Option<String> {
    csv_header(file).map(|header| source_of(&header))
}

fn source_of(header: &[String]) -> String {
    let columns: Vec<String> = header
        .iter()
        .map(|c| {
            c.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .collect();
    columns.join(",")
}

/// A field's words in the form: its label and its group.
fn field_words(field: MappedField) -> (&'static str, &'static str) {
    use MappedField as F;
    const CHILD: &str = "The child";
    const CARE: &str = "Looked after";
    const CP: &str = "Child protection";
    match field {
        F::ChildId => ("Child ID (the LA's id)", CHILD),
        F::BornOn => ("Date of birth", CHILD),
        F::ExpectedBirthOn => ("Expected date of birth (an unborn child)", CHILD),
        F::Age => ("Age (only to tell an unborn child)", CHILD),
        F::Sex => ("Gender", CHILD),
        F::Ethnicity => ("Ethnicity", CHILD),
        F::Iro => ("IRO or conference chair", CHILD),
        F::CareStartedOn => ("Date started to be looked after", CARE),
        F::LegalStatus => ("Legal status (C2, V3, …)", CARE),
        F::CareEndedOn => ("Date ceased to be looked after", CARE),
        F::CareEndReason => ("Reason ceased (E11, …)", CARE),
        F::ReviewOn => ("LAC review date", CARE),
        F::ReviewCode => ("Participation code (PN0–PN7)", CARE),
        F::CpPlanStartedOn => ("Plan start date", CP),
        F::CpPlanEndedOn => ("Plan end date", CP),
        F::InitialCategory => ("Initial category of abuse", CP),
        F::Category => ("Latest category of abuse", CP),
        F::PreviousPlans => ("Number of previous plans", CP),
        F::CpReviewOn => ("Review conference date", CP),
    }
}

/// Whether nothing can be read without the field.
fn is_required(field: MappedField) -> bool {
    field == MappedField::ChildId
}

/// The ways of writing dates, their ids and words; the first is the default.
const DATE_FORMATS: [(Option<DateHint>, &str, &str); 3] = [
    (None, "day_month_year", "31/01/2025 (dd/mm/yyyy)"),
    (Some(DateHint::Iso), "iso", "2025-01-31 (yyyy-mm-dd)"),
    (
        Some(DateHint::MonthDayYear),
        "month_day_year",
        "01/31/2025 (American)",
    ),
];

fn date_format_id(hint: Option<DateHint>) -> &'static str {
    let hint = hint.filter(|h| *h != DateHint::DayMonthYear);
    DATE_FORMATS
        .iter()
        .find(|(h, ..)| *h == hint)
        .map_or(DATE_FORMATS[0].1, |(_, id, _)| id)
}

fn date_choices() -> Vec<DateFormatChoice> {
    DATE_FORMATS
        .iter()
        .map(|(_, id, label)| DateFormatChoice {
            id: (*id).to_string(),
            label: (*label).to_string(),
        })
        .collect()
}

impl MappingView {
    /// The form's view of a mapping: every field, with its column if mapped.
    pub fn of(mapping: &ColumnMapping) -> MappingView {
        let fields = MappedField::ALL
            .iter()
            .map(|&field| {
                let (label, group) = field_words(field);
                MappedFieldView {
                    field: field.name().to_string(),
                    label: label.to_string(),
                    group: group.to_string(),
                    required: is_required(field),
                    column: mapping.columns.get(&field).cloned(),
                }
            })
            .collect();
        MappingView {
            fields,
            date_format: date_format_id(mapping.date_format).to_string(),
        }
    }

    /// The mapping the form says, checked against the file's header: every field known, every
    /// column in the file and chosen once, every required field given, the date format known.
    /// Every problem is said, not just the first.
    pub fn to_mapping(&self, header: &[String]) -> Result<ColumnMapping, ApiError> {
        let mut problems = Vec::new();
        let mut columns = BTreeMap::new();
        for view in &self.fields {
            let Some(field) = MappedField::ALL
                .into_iter()
                .find(|f| f.name() == view.field)
            else {
                problems.push(format!(
                    "\"{}\" is not a field this import reads.",
                    view.field
                ));
                continue;
            };
            if let Some(column) = view
                .column
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                columns.insert(field, column.to_string());
            }
        }
        problems.extend(column_problems(&columns, header));
        let date_format = DATE_FORMATS
            .iter()
            .find(|(_, id, _)| *id == self.date_format)
            .map(|(hint, ..)| *hint);
        if date_format.is_none() {
            problems.push(format!(
                "\"{}\" is not a way of writing dates.",
                self.date_format
            ));
        }
        if !problems.is_empty() {
            return Err(ApiError::BadInput(problems.join(" ")));
        }
        Ok(ColumnMapping {
            columns,
            date_format: date_format.flatten(),
        })
    }
}

/// The problems of the columns chosen: one not in the file, one chosen twice, a required field
/// with none.
fn column_problems(columns: &BTreeMap<MappedField, String>, header: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<&str, MappedField> = BTreeMap::new();
    for (&field, column) in columns {
        let label = field_words(field).0;
        if !header.iter().any(|h| h == column) {
            problems.push(format!(
                "\"{column}\" ({label}) is not a column of this file."
            ));
        }
        if let Some(first) = seen.insert(column.as_str(), field) {
            let other = field_words(first).0;
            problems.push(format!(
                "\"{column}\" is chosen for both {other} and {label}: choose it for one."
            ));
        }
    }
    for field in MappedField::ALL.into_iter().filter(|&f| is_required(f)) {
        if !columns.contains_key(&field) {
            let label = field_words(field).0;
            problems.push(format!(
                "Choose the column that holds the {label}: no row can be read without it."
            ));
        }
    }
    problems
}

/// Which saved mapping an import reads with: the one saved for its CSVs' source (every file
/// then one of those CSVs), or none. An LA's own CSV with no mapping saved is refused, naming
/// it, and so is a mapped CSV among other files.
fn mapping_of_import<'a>(
    files: &[ImportFile],
    options: &ImportOptions,
    saved: &'a SavedMappings,
) -> Result<Option<&'a ColumnMapping>, ApiError> {
    if !matches!(options.format, None | Some(ImportFormat::Csv)) {
        return Ok(None);
    }
    let mut mapped: Vec<&ColumnMapping> = Vec::new();
    let mut others: Vec<&str> = Vec::new();
    for file in files {
        let Some(header) = csv_header(file) else {
            others.push(&file.name);
            continue;
        };
        match saved.get(&source_of(&header)) {
            Some(mapping) => mapped.push(mapping),
            None if is_own_report(&header) => return Err(needs_mapping(file)),
            None => others.push(&file.name),
        }
    }
    let Some(&first) = mapped.first() else {
        return Ok(None);
    };
    if !others.is_empty() || mapped.iter().any(|m| *m != first) {
        return Err(ApiError::BadInput(format!(
            "An LA's own report is imported on its own, or with reports of the same columns: \
             import {} separately.",
            others.join(", ")
        )));
    }
    Ok(Some(first))
}

/// The refusal of an LA's own CSV that has no mapping saved.
fn needs_mapping(file: &ImportFile) -> ApiError {
    ApiError::BadInput(format!(
        "{}: an LA's own report, whose columns need mapping to our fields before it can be \
         imported.",
        file.name
    ))
}

impl App {
    /// The mapping form for a file: its columns and the mapping saved for its source, else the
    /// one its header suggests. None when the file needs no mapping: not a CSV, or an SSDA903
    /// table with no mapping saved.
    pub fn import_mapping_for(
        &self,
        file: &ImportFile,
        saved: &SavedMappings,
    ) -> Option<MappingForm> {
        let header = csv_header(file)?;
        let saved = saved.get(&source_of(&header));
        if saved.is_none() && !is_own_report(&header) {
            return None;
        }
        let named: Vec<&str> = header.iter().map(String::as_str).collect();
        let mapping = saved.cloned().unwrap_or_else(|| suggest_mapping(&named));
        Some(MappingForm {
            file: file.name.clone(),
            header: header.iter().filter(|c| !c.is_empty()).cloned().collect(),
            mapping: MappingView::of(&mapping),
            saved: saved.is_some(),
            date_formats: date_choices(),
        })
    }

    /// The mapping the form says for a file, checked, with the source to keep it under.
    pub fn import_mapping_to_save(
        &self,
        file: &ImportFile,
        view: &MappingView,
    ) -> Result<SavedMapping, ApiError> {
        let header = csv_header(file).ok_or_else(|| {
            ApiError::BadInput(format!(
                "{}: not a CSV, so it has no columns to map.",
                file.name
            ))
        })?;
        Ok(SavedMapping {
            source: source_of(&header),
            mapping: view.to_mapping(&header)?,
        })
    }

    /// [`App::import_with_progress`] with the mappings saved per source: a CSV whose source
    /// has one is read with it (as an LA's own CSV); an LA's own CSV without one is refused,
    /// naming it.
    pub fn import_with_mappings(
        &mut self,
        files: &[ImportFile],
        options: &ImportOptions,
        saved: &SavedMappings,
        run: ImportRun,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportPreview, ApiError> {
        let mapping = mapping_of_import(files, options, saved)?;
        let options = ImportOptions {
            format: mapping.map_or(options.format, |_| Some(ImportFormat::Csv)),
            ..options.clone()
        };
        let ImportRun { as_of, commit } = run;
        self.import_with_progress(files, &options, mapping, as_of, commit, progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LA_REPORT: &str = include_str!("../../../../tests/data/import/la-report.csv");
    const LA_MAPPING: &str = include_str!("../../../../tests/data/import/la-report.mapping.json");
    const AS_OF: &str = "2026-11-23";

    fn file(name: &str, text: &str) -> ImportFile {
        ImportFile {
            name: name.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn la_report() -> ImportFile {
        file("la-report.csv", LA_REPORT)
    }

    fn known_good() -> ColumnMapping {
        serde_json::from_str(LA_MAPPING).unwrap()
    }

    fn saved_for(report: &ImportFile, mapping: ColumnMapping) -> SavedMappings {
        SavedMappings::from([(mapping_source(report).unwrap(), mapping)])
    }

    /// The form's fields as `field*: column` lines (`*` required).
    fn render(view: &MappingView) -> String {
        let mut out = format!("dates: {}\n", view.date_format);
        for f in &view.fields {
            let star = if f.required { "*" } else { "" };
            let column = f.column.as_deref().unwrap_or("—");
            out.push_str(&format!(
                "{}{star} [{}] {}: {column}\n",
                f.field, f.group, f.label
            ));
        }
        out
    }

    #[test]
    fn an_la_report_gets_a_form_with_its_columns_and_the_mapping_its_header_suggests() {
        let app = App::open_in_memory().unwrap();
        let form = app
            .import_mapping_for(&la_report(), &SavedMappings::new())
            .unwrap();
        assert!(!form.saved);
        assert_eq!(form.header.len(), 8);
        assert_eq!(form.header[0], "Child ID");
        expect_test::expect![[r#"
            dates: day_month_year
            child_id* [The child] Child ID (the LA's id): Child ID
            born_on [The child] Date of birth: Date of birth
            expected_birth_on [The child] Expected date of birth (an unborn child): —
            age [The child] Age (only to tell an unborn child): —
            sex [The child] Gender: Gender
            ethnicity [The child] Ethnicity: —
            iro [The child] IRO or conference chair: —
            care_started_on [Looked after] Date started to be looked after: Date started to be looked after
            legal_status [Looked after] Legal status (C2, V3, …): Legal status
            care_ended_on [Looked after] Date ceased to be looked after: —
            care_end_reason [Looked after] Reason ceased (E11, …): —
            review_on [Looked after] LAC review date: Review date
            review_code [Looked after] Participation code (PN0–PN7): Participation code
            cp_plan_started_on [Child protection] Plan start date: —
            cp_plan_ended_on [Child protection] Plan end date: —
            initial_category [Child protection] Initial category of abuse: —
            category [Child protection] Latest category of abuse: —
            previous_plans [Child protection] Number of previous plans: —
            cp_review_on [Child protection] Review conference date: —
        "#]]
        .assert_eq(&render(&form.mapping));
        let ids: Vec<&str> = form.date_formats.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["day_month_year", "iso", "month_day_year"]);
    }

    #[test]
    fn a_saved_mapping_is_the_form_and_an_ssda903_table_or_xml_needs_none() {
        let app = App::open_in_memory().unwrap();
        let report = la_report();
        let mut only_child = ColumnMapping::default();
        only_child
            .columns
            .insert(MappedField::ChildId, "Child ID".to_string());
        only_child.date_format = Some(DateHint::Iso);
        let saved = saved_for(&report, only_child);
        let form = app.import_mapping_for(&report, &saved).unwrap();
        assert!(form.saved);
        assert_eq!(form.mapping.date_format, "iso");
        let mapped = form.mapping.fields.iter().filter(|f| f.column.is_some());
        assert_eq!(mapped.count(), 1);

        let table = file(
            "reviews.csv",
            "CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2015,,\n",
        );
        assert_eq!(app.import_mapping_for(&table, &saved), None);
        let xml = file("cin.xml", "<Message><Header/></Message>");
        assert_eq!(app.import_mapping_for(&xml, &saved), None);
    }

    #[test]
    fn the_source_is_the_header_whatever_its_case_spaces_quotes_or_rows() {
        let a = file("a.csv", "Child ID,Date  of birth\r\n1,01/01/2015\r\n");
        let b = file(
            "b.csv",
            "\u{feff}\"child id\" , DATE OF BIRTH\n2,02/02/2016\n",
        );
        assert_eq!(
            mapping_source(&a).as_deref(),
            Some("child id,date of birth")
        );
        assert_eq!(mapping_source(&a), mapping_source(&b));
        let quoted = file("c.csv", "\"Name, as known\",\"Say \"\"hi\"\"\"\n");
        assert_eq!(
            mapping_source(&quoted).as_deref(),
            Some("name, as known,say \"hi\"")
        );
        assert_eq!(mapping_source(&file("x.xlsx", "PK\x03\x04")), None);
    }

    #[test]
    fn a_mapping_round_trips_through_the_form() {
        let header = csv_header(&la_report()).unwrap();
        let view = MappingView::of(&known_good());
        assert_eq!(view.to_mapping(&header).unwrap(), known_good());
        let mut us = known_good();
        us.date_format = Some(DateHint::MonthDayYear);
        assert_eq!(MappingView::of(&us).to_mapping(&header).unwrap(), us);
    }

    #[test]
    fn a_form_that_cannot_be_read_is_refused_with_every_reason() {
        let header = csv_header(&la_report()).unwrap();
        let mut view = MappingView::of(&known_good());
        let set = |view: &mut MappingView, field: &str, column: Option<&str>| {
            let f = view.fields.iter_mut().find(|f| f.field == field).unwrap();
            f.column = column.map(str::to_string);
        };
        set(&mut view, "child_id", None);
        set(&mut view, "sex", Some("Sex"));
        set(&mut view, "ethnicity", Some("Legal status"));
        view.fields.push(MappedFieldView {
            field: "shoe_size".to_string(),
            label: String::new(),
            group: String::new(),
            required: false,
            column: None,
        });
        view.date_format = "yyyy".to_string();
        let refused = view.to_mapping(&header).unwrap_err();
        assert!(matches!(refused, ApiError::BadInput(_)));
        let message = refused.to_string();
        expect_test::expect![[r#""shoe_size" is not a field this import reads. "Sex" (Gender) is not a column of this file. "Legal status" is chosen for both Ethnicity and Legal status (C2, V3, …): choose it for one. Choose the column that holds the Child ID (the LA's id): no row can be read without it. "yyyy" is not a way of writing dates."#]].assert_eq(&message);
    }

    #[test]
    fn an_la_report_is_refused_until_mapped_then_imports_with_its_saved_mapping() {
        let mut app = App::open_in_memory().unwrap();
        let run = ImportRun {
            as_of: AS_OF.parse().unwrap(),
            commit: false,
        };
        let options = ImportOptions::default();
        let report = la_report();
        let none = SavedMappings::new();
        let refused = app
            .import_with_mappings(
                std::slice::from_ref(&report),
                &options,
                &none,
                run,
                &mut |_| {},
            )
            .unwrap_err();
        assert!(
            matches!(&refused, ApiError::BadInput(m) if m.starts_with("la-report.csv: an LA's own report"))
        );

        let saved = saved_for(&report, known_good());
        let preview = app
            .import_with_mappings(
                std::slice::from_ref(&report),
                &options,
                &saved,
                run,
                &mut |_| {},
            )
            .unwrap();
        assert_eq!((preview.new, preview.skipped), (2, 0), "{preview:?}");

        let table = file("reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n");
        let mixed = app.import_with_mappings(&[report, table], &options, &saved, run, &mut |_| {});
        assert!(
            matches!(mixed, Err(ApiError::BadInput(m)) if m.contains("import reviews.csv separately"))
        );
    }
}
