//! Issue 11: the record written in the meeting. A draft is one row per meeting, saved at every
//! change; finalising records the meeting as held and tracks its decisions, in one audited
//! change; bad input is refused beside its field and writes nothing.

use crate::support::{apply, base_store, d, refused, summary};
use caseload_core::domain::{
    AgeBand, DecisionDue, DecisionState, MeetingStatus, Participation, RecordStatus,
};
use caseload_core::ids::{ChildId, MeetingId};
use caseload_store::{AuditFilter, Store};
use serde_json::{json, Value};

/// The base store's booked review (meeting 31, booked 28 April 2025) with a record.
fn record(extra: Value) -> Value {
    let mut record = json!({
        "held_on": "2025-04-28",
        "attendance": [
            {"name": "Sam Jones", "role": "Child", "attendance": "present"},
            {"name": "Priya Shah", "role": "Social worker", "attendance": "present"},
            {"name": "Dr Lee", "role": "Health", "attendance": "report_only"}
        ],
        "views_conveyed": "spoke_for_themself",
        "child_views": "Sam wants to stay with his carers and see his sister more.",
        "participation": "PN1",
        "care_plan_endorsed": true,
        "decisions": [
            {"text": "Arrange sibling contact monthly", "owner": "Priya Shah",
             "due": {"kind": "on", "on": "2025-05-30"}},
            {"text": "Update the PEP", "owner": "Virtual School",
             "due": {"kind": "by_next_review"}}
        ],
        "next_meeting_on": "2025-10-20"
    });
    if let (Value::Object(r), Value::Object(e)) = (&mut record, extra) {
        r.extend(e);
    }
    record
}

fn draft(store: &mut Store, record: Value) {
    apply(
        store,
        json!([{"op": "save_record_draft", "meeting": 31, "record": record}]),
    );
}

#[test]
fn a_draft_is_one_row_per_meeting_replaced_at_every_save() {
    let mut store = base_store();
    draft(&mut store, json!({"child_views": "Sam"}));
    draft(&mut store, json!({"child_views": "Sam wants to stay"}));
    let child = store.load_child(ChildId(10)).unwrap().unwrap();
    assert_eq!(
        child.records.len(),
        1,
        "two drafts of one meeting cannot exist"
    );
    assert_eq!(child.records[0].status, RecordStatus::Draft);
    assert_eq!(child.records[0].record.child_views, "Sam wants to stay");
    // The meeting is still booked until the record is finalised.
    let m = child
        .meetings
        .iter()
        .find(|m| m.id == MeetingId(31))
        .unwrap();
    assert_eq!(m.status, MeetingStatus::Booked);
    // The audit keeps which meeting, not the draft's words.
    let entry = &store.audit(&AuditFilter::default()).unwrap()[0];
    assert_eq!(entry.op, "save_record_draft");
    assert_eq!(
        entry.change,
        json!({"op": "save_record_draft", "meeting": 31})
    );
    assert!(!entry.after.as_ref().unwrap().to_string().contains("wants"));
}

#[test]
fn finalising_holds_the_meeting_and_tracks_its_decisions_in_one_audited_change() {
    let mut store = base_store();
    draft(&mut store, record(json!({})));
    let audit_before = store.count_rows().unwrap()["audit"];
    apply(
        &mut store,
        json!([{"op": "finalise_record", "meeting": 31, "record": record(json!({}))}]),
    );
    assert_eq!(store.count_rows().unwrap()["audit"], audit_before + 1);
    let child = store.load_child(ChildId(10)).unwrap().unwrap();
    let m = child
        .meetings
        .iter()
        .find(|m| m.id == MeetingId(31))
        .unwrap();
    assert_eq!(
        (m.status, m.outcome.held_on, m.outcome.participation),
        (
            MeetingStatus::Held,
            Some(d("2025-04-28")),
            Some(Participation::Pn1)
        )
    );
    assert_eq!(child.records[0].status, RecordStatus::Final);
    let decisions: Vec<_> = child
        .decisions
        .iter()
        .map(|d| (d.number, d.owner.as_str(), d.due, d.state.clone()))
        .collect();
    assert_eq!(
        decisions,
        [
            (
                1,
                "Priya Shah",
                DecisionDue::On {
                    on: d("2025-05-30")
                },
                DecisionState::Open
            ),
            (
                2,
                "Virtual School",
                DecisionDue::ByNextReview,
                DecisionState::Open
            ),
        ]
    );
    let entry = &store.audit(&AuditFilter::default()).unwrap()[0];
    assert_eq!(entry.op, "finalise_record");
    assert_eq!(
        entry.after.as_ref().unwrap()["record"]["decisions"][0]["owner"],
        "Priya Shah"
    );
}

#[test]
fn a_record_is_finalised_once_and_never_for_a_cancelled_or_future_meeting() {
    let mut store = base_store();
    let finalise =
        |record: Value| json!([{"op": "finalise_record", "meeting": 31, "record": record}]);
    apply(&mut store, finalise(record(json!({}))));
    let errors = refused(&mut store, finalise(record(json!({}))));
    assert_eq!(summary(&errors), ["0 finalise_record meeting conflict"]);
    let errors = refused(
        &mut store,
        json!([{"op": "save_record_draft", "meeting": 31, "record": {}}]),
    );
    assert_eq!(summary(&errors), ["0 save_record_draft meeting conflict"]);

    let mut store = base_store();
    apply(&mut store, json!([{"op": "cancel_meeting", "id": 31}]));
    let errors = refused(&mut store, finalise(record(json!({}))));
    assert_eq!(summary(&errors), ["0 finalise_record meeting conflict"]);

    let mut store = base_store();
    let errors = refused(
        &mut store,
        finalise(record(json!({"held_on": "2025-07-01", "decisions": []}))),
    );
    assert_eq!(summary(&errors), ["0 finalise_record held_on in_future"]);
}

#[test]
fn bad_decisions_scaling_and_codes_are_refused_and_nothing_is_written() {
    let mut store = base_store();
    let before = store.count_rows().unwrap();
    let bad = record(json!({
        "participation": "PN0",
        "decisions": [
            {"text": "Arrange contact", "owner": " ", "due": {"kind": "by_next_review"}},
            {"text": "Review the placement", "owner": "Team manager", "due": null}
        ]
    }));
    let errors = refused(
        &mut store,
        json!([{"op": "finalise_record", "meeting": 31, "record": bad}]),
    );
    assert_eq!(
        summary(&errors),
        [
            "0 finalise_record decisions required",
            "0 finalise_record decisions required",
            "0 finalise_record participation age_mismatch",
        ]
    );
    assert_eq!(store.count_rows().unwrap(), before);
}

#[test]
fn a_scaling_outside_nought_to_ten_is_refused_even_in_a_draft() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([{"op": "start_cp_episode", "id": 40, "child": 10, "strategy_on": "2025-03-03"},
               {"op": "book_meeting", "id": 61, "child": 10, "kind": "icpc", "on": "2025-03-20"}]),
    );
    let sos = |score: u8| {
        json!([{"op": "save_record_draft", "meeting": 61, "record": {
            "signs_of_safety": {"harm": "Bruising seen at school", "scaling": [
                {"participant": "Mother", "role": "Parent", "score": score}]}}}])
    };
    apply(&mut store, sos(7));
    let errors = refused(&mut store, sos(11));
    assert_eq!(summary(&errors), ["0 save_record_draft scaling invalid"]);
}

#[test]
fn decisions_are_done_or_dropped_once_and_sent_dates_stop_the_clocks() {
    let mut store = base_store();
    apply(
        &mut store,
        json!([{"op": "finalise_record", "meeting": 31, "record": record(json!({}))}]),
    );
    let ids: Vec<i64> = store
        .load_child(ChildId(10))
        .unwrap()
        .unwrap()
        .decisions
        .iter()
        .map(|d| d.id.0)
        .collect();
    apply(
        &mut store,
        json!([{"op": "decision_done", "id": ids[0], "on": "2025-05-20", "note": "Monthly from May"},
               {"op": "decision_dropped", "id": ids[1], "on": "2025-06-02",
                "reason": "PEP updated by the school already"},
               {"op": "record_decisions_sent", "meeting": 31, "on": "2025-04-30"},
               {"op": "record_record_sent", "meeting": 31, "on": "2025-05-19"}]),
    );
    let child = store.load_child(ChildId(10)).unwrap().unwrap();
    assert_eq!(
        child.decisions[1].state,
        DecisionState::Dropped {
            on: d("2025-06-02"),
            reason: "PEP updated by the school already".into()
        }
    );
    let m = child
        .meetings
        .iter()
        .find(|m| m.id == MeetingId(31))
        .unwrap();
    assert_eq!(
        (m.outcome.decisions_sent_on, m.outcome.record_sent_on),
        (Some(d("2025-04-30")), Some(d("2025-05-19")))
    );
    let errors = refused(
        &mut store,
        json!([{"op": "decision_done", "id": ids[0], "on": "2025-06-03"},
               {"op": "decision_dropped", "id": 999, "on": "2025-06-03", "reason": "x"},
               {"op": "record_record_sent", "meeting": 31, "on": "2025-04-01"}]),
    );
    assert_eq!(
        summary(&errors),
        [
            "0 decision_done id conflict",
            "1 decision_dropped id not_found",
            "2 record_record_sent on order",
        ]
    );
}

#[test]
fn a_letter_template_is_kept_per_age_band_audited_and_reset_to_the_default() {
    let mut store = base_store();
    assert!(store.load_letter_templates().unwrap().is_empty());
    apply(
        &mut store,
        json!([
            {"op": "set_letter_template", "band": "from13", "text": "Hi {name},\n\n{decisions}"},
            {"op": "set_letter_template", "band": "under8", "text": "Dear {name}"}
        ]),
    );
    let kept = store.load_letter_templates().unwrap();
    let bands: Vec<(AgeBand, &str)> = kept.iter().map(|t| (t.band, t.text.as_str())).collect();
    assert_eq!(
        bands,
        [
            (AgeBand::Under8, "Dear {name}"),
            (AgeBand::From13, "Hi {name},\n\n{decisions}")
        ]
    );
    apply(
        &mut store,
        json!([{"op": "set_letter_template", "band": "from13", "text": null}]),
    );
    let entry = &store.audit(&AuditFilter::default()).unwrap()[0];
    assert_eq!(entry.op, "set_letter_template");
    assert_eq!(entry.before, Some(json!("Hi {name},\n\n{decisions}")));
    assert_eq!(entry.after, None);
    assert_eq!(store.load_letter_templates().unwrap().len(), 1);
    let errors = refused(
        &mut store,
        json!([{"op": "set_letter_template", "band": "under8", "text": "Dear {nmae}"}]),
    );
    assert_eq!(summary(&errors), ["0 set_letter_template text invalid"]);
    assert_eq!(
        store.load_letter_templates().unwrap()[0].text,
        "Dear {name}",
        "nothing written"
    );
}
