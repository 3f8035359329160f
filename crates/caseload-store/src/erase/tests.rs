//! The erasure from inside the crate: the delete list covers every table that holds a child's
//! rows, a failure half-way keeps everything, and the marker opens only the named child's
//! audit rows.

use super::*;
use crate::apply::ApplyContext;
use caseload_core::change::Change;
use chrono::NaiveDate;

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn store_with_two_children() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let changes: Vec<Change> = serde_json::from_value(serde_json::json!([
        {"op": "add_iro", "id": 1, "name": "Asha Patel", "fte": 1.0},
        {"op": "add_child", "id": 10, "first_name": "Sam", "last_name": "Jones",
         "born_on": "2015-05-01", "sex": "male", "iro": 1, "allocated_on": "2025-01-06"},
        {"op": "add_child", "id": 11, "first_name": "Rae", "last_name": "Smith",
         "born_on": "2016-05-01", "sex": "female", "iro": 1, "allocated_on": "2025-01-06"}
    ]))
    .unwrap();
    let ctx = ApplyContext {
        as_of: d("2025-06-30"),
        actor: None,
        recorded_at: "2025-06-30T09:00:00Z".parse().unwrap(),
        source: None,
    };
    store.apply(&changes, &ctx).unwrap();
    store
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

fn rule() -> serde_json::Value {
    serde_json::json!({"retention_months": 12})
}

fn ctx(rule: &serde_json::Value) -> EraseContext<'_> {
    EraseContext {
        recorded_at: "2026-07-01T09:00:00Z".parse().unwrap(),
        actor: Some(IroId(1)),
        rule,
    }
}

/// Every table whose rows belong to a child, directly or through another table's foreign key.
fn tables_holding_a_childs_rows(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT m.name, f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table'",
        )
        .unwrap();
    let edges: Vec<(String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut holding = vec!["children".to_string()];
    loop {
        let more: Vec<String> = edges
            .iter()
            .filter(|(from, to)| holding.contains(to) && !holding.contains(from))
            .map(|(from, _)| from.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        holding.extend(more);
    }
    holding.sort();
    holding.dedup();
    holding
}

#[test]
fn the_deletes_cover_every_table_that_holds_a_childs_rows() {
    let store = Store::open_in_memory().unwrap();
    let mut listed: Vec<String> = erasure::DELETES
        .iter()
        .map(|(t, _)| (*t).to_string())
        .filter(|t| t != "audit")
        .collect();
    listed.sort();
    assert_eq!(listed, tables_holding_a_childs_rows(&store.conn));
}

#[test]
fn a_failure_half_way_keeps_every_row_and_every_audit_row() {
    let mut store = store_with_two_children();
    // A table the delete list does not know, holding a row of child 10: deleting the child is
    // refused by its foreign key after the audit rows were already deleted.
    store
        .conn
        .execute_batch(
            "CREATE TABLE extra (child_id INTEGER REFERENCES children (id) ON DELETE RESTRICT);
             INSERT INTO extra VALUES (10);",
        )
        .unwrap();
    let audit_before = count(&store.conn, "SELECT count(*) FROM audit");
    let rule = rule();
    let result = store.erase_children(&[ChildId(11), ChildId(10)], &ctx(&rule));
    assert!(result.is_err(), "{result:?}");
    assert_eq!(count(&store.conn, "SELECT count(*) FROM children"), 2);
    assert_eq!(count(&store.conn, "SELECT count(*) FROM allocations"), 2);
    assert_eq!(
        count(&store.conn, "SELECT count(*) FROM audit"),
        audit_before
    );
    assert_eq!(
        count(&store.conn, "SELECT count(*) FROM erasure_in_progress"),
        0
    );
}

#[test]
fn the_marker_opens_only_the_named_childs_audit_rows_and_never_an_update() {
    let mut store = store_with_two_children();
    let tx = store.conn.transaction().unwrap();
    erasure::mark(&tx, ChildId(10)).unwrap();
    let refused = |sql: &str| {
        let e = tx.execute(sql, []).expect_err(sql).to_string();
        assert!(e.contains("audit rows are append-only"), "{sql}: {e}");
    };
    refused("DELETE FROM audit WHERE child_id = 11");
    refused("DELETE FROM audit WHERE child_id IS NULL");
    refused("UPDATE audit SET op = 'tampered' WHERE child_id = 10");
    assert!(
        tx.execute("DELETE FROM audit WHERE child_id = 10", [])
            .unwrap()
            > 0
    );
    erasure::unmark(&tx).unwrap();
    refused("DELETE FROM audit WHERE child_id = 11");
}
