//! Caseloads: looked-after children per IRO at each month end, their mean per full-time post,
//! and the band in force.

use super::*;
use caseload_core::report::BandPosition;
use caseload_core::rules::{RuleId, RuleOverride};

/// IRO 1 (0.5 FTE): A looked after throughout; B from 15 Oct 2025; C until 30 Jun 2025.
/// IRO 2 (1 FTE): D throughout; F from 1 Apr 2025.
fn caseloads() -> Caseload {
    let mut c = caseload(vec![
        Kid::new(1, Some("2015-01-01")).care("2024-01-01", None),
        Kid::new(2, Some("2015-01-01")).care("2025-10-15", None),
        Kid::new(3, Some("2015-01-01")).care("2024-01-01", Some("2025-06-30")),
        Kid::new(4, Some("2015-01-01"))
            .only(2)
            .care("2024-01-01", None),
        Kid::new(6, Some("2015-01-01"))
            .only(2)
            .care("2025-04-01", None),
    ]);
    c.iros[0].details.fte = 0.5;
    c
}

/// A band of 2–3 children per full-time post, so these small caseloads fall on each side.
fn small_band() -> Rules {
    Rules::with_overrides([
        RuleOverride {
            rule: RuleId::CaseloadBand,
            value: 3,
            note: None,
        },
        RuleOverride {
            rule: RuleId::CaseloadBandLower,
            value: 2,
            note: None,
        },
    ])
}

#[test]
fn month_end_counts_and_their_mean_per_iro() {
    let r = report_with(
        &caseloads(),
        2025,
        &ReportOptions::DEFAULTS,
        &small_band(),
        &IroFilter::All,
    );
    let iro1 = &r.caseloads[0];
    // Apr, May: A and C; Jun (C ended on 30 Jun: not open at its end) to Sep: A; Oct to Mar:
    // A and B. Total 2+2+1+1+1+1+2·6 = 20.
    assert_eq!(
        iro1.this_period.month_ends,
        [2, 2, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]
    );
    assert_eq!(iro1.this_period.average, Value::Mean { total: 20, n: 12 });
    assert_eq!(iro1.this_period.average.text(), "1.7 (mean of 12)");
    // 20/12 = 1.67 at 0.5 FTE is 3.33 per full-time post: above 3.
    assert!((iro1.this_period.per_fte - 20.0 / 12.0 / 0.5).abs() < 1e-9);
    assert_eq!(iro1.this_period.band, BandPosition::Above);
    // 2024–25: A and C all year: 24, mean 2, 4 per full-time post.
    assert_eq!(
        iro1.previous_period.average,
        Value::Mean { total: 24, n: 12 }
    );
    assert_eq!(iro1.previous_period.band, BandPosition::Above);
    let iro2 = &r.caseloads[1];
    // D and F all year: mean 2, within 2–3; the year before D alone: 1, below 2.
    assert_eq!(iro2.this_period.average, Value::Mean { total: 24, n: 12 });
    assert_eq!(iro2.this_period.band, BandPosition::Within);
    assert_eq!(iro2.previous_period.band, BandPosition::Below);
    assert_eq!(r.band, (2, 3));

    assert_eq!(fig(&r, "caseload.iros_above_band"), (n(1), n(1)));
    assert_eq!(fig(&r, "caseload.iros_within_band"), (n(1), n(0)));
    assert_eq!(fig(&r, "caseload.iros_below_band"), (n(0), n(1)));
    assert_eq!(
        fig(&r, "caseload.iro.1"),
        (
            Value::Mean { total: 20, n: 12 },
            Value::Mean { total: 24, n: 12 }
        )
    );
}

#[test]
fn a_period_ending_on_a_month_end_counts_there_when_chosen() {
    let options = ReportOptions {
        ended_on_31_march_counts: true,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(&caseloads(), 2025, &options, &small_band(), &IroFilter::All);
    // C ended on 30 June: now at the end of June too.
    assert_eq!(
        r.caseloads[0].this_period.month_ends,
        [2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2]
    );
}

#[test]
fn the_default_band_is_50_to_70() {
    let r = report(&caseloads(), 2025);
    assert_eq!(r.band, (50, 70));
    assert_eq!(fig(&r, "caseload.iros_below_band"), (n(2), n(2)));
    assert!(r
        .figure("caseload.iros_within_band")
        .unwrap()
        .definition
        .contains("from 50 to 70"));
}
