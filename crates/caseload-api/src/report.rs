//! The annual report use case: the request the desktop sends, and tests over the demo caseload.
//! The figures themselves are computed by [`caseload_core::report`].

use caseload_core::report::{IroFilter, ReportOptions};
use serde::{Deserialize, Serialize};

/// What report to compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReportRequest {
    /// The reporting year by the year of its 1 April (2025 = 1 April 2025 – 31 March 2026).
    pub year: i32,
    /// Whose children: everyone in the store, or one or several IROs.
    pub iros: IroFilter,
    /// How to count; `None` for the defaults with the store's counting convention.
    #[serde(default)]
    pub options: Option<ReportOptions>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DemoOptions;
    use crate::App;
    use caseload_core::report::{AnnualReport, SectionId, Value};

    fn demo_app() -> App {
        let mut app = App::open_in_memory().unwrap();
        app.load_demo(&DemoOptions::new("2026-11-23".parse().unwrap()))
            .unwrap();
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
                nonzero(&f.this_year) && (!both || nonzero(&f.last_year)),
                "{} {}: {} / {}",
                report.year.label,
                f.id,
                f.this_year.text(),
                f.last_year.text()
            );
        }
    }

    #[test]
    fn demo_report_for_two_consecutive_years_has_figures_in_every_section() {
        // The demo is as of Mon 23 Nov 2026: 2025–26 and 2024–25 are whole years of history.
        // The 2025 report shows both; the 2024 report shows 2024–25 beside the thinner 2023–24.
        let app = demo_app();
        for year in [2024, 2025] {
            let both = year == 2025;
            let report = app.report(year, &IroFilter::All, None).unwrap();
            assert_eq!(report.year.start_year, year);
            assert_eq!(report.previous_year.start_year, year - 1);
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
    fn one_iros_report_counts_no_more_than_everyones() {
        let app = demo_app();
        let all = app.report(2025, &IroFilter::All, None).unwrap();
        let iro = app.iros().unwrap()[0].id;
        let one = app
            .report(2025, &IroFilter::Only { iros: vec![iro] }, None)
            .unwrap();
        let n = |r: &AnnualReport, id: &str| r.figure(id).unwrap().this_year.number().unwrap();
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
    fn a_year_outside_the_calendar_is_bad_input() {
        let app = demo_app();
        let err = app.report(i32::MAX, &IroFilter::All, None).unwrap_err();
        assert!(err.is_user_error(), "{err}");
    }

    #[test]
    fn the_request_reads_from_snake_case_json() {
        let req: ReportRequest =
            serde_json::from_str(r#"{"year":2025,"iros":{"kind":"only","iros":[1,2]}}"#).unwrap();
        assert_eq!(
            req.iros,
            IroFilter::Only {
                iros: vec![caseload_core::ids::IroId(1), caseload_core::ids::IroId(2)]
            }
        );
        assert_eq!(req.options, None);
        let req: ReportRequest = serde_json::from_str(
            r#"{"year":2024,"iros":{"kind":"all"},"options":{"icpc_base":"s47_start"}}"#,
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
