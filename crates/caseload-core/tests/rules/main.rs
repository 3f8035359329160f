//! Rule-level tests: the due-date vectors of tests/data/due_dates.toml through the calculator,
//! and the explanation text pinned for the worked examples.

use caseload_core::calendar::{Calendar, Convention};
use caseload_core::rules::{compute_due, BaseEvent, Due, RuleId, RuleOverride, Rules};
use chrono::NaiveDate;
use expect_test::{expect, Expect};
use serde::Deserialize;

#[path = "../common/mod.rs"]
mod common;
use common::d;

#[derive(Deserialize)]
struct Vectors {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    rule: String,
    from: NaiveDate,
    due: NaiveDate,
    due_day_one: NaiveDate,
    plan_by: Option<NaiveDate>,
    #[serde(default)]
    provisional: bool,
}

fn vectors() -> Vec<Case> {
    let text = include_str!("../../../../tests/data/due_dates.toml");
    toml::from_str::<Vectors>(text)
        .expect("due_dates.toml parses")
        .case
}

fn compute(rule: RuleId, from: NaiveDate, convention: Convention) -> Due {
    compute_due(
        rule,
        BaseEvent::new("the event", from),
        &Rules::defaults(),
        &Calendar::bundled(),
        convention,
    )
    .unwrap()
}

#[test]
fn every_vector_in_both_conventions() {
    let cases = vectors();
    assert!(cases.len() >= 20);
    for case in cases {
        let rule: RuleId = case.rule.parse().unwrap();
        let zero = compute(rule, case.from, Convention::EventDayIsDayZero);
        assert_eq!(zero.due, case.due, "{}: due", case.id);
        assert_eq!(
            zero.plan_by,
            case.plan_by.unwrap_or(case.due),
            "{}: plan_by",
            case.id
        );
        assert_eq!(
            zero.provisional, case.provisional,
            "{}: provisional",
            case.id
        );
        let one = compute(rule, case.from, Convention::EventDayIsDayOne);
        assert_eq!(
            one.due, case.due_day_one,
            "{}: due (event day is day 1)",
            case.id
        );
    }
}

#[test]
fn every_date_rule_in_the_catalogue_has_a_vector() {
    let covered: Vec<String> = vectors().into_iter().map(|c| c.rule).collect();
    for rule in [
        "lac-first-review",
        "lac-second-review",
        "lac-subsequent-review",
        "short-break-first-review",
        "icpc",
        "cp-first-review",
        "cp-subsequent-review",
        "core-group",
        "transfer-in-conference",
        "pre-birth-conference",
        "iro-appointment",
        "review-decisions",
        "review-record",
        "drp-stage-response",
        "drp-formal-total",
        "macp-step-response",
        "dispute-inactivity",
    ] {
        assert!(covered.iter().any(|c| c == rule), "no vector for {rule}");
    }
}

fn check_explanation(rule: RuleId, from: &str, expect: Expect) {
    let due = compute(rule, d(from), Convention::EventDayIsDayZero);
    expect.assert_eq(&due.explanation.text.join("\n"));
}

#[test]
fn explanation_of_tv1_names_every_bank_holiday_skipped() {
    check_explanation(
        RuleId::LacFirstReview,
        "2026-12-18",
        expect![[r#"
            First LAC review due Wed 20 Jan 2027: 20 working days after the event (Fri 18 Dec 2026).
            Rule lac-first-review (L2): Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(1).
            Counting: Fri 18 Dec 2026 is day 0; day 1 is the first working day after it.
            Skipped 10 weekend days and bank holidays: Fri 25 Dec 2026 (Christmas Day), Mon 28 Dec 2026 (Boxing Day (substitute day)), Fri 1 Jan 2027 (New Year's Day)."#]],
    );
}

#[test]
fn explanation_of_tv3_shows_clamping_and_plan_by() {
    check_explanation(
        RuleId::LacSecondReview,
        "2025-11-30",
        expect![[r#"
            Second LAC review due Sat 28 Feb 2026: 3 months after the event (Sun 30 Nov 2025).
            Rule lac-second-review (L3): Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(2).
            February 2026 has no day 30, so the period ends on its last day (corresponding-date rule).
            Sat 28 Feb 2026 is not a working day: the due date is not moved, so plan by Fri 27 Feb 2026."#]],
    );
}

#[test]
fn explanation_says_when_the_calendar_is_provisional() {
    let due = compute(
        RuleId::LacFirstReview,
        d("2028-12-20"),
        Convention::EventDayIsDayZero,
    );
    assert!(due.provisional);
    assert_eq!(due.explanation.provisional_years, vec![2029]);
    let text = due.explanation.text.join("\n");
    assert!(text.contains("(New Year's Day, provisional)"), "{text}");
    assert!(
        text.contains("Provisional: no bank-holiday data is loaded for 2029"),
        "{text}"
    );
}

#[test]
fn local_override_changes_the_date_and_the_explanation_keeps_the_default() {
    let rules = Rules::with_overrides([RuleOverride {
        rule: RuleId::ReviewDecisions,
        value: 10,
        note: None,
    }]);
    let due = compute_due(
        RuleId::ReviewDecisions,
        BaseEvent::new("the review was held", d("2026-05-21")),
        &rules,
        &Calendar::bundled(),
        Convention::EventDayIsDayZero,
    )
    .unwrap();
    // 22 (1), 25 May bank holiday, 26–29 (2–5), 1–5 Jun (6–10).
    assert_eq!(due.due, NaiveDate::from_ymd_opt(2026, 6, 5).unwrap());
    assert!(due.explanation.text[1].contains("Local setting: 10 working days (the default is 5)"));
}

#[test]
fn caseload_band_is_not_a_date_rule() {
    let err = compute_due(
        RuleId::CaseloadBand,
        BaseEvent::new("x", d("2026-01-01")),
        &Rules::defaults(),
        &Calendar::bundled(),
        Convention::EventDayIsDayZero,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "rule 'caseload-band' is not a date rule");
}
