//! Decisions (issue 11): those made at the reviews and conferences held in the year, where each
//! stood at the end of 31 March (carried out by its due date, late, open past its due date or not
//! yet due, dropped), and the share carried out by their due date of those due by then.

use super::*;
use caseload_core::domain::{Decision, DecisionDue, DecisionState, Regime};
use caseload_core::ids::DecisionId;
use caseload_core::report::{report_as_of, ReportPeriod, ReportScope, ShortBreaks};
use expect_test::expect;

fn on(day: &str) -> DecisionDue {
    DecisionDue::On { on: d(day) }
}

const BY_NEXT_REVIEW: DecisionDue = DecisionDue::ByNextReview;

const OPEN: DecisionState = DecisionState::Open;

fn done(day: &str) -> DecisionState {
    DecisionState::Done {
        on: d(day),
        note: None,
    }
}

fn dropped(day: &str) -> DecisionState {
    DecisionState::Dropped {
        on: d(day),
        reason: "No longer needed".into(),
    }
}

/// A decision of the child's last meeting.
fn decided(mut kid: Kid, due: DecisionDue, state: DecisionState) -> Kid {
    let meeting = kid.0.meetings.last().unwrap().id;
    let number = kid.0.decisions.len() as u32 + 1;
    kid.0.decisions.push(Decision {
        id: DecisionId(kid.0.child.id.0 * 100 + i64::from(number)),
        meeting,
        child: kid.0.child.id,
        number,
        text: format!("Decision {number}"),
        owner: "Social worker".into(),
        due,
        state,
    });
    kid
}

/// Decisions of the last meeting, each (due, state).
fn decisions(kid: Kid, each: Vec<(DecisionDue, DecisionState)>) -> Kid {
    each.into_iter()
        .fold(kid, |kid, (due, state)| decided(kid, due, state))
}

/// Looked after since Mon 8 Jan 2024, first review Thu 1 Feb 2024.
fn looked_after(id: i64) -> Kid {
    Kid::new(id, Some("2014-03-03"))
        .care("2024-01-08", None)
        .review("2024-02-01", None)
}

/// Decisions by a date. At the review of Mon 4 Nov 2024 (2024–25): one done before its due
/// date, one open and past it on 31 Mar 2025. At the review of Tue 6 May 2025 (2025–26): one
/// done on its due date, one done a day late, one open past its due date, one not yet due, one
/// dropped, one done early (due after 31 March), and one done only after 31 March though due
/// in December (open past its due date at the end of the year).
fn by_dates() -> Kid {
    let kid = decisions(
        looked_after(1).review("2024-11-04", None),
        vec![
            (on("2025-01-31"), done("2025-01-20")),
            (on("2025-02-28"), OPEN),
        ],
    );
    decisions(
        kid.review("2025-05-06", None),
        vec![
            (on("2025-06-30"), done("2025-06-30")),
            (on("2025-06-30"), done("2025-07-01")),
            (on("2025-09-01"), OPEN),
            (on("2026-06-30"), OPEN),
            (on("2025-08-01"), dropped("2025-07-15")),
            (on("2026-05-01"), done("2026-02-01")),
            (on("2025-12-01"), done("2026-04-10")),
        ],
    )
}

#[test]
fn decisions_by_a_date_stand_as_they_did_at_the_end_of_31_march() {
    let r = report(&caseload(vec![by_dates()]), 2025);
    expect![[r#"
        lac.decisions.made: 7 | 2
        lac.decisions.carried_out_by_due_date: 1 of 4 (25%) | 1 of 2 (50%)
        lac.decisions.done_on_time: 2 | 1
        lac.decisions.done_late: 1 | 0
        lac.decisions.open_past_due: 2 | 1
        lac.decisions.open_not_yet_due: 1 | 0
        lac.decisions.dropped: 1 | 0
    "#]]
    .assert_eq(&figures(&r, "lac.decisions."));
}

#[test]
fn a_year_not_over_is_taken_on_the_day_the_report_is_made() {
    let env = Env::defaults();
    let ctx = env.ctx();
    let r = report_as_of(
        &caseload(vec![by_dates()]),
        &ctx,
        &ReportPeriod::reporting_year(2025).unwrap(),
        &ReportOptions::DEFAULTS,
        &IroFilter::All,
        d("2025-08-15"),
    )
    .unwrap();
    // On Fri 15 Aug 2025: done on its due date, done a day late and dropped as before; the
    // decisions due 1 Sep and 1 Dec 2025 are not yet due, nor is the one done in February.
    // 2024–25 is over: it stands as on 31 Mar 2025.
    expect![[r#"
        lac.decisions.made: 7 | 2
        lac.decisions.carried_out_by_due_date: 1 of 2 (50%) | 1 of 2 (50%)
        lac.decisions.done_on_time: 1 | 1
        lac.decisions.done_late: 1 | 0
        lac.decisions.open_past_due: 0 | 1
        lac.decisions.open_not_yet_due: 4 | 0
        lac.decisions.dropped: 1 | 0
    "#]]
    .assert_eq(&figures(&r, "lac.decisions."));
    let open = r.figure("lac.decisions.open_not_yet_due").unwrap();
    assert_eq!(
        open.label,
        "Decisions still open at 15 August 2025, not yet due"
    );
    assert!(open.definition.contains("by the end of 15 August 2025"));
}

#[test]
fn every_decision_made_is_in_exactly_one_standing() {
    let kids = vec![by_dates(), by_next_review(), late_review_after_the_year()];
    let r = report(&caseload(kids), 2025);
    let count = |id: &str| match fig(&r, id).0 {
        Value::Count { n } => n,
        other => panic!("{id}: {other:?}"),
    };
    let parts: u32 = [
        "done_on_time",
        "done_late",
        "open_past_due",
        "open_not_yet_due",
        "dropped",
    ]
    .iter()
    .map(|p| count(&format!("lac.decisions.{p}")))
    .sum();
    assert_eq!(parts, count("lac.decisions.made"));
    assert!(count("lac.decisions.made") > 0);
}

/// Decisions "by the next review" of the review of Tue 6 May 2025, whose next review was held
/// Mon 27 Oct 2025: one done the week before (on time), one done after it (late), one never
/// done (past due). One of the 27 Oct review, open: its next review is due Mon 27 Apr 2026,
/// after the year.
fn by_next_review() -> Kid {
    let kid = decisions(
        looked_after(2).review("2025-05-06", None),
        vec![
            (BY_NEXT_REVIEW, done("2025-10-20")),
            (BY_NEXT_REVIEW, done("2025-11-01")),
            (BY_NEXT_REVIEW, OPEN),
        ],
    );
    decided(kid.review("2025-10-27", None), BY_NEXT_REVIEW, OPEN)
}

#[test]
fn a_decision_by_the_next_review_is_due_the_day_that_review_was_held() {
    let r = report(&caseload(vec![by_next_review()]), 2025);
    expect![[r#"
        lac.decisions.made: 4 | 0
        lac.decisions.carried_out_by_due_date: 1 of 3 (33%) | —
        lac.decisions.done_on_time: 1 | 0
        lac.decisions.done_late: 1 | 0
        lac.decisions.open_past_due: 1 | 0
        lac.decisions.open_not_yet_due: 1 | 0
        lac.decisions.dropped: 0 | 0
    "#]]
    .assert_eq(&figures(&r, "lac.decisions."));
}

/// A decision "by the next review" of the review of Tue 1 Jul 2025; the next review was due
/// Thu 1 Jan 2026 and held late, on Wed 15 Apr 2026, and the decision done the day after.
fn late_review_after_the_year() -> Kid {
    let kid = decided(
        looked_after(3).review("2025-07-01", None),
        BY_NEXT_REVIEW,
        done("2026-04-16"),
    );
    kid.review("2026-04-15", None)
}

#[test]
fn a_decision_by_a_next_review_not_held_by_31_march_is_due_on_that_reviews_due_date() {
    // On 31 Mar 2026 the next review was three months overdue: so was the decision, whatever
    // happened in April.
    let r = report(&caseload(vec![late_review_after_the_year()]), 2025);
    assert_eq!(fig(&r, "lac.decisions.open_past_due").0, n(1));
    assert_eq!(
        fig(&r, "lac.decisions.carried_out_by_due_date").0,
        pct(0, 1)
    );
    // The 2026–27 report does not count it: its review was held in 2025–26.
    let next = report(&caseload(vec![late_review_after_the_year()]), 2026);
    assert_eq!(fig(&next, "lac.decisions.made"), (n(0), n(1)));
    // Beside it, 2025–26 still stands as it did on 31 Mar 2026: the April facts change nothing.
    assert_eq!(fig(&next, "lac.decisions.open_past_due").1, n(1));
}

#[test]
fn a_decision_by_the_next_review_after_care_ended_has_no_due_date_and_is_never_late() {
    // Care ended Tue 30 Sep 2025, before the next review was due: no review, no due date.
    let mut kid = decisions(
        looked_after(6).review("2025-05-06", None),
        vec![(BY_NEXT_REVIEW, done("2025-12-01")), (BY_NEXT_REVIEW, OPEN)],
    );
    kid.0.care_periods[0].ended_on = Some(d("2025-09-30"));
    let r = report(&caseload(vec![kid]), 2025);
    expect![[r#"
        lac.decisions.made: 2 | 0
        lac.decisions.carried_out_by_due_date: — | —
        lac.decisions.done_on_time: 1 | 0
        lac.decisions.done_late: 0 | 0
        lac.decisions.open_past_due: 0 | 0
        lac.decisions.open_not_yet_due: 1 | 0
        lac.decisions.dropped: 0 | 0
    "#]]
    .assert_eq(&figures(&r, "lac.decisions."));
}

/// On a plan since Mon 2 Jun 2025 (initial conference that day): one decision of the
/// conference done before its due date; one of a core group on Mon 16 Jun 2025, open past its
/// due date (core groups are not counted).
fn on_a_plan() -> Kid {
    let kid = decided(
        Kid::new(4, Some("2016-09-09"))
            .plan("2025-06-02", None, Some(AbuseCategory::Neg))
            .held(MeetingKind::Icpc, "2025-06-02"),
        on("2025-07-01"),
        done("2025-06-25"),
    );
    decided(
        kid.held(MeetingKind::CoreGroup, "2025-06-16"),
        on("2025-07-01"),
        OPEN,
    )
}

#[test]
fn conferences_decisions_are_in_the_child_protection_section_and_core_groups_are_not() {
    let r = report(&caseload(vec![by_dates(), on_a_plan()]), 2025);
    expect![[r#"
        cp.decisions.made: 1 | 0
        cp.decisions.carried_out_by_due_date: 1 of 1 (100%) | —
        cp.decisions.done_on_time: 1 | 0
        cp.decisions.done_late: 0 | 0
        cp.decisions.open_past_due: 0 | 0
        cp.decisions.open_not_yet_due: 0 | 0
        cp.decisions.dropped: 0 | 0
    "#]]
    .assert_eq(&figures(&r, "cp.decisions."));
    // The looked-after section counts only the LAC reviews' decisions.
    assert_eq!(fig(&r, "lac.decisions.made"), (n(7), n(2)));
    // A child protection report has no looked-after section, so no LAC review's decisions.
    let cp_only = ReportOptions {
        scope: ReportScope::Cp,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(
        &caseload(vec![by_dates(), on_a_plan()]),
        2025,
        &cp_only,
        &Rules::defaults(),
        &IroFilter::All,
    );
    assert!(r.figure("lac.decisions.made").is_none());
    assert_eq!(fig(&r, "cp.decisions.made").0, n(1));
}

#[test]
fn decisions_count_for_the_iro_allocated_on_the_day_of_the_meeting() {
    // IRO 2 from Thu 1 May 2025: the decisions of the 4 Nov 2024 review are IRO 1's, those of
    // the 6 May 2025 review IRO 2's.
    let moved = by_dates().allocate(2, "2025-05-01");
    let only = |iro: i64| IroFilter::Only {
        iros: vec![IroId(iro)],
    };
    let for_iro = |iro: i64| {
        report_with(
            &caseload(vec![Kid(moved.0.clone())]),
            2025,
            &ReportOptions::DEFAULTS,
            &Rules::defaults(),
            &only(iro),
        )
    };
    assert_eq!(fig(&for_iro(1), "lac.decisions.made"), (n(0), n(2)));
    assert_eq!(fig(&for_iro(2), "lac.decisions.made"), (n(7), n(0)));
}

#[test]
fn short_break_reviews_decisions_follow_the_headline() {
    let kid = decided(
        Kid::new(5, Some("2012-01-01"))
            .period("2024-09-02", None, Regime::ShortBreaks)
            .review("2025-06-02", None),
        on("2025-07-01"),
        done("2025-06-20"),
    );
    let apart = report(&caseload(vec![Kid(kid.0.clone())]), 2025);
    assert_eq!(fig(&apart, "lac.decisions.made").0, n(0));
    let included = ReportOptions {
        short_breaks: ShortBreaks::Included,
        ..ReportOptions::DEFAULTS
    };
    let r = report_with(
        &caseload(vec![kid]),
        2025,
        &included,
        &Rules::defaults(),
        &IroFilter::All,
    );
    assert_eq!(fig(&r, "lac.decisions.made").0, n(1));
}

#[test]
fn the_share_says_which_decisions_it_is_of() {
    let r = report(&caseload(vec![by_dates()]), 2025);
    let share = r.figure("lac.decisions.carried_out_by_due_date").unwrap();
    assert!(share.definition.contains("due on or before 31 March 2026"));
    assert!(share
        .definition
        .contains("dropped decisions are counted apart"));
    let made = r.figure("cp.decisions.made").unwrap();
    assert!(made
        .definition
        .contains("core group meetings are not counted"));
}
