//! How a store file is unlocked: a [`Passphrase`] or a [`RecoveryKey`] (either opens its key
//! slot, [`crate::keyslots`]), or deliberately [`Key::Unencrypted`] (the synthetic demo store
//! and in-memory stores); what SQLCipher is keyed with in the end ([`Cipher`]); and what kind
//! of file is on disk.
//!
//! Neither secret is ever stored. A store made before key slots was keyed by SQLCipher's own KDF
//! (PBKDF2-HMAC-SHA512, 256,000 iterations, over the passphrase and the file's random salt):
//! [`Cipher::Passphrase`]. Opening one with its passphrase converts it to key slots.
//!
//! What this module deliberately is not: a passphrase policy (minimum length and the like belong
//! to the use cases in `caseload-api`); it only refuses the empty passphrase, which SQLCipher
//! would take to mean "no encryption".

use crate::error::{SqlResultExt, StoreError};
use crate::keyslots::{DataKey, Secret};
use crate::recovery_key::RecoveryKey;
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
    /// Encrypted (every page, the WAL and every backup), opened with its passphrase.
    Passphrase(Passphrase),
    /// Encrypted, opened with the recovery key made with the store.
    RecoveryKey(RecoveryKey),
    /// Not encrypted: the synthetic demo store, tests, in-memory stores. Front ends say so.
    Unencrypted,
}

impl Key {
    /// True for a passphrase or a recovery key.
    pub fn is_encrypted(&self) -> bool {
        !matches!(self, Key::Unencrypted)
    }

    /// The secret that opens a key slot; `None` unencrypted.
    pub(crate) fn secret(&self) -> Option<Secret<'_>> {
        match self {
            Key::Passphrase(p) => Some(Secret::Passphrase(p)),
            Key::RecoveryKey(k) => Some(Secret::RecoveryKey(k)),
            Key::Unencrypted => None,
        }
    }
}

/// What SQLCipher is keyed with.
#[derive(Clone, Debug)]
pub(crate) enum Cipher {
    /// Not encrypted.
    Plain,
    /// A store from before key slots: SQLCipher derives the page key from the passphrase.
    Passphrase(Passphrase),
    /// The data key of the store's key slots, used as it is.
    Data(DataKey),
}

impl Cipher {
    pub(crate) fn is_encrypted(&self) -> bool {
        !matches!(self, Cipher::Plain)
    }

    /// The text `PRAGMA key` takes; `None` for plaintext.
    pub(crate) fn key_text(&self) -> Option<Zeroizing<String>> {
        match self {
            Cipher::Plain => None,
            Cipher::Passphrase(passphrase) => Some(Zeroizing::new(passphrase.expose().to_string())),
            Cipher::Data(data) => Some(data.sqlcipher_key()),
        }
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
pub(crate) fn apply_key(conn: &Connection, cipher: &Cipher) -> Result<(), StoreError> {
    let Some(text) = cipher.key_text() else {
        return Ok(());
    };
    conn.pragma_update(None, "key", text.as_str())
        .op("key the store")?;
    // SQLCipher logs failed page checks to stderr (page numbers only, but noise in a command
    // line's one-line errors); the store reports every failure as a StoreError. Set after the
    // key: SQLCipher's first activation, when a key is first applied in the process, resets the
    // level to WARN.
    conn.pragma_update(None, "cipher_log_level", "NONE")
        .op("quiet the cipher log")
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
