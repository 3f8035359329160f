//! What an imported child means for the store: the changes that bring the store to what the
//! files say (a new child whole; for a child already there, only what is new), and every
//! disagreement between the two, which is shown and never overwritten silently.
//!
//! The 903 rules (domain.md §4.1): episodes are sorted by their start; an episode starting
//! with `RNE` S, or any episode when no period is open, starts a period of care; the others
//! continue it (the period takes the latest episode's legal status); an episode that ends with a
//! `REC` other than X1 ends the period, and so does an end with no reason at all unless another
//! episode starts that day. A period whose first legal status is V3 or V4 is on the
//! short-break regime. Each 903 review is a LAC review held, with its PN code.
//!
//! The CIN census rules (domain.md §4.2): each plan is a child-protection episode from the s47
//! enquiry that led to it (the one whose ICPC was on the plan's start, else the latest before
//! it), its initial conference held that day with "plan made" and the initial category, each
//! `CPPreviewDate` a review conference held ("plan continues", or "plan ends" on the plan's last
//! day), and the plan's end. An s47 enquiry with no plan: its conference held with "no plan",
//! or, with no conference yet and one required, an open episode whose ICPC is then due.
//!
//! Identity: a child is matched by the LA's child id, kept as the local reference. The files
//! hold no names: a new child is "Child 566910" until the IRO types a name.

use caseload_core::change::Change;
use caseload_core::domain::{
    AbuseCategory, Caseload, ChildDetails, ChildRecord, CpEpisodeDetails, Ethnicity, LegalStatus,
    MeetingKind, MeetingOutcome, Participation, PlanDecision, Regime, Sex,
};
use caseload_core::explain::uk_date;
use caseload_core::ids::{CarePeriodId, ChildId, CpEpisodeId, IroId, MeetingId};
use caseload_interop::import::{CpPlan, Episode, ExtractChild, Section47, SourceRef};
use chrono::NaiveDate;

/// The next free id of each kind, so the changes of one import can refer to what they create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NextIds {
    child: i64,
    care: i64,
    episode: i64,
    meeting: i64,
}

impl NextIds {
    /// One past the highest id of each kind in the caseload.
    pub(crate) fn after(caseload: &Caseload) -> NextIds {
        let records = &caseload.children;
        let max = |ids: &mut dyn Iterator<Item = i64>| ids.max().unwrap_or(0) + 1;
        NextIds {
            child: max(&mut records.iter().map(|r| r.child.id.0)),
            care: max(&mut records
                .iter()
                .flat_map(|r| r.care_periods.iter().map(|p| p.id.0))),
            episode: max(&mut records
                .iter()
                .flat_map(|r| r.cp_episodes.iter().map(|e| e.id.0))),
            meeting: max(&mut records
                .iter()
                .flat_map(|r| r.meetings.iter().map(|m| m.id.0))),
        }
    }

    fn child(&mut self) -> ChildId {
        self.child += 1;
        ChildId(self.child - 1)
    }

    fn care(&mut self) -> CarePeriodId {
        self.care += 1;
        CarePeriodId(self.care - 1)
    }

    fn episode(&mut self) -> CpEpisodeId {
        self.episode += 1;
        CpEpisodeId(self.episode - 1)
    }

    fn meeting(&mut self) -> MeetingId {
        self.meeting += 1;
        MeetingId(self.meeting - 1)
    }
}

/// A period of care as the episodes describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PeriodFacts {
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// The latest episode's legal status code.
    pub legal_status: String,
    /// The first episode's status was V3 or V4.
    pub short_breaks: bool,
    /// The episode that started it.
    pub at: Option<SourceRef>,
    /// The episode that ended it.
    pub end_at: Option<SourceRef>,
}

/// The periods of care of a child's 903 episodes, oldest first.
pub(crate) fn periods_from_episodes(episodes: &[Episode]) -> Vec<PeriodFacts> {
    let mut sorted: Vec<&Episode> = episodes.iter().collect();
    sorted.sort_by_key(|e| e.started_on);
    let start_days: Vec<NaiveDate> = sorted.iter().map(|e| e.started_on).collect();
    let mut periods = Vec::new();
    let mut open: Option<PeriodFacts> = None;
    for ep in sorted {
        let starts = ep.reason_new.eq_ignore_ascii_case("S");
        if let Some(current) = open.take_if(|_| starts) {
            // A new period while one is open: the open one ended when the new one began.
            periods.push(PeriodFacts {
                ended_on: Some(ep.started_on),
                end_at: Some(ep.at.clone()),
                ..current
            });
        }
        let current = open.get_or_insert_with(|| PeriodFacts {
            started_on: ep.started_on,
            ended_on: None,
            legal_status: ep.legal_status.clone(),
            short_breaks: matches!(ep.legal_status.as_str(), "V3" | "V4"),
            at: Some(ep.at.clone()),
            end_at: None,
        });
        current.legal_status = ep.legal_status.clone();
        // The regime follows the status kept: short breaks are V3 or V4 throughout.
        current.short_breaks = matches!(ep.legal_status.as_str(), "V3" | "V4");
        // An end with no reason (Annex A, an LA's own report) ends the period unless another
        // episode starts that day.
        let ends_period = match ep.reason_end.as_deref() {
            Some(r) => !r.eq_ignore_ascii_case("X1"),
            None => ep.ended_on.is_some_and(|end| !start_days.contains(&end)),
        };
        if let (Some(ended_on), true) = (ep.ended_on, ends_period) {
            current.ended_on = Some(ended_on);
            current.end_at = Some(ep.at.clone());
            periods.extend(open.take());
        }
    }
    periods.extend(open);
    periods
}

/// A fact of the files this plan cannot use, at its place in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unusable {
    /// Where.
    pub at: Option<SourceRef>,
    /// The file's field.
    pub field: String,
    /// Why.
    pub message: String,
}

impl ChildPlan {
    fn unusable(&mut self, at: Option<&SourceRef>, field: &str, message: String) {
        self.unusable.push(Unusable {
            at: at.cloned(),
            field: field.to_string(),
            message,
        });
    }
}

/// What the import does with one child.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChildPlan {
    /// The LA's child id.
    pub la_id: String,
    /// The child in the store it updates, if any.
    pub existing: Option<ChildId>,
    /// The changes, in order (empty: unchanged).
    pub changes: Vec<Change>,
    /// Where in the files each change comes from (same order as `changes`).
    pub sources: Vec<Option<SourceRef>>,
    /// Where the files and the store disagree: shown, not changed.
    pub disagreements: Vec<String>,
    /// Facts of the file this plan cannot use (a code the store does not know).
    pub unusable: Vec<Unusable>,
    /// Facts read on purpose as part of another (an enquiry during a plan).
    pub notes: Vec<String>,
}

impl ChildPlan {
    fn push(&mut self, change: Change, at: Option<&SourceRef>) {
        self.changes.push(change);
        self.sources.push(at.cloned());
    }

    /// The plan without the changes at `refused` (positions in `changes`), and without what
    /// depends on them: a child whose addition is refused keeps nothing.
    pub(crate) fn without(&self, refused: &[usize]) -> ChildPlan {
        let adds_child = matches!(self.changes.first(), Some(Change::AddChild { .. }));
        let mut kept = ChildPlan {
            changes: Vec::new(),
            sources: Vec::new(),
            ..self.clone()
        };
        if adds_child && refused.contains(&0) {
            return kept;
        }
        for (i, (c, at)) in self.changes.iter().zip(&self.sources).enumerate() {
            if !refused.contains(&i) {
                kept.push(c.clone(), at.as_ref());
            }
        }
        kept
    }
}

/// The changes that bring the store to what the file says about `x`.
pub(crate) fn plan_child(
    x: &ExtractChild,
    existing: Option<&ChildRecord>,
    iro: Option<IroId>,
    as_of: NaiveDate,
    ids: &mut NextIds,
) -> ChildPlan {
    let mut plan = ChildPlan {
        la_id: x.la_id.clone(),
        existing: existing.map(|r| r.child.id),
        changes: Vec::new(),
        sources: Vec::new(),
        disagreements: Vec::new(),
        unusable: Vec::new(),
        notes: Vec::new(),
    };
    let child = match existing {
        Some(record) => {
            compare_identity(x, record, &mut plan);
            record.child.id
        }
        None => add_child(x, iro, as_of, ids, &mut plan),
    };
    plan_periods(x, existing, child, ids, &mut plan);
    plan_reviews(x, existing, child, ids, &mut plan);
    plan_protection(x, existing, child, ids, &mut plan);
    plan
}

/// The 903 `SEX` code (1 male, 2 female) or a CIN code (M, F, 1, 2); anything else unknown.
fn sex_of(code: Option<&str>) -> Sex {
    match code.map(str::trim) {
        Some("1" | "M" | "m") => Sex::Male,
        Some("2" | "F" | "f") => Sex::Female,
        _ => Sex::Unknown,
    }
}

/// A code the store keeps as an enum (legal status, ethnicity, participation), if it knows it.
fn code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.trim().to_ascii_uppercase())).ok()
}

/// The earliest date the file knows of the child: the IRO is allocated from then.
fn first_fact(x: &ExtractChild) -> Option<NaiveDate> {
    let episodes = x.episodes.iter().map(|e| e.started_on);
    let reviews = x.reviews.iter().map(|r| r.held_on);
    let plans = x.plans.iter().map(|p| p.started_on);
    let enquiries = x
        .enquiries
        .iter()
        .filter_map(|s| s.started_on.or(s.icpc_on));
    episodes.chain(reviews).chain(plans).chain(enquiries).min()
}

fn add_child(
    x: &ExtractChild,
    iro: Option<IroId>,
    as_of: NaiveDate,
    ids: &mut NextIds,
    plan: &mut ChildPlan,
) -> ChildId {
    let id = ids.child();
    let ethnicity = x.ethnicity.as_deref().and_then(|e| {
        let known = code::<Ethnicity>(e);
        if known.is_none() {
            let why = format!("{e:?} is not an ethnicity code this store knows");
            plan.unusable(x.at.as_ref(), "ETHNIC", why);
        }
        known
    });
    plan.push(
        Change::AddChild {
            id: Some(id),
            details: ChildDetails {
                first_name: "Child".to_string(),
                last_name: x.la_id.clone(),
                born_on: x.born_on,
                expected_birth_on: if x.born_on.is_none() {
                    x.expected_birth_on
                } else {
                    None
                },
                sex: sex_of(x.sex.as_deref()),
                ethnicity,
                local_ref: Some(x.la_id.clone()),
                preferred_name: None,
                sibling_group: None,
                social_worker: None,
                team: None,
            },
            iro,
            allocated_on: iro.map(|_| first_fact(x).map_or(as_of, |d| d.min(as_of))),
        },
        x.at.as_ref(),
    );
    id
}

/// The child's date of birth in the file against the store's.
fn compare_identity(x: &ExtractChild, record: &ChildRecord, plan: &mut ChildPlan) {
    let stored = record.child.details.born_on;
    if let (Some(file), Some(stored)) = (x.born_on, stored) {
        if file != stored {
            plan.disagreements.push(format!(
                "date of birth: the file says {}, the store {} (kept)",
                uk_date(file),
                uk_date(stored)
            ));
        }
    }
}

fn plan_periods(
    x: &ExtractChild,
    existing: Option<&ChildRecord>,
    child: ChildId,
    ids: &mut NextIds,
    plan: &mut ChildPlan,
) {
    let stored = existing.map_or(&[][..], |r| &r.care_periods[..]);
    for p in periods_from_episodes(&x.episodes) {
        let Some(legal_status) = code::<LegalStatus>(&p.legal_status) else {
            let why = format!(
                "{:?} is not a legal status this store knows: the period from {} is not read",
                p.legal_status,
                uk_date(p.started_on)
            );
            plan.unusable(p.at.as_ref(), "LS", why);
            continue;
        };
        match stored.iter().find(|s| s.started_on == p.started_on) {
            Some(s) => match (s.ended_on, p.ended_on) {
                (None, Some(ended_on)) => {
                    plan.push(Change::EndCare { id: s.id, ended_on }, p.end_at.as_ref())
                }
                (Some(a), Some(b)) if a != b => plan.disagreements.push(format!(
                    "period from {}: the file says it ended {}, the store {} (kept)",
                    uk_date(p.started_on),
                    uk_date(b),
                    uk_date(a)
                )),
                (Some(a), None) => plan.disagreements.push(format!(
                    "period from {}: the store says it ended {}, the file that it is open (kept)",
                    uk_date(p.started_on),
                    uk_date(a)
                )),
                _ => {}
            },
            None => {
                let id = ids.care();
                let regime = if p.short_breaks {
                    Regime::ShortBreaks
                } else {
                    Regime::FullCare
                };
                let start = Change::StartCare {
                    id: Some(id),
                    child,
                    started_on: p.started_on,
                    legal_status,
                    regime,
                };
                plan.push(start, p.at.as_ref());
                if let Some(ended_on) = p.ended_on {
                    plan.push(Change::EndCare { id, ended_on }, p.end_at.as_ref());
                }
            }
        }
    }
}

fn plan_reviews(
    x: &ExtractChild,
    existing: Option<&ChildRecord>,
    child: ChildId,
    ids: &mut NextIds,
    plan: &mut ChildPlan,
) {
    let held: Vec<NaiveDate> = existing.map_or_else(Vec::new, |r| {
        r.meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::LacReview)
            .filter_map(|m| m.held_on())
            .collect()
    });
    let mut reviews: Vec<_> = x.reviews.iter().collect();
    reviews.sort_by_key(|r| r.held_on);
    let mut seen: Vec<&caseload_interop::import::LacReview> = Vec::new();
    for r in reviews {
        // Two rows of one day are one review: the second is said, not silently dropped.
        if let Some(first) = seen.iter().find(|f| f.held_on == r.held_on) {
            let why = format!(
                "{} is the day of the review already read at {}",
                uk_date(r.held_on),
                first.at
            );
            plan.unusable(Some(&r.at), "REVIEW", why);
            continue;
        }
        seen.push(r);
    }
    for r in seen.into_iter().filter(|r| !held.contains(&r.held_on)) {
        let participation = r.participation.as_deref().and_then(code::<Participation>);
        let review = Change::RecordMeeting {
            id: Some(ids.meeting()),
            child,
            kind: MeetingKind::LacReview,
            outcome: MeetingOutcome {
                held_on: Some(r.held_on),
                participation,
                ..MeetingOutcome::default()
            },
        };
        plan.push(review, Some(&r.at));
    }
}

/// The s47 enquiry that led to a plan: the one whose conference was on the plan's start, else
/// the latest that started on or before it.
fn enquiry_of<'a>(plan: &CpPlan, enquiries: &'a [Section47]) -> Option<&'a Section47> {
    enquiries
        .iter()
        .find(|s| s.icpc_on == Some(plan.started_on))
        .or_else(|| {
            enquiries
                .iter()
                .filter(|s| s.started_on.is_some_and(|on| on <= plan.started_on))
                .max_by_key(|s| s.started_on)
        })
}

/// A category code the store knows, or a row not used that says it does not.
fn category(
    code_text: Option<&str>,
    at: &SourceRef,
    plan: &mut ChildPlan,
) -> Option<AbuseCategory> {
    let text = code_text?;
    let known = code::<AbuseCategory>(text);
    if known.is_none() {
        let why = format!("{text:?} is not a category of abuse this store knows");
        plan.unusable(Some(at), "CategoryOfAbuse", why);
    }
    known
}

fn plan_protection(
    x: &ExtractChild,
    existing: Option<&ChildRecord>,
    child: ChildId,
    ids: &mut NextIds,
    plan: &mut ChildPlan,
) {
    let stored = existing.map_or(&[][..], |r| &r.cp_episodes[..]);
    let mut used: Vec<&Section47> = Vec::new();
    let mut plans: Vec<&CpPlan> = x.plans.iter().collect();
    plans.sort_by_key(|p| p.started_on);
    let mut read: Vec<&CpPlan> = Vec::new();
    for p in plans {
        // The same plan twice (two files, or a repeated module) is one plan.
        if let Some(first) = read.iter().find(|q| q.started_on == p.started_on) {
            let why = format!(
                "the plan from {} is already read at {}",
                uk_date(p.started_on),
                first.at
            );
            plan.unusable(Some(&p.at), "CPPstartDate", why);
            continue;
        }
        read.push(p);
        let s47 = enquiry_of(p, &x.enquiries);
        used.extend(s47);
        match stored
            .iter()
            .find(|e| e.details.plan_started_on == Some(p.started_on))
        {
            Some(e) => update_plan(p, e, existing, ids, plan),
            None => add_plan(p, s47, child, ids, plan),
        }
    }
    for s in x.enquiries.iter().filter(|s| !used.contains(s)) {
        let known = stored.iter().any(|e| {
            e.details.s47_started_on.is_some() && e.details.s47_started_on == s.started_on
        });
        // An enquiry during a plan belongs to that plan: it is no new episode.
        let during = read.iter().find(|p| {
            s.started_on
                .or(s.icpc_on)
                .is_some_and(|on| on >= p.started_on && p.ended_on.is_none_or(|end| on <= end))
        });
        if let Some(p) = during {
            plan.notes.push(format!(
                "child {}: the enquiry at {} falls during the plan from {}, so it is part of that plan",
                x.la_id,
                s.at,
                uk_date(p.started_on)
            ));
        } else if !known {
            add_enquiry(s, child, ids, plan);
        }
    }
}

/// A held CP meeting of the import.
fn held(
    id: MeetingId,
    child: ChildId,
    kind: MeetingKind,
    on: NaiveDate,
    decision: Option<PlanDecision>,
    category: Option<AbuseCategory>,
) -> Change {
    Change::RecordMeeting {
        id: Some(id),
        child,
        kind,
        outcome: MeetingOutcome {
            held_on: Some(on),
            plan_decision: decision,
            category: decision.and(category),
            ..MeetingOutcome::default()
        },
    }
}

/// A plan new to the store: its episode, its initial conference, its reviews.
fn add_plan(
    p: &CpPlan,
    s47: Option<&Section47>,
    child: ChildId,
    ids: &mut NextIds,
    plan: &mut ChildPlan,
) {
    let initial = category(p.initial_category.as_deref(), &p.at, plan);
    let latest = category(p.latest_category.as_deref(), &p.at, plan).or(initial);
    let episode = Change::StartCpEpisode {
        id: Some(ids.episode()),
        child,
        details: CpEpisodeDetails {
            s47_started_on: s47.and_then(|s| s.started_on),
            plan_started_on: Some(p.started_on),
            initial_category: initial,
            latest_category: latest,
            previous_plans: p.previous_plans,
            ..CpEpisodeDetails::default()
        },
    };
    plan.push(episode, Some(&p.at));
    // The initial conference made the plan: "plan made" needs its category.
    let decision = initial.map(|_| PlanDecision::PlanStarts);
    let icpc = held(
        ids.meeting(),
        child,
        MeetingKind::Icpc,
        p.started_on,
        decision,
        initial,
    );
    plan.push(icpc, Some(&p.at));
    add_reviews(p, &[], child, latest, ids, plan);
}

/// The review conferences of a plan not yet held in the store, then its end.
fn add_reviews(
    p: &CpPlan,
    held_on: &[NaiveDate],
    child: ChildId,
    category: Option<AbuseCategory>,
    ids: &mut NextIds,
    plan: &mut ChildPlan,
) {
    let mut reviews: Vec<NaiveDate> = p.reviews_held_on.clone();
    reviews.sort();
    reviews.dedup();
    for on in reviews.into_iter().filter(|on| !held_on.contains(on)) {
        let decision = if Some(on) == p.ended_on {
            PlanDecision::PlanEnds
        } else {
            PlanDecision::PlanContinues
        };
        let review = held(
            ids.meeting(),
            child,
            MeetingKind::CpReview,
            on,
            Some(decision),
            category,
        );
        plan.push(review, Some(&p.at));
    }
}

/// A plan the store has: the reviews it has not, and its end if the file knows it.
fn update_plan(
    p: &CpPlan,
    e: &caseload_core::domain::CpEpisode,
    existing: Option<&ChildRecord>,
    ids: &mut NextIds,
    plan: &mut ChildPlan,
) {
    let held_on: Vec<NaiveDate> = existing.map_or_else(Vec::new, |r| {
        r.meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::CpReview)
            .filter_map(|m| m.held_on())
            .collect()
    });
    let latest = e.details.latest_category;
    add_reviews(p, &held_on, e.child, latest, ids, plan);
    match (e.details.plan_ended_on, p.ended_on) {
        (None, Some(ended_on)) if !p.reviews_held_on.contains(&ended_on) => {
            let end = Change::UpdateCpEpisode {
                id: e.id,
                details: CpEpisodeDetails {
                    plan_ended_on: Some(ended_on),
                    ..e.details.clone()
                },
            };
            plan.push(end, Some(&p.at));
        }
        (Some(a), Some(b)) if a != b => plan.disagreements.push(format!(
            "plan from {}: the file says it ended {}, the store {} (kept)",
            uk_date(p.started_on),
            uk_date(b),
            uk_date(a)
        )),
        _ => {}
    }
}

/// An s47 enquiry with no plan: its conference held with "no plan", or an open episode whose
/// initial conference is due.
fn add_enquiry(s: &Section47, child: ChildId, ids: &mut NextIds, plan: &mut ChildPlan) {
    let Some(started_on) = s.started_on.or(s.icpc_on) else {
        return;
    };
    if s.icpc_on.is_none() && s.icpc_not_required {
        // No conference was needed: nothing for a chair to track.
        return;
    }
    let episode = Change::StartCpEpisode {
        id: Some(ids.episode()),
        child,
        details: CpEpisodeDetails {
            s47_started_on: Some(started_on),
            ..CpEpisodeDetails::default()
        },
    };
    plan.push(episode, Some(&s.at));
    if let Some(on) = s.icpc_on {
        let icpc = held(
            ids.meeting(),
            child,
            MeetingKind::Icpc,
            on,
            Some(PlanDecision::NoPlan),
            None,
        );
        plan.push(icpc, Some(&s.at));
    }
}

#[cfg(test)]
mod tests;
