//! Small wordings shared by the pack, the record and the letter: legal statuses, a length of
//! time in years and months, yes or no. Not dates: those are the core's `uk_date`.

use caseload_core::calendar::{elapsed, Elapsed};
use caseload_core::domain::LegalStatus;
use chrono::NaiveDate;

/// A legal status in words, as the desktop shows it.
pub(crate) fn legal_status_label(status: LegalStatus) -> &'static str {
    match status {
        LegalStatus::C1 => "C1 — Interim care order",
        LegalStatus::C2 => "C2 — Full care order",
        LegalStatus::D1 => "D1 — Freeing order granted",
        LegalStatus::E1 => "E1 — Placement order granted",
        LegalStatus::J1 => "J1 — Remanded to LA or youth detention accommodation",
        LegalStatus::J2 => "J2 — Placed in LA accommodation under PACE",
        LegalStatus::J3 => "J3 — Sentenced to a supervision order with residence requirement",
        LegalStatus::L1 => "L1 — Police protection, in LA accommodation",
        LegalStatus::L2 => "L2 — Emergency protection order",
        LegalStatus::L3 => "L3 — Child assessment order, in LA accommodation",
        LegalStatus::V2 => "V2 — Single period of accommodation under s20",
        LegalStatus::V3 => "V3 — Short breaks, individual episodes recorded",
        LegalStatus::V4 => "V4 — Short breaks, agreements recorded",
    }
}

/// "2 years 3 months", "5 months", "3 weeks", "4 days".
pub(crate) fn length_of_time(from: NaiveDate, to: NaiveDate) -> String {
    let Elapsed { months, days } = elapsed(from, to);
    let (years, rest) = (months / 12, months % 12);
    let plural = |n: u32, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match (years, rest) {
        (0, 0) => {
            if days >= 7 {
                plural(days / 7, "week")
            } else {
                plural(days, "day")
            }
        }
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} {}", plural(y, "year"), plural(m, "month")),
    }
}

/// Yes, no, or not recorded.
pub(crate) fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "Not recorded",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn lengths_of_time_read_as_an_iro_says_them() {
        assert_eq!(
            length_of_time(d("2024-08-31"), d("2026-11-30")),
            "2 years 3 months"
        );
        assert_eq!(
            length_of_time(d("2024-08-31"), d("2026-11-29")),
            "2 years 2 months"
        );
        assert_eq!(length_of_time(d("2026-01-31"), d("2026-02-28")), "1 month");
        assert_eq!(length_of_time(d("2026-01-31"), d("2026-02-27")), "3 weeks");
        assert_eq!(length_of_time(d("2025-11-23"), d("2026-11-23")), "1 year");
        assert_eq!(length_of_time(d("2026-11-20"), d("2026-11-23")), "3 days");
        assert_eq!(length_of_time(d("2026-11-23"), d("2026-11-23")), "0 days");
    }
}
