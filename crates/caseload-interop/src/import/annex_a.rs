//! Ofsted's Annex A (the inspection data lists, one sheet per list), read from the xlsx bytes
//! with calamine into an [`Extract`]: the child-protection list (List 7: each child on a plan,
//! with the plan's start and end, categories, previous plans and latest review conference) and
//! the looked-after list (List 8: each child in care, with the latest period's start, legal
//! status, end and the latest statutory review with its participation code). A column naming
//! the IRO fills the child's IRO. The other lists are noted and not read.
//!
//! Lenient where LAs differ: a list's sheet is found by its name (`List 7`, `Child
//! protection`, `CLA`, …) or, failing that, by its header row, which is looked for in the first
//! ten rows (title and blank rows above it are skipped) as the row with a child id column;
//! headers are matched loosely by the matcher of [`mapped`](super::mapped) (case, spaces and
//! punctuation ignored, a few synonyms per field), and a note per sheet says which column was
//! used for what and which fields were not found. Dates may be date cells, Excel serial
//! numbers or text (dd/mm/yyyy or ISO).
//!
//! What it deliberately is not: a reader of the whole workbook into memory (cells are streamed
//! row by row, so a file whose cells claim far-apart corners does not allocate the rectangle
//! between them), nor a validator of Annex A. Every value it cannot use is a [`RowProblem`]
//! naming the sheet, the spreadsheet row and the column header; a row without a child id is
//! left out, and a plan or period without its start date is left out, its child is not.
//!
//! [`RowProblem`]: super::RowProblem

use std::io::{Cursor, Read, Seek};

use calamine::{Cell, DataRef, ExcelDateTime, ExcelDateTimeType, Reader, Xlsx, XlsxError};

use super::dates::excel_serial_date;
use super::mapped::{
    columns_used, match_columns, missing_partners, rows_read, Facts, MappedField, Required, Row,
    Value,
};
use super::{Extract, SourceRef};

/// How many of a sheet's first non-empty rows are searched for its header row.
const HEADER_SEARCH_ROWS: usize = 10;

/// Days from the 1904 date system's day 0 to the 1900 system's (old Mac workbooks).
const DAYS_1900_TO_1904: i64 = 1462;

/// The lists this reader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    /// List 7: children on a child-protection plan.
    ChildProtection,
    /// List 8: children looked after.
    LookedAfter,
}

impl List {
    fn label(self) -> &'static str {
        match self {
            List::ChildProtection => "child protection",
            List::LookedAfter => "looked after",
        }
    }

    /// The fields the list's columns may hold, in the order the matcher gives them columns.
    fn fields(self) -> &'static [MappedField] {
        use MappedField as F;
        match self {
            List::ChildProtection => &[
                F::ChildId,
                F::BornOn,
                F::ExpectedBirthOn,
                F::Age,
                F::Sex,
                F::Ethnicity,
                F::Iro,
                F::CpPlanStartedOn,
                F::CpPlanEndedOn,
                F::InitialCategory,
                F::Category,
                F::PreviousPlans,
                F::CpReviewOn,
            ],
            List::LookedAfter => &[
                F::ChildId,
                F::BornOn,
                F::ExpectedBirthOn,
                F::Age,
                F::Sex,
                F::Ethnicity,
                F::Iro,
                F::CareStartedOn,
                F::LegalStatus,
                F::CareEndedOn,
                F::CareEndReason,
                F::ReviewOn,
                F::ReviewCode,
            ],
        }
    }

    /// The field a row of the list must have for its fact.
    fn start(self) -> (MappedField, Required) {
        match self {
            List::ChildProtection => (MappedField::CpPlanStartedOn, Required::CpPlan),
            List::LookedAfter => (MappedField::CareStartedOn, Required::Care),
        }
    }
}

/// What a sheet's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByName {
    /// A list this reader reads.
    List(List),
    /// Another Annex A list (contacts, referrals, care leavers, adoption, …).
    Other,
    /// Nothing: its header row decides.
    Unknown,
}

/// The workbook in `bytes`, from the file `name`: the children of its child-protection and
/// looked-after lists, every value that could not be used, and notes for the preview.
///
/// A workbook calamine cannot read without failing is refused whole with one problem: calamine
/// 0.35 computes a cell reference's row and column in `u32` without checking, so a reference
/// like `r="AAAAAAAAA1"` in a damaged file overflows (a panic where overflow is checked, as in
/// debug builds). That panic is caught here, once, around the whole read; nothing else is.
pub fn read_annex_a(name: &str, bytes: &[u8]) -> Extract {
    std::panic::catch_unwind(|| read_workbook(name, bytes)).unwrap_or_else(|_| {
        let mut extract = Extract::default();
        let message = "cannot be read: the xlsx reader failed on its contents";
        extract.problem(at(name, None, None), None, "file", message);
        extract
    })
}

/// [`read_annex_a`]'s work.
fn read_workbook(name: &str, bytes: &[u8]) -> Extract {
    let mut facts = Facts::default();
    let mut book = match Xlsx::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(err) => {
            let message = format!("is not an xlsx workbook ({err})");
            facts.problem(at(name, None, None), "file", message);
            return facts.extract;
        }
    };
    let sheets = book.sheet_names();
    let mut n_lists = 0;
    for sheet in &sheets {
        if read_sheet(&mut facts, &mut book, name, sheet) {
            n_lists += 1;
        }
    }
    if n_lists == 0 {
        let names: Vec<String> = sheets.iter().map(|s| format!("'{s}'")).collect();
        let message = format!(
            "has no child-protection or looked-after list (sheets: {})",
            names.join(", ")
        );
        facts.problem(at(name, None, None), "workbook", message);
    }
    facts.extract
}

/// Where in the workbook: `sheet List 7`, row `line`.
fn at(file: &str, sheet: Option<&str>, line: Option<u32>) -> SourceRef {
    SourceRef {
        file: file.to_string(),
        line,
        element: sheet.map(|s| format!("sheet {s}")),
    }
}

/// What a sheet's name says: the words of a list, or its number in Ofsted's template (List 7
/// child protection, List 8 children in care; the other numbers are other lists).
fn list_by_name(sheet: &str) -> ByName {
    let lower = sheet.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = format!(" {} ", words.join(" "));
    let has = |phrase: &str| joined.contains(&format!(" {phrase} "));
    if ["child protection", "cp", "cpp", "cp plans"]
        .iter()
        .any(|p| has(p))
    {
        return ByName::List(List::ChildProtection);
    }
    let looked_after = [
        "looked after",
        "children in care",
        "child in care",
        "cla",
        "lac",
        "cic",
    ];
    if looked_after.iter().any(|p| has(p)) {
        return ByName::List(List::LookedAfter);
    }
    let list_number = words
        .windows(2)
        .find(|pair| pair.first() == Some(&"list"))
        .and_then(|pair| pair.get(1))
        .or_else(|| words.first().filter(|w| w.starts_with("list")))
        .map(|w| w.trim_start_matches("list"));
    match list_number {
        Some("7") => ByName::List(List::ChildProtection),
        Some("8") => ByName::List(List::LookedAfter),
        Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => ByName::Other,
        _ => other_list_by_words(&joined),
    }
}

/// Whether a sheet's words name another Annex A list.
fn other_list_by_words(joined: &str) -> ByName {
    const OTHERS: [&str; 12] = [
        "contact",
        "contacts",
        "early help",
        "referral",
        "referrals",
        "assessments",
        "section 47",
        "s47",
        "sec47",
        "children in need",
        "care leavers",
        "adoption",
    ];
    if OTHERS.iter().any(|p| joined.contains(&format!(" {p} "))) {
        ByName::Other
    } else {
        ByName::Unknown
    }
}

/// A sheet's header row: its spreadsheet row and each column's header.
struct Header {
    line: u32,
    columns: Vec<(u32, String)>,
}

/// Reads one sheet, if it is a list this reader reads. True when it was one.
fn read_sheet<RS: Read + Seek>(
    facts: &mut Facts,
    book: &mut Xlsx<RS>,
    file: &str,
    sheet: &str,
) -> bool {
    let by_name = list_by_name(sheet);
    if by_name == ByName::Other {
        facts.note(format!(
            "{file}: sheet '{sheet}' is another Annex A list: not used"
        ));
        return false;
    }
    let mut rows = match book.worksheet_cells_reader(sheet) {
        Ok(mut cells) => SheetRows::new(Box::new(move || cells.next_cell())),
        Err(err) => {
            let message = format!("cannot be read ({err})");
            facts.problem(at(file, Some(sheet), None), "sheet", message);
            return by_name != ByName::Unknown;
        }
    };
    let header = find_header(&mut rows);
    let list = match (by_name, &header) {
        (ByName::List(list), _) => Some(list),
        (_, Some(header)) => list_by_header(header),
        _ => None,
    };
    let Some(list) = list else {
        let why = if header.is_some() {
            "has no CP plan start or looked-after start column"
        } else {
            "has no header row with a child id column"
        };
        facts.note(format!("{file}: sheet '{sheet}' {why}: not used"));
        note_stopped(facts, file, sheet, &rows);
        return false;
    };
    let Some(header) = header else {
        let message = format!(
            "has no header row with a child id column in its first {HEADER_SEARCH_ROWS} rows: \
             the {} list is not read",
            list.label()
        );
        facts.problem(at(file, Some(sheet), None), "sheet", message);
        note_stopped(facts, file, sheet, &rows);
        return true;
    };
    read_list(facts, &mut rows, file, sheet, list, &header);
    true
}

/// The list a sheet of no known name holds, by its header: a plan start column, or a
/// looked-after start column.
fn list_by_header(header: &Header) -> Option<List> {
    let texts: Vec<&str> = header.columns.iter().map(|(_, h)| h.as_str()).collect();
    let found = match_columns(
        &texts,
        &[MappedField::CpPlanStartedOn, MappedField::CareStartedOn],
    );
    match found.first() {
        Some((MappedField::CpPlanStartedOn, _)) => Some(List::ChildProtection),
        Some((MappedField::CareStartedOn, _)) => Some(List::LookedAfter),
        _ => None,
    }
}

/// The first of a sheet's first rows with a child id column.
fn find_header(rows: &mut SheetRows<'_>) -> Option<Header> {
    for _ in 0..HEADER_SEARCH_ROWS {
        let (line, cells) = rows.next_row()?;
        let columns: Vec<(u32, String)> = cells
            .into_iter()
            .map(|(col, value)| (col, value.text()))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        let texts: Vec<&str> = columns.iter().map(|(_, h)| h.as_str()).collect();
        if !match_columns(&texts, &[MappedField::ChildId]).is_empty() {
            return Some(Header { line, columns });
        }
    }
    None
}

/// A list's columns noted, then its rows read into facts.
fn read_list(
    facts: &mut Facts,
    rows: &mut SheetRows<'_>,
    file: &str,
    sheet: &str,
    list: List,
    header: &Header,
) {
    let texts: Vec<&str> = header.columns.iter().map(|(_, h)| h.as_str()).collect();
    let matched = match_columns(&texts, list.fields());
    let columns: Vec<(MappedField, u32, String)> = matched
        .iter()
        .filter_map(|&(field, idx)| {
            let (col, text) = header.columns.get(idx)?;
            Some((field, *col, text.clone()))
        })
        .collect();
    note_columns(facts, file, sheet, list, header, &columns);
    let (start, required) = list.start();
    let fields: Vec<MappedField> = columns.iter().map(|(field, ..)| *field).collect();
    let sheet_at = at(file, Some(sheet), Some(header.line));
    if !fields.contains(&start) {
        let message = format!("has no {} column: its facts are not read", start.label());
        facts.problem(sheet_at.clone(), "header row", message);
    }
    for message in missing_partners(&fields) {
        facts.problem(sheet_at.clone(), "header row", message);
    }
    let (mut n_rows, mut n_used) = (0, 0);
    while let Some((line, cells)) = rows.next_row() {
        let row = list_row(file, sheet, line, cells, &columns);
        if row
            .cells
            .iter()
            .all(|(.., value)| *value == Value::Text(String::new()))
        {
            continue;
        }
        n_rows += 1;
        if facts.add_row(&row, required, None) {
            n_used += 1;
        }
    }
    facts.note(format!(
        "{file}: sheet '{sheet}': {}",
        rows_read(n_rows, n_used)
    ));
    note_stopped(facts, file, sheet, rows);
}

/// "sheet 'List 7' (child protection list), header on row 3: 'Child Unique ID' → child id, …;
/// not found: IRO", and the columns not used.
fn note_columns(
    facts: &mut Facts,
    file: &str,
    sheet: &str,
    list: List,
    header: &Header,
    columns: &[(MappedField, u32, String)],
) {
    let used: Vec<(MappedField, String)> = columns
        .iter()
        .map(|(field, _, text)| (*field, text.clone()))
        .collect();
    let missing: Vec<&str> = list
        .fields()
        .iter()
        .filter(|field| !columns.iter().any(|(f, ..)| f == *field))
        .map(|field| field.label())
        .collect();
    let mut note = format!(
        "{file}: sheet '{sheet}' ({} list), header on row {}: {}",
        list.label(),
        header.line,
        columns_used(&used)
    );
    if !missing.is_empty() {
        note.push_str(&format!("; not found: {}", missing.join(", ")));
    }
    facts.note(note);
    let unused: Vec<String> = header
        .columns
        .iter()
        .filter(|(col, _)| !columns.iter().any(|(_, c, _)| c == col))
        .map(|(_, text)| format!("'{text}'"))
        .collect();
    if !unused.is_empty() {
        facts.note(format!(
            "{file}: sheet '{sheet}': columns not used: {}",
            unused.join(", ")
        ));
    }
}

/// A spreadsheet row as a row of named values: every column of the list, empty where the row
/// has no cell.
fn list_row(
    file: &str,
    sheet: &str,
    line: u32,
    cells: Vec<(u32, Value)>,
    columns: &[(MappedField, u32, String)],
) -> Row {
    let mut values: Vec<(MappedField, String, Value)> = columns
        .iter()
        .map(|(field, _, header)| (*field, header.clone(), Value::Text(String::new())))
        .collect();
    for (col, value) in cells {
        let slot = columns
            .iter()
            .position(|(_, c, _)| *c == col)
            .and_then(|idx| values.get_mut(idx));
        if let Some((.., into)) = slot {
            *into = value;
        }
    }
    Row {
        at: at(file, Some(sheet), Some(line)),
        cells: values,
    }
}

/// A problem when the sheet's XML could not be read to its end.
fn note_stopped(facts: &mut Facts, file: &str, sheet: &str, rows: &SheetRows<'_>) {
    if let Some((line, reason)) = &rows.failed {
        let message = format!("cannot be read past row {line} ({reason}): reading stopped");
        facts.problem(at(file, Some(sheet), Some(*line)), "sheet", message);
    }
}

/// The next cell of a sheet (calamine's cell reader).
type NextCell<'a> = Box<dyn FnMut() -> Result<Option<Cell<DataRef<'a>>>, XlsxError> + 'a>;

/// A sheet's cells, streamed and gathered row by row.
struct SheetRows<'a> {
    next: NextCell<'a>,
    /// The first cell of the next row, read while ending the last one.
    pending: Option<(u32, u32, Value)>,
    /// The last row read, and why reading stopped, if it stopped on an error.
    failed: Option<(u32, String)>,
    last_line: u32,
    done: bool,
}

impl<'a> SheetRows<'a> {
    fn new(next: NextCell<'a>) -> Self {
        SheetRows {
            next,
            pending: None,
            failed: None,
            last_line: 0,
            done: false,
        }
    }

    /// The next cell: its row and column (0-based) and value, empty cells skipped.
    fn next_cell(&mut self) -> Option<(u32, u32, Value)> {
        while !self.done {
            match (self.next)() {
                Ok(Some(cell)) => {
                    let (row, col) = cell.get_position();
                    if let Some(value) = value_of(cell.get_value()) {
                        return Some((row, col, value));
                    }
                }
                Ok(None) => self.done = true,
                Err(err) => {
                    self.done = true;
                    self.failed = Some((self.last_line, err.to_string()));
                }
            }
        }
        None
    }

    /// The next row with a value: its spreadsheet row number (from 1) and its cells.
    fn next_row(&mut self) -> Option<(u32, Vec<(u32, Value)>)> {
        let (row, col, value) = self.pending.take().or_else(|| self.next_cell())?;
        let mut cells = vec![(col, value)];
        while let Some((next_row, col, value)) = self.next_cell() {
            if next_row != row {
                self.pending = Some((next_row, col, value));
                break;
            }
            cells.push((col, value));
        }
        let line = row.saturating_add(1);
        self.last_line = line;
        Some((line, cells))
    }
}

/// A cell's value (None when empty): a date cell as its date, numbers as numbers, the rest as
/// text.
fn value_of(data: &DataRef<'_>) -> Option<Value> {
    let value = match data {
        DataRef::Empty => return None,
        DataRef::Int(n) => Value::Number(*n as f64),
        DataRef::Float(n) => Value::Number(*n),
        DataRef::String(text) => Value::Text(text.clone()),
        DataRef::SharedString(text) => Value::Text((*text).to_string()),
        DataRef::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        DataRef::DateTime(dt) => date_cell(dt),
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => Value::Text(text.clone()),
        DataRef::Error(err) => Value::Text(err.to_string()),
    };
    Some(value).filter(|v| *v != Value::Text(String::new()))
}

/// A date cell's date (its time of day dropped), or its number when it is no date.
fn date_cell(dt: &ExcelDateTime) -> Value {
    let serial = dt.as_f64();
    if dt.is_duration() {
        return Value::Number(serial);
    }
    let is_1904 = *dt == ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, true);
    let date = if is_1904 {
        // The 1904 system counts from 1 January 1904 (day 0), which is serial 1462 in 1900's.
        excel_serial_date(serial + DAYS_1900_TO_1904 as f64)
    } else {
        excel_serial_date(serial)
    };
    date.map_or(Value::Number(serial), Value::Date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// The 1900 system's serial of a date, by chrono's arithmetic.
    fn days_after_1899(date: NaiveDate) -> i64 {
        (date - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days()
    }

    #[test]
    fn sheet_names_tell_the_lists() {
        assert_eq!(list_by_name("List 7"), ByName::List(List::ChildProtection));
        assert_eq!(list_by_name("List_8"), ByName::List(List::LookedAfter));
        assert_eq!(list_by_name("list8"), ByName::List(List::LookedAfter));
        assert_eq!(
            list_by_name("CP plans"),
            ByName::List(List::ChildProtection)
        );
        assert_eq!(
            list_by_name("Children in Care"),
            ByName::List(List::LookedAfter)
        );
        assert_eq!(
            list_by_name("CLA (Mar 24)"),
            ByName::List(List::LookedAfter)
        );
        assert_eq!(list_by_name("List 3"), ByName::Other);
        assert_eq!(list_by_name("Care leavers"), ByName::Other);
        assert_eq!(list_by_name("Sheet1"), ByName::Unknown);
        assert_eq!(list_by_name("Sec47 and ICPC"), ByName::Other);
    }

    #[test]
    fn a_1904_date_cell_is_moved_to_the_1900_system() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 22).unwrap();
        let serial_1900 = days_after_1899(d) as f64;
        let dt_1904 = ExcelDateTime::new(serial_1900 - 1462.0, ExcelDateTimeType::DateTime, true);
        let dt_1900 = ExcelDateTime::new(serial_1900, ExcelDateTimeType::DateTime, false);
        assert_eq!(date_cell(&dt_1904), Value::Date(d));
        assert_eq!(date_cell(&dt_1900), Value::Date(d));
    }
}
