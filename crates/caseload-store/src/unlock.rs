//! From a typed secret to an open connection, and the key-slot changes on an open store: a new
//! passphrase, a new recovery key, and the one-time conversion of a store from before key slots.
//!
//! Which slots file is tried, in order: `….keys`, then a leftover `….keys.new` (a change
//! interrupted after its new slots were written; the one that opens the store is put in place),
//! then, for a passphrase, SQLCipher's own key derivation (a store from before key slots, or one
//! restored from such a backup).

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};

use crate::backup::{list_backups, BackupKind};
use crate::error::{SqlResultExt, StoreError};
use crate::fsutil;
use crate::key::{Cipher, Key, Passphrase};
use crate::keyslots::{pending_slots_path, slots_path, DataKey, KeySlots, Secret};
use crate::open::{open_keyed, Store};
use crate::recovery_key::RecoveryKey;

/// A file opened with a key: the connection, what SQLCipher was keyed with, and the slots the
/// key came from (none for a plaintext store or one from before key slots).
pub(crate) struct Unlocked {
    pub conn: Connection,
    pub cipher: Cipher,
    pub slots: Option<KeySlots>,
}

/// Opens `path` with `key`, trying its slots files, then (for a passphrase) the key derivation
/// of a store from before key slots. A leftover `….keys.new` that opens the store is put in
/// place when `flags` allow writing.
pub(crate) fn open_with_key(
    path: &Path,
    key: &Key,
    flags: OpenFlags,
) -> Result<Unlocked, StoreError> {
    let Some(secret) = key.secret() else {
        let conn = open_keyed(path, &Cipher::Plain, flags)?;
        return Ok(Unlocked {
            conn,
            cipher: Cipher::Plain,
            slots: None,
        });
    };
    let mut any_slots = false;
    for (file, pending) in [(slots_path(path), false), (pending_slots_path(path), true)] {
        let Some(slots) = KeySlots::read(&file)? else {
            continue;
        };
        any_slots = true;
        let Some(data) = slots.unwrap(secret) else {
            continue;
        };
        let cipher = Cipher::Data(data);
        match open_keyed(path, &cipher, flags) {
            Ok(conn) => {
                if pending && flags.contains(OpenFlags::SQLITE_OPEN_READ_WRITE) {
                    fsutil::rename_durably(&file, &slots_path(path))?;
                }
                return Ok(Unlocked {
                    conn,
                    cipher,
                    slots: Some(slots),
                });
            }
            Err(StoreError::WrongPassphrase { .. }) => continue,
            Err(e) => return Err(e),
        }
    }
    match key {
        Key::Passphrase(passphrase) => {
            let cipher = Cipher::Passphrase(passphrase.clone());
            let conn = open_keyed(path, &cipher, flags)?;
            Ok(Unlocked {
                conn,
                cipher,
                slots: None,
            })
        }
        _ if any_slots => Err(StoreError::WrongRecoveryKey {
            path: path.to_path_buf(),
        }),
        _ => Err(StoreError::NoRecoveryKey {
            path: path.to_path_buf(),
        }),
    }
}

/// The key text another SQLCipher client (the `sqlcipher` shell, for IT recovering a file by
/// hand) takes in `PRAGMA key` to open `path`: `x'…'`, the data key, found through its slots;
/// or the passphrase itself for a file from before key slots. Checked by opening the file
/// read-only; nothing is written.
pub fn sqlcipher_key(path: &Path, key: &Key) -> Result<zeroize::Zeroizing<String>, StoreError> {
    let unlocked = open_with_key(path, key, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(unlocked.cipher.key_text().unwrap_or_default())
}

/// True when the store at `path` has key slots (so a recovery key can open it), judged from
/// the slots file alone.
pub fn has_key_slots(path: &Path) -> bool {
    slots_path(path).exists() || pending_slots_path(path).exists()
}

/// Where the key slots of the store at `path` are (or would be): `caseload.sqlite3` →
/// `caseload.sqlite3.keys`, beside it.
pub fn key_slots_path(path: &Path) -> PathBuf {
    slots_path(path)
}

/// New slots for a new or newly encrypted store, and its recovery key to show once.
pub(crate) fn new_slots(
    passphrase: &Passphrase,
) -> Result<(DataKey, KeySlots, RecoveryKey), StoreError> {
    let data = DataKey::generate()?;
    let recovery = RecoveryKey::generate().map_err(|e| StoreError::Corrupt {
        what: format!("the operating system gave no random numbers: {e}"),
    })?;
    let slots = KeySlots::new(&data, passphrase, &recovery)?;
    Ok((data, slots, recovery))
}

impl Store {
    /// The recovery key made when this store was created, encrypted or converted to key slots,
    /// once: the front end shows it to be printed or stored, and it is never shown again.
    pub fn take_new_recovery_key(&mut self) -> Option<RecoveryKey> {
        self.new_recovery_key.take()
    }

    /// True when a recovery key opens this store (it has key slots).
    pub fn has_recovery_key(&self) -> bool {
        self.slots.is_some()
    }

    /// True when `passphrase` opens this store (its slot, or for a store from before key slots,
    /// the file itself with a separate read-only connection). Nothing is written.
    pub fn check_passphrase(&self, passphrase: &Passphrase) -> bool {
        match (&self.slots, &self.cipher, &self.file) {
            (Some(slots), _, _) => slots.unwrap(Secret::Passphrase(passphrase)).is_some(),
            (None, Cipher::Passphrase(_), Some(file)) => open_keyed(
                &file.path,
                &Cipher::Passphrase(passphrase.clone()),
                OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .is_ok(),
            _ => false,
        }
    }

    /// Sets a new passphrase. With key slots, only the passphrase slot is rewrapped: the pages,
    /// the recovery key and the backups already taken stay as they are (a backup opens with the
    /// passphrase it was taken under, or the recovery key). A store from before key slots is
    /// re-keyed page by page ([`Store::rekey_pages`]).
    pub fn rekey(&mut self, new: Passphrase) -> Result<(), StoreError> {
        let path = self.encrypted_path()?;
        match (&self.slots, &self.cipher) {
            (Some(slots), Cipher::Data(data)) => {
                let changed = slots.rewrapped(data, Secret::Passphrase(&new))?;
                changed.write(&slots_path(&path))?;
                self.slots = Some(changed);
                Ok(())
            }
            _ => self.rekey_pages(Cipher::Passphrase(new)),
        }
    }

    /// Makes a new recovery key: the store's recovery slot is rewrapped under it, and so is the
    /// recovery slot of every backup in the backups folder under the same data key, so the old
    /// recovery key opens none of them. (Copies elsewhere keep the key they were made with.)
    pub fn renew_recovery_key(&mut self) -> Result<RecoveryKey, StoreError> {
        let path = self.encrypted_path()?;
        let (Some(slots), Cipher::Data(data)) = (&self.slots, &self.cipher) else {
            return Err(StoreError::NoRecoveryKey { path });
        };
        let recovery = RecoveryKey::generate().map_err(|e| StoreError::Corrupt {
            what: format!("the operating system gave no random numbers: {e}"),
        })?;
        let changed = slots.rewrapped(data, Secret::RecoveryKey(&recovery))?;
        changed.write(&slots_path(&path))?;
        let cipher = Cipher::Data(data.clone());
        self.slots = Some(changed.clone());
        if let Some(dir) = self.backup_dir().map(Path::to_path_buf) {
            renew_in_backups(&dir, &path, &cipher, &changed)?;
        }
        Ok(recovery)
    }

    /// Converts a store from before key slots, opened with its passphrase: a backup first (kept
    /// out of the rotation; unless `backed_up`, when this opening took one before migrating),
    /// then a random data key, slots under the passphrase and a new
    /// recovery key, and the pages re-keyed to the data key. Left for the next opening when
    /// another program has the store open.
    pub(crate) fn convert_to_slots(
        &mut self,
        passphrase: &Passphrase,
        now: NaiveDateTime,
        backed_up: bool,
    ) -> Result<(), StoreError> {
        let path = self.encrypted_path()?;
        if !backed_up {
            self.backup_into_folder(BackupKind::BeforeMigration, now)?;
        }
        let (data, slots, recovery) = new_slots(passphrase)?;
        let pending = pending_slots_path(&path);
        slots.write(&pending)?;
        match self.rekey_pages(Cipher::Data(data)) {
            Ok(()) => {
                fsutil::rename_durably(&pending, &slots_path(&path))?;
                self.slots = Some(slots);
                self.new_recovery_key = Some(recovery);
                Ok(())
            }
            Err(StoreError::InUse { .. }) => fsutil::remove_if_present(&pending),
            Err(e) => {
                let _ = fsutil::remove_if_present(&pending);
                Err(e)
            }
        }
    }

    /// Re-keys every page (SQLCipher `PRAGMA rekey`) in one transaction.
    ///
    /// SQLCipher 4 rewrites the pages through the pager but does not report a failed rewrite,
    /// and in WAL mode another connection would still read with the old key. So the store
    /// leaves WAL for a rollback journal first (SQLite refuses while any other connection has
    /// the file open: [`StoreError::InUse`]), re-keys, proves with a fresh connection that the
    /// new key opens the file, and goes back to WAL.
    pub(crate) fn rekey_pages(&mut self, new: Cipher) -> Result<(), StoreError> {
        let path = self.encrypted_path()?;
        self.leave_wal(&path)?;
        let text = new
            .key_text()
            .expect("a store is never re-keyed to plaintext");
        let rekeyed = self
            .conn
            .pragma_update(None, "rekey", text.as_str())
            .op("change the key");
        let proved = rekeyed
            .and_then(|()| open_keyed(&path, &new, OpenFlags::SQLITE_OPEN_READ_ONLY).map(drop));
        if proved.is_ok() {
            self.cipher = new;
        }
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| {
                row.get::<_, String>(0)
            })
            .op("set journal_mode")?;
        match proved {
            // The rewrite did not take (another connection slipped in): the old key still opens.
            Err(StoreError::WrongPassphrase { .. }) => Err(StoreError::InUse { path }),
            other => other,
        }
    }

    /// The store's file, when it is encrypted.
    fn encrypted_path(&self) -> Result<PathBuf, StoreError> {
        match &self.file {
            Some(file) if self.cipher.is_encrypted() => Ok(file.path.clone()),
            Some(file) => Err(StoreError::NotEncrypted {
                path: file.path.clone(),
            }),
            None => Err(StoreError::NotEncrypted {
                path: PathBuf::from(":memory:"),
            }),
        }
    }
}

/// Gives every backup of `store` in `dir` that opens under `cipher` the recovery slot of
/// `slots`, keeping its own passphrase slot.
fn renew_in_backups(
    dir: &Path,
    store: &Path,
    cipher: &Cipher,
    slots: &KeySlots,
) -> Result<(), StoreError> {
    for backup in list_backups(dir, store)? {
        let file = slots_path(&backup.path);
        let Some(own) = KeySlots::read(&file)? else {
            continue;
        };
        if open_keyed(&backup.path, cipher, OpenFlags::SQLITE_OPEN_READ_ONLY).is_ok() {
            own.with_recovery_of(slots).write(&file)?;
        }
    }
    Ok(())
}
