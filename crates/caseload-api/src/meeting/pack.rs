//! The preparation pack of one meeting: everything a chair reads before a review or conference,
//! offline. A view model (serde + specta), shown on screen and turned into a document by
//! [`super::documents`].
//!
//! Which dates: the due date the meeting has to meet and the next one are the schedule's; each
//! held review's timeliness is `held_reviews`'s (an initial conference's, `initial_conference_due`);
//! the preparation dates count back from the meeting's date with the rules in force.

use caseload_core::decisions::tracked_decisions;
use caseload_core::domain::{
    AbuseCategory, Attendee, ChildRecord, CpEpisode, DecisionDue, DecisionState, Meeting,
    MeetingKind, MeetingStatus, Participation, PlanDecision, RecordStatus, SignsOfSafety,
};
use caseload_core::ids::{ChildId, DecisionId, MeetingId};
use caseload_core::rules::{compute_due, BaseEvent, Due, RuleDef, RuleId};
use caseload_core::schedule::{
    held_reviews, initial_conference_due, schedule, Ctx, DueItem, DueWhat,
};
use caseload_core::warnings::warnings_for_child;
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::agenda::{agenda_for, AgendaItem};
use super::decisions::DecisionStatus;
use super::words::{legal_status_label, length_of_time};
use crate::disputes::dispute_row;
use crate::snapshot::Snapshot;
use crate::views::IroRef;
use crate::{ApiError, DisputeRow, ParticipationRow};

/// The meeting the pack prepares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PackMeeting {
    /// Id.
    pub id: MeetingId,
    /// Kind.
    pub kind: MeetingKind,
    /// What it is, e.g. "Second LAC review", "Pre-birth conference".
    pub title: String,
    /// Booked or held.
    pub status: MeetingStatus,
    /// The date (held on once held, else booked on).
    pub on: Option<NaiveDate>,
    /// The time in the diary.
    pub at: Option<NaiveTime>,
    /// Where.
    pub venue: Option<String>,
    /// The due date it has to meet, with its explanation (none for a later core group).
    pub due: Option<Due>,
    /// On or before its due date (none without a date or a due date).
    pub in_time: Option<bool>,
}

/// A brother or sister, and their IRO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct SiblingBrief {
    /// The child.
    pub id: ChildId,
    /// Name as an IRO uses it.
    pub name: String,
    /// Age on the as-of date.
    pub age: Option<u32>,
    /// Their IRO now.
    pub iro: Option<IroRef>,
}

/// The child in brief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ChildBrief {
    /// The child.
    pub id: ChildId,
    /// Preferred (or first) name and family name.
    pub name: String,
    /// First name and family name, as on the record.
    pub full_name: String,
    /// The name the child likes to be called, if different.
    pub preferred_name: Option<String>,
    /// Born on.
    pub born_on: Option<NaiveDate>,
    /// Expected date of birth (an unborn child).
    pub expected_birth_on: Option<NaiveDate>,
    /// Age in years on the meeting's date (or as-of).
    pub age: Option<u32>,
    /// The local authority's reference.
    pub local_ref: Option<String>,
    /// Their IRO now.
    pub iro: Option<IroRef>,
    /// Social worker.
    pub social_worker: Option<String>,
    /// Social work team.
    pub team: Option<String>,
    /// Legal status of the open period of care, in words.
    pub legal_status: Option<String>,
    /// Looked after since (the open period of care).
    pub looked_after_since: Option<NaiveDate>,
    /// "2 years 3 months".
    pub looked_after_for: Option<String>,
    /// On a child protection plan since.
    pub plan_since: Option<NaiveDate>,
    /// "7 months".
    pub plan_for: Option<String>,
    /// The latest category of abuse of the open episode.
    pub category: Option<AbuseCategory>,
    /// The category in words.
    pub category_label: Option<String>,
    /// Brothers and sisters (same sibling group) and their IROs.
    pub siblings: Vec<SiblingBrief>,
}

/// One meeting held, in the chronology.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ChronologyRow {
    /// The meeting.
    pub meeting: MeetingId,
    /// Kind.
    pub kind: MeetingKind,
    /// "LAC review 3", "Initial child protection conference".
    pub title: String,
    /// Held on.
    pub held_on: NaiveDate,
    /// The due date it had to meet (none for a core group after the first, or a meeting
    /// outside any chain).
    pub due_on: Option<NaiveDate>,
    /// Held on or before its due date.
    pub in_time: Option<bool>,
    /// Participation code (LAC reviews).
    pub participation: Option<Participation>,
    /// Did the child attend (conferences)?
    pub child_attended: Option<bool>,
    /// What a conference decided about the plan.
    pub plan_decision: Option<PlanDecision>,
    /// Its record is finalised.
    pub record_final: bool,
}

/// A decision to report on at this meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PackDecision {
    /// Id.
    pub id: DecisionId,
    /// The meeting that made it.
    pub meeting: MeetingId,
    /// Held on.
    pub made_on: NaiveDate,
    /// Made by the previous meeting (else an earlier one, still open).
    pub from_previous_meeting: bool,
    /// Its number in that record.
    pub number: u32,
    /// What is to be done.
    pub text: String,
    /// Who.
    pub owner: String,
    /// By when, as written.
    pub due: DecisionDue,
    /// The day it is due (a "by the next review" decision: that review's day).
    pub due_on: Option<NaiveDate>,
    /// Open, overdue, done or dropped.
    pub status: DecisionStatus,
    /// How it was done or why it was dropped, with the day.
    pub state: DecisionState,
}

/// One thing to be done before the meeting, counted back from its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PreparationStep {
    /// The rule.
    pub rule: RuleId,
    /// What, e.g. "Reports with the IRO".
    pub title: String,
    /// Due by, with its explanation.
    pub due: Option<Due>,
    /// The date it was done, if recorded.
    pub done_on: Option<NaiveDate>,
    /// Not done and its date has passed on the as-of date.
    pub late: bool,
}

/// The Signs of Safety mapping of the episode's last conference with a final record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LastMapping {
    /// The conference.
    pub meeting: MeetingId,
    /// Its kind.
    pub kind: MeetingKind,
    /// Held on.
    pub held_on: NaiveDate,
    /// The mapping, with each participant's scaling.
    pub mapping: SignsOfSafety,
}

/// The next meeting's due date if this one is held on its date, for the record writer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct NextMeeting {
    /// "LAC review", "CP review conference".
    pub title: String,
    /// The due date, with its Why.
    pub due: Due,
    /// What the date assumes ("if this review is held on Mon 7 Dec 2026").
    pub assuming: String,
}

/// The preparation pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PackView {
    /// The day the pack was prepared.
    pub as_of: NaiveDate,
    /// The meeting.
    pub meeting: PackMeeting,
    /// The chair (the IRO allocated on the meeting's date, else now).
    pub chair: Option<IroRef>,
    /// The child in brief.
    pub child: ChildBrief,
    /// What to do before the meeting: the IRO sees the child, the social worker's contact, the
    /// reports.
    pub preparation: Vec<PreparationStep>,
    /// Who to invite: the previous record's attendance list.
    pub invited: Vec<Attendee>,
    /// The meeting whose record the invitation list comes from.
    pub invited_from: Option<MeetingId>,
    /// The agenda.
    pub agenda: Vec<AgendaItem>,
    /// The previous meeting's decisions, then any still open from earlier meetings.
    pub decisions: Vec<PackDecision>,
    /// The previous meeting of the same chain, if any.
    pub previous_meeting: Option<MeetingId>,
    /// A review conference: the last conference's mapping and scaling, to compare.
    pub last_mapping: Option<LastMapping>,
    /// Open disputes with their clocks.
    pub disputes: Vec<DisputeRow>,
    /// Every meeting held, oldest first.
    pub chronology: Vec<ChronologyRow>,
    /// Participation in LAC reviews and advocacy, oldest first.
    pub participation: Vec<ParticipationRow>,
    /// The next meeting's due date if this one is held on its date.
    pub next_meeting: Option<NextMeeting>,
}

impl PackView {
    /// The meeting's and each step's and row's title in the authority's words (LAC or CLA).
    pub(crate) fn in_words(&mut self, words: caseload_core::settings::Terminology) {
        let say = |t: &mut String| *t = words.say(t);
        say(&mut self.meeting.title);
        self.preparation.iter_mut().for_each(|p| say(&mut p.title));
        self.chronology.iter_mut().for_each(|c| say(&mut c.title));
        if let Some(next) = &mut self.next_meeting {
            say(&mut next.title);
        }
    }
}

pub(crate) fn pack_view(
    snap: &Snapshot,
    record: &ChildRecord,
    m: &Meeting,
    as_of: NaiveDate,
) -> Result<PackView, ApiError> {
    if m.status == MeetingStatus::Cancelled {
        return Err(ApiError::BadInput(format!(
            "meeting {} ({}) was cancelled: it has no pack",
            m.id,
            m.kind.label()
        )));
    }
    let ctx = snap.ctx();
    let on = m.date();
    let iro_ref = |id| snap.iro_ref(id);
    let previous = previous_meeting(record, m);
    let (invited, invited_from) = invitation_list(record, m);
    let child = child_brief(snap, record, on.unwrap_or(as_of), as_of);
    let unborn = record.child.details.is_unborn();
    Ok(PackView {
        as_of,
        meeting: pack_meeting(record, m, &ctx, as_of),
        chair: on
            .map_or_else(|| record.current_iro(), |d| record.iro_for(d))
            .map(iro_ref),
        agenda: agenda_for(m.kind, unborn, child.age),
        child,
        preparation: on.map_or_else(Vec::new, |d| preparation(m, d, &ctx, as_of)),
        invited,
        invited_from,
        decisions: pack_decisions(record, previous.map(|p| p.id), &ctx, as_of),
        previous_meeting: previous.map(|p| p.id),
        last_mapping: (m.kind == MeetingKind::CpReview)
            .then(|| last_mapping(record, m))
            .flatten(),
        disputes: open_disputes(snap, record, as_of),
        chronology: chronology(record, &ctx),
        participation: participation(record),
        next_meeting: next_meeting(record, m, &ctx),
    })
}

/// The meeting kinds of one chain: LAC reviews, or the conferences and core groups of a plan.
fn same_family(a: MeetingKind, b: MeetingKind) -> bool {
    a.is_child_protection() == b.is_child_protection()
}

/// The latest meeting of the same chain held before this one (before its date, or before
/// as-of without one).
fn previous_meeting<'a>(record: &'a ChildRecord, m: &Meeting) -> Option<&'a Meeting> {
    let before = m.date();
    record
        .meetings
        .iter()
        .filter(|p| p.id != m.id && same_family(p.kind, m.kind))
        .filter(|p| match (p.held_on(), before) {
            (Some(h), Some(b)) => h <= b,
            (Some(_), None) => true,
            _ => false,
        })
        // A core group does not replace the last conference for a conference's pack.
        .filter(|p| m.kind == MeetingKind::CoreGroup || p.kind != MeetingKind::CoreGroup)
        .max_by_key(|p| (p.held_on(), p.id))
}

/// The attendance list of the latest record (final or draft) of the same chain before this
/// meeting: who to invite.
fn invitation_list(record: &ChildRecord, m: &Meeting) -> (Vec<Attendee>, Option<MeetingId>) {
    let before = m.date();
    let latest = record
        .records
        .iter()
        .filter(|r| r.meeting != m.id && !r.record.attendance.is_empty())
        .filter_map(|r| {
            let p = record.meetings.iter().find(|p| p.id == r.meeting)?;
            let held = p.held_on()?;
            (same_family(p.kind, m.kind) && before.is_none_or(|b| held <= b)).then_some((held, r))
        })
        .max_by_key(|(held, r)| (*held, r.meeting));
    match latest {
        Some((_, r)) => (r.record.attendance.clone(), Some(r.meeting)),
        None => (Vec::new(), None),
    }
}

/// The due date this meeting has to meet: a held review's from `held_reviews`, a booked one's
/// from the schedule item it is booked against, an initial conference's from its episode.
fn meeting_due(
    record: &ChildRecord,
    m: &Meeting,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> (Option<Due>, Option<String>) {
    if let Some(h) = held_reviews(record, ctx)
        .into_iter()
        .find(|h| h.meeting == m.id)
    {
        let title = review_title(h.kind, h.number);
        return (Some(h.due), Some(title));
    }
    let item: Option<DueItem> = schedule(record, ctx, as_of)
        .into_iter()
        .find(|i| i.booked.as_ref().is_some_and(|b| b.meeting == m.id));
    if let Some(item) = item {
        let title = match (item.what, item.number) {
            (DueWhat::LacReview | DueWhat::CpReview, Some(n)) if !item.title.contains("hort") => {
                review_title(m.kind, n)
            }
            _ => item.title.into_owned(),
        };
        return (Some(item.due), Some(title));
    }
    if matches!(
        m.kind,
        MeetingKind::Icpc | MeetingKind::TransferInConference
    ) {
        if let Some(initial) =
            episode_of(record, m).and_then(|e| initial_conference_due(record, e, ctx))
        {
            return (Some(initial.due), Some(initial.title.to_string()));
        }
    }
    (None, None)
}

/// "Third LAC review", "CP review conference 2".
fn review_title(kind: MeetingKind, number: u32) -> String {
    let ordinal = match number {
        1 => "First",
        2 => "Second",
        3 => "Third",
        4 => "Fourth",
        5 => "Fifth",
        6 => "Sixth",
        7 => "Seventh",
        8 => "Eighth",
        9 => "Ninth",
        10 => "Tenth",
        _ => "",
    };
    match (kind, ordinal) {
        (MeetingKind::LacReview, "") => format!("LAC review {number}"),
        (MeetingKind::LacReview, o) => format!("{o} LAC review"),
        (_, "") => format!("CP review conference {number}"),
        (_, o) => format!("{o} CP review conference"),
    }
}

/// The child-protection episode a meeting belongs to (open on its date, else the latest).
fn episode_of<'a>(record: &'a ChildRecord, m: &Meeting) -> Option<&'a CpEpisode> {
    match m.date() {
        Some(on) => record.cp_episodes.iter().find(|e| e.is_open_on(on)),
        None => record.cp_episodes.last(),
    }
}

fn pack_meeting(record: &ChildRecord, m: &Meeting, ctx: &Ctx<'_>, as_of: NaiveDate) -> PackMeeting {
    let (due, title) = meeting_due(record, m, ctx, as_of);
    let on = m.date();
    let title = title.unwrap_or_else(|| {
        if m.kind == MeetingKind::Icpc && record.child.details.is_unborn() {
            "Pre-birth conference".to_string()
        } else {
            m.kind.label().to_string()
        }
    });
    PackMeeting {
        id: m.id,
        kind: m.kind,
        title,
        status: m.status,
        on,
        at: m.booked_at,
        venue: m.venue.clone(),
        in_time: match (on, &due) {
            (Some(on), Some(due)) => Some(on <= due.due),
            _ => None,
        },
        due,
    }
}

pub(super) fn child_brief(
    snap: &Snapshot,
    record: &ChildRecord,
    on: NaiveDate,
    as_of: NaiveDate,
) -> ChildBrief {
    let d = &record.child.details;
    let iro_ref = |id| snap.iro_ref(id);
    let period = record
        .open_care_period(on)
        .or_else(|| record.open_care_period(as_of));
    let episode = record
        .open_cp_episode(on)
        .or_else(|| record.open_cp_episode(as_of));
    let plan_since = episode.and_then(|e| e.details.plan_started_on);
    let category = episode.and_then(|e| e.details.latest_category.or(e.details.initial_category));
    let siblings = match &d.sibling_group {
        Some(group) => snap
            .caseload
            .children
            .iter()
            .filter(|r| r.child.id != record.child.id)
            .filter(|r| r.child.details.sibling_group.as_ref() == Some(group))
            .map(|r| SiblingBrief {
                id: r.child.id,
                name: r.child.details.display_name(),
                age: r.child.details.age_on(as_of),
                iro: r.current_iro().map(iro_ref),
            })
            .collect(),
        None => Vec::new(),
    };
    ChildBrief {
        id: record.child.id,
        name: d.display_name(),
        full_name: format!("{} {}", d.first_name, d.last_name),
        preferred_name: d
            .preferred_name
            .clone()
            .filter(|p| !p.trim().is_empty() && *p != d.first_name),
        born_on: d.born_on,
        expected_birth_on: d.expected_birth_on,
        age: d.age_on(on),
        local_ref: d.local_ref.clone(),
        iro: record.current_iro().map(iro_ref),
        social_worker: d.social_worker.clone(),
        team: d.team.clone(),
        legal_status: period.map(|p| legal_status_label(p.legal_status).to_string()),
        looked_after_since: period.map(|p| p.started_on),
        looked_after_for: period
            .filter(|p| p.started_on < on)
            .map(|p| length_of_time(p.started_on, on)),
        plan_since,
        plan_for: plan_since
            .filter(|s| *s < on)
            .map(|s| length_of_time(s, on)),
        category,
        category_label: category.map(|c| c.label().to_string()),
        siblings,
    }
}

/// The steps before the meeting: for a LAC review, the IRO sees the child, the social worker's
/// contact and the reports; for a conference, the social worker's report.
fn preparation(
    m: &Meeting,
    on: NaiveDate,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Vec<PreparationStep> {
    let o = &m.outcome;
    let steps: Vec<(RuleId, Option<NaiveDate>)> = match m.kind {
        MeetingKind::LacReview => vec![
            (RuleId::ChildSeenBeforeReview, o.child_seen_on),
            (RuleId::SocialWorkerContact, o.social_worker_contact_on),
            (RuleId::ReportsToIro, o.reports_received_on),
        ],
        MeetingKind::CoreGroup => Vec::new(),
        _ => vec![(RuleId::ReportsToIro, o.reports_received_on)],
    };
    let base = format!("the {} booked", m.kind.label().to_lowercase());
    steps
        .into_iter()
        .map(|(rule, done_on)| {
            let due = compute_due(
                rule,
                BaseEvent::new(base.clone(), on),
                ctx.rules,
                ctx.calendar,
                ctx.settings.convention,
            )
            .ok();
            let title = match (rule, m.kind) {
                (RuleId::ReportsToIro, kind) if kind != MeetingKind::LacReview => {
                    "Reports for the conference with the chair".to_string()
                }
                _ => RuleDef::of(rule).title.to_string(),
            };
            PreparationStep {
                rule,
                title,
                late: done_on.is_none() && due.as_ref().is_some_and(|d| as_of > d.due),
                due,
                done_on,
            }
        })
        .collect()
}

/// The previous meeting's decisions, then the decisions of earlier meetings still open.
fn pack_decisions(
    record: &ChildRecord,
    previous: Option<MeetingId>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Vec<PackDecision> {
    let mut rows: Vec<PackDecision> = tracked_decisions(record, ctx, as_of)
        .into_iter()
        .filter(|t| Some(t.decision.meeting) == previous || t.decision.state == DecisionState::Open)
        .map(|t| PackDecision {
            id: t.decision.id,
            meeting: t.decision.meeting,
            made_on: t.made_on,
            from_previous_meeting: Some(t.decision.meeting) == previous,
            number: t.decision.number,
            status: DecisionStatus::of(&t),
            text: t.decision.text,
            owner: t.decision.owner,
            due: t.decision.due,
            due_on: t.due_on,
            state: t.decision.state,
        })
        .collect();
    rows.sort_by_key(|r| (!r.from_previous_meeting, r.made_on, r.number));
    rows
}

/// The episode's last conference before this one with a final record holding a mapping.
fn last_mapping(record: &ChildRecord, m: &Meeting) -> Option<LastMapping> {
    let episode = episode_of(record, m)?;
    record
        .records
        .iter()
        .filter(|r| r.status == RecordStatus::Final && r.meeting != m.id)
        .filter_map(|r| {
            let p = record.meetings.iter().find(|p| p.id == r.meeting)?;
            let held_on = p.held_on()?;
            let is_conference = p.kind.is_child_protection() && p.kind != MeetingKind::CoreGroup;
            let in_episode = episode.is_open_on(held_on);
            let before = m.date().is_none_or(|d| held_on <= d);
            let mapping = r.record.signs_of_safety.clone()?;
            (is_conference && in_episode && before).then_some(LastMapping {
                meeting: p.id,
                kind: p.kind,
                held_on,
                mapping,
            })
        })
        .max_by_key(|l| (l.held_on, l.meeting))
}

fn open_disputes(snap: &Snapshot, record: &ChildRecord, as_of: NaiveDate) -> Vec<DisputeRow> {
    let warnings = warnings_for_child(record, &snap.ctx(), as_of);
    let allocated = record.iro_for(as_of);
    record
        .disputes
        .iter()
        .filter(|d| d.is_open())
        .map(|d| dispute_row(snap, record, d, allocated, &warnings, as_of))
        .collect()
}

/// Every meeting held, oldest first, with the due date it had to meet where it had one.
fn chronology(record: &ChildRecord, ctx: &Ctx<'_>) -> Vec<ChronologyRow> {
    let reviews = held_reviews(record, ctx);
    let mut rows: Vec<ChronologyRow> = record
        .meetings
        .iter()
        .filter_map(|m| {
            let held_on = m.held_on()?;
            let (due_on, title) = match reviews.iter().find(|h| h.meeting == m.id) {
                Some(h) => (Some(h.due.due), review_title(h.kind, h.number)),
                None => initial_due(record, m, ctx),
            };
            Some(ChronologyRow {
                meeting: m.id,
                kind: m.kind,
                title,
                held_on,
                in_time: due_on.map(|d| held_on <= d),
                due_on,
                participation: m.outcome.participation,
                child_attended: m.outcome.child_attended,
                plan_decision: m.outcome.plan_decision,
                record_final: record
                    .records
                    .iter()
                    .any(|r| r.meeting == m.id && r.status == RecordStatus::Final),
            })
        })
        .collect();
    rows.sort_by_key(|r| (r.held_on, r.meeting));
    rows
}

/// An initial or transfer-in conference's due date (the first of its episode only), else none.
fn initial_due(record: &ChildRecord, m: &Meeting, ctx: &Ctx<'_>) -> (Option<NaiveDate>, String) {
    let title = m.kind.label().to_string();
    if !matches!(
        m.kind,
        MeetingKind::Icpc | MeetingKind::TransferInConference
    ) {
        return (None, title);
    }
    let Some(episode) = episode_of(record, m) else {
        return (None, title);
    };
    let first = record
        .meetings
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                MeetingKind::Icpc | MeetingKind::TransferInConference
            )
        })
        .filter(|p| p.held_on().is_some_and(|h| episode.is_open_on(h)))
        .min_by_key(|p| (p.held_on(), p.id));
    if first.map(|f| f.id) != Some(m.id) {
        return (None, title);
    }
    match initial_conference_due(record, episode, ctx) {
        Some(i) => (Some(i.due.due), i.title.to_string()),
        None => (None, title),
    }
}

fn participation(record: &ChildRecord) -> Vec<ParticipationRow> {
    record
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::LacReview)
        .filter_map(|m| {
            m.held_on().map(|held_on| ParticipationRow {
                meeting: m.id,
                held_on,
                code: m.outcome.participation,
                meaning: m.outcome.participation.map(|p| p.meaning().to_string()),
                advocate_offered: m.outcome.advocate_offered,
                advocate_used: m.outcome.advocate_used,
            })
        })
        .collect()
}

/// The next meeting's due date if this one is held on its date: the schedule of the child's
/// record with this meeting held (a conference making or keeping a plan), as of that date.
fn next_meeting(record: &ChildRecord, m: &Meeting, ctx: &Ctx<'_>) -> Option<NextMeeting> {
    let on = m.date()?;
    let wanted = match m.kind {
        MeetingKind::LacReview => DueWhat::LacReview,
        MeetingKind::Icpc | MeetingKind::TransferInConference | MeetingKind::CpReview => {
            DueWhat::CpReview
        }
        MeetingKind::CoreGroup => return None,
    };
    let mut held = record.clone();
    let mut assuming = format!(
        "if this {} is held on {}",
        short_kind(m.kind),
        caseload_core::explain::uk_date(on)
    );
    if let Some(h) = held.meetings.iter_mut().find(|h| h.id == m.id) {
        h.status = MeetingStatus::Held;
        h.outcome.held_on = Some(on);
        if h.outcome.plan_decision.is_none() {
            match m.kind {
                MeetingKind::Icpc | MeetingKind::TransferInConference => {
                    h.outcome.plan_decision = Some(PlanDecision::PlanStarts);
                    assuming.push_str(" and makes a plan");
                }
                MeetingKind::CpReview => {
                    h.outcome.plan_decision = Some(PlanDecision::PlanContinues);
                    assuming.push_str(" and the plan continues");
                }
                _ => {}
            }
        }
    }
    let item = schedule(&held, ctx, on)
        .into_iter()
        .find(|i| i.what == wanted)?;
    Some(NextMeeting {
        title: item.title.into_owned(),
        due: item.due,
        assuming,
    })
}

fn short_kind(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::LacReview => "review",
        MeetingKind::CoreGroup => "core group",
        _ => "conference",
    }
}
