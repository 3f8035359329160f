//! Column helpers shared by the table modules: how a core value becomes a SQL value and back.
//!
//! Dates are ISO `YYYY-MM-DD` TEXT, times `HH:MM` TEXT, codes the serde string of the core enum.
//! A value that cannot be read back becomes a conversion failure here, which the store reports
//! as [`crate::StoreError::Corrupt`] naming the operation and the column.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::{Type, ValueRef};
use rusqlite::Row;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

/// `2025-03-31`.
pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn opt_iso(date: Option<NaiveDate>) -> Option<String> {
    date.map(iso)
}

/// `09:30` (a time in the diary has no seconds; the store refuses one that has).
pub(crate) fn hh_mm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// The serde string of a unit enum variant (`MeetingKind::LacReview` → `lac_review`).
///
/// Every code enum of the core serializes to a plain string. Should one ever not, the Debug
/// form is stored instead, which the table's CHECK constraint then refuses loudly.
pub(crate) fn code<T: Serialize + Debug>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{value:?}"),
    }
}

pub(crate) fn opt_code<T: Serialize + Debug>(value: Option<&T>) -> Option<String> {
    value.map(code)
}

/// A conversion failure for column `idx`.
pub(crate) fn conversion(idx: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, message.into())
}

/// A column's text, read in place (a caseload's load reads tens of thousands of dates and
/// codes); a value that is not UTF-8 text is read as `row.get` reads it, and refused as it
/// refuses it.
fn with_text<T>(
    row: &Row<'_>,
    idx: usize,
    read: impl FnOnce(&str) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    if let ValueRef::Text(bytes) = row.get_ref(idx)? {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return read(text);
        }
    }
    let text: String = row.get(idx)?;
    read(&text)
}

/// [`with_text`] for a column that may be NULL.
fn with_opt_text<T>(
    row: &Row<'_>,
    idx: usize,
    read: impl FnOnce(&str) -> rusqlite::Result<T>,
) -> rusqlite::Result<Option<T>> {
    match row.get_ref(idx)? {
        ValueRef::Null => Ok(None),
        _ => with_text(row, idx, read).map(Some),
    }
}

/// `YYYY-MM-DD`, as the store writes it, read by hand; any other form is chrono's to read or
/// refuse (its `parse_from_str` reads its pattern again for every date).
fn parse_date(idx: usize, text: &str) -> rusqlite::Result<NaiveDate> {
    if let Some(date) = written_date(text) {
        return Ok(date);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| conversion(idx, format!("not a date '{text}': {e}")))
}

/// A date written as [`iso`] writes one: four digits, two and two, between dashes.
fn written_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..10])?)
}

pub(crate) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    with_text(row, idx, |text| parse_date(idx, text))
}

pub(crate) fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    with_opt_text(row, idx, |text| parse_date(idx, text))
}

pub(crate) fn opt_time(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveTime>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        NaiveTime::parse_from_str(&t, "%H:%M")
            .map_err(|e| conversion(idx, format!("not a time '{t}': {e}")))
    })
    .transpose()
}

/// The core value whose serde string `text` is (the inverse of [`code`]).
fn parse_code<T: DeserializeOwned>(idx: usize, text: &str) -> rusqlite::Result<T> {
    T::deserialize(StrDeserializer::<ValueError>::new(text))
        .map_err(|e| conversion(idx, format!("unknown code '{text}': {e}")))
}

pub(crate) fn col_code<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    with_text(row, idx, |text| parse_code(idx, text))
}

pub(crate) fn opt_col_code<T: DeserializeOwned>(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<T>> {
    with_opt_text(row, idx, |text| parse_code(idx, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use caseload_core::domain::{
        AbuseCategory, LegalStatus, MeetingKind, MeetingStatus, Participation, Regime, Sex,
    };

    #[test]
    fn codes_are_the_serde_strings_of_the_core_enums() {
        assert_eq!(code(&MeetingKind::LacReview), "lac_review");
        assert_eq!(
            code(&MeetingKind::TransferInConference),
            "transfer_in_conference"
        );
        assert_eq!(code(&MeetingStatus::Adjourned), "adjourned");
        assert_eq!(code(&Participation::Pn3), "PN3");
        assert_eq!(code(&LegalStatus::C2), "C2");
        assert_eq!(code(&AbuseCategory::Neg), "NEG");
        assert_eq!(code(&Regime::ShortBreaks), "short_breaks");
        assert_eq!(code(&Sex::Unknown), "unknown");
        for p in Participation::ALL {
            assert_eq!(code(&p), p.code());
        }
    }

    #[test]
    fn dates_read_by_hand_are_the_dates_chrono_reads() {
        let mut day = NaiveDate::from_ymd_opt(1999, 12, 1).unwrap();
        while day < NaiveDate::from_ymd_opt(2031, 3, 1).unwrap() {
            assert_eq!(written_date(&iso(day)), Some(day));
            day = day.succ_opt().unwrap();
        }
        // Not as the store writes a date: chrono reads it, or says why not.
        for text in [
            "2025-2-28",
            "2025-02-30",
            "25-02-28",
            "2025/02/28",
            "2025-0a-01",
            "",
        ] {
            assert_eq!(written_date(text), None, "{text}");
            assert_eq!(
                parse_date(0, text).ok(),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn codes_read_back_as_the_core_values_they_were_written_from() {
        for p in Participation::ALL {
            assert_eq!(parse_code::<Participation>(0, &code(&p)).unwrap(), p);
        }
        assert_eq!(
            parse_code::<MeetingKind>(0, "transfer_in_conference").unwrap(),
            MeetingKind::TransferInConference
        );
        let refused = parse_code::<MeetingKind>(3, "lac-review").unwrap_err();
        assert!(
            refused.to_string().contains("unknown code 'lac-review'"),
            "{refused}"
        );
    }

    #[test]
    fn iso_dates_and_times_are_fixed_width() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert_eq!(iso(d), "2025-03-01");
        assert_eq!(hh_mm(NaiveTime::from_hms_opt(9, 5, 0).unwrap()), "09:05");
    }
}
