use crate::support::{apply, base_store, d, refused, summary};
use caseload_core::domain::{MeetingKind, MeetingStatus, ReviewHistory};
use caseload_core::ids::{ChildId, MeetingId};
use caseload_store::{Applied, Store};
use serde_json::json;

#[test]
fn explicit_ids_can_be_referenced_later_in_the_same_batch() {
    let mut store = Store::open_in_memory().unwrap();
    let applied = apply(
        &mut store,
        json!([
            {"op": "add_child", "id": 100, "first_name": "Kai", "last_name": "Brown",
             "born_on": "2019-03-14", "sex": "male"},
            {"op": "start_care", "child": 100, "started_on": "2025-06-02",
             "legal_status": "C1", "regime": "full_care"},
            {"op": "book_meeting", "child": 100, "kind": "lac_review", "on": "2025-06-27"}
        ]),
    );
    let ids: Vec<Option<i64>> = applied.iter().map(|a| a.id).collect();
    assert_eq!(ids, [Some(100), Some(1), Some(1)]);

    let record = store.load_child(ChildId(100)).unwrap().unwrap();
    assert_eq!(record.care_periods.len(), 1);
    assert_eq!(record.meetings.len(), 1);
    assert_eq!(record.meetings[0].booked_on, Some(d("2025-06-27")));
}

#[test]
fn applied_names_the_position_op_and_assigned_id_of_each_change() {
    let mut store = base_store();
    let applied = apply(
        &mut store,
        json!([
            {"op": "add_child", "first_name": "Ana", "last_name": "Lee",
             "born_on": "2012-02-02", "sex": "female"},
            {"op": "set_settings", "settings": {"convention": "event_day_is_day_zero",
             "red_within_working_days": 5, "amber_within_working_days": 20}}
        ]),
    );
    let expected = [
        Applied {
            index: 0,
            op: "add_child".into(),
            id: Some(11), // after the explicit id 10 of the base
        },
        Applied {
            index: 1,
            op: "set_settings".into(),
            id: None,
        },
    ];
    assert_eq!(applied, expected);
}

#[test]
fn explicit_id_already_taken_is_a_conflict() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "add_iro", "id": 1, "name": "Ben Okafor"},
            {"op": "add_child", "id": 10, "first_name": "Ana", "last_name": "Lee",
             "born_on": "2012-02-02", "sex": "female"},
            {"op": "end_care", "id": 20, "ended_on": "2025-03-01"},
            {"op": "start_care", "id": 20, "child": 10, "started_on": "2025-04-01",
             "legal_status": "C2", "regime": "full_care"},
            {"op": "book_meeting", "id": 30, "child": 10, "kind": "lac_review", "on": "2025-02-10"},
            {"op": "add_child", "id": 0, "first_name": "Ana", "last_name": "Lee",
             "born_on": "2012-02-02", "sex": "female"}
        ]),
    );
    assert_eq!(
        summary(&errors),
        [
            "0 add_iro id conflict",
            "1 add_child id conflict",
            "3 start_care id conflict",
            "4 book_meeting id conflict",
            "5 add_child id invalid",
        ]
    );
}

#[test]
fn the_same_explicit_id_twice_in_one_batch_is_a_conflict() {
    let mut store = Store::open_in_memory().unwrap();
    let errors = refused(
        &mut store,
        json!([
            {"op": "add_iro", "id": 7, "name": "Asha Patel"},
            {"op": "add_iro", "id": 7, "name": "Ben Okafor"}
        ]),
    );
    assert_eq!(summary(&errors), ["1 add_iro id conflict"]);
    assert_eq!(store.load_iros().unwrap(), []);
}

#[test]
fn record_meeting_with_a_booked_id_turns_that_booking_held() {
    let mut store = base_store();
    let applied = apply(
        &mut store,
        json!([{"op": "record_meeting", "id": 31, "child": 10, "kind": "lac_review",
                "held_on": "2025-04-29", "participation": "PN2", "child_seen_on": "2025-04-20"}]),
    );
    assert_eq!(applied[0].id, Some(31));

    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    assert_eq!(record.meetings.len(), 2, "no new meeting");
    let m = record
        .meetings
        .iter()
        .find(|m| m.id == MeetingId(31))
        .unwrap();
    assert_eq!(m.status, MeetingStatus::Held);
    assert_eq!(m.outcome.held_on, Some(d("2025-04-29")));
    assert_eq!(m.outcome.child_seen_on, Some(d("2025-04-20")));
    assert_eq!(
        m.booked_on,
        Some(d("2025-04-28")),
        "the booked date is kept"
    );
    assert_eq!(m.venue.as_deref(), Some("Foster home"));
}

#[test]
fn record_meeting_without_id_inserts_a_held_meeting_with_no_booking() {
    let mut store = base_store();
    let applied = apply(
        &mut store,
        json!([{"op": "record_meeting", "child": 10, "kind": "lac_review",
                "held_on": "2025-03-01", "participation": "PN1"}]),
    );
    let id = MeetingId(applied[0].id.unwrap());
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let m = record.meetings.iter().find(|m| m.id == id).unwrap();
    assert_eq!(m.status, MeetingStatus::Held);
    assert_eq!(m.kind, MeetingKind::LacReview);
    assert_eq!(m.booked_on, None);
    assert_eq!(record.meetings.len(), 3);
}

#[test]
fn record_meeting_with_another_childs_meeting_id_is_refused() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([
            {"op": "add_child", "id": 11, "first_name": "Ana", "last_name": "Lee",
             "born_on": "2012-02-02", "sex": "female"},
            {"op": "start_care", "child": 11, "started_on": "2025-02-01",
             "legal_status": "C2", "regime": "full_care"}
        ]),
    );
    let errors = refused(
        &mut store,
        json!([{"op": "record_meeting", "id": 31, "child": 11, "kind": "lac_review",
                "held_on": "2025-03-01", "participation": "PN1"}]),
    );
    assert_eq!(summary(&errors), ["0 record_meeting id conflict"]);
}

#[test]
fn changes_to_unknown_entities_are_not_found_on_their_id() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "update_iro", "id": 9, "name": "Nobody"},
            {"op": "update_child", "id": 99, "first_name": "No", "last_name": "One",
             "born_on": "2012-02-02", "sex": "female"},
            {"op": "end_care", "id": 99, "ended_on": "2025-06-01"},
            {"op": "update_cp_episode", "id": 99, "strategy_on": "2025-03-03"},
            {"op": "move_meeting", "id": 99, "on": "2025-07-01"},
            {"op": "update_meeting_outcome", "id": 99, "held_on": "2025-03-01"},
            {"op": "allocate_iro", "child": 10, "iro": 9, "from_on": "2025-03-01"}
        ]),
    );
    assert_eq!(
        summary(&errors),
        [
            "0 update_iro id not_found",
            "1 update_child id not_found",
            "2 end_care id not_found",
            "3 update_cp_episode id not_found",
            "4 move_meeting id not_found",
            "5 update_meeting_outcome id not_found",
            "6 allocate_iro iro not_found",
        ]
    );
}

#[test]
fn cancel_adjourn_and_move_change_only_their_fields() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([
            {"op": "book_meeting", "id": 32, "child": 10, "kind": "lac_review", "on": "2025-07-10"},
            {"op": "move_meeting", "id": 31, "on": "2025-05-02", "at": "09:15"},
            {"op": "cancel_meeting", "id": 32, "reason": "clash"}
        ]),
    );
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    let moved = record
        .meetings
        .iter()
        .find(|m| m.id == MeetingId(31))
        .unwrap();
    assert_eq!(moved.status, MeetingStatus::Booked);
    assert_eq!(moved.booked_on, Some(d("2025-05-02")));
    assert_eq!(
        moved.booked_at.map(|t| t.to_string()).as_deref(),
        Some("09:15:00")
    );
    assert_eq!(moved.venue, None, "a move replaces date, time and venue");
    let cancelled = record
        .meetings
        .iter()
        .find(|m| m.id == MeetingId(32))
        .unwrap();
    assert_eq!(cancelled.status, MeetingStatus::Cancelled);
    assert_eq!(cancelled.status_reason.as_deref(), Some("clash"));
    assert_eq!(cancelled.booked_on, Some(d("2025-07-10")));
}

#[test]
fn what_the_schema_cannot_hold_is_refused_as_a_field_error() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "book_meeting", "child": 10, "kind": "lac_review", "on": "2025-05-02",
             "at": "09:15:30"},
            {"op": "book_meeting", "child": 10, "kind": "lac_review", "on": "+12025-05-02"}
        ]),
    );
    let summary = summary(&errors);
    assert!(
        summary.contains(&"0 book_meeting at invalid".to_string()),
        "{summary:?}"
    );
    assert!(
        summary.contains(&"1 book_meeting on invalid".to_string()),
        "{summary:?}"
    );
}

#[test]
fn the_auto_lock_defaults_to_ten_minutes_and_is_kept_within_its_range() {
    let mut store = base_store();
    // Written without the field (as by an older version): the default applies.
    apply(
        &mut store,
        json!([{"op": "set_settings", "settings": {"red_within_working_days": 3}}]),
    );
    assert_eq!(store.load_settings().unwrap().auto_lock_minutes, 10);
    for minutes in [0, 241] {
        let errors = refused(
            &mut store,
            json!([{"op": "set_settings", "settings": {"auto_lock_minutes": minutes}}]),
        );
        assert_eq!(
            summary(&errors),
            ["0 set_settings auto_lock_minutes invalid"]
        );
    }
    apply(
        &mut store,
        json!([{"op": "set_settings", "settings": {"auto_lock_minutes": 30}}]),
    );
    assert_eq!(store.load_settings().unwrap().auto_lock_minutes, 30);
}

#[test]
fn a_child_already_in_care_is_entered_with_their_last_review_and_history_in_one_batch() {
    let mut store = Store::open_in_memory().unwrap();
    apply(
        &mut store,
        json!([
            {"op": "add_child", "id": 5, "first_name": "Ola", "last_name": "Reed",
             "born_on": "2012-02-02", "sex": "female"},
            {"op": "start_care", "child": 5, "started_on": "2021-03-15",
             "legal_status": "C2", "regime": "full_care"},
            {"op": "record_meeting", "child": 5, "kind": "lac_review", "held_on": "2025-05-12",
             "participation": "PN1", "decisions_sent_on": "2025-05-16"},
            {"op": "set_review_history", "child": 5, "history": {"known": "earlier", "count": 8}}
        ]),
    );
    let record = store.load_child(ChildId(5)).unwrap().unwrap();
    assert_eq!(
        record.care_periods[0].history,
        ReviewHistory::Earlier { count: 8 }
    );
    // Saying "not known" later replaces it; a correction of the period keeps it.
    apply(
        &mut store,
        json!([{"op": "set_review_history", "child": 5, "history": {"known": "unknown"}},
               {"op": "update_care", "id": 1, "started_on": "2021-03-16",
                "legal_status": "C2", "regime": "full_care"}]),
    );
    let record = store.load_child(ChildId(5)).unwrap().unwrap();
    assert_eq!(record.care_periods[0].history, ReviewHistory::Unknown);
    assert_eq!(record.care_periods[0].started_on, d("2021-03-16"));
}

#[test]
fn earlier_reviews_without_the_last_one_recorded_are_refused_and_nothing_is_saved() {
    let mut store = Store::open_in_memory().unwrap();
    let errors = refused(
        &mut store,
        json!([
            {"op": "add_child", "id": 5, "first_name": "Ola", "last_name": "Reed",
             "born_on": "2012-02-02", "sex": "female"},
            {"op": "start_care", "child": 5, "started_on": "2021-03-15",
             "legal_status": "C2", "regime": "full_care"},
            {"op": "set_review_history", "child": 5, "history": {"known": "earlier", "count": 0}}
        ]),
    );
    assert_eq!(
        summary(&errors),
        [
            "2 set_review_history history required",
            "2 set_review_history history invalid"
        ]
    );
    assert!(store.load_child(ChildId(5)).unwrap().is_none());
}

/// Meeting 31's revision as the store holds it.
fn revision_of_31(store: &Store) -> u32 {
    let record = store.load_child(ChildId(10)).unwrap().unwrap();
    record
        .meetings
        .iter()
        .find(|m| m.id == MeetingId(31))
        .unwrap()
        .revision
}

#[test]
fn a_meetings_revision_rises_with_every_change_to_it_and_a_refused_batch_keeps_it() {
    let mut store = base_store();
    assert_eq!(revision_of_31(&store), 0, "as booked");
    apply(
        &mut store,
        json!([{"op": "move_meeting", "id": 31, "on": "2025-07-02", "at": "14:00"}]),
    );
    assert_eq!(revision_of_31(&store), 1, "moved");
    apply(
        &mut store,
        json!([{"op": "record_child_seen", "id": 31, "on": "2025-06-20"},
               {"op": "move_meeting", "id": 31, "on": "2025-07-02", "at": "15:00",
                "venue": "School"}]),
    );
    assert_eq!(revision_of_31(&store), 3, "the child seen, then re-timed");
    refused(
        &mut store,
        json!([{"op": "move_meeting", "id": 31, "on": "2025-07-03"},
               {"op": "cancel_meeting", "id": 999}]),
    );
    assert_eq!(
        revision_of_31(&store),
        3,
        "nothing of a refused batch is kept"
    );
    apply(&mut store, json!([{"op": "cancel_meeting", "id": 31}]));
    assert_eq!(revision_of_31(&store), 4, "cancelled");
    let other = store.load_child(ChildId(10)).unwrap().unwrap();
    let held = other.meetings.iter().find(|m| m.id.0 == 30).unwrap();
    assert_eq!(
        held.revision, 0,
        "another meeting's changes are not this one's"
    );
}
