//! The definition of every figure (domain.md §7 defaults), stating the option used where one
//! exists, and the report's statement of its choices. Only text: the counting is in the
//! section modules.

use super::decisions::Plan;
use super::period::long_date;
use super::{
    BandPosition, IcpcBase, Input, PeriodKind, ReportOptions, ReportPeriod, ReportScope,
    ShortBreaks,
};
use crate::calendar::Convention;
use crate::domain::{Concerns, DisputeKind, Participation};
use crate::rules::RuleId;
use chrono::NaiveDate;

const ATTRIBUTION: &str = "For selected IROs, a child counts if allocated to one of them at any point of the period while looked after or on a plan; a review, conference or dispute counts for the IRO allocated on the day it was held or raised.";

/// The choices a report was counted with, and whose figures these are.
pub(super) fn choices(input: &Input<'_>, this: &ReportPeriod, last: &ReportPeriod) -> Vec<String> {
    let o = input.options;
    vec![
        period(this, last),
        "Monthly charts show the twelve months ending with the period's last month, each beside the same month a year earlier.".to_string(),
        ATTRIBUTION.to_string(),
        scope(o),
        convention(o.convention),
        if o.ended_on_31_march_counts {
            "A period of care or plan that ended on the last day of the period (31 March for a reporting year) counts as open on it (and at the end of any month it ended on).".to_string()
        } else {
            "A period of care or plan that ended on the last day of the period (31 March for a reporting year) does not count as open on it (nor at the end of any month it ended on).".to_string()
        },
        short_breaks(o),
        format!(
            "Participation counts codes {} as the child participating ({}).",
            o.participating_codes(),
            if o.pn4_counts_as_participation {
                "PN4, attending without conveying a view, counts"
            } else {
                "PN4, attending without conveying a view, does not count"
            }
        ),
        format!(
            "Initial conferences are timed from {} ({}); the DfE's working-day bands are always from the start of the s47 enquiry.",
            o.icpc_base.label(),
            match o.icpc_base {
                IcpcBase::StrategyDiscussion => "Working Together",
                IcpcBase::S47Start => "DfE CIN census table C4",
            }
        ),
        "A review on the child's 4th birthday counts as a review of a child aged 4 or over; an unborn child is never aged 4 or over.".to_string(),
        "A dispute raised in one period and resolved in the next counts as raised in the first and resolved in the second. A dispute raised for a sibling group counts once among disputes, and for each child of the group among children with a dispute.".to_string(),
    ]
}

fn period(this: &ReportPeriod, last: &ReportPeriod) -> String {
    let what = match this.kind {
        PeriodKind::Year => "The reporting year runs",
        PeriodKind::Quarter => "The quarter runs",
        PeriodKind::Month => "The month runs",
        PeriodKind::Custom => "The period runs",
    };
    format!(
        "{what} from {} to {}; each figure is shown beside the same figure for {} to {}, the period before of the same length.",
        long_date(this.starts_on),
        long_date(this.ends_on),
        long_date(last.starts_on),
        long_date(last.ends_on)
    )
}

fn scope(o: &ReportOptions) -> String {
    let plans = match o.scope {
        ReportScope::Both => {
            "The report covers looked-after children and child protection, and disputes about either plan"
        }
        ReportScope::Lac => {
            "The report covers looked-after children only: disputes about care plans, and caseloads"
        }
        ReportScope::Cp => {
            "The report covers child protection only: disputes about child protection plans"
        }
    };
    let kinds = match o.dispute_kind {
        None => "both under the Dispute Resolution Process and multi-agency challenges",
        Some(DisputeKind::Drp) => "under the Dispute Resolution Process only",
        Some(DisputeKind::Macp) => "multi-agency challenges only",
    };
    format!("{plans}; disputes {kinds}.")
}

fn short_breaks(o: &ReportOptions) -> String {
    match o.short_breaks {
        ShortBreaks::Apart => "Children looked after only under a series of short breaks (CPPCR reg 48) are left out of the looked-after headline counts, reviews, timeliness and participation, and shown apart, as the DfE counts.".to_string(),
        ShortBreaks::Included => "Children looked after only under a series of short breaks (CPPCR reg 48) are counted in the looked-after headline figures, and also shown apart.".to_string(),
    }
}

fn convention(c: Convention) -> String {
    match c {
        Convention::EventDayIsDayZero => {
            "Working days are counted from the day after the event (the event day is day 0)."
                .to_string()
        }
        Convention::EventDayIsDayOne => {
            "Working days are counted with the event day as day 1 when it is a working day."
                .to_string()
        }
    }
}

/// How the headline treats short breaks, as the end of a definition.
fn headline(o: &ReportOptions) -> &'static str {
    match o.short_breaks {
        ShortBreaks::Apart => " Short breaks are left out (shown apart).",
        ShortBreaks::Included => " Short breaks are included.",
    }
}

pub(super) fn lac_children_during(o: &ReportOptions) -> String {
    let which = match o.short_breaks {
        ShortBreaks::Apart => "a period of full-time care (not a series of short breaks)",
        ShortBreaks::Included => "a period of care (a series of short breaks included)",
    };
    format!(
        "Distinct children with {which} overlapping the period (SSDA903 convention). {ATTRIBUTION}"
    )
}

pub(super) fn at_end(what: &str, o: &ReportOptions, period: &ReportPeriod) -> String {
    let end = long_date(period.ends_on);
    format!(
        "Distinct children with {what} that started on or before {end} and had not ended by it{}; counted for the IRO allocated on {end}.",
        if o.ended_on_31_march_counts {
            " (one that ended on that day counts)"
        } else {
            " (one that ended on that day does not count)"
        }
    )
}

pub(super) fn lac_started(o: &ReportOptions) -> String {
    format!(
        "Periods of care that started (the child became looked after) in the period; a child who came back into care twice counts twice.{}",
        headline(o)
    )
}

pub(super) fn lac_reviews_held(o: &ReportOptions) -> String {
    format!(
        "LAC reviews held in the period (held reviews only: cancelled or adjourned meetings are not reviews).{}",
        headline(o)
    )
}

pub(super) fn lac_in_timescale(input: &Input<'_>, class: Option<usize>) -> String {
    let rules = input.ctx.rules;
    let first = format!(
        "a first review within {} working days of the child becoming looked after (short breaks: {} months of the first break)",
        rules.value(RuleId::LacFirstReview),
        rules.value(RuleId::ShortBreakFirstReview)
    );
    let second = format!(
        "a second review within {} months of the first",
        rules.value(RuleId::LacSecondReview)
    );
    let later = format!(
        "a later review within {} months of the one before",
        rules.value(RuleId::LacSubsequentReview)
    );
    let which = match class {
        Some(0) => format!("First reviews held in the period: held on or before their due date, {first}."),
        Some(1) => format!("Second reviews held in the period: held on or before their due date, {second}."),
        Some(_) => format!("Third and later reviews held in the period: held on or before their due date, {later}."),
        None => format!("Reviews held in the period that were held on or before their due date: {first}; {second}; {later} (CPPCR 2010 reg 33)."),
    };
    format!(
        "{which} Each due date counts from the date the previous review was actually held, as the app's schedule does. {}{}",
        convention(input.options.convention),
        headline(input.options)
    )
}

pub(super) fn participation_code(code: Participation, o: &ReportOptions) -> String {
    format!(
        "LAC reviews held in the period coded {} ({}).{}",
        code.code(),
        code.meaning(),
        headline(o)
    )
}

pub(super) fn participation_not_recorded(o: &ReportOptions) -> String {
    format!(
        "LAC reviews held in the period with no participation code recorded.{}",
        headline(o)
    )
}

pub(super) fn participation_rate(o: &ReportOptions) -> String {
    format!(
        "Of the LAC reviews held in the period of children aged 4 or over on the day (a review on the 4th birthday counts; an unborn child never does), those coded {} (domain.md §4.1, §7). A review with no code, or coded PN0 on the 4th birthday, counts as not participating.{}",
        o.participating_codes(),
        headline(o)
    )
}

pub(super) fn advocate(used: bool, o: &ReportOptions) -> String {
    format!(
        "Of the LAC reviews held in the period, those at which an advocate was recorded as {}.{}",
        if used { "used" } else { "offered" },
        headline(o)
    )
}

pub(super) fn child_seen(o: &ReportOptions) -> String {
    format!(
        "Of the LAC reviews held in the period, those for which the IRO recorded seeing the child on or before the day of the review (IRO Handbook; CA 1989 s25B).{}",
        headline(o)
    )
}

pub(super) fn short_break_children(at_end: Option<&ReportPeriod>) -> String {
    match at_end {
        None => format!("Distinct children looked after in the period only under a series of short breaks (CPPCR reg 48; legal status V3/V4): a period of short breaks overlapping it and no period of full-time care. The DfE counts them apart from children looked after. {ATTRIBUTION}"),
        Some(p) => {
            let end = long_date(p.ends_on);
            format!("Distinct children on a series of short breaks on {end} and in no other care, counted for the IRO allocated that day.")
        }
    }
}

pub(super) fn short_break_reviews(on_time: bool, input: &Input<'_>) -> String {
    if on_time {
        format!(
            "Of the reviews of periods of short breaks held in the period, those held on or before their due date: the first within {} months of the first break, then within {} months of the one before (CPPCR reg 48).",
            input.ctx.rules.value(RuleId::ShortBreakFirstReview),
            input.ctx.rules.value(RuleId::LacSubsequentReview)
        )
    } else {
        "Reviews held in the period of children during a period of short breaks (CPPCR reg 48)."
            .to_string()
    }
}

pub(super) fn by_month(what: &str, property: &str) -> String {
    format!("For each of the twelve months ending with the period's last month: of the {what}, the share {property}; beside the same month a year earlier.")
}

pub(super) fn participation_chart() -> String {
    "LAC reviews held in the period by participation code (all ages).".to_string()
}

pub(super) fn cp_children_during() -> String {
    format!("Distinct children with a child protection plan overlapping the period (CIN census convention), unborn children included. {ATTRIBUTION}")
}

pub(super) fn cp_unborn() -> String {
    "Of the children subject to a plan during the period, those whose plan started before they were born (pre-birth plans).".to_string()
}

pub(super) fn cp_plans(started: bool) -> String {
    if started {
        "Child protection plans whose start date falls in the period, counted for the IRO allocated on that day.".to_string()
    } else {
        "Child protection plans whose end date falls in the period, counted for the IRO allocated on that day.".to_string()
    }
}

pub(super) fn repeat_plans(within_two_years: bool) -> String {
    if within_two_years {
        "Of the plans that started in the period, those that started within two years (24 calendar months) of the end of the child's previous plan.".to_string()
    } else {
        "Of the plans that started in the period, those that are the child's second or later plan (another plan of theirs started earlier), however long ago (CIN census: second or subsequent plan).".to_string()
    }
}

pub(super) fn plan_length(band: &str) -> String {
    format!("Of the plans that ended in the period, those that lasted {band}: from the plan's start date to its end date, in calendar months (DfE CIN table D7).")
}

pub(super) fn plan_length_chart() -> String {
    "Plans that ended in the period, by how long they lasted (DfE bands).".to_string()
}

pub(super) fn icpcs_held() -> String {
    "Initial child protection conferences held in the period, pre-birth conferences included; transfer-in conferences are not counted.".to_string()
}

pub(super) fn icpcs_in_timescale(input: &Input<'_>) -> String {
    let base = match input.options.icpc_base {
        IcpcBase::StrategyDiscussion => format!(
            "the due date the app's schedule gives the conference: {} working days after the strategy discussion at which s47 enquiries were initiated (after the start of the s47 enquiry when no strategy discussion is recorded), or, for an unborn child, the pre-birth date unless it had already passed at the strategy discussion",
            input.ctx.rules.value(RuleId::Icpc)
        ),
        IcpcBase::S47Start => format!(
            "{} working days after the start of the s47 enquiry",
            input.ctx.rules.value(RuleId::Icpc)
        ),
    };
    format!(
        "Of the initial conferences held in the period with a base date recorded, those held on or before {base}. {}",
        convention(input.options.convention)
    )
}

pub(super) fn icpcs_without_base(o: &ReportOptions) -> String {
    let what = match o.icpc_base {
        IcpcBase::StrategyDiscussion => "neither a strategy discussion nor an s47 start (nor, for an unborn child, an expected date of birth)",
        IcpcBase::S47Start => "no s47 start date",
    };
    format!(
        "Initial conferences held in the period whose episode records {what}: they are left out of the timeliness figure."
    )
}

pub(super) fn icpc_s47_band(band: &str) -> String {
    format!("Of the initial conferences held in the period whose episode records the start of the s47 enquiry, those held {band} working days after it: working days d with start < d ≤ conference (the DfE duration, same day = 0; CIN table C4), whatever the counting convention.")
}

pub(super) fn icpcs_without_s47() -> String {
    "Initial conferences held in the period whose episode has no s47 start date: they are left out of the DfE bands.".to_string()
}

pub(super) fn icpc_s47_chart() -> String {
    "Initial conferences held in the period, by working days from the start of the s47 enquiry (DfE bands).".to_string()
}

pub(super) fn cp_reviews_held() -> String {
    "Child protection review conferences held in the period.".to_string()
}

pub(super) fn cp_reviews_in_timescale(input: &Input<'_>) -> String {
    let rules = input.ctx.rules;
    format!(
        "Of the review conferences held in the period, those held on or before their due date: the first within {} months of the initial conference, then within {} months of the one before (Working Together), counted from the dates actually held.",
        rules.value(RuleId::CpFirstReview),
        rules.value(RuleId::CpSubsequentReview)
    )
}

pub(super) fn cp_conferences_held() -> String {
    "Child protection conferences held in the period: initial (pre-birth included), review and transfer-in conferences.".to_string()
}

pub(super) fn cp_advocate(used: bool) -> String {
    format!(
        "Of the child protection conferences held in the period, those at which an advocate was recorded as {}.",
        if used { "used" } else { "offered" }
    )
}

pub(super) fn cp_child_attended() -> String {
    "Of the child protection conferences held in the period of children aged 4 or over on the day (an unborn child never is), those the child or young person was recorded as attending. A conference with nothing recorded counts as not attended.".to_string()
}

pub(super) fn category(label: &str) -> String {
    format!("Of the plans that started in the period, those whose initial category of abuse is {label} (CIN census InitialCategoryOfAbuse).")
}

pub(super) fn category_chart() -> String {
    "Plans that started in the period, by initial category of abuse.".to_string()
}

fn month_ends(n: usize) -> String {
    if n == 1 {
        "on the last day of the period".to_string()
    } else {
        format!("at the {n} month ends of the period (and its last day)")
    }
}

pub(super) fn iros_in_band(position: BandPosition, lower: u32, upper: u32, n: usize) -> String {
    let where_ = match position {
        BandPosition::Above => format!("above {upper}"),
        BandPosition::Within => format!("from {lower} to {upper}"),
        BandPosition::Below => format!("below {lower}"),
    };
    format!("IROs whose mean number of looked-after children {}, per full-time post, is {where_} (IRO Handbook: 50–70 per full-time IRO; the band in force is {lower}–{upper}).", month_ends(n))
}

pub(super) fn iro_caseload(fte: f64, lower: u32, upper: u32, n: usize) -> String {
    format!("Looked-after children allocated to the IRO {}, averaged (children on short breaks included); at {fte} FTE, the band of {lower}–{upper} per full-time post.", month_ends(n))
}

const SIBLINGS_ONCE: &str = "A dispute raised for a sibling group is one dispute and counts once.";

pub(super) fn disputes_raised(kind: Option<DisputeKind>) -> String {
    let what = match kind {
        None => "Disputes under the Dispute Resolution Process and multi-agency challenges",
        Some(DisputeKind::Drp) => {
            "Disputes under the IRO Dispute Resolution Process (IRO Handbook ch. 6)"
        }
        Some(DisputeKind::Macp) => "Multi-agency challenges to a partner agency",
    };
    format!("{what} raised in the period (by the date the first stage was raised), counted for the IRO allocated that day. One raised in one period and resolved in the next counts as raised in the first. {SIBLINGS_ONCE}")
}

pub(super) fn disputes_about(concerns: Concerns) -> String {
    format!(
        "Disputes and challenges raised in the period about {}. {SIBLINGS_ONCE}",
        concerns.label()
    )
}

pub(super) fn children_with_dispute(concerns: Concerns) -> String {
    let (plan, population) = match concerns {
        Concerns::LacPlan => (
            "their care plan",
            "the children looked after during the period (the headline count)",
        ),
        Concerns::CpPlan => (
            "their child protection plan",
            "the children subject to a plan during the period",
        ),
    };
    format!("Of {population}, those with at least one dispute or challenge about {plan} raised in the period. A dispute raised for a sibling group counts for each child of the group: every child whose sibling group it names and who is among {population}.")
}

pub(super) fn reason(label: &str) -> String {
    format!("Of the disputes and challenges raised in the period, those whose reason category is \"{label}\" (the store's list of reasons). {SIBLINGS_ONCE}")
}

pub(super) fn reason_chart() -> String {
    "Disputes and challenges raised in the period, by reason category.".to_string()
}

pub(super) fn resolved_at(label: &str) -> String {
    format!("Of the DRP disputes resolved in the period, those resolved at \"{label}\": the highest stage the dispute reached (Informal is the informal challenge; stages 5 to 8 are one bucket, as the reports count). Withdrawn disputes and those ended by a referral to Cafcass are counted apart, not in the denominator. One raised in an earlier period counts in the period it was resolved. {SIBLINGS_ONCE}")
}

pub(super) fn resolved_chart() -> String {
    "DRP disputes resolved in the period, by the stage at which they were resolved (withdrawn and Cafcass referrals apart).".to_string()
}

pub(super) fn ended_apart(cafcass: bool) -> String {
    if cafcass {
        format!("DRP disputes that ended in the period with a referral to Cafcass (CPPCR 2010 reg 45); not among the resolved. {SIBLINGS_ONCE}")
    } else {
        format!("DRP disputes withdrawn by the IRO in the period; not among the resolved. {SIBLINGS_ONCE}")
    }
}

pub(super) fn disputes_open_at_end(period: &ReportPeriod) -> String {
    let end = long_date(period.ends_on);
    format!("Disputes and challenges raised on or before {end} and not ended by it, counted for the IRO allocated on {end}. {SIBLINGS_ONCE}")
}

pub(super) fn days_to_resolve(c: Convention) -> String {
    format!(
        "Of the disputes and challenges resolved in the period (not withdrawn or referred to Cafcass), the mean number of working days from the day raised to the day resolved, with this store's bank holidays. {} {SIBLINGS_ONCE}",
        convention(c)
    )
}

pub(super) fn macp_agency(name: &str) -> String {
    format!("Multi-agency challenges raised in the period to {name}.")
}

/// How every decision figure takes a decision and its due date, on the day `on` (the period's
/// last day, or the day the report was made if the period had not ended).
fn decision_standing(on: NaiveDate) -> String {
    let day = long_date(on);
    format!("Each decision is taken as the app showed it at the end of {day} (the period's last day, or the day the report was made if earlier): carried out or dropped by then, or still open (one done or dropped later counts as open). It is due on its own date or, if due \"by the next review\", on the day the next review (or review conference) was held, if one was held by then, else on that review's due date as the schedule gave it that day; with no review due any more (the period of care or plan had ended) it has no due date.")
}

pub(super) fn decisions_made(plan: Plan, o: &ReportOptions) -> String {
    match plan {
        Plan::Lac => format!(
            "Decisions recorded in the finalised records of LAC reviews held in the period, counted by the day the review was held (whenever its record was finalised) and for the IRO allocated that day.{}",
            headline(o)
        ),
        Plan::Cp => "Decisions recorded in the finalised records of child protection conferences held in the period (initial, pre-birth, review and transfer-in conferences; core group meetings are not counted), counted by the day the conference was held (whenever its record was finalised) and for the IRO allocated that day.".to_string(),
    }
}

pub(super) fn decisions_share(plan: Plan, on: NaiveDate) -> String {
    format!(
        "Of the decisions made at {} held in the period that were due on or before {} and not dropped by then, those carried out on or before their due date. Decisions not yet due on that day are left out, whether still open or already carried out, so the share does not depend on how many happen to have been done early; dropped decisions are counted apart. {}",
        plan.meetings(),
        long_date(on),
        decision_standing(on)
    )
}

pub(super) fn decisions_done(on_time: bool, on: NaiveDate) -> String {
    let day = long_date(on);
    let standing = decision_standing(on);
    if on_time {
        format!("Of the decisions made in the period, those carried out by {day} on or before their due date, including any done early whose due date is after it (they are not in the share until due). One with no due date counts here once carried out. {standing}")
    } else {
        format!("Of the decisions made in the period, those carried out by {day}, after their due date. {standing}")
    }
}

pub(super) fn decisions_open(past_due: bool, on: NaiveDate) -> String {
    let day = long_date(on);
    let standing = decision_standing(on);
    if past_due {
        format!("Of the decisions made in the period, those neither carried out nor dropped by the end of {day} whose due date was on or before it: not carried out by their due date. {standing}")
    } else {
        format!("Of the decisions made in the period, those neither carried out nor dropped by the end of {day} whose due date was after it, or that had no due date any more. {standing}")
    }
}

pub(super) fn decisions_dropped(on: NaiveDate) -> String {
    format!("Of the decisions made in the period, those dropped (no longer to be done) by {}. They are left out of the share carried out by their due date. {}", long_date(on), decision_standing(on))
}
