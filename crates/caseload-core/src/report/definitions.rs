//! The definition of every figure (domain.md §7 defaults), stating the option used where one
//! exists, and the report's statement of its choices. Only text: the counting is in the
//! section modules.

use super::{BandPosition, IcpcBase, Input, ReportOptions};
use crate::calendar::Convention;
use crate::domain::{Concerns, DisputeKind, Participation};
use crate::rules::RuleId;

const ATTRIBUTION: &str = "For selected IROs, a child counts if allocated to one of them at any point of the year while looked after or on a plan; a review, conference or dispute counts for the IRO allocated on the day it was held or raised.";

/// The choices a report was counted with, and whose figures these are.
pub(super) fn choices(input: &Input<'_>) -> Vec<String> {
    let o = input.options;
    vec![
        "The reporting year runs from 1 April to 31 March; each figure is shown beside the same figure for the year before.".to_string(),
        ATTRIBUTION.to_string(),
        convention(o.convention),
        if o.ended_on_31_march_counts {
            "A period of care or plan that ended on 31 March counts as open at 31 March (and at the end of any month it ended on).".to_string()
        } else {
            "A period of care or plan that ended on 31 March does not count as open at 31 March (nor at the end of any month it ended on).".to_string()
        },
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
            "Initial conferences are timed from {} ({}).",
            o.icpc_base.label(),
            match o.icpc_base {
                IcpcBase::StrategyDiscussion => "Working Together",
                IcpcBase::S47Start => "DfE CIN census table C4",
            }
        ),
        "A review on the child's 4th birthday counts as a review of a child aged 4 or over; an unborn child is never aged 4 or over.".to_string(),
        "A dispute raised in one year and resolved in the next counts as raised in the first and resolved in the second.".to_string(),
    ]
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

pub(super) fn lac_children_during_year() -> String {
    format!("Distinct children with a period of care overlapping 1 April – 31 March (SSDA903 convention), including children on a series of short breaks (CPPCR reg 48). {ATTRIBUTION}")
}

pub(super) fn at_31_march(what: &str, o: &ReportOptions) -> String {
    format!(
        "Distinct children with {what} that started on or before 31 March and had not ended by it{}; counted for the IRO allocated on 31 March.",
        if o.ended_on_31_march_counts {
            " (one that ended on 31 March counts)"
        } else {
            " (one that ended on 31 March does not count)"
        }
    )
}

pub(super) fn lac_started() -> String {
    "Periods of care that started (the child became looked after) between 1 April and 31 March; a child who came back into care twice counts twice.".to_string()
}

pub(super) fn lac_reviews_held() -> String {
    "LAC reviews held between 1 April and 31 March (held reviews only: cancelled or adjourned meetings are not reviews), including short-break reviews.".to_string()
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
        Some(0) => format!("First reviews held in the year: held on or before their due date, {first}."),
        Some(1) => format!("Second reviews held in the year: held on or before their due date, {second}."),
        Some(_) => format!("Third and later reviews held in the year: held on or before their due date, {later}."),
        None => format!("Reviews held in the year that were held on or before their due date: {first}; {second}; {later} (CPPCR 2010 reg 33)."),
    };
    format!(
        "{which} Each due date counts from the date the previous review was actually held, as the app's schedule does. {}",
        convention(input.options.convention)
    )
}

pub(super) fn participation_code(code: Participation) -> String {
    format!(
        "LAC reviews held in the year coded {} ({}).",
        code.code(),
        code.meaning()
    )
}

pub(super) fn participation_not_recorded() -> String {
    "LAC reviews held in the year with no participation code recorded.".to_string()
}

pub(super) fn participation_rate(o: &ReportOptions) -> String {
    format!(
        "Of the LAC reviews held in the year of children aged 4 or over on the day (a review on the 4th birthday counts; an unborn child never does), those coded {} (domain.md §4.1, §7). A review with no code, or coded PN0 on the 4th birthday, counts as not participating.",
        o.participating_codes()
    )
}

pub(super) fn advocate(used: bool) -> String {
    format!(
        "Of the LAC reviews held in the year, those at which an advocate was recorded as {}.",
        if used { "used" } else { "offered" }
    )
}

pub(super) fn child_seen() -> String {
    "Of the LAC reviews held in the year, those for which the IRO recorded seeing the child on or before the day of the review (IRO Handbook; CA 1989 s25B).".to_string()
}

pub(super) fn by_month(what: &str, property: &str) -> String {
    format!("For each month from April to March: of the {what}, the share {property}; beside the same month of the year before.")
}

pub(super) fn participation_chart() -> String {
    "LAC reviews held in the year by participation code (all ages).".to_string()
}

pub(super) fn cp_children_during_year() -> String {
    format!("Distinct children with a child protection plan overlapping 1 April – 31 March (CIN census convention), unborn children included. {ATTRIBUTION}")
}

pub(super) fn cp_unborn() -> String {
    "Of the children subject to a plan during the year, those whose plan started before they were born (pre-birth plans).".to_string()
}

pub(super) fn cp_plans(started: bool) -> String {
    if started {
        "Child protection plans whose start date falls between 1 April and 31 March, counted for the IRO allocated on that day.".to_string()
    } else {
        "Child protection plans whose end date falls between 1 April and 31 March, counted for the IRO allocated on that day.".to_string()
    }
}

pub(super) fn icpcs_held() -> String {
    "Initial child protection conferences held between 1 April and 31 March, pre-birth conferences included; transfer-in conferences are not counted.".to_string()
}

pub(super) fn icpcs_in_timescale(input: &Input<'_>) -> String {
    format!(
        "Of the initial conferences held in the year with a base date recorded, those held within {} working days of {} (on or before the due date the app computes). {}",
        input.ctx.rules.value(RuleId::Icpc),
        input.options.icpc_base.label(),
        convention(input.options.convention)
    )
}

pub(super) fn icpcs_without_base(o: &ReportOptions) -> String {
    format!(
        "Initial conferences held in the year whose episode has no date for {}: they are left out of the timeliness figure.",
        o.icpc_base.label()
    )
}

pub(super) fn cp_reviews_held() -> String {
    "Child protection review conferences held between 1 April and 31 March.".to_string()
}

pub(super) fn cp_reviews_in_timescale(input: &Input<'_>) -> String {
    let rules = input.ctx.rules;
    format!(
        "Of the review conferences held in the year, those held on or before their due date: the first within {} months of the initial conference, then within {} months of the one before (Working Together), counted from the dates actually held.",
        rules.value(RuleId::CpFirstReview),
        rules.value(RuleId::CpSubsequentReview)
    )
}

pub(super) fn category(label: &str) -> String {
    format!("Of the plans that started in the year, those whose initial category of abuse is {label} (CIN census InitialCategoryOfAbuse).")
}

pub(super) fn category_chart() -> String {
    "Plans that started in the year, by initial category of abuse.".to_string()
}

pub(super) fn iros_in_band(position: BandPosition, lower: u32, upper: u32) -> String {
    let where_ = match position {
        BandPosition::Above => format!("above {upper}"),
        BandPosition::Within => format!("from {lower} to {upper}"),
        BandPosition::Below => format!("below {lower}"),
    };
    format!("IROs whose mean number of looked-after children at the twelve month ends, per full-time post, is {where_} (IRO Handbook: 50–70 per full-time IRO; the band in force is {lower}–{upper}).")
}

pub(super) fn iro_caseload(fte: f64, lower: u32, upper: u32) -> String {
    format!("Looked-after children allocated to the IRO at the end of each month from April to March, averaged over the twelve month ends; at {fte} FTE, the band of {lower}–{upper} per full-time post.")
}

pub(super) fn disputes_raised(kind: Option<DisputeKind>) -> String {
    let what = match kind {
        None => "Disputes under the Dispute Resolution Process and multi-agency challenges",
        Some(DisputeKind::Drp) => {
            "Disputes under the IRO Dispute Resolution Process (IRO Handbook ch. 6)"
        }
        Some(DisputeKind::Macp) => "Multi-agency challenges to a partner agency",
    };
    format!("{what} raised between 1 April and 31 March (by the date the first stage was raised), counted for the IRO allocated that day. One raised in one year and resolved in the next counts as raised in the first.")
}

pub(super) fn disputes_about(concerns: Concerns) -> String {
    format!(
        "Disputes and challenges raised in the year about {}.",
        concerns.label()
    )
}

pub(super) fn children_with_dispute(concerns: Concerns) -> String {
    match concerns {
        Concerns::LacPlan => "Distinct children with at least one dispute or challenge about their care plan raised in the year, of the children looked after during the year.".to_string(),
        Concerns::CpPlan => "Distinct children with at least one dispute or challenge about their child protection plan raised in the year, of the children subject to a plan during the year.".to_string(),
    }
}

pub(super) fn reason(label: &str) -> String {
    format!("Of the disputes and challenges raised in the year, those whose reason category is \"{label}\" (the store's list of reasons).")
}

pub(super) fn reason_chart() -> String {
    "Disputes and challenges raised in the year, by reason category.".to_string()
}

pub(super) fn ended_at(label: &str) -> String {
    format!("Of the DRP disputes that ended (resolved, withdrawn or referred to Cafcass) between 1 April and 31 March, those in \"{label}\": a resolved dispute by the highest stage it reached (Informal is the informal challenge; stages 5 to 8 are one bucket, as the reports count). One raised in the year before counts in the year it ended.")
}

pub(super) fn ended_chart() -> String {
    "DRP disputes that ended in the year, by the stage at which they were resolved, or referred to Cafcass, or withdrawn.".to_string()
}

pub(super) fn disputes_open_at_end() -> String {
    "Disputes and challenges raised on or before 31 March and not ended by it, counted for the IRO allocated on 31 March.".to_string()
}

pub(super) fn days_to_resolve(c: Convention) -> String {
    format!(
        "Of the disputes and challenges resolved in the year (not withdrawn or referred to Cafcass), the mean number of working days from the day raised to the day resolved, with this store's bank holidays. {}",
        convention(c)
    )
}

pub(super) fn macp_agency(name: &str) -> String {
    format!("Multi-agency challenges raised in the year to {name}.")
}
