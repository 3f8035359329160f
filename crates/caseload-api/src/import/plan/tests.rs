//! The 903 rules of `plan`: periods from episodes, a new child whole, a re-import unchanged, a
//! newer extract ending a period, and a disagreement shown, not written.

use super::*;
use caseload_core::domain::AbuseCategory;
use caseload_interop::import::{LacReview, SourceRef};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(line: u32) -> SourceRef {
    SourceRef {
        file: "episodes.csv".to_string(),
        line: Some(line),
        element: None,
    }
}

fn ep(start: &str, rne: &str, ls: &str, end: Option<&str>, rec: Option<&str>) -> Episode {
    Episode {
        started_on: d(start),
        reason_new: rne.to_string(),
        legal_status: ls.to_string(),
        placement: None,
        ended_on: end.map(d),
        reason_end: rec.map(str::to_string),
        at: at(2),
    }
}

type Facts = (NaiveDate, Option<NaiveDate>, String, bool);

fn facts(start: &str, end: Option<&str>, ls: &str, short: bool) -> Facts {
    (d(start), end.map(d), ls.to_string(), short)
}

/// The periods of the episodes, without where they came from.
fn periods(episodes: &[Episode]) -> Vec<Facts> {
    periods_from_episodes(episodes)
        .into_iter()
        .map(|p| (p.started_on, p.ended_on, p.legal_status, p.short_breaks))
        .collect()
}

#[test]
fn an_s_episode_starts_a_period_x1_continues_it_and_another_reason_ends_it() {
    // Out of order in the file, as extracts often are.
    let episodes = [
        ep("2017-08-14", "T", "C2", Some("2018-01-05"), Some("E11")),
        ep("2016-02-15", "S", "C1", Some("2017-08-14"), Some("X1")),
        ep("2019-03-01", "S", "V3", None, None),
    ];
    assert_eq!(
        periods(&episodes),
        [
            facts("2016-02-15", Some("2018-01-05"), "C2", false),
            facts("2019-03-01", None, "V3", true),
        ]
    );
}

#[test]
fn an_end_with_no_reason_ends_the_period_unless_another_episode_starts_that_day() {
    let episodes = [
        ep("2022-01-10", "S", "C2", Some("2022-05-01"), None),
        ep("2022-05-01", "P", "C2", Some("2022-09-30"), None),
    ];
    assert_eq!(
        periods(&episodes),
        [facts("2022-01-10", Some("2022-09-30"), "C2", false)]
    );
}

#[test]
fn a_new_period_while_one_is_open_ends_the_open_one_that_day() {
    let episodes = [
        ep("2020-01-10", "S", "C2", None, None),
        ep("2021-06-01", "S", "C1", None, None),
    ];
    assert_eq!(
        periods(&episodes),
        [
            facts("2020-01-10", Some("2021-06-01"), "C2", false),
            facts("2021-06-01", None, "C1", false),
        ]
    );
}

fn child() -> ExtractChild {
    ExtractChild {
        la_id: "566910".to_string(),
        born_on: Some(d("2008-03-27")),
        sex: Some("2".to_string()),
        ethnicity: Some("WROM".to_string()),
        episodes: vec![
            ep("2016-02-15", "L", "C2", Some("2017-08-14"), Some("X1")),
            ep("2017-08-14", "T", "C2", None, None),
        ],
        reviews: vec![
            LacReview {
                held_on: d("2017-08-30"),
                participation: Some("PN6".to_string()),
                at: at(2),
            },
            LacReview {
                held_on: d("2016-03-10"),
                participation: Some("pn1".to_string()),
                at: at(3),
            },
        ],
        ..ExtractChild::default()
    }
}

#[test]
fn a_new_child_comes_whole_named_by_their_la_id_with_their_period_and_reviews() {
    let mut ids = NextIds::after(&Caseload::default());
    let plan = plan_child(&child(), None, Some(IroId(3)), d("2026-11-23"), &mut ids);
    assert!(plan.unusable.is_empty(), "{:?}", plan.unusable);
    let ops: Vec<&str> = plan.changes.iter().map(Change::op).collect();
    assert_eq!(
        ops,
        [
            "add_child",
            "start_care",
            "record_meeting",
            "record_meeting"
        ]
    );
    let Change::AddChild {
        details,
        iro,
        allocated_on,
        ..
    } = &plan.changes[0]
    else {
        unreachable!()
    };
    assert_eq!(details.display_name(), "Child 566910");
    assert_eq!(details.local_ref.as_deref(), Some("566910"));
    assert_eq!(details.sex, Sex::Female);
    assert_eq!(
        (*iro, *allocated_on),
        (Some(IroId(3)), Some(d("2016-02-15")))
    );
    // The reviews in date order, each with its code (whatever its case in the file).
    let held: Vec<(Option<NaiveDate>, Option<Participation>)> = plan.changes[2..]
        .iter()
        .map(|c| match c {
            Change::RecordMeeting { outcome, .. } => (outcome.held_on, outcome.participation),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        held,
        [
            (Some(d("2016-03-10")), Some(Participation::Pn1)),
            (Some(d("2017-08-30")), Some(Participation::Pn6))
        ]
    );
}

/// The store after importing `x`, as the core sees it (ids as the plan chose them).
fn stored(x: &ExtractChild) -> ChildRecord {
    use caseload_core::domain::{Child, Meeting, MeetingStatus, PeriodOfCare};
    let mut ids = NextIds::after(&Caseload::default());
    let plan = plan_child(x, None, None, d("2026-11-23"), &mut ids);
    let mut record = ChildRecord {
        child: Child {
            id: ChildId(1),
            details: match &plan.changes[0] {
                Change::AddChild { details, .. } => details.clone(),
                _ => unreachable!(),
            },
        },
        allocations: Vec::new(),
        care_periods: Vec::new(),
        cp_episodes: Vec::new(),
        meetings: Vec::new(),
        disputes: Vec::new(),
        records: Vec::new(),
        decisions: Vec::new(),
        transferred_out: None,
    };
    for c in &plan.changes[1..] {
        match c {
            Change::StartCare {
                id,
                started_on,
                legal_status,
                regime,
                ..
            } => record.care_periods.push(PeriodOfCare {
                history: Default::default(),
                id: id.unwrap(),
                child: ChildId(1),
                started_on: *started_on,
                ended_on: None,
                legal_status: *legal_status,
                regime: *regime,
            }),
            Change::EndCare { id, ended_on } => {
                let p = record
                    .care_periods
                    .iter_mut()
                    .find(|p| p.id == *id)
                    .unwrap();
                p.ended_on = Some(*ended_on);
            }
            Change::RecordMeeting {
                id, kind, outcome, ..
            } => record.meetings.push(Meeting {
                id: id.unwrap(),
                child: ChildId(1),
                kind: *kind,
                status: MeetingStatus::Held,
                booked_on: None,
                booked_at: None,
                venue: None,
                status_reason: None,
                revision: 0,
                outcome: outcome.clone(),
            }),
            _ => unreachable!(),
        }
    }
    record
}

#[test]
fn re_importing_the_same_child_changes_nothing() {
    let record = stored(&child());
    let mut ids = NextIds::after(&Caseload::default());
    let plan = plan_child(&child(), Some(&record), None, d("2026-11-23"), &mut ids);
    assert_eq!(plan.existing, Some(ChildId(1)));
    assert!(plan.changes.is_empty(), "{:?}", plan.changes);
    assert!(plan.disagreements.is_empty());
}

#[test]
fn a_newer_extract_ends_the_period_and_adds_the_new_review_only() {
    let record = stored(&child());
    let mut newer = child();
    newer.episodes[1] = ep("2017-08-14", "T", "C2", Some("2026-10-01"), Some("E4A"));
    newer.reviews.push(LacReview {
        held_on: d("2018-02-20"),
        participation: Some("PN5".to_string()),
        at: at(4),
    });
    let mut ids = NextIds::after(&Caseload {
        children: vec![record.clone()],
        ..Caseload::default()
    });
    let plan = plan_child(&newer, Some(&record), None, d("2026-11-23"), &mut ids);
    let ops: Vec<&str> = plan.changes.iter().map(Change::op).collect();
    assert_eq!(ops, ["end_care", "record_meeting"]);
    // A new meeting takes the next free id after the stored ones.
    let Change::RecordMeeting { id, .. } = &plan.changes[1] else {
        unreachable!()
    };
    assert_eq!(*id, Some(MeetingId(3)));
}

#[test]
fn a_different_date_of_birth_or_end_is_a_disagreement_and_is_not_written() {
    let mut record = stored(&child());
    record.child.details.born_on = Some(d("2008-03-28"));
    record.care_periods[0].ended_on = Some(d("2025-01-01"));
    let mut ids = NextIds::after(&Caseload::default());
    let plan = plan_child(&child(), Some(&record), None, d("2026-11-23"), &mut ids);
    assert!(plan.changes.is_empty());
    assert_eq!(
        plan.disagreements,
        [
            "date of birth: the file says Thu 27 Mar 2008, the store Fri 28 Mar 2008 (kept)",
            "period from Mon 15 Feb 2016: the store says it ended Wed 1 Jan 2025, the file that it is open (kept)"
        ]
    );
}

#[test]
fn a_legal_status_the_store_does_not_know_is_unusable_not_guessed() {
    let mut x = child();
    x.episodes = vec![ep("2020-01-10", "S", "ZZ", None, None)];
    let mut ids = NextIds::after(&Caseload::default());
    let plan = plan_child(&x, None, None, d("2026-11-23"), &mut ids);
    let unusable: Vec<(&str, &str)> = plan
        .unusable
        .iter()
        .map(|u| (u.field.as_str(), u.message.as_str()))
        .collect();
    assert_eq!(
        unusable,
        [(
            "LS",
            "\"ZZ\" is not a legal status this store knows: the period from Fri 10 Jan 2020 is not read"
        )]
    );
    assert!(!plan.changes.iter().any(|c| c.op() == "start_care"));
}

fn cin_child() -> ExtractChild {
    let s47 = |start: &str, icpc: Option<&str>, not_required: bool| Section47 {
        started_on: Some(d(start)),
        icpc_target_on: None,
        icpc_on: icpc.map(d),
        icpc_not_required: not_required,
        at: at(5),
    };
    ExtractChild {
        la_id: "DfEX0000001".to_string(),
        born_on: Some(d("2015-03-27")),
        sex: Some("M".to_string()),
        enquiries: vec![
            s47("2024-01-08", Some("2024-01-26"), false),
            s47("2026-11-02", None, false),
            s47("2025-05-01", None, true),
        ],
        plans: vec![CpPlan {
            id: Some("CPP1".to_string()),
            started_on: d("2024-01-26"),
            ended_on: Some(d("2025-01-20")),
            initial_category: Some("NEG".to_string()),
            latest_category: Some("EMO".to_string()),
            previous_plans: Some(1),
            reviews_held_on: vec![d("2024-04-22"), d("2024-10-21"), d("2025-01-20")],
            at: at(9),
        }],
        ..ExtractChild::default()
    }
}

/// An App holding what importing `x` on the demo Monday writes (every change validated by the
/// store as an IRO's own would be).
fn imported(x: &ExtractChild) -> crate::App {
    let mut app = crate::App::open_in_memory().unwrap();
    let mut ids = NextIds::after(&Caseload::default());
    let plan = plan_child(x, None, None, d("2026-11-23"), &mut ids);
    assert!(plan.unusable.is_empty(), "{:?}", plan.unusable);
    app.apply(&plan.changes, d("2026-11-23"), None)
        .unwrap_or_else(|e| panic!("{e}"));
    app
}

#[test]
fn a_cin_plan_is_an_episode_with_its_conference_reviews_and_end_and_a_pending_enquiry_is_due() {
    let app = imported(&cin_child());
    let snap = app.snapshot().unwrap();
    let record = &snap.caseload.children[0];
    assert_eq!(
        record.cp_episodes.len(),
        2,
        "the plan, and the enquiry awaiting its ICPC"
    );
    let first = &record.cp_episodes[0].details;
    assert_eq!(
        (
            first.s47_started_on,
            first.plan_started_on,
            first.plan_ended_on
        ),
        (
            Some(d("2024-01-08")),
            Some(d("2024-01-26")),
            Some(d("2025-01-20"))
        )
    );
    assert_eq!(first.initial_category, Some(AbuseCategory::Neg));
    assert_eq!(
        first.previous_plans,
        Some(1),
        "the census's count of earlier plans"
    );
    let kinds: Vec<(MeetingKind, Option<NaiveDate>, Option<PlanDecision>)> = record
        .meetings
        .iter()
        .map(|m| (m.kind, m.held_on(), m.outcome.plan_decision))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                MeetingKind::Icpc,
                Some(d("2024-01-26")),
                Some(PlanDecision::PlanStarts)
            ),
            (
                MeetingKind::CpReview,
                Some(d("2024-04-22")),
                Some(PlanDecision::PlanContinues)
            ),
            (
                MeetingKind::CpReview,
                Some(d("2024-10-21")),
                Some(PlanDecision::PlanContinues)
            ),
            (
                MeetingKind::CpReview,
                Some(d("2025-01-20")),
                Some(PlanDecision::PlanEnds)
            ),
        ]
    );
    // The enquiry of 2 Nov 2026 has no conference yet: Today says when it is due.
    let warnings = app.warnings(d("2026-11-23"), None).unwrap();
    assert!(
        warnings
            .warnings
            .iter()
            .any(|w| w.title.contains("nitial child protection conference")),
        "{:?}",
        warnings
            .warnings
            .iter()
            .map(|w| &w.title)
            .collect::<Vec<_>>()
    );
}

#[test]
fn re_importing_a_cin_child_changes_nothing_and_a_new_review_is_added_alone() {
    let app = imported(&cin_child());
    let snap = app.snapshot().unwrap();
    let record = &snap.caseload.children[0];
    let mut ids = NextIds::after(&snap.caseload);
    let same = plan_child(&cin_child(), Some(record), None, d("2026-11-23"), &mut ids);
    assert!(same.changes.is_empty(), "{:?}", same.changes);

    let mut open = cin_child();
    open.plans[0].ended_on = None;
    open.plans[0].reviews_held_on.truncate(1);
    // The older extract had not the enquiry of November 2026 either.
    open.enquiries.truncate(1);
    let app = imported(&open);
    let snap = app.snapshot().unwrap();
    let mut ids = NextIds::after(&snap.caseload);
    let newer = plan_child(
        &cin_child(),
        Some(&snap.caseload.children[0]),
        None,
        d("2026-11-23"),
        &mut ids,
    );
    let ops: Vec<&str> = newer.changes.iter().map(Change::op).collect();
    assert_eq!(
        ops,
        ["record_meeting", "record_meeting", "start_cp_episode"],
        "two reviews, the last ending the plan, then the new enquiry"
    );
    let mut app = app;
    app.apply(&newer.changes, d("2026-11-23"), None)
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_plan_listed_twice_is_one_and_an_enquiry_during_a_plan_is_part_of_it() {
    let mut x = cin_child();
    x.plans.push(x.plans[0].clone());
    x.enquiries.push(Section47 {
        started_on: Some(d("2024-06-03")),
        icpc_target_on: None,
        icpc_on: Some(d("2024-06-20")),
        icpc_not_required: false,
        at: at(30),
    });
    let mut ids = NextIds::after(&Caseload::default());
    let plan = plan_child(&x, None, None, d("2026-11-23"), &mut ids);
    let fields: Vec<&str> = plan.unusable.iter().map(|u| u.field.as_str()).collect();
    assert_eq!(fields, ["CPPstartDate"], "the second listing of the plan");
    assert_eq!(plan.notes.len(), 1);
    assert!(plan.notes[0].contains("falls during the plan from Fri 26 Jan 2024"));
    let episodes = plan
        .changes
        .iter()
        .filter(|c| c.op() == "start_cp_episode")
        .count();
    assert_eq!(
        episodes, 2,
        "the plan and the enquiry of November 2026, nothing more"
    );
}
