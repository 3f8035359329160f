//! Opening a store: the one place that keys and configures a connection, checks the file,
//! backs it up before a migration, then migrates it.
//!
//! The order matters, and each step leaves the file untouched when it fails:
//! 1. the file kind is read from its first 16 bytes, so a plaintext file opened with a
//!    passphrase (or an encrypted one without) is refused before SQLite sees it;
//! 2. a new store is built under a temporary name and renamed into place, so a store is never
//!    half-created (a crash leaves only the temporary file, which the next open replaces);
//! 3. the key is worked out ([`crate::unlock`]: the passphrase or recovery key opens a key slot)
//!    and checked by reading `sqlite_master` (SQLCipher only notices a wrong key when it first
//!    reads a page); a wrong passphrase writes nothing, and creates no `-wal` or `-shm` file,
//!    because SQLite cannot even learn that the file is in WAL mode;
//! 4. `PRAGMA quick_check` on an existing file: a damaged store is refused, with the path of the
//!    newest backup that passes the same check;
//! 5. pragmas (WAL, `synchronous = FULL`, …);
//! 6. a backup, when the schema is older than this build's, then the migration;
//! 7. a store from before key slots, opened with its passphrase, is converted to them (after a
//!    backup), and its new recovery key waits for the front end to show it.

use crate::backup::{self, BackupKind};
use crate::error::{sqlite_error, SqlResultExt, StoreError};
use crate::key::{apply_key, file_kind, Cipher, FileKind, Key};
use crate::keyslots::{slots_path, KeySlots};
use crate::migrate::{self, SCHEMA_VERSION};
use crate::recovery_key::RecoveryKey;
use crate::unlock::{new_slots, open_with_key, Unlocked};
use chrono::NaiveDateTime;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};

/// A caseload store: one SQLite connection. Every write goes through [`Store::apply`].
pub struct Store {
    pub(crate) conn: Connection,
    /// What the connection was keyed with; backups are keyed the same.
    pub(crate) cipher: Cipher,
    /// The key slots the key came from; every backup carries a copy. `None` for a plaintext
    /// store and one from before key slots.
    pub(crate) slots: Option<KeySlots>,
    /// A recovery key made by this opening (a new store, or one converted to key slots), until
    /// the front end takes it to show.
    pub(crate) new_recovery_key: Option<RecoveryKey>,
    /// Where the store lives; `None` in memory.
    pub(crate) file: Option<StoreFile>,
}

/// A file store's path and its backups folder.
#[derive(Debug, Clone)]
pub(crate) struct StoreFile {
    pub path: PathBuf,
    pub backup_dir: PathBuf,
}

/// How to open a file store.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// The passphrase, or [`Key::Unencrypted`] for a plaintext (demo) store.
    pub key: Key,
    /// Where backups go: before a migration, "Back up now", the scheduled ones, and the store a
    /// restore replaced. Also where a damaged store's latest good backup is looked for.
    pub backup_dir: PathBuf,
    /// The local time now, to name the backup taken before a migration (this crate never reads
    /// the clock).
    pub now: NaiveDateTime,
}

impl OpenOptions {
    /// Options with the default backups folder, [`default_backup_dir`].
    pub fn new(store: &Path, key: Key, now: NaiveDateTime) -> OpenOptions {
        OpenOptions {
            key,
            backup_dir: default_backup_dir(store),
            now,
        }
    }
}

/// The default backups folder: `backups/` beside the store file.
pub fn default_backup_dir(store: &Path) -> PathBuf {
    store
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join("backups")
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
    /// Opens the store at `path`, creating the file (and its folder) if missing, checks it, and
    /// brings its schema up to date (after a backup, when it held an older schema).
    pub fn open(path: &Path, options: &OpenOptions) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                op: "create the folder",
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let kind = file_kind(path)?;
        refuse_key_mismatch(path, kind, &options.key)?;
        let new = matches!(kind, FileKind::Missing | FileKind::Empty);
        let new_recovery_key = if new {
            create(path, &options.key)?
        } else {
            None
        };
        let with_backup = |e: StoreError| with_latest_backup(e, path, options);
        // No CREATE flag: the file exists now, and a store that vanished in between must not be
        // silently recreated empty.
        let unlocked = open_with_key(
            path,
            &options.key,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(with_backup)?;
        if !new {
            quick_check(&unlocked.conn, path).map_err(with_backup)?;
        }
        let mut store = Store::from_unlocked(unlocked, path, options);
        store.new_recovery_key = new_recovery_key;
        store.configure()?;
        let version = store.pragmas()?.user_version;
        let migrating = version > 0 && version < SCHEMA_VERSION as i64;
        if migrating {
            // A migration rewrites tables; if this build's migration were wrong, the backup is
            // the way back. Kept outside the rotation.
            store.backup_into_folder(BackupKind::BeforeMigration, options.now)?;
        }
        migrate::to_latest(&mut store.conn)?;
        if let (Key::Passphrase(passphrase), Cipher::Passphrase(_)) = (&options.key, &store.cipher)
        {
            store.convert_to_slots(&passphrase.clone(), options.now, migrating)?;
        }
        Ok(store)
    }

    /// Reopens this store's file with the key it was open under (after a restore or an
    /// encryption that failed and left the file as it was).
    pub(crate) fn reopen_as_before(
        path: &Path,
        cipher: Cipher,
        slots: Option<KeySlots>,
        options: &OpenOptions,
    ) -> Result<Store, StoreError> {
        let conn = open_keyed(
            path,
            &cipher,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let unlocked = Unlocked {
            conn,
            cipher,
            slots,
        };
        let mut store = Store::from_unlocked(unlocked, path, options);
        store.configure()?;
        Ok(store)
    }

    fn from_unlocked(unlocked: Unlocked, path: &Path, options: &OpenOptions) -> Store {
        Store {
            conn: unlocked.conn,
            cipher: unlocked.cipher,
            slots: unlocked.slots,
            new_recovery_key: None,
            file: Some(StoreFile {
                path: path.to_path_buf(),
                backup_dir: options.backup_dir.clone(),
            }),
        }
    }

    /// A store in memory: gone when dropped (tests, one-off calculations). Never encrypted:
    /// nothing of it reaches the disk.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().op("open an in-memory store")?;
        let mut store = Store {
            conn,
            cipher: Cipher::Plain,
            slots: None,
            new_recovery_key: None,
            file: None,
        };
        store.configure()?;
        migrate::to_latest(&mut store.conn)?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        let conn = &self.conn;
        if self.file.is_some() {
            // WAL: readers never block the writer, and a crash mid-write leaves the last
            // committed state intact. (An in-memory database has no WAL.) With SQLCipher the
            // WAL's pages are encrypted like the file's.
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
        // Sorts and temporary tables stay in memory: SQLCipher encrypts the database, its
        // journal and WAL, and a temporary file is one more place child data could land.
        conn.pragma_update(None, "temp_store", "MEMORY")
            .op("set temp_store")?;
        // Off by default in SQLite, per connection: the schema's REFERENCES mean nothing
        // without it.
        conn.pragma_update(None, "foreign_keys", true)
            .op("set foreign_keys")?;
        // Another process (the CLI while the desktop app is open) waits for the lock instead
        // of failing at once.
        conn.pragma_update(None, "busy_timeout", 5000)
            .op("set busy_timeout")?;
        Ok(())
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

    /// True when the store is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.cipher.is_encrypted()
    }

    /// The store file; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.path.as_path())
    }

    /// The backups folder; `None` in memory.
    pub fn backup_dir(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.backup_dir.as_path())
    }

    /// Sends later backups to `dir` (the user chose another folder). Backups already taken
    /// stay where they are. No effect on a store in memory.
    pub fn set_backup_dir(&mut self, dir: PathBuf) {
        if let Some(file) = self.file.as_mut() {
            file.backup_dir = dir;
        }
    }

    /// SQLite's full `PRAGMA integrity_check`: an empty list when the store is sound, else its
    /// findings (page and row numbers, never row contents).
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let rows = pragma_rows(&self.conn, "PRAGMA integrity_check").op("check integrity")?;
        Ok(if rows == ["ok"] { Vec::new() } else { rows })
    }

    /// Checkpoints the WAL into the file and switches to a rollback journal, so that the file
    /// alone holds the store; refused while another connection has it open.
    pub(crate) fn leave_wal(&self, path: &Path) -> Result<(), StoreError> {
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |row| {
                row.get::<_, String>(0)
            });
        match mode {
            Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(()),
            Ok(_) => Err(StoreError::InUse {
                path: path.to_path_buf(),
            }),
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) => {
                Err(StoreError::InUse {
                    path: path.to_path_buf(),
                })
            }
            Err(e) => Err(sqlite_error("leave WAL mode", e)),
        }
    }
}

/// Refuses a key that cannot fit the file, before SQLite opens it.
fn refuse_key_mismatch(path: &Path, kind: FileKind, key: &Key) -> Result<(), StoreError> {
    match (kind, key) {
        (FileKind::Plaintext, Key::Passphrase(_) | Key::RecoveryKey(_)) => {
            Err(StoreError::NotEncrypted {
                path: path.to_path_buf(),
            })
        }
        (FileKind::Missing | FileKind::Empty, Key::RecoveryKey(_)) => {
            Err(StoreError::NoRecoveryKey {
                path: path.to_path_buf(),
            })
        }
        (FileKind::Encrypted, Key::Unencrypted) => Err(StoreError::NeedsPassphrase {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// The name of a temporary sibling of `path`: `caseload.sqlite3` → `caseload.sqlite3.<suffix>`.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// Builds a new, empty, migrated store under a temporary name beside `path`, then renames it
/// into place. Under a passphrase, the store gets key slots (written before the store is in
/// place) and a recovery key, returned to be shown once.
fn create(path: &Path, key: &Key) -> Result<Option<RecoveryKey>, StoreError> {
    let (cipher, slots, recovery) = match key {
        Key::Passphrase(passphrase) => {
            let (data, slots, recovery) = new_slots(passphrase)?;
            (Cipher::Data(data), Some(slots), Some(recovery))
        }
        Key::RecoveryKey(_) => {
            return Err(StoreError::NoRecoveryKey {
                path: path.to_path_buf(),
            })
        }
        Key::Unencrypted => (Cipher::Plain, None, None),
    };
    let temp = sibling(path, "creating");
    crate::fsutil::remove_with_journals(&temp)?;
    {
        let mut conn = Connection::open(&temp).op("create the store file")?;
        apply_key(&conn, &cipher)?;
        conn.pragma_update(None, "temp_store", "MEMORY")
            .op("set temp_store")?;
        conn.pragma_update(None, "foreign_keys", true)
            .op("set foreign_keys")?;
        // A rollback journal while building: the finished file is then complete on its own.
        // (`synchronous` is FULL by default in this mode, so the commit reaches the disk.)
        migrate::to_latest(&mut conn)?;
    }
    match &slots {
        Some(slots) => slots.write(&slots_path(path))?,
        // A plaintext store has no slots: a stale file from an earlier store must not stay.
        None => crate::fsutil::remove_if_present(&slots_path(path))?,
    }
    crate::fsutil::rename_durably(&temp, path)?;
    Ok(recovery)
}

/// Opens and keys a connection, and proves the key by reading the schema.
pub(crate) fn open_keyed(
    path: &Path,
    cipher: &Cipher,
    flags: OpenFlags,
) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, flags).op("open the store file")?;
    // Until the key is proven, closing must not checkpoint: a WAL left by a crash stays as it
    // is when the passphrase is wrong (nothing changes on a refused unlock).
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .op("hold checkpoints until the key is proven")?;
    apply_key(&conn, cipher)?;
    // Page 1 alone first (the schema version lives in its header): SQLCipher decrypts it with
    // the key and reports "not a database" when its HMAC fails, which is how a wrong key shows.
    conn.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))
        .map_err(|e| match e.sqlite_error_code() {
            // SQLCipher cannot tell a wrong key from a file that is not a database at all.
            Some(ErrorCode::NotADatabase) if cipher.is_encrypted() => StoreError::WrongPassphrase {
                path: path.to_path_buf(),
            },
            Some(ErrorCode::NotADatabase) => StoreError::NeedsPassphrase {
                path: path.to_path_buf(),
            },
            _ => classify_read_error(path, e),
        })?;
    // Then the schema: page 1 opened, so the key is right and a failure here is damage.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|e| classify_read_error(path, e))?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)
        .op("allow checkpoints")?;
    Ok(conn)
}

/// What a failure to read a file whose key is right means: damage (a page that fails its
/// check: SQLCipher reports a failed HMAC as a plain error), unless it is a lock, a full disk
/// or a file that cannot be opened.
fn classify_read_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(
            ErrorCode::DatabaseBusy
            | ErrorCode::DatabaseLocked
            | ErrorCode::CannotOpen
            | ErrorCode::DiskFull
            | ErrorCode::PermissionDenied
            | ErrorCode::ReadOnly
            | ErrorCode::OutOfMemory,
        )
        | None => sqlite_error("read the store", e),
        Some(_) => StoreError::Damaged {
            path: path.to_path_buf(),
            latest_backup: None,
            detail: e.to_string(),
        },
    }
}

/// `PRAGMA quick_check` (every page read and its structure checked, in O(N)); a failure to read
/// a page (an SQLCipher page fails its HMAC) counts as damage too.
pub(crate) fn quick_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    match pragma_rows(conn, "PRAGMA quick_check") {
        Ok(rows) if rows == ["ok"] => Ok(()),
        Ok(rows) => Err(StoreError::Damaged {
            path: path.to_path_buf(),
            latest_backup: None,
            detail: rows.into_iter().next().unwrap_or_default(),
        }),
        Err(e) => Err(classify_read_error(path, e)),
    }
}

fn pragma_rows(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    rows.collect()
}

/// Fills in a damaged store's latest good backup.
fn with_latest_backup(e: StoreError, path: &Path, options: &OpenOptions) -> StoreError {
    match e {
        StoreError::Damaged {
            path: damaged,
            latest_backup: None,
            detail,
        } => StoreError::Damaged {
            latest_backup: backup::latest_good_backup(&options.backup_dir, path, &options.key),
            path: damaged,
            detail,
        },
        other => other,
    }
}
