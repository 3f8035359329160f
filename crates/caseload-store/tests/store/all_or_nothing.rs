use crate::support::{base_store, refused, summary};
use caseload_core::change::Change;
use caseload_core::ids::ChildId;
use caseload_core::validate::ErrorCode;
use caseload_store::{ApplyContext, AuditFilter, Store};
use serde_json::json;

#[test]
fn batch_whose_fourth_change_is_invalid_writes_nothing() {
    let mut store = base_store();
    let counts = store.count_rows().unwrap();
    let caseload = store.load_caseload().unwrap();

    let errors = refused(
        &mut store,
        json!([
            {"op": "add_iro", "id": 2, "name": "Ben Okafor", "fte": 0.8},
            {"op": "add_child", "id": 11, "first_name": "Ana", "last_name": "Lee",
             "born_on": "2012-02-02", "sex": "female", "iro": 2, "allocated_on": "2025-06-01"},
            {"op": "allocate_iro", "child": 10, "iro": 2, "from_on": "2025-03-01"},
            // Held before the child was born (1 May 2015).
            {"op": "record_meeting", "child": 10, "kind": "lac_review",
             "held_on": "2014-01-01", "participation": "PN0"},
            {"op": "set_rule_override", "rule": "review-record", "value": 15}
        ]),
    );

    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].index, 3);
    assert_eq!(errors[0].op, "record_meeting");
    assert!(
        errors[0]
            .errors
            .iter()
            .any(|e| e.field == "held_on" && e.code == ErrorCode::BeforeBirth),
        "{errors:?}"
    );
    assert_eq!(store.count_rows().unwrap(), counts);
    assert_eq!(store.load_caseload().unwrap(), caseload);
    assert_eq!(
        store.load_rules().unwrap(),
        caseload_core::rules::Rules::defaults()
    );
}

#[test]
fn every_refused_change_is_reported_not_only_the_first() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "add_iro", "name": " ", "fte": 1.5},
            {"op": "add_iro", "name": "Ben Okafor"},
            {"op": "cancel_meeting", "id": 999},
            {"op": "start_care", "child": 10, "started_on": "2025-02-01",
             "legal_status": "V3", "regime": "full_care"}
        ]),
    );
    assert_eq!(
        summary(&errors),
        [
            "0 add_iro name required",
            "0 add_iro fte invalid",
            "2 cancel_meeting id not_found",
            "3 start_care started_on overlap",
            "3 start_care regime conflict",
        ]
    );
}

#[test]
fn invalid_error_names_each_change_and_field_in_its_message() {
    let mut store = base_store();
    let changes = crate::support::changes(json!([
        {"op": "add_iro", "name": "Ben Okafor"},
        {"op": "end_care", "id": 20, "ended_on": "2025-01-01"}
    ]));
    let err = store.apply(&changes, &crate::support::ctx()).unwrap_err();
    // One line per problem, counting changes from 1; the sentence itself is the core's.
    let message = err.to_string();
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with("change 2 (end_care): ended_on: Ceased to be looked after"),
        "{message}"
    );
}

#[test]
fn a_later_change_may_depend_on_an_earlier_refused_one_and_is_refused_too() {
    let mut store = base_store();
    let errors = refused(
        &mut store,
        json!([
            {"op": "add_child", "id": 11, "first_name": "", "last_name": "Lee",
             "born_on": "2012-02-02", "sex": "female"},
            {"op": "start_care", "child": 11, "started_on": "2025-02-01",
             "legal_status": "C2", "regime": "full_care"}
        ]),
    );
    assert_eq!(
        summary(&errors),
        [
            "0 add_child first_name required",
            "1 start_care child not_found"
        ]
    );
    assert_eq!(store.audit(&AuditFilter::default()).unwrap().len(), 5);
}

/// Two children for an import: the first whole, the second with a review before its period of
/// care (refused), each a group.
fn import_groups() -> Vec<Vec<Change>> {
    let group = |json: serde_json::Value| crate::support::changes(json);
    vec![
        group(serde_json::json!([
            {"op": "add_child", "id": 40, "first_name": "Child", "last_name": "566910",
             "local_ref": "566910", "born_on": "2012-03-27", "sex": "female"},
            {"op": "start_care", "id": 41, "child": 40, "started_on": "2024-02-15",
             "legal_status": "C2", "regime": "full_care"}
        ])),
        group(serde_json::json!([
            {"op": "add_child", "id": 50, "first_name": "Child", "last_name": "384923",
             "local_ref": "384923", "born_on": "2011-09-09", "sex": "male"},
            {"op": "record_meeting", "id": 51, "child": 50, "kind": "lac_review",
             "held_on": "2024-03-01", "participation": "PN1"}
        ])),
    ]
}

#[test]
fn each_group_of_an_import_is_kept_or_refused_whole_and_a_preview_keeps_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let ctx = ApplyContext {
        source: Some("imported from episodes.csv"),
        ..crate::support::ctx()
    };
    // The preview: the same run, nothing kept.
    let preview = store
        .apply_groups(&import_groups(), &ctx, false, &mut |_| {})
        .unwrap();
    assert!(preview[0].is_ok());
    let refused = preview[1].as_ref().unwrap_err();
    assert_eq!(refused[0].op, "record_meeting");
    assert_eq!(store.count_rows().unwrap()["children"], 0);

    let mut heard = Vec::new();
    let outcomes = store
        .apply_groups(&import_groups(), &ctx, true, &mut |done| heard.push(done))
        .unwrap();
    assert_eq!(heard, [1, 2], "progress after each group");
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0].as_ref().unwrap().len(), 2);
    assert!(outcomes[1].is_err());
    let rows = store.count_rows().unwrap();
    assert_eq!(
        (rows["children"], rows["care_periods"], rows["meetings"]),
        (1, 1, 0)
    );
    // Nothing of the refused child, not even the child itself; the kept one says where it came from.
    let audit = store.audit(&AuditFilter::default()).unwrap();
    assert_eq!(audit.len(), 2);
    assert!(audit
        .iter()
        .all(|a| a.source.as_deref() == Some("imported from episodes.csv")));
    assert!(store.load_child(ChildId(50)).unwrap().is_none());
}
