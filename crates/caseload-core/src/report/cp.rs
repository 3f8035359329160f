//! Child protection: children on a plan, repeat plans, how long the plans that ended lasted
//! (DfE bands), initial conferences within 15 working days (from the strategy discussion or the
//! s47 start) and in the DfE's working-day bands from the s47 start, review conferences within
//! timescale, the decisions conferences made (`decisions.rs`), and the categories of abuse of
//! the plans that started.
//!
//! Not here: disputes about child protection plans (`disputes.rs`).

use super::decisions::{self, Plan};
use super::definitions as def;
use super::lac::month_points;
use super::period::{slot_of, MonthSlot};
use super::{count, pct, ChartShape, IcpcBase, Input, ReportPeriod, SectionPeriod, Value};
use crate::calendar::add_months;
use crate::domain::{AbuseCategory, ChildRecord, CpEpisode, MeetingKind};
use crate::rules::{compute_due, BaseEvent, RuleId};
use crate::schedule::{held_reviews, initial_conference_due, DueWhat};
use chrono::NaiveDate;

const CATEGORIES: [AbuseCategory; 5] = [
    AbuseCategory::Neg,
    AbuseCategory::Phy,
    AbuseCategory::Sab,
    AbuseCategory::Emo,
    AbuseCategory::Mul,
];

/// The DfE's bands of plan length (CIN table D7): (id suffix, label, upper bound in months,
/// bound included).
const LENGTHS: [(&str, &str, u32, bool); 5] = [
    ("3_months_or_less", "3 months or less", 3, true),
    (
        "3_to_6_months",
        "more than 3 months, up to 6 months",
        6,
        true,
    ),
    (
        "6_to_12_months",
        "more than 6 months, under 1 year",
        12,
        false,
    ),
    ("1_to_2_years", "1 year, under 2 years", 24, false),
    ("2_years_or_more", "2 years or more", u32::MAX, false),
];

/// The DfE's bands of working days from the s47 start to the ICPC (CIN table C4).
const S47_BANDS: [(&str, &str, i64); 4] = [
    ("0_10", "0–10", 10),
    ("11_15", "11–15", 15),
    ("16_20", "16–20", 20),
    ("21_plus", "21 or more", i64::MAX),
];

/// On a plan at some point of the period, while allocated to a selected IRO.
pub(super) fn on_plan_during(
    input: &Input<'_>,
    record: &ChildRecord,
    period: &ReportPeriod,
) -> bool {
    record.cp_episodes.iter().any(|e| {
        e.details.plan_started_on.is_some_and(|start| {
            let end = e.details.plan_ended_on;
            period.overlaps(start, end)
                && input.counts_during(
                    record,
                    start.max(period.starts_on),
                    end.map_or(period.ends_on, |e| e.min(period.ends_on)),
                )
        })
    })
}

/// The band of a plan's length (an index into [`LENGTHS`]).
fn length_band(start: NaiveDate, end: NaiveDate) -> usize {
    LENGTHS
        .iter()
        .position(|&(_, _, months, included)| {
            months == u32::MAX || {
                let bound = add_months(start, months).result;
                end < bound || (included && end == bound)
            }
        })
        .unwrap_or(LENGTHS.len() - 1)
}

/// Is the plan starting on `start` a repeat plan, and did it start within two years of the end
/// of the child's previous plan? A previous plan with no end recorded counts as within, and so
/// does one known only from a return's count of previous plans (an imported CIN census).
fn repeat(record: &ChildRecord, episode: &CpEpisode, start: NaiveDate) -> (bool, bool) {
    let previous = record
        .cp_episodes
        .iter()
        .filter(|e| e.id != episode.id)
        .filter_map(|e| Some((e.details.plan_started_on?, e.details.plan_ended_on)))
        .filter(|(s, _)| *s < start)
        .max_by_key(|(s, _)| *s);
    match previous {
        None if episode.details.previous_plans.is_some_and(|n| n > 0) => (true, true),
        None => (false, false),
        Some((_, end)) => (
            true,
            end.is_none_or(|end| start <= add_months(end, 24).result),
        ),
    }
}

#[derive(Default)]
struct Tally {
    n_during: usize,
    n_at_end: usize,
    n_unborn: usize,
    n_started: u32,
    n_ended: u32,
    n_repeat: u32,
    n_repeat_2y: u32,
    by_length: [u32; LENGTHS.len()],
    by_category: [u32; CATEGORIES.len() + 1],
    n_icpcs: u32,
    n_icpcs_on_time: u32,
    n_icpcs_no_base: u32,
    by_s47_band: [u32; S47_BANDS.len()],
    n_icpcs_no_s47: u32,
    n_reviews: u32,
    n_reviews_on_time: u32,
    n_conferences: u32,
    n_advocate_offered: u32,
    n_advocate_used: u32,
    n_aged_4: u32,
    n_attended: u32,
    icpc_by_month: Vec<(u32, u32)>,
    review_by_month: Vec<(u32, u32)>,
    attended_by_month: Vec<(u32, u32)>,
}

fn count_plans(input: &Input<'_>, record: &ChildRecord, period: &ReportPeriod, t: &mut Tally) {
    let born_on = record.child.details.born_on;
    let (mut unborn, mut at_end) = (false, false);
    for episode in &record.cp_episodes {
        let Some(start) = episode.details.plan_started_on else {
            continue;
        };
        let end = episode.details.plan_ended_on;
        if period.overlaps(start, end)
            && input.counts_during(
                record,
                start.max(period.starts_on),
                end.map_or(period.ends_on, |e| e.min(period.ends_on)),
            )
        {
            // Unborn when the plan started: no date of birth yet, or born after it.
            unborn |= born_on.is_none_or(|b| b > start);
        }
        at_end |= input.open_at(start, end, period.ends_on);
        if period.contains(start) && input.counts_on(record, start) {
            t.n_started += 1;
            let idx = episode
                .details
                .initial_category
                .and_then(|c| CATEGORIES.iter().position(|k| *k == c))
                .unwrap_or(CATEGORIES.len());
            t.by_category[idx] += 1;
            let (is_repeat, within) = repeat(record, episode, start);
            t.n_repeat += u32::from(is_repeat);
            t.n_repeat_2y += u32::from(is_repeat && within);
        }
        if let Some(end) = end.filter(|e| period.contains(*e) && input.counts_on(record, *e)) {
            t.n_ended += 1;
            t.by_length[length_band(start, end)] += 1;
        }
    }
    t.n_during += usize::from(on_plan_during(input, record, period));
    t.n_unborn += usize::from(unborn);
    t.n_at_end += usize::from(at_end && input.counts_on(record, period.ends_on));
}

/// The due date of an ICPC on the report's base, or `None` with no base date recorded. From the
/// strategy discussion it is the schedule's own date for the episode's initial conference
/// ([`initial_conference_due`]: the pre-birth rule for an unborn child, the s47 start when no
/// strategy discussion is recorded), so the report and the schedule count a conference the
/// same way; from the s47 start (DfE C4) it is 15 working days from that.
fn icpc_due(
    input: &Input<'_>,
    record: &ChildRecord,
    episode: Option<&CpEpisode>,
) -> Option<NaiveDate> {
    let episode = episode?;
    let ctx = &input.ctx;
    match input.options.icpc_base {
        IcpcBase::StrategyDiscussion => initial_conference_due(record, episode, ctx)
            .filter(|d| matches!(d.what, DueWhat::Icpc | DueWhat::PreBirthConference))
            .map(|d| d.due.due),
        IcpcBase::S47Start => compute_due(
            RuleId::Icpc,
            BaseEvent::new(IcpcBase::S47Start.label(), episode.details.s47_started_on?),
            ctx.rules,
            ctx.calendar,
            ctx.settings.convention,
        )
        .ok()
        .map(|d| d.due),
    }
}

fn count_icpcs(
    input: &Input<'_>,
    record: &ChildRecord,
    period: &ReportPeriod,
    months: &[MonthSlot],
    t: &mut Tally,
) {
    for meeting in record
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::Icpc)
    {
        let Some(held_on) = meeting.held_on() else {
            continue;
        };
        if !input.counts_on(record, held_on) {
            continue;
        }
        let episode = record.cp_episodes.iter().find(|e| e.is_open_on(held_on));
        let due = icpc_due(input, record, episode);
        if let (Some(due), Some(m)) = (due, slot_of(months, held_on)) {
            t.icpc_by_month[m].0 += u32::from(held_on <= due);
            t.icpc_by_month[m].1 += 1;
        }
        if !period.contains(held_on) {
            continue;
        }
        t.n_icpcs += 1;
        match due {
            Some(due) => t.n_icpcs_on_time += u32::from(held_on <= due),
            None => t.n_icpcs_no_base += 1,
        }
        match episode.and_then(|e| e.details.s47_started_on) {
            Some(s47) => {
                let days = input.ctx.calendar.working_days_between(s47, held_on).max(0);
                let band = S47_BANDS.iter().position(|b| days <= b.2).unwrap_or(3);
                t.by_s47_band[band] += 1;
            }
            None => t.n_icpcs_no_s47 += 1,
        }
    }
}

fn count_reviews(
    input: &Input<'_>,
    record: &ChildRecord,
    period: &ReportPeriod,
    months: &[MonthSlot],
    t: &mut Tally,
) {
    for review in held_reviews(record, &input.ctx)
        .into_iter()
        .filter(|r| r.kind == MeetingKind::CpReview && input.counts_on(record, r.held_on))
    {
        let on_time = u32::from(review.on_time());
        if let Some(m) = slot_of(months, review.held_on) {
            t.review_by_month[m].0 += on_time;
            t.review_by_month[m].1 += 1;
        }
        if period.contains(review.held_on) {
            t.n_reviews += 1;
            t.n_reviews_on_time += on_time;
        }
    }
}

/// Every child-protection conference held (initial, review, transfer-in): advocacy, and the
/// child attending (of children aged 4 or over on the day).
fn count_attendance(
    input: &Input<'_>,
    record: &ChildRecord,
    period: &ReportPeriod,
    months: &[MonthSlot],
    t: &mut Tally,
) {
    let fourth_birthday = record.child.details.fourth_birthday();
    for meeting in record.meetings.iter().filter(|m| {
        matches!(
            m.kind,
            MeetingKind::Icpc | MeetingKind::CpReview | MeetingKind::TransferInConference
        )
    }) {
        let Some(held_on) = meeting.held_on().filter(|h| input.counts_on(record, *h)) else {
            continue;
        };
        let outcome = &meeting.outcome;
        let aged_4 = fourth_birthday.is_some_and(|b| held_on >= b);
        let attended = u32::from(outcome.child_attended == Some(true));
        if let (true, Some(m)) = (aged_4, slot_of(months, held_on)) {
            t.attended_by_month[m].0 += attended;
            t.attended_by_month[m].1 += 1;
        }
        if !period.contains(held_on) {
            continue;
        }
        t.n_conferences += 1;
        t.n_advocate_offered += u32::from(outcome.advocate_offered == Some(true));
        t.n_advocate_used += u32::from(outcome.advocate_used == Some(true));
        if aged_4 {
            t.n_aged_4 += 1;
            t.n_attended += attended;
        }
    }
}

pub(super) fn compute(
    input: &Input<'_>,
    period: &ReportPeriod,
    months: &[MonthSlot],
) -> SectionPeriod {
    let mut t = Tally {
        icpc_by_month: vec![(0, 0); months.len()],
        review_by_month: vec![(0, 0); months.len()],
        attended_by_month: vec![(0, 0); months.len()],
        ..Tally::default()
    };
    for record in &input.caseload.children {
        count_plans(input, record, period, &mut t);
        count_icpcs(input, record, period, months, &mut t);
        count_reviews(input, record, period, months, &mut t);
        count_attendance(input, record, period, months, &mut t);
    }
    let mut out = SectionPeriod::default();
    plans(input, period, &t, &mut out);
    conferences(input, &t, &mut out);
    voice(&t, &mut out);
    decisions::figures(input, period, Plan::Cp, &mut out);
    categories(&t, &mut out);
    out.chart(
        "cp.icpc_timeliness_by_month",
        "Initial conferences within 15 working days, by month",
        def::by_month(
            "initial conferences held in the month (with a base date)",
            "held within 15 working days",
        ),
        ChartShape::ByMonth,
        month_points(months, &t.icpc_by_month),
    );
    out.chart(
        "cp.review_timeliness_by_month",
        "Review conferences within timescale, by month",
        def::by_month(
            "review conferences held in the month",
            "held within timescale",
        ),
        ChartShape::ByMonth,
        month_points(months, &t.review_by_month),
    );
    out.chart(
        "cp.attendance_by_month",
        "Children aged 4 or over attending their conference, by month",
        def::by_month(
            "child protection conferences held in the month of children aged 4 or over",
            "the child attended",
        ),
        ChartShape::ByMonth,
        month_points(months, &t.attended_by_month),
    );
    out
}

/// Advocacy at child protection conferences and children attending them.
fn voice(t: &Tally, out: &mut SectionPeriod) {
    out.figure(
        "cp.conferences_held",
        "Child protection conferences held",
        def::cp_conferences_held(),
        Value::Count { n: t.n_conferences },
    );
    out.figure(
        "cp.advocate_offered",
        "Conferences at which an advocate was offered",
        def::cp_advocate(false),
        pct(t.n_advocate_offered, t.n_conferences),
    );
    out.figure(
        "cp.advocate_used",
        "Conferences at which an advocate was used",
        def::cp_advocate(true),
        pct(t.n_advocate_used, t.n_conferences),
    );
    out.figure(
        "cp.child_attended",
        "Children aged 4 or over who attended their conference",
        def::cp_child_attended(),
        pct(t.n_attended, t.n_aged_4),
    );
}

/// Children on a plan, plans started and ended, repeat plans, plan lengths.
fn plans(input: &Input<'_>, period: &ReportPeriod, t: &Tally, out: &mut SectionPeriod) {
    out.figure(
        "cp.children_during_year",
        "Children subject to a child protection plan during the period",
        def::cp_children_during(),
        count(t.n_during),
    );
    out.figure(
        "cp.children_at_31_march",
        format!(
            "Children subject to a child protection plan at {}",
            period.end_words()
        ),
        def::at_end("a child protection plan", input.options, period),
        count(t.n_at_end),
    );
    out.figure(
        "cp.unborn_during_year",
        "Of whom unborn when their plan started",
        def::cp_unborn(),
        count(t.n_unborn),
    );
    out.figure(
        "cp.plans_started",
        "Child protection plans that started in the period",
        def::cp_plans(true),
        Value::Count { n: t.n_started },
    );
    out.figure(
        "cp.repeat_plans",
        "Of which a second or later plan",
        def::repeat_plans(false),
        pct(t.n_repeat, t.n_started),
    );
    out.figure(
        "cp.repeat_plans_within_2_years",
        "Of which within two years of the previous plan",
        def::repeat_plans(true),
        pct(t.n_repeat_2y, t.n_started),
    );
    out.figure(
        "cp.plans_ended",
        "Child protection plans that ended in the period",
        def::cp_plans(false),
        Value::Count { n: t.n_ended },
    );
    let mut points = Vec::new();
    for ((key, label, _, _), n) in LENGTHS.iter().zip(t.by_length) {
        let id = format!("cp.plan_length.{key}");
        let value = pct(n, t.n_ended);
        out.figure(
            id.clone(),
            format!("Plans ended after {label}"),
            def::plan_length(label),
            value,
        );
        points.push((upper_first(label), Some(id), value));
    }
    out.chart(
        "cp.plan_lengths",
        "How long the plans that ended lasted",
        def::plan_length_chart(),
        ChartShape::ByCategory,
        points,
    );
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Initial conferences (both measures) and review conferences.
fn conferences(input: &Input<'_>, t: &Tally, out: &mut SectionPeriod) {
    out.figure(
        "cp.icpcs_held",
        "Initial child protection conferences held",
        def::icpcs_held(),
        Value::Count { n: t.n_icpcs },
    );
    out.figure(
        "cp.icpcs_in_timescale",
        format!(
            "Initial conferences within 15 working days of {}",
            match input.options.icpc_base {
                IcpcBase::StrategyDiscussion => "the strategy discussion",
                IcpcBase::S47Start => "the s47 start",
            }
        ),
        def::icpcs_in_timescale(input),
        pct(t.n_icpcs_on_time, t.n_icpcs - t.n_icpcs_no_base),
    );
    out.figure(
        "cp.icpcs_without_base_date",
        "Initial conferences with no base date recorded",
        def::icpcs_without_base(input.options),
        Value::Count {
            n: t.n_icpcs_no_base,
        },
    );
    let with_s47 = t.n_icpcs - t.n_icpcs_no_s47;
    let mut points = Vec::new();
    for ((key, label, _), n) in S47_BANDS.iter().zip(t.by_s47_band) {
        let id = format!("cp.icpc_s47_days.{key}");
        let value = pct(n, with_s47);
        out.figure(
            id.clone(),
            format!("Initial conferences {label} working days from the s47 start"),
            def::icpc_s47_band(label),
            value,
        );
        points.push((format!("{label} days"), Some(id), value));
    }
    out.figure(
        "cp.icpcs_without_s47_start",
        "Initial conferences with no s47 start recorded",
        def::icpcs_without_s47(),
        Value::Count {
            n: t.n_icpcs_no_s47,
        },
    );
    out.chart(
        "cp.icpc_s47_days",
        "Working days from the s47 start to the initial conference (DfE bands)",
        def::icpc_s47_chart(),
        ChartShape::ByCategory,
        points,
    );
    out.figure(
        "cp.reviews_held",
        "Review conferences held",
        def::cp_reviews_held(),
        Value::Count { n: t.n_reviews },
    );
    out.figure(
        "cp.reviews_in_timescale",
        "Review conferences within timescale",
        def::cp_reviews_in_timescale(input),
        pct(t.n_reviews_on_time, t.n_reviews),
    );
}

/// The initial categories of the plans that started.
fn categories(t: &Tally, out: &mut SectionPeriod) {
    let mut points = Vec::new();
    let labels = CATEGORIES
        .iter()
        .map(|c| (format!("{c:?}").to_lowercase(), c.label()))
        .chain([("not_recorded".to_string(), "Not recorded")]);
    for ((key, label), n) in labels.zip(t.by_category) {
        let id = format!("cp.category.{key}");
        out.figure(
            id.clone(),
            format!("Plans started: {label}"),
            def::category(label),
            pct(n, t.n_started),
        );
        points.push((label.to_string(), Some(id), pct(n, t.n_started)));
    }
    out.chart(
        "cp.category_mix",
        "Category of abuse of the plans that started",
        def::category_chart(),
        ChartShape::ByCategory,
        points,
    );
}
