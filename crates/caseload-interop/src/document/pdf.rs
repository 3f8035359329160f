//! A [`Document`] as a PDF, painted with krilla from the pages [`layout`](super::layout) made:
//! Open Sans embedded (subset) with ToUnicode maps, so the text is real, selectable and
//! searchable text; the title in the metadata; the headings as the outline (bookmarks).
//!
//! What it deliberately is not: where anything goes (that is the layout's), nor a tagged
//! (PDF/UA) file yet.

use super::fonts::{Face, Faces};
use super::layout::{lay_out, Colour, Item, OutlineEntry, Pages, A4_HEIGHT, A4_WIDTH};
use super::{Document, DocumentError};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

/// Writes `document` as an A4 PDF.
pub fn document_pdf(document: &Document) -> Result<Vec<u8>, DocumentError> {
    let faces = Faces::load()?;
    let pages = lay_out(document, &faces);
    let fonts = pdf_fonts()?;
    let mut pdf = krilla::Document::new();
    for items in &pages.pages {
        // A4 in points, exactly; krilla's default (595 × 842) is the same page rounded.
        let settings = PageSettings::from_wh(A4_WIDTH, A4_HEIGHT).unwrap_or_default();
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for item in items {
            paint(&mut surface, item, &fonts);
        }
        surface.finish();
        page.finish();
    }
    pdf.set_outline(outline(&pages));
    pdf.set_metadata(
        Metadata::new()
            .title(document.title.clone())
            .language("en-GB".to_string())
            .creator("IRO Caseload".to_string()),
    );
    Ok(pdf.finish()?)
}

/// The three faces as krilla fonts, in [`Face::ALL`] order.
fn pdf_fonts() -> Result<Vec<Font>, DocumentError> {
    Face::ALL
        .into_iter()
        .map(|face| Font::new(face.bytes().into(), 0).ok_or(DocumentError::Font(face.name())))
        .collect()
}

fn font_of(fonts: &[Font], face: Face) -> Font {
    let idx = Face::ALL.iter().position(|f| *f == face).unwrap_or(0);
    fonts[idx].clone()
}

fn fill(colour: Colour) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        ..Fill::default()
    }
}

fn paint(surface: &mut Surface<'_>, item: &Item, fonts: &[Font]) {
    match item {
        Item::Text {
            x,
            y,
            face,
            size,
            colour,
            text,
        } => {
            surface.set_fill(Some(fill(*colour)));
            surface.draw_text(
                Point::from_xy(*x, *y),
                font_of(fonts, *face),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Item::Rect {
            x,
            y,
            width,
            height,
            colour,
        } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else {
                return;
            };
            let mut builder = PathBuilder::new();
            builder.push_rect(rect);
            if let Some(path) = builder.finish() {
                surface.set_fill(Some(fill(*colour)));
                surface.draw_path(&path);
            }
        }
    }
}

/// The headings as nested bookmarks: a level-two heading under the level-one before it.
fn outline(pages: &Pages) -> Outline {
    let mut outline = Outline::new();
    let mut entries = pages.outline.iter().peekable();
    while let Some(entry) = entries.next() {
        outline.push_child(outline_node(entry, &mut entries));
    }
    outline
}

fn outline_node<'a>(
    entry: &OutlineEntry,
    rest: &mut std::iter::Peekable<impl Iterator<Item = &'a OutlineEntry>>,
) -> OutlineNode {
    let destination = XyzDestination::new(entry.page_idx, Point::from_xy(0.0, entry.y));
    let mut node = OutlineNode::new(entry.text.clone(), destination);
    while let Some(child) = rest.next_if(|next| next.level > entry.level) {
        node.push_child(outline_node(child, rest));
    }
    node
}
