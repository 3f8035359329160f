//! Disputes and multi-agency challenges: how many were raised and about how many children (as a
//! share of the children looked after or on a plan), their reasons, the stage at which DRP
//! disputes ended, the working days to resolve, and challenges by partner agency.
//!
//! A dispute counts as raised in the year of its `raised_on` and as ended (resolved, withdrawn
//! or referred to Cafcass) in the year of its `closed_on`, so one raised in March and resolved
//! in April is raised in one year and resolved in the next.

use super::cp::on_plan_during;
use super::definitions as def;
use super::lac::looked_after_during;
use super::{pct, ChartShape, Input, ReportingYear, SectionYear, Value, YearChart};
use crate::calendar::Convention;
use crate::domain::{Concerns, Dispute, DisputeKind, DisputeOutcome, DisputeReason};
use std::collections::BTreeSet;

/// The stage buckets of the reports (domain.md §7: Informal, 1, 2, 3, 4, 5–8), then Cafcass and
/// withdrawn: (id suffix, label).
const BUCKETS: [(&str, &str); 8] = [
    ("informal", "Informal"),
    ("stage_1", "Stage 1"),
    ("stage_2", "Stage 2"),
    ("stage_3", "Stage 3"),
    ("stage_4", "Stage 4"),
    ("stage_5_8", "Stage 5–8"),
    ("cafcass", "Referred to Cafcass"),
    ("withdrawn", "Withdrawn"),
];

/// The bucket of a closed DRP dispute.
fn bucket(dispute: &Dispute) -> Option<usize> {
    match dispute.outcome? {
        DisputeOutcome::ReferredToCafcass => Some(6),
        DisputeOutcome::Withdrawn => Some(7),
        DisputeOutcome::Resolved => {
            let stage = dispute.current().map_or(0, |s| s.stage.0);
            Some(usize::from(stage.min(5)))
        }
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

pub(super) fn compute(input: &Input<'_>, year: &ReportingYear) -> SectionYear {
    let mut out = SectionYear::default();
    let ctx = &input.ctx;
    let (mut n_lac_children, mut n_cp_children) = (0u32, 0u32);
    let mut raised: Vec<&Dispute> = Vec::new();
    let (mut lac_with, mut cp_with) = (BTreeSet::new(), BTreeSet::new());
    let mut closed_drp: Vec<&Dispute> = Vec::new();
    let (mut days_total, mut n_resolved) = (0u32, 0u32);
    let mut n_open_at_end = 0u32;

    for record in &input.caseload.children {
        n_lac_children += u32::from(looked_after_during(input, record, year));
        n_cp_children += u32::from(on_plan_during(input, record, year));
        for dispute in &record.disputes {
            if year.contains(dispute.raised_on) && input.counts_on(record, dispute.raised_on) {
                raised.push(dispute);
                match dispute.concerns {
                    Concerns::LacPlan => lac_with.insert(record.child.id),
                    Concerns::CpPlan => cp_with.insert(record.child.id),
                };
            }
            if let Some(closed_on) = dispute.closed_on {
                if year.contains(closed_on) && input.counts_on(record, closed_on) {
                    if dispute.kind == DisputeKind::Drp {
                        closed_drp.push(dispute);
                    }
                    if dispute.outcome == Some(DisputeOutcome::Resolved) {
                        // Working days from raised to resolved, in the report's convention.
                        let mut days = ctx
                            .calendar
                            .working_days_between(dispute.raised_on, closed_on)
                            .max(0);
                        if ctx.settings.convention == Convention::EventDayIsDayOne
                            && ctx.calendar.is_working_day(dispute.raised_on)
                        {
                            days += 1;
                        }
                        days_total += days as u32;
                        n_resolved += 1;
                    }
                }
            }
            let open_at_end = dispute.raised_on <= year.ends_on
                && dispute.closed_on.is_none_or(|c| c > year.ends_on);
            if open_at_end && input.counts_on(record, year.ends_on) {
                n_open_at_end += 1;
            }
        }
    }

    let n_raised = raised.len() as u32;
    let count_of = |f: &dyn Fn(&Dispute) -> bool| raised.iter().filter(|d| f(d)).count() as u32;
    out.figure(
        "disputes.raised",
        "Disputes and challenges raised",
        def::disputes_raised(None),
        Value::Count { n: n_raised },
    );
    out.figure(
        "disputes.drp_raised",
        "Disputes raised under the DRP",
        def::disputes_raised(Some(DisputeKind::Drp)),
        Value::Count {
            n: count_of(&|d| d.kind == DisputeKind::Drp),
        },
    );
    out.figure(
        "disputes.macp_raised",
        "Multi-agency challenges raised",
        def::disputes_raised(Some(DisputeKind::Macp)),
        Value::Count {
            n: count_of(&|d| d.kind == DisputeKind::Macp),
        },
    );
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
        out.figure(
            id,
            label,
            def::disputes_about(concerns),
            Value::Count {
                n: count_of(&|d| d.concerns == concerns),
            },
        );
    }
    out.figure(
        "disputes.children_lac",
        "Looked-after children with a dispute raised",
        def::children_with_dispute(Concerns::LacPlan),
        pct(lac_with.len() as u32, n_lac_children),
    );
    out.figure(
        "disputes.children_cp",
        "Children on a plan with a dispute raised",
        def::children_with_dispute(Concerns::CpPlan),
        pct(cp_with.len() as u32, n_cp_children),
    );

    // Reasons: the store's categories in their order, then any code the list lacks that a
    // dispute of the store uses (the same rows in every year, so each has its denominator).
    let reasons = ctx.rules.reasons();
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
    let mut reason_points = Vec::new();
    for code in &codes {
        let id = format!("disputes.reason.{}", code.as_str());
        let label = reasons.label(code).to_string();
        let value = pct(count_of(&|d| &d.reason == code), n_raised);
        out.figure(
            id.clone(),
            format!("Reason: {label}"),
            def::reason(&label),
            value,
        );
        reason_points.push((label, Some(id), value));
    }

    let mut by_bucket = [0u32; BUCKETS.len()];
    for d in &closed_drp {
        if let Some(b) = bucket(d) {
            by_bucket[b] += 1;
        }
    }
    let mut stage_points = Vec::new();
    for ((key, label), n) in BUCKETS.iter().zip(by_bucket) {
        let id = format!("disputes.ended.{key}");
        let value = pct(n, closed_drp.len() as u32);
        out.figure(
            id.clone(),
            format!("DRP ended: {label}"),
            def::ended_at(label),
            value,
        );
        stage_points.push((label.to_string(), Some(id), value));
    }
    out.figure(
        "disputes.open_at_31_march",
        "Disputes and challenges open at 31 March",
        def::disputes_open_at_end(),
        Value::Count { n: n_open_at_end },
    );
    out.figure(
        "disputes.mean_working_days_to_resolve",
        "Working days from raised to resolved (mean)",
        def::days_to_resolve(input.options.convention),
        Value::Mean {
            total: days_total,
            n: n_resolved,
        },
    );

    let mut agencies: Vec<(String, String)> = Vec::new();
    for d in raised.iter().filter(|d| d.kind == DisputeKind::Macp) {
        let name = d
            .partner_agency
            .as_deref()
            .filter(|a| !a.trim().is_empty())
            .unwrap_or("Not recorded")
            .trim()
            .to_string();
        let key = slug(&name);
        if !agencies.iter().any(|(k, _)| *k == key) {
            agencies.push((key, name));
        }
    }
    agencies.sort();
    for (key, name) in agencies {
        let n = count_of(&|d| {
            d.kind == DisputeKind::Macp
                && slug(
                    d.partner_agency
                        .as_deref()
                        .filter(|a| !a.trim().is_empty())
                        .unwrap_or("Not recorded"),
                ) == key
        });
        out.figure(
            format!("disputes.macp.{key}"),
            format!("Multi-agency challenges to {name}"),
            def::macp_agency(&name),
            Value::Count { n },
        );
    }

    out.charts.push(YearChart {
        id: "disputes.reasons".to_string(),
        title: "Reasons for disputes and challenges".to_string(),
        definition: def::reason_chart(),
        shape: ChartShape::ByCategory,
        points: reason_points,
    });
    out.charts.push(YearChart {
        id: "disputes.resolution_stages".to_string(),
        title: "Stage at which DRP disputes ended".to_string(),
        definition: def::ended_chart(),
        shape: ChartShape::ByCategory,
        points: stage_points,
    });
    out
}
