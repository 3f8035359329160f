//! The reporting year: 1 April to 31 March, named by the year it starts in (2025 = 1 April
//! 2025 – 31 March 2026), and its twelve months.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A reporting year, by the calendar year of its 1 April.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub struct ReportingYear {
    /// The year of its 1 April (2025 for 2025–26).
    pub start_year: i32,
    /// 1 April.
    pub starts_on: NaiveDate,
    /// 31 March of the next calendar year.
    pub ends_on: NaiveDate,
    /// "2025–26".
    pub label: String,
}

/// The short names of the months of a reporting year, April first.
pub const MONTHS: [&str; 12] = [
    "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar",
];

impl ReportingYear {
    /// The reporting year starting on 1 April of `start_year`, or `None` outside the dates
    /// the calendar can hold.
    pub fn starting(start_year: i32) -> Option<ReportingYear> {
        let starts_on = NaiveDate::from_ymd_opt(start_year, 4, 1)?;
        let ends_on = NaiveDate::from_ymd_opt(start_year.checked_add(1)?, 3, 31)?;
        Some(ReportingYear {
            start_year,
            starts_on,
            ends_on,
            label: format!("{}–{:02}", start_year, (start_year + 1).rem_euclid(100)),
        })
    }

    /// The reporting year a date falls in.
    pub fn containing(on: NaiveDate) -> Option<ReportingYear> {
        let start_year = if on.month() >= 4 {
            on.year()
        } else {
            on.year() - 1
        };
        ReportingYear::starting(start_year)
    }

    /// The year before.
    pub fn previous(&self) -> Option<ReportingYear> {
        ReportingYear::starting(self.start_year - 1)
    }

    /// Is a date inside the year (both ends included)?
    pub fn contains(&self, on: NaiveDate) -> bool {
        self.starts_on <= on && on <= self.ends_on
    }

    /// Does an interval (`to` open-ended when `None`) overlap the year?
    pub fn overlaps(&self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        from <= self.ends_on && to.is_none_or(|to| to >= self.starts_on)
    }

    /// The month of the year a date falls in: 0 for April … 11 for March.
    pub fn month_index(&self, on: NaiveDate) -> Option<usize> {
        self.contains(on).then(|| (on.month0() as usize + 9) % 12)
    }

    /// The last day of each month, April first.
    pub fn month_ends(&self) -> Vec<NaiveDate> {
        (1..=12)
            .map(|n| {
                self.starts_on
                    .checked_add_months(Months::new(n))
                    .and_then(|first| first.pred_opt())
                    .unwrap_or(self.ends_on)
            })
            .collect()
    }
}
