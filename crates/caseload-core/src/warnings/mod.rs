//! The warnings for an as-of date: what is overdue, what is coming, what is already a breach in
//! the diary, and what is inconsistent (domain.md §8).
//!
//! Warnings are data, not errors. Each row names the child, the kind, the severity, the due
//! date, the plan-by date, the working days left and the key of the date's explanation, which
//! is written only when asked for ([`explain_warning`]). There is one row per child and
//! deadline: what else is true of that deadline (its booking, the preparation
//! for it, a provisional calendar) is a [`Flag`] on the row. This module does not format for a
//! screen, and it never reads the clock.
//!
//! - `due.rs`: the rows of the schedule's due dates (meetings, the IRO's appointment, the
//!   decisions and record of a held meeting);
//! - `held.rs`: the rows about meetings already held (a conference's outcome, participation
//!   codes, tracked decisions);
//! - `disputes.rs`: one row per open dispute;
//! - `why.rs`: a row's "Why?", the explanation of its date worked out again from its key.

mod disputes;
pub use disputes::DISPUTE_DUE_SOON_WORKING_DAYS;
mod due;
mod held;
mod why;
pub use why::{explain_warning, WhyKey};

use crate::domain::{Caseload, ChildDetails, ChildRecord, Iro, MeetingKind};
use crate::explain::Explanation;
use crate::explain::Written;
use crate::ids::{ChildId, DecisionId, DisputeId, IroId, MeetingId};
use crate::rules::{RuleDef, RuleId};
use crate::schedule::{open_schedule, schedule_written, Ctx, DueItem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// How urgent, most urgent first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The date has passed.
    Overdue,
    /// Within the red threshold (default 5 working days), or a breach already in the diary.
    Red,
    /// Within the amber threshold (default 20 working days).
    Amber,
    /// Worth knowing.
    Info,
}

/// What a warning is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A review or conference is past its due date and not held.
    Overdue,
    /// A review or conference due within the amber threshold is booked on or before its due
    /// date: on track. As a flag: the booking of an overdue meeting not recorded as held.
    BookedInTime,
    /// The meeting is booked after its due date: a breach already in the diary.
    BookedAfterDue,
    /// Due within the amber threshold and nothing is booked.
    NotBooked,
    /// The strategy discussion's 15 working days are running out and no ICPC is booked.
    IcpcAtRisk,
    /// The review decisions were not circulated in time.
    DecisionsLate,
    /// The review record was not sent in time.
    RecordLate,
    /// The IRO has not recorded seeing the child before the review.
    ChildNotSeen,
    /// No IRO was appointed within the timescale for a new period of care.
    IroAppointmentLate,
    /// The due date was computed across a year with no loaded bank-holiday data.
    ProvisionalCalendar,
    /// A month-based due date falls on a non-working day: plan by the working day before.
    PlanByDiffers,
    /// A review's participation code does not fit the child's age, or is missing.
    ParticipationMismatch,
    /// The IRO holds more looked-after children than the caseload band.
    CaseloadAboveBand,
    /// The response to the stage a dispute has reached is past its due date.
    DisputeResponseOverdue,
    /// The response to the stage a dispute has reached is due within 2 working days.
    DisputeResponseDueSoon,
    /// A DRP dispute's formal process has taken longer than its 20 working days.
    DisputeFormalOverdue,
    /// An open dispute has had no activity for 10 working days.
    DisputeInactive,
    /// An initial conference was held but whether it made a plan is not recorded.
    ConferenceOutcomeMissing,
    /// The decisions of a meeting held are to be circulated soon.
    DecisionsDue,
    /// The record of a meeting held is to be sent soon.
    RecordDue,
    /// An initial conference is booked on a weekend or a bank holiday.
    BookedOnNonWorkingDay,
    /// The social worker has not spoken with the IRO ahead of the review.
    SocialWorkerContactLate,
    /// The reports for the review have not reached the IRO.
    ReportsLate,
    /// The IRO holds fewer looked-after children than the lower end of the band.
    CaseloadBelowBand,
    /// A decision of a review or conference is past its due date and not done.
    DecisionOverdue,
    /// The response to a dispute's current stage is in: the IRO accepts it or escalates.
    DisputeResponseReceived,
    /// The IRO referred the case to Cafcass: the dispute's own clocks stop until it answers.
    DisputeAwaitingCafcass,
    /// A child already in care whose earlier reviews are not recorded: the next review cannot
    /// be dated until the IRO enters the last one held.
    HistoryIncomplete,
}

/// One row of warnings: one child's one deadline (or one IRO-level fact), with everything else
/// true of that deadline as its flags, never as rows of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Warning {
    /// The child (None for an IRO-level warning such as caseload).
    pub child: Option<ChildId>,
    /// The child's name as an IRO uses it.
    pub child_name: Option<String>,
    /// The IRO the child is allocated to (or the IRO the warning is about).
    pub iro: Option<IroId>,
    /// What the row is about, in the state that decides what to do next: for a meeting,
    /// overdue, not booked, booked after the due date or booked in time.
    pub kind: WarningKind,
    /// How urgent: the most urgent of the row's own state and its flags.
    pub severity: Severity,
    // Fixed words are borrowed, as the schedule's titles.
    /// What is due, e.g. "Second LAC review".
    pub title: Cow<'static, str>,
    /// One sentence an IRO reads.
    pub message: String,
    /// Everything else true of this deadline: a meeting's booking state first (always there,
    /// whatever the row's kind), then its preparation, a provisional calendar, a plan-by date;
    /// a dispute's flags most urgent first.
    pub flags: Vec<Flag>,
    /// The rule behind the date.
    pub rule: Option<RuleId>,
    /// The kind of meeting that would meet it, if any (for "book" / "record" actions).
    pub meeting_kind: Option<MeetingKind>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Last working day on or before the due date.
    pub plan_by: Option<NaiveDate>,
    /// Working days from as-of to the due date (negative when overdue).
    pub working_days_left: Option<i64>,
    /// The date the meeting is booked for, if booked.
    pub booked_on: Option<NaiveDate>,
    /// The booked meeting (or the held meeting the warning is about).
    pub meeting: Option<MeetingId>,
    /// The dispute the warning is about.
    pub dispute: Option<DisputeId>,
    /// The tracked decision the warning is about.
    pub decision: Option<DecisionId>,
    /// What to ask [`explain_warning`] for how the due date was derived, when the row has one.
    pub why: Option<WhyKey>,
    /// How the due date was derived, when written into the row on request (the CLI's JSON);
    /// never sent to the desktop, whose "Why?" asks for it.
    #[specta(skip)]
    pub explanation: Option<Box<Explanation>>,
}

/// Something else true of a row's deadline: shown on the row, never as a row of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Flag {
    /// What it is.
    pub kind: WarningKind,
    /// How urgent it is on its own.
    pub severity: Severity,
    /// A few words for a tag: "Not booked", "Booked Mon 7 Dec 2026".
    pub label: Cow<'static, str>,
    /// One sentence an IRO reads.
    pub message: String,
}

impl Flag {
    fn new(
        kind: WarningKind,
        severity: Severity,
        label: impl Into<Cow<'static, str>>,
        message: String,
    ) -> Self {
        Flag {
            kind,
            severity,
            label: label.into(),
            message,
        }
    }
}

impl Warning {
    /// A row with nothing but who, what and how urgent; the callers fill in the rest.
    fn new(
        kind: WarningKind,
        severity: Severity,
        title: impl Into<Cow<'static, str>>,
        message: String,
    ) -> Self {
        Warning {
            child: None,
            child_name: None,
            iro: None,
            kind,
            severity,
            title: title.into(),
            message,
            flags: Vec::new(),
            rule: None,
            meeting_kind: None,
            due: None,
            plan_by: None,
            working_days_left: None,
            booked_on: None,
            meeting: None,
            dispute: None,
            decision: None,
            why: None,
            explanation: None,
        }
    }

    /// The row about a child.
    fn about(mut self, who: &Who<'_>) -> Self {
        self.child = Some(who.child);
        self.child_name = Some(who.name());
        self.iro = who.iro;
        self
    }

    /// Adds flags in the order given, and raises the row's severity to the most urgent.
    fn with_flags(mut self, flags: Vec<Flag>) -> Self {
        if let Some(most) = flags.iter().map(|f| f.severity).min() {
            self.severity = self.severity.min(most);
        }
        self.flags = flags;
        self
    }

    /// True when one of its flags is of this kind.
    pub fn has_flag(&self, kind: WarningKind) -> bool {
        self.flags.iter().any(|f| f.kind == kind)
    }
}

/// Whose row, and on what day: the child, the name an IRO uses and the IRO allocated.
struct Who<'a> {
    child: ChildId,
    as_of: NaiveDate,
    details: &'a ChildDetails,
    iro: Option<IroId>,
}

impl<'a> Who<'a> {
    fn of(record: &'a ChildRecord, iro: Option<IroId>, as_of: NaiveDate) -> Who<'a> {
        Who {
            child: record.child.id,
            as_of,
            details: &record.child.details,
            iro,
        }
    }

    /// The name, written for each row (a child has one or two).
    fn name(&self) -> String {
        self.details.display_name()
    }
}

/// Computes the warnings for `as_of`, for one IRO's children (by current allocation) or all.
pub fn compute_warnings(
    caseload: &Caseload,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    iro: Option<IroId>,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    // The looked-after children of each IRO, counted in the same pass.
    let mut counts: HashMap<IroId, usize> = HashMap::new();
    for record in &caseload.children {
        // A child handed over to another IRO's store: their deadlines are that IRO's now.
        if record.transferred_out.is_some() {
            continue;
        }
        if let Some(id) = looked_after_by(record, as_of) {
            *counts.entry(id).or_insert(0) += 1;
        }
        let allocated = record.iro_for(as_of);
        if iro.is_some() && allocated != iro {
            continue;
        }
        let items = open_schedule(record, ctx, as_of);
        child_warnings(record, &items, allocated, ctx, as_of, &mut warnings);
    }
    for profile in caseload
        .iros
        .iter()
        .filter(|p| iro.is_none_or(|id| id == p.id))
    {
        let n = counts.get(&profile.id).copied().unwrap_or(0);
        warnings.extend(caseload_warning(profile, n, ctx));
    }
    finished(warnings, ctx)
}

/// Most urgent first, in the authority's words: how every list of warnings is handed out.
fn finished(warnings: Vec<Warning>, ctx: &Ctx<'_>) -> Vec<Warning> {
    let mut warnings = sort_warnings(warnings);
    in_the_authoritys_words(&mut warnings, ctx);
    warnings
}

/// Titles, messages and flags in the words the authority uses (LAC or CLA).
fn in_the_authoritys_words(warnings: &mut [Warning], ctx: &Ctx<'_>) {
    let words = ctx.settings.terminology;
    if words == crate::settings::Terminology::Lac {
        return;
    }
    for w in warnings {
        w.title = words.say(&w.title).into();
        w.message = words.say(&w.message);
        for f in &mut w.flags {
            f.label = words.say(&f.label).into();
            f.message = words.say(&f.message);
        }
    }
}

/// The warnings about one child for `as_of` (no IRO-level warnings), most urgent first.
pub fn warnings_for_child(record: &ChildRecord, ctx: &Ctx<'_>, as_of: NaiveDate) -> Vec<Warning> {
    let items = open_schedule(record, ctx, as_of);
    one_child(record, &items, ctx, as_of)
}

/// The warnings about one child from its schedule, finished.
fn one_child(
    record: &ChildRecord,
    items: &[DueItem],
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    child_warnings(
        record,
        items,
        record.iro_for(as_of),
        ctx,
        as_of,
        &mut warnings,
    );
    finished(warnings, ctx)
}

/// A child's schedule on `as_of` and the warnings about it, the schedule computed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildDue {
    /// Every open chain's next due date (as [`schedule`] gives them).
    pub items: Vec<DueItem>,
    /// The warnings about the child, most urgent first (as [`warnings_for_child`]).
    pub warnings: Vec<Warning>,
}

/// The child's schedule and warnings for `as_of`: what a screen about one child, or a row per
/// child, needs.
pub fn child_due(record: &ChildRecord, ctx: &Ctx<'_>, as_of: NaiveDate) -> ChildDue {
    let mut items = schedule_written(record, ctx, as_of, Written::Later);
    let warnings = one_child(record, &items, ctx, as_of);
    for item in &mut items {
        item.due.explanation.ensure_text(ctx.calendar);
    }
    ChildDue { items, warnings }
}

/// The warnings about a child's disputes alone, most urgent first: what the Disputes screens
/// show, without computing the child's schedule.
pub fn dispute_warnings(record: &ChildRecord, ctx: &Ctx<'_>, as_of: NaiveDate) -> Vec<Warning> {
    let who = Who::of(record, record.iro_for(as_of), as_of);
    let mut warnings = Vec::new();
    disputes::rows(record, &who, ctx, as_of, &mut warnings);
    finished(warnings, ctx)
}

/// Most urgent first, then by due date, child and kind (rows that tie keep their order). A row
/// is large: the keys are sorted side by side, each with its row's place, and each row then
/// moved once.
fn sort_warnings(warnings: Vec<Warning>) -> Vec<Warning> {
    let mut order: Vec<(SortKey<'_>, usize)> = warnings
        .iter()
        .enumerate()
        .map(|(place, w)| (sort_key(w), place))
        .collect();
    // Unique keys (the place breaks ties), so an unstable sort keeps tied rows in order.
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, place)| place).collect();
    let mut rows: Vec<Option<Warning>> = warnings.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|i| rows[i].take().expect("each place once"))
        .collect()
}

type SortKey<'w> = (Severity, Option<NaiveDate>, Option<&'w str>, WarningKind);

fn sort_key(w: &Warning) -> SortKey<'_> {
    (w.severity, w.due, w.child_name.as_deref(), w.kind)
}

fn child_warnings(
    record: &ChildRecord,
    items: &[DueItem],
    iro: Option<IroId>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    out: &mut Vec<Warning>,
) {
    let who = Who::of(record, iro, as_of);
    due::rows(record, items, &who, ctx, as_of, out);
    held::rows(record, items, &who, ctx, as_of, out);
    disputes::rows(record, &who, ctx, as_of, out);
}

/// Looked-after children allocated to an IRO on a date.
pub fn lac_count(caseload: &Caseload, iro: IroId, as_of: NaiveDate) -> usize {
    caseload
        .children
        .iter()
        .filter(|r| looked_after_by(r, as_of) == Some(iro))
        .count()
}

/// The IRO a child looked after on `as_of` is allocated to that day: whose caseload the child
/// counts in.
fn looked_after_by(record: &ChildRecord, as_of: NaiveDate) -> Option<IroId> {
    record
        .iro_on(as_of)
        .filter(|_| record.open_care_period(as_of).is_some())
}

/// An IRO's caseload (`n` looked-after children) against the band: worth knowing (the IRO's
/// manager acts on it, not the IRO today), so never more than information.
fn caseload_warning(profile: &Iro, n: usize, ctx: &Ctx<'_>) -> Option<Warning> {
    let upper = ctx.rules.value(RuleId::CaseloadBand);
    let lower = ctx.rules.value(RuleId::CaseloadBandLower);
    let fte = profile.details.fte.max(0.1);
    let per_fte = n as f64 / fte;
    let per = if (fte - 1.0).abs() < f64::EPSILON {
        String::new()
    } else {
        format!(" ({per_fte:.0} per full-time post at {fte} FTE)")
    };
    let name = &profile.details.name;
    // An IRO with no looked-after children (a child-protection chair) is not below a band.
    let (kind, rule, title, message) = if per_fte > f64::from(upper) {
        (
            WarningKind::CaseloadAboveBand,
            RuleId::CaseloadBand,
            "Caseload above the band",
            format!(
                "{name} has {n} looked-after children{per}, above the band of {upper} ({}).",
                RuleDef::of(RuleId::CaseloadBand).source
            ),
        )
    } else if n > 0 && per_fte < f64::from(lower) {
        (
            WarningKind::CaseloadBelowBand,
            RuleId::CaseloadBandLower,
            "Caseload below the band",
            format!(
                "{name} has {n} looked-after children{per}, below the band's lower end of {lower} ({}).",
                RuleDef::of(RuleId::CaseloadBandLower).source
            ),
        )
    } else {
        return None;
    };
    let mut w = Warning::new(kind, Severity::Info, title, message);
    w.iro = Some(profile.id);
    w.rule = Some(rule);
    Some(w)
}

/// "1 working day", "3 working days": every warning message counts in these words.
fn days(n: i64) -> WorkingDays {
    WorkingDays(n)
}

/// [`days`], written straight into the message around it.
struct WorkingDays(i64);

impl std::fmt::Display for WorkingDays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            1 => f.write_str("1 working day"),
            n => write!(f, "{n} working days"),
        }
    }
}

/// Red within the red window, amber after it.
fn by_left(ctx: &Ctx<'_>, left: i64) -> Severity {
    if left <= i64::from(ctx.settings.red_within_working_days) {
        Severity::Red
    } else {
        Severity::Amber
    }
}

/// True within the amber window (default 20 working days).
fn within_amber(ctx: &Ctx<'_>, left: i64) -> bool {
    left <= i64::from(ctx.settings.amber_within_working_days)
}
