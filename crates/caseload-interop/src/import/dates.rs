//! Dates as statutory files write them: dd/mm/yyyy (903 CSV and XML, Annex A), ISO yyyy-mm-dd
//! (CIN census XML, some LA extracts, an ISO date-time's date), and Excel serial numbers (a
//! date cell read from xlsx as a number). A value that is none of these is refused with the
//! formats expected, so the preview can say `DECOM "notadate" is not a date (dd/mm/yyyy)`.

use chrono::{Duration, NaiveDate};

/// Which forms a field accepts (the message names the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// dd/mm/yyyy first, ISO also accepted.
    DayMonthYear,
    /// ISO first, dd/mm/yyyy also accepted.
    Iso,
}

/// A date from a text value, or the reason it is not one: `"31/02/2020" is not a date
/// (dd/mm/yyyy)`.
pub fn parse_date(value: &str, form: DateForm) -> Result<NaiveDate, String> {
    let v = value.trim();
    let iso = v
        .get(..10)
        .filter(|_| v.len() == 10 || v.as_bytes().get(10) == Some(&b'T'));
    let parsed = NaiveDate::parse_from_str(v, "%d/%m/%Y")
        .ok()
        .filter(|_| v.len() == 10)
        .or_else(|| iso.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()));
    parsed.ok_or_else(|| {
        let expected = match form {
            DateForm::DayMonthYear => "dd/mm/yyyy",
            DateForm::Iso => "yyyy-mm-dd",
        };
        format!("{value:?} is not a date ({expected})")
    })
}

/// The date of an Excel serial day number (the 1900 date system: 1 is 1 January 1900, with
/// Excel's phantom 29 February 1900 counted), or None outside 1900–2199.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..=109_574.0).contains(&serial) {
        return None;
    }
    let days = serial.trunc() as i64;
    // Serial 60 is the 29 February 1900 that never was; from 61 on, 30 December 1899 is day 0.
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = if days < 60 { days + 1 } else { days };
    base.checked_add_signed(Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn day_month_year_and_iso_both_read() {
        assert_eq!(
            parse_date("27/03/2008", DateForm::DayMonthYear),
            Ok(d("2008-03-27"))
        );
        assert_eq!(
            parse_date(" 2008-03-27 ", DateForm::DayMonthYear),
            Ok(d("2008-03-27"))
        );
        assert_eq!(
            parse_date("2023-05-23T11:14:05", DateForm::Iso),
            Ok(d("2023-05-23"))
        );
    }

    #[test]
    fn impossible_or_partial_dates_are_refused_naming_the_form() {
        assert_eq!(
            parse_date("notadate", DateForm::DayMonthYear),
            Err("\"notadate\" is not a date (dd/mm/yyyy)".to_string())
        );
        assert!(parse_date("31/02/2020", DateForm::DayMonthYear).is_err());
        assert!(parse_date("1/2/2020", DateForm::DayMonthYear).is_err());
        assert!(parse_date("2020-02-30", DateForm::Iso).is_err());
        assert_eq!(
            parse_date("", DateForm::Iso),
            Err("\"\" is not a date (yyyy-mm-dd)".to_string())
        );
    }

    #[test]
    fn excel_serials_follow_the_1900_system() {
        assert_eq!(excel_serial_date(1.0), Some(d("1900-01-01")));
        assert_eq!(excel_serial_date(59.0), Some(d("1900-02-28")));
        assert_eq!(excel_serial_date(61.0), Some(d("1900-03-01")));
        assert_eq!(excel_serial_date(45_373.0), Some(d("2024-03-22")));
        assert_eq!(excel_serial_date(0.0), None);
        assert_eq!(excel_serial_date(f64::NAN), None);
    }
}
