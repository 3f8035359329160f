//! Child protection: plans at the year's edges (both settings), unborn children, initial
//! conferences from the strategy discussion or the s47 start (both conventions), review
//! conferences along their chain, and the category mix.

use super::*;
use caseload_core::calendar::Convention;
use caseload_core::report::IcpcBase;

fn conference_episode(
    strategy: &str,
    s47: Option<&str>,
    plan: &str,
    cat: AbuseCategory,
) -> CpEpisodeDetails {
    CpEpisodeDetails {
        strategy_on: Some(d(strategy)),
        s47_started_on: s47.map(d),
        plan_started_on: Some(d(plan)),
        initial_category: Some(cat),
        ..CpEpisodeDetails::default()
    }
}

/// 1. Strategy discussion Mon 2 Jun 2025, s47 started Wed 4 Jun, ICPC Wed 25 Jun (plan, NEG);
///    review conferences Thu 25 Sep 2025 (due 25 Sep: on time) and Thu 26 Mar 2026 (due
///    Wed 25 Mar: late).
/// 2. Unborn (no date of birth): strategy Tue 1 Jul 2025, pre-birth ICPC Thu 10 Jul (plan,
///    EMO), no s47 date.
/// 3. Born 1 Sep 2025, on a plan from 10 Jun 2025 (before birth) to 31 Mar 2026; no category.
/// 4. On a plan from 1 Apr 2025 (PHY), open.
/// 5. On a plan from 1 Jun 2024 to 1 Apr 2025 (NEG).
/// 6. On a plan from 1 Apr 2024 to 31 Mar 2025 (MUL).
fn plans() -> Caseload {
    caseload(vec![
        Kid::new(1, Some("2015-01-01"))
            .episode(conference_episode(
                "2025-06-02",
                Some("2025-06-04"),
                "2025-06-25",
                AbuseCategory::Neg,
            ))
            .held(MeetingKind::Icpc, "2025-06-25")
            .held(MeetingKind::CpReview, "2025-09-25")
            .held(MeetingKind::CpReview, "2026-03-26"),
        Kid::new(2, None)
            .episode(conference_episode(
                "2025-07-01",
                None,
                "2025-07-10",
                AbuseCategory::Emo,
            ))
            .held(MeetingKind::Icpc, "2025-07-10"),
        Kid::new(3, Some("2025-09-01")).plan("2025-06-10", Some("2026-03-31"), None),
        Kid::new(4, Some("2015-01-01")).plan("2025-04-01", None, Some(AbuseCategory::Phy)),
        Kid::new(5, Some("2015-01-01")).plan(
            "2024-06-01",
            Some("2025-04-01"),
            Some(AbuseCategory::Neg),
        ),
        Kid::new(6, Some("2015-01-01")).plan(
            "2024-04-01",
            Some("2025-03-31"),
            Some(AbuseCategory::Mul),
        ),
    ])
}

#[test]
fn plans_starting_or_ending_on_1_april_and_31_march_by_default() {
    let r = report(&plans(), 2025);
    // 2025–26: 1–5 (5 ends on 1 April 2025, its first day); 6 ended the day before.
    // 2024–25: 5 and 6.
    assert_eq!(fig(&r, "cp.children_during_year"), (n(5), n(2)));
    // At 31 Mar 2026: 1, 2, 4 (3 ended that day). At 31 Mar 2025: 5 (6 ended that day).
    assert_eq!(fig(&r, "cp.children_at_31_march"), (n(3), n(1)));
    // Started in 2025–26: 1, 2, 3, 4; in 2024–25: 5, 6. Ended in 2025–26: 3 (31 Mar 2026)
    // and 5 (1 Apr 2025); in 2024–25: 6 (31 Mar 2025).
    assert_eq!(fig(&r, "cp.plans_started"), (n(4), n(2)));
    assert_eq!(fig(&r, "cp.plans_ended"), (n(2), n(1)));
}

#[test]
fn a_plan_ending_on_31_march_counts_at_31_march_when_chosen() {
    let options = ReportOptions {
        ended_on_31_march_counts: true,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(
        &plans(),
        2025,
        &options,
        &Rules::defaults(),
        &IroFilter::All,
    );
    assert_eq!(fig(&r, "cp.children_at_31_march"), (n(4), n(2)));
    assert_eq!(fig(&r, "cp.children_during_year"), (n(5), n(2)));
}

#[test]
fn unborn_children_count_for_child_protection() {
    let r = report(&plans(), 2025);
    // Child 2 has no date of birth; child 3 was born after their plan started.
    assert_eq!(fig(&r, "cp.unborn_during_year"), (n(2), n(0)));
}

#[test]
fn icpcs_are_timed_from_the_strategy_discussion_by_default() {
    let r = report(&plans(), 2025);
    assert_eq!(fig(&r, "cp.icpcs_held"), (n(2), n(0)));
    // 1: 15 working days after Mon 2 Jun 2025 is Mon 23 Jun; held 25 Jun: late.
    // 2: 15 working days after Tue 1 Jul 2025 is Tue 22 Jul; held 10 Jul: on time.
    assert_eq!(fig(&r, "cp.icpcs_in_timescale").0, pct(1, 2));
    assert_eq!(fig(&r, "cp.icpcs_without_base_date").0, n(0));
    let chart = r.chart("cp.icpc_timeliness_by_month").unwrap();
    assert_eq!(chart.points[2].this_year, pct(0, 1)); // June
    assert_eq!(chart.points[3].this_year, pct(1, 1)); // July
    assert!(r
        .figure("cp.icpcs_in_timescale")
        .unwrap()
        .definition
        .contains("within 15 working days of the strategy discussion"));
}

#[test]
fn icpcs_are_timed_from_the_s47_start_when_chosen_in_either_convention() {
    let s47 = ReportOptions {
        icpc_base: IcpcBase::S47Start,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(&plans(), 2025, &s47, &Rules::defaults(), &IroFilter::All);
    // 1: 15 working days after Wed 4 Jun 2025 is Wed 25 Jun: held that day, on time.
    // 2: no s47 date: left out of the percentage, and counted as such.
    assert_eq!(fig(&r, "cp.icpcs_in_timescale").0, pct(1, 1));
    assert_eq!(fig(&r, "cp.icpcs_without_base_date").0, n(1));

    let day_one = ReportOptions {
        convention: Convention::EventDayIsDayOne,
        ..s47
    };
    let r = report_with(
        &plans(),
        2025,
        &day_one,
        &Rules::defaults(),
        &IroFilter::All,
    );
    // Counting Wed 4 Jun as day 1, the 15th working day is Tue 24 Jun: held 25 Jun, late.
    assert_eq!(fig(&r, "cp.icpcs_in_timescale").0, pct(0, 1));
    assert!(r.choices.iter().any(|c| c.contains("event day as day 1")));
}

#[test]
fn review_conferences_are_timed_from_the_conference_before() {
    let r = report(&plans(), 2025);
    // 25 Sep 2025 is 3 months after the ICPC (25 Jun): on time, on the day. 26 Mar 2026 is
    // a day after 6 months from 25 Sep: late.
    assert_eq!(fig(&r, "cp.reviews_held"), (n(2), n(0)));
    assert_eq!(fig(&r, "cp.reviews_in_timescale"), (pct(1, 2), pct(0, 0)));
    let chart = r.chart("cp.review_timeliness_by_month").unwrap();
    assert_eq!(chart.points[5].this_year, pct(1, 1)); // September
    assert_eq!(chart.points[11].this_year, pct(0, 1)); // March
}

#[test]
fn category_mix_is_of_the_plans_that_started() {
    let r = report(&plans(), 2025);
    // 2025–26: NEG (1), EMO (2), none (3), PHY (4) of 4. 2024–25: NEG (5), MUL (6) of 2.
    assert_eq!(fig(&r, "cp.category.neg"), (pct(1, 4), pct(1, 2)));
    assert_eq!(fig(&r, "cp.category.emo"), (pct(1, 4), pct(0, 2)));
    assert_eq!(fig(&r, "cp.category.phy"), (pct(1, 4), pct(0, 2)));
    assert_eq!(fig(&r, "cp.category.sab"), (pct(0, 4), pct(0, 2)));
    assert_eq!(fig(&r, "cp.category.mul"), (pct(0, 4), pct(1, 2)));
    assert_eq!(fig(&r, "cp.category.not_recorded"), (pct(1, 4), pct(0, 2)));
    let chart = r.chart("cp.category_mix").unwrap();
    assert_eq!(chart.points[0].label, "Neglect");
    assert_eq!(chart.points[0].this_year.text(), "1 of 4 (25%)");
}
