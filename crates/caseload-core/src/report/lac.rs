//! Looked-after children: how many, their reviews and whether each was held in time,
//! participation (PN codes), advocacy, the IRO seeing the child before the review, the decisions
//! the reviews made (`decisions.rs`), and children looked after only under a series of short
//! breaks, apart from the headline (as the DfE counts them) unless the report's option includes
//! them.
//!
//! Not here: disputes about care plans (`disputes.rs`) or caseloads (`caseload.rs`).

use super::decisions::{self, Plan};
use super::definitions as def;
use super::period::{slot_of, MonthSlot};
use super::{count, pct, ChartShape, Input, ReportPeriod, SectionPeriod, ShortBreaks, Value};
use crate::domain::{ChildRecord, MeetingKind, Participation, PeriodOfCare, Regime};
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

/// Does a period of care of this regime count in the headline figures?
pub(super) fn in_headline(input: &Input<'_>, regime: Regime) -> bool {
    regime == Regime::FullCare || input.options.short_breaks == ShortBreaks::Included
}

/// A period of care overlapping `period` while allocated to a selected IRO.
fn during(
    input: &Input<'_>,
    record: &ChildRecord,
    p: &PeriodOfCare,
    period: &ReportPeriod,
) -> bool {
    period.overlaps(p.started_on, p.ended_on)
        && input.counts_during(
            record,
            p.started_on.max(period.starts_on),
            p.ended_on.map_or(period.ends_on, |e| e.min(period.ends_on)),
        )
}

/// Looked after at some point of the period while allocated to a selected IRO, as the headline
/// counts (short breaks only when the report includes them).
pub(super) fn looked_after_during(
    input: &Input<'_>,
    record: &ChildRecord,
    period: &ReportPeriod,
) -> bool {
    record
        .care_periods
        .iter()
        .any(|p| in_headline(input, p.regime) && during(input, record, p, period))
}

/// Looked after in the period only under short breaks: a period of short breaks overlapping it
/// (for a selected IRO) and no period of full-time care overlapping it.
fn short_breaks_only_during(
    input: &Input<'_>,
    record: &ChildRecord,
    period: &ReportPeriod,
) -> bool {
    let mut periods = record.care_periods.iter();
    periods
        .clone()
        .any(|p| p.regime == Regime::ShortBreaks && during(input, record, p, period))
        && !periods
            .any(|p| p.regime == Regime::FullCare && period.overlaps(p.started_on, p.ended_on))
}

/// The regime of the period of care a review was held in (full care if none holds it).
pub(super) fn regime_on(record: &ChildRecord, on: chrono::NaiveDate) -> Regime {
    record
        .care_periods
        .iter()
        .find(|p| p.contains(on))
        .map_or(Regime::FullCare, |p| p.regime)
}

/// What the loop over the children counts.
#[derive(Default)]
struct Tally {
    n_during: usize,
    n_at_end: usize,
    n_started: usize,
    n_reviews: u32,
    n_on_time: u32,
    by_class: [(u32, u32); 3],
    by_code: HashMap<Option<Participation>, u32>,
    n_aged_4: u32,
    n_participated: u32,
    n_offered: u32,
    n_used: u32,
    n_seen: u32,
    sb_during: usize,
    sb_at_end: usize,
    sb_reviews: u32,
    sb_on_time: u32,
    /// Per trend month: (on time, held) and (participated, aged 4+).
    month_on_time: Vec<(u32, u32)>,
    month_participation: Vec<(u32, u32)>,
}

fn count_child(
    input: &Input<'_>,
    record: &ChildRecord,
    period: &ReportPeriod,
    months: &[MonthSlot],
    t: &mut Tally,
) {
    let end = period.ends_on;
    t.n_during += usize::from(looked_after_during(input, record, period));
    t.sb_during += usize::from(short_breaks_only_during(input, record, period));
    let open_at_end = |regime: Regime| {
        record
            .care_periods
            .iter()
            .any(|p| p.regime == regime && input.open_at(p.started_on, p.ended_on, end))
    };
    let (full_at_end, sb_at_end) = (
        open_at_end(Regime::FullCare),
        open_at_end(Regime::ShortBreaks),
    );
    if input.counts_on(record, end) {
        let headline =
            full_at_end || (sb_at_end && input.options.short_breaks == ShortBreaks::Included);
        t.n_at_end += usize::from(headline);
        t.sb_at_end += usize::from(sb_at_end && !full_at_end);
    }
    t.n_started += record
        .care_periods
        .iter()
        .filter(|p| in_headline(input, p.regime))
        .filter(|p| period.contains(p.started_on) && input.counts_on(record, p.started_on))
        .count();

    let fourth_birthday = record.child.details.fourth_birthday();
    for review in held_reviews(record, &input.ctx)
        .into_iter()
        .filter(|r| r.kind == MeetingKind::LacReview && input.counts_on(record, r.held_on))
    {
        let Some(meeting) = record.meetings.iter().find(|m| m.id == review.meeting) else {
            continue;
        };
        let on_time = u32::from(review.on_time());
        let regime = regime_on(record, review.held_on);
        let outcome = &meeting.outcome;
        // Aged 4 or over on the day: a review on the 4th birthday counts; an unborn child
        // (no date of birth) never does.
        let aged_4 = fourth_birthday.is_some_and(|b| review.held_on >= b);
        let participated = u32::from(
            outcome
                .participation
                .is_some_and(|c| input.options.participates(c)),
        );
        let in_period = period.contains(review.held_on);
        if in_period && regime == Regime::ShortBreaks {
            t.sb_reviews += 1;
            t.sb_on_time += on_time;
        }
        if !in_headline(input, regime) {
            continue;
        }
        if let Some(m) = slot_of(months, review.held_on) {
            t.month_on_time[m].0 += on_time;
            t.month_on_time[m].1 += 1;
            if aged_4 {
                t.month_participation[m].0 += participated;
                t.month_participation[m].1 += 1;
            }
        }
        if !in_period {
            continue;
        }
        t.n_reviews += 1;
        t.n_on_time += on_time;
        let class = &mut t.by_class[chain_class(review.due.rule)];
        class.0 += on_time;
        class.1 += 1;
        *t.by_code.entry(outcome.participation).or_default() += 1;
        if aged_4 {
            t.n_aged_4 += 1;
            t.n_participated += participated;
        }
        t.n_offered += u32::from(outcome.advocate_offered == Some(true));
        t.n_used += u32::from(outcome.advocate_used == Some(true));
        t.n_seen += u32::from(outcome.child_seen_on.is_some_and(|s| s <= review.held_on));
    }
}

pub(super) fn compute(
    input: &Input<'_>,
    period: &ReportPeriod,
    months: &[MonthSlot],
) -> SectionPeriod {
    let mut t = Tally {
        month_on_time: vec![(0, 0); months.len()],
        month_participation: vec![(0, 0); months.len()],
        ..Tally::default()
    };
    for record in &input.caseload.children {
        count_child(input, record, period, months, &mut t);
    }
    let o = input.options;
    let mut out = SectionPeriod::default();
    let end = period.end_words();
    out.figure(
        "lac.children_during_year",
        "Children looked after during the period",
        def::lac_children_during(o),
        count(t.n_during),
    );
    out.figure(
        "lac.children_at_31_march",
        format!("Children looked after at {end}"),
        def::at_end(
            if o.short_breaks == ShortBreaks::Apart {
                "a period of full-time care"
            } else {
                "a period of care (short breaks included)"
            },
            o,
            period,
        ),
        count(t.n_at_end),
    );
    out.figure(
        "lac.became_looked_after",
        "Periods of care that started in the period",
        def::lac_started(o),
        count(t.n_started),
    );
    out.figure(
        "lac.reviews_held",
        "LAC reviews held",
        def::lac_reviews_held(o),
        Value::Count { n: t.n_reviews },
    );
    out.figure(
        "lac.reviews_in_timescale",
        "LAC reviews held within timescale",
        def::lac_in_timescale(input, None),
        pct(t.n_on_time, t.n_reviews),
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
            pct(t.by_class[class].0, t.by_class[class].1),
        );
    }
    participation(input, &t, &mut out);
    out.figure(
        "lac.advocate_offered",
        "Reviews at which an advocate was offered",
        def::advocate(false, o),
        pct(t.n_offered, t.n_reviews),
    );
    out.figure(
        "lac.advocate_used",
        "Reviews at which an advocate was used",
        def::advocate(true, o),
        pct(t.n_used, t.n_reviews),
    );
    out.figure(
        "lac.child_seen_before_review",
        "Reviews where the IRO saw the child beforehand",
        def::child_seen(o),
        pct(t.n_seen, t.n_reviews),
    );
    decisions::figures(input, period, Plan::Lac, &mut out);
    short_breaks(input, period, &t, &mut out);
    out.chart(
        "lac.timeliness_by_month",
        "LAC reviews within timescale, by month",
        def::by_month("LAC reviews held in the month", "held within timescale"),
        ChartShape::ByMonth,
        month_points(months, &t.month_on_time),
    );
    out.chart(
        "lac.participation_by_month",
        "Children aged 4 or over who participated in their review, by month",
        def::by_month(
            "LAC reviews held in the month of children aged 4 or over",
            &format!("coded {}", o.participating_codes()),
        ),
        ChartShape::ByMonth,
        month_points(months, &t.month_participation),
    );
    out
}

/// The participation figures: one per code, none recorded, and the rate of children aged 4+;
/// the chart by code.
fn participation(input: &Input<'_>, t: &Tally, out: &mut SectionPeriod) {
    let o = input.options;
    let mut points = Vec::new();
    for code in Participation::ALL {
        let id = format!("lac.participation.{}", code.code().to_lowercase());
        let n = t.by_code.get(&Some(code)).copied().unwrap_or(0);
        out.figure(
            id.clone(),
            format!("Reviews coded {}", code.code()),
            def::participation_code(code, o),
            Value::Count { n },
        );
        points.push((code.code().to_string(), Some(id), Value::Count { n }));
    }
    let n_uncoded = t.by_code.get(&None).copied().unwrap_or(0);
    out.figure(
        "lac.participation.not_recorded",
        "Reviews with no participation code",
        def::participation_not_recorded(o),
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
        def::participation_rate(o),
        pct(t.n_participated, t.n_aged_4),
    );
    out.chart(
        "lac.participation_by_code",
        "Participation in LAC reviews, by code",
        def::participation_chart(),
        ChartShape::ByCategory,
        points,
    );
}

/// Children on short breaks only, and their reviews, apart from the headline.
fn short_breaks(input: &Input<'_>, period: &ReportPeriod, t: &Tally, out: &mut SectionPeriod) {
    out.figure(
        "lac.short_breaks.children_during_year",
        "Children on short breaks only during the period",
        def::short_break_children(None),
        count(t.sb_during),
    );
    out.figure(
        "lac.short_breaks.children_at_31_march",
        format!("Children on short breaks only at {}", period.end_words()),
        def::short_break_children(Some(period)),
        count(t.sb_at_end),
    );
    out.figure(
        "lac.short_breaks.reviews_held",
        "Short-break reviews held",
        def::short_break_reviews(false, input),
        Value::Count { n: t.sb_reviews },
    );
    out.figure(
        "lac.short_breaks.reviews_in_timescale",
        "Short-break reviews held within timescale",
        def::short_break_reviews(true, input),
        pct(t.sb_on_time, t.sb_reviews),
    );
}

/// (numerator, denominator) per trend month as chart points.
pub(super) fn month_points(
    months: &[MonthSlot],
    tallies: &[(u32, u32)],
) -> Vec<(String, Option<String>, Value)> {
    months
        .iter()
        .zip(tallies)
        .map(|(m, &(n, of))| (m.label.clone(), None, pct(n, of)))
        .collect()
}
