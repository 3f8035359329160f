//! Disputes and multi-agency challenges: how many were raised and about how many children (as a
//! share of the children looked after or on a plan), their reasons, the stage at which DRP
//! disputes were resolved (withdrawn and Cafcass referrals apart), the working days to resolve,
//! and challenges by partner agency. Only the disputes the report takes count: those about a
//! plan in its scope, of the kind chosen.
//!
//! A dispute counts as raised in the period of its `raised_on` and as ended (resolved, withdrawn
//! or referred to Cafcass) in the period of its `closed_on`, so one raised in March and resolved
//! in April is raised in one year and resolved in the next. A dispute raised for a sibling group
//! is one record: it counts once among disputes, and for each child of the group among children
//! with a dispute.

use super::cp::on_plan_during;
use super::definitions as def;
use super::lac::looked_after_during;
use super::period::MonthSlot;
use super::{pct, ChartShape, Input, ReportPeriod, SectionPeriod, Value};
use crate::calendar::Convention;
use crate::domain::{ChildRecord, Concerns, Dispute, DisputeKind, DisputeOutcome, DisputeReason};
use crate::ids::ChildId;
use std::collections::BTreeSet;

/// The stage buckets of the reports (domain.md §7: Informal, 1, 2, 3, 4, 5–8): (id suffix,
/// label).
const BUCKETS: [(&str, &str); 6] = [
    ("informal", "Informal"),
    ("stage_1", "Stage 1"),
    ("stage_2", "Stage 2"),
    ("stage_3", "Stage 3"),
    ("stage_4", "Stage 4"),
    ("stage_5_8", "Stage 5–8"),
];

/// The bucket of a resolved dispute: the highest stage it reached, 5–8 as one.
fn bucket(dispute: &Dispute) -> usize {
    let stage = dispute.current().map_or(0, |s| s.stage.0);
    usize::from(stage.min(5))
}

/// The children a dispute raised for `record` concerns: the child, or every child of the
/// sibling group it was raised for.
fn children_of(input: &Input<'_>, record: &ChildRecord, dispute: &Dispute) -> Vec<ChildId> {
    match &dispute.sibling_group {
        None => vec![record.child.id],
        Some(group) => input
            .caseload
            .children
            .iter()
            .filter(|r| {
                r.child.id == record.child.id
                    || r.child.details.sibling_group.as_deref() == Some(group.as_str())
            })
            .map(|r| r.child.id)
            .collect(),
    }
}

/// A partner agency as an id: lower case, other characters as `_`.
fn slug(agency: &str) -> String {
    let s: String = agency
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    s.split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// What the loop over the children collects.
#[derive(Default)]
struct Tally<'a> {
    lac_children: BTreeSet<ChildId>,
    cp_children: BTreeSet<ChildId>,
    raised: Vec<&'a Dispute>,
    lac_with: BTreeSet<ChildId>,
    cp_with: BTreeSet<ChildId>,
    resolved_drp: Vec<&'a Dispute>,
    n_withdrawn: u32,
    n_cafcass: u32,
    days_total: u32,
    n_resolved: u32,
    n_open_at_end: u32,
}

/// Working days from raised to resolved, in the report's convention.
fn days_to_resolve(input: &Input<'_>, dispute: &Dispute, closed_on: chrono::NaiveDate) -> u32 {
    let ctx = &input.ctx;
    let mut days = ctx
        .calendar
        .working_days_between(dispute.raised_on, closed_on)
        .max(0);
    if ctx.settings.convention == Convention::EventDayIsDayOne
        && ctx.calendar.is_working_day(dispute.raised_on)
    {
        days += 1;
    }
    days as u32
}

fn count_child<'a>(
    input: &Input<'_>,
    record: &'a ChildRecord,
    period: &ReportPeriod,
    t: &mut Tally<'a>,
) {
    let o = input.options;
    for dispute in record
        .disputes
        .iter()
        .filter(|d| o.takes_dispute(d.concerns, d.kind))
    {
        if period.contains(dispute.raised_on) && input.counts_on(record, dispute.raised_on) {
            t.raised.push(dispute);
            let with = match dispute.concerns {
                Concerns::LacPlan => &mut t.lac_with,
                Concerns::CpPlan => &mut t.cp_with,
            };
            with.extend(children_of(input, record, dispute));
        }
        if let Some(closed_on) = dispute
            .closed_on
            .filter(|c| period.contains(*c) && input.counts_on(record, *c))
        {
            match (dispute.kind, dispute.outcome) {
                (DisputeKind::Drp, Some(DisputeOutcome::Resolved)) => t.resolved_drp.push(dispute),
                (DisputeKind::Drp, Some(DisputeOutcome::Withdrawn)) => t.n_withdrawn += 1,
                (DisputeKind::Drp, Some(DisputeOutcome::ReferredToCafcass)) => t.n_cafcass += 1,
                _ => {}
            }
            if dispute.outcome == Some(DisputeOutcome::Resolved) {
                t.days_total += days_to_resolve(input, dispute, closed_on);
                t.n_resolved += 1;
            }
        }
        let open_at_end = dispute.raised_on <= period.ends_on
            && dispute.closed_on.is_none_or(|c| c > period.ends_on);
        if open_at_end && input.counts_on(record, period.ends_on) {
            t.n_open_at_end += 1;
        }
    }
}

pub(super) fn compute(
    input: &Input<'_>,
    period: &ReportPeriod,
    _months: &[MonthSlot],
) -> SectionPeriod {
    let mut t = Tally::default();
    for record in &input.caseload.children {
        if looked_after_during(input, record, period) {
            t.lac_children.insert(record.child.id);
        }
        if on_plan_during(input, record, period) {
            t.cp_children.insert(record.child.id);
        }
        count_child(input, record, period, &mut t);
    }
    let mut out = SectionPeriod::default();
    raised(input, &t, &mut out);
    reasons(input, &t, &mut out);
    stages(&t, &mut out);
    out.figure(
        "disputes.open_at_31_march",
        format!("Disputes and challenges open at {}", period.end_words()),
        def::disputes_open_at_end(period),
        Value::Count { n: t.n_open_at_end },
    );
    out.figure(
        "disputes.mean_working_days_to_resolve",
        "Working days from raised to resolved (mean)",
        def::days_to_resolve(input.options.convention),
        Value::Mean {
            total: t.days_total,
            n: t.n_resolved,
        },
    );
    agencies(&t, &mut out);
    out
}

/// How many were raised, by kind and by plan, and the children they concern.
fn raised(input: &Input<'_>, t: &Tally<'_>, out: &mut SectionPeriod) {
    let o = input.options;
    let count_of = |f: &dyn Fn(&Dispute) -> bool| t.raised.iter().filter(|d| f(d)).count() as u32;
    out.figure(
        "disputes.raised",
        "Disputes and challenges raised",
        def::disputes_raised(None),
        Value::Count {
            n: t.raised.len() as u32,
        },
    );
    for (kind, id, label) in [
        (
            DisputeKind::Drp,
            "disputes.drp_raised",
            "Disputes raised under the DRP",
        ),
        (
            DisputeKind::Macp,
            "disputes.macp_raised",
            "Multi-agency challenges raised",
        ),
    ] {
        if o.dispute_kind.is_none_or(|k| k == kind) {
            out.figure(
                id,
                label,
                def::disputes_raised(Some(kind)),
                Value::Count {
                    n: count_of(&|d| d.kind == kind),
                },
            );
        }
    }
    for (concerns, id, label) in [
        (
            Concerns::LacPlan,
            "disputes.about_care_plans",
            "About care plans (LAC)",
        ),
        (
            Concerns::CpPlan,
            "disputes.about_cp_plans",
            "About child protection plans (CP)",
        ),
    ] {
        if o.scope.takes(concerns) {
            out.figure(
                id,
                label,
                def::disputes_about(concerns),
                Value::Count {
                    n: count_of(&|d| d.concerns == concerns),
                },
            );
        }
    }
    for (concerns, id, label, with, population) in [
        (
            Concerns::LacPlan,
            "disputes.children_lac",
            "Looked-after children with a dispute raised",
            &t.lac_with,
            &t.lac_children,
        ),
        (
            Concerns::CpPlan,
            "disputes.children_cp",
            "Children on a plan with a dispute raised",
            &t.cp_with,
            &t.cp_children,
        ),
    ] {
        if o.scope.takes(concerns) {
            out.figure(
                id,
                label,
                def::children_with_dispute(concerns),
                pct(
                    with.intersection(population).count() as u32,
                    population.len() as u32,
                ),
            );
        }
    }
}

/// Reasons: the store's categories in their order, then any code the list lacks that a dispute
/// of the store uses (the same rows in every period, so each has its denominator).
fn reasons(input: &Input<'_>, t: &Tally<'_>, out: &mut SectionPeriod) {
    let reasons = input.ctx.rules.reasons();
    let mut codes: Vec<DisputeReason> = reasons
        .categories()
        .iter()
        .map(|c| c.code.clone())
        .collect();
    for d in input.caseload.children.iter().flat_map(|r| &r.disputes) {
        if !codes.contains(&d.reason) {
            codes.push(d.reason.clone());
        }
    }
    let n_raised = t.raised.len() as u32;
    let mut points = Vec::new();
    for code in &codes {
        let id = format!("disputes.reason.{}", code.as_str());
        let label = reasons.label(code).to_string();
        let n = t.raised.iter().filter(|d| &d.reason == code).count() as u32;
        let value = pct(n, n_raised);
        out.figure(
            id.clone(),
            format!("Reason: {label}"),
            def::reason(&label),
            value,
        );
        points.push((label, Some(id), value));
    }
    out.chart(
        "disputes.reasons",
        "Reasons for disputes and challenges",
        def::reason_chart(),
        ChartShape::ByCategory,
        points,
    );
}

/// The stage at which DRP disputes were resolved; withdrawn and Cafcass referrals apart.
fn stages(t: &Tally<'_>, out: &mut SectionPeriod) {
    let mut by_bucket = [0u32; BUCKETS.len()];
    for d in &t.resolved_drp {
        by_bucket[bucket(d)] += 1;
    }
    let n_resolved = t.resolved_drp.len() as u32;
    let mut points = Vec::new();
    for ((key, label), n) in BUCKETS.iter().zip(by_bucket) {
        let id = format!("disputes.resolved_at.{key}");
        let value = pct(n, n_resolved);
        out.figure(
            id.clone(),
            format!("DRP resolved at: {label}"),
            def::resolved_at(label),
            value,
        );
        points.push((label.to_string(), Some(id), value));
    }
    out.figure(
        "disputes.drp_withdrawn",
        "DRP disputes withdrawn",
        def::ended_apart(false),
        Value::Count { n: t.n_withdrawn },
    );
    out.figure(
        "disputes.drp_referred_to_cafcass",
        "DRP disputes ended by a referral to Cafcass",
        def::ended_apart(true),
        Value::Count { n: t.n_cafcass },
    );
    out.chart(
        "disputes.resolution_stages",
        "Stage at which DRP disputes were resolved",
        def::resolved_chart(),
        ChartShape::ByCategory,
        points,
    );
}

/// Multi-agency challenges by partner agency.
fn agencies(t: &Tally<'_>, out: &mut SectionPeriod) {
    let name_of = |d: &Dispute| {
        d.partner_agency
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .unwrap_or("Not recorded")
            .to_string()
    };
    let mut agencies: Vec<(String, String)> = Vec::new();
    for d in t.raised.iter().filter(|d| d.kind == DisputeKind::Macp) {
        let name = name_of(d);
        let key = slug(&name);
        if !agencies.iter().any(|(k, _)| *k == key) {
            agencies.push((key, name));
        }
    }
    agencies.sort();
    for (key, name) in agencies {
        let n = t
            .raised
            .iter()
            .filter(|d| d.kind == DisputeKind::Macp && slug(&name_of(d)) == key)
            .count() as u32;
        out.figure(
            format!("disputes.macp.{key}"),
            format!("Multi-agency challenges to {name}"),
            def::macp_agency(&name),
            Value::Count { n },
        );
    }
}
