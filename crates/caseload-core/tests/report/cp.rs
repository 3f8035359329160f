//! Child protection: plans at the year's edges (both settings), unborn children, initial
//! conferences from the strategy discussion or the s47 start (both conventions), review
//! conferences along their chain, and the category mix.

use super::*;
use caseload_core::calendar::Convention;
use caseload_core::report::IcpcBase;
use expect_test::expect;

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
    assert_eq!(chart.points[2].this_period, pct(0, 1)); // June
    assert_eq!(chart.points[3].this_period, pct(1, 1)); // July
    assert!(r
        .figure("cp.icpcs_in_timescale")
        .unwrap()
        .definition
        .contains("15 working days after the strategy discussion"));
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
    assert_eq!(chart.points[5].this_period, pct(1, 1)); // September
    assert_eq!(chart.points[11].this_period, pct(0, 1)); // March
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
    assert_eq!(chart.points[0].this_period.text(), "1 of 4 (25%)");
}

/// Repeat plans and plan lengths:
/// 1. A plan 1 Jan 2022 – 1 Jun 2023, then another from 1 Jun 2025: a repeat, on the last day
///    of the two years (1 Jun 2023 + 24 months).
/// 2. A plan 1 Jan 2022 – 31 May 2023, then another from 1 Jun 2025: a repeat, a day after.
/// 3. A first plan from 1 Jul 2025.
/// 4. to 8. Plans that ended in 2025–26 after 3 months exactly (1 Apr – 1 Jul 2025), a day
///    more (1 Apr – 2 Jul 2025), 9 months (1 Jan – 1 Oct 2025), exactly 1 year (1 Oct 2024 –
///    1 Oct 2025) and exactly 2 years (1 Oct 2023 – 1 Oct 2025).
fn repeats_and_lengths() -> Caseload {
    let plan = |k: Kid, from: &str, to: Option<&str>| k.plan(from, to, None);
    let kid = |id| Kid::new(id, Some("2015-01-01"));
    caseload(vec![
        plan(
            plan(kid(1), "2022-01-01", Some("2023-06-01")),
            "2025-06-01",
            None,
        ),
        plan(
            plan(kid(2), "2022-01-01", Some("2023-05-31")),
            "2025-06-01",
            None,
        ),
        plan(kid(3), "2025-07-01", None),
        plan(kid(4), "2025-04-01", Some("2025-07-01")),
        plan(kid(5), "2025-04-01", Some("2025-07-02")),
        plan(kid(6), "2025-01-01", Some("2025-10-01")),
        plan(kid(7), "2024-10-01", Some("2025-10-01")),
        plan(kid(8), "2023-10-01", Some("2025-10-01")),
    ])
}

#[test]
fn repeat_plans_in_total_and_within_two_years_of_the_previous_one() {
    let r = report(&repeats_and_lengths(), 2025);
    // Started in 2025–26: 1, 2, 3, 4 and 5; 1 and 2 are repeats, 1 within two years.
    // 2024–25: 6 and 7 started, neither a repeat.
    expect![[r#"
        cp.plans_started: 5 | 2
        cp.repeat_plans: 2 of 5 (40%) | 0 of 2 (0%)
        cp.repeat_plans_within_2_years: 1 of 5 (20%) | 0 of 2 (0%)
    "#]]
    .assert_eq(
        &["cp.plans_started", "cp.repeat_plans"]
            .iter()
            .map(|p| figures(&r, p))
            .collect::<String>(),
    );
}

#[test]
fn plans_that_ended_by_length_in_the_dfe_bands() {
    let r = report(&repeats_and_lengths(), 2025);
    // Ended in 2025–26: 4–8, one in each band; nothing ended in 2024–25.
    expect![[r#"
        cp.plan_length.3_months_or_less: 1 of 5 (20%) | —
        cp.plan_length.3_to_6_months: 1 of 5 (20%) | —
        cp.plan_length.6_to_12_months: 1 of 5 (20%) | —
        cp.plan_length.1_to_2_years: 1 of 5 (20%) | —
        cp.plan_length.2_years_or_more: 1 of 5 (20%) | —
    "#]]
    .assert_eq(&figures(&r, "cp.plan_length."));
    let labels: Vec<&str> = r
        .chart("cp.plan_lengths")
        .unwrap()
        .points
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "3 months or less",
            "More than 3 months, up to 6 months",
            "More than 6 months, under 1 year",
            "1 year, under 2 years",
            "2 years or more"
        ]
    );
}

/// Initial conferences and the working days from the s47 start (d with start < d ≤ ICPC):
/// 10. s47 Wed 4 Jun 2025, ICPC Wed 18 Jun: 10.
/// 11. s47 Wed 4 Jun 2025, ICPC Thu 19 Jun: 11.
/// 12. s47 Thu 1 May 2025, ICPC Fri 23 May: 15 (Mon 5 May, Early May bank holiday, skipped).
/// 13. s47 Thu 1 May 2025, ICPC Tue 27 May: 16 (Mon 26 May, Spring bank holiday, skipped).
/// 14. s47 Thu 1 May 2025, ICPC Tue 3 Jun: 21.
/// 15. s47 and ICPC on Wed 2 Jul 2025: 0.
/// 16. No s47 date: strategy discussion Tue 1 Jul 2025, ICPC Thu 10 Jul.
fn s47_days() -> Caseload {
    let icpc = |id, s47: Option<&str>, strategy: Option<&str>, held: &str| {
        Kid::new(id, Some("2015-01-01"))
            .episode(CpEpisodeDetails {
                s47_started_on: s47.map(d),
                strategy_on: strategy.map(d),
                ..CpEpisodeDetails::default()
            })
            .held(MeetingKind::Icpc, held)
    };
    caseload(vec![
        icpc(10, Some("2025-06-04"), None, "2025-06-18"),
        icpc(11, Some("2025-06-04"), None, "2025-06-19"),
        icpc(12, Some("2025-05-01"), None, "2025-05-23"),
        icpc(13, Some("2025-05-01"), None, "2025-05-27"),
        icpc(14, Some("2025-05-01"), None, "2025-06-03"),
        icpc(15, Some("2025-07-02"), None, "2025-07-02"),
        icpc(16, None, Some("2025-07-01"), "2025-07-10"),
    ])
}

#[test]
fn icpcs_in_the_dfe_working_day_bands_from_the_s47_start_beside_the_strategy_measure() {
    let r = report(&s47_days(), 2025);
    let bands = expect![[r#"
        cp.icpc_s47_days.0_10: 2 of 6 (33%) | —
        cp.icpc_s47_days.11_15: 2 of 6 (33%) | —
        cp.icpc_s47_days.16_20: 1 of 6 (17%) | —
        cp.icpc_s47_days.21_plus: 1 of 6 (17%) | —
    "#]];
    bands.assert_eq(&figures(&r, "cp.icpc_s47_days."));
    // The timeliness measure counts as the schedule does: with no strategy discussion recorded,
    // from the s47 start. 15 working days after Wed 4 Jun is Wed 25 Jun (10, 11 on time);
    // after Thu 1 May, Fri 23 May (12 on time; 13 and 14 late); 15 on the day; 16 after Tue
    // 1 Jul is Tue 22 Jul (on time). 5 of 7.
    expect![[r#"
        cp.icpcs_held: 7 | 0
        cp.icpcs_in_timescale: 5 of 7 (71%) | —
        cp.icpcs_without_base_date: 0 | 0
        cp.icpcs_without_s47_start: 1 | 0
    "#]]
    .assert_eq(
        &["cp.icpcs_"]
            .iter()
            .map(|p| figures(&r, p))
            .collect::<String>(),
    );
    // The DfE duration does not depend on the counting convention; the 15 working days do:
    // with the day of the s47 start as day 1, the 15th after Thu 1 May is Thu 22 May, so 12
    // is late too: 4 of 7.
    let day_one = ReportOptions {
        convention: Convention::EventDayIsDayOne,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(
        &s47_days(),
        2025,
        &day_one,
        &Rules::defaults(),
        &IroFilter::All,
    );
    bands.assert_eq(&figures(&r, "cp.icpc_s47_days."));
    assert_eq!(fig(&r, "cp.icpcs_in_timescale").0, pct(4, 7));
    expect![[r#"Of the initial conferences held in the period whose episode records the start of the s47 enquiry, those held 16–20 working days after it: working days d with start < d ≤ conference (the DfE duration, same day = 0; CIN table C4), whatever the counting convention."#]]
        .assert_eq(&r.figure("cp.icpc_s47_days.16_20").unwrap().definition);
}

/// Unborn children, strategy discussion Mon 1 Dec 2025 (15 working days: Mon 22 Dec):
/// 1. Referred late (issue 10, point 3): expected Mon 2 Feb 2026, so the pre-birth conference
///    was due 12 weeks before, Mon 10 Nov 2025, before the strategy discussion. The schedule
///    counts 15 working days from it, and so does the report: Fri 19 Dec is on time.
/// 2. Expected Mon 1 Jun 2026: the pre-birth conference is due Mon 9 Mar 2026, and one held on
///    Mon 2 Feb 2026 is on time, though later than 15 working days from the strategy discussion.
fn pre_birth(id: i64, expected: &str, held: &str) -> Kid {
    let mut kid = Kid::new(id, None)
        .episode(CpEpisodeDetails {
            strategy_on: Some(d("2025-12-01")),
            ..CpEpisodeDetails::default()
        })
        .held(MeetingKind::Icpc, held);
    kid.0.child.details.expected_birth_on = Some(d(expected));
    kid
}

#[test]
fn a_pre_birth_conference_is_timed_as_the_schedule_times_it() {
    let c = caseload(vec![
        pre_birth(1, "2026-02-02", "2025-12-19"),
        pre_birth(2, "2026-06-01", "2026-02-02"),
    ]);
    let r = report(&c, 2025);
    assert_eq!(fig(&r, "cp.icpcs_in_timescale").0, pct(2, 2));
    let env = Env::defaults();
    let ctx = env.ctx();
    let record = &c.children[0];
    let due = caseload_core::schedule::initial_conference_due(record, &record.cp_episodes[0], &ctx)
        .unwrap();
    assert_eq!(due.due.due, d("2025-12-22"));
}

/// Conferences in 2025–26 (issue 10: advocacy and attendance at CP conferences):
/// 1. Born 2015: ICPC 2 Jun 2025, advocate offered and used, attended; review 2 Sep 2025,
///    advocate offered, did not attend; a core group 16 Jun (not a conference).
/// 2. Born 15 Jun 2021: transfer-in conference on 14 Jun 2025, the day before the 4th birthday
///    (attendance not counted), advocate offered; review on the birthday itself, 15 Jun 2025,
///    nothing recorded (counts as not attended).
/// 3. Unborn: pre-birth ICPC 1 Jul 2025, attendance recorded as no (never aged 4).
fn voices() -> Caseload {
    let with = |k: Kid, offered: Option<bool>, used: Option<bool>, attended: Option<bool>| {
        k.last(|m| {
            m.outcome.advocate_offered = offered;
            m.outcome.advocate_used = used;
            m.outcome.child_attended = attended;
        })
    };
    let k1 = Kid::new(1, Some("2015-01-01")).held(MeetingKind::Icpc, "2025-06-02");
    let k1 = with(k1, Some(true), Some(true), Some(true)).held(MeetingKind::CpReview, "2025-09-02");
    let k1 =
        with(k1, Some(true), Some(false), Some(false)).held(MeetingKind::CoreGroup, "2025-06-16");
    let k1 = with(k1, Some(true), Some(true), Some(true));
    let k2 = Kid::new(2, Some("2021-06-15")).held(MeetingKind::TransferInConference, "2025-06-14");
    let k2 = with(k2, Some(true), None, Some(true)).held(MeetingKind::CpReview, "2025-06-15");
    let k3 = Kid::new(3, None).held(MeetingKind::Icpc, "2025-07-01");
    let k3 = with(k3, None, None, Some(false));
    caseload(vec![k1, k2, k3])
}

#[test]
fn advocacy_and_attendance_at_child_protection_conferences() {
    let r = report(&voices(), 2025);
    // Five conferences (the core group is not one): advocate offered at three, used at one.
    // Aged 4 or over on the day: child 1's two and child 2's review on the birthday; of those,
    // child 1 attended the ICPC.
    expect![[r#"
        cp.conferences_held: 5 | 0
        cp.advocate_offered: 3 of 5 (60%) | —
        cp.advocate_used: 1 of 5 (20%) | —
        cp.child_attended: 1 of 3 (33%) | —
    "#]]
    .assert_eq(
        &["cp.conferences_held", "cp.advocate_", "cp.child_attended"]
            .iter()
            .map(|p| figures(&r, p))
            .collect::<String>(),
    );
    let chart = r.chart("cp.attendance_by_month").unwrap();
    assert_eq!(chart.points[2].this_period, pct(1, 2)); // June: the ICPC and the birthday review
    assert_eq!(chart.points[5].this_period, pct(0, 1)); // September
}

#[test]
fn a_plan_a_return_says_had_previous_plans_is_a_repeat_though_they_are_not_in_the_store() {
    let kid = |id| Kid::new(id, Some("2015-01-01"));
    let imported = |id, previous| {
        kid(id).episode(CpEpisodeDetails {
            plan_started_on: Some(d("2025-06-01")),
            previous_plans: previous,
            ..CpEpisodeDetails::default()
        })
    };
    let r = report(
        &caseload(vec![
            imported(1, Some(2)),
            imported(2, Some(0)),
            imported(3, None),
        ]),
        2025,
    );
    // Child 1's census said 2 previous plans: a repeat, counted within two years as a previous
    // plan with no end known is. Children 2 (none before) and 3 (not said) are not.
    expect![[r#"
        cp.plans_started: 3 | 0
        cp.repeat_plans: 1 of 3 (33%) | —
        cp.repeat_plans_within_2_years: 1 of 3 (33%) | —
    "#]]
    .assert_eq(
        &["cp.plans_started", "cp.repeat_plans"]
            .iter()
            .map(|p| figures(&r, p))
            .collect::<String>(),
    );
}
