//! Calendar-month arithmetic by the corresponding-date rule (Dodds v Walker; domain.md
//! §1.1–1.2): N months from D ends on the same day-number N months later, clamped to the
//! last day of that month when the day does not exist. Month-based due dates are never
//! moved off weekends or holidays; "plan-by" (see `Calendar::plan_by`) is display only.

use chrono::{Datelike, NaiveDate};

/// The result of month arithmetic by the corresponding-date rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct MonthCount {
    /// The base date (e.g. the date the last review was actually held).
    pub from: NaiveDate,
    /// N.
    pub months: u32,
    /// The corresponding date N months later (clamped to month end if needed).
    pub result: NaiveDate,
    /// True if the corresponding day did not exist and the result was clamped to the
    /// month's last day (31 Jan + 3 months = 30 Apr).
    pub clamped: bool,
}

/// `from` plus `months` calendar months, clamped to month end (31 Aug + 6 months =
/// 28/29 Feb). Agrees with `chrono::NaiveDate::checked_add_months`.
///
/// Never panics. If the result would lie beyond the last date `chrono::NaiveDate` can
/// represent (hundreds of thousands of years away, never a statutory period), it
/// saturates at `NaiveDate::MAX` and reports `clamped: true`.
pub fn add_months(from: NaiveDate, months: u32) -> MonthCount {
    let total = i64::from(from.year()) * 12 + i64::from(from.month0()) + i64::from(months);
    let year = total.div_euclid(12);
    let month = (total.rem_euclid(12) + 1) as u32;
    let corresponding = i32::try_from(year).ok().and_then(|year| {
        let last_day = last_day_of_month(year, month)?;
        let day = from.day().min(last_day);
        NaiveDate::from_ymd_opt(year, month, day)
    });
    match corresponding {
        Some(result) => MonthCount {
            from,
            months,
            result,
            clamped: result.day() != from.day(),
        },
        None => MonthCount {
            from,
            months,
            result: NaiveDate::MAX,
            clamped: true,
        },
    }
}

/// Number of days in `month` of `year`, or `None` outside `NaiveDate`'s range.
/// The time from one date to a later one, as a person says it: whole calendar months by the
/// corresponding-date rule, and the days in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed {
    /// Whole calendar months (31 Jan to 28 Feb is one month; to 27 Feb, none).
    pub months: u32,
    /// Days from the first date to the second.
    pub days: u32,
}

/// The time from `from` to `to` (nothing when `to` is not after `from`).
pub fn elapsed(from: NaiveDate, to: NaiveDate) -> Elapsed {
    if to <= from {
        return Elapsed { months: 0, days: 0 };
    }
    // A first guess from the calendar fields, then corrected by the corresponding-date rule.
    let guess = (to.year() - from.year()) * 12 + to.month0() as i32 - from.month0() as i32;
    let mut months = guess.max(0) as u32;
    while months > 0 && add_months(from, months).result > to {
        months -= 1;
    }
    Elapsed {
        months,
        days: u32::try_from((to - from).num_days()).unwrap_or(u32::MAX),
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match first_of_next {
        Some(date) => date.pred_opt().map(|last| last.day()),
        // December of the last representable year.
        None => NaiveDate::from_ymd_opt(year, month, 31).map(|_| 31),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_counts_whole_months_by_the_corresponding_date() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let months = |a, b| elapsed(d(a), d(b)).months;
        // 31 August plus 27 months is 30 November (no 31st): 27 whole months by then.
        assert_eq!(months("2024-08-31", "2026-11-30"), 27);
        assert_eq!(months("2024-08-31", "2026-11-29"), 26);
        assert_eq!(months("2024-08-30", "2026-11-29"), 26);
        assert_eq!(months("2026-01-31", "2026-02-28"), 1);
        assert_eq!(months("2026-01-31", "2026-02-27"), 0);
        assert_eq!(months("2026-11-24", "2026-11-23"), 0);
        assert_eq!(elapsed(d("2026-11-20"), d("2026-11-23")).days, 3);
        assert_eq!(elapsed(d("2026-11-23"), d("2026-11-20")).days, 0);
    }

    #[test]
    fn agrees_with_chrono_checked_add_months() {
        let mut date = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2003, 1, 1).unwrap();
        while date < end {
            for months in [0, 1, 2, 3, 6, 11, 12, 13, 25, 1200] {
                let expected = date
                    .checked_add_months(chrono::Months::new(months))
                    .unwrap();
                assert_eq!(
                    add_months(date, months).result,
                    expected,
                    "{date} + {months}"
                );
            }
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn saturates_instead_of_panicking_past_the_end_of_time() {
        let from = NaiveDate::from_ymd_opt(9000, 12, 31).unwrap();
        let count = add_months(from, u32::MAX);
        assert_eq!((count.result, count.clamped), (NaiveDate::MAX, true));
        let last = add_months(NaiveDate::MAX, 0);
        assert_eq!((last.result, last.clamped), (NaiveDate::MAX, false));
    }
}
