//! Working-day arithmetic (domain.md §1.2): "within N working days of E" in both counting
//! conventions, "N working days before", the DfE duration count, and plan-by.
//!
//! Every public count returns the days it skipped and why, so an explanation can be rendered
//! without re-deriving anything; the crate's `*_end` counts skip the list, for due dates whose
//! explanation is written only when shown. Listing, a count steps day by day (the loops borrow
//! holiday names and allocate only the `skipped` vector); not listing, it reads the calendar's
//! working-day index, and steps only outside the loaded years. The DfE duration and plan-by
//! read the index too. Nothing here reads the clock.

use chrono::{Datelike, NaiveDate};

use super::holidays::{weekday_name, Calendar, DayKind, NonWorking, YearHolidays};

/// Counting convention for "within N working days of E" (domain.md §1.2).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Convention {
    /// Day 0 = E, excluded even if E is a working day; day 1 = first working day strictly
    /// after E (Dodds v Walker). The default.
    #[default]
    EventDayIsDayZero,
    /// If E is a working day it is day 1, so the deadline is one working day earlier
    /// (`count_event_day_as_day_one`, as DfE-style validators count). If E is not a
    /// working day, the same as [`Convention::EventDayIsDayZero`].
    EventDayIsDayOne,
}

/// Which way a working-day count went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// N working days after the event ([`Calendar::add_working_days`]).
    Forward,
    /// N working days before the date ([`Calendar::sub_working_days`]).
    Backward,
}

/// A day the count stepped over, and why it was not a working day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct SkippedDay {
    /// The non-working day.
    pub date: NaiveDate,
    /// Why it was not a working day.
    pub reason: NonWorking,
}

/// The result of counting working days, with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct WorkingDayCount {
    /// The event day (or, counting backward, the day counted back from).
    pub from: NaiveDate,
    /// N.
    pub days: u32,
    /// The convention used ([`Convention::EventDayIsDayZero`] when counting backward).
    pub convention: Convention,
    /// Forward (add) or backward (sub).
    pub direction: Direction,
    /// The Nth working day.
    pub result: NaiveDate,
    /// Every non-working day strictly between `from` and `result`, in date order.
    pub skipped: Vec<SkippedDay>,
    /// True if any day whose status the count depended on lies in a year with no loaded
    /// holiday data (its holidays were computed, so the result is provisional).
    pub provisional: bool,
}

impl WorkingDayCount {
    /// Where the count ended, and the days it skipped.
    pub(crate) fn into_parts(self) -> (CountEnd, Vec<SkippedDay>) {
        let end = CountEnd {
            result: self.result,
            provisional: self.provisional,
        };
        (end, self.skipped)
    }
}

/// Classifies consecutive days, caching the current year's holiday data.
struct DayWalker<'a> {
    calendar: &'a Calendar,
    year: i32,
    holidays: YearHolidays<'a>,
    provisional: bool,
}

impl<'a> DayWalker<'a> {
    fn new(calendar: &'a Calendar, date: NaiveDate) -> Self {
        DayWalker {
            calendar,
            year: date.year(),
            holidays: calendar.year_holidays(date.year()),
            provisional: false,
        }
    }

    fn day_kind(&mut self, date: NaiveDate) -> DayKind<'a> {
        if date.year() != self.year {
            self.year = date.year();
            self.holidays = self.calendar.year_holidays(self.year);
        }
        self.provisional |= self.holidays.is_provisional();
        self.holidays.day_kind(date)
    }

    /// The reason, with owned strings, for a day already known to be non-working.
    fn reason(&self, kind: DayKind<'_>) -> Option<NonWorking> {
        match kind {
            DayKind::Working => None,
            DayKind::Weekend(weekday) => Some(NonWorking::Weekend {
                weekday: weekday_name(weekday).to_owned(),
            }),
            DayKind::Holiday(name) => Some(NonWorking::BankHoliday {
                name: name.to_owned(),
                provisional: self.holidays.is_provisional(),
            }),
        }
    }

    /// Steps one day at a time with `step` until `remaining` working days have been
    /// counted, listing the non-working days passed in `skipped` when given one. Returns the
    /// last working day counted, or the last representable date if `step` runs out of
    /// calendar.
    fn walk(
        &mut self,
        mut date: NaiveDate,
        mut remaining: u32,
        step: fn(&NaiveDate) -> Option<NaiveDate>,
        mut skipped: Option<&mut Vec<SkippedDay>>,
    ) -> NaiveDate {
        while remaining > 0 {
            let Some(next) = step(&date) else {
                // Only at the ends of `NaiveDate`'s range: saturate rather than panic.
                return date;
            };
            date = next;
            let kind = self.day_kind(date);
            if kind == DayKind::Working {
                remaining -= 1;
            } else if let Some(list) = skipped.as_deref_mut() {
                list.extend(self.reason(kind).map(|reason| SkippedDay { date, reason }));
            }
        }
        date
    }
}

/// Where a working-day count ended, without the days it skipped: all a due date needs until
/// its explanation is written (which counts again, listing them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CountEnd {
    /// The Nth working day.
    pub(crate) result: NaiveDate,
    /// As [`WorkingDayCount::provisional`].
    pub(crate) provisional: bool,
}

impl Calendar {
    /// The Nth working day after `from` (domain.md §1.2).
    ///
    /// [`Convention::EventDayIsDayZero`]: day 1 is the first working day strictly after
    /// `from`. [`Convention::EventDayIsDayOne`]: if `from` is a working day it is day 1
    /// (so the result is one working day earlier), otherwise the same as day zero.
    /// `days == 0` returns `from` itself, for either convention.
    ///
    /// Never panics: at the very end of `NaiveDate`'s range the result saturates.
    pub fn add_working_days(
        &self,
        from: NaiveDate,
        days: u32,
        convention: Convention,
    ) -> WorkingDayCount {
        let mut skipped = Vec::new();
        let end = self.count_forward(from, days, convention, Some(&mut skipped));
        WorkingDayCount {
            from,
            days,
            convention,
            direction: Direction::Forward,
            result: end.result,
            skipped,
            provisional: end.provisional,
        }
    }

    /// [`Calendar::add_working_days`] without listing the days skipped.
    pub(crate) fn add_working_days_end(
        &self,
        from: NaiveDate,
        days: u32,
        convention: Convention,
    ) -> CountEnd {
        self.count_forward(from, days, convention, None)
    }

    fn count_forward(
        &self,
        from: NaiveDate,
        days: u32,
        convention: Convention,
        skipped: Option<&mut Vec<SkippedDay>>,
    ) -> CountEnd {
        if skipped.is_none() {
            if let Some(end) = self.indexed_forward(from, days, convention) {
                return end;
            }
        }
        let mut walker = DayWalker::new(self, from);
        let mut remaining = days;
        if days > 0
            && convention == Convention::EventDayIsDayOne
            && walker.day_kind(from) == DayKind::Working
        {
            remaining -= 1;
        }
        let result = walker.walk(from, remaining, NaiveDate::succ_opt, skipped);
        CountEnd {
            result,
            provisional: walker.provisional,
        }
    }

    /// The Nth working day strictly before `from` ("15 working days before the review"):
    /// the day-zero convention mirrored. `days == 0` returns `from`. `skipped` is still in
    /// ascending date order.
    ///
    /// Never panics: at the very start of `NaiveDate`'s range the result saturates.
    pub fn sub_working_days(&self, from: NaiveDate, days: u32) -> WorkingDayCount {
        let mut skipped = Vec::new();
        let end = self.count_backward(from, days, Some(&mut skipped));
        skipped.reverse();
        WorkingDayCount {
            from,
            days,
            convention: Convention::EventDayIsDayZero,
            direction: Direction::Backward,
            result: end.result,
            skipped,
            provisional: end.provisional,
        }
    }

    /// [`Calendar::sub_working_days`] without listing the days skipped.
    pub(crate) fn sub_working_days_end(&self, from: NaiveDate, days: u32) -> CountEnd {
        self.count_backward(from, days, None)
    }

    fn count_backward(
        &self,
        from: NaiveDate,
        days: u32,
        skipped: Option<&mut Vec<SkippedDay>>,
    ) -> CountEnd {
        if skipped.is_none() {
            if let Some(end) = self.indexed_backward(from, days) {
                return end;
            }
        }
        let mut walker = DayWalker::new(self, from);
        let result = walker.walk(from, days, NaiveDate::pred_opt, skipped);
        CountEnd {
            result,
            provisional: walker.provisional,
        }
    }

    /// [`Calendar::count_forward`] from the working-day index, with no list of days skipped;
    /// `None` when the count leaves the index's span.
    fn indexed_forward(
        &self,
        from: NaiveDate,
        days: u32,
        convention: Convention,
    ) -> Option<CountEnd> {
        // Day one: a working `from` is the first day counted.
        let from_counts = days > 0
            && convention == Convention::EventDayIsDayOne
            && self.index.is_working_day(from)?;
        let remaining = days - u32::from(from_counts);
        let result = self.index.add(from, remaining)?;
        // The walk looks at `from` itself only under day one, then at the days after it.
        let first_looked_at = if days > 0 && convention == Convention::EventDayIsDayOne {
            from
        } else {
            from.succ_opt()?
        };
        Some(CountEnd {
            result,
            provisional: days > 0 && self.index.provisional_between(first_looked_at, result),
        })
    }

    /// [`Calendar::count_backward`] from the working-day index, with no list of days skipped;
    /// `None` when the count leaves the index's span.
    fn indexed_backward(&self, from: NaiveDate, days: u32) -> Option<CountEnd> {
        let result = self.index.sub(from, days)?;
        // The walk looks at the days from the day before `from` back to the result.
        let provisional = days > 0 && self.index.provisional_between(result, from.pred_opt()?);
        Some(CountEnd {
            result,
            provisional,
        })
    }

    /// The DfE "duration": the number of working days `d` with `start < d <= end`
    /// (same day = 0). If `end < start`, minus the number of working days with
    /// `end < d <= start`.
    ///
    /// Read from the working-day index over the loaded years; elsewhere computed
    /// arithmetically (weekdays by formula, minus weekday holidays per year), so its cost
    /// grows with the number of years spanned, not days.
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> i64 {
        if end < start {
            return -self.working_days_between(end, start);
        }
        if let Some(count) = self.index.between(start, end) {
            return count;
        }
        let mut count = weekdays_up_to(end) - weekdays_up_to(start);
        for year in start.year()..=end.year() {
            self.year_holidays(year).for_each_weekday_holiday(|date| {
                if start < date && date <= end {
                    count -= 1;
                }
            });
        }
        count
    }

    /// The last working day on or before `date`: the "plan-by" date shown beside a
    /// month-based due date that falls on a weekend or bank holiday. The statutory due
    /// date itself is never moved (domain.md §1.2).
    pub fn plan_by(&self, date: NaiveDate) -> NaiveDate {
        if let Some(day) = self.index.plan_by(date) {
            return day;
        }
        let mut walker = DayWalker::new(self, date);
        let mut day = date;
        while walker.day_kind(day) != DayKind::Working {
            match day.pred_opt() {
                Some(previous) => day = previous,
                None => break,
            }
        }
        day
    }
}

/// The number of Mondays–Fridays from 0001-01-01 (a Monday) up to and including `date`,
/// extended periodically to earlier dates; only differences are meaningful.
fn weekdays_up_to(date: NaiveDate) -> i64 {
    // 0001-01-01 has num_days_from_ce() == 1, so this is the number of days in
    // [0001-01-01, date] (zero or negative before it).
    let n_days = i64::from(date.num_days_from_ce());
    n_days.div_euclid(7) * 5 + n_days.rem_euclid(7).min(5)
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;

    #[test]
    fn weekday_formula_agrees_with_counting_day_by_day() {
        assert_eq!(
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap().weekday(),
            Weekday::Mon
        );
        for start_year in [-400, 0, 1, 1999, 2024] {
            let start = NaiveDate::from_ymd_opt(start_year, 1, 1).unwrap();
            let mut date = start;
            let mut n_weekdays = 0;
            for _ in 0..800 {
                date = date.succ_opt().unwrap();
                if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                    n_weekdays += 1;
                }
                assert_eq!(
                    weekdays_up_to(date) - weekdays_up_to(start),
                    n_weekdays,
                    "{start}..{date}"
                );
            }
        }
    }

    #[test]
    fn counts_saturate_at_the_ends_of_time() {
        let calendar = Calendar::empty();
        let forward = calendar.add_working_days(NaiveDate::MAX, 3, Convention::EventDayIsDayZero);
        assert_eq!(forward.result, NaiveDate::MAX);
        let backward = calendar.sub_working_days(NaiveDate::MIN, 3);
        assert_eq!(backward.result, NaiveDate::MIN);
        let _ = calendar.plan_by(NaiveDate::MIN);
        let _ = calendar.working_days_between(NaiveDate::MIN, NaiveDate::MAX);
    }
}
