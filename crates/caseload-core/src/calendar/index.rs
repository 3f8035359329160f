//! The working-day index: over the span of years a calendar has loaded, how many working days
//! come before each day, and the working days in order, built once when the calendar is.
//! Adding N working days, counting back, counting between two dates, plan-by and "is this a
//! working day" then read the two tables (a count, and the day a count reaches) instead of
//! classifying the days one by one.
//!
//! What it deliberately does not do: list the days a count skipped (an explanation walks the
//! days, naming each one), or answer for a day outside its span (the callers walk there).

use chrono::{Datelike, NaiveDate};

use super::holidays::{DayKind, YearHolidays};

/// Working days before each day of a span of whole years.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct WorkingDayIndex {
    /// 1 January of the first year.
    first: NaiveDate,
    /// `first`'s day number from the common era (what a day's position is counted from).
    first_ce: i32,
    /// `before[i]`: the working days in `[first, first + i)`, for `i` in `0..=n_days`.
    before: Vec<u32>,
    /// The working days of the span in order: the `n`th is `working[n - 1]`.
    working: Vec<NaiveDate>,
    /// The first and last years of the span, if it has any.
    years: Option<(i32, i32)>,
    /// The years of the span with no loaded data (their holidays computed): a count across one
    /// is provisional.
    provisional_years: Vec<i32>,
}

impl std::fmt::Debug for WorkingDayIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkingDayIndex")
            .field("first", &self.first)
            .field("n_days", &self.n_days())
            .field("provisional_years", &self.provisional_years)
            .finish()
    }
}

impl WorkingDayIndex {
    /// The index of the years `years` (ascending, each with its holidays); empty when there
    /// are none.
    pub(crate) fn new<'a>(years: impl Iterator<Item = (i32, YearHolidays<'a>)>) -> Self {
        let mut index = WorkingDayIndex {
            first: NaiveDate::MIN,
            first_ce: NaiveDate::MIN.num_days_from_ce(),
            before: vec![0],
            working: Vec::new(),
            years: None,
            provisional_years: Vec::new(),
        };
        let mut total = 0;
        for (year, holidays) in years {
            let Some(jan_1) = NaiveDate::from_ymd_opt(year, 1, 1) else {
                continue;
            };
            if index.before.len() == 1 {
                index.first = jan_1;
                index.first_ce = jan_1.num_days_from_ce();
            }
            index.years = Some((index.years.map_or(year, |(first, _)| first), year));
            if holidays.is_provisional() {
                index.provisional_years.push(year);
            }
            for day in jan_1.iter_days().take_while(|d| d.year() == year) {
                if holidays.day_kind(day) == DayKind::Working {
                    total += 1;
                    index.working.push(day);
                }
                index.before.push(total);
            }
        }
        index
    }

    fn n_days(&self) -> usize {
        self.before.len() - 1
    }

    /// The position of `date` in the span, if it lies in it.
    fn position(&self, date: NaiveDate) -> Option<usize> {
        let offset = usize::try_from(date.num_days_from_ce() - self.first_ce).ok()?;
        (offset < self.n_days()).then_some(offset)
    }

    /// The working days on or before `date` within the span.
    fn up_to(&self, position: usize) -> u32 {
        self.before[position + 1]
    }

    /// The `n`th working day of the span (1 = its first), if it has that many.
    fn nth(&self, n: u32) -> Option<NaiveDate> {
        self.working
            .get(usize::try_from(n).ok()?.checked_sub(1)?)
            .copied()
    }

    /// True unless `date` is a weekend day or a holiday; `None` outside the span.
    pub(crate) fn is_working_day(&self, date: NaiveDate) -> Option<bool> {
        let at = self.position(date)?;
        Some(self.before[at + 1] > self.before[at])
    }

    /// The `days`th working day strictly after `from`; `None` when it, or `from`, lies outside
    /// the span.
    pub(crate) fn add(&self, from: NaiveDate, days: u32) -> Option<NaiveDate> {
        let at = self.position(from)?;
        if days == 0 {
            return Some(from);
        }
        self.nth(self.up_to(at).checked_add(days)?)
    }

    /// The `days`th working day strictly before `from`; `None` when it, or `from`, lies outside
    /// the span.
    pub(crate) fn sub(&self, from: NaiveDate, days: u32) -> Option<NaiveDate> {
        let at = self.position(from)?;
        if days == 0 {
            return Some(from);
        }
        // Working days strictly before `from`: the last of them is the first counted back.
        let before = self.before[at];
        self.nth((before + 1).checked_sub(days)?)
    }

    /// The last working day on or before `date`; `None` when the span has none up to it, or
    /// `date` lies outside it.
    pub(crate) fn plan_by(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.nth(self.up_to(self.position(date)?))
    }

    /// The working days `d` with `start < d <= end` (`start <= end`); `None` when either lies
    /// outside the span.
    pub(crate) fn between(&self, start: NaiveDate, end: NaiveDate) -> Option<i64> {
        let (from, to) = (self.position(start)?, self.position(end)?);
        Some(i64::from(self.up_to(to)) - i64::from(self.up_to(from)))
    }

    /// Whether `year` has loaded data; `None` outside the span.
    pub(crate) fn is_loaded_year(&self, year: i32) -> Option<bool> {
        let (first, last) = self.years?;
        (first <= year && year <= last).then(|| !self.provisional_years.contains(&year))
    }

    /// True if a count that looked at the days from `low` to `high` crossed a year with no
    /// loaded data.
    pub(crate) fn provisional_between(&self, low: NaiveDate, high: NaiveDate) -> bool {
        self.provisional_years
            .iter()
            .any(|&year| low.year() <= year && year <= high.year())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Days, NaiveDate};
    use proptest::prelude::*;

    use super::super::holidays::DayKind;
    use super::super::{Calendar, Convention};

    /// Whether a day is a working day, asked of its year's holidays (what the walk asks).
    fn walked_is_working(calendar: &Calendar, day: NaiveDate) -> bool {
        calendar.year_holidays(day.year()).day_kind(day) == DayKind::Working
    }

    /// Calendars whose index spans the bundled years, imported years beyond them, and a gap
    /// of computed years between.
    fn calendar() -> impl Strategy<Value = Calendar> {
        let imported = (
            prop::sample::select(vec![2024, 2029, 2031]),
            prop::collection::vec(0u64..365, 0..12),
        )
            .prop_map(|(year, offsets)| {
                let jan_1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
                let days = offsets
                    .into_iter()
                    .map(move |offset| jan_1 + Days::new(offset));
                Calendar::bundled().with_imported(days.map(|d| (d, "Imported day".to_string())))
            });
        prop_oneof![Just(Calendar::bundled()), Just(Calendar::empty()), imported]
    }

    /// Any day from 2013 to 2034: inside the index's span and either side of it.
    fn date() -> impl Strategy<Value = NaiveDate> {
        let first = NaiveDate::from_ymd_opt(2013, 1, 1).unwrap();
        (0u64..8035).prop_map(move |offset| first + Days::new(offset))
    }

    fn convention() -> impl Strategy<Value = Convention> {
        prop_oneof![
            Just(Convention::EventDayIsDayZero),
            Just(Convention::EventDayIsDayOne)
        ]
    }

    proptest! {
        #[test]
        fn the_index_agrees_with_the_day_by_day_walk(
            calendar in calendar(), from in date(), days in 0u32..400,
            convention in convention(), span in 0u64..500,
        ) {
            // Counting without the days skipped reads the index; listing them walks.
            let walked = calendar.add_working_days(from, days, convention);
            let indexed = calendar.add_working_days_end(from, days, convention);
            prop_assert_eq!((indexed.result, indexed.provisional), (walked.result, walked.provisional));
            let walked = calendar.sub_working_days(from, days);
            let indexed = calendar.sub_working_days_end(from, days);
            prop_assert_eq!((indexed.result, indexed.provisional), (walked.result, walked.provisional));

            prop_assert_eq!(calendar.is_working_day(from), walked_is_working(&calendar, from));
            prop_assert_eq!(
                calendar.is_provisional_year(from.year()),
                !calendar.loaded_years().contains(&from.year())
            );
            let mut plan_by = from;
            while !walked_is_working(&calendar, plan_by) {
                plan_by = plan_by.pred_opt().unwrap();
            }
            prop_assert_eq!(calendar.plan_by(from), plan_by);
            let end = from + Days::new(span);
            let counted = from.iter_days().skip(1).take_while(|d| *d <= end)
                .filter(|d| walked_is_working(&calendar, *d)).count() as i64;
            prop_assert_eq!(calendar.working_days_between(from, end), counted);
            prop_assert_eq!(calendar.working_days_between(end, from), -counted);
        }
    }

    #[test]
    fn a_gap_between_loaded_years_is_indexed_as_computed_and_provisional() {
        let jan_2 = NaiveDate::from_ymd_opt(2031, 1, 2).unwrap();
        let calendar = Calendar::bundled().with_imported([(jan_2, "Imported day".to_string())]);
        assert_eq!(calendar.index.provisional_years, [2029, 2030]);
        // Wed 20 Dec 2028 + 10: past Christmas, Boxing Day and the computed New Year's Day
        // (Mon 1 Jan 2029), to Mon 8 Jan 2029.
        let from = NaiveDate::from_ymd_opt(2028, 12, 20).unwrap();
        let count = calendar.add_working_days_end(from, 10, Convention::EventDayIsDayZero);
        assert!(count.provisional);
        assert_eq!(count.result, NaiveDate::from_ymd_opt(2029, 1, 8).unwrap());
        assert!(!calendar.is_working_day(jan_2));
        assert_eq!(
            calendar.index.first,
            NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()
        );
    }
}
