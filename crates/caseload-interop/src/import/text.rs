//! The text of a file as a case system wrote it: UTF-8 with or without a byte-order mark, or
//! Windows-1252 (what Excel and older systems save "CSV" as), with Windows or Unix line ends.

use std::borrow::Cow;

/// The encoding a file turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, removed).
    Utf8,
    /// Not valid UTF-8: read as Windows-1252.
    Windows1252,
}

/// The file's text: UTF-8 when it is valid UTF-8 (after any BOM), else Windows-1252, which
/// decodes every byte. Line ends are left as written (CSV and XML readers accept both).
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text, Encoding::Windows1252)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_is_dropped_and_utf8_kept() {
        let (text, enc) = decode(b"\xEF\xBB\xBFCHILD,DOB\r\n1,01/02/2010\r\n");
        assert_eq!(enc, Encoding::Utf8);
        assert_eq!(text, "CHILD,DOB\r\n1,01/02/2010\r\n");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_windows_1252() {
        // "Zoë" and "£" as Excel saves them.
        let (text, enc) = decode(b"Zo\xEB \xA35");
        assert_eq!(enc, Encoding::Windows1252);
        assert_eq!(text, "Zoë £5");
    }
}
