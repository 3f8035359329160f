//! Looked-after children: counts at the year's edges, review timeliness along the chain,
//! participation at the 4th birthday, advocacy and the child seen.

use super::*;
use caseload_core::domain::Regime;
use caseload_core::report::{ChartShape, ShortBreaks};
use expect_test::expect;

/// A: 1 Apr 2025 – 31 Mar 2026 (exactly the year 2025–26).
/// B: 1 Apr 2024 – 31 Mar 2025 (exactly the year 2024–25).
/// C: from 31 Mar 2026, open.
/// D: 1 Jan 2023 – 1 Apr 2025 (one day into 2025–26).
fn edges() -> Caseload {
    caseload(vec![
        Kid::new(1, Some("2015-01-01")).care("2025-04-01", Some("2026-03-31")),
        Kid::new(2, Some("2015-01-01")).care("2024-04-01", Some("2025-03-31")),
        Kid::new(3, Some("2015-01-01")).care("2026-03-31", None),
        Kid::new(4, Some("2015-01-01")).care("2023-01-01", Some("2025-04-01")),
    ])
}

#[test]
fn periods_starting_or_ending_on_1_april_and_31_march_by_default() {
    let r = report(&edges(), 2025);
    // During 2025–26: A, C (starts on its last day) and D (ends on its first day); B ended the
    // day before. During 2024–25: B, and D (open all year).
    assert_eq!(fig(&r, "lac.children_during_year"), (n(3), n(2)));
    // At 31 Mar 2026: C only (A ended on 31 March: not open, by default).
    // At 31 Mar 2025: D only (ended 1 April, after it); B ended on 31 March.
    assert_eq!(fig(&r, "lac.children_at_31_march"), (n(1), n(1)));
    // Started in 2025–26: A (1 Apr) and C (31 Mar); in 2024–25: B (1 Apr).
    assert_eq!(fig(&r, "lac.became_looked_after"), (n(2), n(1)));
    assert!(r
        .figure("lac.children_at_31_march")
        .unwrap()
        .definition
        .contains("(one that ended on that day does not count)"));
}

#[test]
fn a_period_ending_on_31_march_counts_at_31_march_when_chosen() {
    let options = ReportOptions {
        ended_on_31_march_counts: true,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(
        &edges(),
        2025,
        &options,
        &Rules::defaults(),
        &IroFilter::All,
    );
    // At 31 Mar 2026: A (ended that day) and C. At 31 Mar 2025: B (ended that day) and D.
    assert_eq!(fig(&r, "lac.children_at_31_march"), (n(2), n(2)));
    // "During the year" does not depend on the option.
    assert_eq!(fig(&r, "lac.children_during_year"), (n(3), n(2)));
    assert!(r
        .choices
        .iter()
        .any(|c| c.contains("(31 March for a reporting year) counts as open on it")));
}

/// Looked after from Mon 6 Jan 2025 (TV20): first review due Mon 3 Feb 2025 (20 working
/// days), held Wed 29 Jan 2025; second due Tue 29 Apr 2025 (3 months after 29 Jan), held Fri
/// 25 Apr; third due Sat 25 Oct 2025 (6 months after 25 Apr), held Mon 27 Oct: late; fourth
/// due Mon 27 Apr 2026 (6 months after 27 Oct), held Mon 2 Mar 2026. A cancelled booking on
/// 20 Oct 2025 is not a review.
fn chain() -> Caseload {
    caseload(vec![Kid::new(1, Some("2012-05-05"))
        .care("2025-01-06", None)
        .review("2025-01-29", Some(Participation::Pn1))
        .review("2025-04-25", Some(Participation::Pn1))
        .meeting(
            MeetingKind::LacReview,
            MeetingStatus::Cancelled,
            "2025-10-20",
        )
        .review("2025-10-27", Some(Participation::Pn1))
        .review("2026-03-02", Some(Participation::Pn1))])
}

#[test]
fn reviews_are_timed_along_the_chain_of_held_dates() {
    let r = report(&chain(), 2025);
    // 2025–26: 25 Apr (on time), 27 Oct (late), 2 Mar (on time). 2024–25: 29 Jan (on time).
    assert_eq!(fig(&r, "lac.reviews_held"), (n(3), n(1)));
    assert_eq!(fig(&r, "lac.reviews_in_timescale"), (pct(2, 3), pct(1, 1)));
    assert_eq!(
        fig(&r, "lac.first_reviews_in_timescale"),
        (pct(0, 0), pct(1, 1))
    );
    assert_eq!(
        fig(&r, "lac.second_reviews_in_timescale"),
        (pct(1, 1), pct(0, 0))
    );
    assert_eq!(
        fig(&r, "lac.subsequent_reviews_in_timescale"),
        (pct(1, 2), pct(0, 0))
    );
    // No first review this year: a zero denominator, shown as a dash.
    assert_eq!(
        r.figure("lac.first_reviews_in_timescale")
            .unwrap()
            .this_period
            .text(),
        "—"
    );
    assert_eq!(
        r.figure("lac.reviews_in_timescale")
            .unwrap()
            .this_period
            .text(),
        "2 of 3 (67%)"
    );
}

#[test]
fn timeliness_by_month_puts_each_review_in_the_month_it_was_held() {
    let r = report(&chain(), 2025);
    let chart = r.chart("lac.timeliness_by_month").unwrap();
    assert_eq!(chart.shape, ChartShape::ByMonth);
    let labels: Vec<&str> = chart.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    );
    let this: Vec<Value> = chart.points.iter().map(|p| p.this_period).collect();
    let last: Vec<Value> = chart.points.iter().map(|p| p.previous_period).collect();
    let mut want_this = vec![pct(0, 0); 12];
    want_this[0] = pct(1, 1); // April 2025
    want_this[6] = pct(0, 1); // October 2025: late
    want_this[11] = pct(1, 1); // March 2026
    let mut want_last = vec![pct(0, 0); 12];
    want_last[9] = pct(1, 1); // January 2025
    assert_eq!(this, want_this);
    assert_eq!(last, want_last);
}

#[test]
fn a_local_override_changes_which_reviews_were_on_time() {
    // With the first review allowed 15 working days instead of 20, 29 Jan 2025 is late:
    // 15 working days after Mon 6 Jan 2025 is Mon 27 Jan.
    let rules = Rules::with_overrides([caseload_core::rules::RuleOverride {
        rule: caseload_core::rules::RuleId::LacFirstReview,
        value: 15,
        note: None,
    }]);
    let r = report_with(
        &chain(),
        2025,
        &ReportOptions::DEFAULTS,
        &rules,
        &IroFilter::All,
    );
    assert_eq!(
        fig(&r, "lac.first_reviews_in_timescale"),
        (pct(0, 0), pct(0, 1))
    );
    assert!(r
        .figure("lac.reviews_in_timescale")
        .unwrap()
        .definition
        .contains("within 15 working days"));
}

#[test]
fn short_break_reviews_follow_their_own_first_review_rule() {
    // Short breaks from Mon 2 Jun 2025: first review due 2 Sep 2025 (3 months), held 1 Sep:
    // a first review on time. Second held 3 Mar 2026, due 1 Mar 2026 (6 months): late, and a
    // "subsequent" review (short breaks have no 3-month second review).
    // Counted in the headline when the report includes short breaks.
    let included = ReportOptions {
        short_breaks: ShortBreaks::Included,
        ..ReportOptions::DEFAULTS
    };
    let c = caseload(vec![Kid::new(1, Some("2012-05-05"))
        .period("2025-06-02", None, Regime::ShortBreaks)
        .review("2025-09-01", Some(Participation::Pn1))
        .review("2026-03-03", Some(Participation::Pn1))]);
    let r = report_with(&c, 2025, &included, &Rules::defaults(), &IroFilter::All);
    assert_eq!(fig(&r, "lac.first_reviews_in_timescale").0, pct(1, 1));
    assert_eq!(fig(&r, "lac.second_reviews_in_timescale").0, pct(0, 0));
    assert_eq!(fig(&r, "lac.subsequent_reviews_in_timescale").0, pct(0, 1));
    assert_eq!(
        fig(&r, "lac.short_breaks.reviews_in_timescale").0,
        pct(1, 2)
    );
}

/// 1. Short breaks from Mon 2 Jun 2025, open, reviews held 1 Sep 2025 (on time) and 3 Mar 2026
///    (late).
/// 2. Short breaks from 1 Jan 2024 to 30 Sep 2025, then full-time care from 1 Oct 2025.
/// 3. Full-time care from 1 Jan 2024, reviews held 20 Jan, 19 Apr and 18 Oct 2024 and 17 Apr
///    2025, each on or before its due date.
fn short_breaks() -> Caseload {
    caseload(vec![
        Kid::new(1, Some("2012-05-05"))
            .period("2025-06-02", None, Regime::ShortBreaks)
            .review("2025-09-01", Some(Participation::Pn1))
            .review("2026-03-03", Some(Participation::Pn1)),
        Kid::new(2, Some("2012-05-05"))
            .period("2024-01-01", Some("2025-09-30"), Regime::ShortBreaks)
            .care("2025-10-01", None),
        Kid::new(3, Some("2012-05-05"))
            .care("2024-01-01", None)
            .review("2024-01-20", Some(Participation::Pn1))
            .review("2024-04-19", Some(Participation::Pn1))
            .review("2024-10-18", Some(Participation::Pn1))
            .review("2025-04-17", Some(Participation::Pn1)),
    ])
}

#[test]
fn short_break_children_are_apart_from_the_headline_by_default() {
    let r = report(&short_breaks(), 2025);
    // Headline 2025–26: children 2 (full care from October) and 3; at 31 March the same two;
    // child 2's full-time period started in the year. Reviews: child 3's of 17 Apr 2025 only.
    // 2024–25: child 3 (child 2 was on short breaks only). Apart: child 1 in 2025–26, child 2
    // in 2024–25; child 1's two reviews, one on time.
    expect![[r#"
        lac.children_during_year: 2 | 1
        lac.children_at_31_march: 2 | 1
        lac.became_looked_after: 1 | 0
        lac.reviews_held: 1 | 2
        lac.reviews_in_timescale: 1 of 1 (100%) | 2 of 2 (100%)
    "#]]
    .assert_eq(
        &["lac.children", "lac.became", "lac.reviews_"]
            .iter()
            .map(|p| figures(&r, p))
            .collect::<String>(),
    );
    expect![[r#"
        lac.short_breaks.children_during_year: 1 | 1
        lac.short_breaks.children_at_31_march: 1 | 1
        lac.short_breaks.reviews_held: 2 | 0
        lac.short_breaks.reviews_in_timescale: 1 of 2 (50%) | —
    "#]]
    .assert_eq(&figures(&r, "lac.short_breaks."));
    assert!(r
        .choices
        .iter()
        .any(|c| c.contains("left out of the looked-after headline")));
    assert!(r
        .figure("lac.children_during_year")
        .unwrap()
        .definition
        .contains("full-time care (not a series of short breaks)"));

    // Included: the headline counts child 1 too; the figures apart stay.
    let included = ReportOptions {
        short_breaks: ShortBreaks::Included,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(
        &short_breaks(),
        2025,
        &included,
        &Rules::defaults(),
        &IroFilter::All,
    );
    expect![[r#"
        lac.children_during_year: 3 | 2
        lac.children_at_31_march: 3 | 2
        lac.became_looked_after: 2 | 0
        lac.reviews_held: 3 | 2
        lac.reviews_in_timescale: 2 of 3 (67%) | 2 of 2 (100%)
    "#]]
    .assert_eq(
        &["lac.children", "lac.became", "lac.reviews_"]
            .iter()
            .map(|p| figures(&r, p))
            .collect::<String>(),
    );
    assert_eq!(
        fig(&r, "lac.short_breaks.children_during_year"),
        (n(1), n(1))
    );
    assert!(r
        .choices
        .iter()
        .any(|c| c.contains("are counted in the looked-after headline")));
}

/// Reviews in 2025–26 of children looked after since 2024:
/// - child 1, born 15 Jun 2021: review on their 4th birthday, 15 Jun 2025, coded PN1;
/// - child 2, born 20 Sep 2021: review the day before their 4th birthday, 19 Sep 2025, PN0;
/// - child 3, born 2015: reviews coded PN4 (advocate offered and used, child seen the day
///   before), PN7 (advocate offered, child seen the day after) and one with no code.
fn participation() -> Caseload {
    caseload(vec![
        Kid::new(1, Some("2021-06-15"))
            .care("2024-01-08", None)
            .review("2025-06-15", Some(Participation::Pn1)),
        Kid::new(2, Some("2021-09-20"))
            .care("2024-01-08", None)
            .review("2025-09-19", Some(Participation::Pn0)),
        Kid::new(3, Some("2015-03-03"))
            .care("2024-01-08", None)
            .review("2025-05-01", Some(Participation::Pn4))
            .last(|m| {
                m.outcome.advocate_offered = Some(true);
                m.outcome.advocate_used = Some(true);
                m.outcome.child_seen_on = Some(d("2025-04-30"));
            })
            .review("2025-08-01", Some(Participation::Pn7))
            .last(|m| {
                m.outcome.advocate_offered = Some(true);
                m.outcome.advocate_used = Some(false);
                m.outcome.child_seen_on = Some(d("2025-08-02"));
            })
            .review("2025-11-03", None),
    ])
}

#[test]
fn a_review_on_the_4th_birthday_counts_as_aged_4_and_over() {
    let r = report(&participation(), 2025);
    // Aged 4+: the birthday review (PN1), PN4, PN7 and the uncoded one = 4; the review the
    // day before the birthday is not. Participating (PN1–PN6): PN1 and PN4 = 2.
    assert_eq!(fig(&r, "lac.participation_aged_4_plus").0, pct(2, 4));
    assert_eq!(fig(&r, "lac.participation.pn0").0, n(1));
    assert_eq!(fig(&r, "lac.participation.pn1").0, n(1));
    assert_eq!(fig(&r, "lac.participation.pn4").0, n(1));
    assert_eq!(fig(&r, "lac.participation.pn7").0, n(1));
    assert_eq!(fig(&r, "lac.participation.pn5").0, n(0));
    assert_eq!(fig(&r, "lac.participation.not_recorded").0, n(1));
    let def = &r
        .figure("lac.participation_aged_4_plus")
        .unwrap()
        .definition;
    assert!(def.contains("PN1–PN6"), "{def}");
    assert!(def.contains("4th birthday counts"), "{def}");
    // The chart's bars are the same figures, PN0 to PN7 then "Not recorded".
    let chart = r.chart("lac.participation_by_code").unwrap();
    assert_eq!(chart.points.len(), 9);
    assert_eq!(chart.points[4].label, "PN4");
    assert_eq!(
        chart.points[4].figure.as_deref(),
        Some("lac.participation.pn4")
    );
    assert_eq!(chart.points[4].this_period, n(1));
}

#[test]
fn pn4_does_not_count_as_participation_when_chosen() {
    let options = ReportOptions {
        pn4_counts_as_participation: false,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(
        &participation(),
        2025,
        &options,
        &Rules::defaults(),
        &IroFilter::All,
    );
    // Only the PN1 review participates now; the denominator is unchanged.
    assert_eq!(fig(&r, "lac.participation_aged_4_plus").0, pct(1, 4));
    assert!(r
        .figure("lac.participation_aged_4_plus")
        .unwrap()
        .definition
        .contains("PN1–PN3, PN5 and PN6"));
}

#[test]
fn advocacy_and_the_child_seen_are_shares_of_the_reviews_held() {
    let r = report(&participation(), 2025);
    // 5 reviews held: offered at 2, used at 1; the child seen on or before the day at 1 (the
    // other visit was the day after the review).
    assert_eq!(fig(&r, "lac.reviews_held").0, n(5));
    assert_eq!(fig(&r, "lac.advocate_offered").0, pct(2, 5));
    assert_eq!(fig(&r, "lac.advocate_used").0, pct(1, 5));
    assert_eq!(fig(&r, "lac.child_seen_before_review").0, pct(1, 5));
    // Nothing happened in 2024–25: every share of nothing is a dash, never NaN.
    assert_eq!(fig(&r, "lac.advocate_offered").1, pct(0, 0));
    assert_eq!(fig(&r, "lac.advocate_offered").1.number(), None);
}

#[test]
fn an_unborn_child_is_never_aged_4_and_over() {
    // A child with no date of birth (contrived: looked after and reviewed): the review counts
    // as held, but not in the aged-4+ denominator, which is then 0: a dash.
    let c = caseload(vec![Kid::new(1, None)
        .care("2025-05-01", None)
        .review("2025-05-20", Some(Participation::Pn1))]);
    let r = report(&c, 2025);
    assert_eq!(fig(&r, "lac.reviews_held").0, n(1));
    assert_eq!(fig(&r, "lac.participation_aged_4_plus").0, pct(0, 0));
    assert_eq!(
        r.figure("lac.participation_aged_4_plus")
            .unwrap()
            .this_period
            .text(),
        "—"
    );
}
