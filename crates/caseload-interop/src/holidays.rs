//! GOV.UK `bank-holidays.json` (<https://www.gov.uk/bank-holidays.json>) → England &
//! Wales bank holidays, so an administrator can add newly proclaimed years offline
//! (domain.md §1.3).
//!
//! Only the `"england-and-wales"` division is read; Scotland and Northern Ireland are
//! ignored on purpose (CPPCR reg 1(2): England only). The result feeds
//! `caseload_core::calendar::Calendar::with_imported`. This module does no I/O: the
//! caller reads the file.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

/// The name of the only division this importer reads.
pub const ENGLAND_AND_WALES: &str = "england-and-wales";

/// One England & Wales bank holiday from a GOV.UK file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportedHoliday {
    /// The holiday's date.
    pub date: NaiveDate,
    /// The GOV.UK `title`; when GOV.UK gives `notes` (e.g. "Substitute day") they are
    /// appended in brackets: "Boxing Day (substitute day)".
    pub title: String,
}

/// Why a GOV.UK bank-holidays file could not be imported. Each message is one sentence
/// saying what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolidaysImportError {
    /// The bytes are not JSON (or not UTF-8).
    #[error(
        "The bank holidays file is not valid JSON at line {line}, column {column}: {message}."
    )]
    InvalidJson {
        /// 1-based line of the problem (0 if at end of input before any line).
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// serde_json's description, without its position suffix.
        message: String,
    },
    /// The top level is JSON but not an object of divisions.
    #[error("The bank holidays file does not have the GOV.UK shape: its top level is not an object of divisions.")]
    NotAnObject,
    /// No `"england-and-wales"` key.
    #[error(
        "The bank holidays file has no \"england-and-wales\" division (divisions found: {found})."
    )]
    MissingDivision {
        /// The division names that were present, comma-separated, or "none".
        found: String,
    },
    /// The division has no `events` array.
    #[error(
        "The \"england-and-wales\" division of the bank holidays file has no \"events\" list."
    )]
    MissingEvents,
    /// The `events` array is empty.
    #[error("The \"england-and-wales\" division of the bank holidays file lists no events.")]
    NoEvents,
    /// An event is not a JSON object.
    #[error("Event {index} of the \"england-and-wales\" division is not an object with a title and a date.")]
    EventNotAnObject {
        /// 1-based position in `events`.
        index: usize,
    },
    /// An event has no (string) title.
    #[error(
        "Event {index} of the \"england-and-wales\" division has no title (its date is {date})."
    )]
    MissingTitle {
        /// 1-based position in `events`.
        index: usize,
        /// The event's date as written, or "missing".
        date: String,
    },
    /// An event's date is missing or not a real `YYYY-MM-DD` date.
    #[error("Event {index} of the \"england-and-wales\" division (\"{title}\") has the date {value}, which is not a real date in the form YYYY-MM-DD.")]
    BadDate {
        /// 1-based position in `events`.
        index: usize,
        /// The event's title.
        title: String,
        /// The date as written in the file (JSON text), or "nothing" if missing.
        value: String,
    },
    /// Two events share a date.
    #[error("The date {date} appears twice in the \"england-and-wales\" division (events {first} and {second}).")]
    DuplicateDate {
        /// The repeated date.
        date: NaiveDate,
        /// 1-based position of the first event with that date.
        first: usize,
        /// 1-based position of the second event with that date.
        second: usize,
    },
}

/// Parses a GOV.UK `bank-holidays.json` and returns the England & Wales events, sorted by
/// date. Other divisions, `bunting` and unknown fields are ignored; `notes` are folded
/// into the title (see [`ImportedHoliday::title`]).
///
/// Fails on the first problem found (the file is small and a bad file should be replaced
/// as a whole, not partly imported).
pub fn parse_govuk_bank_holidays(
    bytes: &[u8],
) -> Result<Vec<ImportedHoliday>, HolidaysImportError> {
    let root: Value = serde_json::from_slice(bytes).map_err(invalid_json)?;
    let divisions = root.as_object().ok_or(HolidaysImportError::NotAnObject)?;
    let division = divisions.get(ENGLAND_AND_WALES).ok_or_else(|| {
        let names: Vec<&str> = divisions.keys().map(String::as_str).collect();
        HolidaysImportError::MissingDivision {
            found: if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            },
        }
    })?;
    let events = division
        .get("events")
        .and_then(Value::as_array)
        .ok_or(HolidaysImportError::MissingEvents)?;
    if events.is_empty() {
        return Err(HolidaysImportError::NoEvents);
    }

    // date -> (1-based index, holiday); a BTreeMap both sorts and finds duplicates.
    let mut by_date: BTreeMap<NaiveDate, (usize, ImportedHoliday)> = BTreeMap::new();
    for (position, event) in events.iter().enumerate() {
        let index = position + 1;
        let holiday = parse_event(index, event)?;
        if let Some((first, _)) = by_date.get(&holiday.date) {
            return Err(HolidaysImportError::DuplicateDate {
                date: holiday.date,
                first: *first,
                second: index,
            });
        }
        by_date.insert(holiday.date, (index, holiday));
    }
    Ok(by_date.into_values().map(|(_, holiday)| holiday).collect())
}

fn parse_event(index: usize, event: &Value) -> Result<ImportedHoliday, HolidaysImportError> {
    let fields = event
        .as_object()
        .ok_or(HolidaysImportError::EventNotAnObject { index })?;
    let raw_date = fields.get("date");
    let Some(title) = fields.get("title").and_then(Value::as_str) else {
        return Err(HolidaysImportError::MissingTitle {
            index,
            date: match raw_date {
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
                None => "missing".to_owned(),
            },
        });
    };
    let date = raw_date
        .and_then(Value::as_str)
        .and_then(parse_iso_date)
        .ok_or_else(|| HolidaysImportError::BadDate {
            index,
            title: title.to_owned(),
            value: raw_date.map_or_else(|| "nothing".to_owned(), Value::to_string),
        })?;
    let notes = fields
        .get("notes")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    let title = if notes.is_empty() {
        title.to_owned()
    } else if notes.eq_ignore_ascii_case("substitute day") {
        format!("{title} (substitute day)")
    } else {
        format!("{title} ({notes})")
    };
    Ok(ImportedHoliday { date, title })
}

/// Exactly `YYYY-MM-DD` (four-digit year, two-digit month and day) and a real date.
fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(idx, byte)| idx == 4 || idx == 7 || byte.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn invalid_json(error: serde_json::Error) -> HolidaysImportError {
    let (line, column) = (error.line(), error.column());
    let full = error.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    HolidaysImportError::InvalidJson {
        line,
        column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_must_be_exactly_yyyy_mm_dd() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_iso_date("2029-01-01"), date(2029, 1, 1));
        assert_eq!(parse_iso_date("2028-02-29"), date(2028, 2, 29));
        for bad in [
            "2029-1-01",
            "2029-02-30",
            "29-01-01",
            "2029/01/01",
            "+2029-01-01",
            "2029-01-01 ",
            "２０２９-01-01",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad:?}");
        }
    }
}
