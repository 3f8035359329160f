//! The one write path: a batch of [`Change`]s, validated and written in one transaction, each
//! with its audit row.
//!
//! For every change, in order: resolve the child it concerns, load that child's record *inside
//! the transaction* (so earlier changes of the batch are visible: a file may add child 100 and
//! then book its review), validate with the pure core, check what only the store can know
//! (explicit ids already taken), and, if it passed, write it and append its audit row. A change
//! that fails is not written but the following ones are still checked, so the caller hears of
//! every problem at once. If any change failed, the transaction is rolled back and nothing of
//! the batch is kept.
//!
//! What validation reads (the IROs, the dispute ladders and reasons, each child's record) is
//! read once per batch and again only after a change that alters it (`cache`), so a batch of
//! thousands of changes does not read every child's record thousands of times.
//!
//! | module | what it holds |
//! |---|---|
//! | `check` | the checks of one change: the child it concerns, the core's validation, and what only the store knows (an explicit id already taken) |
//! | `cache` | what validation reads, kept for the batch and reloaded only after a change that alters it |
//! | `written` | what a write did, for its audit row |
//! | `iros`, `children`, `care`, `cp`, `meetings`, `records`, `disputes`, `rules`, `settings`, `handover` | the writes, one module per table or group of tables: a `write` per module, called by `write`'s dispatch |

mod cache;
mod care;
mod check;
mod children;
mod cp;
mod disputes;
mod handover;
mod iros;
mod meetings;
mod records;
mod rules;
mod settings;
mod written;

use crate::error::{ChangeErrors, SqlResultExt, StoreError};
use crate::open::Store;
use crate::tables::audit::{self, NewAuditRow};
use cache::BatchCache;
use caseload_core::change::Change;
use caseload_core::ids::IroId;
use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use written::{audited_change, Written};

/// What `apply` needs besides the changes. The store never reads the clock: the caller does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplyContext<'a> {
    /// Today, for validation ("not in the future").
    pub as_of: NaiveDate,
    /// Who is applying the batch, recorded in the audit log.
    pub actor: Option<IroId>,
    /// When, recorded in the audit log.
    pub recorded_at: chrono::DateTime<Utc>,
    /// Where the changes came from, recorded in the audit log ("imported from episodes.csv");
    /// None for a person's own change.
    pub source: Option<&'a str>,
}

/// What became of one group of [`Store::apply_groups`]: written whole, or refused whole.
pub type GroupOutcome = Result<Vec<Applied>, Vec<ChangeErrors>>;

/// One change that was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// Its position in the batch, counted from 0.
    pub index: usize,
    /// Its op ("book_meeting").
    pub op: String,
    /// The id of the entity created or changed (a new child's or meeting's id, an allocation's
    /// row id); `None` for rules, holidays and settings.
    pub id: Option<i64>,
}

impl Store {
    /// Applies a batch of changes, all or nothing: every change is validated (and every problem
    /// reported, as [`StoreError::Invalid`]) and, only if all pass, the batch is committed with
    /// one audit row per change.
    pub fn apply(
        &mut self,
        changes: &[Change],
        ctx: &ApplyContext<'_>,
    ) -> Result<Vec<Applied>, StoreError> {
        // IMMEDIATE takes the write lock before the first read: what a change is validated
        // against cannot be changed by another process before it is written, and the
        // transaction never has to upgrade a read lock (which fails at once with SQLITE_BUSY).
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .op("begin the transaction")?;
        let (applied, refused) = apply_each(&tx, &mut BatchCache::default(), changes, ctx)?;
        if !refused.is_empty() {
            // Dropping the transaction rolls it back: nothing of the batch is kept.
            return Err(StoreError::Invalid(refused));
        }
        tx.commit().op("commit the transaction")?;
        Ok(applied)
    }

    /// Applies groups of changes in one transaction, each group whole or not at all (an import:
    /// one group per child). A refused group is rolled back to where it started and its problems
    /// returned; the others stay. With `commit` false nothing is kept at all, so a preview is
    /// the very same run as the import it previews. `progress` hears how many groups are done.
    pub fn apply_groups(
        &mut self,
        groups: &[Vec<Change>],
        ctx: &ApplyContext<'_>,
        commit: bool,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<GroupOutcome>, StoreError> {
        let mut tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .op("begin the transaction")?;
        let mut outcomes = Vec::with_capacity(groups.len());
        let mut cache = BatchCache::default();
        for group in groups {
            let sp = tx.savepoint().op("begin a group")?;
            let (applied, refused) = apply_each(&sp, &mut cache, group, ctx)?;
            if refused.is_empty() {
                sp.commit().op("keep a group")?;
                outcomes.push(Ok(applied));
            } else {
                // Dropping the savepoint rolls the group back, so what was read since it began
                // may be gone too.
                drop(sp);
                cache = BatchCache::default();
                outcomes.push(Err(refused));
            }
            progress(outcomes.len());
        }
        if commit {
            tx.commit().op("commit the transaction")?;
        }
        Ok(outcomes)
    }
}

/// Validates and writes each change in order, with its audit row; a refused change is not
/// written and the following ones are still checked. What was written, and what was refused.
/// `cache` holds what validation read, as it stands in `tx`.
fn apply_each(
    tx: &Connection,
    cache: &mut BatchCache,
    changes: &[Change],
    ctx: &ApplyContext<'_>,
) -> Result<(Vec<Applied>, Vec<ChangeErrors>), StoreError> {
    let recorded_at = ctx.recorded_at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let mut applied = Vec::with_capacity(changes.len());
    let mut refused = Vec::new();
    for (index, change) in changes.iter().enumerate() {
        match apply_one(tx, cache, change, ctx, &recorded_at)? {
            Ok(id) => applied.push(Applied {
                index,
                op: change.op().to_string(),
                id,
            }),
            Err(errors) => refused.push(ChangeErrors {
                index,
                op: change.op().to_string(),
                errors,
            }),
        }
    }
    Ok((applied, refused))
}

/// Validates one change and, if it passed, writes it with its audit row and tells the cache
/// what it changed: the id it wrote, or its problems.
fn apply_one(
    tx: &Connection,
    cache: &mut BatchCache,
    change: &Change,
    ctx: &ApplyContext<'_>,
    recorded_at: &str,
) -> Result<Result<Option<i64>, Vec<caseload_core::validate::FieldError>>, StoreError> {
    let (child, errors) = check::check(tx, cache, change, ctx.as_of)?;
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let written = write(tx, change)?;
    let child = written.child.or(child);
    cache.written(change, child);
    audit::append(
        tx,
        &NewAuditRow {
            recorded_at,
            actor: ctx.actor,
            op: change.op(),
            child,
            change_json: &audited_change(change)?,
            before_json: written.before.as_deref(),
            after_json: written.after.as_deref(),
            source: ctx.source,
        },
    )?;
    Ok(Ok(written.id))
}

/// Writes one validated change through the module of the table it changes.
fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::AddIro { .. } | Change::UpdateIro { .. } => iros::write(conn, change),
        Change::AddChild { .. } | Change::UpdateChild { .. } | Change::AllocateIro { .. } => {
            children::write(conn, change)
        }
        Change::StartCare { .. }
        | Change::UpdateCare { .. }
        | Change::EndCare { .. }
        | Change::SetReviewHistory { .. } => care::write(conn, change),
        Change::StartCpEpisode { .. } | Change::UpdateCpEpisode { .. } => cp::write(conn, change),
        Change::BookMeeting { .. }
        | Change::MoveMeeting { .. }
        | Change::CancelMeeting { .. }
        | Change::AdjournMeeting { .. }
        | Change::RecordMeeting { .. }
        | Change::UpdateMeetingOutcome { .. }
        | Change::RecordChildSeen { .. }
        | Change::RecordSocialWorkerContact { .. }
        | Change::RecordReportsReceived { .. }
        | Change::RecordDecisionsSent { .. }
        | Change::RecordRecordSent { .. } => meetings::write(conn, change),
        Change::SaveRecordDraft { .. }
        | Change::FinaliseRecord { .. }
        | Change::DecisionDone { .. }
        | Change::DecisionDropped { .. } => records::write(conn, change),
        Change::RaiseDispute { .. }
        | Change::EscalateDispute { .. }
        | Change::RecordDisputeResponse { .. }
        | Change::ResolveDispute { .. }
        | Change::ReferToCafcass { .. } => disputes::write(conn, change),
        Change::SetRuleOverride { .. }
        | Change::ClearRuleOverride { .. }
        | Change::SetDisputeLadder { .. }
        | Change::SetDisputeReasons { .. } => rules::write(conn, change),
        Change::ImportHolidays { .. }
        | Change::SetSettings { .. }
        | Change::SetLetterTemplate { .. } => settings::write(conn, change),
        Change::ReceiveChild { .. } | Change::TransferOut { .. } => handover::write(conn, change),
    }
}
