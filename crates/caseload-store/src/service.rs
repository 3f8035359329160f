//! The service store (issue 17, part 3): the service manager's own file of the IROs' figures
//! files, apart from any caseload (`service.sqlite3` beside the user's store by default),
//! SQLCipher-encrypted under the service passphrase like the files it holds.
//!
//! One row in `files` per IRO (by name, case folded), and that file's `meta`, `iros` and
//! `children` rows tagged with its id. Importing an IRO's newer file replaces their older one
//! in one transaction; an older file than the one held is refused and nothing changes.
//!
//! Not a caseload store: it holds no `Change`s and no audit trail (nothing in it is edited; a
//! file is imported whole or not at all).

use crate::error::{SqlResultExt, StoreError};
use crate::figures::{read_rows, write_rows};
use crate::key::{apply_key, file_kind, Cipher, FileKind, Passphrase};
use crate::open::{open_keyed, sibling};
use caseload_core::figures::{name_key, FiguresFile};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a service store ("IROS").
const SERVICE_APP_ID: i64 = 0x4952_4F53;

const SCHEMA: &str = "
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    made_by_key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    imported_on TEXT NOT NULL
);
CREATE TABLE meta (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (file_id, key)
);
CREATE TABLE iros (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    id INTEGER NOT NULL, name TEXT NOT NULL, fte REAL NOT NULL, active INTEGER NOT NULL,
    PRIMARY KEY (file_id, id)
);
CREATE TABLE children (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    la_child_id TEXT NOT NULL, facts TEXT NOT NULL, PRIMARY KEY (file_id, la_child_id)
);
";

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceImported {
    /// The IRO whose file it is.
    pub made_by: String,
    /// The made-on day of the file it replaced, if it replaced one.
    pub replaced: Option<NaiveDate>,
}

/// The service store, open.
pub struct ServiceStore {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for ServiceStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ServiceStore({})", self.path.display())
    }
}

impl ServiceStore {
    /// Opens the service store at `path` with the service passphrase, making it (under a
    /// temporary name, renamed into place) if there is none. A wrong passphrase is
    /// [`StoreError::WrongPassphrase`] and changes nothing.
    pub fn open(path: &Path, passphrase: &Passphrase) -> Result<ServiceStore, StoreError> {
        let cipher = Cipher::Passphrase(passphrase.clone());
        if matches!(file_kind(path)?, FileKind::Missing | FileKind::Empty) {
            create(path, &cipher)?;
        }
        let conn = open_keyed(
            path,
            &cipher,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .op("read the file's kind")?;
        if app_id != SERVICE_APP_ID {
            return Err(StoreError::NotFigures {
                path: path.to_path_buf(),
                why: "it is not a service store".to_string(),
            });
        }
        conn.pragma_update(None, "foreign_keys", true)
            .op("set foreign_keys")?;
        conn.pragma_update(None, "temp_store", "MEMORY")
            .op("set temp_store")?;
        Ok(ServiceStore {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Imports one IRO's figures file (read from `source`, whose name is kept): their older
    /// file, if any, is replaced in the same transaction; a file older than the one held is
    /// refused and nothing changes.
    pub fn import(
        &mut self,
        file: &FiguresFile,
        source: &Path,
        imported_on: NaiveDate,
    ) -> Result<ServiceImported, StoreError> {
        let key = name_key(&file.meta.made_by);
        let tx = self.conn.transaction().op("begin the import")?;
        let held: Option<(i64, String)> = tx
            .query_row(
                "SELECT f.id, m.value FROM files f JOIN meta m ON m.file_id = f.id AND m.key = 'made_on' WHERE f.made_by_key = ?1",
                params![key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .op("find the IRO's file")?;
        let replaced = match held {
            Some((id, made_on)) => {
                let made_on: NaiveDate = made_on.parse().map_err(|_| StoreError::Corrupt {
                    what: format!("files {id}: made_on {made_on}"),
                })?;
                if made_on > file.meta.made_on {
                    return Err(StoreError::NotFigures {
                        path: source.to_path_buf(),
                        why: format!(
                            "it was made on {}, before the file from {} already held (made on {made_on}); nothing was changed",
                            file.meta.made_on, file.meta.made_by
                        ),
                    });
                }
                tx.execute("DELETE FROM files WHERE id = ?1", params![id])
                    .op("remove the IRO's older file")?;
                Some(made_on)
            }
            None => None,
        };
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        tx.execute(
            "INSERT INTO files (made_by_key, source, imported_on) VALUES (?1, ?2, ?3)",
            params![key, name, imported_on.to_string()],
        )
        .op("add the file")?;
        let id = tx.last_insert_rowid();
        write_rows(&tx, file, Some(id))?;
        tx.commit().op("commit the import")?;
        Ok(ServiceImported {
            made_by: file.meta.made_by.clone(),
            replaced,
        })
    }

    /// Every file held, by IRO.
    pub fn files(&self) -> Result<Vec<FiguresFile>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM files ORDER BY made_by_key")
            .op("list the files")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, i64>(0))
            .op("list the files")?
            .collect::<Result<Vec<_>, _>>()
            .op("list the files")?;
        ids.into_iter()
            .map(|id| read_rows(&self.conn, &self.path, "WHERE file_id = ?1", [id]))
            .collect()
    }

    /// Removes an IRO's file; false when none is held.
    pub fn remove(&mut self, made_by: &str) -> Result<bool, StoreError> {
        let n = self
            .conn
            .execute(
                "DELETE FROM files WHERE made_by_key = ?1",
                params![name_key(made_by)],
            )
            .op("remove the IRO's file")?;
        Ok(n > 0)
    }
}

/// A new, empty service store, built beside `path` and renamed into place.
fn create(path: &Path, cipher: &Cipher) -> Result<(), StoreError> {
    let temp = sibling(path, "creating");
    crate::fsutil::remove_with_journals(&temp)?;
    {
        let conn = Connection::open(&temp).op("create the service store")?;
        apply_key(&conn, cipher)?;
        conn.pragma_update(None, "application_id", SERVICE_APP_ID)
            .op("mark the service store")?;
        conn.execute_batch(SCHEMA).op("create the service tables")?;
    }
    crate::fsutil::rename_durably(&temp, path)
}
