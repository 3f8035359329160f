//! The property of issue 10: every child with an open period of care or an open
//! child-protection episode has, on any as-of date, a next due date; where a chain's outcome
//! is unknown, a warning says so. No clock can vanish silently.
//!
//! Records are generated as the store would hold them: meetings after the events that open
//! their chain, and a conference's decision written into its episode as the store writes it
//! (`CpEpisodeDetails::after_conference`).

use super::*;
use caseload_core::domain::{AbuseCategory, PlanDecision, ReviewHistory};
use chrono::Days;
use proptest::prelude::*;

fn day(offset: u32) -> NaiveDate {
    d("2016-01-04") + Days::new(u64::from(offset))
}

/// How a generated child-protection episode begins.
#[derive(Debug, Clone, Copy)]
enum Start {
    Strategy,
    S47Only,
    TransferIn { with_plan: bool },
    PlanOnly,
}

#[derive(Debug, Clone)]
pub(super) struct Spec {
    born: Option<u32>,
    unborn_edd_after: u32,
    care: Option<(u32, bool)>,
    lac_reviews: Vec<u32>,
    cp: Option<(u32, Start)>,
    initial: Option<(u32, Option<PlanDecision>)>,
    cp_reviews: Vec<(u32, bool)>,
    core_group: Option<u32>,
    as_of_after: u32,
    history: ReviewHistory,
}

fn history() -> impl Strategy<Value = ReviewHistory> {
    prop_oneof![
        Just(ReviewHistory::Recorded),
        Just(ReviewHistory::Unknown),
        (1u32..12).prop_map(|count| ReviewHistory::Earlier { count }),
    ]
}

fn start() -> impl Strategy<Value = Start> {
    prop_oneof![
        Just(Start::Strategy),
        Just(Start::S47Only),
        any::<bool>().prop_map(|with_plan| Start::TransferIn { with_plan }),
        Just(Start::PlanOnly),
    ]
}

fn decision() -> impl Strategy<Value = Option<PlanDecision>> {
    prop_oneof![
        Just(None),
        Just(Some(PlanDecision::PlanStarts)),
        Just(Some(PlanDecision::NoPlan)),
    ]
}

pub(super) fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::option::of(0u32..1500),
        1u32..300,
        prop::option::of((0u32..2500, any::<bool>())),
        prop::collection::vec(1u32..200, 0..5),
        prop::option::of((0u32..2500, start())),
        prop::option::of((1u32..40, decision())),
        prop::collection::vec((20u32..200, any::<bool>()), 0..4),
        prop::option::of(1u32..30),
        0u32..900,
        history(),
    )
        .prop_map(
            |(
                born,
                edd,
                care,
                lac_reviews,
                cp,
                initial,
                cp_reviews,
                core_group,
                as_of,
                history,
            )| Spec {
                born,
                unborn_edd_after: edd,
                care,
                lac_reviews,
                cp,
                initial,
                cp_reviews,
                core_group,
                as_of_after: as_of,
                history,
            },
        )
}

fn held_meeting(rec: &mut ChildRecord, kind: MeetingKind, on: NaiveDate) -> &mut Meeting {
    let id = MeetingId(rec.meetings.len() as i64 + 1);
    rec.meetings.push(Meeting {
        id,
        child: ChildId(1),
        kind,
        status: MeetingStatus::Held,
        booked_on: None,
        booked_at: None,
        venue: None,
        status_reason: None,
        revision: 0,
        outcome: MeetingOutcome {
            held_on: Some(on),
            participation: Some(Participation::Pn1),
            ..MeetingOutcome::default()
        },
    });
    rec.meetings.last_mut().unwrap()
}

/// Records the conference's decision as the store does: on the meeting and in its episode.
fn decide(rec: &mut ChildRecord, meeting: MeetingId, decision: PlanDecision, on: NaiveDate) {
    let category = decision.keeps_a_plan().then_some(AbuseCategory::Neg);
    let m = rec.meetings.iter_mut().find(|m| m.id == meeting).unwrap();
    m.outcome.plan_decision = Some(decision);
    m.outcome.category = category;
    let episode = &mut rec.cp_episodes[0];
    if let Some(after) = episode.details.after_conference(decision, category, on) {
        episode.details = after;
    }
}

pub(super) fn build(spec: &Spec) -> (ChildRecord, NaiveDate) {
    let mut rec = Rec::born("2000-01-01").0;
    rec.child.details.born_on = spec.born.map(day);
    if spec.born.is_none() {
        rec.child.details.expected_birth_on = spec.cp.map(|(s, _)| day(s + spec.unborn_edd_after));
        rec.child.details.expected_birth_on.get_or_insert(day(3000));
    }
    let mut latest = day(0);
    if let (Some((start, short)), Some(_)) = (spec.care, spec.born) {
        let started_on = day(start.max(spec.born.unwrap_or(0)));
        let regime = if short {
            Regime::ShortBreaks
        } else {
            Regime::FullCare
        };
        rec.care_periods.push(PeriodOfCare {
            history: spec.history,
            ..period_of_care(CarePeriodId(1), ChildId(1), started_on, None, regime)
        });
        let mut on = started_on;
        for gap in &spec.lac_reviews {
            on = on + Days::new(u64::from(*gap));
            held_meeting(&mut rec, MeetingKind::LacReview, on);
        }
        latest = latest.max(on);
    }
    if let Some((start, how)) = spec.cp {
        let started = day(start);
        let mut details = CpEpisodeDetails::default();
        match how {
            Start::Strategy => details.strategy_on = Some(started),
            Start::S47Only => details.s47_started_on = Some(started),
            Start::TransferIn { with_plan } => {
                details.transfer_in_notified_on = Some(started);
                if with_plan {
                    details.plan_started_on = Some(started - Days::new(90));
                }
            }
            Start::PlanOnly => details.plan_started_on = Some(started),
        }
        rec.cp_episodes
            .push(cp_episode(CpEpisodeId(1), ChildId(1), details));
        latest = latest.max(started);
        let initial_kind = match how {
            Start::TransferIn { .. } => MeetingKind::TransferInConference,
            _ => MeetingKind::Icpc,
        };
        let initial = match (how, spec.initial) {
            (Start::PlanOnly, _) | (_, None) => None,
            (_, Some((after, decision))) => Some((started + Days::new(u64::from(after)), decision)),
        };
        if let Some((on, decision)) = initial {
            let id = held_meeting(&mut rec, initial_kind, on).id;
            if let Some(decision) = decision {
                decide(&mut rec, id, decision, on);
            }
            latest = latest.max(on);
            let on_plan = rec.cp_episodes[0].ended_on().is_none();
            if on_plan {
                if let Some(after) = spec.core_group {
                    held_meeting(
                        &mut rec,
                        MeetingKind::CoreGroup,
                        on + Days::new(u64::from(after)),
                    );
                }
                let mut review_on = on;
                for (gap, ends) in &spec.cp_reviews {
                    review_on = review_on + Days::new(u64::from(*gap));
                    let id = held_meeting(&mut rec, MeetingKind::CpReview, review_on).id;
                    latest = latest.max(review_on);
                    if *ends {
                        decide(&mut rec, id, PlanDecision::PlanEnds, review_on);
                        break;
                    }
                }
            }
        }
    }
    (rec, latest + Days::new(u64::from(spec.as_of_after)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_open_chain_has_a_next_due_date_or_a_warning(spec in spec()) {
        let (rec, as_of) = build(&spec);
        let env = Env::defaults();
        let ctx = env.ctx();
        let due = schedule(&rec, &ctx, as_of);
        for period in rec.care_periods.iter().filter(|p| p.started_on <= as_of && p.ended_on.is_none()) {
            let scope = caseload_core::schedule::Scope::Care(period.id);
            prop_assert!(
                due.iter().any(|i| i.scope == scope && i.what == DueWhat::LacReview),
                "no review due for an open period of care: {rec:#?} as of {as_of}"
            );
        }
        let caseload = Caseload { iros: vec![], children: vec![rec.clone()] };
        let warnings = compute_warnings(&caseload, &ctx, as_of, None);
        for episode in rec.cp_episodes.iter().filter(|e| {
            e.started_on().is_some_and(|s| s <= as_of) && e.ended_on().is_none()
        }) {
            let scope = caseload_core::schedule::Scope::Protection(episode.id);
            let meeting_due = due.iter().any(|i| i.scope == scope && i.meeting_kind.is_some());
            let explained = warnings.iter().any(|w| w.kind == WarningKind::ConferenceOutcomeMissing);
            prop_assert!(
                meeting_due,
                "no meeting due for an open child-protection episode: {rec:#?} as of {as_of}"
            );
            let unknown = caseload_core::schedule::initial_outcome_missing(&rec, as_of).is_some();
            prop_assert_eq!(unknown, explained, "an unknown outcome is a warning");
        }
    }
}
