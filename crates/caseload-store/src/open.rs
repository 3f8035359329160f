//! Opening a store: the one place that configures a connection, then migrates it.

use crate::error::{SqlResultExt, StoreError};
use crate::migrate;
use rusqlite::Connection;
use std::path::Path;

/// A caseload store: one SQLite connection. Every write goes through [`Store::apply`].
pub struct Store {
    pub(crate) conn: Connection,
}

/// The connection settings in force, for diagnostics and tests.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pragmas {
    /// `wal` for a file store, `memory` in memory.
    pub journal_mode: String,
    /// 2 = FULL.
    pub synchronous: i64,
    /// Foreign keys enforced.
    pub foreign_keys: bool,
    /// How long a writer waits for a lock held by another process.
    pub busy_timeout_ms: i64,
    /// The schema version (the number of migrations applied).
    pub user_version: i64,
}

impl Store {
    /// Opens the store at `path`, creating the file (and its folder) if missing, and brings
    /// its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                op: "create the folder",
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).op("open the store file")?;
        Store::configure(conn, true)
    }

    /// A store in memory: gone when dropped (tests, one-off calculations).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().op("open an in-memory store")?;
        Store::configure(conn, false)
    }

    fn configure(mut conn: Connection, file: bool) -> Result<Store, StoreError> {
        if file {
            // WAL: readers never block the writer, and a crash mid-write leaves the last
            // committed state intact. (An in-memory database has no WAL.)
            // The pragma answers with the mode in force; `Store::pragmas` reports it.
            conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
                row.get::<_, String>(0)
            })
            .op("set journal_mode")?;
        }
        // FULL rather than the usual WAL pairing NORMAL: with NORMAL, a commit can be lost on
        // power failure. A review recorded as held is a statutory record and the app writes
        // rarely (a person typing), so one extra fsync per commit costs nothing noticeable.
        conn.pragma_update(None, "synchronous", "FULL")
            .op("set synchronous")?;
        // Off by default in SQLite, per connection: the schema's REFERENCES mean nothing
        // without it.
        conn.pragma_update(None, "foreign_keys", true)
            .op("set foreign_keys")?;
        // Another process (the CLI while the desktop app is open) waits for the lock instead
        // of failing at once.
        conn.pragma_update(None, "busy_timeout", 5000)
            .op("set busy_timeout")?;
        migrate::to_latest(&mut conn)?;
        Ok(Store { conn })
    }

    /// The connection settings in force.
    pub fn pragmas(&self) -> Result<Pragmas, StoreError> {
        let get_i64 = |name: &'static str| -> Result<i64, StoreError> {
            self.conn
                .pragma_query_value(None, name, |row| row.get(0))
                .op("read pragma")
        };
        Ok(Pragmas {
            journal_mode: self
                .conn
                .pragma_query_value(None, "journal_mode", |row| row.get(0))
                .op("read pragma")?,
            synchronous: get_i64("synchronous")?,
            foreign_keys: get_i64("foreign_keys")? == 1,
            busy_timeout_ms: get_i64("busy_timeout")?,
            user_version: get_i64("user_version")?,
        })
    }
}
