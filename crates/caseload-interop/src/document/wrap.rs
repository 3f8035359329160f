//! Line breaking for the PDF: styled runs in, lines of positioned fragments out. Breaks at
//! spaces, keeps `\n` as a hard break, and cuts a word longer than the line (a URL, a long
//! reference) between characters rather than let it run off the page.
//!
//! What it deliberately is not: hyphenation, justification or bidirectional text.

use super::fonts::{Face, Faces};

/// One line: fragments of text, each in one face, left to right.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    pub(crate) fragments: Vec<Fragment>,
    pub(crate) width: f32,
}

/// Text in one face, `x` points from the start of the line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fragment {
    pub(crate) face: Face,
    pub(crate) text: String,
    pub(crate) x: f32,
}

/// A word: the pieces between two break opportunities (it may change face, as in "**Bold**,").
type Word = Vec<(Face, String)>;

enum Token {
    Word(Word),
    Space,
    Newline,
}

/// Breaks `runs` into lines no wider than `max_width` at `size` points. Empty text is one
/// empty line.
pub(crate) fn wrap(faces: &Faces, runs: &[(Face, &str)], size: f32, max_width: f32) -> Vec<Line> {
    let mut builder = LineBuilder {
        faces,
        size,
        max_width,
        lines: Vec::new(),
        current: Line::default(),
        space_pending: false,
    };
    for token in tokens(runs) {
        match token {
            Token::Word(word) => builder.push_word(word),
            Token::Space => builder.space_pending = !builder.current.fragments.is_empty(),
            Token::Newline => builder.break_line(),
        }
    }
    builder.break_line();
    builder.lines
}

fn tokens(runs: &[(Face, &str)]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word: Word = Vec::new();
    for (face, text) in runs {
        for c in text.chars() {
            let boundary = match c {
                '\n' => Some(Token::Newline),
                c if c == ' ' || c == '\t' || c == '\r' => Some(Token::Space),
                _ => None,
            };
            match boundary {
                Some(token) => {
                    if !word.is_empty() {
                        tokens.push(Token::Word(std::mem::take(&mut word)));
                    }
                    tokens.push(token);
                }
                None => push_char(&mut word, *face, c),
            }
        }
    }
    if !word.is_empty() {
        tokens.push(Token::Word(word));
    }
    tokens
}

fn push_char(word: &mut Word, face: Face, c: char) {
    match word.last_mut() {
        Some((last_face, text)) if *last_face == face => text.push(c),
        _ => word.push((face, c.to_string())),
    }
}

struct LineBuilder<'a> {
    faces: &'a Faces,
    size: f32,
    max_width: f32,
    lines: Vec<Line>,
    current: Line,
    space_pending: bool,
}

impl LineBuilder<'_> {
    fn word_width(&self, word: &Word) -> f32 {
        word.iter()
            .map(|(face, text)| self.faces.width(*face, self.size, text))
            .sum()
    }

    fn push_word(&mut self, word: Word) {
        let width = self.word_width(&word);
        let space = self.pending_space_width();
        if self.current.width + space + width <= self.max_width {
            self.append(word, true);
            return;
        }
        if !self.current.fragments.is_empty() {
            self.break_line();
        }
        if width <= self.max_width {
            self.append(word, false);
        } else {
            self.push_long_word(word);
        }
    }

    /// Cuts a word wider than the line between characters, at least one character a line.
    fn push_long_word(&mut self, word: Word) {
        for (face, text) in word {
            for c in text.chars() {
                let piece = vec![(face, c.to_string())];
                let width = self.word_width(&piece);
                let fits = self.current.width + width <= self.max_width;
                if !fits && !self.current.fragments.is_empty() {
                    self.break_line();
                }
                self.append(piece, false);
            }
        }
    }

    fn pending_space_width(&self) -> f32 {
        match (self.space_pending, self.current.fragments.last()) {
            (true, Some(last)) => self.faces.width(last.face, self.size, " "),
            _ => 0.0,
        }
    }

    /// Appends `word` to the current line, after the pending space if `with_space`.
    fn append(&mut self, word: Word, with_space: bool) {
        if with_space && self.space_pending {
            if let Some(last) = self.current.fragments.last_mut() {
                last.text.push(' ');
                self.current.width += self.faces.width(last.face, self.size, " ");
            }
        }
        self.space_pending = false;
        for (face, text) in word {
            let width = self.faces.width(face, self.size, &text);
            match self.current.fragments.last_mut() {
                Some(last) if last.face == face => last.text.push_str(&text),
                _ => self.current.fragments.push(Fragment {
                    face,
                    text,
                    x: self.current.width,
                }),
            }
            self.current.width += width;
        }
    }

    fn break_line(&mut self) {
        self.space_pending = false;
        self.lines.push(std::mem::take(&mut self.current));
    }
}
