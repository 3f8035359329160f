use caseload_core::calendar::Holiday;
use caseload_core::domain::{
    AgeBand, ChildRecord, DisputeReason, Iro, LetterTemplate, Participation, LETTER_PLACEHOLDERS,
};
use caseload_core::rules::{DisputeReasons, RuleView};
use caseload_core::settings::Settings;
use caseload_core::validate::{
    allowed_participation_born, fourth_birthday, suggested_participation_born,
};
use chrono::NaiveDate;
use serde::Serialize;

use crate::meeting::{letter_template, LetterTemplates};

/// One participation code a form may offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ParticipationOption {
    /// Code.
    pub code: Participation,
    /// Meaning.
    pub meaning: String,
}

/// The participation codes that fit the child's age on the review date, and the suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ParticipationOptions {
    /// Codes the age rule allows (domain.md §4.1).
    pub allowed: Vec<ParticipationOption>,
    /// PN0 when the review is before the 4th birthday; otherwise None (the IRO chooses).
    pub suggested: Option<Participation>,
    /// A sentence explaining the choice.
    pub note: String,
}

pub(crate) fn participation_options(
    record: &ChildRecord,
    held_on: NaiveDate,
) -> ParticipationOptions {
    participation_options_born(record.child.details.born_on, held_on)
}

/// The codes for a review held on a date by a child born on another (or of unknown birth):
/// for a child being entered, not yet in the store.
pub(crate) fn participation_options_born(
    born_on: Option<NaiveDate>,
    held_on: NaiveDate,
) -> ParticipationOptions {
    let fourth = fourth_birthday(born_on);
    let allowed = allowed_participation_born(born_on, held_on)
        .into_iter()
        .map(|code| ParticipationOption {
            code,
            meaning: code.meaning().to_string(),
        })
        .collect();
    let note = match fourth {
        None => "No date of birth is recorded, so every code is offered.".to_string(),
        Some(fourth) if held_on < fourth => "The child is under 4 at this review: PN0.".to_string(),
        Some(fourth) if held_on == fourth => {
            "The review is on the child's 4th birthday: PN0 and PN1–PN7 are both accepted."
                .to_string()
        }
        Some(_) => "The child is 4 or over at this review: choose PN1–PN7.".to_string(),
    };
    ParticipationOptions {
        allowed,
        suggested: suggested_participation_born(born_on, held_on),
        note,
    }
}

/// The settings screen: IRO profiles, rules, bank holidays of a year, and the store settings.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SettingsView {
    /// IRO profiles.
    pub iros: Vec<Iro>,
    /// Every rule with default, source and local value.
    pub rules: Vec<RuleView>,
    /// Convention and thresholds.
    pub settings: Settings,
    /// The year shown.
    pub year: i32,
    /// That year's bank holidays.
    pub holidays: Vec<Holiday>,
    /// Years with loaded (bundled or imported) data.
    pub loaded_years: Vec<i32>,
    /// The dispute reason categories in force, in order, with how many disputes use each.
    pub dispute_reasons: Vec<ReasonInUse>,
    /// True when the list in force is the default of domain.md §5.3.
    pub dispute_reasons_default: bool,
    /// The letter to the child, by age band, youngest first.
    pub letters: Vec<LetterTemplateView>,
    /// The placeholders a letter may use.
    pub letter_placeholders: Vec<LetterPlaceholder>,
}

/// The letter to the child for one age band: the wording in use and the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LetterTemplateView {
    /// Which band.
    pub band: AgeBand,
    /// "For a child under 8".
    pub label: String,
    /// The wording in use.
    pub text: String,
    /// The default wording (what "Use the default" goes back to).
    pub default_text: String,
    /// True when the IRO has their own wording for this band.
    pub edited: bool,
}

/// A placeholder a letter may use, and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LetterPlaceholder {
    /// As typed, with its braces: `{name}`.
    pub placeholder: String,
    /// What it becomes.
    pub meaning: String,
}

/// The settings' view of the letters, from the IRO's own wordings.
pub(crate) fn letter_views(edits: &[LetterTemplate]) -> Vec<LetterTemplateView> {
    let in_use = LetterTemplates::with_edits(edits);
    AgeBand::ALL
        .into_iter()
        .map(|band| LetterTemplateView {
            band,
            label: band.label().to_string(),
            text: in_use.for_band(band).to_string(),
            default_text: letter_template(band).to_string(),
            edited: edits.iter().any(|e| e.band == band),
        })
        .collect()
}

/// Every placeholder a letter may use.
pub(crate) fn letter_placeholders() -> Vec<LetterPlaceholder> {
    LETTER_PLACEHOLDERS
        .iter()
        .map(|(name, meaning)| LetterPlaceholder {
            placeholder: format!("{{{name}}}"),
            meaning: (*meaning).to_string(),
        })
        .collect()
}

/// A dispute reason category and how many recorded disputes give it (a category in use cannot
/// be removed, only relabelled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ReasonInUse {
    /// Its code.
    pub code: DisputeReason,
    /// Its label.
    pub label: String,
    /// Disputes recorded with it.
    pub disputes: u32,
}

pub(crate) fn reasons_in_use(
    reasons: &DisputeReasons,
    counts: &[(DisputeReason, usize)],
) -> Vec<ReasonInUse> {
    reasons
        .categories()
        .iter()
        .map(|c| ReasonInUse {
            code: c.code.clone(),
            label: c.label.clone(),
            disputes: counts
                .iter()
                .find(|(code, _)| code == &c.code)
                .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX)),
        })
        .collect()
}
