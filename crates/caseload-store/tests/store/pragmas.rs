use caseload_store::Store;

#[test]
fn file_store_uses_wal_full_sync_foreign_keys_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let store = crate::support::open_plain(&path).unwrap();

    let p = store.pragmas().unwrap();
    assert_eq!(p.journal_mode, "wal");
    assert_eq!(p.synchronous, 2, "FULL");
    assert!(p.foreign_keys);
    assert_eq!(p.busy_timeout_ms, 5000);

    // WAL is a property of the file: another connection sees it too.
    let other = rusqlite::Connection::open(&path).unwrap();
    let mode: String = other
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn in_memory_store_enforces_foreign_keys_too() {
    let store = Store::open_in_memory().unwrap();
    let p = store.pragmas().unwrap();
    assert!(p.foreign_keys);
    assert_eq!(p.synchronous, 2);
    assert_eq!(p.journal_mode, "memory");
}

#[test]
fn committed_batch_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut store = crate::support::open_plain(&path).unwrap();
    crate::support::apply(&mut store, crate::support::base());
    let caseload = store.load_caseload().unwrap();
    drop(store);

    let store = crate::support::open_plain(&path).unwrap();
    assert_eq!(store.load_caseload().unwrap(), caseload);
}
