//! The plain rendering of values: kept as numerator and denominator, a zero denominator is a
//! dash, never NaN.

use caseload_core::report::{PeriodKind, ReportPeriod, Value};

#[test]
fn percentages_keep_numerator_and_denominator_and_round_half_up() {
    let v = Value::Percent {
        numerator: 12,
        denominator: 15,
    };
    assert_eq!(v.text(), "12 of 15 (80%)");
    assert_eq!(v.number(), Some(0.8));
    // 1 of 8 is 12.5%: rounded half up to 13%.
    let v = Value::Percent {
        numerator: 1,
        denominator: 8,
    };
    assert_eq!(v.percent(), Some(13));
    let none = Value::Percent {
        numerator: 0,
        denominator: 0,
    };
    assert_eq!(none.text(), "—");
    assert_eq!(none.number(), None);
    assert_eq!(none.percent(), None);
}

#[test]
fn means_show_one_decimal_and_nothing_is_a_dash() {
    // 18 children over 12 month ends: 1.5.
    assert_eq!(Value::Mean { total: 18, n: 12 }.text(), "1.5 (mean of 12)");
    // 7 / 3 = 2.33…: 2.3.
    assert_eq!(Value::Mean { total: 7, n: 3 }.text(), "2.3 (mean of 3)");
    assert_eq!(Value::Mean { total: 0, n: 0 }.text(), "—");
    assert_eq!(Value::Count { n: 0 }.text(), "0");
}

#[test]
fn the_reporting_year_runs_from_1_april_to_31_march() {
    let y = ReportPeriod::reporting_year(2025).unwrap();
    assert_eq!(y.starts_on.to_string(), "2025-04-01");
    assert_eq!(y.ends_on.to_string(), "2026-03-31");
    assert_eq!(y.label, "2025–26");
    assert_eq!(y.kind, PeriodKind::Year);
    let month_ends: Vec<String> = y.month_ends().iter().map(|d| d.to_string()).collect();
    assert_eq!(month_ends.len(), 12);
    assert_eq!(month_ends[0], "2025-04-30");
    assert_eq!(month_ends[10], "2026-02-28");
    assert_eq!(month_ends[11], "2026-03-31");
    let containing = |on: &str| ReportPeriod::year_containing(on.parse().unwrap()).unwrap();
    assert_eq!(containing("2026-03-31"), y);
    assert_eq!(
        containing("2026-04-01"),
        ReportPeriod::reporting_year(2026).unwrap()
    );
}
