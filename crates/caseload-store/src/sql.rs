//! Column helpers shared by the table modules: how a core value becomes a SQL value and back.
//!
//! Dates are ISO `YYYY-MM-DD` TEXT, times `HH:MM` TEXT, codes the serde string of the core enum.
//! A value that cannot be read back becomes a conversion failure here, which the store reports
//! as [`crate::StoreError::Corrupt`] naming the operation and the column.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::Type;
use rusqlite::Row;
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

fn parse_date(idx: usize, text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| conversion(idx, format!("not a date '{text}': {e}")))
}

pub(crate) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(idx)?;
    parse_date(idx, &text)
}

pub(crate) fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_date(idx, &t)).transpose()
}

pub(crate) fn opt_time(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveTime>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        NaiveTime::parse_from_str(&t, "%H:%M")
            .map_err(|e| conversion(idx, format!("not a time '{t}': {e}")))
    })
    .transpose()
}

fn parse_code<T: DeserializeOwned>(idx: usize, text: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(text.clone()))
        .map_err(|e| conversion(idx, format!("unknown code '{text}': {e}")))
}

pub(crate) fn col_code<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse_code(idx, text)
}

pub(crate) fn opt_col_code<T: DeserializeOwned>(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_code(idx, t)).transpose()
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
    fn iso_dates_and_times_are_fixed_width() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert_eq!(iso(d), "2025-03-01");
        assert_eq!(hh_mm(NaiveTime::from_hms_opt(9, 5, 0).unwrap()), "09:05");
    }
}
