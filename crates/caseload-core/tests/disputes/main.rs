//! Feature tests of disputes (domain.md §5): the stage clocks across bank holidays, skipping
//! stages, each escalation restarting the clock, Cafcass referral, the 20-working-day formal
//! total, the follow-up of a quiet dispute, the warnings, and validation.
//!
//! Every date below was counted by hand against the bank-holiday table of domain.md §1.4.

use caseload_core::change::Change;
use caseload_core::disputes::{dispute_clocks, DisputeClocks};
use caseload_core::domain::{
    Caseload, ChildDetails, ChildRecord, Concerns, CpEpisodeDetails, Dispute, DisputeKind,
    DisputeOutcome, DisputeReason, Sex, Stage, StageEvent,
};
use caseload_core::ids::{ChildId, DisputeId, IroId};
use caseload_core::rules::{
    DisputeLadders, DisputeReasons, LadderStep, ReasonCategory, RuleId, RuleOverride, Rules,
    StageClock,
};
use caseload_core::validate::{
    check_ladder_keeps_stages, check_reasons_keep_codes, dates_of, subject, ErrorCode, Subject,
};
use caseload_core::warnings::{compute_warnings, explain_warning, Warning};
use chrono::NaiveDate;
use expect_test::{expect, Expect};

#[path = "../common/mod.rs"]
mod common;
use common::{child_details, d, in_care_and_protection, validated, Env};

/// Child 1, born 1 May 2015, looked after since 6 January 2020, with a CP episode open since
/// 5 October 2026 (strategy discussion) and a plan from 22 October 2026.
fn record() -> ChildRecord {
    let details = ChildDetails {
        sibling_group: Some("SG-1".into()),
        ..child_details("Test", "Child", Some("2015-05-01"), Sex::Female)
    };
    let episode = CpEpisodeDetails {
        strategy_on: Some(d("2026-10-05")),
        plan_started_on: Some(d("2026-10-22")),
        ..CpEpisodeDetails::default()
    };
    in_care_and_protection(details, "2020-01-06", episode)
}

/// A DRP dispute about the care plan from stages given as (stage, raised, responded).
fn drp(stages: &[(u8, &str, Option<&str>)]) -> Dispute {
    dispute(DisputeKind::Drp, stages)
}

fn dispute(kind: DisputeKind, stages: &[(u8, &str, Option<&str>)]) -> Dispute {
    Dispute {
        id: DisputeId(7),
        child: ChildId(1),
        kind,
        concerns: Concerns::LacPlan,
        reason: DisputeReason::new("planning"),
        raised_on: d(stages[0].1),
        sibling_group: None,
        partner_agency: (kind == DisputeKind::Macp).then(|| "Police".to_string()),
        stages: stages
            .iter()
            .map(|(stage, raised, responded)| StageEvent {
                stage: Stage(*stage),
                raised_on: d(raised),
                sent_to: format!("Manager {stage}"),
                responded_on: responded.map(d),
                response_summary: None,
            })
            .collect(),
        cafcass_referred_on: None,
        outcome: None,
        closed_on: None,
    }
}

fn clocks_with(dispute: &Dispute, rules: &Rules, as_of: &str) -> DisputeClocks {
    let env = Env {
        rules: rules.clone(),
        ..Env::defaults()
    };
    dispute_clocks(dispute, &env.ctx(), d(as_of))
}

fn clocks(dispute: &Dispute, as_of: &str) -> DisputeClocks {
    clocks_with(dispute, &Rules::defaults(), as_of)
}

/// The date the awaited response is due.
fn awaiting(dispute: &Dispute, as_of: &str) -> Option<NaiveDate> {
    clocks(dispute, as_of).awaiting.map(|due| due.due)
}

fn warnings_with(dispute: Dispute, rules: &Rules, as_of: &str) -> Vec<Warning> {
    let env = Env {
        rules: rules.clone(),
        ..Env::defaults()
    };
    let mut rec = record();
    rec.disputes.push(dispute);
    let caseload = Caseload {
        iros: Vec::new(),
        children: vec![rec],
    };
    // The record's reviews and conferences are not the point here: only dispute warnings.
    let mut warnings = compute_warnings(&caseload, &env.ctx(), d(as_of), None);
    warnings.retain(|w| w.dispute.is_some());
    warnings
}

/// One line per warning: kind, severity, due date, working days left and the message.
fn check_warnings(dispute: Dispute, as_of: &str, expect: Expect) {
    check_warnings_with(dispute, &Rules::defaults(), as_of, expect);
}

fn check_warnings_with(dispute: Dispute, rules: &Rules, as_of: &str, expect: Expect) {
    let lines: Vec<String> = warnings_with(dispute, rules, as_of)
        .iter()
        .map(|w| {
            let row = format!(
                "{:?} {:?} due {} left {}: {}",
                w.kind,
                w.severity,
                w.due.map_or("-".to_string(), |d| d.to_string()),
                w.working_days_left.unwrap_or_default(),
                w.message
            );
            let flags = w
                .flags
                .iter()
                .map(|f| format!("\n  + {:?} {:?}: {}", f.kind, f.severity, f.message));
            std::iter::once(row).chain(flags).collect::<String>()
        })
        .collect();
    expect.assert_eq(&lines.join("\n"));
}

// --- stage clocks ---------------------------------------------------------------------------

#[test]
fn stage_raised_before_christmas_is_answered_by_new_years_eve() {
    // Tue 22 Dec 2026: 23, 24 Dec = 1, 2; 25 Dec (Fri), 26–27 (weekend), 28 Dec (Boxing Day
    // substitute) skipped; 29, 30, 31 Dec = 3, 4, 5.
    let dispute = drp(&[(1, "2026-12-22", None)]);
    let due = clocks(&dispute, "2026-12-22").awaiting.unwrap();
    assert_eq!(due.due, d("2026-12-31"));
    assert_eq!(due.rule, RuleId::DrpStageResponse);
    expect![[r#"
        Response to Stage 1 due Thu 31 Dec 2026: 5 working days after Stage 1 was raised (Tue 22 Dec 2026).
        Rule drp-stage-response (§5.3): IRO Handbook 2010, ch. 6; local Dispute Resolution Process (default 5 working days per stage).
        Counting: Tue 22 Dec 2026 is day 0; day 1 is the first working day after it.
        Skipped 2 weekend days and bank holidays: Fri 25 Dec 2026 (Christmas Day), Mon 28 Dec 2026 (Boxing Day (substitute day))."#]]
    .assert_eq(&due.explanation.text.join("\n"));
}

#[test]
fn stage_clocks_over_easter_2026() {
    // Thu 2 Apr 2026: Good Friday 3 Apr, weekend, Easter Monday 6 Apr; 7, 8, 9, 10, 13 Apr.
    assert_eq!(
        awaiting(&drp(&[(2, "2026-04-02", None)]), "2026-04-02"),
        Some(d("2026-04-13"))
    );
    // Mon 30 Mar 2026 (TV2's start): 31 Mar, 1, 2 Apr, then 7, 8 Apr.
    assert_eq!(
        awaiting(&drp(&[(0, "2026-03-30", None)]), "2026-03-30"),
        Some(d("2026-04-08"))
    );
    // Raised on Good Friday itself: day 1 is Tue 7 Apr, day 5 Mon 13 Apr.
    assert_eq!(
        awaiting(&drp(&[(3, "2026-04-03", None)]), "2026-04-03"),
        Some(d("2026-04-13"))
    );
}

#[test]
fn stage_clock_across_new_year_and_a_weekend_tv1_style() {
    // Fri 18 Dec 2026 (TV1's start): 21, 22, 23, 24, 29 Dec.
    assert_eq!(
        awaiting(&drp(&[(1, "2026-12-18", None)]), "2026-12-18"),
        Some(d("2026-12-29"))
    );
    // Wed 30 Dec 2026: 31 Dec, (1 Jan holiday), 4, 5, 6, 7 Jan 2027.
    assert_eq!(
        awaiting(&drp(&[(1, "2026-12-30", None)]), "2026-12-30"),
        Some(d("2027-01-07"))
    );
}

#[test]
fn each_escalation_restarts_the_clock_and_supersedes_the_unanswered_stage() {
    // Informal challenge Mon 2 Nov 2026 (due Mon 9 Nov), no answer; Stage 1 on Wed 4 Nov.
    let dispute = drp(&[(0, "2026-11-02", None), (1, "2026-11-04", None)]);
    let c = clocks(&dispute, "2026-11-05");
    assert_eq!(c.awaiting.map(|due| due.due), Some(d("2026-11-11")));
    let informal = &c.stages[0];
    assert_eq!(informal.label, "Informal challenge");
    assert_eq!(
        informal.response_due.as_ref().map(|due| due.due),
        Some(d("2026-11-09"))
    );
    assert!(informal.superseded);
    assert!(!c.stages[1].superseded);
    // On Tue 10 Nov the informal challenge's date has passed, but it no longer runs: only
    // Stage 1's clock is reported.
    check_warnings(
        dispute.clone(),
        "2026-11-10",
        expect![[
            r#"DisputeResponseDueSoon Red due 2026-11-11 left 1: The response to Stage 1 of the dispute (sent to Manager 1) is due Wed 11 Nov 2026 (1 working day left)."#
        ]],
    );
    // Stage 1's own clock: due within 2 working days on Mon 9 Nov, overdue on Thu 12 Nov.
    check_warnings(
        dispute.clone(),
        "2026-11-09",
        expect![[
            r#"DisputeResponseDueSoon Red due 2026-11-11 left 2: The response to Stage 1 of the dispute (sent to Manager 1) is due Wed 11 Nov 2026 (2 working days left)."#
        ]],
    );
    check_warnings(
        dispute,
        "2026-11-12",
        expect!["DisputeResponseOverdue Overdue due 2026-11-11 left -1: The response to Stage 1 of the dispute (sent to Manager 1 on Wed 4 Nov 2026) was due on Wed 11 Nov 2026: overdue by 1 working day. Escalate, or record the response."],
    );
}

#[test]
fn skipping_from_informal_to_stage_three_starts_the_formal_process_at_stage_three() {
    // Informal challenge Mon 2 Nov 2026, answered Fri 6 Nov; straight to Stage 3 on Mon 9 Nov.
    let dispute = drp(&[
        (0, "2026-11-02", Some("2026-11-06")),
        (3, "2026-11-09", None),
    ]);
    let c = clocks(&dispute, "2026-11-10");
    let stages: Vec<(u8, &str)> = c
        .stages
        .iter()
        .map(|s| (s.stage.0, s.label.as_str()))
        .collect();
    assert_eq!(stages, [(0, "Informal challenge"), (3, "Stage 3")]);
    assert_eq!(
        c.awaiting.as_ref().map(|due| due.due),
        Some(d("2026-11-16"))
    );
    let formal = c.formal.expect("a formal clock");
    assert_eq!(formal.stage, Stage(3));
    assert_eq!(formal.started_on, d("2026-11-09"));
    assert_eq!(formal.elapsed_working_days, 1);
    // 20 working days from Mon 9 Nov 2026: Mon 7 Dec.
    assert_eq!(formal.due.due, d("2026-12-07"));
}

#[test]
fn a_stage_on_a_local_clock_or_a_rule_override_is_explained_as_local() {
    let dispute = drp(&[(2, "2026-11-02", None)]);
    let rules = Rules::defaults().with_ladders({
        let mut ladders = DisputeLadders::default();
        ladders.drp[2].response = StageClock::WorkingDays(3);
        ladders
    });
    let due = clocks_with(&dispute, &rules, "2026-11-02")
        .awaiting
        .unwrap();
    assert_eq!(due.due, d("2026-11-05"));
    expect![[r#"
        Response to Stage 2 due Thu 5 Nov 2026: 3 working days after Stage 2 was raised (Mon 2 Nov 2026).
        Rule drp-stage-response (§5.3): IRO Handbook 2010, ch. 6; local Dispute Resolution Process (default 5 working days per stage). Local setting: 3 working days (the default is 5).
        Counting: Mon 2 Nov 2026 is day 0; day 1 is the first working day after it.
        Skipped no weekend days; no bank holidays."#]]
    .assert_eq(&due.explanation.text.join("\n"));

    let rules = Rules::with_overrides([RuleOverride {
        rule: RuleId::DrpStageResponse,
        value: 10,
        note: None,
    }]);
    assert_eq!(
        clocks_with(&dispute, &rules, "2026-11-02")
            .awaiting
            .unwrap()
            .due,
        d("2026-11-16")
    );
}

#[test]
fn multi_agency_steps_follow_their_own_clocks_and_have_no_formal_total() {
    // Step 1: an action plan in 2 working days; step 2: 5; step 4 (a partnership meeting)
    // has no clock.
    let step1 = dispute(DisputeKind::Macp, &[(1, "2026-11-05", None)]);
    let c = clocks(&step1, "2026-11-05");
    let due = c.awaiting.unwrap();
    assert_eq!(
        (due.rule, due.due),
        (RuleId::MacpActionPlan, d("2026-11-09"))
    );
    assert_eq!(due.explanation.title, "Response to Step 1");
    let step4 = dispute(
        DisputeKind::Macp,
        &[
            (1, "2026-10-01", Some("2026-10-02")),
            (2, "2026-10-05", Some("2026-10-09")),
            (4, "2026-10-12", None),
        ],
    );
    let c = clocks(&step4, "2026-11-23");
    assert_eq!(c.awaiting, None);
    assert_eq!(c.formal, None, "no 20-working-day total for a challenge");
    // Only the follow-up: nothing since Mon 12 Oct (30 working days to Mon 23 Nov).
    check_warnings(
        step4,
        "2026-11-23",
        expect![[
            r#"DisputeInactive Amber due 2026-10-26 left -20: Nothing recorded on the challenge to Police for 30 working days (last: Step 4 raised on Mon 12 Oct 2026)."#
        ]],
    );
}

// --- the formal total -------------------------------------------------------------------------

/// Informal challenge Mon 26 Oct 2026; stages 1–4 each raised on a Monday and answered that
/// Friday: 2, 9, 16 and 23 November. November 2026 has no bank holiday, so the 20th working day
/// after Mon 2 Nov is Mon 30 Nov.
fn four_stages_answered() -> Dispute {
    drp(&[
        (0, "2026-10-26", Some("2026-10-30")),
        (1, "2026-11-02", Some("2026-11-06")),
        (2, "2026-11-09", Some("2026-11-13")),
        (3, "2026-11-16", Some("2026-11-20")),
        (4, "2026-11-23", Some("2026-11-27")),
    ])
}

#[test]
fn formal_total_warns_on_the_21st_working_day_not_before() {
    let dispute = four_stages_answered();
    let formal = clocks(&dispute, "2026-11-30").formal.unwrap();
    assert_eq!(
        formal.started_on,
        d("2026-11-02"),
        "the informal challenge does not count"
    );
    assert_eq!((formal.elapsed_working_days, formal.limit), (20, 20));
    assert_eq!(formal.due.due, d("2026-11-30"));
    check_warnings(dispute.clone(), "2026-11-30", expect!["DisputeResponseReceived Amber due 2026-12-11 left 9: Response received: accept or escalate by Fri 11 Dec 2026 (9 working days left). Manager 4 answered Stage 4 on Fri 27 Nov 2026."]);
    check_warnings(
        dispute.clone(),
        "2026-12-01",
        expect![[r#"
            DisputeResponseReceived Overdue due 2026-12-11 left 8: Response received: accept or escalate by Fri 11 Dec 2026 (8 working days left). Manager 4 answered Stage 4 on Fri 27 Nov 2026.
              + DisputeFormalOverdue Overdue: The formal process of the dispute began on Mon 2 Nov 2026 and has taken 21 working days, more than the 20 working days allowed (due Mon 30 Nov 2026)."#]],
    );
    assert_eq!(
        clocks(&dispute, "2026-12-01")
            .formal
            .unwrap()
            .elapsed_working_days,
        21
    );
}

#[test]
fn formal_total_counts_to_the_outcome_once_closed_and_then_stops_warning() {
    let mut dispute = four_stages_answered();
    dispute.outcome = Some(DisputeOutcome::Resolved);
    dispute.closed_on = Some(d("2026-12-03"));
    let c = clocks(&dispute, "2027-02-01");
    assert_eq!(c.formal.unwrap().elapsed_working_days, 23);
    assert_eq!(c.awaiting, None);
    assert_eq!(c.follow_up, None);
    check_warnings(dispute, "2027-02-01", expect![[r#""#]]);
}

#[test]
fn formal_total_across_christmas() {
    // Stage 1 on Mon 14 Dec 2026: 15–18 (4), 21–24 (8), 29–31 (11), 4–8 Jan (16),
    // 11–14 Jan (20): due Thu 14 Jan 2027.
    let dispute = drp(&[(1, "2026-12-14", Some("2026-12-16"))]);
    assert_eq!(
        clocks(&dispute, "2026-12-16").formal.unwrap().due.due,
        d("2027-01-14")
    );
}

// --- Cafcass ------------------------------------------------------------------------------------

#[test]
fn awaiting_cafcass_stops_the_disputes_clocks_until_a_stage_is_raised_after_it() {
    let mut dispute = drp(&[
        (0, "2026-11-02", Some("2026-11-04")),
        (1, "2026-11-05", None),
    ]);
    dispute.cafcass_referred_on = Some(d("2026-11-10"));
    // Stage 1 was due Thu 12 Nov; referred to Cafcass on Tue 10 Nov, nothing is overdue on
    // Mon 16 Nov: the row says the dispute awaits Cafcass, with the referral's date.
    check_warnings(
        dispute.clone(),
        "2026-11-16",
        expect![[
            r#"DisputeAwaitingCafcass Info due - left 0: Awaiting Cafcass: referred on Tue 10 Nov 2026. The clocks of the dispute are stopped until Cafcass answers."#
        ]],
    );
    let c = clocks(&dispute, "2026-11-16");
    assert_eq!(c.awaiting_cafcass_since, Some(d("2026-11-10")));
    assert_eq!((c.awaiting.as_ref(), c.follow_up.as_ref()), (None, None));
    // The formal process stops counting on the referral's date (Thu 5 Nov to Tue 10 Nov).
    assert_eq!(c.formal.unwrap().elapsed_working_days, 3);
    // The referral is the last activity.
    assert_eq!(
        (c.last_activity_on, c.last_activity.as_str()),
        (d("2026-11-10"), "referral to Cafcass")
    );
    // A stage raised after the referral starts the clocks again.
    dispute.stages.push(StageEvent {
        stage: Stage(2),
        raised_on: d("2026-11-17"),
        sent_to: "Manager 2".into(),
        responded_on: None,
        response_summary: None,
    });
    let c = clocks(&dispute, "2026-11-18");
    assert_eq!(c.awaiting_cafcass_since, None);
    assert_eq!(c.awaiting.unwrap().due, d("2026-11-24"));
}

#[test]
fn cafcass_referral_as_the_outcome_closes_the_dispute() {
    let mut dispute = drp(&[(1, "2026-11-02", None)]);
    dispute.cafcass_referred_on = Some(d("2026-11-20"));
    dispute.outcome = Some(DisputeOutcome::ReferredToCafcass);
    dispute.closed_on = Some(d("2026-11-20"));
    assert!(!dispute.is_open());
    check_warnings(dispute.clone(), "2026-12-21", expect![[r#""#]]);
    let c = clocks(&dispute, "2026-12-21");
    assert_eq!(c.last_activity, "referred to Cafcass");
    assert_eq!(c.formal.unwrap().elapsed_working_days, 14);
}

// --- follow-up of a quiet dispute ---------------------------------------------------------------

#[test]
fn a_response_received_asks_to_accept_or_escalate_by_the_tenth_working_day() {
    // Stage 1 answered Fri 6 Nov 2026 and nothing since: the 10th working day is Fri 20 Nov.
    let dispute = drp(&[(1, "2026-11-02", Some("2026-11-06"))]);
    check_warnings(
        dispute.clone(),
        "2026-11-12",
        expect![[
            r#"DisputeResponseReceived Amber due 2026-11-20 left 6: Response received: accept or escalate by Fri 20 Nov 2026 (6 working days left). Manager 1 answered Stage 1 on Fri 6 Nov 2026."#
        ]],
    );
    check_warnings(
        dispute,
        "2026-11-23",
        expect![[
            r#"DisputeResponseReceived Overdue due 2026-11-20 left -1: Response received: accept or escalate by Fri 20 Nov 2026 (overdue by 1 working day). Manager 1 answered Stage 1 on Fri 6 Nov 2026."#
        ]],
    );
}

#[test]
fn no_activity_for_ten_working_days_is_a_warning_on_the_tenth() {
    // A stage off the ladder has no response clock: only the silence is counted. Raised Mon
    // 2 Nov 2026, the 10th working day after it is Mon 16 Nov.
    let dispute = drp(&[(9, "2026-11-02", None)]);
    check_warnings(dispute.clone(), "2026-11-13", expect![[r#""#]]);
    check_warnings(
        dispute,
        "2026-11-16",
        expect![[
            r#"DisputeInactive Amber due 2026-11-16 left 0: Nothing recorded on the dispute for 10 working days (last: Stage 9 raised on Mon 2 Nov 2026)."#
        ]],
    );
}

#[test]
fn a_response_awaited_and_not_yet_due_is_not_inactivity() {
    // A local 15-working-day Stage 2: raised Mon 2 Nov 2026, due Mon 23 Nov. On Mon 16 Nov, 10
    // working days on, the dispute is waiting, not quiet.
    let rules = Rules::defaults().with_ladders({
        let mut ladders = DisputeLadders::default();
        ladders.drp[2].response = StageClock::WorkingDays(15);
        ladders
    });
    let dispute = drp(&[(2, "2026-11-02", None)]);
    check_warnings_with(dispute.clone(), &rules, "2026-11-16", expect![[r#""#]]);
    // Once it is overdue, both the overdue response and the quiet dispute are reported.
    check_warnings_with(
        dispute,
        &rules,
        "2026-11-24",
        expect![[r#"
            DisputeResponseOverdue Overdue due 2026-11-23 left -1: The response to Stage 2 of the dispute (sent to Manager 2 on Mon 2 Nov 2026) was due on Mon 23 Nov 2026: overdue by 1 working day. Escalate, or record the response.
              + DisputeInactive Amber: Nothing recorded on the dispute for 16 working days (last: Stage 2 raised on Mon 2 Nov 2026)."#]],
    );
}

#[test]
fn response_due_soon_is_red_within_two_working_days_only() {
    // Stage 2 raised Mon 16 Nov 2026: due Mon 23 Nov.
    let dispute = drp(&[(2, "2026-11-16", None)]);
    check_warnings(dispute.clone(), "2026-11-18", expect![[r#""#]]);
    check_warnings(
        dispute.clone(),
        "2026-11-19",
        expect![[
            r#"DisputeResponseDueSoon Red due 2026-11-23 left 2: The response to Stage 2 of the dispute (sent to Manager 2) is due Mon 23 Nov 2026 (2 working days left)."#
        ]],
    );
    check_warnings(
        dispute,
        "2026-11-23",
        expect![[
            r#"DisputeResponseDueSoon Red due 2026-11-23 left 0: The response to Stage 2 of the dispute (sent to Manager 2) is due Mon 23 Nov 2026 (0 working days left)."#
        ]],
    );
}

#[test]
fn a_closed_dispute_has_no_warnings_and_an_answered_stage_no_awaited_response() {
    let mut dispute = drp(&[(1, "2026-11-02", None)]);
    dispute.outcome = Some(DisputeOutcome::Withdrawn);
    dispute.closed_on = Some(d("2026-11-03"));
    assert!(warnings_with(dispute, &Rules::defaults(), "2026-12-20").is_empty());
    let answered = drp(&[(1, "2026-11-02", Some("2026-11-03"))]);
    assert_eq!(awaiting(&answered, "2026-11-04"), None);
}

#[test]
fn warnings_name_the_child_iro_dispute_rule_and_explanation() {
    let dispute = drp(&[(1, "2026-11-02", None)]);
    let w = warnings_with(dispute.clone(), &Rules::defaults(), "2026-11-10");
    assert_eq!(w.len(), 1);
    let w = &w[0];
    assert_eq!(w.child, Some(ChildId(1)));
    assert_eq!(w.child_name.as_deref(), Some("Test Child"));
    assert_eq!(w.iro, Some(IroId(1)));
    assert_eq!(w.dispute, Some(DisputeId(7)));
    assert_eq!(w.rule, Some(RuleId::DrpStageResponse));
    assert_eq!(w.title, "Dispute, Stage 1");
    assert_eq!(
        (w.due, w.plan_by),
        (Some(d("2026-11-09")), Some(d("2026-11-09")))
    );
    // The row carries the key of its explanation; asked for, it is the response clock's, as
    // written at once.
    let key = w.why.expect("a clock's row has a Why");
    assert_eq!(
        (key.child, key.as_of, key.rule, key.due, key.dispute),
        (
            ChildId(1),
            d("2026-11-10"),
            RuleId::DrpStageResponse,
            d("2026-11-09"),
            Some(DisputeId(7))
        )
    );
    let mut rec = record();
    rec.disputes.push(dispute.clone());
    let explained = explain_warning(&rec, &Env::defaults().ctx(), &key);
    let written = clocks(&dispute, "2026-11-10").awaiting.unwrap().explanation;
    assert!(!written.text.is_empty());
    assert_eq!(explained, Some(written));
    // Another child's record, or a date the record no longer gives, explains nothing.
    let mut other = record();
    other.child.id = ChildId(2);
    assert_eq!(explain_warning(&other, &Env::defaults().ctx(), &key), None);
    let stale = caseload_core::warnings::WhyKey {
        due: d("2026-11-10"),
        ..key
    };
    assert_eq!(explain_warning(&rec, &Env::defaults().ctx(), &stale), None);
}

// --- validation ---------------------------------------------------------------------------------

const IROS: &[(IroId, bool)] = &[(IroId(1), true)];

fn errors_with(
    change: Change,
    rec: &ChildRecord,
    ladders: &DisputeLadders,
) -> Vec<(String, ErrorCode)> {
    validated(
        &change,
        Some(rec),
        IROS,
        ladders,
        &DisputeReasons::default(),
    )
    .into_iter()
    .map(|e| (e.field, e.code))
    .collect()
}

fn messages_with_reasons(change: Change, rec: &ChildRecord, reasons: &DisputeReasons) -> String {
    validated(
        &change,
        Some(rec),
        IROS,
        &DisputeLadders::default(),
        reasons,
    )
    .into_iter()
    .map(|e| format!("{}: {}", e.field, e.message))
    .collect::<Vec<_>>()
    .join("\n")
}

fn errors(change: Change, rec: &ChildRecord) -> Vec<(String, ErrorCode)> {
    errors_with(change, rec, &DisputeLadders::default())
}

fn messages(change: Change, rec: &ChildRecord) -> String {
    messages_with_reasons(change, rec, &DisputeReasons::default())
}

fn e(field: &str, code: ErrorCode) -> (String, ErrorCode) {
    (field.to_string(), code)
}

fn raise(kind: DisputeKind, concerns: Concerns, raised_on: &str, stage: u8) -> Change {
    Change::RaiseDispute {
        id: None,
        child: ChildId(1),
        kind,
        concerns,
        reason: DisputeReason::new("contact"),
        raised_on: d(raised_on),
        stage: Stage(stage),
        sent_to: "Team Manager".into(),
        sibling_group: None,
        partner_agency: (kind == DisputeKind::Macp).then(|| "Health".to_string()),
    }
}

/// The record with one open dispute (id 7): Stage 1 raised Mon 2 Nov 2026, answered Fri 6 Nov;
/// Stage 2 raised Mon 9 Nov, not answered.
fn with_open_dispute() -> ChildRecord {
    let mut rec = record();
    rec.disputes.push(drp(&[
        (1, "2026-11-02", Some("2026-11-06")),
        (2, "2026-11-09", None),
    ]));
    rec
}

#[test]
fn a_valid_dispute_can_be_raised_at_any_stage() {
    let rec = record();
    assert_eq!(
        errors(
            raise(DisputeKind::Drp, Concerns::LacPlan, "2026-11-02", 0),
            &rec
        ),
        []
    );
    assert_eq!(
        errors(
            raise(DisputeKind::Drp, Concerns::CpPlan, "2026-11-02", 3),
            &rec
        ),
        []
    );
    assert_eq!(
        errors(
            raise(DisputeKind::Macp, Concerns::CpPlan, "2026-11-02", 1),
            &rec
        ),
        []
    );
}

#[test]
fn raising_a_dispute_checks_every_field() {
    let mut rec = record();
    rec.cp_episodes.clear();
    let change = Change::RaiseDispute {
        id: None,
        child: ChildId(1),
        kind: DisputeKind::Drp,
        concerns: Concerns::CpPlan,
        reason: DisputeReason::new("planning"),
        raised_on: d("2026-11-30"),
        stage: Stage(9),
        sent_to: "  ".into(),
        sibling_group: Some("SG-2".into()),
        partner_agency: Some("Police".into()),
    };
    expect![[r#"
        raised_on: Raised on (Mon 30 Nov 2026) is in the future.
        stage: There is no stage 9 on this store's ladder; it has 0 (Informal challenge), 1 (Stage 1), 2 (Stage 2), 3 (Stage 3), 4 (Stage 4), 5 (Stage 5), 6 (Stage 6), 7 (Stage 7), 8 (Stage 8).
        concerns: There is no child-protection episode open on Mon 30 Nov 2026: a dispute about the child protection plan needs one.
        partner_agency: Only a multi-agency challenge has a partner agency; the DRP is raised within the local authority.
        sibling_group: The child's sibling group is SG-1, not SG-2.
        sent_to: Sent to is required."#]]
    .assert_eq(&messages(change, &rec));
}

#[test]
fn raising_checks_birth_care_and_the_partner_agency() {
    let rec = record();
    assert_eq!(
        errors(
            raise(DisputeKind::Drp, Concerns::LacPlan, "2015-04-30", 1),
            &rec
        ),
        [
            e("raised_on", ErrorCode::BeforeBirth),
            e("concerns", ErrorCode::Conflict)
        ]
    );
    let mut macp = raise(DisputeKind::Macp, Concerns::LacPlan, "2026-11-02", 1);
    if let Change::RaiseDispute { partner_agency, .. } = &mut macp {
        *partner_agency = None;
    }
    assert_eq!(
        errors(macp, &rec),
        [e("partner_agency", ErrorCode::Required)]
    );
    // MACP steps are 1–4: there is no step 0.
    assert_eq!(
        errors(
            raise(DisputeKind::Macp, Concerns::LacPlan, "2026-11-02", 0),
            &rec
        ),
        [e("stage", ErrorCode::NotFound)]
    );
}

fn escalate(stage: u8, raised_on: &str) -> Change {
    Change::EscalateDispute {
        id: DisputeId(7),
        stage: Stage(stage),
        raised_on: d(raised_on),
        sent_to: "Head of Service".into(),
    }
}

#[test]
fn escalation_goes_up_may_skip_and_never_goes_back() {
    let rec = with_open_dispute();
    assert_eq!(
        errors(escalate(4, "2026-11-16"), &rec),
        [],
        "skipping stage 3"
    );
    assert_eq!(
        errors(escalate(3, "2026-11-09"), &rec),
        [],
        "the same day is fine"
    );
    expect![[r#"
        stage: Stage 1 is not above Stage 2, which this dispute has reached: a dispute moves up (stages may be skipped), never back.
        raised_on: Raised on (Fri 6 Nov 2026) is before Stage 2 was raised (Mon 9 Nov 2026)."#]]
    .assert_eq(&messages(escalate(1, "2026-11-06"), &rec));
    assert_eq!(
        errors(escalate(2, "2026-11-16"), &rec),
        [e("stage", ErrorCode::Order)]
    );
    assert_eq!(
        errors(escalate(9, "2026-11-24"), &rec),
        [
            e("raised_on", ErrorCode::InFuture),
            e("stage", ErrorCode::NotFound)
        ]
    );
}

#[test]
fn stages_of_a_local_ladder_are_the_ones_accepted() {
    let rec = with_open_dispute();
    let mut ladders = DisputeLadders::default();
    ladders.drp.retain(|s| s.stage.0 <= 3);
    assert_eq!(
        errors_with(escalate(4, "2026-11-16"), &rec, &ladders),
        [e("stage", ErrorCode::NotFound)]
    );
    assert_eq!(errors_with(escalate(3, "2026-11-16"), &rec, &ladders), []);
}

fn respond(stage: u8, on: &str) -> Change {
    Change::RecordDisputeResponse {
        id: DisputeId(7),
        stage: Stage(stage),
        responded_on: d(on),
        summary: Some("Assessment to be completed by 4 December.".into()),
    }
}

#[test]
fn a_response_belongs_to_a_stage_raised_and_not_before_it() {
    let rec = with_open_dispute();
    assert_eq!(errors(respond(2, "2026-11-13"), &rec), []);
    expect![[r#"
        stage: A response to Stage 1 is already recorded (Fri 6 Nov 2026).
        responded_on: Responded on (Fri 30 Oct 2026) is before Stage 1 was raised (Mon 2 Nov 2026)."#]]
    .assert_eq(&messages(respond(1, "2026-10-30"), &rec));
    assert_eq!(
        errors(respond(3, "2026-11-13"), &rec),
        [e("stage", ErrorCode::NotFound)]
    );
    assert_eq!(
        errors(respond(2, "2026-11-24"), &rec),
        [e("responded_on", ErrorCode::InFuture)]
    );
}

#[test]
fn a_closed_dispute_cannot_change_and_an_unknown_one_is_not_found() {
    let mut rec = with_open_dispute();
    rec.disputes[0].outcome = Some(DisputeOutcome::Resolved);
    rec.disputes[0].closed_on = Some(d("2026-11-13"));
    for change in [
        escalate(3, "2026-11-16"),
        respond(2, "2026-11-13"),
        Change::ResolveDispute {
            id: DisputeId(7),
            outcome: DisputeOutcome::Withdrawn,
            on: d("2026-11-16"),
        },
        Change::ReferToCafcass {
            id: DisputeId(7),
            on: d("2026-11-16"),
        },
    ] {
        assert_eq!(errors(change, &rec), [e("id", ErrorCode::Conflict)]);
    }
    assert_eq!(
        messages(escalate(3, "2026-11-16"), &rec),
        "id: This dispute is closed (Resolved on Fri 13 Nov 2026): it can no longer change."
    );
    let unknown = Change::ReferToCafcass {
        id: DisputeId(99),
        on: d("2026-11-16"),
    };
    assert_eq!(errors(unknown, &rec), [e("id", ErrorCode::NotFound)]);
}

#[test]
fn resolving_and_referring_check_their_dates() {
    let mut rec = with_open_dispute();
    let resolve = |on: &str| Change::ResolveDispute {
        id: DisputeId(7),
        outcome: DisputeOutcome::Resolved,
        on: d(on),
    };
    assert_eq!(
        errors(resolve("2026-11-09"), &rec),
        [],
        "the day of the last stage"
    );
    assert_eq!(
        errors(resolve("2026-11-06"), &rec),
        [e("on", ErrorCode::Order)]
    );
    let refer = |on: &str| Change::ReferToCafcass {
        id: DisputeId(7),
        on: d(on),
    };
    assert_eq!(errors(refer("2026-11-10"), &rec), []);
    assert_eq!(
        errors(refer("2026-10-30"), &rec),
        [e("on", ErrorCode::Order)]
    );
    rec.disputes[0].cafcass_referred_on = Some(d("2026-11-10"));
    assert_eq!(
        errors(refer("2026-11-12"), &rec),
        [e("on", ErrorCode::Conflict)]
    );
    // A referral alongside does not stop the dispute ending by the referral.
    let by_referral = Change::ResolveDispute {
        id: DisputeId(7),
        outcome: DisputeOutcome::ReferredToCafcass,
        on: d("2026-11-12"),
    };
    assert_eq!(errors(by_referral, &rec), []);
}

#[test]
fn cafcass_is_referred_to_only_about_a_looked_after_childs_care_plan() {
    let mut rec = with_open_dispute();
    rec.disputes[0].concerns = Concerns::CpPlan;
    let refer = Change::ReferToCafcass {
        id: DisputeId(7),
        on: d("2026-11-10"),
    };
    assert_eq!(
        messages(refer, &rec),
        "id: Cafcass is referred to only about a looked-after child's care plan (CPPCR 2010 reg 45); this dispute is about the child protection plan."
    );
    let by_referral = Change::ResolveDispute {
        id: DisputeId(7),
        outcome: DisputeOutcome::ReferredToCafcass,
        on: d("2026-11-12"),
    };
    assert_eq!(
        errors(by_referral, &rec),
        [e("outcome", ErrorCode::Conflict)]
    );
    let resolved = Change::ResolveDispute {
        id: DisputeId(7),
        outcome: DisputeOutcome::Resolved,
        on: d("2026-11-12"),
    };
    assert_eq!(errors(resolved, &rec), []);
}

fn step(stage: u8, label: &str, response: StageClock, formal: bool) -> LadderStep {
    LadderStep {
        stage: Stage(stage),
        label: label.into(),
        target: "Someone".into(),
        response,
        formal,
    }
}

#[test]
fn a_ladder_is_checked_before_it_is_set() {
    let rec = record();
    let set = |steps: Vec<LadderStep>| Change::SetDisputeLadder {
        kind: DisputeKind::Drp,
        steps,
    };
    let local = vec![
        step(0, "Informal alert", StageClock::WorkingDays(10), false),
        step(1, "Stage 1", StageClock::Rule, true),
        step(2, "Stage 2", StageClock::NoClock, true),
    ];
    assert_eq!(errors(set(local), &rec), []);
    assert_eq!(
        errors(set(Vec::new()), &rec),
        [e("steps", ErrorCode::Required)]
    );
    expect![[r#"
        steps: List the stages lowest first, each once: 1 comes after 2.
        steps: Informal is informal but comes after a formal stage: informal stages come first.
        steps: Stage 2: the response time must be between 1 and 60 working days.
        steps: Stage 3 needs a label."#]]
    .assert_eq(&messages(
        set(vec![
            step(2, "Stage 2", StageClock::WorkingDays(0), true),
            step(1, "Informal", StageClock::Rule, false),
            step(3, " ", StageClock::Rule, true),
        ]),
        &rec,
    ));
    assert_eq!(
        errors(
            set(vec![step(0, "Informal", StageClock::Rule, false)]),
            &rec
        ),
        [e("steps", ErrorCode::Required)],
        "at least one formal stage"
    );
}

#[test]
fn a_ladder_must_keep_the_stages_recorded_disputes_have_reached() {
    let ladder = vec![
        step(0, "Informal", StageClock::Rule, false),
        step(1, "Stage 1", StageClock::Rule, true),
    ];
    let errors = check_ladder_keeps_stages(
        DisputeKind::Drp,
        &ladder,
        &[Stage(1), Stage(4)],
        &DisputeLadders::default(),
    );
    let messages: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
    assert_eq!(
        messages,
        ["Stage 4 is used by a dispute already recorded: keep it on the ladder."]
    );
    assert_eq!(errors[0].code, ErrorCode::Conflict);
}

fn category(code: &str, label: &str) -> ReasonCategory {
    ReasonCategory {
        code: DisputeReason::new(code),
        label: label.to_string(),
    }
}

#[test]
fn a_reason_must_be_on_the_stores_list() {
    let rec = record();
    let mut change = raise(DisputeKind::Drp, Concerns::LacPlan, "2026-11-02", 1);
    if let Change::RaiseDispute { reason, .. } = &mut change {
        *reason = DisputeReason::new("education");
    }
    // Not on the default list…
    expect![[r#"
        reason: 'education' is not one of this store's reason categories: assessments, planning, practice, progress_of_plan, placement_or_resources, contact, permanence, other."#]]
    .assert_eq(&messages(change.clone(), &rec));
    // …but on a store's own list it is, and a default code that list dropped is refused.
    let local = DisputeReasons::new(vec![
        category("education", "Education (PEP)"),
        category("other", "Other"),
    ]);
    assert_eq!(messages_with_reasons(change, &rec, &local), "");
    expect![[r#"
        reason: 'contact' is not one of this store's reason categories: education, other."#]]
    .assert_eq(&messages_with_reasons(
        raise(DisputeKind::Drp, Concerns::LacPlan, "2026-11-02", 1),
        &rec,
        &local,
    ));
}

#[test]
fn a_list_of_reasons_is_checked_before_it_is_set() {
    let rec = record();
    let set = |reasons: Vec<ReasonCategory>| Change::SetDisputeReasons { reasons };
    assert_eq!(
        messages(set(DisputeReasons::default().categories().to_vec()), &rec),
        ""
    );
    expect![[r#"
        reasons: List at least one reason category."#]]
    .assert_eq(&messages(set(vec![]), &rec));
    expect![[r#"
        reasons: 'Housing' is not a usable code: start with a lower-case letter, then use lower-case letters, digits or _, at most 40 characters.
        reasons: The category 'blank' needs a label.
        reasons: The code 'planning' is listed twice.
        reasons: The label 'care planning' is listed twice.
        reasons: '1st' is not a usable code: start with a lower-case letter, then use lower-case letters, digits or _, at most 40 characters."#]]
    .assert_eq(&messages(
        set(vec![
            category("planning", "Care planning"),
            category("Housing", "Housing"),
            category("blank", "  "),
            category("planning", "Planning again"),
            category("care", "care planning"),
            category("1st", "First"),
        ]),
        &rec,
    ));
}

#[test]
fn a_list_of_reasons_must_keep_the_codes_recorded_disputes_use() {
    let new = vec![category("planning", "Care planning")];
    let errors = check_reasons_keep_codes(
        &new,
        &[
            DisputeReason::new("planning"),
            DisputeReason::new("contact"),
        ],
        &DisputeReasons::default(),
    );
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        ["'Contact' is the reason of a dispute already recorded: keep it on the list (its label may change)."]
    );
    assert_eq!(errors[0].code, ErrorCode::Conflict);
}

#[test]
fn subject_and_dates_of_cover_every_dispute_change() {
    let changes = [
        raise(DisputeKind::Drp, Concerns::LacPlan, "2026-11-02", 0),
        escalate(1, "2026-11-03"),
        respond(1, "2026-11-04"),
        Change::ResolveDispute {
            id: DisputeId(7),
            outcome: DisputeOutcome::Resolved,
            on: d("2026-11-05"),
        },
        Change::ReferToCafcass {
            id: DisputeId(7),
            on: d("2026-11-06"),
        },
        Change::SetDisputeLadder {
            kind: DisputeKind::Macp,
            steps: DisputeLadders::default().macp,
        },
        Change::SetDisputeReasons {
            reasons: DisputeReasons::default().categories().to_vec(),
        },
    ];
    let subjects: Vec<Subject> = changes.iter().map(subject).collect();
    assert_eq!(
        subjects,
        [
            Subject::Child(ChildId(1)),
            Subject::Dispute(DisputeId(7)),
            Subject::Dispute(DisputeId(7)),
            Subject::Dispute(DisputeId(7)),
            Subject::Dispute(DisputeId(7)),
            Subject::None,
            Subject::None,
        ]
    );
    let dates: Vec<Vec<(&str, NaiveDate)>> = changes.iter().map(dates_of).collect();
    assert_eq!(
        dates,
        [
            vec![("raised_on", d("2026-11-02"))],
            vec![("raised_on", d("2026-11-03"))],
            vec![("responded_on", d("2026-11-04"))],
            vec![("on", d("2026-11-05"))],
            vec![("on", d("2026-11-06"))],
            vec![],
            vec![],
        ]
    );
    let ops: Vec<&str> = changes.iter().map(Change::op).collect();
    assert_eq!(
        ops,
        [
            "raise_dispute",
            "escalate_dispute",
            "record_dispute_response",
            "resolve_dispute",
            "refer_to_cafcass",
            "set_dispute_ladder",
            "set_dispute_reasons"
        ]
    );
}

#[test]
fn dispute_changes_read_from_their_wire_json() {
    let json = serde_json::json!([
        {"op": "raise_dispute", "id": 3, "child": 1, "kind": "macp", "concerns": "cp_plan",
         "reason": "progress_of_plan", "raised_on": "2026-11-02", "stage": 1,
         "sent_to": "DS Example", "partner_agency": "Police"},
        {"op": "resolve_dispute", "id": 3, "outcome": "referred_to_cafcass", "on": "2026-11-20"},
        {"op": "set_dispute_ladder", "kind": "drp", "steps": [
            {"stage": 0, "label": "Informal", "target": "TM", "response": {"working_days": 10},
             "formal": false},
            {"stage": 1, "label": "Stage 1", "target": "SM", "response": "rule", "formal": true},
            {"stage": 2, "label": "Panel", "target": "Panel", "response": "no_clock",
             "formal": true}
        ]},
        {"op": "set_dispute_reasons", "reasons": [
            {"code": "planning", "label": "Care planning"},
            {"code": "education", "label": "Education (PEP)"}
        ]}
    ]);
    let changes: Vec<Change> = serde_json::from_value(json.clone()).unwrap();
    assert!(matches!(
        &changes[0],
        Change::RaiseDispute { kind: DisputeKind::Macp, stage: Stage(1), partner_agency: Some(p), .. } if p == "Police"
    ));
    assert!(matches!(
        &changes[2],
        Change::SetDisputeLadder { steps, .. } if steps[2].response == StageClock::NoClock
    ));
    assert!(matches!(
        &changes[3],
        Change::SetDisputeReasons { reasons } if reasons[1].code == DisputeReason::new("education")
            && reasons[1].label == "Education (PEP)"
    ));
    // Round trip: what is written is what is read (optional fields default).
    let back = serde_json::to_value(&changes).unwrap();
    let again: Vec<Change> = serde_json::from_value(back).unwrap();
    assert_eq!(again, changes);
}
