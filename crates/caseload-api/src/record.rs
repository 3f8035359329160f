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
