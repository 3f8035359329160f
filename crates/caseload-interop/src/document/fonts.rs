//! The PDF's three faces of Open Sans (bundled in `fonts/`, Apache-2.0) and their measurement:
//! the advance width of text at a size, from the fonts' own metrics, so lines wrap where the
//! glyphs actually end.
//!
//! What it deliberately is not: a shaper. Widths are summed per character without kerning or
//! ligatures (krilla shapes when it draws); for Open Sans the difference is a fraction of a point
//! on a line, well inside a table cell's padding.

use super::DocumentError;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{charmap::Charmap, FontRef, MetadataProvider};

pub(crate) const REGULAR: &[u8] = include_bytes!("../../fonts/OpenSans-Regular.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../fonts/OpenSans-Bold.ttf");
pub(crate) const ITALIC: &[u8] = include_bytes!("../../fonts/OpenSans-Italic.ttf");

/// One of the bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    pub(crate) const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
            Face::Italic => ITALIC,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Face::Regular => "OpenSans-Regular",
            Face::Bold => "OpenSans-Bold",
            Face::Italic => "OpenSans-Italic",
        }
    }

    fn idx(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
        }
    }
}

struct FaceMetrics {
    charmap: Charmap<'static>,
    glyphs: GlyphMetrics<'static>,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

/// The measurements of the three faces, read once per document.
pub(crate) struct Faces {
    faces: Vec<FaceMetrics>,
}

impl Faces {
    pub(crate) fn load() -> Result<Faces, DocumentError> {
        let faces = Face::ALL
            .into_iter()
            .map(face_metrics)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Faces { faces })
    }

    /// The advance width of `text` in `face` at `size` points.
    pub(crate) fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let metrics = &self.faces[face.idx()];
        let units: f32 = text
            .chars()
            .map(|c| {
                let glyph = metrics.charmap.map(c).unwrap_or_default();
                metrics.glyphs.advance_width(glyph).unwrap_or(0.0)
            })
            .sum();
        units * size / metrics.units_per_em
    }

    /// How far the tallest glyphs rise above the baseline, per point of size.
    pub(crate) fn ascent(&self, face: Face) -> f32 {
        let metrics = &self.faces[face.idx()];
        metrics.ascent / metrics.units_per_em
    }

    /// How far the deepest glyphs fall below the baseline, per point of size (positive).
    pub(crate) fn descent(&self, face: Face) -> f32 {
        let metrics = &self.faces[face.idx()];
        metrics.descent.abs() / metrics.units_per_em
    }
}

fn face_metrics(face: Face) -> Result<FaceMetrics, DocumentError> {
    let font = FontRef::new(face.bytes()).map_err(|_| DocumentError::Font(face.name()))?;
    let location = LocationRef::default();
    let metrics = font.metrics(Size::unscaled(), location);
    Ok(FaceMetrics {
        charmap: font.charmap(),
        glyphs: font.glyph_metrics(Size::unscaled(), location),
        units_per_em: f32::from(metrics.units_per_em),
        ascent: metrics.ascent,
        descent: metrics.descent,
    })
}
