//! Looked-after children: how many, their reviews and whether each was held in time,
//! participation (PN codes), advocacy, and the IRO seeing the child before the review.

use super::definitions as def;
use super::{count, pct, ChartShape, Input, ReportingYear, SectionYear, Value, YearChart, MONTHS};
use crate::domain::{ChildRecord, MeetingKind, Participation};
use crate::rules::RuleId;
use crate::schedule::held_reviews;
use std::collections::HashMap;

/// Which review of the chain: the first (or first short-break), second, or a later one.
fn chain_class(rule: RuleId) -> usize {
    match rule {
        RuleId::LacFirstReview | RuleId::ShortBreakFirstReview => 0,
        RuleId::LacSecondReview => 1,
        _ => 2,
    }
}

/// Looked after at some point of the year, while allocated to a selected IRO.
pub(super) fn looked_after_during(
    input: &Input<'_>,
    record: &ChildRecord,
    year: &ReportingYear,
) -> bool {
    record.care_periods.iter().any(|p| {
        year.overlaps(p.started_on, p.ended_on)
            && input.counts_during(
                record,
                p.started_on.max(year.starts_on),
                p.ended_on.map_or(year.ends_on, |e| e.min(year.ends_on)),
            )
    })
}

pub(super) fn compute(input: &Input<'_>, year: &ReportingYear) -> SectionYear {
    let mut out = SectionYear::default();
    let (mut n_during, mut n_at_end, mut n_started) = (0, 0, 0);
    let (mut n_reviews, mut n_on_time) = (0u32, 0u32);
    let mut by_class = [(0u32, 0u32); 3];
    let mut by_month = [(0u32, 0u32); 12];
    let mut by_code: HashMap<Option<Participation>, u32> = HashMap::new();
    let (mut n_aged_4, mut n_participated) = (0u32, 0u32);
    let (mut n_offered, mut n_used, mut n_seen) = (0u32, 0u32, 0u32);

    for record in &input.caseload.children {
        n_during += usize::from(looked_after_during(input, record, year));
        let at_end = record
            .care_periods
            .iter()
            .any(|p| input.open_at(p.started_on, p.ended_on, year.ends_on))
            && input.counts_on(record, year.ends_on);
        n_at_end += usize::from(at_end);
        n_started += record
            .care_periods
            .iter()
            .filter(|p| year.contains(p.started_on) && input.counts_on(record, p.started_on))
            .count();

        let fourth_birthday = record.child.details.fourth_birthday();
        for review in held_reviews(record, &input.ctx)
            .into_iter()
            .filter(|r| r.kind == MeetingKind::LacReview)
            .filter(|r| year.contains(r.held_on) && input.counts_on(record, r.held_on))
        {
            let Some(meeting) = record.meetings.iter().find(|m| m.id == review.meeting) else {
                continue;
            };
            let on_time = u32::from(review.on_time());
            n_reviews += 1;
            n_on_time += on_time;
            let class = &mut by_class[chain_class(review.due.rule)];
            class.0 += on_time;
            class.1 += 1;
            if let Some(month) = year.month_index(review.held_on) {
                by_month[month].0 += on_time;
                by_month[month].1 += 1;
            }
            let outcome = &meeting.outcome;
            *by_code.entry(outcome.participation).or_default() += 1;
            // Aged 4 or over on the day: a review on the 4th birthday counts; an unborn child
            // (no date of birth) never does.
            if fourth_birthday.is_some_and(|b| review.held_on >= b) {
                n_aged_4 += 1;
                n_participated += u32::from(
                    outcome
                        .participation
                        .is_some_and(|c| input.options.participates(c)),
                );
            }
            n_offered += u32::from(outcome.advocate_offered == Some(true));
            n_used += u32::from(outcome.advocate_used == Some(true));
            n_seen += u32::from(outcome.child_seen_on.is_some_and(|s| s <= review.held_on));
        }
    }

    out.figure(
        "lac.children_during_year",
        "Children looked after during the year",
        def::lac_children_during_year(),
        count(n_during),
    );
    out.figure(
        "lac.children_at_31_march",
        "Children looked after at 31 March",
        def::at_31_march("a period of care", input.options),
        count(n_at_end),
    );
    out.figure(
        "lac.became_looked_after",
        "Periods of care that started in the year",
        def::lac_started(),
        count(n_started),
    );
    out.figure(
        "lac.reviews_held",
        "LAC reviews held",
        def::lac_reviews_held(),
        Value::Count { n: n_reviews },
    );
    out.figure(
        "lac.reviews_in_timescale",
        "LAC reviews held within timescale",
        def::lac_in_timescale(input, None),
        pct(n_on_time, n_reviews),
    );
    for (class, (id, label)) in [
        (
            "lac.first_reviews_in_timescale",
            "First reviews within timescale",
        ),
        (
            "lac.second_reviews_in_timescale",
            "Second reviews within timescale",
        ),
        (
            "lac.subsequent_reviews_in_timescale",
            "Subsequent reviews within timescale",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        out.figure(
            id,
            label,
            def::lac_in_timescale(input, Some(class)),
            pct(by_class[class].0, by_class[class].1),
        );
    }
    let mut points = Vec::new();
    for code in Participation::ALL {
        let id = format!("lac.participation.{}", code.code().to_lowercase());
        let n = by_code.get(&Some(code)).copied().unwrap_or(0);
        out.figure(
            id.clone(),
            format!("Reviews coded {}", code.code()),
            def::participation_code(code),
            Value::Count { n },
        );
        points.push((code.code().to_string(), Some(id), Value::Count { n }));
    }
    let n_uncoded = by_code.get(&None).copied().unwrap_or(0);
    out.figure(
        "lac.participation.not_recorded",
        "Reviews with no participation code",
        def::participation_not_recorded(),
        Value::Count { n: n_uncoded },
    );
    points.push((
        "Not recorded".to_string(),
        Some("lac.participation.not_recorded".to_string()),
        Value::Count { n: n_uncoded },
    ));
    out.figure(
        "lac.participation_aged_4_plus",
        "Children aged 4 or over who participated in their review",
        def::participation_rate(input.options),
        pct(n_participated, n_aged_4),
    );
    out.figure(
        "lac.advocate_offered",
        "Reviews at which an advocate was offered",
        def::advocate(false),
        pct(n_offered, n_reviews),
    );
    out.figure(
        "lac.advocate_used",
        "Reviews at which an advocate was used",
        def::advocate(true),
        pct(n_used, n_reviews),
    );
    out.figure(
        "lac.child_seen_before_review",
        "Reviews where the IRO saw the child beforehand",
        def::child_seen(),
        pct(n_seen, n_reviews),
    );
    out.charts.push(YearChart {
        id: "lac.timeliness_by_month".to_string(),
        title: "LAC reviews within timescale, by month".to_string(),
        definition: def::by_month("LAC reviews held in the month", "held within timescale"),
        shape: ChartShape::ByMonth,
        points: month_points(&by_month),
    });
    out.charts.push(YearChart {
        id: "lac.participation_by_code".to_string(),
        title: "Participation in LAC reviews, by code".to_string(),
        definition: def::participation_chart(),
        shape: ChartShape::ByCategory,
        points,
    });
    out
}

/// Twelve (on time, held) pairs as chart points, April first.
pub(super) fn month_points(by_month: &[(u32, u32); 12]) -> Vec<(String, Option<String>, Value)> {
    MONTHS
        .iter()
        .zip(by_month)
        .map(|(label, &(n, of))| (label.to_string(), None, pct(n, of)))
        .collect()
}
