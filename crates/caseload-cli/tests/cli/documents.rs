//! Reading exported documents back: a .docx's parts and text, a PDF's pages' text.

use std::io::{Cursor, Read};
use std::path::Path;

/// One part of a .docx (a zip of XML parts), as text.
pub fn zip_part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut part = archive.by_name(name).unwrap();
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

/// The text of every `w:t` of the .docx's body, joined by spaces, entities decoded.
pub fn docx_text(path: &Path) -> String {
    let xml = zip_part(&std::fs::read(path).unwrap(), "word/document.xml");
    let mut out = Vec::new();
    for piece in xml.split("<w:t").skip(1) {
        let start = piece.find('>').unwrap() + 1;
        let end = piece.find("</w:t>").unwrap_or(start);
        out.push(&piece[start..end]);
    }
    let text = out
        .join(" ")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    squash(&text)
}

/// Every page's text, joined, whitespace squashed.
pub fn pdf_text(path: &Path) -> (usize, String) {
    let doc = lopdf::Document::load_mem(&std::fs::read(path).unwrap()).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = pages
        .iter()
        .map(|n| doc.extract_text(&[*n]).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    (pages.len(), squash(&text))
}

/// Runs of whitespace as one space.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
