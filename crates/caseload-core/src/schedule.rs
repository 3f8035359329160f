//! Next due dates for a child, chained from the meetings actually held.
//!
//! The chain rules (domain.md §1.2, §2, §3):
//! - a review is due a rule's time after the date the previous one was *held*, never after the
//!   previous due date, so an early review pulls the whole chain forward;
//! - cancelled and adjourned meetings never reset a clock;
//! - a new period of care restarts at the first-review rule (reviews of earlier periods do not
//!   count), as does a move from short breaks to full-time care (a new period);
//! - an unborn child's initial conference follows the pre-birth rule from the expected date of
//!   birth; a transfer-in follows the transfer-in rule from the notification date.
//!
//! This module decides *what* is due and from *which event*; the arithmetic is in
//! [`crate::rules`], and what to warn about is [`crate::warnings`].

use crate::calendar::Calendar;
use crate::domain::{
    ChildRecord, CpEpisode, Meeting, MeetingKind, MeetingStatus, PeriodOfCare, PlanDecision,
    Regime, ReviewHistory,
};
use crate::explain::ExplanationNote;
use crate::explain::Written;
use crate::ids::{CarePeriodId, CpEpisodeId, MeetingId};
use crate::rules::{compute_due_written, BaseEvent, Due, RuleId, Rules};
use crate::settings::{Settings, Terminology};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What the core needs besides the data: the calendar, the rules in force and the settings.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// Working days and bank holidays.
    pub calendar: &'a Calendar,
    /// Rule values in force.
    pub rules: &'a Rules,
    /// Convention and thresholds.
    pub settings: &'a Settings,
}

/// What is due.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum DueWhat {
    /// A looked-after child review (full care or short breaks).
    LacReview,
    /// The IRO's appointment for a new period of care.
    IroAppointment,
    /// Decisions of the last review circulated.
    ReviewDecisions,
    /// Full record of the last review sent.
    ReviewRecord,
    /// Initial child protection conference.
    Icpc,
    /// Pre-birth initial conference (unborn child).
    PreBirthConference,
    /// Transfer-in conference.
    TransferInConference,
    /// Child protection review conference.
    CpReview,
    /// First core group meeting after the initial conference.
    CoreGroup,
    /// The review after the birth of a child made subject to a plan before birth.
    PostBirthReview,
}

impl DueWhat {
    /// The kind of meeting that satisfies this, if it is a meeting.
    pub fn meeting_kind(self) -> Option<MeetingKind> {
        match self {
            DueWhat::LacReview => Some(MeetingKind::LacReview),
            DueWhat::Icpc | DueWhat::PreBirthConference => Some(MeetingKind::Icpc),
            DueWhat::TransferInConference => Some(MeetingKind::TransferInConference),
            DueWhat::CpReview | DueWhat::PostBirthReview => Some(MeetingKind::CpReview),
            DueWhat::CoreGroup => Some(MeetingKind::CoreGroup),
            DueWhat::IroAppointment | DueWhat::ReviewDecisions | DueWhat::ReviewRecord => None,
        }
    }
}

/// A meeting in the diary that is meant to meet a due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Booking {
    /// The meeting.
    pub meeting: MeetingId,
    /// Date.
    pub on: NaiveDate,
    /// Time.
    pub at: Option<NaiveTime>,
    /// Venue.
    pub venue: Option<String>,
    /// The date the IRO saw the child ahead of it, if recorded.
    pub child_seen_on: Option<NaiveDate>,
    /// The date the social worker spoke with the IRO ahead of it, if recorded.
    pub social_worker_contact_on: Option<NaiveDate>,
    /// The date the reports for it arrived, if recorded.
    pub reports_received_on: Option<NaiveDate>,
}

/// Which part of the child's record an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    /// A period of care.
    Care(CarePeriodId),
    /// A child-protection episode.
    Protection(CpEpisodeId),
}

/// One next-due date for a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DueItem {
    /// What is due.
    pub what: DueWhat,
    // Fixed words, borrowed (the authority's own words are owned).
    /// Plain title, e.g. "Second LAC review".
    pub title: Cow<'static, str>,
    /// Ordinal of the review within its period or plan (1 = first), where it applies.
    pub number: Option<u32>,
    /// Where it belongs.
    pub scope: Scope,
    /// The computed due date with its explanation.
    pub due: Due,
    /// The meeting booked to meet it, if any.
    pub booked: Option<Booking>,
    /// For non-meeting items (appointment, decisions, record): the date it was done, if done.
    pub done_on: Option<NaiveDate>,
    /// The held meeting this item follows from (decisions and record).
    pub after_meeting: Option<MeetingId>,
    /// The kind of meeting that meets it (None for appointment, decisions, record).
    pub meeting_kind: Option<MeetingKind>,
    /// Working days from as-of to the due date (negative when overdue).
    pub working_days_left: i64,
}

/// The next due dates for one child as of a date: one per open chain.
pub fn schedule(record: &ChildRecord, ctx: &Ctx<'_>, as_of: NaiveDate) -> Vec<DueItem> {
    schedule_written(record, ctx, as_of, Written::Now)
}

/// [`schedule`], each explanation's sentences written now or only when shown
/// (`Explanation::ensure_text`): the warnings of a whole caseload show few of the dates.
pub(crate) fn schedule_written(
    record: &ChildRecord,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    written: Written,
) -> Vec<DueItem> {
    let sent = SentWriteUps::Kept;
    schedule_with(record, as_of, &Sched { ctx, written, sent })
}

/// The schedule the warnings are worked out from: [`schedule_written`] with the explanations
/// written later, and without the decisions and record of a meeting already sent (an item done
/// is never a warning).
pub(crate) fn open_schedule(record: &ChildRecord, ctx: &Ctx<'_>, as_of: NaiveDate) -> Vec<DueItem> {
    let (written, sent) = (Written::Later, SentWriteUps::Left);
    schedule_with(record, as_of, &Sched { ctx, written, sent })
}

fn schedule_with(record: &ChildRecord, as_of: NaiveDate, ctx: &Sched<'_, '_>) -> Vec<DueItem> {
    // A child has a few open chains; room for them all, so no item is moved to grow the list.
    let mut items = Vec::with_capacity(8);
    if let Some(period) = record.open_care_period(as_of) {
        lac_items(record, period, ctx, &mut items);
    }
    if let Some(episode) = record.open_cp_episode(as_of) {
        cp_items(record, episode, ctx, &mut items);
    }
    for item in &mut items {
        item.meeting_kind = item.what.meeting_kind();
        item.working_days_left = ctx.calendar.working_days_between(as_of, item.due.due);
        if ctx.settings.terminology != Terminology::Lac {
            item.title = ctx.settings.terminology.say(&item.title).into();
        }
    }
    items
}

/// The core's context, when the explanations of the schedule's dates are written, and whether
/// the decisions and record of the latest meeting are kept once sent.
#[derive(Clone, Copy)]
struct Sched<'c, 'a> {
    ctx: &'c Ctx<'a>,
    written: Written,
    sent: SentWriteUps,
}

/// The decisions and record of the latest meeting once sent: kept (a child's screen shows them
/// done) or left out (the warnings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SentWriteUps {
    Kept,
    Left,
}

impl<'a> std::ops::Deref for Sched<'_, 'a> {
    type Target = Ctx<'a>;
    fn deref(&self) -> &Ctx<'a> {
        self.ctx
    }
}

impl<'c, 'a> Sched<'c, 'a> {
    /// Explanations written at once (what every public function gives).
    fn now(ctx: &'c Ctx<'a>) -> Sched<'c, 'a> {
        Sched {
            ctx,
            written: Written::Now,
            sent: SentWriteUps::Kept,
        }
    }
}

fn due(ctx: &Sched<'_, '_>, rule: RuleId, label: &'static str, on: NaiveDate) -> Option<Due> {
    let base = BaseEvent::new(label, on);
    let (rules, calendar, convention) = (ctx.rules, ctx.calendar, ctx.settings.convention);
    compute_due_written(rule, base, rules, calendar, convention, ctx.written).ok()
}

/// The meetings of `kinds` held on a day `within` accepts, in the order held.
fn held<'a>(
    meetings: &'a [Meeting],
    kinds: &[MeetingKind],
    within: impl Fn(NaiveDate) -> bool,
) -> Vec<&'a Meeting> {
    let mut held: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| is_held(m, kinds, &within))
        .collect();
    held.sort_by_key(|m| (m.held_on(), m.id));
    held
}

/// True if one of `kinds` was held on a day `within` accepts ([`held`] not empty).
fn any_held(
    meetings: &[Meeting],
    kinds: &[MeetingKind],
    within: impl Fn(NaiveDate) -> bool,
) -> bool {
    meetings.iter().any(|m| is_held(m, kinds, &within))
}

fn is_held(m: &Meeting, kinds: &[MeetingKind], within: impl Fn(NaiveDate) -> bool) -> bool {
    kinds.contains(&m.kind) && m.held_on().is_some_and(within)
}

/// The earliest booked meeting of one of `kinds` on or after `from`.
fn booking(meetings: &[Meeting], kinds: &[MeetingKind], from: NaiveDate) -> Option<Booking> {
    meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Booked && kinds.contains(&m.kind))
        .filter_map(|m| m.booked_on.filter(|on| *on >= from).map(|on| (on, m)))
        .min_by_key(|(on, m)| (*on, m.id))
        .map(|(on, m)| Booking {
            meeting: m.id,
            on,
            at: m.booked_at,
            venue: m.venue.clone(),
            child_seen_on: m.outcome.child_seen_on,
            social_worker_contact_on: m.outcome.social_worker_contact_on,
            reports_received_on: m.outcome.reports_received_on,
        })
}

fn lac_items(
    record: &ChildRecord,
    period: &PeriodOfCare,
    ctx: &Sched<'_, '_>,
    items: &mut Vec<DueItem>,
) {
    let scope = Scope::Care(period.id);
    let reviews = held(&record.meetings, &[MeetingKind::LacReview], |d| {
        period.contains(d)
    });
    let last = reviews.last().and_then(|m| m.held_on());
    // Reviews held before the ones recorded count towards which review is next.
    let n_held = reviews.len() + period.history.earlier() as usize;
    let number = n_held as u32 + 1;
    let (rule, label, base_on) = lac_review_rule(period, n_held, last);
    let title = match (period.regime, number) {
        (Regime::ShortBreaks, 1) => "First short-break review",
        (Regime::ShortBreaks, _) => "Short-break review",
        (Regime::FullCare, 1) => "First LAC review",
        (Regime::FullCare, 2) => "Second LAC review",
        (Regime::FullCare, 3) => "Third LAC review",
        (Regime::FullCare, _) => "LAC review",
    };
    if let Some(due) = due(ctx, rule, label, base_on) {
        items.push(DueItem {
            what: DueWhat::LacReview,
            title: title.into(),
            number: Some(number),
            scope,
            due,
            booked: booking(&record.meetings, &[MeetingKind::LacReview], base_on),
            done_on: None,
            after_meeting: None,
            meeting_kind: None,
            working_days_left: 0,
        });
    }

    // The IRO's appointment matters until the first review has been held.
    if reviews.is_empty() && period.history == ReviewHistory::Recorded {
        let appointed_on = if record.iro_on(period.started_on).is_some() {
            Some(period.started_on)
        } else {
            record
                .allocations
                .iter()
                .map(|a| a.from_on)
                .filter(|d| *d >= period.started_on)
                .min()
        };
        if let Some(due) = due(
            ctx,
            RuleId::IroAppointment,
            "the child became looked after",
            period.started_on,
        ) {
            items.push(DueItem {
                what: DueWhat::IroAppointment,
                title: "IRO appointed".into(),
                number: None,
                scope,
                due,
                booked: None,
                done_on: appointed_on,
                after_meeting: None,
                meeting_kind: None,
                working_days_left: 0,
            });
        }
    }

    let words = RecordWords {
        decisions: "Review decisions circulated",
        record: "Review record sent",
        held: "the review was held",
    };
    record_items(&reviews, scope, &words, ctx, items);
}

/// How the decisions and record of a kind of meeting are named.
struct RecordWords {
    decisions: &'static str,
    record: &'static str,
    held: &'static str,
}

/// The decisions and record of every held meeting of a scope, oldest first: each one until it
/// is sent (an unsent record of an earlier review stays due), and the latest one's always.
fn record_items(
    held: &[&Meeting],
    scope: Scope,
    words: &RecordWords,
    ctx: &Sched<'_, '_>,
    items: &mut Vec<DueItem>,
) {
    let latest = held.last().map(|m| m.id);
    for m in held {
        let Some(held_on) = m.held_on() else {
            continue;
        };
        for (what, rule, title, done) in [
            (
                DueWhat::ReviewDecisions,
                RuleId::ReviewDecisions,
                words.decisions,
                m.outcome.decisions_sent_on,
            ),
            (
                DueWhat::ReviewRecord,
                RuleId::ReviewRecord,
                words.record,
                m.outcome.record_sent_on,
            ),
        ] {
            if done.is_some() && (Some(m.id) != latest || ctx.sent == SentWriteUps::Left) {
                continue;
            }
            if let Some(due) = due(ctx, rule, words.held, held_on) {
                items.push(DueItem {
                    what,
                    title: title.into(),
                    number: None,
                    scope,
                    due,
                    booked: None,
                    done_on: done,
                    after_meeting: Some(m.id),
                    meeting_kind: None,
                    working_days_left: 0,
                });
            }
        }
    }
}

fn cp_items(
    record: &ChildRecord,
    episode: &CpEpisode,
    ctx: &Sched<'_, '_>,
    items: &mut Vec<DueItem>,
) {
    let scope = Scope::Protection(episode.id);
    let Some(initial) = initial_conference(record, episode) else {
        if let Some(next) = initial_due(record, episode, ctx) {
            let from = episode.started_on().unwrap_or(NaiveDate::MIN);
            items.push(DueItem {
                what: next.what,
                title: next.title.into(),
                number: None,
                scope,
                due: next.due,
                booked: booking(&record.meetings, &INITIAL_KINDS, from),
                done_on: None,
                after_meeting: None,
                meeting_kind: None,
                working_days_left: 0,
            });
        }
        return;
    };
    let conferences = held_conferences(record, episode);
    let words = RecordWords {
        decisions: "Conference decisions circulated",
        record: "Conference record sent",
        held: "the conference was held",
    };
    if initial.outcome == InitialOutcome::NoPlan {
        record_items(&conferences, scope, &words, ctx, items);
        return;
    }
    cp_review_item(record, episode, &initial, ctx, items);
    core_group_item(record, episode, &initial, ctx, items);
    post_birth_item(record, episode, &initial, ctx, items);
    record_items(&conferences, scope, &words, ctx, items);
}

/// The meeting kinds that open a child-protection plan's chain.
const INITIAL_KINDS: [MeetingKind; 2] = [MeetingKind::Icpc, MeetingKind::TransferInConference];

/// What an episode's initial (or transfer-in) conference decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum InitialOutcome {
    /// A plan was made (or the episode records a plan start).
    Plan,
    /// No plan: nothing further is due.
    NoPlan,
    /// Held, but whether a plan was made is not recorded: a warning, and the chain is counted
    /// as if a plan was made.
    NotRecorded,
}

/// The initial (or transfer-in) conference of an episode, once held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitialConference {
    /// The meeting, when one was recorded (an episode imported with only its plan start has
    /// none: the plan start stands for it).
    pub meeting: Option<MeetingId>,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// What it decided.
    pub outcome: InitialOutcome,
}

/// The episode's initial or transfer-in conference held, else (for an episode that is not a
/// transfer-in) the plan's start standing for it.
///
/// A transfer-in's plan start is the originating authority's: it never stands for the
/// transfer-in conference, which is still due.
pub fn initial_conference(record: &ChildRecord, episode: &CpEpisode) -> Option<InitialConference> {
    let d = &episode.details;
    let held_first = record
        .meetings
        .iter()
        .filter(|m| is_held(m, &INITIAL_KINDS, |on| episode.is_open_on(on)))
        .min_by_key(|m| (m.held_on(), m.id));
    if let Some(m) = held_first {
        let held_on = m.held_on().expect("held meetings have a date");
        let outcome = match m.outcome.plan_decision {
            Some(PlanDecision::PlanStarts) => InitialOutcome::Plan,
            Some(PlanDecision::NoPlan) => InitialOutcome::NoPlan,
            _ if d.plan_started_on.is_some() => InitialOutcome::Plan,
            _ if d.closed_on.is_some() => InitialOutcome::NoPlan,
            _ => InitialOutcome::NotRecorded,
        };
        return Some(InitialConference {
            meeting: Some(m.id),
            held_on,
            outcome,
        });
    }
    match (d.transfer_in_notified_on, d.plan_started_on) {
        (None, Some(start)) => Some(InitialConference {
            meeting: None,
            held_on: start,
            outcome: InitialOutcome::Plan,
        }),
        _ => None,
    }
}

/// The initial conference an episode is waiting for, with its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitialDue {
    /// An ICPC, a pre-birth conference or a transfer-in conference.
    pub what: DueWhat,
    /// Plain title.
    pub title: &'static str,
    /// The due date and its explanation.
    pub due: Due,
}

/// The due date of an episode's initial conference, whether or not it has been held: the one
/// the schedule warns about and the annual report measures against.
///
/// - A transfer-in: 15 working days from the notification (§3 C7).
/// - An unborn child: the pre-birth date, 12 weeks before the expected date of birth (§3 C8);
///   but when that date had already passed at the strategy discussion (a late referral), the
///   initial conference's 15 working days from it (§3 C1), and the explanation says so.
/// - Otherwise 15 working days from the strategy discussion, else from the s47 start.
pub fn initial_conference_due(
    record: &ChildRecord,
    episode: &CpEpisode,
    ctx: &Ctx<'_>,
) -> Option<InitialDue> {
    initial_due(record, episode, &Sched::now(ctx))
}

/// [`initial_conference_due`], its explanation written when the schedule's are.
fn initial_due(
    record: &ChildRecord,
    episode: &CpEpisode,
    ctx: &Sched<'_, '_>,
) -> Option<InitialDue> {
    let d = &episode.details;
    let child = &record.child.details;
    let icpc_base = d.strategy_on.map(|on| ("the strategy discussion", on)).or(d
        .s47_started_on
        .map(|on| {
            (
                "the s47 enquiry started (no strategy discussion recorded)",
                on,
            )
        }));
    if let Some(notified) = d.transfer_in_notified_on {
        return Some(InitialDue {
            what: DueWhat::TransferInConference,
            title: "Transfer-in conference",
            due: due(
                ctx,
                RuleId::TransferInConference,
                "this authority was notified of the move",
                notified,
            )?,
        });
    }
    if let (None, Some(expected)) = (child.born_on, child.expected_birth_on) {
        let pre_birth = due(
            ctx,
            RuleId::PreBirthConference,
            "the expected date of birth",
            expected,
        )?;
        let due = match icpc_base {
            Some((label, on)) if pre_birth.due < on => due(ctx, RuleId::Icpc, label, on)?
                .with_explanation_note(ExplanationNote::PreBirthDatePassed {
                    pre_birth_on: pre_birth.due,
                    weeks: ctx.rules.value(RuleId::PreBirthConference),
                }),
            _ => pre_birth,
        };
        return Some(InitialDue {
            what: DueWhat::PreBirthConference,
            title: "Pre-birth conference",
            due,
        });
    }
    let (label, on) = icpc_base?;
    Some(InitialDue {
        what: DueWhat::Icpc,
        title: "Initial child protection conference",
        due: due(ctx, RuleId::Icpc, label, on)?,
    })
}

/// The next review conference of a plan.
fn cp_review_item(
    record: &ChildRecord,
    episode: &CpEpisode,
    initial: &InitialConference,
    ctx: &Sched<'_, '_>,
    items: &mut Vec<DueItem>,
) {
    let reviews = cp_reviews(record, episode, initial.held_on);
    let number = reviews.len() as u32 + 1;
    let (rule, label, base_on) =
        cp_review_rule(initial.held_on, reviews.last().and_then(|m| m.held_on()));
    let Some(mut due) = due(ctx, rule, label, base_on) else {
        return;
    };
    if initial.outcome == InitialOutcome::NotRecorded {
        due = due.with_explanation_note(ExplanationNote::OutcomeNotRecorded {
            held_on: initial.held_on,
        });
    }
    let title = if number == 1 {
        "First CP review conference"
    } else {
        "CP review conference"
    };
    items.push(DueItem {
        what: DueWhat::CpReview,
        title: title.into(),
        number: Some(number),
        scope: Scope::Protection(episode.id),
        due,
        booked: booking(&record.meetings, &[MeetingKind::CpReview], base_on),
        done_on: None,
        after_meeting: None,
        meeting_kind: None,
        working_days_left: 0,
    });
}

/// The first core group, until one is held after the initial conference.
fn core_group_item(
    record: &ChildRecord,
    episode: &CpEpisode,
    initial: &InitialConference,
    ctx: &Sched<'_, '_>,
    items: &mut Vec<DueItem>,
) {
    let held_since = |on: NaiveDate| episode.is_open_on(on) && on >= initial.held_on;
    if any_held(&record.meetings, &[MeetingKind::CoreGroup], held_since) {
        return;
    }
    let Some(mut due) = due(
        ctx,
        RuleId::CoreGroup,
        "the initial conference was held",
        initial.held_on,
    ) else {
        return;
    };
    if initial.outcome == InitialOutcome::NotRecorded {
        due = due.with_explanation_note(ExplanationNote::OutcomeNotRecorded {
            held_on: initial.held_on,
        });
    }
    items.push(DueItem {
        what: DueWhat::CoreGroup,
        title: "First core group".into(),
        number: None,
        scope: Scope::Protection(episode.id),
        due,
        booked: booking(&record.meetings, &[MeetingKind::CoreGroup], initial.held_on),
        done_on: None,
        after_meeting: None,
        meeting_kind: None,
        working_days_left: 0,
    });
}

/// A child made subject to a plan before birth: a review conference or core group within
/// 10 working days of the birth (§3 C8), until one is held on or after the birthday.
fn post_birth_item(
    record: &ChildRecord,
    episode: &CpEpisode,
    initial: &InitialConference,
    ctx: &Sched<'_, '_>,
    items: &mut Vec<DueItem>,
) {
    let Some(born_on) = record.child.details.born_on else {
        return;
    };
    if initial.held_on >= born_on {
        return;
    }
    let after_birth = |on: NaiveDate| episode.is_open_on(on) && on >= born_on;
    let after_birth_kinds = [MeetingKind::CpReview, MeetingKind::CoreGroup];
    if any_held(&record.meetings, &after_birth_kinds, after_birth) {
        return;
    }
    if let Some(due) = due(ctx, RuleId::PostBirthReview, "the child was born", born_on) {
        items.push(DueItem {
            what: DueWhat::PostBirthReview,
            title: "Review after the birth".into(),
            number: None,
            scope: Scope::Protection(episode.id),
            due,
            booked: booking(
                &record.meetings,
                &[MeetingKind::CpReview, MeetingKind::CoreGroup],
                born_on,
            ),
            done_on: None,
            after_meeting: None,
            meeting_kind: None,
            working_days_left: 0,
        });
    }
}

/// Every conference of an episode that was held (initial, transfer-in and review), in order.
fn held_conferences<'a>(record: &'a ChildRecord, episode: &CpEpisode) -> Vec<&'a Meeting> {
    let kinds = [
        MeetingKind::Icpc,
        MeetingKind::TransferInConference,
        MeetingKind::CpReview,
    ];
    held(&record.meetings, &kinds, |on| episode.is_open_on(on))
}

/// The held initial conferences of a child's open episode whose outcome is not recorded.
pub fn initial_outcome_missing(record: &ChildRecord, as_of: NaiveDate) -> Option<MeetingId> {
    let episode = record.open_cp_episode(as_of)?;
    let initial = initial_conference(record, episode)?;
    (initial.outcome == InitialOutcome::NotRecorded)
        .then_some(initial.meeting)
        .flatten()
}

/// The rule the next review of a period of care follows, and the event it counts from, given
/// how many reviews of the period were held before it and when the last was held.
/// True when the schedule cannot place the next review of a period of care: the IRO said its
/// history is not known yet, or named earlier reviews without recording the last of them. Its
/// due date is then a placeholder, and the warnings say the history is incomplete.
pub fn review_history_incomplete(record: &ChildRecord, period: &PeriodOfCare) -> bool {
    match period.history {
        ReviewHistory::Recorded => false,
        ReviewHistory::Unknown => true,
        ReviewHistory::Earlier { .. } => {
            !any_held(&record.meetings, &[MeetingKind::LacReview], |d| {
                period.contains(d)
            })
        }
    }
}

fn lac_review_rule(
    period: &PeriodOfCare,
    n_held: usize,
    last_held_on: Option<NaiveDate>,
) -> (RuleId, &'static str, NaiveDate) {
    match (period.regime, last_held_on) {
        (Regime::FullCare, None) => (
            RuleId::LacFirstReview,
            "the child became looked after",
            period.started_on,
        ),
        (Regime::ShortBreaks, None) => (
            RuleId::ShortBreakFirstReview,
            "the first short break started",
            period.started_on,
        ),
        (Regime::FullCare, Some(on)) if n_held == 1 => {
            (RuleId::LacSecondReview, "the first review was held", on)
        }
        (_, Some(on)) => (RuleId::LacSubsequentReview, "the last review was held", on),
    }
}

/// The review conferences of an episode held after its initial conference, in held order.
fn cp_reviews<'a>(
    record: &'a ChildRecord,
    episode: &CpEpisode,
    initial_on: NaiveDate,
) -> Vec<&'a Meeting> {
    held(&record.meetings, &[MeetingKind::CpReview], |on| {
        episode.is_open_on(on) && on > initial_on
    })
}

/// The rule the next review conference follows, and the event it counts from.
fn cp_review_rule(
    initial_on: NaiveDate,
    last_review_on: Option<NaiveDate>,
) -> (RuleId, &'static str, NaiveDate) {
    match last_review_on {
        None => (
            RuleId::CpFirstReview,
            "the initial conference was held",
            initial_on,
        ),
        Some(on) => (
            RuleId::CpSubsequentReview,
            "the last review conference was held",
            on,
        ),
    }
}

/// A review or review conference that was held, with the due date it had to meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HeldReview {
    /// The meeting.
    pub meeting: MeetingId,
    /// A LAC review or a CP review conference.
    pub kind: MeetingKind,
    /// The period of care or CP episode it belongs to.
    pub scope: Scope,
    /// Ordinal within its period or plan (1 = first).
    pub number: u32,
    /// The date it was held.
    pub held_on: NaiveDate,
    /// The due date it had to meet, chained as [`schedule`] chains the next one.
    pub due: Due,
}

impl HeldReview {
    /// Held on or before its due date (domain.md §1.2 compliance test).
    pub fn on_time(&self) -> bool {
        self.held_on <= self.due.due
    }
}

/// Every LAC review and CP review conference held, each with the due date it had to meet.
///
/// The chain is the one [`schedule`] follows for the next review: the first review of a
/// period of care counts from its start, the second from the first, and so on, always from
/// the dates reviews were held; a review conference counts from the initial conference or the
/// previous review conference of its episode. A review outside any period of care (or a review
/// conference of an episode without a plan) has no due date and is left out.
pub fn held_reviews(record: &ChildRecord, ctx: &Ctx<'_>) -> Vec<HeldReview> {
    let ctx = &Sched::now(ctx);
    let mut out = Vec::new();
    for period in &record.care_periods {
        // With the history not known, no review's place in the chain is.
        if period.history == ReviewHistory::Unknown {
            continue;
        }
        let earlier = period.history.earlier() as usize;
        let reviews = held(&record.meetings, &[MeetingKind::LacReview], |d| {
            period.contains(d)
        });
        let mut last = None;
        for (i, m) in reviews.iter().enumerate() {
            let held_on = m.held_on().expect("held reviews have a date");
            let n_held = i + earlier;
            if i == 0 && earlier > 0 {
                // Its due date counted from a review not recorded here: not known.
                last = Some(held_on);
                continue;
            }
            let (rule, label, base_on) = lac_review_rule(period, n_held, last);
            if let Some(due) = due(ctx, rule, label, base_on) {
                out.push(HeldReview {
                    meeting: m.id,
                    kind: MeetingKind::LacReview,
                    scope: Scope::Care(period.id),
                    number: n_held as u32 + 1,
                    held_on,
                    due,
                });
            }
            last = Some(held_on);
        }
    }
    for episode in &record.cp_episodes {
        let Some(initial) = initial_conference(record, episode) else {
            continue;
        };
        if initial.outcome == InitialOutcome::NoPlan {
            continue;
        }
        let initial_on = initial.held_on;
        let mut last = None;
        for (n_held, m) in cp_reviews(record, episode, initial_on).iter().enumerate() {
            let held_on = m.held_on().expect("held reviews have a date");
            let (rule, label, base_on) = cp_review_rule(initial_on, last);
            if let Some(due) = due(ctx, rule, label, base_on) {
                out.push(HeldReview {
                    meeting: m.id,
                    kind: MeetingKind::CpReview,
                    scope: Scope::Protection(episode.id),
                    number: n_held as u32 + 1,
                    held_on,
                    due,
                });
            }
            last = Some(held_on);
        }
    }
    out
}
