//! A format-neutral document (title, marking, headings, paragraphs, key–value lists, tables,
//! bullet lists, page breaks) and its two renderers: [`document_docx`] (Word, through docx-rs)
//! and [`document_pdf`] (PDF with embedded Open Sans, through krilla). Both are sans-io: a
//! [`Document`] in, the file's bytes out.
//!
//! What this module deliberately is not: it knows no child, meeting or decision (the pack, the
//! record and the letter are built from domain data in `caseload-api`); it writes no file and
//! reads no clock (a document carries no date it was not given, so the same document gives the
//! same bytes); it is not a rich-text engine (no images, no merged cells, no hyphenation, no
//! fonts chosen by the caller, one script per run).

mod docx;
mod fonts;
mod layout;
mod pdf;
mod wrap;

pub use docx::document_docx;
pub use pdf::document_pdf;

/// A document to render: the same value gives the .docx and the PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title: the first thing on page one, and the file's title in its properties.
    pub title: String,
    /// Lines under the title (who, what, when), in the order given.
    pub meta: Vec<String>,
    /// A protective marking printed on every page, e.g. "OFFICIAL-SENSITIVE: PERSONAL".
    pub marking: Option<String>,
    /// Report (dense, for a pack or a record) or letter (larger type, generous margins).
    pub layout: Layout,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
}

/// The page style of a whole document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A4, 10.5 pt text, 20 mm margins: packs, records, anything with tables.
    Report,
    /// A4, 13 pt text, 25 mm margins, more space between lines: a short letter.
    Letter,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading, kept with what follows it.
    Heading(HeadingLevel, String),
    /// A paragraph of text, wrapped to the page.
    Paragraph(Paragraph),
    /// Label: value pairs, labels in a column of their own.
    KeyValues(Vec<KeyValue>),
    /// A table with a header row repeated on every page it spans.
    Table(Table),
    /// A bulleted list, one paragraph per item.
    Bullets(Vec<Paragraph>),
    /// Start a new page (nothing happens at the top of an empty page).
    PageBreak,
}

/// The three heading levels (Word's Heading 1–3, the PDF's outline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HeadingLevel {
    /// A section.
    One,
    /// A subsection.
    Two,
    /// A minor heading.
    Three,
}

/// Text made of runs, each plain, bold or italic. A `\n` inside a run breaks the line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    /// The runs, in order; consecutive runs join without a space.
    pub runs: Vec<Run>,
}

/// A stretch of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: RunStyle,
}

/// The style of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunStyle {
    /// Regular.
    Plain,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
}

/// One "label: value" line of a key–value list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    /// The label, e.g. "Legal status".
    pub label: String,
    /// The value; long values wrap beside the label.
    pub value: String,
}

/// A table: columns with headings and relative widths, then rows of plain text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The rows; a row shorter than the columns is padded with empty cells, extra cells are
    /// dropped.
    pub rows: Vec<Vec<String>>,
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The text of its header cell.
    pub heading: String,
    /// Its width relative to the other columns' (2 is twice as wide as 1; 0 counts as 1).
    pub width: u16,
}

impl Document {
    /// Rewrites every piece of text a reader sees (title, meta lines, marking, headings, runs,
    /// labels and values, table headings and cells): e.g. an authority's own words for a term.
    pub fn map_text(&mut self, f: impl Fn(&str) -> String) {
        let apply = |t: &mut String| *t = f(t);
        apply(&mut self.title);
        self.meta.iter_mut().for_each(apply);
        self.marking.iter_mut().for_each(apply);
        let paragraph = |p: &mut Paragraph| p.runs.iter_mut().for_each(|r| apply(&mut r.text));
        for block in &mut self.blocks {
            match block {
                Block::Heading(_, text) => apply(text),
                Block::Paragraph(p) => paragraph(p),
                Block::KeyValues(pairs) => pairs.iter_mut().for_each(|kv| {
                    apply(&mut kv.label);
                    apply(&mut kv.value);
                }),
                Block::Table(t) => {
                    t.columns.iter_mut().for_each(|c| apply(&mut c.heading));
                    t.rows.iter_mut().flatten().for_each(apply);
                }
                Block::Bullets(items) => items.iter_mut().for_each(paragraph),
                Block::PageBreak => {}
            }
        }
    }

    /// An empty report-style document with this title.
    pub fn new(title: impl Into<String>) -> Self {
        Document {
            title: title.into(),
            meta: Vec::new(),
            marking: None,
            layout: Layout::Report,
            blocks: Vec::new(),
        }
    }

    /// An empty letter-style document with this title.
    pub fn letter(title: impl Into<String>) -> Self {
        Document {
            layout: Layout::Letter,
            ..Document::new(title)
        }
    }

    /// Sets the marking printed on every page.
    pub fn with_marking(mut self, marking: impl Into<String>) -> Self {
        self.marking = Some(marking.into());
        self
    }

    /// Adds a line under the title.
    pub fn with_meta(mut self, line: impl Into<String>) -> Self {
        self.meta.push(line.into());
        self
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// Appends a heading.
    pub fn heading(&mut self, level: HeadingLevel, text: impl Into<String>) -> &mut Self {
        self.push(Block::Heading(level, text.into()))
    }

    /// Appends a paragraph (plain text, or a [`Paragraph`] with styled runs).
    pub fn paragraph(&mut self, paragraph: impl Into<Paragraph>) -> &mut Self {
        self.push(Block::Paragraph(paragraph.into()))
    }

    /// Appends a key–value list.
    pub fn key_values<L, V>(&mut self, pairs: impl IntoIterator<Item = (L, V)>) -> &mut Self
    where
        L: Into<String>,
        V: Into<String>,
    {
        let pairs = pairs
            .into_iter()
            .map(|(label, value)| KeyValue {
                label: label.into(),
                value: value.into(),
            })
            .collect();
        self.push(Block::KeyValues(pairs))
    }

    /// Appends a table.
    pub fn table(&mut self, table: Table) -> &mut Self {
        self.push(Block::Table(table))
    }

    /// Appends a bulleted list.
    pub fn bullets<P: Into<Paragraph>>(&mut self, items: impl IntoIterator<Item = P>) -> &mut Self {
        let items = items.into_iter().map(Into::into).collect();
        self.push(Block::Bullets(items))
    }

    /// Appends a page break.
    pub fn page_break(&mut self) -> &mut Self {
        self.push(Block::PageBreak)
    }
}

impl Paragraph {
    /// An empty paragraph, to fill with [`Paragraph::plain`], [`Paragraph::bold`] and
    /// [`Paragraph::italic`].
    pub fn new() -> Self {
        Paragraph::default()
    }

    /// Appends a run in `style`.
    pub fn run(mut self, style: RunStyle, text: impl Into<String>) -> Self {
        self.runs.push(Run {
            text: text.into(),
            style,
        });
        self
    }

    /// Appends a regular run.
    pub fn plain(self, text: impl Into<String>) -> Self {
        self.run(RunStyle::Plain, text)
    }

    /// Appends a bold run.
    pub fn bold(self, text: impl Into<String>) -> Self {
        self.run(RunStyle::Bold, text)
    }

    /// Appends an italic run.
    pub fn italic(self, text: impl Into<String>) -> Self {
        self.run(RunStyle::Italic, text)
    }

    /// The paragraph's text without styles.
    pub fn text(&self) -> String {
        self.runs.iter().map(|run| run.text.as_str()).collect()
    }
}

impl From<&str> for Paragraph {
    fn from(text: &str) -> Self {
        Paragraph::new().plain(text)
    }
}

impl From<String> for Paragraph {
    fn from(text: String) -> Self {
        Paragraph::new().plain(text)
    }
}

impl Table {
    /// A table with these (heading, relative width) columns and no rows yet.
    pub fn new<H: Into<String>>(columns: impl IntoIterator<Item = (H, u16)>) -> Self {
        let columns = columns
            .into_iter()
            .map(|(heading, width)| Column {
                heading: heading.into(),
                width,
            })
            .collect();
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn row<C: Into<String>>(mut self, cells: impl IntoIterator<Item = C>) -> Self {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }

    /// Each column's share of the table's width (they add up to 1).
    pub fn column_fractions(&self) -> Vec<f32> {
        let weights: Vec<f32> = self
            .columns
            .iter()
            .map(|column| f32::from(column.width.max(1)))
            .collect();
        let total: f32 = weights.iter().sum();
        weights.iter().map(|weight| weight / total).collect()
    }

    /// Row `row_idx`'s cells, exactly one per column.
    pub fn cells(&self, row_idx: usize) -> impl Iterator<Item = &str> {
        let row = &self.rows[row_idx];
        (0..self.columns.len()).map(move |col_idx| row.get(col_idx).map_or("", String::as_str))
    }
}

/// A document that could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The .docx package could not be written.
    #[error("writing the docx package: {0}")]
    Docx(#[from] docx_rs::DocxError),
    /// The PDF could not be written.
    #[error("writing the PDF: {0}")]
    Pdf(#[from] krilla::error::KrillaError),
    /// An embedded font could not be read (a broken build, not bad input).
    #[error("reading the embedded font {0}")]
    Font(&'static str),
}
