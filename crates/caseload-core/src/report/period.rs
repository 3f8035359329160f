//! The period a report covers: a reporting year (1 April – 31 March, named by the year it starts
//! in: 2025 = 1 April 2025 – 31 March 2026), a quarter, a month, or any dates; the period before
//! it of the same length; its month ends; and the twelve months of its trend charts.
//!
//! Not here: what is counted in a period (the section modules), or how a front end offers the
//! choice of period.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// What shape of period a report covers (read from its dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// 1 April – 31 March.
    Year,
    /// Three whole months starting in April, July, October or January.
    Quarter,
    /// One whole calendar month.
    Month,
    /// Any other dates.
    Custom,
}

/// The dates a report covers, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub struct ReportPeriod {
    /// Its first day.
    pub starts_on: NaiveDate,
    /// Its last day.
    pub ends_on: NaiveDate,
    /// Year, quarter, month or custom.
    pub kind: PeriodKind,
    /// "2025–26", "October–December 2025", "October 2025", "1 October 2025 – 15 November 2025".
    pub label: String,
}

/// One month of a trend chart: its first day, its last day counted (the period's end when the
/// period ends inside it) and its short name ("Apr").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MonthSlot {
    pub(crate) first: NaiveDate,
    pub(crate) last: NaiveDate,
    pub(crate) label: String,
}

/// "1 April 2025".
pub(crate) fn long_date(on: NaiveDate) -> String {
    format!("{} {} {}", on.day(), month_name(on), on.year())
}

/// "31 March".
pub(crate) fn day_month(on: NaiveDate) -> String {
    format!("{} {}", on.day(), month_name(on))
}

fn month_name(on: NaiveDate) -> &'static str {
    crate::explain::MONTH_NAMES[on.month0() as usize]
}

fn first_of_month(on: NaiveDate) -> NaiveDate {
    on.with_day(1).unwrap_or(on)
}

fn last_of_month(on: NaiveDate) -> NaiveDate {
    first_of_month(on)
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(on)
}

fn is_last_of_month(on: NaiveDate) -> bool {
    last_of_month(on) == on
}

impl ReportPeriod {
    /// The reporting year starting on 1 April of `start_year`, or `None` outside the dates the
    /// calendar can hold.
    pub fn reporting_year(start_year: i32) -> Option<ReportPeriod> {
        ReportPeriod::new(
            NaiveDate::from_ymd_opt(start_year, 4, 1)?,
            NaiveDate::from_ymd_opt(start_year.checked_add(1)?, 3, 31)?,
        )
    }

    /// The three months starting on the 1st of `first_month` of `year` (a quarter when it
    /// starts in January, April, July or October), or `None` for no such month.
    pub fn quarter(year: i32, first_month: u32) -> Option<ReportPeriod> {
        let from = NaiveDate::from_ymd_opt(year, first_month, 1)?;
        ReportPeriod::new(
            from,
            last_of_month(from.checked_add_months(Months::new(2))?),
        )
    }

    /// The calendar month `month` of `year`, or `None` for no such month.
    pub fn month(year: i32, month: u32) -> Option<ReportPeriod> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        ReportPeriod::new(from, last_of_month(from))
    }

    /// The reporting year a date falls in.
    pub fn year_containing(on: NaiveDate) -> Option<ReportPeriod> {
        let start_year = if on.month() >= 4 {
            on.year()
        } else {
            on.year() - 1
        };
        ReportPeriod::reporting_year(start_year)
    }

    /// The period from `from` to `to` (both included), or `None` when `to` is before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<ReportPeriod> {
        if to < from {
            return None;
        }
        let months = whole_months(from, to);
        let kind = match months {
            Some(12) if from.month() == 4 => PeriodKind::Year,
            Some(3) if matches!(from.month(), 1 | 4 | 7 | 10) => PeriodKind::Quarter,
            Some(1) => PeriodKind::Month,
            _ => PeriodKind::Custom,
        };
        let label = match (kind, months) {
            (PeriodKind::Year, _) => {
                format!("{}–{:02}", from.year(), (from.year() + 1).rem_euclid(100))
            }
            (PeriodKind::Month, _) => format!("{} {}", month_name(from), from.year()),
            (_, Some(_)) if from.year() == to.year() => {
                format!("{}–{} {}", month_name(from), month_name(to), to.year())
            }
            (_, Some(_)) => format!(
                "{} {} – {} {}",
                month_name(from),
                from.year(),
                month_name(to),
                to.year()
            ),
            (_, None) => format!("{} – {}", long_date(from), long_date(to)),
        };
        Some(ReportPeriod {
            starts_on: from,
            ends_on: to,
            kind,
            label,
        })
    }

    /// The period before, of the same length: as many whole months before a period of whole
    /// months (the year before a reporting year, the quarter or month before), otherwise as many
    /// days immediately before.
    pub fn previous(&self) -> Option<ReportPeriod> {
        let to = self.starts_on.pred_opt()?;
        let from = match whole_months(self.starts_on, self.ends_on) {
            Some(n) => self.starts_on.checked_sub_months(Months::new(n))?,
            None => to - (self.ends_on - self.starts_on),
        };
        ReportPeriod::new(from, to)
    }

    /// The number of whole calendar months, if the period is made of them.
    pub fn whole_months(&self) -> Option<u32> {
        whole_months(self.starts_on, self.ends_on)
    }

    /// Is a date inside the period (both ends included)?
    pub fn contains(&self, on: NaiveDate) -> bool {
        self.starts_on <= on && on <= self.ends_on
    }

    /// Does an interval (`to` open-ended when `None`) overlap the period?
    pub fn overlaps(&self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        from <= self.ends_on && to.is_none_or(|to| to >= self.starts_on)
    }

    /// The last day of each month inside the period, and the period's last day when it is not a
    /// month end (the days a caseload is counted on).
    pub fn month_ends(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut on = last_of_month(self.starts_on);
        while on < self.ends_on {
            out.push(on);
            match on.succ_opt() {
                Some(next) => on = last_of_month(next),
                None => break,
            }
        }
        out.push(self.ends_on);
        out
    }

    /// The twelve months of the trend charts: the one the period ends in and the eleven before
    /// it, the last counted only up to the period's end.
    pub(crate) fn trend_months(&self) -> Vec<MonthSlot> {
        let last_first = first_of_month(self.ends_on);
        (0..12u32)
            .rev()
            .filter_map(|back| {
                let first = last_first.checked_sub_months(Months::new(back))?;
                Some(MonthSlot {
                    first,
                    last: if back == 0 {
                        self.ends_on
                    } else {
                        last_of_month(first)
                    },
                    label: month_name(first)[..3].to_string(),
                })
            })
            .collect()
    }

    /// The same twelve months a year earlier (what each month of a trend is shown beside).
    pub(crate) fn trend_months_a_year_before(&self) -> Vec<MonthSlot> {
        self.trend_months()
            .into_iter()
            .filter_map(|m| {
                let first = m.first.checked_sub_months(Months::new(12))?;
                let last = if is_last_of_month(m.last) {
                    last_of_month(first)
                } else {
                    m.last.checked_sub_months(Months::new(12))?
                };
                Some(MonthSlot {
                    first,
                    last,
                    label: m.label,
                })
            })
            .collect()
    }

    /// The last day, in words an IRO reads in a figure's label: "31 March" for a reporting
    /// year, "31 December 2025" otherwise.
    pub fn end_words(&self) -> String {
        if self.kind == PeriodKind::Year {
            day_month(self.ends_on)
        } else {
            long_date(self.ends_on)
        }
    }
}

/// How many whole calendar months `[from, to]` is, if it starts on a 1st and ends on a month's
/// last day.
fn whole_months(from: NaiveDate, to: NaiveDate) -> Option<u32> {
    if from.day() != 1 || !is_last_of_month(to) || to < from {
        return None;
    }
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1;
    u32::try_from(months).ok()
}

/// The month slot a date falls in, if any.
pub(crate) fn slot_of(slots: &[MonthSlot], on: NaiveDate) -> Option<usize> {
    slots.iter().position(|m| m.first <= on && on <= m.last)
}
