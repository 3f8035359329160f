//! Deleting a child's record past retention: every row of theirs gone, the other children and
//! their audit rows untouched, a tombstone without personal data in their place, all or
//! nothing; and on a plaintext file, neither the store, its WAL nor a new backup holds the
//! name afterwards.

use crate::support::{apply, at, base, base_store, now, open_plain};
use caseload_core::ids::{ChildId, IroId};
use caseload_store::{AuditFilter, EraseContext, Store, StoreError, ERASE_OP};
use serde_json::json;
use std::path::Path;

/// Child 10 of `base` with a CP episode, a finalised record with a decision and a dispute with
/// two stages; child 12, another child, with a review of their own.
fn two_children() -> Store {
    let mut store = base_store();
    apply(
        &mut store,
        json!([
            {"op": "start_cp_episode", "id": 40, "child": 10, "strategy_on": "2025-03-03"},
            {"op": "book_meeting", "id": 32, "child": 10, "kind": "lac_review", "on": "2025-05-10"},
            {"op": "finalise_record", "meeting": 32, "record": {
              "held_on": "2025-05-10", "participation": "PN1", "views_conveyed": "spoke_for_themself",
              "child_views": "Sam wants to stay.", "care_plan_endorsed": true,
              "attendance": [], "decisions": [{"text": "Life-story work", "owner": "Social worker",
              "due": {"kind": "on", "on": "2025-08-01"}}]}},
            {"op": "raise_dispute", "id": 50, "child": 10, "kind": "drp", "concerns": "lac_plan",
             "reason": "planning", "raised_on": "2025-06-10", "stage": 0, "sent_to": "Team Manager"},
            {"op": "escalate_dispute", "id": 50, "stage": 2, "raised_on": "2025-06-16",
             "sent_to": "Service Manager"},
            {"op": "add_child", "id": 12, "first_name": "Rae", "last_name": "Other",
             "born_on": "2016-02-01", "sex": "female", "iro": 1, "allocated_on": "2025-01-06"},
            {"op": "start_care", "id": 22, "child": 12, "started_on": "2025-01-06",
             "legal_status": "C2", "regime": "full_care"},
            {"op": "record_meeting", "id": 35, "child": 12, "kind": "lac_review",
             "held_on": "2025-02-01", "participation": "PN1"}
        ]),
    );
    store
}

fn rule() -> serde_json::Value {
    json!({"retention_months": 12, "as_of": "2026-07-01"})
}

fn erase(store: &mut Store, children: &[i64]) -> Result<Vec<caseload_store::Erased>, StoreError> {
    let rule = rule();
    let ids: Vec<ChildId> = children.iter().copied().map(ChildId).collect();
    store.erase_children(
        &ids,
        &EraseContext {
            recorded_at: at("2026-07-01T10:00:00Z"),
            actor: Some(IroId(1)),
            rule: &rule,
        },
    )
}

fn audit_of(store: &Store, child: i64) -> Vec<caseload_store::AuditEntry> {
    store
        .audit(&AuditFilter {
            child: Some(ChildId(child)),
            ..AuditFilter::default()
        })
        .unwrap()
}

#[test]
fn every_row_of_the_child_goes_and_the_other_child_keeps_theirs() {
    let mut store = two_children();
    let other_record = store.load_child(ChildId(12)).unwrap();
    let other_audit = audit_of(&store, 12);
    let before = store.count_rows().unwrap();

    let erased = erase(&mut store, &[10]).unwrap();

    assert_eq!(store.load_child(ChildId(10)).unwrap(), None);
    assert!(audit_of(&store, 10).is_empty());
    assert_eq!(store.load_child(ChildId(12)).unwrap(), other_record);
    assert_eq!(audit_of(&store, 12), other_audit);
    let deleted = &erased[0].deleted;
    let after = store.count_rows().unwrap();
    for (table, n) in &before {
        let gone = deleted.get(table).copied().unwrap_or(0) as i64;
        let tombstones = i64::from(*table == "audit");
        assert_eq!(after[table], n - gone + tombstones, "{table}");
    }
    assert_eq!(
        deleted
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect::<Vec<_>>(),
        [
            "allocations 1",
            "audit 9",
            "care_periods 1",
            "children 1",
            "cp_episodes 1",
            "decisions 1",
            "dispute_stages 2",
            "disputes 1",
            "meeting_records 1",
            "meetings 3"
        ]
    );
}

#[test]
fn the_tombstone_says_what_when_who_and_under_which_rule_and_nothing_personal() {
    let mut store = two_children();
    let erased = erase(&mut store, &[10]).unwrap();
    let newest = store
        .audit(&AuditFilter {
            limit: Some(1),
            ..AuditFilter::default()
        })
        .unwrap()
        .remove(0);
    assert_eq!(newest.op, ERASE_OP);
    assert_eq!(newest.child, None);
    assert_eq!(newest.actor, Some(IroId(1)));
    assert_eq!(newest.recorded_at, at("2026-07-01T10:00:00Z"));
    assert_eq!(newest.change["tombstone"], erased[0].tombstone.as_str());
    assert_eq!(erased[0].tombstone.len(), 32);
    assert_eq!(newest.change["rule"], rule());
    assert_eq!(newest.change["deleted"]["meetings"], 3);
    let text = newest.change.to_string();
    for personal in ["Sam", "Jones", "2015-05-01", "\"10\"", ":10"] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
}

#[test]
fn an_unknown_child_refuses_the_whole_deletion() {
    let mut store = two_children();
    let before = store.count_rows().unwrap();
    let result = erase(&mut store, &[12, 99]);
    assert!(
        matches!(
            result,
            Err(StoreError::NotFound {
                entity: "child",
                id: 99
            })
        ),
        "{result:?}"
    );
    assert_eq!(store.count_rows().unwrap(), before);
    assert!(store.load_child(ChildId(12)).unwrap().is_some());
}

#[test]
fn after_a_deletion_ordinary_audit_updates_and_deletes_are_still_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut store = open_plain(&path).unwrap();
    apply(&mut store, base());
    apply(
        &mut store,
        json!([{"op": "add_child", "id": 12, "first_name": "Rae", "last_name": "Other",
                "born_on": "2016-02-01", "sex": "female", "iro": 1, "allocated_on": "2025-01-06"}]),
    );
    erase(&mut store, &[10]).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE audit SET op = 'tampered'",
        "DELETE FROM audit WHERE child_id = 12",
        "DELETE FROM audit WHERE child_id IS NULL",
        "DELETE FROM audit",
    ] {
        let message = conn.execute(sql, []).expect_err(sql).to_string();
        assert!(
            message.contains("audit rows are append-only"),
            "{sql}: {message}"
        );
    }
}

/// The store file and its WAL, as a thief would read them.
fn raw_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let wal = path.with_file_name(format!(
        "{}-wal",
        path.file_name().unwrap().to_string_lossy()
    ));
    if let Ok(more) = std::fs::read(wal) {
        bytes.extend(more);
    }
    bytes
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn after_a_deletion_neither_the_store_nor_a_new_backup_holds_the_name_and_the_tombstone_remains() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut store = open_plain(&path).unwrap();
    apply(&mut store, base());
    apply(
        &mut store,
        json!([
            {"op": "update_child", "id": 10, "first_name": "Quillon", "last_name": "Zephyrine",
             "born_on": "2015-05-01", "sex": "male"},
            {"op": "add_child", "id": 12, "first_name": "Rae", "last_name": "Other",
             "born_on": "2016-02-01", "sex": "female", "iro": 1, "allocated_on": "2025-01-06"}
        ]),
    );
    let before = store.backup_now(now()).unwrap();
    assert!(
        holds(&raw_bytes(&path), "Zephyrine"),
        "the name was on disk before"
    );
    assert!(holds(&std::fs::read(&before.path).unwrap(), "Zephyrine"));

    erase(&mut store, &[10]).unwrap();

    let store_bytes = raw_bytes(&path);
    for name in ["Zephyrine", "Quillon"] {
        assert!(!holds(&store_bytes, name), "{name} in the store's bytes");
    }
    assert!(
        holds(&store_bytes, "Other"),
        "the other child is still there"
    );
    let later = now() + chrono::Duration::minutes(1);
    let backup = store.backup_now(later).unwrap();
    assert_ne!(backup.path, before.path);
    let backup_bytes = std::fs::read(&backup.path).unwrap();
    assert!(
        !holds(&backup_bytes, "Zephyrine"),
        "the name in a new backup"
    );
    assert!(
        holds(&backup_bytes, ERASE_OP),
        "the tombstone in the backup"
    );
    let tombstones: Vec<_> = store
        .audit(&AuditFilter::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.op == ERASE_OP)
        .collect();
    assert_eq!(tombstones.len(), 1);
}
