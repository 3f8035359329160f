use super::{CpEpisode, Decision, Dispute, Meeting, PeriodOfCare, StoredRecord};
use crate::ids::{ChildId, IroId};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Sex as recorded in the SSDA903 return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 903 code 1.
    Male,
    /// 903 code 2.
    Female,
    /// Not yet known (an unborn child).
    Unknown,
}

/// SSDA903 / CIN ethnicity codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum Ethnicity {
    Wbri,
    Wiri,
    Wirt,
    Woth,
    Wrom,
    Mwbc,
    Mwba,
    Mwas,
    Moth,
    Aind,
    Apkn,
    Aban,
    Aoth,
    Bcrb,
    Bafr,
    Both,
    Chne,
    Ooth,
    Refu,
    Nobt,
}

/// Everything recorded about a child, apart from their care, protection and meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChildDetails {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// The name the child likes to be called, if different.
    #[serde(default)]
    pub preferred_name: Option<String>,
    /// Date of birth; absent for an unborn child.
    #[serde(default)]
    pub born_on: Option<NaiveDate>,
    /// Expected date of birth (unborn child, pre-birth conference).
    #[serde(default)]
    pub expected_birth_on: Option<NaiveDate>,
    /// Sex.
    pub sex: Sex,
    /// Ethnicity code.
    #[serde(default)]
    pub ethnicity: Option<Ethnicity>,
    /// The local authority's reference for the child (LAchildID / CHILD).
    #[serde(default)]
    pub local_ref: Option<String>,
    /// Siblings share a group name and, normally, an IRO.
    #[serde(default)]
    pub sibling_group: Option<String>,
    /// Allocated social worker.
    #[serde(default)]
    pub social_worker: Option<String>,
    /// Social work team.
    #[serde(default)]
    pub team: Option<String>,
}

impl ChildDetails {
    /// The name an IRO uses: preferred name (or first name) and family name.
    pub fn display_name(&self) -> String {
        // Written for every warning row: two pieces pushed, not a format parsed.
        let called = self.called();
        let mut name = String::with_capacity(called.len() + 1 + self.last_name.len());
        name.push_str(called);
        name.push(' ');
        name.push_str(&self.last_name);
        name
    }

    /// The name the child is called by: the preferred name, or else the first name.
    pub fn called(&self) -> &str {
        self.preferred_name
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or(&self.first_name)
    }

    /// True when the child has no date of birth yet.
    pub fn is_unborn(&self) -> bool {
        self.born_on.is_none()
    }

    /// Age in whole years on a date (None for an unborn child).
    pub fn age_on(&self, on: NaiveDate) -> Option<u32> {
        let born = self.born_on?;
        if on < born {
            return Some(0);
        }
        let mut years = on.year() - born.year();
        if (on.month(), on.day()) < (born.month(), born.day()) {
            years -= 1;
        }
        Some(years.max(0) as u32)
    }

    /// The 4th birthday (29 Feb births: 28 Feb in a common year, by the corresponding-date rule).
    pub fn fourth_birthday(&self) -> Option<NaiveDate> {
        self.born_on
            .and_then(|b| b.checked_add_months(chrono::Months::new(48)))
    }
}

/// A child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Child {
    /// Id.
    pub id: ChildId,
    /// Details.
    #[serde(flatten)]
    pub details: ChildDetails,
}

/// One allocation of a child to an IRO; the history is kept, the latest is current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Allocation {
    /// The IRO.
    pub iro: IroId,
    /// From this date.
    pub from_on: NaiveDate,
    /// Why (transfer, cover, …).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Everything the store knows about one child: the aggregate the core computes over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChildRecord {
    /// The child.
    pub child: Child,
    /// IRO allocations, oldest first.
    pub allocations: Vec<Allocation>,
    /// Periods of care, oldest first.
    pub care_periods: Vec<PeriodOfCare>,
    /// Child-protection episodes, oldest first.
    pub cp_episodes: Vec<CpEpisode>,
    /// Meetings, in date order.
    pub meetings: Vec<Meeting>,
    /// Disputes about the child's plans, in the order raised.
    #[serde(default)]
    pub disputes: Vec<Dispute>,
    /// The records of meetings, draft or final (at most one per meeting).
    #[serde(default)]
    pub records: Vec<StoredRecord>,
    /// The decisions of finalised records, in the order made.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Set when the child was handed over to another IRO's store: the record here is kept,
    /// read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_out: Option<TransferredOut>,
}

/// A child handed over to another IRO (issue 17): their record stays in the sender's store,
/// read-only, with its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TransferredOut {
    /// The receiving IRO, by name (as the sender's store has them).
    pub to: String,
    /// The day of the handover.
    pub on: NaiveDate,
}

impl ChildRecord {
    /// A child with nothing recorded yet: no allocation, care, protection, meeting or dispute.
    pub fn empty(child: Child) -> ChildRecord {
        ChildRecord {
            child,
            allocations: Vec::new(),
            care_periods: Vec::new(),
            cp_episodes: Vec::new(),
            meetings: Vec::new(),
            disputes: Vec::new(),
            records: Vec::new(),
            decisions: Vec::new(),
            transferred_out: None,
        }
    }

    /// The IRO allocated now (the latest allocation).
    pub fn current_iro(&self) -> Option<crate::ids::IroId> {
        self.allocations
            .iter()
            .max_by_key(|a| a.from_on)
            .map(|a| a.iro)
    }

    /// Whose child this is on `as_of`: the IRO allocated that day, or, for a child allocated
    /// only from a later date, the IRO allocated now. Every screen and warning that asks
    /// "whose child" asks this.
    pub fn iro_for(&self, as_of: NaiveDate) -> Option<crate::ids::IroId> {
        self.iro_on(as_of).or_else(|| self.current_iro())
    }

    /// The IRO allocated on a date.
    pub fn iro_on(&self, on: NaiveDate) -> Option<crate::ids::IroId> {
        self.allocations
            .iter()
            .filter(|a| a.from_on <= on)
            .max_by_key(|a| a.from_on)
            .map(|a| a.iro)
    }

    /// The period of care open on `as_of` (started on or before it, not ended before it).
    pub fn open_care_period(&self, as_of: NaiveDate) -> Option<&PeriodOfCare> {
        self.care_periods.iter().find(|p| p.is_open_on(as_of))
    }

    /// The one definition of the order of a record's lists (the store loads a record in it, and
    /// the service's merge puts one in it): allocations and periods by their start (then id),
    /// episodes by their first date (then id), meetings by their date (held on once held, else
    /// booked on), then id; disputes by the date raised, then id; records by meeting; decisions
    /// by meeting and number.
    ///
    /// Allocations have no id, so they rely on a stable sort over a list already in the order
    /// it was written.
    pub fn put_in_order(&mut self) {
        self.allocations.sort_by_key(|a| a.from_on);
        self.care_periods.sort_by_key(|p| (p.started_on, p.id));
        self.cp_episodes.sort_by_key(|e| (e.started_on(), e.id));
        self.meetings.sort_by_key(|m| (m.date(), m.id));
        self.disputes.sort_by_key(|d| (d.raised_on, d.id));
        self.records.sort_by_key(|r| r.meeting);
        self.decisions.sort_by_key(|d| (d.meeting, d.number));
    }

    /// The child-protection episode open on `as_of`.
    pub fn open_cp_episode(&self, as_of: NaiveDate) -> Option<&CpEpisode> {
        self.cp_episodes.iter().find(|e| e.is_open_on(as_of))
    }
}
