//! The 903 return as XML, read as a stream of events (quick-xml): `<EXPSSDA903>` (or any
//! wrapper) holding one `<CHILD>` per child, each a `<HEADER>` (`CHILDID`, `SEX`, `DOB`, `ETHNIC`,
//! and an `<AREVIEW>` per review: `REVIEW`, `REVIEW_CODE`) followed by its `<EPISODE>`s (`DECOM`,
//! `RNE`, `LS`, `PL`, `DEC`, `REC`). Element names are matched in any case; every other element
//! (OC2, PERMANENCE, UASC, …) is named in the notes and not read.
//!
//! One `<CHILD>` is gathered, then its rows are checked and added together (`rows.rs`), so memory
//! holds one child, not the file. Where: `SourceRef.element` is `CHILD 12` (the 12th), `CHILD 12
//! EPISODE 2` or `CHILD 12 AREVIEW 1`, with the line the element starts on. A file that is not
//! well-formed is read up to the error, which is a problem; the child it cuts is named, not used.

use std::collections::BTreeSet;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::count;
use super::rows::{EpisodeRow, HeaderRow, Reading, ReviewRow};
use crate::import::text::{decode, Encoding};
use crate::import::{Extract, SourceRef};

/// At most this many names of elements not read are listed in the notes.
const MAX_NOT_READ: usize = 30;

/// A 903 XML file, by name and bytes, read into an [`Extract`].
pub fn read_903_xml(name: &str, bytes: &[u8]) -> Extract {
    let (text, encoding) = decode(bytes);
    let mut read = XmlRead {
        name,
        lines: Lines::new(&text),
        reading: Reading::default(),
        stack: Vec::new(),
        child: None,
        n_children: 0,
        n_episodes: 0,
        n_reviews: 0,
        n_not_used: 0,
        not_read: BTreeSet::new(),
    };
    read.events(&text);
    read.finish(encoding)
}

/// Where the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    /// A `<CHILD>`.
    Child,
    /// Its `<HEADER>`.
    Header,
    /// An `<AREVIEW>`.
    Review,
    /// An `<EPISODE>`.
    Episode,
    /// An element whose text is a value read.
    Field(Field),
    /// Anything else (its text is not read).
    Other,
}

/// The values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    ChildId,
    Sex,
    Dob,
    Ethnic,
    Review,
    ReviewCode,
    Decom,
    Rne,
    Ls,
    Place,
    Dec,
    Rec,
}

/// The kinds of row a `<CHILD>` holds.
#[derive(Debug, Clone, Copy)]
enum Row {
    Header,
    Episode,
    Review,
}

/// An `<EPISODE>` as read.
#[derive(Default)]
struct PendingEpisode {
    at: Option<SourceRef>,
    decom: String,
    rne: String,
    ls: String,
    place: String,
    dec: String,
    rec: String,
}

/// An `<AREVIEW>` as read.
#[derive(Default)]
struct PendingReview {
    at: Option<SourceRef>,
    review: String,
    review_code: String,
}

/// A `<CHILD>` as read so far.
struct PendingChild {
    /// `CHILD 12`.
    element: String,
    /// Where the `<CHILD>` starts.
    at: SourceRef,
    /// Where its `<HEADER>` starts.
    header_at: Option<SourceRef>,
    /// `CHILDID` (or `CHILD` inside the header).
    id_field: &'static str,
    id: String,
    sex: String,
    dob: String,
    ethnic: String,
    reviews: Vec<PendingReview>,
    episodes: Vec<PendingEpisode>,
}

impl PendingChild {
    /// The string a field's text goes to: the header's, or the last review's or episode's.
    fn slot(&mut self, field: Field) -> Option<&mut String> {
        let review = self.reviews.last_mut();
        let episode = self.episodes.last_mut();
        Some(match field {
            Field::ChildId => &mut self.id,
            Field::Sex => &mut self.sex,
            Field::Dob => &mut self.dob,
            Field::Ethnic => &mut self.ethnic,
            Field::Review => &mut review?.review,
            Field::ReviewCode => &mut review?.review_code,
            Field::Decom => &mut episode?.decom,
            Field::Rne => &mut episode?.rne,
            Field::Ls => &mut episode?.ls,
            Field::Place => &mut episode?.place,
            Field::Dec => &mut episode?.dec,
            Field::Rec => &mut episode?.rec,
        })
    }
}

/// Line numbers of byte offsets, counted forward as the reader moves on.
struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: u32,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line of a byte offset.
    fn at(&mut self, offset: u64) -> u32 {
        let to = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if to < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let newlines = self
            .text
            .get(self.offset..to)
            .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
        self.line = self
            .line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.offset = to;
        self.line
    }
}

/// The state of one read.
struct XmlRead<'a, 't> {
    name: &'a str,
    lines: Lines<'t>,
    reading: Reading,
    stack: Vec<Node>,
    child: Option<PendingChild>,
    n_children: usize,
    n_episodes: usize,
    n_reviews: usize,
    n_not_used: usize,
    /// Elements of a child or its header not read (for the notes).
    not_read: BTreeSet<String>,
}

/// An element's local name in capitals.
fn name_of(start: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(start.local_name().as_ref()).to_ascii_uppercase()
}

impl XmlRead<'_, '_> {
    /// Reads every event, stopping at the end or the first error.
    fn events(&mut self, text: &str) {
        let mut reader = Reader::from_str(text);
        reader.config_mut().expand_empty_elements = true;
        loop {
            let offset = reader.buffer_position();
            match reader.read_event() {
                Ok(Event::Start(start)) => self.start(&start, offset),
                Ok(Event::End(_)) => self.end(),
                Ok(Event::Text(t)) => self.text(&t.xml10_content().unwrap_or_default()),
                Ok(Event::CData(t)) => self.text(&t.decode().unwrap_or_default()),
                Ok(Event::GeneralRef(r)) => {
                    let entity = r.decode().unwrap_or_default();
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => self.text(c.encode_utf8(&mut [0; 4])),
                        _ => self.text(resolve_predefined_entity(&entity).unwrap_or_default()),
                    }
                }
                Ok(Event::Eof) => {
                    if !self.stack.is_empty() {
                        let message = "ends before every element is closed (the file is cut short)";
                        self.broken(text.len() as u64, message.to_string());
                    }
                    break;
                }
                Ok(_) => {}
                Err(err) => {
                    self.broken(
                        reader.error_position(),
                        format!("is not well-formed: {err}"),
                    );
                    break;
                }
            }
        }
    }

    /// Where an element starting at `offset` is, as `element` names it.
    fn source(&mut self, offset: u64, element: String) -> SourceRef {
        SourceRef {
            file: self.name.to_string(),
            line: Some(self.lines.at(offset)),
            element: Some(element),
        }
    }

    /// An element starts: what it is depends on where it is.
    fn start(&mut self, start: &BytesStart<'_>, offset: u64) {
        let name = name_of(start);
        let parent = self.stack.last().copied();
        let node = match (parent, self.child.is_some()) {
            (_, false) if name == "CHILD" => self.open_child(offset),
            (Some(Node::Child), _) => self.in_child(&name, offset),
            (Some(Node::Header), _) => self.in_header(&name, offset),
            (Some(Node::Review), _) => match name.as_str() {
                "REVIEW" => Node::Field(Field::Review),
                "REVIEW_CODE" => Node::Field(Field::ReviewCode),
                _ => Node::Other,
            },
            (Some(Node::Episode), _) => in_episode(&name),
            _ => Node::Other,
        };
        let of_child = matches!(parent, Some(Node::Child | Node::Header));
        if node == Node::Other && of_child && self.not_read.len() < MAX_NOT_READ {
            self.not_read.insert(name);
        }
        if let Node::Field(field) = node {
            if let Some(slot) = self.child.as_mut().and_then(|c| c.slot(field)) {
                slot.clear();
            }
        }
        self.stack.push(node);
    }

    /// A `<CHILD>` starts.
    fn open_child(&mut self, offset: u64) -> Node {
        self.n_children += 1;
        let element = format!("CHILD {}", self.n_children);
        let at = self.source(offset, element.clone());
        self.child = Some(PendingChild {
            element,
            at,
            header_at: None,
            id_field: "CHILDID",
            id: String::new(),
            sex: String::new(),
            dob: String::new(),
            ethnic: String::new(),
            reviews: Vec::new(),
            episodes: Vec::new(),
        });
        Node::Child
    }

    /// An element directly in a `<CHILD>`.
    fn in_child(&mut self, name: &str, offset: u64) -> Node {
        match name {
            "HEADER" => {
                let element = self.child_element();
                let at = self.source(offset, element);
                if let Some(child) = self.child.as_mut() {
                    child.header_at = Some(at);
                }
                Node::Header
            }
            "EPISODE" => self.open_episode(offset),
            "AREVIEW" => self.open_review(offset),
            _ => Node::Other,
        }
    }

    /// An element directly in a `<HEADER>`.
    fn in_header(&mut self, name: &str, offset: u64) -> Node {
        match name {
            "CHILDID" | "CHILD" => {
                if let Some(child) = self.child.as_mut() {
                    child.id_field = if name == "CHILD" { "CHILD" } else { "CHILDID" };
                }
                Node::Field(Field::ChildId)
            }
            "SEX" => Node::Field(Field::Sex),
            "DOB" => Node::Field(Field::Dob),
            "ETHNIC" => Node::Field(Field::Ethnic),
            "AREVIEW" => self.open_review(offset),
            _ => Node::Other,
        }
    }

    /// The current child's element name (`CHILD 12`).
    fn child_element(&self) -> String {
        self.child
            .as_ref()
            .map(|c| c.element.clone())
            .unwrap_or_default()
    }

    /// An `<EPISODE>` starts.
    fn open_episode(&mut self, offset: u64) -> Node {
        let n = self.child.as_ref().map_or(0, |c| c.episodes.len()) + 1;
        let at = self.source(offset, format!("{} EPISODE {n}", self.child_element()));
        if let Some(child) = self.child.as_mut() {
            child.episodes.push(PendingEpisode {
                at: Some(at),
                ..PendingEpisode::default()
            });
        }
        Node::Episode
    }

    /// An `<AREVIEW>` starts.
    fn open_review(&mut self, offset: u64) -> Node {
        let n = self.child.as_ref().map_or(0, |c| c.reviews.len()) + 1;
        let at = self.source(offset, format!("{} AREVIEW {n}", self.child_element()));
        if let Some(child) = self.child.as_mut() {
            child.reviews.push(PendingReview {
                at: Some(at),
                ..PendingReview::default()
            });
        }
        Node::Review
    }

    /// Text: kept if it is a field's.
    fn text(&mut self, text: &str) {
        if let Some(Node::Field(field)) = self.stack.last().copied() {
            if let Some(slot) = self.child.as_mut().and_then(|c| c.slot(field)) {
                slot.push_str(text);
            }
        }
    }

    /// An element ends; the end of a `<CHILD>` adds what was read of it.
    fn end(&mut self) {
        if self.stack.pop() == Some(Node::Child) {
            if let Some(child) = self.child.take() {
                self.add_child(child);
            }
        }
    }

    /// A problem with the file itself at `offset`: the child it cuts is named but not used.
    fn broken(&mut self, offset: u64, message: String) {
        let line = self.lines.at(offset);
        let child = self.child.take();
        let id = child
            .as_ref()
            .map(|c| c.id.trim())
            .filter(|id| !id.is_empty());
        let at = SourceRef {
            file: self.name.to_string(),
            line: Some(line),
            element: child.as_ref().map(|c| c.element.clone()),
        };
        if let (Some(id), Some(child)) = (id, child.as_ref()) {
            self.reading.name_child(id, &child.at);
        }
        self.reading.problem(at, id, "XML", message);
    }

    /// A whole `<CHILD>`: its header, reviews and episodes checked and added.
    fn add_child(&mut self, child: PendingChild) {
        let header_at = child.header_at.clone().unwrap_or_else(|| child.at.clone());
        if child.id.trim().is_empty() {
            self.reading
                .problem(header_at, None, child.id_field, "is missing");
            self.n_not_used += 1;
            return;
        }
        let header = HeaderRow {
            at: header_at,
            child_field: child.id_field,
            child: &child.id,
            sex: &child.sex,
            dob: &child.dob,
            ethnic: &child.ethnic,
        };
        let used = self.reading.add_header(header);
        self.tally(used, Row::Header);
        for review in &child.reviews {
            let row = ReviewRow {
                at: review.at.clone().unwrap_or_else(|| child.at.clone()),
                child_field: child.id_field,
                child: &child.id,
                dob: "",
                review: &review.review,
                review_code: &review.review_code,
            };
            let used = self.reading.add_review(row);
            self.tally(used, Row::Review);
        }
        for episode in &child.episodes {
            let row = EpisodeRow {
                at: episode.at.clone().unwrap_or_else(|| child.at.clone()),
                child_field: child.id_field,
                child: &child.id,
                decom: &episode.decom,
                rne: &episode.rne,
                ls: &episode.ls,
                place: &episode.place,
                dec: &episode.dec,
                rec: &episode.rec,
            };
            let used = self.reading.add_episode(row);
            self.tally(used, Row::Episode);
        }
    }

    /// Counts a row used or not.
    fn tally(&mut self, used: bool, row: Row) {
        match (used, row) {
            (false, _) => self.n_not_used += 1,
            (true, Row::Episode) => self.n_episodes += 1,
            (true, Row::Review) => self.n_reviews += 1,
            (true, Row::Header) => {}
        }
    }

    /// The notes, and the extract.
    fn finish(mut self, encoding: Encoding) -> Extract {
        let name = self.name;
        if self.n_children == 0 {
            let at = SourceRef {
                file: name.to_string(),
                line: None,
                element: None,
            };
            let message = "has no <CHILD> element: it is not an SSDA903 return";
            self.reading.problem(at, None, "XML", message);
        }
        let mut note = format!(
            "{name}: {}, {}, {}",
            count(self.n_children, "child", "children"),
            count(self.n_episodes, "episode", "episodes"),
            count(self.n_reviews, "review", "reviews"),
        );
        if self.n_not_used > 0 {
            let not_used = count(self.n_not_used, "element", "elements");
            note.push_str(&format!(", {not_used} not used"));
        }
        if encoding == Encoding::Windows1252 {
            note.push_str(" (read as Windows-1252)");
        }
        self.reading.note(note);
        if !self.not_read.is_empty() {
            let names: Vec<&str> = self.not_read.iter().map(String::as_str).collect();
            let note = format!("{name}: not read: {}", names.join(", "));
            self.reading.note(note);
        }
        self.reading.finish()
    }
}

/// An element directly in an `<EPISODE>`.
fn in_episode(name: &str) -> Node {
    match name {
        "DECOM" => Node::Field(Field::Decom),
        "RNE" => Node::Field(Field::Rne),
        "LS" => Node::Field(Field::Ls),
        "PL" | "PLACE" => Node::Field(Field::Place),
        "DEC" => Node::Field(Field::Dec),
        "REC" => Node::Field(Field::Rec),
        _ => Node::Other,
    }
}
