use crate::support::{apply, d};
use caseload_core::calendar::{Calendar, HolidayOrigin};
use caseload_store::{AuditFilter, Store};
use serde_json::json;

#[test]
fn import_holidays_replaces_a_year_and_the_calendar_reflects_it() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.load_calendar().unwrap(), Calendar::bundled());

    apply(
        &mut store,
        json!([{"op": "import_holidays", "source": "first.json", "holidays": [
            {"date": "2026-01-01", "name": "New Year's Day"},
            {"date": "2026-06-15", "name": "Extra day"}
        ]}]),
    );
    let calendar = store.load_calendar().unwrap();
    let names: Vec<(String, HolidayOrigin)> = calendar
        .holidays_in_year(2026)
        .into_iter()
        .map(|h| (format!("{} {}", h.date, h.name), h.origin))
        .collect();
    assert_eq!(
        names,
        [
            (
                "2026-01-01 New Year's Day".to_string(),
                HolidayOrigin::Imported
            ),
            ("2026-06-15 Extra day".to_string(), HolidayOrigin::Imported),
        ]
    );
    assert!(!calendar.is_working_day(d("2026-06-15")));
    assert!(
        calendar.is_working_day(d("2026-12-25")),
        "the bundled 2026 was replaced"
    );
    assert_eq!(
        calendar.holidays_in_year(2027),
        Calendar::bundled().holidays_in_year(2027),
        "other years untouched"
    );

    // Importing the year again replaces what the first import loaded.
    apply(
        &mut store,
        json!([{"op": "import_holidays", "holidays": [
            {"date": "2026-12-25", "name": "Christmas Day"},
            {"date": "2028-01-03", "name": "New Year's Day (substitute day)"}
        ]}]),
    );
    assert_eq!(
        store.load_holiday_rows().unwrap(),
        [
            (
                d("2026-12-25"),
                "Christmas Day".to_string(),
                "imported file".to_string()
            ),
            (
                d("2028-01-03"),
                "New Year's Day (substitute day)".to_string(),
                "imported file".to_string()
            ),
        ]
    );
    let calendar = store.load_calendar().unwrap();
    assert!(calendar.is_working_day(d("2026-06-15")));
    assert!(!calendar.is_working_day(d("2026-12-25")));

    let last = &store.audit(&AuditFilter::default()).unwrap()[0];
    assert_eq!(
        last.before,
        Some(json!([
            {"date": "2026-01-01", "name": "New Year's Day", "source": "first.json"},
            {"date": "2026-06-15", "name": "Extra day", "source": "first.json"}
        ]))
    );
}

#[test]
fn a_file_listing_a_date_twice_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let errors = crate::support::refused(
        &mut store,
        json!([{"op": "import_holidays", "holidays": [
            {"date": "2026-01-01", "name": "New Year's Day"},
            {"date": "2026-01-01", "name": "New Year's Day"}
        ]}]),
    );
    assert_eq!(
        crate::support::summary(&errors),
        ["0 import_holidays holidays invalid"]
    );
    assert_eq!(store.load_holiday_rows().unwrap(), []);
}
