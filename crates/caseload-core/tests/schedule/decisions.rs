//! Issue 11: decisions tracked between meetings: when each is due, and the overdue warning.

use super::*;
use caseload_core::decisions::tracked_decisions;
use caseload_core::domain::{Decision, DecisionDue, DecisionState};
use caseload_core::ids::DecisionId;

fn with_decisions(rec: Rec, made_by: i64, dues: &[DecisionDue]) -> Rec {
    let mut rec = rec;
    for (n, due) in dues.iter().enumerate() {
        rec.0.decisions.push(Decision {
            id: DecisionId(n as i64 + 1),
            meeting: MeetingId(made_by),
            child: ChildId(1),
            number: n as u32 + 1,
            text: format!("Decision {}", n + 1),
            owner: "Social worker".into(),
            due: *due,
            state: DecisionState::Open,
        });
    }
    rec
}

fn lac_child() -> Rec {
    Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01")
        .held(MeetingKind::LacReview, "2026-06-01")
}

fn tracked(rec: &Rec, as_of: &str) -> Vec<(Option<NaiveDate>, bool)> {
    tracked_decisions(&rec.0, &Env::defaults().ctx(), d(as_of))
        .into_iter()
        .map(|t| (t.due_on, t.overdue))
        .collect()
}

#[test]
fn a_decision_by_a_date_is_overdue_the_day_after() {
    let rec = with_decisions(
        lac_child(),
        2,
        &[DecisionDue::On {
            on: d("2026-07-01"),
        }],
    );
    assert_eq!(
        tracked(&rec, "2026-07-01"),
        [(Some(d("2026-07-01")), false)]
    );
    assert_eq!(tracked(&rec, "2026-07-02"), [(Some(d("2026-07-01")), true)]);
    let overdue: Vec<_> = warnings(&rec, "2026-07-02")
        .into_iter()
        .filter(|w| w.kind == WarningKind::DecisionOverdue)
        .map(|w| (w.severity, w.decision, w.meeting))
        .collect();
    assert_eq!(
        overdue,
        [(Severity::Overdue, Some(DecisionId(1)), Some(MeetingId(2)))]
    );
    // Done: no longer overdue.
    let mut done = rec;
    done.0.decisions[0].state = DecisionState::Done {
        on: d("2026-07-03"),
        note: None,
    };
    assert_eq!(
        tracked(&done, "2026-07-10"),
        [(Some(d("2026-07-01")), false)]
    );
}

#[test]
fn a_decision_by_the_next_review_is_due_by_its_due_date_then_by_the_day_it_was_held() {
    let rec = with_decisions(lac_child(), 2, &[DecisionDue::ByNextReview]);
    // Held Mon 1 Jun 2026: the next review is due Tue 1 Dec 2026.
    assert_eq!(
        tracked(&rec, "2026-11-23"),
        [(Some(d("2026-12-01")), false)]
    );
    assert_eq!(tracked(&rec, "2026-12-02"), [(Some(d("2026-12-01")), true)]);
    // Once the next review is held (early, on 20 Nov), that is the day it was due by.
    let rec = rec.held(MeetingKind::LacReview, "2026-11-20");
    assert_eq!(tracked(&rec, "2026-11-23"), [(Some(d("2026-11-20")), true)]);
}
