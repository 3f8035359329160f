//! Child protection: children on a plan, initial conferences within 15 working days, review
//! conferences within timescale, and the categories of abuse of the plans that started.

use super::definitions as def;
use super::lac::month_points;
use super::{
    count, pct, ChartShape, IcpcBase, Input, ReportingYear, SectionYear, Value, YearChart,
};
use crate::domain::{AbuseCategory, ChildRecord, MeetingKind};
use crate::rules::{compute_due, BaseEvent, RuleId};
use crate::schedule::held_reviews;

const CATEGORIES: [AbuseCategory; 5] = [
    AbuseCategory::Neg,
    AbuseCategory::Phy,
    AbuseCategory::Sab,
    AbuseCategory::Emo,
    AbuseCategory::Mul,
];

/// On a plan at some point of the year, while allocated to a selected IRO.
pub(super) fn on_plan_during(
    input: &Input<'_>,
    record: &ChildRecord,
    year: &ReportingYear,
) -> bool {
    record.cp_episodes.iter().any(|e| {
        e.details.plan_started_on.is_some_and(|start| {
            let end = e.details.plan_ended_on;
            year.overlaps(start, end)
                && input.counts_during(
                    record,
                    start.max(year.starts_on),
                    end.map_or(year.ends_on, |e| e.min(year.ends_on)),
                )
        })
    })
}

pub(super) fn compute(input: &Input<'_>, year: &ReportingYear) -> SectionYear {
    let mut out = SectionYear::default();
    let ctx = &input.ctx;
    let (mut n_during, mut n_at_end, mut n_unborn) = (0, 0, 0);
    let (mut n_started, mut n_ended) = (0u32, 0u32);
    let mut by_category = [0u32; 6];
    let (mut n_icpcs, mut n_icpcs_on_time, mut n_icpcs_no_base) = (0u32, 0u32, 0u32);
    let mut icpc_by_month = [(0u32, 0u32); 12];
    let (mut n_reviews, mut n_reviews_on_time) = (0u32, 0u32);
    let mut review_by_month = [(0u32, 0u32); 12];

    for record in &input.caseload.children {
        let born_on = record.child.details.born_on;
        let plans = record.cp_episodes.iter().filter_map(|e| {
            e.details
                .plan_started_on
                .map(|start| (e, start, e.details.plan_ended_on))
        });
        let mut unborn = false;
        let mut at_end = false;
        for (episode, start, end) in plans {
            if year.overlaps(start, end)
                && input.counts_during(
                    record,
                    start.max(year.starts_on),
                    end.map_or(year.ends_on, |e| e.min(year.ends_on)),
                )
            {
                // Unborn when the plan started: no date of birth yet, or born after it.
                unborn |= born_on.is_none_or(|b| b > start);
            }
            at_end |= input.open_at(start, end, year.ends_on);
            if year.contains(start) && input.counts_on(record, start) {
                n_started += 1;
                let idx = episode
                    .details
                    .initial_category
                    .and_then(|c| CATEGORIES.iter().position(|k| *k == c))
                    .unwrap_or(CATEGORIES.len());
                by_category[idx] += 1;
            }
            if end.is_some_and(|e| year.contains(e) && input.counts_on(record, e)) {
                n_ended += 1;
            }
        }
        n_during += usize::from(on_plan_during(input, record, year));
        n_unborn += usize::from(unborn);
        n_at_end += usize::from(at_end && input.counts_on(record, year.ends_on));

        for meeting in record
            .meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::Icpc)
        {
            let Some(held_on) = meeting.held_on() else {
                continue;
            };
            if !year.contains(held_on) || !input.counts_on(record, held_on) {
                continue;
            }
            n_icpcs += 1;
            let episode = record.cp_episodes.iter().find(|e| e.is_open_on(held_on));
            let base = episode.and_then(|e| match input.options.icpc_base {
                IcpcBase::StrategyDiscussion => e.details.strategy_on,
                IcpcBase::S47Start => e.details.s47_started_on,
            });
            let due = base.and_then(|on| {
                compute_due(
                    RuleId::Icpc,
                    BaseEvent::new(input.options.icpc_base.label(), on),
                    ctx.rules,
                    ctx.calendar,
                    ctx.settings.convention,
                )
                .ok()
            });
            let Some(due) = due else {
                n_icpcs_no_base += 1;
                continue;
            };
            let on_time = u32::from(held_on <= due.due);
            n_icpcs_on_time += on_time;
            if let Some(month) = year.month_index(held_on) {
                icpc_by_month[month].0 += on_time;
                icpc_by_month[month].1 += 1;
            }
        }

        for review in held_reviews(record, ctx)
            .into_iter()
            .filter(|r| r.kind == MeetingKind::CpReview)
            .filter(|r| year.contains(r.held_on) && input.counts_on(record, r.held_on))
        {
            let on_time = u32::from(review.on_time());
            n_reviews += 1;
            n_reviews_on_time += on_time;
            if let Some(month) = year.month_index(review.held_on) {
                review_by_month[month].0 += on_time;
                review_by_month[month].1 += 1;
            }
        }
    }

    out.figure(
        "cp.children_during_year",
        "Children subject to a child protection plan during the year",
        def::cp_children_during_year(),
        count(n_during),
    );
    out.figure(
        "cp.children_at_31_march",
        "Children subject to a child protection plan at 31 March",
        def::at_31_march("a child protection plan", input.options),
        count(n_at_end),
    );
    out.figure(
        "cp.unborn_during_year",
        "Of whom unborn when their plan started",
        def::cp_unborn(),
        count(n_unborn),
    );
    out.figure(
        "cp.plans_started",
        "Child protection plans that started in the year",
        def::cp_plans(true),
        Value::Count { n: n_started },
    );
    out.figure(
        "cp.plans_ended",
        "Child protection plans that ended in the year",
        def::cp_plans(false),
        Value::Count { n: n_ended },
    );
    out.figure(
        "cp.icpcs_held",
        "Initial child protection conferences held",
        def::icpcs_held(),
        Value::Count { n: n_icpcs },
    );
    out.figure(
        "cp.icpcs_in_timescale",
        "Initial conferences within 15 working days",
        def::icpcs_in_timescale(input),
        pct(n_icpcs_on_time, n_icpcs - n_icpcs_no_base),
    );
    out.figure(
        "cp.icpcs_without_base_date",
        "Initial conferences with no base date recorded",
        def::icpcs_without_base(input.options),
        Value::Count { n: n_icpcs_no_base },
    );
    out.figure(
        "cp.reviews_held",
        "Review conferences held",
        def::cp_reviews_held(),
        Value::Count { n: n_reviews },
    );
    out.figure(
        "cp.reviews_in_timescale",
        "Review conferences within timescale",
        def::cp_reviews_in_timescale(input),
        pct(n_reviews_on_time, n_reviews),
    );
    let mut points = Vec::new();
    let labels = CATEGORIES
        .iter()
        .map(|c| (format!("{c:?}").to_lowercase(), c.label()))
        .chain([("not_recorded".to_string(), "Not recorded")]);
    for ((key, label), n) in labels.zip(by_category) {
        let id = format!("cp.category.{key}");
        out.figure(
            id.clone(),
            format!("Plans started: {label}"),
            def::category(label),
            pct(n, n_started),
        );
        points.push((label.to_string(), Some(id), pct(n, n_started)));
    }
    out.charts.push(YearChart {
        id: "cp.icpc_timeliness_by_month".to_string(),
        title: "Initial conferences within 15 working days, by month".to_string(),
        definition: def::by_month(
            "initial conferences held in the month (with a base date)",
            "held within 15 working days",
        ),
        shape: ChartShape::ByMonth,
        points: month_points(&icpc_by_month),
    });
    out.charts.push(YearChart {
        id: "cp.review_timeliness_by_month".to_string(),
        title: "Review conferences within timescale, by month".to_string(),
        definition: def::by_month(
            "review conferences held in the month",
            "held within timescale",
        ),
        shape: ChartShape::ByMonth,
        points: month_points(&review_by_month),
    });
    out.charts.push(YearChart {
        id: "cp.category_mix".to_string(),
        title: "Category of abuse of the plans that started".to_string(),
        definition: def::category_chart(),
        shape: ChartShape::ByCategory,
        points,
    });
    out
}
