//! Encryption at rest: what reaches the disk, wrong passphrases, mismatched keys, re-keying and
//! encrypting an existing plaintext store.

use crate::support::{
    apply, base, key, legacy_store, now, open_encrypted, open_plain, options, passphrase,
    raw_encrypted,
};
use caseload_store::{encrypt_plaintext, file_kind, list_backups, FileKind, Store, StoreError};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Child names and dates, as the store writes them (TEXT columns, JSON in the audit rows).
const SECRETS: &[&str] = &[
    "Jones",
    "Asha Patel",
    "Theodora",
    "Fairweather",
    "Foster home",
    "2015-05-01",
    "2016-03-01",
    "2025-01-06",
    "2025-01-31",
];

fn more_children() -> serde_json::Value {
    json!([
        {"op": "add_child", "id": 11, "first_name": "Theodora", "last_name": "Fairweather",
         "born_on": "2016-03-01", "sex": "female", "iro": 1, "allocated_on": "2025-01-06"},
        {"op": "start_care", "id": 21, "child": 11, "started_on": "2025-01-06",
         "legal_status": "C2", "regime": "full_care"}
    ])
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// The secrets found in a file's raw bytes.
fn secrets_in(path: &Path) -> Vec<&'static str> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!bytes.is_empty(), "{} is empty", path.display());
    SECRETS
        .iter()
        .copied()
        .filter(|s| contains(&bytes, s))
        .collect()
}

fn wal(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-wal");
    PathBuf::from(name)
}

/// Writes the children, then (store still open, so the WAL holds the latest pages) takes a
/// backup; returns the store and the files to search.
fn written_store(path: &Path, open: impl Fn(&Path) -> Store) -> (Store, Vec<PathBuf>) {
    let mut store = open(path);
    apply(&mut store, base());
    apply(&mut store, more_children());
    let backup = store.backup_now(now()).unwrap().path;
    let files = vec![path.to_path_buf(), wal(path), backup];
    (store, files)
}

#[test]
fn no_child_name_or_date_is_in_the_store_its_wal_or_its_backups() {
    // Control: the same writes to a plaintext store leave every secret readable on disk, in
    // the WAL and in the backup, so the search below does find them when they are there.
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain").join("caseload.sqlite3");
    let (plain_store, plain_files) = written_store(&plain, |p| open_plain(p).unwrap());
    assert_eq!(secrets_in(&plain_files[1]), SECRETS, "the plaintext WAL");
    assert_eq!(secrets_in(&plain_files[2]), SECRETS, "the plaintext backup");
    drop(plain_store);
    assert_eq!(
        secrets_in(&plain),
        SECRETS,
        "the plaintext file, once checkpointed"
    );

    let encrypted = dir.path().join("enc").join("caseload.sqlite3");
    let (store, files) = written_store(&encrypted, |p| open_encrypted(p, "s3cret words").unwrap());
    for file in &files {
        assert_eq!(secrets_in(file), Vec::<&str>::new(), "{}", file.display());
        assert_eq!(
            file_kind(file).unwrap(),
            FileKind::Encrypted,
            "{}",
            file.display()
        );
    }
    // After closing (the WAL is checkpointed into the file), the file alone: still nothing.
    drop(store);
    assert_eq!(secrets_in(&encrypted), Vec::<&str>::new());
    // Nothing else was left in the folders: the store, its backups folder, one backup.
    let mut names: Vec<String> = std::fs::read_dir(encrypted.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["backups", "caseload.sqlite3", "caseload.sqlite3.keys"]
    );
    let backups = std::fs::read_dir(encrypted.parent().unwrap().join("backups")).unwrap();
    assert_eq!(backups.count(), 2, "one backup and its key slots");
}

/// Every file in a folder with its bytes (a folder: no bytes).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            if e.path().is_dir() {
                (name, Vec::new())
            } else {
                (name, std::fs::read(e.path()).unwrap())
            }
        })
        .collect();
    files.sort();
    files
}

#[test]
fn wrong_passphrase_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, "right one").unwrap();
    apply(&mut store, base());
    let caseload = store.load_caseload().unwrap();
    drop(store);
    let before = snapshot(dir.path());
    assert_eq!(
        before.len(),
        2,
        "only the store file and its key slots (the WAL was checkpointed)"
    );

    match open_encrypted(&path, "wrong one") {
        Err(StoreError::WrongPassphrase { path: p }) => assert_eq!(p, path),
        Err(other) => panic!("expected WrongPassphrase, got {other:?}"),
        Ok(_) => panic!("a wrong passphrase opened the store"),
    }
    assert!(
        snapshot(dir.path()) == before,
        "byte-identical, no -wal or -shm"
    );

    let store = open_encrypted(&path, "right one").unwrap();
    assert_eq!(store.load_caseload().unwrap(), caseload);
}

#[test]
fn a_wal_left_by_a_crash_survives_a_wrong_passphrase_and_the_right_one_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, "right one").unwrap();
    apply(&mut store, base());
    drop(store);
    // A writer that dies before checkpointing: its last commit lives only in the WAL.
    {
        let conn = raw_encrypted(&path, "right one");
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .unwrap();
        conn.execute(
            "INSERT INTO iros (id, name, fte, active) VALUES (77, 'Late Writer', 1.0, 1)",
            [],
        )
        .unwrap();
    }
    let wal = dir.path().join("caseload.sqlite3-wal");
    let (main_before, wal_before) = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    assert!(!wal_before.is_empty(), "the commit is in the WAL");

    assert!(matches!(
        open_encrypted(&path, "wrong one"),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        main_before,
        "the store file is untouched"
    );
    assert_eq!(
        std::fs::read(&wal).unwrap(),
        wal_before,
        "the WAL is untouched"
    );

    let store = open_encrypted(&path, "right one").unwrap();
    let iros = store.load_iros().unwrap();
    assert!(iros.iter().any(|i| i.details.name == "Late Writer"));
}

#[test]
fn a_plaintext_store_with_a_passphrase_and_an_encrypted_one_without_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    drop(open_plain(&plain).unwrap());
    let encrypted = dir.path().join("enc.db");
    drop(open_encrypted(&encrypted, "pass phrase").unwrap());
    let before = snapshot(dir.path());

    assert!(matches!(
        open_encrypted(&plain, "pass phrase"),
        Err(StoreError::NotEncrypted { path }) if path == plain
    ));
    assert!(matches!(
        open_plain(&encrypted),
        Err(StoreError::NeedsPassphrase { path }) if path == encrypted
    ));
    assert!(snapshot(dir.path()) == before);
    assert_eq!(file_kind(&plain).unwrap(), FileKind::Plaintext);
    assert_eq!(file_kind(&encrypted).unwrap(), FileKind::Encrypted);
}

#[test]
fn a_new_store_is_created_whole_under_a_temporary_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    // A temporary file left by a creation that crashed is replaced, not trusted.
    std::fs::write(
        dir.path().join("caseload.sqlite3.creating"),
        b"half a store",
    )
    .unwrap();
    let store = open_encrypted(&path, "pass phrase").unwrap();
    assert!(store.is_encrypted());
    assert_eq!(store.pragmas().unwrap().journal_mode, "wal");
    drop(store);
    let names: Vec<String> = snapshot(dir.path()).into_iter().map(|f| f.0).collect();
    assert_eq!(names, ["caseload.sqlite3", "caseload.sqlite3.keys"]);
}

#[test]
fn rekey_changes_the_passphrase_and_keeps_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, "old passphrase").unwrap();
    apply(&mut store, base());
    store.rekey(passphrase("new passphrase")).unwrap();
    assert_eq!(store.pragmas().unwrap().journal_mode, "wal");
    // The store keeps working under the new key, and writes after the change are kept.
    apply(&mut store, more_children());
    let caseload = store.load_caseload().unwrap();
    drop(store);

    assert!(matches!(
        open_encrypted(&path, "old passphrase"),
        Err(StoreError::WrongPassphrase { .. })
    ));
    let store = open_encrypted(&path, "new passphrase").unwrap();
    assert_eq!(store.load_caseload().unwrap(), caseload);
    assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
}

#[test]
fn a_new_passphrase_is_set_while_another_connection_has_the_store_open() {
    // With key slots only the passphrase slot is rewrapped: no page is rewritten, so another
    // connection (the CLI while the desktop app is open) is no obstacle.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, "old passphrase").unwrap();
    apply(&mut store, base());
    let other = open_encrypted(&path, "old passphrase").unwrap();

    store.rekey(passphrase("new passphrase")).unwrap();

    assert_eq!(
        store.load_caseload().unwrap(),
        other.load_caseload().unwrap()
    );
    drop((store, other));
    assert!(matches!(
        open_encrypted(&path, "old passphrase"),
        Err(StoreError::WrongPassphrase { .. })
    ));
    open_encrypted(&path, "new passphrase").unwrap();
}

#[test]
fn an_old_store_is_converted_only_when_nothing_else_has_it_open() {
    // A store from before key slots is re-keyed page by page, which SQLite refuses while
    // another connection has the file open: it opens as it is, and converts next time.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    legacy_store(&path, "old passphrase", base());
    let other = raw_encrypted(&path, "old passphrase");
    // In WAL mode, as the store itself would have it: the connection holds the WAL open.
    other
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .unwrap();
    let iros: i64 = other
        .query_row("SELECT count(*) FROM iros", [], |r| r.get(0))
        .unwrap();
    assert_eq!(iros, 1);

    let mut store = open_encrypted(&path, "old passphrase").unwrap();
    assert!(!store.has_recovery_key());
    assert!(store.take_new_recovery_key().is_none());
    assert!(!dir.path().join("caseload.sqlite3.keys").exists());
    // Nor can its passphrase be changed meanwhile: the old one still opens it.
    assert!(matches!(
        store.rekey(passphrase("new passphrase")),
        Err(StoreError::InUse { .. })
    ));
    let caseload = store.load_caseload().unwrap();
    drop((store, other));

    let mut store = open_encrypted(&path, "old passphrase").unwrap();
    assert!(store.has_recovery_key());
    assert!(store.take_new_recovery_key().is_some());
    assert_eq!(store.load_caseload().unwrap(), caseload);
}

#[test]
fn a_plaintext_store_cannot_be_rekeyed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_plain(&path).unwrap();
    assert!(matches!(
        store.rekey(passphrase("new passphrase")),
        Err(StoreError::NotEncrypted { .. })
    ));
}

#[test]
fn encrypting_a_plaintext_store_keeps_every_row_and_leaves_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_plain(&path).unwrap();
    apply(&mut store, base());
    apply(&mut store, more_children());
    let plaintext_backup = store.backup_now(now()).unwrap().path;
    let caseload = store.load_caseload().unwrap();
    let counts = store.count_rows().unwrap();
    let audit = store.audit(&Default::default()).unwrap();
    drop(store);
    assert!(!secrets_in(&path).is_empty(), "control: plaintext on disk");

    let report = encrypt_plaintext(
        &path,
        &passphrase("pass phrase"),
        &options(&path, key("pass phrase")),
    )
    .unwrap();

    assert_eq!(
        report.wiped_backups,
        std::slice::from_ref(&plaintext_backup)
    );
    assert!(!plaintext_backup.exists());
    assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
    assert_eq!(secrets_in(&path), Vec::<&str>::new());
    let names: Vec<String> = snapshot(dir.path()).into_iter().map(|f| f.0).collect();
    assert_eq!(
        names,
        ["backups", "caseload.sqlite3", "caseload.sqlite3.keys"],
        "no temporary file left"
    );

    let store = open_encrypted(&path, "pass phrase").unwrap();
    assert_eq!(store.load_caseload().unwrap(), caseload);
    assert_eq!(store.count_rows().unwrap(), counts);
    assert_eq!(store.audit(&Default::default()).unwrap(), audit);
    assert_eq!(store.pragmas().unwrap().journal_mode, "wal");
    // The audit table still refuses edits: triggers came across with the schema.
    drop(store);
    let conn = raw_encrypted(&path, "pass phrase");
    let audit_rows: i64 = conn
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert!(audit_rows > 0, "the key opens the copy");
    assert!(conn.execute("DELETE FROM audit", []).is_err());
    drop(conn);

    assert!(matches!(
        encrypt_plaintext(
            &path,
            &passphrase("pass phrase"),
            &options(&path, key("pass phrase"))
        ),
        Err(StoreError::AlreadyEncrypted { .. })
    ));
    assert!(list_backups(&dir.path().join("backups"), &path)
        .unwrap()
        .is_empty());
}

#[test]
fn a_passphrase_with_quotes_and_non_ascii_text_works_everywhere() {
    let tricky = "it's a \"quoted\" pass; phrase -- é";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_plain(&path).unwrap();
    apply(&mut store, base());
    drop(store);
    encrypt_plaintext(&path, &passphrase(tricky), &options(&path, key(tricky))).unwrap();
    let mut store = open_encrypted(&path, tricky).unwrap();
    store.rekey(passphrase("it's new")).unwrap();
    let backup = store.backup_now(now()).unwrap().path;
    drop(store);
    assert!(matches!(
        open_encrypted(&path, "it"),
        Err(StoreError::WrongPassphrase { .. })
    ));
    open_encrypted(&path, "it's new").unwrap();
    caseload_store::verify_backup(&backup, &key("it's new")).unwrap();
}
