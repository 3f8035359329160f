//! What a date field needs from Rust: what the IRO typed, read the British way (with the date
//! in words and a warning when it is not a working day), and a month's page for its picker
//! with weekends, bank holidays and today marked.

use caseload_core::calendar::{read_date, weeks_of_month, Calendar};
use caseload_core::explain::{uk_date_long as in_words, DAY_NAMES, MONTH_NAMES};
use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::Serialize;

/// A date field's text, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DateReading {
    /// The date read; none for an empty field or one that could not be read.
    pub date: Option<NaiveDate>,
    /// The date as the field shows it once read: "03/11/2026".
    pub text: Option<String>,
    /// The date in words: "Tuesday 3 November 2026".
    pub words: Option<String>,
    /// When the date is not a working day, what it is: "a Saturday", "Christmas Day, a bank
    /// holiday".
    pub not_working: Option<String>,
    /// Why the text could not be read, saying what to type instead.
    pub error: Option<String>,
}

/// One day on a picker's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PickerDay {
    pub date: NaiveDate,
    /// Its day of the month.
    pub day: u32,
    /// False for the days of the months either side that fill the first and last weeks.
    pub in_month: bool,
    pub weekend: bool,
    /// The bank holiday's name, if it is one.
    pub holiday: Option<String>,
    pub today: bool,
    /// "Tuesday 3 November 2026", with "bank holiday" or "today" when it is.
    pub label: String,
}

/// A month's page of the picker, Monday first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct MonthPage {
    /// "November 2026".
    pub title: String,
    /// The 1st of the month before and of the month after, for the arrows.
    pub previous: NaiveDate,
    pub next: NaiveDate,
    /// Four to six weeks of seven days.
    pub weeks: Vec<Vec<PickerDay>>,
}

/// Reads a date field's text, counting "tomorrow", "+3" and weekdays from `as_of`.
pub fn read_date_field(text: &str, as_of: NaiveDate, calendar: &Calendar) -> DateReading {
    match read_date(text, as_of) {
        Ok(Some(date)) => DateReading {
            date: Some(date),
            text: Some(date.format("%d/%m/%Y").to_string()),
            words: Some(in_words(date)),
            not_working: not_working(date, calendar),
            error: None,
        },
        Ok(None) => DateReading {
            date: None,
            text: None,
            words: None,
            not_working: None,
            error: None,
        },
        Err(e) => DateReading {
            date: None,
            text: None,
            words: None,
            not_working: None,
            error: Some(e.to_string()),
        },
    }
}

/// The page of the month `any_day` is in.
pub fn month_page(any_day: NaiveDate, as_of: NaiveDate, calendar: &Calendar) -> MonthPage {
    let first = any_day.with_day(1).unwrap_or(any_day);
    let weeks = weeks_of_month(first)
        .into_iter()
        .map(|week| {
            week.days()
                .map(|date| picker_day(date, first.month(), as_of, calendar))
                .collect()
        })
        .collect();
    MonthPage {
        title: format!("{} {}", MONTH_NAMES[first.month0() as usize], first.year()),
        previous: first.checked_sub_months(Months::new(1)).unwrap_or(first),
        next: first.checked_add_months(Months::new(1)).unwrap_or(first),
        weeks,
    }
}

fn picker_day(date: NaiveDate, month: u32, as_of: NaiveDate, calendar: &Calendar) -> PickerDay {
    let holiday = calendar.holiday_on(date).map(|h| h.name);
    let mut label = in_words(date);
    if let Some(name) = &holiday {
        label.push_str(&format!(", {name} (bank holiday)"));
    }
    if date == as_of {
        label.push_str(", today");
    }
    PickerDay {
        date,
        day: date.day(),
        in_month: date.month() == month,
        weekend: is_weekend(date),
        holiday,
        today: date == as_of,
        label,
    }
}

fn not_working(date: NaiveDate, calendar: &Calendar) -> Option<String> {
    if let Some(holiday) = calendar.holiday_on(date) {
        return Some(format!("{}, a bank holiday", holiday.name));
    }
    is_weekend(date).then(|| {
        format!(
            "a {}",
            DAY_NAMES[date.weekday().num_days_from_monday() as usize]
        )
    })
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const MONDAY: &str = "2026-11-23";

    #[test]
    fn a_date_read_comes_back_with_its_words_and_the_fields_text() {
        let r = read_date_field("3/11/26", d(MONDAY), &Calendar::bundled());
        assert_eq!(r.date, Some(d("2026-11-03")));
        assert_eq!(r.text.as_deref(), Some("03/11/2026"));
        assert_eq!(r.words.as_deref(), Some("Tuesday 3 November 2026"));
        assert_eq!(r.not_working, None);
        assert_eq!(r.error, None);
    }

    #[test]
    fn a_weekend_or_a_bank_holiday_is_named() {
        let calendar = Calendar::bundled();
        let saturday = read_date_field("28/11/2026", d(MONDAY), &calendar);
        assert_eq!(saturday.not_working.as_deref(), Some("a Saturday"));
        let christmas = read_date_field("25 Dec 2026", d(MONDAY), &calendar);
        assert_eq!(
            christmas.not_working.as_deref(),
            Some("Christmas Day, a bank holiday")
        );
        assert_eq!(christmas.date, Some(d("2026-12-25")));
    }

    #[test]
    fn an_impossible_date_is_refused_with_no_date() {
        let r = read_date_field("31/02/2026", d(MONDAY), &Calendar::bundled());
        assert_eq!(r.date, None);
        assert_eq!(
            r.error.as_deref(),
            Some("31/02/2026 is not a date: February 2026 has 28 days.")
        );
    }

    #[test]
    fn an_empty_field_is_neither_a_date_nor_an_error() {
        let r = read_date_field("", d(MONDAY), &Calendar::bundled());
        assert_eq!((r.date, r.error), (None, None));
    }

    #[test]
    fn a_months_page_marks_weekends_bank_holidays_and_today() {
        let page = month_page(d("2026-12-10"), d("2026-12-03"), &Calendar::bundled());
        assert_eq!(page.title, "December 2026");
        assert_eq!(
            (page.previous, page.next),
            (d("2026-11-01"), d("2027-01-01"))
        );
        let days: Vec<&PickerDay> = page.weeks.iter().flatten().collect();
        assert_eq!(days.first().map(|p| p.date), Some(d("2026-11-30")));
        assert!(!days[0].in_month);
        assert!(page.weeks.iter().all(|w| w.len() == 7));
        let christmas = days.iter().find(|p| p.date == d("2026-12-25")).unwrap();
        assert_eq!(christmas.holiday.as_deref(), Some("Christmas Day"));
        assert_eq!(
            christmas.label,
            "Friday 25 December 2026, Christmas Day (bank holiday)"
        );
        let today = days.iter().find(|p| p.today).unwrap();
        assert_eq!(today.date, d("2026-12-03"));
        assert!(today.label.ends_with(", today"));
        let weekends: Vec<NaiveDate> = days.iter().filter(|p| p.weekend).map(|p| p.date).collect();
        assert!(weekends.contains(&d("2026-12-05")) && weekends.contains(&d("2026-12-06")));
        assert_eq!(weekends.len(), days.len() / 7 * 2);
    }
}
