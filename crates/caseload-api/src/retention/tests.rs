//! The retention list and the deletion through the use cases, on a small store in memory.

use super::*;
use crate::{ApiError, App, AuditQuery};
use caseload_core::change::Change;
use caseload_core::ids::IroId;

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Alex left care on 31 March 2025; Sam is still in care; Robin moved to another IRO on
/// 1 September 2025. IRO 1 is the store's own.
fn app() -> App {
    let mut app = App::open_in_memory().unwrap();
    let changes: Vec<Change> = serde_json::from_value(serde_json::json!([
        {"op": "add_iro", "id": 1, "name": "Asha Patel", "fte": 1.0},
        {"op": "add_iro", "id": 2, "name": "Ben Okafor", "fte": 1.0},
        {"op": "set_settings", "settings": {"owner": 1, "retention_months": 12}},
        {"op": "add_child", "id": 1, "first_name": "Alex", "last_name": "Leftcare",
         "born_on": "2010-05-01", "sex": "female", "iro": 1, "allocated_on": "2023-01-09"},
        {"op": "start_care", "id": 1, "child": 1, "started_on": "2023-01-09",
         "legal_status": "C2", "regime": "full_care"},
        {"op": "end_care", "id": 1, "ended_on": "2025-03-31"},
        {"op": "add_child", "id": 2, "first_name": "Sam", "last_name": "Staying",
         "born_on": "2012-05-01", "sex": "male", "iro": 1, "allocated_on": "2023-01-09"},
        {"op": "start_care", "id": 2, "child": 2, "started_on": "2023-01-09",
         "legal_status": "C2", "regime": "full_care"},
        {"op": "add_child", "id": 3, "first_name": "Robin", "last_name": "Moved",
         "born_on": "2013-05-01", "sex": "male", "iro": 1, "allocated_on": "2023-01-09"},
        {"op": "start_care", "id": 3, "child": 3, "started_on": "2023-01-09",
         "legal_status": "C2", "regime": "full_care"},
        {"op": "allocate_iro", "child": 3, "iro": 2, "from_on": "2025-09-01"}
    ]))
    .unwrap();
    app.apply(&changes, d("2025-10-01"), Some(IroId(1)))
        .unwrap();
    app
}

fn shown(view: &RetentionView) -> Vec<String> {
    view.rows
        .iter()
        .map(|r| {
            format!(
                "{} | closed {} ({}) | kept until {} | past: {}",
                r.child.name, r.closed_on, r.why_closed, r.retain_until, r.past_retention
            )
        })
        .collect()
}

#[test]
fn the_list_holds_closed_cases_with_the_day_each_is_kept_until() {
    let view = app().retention(d("2026-04-01"), false).unwrap();
    assert_eq!(
        shown(&view),
        [
            "Alex Leftcare | closed 2025-03-31 (Care ended) | kept until 2026-03-31 | past: true",
            "Robin Moved | closed 2025-09-01 (Moved to another IRO) | kept until 2026-09-01 | past: false",
        ]
    );
    assert_eq!(view.n_due, 1);
    assert_eq!(view.rule, "12 months after the case closed");
    let due = app().retention(d("2026-04-01"), true).unwrap();
    assert_eq!(due.rows.len(), 1);
    assert_eq!(due.rows[0].child.name, "Alex Leftcare");
    assert_eq!(app().retention(d("2026-03-31"), true).unwrap().rows, []);
}

fn refused(result: Result<ErasureView, ApiError>) -> Vec<String> {
    match result {
        Err(ApiError::Invalid(errors)) => errors
            .iter()
            .flat_map(|c| {
                c.errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
            })
            .collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_record_not_past_retention_or_open_is_refused_and_nothing_is_deleted() {
    let mut app = app();
    let as_of = d("2026-04-01");
    assert_eq!(
        refused(app.erase_children(
            &[ChildId(1), ChildId(3), ChildId(2), ChildId(9)],
            as_of,
            None
        )),
        [
            "children: Robin Moved's record is kept until Tue 1 Sep 2026.",
            "children: Sam Staying's case is open, so their record is kept.",
            "children: There is no child 9 in this caseload.",
        ]
    );
    assert_eq!(
        refused(app.erase_children(&[], as_of, None)),
        ["children: Choose the children whose records to delete."]
    );
    assert_eq!(app.caseload(as_of, None).unwrap().rows.len(), 3);
}

#[test]
fn a_deleted_child_leaves_the_caseload_and_the_trail_keeps_a_tombstone_naming_no_one() {
    let mut app = app();
    let as_of = d("2026-04-01");
    let done = app
        .erase_children(&[ChildId(1), ChildId(1)], as_of, Some(IroId(1)))
        .unwrap();
    assert_eq!(done.erased.len(), 1);
    assert_eq!(done.erased[0].name, "Alex Leftcare");
    assert_eq!(
        done.erased[0].deleted,
        "1 child record, 1 IRO allocation, 1 period of care, 3 audit rows"
    );
    let names: Vec<String> = app
        .caseload(as_of, None)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.name.clone())
        .collect();
    assert_eq!(names, ["Robin Moved", "Sam Staying"]);

    let trail = app.audit_view(&AuditQuery::default()).unwrap();
    let tombstone = &trail.rows[0];
    assert_eq!(tombstone.op_label, "Deleted a record past retention");
    assert_eq!(
        tombstone.actor.as_ref().map(|a| a.name.as_str()),
        Some("Asha Patel")
    );
    assert_eq!(tombstone.child, None);
    let fields: Vec<String> = tombstone
        .fields
        .iter()
        .map(|f| format!("{}: {}", f.label, f.after.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        fields[..2],
        [
            "Deleted: 1 child record, 1 IRO allocation, 1 period of care, 3 audit rows",
            "Rule: Kept 12 months after the case closed; past that on Wed 1 Apr 2026",
        ]
    );
    assert_eq!(
        fields[2],
        format!("Tombstone: {}", done.erased[0].tombstone)
    );
    let text = serde_json::to_string(&trail.rows).unwrap();
    for personal in ["Alex", "Leftcare", "2010-05-01", "2025-03-31"] {
        assert!(!text.contains(personal), "{personal} in the trail");
    }
}

#[test]
fn deleted_rows_in_words_put_the_child_first_and_name_a_table_they_do_not_know() {
    let deleted: BTreeMap<&str, usize> = [
        ("audit", 12),
        ("meetings", 1),
        ("children", 1),
        ("future_table", 2),
    ]
    .into();
    assert_eq!(
        deleted_in_words(&deleted),
        "1 child record, 1 meeting, 12 audit rows, 2 rows of future_table"
    );
}
