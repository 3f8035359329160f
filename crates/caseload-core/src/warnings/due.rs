//! The rows of the schedule's due dates: each review or conference, the IRO's appointment, and
//! the decisions and record of each held meeting. One row per due date; its booking, the
//! preparation for it and its calendar are flags on that row.

use super::why::item_meeting;
use super::{by_left, days, within_amber, Flag, Severity, Warning, WarningKind, Who};
use crate::calendar::NonWorking;
use crate::domain::{ChildRecord, MeetingKind};
use crate::explain::UkDate;
use crate::rules::{RuleDef, RuleId};
use crate::schedule::{review_history_incomplete, Booking, Ctx, DueItem, DueWhat, Scope};
use chrono::NaiveDate;

pub(super) fn rows(
    record: &ChildRecord,
    items: &[DueItem],
    who: &Who<'_>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    out: &mut Vec<Warning>,
) {
    for item in items {
        let row = match item.what {
            DueWhat::LacReview if history_incomplete(record, item) => {
                Some(history_row(record, item))
            }
            DueWhat::IroAppointment => appointment_row(item, ctx, as_of),
            DueWhat::ReviewDecisions | DueWhat::ReviewRecord => write_up_row(item, ctx, as_of),
            _ => meeting_row(item, ctx, as_of),
        };
        out.extend(row.map(|w| w.about(who).counting_to(item, who)));
    }
}

/// The period of care of a LAC review item, when the schedule cannot place its next review.
fn history_incomplete(record: &ChildRecord, item: &DueItem) -> bool {
    let Scope::Care(id) = item.scope else {
        return false;
    };
    record
        .care_periods
        .iter()
        .find(|p| p.id == id)
        .is_some_and(|p| review_history_incomplete(record, p))
}

/// The next review of a period whose earlier reviews are not known: no date is counted from
/// the start of care (that would be a false alarm); the IRO is asked for the history.
fn history_row(record: &ChildRecord, item: &DueItem) -> Warning {
    let started = record
        .care_periods
        .iter()
        .find(|p| Scope::Care(p.id) == item.scope)
        .map_or_else(String::new, |p| format!(" since {}", UkDate(p.started_on)));
    let mut w = Warning::new(
        WarningKind::HistoryIncomplete,
        Severity::Amber,
        "LAC review history incomplete",
        format!(
            "The reviews held in this period of care{started} are not recorded: enter the last review held, and how many, to date the next one."
        ),
    );
    w.rule = Some(item.due.rule);
    w.meeting_kind = Some(MeetingKind::LacReview);
    w
}

/// A row about a due item, with its date, rule and booking.
fn item_row(item: &DueItem, kind: WarningKind, severity: Severity, message: String) -> Warning {
    let mut w = Warning::new(kind, severity, item.title.clone(), message);
    w.rule = Some(item.due.rule);
    w.meeting_kind = item.what.meeting_kind();
    w.due = Some(item.due.due);
    w.plan_by = Some(item.due.plan_by);
    w.working_days_left = Some(item.working_days_left);
    w.booked_on = item.booked.as_ref().map(|b| b.on);
    w.meeting = item_meeting(item);
    w
}

impl Warning {
    /// A row that gives `item`'s date keeps the key of its explanation (the history row gives
    /// no date, so it has none).
    fn counting_to(mut self, item: &DueItem, who: &Who<'_>) -> Warning {
        if self.due == Some(item.due.due) {
            self.why = Some(who.why(&item.due, item_meeting(item), None));
        }
        self
    }
}

/// The IRO's appointment for a new period of care: late, overdue or due soon.
fn appointment_row(item: &DueItem, ctx: &Ctx<'_>, as_of: NaiveDate) -> Option<Warning> {
    let due = item.due.due;
    let left = item.working_days_left;
    let (severity, message) = match item.done_on {
        Some(on) if on > due => (
            Severity::Info,
            format!(
                "The IRO was appointed on {}, after the {} deadline.",
                UkDate(on),
                UkDate(due)
            ),
        ),
        Some(_) => return None,
        None if as_of > due => (
            Severity::Overdue,
            format!("No IRO appointed; due by {}.", UkDate(due)),
        ),
        None if within_amber(ctx, left) => (
            by_left(ctx, left),
            format!("Appoint an IRO by {} ({} left).", UkDate(due), days(left)),
        ),
        None => return None,
    };
    let row = item_row(item, WarningKind::IroAppointmentLate, severity, message);
    Some(row.with_flags(calendar_flags(item, ctx)))
}

/// The decisions or the record of a held meeting not yet sent: in the same red and amber
/// windows as a meeting, and overdue once past.
fn write_up_row(item: &DueItem, ctx: &Ctx<'_>, as_of: NaiveDate) -> Option<Warning> {
    if item.done_on.is_some() {
        return None;
    }
    let due = item.due.due;
    let left = item.working_days_left;
    let decisions = item.what == DueWhat::ReviewDecisions;
    let (kind, severity, message) = if as_of > due {
        let (kind, what) = if decisions {
            (WarningKind::DecisionsLate, "The decisions were")
        } else {
            (WarningKind::RecordLate, "The record was")
        };
        (
            kind,
            Severity::Overdue,
            format!(
                "{what} due by {} and {} not recorded as sent.",
                UkDate(due),
                if decisions { "are" } else { "is" }
            ),
        )
    } else if within_amber(ctx, left) {
        let (kind, what) = if decisions {
            (WarningKind::DecisionsDue, "Circulate the decisions")
        } else {
            (WarningKind::RecordDue, "Send the record")
        };
        (
            kind,
            by_left(ctx, left),
            format!("{what} by {} ({} left).", UkDate(due), days(left)),
        )
    } else {
        return None;
    };
    Some(item_row(item, kind, severity, message).with_flags(calendar_flags(item, ctx)))
}

/// A review or conference: one row whose kind is the state that decides what to do next
/// (overdue, not booked, booked after the due date, booked in time), shown when it is overdue,
/// booked late, due within the amber window, or its preparation needs something.
fn meeting_row(item: &DueItem, ctx: &Ctx<'_>, as_of: NaiveDate) -> Option<Warning> {
    let due = item.due.due;
    let left = item.working_days_left;
    let preparation = preparation_flags(item, ctx, as_of);
    // Booked after the due date: what `booking_flag` calls `BookedAfterDue`, known before its
    // words are written.
    let booked_late = item.booked.as_ref().is_some_and(|b| b.on > due);
    let shown = as_of > due || within_amber(ctx, left) || booked_late || !preparation.is_empty();
    if !shown {
        return None;
    }
    let booking = booking_flag(item, ctx, as_of);
    // The columns beside the message give the due date and the days left or over: the
    // message says what to do.
    let (kind, severity) = if as_of > due {
        (WarningKind::Overdue, Severity::Overdue)
    } else {
        (booking.kind, booking.severity)
    };
    let message = booking.message.clone();
    let mut flags = vec![booking];
    flags.extend(preparation);
    flags.extend(calendar_flags(item, ctx));
    Some(item_row(item, kind, severity, message).with_flags(flags))
}

/// Where the meeting stands in the diary: not booked, booked after its due date, booked in time
/// (on track), or booked for a day now past and not recorded as held.
fn booking_flag(item: &DueItem, ctx: &Ctx<'_>, as_of: NaiveDate) -> Flag {
    let due = item.due.due;
    let left = item.working_days_left;
    let overdue = as_of > due;
    let Some(b) = item.booked.as_ref() else {
        let kind = if matches!(item.what, DueWhat::Icpc | DueWhat::PreBirthConference) {
            WarningKind::IcpcAtRisk
        } else {
            WarningKind::NotBooked
        };
        let (severity, message) = if overdue {
            (
                Severity::Overdue,
                "Nothing is booked: book it as soon as you can.".to_string(),
            )
        } else {
            (
                by_left(ctx, left),
                format!("Not booked: book it by {}.", UkDate(item.due.plan_by)),
            )
        };
        return Flag::new(kind, severity, "Not booked", message);
    };
    if b.on > due {
        let severity = if overdue {
            Severity::Overdue
        } else if within_amber(ctx, left) {
            Severity::Red
        } else {
            Severity::Amber
        };
        let to = if overdue {
            "bring it forward if you can".to_string()
        } else {
            format!("move it to {} or earlier", UkDate(item.due.plan_by))
        };
        return Flag::new(
            WarningKind::BookedAfterDue,
            severity,
            format!("Booked late, {}", UkDate(b.on)),
            format!(
                "Booked for {}, after the due date {}: {to}.",
                UkDate(b.on),
                UkDate(due)
            ),
        );
    }
    if b.on < as_of {
        return Flag::new(
            WarningKind::BookedInTime,
            if overdue {
                Severity::Overdue
            } else {
                Severity::Amber
            },
            format!("Booked {}: not recorded as held", UkDate(b.on)),
            format!(
                "Booked for {}: record it as held if it took place.",
                UkDate(b.on)
            ),
        );
    }
    Flag::new(
        WarningKind::BookedInTime,
        Severity::Info,
        format!("Booked {}", UkDate(b.on)),
        format!("Booked for {}, in time.", UkDate(b.on)),
    )
}

/// What the meeting still needs before it sits: the child seen, the social worker's contact
/// and the reports (a LAC review), and a working day (an initial or transfer-in conference).
fn preparation_flags(item: &DueItem, ctx: &Ctx<'_>, as_of: NaiveDate) -> Vec<Flag> {
    let mut flags = Vec::new();
    let booked = item.booked.as_ref();
    if item.what == DueWhat::LacReview {
        let left = item.working_days_left;
        let seen_window = i64::from(ctx.rules.value(RuleId::ChildSeenBeforeReview));
        if booked.and_then(|b| b.child_seen_on).is_none() && left <= seen_window {
            flags.push(Flag::new(
                WarningKind::ChildNotSeen,
                by_left(ctx, left),
                "Child not seen",
                format!(
                    "No visit to the child recorded ahead of the review due {}.",
                    UkDate(item.due.due)
                ),
            ));
        }
        if let Some(b) = booked.filter(|b| b.on >= as_of) {
            flags.extend(report_flags(b, ctx, as_of));
        }
    }
    let conference = matches!(
        item.what,
        DueWhat::Icpc | DueWhat::PreBirthConference | DueWhat::TransferInConference
    );
    if let Some(b) = booked.filter(|b| conference && b.on >= as_of) {
        flags.extend(non_working_day_flag(item, b, ctx));
    }
    flags
}

/// The social worker's contact (I5) and the reports (I6) ahead of a booked LAC review: each is
/// late once fewer working days than its rule's are left before the meeting and it is not
/// recorded.
fn report_flags(booked: &Booking, ctx: &Ctx<'_>, as_of: NaiveDate) -> Vec<Flag> {
    let left = ctx.calendar.working_days_between(as_of, booked.on);
    let checks = [
        (
            RuleId::SocialWorkerContact,
            booked.social_worker_contact_on,
            WarningKind::SocialWorkerContactLate,
            "No social worker contact",
            "The social worker has not spoken with the IRO",
        ),
        (
            RuleId::ReportsToIro,
            booked.reports_received_on,
            WarningKind::ReportsLate,
            "Reports not in",
            "The reports (care plan, PEP, health plan) have not arrived",
        ),
    ];
    let mut flags = Vec::new();
    for (rule, done, kind, label, what) in checks {
        let value = ctx.rules.value(rule);
        if done.is_some() || left >= i64::from(value) {
            continue;
        }
        let by = ctx.calendar.sub_working_days(booked.on, value).result;
        flags.push(Flag::new(
            kind,
            Severity::Amber,
            label,
            format!(
                "{what} ahead of the review on {}: due by {} ({value} working days before; {}).",
                UkDate(booked.on),
                UkDate(by),
                RuleDef::of(rule).source
            ),
        ));
    }
    flags
}

/// An initial or transfer-in conference booked on a day that is not a working day (the CIN
/// census refuses an ICPC on a weekend; a bank holiday is as unlikely to be meant).
fn non_working_day_flag(item: &DueItem, booked: &Booking, ctx: &Ctx<'_>) -> Option<Flag> {
    let reason = ctx.calendar.non_working_reason(booked.on)?;
    let (label, why) = match reason {
        NonWorking::Weekend { .. } => ("On a weekend", "a weekend".to_string()),
        NonWorking::BankHoliday { name, .. } => {
            ("On a bank holiday", format!("a bank holiday ({name})"))
        }
    };
    let kind = item.what.meeting_kind().map_or("meeting", |k| k.label());
    Some(Flag::new(
        WarningKind::BookedOnNonWorkingDay,
        Severity::Amber,
        label,
        format!(
            "The {} is booked for {}, which is {why}: move it to a working day.",
            kind.to_lowercase(),
            UkDate(booked.on)
        ),
    ))
}

/// What any due date in the amber window can carry: a provisional calendar, and a plan-by date
/// before a due date that is not a working day.
fn calendar_flags(item: &DueItem, ctx: &Ctx<'_>) -> Vec<Flag> {
    let mut flags = Vec::new();
    if !within_amber(ctx, item.working_days_left) {
        return flags;
    }
    let due = item.due.due;
    if item.due.provisional {
        flags.push(Flag::new(
            WarningKind::ProvisionalCalendar,
            Severity::Info,
            "Provisional bank holidays",
            format!(
                "{} is computed with provisional bank holidays; check it when the year's holidays are announced.",
                UkDate(due)
            ),
        ));
    }
    if item.due.plan_by != due {
        flags.push(Flag::new(
            WarningKind::PlanByDiffers,
            Severity::Info,
            format!("Plan by {}", UkDate(item.due.plan_by)),
            format!(
                "{} is not a working day: plan by {}.",
                UkDate(due),
                UkDate(item.due.plan_by)
            ),
        ));
    }
    flags
}
