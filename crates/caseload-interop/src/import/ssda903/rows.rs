//! One row of each 903 table (header, episodes, reviews) as either format gives it — CSV cells or
//! the texts of XML elements — checked and added to its child. Shared by both readers, so a
//! value means the same and is refused in the same words whichever format it came in.
//!
//! A row with any unusable value is not added (every problem of the row is reported); its child
//! is still created, so the preview can name them. What a row *means* (which episode starts a
//! period of care, whether a PN code fits the child's age) is the importer's, not checked here.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::codes;
use crate::import::dates::{parse_date, DateForm};
use crate::import::{ChildIndex, Episode, Extract, LacReview, SourceRef};

/// A header row: the child's details. Absent values are empty strings.
pub(super) struct HeaderRow<'a> {
    /// Where the row is.
    pub at: SourceRef,
    /// What the file calls the child id (`CHILD` in CSV, `CHILDID` in XML).
    pub child_field: &'static str,
    /// `CHILD`.
    pub child: &'a str,
    /// `SEX`.
    pub sex: &'a str,
    /// `DOB`.
    pub dob: &'a str,
    /// `ETHNIC`.
    pub ethnic: &'a str,
}

/// An episodes row.
pub(super) struct EpisodeRow<'a> {
    /// Where the row is.
    pub at: SourceRef,
    /// What the file calls the child id.
    pub child_field: &'static str,
    /// `CHILD`.
    pub child: &'a str,
    /// `DECOM`.
    pub decom: &'a str,
    /// `RNE`.
    pub rne: &'a str,
    /// `LS`.
    pub ls: &'a str,
    /// `PLACE` (XML `PL`).
    pub place: &'a str,
    /// `DEC`.
    pub dec: &'a str,
    /// `REC`.
    pub rec: &'a str,
}

/// A reviews row (CSV) or an `<AREVIEW>` (XML, where the DOB is the header's).
pub(super) struct ReviewRow<'a> {
    /// Where the row is.
    pub at: SourceRef,
    /// What the file calls the child id.
    pub child_field: &'static str,
    /// `CHILD`.
    pub child: &'a str,
    /// `DOB`, if the table has it.
    pub dob: &'a str,
    /// `REVIEW`.
    pub review: &'a str,
    /// `REVIEW_CODE`.
    pub review_code: &'a str,
}

/// The extract being read, its children indexed by LA id (a return has thousands).
#[derive(Default)]
pub(super) struct Reading {
    extract: Extract,
    index: ChildIndex,
    /// Where each child's header row is (a second one is a problem).
    header_at: HashMap<usize, SourceRef>,
    /// Where each child's date of birth was read.
    born_at: HashMap<usize, SourceRef>,
}

/// The problems of one row, collected before anything of it is used.
#[derive(Default)]
struct RowCheck {
    problems: Vec<(&'static str, String)>,
}

impl RowCheck {
    fn problem(&mut self, field: &'static str, message: String) {
        self.problems.push((field, message));
    }

    /// A date, or None (empty and not required, or a problem recorded).
    fn date(&mut self, field: &'static str, value: &str, required: bool) -> Option<NaiveDate> {
        if value.trim().is_empty() {
            if required {
                self.problem(field, "is missing".to_string());
            }
            return None;
        }
        match parse_date(value, DateForm::DayMonthYear) {
            Ok(date) => Some(date),
            Err(message) => {
                self.problem(field, message);
                None
            }
        }
    }

    /// A code of `list`, or None (empty and not required, or a problem recorded).
    fn code(
        &mut self,
        field: &'static str,
        value: &str,
        list: &[&'static str],
        required: bool,
    ) -> Option<&'static str> {
        if value.trim().is_empty() {
            if required {
                self.problem(field, "is missing".to_string());
            }
            return None;
        }
        let code = codes::known(value, list);
        if code.is_none() {
            let message = format!(
                "{:?} is not a known code ({})",
                value.trim(),
                list.join(", ")
            );
            self.problem(field, message);
        }
        code
    }
}

/// A value as the file wrote it, trimmed; None when empty.
fn written(value: &str) -> Option<String> {
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

impl Reading {
    /// The index of the child with this id, added (first met here) if new.
    fn child_idx(&mut self, la_id: &str, at: &SourceRef) -> usize {
        self.index.child(&mut self.extract, la_id, at)
    }

    /// Creates the child named by a row whose facts could not be read (a broken XML
    /// `<CHILD>`), so the preview can name them.
    pub(super) fn name_child(&mut self, la_id: &str, at: &SourceRef) {
        self.child_idx(la_id, at);
    }

    /// The row's child id, or None with a problem when it has none.
    fn row_child<'a>(&mut self, at: &SourceRef, field: &str, child: &'a str) -> Option<&'a str> {
        let child = child.trim();
        if child.is_empty() {
            self.problem(at.clone(), None, field, "is missing");
            return None;
        }
        Some(child)
    }

    /// Records a row's problems; true when it had none.
    fn accept(&mut self, at: &SourceRef, la_id: &str, check: RowCheck) -> bool {
        let ok = check.problems.is_empty();
        for (field, message) in check.problems {
            self.extract
                .problem(at.clone(), Some(la_id), field, message);
        }
        ok
    }

    /// Records a problem that is not a row's (a file, a header row, an XML error).
    pub(super) fn problem(
        &mut self,
        at: SourceRef,
        child: Option<&str>,
        field: &str,
        message: impl Into<String>,
    ) {
        self.extract.problem(at, child, field, message);
    }

    /// Adds a note for the preview.
    pub(super) fn note(&mut self, note: String) {
        self.extract.notes.push(note);
    }

    /// The extract read.
    pub(super) fn finish(self) -> Extract {
        self.extract
    }

    /// A header row: the child's date of birth, sex and ethnicity. True when used.
    pub(super) fn add_header(&mut self, row: HeaderRow<'_>) -> bool {
        let Some(la_id) = self.row_child(&row.at, row.child_field, row.child) else {
            return false;
        };
        let idx = self.child_idx(la_id, &row.at);
        let mut check = RowCheck::default();
        if let Some(first) = self.header_at.get(&idx) {
            check.problem(
                row.child_field,
                format!("{la_id:?} already has a header row ({first})"),
            );
        }
        let born_on = check.date("DOB", row.dob, true);
        if !self.accept(&row.at, la_id, check) {
            return false;
        }
        self.header_at.insert(idx, row.at.clone());
        if born_on.is_some() {
            self.born_at.insert(idx, row.at.clone());
        }
        if let Some(child) = self.extract.children.get_mut(idx) {
            child.at = Some(row.at);
            child.born_on = born_on;
            child.sex = written(row.sex);
            child.ethnicity = written(row.ethnic);
        }
        true
    }

    /// An episodes row: an [`Episode`] of its child. True when used.
    pub(super) fn add_episode(&mut self, row: EpisodeRow<'_>) -> bool {
        let Some(la_id) = self.row_child(&row.at, row.child_field, row.child) else {
            return false;
        };
        let idx = self.child_idx(la_id, &row.at);
        let mut check = RowCheck::default();
        let started_on = check.date("DECOM", row.decom, true);
        let reason_new = check.code("RNE", row.rne, codes::REASONS_NEW, true);
        let legal_status = check.code("LS", row.ls, codes::LEGAL_STATUSES, true);
        let ended_on = check.date("DEC", row.dec, false);
        let reason_end = check.code("REC", row.rec, codes::REASONS_ENDED, false);
        if let (Some(started), Some(ended)) = (started_on, ended_on) {
            if ended < started {
                let message = format!(
                    "{:?} is before DECOM {:?}",
                    row.dec.trim(),
                    row.decom.trim()
                );
                check.problem("DEC", message);
            }
        }
        if !self.accept(&row.at, la_id, check) {
            return false;
        }
        let (Some(started_on), Some(reason_new), Some(legal_status)) =
            (started_on, reason_new, legal_status)
        else {
            return false;
        };
        let episode = Episode {
            started_on,
            reason_new: reason_new.to_string(),
            legal_status: legal_status.to_string(),
            placement: written(row.place),
            ended_on,
            reason_end: reason_end.map(str::to_string),
            at: row.at,
        };
        if let Some(child) = self.extract.children.get_mut(idx) {
            child.episodes.push(episode);
        }
        true
    }

    /// A reviews row: a [`LacReview`] of its child; its DOB fills the child's date of birth if
    /// no header gave one, and must agree with it if one did. True when used.
    pub(super) fn add_review(&mut self, row: ReviewRow<'_>) -> bool {
        let Some(la_id) = self.row_child(&row.at, row.child_field, row.child) else {
            return false;
        };
        let idx = self.child_idx(la_id, &row.at);
        let mut check = RowCheck::default();
        let dob = check.date("DOB", row.dob, false);
        let held_on = check.date("REVIEW", row.review, true);
        let participation = if row.review_code.trim().is_empty() && held_on.is_some() {
            let message = "is missing (required when REVIEW is given)".to_string();
            check.problem("REVIEW_CODE", message);
            None
        } else {
            check.code("REVIEW_CODE", row.review_code, codes::PARTICIPATION, false)
        };
        let born_on = self.extract.children.get(idx).and_then(|c| c.born_on);
        if let (Some(dob), Some(born_on)) = (dob, born_on) {
            if dob != born_on {
                let read_at = self.born_at.get(&idx).map(ToString::to_string);
                let message = format!(
                    "{:?} is not the date of birth read before ({}{})",
                    row.dob.trim(),
                    born_on.format("%d/%m/%Y"),
                    read_at.map(|at| format!(", {at}")).unwrap_or_default()
                );
                check.problem("DOB", message);
            }
        }
        if !self.accept(&row.at, la_id, check) {
            return false;
        }
        let Some(held_on) = held_on else {
            return false;
        };
        if born_on.is_none() && dob.is_some() {
            self.born_at.insert(idx, row.at.clone());
        }
        if let Some(child) = self.extract.children.get_mut(idx) {
            child.born_on = child.born_on.or(dob);
            child.reviews.push(LacReview {
                held_on,
                participation: participation.map(str::to_string),
                at: row.at,
            });
        }
        true
    }
}
