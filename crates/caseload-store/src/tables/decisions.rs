//! `decisions`: the decisions of finalised records, tracked until carried out or dropped.

use crate::error::{SqlResultExt, StoreError};
use crate::sql::{conversion, iso, opt_date};
use caseload_core::domain::{Decision, DecisionDraft, DecisionDue, DecisionState};
use caseload_core::ids::{ChildId, DecisionId, MeetingId};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, meeting_id, child_id, number, text, owner, due_on, by_next_review, state, closed_on, note";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Decision> {
    let due = match (opt_date(row, 6)?, row.get::<_, bool>(7)?) {
        (Some(on), false) => DecisionDue::On { on },
        (None, true) => DecisionDue::ByNextReview,
        _ => {
            return Err(conversion(
                6,
                "a decision's due date and 'by the next review' disagree".into(),
            ))
        }
    };
    let state_code: String = row.get(8)?;
    let closed_on = opt_date(row, 9)?;
    let note: Option<String> = row.get(10)?;
    let state = match (state_code.as_str(), closed_on) {
        ("open", None) => DecisionState::Open,
        ("done", Some(on)) => DecisionState::Done { on, note },
        ("dropped", Some(on)) => DecisionState::Dropped {
            on,
            reason: note.unwrap_or_default(),
        },
        _ => {
            return Err(conversion(
                8,
                format!("not a decision state '{state_code}'"),
            ))
        }
    };
    Ok(Decision {
        id: DecisionId(row.get(0)?),
        meeting: MeetingId(row.get(1)?),
        child: ChildId(row.get(2)?),
        number: row.get(3)?,
        text: row.get(4)?,
        owner: row.get(5)?,
        due,
        state,
    })
}

/// Tracks the decisions of a finalised record, numbered from 1 in the record's order.
pub(crate) fn insert_all(
    conn: &Connection,
    child: ChildId,
    meeting: MeetingId,
    drafts: &[DecisionDraft],
) -> Result<Vec<DecisionId>, StoreError> {
    let mut ids = Vec::with_capacity(drafts.len());
    for (n, d) in drafts.iter().enumerate() {
        let (due_on, by_next_review) = match d.due {
            Some(DecisionDue::On { on }) => (Some(iso(on)), false),
            Some(DecisionDue::ByNextReview) | None => (None, true),
        };
        conn.prepare_cached(
            "INSERT INTO decisions (meeting_id, child_id, number, text, owner, due_on, \
             by_next_review, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open')",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                meeting.0,
                child.0,
                n as i64 + 1,
                d.text.trim(),
                d.owner.trim(),
                due_on,
                by_next_review
            ])
        })
        .op("insert decision")?;
        ids.push(DecisionId(conn.last_insert_rowid()));
    }
    Ok(ids)
}

/// Closes a decision: done (with an optional note) or dropped (with its reason).
pub(crate) fn close(
    conn: &Connection,
    id: DecisionId,
    state: &DecisionState,
) -> Result<(), StoreError> {
    let (state_code, on, note) = match state {
        DecisionState::Open => return Ok(()),
        DecisionState::Done { on, note } => ("done", *on, note.clone()),
        DecisionState::Dropped { on, reason } => ("dropped", *on, Some(reason.clone())),
    };
    let n = conn
        .prepare_cached("UPDATE decisions SET state = ?2, closed_on = ?3, note = ?4 WHERE id = ?1")
        .and_then(|mut stmt| stmt.execute(params![id.0, state_code, iso(on), note]))
        .op("close decision")?;
    if n == 0 {
        return Err(StoreError::NotFound {
            entity: "decision",
            id: id.0,
        });
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: DecisionId) -> Result<Option<Decision>, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM decisions WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id.0], from_row).optional())
        .op("load decision")
}

pub(crate) fn for_child(conn: &Connection, child: ChildId) -> Result<Vec<Decision>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM decisions WHERE child_id = ?1 ORDER BY meeting_id, number"
    ))
    .and_then(|mut stmt| stmt.query_map([child.0], from_row)?.collect())
    .op("load decisions")
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<Decision>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM decisions ORDER BY meeting_id, number"
    ))
    .and_then(|mut stmt| stmt.query_map([], from_row)?.collect())
    .op("load decisions")
}

/// Writes a decision received by handover as it stood in the sending store, under a new id and
/// its meeting's new id.
pub(crate) fn insert_received(
    conn: &Connection,
    child: ChildId,
    meeting: MeetingId,
    d: &Decision,
) -> Result<DecisionId, StoreError> {
    let (due_on, by_next_review) = match d.due {
        DecisionDue::On { on } => (Some(iso(on)), false),
        DecisionDue::ByNextReview => (None, true),
    };
    let (state, closed_on, note) = match &d.state {
        DecisionState::Open => ("open", None, None),
        DecisionState::Done { on, note } => ("done", Some(iso(*on)), note.clone()),
        DecisionState::Dropped { on, reason } => ("dropped", Some(iso(*on)), Some(reason.clone())),
    };
    conn.prepare_cached(
        "INSERT INTO decisions (meeting_id, child_id, number, text, owner, due_on, \
         by_next_review, state, closed_on, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            meeting.0,
            child.0,
            d.number,
            d.text,
            d.owner,
            due_on,
            by_next_review,
            state,
            closed_on,
            note
        ])
    })
    .op("insert received decision")?;
    Ok(DecisionId(conn.last_insert_rowid()))
}
