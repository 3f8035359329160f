//! How a store file is unlocked: a [`Passphrase`] (SQLCipher), or deliberately [`Key::Unencrypted`]
//! (the synthetic demo store and in-memory stores); and what kind of file is on disk.
//!
//! The passphrase is never stored. SQLCipher derives the page key from it with its default KDF
//! (PBKDF2-HMAC-SHA512, 256,000 iterations) and a random salt kept in the first 16 bytes of the
//! file, so the same passphrase gives a different key for every store and every backup.
//!
//! What this module deliberately is not: a passphrase policy (minimum length and the like belong
//! to the use cases in `caseload-api`); it only refuses the empty passphrase, which SQLCipher
//! would take to mean "no encryption".

use crate::error::{SqlResultExt, StoreError};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;
use zeroize::Zeroizing;

/// A passphrase. Its text is zeroed in memory when dropped, and `Debug` never shows it.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// A passphrase from its text; `None` when it is empty (SQLCipher would read an empty key as
    /// "do not encrypt").
    pub fn new(text: String) -> Option<Passphrase> {
        let text = Zeroizing::new(text);
        (!text.is_empty()).then(|| Passphrase(text))
    }

    /// How many characters it has (for a length policy; the text itself never leaves the store).
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

/// Two passphrases typed to confirm each other.
impl PartialEq for Passphrase {
    fn eq(&self, other: &Passphrase) -> bool {
        self.0.as_bytes() == other.0.as_bytes()
    }
}

impl Eq for Passphrase {}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<hidden>)")
    }
}

/// How a store file is opened.
#[derive(Clone, Debug)]
pub enum Key {
    /// Encrypted with SQLCipher under this passphrase: every page, the WAL and every backup.
    Passphrase(Passphrase),
    /// Not encrypted: the synthetic demo store, tests, in-memory stores. Front ends say so.
    Unencrypted,
}

impl Key {
    /// True for a passphrase.
    pub fn is_encrypted(&self) -> bool {
        matches!(self, Key::Passphrase(_))
    }
}

/// What is on disk at a store path, judged from the first 16 bytes alone (nothing is opened).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file: opening creates a new store.
    Missing,
    /// An empty file: opening makes it a new store.
    Empty,
    /// A plaintext SQLite file (it starts with `SQLite format 3\0`).
    Plaintext,
    /// Anything else: an encrypted store (an SQLCipher file starts with its random salt), or a
    /// file that is not a store at all; only the right passphrase tells the two apart.
    Encrypted,
}

/// The header every plaintext SQLite database starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Tells whether `path` holds a plaintext SQLite file, something encrypted, nothing, or no file.
pub fn file_kind(path: &Path) -> Result<FileKind, StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(source) => {
            return Err(StoreError::Io {
                op: "read",
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let mut head = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut head)
        .map_err(|source| StoreError::Io {
            op: "read",
            path: path.to_path_buf(),
            source,
        })?;
    Ok(if head.is_empty() {
        FileKind::Empty
    } else if head == SQLITE_HEADER {
        FileKind::Plaintext
    } else {
        FileKind::Encrypted
    })
}

/// Keys a fresh connection; must be the first statement on it. A no-op when unencrypted.
///
/// rusqlite's `pragma_update` quotes the text as an SQL literal; that short-lived SQL string is
/// the one copy of the passphrase this crate does not zero (SQLite parses it at once).
pub(crate) fn apply_key(conn: &Connection, key: &Key) -> Result<(), StoreError> {
    match key {
        Key::Passphrase(passphrase) => {
            conn.pragma_update(None, "key", passphrase.expose())
                .op("key the store")?;
            // SQLCipher logs failed page checks to stderr (page numbers only, but noise in a
            // command line's one-line errors); the store reports every failure as a
            // StoreError. Set after the key: SQLCipher's first activation, when a key is
            // first applied in the process, resets the level to WARN.
            conn.pragma_update(None, "cipher_log_level", "NONE")
                .op("quiet the cipher log")
        }
        Key::Unencrypted => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_passphrase() {
        let key = Key::Passphrase(Passphrase::new("correct horse".to_string()).unwrap());
        let shown = format!("{key:?}");
        assert!(!shown.contains("correct"), "{shown}");
        assert!(shown.contains("<hidden>"), "{shown}");
    }

    #[test]
    fn empty_passphrase_is_refused() {
        assert!(Passphrase::new(String::new()).is_none());
        assert_eq!(Passphrase::new("é1".to_string()).unwrap().char_count(), 2);
    }

    #[test]
    fn file_kind_reads_only_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        assert_eq!(file_kind(&path).unwrap(), FileKind::Missing);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(file_kind(&path).unwrap(), FileKind::Empty);
        std::fs::write(&path, b"SQLite format 3\0rest of page one").unwrap();
        assert_eq!(file_kind(&path).unwrap(), FileKind::Plaintext);
        std::fs::write(&path, b"SQLite format 3").unwrap();
        assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
        std::fs::write(&path, [0x8e; 64]).unwrap();
        assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
    }
}
