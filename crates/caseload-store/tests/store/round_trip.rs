use crate::support::{apply, base_store, d};
use caseload_core::domain::{
    AbuseCategory, Allocation, Child, ChildDetails, ChildRecord, CpEpisode, CpEpisodeDetails,
    Ethnicity, LegalStatus, Meeting, MeetingKind, MeetingOutcome, MeetingStatus, Participation,
    PeriodOfCare, Regime, Sex,
};
use caseload_core::ids::{CarePeriodId, ChildId, CpEpisodeId, IroId, MeetingId};
use caseload_core::rules::{RuleId, RuleOverride, Rules};
use caseload_core::settings::Settings;
use caseload_store::{Store, StoreError};
use chrono::NaiveTime;
use serde_json::json;

#[test]
fn what_is_written_loads_back_equal() {
    let mut store = Store::open_in_memory().unwrap();
    apply(
        &mut store,
        json!([
            {"op": "add_iro", "id": 1, "name": "Asha Patel", "fte": 0.8},
            {"op": "add_child", "id": 10, "first_name": "Samuel", "last_name": "O'Neil-Jones",
             "preferred_name": "Sam", "born_on": "2019-05-01", "sex": "male",
             "ethnicity": "MWBC", "local_ref": "LA-00123", "sibling_group": "O'Neil",
             "social_worker": "Dee Khan", "team": "Children in Care 2",
             "iro": 1, "allocated_on": "2025-01-06"},
            {"op": "start_care", "id": 20, "child": 10, "started_on": "2025-01-06",
             "legal_status": "C2", "regime": "full_care"},
            {"op": "start_cp_episode", "id": 40, "child": 10, "strategy_on": "2024-10-01",
             "s47_started_on": "2024-10-02", "plan_started_on": "2024-10-20",
             "plan_ended_on": "2025-01-10", "initial_category": "NEG", "latest_category": "EMO",
             "previous_plans": 2},
            {"op": "start_cp_episode", "id": 41, "child": 10, "strategy_on": "2025-03-03",
             "closed_on": "2025-03-20"},
            {"op": "record_meeting", "id": 30, "child": 10, "kind": "lac_review",
             "held_on": "2025-01-31", "participation": "PN1", "advocate_offered": true,
             "advocate_used": false, "child_seen_on": "2025-01-29",
             "decisions_sent_on": "2025-02-03", "record_sent_on": "2025-02-20",
             "quorate": true, "early_reason": "placement move"},
            {"op": "book_meeting", "id": 31, "child": 10, "kind": "lac_review",
             "on": "2025-04-28", "at": "10:00", "venue": "Foster home, Leeds"}
        ]),
    );

    let expected = ChildRecord {
        child: Child {
            id: ChildId(10),
            details: ChildDetails {
                first_name: "Samuel".into(),
                last_name: "O'Neil-Jones".into(),
                preferred_name: Some("Sam".into()),
                born_on: Some(d("2019-05-01")),
                expected_birth_on: None,
                sex: Sex::Male,
                ethnicity: Some(Ethnicity::Mwbc),
                local_ref: Some("LA-00123".into()),
                sibling_group: Some("O'Neil".into()),
                social_worker: Some("Dee Khan".into()),
                team: Some("Children in Care 2".into()),
            },
        },
        allocations: vec![Allocation {
            iro: IroId(1),
            from_on: d("2025-01-06"),
            reason: None,
        }],
        care_periods: vec![PeriodOfCare {
            history: Default::default(),
            id: CarePeriodId(20),
            child: ChildId(10),
            started_on: d("2025-01-06"),
            ended_on: None,
            legal_status: LegalStatus::C2,
            regime: Regime::FullCare,
        }],
        cp_episodes: vec![
            CpEpisode {
                id: CpEpisodeId(40),
                child: ChildId(10),
                details: CpEpisodeDetails {
                    strategy_on: Some(d("2024-10-01")),
                    s47_started_on: Some(d("2024-10-02")),
                    transfer_in_notified_on: None,
                    plan_started_on: Some(d("2024-10-20")),
                    plan_ended_on: Some(d("2025-01-10")),
                    initial_category: Some(AbuseCategory::Neg),
                    latest_category: Some(AbuseCategory::Emo),
                    closed_on: None,
                    previous_plans: Some(2),
                },
            },
            CpEpisode {
                id: CpEpisodeId(41),
                child: ChildId(10),
                details: CpEpisodeDetails {
                    strategy_on: Some(d("2025-03-03")),
                    closed_on: Some(d("2025-03-20")),
                    ..CpEpisodeDetails::default()
                },
            },
        ],
        meetings: vec![
            Meeting {
                id: MeetingId(30),
                child: ChildId(10),
                kind: MeetingKind::LacReview,
                status: MeetingStatus::Held,
                booked_on: None,
                booked_at: None,
                venue: None,
                status_reason: None,
                revision: 0,
                outcome: MeetingOutcome {
                    held_on: Some(d("2025-01-31")),
                    participation: Some(Participation::Pn1),
                    advocate_offered: Some(true),
                    advocate_used: Some(false),
                    child_seen_on: Some(d("2025-01-29")),
                    decisions_sent_on: Some(d("2025-02-03")),
                    record_sent_on: Some(d("2025-02-20")),
                    quorate: Some(true),
                    early_reason: Some("placement move".into()),
                    // The conference fields round-trip in `conferences.rs`.
                    plan_decision: None,
                    category: None,
                    child_attended: None,
                    social_worker_contact_on: None,
                    reports_received_on: None,
                },
            },
            Meeting {
                id: MeetingId(31),
                child: ChildId(10),
                kind: MeetingKind::LacReview,
                status: MeetingStatus::Booked,
                booked_on: Some(d("2025-04-28")),
                booked_at: NaiveTime::from_hms_opt(10, 0, 0),
                venue: Some("Foster home, Leeds".into()),
                status_reason: None,
                revision: 0,
                outcome: MeetingOutcome::default(),
            },
        ],
        disputes: vec![],
        records: Vec::new(),
        decisions: Vec::new(),
        transferred_out: None,
    };
    assert_eq!(store.load_child(ChildId(10)).unwrap(), Some(expected));
    let iros = store.load_iros().unwrap();
    assert_eq!(iros.len(), 1);
    assert_eq!(
        (iros[0].id, iros[0].details.fte, iros[0].details.active),
        (IroId(1), 0.8, true)
    );
}

#[test]
fn unborn_child_and_every_code_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let codes = [
        ("WBRI", "C1", "NEG"),
        ("AOTH", "D1", "PHY"),
        ("REFU", "J2", "SAB"),
        ("NOBT", "L3", "MUL"),
    ];
    for (n, (ethnicity, legal_status, category)) in codes.iter().enumerate() {
        let id = 10 + n as i64;
        apply(
            &mut store,
            json!([
                {"op": "add_child", "id": id, "first_name": "A", "last_name": "B",
                 "born_on": "2010-01-01", "sex": "female", "ethnicity": ethnicity},
                {"op": "start_care", "child": id, "started_on": "2025-01-06",
                 "legal_status": legal_status, "regime": "full_care"},
                {"op": "start_cp_episode", "child": id, "plan_started_on": "2025-01-06",
                 "initial_category": category}
            ]),
        );
        let record = store.load_child(ChildId(id)).unwrap().unwrap();
        let as_json = serde_json::to_value(&record).unwrap();
        assert_eq!(as_json["child"]["ethnicity"], *ethnicity);
        assert_eq!(as_json["care_periods"][0]["legal_status"], *legal_status);
        assert_eq!(as_json["cp_episodes"][0]["initial_category"], *category);
    }
    apply(
        &mut store,
        json!([{"op": "add_child", "id": 50, "first_name": "Baby", "last_name": "B",
                "expected_birth_on": "2025-09-01", "sex": "unknown"}]),
    );
    let unborn = store.load_child(ChildId(50)).unwrap().unwrap();
    assert_eq!(unborn.child.details.born_on, None);
    assert_eq!(
        unborn.child.details.expected_birth_on,
        Some(d("2025-09-01"))
    );
    assert_eq!(unborn.child.details.sex, Sex::Unknown);
}

#[test]
fn rules_and_settings_round_trip_and_default_when_unset() {
    let mut store = base_store();
    assert_eq!(store.load_settings().unwrap(), Settings::DEFAULTS);
    assert_eq!(store.load_rules().unwrap(), Rules::defaults());

    apply(
        &mut store,
        json!([
            {"op": "set_rule_override", "rule": "review-record", "value": 15, "note": "local"},
            {"op": "set_rule_override", "rule": "icpc", "value": 10},
            {"op": "set_rule_override", "rule": "icpc", "value": 12, "note": "changed"},
            {"op": "set_settings", "settings": {"convention": "event_day_is_day_one",
             "red_within_working_days": 3, "amber_within_working_days": 15}}
        ]),
    );
    let rules = store.load_rules().unwrap();
    assert_eq!(
        rules,
        Rules::with_overrides([
            RuleOverride {
                rule: RuleId::ReviewRecord,
                value: 15,
                note: Some("local".into()),
            },
            RuleOverride {
                rule: RuleId::Icpc,
                value: 12,
                note: Some("changed".into()),
            },
        ])
    );
    let settings = store.load_settings().unwrap();
    assert_eq!(settings.red_within_working_days, 3);
    assert_eq!(settings.amber_within_working_days, 15);
    assert_eq!(
        serde_json::to_value(settings.convention).unwrap(),
        "event_day_is_day_one"
    );

    apply(
        &mut store,
        json!([{"op": "clear_rule_override", "rule": "icpc"}]),
    );
    assert_eq!(store.load_rules().unwrap().value(RuleId::Icpc), 15);
    assert_eq!(store.load_rules().unwrap().value(RuleId::ReviewRecord), 15);
}

#[test]
fn a_row_the_core_cannot_read_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let store = crate::support::open_plain(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO rule_overrides (rule, value) VALUES ('lac-third-review', 3)",
        [],
    )
    .unwrap();

    match store.load_rules() {
        Err(StoreError::Corrupt { what }) => {
            assert!(what.contains("lac-third-review"), "{what}");
            assert!(what.starts_with("load rule overrides"), "{what}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}
