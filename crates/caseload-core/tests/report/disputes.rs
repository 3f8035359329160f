//! Disputes and multi-agency challenges: raised and ended in the year (one raised in March and
//! resolved in April counts in each year for its own part), reasons from the store's list,
//! the stage buckets, working days to resolve across bank holidays in both conventions, and
//! challenges by agency.

use super::*;
use caseload_core::calendar::Convention;
use caseload_core::domain::{
    Concerns, Dispute, DisputeKind, DisputeOutcome, DisputeReason, Stage, StageEvent,
};
use caseload_core::ids::DisputeId;
use caseload_core::report::{ChartShape, ReportScope, SectionId};
use expect_test::expect;

/// A dispute raised at the stages given (stage, raised on), ended as given.
#[allow(clippy::too_many_arguments)]
fn dispute(
    id: i64,
    child: i64,
    kind: DisputeKind,
    concerns: Concerns,
    reason: &str,
    stages: &[(u8, &str)],
    ended: Option<(DisputeOutcome, &str)>,
    agency: Option<&str>,
) -> Dispute {
    Dispute {
        id: DisputeId(id),
        child: ChildId(child),
        kind,
        concerns,
        reason: DisputeReason::new(reason),
        raised_on: d(stages[0].1),
        sibling_group: None,
        partner_agency: agency.map(str::to_string),
        stages: stages
            .iter()
            .map(|(stage, on)| StageEvent {
                stage: Stage(*stage),
                raised_on: d(on),
                sent_to: "Manager".to_string(),
                responded_on: None,
                response_summary: None,
            })
            .collect(),
        cafcass_referred_on: None,
        outcome: ended.map(|e| e.0),
        closed_on: ended.map(|e| d(e.1)),
    }
}

use Concerns::{CpPlan, LacPlan};
use DisputeKind::{Drp, Macp};
use DisputeOutcome::{ReferredToCafcass, Resolved, Withdrawn};

/// Children 1, 2, 4 and 5 looked after since 2024; children 1 and 3 on a plan since 2024.
///
/// | id | child | kind | about | reason | stages raised | ended |
/// |---|---|---|---|---|---|---|
/// | 1 | 1 | DRP | care | planning | 1 on Wed 25 Mar 2026 | resolved Wed 8 Apr 2026 |
/// | 2 | 2 | DRP | care | contact | 0 on Mon 2 Jun 2025 | resolved Wed 4 Jun 2025 |
/// | 3 | 2 | DRP | care | contact | 1 on 1 Sep, 2 on 8 Sep 2025 | resolved Mon 15 Sep 2025 |
/// | 4 | 3 | DRP | CP | progress_of_plan | 2, 3, 6 from Wed 1 Oct 2025 | resolved Mon 20 Oct 2025 |
/// | 5 | 4 | DRP | care | permanence | 3 on 3 Nov 2025 | referred to Cafcass 10 Nov 2025 |
/// | 6 | 4 | DRP | care | housing (not on the list) | 1 on 1 Dec 2025 | withdrawn 5 Dec 2025 |
/// | 7 | 3 | MACP Police | CP | practice | 1 on Thu 1 May 2025 | resolved Fri 9 May 2025 |
/// | 8 | 1 | MACP Health | CP | practice | 2 on 1 Jul 2025 | open |
/// | 9 | 2 | DRP | care | planning | 1 on Wed 1 May 2024 | resolved Wed 8 May 2024 |
/// | 10 | 4 | DRP | care | assessments | 1 on Thu 20 Mar 2025 | resolved Wed 2 Apr 2025 |
fn disputes() -> Caseload {
    let mut c = caseload(vec![
        Kid::new(1, Some("2012-01-01"))
            .care("2024-01-01", None)
            .plan("2024-01-01", None, None),
        Kid::new(2, Some("2012-01-01")).care("2024-01-01", None),
        Kid::new(3, Some("2012-01-01")).plan("2024-01-01", None, None),
        Kid::new(4, Some("2012-01-01")).care("2024-01-01", None),
        Kid::new(5, Some("2012-01-01")).care("2024-01-01", None),
    ]);
    let all = [
        dispute(
            1,
            1,
            Drp,
            LacPlan,
            "planning",
            &[(1, "2026-03-25")],
            Some((Resolved, "2026-04-08")),
            None,
        ),
        dispute(
            2,
            2,
            Drp,
            LacPlan,
            "contact",
            &[(0, "2025-06-02")],
            Some((Resolved, "2025-06-04")),
            None,
        ),
        dispute(
            3,
            2,
            Drp,
            LacPlan,
            "contact",
            &[(1, "2025-09-01"), (2, "2025-09-08")],
            Some((Resolved, "2025-09-15")),
            None,
        ),
        dispute(
            4,
            3,
            Drp,
            CpPlan,
            "progress_of_plan",
            &[(2, "2025-10-01"), (3, "2025-10-06"), (6, "2025-10-13")],
            Some((Resolved, "2025-10-20")),
            None,
        ),
        dispute(
            5,
            4,
            Drp,
            LacPlan,
            "permanence",
            &[(3, "2025-11-03")],
            Some((ReferredToCafcass, "2025-11-10")),
            None,
        ),
        dispute(
            6,
            4,
            Drp,
            LacPlan,
            "housing",
            &[(1, "2025-12-01")],
            Some((Withdrawn, "2025-12-05")),
            None,
        ),
        dispute(
            7,
            3,
            Macp,
            CpPlan,
            "practice",
            &[(1, "2025-05-01")],
            Some((Resolved, "2025-05-09")),
            Some("Police"),
        ),
        dispute(
            8,
            1,
            Macp,
            CpPlan,
            "practice",
            &[(2, "2025-07-01")],
            None,
            Some("Health (community paediatrics)"),
        ),
        dispute(
            9,
            2,
            Drp,
            LacPlan,
            "planning",
            &[(1, "2024-05-01")],
            Some((Resolved, "2024-05-08")),
            None,
        ),
        dispute(
            10,
            4,
            Drp,
            LacPlan,
            "assessments",
            &[(1, "2025-03-20")],
            Some((Resolved, "2025-04-02")),
            None,
        ),
    ];
    for dispute in all {
        let child = c
            .children
            .iter_mut()
            .find(|r| r.child.id == dispute.child)
            .unwrap();
        child.disputes.push(dispute);
    }
    c
}

#[test]
fn disputes_raised_by_kind_and_plan_and_the_children_they_concern() {
    let r = report(&disputes(), 2025);
    // Raised in 2025–26: 1–8 (6 DRP, 2 MACP; 5 about care plans, 3 about CP plans).
    // In 2024–25: 9 and 10 (DRP, care plans).
    assert_eq!(fig(&r, "disputes.raised"), (n(8), n(2)));
    assert_eq!(fig(&r, "disputes.drp_raised"), (n(6), n(2)));
    assert_eq!(fig(&r, "disputes.macp_raised"), (n(2), n(0)));
    assert_eq!(fig(&r, "disputes.about_care_plans"), (n(5), n(2)));
    assert_eq!(fig(&r, "disputes.about_cp_plans"), (n(3), n(0)));
    // Care plans: children 1, 2 and 4 of the 4 looked after (2 and 4 the year before).
    // CP plans: children 1 and 3 of the 2 on a plan (none the year before).
    assert_eq!(fig(&r, "disputes.children_lac"), (pct(3, 4), pct(2, 4)));
    assert_eq!(fig(&r, "disputes.children_cp"), (pct(2, 2), pct(0, 2)));
}

#[test]
fn reasons_follow_the_stores_list_then_codes_it_lacks() {
    let r = report(&disputes(), 2025);
    // Of 8: planning 1, contact 2, progress 1, permanence 1, practice 2, housing 1.
    // Of 2 the year before: planning 1, assessments 1.
    assert_eq!(fig(&r, "disputes.reason.planning"), (pct(1, 8), pct(1, 2)));
    assert_eq!(fig(&r, "disputes.reason.contact"), (pct(2, 8), pct(0, 2)));
    assert_eq!(fig(&r, "disputes.reason.practice"), (pct(2, 8), pct(0, 2)));
    assert_eq!(
        fig(&r, "disputes.reason.assessments"),
        (pct(0, 8), pct(1, 2))
    );
    assert_eq!(fig(&r, "disputes.reason.other"), (pct(0, 8), pct(0, 2)));
    assert_eq!(fig(&r, "disputes.reason.housing"), (pct(1, 8), pct(0, 2)));
    let chart = r.chart("disputes.reasons").unwrap();
    assert_eq!(chart.shape, ChartShape::ByCategory);
    let labels: Vec<&str> = chart.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Quality or delay of assessments",
            "Planning",
            "Practice",
            "Progress of the plan",
            "Placement or resources",
            "Contact",
            "Permanence",
            "Other",
            "housing"
        ]
    );
}

#[test]
fn drp_disputes_resolved_by_stage_with_withdrawn_and_cafcass_apart() {
    let r = report(&disputes(), 2025);
    // Resolved in 2025–26 (DRP): 2 informal, 3 at stage 2, 4 at stage 6 (5–8), and 10, raised
    // in 2024–25, resolved at stage 1 on 2 Apr 2025: 4 in all. 5 (Cafcass) and 6 (withdrawn)
    // are apart, not in the denominator. Dispute 1 ends in 2026–27. 2024–25: 9 at stage 1.
    expect![[r#"
        disputes.resolved_at.informal: 1 of 4 (25%) | 0 of 1 (0%)
        disputes.resolved_at.stage_1: 1 of 4 (25%) | 1 of 1 (100%)
        disputes.resolved_at.stage_2: 1 of 4 (25%) | 0 of 1 (0%)
        disputes.resolved_at.stage_3: 0 of 4 (0%) | 0 of 1 (0%)
        disputes.resolved_at.stage_4: 0 of 4 (0%) | 0 of 1 (0%)
        disputes.resolved_at.stage_5_8: 1 of 4 (25%) | 0 of 1 (0%)
        disputes.drp_withdrawn: 1 | 0
        disputes.drp_referred_to_cafcass: 1 | 0
    "#]]
    .assert_eq(
        &[
            "disputes.resolved_at.",
            "disputes.drp_withdrawn",
            "disputes.drp_referred",
        ]
        .iter()
        .map(|p| figures(&r, p))
        .collect::<String>(),
    );
    // Open at 31 Mar 2026: 1 (resolved in April) and 8. At 31 Mar 2025: 10.
    assert_eq!(fig(&r, "disputes.open_at_31_march"), (n(2), n(1)));
    let chart = r.chart("disputes.resolution_stages").unwrap();
    let labels: Vec<&str> = chart.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Informal",
            "Stage 1",
            "Stage 2",
            "Stage 3",
            "Stage 4",
            "Stage 5–8"
        ]
    );
    assert_eq!(chart.points[5].this_period, pct(1, 4));
    expect![[r#"Of the DRP disputes resolved in the period, those resolved at "Stage 5–8": the highest stage the dispute reached (Informal is the informal challenge; stages 5 to 8 are one bucket, as the reports count). Withdrawn disputes and those ended by a referral to Cafcass are counted apart, not in the denominator. One raised in an earlier period counts in the period it was resolved. A dispute raised for a sibling group is one dispute and counts once."#]]
        .assert_eq(&r.figure("disputes.resolved_at.stage_5_8").unwrap().definition);
}

fn options(f: impl FnOnce(&mut ReportOptions)) -> ReportOptions {
    let mut o = ReportOptions::DEFAULTS;
    f(&mut o);
    o
}

#[test]
fn a_cp_only_report_shows_cp_disputes_only() {
    let cp = options(|o| o.scope = ReportScope::Cp);
    let r = report_with(&disputes(), 2025, &cp, &Rules::defaults(), &IroFilter::All);
    let sections: Vec<SectionId> = r.sections.iter().map(|s| s.id).collect();
    assert_eq!(sections, [SectionId::Cp, SectionId::Disputes]);
    assert!(r.caseloads.is_empty());
    // CP disputes raised in 2025–26: 4 (DRP), 7 and 8 (MACP), about children 3 and 1, both on
    // a plan; none the year before. Nothing about care plans is shown. Of the three, only 4
    // went through the DRP (resolved at stage 6); 8 is open at 31 March.
    expect![[r#"
        disputes.raised: 3 | 0
        disputes.drp_raised: 1 | 0
        disputes.macp_raised: 2 | 0
        disputes.about_cp_plans: 3 | 0
        disputes.children_cp: 2 of 2 (100%) | 0 of 2 (0%)
    "#]]
    .assert_eq(
        &[
            "disputes.raised",
            "disputes.drp_raised",
            "disputes.macp_raised",
            "disputes.about",
            "disputes.children",
        ]
        .iter()
        .map(|p| figures(&r, p))
        .collect::<String>(),
    );
    assert_eq!(
        fig(&r, "disputes.resolved_at.stage_5_8"),
        (pct(1, 1), pct(0, 0))
    );
    assert_eq!(fig(&r, "disputes.open_at_31_march"), (n(1), n(0)));
    assert!(r
        .choices
        .iter()
        .any(|c| c.contains("child protection only")));

    // Multi-agency challenges about care plans only: there are none.
    let lac_macp = options(|o| {
        o.scope = ReportScope::Lac;
        o.dispute_kind = Some(Macp);
    });
    let r = report_with(
        &disputes(),
        2025,
        &lac_macp,
        &Rules::defaults(),
        &IroFilter::All,
    );
    expect![[r#"
        disputes.raised: 0 | 0
        disputes.macp_raised: 0 | 0
        disputes.about_care_plans: 0 | 0
        disputes.children_lac: 0 of 4 (0%) | 0 of 4 (0%)
    "#]]
    .assert_eq(
        &[
            "disputes.raised",
            "disputes.drp_raised",
            "disputes.macp_raised",
            "disputes.about",
            "disputes.children",
        ]
        .iter()
        .map(|p| figures(&r, p))
        .collect::<String>(),
    );
}

#[test]
fn a_sibling_group_dispute_counts_once_and_for_each_child() {
    // Children 1 and 2 of sibling group SG-1 and child 3 looked after since 2024; one DRP
    // dispute about care plans raised for child 1 on behalf of SG-1, and one for child 3.
    let sibling = |id, group: Option<&str>| {
        let mut k = Kid::new(id, Some("2012-01-01")).care("2024-01-01", None);
        k.0.child.details.sibling_group = group.map(str::to_string);
        k
    };
    let mut c = caseload(vec![
        sibling(1, Some("SG-1")),
        sibling(2, Some("SG-1")),
        sibling(3, None),
    ]);
    let mut for_group = dispute(
        1,
        1,
        Drp,
        LacPlan,
        "planning",
        &[(1, "2025-06-02")],
        None,
        None,
    );
    for_group.sibling_group = Some("SG-1".to_string());
    c.children[0].disputes.push(for_group);
    c.children[2].disputes.push(dispute(
        2,
        3,
        Drp,
        LacPlan,
        "contact",
        &[(1, "2025-06-02")],
        None,
        None,
    ));
    let r = report(&c, 2025);
    // Once among disputes and their reasons; per child among children with a dispute: all three.
    assert_eq!(fig(&r, "disputes.raised").0, n(2));
    assert_eq!(fig(&r, "disputes.reason.planning").0, pct(1, 2));
    assert_eq!(fig(&r, "disputes.children_lac").0, pct(3, 3));
    assert!(r
        .figure("disputes.children_lac")
        .unwrap()
        .definition
        .contains("A dispute raised for a sibling group counts for each child of the group"));
    assert!(r
        .figure("disputes.raised")
        .unwrap()
        .definition
        .contains("A dispute raised for a sibling group is one dispute and counts once."));
}

#[test]
fn mean_working_days_to_resolve_counts_bank_holidays() {
    let r = report(&disputes(), 2025);
    // 2: Mon 2 → Wed 4 Jun 2025 = 2. 3: Mon 1 → Mon 15 Sep = 10. 4: Wed 1 → Mon 20 Oct = 13.
    // 7: Thu 1 → Fri 9 May 2025 = 5 (Mon 5 May, Early May bank holiday, skipped).
    // 10: Thu 20 Mar → Wed 2 Apr 2025 = 9. Total 39 over 5.
    // The year before, 9: Wed 1 → Wed 8 May 2024 = 4 (Mon 6 May skipped).
    assert_eq!(
        fig(&r, "disputes.mean_working_days_to_resolve"),
        (
            Value::Mean { total: 39, n: 5 },
            Value::Mean { total: 4, n: 1 }
        )
    );
    assert_eq!(
        r.figure("disputes.mean_working_days_to_resolve")
            .unwrap()
            .this_period
            .text(),
        "7.8 (mean of 5)"
    );
    // Counting the day raised as day 1 (all five were raised on working days): 44 over 5.
    let options = ReportOptions {
        convention: Convention::EventDayIsDayOne,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(
        &disputes(),
        2025,
        &options,
        &Rules::defaults(),
        &IroFilter::All,
    );
    assert_eq!(
        fig(&r, "disputes.mean_working_days_to_resolve").0,
        Value::Mean { total: 44, n: 5 }
    );
}

#[test]
fn a_dispute_raised_in_march_and_resolved_in_april_counts_in_each_year() {
    let r = report(&disputes(), 2026);
    // Dispute 1 was raised in 2025–26 (last year here) and resolved in 2026–27 at stage 1:
    // Wed 25 Mar → Wed 8 Apr 2026 is 8 working days (Good Friday 3 Apr and Easter Monday
    // 6 Apr skipped).
    assert_eq!(fig(&r, "disputes.raised"), (n(0), n(8)));
    assert_eq!(
        fig(&r, "disputes.resolved_at.stage_1"),
        (pct(1, 1), pct(1, 4))
    );
    assert_eq!(
        fig(&r, "disputes.mean_working_days_to_resolve").0,
        Value::Mean { total: 8, n: 1 }
    );
    assert!(r
        .choices
        .iter()
        .any(|c| c.contains("raised in one period and resolved in the next")));
}

#[test]
fn multi_agency_challenges_by_agency() {
    let r = report(&disputes(), 2025);
    assert_eq!(fig(&r, "disputes.macp.police"), (n(1), n(0)));
    assert_eq!(
        fig(&r, "disputes.macp.health_community_paediatrics"),
        (n(1), n(0))
    );
    assert_eq!(
        r.figure("disputes.macp.police").unwrap().label,
        "Multi-agency challenges to Police"
    );
}
