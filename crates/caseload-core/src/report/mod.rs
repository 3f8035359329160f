//! The annual report of an IRO service (issue 6; domain.md §7): for a reporting year and the
//! year before, the looked-after, child-protection, dispute and caseload figures an IRO
//! annual report gives a panel, each with a stable id, a label and its definition, and the
//! monthly and categorical series its charts draw.
//!
//! | file | what it computes |
//! |---|---|
//! | `year.rs` | [`ReportingYear`]: 1 April – 31 March, its months |
//! | `options.rs` | [`ReportOptions`] (the choices of §7/§11) and [`IroFilter`] |
//! | `definitions.rs` | every figure's definition text, and the statements of the choices used |
//! | `lac.rs` | looked-after children, reviews and their timeliness, participation, advocacy |
//! | `cp.rs` | children on a plan, ICPCs, review conferences, categories of abuse |
//! | `disputes.rs` | disputes and challenges: reasons, stages at which they ended, days to resolve |
//! | `caseload.rs` | looked-after children per IRO at each month end, against the band |
//!
//! Whose figures (the [`IroFilter`]): a child counts for an IRO if allocated to them at any
//! point of the year while looked after (or on a plan); a child "at 31 March" counts for the
//! IRO allocated on 31 March; a review, conference or dispute counts for the IRO allocated on
//! the day it was held or raised (resolved, for days to resolve). With no filter, everything
//! in the store counts.
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
mod definitions;
mod disputes;
mod lac;
mod options;
mod year;

pub use options::{IcpcBase, IroFilter, ReportOptions};
pub use year::{ReportingYear, MONTHS};

use crate::domain::{Caseload, ChildRecord};
use crate::ids::IroId;
use crate::schedule::Ctx;
use crate::settings::Settings;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A figure's value in one year: a count, a percentage kept as numerator and denominator, or
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

/// One figure of the report, this year beside last year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Figure {
    /// Stable id, e.g. `lac.reviews_in_timescale` (files and tests refer to it).
    pub id: String,
    /// What it is, in a few words.
    pub label: String,
    /// How it is counted, stating the option used where one exists.
    pub definition: String,
    /// The reporting year.
    pub this_year: Value,
    /// The year before.
    pub last_year: Value,
}

/// One bar or point of a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChartPoint {
    /// The month ("Apr") or category ("Planning").
    pub label: String,
    /// The figure this point also is, if it is one (categorical charts); `None` for a month.
    pub figure: Option<String>,
    /// The reporting year.
    pub this_year: Value,
    /// The year before (for a month, the same month a year earlier).
    pub last_year: Value,
}

/// What a chart's points are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChartShape {
    /// Twelve months, April first.
    ByMonth,
    /// Categories (reasons, stages, codes).
    ByCategory,
}

/// A chart: a series for the year and the year before.
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

/// One IRO's looked-after children at each month end of one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CaseloadYear {
    /// Children at the end of each month, April first.
    pub month_ends: Vec<u32>,
    /// Their mean over the twelve month ends.
    pub average: Value,
    /// The mean per full-time post (mean ÷ FTE).
    pub per_fte: f64,
    /// Where the mean per full-time post sits against the band.
    pub band: BandPosition,
}

impl CaseloadYear {
    /// The mean per full-time post to one decimal, rounded half up like every value's text
    /// (so a mean of 10.25 at 1 FTE reads 10.3 in both places).
    pub fn per_fte_text(&self) -> String {
        format!("{:.1}", (self.per_fte * 10.0).round() / 10.0)
    }
}

/// One IRO's caseload over the year and the year before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct IroCaseload {
    /// The IRO.
    pub iro: ReportIro,
    /// The reporting year.
    pub this_year: CaseloadYear,
    /// The year before.
    pub last_year: CaseloadYear,
}

/// The annual report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AnnualReport {
    /// The reporting year.
    pub year: ReportingYear,
    /// The year before, shown beside it.
    pub previous_year: ReportingYear,
    /// True when the report covers every child in the store.
    pub all_iros: bool,
    /// The IROs it is about (every IRO profile when `all_iros`).
    pub iros: Vec<ReportIro>,
    /// The choices it was counted with.
    pub options: ReportOptions,
    /// Those choices, and whose figures these are, as sentences.
    pub choices: Vec<String>,
    /// Looked-after children, child protection, disputes, caseload.
    pub sections: Vec<Section>,
    /// Each IRO's caseload by month end, against the band.
    pub caseloads: Vec<IroCaseload>,
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

/// Computes the annual report for `year` (and the year before) over the children `iros`
/// selects, counted with `options`.
///
/// `ctx` supplies the calendar, the rules in force and the store's settings; the counting
/// convention of `options` replaces the store's for every working-day figure.
pub fn annual_report(
    caseload: &Caseload,
    ctx: &Ctx<'_>,
    year: i32,
    options: &ReportOptions,
    iros: &IroFilter,
) -> Option<AnnualReport> {
    let this = ReportingYear::starting(year)?;
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
    let mut sections = Vec::new();
    for (id, title, compute) in [
        (
            SectionId::Lac,
            "Looked-after children",
            lac::compute as fn(&Input<'_>, &ReportingYear) -> SectionYear,
        ),
        (SectionId::Cp, "Child protection", cp::compute),
        (
            SectionId::Disputes,
            "Disputes and multi-agency challenges",
            disputes::compute,
        ),
    ] {
        sections.push(pair_section(
            id,
            title,
            compute(&input, &this),
            compute(&input, &last),
        ));
    }
    let caseloads = caseload::caseloads(&input, &report_iros, &this, &last);
    sections.push(pair_section(
        SectionId::Caseload,
        "Caseloads",
        caseload::compute(&input, &caseloads, true),
        caseload::compute(&input, &caseloads, false),
    ));
    Some(AnnualReport {
        choices: definitions::choices(&input),
        band: caseload::band(&input),
        year: this,
        previous_year: last,
        all_iros: *iros == IroFilter::All,
        iros: report_iros,
        options: *options,
        sections,
        caseloads,
    })
}

/// What every section computes over.
pub(crate) struct Input<'a> {
    caseload: &'a Caseload,
    ctx: Ctx<'a>,
    options: &'a ReportOptions,
    filter: &'a IroFilter,
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

    /// Is something that ran from `from` to `to` (open-ended when `None`) open at the end of
    /// `on`? An end on `on` itself counts only with `ended_on_31_march_counts`.
    fn open_at(&self, from: NaiveDate, to: Option<NaiveDate>, on: NaiveDate) -> bool {
        from <= on
            && to.is_none_or(|end| end > on || (end == on && self.options.ended_on_31_march_counts))
    }
}

/// A figure's value in one year.
struct YearFigure {
    id: String,
    label: String,
    definition: String,
    value: Value,
}

/// A chart's points in one year.
struct YearChart {
    id: String,
    title: String,
    definition: String,
    shape: ChartShape,
    /// (label, figure id, value)
    points: Vec<(String, Option<String>, Value)>,
}

/// A section's figures and charts in one year.
#[derive(Default)]
struct SectionYear {
    figures: Vec<YearFigure>,
    charts: Vec<YearChart>,
}

impl SectionYear {
    fn figure(
        &mut self,
        id: impl Into<String>,
        label: impl Into<String>,
        definition: String,
        value: Value,
    ) {
        self.figures.push(YearFigure {
            id: id.into(),
            label: label.into(),
            definition,
            value,
        });
    }
}

/// Pairs a section's two years figure by figure (by id; a figure only one year has is the
/// zero of its kind in the other) and point by point (by label).
fn pair_section(id: SectionId, title: &str, this: SectionYear, last: SectionYear) -> Section {
    let mut figures: Vec<Figure> = this
        .figures
        .into_iter()
        .map(|f| Figure {
            last_year: f.value.zero_like(),
            id: f.id,
            label: f.label,
            definition: f.definition,
            this_year: f.value,
        })
        .collect();
    for f in last.figures {
        match figures.iter_mut().find(|p| p.id == f.id) {
            Some(p) => p.last_year = f.value,
            None => figures.push(Figure {
                this_year: f.value.zero_like(),
                id: f.id,
                label: f.label,
                definition: f.definition,
                last_year: f.value,
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
                    last_year: value.zero_like(),
                    this_year: value,
                })
                .collect(),
        })
        .collect();
    for c in last.charts {
        let Some(chart) = charts.iter_mut().find(|p| p.id == c.id) else {
            continue;
        };
        for (label, figure, value) in c.points {
            match chart.points.iter_mut().find(|p| p.label == label) {
                Some(p) => p.last_year = value,
                None => chart.points.push(ChartPoint {
                    label,
                    figure,
                    this_year: value.zero_like(),
                    last_year: value,
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
