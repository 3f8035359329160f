//! The demo's disputes: open and closed DRP disputes and multi-agency challenges at several
//! stages, added after every family so the rest of the demo is exactly as it was.
//!
//! Pure over the changes already generated: it reads which children are looked after, or on a
//! child-protection plan, since long enough, and raises disputes for some of them with dates
//! counted back in working days from `as_of`. The scenarios (one cycle, then repeated for a
//! bigger caseload), as of the demo Monday:
//! - an informal challenge raised two working days ago (nothing due yet);
//! - Stage 1 after an informal challenge that did not settle it, its response due tomorrow;
//! - Stage 2 whose response is two working days overdue;
//! - an informal challenge that got no answer, escalated straight to Stage 3 (stages 1 and 2
//!   skipped), about a CP plan;
//! - Stages 1, 2 and 4, past the 20-working-day total, then referred to Cafcass five working
//!   days ago: it awaits Cafcass, its clocks stopped;
//! - a multi-agency challenge to the police at step 2;
//! - Stage 1 answered twelve working days ago with nothing since (a quiet dispute);
//! - resolved at Stage 1; ended by a referral to Cafcass at Stage 3; resolved informally.
//!
//! Then the history the annual report counts ([`HISTORY`]): closed disputes and challenges
//! raised between about 9 months and 2½ years before as-of, ended at every stage bucket of the
//! reports (informal, 1–4, 5–8, Cafcass, withdrawn), for children looked after or on a plan
//! throughout, one dispute per child.

use caseload_core::calendar::Calendar;
use caseload_core::change::Change;
use caseload_core::domain::{
    ChildDetails, Concerns, CpEpisodeDetails, DisputeKind, DisputeOutcome, DisputeReason, Regime,
    Stage,
};
use caseload_core::ids::{ChildId, DisputeId};
use caseload_core::rules::DisputeLadders;
use chrono::{NaiveDate, TimeDelta};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};

use super::{shuffle_with, DemoOptions};

/// A child's plan must have been in place this long for a dispute about it to fit (the oldest
/// scenario goes back 60 working days).
const SETTLED_DAYS: i64 = 120;

/// One stage of a scenario: (stage, raised n working days before as-of, answered n working days
/// before as-of, the answer).
type StageSpec = (u8, u32, Option<(u32, &'static str)>);

struct Scenario {
    kind: DisputeKind,
    concerns: Concerns,
    /// A code of the default reason list (domain.md §5.3).
    reason: &'static str,
    stages: &'static [StageSpec],
    /// A referral to Cafcass alongside, n working days before as-of.
    cafcass: Option<u32>,
    /// The outcome, n working days before as-of.
    outcome: Option<(DisputeOutcome, u32)>,
    /// Raised for the child's sibling group, if they have one.
    for_group: bool,
}

const SCENARIOS: [Scenario; 10] = [
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: "contact",
        stages: &[(0, 2, None)],
        cafcass: None,
        outcome: None,
        for_group: false,
    },
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: "planning",
        stages: &[
            (
                0,
                12,
                Some((
                    9,
                    "No date yet for the permanence planning meeting; will chase.",
                )),
            ),
            (1, 4, None),
        ],
        cafcass: None,
        outcome: None,
        for_group: true,
    },
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: "assessments",
        stages: &[
            (
                1,
                14,
                Some((10, "Parenting assessment delayed by staff absence.")),
            ),
            (2, 7, None),
        ],
        cafcass: None,
        outcome: None,
        for_group: false,
    },
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::CpPlan,
        reason: "progress_of_plan",
        stages: &[(0, 9, None), (3, 3, None)],
        cafcass: None,
        outcome: None,
        for_group: false,
    },
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: "permanence",
        stages: &[
            (
                1,
                30,
                Some((26, "Care plan to be revised after the review.")),
            ),
            (
                2,
                25,
                Some((20, "Revision deferred to the next permanence panel.")),
            ),
            (
                4,
                18,
                Some((12, "Director has asked for a legal planning meeting.")),
            ),
        ],
        cafcass: Some(5),
        outcome: None,
        for_group: false,
    },
    Scenario {
        kind: DisputeKind::Macp,
        concerns: Concerns::CpPlan,
        reason: "practice",
        stages: &[
            (
                1,
                8,
                Some((7, "Officer will share the strategy notes with the chair.")),
            ),
            (2, 1, None),
        ],
        cafcass: None,
        outcome: None,
        for_group: false,
    },
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: "placement_or_resources",
        stages: &[(
            1,
            16,
            Some((12, "Placement search widened to neighbouring authorities.")),
        )],
        cafcass: None,
        outcome: None,
        for_group: false,
    },
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: "contact",
        stages: &[(
            1,
            40,
            Some((37, "Sibling contact reinstated fortnightly from next week.")),
        )],
        cafcass: None,
        outcome: Some((DisputeOutcome::Resolved, 36)),
        for_group: false,
    },
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: "permanence",
        stages: &[
            (2, 60, Some((55, "Plan for adoption stays under review."))),
            (3, 52, None),
        ],
        cafcass: None,
        outcome: Some((DisputeOutcome::ReferredToCafcass, 48)),
        for_group: false,
    },
    Scenario {
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: "practice",
        stages: &[(
            0,
            30,
            Some((28, "Visits are now recorded within 24 hours.")),
        )],
        cafcass: None,
        outcome: Some((DisputeOutcome::Resolved, 27)),
        for_group: false,
    },
];

/// Closed disputes of earlier years, counted back in working days from as-of (about 250 a
/// year), so the annual report of the last two whole years has disputes to count.
const HISTORY: [Scenario; 13] = [
    closed(
        DisputeKind::Drp,
        Concerns::LacPlan,
        "planning",
        &[(0, 180, Some((176, "Plan updated with dates.")))],
        DisputeOutcome::Resolved,
        175,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::LacPlan,
        "assessments",
        &[
            (1, 230, Some((226, "Assessment rebooked."))),
            (2, 222, Some((217, "Assessor allocated."))),
        ],
        DisputeOutcome::Resolved,
        216,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::CpPlan,
        "progress_of_plan",
        &[(1, 260, Some((255, "Actions reassigned at core group.")))],
        DisputeOutcome::Resolved,
        254,
    ),
    closed(
        DisputeKind::Macp,
        Concerns::CpPlan,
        "practice",
        &[
            (1, 300, Some((299, "Will attend core group."))),
            (2, 296, Some((291, "Attendance agreed by the manager."))),
        ],
        DisputeOutcome::Resolved,
        290,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::LacPlan,
        "contact",
        &[
            (0, 340, Some((338, "Not yet."))),
            (1, 335, Some((331, "Under review."))),
            (3, 325, Some((321, "Contact plan agreed."))),
        ],
        DisputeOutcome::Resolved,
        320,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::LacPlan,
        "permanence",
        &[
            (2, 380, None),
            (3, 372, None),
            (4, 365, Some((360, "Referred to the local escalation."))),
            (5, 355, Some((349, "Permanence plan agreed."))),
        ],
        DisputeOutcome::Resolved,
        348,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::LacPlan,
        "placement_or_resources",
        &[(1, 420, None)],
        DisputeOutcome::Withdrawn,
        415,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::LacPlan,
        "permanence",
        &[(2, 460, Some((457, "No change to the plan.")))],
        DisputeOutcome::ReferredToCafcass,
        452,
    ),
    closed(
        DisputeKind::Macp,
        Concerns::CpPlan,
        "other",
        &[(1, 500, Some((498, "Information shared.")))],
        DisputeOutcome::Resolved,
        497,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::CpPlan,
        "planning",
        &[
            (0, 540, Some((537, "Will discuss with the manager."))),
            (1, 533, Some((529, "Plan amended."))),
        ],
        DisputeOutcome::Resolved,
        528,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::LacPlan,
        "practice",
        &[
            (1, 580, Some((576, "Being looked into."))),
            (2, 572, Some((567, "Visits now on time."))),
        ],
        DisputeOutcome::Resolved,
        566,
    ),
    closed(
        DisputeKind::Macp,
        Concerns::CpPlan,
        "practice",
        &[
            (1, 620, Some((619, "Noted."))),
            (2, 616, Some((610, "Under review."))),
            (3, 606, Some((604, "Referral made."))),
        ],
        DisputeOutcome::Resolved,
        603,
    ),
    closed(
        DisputeKind::Drp,
        Concerns::LacPlan,
        "contact",
        &[(0, 650, Some((649, "Contact restored.")))],
        DisputeOutcome::Resolved,
        648,
    ),
];

/// A closed scenario of [`HISTORY`].
const fn closed(
    kind: DisputeKind,
    concerns: Concerns,
    reason: &'static str,
    stages: &'static [StageSpec],
    outcome: DisputeOutcome,
    on: u32,
) -> Scenario {
    Scenario {
        kind,
        concerns,
        reason,
        stages,
        cafcass: None,
        outcome: Some((outcome, on)),
        for_group: false,
    }
}

/// Partner agencies of the demo's multi-agency challenges.
const AGENCIES: [&str; 3] = [
    "Police",
    "Health (community paediatrics)",
    "Education (school)",
];

/// Whom each step of a multi-agency challenge goes to in the demo.
const MACP_ROLES: [&str; 4] = [
    "Named practitioner",
    "Line manager",
    "Designated safeguarding lead",
    "Safeguarding partnership chair",
];

/// What the demo knows of a child from the changes generated so far.
#[derive(Default)]
struct Known {
    details: Option<ChildDetails>,
    /// Full-care periods: (start, end).
    care: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// Child-protection episodes by id.
    cp: BTreeMap<i64, CpEpisodeDetails>,
}

impl Known {
    fn settled_in_care(&self, since: NaiveDate) -> bool {
        self.care
            .iter()
            .any(|(start, end)| *start <= since && end.is_none())
    }

    /// Looked after (full care) or on a plan, as `concerns` says, from `from` to `to`.
    fn throughout(&self, concerns: Concerns, from: NaiveDate, to: NaiveDate) -> bool {
        match concerns {
            Concerns::LacPlan => self
                .care
                .iter()
                .any(|(start, end)| *start <= from && end.is_none_or(|e| e >= to)),
            Concerns::CpPlan => self.cp.values().any(|d| {
                d.plan_started_on.is_some_and(|s| s <= from)
                    && d.plan_ended_on.is_none_or(|e| e >= to)
                    && d.closed_on.is_none()
            }),
        }
    }

    fn settled_on_plan(&self, since: NaiveDate) -> bool {
        self.cp.values().any(|d| {
            d.plan_started_on.is_some_and(|s| s <= since)
                && d.plan_ended_on.is_none()
                && d.closed_on.is_none()
        })
    }
}

/// The disputes to add to a demo whose other changes are `changes`.
pub(super) fn demo_disputes(changes: &[Change], options: &DemoOptions) -> Vec<Change> {
    let mut known: BTreeMap<ChildId, Known> = BTreeMap::new();
    let mut care_child: BTreeMap<i64, (ChildId, usize)> = BTreeMap::new();
    let mut cp_child: BTreeMap<i64, ChildId> = BTreeMap::new();
    for change in changes {
        match change {
            Change::AddChild {
                id: Some(id),
                details,
                ..
            } => known.entry(*id).or_default().details = Some(details.clone()),
            Change::StartCare {
                id: Some(id),
                child,
                started_on,
                regime: Regime::FullCare,
                ..
            } => {
                let k = known.entry(*child).or_default();
                care_child.insert(id.0, (*child, k.care.len()));
                k.care.push((*started_on, None));
            }
            Change::UpdateCare {
                id,
                started_on,
                ended_on,
                ..
            } => {
                if let Some((child, idx)) = care_child.get(&id.0) {
                    known.entry(*child).or_default().care[*idx] = (*started_on, *ended_on);
                }
            }
            Change::EndCare { id, ended_on } => {
                if let Some((child, idx)) = care_child.get(&id.0) {
                    known.entry(*child).or_default().care[*idx].1 = Some(*ended_on);
                }
            }
            Change::StartCpEpisode {
                id: Some(id),
                child,
                details,
            } => {
                cp_child.insert(id.0, *child);
                known
                    .entry(*child)
                    .or_default()
                    .cp
                    .insert(id.0, details.clone());
            }
            Change::UpdateCpEpisode { id, details } => {
                if let Some(child) = cp_child.get(&id.0) {
                    known
                        .entry(*child)
                        .or_default()
                        .cp
                        .insert(id.0, details.clone());
                }
            }
            // A conference's decision changes the episode it was held in (the child's latest,
            // since each child's changes come in date order), as the store writes it.
            Change::RecordMeeting { child, outcome, .. } => {
                let (Some(decision), Some(held_on)) = (outcome.plan_decision, outcome.held_on)
                else {
                    continue;
                };
                if let Some(details) = known
                    .get_mut(child)
                    .and_then(|k| k.cp.values_mut().next_back())
                {
                    if let Some(after) =
                        details.after_conference(decision, outcome.category, held_on)
                    {
                        *details = after;
                    }
                }
            }
            _ => {}
        }
    }

    let since = options.as_of - TimeDelta::days(SETTLED_DAYS);
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed ^ 0x4452_5044_4953_5055);
    let mut in_care: Vec<ChildId> = known
        .iter()
        .filter(|(_, k)| k.settled_in_care(since))
        .map(|(id, _)| *id)
        .collect();
    let mut on_plan: Vec<ChildId> = known
        .iter()
        .filter(|(_, k)| k.settled_on_plan(since))
        .map(|(id, _)| *id)
        .collect();
    shuffle_with(&mut rng, &mut in_care);
    shuffle_with(&mut rng, &mut on_plan);
    let mut all_children: Vec<ChildId> = known.keys().copied().collect();
    shuffle_with(&mut rng, &mut all_children);

    let calendar = Calendar::bundled();
    let back = |n: u32| -> NaiveDate {
        if n == 0 {
            calendar.plan_by(options.as_of)
        } else {
            calendar.sub_working_days(options.as_of, n).result
        }
    };
    // About one cycle for the default demo: the same dates repeated for several children would
    // look made up; a bigger caseload (the benchmark's) repeats it.
    let wanted = (options.children / 30).max(SCENARIOS.len());
    let mut out = Vec::new();
    let mut next_id = 1;
    let mut used: BTreeSet<ChildId> = BTreeSet::new();
    for n in 0..wanted {
        let scenario = &SCENARIOS[n % SCENARIOS.len()];
        // A dispute about a CP plan needs a child on a plan; failing that, about the care plan.
        let pool_order: [(&Vec<ChildId>, Concerns); 2] = match scenario.concerns {
            Concerns::CpPlan => [(&on_plan, Concerns::CpPlan), (&in_care, Concerns::LacPlan)],
            Concerns::LacPlan => [(&in_care, Concerns::LacPlan), (&on_plan, Concerns::CpPlan)],
        };
        let Some((child, concerns)) = pool_order.iter().find_map(|(pool, concerns)| {
            pool.iter()
                .find(|c| !used.contains(c))
                .map(|c| (*c, *concerns))
        }) else {
            break;
        };
        used.insert(child);
        // Every child of the demo is added before their care or plan.
        let Some(details) = known.get(&child).and_then(|k| k.details.clone()) else {
            continue;
        };
        let id = DisputeId(next_id);
        next_id += 1;
        let agency = AGENCIES[(n / SCENARIOS.len()) % AGENCIES.len()];
        emit(
            scenario, id, child, concerns, &details, agency, &back, &mut out,
        );
    }

    // The history: each scenario to a child looked after (or on a plan) from a month before it
    // was raised until it ended, not yet given a dispute; repeated for a bigger caseload.
    let wanted = (options.children / 10).max(HISTORY.len());
    for n in 0..wanted {
        let scenario = &HISTORY[n % HISTORY.len()];
        let (_, first_raised, _) = scenario.stages[0];
        let from = back(first_raised) - TimeDelta::days(30);
        let to = scenario.outcome.map_or(options.as_of, |(_, on)| back(on));
        // About the plan the scenario names; failing that, the other one.
        let order = match scenario.concerns {
            Concerns::CpPlan => [Concerns::CpPlan, Concerns::LacPlan],
            Concerns::LacPlan => [Concerns::LacPlan, Concerns::CpPlan],
        };
        let Some((child, concerns)) = order.iter().find_map(|concerns| {
            all_children
                .iter()
                .find(|c| {
                    !used.contains(c)
                        && known
                            .get(c)
                            .is_some_and(|k| k.throughout(*concerns, from, to))
                })
                .map(|c| (*c, *concerns))
        }) else {
            continue;
        };
        used.insert(child);
        let Some(details) = known.get(&child).and_then(|k| k.details.clone()) else {
            continue;
        };
        let id = DisputeId(next_id);
        next_id += 1;
        let agency = AGENCIES[(n + 1) % AGENCIES.len()];
        emit(
            scenario, id, child, concerns, &details, agency, &back, &mut out,
        );
    }
    out
}

/// The changes of one scenario for one child, in date order.
#[allow(clippy::too_many_arguments)]
fn emit(
    scenario: &Scenario,
    id: DisputeId,
    child: ChildId,
    concerns: Concerns,
    details: &ChildDetails,
    agency: &str,
    back: &dyn Fn(u32) -> NaiveDate,
    out: &mut Vec<Change>,
) {
    let ladders = DisputeLadders::default();
    let sent_to = |stage: u8| -> String {
        let target = ladders
            .step(scenario.kind, Stage(stage))
            .map_or("Manager", |s| s.target.as_str());
        match (scenario.kind, stage, &details.social_worker, &details.team) {
            (DisputeKind::Drp, 0, Some(worker), _) => format!("{worker} (Social Worker)"),
            (DisputeKind::Drp, 1, _, Some(team)) => format!("{target}, {team}"),
            (DisputeKind::Drp, _, _, _) => target.to_string(),
            (DisputeKind::Macp, _, _, _) => {
                let role = MACP_ROLES[usize::from(stage.clamp(1, 4)) - 1];
                format!("{role}, {agency}")
            }
        }
    };
    let (first_stage, first_raised, _) = scenario.stages[0];
    out.push(Change::RaiseDispute {
        id: Some(id),
        child,
        kind: scenario.kind,
        concerns,
        reason: DisputeReason::new(scenario.reason),
        raised_on: back(first_raised),
        stage: Stage(first_stage),
        sent_to: sent_to(first_stage),
        sibling_group: if scenario.for_group {
            details.sibling_group.clone()
        } else {
            None
        },
        partner_agency: (scenario.kind == DisputeKind::Macp).then(|| agency.to_string()),
    });
    // In date order: each stage raised, each answer, the referral.
    let mut events: Vec<(u32, Change)> = Vec::new();
    for (i, (stage, raised, answer)) in scenario.stages.iter().enumerate() {
        if i > 0 {
            events.push((
                *raised,
                Change::EscalateDispute {
                    id,
                    stage: Stage(*stage),
                    raised_on: back(*raised),
                    sent_to: sent_to(*stage),
                },
            ));
        }
        if let Some((on, summary)) = answer {
            events.push((
                *on,
                Change::RecordDisputeResponse {
                    id,
                    stage: Stage(*stage),
                    responded_on: back(*on),
                    summary: Some((*summary).to_string()),
                },
            ));
        }
    }
    if let Some(on) = scenario.cafcass {
        events.push((on, Change::ReferToCafcass { id, on: back(on) }));
    }
    if let Some((outcome, on)) = scenario.outcome {
        events.push((
            on,
            Change::ResolveDispute {
                id,
                outcome,
                on: back(on),
            },
        ));
    }
    // Most working days back first; stable, so a stage comes before its own answer.
    events.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    out.extend(events.into_iter().map(|(_, c)| c));
}
