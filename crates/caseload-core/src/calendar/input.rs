//! A date as an IRO types it, read the British way whatever the machine's locale: the day comes
//! before the month, always, so 03/04/2026 is 3 April.
//!
//! Read: `25/11/2026`, `25/11/26`, `3.4.26`, `25-11-2026`, `2026-11-25` (a four-digit year
//! first), `25 Nov 2026`, `Wed 25 November 2026`, `25th Nov 26`, `Nov 25, 2026`; and, counted
//! from today, `today`, `tomorrow`, `yesterday`, a weekday name (the next one after today) and
//! `+N` (N days from today). A two-digit year is in this century. Refused with a sentence that
//! says what is wrong: a day the month does not have (31/02/2026), a month that does not exist
//! (11/25/2026, typed the American way), a date with no year, a weekday that does not match
//! the date, anything else.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use thiserror::Error;

use crate::explain::{DAY_NAMES, MONTH_NAMES};

/// The years a date may be in: a child's birth to their last review, with room either side.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
/// The furthest `+N` reaches: ten years of days.
const MAX_DAYS_AHEAD: u64 = 3660;

/// Why a typed date was refused. Each message says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateInputError {
    /// The month has no such day.
    #[error("{typed} is not a date: {month} {year} has {days} days.")]
    NoSuchDay {
        typed: String,
        month: String,
        year: i32,
        days: u32,
    },
    /// A month number over 12 (often a date typed month first).
    #[error("There is no month {month}. Type the day first, as in 25/11/2026.")]
    NoSuchMonth { month: u32 },
    /// A day and month with no year.
    #[error("Add the year, as in {example}.")]
    NoYear { example: String },
    /// A year the app does not keep dates in.
    #[error("{year} is not a year the app keeps dates in ({first} to {last}).")]
    YearOutOfRange { year: i32, first: i32, last: i32 },
    /// A weekday typed with the date that the date does not fall on.
    #[error("{date} is a {actual}, not a {typed}.")]
    WrongWeekday {
        date: String,
        actual: String,
        typed: String,
    },
    /// `+N` too far ahead.
    #[error("+{days} is too far ahead: type the date instead.")]
    TooFarAhead { days: u64 },
    /// Not a date in any form the field reads.
    #[error("\"{typed}\" is not a date. Type it as 25/11/2026 or 25 Nov 2026, or as today, tomorrow, a weekday or +3.")]
    Unreadable { typed: String },
}

/// Reads `text` as a date, counting words like "tomorrow" from `today`. An empty field reads as
/// no date.
pub fn read_date(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, DateInputError> {
    let typed = text.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let lower = typed.to_lowercase();
    let date = match relative(&lower, today)? {
        Some(date) => date,
        None if lower.starts_with(|c: char| c.is_ascii_digit()) && is_numeric(&lower) => {
            numeric(&lower, typed, today.year())?
        }
        None => in_words(&lower, typed, today.year())?,
    };
    Ok(Some(date))
}

/// `today`, `tomorrow`, `yesterday`, a weekday name, `+N`; `None` when it is none of them.
fn relative(lower: &str, today: NaiveDate) -> Result<Option<NaiveDate>, DateInputError> {
    let date = match lower {
        "today" => today,
        "tomorrow" => today + Days::new(1),
        "yesterday" => today - Days::new(1),
        _ => {
            if let Some(days) = lower.strip_prefix('+') {
                return days_ahead(days, today).map(Some);
            }
            match weekday(lower) {
                Some(day) => next_weekday(today, day),
                None => return Ok(None),
            }
        }
    };
    Ok(Some(date))
}

/// `+N`, `+ N`, `+N days`.
fn days_ahead(rest: &str, today: NaiveDate) -> Result<NaiveDate, DateInputError> {
    let unreadable = || DateInputError::Unreadable {
        typed: format!("+{rest}"),
    };
    let number = rest
        .trim()
        .trim_end_matches("days")
        .trim_end_matches("day")
        .trim_end_matches('d')
        .trim();
    let days: u64 = number.parse().map_err(|_| unreadable())?;
    if days > MAX_DAYS_AHEAD {
        return Err(DateInputError::TooFarAhead { days });
    }
    Ok(today + Days::new(days))
}

/// The first `day` after `today` (a week on when today is that day).
fn next_weekday(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (day.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
    today + Days::new(u64::from(if ahead == 0 { 7 } else { ahead }))
}

/// Digits and separators only: `25/11/2026`, `3.4.26`, `2026-11-25`.
fn is_numeric(lower: &str) -> bool {
    lower
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | ' '))
}

/// Day, month and year in digits, day first; or a four-digit year first (ISO order).
fn numeric(lower: &str, typed: &str, this_year: i32) -> Result<NaiveDate, DateInputError> {
    let parts: Vec<&str> = lower
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let number = |p: &str| -> Result<u32, DateInputError> {
        p.parse().map_err(|_| DateInputError::Unreadable {
            typed: typed.to_string(),
        })
    };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => civil(year(y, typed)?, number(m)?, number(d)?),
        [d, m, y] if d.len() <= 2 && m.len() <= 2 => civil(year(y, typed)?, number(m)?, number(d)?),
        [d, m] if d.len() <= 2 && m.len() <= 2 => Err(DateInputError::NoYear {
            example: format!("{d}/{m}/{this_year}"),
        }),
        _ => Err(DateInputError::Unreadable {
            typed: typed.to_string(),
        }),
    }
}

/// `25 Nov 2026`, `Wed 25 November 2026`, `25th Nov 26`, `Nov 25, 2026`.
fn in_words(lower: &str, typed: &str, this_year: i32) -> Result<NaiveDate, DateInputError> {
    let unreadable = || DateInputError::Unreadable {
        typed: typed.to_string(),
    };
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let typed_weekday = match words.first().and_then(|w| weekday(w)) {
        Some(day) if words.len() > 1 => {
            words.remove(0);
            Some(day)
        }
        _ => None,
    };
    let (day, month, year_word) = match words.as_slice() {
        [d, m, rest @ ..] if day_number(d).is_some() && month(m).is_some() => {
            (day_number(d), month(m), rest.first().copied())
        }
        [m, d, rest @ ..] if month(m).is_some() && day_number(d).is_some() => {
            (day_number(d), month(m), rest.first().copied())
        }
        _ => return Err(unreadable()),
    };
    let (Some(day), Some(month)) = (day, month) else {
        return Err(unreadable());
    };
    if words.len() > 3 {
        return Err(unreadable());
    }
    let Some(year_word) = year_word else {
        return Err(DateInputError::NoYear {
            example: format!(
                "{day} {} {this_year}",
                &MONTH_NAMES[month as usize - 1][..3]
            ),
        });
    };
    let date = civil(year(year_word, typed)?, month, day)?;
    match typed_weekday {
        Some(typed_day) if typed_day != date.weekday() => Err(DateInputError::WrongWeekday {
            date: format!("{day} {} {}", MONTH_NAMES[month as usize - 1], date.year()),
            actual: weekday_name(date.weekday()),
            typed: weekday_name(typed_day),
        }),
        _ => Ok(date),
    }
}

/// A day of the month in words: `25`, `25th`, `1st`, `2nd`, `3rd`.
fn day_number(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok()
}

/// A month's name, or the first three or more letters of it (`nov`, `sept`).
fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|name| begins_with(name, word))
        .map(|i| i as u32 + 1)
}

/// A weekday's name, or the first three or more letters of it (`tue`, `thurs`, `weds`).
fn weekday(word: &str) -> Option<Weekday> {
    let word = word.trim_end_matches('.');
    if word == "weds" {
        return Some(Weekday::Wed);
    }
    if word.len() < 3 {
        return None;
    }
    let monday_first = std::iter::successors(Some(Weekday::Mon), |d| Some(d.succ()));
    DAY_NAMES
        .iter()
        .zip(monday_first)
        .find(|(name, _)| begins_with(name, word))
        .map(|(_, day)| day)
}

/// A year of two digits (this century) or four.
fn year(word: &str, typed: &str) -> Result<i32, DateInputError> {
    let unreadable = || DateInputError::Unreadable {
        typed: typed.to_string(),
    };
    let number: i32 = word.parse().map_err(|_| unreadable())?;
    let year = match word.len() {
        2 => 2000 + number,
        4 => number,
        _ => return Err(unreadable()),
    };
    if !YEARS.contains(&year) {
        return Err(DateInputError::YearOutOfRange {
            year,
            first: *YEARS.start(),
            last: *YEARS.end(),
        });
    }
    Ok(year)
}

/// The date, or why the month has no such day.
fn civil(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateInputError> {
    if !(1..=12).contains(&month) {
        return Err(DateInputError::NoSuchMonth { month });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateInputError::NoSuchDay {
        typed: format!("{day:02}/{month:02}/{year}"),
        month: MONTH_NAMES[month as usize - 1].to_string(),
        year,
        days: days_in_month(year, month),
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

fn weekday_name(day: Weekday) -> String {
    DAY_NAMES[day.num_days_from_monday() as usize].to_string()
}

/// Whether `name` begins with `word` (lower case), whatever the case of `name`.
fn begins_with(name: &str, word: &str) -> bool {
    name.get(..word.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 23 November 2026.
    fn monday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn read(text: &str) -> NaiveDate {
        read_date(text, monday())
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .unwrap_or_else(|| panic!("{text}: no date"))
    }

    fn refused(text: &str) -> DateInputError {
        match read_date(text, monday()) {
            Err(e) => e,
            Ok(date) => panic!("{text} was read as {date:?}"),
        }
    }

    #[test]
    fn an_empty_field_is_no_date() {
        assert_eq!(read_date("  ", monday()), Ok(None));
    }

    #[test]
    fn the_day_comes_first_in_every_numeric_form() {
        for text in [
            "03/04/2026",
            "3/4/2026",
            "3/4/26",
            "03.04.2026",
            "3-4-26",
            "03 04 2026",
        ] {
            assert_eq!(read(text), d(2026, 4, 3), "{text}");
        }
        assert_eq!(read("12/01/2027"), d(2027, 1, 12));
        assert_eq!(read("1/12/27"), d(2027, 12, 1));
    }

    #[test]
    fn a_four_digit_year_first_is_read_in_that_order() {
        assert_eq!(read("2026-04-03"), d(2026, 4, 3));
        assert_eq!(read("2026/11/25"), d(2026, 11, 25));
    }

    #[test]
    fn a_two_digit_year_is_in_this_century() {
        assert_eq!(read("14/05/09"), d(2009, 5, 14));
        assert_eq!(read("14 May 09"), d(2009, 5, 14));
    }

    #[test]
    fn dates_in_words_with_or_without_the_weekday() {
        for text in [
            "25 Nov 2026",
            "25 nov 26",
            "25 November 2026",
            "25th November 2026",
            "Wed 25 Nov 2026",
            "Wednesday, 25 November 2026",
            "Nov 25, 2026",
            "25 Nov. 2026",
        ] {
            assert_eq!(read(text), d(2026, 11, 25), "{text}");
        }
        assert_eq!(read("1st Sept 2027"), d(2027, 9, 1));
        assert_eq!(read("2nd Mar 2027"), d(2027, 3, 2));
        assert_eq!(read("3rd Feb 2027"), d(2027, 2, 3));
    }

    #[test]
    fn words_counted_from_the_day_typed_on() {
        assert_eq!(read("today"), monday());
        assert_eq!(read("Tomorrow"), d(2026, 11, 24));
        assert_eq!(read("yesterday"), d(2026, 11, 22));
        assert_eq!(read("+3"), d(2026, 11, 26));
        assert_eq!(read("+ 10 days"), d(2026, 12, 3));
        assert_eq!(read("+0"), monday());
    }

    #[test]
    fn a_weekday_is_the_next_one_after_the_day_typed_on() {
        assert_eq!(read("tue"), d(2026, 11, 24));
        assert_eq!(read("Thursday"), d(2026, 11, 26));
        assert_eq!(read("thurs"), d(2026, 11, 26));
        assert_eq!(read("weds"), d(2026, 11, 25));
        assert_eq!(read("sun"), d(2026, 11, 29));
        // Today is a Monday: "monday" is next week's.
        assert_eq!(read("monday"), d(2026, 11, 30));
    }

    #[test]
    fn an_impossible_day_is_refused_and_says_how_long_the_month_is() {
        let e = refused("31/02/2026");
        assert_eq!(
            e.to_string(),
            "31/02/2026 is not a date: February 2026 has 28 days."
        );
        assert_eq!(
            refused("29 Feb 2027").to_string(),
            "29/02/2027 is not a date: February 2027 has 28 days."
        );
        assert_eq!(read("29/02/2028"), d(2028, 2, 29));
        assert!(matches!(
            refused("31/04/2026"),
            DateInputError::NoSuchDay { days: 30, .. }
        ));
        assert!(matches!(
            refused("0/04/2026"),
            DateInputError::NoSuchDay { .. }
        ));
    }

    #[test]
    fn a_date_typed_month_first_is_refused_not_swapped() {
        assert_eq!(
            refused("11/25/2026").to_string(),
            "There is no month 25. Type the day first, as in 25/11/2026."
        );
        assert!(matches!(
            refused("1/13/26"),
            DateInputError::NoSuchMonth { month: 13 }
        ));
    }

    #[test]
    fn a_date_with_no_year_asks_for_one() {
        assert_eq!(
            refused("25/11").to_string(),
            "Add the year, as in 25/11/2026."
        );
        assert_eq!(
            refused("25 Nov").to_string(),
            "Add the year, as in 25 Nov 2026."
        );
    }

    #[test]
    fn a_weekday_the_date_does_not_fall_on_is_refused() {
        assert_eq!(
            refused("Tue 25 Nov 2026").to_string(),
            "25 November 2026 is a Wednesday, not a Tuesday."
        );
    }

    #[test]
    fn years_out_of_range_and_odd_years_are_refused() {
        assert!(matches!(
            refused("1/1/1850"),
            DateInputError::YearOutOfRange { year: 1850, .. }
        ));
        assert!(matches!(
            refused("1/1/226"),
            DateInputError::Unreadable { .. }
        ));
        assert!(matches!(
            refused("+99999"),
            DateInputError::Unreadable { .. } | DateInputError::TooFarAhead { .. }
        ));
        assert!(matches!(
            refused("+4000"),
            DateInputError::TooFarAhead { days: 4000 }
        ));
    }

    #[test]
    fn anything_else_is_refused_with_the_forms_the_field_reads() {
        for text in [
            "next week",
            "soon",
            "25/11/2026/1",
            "Nov 2026",
            "+x",
            "ma 3 2026",
            "25 Nov 2026 10am",
        ] {
            let e = refused(text);
            assert!(
                matches!(
                    e,
                    DateInputError::Unreadable { .. } | DateInputError::NoYear { .. }
                ),
                "{text}: {e:?}"
            );
        }
        assert_eq!(
            refused("soon").to_string(),
            "\"soon\" is not a date. Type it as 25/11/2026 or 25 Nov 2026, or as today, tomorrow, a weekday or +3."
        );
    }

    #[test]
    fn every_day_of_a_decade_reads_back_from_how_the_app_writes_it() {
        let mut day = d(2020, 1, 1);
        while day < d(2030, 1, 1) {
            let numeric = day.format("%d/%m/%Y").to_string();
            assert_eq!(read(&numeric), day, "{numeric}");
            assert_eq!(
                read(&crate::explain::uk_date(day)),
                day,
                "{}",
                crate::explain::uk_date(day)
            );
            day = day.succ_opt().unwrap();
        }
    }
}
