//! The participation codes (PN0–PN7) that fit a child's age on a review's date, and the one to
//! suggest.
//!
//! Not here: whether a recorded code fits (`outcome`), or the warning about one (`warnings`).

use crate::domain::{ChildDetails, Participation};
use chrono::NaiveDate;

/// The participation codes that fit the child's age on the review date (domain.md §4.1):
/// under 4 → PN0 only; over 4 → PN1–PN7; on the 4th birthday itself, all of them.
pub fn allowed_participation(details: &ChildDetails, review_on: NaiveDate) -> Vec<Participation> {
    allowed_participation_born(details.born_on, review_on)
}

/// [`allowed_participation`] from the date of birth alone (a child not yet in the store).
pub fn allowed_participation_born(
    born_on: Option<NaiveDate>,
    review_on: NaiveDate,
) -> Vec<Participation> {
    let fourth = fourth_birthday(born_on);
    Participation::ALL
        .into_iter()
        .filter(|&p| fits_age(fourth, review_on, p))
        .collect()
}

/// True when `code` is one of [`allowed_participation_born`]'s, given the 4th birthday (None:
/// no date of birth, every code fits), without listing them.
pub(crate) fn fits_age(
    fourth: Option<NaiveDate>,
    review_on: NaiveDate,
    code: Participation,
) -> bool {
    match fourth {
        None => true,
        Some(fourth) if review_on < fourth => code == Participation::Pn0,
        Some(fourth) if review_on > fourth => code != Participation::Pn0,
        Some(_) => true,
    }
}

/// The participation code for how the child's views reached a review held on `on`: PN0 under
/// 4 (the age rule), otherwise the code that way of taking part describes.
pub fn participation_from_views(
    details: &ChildDetails,
    on: NaiveDate,
    views: crate::domain::ViewsConveyed,
) -> Participation {
    suggested_participation(details, on).unwrap_or(views.code())
}

/// The code to suggest: PN0 if and only if the review is before the 4th birthday.
pub fn suggested_participation(
    details: &ChildDetails,
    review_on: NaiveDate,
) -> Option<Participation> {
    suggested_participation_born(details.born_on, review_on)
}

/// [`suggested_participation`] from the date of birth alone.
pub fn suggested_participation_born(
    born_on: Option<NaiveDate>,
    review_on: NaiveDate,
) -> Option<Participation> {
    let fourth = fourth_birthday(born_on)?;
    (review_on < fourth).then_some(Participation::Pn0)
}

/// The child's 4th birthday, from which PN1–PN7 apply (PN0 before it; both on the day).
pub fn fourth_birthday(born_on: Option<NaiveDate>) -> Option<NaiveDate> {
    born_on.and_then(|b| b.checked_add_months(chrono::Months::new(48)))
}
