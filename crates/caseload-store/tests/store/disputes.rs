//! Disputes in the store: written through `apply`, loaded back with their stages, audited with
//! before and after, refused when closed, the ladder and the reason categories stored and
//! enforced, and stores of schema versions 1 and 2 migrated with their rows.

use crate::support::{apply, base, base_store, changes, ctx, d, refused, summary};
use caseload_core::domain::{
    Concerns, Dispute, DisputeKind, DisputeOutcome, DisputeReason, Stage, StageEvent,
};
use caseload_core::ids::{ChildId, DisputeId};
use caseload_core::rules::{DisputeLadders, DisputeReasons, StageClock};
use caseload_store::{AuditFilter, SCHEMA_VERSION};
use serde_json::json;

/// Child 10 of the base is looked after from 6 January 2025; "today" is 30 June 2025.
fn raise() -> serde_json::Value {
    json!([
        {"op": "raise_dispute", "id": 50, "child": 10, "kind": "drp", "concerns": "lac_plan",
         "reason": "progress_of_plan", "raised_on": "2025-05-01", "stage": 0,
         "sent_to": "  Team Manager, CiC 2  "}
    ])
}

#[test]
fn a_dispute_is_written_and_loads_back_with_its_stages() {
    let mut store = base_store();
    apply(&mut store, raise());
    apply(
        &mut store,
        json!([
            {"op": "record_dispute_response", "id": 50, "stage": 0, "responded_on": "2025-05-06",
             "summary": "Will review at the next supervision."},
            {"op": "escalate_dispute", "id": 50, "stage": 2, "raised_on": "2025-05-08",
             "sent_to": "Service Manager"},
            {"op": "refer_to_cafcass", "id": 50, "on": "2025-05-20"},
            {"op": "record_dispute_response", "id": 50, "stage": 2, "responded_on": "2025-05-21"},
            {"op": "resolve_dispute", "id": 50, "outcome": "resolved", "on": "2025-05-22"}
        ]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let expected = Dispute {
        id: DisputeId(50),
        child: ChildId(10),
        kind: DisputeKind::Drp,
        concerns: Concerns::LacPlan,
        reason: DisputeReason::new("progress_of_plan"),
        raised_on: d("2025-05-01"),
        sibling_group: None,
        partner_agency: None,
        stages: vec![
            StageEvent {
                stage: Stage(0),
                raised_on: d("2025-05-01"),
                sent_to: "Team Manager, CiC 2".into(),
                responded_on: Some(d("2025-05-06")),
                response_summary: Some("Will review at the next supervision.".into()),
            },
            StageEvent {
                stage: Stage(2),
                raised_on: d("2025-05-08"),
                sent_to: "Service Manager".into(),
                responded_on: Some(d("2025-05-21")),
                response_summary: None,
            },
        ],
        cafcass_referred_on: Some(d("2025-05-20")),
        outcome: Some(DisputeOutcome::Resolved),
        closed_on: Some(d("2025-05-22")),
    };
    assert_eq!(record.disputes, std::slice::from_ref(&expected));
    let caseload = store.load_caseload().unwrap();
    assert_eq!(caseload.children[0].disputes, [expected]);
}

#[test]
fn disputes_load_in_the_order_raised_on_each_childs_record() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([
            {"op": "add_child", "id": 11, "first_name": "Ana", "last_name": "Lee",
             "born_on": "2012-02-02", "sex": "female", "sibling_group": "SG-9"},
            {"op": "start_cp_episode", "id": 41, "child": 11, "strategy_on": "2025-03-03"},
            {"op": "raise_dispute", "id": 3, "child": 10, "kind": "drp", "concerns": "lac_plan",
             "reason": "contact", "raised_on": "2025-06-02", "stage": 1, "sent_to": "TM"},
            {"op": "raise_dispute", "id": 2, "child": 10, "kind": "drp", "concerns": "lac_plan",
             "reason": "planning", "raised_on": "2025-03-03", "stage": 0, "sent_to": "SW"},
            {"op": "raise_dispute", "id": 1, "child": 11, "kind": "macp", "concerns": "cp_plan",
             "reason": "practice", "raised_on": "2025-04-01", "stage": 1, "sent_to": "PC Example",
             "partner_agency": "Police", "sibling_group": "SG-9"}
        ]),
    );
    let caseload = store.load_caseload().unwrap();
    let ids = |child: i64| -> Vec<i64> {
        caseload
            .children
            .iter()
            .find(|r| r.child.id == ChildId(child))
            .unwrap()
            .disputes
            .iter()
            .map(|d| d.id.0)
            .collect()
    };
    assert_eq!(ids(10), [2, 3]);
    assert_eq!(ids(11), [1]);
    let macp = &store.load_child(ChildId(11)).unwrap().unwrap().disputes[0];
    assert_eq!(macp.partner_agency.as_deref(), Some("Police"));
    assert_eq!(macp.sibling_group.as_deref(), Some("SG-9"));
}

#[test]
fn dispute_changes_are_audited_with_the_dispute_before_and_after() {
    let mut store = base_store();
    apply(&mut store, raise());
    apply(
        &mut store,
        json!([
            {"op": "escalate_dispute", "id": 50, "stage": 1, "raised_on": "2025-05-08",
             "sent_to": "Team Manager"},
            {"op": "resolve_dispute", "id": 50, "outcome": "referred_to_cafcass",
             "on": "2025-05-20"}
        ]),
    );
    let entries = store
        .audit(&AuditFilter {
            child: Some(ChildId(10)),
            limit: Some(3),
            ..AuditFilter::default()
        })
        .unwrap();
    let shape: Vec<(String, Option<i64>, bool)> = entries
        .iter()
        .map(|e| (e.op.clone(), e.child.map(|c| c.0), e.before.is_some()))
        .collect();
    assert_eq!(
        shape,
        [
            ("resolve_dispute".to_string(), Some(10), true),
            ("escalate_dispute".to_string(), Some(10), true),
            ("raise_dispute".to_string(), Some(10), false),
        ]
    );
    let escalate = &entries[1];
    assert_eq!(
        escalate.before.as_ref().unwrap()["stages"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(escalate.after.as_ref().unwrap()["stages"][1]["stage"], 1);
    // Ended by a referral to Cafcass: the referral is recorded with the outcome.
    let resolve = &entries[0];
    assert_eq!(resolve.before.as_ref().unwrap()["outcome"], json!(null));
    let after = resolve.after.as_ref().unwrap();
    assert_eq!(after["outcome"], "referred_to_cafcass");
    assert_eq!(after["closed_on"], "2025-05-20");
    assert_eq!(after["cafcass_referred_on"], "2025-05-20");
}

#[test]
fn a_closed_dispute_refuses_changes_and_the_batch_writes_nothing() {
    let mut store = base_store();
    apply(&mut store, raise());
    let before = store.count_rows().unwrap();
    let errors = refused(
        &mut store,
        json!([
            {"op": "resolve_dispute", "id": 50, "outcome": "withdrawn", "on": "2025-05-02"},
            {"op": "escalate_dispute", "id": 50, "stage": 1, "raised_on": "2025-05-08",
             "sent_to": "Team Manager"},
            {"op": "refer_to_cafcass", "id": 99, "on": "2025-05-08"}
        ]),
    );
    assert_eq!(
        summary(&errors),
        [
            "1 escalate_dispute id conflict",
            "2 refer_to_cafcass id not_found"
        ]
    );
    assert_eq!(store.count_rows().unwrap(), before);
    assert!(store.load_child(ChildId(10)).unwrap().unwrap().disputes[0].is_open());
}

#[test]
fn explicit_dispute_id_already_taken_is_a_conflict() {
    let mut store = base_store();
    apply(&mut store, raise());
    assert_eq!(
        summary(&refused(&mut store, raise())),
        ["0 raise_dispute id conflict"]
    );
}

#[test]
fn validation_errors_name_the_fields() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "raise_dispute", "child": 10, "kind": "macp", "concerns": "cp_plan",
             "reason": "other", "raised_on": "2025-07-01", "stage": 5, "sent_to": ""},
            {"op": "raise_dispute", "child": 99, "kind": "drp", "concerns": "lac_plan",
             "reason": "other", "raised_on": "2025-05-01", "stage": 1, "sent_to": "TM"}
        ]),
    );
    assert_eq!(
        summary(&errors),
        [
            "0 raise_dispute raised_on in_future",
            "0 raise_dispute stage not_found",
            "0 raise_dispute concerns conflict",
            "0 raise_dispute partner_agency required",
            "0 raise_dispute sent_to required",
            "1 raise_dispute child not_found"
        ]
    );
}

fn local_ladder() -> serde_json::Value {
    json!({"op": "set_dispute_ladder", "kind": "drp", "steps": [
        {"stage": 0, "label": "IRO alert", "target": "Team Manager",
         "response": {"working_days": 10}, "formal": false},
        {"stage": 1, "label": "Stage 1", "target": "Service Manager", "response": "rule",
         "formal": true},
        {"stage": 9, "label": "Director's panel", "target": "Panel", "response": "no_clock",
         "formal": true}
    ]})
}

#[test]
fn a_ladder_is_stored_loaded_and_used_to_validate_stages() {
    let mut store = base_store();
    assert_eq!(
        store.load_rules().unwrap().ladders(),
        &DisputeLadders::default()
    );
    apply(&mut store, json!([local_ladder()]));
    let rules = store.load_rules().unwrap();
    let drp = &rules.ladders().drp;
    assert_eq!(drp.len(), 3);
    assert_eq!(drp[0].response, StageClock::WorkingDays(10));
    assert_eq!(drp[2].label, "Director's panel");
    assert_eq!(rules.ladders().macp, DisputeLadders::default().macp);
    apply(&mut store, raise());
    // Stage 2 is not on the local ladder; stage 9 is.
    let errors = refused(
        &mut store,
        json!([{"op": "escalate_dispute", "id": 50, "stage": 2, "raised_on": "2025-05-08",
                "sent_to": "SM"}]),
    );
    assert_eq!(summary(&errors), ["0 escalate_dispute stage not_found"]);
    apply(
        &mut store,
        json!([{"op": "escalate_dispute", "id": 50, "stage": 9, "raised_on": "2025-05-08",
                "sent_to": "Panel"}]),
    );
    // The audit row of the first ladder shows the default it replaced.
    let entries = store.audit(&AuditFilter::default()).unwrap();
    let set = entries
        .iter()
        .find(|e| e.op == "set_dispute_ladder")
        .unwrap();
    assert_eq!(set.before.as_ref().unwrap().as_array().unwrap().len(), 9);
    assert_eq!(set.after.as_ref().unwrap().as_array().unwrap().len(), 3);
}

#[test]
fn a_ladder_that_drops_a_stage_in_use_is_refused() {
    let mut store = base_store();
    apply(&mut store, raise());
    apply(
        &mut store,
        json!([{"op": "escalate_dispute", "id": 50, "stage": 4, "raised_on": "2025-05-08",
                "sent_to": "Director"}]),
    );
    let errors = refused(&mut store, json!([local_ladder()]));
    assert_eq!(
        errors[0]
            .errors
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>(),
        ["Stage 4 is used by a dispute already recorded: keep it on the ladder."]
    );
    // The other kind's ladder is free to change.
    apply(
        &mut store,
        json!([{"op": "set_dispute_ladder", "kind": "macp", "steps": [
            {"stage": 1, "label": "Level 1", "target": "Practitioners",
             "response": {"working_days": 3}, "formal": true}
        ]}]),
    );
}

fn local_reasons() -> serde_json::Value {
    json!({"op": "set_dispute_reasons", "reasons": [
        {"code": "progress_of_plan", "label": "Drift in the plan"},
        {"code": "education", "label": "  Education (PEP)  "}
    ]})
}

#[test]
fn a_list_of_reasons_is_stored_loaded_and_used_to_validate() {
    let mut store = base_store();
    assert_eq!(
        store.load_rules().unwrap().reasons(),
        &DisputeReasons::default()
    );
    apply(&mut store, json!([local_reasons()]));
    let rules = store.load_rules().unwrap();
    let labels: Vec<(&str, &str)> = rules
        .reasons()
        .categories()
        .iter()
        .map(|c| (c.code.as_str(), c.label.as_str()))
        .collect();
    // In the order given, labels trimmed.
    assert_eq!(
        labels,
        [
            ("progress_of_plan", "Drift in the plan"),
            ("education", "Education (PEP)")
        ]
    );
    // A code off the list is refused; one on it is written and loads back.
    let errors = refused(
        &mut store,
        json!([{"op": "raise_dispute", "child": 10, "kind": "drp", "concerns": "lac_plan",
                "reason": "contact", "raised_on": "2025-05-01", "stage": 0, "sent_to": "TM"}]),
    );
    assert_eq!(summary(&errors), ["0 raise_dispute reason invalid"]);
    apply(
        &mut store,
        json!([{"op": "raise_dispute", "id": 51, "child": 10, "kind": "drp",
                "concerns": "lac_plan", "reason": "education", "raised_on": "2025-05-01",
                "stage": 0, "sent_to": "TM"}]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    assert_eq!(record.disputes[0].reason, DisputeReason::new("education"));
    // The audit row shows the default list it replaced.
    let entries = store.audit(&AuditFilter::default()).unwrap();
    let set = entries
        .iter()
        .find(|e| e.op == "set_dispute_reasons")
        .unwrap();
    assert_eq!(set.before.as_ref().unwrap().as_array().unwrap().len(), 8);
    assert_eq!(set.after.as_ref().unwrap().as_array().unwrap().len(), 2);
}

#[test]
fn a_list_that_drops_a_reason_in_use_is_refused_and_relabelling_it_is_not() {
    let mut store = base_store();
    apply(&mut store, raise());
    let errors = refused(
        &mut store,
        json!([{"op": "set_dispute_reasons", "reasons": [
            {"code": "education", "label": "Education"}
        ]}]),
    );
    assert_eq!(
        errors[0]
            .errors
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>(),
        ["'Progress of the plan' is the reason of a dispute already recorded: keep it on the list (its label may change)."]
    );
    apply(&mut store, json!([local_reasons()]));
    assert_eq!(
        store
            .load_rules()
            .unwrap()
            .reasons()
            .label(&DisputeReason::new("progress_of_plan")),
        "Drift in the plan"
    );
}

#[test]
fn a_version_2_store_keeps_its_disputes_and_stages_through_the_reasons_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../src/migrations/0001_initial.sql"))
            .unwrap();
        conn.execute_batch(include_str!("../../src/migrations/0002_add_disputes.sql"))
            .unwrap();
        conn.execute_batch(
            "INSERT INTO iros (id, name, fte, active) VALUES (1, 'Asha Patel', 1.0, 1);
             INSERT INTO children (id, first_name, last_name, born_on, sex)
                 VALUES (10, 'Sam', 'Jones', '2015-05-01', 'male');
             INSERT INTO care_periods (id, child_id, started_on, legal_status, regime)
                 VALUES (20, 10, '2025-01-06', 'C2', 'full_care');
             INSERT INTO disputes (id, child_id, kind, concerns, reason, raised_on,
                                   outcome, closed_on)
                 VALUES (50, 10, 'drp', 'lac_plan', 'permanence', '2025-05-01',
                         'resolved', '2025-05-20');
             INSERT INTO dispute_stages (dispute_id, stage, raised_on, sent_to, responded_on)
                 VALUES (50, 0, '2025-05-01', 'Team Manager', '2025-05-06'),
                        (50, 2, '2025-05-08', 'Service Manager', '2025-05-15');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
    }
    let mut store = crate::support::open_plain(&path).unwrap();
    assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
    assert!(store.pragmas().unwrap().foreign_keys);
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let dispute = &record.disputes[0];
    assert_eq!(
        (dispute.id, dispute.reason.as_str(), dispute.stages.len()),
        (DisputeId(50), "permanence", 2)
    );
    assert_eq!(dispute.stages[1].responded_on, Some(d("2025-05-15")));
    // The rebuilt table still refers to its child, and its stages still to it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    assert!(conn
        .execute("DELETE FROM disputes WHERE id = 50", [])
        .is_err());
    assert!(conn
        .execute(
            "INSERT INTO dispute_stages (dispute_id, stage, raised_on, sent_to) \
             VALUES (99, 1, '2025-05-01', 'TM')",
            [],
        )
        .is_err());
    drop(conn);
    // And a store's own category can now be recorded (keeping the one in use).
    apply(
        &mut store,
        json!([{"op": "set_dispute_reasons", "reasons": [
            {"code": "permanence", "label": "Permanence"},
            {"code": "education", "label": "Education (PEP)"}
        ]}]),
    );
    apply(
        &mut store,
        json!([{"op": "raise_dispute", "child": 10, "kind": "drp", "concerns": "lac_plan",
                "reason": "education", "raised_on": "2025-06-02", "stage": 1, "sent_to": "TM"}]),
    );
}

#[test]
fn a_version_1_store_is_migrated_to_disputes_with_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../src/migrations/0001_initial.sql"))
            .unwrap();
        conn.execute_batch(
            "INSERT INTO iros (id, name, fte, active) VALUES (1, 'Asha Patel', 1.0, 1);
             INSERT INTO children (id, first_name, last_name, born_on, sex)
                 VALUES (10, 'Sam', 'Jones', '2015-05-01', 'male');
             INSERT INTO care_periods (id, child_id, started_on, legal_status, regime)
                 VALUES (20, 10, '2025-01-06', 'C2', 'full_care');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let mut store = crate::support::open_plain(&path).unwrap();
    assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
    const { assert!(SCHEMA_VERSION >= 2) };
    let counts = store.count_rows().unwrap();
    assert_eq!(
        (
            counts["children"],
            counts["care_periods"],
            counts["disputes"]
        ),
        (1, 1, 0)
    );
    apply(&mut store, raise());
    assert_eq!(
        store
            .load_child(ChildId(10))
            .unwrap()
            .unwrap()
            .disputes
            .len(),
        1
    );
}

#[test]
fn the_schema_refuses_what_validation_would_never_write() {
    // Belt and braces under validation: a second connection writing by hand.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut store = crate::support::open_plain(&path).unwrap();
    store.apply(&changes(base()), &ctx()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        // A multi-agency challenge without its partner agency.
        "INSERT INTO disputes (child_id, kind, concerns, reason, raised_on)
         VALUES (10, 'macp', 'cp_plan', 'other', '2025-05-01')",
        // An outcome without its date.
        "INSERT INTO disputes (child_id, kind, concerns, reason, raised_on, outcome)
         VALUES (10, 'drp', 'lac_plan', 'other', '2025-05-01', 'resolved')",
        // A reason that is no code (codes are lower case, digits and _).
        "INSERT INTO disputes (child_id, kind, concerns, reason, raised_on)
         VALUES (10, 'drp', 'lac_plan', 'Bad reason', '2025-05-01')",
        // A reason category without a label.
        "INSERT INTO dispute_reasons (position, code, label) VALUES (0, 'housing', ' ')",
    ] {
        assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    }
}
