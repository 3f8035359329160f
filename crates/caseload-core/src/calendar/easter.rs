//! Easter Sunday and the England & Wales bank-holiday *algorithm* (domain.md §1.3).
//!
//! This is the fallback for years with no loaded data: everything it produces is
//! [`HolidayOrigin::Computed`] and shown as provisional. It deliberately knows nothing of
//! one-off holidays (jubilees, state funerals, coronations, moved Early May days): those
//! exist only as data, in the bundled table or an imported GOV.UK file.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::holidays::{Holiday, HolidayOrigin};

/// Gregorian Easter Sunday of `year`, by the anonymous Gregorian (Meeus/Jones/Butcher)
/// algorithm exactly as written in domain.md §1.3.
///
/// Always a date between 22 March and 25 April.
///
/// # Panics
///
/// Only if `year` is outside the range `chrono::NaiveDate` can represent (about
/// ±262,000 years); every year of a real `NaiveDate` is fine.
pub fn easter_sunday(year: i32) -> NaiveDate {
    easter_sunday_opt(year).expect("year is within the range of chrono::NaiveDate")
}

/// [`easter_sunday`] without the panic: `None` if the date cannot be represented.
pub(crate) fn easter_sunday_opt(year: i32) -> Option<NaiveDate> {
    // Euclidean division keeps every intermediate in the ranges the algorithm assumes
    // (h in 0..30, l in 0..7), so the result is always 22 March ..= 25 April; for the
    // years people use (positive ones) it is identical to plain integer division.
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Names used for computed (and bundled) holidays, so the two agree.
pub(crate) mod names {
    pub(crate) const NEW_YEAR: &str = "New Year's Day";
    pub(crate) const NEW_YEAR_SUB: &str = "New Year's Day (substitute day)";
    pub(crate) const GOOD_FRIDAY: &str = "Good Friday";
    pub(crate) const EASTER_MONDAY: &str = "Easter Monday";
    pub(crate) const EARLY_MAY: &str = "Early May bank holiday";
    pub(crate) const SPRING: &str = "Spring bank holiday";
    pub(crate) const SUMMER: &str = "Summer bank holiday";
    pub(crate) const CHRISTMAS: &str = "Christmas Day";
    pub(crate) const CHRISTMAS_SUB: &str = "Christmas Day (substitute day)";
    pub(crate) const BOXING: &str = "Boxing Day";
    pub(crate) const BOXING_SUB: &str = "Boxing Day (substitute day)";
}

/// One computed year: always exactly eight weekday holidays, in date order.
pub(crate) type ComputedYear = [(NaiveDate, &'static str); 8];

/// The §1.3 algorithm for one year without allocating; `None` only for years at the
/// edge of `NaiveDate`'s range.
pub(crate) fn computed_year(year: i32) -> Option<ComputedYear> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);

    let jan1 = ymd(1, 1)?;
    let new_year = match jan1.weekday() {
        Weekday::Sat => (ymd(1, 3)?, names::NEW_YEAR_SUB),
        Weekday::Sun => (ymd(1, 2)?, names::NEW_YEAR_SUB),
        _ => (jan1, names::NEW_YEAR),
    };

    let easter = easter_sunday_opt(year)?;
    let good_friday = (easter - Duration::days(2), names::GOOD_FRIDAY);
    let easter_monday = (easter + Duration::days(1), names::EASTER_MONDAY);

    let early_may = (first_monday_on_or_after(ymd(5, 1)?), names::EARLY_MAY);
    let spring = (last_monday_on_or_before(ymd(5, 31)?), names::SPRING);
    let summer = (last_monday_on_or_before(ymd(8, 31)?), names::SUMMER);

    let dec25 = ymd(12, 25)?;
    let [christmas, boxing] = match dec25.weekday() {
        Weekday::Fri => [(dec25, names::CHRISTMAS), (ymd(12, 28)?, names::BOXING_SUB)],
        Weekday::Sat => [
            (ymd(12, 27)?, names::CHRISTMAS_SUB),
            (ymd(12, 28)?, names::BOXING_SUB),
        ],
        // Boxing Day (Mon 26) comes first; Christmas Day moves to Tue 27.
        Weekday::Sun => [
            (ymd(12, 26)?, names::BOXING),
            (ymd(12, 27)?, names::CHRISTMAS_SUB),
        ],
        _ => [(dec25, names::CHRISTMAS), (ymd(12, 26)?, names::BOXING)],
    };

    Some([
        new_year,
        good_friday,
        easter_monday,
        early_may,
        spring,
        summer,
        christmas,
        boxing,
    ])
}

/// The §1.3 algorithm for `year`: eight weekday holidays (substitute days applied), in
/// date order, origin [`HolidayOrigin::Computed`]. No one-off holidays.
///
/// Returns an empty list only for a year outside `chrono::NaiveDate`'s range.
pub fn computed_holidays(year: i32) -> Vec<Holiday> {
    computed_year(year)
        .map(|days| {
            days.iter()
                .map(|&(date, name)| Holiday {
                    date,
                    name: name.to_owned(),
                    origin: HolidayOrigin::Computed,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn first_monday_on_or_after(date: NaiveDate) -> NaiveDate {
    let ahead = (7 - date.weekday().num_days_from_monday()) % 7;
    date + Duration::days(i64::from(ahead))
}

fn last_monday_on_or_before(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_is_always_between_22_march_and_25_april() {
        let earliest = |y| NaiveDate::from_ymd_opt(y, 3, 22).unwrap();
        let latest = |y| NaiveDate::from_ymd_opt(y, 4, 25).unwrap();
        for year in (-3000..=9000).chain([-262_000, 262_000]) {
            let easter = easter_sunday(year);
            assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
            assert!(
                easter >= earliest(year) && easter <= latest(year),
                "{year}: {easter}"
            );
        }
    }

    #[test]
    fn computed_years_are_sorted_weekdays_without_repeats() {
        for year in 1..=3000 {
            let days = computed_year(year).unwrap();
            for pair in days.windows(2) {
                assert!(pair[0].0 < pair[1].0, "{year}: {pair:?}");
            }
            for (date, name) in days {
                assert!(
                    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
                    "{year}: {name} on {date}"
                );
                assert_eq!(date.year(), year);
            }
        }
    }

    #[test]
    fn computed_year_is_none_only_past_the_end_of_naive_date() {
        assert!(computed_year(NaiveDate::MAX.year()).is_some());
        assert!(computed_year(NaiveDate::MAX.year() + 1).is_none());
        assert!(computed_holidays(i32::MAX).is_empty());
        assert!(easter_sunday_opt(i32::MIN).is_none());
    }
}
