use crate::support::{apply, base, d};
use caseload_core::ids::{ChildId, IroId, MeetingId};
use caseload_store::Store;
use serde_json::json;

/// Three children whose rows are created interleaved, so grouping by child id is what puts
/// each row in the right record (not insertion order).
fn three_children() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    apply(&mut store, base());
    apply(
        &mut store,
        json!([
            {"op": "add_iro", "id": 2, "name": "Ben Okafor", "fte": 0.5},
            {"op": "add_child", "id": 12, "first_name": "Ana", "last_name": "Lee",
             "born_on": "2012-02-02", "sex": "female", "iro": 2, "allocated_on": "2025-02-01"},
            {"op": "add_child", "id": 11, "first_name": "Baby", "last_name": "Lee",
             "expected_birth_on": "2025-09-01", "sex": "unknown"},
            {"op": "start_care", "id": 21, "child": 12, "started_on": "2025-02-01",
             "legal_status": "V3", "regime": "short_breaks"},
            {"op": "allocate_iro", "child": 10, "iro": 2, "from_on": "2025-05-01", "reason": "cover"},
            {"op": "start_cp_episode", "id": 41, "child": 11, "strategy_on": "2025-06-02"},
            {"op": "record_meeting", "id": 35, "child": 12, "kind": "lac_review",
             "held_on": "2025-04-30", "participation": "PN7"},
            // Held before meeting 30 of the base, with a higher id.
            {"op": "record_meeting", "id": 36, "child": 10, "kind": "lac_review",
             "held_on": "2025-01-20", "participation": "PN1"},
            {"op": "book_meeting", "id": 34, "child": 11, "kind": "icpc", "on": "2025-06-20"}
        ]),
    );
    store
}

#[test]
fn load_caseload_groups_every_row_under_its_child() {
    let store = three_children();
    let caseload = store.load_caseload().unwrap();

    let iro_ids: Vec<IroId> = caseload.iros.iter().map(|i| i.id).collect();
    assert_eq!(iro_ids, [IroId(1), IroId(2)]);
    let child_ids: Vec<ChildId> = caseload.children.iter().map(|r| r.child.id).collect();
    assert_eq!(child_ids, [ChildId(10), ChildId(11), ChildId(12)]);

    for record in &caseload.children {
        let id = record.child.id;
        assert_eq!(
            Some(record),
            store.load_child(id).unwrap().as_ref(),
            "child {id}"
        );
        assert!(record.care_periods.iter().all(|p| p.child == id));
        assert!(record.cp_episodes.iter().all(|e| e.child == id));
        assert!(record.meetings.iter().all(|m| m.child == id));
    }
    let counts = |r: &caseload_core::domain::ChildRecord| {
        (
            r.allocations.len(),
            r.care_periods.len(),
            r.cp_episodes.len(),
            r.meetings.len(),
        )
    };
    let shape: Vec<_> = caseload.children.iter().map(counts).collect();
    assert_eq!(shape, [(2, 1, 0, 3), (0, 0, 1, 1), (1, 1, 0, 1)]);
}

#[test]
fn records_list_meetings_by_date_and_allocations_oldest_first() {
    let store = three_children();
    let record = store.load_child(ChildId(10)).unwrap().unwrap();

    let meetings: Vec<(MeetingId, Option<chrono::NaiveDate>)> =
        record.meetings.iter().map(|m| (m.id, m.date())).collect();
    assert_eq!(
        meetings,
        [
            (MeetingId(36), Some(d("2025-01-20"))),
            (MeetingId(30), Some(d("2025-01-31"))),
            (MeetingId(31), Some(d("2025-04-28"))),
        ]
    );
    let allocations: Vec<IroId> = record.allocations.iter().map(|a| a.iro).collect();
    assert_eq!(allocations, [IroId(1), IroId(2)]);
    assert_eq!(record.current_iro(), Some(IroId(2)));
}

#[test]
fn unknown_child_loads_as_none() {
    let store = three_children();
    assert_eq!(store.load_child(ChildId(99)).unwrap(), None);
}

#[test]
fn empty_store_loads_an_empty_caseload_with_defaults() {
    let store = Store::open_in_memory().unwrap();
    let caseload = store.load_caseload().unwrap();
    assert!(caseload.iros.is_empty() && caseload.children.is_empty());
    assert_eq!(store.load_holiday_rows().unwrap(), []);
}

#[test]
fn a_snapshot_holds_what_each_load_reads_and_leaves_no_transaction_open() {
    let mut store = three_children();
    let snap = store.load_snapshot().unwrap();
    assert_eq!(snap.caseload, store.load_caseload().unwrap());
    assert_eq!(snap.settings, store.load_settings().unwrap());
    assert_eq!(snap.rules.all(), store.load_rules().unwrap().all());
    assert_eq!(
        snap.calendar.holidays_in_year(2026),
        store.load_calendar().unwrap().holidays_in_year(2026)
    );
    let setup = store.load_setup().unwrap();
    assert_eq!(setup.iros, store.load_iros().unwrap());
    assert_eq!(setup.reason_counts, store.dispute_reason_counts().unwrap());
    assert_eq!(
        setup.letter_templates,
        store.load_letter_templates().unwrap()
    );

    // The read transaction ended: the next batch commits, and the next snapshot sees it.
    apply(
        &mut store,
        json!([{"op": "add_iro", "id": 3, "name": "Cleo Marsh", "fte": 1.0}]),
    );
    let after = store.load_snapshot().unwrap();
    assert_eq!(after.caseload.iros.len(), snap.caseload.iros.len() + 1);
}

#[test]
fn a_child_snapshot_holds_that_child_alone_with_what_the_whole_snapshot_holds() {
    let store = three_children();
    let whole = store.load_snapshot().unwrap();
    let one = store.load_child_snapshot(ChildId(12)).unwrap().unwrap();
    assert_eq!(one.caseload.iros, whole.caseload.iros);
    assert_eq!(
        one.caseload.children,
        [store.load_child(ChildId(12)).unwrap().unwrap()]
    );
    assert_eq!(one.settings, whole.settings);
    assert_eq!(one.rules.all(), whole.rules.all());
    assert_eq!(one.calendar, whole.calendar);
    assert!(store.load_child_snapshot(ChildId(99)).unwrap().is_none());
}

#[test]
fn the_scan_floor_reads_every_row_a_snapshot_reads() {
    let store = three_children();
    let counts = store.count_rows().unwrap();
    let expected: i64 = counts
        .iter()
        .filter(|(table, _)| **table != "audit")
        .map(|(_, n)| n)
        .sum();
    let (rows, bytes) = store.scan_snapshot_tables().unwrap();
    assert_eq!(rows as i64, expected);
    // Names and dates are text: the scan saw them.
    assert!(bytes > 100, "{bytes} bytes");
}
