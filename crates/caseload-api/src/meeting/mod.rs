//! The meeting itself (issue 11), on the API side: the preparation pack of a booked or due
//! review or conference, the documents a chair sends out (the pack, the finalised record, a
//! letter to the child) and the decisions tracked between meetings.
//!
//! Every date comes from the core: the due date a meeting has to meet and the next one
//! ([`caseload_core::schedule`]), each held review's timeliness (`held_reviews`), the
//! preparation dates (`compute_due` with the rules `reports-to-iro`, `social-worker-contact`,
//! `child-seen-before-review`), the decisions' standing ([`caseload_core::decisions`]) and the
//! dispute clocks. This module selects, orders and words them.
//!
//! What it deliberately is not: a record writer (the record is a `Change`, written by the
//! store), a file writer (documents are built as a format-neutral
//! [`caseload_interop::document::Document`]; a front end renders and saves the bytes), or a
//! place for date arithmetic ("in care for 2 years 3 months" is the core's `elapsed` in words).

mod agenda;
mod decisions;
mod documents;
mod letter;
mod pack;
#[cfg(test)]
mod tests;
mod words;

pub(crate) use words::legal_status_label;

pub use agenda::{agenda_for, AgendaItem};
pub use decisions::{DecisionCounts, DecisionFilter, DecisionRow, DecisionStatus, DecisionsView};
pub(crate) use documents::record_document;
pub use documents::{demo_marked, pack_document, DEMO_MARK, MARKING};

pub use letter::{letter_document, letter_template, LetterData, LetterTemplates};

/// The renderers of a document (.docx and PDF bytes), for front ends that save the files.
pub use caseload_interop::document::{document_docx, document_pdf, Document, DocumentError};
pub use pack::{
    ChildBrief, ChronologyRow, LastMapping, NextMeeting, PackDecision, PackMeeting, PackView,
    PreparationStep, SiblingBrief,
};

use crate::session::file_safe;
use caseload_core::domain::{ChildRecord, Meeting, RecordStatus, StoredRecord};
use caseload_core::ids::{IroId, MeetingId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::snapshot::Snapshot;
use crate::{ApiError, App};

impl App {
    /// The preparation pack of a meeting (booked, or held, but not cancelled) as of a date.
    pub fn meeting_pack(&self, meeting: MeetingId, as_of: NaiveDate) -> Result<PackView, ApiError> {
        let snap = self.snapshot()?;
        let (record, m) = find_meeting(&snap, meeting)?;
        let mut view = pack::pack_view(&snap, record, m, as_of)?;
        view.in_words(snap.settings.terminology);
        Ok(view)
    }

    /// The finalised record of a meeting as a document, refused while it has no final record.
    pub fn meeting_record_document(&self, meeting: MeetingId) -> Result<Document, ApiError> {
        let snap = self.snapshot()?;
        let (record, m) = find_meeting(&snap, meeting)?;
        let stored = final_record(record, m)?;
        Ok(documents::record_document(&snap, record, m, &stored.record))
    }

    /// The letter to the child after a meeting with a final record, in the IRO's own wording
    /// of the child's age band where they have one.
    pub fn meeting_letter_document(&self, meeting: MeetingId) -> Result<Document, ApiError> {
        let snap = self.snapshot()?;
        let (record, m) = find_meeting(&snap, meeting)?;
        let stored = final_record(record, m)?;
        let templates = self.letter_templates()?;
        letter::letter_for(&snap, record, m, &stored.record, &templates)
    }

    /// One of a meeting's documents, with the file name to suggest for it (no extension).
    pub fn meeting_document(
        &self,
        meeting: MeetingId,
        which: MeetingDocument,
        as_of: NaiveDate,
    ) -> Result<NamedDocument, ApiError> {
        let mut document = match which {
            MeetingDocument::Pack => pack_document(&self.meeting_pack(meeting, as_of)?),
            MeetingDocument::Record => self.meeting_record_document(meeting)?,
            MeetingDocument::Letter => self.meeting_letter_document(meeting)?,
        };
        let snap = self.snapshot()?;
        let (record, m) = find_meeting(&snap, meeting)?;
        // In the authority's words (LAC or CLA), the file name as the document.
        let words = snap.settings.terminology;
        document.map_text(|t| words.say(t));
        Ok(NamedDocument {
            document,
            file_stem: words.say(&file_stem(record, m, which)),
        })
    }

    /// The decisions of finalised records, for one IRO's children or everyone's.
    pub fn decisions(
        &self,
        as_of: NaiveDate,
        filter: DecisionFilter,
        iro: Option<IroId>,
    ) -> Result<DecisionsView, ApiError> {
        Ok(decisions::decisions_view(
            &self.snapshot()?,
            as_of,
            filter,
            iro,
        ))
    }
}

/// Which of a meeting's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MeetingDocument {
    /// The preparation pack (any meeting not cancelled).
    Pack,
    /// The finalised record.
    Record,
    /// The letter to the child after it (a finalised record).
    Letter,
}

/// A document and the name to suggest for its file.
#[derive(Debug, Clone)]
pub struct NamedDocument {
    /// The document.
    pub document: Document,
    /// "Alex Example - LAC review record - 2025-07-08" (no extension; safe on every system).
    pub file_stem: String,
}

/// The suggested file name: the child, the meeting, the document, the date.
fn file_stem(record: &ChildRecord, m: &Meeting, which: MeetingDocument) -> String {
    let what = match which {
        MeetingDocument::Pack => "preparation pack",
        MeetingDocument::Record => "record",
        MeetingDocument::Letter => "letter to the child",
    };
    let date = m.date().map_or(String::new(), |d| format!(" - {d}"));
    file_safe(&format!(
        "{} - {} {what}{date}",
        record.child.details.display_name(),
        m.kind.label()
    ))
}

/// The child and the meeting with this id.
fn find_meeting(snap: &Snapshot, id: MeetingId) -> Result<(&ChildRecord, &Meeting), ApiError> {
    snap.caseload
        .children
        .iter()
        .find_map(|r| r.meetings.iter().find(|m| m.id == id).map(|m| (r, m)))
        .ok_or(ApiError::NotFound {
            what: format!("meeting {id}"),
        })
}

/// The meeting's final record, or the error a front end shows for an export without one.
fn final_record<'a>(record: &'a ChildRecord, m: &Meeting) -> Result<&'a StoredRecord, ApiError> {
    let stored = record.records.iter().find(|r| r.meeting == m.id);
    match stored {
        Some(r) if r.status == RecordStatus::Final => Ok(r),
        Some(_) => Err(ApiError::BadInput(format!(
            "meeting {} ({}) has only a draft record: finalise it before exporting",
            m.id,
            m.kind.label()
        ))),
        None => Err(ApiError::BadInput(format!(
            "meeting {} ({}) has no record: write and finalise it before exporting",
            m.id,
            m.kind.label()
        ))),
    }
}
