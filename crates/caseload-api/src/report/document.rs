//! The report as a format-neutral document (rendered to PDF and .docx by `caseload-interop`),
//! the pages a panel receives: the period and whose figures on the first page, each section's
//! figures beside the period before's with the change and its month-by-month charts as tables,
//! the caseloads by month end, then how each figure is counted.
//!
//! Words and layout only: every value and its text comes from the [`ReportView`]; the change
//! column is the difference of the two values as the table shows them. Every label and
//! definition is already in the authority's words (LAC or CLA); the words added here never
//! say either. The document carries no date it was not given (the view's `made_on`).

use caseload_core::explain::uk_date;
use caseload_core::report::{BandPosition, ChartShape, PeriodKind, ReportIro, ReportPeriod, Value};
use caseload_interop::document::{Document, HeadingLevel, Paragraph, Table};
use chrono::NaiveDate;

use super::{ChartView, FigureView, IroCaseloadView, ReportView, SectionView, Shown};
use crate::meeting::MARKING;

const H1: HeadingLevel = HeadingLevel::One;
const H2: HeadingLevel = HeadingLevel::Two;

/// At most this many month ends side by side in one table (a longer period is split).
const MONTHS_PER_TABLE: usize = 12;

/// The report as a document: title, period and whose figures, every section's figures and
/// month-by-month charts, the caseloads by month end, and how each figure is counted.
pub fn report_document(view: &ReportView) -> Document {
    let mut doc = Document::new(title(&view.period))
        .with_marking(MARKING)
        .with_meta(format!("Period: {}", period_text(&view.period)))
        .with_meta(format!(
            "Compared with: {}",
            period_text(&view.previous_period)
        ))
        .with_meta(format!("IROs covered: {}", iros_text(view)))
        .with_meta(format!("Figures as at {}", uk_date(view.made_on)));
    doc.paragraph(
        "Each figure is shown beside the same figure for the period before, of the same length. \
         The change of a percentage is in percentage points. How each figure is counted is set \
         out at the end of the report.",
    );
    for section in &view.sections {
        section_blocks(&mut doc, view, section);
    }
    definitions_blocks(&mut doc, view);
    doc
}

/// "IRO annual report 2025–26", or "IRO report October–December 2025" for another period.
fn title(period: &ReportPeriod) -> String {
    match period.kind {
        PeriodKind::Year => format!("IRO annual report {}", period.label),
        _ => format!("IRO report {}", period.label),
    }
}

/// "2025–26 (Tue 1 Apr 2025 to Tue 31 Mar 2026)"; a period of any dates by its dates alone.
fn period_text(period: &ReportPeriod) -> String {
    let dates = format!(
        "{} to {}",
        uk_date(period.starts_on),
        uk_date(period.ends_on)
    );
    match period.kind {
        PeriodKind::Custom => dates,
        _ => format!("{} ({dates})", period.label),
    }
}

/// "all IROs (A, B and C)", or the IROs chosen.
fn iros_text(view: &ReportView) -> String {
    let names = names_text(&view.iros);
    match (view.all_iros, view.iros.is_empty()) {
        (true, true) => "all IROs".to_string(),
        (true, false) => format!("all IROs ({names})"),
        (false, true) => "none".to_string(),
        (false, false) => names,
    }
}

/// "A", "A and B", "A, B and C".
fn names_text(iros: &[ReportIro]) -> String {
    let names: Vec<&str> = iros.iter().map(|iro| iro.name.as_str()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A section: its heading, its figures beside the period before's, its month-by-month charts
/// as tables (a category chart repeats figures already in the table), and for the caseloads
/// the IROs' caseloads by month end.
fn section_blocks(doc: &mut Document, view: &ReportView, section: &SectionView) {
    doc.heading(H1, section.title.as_str());
    doc.table(figures_table(view, &section.figures));
    for chart in monthly(section) {
        doc.heading(H2, chart.title.as_str());
        doc.table(month_chart_table(view, chart));
    }
    if section.id == caseload_core::report::SectionId::Caseload && !view.caseloads.is_empty() {
        caseload_blocks(doc, view);
    }
}

/// Figure | this period | the period before | change.
fn figures_table(view: &ReportView, figures: &[FigureView]) -> Table {
    let columns = [
        ("Figure", 11),
        (view.period.label.as_str(), 4),
        (view.previous_period.label.as_str(), 4),
        ("Change", 3),
    ];
    figures.iter().fold(Table::new(columns), |table, f| {
        table.row([
            f.label.clone(),
            f.this_period.text.clone(),
            f.previous_period.text.clone(),
            change_text(&f.this_period.value, &f.previous_period.value),
        ])
    })
}

fn monthly(section: &SectionView) -> impl Iterator<Item = &ChartView> {
    section
        .charts
        .iter()
        .filter(|chart| chart.shape == ChartShape::ByMonth)
}

/// Month | the twelve months to the period's end | the same months a year earlier.
fn month_chart_table(view: &ReportView, chart: &ChartView) -> Table {
    let (this, before) = month_legend(view);
    let columns = [("Month", 2), (this.as_str(), 3), (before.as_str(), 3)];
    chart.points.iter().fold(Table::new(columns), |table, p| {
        table.row([
            p.label.clone(),
            p.this_period.text.clone(),
            p.previous_period.text.clone(),
        ])
    })
}

/// A month chart's two columns: the reporting years, else "12 months to March 2026" and "A year
/// earlier" (as the screen's legend says).
fn month_legend(view: &ReportView) -> (String, String) {
    match view.period.kind {
        PeriodKind::Year => (
            view.period.label.clone(),
            view.previous_period.label.clone(),
        ),
        _ => (
            format!("12 months to {}", view.period.ends_on.format("%B %Y")),
            "A year earlier".to_string(),
        ),
    }
}

/// The change from the period before as the two values read: "+3", "−2", "+5 points" (of
/// the whole percentages shown), "+0.4" (of the means shown, one decimal), "no change"; "—"
/// when either has no value.
fn change_text(this: &Value, before: &Value) -> String {
    let tenths = |v: &Value| v.number().map(|n| (n * 10.0).round() as i64);
    match (this, before) {
        (Value::Count { n: a }, Value::Count { n: b }) => {
            signed(i64::from(*a) - i64::from(*b), "", "")
        }
        (Value::Percent { .. }, Value::Percent { .. }) => {
            match (this.percent(), before.percent()) {
                (Some(a), Some(b)) => signed(i64::from(a) - i64::from(b), " point", " points"),
                _ => "—".to_string(),
            }
        }
        (Value::Mean { .. }, Value::Mean { .. }) => match (tenths(this), tenths(before)) {
            (Some(a), Some(b)) => signed_tenths(a - b),
            _ => "—".to_string(),
        },
        _ => "—".to_string(),
    }
}

/// "+3", "−1 point", "no change".
fn signed(diff: i64, one: &str, many: &str) -> String {
    let unit = if diff.abs() == 1 { one } else { many };
    match diff.signum() {
        0 => "no change".to_string(),
        1 => format!("+{diff}{unit}"),
        _ => format!("−{}{unit}", diff.abs()),
    }
}

/// A difference in tenths: "+0.4", "−1.5", "no change".
fn signed_tenths(diff: i64) -> String {
    let whole = format!("{}.{}", diff.abs() / 10, diff.abs() % 10);
    match diff.signum() {
        0 => "no change".to_string(),
        1 => format!("+{whole}"),
        _ => format!("−{whole}"),
    }
}

/// Each IRO's caseload against the band, then their children at each month end.
fn caseload_blocks(doc: &mut Document, view: &ReportView) {
    let (lower, upper) = view.band;
    doc.heading(H2, "Caseloads against the band");
    doc.paragraph(format!(
        "The band is {lower} to {upper} children per full-time IRO (FTE: full-time \
         equivalent). Each IRO's mean is of their children at the period's month ends."
    ));
    doc.table(band_table(view));
    for (chunk_idx, month_ends) in view.month_ends.chunks(MONTHS_PER_TABLE).enumerate() {
        doc.heading(H2, months_heading(month_ends));
        let first = chunk_idx * MONTHS_PER_TABLE;
        doc.table(month_ends_table(&view.caseloads, month_ends, first));
    }
}

/// IRO | full-time equivalent | mean | per full-time post | against the band | the mean the
/// period before.
fn band_table(view: &ReportView) -> Table {
    let this_mean = format!("Mean {}", view.period.label);
    let before_mean = format!("Mean {}", view.previous_period.label);
    let columns = [
        ("IRO", 4),
        ("FTE", 2),
        (this_mean.as_str(), 4),
        ("Per full-time post", 3),
        ("Against the band", 4),
        (before_mean.as_str(), 4),
    ];
    view.caseloads.iter().fold(Table::new(columns), |table, c| {
        table.row([
            c.iro.name.clone(),
            format!("{:.1}", c.iro.fte),
            mean_only(&c.average),
            c.per_fte.clone(),
            band_text(c.band).to_string(),
            mean_only(&c.previous_average),
        ])
    })
}

/// A mean's text without how many it is of: "54.4" of "54.4 (mean of 12)".
fn mean_only(shown: &Shown) -> String {
    shown
        .text
        .split(" (")
        .next()
        .unwrap_or_default()
        .to_string()
}

fn band_text(band: BandPosition) -> &'static str {
    match band {
        BandPosition::Below => "Below the band",
        BandPosition::Within => "Within the band",
        BandPosition::Above => "Above the band",
    }
}

/// "Children at each month end, April 2025 to March 2026".
fn months_heading(month_ends: &[NaiveDate]) -> String {
    match (month_ends.first(), month_ends.last()) {
        (Some(first), Some(last)) if first != last => format!(
            "Children at each month end, {} to {}",
            first.format("%B %Y"),
            last.format("%B %Y")
        ),
        (Some(only), _) => format!("Children at the end of {}", only.format("%B %Y")),
        _ => "Children at each month end".to_string(),
    }
}

/// IRO | one column per month end ("Apr"), from the view's month end `first` on.
fn month_ends_table(
    caseloads: &[IroCaseloadView],
    month_ends: &[NaiveDate],
    first: usize,
) -> Table {
    let headings: Vec<String> = month_ends
        .iter()
        .map(|on| on.format("%b").to_string())
        .collect();
    // Word keeps the widths as given: three shares for the name leave "Aug" whole.
    let columns =
        std::iter::once(("IRO".to_string(), 3)).chain(headings.into_iter().map(|h| (h, 1)));
    caseloads.iter().fold(Table::new(columns), |table, c| {
        let counts = (first..first + month_ends.len()).map(|idx| {
            c.month_ends
                .get(idx)
                .map_or_else(String::new, u32::to_string)
        });
        table.row(std::iter::once(c.iro.name.clone()).chain(counts))
    })
}

/// How the figures are counted: the choices made, then each section's definitions.
fn definitions_blocks(doc: &mut Document, view: &ReportView) {
    doc.page_break();
    doc.heading(H1, "How the figures are counted");
    doc.bullets(view.choices.iter().map(String::as_str));
    for section in &view.sections {
        doc.heading(H2, section.title.as_str());
        for f in &section.figures {
            doc.paragraph(
                Paragraph::new()
                    .bold(format!("{}. ", f.label))
                    .plain(f.definition.as_str()),
            );
        }
        for chart in monthly(section) {
            doc.paragraph(
                Paragraph::new()
                    .bold(format!("{}. ", chart.title))
                    .plain(chart.definition.as_str()),
            );
        }
    }
}

#[cfg(test)]
mod tests;
