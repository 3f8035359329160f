//! The annual report as XLSX and CSV: the workbook is read back with an independent reader
//! (calamine) and every figure's cells must equal the report's values; the CSV is read back with
//! the csv crate's reader.

use calamine::{Data, Reader, Xlsx};
use caseload_core::calendar::Calendar;
use caseload_core::domain::{
    Allocation, Caseload, Child, ChildDetails, ChildRecord, Concerns, Decision, DecisionDue,
    DecisionState, Dispute, DisputeKind, DisputeOutcome, DisputeReason, Iro, IroDetails,
    LegalStatus, Meeting, MeetingKind, MeetingOutcome, MeetingStatus, Participation, PeriodOfCare,
    Regime, Sex, Stage, StageEvent,
};
use caseload_core::ids::{CarePeriodId, ChildId, DecisionId, DisputeId, IroId, MeetingId};
use caseload_core::report::{
    AnnualReport, IroFilter, ReportOptions, ReportPeriod, ReportScope, Value,
};
use caseload_core::rules::Rules;
use caseload_core::schedule::Ctx;
use caseload_core::settings::Settings;
use caseload_interop::report::{report_csv, report_xlsx, sheet_name};
use chrono::NaiveDate;
use std::io::Cursor;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn review(id: i64, on: &str, code: Participation) -> Meeting {
    Meeting {
        id: MeetingId(id),
        child: ChildId(1),
        kind: MeetingKind::LacReview,
        status: MeetingStatus::Held,
        booked_on: None,
        booked_at: None,
        venue: None,
        status_reason: None,
        revision: 0,
        outcome: MeetingOutcome {
            held_on: Some(d(on)),
            participation: Some(code),
            ..MeetingOutcome::default()
        },
    }
}

/// A decision of review `meeting`.
fn decision(id: i64, meeting: i64, due: DecisionDue, state: DecisionState) -> Decision {
    Decision {
        id: DecisionId(id),
        meeting: MeetingId(meeting),
        child: ChildId(1),
        number: id as u32,
        text: format!("Decision {id}"),
        owner: "Social worker".into(),
        due,
        state,
    }
}

fn done(on: &str) -> DecisionState {
    DecisionState::Done {
        on: d(on),
        note: None,
    }
}

/// The reviews' decisions. Of 29 Jan 2025 (2024–25): one done before its due date. Of 25 Apr
/// 2025: one done before its due date, one after, one "by the next review" (held 27 Oct) still
/// open, one dropped. Of 2 Mar 2026: one "by the next review", due in September.
fn decisions() -> Vec<Decision> {
    let by = |on: &str| DecisionDue::On { on: d(on) };
    vec![
        decision(1, 1, by("2025-03-01"), done("2025-02-20")),
        decision(2, 2, by("2025-06-30"), done("2025-06-20")),
        decision(3, 2, by("2025-06-30"), done("2025-07-04")),
        decision(4, 2, DecisionDue::ByNextReview, DecisionState::Open),
        decision(
            5,
            2,
            by("2025-08-01"),
            DecisionState::Dropped {
                on: d("2025-05-10"),
                reason: "Placement moved".into(),
            },
        ),
        decision(6, 4, DecisionDue::ByNextReview, DecisionState::Open),
    ]
}

/// One child looked after since Mon 6 Jan 2025 (TV20) with four reviews and their decisions,
/// and one resolved dispute: enough for counts, percentages, a mean and dashes in both years.
fn report() -> AnnualReport {
    report_for(
        &ReportPeriod::reporting_year(2025).unwrap(),
        &ReportOptions::DEFAULTS,
    )
}

fn report_for(period: &ReportPeriod, options: &ReportOptions) -> AnnualReport {
    let record = ChildRecord {
        child: Child {
            id: ChildId(1),
            details: ChildDetails {
                first_name: "Test".into(),
                last_name: "Child".into(),
                preferred_name: None,
                born_on: Some(d("2012-05-05")),
                expected_birth_on: None,
                sex: Sex::Female,
                ethnicity: None,
                local_ref: None,
                sibling_group: None,
                social_worker: None,
                team: None,
            },
        },
        allocations: vec![Allocation {
            iro: IroId(1),
            from_on: d("2020-01-01"),
            reason: None,
        }],
        care_periods: vec![PeriodOfCare {
            history: Default::default(),
            id: CarePeriodId(1),
            child: ChildId(1),
            started_on: d("2025-01-06"),
            ended_on: None,
            legal_status: LegalStatus::C2,
            regime: Regime::FullCare,
        }],
        cp_episodes: Vec::new(),
        meetings: vec![
            review(1, "2025-01-29", Participation::Pn1),
            review(2, "2025-04-25", Participation::Pn4),
            review(3, "2025-10-27", Participation::Pn7),
            review(4, "2026-03-02", Participation::Pn1),
        ],
        disputes: vec![Dispute {
            id: DisputeId(1),
            child: ChildId(1),
            kind: DisputeKind::Drp,
            concerns: Concerns::LacPlan,
            reason: DisputeReason::new("contact"),
            raised_on: d("2025-09-01"),
            sibling_group: None,
            partner_agency: None,
            stages: vec![StageEvent {
                stage: Stage(1),
                raised_on: d("2025-09-01"),
                sent_to: "Team Manager".into(),
                responded_on: None,
                response_summary: None,
            }],
            cafcass_referred_on: None,
            outcome: Some(DisputeOutcome::Resolved),
            closed_on: Some(d("2025-09-15")),
        }],
        records: Vec::new(),
        decisions: decisions(),
        transferred_out: None,
    };
    let caseload = Caseload {
        iros: vec![Iro {
            id: IroId(1),
            details: IroDetails {
                name: "Ada Testwell".into(),
                fte: 1.0,
                active: true,
            },
        }],
        children: vec![record],
    };
    let calendar = Calendar::bundled();
    let rules = Rules::defaults();
    let settings = Settings::DEFAULTS;
    let ctx = Ctx {
        calendar: &calendar,
        rules: &rules,
        settings: &settings,
    };
    caseload_core::report::report(&caseload, &ctx, period, options, &IroFilter::All).unwrap()
}

/// A cell as the number the report's value should be, or the text "—".
fn cell_matches(cell: &Data, value: &Value) -> bool {
    match (cell, value.number()) {
        (Data::Float(x), Some(n)) => (x - n).abs() < 1e-12,
        (Data::Int(x), Some(n)) => (*x as f64 - n).abs() < 1e-12,
        (Data::String(s), None) => s == "—",
        _ => false,
    }
}

#[test]
fn the_workbook_reads_back_with_the_reports_figures_and_definitions() {
    let report = report();
    let bytes = report_xlsx(&report).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "About",
            "Looked-after children",
            "Child protection",
            "Disputes",
            "Caseloads"
        ]
    );
    let about = book.worksheet_range("About").unwrap();
    let about_text: Vec<String> = about
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert!(
        about_text
            .iter()
            .any(|l| l.contains("2025–26 (1 April 2025 – 31 March 2026)")),
        "{about_text:?}"
    );
    assert!(about_text
        .iter()
        .any(|l| l.contains("All IROs in the store")));
    assert!(about_text.iter().any(|l| l.contains("PN1–PN6")));

    let mut n_checked = 0;
    for section in &report.sections {
        let range = book.worksheet_range(sheet_name(section.id)).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows[1][1].to_string(), "2025–26");
        assert_eq!(rows[1][2].to_string(), "2024–25");
        for f in &section.figures {
            let row = rows
                .iter()
                .find(|r| r.len() > 6 && r[6].to_string() == f.id)
                .unwrap_or_else(|| panic!("no row for {}", f.id));
            assert_eq!(row[0].to_string(), f.label);
            assert!(
                cell_matches(&row[1], &f.this_period),
                "{}: {:?} vs {:?}",
                f.id,
                row[1],
                f.this_period
            );
            assert!(
                cell_matches(&row[2], &f.previous_period),
                "{}: {:?} vs {:?}",
                f.id,
                row[2],
                f.previous_period
            );
            assert_eq!(row[3].to_string(), f.this_period.text());
            assert_eq!(row[4].to_string(), f.previous_period.text());
            assert_eq!(row[5].to_string(), f.definition);
            n_checked += 1;
        }
    }
    assert_eq!(
        n_checked,
        report
            .sections
            .iter()
            .map(|s| s.figures.len())
            .sum::<usize>()
    );

    // Spot checks against figures worked out by hand (the TV20 chain): in 2025–26 three
    // reviews, two on time (27 Oct was due 25 Oct); in 2024–25 one, on time.
    let lac = book.worksheet_range("Looked-after children").unwrap();
    let row = lac
        .rows()
        .find(|r| r[6] == "lac.reviews_in_timescale")
        .unwrap();
    assert_eq!(row[3].to_string(), "2 of 3 (67%)");
    assert_eq!(row[4].to_string(), "1 of 1 (100%)");
    // October's timeliness, a month of a chart, is a row too.
    let october = lac
        .rows()
        .find(|r| r[6] == "lac.timeliness_by_month.oct")
        .unwrap();
    assert_eq!(october[3].to_string(), "0 of 1 (0%)");
    assert_eq!(october[4].to_string(), "—");
    // The decisions: of the three due by 31 March and not dropped, one carried out in time.
    let share = lac
        .rows()
        .find(|r| r[6] == "lac.decisions.carried_out_by_due_date")
        .unwrap();
    assert_eq!(
        share[0].to_string(),
        "Decisions due by 31 March: carried out by their due date"
    );
    assert!(cell_matches(
        &share[1],
        &Value::Percent {
            numerator: 1,
            denominator: 3
        }
    ));
    assert_eq!(share[3].to_string(), "1 of 3 (33%)");
    assert_eq!(share[4].to_string(), "1 of 1 (100%)");
    assert!(share[5]
        .to_string()
        .contains("dropped decisions are counted apart"));
    // The stage at resolution: the dispute, resolved at stage 1, of one resolved.
    let disputes = book.worksheet_range("Disputes").unwrap();
    let row = disputes
        .rows()
        .find(|r| r[6] == "disputes.resolved_at.stage_1")
        .unwrap();
    assert_eq!(row[3].to_string(), "1 of 1 (100%)");
}

#[test]
fn a_quarters_workbook_names_the_quarter_and_its_three_month_ends() {
    let quarter = ReportPeriod::new(d("2025-10-01"), d("2025-12-31")).unwrap();
    let report = report_for(&quarter, &ReportOptions::DEFAULTS);
    let bytes = report_xlsx(&report).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let about = book.worksheet_range("About").unwrap();
    let lines: Vec<String> = about
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert!(
        lines.contains(
            &"Period October–December 2025 (1 October 2025 – 31 December 2025)".to_string()
        ),
        "{lines:?}"
    );
    assert!(lines.contains(
        &"Compared with July–September 2025 (1 July 2025 – 30 September 2025)".to_string()
    ));
    let lac = book.worksheet_range("Looked-after children").unwrap();
    let rows: Vec<&[Data]> = lac.rows().collect();
    assert_eq!(rows[1][1].to_string(), "October–December 2025");
    // The October review (27 Oct, late) is the quarter's only one; none the quarter before.
    let row = rows
        .iter()
        .find(|r| r[6] == "lac.reviews_in_timescale")
        .unwrap();
    assert_eq!(row[3].to_string(), "0 of 1 (0%)");
    assert_eq!(row[4].to_string(), "—");
    let caseloads = book.worksheet_range("Caseloads").unwrap();
    let heading = caseloads
        .rows()
        .find(|r| r[0] == "IRO")
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>();
    assert_eq!(
        heading,
        ["IRO", "Period", "FTE", "31 Oct", "30 Nov", "31 Dec", "Mean", "Per FTE", "Band"]
    );
}

#[test]
fn a_child_protection_report_has_no_looked_after_or_caseload_sheet() {
    let cp = ReportOptions {
        scope: ReportScope::Cp,
        ..ReportOptions::DEFAULTS
    };
    let report = report_for(&ReportPeriod::reporting_year(2025).unwrap(), &cp);
    let bytes = report_xlsx(&report).unwrap();
    let book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["About", "Child protection", "Disputes"]
    );
    let text = report_csv(&report).unwrap();
    // The dispute is about a care plan: a CP report counts none.
    let raised = text
        .lines()
        .find(|l| l.starts_with("Disputes,disputes.raised,"))
        .unwrap();
    assert!(raised.contains(",0,0,0,0,"), "{raised}");
    assert!(!text.contains("disputes.about_care_plans"));
}

#[test]
fn the_csv_has_one_row_per_figure_with_its_section() {
    let report = report();
    let text = report_csv(&report).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "section",
            "id",
            "figure",
            "this_period",
            "previous_period",
            "this_period_text",
            "previous_period_text",
            "definition"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let n_figures: usize = report.sections.iter().map(|s| s.figures.len()).sum();
    // Figures, then the twelve months of each of the five monthly charts (LAC timeliness and
    // participation; ICPC and review timeliness and attendance at CP conferences).
    assert_eq!(rows.len(), n_figures + 5 * 12);
    for section in &report.sections {
        for f in &section.figures {
            let row = rows.iter().find(|r| &r[1] == f.id.as_str()).unwrap();
            assert_eq!(&row[0], sheet_name(section.id));
            assert_eq!(&row[2], f.label.as_str());
            assert_eq!(
                row[3].parse::<f64>().ok(),
                f.this_period.number(),
                "{}",
                f.id
            );
            assert_eq!(
                row[4].parse::<f64>().ok(),
                f.previous_period.number(),
                "{}",
                f.id
            );
            assert_eq!(&row[5], f.this_period.text().as_str());
            assert_eq!(&row[7], f.definition.as_str());
        }
    }
    // The decisions' rows: five made in 2025–26, one in 2024–25, and where each stood.
    let decisions: Vec<String> = rows
        .iter()
        .filter(|r| r[1].starts_with("lac.decisions."))
        .map(|r| format!("{} {} {} | {}", &r[0], &r[1], &r[5], &r[6]))
        .collect();
    assert_eq!(
        decisions,
        [
            "Looked-after children lac.decisions.made 5 | 1",
            "Looked-after children lac.decisions.carried_out_by_due_date 1 of 3 (33%) | 1 of 1 (100%)",
            "Looked-after children lac.decisions.done_on_time 1 | 1",
            "Looked-after children lac.decisions.done_late 1 | 0",
            "Looked-after children lac.decisions.open_past_due 1 | 0",
            "Looked-after children lac.decisions.open_not_yet_due 1 | 0",
            "Looked-after children lac.decisions.dropped 1 | 0",
        ]
    );
    // The child protection section has its conferences' decisions too: none here.
    let cp_made = rows.iter().find(|r| &r[1] == "cp.decisions.made").unwrap();
    assert_eq!((&cp_made[0], &cp_made[3]), ("Child protection", "0"));
    // The dispute: Mon 1 Sep → Mon 15 Sep 2025 is 10 working days.
    let days = rows
        .iter()
        .find(|r| &r[1] == "disputes.mean_working_days_to_resolve")
        .unwrap();
    assert_eq!(&days[3], "10");
    assert_eq!(&days[5], "10.0 (mean of 1)");
    assert_eq!(&days[4], "");
    assert_eq!(&days[6], "—");
}
