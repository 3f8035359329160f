//! `children`: a child's details (born or unborn). Care, protection and meetings live in their
//! own tables.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{code, col_code, opt_code, opt_col_code, opt_date, opt_iso};
use caseload_core::domain::{Child, ChildDetails};
use caseload_core::ids::ChildId;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, first_name, last_name, preferred_name, born_on, expected_birth_on, \
                       sex, ethnicity, local_ref, sibling_group, social_worker, team";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Child> {
    Ok(Child {
        id: ChildId(row.get(0)?),
        details: ChildDetails {
            first_name: row.get(1)?,
            last_name: row.get(2)?,
            preferred_name: row.get(3)?,
            born_on: opt_date(row, 4)?,
            expected_birth_on: opt_date(row, 5)?,
            sex: col_code(row, 6)?,
            ethnicity: opt_col_code(row, 7)?,
            local_ref: row.get(8)?,
            sibling_group: row.get(9)?,
            social_worker: row.get(10)?,
            team: row.get(11)?,
        },
    })
}

/// Inserts a child with the given id, or the next free one.
pub(crate) fn insert(
    conn: &Connection,
    id: Option<ChildId>,
    d: &ChildDetails,
) -> Result<ChildId, StoreError> {
    conn.prepare_cached(&format!(
        "INSERT INTO children ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    ))
    .and_then(|mut stmt| {
        stmt.execute(params![
            id.map(|i| i.0),
            d.first_name,
            d.last_name,
            d.preferred_name,
            opt_iso(d.born_on),
            opt_iso(d.expected_birth_on),
            code(&d.sex),
            opt_code(d.ethnicity.as_ref()),
            d.local_ref,
            d.sibling_group,
            d.social_worker,
            d.team,
        ])
    })
    .op("insert child")?;
    Ok(ChildId(conn.last_insert_rowid()))
}

/// Replaces every detail of a child.
pub(crate) fn update(conn: &Connection, id: ChildId, d: &ChildDetails) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE children SET first_name = ?2, last_name = ?3, preferred_name = ?4, \
             born_on = ?5, expected_birth_on = ?6, sex = ?7, ethnicity = ?8, local_ref = ?9, \
             sibling_group = ?10, social_worker = ?11, team = ?12 WHERE id = ?1",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                id.0,
                d.first_name,
                d.last_name,
                d.preferred_name,
                opt_iso(d.born_on),
                opt_iso(d.expected_birth_on),
                code(&d.sex),
                opt_code(d.ethnicity.as_ref()),
                d.local_ref,
                d.sibling_group,
                d.social_worker,
                d.team,
            ])
        })
        .op("update child")?;
    if n == 0 {
        return Err(StoreError::NotFound {
            entity: "child",
            id: id.0,
        });
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: ChildId) -> Result<Option<Child>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM children WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id.0], from_row).optional())
        .op("load child")
}

/// Every child, by id.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Child>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM children ORDER BY id"))
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load children")
}
