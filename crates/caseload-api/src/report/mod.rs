//! The report use case: the request the desktop sends, the view it gets back (every value with
//! its text), the report as a document to print (`document.rs`), and tests over the demo
//! caseload. The figures themselves are computed by [`caseload_core::report`]; nothing here
//! counts.

mod document;

pub use document::report_document;

use caseload_core::report::{
    AnnualReport, BandPosition, Chart, ChartShape, Figure, IroCaseload, IroFilter, ReportIro,
    ReportOptions, ReportPeriod, Section, SectionId, Value,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which period a report covers, as a front end picks it; the dates are Rust's to work out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodRequest {
    /// A reporting year, by the year of its 1 April (2025 = 1 April 2025 – 31 March 2026).
    Year {
        /// The year of its 1 April.
        start_year: i32,
    },
    /// Three months from the 1st of `first_month` (1–12) of `year`.
    Quarter {
        /// The calendar year of its first month.
        year: i32,
        /// Its first month, 1–12 (a quarter starts in 1, 4, 7 or 10).
        first_month: u32,
    },
    /// One calendar month.
    Month {
        /// The calendar year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
    /// Any dates, both included.
    Dates {
        /// The first day.
        from: NaiveDate,
        /// The last day.
        to: NaiveDate,
    },
}

impl PeriodRequest {
    /// The period asked for; one that does not exist (a 13th month, an end before the start)
    /// is bad input.
    pub fn period(&self) -> Result<ReportPeriod, crate::ApiError> {
        let period = match *self {
            PeriodRequest::Year { start_year } => ReportPeriod::reporting_year(start_year),
            PeriodRequest::Quarter { year, first_month } => {
                ReportPeriod::quarter(year, first_month)
            }
            PeriodRequest::Month { year, month } => ReportPeriod::month(year, month),
            PeriodRequest::Dates { from, to } => ReportPeriod::new(from, to),
        };
        period.ok_or_else(|| {
            crate::ApiError::BadInput(match self {
                PeriodRequest::Dates { from, to } => {
                    format!("The period ends ({to}) before it starts ({from}).")
                }
                other => format!("{other:?} is not a period the calendar can hold."),
            })
        })
    }
}

/// What report to compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReportRequest {
    /// The period: a reporting year, a quarter, a month or any dates.
    pub period: PeriodRequest,
    /// Whose children: everyone in the store, or one or several IROs.
    pub iros: IroFilter,
    /// How to count; `None` for the defaults with the store's counting convention.
    #[serde(default)]
    pub options: Option<ReportOptions>,
}

impl ReportRequest {
    /// The period asked for (see [`PeriodRequest::period`]).
    pub fn period(&self) -> Result<ReportPeriod, crate::ApiError> {
        self.period.period()
    }
}

/// A value as the screen shows it: the value, its text ("12 of 15 (80%)", "—"), and the number
/// a chart draws (a percentage as 0–100, a count, a mean; none for a percentage of nothing).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Shown {
    /// The value, numerator and denominator kept.
    pub value: Value,
    /// Its text, as the CLI and the files write it.
    pub text: String,
    /// What a chart draws.
    pub number: Option<f64>,
}

impl From<Value> for Shown {
    fn from(value: Value) -> Shown {
        Shown {
            text: value.text(),
            number: match value {
                Value::Percent { .. } => value.number().map(|f| f * 100.0),
                _ => value.number(),
            },
            value,
        }
    }
}

/// A figure as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct FigureView {
    /// Stable id.
    pub id: String,
    /// What it is.
    pub label: String,
    /// How it is counted.
    pub definition: String,
    /// The period.
    pub this_period: Shown,
    /// The period before, of the same length.
    pub previous_period: Shown,
}

/// A chart point as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ChartPointView {
    /// Month or category.
    pub label: String,
    /// The period (a month: that month).
    pub this_period: Shown,
    /// The period before (a month: the same month a year earlier).
    pub previous_period: Shown,
}

/// A chart as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ChartView {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What each point counts.
    pub definition: String,
    /// Months or categories.
    pub shape: ChartShape,
    /// True when the points are percentages (drawn on a 0–100 axis).
    pub percent: bool,
    /// The points.
    pub points: Vec<ChartPointView>,
}

/// A section as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SectionView {
    /// Which.
    pub id: SectionId,
    /// Title.
    pub title: String,
    /// Figures, in reading order.
    pub figures: Vec<FigureView>,
    /// Charts.
    pub charts: Vec<ChartView>,
}

/// One IRO's caseload by month end, as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct IroCaseloadView {
    /// The IRO.
    pub iro: ReportIro,
    /// Children at each of the period's month ends ([`ReportView::month_ends`]).
    pub month_ends: Vec<u32>,
    /// Their mean.
    pub average: Shown,
    /// The mean per full-time post, one decimal.
    pub per_fte: String,
    /// Against the band.
    pub band: BandPosition,
    /// The mean in the period before.
    pub previous_average: Shown,
}

/// The report screen: the report with every value's text, for the period and the period
/// before.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ReportView {
    /// The period.
    pub period: ReportPeriod,
    /// The period before, of the same length.
    pub previous_period: ReportPeriod,
    /// Every child in the store.
    pub all_iros: bool,
    /// Whose figures these are.
    pub iros: Vec<ReportIro>,
    /// The choices counted with.
    pub options: ReportOptions,
    /// Those choices, as sentences.
    pub choices: Vec<String>,
    /// The sections.
    pub sections: Vec<SectionView>,
    /// Caseloads by IRO.
    pub caseloads: Vec<IroCaseloadView>,
    /// The days the caseloads are counted on.
    pub month_ends: Vec<NaiveDate>,
    /// The band (lower end, upper limit) per full-time IRO.
    pub band: (u32, u32),
    /// The day the report was made: a period not over yet is taken as it stood that day.
    pub made_on: NaiveDate,
}

fn figure_view(f: Figure) -> FigureView {
    FigureView {
        id: f.id,
        label: f.label,
        definition: f.definition,
        this_period: f.this_period.into(),
        previous_period: f.previous_period.into(),
    }
}

fn chart_view(c: Chart) -> ChartView {
    ChartView {
        percent: c
            .points
            .iter()
            .any(|p| matches!(p.this_period, Value::Percent { .. })),
        id: c.id,
        title: c.title,
        definition: c.definition,
        shape: c.shape,
        points: c
            .points
            .into_iter()
            .map(|p| ChartPointView {
                label: p.label,
                this_period: p.this_period.into(),
                previous_period: p.previous_period.into(),
            })
            .collect(),
    }
}

fn section_view(s: Section) -> SectionView {
    SectionView {
        id: s.id,
        title: s.title,
        figures: s.figures.into_iter().map(figure_view).collect(),
        charts: s.charts.into_iter().map(chart_view).collect(),
    }
}

fn caseload_view(c: IroCaseload) -> IroCaseloadView {
    IroCaseloadView {
        per_fte: c.this_period.per_fte_text(),
        iro: c.iro,
        month_ends: c.this_period.month_ends,
        average: c.this_period.average.into(),
        band: c.this_period.band,
        previous_average: c.previous_period.average.into(),
    }
}

impl ReportView {
    /// The view of a report made on `made_on` (the `as_of` it was computed with).
    pub fn new(r: AnnualReport, made_on: NaiveDate) -> ReportView {
        ReportView {
            period: r.period,
            previous_period: r.previous_period,
            all_iros: r.all_iros,
            iros: r.iros,
            options: r.options,
            choices: r.choices,
            sections: r.sections.into_iter().map(section_view).collect(),
            caseloads: r.caseloads.into_iter().map(caseload_view).collect(),
            month_ends: r.month_ends,
            band: r.band,
            made_on,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::App;
    use caseload_core::report::{AnnualReport, SectionId, Value};
    use caseload_demo::DemoOptions;

    fn year(start_year: i32) -> ReportPeriod {
        ReportPeriod::reporting_year(start_year).unwrap()
    }

    /// The demo's Monday, the day its reports are made.
    const AFTER: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

    fn demo_app() -> App {
        let mut app = App::open_in_memory().unwrap();
        app.load_demo(&DemoOptions::new(AFTER)).unwrap();
        app
    }

    fn nonzero(v: &Value) -> bool {
        match *v {
            Value::Count { n } => n > 0,
            Value::Percent { denominator, .. } => denominator > 0,
            Value::Mean { n, total } => n > 0 && total > 0,
        }
    }

    /// Each of `must` has a value (a count above 0, a percentage of something) in the reporting
    /// year and, with `both`, in the year before too.
    fn check_section(report: &AnnualReport, id: SectionId, must: &[&str], both: bool) {
        let section = report.section(id).unwrap();
        for want in must {
            let f = section
                .figures
                .iter()
                .find(|f| f.id == *want)
                .unwrap_or_else(|| panic!("no figure {want}"));
            assert!(
                nonzero(&f.this_period) && (!both || nonzero(&f.previous_period)),
                "{} {}: {} / {}",
                report.period.label,
                f.id,
                f.this_period.text(),
                f.previous_period.text()
            );
        }
    }

    #[test]
    fn the_view_carries_each_values_text_and_a_chart_number_on_a_0_to_100_scale() {
        let shown = Shown::from(Value::Percent {
            numerator: 3,
            denominator: 4,
        });
        assert_eq!(shown.text, "3 of 4 (75%)");
        assert_eq!(shown.number, Some(75.0));
        let none = Shown::from(Value::Percent {
            numerator: 0,
            denominator: 0,
        });
        assert_eq!((none.text.as_str(), none.number), ("—", None));
        assert_eq!(Shown::from(Value::Count { n: 7 }).number, Some(7.0));

        let report = demo_app()
            .report(&year(2025), &IroFilter::All, None, AFTER)
            .unwrap();
        let view = ReportView::new(report.clone(), AFTER);
        assert_eq!(view.made_on, AFTER);
        let figures: usize = report.sections.iter().map(|s| s.figures.len()).sum();
        let shown: usize = view.sections.iter().map(|s| s.figures.len()).sum();
        assert_eq!(figures, shown);
        let f = &view.sections[0].figures[0];
        let original = report.figure(&f.id).unwrap();
        assert_eq!(f.this_period.text, original.this_period.text());
        let timeliness = view
            .sections
            .iter()
            .flat_map(|s| &s.charts)
            .find(|c| c.shape == ChartShape::ByMonth)
            .unwrap();
        assert!(timeliness.percent);
        assert_eq!(timeliness.points.len(), 12);
    }

    #[test]
    fn demo_report_for_two_consecutive_years_has_figures_in_every_section() {
        // The demo is as of Mon 23 Nov 2026: 2025–26 and 2024–25 are whole years of history.
        // The 2025 report shows both; the 2024 report shows 2024–25 beside the thinner 2023–24.
        let app = demo_app();
        for start_year in [2024, 2025] {
            let both = start_year == 2025;
            let report = app
                .report(&year(start_year), &IroFilter::All, None, AFTER)
                .unwrap();
            assert_eq!(report.period, year(start_year));
            assert_eq!(report.previous_period, year(start_year - 1));
            check_section(
                &report,
                SectionId::Lac,
                &[
                    "lac.children_during_year",
                    "lac.children_at_31_march",
                    "lac.reviews_held",
                    "lac.reviews_in_timescale",
                    "lac.participation_aged_4_plus",
                    "lac.child_seen_before_review",
                ],
                both,
            );
            check_section(
                &report,
                SectionId::Cp,
                &[
                    "cp.children_during_year",
                    "cp.children_at_31_march",
                    "cp.icpcs_held",
                    "cp.reviews_held",
                    "cp.reviews_in_timescale",
                ],
                both,
            );
            check_section(
                &report,
                SectionId::Disputes,
                &[
                    "disputes.raised",
                    "disputes.children_lac",
                    "disputes.mean_working_days_to_resolve",
                ],
                both,
            );
            check_section(&report, SectionId::Caseload, &["caseload.iro.1"], both);
            assert_eq!(report.caseloads.len(), 4, "the demo's four IROs");
        }
    }

    #[test]
    fn a_year_not_over_is_taken_as_it_stands_on_the_day_the_report_is_made() {
        let app = demo_app();
        let n = |as_of: &str, id: &str| {
            let report = app
                .report(&year(2026), &IroFilter::All, None, as_of.parse().unwrap())
                .unwrap();
            report.figure(id).unwrap().this_period.number().unwrap()
        };
        // The demo's decisions were made in 2026–27: on its Monday only three are past due (the
        // overdue ones on Today); taken at the year's end, every open one would be.
        let monday = n("2026-11-23", "cp.decisions.open_past_due")
            + n("2026-11-23", "lac.decisions.open_past_due");
        assert_eq!(monday, 3.0);
        let year_end = n("2027-04-01", "cp.decisions.open_past_due")
            + n("2027-04-01", "lac.decisions.open_past_due");
        assert!(year_end > monday, "{year_end}");
    }

    #[test]
    fn one_iros_report_counts_no_more_than_everyones() {
        let app = demo_app();
        let all = app
            .report(&year(2025), &IroFilter::All, None, AFTER)
            .unwrap();
        let iro = app.iros().unwrap()[0].id;
        let one = app
            .report(
                &year(2025),
                &IroFilter::Only { iros: vec![iro] },
                None,
                AFTER,
            )
            .unwrap();
        let n = |r: &AnnualReport, id: &str| r.figure(id).unwrap().this_period.number().unwrap();
        for id in [
            "lac.children_during_year",
            "lac.reviews_held",
            "cp.icpcs_held",
        ] {
            assert!(n(&one, id) <= n(&all, id), "{id}");
        }
        assert!(n(&one, "lac.children_during_year") > 0.0);
        assert_eq!(one.iros.len(), 1);
        assert_eq!(one.caseloads.len(), 1);
    }

    #[test]
    fn a_period_that_ends_before_it_starts_or_does_not_exist_is_bad_input() {
        let req: ReportRequest = serde_json::from_str(
            r#"{"period":{"kind":"dates","from":"2025-12-31","to":"2025-10-01"},"iros":{"kind":"all"}}"#,
        )
        .unwrap();
        let err = req.period().unwrap_err();
        assert!(err.is_user_error(), "{err}");
        let month = PeriodRequest::Month {
            year: 2025,
            month: 13,
        };
        assert!(month.period().unwrap_err().is_user_error());
    }

    #[test]
    fn a_quarter_and_a_month_are_worked_out_in_rust() {
        let quarter = PeriodRequest::Quarter {
            year: 2025,
            first_month: 10,
        };
        let q = quarter.period().unwrap();
        assert_eq!(
            (q.starts_on.to_string(), q.ends_on.to_string()),
            ("2025-10-01".into(), "2025-12-31".into())
        );
        let feb = PeriodRequest::Month {
            year: 2028,
            month: 2,
        };
        assert_eq!(feb.period().unwrap().ends_on.to_string(), "2028-02-29");
    }

    #[test]
    fn a_quarter_is_beside_the_quarter_before_with_the_same_figures() {
        let app = demo_app();
        let quarter =
            ReportPeriod::new("2025-10-01".parse().unwrap(), "2025-12-31".parse().unwrap())
                .unwrap();
        let report = app.report(&quarter, &IroFilter::All, None, AFTER).unwrap();
        assert_eq!(report.period.label, "October–December 2025");
        assert_eq!(report.previous_period.label, "July–September 2025");
        let annual = app
            .report(&year(2025), &IroFilter::All, None, AFTER)
            .unwrap();
        let ids = |r: &AnnualReport| -> Vec<String> {
            r.sections
                .iter()
                .flat_map(|s| &s.figures)
                .map(|f| f.id.clone())
                .filter(|id| !id.starts_with("caseload.iro."))
                .collect()
        };
        assert_eq!(ids(&report), ids(&annual), "the same figures");
        let n = |r: &AnnualReport, id: &str| r.figure(id).unwrap().this_period.number().unwrap();
        assert!(n(&report, "lac.reviews_held") > 0.0);
        assert!(n(&report, "lac.reviews_held") < n(&annual, "lac.reviews_held"));
    }

    #[test]
    fn the_request_reads_from_snake_case_json() {
        let req: ReportRequest = serde_json::from_str(
            r#"{"period":{"kind":"year","start_year":2025},"iros":{"kind":"only","iros":[1,2]}}"#,
        )
        .unwrap();
        assert_eq!(req.period().unwrap(), year(2025));
        assert_eq!(
            req.iros,
            IroFilter::Only {
                iros: vec![caseload_core::ids::IroId(1), caseload_core::ids::IroId(2)]
            }
        );
        assert_eq!(req.options, None);
        let req: ReportRequest = serde_json::from_str(
            r#"{"period":{"kind":"dates","from":"2024-04-01","to":"2025-03-31"},"iros":{"kind":"all"},"options":{"icpc_base":"s47_start"}}"#,
        )
        .unwrap();
        let options = req.options.unwrap();
        assert_eq!(options.icpc_base, caseload_core::report::IcpcBase::S47Start);
        assert!(
            options.pn4_counts_as_participation,
            "missing fields take the defaults"
        );
    }
}
