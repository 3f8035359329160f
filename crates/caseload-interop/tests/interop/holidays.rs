//! GOV.UK bank-holidays JSON: the fixtures in `tests/data/holidays/`, the error message
//! for each kind of bad file, and arbitrary bytes.

use std::path::PathBuf;

use caseload_core::calendar::{computed_holidays, Calendar, Convention, HolidayOrigin};
use caseload_interop::holidays::{parse_govuk_bank_holidays, HolidaysImportError, ImportedHoliday};
use chrono::NaiveDate;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "tests",
        "data",
        "holidays",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Parses a fixture and compares "date title" lines.
fn check_ok(name: &str, expected: &[&str]) -> Vec<ImportedHoliday> {
    let holidays =
        parse_govuk_bank_holidays(&fixture(name)).unwrap_or_else(|err| panic!("{name}: {err}"));
    let lines: Vec<String> = holidays
        .iter()
        .map(|h| format!("{} {}", h.date, h.title))
        .collect();
    assert_eq!(lines, expected, "{name}");
    holidays
}

/// Parses a fixture that must fail, comparing the error and its message.
fn check_err(name: &str, expected: HolidaysImportError, message: &str) {
    let err = parse_govuk_bank_holidays(&fixture(name)).expect_err(name);
    assert_eq!(err, expected, "{name}");
    assert_eq!(err.to_string(), message, "{name}");
}

#[test]
fn england_and_wales_events_are_read_sorted_and_other_divisions_ignored() {
    let holidays = check_ok(
        "govuk-2029.json",
        &[
            "2029-01-01 New Year’s Day",
            "2029-03-30 Good Friday",
            "2029-04-02 Easter Monday",
            "2029-05-07 Early May bank holiday",
            "2029-05-28 Spring bank holiday",
            "2029-08-27 Summer bank holiday",
            "2029-12-25 Christmas Day",
            "2029-12-26 Boxing Day",
        ],
    );
    // The made-up list is what the fallback algorithm would have computed.
    let computed: Vec<NaiveDate> = computed_holidays(2029).iter().map(|h| h.date).collect();
    assert_eq!(
        holidays.iter().map(|h| h.date).collect::<Vec<_>>(),
        computed
    );
}

#[test]
fn substitute_day_notes_are_folded_into_the_title() {
    let holidays = check_ok(
        "govuk-2032-substitute-days.json",
        &[
            "2032-01-01 New Year’s Day",
            "2032-03-26 Good Friday",
            "2032-03-29 Easter Monday",
            "2032-05-03 Early May bank holiday",
            "2032-05-31 Spring bank holiday",
            "2032-08-30 Summer bank holiday",
            "2032-12-27 Christmas Day (substitute day)",
            "2032-12-28 Boxing Day (substitute day)",
        ],
    );
    let computed: Vec<NaiveDate> = computed_holidays(2032).iter().map(|h| h.date).collect();
    assert_eq!(
        holidays.iter().map(|h| h.date).collect::<Vec<_>>(),
        computed
    );
}

#[test]
fn imported_file_makes_its_year_non_provisional_in_the_calendar() {
    let holidays = parse_govuk_bank_holidays(&fixture("govuk-2029.json")).unwrap();
    let before = Calendar::bundled();
    let after = Calendar::bundled().with_imported(holidays.into_iter().map(|h| (h.date, h.title)));
    assert!(before.is_provisional_year(2029));
    assert!(!after.is_provisional_year(2029));
    assert_eq!(
        after.holiday_on(d("2029-12-26")).map(|h| h.origin),
        Some(HolidayOrigin::Imported)
    );
    // Scotland's 2 January is not a holiday in England and Wales.
    assert!(after.is_working_day(d("2029-01-02")));
    let count = after.add_working_days(d("2028-12-20"), 10, Convention::EventDayIsDayZero);
    assert_eq!(count.result, d("2029-01-08"));
    assert!(!count.provisional);
}

#[test]
fn invalid_json_is_reported_with_line_and_column() {
    check_err(
        "invalid-json.json",
        HolidaysImportError::InvalidJson {
            line: 6,
            column: 53,
            message: "expected `,` or `}`".to_owned(),
        },
        "The bank holidays file is not valid JSON at line 6, column 53: expected `,` or `}`.",
    );
}

#[test]
fn missing_england_and_wales_division_is_named() {
    check_err(
        "no-england-and-wales.json",
        HolidaysImportError::MissingDivision {
            found: "northern-ireland, scotland".to_owned(),
        },
        "The bank holidays file has no \"england-and-wales\" division (divisions found: northern-ireland, scotland).",
    );
}

#[test]
fn impossible_date_names_the_event_its_title_and_the_value() {
    check_err(
        "bad-date.json",
        HolidaysImportError::BadDate {
            index: 3,
            title: "Easter Monday".to_owned(),
            value: "\"2029-02-30\"".to_owned(),
        },
        "Event 3 of the \"england-and-wales\" division (\"Easter Monday\") has the date \"2029-02-30\", which is not a real date in the form YYYY-MM-DD.",
    );
}

#[test]
fn duplicate_date_is_named() {
    check_err(
        "duplicate-date.json",
        HolidaysImportError::DuplicateDate {
            date: d("2029-12-25"),
            first: 1,
            second: 3,
        },
        "The date 2029-12-25 appears twice in the \"england-and-wales\" division (events 1 and 3).",
    );
}

#[test]
fn empty_event_list_is_an_error() {
    check_err(
        "empty-events.json",
        HolidaysImportError::NoEvents,
        "The \"england-and-wales\" division of the bank holidays file lists no events.",
    );
}

/// Inline shapes that need no fixture file of their own.
#[test]
fn malformed_shapes_each_get_their_own_message() {
    let table: &[(&str, &str)] = &[
        ("[]", "The bank holidays file does not have the GOV.UK shape: its top level is not an object of divisions."),
        ("{}", "The bank holidays file has no \"england-and-wales\" division (divisions found: none)."),
        (
            r#"{"england-and-wales": {"division": "england-and-wales"}}"#,
            "The \"england-and-wales\" division of the bank holidays file has no \"events\" list.",
        ),
        (
            r#"{"england-and-wales": {"events": [42]}}"#,
            "Event 1 of the \"england-and-wales\" division is not an object with a title and a date.",
        ),
        (
            r#"{"england-and-wales": {"events": [{"date": "2029-01-01"}]}}"#,
            "Event 1 of the \"england-and-wales\" division has no title (its date is 2029-01-01).",
        ),
        (
            r#"{"england-and-wales": {"events": [{"title": "Good Friday"}]}}"#,
            "Event 1 of the \"england-and-wales\" division (\"Good Friday\") has the date nothing, which is not a real date in the form YYYY-MM-DD.",
        ),
        (
            r#"{"england-and-wales": {"events": [{"title": "Good Friday", "date": "30/03/2029"}]}}"#,
            "Event 1 of the \"england-and-wales\" division (\"Good Friday\") has the date \"30/03/2029\", which is not a real date in the form YYYY-MM-DD.",
        ),
        ("", "The bank holidays file is not valid JSON at line 1, column 0: EOF while parsing a value."),
    ];
    for (input, message) in table {
        let err = parse_govuk_bank_holidays(input.as_bytes()).expect_err(input);
        assert_eq!(&err.to_string(), message, "{input}");
    }
}

/// Mostly real dates in a few years (so duplicates and sorting are exercised), plus junk.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (2028i32..=2030, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        "[0-9/-]{0,11}",
    ]
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_govuk_bank_holidays(&bytes);
    }

    #[test]
    fn arbitrary_events_never_panic_and_ok_results_are_sorted_and_unique(
        events in proptest::collection::vec((".{0,12}", date_text(), any::<bool>()), 0..12)
    ) {
        let events: Vec<serde_json::Value> = events
            .into_iter()
            .map(|(title, date, substitute)| serde_json::json!({
                "title": title,
                "date": date,
                "notes": if substitute { "Substitute day" } else { "" },
                "bunting": true,
            }))
            .collect();
        let file = serde_json::json!({"england-and-wales": {"division": "england-and-wales", "events": events}});
        if let Ok(holidays) = parse_govuk_bank_holidays(file.to_string().as_bytes()) {
            prop_assert!(!holidays.is_empty());
            for pair in holidays.windows(2) {
                prop_assert!(pair[0].date < pair[1].date);
            }
        }
    }
}
