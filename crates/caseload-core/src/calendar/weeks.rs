//! Weeks, Monday to Sunday: the week planner's unit.

use chrono::{Datelike, Days, NaiveDate};

/// A week, Monday to Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    monday: NaiveDate,
}

/// The week (Monday to Sunday) a date falls in.
pub fn week_of(date: NaiveDate) -> Week {
    Week {
        monday: date - Days::new(u64::from(date.weekday().num_days_from_monday())),
    }
}

/// The weeks, Monday to Sunday, that hold a day of the month `any_day` is in: a month's page
/// of a calendar, four to six rows.
pub fn weeks_of_month(any_day: NaiveDate) -> Vec<Week> {
    let first = any_day.with_day(1).unwrap_or(any_day);
    let mut weeks = vec![week_of(first)];
    loop {
        let next = weeks[weeks.len() - 1].next();
        if next.monday().month() != first.month() {
            return weeks;
        }
        weeks.push(next);
    }
}

impl Week {
    /// Its Monday.
    pub fn monday(self) -> NaiveDate {
        self.monday
    }

    /// Its Sunday.
    pub fn sunday(self) -> NaiveDate {
        self.monday + Days::new(6)
    }

    /// Its seven days, Monday first.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        (0..7).map(move |i| self.monday + Days::new(i))
    }

    /// Which day of the week `date` is (0 = Monday), if it falls in this week.
    pub fn day_index(self, date: NaiveDate) -> Option<usize> {
        let offset = (date - self.monday).num_days();
        (0..7).contains(&offset).then_some(offset as usize)
    }

    /// The week before.
    pub fn previous(self) -> Week {
        Week {
            monday: self.monday - Days::new(7),
        }
    }

    /// The week after.
    pub fn next(self) -> Week {
        Week {
            monday: self.monday + Days::new(7),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_months_page_runs_from_the_week_of_the_1st_to_the_week_of_the_last_day() {
        // November 2026: Sunday 1st to Monday 30th, six rows.
        let weeks = weeks_of_month(d("2026-11-17"));
        assert_eq!(weeks.first().map(|w| w.monday()), Some(d("2026-10-26")));
        assert_eq!(weeks.last().map(|w| w.sunday()), Some(d("2026-12-06")));
        assert_eq!(weeks.len(), 6);
        // February 2027 starts on a Monday and ends on a Sunday: four rows.
        let weeks = weeks_of_month(d("2027-02-28"));
        assert_eq!(weeks.len(), 4);
        assert_eq!(weeks[0].monday(), d("2027-02-01"));
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_week_runs_from_the_monday_on_or_before_a_date_to_the_sunday_after() {
        for day in ["2026-11-23", "2026-11-25", "2026-11-29"] {
            let week = week_of(d(day));
            assert_eq!(week.monday(), d("2026-11-23"));
            assert_eq!(week.sunday(), d("2026-11-29"));
        }
        assert_eq!(week_of(d("2026-11-30")).monday(), d("2026-11-30"));
        // Across a year's end.
        assert_eq!(week_of(d("2027-01-01")).monday(), d("2026-12-28"));
    }

    #[test]
    fn days_and_their_places_in_the_week() {
        let week = week_of(d("2026-12-03"));
        let days: Vec<NaiveDate> = week.days().collect();
        assert_eq!(days.len(), 7);
        assert_eq!(days[0], d("2026-11-30"));
        assert_eq!(days[6], d("2026-12-06"));
        for (i, day) in days.iter().enumerate() {
            assert_eq!(week.day_index(*day), Some(i));
        }
        assert_eq!(week.day_index(d("2026-11-29")), None);
        assert_eq!(week.day_index(d("2026-12-07")), None);
    }

    #[test]
    fn the_weeks_before_and_after() {
        let week = week_of(d("2026-12-03"));
        assert_eq!(week.previous().monday(), d("2026-11-23"));
        assert_eq!(week.next().monday(), d("2026-12-07"));
        assert_eq!(week.next().previous(), week);
    }
}
