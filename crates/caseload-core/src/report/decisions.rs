//! Decisions made at the reviews and conferences held in the period (issue 11): how many, where
//! each stood at the end of the period's last day (carried out by its due date, carried out
//! late, still open past its due date or not yet due, dropped), and the share carried out by
//! the due date of those due by the period's end. The looked-after section counts LAC reviews'
//! decisions, the child-protection section conferences' decisions.
//!
//! A decision is taken as the app showed it on the period's last day (or on the day the report
//! is made, if the period has not ended by then: [`super::report_as_of`]): a state reached later
//! (done or dropped after it) is still open, and a meeting held after it is not yet held, so a
//! decision due "by the next review" is due on the day that review was held, if it was held by
//! then, or else on the due date the schedule gave it that day. The due date is always
//! [`crate::decisions::decision_due_on`]'s: nothing here counts days.
//!
//! Not here: the decisions on the Today screen ([`crate::decisions::tracked_decisions`]), or
//! core group meetings' decisions (they are not reviews or conferences).

use super::definitions as def;
use super::lac::{in_headline, regime_on};
use super::period::long_date;
use super::{pct, Input, ReportPeriod, SectionPeriod, Value};
use crate::decisions::decision_due_on;
use crate::domain::{ChildRecord, Decision, DecisionState, Meeting, MeetingKind};
use chrono::NaiveDate;
use std::borrow::Cow;

/// Whose meetings' decisions a section counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Plan {
    /// LAC reviews (short breaks as the headline counts them).
    Lac,
    /// Child protection conferences: initial (pre-birth included), review and transfer-in.
    Cp,
}

impl Plan {
    /// The figures' id prefix.
    fn prefix(self) -> &'static str {
        match self {
            Plan::Lac => "lac",
            Plan::Cp => "cp",
        }
    }

    /// The meetings, in a label's words.
    pub(super) fn meetings(self) -> &'static str {
        match self {
            Plan::Lac => "LAC reviews",
            Plan::Cp => "child protection conferences",
        }
    }

    /// Does a decision of `meeting` count for this plan?
    fn takes(self, input: &Input<'_>, record: &ChildRecord, meeting: &Meeting) -> bool {
        match (self, meeting.kind) {
            (Plan::Lac, MeetingKind::LacReview) => meeting
                .held_on()
                .is_some_and(|on| in_headline(input, regime_on(record, on))),
            (
                Plan::Cp,
                MeetingKind::Icpc | MeetingKind::CpReview | MeetingKind::TransferInConference,
            ) => true,
            _ => false,
        }
    }
}

/// Where a decision stood at the end of the period's last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// Carried out on or before its due date (or, with no due date, at all); `due_by_end`: its
    /// due date had come by the period's end.
    OnTime { due_by_end: bool },
    /// Carried out after its due date.
    Late,
    /// Neither carried out nor dropped by the end of its due date (on or before the period's
    /// last day).
    OpenPastDue,
    /// Neither carried out nor dropped, and not yet due (or with no due date any more).
    OpenNotYetDue,
    /// Dropped.
    Dropped,
}

/// A decision's standing at the end of `end`, against its due date.
fn standing(state: &DecisionState, due_on: Option<NaiveDate>, end: NaiveDate) -> Standing {
    let due_by_end = due_on.is_some_and(|due| due <= end);
    match *state {
        DecisionState::Done { on, .. } if on <= end => match due_on {
            Some(due) if on > due => Standing::Late,
            _ => Standing::OnTime { due_by_end },
        },
        DecisionState::Dropped { on, .. } if on <= end => Standing::Dropped,
        _ if due_by_end => Standing::OpenPastDue,
        _ => Standing::OpenNotYetDue,
    }
}

/// The child's record as it stood at the end of `end`: meetings held after it are left out (a
/// clone only when there are any).
fn as_at_end(record: &ChildRecord, end: NaiveDate) -> Cow<'_, ChildRecord> {
    let held_after = |m: &Meeting| m.held_on().is_some_and(|on| on > end);
    if !record.meetings.iter().any(held_after) {
        return Cow::Borrowed(record);
    }
    let mut earlier = record.clone();
    earlier.meetings.retain(|m| !held_after(m));
    Cow::Owned(earlier)
}

/// What the loop over the children counts.
#[derive(Default)]
struct Tally {
    n_made: u32,
    n_on_time: u32,
    /// Carried out by their due date, among those due by the period's end (the share's numerator).
    n_on_time_due: u32,
    n_late: u32,
    n_open_past_due: u32,
    n_open_not_yet_due: u32,
    n_dropped: u32,
}

impl Tally {
    fn add(&mut self, standing: Standing) {
        self.n_made += 1;
        match standing {
            Standing::OnTime { due_by_end } => {
                self.n_on_time += 1;
                self.n_on_time_due += u32::from(due_by_end);
            }
            Standing::Late => self.n_late += 1,
            Standing::OpenPastDue => self.n_open_past_due += 1,
            Standing::OpenNotYetDue => self.n_open_not_yet_due += 1,
            Standing::Dropped => self.n_dropped += 1,
        }
    }

    /// Of the decisions due by the period's end and not dropped, those carried out by then.
    fn share(&self) -> Value {
        pct(
            self.n_on_time_due,
            self.n_on_time_due + self.n_late + self.n_open_past_due,
        )
    }
}

/// The decisions of meetings held in `period` that `plan` counts, for a selected IRO.
fn made_in<'r>(
    input: &Input<'_>,
    record: &'r ChildRecord,
    period: &ReportPeriod,
    plan: Plan,
) -> Vec<(&'r Decision, &'r Meeting)> {
    record
        .decisions
        .iter()
        .filter_map(|d| {
            let meeting = record.meetings.iter().find(|m| m.id == d.meeting)?;
            let held_on = meeting.held_on()?;
            (period.contains(held_on)
                && input.counts_on(record, held_on)
                && plan.takes(input, record, meeting))
            .then_some((d, meeting))
        })
        .collect()
}

fn count_child(
    input: &Input<'_>,
    record: &ChildRecord,
    period: &ReportPeriod,
    plan: Plan,
    t: &mut Tally,
) {
    let made = made_in(input, record, period, plan);
    if made.is_empty() {
        return;
    }
    let end = input.standing_on(period);
    let then = as_at_end(record, end);
    for (decision, meeting) in made {
        let due_on = decision_due_on(&then, decision, meeting, &input.ctx, end);
        t.add(standing(&decision.state, due_on, end));
    }
}

/// The decision figures of `plan`'s section for one period.
pub(super) fn figures(
    input: &Input<'_>,
    period: &ReportPeriod,
    plan: Plan,
    out: &mut SectionPeriod,
) {
    let mut t = Tally::default();
    for record in &input.caseload.children {
        count_child(input, record, period, plan, &mut t);
    }
    let id = |what: &str| format!("{}.decisions.{what}", plan.prefix());
    let on = input.standing_on(period);
    let end = if on == period.ends_on {
        period.end_words()
    } else {
        long_date(on)
    };
    out.figure(
        id("made"),
        format!("Decisions made at {}", plan.meetings()),
        def::decisions_made(plan, input.options),
        Value::Count { n: t.n_made },
    );
    out.figure(
        id("carried_out_by_due_date"),
        format!("Decisions due by {end}: carried out by their due date"),
        def::decisions_share(plan, on),
        t.share(),
    );
    let counts = [
        (
            "done_on_time",
            "Decisions carried out on or before their due date".to_string(),
            def::decisions_done(true, on),
            t.n_on_time,
        ),
        (
            "done_late",
            "Decisions carried out after their due date".to_string(),
            def::decisions_done(false, on),
            t.n_late,
        ),
        (
            "open_past_due",
            format!("Decisions still open at {end}, past their due date"),
            def::decisions_open(true, on),
            t.n_open_past_due,
        ),
        (
            "open_not_yet_due",
            format!("Decisions still open at {end}, not yet due"),
            def::decisions_open(false, on),
            t.n_open_not_yet_due,
        ),
        (
            "dropped",
            "Decisions dropped".to_string(),
            def::decisions_dropped(on),
            t.n_dropped,
        ),
    ];
    for (what, label, definition, n) in counts {
        out.figure(id(what), label, definition, Value::Count { n });
    }
}
