//! A damaged store is refused on open, with the path of the latest good backup.

use crate::support::{apply, base, open_encrypted, open_plain};
use caseload_store::{restore, StoreError};
use chrono::NaiveDateTime;
use std::path::Path;

const PASS: &str = "a long passphrase";
const PAGE: usize = 4096;

/// Overwrites the middle of page `page` (counted from 1) with garbage; a zeroed page header
/// makes a plaintext b-tree page unreadable, and any change fails an encrypted page's HMAC.
pub fn flip_page(path: &Path, page: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    let start = (page - 1) * PAGE;
    assert!(
        bytes.len() >= start + PAGE,
        "{} is too small",
        path.display()
    );
    for byte in &mut bytes[start..start + 200] {
        *byte = 0;
    }
    std::fs::write(path, bytes).unwrap();
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

#[test]
fn a_damaged_store_is_refused_with_the_latest_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.sqlite3");
    let mut store = open_encrypted(&path, PASS).unwrap();
    apply(&mut store, base());
    store.backup_now(t("2026-11-20 09:30")).unwrap();
    let good = store.backup_now(t("2026-11-23 09:30")).unwrap().path;
    // The newest backup is damaged too: the one offered is the newest that passes the check.
    let newest = store.backup_now(t("2026-11-24 09:30")).unwrap().path;
    flip_page(&newest, 3);
    let caseload = store.load_caseload().unwrap();
    drop(store);
    flip_page(&path, 3);
    let damaged = std::fs::read(&path).unwrap();

    match open_encrypted(&path, PASS) {
        Err(StoreError::Damaged {
            path: p,
            latest_backup,
            ..
        }) => {
            assert_eq!(p, path);
            assert_eq!(latest_backup.as_deref(), Some(good.as_path()));
        }
        Err(other) => panic!("expected Damaged, got {other:?}"),
        Ok(_) => panic!("a damaged store was opened"),
    }
    assert!(std::fs::read(&path).unwrap() == damaged, "nothing written");

    // The way out: restore the backup offered.
    let options = crate::support::options(&path, crate::support::key(PASS));
    let restored = restore(&path, &good, &options).unwrap();
    assert!(restored.kept.is_some(), "the damaged file is kept aside");
    let store = open_encrypted(&path, PASS).unwrap();
    assert_eq!(store.load_caseload().unwrap(), caseload);
}

#[test]
fn a_damaged_plaintext_store_is_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = open_plain(&path).unwrap();
    apply(&mut store, base());
    drop(store);
    flip_page(&path, 3);

    match open_plain(&path) {
        Err(StoreError::Damaged {
            latest_backup: None,
            detail,
            ..
        }) => assert!(!detail.is_empty()),
        Err(other) => panic!("expected Damaged without a backup, got {other:?}"),
        Ok(_) => panic!("a damaged store was opened"),
    }
}
