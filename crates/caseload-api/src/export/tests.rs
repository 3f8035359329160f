//! The calendar export read back with `icalendar`'s parser, as Outlook would read it: what each
//! privacy choice lets out about the child, a meeting's UID and SEQUENCE through a move and a
//! cancellation, and each event's length from the settings.

use caseload_core::settings::CalendarPrivacy;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use icalendar::{
    CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, EventStatus,
};

use super::IcsScope;
use crate::App;

const AS_OF: &str = "2026-11-23";
const UID: &str = "meeting-31@irocaseload";

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn apply(app: &mut App, json: &str) {
    let changes = App::parse_changes(json.as_bytes()).expect("changes");
    app.apply(&changes, date(AS_OF), None).expect("applied");
}

/// Alexander Examplemore (LR-1234), in care since 26 October 2026 (his first review falls due
/// in the week of 23 November), his review booked for Wednesday 25 November at 10:00 (meeting
/// 31); and Bea Sampleton, with no local reference, her review booked for Friday 4 December.
fn app() -> App {
    let mut app = App::open_in_memory().unwrap();
    apply(
        &mut app,
        r#"[
        {"op": "add_iro", "id": 1, "name": "Asha Patel", "fte": 1.0},
        {"op": "add_child", "id": 10, "first_name": "Alexander", "last_name": "Examplemore",
         "local_ref": "LR-1234", "born_on": "2014-03-02", "sex": "male",
         "iro": 1, "allocated_on": "2026-10-26"},
        {"op": "start_care", "id": 20, "child": 10, "started_on": "2026-10-26",
         "legal_status": "C2", "regime": "full_care"},
        {"op": "book_meeting", "id": 31, "child": 10, "kind": "lac_review",
         "on": "2026-11-25", "at": "10:00", "venue": "Foster home"},
        {"op": "add_child", "id": 11, "first_name": "Bea", "last_name": "Sampleton",
         "born_on": "2016-07-19", "sex": "female", "iro": 1, "allocated_on": "2026-11-02"},
        {"op": "start_care", "id": 21, "child": 11, "started_on": "2026-11-02",
         "legal_status": "C2", "regime": "full_care"},
        {"op": "book_meeting", "id": 32, "child": 11, "kind": "lac_review",
         "on": "2026-12-04", "at": "14:30"}
    ]"#,
    );
    app
}

fn set_settings(app: &mut App, json: &str) {
    apply(
        app,
        &format!(r#"[{{"op": "set_settings", "settings": {json}}}]"#),
    );
}

/// The export's text and its events as parsed back.
fn export(app: &App, scope: IcsScope) -> (String, Vec<Event>) {
    let export = app
        .export_ics(scope, date(AS_OF), None, stamp())
        .expect("an export");
    let parsed: icalendar::Calendar = export
        .text
        .parse()
        .unwrap_or_else(|e| panic!("icalendar cannot parse the export: {e}\n{}", export.text));
    let events = parsed
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    (export.text, events)
}

fn week() -> IcsScope {
    IcsScope::Week { on: date(AS_OF) }
}

fn event<'a>(events: &'a [Event], uid: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.get_uid() == Some(uid))
        .unwrap_or_else(|| panic!("no event {uid}"))
}

fn local(start: Option<DatePerhapsTime>) -> NaiveDateTime {
    match start {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            assert_eq!(tzid, "Europe/London");
            date_time
        }
        other => panic!("not a Europe/London time: {other:?}"),
    }
}

/// Every text an event carries about itself, as a calendar program shows it.
fn texts(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .flat_map(|e| [e.get_summary(), e.get_description(), e.get_location()])
        .flatten()
        .map(str::to_string)
        .collect()
}

/// Exports the week and everything booked under `privacy` and checks that each event names
/// Alexander as `shown` and that none of `hidden` appears anywhere in either file.
fn check_privacy(privacy: &str, shown: &str, hidden: &[&str]) {
    let mut app = app();
    set_settings(&mut app, &format!(r#"{{"calendar_privacy": "{privacy}"}}"#));
    for scope in [week(), IcsScope::AllBooked] {
        let (text, events) = export(&app, scope);
        let alexanders: Vec<&str> = events
            .iter()
            .filter_map(|e| e.get_summary())
            .filter(|s| !s.contains("Child 11") && !s.contains("B.S") && !s.contains("Bea"))
            .collect();
        assert!(
            !alexanders.is_empty(),
            "{privacy} {scope:?}: no event for Alexander"
        );
        for summary in &alexanders {
            assert!(
                summary.ends_with(&format!(" – {shown}")),
                "{privacy} {scope:?}: {summary:?} does not name him {shown:?}"
            );
        }
        for word in hidden {
            assert!(
                !text.contains(word),
                "{privacy} {scope:?}: {word:?} is in the file:\n{text}"
            );
            assert!(texts(&events).iter().all(|t| !t.contains(word)), "{word:?}");
        }
    }
}

#[test]
fn by_default_an_event_shows_initials_and_local_reference_and_never_the_name() {
    let (_, events) = export(&app(), week());
    let summaries: Vec<&str> = events.iter().filter_map(|e| e.get_summary()).collect();
    assert!(
        summaries.contains(&"LAC review – A.E. (LR-1234)"),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("Due: ") && s.ends_with(" – A.E. (LR-1234)")),
        "a deadline of the week names him the same way: {summaries:?}"
    );
    check_privacy(
        "initials_and_reference",
        "A.E. (LR-1234)",
        &["Alexander", "Examplemore", "Bea", "Sampleton"],
    );
}

#[test]
fn first_name_only_shows_the_first_name_and_neither_surname_nor_reference() {
    check_privacy(
        "first_name",
        "Alexander",
        &["Examplemore", "LR-1234", "A.E.", "Sampleton"],
    );
}

#[test]
fn full_name_shows_the_full_name() {
    check_privacy("full_name", "Alexander Examplemore", &["LR-1234", "A.E."]);
}

#[test]
fn a_child_without_a_local_reference_shows_initials_only() {
    let (_, events) = export(&app(), IcsScope::AllBooked);
    assert_eq!(
        event(&events, "meeting-32@irocaseload").get_summary(),
        Some("LAC review – B.S.")
    );
}

#[test]
fn the_export_says_which_choice_it_followed() {
    let mut app = app();
    let default = app.export_ics(week(), date(AS_OF), None, stamp()).unwrap();
    assert_eq!(default.privacy, CalendarPrivacy::InitialsAndReference);
    set_settings(&mut app, r#"{"calendar_privacy": "full_name"}"#);
    let full = app.export_ics(week(), date(AS_OF), None, stamp()).unwrap();
    assert_eq!(full.privacy, CalendarPrivacy::FullName);
}

#[test]
fn a_moved_meeting_keeps_its_uid_and_its_sequence_rises() {
    let mut app = app();
    let (_, before) = export(&app, week());
    let booked = event(&before, UID);
    let first = booked.get_sequence().expect("a SEQUENCE");
    assert_eq!(booked.get_status(), Some(EventStatus::Confirmed));
    assert_eq!(
        local(booked.get_start()),
        date("2026-11-25").and_hms_opt(10, 0, 0).unwrap()
    );

    apply(
        &mut app,
        r#"[{"op": "move_meeting", "id": 31, "on": "2026-11-26", "at": "13:30", "venue": "School"}]"#,
    );
    let (_, after) = export(&app, week());
    let moved = event(&after, UID);
    assert!(moved.get_sequence().expect("a SEQUENCE") > first);
    assert_eq!(
        local(moved.get_start()),
        date("2026-11-26").and_hms_opt(13, 30, 0).unwrap()
    );
    assert_eq!(moved.get_location(), Some("School"));
    assert_eq!(
        after.iter().filter(|e| e.get_uid() == Some(UID)).count(),
        1,
        "one event for the meeting, not a second"
    );
}

#[test]
fn a_cancelled_meeting_is_exported_cancelled_with_its_uid_and_a_higher_sequence() {
    let mut app = app();
    let (_, before) = export(&app, IcsScope::AllBooked);
    let booked = event(&before, UID).get_sequence().unwrap();
    apply(
        &mut app,
        r#"[{"op": "cancel_meeting", "id": 31, "reason": "Alexander Examplemore is unwell"}]"#,
    );
    for scope in [week(), IcsScope::AllBooked] {
        let (text, events) = export(&app, scope);
        let cancelled = event(&events, UID);
        assert_eq!(
            cancelled.get_status(),
            Some(EventStatus::Cancelled),
            "{scope:?}"
        );
        assert!(cancelled.get_sequence().unwrap() > booked, "{scope:?}");
        assert_eq!(
            cancelled.get_summary(),
            Some("Cancelled: LAC review – A.E. (LR-1234)")
        );
        assert!(
            !text.contains("unwell"),
            "the reason is not exported: {text}"
        );
    }
    let export = app.export_ics(week(), date(AS_OF), None, stamp()).unwrap();
    assert_eq!((export.meetings, export.cancelled), (0, 1));
}

#[test]
fn a_meeting_cancelled_before_today_is_not_in_the_export_of_what_is_booked_from_today() {
    let mut app = app();
    apply(&mut app, r#"[{"op": "cancel_meeting", "id": 31}]"#);
    let later = app
        .export_ics(IcsScope::AllBooked, date("2026-11-26"), None, stamp())
        .unwrap();
    assert!(!later.text.contains(UID), "{}", later.text);
    assert_eq!((later.meetings, later.cancelled), (1, 0));
}

#[test]
fn an_event_lasts_as_long_as_the_settings_say_for_its_kind() {
    let mut app = app();
    let length = |app: &App| {
        let (_, events) = export(app, week());
        let m = event(&events, UID);
        local(m.get_end()) - local(m.get_start())
    };
    assert_eq!(
        length(&app),
        TimeDelta::minutes(90),
        "the default for a review"
    );
    set_settings(
        &mut app,
        r#"{"meeting_minutes": {"lac_review": 75, "icpc": 120,
        "cp_review": 90, "transfer_in_conference": 120, "core_group": 60}}"#,
    );
    assert_eq!(length(&app), TimeDelta::minutes(75));
}
