//! Backups, restore, and encrypting a plaintext store.
//!
//! A backup is a consistent copy made with SQLite's online backup API, under the store's own
//! key (an encrypted store's backups are encrypted; SQLCipher re-encrypts every page with the
//! backup's own salt). It is written under a hidden temporary name in the backups folder,
//! checked, then renamed, so a file with a backup's name is always complete. Backups are single
//! files (rollback-journal mode), named after the store and the local time they were taken:
//!
//! | name | taken | rotated |
//! |---|---|---|
//! | `caseload-2026-11-24T0930.db` | "Back up now", the schedule | yes: 7 daily + 4 weekly ([`backups_to_keep`]) |
//! | `caseload-2026-11-24T0930-before-migration.db` | on open, before a schema migration | no |
//! | `caseload-2026-11-24T0930-replaced.db` | the store a restore replaced | no |
//!
//! The names carry the store's file stem and a time, never child data.
//!
//! An encrypted store's backup carries a copy of the store's key slots beside it
//! (`caseload-2026-11-24T0930.db.keys`, written before the backup is renamed into place): the
//! passphrase of the day, or the recovery key, opens it ([`crate::keyslots`]).
//!
//! What this module deliberately is not: a scheduler (front ends decide when; the store takes
//! `now` as a parameter and never reads the clock).

use crate::error::{SqlResultExt, StoreError};
use crate::fsutil;
use crate::key::{apply_key, file_kind, Cipher, FileKind, Key, Passphrase};
use crate::keyslots::{pending_slots_path, slots_path};
use crate::migrate::SCHEMA_VERSION;
use crate::open::{open_keyed, quick_check, sibling, OpenOptions, Store};
use crate::recovery_key::RecoveryKey;
use crate::unlock::{new_slots, open_with_key};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::OpenFlags;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Why a backup was taken (from its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// "Back up now" or the schedule; rotated.
    Regular,
    /// Taken on open, before a schema migration; kept until the user removes it.
    BeforeMigration,
    /// The store a restore replaced; kept until the user removes it.
    Replaced,
}

impl BackupKind {
    fn suffix(self) -> &'static str {
        match self {
            BackupKind::Regular => "",
            BackupKind::BeforeMigration => "-before-migration",
            BackupKind::Replaced => "-replaced",
        }
    }
}

/// A backup file found in a backups folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupFile {
    /// Where it is.
    pub path: PathBuf,
    /// The local time it was taken, to the minute (from its name).
    pub taken_at: NaiveDateTime,
    /// Why it was taken.
    pub kind: BackupKind,
}

/// What "Back up now" did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupMade {
    /// The new backup.
    pub path: PathBuf,
    /// Older regular backups removed by the rotation.
    pub removed: Vec<PathBuf>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the replaced store was kept (`None` when there was no store).
    pub kept: Option<PathBuf>,
}

/// What encrypting a plaintext store did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptedStore {
    /// Plaintext backups of the store that were overwritten and removed.
    pub wiped_backups: Vec<PathBuf>,
    /// The store's new recovery key, to show once.
    pub recovery_key: RecoveryKey,
}

const STAMP: &str = "%Y-%m-%dT%H%M";
/// `2026-11-24T0930`.
const STAMP_LEN: usize = 15;

fn stem(store: &Path) -> String {
    store.file_stem().map_or_else(
        || "caseload".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The name of a backup of `store` taken at `at`.
fn backup_name(store: &Path, kind: BackupKind, at: NaiveDateTime, n: u32) -> String {
    let dedupe = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    format!(
        "{}-{}{}{dedupe}.db",
        stem(store),
        at.format(STAMP),
        kind.suffix()
    )
}

/// Reads a backup's name back: its time and kind, if it is a backup of `store`.
fn parse_backup_name(store: &Path, name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name
        .strip_prefix(&stem(store))?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    if rest.len() < STAMP_LEN || !rest.is_char_boundary(STAMP_LEN) {
        return None;
    }
    let (stamp, tail) = rest.split_at(STAMP_LEN);
    let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let kind = [
        BackupKind::BeforeMigration,
        BackupKind::Replaced,
        BackupKind::Regular,
    ]
    .into_iter()
    .find(|kind| {
        let Some(after) = tail.strip_prefix(kind.suffix()) else {
            return false;
        };
        after.is_empty()
            || after
                .strip_prefix('-')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })?;
    // A regular backup's name has nothing after the time.
    if kind == BackupKind::Regular && !tail.is_empty() {
        return None;
    }
    Some((taken_at, kind))
}

/// The backups of `store` in `dir`, newest first. A missing folder has none.
pub fn list_backups(dir: &Path, store: &Path) -> Result<Vec<BackupFile>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::Io {
                op: "list the backups in",
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some((taken_at, kind)) = parse_backup_name(store, name) {
            found.push(BackupFile {
                path: entry.path(),
                taken_at,
                kind,
            });
        }
    }
    found.sort_by(|a, b| {
        b.taken_at
            .cmp(&a.taken_at)
            .then_with(|| b.path.cmp(&a.path))
    });
    Ok(found)
}

/// The rotation policy, pure: which regular backups to keep, given each one's time.
///
/// - the newest backup of each of the 7 most recent days that have one ("7 daily");
/// - then, among older backups, the newest of each of the 4 most recent ISO weeks (Monday to
///   Sunday) that have one ("4 weekly");
/// - and every backup dated after `now` (a clock that was wrong, or moved back): never judged.
///
/// Days count from the backups that exist, not from `now`: a month away from the app never
/// rotates the history away.
pub fn backups_to_keep(
    files: &[(PathBuf, NaiveDateTime)],
    now: NaiveDateTime,
) -> BTreeSet<PathBuf> {
    let mut keep: BTreeSet<PathBuf> = files
        .iter()
        .filter(|(_, at)| *at > now)
        .map(|(path, _)| path.clone())
        .collect();
    let mut past: Vec<&(PathBuf, NaiveDateTime)> =
        files.iter().filter(|(_, at)| *at <= now).collect();
    past.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));

    let mut days: Vec<NaiveDate> = Vec::new();
    let mut older = Vec::new();
    for (path, at) in past {
        let day = at.date();
        if days.last() == Some(&day) {
            continue;
        }
        if days.len() < 7 {
            days.push(day);
            keep.insert(path.clone());
        } else {
            older.push((path, day));
        }
    }
    let mut weeks: Vec<(i32, u32)> = Vec::new();
    for (path, day) in older {
        let week = (day.iso_week().year(), day.iso_week().week());
        if weeks.last() == Some(&week) {
            continue;
        }
        if weeks.len() == 4 {
            break;
        }
        weeks.push(week);
        keep.insert(path.clone());
    }
    keep
}

/// Checks that a file is a usable backup under `key`: it opens, passes `PRAGMA quick_check`,
/// and holds a caseload schema this build can read. Opens it read-only: nothing is written.
pub fn verify_backup(path: &Path, key: &Key) -> Result<(), StoreError> {
    match (file_kind(path)?, key) {
        (FileKind::Missing | FileKind::Empty, _) => {
            return Err(StoreError::NotABackup {
                path: path.to_path_buf(),
                why: "the file is missing or empty",
            })
        }
        (FileKind::Plaintext, Key::Passphrase(_) | Key::RecoveryKey(_)) => {
            return Err(StoreError::NotEncrypted {
                path: path.to_path_buf(),
            })
        }
        (FileKind::Encrypted, Key::Unencrypted) => {
            return Err(StoreError::NeedsPassphrase {
                path: path.to_path_buf(),
            })
        }
        _ => {}
    }
    let conn = open_with_key(path, key, OpenFlags::SQLITE_OPEN_READ_ONLY)?.conn;
    quick_check(&conn, path)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .op("read the schema version")?;
    if version == 0 {
        return Err(StoreError::NotABackup {
            path: path.to_path_buf(),
            why: "it holds no caseload",
        });
    }
    if version > SCHEMA_VERSION as i64 {
        return Err(StoreError::NotABackup {
            path: path.to_path_buf(),
            why: "it was made by a newer version of the app",
        });
    }
    Ok(())
}

/// The newest backup of `store` in `dir` that opens with `key` and passes the check (the
/// stores a restore replaced are not offered: they are often the damaged ones).
pub fn latest_good_backup(dir: &Path, store: &Path, key: &Key) -> Option<PathBuf> {
    list_backups(dir, store)
        .ok()?
        .into_iter()
        .filter(|b| b.kind != BackupKind::Replaced)
        .find(|b| verify_backup(&b.path, key).is_ok())
        .map(|b| b.path)
}

impl Store {
    /// Writes a consistent copy of the store to `dest`, under the store's key. The copy is
    /// built under a hidden temporary name beside `dest`, checked, then renamed: a file named
    /// `dest` is always a complete backup. An existing `dest` is replaced.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        let dir = dest.parent().unwrap_or_else(|| Path::new(""));
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                op: "create the folder",
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let mut name = std::ffi::OsString::from(".");
        name.push(dest.file_name().unwrap_or_default());
        name.push(".partial");
        let temp = dest.with_file_name(name);
        fsutil::remove_with_journals(&temp)?;
        let copied = self
            .copy_into(&temp, dest)
            .and_then(|()| match &self.slots {
                // The slots first: a file with a backup's name always opens.
                Some(slots) => slots.write(&slots_path(dest)),
                None => fsutil::remove_if_present(&slots_path(dest)),
            });
        match copied {
            Ok(()) => fsutil::rename_durably(&temp, dest),
            Err(e) => {
                let _ = fsutil::remove_with_journals(&temp);
                Err(e)
            }
        }
    }

    fn copy_into(&self, temp: &Path, dest: &Path) -> Result<(), StoreError> {
        let mut out = rusqlite::Connection::open(temp).op("create the backup file")?;
        apply_key(&out, &self.cipher)?;
        {
            let backup = Backup::new(&self.conn, &mut out).op("start the backup")?;
            // All pages in one step, from one read transaction; retried while another
            // connection holds a lock (a writer in another process).
            let mut waits = 0;
            loop {
                match backup.step(-1).op("copy the store")? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    _ if waits < 100 => {
                        waits += 1;
                        std::thread::sleep(std::time::Duration::from_millis(50));
                    }
                    _ => {
                        return Err(StoreError::InUse {
                            path: self.path().unwrap_or(dest).to_path_buf(),
                        })
                    }
                }
            }
        }
        // The copy of page 1 says "WAL"; a backup is a single file, so a rollback journal.
        out.query_row("PRAGMA journal_mode = DELETE", [], |row| {
            row.get::<_, String>(0)
        })
        .op("set the backup's journal mode")?;
        quick_check(&out, dest)
    }

    /// Backs up into the backups folder under a dated name, then rotates the regular backups
    /// ([`backups_to_keep`]). `now` is the local time.
    pub fn backup_now(&self, now: NaiveDateTime) -> Result<BackupMade, StoreError> {
        let path = self.backup_into_folder(BackupKind::Regular, now)?;
        let (dir, store) = self.file_paths()?;
        let regular: Vec<(PathBuf, NaiveDateTime)> = list_backups(&dir, &store)?
            .into_iter()
            .filter(|b| b.kind == BackupKind::Regular)
            .map(|b| (b.path, b.taken_at))
            .collect();
        let keep = backups_to_keep(&regular, now);
        let mut removed = Vec::new();
        for (old, _) in regular {
            if !keep.contains(&old) && old != path {
                fsutil::remove_if_present(&old)?;
                fsutil::remove_if_present(&slots_path(&old))?;
                removed.push(old);
            }
        }
        Ok(BackupMade { path, removed })
    }

    /// A backup of a given kind into the backups folder; regular backups of the same minute
    /// replace each other, the others never do.
    pub(crate) fn backup_into_folder(
        &self,
        kind: BackupKind,
        now: NaiveDateTime,
    ) -> Result<PathBuf, StoreError> {
        let (dir, store) = self.file_paths()?;
        remove_partial_backups(&dir, &store);
        let dest = free_name(&dir, &store, kind, now);
        self.backup_to(&dest)?;
        Ok(dest)
    }

    /// The scheduled backup: once a day. Backs up (and rotates) when the store holds anything
    /// and no regular backup was taken on `now`'s day; `None` otherwise.
    pub fn backup_if_due(&self, now: NaiveDateTime) -> Result<Option<BackupMade>, StoreError> {
        let (dir, store) = self.file_paths()?;
        let taken_today = list_backups(&dir, &store)?
            .iter()
            .any(|b| b.kind == BackupKind::Regular && b.taken_at.date() == now.date());
        let holds_data = self.count_rows()?.values().any(|&n| n > 0);
        if taken_today || !holds_data {
            return Ok(None);
        }
        self.backup_now(now).map(Some)
    }

    /// Replaces this store with a backup ([`restore`]) and reopens it under the backup's key;
    /// on failure the store is reopened as it was. The backup is checked before this store's
    /// connection is closed.
    pub fn restore_from(
        &mut self,
        backup: &Path,
        key: Key,
        now: NaiveDateTime,
    ) -> Result<Restored, StoreError> {
        let file = self.file.clone().ok_or_else(|| StoreError::NotABackup {
            path: PathBuf::from(":memory:"),
            why: "an in-memory store cannot be restored",
        })?;
        verify_backup(backup, &key)?;
        let options = OpenOptions {
            key,
            backup_dir: file.backup_dir.clone(),
            now,
        };
        let (cipher, slots) = (self.cipher.clone(), self.slots.clone());
        self.close_file()?;
        let result = restore(&file.path, backup, &options);
        *self = match result {
            Ok(_) => Store::open(&file.path, &options)?,
            Err(_) => Store::reopen_as_before(&file.path, cipher, slots, &options)?,
        };
        result
    }

    /// Encrypts this plaintext store under `passphrase` ([`encrypt_plaintext`]), reopens it,
    /// and takes a first encrypted backup. On failure the store is reopened as it was.
    pub fn encrypt(
        &mut self,
        passphrase: Passphrase,
        now: NaiveDateTime,
    ) -> Result<(EncryptedStore, BackupMade), StoreError> {
        let file = self.file.clone().ok_or_else(|| StoreError::NotABackup {
            path: PathBuf::from(":memory:"),
            why: "an in-memory store is never written to disk",
        })?;
        if self.cipher.is_encrypted() {
            return Err(StoreError::AlreadyEncrypted { path: file.path });
        }
        let options = OpenOptions {
            key: Key::Passphrase(passphrase.clone()),
            backup_dir: file.backup_dir.clone(),
            now,
        };
        self.close_file()?;
        let result = encrypt_plaintext(&file.path, &passphrase, &options);
        *self = match result {
            Ok(_) => Store::open(&file.path, &options)?,
            Err(_) => Store::reopen_as_before(&file.path, Cipher::Plain, None, &options)?,
        };
        let encrypted = result?;
        self.new_recovery_key = Some(encrypted.recovery_key.clone());
        let backup = self.backup_now(now)?;
        Ok((encrypted, backup))
    }

    /// Closes the file connection (SQLite checkpoints the WAL and removes it when the last
    /// connection closes), leaving an in-memory one until the store is reopened.
    fn close_file(&mut self) -> Result<(), StoreError> {
        let placeholder = rusqlite::Connection::open_in_memory().op("open an in-memory store")?;
        drop(std::mem::replace(&mut self.conn, placeholder));
        Ok(())
    }

    fn file_paths(&self) -> Result<(PathBuf, PathBuf), StoreError> {
        match &self.file {
            Some(file) => Ok((file.backup_dir.clone(), file.path.clone())),
            None => Err(StoreError::NotABackup {
                path: PathBuf::from(":memory:"),
                why: "an in-memory store has no backups folder",
            }),
        }
    }
}

/// Removes what a backup interrupted by a crash left: `.caseload-….db.partial` (never a
/// complete backup: those are renamed only once checked).
fn remove_partial_backups(dir: &Path, store: &Path) {
    let prefix = format!(".{}-", stem(store));
    let stem_prefix = format!("{}-", stem(store));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".db.partial") {
            let _ = fsutil::remove_with_journals(&entry.path());
        }
        // Key slots written for a backup a crash kept from being renamed into place.
        if let Some(backup) = name.strip_suffix(".keys") {
            if backup.starts_with(&stem_prefix) && !dir.join(backup).exists() {
                let _ = fsutil::remove_if_present(&entry.path());
            }
        }
    }
}

fn free_name(dir: &Path, store: &Path, kind: BackupKind, now: NaiveDateTime) -> PathBuf {
    let mut n = 1;
    loop {
        let path = dir.join(backup_name(store, kind, now, n));
        if kind == BackupKind::Regular || !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Replaces the store at `store` with a backup, after checking that the backup opens with
/// `options.key` and passes the integrity check (nothing is touched before that).
///
/// The replaced store is first copied, as it is (with its `-wal`), into the backups folder as
/// `…-replaced.db`, whether or not it opens (a damaged store is often why one restores). The
/// backup is copied under a temporary name beside the store, the old store's `-wal` and `-shm`
/// are removed (SQLite would otherwise replay the old WAL into the restored file), and the copy
/// is renamed into place. The store must not be open, here or in another program.
pub fn restore(store: &Path, backup: &Path, options: &OpenOptions) -> Result<Restored, StoreError> {
    verify_backup(backup, &options.key)?;
    let kept = keep_replaced(store, options)?;
    let temp = sibling(store, "restoring");
    fsutil::remove_with_journals(&temp)?;
    fsutil::copy_durably(backup, &temp)?;
    // The backup's key slots go in beside the store as pending slots, put in place once the
    // store is (opening tries pending slots when the others do not fit).
    let backup_slots = slots_path(backup);
    let pending = pending_slots_path(store);
    let has_slots = backup_slots.exists();
    if has_slots {
        fsutil::copy_durably(&backup_slots, &pending)?;
    }
    fsutil::remove_if_present(&fsutil::companion(store, "-wal"))?;
    fsutil::remove_if_present(&fsutil::companion(store, "-shm"))?;
    fsutil::rename_durably(&temp, store)?;
    if has_slots {
        fsutil::rename_durably(&pending, &slots_path(store))?;
    } else {
        // A backup from before key slots: its passphrase opens it, and opening converts it.
        fsutil::remove_if_present(&slots_path(store))?;
    }
    Ok(Restored { kept })
}

/// Copies the store a restore is about to replace into the backups folder.
fn keep_replaced(store: &Path, options: &OpenOptions) -> Result<Option<PathBuf>, StoreError> {
    if matches!(file_kind(store)?, FileKind::Missing | FileKind::Empty) {
        return Ok(None);
    }
    std::fs::create_dir_all(&options.backup_dir).map_err(|source| StoreError::Io {
        op: "create the folder",
        path: options.backup_dir.clone(),
        source,
    })?;
    let kept = free_name(
        &options.backup_dir,
        store,
        BackupKind::Replaced,
        options.now,
    );
    fsutil::copy_durably(store, &kept)?;
    if slots_path(store).exists() {
        fsutil::copy_durably(&slots_path(store), &slots_path(&kept))?;
    }
    let wal = fsutil::companion(store, "-wal");
    if wal.exists() {
        fsutil::copy_durably(&wal, &fsutil::companion(&kept, "-wal"))?;
    }
    // Fold the copied WAL into the copy when the key opens it, so the kept file stands alone.
    if let Ok(unlocked) = open_with_key(&kept, &options.key, OpenFlags::SQLITE_OPEN_READ_WRITE) {
        let conn = unlocked.conn;
        let _ = conn.query_row("PRAGMA journal_mode = DELETE", [], |row| {
            row.get::<_, String>(0)
        });
    }
    Ok(Some(kept))
}

/// Encrypts a plaintext store in place: `sqlcipher_export` into a new file beside it, checked
/// (integrity, schema version, the row count of every table), then renamed over the plaintext
/// file in one atomic step.
///
/// No plaintext copy is kept: keeping one would defeat the purpose. The plaintext file's bytes
/// are overwritten with zeros through a handle opened before the rename, and the plaintext
/// backups of this store are overwritten and removed too. (Best effort: an SSD or a
/// copy-on-write file system may keep old blocks; full-disk encryption covers that.) Take an
/// encrypted backup right after.
pub fn encrypt_plaintext(
    store: &Path,
    passphrase: &Passphrase,
    options: &OpenOptions,
) -> Result<EncryptedStore, StoreError> {
    match file_kind(store)? {
        FileKind::Plaintext => {}
        FileKind::Encrypted => {
            return Err(StoreError::AlreadyEncrypted {
                path: store.to_path_buf(),
            })
        }
        FileKind::Missing | FileKind::Empty => {
            return Err(StoreError::NotABackup {
                path: store.to_path_buf(),
                why: "there is no store to encrypt",
            })
        }
    }
    let (data, slots, recovery_key) = new_slots(passphrase)?;
    let cipher = Cipher::Data(data);
    let temp = sibling(store, "encrypting");
    fsutil::remove_with_journals(&temp)?;
    let counts = match export_encrypted(store, &temp, &cipher) {
        Ok(counts) => counts,
        Err(e) => {
            let _ = fsutil::remove_with_journals(&temp);
            return Err(e);
        }
    };
    let checked = (|| {
        let conn = open_keyed(&temp, &cipher, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        quick_check(&conn, &temp)?;
        if table_counts(&conn)? != counts {
            return Err(StoreError::Corrupt {
                what: "the encrypted copy does not hold every row".to_string(),
            });
        }
        Ok(())
    })();
    if let Err(e) = checked {
        let _ = fsutil::remove_with_journals(&temp);
        return Err(e);
    }
    let mut plaintext = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(store)
        .map_err(|source| StoreError::Io {
            op: "open",
            path: store.to_path_buf(),
            source,
        })?;
    // The slots go in as pending first: if the rename below is the last thing done, opening
    // finds them and puts them in place.
    let pending = pending_slots_path(store);
    slots.write(&pending)?;
    fsutil::rename_durably(&temp, store)?;
    fsutil::rename_durably(&pending, &slots_path(store))?;
    fsutil::zero_fill(&mut plaintext, store)?;
    drop(plaintext);
    let mut wiped_backups = Vec::new();
    for backup in list_backups(&options.backup_dir, store)? {
        if file_kind(&backup.path)? == FileKind::Plaintext {
            fsutil::wipe_and_remove(&backup.path)?;
            wiped_backups.push(backup.path);
        }
    }
    Ok(EncryptedStore {
        wiped_backups,
        recovery_key,
    })
}

/// The plaintext side of [`encrypt_plaintext`]: checks the store, leaves WAL (refused while
/// another program has it open), exports; returns every table's row count.
fn export_encrypted(
    store: &Path,
    temp: &Path,
    cipher: &Cipher,
) -> Result<BTreeMap<String, i64>, StoreError> {
    // CREATE: an attached database inherits these flags, and the encrypted copy is new.
    let conn = open_keyed(
        store,
        &Cipher::Plain,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    quick_check(&conn, store)?;
    let holder = Store {
        conn,
        cipher: Cipher::Plain,
        slots: None,
        new_recovery_key: None,
        file: None,
    };
    // Checkpoints the WAL into the file: the export then reads one consistent file, and no
    // plaintext WAL is left behind.
    holder.leave_wal(store)?;
    let conn = &holder.conn;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .op("read the schema version")?;
    let temp_text = temp.to_str().ok_or_else(|| StoreError::NotABackup {
        path: temp.to_path_buf(),
        why: "the folder's name is not valid Unicode",
    })?;
    let Cipher::Data(data) = cipher else {
        unreachable!("a store is encrypted under its data key");
    };
    conn.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        [temp_text, data.sqlcipher_key().as_str()],
    )
    .op("create the encrypted copy")?;
    conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .op("copy into the encrypted file")?;
    // sqlcipher_export copies the schema and the rows, not the schema version.
    conn.pragma_update(Some("encrypted"), "user_version", version)
        .op("set the schema version")?;
    conn.execute("DETACH DATABASE encrypted", [])
        .op("close the encrypted copy")?;
    table_counts(conn)
}

fn table_counts(conn: &rusqlite::Connection) -> Result<BTreeMap<String, i64>, StoreError> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .op("list tables")?;
    let names: Vec<String> = stmt
        .query_map([], |row| row.get(0))
        .op("list tables")?
        .collect::<Result<_, _>>()
        .op("list tables")?;
    let mut counts = BTreeMap::new();
    for name in names {
        // Names come from sqlite_master, quoted as identifiers.
        let n: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")),
                [],
                |row| row.get(0),
            )
            .op("count rows")?;
        counts.insert(name, n);
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn names_round_trip_and_other_files_are_ignored() {
        let store = Path::new("/data/caseload.sqlite3");
        let t = at("2026-11-24 09:30");
        for (kind, n, name) in [
            (BackupKind::Regular, 1, "caseload-2026-11-24T0930.db"),
            (
                BackupKind::BeforeMigration,
                1,
                "caseload-2026-11-24T0930-before-migration.db",
            ),
            (
                BackupKind::Replaced,
                2,
                "caseload-2026-11-24T0930-replaced-2.db",
            ),
        ] {
            assert_eq!(backup_name(store, kind, t, n), name);
            assert_eq!(parse_backup_name(store, name), Some((t, kind)));
        }
        for other in [
            "caseload-2026-11-24T0930.db-wal",
            ".caseload-2026-11-24T0930.db.partial",
            "demo-2026-11-24T0930.db",
            "caseload-2026-11-24T0930-2.db",
            "caseload-2026-11-24T0930-replaced-.db",
            "caseload-2026-13-24T0930.db",
            "caseload.sqlite3",
        ] {
            assert_eq!(parse_backup_name(store, other), None, "{other}");
        }
    }
}
