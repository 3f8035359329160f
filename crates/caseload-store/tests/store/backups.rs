//! Backups: consistent encrypted copies, the rotation policy, restore, and the backup taken
//! before a migration.

use crate::support::{apply, base, key, now, open_encrypted, options};
use caseload_store::{
    backups_to_keep, file_kind, list_backups, restore, verify_backup, BackupKind, FileKind, Store,
    StoreError, SCHEMA_VERSION,
};
use chrono::{Duration, NaiveDateTime};
use serde_json::json;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const PASS: &str = "a long passphrase";

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn book(id: i64, on: &str) -> serde_json::Value {
    json!([{"op": "book_meeting", "id": id, "child": 10, "kind": "lac_review",
            "on": on, "at": "10:00", "venue": "Family Centre"}])
}

/// A backup opened as a store of its own (a copy, so the backup itself is never touched).
fn open_copy(backup: &Path, pass: &str) -> Store {
    let copy = backup.with_file_name(format!(
        "opened-{}",
        backup.file_name().unwrap().to_string_lossy()
    ));
    std::fs::copy(backup, &copy).unwrap();
    let slots =
        |p: &Path| p.with_file_name(format!("{}.keys", p.file_name().unwrap().to_string_lossy()));
    if slots(backup).exists() {
        std::fs::copy(slots(backup), slots(&copy)).unwrap();
    }
    open_encrypted(&copy, pass).unwrap()
}

#[test]
fn backup_now_writes_an_encrypted_consistent_copy_named_by_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, PASS).unwrap();
    apply(&mut store, base());

    let made = store.backup_now(t("2026-11-24 09:30")).unwrap();

    assert_eq!(
        made.path,
        dir.path().join("backups/caseload-2026-11-24T0930.db")
    );
    assert!(made.removed.is_empty());
    assert_eq!(file_kind(&made.path).unwrap(), FileKind::Encrypted);
    verify_backup(&made.path, &key(PASS)).unwrap();
    assert!(matches!(
        verify_backup(&made.path, &key("another passphrase")),
        Err(StoreError::WrongPassphrase { .. })
    ));
    // A single file and its key slots: no partial or journal file beside it.
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "caseload-2026-11-24T0930.db",
            "caseload-2026-11-24T0930.db.keys"
        ]
    );
    let copy = open_copy(&made.path, PASS);
    assert_eq!(
        copy.load_caseload().unwrap(),
        store.load_caseload().unwrap()
    );
    assert_eq!(copy.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
}

#[test]
fn backup_to_a_chosen_folder_replaces_a_file_of_the_same_name_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, PASS).unwrap();
    apply(&mut store, base());
    let dest = dir.path().join("usb stick").join("copy.db");
    store.backup_to(&dest).unwrap();
    apply(&mut store, book(40, "2025-07-28"));
    store.backup_to(&dest).unwrap();
    let copy = open_copy(&dest, PASS);
    assert!(copy
        .load_child(caseload_core::ids::ChildId(10))
        .unwrap()
        .unwrap()
        .meetings
        .iter()
        .any(|m| m.id.0 == 40));
}

/// Every path kept, as "day HH:MM" strings, for compact assertions.
fn kept(files: &[(PathBuf, NaiveDateTime)], now: NaiveDateTime) -> Vec<String> {
    let keep = backups_to_keep(files, now);
    files
        .iter()
        .filter(|(path, _)| keep.contains(path))
        .map(|(_, at)| at.format("%a %Y-%m-%d %H:%M").to_string())
        .collect()
}

/// Two backups a day (09:00 and 17:00) for `days` days up to Tue 24 Nov 2026, newest first.
fn twice_daily(days: i64) -> Vec<(PathBuf, NaiveDateTime)> {
    let last = t("2026-11-24 17:00");
    (0..days * 2)
        .map(|i| {
            let at = last - Duration::hours(if i % 2 == 0 { 0 } else { 8 }) - Duration::days(i / 2);
            (PathBuf::from(format!("b{i}")), at)
        })
        .collect()
}

#[test]
fn rotation_keeps_the_newest_of_seven_days_then_of_four_weeks() {
    let files = twice_daily(60);
    assert_eq!(
        kept(&files, t("2026-11-24 18:00")),
        [
            // 7 daily: the newest backup of each of the 7 latest days.
            "Tue 2026-11-24 17:00",
            "Mon 2026-11-23 17:00",
            "Sun 2026-11-22 17:00",
            "Sat 2026-11-21 17:00",
            "Fri 2026-11-20 17:00",
            "Thu 2026-11-19 17:00",
            "Wed 2026-11-18 17:00",
            // 4 weekly, among older ones: the newest of each ISO week (Monday to Sunday).
            "Tue 2026-11-17 17:00",
            "Sun 2026-11-15 17:00",
            "Sun 2026-11-08 17:00",
            "Sun 2026-11-01 17:00",
        ]
    );
}

#[test]
fn rotation_counts_days_that_have_backups_not_days_on_the_calendar() {
    // A month away from the app: the 10 days before still keep their 7 daily backups, and
    // the 3 older days fall in 2 weeks (Mon 16 – Tue 17 Nov, and Sun 15 Nov).
    let files = twice_daily(10);
    let kept_after_a_month = kept(&files, t("2026-12-24 09:00"));
    assert_eq!(kept_after_a_month.len(), 7 + 2, "{kept_after_a_month:?}");
    assert_eq!(kept_after_a_month[0], "Tue 2026-11-24 17:00");
    assert_eq!(kept_after_a_month[8], "Sun 2026-11-15 17:00");
}

#[test]
fn rotation_never_removes_backups_dated_after_now() {
    let files = twice_daily(3);
    let keep = backups_to_keep(&files, t("2026-11-20 09:00"));
    assert_eq!(keep.len(), files.len(), "all are in the future");
    assert_eq!(
        backups_to_keep(&[], t("2026-11-20 09:00")),
        BTreeSet::<PathBuf>::new()
    );
}

#[test]
fn backup_now_rotates_regular_backups_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, PASS).unwrap();
    apply(&mut store, base());
    let backups = dir.path().join("backups");
    let start = t("2026-10-01 09:30");
    for day in 0..40 {
        store.backup_now(start + Duration::days(day)).unwrap();
    }
    // Kept outside the rotation, however old.
    let old_special = [
        "caseload-2020-01-01T0900-before-migration.db",
        "caseload-2020-01-01T0900-replaced.db",
    ];
    for name in old_special {
        std::fs::write(backups.join(name), b"kept").unwrap();
    }
    // Another store's backups in the same folder are not this store's to rotate.
    std::fs::write(backups.join("demo-2020-01-01T0900.db"), b"other store").unwrap();

    let made = store.backup_now(t("2026-11-10 09:30")).unwrap();

    assert!(!made.removed.is_empty());
    let listed = list_backups(&backups, &path).unwrap();
    let regular: Vec<String> = listed
        .iter()
        .filter(|b| b.kind == BackupKind::Regular)
        .map(|b| b.taken_at.format("%Y-%m-%d").to_string())
        .collect();
    assert_eq!(regular.len(), 7 + 4, "{regular:?}");
    assert_eq!(regular[0], "2026-11-10");
    for name in old_special.iter().chain(&["demo-2020-01-01T0900.db"]) {
        assert!(backups.join(name).exists(), "{name}");
    }
    // Each regular backup with its key slots; a removed backup's slots go with it.
    assert_eq!(
        std::fs::read_dir(&backups).unwrap().count(),
        (7 + 4) * 2 + 3,
        "removed files are gone"
    );
}

#[test]
fn restore_round_trip_keeps_the_replaced_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, PASS).unwrap();
    apply(&mut store, base());
    let at_backup = store.load_caseload().unwrap();
    let backup = store.backup_now(t("2026-11-24 09:30")).unwrap().path;
    apply(&mut store, book(40, "2025-07-28"));
    let later = store.load_caseload().unwrap();
    assert_ne!(later, at_backup);
    drop(store);

    let restored = restore(&path, &backup, &options(&path, key(PASS))).unwrap();

    let store = open_encrypted(&path, PASS).unwrap();
    assert_eq!(store.load_caseload().unwrap(), at_backup);
    assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
    let kept = restored.kept.expect("the replaced store is kept");
    assert!(kept
        .file_name()
        .unwrap()
        .to_string_lossy()
        .ends_with("-replaced.db"));
    assert_eq!(file_kind(&kept).unwrap(), FileKind::Encrypted);
    assert_eq!(open_copy(&kept, PASS).load_caseload().unwrap(), later);
    // The backup restored from is untouched and still a valid backup.
    verify_backup(&backup, &key(PASS)).unwrap();
}

#[test]
fn restore_with_the_wrong_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, PASS).unwrap();
    apply(&mut store, base());
    let backup = store.backup_now(now()).unwrap().path;
    drop(store);
    let before = std::fs::read(&path).unwrap();

    assert!(matches!(
        restore(&path, &backup, &options(&path, key("not the passphrase"))),
        Err(StoreError::WrongPassphrase { path: p }) if p == backup
    ));
    assert!(std::fs::read(&path).unwrap() == before);
    assert_eq!(
        list_backups(&dir.path().join("backups"), &path)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn restore_refuses_a_damaged_backup_and_a_file_that_is_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, PASS).unwrap();
    apply(&mut store, base());
    let backup = store.backup_now(now()).unwrap().path;
    drop(store);
    let before = std::fs::read(&path).unwrap();
    crate::damage::flip_page(&backup, 3);

    assert!(matches!(
        restore(&path, &backup, &options(&path, key(PASS))),
        Err(StoreError::Damaged { .. })
    ));
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(
        restore(&path, &empty, &options(&path, key(PASS))),
        Err(StoreError::NotABackup { .. })
    ));
    assert!(std::fs::read(&path).unwrap() == before);
}

/// A store at schema version 1 (the first migration only), encrypted, with one IRO.
fn store_at_schema_1(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "key", PASS).unwrap();
    conn.execute_batch(include_str!("../../src/migrations/0001_initial.sql"))
        .unwrap();
    conn.execute(
        "INSERT INTO iros (id, name, fte, active) VALUES (1, 'Asha Patel', 1.0, 1)",
        [],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
}

#[test]
fn a_backup_is_taken_before_a_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    store_at_schema_1(&path);

    let store = open_encrypted(&path, PASS).unwrap();

    assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
    let backups = list_backups(&dir.path().join("backups"), &path).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].kind, BackupKind::BeforeMigration);
    assert_eq!(backups[0].taken_at, now());
    verify_backup(&backups[0].path, &key(PASS)).unwrap();
    let conn = rusqlite::Connection::open(&backups[0].path).unwrap();
    conn.pragma_update(None, "key", PASS).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1, "the backup holds the store as it was");
    drop(store);
    // Opening again migrates nothing and backs up nothing more.
    drop(open_encrypted(&path, PASS).unwrap());
    assert_eq!(
        list_backups(&dir.path().join("backups"), &path)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_new_store_is_not_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    drop(open_encrypted(&path, PASS).unwrap());
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn the_scheduled_backup_is_taken_once_a_day_and_only_of_a_store_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, PASS).unwrap();
    assert_eq!(store.backup_if_due(t("2026-11-24 08:00")).unwrap(), None);
    apply(&mut store, base());
    // A backup interrupted by a crash left a partial file: it is cleared, never listed.
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let partial = backups.join(".caseload-2026-11-23T1700.db.partial");
    std::fs::write(&partial, b"half").unwrap();

    let first = store.backup_if_due(t("2026-11-24 08:00")).unwrap().unwrap();
    assert!(!partial.exists());
    assert_eq!(store.backup_if_due(t("2026-11-24 17:00")).unwrap(), None);
    let next_day = store.backup_if_due(t("2026-11-25 08:00")).unwrap().unwrap();
    assert_ne!(first.path, next_day.path);
    assert_eq!(list_backups(&backups, &path).unwrap().len(), 2);
}
