//! A child already in the store (the same local reference) and the same child in a bundle:
//! what the bundle has that the store has not, or the facts on which the two disagree.
//!
//! Histories are compatible when every fact both hold is the same: a period of care or an
//! episode by its start, a meeting by its kind and date, a dispute by its kind and the day it
//! was raised, a meeting's record and decisions with their meeting. What only the bundle holds
//! is added; what only the store holds stays. A fact held by both but different is a conflict,
//! and the child is left out whole.

use caseload_core::domain::{
    ChildRecord, CpEpisode, Decision, Dispute, Meeting, PeriodOfCare, StoredRecord,
};
use caseload_core::explain::uk_date;
use caseload_core::ids::{CarePeriodId, ChildId, DecisionId, DisputeId, MeetingId};

/// What is new for the child here (an empty record when nothing is), or every conflict.
pub(crate) fn merge(here: &ChildRecord, there: &ChildRecord) -> Result<ChildRecord, Vec<String>> {
    let mut conflicts = Vec::new();
    let (a, b) = (&here.child.details, &there.child.details);
    if (a.first_name.trim(), a.last_name.trim(), a.born_on)
        != (b.first_name.trim(), b.last_name.trim(), b.born_on)
    {
        conflicts.push(format!(
            "the name or date of birth differs: {} here, {} in the bundle",
            who(here),
            who(there)
        ));
    }
    let mut new = ChildRecord {
        child: here.child.clone(),
        allocations: there
            .allocations
            .iter()
            .filter(|x| !here.allocations.contains(x))
            .cloned()
            .collect(),
        care_periods: Vec::new(),
        cp_episodes: Vec::new(),
        meetings: Vec::new(),
        disputes: Vec::new(),
        records: Vec::new(),
        decisions: Vec::new(),
        transferred_out: None,
    };
    for p in &there.care_periods {
        match here
            .care_periods
            .iter()
            .find(|h| h.started_on == p.started_on)
        {
            None => new.care_periods.push(p.clone()),
            Some(h) if same_period(h, p) => {}
            Some(_) => conflicts.push(format!(
                "the period of care that started on {} is recorded differently",
                uk_date(p.started_on)
            )),
        }
    }
    for e in &there.cp_episodes {
        match here
            .cp_episodes
            .iter()
            .find(|h| h.started_on() == e.started_on())
        {
            None => new.cp_episodes.push(e.clone()),
            Some(h) if same_episode(h, e) => {}
            Some(_) => conflicts.push(format!(
                "the child-protection episode that started on {} is recorded differently",
                e.started_on()
                    .map_or_else(|| "an unknown day".to_string(), uk_date)
            )),
        }
    }
    for m in &there.meetings {
        let found = here
            .meetings
            .iter()
            .find(|h| h.kind == m.kind && h.date() == m.date());
        match found {
            None => {
                new.meetings.push(m.clone());
                new.records
                    .extend(there.records.iter().filter(|r| r.meeting == m.id).cloned());
                new.decisions.extend(
                    there
                        .decisions
                        .iter()
                        .filter(|d| d.meeting == m.id)
                        .cloned(),
                );
            }
            Some(h) if same_meeting(here, h, there, m) => {}
            Some(_) => conflicts.push(format!(
                "the {} of {} is recorded differently",
                m.kind.label(),
                m.date()
                    .map_or_else(|| "an unknown day".to_string(), uk_date)
            )),
        }
    }
    for d in &there.disputes {
        let found = here
            .disputes
            .iter()
            .find(|h| h.kind == d.kind && h.raised_on == d.raised_on);
        match found {
            None => new.disputes.push(d.clone()),
            Some(h) if same_dispute(h, d) => {}
            Some(_) => conflicts.push(format!(
                "the dispute raised on {} is recorded differently",
                uk_date(d.raised_on)
            )),
        }
    }
    if conflicts.is_empty() {
        Ok(new)
    } else {
        Err(conflicts)
    }
}

/// True when the merge adds nothing.
pub(crate) fn is_empty(new: &ChildRecord) -> bool {
    new.allocations.is_empty()
        && new.care_periods.is_empty()
        && new.cp_episodes.is_empty()
        && new.meetings.is_empty()
        && new.disputes.is_empty()
}

/// How many facts a received record holds (for the preview).
pub(crate) fn facts(r: &ChildRecord) -> u32 {
    (r.allocations.len()
        + r.care_periods.len()
        + r.cp_episodes.len()
        + r.meetings.len()
        + r.records.len()
        + r.decisions.len()
        + r.disputes.len()) as u32
}

fn who(r: &ChildRecord) -> String {
    let d = &r.child.details;
    let born = d
        .born_on
        .map_or_else(|| "unborn".to_string(), |b| format!("born {}", uk_date(b)));
    format!("{} {} ({born})", d.first_name, d.last_name)
}

fn same_period(a: &PeriodOfCare, b: &PeriodOfCare) -> bool {
    let strip = |p: &PeriodOfCare| PeriodOfCare {
        id: CarePeriodId(0),
        child: ChildId(0),
        ..p.clone()
    };
    strip(a) == strip(b)
}

fn same_episode(a: &CpEpisode, b: &CpEpisode) -> bool {
    a.details == b.details
}

/// The same meeting, with the same record and decisions.
fn same_meeting(here: &ChildRecord, a: &Meeting, there: &ChildRecord, b: &Meeting) -> bool {
    let strip = |m: &Meeting| Meeting {
        id: MeetingId(0),
        child: ChildId(0),
        revision: 0,
        ..m.clone()
    };
    let record = |r: &ChildRecord, m: MeetingId| -> Option<StoredRecord> {
        r.records
            .iter()
            .find(|x| x.meeting == m)
            .map(|x| StoredRecord {
                meeting: MeetingId(0),
                ..x.clone()
            })
    };
    let decisions = |r: &ChildRecord, m: MeetingId| -> Vec<Decision> {
        r.decisions
            .iter()
            .filter(|d| d.meeting == m)
            .map(|d| Decision {
                id: DecisionId(0),
                meeting: MeetingId(0),
                child: ChildId(0),
                ..d.clone()
            })
            .collect()
    };
    strip(a) == strip(b)
        && record(here, a.id) == record(there, b.id)
        && decisions(here, a.id) == decisions(there, b.id)
}

fn same_dispute(a: &Dispute, b: &Dispute) -> bool {
    let strip = |d: &Dispute| Dispute {
        id: DisputeId(0),
        child: ChildId(0),
        ..d.clone()
    };
    strip(a) == strip(b)
}
