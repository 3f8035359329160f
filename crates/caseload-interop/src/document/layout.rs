//! Page layout for the PDF: a [`Document`] in, A4 pages of positioned text and filled
//! rectangles out, with the marking and "Page X of Y" on each page and the headings for the
//! outline. Coordinates are points from the page's top-left corner; a text's `y` is its
//! baseline.
//!
//! The rules: paragraphs and cells wrap by measured glyph widths; a heading moves to the next
//! page with the start of what follows it; a table's header row starts every page the table
//! reaches; a row moves whole to the next page unless it is taller than a page, when it splits
//! between lines.
//!
//! What it deliberately is not: a PDF writer (that is `pdf.rs`), or a general typesetter
//! (no floats, no columns, no widow control beyond headings).

use super::fonts::{Face, Faces};
use super::wrap::{wrap, Line};
use super::{Block, Document, HeadingLevel, KeyValue, Layout, Paragraph, RunStyle, Table};

pub(crate) const A4_WIDTH: f32 = 595.276;
pub(crate) const A4_HEIGHT: f32 = 841.89;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Colour(pub(crate) u8, pub(crate) u8, pub(crate) u8);

const INK: Colour = Colour(0x1a, 0x1a, 0x1a);
const HEADING: Colour = Colour(0x1f, 0x3a, 0x5f);
const MUTED: Colour = Colour(0x4a, 0x4a, 0x4a);
const RULE: Colour = Colour(0x9a, 0xa5, 0xb1);
const LIGHT_RULE: Colour = Colour(0xd5, 0xdb, 0xe1);
const HEADER_FILL: Colour = Colour(0xe3, 0xe8, 0xee);

/// Something to paint.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        colour: Colour,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: Colour,
    },
}

/// A heading's place, for the PDF's outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutlineEntry {
    pub(crate) level: HeadingLevel,
    pub(crate) text: String,
    pub(crate) page_idx: usize,
    pub(crate) y: f32,
}

/// A laid-out document.
#[derive(Debug, Default)]
pub(crate) struct Pages {
    pub(crate) pages: Vec<Vec<Item>>,
    pub(crate) outline: Vec<OutlineEntry>,
}

/// The measures of a layout, in points.
struct Style {
    margin_side: f32,
    margin_top: f32,
    margin_bottom: f32,
    body_size: f32,
    leading: f32,
    table_size: f32,
    title_size: f32,
    heading_sizes: [f32; 3],
    paragraph_gap: f32,
    cell_pad_x: f32,
    cell_pad_y: f32,
}

fn style(layout: Layout) -> Style {
    match layout {
        Layout::Report => Style {
            margin_side: 56.7,
            margin_top: 68.0,
            margin_bottom: 68.0,
            body_size: 10.5,
            leading: 1.38,
            table_size: 9.5,
            title_size: 20.0,
            heading_sizes: [15.0, 12.5, 11.0],
            paragraph_gap: 6.0,
            cell_pad_x: 5.0,
            cell_pad_y: 3.5,
        },
        Layout::Letter => Style {
            margin_side: 72.0,
            margin_top: 80.0,
            margin_bottom: 76.0,
            body_size: 13.0,
            leading: 1.45,
            table_size: 12.0,
            title_size: 20.0,
            heading_sizes: [17.0, 15.0, 13.0],
            paragraph_gap: 10.0,
            cell_pad_x: 6.0,
            cell_pad_y: 4.0,
        },
    }
}

/// Lays `document` out on A4 pages.
pub(crate) fn lay_out(document: &Document, faces: &Faces) -> Pages {
    let style = style(document.layout);
    let mut pager = Pager {
        faces,
        style: &style,
        pages: Pages::default(),
        y: 0.0,
        fresh: true,
    };
    pager.new_page();
    pager.title_block(document);
    let blocks = without_trailing_page_breaks(&document.blocks);
    for (block_idx, block) in blocks.iter().enumerate() {
        pager.block(block, &blocks[block_idx + 1..]);
    }
    let mut pages = pager.pages;
    add_page_furniture(&mut pages, document, faces);
    pages
}

/// The blocks without the page breaks at their end, which would only add blank pages.
pub(crate) fn without_trailing_page_breaks(blocks: &[Block]) -> &[Block] {
    let n_blocks = blocks
        .iter()
        .rposition(|block| *block != Block::PageBreak)
        .map_or(0, |last_idx| last_idx + 1);
    &blocks[..n_blocks]
}

/// Each column's width: its share of `total`, widened where that share would cut its longest
/// word (or its heading's) and the other columns can give the room; `pad` is a cell's
/// left and right padding together.
pub(crate) fn column_widths(
    faces: &Faces,
    table: &Table,
    total: f32,
    size: f32,
    pad: f32,
) -> Vec<f32> {
    let fractions = table.column_fractions();
    let minimums: Vec<f32> = (0..table.columns.len())
        .map(|col_idx| longest_word_in_column(faces, table, col_idx, size) + pad)
        .collect();
    if minimums.iter().sum::<f32>() > total {
        return fractions.iter().map(|fraction| fraction * total).collect();
    }
    let mut pinned = vec![false; fractions.len()];
    loop {
        let pinned_width: f32 = (0..fractions.len())
            .filter(|col_idx| pinned[*col_idx])
            .map(|col_idx| minimums[col_idx])
            .sum();
        let free_fraction: f32 = (0..fractions.len())
            .filter(|col_idx| !pinned[*col_idx])
            .map(|col_idx| fractions[col_idx])
            .sum();
        let widths: Vec<f32> = (0..fractions.len())
            .map(|col_idx| match pinned[col_idx] {
                true => minimums[col_idx],
                false => fractions[col_idx] / free_fraction * (total - pinned_width),
            })
            .collect();
        let too_narrow = (0..fractions.len()).find(|col_idx| widths[*col_idx] < minimums[*col_idx]);
        match too_narrow {
            Some(col_idx) => pinned[col_idx] = true,
            None => return widths,
        }
    }
}

fn longest_word_in_column(faces: &Faces, table: &Table, col_idx: usize, size: f32) -> f32 {
    let heading = std::iter::once((Face::Bold, table.columns[col_idx].heading.as_str()));
    let cells = (0..table.rows.len()).filter_map(|row_idx| {
        table
            .cells(row_idx)
            .nth(col_idx)
            .map(|cell| (Face::Regular, cell))
    });
    heading
        .chain(cells)
        .flat_map(|(face, text)| text.split_whitespace().map(move |word| (face, word)))
        .map(|(face, word)| faces.width(face, size, word))
        .fold(0.0, f32::max)
}

/// A wrapped table: column widths, then rows of cells of lines.
struct LaidTable {
    widths: Vec<f32>,
    header: Option<Vec<Vec<Line>>>,
    rows: Vec<Vec<Vec<Line>>>,
    size: f32,
    grid: bool,
    label_column: bool,
}

/// The state of layout: the pages so far and the top of the free space on the last one.
struct Pager<'a> {
    faces: &'a Faces,
    style: &'a Style,
    pages: Pages,
    y: f32,
    /// Nothing but the page's furniture (and a repeated table header) is on the page yet.
    fresh: bool,
}

impl Pager<'_> {
    fn new_page(&mut self) {
        self.pages.pages.push(Vec::new());
        self.y = self.style.margin_top;
        self.fresh = true;
    }

    fn bottom(&self) -> f32 {
        A4_HEIGHT - self.style.margin_bottom
    }

    fn body_height(&self) -> f32 {
        self.bottom() - self.style.margin_top
    }

    fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    fn text_width(&self) -> f32 {
        A4_WIDTH - 2.0 * self.style.margin_side
    }

    fn left(&self) -> f32 {
        self.style.margin_side
    }

    /// Starts a new page unless `height` fits here or the page is still empty.
    fn ensure(&mut self, height: f32) {
        if height > self.room() && !self.fresh {
            self.new_page();
        }
    }

    fn push(&mut self, item: Item) {
        self.fresh = false;
        if let Some(page) = self.pages.pages.last_mut() {
            page.push(item);
        }
    }

    fn line_height(&self, size: f32) -> f32 {
        size * self.style.leading
    }

    /// Where the baseline of a line of `size` sits below the line's top.
    fn baseline(&self, size: f32) -> f32 {
        let ascent = self.faces.ascent(Face::Regular) * size;
        let descent = self.faces.descent(Face::Regular) * size;
        (self.line_height(size) - ascent - descent) / 2.0 + ascent
    }

    fn draw_line(&mut self, line: &Line, x: f32, top: f32, size: f32, colour: Colour) {
        let baseline = top + self.baseline(size);
        for fragment in &line.fragments {
            if fragment.text.trim().is_empty() {
                continue;
            }
            self.push(Item::Text {
                x: x + fragment.x,
                y: baseline,
                face: fragment.face,
                size,
                colour,
                text: fragment.text.trim_end().to_string(),
            });
        }
    }

    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, colour: Colour) {
        self.push(Item::Rect {
            x,
            y,
            width,
            height,
            colour,
        });
    }

    fn wrap_plain(&self, face: Face, text: &str, size: f32, width: f32) -> Vec<Line> {
        wrap(self.faces, &[(face, text)], size, width)
    }

    fn wrap_paragraph(&self, paragraph: &Paragraph, size: f32, width: f32) -> Vec<Line> {
        let runs: Vec<(Face, &str)> = paragraph
            .runs
            .iter()
            .map(|run| (face_of(run.style), run.text.as_str()))
            .collect();
        let runs = if runs.is_empty() {
            vec![(Face::Regular, "")]
        } else {
            runs
        };
        wrap(self.faces, &runs, size, width)
    }

    /// Lines placed one under the other, each moving to a new page if it does not fit.
    fn flow_lines(&mut self, lines: &[Line], x: f32, size: f32, colour: Colour) {
        let line_height = self.line_height(size);
        for line in lines {
            self.ensure(line_height);
            let top = self.y;
            self.draw_line(line, x, top, size, colour);
            self.fresh = false;
            self.y += line_height;
        }
    }

    fn title_block(&mut self, document: &Document) {
        let size = self.style.title_size;
        let lines = self.wrap_plain(Face::Bold, &document.title, size, self.text_width());
        let x = self.left();
        self.flow_lines(&lines, x, size, HEADING);
        self.y += 2.0;
        let meta_size = self.style.body_size;
        for line in &document.meta {
            let lines = self.wrap_plain(Face::Regular, line, meta_size, self.text_width());
            self.flow_lines(&lines, x, meta_size, MUTED);
        }
        self.y += 6.0;
        let width = self.text_width();
        let y = self.y;
        self.rect(x, y, width, 1.0, RULE);
        self.y += 14.0;
    }

    fn block(&mut self, block: &Block, rest: &[Block]) {
        match block {
            Block::Heading(level, text) => self.heading(*level, text, rest),
            Block::Paragraph(paragraph) => {
                let size = self.style.body_size;
                let lines = self.wrap_paragraph(paragraph, size, self.text_width());
                let x = self.left();
                self.flow_lines(&lines, x, size, INK);
                self.y += self.style.paragraph_gap;
            }
            Block::KeyValues(pairs) => {
                let table = self.key_value_table(pairs);
                self.table(&table);
            }
            Block::Table(table) if table.columns.is_empty() => {}
            Block::Table(table) => {
                let table = self.data_table(table);
                self.table(&table);
            }
            Block::Bullets(items) => self.bullets(items),
            Block::PageBreak => {
                if !self.fresh {
                    self.new_page();
                }
            }
        }
    }

    fn heading_size(&self, level: HeadingLevel) -> f32 {
        match level {
            HeadingLevel::One => self.style.heading_sizes[0],
            HeadingLevel::Two => self.style.heading_sizes[1],
            HeadingLevel::Three => self.style.heading_sizes[2],
        }
    }

    fn heading_lines(&self, level: HeadingLevel, text: &str) -> Vec<Line> {
        self.wrap_plain(
            Face::Bold,
            text,
            self.heading_size(level),
            self.text_width(),
        )
    }

    fn heading(&mut self, level: HeadingLevel, text: &str, rest: &[Block]) {
        let size = self.heading_size(level);
        let space_before = size * 0.9;
        let lines = self.heading_lines(level, text);
        let height = lines.len() as f32 * self.line_height(size) + size * 0.4;
        let keep = self.kept_with_heading(rest);
        if !self.fresh {
            self.y += space_before;
        }
        self.ensure(height + keep);
        self.pages.outline.push(OutlineEntry {
            level,
            text: text.to_string(),
            page_idx: self.pages.pages.len() - 1,
            y: self.y,
        });
        let x = self.left();
        self.flow_lines(&lines, x, size, HEADING);
        if level == HeadingLevel::One {
            let width = self.text_width();
            let y = self.y;
            self.rect(x, y, width, 0.6, LIGHT_RULE);
        }
        self.y += size * 0.4;
    }

    /// The height of what a heading must not be parted from: the start of the next block, or,
    /// when that is a short introduction (two lines at most), all of it and the start of the
    /// block after.
    fn kept_with_heading(&self, rest: &[Block]) -> f32 {
        match rest {
            [Block::Paragraph(intro), after, ..] => {
                let lines = self.wrap_paragraph(intro, self.style.body_size, self.text_width());
                if lines.len() > 2 {
                    return self.first_part_height(&rest[0]);
                }
                let intro_height = lines.len() as f32 * self.line_height(self.style.body_size);
                intro_height + self.style.paragraph_gap + self.first_part_height(after)
            }
            [next, ..] => self.first_part_height(next),
            [] => 0.0,
        }
    }

    /// The height of the start of a block: what may not be left alone at a page's foot.
    fn first_part_height(&self, block: &Block) -> f32 {
        let body_line = self.line_height(self.style.body_size);
        match block {
            Block::Heading(level, text) => {
                let size = self.heading_size(*level);
                self.heading_lines(*level, text).len() as f32 * self.line_height(size)
            }
            Block::Paragraph(paragraph) => {
                let lines = self.wrap_paragraph(paragraph, self.style.body_size, self.text_width());
                lines.len().min(2) as f32 * body_line
            }
            Block::Bullets(_) => body_line,
            Block::KeyValues(pairs) => {
                let table = self.key_value_table(&pairs[..pairs.len().min(1)]);
                self.first_rows_height(&table)
            }
            Block::Table(table) => {
                let first = Table {
                    columns: table.columns.clone(),
                    rows: table.rows.iter().take(1).cloned().collect(),
                };
                let table = self.data_table(&first);
                self.first_rows_height(&table)
            }
            Block::PageBreak => 0.0,
        }
    }

    fn bullets(&mut self, items: &[Paragraph]) {
        let size = self.style.body_size;
        let indent = size * 1.6;
        let width = self.text_width() - indent;
        let x = self.left();
        for item in items {
            let lines = self.wrap_paragraph(item, size, width);
            let line_height = self.line_height(size);
            self.ensure(line_height);
            let baseline = self.y + self.baseline(size);
            self.push(Item::Text {
                x: x + size * 0.4,
                y: baseline,
                face: Face::Regular,
                size,
                colour: INK,
                text: "•".to_string(),
            });
            self.flow_lines(&lines, x + indent, size, INK);
            self.y += self.style.paragraph_gap * 0.5;
        }
        self.y += self.style.paragraph_gap * 0.5;
    }

    fn data_table(&self, table: &Table) -> LaidTable {
        let size = self.style.table_size;
        let pad = 2.0 * self.style.cell_pad_x;
        let widths = column_widths(self.faces, table, self.text_width(), size, pad);
        let inner = |col_idx: usize| widths[col_idx] - 2.0 * self.style.cell_pad_x;
        let header = table
            .columns
            .iter()
            .enumerate()
            .map(|(col_idx, column)| {
                self.wrap_plain(Face::Bold, &column.heading, size, inner(col_idx))
            })
            .collect();
        let rows = (0..table.rows.len())
            .map(|row_idx| {
                table
                    .cells(row_idx)
                    .enumerate()
                    .map(|(col_idx, text)| {
                        self.wrap_plain(Face::Regular, text, size, inner(col_idx))
                    })
                    .collect()
            })
            .collect();
        LaidTable {
            widths,
            header: Some(header),
            rows,
            size,
            grid: true,
            label_column: false,
        }
    }

    /// Labels take the width of the longest (within a third of the line), values the rest.
    fn key_value_table(&self, pairs: &[KeyValue]) -> LaidTable {
        let size = self.style.body_size;
        let pad = 2.0 * self.style.cell_pad_x;
        let longest = pairs
            .iter()
            .map(|pair| self.faces.width(Face::Bold, size, &pair.label))
            .fold(0.0_f32, f32::max);
        let label_width =
            (longest + pad + size).clamp(self.text_width() * 0.18, self.text_width() * 0.34);
        let widths = vec![label_width, self.text_width() - label_width];
        let rows = pairs
            .iter()
            .map(|pair| {
                vec![
                    self.wrap_plain(Face::Bold, &pair.label, size, widths[0] - pad),
                    self.wrap_plain(Face::Regular, &pair.value, size, widths[1] - pad),
                ]
            })
            .collect();
        LaidTable {
            widths,
            header: None,
            rows,
            size,
            grid: false,
            label_column: true,
        }
    }

    fn row_height(&self, table: &LaidTable, n_lines: usize) -> f32 {
        n_lines as f32 * self.line_height(table.size) + 2.0 * self.style.cell_pad_y
    }

    fn header_height(&self, table: &LaidTable) -> f32 {
        table
            .header
            .as_ref()
            .map_or(0.0, |cells| self.row_height(table, max_lines(cells)))
    }

    /// The header and the first row (or its first three lines, if it splits).
    fn first_rows_height(&self, table: &LaidTable) -> f32 {
        let first = table
            .rows
            .first()
            .map_or(0, |cells| max_lines(cells).min(3));
        self.header_height(table) + self.row_height(table, first)
    }

    fn table(&mut self, table: &LaidTable) {
        self.ensure(self.first_rows_height(table));
        self.table_header(table);
        for row in &table.rows {
            self.table_row(table, row);
        }
        self.y += self.style.paragraph_gap + 4.0;
    }

    fn table_header(&mut self, table: &LaidTable) {
        let Some(cells) = &table.header else {
            return;
        };
        let was_fresh = self.fresh;
        let height = self.row_height(table, max_lines(cells));
        let (x, y) = (self.left(), self.y);
        let width: f32 = table.widths.iter().sum();
        self.rect(x, y, width, height, HEADER_FILL);
        self.rect(x, y, width, 0.6, RULE);
        self.draw_cells(table, cells, 0..max_lines(cells), Face::Bold);
        // A header repeated at the top of a page leaves it fresh: a row must start there.
        self.fresh = was_fresh;
    }

    /// A row, moved whole to the next page if it fits there, else split between lines.
    fn table_row(&mut self, table: &LaidTable, row: &[Vec<Line>]) {
        let n_lines = max_lines(row).max(1);
        let line_height = self.line_height(table.size);
        let mut start = 0;
        while start < n_lines {
            let room_lines = ((self.room() - 2.0 * self.style.cell_pad_y) / line_height).floor();
            let room_lines = room_lines.max(0.0) as usize;
            let remaining = n_lines - start;
            let whole_fits_next = start == 0
                && self.row_height(table, n_lines) + self.header_height(table)
                    <= self.body_height();
            let must_draw = self.fresh;
            if remaining > room_lines && !must_draw && (whole_fits_next || room_lines < 2) {
                self.new_page();
                self.table_header(table);
                continue;
            }
            let end = start + remaining.min(room_lines.max(1));
            self.draw_cells(table, row, start..end, Face::Regular);
            start = end;
            if start < n_lines {
                self.new_page();
                self.table_header(table);
            }
        }
    }

    /// Lines `range` of each cell as one band of the row, with its rules, and moves down.
    fn draw_cells(
        &mut self,
        table: &LaidTable,
        cells: &[Vec<Line>],
        range: std::ops::Range<usize>,
        face: Face,
    ) {
        let line_height = self.line_height(table.size);
        let height = self.row_height(table, range.len());
        let top = self.y;
        let mut x = self.left();
        for (col_idx, cell) in cells.iter().enumerate() {
            let colour = if table.label_column && col_idx == 0 {
                MUTED
            } else {
                INK
            };
            let lines = cell
                .get(range.start..range.end.min(cell.len()))
                .unwrap_or(&[]);
            for (line_idx, line) in lines.iter().enumerate() {
                let line_top = top + self.style.cell_pad_y + line_idx as f32 * line_height;
                let line = with_face(line, face);
                self.draw_line(
                    &line,
                    x + self.style.cell_pad_x,
                    line_top,
                    table.size,
                    colour,
                );
            }
            x += table.widths[col_idx];
        }
        self.row_rules(table, top, height);
        self.y = top + height;
    }

    fn row_rules(&mut self, table: &LaidTable, top: f32, height: f32) {
        let left = self.left();
        let width: f32 = table.widths.iter().sum();
        if !table.grid {
            self.rect(left, top + height - 0.4, width, 0.4, LIGHT_RULE);
            return;
        }
        self.rect(left, top + height - 0.6, width, 0.6, RULE);
        let mut x = left;
        for col_width in table.widths.iter().chain(std::iter::once(&0.0)) {
            self.rect(x - 0.3, top, 0.6, height, RULE);
            x += col_width;
        }
    }
}

/// A line in `face` where the line was set in the regular face (header cells are bold).
fn with_face(line: &Line, face: Face) -> Line {
    if face == Face::Regular {
        return line.clone();
    }
    let mut line = line.clone();
    for fragment in &mut line.fragments {
        fragment.face = face;
    }
    line
}

fn max_lines(cells: &[Vec<Line>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(0)
}

fn face_of(style: RunStyle) -> Face {
    match style {
        RunStyle::Plain => Face::Regular,
        RunStyle::Bold => Face::Bold,
        RunStyle::Italic => Face::Italic,
    }
}

/// The marking centred at the top of each page; the marking and "Page X of Y" at the foot.
fn add_page_furniture(pages: &mut Pages, document: &Document, faces: &Faces) {
    let style = style(document.layout);
    let n_pages = pages.pages.len();
    let size = 8.5;
    let left = style.margin_side;
    let right = A4_WIDTH - style.margin_side;
    for (page_idx, items) in pages.pages.iter_mut().enumerate() {
        if let Some(marking) = &document.marking {
            let width = faces.width(Face::Bold, size, marking);
            items.push(text(
                Face::Bold,
                size,
                (A4_WIDTH - width) / 2.0,
                34.0,
                marking,
            ));
            items.push(text(Face::Bold, size, left, A4_HEIGHT - 30.0, marking));
        }
        let number = format!("Page {} of {}", page_idx + 1, n_pages);
        let width = faces.width(Face::Regular, size, &number);
        items.push(text(
            Face::Regular,
            size,
            right - width,
            A4_HEIGHT - 30.0,
            &number,
        ));
        items.push(Item::Rect {
            x: left,
            y: A4_HEIGHT - 44.0,
            width: right - left,
            height: 0.5,
            colour: LIGHT_RULE,
        });
    }
}

fn text(face: Face, size: f32, x: f32, y: f32, text: &str) -> Item {
    Item::Text {
        x,
        y,
        face,
        size,
        colour: MUTED,
        text: text.to_string(),
    }
}
