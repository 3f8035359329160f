//! The history of a child already in care (issue 13): the vectors of
//! `tests/data/history.toml` through the schedule and the warnings.

use super::{d, items, warnings, Env, Rec};
use caseload_core::domain::{MeetingKind, Regime, ReviewHistory};
use caseload_core::rules::RuleId;
use caseload_core::schedule::DueWhat;
use caseload_core::warnings::WarningKind;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Held {
    Count(u32),
    Unknown(String),
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    note: String,
    care_started_on: String,
    reviews_held: Held,
    #[serde(default)]
    last_review_on: Option<String>,
    #[serde(default)]
    decisions_sent_on: Option<String>,
    #[serde(default)]
    record_sent_on: Option<String>,
    as_of: String,
    #[serde(default)]
    next_rule: Option<RuleId>,
    #[serde(default)]
    next_due: Option<String>,
    #[serde(default)]
    next_number: Option<u32>,
    warnings: Vec<WarningKind>,
}

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

fn cases() -> Vec<Case> {
    let text = include_str!("../../../../tests/data/history.toml");
    toml::from_str::<Cases>(text)
        .expect("history.toml parses")
        .case
}

/// "" is "not sent".
fn sent(on: &Option<String>) -> Option<chrono::NaiveDate> {
    on.as_deref().filter(|s| !s.is_empty()).map(d)
}

/// The child as the history form leaves them: the period of care, the last review held as a
/// meeting, and the history saying how many came before it.
fn child(case: &Case) -> Rec {
    let rec = Rec::born("2012-02-02").care(&case.care_started_on, None, Regime::FullCare);
    let (rec, history) = match &case.reviews_held {
        Held::Unknown(word) => {
            assert_eq!(word, "unknown", "{}", case.id);
            (rec, ReviewHistory::Unknown)
        }
        Held::Count(n) => {
            let last = case
                .last_review_on
                .as_deref()
                .expect("a count has a last review");
            let rec = rec.held(MeetingKind::LacReview, last).last_meeting(|m| {
                m.outcome.decisions_sent_on = sent(&case.decisions_sent_on);
                m.outcome.record_sent_on = sent(&case.record_sent_on);
            });
            let history = match n - 1 {
                0 => ReviewHistory::Recorded,
                count => ReviewHistory::Earlier { count },
            };
            (rec, history)
        }
    };
    rec.history(history)
}

#[test]
fn history_vectors() {
    let all = cases();
    assert!(all.len() >= 5);
    for case in all {
        let rec = child(&case);
        let what = format!("{} ({})", case.id, case.note);
        if let Some(due) = &case.next_due {
            let review: Vec<_> = items(&rec, &case.as_of)
                .into_iter()
                .filter(|i| i.what == DueWhat::LacReview)
                .collect();
            assert_eq!(review.len(), 1, "{what}");
            assert_eq!(Some(review[0].due.rule), case.next_rule, "{what}");
            assert_eq!(review[0].due.due, d(due), "{what}");
            assert_eq!(review[0].number, case.next_number, "{what}");
        }
        let kinds: Vec<WarningKind> = warnings(&rec, &case.as_of).iter().map(|w| w.kind).collect();
        assert_eq!(kinds, case.warnings, "{what}");
    }
}

#[test]
fn no_overdue_warning_for_a_child_entered_with_their_history() {
    for case in cases() {
        let rec = child(&case);
        for w in warnings(&rec, &case.as_of) {
            assert!(
                w.kind != WarningKind::Overdue && w.kind != WarningKind::IroAppointmentLate,
                "{}: {w:?}",
                case.id
            );
        }
    }
}

#[test]
fn an_unknown_history_has_no_due_date_on_its_row_until_the_last_review_is_recorded() {
    let unknown = Rec::born("2012-02-02")
        .care("2021-03-15", None, Regime::FullCare)
        .history(ReviewHistory::Unknown);
    let ws = warnings(&unknown, "2026-12-03");
    assert_eq!(ws.len(), 1);
    assert_eq!((ws[0].due, ws[0].working_days_left), (None, None));
    assert!(
        ws[0].message.contains("since Mon 15 Mar 2021"),
        "{}",
        ws[0].message
    );
    // Earlier reviews named but the last not recorded: still not placed.
    let unplaced = Rec::born("2012-02-02")
        .care("2021-03-15", None, Regime::FullCare)
        .history(ReviewHistory::Earlier { count: 3 });
    let kinds: Vec<_> = warnings(&unplaced, "2026-12-03")
        .iter()
        .map(|w| w.kind)
        .collect();
    assert_eq!(kinds, [WarningKind::HistoryIncomplete]);
}

#[test]
fn an_authority_that_says_cla_reads_cla_in_every_warning_and_title() {
    use caseload_core::schedule::schedule;
    use caseload_core::settings::Terminology;
    use caseload_core::warnings::{explain_warning, warnings_for_child};
    let rec = Rec::born("2015-06-01")
        .care("2024-01-08", None, Regime::FullCare)
        .held(MeetingKind::LacReview, "2024-02-01");
    let mut env = Env::defaults();
    env.settings.terminology = Terminology::Cla;
    let ctx = env.ctx();
    let as_of = d("2024-04-20");
    let items = schedule(&rec.0, &ctx, as_of);
    assert_eq!(items[0].title, "Second CLA review");
    let ws = warnings_for_child(&rec.0, &ctx, as_of);
    assert!(!ws.is_empty());
    assert!(ws.iter().any(|w| w.why.is_some()));
    for w in &ws {
        let explanation = w
            .why
            .map(|key| explain_warning(&rec.0, &ctx, &key).unwrap());
        if let Some(e) = &explanation {
            assert!(!e.text.is_empty());
        }
        let text = format!("{} {} {:?}", w.title, w.message, explanation);
        assert!(!text.contains("LAC"), "{text}");
    }
    assert!(ws[0].title.contains("CLA review"), "{}", ws[0].title);
}
