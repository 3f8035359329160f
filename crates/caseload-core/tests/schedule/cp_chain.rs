//! Issue 10: no clock vanishes silently. The child-protection chain after an initial
//! conference, transfer-in, pre-birth, every meeting's decisions and record, the preparation
//! rules, and the other checks.

use super::*;
use caseload_core::domain::{AbuseCategory, PlanDecision};
use expect_test::expect;

fn strategy(on: &str) -> CpEpisodeDetails {
    CpEpisodeDetails {
        strategy_on: Some(d(on)),
        ..CpEpisodeDetails::default()
    }
}

fn decided(decision: PlanDecision) -> impl FnOnce(&mut Meeting) {
    move |m| {
        m.outcome.plan_decision = Some(decision);
        m.outcome.category = decision.keeps_a_plan().then_some(AbuseCategory::Neg);
    }
}

fn whats(rec: &Rec, as_of: &str) -> Vec<DueWhat> {
    items(rec, as_of).into_iter().map(|i| i.what).collect()
}

#[test]
fn a_held_icpc_without_an_outcome_keeps_its_chain_and_is_a_warning() {
    let rec = Rec::born("2020-01-01")
        .cp(strategy("2025-11-27"))
        .held(MeetingKind::Icpc, "2025-12-18");
    assert_eq!(
        next(&rec, "2025-12-19", DueWhat::CpReview),
        (RuleId::CpFirstReview, d("2026-03-18"), None)
    );
    assert_eq!(
        next(&rec, "2025-12-19", DueWhat::CoreGroup),
        (RuleId::CoreGroup, d("2026-01-06"), None)
    );
    let review = items(&rec, "2025-12-19")
        .into_iter()
        .find(|i| i.what == DueWhat::CpReview)
        .unwrap();
    expect![[r#"
        First child protection review conference due Wed 18 Mar 2026: 3 months after the initial conference was held (Thu 18 Dec 2025).
        Rule cp-first-review (C2): Working Together to Safeguard Children 2023, ch. 3 (within 3 months of the ICPC).
        Calendar months: the same day of the month, 3 months later.
        The initial conference of Thu 18 Dec 2025 has no outcome recorded: this date assumes it made a plan. Record whether it did."#]]
    .assert_eq(&review.due.explanation.text.join("\n"));
    let missing: Vec<_> = warnings(&rec, "2025-12-19")
        .into_iter()
        .filter(|w| w.kind == WarningKind::ConferenceOutcomeMissing)
        .map(|w| (w.severity, w.meeting))
        .collect();
    assert_eq!(missing, [(Severity::Red, Some(MeetingId(1)))]);
}

#[test]
fn an_icpc_that_made_a_plan_chains_from_its_day_without_a_typed_plan_start() {
    let rec = Rec::born("2020-01-01")
        .cp(strategy("2025-11-27"))
        .held(MeetingKind::Icpc, "2025-12-18")
        .last_meeting(decided(PlanDecision::PlanStarts));
    assert_eq!(
        next(&rec, "2025-12-19", DueWhat::CpReview),
        (RuleId::CpFirstReview, d("2026-03-18"), None)
    );
    assert!(warnings(&rec, "2025-12-19")
        .iter()
        .all(|w| w.kind != WarningKind::ConferenceOutcomeMissing));
}

#[test]
fn an_icpc_that_decided_no_plan_leaves_no_review_due() {
    let rec = Rec::born("2020-01-01")
        .cp(strategy("2025-11-27"))
        .held(MeetingKind::Icpc, "2025-12-18")
        .last_meeting(decided(PlanDecision::NoPlan));
    let due = whats(&rec, "2025-12-19");
    assert!(
        !due.contains(&DueWhat::CpReview) && !due.contains(&DueWhat::CoreGroup),
        "{due:?}"
    );
    assert!(warnings(&rec, "2025-12-19")
        .iter()
        .all(|w| w.kind != WarningKind::ConferenceOutcomeMissing));
}

#[test]
fn a_decision_writes_the_episode_as_the_store_will() {
    let open = strategy("2025-11-27");
    let held = d("2025-12-18");
    // A plan starts on the conference's day and takes its category.
    let after = open
        .after_conference(PlanDecision::PlanStarts, Some(AbuseCategory::Emo), held)
        .unwrap();
    assert_eq!(
        (
            after.plan_started_on,
            after.initial_category,
            after.latest_category
        ),
        (
            Some(held),
            Some(AbuseCategory::Emo),
            Some(AbuseCategory::Emo)
        )
    );
    // Unless another start was given.
    let typed = CpEpisodeDetails {
        plan_started_on: Some(d("2025-12-17")),
        ..open.clone()
    };
    let after = typed
        .after_conference(PlanDecision::PlanStarts, Some(AbuseCategory::Neg), held)
        .unwrap();
    assert_eq!(after.plan_started_on, Some(d("2025-12-17")));
    // No plan closes the episode; a plan from before (a transfer-in's) ends.
    let after = open
        .after_conference(PlanDecision::NoPlan, None, held)
        .unwrap();
    assert_eq!((after.closed_on, after.plan_ended_on), (Some(held), None));
    let transfer = CpEpisodeDetails {
        transfer_in_notified_on: Some(d("2025-11-27")),
        plan_started_on: Some(d("2025-06-01")),
        ..CpEpisodeDetails::default()
    };
    let after = transfer
        .after_conference(PlanDecision::NoPlan, None, held)
        .unwrap();
    assert_eq!((after.closed_on, after.plan_ended_on), (None, Some(held)));
    // A review ends the plan on its day; a decision that changes nothing writes nothing.
    let on_plan = open
        .after_conference(PlanDecision::PlanStarts, Some(AbuseCategory::Neg), held)
        .unwrap();
    let ended = on_plan
        .after_conference(PlanDecision::PlanEnds, None, d("2026-03-10"))
        .unwrap();
    assert_eq!(ended.plan_ended_on, Some(d("2026-03-10")));
    assert_eq!(
        on_plan.after_conference(PlanDecision::PlanContinues, None, d("2026-03-10")),
        None
    );
}

#[test]
fn an_originating_plan_start_does_not_suppress_the_transfer_in_conference() {
    let rec = Rec::born("2019-01-01").cp(CpEpisodeDetails {
        transfer_in_notified_on: Some(d("2026-03-30")),
        plan_started_on: Some(d("2025-06-01")),
        ..CpEpisodeDetails::default()
    });
    assert_eq!(
        next(&rec, "2026-04-01", DueWhat::TransferInConference),
        (RuleId::TransferInConference, d("2026-04-22"), None)
    );
    assert!(!whats(&rec, "2026-04-01").contains(&DueWhat::CpReview));
    let rec = rec.held(MeetingKind::TransferInConference, "2026-04-20");
    assert_eq!(
        next(&rec, "2026-04-21", DueWhat::CpReview),
        (RuleId::CpFirstReview, d("2026-07-20"), None)
    );
}

/// Pre-birth vectors: (expected date of birth, strategy discussion, rule applied, due).
const PRE_BIRTH: &[(&str, &str, RuleId, &str)] = &[
    // 12 weeks before the EDD is well after the strategy discussion: the local pre-birth date.
    (
        "2027-03-01",
        "2026-10-01",
        RuleId::PreBirthConference,
        "2026-12-07",
    ),
    // A late referral: 12 weeks before the EDD (Sun 27 Sep) had passed at the strategy
    // discussion (Mon 2 Nov): 15 working days from it.
    ("2026-12-20", "2026-11-02", RuleId::Icpc, "2026-11-23"),
    // The pre-birth date falls the day after the strategy discussion: it still applies.
    (
        "2027-01-25",
        "2026-11-01",
        RuleId::PreBirthConference,
        "2026-11-02",
    ),
];

#[test]
fn pre_birth_conference_vectors() {
    for &(edd, strategy_on, rule, due_on) in PRE_BIRTH {
        let rec = Rec::unborn(edd).cp(strategy(strategy_on));
        let (got_rule, got_due, _) = next(&rec, strategy_on, DueWhat::PreBirthConference);
        assert_eq!((got_rule, got_due), (rule, d(due_on)), "EDD {edd}");
        // Never overdue on the day of the strategy discussion.
        assert!(
            warnings(&rec, strategy_on)
                .iter()
                .all(|w| w.severity != Severity::Overdue),
            "EDD {edd}"
        );
    }
}

#[test]
fn a_late_pre_birth_referral_explains_which_rule_applied() {
    let rec = Rec::unborn("2026-12-20").cp(strategy("2026-11-02"));
    let item = items(&rec, "2026-11-02").remove(0);
    expect![[r#"
        Initial child protection conference due Mon 23 Nov 2026: 15 working days after the strategy discussion (Mon 2 Nov 2026).
        Rule icpc (C1): Working Together to Safeguard Children 2023, ch. 3 (15 working days, as WT 2018).
        Counting: Mon 2 Nov 2026 is day 0; day 1 is the first working day after it.
        Skipped 6 weekend days; no bank holidays.
        The pre-birth date (12 weeks before the expected date of birth: Sun 27 Sep 2026) had already passed at the strategy discussion, so the initial conference's 15 working days apply (rule icpc)."#]]
    .assert_eq(&item.due.explanation.text.join("\n"));
}

#[test]
fn a_plan_made_before_birth_is_reviewed_within_ten_working_days_of_it() {
    let rec = Rec::unborn("2026-06-01")
        .cp(strategy("2026-02-02"))
        .held(MeetingKind::Icpc, "2026-03-02")
        .last_meeting(decided(PlanDecision::PlanStarts));
    assert!(!whats(&rec, "2026-03-03").contains(&DueWhat::PostBirthReview));
    let mut rec = rec;
    rec.0.child.details.born_on = Some(d("2026-05-20"));
    // Wed 20 May 2026 + 10 working days, passing the Spring bank holiday (25 May).
    assert_eq!(
        next(&rec, "2026-05-21", DueWhat::PostBirthReview),
        (RuleId::PostBirthReview, d("2026-06-04"), None)
    );
    let rec = rec.held(MeetingKind::CoreGroup, "2026-05-28");
    assert!(!whats(&rec, "2026-05-29").contains(&DueWhat::PostBirthReview));
    // A child born before the initial conference has no such review.
    let born_first = Rec::born("2026-01-10")
        .cp(strategy("2026-02-02"))
        .held(MeetingKind::Icpc, "2026-02-20")
        .last_meeting(decided(PlanDecision::PlanStarts));
    assert!(!whats(&born_first, "2026-02-23").contains(&DueWhat::PostBirthReview));
}

#[test]
fn an_earlier_reviews_unsent_record_stays_due_until_sent() {
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-04-20")
        .last_meeting(|m| m.outcome.record_sent_on = None)
        .held(MeetingKind::LacReview, "2026-10-01");
    let late: Vec<_> = warnings(&rec, "2026-11-02")
        .into_iter()
        .filter(|w| w.kind == WarningKind::RecordLate)
        .map(|w| (w.meeting, w.due))
        .collect();
    // Held Mon 20 Apr 2026: record due 20 working days later, Tue 19 May (Early May holiday).
    assert_eq!(late, [(Some(MeetingId(2)), Some(d("2026-05-19")))]);
    let rec = rec.0.clone();
    let mut sent = Rec(rec);
    sent.0.meetings[1].outcome.record_sent_on = Some(d("2026-11-02"));
    assert!(warnings(&sent, "2026-11-02")
        .iter()
        .all(|w| w.kind != WarningKind::RecordLate));
}

#[test]
fn a_conferences_decisions_and_record_clocks_start_when_it_is_held() {
    let rec = Rec::born("2020-01-01")
        .cp(strategy("2025-11-27"))
        .held(MeetingKind::Icpc, "2025-12-18")
        .last_meeting(|m| {
            decided(PlanDecision::PlanStarts)(m);
            m.outcome.decisions_sent_on = None;
            m.outcome.record_sent_on = None;
        });
    let due: Vec<_> = warnings(&rec, "2025-12-19")
        .into_iter()
        .filter(|w| matches!(w.kind, WarningKind::DecisionsDue | WarningKind::RecordDue))
        .map(|w| (w.kind, w.due))
        .collect();
    // Thu 18 Dec 2025: decisions 5 working days (Mon 29 Dec, after Christmas), record 20.
    assert_eq!(
        due,
        [
            (WarningKind::DecisionsDue, Some(d("2025-12-29"))),
            (WarningKind::RecordDue, Some(d("2026-01-20"))),
        ]
    );
}

#[test]
fn the_social_workers_contact_and_the_reports_are_due_before_a_booked_review() {
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-06-01")
        .booked(MeetingKind::LacReview, "2026-11-27")
        .last_meeting(|m| m.outcome.child_seen_on = Some(d("2026-11-10")));
    let prep = |rec: &Rec, as_of: &str| -> Vec<WarningKind> {
        warnings(rec, as_of)
            .into_iter()
            .flat_map(|w| w.flags)
            .map(|f| f.kind)
            .filter(|k| {
                matches!(
                    k,
                    WarningKind::SocialWorkerContactLate | WarningKind::ReportsLate
                )
            })
            .collect()
    };
    // 15 working days before Fri 27 Nov is Fri 6 Nov: on that day, not yet late.
    assert!(prep(&rec, "2026-11-06").is_empty());
    assert_eq!(
        prep(&rec, "2026-11-09"),
        [WarningKind::SocialWorkerContactLate]
    );
    // 3 working days before is Tue 24 Nov; from Wed 25 Nov the reports are late too.
    assert_eq!(
        prep(&rec, "2026-11-25"),
        [
            WarningKind::SocialWorkerContactLate,
            WarningKind::ReportsLate
        ]
    );
    let done = rec.last_meeting(|m| {
        m.outcome.social_worker_contact_on = Some(d("2026-11-02"));
        m.outcome.reports_received_on = Some(d("2026-11-23"));
    });
    assert!(prep(&done, "2026-11-25").is_empty());
}

#[test]
fn an_icpc_booked_on_a_weekend_or_bank_holiday_is_flagged() {
    for (on, flagged) in [
        ("2026-12-19", true),  // Saturday
        ("2026-12-28", true),  // Boxing Day (substitute)
        ("2026-12-22", false), // Tuesday
    ] {
        let rec = Rec::born("2020-01-01")
            .cp(strategy("2026-12-07"))
            .booked(MeetingKind::Icpc, on);
        let found = warnings(&rec, "2026-12-08")
            .iter()
            .any(|w| w.has_flag(WarningKind::BookedOnNonWorkingDay));
        assert_eq!(found, flagged, "{on}");
    }
}

#[test]
fn a_caseload_below_the_band_is_worth_knowing() {
    let env = Env::defaults();
    let ctx = env.ctx();
    let mut caseload = Caseload::default();
    caseload.iros.push(Iro {
        id: IroId(1),
        details: IroDetails {
            name: "Demo IRO".into(),
            fte: 1.0,
            active: true,
        },
    });
    let below = |caseload: &Caseload| -> Vec<Severity> {
        compute_warnings(caseload, &ctx, d("2026-11-23"), None)
            .into_iter()
            .filter(|w| w.kind == WarningKind::CaseloadBelowBand)
            .map(|w| w.severity)
            .collect()
    };
    // A child-protection chair with no looked-after child is not below a band.
    assert!(below(&caseload).is_empty());
    for i in 0..49 {
        let mut rec = Rec::born("2015-06-01")
            .care("2026-01-05", None, Regime::FullCare)
            .0;
        rec.child.id = ChildId(i + 1);
        caseload.children.push(rec);
    }
    assert_eq!(below(&caseload), [Severity::Info]);
    let mut rec = caseload.children[0].clone();
    rec.child.id = ChildId(50);
    caseload.children.push(rec);
    assert!(below(&caseload).is_empty(), "50 is inside the band");
}
