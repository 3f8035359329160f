//! A date checked before booking (issue 13, point 5): the due date and plan-by, late or not, and
//! clashes in the IRO's diary by each kind's length.

use super::{d, Env, Rec};
use caseload_core::booking::{check_booking, ProposedMeeting};
use caseload_core::domain::{Caseload, MeetingKind, Regime};
use caseload_core::ids::{ChildId, MeetingId};
use caseload_core::settings::Settings;
use chrono::NaiveTime;

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

/// Two children of IRO 1: child 1's review held 1 Jun 2026 (next due Tue 1 Dec 2026), child 2
/// with a LAC review booked Tue 24 Nov 2026 at 10:00.
fn caseload() -> Caseload {
    let one = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-06-01");
    let two = Rec::born("2016-03-03")
        .care("2025-01-06", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2025-01-30")
        .booked(MeetingKind::LacReview, "2026-11-24")
        .last_meeting(|m| m.booked_at = Some(t("10:00")))
        .under_child_id(2);
    Caseload {
        iros: vec![],
        children: vec![one.0, two.0],
    }
}

fn check(
    settings: &Settings,
    on: &str,
    at: Option<&str>,
    with: Vec<ChildId>,
) -> caseload_core::booking::BookingCheck {
    let env = Env {
        settings: *settings,
        ..Env::defaults()
    };
    let ctx = env.ctx();
    let proposed = ProposedMeeting {
        child: ChildId(1),
        kind: MeetingKind::LacReview,
        on: Some(d(on)),
        at: at.map(t),
        moving: None,
        with,
    };
    check_booking(&caseload(), &ctx, d("2026-11-16"), &proposed).expect("the child is there")
}

#[test]
fn the_due_date_and_plan_by_come_with_the_check_and_a_later_date_is_late() {
    let s = Settings::DEFAULTS;
    let on_time = check(&s, "2026-12-01", None, vec![]);
    let due = on_time.due.as_ref().expect("a review is due");
    assert_eq!((due.due, due.plan_by), (d("2026-12-01"), d("2026-12-01")));
    assert!(!on_time.late);
    assert!(check(&s, "2026-12-02", None, vec![]).late);
}

#[test]
fn the_same_iro_booked_within_the_meetings_length_clashes() {
    let s = Settings::DEFAULTS;
    // 11:00 overlaps 10:00–11:30 (a review lasts 90 minutes); 11:30 does not.
    let clash = check(&s, "2026-11-24", Some("11:00"), vec![]);
    assert_eq!(clash.minutes, 90);
    assert_eq!(clash.clashes.len(), 1);
    assert_eq!(clash.clashes[0].meeting, MeetingId(202));
    assert_eq!(clash.clashes[0].ends_at, t("11:30"));
    assert!(check(&s, "2026-11-24", Some("11:30"), vec![])
        .clashes
        .is_empty());
    // 09:00 runs to 10:30 and overlaps too.
    assert_eq!(
        check(&s, "2026-11-24", Some("09:00"), vec![]).clashes.len(),
        1
    );
    // Shorter reviews in the settings: 09:00–10:00 ends as the other starts.
    let mut short = Settings::DEFAULTS;
    short.meeting_minutes.lac_review = 60;
    assert!(check(&short, "2026-11-24", Some("09:00"), vec![])
        .clashes
        .is_empty());
    // Another day, or no time given: nothing to compare.
    assert!(check(&s, "2026-11-25", Some("10:00"), vec![])
        .clashes
        .is_empty());
    assert!(check(&s, "2026-11-24", None, vec![]).clashes.is_empty());
}

#[test]
fn siblings_booked_into_one_meeting_do_not_clash_with_each_other() {
    let s = Settings::DEFAULTS;
    assert_eq!(
        check(&s, "2026-11-24", Some("10:00"), vec![]).clashes.len(),
        1
    );
    assert!(check(&s, "2026-11-24", Some("10:00"), vec![ChildId(2)])
        .clashes
        .is_empty());
}
