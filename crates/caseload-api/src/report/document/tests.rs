use std::cell::RefCell;

use caseload_core::report::{ChartShape, IroFilter};
use caseload_demo::DemoOptions;
use caseload_interop::document::{document_docx, document_pdf, Block};

use super::*;
use crate::App;

/// The demo's Monday, the day its reports are made.
const AFTER: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

fn demo_view(period: &ReportPeriod) -> ReportView {
    let mut app = App::open_in_memory().unwrap();
    app.load_demo(&DemoOptions::new(AFTER)).unwrap();
    let report = app.report(period, &IroFilter::All, None, AFTER).unwrap();
    ReportView::new(report, AFTER)
}

fn year_view() -> ReportView {
    demo_view(&ReportPeriod::reporting_year(2025).unwrap())
}

/// Every piece of text a reader sees.
fn texts(doc: &Document) -> Vec<String> {
    let seen = RefCell::new(Vec::new());
    doc.clone().map_text(|t| {
        seen.borrow_mut().push(t.to_string());
        t.to_string()
    });
    seen.into_inner()
}

fn h1s(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(HeadingLevel::One, text) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// The first table after the heading `heading`, before any other heading.
fn table_after<'a>(doc: &'a Document, heading: &str) -> &'a Table {
    let idx = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(_, t) if t == heading))
        .unwrap_or_else(|| panic!("no heading {heading}"));
    doc.blocks[idx + 1..]
        .iter()
        .map_while(|b| match b {
            Block::Heading(..) => None,
            other => Some(other),
        })
        .find_map(|b| match b {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table under {heading}"))
}

fn count(value: &Value) -> i64 {
    match value {
        Value::Count { n } => i64::from(*n),
        other => panic!("not a count: {other:?}"),
    }
}

#[test]
fn the_report_document_has_its_title_period_marking_and_every_section() {
    let view = year_view();
    let doc = report_document(&view);
    assert_eq!(
        doc.title,
        format!("IRO annual report {}", view.period.label)
    );
    assert_eq!(doc.marking.as_deref(), Some(MARKING));
    let meta = doc.meta.join("\n");
    for want in [
        uk_date(view.period.starts_on),
        uk_date(view.period.ends_on),
        view.previous_period.label.clone(),
        format!("Figures as at {}", uk_date(view.made_on)),
    ] {
        assert!(meta.contains(&want), "{want} in {meta}");
    }
    for iro in &view.iros {
        assert!(meta.contains(&iro.name), "{} in {meta}", iro.name);
    }
    let mut want: Vec<&str> = view.sections.iter().map(|s| s.title.as_str()).collect();
    want.push("How the figures are counted");
    assert_eq!(h1s(&doc), want);
    assert_eq!(
        view.sections.len(),
        4,
        "the demo's report has all four sections"
    );
}

#[test]
fn each_figure_is_the_views_text_beside_the_period_before_and_a_count_s_change_is_the_difference() {
    let view = year_view();
    let doc = report_document(&view);
    let mut n_counts = 0;
    for section in &view.sections {
        let table = table_after(&doc, &section.title);
        assert_eq!(table.columns[1].heading, view.period.label);
        assert_eq!(table.columns[2].heading, view.previous_period.label);
        assert_eq!(table.rows.len(), section.figures.len(), "{}", section.title);
        for (row, f) in table.rows.iter().zip(&section.figures) {
            assert_eq!(
                row[..3],
                [
                    f.label.clone(),
                    f.this_period.text.clone(),
                    f.previous_period.text.clone()
                ]
            );
            if let Value::Count { .. } = f.this_period.value {
                n_counts += 1;
                let diff = count(&f.this_period.value) - count(&f.previous_period.value);
                let shown = match row[3].as_str() {
                    "no change" => 0,
                    text => text.replace('−', "-").parse::<i64>().unwrap(),
                };
                assert_eq!(shown, diff, "{}: {}", f.id, row[3]);
            }
        }
    }
    assert!(n_counts > 20, "{n_counts} counts checked");
    let held = view
        .sections
        .iter()
        .flat_map(|s| &s.figures)
        .find(|f| f.id == "lac.reviews_held")
        .unwrap();
    assert!(count(&held.this_period.value) > count(&held.previous_period.value));
}

#[test]
fn a_change_reads_in_points_of_the_percentages_shown_and_tenths_of_the_means_shown() {
    let percent = |numerator, denominator| Value::Percent {
        numerator,
        denominator,
    };
    let mean = |total, n| Value::Mean { total, n };
    let n = |n| Value::Count { n };
    assert_eq!(change_text(&percent(3, 4), &percent(1, 2)), "+25 points");
    assert_eq!(change_text(&percent(99, 100), &percent(1, 1)), "−1 point");
    assert_eq!(change_text(&percent(1, 3), &percent(0, 0)), "—");
    assert_eq!(change_text(&mean(17, 2), &mean(8, 1)), "+0.5");
    assert_eq!(change_text(&mean(8, 1), &mean(19, 2)), "−1.5");
    assert_eq!(change_text(&mean(0, 0), &mean(8, 1)), "—");
    assert_eq!(change_text(&n(2), &n(3)), "−1");
    assert_eq!(change_text(&n(4), &n(4)), "no change");
    assert_eq!(change_text(&n(4), &percent(1, 2)), "—");
}

#[test]
fn the_caseloads_by_month_end_are_the_views_counts_under_each_month() {
    let view = year_view();
    let doc = report_document(&view);
    let table = table_after(&doc, "Children at each month end, April 2025 to March 2026");
    let months: Vec<&str> = table.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(months.len(), 1 + view.month_ends.len());
    assert_eq!((months[1], months[12]), ("Apr", "Mar"));
    assert_eq!(table.rows.len(), view.caseloads.len());
    for (row, c) in table.rows.iter().zip(&view.caseloads) {
        assert_eq!(row[0], c.iro.name);
        let counts: Vec<String> = c.month_ends.iter().map(u32::to_string).collect();
        assert_eq!(row[1..], counts[..]);
    }
    let text = texts(&doc).join("\n");
    assert!(text.contains(&format!(
        "The band is {} to {} children",
        view.band.0, view.band.1
    )));
    let band = table_after(&doc, "Caseloads against the band");
    assert_eq!(band.rows.len(), view.caseloads.len());
    for (row, c) in band.rows.iter().zip(&view.caseloads) {
        assert_eq!(row[0], c.iro.name);
        assert!(c.average.text.starts_with(&row[2]), "{}", row[2]);
        assert_eq!(row[3], c.per_fte);
        assert!(c.previous_average.text.starts_with(&row[5]), "{}", row[5]);
    }
    // As many IROs in each place as the caseload section counts.
    for (words, id) in [
        ("Above the band", "caseload.iros_above_band"),
        ("Within the band", "caseload.iros_within_band"),
        ("Below the band", "caseload.iros_below_band"),
    ] {
        let figure = view
            .sections
            .iter()
            .flat_map(|s| &s.figures)
            .find(|f| f.id == id)
            .unwrap();
        let n_rows = band.rows.iter().filter(|row| row[4] == words).count();
        assert_eq!(n_rows as i64, count(&figure.this_period.value), "{words}");
    }
}

#[test]
fn each_month_by_month_chart_is_a_table_of_the_views_texts() {
    for view in [
        year_view(),
        demo_view(&ReportPeriod::quarter(2025, 10).unwrap()),
    ] {
        let doc = report_document(&view);
        let charts: Vec<&ChartView> = view
            .sections
            .iter()
            .flat_map(|s| &s.charts)
            .filter(|c| c.shape == ChartShape::ByMonth)
            .collect();
        assert!(charts.len() >= 4, "{} month charts", charts.len());
        for chart in charts {
            let table = table_after(&doc, &chart.title);
            assert_eq!(table.rows.len(), chart.points.len(), "{}", chart.title);
            for (row, p) in table.rows.iter().zip(&chart.points) {
                assert_eq!(
                    row[..],
                    [
                        p.label.clone(),
                        p.this_period.text.clone(),
                        p.previous_period.text.clone()
                    ]
                );
            }
            assert!(texts(&doc).contains(&chart.definition));
            let legend = match view.period.kind {
                PeriodKind::Year => view.period.label.clone(),
                _ => "12 months to December 2025".to_string(),
            };
            assert_eq!(table.columns[1].heading, legend);
        }
    }
}

#[test]
fn an_authority_that_says_cla_finds_no_lac_on_the_page() {
    let mut app = App::open_in_memory().unwrap();
    app.load_demo(&DemoOptions::new(AFTER)).unwrap();
    let settings = caseload_core::settings::Settings {
        terminology: caseload_core::settings::Terminology::Cla,
        ..app.settings_in_force().unwrap()
    };
    let change = caseload_core::change::Change::SetSettings { settings };
    app.apply(&[change], AFTER, None).unwrap();
    let period = ReportPeriod::reporting_year(2025).unwrap();
    let report = app.report(&period, &IroFilter::All, None, AFTER).unwrap();
    let doc = report_document(&ReportView::new(report, AFTER));
    let text = texts(&doc).join("\n");
    assert!(text.contains("CLA reviews held"), "the CLA words are used");
    assert!(!text.contains("LAC"), "LAC on the page");
}

#[test]
fn no_raw_id_reaches_the_page_and_every_definition_does() {
    let view = year_view();
    let doc = report_document(&view);
    let text = texts(&doc).join("\n");
    for f in view.sections.iter().flat_map(|s| &s.figures) {
        assert!(!text.contains(&f.id), "{} is on the page", f.id);
        assert!(text.contains(&f.definition), "{}'s definition", f.id);
    }
    for choice in &view.choices {
        assert!(text.contains(choice.as_str()), "{choice}");
    }
}

#[test]
fn a_period_of_two_years_is_named_by_its_dates_and_its_month_ends_split_by_year() {
    let two_years = ReportPeriod::new(
        NaiveDate::from_ymd_opt(2024, 4, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
    )
    .unwrap();
    let view = demo_view(&two_years);
    let doc = report_document(&view);
    assert_eq!(doc.title, format!("IRO report {}", view.period.label));
    assert_eq!(view.month_ends.len(), 24);
    for heading in [
        "Children at each month end, April 2024 to March 2025",
        "Children at each month end, April 2025 to March 2026",
    ] {
        let table = table_after(&doc, heading);
        assert_eq!(table.columns.len(), 13, "{heading}");
    }
    let second = table_after(&doc, "Children at each month end, April 2025 to March 2026");
    for (row, c) in second.rows.iter().zip(&view.caseloads) {
        assert_eq!(row[1], c.month_ends[12].to_string());
    }
}

#[test]
fn the_pdf_has_the_marking_and_its_page_number_on_every_page_and_the_docx_is_a_package() {
    let doc = report_document(&year_view());
    let pdf = document_pdf(&doc).unwrap();
    write_sample("report.pdf", &pdf);
    assert!(pdf.starts_with(b"%PDF"));
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (page_idx, page) in pages.iter().enumerate() {
        let number = format!("Page {} of {}", page_idx + 1, pages.len());
        assert!(page.contains(&number), "{number} in {page}");
        assert!(
            page.contains(MARKING),
            "the marking on page {}",
            page_idx + 1
        );
    }
    assert!(pages[0].contains(&doc.title));
    let docx = document_docx(&doc).unwrap();
    write_sample("report.docx", &docx);
    assert!(docx.starts_with(b"PK"));
}

/// `DOCUMENT_SAMPLES=/some/dir cargo test -p caseload-api report::document` also writes the
/// demo's report there, to look at.
fn write_sample(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("DOCUMENT_SAMPLES") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

/// Each page's text, whitespace squashed.
fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .keys()
        .map(|number| {
            let text = doc.extract_text(&[*number]).unwrap();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}
