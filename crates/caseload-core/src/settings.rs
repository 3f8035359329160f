//! Store-wide settings an authority may choose: the counting convention, the warning
//! thresholds, how long each kind of meeting lasts (for the clash warning and the calendar
//! export), what the authority calls a child in care, and what an exported calendar event
//! says about the child ([`CalendarPrivacy`]). Rule values live in [`crate::rules`]; these are how the
//! rules are applied.

use crate::calendar::Convention;
use crate::domain::{ChildDetails, MeetingKind};
use crate::ids::{ChildId, IroId};
use serde::{Deserialize, Serialize};

/// Settings in force for a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct Settings {
    /// Counting convention for working-day rules (domain.md §1.2).
    pub convention: Convention,
    /// A due date within this many working days is red.
    pub red_within_working_days: u32,
    /// A due date within this many working days is amber.
    pub amber_within_working_days: u32,
    /// The IRO profile this store belongs to: the desktop's default selection and the
    /// profile its changes are recorded under in the audit trail.
    pub owner: Option<IroId>,
    /// The desktop locks itself (the key leaves memory) after this many minutes without use.
    pub auto_lock_minutes: u32,
    /// How long each kind of meeting lasts: two bookings of one IRO closer than this clash.
    pub meeting_minutes: MeetingMinutes,
    /// What the authority calls a child in care on screen and in documents.
    pub terminology: Terminology,
    /// What an exported calendar event says about the child.
    pub calendar_privacy: CalendarPrivacy,
    /// How many months a child's record is kept after their case closed (care ended, plan
    /// ended, moved to another IRO); past that it is listed for the IRO to review and delete
    /// (`crate::retention`).
    pub retention_months: u32,
}

/// How long each kind of meeting lasts, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct MeetingMinutes {
    /// A LAC review (or a short-break review).
    pub lac_review: u32,
    /// An initial child protection conference (or a pre-birth one).
    pub icpc: u32,
    /// A child protection review conference.
    pub cp_review: u32,
    /// A transfer-in conference.
    pub transfer_in_conference: u32,
    /// A core group meeting.
    pub core_group: u32,
}

impl MeetingMinutes {
    /// The shortest and longest meeting a setting may give.
    pub const RANGE: std::ops::RangeInclusive<u32> = 15..=480;

    /// 90 minutes for a review, 2 hours for an initial or transfer-in conference, an hour for a
    /// core group.
    pub const DEFAULTS: MeetingMinutes = MeetingMinutes {
        lac_review: 90,
        icpc: 120,
        cp_review: 90,
        transfer_in_conference: 120,
        core_group: 60,
    };

    /// The length of a kind of meeting.
    pub fn of(&self, kind: MeetingKind) -> u32 {
        match kind {
            MeetingKind::LacReview => self.lac_review,
            MeetingKind::Icpc => self.icpc,
            MeetingKind::CpReview => self.cp_review,
            MeetingKind::TransferInConference => self.transfer_in_conference,
            MeetingKind::CoreGroup => self.core_group,
        }
    }

    /// Every kind with its field's wire name and its length, in the order a form lists them.
    pub fn each(&self) -> [(MeetingKind, &'static str, u32); 5] {
        [
            (MeetingKind::LacReview, "lac_review"),
            (MeetingKind::Icpc, "icpc"),
            (MeetingKind::CpReview, "cp_review"),
            (MeetingKind::TransferInConference, "transfer_in_conference"),
            (MeetingKind::CoreGroup, "core_group"),
        ]
        .map(|(k, field)| (k, field, self.of(k)))
    }
}

impl Default for MeetingMinutes {
    fn default() -> Self {
        MeetingMinutes::DEFAULTS
    }
}

/// What an authority calls a child in care. Many no longer say "looked-after child" (LAC).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Terminology {
    /// "LAC review", "looked-after child".
    #[default]
    Lac,
    /// "CLA review", "child in care".
    Cla,
}

impl Terminology {
    /// The short form of a review's name: "LAC" or "CLA".
    pub fn short(self) -> &'static str {
        match self {
            Terminology::Lac => "LAC",
            Terminology::Cla => "CLA",
        }
    }

    /// A sentence or title in the authority's words: with [`Terminology::Cla`], "LAC review"
    /// reads "CLA review" and a "looked-after child" a "child in care". Every text the core
    /// words is written in the LAC form and passes through here on its way out.
    pub fn say(self, text: &str) -> String {
        match self {
            Terminology::Lac => text.to_string(),
            Terminology::Cla => {
                let phrases = CLA_WORDS
                    .iter()
                    .fold(text.to_string(), |t, (from, to)| t.replace(from, to));
                whole_word(&phrases, "LAC", "CLA")
            }
        }
    }
}

/// LAC wording → CLA wording, longest first so a phrase is replaced before its parts; then the
/// word "LAC" itself, wherever it stands alone.
const CLA_WORDS: [(&str, &str); 4] = [
    ("looked-after children", "children in care"),
    ("Looked-after children", "Children in care"),
    ("looked-after child", "child in care"),
    ("Looked-after child", "Child in care"),
];

/// Replaces `word` where it is a whole word (no letter or digit either side).
fn whole_word(text: &str, word: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let alone =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        out.push_str(if alone { by } else { word });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

/// What an exported calendar (`.ics`) event says about the child: IROs' calendars sync to
/// the council's Exchange and are often shared, and many councils forbid children's names in
/// them. Whatever the choice, nothing else about the child (no date of birth, no other name)
/// is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CalendarPrivacy {
    /// The child's initials and the local authority's reference: "A.E. (LR-1234)".
    #[default]
    InitialsAndReference,
    /// The child's first name only (the preferred name when there is one): "Alexander".
    FirstName,
    /// The child's name as every screen shows it: "Alexander Examplemore".
    FullName,
}

impl CalendarPrivacy {
    /// Every choice with its wire name, in the order a form lists them.
    pub const CHOICES: [(CalendarPrivacy, &'static str); 3] = [
        (
            CalendarPrivacy::InitialsAndReference,
            "initials_and_reference",
        ),
        (CalendarPrivacy::FirstName, "first_name"),
        (CalendarPrivacy::FullName, "full_name"),
    ];

    /// The choice in words, as a sentence's object: "Calendar events show {describe}".
    pub fn describe(self) -> &'static str {
        match self {
            CalendarPrivacy::InitialsAndReference => "initials and local reference",
            CalendarPrivacy::FirstName => "first name only",
            CalendarPrivacy::FullName => "the full name",
        }
    }

    /// How an event names the child `id` with these `details`. When the chosen detail is
    /// missing (no name, no reference), the child is "Child {id}", the app's own number,
    /// which means nothing outside it.
    pub fn name_child(self, details: &ChildDetails, id: ChildId) -> String {
        let named = match self {
            CalendarPrivacy::InitialsAndReference => initials_and_reference(details),
            CalendarPrivacy::FirstName => details.called().trim().to_string(),
            CalendarPrivacy::FullName => details.display_name().trim().to_string(),
        };
        if named.is_empty() {
            format!("Child {}", id.0)
        } else {
            named
        }
    }
}

/// Read by its wire name; anything else is refused with a sentence naming the setting and its
/// choices (a derived enum's error names neither).
impl<'de> Deserialize<'de> for CalendarPrivacy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        CalendarPrivacy::CHOICES
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(choice, _)| *choice)
            .ok_or_else(|| {
                let names: Vec<&str> = CalendarPrivacy::CHOICES.iter().map(|(_, n)| *n).collect();
                serde::de::Error::custom(format!(
                    "calendar_privacy: \"{text}\" is not a choice; choose one of {}",
                    names.join(", ")
                ))
            })
    }
}

/// "A.E. (LR-1234)": the first letter of the name the child is called by and of the family
/// name, each followed by a full stop, then the local reference in brackets when there is one;
/// "A.E." without a reference, "LR-1234" without a name, "" with neither.
fn initials_and_reference(details: &ChildDetails) -> String {
    let initials: String = [details.called(), details.last_name.as_str()]
        .iter()
        .filter_map(|name| name.chars().find(|c| c.is_alphabetic()))
        .flat_map(|c| c.to_uppercase().chain(['.']))
        .collect();
    let reference = details
        .local_ref
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    match reference {
        Some(r) if initials.is_empty() => r.to_string(),
        Some(r) => format!("{initials} ({r})"),
        None => initials,
    }
}

impl Default for Settings {
    /// Missing fields of a saved settings row take the defaults, so a setting added later
    /// does not make an older store unreadable.
    fn default() -> Self {
        Settings::DEFAULTS
    }
}

impl Settings {
    /// The shortest and longest idle time before the desktop locks itself.
    pub const AUTO_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

    /// The shortest and longest retention after a case closed, in months (up to 75 years).
    pub const RETENTION_MONTHS: std::ops::RangeInclusive<u32> = 1..=900;

    /// The defaults of domain.md §8: day 0 convention, red ≤ 5, amber ≤ 20 working days; a
    /// lock after 10 idle minutes; and a closed case's record kept 12 months (this is the IRO's
    /// working copy: the authority's case system keeps the record; see
    /// docs/information-governance.md).
    pub const DEFAULTS: Settings = Settings {
        convention: Convention::EventDayIsDayZero,
        red_within_working_days: 5,
        amber_within_working_days: 20,
        owner: None,
        auto_lock_minutes: 10,
        meeting_minutes: MeetingMinutes::DEFAULTS,
        terminology: Terminology::Lac,
        calendar_privacy: CalendarPrivacy::InitialsAndReference,
        retention_months: 12,
    };
}

#[cfg(test)]
mod tests {
    use super::Terminology;

    #[test]
    fn cla_wording_replaces_lac_wording_and_lac_leaves_text_alone() {
        let text =
            "Second LAC review due; Demo IRO has 72 looked-after children. LAC reviews held.";
        assert_eq!(Terminology::Lac.say(text), text);
        assert_eq!(
            Terminology::Cla.say(text),
            "Second CLA review due; Demo IRO has 72 children in care. CLA reviews held."
        );
        assert_eq!(
            Terminology::Cla.say("Looked-after child, LAC review history incomplete"),
            "Child in care, CLA review history incomplete"
        );
        // The word alone, not inside another (a name, a code).
        assert_eq!(
            Terminology::Cla.say("About care plans (LAC); LAC/CP; BLACK LACE"),
            "About care plans (CLA); CLA/CP; BLACK LACE"
        );
        // Said twice, the same.
        let once = Terminology::Cla.say(text);
        assert_eq!(Terminology::Cla.say(&once), once);
    }
}

#[cfg(test)]
mod calendar_privacy_tests {
    use super::CalendarPrivacy::{self, FirstName, FullName, InitialsAndReference};
    use crate::domain::{ChildDetails, Sex};
    use crate::ids::ChildId;

    fn child(
        first: &str,
        preferred: Option<&str>,
        last: &str,
        local_ref: Option<&str>,
    ) -> ChildDetails {
        ChildDetails {
            first_name: first.to_string(),
            last_name: last.to_string(),
            preferred_name: preferred.map(str::to_string),
            born_on: None,
            expected_birth_on: None,
            sex: Sex::Unknown,
            ethnicity: None,
            local_ref: local_ref.map(str::to_string),
            sibling_group: None,
            social_worker: None,
            team: None,
        }
    }

    fn check(privacy: CalendarPrivacy, details: &ChildDetails, expected: &str) {
        assert_eq!(
            privacy.name_child(details, ChildId(42)),
            expected,
            "{privacy:?} {details:?}"
        );
    }

    #[test]
    fn each_choice_names_the_child_with_only_its_own_detail() {
        let alexander = child("Alexander", None, "Examplemore", Some("LR-1234"));
        check(InitialsAndReference, &alexander, "A.E. (LR-1234)");
        check(FirstName, &alexander, "Alexander");
        check(FullName, &alexander, "Alexander Examplemore");
    }

    #[test]
    fn initials_follow_the_name_the_child_is_called_by_and_skip_what_is_not_a_letter() {
        let zoe = child("Rose", Some("zoë"), "'O'Brien-Smith", None);
        check(InitialsAndReference, &zoe, "Z.O.");
        check(FirstName, &zoe, "zoë");
        check(FullName, &zoe, "zoë 'O'Brien-Smith");
    }

    #[test]
    fn each_choice_reads_back_its_wire_name_and_anything_else_is_refused_naming_the_setting() {
        let read =
            |json: &str| serde_json::from_str::<CalendarPrivacy>(json).map_err(|e| e.to_string());
        for (choice, name) in CalendarPrivacy::CHOICES {
            assert_eq!(read(&format!("\"{name}\"")), Ok(choice));
            assert_eq!(
                serde_json::to_string(&choice).unwrap(),
                format!("\"{name}\"")
            );
        }
        assert_eq!(
            read("\"surname\"").map_err(|e| e.split(" at line").next().unwrap().to_string()),
            Err(
                "calendar_privacy: \"surname\" is not a choice; choose one of \
                 initials_and_reference, first_name, full_name"
                    .to_string()
            )
        );
    }

    #[test]
    fn a_missing_detail_falls_back_to_the_reference_then_to_the_apps_own_number() {
        check(
            InitialsAndReference,
            &child("", None, " ", Some(" LR-9 ")),
            "LR-9",
        );
        check(
            InitialsAndReference,
            &child("", None, "", Some("  ")),
            "Child 42",
        );
        check(
            FirstName,
            &child(" ", None, "Examplemore", Some("LR-9")),
            "Child 42",
        );
        check(FullName, &child("", None, "", None), "Child 42");
    }
}
