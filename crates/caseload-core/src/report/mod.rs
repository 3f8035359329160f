//! The IRO service's report (issues 6 and 10; domain.md §7): for a period (a reporting year,
//! a quarter, a month or any dates) and the period before of the same length, the
//! looked-after, child-protection, dispute and caseload figures an IRO annual report gives a
//! panel, each with a stable id, a label and its definition, and the monthly and categorical
//! series its charts draw (the monthly ones over the twelve months ending with the period).
//!
//! | file | what it computes |
//! |---|---|
//! | `period.rs` | [`ReportPeriod`]: a reporting year, quarter, month or any dates; the period before; month ends; trend months |
//! | `options.rs` | [`ReportOptions`] (the choices of §7/§11, the scope, short breaks) and [`IroFilter`] |
//! | `definitions.rs` | every figure's definition text, and the statements of the choices used |
//! | `lac.rs` | looked-after children, reviews and their timeliness, participation, advocacy, short breaks apart |
//! | `cp.rs` | children on a plan, repeat plans, plan lengths, ICPCs (both bases, DfE bands), review conferences, advocacy and attendance, categories of abuse |
//! | `disputes.rs` | disputes and challenges: reasons, the stage at resolution, days to resolve |
//! | `caseload.rs` | looked-after children per IRO at each month end, against the band |
//! | `decisions.rs` | decisions made at the LAC reviews (in `lac`) and conferences (in `cp`) held in the period: carried out by their due date, late, open, dropped |
//!
//! Whose figures (the [`IroFilter`]): a child counts for an IRO if allocated to them at any
//! point of the period while looked after (or on a plan); a child "at the end" counts for the
//! IRO allocated on the period's last day; a review, conference or dispute counts for the IRO
//! allocated on the day it was held or raised (resolved, for days to resolve), and so do the
//! decisions a review or conference made. With no filter,
//! everything in the store counts.
//!
//! Every due date a timeliness figure measures against comes from
//! [`crate::schedule::held_reviews`] (the chain the app uses for the next review) or
//! [`crate::rules::compute_due`]: nothing here restates a statutory timescale.
//!
//! What this module deliberately does not do: format for a screen or a file (the values keep
//! numerator and denominator; [`Value::text`] is the one plain rendering), read the clock, or
//! know which IROs a user picked by name.

mod caseload;
mod cp;
mod decisions;
mod definitions;
mod disputes;
mod lac;
mod options;
mod period;

pub use options::{IcpcBase, IroFilter, ReportOptions, ReportScope, ShortBreaks};
pub use period::{PeriodKind, ReportPeriod};

use crate::domain::{Caseload, ChildRecord};
use crate::ids::IroId;
use crate::schedule::Ctx;
use crate::settings::Settings;
use chrono::NaiveDate;
use period::MonthSlot;
use serde::{Deserialize, Serialize};

/// A figure's value in one period: a count, a percentage kept as numerator and denominator, or
/// a mean kept as total and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Value {
    /// A number of children, reviews, disputes…
    Count {
        /// The count.
        n: u32,
    },
    /// `numerator` of `denominator`; no percentage when the denominator is 0.
    Percent {
        /// How many have the property.
        numerator: u32,
        /// Out of how many.
        denominator: u32,
    },
    /// `total / n`; no mean when `n` is 0.
    Mean {
        /// The sum.
        total: u32,
        /// How many were summed.
        n: u32,
    },
}

impl Value {
    /// The number a spreadsheet cell holds: the count, the fraction (0.8 for 80%), or the
    /// mean; `None` for a percentage or mean of nothing.
    pub fn number(&self) -> Option<f64> {
        match *self {
            Value::Count { n } => Some(f64::from(n)),
            Value::Percent {
                numerator,
                denominator,
            } => (denominator > 0).then(|| f64::from(numerator) / f64::from(denominator)),
            Value::Mean { total, n } => (n > 0).then(|| f64::from(total) / f64::from(n)),
        }
    }

    /// The whole percentage, rounded half up (`None` when the denominator is 0).
    pub fn percent(&self) -> Option<u32> {
        match *self {
            Value::Percent {
                numerator,
                denominator,
            } if denominator > 0 => {
                let (num, den) = (u64::from(numerator), u64::from(denominator));
                Some(((200 * num + den) / (2 * den)) as u32)
            }
            _ => None,
        }
    }

    /// The plain rendering every front end and file shares: "12", "12 of 15 (80%)",
    /// "8.5 (mean of 4)", and "—" for a percentage or mean of nothing.
    pub fn text(&self) -> String {
        match *self {
            Value::Count { n } => n.to_string(),
            Value::Percent {
                numerator,
                denominator,
            } => match self.percent() {
                Some(p) => format!("{numerator} of {denominator} ({p}%)"),
                None => "—".to_string(),
            },
            Value::Mean { total, n } => {
                if n == 0 {
                    "—".to_string()
                } else {
                    // One decimal, rounded half up, in integers.
                    let tenths = (20 * u64::from(total) + u64::from(n)) / (2 * u64::from(n));
                    format!("{}.{} (mean of {n})", tenths / 10, tenths % 10)
                }
            }
        }
    }

    /// The same kind of value, of nothing.
    fn zero_like(&self) -> Value {
        match self {
            Value::Count { .. } => Value::Count { n: 0 },
            Value::Percent { .. } => Value::Percent {
                numerator: 0,
                denominator: 0,
            },
            Value::Mean { .. } => Value::Mean { total: 0, n: 0 },
        }
    }
}

/// One figure of the report, this period beside the period before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Figure {
    /// Stable id, e.g. `lac.reviews_in_timescale` (files and tests refer to it).
    pub id: String,
    /// What it is, in a few words.
    pub label: String,
    /// How it is counted, stating the option used where one exists.
    pub definition: String,
    /// The period reported on.
    pub this_period: Value,
    /// The period before, of the same length.
    pub previous_period: Value,
}

/// One bar or point of a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChartPoint {
    /// The month ("Apr") or category ("Planning").
    pub label: String,
    /// The figure this point also is, if it is one (categorical charts); `None` for a month.
    pub figure: Option<String>,
    /// The period (for a month: that month).
    pub this_period: Value,
    /// The period before (for a month: the same month a year earlier).
    pub previous_period: Value,
}

/// What a chart's points are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChartShape {
    /// The twelve months ending with the period's last month, each beside the same month a
    /// year earlier (for a reporting year: April to March, beside the year before).
    ByMonth,
    /// Categories (reasons, stages, codes), this period beside the period before.
    ByCategory,
}

/// A chart: a series for the period and a series to compare it with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Chart {
    /// Stable id, e.g. `lac.timeliness_by_month`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What each point counts.
    pub definition: String,
    /// Months or categories.
    pub shape: ChartShape,
    /// The points, in order.
    pub points: Vec<ChartPoint>,
}

/// The sections of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    /// Looked-after children.
    Lac,
    /// Child protection.
    Cp,
    /// Disputes and multi-agency challenges.
    Disputes,
    /// Caseloads.
    Caseload,
}

/// One section: its figures and charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Section {
    /// Which.
    pub id: SectionId,
    /// Its title.
    pub title: String,
    /// Its figures, in reading order.
    pub figures: Vec<Figure>,
    /// Its charts.
    pub charts: Vec<Chart>,
}

/// An IRO a report is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ReportIro {
    /// Id.
    pub id: IroId,
    /// Name.
    pub name: String,
    /// Full-time equivalent.
    pub fte: f64,
}

/// Where an IRO's caseload sits against the band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BandPosition {
    /// Below the lower end (`caseload-band-lower`).
    Below,
    /// Within the band.
    Within,
    /// Above the upper limit (`caseload-band`).
    Above,
}

/// One IRO's looked-after children at each month end of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CaseloadPeriod {
    /// Children at each of the period's month ends ([`ReportPeriod::month_ends`]), in order.
    pub month_ends: Vec<u32>,
    /// Their mean over those month ends.
    pub average: Value,
    /// The mean per full-time post (mean ÷ FTE).
    pub per_fte: f64,
    /// Where the mean per full-time post sits against the band.
    pub band: BandPosition,
}

impl CaseloadPeriod {
    /// The mean per full-time post to one decimal, rounded half up like every value's text
    /// (so a mean of 10.25 at 1 FTE reads 10.3 in both places).
    pub fn per_fte_text(&self) -> String {
        format!("{:.1}", (self.per_fte * 10.0).round() / 10.0)
    }
}

/// One IRO's caseload over the period and the period before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct IroCaseload {
    /// The IRO.
    pub iro: ReportIro,
    /// The period.
    pub this_period: CaseloadPeriod,
    /// The period before.
    pub previous_period: CaseloadPeriod,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AnnualReport {
    /// The period reported on.
    pub period: ReportPeriod,
    /// The period before, of the same length, shown beside it.
    pub previous_period: ReportPeriod,
    /// True when the report covers every child in the store.
    pub all_iros: bool,
    /// The IROs it is about (every IRO profile when `all_iros`).
    pub iros: Vec<ReportIro>,
    /// The choices it was counted with.
    pub options: ReportOptions,
    /// Those choices, and whose figures these are, as sentences.
    pub choices: Vec<String>,
    /// Looked-after children, child protection, disputes, caseload (as the scope has them).
    pub sections: Vec<Section>,
    /// Each IRO's caseload by month end, against the band (none in a child protection report).
    pub caseloads: Vec<IroCaseload>,
    /// The days the caseloads are counted on: the period's month ends.
    pub month_ends: Vec<NaiveDate>,
    /// The band: lower end and upper limit per full-time IRO.
    pub band: (u32, u32),
}

impl AnnualReport {
    /// A section.
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// A figure by id, in any section.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.sections
            .iter()
            .flat_map(|s| &s.figures)
            .find(|f| f.id == id)
    }

    /// A chart by id, in any section.
    pub fn chart(&self, id: &str) -> Option<&Chart> {
        self.sections
            .iter()
            .flat_map(|s| &s.charts)
            .find(|c| c.id == id)
    }
}

/// Computes the report for the reporting year starting on 1 April of `year` (beside the year
/// before); see [`report`].
pub fn annual_report(
    caseload: &Caseload,
    ctx: &Ctx<'_>,
    year: i32,
    options: &ReportOptions,
    iros: &IroFilter,
) -> Option<AnnualReport> {
    report(
        caseload,
        ctx,
        &ReportPeriod::reporting_year(year)?,
        options,
        iros,
    )
}

type Compute = fn(&Input<'_>, &ReportPeriod, &[MonthSlot]) -> SectionPeriod;

/// Computes the report for `period` (and the period before, of the same length) over the
/// children `iros` selects, counted with `options`, as if made once the period had ended; see
/// [`report_as_of`] for a period that may not have.
///
/// `ctx` supplies the calendar, the rules in force and the store's settings; the counting
/// convention of `options` replaces the store's for every working-day figure.
pub fn report(
    caseload: &Caseload,
    ctx: &Ctx<'_>,
    period: &ReportPeriod,
    options: &ReportOptions,
    iros: &IroFilter,
) -> Option<AnnualReport> {
    report_at(caseload, ctx, period, options, iros, None)
}

/// [`report`], made on `as_of`: where a figure depends on the day it is taken on (where each
/// decision stood), a period not yet over on `as_of` is taken on `as_of`, not on its last day.
pub fn report_as_of(
    caseload: &Caseload,
    ctx: &Ctx<'_>,
    period: &ReportPeriod,
    options: &ReportOptions,
    iros: &IroFilter,
    as_of: NaiveDate,
) -> Option<AnnualReport> {
    report_at(caseload, ctx, period, options, iros, Some(as_of))
}

fn report_at(
    caseload: &Caseload,
    ctx: &Ctx<'_>,
    period: &ReportPeriod,
    options: &ReportOptions,
    iros: &IroFilter,
    as_of: Option<NaiveDate>,
) -> Option<AnnualReport> {
    let this = period.clone();
    let last = this.previous()?;
    let settings = Settings {
        convention: options.convention,
        ..*ctx.settings
    };
    let input = Input {
        caseload,
        ctx: Ctx {
            settings: &settings,
            ..*ctx
        },
        options,
        filter: iros,
        as_of,
    };
    let report_iros: Vec<ReportIro> = caseload
        .iros
        .iter()
        .filter(|i| iros.takes(Some(i.id)))
        .map(|i| ReportIro {
            id: i.id,
            name: i.details.name.clone(),
            fte: i.details.fte,
        })
        .collect();
    let (this_months, last_months) = (this.trend_months(), this.trend_months_a_year_before());
    let scope = options.scope;
    let parts: [(SectionId, &str, Compute, bool); 3] = [
        (
            SectionId::Lac,
            "Looked-after children",
            lac::compute,
            scope != ReportScope::Cp,
        ),
        (
            SectionId::Cp,
            "Child protection",
            cp::compute,
            scope != ReportScope::Lac,
        ),
        (
            SectionId::Disputes,
            "Disputes and multi-agency challenges",
            disputes::compute,
            true,
        ),
    ];
    let mut sections = Vec::new();
    for (id, title, compute, shown) in parts {
        if shown {
            sections.push(pair_section(
                id,
                title,
                compute(&input, &this, &this_months),
                compute(&input, &last, &last_months),
            ));
        }
    }
    let mut caseloads = Vec::new();
    if scope != ReportScope::Cp {
        caseloads = caseload::caseloads(&input, &report_iros, &this, &last);
        sections.push(pair_section(
            SectionId::Caseload,
            "Caseloads",
            caseload::compute(&input, &this, &caseloads, true),
            caseload::compute(&input, &last, &caseloads, false),
        ));
    }
    let mut report = AnnualReport {
        choices: definitions::choices(&input, &this, &last),
        band: caseload::band(&input),
        month_ends: this.month_ends(),
        period: this,
        previous_period: last,
        all_iros: *iros == IroFilter::All,
        iros: report_iros,
        options: *options,
        sections,
        caseloads,
    };
    report.in_words(ctx.settings.terminology);
    Some(report)
}

impl AnnualReport {
    /// Every title, label, definition and choice in the authority's words (LAC or CLA).
    fn in_words(&mut self, words: crate::settings::Terminology) {
        if words == crate::settings::Terminology::Lac {
            return;
        }
        let say = |t: &mut String| *t = words.say(t);
        self.choices.iter_mut().for_each(say);
        for section in &mut self.sections {
            say(&mut section.title);
            for f in &mut section.figures {
                say(&mut f.label);
                say(&mut f.definition);
            }
            for c in &mut section.charts {
                say(&mut c.title);
                say(&mut c.definition);
            }
        }
    }
}

/// What every section computes over.
pub(crate) struct Input<'a> {
    caseload: &'a Caseload,
    ctx: Ctx<'a>,
    options: &'a ReportOptions,
    filter: &'a IroFilter,
    /// The day the report is made, if given: a period not yet over is taken on it.
    as_of: Option<NaiveDate>,
}

impl Input<'_> {
    /// Does an event on `on` count (the IRO allocated that day is selected)?
    fn counts_on(&self, record: &ChildRecord, on: NaiveDate) -> bool {
        self.filter.takes(record.iro_on(on))
    }

    /// Does a child count for `[from, to]` (a selected IRO allocated at any point of it)?
    fn counts_during(&self, record: &ChildRecord, from: NaiveDate, to: NaiveDate) -> bool {
        self.counts_on(record, from)
            || record
                .allocations
                .iter()
                .any(|a| a.from_on > from && a.from_on <= to && self.filter.takes(Some(a.iro)))
    }

    /// The day a period's standing is taken on: its last day, or `as_of` if that is earlier.
    fn standing_on(&self, period: &ReportPeriod) -> NaiveDate {
        self.as_of
            .map_or(period.ends_on, |as_of| as_of.min(period.ends_on))
    }

    /// Is something that ran from `from` to `to` (open-ended when `None`) open at the end of
    /// `on`? An end on `on` itself counts only with `ended_on_31_march_counts`.
    fn open_at(&self, from: NaiveDate, to: Option<NaiveDate>, on: NaiveDate) -> bool {
        from <= on
            && to.is_none_or(|end| end > on || (end == on && self.options.ended_on_31_march_counts))
    }
}

/// A figure's value in one period.
struct PeriodFigure {
    id: String,
    label: String,
    definition: String,
    value: Value,
}

/// A chart's points in one period.
struct PeriodChart {
    id: String,
    title: String,
    definition: String,
    shape: ChartShape,
    /// (label, figure id, value)
    points: Vec<(String, Option<String>, Value)>,
}

/// A section's figures and charts in one period.
#[derive(Default)]
struct SectionPeriod {
    figures: Vec<PeriodFigure>,
    charts: Vec<PeriodChart>,
}

impl SectionPeriod {
    fn figure(
        &mut self,
        id: impl Into<String>,
        label: impl Into<String>,
        definition: String,
        value: Value,
    ) {
        self.figures.push(PeriodFigure {
            id: id.into(),
            label: label.into(),
            definition,
            value,
        });
    }

    fn chart(
        &mut self,
        id: &str,
        title: impl Into<String>,
        definition: String,
        shape: ChartShape,
        points: Vec<(String, Option<String>, Value)>,
    ) {
        self.charts.push(PeriodChart {
            id: id.to_string(),
            title: title.into(),
            definition,
            shape,
            points,
        });
    }
}

/// Pairs a section's two periods figure by figure (by id; a figure only one period has is the
/// zero of its kind in the other) and point by point: a category by its label, a month by its
/// place among the twelve (the same month a year earlier).
fn pair_section(id: SectionId, title: &str, this: SectionPeriod, last: SectionPeriod) -> Section {
    let mut figures: Vec<Figure> = this
        .figures
        .into_iter()
        .map(|f| Figure {
            previous_period: f.value.zero_like(),
            id: f.id,
            label: f.label,
            definition: f.definition,
            this_period: f.value,
        })
        .collect();
    for f in last.figures {
        match figures.iter_mut().find(|p| p.id == f.id) {
            Some(p) => p.previous_period = f.value,
            None => figures.push(Figure {
                this_period: f.value.zero_like(),
                id: f.id,
                label: f.label,
                definition: f.definition,
                previous_period: f.value,
            }),
        }
    }
    let mut charts: Vec<Chart> = this
        .charts
        .into_iter()
        .map(|c| Chart {
            id: c.id,
            title: c.title,
            definition: c.definition,
            shape: c.shape,
            points: c
                .points
                .into_iter()
                .map(|(label, figure, value)| ChartPoint {
                    label,
                    figure,
                    previous_period: value.zero_like(),
                    this_period: value,
                })
                .collect(),
        })
        .collect();
    for c in last.charts {
        let Some(chart) = charts.iter_mut().find(|p| p.id == c.id) else {
            continue;
        };
        for (idx, (label, figure, value)) in c.points.into_iter().enumerate() {
            let found = match chart.shape {
                ChartShape::ByMonth => chart.points.get_mut(idx),
                ChartShape::ByCategory => chart.points.iter_mut().find(|p| p.label == label),
            };
            match found {
                Some(p) => p.previous_period = value,
                None => chart.points.push(ChartPoint {
                    label,
                    figure,
                    this_period: value.zero_like(),
                    previous_period: value,
                }),
            }
        }
    }
    Section {
        id,
        title: title.to_string(),
        figures,
        charts,
    }
}

/// A percentage.
fn pct(numerator: u32, denominator: u32) -> Value {
    Value::Percent {
        numerator,
        denominator,
    }
}

/// A count.
fn count(n: usize) -> Value {
    Value::Count { n: n as u32 }
}
