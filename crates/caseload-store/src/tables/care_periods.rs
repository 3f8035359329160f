//! `care_periods`: periods of care (looked-after episodes).

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{code, col_code, date, iso, opt_date, opt_iso};
use caseload_core::domain::{LegalStatus, PeriodOfCare, Regime, ReviewHistory};
use caseload_core::ids::{CarePeriodId, ChildId};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, child_id, started_on, ended_on, legal_status, regime, earlier_reviews, history_unknown";

fn from_row(row: &Row<'_>) -> rusqlite::Result<PeriodOfCare> {
    let earlier: u32 = row.get(6)?;
    let unknown: bool = row.get(7)?;
    Ok(PeriodOfCare {
        id: CarePeriodId(row.get(0)?),
        child: ChildId(row.get(1)?),
        started_on: date(row, 2)?,
        ended_on: opt_date(row, 3)?,
        legal_status: col_code(row, 4)?,
        regime: col_code(row, 5)?,
        history: match (unknown, earlier) {
            (true, _) => ReviewHistory::Unknown,
            (false, 0) => ReviewHistory::Recorded,
            (false, count) => ReviewHistory::Earlier { count },
        },
    })
}

/// Starts an open period with the given id, or the next free one.
pub(crate) fn insert(
    conn: &Connection,
    id: Option<CarePeriodId>,
    child: ChildId,
    started_on: NaiveDate,
    legal_status: LegalStatus,
    regime: Regime,
) -> Result<CarePeriodId, StoreError> {
    conn.prepare_cached(&format!(
        "INSERT INTO care_periods ({COLUMNS}) VALUES (?1, ?2, ?3, NULL, ?4, ?5, 0, 0)"
    ))
    .and_then(|mut stmt| {
        stmt.execute(params![
            id.map(|i| i.0),
            child.0,
            iso(started_on),
            code(&legal_status),
            code(&regime)
        ])
    })
    .op("insert care period")?;
    Ok(CarePeriodId(conn.last_insert_rowid()))
}

/// Replaces the dates, legal status and regime of a period (its child never changes).
pub(crate) fn update(conn: &Connection, p: &PeriodOfCare) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE care_periods SET started_on = ?2, ended_on = ?3, legal_status = ?4, regime = ?5 \
             WHERE id = ?1",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                p.id.0,
                iso(p.started_on),
                opt_iso(p.ended_on),
                code(&p.legal_status),
                code(&p.regime)
            ])
        })
        .op("update care period")?;
    if n == 0 {
        return Err(StoreError::NotFound {
            entity: "care period",
            id: p.id.0,
        });
    }
    Ok(())
}

/// Sets what is known of the reviews held before the ones recorded.
pub(crate) fn set_history(
    conn: &Connection,
    id: CarePeriodId,
    history: ReviewHistory,
) -> Result<(), StoreError> {
    let unknown = history == ReviewHistory::Unknown;
    conn.prepare_cached(
        "UPDATE care_periods SET earlier_reviews = ?2, history_unknown = ?3 WHERE id = ?1",
    )
    .and_then(|mut stmt| stmt.execute(params![id.0, history.earlier(), unknown]))
    .op("set review history")?;
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: CarePeriodId) -> Result<Option<PeriodOfCare>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM care_periods WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id.0], from_row).optional())
        .op("load care period")
}

/// A child's periods, oldest first.
pub(crate) fn for_child(
    conn: &Connection,
    child: ChildId,
) -> Result<Vec<PeriodOfCare>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM care_periods WHERE child_id = ?1 ORDER BY started_on, id"
    ))
    .and_then(|mut stmt| stmt.query_map([child.0], from_row)?.collect())
    .op("load care periods")
}

/// Every period, oldest first within a child.
pub(crate) fn all(conn: &Connection) -> Result<Vec<PeriodOfCare>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM care_periods ORDER BY child_id, started_on, id"
    ))
    .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
    .op("load care periods")
}

/// Writes a period of care received by handover as it stood in the sending store (its end and
/// what was known of the reviews before), under a new id.
pub(crate) fn insert_received(
    conn: &Connection,
    child: ChildId,
    p: &PeriodOfCare,
) -> Result<CarePeriodId, StoreError> {
    let id = insert(conn, None, child, p.started_on, p.legal_status, p.regime)?;
    update(
        conn,
        &PeriodOfCare {
            id,
            child,
            ..p.clone()
        },
    )?;
    set_history(conn, id, p.history)?;
    Ok(id)
}
