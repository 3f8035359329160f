//! `cp_episodes`: child-protection episodes.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{opt_code, opt_col_code, opt_date, opt_iso};
use caseload_core::domain::{CpEpisode, CpEpisodeDetails};
use caseload_core::ids::{ChildId, CpEpisodeId};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, child_id, strategy_on, s47_started_on, transfer_in_notified_on, \
                       plan_started_on, plan_ended_on, initial_category, latest_category, closed_on, \
                       previous_plans";

fn from_row(row: &Row<'_>) -> rusqlite::Result<CpEpisode> {
    Ok(CpEpisode {
        id: CpEpisodeId(row.get(0)?),
        child: ChildId(row.get(1)?),
        details: CpEpisodeDetails {
            strategy_on: opt_date(row, 2)?,
            s47_started_on: opt_date(row, 3)?,
            transfer_in_notified_on: opt_date(row, 4)?,
            plan_started_on: opt_date(row, 5)?,
            plan_ended_on: opt_date(row, 6)?,
            initial_category: opt_col_code(row, 7)?,
            latest_category: opt_col_code(row, 8)?,
            closed_on: opt_date(row, 9)?,
            previous_plans: row.get(10)?,
        },
    })
}

/// Starts an episode with the given id, or the next free one.
pub(crate) fn insert(
    conn: &Connection,
    id: Option<CpEpisodeId>,
    child: ChildId,
    d: &CpEpisodeDetails,
) -> Result<CpEpisodeId, StoreError> {
    conn.prepare_cached(&format!(
        "INSERT INTO cp_episodes ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))
    .and_then(|mut stmt| {
        stmt.execute(params![
            id.map(|i| i.0),
            child.0,
            opt_iso(d.strategy_on),
            opt_iso(d.s47_started_on),
            opt_iso(d.transfer_in_notified_on),
            opt_iso(d.plan_started_on),
            opt_iso(d.plan_ended_on),
            opt_code(d.initial_category.as_ref()),
            opt_code(d.latest_category.as_ref()),
            opt_iso(d.closed_on),
            d.previous_plans,
        ])
    })
    .op("insert cp episode")?;
    Ok(CpEpisodeId(conn.last_insert_rowid()))
}

/// Replaces every detail of an episode (its child never changes).
pub(crate) fn update(
    conn: &Connection,
    id: CpEpisodeId,
    d: &CpEpisodeDetails,
) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE cp_episodes SET strategy_on = ?2, s47_started_on = ?3, \
             transfer_in_notified_on = ?4, plan_started_on = ?5, plan_ended_on = ?6, \
             initial_category = ?7, latest_category = ?8, closed_on = ?9, previous_plans = ?10 \
             WHERE id = ?1",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                id.0,
                opt_iso(d.strategy_on),
                opt_iso(d.s47_started_on),
                opt_iso(d.transfer_in_notified_on),
                opt_iso(d.plan_started_on),
                opt_iso(d.plan_ended_on),
                opt_code(d.initial_category.as_ref()),
                opt_code(d.latest_category.as_ref()),
                opt_iso(d.closed_on),
                d.previous_plans,
            ])
        })
        .op("update cp episode")?;
    if n == 0 {
        return Err(StoreError::NotFound {
            entity: "cp episode",
            id: id.0,
        });
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: CpEpisodeId) -> Result<Option<CpEpisode>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM cp_episodes WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id.0], from_row).optional())
        .op("load cp episode")
}

/// A child's episodes (unordered: the caller orders them by their first date).
pub(crate) fn for_child(conn: &Connection, child: ChildId) -> Result<Vec<CpEpisode>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM cp_episodes WHERE child_id = ?1"
    ))
    .and_then(|mut stmt| stmt.query_map([child.0], from_row)?.collect())
    .op("load cp episodes")
}

/// Every episode (unordered).
pub(crate) fn all(conn: &Connection) -> Result<Vec<CpEpisode>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM cp_episodes"))
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load cp episodes")
}
