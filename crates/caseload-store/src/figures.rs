//! The figures file (issue 17, part 3): one SQLCipher file keyed directly by the service's
//! passphrase (SQLCipher's own KDF, as a store from before key slots: no slots file beside it,
//! so it is one file to send), written under a temporary name beside its target and renamed
//! into place.
//!
//! Its tables: `meta` (key, value: who made it, when, for which period, the app and format
//! versions, how many children and how many had no LA child id), `iros` (the IRO profiles of
//! the store it came from: staff, not subjects) and `children` (one row per LA child id, the
//! child's name-free record as JSON, [`caseload_core::figures::name_free`]). `application_id`
//! marks it as a figures file, so a caseload store given by mistake is refused by name.
//!
//! [`pseudonym`]: a keyed BLAKE2b of a text under the service passphrase, for what must match
//! across IROs' files without being written (a sibling group's name, a child without an LA
//! child id).

use crate::error::{SqlResultExt, StoreError};
use crate::key::{apply_key, Cipher, Passphrase};
use crate::open::{open_keyed, sibling};
use blake2::{Blake2b512, Digest};
use caseload_core::domain::{ChildRecord, Iro, IroDetails};
use caseload_core::figures::{FiguresFile, FiguresMeta, FORMAT_VERSION};
use caseload_core::ids::IroId;
use rusqlite::{Connection, OpenFlags, Transaction};
use std::path::Path;

/// `PRAGMA application_id` of a figures file ("IROF").
pub(crate) const FIGURES_APP_ID: i64 = 0x4952_4F46;

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE iros (id INTEGER PRIMARY KEY, name TEXT NOT NULL, fte REAL NOT NULL, active INTEGER NOT NULL);
CREATE TABLE children (la_child_id TEXT PRIMARY KEY, facts TEXT NOT NULL);
";

/// A keyed hash of `text` under the passphrase, for `what` (a domain, e.g. "sibling-group"):
/// the same text gives the same pseudonym in every file made under the same passphrase, and
/// nothing of the text can be read back from it.
pub fn pseudonym(passphrase: &Passphrase, what: &str, text: &str) -> String {
    let key = passphrase.expose().as_bytes();
    let mut hash = Blake2b512::new();
    hash.update((key.len() as u64).to_le_bytes());
    hash.update(key);
    hash.update(what.as_bytes());
    hash.update([0]);
    hash.update(text.as_bytes());
    let digest = hash.finalize();
    hex::encode(&digest[..10])
}

fn corrupt(path: &Path, what: impl std::fmt::Display) -> StoreError {
    StoreError::NotFigures {
        path: path.to_path_buf(),
        why: format!("it cannot be read ({what})"),
    }
}

/// Writes `file` to `path` under `passphrase`: a temporary file beside it first, renamed into
/// place once complete.
pub fn write_figures_file(
    path: &Path,
    passphrase: &Passphrase,
    file: &FiguresFile,
) -> Result<(), StoreError> {
    let temp = sibling(path, "writing");
    crate::fsutil::remove_with_journals(&temp)?;
    let written = write_to(&temp, passphrase, file);
    if written.is_err() {
        let _ = crate::fsutil::remove_with_journals(&temp);
    }
    written?;
    crate::fsutil::rename_durably(&temp, path)
}

fn write_to(temp: &Path, passphrase: &Passphrase, file: &FiguresFile) -> Result<(), StoreError> {
    let mut conn = Connection::open(temp).op("create the figures file")?;
    apply_key(&conn, &Cipher::Passphrase(passphrase.clone()))?;
    conn.pragma_update(None, "temp_store", "MEMORY")
        .op("set temp_store")?;
    conn.pragma_update(None, "application_id", FIGURES_APP_ID)
        .op("mark the figures file")?;
    conn.pragma_update(None, "user_version", i64::from(FORMAT_VERSION))
        .op("set the format version")?;
    let tx = conn.transaction().op("begin the figures file")?;
    tx.execute_batch(SCHEMA).op("create the figures tables")?;
    write_rows(&tx, file, None)?;
    tx.commit().op("commit the figures file")
}

/// The meta as key–value rows.
fn meta_rows(meta: &FiguresMeta) -> Vec<(&'static str, String)> {
    vec![
        ("made_by", meta.made_by.clone()),
        ("made_on", meta.made_on.to_string()),
        ("from", meta.from.to_string()),
        ("to", meta.to.to_string()),
        ("app_version", meta.app_version.clone()),
        ("format_version", meta.format_version.to_string()),
        ("children", meta.children.to_string()),
        (
            "children_without_la_id",
            meta.children_without_la_id.to_string(),
        ),
    ]
}

/// Writes a file's rows: into a figures file (`file_id` `None`), or as one file of the
/// service store (each row tagged with its `file_id`).
pub(crate) fn write_rows(
    tx: &Transaction<'_>,
    file: &FiguresFile,
    file_id: Option<i64>,
) -> Result<(), StoreError> {
    let (col, val) = if file_id.is_some() {
        (", file_id", ", :file_id")
    } else {
        ("", "")
    };
    let sql = |table: &str, cols: &str, vals: &str| {
        format!("INSERT INTO {table} ({cols}{col}) VALUES ({vals}{val})")
    };
    let bind = |mut stmt: rusqlite::Statement<'_>, values: &[&dyn rusqlite::ToSql]| {
        for (i, v) in values.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, v)?;
        }
        if let Some(id) = file_id {
            if let Some(at) = stmt.parameter_index(":file_id")? {
                stmt.raw_bind_parameter(at, id)?;
            }
        }
        stmt.raw_execute()
    };
    for (key, value) in meta_rows(&file.meta) {
        let stmt = tx
            .prepare(&sql("meta", "key, value", "?1, ?2"))
            .op("write the figures meta")?;
        bind(stmt, &[&key, &value]).op("write the figures meta")?;
    }
    for iro in &file.iros {
        let stmt = tx
            .prepare(&sql("iros", "id, name, fte, active", "?1, ?2, ?3, ?4"))
            .op("write an IRO of the figures")?;
        bind(
            stmt,
            &[
                &iro.id.0,
                &iro.details.name,
                &iro.details.fte,
                &iro.details.active,
            ],
        )
        .op("write an IRO of the figures")?;
    }
    for child in &file.children {
        let facts = serde_json::to_string(child).map_err(|e| StoreError::Corrupt {
            what: format!("a child's facts: {e}"),
        })?;
        let la_id = child.child.details.local_ref.clone().unwrap_or_default();
        let stmt = tx
            .prepare(&sql("children", "la_child_id, facts", "?1, ?2"))
            .op("write a child of the figures")?;
        bind(stmt, &[&la_id, &facts]).op("write a child of the figures")?;
    }
    Ok(())
}

/// Reads the figures file at `path` with `passphrase`. A wrong passphrase is
/// [`StoreError::WrongPassphrase`]; a file that is not a figures file, or one of a newer
/// format, [`StoreError::NotFigures`]. Nothing is written.
pub fn read_figures_file(path: &Path, passphrase: &Passphrase) -> Result<FiguresFile, StoreError> {
    if !path.is_file() {
        return Err(StoreError::NotFigures {
            path: path.to_path_buf(),
            why: "there is no such file".to_string(),
        });
    }
    let conn = open_keyed(
        path,
        &Cipher::Passphrase(passphrase.clone()),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .op("read the file's kind")?;
    if app_id != FIGURES_APP_ID {
        return Err(StoreError::NotFigures {
            path: path.to_path_buf(),
            why: "it is not a figures file (a caseload or another file?)".to_string(),
        });
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .op("read the format version")?;
    if version > i64::from(FORMAT_VERSION) {
        return Err(StoreError::NotFigures {
            path: path.to_path_buf(),
            why: format!(
                "it was made by a newer version of the app (format {version}); update the app"
            ),
        });
    }
    read_rows(&conn, path, "", [])
}

/// Reads a figures file's rows: from a figures file (`filter` empty), or one file's rows of
/// the service store (`filter` a `WHERE file_id = ?1` and its parameter).
pub(crate) fn read_rows<P: rusqlite::Params + Copy>(
    conn: &Connection,
    path: &Path,
    filter: &str,
    p: P,
) -> Result<FiguresFile, StoreError> {
    let mut meta = std::collections::BTreeMap::new();
    let mut stmt = conn
        .prepare(&format!("SELECT key, value FROM meta {filter}"))
        .op("read the figures meta")?;
    let rows = stmt
        .query_map(p, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .op("read the figures meta")?;
    for row in rows {
        let (k, v) = row.op("read the figures meta")?;
        meta.insert(k, v);
    }
    let meta = meta_from(&meta).map_err(|e| corrupt(path, e))?;
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, name, fte, active FROM iros {filter} ORDER BY id"
        ))
        .op("read the figures IROs")?;
    let iros = stmt
        .query_map(p, |r| {
            Ok(Iro {
                id: IroId(r.get(0)?),
                details: IroDetails {
                    name: r.get(1)?,
                    fte: r.get(2)?,
                    active: r.get(3)?,
                },
            })
        })
        .op("read the figures IROs")?
        .collect::<Result<Vec<_>, _>>()
        .op("read the figures IROs")?;
    let mut stmt = conn
        .prepare(&format!(
            "SELECT facts FROM children {filter} ORDER BY la_child_id"
        ))
        .op("read the figures children")?;
    let facts = stmt
        .query_map(p, |r| r.get::<_, String>(0))
        .op("read the figures children")?
        .collect::<Result<Vec<_>, _>>()
        .op("read the figures children")?;
    let children = facts
        .iter()
        .map(|f| serde_json::from_str::<ChildRecord>(f).map_err(|e| corrupt(path, e)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FiguresFile {
        meta,
        iros,
        children,
    })
}

fn meta_from(m: &std::collections::BTreeMap<String, String>) -> Result<FiguresMeta, String> {
    let get = |k: &str| {
        m.get(k)
            .cloned()
            .ok_or_else(|| format!("no {k} in its meta"))
    };
    let date = |k: &str| {
        get(k)?
            .parse()
            .map_err(|_| format!("{k} is not a date in its meta"))
    };
    let number = |k: &str| {
        get(k)?
            .parse::<u32>()
            .map_err(|_| format!("{k} is not a number in its meta"))
    };
    Ok(FiguresMeta {
        made_by: get("made_by")?,
        made_on: date("made_on")?,
        from: date("from")?,
        to: date("to")?,
        app_version: get("app_version")?,
        format_version: number("format_version")?,
        children: number("children")?,
        children_without_la_id: number("children_without_la_id")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use caseload_core::domain::{Caseload, IroDetails};
    use chrono::NaiveDate;

    fn pass(text: &str) -> Passphrase {
        Passphrase::new(text.to_string()).unwrap()
    }

    fn file() -> FiguresFile {
        FiguresFile {
            meta: FiguresMeta {
                made_by: "Ada Quill".into(),
                made_on: NaiveDate::from_ymd_opt(2026, 4, 20).unwrap(),
                from: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
                to: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
                app_version: "0.0.0".into(),
                format_version: FORMAT_VERSION,
                children: 0,
                children_without_la_id: 0,
            },
            iros: vec![Iro {
                id: IroId(1),
                details: IroDetails {
                    name: "Ada Quill".into(),
                    fte: 0.8,
                    active: true,
                },
            }],
            children: Caseload::default().children,
        }
    }

    #[test]
    fn a_figures_file_reads_back_and_is_refused_under_another_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ada.iro-figures");
        write_figures_file(&path, &pass("service passphrase"), &file()).unwrap();
        assert!(
            !sibling(&path, "writing").exists(),
            "no temporary file left"
        );
        assert_eq!(
            read_figures_file(&path, &pass("service passphrase")).unwrap(),
            file()
        );
        assert!(matches!(
            read_figures_file(&path, &pass("another passphrase")),
            Err(StoreError::WrongPassphrase { .. })
        ));
    }

    #[test]
    fn a_file_of_a_newer_format_or_another_kind_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let key = pass("service passphrase");
        let path = dir.path().join("newer.iro-figures");
        write_figures_file(&path, &key, &file()).unwrap();
        {
            let conn = open_keyed(
                &path,
                &Cipher::Passphrase(key.clone()),
                OpenFlags::SQLITE_OPEN_READ_WRITE,
            )
            .unwrap();
            conn.pragma_update(None, "user_version", i64::from(FORMAT_VERSION) + 1)
                .unwrap();
        }
        let err = read_figures_file(&path, &key).unwrap_err().to_string();
        assert!(err.contains("newer version"), "{err}");
        let service = dir.path().join("service.sqlite3");
        drop(crate::ServiceStore::open(&service, &key).unwrap());
        let err = read_figures_file(&service, &key).unwrap_err().to_string();
        assert!(err.contains("not a figures file"), "{err}");
    }

    #[test]
    fn a_pseudonym_is_the_same_under_one_passphrase_and_differs_under_another() {
        let (a, b) = (pass("service passphrase"), pass("another passphrase"));
        let p = pseudonym(&a, "sibling-group", "the fictionley family");
        assert_eq!(p, pseudonym(&a, "sibling-group", "the fictionley family"));
        assert_ne!(p, pseudonym(&b, "sibling-group", "the fictionley family"));
        assert_ne!(p, pseudonym(&a, "child", "the fictionley family"));
        assert!(!p.contains("fictionley"));
    }
}
