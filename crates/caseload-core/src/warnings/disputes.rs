//! One row per open dispute (domain.md §5.3, §8), in the state that says what to do next:
//! - the response awaited is overdue (escalate) or due within 2 working days;
//! - the response is in: accept it or escalate, by the dispute's follow-up date;
//! - the case is with Cafcass: the dispute's own clocks are stopped;
//! - nothing recorded for 10 working days.
//!
//! A DRP's formal process past its 20 working days, and a spell with no activity while a
//! response is awaited, are flags on that row.

use super::{days, Flag, Severity, Warning, WarningKind, Who};
use crate::disputes::{dispute_clocks_written, DisputeClocks, StageStatus};
use crate::domain::{ChildRecord, Dispute, DisputeKind};
use crate::explain::{UkDate, Written};
use crate::rules::Due;
use crate::schedule::Ctx;
use chrono::NaiveDate;

/// A dispute response is "due soon" within this many working days (domain.md §8).
pub const DISPUTE_DUE_SOON_WORKING_DAYS: i64 = 2;

pub(super) fn rows(
    record: &ChildRecord,
    who: &Who<'_>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    out: &mut Vec<Warning>,
) {
    for dispute in record.disputes.iter().filter(|d| d.is_open()) {
        out.extend(dispute_row(dispute, who, ctx, as_of).map(|w| w.about(who)));
    }
}

/// What a dispute row is about, in words and in data.
struct Subject<'a> {
    dispute: &'a Dispute,
    /// The child's, for the key of a clock's explanation.
    who: &'a Who<'a>,
    clocks: DisputeClocks,
    /// "the dispute", "the challenge to Police".
    what: String,
    /// "Dispute, Stage 2".
    title: String,
}

fn dispute_row<'a>(
    dispute: &'a Dispute,
    who: &'a Who<'a>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Option<Warning> {
    let clocks = dispute_clocks_written(dispute, ctx, as_of, Written::Later);
    let current = clocks.stages.iter().max_by_key(|s| s.stage).cloned();
    let (what, name) = match (dispute.kind, dispute.partner_agency.as_deref()) {
        (DisputeKind::Macp, Some(a)) => {
            (format!("the challenge to {a}"), format!("Challenge to {a}"))
        }
        (DisputeKind::Macp, None) => (
            "the multi-agency challenge".to_string(),
            "Multi-agency challenge".to_string(),
        ),
        (DisputeKind::Drp, _) => ("the dispute".to_string(), "Dispute".to_string()),
    };
    let title = current
        .as_ref()
        .map_or_else(|| name.clone(), |s| format!("{name}, {}", s.label));
    let subject = Subject {
        dispute,
        who,
        clocks,
        what,
        title,
    };
    if let Some(on) = subject.clocks.awaiting_cafcass_since {
        let formal = formal_flag(&subject, as_of);
        return Some(cafcass_row(&subject, on).with_flags(formal.into_iter().collect()));
    }
    let mut flags: Vec<Flag> = formal_flag(&subject, as_of)
        .into_iter()
        .chain(inactive_flag(&subject, as_of))
        .collect();
    flags.sort_by_key(|f| f.severity);
    let row = match (subject.clocks.awaiting.clone(), current) {
        (Some(due), Some(stage)) => awaiting_row(&subject, &stage, &due, ctx, as_of),
        (None, Some(stage)) if stage.responded_on.is_some() => {
            received_row(&subject, &stage, ctx, as_of)
        }
        _ => None,
    };
    if let Some(row) = row {
        return Some(row.with_flags(flags));
    }
    // With nothing awaited or received to act on, the formal process or the silence is the row.
    let first = flags.first()?.clone();
    let due = match first.kind {
        WarningKind::DisputeFormalOverdue => subject.clocks.formal.as_ref().map(|f| f.due.clone()),
        _ => subject.clocks.follow_up.clone(),
    }?;
    let row = clock_row(
        &subject,
        &due,
        first.kind,
        first.severity,
        first.message,
        ctx,
        as_of,
    );
    Some(row.with_flags(flags.into_iter().skip(1).collect()))
}

/// A row on one of the dispute's clocks.
fn clock_row(
    subject: &Subject<'_>,
    due: &Due,
    kind: WarningKind,
    severity: Severity,
    message: String,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Warning {
    let mut w = Warning::new(kind, severity, subject.title.clone(), message);
    w.rule = Some(due.rule);
    w.due = Some(due.due);
    w.plan_by = Some(due.plan_by);
    w.working_days_left = Some(ctx.calendar.working_days_between(as_of, due.due));
    w.dispute = Some(subject.dispute.id);
    w.why = Some(subject.who.why(due, None, w.dispute));
    w
}

/// The response to the stage reached: overdue (escalate), or due within 2 working days.
fn awaiting_row(
    subject: &Subject<'_>,
    stage: &StageStatus,
    due: &Due,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Option<Warning> {
    let left = ctx.calendar.working_days_between(as_of, due.due);
    let what = &subject.what;
    let (kind, severity, message) = if as_of > due.due {
        (
            WarningKind::DisputeResponseOverdue,
            Severity::Overdue,
            format!(
                "The response to {} of {what} (sent to {} on {}) was due on {}: overdue by {}. Escalate, or record the response.",
                stage.label,
                stage.sent_to,
                UkDate(stage.raised_on),
                UkDate(due.due),
                days((-left).max(1))
            ),
        )
    } else if left <= DISPUTE_DUE_SOON_WORKING_DAYS {
        (
            WarningKind::DisputeResponseDueSoon,
            Severity::Red,
            format!(
                "The response to {} of {what} (sent to {}) is due {} ({} left).",
                stage.label,
                stage.sent_to,
                UkDate(due.due),
                days(left)
            ),
        )
    } else {
        return None;
    };
    Some(clock_row(subject, due, kind, severity, message, ctx, as_of))
}

/// The response to the stage reached is in: the IRO accepts it (and resolves the dispute) or
/// escalates, by the dispute's follow-up date.
fn received_row(
    subject: &Subject<'_>,
    stage: &StageStatus,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
) -> Option<Warning> {
    let due = subject.clocks.follow_up.clone()?;
    let received_on = stage.responded_on?;
    let left = ctx.calendar.working_days_between(as_of, due.due);
    let severity = if as_of > due.due {
        Severity::Overdue
    } else if left <= DISPUTE_DUE_SOON_WORKING_DAYS {
        Severity::Red
    } else {
        Severity::Amber
    };
    let clock = if as_of > due.due {
        format!("overdue by {}", days((-left).max(1)))
    } else {
        format!("{} left", days(left))
    };
    let message = format!(
        "Response received: accept or escalate by {} ({clock}). {} answered {} on {}.",
        UkDate(due.due),
        stage.sent_to,
        stage.label,
        UkDate(received_on)
    );
    Some(clock_row(
        subject,
        &due,
        WarningKind::DisputeResponseReceived,
        severity,
        message,
        ctx,
        as_of,
    ))
}

/// The case is with Cafcass: the dispute's own clocks are stopped since the referral.
fn cafcass_row(subject: &Subject<'_>, on: NaiveDate) -> Warning {
    let mut w = Warning::new(
        WarningKind::DisputeAwaitingCafcass,
        Severity::Info,
        subject.title.clone(),
        format!(
            "Awaiting Cafcass: referred on {}. The clocks of {} are stopped until Cafcass answers.",
            UkDate(on),
            subject.what
        ),
    );
    w.dispute = Some(subject.dispute.id);
    w
}

/// A DRP's formal process past its working days (counted up to the referral while the
/// dispute awaits Cafcass).
fn formal_flag(subject: &Subject<'_>, as_of: NaiveDate) -> Option<Flag> {
    let formal = subject.clocks.formal.as_ref()?;
    let end = subject.clocks.awaiting_cafcass_since.unwrap_or(as_of);
    if end <= formal.due.due {
        return None;
    }
    // Stopped by a referral to Cafcass, it is a fact about the past, not a clock running.
    let severity = if subject.clocks.awaiting_cafcass_since.is_some() {
        Severity::Info
    } else {
        Severity::Overdue
    };
    Some(Flag::new(
        WarningKind::DisputeFormalOverdue,
        severity,
        format!("Formal process over {}", days(i64::from(formal.limit))),
        format!(
            "The formal process of {} began on {} and has taken {}, more than the {} allowed (due {}).",
            subject.what,
            UkDate(formal.started_on),
            days(formal.elapsed_working_days),
            days(i64::from(formal.limit)),
            UkDate(formal.due.due)
        ),
    ))
}

/// Nothing recorded since the follow-up date passed (not while a response is awaited and not
/// yet due, nor once a response is in: that row says what to do).
fn inactive_flag(subject: &Subject<'_>, as_of: NaiveDate) -> Option<Flag> {
    let clocks = &subject.clocks;
    let follow_up = clocks.follow_up.as_ref()?;
    let awaited_in_time = clocks.awaiting.as_ref().is_some_and(|d| as_of <= d.due);
    let received = clocks.awaiting.is_none()
        && subject
            .dispute
            .current()
            .is_some_and(|s| s.responded_on.is_some());
    if awaited_in_time || received || as_of < follow_up.due {
        return None;
    }
    Some(Flag::new(
        WarningKind::DisputeInactive,
        Severity::Amber,
        format!(
            "Nothing recorded for {}",
            days(clocks.working_days_since_activity)
        ),
        format!(
            "Nothing recorded on {} for {} (last: {} on {}).",
            subject.what,
            days(clocks.working_days_since_activity),
            clocks.last_activity,
            UkDate(clocks.last_activity_on)
        ),
    ))
}
