//! The store's file, its key and its backups, as use cases: open with a passphrase, back up,
//! restore, change the passphrase, encrypt a plaintext store. Thin over `caseload-store`; the
//! one policy that lives here is what a new passphrase must be ([`new_passphrase`]).
//!
//! Which key to open a file with is the front end's decision, made from [`store_kind`]:
//! a missing file is a first run (choose a passphrase; the demo alone is created plaintext),
//! a plaintext file opens as it is (offer to encrypt it), an encrypted one needs its passphrase.

use std::path::{Path, PathBuf};

use caseload_store::{BackupFile, FileKind, Key, Passphrase, RecoveryKey};
use serde::Serialize;

use crate::ApiError;

/// The fewest characters a new passphrase may have. A passphrase guards a whole caseload on a
/// laptop that can be lost; SQLCipher's slow key derivation does the rest.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// What is at a store path, without opening it.
pub fn store_kind(path: &Path) -> Result<FileKind, ApiError> {
    Ok(caseload_store::file_kind(path)?)
}

/// A passphrase to unlock a store or a backup with: anything but empty.
pub fn passphrase(text: String) -> Result<Passphrase, ApiError> {
    Passphrase::new(text).ok_or_else(|| ApiError::BadInput("The passphrase is empty.".to_string()))
}

/// A passphrase chosen for a new store, a re-key or encryption: at least
/// [`MIN_PASSPHRASE_CHARS`] characters.
pub fn new_passphrase(text: String) -> Result<Passphrase, ApiError> {
    let passphrase = passphrase(text)?;
    if passphrase.char_count() < MIN_PASSPHRASE_CHARS {
        return Err(ApiError::BadInput(format!(
            "A passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; a few words are easier to remember than symbols."
        )));
    }
    Ok(passphrase)
}

/// A new passphrase typed twice: the same both times, and a usable one ([`new_passphrase`]).
pub fn confirmed_new_passphrase(text: String, again: &str) -> Result<Passphrase, ApiError> {
    if text != again {
        return Err(ApiError::BadInput(
            "The two passphrases differ. Type the same one twice.".to_string(),
        ));
    }
    new_passphrase(text)
}

/// A recovery key as typed. Its check characters catch a typo, and name the group it is in,
/// before anything is opened.
pub fn recovery_key(text: &str) -> Result<RecoveryKey, ApiError> {
    RecoveryKey::parse(text).map_err(|e| ApiError::BadInput(e.to_string()))
}

/// True when a recovery key can open the store at `path` (it has key slots). Reads no more
/// than whether the slots file is there.
pub fn has_recovery_key(path: &Path) -> bool {
    caseload_store::has_key_slots(path)
}

/// A recovery key just made, to be shown once: printed or written down, then never shown
/// again (the app keeps only the data key wrapped under it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RecoveryKeyView {
    /// Six groups of five: `7KQ2M-XR4P9-…`.
    pub key: String,
    /// The store it opens.
    pub store_path: String,
}

impl RecoveryKeyView {
    pub(crate) fn new(key: &RecoveryKey, store: &Path) -> RecoveryKeyView {
        RecoveryKeyView {
            key: key.display().to_string(),
            store_path: store.display().to_string(),
        }
    }
}

/// The key for a file with this passphrase, or none.
pub fn key(passphrase: Option<Passphrase>) -> Key {
    passphrase.map_or(Key::Unencrypted, Key::Passphrase)
}

/// A backup just taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct BackupView {
    /// The new backup file.
    pub path: PathBuf,
    /// Whether it is encrypted (it is whenever the store is).
    pub encrypted: bool,
    /// Older backups removed by the rotation (7 daily + 4 weekly).
    pub removed: Vec<PathBuf>,
}

/// A backup in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct BackupRow {
    /// The file.
    pub path: PathBuf,
    /// Local time it was taken, to the minute: `2026-11-24T09:30:00`.
    pub taken_at: chrono::NaiveDateTime,
    /// `regular`, `before_migration` or `replaced`.
    pub kind: String,
}

impl From<BackupFile> for BackupRow {
    fn from(b: BackupFile) -> Self {
        BackupRow {
            path: b.path,
            taken_at: b.taken_at,
            kind: serde_json::to_value(b.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        }
    }
}

/// A restore just done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RestoreView {
    /// The backup restored from.
    pub restored_from: PathBuf,
    /// Where the replaced store was kept (none when there was no store).
    pub kept: Option<PathBuf>,
}

/// A plaintext store just encrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct EncryptView {
    /// Plaintext backups that were overwritten and removed.
    pub wiped_backups: Vec<PathBuf>,
    /// The first encrypted backup.
    pub backup: PathBuf,
}

/// The local time, for naming backups.
pub(crate) fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::App;
    use caseload_demo::DemoOptions;

    fn demo(app: &mut App) {
        app.load_demo(&DemoOptions {
            children: 5,
            seed: 1,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        })
        .unwrap();
    }

    fn pass(text: &str) -> Passphrase {
        new_passphrase(text.to_string()).unwrap()
    }

    #[test]
    fn a_new_passphrase_typed_twice_must_match_and_be_long_enough() {
        let differ = confirmed_new_passphrase("first passphrase".into(), "first passphrasE")
            .err()
            .unwrap();
        assert_eq!(
            differ.to_string(),
            "The two passphrases differ. Type the same one twice."
        );
        let short = confirmed_new_passphrase("short".into(), "short")
            .err()
            .unwrap();
        assert!(
            short.to_string().contains("at least 8 characters"),
            "{short}"
        );
        assert_eq!(
            confirmed_new_passphrase("first passphrase".into(), "first passphrase")
                .unwrap()
                .char_count(),
            16
        );
    }

    #[test]
    fn an_iro_reads_what_went_wrong_with_a_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("caseload.sqlite3");
        let mut app = App::open_with(&path, key(Some(pass("first passphrase"))), None).unwrap();
        demo(&mut app);
        assert!(app.is_encrypted());
        drop(app);

        let wrong = App::open_with(&path, key(Some(pass("wrong passphrase"))), None);
        let err = wrong.err().unwrap();
        assert_eq!(
            err.to_string(),
            "The passphrase is wrong. Nothing was changed."
        );
        assert!(err.is_user_error());
        let none = App::open(&path).err().unwrap();
        assert!(matches!(none, ApiError::PassphraseNeeded), "{none:?}");
    }

    #[test]
    fn change_passphrase_needs_the_current_one_and_backs_up_under_the_new() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("caseload.sqlite3");
        let mut app = App::open_with(&path, key(Some(pass("first passphrase"))), None).unwrap();
        demo(&mut app);

        let refused = app.change_passphrase(&pass("not the current"), pass("second passphrase"));
        assert!(matches!(refused, Err(ApiError::WrongPassphrase)));
        let backup = app
            .change_passphrase(&pass("first passphrase"), pass("second passphrase"))
            .unwrap();
        assert!(backup.encrypted);
        caseload_store::verify_backup(&backup.path, &key(Some(pass("second passphrase")))).unwrap();
        drop(app);
        App::open_with(&path, key(Some(pass("second passphrase"))), None).unwrap();
    }

    #[test]
    fn encrypt_existing_then_restore_through_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("caseload.sqlite3");
        let mut app = App::open(&path).unwrap();
        demo(&mut app);
        assert!(!app.is_encrypted());
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let before = serde_json::to_string(&app.caseload(as_of, None).unwrap()).unwrap();

        let encrypted = app.encrypt_existing(pass("a passphrase")).unwrap();
        assert!(app.is_encrypted());
        assert_eq!(store_kind(&path).unwrap(), FileKind::Encrypted);
        assert_eq!(
            serde_json::to_string(&app.caseload(as_of, None).unwrap()).unwrap(),
            before
        );
        assert_eq!(app.backups().unwrap()[0].path, encrypted.backup);

        // A change after the backup, then the restore takes the store back to the backup.
        let file = dir.path().join("change.json");
        std::fs::write(&file, r#"{"op":"add_iro","name":"Ada Example","fte":1.0}"#).unwrap();
        let changes = App::parse_changes(&std::fs::read(&file).unwrap()).unwrap();
        app.apply(&changes, as_of, None).unwrap();
        assert_eq!(app.iros().unwrap().len(), 4 + 1);
        let restored = app
            .restore(&encrypted.backup, key(Some(pass("a passphrase"))))
            .unwrap();
        assert!(restored.kept.is_some());
        assert_eq!(app.iros().unwrap().len(), 4);
        assert!(app.integrity_check().unwrap().is_empty());
    }

    #[test]
    fn a_new_passphrase_needs_eight_characters_and_unlocking_needs_one() {
        assert!(matches!(
            new_passphrase("seven c".to_string()),
            Err(ApiError::BadInput(m)) if m.contains("at least 8 characters")
        ));
        assert_eq!(
            new_passphrase("eight ch".to_string()).unwrap().char_count(),
            8
        );
        assert!(passphrase(String::new()).is_err());
        assert!(passphrase("x".to_string()).is_ok());
    }
}
