//! Upgrade safety: a store written by an earlier release (tests/data/upgrade/TAG, made by that
//! release's own `caseload` with scripts/upgrade-fixture) opens in this build under the same
//! passphrase, is migrated to this schema after a before-migration backup holding it as it was,
//! keeps every row, and still opens with its recovery key. The CLI's upgrade test checks that
//! every command prints what the release printed.

use crate::support::{now, open_encrypted, options, raw_encrypted};
use caseload_store::{list_backups, verify_backup, BackupKind, Key, RecoveryKey, Store};
use caseload_store::{Passphrase, SCHEMA_VERSION};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What scripts/upgrade-fixture wrote beside the store (the fields this test reads).
#[derive(serde::Deserialize)]
struct Fixture {
    tag: String,
    schema_version: i64,
    passphrase: String,
    recovery_key: String,
}

/// Every release's fixture folder, oldest tag first.
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/upgrade");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("fixture.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn read_fixture(dir: &Path) -> Fixture {
    serde_json::from_slice(&std::fs::read(dir.join("fixture.json")).unwrap()).unwrap()
}

/// The release's store and key slots copied into a fresh folder (the fixture is never opened
/// in place: opening migrates).
fn copy_store(dir: &Path, into: &Path) -> PathBuf {
    for name in ["caseload.sqlite3", "caseload.sqlite3.keys"] {
        std::fs::copy(dir.join(name), into.join(name)).unwrap();
    }
    into.join("caseload.sqlite3")
}

fn user_version(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap()
}

/// Each table's row count, read over a raw connection (the schema of any release).
fn row_counts(conn: &rusqlite::Connection) -> BTreeMap<String, i64> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let tables: Vec<String> = stmt
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |row| {
                    row.get(0)
                })
                .unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn there_is_a_fixture_from_an_older_schema() {
    let older: Vec<String> = fixtures()
        .iter()
        .map(|dir| read_fixture(dir))
        .filter(|f| f.schema_version < SCHEMA_VERSION as i64)
        .map(|f| f.tag)
        .collect();
    assert!(
        !older.is_empty(),
        "no release fixture predates this schema: run scripts/upgrade-fixture"
    );
}

#[test]
fn a_store_from_each_earlier_release_is_migrated_after_a_backup_and_keeps_every_row() {
    for dir in fixtures() {
        let fixture = read_fixture(&dir);
        let tmp = tempfile::tempdir().unwrap();
        let path = copy_store(&dir, tmp.path());
        let before = raw_encrypted(&path, &fixture.passphrase);
        assert_eq!(
            user_version(&before),
            fixture.schema_version,
            "{}",
            fixture.tag
        );
        let rows_before = row_counts(&before);
        drop(before);

        let store = open_encrypted(&path, &fixture.passphrase).unwrap();

        assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
        assert!(
            store.integrity_check().unwrap().is_empty(),
            "{}",
            fixture.tag
        );
        drop(store);
        let rows_after = row_counts(&raw_encrypted(&path, &fixture.passphrase));
        for (table, n) in &rows_before {
            assert_eq!(
                rows_after.get(table),
                Some(n),
                "{}: rows of {table}",
                fixture.tag
            );
        }
        check_before_migration_backup(&path, &fixture, &rows_before);
    }
}

/// One before-migration backup, opening under the same passphrase, holding the store exactly as
/// the release left it (its schema version, every row).
fn check_before_migration_backup(path: &Path, fixture: &Fixture, rows: &BTreeMap<String, i64>) {
    let backups = list_backups(&path.parent().unwrap().join("backups"), path).unwrap();
    let taken: Vec<_> = backups
        .iter()
        .filter(|b| b.kind == BackupKind::BeforeMigration)
        .collect();
    assert_eq!(taken.len(), 1, "{}: {backups:?}", fixture.tag);
    assert_eq!(taken[0].taken_at, now());
    let key = Key::Passphrase(Passphrase::new(fixture.passphrase.clone()).unwrap());
    verify_backup(&taken[0].path, &key).unwrap();
    let copy = raw_encrypted(&taken[0].path, &fixture.passphrase);
    assert_eq!(
        user_version(&copy),
        fixture.schema_version,
        "{}",
        fixture.tag
    );
    assert_eq!(&row_counts(&copy), rows, "{}", fixture.tag);
}

#[test]
fn the_recovery_key_made_by_an_earlier_release_still_opens_the_migrated_store() {
    for dir in fixtures() {
        let fixture = read_fixture(&dir);
        let tmp = tempfile::tempdir().unwrap();
        let path = copy_store(&dir, tmp.path());
        drop(open_encrypted(&path, &fixture.passphrase).unwrap());

        let recovery = RecoveryKey::parse(&fixture.recovery_key).unwrap();
        let store = Store::open(&path, &options(&path, Key::RecoveryKey(recovery))).unwrap();

        assert_eq!(store.pragmas().unwrap().user_version, SCHEMA_VERSION as i64);
        assert!(
            store.count_rows().unwrap()["children"] > 0,
            "{}",
            fixture.tag
        );
    }
}
