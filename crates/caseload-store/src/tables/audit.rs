//! `audit`: one append-only row per applied change. The table's triggers refuse UPDATE and
//! DELETE; this module only ever inserts and selects.

use crate::audit::{AuditEntry, AuditFilter};
use crate::error::{SqlResultExt, StoreError};
use crate::sql::conversion;
use caseload_core::ids::{ChildId, IroId};
use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, Row};

/// What one audit row records, already serialized.
pub(crate) struct NewAuditRow<'a> {
    /// RFC 3339, UTC.
    pub recorded_at: &'a str,
    pub actor: Option<IroId>,
    pub op: &'a str,
    pub child: Option<ChildId>,
    pub change_json: &'a str,
    pub before_json: Option<&'a str>,
    pub after_json: Option<&'a str>,
    /// Where the change came from (an import's file), if not a person.
    pub source: Option<&'a str>,
}

pub(crate) fn append(conn: &Connection, row: &NewAuditRow<'_>) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO audit (recorded_at, actor_iro_id, op, child_id, change_json, before_json, \
         after_json, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            row.recorded_at,
            row.actor.map(|i| i.0),
            row.op,
            row.child.map(|c| c.0),
            row.change_json,
            row.before_json,
            row.after_json,
            row.source,
        ])
    })
    .op("append audit row")?;
    Ok(conn.last_insert_rowid())
}

fn json(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<serde_json::Value>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| serde_json::from_str(&t).map_err(|e| conversion(idx, format!("not JSON: {e}"))))
        .transpose()
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    let recorded_at: String = row.get(1)?;
    Ok(AuditEntry {
        id: row.get(0)?,
        recorded_at: DateTime::parse_from_rfc3339(&recorded_at)
            .map_err(|e| conversion(1, format!("not an RFC 3339 time '{recorded_at}': {e}")))?
            .with_timezone(&Utc),
        actor: row.get::<_, Option<i64>>(2)?.map(IroId),
        op: row.get(3)?,
        child: row.get::<_, Option<i64>>(4)?.map(ChildId),
        change: json(row, 5)?.unwrap_or(serde_json::Value::Null),
        before: json(row, 6)?,
        after: json(row, 7)?,
        source: row.get(8)?,
    })
}

/// The rows that match, newest first. `recorded_at` is fixed-width RFC 3339 UTC, so comparing
/// it as text with a date compares instants.
pub(crate) fn query(
    conn: &Connection,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>, StoreError> {
    let mut sql = String::from(
        "SELECT id, recorded_at, actor_iro_id, op, child_id, change_json, before_json, after_json, \
         source FROM audit WHERE 1 = 1",
    );
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(child) = filter.child {
        sql.push_str(" AND child_id = ?");
        args.push(SqlValue::Integer(child.0));
    }
    if let Some(from_on) = filter.from_on {
        sql.push_str(" AND recorded_at >= ?");
        args.push(SqlValue::Text(crate::sql::iso(from_on)));
    }
    // Everything recorded on `to_on` (UTC) counts: compare with the start of the next day.
    if let Some(next) = filter.to_on.and_then(|to_on| to_on.succ_opt()) {
        sql.push_str(" AND recorded_at < ?");
        args.push(SqlValue::Text(crate::sql::iso(next)));
    }
    sql.push_str(" ORDER BY id DESC");
    if let Some(limit) = filter.limit {
        sql.push_str(" LIMIT ?");
        args.push(SqlValue::Integer(i64::from(limit)));
    }
    conn.prepare_cached(&sql)
        .and_then(|mut stmt| stmt.query_map(params_from_iter(args), from_row)?.collect())
        .op("load audit rows")
}
