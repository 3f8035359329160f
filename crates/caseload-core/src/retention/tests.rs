//! Retention: when a case closed and the boundary of its retention, day by day.

use super::*;
use crate::domain::{
    Allocation, Child, ChildDetails, CpEpisode, CpEpisodeDetails, LegalStatus, PeriodOfCare,
    Regime, ReviewHistory, Sex,
};
use crate::ids::{CarePeriodId, CpEpisodeId};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

const OWNER: IroId = IroId(1);
const OTHER: IroId = IroId(2);

fn record() -> ChildRecord {
    ChildRecord {
        child: Child {
            id: ChildId(7),
            details: ChildDetails {
                first_name: "Alexandra".to_string(),
                last_name: "Example".to_string(),
                preferred_name: None,
                born_on: Some(d("2014-02-14")),
                expected_birth_on: None,
                sex: Sex::Female,
                ethnicity: None,
                local_ref: None,
                sibling_group: None,
                social_worker: None,
                team: None,
            },
        },
        allocations: vec![Allocation {
            iro: OWNER,
            from_on: d("2023-01-09"),
            reason: None,
        }],
        care_periods: Vec::new(),
        cp_episodes: Vec::new(),
        meetings: Vec::new(),
        disputes: Vec::new(),
        records: Vec::new(),
        decisions: Vec::new(),
        transferred_out: None,
    }
}

fn care(record: &mut ChildRecord, started_on: &str, ended_on: Option<&str>) {
    record.care_periods.push(PeriodOfCare {
        id: CarePeriodId(record.care_periods.len() as i64 + 1),
        child: record.child.id,
        started_on: d(started_on),
        ended_on: ended_on.map(d),
        legal_status: LegalStatus::C2,
        regime: Regime::FullCare,
        history: ReviewHistory::Recorded,
    });
}

fn cp(record: &mut ChildRecord, details: CpEpisodeDetails) {
    record.cp_episodes.push(CpEpisode {
        id: CpEpisodeId(record.cp_episodes.len() as i64 + 1),
        child: record.child.id,
        details,
    });
}

fn allocate(record: &mut ChildRecord, iro: IroId, from_on: &str) {
    record.allocations.push(Allocation {
        iro,
        from_on: d(from_on),
        reason: None,
    });
}

fn closed(on: &str, because: ClosedBecause) -> Option<CaseClosed> {
    Some(CaseClosed {
        closed_on: d(on),
        because,
    })
}

#[test]
fn a_case_in_care_is_open_and_closes_the_day_care_ends() {
    let mut r = record();
    care(&mut r, "2023-01-09", None);
    assert_eq!(case_closed(&r, Some(OWNER), d("2030-01-01")), None);
    r.care_periods[0].ended_on = Some(d("2025-03-31"));
    assert_eq!(case_closed(&r, Some(OWNER), d("2025-03-30")), None);
    assert_eq!(
        case_closed(&r, Some(OWNER), d("2025-03-31")),
        closed("2025-03-31", ClosedBecause::CareEnded)
    );
}

#[test]
fn a_child_with_no_care_and_no_protection_is_never_closed_by_ending() {
    assert_eq!(case_closed(&record(), Some(OWNER), d("2040-01-01")), None);
}

#[test]
fn the_case_closes_when_the_last_of_care_and_protection_ends() {
    let mut r = record();
    care(&mut r, "2023-01-09", Some("2024-06-30"));
    cp(
        &mut r,
        CpEpisodeDetails {
            strategy_on: Some(d("2024-01-02")),
            plan_started_on: Some(d("2024-01-20")),
            ..CpEpisodeDetails::default()
        },
    );
    // Care ended, but the plan is still open.
    assert_eq!(case_closed(&r, Some(OWNER), d("2025-06-01")), None);
    r.cp_episodes[0].details.plan_ended_on = Some(d("2025-02-10"));
    assert_eq!(
        case_closed(&r, Some(OWNER), d("2025-06-01")),
        closed("2025-02-10", ClosedBecause::CpPlanEnded)
    );
}

#[test]
fn an_enquiry_closed_without_a_plan_closes_the_case() {
    let mut r = record();
    cp(
        &mut r,
        CpEpisodeDetails {
            strategy_on: Some(d("2024-01-02")),
            closed_on: Some(d("2024-01-25")),
            ..CpEpisodeDetails::default()
        },
    );
    assert_eq!(
        case_closed(&r, Some(OWNER), d("2024-02-01")),
        closed("2024-01-25", ClosedBecause::CpClosedWithoutPlan)
    );
}

#[test]
fn a_return_to_care_reopens_the_case() {
    let mut r = record();
    care(&mut r, "2023-01-09", Some("2023-08-01"));
    care(&mut r, "2024-05-01", None);
    assert_eq!(case_closed(&r, Some(OWNER), d("2025-01-01")), None);
}

#[test]
fn a_move_to_another_iro_closes_the_case_for_the_stores_own_iro_only() {
    let mut r = record();
    care(&mut r, "2023-01-09", None);
    allocate(&mut r, OTHER, "2024-09-02");
    assert_eq!(
        case_closed(&r, Some(OWNER), d("2024-09-02")),
        closed("2024-09-02", ClosedBecause::MovedToAnotherIro)
    );
    assert_eq!(case_closed(&r, Some(OWNER), d("2024-09-01")), None);
    // A store without its own IRO, or another IRO's store, knows of no move away.
    assert_eq!(case_closed(&r, None, d("2025-01-01")), None);
    assert_eq!(case_closed(&r, Some(OTHER), d("2025-01-01")), None);
    // Back with the store's own IRO: open again.
    allocate(&mut r, OWNER, "2025-02-03");
    assert_eq!(case_closed(&r, Some(OWNER), d("2025-03-01")), None);
}

#[test]
fn the_earlier_of_a_move_and_the_end_of_care_is_when_the_case_closed() {
    let mut r = record();
    care(&mut r, "2023-01-09", Some("2025-05-30"));
    allocate(&mut r, OTHER, "2024-09-02");
    assert_eq!(
        case_closed(&r, Some(OWNER), d("2025-06-01")),
        closed("2024-09-02", ClosedBecause::MovedToAnotherIro)
    );
}

#[test]
fn retention_runs_to_the_corresponding_day_and_is_past_from_the_day_after() {
    let mut r = record();
    care(&mut r, "2023-01-09", Some("2025-03-31"));
    let on = |as_of: &str| retention_of(&r, Some(OWNER), 12, d(as_of)).unwrap();
    assert_eq!(on("2026-03-31").retain_until, d("2026-03-31"));
    assert!(!on("2026-03-31").past_retention, "the last day is kept");
    assert!(on("2026-04-01").past_retention, "the day after is past");
    assert!(!on("2025-04-01").past_retention);
}

#[test]
fn retention_clamps_to_the_end_of_a_shorter_month() {
    assert_eq!(retain_until(d("2025-01-31"), 1), d("2025-02-28"));
    assert_eq!(retain_until(d("2027-08-31"), 6), d("2028-02-29"));
    assert_eq!(retain_until(d("2024-02-29"), 12), d("2025-02-28"));
}

#[test]
fn the_review_lists_closed_cases_earliest_due_first_and_leaves_open_ones_out() {
    let mut open = record();
    open.child.id = ChildId(1);
    care(&mut open, "2023-01-09", None);
    let mut late = record();
    late.child.id = ChildId(2);
    care(&mut late, "2023-01-09", Some("2025-06-30"));
    let mut early = record();
    early.child.id = ChildId(3);
    care(&mut early, "2023-01-09", Some("2024-11-15"));
    let caseload = Caseload {
        iros: Vec::new(),
        children: vec![open, late, early],
    };
    let rows = retention_review(&caseload, Some(OWNER), 6, d("2025-07-01"));
    let shown: Vec<(i64, NaiveDate, bool)> = rows
        .iter()
        .map(|r| (r.child.0, r.retain_until, r.past_retention))
        .collect();
    assert_eq!(
        shown,
        vec![(3, d("2025-05-15"), true), (2, d("2025-12-30"), false)]
    );
}
