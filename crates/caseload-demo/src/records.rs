//! The demo's meeting records (issue 11, point 6): what a chair has written in the app, added
//! after every family and dispute so the rest of the demo is exactly as it was.
//!
//! Pure over the changes already generated. A few held meetings become meetings booked, then
//! written up and finalised through the record writer's changes (`book_meeting`,
//! `finalise_record`, `record_decisions_sent`, `record_record_sent`, `decision_done`,
//! `decision_dropped`); one booked meeting of the demo Monday gets a draft (`save_record_draft`).
//! No random draw: each choice is the first candidate in date order, so the rest of the demo is
//! untouched and the choices are the same on every run. As of the demo Monday:
//! - the next review conference: a child on a plan whose first review conference is booked in
//!   the next two weeks; their initial conference (with the Signs of Safety mapping and
//!   scaling) and the core group after it are finalised, and the booked review conference has
//!   no record, so the pack shows the last conference's scaling and the decisions to review;
//! - a review conference finalised months ago, for another child whose next one is booked;
//! - a LAC review held a week or two ago: decisions sent, the record not yet (its clock runs);
//! - a transfer-in conference and a pre-birth conference held in the last working days in
//!   place of their bookings, decisions sent and the records' clocks running;
//! - decisions overdue (one on each of the older records), done with a note, one dropped with
//!   its reason, and others open and not yet due (by a date or by the next review);
//! - a draft in progress for a LAC review booked on the Monday itself.
//!
//! Decision ids are assigned by the store in the order records are finalised, from 1 in the
//! empty store the demo is loaded into; a closing names its decision by that order.

use super::record_texts::{self, Who, Written};
use super::{names, DemoOptions};
use caseload_core::calendar::{Calendar, Convention};
use caseload_core::change::Change;
use caseload_core::domain::{
    ChildDetails, CpEpisodeDetails, MeetingKind, MeetingOutcome, MeetingRecord, PlanDecision,
};
use caseload_core::ids::{ChildId, DecisionId, MeetingId};
use chrono::{NaiveDate, NaiveTime};
use std::collections::{BTreeMap, BTreeSet};

/// The demo's changes with its records written in.
pub(super) fn with_records(changes: Vec<Change>, options: &DemoOptions) -> Vec<Change> {
    let facts = Facts::read(&changes, options.as_of);
    let mut plan = Plan::new(&facts);
    plan.next_review_conference();
    plan.review_conference();
    plan.lac_review();
    plan.transfer_in();
    plan.pre_birth();
    plan.draft();
    plan.edits.apply(changes)
}

// ---------------------------------------------------------------------------------------------
// What the generated changes say.

#[derive(Debug, Clone)]
struct Held {
    index: usize,
    id: MeetingId,
    child: ChildId,
    kind: MeetingKind,
    outcome: MeetingOutcome,
}

impl Held {
    fn on(&self) -> NaiveDate {
        self.outcome
            .held_on
            .expect("the demo records held meetings with a date")
    }
}

#[derive(Debug, Clone)]
struct Booked {
    index: usize,
    id: MeetingId,
    child: ChildId,
    kind: MeetingKind,
    on: NaiveDate,
    at: Option<NaiveTime>,
    venue: Option<String>,
}

#[derive(Debug, Clone)]
struct Episode {
    index: usize,
    change: Change,
    details: CpEpisodeDetails,
}

struct Facts {
    as_of: NaiveDate,
    cal: Calendar,
    children: BTreeMap<ChildId, ChildDetails>,
    held: Vec<Held>,
    /// Still in the diary (not cancelled or adjourned).
    booked: Vec<Booked>,
    /// Each child's child-protection episodes.
    episodes: BTreeMap<ChildId, Vec<Episode>>,
    looked_after: BTreeSet<ChildId>,
    next_meeting: i64,
}

impl Facts {
    fn read(changes: &[Change], as_of: NaiveDate) -> Facts {
        let mut facts = Facts {
            as_of,
            cal: Calendar::bundled(),
            children: BTreeMap::new(),
            held: Vec::new(),
            booked: Vec::new(),
            episodes: BTreeMap::new(),
            looked_after: BTreeSet::new(),
            next_meeting: 1,
        };
        let mut off = BTreeSet::new();
        for (index, change) in changes.iter().enumerate() {
            facts.read_one(index, change, &mut off);
        }
        facts.booked.retain(|b| !off.contains(&b.id));
        facts
    }

    fn read_one(&mut self, index: usize, change: &Change, off: &mut BTreeSet<MeetingId>) {
        match change {
            Change::AddChild {
                id: Some(id),
                details,
                ..
            } => {
                self.children.insert(*id, details.clone());
            }
            Change::StartCare { child, .. } => {
                self.looked_after.insert(*child);
            }
            Change::StartCpEpisode { child, details, .. } => {
                self.episodes.entry(*child).or_default().push(Episode {
                    index,
                    change: change.clone(),
                    details: details.clone(),
                });
            }
            Change::BookMeeting {
                id: Some(id),
                child,
                kind,
                on,
                at,
                venue,
            } => {
                self.next_meeting = self.next_meeting.max(id.0 + 1);
                self.booked.push(Booked {
                    index,
                    id: *id,
                    child: *child,
                    kind: *kind,
                    on: *on,
                    at: *at,
                    venue: venue.clone(),
                });
            }
            Change::RecordMeeting {
                id: Some(id),
                child,
                kind,
                outcome,
            } if outcome.held_on.is_some() => {
                self.next_meeting = self.next_meeting.max(id.0 + 1);
                self.held.push(Held {
                    index,
                    id: *id,
                    child: *child,
                    kind: *kind,
                    outcome: outcome.clone(),
                });
            }
            Change::CancelMeeting { id, .. } | Change::AdjournMeeting { id, .. } => {
                off.insert(*id);
            }
            _ => {}
        }
    }

    fn add_wd(&self, from: NaiveDate, n: u32) -> NaiveDate {
        self.cal
            .add_working_days(from, n, Convention::EventDayIsDayZero)
            .result
    }

    fn sub_wd(&self, from: NaiveDate, n: u32) -> NaiveDate {
        self.cal.sub_working_days(from, n).result
    }

    fn who(&self, child: ChildId) -> Who {
        Who::of(child, &self.children[&child])
    }

    fn in_group(&self, child: ChildId) -> bool {
        self.children[&child].sibling_group.is_some()
    }

    fn age(&self, child: ChildId, on: NaiveDate) -> Option<u32> {
        self.children[&child].age_on(on)
    }

    /// The child's latest conference (not a core group) held before `before`.
    fn last_conference(&self, child: ChildId, before: NaiveDate) -> Option<&Held> {
        self.held
            .iter()
            .filter(|h| h.child == child && h.on() < before)
            .filter(|h| h.kind.is_child_protection() && h.kind != MeetingKind::CoreGroup)
            .max_by_key(|h| (h.on(), h.id))
    }
}

// ---------------------------------------------------------------------------------------------
// The edits: which changes are replaced, and by what.

enum Step {
    Change(Box<Change>),
    /// Closes the n-th decision (from 1) of the record finalised last.
    Close(u32, Closing),
}

/// How a decision was closed.
pub(super) enum Closing {
    Done { on: NaiveDate, note: String },
    Dropped { on: NaiveDate, reason: String },
}

fn step(change: Change) -> Step {
    Step::Change(Box::new(change))
}

#[derive(Default)]
struct Edits(BTreeMap<usize, Vec<Step>>);

impl Edits {
    fn apply(mut self, changes: Vec<Change>) -> Vec<Change> {
        let mut out = Vec::with_capacity(changes.len() + 16 * self.0.len());
        let (mut next_decision, mut first) = (1, 1);
        for (index, change) in changes.into_iter().enumerate() {
            let steps = self
                .0
                .remove(&index)
                .unwrap_or_else(|| vec![Step::Change(Box::new(change))]);
            for step in steps {
                let change = match step {
                    Step::Change(change) => *change,
                    Step::Close(n, closing) => closing.change(DecisionId(first + i64::from(n) - 1)),
                };
                if let Change::FinaliseRecord { record, .. } = &change {
                    first = next_decision;
                    next_decision += record.decisions.len() as i64;
                }
                out.push(change);
            }
        }
        out
    }
}

impl Closing {
    fn change(self, id: DecisionId) -> Change {
        match self {
            Closing::Done { on, note } => Change::DecisionDone {
                id,
                on,
                note: Some(note),
            },
            Closing::Dropped { on, reason } => Change::DecisionDropped { id, on, reason },
        }
    }

    fn on(&self) -> NaiveDate {
        match self {
            Closing::Done { on, .. } | Closing::Dropped { on, .. } => *on,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The plan: which meetings get a record.

struct Plan<'f> {
    facts: &'f Facts,
    edits: Edits,
    /// Children with a record already, so each scenario is a different child.
    used: BTreeSet<ChildId>,
    next_meeting: i64,
}

impl<'f> Plan<'f> {
    fn new(facts: &'f Facts) -> Plan<'f> {
        Plan {
            facts,
            edits: Edits::default(),
            used: BTreeSet::new(),
            next_meeting: facts.next_meeting,
        }
    }

    /// A child on a plan whose first review conference is booked in the next two weeks: their
    /// initial conference and the core group after it are finalised; the booked review
    /// conference is left for the chair to write.
    fn next_review_conference(&mut self) {
        let f = self.facts;
        let horizon = f.as_of + chrono::Days::new(14);
        let found = f
            .booked
            .iter()
            .filter(|b| b.kind == MeetingKind::CpReview && b.on > f.as_of && b.on <= horizon)
            .filter(|b| !f.children[&b.child].is_unborn() && !self.used.contains(&b.child))
            .filter_map(|b| Some((b, f.last_conference(b.child, b.on)?)))
            .find(|(_, p)| {
                p.kind == MeetingKind::Icpc
                    && p.outcome.plan_decision == Some(PlanDecision::PlanStarts)
            });
        let Some((next, icpc)) = found else {
            return;
        };
        let core_group = f
            .held
            .iter()
            .filter(|h| h.child == icpc.child && h.kind == MeetingKind::CoreGroup)
            .filter(|h| h.on() > icpc.on() && h.on() < next.on)
            .min_by_key(|h| (h.on(), h.id));
        let who = f.who(icpc.child);
        let age = f.age(icpc.child, icpc.on());
        let written = record_texts::icpc(&who, icpc.on(), core_group.map(Held::on), age);
        let next_on = Some(next.on);
        self.finalise_held(icpc, written, next_on);
        if let Some(cg) = core_group {
            let written = record_texts::core_group(&who, cg.on());
            self.finalise_held(cg, written, Some(f.add_wd(cg.on(), 30).min(next.on)));
        }
        self.used.insert(icpc.child);
    }

    /// A review conference held months ago, for a child (four or older, not in a sibling
    /// group) whose next review conference is booked in the next four weeks.
    fn review_conference(&mut self) {
        let f = self.facts;
        let horizon = f.as_of + chrono::Days::new(28);
        let candidates: Vec<(&Booked, &Held)> = f
            .booked
            .iter()
            .filter(|b| b.kind == MeetingKind::CpReview && b.on > f.as_of && b.on <= horizon)
            .filter(|b| !self.used.contains(&b.child))
            .filter_map(|b| Some((b, f.last_conference(b.child, b.on)?)))
            .filter(|(_, p)| {
                p.kind == MeetingKind::CpReview
                    && p.outcome.plan_decision == Some(PlanDecision::PlanContinues)
            })
            .collect();
        let fits = |(_, p): &&(&Booked, &Held)| {
            !f.in_group(p.child) && f.age(p.child, p.on()).is_some_and(|a| a >= 4)
        };
        let found = candidates.iter().find(fits).or(candidates.first());
        let Some(&(next, review)) = found else {
            return;
        };
        let who = f.who(review.child);
        let age = f.age(review.child, review.on());
        let written = record_texts::cp_review(&who, review.on(), age, &review.outcome);
        self.finalise_held(review, written, Some(next.on));
        self.used.insert(review.child);
    }

    /// A LAC review of the last few weeks, of a child of 8 or over: at best held 5–15 working
    /// days ago by a child of 10–15, its decisions sent and the record not yet.
    fn lac_review(&mut self) {
        let f = self.facts;
        let (lo, hi) = (f.sub_wd(f.as_of, 20), f.sub_wd(f.as_of, 3));
        // Best: 5–15 working days ago, aged 10–15, decisions sent and the record not yet.
        let (best_lo, best_hi) = (f.sub_wd(f.as_of, 15), f.sub_wd(f.as_of, 5));
        let best = |h: &Held| {
            let sent = (h.outcome.decisions_sent_on, h.outcome.record_sent_on);
            let age = f.age(h.child, f.as_of).unwrap_or(0);
            (
                matches!(sent, (Some(_), None)),
                (best_lo..=best_hi).contains(&h.on()),
                (10..=15).contains(&age),
            )
        };
        let found = f
            .held
            .iter()
            .filter(|h| h.kind == MeetingKind::LacReview && !self.used.contains(&h.child))
            .filter(|h| (lo..=hi).contains(&h.on()) && !f.in_group(h.child))
            .filter(|h| f.age(h.child, h.on()).is_some_and(|a| a >= 8))
            .filter(|h| !f.episodes.contains_key(&h.child) && h.outcome.early_reason.is_none())
            .max_by_key(|h| (best(h), h.on(), h.id));
        let Some(review) = found else {
            return;
        };
        let who = f.who(review.child);
        let written = record_texts::lac_review(&who, review.on(), &review.outcome);
        let next = caseload_core::calendar::add_months(review.on(), 6).result;
        self.finalise_held(review, written, Some(f.cal.plan_by(next)));
        self.used.insert(review.child);
    }

    /// A child on another authority's plan who moved in: the transfer-in conference held two
    /// working days ago (in place of its booking, if it had one).
    fn transfer_in(&mut self) {
        let f = self.facts;
        let candidates: Vec<(ChildId, &Episode)> = f
            .episodes
            .iter()
            .filter(|(child, _)| !self.used.contains(child))
            .filter(|(child, _)| !f.held.iter().any(|h| h.child == **child))
            .flat_map(|(child, eps)| eps.iter().map(move |e| (*child, e)))
            .filter(|(_, e)| e.details.transfer_in_notified_on.is_some())
            .collect();
        let booking = |child: ChildId| {
            f.booked
                .iter()
                .find(|b| b.child == child && b.kind == MeetingKind::TransferInConference)
        };
        // The last with a booking, else the last: the first transfer-in stays unbooked.
        let found = candidates
            .iter()
            .rev()
            .find(|(child, _)| booking(*child).is_some())
            .or(candidates.last());
        let Some(&(child, episode)) = found else {
            return;
        };
        let notified = episode
            .details
            .transfer_in_notified_on
            .expect("a transfer-in");
        let held = f.sub_wd(f.cal.plan_by(f.as_of), 2).max(notified);
        let category = episode.details.initial_category;
        let written = record_texts::transfer_in(&f.who(child), held, f.age(child, held), category);
        self.hold_booked(
            child,
            MeetingKind::TransferInConference,
            episode,
            held,
            written,
        );
    }

    /// An unborn child referred late: the pre-birth conference held on the last working day
    /// (in place of its booking). Never the one booked on a bank holiday.
    fn pre_birth(&mut self) {
        let f = self.facts;
        let on_holiday = |child: ChildId| {
            f.booked
                .iter()
                .any(|b| b.child == child && !f.cal.is_working_day(b.on))
        };
        let found = f
            .children
            .iter()
            .filter(|(child, d)| d.is_unborn() && !self.used.contains(*child))
            .filter(|(child, _)| !on_holiday(**child) && !f.held.iter().any(|h| h.child == **child))
            .filter_map(|(child, d)| {
                let episode = f.episodes.get(child)?.last()?;
                Some((*child, d.expected_birth_on, episode))
            })
            .min_by_key(|(child, expected, _)| (*expected, *child));
        let Some((child, _, episode)) = found else {
            return;
        };
        let started = episode
            .details
            .strategy_on
            .max(episode.details.s47_started_on);
        let today = f.cal.plan_by(f.as_of);
        let held = f.sub_wd(today, 1);
        let held = if started.is_some_and(|s| s > held) {
            today
        } else {
            held
        };
        if started.is_some_and(|s| s > held) {
            return;
        }
        let written = record_texts::pre_birth(&f.who(child), held);
        self.hold_booked(child, MeetingKind::Icpc, episode, held, written);
    }

    /// A draft for the first LAC review booked on the Monday itself: the chair started it.
    fn draft(&mut self) {
        let f = self.facts;
        let found = f
            .booked
            .iter()
            .filter(|b| b.kind == MeetingKind::LacReview && b.on == f.as_of)
            .filter(|b| !self.used.contains(&b.child))
            .min_by_key(|b| (b.at, b.id));
        let Some(booked) = found else {
            return;
        };
        let details = &f.children[&booked.child];
        let record = record_texts::lac_draft(&f.who(booked.child), details, booked.on);
        let book = book_change(booked, booked.on);
        let draft = Change::SaveRecordDraft {
            meeting: booked.id,
            record,
        };
        self.edits
            .0
            .insert(booked.index, vec![step(book), step(draft)]);
        self.used.insert(booked.child);
    }

    // --- the changes -------------------------------------------------------------------------

    /// A held meeting written through the record writer: booked for the day it was held, its
    /// preparation, the record finalised, the sent dates, then the decisions closed since.
    fn finalise_held(&mut self, held: &Held, written: Written, next: Option<NaiveDate>) {
        let o = &held.outcome;
        let slot = slot(held.id, held.kind);
        let mut steps = vec![step(Change::BookMeeting {
            id: Some(held.id),
            child: held.child,
            kind: held.kind,
            on: held.on(),
            at: Some(slot.0),
            venue: Some(slot.1.to_string()),
        })];
        let preparation = [
            o.child_seen_on
                .map(|on| Change::RecordChildSeen { id: held.id, on }),
            o.social_worker_contact_on
                .map(|on| Change::RecordSocialWorkerContact { id: held.id, on }),
            o.reports_received_on
                .map(|on| Change::RecordReportsReceived { id: held.id, on }),
        ];
        steps.extend(preparation.into_iter().flatten().map(step));
        let record = MeetingRecord {
            held_on: o.held_on,
            participation: o.participation,
            advocate_offered: o.advocate_offered,
            advocate_used: o.advocate_used,
            child_attended: o.child_attended,
            plan_decision: o.plan_decision,
            category: o.category,
            next_meeting_on: next,
            ..written.record
        };
        let sent = (o.decisions_sent_on, o.record_sent_on);
        self.finalise(held.index, held.id, steps, record, sent, written.closings);
    }

    /// A conference held on `held` in place of the child's booking of `kind`, or, with none,
    /// as a new meeting after their episode started.
    fn hold_booked(
        &mut self,
        child: ChildId,
        kind: MeetingKind,
        episode: &Episode,
        held: NaiveDate,
        written: Written,
    ) {
        let f = self.facts;
        let booking = f.booked.iter().find(|b| b.child == child && b.kind == kind);
        let (index, id, steps) = match booking {
            Some(b) => (b.index, b.id, vec![step(book_change(b, held))]),
            None => {
                let id = MeetingId(self.next_meeting);
                self.next_meeting += 1;
                let slot = slot(id, kind);
                let book = Change::BookMeeting {
                    id: Some(id),
                    child,
                    kind,
                    on: held,
                    at: Some(slot.0),
                    venue: Some(slot.1.to_string()),
                };
                let start = step(episode.change.clone());
                (episode.index, id, vec![start, step(book)])
            }
        };
        let decisions_sent = f.add_wd(held, 1).min(f.as_of);
        let record = MeetingRecord {
            held_on: Some(held),
            ..written.record
        };
        let sent = ((decisions_sent >= held).then_some(decisions_sent), None);
        self.finalise(index, id, steps, record, sent, written.closings);
        self.used.insert(child);
    }

    fn finalise(
        &mut self,
        index: usize,
        meeting: MeetingId,
        mut steps: Vec<Step>,
        record: MeetingRecord,
        (decisions_sent, record_sent): (Option<NaiveDate>, Option<NaiveDate>),
        closings: Vec<(u32, Closing)>,
    ) {
        let as_of = self.facts.as_of;
        steps.push(step(Change::FinaliseRecord { meeting, record }));
        let sent = [
            decisions_sent.map(|on| Change::RecordDecisionsSent { meeting, on }),
            record_sent.map(|on| Change::RecordRecordSent { meeting, on }),
        ];
        steps.extend(sent.into_iter().flatten().map(step));
        steps.extend(
            closings
                .into_iter()
                .filter(|(_, c)| c.on() <= as_of)
                .map(|(n, c)| Step::Close(n, c)),
        );
        self.edits.0.insert(index, steps);
    }
}

/// The time and place of a meeting the demo did not book (a fixed choice by its id).
fn slot(id: MeetingId, kind: MeetingKind) -> (NaiveTime, &'static str) {
    let (h, m) = names::TIMES[id.0.unsigned_abs() as usize % names::TIMES.len()];
    let venues: &[&'static str] = if kind == MeetingKind::LacReview {
        &names::LAC_VENUES
    } else {
        &names::CP_VENUES
    };
    let venue = venues[id.0.unsigned_abs() as usize / 3 % venues.len()];
    (
        NaiveTime::from_hms_opt(h, m, 0).expect("a diary time"),
        venue,
    )
}

/// A booking moved to `on`, keeping its time and place.
fn book_change(b: &Booked, on: NaiveDate) -> Change {
    Change::BookMeeting {
        id: Some(b.id),
        child: b.child,
        kind: b.kind,
        on,
        at: b.at,
        venue: b.venue.clone(),
    }
}
