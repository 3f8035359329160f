//! Documents as .docx and PDF, read back: the .docx as a zip of XML parts (the heading styles,
//! the tables and their repeated header rows, the footer's page fields, A4), the PDF with an
//! independent reader (lopdf: its text through the ToUnicode maps, its pages and boxes).
//!
//! `sample_review_record` and `sample_letter` show how a pack, a record or a letter is built;
//! `DOCUMENT_SAMPLES=/some/dir cargo test -p caseload-interop document::` also writes them
//! there, to look at (`pdftoppm -png -r 70 record.pdf page`).

use caseload_interop::document::{
    document_docx, document_pdf, Document, HeadingLevel, Paragraph, Table,
};
use proptest::prelude::*;
use std::io::{Cursor, Read};

const MARKING: &str = "OFFICIAL-SENSITIVE: PERSONAL";

/// A review-record-like document: synthetic names, three pages or so.
pub fn sample_review_record() -> Document {
    let mut doc = Document::new("Looked-after child review: record")
        .with_marking(MARKING)
        .with_meta("Alex Example (born 14/02/2014) · LAC review held on 03/11/2026")
        .with_meta("Chair: Jordan Sample, Independent Reviewing Officer");
    doc.heading(HeadingLevel::One, "The child in brief");
    doc.key_values([
        ("Preferred name", "Alex"),
        ("Age at the review", "12 years 8 months"),
        ("Legal status", "Interim care order (s.38 Children Act 1989)"),
        ("Looked after since", "17/03/2025 (1 year 7 months)"),
        ("Placement", "Foster care with local authority carers, same placement since 02/04/2025; school unchanged"),
        ("Siblings", "Sam Example (9), placed with the same carers; IRO: Jordan Sample"),
    ]);
    doc.heading(HeadingLevel::One, "Attendance");
    doc.table(
        Table::new([("Name", 3), ("Role", 3), ("Attendance", 2)])
            .row(["Alex Example", "Child", "Present for the first half"])
            .row(["Chris Placeholder", "Social worker", "Present"])
            .row(["Pat Demo", "Foster carer", "Present"])
            .row(["Morgan Test", "Designated teacher", "Report only"])
            .row(["Robin Fictional", "Birth parent", "Apologies"]),
    );
    doc.heading(HeadingLevel::One, "The child's views");
    doc.paragraph(
        Paragraph::new()
            .plain("Alex chaired the first part of the meeting with the IRO's help and said ")
            .italic("“I want to stay where I am, and I want to see Sam every day.”")
            .plain(" Alex met the IRO alone before the review, at school, on 27/10/2026."),
    );
    doc.paragraph(
        "Participation code: PN1 (the child attended and spoke for themself). Alex would like an \
         advocate for the next review and asked that the meeting be held after school, not in \
         the morning, so that lessons are not missed. Alex asked that the minutes be written \
         in words Alex can read, and that Alex's teacher does not receive the full record.",
    );
    doc.heading(HeadingLevel::One, "Decisions");
    doc.paragraph("Each decision has one owner and a date. The IRO will check each one before the next review.");
    let mut decisions = Table::new([
        ("No.", 1),
        ("Decision", 8),
        ("Owner", 3),
        ("By", 2),
        ("Status", 2),
    ]);
    let texts = [
        "The care plan is endorsed: long-term fostering with the current carers, to be presented to the fostering panel for a match.",
        "A referral for an independent advocate is made and Alex meets the advocate before the next review.",
        "Family time with Robin stays at once a fortnight, supervised, and is reviewed with Alex after six sessions; Alex's wish for more is recorded.",
        "The personal education plan is updated with the tutoring agreed at school, and the pupil premium plus funding is confirmed in writing.",
        "An initial health assessment follow-up: the dental appointment missed in September is rebooked.",
        "Life-story work starts, with a worker Alex has met, at a pace Alex chooses.",
        "The social worker visits Alex alone at least every six weeks, and records Alex's views each time.",
        "The delegated authority letter is given to the carers so that they can sign school trips and haircuts without asking.",
    ];
    for round in 0..3 {
        for (idx, text) in texts.iter().enumerate() {
            let number = round * texts.len() + idx + 1;
            decisions = decisions.row([
                number.to_string(),
                text.to_string(),
                ["Social worker", "Team manager", "Foster carer", "IRO"][idx % 4].to_string(),
                format!("{:02}/12/2026", 1 + (number % 28)),
                ["Open", "Done", "Overdue"][idx % 3].to_string(),
            ]);
        }
    }
    doc.table(decisions);
    doc.heading(HeadingLevel::Two, "Scaling");
    doc.paragraph(
        "On a scale of 0 to 10, where 10 means everyone is confident Alex is safe and settled:",
    );
    doc.table(
        Table::new([("Participant", 3), ("Role", 3), ("Score", 1), ("Why", 6)])
            .row([
                "Alex Example",
                "Child",
                "8",
                "Likes home, misses Sam after school",
            ])
            .row([
                "Chris Placeholder",
                "Social worker",
                "7",
                "Placement stable; family time still hard",
            ])
            .row([
                "Pat Demo",
                "Foster carer",
                "8",
                "Settled; sleeping better since the summer",
            ]),
    );
    doc.heading(HeadingLevel::Three, "Next review");
    doc.paragraph("Due by 03/05/2027 (six months after this review). Plan by: 30/04/2027.");
    doc.bullets([
        "Invite the advocate.",
        "Ask the school for the updated personal education plan two weeks before.",
    ]);
    doc
}

/// A one-page letter to the child.
pub fn sample_letter() -> Document {
    let mut doc = Document::letter("After your review")
        .with_marking(MARKING)
        .with_meta("To Alex, 5 November 2026");
    doc.paragraph("Dear Alex,");
    doc.paragraph(
        "Thank you for coming to your review on Tuesday and for helping me chair it. You told \
         us that you want to stay with Pat and that you want to see Sam every day. Everyone \
         heard that.",
    );
    doc.paragraph("This is what we agreed:");
    doc.bullets([
        "You will stay with Pat, and Chris will ask the panel to make it your long-term home.",
        "You will meet an advocate, someone who helps you say what you think.",
        "Your next review will be after school, before 3 May.",
    ]);
    doc.paragraph(
        "If you want to talk to me before then, ask Pat or Chris to ring me, or send me a \
         message. I will visit you at school in the spring.",
    );
    doc.paragraph(Paragraph::new().plain("From ").bold("Jordan"));
    doc.paragraph("Your Independent Reviewing Officer");
    doc
}

// --- reading the files back ---

fn zip_part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut part = archive.by_name(name).unwrap();
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

/// The text of every `w:t` in a part, joined by spaces.
fn xml_text(xml: &str) -> String {
    let mut out = Vec::new();
    for piece in xml.split("<w:t").skip(1) {
        let start = piece.find('>').unwrap() + 1;
        let end = piece.find("</w:t>").unwrap_or(start);
        out.push(&piece[start..end]);
    }
    out.join(" ")
}

struct PdfRead {
    n_pages: usize,
    /// Each page's text.
    pages: Vec<String>,
    media_boxes: Vec<Vec<f32>>,
    title: Option<String>,
    /// The top-level bookmarks' titles.
    outline: Vec<String>,
}

fn read_pdf(pdf: &[u8]) -> PdfRead {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page_ids = doc.get_pages();
    let pages = page_ids
        .keys()
        .map(|number| doc.extract_text(&[*number]).unwrap())
        .collect();
    let media_boxes = page_ids
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).unwrap();
            page.get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_float().unwrap())
                .collect()
        })
        .collect();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let title = doc.get_dictionary(info).unwrap().get(b"Title").ok();
    let title = title.map(|title| lopdf::decode_text_string(title).unwrap());
    let outline = top_bookmarks(&doc);
    PdfRead {
        outline,
        n_pages: page_ids.len(),
        pages,
        media_boxes,
        title,
    }
}

fn top_bookmarks(doc: &lopdf::Document) -> Vec<String> {
    let Ok(outlines) = doc.catalog().unwrap().get(b"Outlines") else {
        return Vec::new();
    };
    let outlines = doc
        .get_dictionary(outlines.as_reference().unwrap())
        .unwrap();
    let mut next = outlines
        .get(b"First")
        .ok()
        .map(|first| first.as_reference().unwrap());
    let mut titles = Vec::new();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        titles.push(lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap());
        next = item
            .get(b"Next")
            .ok()
            .map(|next| next.as_reference().unwrap());
    }
    titles
}

/// Whitespace-insensitive: the extractor's line breaks and spacing are its own.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_sample(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("DOCUMENT_SAMPLES") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

// --- .docx ---

#[test]
fn docx_has_word_headings_a_real_table_and_a4_pages() {
    let docx = document_docx(&sample_review_record()).unwrap();
    write_sample("record.docx", &docx);
    let body = zip_part(&docx, "word/document.xml");
    for style in ["Title", "Heading1", "Heading2", "Heading3"] {
        assert!(
            body.contains(&format!(r#"<w:pStyle w:val="{style}" />"#)),
            "{style}"
        );
    }
    assert!(body.contains("<w:tbl>"));
    assert!(body.contains("<w:tblHeader />"), "the header row repeats");
    assert_eq!(
        body.matches("<w:tblHeader />").count(),
        3,
        "one per data table"
    );
    for table in body.split("<w:tbl>").skip(1) {
        let first_row_end = table.find("</w:tr>").unwrap();
        let (first_row, rest) = table.split_at(first_row_end);
        assert!(
            !rest.contains("<w:tblHeader />"),
            "only a first row repeats"
        );
        let is_key_values = first_row.contains("Preferred name");
        assert_eq!(
            first_row.contains("<w:tblHeader />"),
            !is_key_values,
            "{first_row}"
        );
    }
    assert!(body.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#), "A4");
    let text = xml_text(&body);
    for expected in [
        "Looked-after child review: record",
        "The child in brief",
        "Interim care order (s.38 Children Act 1989)",
        "Decision",
        "Life-story work starts, with a worker Alex has met, at a pace Alex chooses.",
        "Invite the advocate.",
    ] {
        assert!(text.contains(expected), "{expected}");
    }
}

#[test]
fn docx_styles_make_headings_that_word_lists_in_its_navigation_pane() {
    let docx = document_docx(&sample_review_record()).unwrap();
    let styles = zip_part(&docx, "word/styles.xml");
    for (id, name, level) in [
        ("Heading1", "heading 1", 0),
        ("Heading2", "heading 2", 1),
        ("Heading3", "heading 3", 2),
    ] {
        let start = styles.find(&format!(r#"w:styleId="{id}""#)).unwrap();
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert!(
            style.contains(&format!(r#"<w:name w:val="{name}" />"#)),
            "{style}"
        );
        assert!(
            style.contains(&format!(r#"<w:outlineLvl w:val="{level}" />"#)),
            "{style}"
        );
    }
}

#[test]
fn docx_bullets_are_bullets_not_numbers() {
    let docx = document_docx(&sample_letter()).unwrap();
    let numbering = zip_part(&docx, "word/numbering.xml");
    let body = zip_part(&docx, "word/document.xml");
    let after = |text: &str, marker: &str| -> String {
        let rest = text.split(marker).nth(1).unwrap();
        rest.split('"').next().unwrap().to_string()
    };
    let num_id = after(&body, r#"<w:numId w:val=""#);
    let num = format!(r#"<w:num w:numId="{num_id}">"#);
    assert_eq!(numbering.matches(&num).count(), 1, "{numbering}");
    let abstract_id = after(
        numbering.split(&num).nth(1).unwrap(),
        r#"<w:abstractNumId w:val=""#,
    );
    let definition = format!(r#"<w:abstractNum w:abstractNumId="{abstract_id}">"#);
    assert_eq!(numbering.matches(&definition).count(), 1, "{numbering}");
    let first_level = numbering.split(&definition).nth(1).unwrap();
    assert!(first_level.contains(r#"<w:numFmt w:val="bullet" />"#));
    assert!(first_level.find("bullet").unwrap() < first_level.find("</w:lvl>").unwrap());
}

#[test]
fn docx_marks_every_page_numbers_them_and_carries_the_title() {
    let docx = document_docx(&sample_review_record()).unwrap();
    let header = zip_part(&docx, "word/header1.xml");
    assert!(xml_text(&header).contains(MARKING));
    let footer = zip_part(&docx, "word/footer1.xml");
    assert!(
        footer.contains("<w:instrText>PAGE</w:instrText>"),
        "{footer}"
    );
    assert!(footer.contains("NUMPAGES"), "{footer}");
    let footer_text = xml_text(&footer);
    assert!(
        footer_text.contains("Page") && footer_text.contains("of"),
        "{footer_text}"
    );
    let core = zip_part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Looked-after child review: record</dc:title>"),
        "{core}"
    );
}

#[test]
fn docx_escapes_markup_in_text_and_title() {
    let mut doc = Document::new("Tom & Jerry <draft>");
    doc.paragraph("A < B & \"C\"");
    let docx = document_docx(&doc).unwrap();
    let core = zip_part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Tom &amp; Jerry &lt;draft&gt;</dc:title>"),
        "{core}"
    );
    let body = zip_part(&docx, "word/document.xml");
    assert!(body.contains("A &lt; B &amp;"), "{body}");
}

// --- PDF ---

#[test]
fn pdf_text_is_real_text_with_headings_cells_and_page_numbers() {
    let pdf = document_pdf(&sample_review_record()).unwrap();
    write_sample("record.pdf", &pdf);
    let read = read_pdf(&pdf);
    assert!(read.n_pages >= 2, "{} pages", read.n_pages);
    let all = squash(&read.pages.join("\n"));
    for expected in [
        "Looked-after child review: record",
        "The child in brief",
        "Attendance",
        "Interim care order (s.38 Children Act 1989)",
        "Designated teacher",
        "Scaling",
        "Invite the advocate.",
    ] {
        assert!(all.contains(expected), "{expected} in {all}");
    }
    for (page_idx, page) in read.pages.iter().enumerate() {
        let number = format!("Page {} of {}", page_idx + 1, read.n_pages);
        assert!(squash(page).contains(&number), "{number} in {page}");
        assert_eq!(
            squash(page).matches(MARKING).count(),
            2,
            "top and foot of page {page_idx}"
        );
    }
    assert_eq!(
        read.title.as_deref(),
        Some("Looked-after child review: record")
    );
    assert_eq!(
        read.outline,
        [
            "The child in brief",
            "Attendance",
            "The child's views",
            "Decisions"
        ],
        "level-one headings are the top bookmarks"
    );
}

#[test]
fn pdf_pages_are_a4() {
    let read = read_pdf(&document_pdf(&sample_review_record()).unwrap());
    for media_box in read.media_boxes {
        assert_eq!(media_box.len(), 4);
        assert!(
            (media_box[2] - media_box[0] - 595.28).abs() < 0.5,
            "{media_box:?}"
        );
        assert!(
            (media_box[3] - media_box[1] - 841.89).abs() < 0.5,
            "{media_box:?}"
        );
    }
}

#[test]
fn pdf_wraps_a_long_paragraph_into_lines_that_keep_every_word() {
    let sentence =
        "The independent reviewing officer checked that the plan still meets the child's needs. ";
    let long = sentence.repeat(12);
    let mut doc = Document::new("Wrapping");
    doc.paragraph(long.as_str());
    let read = read_pdf(&document_pdf(&doc).unwrap());
    let text = &read.pages[0];
    assert!(squash(text).contains(&squash(&long)), "{text}");
    let n_lines = text.lines().filter(|line| line.contains("child")).count();
    assert!(n_lines >= 5, "a long paragraph is several lines: {text}");
}

#[test]
fn pdf_long_table_spans_pages_with_its_header_on_each() {
    let table = |n_rows: usize| {
        (0..n_rows).fold(
            Table::new([("Decision", 6), ("Owner", 2), ("Status", 2)]),
            |table, row_idx| {
                table.row([
                    format!("Decision number {row_idx}: the plan is reviewed and the child is asked what they think of it."),
                    "Social worker".to_string(),
                    "Open".to_string(),
                ])
            },
        )
    };
    let pages_for = |n_rows: usize| {
        let mut doc = Document::new("Decisions");
        doc.table(table(n_rows));
        read_pdf(&document_pdf(&doc).unwrap())
    };
    let short = pages_for(5);
    let long = pages_for(120);
    assert_eq!(short.n_pages, 1);
    assert!(long.n_pages >= 4, "{} pages", long.n_pages);
    for page in &long.pages {
        let text = squash(page);
        assert!(
            text.contains("Decision Owner Status"),
            "header repeated: {text}"
        );
    }
    let all = squash(&long.pages.join("\n"));
    for row_idx in [0, 59, 119] {
        assert!(
            all.contains(&format!("Decision number {row_idx}:")),
            "row {row_idx}"
        );
    }
}

#[test]
fn pdf_row_taller_than_a_page_splits_between_lines() {
    let huge = "A very long note in one cell. ".repeat(400);
    let mut doc = Document::new("One tall row");
    doc.table(Table::new([("Note", 4), ("By", 1)]).row([huge.as_str(), "IRO"]));
    let read = read_pdf(&document_pdf(&doc).unwrap());
    assert!(read.n_pages >= 2);
    let all = squash(&read.pages.join("\n"));
    assert_eq!(all.matches("A very long note in one cell.").count(), 400);
}

#[test]
fn empty_document_renders_one_page_in_both_formats() {
    let doc = Document::new("");
    let read = read_pdf(&document_pdf(&doc).unwrap());
    assert_eq!(read.n_pages, 1);
    assert!(squash(&read.pages[0]).contains("Page 1 of 1"));
    let docx = document_docx(&doc).unwrap();
    assert!(zip_part(&docx, "word/document.xml").contains("<w:body>"));
    let empty_table = {
        let mut doc = Document::new("Empty table");
        doc.table(Table::new([("Only a header", 1)]));
        doc.table(Table::new(Vec::<(String, u16)>::new()).row(["no column for this"]));
        doc.key_values(Vec::<(String, String)>::new());
        doc.bullets(Vec::<String>::new());
        doc.page_break();
        doc
    };
    assert_eq!(read_pdf(&document_pdf(&empty_table).unwrap()).n_pages, 1);
    let body = zip_part(&document_docx(&empty_table).unwrap(), "word/document.xml");
    assert_eq!(
        body.matches("<w:tbl>").count(),
        1,
        "no table Word would call damaged"
    );
    assert!(!body.contains(r#"w:type="page""#), "no trailing page break");
    let mut two_pages = Document::new("Two pages");
    two_pages.page_break().paragraph("Second page");
    let body = zip_part(&document_docx(&two_pages).unwrap(), "word/document.xml");
    assert!(body.contains(r#"<w:br w:type="page" />"#), "{body}");
    assert_eq!(read_pdf(&document_pdf(&two_pages).unwrap()).n_pages, 2);
}

#[test]
fn a_word_longer_than_the_line_is_cut_not_lost() {
    let word = "Reference:".to_string() + &"ABCDEFGHIJ0123456789".repeat(20);
    let mut doc = Document::new("Long word");
    doc.paragraph(word.as_str());
    doc.table(Table::new([("Narrow", 1), ("Wide", 5)]).row([word.as_str(), "x"]));
    let read = read_pdf(&document_pdf(&doc).unwrap());
    let joined: String = read.pages[0].split_whitespace().collect();
    assert_eq!(joined.matches(&word).count(), 2, "{}", read.pages[0]);
}

#[test]
fn non_ascii_text_renders_and_extracts() {
    let text = "Zoë’s café – £12.50 “quoted” naïve façade";
    let mut doc = Document::new("Renée’s review – résumé");
    doc.heading(HeadingLevel::One, "Décisions – £");
    doc.paragraph(text);
    doc.table(Table::new([("Coût", 1)]).row([text]));
    let read = read_pdf(&document_pdf(&doc).unwrap());
    let all = squash(&read.pages[0]);
    assert!(all.contains("Renée’s review – résumé"), "{all}");
    assert!(all.contains("Décisions – £"), "{all}");
    assert_eq!(all.matches(text).count(), 2, "{all}");
    assert_eq!(read.title.as_deref(), Some("Renée’s review – résumé"));
    let body = zip_part(&document_docx(&doc).unwrap(), "word/document.xml");
    assert!(body.contains(text));
}

#[test]
fn letter_is_one_page_in_larger_type() {
    let letter = sample_letter();
    let pdf = document_pdf(&letter).unwrap();
    write_sample("letter.pdf", &pdf);
    write_sample("letter.docx", &document_docx(&letter).unwrap());
    let read = read_pdf(&pdf);
    assert_eq!(read.n_pages, 1);
    assert!(squash(&read.pages[0]).contains("Dear Alex,"));
    let body = zip_part(&document_docx(&letter).unwrap(), "word/styles.xml");
    assert!(body.contains(r#"<w:sz w:val="26" />"#), "13 pt body text");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_text_renders_in_both_formats(
        title in "\\PC{0,40}",
        paragraph in "[\\PC\n]{0,400}",
        cells in proptest::collection::vec("\\PC{0,120}", 0..12),
    ) {
        let mut doc = Document::new(title).with_marking(MARKING);
        doc.paragraph(paragraph.as_str());
        let table = cells.chunks(3).fold(
            Table::new([("A", 1), ("B", 3), ("C", 0)]),
            |table, row| table.row(row.iter().cloned()),
        );
        doc.table(table);
        let read = read_pdf(&document_pdf(&doc).unwrap());
        prop_assert!(read.n_pages >= 1);
        let docx = document_docx(&doc).unwrap();
        prop_assert!(zip_part(&docx, "word/document.xml").contains("</w:body>"));
    }
}

#[test]
fn map_text_reaches_every_piece_of_text_a_reader_sees() {
    let mut doc = Document::new("LAC review: record")
        .with_meta("LAC review held Mon 7 Dec 2026")
        .with_marking("LAC");
    doc.heading(HeadingLevel::Two, "LAC")
        .paragraph(Paragraph::new().plain("The LAC ").bold("LAC"))
        .key_values([("LAC", "LAC")])
        .table(Table::new([("LAC", 1)]).row(["LAC"]))
        .bullets(["LAC"]);
    doc.map_text(|t| t.replace("LAC", "CLA"));
    let docx = document_docx(&doc).unwrap();
    let mut xml = String::new();
    zip::ZipArchive::new(Cursor::new(docx))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(!xml.contains("LAC"), "{xml}");
    // Title, meta, heading, two runs, label and value, heading and cell, bullet.
    assert_eq!(xml.matches("CLA").count(), 10);
    assert_eq!(doc.title, "CLA review: record");
    assert_eq!(doc.marking.as_deref(), Some("CLA"));
}
