//! The demo caseload as the API serves it: checks of the generated demo that need the use
//! cases (the meeting pack), where the generator's own tests (in `caseload-demo`) cannot reach.

use caseload_core::domain::{MeetingKind, MeetingStatus};
use caseload_core::ids::MeetingId;
use caseload_demo::{DemoOptions, DEFAULT_CHILDREN};
use chrono::{NaiveDate, TimeDelta};

use crate::App;

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn default_demo(seed: u64, as_of: &str) -> DemoOptions {
    DemoOptions {
        children: DEFAULT_CHILDREN,
        seed,
        as_of: date(as_of),
    }
}

fn demo_app(o: &DemoOptions) -> App {
    let mut app = App::open_in_memory().unwrap();
    app.load_demo(o).unwrap();
    app
}

/// The e2e test writes the record of this booked review conference: Oliver Fictionstead's
/// first review conference, meeting 852, booked for Tue 24 Nov 2026.
#[test]
fn the_next_review_conference_is_booked_without_a_record_and_its_pack_has_the_last_mapping() {
    let o = default_demo(1, "2026-11-23");
    let app = demo_app(&o);
    let caseload = app.snapshot().unwrap().caseload;
    let (r, m) = caseload
        .children
        .iter()
        .flat_map(|r| r.meetings.iter().map(move |m| (r, m)))
        .filter(|(_, m)| m.kind == MeetingKind::CpReview && m.status == MeetingStatus::Booked)
        .filter(|(_, m)| {
            m.booked_on
                .is_some_and(|on| on > o.as_of && on <= o.as_of + TimeDelta::days(14))
        })
        .find(|(r, _)| !r.records.is_empty())
        .expect("a booked review conference of a child with records");
    assert_eq!(
        (r.child.details.display_name(), m.id, m.booked_on),
        (
            "Oliver Fictionstead".to_string(),
            MeetingId(852),
            Some(date("2026-11-24"))
        )
    );
    assert!(
        r.records.iter().all(|s| s.meeting != m.id),
        "no record, neither draft nor final"
    );
    let pack = app.meeting_pack(m.id, o.as_of).unwrap();
    let last = pack.last_mapping.expect("the last conference's scaling");
    assert_eq!(last.kind, MeetingKind::Icpc);
    assert_eq!(last.mapping.scaling.len(), 3);
    assert!(pack.decisions.iter().any(|d| d.from_previous_meeting));
    assert!(
        pack.decisions.iter().any(|d| d.meeting != last.meeting),
        "the core group's, still open"
    );
}

/// Every row of the demo Monday that gives a date has a "Why?", and asked for, it is the
/// explanation of that date: one row's (the desktop's disclosure) and every row's at once (the
/// CLI's JSON) alike. A key whose date the record no longer gives is not found.
#[test]
fn every_dated_warning_of_the_demo_explains_its_date_when_asked() {
    let o = default_demo(1, "2026-11-23");
    let app = demo_app(&o);
    let mut view = app.warnings(o.as_of, None).unwrap();
    let dated = view.warnings.iter().filter(|w| w.why.is_some()).count();
    assert!(dated > 20, "{dated} rows with a Why");
    assert!(view.warnings.iter().all(|w| w.explanation.is_none()));
    app.explain_rows(&mut view.warnings).unwrap();
    for w in &view.warnings {
        let Some(key) = w.why else {
            assert!(w.explanation.is_none());
            continue;
        };
        let one = app.explain_warning(&key).unwrap();
        assert_eq!((Some(one.rule), Some(one.due)), (w.rule, w.due));
        assert!(one.text[0].contains(" due "), "{:?}", one.text);
        assert_eq!(w.explanation.as_deref(), Some(&one));
    }
    let key = view.warnings.iter().find_map(|w| w.why).unwrap();
    let stale = caseload_core::warnings::WhyKey {
        due: key.due.succ_opt().unwrap(),
        ..key
    };
    assert!(matches!(
        app.explain_warning(&stale),
        Err(crate::ApiError::NotFound { .. })
    ));
}
