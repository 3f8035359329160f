//! The 903 return as CSV tables: each file is known by its header row, not its name (columns in
//! any order and any case, extra columns such as `LA` or `YEAR` ignored). The header, episodes
//! and reviews tables are read, in that order whatever order the files came in, so a review's
//! DOB is compared with the header's; the other 903 tables are named in the notes and not read;
//! a file that is no 903 table is a problem.
//!
//! Records are read one at a time (flexible lengths: a short row's missing cells are empty),
//! after `text::decode` (a BOM, Windows-1252) and with `\r\n` read as `\n`. Line 1 is the
//! header row. Rows whose every cell is empty (what a spreadsheet leaves below its data) are
//! skipped.

use std::borrow::Cow;

use ::csv::{Reader, ReaderBuilder, StringRecord};

use super::count;
use super::rows::{EpisodeRow, HeaderRow, Reading, ReviewRow};
use crate::import::text::{decode, Encoding};
use crate::import::SourceRef;

/// The header table's columns: `CHILD`, `SEX`, `DOB`, and `ETHNIC` if present.
const HEADER_COLUMNS: [&str; 3] = ["CHILD", "SEX", "DOB"];
/// The episodes table's columns (`PLACE` is read if present).
const EPISODE_COLUMNS: [&str; 6] = ["CHILD", "DECOM", "RNE", "LS", "DEC", "REC"];
/// The reviews table's columns (`DOB` is read if present).
const REVIEW_COLUMNS: [&str; 3] = ["CHILD", "REVIEW", "REVIEW_CODE"];

/// The other 903 tables, each known by a column only it has, and what it holds.
const OTHER_TABLES: &[(&str, &str)] = &[
    ("SDQ_SCORE", "outcomes (OC2)"),
    ("HEALTH_CHECK", "outcomes (OC2)"),
    ("IN_TOUCH", "care leavers (OC3)"),
    ("DATE_INT", "adoption (AD1)"),
    ("DATE_PLACED", "placed for adoption"),
    ("MIS_START", "missing or away from placement"),
    ("DUC", "unaccompanied asylum-seeking children (UASC)"),
    ("PREV_PERM", "previous permanence"),
    ("SW_ID", "social worker episodes"),
    ("DOLO_START", "deprivation of liberty orders (DoLo)"),
];

/// A table this reader reads, with the index of each column it uses.
enum Table {
    /// `CHILD`, `SEX`, `DOB`; `ETHNIC`.
    Header([usize; 3], Option<usize>),
    /// `CHILD`, `DECOM`, `RNE`, `LS`, `DEC`, `REC`; `PLACE`.
    Episodes([usize; 6], Option<usize>),
    /// `CHILD`, `REVIEW`, `REVIEW_CODE`; `DOB`.
    Reviews([usize; 3], Option<usize>),
}

impl Table {
    /// Header first: the reviews' DOB is checked against it.
    fn order(&self) -> u8 {
        match self {
            Table::Header(..) => 0,
            Table::Episodes(..) => 1,
            Table::Reviews(..) => 2,
        }
    }
}

/// What a file's header row says it is.
enum Kind {
    /// A table to read.
    Read(Table),
    /// Another 903 table (what it holds).
    Other(&'static str),
    /// A table to read without some of its columns.
    MissingColumns(&'static str, Vec<&'static str>),
    /// No 903 table: its header row, as written.
    Unknown(String),
    /// No record at all.
    Empty,
}

/// The tables of one 903 return, by file name and bytes: the header, episodes and reviews
/// tables read into an [`Extract`](crate::import::Extract) (children in the order the header
/// table lists them), the other 903 tables noted as not used, any other file a problem.
pub fn read_903_csv(files: &[(&str, &[u8])]) -> crate::import::Extract {
    let mut reading = Reading::default();
    let mut tables = Vec::new();
    for &(name, bytes) in files {
        let (text, encoding) = decode(bytes);
        let text = unix_line_ends(text);
        match classify(&text) {
            (Kind::Read(table), _) => tables.push((table, name, text, encoding)),
            (Kind::Other(what), _) => reading.note(format!("{name}: {what} — not used")),
            (kind, line) => refuse(&mut reading, name, line, kind),
        }
    }
    tables.sort_by_key(|(table, ..)| table.order());
    for (table, name, text, encoding) in &tables {
        read_table(&mut reading, name, text, table, *encoding);
    }
    reading.finish()
}

/// The text with every line end a `\n`: the csv crate counts lines by `\n` but stops a
/// record before the `\n` of a `\r\n`, so a record after a CRLF is reported a line early
/// (BurntSushi/rust-csv#395), and a file ending lines in a lone `\r` would all be line 1.
fn unix_line_ends(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    }
}

/// A CSV reader of the decoded text: no header handling (the first record is the header row),
/// flexible record lengths.
fn csv_reader(text: &str) -> Reader<&[u8]> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The line a record starts on.
fn line_of(record: &StringRecord) -> Option<u32> {
    record.position().and_then(|p| u32::try_from(p.line()).ok())
}

/// What the first record says the file is, and the line it is on.
fn classify(text: &str) -> (Kind, Option<u32>) {
    let mut record = StringRecord::new();
    match csv_reader(text).read_record(&mut record) {
        Ok(true) => {}
        Ok(false) | Err(_) => return (Kind::Empty, None),
    }
    let names: Vec<String> = record
        .iter()
        .map(|name| name.trim().to_ascii_uppercase())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let kind = if has("DECOM") {
        table(
            "episodes",
            &names,
            EPISODE_COLUMNS,
            "PLACE",
            Table::Episodes,
        )
    } else if has("REVIEW") || has("REVIEW_CODE") {
        table("reviews", &names, REVIEW_COLUMNS, "DOB", Table::Reviews)
    } else if has("ETHNIC") || has("UPN") {
        table("header", &names, HEADER_COLUMNS, "ETHNIC", Table::Header)
    } else if let Some((_, what)) = OTHER_TABLES.iter().find(|(column, _)| has(column)) {
        Kind::Other(what)
    } else {
        Kind::Unknown(record.iter().collect::<Vec<_>>().join(","))
    };
    (kind, line_of(&record))
}

/// A table to read if every column it needs is there.
fn table<const N: usize>(
    what: &'static str,
    names: &[String],
    needed: [&'static str; N],
    optional: &str,
    make: fn([usize; N], Option<usize>) -> Table,
) -> Kind {
    let find = |name: &str| names.iter().position(|n| n == name);
    let found = needed.map(find);
    let missing: Vec<&'static str> = needed
        .iter()
        .zip(found)
        .filter(|(_, at)| at.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Kind::MissingColumns(what, missing);
    }
    Kind::Read(make(found.map(|at| at.unwrap_or(0)), find(optional)))
}

/// The problem of a file not read.
fn refuse(reading: &mut Reading, name: &str, line: Option<u32>, kind: Kind) {
    let at = SourceRef {
        file: name.to_string(),
        line,
        element: None,
    };
    let (field, message) = match kind {
        Kind::Empty => ("file", "is empty".to_string()),
        Kind::MissingColumns(what, missing) => (
            "header row",
            format!("is a 903 {what} table missing {}", missing.join(", ")),
        ),
        Kind::Unknown(header) => {
            let shown: String = header.chars().take(80).collect();
            let cut = if shown.len() < header.len() {
                "…"
            } else {
                ""
            };
            (
                "header row",
                format!("{shown:?}{cut} is not one of the SSDA903 tables"),
            )
        }
        Kind::Read(_) | Kind::Other(_) => return,
    };
    reading.problem(at, None, field, message);
}

/// Reads every data row of a table, then notes how many were used.
fn read_table(reading: &mut Reading, name: &str, text: &str, table: &Table, encoding: Encoding) {
    let mut reader = csv_reader(text);
    let mut record = StringRecord::new();
    let (mut used, mut not_used) = (0, 0);
    let mut header_row = true;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let at = SourceRef {
                    file: name.to_string(),
                    line: err.position().and_then(|p| u32::try_from(p.line()).ok()),
                    element: None,
                };
                reading.problem(at, None, "file", format!("cannot be read further: {err}"));
                break;
            }
        }
        if std::mem::take(&mut header_row) || record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let at = SourceRef {
            file: name.to_string(),
            line: line_of(&record),
            element: None,
        };
        if read_row(reading, table, &record, at) {
            used += 1;
        } else {
            not_used += 1;
        }
    }
    reading.note(table_note(name, table, used, not_used, encoding));
}

/// "episodes.csv: 5,050 episodes", with the rows not used and an encoding that is not UTF-8.
fn table_note(name: &str, table: &Table, used: usize, not_used: usize, enc: Encoding) -> String {
    let mut note = format!("{name}: ");
    note.push_str(&match table {
        Table::Header(..) => count(used, "child", "children"),
        Table::Episodes(..) => count(used, "episode", "episodes"),
        Table::Reviews(..) => count(used, "review", "reviews"),
    });
    if not_used > 0 {
        note.push_str(&format!(", {} not used", count(not_used, "row", "rows")));
    }
    if enc == Encoding::Windows1252 {
        note.push_str(" (read as Windows-1252)");
    }
    note
}

/// One data row of a table, added to its child. True when used.
fn read_row(reading: &mut Reading, table: &Table, record: &StringRecord, at: SourceRef) -> bool {
    let cell = |idx: usize| record.get(idx).unwrap_or("");
    let optional = |idx: Option<usize>| idx.map(cell).unwrap_or("");
    match *table {
        Table::Header([child, sex, dob], ethnic) => reading.add_header(HeaderRow {
            at,
            child_field: "CHILD",
            child: cell(child),
            sex: cell(sex),
            dob: cell(dob),
            ethnic: optional(ethnic),
        }),
        Table::Episodes([child, decom, rne, ls, dec, rec], place) => {
            reading.add_episode(EpisodeRow {
                at,
                child_field: "CHILD",
                child: cell(child),
                decom: cell(decom),
                rne: cell(rne),
                ls: cell(ls),
                place: optional(place),
                dec: cell(dec),
                rec: cell(rec),
            })
        }
        Table::Reviews([child, review, review_code], dob) => reading.add_review(ReviewRow {
            at,
            child_field: "CHILD",
            child: cell(child),
            dob: optional(dob),
            review: cell(review),
            review_code: cell(review_code),
        }),
    }
}
