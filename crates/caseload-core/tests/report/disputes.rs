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
use caseload_core::report::ChartShape;

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
fn drp_disputes_that_ended_by_stage_bucket() {
    let r = report(&disputes(), 2025);
    // Ended in 2025–26 (DRP): 2 informal, 3 at stage 2, 4 at stage 6 (5–8), 5 Cafcass, 6
    // withdrawn, and 10, raised in 2024–25, resolved at stage 1 on 2 Apr 2025: 6 in all.
    // Dispute 1 ends in 2026–27. Ended in 2024–25: 9 at stage 1.
    assert_eq!(fig(&r, "disputes.ended.informal"), (pct(1, 6), pct(0, 1)));
    assert_eq!(fig(&r, "disputes.ended.stage_1"), (pct(1, 6), pct(1, 1)));
    assert_eq!(fig(&r, "disputes.ended.stage_2"), (pct(1, 6), pct(0, 1)));
    assert_eq!(fig(&r, "disputes.ended.stage_3"), (pct(0, 6), pct(0, 1)));
    assert_eq!(fig(&r, "disputes.ended.stage_4"), (pct(0, 6), pct(0, 1)));
    assert_eq!(fig(&r, "disputes.ended.stage_5_8"), (pct(1, 6), pct(0, 1)));
    assert_eq!(fig(&r, "disputes.ended.cafcass"), (pct(1, 6), pct(0, 1)));
    assert_eq!(fig(&r, "disputes.ended.withdrawn"), (pct(1, 6), pct(0, 1)));
    // Open at 31 Mar 2026: 1 (resolved in April) and 8. At 31 Mar 2025: 10.
    assert_eq!(fig(&r, "disputes.open_at_31_march"), (n(2), n(1)));
    let chart = r.chart("disputes.resolution_stages").unwrap();
    assert_eq!(chart.points[5].label, "Stage 5–8");
    assert_eq!(chart.points[5].this_year, pct(1, 6));
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
            .this_year
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
    assert_eq!(fig(&r, "disputes.ended.stage_1"), (pct(1, 1), pct(1, 6)));
    assert_eq!(
        fig(&r, "disputes.mean_working_days_to_resolve").0,
        Value::Mean { total: 8, n: 1 }
    );
    assert!(r
        .choices
        .iter()
        .any(|c| c.contains("raised in one year and resolved in the next")));
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
