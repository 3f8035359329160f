//! The letter to the child after a review or conference: short, in plain words, with the
//! child's preferred name, from one of three templates by the child's age at the meeting
//! (under 8, 8 to 12, 13 and over).
//!
//! A template is plain text with `{placeholders}`; a blank line separates paragraphs; a
//! paragraph that is only `{decisions}` becomes a bulleted list of the decisions; a paragraph
//! left empty (no next meeting date) is dropped. The defaults are constants here; the IRO's own
//! wording of a band, edited in Settings, is kept by the store (`set_letter_template`) and
//! takes the default's place ([`LetterTemplates::with_edits`]).
//! Not a mail merge: no dates are invented (the letter carries the meeting's date only).

use caseload_core::domain::{
    AgeBand, ChildRecord, DecisionDraft, DecisionDue, LetterTemplate, Meeting, MeetingKind,
    MeetingRecord,
};
use caseload_interop::document::{Document, Paragraph};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::documents::MARKING;
use crate::snapshot::Snapshot;
use crate::ApiError;

const UNDER_8: &str = "Dear {name},

Thank you for helping with {meeting} on {held_on}. My name is {iro_name} and I am {role}. My job is to make sure the grown-ups who look after you do what they say they will do.

We talked about you, and about what helps you to feel safe and happy. The grown-ups agreed some things to help you, and {social_worker} will tell you about them.

{next_meeting}

If you want to tell me something, ask a grown-up you trust to help you call me.

From {iro_name}";

const FROM_8_TO_12: &str = "Dear {name},

Thank you for taking part in {meeting} on {held_on}. My name is {iro_name} and I am {role}. My job is to make sure the plan for you is right, and that everyone does what they said they would.

We listened to what you think. This is what we agreed:

{decisions}

{next_meeting}

If you want to talk to me before then, ask {social_worker} or a grown-up you trust to help you get in touch. You can also have an advocate: someone who helps you say what you think.

From {iro_name}";

const FROM_13: &str = "Dear {name},

Thank you for being part of {meeting} on {held_on}. I am {iro_name}, {role}. I am writing to tell you what was decided, in plain words.

These are the decisions, who is doing each one and by when:

{decisions}

{next_meeting}

You have the right to say what you think about your plan, and to have an advocate to help you say it. If something is not happening, or you disagree with a decision, tell me: {social_worker} has my contact details.

Best wishes,

{iro_name}";

/// The default template for an age band.
pub fn letter_template(band: AgeBand) -> &'static str {
    match band {
        AgeBand::Under8 => UNDER_8,
        AgeBand::From8To12 => FROM_8_TO_12,
        AgeBand::From13 => FROM_13,
    }
}

/// The three templates in use (the defaults until the IRO edits them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LetterTemplates {
    /// For a child under 8.
    pub under_8: String,
    /// For a child of 8 to 12.
    pub from_8_to_12: String,
    /// For a young person of 13 or over.
    pub from_13: String,
}

impl Default for LetterTemplates {
    fn default() -> Self {
        LetterTemplates {
            under_8: UNDER_8.to_string(),
            from_8_to_12: FROM_8_TO_12.to_string(),
            from_13: FROM_13.to_string(),
        }
    }
}

impl LetterTemplates {
    /// The defaults with the IRO's own wording in place of each band's that has one.
    pub fn with_edits(edits: &[LetterTemplate]) -> LetterTemplates {
        let mut templates = LetterTemplates::default();
        for edit in edits {
            *templates.for_band_mut(edit.band) = edit.text.clone();
        }
        templates
    }

    fn for_band_mut(&mut self, band: AgeBand) -> &mut String {
        match band {
            AgeBand::Under8 => &mut self.under_8,
            AgeBand::From8To12 => &mut self.from_8_to_12,
            AgeBand::From13 => &mut self.from_13,
        }
    }

    /// The template for a band.
    pub fn for_band(&self, band: AgeBand) -> &str {
        match band {
            AgeBand::Under8 => &self.under_8,
            AgeBand::From8To12 => &self.from_8_to_12,
            AgeBand::From13 => &self.from_13,
        }
    }
}

/// What fills a template's placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterData {
    /// The child's preferred (or first) name.
    pub name: String,
    /// "your review", "the meeting about you".
    pub meeting: String,
    /// The day of the meeting.
    pub held_on: NaiveDate,
    /// The chair.
    pub iro_name: String,
    /// "your Independent Reviewing Officer (IRO)".
    pub role: String,
    /// The social worker's name, or "your social worker".
    pub social_worker: String,
    /// The sentence about the next meeting, or empty.
    pub next_meeting: String,
    /// The decisions, worded for the band.
    pub decisions: Vec<String>,
    /// Which wording.
    pub band: AgeBand,
    /// LAC review or conference (the title).
    pub kind: MeetingKind,
}

fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// A decision in words for the band: what, then who, then by when for the older ones.
fn decision_words(d: &DecisionDraft, band: AgeBand) -> String {
    let text = d.text.trim().trim_end_matches('.');
    let by = match d.due {
        Some(DecisionDue::On { on }) => format!("by {}", on.format("%-d %B %Y")),
        Some(DecisionDue::ByNextReview) | None => "by the next meeting".to_string(),
    };
    match band {
        AgeBand::Under8 => format!("{text}."),
        AgeBand::From8To12 => format!("{text} ({}).", d.owner.trim()),
        AgeBand::From13 => format!("{text}: {}, {by}.", d.owner.trim()),
    }
}

pub(crate) fn letter_for(
    snap: &Snapshot,
    record: &ChildRecord,
    m: &Meeting,
    rec: &MeetingRecord,
    templates: &LetterTemplates,
) -> Result<Document, ApiError> {
    let child = &record.child.details;
    let held_on = rec.held_on.or(m.date()).ok_or_else(|| {
        ApiError::BadInput(format!("meeting {} has no date: it has no letter", m.id))
    })?;
    let Some(age) = child.age_on(held_on) else {
        return Err(ApiError::BadInput(format!(
            "meeting {} was about an unborn child: there is no one to write to",
            m.id
        )));
    };
    let band = AgeBand::of(age);
    let lac = m.kind == MeetingKind::LacReview;
    let name = child
        .preferred_name
        .clone()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| child.first_name.clone());
    let chair = record.iro_for(held_on);
    let data = LetterData {
        name,
        meeting: if lac {
            "your review"
        } else {
            "the meeting about you"
        }
        .to_string(),
        held_on,
        iro_name: chair.map_or_else(|| "your IRO".to_string(), |id| snap.iro_name(id)),
        role: if lac {
            "your Independent Reviewing Officer (IRO)"
        } else {
            "the person in charge of the meeting"
        }
        .to_string(),
        social_worker: child
            .social_worker
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "your social worker".to_string()),
        next_meeting: rec.next_meeting_on.map_or(String::new(), |on| {
            let what = if lac {
                "Your next review"
            } else {
                "The next meeting about you"
            };
            format!("{what} will be on or before {}.", on.format("%-d %B %Y"))
        }),
        decisions: rec
            .decisions
            .iter()
            .map(|d| decision_words(d, band))
            .collect(),
        band,
        kind: m.kind,
    };
    Ok(letter_document(templates.for_band(band), &data))
}

/// The letter from a template and its data.
pub fn letter_document(template: &str, data: &LetterData) -> Document {
    let title = if data.kind == MeetingKind::LacReview {
        "After your review"
    } else {
        "After the meeting about you"
    };
    let mut doc = Document::letter(title)
        .with_marking(MARKING)
        .with_meta(format!(
            "To {}, about {} on {}",
            data.name,
            data.meeting,
            long_date(data.held_on)
        ));
    for block in template
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        if block == "{decisions}" {
            if data.decisions.is_empty() {
                doc.paragraph("There were no decisions this time.");
            } else {
                doc.bullets(data.decisions.iter().map(String::as_str));
            }
            continue;
        }
        let text = fill(block, data);
        if !text.trim().is_empty() {
            doc.paragraph(Paragraph::from(text));
        }
    }
    doc
}

/// The placeholders of a paragraph filled in (an unknown one is left as written, so the IRO
/// sees it).
fn fill(block: &str, data: &LetterData) -> String {
    [
        ("{name}", data.name.as_str()),
        ("{meeting}", data.meeting.as_str()),
        ("{held_on}", &long_date(data.held_on)),
        ("{iro_name}", data.iro_name.as_str()),
        ("{role}", data.role.as_str()),
        ("{social_worker}", data.social_worker.as_str()),
        ("{next_meeting}", data.next_meeting.as_str()),
    ]
    .iter()
    .fold(block.to_string(), |text, (key, value)| {
        text.replace(key, value)
    })
}
