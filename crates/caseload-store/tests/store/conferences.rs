//! Issue 10: a conference's decision about the plan is a fact on the meeting, and its effect on
//! the child-protection episode is written in the same transaction, with one audit row that
//! shows both. Migration 0004 keeps every meeting of an older store.

use crate::support::{apply, base_store, d, refused, summary};
use caseload_core::domain::{AbuseCategory, PlanDecision};
use caseload_core::ids::{ChildId, CpEpisodeId};
use caseload_store::{AuditFilter, SCHEMA_VERSION};
use serde_json::json;

fn with_episode() -> caseload_store::Store {
    let mut store = base_store();
    apply(
        &mut store,
        json!([{"op": "start_cp_episode", "id": 40, "child": 10,
                "strategy_on": "2025-03-03", "s47_started_on": "2025-03-03"}]),
    );
    store
}

#[test]
fn an_icpc_that_made_a_plan_starts_it_that_day_in_the_same_batch() {
    let mut store = with_episode();
    apply(
        &mut store,
        json!([{"op": "record_meeting", "id": 60, "child": 10, "kind": "icpc",
                "held_on": "2025-03-20", "plan_decision": "plan_starts", "category": "EMO",
                "child_attended": true, "advocate_offered": true, "advocate_used": false}]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let episode = &record.cp_episodes[0];
    assert_eq!(
        (
            episode.details.plan_started_on,
            episode.details.initial_category,
            episode.details.latest_category
        ),
        (
            Some(d("2025-03-20")),
            Some(AbuseCategory::Emo),
            Some(AbuseCategory::Emo)
        )
    );
    let icpc = record.meetings.iter().find(|m| m.id.0 == 60).unwrap();
    assert_eq!(icpc.outcome.plan_decision, Some(PlanDecision::PlanStarts));
    assert_eq!(icpc.outcome.child_attended, Some(true));
    // One audit row, showing the meeting and the episode it changed.
    let entry = &store.audit(&AuditFilter::default()).unwrap()[0];
    assert_eq!(entry.op, "record_meeting");
    let after = entry.after.as_ref().unwrap();
    assert_eq!(after["episode"]["plan_started_on"], "2025-03-20");
    assert_eq!(after["meeting"]["plan_decision"], "plan_starts");
    assert_eq!(
        entry.before.as_ref().unwrap()["episode"]["plan_started_on"],
        serde_json::Value::Null
    );
}

#[test]
fn an_icpc_that_decided_no_plan_closes_the_episode() {
    let mut store = with_episode();
    apply(
        &mut store,
        json!([{"op": "record_meeting", "child": 10, "kind": "icpc",
                "held_on": "2025-03-20", "plan_decision": "no_plan"}]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    assert_eq!(
        record.cp_episodes[0].details.closed_on,
        Some(d("2025-03-20"))
    );
    assert_eq!(record.open_cp_episode(d("2025-03-21")), None);
}

#[test]
fn a_review_that_ended_the_plan_ends_it_and_a_refused_decision_writes_nothing() {
    let mut store = with_episode();
    apply(
        &mut store,
        json!([{"op": "record_meeting", "child": 10, "kind": "icpc",
                "held_on": "2025-03-20", "plan_decision": "plan_starts", "category": "NEG"}]),
    );
    let before = store.load_child(ChildId(10)).unwrap().unwrap();
    let errors = refused(
        &mut store,
        json!([{"op": "record_meeting", "child": 10, "kind": "cp_review",
                "held_on": "2025-06-16", "plan_decision": "no_plan"}]),
    );
    assert_eq!(summary(&errors), ["0 record_meeting plan_decision invalid"]);
    assert_eq!(store.load_child(ChildId(10)).unwrap().unwrap(), before);
    apply(
        &mut store,
        json!([{"op": "record_meeting", "child": 10, "kind": "cp_review",
                "held_on": "2025-06-16", "plan_decision": "plan_ends", "category": "MUL"}]),
    );
    let episode = &store.load_child(ChildId(10)).unwrap().unwrap().cp_episodes[0];
    assert_eq!(episode.id, CpEpisodeId(40));
    assert_eq!(
        (
            episode.details.plan_ended_on,
            episode.details.latest_category
        ),
        (Some(d("2025-06-16")), Some(AbuseCategory::Mul))
    );
}

#[test]
fn the_preparation_of_a_booked_review_is_recorded() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([{"op": "record_social_worker_contact", "id": 31, "on": "2025-04-01"},
               {"op": "record_reports_received", "id": 31, "on": "2025-04-23"}]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let booked = record.meetings.iter().find(|m| m.id.0 == 31).unwrap();
    assert_eq!(
        (
            booked.outcome.social_worker_contact_on,
            booked.outcome.reports_received_on
        ),
        (Some(d("2025-04-01")), Some(d("2025-04-23")))
    );
    // Recording the review held keeps what was prepared when the form sends it back.
    apply(
        &mut store,
        json!([{"op": "record_meeting", "id": 31, "child": 10, "kind": "lac_review",
                "held_on": "2025-04-28", "participation": "PN1",
                "social_worker_contact_on": "2025-04-01", "reports_received_on": "2025-04-23"}]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let held = record.meetings.iter().find(|m| m.id.0 == 31).unwrap();
    assert_eq!(held.outcome.reports_received_on, Some(d("2025-04-23")));
}

#[test]
fn a_version_3_store_keeps_its_meetings_through_the_conference_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../../src/migrations/0001_initial.sql"),
            include_str!("../../src/migrations/0002_add_disputes.sql"),
            include_str!("../../src/migrations/0003_configure_dispute_reasons.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO iros (id, name, fte, active) VALUES (1, 'Asha Patel', 1.0, 1);
             INSERT INTO children (id, first_name, last_name, born_on, sex)
                 VALUES (10, 'Sam', 'Jones', '2015-05-01', 'male');
             INSERT INTO cp_episodes (id, child_id, strategy_on, plan_started_on)
                 VALUES (40, 10, '2025-03-03', '2025-03-20');
             INSERT INTO meetings (id, child_id, kind, status, held_on, quorate)
                 VALUES (60, 10, 'icpc', 'held', '2025-03-20', 1);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let store = crate::support::open_plain(&path).unwrap();
    assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let icpc = &record.meetings[0];
    assert_eq!(
        (
            icpc.outcome.held_on,
            icpc.outcome.quorate,
            icpc.outcome.plan_decision
        ),
        (Some(d("2025-03-20")), Some(true), None)
    );
    // The new columns refuse what the core would never write.
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn
        .execute(
            "UPDATE meetings SET plan_decision = 'maybe' WHERE id = 60",
            []
        )
        .is_err());
    assert!(conn
        .execute(
            "UPDATE meetings SET reports_received_on = '23/04/2025' WHERE id = 60",
            []
        )
        .is_err());
}

#[test]
fn a_version_9_store_s_meetings_start_at_revision_0_and_rise_from_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../../src/migrations/0001_initial.sql"),
            include_str!("../../src/migrations/0002_add_disputes.sql"),
            include_str!("../../src/migrations/0003_configure_dispute_reasons.sql"),
            include_str!("../../src/migrations/0004_add_conference_outcomes.sql"),
            include_str!("../../src/migrations/0005_add_meeting_records.sql"),
            include_str!("../../src/migrations/0006_add_letter_templates.sql"),
            include_str!("../../src/migrations/0007_add_audit_source.sql"),
            include_str!("../../src/migrations/0008_add_previous_plans.sql"),
            include_str!("../../src/migrations/0009_add_review_history.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO children (id, first_name, last_name, born_on, sex)
                 VALUES (10, 'Sam', 'Jones', '2015-05-01', 'male');
             INSERT INTO meetings (id, child_id, kind, status, booked_on)
                 VALUES (61, 10, 'lac_review', 'booked', '2025-07-10');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 9).unwrap();
    }
    let mut store = crate::support::open_plain(&path).unwrap();
    assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
    let revision = |store: &caseload_store::Store| {
        store.load_child(ChildId(10)).unwrap().unwrap().meetings[0].revision
    };
    assert_eq!(revision(&store), 0);
    crate::support::apply(
        &mut store,
        serde_json::json!([{"op": "cancel_meeting", "id": 61}]),
    );
    assert_eq!(revision(&store), 1);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn
        .execute("UPDATE meetings SET revision = -1 WHERE id = 61", [])
        .is_err());
}
