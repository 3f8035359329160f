//! The report as files: an XLSX workbook (a sheet "About" stating the period, the period before,
//! the IROs and the choices used, then one sheet per section with each figure, this period, the
//! period before and its definition) and a CSV with one row per figure (and per month of each
//! monthly chart).
//!
//! Only rendering: every value, label and definition comes from the
//! [`caseload_core::report::AnnualReport`]; a cell holds the value's number (a count, a
//! fraction shown as a percentage, a mean) beside the same value as counted ("12 of 15 (80%)"),
//! and a percentage or mean of nothing is a blank number and a "—".

use caseload_core::report::{
    AnnualReport, BandPosition, ChartShape, PeriodKind, ReportPeriod, Section, SectionId, Value,
};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// A report that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportExportError {
    /// The workbook could not be assembled.
    #[error("writing the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    /// The CSV could not be assembled.
    #[error("writing the CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// The sheet of each section.
pub fn sheet_name(id: SectionId) -> &'static str {
    match id {
        SectionId::Lac => "Looked-after children",
        SectionId::Cp => "Child protection",
        SectionId::Disputes => "Disputes",
        SectionId::Caseload => "Caseloads",
    }
}

/// The column headings of a section sheet, for a report's two periods.
pub fn section_headings(report: &AnnualReport) -> [String; 7] {
    let (this, last) = (&report.period.label, &report.previous_period.label);
    [
        "Figure".to_string(),
        this.clone(),
        last.clone(),
        format!("{this} (as counted)"),
        format!("{last} (as counted)"),
        "Definition".to_string(),
        "Id".to_string(),
    ]
}

fn about_lines(report: &AnnualReport) -> Vec<(String, String)> {
    let iros = if report.all_iros {
        "All IROs in the store".to_string()
    } else {
        report
            .iros
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = vec![
        (
            if report.period.kind == PeriodKind::Year {
                "Reporting year"
            } else {
                "Period"
            }
            .to_string(),
            span(&report.period),
        ),
        ("Compared with".to_string(), span(&report.previous_period)),
        ("IROs".to_string(), iros),
        (
            "Caseload band".to_string(),
            format!(
                "{}–{} looked-after children per full-time IRO",
                report.band.0, report.band.1
            ),
        ),
    ];
    for choice in &report.choices {
        lines.push(("Counted as".to_string(), choice.clone()));
    }
    lines
}

/// "2025–26 (1 April 2025 – 31 March 2026)".
fn span(p: &ReportPeriod) -> String {
    format!(
        "{} ({} – {})",
        p.label,
        p.starts_on.format("%-d %B %Y"),
        p.ends_on.format("%-d %B %Y")
    )
}

/// The rows of a chart that are not already figures (the months of a monthly chart):
/// (id, label, this period, the period before, definition).
fn month_rows(section: &Section) -> Vec<(String, String, Value, Value, String)> {
    section
        .charts
        .iter()
        .filter(|c| c.shape == ChartShape::ByMonth)
        .flat_map(|c| {
            c.points.iter().filter(|p| p.figure.is_none()).map(|p| {
                (
                    format!("{}.{}", c.id, p.label.to_lowercase()),
                    format!("{}: {}", c.title, p.label),
                    p.this_period,
                    p.previous_period,
                    c.definition.clone(),
                )
            })
        })
        .collect()
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let format = match value {
        Value::Count { .. } => &formats.count,
        Value::Percent { .. } => &formats.percent,
        Value::Mean { .. } => &formats.mean,
    };
    match value.number() {
        Some(n) => sheet.write_number_with_format(row, col, n, format)?,
        None => sheet.write_string(row, col, "—")?,
    };
    Ok(())
}

struct Formats {
    bold: Format,
    wrap: Format,
    count: Format,
    percent: Format,
    mean: Format,
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    (id, label, this, last, definition): (&str, &str, &Value, &Value, &str),
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_string(row, 0, label)?;
    write_value(sheet, row, 1, this, formats)?;
    write_value(sheet, row, 2, last, formats)?;
    sheet.write_string(row, 3, this.text())?;
    sheet.write_string(row, 4, last.text())?;
    sheet.write_string_with_format(row, 5, definition, &formats.wrap)?;
    sheet.write_string(row, 6, id)?;
    Ok(())
}

/// The report as an XLSX workbook.
pub fn report_xlsx(report: &AnnualReport) -> Result<Vec<u8>, ReportExportError> {
    let formats = Formats {
        bold: Format::new().set_bold(),
        wrap: Format::new().set_text_wrap(),
        count: Format::new().set_num_format("0"),
        percent: Format::new().set_num_format("0%"),
        mean: Format::new().set_num_format("0.0"),
    };
    let mut workbook = Workbook::new();

    let about = workbook.add_worksheet();
    about.set_name("About")?;
    about.write_string_with_format(0, 0, "IRO annual report", &formats.bold)?;
    for (i, (what, text)) in about_lines(report).iter().enumerate() {
        let row = i as u32 + 2;
        about.write_string_with_format(row, 0, what, &formats.bold)?;
        about.write_string(row, 1, text)?;
    }
    about.set_column_width(0, 18)?;
    about.set_column_width(1, 110)?;

    for section in &report.sections {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(section.id))?;
        sheet.write_string_with_format(
            0,
            0,
            format!(
                "{}: {} beside {}",
                section.title, report.period.label, report.previous_period.label
            ),
            &formats.bold,
        )?;
        for (col, heading) in section_headings(report).iter().enumerate() {
            sheet.write_string_with_format(1, col as u16, heading, &formats.bold)?;
        }
        let mut row = 2;
        for f in &section.figures {
            write_row(
                sheet,
                row,
                (
                    &f.id,
                    &f.label,
                    &f.this_period,
                    &f.previous_period,
                    &f.definition,
                ),
                &formats,
            )?;
            row += 1;
        }
        let months = month_rows(section);
        if !months.is_empty() {
            row += 1;
            sheet.write_string_with_format(row, 0, "By month", &formats.bold)?;
            row += 1;
            for (id, label, this, last, definition) in &months {
                write_row(sheet, row, (id, label, this, last, definition), &formats)?;
                row += 1;
            }
        }
        if section.id == SectionId::Caseload {
            row += 1;
            write_caseload_table(sheet, row, report, &formats)?;
        }
        sheet.set_column_width(0, 52)?;
        for col in 1..=4 {
            sheet.set_column_width(col, 16)?;
        }
        sheet.set_column_width(5, 90)?;
        sheet.set_column_width(6, 36)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn band_word(band: BandPosition) -> &'static str {
    match band {
        BandPosition::Below => "below the band",
        BandPosition::Within => "within the band",
        BandPosition::Above => "above the band",
    }
}

/// Each IRO's looked-after children at each of the period's month ends, both periods.
fn write_caseload_table(
    sheet: &mut Worksheet,
    mut row: u32,
    report: &AnnualReport,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(
        row,
        0,
        "Looked-after children at each month end",
        &formats.bold,
    )?;
    row += 1;
    let mut headings = vec!["IRO".to_string(), "Period".to_string(), "FTE".to_string()];
    headings.extend(
        report
            .month_ends
            .iter()
            .map(|d| d.format("%-d %b").to_string()),
    );
    headings.extend([
        "Mean".to_string(),
        "Per FTE".to_string(),
        "Band".to_string(),
    ]);
    for (col, h) in headings.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, h, &formats.bold)?;
    }
    let after = 3 + report.month_ends.len() as u16;
    row += 1;
    for c in &report.caseloads {
        for (label, period) in [
            (&report.period.label, &c.this_period),
            (&report.previous_period.label, &c.previous_period),
        ] {
            sheet.write_string(row, 0, &c.iro.name)?;
            sheet.write_string(row, 1, label)?;
            sheet.write_number(row, 2, c.iro.fte)?;
            for (i, n) in period.month_ends.iter().enumerate() {
                sheet.write_number(row, 3 + i as u16, f64::from(*n))?;
            }
            write_value(sheet, row, after, &period.average, formats)?;
            sheet.write_number_with_format(row, after + 1, period.per_fte, &formats.mean)?;
            sheet.write_string(row, after + 2, band_word(period.band))?;
            row += 1;
        }
    }
    Ok(())
}

/// The report as CSV: a header, then one row per figure and per month of each monthly chart,
/// each with its section, id, label, both periods' numbers and texts, and its definition.
pub fn report_csv(report: &AnnualReport) -> Result<String, ReportExportError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "section",
        "id",
        "figure",
        "this_period",
        "previous_period",
        "this_period_text",
        "previous_period_text",
        "definition",
    ])?;
    let number = |v: &Value| v.number().map_or(String::new(), |n| n.to_string());
    for section in &report.sections {
        let section_name = sheet_name(section.id);
        let mut rows: Vec<(String, String, Value, Value, String)> = section
            .figures
            .iter()
            .map(|f| {
                (
                    f.id.clone(),
                    f.label.clone(),
                    f.this_period,
                    f.previous_period,
                    f.definition.clone(),
                )
            })
            .collect();
        rows.extend(month_rows(section));
        for (id, label, this, last, definition) in rows {
            out.write_record([
                section_name,
                &id,
                &label,
                &number(&this),
                &number(&last),
                &this.text(),
                &last.text(),
                &definition,
            ])?;
        }
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ReportExportError::Csv(e.into_error().into()))?;
    Ok(String::from_utf8(bytes).expect("the CSV writer writes the UTF-8 it was given"))
}
