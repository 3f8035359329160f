//! The record writer's view: what the chair needs to write a meeting's record while it happens
//! (issue 11). The record itself is the core's `MeetingRecord`, saved by `save_record_draft` at
//! every change and finalised by `finalise_record` (both through `App::apply`).
//!
//! What this module deliberately does not do: decide anything about the record (validation and
//! the participation code's age rule are the core's) or hold a copy of it between calls.

use crate::app::App;
use crate::error::ApiError;
use caseload_core::domain::{
    MeetingKind, MeetingRecord, MeetingStatus, Participation, RecordStatus, ViewsConveyed,
};
use caseload_core::ids::{ChildId, MeetingId};
use caseload_core::validate::participation_from_views;
use chrono::NaiveDate;
use serde::Serialize;

/// One way the child's views may have reached the meeting, with the code it means for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ViewsOption {
    /// The way.
    pub views: ViewsConveyed,
    /// In words.
    pub label: String,
    /// The participation code it means for this child on the meeting's date (PN0 under 4).
    pub code: Participation,
}

/// A meeting's record as the writer shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RecordEditorView {
    /// The meeting.
    pub meeting: MeetingId,
    /// Whose.
    pub child: ChildId,
    /// The child's name as the IRO uses it.
    pub child_name: String,
    /// Kind of meeting.
    pub kind: MeetingKind,
    /// Its status (booked until the record is finalised).
    pub status: MeetingStatus,
    /// The day in the diary, if booked.
    pub booked_on: Option<NaiveDate>,
    /// No record yet, a draft, or final.
    pub record_status: Option<RecordStatus>,
    /// What is written (empty, with the booked date as the held date, when nothing is yet).
    pub record: MeetingRecord,
    /// A child-protection meeting: the Signs of Safety mapping and the plan decision apply.
    pub child_protection: bool,
    /// How the child's views may have come, with the code each means on the held date.
    pub views_options: Vec<ViewsOption>,
}

impl App {
    /// The record writer for a meeting, as of now.
    pub fn meeting_record_editor(&self, meeting: MeetingId) -> Result<RecordEditorView, ApiError> {
        let snap = self.snapshot()?;
        let caseload = &snap.caseload;
        let (child, m) = caseload
            .children
            .iter()
            .find_map(|c| c.meetings.iter().find(|m| m.id == meeting).map(|m| (c, m)))
            .ok_or(ApiError::NotFound {
                what: format!("meeting {meeting}"),
            })?;
        let stored = child.records.iter().find(|r| r.meeting == meeting);
        let record = stored.map_or_else(
            || MeetingRecord {
                held_on: m.held_on().or(m.booked_on),
                ..MeetingRecord::default()
            },
            |s| s.record.clone(),
        );
        let on = record.held_on.or(m.booked_on);
        let views_options = ViewsConveyed::ALL
            .iter()
            .map(|&views| ViewsOption {
                views,
                label: views.label().to_string(),
                code: on.map_or(views.code(), |on| {
                    participation_from_views(&child.child.details, on, views)
                }),
            })
            .collect();
        Ok(RecordEditorView {
            meeting,
            child: child.child.id,
            child_name: child.child.details.display_name(),
            kind: m.kind,
            status: m.status,
            booked_on: m.booked_on,
            record_status: stored.map(|s| s.status),
            record,
            child_protection: m.kind.is_child_protection(),
            views_options,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caseload_core::change::Change;

    fn app(as_of: &str, json: &str) -> App {
        let mut app = App::open_in_memory().unwrap();
        let changes: Vec<Change> = serde_json::from_str(json).unwrap();
        app.apply(&changes, as_of.parse().unwrap(), None).unwrap();
        app
    }

    const CHILD: &str = r#"[
        {"op": "add_iro", "id": 1, "name": "Test Chair"},
        {"op": "add_child", "id": 10, "first_name": "Sample", "last_name": "Small",
         "preferred_name": "Sam", "born_on": "2023-02-01", "sex": "male", "iro": 1,
         "allocated_on": "2026-10-01"},
        {"op": "start_care", "id": 20, "child": 10, "started_on": "2026-10-01",
         "legal_status": "C1", "regime": "full_care"},
        {"op": "book_meeting", "id": 31, "child": 10, "kind": "lac_review", "on": "2026-10-28"}
    ]"#;

    #[test]
    fn a_new_record_starts_on_the_booked_date_and_an_under_four_is_pn0_whatever_happened() {
        let app = app("2026-10-20", CHILD);
        let view = app.meeting_record_editor(MeetingId(31)).unwrap();
        assert_eq!(
            (
                view.child_name.as_str(),
                view.record.held_on,
                view.record_status
            ),
            ("Sam Small", Some("2026-10-28".parse().unwrap()), None)
        );
        assert!(!view.child_protection);
        // Born 1 Feb 2023: 3 at the review, so every way of taking part is PN0.
        assert!(view
            .views_options
            .iter()
            .all(|o| o.code == Participation::Pn0));
    }

    #[test]
    fn a_saved_draft_comes_back_and_an_unknown_meeting_is_not_found() {
        let mut app = app("2026-10-20", CHILD);
        let draft: Vec<Change> = serde_json::from_str(
            r#"[{"op": "save_record_draft", "meeting": 31,
                 "record": {"held_on": "2026-10-28", "child_views": "Sam showed us his drawings"}}]"#,
        )
        .unwrap();
        app.apply(&draft, "2026-10-28".parse().unwrap(), None)
            .unwrap();
        let view = app.meeting_record_editor(MeetingId(31)).unwrap();
        assert_eq!(view.record_status, Some(RecordStatus::Draft));
        assert_eq!(view.record.child_views, "Sam showed us his drawings");
        assert!(matches!(
            app.meeting_record_editor(MeetingId(99)),
            Err(ApiError::NotFound { .. })
        ));
    }
}
