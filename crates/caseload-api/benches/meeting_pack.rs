//! The preparation pack of a child with ten years of history: two child-protection episodes
//! (an initial conference and review conferences each, with their records, Signs of Safety
//! mappings and decisions), then a period of care with twenty LAC reviews, each with its
//! finalised record and five decisions, and the twenty-first booked. Measured: building the
//! pack (load the store and compute), and writing its PDF (and .docx) from the pack.
//! Run: `cargo bench -p caseload-api --bench meeting_pack`.

use caseload_api::core::change::Change;
use caseload_api::core::ids::MeetingId;
use caseload_api::{document_docx, document_pdf, pack_document, App};
use chrono::{Datelike, Months, NaiveDate, Weekday};
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

const AS_OF: &str = "2026-11-23";

/// The weekday on or after `d`.
fn weekday(mut d: NaiveDate) -> NaiveDate {
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d = d.succ_opt().unwrap();
    }
    d
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

const OWNERS: [&str; 5] = [
    "Social worker",
    "Team manager",
    "Foster carer",
    "Designated teacher",
    "IRO",
];

/// `n` decisions made on `held`, due in the weeks after it.
fn decisions(held: NaiveDate, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let due = held + chrono::Days::new(14 * (i as u64 + 1));
            let owner = OWNERS[i % OWNERS.len()];
            json!({"text": format!("Action {} agreed at the meeting of {}: the plan's next step, written out in full so that the row wraps in the table", i + 1, date(held)),
                   "owner": owner,
                   "due": {"kind": "on", "on": date(due)}})
        })
        .collect()
}

fn attendance() -> Value {
    json!([
        {"name": "Chris Placeholder", "role": "Social worker", "attendance": "present"},
        {"name": "Pat Demo", "role": "Foster carer", "attendance": "present"},
        {"name": "Morgan Test", "role": "Designated teacher", "attendance": "report_only"},
        {"name": "Robin Fictional", "role": "Mother", "attendance": "apologies"},
        {"name": "Sam Nurse", "role": "School nurse", "attendance": "present"},
        {"name": "Alex Example", "role": "Child", "attendance": "present"}
    ])
}

fn mapping() -> Value {
    json!({"harm": "Alex was left without food for two days.",
           "danger_statements": "Everyone is worried Alex will go hungry and miss school again.",
           "complicating_factors": "Mother's health; no family nearby.",
           "working_well": "Alex's school gives breakfast and notices when Alex is absent.",
           "safety_goals": "Alex always has meals and goes to school every day.",
           "next_steps": "A family network meeting.",
           "scaling": [{"participant": "Robin Fictional", "role": "Mother", "score": 6},
                       {"participant": "Chris Placeholder", "role": "Social worker", "score": 4},
                       {"participant": "Jordan Sample", "role": "Chair", "score": 4}]})
}

/// One child's ten years, as the changes an IRO would have applied, and the booked review.
fn history() -> (Vec<Value>, MeetingId) {
    let mut changes = vec![
        json!({"op": "add_iro", "id": 1, "name": "Jordan Sample"}),
        json!({"op": "add_child", "id": 1, "first_name": "Alexander", "last_name": "Example",
               "preferred_name": "Alex", "born_on": "2008-03-01", "sex": "male",
               "social_worker": "Chris Placeholder", "iro": 1, "allocated_on": "2014-01-01"}),
    ];
    let mut next_meeting = 1;
    let mut n_decisions = 0;
    let mut meeting = |changes: &mut Vec<Value>, kind: &str, held: NaiveDate, record: Value| {
        let id = next_meeting;
        next_meeting += 1;
        changes.push(
            json!({"op": "book_meeting", "id": id, "child": 1, "kind": kind, "on": date(held)}),
        );
        let mut record = record;
        record["held_on"] = json!(date(held));
        record["attendance"] = attendance();
        changes.push(json!({"op": "finalise_record", "meeting": id, "record": record}));
        id
    };
    // Two child-protection episodes: an ICPC, then review conferences, the last ending the plan.
    for (episode, strategy) in [(1, "2014-02-03"), (2, "2015-09-07")] {
        let strategy: NaiveDate = strategy.parse().unwrap();
        changes.push(json!({"op": "start_cp_episode", "id": episode, "child": 1, "strategy_on": date(strategy)}));
        let icpc = weekday(strategy + chrono::Days::new(14));
        meeting(
            &mut changes,
            "icpc",
            icpc,
            json!({"child_attended": true, "plan_decision": "plan_starts", "category": "NEG",
                   "signs_of_safety": mapping(), "decisions": decisions(icpc, 5)}),
        );
        n_decisions += 5;
        let mut held = icpc;
        for review in 0..3 {
            held = weekday(held + Months::new(if review == 0 { 3 } else { 5 }));
            let decision = if review == 2 {
                "plan_ends"
            } else {
                "plan_continues"
            };
            meeting(
                &mut changes,
                "cp_review",
                held,
                json!({"child_attended": true, "plan_decision": decision, "category": "NEG",
                       "signs_of_safety": mapping(), "decisions": decisions(held, 5)}),
            );
            n_decisions += 5;
        }
    }
    // A period of care from June 2016, twenty reviews held.
    changes.push(
        json!({"op": "start_care", "id": 1, "child": 1, "started_on": "2016-06-01",
                        "legal_status": "C2", "regime": "full_care"}),
    );
    let mut held: NaiveDate = "2016-06-20".parse().unwrap();
    for review in 0..20 {
        if review > 0 {
            held = weekday(held + Months::new(if review == 1 { 3 } else { 5 }));
        }
        meeting(
            &mut changes,
            "lac_review",
            held,
            json!({"participation": "PN1", "views_conveyed": "spoke_for_themself",
                   "child_views": "Alex said the placement is going well and asked for more time with friends.",
                   "care_plan_endorsed": true, "advocate_offered": true, "advocate_used": false,
                   "decisions": decisions(held, 5)}),
        );
        n_decisions += 5;
    }
    // Every decision done except the last two meetings'.
    for id in 1..=(n_decisions - 10) {
        changes.push(json!({"op": "decision_done", "id": id, "on": AS_OF, "note": "Done"}));
    }
    let booked = MeetingId(next_meeting);
    changes.push(
        json!({"op": "book_meeting", "id": booked.0, "child": 1, "kind": "lac_review",
                        "on": date(weekday(held + Months::new(5)))}),
    );
    (changes, booked)
}

fn meeting_pack_ten_years(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let as_of: NaiveDate = AS_OF.parse().unwrap();
    let mut app = App::open(&dir.path().join("bench.sqlite3")).unwrap();
    let (changes, booked) = history();
    let changes: Vec<Change> = changes
        .into_iter()
        .map(|v| serde_json::from_value(v).unwrap())
        .collect();
    app.apply(&changes, as_of, None).unwrap();
    let pack = app.meeting_pack(booked, as_of).unwrap();
    assert_eq!(pack.chronology.len(), 28, "8 conferences and 20 reviews");
    assert!(pack.decisions.len() >= 5);

    let mut group = c.benchmark_group("meeting_pack_ten_years");
    group.bench_function("build_pack", |b| {
        b.iter(|| app.meeting_pack(booked, as_of).unwrap().chronology.len())
    });
    group.bench_function("pack_pdf", |b| {
        b.iter(|| document_pdf(&pack_document(&pack)).unwrap().len())
    });
    group.bench_function("pack_docx", |b| {
        b.iter(|| document_docx(&pack_document(&pack)).unwrap().len())
    });
    group.finish();
}

criterion_group!(benches, meeting_pack_ten_years);
criterion_main!(benches);
