//! The rows about meetings already held: an initial conference with no outcome recorded, a
//! review's participation code, and each tracked decision past its due date.

use super::{days, Severity, Warning, WarningKind, Who};
use crate::decisions::overdue_decisions_in;
use crate::domain::{ChildRecord, MeetingKind, Participation};
use crate::explain::{uk_date, UkDate};
use crate::schedule::{initial_outcome_missing, Ctx, DueItem};
use crate::validate::fits_age;
use crate::validate::fourth_birthday;
use chrono::NaiveDate;

pub(super) fn rows(
    record: &ChildRecord,
    items: &[DueItem],
    who: &Who<'_>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    out: &mut Vec<Warning>,
) {
    out.extend(outcome_missing_row(record, as_of).map(|w| w.about(who)));
    out.extend(decision_rows(record, items, ctx, as_of).map(|w| w.about(who)));
    out.extend(participation_rows(record, as_of).map(|w| w.about(who)));
}

/// An initial conference held with no outcome recorded: its reviews are counted as if it made
/// a plan until the IRO records what it decided.
fn outcome_missing_row(record: &ChildRecord, as_of: NaiveDate) -> Option<Warning> {
    let meeting = initial_outcome_missing(record, as_of)?;
    let held_on = record
        .meetings
        .iter()
        .find(|m| m.id == meeting)
        .and_then(|m| m.held_on());
    let mut w = Warning::new(
        WarningKind::ConferenceOutcomeMissing,
        Severity::Red,
        "Conference outcome",
        format!(
            "The initial conference held on {} has no outcome recorded: record whether it made a plan. Until then its reviews are counted as if it did.",
            held_on.map_or_else(String::new, uk_date)
        ),
    );
    w.meeting_kind = Some(MeetingKind::Icpc);
    w.meeting = Some(meeting);
    Some(w)
}

/// The decisions of finalised records that are past their due date and not done.
fn decision_rows<'a>(
    record: &'a ChildRecord,
    items: &[DueItem],
    ctx: &'a Ctx<'_>,
    as_of: NaiveDate,
) -> impl Iterator<Item = Warning> + 'a {
    overdue_decisions_in(record, items, as_of)
        .into_iter()
        .map(move |t| {
            let due = t.due_on.expect("an overdue decision has a due date");
            let left = ctx.calendar.working_days_between(as_of, due);
            let mut w = Warning::new(
                WarningKind::DecisionOverdue,
                Severity::Overdue,
                format!(
                    "Decision {} of the {} of {}",
                    t.decision.number,
                    t.meeting_kind.label(),
                    UkDate(t.made_on)
                ),
                format!(
                    "\u{201c}{}\u{201d} ({}) was due by {}: overdue by {}.",
                    t.decision.text,
                    t.decision.owner,
                    UkDate(due),
                    days((-left).max(1))
                ),
            );
            w.due = Some(due);
            w.working_days_left = Some(left);
            w.meeting = Some(t.decision.meeting);
            w.decision = Some(t.decision.id);
            w
        })
}

/// Each review held in the open period of care whose participation code is missing or does not
/// fit the child's age on the day.
fn participation_rows(
    record: &ChildRecord,
    as_of: NaiveDate,
) -> impl Iterator<Item = Warning> + '_ {
    let period = record.open_care_period(as_of);
    let fourth = fourth_birthday(record.child.details.born_on);
    record
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::LacReview)
        .filter_map(move |m| {
            let held = m
                .held_on()
                .filter(|d| period.is_some_and(|p| p.contains(*d)))?;
            let message = match m.outcome.participation {
                None => format!(
                    "The review held on {} has no participation code.",
                    UkDate(held)
                ),
                Some(code) if fourth.is_some() && !fits_age(fourth, held, code) => {
                    if code == Participation::Pn0 {
                        format!(
                            "The review held on {} is coded PN0, but the child was 4 or over.",
                            UkDate(held)
                        )
                    } else {
                        format!(
                            "The review held on {} is coded {}, but the child was under 4 (PN0).",
                            UkDate(held),
                            code.code()
                        )
                    }
                }
                Some(_) => return None,
            };
            let mut w = Warning::new(
                WarningKind::ParticipationMismatch,
                Severity::Info,
                "Participation code",
                message,
            );
            w.meeting_kind = Some(MeetingKind::LacReview);
            w.meeting = Some(m.id);
            Some(w)
        })
}
