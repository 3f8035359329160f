//! Bundles (issue 17): one SQLCipher file keyed directly by a one-time passphrase, holding a
//! few children's rows in the store's own schema, so a handover or a cover pack moves between
//! laptops without child data ever leaving encryption.
//!
//! A handover bundle holds the chosen children's whole records (and the IRO profiles their
//! allocations name) and the audit rows about them; a cover pack holds a view of the weeks
//! ahead, made by the API, as one JSON row. Both carry `bundle_meta`: what kind, made on which
//! day, from which IRO profile, to which IRO, until when, and the format.
//!
//! The file is built under a temporary name beside the target (`NAME.partial`) and renamed into
//! place, as backups are; it has one rollback journal while built and none after, so the bundle
//! is one file (no `.keys`: the passphrase is the key, through SQLCipher's own key derivation).
//! Opening is read-only: nothing is ever written to a bundle received.
//!
//! What this module deliberately is not: a choice of which children or what a cover pack says
//! (the API's), nor the making of the passphrase (the API makes it as a recovery key is made).

use crate::error::{SqlResultExt, StoreError};
use crate::key::{Cipher, Passphrase};
use crate::migrate::{self, SCHEMA_VERSION};
use crate::open::{open_keyed, sibling, Store};
use caseload_core::domain::{ChildRecord, HistoryRow, Iro};
use caseload_core::ids::ChildId;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// The format of the bundles this build writes and reads.
pub const BUNDLE_FORMAT: i64 = 1;

/// What kind of bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// Children's whole records, to import.
    Handover,
    /// A read-only view of the weeks ahead, for a colleague covering.
    CoverPack,
}

impl BundleKind {
    fn code(self) -> &'static str {
        match self {
            BundleKind::Handover => "handover",
            BundleKind::CoverPack => "cover_pack",
        }
    }
}

/// What a bundle says about itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BundleMeta {
    /// Handover or cover pack.
    pub kind: BundleKind,
    /// The day it was made (the day of the handover).
    pub made_on: NaiveDate,
    /// The sending IRO's name (the store's own profile), if known.
    pub from_iro: String,
    /// The receiving IRO's name.
    pub to_iro: String,
    /// The last day a cover pack covers; `None` for a handover.
    pub until_on: Option<NaiveDate>,
}

/// What goes in a bundle besides its meta.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleContent<'a> {
    /// These children's whole records, with their audit rows.
    Children(&'a [ChildId]),
    /// A cover pack's view, as JSON text.
    View(&'a str),
}

const META_TABLE: &str = "CREATE TABLE bundle_meta (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    format  INTEGER NOT NULL,
    kind    TEXT    NOT NULL CHECK (kind IN ('handover', 'cover_pack')),
    made_on TEXT    NOT NULL CHECK (date(made_on) IS made_on),
    from_iro TEXT   NOT NULL,
    to_iro  TEXT    NOT NULL,
    until_on TEXT   CHECK (until_on IS NULL OR date(until_on) IS until_on)
);
CREATE TABLE bundle_view (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT    NOT NULL CHECK (json_valid(json))
);";

/// The tables a handover copies, parents first, each with the rows of the chosen children (the
/// children's ids are in the temporary table `bundle_children`).
const COPIES: &[(&str, &str)] = &[
    (
        "iros",
        "id IN (SELECT iro_id FROM main.allocations WHERE child_id IN bundle_children)",
    ),
    ("children", "id IN bundle_children"),
    ("allocations", "child_id IN bundle_children"),
    ("care_periods", "child_id IN bundle_children"),
    ("cp_episodes", "child_id IN bundle_children"),
    ("meetings", "child_id IN bundle_children"),
    ("meeting_records", "child_id IN bundle_children"),
    ("decisions", "child_id IN bundle_children"),
    ("disputes", "child_id IN bundle_children"),
    (
        "dispute_stages",
        "dispute_id IN (SELECT id FROM main.disputes WHERE child_id IN bundle_children)",
    ),
    ("audit", "child_id IN bundle_children"),
];

impl Store {
    /// Writes a bundle to `path` under `passphrase`: built beside it and renamed into place.
    /// A handover's children must all be in this store.
    pub fn write_bundle(
        &self,
        path: &Path,
        passphrase: &Passphrase,
        meta: &BundleMeta,
        content: &BundleContent<'_>,
    ) -> Result<(), StoreError> {
        let temp = sibling(path, "partial");
        crate::fsutil::remove_with_journals(&temp)?;
        let cipher = Cipher::Passphrase(passphrase.clone());
        let built = create_bundle(&temp, &cipher, meta, content).and_then(|()| match content {
            BundleContent::Children(children) => self.copy_children(&temp, &cipher, children),
            BundleContent::View(_) => Ok(()),
        });
        if let Err(e) = built {
            let _ = crate::fsutil::remove_with_journals(&temp);
            return Err(e);
        }
        crate::fsutil::rename_durably(&temp, path)
    }

    /// Copies the children's rows into the bundle at `temp`, attached to this connection under
    /// its key, in one transaction.
    fn copy_children(
        &self,
        temp: &Path,
        cipher: &Cipher,
        children: &[ChildId],
    ) -> Result<(), StoreError> {
        let Some(key) = cipher.key_text() else {
            return Err(StoreError::NotABundle {
                path: temp.to_path_buf(),
                why: "a bundle is always encrypted",
            });
        };
        let conn = &self.conn;
        conn.execute(
            "ATTACH DATABASE ?1 AS bundle KEY ?2",
            params![temp.to_string_lossy().into_owned(), key.as_str()],
        )
        .op("attach the bundle")?;
        let copied = copy_rows(conn, children);
        let detached = conn
            .execute("DETACH DATABASE bundle", [])
            .op("detach the bundle");
        copied?;
        detached?;
        Ok(())
    }
}

fn copy_rows(conn: &Connection, children: &[ChildId]) -> Result<(), StoreError> {
    let tx = conn.unchecked_transaction().op("begin the bundle")?;
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS bundle_children (id INTEGER PRIMARY KEY);
         DELETE FROM temp.bundle_children;",
    )
    .op("list the bundle's children")?;
    for child in children {
        let n = tx
            .execute(
                "INSERT OR IGNORE INTO temp.bundle_children (id) \
                 SELECT id FROM main.children WHERE id = ?1",
                [child.0],
            )
            .op("list the bundle's children")?;
        if n == 0 && !is_listed(&tx, *child)? {
            return Err(StoreError::NotFound {
                entity: "child",
                id: child.0,
            });
        }
    }
    for (table, rows) in COPIES {
        let columns = columns(&tx, table)?.join(", ");
        // Table names and conditions come from the fixed list above, never from input.
        tx.execute(
            &format!(
                "INSERT INTO bundle.{table} ({columns}) SELECT {columns} FROM main.{table} \
                 WHERE {rows}"
            ),
            [],
        )
        .op("copy rows into the bundle")?;
    }
    tx.execute("DELETE FROM temp.bundle_children", [])
        .op("forget the bundle's children")?;
    tx.commit().op("commit the bundle")
}

fn is_listed(conn: &Connection, child: ChildId) -> Result<bool, StoreError> {
    conn.query_row(
        "SELECT 1 FROM temp.bundle_children WHERE id = ?1",
        [child.0],
        |_| Ok(()),
    )
    .optional()
    .map(|found| found.is_some())
    .op("list the bundle's children")
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn
        .prepare(&format!("PRAGMA main.table_info({table})"))
        .op("read a table's columns")?;
    let names = stmt
        .query_map([], |row| row.get::<_, String>(1))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .op("read a table's columns")?;
    Ok(names)
}

/// A new bundle file at `temp`: the store's schema, the meta and (a cover pack) its view.
fn create_bundle(
    temp: &Path,
    cipher: &Cipher,
    meta: &BundleMeta,
    content: &BundleContent<'_>,
) -> Result<(), StoreError> {
    let mut conn = Connection::open(temp).op("create the bundle file")?;
    crate::key::apply_key(&conn, cipher)?;
    conn.pragma_update(None, "temp_store", "MEMORY")
        .op("set temp_store")?;
    migrate::to_latest(&mut conn)?;
    conn.execute_batch(META_TABLE)
        .op("create the bundle's meta")?;
    conn.execute(
        "INSERT INTO bundle_meta (id, format, kind, made_on, from_iro, to_iro, until_on) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            BUNDLE_FORMAT,
            meta.kind.code(),
            crate::sql::iso(meta.made_on),
            meta.from_iro,
            meta.to_iro,
            meta.until_on.map(crate::sql::iso),
        ],
    )
    .op("write the bundle's meta")?;
    if let BundleContent::View(json) = content {
        conn.execute("INSERT INTO bundle_view (id, json) VALUES (1, ?1)", [json])
            .op("write the cover pack")?;
    }
    Ok(())
}

/// A bundle opened read-only with its passphrase.
pub struct Bundle {
    store: Store,
    meta: BundleMeta,
    path: PathBuf,
}

impl Bundle {
    /// Opens the bundle at `path` with its one-time passphrase, read-only. A wrong passphrase
    /// is [`StoreError::WrongPassphrase`]; a file that is not a bundle of this version is
    /// [`StoreError::NotABundle`]. Nothing is written, to the bundle or anywhere.
    pub fn open(path: &Path, passphrase: &Passphrase) -> Result<Bundle, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NotABundle {
                path: path.to_path_buf(),
                why: "there is no such file",
            });
        }
        if crate::key::file_kind(path)? == crate::key::FileKind::Plaintext {
            return Err(StoreError::NotABundle {
                path: path.to_path_buf(),
                why: "it is not encrypted",
            });
        }
        let cipher = Cipher::Passphrase(passphrase.clone());
        let conn = open_keyed(
            path,
            &cipher,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let not = |why| StoreError::NotABundle {
            path: path.to_path_buf(),
            why,
        };
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .op("read the bundle's version")?;
        if version != SCHEMA_VERSION as i64 {
            return Err(not("it was made by another version of the app"));
        }
        let meta = read_meta(&conn)
            .ok()
            .flatten()
            .ok_or_else(|| not("it has no bundle description"))?;
        let store = Store {
            conn,
            cipher,
            slots: None,
            new_recovery_key: None,
            file: None,
        };
        Ok(Bundle {
            store,
            meta,
            path: path.to_path_buf(),
        })
    }

    /// What the bundle says about itself.
    pub fn meta(&self) -> &BundleMeta {
        &self.meta
    }

    /// The bundle's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The children's records, in id order.
    pub fn records(&self) -> Result<Vec<ChildRecord>, StoreError> {
        Ok(self.store.load_caseload()?.children)
    }

    /// The IRO profiles the records' allocations name.
    pub fn iros(&self) -> Result<Vec<Iro>, StoreError> {
        self.store.load_iros()
    }

    /// The audit rows about one child, oldest first, as the sending store wrote them (their
    /// `source` is where the sender's row came from, if anywhere: the caller says more).
    pub fn history(&self, child: ChildId) -> Result<Vec<HistoryRow>, StoreError> {
        self.store
            .conn
            .prepare(
                "SELECT recorded_at, op, change_json, before_json, after_json, source \
                 FROM audit WHERE child_id = ?1 ORDER BY id",
            )
            .and_then(|mut stmt| {
                stmt.query_map([child.0], |row| {
                    Ok(HistoryRow {
                        recorded_at: row.get(0)?,
                        op: row.get(1)?,
                        change_json: row.get(2)?,
                        before_json: row.get(3)?,
                        after_json: row.get(4)?,
                        source: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    })
                })?
                .collect()
            })
            .op("read the bundle's history")
    }

    /// A cover pack's view, as JSON text.
    pub fn view_json(&self) -> Result<Option<String>, StoreError> {
        self.store
            .conn
            .query_row("SELECT json FROM bundle_view WHERE id = 1", [], |row| {
                row.get(0)
            })
            .optional()
            .op("read the cover pack")
    }
}

fn read_meta(conn: &Connection) -> rusqlite::Result<Option<BundleMeta>> {
    conn.query_row(
        "SELECT format, kind, made_on, from_iro, to_iro, until_on FROM bundle_meta WHERE id = 1",
        [],
        |row| {
            let format: i64 = row.get(0)?;
            let kind: String = row.get(1)?;
            let kind = match (format, kind.as_str()) {
                (BUNDLE_FORMAT, "handover") => BundleKind::Handover,
                (BUNDLE_FORMAT, "cover_pack") => BundleKind::CoverPack,
                _ => return Ok(None),
            };
            Ok(Some(BundleMeta {
                kind,
                made_on: crate::sql::date(row, 2)?,
                from_iro: row.get(3)?,
                to_iro: row.get(4)?,
                until_on: crate::sql::opt_date(row, 5)?,
            }))
        },
    )
    .optional()
    .map(Option::flatten)
}
