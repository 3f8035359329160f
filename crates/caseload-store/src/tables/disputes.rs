//! `disputes` and `dispute_stages`: a dispute and the stages raised on it, read and written as
//! one aggregate (a [`Dispute`] carries its stages).

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{code, col_code, date, iso, opt_col_code, opt_date};
use caseload_core::domain::{
    Concerns, Dispute, DisputeKind, DisputeOutcome, DisputeReason, Stage, StageEvent,
};
use caseload_core::ids::{ChildId, DisputeId};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

const COLUMNS: &str = "id, child_id, kind, concerns, reason, raised_on, sibling_group, \
                       partner_agency, cafcass_referred_on, outcome, closed_on";

const STAGE_COLUMNS: &str = "dispute_id, stage, raised_on, sent_to, responded_on, response_summary";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Dispute> {
    Ok(Dispute {
        id: DisputeId(row.get(0)?),
        child: ChildId(row.get(1)?),
        kind: col_code(row, 2)?,
        concerns: col_code(row, 3)?,
        reason: col_code(row, 4)?,
        raised_on: date(row, 5)?,
        sibling_group: row.get(6)?,
        partner_agency: row.get(7)?,
        stages: Vec::new(),
        cafcass_referred_on: opt_date(row, 8)?,
        outcome: opt_col_code(row, 9)?,
        closed_on: opt_date(row, 10)?,
    })
}

fn stage_from_row(row: &Row<'_>) -> rusqlite::Result<(DisputeId, StageEvent)> {
    Ok((
        DisputeId(row.get(0)?),
        StageEvent {
            stage: Stage(row.get(1)?),
            raised_on: date(row, 2)?,
            sent_to: row.get(3)?,
            responded_on: opt_date(row, 4)?,
            response_summary: row.get(5)?,
        },
    ))
}

/// What a new dispute says about itself (its first stage is written by [`insert_stage`]).
pub(crate) struct NewDispute<'a> {
    pub id: Option<DisputeId>,
    pub child: ChildId,
    pub kind: DisputeKind,
    pub concerns: Concerns,
    pub reason: DisputeReason,
    pub raised_on: NaiveDate,
    pub sibling_group: Option<&'a str>,
    pub partner_agency: Option<&'a str>,
}

/// Raises a dispute with the given id, or the next free one.
pub(crate) fn insert(conn: &Connection, d: &NewDispute<'_>) -> Result<DisputeId, StoreError> {
    conn.prepare_cached(
        "INSERT INTO disputes (id, child_id, kind, concerns, reason, raised_on, sibling_group, \
         partner_agency) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            d.id.map(|i| i.0),
            d.child.0,
            code(&d.kind),
            code(&d.concerns),
            code(&d.reason),
            iso(d.raised_on),
            d.sibling_group,
            d.partner_agency,
        ])
    })
    .op("insert dispute")?;
    Ok(DisputeId(conn.last_insert_rowid()))
}

/// Raises a stage on a dispute (its first, or an escalation).
pub(crate) fn insert_stage(
    conn: &Connection,
    dispute: DisputeId,
    stage: Stage,
    raised_on: NaiveDate,
    sent_to: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO dispute_stages (dispute_id, stage, raised_on, sent_to) \
         VALUES (?1, ?2, ?3, ?4)",
    )
    .and_then(|mut stmt| stmt.execute(params![dispute.0, stage.0, iso(raised_on), sent_to]))
    .op("insert dispute stage")?;
    Ok(())
}

/// Records the response to a stage.
pub(crate) fn set_response(
    conn: &Connection,
    dispute: DisputeId,
    stage: Stage,
    on: NaiveDate,
    summary: Option<&str>,
) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE dispute_stages SET responded_on = ?3, response_summary = ?4 \
             WHERE dispute_id = ?1 AND stage = ?2",
        )
        .and_then(|mut stmt| stmt.execute(params![dispute.0, stage.0, iso(on), summary]))
        .op("record dispute response")?;
    found(n, dispute)
}

/// Records a referral to Cafcass.
pub(crate) fn set_cafcass(
    conn: &Connection,
    dispute: DisputeId,
    on: NaiveDate,
) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached("UPDATE disputes SET cafcass_referred_on = ?2 WHERE id = ?1")
        .and_then(|mut stmt| stmt.execute(params![dispute.0, iso(on)]))
        .op("record cafcass referral")?;
    found(n, dispute)
}

/// Closes a dispute with its outcome.
pub(crate) fn close(
    conn: &Connection,
    dispute: DisputeId,
    outcome: DisputeOutcome,
    on: NaiveDate,
) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached("UPDATE disputes SET outcome = ?2, closed_on = ?3 WHERE id = ?1")
        .and_then(|mut stmt| stmt.execute(params![dispute.0, code(&outcome), iso(on)]))
        .op("close dispute")?;
    found(n, dispute)
}

fn found(n: usize, id: DisputeId) -> Result<(), StoreError> {
    if n == 0 {
        return Err(StoreError::NotFound {
            entity: "dispute",
            id: id.0,
        });
    }
    Ok(())
}

/// One dispute with its stages.
pub(crate) fn get(conn: &Connection, id: DisputeId) -> Result<Option<Dispute>, StoreError> {
    let dispute = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM disputes WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id.0], from_row).optional())
        .op("load dispute")?;
    let Some(mut dispute) = dispute else {
        return Ok(None);
    };
    dispute.stages = conn
        .prepare_cached(&format!(
            "SELECT {STAGE_COLUMNS} FROM dispute_stages WHERE dispute_id = ?1 ORDER BY stage"
        ))
        .and_then(|mut stmt| {
            stmt.query_map([id.0], stage_from_row)?
                .map(|r| r.map(|(_, s)| s))
                .collect()
        })
        .op("load dispute stages")?;
    Ok(Some(dispute))
}

/// A child's disputes with their stages (unordered: the caller orders them).
pub(crate) fn for_child(conn: &Connection, child: ChildId) -> Result<Vec<Dispute>, StoreError> {
    let disputes: Vec<Dispute> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM disputes WHERE child_id = ?1"
        ))
        .and_then(|mut stmt| stmt.query_map([child.0], from_row)?.collect())
        .op("load disputes")?;
    let stages: Vec<(DisputeId, StageEvent)> = conn
        .prepare_cached(
            "SELECT s.dispute_id, s.stage, s.raised_on, s.sent_to, s.responded_on, \
             s.response_summary FROM dispute_stages s JOIN disputes d ON d.id = s.dispute_id \
             WHERE d.child_id = ?1",
        )
        .and_then(|mut stmt| stmt.query_map([child.0], stage_from_row)?.collect())
        .op("load dispute stages")?;
    attach(disputes, stages)
}

/// Every dispute with its stages (unordered): two queries, whatever the number of disputes.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Dispute>, StoreError> {
    let disputes: Vec<Dispute> = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM disputes"))
        .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
        .op("load disputes")?;
    let stages: Vec<(DisputeId, StageEvent)> = conn
        .prepare_cached(&format!("SELECT {STAGE_COLUMNS} FROM dispute_stages"))
        .and_then(|mut stmt| stmt.query_map([], stage_from_row)?.collect())
        .op("load dispute stages")?;
    attach(disputes, stages)
}

/// The stages raised on any dispute of a kind (what a new ladder must keep).
pub(crate) fn stages_in_use(
    conn: &Connection,
    kind: DisputeKind,
) -> Result<Vec<Stage>, StoreError> {
    conn.prepare_cached(
        "SELECT DISTINCT s.stage FROM dispute_stages s JOIN disputes d ON d.id = s.dispute_id \
         WHERE d.kind = ?1 ORDER BY s.stage",
    )
    .and_then(|mut stmt| {
        stmt.query_map([code(&kind)], |row| Ok(Stage(row.get(0)?)))?
            .collect()
    })
    .op("load dispute stages in use")
}

/// The reason codes of every dispute recorded (what a new list of reasons must keep).
pub(crate) fn reasons_in_use(conn: &Connection) -> Result<Vec<DisputeReason>, StoreError> {
    Ok(reason_counts(conn)?
        .into_iter()
        .map(|(code, _)| code)
        .collect())
}

/// How many disputes give each reason code, by code.
pub(crate) fn reason_counts(conn: &Connection) -> Result<Vec<(DisputeReason, usize)>, StoreError> {
    conn.prepare_cached("SELECT reason, count(*) FROM disputes GROUP BY reason ORDER BY reason")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| {
                Ok((DisputeReason::new(row.get::<_, String>(0)?), row.get(1)?))
            })?
            .collect()
        })
        .op("count disputes by reason")
}

/// Puts each stage on its dispute, lowest stage first. A stage whose dispute is missing cannot
/// exist with foreign keys on; if the file was edited without them, it is reported.
fn attach(
    mut disputes: Vec<Dispute>,
    stages: Vec<(DisputeId, StageEvent)>,
) -> Result<Vec<Dispute>, StoreError> {
    let index: HashMap<DisputeId, usize> = disputes
        .iter()
        .enumerate()
        .map(|(idx, d)| (d.id, idx))
        .collect();
    for (dispute, stage) in stages {
        let idx = index.get(&dispute).ok_or_else(|| StoreError::Corrupt {
            what: format!("dispute_stages row refers to dispute {dispute}, which does not exist"),
        })?;
        disputes[*idx].stages.push(stage);
    }
    for d in &mut disputes {
        d.stages.sort_by_key(|s| s.stage);
    }
    Ok(disputes)
}

/// Writes a dispute received by handover as it stood in the sending store (its stages and
/// responses, a referral to Cafcass, its outcome), under a new id.
pub(crate) fn insert_received(
    conn: &Connection,
    child: ChildId,
    d: &Dispute,
) -> Result<DisputeId, StoreError> {
    let id = insert(
        conn,
        &NewDispute {
            id: None,
            child,
            kind: d.kind,
            concerns: d.concerns,
            reason: d.reason.clone(),
            raised_on: d.raised_on,
            sibling_group: d.sibling_group.as_deref(),
            partner_agency: d.partner_agency.as_deref(),
        },
    )?;
    for s in &d.stages {
        insert_stage(conn, id, s.stage, s.raised_on, &s.sent_to)?;
        if let Some(on) = s.responded_on {
            set_response(conn, id, s.stage, on, s.response_summary.as_deref())?;
        }
    }
    if let Some(on) = d.cafcass_referred_on {
        set_cafcass(conn, id, on)?;
    }
    if let (Some(outcome), Some(on)) = (d.outcome, d.closed_on) {
        close(conn, id, outcome, on)?;
    }
    Ok(id)
}
