//! The recovery key and the key slots: either secret opens the store and its backups, a wrong
//! one changes nothing, a new recovery key retires the old one, a store from before key slots
//! is converted after a backup, and no key reaches the disk in the clear.

use crate::support::{
    apply, base, key, legacy_store, now, open_encrypted, options, passphrase, raw_encrypted,
};
use caseload_store::{
    list_backups, restore, verify_backup, BackupKind, Key, RecoveryKey, Store, StoreError,
};
use std::path::{Path, PathBuf};

fn slots(path: &Path) -> PathBuf {
    path.with_file_name(format!(
        "{}.keys",
        path.file_name().unwrap().to_string_lossy()
    ))
}

/// The recovery key as the IRO types it back from the printed page.
fn typed(recovery: &RecoveryKey) -> Key {
    Key::RecoveryKey(RecoveryKey::parse(&recovery.display()).unwrap())
}

fn open_with(path: &Path, key: Key) -> Result<Store, StoreError> {
    Store::open(path, &options(path, key))
}

/// Every file in a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            e.path().is_file().then(|| {
                (
                    e.file_name().into_string().unwrap(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
        })
        .collect();
    files.sort();
    files
}

/// A new encrypted store holding [`base`], and its recovery key.
fn new_store(path: &Path, pass: &str) -> RecoveryKey {
    let mut store = open_encrypted(path, pass).unwrap();
    let recovery = store.take_new_recovery_key().expect("a new store has one");
    assert!(
        store.take_new_recovery_key().is_none(),
        "shown once, then gone"
    );
    apply(&mut store, base());
    recovery
}

#[test]
fn the_passphrase_and_the_recovery_key_each_open_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let recovery = new_store(&path, "first passphrase");

    let by_pass = open_encrypted(&path, "first passphrase").unwrap();
    let caseload = by_pass.load_caseload().unwrap();
    assert!(by_pass.has_recovery_key());
    drop(by_pass);
    let mut by_key = open_with(&path, typed(&recovery)).unwrap();
    assert_eq!(by_key.load_caseload().unwrap(), caseload);
    assert!(by_key.take_new_recovery_key().is_none(), "no new key made");
}

#[test]
fn a_wrong_recovery_key_or_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let _recovery = new_store(&path, "first passphrase");
    let before = snapshot(dir.path());

    let other = RecoveryKey::generate().unwrap();
    assert!(matches!(
        open_with(&path, Key::RecoveryKey(other)),
        Err(StoreError::WrongRecoveryKey { path: p }) if p == path
    ));
    assert!(matches!(
        open_encrypted(&path, "first passphrasE"),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert!(snapshot(dir.path()) == before, "byte-identical");
}

#[test]
fn forgotten_passphrase_recovery_key_then_a_new_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let recovery = new_store(&path, "forgotten passphrase");

    let mut store = open_with(&path, typed(&recovery)).unwrap();
    store.rekey(passphrase("a new passphrase")).unwrap();
    let caseload = store.load_caseload().unwrap();
    drop(store);

    assert!(matches!(
        open_encrypted(&path, "forgotten passphrase"),
        Err(StoreError::WrongPassphrase { .. })
    ));
    let store = open_encrypted(&path, "a new passphrase").unwrap();
    assert_eq!(store.load_caseload().unwrap(), caseload);
    drop(store);
    // The recovery key still works after the passphrase changed.
    open_with(&path, typed(&recovery)).unwrap();
}

#[test]
fn backups_carry_the_slots_and_a_new_recovery_key_retires_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let old = new_store(&path, "first passphrase");
    let mut store = open_encrypted(&path, "first passphrase").unwrap();
    let backup = store.backup_now(now()).unwrap().path;
    assert!(slots(&backup).exists());
    verify_backup(&backup, &typed(&old)).unwrap();
    verify_backup(&backup, &key("first passphrase")).unwrap();

    let new = store.renew_recovery_key().unwrap();
    assert_ne!(new, old);
    assert!(store.take_new_recovery_key().is_none());
    drop(store);

    assert!(matches!(
        open_with(&path, typed(&old)),
        Err(StoreError::WrongRecoveryKey { .. })
    ));
    assert!(matches!(
        verify_backup(&backup, &typed(&old)),
        Err(StoreError::WrongRecoveryKey { .. })
    ));
    verify_backup(&backup, &typed(&new)).unwrap();
    verify_backup(&backup, &key("first passphrase")).unwrap();
    open_with(&path, typed(&new)).unwrap();
}

#[test]
fn a_backup_keeps_the_passphrase_it_was_taken_under_and_restores_with_its_slots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let recovery = new_store(&path, "first passphrase");
    let mut store = open_encrypted(&path, "first passphrase").unwrap();
    let caseload = store.load_caseload().unwrap();
    let backup = store.backup_now(now()).unwrap().path;
    store.rekey(passphrase("second passphrase")).unwrap();
    apply(
        &mut store,
        serde_json::json!([{"op": "add_iro", "id": 2, "name": "Ben Okafor", "fte": 1.0}]),
    );
    assert!(matches!(
        verify_backup(&backup, &key("second passphrase")),
        Err(StoreError::WrongPassphrase { .. })
    ));

    let restored = store
        .restore_from(&backup, key("first passphrase"), now())
        .unwrap();
    assert_eq!(store.load_caseload().unwrap(), caseload);
    drop(store);
    // The store is the backup now, slots and all: its passphrase and the recovery key open it.
    open_encrypted(&path, "first passphrase").unwrap();
    open_with(&path, typed(&recovery)).unwrap();
    // The replaced store was kept with its own slots, under the passphrase of the day.
    let kept = restored.kept.unwrap();
    assert!(slots(&kept).exists());
    verify_backup(&kept, &key("second passphrase")).unwrap();
}

#[test]
fn an_old_store_is_converted_after_a_backup_and_gets_a_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    legacy_store(&path, "old passphrase", base());
    assert!(!slots(&path).exists());
    assert!(matches!(
        open_with(&path, Key::RecoveryKey(RecoveryKey::generate().unwrap())),
        Err(StoreError::NoRecoveryKey { .. })
    ));

    let mut store = open_encrypted(&path, "old passphrase").unwrap();
    let recovery = store
        .take_new_recovery_key()
        .expect("made by the conversion");
    let caseload = store.load_caseload().unwrap();
    drop(store);

    assert!(slots(&path).exists());
    // The pages are under the data key now: the passphrase alone no longer keys the file.
    let bare = rusqlite::Connection::open(&path).unwrap();
    bare.pragma_update(None, "key", "old passphrase").unwrap();
    assert!(bare
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
    let store = open_with(&path, typed(&recovery)).unwrap();
    assert_eq!(store.load_caseload().unwrap(), caseload);
    drop(store);
    // The backup taken first is the store as it was, under the old passphrase.
    let backups = list_backups(&dir.path().join("backups"), &path).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].kind, BackupKind::BeforeMigration);
    assert!(!slots(&backups[0].path).exists());
    verify_backup(&backups[0].path, &key("old passphrase")).unwrap();
    // Opening again converts nothing more.
    let mut again = open_encrypted(&path, "old passphrase").unwrap();
    assert!(again.take_new_recovery_key().is_none());
}

#[test]
fn restoring_a_backup_from_before_key_slots_converts_it_on_opening() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old-backup.db");
    legacy_store(&old, "old passphrase", base());
    let path = dir.path().join("caseload.sqlite3");
    let _recovery = new_store(&path, "current passphrase");
    let mut store = open_encrypted(&path, "current passphrase").unwrap();

    store
        .restore_from(&old, key("old passphrase"), now())
        .unwrap();

    assert!(store.has_recovery_key());
    assert!(store.take_new_recovery_key().is_some());
    assert!(slots(&path).exists());
}

#[test]
fn slots_left_pending_by_an_interrupted_change_are_found_and_put_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let recovery = new_store(&path, "first passphrase");
    // As if a restore stopped between putting the store in place and its slots: the slots
    // beside the store belong to another store, the right ones wait as `.keys.new`.
    let pending = path.with_file_name("caseload.sqlite3.keys.new");
    std::fs::rename(slots(&path), &pending).unwrap();
    let stranger = dir.path().join("other.sqlite3");
    drop(open_encrypted(&stranger, "first passphrase").unwrap());
    std::fs::copy(slots(&stranger), slots(&path)).unwrap();

    open_encrypted(&path, "first passphrase").unwrap();

    assert!(!pending.exists());
    open_with(&path, typed(&recovery)).unwrap();
}

#[test]
fn no_key_is_on_disk_in_the_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let recovery = new_store(&path, "first passphrase");
    let store = open_encrypted(&path, "first passphrase").unwrap();
    let backup = store.backup_now(now()).unwrap().path;
    drop(store);
    let data_key = caseload_store::sqlcipher_key(&path, &key("first passphrase")).unwrap();
    let hex = &data_key[2..66];
    assert_eq!(hex.len(), 64);
    let raw: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    // The key text really is the store's key (so the search below looks for the right thing).
    let conn = raw_encrypted(&path, "first passphrase");
    conn.query_row("SELECT count(*) FROM children", [], |r| r.get::<_, i64>(0))
        .unwrap();
    drop(conn);

    let written = recovery.display();
    let recovery_plain = written.replace('-', "");
    for file in [path.clone(), slots(&path), backup.clone(), slots(&backup)] {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_uppercase();
        let shown = file.display();
        assert!(!bytes.windows(32).any(|w| w == raw.as_slice()), "{shown}");
        assert!(!text.contains(&hex.to_uppercase()), "{shown}");
        assert!(!text.contains("FIRST PASSPHRASE"), "{shown}");
        assert!(!text.contains(&written[..]), "{shown}");
        assert!(!text.contains(&recovery_plain), "{shown}");
    }
    // Restoring into place checks the backup opens first: the file alone is not enough.
    std::fs::remove_file(slots(&backup)).unwrap();
    assert!(matches!(
        restore(&path, &backup, &options(&path, key("first passphrase"))),
        Err(StoreError::WrongPassphrase { .. })
    ));
}
