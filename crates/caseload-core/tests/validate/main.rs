//! Validation: impossible input is refused with a message naming the field.

use caseload_core::change::Change;
use caseload_core::domain::{
    AgeBand, ChildDetails, ChildRecord, CpEpisodeDetails, LegalStatus, MeetingKind, MeetingOutcome,
    Participation, Regime, Sex, LETTER_TEMPLATE_MAX_CHARS,
};
use caseload_core::ids::{CarePeriodId, ChildId, CpEpisodeId, IroId};
use caseload_core::rules::{DisputeLadders, DisputeReasons};
use caseload_core::validate::{
    allowed_participation, suggested_participation, ErrorCode, FieldError,
};

#[path = "../common/mod.rs"]
mod common;
use common::{child_details, d, in_care_and_protection, validated};

fn details(born: &str) -> ChildDetails {
    child_details("Test", "Child", Some(born), Sex::Male)
}

fn record(born: &str) -> ChildRecord {
    let episode = CpEpisodeDetails {
        strategy_on: Some(d("2026-10-05")),
        s47_started_on: Some(d("2026-10-06")),
        ..CpEpisodeDetails::default()
    };
    in_care_and_protection(details(born), born, episode)
}

const IROS: &[(IroId, bool)] = &[(IroId(1), true), (IroId(2), false)];

/// The problems of `change`, validated against `rec` and the default ladders and reasons.
fn problems(change: Change, rec: Option<&ChildRecord>) -> Vec<FieldError> {
    let (ladders, reasons) = (DisputeLadders::default(), DisputeReasons::default());
    validated(&change, rec, IROS, &ladders, &reasons)
}

fn check(change: Change, rec: Option<&ChildRecord>) -> Vec<(String, ErrorCode)> {
    problems(change, rec)
        .into_iter()
        .map(|FieldError { field, code, .. }| (field, code))
        .collect()
}

fn messages(change: Change, rec: Option<&ChildRecord>) -> String {
    problems(change, rec)
        .into_iter()
        .map(|e| e.message)
        .collect::<Vec<_>>()
        .join("\n")
}

fn review(held: &str, code: Option<Participation>) -> Change {
    Change::RecordMeeting {
        id: None,
        child: ChildId(1),
        kind: MeetingKind::LacReview,
        outcome: MeetingOutcome {
            held_on: Some(d(held)),
            participation: code,
            ..MeetingOutcome::default()
        },
    }
}

fn e(field: &str, code: ErrorCode) -> (String, ErrorCode) {
    (field.to_string(), code)
}

#[test]
fn participation_age_rule_at_the_fourth_birthday_tv26() {
    let rec = record("2022-03-10");
    // The day before the 4th birthday: PN0 only.
    assert_eq!(
        check(review("2026-03-09", Some(Participation::Pn0)), Some(&rec)),
        vec![]
    );
    assert_eq!(
        check(review("2026-03-09", Some(Participation::Pn1)), Some(&rec)),
        vec![e("participation", ErrorCode::AgeMismatch)]
    );
    // On the birthday: both pass; the tool suggests PN1–7 (no PN0 suggestion).
    assert_eq!(
        check(review("2026-03-10", Some(Participation::Pn0)), Some(&rec)),
        vec![]
    );
    assert_eq!(
        check(review("2026-03-10", Some(Participation::Pn5)), Some(&rec)),
        vec![]
    );
    assert_eq!(
        allowed_participation(&rec.child.details, d("2026-03-10")).len(),
        8
    );
    assert_eq!(
        suggested_participation(&rec.child.details, d("2026-03-10")),
        None
    );
    assert_eq!(
        suggested_participation(&rec.child.details, d("2026-03-09")),
        Some(Participation::Pn0)
    );
    // The day after: PN0 refused.
    assert_eq!(
        check(review("2026-03-11", Some(Participation::Pn0)), Some(&rec)),
        vec![e("participation", ErrorCode::AgeMismatch)]
    );
}

#[test]
fn leap_day_birth_turns_four_on_29_february_four_years_on() {
    let rec = record("2016-02-29");
    assert_eq!(
        allowed_participation(&rec.child.details, d("2020-02-28")),
        vec![Participation::Pn0]
    );
    assert_eq!(
        allowed_participation(&rec.child.details, d("2020-02-29")).len(),
        8
    );
    assert!(
        !allowed_participation(&rec.child.details, d("2020-03-01")).contains(&Participation::Pn0)
    );
}

#[test]
fn held_lac_review_needs_a_participation_code() {
    let rec = record("2012-01-01");
    assert_eq!(
        check(review("2026-11-02", None), Some(&rec)),
        vec![e("participation", ErrorCode::Required)]
    );
}

#[test]
fn meeting_held_before_birth_or_in_the_future_is_refused() {
    let mut rec = record("2019-05-01");
    rec.care_periods[0].started_on = d("2019-05-01");
    let msg = messages(review("2019-04-01", Some(Participation::Pn0)), Some(&rec));
    assert!(
        msg.contains(
            "Held on (Mon 1 Apr 2019) is before the child's date of birth (Wed 1 May 2019)."
        ),
        "{msg}"
    );
    assert!(
        check(review("2019-04-01", Some(Participation::Pn0)), Some(&rec))
            .contains(&e("held_on", ErrorCode::BeforeBirth))
    );
    assert!(
        check(review("2026-11-24", Some(Participation::Pn1)), Some(&rec))
            .contains(&e("held_on", ErrorCode::InFuture))
    );
}

#[test]
fn lac_review_outside_a_period_of_care_is_refused() {
    let rec = record("2012-01-01");
    assert_eq!(
        check(review("2019-12-01", Some(Participation::Pn1)), Some(&rec)),
        vec![e("held_on", ErrorCode::Conflict)]
    );
}

#[test]
fn icpc_before_its_strategy_discussion_is_refused() {
    let rec = record("2012-01-01");
    let icpc = |on: &str| Change::RecordMeeting {
        id: None,
        child: ChildId(1),
        kind: MeetingKind::Icpc,
        outcome: MeetingOutcome {
            held_on: Some(d(on)),
            ..MeetingOutcome::default()
        },
    };
    // 5 Oct is the strategy discussion, 6 Oct the s47 start. An ICPC on 5 Oct: before the s47.
    assert_eq!(
        check(icpc("2026-10-05"), Some(&rec)),
        vec![e("held_on", ErrorCode::Order)]
    );
    assert_eq!(check(icpc("2026-10-20"), Some(&rec)), vec![]);
    let booking = Change::BookMeeting {
        id: None,
        child: ChildId(1),
        kind: MeetingKind::Icpc,
        on: d("2026-10-01"),
        at: None,
        venue: None,
    };
    // 1 Oct is before the episode opened at all.
    assert_eq!(
        check(booking, Some(&rec)),
        vec![e("on", ErrorCode::Conflict)]
    );
}

#[test]
fn a_plan_that_ends_before_or_on_the_day_it_starts_is_refused() {
    let rec = record("2012-01-01");
    let update = |start: &str, end: &str| Change::UpdateCpEpisode {
        id: CpEpisodeId(1),
        details: CpEpisodeDetails {
            strategy_on: Some(d("2026-10-05")),
            plan_started_on: Some(d(start)),
            plan_ended_on: Some(d(end)),
            ..CpEpisodeDetails::default()
        },
    };
    assert_eq!(
        check(update("2026-10-20", "2026-10-19"), Some(&rec)),
        vec![e("plan_ended_on", ErrorCode::Order)]
    );
    assert_eq!(
        check(update("2026-10-20", "2026-10-20"), Some(&rec)),
        vec![e("plan_ended_on", ErrorCode::Order)]
    );
    assert_eq!(
        check(update("2026-10-20", "2026-11-20"), Some(&rec)),
        vec![]
    );
}

#[test]
fn overlapping_periods_of_care_are_refused() {
    let rec = record("2012-01-01");
    let start = |on: &str| Change::StartCare {
        id: None,
        child: ChildId(1),
        started_on: d(on),
        legal_status: LegalStatus::C2,
        regime: Regime::FullCare,
    };
    assert_eq!(
        check(start("2026-11-02"), Some(&rec)),
        vec![e("started_on", ErrorCode::Overlap)]
    );
    let mut ended = rec.clone();
    ended.care_periods[0].ended_on = Some(d("2024-06-30"));
    assert_eq!(
        check(start("2024-06-30"), Some(&ended)),
        vec![e("started_on", ErrorCode::Overlap)]
    );
    assert_eq!(check(start("2024-07-01"), Some(&ended)), vec![]);
    let end = Change::EndCare {
        id: CarePeriodId(1),
        ended_on: d("2019-12-31"),
    };
    assert_eq!(
        check(end, Some(&rec)),
        vec![e("ended_on", ErrorCode::Order)]
    );
}

#[test]
fn short_break_regime_and_legal_status_must_agree() {
    let mut rec = record("2012-01-01");
    rec.care_periods.clear();
    let start = Change::StartCare {
        id: None,
        child: ChildId(1),
        started_on: d("2026-11-02"),
        legal_status: LegalStatus::V3,
        regime: Regime::FullCare,
    };
    assert_eq!(
        check(start, Some(&rec)),
        vec![e("regime", ErrorCode::Conflict)]
    );
}

#[test]
fn a_child_needs_a_name_and_a_birth_or_expected_birth_date() {
    let mut details = details("2027-01-01");
    details.first_name = "  ".into();
    let add = Change::AddChild {
        id: None,
        details: details.clone(),
        iro: Some(IroId(2)),
        allocated_on: None,
    };
    assert_eq!(
        check(add, None),
        vec![
            e("first_name", ErrorCode::Required),
            e("born_on", ErrorCode::InFuture),
            e("iro", ErrorCode::Conflict),
            e("allocated_on", ErrorCode::Required),
        ]
    );
    details.first_name = "Ok".into();
    details.born_on = None;
    let add = Change::AddChild {
        id: None,
        details,
        iro: None,
        allocated_on: None,
    };
    assert_eq!(check(add, None), vec![e("born_on", ErrorCode::Required)]);
}

#[test]
fn unborn_child_cannot_have_a_lac_review_or_come_into_care() {
    let mut rec = record("2012-01-01");
    rec.child.details.born_on = None;
    rec.child.details.expected_birth_on = Some(d("2027-02-01"));
    rec.care_periods.clear();
    let start = Change::StartCare {
        id: None,
        child: ChildId(1),
        started_on: d("2026-11-02"),
        legal_status: LegalStatus::C2,
        regime: Regime::FullCare,
    };
    assert!(check(start, Some(&rec)).contains(&e("started_on", ErrorCode::Conflict)));
}

#[test]
fn unknown_codes_and_malformed_dates_are_refused_when_a_change_is_read() {
    let bad_code = r#"{"op":"record_meeting","child":1,"kind":"lac_review","held_on":"2026-11-02","participation":"PN9"}"#;
    let err = serde_json::from_str::<Change>(bad_code)
        .unwrap_err()
        .to_string();
    assert!(err.contains("PN9"), "{err}");
    let bad_date = r#"{"op":"start_care","child":1,"started_on":"2026-02-30","legal_status":"C2","regime":"full_care"}"#;
    assert!(serde_json::from_str::<Change>(bad_date).is_err());
    let bad_status = r#"{"op":"start_care","child":1,"started_on":"2026-02-03","legal_status":"Z9","regime":"full_care"}"#;
    let err = serde_json::from_str::<Change>(bad_status)
        .unwrap_err()
        .to_string();
    assert!(err.contains("Z9"), "{err}");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let rec = record("2012-01-01");
    let change = Change::RecordMeeting {
        id: None,
        child: ChildId(1),
        kind: MeetingKind::LacReview,
        outcome: MeetingOutcome {
            held_on: Some(d("2026-11-02")),
            participation: Some(Participation::Pn0),
            child_seen_on: Some(d("2026-11-05")),
            decisions_sent_on: Some(d("2026-10-30")),
            record_sent_on: Some(d("2026-12-01")),
            ..MeetingOutcome::default()
        },
    };
    assert_eq!(
        check(change, Some(&rec)),
        vec![
            e("participation", ErrorCode::AgeMismatch),
            e("child_seen_on", ErrorCode::Order),
            e("decisions_sent_on", ErrorCode::Order),
            e("record_sent_on", ErrorCode::InFuture),
        ]
    );
}

fn unborn_with_pre_birth_conference() -> ChildRecord {
    let mut rec = record("2012-01-01");
    rec.child.details.born_on = None;
    rec.child.details.expected_birth_on = Some(d("2026-11-10"));
    rec.care_periods.clear();
    rec.cp_episodes[0].details = CpEpisodeDetails {
        strategy_on: Some(d("2026-08-03")),
        plan_started_on: Some(d("2026-08-20")),
        ..CpEpisodeDetails::default()
    };
    rec.meetings.push(caseload_core::domain::Meeting {
        id: caseload_core::ids::MeetingId(1),
        child: ChildId(1),
        kind: MeetingKind::Icpc,
        status: caseload_core::domain::MeetingStatus::Held,
        booked_on: None,
        booked_at: None,
        venue: None,
        status_reason: None,
        revision: 0,
        outcome: MeetingOutcome {
            held_on: Some(d("2026-08-20")),
            ..MeetingOutcome::default()
        },
    });
    rec
}

#[test]
fn birth_can_be_recorded_after_a_pre_birth_conference_and_the_plan_updated() {
    let rec = unborn_with_pre_birth_conference();
    let mut born = rec.child.details.clone();
    born.born_on = Some(d("2026-11-12"));
    let update = Change::UpdateChild {
        id: ChildId(1),
        details: born.clone(),
    };
    assert_eq!(check(update, Some(&rec)), vec![]);
    let mut after = rec.clone();
    after.child.details = born;
    let category = Change::UpdateCpEpisode {
        id: CpEpisodeId(1),
        details: CpEpisodeDetails {
            latest_category: Some(caseload_core::domain::AbuseCategory::Neg),
            ..after.cp_episodes[0].details.clone()
        },
    };
    assert_eq!(check(category, Some(&after)), vec![]);
}

#[test]
fn episode_closed_without_a_plan_lets_a_new_one_start() {
    let mut rec = record("2012-01-01");
    rec.cp_episodes[0].details.closed_on = Some(d("2026-10-23"));
    let start = Change::StartCpEpisode {
        id: None,
        child: ChildId(1),
        details: CpEpisodeDetails {
            strategy_on: Some(d("2026-11-16")),
            ..CpEpisodeDetails::default()
        },
    };
    assert_eq!(check(start.clone(), Some(&rec)), vec![]);
    rec.cp_episodes[0].details.closed_on = None;
    assert_eq!(
        check(start, Some(&rec)),
        vec![e("strategy_on", ErrorCode::Overlap)]
    );
    let close_with_plan = Change::UpdateCpEpisode {
        id: CpEpisodeId(1),
        details: CpEpisodeDetails {
            strategy_on: Some(d("2026-10-05")),
            plan_started_on: Some(d("2026-10-20")),
            closed_on: Some(d("2026-11-01")),
            ..CpEpisodeDetails::default()
        },
    };
    assert_eq!(
        check(close_with_plan, Some(&rec)),
        vec![e("closed_on", ErrorCode::Conflict)]
    );
}

#[test]
fn child_seen_must_be_recorded_ahead_of_the_booked_review() {
    let mut rec = record("2012-01-01");
    rec.meetings.push(caseload_core::domain::Meeting {
        id: caseload_core::ids::MeetingId(7),
        child: ChildId(1),
        kind: MeetingKind::LacReview,
        status: caseload_core::domain::MeetingStatus::Booked,
        booked_on: Some(d("2026-11-20")),
        booked_at: None,
        venue: None,
        status_reason: None,
        revision: 0,
        outcome: MeetingOutcome::default(),
    });
    let seen = |on: &str| Change::RecordChildSeen {
        id: caseload_core::ids::MeetingId(7),
        on: d(on),
    };
    assert_eq!(check(seen("2026-11-18"), Some(&rec)), vec![]);
    assert_eq!(
        check(seen("2026-11-21"), Some(&rec)),
        vec![e("on", ErrorCode::Order)]
    );
}

#[test]
fn allocation_date_in_the_future_is_refused_when_adding_a_child() {
    let add = Change::AddChild {
        id: None,
        details: details("2015-01-01"),
        iro: Some(IroId(1)),
        allocated_on: Some(d("2026-12-01")),
    };
    assert_eq!(
        check(add, None),
        vec![e("allocated_on", ErrorCode::InFuture)]
    );
}

fn conference(
    kind: MeetingKind,
    held: &str,
    decision: Option<caseload_core::domain::PlanDecision>,
    category: Option<caseload_core::domain::AbuseCategory>,
) -> Change {
    Change::RecordMeeting {
        id: None,
        child: ChildId(1),
        kind,
        outcome: MeetingOutcome {
            held_on: Some(d(held)),
            plan_decision: decision,
            category,
            ..MeetingOutcome::default()
        },
    }
}

#[test]
fn a_conference_decision_fits_its_kind_and_a_plan_names_its_category() {
    use caseload_core::domain::{AbuseCategory, PlanDecision};
    let rec = record("2012-01-01");
    let icpc = |decision, category| conference(MeetingKind::Icpc, "2026-10-20", decision, category);
    assert_eq!(
        check(
            icpc(Some(PlanDecision::PlanStarts), Some(AbuseCategory::Neg)),
            Some(&rec)
        ),
        vec![]
    );
    assert_eq!(
        check(icpc(Some(PlanDecision::NoPlan), None), Some(&rec)),
        vec![]
    );
    assert_eq!(
        messages(icpc(Some(PlanDecision::PlanStarts), None), Some(&rec)),
        "Choose the category of abuse of the plan."
    );
    assert_eq!(
        check(
            icpc(Some(PlanDecision::NoPlan), Some(AbuseCategory::Phy)),
            Some(&rec)
        ),
        vec![e("category", ErrorCode::Conflict)]
    );
    assert_eq!(
        messages(icpc(Some(PlanDecision::PlanEnds), None), Some(&rec)),
        "An initial or transfer-in conference decides whether a plan is made: plan made, or no plan."
    );
    let lac = conference(
        MeetingKind::LacReview,
        "2026-10-20",
        Some(PlanDecision::PlanContinues),
        None,
    );
    assert!(check(lac, Some(&rec)).contains(&e("plan_decision", ErrorCode::Invalid)));
    // No plan cannot be recorded over a plan the episode says started that day.
    let mut planned = rec.clone();
    planned.cp_episodes[0].details.plan_started_on = Some(d("2026-10-20"));
    assert_eq!(
        check(icpc(Some(PlanDecision::NoPlan), None), Some(&planned)),
        vec![e("plan_decision", ErrorCode::Conflict)]
    );
}

#[test]
fn attendance_at_a_lac_review_is_its_participation_code() {
    let rec = record("2012-01-01");
    let Change::RecordMeeting { outcome, .. } = review("2026-10-20", Some(Participation::Pn1))
    else {
        unreachable!()
    };
    let lac = Change::RecordMeeting {
        id: None,
        child: ChildId(1),
        kind: MeetingKind::LacReview,
        outcome: MeetingOutcome {
            child_attended: Some(true),
            ..outcome
        },
    };
    assert_eq!(
        check(lac, Some(&rec)),
        vec![e("child_attended", ErrorCode::Conflict)]
    );
    let cp = Change::RecordMeeting {
        id: None,
        child: ChildId(1),
        kind: MeetingKind::Icpc,
        outcome: MeetingOutcome {
            held_on: Some(d("2026-10-20")),
            child_attended: Some(true),
            advocate_offered: Some(true),
            advocate_used: Some(true),
            ..MeetingOutcome::default()
        },
    };
    assert_eq!(check(cp, Some(&rec)), vec![]);
}

#[test]
fn preparation_dates_are_recorded_ahead_of_the_booked_meeting() {
    let mut rec = record("2012-01-01");
    rec.meetings.push(caseload_core::domain::Meeting {
        id: caseload_core::ids::MeetingId(7),
        child: ChildId(1),
        kind: MeetingKind::LacReview,
        status: caseload_core::domain::MeetingStatus::Booked,
        booked_on: Some(d("2026-11-20")),
        booked_at: None,
        venue: None,
        status_reason: None,
        revision: 0,
        outcome: MeetingOutcome::default(),
    });
    let contact = |on: &str| Change::RecordSocialWorkerContact {
        id: caseload_core::ids::MeetingId(7),
        on: d(on),
    };
    let reports = |on: &str| Change::RecordReportsReceived {
        id: caseload_core::ids::MeetingId(7),
        on: d(on),
    };
    assert_eq!(check(contact("2026-11-02"), Some(&rec)), vec![]);
    assert_eq!(check(reports("2026-11-17"), Some(&rec)), vec![]);
    assert_eq!(
        messages(reports("2026-11-21"), Some(&rec)),
        "Reports received on is after the booked meeting: record it ahead of the meeting."
    );
    assert_eq!(
        check(contact("2026-11-24"), Some(&rec)),
        vec![e("on", ErrorCode::InFuture), e("on", ErrorCode::Order)]
    );
}

fn letter(text: Option<&str>) -> Change {
    Change::SetLetterTemplate {
        band: AgeBand::From8To12,
        text: text.map(str::to_string),
    }
}

#[test]
fn a_letter_template_must_be_written_and_use_only_known_placeholders() {
    assert!(check(letter(Some("Dear {name},\n\n{decisions}")), None).is_empty());
    assert!(
        check(letter(None), None).is_empty(),
        "going back to the default"
    );
    assert_eq!(
        check(letter(Some("  \n ")), None),
        [e("text", ErrorCode::Required)]
    );
    assert_eq!(
        check(letter(Some("Dear {nmae}, from {carer}")), None),
        [e("text", ErrorCode::Invalid)]
    );
    assert!(messages(letter(Some("Dear {nmae}, from {carer}")), None)
        .contains("{nmae}, {carer} are not"));
    let long = "a".repeat(LETTER_TEMPLATE_MAX_CHARS + 1);
    assert_eq!(
        check(letter(Some(&long)), None),
        [e("text", ErrorCode::Invalid)]
    );
}

#[test]
fn retention_outside_one_to_nine_hundred_months_is_refused_naming_the_field() {
    use caseload_core::settings::Settings;
    let with = |months: u32| {
        check(
            Change::SetSettings {
                settings: Settings {
                    retention_months: months,
                    ..Settings::DEFAULTS
                },
            },
            None,
        )
    };
    assert_eq!(with(1), vec![]);
    assert_eq!(with(900), vec![]);
    assert_eq!(
        with(0),
        vec![("retention_months".to_string(), ErrorCode::Invalid)]
    );
    assert_eq!(
        with(901),
        vec![("retention_months".to_string(), ErrorCode::Invalid)]
    );
}
