//! Service-wide figures (issue 17, part 3): what one IRO's figures file holds, and the
//! service's caseload made from many of them, over which [`crate::report`] computes the same
//! report it computes for one store.
//!
//! - [`selected`]: the children a report of a period reads (any fact from [`reach`], the first
//!   day the period before and the charts' months a year earlier need, to the period's end),
//!   with their sibling groups' other children (a dispute raised for a group counts them all).
//! - [`name_free`]: a child's record as a figures file keeps it: dates, codes, states and
//!   outcomes; no name, no free text, no social worker or team; the LA child id and a
//!   pseudonymous sibling group given by the caller.
//! - [`merge`]: many files' children into one [`Caseload`]: a child is one child by LA child id
//!   across files, with the union of their allocations, periods of care, episodes, meetings and
//!   disputes, a fact two files both hold taken once. IROs are matched by name.
//! - [`coverage`]: which IROs' files are in, each with the day it was made, and the flags: a
//!   file made before the period ended or not covering it (stale), an IRO with children in the
//!   period and no file (missing).
//!
//! Pure: no I/O (the file itself is `caseload-store`'s `figures` module), no clock.

use crate::domain::{Allocation, Caseload, ChildRecord, Iro};
use crate::ids::{CarePeriodId, ChildId, CpEpisodeId, DecisionId, DisputeId, IroId, MeetingId};
use crate::report::ReportPeriod;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the figures file's contents this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A file older than this many days than the newest file of the set is flagged stale.
pub const STALE_AFTER_DAYS: i64 = 31;

/// What a figures file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FiguresMeta {
    /// The IRO profile it was made for (the IRO whose file it is).
    pub made_by: String,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// The first day of the period it was made for.
    pub from: NaiveDate,
    /// The last day of that period.
    pub to: NaiveDate,
    /// The version of the app that made it.
    pub app_version: String,
    /// [`FORMAT_VERSION`] when it was made.
    pub format_version: u32,
    /// How many children it holds.
    pub children: u32,
    /// How many of them had no LA child id (they carry a pseudonymous one).
    pub children_without_la_id: u32,
}

/// A figures file's contents: its meta, the IRO profiles of the store it came from, and the
/// name-free records of the children (each one's `local_ref` is its LA child id).
#[derive(Debug, Clone, PartialEq)]
pub struct FiguresFile {
    /// What it says about itself.
    pub meta: FiguresMeta,
    /// The IRO profiles of its store (staff, not subjects: their names are kept).
    pub iros: Vec<Iro>,
    /// The children, name-free.
    pub children: Vec<ChildRecord>,
}

/// The first day a report of `period` reads: the start of the period before, or of the
/// charts' twelve months a year earlier, whichever is earlier.
pub fn reach(period: &ReportPeriod) -> Option<NaiveDate> {
    let before = period.previous()?.starts_on;
    let charts = period
        .trend_months_a_year_before()
        .first()
        .map_or(before, |m| m.first);
    Some(before.min(charts))
}

/// Does anything of the child's record fall in `[from, to]`?
fn touches(record: &ChildRecord, from: NaiveDate, to: NaiveDate) -> bool {
    let within = |on: Option<NaiveDate>| on.is_some_and(|on| from <= on && on <= to);
    let overlaps =
        |start: NaiveDate, end: Option<NaiveDate>| start <= to && end.is_none_or(|e| e >= from);
    record
        .care_periods
        .iter()
        .any(|p| overlaps(p.started_on, p.ended_on))
        || record
            .cp_episodes
            .iter()
            .any(|e| e.started_on().is_some_and(|s| overlaps(s, e.ended_on())))
        || record.meetings.iter().any(|m| within(m.date()))
        || record
            .disputes
            .iter()
            .any(|d| overlaps(d.raised_on, d.closed_on))
}

/// The children a report of `period` reads, in the caseload's order: every child with a
/// period of care, episode, meeting or dispute from [`reach`] to the period's end, and the
/// other children of their sibling groups.
pub fn selected<'c>(caseload: &'c Caseload, period: &ReportPeriod) -> Vec<&'c ChildRecord> {
    let from = reach(period).unwrap_or(period.starts_on);
    let touched: Vec<bool> = caseload
        .children
        .iter()
        .map(|r| touches(r, from, period.ends_on))
        .collect();
    let groups: Vec<&str> = caseload
        .children
        .iter()
        .zip(&touched)
        .filter(|(_, t)| **t)
        .filter_map(|(r, _)| r.child.details.sibling_group.as_deref())
        .collect();
    caseload
        .children
        .iter()
        .zip(&touched)
        .filter(|(r, t)| {
            **t || r
                .child
                .details
                .sibling_group
                .as_deref()
                .is_some_and(|g| groups.contains(&g))
        })
        .map(|(r, _)| r)
        .collect()
}

/// The record as a figures file keeps it: every date, code, state and outcome the report
/// reads; the names, the social worker and team, the sex and ethnicity (no figure uses them), venues,
/// reasons, decisions' words and owners, dispute addressees and summaries, and the records'
/// texts left out. `la_child_id` becomes its `local_ref`; `sibling_group` is the caller's
/// pseudonym of the group (the same group gets the same one in every IRO's file).
pub fn name_free(
    record: &ChildRecord,
    la_child_id: String,
    sibling_group: Option<String>,
) -> ChildRecord {
    let mut out = record.clone();
    let details = &mut out.child.details;
    details.first_name = String::new();
    details.last_name = String::new();
    details.preferred_name = None;
    details.ethnicity = None;
    details.sex = crate::domain::Sex::Unknown;
    details.local_ref = Some(la_child_id);
    details.sibling_group = sibling_group;
    details.social_worker = None;
    details.team = None;
    for a in &mut out.allocations {
        a.reason = None;
    }
    for m in &mut out.meetings {
        m.venue = None;
        m.booked_at = None;
        m.status_reason = None;
        m.outcome.early_reason = None;
    }
    out.records.clear();
    for d in &mut out.decisions {
        d.text = String::new();
        d.owner = String::new();
        d.state = match &d.state {
            crate::domain::DecisionState::Done { on, .. } => crate::domain::DecisionState::Done {
                on: *on,
                note: None,
            },
            crate::domain::DecisionState::Dropped { on, .. } => {
                crate::domain::DecisionState::Dropped {
                    on: *on,
                    reason: String::new(),
                }
            }
            open => open.clone(),
        };
    }
    for d in &mut out.disputes {
        d.sibling_group = d
            .sibling_group
            .as_ref()
            .and(out.child.details.sibling_group.clone());
        for s in &mut d.stages {
            s.sent_to = String::new();
            s.response_summary = None;
        }
    }
    out
}

/// A name as names are matched across files: trimmed, case folded.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The files in the order the merge reads them: by the IRO who made them, then newest first.
fn in_order(files: &[FiguresFile]) -> Vec<&FiguresFile> {
    let mut order: Vec<&FiguresFile> = files.iter().collect();
    order.sort_by(|a, b| {
        name_key(&a.meta.made_by)
            .cmp(&name_key(&b.meta.made_by))
            .then(b.meta.made_on.cmp(&a.meta.made_on))
    });
    order
}

/// The IROs of every file, one per name, numbered from 1 in the order first met (files by the
/// IRO who made them, each file's IROs in its store's order); an IRO's FTE and whether active
/// are as their own file says, else as the first file naming them does.
fn merged_iros(order: &[&FiguresFile]) -> Vec<Iro> {
    let mut iros: Vec<Iro> = Vec::new();
    for file in order {
        for iro in &file.iros {
            if !iros
                .iter()
                .any(|i| name_key(&i.details.name) == name_key(&iro.details.name))
            {
                let own = order
                    .iter()
                    .filter(|f| name_key(&f.meta.made_by) == name_key(&iro.details.name))
                    .flat_map(|f| &f.iros)
                    .find(|i| name_key(&i.details.name) == name_key(&iro.details.name));
                iros.push(Iro {
                    id: IroId(iros.len() as i64 + 1),
                    details: own.unwrap_or(iro).details.clone(),
                });
            }
        }
    }
    iros
}

/// Next ids for everything the merge renumbers (unique across the service's caseload).
#[derive(Default)]
struct Ids {
    care: i64,
    episode: i64,
    meeting: i64,
    decision: i64,
    dispute: i64,
}

fn next(counter: &mut i64) -> i64 {
    *counter += 1;
    *counter
}

/// One file's version of a child, its IRO ids already the service's.
struct Version<'f> {
    file: &'f FiguresFile,
    record: ChildRecord,
}

/// The service's caseload from many figures files: see the module docs. Children are in the
/// order of their LA child ids; where two files hold the same fact differently, the file of
/// the IRO the child was allocated to last wins (the most recent knowledge of the child), then
/// the newest file; of two versions of one meeting, a held one wins over one only booked.
pub fn merge(files: &[FiguresFile]) -> Caseload {
    let order = in_order(files);
    let iros = merged_iros(&order);
    let service_id = |file: &FiguresFile, id: IroId| {
        let name = file.iros.iter().find(|i| i.id == id)?;
        iros.iter()
            .find(|i| name_key(&i.details.name) == name_key(&name.details.name))
            .map(|i| i.id)
    };
    let mut by_child: BTreeMap<String, Vec<Version<'_>>> = BTreeMap::new();
    for file in &order {
        for record in &file.children {
            let mut record = record.clone();
            record.allocations = record
                .allocations
                .iter()
                .filter_map(|a| {
                    Some(Allocation {
                        iro: service_id(file, a.iro)?,
                        ..a.clone()
                    })
                })
                .collect();
            let key = record.child.details.local_ref.clone().unwrap_or_default();
            by_child
                .entry(key)
                .or_default()
                .push(Version { file, record });
        }
    }
    let mut ids = Ids::default();
    let children = by_child
        .into_values()
        .enumerate()
        .map(|(n, versions)| merge_child(ChildId(n as i64 + 1), versions, &iros, &mut ids))
        .collect();
    Caseload { iros, children }
}

/// The versions of one child, the one to prefer first: the file of the IRO of the child's
/// latest allocation (in any file), then the rest in the merge's order.
fn by_preference<'f>(mut versions: Vec<Version<'f>>, iros: &[Iro]) -> Vec<Version<'f>> {
    let latest = versions
        .iter()
        .flat_map(|v| &v.record.allocations)
        .max_by_key(|a| a.from_on)
        .and_then(|a| iros.iter().find(|i| i.id == a.iro))
        .map(|i| name_key(&i.details.name));
    versions.sort_by_key(|v| Some(name_key(&v.file.meta.made_by)) != latest);
    versions
}

fn merge_child(
    id: ChildId,
    versions: Vec<Version<'_>>,
    iros: &[Iro],
    ids: &mut Ids,
) -> ChildRecord {
    let versions = by_preference(versions, iros);
    let first = &versions[0].record;
    let mut child = first.child.clone();
    child.id = id;
    let d = &mut child.details;
    for v in &versions[1..] {
        let other = &v.record.child.details;
        d.born_on = d.born_on.or(other.born_on);
        d.expected_birth_on = d.expected_birth_on.or(other.expected_birth_on);
        d.sibling_group = d.sibling_group.clone().or(other.sibling_group.clone());
    }
    let mut out = ChildRecord::empty(child);
    for v in &versions {
        union_facts(&mut out, &v.record, ids);
    }
    union_meetings(&mut out, &versions, ids);
    out.put_in_order();
    out
}

/// Allocations, periods of care, episodes and disputes of `from` that `out` does not hold yet
/// (the same start date, or for a dispute the same kind, plan, reason and day raised).
fn union_facts(out: &mut ChildRecord, from: &ChildRecord, ids: &mut Ids) {
    let child = out.child.id;
    for a in &from.allocations {
        if !out.allocations.iter().any(|b| b.from_on == a.from_on) {
            out.allocations.push(a.clone());
        }
    }
    for p in &from.care_periods {
        if !out
            .care_periods
            .iter()
            .any(|q| q.started_on == p.started_on)
        {
            let mut p = p.clone();
            p.id = CarePeriodId(next(&mut ids.care));
            p.child = child;
            out.care_periods.push(p);
        }
    }
    for e in &from.cp_episodes {
        if !out
            .cp_episodes
            .iter()
            .any(|f| f.started_on() == e.started_on())
        {
            let mut e = e.clone();
            e.id = CpEpisodeId(next(&mut ids.episode));
            e.child = child;
            out.cp_episodes.push(e);
        }
    }
    for d in &from.disputes {
        let same = |e: &crate::domain::Dispute| {
            (e.kind, e.concerns, e.raised_on, &e.reason)
                == (d.kind, d.concerns, d.raised_on, &d.reason)
        };
        if !out.disputes.iter().any(same) {
            let mut d = d.clone();
            d.id = DisputeId(next(&mut ids.dispute));
            d.child = child;
            out.disputes.push(d);
        }
    }
}

/// The meetings of every version, one per kind and date (held, else booked), with the
/// decisions of the version kept: a held version wins over a booked one, else the preferred.
fn union_meetings(out: &mut ChildRecord, versions: &[Version<'_>], ids: &mut Ids) {
    // (kind, date) → (version, meeting index)
    let mut chosen: Vec<(
        (crate::domain::MeetingKind, Option<NaiveDate>),
        usize,
        usize,
    )> = Vec::new();
    for (vi, v) in versions.iter().enumerate() {
        for (mi, m) in v.record.meetings.iter().enumerate() {
            let key = (m.kind, m.date());
            match chosen.iter_mut().find(|(k, _, _)| *k == key) {
                None => chosen.push((key, vi, mi)),
                Some(slot) => {
                    let held =
                        |vi: usize, mi: usize| versions[vi].record.meetings[mi].held_on().is_some();
                    if !held(slot.1, slot.2) && held(vi, mi) {
                        (slot.1, slot.2) = (vi, mi);
                    }
                }
            }
        }
    }
    chosen.sort_by_key(|(_, vi, mi)| (*vi, *mi));
    for (_, vi, mi) in chosen {
        let record = &versions[vi].record;
        let mut m = record.meetings[mi].clone();
        let old = m.id;
        m.id = MeetingId(next(&mut ids.meeting));
        m.child = out.child.id;
        for d in record.decisions.iter().filter(|d| d.meeting == old) {
            let mut d = d.clone();
            d.id = DecisionId(next(&mut ids.decision));
            d.meeting = m.id;
            d.child = out.child.id;
            out.decisions.push(d);
        }
        out.meetings.push(m);
    }
}

/// How an IRO's file stands in a service report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FileStanding {
    /// In, and covering the period.
    Included,
    /// In, but made before the period ended, not covering it, or much older than the newest.
    Stale,
    /// No file from an IRO who had children in the period.
    Missing,
}

/// One IRO of a service report: their file, if any, and how it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Coverage {
    /// The IRO.
    pub iro: String,
    /// Their file's meta; `None` when missing.
    pub file: Option<FiguresMeta>,
    /// Included, stale or missing.
    pub standing: FileStanding,
    /// Why it is stale or missing, in sentences (empty when included).
    pub why: Vec<String>,
}

/// Each file's standing for a report of `period`, and a missing line for every IRO allocated
/// a child during the period (in `caseload`, the merged files) who made no file. Files first,
/// by IRO; then the missing, by name.
pub fn coverage(
    metas: &[FiguresMeta],
    caseload: &Caseload,
    period: &ReportPeriod,
) -> Vec<Coverage> {
    let newest = metas.iter().map(|m| m.made_on).max();
    let mut out: Vec<Coverage> = metas
        .iter()
        .map(|m| {
            let why = stale_reasons(m, period, newest);
            Coverage {
                iro: m.made_by.clone(),
                standing: if why.is_empty() {
                    FileStanding::Included
                } else {
                    FileStanding::Stale
                },
                file: Some(m.clone()),
                why,
            }
        })
        .collect();
    out.sort_by_key(|c| name_key(&c.iro));
    let mut missing: Vec<(String, usize)> = Vec::new();
    for iro in &caseload.iros {
        let key = name_key(&iro.details.name);
        if metas.iter().any(|m| name_key(&m.made_by) == key) {
            continue;
        }
        let children = caseload
            .children
            .iter()
            .filter(|r| allocated_during(r, iro.id, period))
            .count();
        if children > 0 {
            missing.push((iro.details.name.clone(), children));
        }
    }
    missing.sort_by_key(|(name, _)| name_key(name));
    out.extend(missing.into_iter().map(|(iro, n)| Coverage {
        why: vec![format!(
            "No figures file from {iro}, who was allocated {n} {} during the period in the other IROs' files.",
            if n == 1 { "child" } else { "children" }
        )],
        iro,
        file: None,
        standing: FileStanding::Missing,
    }));
    out
}

/// Was the child allocated to `iro` at any point of the period?
fn allocated_during(record: &ChildRecord, iro: IroId, period: &ReportPeriod) -> bool {
    record.iro_on(period.starts_on) == Some(iro)
        || record
            .allocations
            .iter()
            .any(|a| a.iro == iro && period.contains(a.from_on))
}

fn stale_reasons(m: &FiguresMeta, period: &ReportPeriod, newest: Option<NaiveDate>) -> Vec<String> {
    let mut why = Vec::new();
    if m.made_on <= period.ends_on {
        why.push(format!(
            "Made on {}, before the period ended on {}: what happened after is not in it.",
            m.made_on, period.ends_on
        ));
    }
    if m.from > period.starts_on || m.to < period.ends_on {
        why.push(format!(
            "Made for {} to {}, which does not cover the whole period.",
            m.from, m.to
        ));
    }
    if let Some(newest) = newest {
        let days = (newest - m.made_on).num_days();
        if days > STALE_AFTER_DAYS {
            why.push(format!(
                "Made {days} days before the newest file (more than {STALE_AFTER_DAYS})."
            ));
        }
    }
    why
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        Child, ChildDetails, IroDetails, LegalStatus, Meeting, MeetingKind, MeetingOutcome,
        MeetingStatus, PeriodOfCare, Regime, ReviewHistory, Sex,
    };

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn iro(id: i64, name: &str) -> Iro {
        Iro {
            id: IroId(id),
            details: IroDetails {
                name: name.to_string(),
                fte: 1.0,
                active: true,
            },
        }
    }

    fn review(id: i64, on: &str) -> Meeting {
        Meeting {
            id: MeetingId(id),
            child: ChildId(1),
            kind: MeetingKind::LacReview,
            status: MeetingStatus::Held,
            booked_on: None,
            booked_at: None,
            venue: None,
            status_reason: None,
            outcome: MeetingOutcome {
                held_on: Some(d(on)),
                ..MeetingOutcome::default()
            },
            revision: 0,
        }
    }

    /// A child looked after from 1 May 2024, allocated as `allocations` says (store IRO ids).
    fn record(allocations: &[(i64, &str)], reviews: &[(i64, &str)]) -> ChildRecord {
        ChildRecord {
            child: Child {
                id: ChildId(1),
                details: ChildDetails {
                    first_name: "Tamsin".into(),
                    last_name: "Fictionley".into(),
                    preferred_name: None,
                    born_on: Some(d("2010-01-15")),
                    expected_birth_on: None,
                    sex: Sex::Female,
                    ethnicity: None,
                    local_ref: Some("LA-200".into()),
                    sibling_group: None,
                    social_worker: Some("Sam Caseworker".into()),
                    team: None,
                },
            },
            allocations: allocations
                .iter()
                .map(|(iro, on)| Allocation {
                    iro: IroId(*iro),
                    from_on: d(on),
                    reason: Some("Transfer".into()),
                })
                .collect(),
            care_periods: vec![PeriodOfCare {
                id: CarePeriodId(1),
                child: ChildId(1),
                started_on: d("2024-05-01"),
                ended_on: None,
                legal_status: LegalStatus::C2,
                regime: Regime::FullCare,
                history: ReviewHistory::Recorded,
            }],
            cp_episodes: Vec::new(),
            meetings: reviews.iter().map(|(id, on)| review(*id, on)).collect(),
            disputes: Vec::new(),
            records: Vec::new(),
            decisions: Vec::new(),
            transferred_out: None,
        }
    }

    fn file(made_by: &str, iros: Vec<Iro>, child: ChildRecord) -> FiguresFile {
        FiguresFile {
            meta: FiguresMeta {
                made_by: made_by.into(),
                made_on: d("2026-04-20"),
                from: d("2025-04-01"),
                to: d("2026-03-31"),
                app_version: "0.0.0".into(),
                format_version: FORMAT_VERSION,
                children: 1,
                children_without_la_id: 0,
            },
            iros,
            children: vec![name_free(&child, "LA-200".into(), None)],
        }
    }

    #[test]
    fn a_child_in_two_iros_files_is_one_child_with_the_union_of_their_facts() {
        // Ada's store: Ada is IRO 1, Ben 2; Ben's store: Ben is 1, Ada 2.
        let ada = file(
            "Ada Quill",
            vec![iro(1, "Ada Quill"), iro(2, "Ben Ledger")],
            record(
                &[(1, "2024-05-01"), (2, "2025-10-01")],
                &[(5, "2024-05-28"), (6, "2025-06-05")],
            ),
        );
        let ben = file(
            "ben ledger",
            vec![iro(1, "Ben Ledger"), iro(2, "Ada Quill")],
            record(
                &[(2, "2024-05-01"), (1, "2025-10-01")],
                &[(9, "2025-06-05"), (10, "2025-12-01")],
            ),
        );
        let merged = merge(&[ben, ada]);
        let names: Vec<&str> = merged
            .iros
            .iter()
            .map(|i| i.details.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Ada Quill", "Ben Ledger"],
            "matched by name, numbered from 1"
        );
        assert_eq!(merged.children.len(), 1);
        let child = &merged.children[0];
        let held: Vec<NaiveDate> = child.meetings.iter().filter_map(Meeting::held_on).collect();
        assert_eq!(held, [d("2024-05-28"), d("2025-06-05"), d("2025-12-01")]);
        assert_eq!(child.care_periods.len(), 1);
        let whose: Vec<(i64, NaiveDate)> = child
            .allocations
            .iter()
            .map(|a| (a.iro.0, a.from_on))
            .collect();
        assert_eq!(whose, [(1, d("2024-05-01")), (2, d("2025-10-01"))]);
        assert_eq!(
            child.iro_on(d("2026-01-01")),
            Some(IroId(2)),
            "Ben's, as the report attributes it"
        );
    }

    #[test]
    fn a_name_free_record_keeps_dates_and_codes_and_drops_names_and_words() {
        let r = name_free(
            &record(&[(1, "2024-05-01")], &[(5, "2024-05-28")]),
            "X-1".into(),
            None,
        );
        let text = format!("{r:?}");
        for word in ["Tamsin", "Fictionley", "Sam Caseworker", "Transfer"] {
            assert!(!text.contains(word), "{word} in {text}");
        }
        assert_eq!(r.child.details.born_on, Some(d("2010-01-15")));
        assert_eq!(r.child.details.sex, Sex::Unknown, "no figure reads it");
        assert_eq!(r.child.details.local_ref.as_deref(), Some("X-1"));
        assert_eq!(r.meetings[0].held_on(), Some(d("2024-05-28")));
    }

    #[test]
    fn the_report_reads_from_the_period_before_or_the_charts_year_before() {
        let year = ReportPeriod::reporting_year(2025).unwrap();
        assert_eq!(reach(&year), Some(d("2024-04-01")));
        let quarter = ReportPeriod::quarter(2025, 10).unwrap();
        assert_eq!(
            reach(&quarter),
            Some(d("2024-01-01")),
            "the charts' twelve months a year earlier"
        );
    }
}
