use crate::support::{apply, at, base, base_store, changes, ctx, d};
use caseload_core::ids::{ChildId, IroId};
use caseload_store::{ApplyContext, AuditFilter, Store};
use serde_json::json;

#[test]
fn audit_refuses_update_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut store = crate::support::open_plain(&path).unwrap();
    apply(&mut store, base());
    let entries = store.audit(&AuditFilter::default()).unwrap();
    assert_eq!(entries.len(), 5);

    // A second connection to the same file, as a hand edit with the sqlite3 shell would be.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let update = conn.execute("UPDATE audit SET op = 'tampered' WHERE id = 1", []);
    let delete = conn.execute("DELETE FROM audit", []);
    for result in [update, delete] {
        let message = result
            .expect_err("the audit log accepted a change")
            .to_string();
        assert!(message.contains("audit rows are append-only"), "{message}");
    }
    drop(conn);

    assert_eq!(store.audit(&AuditFilter::default()).unwrap(), entries);
}

/// One change of every op, in an order the core accepts.
fn every_op() -> serde_json::Value {
    json!([
        {"op": "add_iro", "id": 2, "name": "Ben Okafor", "fte": 0.8},
        {"op": "update_iro", "id": 2, "name": "Ben Okafor", "fte": 0.6},
        {"op": "add_child", "id": 11, "first_name": "Baby", "last_name": "Smith",
         "expected_birth_on": "2025-09-01", "sex": "unknown"},
        {"op": "update_child", "id": 11, "first_name": "Baby", "last_name": "Smith-Jones",
         "expected_birth_on": "2025-09-08", "sex": "unknown"},
        {"op": "allocate_iro", "child": 10, "iro": 2, "from_on": "2025-03-01", "reason": "transfer"},
        {"op": "update_care", "id": 20, "started_on": "2025-01-06", "legal_status": "C1",
         "regime": "full_care"},
        {"op": "start_cp_episode", "id": 40, "child": 10, "strategy_on": "2025-03-03",
         "s47_started_on": "2025-03-03"},
        {"op": "update_cp_episode", "id": 40, "strategy_on": "2025-03-03",
         "s47_started_on": "2025-03-03", "plan_started_on": "2025-03-20",
         "initial_category": "NEG", "latest_category": "NEG"},
        {"op": "book_meeting", "id": 32, "child": 10, "kind": "lac_review", "on": "2025-05-10"},
        {"op": "move_meeting", "id": 32, "on": "2025-05-12", "at": "14:30", "venue": "School"},
        {"op": "cancel_meeting", "id": 32, "reason": "child unwell"},
        {"op": "book_meeting", "id": 33, "child": 10, "kind": "icpc", "on": "2025-03-20"},
        {"op": "adjourn_meeting", "id": 33, "reason": "parents not invited"},
        {"op": "record_social_worker_contact", "id": 31, "on": "2025-04-01"},
        {"op": "record_reports_received", "id": 31, "on": "2025-04-23"},
        {"op": "record_meeting", "id": 31, "child": 10, "kind": "lac_review",
         "held_on": "2025-04-28", "participation": "PN1"},
        {"op": "update_meeting_outcome", "id": 31, "held_on": "2025-04-28",
         "participation": "PN1", "decisions_sent_on": "2025-05-01"},
        {"op": "set_rule_override", "rule": "review-record", "value": 15, "note": "local"},
        {"op": "clear_rule_override", "rule": "review-record"},
        {"op": "import_holidays", "holidays": [{"date": "2027-01-01", "name": "New Year's Day"}],
         "source": "bank-holidays.json"},
        {"op": "set_settings", "settings": {"convention": "event_day_is_day_one",
         "red_within_working_days": 3, "amber_within_working_days": 15}},
        {"op": "end_care", "id": 20, "ended_on": "2025-06-01"},
        {"op": "start_care", "id": 21, "child": 10, "started_on": "2025-06-10",
         "legal_status": "V2", "regime": "full_care"},
        {"op": "raise_dispute", "id": 50, "child": 10, "kind": "drp", "concerns": "lac_plan",
         "reason": "planning", "raised_on": "2025-06-10", "stage": 0, "sent_to": "Team Manager"},
        {"op": "record_dispute_response", "id": 50, "stage": 0, "responded_on": "2025-06-12"},
        {"op": "escalate_dispute", "id": 50, "stage": 2, "raised_on": "2025-06-16",
         "sent_to": "Service Manager"},
        {"op": "refer_to_cafcass", "id": 50, "on": "2025-06-20"},
        {"op": "resolve_dispute", "id": 50, "outcome": "withdrawn", "on": "2025-06-23"},
        {"op": "set_dispute_ladder", "kind": "macp", "steps": [
            {"stage": 1, "label": "Level 1", "target": "Practitioners",
             "response": {"working_days": 3}, "formal": true}]}
    ])
}

#[test]
fn every_applied_change_appends_exactly_one_audit_row_with_before_and_after() {
    let mut store = base_store();
    let batch = changes(every_op());
    let mut ops: Vec<&str> = batch.iter().map(|c| c.op()).collect();
    ops.sort();
    ops.dedup();
    assert_eq!(ops.len(), 28, "the batch covers every op of Change");
    let audit_before = store.count_rows().unwrap()["audit"];

    let ctx = ApplyContext {
        actor: Some(IroId(1)),
        ..ctx()
    };
    let applied = store.apply(&batch, &ctx).unwrap();

    assert_eq!(applied.len(), batch.len());
    assert_eq!(
        store.count_rows().unwrap()["audit"],
        audit_before + batch.len() as i64
    );
    let mut entries = store.audit(&AuditFilter::default()).unwrap();
    entries.truncate(batch.len());
    entries.reverse(); // newest first → batch order

    let shape: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{} child={} before={} after={}",
                e.op,
                e.child.map_or("-".to_string(), |c| c.to_string()),
                e.before.is_some(),
                e.after.is_some()
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            "add_iro child=- before=false after=true",
            "update_iro child=- before=true after=true",
            "add_child child=11 before=false after=true",
            "update_child child=11 before=true after=true",
            "allocate_iro child=10 before=true after=true",
            "update_care child=10 before=true after=true",
            "start_cp_episode child=10 before=false after=true",
            "update_cp_episode child=10 before=true after=true",
            "book_meeting child=10 before=false after=true",
            "move_meeting child=10 before=true after=true",
            "cancel_meeting child=10 before=true after=true",
            "book_meeting child=10 before=false after=true",
            "adjourn_meeting child=10 before=true after=true",
            "record_social_worker_contact child=10 before=true after=true",
            "record_reports_received child=10 before=true after=true",
            "record_meeting child=10 before=true after=true",
            "update_meeting_outcome child=10 before=true after=true",
            "set_rule_override child=- before=false after=true",
            "clear_rule_override child=- before=true after=false",
            "import_holidays child=- before=true after=true",
            "set_settings child=- before=false after=true",
            "end_care child=10 before=true after=true",
            "start_care child=10 before=false after=true",
            "raise_dispute child=10 before=false after=true",
            "record_dispute_response child=10 before=true after=true",
            "escalate_dispute child=10 before=true after=true",
            "refer_to_cafcass child=10 before=true after=true",
            "resolve_dispute child=10 before=true after=true",
            "set_dispute_ladder child=- before=true after=true",
        ]
    );
    for (entry, change) in entries.iter().zip(&batch) {
        assert_eq!(entry.change, serde_json::to_value(change).unwrap());
        assert_eq!(entry.actor, Some(IroId(1)));
        assert_eq!(entry.recorded_at, ctx.recorded_at);
    }

    // Before and after are the entity as stored, not the change echoed back.
    let by_op = |op: &str| entries.iter().find(|e| e.op == op).unwrap();
    let record = by_op("record_meeting");
    assert_eq!(record.before.as_ref().unwrap()["status"], "booked");
    assert_eq!(record.after.as_ref().unwrap()["status"], "held");
    assert_eq!(record.after.as_ref().unwrap()["booked_on"], "2025-04-28");
    assert_eq!(record.after.as_ref().unwrap()["booked_at"], "10:00:00");
    let allocate = by_op("allocate_iro");
    assert_eq!(
        allocate.before.as_ref().unwrap().as_array().unwrap().len(),
        1
    );
    assert_eq!(
        allocate.after.as_ref().unwrap().as_array().unwrap().len(),
        2
    );
    let update_iro = by_op("update_iro");
    assert_eq!(update_iro.before.as_ref().unwrap()["fte"], 0.8);
    assert_eq!(update_iro.after.as_ref().unwrap()["fte"], 0.6);
    let clear = by_op("clear_rule_override");
    assert_eq!(clear.before.as_ref().unwrap()["value"], 15);
    let import = by_op("import_holidays");
    assert_eq!(import.before, Some(json!([])));
    assert_eq!(
        import.after,
        Some(
            json!([{"date": "2027-01-01", "name": "New Year's Day", "source": "bank-holidays.json"}])
        )
    );
    assert_eq!(
        by_op("end_care").after.as_ref().unwrap()["ended_on"],
        "2025-06-01"
    );
}

#[test]
fn refused_batch_appends_no_audit_row() {
    let mut store = base_store();
    let before = store.audit(&AuditFilter::default()).unwrap();
    crate::support::refused(
        &mut store,
        json!([
            {"op": "add_iro", "name": "Ben Okafor"},
            {"op": "add_iro", "name": ""}
        ]),
    );
    assert_eq!(store.audit(&AuditFilter::default()).unwrap(), before);
}

#[test]
fn audit_filter_by_child_dates_and_limit_newest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let day = |recorded_at: &str| ApplyContext {
        recorded_at: at(recorded_at),
        ..ctx()
    };
    let batches = [
        ("2025-06-01T23:59:59Z", base()),
        (
            "2025-06-02T08:00:00Z",
            json!([{"op": "add_child", "id": 12, "first_name": "Ana", "last_name": "Lee",
                    "born_on": "2012-02-02", "sex": "female"}]),
        ),
        (
            "2025-06-03T00:00:00Z",
            json!([{"op": "update_child", "id": 12, "first_name": "Ana", "last_name": "Lee",
                    "born_on": "2012-02-03", "sex": "female"}]),
        ),
    ];
    for (recorded_at, json) in batches {
        store.apply(&changes(json), &day(recorded_at)).unwrap();
    }

    let ids = |filter: AuditFilter| -> Vec<(String, Option<i64>)> {
        store
            .audit(&filter)
            .unwrap()
            .into_iter()
            .map(|e| (e.op, e.child.map(|c| c.0)))
            .collect()
    };
    let row = |op: &str, child: Option<i64>| (op.to_string(), child);

    assert_eq!(
        ids(AuditFilter {
            child: Some(ChildId(12)),
            ..AuditFilter::default()
        }),
        [row("update_child", Some(12)), row("add_child", Some(12))]
    );
    assert_eq!(
        ids(AuditFilter {
            from_on: Some(d("2025-06-02")),
            to_on: Some(d("2025-06-02")),
            ..AuditFilter::default()
        }),
        [row("add_child", Some(12))]
    );
    assert_eq!(
        ids(AuditFilter {
            to_on: Some(d("2025-06-01")),
            limit: Some(2),
            ..AuditFilter::default()
        }),
        [
            row("book_meeting", Some(10)),
            row("record_meeting", Some(10))
        ]
    );
    assert_eq!(ids(AuditFilter::default()).len(), 7);
}
