//! A [`Document`] as a Word file, built with docx-rs: Heading 1–3 paragraph styles (so Word's
//! navigation pane and LibreOffice's navigator list the sections), real tables with a shaded
//! header row that repeats on every page, bullets from a numbering definition, A4 with
//! margins, the marking in the page header and "Page X of Y" fields in the footer.
//!
//! The text is set in Arial, which every Word and LibreOffice install has (the PDF embeds Open
//! Sans instead; a .docx cannot rely on a font it does not carry).
//!
//! What it deliberately is not: XML written by hand. docx-rs has no setter for two things, so
//! [`add_what_docx_rs_lacks`] adds them to its output: the document title in the core
//! properties (`dc:title`) and the "repeat as header row" flag (`w:tblHeader`).

use super::fonts::Faces;
use super::layout::{column_widths, without_trailing_page_breaks};
use super::{Block, Document, DocumentError, HeadingLevel, KeyValue, Layout, Paragraph, RunStyle};
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum,
    Run, RunFonts, Shading, SpecialIndentType, Start, Style, StyleType, Tab, TabValueType,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};
use std::io::Cursor;

/// A4 in twentieths of a point (twips).
const A4_WIDTH: u32 = 11_906;
const A4_HEIGHT: u32 = 16_838;
const FONT: &str = "Arial";
const HEADING_COLOUR: &str = "1F3A5F";
const MUTED_COLOUR: &str = "4A4A4A";
const HEADER_FILL: &str = "E3E8EE";
/// The bullet list's numbering id (docx-rs writes a default numbering with id 1).
const BULLETS: usize = 2;
/// A table cell's left and right padding, in twips.
const CELL_PAD_X: usize = 100;

/// The sizes of one layout: margins in twips, type in half-points.
struct Metrics {
    margin_side: i32,
    /// Space after a paragraph, and the line pitch (240 is single spacing).
    paragraph_after: u32,
    line: i32,
    margin_top: i32,
    body_size: usize,
    table_size: usize,
    title_size: usize,
    heading_sizes: [usize; 3],
}

fn metrics(layout: Layout) -> Metrics {
    match layout {
        Layout::Report => Metrics {
            margin_side: 1_134,
            paragraph_after: 120,
            line: 276,
            margin_top: 1_247,
            body_size: 21,
            table_size: 19,
            title_size: 36,
            heading_sizes: [30, 25, 22],
        },
        Layout::Letter => Metrics {
            margin_side: 1_440,
            paragraph_after: 200,
            line: 300,
            margin_top: 1_440,
            body_size: 26,
            table_size: 24,
            title_size: 36,
            heading_sizes: [32, 28, 26],
        },
    }
}

/// Writes `document` as a .docx package.
pub fn document_docx(document: &Document) -> Result<Vec<u8>, DocumentError> {
    let metrics = metrics(document.layout);
    let faces = Faces::load()?;
    let mut docx = page_setup(Docx::new(), document, &metrics);
    docx = title_block(docx, document);
    let blocks: Vec<&Block> = without_trailing_page_breaks(&document.blocks)
        .iter()
        .filter(|block| !is_empty_table(block))
        .collect();
    for block in &blocks {
        docx = add_block(docx, block, &metrics, &faces);
    }
    let mut xml = docx.build();
    let tables_with_header: Vec<bool> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(_) => Some(true),
            Block::KeyValues(_) => Some(false),
            _ => None,
        })
        .collect();
    add_what_docx_rs_lacks(&mut xml, &document.title, &tables_with_header);
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes).map_err(docx_rs::DocxError::from)?;
    Ok(bytes.into_inner())
}

/// A table Word would call damaged: one without columns, or a key–value list without pairs.
fn is_empty_table(block: &Block) -> bool {
    match block {
        Block::Table(table) => table.columns.is_empty(),
        Block::KeyValues(pairs) => pairs.is_empty(),
        _ => false,
    }
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn text_width(metrics: &Metrics) -> usize {
    (A4_WIDTH as i32 - 2 * metrics.margin_side) as usize
}

fn page_setup(docx: Docx, document: &Document, metrics: &Metrics) -> Docx {
    let margin = PageMargin::new()
        .top(metrics.margin_top)
        .bottom(metrics.margin_top)
        .left(metrics.margin_side)
        .right(metrics.margin_side)
        .header(567)
        .footer(567);
    let mut docx = docx
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(margin)
        .default_fonts(fonts())
        .default_size(metrics.body_size)
        .default_line_spacing(
            LineSpacing::new()
                .after(metrics.paragraph_after)
                .line(metrics.line),
        )
        .add_abstract_numbering(bullet_numbering())
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .footer(footer(document, metrics));
    for style in styles(metrics) {
        docx = docx.add_style(style);
    }
    if let Some(marking) = &document.marking {
        docx = docx.header(Header::new().add_paragraph(marking_paragraph(marking)));
    }
    docx
}

/// The styles besides Normal, which docx-rs always writes (from the defaults set above).
fn styles(metrics: &Metrics) -> Vec<Style> {
    let title = Style::new("Title", StyleType::Paragraph)
        .name("Title")
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(metrics.title_size)
        .bold()
        .color(HEADING_COLOUR)
        .line_spacing(LineSpacing::new().after(120));
    let subtitle = Style::new("Subtitle", StyleType::Paragraph)
        .name("Subtitle")
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .color(MUTED_COLOUR)
        .line_spacing(LineSpacing::new().after(40));
    // The PAGE and NUMPAGES field runs take their size and colour from here.
    let footer = Style::new("Footer", StyleType::Paragraph)
        .name("footer")
        .based_on("Normal")
        .size(17)
        .color(MUTED_COLOUR)
        .line_spacing(LineSpacing::new().after(0));
    let headings = [HeadingLevel::One, HeadingLevel::Two, HeadingLevel::Three]
        .into_iter()
        .map(|level| heading_style(level, metrics));
    [title, subtitle, footer]
        .into_iter()
        .chain(headings)
        .collect()
}

fn heading_style(level: HeadingLevel, metrics: &Metrics) -> Style {
    let idx = heading_idx(level);
    let before = [360, 240, 200][idx];
    Style::new(format!("Heading{}", idx + 1), StyleType::Paragraph)
        .name(format!("heading {}", idx + 1))
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(metrics.heading_sizes[idx])
        .bold()
        .color(HEADING_COLOUR)
        .outline_lvl(idx)
        .line_spacing(LineSpacing::new().before(before).after(100))
}

fn heading_idx(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::One => 0,
        HeadingLevel::Two => 1,
        HeadingLevel::Three => 2,
    }
}

fn bullet_numbering() -> AbstractNumbering {
    let level = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    )
    .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None);
    AbstractNumbering::new(BULLETS).add_level(level)
}

fn marking_paragraph(marking: &str) -> docx_rs::Paragraph {
    docx_rs::Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(marking).bold().size(18))
}

/// The marking on the left, "Page X of Y" on the right, both as fields Word and LibreOffice
/// fill in.
fn footer(document: &Document, metrics: &Metrics) -> Footer {
    let marking = document.marking.clone().unwrap_or_default();
    let paragraph = docx_rs::Paragraph::new()
        .style("Footer")
        .add_tab(Tab::new().val(TabValueType::Right).pos(text_width(metrics)))
        .add_run(Run::new().add_text(marking).bold())
        .add_run(Run::new().add_tab().add_text("Page "))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" of "))
        .add_num_pages(NumPages::new());
    Footer::new().add_paragraph(paragraph)
}

/// The title and the meta lines, the last of them with room below.
fn title_block(docx: Docx, document: &Document) -> Docx {
    let title = docx_rs::Paragraph::new()
        .style("Title")
        .add_run(Run::new().add_text(&document.title));
    let meta = document.meta.iter().map(|line| {
        docx_rs::Paragraph::new()
            .style("Subtitle")
            .add_run(Run::new().add_text(line))
    });
    let mut paragraphs: Vec<docx_rs::Paragraph> = std::iter::once(title).chain(meta).collect();
    if let Some(last) = paragraphs.pop() {
        paragraphs.push(last.line_spacing(LineSpacing::new().after(360)));
    }
    paragraphs
        .into_iter()
        .fold(docx, |docx, paragraph| docx.add_paragraph(paragraph))
}

fn add_block(docx: Docx, block: &Block, metrics: &Metrics, faces: &Faces) -> Docx {
    match block {
        Block::Heading(level, text) => docx.add_paragraph(
            docx_rs::Paragraph::new()
                .style(&format!("Heading{}", heading_idx(*level) + 1))
                .keep_next(true)
                .add_run(Run::new().add_text(text)),
        ),
        Block::Paragraph(paragraph) => {
            docx.add_paragraph(runs(docx_rs::Paragraph::new(), paragraph))
        }
        Block::KeyValues(pairs) => docx
            .add_table(key_value_table(pairs, metrics))
            .add_paragraph(spacer()),
        Block::Table(table) => docx
            .add_table(table_of(table, metrics, faces))
            .add_paragraph(spacer()),
        Block::Bullets(items) => items.iter().enumerate().fold(docx, |docx, (idx, item)| {
            let last = idx + 1 == items.len();
            let after = if last { metrics.paragraph_after } else { 60 };
            let bullet = docx_rs::Paragraph::new()
                .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                .line_spacing(LineSpacing::new().after(after));
            docx.add_paragraph(runs(bullet, item))
        }),
        Block::PageBreak => docx.add_paragraph(
            docx_rs::Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
        ),
    }
}

/// An empty paragraph: Word joins two tables that touch, and a table needs air below it.
fn spacer() -> docx_rs::Paragraph {
    docx_rs::Paragraph::new().line_spacing(LineSpacing::new().after(0))
}

/// The paragraph's runs, each `\n` a line break.
fn runs(mut out: docx_rs::Paragraph, paragraph: &Paragraph) -> docx_rs::Paragraph {
    for run in &paragraph.runs {
        out = out.add_run(styled_run(run.style, &run.text));
    }
    out
}

fn styled_run(style: RunStyle, text: &str) -> Run {
    let mut run = Run::new();
    for (line_idx, line) in text.split('\n').enumerate() {
        if line_idx > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    match style {
        RunStyle::Plain => run,
        RunStyle::Bold => run.bold(),
        RunStyle::Italic => run.italic(),
    }
}

fn cell(text: &str, width: usize, size: usize, bold: bool) -> TableCell {
    let run = styled_run(
        if bold {
            RunStyle::Bold
        } else {
            RunStyle::Plain
        },
        text,
    )
    .size(size);
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
        .add_paragraph(
            docx_rs::Paragraph::new()
                .line_spacing(LineSpacing::new().after(0).line(252))
                .add_run(run),
        )
}

/// The PDF's column widths in twips: measured in Open Sans, which sets wider than Arial, so a
/// word that fits the PDF's column fits Word's.
fn twips_widths(table: &super::Table, metrics: &Metrics, faces: &Faces) -> Vec<usize> {
    let total = text_width(metrics) as f32 / 20.0;
    let size = metrics.table_size as f32 / 2.0;
    column_widths(faces, table, total, size, 2.0 * CELL_PAD_X as f32 / 20.0)
        .iter()
        .map(|width| (width * 20.0).floor() as usize)
        .collect()
}

fn table_of(table: &super::Table, metrics: &Metrics, faces: &Faces) -> docx_rs::Table {
    let total = text_width(metrics);
    let widths = twips_widths(table, metrics, faces);
    let header_cells = table
        .columns
        .iter()
        .zip(&widths)
        .map(|(column, width)| {
            cell(&column.heading, *width, metrics.table_size, true)
                .shading(Shading::new().fill(HEADER_FILL))
        })
        .collect();
    // A row moves whole to the next page (Word splits one only if it is taller than a page).
    let mut rows = vec![TableRow::new(header_cells).cant_split()];
    for row_idx in 0..table.rows.len() {
        let cells = table
            .cells(row_idx)
            .zip(&widths)
            .map(|(text, width)| cell(text, *width, metrics.table_size, false))
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    docx_rs::Table::new(rows)
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(60, CELL_PAD_X, 60, CELL_PAD_X))
}

fn key_value_table(pairs: &[KeyValue], metrics: &Metrics) -> docx_rs::Table {
    let total = text_width(metrics);
    let label = (total as f32 * 0.32) as usize;
    let widths = vec![label, total - label];
    let rows = pairs
        .iter()
        .map(|pair| {
            TableRow::new(vec![
                cell(&pair.label, widths[0], metrics.body_size, true),
                cell(&pair.value, widths[1], metrics.body_size, false),
            ])
            .cant_split()
        })
        .collect();
    docx_rs::Table::without_borders(rows)
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(30, 100, 30, 0))
}

/// Adds the two things docx-rs cannot set: the title in `docProps/core.xml`, and `w:tblHeader`
/// in the first row of each table that has a header row (`tables_with_header`, one flag per
/// table of the body, in order).
fn add_what_docx_rs_lacks(xml: &mut docx_rs::XMLDocx, title: &str, tables_with_header: &[bool]) {
    let core = String::from_utf8_lossy(&xml.doc_props.core).into_owned();
    let title_element = format!(
        "<dc:title>{}</dc:title></cp:coreProperties>",
        escape_xml(title)
    );
    xml.doc_props.core = core
        .replacen("</cp:coreProperties>", &title_element, 1)
        .into_bytes();
    let body = String::from_utf8_lossy(&xml.document).into_owned();
    let mut pieces = body.split("<w:tbl>");
    let mut marked = pieces.next().unwrap_or_default().to_string();
    for (piece, has_header) in
        pieces.zip(tables_with_header.iter().chain(std::iter::repeat(&false)))
    {
        marked.push_str("<w:tbl>");
        match has_header {
            true => marked.push_str(&piece.replacen(
                "<w:trPr><w:cantSplit />",
                "<w:trPr><w:cantSplit /><w:tblHeader />",
                1,
            )),
            false => marked.push_str(piece),
        }
    }
    xml.document = marked.into_bytes();
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
