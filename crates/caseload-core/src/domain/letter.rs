//! The letter to the child after a review or conference: which wording suits the child (by
//! their age at the meeting), and the IRO's own wording of it, kept in the store. The default
//! wording and the filling-in are the API's; what a template may contain is checked here, so a
//! template the letter cannot fill is refused before it is saved.

use serde::{Deserialize, Serialize};

/// Which wording suits the child, by their age at the meeting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    /// Under 8 at the meeting.
    Under8,
    /// 8 to 12.
    From8To12,
    /// 13 and over.
    From13,
}

impl AgeBand {
    /// Every band, youngest first.
    pub const ALL: [AgeBand; 3] = [AgeBand::Under8, AgeBand::From8To12, AgeBand::From13];

    /// The band of a child of `age` years.
    pub fn of(age: u32) -> AgeBand {
        match age {
            0..=7 => AgeBand::Under8,
            8..=12 => AgeBand::From8To12,
            _ => AgeBand::From13,
        }
    }

    /// "For a child under 8".
    pub fn label(self) -> &'static str {
        match self {
            AgeBand::Under8 => "For a child under 8",
            AgeBand::From8To12 => "For a child of 8 to 12",
            AgeBand::From13 => "For a young person of 13 or over",
        }
    }

    /// The serde name (`under8`), the key the store keeps.
    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Under8 => "under8",
            AgeBand::From8To12 => "from8_to12",
            AgeBand::From13 => "from13",
        }
    }
}

/// The IRO's own wording of the letter for one band (a band without one uses the default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LetterTemplate {
    /// Which band.
    pub band: AgeBand,
    /// Plain text with `{placeholders}`; a blank line separates paragraphs.
    pub text: String,
}

/// The placeholders a template may use, each with what it becomes.
pub const LETTER_PLACEHOLDERS: [(&str, &str); 8] = [
    ("name", "the child's preferred name"),
    ("meeting", "\"your review\" or \"the meeting about you\""),
    ("held_on", "the day of the meeting"),
    ("iro_name", "the chair's name"),
    ("role", "what the chair is, in plain words"),
    ("social_worker", "the social worker's name"),
    (
        "next_meeting",
        "a sentence about the next meeting (left out when none is planned)",
    ),
    (
        "decisions",
        "the decisions as a list (on a paragraph of its own)",
    ),
];

/// The longest template kept (a letter is short; this stops a pasted document).
pub const LETTER_TEMPLATE_MAX_CHARS: usize = 6000;

/// The `{words}` of a template that are not placeholders, in order of appearance.
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let word = &after[..close];
        let known = LETTER_PLACEHOLDERS.iter().any(|(p, _)| *p == word);
        if !known && !unknown.iter().any(|u| u == word) {
            unknown.push(word.to_string());
        }
        rest = &after[close + 1..];
    }
    unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_turns_to_the_next_band_on_their_8th_and_13th_birthdays() {
        let bands: Vec<AgeBand> = [0, 7, 8, 12, 13, 17].map(AgeBand::of).to_vec();
        assert_eq!(
            bands,
            [
                AgeBand::Under8,
                AgeBand::Under8,
                AgeBand::From8To12,
                AgeBand::From8To12,
                AgeBand::From13,
                AgeBand::From13
            ]
        );
    }

    #[test]
    fn only_words_that_are_not_placeholders_are_unknown() {
        assert!(unknown_placeholders("Dear {name},\n\n{decisions}\n\nFrom {iro_name}").is_empty());
        assert_eq!(
            unknown_placeholders("Dear {nmae}, {name} {foster_carer} {nmae} {unclosed"),
            ["nmae", "foster_carer"]
        );
    }

    #[test]
    fn the_store_key_is_the_serde_name() {
        for band in AgeBand::ALL {
            let json = serde_json::to_string(&band).unwrap();
            assert_eq!(json, format!("\"{}\"", band.code()));
        }
    }
}
