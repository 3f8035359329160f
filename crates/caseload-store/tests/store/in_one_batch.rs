//! A change is validated against the store as the earlier changes of its batch left it: what
//! `apply` keeps read for a batch (IROs, ladders, reasons, each child's record) is never stale.
//! Each case passes only if the earlier change is seen, or is refused only if it is.

use crate::support::{apply, base_store, changes, ctx, refused, summary};
use caseload_core::ids::ChildId;
use caseload_store::AuditFilter;
use serde_json::json;

#[test]
fn an_iro_added_then_allocated_in_one_batch() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([
            // Read first, so the batch has the IROs before the new one.
            {"op": "allocate_iro", "child": 10, "iro": 1, "from_on": "2025-02-01"},
            {"op": "add_iro", "id": 2, "name": "Ben Okafor", "fte": 0.8},
            {"op": "allocate_iro", "child": 10, "iro": 2, "from_on": "2025-03-01"}
        ]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    assert_eq!(record.current_iro().map(|i| i.0), Some(2));
}

#[test]
fn an_iro_made_inactive_cannot_be_allocated_later_in_the_batch() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "add_iro", "id": 2, "name": "Ben Okafor", "fte": 0.8},
            {"op": "allocate_iro", "child": 10, "iro": 2, "from_on": "2025-02-01"},
            {"op": "update_iro", "id": 2, "name": "Ben Okafor", "fte": 0.8, "active": false},
            {"op": "allocate_iro", "child": 10, "iro": 2, "from_on": "2025-03-01"}
        ]),
    );
    assert_eq!(summary(&errors), ["3 allocate_iro iro conflict"]);
}

#[test]
fn a_meeting_booked_then_cancelled_cannot_be_moved_later_in_the_batch() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "book_meeting", "id": 32, "child": 10, "kind": "lac_review",
             "on": "2025-07-20"},
            {"op": "move_meeting", "id": 32, "on": "2025-07-21"},
            {"op": "cancel_meeting", "id": 32, "reason": "child unwell"},
            {"op": "move_meeting", "id": 32, "on": "2025-07-22"}
        ]),
    );
    assert_eq!(summary(&errors), ["3 move_meeting id conflict"]);
}

#[test]
fn a_meeting_booked_then_held_in_one_batch() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([
            {"op": "book_meeting", "id": 32, "child": 10, "kind": "lac_review",
             "on": "2025-06-20"},
            {"op": "record_child_seen", "id": 32, "on": "2025-06-10"},
            {"op": "record_meeting", "id": 32, "child": 10, "kind": "lac_review",
             "held_on": "2025-06-20", "participation": "PN1"},
            {"op": "record_decisions_sent", "meeting": 32, "on": "2025-06-23"}
        ]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let held = record.meetings.iter().find(|m| m.id.0 == 32).unwrap();
    assert_eq!(
        held.outcome.decisions_sent_on,
        Some(crate::support::d("2025-06-23"))
    );
}

fn raise(stage: u8) -> serde_json::Value {
    json!({"op": "raise_dispute", "id": 50, "child": 10, "kind": "drp", "concerns": "lac_plan",
           "reason": "progress_of_plan", "raised_on": "2025-05-01", "stage": stage,
           "sent_to": "Team Manager"})
}

#[test]
fn a_ladder_changed_then_used_in_one_batch() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([
            raise(0),
            {"op": "set_dispute_ladder", "kind": "drp", "steps": [
                {"stage": 0, "label": "IRO alert", "target": "Team Manager",
                 "response": {"working_days": 10}, "formal": false},
                {"stage": 9, "label": "Director's panel", "target": "Panel",
                 "response": "no_clock", "formal": true}
            ]},
            {"op": "escalate_dispute", "id": 50, "stage": 9, "raised_on": "2025-05-08",
             "sent_to": "Panel"}
        ]),
    );
    // And the other way: a stage the batch took off the ladder is refused after it.
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "set_dispute_ladder", "kind": "drp", "steps": [
                {"stage": 0, "label": "IRO alert", "target": "Team Manager",
                 "response": {"working_days": 10}, "formal": false},
                {"stage": 9, "label": "Director's panel", "target": "Panel",
                 "response": "no_clock", "formal": true}
            ]},
            raise(0),
            {"op": "escalate_dispute", "id": 50, "stage": 1, "raised_on": "2025-05-08",
             "sent_to": "Service Manager"}
        ]),
    );
    assert_eq!(summary(&errors), ["2 escalate_dispute stage not_found"]);
}

#[test]
fn reasons_changed_then_used_in_one_batch() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            raise(0),
            {"op": "set_dispute_reasons", "reasons": [
                {"code": "progress_of_plan", "label": "Drift in the plan"},
                {"code": "contact", "label": "Family time"}
            ]},
            {"op": "raise_dispute", "id": 51, "child": 10, "kind": "drp",
             "concerns": "lac_plan", "reason": "contact", "raised_on": "2025-05-02",
             "stage": 0, "sent_to": "Team Manager"},
            {"op": "raise_dispute", "id": 52, "child": 10, "kind": "drp",
             "concerns": "lac_plan", "reason": "planning", "raised_on": "2025-05-02",
             "stage": 0, "sent_to": "Team Manager"}
        ]),
    );
    assert_eq!(summary(&errors), ["3 raise_dispute reason invalid"]);
}

#[test]
fn a_group_rolled_back_is_not_seen_by_the_next_group() {
    let mut store = base_store();
    let groups = vec![
        changes(json!([
            {"op": "end_care", "id": 20, "ended_on": "2025-03-01"},
            // Refused (held before the child was born), after reading the child's record with
            // the period ended: the group, and its end of care, are rolled back.
            {"op": "record_meeting", "child": 10, "kind": "lac_review",
             "held_on": "2014-01-01", "participation": "PN0"}
        ])),
        changes(json!([
            // Period 20 is still open: a new one cannot start.
            {"op": "start_care", "child": 10, "started_on": "2025-04-01",
             "legal_status": "C2", "regime": "full_care"}
        ])),
        changes(json!([
            {"op": "end_care", "id": 20, "ended_on": "2025-03-01"},
            {"op": "start_care", "child": 10, "started_on": "2025-04-01",
             "legal_status": "C2", "regime": "full_care"}
        ])),
    ];
    let outcomes = store
        .apply_groups(&groups, &ctx(), true, &mut |_| {})
        .unwrap();
    assert!(outcomes[0].is_err(), "{outcomes:?}");
    let refused = outcomes[1].as_ref().unwrap_err();
    assert_eq!(summary(refused), ["0 start_care started_on overlap"]);
    assert!(outcomes[2].is_ok(), "{outcomes:?}");
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    assert_eq!(record.care_periods.len(), 2);
    // The base's five rows and the third group's two.
    assert_eq!(store.audit(&AuditFilter::default()).unwrap().len(), 7);
}
