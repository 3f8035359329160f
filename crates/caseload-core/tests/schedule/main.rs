//! Feature tests of the schedule (chaining) and the warnings, over small hand-built records.

mod booking;
mod cp_chain;
mod decisions;
mod history;
mod no_clock_vanishes;
mod why;

use caseload_core::domain::{
    Allocation, Caseload, ChildRecord, CpEpisodeDetails, Iro, IroDetails, Meeting, MeetingKind,
    MeetingOutcome, MeetingStatus, Participation, PeriodOfCare, Regime, ReviewHistory, Sex,
};
use caseload_core::ids::{CarePeriodId, ChildId, CpEpisodeId, IroId, MeetingId};
use caseload_core::rules::RuleId;
use caseload_core::schedule::{schedule, DueItem, DueWhat};
use caseload_core::warnings::{compute_warnings, Severity, Warning, WarningKind};
use chrono::NaiveDate;

#[path = "../common/mod.rs"]
mod common;
use common::{child_details, child_record, cp_episode, d, period_of_care, Env};

/// A small builder for one child's record.
#[derive(Clone)]
struct Rec(ChildRecord);

impl Rec {
    fn born(on: &str) -> Rec {
        let details = child_details("Test", "Child", Some(on), Sex::Female);
        Rec(child_record(1, details, "2000-01-01"))
    }

    fn unborn(expected: &str) -> Rec {
        let mut r = Rec::born("2000-01-01");
        r.0.child.details.born_on = None;
        r.0.child.details.expected_birth_on = Some(d(expected));
        r
    }

    fn care(mut self, from: &str, to: Option<&str>, regime: Regime) -> Rec {
        let id = CarePeriodId(self.0.care_periods.len() as i64 + 1);
        self.0
            .care_periods
            .push(period_of_care(id, ChildId(1), d(from), to.map(d), regime));
        self
    }

    fn cp(mut self, details: CpEpisodeDetails) -> Rec {
        let id = CpEpisodeId(self.0.cp_episodes.len() as i64 + 1);
        self.0.cp_episodes.push(cp_episode(id, ChildId(1), details));
        self
    }

    fn meeting(mut self, kind: MeetingKind, status: MeetingStatus, on: &str) -> Rec {
        let id = MeetingId(self.0.meetings.len() as i64 + 1);
        let held = status == MeetingStatus::Held;
        self.0.meetings.push(Meeting {
            id,
            child: ChildId(1),
            kind,
            status,
            booked_on: (!held).then(|| d(on)),
            booked_at: None,
            venue: None,
            status_reason: None,
            revision: 0,
            outcome: MeetingOutcome {
                held_on: held.then(|| d(on)),
                participation: held.then_some(Participation::Pn1),
                decisions_sent_on: held.then(|| d(on)),
                record_sent_on: held.then(|| d(on)),
                child_seen_on: None,
                ..MeetingOutcome::default()
            },
        });
        self
    }

    fn held(self, kind: MeetingKind, on: &str) -> Rec {
        self.meeting(kind, MeetingStatus::Held, on)
    }

    fn booked(self, kind: MeetingKind, on: &str) -> Rec {
        self.meeting(kind, MeetingStatus::Booked, on)
    }

    /// The same record under another child id (for a caseload of several children).
    fn under_child_id(mut self, id: i64) -> Rec {
        let id = ChildId(id);
        self.0.child.id = id;
        for p in &mut self.0.care_periods {
            p.child = id;
        }
        for m in &mut self.0.meetings {
            m.child = id;
            m.id = MeetingId(id.0 * 100 + m.id.0);
        }
        self
    }

    /// The history of the last period of care.
    fn history(mut self, history: ReviewHistory) -> Rec {
        self.0.care_periods.last_mut().unwrap().history = history;
        self
    }

    fn last_meeting(mut self, f: impl FnOnce(&mut Meeting)) -> Rec {
        f(self.0.meetings.last_mut().unwrap());
        self
    }
}

fn items(rec: &Rec, as_of: &str) -> Vec<DueItem> {
    schedule(&rec.0, &Env::defaults().ctx(), d(as_of))
}

/// The one item of a kind: (rule, due date, booked date).
fn next(rec: &Rec, as_of: &str, what: DueWhat) -> (RuleId, NaiveDate, Option<NaiveDate>) {
    let all = items(rec, as_of);
    let found: Vec<&DueItem> = all.iter().filter(|i| i.what == what).collect();
    assert_eq!(found.len(), 1, "expected one {what:?} item, got {all:#?}");
    (
        found[0].due.rule,
        found[0].due.due,
        found[0].booked.as_ref().map(|b| b.on),
    )
}

fn warnings(rec: &Rec, as_of: &str) -> Vec<Warning> {
    let env = Env::defaults();
    let ctx = env.ctx();
    let caseload = Caseload {
        iros: vec![],
        children: vec![rec.0.clone()],
    };
    compute_warnings(&caseload, &ctx, d(as_of), None)
}

fn kinds(ws: &[Warning]) -> Vec<(WarningKind, Severity)> {
    ws.iter().map(|w| (w.kind, w.severity)).collect()
}

/// Each flag of a row: what it is and how urgent on its own.
fn flags(w: &Warning) -> Vec<(WarningKind, Severity)> {
    w.flags.iter().map(|f| (f.kind, f.severity)).collect()
}

#[test]
fn chain_follows_held_dates_tv20() {
    let rec = Rec::born("2015-06-01").care("2025-01-06", None, Regime::FullCare);
    assert_eq!(
        next(&rec, "2025-01-10", DueWhat::LacReview),
        (RuleId::LacFirstReview, d("2025-02-03"), None)
    );
    let rec = rec.held(MeetingKind::LacReview, "2025-01-29");
    assert_eq!(
        next(&rec, "2025-02-10", DueWhat::LacReview),
        (RuleId::LacSecondReview, d("2025-04-29"), None)
    );
    let rec = rec.held(MeetingKind::LacReview, "2025-04-25");
    assert_eq!(
        next(&rec, "2025-05-10", DueWhat::LacReview),
        (RuleId::LacSubsequentReview, d("2025-10-25"), None)
    );
}

#[test]
fn early_review_pulls_the_chain_forward() {
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2024-04-20")
        .held(MeetingKind::LacReview, "2024-07-15") // early: due 20 Oct, held in July
        .last_meeting(|m| m.outcome.early_reason = Some("placement at risk".into()));
    assert_eq!(
        next(&rec, "2024-08-01", DueWhat::LacReview),
        (RuleId::LacSubsequentReview, d("2025-01-15"), None)
    );
}

#[test]
fn cancelled_and_adjourned_meetings_do_not_reset_the_clock() {
    let rec = Rec::born("2015-06-01")
        .care("2025-01-06", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2025-01-29")
        .meeting(
            MeetingKind::LacReview,
            MeetingStatus::Cancelled,
            "2025-04-10",
        )
        .meeting(
            MeetingKind::LacReview,
            MeetingStatus::Adjourned,
            "2025-04-15",
        );
    assert_eq!(
        next(&rec, "2025-04-16", DueWhat::LacReview),
        (RuleId::LacSecondReview, d("2025-04-29"), None)
    );
}

#[test]
fn booked_meeting_is_matched_to_the_due_review() {
    let rec = Rec::born("2015-06-01")
        .care("2025-01-06", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2025-01-29")
        .booked(MeetingKind::LacReview, "2025-04-28");
    assert_eq!(
        next(&rec, "2025-04-01", DueWhat::LacReview),
        (
            RuleId::LacSecondReview,
            d("2025-04-29"),
            Some(d("2025-04-28"))
        )
    );
}

#[test]
fn re_entry_to_care_restarts_at_the_first_review() {
    let rec = Rec::born("2012-03-01")
        .care("2023-01-09", Some("2024-06-30"), Regime::FullCare)
        .held(MeetingKind::LacReview, "2023-02-01")
        .held(MeetingKind::LacReview, "2023-05-01")
        .held(MeetingKind::LacReview, "2023-11-01")
        .care("2026-11-02", None, Regime::FullCare);
    // 20 working days from Mon 2 Nov 2026: 3 Nov … 30 Nov.
    assert_eq!(
        next(&rec, "2026-11-10", DueWhat::LacReview),
        (RuleId::LacFirstReview, d("2026-11-30"), None)
    );
}

#[test]
fn ended_period_of_care_has_nothing_due() {
    let rec = Rec::born("2012-03-01").care("2023-01-09", Some("2024-06-30"), Regime::FullCare);
    assert!(items(&rec, "2025-01-01").is_empty());
}

#[test]
fn short_breaks_use_the_three_month_first_review_then_six_months() {
    let rec = Rec::born("2014-03-01").care("2026-05-31", None, Regime::ShortBreaks);
    assert_eq!(
        next(&rec, "2026-06-10", DueWhat::LacReview),
        (RuleId::ShortBreakFirstReview, d("2026-08-31"), None)
    );
    let rec = rec.held(MeetingKind::LacReview, "2026-08-20");
    assert_eq!(
        next(&rec, "2026-09-01", DueWhat::LacReview),
        (RuleId::LacSubsequentReview, d("2027-02-20"), None)
    );
}

#[test]
fn move_from_short_breaks_to_full_care_is_a_new_first_review() {
    let rec = Rec::born("2014-03-01")
        .care("2025-05-31", Some("2026-10-01"), Regime::ShortBreaks)
        .held(MeetingKind::LacReview, "2025-08-20")
        .care("2026-10-02", None, Regime::FullCare);
    assert_eq!(
        next(&rec, "2026-10-05", DueWhat::LacReview).0,
        RuleId::LacFirstReview
    );
}

#[test]
fn unborn_child_uses_the_pre_birth_rule_from_the_expected_date() {
    let rec = Rec::unborn("2027-03-10").cp(CpEpisodeDetails {
        strategy_on: Some(d("2026-11-16")),
        ..CpEpisodeDetails::default()
    });
    assert_eq!(
        next(&rec, "2026-11-23", DueWhat::PreBirthConference),
        (RuleId::PreBirthConference, d("2026-12-16"), None)
    );
}

#[test]
fn icpc_is_due_fifteen_working_days_after_the_strategy_discussion() {
    let rec = Rec::born("2020-01-01").cp(CpEpisodeDetails {
        strategy_on: Some(d("2026-03-30")),
        s47_started_on: Some(d("2026-03-30")),
        ..CpEpisodeDetails::default()
    });
    assert_eq!(
        next(&rec, "2026-04-01", DueWhat::Icpc),
        (RuleId::Icpc, d("2026-04-22"), None)
    );
}

#[test]
fn after_the_icpc_the_first_review_is_three_months_and_the_core_group_ten_days() {
    let rec = Rec::born("2020-01-01")
        .cp(CpEpisodeDetails {
            strategy_on: Some(d("2025-11-27")),
            plan_started_on: Some(d("2025-12-18")),
            ..CpEpisodeDetails::default()
        })
        .held(MeetingKind::Icpc, "2025-12-18");
    assert_eq!(
        next(&rec, "2025-12-19", DueWhat::CpReview),
        (RuleId::CpFirstReview, d("2026-03-18"), None)
    );
    assert_eq!(
        next(&rec, "2025-12-19", DueWhat::CoreGroup),
        (RuleId::CoreGroup, d("2026-01-06"), None)
    );
    let rec = rec
        .held(MeetingKind::CoreGroup, "2026-01-05")
        .held(MeetingKind::CpReview, "2026-03-16");
    assert!(items(&rec, "2026-03-20")
        .iter()
        .all(|i| i.what != DueWhat::CoreGroup));
    assert_eq!(
        next(&rec, "2026-03-20", DueWhat::CpReview),
        (RuleId::CpSubsequentReview, d("2026-09-16"), None)
    );
}

#[test]
fn transfer_in_uses_the_notification_date() {
    let rec = Rec::born("2019-01-01").cp(CpEpisodeDetails {
        transfer_in_notified_on: Some(d("2026-03-30")),
        ..CpEpisodeDetails::default()
    });
    assert_eq!(
        next(&rec, "2026-04-01", DueWhat::TransferInConference),
        (RuleId::TransferInConference, d("2026-04-22"), None)
    );
}

#[test]
fn overdue_review_is_one_overdue_warning_with_negative_days_left() {
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2024-04-20")
        .held(MeetingKind::LacReview, "2026-04-20");
    // Due Tue 20 Oct 2026; as of Mon 2 Nov 2026 it is 9 working days over.
    let ws = warnings(&rec, "2026-11-02");
    assert_eq!(kinds(&ws), vec![(WarningKind::Overdue, Severity::Overdue)]);
    assert_eq!(ws[0].due, Some(d("2026-10-20")));
    assert_eq!(ws[0].working_days_left, Some(-9));
    assert!(
        ws[0].message.contains("Nothing is booked"),
        "{}",
        ws[0].message
    );
    assert!(ws[0].has_flag(WarningKind::NotBooked), "{:?}", ws[0].flags);
}

#[test]
fn a_review_due_soon_and_not_booked_is_one_row_with_its_flags() {
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-06-01");
    // Due Tue 1 Dec 2026. As of Mon 23 Nov: 6 working days left -> amber.
    let ws = warnings(&rec, "2026-11-23");
    assert_eq!(kinds(&ws), vec![(WarningKind::NotBooked, Severity::Amber)]);
    assert_eq!(
        flags(&ws[0]),
        vec![
            (WarningKind::NotBooked, Severity::Amber),
            (WarningKind::ChildNotSeen, Severity::Amber),
        ]
    );
    // As of Tue 24 Nov: 5 working days left -> red, flags and all.
    let ws = warnings(&rec, "2026-11-24");
    assert_eq!(kinds(&ws), vec![(WarningKind::NotBooked, Severity::Red)]);
    assert!(ws[0].flags.iter().all(|f| f.severity == Severity::Red));
    // Well ahead (as of 1 Sep), nothing.
    assert!(warnings(&rec, "2026-09-01").is_empty());
}

#[test]
fn a_review_booked_in_time_is_on_track_until_its_preparation_needs_something() {
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-06-01")
        .booked(MeetingKind::LacReview, "2026-11-30")
        .last_meeting(|m| {
            m.outcome.child_seen_on = Some(d("2026-11-10"));
            m.outcome.social_worker_contact_on = Some(d("2026-11-02"));
            m.outcome.reports_received_on = Some(d("2026-11-20"));
        });
    // Due Tue 1 Dec 2026, booked Mon 30 Nov with everything in: information only.
    let ws = warnings(&rec, "2026-11-24");
    assert_eq!(
        kinds(&ws),
        vec![(WarningKind::BookedInTime, Severity::Info)]
    );
    assert_eq!(
        flags(&ws[0]),
        vec![(WarningKind::BookedInTime, Severity::Info)]
    );
    // Without the reports three working days before, the same row is amber.
    let late = rec
        .clone()
        .last_meeting(|m| m.outcome.reports_received_on = None);
    let ws = warnings(&late, "2026-11-26");
    assert_eq!(
        kinds(&ws),
        vec![(WarningKind::BookedInTime, Severity::Amber)]
    );
    assert!(ws[0].has_flag(WarningKind::ReportsLate));
    // Once its day has passed unrecorded, it asks to be recorded as held.
    let ws = warnings(&rec, "2026-12-01");
    assert_eq!(
        kinds(&ws),
        vec![(WarningKind::BookedInTime, Severity::Amber)]
    );
    assert!(
        ws[0].flags[0].label.contains("not recorded as held"),
        "{:?}",
        ws[0].flags
    );
}

#[test]
fn booking_after_the_due_date_is_a_breach_in_the_diary() {
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-06-01")
        .booked(MeetingKind::LacReview, "2026-12-03")
        .last_meeting(|m| m.outcome.child_seen_on = Some(d("2026-11-20")));
    let ws = warnings(&rec, "2026-11-23");
    assert_eq!(
        kinds(&ws),
        vec![(WarningKind::BookedAfterDue, Severity::Red)]
    );
    assert_eq!(
        flags(&ws[0]),
        vec![
            (WarningKind::BookedAfterDue, Severity::Red),
            (WarningKind::SocialWorkerContactLate, Severity::Amber),
        ]
    );
    assert_eq!(ws[0].booked_on, Some(d("2026-12-03")));
    assert_eq!(ws[0].due, Some(d("2026-12-01")));
}

#[test]
fn icpc_at_risk_when_the_strategy_clock_runs_down_unbooked() {
    let rec = Rec::born("2020-01-01").cp(CpEpisodeDetails {
        strategy_on: Some(d("2026-11-09")),
        ..CpEpisodeDetails::default()
    });
    // Due Mon 30 Nov 2026; as of Mon 23 Nov: 5 working days left. One row, not two.
    let ws = warnings(&rec, "2026-11-23");
    assert_eq!(kinds(&ws), vec![(WarningKind::IcpcAtRisk, Severity::Red)]);
}

#[test]
fn decisions_and_record_late_when_not_sent_in_time() {
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-10-01")
        .last_meeting(|m| {
            m.outcome.decisions_sent_on = None;
            m.outcome.record_sent_on = None;
        });
    // Decisions due Thu 8 Oct, record due Thu 29 Oct 2026.
    let late: Vec<_> = warnings(&rec, "2026-10-20")
        .into_iter()
        .map(|w| (w.kind, w.due))
        .collect();
    assert_eq!(
        late,
        vec![
            (WarningKind::DecisionsLate, Some(d("2026-10-08"))),
            (WarningKind::RecordDue, Some(d("2026-10-29")))
        ]
    );
    let late: Vec<_> = warnings(&rec, "2026-11-02")
        .into_iter()
        .map(|w| w.kind)
        .collect();
    assert_eq!(
        late,
        vec![WarningKind::DecisionsLate, WarningKind::RecordLate]
    );
}

#[test]
fn participation_code_inconsistent_with_age_is_flagged() {
    // Born 10 Mar 2022: 4 on 10 Mar 2026. A review on 9 Mar 2026 coded PN1 is wrong.
    let rec = Rec::born("2022-03-10")
        .care("2025-01-06", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2026-03-09");
    let ws = warnings(&rec, "2026-03-20");
    let w = ws
        .iter()
        .find(|w| w.kind == WarningKind::ParticipationMismatch)
        .expect("a participation warning");
    assert!(
        w.message.contains("PN1, but the child was under 4"),
        "{}",
        w.message
    );
    // On the 4th birthday itself PN1 is fine.
    let rec = Rec::born("2022-03-10")
        .care("2025-01-06", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2026-03-10");
    assert!(warnings(&rec, "2026-03-20")
        .iter()
        .all(|w| w.kind != WarningKind::ParticipationMismatch));
}

#[test]
fn iro_not_appointed_for_a_new_period_of_care() {
    let mut rec = Rec::born("2015-06-01").care("2026-11-02", None, Regime::FullCare);
    rec.0.allocations.clear();
    // Appointment due Mon 9 Nov 2026.
    let ws = warnings(&rec, "2026-11-23");
    assert!(ws
        .iter()
        .any(|w| w.kind == WarningKind::IroAppointmentLate && w.severity == Severity::Overdue));
}

#[test]
fn plan_by_differs_when_a_month_due_date_is_not_a_working_day() {
    // First review held 30 Nov 2025: second due Sat 28 Feb 2026, plan by Fri 27 Feb.
    let rec = Rec::born("2015-06-01")
        .care("2025-11-03", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2025-11-30")
        .booked(MeetingKind::LacReview, "2026-02-26")
        .last_meeting(|m| m.outcome.child_seen_on = Some(d("2026-02-10")));
    let ws = warnings(&rec, "2026-02-16");
    let w = ws
        .iter()
        .find(|w| w.has_flag(WarningKind::PlanByDiffers))
        .unwrap();
    assert_eq!(
        (w.due, w.plan_by),
        (Some(d("2026-02-28")), Some(d("2026-02-27")))
    );
}

#[test]
fn caseload_above_the_band_is_flagged_per_fte() {
    let mut caseload = Caseload::default();
    caseload.iros.push(Iro {
        id: IroId(1),
        details: IroDetails {
            name: "Demo IRO".into(),
            fte: 0.5,
            active: true,
        },
    });
    for i in 0..36 {
        let mut rec = Rec::born("2015-06-01")
            .care("2026-01-05", None, Regime::FullCare)
            .0;
        rec.child.id = ChildId(i + 1);
        rec.care_periods[0].child = rec.child.id;
        caseload.children.push(rec);
    }
    let env = Env::defaults();
    let ctx = env.ctx();
    let band: Vec<_> = compute_warnings(&caseload, &ctx, d("2026-11-23"), None)
        .into_iter()
        .filter(|w| w.kind == WarningKind::CaseloadAboveBand)
        .collect();
    assert_eq!(
        band.len(),
        1,
        "36 children at 0.5 FTE is 72 per full-time post"
    );
    assert!(band[0]
        .message
        .contains("36 looked-after children (72 per full-time post at 0.5 FTE)"));
    caseload.children.pop();
    caseload.children.pop();
    assert!(compute_warnings(&caseload, &ctx, d("2026-11-23"), None)
        .iter()
        .all(|w| w.kind != WarningKind::CaseloadAboveBand));
}

#[test]
fn warnings_filter_by_the_iro_allocated_on_the_as_of_date() {
    let mut rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-04-20");
    rec.0.allocations.push(Allocation {
        iro: IroId(2),
        from_on: d("2026-09-01"),
        reason: Some("transfer".into()),
    });
    let env = Env::defaults();
    let ctx = env.ctx();
    let caseload = Caseload {
        iros: vec![],
        children: vec![rec.0],
    };
    assert!(compute_warnings(&caseload, &ctx, d("2026-11-02"), Some(IroId(1))).is_empty());
    assert_eq!(
        compute_warnings(&caseload, &ctx, d("2026-11-02"), Some(IroId(2))).len(),
        1
    );
}
