//! Shared fixtures: a fixed clock, changes from JSON, a small base caseload.

use caseload_core::change::Change;
use caseload_store::{
    Applied, ApplyContext, ChangeErrors, Key, OpenOptions, Passphrase, Store, StoreError,
};
use chrono::{DateTime, NaiveDate, Utc};
use std::path::Path;

/// "Today" for every test.
pub const AS_OF: &str = "2025-06-30";

pub fn d(s: &str) -> NaiveDate {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn ctx() -> ApplyContext<'static> {
    ApplyContext {
        as_of: d(AS_OF),
        actor: None,
        recorded_at: at("2025-06-30T09:00:00Z"),
        source: None,
    }
}

/// Changes from their wire JSON (an array).
pub fn changes(json: serde_json::Value) -> Vec<Change> {
    serde_json::from_value(json).unwrap_or_else(|e| panic!("bad test changes: {e}"))
}

/// Applies changes that must pass.
pub fn apply(store: &mut Store, json: serde_json::Value) -> Vec<Applied> {
    match store.apply(&changes(json), &ctx()) {
        Ok(applied) => applied,
        Err(e) => panic!("changes refused:\n{e}"),
    }
}

/// Applies changes that must be refused; returns the problems.
pub fn refused(store: &mut Store, json: serde_json::Value) -> Vec<ChangeErrors> {
    match store.apply(&changes(json), &ctx()) {
        Err(StoreError::Invalid(errors)) => errors,
        Err(other) => panic!("expected Invalid, got {other:?}"),
        Ok(applied) => panic!("expected Invalid, but applied {applied:?}"),
    }
}

/// "index op field code" per problem, for compact assertions.
pub fn summary(errors: &[ChangeErrors]) -> Vec<String> {
    errors
        .iter()
        .flat_map(|c| {
            c.errors.iter().map(move |e| {
                let code = serde_json::to_value(e.code).unwrap();
                format!(
                    "{} {} {} {}",
                    c.index,
                    c.op,
                    e.field,
                    code.as_str().unwrap()
                )
            })
        })
        .collect()
}

/// IRO 1; child 10 (born 2015) allocated to them, in care since 6 January 2025 (period 20),
/// first review held (meeting 30), second booked (meeting 31).
pub fn base() -> serde_json::Value {
    serde_json::json!([
        {"op": "add_iro", "id": 1, "name": "Asha Patel", "fte": 1.0},
        {"op": "add_child", "id": 10, "first_name": "Sam", "last_name": "Jones",
         "born_on": "2015-05-01", "sex": "male", "iro": 1, "allocated_on": "2025-01-06"},
        {"op": "start_care", "id": 20, "child": 10, "started_on": "2025-01-06",
         "legal_status": "C2", "regime": "full_care"},
        {"op": "record_meeting", "id": 30, "child": 10, "kind": "lac_review",
         "held_on": "2025-01-31", "participation": "PN1"},
        {"op": "book_meeting", "id": 31, "child": 10, "kind": "lac_review",
         "on": "2025-04-28", "at": "10:00", "venue": "Foster home"}
    ])
}

/// An in-memory store holding [`base`].
pub fn base_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    apply(&mut store, base());
    store
}

/// The local time "now" for opening and backups.
pub fn now() -> chrono::NaiveDateTime {
    d(AS_OF).and_hms_opt(9, 30, 0).unwrap()
}

pub fn passphrase(text: &str) -> Passphrase {
    Passphrase::new(text.to_string()).unwrap()
}

pub fn key(text: &str) -> Key {
    Key::Passphrase(passphrase(text))
}

/// Options with the default backups folder (`backups/` beside the store) and [`now`].
pub fn options(path: &Path, key: Key) -> OpenOptions {
    OpenOptions::new(path, key, now())
}

/// Opens (or creates) a plaintext store.
pub fn open_plain(path: &Path) -> Result<Store, StoreError> {
    Store::open(path, &options(path, Key::Unencrypted))
}

/// Opens (or creates) a store encrypted under `text`.
pub fn open_encrypted(path: &Path, text: &str) -> Result<Store, StoreError> {
    Store::open(path, &options(path, key(text)))
}

/// A raw SQLCipher connection to an encrypted file, keyed as the store keys it (the data key
/// its slots open under `text`, or `text` itself for a file from before key slots).
pub fn raw_encrypted(path: &Path, text: &str) -> rusqlite::Connection {
    let key_text = caseload_store::sqlcipher_key(path, &key(text)).unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "key", key_text.as_str()).unwrap();
    conn
}

/// A store as the app made them before key slots: SQLCipher's own key derivation over the
/// passphrase, and no slots file. Holds `changes`.
pub fn legacy_store(path: &Path, text: &str, changes: serde_json::Value) {
    let plain = path.with_extension("plain");
    let mut store = open_plain(&plain).unwrap();
    apply(&mut store, changes);
    let version = store.pragmas().unwrap().user_version;
    drop(store);
    let conn = rusqlite::Connection::open(&plain).unwrap();
    conn.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        [path.to_str().unwrap(), text],
    )
    .unwrap();
    conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .unwrap();
    conn.pragma_update(Some("encrypted"), "user_version", version)
        .unwrap();
    conn.execute("DETACH DATABASE encrypted", []).unwrap();
    drop(conn);
    std::fs::remove_file(&plain).unwrap();
}
