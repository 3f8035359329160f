//! ICS export: every output is parsed back with `icalendar`'s RFC 5545 parser (which
//! unfolds lines and unescapes TEXT) and read the way a calendar program would: event
//! dates, times and TZIDs, escaping, folding, CRLF, the Europe/London VTIMEZONE (checked
//! hour by hour against the IANA database), determinism, and a round-trip property.

use std::collections::BTreeMap;

use caseload_interop::ics::{render_ics, IcsCalendar, IcsDeadline, IcsMeeting};
use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc,
    Weekday,
};
use icalendar::parser::{read_calendar, unfold};
use icalendar::{
    CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn t(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 9, 30, 5).unwrap()
}

fn meeting(uid: &str, on: &str, at: Option<&str>, minutes: u32, summary: &str) -> IcsMeeting {
    IcsMeeting {
        uid: uid.to_string(),
        on: d(on),
        at: at.map(t),
        duration_minutes: minutes,
        sequence: 0,
        cancelled: false,
        summary: summary.to_string(),
        location: None,
        description: None,
    }
}

fn deadline(uid: &str, on: &str, summary: &str) -> IcsDeadline {
    IcsDeadline {
        uid: uid.to_string(),
        on: d(on),
        summary: summary.to_string(),
        description: None,
    }
}

fn calendar(meetings: Vec<IcsMeeting>, deadlines: Vec<IcsDeadline>) -> IcsCalendar {
    IcsCalendar {
        name: "IRO Caseload – A. Smith".to_string(),
        meetings,
        deadlines,
    }
}

/// Renders, checks the framing every output must have (CRLF only, no physical line over
/// 75 octets), and parses the text back into `icalendar`'s typed calendar.
fn render_and_parse(calendar: &IcsCalendar) -> (String, icalendar::Calendar) {
    let text = render_ics(calendar, stamp());
    assert_framing(&text);
    let parsed: icalendar::Calendar = text
        .parse()
        .unwrap_or_else(|err| panic!("icalendar cannot parse the export: {err}\n{text}"));
    (text, parsed)
}

/// Every line ends in CRLF (no bare CR or LF anywhere) and no physical line is longer
/// than 75 octets, not counting its CRLF.
fn assert_framing(text: &str) {
    assert!(text.ends_with("\r\n"), "output does not end in CRLF");
    let body = text.strip_suffix("\r\n").unwrap();
    for (line_idx, line) in body.split("\r\n").enumerate() {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "bare CR or LF in physical line {}: {line:?}",
            line_idx + 1
        );
        assert!(
            line.len() <= 75,
            "physical line {} is {} octets: {line:?}",
            line_idx + 1,
            line.len()
        );
    }
}

fn events(parsed: &icalendar::Calendar) -> Vec<&Event> {
    parsed
        .components
        .iter()
        .filter_map(|component| match component {
            CalendarComponent::Event(event) => Some(event),
            _ => None,
        })
        .collect()
}

fn event<'a>(parsed: &'a icalendar::Calendar, uid: &str) -> &'a Event {
    events(parsed)
        .into_iter()
        .find(|event| event.get_uid() == Some(uid))
        .unwrap_or_else(|| panic!("no event with UID {uid}"))
}

fn london(on: &str, at: &str) -> Option<DatePerhapsTime> {
    Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
        date_time: d(on).and_time(t(at)),
        tzid: "Europe/London".to_string(),
    }))
}

fn date(on: &str) -> Option<DatePerhapsTime> {
    Some(DatePerhapsTime::Date(d(on)))
}

/// The raw (unfolded, TEXT-unescaped) property tree of the export, as the low-level
/// parser sees it: one component with its properties and child components.
#[derive(Debug)]
struct Node {
    name: String,
    /// `NAME[;KEY=VALUE…]` → value, in order.
    properties: Vec<(String, String)>,
    children: Vec<Node>,
}

impl Node {
    fn value(&self, key: &str) -> &str {
        let found: Vec<&str> = self
            .properties
            .iter()
            .filter(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{key} in {}: {:?}",
            self.name,
            self.properties
        );
        found[0]
    }

    fn children_named(&self, name: &str) -> Vec<&Node> {
        self.children.iter().filter(|c| c.name == name).collect()
    }
}

fn raw_tree(text: &str) -> Node {
    fn convert(component: &icalendar::parser::Component<'_>) -> Node {
        Node {
            name: component.name.as_str().to_string(),
            properties: component.properties.iter().map(convert_property).collect(),
            children: component.components.iter().map(convert).collect(),
        }
    }
    fn convert_property(property: &icalendar::parser::Property<'_>) -> (String, String) {
        let mut key = property.name.as_str().to_string();
        for param in &property.params {
            key.push(';');
            key.push_str(param.key.as_str());
            if let Some(val) = &param.val {
                key.push('=');
                key.push_str(val.as_str());
            }
        }
        (key, property.val.as_str().to_string())
    }
    let unfolded = unfold(text);
    let parsed = read_calendar(&unfolded).unwrap_or_else(|err| panic!("{err}"));
    Node {
        name: "VCALENDAR".to_string(),
        properties: parsed.properties.iter().map(convert_property).collect(),
        children: parsed.components.iter().map(convert).collect(),
    }
}

/// The properties of the event with this UID, as `NAME[;PARAMS]: value` lines.
fn raw_event_lines(text: &str, uid: &str) -> Vec<String> {
    let tree = raw_tree(text);
    let event = tree
        .children_named("VEVENT")
        .into_iter()
        .find(|event| event.value("UID") == uid)
        .unwrap_or_else(|| panic!("no VEVENT with UID {uid}"));
    event
        .properties
        .iter()
        .map(|(key, value)| format!("{key}: {value}"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// The Europe/London VTIMEZONE, interpreted from the output itself
// ---------------------------------------------------------------------------------------

/// One observance (STANDARD or DAYLIGHT) read from the exported VTIMEZONE.
#[derive(Debug)]
struct Observance {
    offset_from: i32,
    offset_to: i32,
    /// Local wall-clock time (in `offset_from`) of the first onset.
    first: NaiveDateTime,
    month: u32,
}

impl Observance {
    /// The UTC instant of this observance's onset in `year` (RRULE
    /// `FREQ=YEARLY;BYMONTH=m;BYDAY=-1SU`: the last Sunday of the month).
    fn onset_utc(&self, year: i32) -> Option<NaiveDateTime> {
        if year < self.first.year() {
            return None;
        }
        let local = last_sunday(year, self.month).and_time(self.first.time());
        Some(local - TimeDelta::seconds(i64::from(self.offset_from)))
    }
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap();
    let mut day = first_of_next.pred_opt().unwrap();
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap();
    }
    day
}

fn utc_offset_seconds(text: &str) -> i32 {
    let sign = match &text[..1] {
        "+" => 1,
        "-" => -1,
        other => panic!("bad UTC offset sign {other:?} in {text:?}"),
    };
    let hours: i32 = text[1..3].parse().unwrap();
    let minutes: i32 = text[3..5].parse().unwrap();
    sign * (hours * 3600 + minutes * 60)
}

/// Reads the Europe/London VTIMEZONE out of the export, checking the shape Outlook relies
/// on: one STANDARD and one DAYLIGHT, each a yearly last-Sunday rule whose DTSTART is
/// itself an occurrence of the rule.
fn exported_london(text: &str) -> Vec<Observance> {
    let tree = raw_tree(text);
    let zones = tree.children_named("VTIMEZONE");
    assert_eq!(zones.len(), 1, "exactly one VTIMEZONE");
    let zone = zones[0];
    assert_eq!(zone.value("TZID"), "Europe/London");
    assert_eq!(zone.children_named("STANDARD").len(), 1);
    assert_eq!(zone.children_named("DAYLIGHT").len(), 1);
    zone.children
        .iter()
        .map(|observance| {
            let rrule: BTreeMap<&str, &str> = observance
                .value("RRULE")
                .split(';')
                .map(|part| part.split_once('=').unwrap())
                .collect();
            assert_eq!(rrule.len(), 3, "{rrule:?}");
            assert_eq!(rrule["FREQ"], "YEARLY");
            assert_eq!(rrule["BYDAY"], "-1SU");
            let month: u32 = rrule["BYMONTH"].parse().unwrap();
            let first = NaiveDateTime::parse_from_str(observance.value("DTSTART"), "%Y%m%dT%H%M%S")
                .unwrap();
            assert_eq!(
                first.date(),
                last_sunday(first.year(), month),
                "DTSTART of {} is not a last Sunday",
                observance.name
            );
            Observance {
                offset_from: utc_offset_seconds(observance.value("TZOFFSETFROM")),
                offset_to: utc_offset_seconds(observance.value("TZOFFSETTO")),
                first,
                month,
            }
        })
        .collect()
}

/// UTC offset in force at `utc` according to the observances: that of the latest onset.
fn offset_at(observances: &[Observance], utc: NaiveDateTime) -> i32 {
    let year = utc.year();
    observances
        .iter()
        .flat_map(|o| {
            [year - 1, year]
                .into_iter()
                .filter_map(|y| o.onset_utc(y))
                .map(move |onset| (onset, o.offset_to))
        })
        .filter(|(onset, _)| *onset <= utc)
        .max_by_key(|(onset, _)| *onset)
        .map(|(_, offset)| offset)
        .expect("no onset before this instant")
}

/// The UTC instant of a UK wall-clock time, according to the exported VTIMEZONE.
fn wall_clock_to_utc(observances: &[Observance], local: NaiveDateTime) -> NaiveDateTime {
    let candidates: Vec<NaiveDateTime> = observances
        .iter()
        .map(|o| local - TimeDelta::seconds(i64::from(o.offset_to)))
        .filter(|utc| offset_at(observances, *utc) == (local - *utc).num_seconds() as i32)
        .collect();
    assert_eq!(candidates.len(), 1, "{local} is ambiguous or missing");
    candidates[0]
}

fn tz_database_offset(utc: NaiveDateTime) -> i32 {
    chrono_tz::Europe::London
        .from_utc_datetime(&utc)
        .offset()
        .fix()
        .local_minus_utc()
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[test]
fn calendar_header_has_what_outlook_needs() {
    let (text, parsed) = render_and_parse(&calendar(vec![], vec![]));
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let tree = raw_tree(&text);
    let header: Vec<String> = tree
        .properties
        .iter()
        .map(|(key, value)| format!("{key}: {value}"))
        .collect();
    assert_eq!(
        header,
        [
            "VERSION: 2.0",
            "PRODID: -//IRO Caseload//EN",
            "CALSCALE: GREGORIAN",
            "METHOD: PUBLISH",
            "X-WR-CALNAME: IRO Caseload – A. Smith",
        ]
    );
    assert_eq!(parsed.get_name(), Some("IRO Caseload – A. Smith"));
    // An empty export is still a valid calendar: the VTIMEZONE is its one component.
    assert_eq!(tree.children.len(), 1);
    assert_eq!(tree.children[0].name, "VTIMEZONE");
}

#[test]
fn summer_meeting_is_bst_wall_clock_time_with_tzid() {
    let mut review = meeting(
        "meeting-42@irocaseload",
        "2025-07-15",
        Some("10:00"),
        90,
        "LAC review – J. Doe",
    );
    review.location = Some("Civic Centre".to_string());
    let (text, parsed) = render_and_parse(&calendar(vec![review], vec![]));

    let event = event(&parsed, "meeting-42@irocaseload");
    assert_eq!(event.get_start(), london("2025-07-15", "10:00"));
    assert_eq!(event.get_end(), london("2025-07-15", "11:30"));
    assert_eq!(event.get_summary(), Some("LAC review – J. Doe"));
    assert_eq!(event.get_location(), Some("Civic Centre"));
    assert_eq!(event.get_description(), None);
    assert_eq!(event.get_categories(), Some(vec!["Meeting".to_string()]));
    assert_eq!(event.get_timestamp(), Some(stamp()));

    // 10:00 in July is 09:00 UTC, by the exported VTIMEZONE and by the tz database.
    let observances = exported_london(&text);
    let start_utc = wall_clock_to_utc(&observances, d("2025-07-15").and_time(t("10:00")));
    assert_eq!(start_utc, d("2025-07-15").and_time(t("09:00")));
    assert_eq!(tz_database_offset(start_utc), 3600);
}

#[test]
fn winter_meeting_is_gmt_wall_clock_time_with_tzid() {
    let (text, parsed) = render_and_parse(&calendar(
        vec![meeting(
            "meeting-7@irocaseload",
            "2025-01-20",
            Some("14:30"),
            60,
            "ICPC",
        )],
        vec![],
    ));
    let event = event(&parsed, "meeting-7@irocaseload");
    assert_eq!(event.get_start(), london("2025-01-20", "14:30"));
    assert_eq!(event.get_end(), london("2025-01-20", "15:30"));

    let observances = exported_london(&text);
    let start_utc = wall_clock_to_utc(&observances, d("2025-01-20").and_time(t("14:30")));
    assert_eq!(start_utc, d("2025-01-20").and_time(t("14:30")));
    assert_eq!(tz_database_offset(start_utc), 0);
}

#[test]
fn timed_meeting_lines_carry_the_tzid_parameter() {
    let (text, _) = render_and_parse(&calendar(
        vec![meeting(
            "meeting-1@irocaseload",
            "2025-10-27",
            Some("09:15"),
            90,
            "CP review",
        )],
        vec![],
    ));
    assert_eq!(
        raw_event_lines(&text, "meeting-1@irocaseload"),
        [
            "UID: meeting-1@irocaseload",
            "DTSTAMP: 20250601T093005Z",
            "SEQUENCE: 0",
            "STATUS: CONFIRMED",
            "DTSTART;TZID=Europe/London: 20251027T091500",
            "DTEND;TZID=Europe/London: 20251027T104500",
            "SUMMARY: CP review",
            "CATEGORIES: Meeting",
        ]
    );
}

#[test]
fn a_meeting_carries_its_sequence_and_a_cancelled_one_is_status_cancelled() {
    let mut moved = meeting(
        "meeting-3@irocaseload",
        "2025-11-04",
        Some("10:00"),
        60,
        "Moved",
    );
    moved.sequence = 4;
    let mut called_off = meeting("meeting-5@irocaseload", "2025-11-05", None, 60, "Off");
    called_off.sequence = 1;
    called_off.cancelled = true;
    let (_, parsed) = render_and_parse(&calendar(vec![moved, called_off], vec![]));
    let moved = event(&parsed, "meeting-3@irocaseload");
    assert_eq!(moved.get_sequence(), Some(4));
    assert_eq!(moved.get_status(), Some(icalendar::EventStatus::Confirmed));
    let called_off = event(&parsed, "meeting-5@irocaseload");
    assert_eq!(called_off.get_sequence(), Some(1));
    assert_eq!(
        called_off.get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
}

#[test]
fn meeting_running_past_midnight_ends_the_next_day() {
    let (_, parsed) = render_and_parse(&calendar(
        vec![meeting("m@x", "2025-12-31", Some("23:00"), 90, "Late")],
        vec![],
    ));
    assert_eq!(
        event(&parsed, "m@x").get_end(),
        london("2026-01-01", "00:30")
    );
}

#[test]
fn meeting_without_a_time_is_an_all_day_event() {
    let (text, parsed) = render_and_parse(&calendar(
        vec![meeting(
            "meeting-9@irocaseload",
            "2025-03-31",
            None,
            90,
            "Review (time tbc)",
        )],
        vec![],
    ));
    let event = event(&parsed, "meeting-9@irocaseload");
    assert_eq!(event.get_start(), date("2025-03-31"));
    assert_eq!(event.get_end(), date("2025-04-01"));
    assert_eq!(event.get_categories(), Some(vec!["Meeting".to_string()]));
    let lines = raw_event_lines(&text, "meeting-9@irocaseload");
    assert!(
        lines.contains(&"DTSTART;VALUE=DATE: 20250331".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"DTEND;VALUE=DATE: 20250401".to_string()),
        "{lines:?}"
    );
}

#[test]
fn deadline_is_a_transparent_all_day_event() {
    let mut due = deadline(
        "due-lac-7@irocaseload",
        "2028-02-28",
        "LAC review due – J. Doe",
    );
    due.description = Some("Second review: within 3 months of the first.".to_string());
    let (text, parsed) = render_and_parse(&calendar(vec![], vec![due]));

    let event = event(&parsed, "due-lac-7@irocaseload");
    assert_eq!(event.get_start(), date("2028-02-28"));
    assert_eq!(event.get_end(), date("2028-02-29"), "2028 is a leap year");
    assert_eq!(event.get_categories(), Some(vec!["Deadline".to_string()]));
    assert_eq!(event.property_value("TRANSP"), Some("TRANSPARENT"));
    assert_eq!(event.get_location(), None);
    assert_eq!(
        raw_event_lines(&text, "due-lac-7@irocaseload"),
        [
            "UID: due-lac-7@irocaseload",
            "DTSTAMP: 20250601T093005Z",
            "DTSTART;VALUE=DATE: 20280228",
            "DTEND;VALUE=DATE: 20280229",
            "SUMMARY: LAC review due – J. Doe",
            "DESCRIPTION: Second review: within 3 months of the first.",
            "CATEGORIES: Deadline",
            "TRANSP: TRANSPARENT",
        ]
    );
}

#[test]
fn deadline_on_new_years_eve_ends_on_new_years_day() {
    let (_, parsed) = render_and_parse(&calendar(
        vec![],
        vec![deadline("d@x", "2025-12-31", "Due")],
    ));
    assert_eq!(event(&parsed, "d@x").get_end(), date("2026-01-01"));
}

#[test]
fn venue_commas_semicolons_and_newlines_are_escaped_and_round_trip() {
    let mut review = meeting("m@x", "2025-07-15", Some("10:00"), 90, "Review; child A, B");
    review.location = Some("Family Centre, Room 2; Floor 1".to_string());
    review.description = Some("Line one\nLine two, with a back\\slash\r\nLine three".to_string());
    let (text, parsed) = render_and_parse(&calendar(vec![review], vec![]));

    // On the wire, each reserved character is escaped ...
    assert!(
        text.contains("\r\nLOCATION:Family Centre\\, Room 2\\; Floor 1\r\n"),
        "{text}"
    );
    assert!(
        text.contains("\r\nSUMMARY:Review\\; child A\\, B\r\n"),
        "{text}"
    );
    assert!(
        text.contains("DESCRIPTION:Line one\\nLine two\\, with a back\\\\slash\\nLine three"),
        "{text}"
    );
    // ... and a parser gets the original text back (CRLF read as one line break).
    let event = event(&parsed, "m@x");
    assert_eq!(event.get_location(), Some("Family Centre, Room 2; Floor 1"));
    assert_eq!(event.get_summary(), Some("Review; child A, B"));
    assert_eq!(
        event.get_description(),
        Some("Line one\nLine two, with a back\\slash\nLine three")
    );
}

#[test]
fn long_non_ascii_description_is_folded_within_75_octets_and_unfolds_to_the_original() {
    let description = "Zoë – ".repeat(40) + "end";
    let mut due = deadline("d@x", "2025-07-15", "Due");
    due.description = Some(description.clone());
    let (text, parsed) = render_and_parse(&calendar(vec![], vec![due]));

    // It really was folded, over several physical lines, and the folds fell next to
    // multi-byte characters (`render_and_parse` already checked ≤ 75 octets and that
    // every physical line is valid UTF-8, as a `&str` line must be).
    let start = text.find("DESCRIPTION:").unwrap();
    let end = start + text[start..].find("\r\nCATEGORIES").unwrap();
    let physical: Vec<&str> = text[start..end].split("\r\n").collect();
    assert!(physical.len() >= 5, "{physical:?}");
    assert!(physical[1..].iter().all(|line| line.starts_with(' ')));
    assert!(
        physical.iter().any(|line| line.len() < 74),
        "some fold moved a character"
    );
    let unfolded: String = physical
        .iter()
        .enumerate()
        .map(|(idx, line)| if idx == 0 { *line } else { &line[1..] })
        .collect();
    assert_eq!(unfolded, format!("DESCRIPTION:{description}"));

    assert_eq!(
        event(&parsed, "d@x").get_description(),
        Some(description.as_str())
    );
}

#[test]
fn every_event_has_uid_and_the_given_utc_dtstamp() {
    let mut described = meeting("a@x", "2025-07-15", Some("10:00"), 90, "A");
    described.description = Some("Notes".to_string());
    let (text, parsed) = render_and_parse(&calendar(
        vec![described, meeting("b@x", "2025-07-16", None, 90, "B")],
        vec![deadline("c@x", "2025-07-17", "C")],
    ));
    let uids: Vec<_> = events(&parsed).iter().map(|e| e.get_uid()).collect();
    assert_eq!(uids, [Some("a@x"), Some("b@x"), Some("c@x")]);
    for event in events(&parsed) {
        assert_eq!(event.get_timestamp(), Some(stamp()));
    }
    assert_eq!(text.matches("\r\nDTSTAMP:20250601T093005Z\r\n").count(), 3);
}

#[test]
fn output_is_deterministic_for_the_same_input_and_stamp() {
    let mut review = meeting("m@x", "2025-07-15", Some("10:00"), 90, "Zoë – review");
    review.location = Some("Family Centre, Room 2; Floor 1".to_string());
    let cal = calendar(
        vec![review, meeting("n@x", "2025-01-20", None, 90, "B")],
        vec![deadline("d@x", "2025-12-31", "Due")],
    );
    let first = render_ics(&cal, stamp());
    assert_eq!(render_ics(&cal, stamp()), first);
    assert_eq!(render_ics(&cal.clone(), stamp()), first);

    // A different stamp changes the DTSTAMP lines and nothing else.
    let later = render_ics(&cal, stamp() + TimeDelta::days(1));
    let differing: Vec<(&str, &str)> = first
        .split("\r\n")
        .zip(later.split("\r\n"))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differing.len(), 3, "{differing:?}");
    assert!(differing
        .iter()
        .all(|(a, b)| a.starts_with("DTSTAMP:") && b == &"DTSTAMP:20250602T093005Z"));
}

#[test]
fn vtimezone_agrees_with_the_tz_database_every_hour_1997_to_2037() {
    let text = render_ics(&calendar(vec![], vec![]), stamp());
    let observances = exported_london(&text);

    let mut instant = d("1997-01-01").and_time(t("00:00"));
    let end = d("2038-01-01").and_time(t("00:00"));
    let mut n_hours = 0;
    while instant < end {
        assert_eq!(
            offset_at(&observances, instant),
            tz_database_offset(instant),
            "at {instant} UTC"
        );
        instant += TimeDelta::hours(1);
        n_hours += 1;
    }
    assert!(n_hours > 350_000);

    // The changes happen at 01:00 UTC exactly: one second before and at the onset.
    for year in 1997..2038 {
        for observance in &observances {
            let onset = observance.onset_utc(year).unwrap();
            let before = onset - TimeDelta::seconds(1);
            assert_eq!(offset_at(&observances, onset), tz_database_offset(onset));
            assert_eq!(offset_at(&observances, before), tz_database_offset(before));
            assert_eq!(onset.time(), t("01:00"), "{year}");
        }
    }
}

#[test]
fn physical_lines_never_exceed_75_octets_even_with_four_byte_characters() {
    let summary = "📅 ".repeat(60);
    let (_, parsed) = render_and_parse(&calendar(
        vec![meeting("m@x", "2025-07-15", None, 90, &summary)],
        vec![],
    ));
    assert_eq!(event(&parsed, "m@x").get_summary(), Some(summary.as_str()));
}

// ---------------------------------------------------------------------------------------
// Property: arbitrary text round-trips
// ---------------------------------------------------------------------------------------

/// What a TEXT value should read back as: any line break (CRLF, CR or LF) becomes LF,
/// and ASCII control characters other than TAB and LF, which RFC 5545 TEXT cannot carry,
/// are dropped.
fn as_read_back(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|ch| !ch.is_ascii_control() || *ch == '\t' || *ch == '\n')
        .collect()
}

/// Strings biased towards what breaks ICS: reserved and control characters, spaces at
/// fold points, multi-byte characters; plus any char at all.
fn awkward_text() -> impl Strategy<Value = String> {
    let awkward = prop_oneof![
        4 => any::<char>(),
        2 => prop::char::range('a', 'z'),
        1 => Just(','),
        1 => Just(';'),
        1 => Just('\\'),
        1 => Just(':'),
        1 => Just('"'),
        1 => Just('\n'),
        1 => Just('\r'),
        1 => Just('\t'),
        1 => Just(' '),
        1 => Just('ë'),
        1 => Just('–'),
        1 => Just('📅'),
    ];
    prop::collection::vec(awkward, 0..300).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn arbitrary_summary_and_location_round_trip_through_render_and_parse(
        summary in awkward_text(),
        location in awkward_text(),
    ) {
        let mut review = meeting("m@x", "2025-07-15", Some("10:00"), 90, &summary);
        review.location = Some(location.clone());
        let mut due = deadline("d@x", "2025-07-16", &location);
        due.description = Some(summary.clone());
        let (_, parsed) = render_and_parse(&calendar(vec![review], vec![due]));

        let (summary, location) = (as_read_back(&summary), as_read_back(&location));
        let review = event(&parsed, "m@x");
        prop_assert_eq!(review.get_summary(), Some(summary.as_str()));
        prop_assert_eq!(review.get_location(), Some(location.as_str()));
        prop_assert_eq!(review.get_start(), london("2025-07-15", "10:00"));
        let due = event(&parsed, "d@x");
        prop_assert_eq!(due.get_summary(), Some(location.as_str()));
        prop_assert_eq!(due.get_description(), Some(summary.as_str()));
        prop_assert_eq!(events(&parsed).len(), 2);
    }
}
