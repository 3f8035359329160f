//! Any period, not only a year (issue 10): what kind of period a pair of dates is, its label,
//! the period before of the same length, the days its caseloads are counted on, and the twelve
//! months of its trend charts. Dates are data: one row per case.

use super::*;
use caseload_core::report::ReportPeriod;
use expect_test::{expect, Expect};

/// `from..to` → kind, label, the period before, and the month ends.
fn check_period(from: &str, to: &str, expect: Expect) {
    let p = ReportPeriod::new(d(from), d(to)).unwrap();
    let before = p.previous().unwrap();
    let ends: Vec<String> = p.month_ends().iter().map(|d| d.to_string()).collect();
    expect.assert_eq(&format!(
        "{:?} \"{}\" · before {}..{} \"{}\" · month ends {}",
        p.kind,
        p.label,
        before.starts_on,
        before.ends_on,
        before.label,
        ends.join(" ")
    ));
}

#[test]
fn periods_and_the_period_before_of_the_same_length() {
    check_period(
        "2025-04-01",
        "2026-03-31",
        expect![[
            r#"Year "2025–26" · before 2024-04-01..2025-03-31 "2024–25" · month ends 2025-04-30 2025-05-31 2025-06-30 2025-07-31 2025-08-31 2025-09-30 2025-10-31 2025-11-30 2025-12-31 2026-01-31 2026-02-28 2026-03-31"#
        ]],
    );
    check_period(
        "2025-10-01",
        "2025-12-31",
        expect![[
            r#"Quarter "October–December 2025" · before 2025-07-01..2025-09-30 "July–September 2025" · month ends 2025-10-31 2025-11-30 2025-12-31"#
        ]],
    );
    // A quarter across the new year; the one before is a quarter too.
    check_period(
        "2026-01-01",
        "2026-03-31",
        expect![[
            r#"Quarter "January–March 2026" · before 2025-10-01..2025-12-31 "October–December 2025" · month ends 2026-01-31 2026-02-28 2026-03-31"#
        ]],
    );
    // March beside February: a month is beside the month before, whatever its length.
    check_period(
        "2026-03-01",
        "2026-03-31",
        expect![[
            r#"Month "March 2026" · before 2026-02-01..2026-02-28 "February 2026" · month ends 2026-03-31"#
        ]],
    );
    // Three whole months not starting a quarter: custom, still beside the three months before.
    check_period(
        "2025-11-01",
        "2026-01-31",
        expect![[
            r#"Custom "November 2025 – January 2026" · before 2025-08-01..2025-10-31 "August–October 2025" · month ends 2025-11-30 2025-12-31 2026-01-31"#
        ]],
    );
    // Any dates: beside as many days immediately before (46 days), the caseload counted at the
    // month end inside and on the last day.
    check_period(
        "2025-10-01",
        "2025-11-15",
        expect![[
            r#"Custom "1 October 2025 – 15 November 2025" · before 2025-08-16..2025-09-30 "16 August 2025 – 30 September 2025" · month ends 2025-10-31 2025-11-15"#
        ]],
    );
    // One day.
    check_period(
        "2025-12-25",
        "2025-12-25",
        expect![[
            r#"Custom "25 December 2025 – 25 December 2025" · before 2025-12-24..2025-12-24 "24 December 2025 – 24 December 2025" · month ends 2025-12-25"#
        ]],
    );
}

#[test]
fn a_period_that_ends_before_it_starts_is_none() {
    assert_eq!(ReportPeriod::new(d("2025-12-31"), d("2025-10-01")), None);
}

/// Reviews held on the 15th of each month from Jan 2025 to Mar 2026; the first (due 20 working
/// days after 2 Jan 2025) on time, and every later one on time (a month after the one before).
fn monthly_reviews() -> Caseload {
    let mut kid = Kid::new(1, Some("2012-01-01")).care("2025-01-02", None);
    for month in 0..15 {
        let (y, m) = (2025 + month / 12, month % 12 + 1);
        kid = kid.review(&format!("{y}-{m:02}-15"), Some(Participation::Pn1));
    }
    caseload(vec![kid])
}

/// A month chart's labels with the reviews held in each month, this period / a year before.
fn month_chart(r: &AnnualReport, id: &str) -> String {
    r.chart(id)
        .unwrap()
        .points
        .iter()
        .map(|p| {
            let held = |v: &Value| match v {
                Value::Percent { denominator, .. } => *denominator,
                _ => 0,
            };
            format!(
                "{} {}/{}",
                p.label,
                held(&p.this_period),
                held(&p.previous_period)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn report_for(from: &str, to: &str) -> AnnualReport {
    let env = Env::defaults();
    let ctx = env.ctx();
    caseload_core::report::report(
        &monthly_reviews(),
        &ctx,
        &ReportPeriod::new(d(from), d(to)).unwrap(),
        &ReportOptions::DEFAULTS,
        &IroFilter::All,
    )
    .unwrap()
}

#[test]
fn a_quarter_has_the_same_figures_beside_the_quarter_before() {
    let r = report_for("2025-10-01", "2025-12-31");
    // Oct, Nov, Dec 2025 beside Jul, Aug, Sep 2025.
    assert_eq!(fig(&r, "lac.reviews_held"), (n(3), n(3)));
    assert_eq!(fig(&r, "lac.reviews_in_timescale"), (pct(3, 3), pct(3, 3)));
    assert_eq!(
        r.figure("lac.children_at_31_march").unwrap().label,
        "Children looked after at 31 December 2025"
    );
    let annual = report(&monthly_reviews(), 2025);
    let ids = |r: &AnnualReport| -> Vec<String> {
        let mut ids: Vec<String> = r
            .sections
            .iter()
            .flat_map(|s| &s.figures)
            .map(|f| f.id.clone())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids(&r),
        ids(&annual),
        "the same figures as the annual report"
    );
    assert!(r.choices[0].starts_with("The quarter runs from 1 October 2025 to 31 December 2025; each figure is shown beside the same figure for 1 July 2025 to 30 September 2025"));
}

#[test]
fn trend_charts_show_the_twelve_months_ending_with_the_period() {
    // The quarter to December 2025: January to December 2025, beside 2024 (nothing then).
    let r = report_for("2025-10-01", "2025-12-31");
    expect![[r#"Jan 1/0 Feb 1/0 Mar 1/0 Apr 1/0 May 1/0 Jun 1/0 Jul 1/0 Aug 1/0 Sep 1/0 Oct 1/0 Nov 1/0 Dec 1/0"#]]
        .assert_eq(&month_chart(&r, "lac.timeliness_by_month"));
    // A reporting year: April to March beside the year before (January to March 2025).
    let r = report(&monthly_reviews(), 2025);
    expect![[r#"Apr 1/0 May 1/0 Jun 1/0 Jul 1/0 Aug 1/0 Sep 1/0 Oct 1/0 Nov 1/0 Dec 1/0 Jan 1/1 Feb 1/1 Mar 1/1"#]]
        .assert_eq(&month_chart(&r, "lac.timeliness_by_month"));
    // A period ending on the 10th: its last month counts only to the 10th (the review of
    // 15 Feb 2026 is after it), beside 1–10 February 2025 (the review of 15 Feb 2025 too).
    let r = report_for("2026-02-01", "2026-02-10");
    expect![[r#"Mar 1/0 Apr 1/0 May 1/0 Jun 1/0 Jul 1/0 Aug 1/0 Sep 1/0 Oct 1/0 Nov 1/0 Dec 1/0 Jan 1/1 Feb 0/0"#]]
        .assert_eq(&month_chart(&r, "lac.participation_by_month"));
}
