//! The warnings for an as-of date: what is overdue, what is coming, what is already a breach in
//! the diary, and what is inconsistent (domain.md §8).
//!
//! Warnings are data, not errors. Each names the child, the kind, the severity, the due date,
//! the plan-by date, the working days left and the explanation of the date. This module does not
//! format for a screen, and it never reads the clock.

use crate::calendar::NonWorking;
use crate::decisions::tracked_decisions;
use crate::disputes::dispute_clocks;
use crate::domain::{
    Caseload, ChildRecord, DisputeKind, Iro, MeetingKind, MeetingStatus, Participation,
};
use crate::explain::{uk_date, Explanation};
use crate::ids::{ChildId, DecisionId, DisputeId, IroId, MeetingId};
use crate::rules::{Due, RuleDef, RuleId};
use crate::schedule::{initial_outcome_missing, schedule, Booking, Ctx, DueItem, DueWhat};
use crate::validate::allowed_participation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// A review or conference is due within the amber threshold.
    DueSoon,
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
}

/// One warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Warning {
    /// The child (None for an IRO-level warning such as caseload).
    pub child: Option<ChildId>,
    /// The child's name as an IRO uses it.
    pub child_name: Option<String>,
    /// The IRO the child is allocated to (or the IRO the warning is about).
    pub iro: Option<IroId>,
    /// What the warning is about.
    pub kind: WarningKind,
    /// How urgent.
    pub severity: Severity,
    /// What is due, e.g. "Second LAC review".
    pub title: String,
    /// One sentence an IRO reads.
    pub message: String,
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
    /// How the due date was derived.
    pub explanation: Option<Explanation>,
}

/// Computes the warnings for `as_of`, for one IRO's children (by current allocation) or all.
pub fn compute_warnings(
    caseload: &Caseload,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    iro: Option<IroId>,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for record in &caseload.children {
        let allocated = record.iro_on(as_of).or_else(|| record.current_iro());
        if iro.is_some() && allocated != iro {
            continue;
        }
        child_warnings(record, allocated, ctx, as_of, &mut warnings);
    }
    for profile in caseload
        .iros
        .iter()
        .filter(|p| iro.is_none_or(|id| id == p.id))
    {
        caseload_warning(caseload, profile, ctx, as_of, &mut warnings);
    }
    sort_warnings(&mut warnings);
    warnings
}

/// The warnings about one child for `as_of` (no IRO-level warnings), most urgent first.
pub fn warnings_for_child(record: &ChildRecord, ctx: &Ctx<'_>, as_of: NaiveDate) -> Vec<Warning> {
    let allocated = record.iro_on(as_of).or_else(|| record.current_iro());
    let mut warnings = Vec::new();
    child_warnings(record, allocated, ctx, as_of, &mut warnings);
    sort_warnings(&mut warnings);
    warnings
}

/// Most urgent first, then by due date, child and kind.
fn sort_warnings(warnings: &mut [Warning]) {
    warnings.sort_by(|a, b| {
        (a.severity, a.due, &a.child_name, a.kind).cmp(&(b.severity, b.due, &b.child_name, b.kind))
    });
}

/// Looked-after children allocated to an IRO on a date.
pub fn lac_count(caseload: &Caseload, iro: IroId, as_of: NaiveDate) -> usize {
    caseload
        .children
        .iter()
        .filter(|r| r.iro_on(as_of) == Some(iro) && r.open_care_period(as_of).is_some())
        .count()
}

fn caseload_warning(
    caseload: &Caseload,
    profile: &Iro,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    out: &mut Vec<Warning>,
) {
    let upper = ctx.rules.value(RuleId::CaseloadBand);
    let lower = ctx.rules.value(RuleId::CaseloadBandLower);
    let n = lac_count(caseload, profile.id, as_of);
    let fte = profile.details.fte.max(0.1);
    let per_fte = n as f64 / fte;
    let per = if (fte - 1.0).abs() < f64::EPSILON {
        String::new()
    } else {
        format!(" ({per_fte:.0} per full-time post at {fte} FTE)")
    };
    // An IRO with no looked-after children (a child-protection chair) is not below a band.
    let (kind, severity, rule, title, message) = if per_fte > f64::from(upper) {
        (
            WarningKind::CaseloadAboveBand,
            Severity::Amber,
            RuleId::CaseloadBand,
            "Caseload above the band",
            format!(
                "{} has {n} looked-after children{per}, above the band of {upper} ({}).",
                profile.details.name,
                RuleDef::of(RuleId::CaseloadBand).source
            ),
        )
    } else if n > 0 && per_fte < f64::from(lower) {
        (
            WarningKind::CaseloadBelowBand,
            Severity::Info,
            RuleId::CaseloadBandLower,
            "Caseload below the band",
            format!(
                "{} has {n} looked-after children{per}, below the band's lower end of {lower} ({}).",
                profile.details.name,
                RuleDef::of(RuleId::CaseloadBandLower).source
            ),
        )
    } else {
        return;
    };
    {
        out.push(Warning {
            child: None,
            child_name: None,
            iro: Some(profile.id),
            kind,
            severity,
            title: title.to_string(),
            message,
            rule: Some(rule),
            meeting_kind: None,
            due: None,
            plan_by: None,
            working_days_left: None,
            booked_on: None,
            meeting: None,
            dispute: None,
            decision: None,
            explanation: None,
        });
    }
}

fn child_warnings(
    record: &ChildRecord,
    iro: Option<IroId>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    out: &mut Vec<Warning>,
) {
    let name = record.child.details.display_name();
    let red = i64::from(ctx.settings.red_within_working_days);
    let amber = i64::from(ctx.settings.amber_within_working_days);
    let mut push = |item: &DueItem, kind: WarningKind, severity: Severity, message: String| {
        out.push(Warning {
            child: Some(record.child.id),
            child_name: Some(name.clone()),
            iro,
            kind,
            severity,
            title: item.title.clone(),
            message,
            rule: Some(item.due.rule),
            meeting_kind: item.what.meeting_kind(),
            due: Some(item.due.due),
            plan_by: Some(item.due.plan_by),
            working_days_left: Some(item.working_days_left),
            booked_on: item.booked.as_ref().map(|b| b.on),
            meeting: item
                .booked
                .as_ref()
                .map(|b| b.meeting)
                .or(item.after_meeting),
            dispute: None,
            decision: None,
            explanation: Some(item.due.explanation.clone()),
        });
    };
    for item in schedule(record, ctx, as_of) {
        let due = item.due.due;
        let left = item.working_days_left;
        let by_left = |left: i64| {
            if left <= red {
                Severity::Red
            } else {
                Severity::Amber
            }
        };
        if item.due.provisional && left <= amber {
            push(
                &item,
                WarningKind::ProvisionalCalendar,
                Severity::Info,
                format!(
                    "{} is computed with provisional bank holidays; check it when the year's holidays are announced.",
                    uk_date(due)
                ),
            );
        }
        match item.what {
            DueWhat::IroAppointment => {
                match item.done_on {
                    Some(on) if on > due => push(
                        &item,
                        WarningKind::IroAppointmentLate,
                        Severity::Info,
                        format!(
                            "The IRO was appointed on {}, after the {} deadline.",
                            uk_date(on),
                            uk_date(due)
                        ),
                    ),
                    Some(_) => {}
                    None if as_of > due => push(
                        &item,
                        WarningKind::IroAppointmentLate,
                        Severity::Overdue,
                        format!("No IRO appointed; due by {}.", uk_date(due)),
                    ),
                    None if left <= amber => push(
                        &item,
                        WarningKind::IroAppointmentLate,
                        by_left(left),
                        format!("Appoint an IRO by {} ({} left).", uk_date(due), days(left)),
                    ),
                    None => {}
                }
                continue;
            }
            DueWhat::ReviewDecisions | DueWhat::ReviewRecord => {
                let (kind, message) = if item.what == DueWhat::ReviewDecisions {
                    (
                        WarningKind::DecisionsLate,
                        format!(
                            "The decisions were due by {} and are not recorded as sent.",
                            uk_date(due)
                        ),
                    )
                } else {
                    (
                        WarningKind::RecordLate,
                        format!(
                            "The record was due by {} and is not recorded as sent.",
                            uk_date(due)
                        ),
                    )
                };
                if item.done_on.is_some() {
                    continue;
                }
                if as_of > due {
                    push(&item, kind, Severity::Overdue, message);
                } else if left <= amber {
                    let (kind, what) = if item.what == DueWhat::ReviewDecisions {
                        (WarningKind::DecisionsDue, "Circulate the decisions")
                    } else {
                        (WarningKind::RecordDue, "Send the record")
                    };
                    push(
                        &item,
                        kind,
                        by_left(left),
                        format!("{what} by {} ({} left).", uk_date(due), days(left)),
                    );
                }
                continue;
            }
            _ => {}
        }

        // Meetings: reviews and conferences.
        let booked = item.booked.as_ref();
        if as_of > due {
            let overdue_by = -left;
            let booked_text = booked.map_or(" Nothing is booked.".to_string(), |b| {
                format!(" Booked for {}.", uk_date(b.on))
            });
            push(
                &item,
                WarningKind::Overdue,
                Severity::Overdue,
                format!(
                    "{} was due on {}: overdue by {}.{}",
                    item.title,
                    uk_date(due),
                    days(overdue_by.max(1)),
                    booked_text
                ),
            );
            continue;
        }
        if let Some(b) = booked.filter(|b| b.on > due) {
            push(
                &item,
                WarningKind::BookedAfterDue,
                if left <= amber {
                    Severity::Red
                } else {
                    Severity::Amber
                },
                format!(
                    "Booked for {}, after the due date {}: move it to {} or earlier.",
                    uk_date(b.on),
                    uk_date(due),
                    uk_date(item.due.plan_by)
                ),
            );
        }
        if left <= amber {
            push(
                &item,
                WarningKind::DueSoon,
                by_left(left),
                format!("{} due {} ({} left).", item.title, uk_date(due), days(left)),
            );
            if booked.is_none() {
                let kind = if matches!(item.what, DueWhat::Icpc | DueWhat::PreBirthConference) {
                    WarningKind::IcpcAtRisk
                } else {
                    WarningKind::NotBooked
                };
                push(
                    &item,
                    kind,
                    by_left(left),
                    format!("Not booked: book it by {}.", uk_date(item.due.plan_by)),
                );
            }
            if item.due.plan_by != due {
                push(
                    &item,
                    WarningKind::PlanByDiffers,
                    Severity::Info,
                    format!(
                        "{} is not a working day: plan by {}.",
                        uk_date(due),
                        uk_date(item.due.plan_by)
                    ),
                );
            }
        }
        if item.what == DueWhat::LacReview {
            if let Some(b) = booked {
                preparation_warnings(&item, b, ctx, as_of, &mut push);
            }
            let seen_window = i64::from(ctx.rules.value(RuleId::ChildSeenBeforeReview));
            let seen = booked.and_then(|b| b.child_seen_on).is_some();
            if !seen && left <= seen_window {
                push(
                    &item,
                    WarningKind::ChildNotSeen,
                    by_left(left),
                    format!(
                        "No visit to the child recorded ahead of the review due {}.",
                        uk_date(due)
                    ),
                );
            }
        }
    }
    if let Some(meeting) = initial_outcome_missing(record, as_of) {
        let held_on = record
            .meetings
            .iter()
            .find(|m| m.id == meeting)
            .and_then(|m| m.held_on());
        out.push(Warning {
            child: Some(record.child.id),
            child_name: Some(name.clone()),
            iro,
            kind: WarningKind::ConferenceOutcomeMissing,
            severity: Severity::Red,
            title: "Conference outcome".to_string(),
            message: format!(
                "The initial conference held on {} has no outcome recorded: record whether it made a plan. Until then its reviews are counted as if it did.",
                held_on.map_or_else(String::new, uk_date)
            ),
            rule: None,
            meeting_kind: Some(MeetingKind::Icpc),
            due: None,
            plan_by: None,
            working_days_left: None,
            booked_on: None,
            meeting: Some(meeting),
            dispute: None,
            decision: None,
            explanation: None,
        });
    }
    non_working_day_warnings(record, iro, ctx, as_of, &name, out);
    decision_warnings(record, iro, ctx, as_of, &name, out);
    participation_warnings(record, iro, as_of, &name, out);
    dispute_warnings(record, iro, ctx, as_of, &name, out);
}

/// The social worker's contact (I5) and the reports (I6) ahead of a booked LAC review: each is
/// late once fewer working days than its rule's are left before the meeting and it is not
/// recorded.
fn preparation_warnings(
    item: &DueItem,
    booked: &Booking,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    push: &mut impl FnMut(&DueItem, WarningKind, Severity, String),
) {
    if booked.on < as_of {
        return;
    }
    let left = ctx.calendar.working_days_between(as_of, booked.on);
    let checks = [
        (
            RuleId::SocialWorkerContact,
            booked.social_worker_contact_on,
            WarningKind::SocialWorkerContactLate,
            "The social worker has not spoken with the IRO",
        ),
        (
            RuleId::ReportsToIro,
            booked.reports_received_on,
            WarningKind::ReportsLate,
            "The reports (care plan, PEP, health plan) have not arrived",
        ),
    ];
    for (rule, done, kind, what) in checks {
        let value = ctx.rules.value(rule);
        if done.is_some() || left >= i64::from(value) {
            continue;
        }
        let by = ctx.calendar.sub_working_days(booked.on, value).result;
        push(
            item,
            kind,
            Severity::Amber,
            format!(
                "{what} ahead of the review on {}: due by {} ({value} working days before; {}).",
                uk_date(booked.on),
                uk_date(by),
                RuleDef::of(rule).source
            ),
        );
    }
}

/// The decisions of finalised records that are past their due date and not done.
fn decision_warnings(
    record: &ChildRecord,
    iro: Option<IroId>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    name: &str,
    out: &mut Vec<Warning>,
) {
    for t in tracked_decisions(record, ctx, as_of)
        .into_iter()
        .filter(|t| t.overdue)
    {
        let due = t.due_on.expect("an overdue decision has a due date");
        out.push(Warning {
            child: Some(record.child.id),
            child_name: Some(name.to_string()),
            iro,
            kind: WarningKind::DecisionOverdue,
            severity: Severity::Overdue,
            title: format!(
                "Decision {} of the {} of {}",
                t.decision.number,
                t.meeting_kind.label(),
                uk_date(t.made_on)
            ),
            message: format!(
                "\u{201c}{}\u{201d} ({}) was due by {}: overdue by {}.",
                t.decision.text,
                t.decision.owner,
                uk_date(due),
                days((-ctx.calendar.working_days_between(as_of, due)).max(1))
            ),
            rule: None,
            meeting_kind: None,
            due: Some(due),
            plan_by: None,
            working_days_left: Some(ctx.calendar.working_days_between(as_of, due)),
            booked_on: None,
            meeting: Some(t.decision.meeting),
            dispute: None,
            decision: Some(t.decision.id),
            explanation: None,
        });
    }
}

/// "1 working day", "3 working days": every warning message counts in these words.
fn days(n: i64) -> String {
    if n == 1 {
        "1 working day".to_string()
    } else {
        format!("{n} working days")
    }
}

/// An initial or transfer-in conference booked on a day that is not a working day (the CIN
/// census refuses an ICPC on a weekend; a bank holiday is as unlikely to be meant).
fn non_working_day_warnings(
    record: &ChildRecord,
    iro: Option<IroId>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    name: &str,
    out: &mut Vec<Warning>,
) {
    let booked = record.meetings.iter().filter(|m| {
        m.status == MeetingStatus::Booked
            && matches!(
                m.kind,
                MeetingKind::Icpc | MeetingKind::TransferInConference
            )
    });
    for m in booked {
        let Some(on) = m.booked_on.filter(|on| *on >= as_of) else {
            continue;
        };
        let Some(reason) = ctx.calendar.non_working_reason(on) else {
            continue;
        };
        let why = match reason {
            NonWorking::Weekend { .. } => "a weekend".to_string(),
            NonWorking::BankHoliday { name, .. } => format!("a bank holiday ({name})"),
        };
        out.push(Warning {
            child: Some(record.child.id),
            child_name: Some(name.to_string()),
            iro,
            kind: WarningKind::BookedOnNonWorkingDay,
            severity: Severity::Amber,
            title: m.kind.label().to_string(),
            message: format!(
                "The {} is booked for {}, which is {why}: move it to a working day.",
                m.kind.label().to_lowercase(),
                uk_date(on)
            ),
            rule: None,
            meeting_kind: Some(m.kind),
            due: None,
            plan_by: None,
            working_days_left: None,
            booked_on: Some(on),
            meeting: Some(m.id),
            dispute: None,
            decision: None,
            explanation: None,
        });
    }
}

/// A dispute response is "due soon" within this many working days (domain.md §8).
pub const DISPUTE_DUE_SOON_WORKING_DAYS: i64 = 2;

/// The warnings of a child's open disputes (domain.md §5.3, §8): the response awaited is
/// overdue or due within 2 working days; a DRP's formal process is past its 20 working days;
/// no activity for 10 working days (unless a response is awaited and not yet due).
fn dispute_warnings(
    record: &ChildRecord,
    iro: Option<IroId>,
    ctx: &Ctx<'_>,
    as_of: NaiveDate,
    name: &str,
    out: &mut Vec<Warning>,
) {
    for dispute in record.disputes.iter().filter(|d| d.is_open()) {
        let clocks = dispute_clocks(dispute, ctx, as_of);
        let mut push = |due: &Due, kind: WarningKind, severity: Severity, message: String| {
            out.push(Warning {
                child: Some(record.child.id),
                child_name: Some(name.to_string()),
                iro,
                kind,
                severity,
                title: due.explanation.title.clone(),
                message,
                rule: Some(due.rule),
                meeting_kind: None,
                due: Some(due.due),
                plan_by: Some(due.plan_by),
                working_days_left: Some(ctx.calendar.working_days_between(as_of, due.due)),
                booked_on: None,
                meeting: None,
                dispute: Some(dispute.id),
                decision: None,
                explanation: Some(due.explanation.clone()),
            });
        };
        let what = if dispute.kind == DisputeKind::Macp {
            dispute.partner_agency.as_deref().map_or_else(
                || "the multi-agency challenge".to_string(),
                |a| format!("the challenge to {a}"),
            )
        } else {
            "the dispute".to_string()
        };
        let current = clocks.stages.iter().max_by_key(|s| s.stage);
        let mut waiting = false;
        if let (Some(due), Some(stage)) = (&clocks.awaiting, current) {
            let left = ctx.calendar.working_days_between(as_of, due.due);
            if as_of > due.due {
                push(
                    due,
                    WarningKind::DisputeResponseOverdue,
                    Severity::Overdue,
                    format!(
                        "The response to {} of {what} (sent to {} on {}) was due on {}: overdue by {}.",
                        stage.label,
                        stage.sent_to,
                        uk_date(stage.raised_on),
                        uk_date(due.due),
                        days((-left).max(1))
                    ),
                );
            } else {
                waiting = true;
                if left <= DISPUTE_DUE_SOON_WORKING_DAYS {
                    push(
                        due,
                        WarningKind::DisputeResponseDueSoon,
                        Severity::Red,
                        format!(
                            "The response to {} of {what} (sent to {}) is due {} ({} left).",
                            stage.label,
                            stage.sent_to,
                            uk_date(due.due),
                            days(left)
                        ),
                    );
                }
            }
        }
        if let Some(formal) = &clocks.formal {
            if as_of > formal.due.due {
                push(
                    &formal.due,
                    WarningKind::DisputeFormalOverdue,
                    Severity::Overdue,
                    format!(
                        "The formal process of {what} began on {} and has taken {} so far, more than the {} allowed (due {}).",
                        uk_date(formal.started_on),
                        days(formal.elapsed_working_days),
                        days(i64::from(formal.limit)),
                        uk_date(formal.due.due)
                    ),
                );
            }
        }
        if let Some(follow_up) = &clocks.follow_up {
            if !waiting && as_of >= follow_up.due {
                push(
                    follow_up,
                    WarningKind::DisputeInactive,
                    Severity::Amber,
                    format!(
                        "Nothing recorded on {what} for {} (last: {} on {}).",
                        days(clocks.working_days_since_activity),
                        clocks.last_activity,
                        uk_date(clocks.last_activity_on)
                    ),
                );
            }
        }
    }
}

fn participation_warnings(
    record: &ChildRecord,
    iro: Option<IroId>,
    as_of: NaiveDate,
    name: &str,
    out: &mut Vec<Warning>,
) {
    let Some(period) = record.open_care_period(as_of) else {
        return;
    };
    let details = &record.child.details;
    for m in record
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::LacReview)
        .filter(|m| m.held_on().is_some_and(|d| period.contains(d)))
    {
        let held = m.held_on().expect("filtered on held");
        let message = match m.outcome.participation {
            None => format!(
                "The review held on {} has no participation code.",
                uk_date(held)
            ),
            Some(code)
                if details.born_on.is_some()
                    && !allowed_participation(details, held).contains(&code) =>
            {
                if code == Participation::Pn0 {
                    format!(
                        "The review held on {} is coded PN0, but the child was 4 or over.",
                        uk_date(held)
                    )
                } else {
                    format!(
                        "The review held on {} is coded {}, but the child was under 4 (PN0).",
                        uk_date(held),
                        code.code()
                    )
                }
            }
            Some(_) => continue,
        };
        out.push(Warning {
            child: Some(record.child.id),
            child_name: Some(name.to_string()),
            iro,
            kind: WarningKind::ParticipationMismatch,
            severity: Severity::Info,
            title: "Participation code".to_string(),
            message,
            rule: None,
            meeting_kind: Some(MeetingKind::LacReview),
            due: None,
            plan_by: None,
            working_days_left: None,
            booked_on: None,
            meeting: Some(m.id),
            dispute: None,
            decision: None,
            explanation: None,
        });
    }
}
